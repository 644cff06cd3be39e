package lexical

import (
	"cmp"
	"context"
	"maps"
	"math"
	"slices"
	"strings"
)

// Stopwords are the words that carry no topic: function words, fillers of
// speech and the vaguest verbs and nouns. One list for every stage: they
// are left out of sentence similarity, topic shifts and titles.
var Stopwords = Set(`
	a able about above actually after again against ah all also am an and any anything anyway are aren't
	as at back basically be because been before being below between both but by came can can't cannot
	come could couldn't did didn't do does doesn't doing don't down during each even ever every
	everything few for from further get gets getting go goes going gonna got guess had hadn't has hasn't
	have haven't having he he'd he'll he's her here here's hers herself him himself his hmm how how's
	however i i'd i'll i'm i've if in into is isn't it it's its itself just kind kinda know let's like
	look looking lot lots make many may maybe me mean might mm more most much must mustn't my myself no
	nor not nothing now of off oh okay on once one ones only or other ought our ours ourselves out over
	own pretty quite really right said same say says see shall she she'd she'll she's should shouldn't
	so some something sort still stuff such sure take talk talking tell than thank thanks that that's
	the their theirs them themselves then there there's these they they'd they'll they're they've thing
	things think this those though through to told too uh um under until up upon us very wanna want was
	wasn't way we we'd we'll we're we've well went were weren't what what's when when's where where's
	whether which while who who's whom whose why why's will with won't would wouldn't yeah yes yet you
	you'd you'll you're you've your yours yourself yourselves`)

// Stem reduces a folded word to a crude stem so that inflections meet
// ("elections" → "election", "companies" → "company", "learning" →
// "learn"): a possessive "'s" goes, then one suffix: -ies and -ied become
// -y, -ations -ation, and -ings, -ing, -ed, -ly, -s (not -ss) go, each only
// when enough letters stay (three before -ies, -ied and -s, four before the
// others). It is the one stemmer of shownotes.
func Stem(w string) string {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	for _, r := range stemRules {
		if strings.HasSuffix(w, r.suf) && len(w)-len(r.suf) >= r.keep {
			return w[:len(w)-len(r.suf)] + r.repl
		}
	}
	if strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3 {
		return w[:len(w)-1]
	}
	return w
}

var stemRules = []struct {
	suf, repl string
	keep      int
}{
	{"ies", "y", 3}, {"ied", "y", 3}, {"ations", "ation", 4}, {"ings", "", 4}, {"ing", "", 4}, {"ed", "", 4}, {"ly", "", 4},
}

// Term returns the content term of a transcript word: folded (see Fold),
// stemmed, "" for a stop word or a word of fewer than three letters.
func Term(w string) string {
	w = Fold(w)
	if len(w) < 3 || Stopwords[w] {
		return ""
	}
	w = Stem(w)
	if Stopwords[w] {
		return ""
	}
	return w
}

// Terms returns the content terms of words, in order (see Term).
func Terms(words []string) []string {
	var out []string
	for _, w := range words {
		if t := Term(w); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// TFIDF weighs each document's terms by (1 + log tf) · log((n+1)/df) with
// the documents (usually sentences) as the collection.
func TFIDF(docs [][]string) []map[string]float64 {
	tf := make([]map[string]float64, len(docs))
	df := map[string]int{}
	for i, d := range docs {
		tf[i] = map[string]float64{}
		for _, w := range d {
			if tf[i][w] == 0 {
				df[w]++
			}
			tf[i][w]++
		}
	}
	n := float64(len(docs))
	for _, v := range tf {
		for w, c := range v {
			v[w] = (1 + math.Log(c)) * math.Log((n+1)/float64(df[w]))
		}
	}
	return tf
}

// minSimilarity is the least cosine similarity that links two sentences in
// the TextRank graph.
const minSimilarity = 0.05

// TextRank scores sentences by centrality (Mihalcea & Tarau 2004): the
// nodes are sentences given as TF-IDF vectors (see TFIDF), the edges their
// cosine similarities above 0.05, ranked by PageRank with damping 0.85 over
// 40 iterations. Sentences that share vocabulary with many others, the
// episode's themes, score high; scores are scaled so the best is 1. It
// stops with ctx's error when ctx is done.
func TextRank(ctx context.Context, vecs []map[string]float64) ([]float64, error) {
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
	// The cosine of every pair that shares a term, accumulated through an
	// inverted index: pairs sharing nothing (most of a long episode's) cost
	// nothing, and no map is walked per pair (10,000 short turns took
	// minutes when every pair was compared).
	type posting struct {
		sent int
		w    float64
	}
	// Terms are walked in sorted order, never in map order: floating-point
	// sums then come out the same on every run, so a rerun writes the same
	// scores.
	index := map[string][]posting{}
	norm := make([]float64, n)
	terms := make([][]string, n)
	for i, v := range vecs {
		terms[i] = slices.Sorted(maps.Keys(v))
		for _, k := range terms[i] {
			w := v[k]
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
		for _, k := range terms[i] {
			wi := vecs[i][k]
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
		slices.Sort(touched) // a fixed order: the same sums, the same ranks
		for _, j := range touched {
			d := dot[j]
			dot[j], seen[j] = 0, false
			if norm[j] == 0 {
				continue
			}
			if w := d / (norm[i] * norm[j]); w > minSimilarity {
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
	best := 0.0
	for _, r := range rank {
		best = max(best, r)
	}
	if best > 0 {
		for i := range rank {
			rank[i] /= best
		}
	}
	return rank, nil
}
