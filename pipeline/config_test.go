package pipeline

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func fmtPrint(s string) { fmt.Println(s) }

func TestLoadPodcast(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, body, wantErr string
		want                Podcast
	}{
		{"ok", "title = \"Show\"\nbase_url = \"https://x\"\nexplicit = true\nhosts = [\"A\"]\n", "", Podcast{Title: "Show", BaseURL: "https://x", Explicit: true, Hosts: []string{"A"}}},
		{"unknown key", "titel = \"Show\"\n", "unknown key \"titel\"", Podcast{}},
		{"bad toml", "title = \n", "bad configuration", Podcast{}},
	}
	for _, tc := range tests {
		p := filepath.Join(dir, tc.name+".toml")
		os.WriteFile(p, []byte(tc.body), 0o644)
		got, err := LoadPodcast(p)
		if tc.wantErr != "" {
			if err == nil || !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("LoadPodcast(%s) = %v, want error containing %q", tc.name, err, tc.wantErr)
			}
			continue
		}
		if err != nil || fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("LoadPodcast(%s) = %+v, %v, want %+v", tc.name, got, err, tc.want)
		}
	}
}

func TestLoadGlossary(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, body, wantErr string
		entries             int
	}{
		{"ok", "[[entry]]\nname = \"Enlitic\"\nmatch = [\"Analytic\"]\ntype = \"ORG\"\nlink = \"https://enlitic.com\"\n", "", 1},
		{"bad type", "[[entry]]\nname = \"X\"\ntype = \"COMPANY\"\n", "is not one of", 0},
		{"no name", "[[entry]]\nmatch = [\"x\"]\n", "has no name", 0},
	}
	for _, tc := range tests {
		p := filepath.Join(dir, tc.name+".toml")
		os.WriteFile(p, []byte(tc.body), 0o644)
		g, err := LoadGlossary(p)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("LoadGlossary(%s) = %v, want error containing %q", tc.name, err, tc.wantErr)
			}
			continue
		}
		if err != nil || len(g.Entries) != tc.entries {
			t.Errorf("LoadGlossary(%s) = %d entries, %v, want %d", tc.name, len(g.Entries), err, tc.entries)
		}
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f.txt")
	os.WriteFile(p, []byte("old"), 0o644)
	if err := WriteFileAtomic(p, []byte("new"), 0o644); err != nil {
		t.Fatalf("WriteFileAtomic() = %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Errorf("content = %q, want %q", b, "new")
	}
	// A directory that does not exist: an error, nothing left behind.
	if err := WriteFileAtomic(filepath.Join(dir, "no", "f"), []byte("x"), 0o644); err == nil {
		t.Error("WriteFileAtomic(missing dir) = nil, want an error")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("dir holds %d entries, want 1", len(ents))
	}
}

func TestTranscriptText(t *testing.T) {
	tr := &Transcript{Words: []Word{{Text: "Hi,"}, {Text: "there."}, {Text: "Bye."}}}
	if got := tr.Text(Span{0, 2}); got != "Hi, there." {
		t.Errorf("Text(0,2) = %q, want %q", got, "Hi, there.")
	}
	if s, e := tr.SpanTime(Span{1, 1}); Known(s) || Known(e) {
		t.Errorf("SpanTime(empty) = %v,%v, want NoTime", s, e)
	}
}

// The -update flag refreshes golden files in the packages that have them
// (go test ./... -update); this package has none, but takes the flag so
// that the command runs everywhere. It cannot import testcorpus, which
// declares it elsewhere, without an import cycle.
var _ = flag.Bool("update", false, "rewrite golden files (none in this package)")

// TestSettingsBounded: a settings file that never ends (/dev/zero) or is
// huge is refused after at most MaxSettingsSize bytes, naming the file.
func TestSettingsBounded(t *testing.T) {
	big := filepath.Join(t.TempDir(), "huge.toml")
	os.WriteFile(big, []byte("# "+strings.Repeat("x", MaxSettingsSize)+"\n"), 0o644)
	paths := []string{big}
	if _, err := os.Stat("/dev/zero"); err == nil {
		paths = append(paths, "/dev/zero", "/dev/urandom")
	}
	for _, p := range paths {
		for name, load := range map[string]func(string) error{
			"podcast":  func(p string) error { _, err := LoadPodcast(p); return err },
			"glossary": func(p string) error { _, err := LoadGlossary(p); return err },
		} {
			err := load(p)
			if err == nil || !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "larger than") {
				t.Errorf("%s(%s) = %v, want a bounded-size error naming the file", name, p, err)
			}
		}
	}
	if _, err := LoadPodcast(t.TempDir()); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Errorf("LoadPodcast(dir) = %v, want is a directory", err)
	}
}
