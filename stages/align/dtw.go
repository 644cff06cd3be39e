package align

import (
	"math"
)

// matrix is a sequence of feature frames, frame-major, quantised to int8
// (see normalise).
type matrix struct {
	n, dim int
	data   []int8
}

func (m *matrix) row(i int) []int8 { return m.data[i*m.dim : (i+1)*m.dim] }

// decimate averages groups of k frames.
func (m *matrix) decimate(k int) *matrix {
	if k <= 1 {
		return m
	}
	n := (m.n + k - 1) / k
	out := &matrix{n: n, dim: m.dim, data: make([]int8, n*m.dim)}
	sum := make([]int32, m.dim)
	for i := 0; i < n; i++ {
		clear(sum)
		cnt := int32(0)
		for f := i * k; f < (i+1)*k && f < m.n; f++ {
			for d, v := range m.row(f) {
				sum[d] += int32(v)
			}
			cnt++
		}
		dst := out.row(i)
		for d, v := range sum {
			// round half away from zero
			if v >= 0 {
				dst[d] = int8((v + cnt/2) / cnt)
			} else {
				dst[d] = int8(-((-v + cnt/2) / cnt))
			}
		}
	}
	return out
}

// band gives, for each row i of the cost matrix (a frame of the real audio),
// the inclusive range of columns (frames of the synthetic audio) searched.
// lo and hi are non-decreasing.
type band struct {
	lo, hi []int32
}

// diagonalBand is a band of half-width w around the line from (0,0) to
// (n-1, m-1).
func diagonalBand(n, m, w int) band {
	b := band{lo: make([]int32, n), hi: make([]int32, n)}
	for i := 0; i < n; i++ {
		c := 0
		if n > 1 {
			c = int(math.Round(float64(i) * float64(m-1) / float64(n-1)))
		}
		lo, hi := c-w, c+w
		if lo < 0 {
			lo = 0
		}
		if hi > m-1 {
			hi = m - 1
		}
		b.lo[i], b.hi[i] = int32(lo), int32(hi)
	}
	return b
}

// pathBand projects a path found at a coarser resolution (factor k) onto
// rows n and columns m of the finer one and widens it by r cells.
func pathBand(path []cell, k, n, m, r int) band {
	b := band{lo: make([]int32, n), hi: make([]int32, n)}
	for i := range b.lo {
		b.lo[i] = math.MaxInt32
		b.hi[i] = -1
	}
	for _, c := range path {
		i0, i1 := c.i*k, c.i*k+k-1
		j0, j1 := c.j*k, c.j*k+k-1
		for i := i0 - r; i <= i1+r; i++ {
			if i < 0 || i >= n {
				continue
			}
			if lo := int32(j0 - r); lo < b.lo[i] {
				b.lo[i] = lo
			}
			if hi := int32(j1 + r); hi > b.hi[i] {
				b.hi[i] = hi
			}
		}
	}
	// Make the band monotone and connected, and clamp it.
	for i := 0; i < n; i++ {
		if b.hi[i] < 0 { // rows the path never came near
			if i > 0 {
				b.lo[i], b.hi[i] = b.lo[i-1], b.hi[i-1]
			} else {
				b.lo[i], b.hi[i] = 0, 0
			}
		}
		if i > 0 && b.hi[i] < b.hi[i-1] {
			b.hi[i] = b.hi[i-1]
		}
	}
	for i := n - 2; i >= 0; i-- {
		if b.lo[i] > b.lo[i+1] {
			b.lo[i] = b.lo[i+1]
		}
	}
	for i := 0; i < n; i++ {
		if b.lo[i] < 0 {
			b.lo[i] = 0
		}
		if b.hi[i] > int32(m-1) {
			b.hi[i] = int32(m - 1)
		}
		if b.lo[i] > b.hi[i] {
			b.lo[i] = b.hi[i]
		}
	}
	b.lo[0] = 0
	b.hi[n-1] = int32(m - 1)
	return b
}

type cell struct{ i, j int }

const (
	stepDiag = iota
	stepUp   // (i-1, j): a real frame more on the same synthetic frame
	stepLeft // (i, j-1)
	stepStart
)

// dtwOptions tune the path search.
type dtwOptions struct {
	// Skip is the cost of each real frame left before the path's start or
	// after its end (open begin and end: a music intro or outro is skipped
	// rather than forced onto the first or last word). Zero closes the ends.
	Skip float32
}

// dtw finds the cheapest monotone path through the band, the cost of a cell
// being the Euclidean distance between real frame i and synthetic frame j.
// It returns the path from its first to its last cell and the local cost of
// each cell on it. Memory is one byte a cell of the band.
func dtw(a, b *matrix, bd band, opt dtwOptions) ([]cell, []float32) {
	n, m := a.n, b.n
	if n == 0 || m == 0 {
		return nil, nil
	}
	off := make([]int, n+1)
	for i := 0; i < n; i++ {
		off[i+1] = off[i] + int(bd.hi[i]-bd.lo[i]) + 1
	}
	back := make([]uint8, off[n])
	inf := float32(math.Inf(1))
	maxW := 0
	for i := 0; i < n; i++ {
		if w := int(bd.hi[i]-bd.lo[i]) + 1; w > maxW {
			maxW = w
		}
	}
	prev := make([]float32, maxW)
	cur := make([]float32, maxW)
	open := opt.Skip > 0
	bestEnd, bestEndRow := inf, -1
	plo, phi := -1, -2
	for i := 0; i < n; i++ {
		lo, hi := int(bd.lo[i]), int(bd.hi[i])
		ai := a.row(i)
		bk := back[off[i]:off[i+1]]
		for j := lo; j <= hi; j++ {
			c := dist(ai, b.row(j))
			best, step := inf, uint8(stepStart)
			if j-1 >= plo && j-1 <= phi {
				if v := prev[j-1-plo]; v < best {
					best, step = v, stepDiag
				}
			}
			if j >= plo && j <= phi {
				if v := prev[j-plo]; v < best {
					best, step = v, stepUp
				}
			}
			if j-1 >= lo {
				if v := cur[j-1-lo]; v < best {
					best, step = v, stepLeft
				}
			}
			if j == 0 {
				start := inf
				if i == 0 {
					start = 0
				} else if open {
					start = float32(i) * opt.Skip
				}
				if start <= best {
					best, step = start, stepStart
				}
			}
			cur[j-lo] = best + c
			bk[j-lo] = step
		}
		if hi == m-1 {
			end := cur[hi-lo]
			if open {
				end += float32(n-1-i) * opt.Skip
			} else if i != n-1 {
				end = inf
			}
			if end < bestEnd {
				bestEnd, bestEndRow = end, i
			}
		}
		prev, cur = cur, prev
		plo, phi = lo, hi
	}
	if bestEndRow < 0 {
		return nil, nil
	}
	// Trace back.
	var path []cell
	i, j := bestEndRow, m-1
	for {
		path = append(path, cell{i, j})
		st := back[off[i]+j-int(bd.lo[i])]
		if st == stepStart {
			break
		}
		switch st {
		case stepDiag:
			i, j = i-1, j-1
		case stepUp:
			i--
		case stepLeft:
			j--
		}
		if i < 0 || j < 0 {
			break
		}
	}
	for l, r := 0, len(path)-1; l < r; l, r = l+1, r-1 {
		path[l], path[r] = path[r], path[l]
	}
	costs := make([]float32, len(path))
	for k, p := range path {
		costs[k] = dist(a.row(p.i), b.row(p.j))
	}
	return path, costs
}

// dist is the Euclidean distance between two frames, in standard
// deviations.
func dist(x, y []int8) float32 {
	var s int32
	y = y[:len(x)]
	for k, v := range x {
		d := int32(v) - int32(y[k])
		s += d * d
	}
	return float32(math.Sqrt(float64(s))) / qscale
}
