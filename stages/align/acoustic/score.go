package acoustic

import (
	"math"
)

// FrameDim is the size of a model frame: 13 cepstra, their deltas and
// their second deltas (Sphinx's 1s_c_d_dd).
const FrameDim = 39

// cmnHalfWindow is the half-width in frames of the moving mean removed
// from the cepstra (Sphinx removes the utterance's mean; an episode's
// channel changes between speakers, so a 20-second window is used).
const cmnHalfWindow = 1000

// Frames are an episode's model frames: cepstra (13 a frame, as
// features.Extractor computes them for the models) mean-normalised over a
// moving window, with their deltas c[t+2]−c[t−2] and second deltas
// (c[t+3]−c[t−1])−(c[t+1]−c[t−3]), edges repeating the first and last
// frame. Only the normalised cepstra are kept; a frame's deltas are
// computed when it is read (Frame), which keeps a third of the 39 values a
// frame (46 MB less on a 74-minute episode) for a few dozen subtractions
// per scored frame.
type Frames struct {
	c []float32 // 13 a frame
}

// NewFrames computes the model frames of raw cepstra.
func NewFrames(ceps []float32) Frames {
	const d = 13
	n := len(ceps) / d
	if n == 0 {
		return Frames{}
	}
	// The moving mean from two running prefix sums, one at each edge of
	// the window: the very sums a prefix-sum table would hold, without the
	// table.
	var preLo, preHi [d]float64
	lo, hi := 0, 0
	c := make([]float32, n*d)
	for t := range n {
		for nlo := max(0, t-cmnHalfWindow); lo < nlo; lo++ {
			for k := range d {
				preLo[k] += float64(ceps[lo*d+k])
			}
		}
		for nhi := min(n, t+cmnHalfWindow+1); hi < nhi; hi++ {
			for k := range d {
				preHi[k] += float64(ceps[hi*d+k])
			}
		}
		inv := 1 / float64(hi-lo)
		for k := range d {
			mean := (preHi[k] - preLo[k]) * inv
			c[t*d+k] = ceps[t*d+k] - float32(mean)
		}
	}
	return Frames{c: c}
}

// Len is the number of frames.
func (f Frames) Len() int { return len(f.c) / 13 }

// Frame writes frame t's FrameDim values into o.
func (f Frames) Frame(t int, o []float32) {
	const d = 13
	n := f.Len()
	at := func(t int) []float32 {
		t = min(max(t, 0), n-1)
		return f.c[t*d : (t+1)*d]
	}
	copy(o[:d], at(t))
	p2, m2 := at(t+2), at(t-2)
	p3, m1, p1, m3 := at(t+3), at(t-1), at(t+1), at(t-3)
	for k := range d {
		o[d+k] = p2[k] - m2[k]
		o[2*d+k] = (p3[k] - m1[k]) - (p1[k] - m3[k])
	}
}

// topN is how many densities of each stream score a senone (Sphinx's
// default for semi-continuous models is 4).
const topN = 4

// scorer computes senone log-likelihoods for frames, caching each
// codebook's best densities per frame.
type scorer struct {
	m      *Model
	frames Frames
	x      [FrameDim]float32 // the frame the caches hold
	xFrame int32             // its stamp (frame+1), 0: none
	// per-frame caches, reset by stamp
	cbStamp  []int32
	cbTop    [][]topEntry // [cb] → nFeat*topN entries
	senStamp []int32
	senScore []float32
	frame    int32 // the frame the caches hold, +1
	// Codebooks evaluated, for the speed figures.
	cbEvals int
	cand    []uint8   // work buffer: densities to search
	prep    *Prepared // precomputed silence and noise scores, or nil
}

type topEntry struct {
	den int32
	ll  float32
}

func newScorer(m *Model, frames Frames) *scorer {
	s := &scorer{m: m, frames: frames,
		cbStamp: make([]int32, m.nCB), cbTop: make([][]topEntry, m.nCB),
		senStamp: make([]int32, m.nSen), senScore: make([]float32, m.nSen)}
	for i := range s.cbTop {
		s.cbStamp[i] = -2 // never scored (frame stamps start at 1)
		s.cbTop[i] = make([]topEntry, m.nFeat*topN)
		for j := range s.cbTop[i] {
			s.cbTop[i][j].den = -1
		}
	}
	return s
}

// at makes frame t current: later senone calls score it.
func (s *scorer) at(t int) {
	s.frame = int32(t) + 1
}

// senone returns the log-likelihood of senone sen at the current frame.
func (s *scorer) senone(sen int) float32 {
	if s.senStamp[sen] == s.frame {
		return s.senScore[sen]
	}
	if p := s.prep; p != nil && p.fillIdx != nil {
		if i := p.fillIdx[sen]; i >= 0 {
			return p.filler[int(s.frame-1)*len(p.fillSen)+int(i)]
		}
	}
	m := s.m
	cb := int(m.senCB[sen])
	top := s.codebook(cb)
	var total float32
	for f := range m.nFeat {
		w := m.mixw[f][sen*m.nDen : (sen+1)*m.nDen]
		// log Σ exp(ll + lnw) over the top densities
		tf := top[f*topN : (f+1)*topN]
		acc := tf[0].ll + w[tf[0].den]
		for _, e := range tf[1:] {
			acc = logAdd(acc, e.ll+w[e.den])
		}
		total += acc
	}
	s.senStamp[sen] = s.frame
	s.senScore[sen] = total
	return total
}

// logAddTable[i] is ln(1 + e^(−i/logAddStep)), for logAdd.
var logAddTable = func() []float32 {
	t := make([]float32, logAddMax*logAddStep+1)
	for i := range t {
		t[i] = float32(math.Log1p(math.Exp(-float64(i) / logAddStep)))
	}
	return t
}()

const (
	logAddStep = 100 // table entries per nat
	logAddMax  = 20  // beyond this difference the smaller term is dropped
)

// logAdd returns ln(e^a + e^b) from a table (Sphinx's way: an exp and a
// log per term would be a fifth of the scoring time).
func logAdd(a, b float32) float32 {
	if a < b {
		a, b = b, a
	}
	d := a - b
	if !(d < logAddMax) { // also NaN and −Inf differences
		return a
	}
	return a + logAddTable[int(d*logAddStep+0.5)]
}

// codebook returns the topN densities of each stream of codebook cb at
// the current frame, computing them once.
func (s *scorer) codebook(cb int) []topEntry {
	top := s.cbTop[cb]
	if s.cbStamp[cb] == s.frame {
		return top
	}
	m := s.m
	if s.xFrame != s.frame {
		s.frames.Frame(int(s.frame-1), s.x[:])
		s.xFrame = s.frame
	}
	x := s.x[:]
	s.cbEvals++
	for f := range m.nFeat {
		vl := m.veclen[f]
		xf := x[m.featOff[f] : m.featOff[f]+vl]
		t := top[f*topN : (f+1)*topN]
		base := (cb*m.nFeat + f) * m.nDen
		// The densities that were best for this codebook at the last frame
		// it was scored are likely best again: scored first, they set a
		// tight threshold from the start, so the partial distances of most
		// others stop after a few coefficients (Sphinx's trick).
		var prev [topN]int32
		for i := range t {
			prev[i] = t[i].den
			t[i] = topEntry{-1, float32(math.Inf(-1))}
		}
		worst := float32(math.Inf(-1))
		insert := func(d int32, ll float32) {
			j := topN - 1
			for j > 0 && t[j-1].ll < ll {
				t[j] = t[j-1]
				j--
			}
			t[j] = topEntry{d, ll}
			worst = t[topN-1].ll
		}
		cand := s.cand[:0]
		if m.sel != nil {
			cand = m.candidates(cand, cb*m.nFeat+f, (*[13]float32)(xf))
		} else {
			for d := range m.nDen {
				cand = append(cand, uint8(d))
			}
		}
		s.cand = cand
		var isCand [2]uint64
		for _, d := range cand {
			isCand[d>>6] |= 1 << (d & 63)
		}
		var seen [2]uint64 // densities scored already (nDen ≤ 128)
		for _, d := range prev {
			// Only a candidate of this frame: the result must not depend
			// on which frames this scorer saw before.
			if d < 0 || int(d) >= m.nDen || d >= 128 || isCand[d>>6]&(1<<(d&63)) == 0 {
				continue
			}
			g := base + int(d)
			mu := m.means[g*vl : (g+1)*vl]
			iv := m.halfIVar[g*vl : (g+1)*vl]
			ll := m.logNorm[g]
			for k, x := range xf {
				diff := x - mu[k]
				ll -= diff * diff * iv[k]
			}
			seen[d>>6] |= 1 << (d & 63)
			if ll > worst {
				insert(d, ll)
			}
		}
		for _, d8 := range cand {
			d := int(d8)
			if seen[d>>6]&(1<<(d&63)) != 0 {
				continue
			}
			g := base + d
			// Partial distance: stop once below the current worst of
			// the top densities (checked after 4, 8 and 13 coefficients).
			mu := (*[13]float32)(m.means[g*13:])
			iv := (*[13]float32)(m.halfIVar[g*13:])
			x := (*[13]float32)(xf)
			d0, d1, d2, d3 := x[0]-mu[0], x[1]-mu[1], x[2]-mu[2], x[3]-mu[3]
			ll := m.logNorm[g] - d0*d0*iv[0] - d1*d1*iv[1] - d2*d2*iv[2] - d3*d3*iv[3]
			if ll < worst {
				continue
			}
			d0, d1, d2, d3 = x[4]-mu[4], x[5]-mu[5], x[6]-mu[6], x[7]-mu[7]
			ll -= d0*d0*iv[4] + d1*d1*iv[5] + d2*d2*iv[6] + d3*d3*iv[7]
			if ll < worst {
				continue
			}
			d0, d1, d2, d3 = x[8]-mu[8], x[9]-mu[9], x[10]-mu[10], x[11]-mu[11]
			d4 := x[12] - mu[12]
			ll -= d0*d0*iv[8] + d1*d1*iv[9] + d2*d2*iv[10] + d3*d3*iv[11] + d4*d4*iv[12]
			if ll <= worst {
				continue
			}
			insert(int32(d), ll)
		}
		// Fewer than topN densities scored (cannot happen with 128):
		// unused entries weigh nothing.
		for i := range t {
			if t[i].den < 0 {
				t[i] = topEntry{0, -1e30}
			}
		}
	}
	s.cbStamp[cb] = s.frame
	return top
}
