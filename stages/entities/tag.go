package entities

import (
	"context"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/lexical"
)

// token is one of the run's prose tokens (lexical.Tagging) with where it
// stands in its sentence.
type token struct {
	lexical.Token
	// SentStart marks the first word-like token of its sentence, and
	// ClauseStart one right after a punctuation mark (a capital there
	// may be the start of a quoted sentence rather than a name).
	SentStart, ClauseStart bool
}

// sentences gives the run's tagging of the transcript (tagging it here
// when the run has none) as tokens with their sentence and clause starts.
func sentences(ctx context.Context, tr *pipeline.Transcript, tags *lexical.Tagging) ([][]token, error) {
	if tags == nil {
		var err error
		if tags, err = lexical.Tag(ctx, tr); err != nil {
			return nil, err
		}
	}
	// a bracketed note ("[Dan laughs] What if …") stands between clauses
	afterNote := map[int]bool{}
	for _, n := range tr.Notes {
		afterNote[n.Before] = true
	}
	out := make([][]token, len(tags.Sentences))
	for i, s := range tags.Sentences {
		sent := make([]token, len(s))
		for j, t := range s {
			sent[j].Token = t
		}
		markStarts(sent)
		for j := range sent {
			if afterNote[sent[j].Word] && (j == 0 || sent[j-1].Word != sent[j].Word) && !sent[j].SentStart {
				sent[j].ClauseStart = true
			}
		}
		out[i] = sent
	}
	return out, nil
}

// markStarts flags sentence- and clause-initial tokens.
func markStarts(sent []token) {
	first := true
	afterPunct := false
	for i := range sent {
		t := sent[i].Text
		if !hasLetterOrDigit(t) {
			switch t {
			case ",", ";", ":", `"`, "(", "[", "-", "--", "…":
				afterPunct = true
			case ".", "?", "!":
				first = true
			}
			continue
		}
		sent[i].SentStart = first
		sent[i].ClauseStart = afterPunct
		first, afterPunct = false, false
		if endsWord(sent, i) {
			first = true
		}
	}
}

func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if isLetter(r) || (r >= '0' && r <= '9') {
			return true
		}
	}
	return false
}
