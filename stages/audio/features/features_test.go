package features

import (
	"fmt"
	"math"
	"testing"
)

func sine(rate int, hz, amp float64, seconds float64) []float32 {
	n := int(float64(rate) * seconds)
	x := make([]float32, n)
	for i := range x {
		x[i] = float32(amp * math.Sin(2*math.Pi*hz*float64(i)/float64(rate)))
	}
	return x
}

func TestPowerMatchesNaiveDFT(t *testing.T) {
	for _, n := range []int{8, 64, 512} {
		f := newRealFFT(n)
		x := noise(n, uint32(n))
		pow := make([]float32, n/2+1)
		f.power(x, pow)
		for k := 0; k <= n/2; k++ {
			var re, im float64
			for i, v := range x {
				a := -2 * math.Pi * float64(k*i) / float64(n)
				re += float64(v) * math.Cos(a)
				im += float64(v) * math.Sin(a)
			}
			want := re*re + im*im
			if got := float64(pow[k]); math.Abs(got-want) > 1e-3*(1+want) {
				t.Errorf("power(n=%d)[%d] = %g, want %g", n, k, got, want)
			}
		}
	}
}

// rms returns the RMS of x between 20 % and 80 % of its length (away from
// the edges of the filter).
func rms(x []float32) float64 {
	a, b := len(x)/5, len(x)*4/5
	var s float64
	for _, v := range x[a:b] {
		s += float64(v) * float64(v)
	}
	return math.Sqrt(s / float64(b-a))
}

// toneAt returns the amplitude of the component at hz in x (rate Hz) by
// correlation over the middle of x.
func toneAt(x []float32, rate int, hz float64) float64 {
	a, b := len(x)/5, len(x)*4/5
	var re, im float64
	for i := a; i < b; i++ {
		p := 2 * math.Pi * hz * float64(i) / float64(rate)
		re += float64(x[i]) * math.Cos(p)
		im += float64(x[i]) * math.Sin(p)
	}
	return 2 * math.Hypot(re, im) / float64(b-a)
}

func resampleAll(t testing.TB, x []float32, in, out, chunk int) []float32 {
	r, err := NewResampler(in, out)
	if err != nil {
		t.Fatal(err)
	}
	var y []float32
	for i := 0; i < len(x); i += chunk {
		y = r.Process(x[i:min(i+chunk, len(x))], y)
	}
	return r.Flush(y)
}

func TestResamplerKeepsTone(t *testing.T) {
	for _, in := range []int{48000, 44100, 22050, 8000, 32000, 96000, 44056} {
		x := sine(in, 1000, 0.5, 1)
		y := resampleAll(t, x, in, 16000, 1000)
		wantLen := (len(x)*16000 + in - 1) / in
		if len(y) != wantLen {
			t.Errorf("resample %d->16000 of %d samples: %d samples, want %d", in, len(x), len(y), wantLen)
		}
		if a := toneAt(y, 16000, 1000); math.Abs(a-0.5) > 0.5*0.012 { // ±0.1 dB
			t.Errorf("resample %d->16000: 1 kHz amplitude %.4f, want 0.5", in, a)
		}
		if r := rms(y); math.Abs(r-0.5/math.Sqrt2) > 0.005 {
			t.Errorf("resample %d->16000: rms %.4f, want %.4f (energy elsewhere)", in, r, 0.5/math.Sqrt2)
		}
	}
}

// TestResamplerPassband: tones up to the top of the features' band keep
// their level within 0.1 dB.
func TestResamplerPassband(t *testing.T) {
	for _, in := range []int{48000, 44100, 22050} {
		for _, hz := range []float64{3000, 6000, 6800} {
			y := resampleAll(t, sine(in, hz, 0.5, 1), in, 16000, 4096)
			if a := toneAt(y, 16000, hz); math.Abs(a-0.5) > 0.5*0.012 {
				t.Errorf("resample %d->16000: %.0f Hz amplitude %.4f, want 0.5 ± 0.1 dB", in, hz, a)
			}
		}
	}
}

func TestResamplerAttenuates(t *testing.T) {
	tests := []struct {
		in     int
		hz     float64
		maxDB  float64
		reason string
	}{
		// What folds back into the features' band (below 6.9 kHz) is
		// stopped; what folds above it (from 8–9.1 kHz) need not be.
		{48000, 9200, -55, "would alias to 6.8 kHz"},
		{48000, 12000, -55, "would alias to 4 kHz"},
		{44100, 9200, -55, "would alias to 6.8 kHz"},
		{44100, 10000, -55, "would alias to 6 kHz"},
		{22050, 9200, -55, "would alias to 6.8 kHz"},
		{22050, 10000, -55, "would alias to 6 kHz"},
	}
	for _, tt := range tests {
		x := sine(tt.in, tt.hz, 0.5, 1)
		y := resampleAll(t, x, tt.in, 16000, 4096)
		db := 20 * math.Log10(rms(y)/(0.5/math.Sqrt2)+1e-12)
		if db > tt.maxDB {
			t.Errorf("resample %d->16000 of %.0f Hz (%s): %.1f dB, want <= %.0f dB", tt.in, tt.hz, tt.reason, db, tt.maxDB)
		}
	}
}

func TestResamplerUpsampleImages(t *testing.T) {
	// 8 kHz -> 16 kHz: a 3 kHz tone must not leave an image at 5 kHz.
	y := resampleAll(t, sine(8000, 3000, 0.5, 1), 8000, 16000, 333)
	if a := toneAt(y, 16000, 3000); math.Abs(a-0.5) > 0.006 {
		t.Errorf("8k->16k: 3 kHz amplitude %.4f, want 0.5", a)
	}
	if a := toneAt(y, 16000, 5000); a > 0.5*0.001 {
		t.Errorf("8k->16k: image at 5 kHz amplitude %.5f, want < -60 dB", a)
	}
}

func TestResamplerChunkingInvariant(t *testing.T) {
	x := noise(30011, 5)
	ref := resampleAll(t, x, 44100, 16000, len(x))
	for _, chunk := range []int{1, 7, 160, 8193, 20000} {
		y := resampleAll(t, x, 44100, 16000, chunk)
		if len(y) != len(ref) {
			t.Fatalf("chunk %d: %d samples, want %d", chunk, len(y), len(ref))
		}
		for i := range y {
			if y[i] != ref[i] {
				t.Fatalf("chunk %d: sample %d = %g, want %g", chunk, i, y[i], ref[i])
			}
		}
	}
}

func TestResamplerReuseAfterFlush(t *testing.T) {
	x := noise(5000, 9)
	r, _ := NewResampler(48000, 16000)
	a := r.Flush(r.Process(x, nil))
	b := r.Flush(r.Process(x, nil))
	if len(a) != len(b) || a[100] != b[100] {
		t.Errorf("second stream after Flush differs: len %d vs %d", len(b), len(a))
	}
}

func TestNewResamplerBadRates(t *testing.T) {
	for _, rr := range [][2]int{{0, 16000}, {-1, 16000}, {16000, 0}, {MaxRate + 1, 16000}} {
		if _, err := NewResampler(rr[0], rr[1]); err == nil {
			t.Errorf("NewResampler(%d, %d) = nil error, want ErrRate", rr[0], rr[1])
		}
	}
}

func TestFrameCount(t *testing.T) {
	tests := []struct{ samples, frames int }{
		{0, 0}, {1, 1}, {160, 1}, {161, 2}, {400, 3}, {16000, 100}, {16001, 101},
	}
	for _, tt := range tests {
		f, err := Compute(make([]float32, tt.samples), Rate, Config{})
		if err != nil {
			t.Fatal(err)
		}
		if f.Frames() != tt.frames || len(f.Energy) != tt.frames || f.Dim != NumCeps || f.FrameRate != FrameRate {
			t.Errorf("Compute(%d samples) = %d frames (%d energies, dim %d), want %d", tt.samples, f.Frames(), len(f.Energy), f.Dim, tt.frames)
		}
	}
}

func TestExtractorChunkingInvariant(t *testing.T) {
	x := noise(16000*2+77, 11)
	ref, _ := Compute(x, Rate, Config{})
	for _, chunk := range []int{1, 159, 400, 4096} {
		e := NewExtractor(Config{})
		for i := 0; i < len(x); i += chunk {
			e.Write(x[i:min(i+chunk, len(x))])
		}
		f := e.Features()
		if f.Frames() != ref.Frames() {
			t.Fatalf("chunk %d: %d frames, want %d", chunk, f.Frames(), ref.Frames())
		}
		for i := range f.Data {
			if f.Data[i] != ref.Data[i] {
				t.Fatalf("chunk %d: Data[%d] = %g, want %g", chunk, i, f.Data[i], ref.Data[i])
			}
		}
		if e.Features() != f {
			t.Errorf("second Features call returned a different value")
		}
	}
}

func TestEnergy(t *testing.T) {
	tests := []struct {
		name string
		x    []float32
		db   float64
	}{
		{"silence", make([]float32, 1600), -100},
		{"full-scale square", func() []float32 {
			x := make([]float32, 1600)
			for i := range x {
				x[i] = float32(1 - 2*(i/8%2))
			}
			return x
		}(), 0},
		{"sine 0.5", sine(Rate, 440, 0.5, 0.1), 20 * math.Log10(0.5/math.Sqrt2)},
	}
	for _, tt := range tests {
		f, _ := Compute(tt.x, Rate, Config{})
		if got := float64(f.Energy[2]); math.Abs(got-tt.db) > 0.3 {
			t.Errorf("energy(%s) = %.2f dB, want %.2f", tt.name, got, tt.db)
		}
	}
}

// speechLike is a vowel-like signal defined in continuous time (harmonics of
// a 120 Hz pitch shaped by two formants, under a 3 Hz syllable envelope),
// sampled at rate Hz: the same sound at any rate.
func speechLike(rate int, seconds float64) []float32 {
	n := int(float64(rate) * seconds)
	x := make([]float32, n)
	formant := func(f, c, bw float64) float64 { return 1 / (1 + (f-c)*(f-c)/(bw*bw)) }
	var amp []float64
	for h := 1; float64(h)*120 < 6000; h++ {
		f := float64(h) * 120
		amp = append(amp, 0.05*(formant(f, 700, 150)+0.5*formant(f, 1800, 200)+0.02))
	}
	for i := range x {
		t := float64(i) / float64(rate)
		var v float64
		for h, a := range amp {
			v += a * math.Sin(2*math.Pi*120*float64(h+1)*t+float64(h))
		}
		env := 0.55 + 0.45*math.Sin(2*math.Pi*3*t)
		x[i] = float32(v * env)
	}
	return x
}

func TestSameSignalTwoRates(t *testing.T) {
	a, err := Compute(speechLike(48000, 2), 48000, Config{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Compute(speechLike(22050, 2), 22050, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Frames() != b.Frames() {
		t.Fatalf("frames at 48k %d, at 22.05k %d", a.Frames(), b.Frames())
	}
	// Cosine similarity of C1..C12 per frame, as the aligner compares
	// them, and energy within 1 dB.
	var worst float64 = 1
	for i := 2; i < a.Frames()-2; i++ {
		fa, fb := a.Frame(i), b.Frame(i)
		var ab, aa, bb float64
		for k := 1; k < NumCeps; k++ {
			ab += float64(fa[k]) * float64(fb[k])
			aa += float64(fa[k]) * float64(fa[k])
			bb += float64(fb[k]) * float64(fb[k])
		}
		worst = min(worst, ab/math.Sqrt(aa*bb))
		if d := math.Abs(float64(a.Energy[i] - b.Energy[i])); d > 1 {
			t.Errorf("frame %d: energy %.2f dB at 48k, %.2f dB at 22.05k", i, a.Energy[i], b.Energy[i])
		}
	}
	if worst < 0.98 {
		t.Errorf("worst cosine similarity of the same signal at 48k and 22.05k = %.4f, want >= 0.98", worst)
	}
}

func TestSilenceVersusSpeech(t *testing.T) {
	x := append(make([]float32, 16000), speechLike(16000, 1)...)
	f, _ := Compute(x, Rate, Config{})
	silent, loud := f.Energy[50], f.Energy[150]
	if loud-silent < 40 {
		t.Errorf("energy of silence %.1f dB, of speech %.1f dB: want speech 40 dB louder", silent, loud)
	}
	if f.Frame(50)[0] >= f.Frame(150)[0] {
		t.Errorf("C0 of silence %.1f >= C0 of speech %.1f", f.Frame(50)[0], f.Frame(150)[0])
	}
}

func ExampleCompute() {
	// One second of a 440 Hz tone at 44.1 kHz.
	x := make([]float32, 44100)
	for i := range x {
		x[i] = float32(0.5 * math.Sin(2*math.Pi*440*float64(i)/44100))
	}
	f, err := Compute(x, 44100, Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d frames of %d coefficients at %.0f frames/s\n", f.Frames(), f.Dim, f.FrameRate)
	fmt.Printf("energy of frame 50: %.1f dB\n", f.Energy[50])
	// Output:
	// 100 frames of 13 coefficients at 100 frames/s
	// energy of frame 50: -9.0 dB
}
