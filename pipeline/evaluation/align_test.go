package evaluation_test

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/shownotes/shownotes/pipeline/evaluation"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
)

// TestScoreAlignmentMatchesPython: the Go evaluator gives the figures of the corpus'
// score_align.py on the same alignment (skipped without python3 or the
// corpus).
func TestScoreAlignmentMatchesPython(t *testing.T) {
	corpus := testcorpus.Need(t)
	py, err := exec.LookPath("python3")
	if err != nil {
		testcorpus.Missing(t, "python3 not found (apt-get install python3): skipping")
	}
	dir := testcorpus.Sample()
	truthPath := filepath.Join(dir, "truth.json")
	truth, err := evaluation.ReadTruth(truthPath)
	if err != nil {
		t.Fatal(err)
	}
	// An alignment with errors of every size: the truth's starts moved by
	// a different amount per word, a few words missing.
	type word struct {
		Text  string  `json:"text"`
		Start float64 `json:"start"`
		End   float64 `json:"end"`
	}
	var words []word
	var timed []evaluation.TimedWord
	for i, tok := range truth.Tokens {
		if i%17 == 5 {
			continue
		}
		off := float64((i*37)%700-350) / 1000
		words = append(words, word{tok.Text, tok.Start + off, tok.End + off})
		timed = append(timed, evaluation.TimedWord{Text: tok.Text, Start: tok.Start + off, End: tok.End + off})
	}
	b, _ := json.Marshal(map[string]any{"words": words})
	alPath := filepath.Join(t.TempDir(), "alignment.json")
	if err := os.WriteFile(alPath, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, filepath.Join(corpus, "tools", "score_align.py"), truthPath, alPath, "--json").Output()
	if err != nil {
		t.Fatalf("score_align.py: %v", err)
	}
	var want map[string]float64
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	got := evaluation.ScoreAlignment(truth, timed)
	pairs := []struct {
		name string
		got  float64
	}{
		{"coverage", got.Coverage}, {"word_median_ms", got.WordMedianMs}, {"word_p90_ms", got.WordP90Ms},
		{"word_p95_ms", got.WordP95Ms}, {"word_within_100ms", got.WordWithin100}, {"word_within_250ms", got.WordWithin250},
		{"sent_median_ms", got.SentMedianMs}, {"sent_p95_ms", got.SentP95Ms}, {"sent_within_250ms", got.SentWithin250},
		{"sent_within_1s", got.SentWithin1s}, {"matched", float64(got.Matched)}, {"sentences", float64(got.Sentences)},
	}
	for _, p := range pairs {
		if math.Abs(p.got-want[p.name]) > 1e-6 {
			t.Errorf("ScoreAlignment().%s = %v, want %v (score_align.py)", p.name, p.got, want[p.name])
		}
	}
}
