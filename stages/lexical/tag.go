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
// that reads parts of speech or prose's names, in two readings: Sentences
// tags each sentence on its own, with prose's entity labels (what the
// entities stage reads); Text tags the whole transcript as one text, parts
// of speech only, each word in the context of the words before it also
// across sentence ends (what chapter titles read). prose's tags depend on
// that context ("from noise to signal": signal/VB alone, signal/NN after
// the sentence before), and each reader was measured on its own reading:
// entities from whole-text tags lose precision (lennykohavi 0.955 → 0.913)
// and titles from sentence tags lose phrases.
type Tagging struct {
	Sentences [][]Token
	Text      []Token
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
	// it or for ctx, whichever comes first (the load finishes either way,
	// and a caller that comes while it is held shares it).
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
		errs = make([]error, runtime.GOMAXPROCS(0)+1)
		text []Token
	)
	wg.Go(func() { text, errs[len(errs)-1] = tagText(tr, m) })
	for w := range errs[:len(errs)-1] {
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
	g := &Tagging{Sentences: make([][]Token, 0, len(spans)), Text: text, Words: len(tr.Words)}
	for _, sent := range tagged {
		if sent != nil {
			g.Sentences = append(g.Sentences, sent)
		}
	}
	return g, nil
}

// tagSpan tags the words of one sentence, with prose's entity labels
// (nil: a span outside the words).
func tagSpan(tr *pipeline.Transcript, sp pipeline.Span, m *prose.Model) ([]Token, error) {
	if sp.First < 0 || sp.End > len(tr.Words) || sp.Len() <= 0 {
		return nil, nil
	}
	return tagWords(tr.Words[sp.First:sp.End], sp.First, m, true)
}

// tagText tags the whole transcript as one text, parts of speech only.
func tagText(tr *pipeline.Transcript, m *prose.Model) ([]Token, error) {
	return tagWords(tr.Words, 0, m, false)
}

// tagWords tags words as one text (their own spelling, quotes straight,
// joined by spaces) and maps each token back to its word, numbered from
// first. A token that cannot be found near the current word is dropped;
// the search widens by a word for each one dropped in a row, so one odd
// token never loses the rest of the text.
func tagWords(words []pipeline.Word, first int, m *prose.Model, extract bool) ([]Token, error) {
	n := len(words)
	if n == 0 {
		return nil, nil
	}
	var b strings.Builder
	offs := make([]int, n+1)
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		offs[i] = b.Len()
		b.WriteString(StraightQuotes(w.Text))
	}
	text := b.String()
	offs[n] = len(text)
	doc, err := prose.NewDocument(text, prose.WithSegmentation(false), prose.WithExtraction(extract), prose.UsingModel(m))
	if err != nil {
		return nil, err
	}
	var out []Token
	cur, wi, missed := 0, 0, 0
	for _, tok := range doc.Tokens() {
		if tok.Text == "" {
			continue
		}
		limit := offs[min(wi+2+missed, n)]
		j := -1
		if cur <= limit {
			j = strings.Index(text[cur:limit], tok.Text)
		}
		if j < 0 {
			missed++ // the tokenizer changed the text here
			continue
		}
		missed = 0
		p := cur + j
		for wi+1 < n && p >= offs[wi+1] {
			wi++
		}
		out = append(out, Token{Text: tok.Text, Tag: tok.Tag, Label: tok.Label, Word: first + wi})
		cur = p + len(tok.Text)
	}
	return out, nil
}
