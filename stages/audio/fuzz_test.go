package audio

import (
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline/testcorpus"
)

func FuzzOpen(f *testing.F) {
	for _, tc := range formatCases() {
		f.Add(tc.spec.makeWAV(testSignal(tc.spec.rate, 40)))
	}
	s := plain(EncPCM, 16, 2, 44100)
	s.truncate = 7
	f.Add(s.makeWAV(testSignal(44100, 40)))
	f.Add([]byte("ID3\x04\x00\x00\x00\x00\x00\x00"))
	f.Add([]byte("WEBVTT\n\nhello"))
	f.Add([]byte{})
	if b, err := os.ReadFile(filepath.Join(testcorpus.Sample(), "episode.wav")); err == nil {
		f.Add(b[:min(len(b), 4096)])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewReader("fuzz.wav", bytes.NewReader(data), int64(len(data)))
		if err != nil {
			if !errors.Is(err, ErrNotWAV) && !errors.Is(err, ErrUnsupported) && !errors.Is(err, ErrCorrupt) {
				t.Fatalf("NewReader error %v wraps no sentinel", err)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "fuzz.wav: ") || strings.Contains(msg, "\n") {
				t.Fatalf("error %q is not one line naming the file", msg)
			}
			return
		}
		fm := r.Format()
		if fm.Channels < 1 || fm.Channels > MaxChannels || fm.SampleRate < MinRate || fm.SampleRate > MaxRate ||
			fm.BlockAlign < 1 || fm.DataOffset+fm.DataBytes > int64(len(data)) || fm.Frames < 1 {
			t.Fatalf("accepted format %+v for %d bytes", fm, len(data))
		}
		buf := make([]float32, 61)
		var n int64
		for {
			k, err := r.Read(buf)
			for _, v := range buf[:k] {
				if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) || math.Abs(float64(v)) > 64 {
					t.Fatalf("sample %v", v)
				}
			}
			n += int64(k)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if n != fm.Frames {
			t.Fatalf("read %d frames, Format says %d", n, fm.Frames)
		}
	})
}
