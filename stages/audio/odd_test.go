package audio

import (
	"context"
	"encoding/binary"
	"math"
	"path/filepath"
	"sort"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
)

// pcm16 encodes channels (each a slice of samples in [-1, 1) plus offset
// in 16-bit units) as a 16-bit PCM WAV file.
func pcm16(rate int, offset float64, chans ...[]float32) []byte {
	ch, n := len(chans), len(chans[0])
	b := make([]byte, 44+2*ch*n)
	copy(b, "RIFF")
	binary.LittleEndian.PutUint32(b[4:], uint32(36+2*ch*n))
	copy(b[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(b[16:], 16)
	binary.LittleEndian.PutUint16(b[20:], 1)
	binary.LittleEndian.PutUint16(b[22:], uint16(ch))
	binary.LittleEndian.PutUint32(b[24:], uint32(rate))
	binary.LittleEndian.PutUint32(b[28:], uint32(rate*2*ch))
	binary.LittleEndian.PutUint16(b[32:], uint16(2*ch))
	binary.LittleEndian.PutUint16(b[34:], 16)
	copy(b[36:], "data")
	binary.LittleEndian.PutUint32(b[40:], uint32(2*ch*n))
	for i := range n {
		for c := range ch {
			v := math.Round(float64(chans[c][i])*32768 + offset)
			v = max(-32768, min(32767, v))
			binary.LittleEndian.PutUint16(b[44+2*(i*ch+c):], uint16(int16(v)))
		}
	}
	return b
}

// sampleSignal reads the bundled 40-s sample's samples.
func sampleSignal(t *testing.T) ([]float32, int) {
	t.Helper()
	r, err := Open(filepath.Join(testcorpus.Sample(), "episode.wav"))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	return readAll(t, r, 4096), r.Format().SampleRate
}

// energyGap is the median and the 10th-percentile (quiet frames) absolute
// difference of two feature sets' frame energies, in dB.
func energyGap(a, b *pipeline.Features) (med, quiet float64) {
	n := min(len(a.Energy), len(b.Energy))
	type fr struct{ e, d float64 }
	fs := make([]fr, n)
	for i := range n {
		fs[i] = fr{float64(a.Energy[i]), math.Abs(float64(a.Energy[i] - b.Energy[i]))}
	}
	d := make([]float64, n)
	for i := range fs {
		d[i] = fs[i].d
	}
	sort.Float64s(d)
	med = d[n/2]
	// The quietest tenth of a's frames: where an offset or a cancelled
	// channel shows most.
	sort.Slice(fs, func(i, j int) bool { return fs[i].e < fs[j].e })
	var q float64
	for _, f := range fs[:n/10] {
		q += f.d
	}
	return med, q / float64(n/10)
}

// TestOddButValidAudio: a DC offset of +3000 (9 % of full scale) and a
// stereo file with one channel in opposite polarity are speech, not
// silence: their features match the plain file's (issue 14, item 5).
func TestOddButValidAudio(t *testing.T) {
	x, rate := sampleSignal(t)
	neg := make([]float32, len(x))
	half := make([]float32, len(x))
	for i, v := range x {
		neg[i] = -v
		half[i] = v / 2
	}
	write := func(name string, b []byte) string { return writeTemp(t, name, b) }
	ref, err := Decode(context.Background(), write("plain.wav", pcm16(rate, 0, x)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		wav  []byte
	}{
		{"dc offset +3000", pcm16(rate, 3000, x)},
		{"dc offset -3000 stereo", pcm16(rate, -3000, x, x)},
		{"right channel inverted", pcm16(rate, 0, x, neg)},
		{"left channel inverted", pcm16(rate, 0, neg, x)},
		// Two voices, one per channel, must keep both: a channel that is
		// silent must not be mistaken for anything.
		{"one channel silent", pcm16(rate, 0, x, make([]float32, len(x)))},
		{"inverted and offset", pcm16(rate, 2000, half, neg)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Decode(context.Background(), write(tt.name+".wav", tt.wav), Options{})
			if err != nil {
				t.Fatal(err)
			}
			med, quiet := energyGap(ref.Features, a.Features)
			// Level differences (a silent channel halves the mix: -6 dB)
			// shift every frame alike; what must not happen is the
			// quiet frames filling up (offset) or everything vanishing
			// (cancellation).
			if med > 7 || quiet > med+3 {
				t.Errorf("frame energy differs from the plain file's by %.1f dB (median), %.1f dB (quietest tenth)", med, quiet)
			}
		})
	}
}
