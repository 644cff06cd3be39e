package summary

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
	"github.com/shownotes/shownotes/stages/lexical"
	"github.com/shownotes/shownotes/stages/transcript"
)

func spanAll(t *pipeline.Transcript) pipeline.Span { return pipeline.Span{First: 0, End: len(t.Words)} }

func TestGolden(t *testing.T) {
	for _, name := range []string{"seed.txt", "sample/transcript.txt"} {
		tr, err := transcript.ParseFile(filepath.Join(testcorpus.Root(), "testdata", name), transcript.Options{})
		if err != nil {
			t.Fatal(err)
		}
		s, err := Summarize(context.Background(), tr, Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkSummary(t, tr.Text(spanAll(tr)), s.Sentences, 2, 3)
		got := []byte(strings.Join(s.Sentences, "\n") + "\n")
		testcorpus.Golden(t, strings.ReplaceAll(name, "/", "-")+".summary", got)
	}
}

func word(text, speaker string, turn int) pipeline.Word {
	return pipeline.Word{Text: text, Speaker: speaker, Turn: turn, Start: pipeline.NoTime, End: pipeline.NoTime}
}

func TestEligible(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"Deep learning is going to be used like everywhere in medicine soon.", true},
		{"He said deep learning is going to be used everywhere in medicine.", false},
		{"The other booths, they told these committees to enroll a hundred members.", false},
		{"The booths, they told these committees to enroll a hundred members each.", false},
		{"Even though I'd started an email company, the stakeholders were not interested.", false},
		{"And deep learning is going to be used like everywhere in medicine.", false},
		{"Is deep learning going to be used like everywhere in medicine now?", false},
		{"Deep learning works.", false},
		{"Deep learning is going to be used like everywhere in medicine soon", false},
	} {
		tr := &pipeline.Transcript{}
		for _, w := range strings.Fields(tc.in) {
			tr.Words = append(tr.Words, word(w, "A", 0))
		}
		v := vectors(tr, []pipeline.Span{spanAll(tr)})[0]
		if got := eligible(tr, spanAll(tr), v, true, false); got != tc.want {
			t.Errorf("eligible(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func FuzzSummarize(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join(testcorpus.Sample(), "transcript.txt")); err == nil {
		f.Add(string(b))
	}
	f.Add("A. B? C! ... [x]")
	f.Fuzz(func(t *testing.T, s string) {
		tr := &pipeline.Transcript{}
		for i, w := range strings.Fields(s) {
			tr.Words = append(tr.Words, word(w, []string{"H", "G"}[i/40%2], i/40))
		}
		got, err := Summarize(context.Background(), tr, Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkSummary(t, tr.Text(spanAll(tr)), got.Sentences, 0, 3)
	})
}

func TestDescribes(t *testing.T) {
	names := map[string]bool{"ann": true, "lee": true}
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"Today my guest is Ann Lee.", whoIs},
		{"Ann's new book is about soil and patience.", whoIs},
		{"Ann, welcome to the show.", plain},
		{"With that, I bring you Ann Lee.", plain},
		{"In our conversation, we talk about soil.", covers},
		{"Soil is alive.", plain},
	} {
		tr := &pipeline.Transcript{}
		for _, w := range strings.Fields(tc.in) {
			tr.Words = append(tr.Words, word(w, "Host", 0))
		}
		if got := describes(tr, spanAll(tr), names); got != tc.want {
			t.Errorf("describes(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

// TestMainClause: a sentence whose only verb is inside a relative clause
// is a fragment; one with its own verb is not.
func TestMainClause(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"Nobody in radiology had heard of deep learning.", true},
		{"Environmental folks trying to do environmental audits, who are studying deep learning.", false},
		{"The people who paint walls are rare.", false}, // a known loss: the relative clause comes first
		{"Big walls in small towns.", false},
		{"Painters will always find a wall.", true},
	} {
		tr, err := transcript.Parse(strings.NewReader("Ann: "+tc.text+"\n"), transcript.Options{})
		if err != nil {
			t.Fatal(err)
		}
		g, err := lexical.Tag(context.Background(), tr)
		if err != nil {
			t.Fatal(err)
		}
		if got := mainClause(tr, pipeline.Span{First: 0, End: len(tr.Words)}, finiteVerbs(tr, g)); got != tc.want {
			t.Errorf("mainClause(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
