package summary

import (
	"cmp"
	"context"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/lexical"
)

// Options are the summarizer's settings; the zero value works.
type Options struct {
	// Hosts are the speakers who ask the questions; their sentences are
	// used only when the guests' are not enough. Empty (or naming no
	// speaker): see pipeline.Transcript.Hosts.
	Hosts []string
	// Sentences is how many sentences to pick; 0 picks 3 (2 for a
	// transcript under 300 words).
	Sentences int
}

// Summarize picks 2–3 central, self-contained sentences of the transcript,
// verbatim, in episode order.
func Summarize(ctx context.Context, t *pipeline.Transcript, opts Options) (*pipeline.Summary, error) {
	out := &pipeline.Summary{}
	if t == nil || len(t.Words) == 0 {
		return out, nil
	}
	sents := lexical.Sentences(t)
	want := opts.Sentences
	if want <= 0 {
		want = 3
		if len(t.Words) < 300 {
			want = 2
		}
	}
	vecs := vectors(t, sents)
	rank, err := textRank(ctx, vecs)
	if err != nil {
		return nil, err
	}
	hosts := t.Hosts(opts.Hosts)
	score := make([]float64, len(sents))
	for i, s := range sents {
		score[i] = rank[i]
		if hosts[t.Words[s.First].Speaker] {
			score[i] *= 0.6
		}
	}
	var picked []int
	for _, strict := range []bool{true, false} {
		var cands []int
		for i, s := range sents {
			if eligible(t, s, vecs[i], strict) {
				cands = append(cands, i)
			}
		}
		for len(picked) < want {
			best, bestV := -1, math.Inf(-1)
			for _, c := range cands {
				if contains(picked, c) {
					continue
				}
				red := 0.0
				for _, p := range picked {
					red = max(red, lexical.Cosine(vecs[c], vecs[p]))
				}
				if red > 0.5 {
					continue
				}
				if v := score[c] * (1 - 0.7*red); v > bestV {
					best, bestV = c, v
				}
			}
			if best < 0 {
				break
			}
			picked = append(picked, best)
		}
		if len(picked) >= want {
			break
		}
	}
	sort.Ints(picked)
	for _, i := range picked {
		out.Sentences = append(out.Sentences, t.Text(sents[i]))
	}
	return out, nil
}

func contains(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// badStart are first words that need the sentence before to make sense.
var badStart = lexical.Set(`he she it they them him her his its their theirs this that these those there then
and but or so because which who whom whose where when while also yeah yes no well right okay oh um uh
like plus anyway though although than thus hence therefore however besides meanwhile otherwise exactly
absolutely sure totally indeed actually basically again same such both either neither one now`)

// eligible reports whether a sentence can stand alone in the summary.
func eligible(t *pipeline.Transcript, s pipeline.Span, v map[string]float64, strict bool) bool {
	n := s.Len()
	lo, hi := 8, 40
	if !strict {
		lo, hi = 5, 50
	}
	if n < lo || n > hi || len(v) < 3 {
		return false
	}
	first := norm(t.Words[s.First].Text)
	last := strings.TrimRight(t.Words[s.End-1].Text, `"')]”’`)
	if strict && s.Len() > 1 && first == "you" && norm(t.Words[s.First+1].Text) == "know" {
		return false
	}
	if strict && badStart[first] {
		return false
	}
	if !strings.HasSuffix(last, ".") && !strings.HasSuffix(last, "!") {
		return false
	}
	r := []rune(t.Words[s.First].Text)
	if len(r) == 0 || !unicode.IsUpper(r[0]) && !unicode.IsDigit(r[0]) {
		return false
	}
	for i := s.First; i < s.End; i++ {
		w := t.Words[i].Text
		if strings.ContainsAny(w, "?[]") || (i+1 < s.End && strings.HasSuffix(w, "...")) {
			return false
		}
	}
	return true
}

func norm(w string) string {
	return strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' }))
}

// vectors returns a TF-IDF vector of content words per sentence.
func vectors(t *pipeline.Transcript, sents []pipeline.Span) []map[string]float64 {
	tf := make([]map[string]float64, len(sents))
	df := map[string]int{}
	for i, s := range sents {
		tf[i] = map[string]float64{}
		for j := s.First; j < s.End; j++ {
			w := norm(t.Words[j].Text)
			if len(w) < 3 || stop[w] {
				continue
			}
			if strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3 {
				w = w[:len(w)-1]
			}
			if tf[i][w] == 0 {
				df[w]++
			}
			tf[i][w]++
		}
	}
	n := float64(len(sents))
	for _, v := range tf {
		for w, c := range v {
			v[w] = (1 + math.Log(c)) * math.Log((n+1)/float64(df[w]))
		}
	}
	return tf
}

// textRank runs PageRank (damping 0.85) over the sentence similarity graph.
func textRank(ctx context.Context, vecs []map[string]float64) ([]float64, error) {
	n := len(vecs)
	rank := make([]float64, n)
	if n == 0 {
		return rank, nil
	}
	type edge struct {
		to int
		w  float64
	}
	adj := make([][]edge, n)
	out := make([]float64, n)
	// The cosine of every pair that shares a term, through an inverted
	// index: pairs sharing nothing (most of a long episode's) cost nothing,
	// and no map is walked per pair (10,000 short turns took minutes).
	type posting struct {
		sent int
		w    float64
	}
	index := map[string][]posting{}
	norm := make([]float64, n)
	for i, v := range vecs {
		for k, w := range v {
			index[k] = append(index[k], posting{i, w})
			norm[i] += w * w
		}
		norm[i] = math.Sqrt(norm[i])
	}
	dot := make([]float64, n)
	seen := make([]bool, n)
	var touched []int
	for i := range n {
		if i%64 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if norm[i] == 0 {
			continue
		}
		touched = touched[:0]
		for k, wi := range vecs[i] {
			ps := index[k]
			// postings are in sentence order: only the later sentences
			at, _ := slices.BinarySearchFunc(ps, i+1, func(p posting, t int) int { return cmp.Compare(p.sent, t) })
			for _, p := range ps[at:] {
				if !seen[p.sent] {
					seen[p.sent] = true
					touched = append(touched, p.sent)
				}
				dot[p.sent] += wi * p.w
			}
		}
		slices.Sort(touched)
		for _, j := range touched {
			d := dot[j]
			dot[j], seen[j] = 0, false
			if norm[j] == 0 {
				continue
			}
			if w := d / (norm[i] * norm[j]); w > 0.05 {
				adj[i] = append(adj[i], edge{j, w})
				adj[j] = append(adj[j], edge{i, w})
				out[i] += w
				out[j] += w
			}
		}
	}
	for i := range rank {
		rank[i] = 1.0 / float64(n)
	}
	next := make([]float64, n)
	for range 40 {
		for i := range next {
			next[i] = 0.15 / float64(n)
		}
		for i := range n {
			if out[i] == 0 {
				continue
			}
			for _, e := range adj[i] {
				next[e.to] += 0.85 * rank[i] * e.w / out[i]
			}
		}
		rank, next = next, rank
	}
	return rank, nil
}

var stop = lexical.Set(`about above after again against all also and any are because been before being below between
both but can could did does doing down during each even ever every few for from further get gets getting got
had has have having her here hers herself him himself his how however into its itself just kind know like lot
make many may maybe mean more most much must not now off okay once one only other our ours out over own really
right said same say says see she should some something sort still such sure take than that that's the their
theirs them themselves then there there's these they they're thing things think this those though through too
under until upon very was way well went were what when where whether which while who whom why will with would
yeah yes yet you you're your yours actually basically going gonna want got thank thanks anything everything
nothing lots quite pretty able back come came goes look looking told tell talk talking stuff guess don't
didn't it's i'm i've i'd i'll we're we've can't isn't wasn't doesn't`)
