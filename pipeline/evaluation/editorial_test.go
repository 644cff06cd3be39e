package evaluation_test

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/evaluation"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
)

func TestQuoteMatches(t *testing.T) {
	pool := "Our minds are not designed to remember a pie chart or facts."
	for _, tc := range []struct {
		quote string
		want  bool
	}{
		{"Our minds are not designed to remember a pie chart or facts.", true},
		{"our minds are not designed to remember a pie chart", true},                       // contained
		{"So, our minds are not designed to remember a pie chart or facts. 100%.", true},   // contains
		{"Our minds are not … designed to remember a pie chart or facts.", true},           // cut with …
		{"Minds are designed to remember facts, not a pie chart, said our teacher.", true}, // most words shared
		{"You will be forgotten if you only show charts.", false},                          // different line
		{"", false},
	} {
		if got := evaluation.QuoteMatches(tc.quote, pool); got != tc.want {
			t.Errorf("QuoteMatches(%q) = %v, want %v", tc.quote, got, tc.want)
		}
	}
}

func words(text string, turnOf func(i int) int) *pipeline.Transcript {
	tr := &pipeline.Transcript{}
	for i, w := range strings.Fields(text) {
		tr.Words = append(tr.Words, pipeline.Word{Text: w, Turn: turnOf(i)})
	}
	return tr
}

func TestVerbatim(t *testing.T) {
	tr := words("So the risk you take is, you know, that you will be forgotten. Next turn.", func(i int) int { return i / 13 })
	for _, tc := range []struct {
		text string
		span pipeline.Span
		want bool
	}{
		{"the risk you take is, you know, that you will be forgotten.", pipeline.Span{First: 1, End: 13}, true},
		{"the risk you take is, … that you will be forgotten.", pipeline.Span{First: 1, End: 13}, true},
		{"the risk you take is that you will be forgotten.", pipeline.Span{First: 1, End: 13}, false}, // a cut without …
		{"the risk … forgotten. Next", pipeline.Span{First: 1, End: 14}, false},                       // crosses a turn
		{"risk you take", pipeline.Span{First: 1, End: 4}, false},                                     // does not open the range
		{"the risk you take", pipeline.Span{First: 1, End: 50}, false},
	} {
		if got := evaluation.Verbatim(tr, evaluation.FoundQuote{Text: tc.text, Words: tc.span}); got != tc.want {
			t.Errorf("Verbatim(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestStartWords(t *testing.T) {
	tr := words("Hello there. Today my guest is Ann. Okay, well-known facts first. Today my guest is back.", func(int) int { return 0 })
	got := evaluation.StartWords(tr, []string{"Today my guest is Ann.", "Okay, well known facts first.", "Missing sentence.", "Today my guest is back."})
	want := []int{2, 7, -1, 11}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("StartWords = %v, want %v", got, want)
		}
	}
}

func TestScoreChapters(t *testing.T) {
	for _, tc := range []struct {
		gold, got []float64
		matched   int
	}{
		{[]float64{0, 60, 300}, []float64{0, 80, 340}, 2},
		{[]float64{0, 60}, []float64{0, 55, 70}, 2}, // one to one
		{nil, []float64{0}, 0},
		{[]float64{0}, nil, 0},
	} {
		s := evaluation.ScoreChapters(tc.gold, tc.got, 30)
		if s.Matched != tc.matched {
			t.Errorf("ScoreChapters(%v, %v) matched %d, want %d", tc.gold, tc.got, s.Matched, tc.matched)
		}
	}
	s := evaluation.ScoreChapters([]float64{0, 100}, []float64{0, 50, 100, 150}, 30)
	if s.Recall != 1 || s.Precision != 0.5 {
		t.Errorf("recall %v precision %v, want 1 and 0.5", s.Recall, s.Precision)
	}
}

// TestEditorGolds: every editor gold of the corpus loads and its chapter
// starts are found in order in its plain transcript's text.
func TestEditorGolds(t *testing.T) {
	dir := testcorpus.Need(t)
	golds, err := evaluation.EditorGolds(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(golds) == 0 {
		t.Fatal("no gold/*_editor.json in the corpus")
	}
	for _, g := range golds {
		b, err := os.ReadFile(filepath.Join(dir, g.Transcript))
		if err != nil {
			t.Fatal(err)
		}
		tr := words(string(b), func(int) int { return 0 })
		for i, w := range evaluation.StartWords(tr, g.ChapterStarts) {
			if w < 0 {
				t.Errorf("%s: chapter start %d not found: %q", g.Name, i, g.ChapterStarts[i])
			}
		}
		if len(g.QuotesPool) == 0 {
			t.Errorf("%s: empty quotes pool", g.Name)
		}
	}
}

func TestMatchTokens(t *testing.T) {
	got := evaluation.MatchTokens([]string{"Hi,", "I'm", "Alex.", "extra", "Thanks!"}, []string{"Hi,", "um", "I'm", "Alex.", "Thanks!"})
	want := []int{0, 2, 3, -1, 4}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("MatchTokens = %v, want %v", got, want)
		}
	}
}

func TestScoreTimes(t *testing.T) {
	s := evaluation.ScoreTimes([]float64{0.5, -2, math.NaN(), 0.1, 1})
	if s.N != 4 || s.Within1s != 3 || s.Median != 0.75 || s.Max != 2 {
		t.Errorf("ScoreTimes = %+v", s)
	}
	if s := evaluation.ScoreTimes(nil); s.N != 0 {
		t.Errorf("ScoreTimes(nil) = %+v", s)
	}
}
