package features

import (
	"math"
	"slices"
	"sync"
	"sync/atomic"
)

// Resampler converts a stream of mono samples from one rate to another with
// a Kaiser-windowed sinc (polyphase) filter. The passband is flat to 86.25 %
// of the lower Nyquist frequency (6.9 kHz when the output is 16 kHz, above
// every filter of the features: 6855 and 6800 Hz), and the stopband, at
// least 60 dB down, starts as far above Nyquist (9.1 kHz), so what folds
// back lands between 6.9 and 8 kHz, outside the features. The filter
// is centred: the output has no delay, and a stream of n input samples
// gives ceil(n*out/in) output samples, so durations are exact.
//
// The rate ratio is reduced to out/in = L/M; output sample j sits at input
// time j*M/L. When L is at most maxPhases the filter has one exact row per
// phase; otherwise rows are interpolated linearly between maxPhases
// precomputed phases.
type Resampler struct {
	in, out int
	l, m    int
	k       int // half length: each output reads 2k input samples
	f       *filter
	hist    []float32 // pending input; the next output's window starts at hist[pos]
	pos     int
	frac    int   // phase numerator in [0, l)
	nIn     int64 // input samples so far
	nOut    int64 // output samples so far
}

// filter is a polyphase filter table, shared between resamplers of the
// same rates (read only).
type filter struct {
	k      int
	rows   int // number of rows
	exact  bool
	coeffs []float32 // rows × 2k
}

const (
	// passEdge is where the passband ends, as a share of the lower
	// Nyquist frequency.
	passEdge  = 0.8625
	maxPhases = 1024
	// stopDB is the stopband attenuation the Kaiser design aims at.
	stopDB = 60.0
	// histBlock is how many input samples a resampler buffers beyond its
	// filter length.
	histBlock = 32768
)

var (
	filters sync.Map // [2]int{in, out} -> *filter
	cached  atomic.Int32
)

const maxCached = 32

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// NewResampler returns a resampler from inRate to outRate (Hz, each in
// 1..MaxRate).
func NewResampler(inRate, outRate int) (*Resampler, error) {
	if inRate <= 0 || outRate <= 0 || inRate > MaxRate || outRate > MaxRate {
		return nil, rateError(inRate, outRate)
	}
	g := gcd(inRate, outRate)
	r := &Resampler{in: inRate, out: outRate, l: outRate / g, m: inRate / g}
	if inRate != outRate {
		key := [2]int{inRate, outRate}
		if f, ok := filters.Load(key); ok {
			r.f = f.(*filter)
		} else {
			r.f = design(inRate, outRate, r.l)
			// Keep small tables of the first rates seen (the aligner
			// resamples many short pieces at one rate); big or rare
			// ones are not worth the memory.
			if len(r.f.coeffs) <= 1<<18 && cached.Add(1) <= maxCached {
				filters.Store(key, r.f)
			}
		}
		r.k = r.f.k
	}
	r.reset()
	return r, nil
}

func (r *Resampler) reset() {
	r.pos, r.frac, r.nIn, r.nOut = 0, 0, 0, 0
	if r.f == nil {
		r.hist = nil
		return
	}
	if r.hist == nil {
		r.hist = make([]float32, 0, 2*r.k+histBlock)
	}
	// k-1 zeros before the first sample: output 0 is centred on input 0.
	r.hist = r.hist[:r.k-1]
	clear(r.hist)
}

// design builds the filter for in -> out with l phases.
func design(in, out, l int) *filter {
	nyq := float64(min(in, out)) / 2
	// The features read up to 6.9 kHz of 16 kHz audio (passEdge of the
	// Nyquist frequency): the passband ends there and the stopband starts
	// as far above Nyquist, so whatever folds back lands above passEdge,
	// where no feature looks. Half the taps of a stopband at Nyquist (the
	// 74-minute benchmark's decoding: 11.0 s to 8.1 s).
	pass := passEdge * nyq
	stop := 2*nyq - pass
	cutoff := (pass + stop) / 2 // Nyquist
	width := stop - pass        // transition band, Hz
	dw := 2 * math.Pi * width / float64(in)
	n := (stopDB - 8) / (2.285 * dw)
	k := int(math.Ceil(n/2)) + 1
	beta := 0.1102 * (stopDB - 8.7)
	rows, exact := l, true
	if l > maxPhases {
		rows, exact = maxPhases+1, false
	}
	fc := 2 * cutoff / float64(in) // normalised cutoff, cycles per 2 samples
	i0b := besselI0(beta)
	f := &filter{k: k, rows: rows, exact: exact, coeffs: make([]float32, rows*2*k)}
	for p := range rows {
		var shift float64
		if exact {
			shift = float64(p) / float64(l)
		} else {
			shift = float64(p) / float64(maxPhases)
		}
		row := f.coeffs[p*2*k : (p+1)*2*k]
		var sum float64
		vals := make([]float64, 2*k)
		for m := range 2 * k {
			d := float64(k-1-m) + shift
			x := d / float64(k)
			if x <= -1 || x >= 1 {
				continue
			}
			v := fc * sinc(fc*d) * besselI0(beta*math.Sqrt(1-x*x)) / i0b
			vals[m] = v
			sum += v
		}
		// Unit gain at DC for every phase.
		for m, v := range vals {
			if sum != 0 {
				v /= sum
			}
			row[m] = float32(v)
		}
	}
	return f
}

func sinc(x float64) float64 {
	if x == 0 {
		return 1
	}
	return math.Sin(math.Pi*x) / (math.Pi * x)
}

// besselI0 is the modified Bessel function of the first kind, order 0.
func besselI0(x float64) float64 {
	sum, term := 1.0, 1.0
	h := x / 2
	for i := 1; i < 200; i++ {
		term *= (h / float64(i)) * (h / float64(i))
		sum += term
		if term < sum*1e-17 {
			break
		}
	}
	return sum
}

// Process resamples in, appends the output to out and returns it. The
// resampler keeps the last samples it needs across calls.
func (r *Resampler) Process(in []float32, out []float32) []float32 {
	if r.f == nil {
		r.nIn += int64(len(in))
		r.nOut += int64(len(in))
		return append(out, in...)
	}
	for len(in) > 0 {
		n := copy(r.hist[len(r.hist):cap(r.hist)], in)
		r.hist = r.hist[:len(r.hist)+n]
		in = in[n:]
		r.nIn += int64(n)
		out = r.run(out, false)
		r.compact()
	}
	return out
}

// Flush ends the stream: it appends the last output samples (the filter's
// tail, zero-padded) to out and returns it. The resampler is then reset
// and can take a new stream.
func (r *Resampler) Flush(out []float32) []float32 {
	if r.f != nil {
		// Zeros after the end so that every output up to the end of the
		// input has its full window.
		pad := 2 * r.k
		for pad > 0 {
			room := cap(r.hist) - len(r.hist)
			z := min(room, pad)
			r.hist = r.hist[:len(r.hist)+z]
			clear(r.hist[len(r.hist)-z:])
			pad -= z
			out = r.run(out, true)
			r.compact()
		}
	}
	r.reset()
	return out
}

// compact drops the input samples no later output needs.
func (r *Resampler) compact() {
	if r.pos == 0 {
		return
	}
	n := copy(r.hist, r.hist[r.pos:])
	r.hist = r.hist[:n]
	r.pos = 0
}

// parallelMin is the number of outputs from which run splits the work
// between two goroutines.
const parallelMin = 4096

// run emits every output whose window is complete in hist. At the end of
// the stream it stops at the input's length.
func (r *Resampler) run(out []float32, flushing bool) []float32 {
	w := 2 * r.k
	// Output j (counted from the next one) starts its window at
	// (pos*l + frac + j*m) / l; it is complete while that is at most
	// len(hist)-w.
	avail := int64(len(r.hist)-w+1-r.pos)*int64(r.l) - int64(r.frac)
	if avail <= 0 {
		return out
	}
	n := (avail + int64(r.m) - 1) / int64(r.m)
	if flushing {
		// Stop at the end of the input: output j exists while j*m < nIn*l.
		limit := (r.nIn*int64(r.l) + int64(r.m) - 1) / int64(r.m)
		n = max(0, min(n, limit-r.nOut))
	}
	base := len(out)
	out = slices.Grow(out, int(n))[:base+int(n)]
	dst := out[base:]
	if n >= parallelMin {
		half := int64(len(dst) / 2)
		p2, f2 := r.at(half)
		var wg sync.WaitGroup
		wg.Go(func() { r.fill(dst[half:], p2, f2) })
		r.fill(dst[:half], r.pos, r.frac)
		wg.Wait()
	} else {
		r.fill(dst, r.pos, r.frac)
	}
	r.pos, r.frac = r.at(n)
	r.nOut += n
	if flushing || r.pos > len(r.hist) {
		// At the end nothing more is needed; and the window (2k input
		// samples) is longer than the step (m/l) for every design, so
		// pos never passes the end otherwise.
		r.pos = len(r.hist)
	}
	return out
}

// at returns the window start and phase of the j-th next output.
func (r *Resampler) at(j int64) (pos, frac int) {
	p := int64(r.pos)*int64(r.l) + int64(r.frac) + j*int64(r.m)
	return int(p / int64(r.l)), int(p % int64(r.l))
}

// fill computes len(dst) consecutive outputs, the first with window start
// pos and phase frac. It only reads the filter and hist.
func (r *Resampler) fill(dst []float32, pos, frac int) {
	w := 2 * r.k
	l := r.l
	step, stepFrac := r.m/l, r.m%l
	hist := r.hist
	coeffs := r.f.coeffs
	if r.f.exact {
		for i := range dst {
			dst[i] = dot(coeffs[frac*w:(frac+1)*w], hist[pos:pos+w])
			pos += step
			frac += stepFrac
			if frac >= l {
				frac -= l
				pos++
			}
		}
		return
	}
	for i := range dst {
		x := hist[pos : pos+w]
		ph := float64(frac) * maxPhases / float64(l)
		p := int(ph)
		a := float32(ph - float64(p))
		y0 := dot(coeffs[p*w:(p+1)*w], x)
		y1 := dot(coeffs[(p+1)*w:(p+2)*w], x)
		dst[i] = y0 + a*(y1-y0)
		pos += step
		frac += stepFrac
		if frac >= l {
			frac -= l
			pos++
		}
	}
}

// dot is a float32 dot product with eight accumulators.
func dot(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3, s4, s5, s6, s7 float32
	i := 0
	for ; i+8 <= len(a); i += 8 {
		aa := a[i : i+8 : i+8]
		bb := b[i : i+8 : i+8]
		s0 += aa[0] * bb[0]
		s1 += aa[1] * bb[1]
		s2 += aa[2] * bb[2]
		s3 += aa[3] * bb[3]
		s4 += aa[4] * bb[4]
		s5 += aa[5] * bb[5]
		s6 += aa[6] * bb[6]
		s7 += aa[7] * bb[7]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))
}
