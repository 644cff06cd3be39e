package quotes

import (
	"context"
	"flag"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/evaluation"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
	"github.com/shownotes/shownotes/stages/transcript"
)

var fit = flag.Bool("fit", false, "fit the quote weights on the corpus's editor gold and print them (TestFitWeights)")

// show is one editor-gold episode: its transcript, its candidates'
// features and whether each matches a quote of the editor's pool.
type show struct {
	name  string
	tr    *pipeline.Transcript
	pool  []string
	feats [][nFeatures]float64
	label []bool
}

func loadShows(t *testing.T) []show {
	dir := testcorpus.Need(t)
	golds, err := evaluation.EditorGolds(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []show
	for _, g := range golds {
		tr, err := transcript.ParseFile(filepath.Join(dir, filepath.FromSlash(g.Transcript)), transcript.Options{})
		if err != nil {
			t.Fatal(err)
		}
		s := show{name: g.Name, tr: tr, pool: g.QuotesPool}
		cands, _, err := scored(context.Background(), tr, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cands {
			hit := false
			for _, p := range g.QuotesPool {
				if evaluation.QuoteMatches(tr.Text(c.span), p) {
					hit = true
					break
				}
			}
			s.feats = append(s.feats, c.features)
			s.label = append(s.label, hit)
		}
		out = append(out, s)
	}
	return out
}

// topInPool is how many of Pick's first six quotes match the show's pool.
func topInPool(t *testing.T, s show) int {
	qs, err := Pick(s.tr, Options{})
	if err != nil {
		t.Fatal(err)
	}
	found := make([]evaluation.FoundQuote, len(qs.Quotes))
	for i, q := range qs.Quotes {
		found[i] = evaluation.FoundQuote{Text: q.Text, Words: q.Words}
	}
	return evaluation.ScoreQuotes(s.tr, found, s.pool, 6).InPool
}

// logistic fits weights by gradient descent on the log loss, positives
// and negatives weighted equally, with an L2 penalty.
func logistic(shows []show, l2 float64) [nFeatures]float64 {
	var w [nFeatures]float64
	var b float64
	pos, neg := 0, 0
	for _, s := range shows {
		for _, y := range s.label {
			if y {
				pos++
			} else {
				neg++
			}
		}
	}
	if pos == 0 || neg == 0 {
		return w
	}
	for range 3000 {
		var g [nFeatures]float64
		gb := 0.0
		for _, s := range shows {
			for i, f := range s.feats {
				z := b
				for k := range w {
					z += w[k] * f[k]
				}
				p := 1 / (1 + math.Exp(-z))
				y, cw := 0.0, 0.5/float64(neg)
				if s.label[i] {
					y, cw = 1, 0.5/float64(pos)
				}
				for k := range w {
					g[k] += cw * (p - y) * f[k]
				}
				gb += cw * (p - y)
			}
		}
		for k := range w {
			w[k] -= 2 * (g[k] + l2*w[k])
		}
		b -= 2 * gb
	}
	return w
}

// TestFitWeights (go test ./stages/quotes -run FitWeights -fit -v) fits
// the weights on every editor-gold show but one and counts the top six in
// the held-out show's pool, for each show in turn, beside the shipped
// weights; then prints the weights fitted on all shows.
func TestFitWeights(t *testing.T) {
	if !*fit {
		t.Skip("run with -fit to fit the quote weights")
	}
	shows := loadShows(t)
	shipped := weights
	defer func() { weights = shipped }()
	for _, l2 := range []float64{0.001, 0.003, 0.01, 0.05} {
		var line []string
		totalFit, totalShipped := 0, 0
		for i, held := range shows {
			var train []show
			for j, s := range shows {
				if j != i {
					train = append(train, s)
				}
			}
			weights = shipped
			a := topInPool(t, held)
			weights = logistic(train, l2)
			b := topInPool(t, held)
			totalFit += b
			totalShipped += a
			line = append(line, fmt.Sprintf("%s %d->%d", held.name, a, b))
		}
		t.Logf("l2 %.3f leave-one-show-out top-6 in pool: shipped %d, fitted %d of %d: %s", l2, totalShipped, totalFit, 6*len(shows), strings.Join(line, ", "))
		t.Logf("l2 %.3f fitted on all: %.2f", l2, logistic(shows, l2))
	}
}
