package write

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/shownotes/shownotes/pipeline"
	_ "github.com/shownotes/shownotes/pipeline/testcorpus" // declares -update
)

func TestFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	files := []pipeline.File{{Name: "a.txt", Data: []byte("one")}, {Name: "b.json", Data: []byte("{}")}}
	if err := Files(context.Background(), dir, files); err != nil {
		t.Fatalf("Files() = %v, want nil", err)
	}
	for _, f := range files {
		got, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err != nil || string(got) != string(f.Data) {
			t.Errorf("%s = %q, %v, want %q", f.Name, got, err, f.Data)
		}
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 2 {
		t.Errorf("dir holds %d entries, want 2 (no temporary files left)", len(ents))
	}
}

func TestFilesRejects(t *testing.T) {
	tests := []struct {
		name  string
		files []pipeline.File
	}{
		{"path", []pipeline.File{{Name: "../x"}}},
		{"empty", []pipeline.File{{Name: ""}}},
		{"dup", []pipeline.File{{Name: "a"}, {Name: "a"}}},
	}
	for _, tc := range tests {
		if err := Files(context.Background(), t.TempDir(), tc.files); err == nil {
			t.Errorf("Files(%s) = nil, want an error", tc.name)
		}
	}
}

func TestFilesCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	if err := Files(ctx, dir, []pipeline.File{{Name: "a", Data: []byte("x")}}); err == nil {
		t.Fatal("Files(cancelled) = nil, want context.Canceled")
	}
	if _, err := os.Stat(filepath.Join(dir, "a")); !os.IsNotExist(err) {
		t.Errorf("file written despite cancellation")
	}
}

// earlier writes the files of an "earlier run" into dir.
func earlier(t *testing.T, dir string, names ...string) map[string]string {
	t.Helper()
	want := map[string]string{}
	for _, n := range names {
		want[n] = "earlier " + n
		if err := os.WriteFile(filepath.Join(dir, n), []byte(want[n]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return want
}

func checkFiles(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	for n, w := range want {
		got, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil || string(got) != w {
			t.Errorf("%s = %q, %v, want %q", n, got, err, w)
		}
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("leftover %s in the output directory", e.Name())
		}
	}
}

func TestFilesAllOrNothing(t *testing.T) {
	names := []string{"a.txt", "b.txt", "c.txt", "d.txt"}
	newFiles := func() []pipeline.File {
		var fs []pipeline.File
		for _, n := range names {
			fs = append(fs, pipeline.File{Name: n, Data: []byte("new " + n)})
		}
		return fs
	}
	tests := []struct {
		name  string
		block func(t *testing.T, dir string) // makes one target unreplaceable
		errRE string
	}{
		{"last target is a directory", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "d.txt"))
			os.MkdirAll(filepath.Join(dir, "d.txt", "x"), 0o755)
		}, `d\.txt: is a directory`},
		{"middle target is an empty directory", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "b.txt"))
			os.Mkdir(filepath.Join(dir, "b.txt"), 0o755)
		}, `b\.txt: is a directory`},
		{"target is a fifo", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "c.txt"))
			if err := syscall.Mkfifo(filepath.Join(dir, "c.txt"), 0o644); err != nil {
				t.Skip("mkfifo:", err)
			}
		}, `c\.txt: not a regular file`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			want := earlier(t, dir, names...)
			tc.block(t, dir)
			for n := range want {
				if st, err := os.Lstat(filepath.Join(dir, n)); err != nil || !st.Mode().IsRegular() {
					delete(want, n)
				}
			}
			err := Files(context.Background(), dir, newFiles())
			if err == nil || !regexp.MustCompile(tc.errRE).MatchString(err.Error()) {
				t.Fatalf("Files() = %v, want an error matching %s", err, tc.errRE)
			}
			checkFiles(t, dir, want)
		})
	}
}

func TestCommitRollsBack(t *testing.T) {
	dir := t.TempDir()
	want := earlier(t, dir, "a.txt", "b.txt")
	stage := filepath.Join(dir, ".shownotes-staging-x")
	os.Mkdir(stage, 0o755)
	// a.txt and new.txt are staged; b.txt is not, so its rename fails
	// after the first two were committed.
	os.WriteFile(filepath.Join(stage, "a.txt"), []byte("new"), 0o644)
	os.WriteFile(filepath.Join(stage, "new.txt"), []byte("new"), 0o644)
	files := []pipeline.File{{Name: "a.txt"}, {Name: "new.txt"}, {Name: "b.txt"}}
	if err := commit(dir, stage, files); err == nil {
		t.Fatal("commit() = nil, want an error for the missing staged file")
	}
	os.RemoveAll(stage)
	checkFiles(t, dir, want)
	if _, err := os.Stat(filepath.Join(dir, "new.txt")); !os.IsNotExist(err) {
		t.Errorf("new.txt left after a rollback (err %v)", err)
	}
}

func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	dead := stagingPrefix + "999999999-1" // no such process
	live := stagingPrefix + strconv.Itoa(os.Getppid()) + "-2"
	old := stagingPrefix + "3" // no process id: by age
	young := stagingPrefix + "4"
	other := "keep.txt"
	for _, n := range []string{dead, live, old, young} {
		os.Mkdir(filepath.Join(dir, n), 0o755)
	}
	os.WriteFile(filepath.Join(dir, other), nil, 0o644)
	past := time.Now().Add(-2 * time.Hour)
	os.Chtimes(filepath.Join(dir, old), past, past)
	RemoveStale(dir, stagingPrefix, time.Hour)
	for n, keep := range map[string]bool{dead: false, live: true, old: false, young: true, other: true} {
		_, err := os.Stat(filepath.Join(dir, n))
		if got := err == nil; got != keep {
			t.Errorf("%s kept = %v, want %v", n, got, keep)
		}
	}
}

func TestKeepsInputs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "transcript.vtt")
	os.WriteFile(in, []byte("WEBVTT\n"), 0o644)
	files := []pipeline.File{{Name: "transcript.vtt"}, {Name: "a.txt"}}
	if err := KeepsInputs(dir, files, "", in); err == nil || !strings.Contains(err.Error(), "overwrite") {
		t.Errorf("KeepsInputs(input among outputs) = %v, want an error", err)
	}
	if err := KeepsInputs(t.TempDir(), files, in); err != nil {
		t.Errorf("KeepsInputs(other dir) = %v, want nil", err)
	}
}
