// Package evaluation holds the code that measures shownotes against the
// development corpus: gold loading and the scorers. It is used by tests and
// by cmd/evaluate, never by the shownotes binary.
package evaluation

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/shownotes/shownotes/pipeline"
)

// EditorGold is what an editor reading a transcript picked
// (gold/<name>_editor.json): a pool of shareable quotes, each copied
// exactly from the plain layout, and the first sentence of every chapter.
type EditorGold struct {
	Name          string   `json:"-"` // "lennydicks"
	Transcript    string   `json:"transcript"`
	QuotesPool    []string `json:"quotes_pool"`
	ChapterStarts []string `json:"chapter_starts"`
}

// TunedOn are the editor-gold episodes the quotes, chapters and summary
// code was developed on; the others are only checked. lennyrumelt and
// lennyshah joined when the sponsor-read, cold-open and summary rules were
// written with their chapter lists and summaries in view; lennyperkins when
// its chapter list was read for the start cue and the quote weights were
// fitted on all six pools. For quotes, the held-out figure is the
// leave-one-show-out fit that make eval prints (go test ./stages/quotes
// -run FitWeights -fit -v): each show scored with weights fitted on the
// other five.
var TunedOn = map[string]bool{"lennydicks": true, "lennyduke": true, "lennykohavi": true, "lennyperkins": true, "lennyrumelt": true, "lennyshah": true}

// LoadEditorGold reads one gold/<name>_editor.json.
func LoadEditorGold(path string) (*EditorGold, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	g := new(EditorGold)
	if err := json.Unmarshal(b, g); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	g.Name = strings.TrimSuffix(filepath.Base(path), "_editor.json")
	return g, nil
}

// EditorGolds reads every gold/*_editor.json of the corpus directory, in
// name order.
func EditorGolds(corpus string) ([]*EditorGold, error) {
	paths, err := filepath.Glob(filepath.Join(corpus, "gold", "*_editor.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var out []*EditorGold
	for _, p := range paths {
		g, err := LoadEditorGold(p)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, nil
}

// normWords lower-cases a text and splits it into words of letters, digits
// and apostrophes; "…" and other punctuation separate words.
func normWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(strings.ReplaceAll(s, "’", "'")), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
}

// containsSeq reports whether the word sequence b occurs in a.
func containsSeq(a, b []string) bool {
	if len(b) == 0 || len(b) > len(a) {
		return false
	}
	for i := 0; i+len(b) <= len(a); i++ {
		ok := true
		for j := range b {
			if a[i+j] != b[j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// QuoteMatches reports whether a tool's quote and a pool quote are the same
// pick: one contains the other (as word sequences, after normalising case
// and punctuation; a quote with "…" cuts contains each of its pieces), or
// most of their words are shared (the shared distinct words are at least
// half of the larger one's distinct words).
func QuoteMatches(quote, pooled string) bool {
	q, p := normWords(quote), normWords(pooled)
	if len(q) == 0 || len(p) == 0 {
		return false
	}
	if containsSeq(q, p) {
		return true
	}
	pieces := strings.Split(quote, "…")
	all := true
	for _, pc := range pieces {
		w := normWords(pc)
		if len(w) > 0 && !containsSeq(p, w) {
			all = false
			break
		}
	}
	if all {
		return true
	}
	qs, ps := map[string]bool{}, map[string]bool{}
	for _, w := range q {
		qs[w] = true
	}
	for _, w := range p {
		ps[w] = true
	}
	shared := 0
	for w := range qs {
		if ps[w] {
			shared++
		}
	}
	return 2*shared >= max(len(qs), len(ps))
}

// QuoteScore is how a tool's quotes compare with an editor's pool.
type QuoteScore struct {
	Top      int    // quotes scored: the first Top of the tool's list (fewer when it gave fewer)
	InPool   int    // of those, how many match a pool quote
	Verbatim int    // of all the tool's quotes, how many are verbatim (see Verbatim)
	Quotes   int    // all the tool's quotes
	Hits     []bool // per scored quote
}

// FoundQuote is what the scorers read of a quote the tool pulled: its text
// and its source range in the transcript.
type FoundQuote struct {
	Text  string
	Words pipeline.Span
}

// ScoreQuotes compares the first top quotes with the pool and checks every
// quote's verbatim-ness against the transcript.
func ScoreQuotes(tr *pipeline.Transcript, quotes []FoundQuote, pool []string, top int) QuoteScore {
	s := QuoteScore{Quotes: len(quotes)}
	for i, q := range quotes {
		if Verbatim(tr, q) {
			s.Verbatim++
		}
		if i >= top {
			continue
		}
		s.Top++
		hit := false
		for _, p := range pool {
			if QuoteMatches(q.Text, p) {
				hit = true
				break
			}
		}
		s.Hits = append(s.Hits, hit)
		if hit {
			s.InPool++
		}
	}
	return s
}

// Verbatim reports whether a quote is the transcript's own words: its
// source range lies inside one turn, and its text is that range's text
// with at most some runs of words replaced by "…" (each piece a contiguous
// run, in order, the first piece opening the range and the last closing
// it, so nothing is added or reordered).
func Verbatim(tr *pipeline.Transcript, q FoundQuote) bool {
	s := q.Words
	if tr == nil || s.First < 0 || s.End > len(tr.Words) || s.Len() <= 0 {
		return false
	}
	if tr.Words[s.First].Turn != tr.Words[s.End-1].Turn {
		return false
	}
	src := make([]string, 0, s.Len())
	for i := s.First; i < s.End; i++ {
		src = append(src, tr.Words[i].Text)
	}
	pieces := strings.Split(q.Text, "…")
	pos := 0
	for k, pc := range pieces {
		w := strings.Fields(pc)
		if len(w) == 0 {
			continue
		}
		found := -1
		for i := pos; i+len(w) <= len(src); i++ {
			if equalWords(src[i:i+len(w)], w) {
				found = i
				break
			}
			if k == 0 {
				break // the first piece opens the range
			}
		}
		if found < 0 {
			return false
		}
		pos = found + len(w)
	}
	return pos == len(src)
}

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// StartWords finds each chapter start sentence in the transcript, in order
// (each after the one before, as text.find does on the plain layout from the
// previous match), and returns the index of its first word, or -1 when it
// is not found.
func StartWords(tr *pipeline.Transcript, starts []string) []int {
	words := make([]string, len(tr.Words))
	for i, w := range tr.Words {
		ws := normWords(w.Text)
		words[i] = strings.Join(ws, "")
	}
	out := make([]int, len(starts))
	from := 0
	for k, st := range starts {
		out[k] = -1
		want := normWords(st)
		if len(want) == 0 {
			continue
		}
		for i := from; i+len(want) <= len(words); i++ {
			if matchAt(words, i, want) {
				out[k] = i
				from = i + 1
				break
			}
		}
	}
	return out
}

// matchAt reports whether want (normalised words) starts at words[i]; a
// transcript token may hold two normalised words ("well-known" → "wellknown"
// against "well known"), so the comparison runs on the joined letters.
func matchAt(words []string, i int, want []string) bool {
	target := strings.Join(want, "")
	var b strings.Builder
	for j := i; j < len(words) && b.Len() < len(target); j++ {
		b.WriteString(words[j])
	}
	return b.String() == target && words[i] != "" && strings.HasPrefix(target, words[i])
}

// ChapterScore compares chapter starts with an editor's.
type ChapterScore struct {
	Gold, Got, Matched int
	Recall, Precision  float64
}

// ScoreChapters matches the tool's chapter start positions with the gold
// ones one to one, nearest pairs first, a pair counting when they are at
// most tol apart (positions and tol in the same unit: seconds, or words).
func ScoreChapters(gold, got []float64, tol float64) ChapterScore {
	type pair struct {
		g, t int
		d    float64
	}
	var pairs []pair
	for i, g := range gold {
		for j, t := range got {
			if d := math.Abs(g - t); d <= tol {
				pairs = append(pairs, pair{i, j, d})
			}
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool { return pairs[a].d < pairs[b].d })
	usedG, usedT := map[int]bool{}, map[int]bool{}
	s := ChapterScore{Gold: len(gold), Got: len(got)}
	for _, p := range pairs {
		if usedG[p.g] || usedT[p.t] {
			continue
		}
		usedG[p.g], usedT[p.t] = true, true
		s.Matched++
	}
	if s.Gold > 0 {
		s.Recall = float64(s.Matched) / float64(s.Gold)
	}
	if s.Got > 0 {
		s.Precision = float64(s.Matched) / float64(s.Got)
	}
	return s
}

// MatchTokens maps words to reference tokens by normalised text, in order
// (a word may be missing from the tokens and the reverse: each word looks
// for its token among the next 20 not yet matched). It returns, per word,
// the index of its token or -1.
func MatchTokens(words, tokens []string) []int {
	out := make([]int, len(words))
	norm := func(s string) string { return strings.Join(normWords(s), "") }
	j := 0
	for i, w := range words {
		out[i] = -1
		nw := norm(w)
		if nw == "" {
			continue
		}
		for k := j; k < len(tokens) && k < j+20; k++ {
			if norm(tokens[k]) == nw {
				out[i] = k
				j = k + 1
				break
			}
		}
	}
	return out
}

// TimeErrors are the errors of some times against the truth, in seconds.
type TimeErrors struct {
	N, Within1s int
	Median, Max float64
}

// ScoreTimes summarises absolute time errors (NaN entries are not
// counted).
func ScoreTimes(errs []float64) TimeErrors {
	var v []float64
	for _, e := range errs {
		if !math.IsNaN(e) {
			v = append(v, math.Abs(e))
		}
	}
	s := TimeErrors{N: len(v)}
	if len(v) == 0 {
		return s
	}
	sort.Float64s(v)
	s.Median = v[len(v)/2]
	if len(v)%2 == 0 {
		s.Median = (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	s.Max = v[len(v)-1]
	for _, e := range v {
		if e <= 1 {
			s.Within1s++
		}
	}
	return s
}
