package page

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
)

// truth is the part of a rendered episode's truth.json the tests read.
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

// episodeAlignment builds the alignment of a rendered episode (a directory
// holding transcript.txt and truth.json) from the true token times: a new
// turn where the speaker changes, a new paragraph at a blank line, the
// sentences of truth.json, and the header of the user's layout (guest on
// the first line, bio on the third). The page is tested on its own, so it
// does not wait for the transcript parser and the aligner.
func episodeAlignment(t testing.TB, dir string) *pipeline.Alignment {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(filepath.Join(dir, "transcript.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var tr truth
	if err := json.Unmarshal(raw, &tr); err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	out := &pipeline.Transcript{Format: "plain"}
	lines := strings.Split(string(text), "\n")
	if len(lines) > 2 {
		out.Header.Guest = strings.TrimSpace(lines[0])
		out.Header.Bio = strings.TrimSpace(lines[2])
	}
	prevEnd := 0
	for i, tok := range tr.Tokens {
		newTurn := i == 0 || tok.Speaker != tr.Tokens[i-1].Speaker
		newPara := newTurn
		if i > 0 && tok.CharStart >= prevEnd && tok.CharStart <= len(text) &&
			strings.Contains(string(text[prevEnd:tok.CharStart]), "\n\n") {
			newPara = true
		}
		if newTurn {
			out.Turns = append(out.Turns, pipeline.Turn{Speaker: tok.Speaker, Words: pipeline.Span{First: i, End: i}, Time: pipeline.NoTime})
		}
		if newPara {
			out.Paragraphs = append(out.Paragraphs, pipeline.Span{First: i, End: i})
		}
		out.Turns[len(out.Turns)-1].Words.End = i + 1
		out.Paragraphs[len(out.Paragraphs)-1].End = i + 1
		out.Words = append(out.Words, pipeline.Word{
			Text: tok.Text, Speaker: tok.Speaker,
			Turn: len(out.Turns) - 1, Para: len(out.Paragraphs) - 1,
			Anchor: pipeline.NoTime, Start: tok.Start, End: tok.End, Confidence: 1,
		})
		prevEnd = tok.CharEnd
	}
	for _, s := range tr.Sentences {
		sp := pipeline.Span{First: -1}
		for i, tok := range tr.Tokens {
			if tok.CharStart >= s.CharStart && tok.CharEnd <= s.CharEnd {
				if sp.First < 0 {
					sp.First = i
				}
				sp.End = i + 1
			}
		}
		if sp.First >= 0 {
			out.Sentences = append(out.Sentences, sp)
		}
	}
	dur := 0.0
	if n := len(out.Words); n > 0 {
		dur = out.Words[n-1].End + 1
	}
	return &pipeline.Alignment{Transcript: out, Method: "truth", Timed: true, Duration: dur}
}

// wordIndex returns the index of the first word from the given index whose
// text, without punctuation, is w.
func wordIndex(t testing.TB, tr *pipeline.Transcript, from int, w string) int {
	t.Helper()
	for i := from; i < len(tr.Words); i++ {
		if strings.Trim(tr.Words[i].Text, `.,;:!?"'`) == w {
			return i
		}
	}
	t.Fatalf("word %q not in the transcript", w)
	return -1
}

// sampleInput is the page input for an episode directory: the true
// alignment with hand-made chapters, quotes and entities.
func sampleInput(t testing.TB, dir string) Input {
	t.Helper()
	al := episodeAlignment(t, dir)
	tr := al.Transcript
	at := func(i int) float64 { return tr.Words[i].Start }
	prev := wordIndex(t, tr, 0, "Previously")
	thanks := tr.Turns[1].Words.First
	cool := tr.Turns[2].Words.First
	ch := &pipeline.Chapters{Chapters: []pipeline.Chapter{
		{Start: at(0), Title: "Introductions", Words: pipeline.Span{First: 0, End: prev}},
		{Start: at(prev), Title: "Analytic & Kaggle", Words: pipeline.Span{First: prev, End: thanks}},
		{Start: at(thanks), Title: "Thanks", Words: pipeline.Span{First: thanks, End: cool}},
		{Start: at(cool), Title: "First steps in deep learning", Words: pipeline.Span{First: cool, End: len(tr.Words)}},
	}}
	qEnd := wordIndex(t, tr, prev, "medicine") + 1
	q := &pipeline.Quotes{Quotes: []pipeline.Quote{{
		Text: tr.Text(pipeline.Span{First: prev, End: qEnd}), Speaker: tr.Words[prev].Speaker,
		Start: pipeline.Ptr(at(prev)), End: pipeline.Ptr(tr.Words[qEnd-1].End), Score: 1,
		Words: pipeline.Span{First: prev, End: qEnd},
	}}}
	ent := func(name, typ string, first int, mentions int, link string) pipeline.Entity {
		return pipeline.Entity{Name: name, Type: typ, Mentions: mentions, FirstMention: pipeline.Ptr(at(first)), FirstWord: first, Link: link}
	}
	jeremy := wordIndex(t, tr, 0, "Jeremy")
	e := &pipeline.Entities{Entities: []pipeline.Entity{
		ent("Jeremy Howard", pipeline.Person, jeremy, 1, ""),
		ent("Alex Wang", pipeline.Person, wordIndex(t, tr, 0, "Alex"), 1, ""),
		ent("Scale", pipeline.Org, wordIndex(t, tr, 0, "Scale"), 1, "https://scale.com"),
		ent("Fast AI", pipeline.Org, wordIndex(t, tr, 0, "Fast"), 1, "https://www.fast.ai"),
		ent("Analytic", pipeline.Org, wordIndex(t, tr, 0, "Analytic"), 1, ""),
		ent("Kaggle", pipeline.Org, wordIndex(t, tr, 0, "Kaggle"), 1, ""),
	}}
	return Input{
		Alignment: al, Entities: e, Quotes: q, Chapters: ch,
		Title: "How Jeremy Howard got into deep learning", Show: "The Sample Show",
		AudioURL: "episode.wav",
	}
}
