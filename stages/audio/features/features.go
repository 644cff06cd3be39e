// Package features computes the acoustic features the aligner matches:
// streaming MFCCs of 16 kHz mono audio (25 ms Hamming windows every 10 ms,
// pre-emphasis 0.97, a 512-point FFT, 40 mel filters over 133–6855 Hz and 13
// cepstra C0..C12) with a per-frame log energy, and a streaming windowed-sinc
// resampler that brings any input rate to 16 kHz first.
//
// Nothing here allocates per frame or per sample: the window, the mel
// filterbank, the DCT and the FFT twiddles are tables computed once, and the
// Extractor and Resampler keep fixed-size work buffers.
package features

import (
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/shownotes/shownotes/pipeline"
)

// Fixed analysis parameters (the zero Config).
const (
	Rate      = 16000 // samples per second the extractor reads
	FrameRate = 100   // frames per second
	Hop       = Rate / FrameRate
	WinLen    = 400 // 25 ms
	FFTSize   = 512
	NumMel    = 40
	NumCeps   = 13
	LowHz     = 133.3333
	HighHz    = 6855.4976
	PreEmph   = 0.97
	// energyFloor keeps the log of a silent frame finite: -100 dB.
	energyFloor = 1e-10
)

// Config selects the features. Its zero value is the only configuration
// for now: 16 kHz, 25 ms Hamming window, 10 ms hop (100 frames/s),
// pre-emphasis 0.97, FFT 512, 40 mel filters 133–6855 Hz, 13 cepstra
// C0..C12 (C0 first in each frame).
type Config struct{}

// tables are the precomputed constants of the analysis, shared by every
// Extractor (read only).
type tables struct {
	window   [WinLen]float32
	melFirst [NumMel]int       // first FFT bin of each filter
	melW     [NumMel][]float32 // weights from melFirst on
	dct      [NumCeps * NumMel]float32
	// The acoustic models' front end (CMU Sphinx's, as feat.params of
	// the en-us model says): AcMel filters of unit area over
	// AcLowHz–AcHighHz with edges rounded to FFT bins, orthonormal DCT-II,
	// lifter AcLifter.
	acFirst [AcMel]int
	acW     [AcMel][]float32
	acDCT   [NumCeps * AcMel]float32
}

// The acoustic models' front end (see tables).
const (
	AcMel    = 25
	AcLowHz  = 130
	AcHighHz = 6800
	AcLifter = 22
	// acPowScale brings samples in [-1, 1] to the 16-bit scale the models
	// were trained on (a factor on the power spectrum). acDither is added
	// to every filter energy on that scale: the expected energy of the
	// ±1-LSB dither Sphinx adds, so that digital silence (gaps in an
	// edited mix) looks like the quiet room the models learnt silence
	// from, not like nothing. Without it a word is placed in a 1-second
	// digital gap of real-mix (p95 421 ms; with it see the README).
	acPowScale = 1 << 30 // 32768²
	acDither   = 3000.0
)

var (
	tabOnce sync.Once
	tab     *tables
)

func hzToMel(f float64) float64 { return 2595 * math.Log10(1+f/700) }

func getTables() *tables {
	tabOnce.Do(func() {
		t := &tables{}
		for i := range WinLen {
			t.window[i] = float32(0.54 - 0.46*math.Cos(2*math.Pi*float64(i)/float64(WinLen-1)))
		}
		// Triangular filters equally spaced on the mel scale, weights
		// linear in mel, as HTK and aeneas build them.
		lo, hi := hzToMel(LowHz), hzToMel(HighHz)
		var edge [NumMel + 2]float64
		for i := range edge {
			edge[i] = lo + (hi-lo)*float64(i)/float64(NumMel+1)
		}
		nb := FFTSize/2 + 1
		for j := range NumMel {
			l, c, r := edge[j], edge[j+1], edge[j+2]
			first, last := -1, -1
			var w []float32
			for k := range nb {
				m := hzToMel(float64(k) * Rate / FFTSize)
				var v float64
				switch {
				case m > l && m <= c:
					v = (m - l) / (c - l)
				case m > c && m < r:
					v = (r - m) / (r - c)
				}
				if v > 0 {
					if first < 0 {
						first = k
					}
					last = k
				}
				if first >= 0 && last == k {
					w = append(w, float32(v))
				}
			}
			if first < 0 {
				first = 0
			}
			t.melFirst[j] = first
			t.melW[j] = w
		}
		copy(t.dct[:], dctTable(NumMel, 0))
		buildAcoustic(t)
		tab = t
	})
	return tab
}

// buildAcoustic fills the acoustic front end's tables: Sphinx's mel
// filters (triangles between mel-spaced edges rounded to FFT bins, scaled
// to unit area in Hz) and its liftered orthonormal DCT.
func buildAcoustic(t *tables) {
	lo, hi := hzToMel(AcLowHz), hzToMel(AcHighHz)
	step := (hi - lo) / (AcMel + 1)
	binHz := float64(Rate) / FFTSize
	for i := range AcMel {
		var f [3]float64
		for j := range f {
			hz := 700 * (math.Pow(10, (lo+float64(i+j)*step)/2595) - 1)
			f[j] = math.Floor(hz/binHz+0.5) * binHz
		}
		first := -1
		var w []float32
		for k := 0; k <= FFTSize/2; k++ {
			hz := float64(k) * binHz
			if hz < f[0] || hz > f[2] {
				continue
			}
			if first < 0 {
				first = k
			}
			up := (hz - f[0]) / (f[1] - f[0])
			down := (f[2] - hz) / (f[2] - f[1])
			w = append(w, float32(min(up, down)*2/(f[2]-f[0])))
		}
		t.acFirst[i] = max(first, 0)
		t.acW[i] = w
	}
	copy(t.acDCT[:], dctTable(AcMel, AcLifter))
}

// Extractor computes MFCC frames from a stream of 16 kHz mono samples.
// Frame i covers samples [i*160, i*160+400); Features emits frames while
// i*160 is before the end of the stream, zero-padding the last ones. The
// zero value is not usable: call NewExtractor.
type Extractor struct {
	t     *tables
	fft   *realFFT
	pend  []float32 // pending samples; pend[0] is sample number base
	base  int64
	off   int // offset in pend of the next frame's first sample
	frame [FFTSize]float32
	pow   [FFTSize/2 + 1]float32
	mel   [NumMel]float32
	acMel [AcMel]float32
	ac    []float32 // acoustic-model cepstra, NumCeps a frame
	data  []float32
	en    []float32
	done  bool
	feat  *pipeline.Features
}

// pendCap is the extractor's work buffer: one window plus 64 hops.
const pendCap = WinLen + 64*Hop

// NewExtractor returns an extractor for cfg.
func NewExtractor(cfg Config) *Extractor {
	_ = cfg
	return &Extractor{t: getTables(), fft: newRealFFT(FFTSize), pend: make([]float32, 0, pendCap)}
}

// Grow reserves room for n more frames, so that a caller who knows the
// length of the audio avoids the copies of a growing slice.
func (e *Extractor) Grow(n int) {
	if n <= 0 || n > 1<<28 {
		return
	}
	if cap(e.data)-len(e.data) < n*NumCeps {
		d := make([]float32, len(e.data), len(e.data)+n*NumCeps)
		copy(d, e.data)
		e.data = d
	}
	if cap(e.ac)-len(e.ac) < n*NumCeps {
		d := make([]float32, len(e.ac), len(e.ac)+n*NumCeps)
		copy(d, e.ac)
		e.ac = d
	}
	if cap(e.en)-len(e.en) < n {
		d := make([]float32, len(e.en), len(e.en)+n)
		copy(d, e.en)
		e.en = d
	}
}

// Write adds 16 kHz mono samples in [-1, 1], any number at a time. Writes
// after Features are ignored.
func (e *Extractor) Write(samples []float32) {
	if e.done {
		return
	}
	for len(samples) > 0 {
		n := copy(e.pend[len(e.pend):cap(e.pend)], samples)
		e.pend = e.pend[:len(e.pend)+n]
		samples = samples[n:]
		for e.off+WinLen <= len(e.pend) {
			e.compute(e.pend[e.off : e.off+WinLen])
			e.off += Hop
		}
		// Keep what the next frames need.
		k := copy(e.pend, e.pend[e.off:])
		e.pend = e.pend[:k]
		e.base += int64(e.off)
		e.off = 0
	}
}

// Features flushes the last frames (zero-padded) and returns the features.
// Later calls return the same value.
func (e *Extractor) Features() *pipeline.Features {
	if e.done {
		return e.feat
	}
	e.done = true
	var tail [WinLen]float32
	for e.off < len(e.pend) {
		n := copy(tail[:], e.pend[e.off:])
		clear(tail[n:])
		e.compute(tail[:])
		e.off += Hop
	}
	e.pend = nil
	e.feat = &pipeline.Features{FrameRate: FrameRate, Dim: NumCeps, Data: e.data, Energy: e.en, Acoustic: e.ac}
	if e.feat.Data == nil {
		e.feat.Data = []float32{}
		e.feat.Energy = []float32{}
		e.feat.Acoustic = []float32{}
	}
	return e.feat
}

// compute appends the features of one window of WinLen samples.
func (e *Extractor) compute(x []float32) {
	t := e.t
	x = x[:WinLen]
	var sum float64
	for _, v := range x {
		sum += float64(v) * float64(v)
	}
	e.en = append(e.en, float32(10*math.Log10(sum/WinLen+energyFloor)))

	// Pre-emphasis within the frame (the first sample against itself, as
	// Kaldi does), Hamming window, zero padding to FFTSize.
	f := e.frame[:]
	w := t.window[:]
	prev := x[0]
	for i, v := range x {
		f[i] = (v - PreEmph*prev) * w[i]
		prev = v
	}
	clear(f[WinLen:])
	e.fft.power(f, e.pow[:])

	logFilterbank(e.pow[:], t.melFirst[:], t.melW[:], 1, energyFloor, e.mel[:])
	e.data = appendCepstra(e.data, e.mel[:], t.dct[:])
	logFilterbank(e.pow[:], t.acFirst[:], t.acW[:], acPowScale, acDither, e.acMel[:])
	e.ac = appendCepstra(e.ac, e.acMel[:], t.acDCT[:])
}

// logFilterbank sets out[j] to ln(scale·Σ w[j][k]·pow[first[j]+k] + add),
// the log energy of each triangular filter.
func logFilterbank(pow []float32, first []int, w [][]float32, scale, add float64, out []float32) {
	for j, ws := range w {
		p := pow[first[j] : first[j]+len(ws)]
		var s float32
		for k, wk := range ws {
			s += wk * p[k]
		}
		out[j] = float32(math.Log(float64(s)*scale + add))
	}
}

// appendCepstra appends NumCeps cepstra of the log filter energies mel to
// dst: the rows of table (NumCeps × len(mel)) applied to mel.
func appendCepstra(dst, mel, table []float32) []float32 {
	n := len(mel)
	for k := range NumCeps {
		row := table[k*n : (k+1)*n]
		var s float32
		for m, v := range mel {
			s += row[m] * v
		}
		dst = append(dst, s)
	}
	return dst
}

// dctTable is the orthonormal DCT-II from nMel log energies to NumCeps
// cepstra, row k scaled by the lifter 1 + L/2·sin(πk/L) (lifter 0: none).
func dctTable(nMel int, lifter float64) []float32 {
	t := make([]float32, NumCeps*nMel)
	for k := range NumCeps {
		s := math.Sqrt(2.0 / float64(nMel))
		if k == 0 {
			s = math.Sqrt(1.0 / float64(nMel))
		}
		if lifter > 0 {
			s *= 1 + lifter/2*math.Sin(math.Pi*float64(k)/lifter)
		}
		for m := range nMel {
			t[k*nMel+m] = float32(s * math.Cos(math.Pi*float64(k)*(float64(m)+0.5)/float64(nMel)))
		}
	}
	return t
}

// ErrRate is returned for a sample rate Compute or NewResampler cannot use.
var ErrRate = errors.New("unsupported sample rate")

// MaxRate is the highest sample rate the resampler accepts.
const MaxRate = 1_000_000

// Compute resamples a whole in-memory buffer of mono samples at rate to
// 16 kHz and returns its features. It is meant for short audio (synthetic
// speech); Decode streams long files instead.
func Compute(samples []float32, rate int, cfg Config) (*pipeline.Features, error) {
	e := NewExtractor(cfg)
	if rate == Rate {
		e.Grow(len(samples)/Hop + 1)
		e.Write(samples)
		return e.Features(), nil
	}
	r, err := NewResampler(rate, Rate)
	if err != nil {
		return nil, err
	}
	e.Grow(int(int64(len(samples))*Rate/int64(rate))/Hop + 2)
	const block = 8192
	buf := make([]float32, 0, min(int64(block)*Rate/int64(rate)+block, 1<<16))
	for len(samples) > 0 {
		n := min(block, len(samples))
		buf = r.Process(samples[:n], buf[:0])
		e.Write(buf)
		samples = samples[n:]
	}
	buf = r.Flush(buf[:0])
	e.Write(buf)
	return e.Features(), nil
}

func rateError(in, out int) error {
	return fmt.Errorf("%w: %d Hz to %d Hz (rates must be 1..%d Hz)", ErrRate, in, out, MaxRate)
}
