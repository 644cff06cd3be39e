package quotes

import (
	"context"
	"math"
	"sort"
	"strings"

	"github.com/shownotes/shownotes/stages/lexical"
)

// stopwords carry no topic: they are left out of sentence similarity.
var stopwords = lexical.Set(`a an the and or but so if then than that this these those it its
		is are was were be been being am do does did have has had i me my we us our you your he him his
		she her they them their what which who whom whose when where why how not no yes to of in on at
		by for with from as into about like just very really also there here all any some can could
		would should will shall may might must one ones get got go going know mean think yeah okay oh
		um uh well kind sort lot thing things way actually basically right said say says`)

// contentWords returns the lower-cased, crudely stemmed content words of a
// text.
func contentWords(words []string) []string {
	var out []string
	for _, w := range words {
		w = lexical.Fold(w)
		if w == "" || stopwords[w] || len(w) < 3 {
			continue
		}
		out = append(out, stem(w))
	}
	return out
}

// stem strips a few English suffixes so "election" and "elections" meet.
func stem(w string) string {
	for _, suf := range []string{"ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "ly", "s"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 4 {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// textRank scores sentences by centrality (Mihalcea & Tarau 2004): a graph
// whose nodes are sentences and whose edge weights are the number of shared
// content words divided by log|A| + log|B|; PageRank with damping 0.85.
// Sentences that share vocabulary with many others, the episode's main
// themes, score high. Scores are scaled so the best is 1.
func textRank(sents [][]string) []float64 {
	s, _ := textRankContext(context.Background(), sents)
	return s
}

// textRankContext is textRank that stops with ctx's error when ctx is done.
func textRankContext(ctx context.Context, sents [][]string) ([]float64, error) {
	n := len(sents)
	score := make([]float64, n)
	if n == 0 {
		return score, nil
	}
	sets := make([]map[string]bool, n)
	for i, s := range sents {
		sets[i] = map[string]bool{}
		for _, w := range s {
			sets[i][w] = true
		}
	}
	// inverted index: only sentence pairs that share a word get an edge
	index := map[string][]int{}
	for i, s := range sets {
		for w := range s {
			index[w] = append(index[w], i)
		}
	}
	type edge struct {
		to int
		w  float64
	}
	adj := make([][]edge, n)
	out := make([]float64, n)
	shared := make([]int, n)
	var js []int
	for i := range n {
		if i%64 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		// shared words per other sentence, in a dense counter reset after
		// use (a map per sentence made 10,000 short turns take minutes)
		js = js[:0]
		for w := range sets[i] {
			for _, j := range index[w] {
				if j != i {
					if shared[j] == 0 {
						js = append(js, j)
					}
					shared[j]++
				}
			}
		}
		sort.Ints(js)
		for _, j := range js {
			c := shared[j]
			shared[j] = 0
			den := math.Log(float64(len(sets[i])+1)) + math.Log(float64(len(sets[j])+1))
			if den <= 0 {
				continue
			}
			w := float64(c) / den
			adj[i] = append(adj[i], edge{j, w})
			out[i] += w
		}
	}
	for i := range score {
		score[i] = 1
	}
	next := make([]float64, n)
	for range 40 {
		for i := range next {
			next[i] = 0.15
		}
		for i := range n {
			if out[i] == 0 {
				continue
			}
			for _, e := range adj[i] {
				next[e.to] += 0.85 * score[i] * e.w / out[i]
			}
		}
		score, next = next, score
	}
	best := 0.0
	for _, s := range score {
		best = max(best, s)
	}
	if best > 0 {
		for i := range score {
			score[i] /= best
		}
	}
	return score, nil
}
