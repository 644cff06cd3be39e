package entities

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	prose "github.com/jdkato/prose/v2"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/lexical"
)

// token is one prose token mapped back to the transcript word it came from.
type token struct {
	Text  string // prose's token ("Modi", "'s", ",")
	Tag   string // Penn Treebank POS tag
	Label string // prose's IOB entity label ("B-PERSON", "I-GPE", "O")
	Word  int    // index into Transcript.Words
	// SentStart marks the first word-like token of its sentence, and
	// ClauseStart one right after a punctuation mark (a capital there
	// may be the start of a quoted sentence rather than a name).
	SentStart, ClauseStart bool
}

var quoteSanitizer = strings.NewReplacer("\u201c", `"`, "\u201d", `"`, "\u2018", "'", "\u2019", "'", "&rsquo;", "'")

// tagSentences runs prose on each sentence of the transcript (segmentation
// off: the transcript's own sentences are used) and maps every token back to
// its word. Sentences are the parser's; without them, paragraphs or turns.
func tagSentences(ctx context.Context, tr *pipeline.Transcript) ([][]token, error) {
	spans := tr.Sentences
	if len(spans) == 0 {
		spans = tr.Paragraphs
	}
	if len(spans) == 0 {
		for _, tu := range tr.Turns {
			spans = append(spans, tu.Words)
		}
	}
	// Loading the model takes a while and cannot be interrupted: wait for
	// it or for ctx, whichever comes first (the load finishes and is kept
	// for the next call either way).
	loaded := make(chan *prose.Model, 1)
	go func() { loaded <- lexical.ProseModel() }()
	var m *prose.Model
	select {
	case m = <-loaded:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	// Sentences are tagged independently (the model is read only), on
	// every core: the stage runs after the aligner, when nothing else is
	// left to do (BenchmarkFindSeed: 414 -> 246 ms a run on 2 cores).
	tagged := make([][]token, len(spans))
	var (
		next atomic.Int64
		wg   sync.WaitGroup
		errs = make([]error, runtime.GOMAXPROCS(0))
	)
	for w := range errs {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(spans) {
					return
				}
				if i%32 == 0 && ctx.Err() != nil {
					errs[w] = ctx.Err()
					return
				}
				sent, err := tagSpan(tr, spans[i], m)
				if err != nil {
					errs[w] = err
					return
				}
				tagged[i] = sent
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	out := make([][]token, 0, len(spans))
	for _, sent := range tagged {
		if sent != nil {
			out = append(out, sent)
		}
	}
	return out, nil
}

// tagSpan tags the words of one sentence (nil: a span outside the words).
func tagSpan(tr *pipeline.Transcript, sp pipeline.Span, m *prose.Model) ([]token, error) {
	if sp.First < 0 || sp.End > len(tr.Words) || sp.Len() <= 0 {
		return nil, nil
	}
	words := make([]string, sp.Len())
	for i := range words {
		words[i] = quoteSanitizer.Replace(tr.Words[sp.First+i].Text)
	}
	doc, err := prose.NewDocument(strings.Join(words, " "),
		prose.WithSegmentation(false), prose.UsingModel(m))
	if err != nil {
		return nil, err
	}
	toks := doc.Tokens()
	sent := make([]token, 0, len(toks))
	w, off := 0, 0 // current word (relative) and byte offset inside it
	for _, tk := range toks {
		// find tk.Text at or after the current position
		for w < len(words) {
			if i := strings.Index(words[w][off:], tk.Text); i >= 0 {
				off += i + len(tk.Text)
				break
			}
			w, off = w+1, 0
		}
		if w >= len(words) {
			break // tokenizer produced text we cannot place; stop this sentence
		}
		sent = append(sent, token{Text: tk.Text, Tag: tk.Tag, Label: tk.Label, Word: sp.First + w})
		if off >= len(words[w]) {
			w, off = w+1, 0
		}
	}
	markStarts(sent)
	return sent, nil
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
