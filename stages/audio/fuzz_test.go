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

// compressedSeeds are the starts of real MP3, FLAC, M4A and Ogg files.
func compressedSeeds(f *testing.F) {
	for _, p := range []string{"testdata/sample-vbr.mp3", "testdata/sample-8s.flac"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b[:min(len(b), 6000)])
		}
	}
	f.Add([]byte("ID3\x03\x00\x00\x00\x00\x00\x10" + strings.Repeat("\x00", 16) + "\xff\xfb\x90\x64"))
	f.Add([]byte("fLaC\x00\x00\x00\x22" + strings.Repeat("\x10", 34)))
	f.Add([]byte("\x00\x00\x00\x10ftypM4A \x00\x00\x00\x00\x00\x00\x00\x10moov\x00\x00\x00\x08trak"))
	f.Add([]byte("OggS\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x13OpusHead\x01\x01\x38\x01\x80\xbb\x00\x00\x00\x00\x00"))
}

// checkErr fails unless err is one line naming the file and wrapping one
// of the package's sentinels.
func checkErr(t *testing.T, what, path string, err error) {
	t.Helper()
	if !errors.Is(err, ErrNotAudio) && !errors.Is(err, ErrNotWAV) && !errors.Is(err, ErrUnsupported) && !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrNoDecoder) {
		t.Fatalf("%s error %v wraps no sentinel", what, err)
	}
	if msg := err.Error(); !strings.HasPrefix(msg, path+": ") || strings.Contains(msg, "\n") {
		t.Fatalf("%s error %q is not one line naming the file", what, msg)
	}
}

// FuzzProbe: Probe never panics, and either describes the file sanely or
// returns one line naming it.
func FuzzProbe(f *testing.F) {
	compressedSeeds(f)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "episode")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		info, err := Probe(p)
		if err != nil {
			checkErr(t, "Probe", p, err)
			return
		}
		if info.MIME == "" || info.Size != int64(len(data)) || info.Duration < 0 || math.IsNaN(info.Duration) {
			t.Fatalf("Probe = %+v for %d bytes", info, len(data))
		}
	})
}

// FuzzDecodeCompressed: the in-process MP3 and FLAC decoders never panic,
// return finite samples, and fail with one line naming the file. (M4A and
// Ogg go to ffmpeg, a process per input: FuzzProbe covers their parsers.)
func FuzzDecodeCompressed(f *testing.F) {
	compressedSeeds(f)
	dir := f.TempDir()
	defer func(v bool) { preferFFmpegMP3 = v }(preferFFmpegMP3)
	preferFFmpegMP3 = false
	f.Fuzz(func(t *testing.T, data []byte) {
		if d := Detect(data[:min(len(data), 12)]); d != FormatMP3 && d != FormatFLAC {
			return
		}
		p := filepath.Join(dir, "episode")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		src, _, err := openSource(p)
		if err != nil {
			checkErr(t, "open", p, err)
			return
		}
		defer src.Close()
		buf := make([]float32, 777)
		for range 10000 {
			n, err := src.Read(buf)
			for _, v := range buf[:n] {
				if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) || math.Abs(float64(v)) > 64 {
					t.Fatalf("sample %v", v)
				}
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				checkErr(t, "Read", p, err)
				return
			}
		}
		for _, w := range src.Warnings() {
			if !strings.HasPrefix(w, p+": ") || strings.Contains(w, "\n") {
				t.Fatalf("warning %q is not one line naming the file", w)
			}
		}
	})
}
