package audio

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	mp3 "github.com/hajimehoshi/go-mp3"

	"github.com/shownotes/shownotes/pipeline/testcorpus"
)

// pcmRun is what a decoder made of a file: go-mp3's bytes and how it
// stopped.
type pcmRun struct {
	pcm  []byte
	err  string // "" at the end of the file
	pv   string // the panic, if any
	open string // the error opening the file
}

func (r pcmRun) same(o pcmRun) string {
	if i := mismatch(r.pcm, o.pcm); i >= 0 {
		return fmt.Sprintf("%d and %d bytes, first difference at byte %d (sample %d)", len(r.pcm), len(o.pcm), i, i/4)
	}
	if r.err != o.err || r.pv != o.pv || r.open != o.open {
		return fmt.Sprintf("ends %q/%q/%q, want %q/%q/%q", r.err, r.pv, r.open, o.err, o.pv, o.open)
	}
	return ""
}

func mismatch(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	if len(a) != len(b) {
		return min(len(a), len(b))
	}
	return -1
}

// drain reads r to its end, a frame at a time, as a pcmRun.
func drain(r io.Reader) (run pcmRun) {
	defer func() {
		if v := recover(); v != nil {
			run.pv = fmt.Sprint(v)
		}
	}()
	buf := make([]byte, mp3FrameBytes)
	for {
		n, err := r.Read(buf)
		run.pcm = append(run.pcm, buf[:n]...)
		if err == io.EOF {
			return run
		}
		if err != nil {
			run.err = err.Error()
			return run
		}
	}
}

// serialGoMP3 decodes path with one go-mp3 decoder, directly.
func serialGoMP3(t testing.TB, path string) (run pcmRun) {
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var d *mp3.Decoder
	func() {
		defer func() {
			if v := recover(); v != nil {
				err = fmt.Errorf("panic %v", v)
			}
		}()
		d, err = mp3.NewDecoder(bufio.NewReader(fh))
	}()
	if err != nil {
		return pcmRun{open: err.Error()}
	}
	return drain(d)
}

// inProcessMP3 has go-mp3 decode MP3 for the test.
func inProcessMP3(t testing.TB) {
	v := preferFFmpegMP3
	t.Cleanup(func() { preferFFmpegMP3 = v })
	preferFFmpegMP3 = false
}

// withParallel sets the decoder pool for the test.
func withParallel(t testing.TB, workers, chunkFrames int) {
	w, c := mp3Workers, mp3ChunkBytes
	t.Cleanup(func() { mp3Workers, mp3ChunkBytes = w, c })
	mp3Workers, mp3ChunkBytes = workers, chunkFrames*mp3FrameBytes
}

// parallelGoMP3 decodes path through openMP3's chunked decoder; par is
// nil when openMP3 chose one decoder.
func parallelGoMP3(t testing.TB, path string) (run pcmRun, par *mp3Par) {
	src, _, err := openMP3(path)
	if err != nil {
		return pcmRun{open: err.Error()}, nil
	}
	defer src.Close()
	s := src.(*mp3Source)
	return drain(s.pcm), s.par
}

// ffmpegMP3 encodes seconds (0: all) of the sample, looped times, as dir/name.
func ffmpegMP3(t *testing.T, dir, name string, loops int, args ...string) string {
	t.Helper()
	needFFmpeg(t)
	out := filepath.Join(dir, name)
	a := []string{"-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-stream_loop", fmt.Sprint(loops - 1), "-i", filepath.Join(testcorpus.Sample(), "episode.wav")}
	a = append(append(a, args...), out)
	if b, err := exec.Command("ffmpeg", a...).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg %v: %v\n%s", args, err, b)
	}
	return out
}

// TestMP3ParallelEqualsSerial: the chunked decode gives go-mp3's own
// output byte for byte, over many seams, on files of every kind: low bit
// rates (where the reservoir reaches back several frames), no reservoir,
// mono and stereo, MPEG-1 and MPEG-2, VBR, ID3v2, a few minutes long.
func TestMP3ParallelEqualsSerial(t *testing.T) {
	inProcessMP3(t)
	dir := t.TempDir()
	committed := func(p string) func(*testing.T) string { return func(*testing.T) string { return p } }
	made := func(name string, loops int, args ...string) func(*testing.T) string {
		return func(t *testing.T) string { return ffmpegMP3(t, dir, name, loops, args...) }
	}
	tests := []struct {
		name  string
		path  func(*testing.T) string
		chunk int // frames per chunk
	}{
		{"committed VBR mono 16 kHz (MPEG-2, Xing+LAME)", committed("testdata/sample-vbr.mp3"), 16},
		{"committed, 1-frame chunks", committed("testdata/sample-vbr.mp3"), 1},
		{"CBR 128k stereo 44.1 kHz ID3v2", made("a.mp3", 1, "-ar", "44100", "-ac", "2", "-b:a", "128k", "-id3v2_version", "3", "-metadata", "title=Episode 1"), 20},
		{"CBR 32k stereo 44.1 kHz (MPEG-1, 8 frames of reservoir)", made("b.mp3", 1, "-ar", "44100", "-ac", "2", "-b:a", "32k"), 10},
		{"CBR 8k mono 16 kHz (MPEG-2)", made("c.mp3", 1, "-ar", "16000", "-b:a", "8k"), 12},
		{"CBR 8k stereo 24 kHz (MPEG-2, padded, a few bytes of main data a frame)", made("d.mp3", 1, "-ar", "24000", "-ac", "2", "-b:a", "8k"), 30},
		{"VBR stereo 48 kHz", made("e.mp3", 1, "-ar", "48000", "-ac", "2", "-q:a", "2"), 7},
		{"VBR mono 22.05 kHz without Xing", made("f.mp3", 1, "-ar", "22050", "-q:a", "6", "-write_xing", "0"), 9},
		{"CBR 64k without bit reservoir", made("g.mp3", 1, "-ar", "44100", "-b:a", "64k", "-reservoir", "0"), 5},
		{"2.8 minutes CBR 128k stereo 44.1 kHz", made("long.mp3", 4, "-ar", "44100", "-ac", "2", "-b:a", "128k"), 64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.path(t)
			want := serialGoMP3(t, p)
			if want.open != "" || want.err != "" || want.pv != "" || len(want.pcm) == 0 {
				t.Fatalf("serial decode: %d bytes, %+v", len(want.pcm), want)
			}
			withParallel(t, 3, tt.chunk)
			got, par := parallelGoMP3(t, p)
			if par == nil {
				t.Fatal("decoded by one decoder")
			}
			if d := got.same(want); d != "" {
				t.Errorf("parallel: %s", d)
			}
			if frames := len(want.pcm) / (4 * 576); par.chunks < 3 || par.why != "end of the walk" || par.chunks < frames/tt.chunk/2-1 {
				t.Errorf("%d chunks, then %q, for %d granules", par.chunks, par.why, frames)
			}
		})
	}
}

// readMono reads a source to its end through buffers of n frames.
func readMono(t *testing.T, src source, n int) ([]float32, string) {
	t.Helper()
	var out []float32
	buf := make([]float32, n)
	for {
		k, err := src.Read(buf)
		out = append(out, buf[:k]...)
		if err == io.EOF {
			return out, ""
		}
		if err != nil {
			return out, err.Error()
		}
	}
}

// TestMP3ParallelSource: what Decode reads (gapless trim, the stereo mix,
// the warnings of a cut or damaged file) is the same from the chunked
// decoder as from one decoder.
func TestMP3ParallelSource(t *testing.T) {
	inProcessMP3(t)
	dir := t.TempDir()
	read := func(name string) []byte {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	vbr := read("testdata/sample-vbr.mp3")
	// damage overwrites n bytes at frac of b with a pattern.
	damage := func(b []byte, frac float64, n int, v byte) []byte {
		b = slices.Clone(b)
		at := int(float64(len(b)) * frac)
		for i := at; i < min(len(b), at+n); i++ {
			b[i] = v ^ byte(i*37)
		}
		return b
	}
	tests := []struct {
		name   string
		path   func(t *testing.T) string
		ffmpeg bool
		warn   bool // a "decoding stopped" warning is expected
	}{
		{"committed VBR mono", func(*testing.T) string { return "testdata/sample-vbr.mp3" }, false, false},
		{"cut at 60 %", func(*testing.T) string { return write("cut.mp3", vbr[:len(vbr)*6/10+7]) }, false, false},
		{"junk in the middle", func(*testing.T) string { return write("junk.mp3", damage(vbr, 0.5, 3000, 0x5a)) }, false, false},
		{"damaged main data", func(*testing.T) string { return write("bits.mp3", damage(vbr, 0.3, 40, 0xff)) }, false, false},
		{"stereo 44.1 kHz with ID3v2", func(t *testing.T) string {
			return ffmpegMP3(t, dir, "s.mp3", 1, "-ar", "44100", "-ac", "2", "-b:a", "96k", "-id3v2_version", "3")
		}, true, false},
		{"stereo, damaged", func(t *testing.T) string {
			p := ffmpegMP3(t, dir, "s2.mp3", 1, "-ar", "44100", "-ac", "2", "-b:a", "96k")
			return write("s2bad.mp3", damage(damage(read(p), 0.4, 300, 0x33), 0.7, 2, 0x00))
		}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.path(t)
			type out struct {
				samples []float32
				err     string
				warns   []string
			}
			decode := func(workers int, bufFrames int) (o out) {
				withParallel(t, workers, 8)
				src, _, err := openMP3(p)
				if err != nil {
					t.Fatal(err)
				}
				defer src.Close()
				if s := src.(*mp3Source); (s.par != nil) != (workers > 1) {
					t.Fatalf("workers %d, parallel %v", workers, s.par != nil)
				}
				o.samples, o.err = readMono(t, src, bufFrames)
				o.warns = src.Warnings()
				return o
			}
			for _, n := range []int{65536, 777} {
				want, got := decode(1, n), decode(3, n)
				if i := slices.Compare(got.samples, want.samples); i != 0 || len(got.samples) != len(want.samples) {
					t.Errorf("%d-frame reads: %d samples, want %d (identical)", n, len(got.samples), len(want.samples))
				}
				if got.err != want.err || !slices.Equal(got.warns, want.warns) {
					t.Errorf("%d-frame reads: error %q, warnings %q; want %q, %q", n, got.err, got.warns, want.err, want.warns)
				}
			}
		})
	}
}

// TestMP3ParallelClose: closing a source mid-file stops its goroutines.
func TestMP3ParallelClose(t *testing.T) {
	inProcessMP3(t)
	withParallel(t, 3, 4)
	before := runtime.NumGoroutine()
	src, _, err := openMP3("testdata/sample-vbr.mp3")
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]float32, 5000)
	if _, err := src.Read(buf); err != nil {
		t.Fatal(err)
	}
	src.Close()
	for deadline := time.Now().Add(5 * time.Second); runtime.NumGoroutine() > before; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines after Close, %d before Open", runtime.NumGoroutine(), before)
		}
	}
}

// FuzzMP3Parallel: on any input the chunked decoder gives what one go-mp3
// decoder gives (bytes, error, panic), and never panics itself.
func FuzzMP3Parallel(f *testing.F) {
	if b, err := os.ReadFile("testdata/sample-vbr.mp3"); err == nil {
		f.Add(b[:min(len(b), 6000)])
		f.Add(b[:min(len(b), 20000)])
		// A middle part: go-mp3 starts on a frame whose reservoir it lacks.
		f.Add(b[min(len(b), 50000):min(len(b), 60000)])
	}
	f.Add([]byte("ID3\x03\x00\x00\x00\x00\x00\x10" + string(make([]byte, 16)) + "\xff\xf3\x48\xc4" + string(make([]byte, 300))))
	dir := f.TempDir()
	inProcessMP3(f)
	withParallel(f, 3, 2)
	f.Fuzz(func(t *testing.T, data []byte) {
		if Detect(data[:min(len(data), 12)]) != FormatMP3 {
			return
		}
		p := filepath.Join(dir, "episode.mp3")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, par := parallelGoMP3(t, p)
		if got.open != "" {
			return // openMP3 refused it (its own tests check how)
		}
		want := serialGoMP3(t, p)
		if d := got.same(want); d != "" {
			t.Fatalf("parallel (%v): %s", par != nil, d)
		}
	})
}

// TestMP3WarmUp: the warm-up covers the largest reservoir of the lowest
// bit rates.
func TestMP3WarmUp(t *testing.T) {
	for _, tt := range []struct {
		hdr  string
		main int
	}{
		{"\xff\xfb\x90\x64", 417 - 36},    // MPEG-1 128 kb/s 44.1 kHz stereo
		{"\xff\xfb\x10\xc4", 104 - 21},    // MPEG-1 32 kb/s 44.1 kHz mono
		{"\xff\xf3\x18\xc4", 36 - 13},     // MPEG-2 8 kb/s 16 kHz mono
		{"\xff\xf3\x16\x64", 24 - 21},     // MPEG-2 8 kb/s 24 kHz stereo, padded (go-mp3: 24 bytes)
		{"\xff\xf2\x16\x64", 24 - 21 - 2}, // the same with a CRC
	} {
		h, ok := parseMPEGHeader([]byte(tt.hdr))
		if !ok {
			t.Fatalf("%q: no header", tt.hdr)
		}
		if got := mainDataBytes(h); got != tt.main {
			t.Errorf("%q: %d bytes of main data, want %d (header %+v)", tt.hdr, got, tt.main, h)
		}
		hist := make([]mpegFrame, mp3MaxBack+100)
		for i := range hist {
			hist[i] = mpegFrame{int64(i * h.size), h}
		}
		p := &mp3Par{first: hist[0]}
		j := p.job(hist, 1, mp3MaxBack)
		if j.bad {
			t.Fatalf("%q: no warm-up", tt.hdr)
		}
		if res := (j.warm - mp3StateFrames - 1) * tt.main; j.warm-j.patch != mp3StateFrames || res < maxReservoir(h) || res-tt.main >= maxReservoir(h) {
			t.Errorf("%q: warm-up %d frames (%d silent), reservoir %d bytes", tt.hdr, j.warm, j.patch, res)
		}
	}
}
