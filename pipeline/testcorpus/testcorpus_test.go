package testcorpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
)

func TestEpisodeSample(t *testing.T) {
	for _, opts := range []EpisodeOptions{{}, {Timed: true}, {Timed: true, BlankLines: true, Tail: 1}} {
		al := MustEpisode(t, Sample(), opts)
		tr := al.Transcript
		if got, want := len(tr.Words), 79; got != want {
			t.Fatalf("Episode(sample, %+v): %d words, want %d", opts, got, want)
		}
		if got, want := strings.Join(tr.Speakers(), ","), "Alex Wang,Jeremy Howard"; got != want {
			t.Errorf("Episode(sample, %+v) speakers = %q, want %q", opts, got, want)
		}
		if tr.Header.Guest != "Jeremy Howard" || tr.Header.Bio != "Deep learning researcher & educator" {
			t.Errorf("Episode(sample, %+v) header = %+v, want guest Jeremy Howard and the bio", opts, tr.Header)
		}
		for name, ss := range map[string][]pipeline.Span{"sentences": tr.Sentences, "paragraphs": tr.Paragraphs} {
			next := 0
			for _, s := range ss {
				if s.First != next || s.End <= s.First || tr.Words[s.First].Turn != tr.Words[s.End-1].Turn {
					t.Fatalf("Episode(sample, %+v) %s %v do not tile the words within turns", opts, name, ss)
				}
				next = s.End
			}
			if next != len(tr.Words) {
				t.Errorf("Episode(sample, %+v) %s end at %d, want %d", opts, name, next, len(tr.Words))
			}
		}
		last := tr.Words[len(tr.Words)-1]
		tail := opts.Tail
		if tail == 0 {
			tail = 2
		}
		switch {
		case !opts.Timed && (al.Timed || pipeline.Known(last.Start)):
			t.Errorf("Episode(sample, untimed) has times")
		case opts.Timed && (!al.Timed || !pipeline.Known(last.End)):
			t.Errorf("Episode(sample, timed) has no times")
		case opts.Timed && al.Duration != last.End+tail:
			t.Errorf("Episode(sample, %+v) duration = %v, want %v", opts, al.Duration, last.End+tail)
		}
	}
}

func TestEpisodeErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Episode(dir, EpisodeOptions{}); err == nil {
		t.Error("Episode(empty dir) = nil error")
	}
	for _, truth := range []string{"{", `{"tokens": []}`} {
		if err := os.WriteFile(filepath.Join(dir, "truth.json"), []byte(truth), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Episode(dir, EpisodeOptions{}); err == nil {
			t.Errorf("Episode(truth.json %q) = nil error", truth)
		}
	}
}

func TestGolden(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.MkdirAll("testdata", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("testdata", "x.txt"), []byte("a\nb\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	Golden(t, "x.txt", []byte("a\nb\n"))
	for _, tc := range []struct{ got, want, diff string }{
		{"a\nc\n", "a\nb\n", "line 2:\n got: c\nwant: b"},
		{"a\n", "a\nb\n", "line 2:\n got: \nwant: b"},
		{"a\nb\n", "a\nb", "line 3:\n got: \nwant: (end of file)"},
	} {
		if got := firstDiff([]byte(tc.got), []byte(tc.want)); got != tc.diff {
			t.Errorf("firstDiff(%q, %q) = %q, want %q", tc.got, tc.want, got, tc.diff)
		}
	}
}

func ExampleEpisode() {
	al, err := Episode(Sample(), EpisodeOptions{Timed: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	tr := al.Transcript
	fmt.Println(len(tr.Words), "words;", tr.Speakers(), "; guest:", tr.Header.Guest)
	// Output: 79 words; [Alex Wang Jeremy Howard] ; guest: Jeremy Howard
}
