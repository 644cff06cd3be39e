package audio

import (
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"

	goaudio "github.com/go-audio/audio"
	"github.com/go-audio/wav"

	"github.com/shownotes/shownotes/pipeline/testcorpus"
)

// TestAgreesWithGoAudio checks the reader against github.com/go-audio/wav,
// the project's reference WAV package, on the committed sample (16-bit
// PCM, which go-audio reads correctly): the same format and the same
// samples. The reader exists because go-audio's per-sample decoding is slow
// and it misreads float and extensible files (see newReader and convert.go).
func TestAgreesWithGoAudio(t *testing.T) {
	path := filepath.Join(testcorpus.Sample(), "episode.wav")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d := wav.NewDecoder(f)
	d.ReadInfo()
	if !d.IsValidFile() {
		t.Fatalf("go-audio/wav does not accept %s", path)
	}
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	fm := r.Format()
	if fm.SampleRate != int(d.SampleRate) || fm.Channels != int(d.NumChans) || fm.Bits != int(d.BitDepth) {
		t.Fatalf("Format() = %d Hz, %d ch, %d bit; go-audio says %d Hz, %d ch, %d bit",
			fm.SampleRate, fm.Channels, fm.Bits, d.SampleRate, d.NumChans, d.BitDepth)
	}
	ref := &goaudio.IntBuffer{Data: make([]int, 4096), Format: &goaudio.Format{NumChannels: int(d.NumChans), SampleRate: int(d.SampleRate)}}
	got := make([]float32, 4096/int(d.NumChans))
	scale := math.Pow(2, float64(d.BitDepth-1))
	total := 0
	for {
		n, err := d.PCMBuffer(ref)
		if n == 0 || err != nil {
			break
		}
		frames := n / int(d.NumChans)
		m, rerr := readFull(r, got[:frames])
		if m != frames {
			t.Fatalf("Read gave %d frames at frame %d, go-audio %d (%v)", m, total, frames, rerr)
		}
		for i := 0; i < frames; i++ {
			var want float64
			for c := 0; c < int(d.NumChans); c++ {
				want += float64(ref.Data[i*int(d.NumChans)+c]) / scale
			}
			want /= float64(d.NumChans)
			if math.Abs(float64(got[i])-want) > 1e-6 {
				t.Fatalf("sample %d = %v, go-audio gives %v", total+i, got[i], want)
			}
		}
		total += frames
	}
	if want := int(fm.Frames); total != want {
		t.Errorf("compared %d frames, file holds %d", total, want)
	}
}

// readFull reads until buf is full or the reader ends.
func readFull(r *Reader, buf []float32) (int, error) {
	n := 0
	for n < len(buf) {
		m, err := r.Read(buf[n:])
		n += m
		if err != nil {
			if errors.Is(err, io.EOF) {
				return n, nil
			}
			return n, err
		}
		if m == 0 {
			break
		}
	}
	return n, nil
}
