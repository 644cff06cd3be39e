package quotes

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
)

// truthTranscript builds a Transcript from a rendered episode's truth.json
// and transcript.txt: one word per token with its true times, a turn per
// speaker change, paragraphs at blank lines and the truth's sentences. It
// stands in for the transcript parser in tests that need true times.
func truthTranscript(t testing.TB, dir string) *pipeline.Transcript {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(filepath.Join(dir, "transcript.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var truth struct {
		Tokens []struct {
			Text       string
			CharStart  int `json:"char_start"`
			Start, End float64
			Speaker    string
		}
		Sentences []struct {
			CharStart int `json:"char_start"`
			CharEnd   int `json:"char_end"`
		}
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		t.Fatal(err)
	}
	tr := &pipeline.Transcript{Format: "plain"}
	lines := strings.SplitN(string(text), "\n", 2)
	tr.Header.Title = strings.TrimSpace(lines[0])
	prevEnd := 0
	for i, tk := range truth.Tokens {
		newTurn := i == 0 || tk.Speaker != truth.Tokens[i-1].Speaker
		gap := ""
		if i > 0 && tk.CharStart >= prevEnd && tk.CharStart <= len(text) {
			gap = string(text[prevEnd:tk.CharStart])
		}
		newPara := i == 0 || newTurn || strings.Contains(gap, "\n\n")
		if newTurn {
			if n := len(tr.Turns); n > 0 {
				tr.Turns[n-1].Words.End = i
			}
			tr.Turns = append(tr.Turns, pipeline.Turn{Speaker: tk.Speaker, Words: pipeline.Span{First: i}, Time: pipeline.NoTime})
		}
		if newPara {
			if n := len(tr.Paragraphs); n > 0 {
				tr.Paragraphs[n-1].End = i
			}
			tr.Paragraphs = append(tr.Paragraphs, pipeline.Span{First: i})
		}
		tr.Words = append(tr.Words, pipeline.Word{
			Text: tk.Text, Speaker: tk.Speaker, Turn: len(tr.Turns) - 1, Para: len(tr.Paragraphs) - 1,
			Anchor: pipeline.NoTime, Start: tk.Start, End: tk.End, Confidence: 1,
		})
		prevEnd = tk.CharStart + len(tk.Text)
	}
	n := len(tr.Words)
	if len(tr.Turns) > 0 {
		tr.Turns[len(tr.Turns)-1].Words.End = n
		tr.Paragraphs[len(tr.Paragraphs)-1].End = n
	}
	w := 0
	for _, s := range truth.Sentences {
		for w < n && truth.Tokens[w].CharStart < s.CharStart {
			w++
		}
		first := w
		for w < n && truth.Tokens[w].CharStart < s.CharEnd {
			w++
		}
		if w > first {
			tr.Sentences = append(tr.Sentences, pipeline.Span{First: first, End: w})
		}
	}
	for _, sp := range tr.Speakers() {
		tr.Header.Speakers = append(tr.Header.Speakers, sp)
	}
	return tr
}
