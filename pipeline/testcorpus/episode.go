package testcorpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/evaluation"
)

// EpisodeOptions say how Episode builds the alignment; the zero value gives
// untimed words, one paragraph per turn and a duration 2 s past the last
// word.
type EpisodeOptions struct {
	// Timed gives the words their true times (confidence 1); otherwise
	// they are NoTime and the alignment is untimed.
	Timed bool
	// BlankLines starts a new paragraph at a blank line inside a turn, as
	// the transcript parser does; otherwise each turn is one paragraph.
	BlankLines bool
	// Tail is the audio left after the last word's end, in seconds, for
	// Alignment.Duration when timed; 0 means 2.
	Tail float64
}

// Episode reads dir/truth.json and dir/transcript.txt of a rendered
// episode (or testdata/sample) and returns its alignment without the
// transcript parser or the aligner: one word per token, a turn where the
// speaker changes, paragraphs per opts, sentences from the truth's
// sentences (cut where the turn changes; words after the last one form a
// final sentence) and the header read from the lines before the first
// spoken token (see the user's layout in testdata/seed.txt).
func Episode(dir string, opts EpisodeOptions) (*pipeline.Alignment, error) {
	tr, err := evaluation.ReadTruth(filepath.Join(dir, "truth.json"))
	if err != nil {
		return nil, fmt.Errorf("testcorpus: %w", err)
	}
	if len(tr.Tokens) == 0 {
		return nil, fmt.Errorf("testcorpus: %s: no tokens", dir)
	}
	text, err := os.ReadFile(filepath.Join(dir, "transcript.txt"))
	if err != nil {
		return nil, fmt.Errorf("testcorpus: %w", err)
	}
	t := &pipeline.Transcript{Format: "plain"}
	prevEnd := 0
	for i, tok := range tr.Tokens {
		newTurn := i == 0 || tok.Speaker != tr.Tokens[i-1].Speaker
		newPara := newTurn
		if opts.BlankLines && i > 0 && tok.CharStart >= prevEnd && tok.CharStart <= len(text) &&
			strings.Contains(string(text[prevEnd:tok.CharStart]), "\n\n") {
			newPara = true
		}
		if newTurn {
			if n := len(t.Turns); n > 0 {
				t.Turns[n-1].Words.End = i
			}
			t.Turns = append(t.Turns, pipeline.Turn{Speaker: tok.Speaker, Words: pipeline.Span{First: i}, Time: pipeline.NoTime})
		}
		if newPara {
			if n := len(t.Paragraphs); n > 0 {
				t.Paragraphs[n-1].End = i
			}
			t.Paragraphs = append(t.Paragraphs, pipeline.Span{First: i})
		}
		w := pipeline.Word{Text: tok.Text, Speaker: tok.Speaker, Turn: len(t.Turns) - 1, Para: len(t.Paragraphs) - 1,
			Anchor: pipeline.NoTime, Start: pipeline.NoTime, End: pipeline.NoTime}
		if opts.Timed {
			w.Start, w.End, w.Confidence = tok.Start, tok.End, 1
		}
		t.Words = append(t.Words, w)
		prevEnd = tok.CharEnd
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
	if opts.Timed {
		tail := opts.Tail
		if tail == 0 {
			tail = 2
		}
		al.Method, al.Timed, al.Duration = "truth", true, tr.Tokens[n-1].End+tail
	}
	return al, nil
}

// MustEpisode is Episode for tests: it fails the test on an error.
func MustEpisode(t testing.TB, dir string, opts EpisodeOptions) *pipeline.Alignment {
	t.Helper()
	al, err := Episode(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return al
}

// header reads the user's layout before the first turn: the guest's name
// (or a title) on the first line, the bio on the next, then the speakers;
// the last line is the first turn's speaker. Without a named guest the
// second speaker is taken as the guest.
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
