package lexical

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	prose "github.com/jdkato/prose/v2"

	"github.com/shownotes/shownotes/pipeline"
)

// Token is one prose token mapped back to the transcript word it came
// from.
type Token struct {
	Text  string // prose's token ("Modi", "'s", ",")
	Tag   string // Penn Treebank part-of-speech tag
	Label string // prose's IOB entity label ("B-PERSON", "I-GPE", "O")
	Word  int    // index into Transcript.Words
}

// Tagging is a transcript tagged by prose once per run, for every stage
// that reads parts of speech or prose's names (entities, chapter titles):
// one token list per sentence, in transcript order.
type Tagging struct {
	Sentences [][]Token
	Words     int // the tagged transcript's word count
}

// Tokens returns every token in transcript order.
func (g *Tagging) Tokens() []Token {
	var n int
	for _, s := range g.Sentences {
		n += len(s)
	}
	out := make([]Token, 0, n)
	for _, s := range g.Sentences {
		out = append(out, s...)
	}
	return out
}

var straightQuotes = strings.NewReplacer("\u201c", `"`, "\u201d", `"`, "\u2018", "'", "\u2019", "'", "&rsquo;", "'")

// StraightQuotes replaces curly quotes (and an HTML right single quote
// left in by a transcriber's export) by straight ones, as prose's
// tokenizer expects.
func StraightQuotes(s string) string { return straightQuotes.Replace(s) }

// Tag runs prose on each sentence of the transcript (segmentation off: the
// transcript's own sentences are used; without them, paragraphs or turns)
// and maps every token back to its word. Sentences are tagged
// independently on every core (the model is read only). Word indices are
// the same in the parsed transcript and the aligner's timed copy.
func Tag(ctx context.Context, tr *pipeline.Transcript) (*Tagging, error) {
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
	go func() { loaded <- ProseModel() }()
	var m *prose.Model
	select {
	case m = <-loaded:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	tagged := make([][]Token, len(spans))
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
	g := &Tagging{Sentences: make([][]Token, 0, len(spans)), Words: len(tr.Words)}
	for _, sent := range tagged {
		if sent != nil {
			g.Sentences = append(g.Sentences, sent)
		}
	}
	return g, nil
}

// tagSpan tags the words of one sentence (nil: a span outside the words).
func tagSpan(tr *pipeline.Transcript, sp pipeline.Span, m *prose.Model) ([]Token, error) {
	if sp.First < 0 || sp.End > len(tr.Words) || sp.Len() <= 0 {
		return nil, nil
	}
	words := make([]string, sp.Len())
	for i := range words {
		words[i] = StraightQuotes(tr.Words[sp.First+i].Text)
	}
	doc, err := prose.NewDocument(strings.Join(words, " "),
		prose.WithSegmentation(false), prose.UsingModel(m))
	if err != nil {
		return nil, err
	}
	toks := doc.Tokens()
	sent := make([]Token, 0, len(toks))
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
		sent = append(sent, Token{Text: tk.Text, Tag: tk.Tag, Label: tk.Label, Word: sp.First + w})
		if off >= len(words[w]) {
			w, off = w+1, 0
		}
	}
	return sent, nil
}
