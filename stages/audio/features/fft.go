package features

import "math"

// realFFT computes the power spectrum of a real signal of even power-of-two
// length n through one complex FFT of length n/2 (the even samples as real
// parts, the odd ones as imaginary parts) and a split step. Every table is
// computed once by newRealFFT; power does not allocate.
type realFFT struct {
	n      int       // real length
	m      int       // complex length n/2
	rev    []int32   // bit reversal permutation of m
	twRe   []float32 // per-stage twiddles: stage of half size h at [h, 2h)
	twIm   []float32
	splRe  []float32 // split twiddles e^{-2πik/n}, k in [0, m]
	splIm  []float32
	re, im []float32 // work arrays of length m
}

// newRealFFT returns a transform of real length n, a power of two ≥ 4.
func newRealFFT(n int) *realFFT {
	if n < 4 || n&(n-1) != 0 {
		n = 4
	}
	m := n / 2
	f := &realFFT{n: n, m: m}
	bits := 0
	for 1<<bits < m {
		bits++
	}
	f.rev = make([]int32, m)
	for i := range m {
		r := 0
		for b := range bits {
			if i&(1<<b) != 0 {
				r |= 1 << (bits - 1 - b)
			}
		}
		f.rev[i] = int32(r)
	}
	f.twRe = make([]float32, m)
	f.twIm = make([]float32, m)
	for h := 1; h < m; h *= 2 {
		for j := range h {
			a := -math.Pi * float64(j) / float64(h)
			f.twRe[h+j] = float32(math.Cos(a))
			f.twIm[h+j] = float32(math.Sin(a))
		}
	}
	f.splRe = make([]float32, m+1)
	f.splIm = make([]float32, m+1)
	for k := 0; k <= m; k++ {
		a := -2 * math.Pi * float64(k) / float64(n)
		f.splRe[k] = float32(math.Cos(a))
		f.splIm[k] = float32(math.Sin(a))
	}
	f.re = make([]float32, m)
	f.im = make([]float32, m)
	return f
}

// complexFFT transforms re, im (length m) in place, forward, unscaled.
func (f *realFFT) complexFFT(re, im []float32) {
	m := f.m
	re = re[:m]
	im = im[:m]
	for i, r := range f.rev {
		if int(r) > i {
			re[i], re[r] = re[r], re[i]
			im[i], im[r] = im[r], im[i]
		}
	}
	// First stage (h = 1): twiddle 1.
	for k := 0; k+1 < m; k += 2 {
		ar, ai := re[k], im[k]
		br, bi := re[k+1], im[k+1]
		re[k], im[k] = ar+br, ai+bi
		re[k+1], im[k+1] = ar-br, ai-bi
	}
	for h := 2; h < m; h *= 2 {
		wr := f.twRe[h : 2*h]
		wi := f.twIm[h : 2*h]
		for k := 0; k < m; k += 2 * h {
			xr := re[k : k+h]
			xi := im[k : k+h]
			yr := re[k+h : k+2*h]
			yi := im[k+h : k+2*h]
			for j := range h {
				tr := wr[j]*yr[j] - wi[j]*yi[j]
				ti := wr[j]*yi[j] + wi[j]*yr[j]
				ar, ai := xr[j], xi[j]
				xr[j], xi[j] = ar+tr, ai+ti
				yr[j], yi[j] = ar-tr, ai-ti
			}
		}
	}
}

// power writes |X[k]|² for k in [0, n/2] into pow (length n/2+1), X being
// the DFT of the real signal x (length n).
func (f *realFFT) power(x []float32, pow []float32) {
	m := f.m
	x = x[:2*m]
	pow = pow[:m+1]
	re, im := f.re, f.im
	for i := range m {
		re[i] = x[2*i]
		im[i] = x[2*i+1]
	}
	f.complexFFT(re, im)
	// X[k] = E[k] + W^k O[k] with E = (Z[k] + conj Z[m-k])/2 and
	// O = -i (Z[k] - conj Z[m-k])/2.
	pow[0] = (re[0] + im[0]) * (re[0] + im[0])
	pow[m] = (re[0] - im[0]) * (re[0] - im[0])
	for k := 1; k < m; k++ {
		zr, zi := re[k], im[k]
		cr, ci := re[m-k], -im[m-k]
		er, ei := (zr+cr)*0.5, (zi+ci)*0.5
		// d = (Z - conjZ')/2; O = -i d = (d.im, -d.re)
		dr, di := (zr-cr)*0.5, (zi-ci)*0.5
		or, oi := di, -dr
		wr, wi := f.splRe[k], f.splIm[k]
		xr := er + wr*or - wi*oi
		xi := ei + wr*oi + wi*or
		pow[k] = xr*xr + xi*xi
	}
}
