package align

import (
	"fmt"
	"math"
	"sort"

	"github.com/shownotes/shownotes/pipeline"
)

// anchor pins a word's start in the synthetic audio (col) to a time the
// transcript gives for it (row), both in 10 ms frames.
type anchor struct{ col, row int }

// anchorTolerance is how far (in seconds) a word may start from the time
// the transcript gives: exports such as Rev's give whole seconds, and a turn
// time may lead the first word.
const anchorTolerance = 2.0

// maxAnchorDrift is how far, as a share of the episode, a transcript's time
// may lie from the word's proportional place before it is ignored.
const maxAnchorDrift = 0.25

// anchorsOf collects the transcript's own times (bracketed notes, turn
// headers, caption starts) as anchors. Times that go backwards or lie past
// the audio are dropped, keeping the longest run that goes forward, and
// reported.
func anchorsOf(tr *pipeline.Transcript, start []int, m int, frameRate float64, n int, warn func(string)) []anchor {
	var all []anchor
	known := 0
	for k, w := range tr.Words {
		if !pipeline.Known(w.Anchor) {
			continue
		}
		known++
		row := int(math.Round(w.Anchor * frameRate))
		if row < 0 || row >= n {
			continue
		}
		// A time more than a quarter of the episode away from where
		// the word falls in proportion is a copy-and-paste or a clock
		// of another recording, not evidence.
		if math.Abs(float64(row)/float64(n)-float64(start[k])/float64(max(m, 1))) > maxAnchorDrift {
			continue
		}
		all = append(all, anchor{col: start[k], row: row})
	}
	keep := longestIncreasing(all, func(a anchor) float64 {
		return math.Abs(float64(a.row)/float64(n) - float64(a.col)/float64(max(m, 1)))
	})
	if d := known - len(keep); d > 0 {
		warn(fmt.Sprintf("%d of the transcript's %d times were ignored: they go backwards, lie past the end of the audio or far from where their words fall", d, known))
	}
	return keep
}

// longestIncreasing returns the longest subsequence of xs whose cols and
// rows both strictly increase (xs is in word order, so cols never fall).
// Among equally long ones it prefers the one whose anchors deviate least in
// total (a transcript pasted twice has two equally long runs of times; the
// one that fits the words' places is right).
func longestIncreasing(xs []anchor, deviation func(anchor) float64) []anchor {
	if len(xs) == 0 {
		return nil
	}
	if len(xs) <= 4000 {
		return longestIncreasingDP(xs, deviation)
	}
	// Patience sorting on rows, among anchors with strictly larger cols.
	tails := []int{} // index into xs of the smallest tail of each length
	prev := make([]int, len(xs))
	for i, x := range xs {
		l := sort.Search(len(tails), func(t int) bool {
			y := xs[tails[t]]
			return y.row >= x.row || y.col >= x.col
		})
		if l > 0 {
			prev[i] = tails[l-1]
		} else {
			prev[i] = -1
		}
		if l == len(tails) {
			tails = append(tails, i)
		} else {
			tails[l] = i
		}
	}
	out := make([]anchor, len(tails))
	for i, k := len(tails)-1, tails[len(tails)-1]; i >= 0; i, k = i-1, prev[k] {
		out[i] = xs[k]
	}
	return out
}

// guidedBand is a band of half-width w around the line through (0,0), the
// anchors and (n-1, m-1), with coordinates at the level of factor k.
func guidedBand(n, m, w, k int, anchors []anchor) band {
	pts := []anchor{{0, 0}}
	for _, a := range anchors {
		p := anchor{col: a.col / k, row: a.row / k}
		if last := pts[len(pts)-1]; p.row > last.row && p.col >= last.col && p.row < n-1 && p.col < m-1 {
			pts = append(pts, p)
		}
	}
	pts = append(pts, anchor{col: m - 1, row: n - 1})
	b := band{lo: make([]int32, n), hi: make([]int32, n)}
	seg := 0
	for i := 0; i < n; i++ {
		for seg+1 < len(pts)-1 && i > pts[seg+1].row {
			seg++
		}
		p, q := pts[seg], pts[seg+1]
		c := p.col
		if q.row > p.row {
			c = p.col + int(math.Round(float64(i-p.row)*float64(q.col-p.col)/float64(q.row-p.row)))
		}
		b.lo[i], b.hi[i] = int32(max(c-w, 0)), int32(min(c+w, m-1))
	}
	return b
}

// constrain narrows a band so that the path reaches each anchor's column
// within tol rows of its row. An anchor whose constraint would leave a row
// with no cells is left out.
func constrain(b band, anchors []anchor, k, tol int) band {
	n := len(b.lo)
	for _, a := range anchors {
		col, row := int32(a.col/k), a.row/k
		lo, hi := max(row-tol, 0), min(row+tol, n-1)
		ok := true
		for i := 0; i < lo && ok; i++ {
			if min(b.hi[i], col-1) < b.lo[i] {
				ok = false
			}
		}
		for i := hi + 1; i < n && ok; i++ {
			if max(b.lo[i], col) > b.hi[i] {
				ok = false
			}
		}
		if !ok {
			continue
		}
		for i := 0; i < lo; i++ {
			b.hi[i] = min(b.hi[i], col-1)
		}
		for i := hi + 1; i < n; i++ {
			b.lo[i] = max(b.lo[i], col)
		}
	}
	return b
}

// longestIncreasingDP is longestIncreasing in O(n²) with the tie-break.
func longestIncreasingDP(xs []anchor, deviation func(anchor) float64) []anchor {
	n := len(xs)
	length := make([]int, n)
	cost := make([]float64, n)
	prev := make([]int, n)
	best := 0
	for i, x := range xs {
		length[i], cost[i], prev[i] = 1, deviation(x), -1
		for j := 0; j < i; j++ {
			y := xs[j]
			if y.row >= x.row || y.col >= x.col {
				continue
			}
			l, c := length[j]+1, cost[j]+deviation(x)
			if l > length[i] || (l == length[i] && c < cost[i]) {
				length[i], cost[i], prev[i] = l, c, j
			}
		}
		if length[i] > length[best] || (length[i] == length[best] && cost[i] < cost[best]) {
			best = i
		}
	}
	out := make([]anchor, length[best])
	for i, k := len(out)-1, best; i >= 0; i, k = i-1, prev[k] {
		out[i] = xs[k]
	}
	return out
}
