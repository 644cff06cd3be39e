// Package episodetest builds aligned transcripts for the tests of the
// rendering stages from a rendered episode's truth.json (tokens with true
// times, sentences) and transcript.txt (the header), without the transcript
// parser or the aligner.
package episodetest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/shownotes/shownotes/pipeline"
)

type truth struct {
	Tokens []struct {
		Text      string  `json:"text"`
		CharStart int     `json:"char_start"`
		CharEnd   int     `json:"char_end"`
		Start     float64 `json:"start"`
		End       float64 `json:"end"`
		Speaker   string  `json:"speaker"`
	} `json:"tokens"`
	Sentences []struct {
		CharStart int `json:"char_start"`
		CharEnd   int `json:"char_end"`
	} `json:"sentences"`
}

// Load reads dir/truth.json and dir/transcript.txt and returns an
// alignment whose words carry the true times (timed) or NoTime (untimed).
// Turns change with the speaker; paragraphs are turns; sentences are the
// truth's sentences; the header is read from the lines before the first
// spoken token.
func Load(dir string, timed bool) (*pipeline.Alignment, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "truth.json"))
	if err != nil {
		return nil, fmt.Errorf("episodetest: %w", err)
	}
	var tr truth
	if err := json.Unmarshal(raw, &tr); err != nil {
		return nil, fmt.Errorf("episodetest: %s: %w", dir, err)
	}
	if len(tr.Tokens) == 0 {
		return nil, fmt.Errorf("episodetest: %s: no tokens", dir)
	}
	text, err := os.ReadFile(filepath.Join(dir, "transcript.txt"))
	if err != nil {
		return nil, fmt.Errorf("episodetest: %w", err)
	}
	t := &pipeline.Transcript{Format: "plain"}
	for i, tok := range tr.Tokens {
		if i == 0 || tok.Speaker != tr.Tokens[i-1].Speaker {
			if len(t.Turns) > 0 {
				t.Turns[len(t.Turns)-1].Words.End = i
				t.Paragraphs[len(t.Paragraphs)-1].End = i
			}
			t.Turns = append(t.Turns, pipeline.Turn{Speaker: tok.Speaker, Words: pipeline.Span{First: i}, Time: pipeline.NoTime})
			t.Paragraphs = append(t.Paragraphs, pipeline.Span{First: i})
		}
		w := pipeline.Word{Text: tok.Text, Speaker: tok.Speaker, Turn: len(t.Turns) - 1, Para: len(t.Paragraphs) - 1,
			Anchor: pipeline.NoTime, Start: pipeline.NoTime, End: pipeline.NoTime}
		if timed {
			w.Start, w.End, w.Confidence = tok.Start, tok.End, 1
		}
		t.Words = append(t.Words, w)
	}
	n := len(t.Words)
	t.Turns[len(t.Turns)-1].Words.End = n
	t.Paragraphs[len(t.Paragraphs)-1].End = n
	ti := 0
	for _, s := range tr.Sentences {
		first := ti
		for ti < n && tr.Tokens[ti].CharStart < s.CharEnd {
			if ti > first && t.Words[ti].Turn != t.Words[ti-1].Turn {
				t.Sentences = append(t.Sentences, pipeline.Span{First: first, End: ti})
				first = ti
			}
			ti++
		}
		if ti > first {
			t.Sentences = append(t.Sentences, pipeline.Span{First: first, End: ti})
		}
	}
	if ti < n {
		t.Sentences = append(t.Sentences, pipeline.Span{First: ti, End: n})
	}
	if c := tr.Tokens[0].CharStart; c > 0 && c <= len(text) {
		t.Header = header(string(text[:c]), t.Speakers())
	}
	al := &pipeline.Alignment{Transcript: t, Method: "none"}
	if timed {
		al.Method, al.Timed, al.Duration = "truth", true, tr.Tokens[n-1].End+2
	}
	return al, nil
}

func header(s string, speakers []string) pipeline.Header {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) > 0 {
		lines = lines[:len(lines)-1] // the first turn's speaker line
	}
	var h pipeline.Header
	isSpeaker := func(l string) bool {
		for _, s := range speakers {
			if s == l {
				return true
			}
		}
		return false
	}
	for i, l := range lines {
		switch {
		case i == 0 && isSpeaker(l):
			h.Guest = l
		case i == 0:
			h.Title = l
		case i == 1:
			h.Bio = l
		default:
			h.Speakers = append(h.Speakers, l)
		}
	}
	if h.Guest == "" && len(speakers) > 1 {
		h.Guest = speakers[1]
	}
	return h
}
