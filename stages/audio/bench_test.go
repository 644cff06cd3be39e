package audio

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/shownotes/shownotes/pipeline/testcorpus"
)

// BenchmarkDecode decodes the committed sample and, when rendered, the
// corpus episodes (seed: 44.1 kHz 16-bit stereo, seed-hard: 48 kHz 24-bit
// stereo); MB/s are of the file.
func BenchmarkDecode(b *testing.B) {
	files := []struct{ name, path string }{
		{"sample", filepath.Join(testcorpus.Sample(), "episode.wav")},
	}
	for _, n := range []string{"seed", "seed-hard"} {
		if d := testcorpus.Rendered(n); d != "" {
			files = append(files, struct{ name, path string }{n, filepath.Join(d, "episode.wav")})
		}
	}
	for _, f := range files {
		b.Run(f.name, func(b *testing.B) {
			st, err := os.Stat(f.path)
			if err != nil {
				b.Skip(err)
			}
			b.SetBytes(st.Size())
			for b.Loop() {
				if _, err := Decode(context.Background(), f.path, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRead measures the reader alone (file to mono float32) on a
// generated 48 kHz 24-bit stereo file.
func BenchmarkRead(b *testing.B) {
	p := writeTemp(b, "b.wav", plain(EncPCM, 24, 2, 48000).makeWAV(testSignal(48000, 48000*10)))
	st, _ := os.Stat(p)
	b.SetBytes(st.Size())
	buf := make([]float32, 16384)
	for b.Loop() {
		r, err := Open(p)
		if err != nil {
			b.Fatal(err)
		}
		for {
			if _, err := r.Read(buf); err != nil {
				break
			}
		}
		r.Close()
	}
}

// BenchmarkDecodeCompressed decodes the committed MP3 (go-mp3, one
// decoder and GOMAXPROCS decoders on 4.6 s chunks, and, when installed,
// ffmpeg) and FLAC; MB/s are of the file.
func BenchmarkDecodeCompressed(b *testing.B) {
	for _, f := range []struct {
		name, path string
		ffmpeg     bool
		workers    int // go-mp3 decoders (0: GOMAXPROCS, on short chunks)
	}{
		{"mp3-gomp3", "testdata/sample-vbr.mp3", false, 1},
		{"mp3-gomp3-chunked", "testdata/sample-vbr.mp3", false, 0},
		{"mp3-ffmpeg", "testdata/sample-vbr.mp3", true, 1},
		{"flac", "testdata/sample-8s.flac", false, 1},
	} {
		b.Run(f.name, func(b *testing.B) {
			if f.ffmpeg {
				needFFmpeg(b)
			}
			withParallel(b, f.workers, 128)
			defer func(v bool) { preferFFmpegMP3 = v }(preferFFmpegMP3)
			preferFFmpegMP3 = f.ffmpeg
			st, err := os.Stat(f.path)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(st.Size())
			for b.Loop() {
				if _, err := Decode(context.Background(), f.path, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
