package audio

import (
	"context"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
)

// sampleDuration is the bundled sample's length: 661535 frames at 16 kHz.
const sampleDuration = 661535.0 / 16000

// needFFmpeg skips a test when ffmpeg is missing, except under CI=true.
func needFFmpeg(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("ffmpeg is not installed (CI must apt-get install ffmpeg)")
		}
		t.Skip("ffmpeg is not installed (apt-get install ffmpeg)")
	}
}

// encode makes dir/name from the sample with ffmpeg and the given output
// options.
func encode(t testing.TB, dir, name string, args ...string) string {
	t.Helper()
	out := filepath.Join(dir, name)
	a := append([]string{"-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", filepath.Join(testcorpus.Sample(), "episode.wav")}, args...)
	if b, err := exec.Command("ffmpeg", append(a, out)...).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg %v: %v\n%s", args, err, b)
	}
	return out
}

func TestDetect(t *testing.T) {
	tests := []struct {
		head string
		want string
	}{
		{"RIFF\x24\x00\x00\x00WAVE", FormatWAV},
		{"RF64\xff\xff\xff\xffWAVE", FormatWAV},
		{"RIFF\x24\x00\x00\x00AVI ", ""},
		{"ID3\x04\x00\x00\x00\x00\x00\x00", FormatMP3},
		{"\xff\xfb\x90\x64\x00\x00", FormatMP3},
		{"\xff\xf3\x48\xc4\x00\x00", FormatMP3}, // MPEG-2 Layer III, 16 kHz
		{"\xff\xea\x90\x64", ""},                // reserved MPEG version
		{"fLaC\x00\x00\x00\x22", FormatFLAC},
		{"OggS\x00\x02", FormatOgg},
		{"\x00\x00\x00\x20ftypM4A ", FormatM4A},
		{"WEBVTT\n\nhello", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Detect([]byte(tt.head)); got != tt.want {
			t.Errorf("Detect(%q) = %q, want %q", tt.head, got, tt.want)
		}
	}
}

func TestProbeFormats(t *testing.T) {
	type want struct {
		format, mime string
		dur, tol     float64
		rate, ch     int
		vbr          bool
	}
	files := []struct {
		name string
		path func(t *testing.T, dir string) string
		want want
	}{
		{"committed VBR mono MP3 (Xing+LAME)", func(*testing.T, string) string { return "testdata/sample-vbr.mp3" },
			want{FormatMP3, "audio/mpeg", sampleDuration, 0.001, 16000, 1, true}},
		{"committed FLAC", func(*testing.T, string) string { return "testdata/sample-8s.flac" },
			want{FormatFLAC, "audio/flac", 8, 0, 16000, 1, false}},
		{"WAV", func(*testing.T, string) string { return filepath.Join(testcorpus.Sample(), "episode.wav") },
			want{FormatWAV, "audio/wav", sampleDuration, 0, 16000, 1, false}},
		// ffmpeg-made files: 44.1 kHz stereo CBR with an ID3v2 tag; CBR
		// without a Xing header (the frame scan: the encoder and decoder
		// delays, 1105 samples, are part of the frames); VBR without a
		// Xing header; 96 kb/s AAC in M4A (its 1024 priming samples are
		// in mdhd's duration); Opus in Ogg.
		{"CBR stereo ID3v2", func(t *testing.T, dir string) string {
			return encode(t, dir, "a.mp3", "-ar", "44100", "-ac", "2", "-b:a", "128k", "-id3v2_version", "3", "-metadata", "title=Episode 1")
		}, want{FormatMP3, "audio/mpeg", sampleDuration, 0.001, 44100, 2, false}},
		{"CBR without Xing", func(t *testing.T, dir string) string {
			return encode(t, dir, "b.mp3", "-ar", "44100", "-b:a", "64k", "-write_xing", "0")
		}, want{FormatMP3, "audio/mpeg", sampleDuration + 0.05, 0.05, 44100, 1, false}},
		{"VBR without Xing", func(t *testing.T, dir string) string {
			return encode(t, dir, "c.mp3", "-ar", "22050", "-q:a", "4", "-write_xing", "0")
		}, want{FormatMP3, "audio/mpeg", sampleDuration + 0.05, 0.05, 22050, 1, true}},
		{"M4A", func(t *testing.T, dir string) string { return encode(t, dir, "d.m4a", "-c:a", "aac", "-b:a", "96k") },
			want{FormatM4A, "audio/x-m4a", sampleDuration, 0.001, 16000, 0, false}},
		{"Opus", func(t *testing.T, dir string) string { return encode(t, dir, "e.opus", "-c:a", "libopus") },
			want{FormatOgg, "audio/ogg", sampleDuration, 0.001, 48000, 1, false}},
	}
	dir := t.TempDir()
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			if strings.Contains(f.name, "ID3") || strings.Contains(f.name, "without") || f.name == "M4A" || f.name == "Opus" {
				needFFmpeg(t)
			}
			p := f.path(t, dir)
			got, err := Probe(p)
			if err != nil {
				t.Fatal(err)
			}
			w := f.want
			if got.Format != w.format || got.MIME != w.mime || got.SampleRate != w.rate || (w.ch > 0 && got.Channels != w.ch) || got.VBR != w.vbr {
				t.Errorf("Probe = %+v, want %+v", got, w)
			}
			if math.Abs(got.Duration-w.dur) > w.tol+1e-9 {
				t.Errorf("duration %.4f s, want %.4f ± %.3f", got.Duration, w.dur, w.tol)
			}
			if st, _ := os.Stat(p); got.Size != st.Size() {
				t.Errorf("size %d, want %d", got.Size, st.Size())
			}
		})
	}
}

// energyLag returns the frame shift (within ±maxLag) at which b's frame
// energies best match a's, and the median absolute difference there (dB),
// over a's frames louder than its 30th percentile (lossy codecs and
// resamplers fill digital silence with noise many dB apart that the
// aligner does not see).
func energyLag(a, b *pipeline.Features, maxLag int) (int, float64) {
	sorted := append([]float32(nil), a.Energy...)
	slices.Sort(sorted)
	floor := sorted[len(sorted)*3/10]
	best, bl := math.Inf(1), 0
	for lag := -maxLag; lag <= maxLag; lag++ {
		var d []float64
		for i := range a.Energy {
			j := i + lag
			if j < 0 || j >= len(b.Energy) || a.Energy[i] < floor {
				continue
			}
			d = append(d, math.Abs(float64(a.Energy[i]-b.Energy[j])))
		}
		slices.Sort(d)
		if m := d[len(d)/2]; m < best {
			best, bl = m, lag
		}
	}
	return bl, best
}

// TestDecodeFormats decodes the sample from each format and compares the
// features with the WAV's: same length, no shift in time, close energies.
func TestDecodeFormats(t *testing.T) {
	ref, err := Decode(context.Background(), filepath.Join(testcorpus.Sample(), "episode.wav"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	type tc struct {
		name      string
		path      func(t *testing.T) string
		inProcess bool // MP3 through go-mp3 rather than ffmpeg
		ffmpeg    bool
		maxDiff   float64 // mean |ΔdB| of frame energies
	}
	committed := func(p string) func(*testing.T) string { return func(*testing.T) string { return p } }
	made := func(name string, args ...string) func(*testing.T) string {
		return func(t *testing.T) string { return encode(t, dir, name, args...) }
	}
	tests := []tc{
		{"VBR mono MP3, go-mp3", committed("testdata/sample-vbr.mp3"), true, false, 1.5},
		{"VBR mono MP3, ffmpeg", committed("testdata/sample-vbr.mp3"), false, true, 1.5},
		{"CBR 128k stereo 44.1k, go-mp3", made("a.mp3", "-ar", "44100", "-b:a", "128k", "-id3v2_version", "3"), true, true, 1.5},
		{"CBR 128k stereo 44.1k, ffmpeg", made("a.mp3", "-ar", "44100", "-b:a", "128k", "-id3v2_version", "3"), false, true, 1.5},
		{"CBR without Xing, go-mp3", made("b.mp3", "-ar", "44100", "-b:a", "96k", "-write_xing", "0"), true, true, 1.5},
		{"CBR without Xing, ffmpeg", made("b.mp3", "-ar", "44100", "-b:a", "96k", "-write_xing", "0"), false, true, 1.5},
		{"8 kHz MP3", made("c.mp3", "-ar", "8000", "-b:a", "24k"), true, true, 4},
		{"48 kHz MP3", made("d.mp3", "-ar", "48000", "-b:a", "128k"), true, true, 1.5},
		{"FLAC", made("e.flac", "-ar", "44100"), false, true, 0.5},
		{"M4A 96k", made("f.m4a", "-c:a", "aac", "-b:a", "96k"), false, true, 1.5},
		{"Opus", made("g.opus", "-c:a", "libopus", "-b:a", "32k"), false, true, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.ffmpeg || !tt.inProcess {
				needFFmpeg(t)
			}
			defer func(v bool) { preferFFmpegMP3 = v }(preferFFmpegMP3)
			preferFFmpegMP3 = !tt.inProcess
			var warns []string
			a, err := Decode(context.Background(), tt.path(t), Options{Warn: func(m string) { warns = append(warns, m) }})
			if err != nil {
				t.Fatal(err)
			}
			if len(warns) > 0 {
				t.Errorf("warnings %q", warns)
			}
			if d := a.Duration - ref.Duration; math.Abs(d) > 0.07 {
				t.Errorf("duration %.4f s, the WAV's %.4f s", a.Duration, ref.Duration)
			}
			lag, diff := energyLag(ref.Features, a.Features, 10)
			if lag != 0 || diff > tt.maxDiff {
				t.Errorf("frame energies best match %d frames off, mean difference %.2f dB (want 0 frames, ≤ %.1f dB)", lag, diff, tt.maxDiff)
			}
		})
	}
}

// TestTruncatedCompressed: a cut file decodes as far as it goes, with a
// warning naming the file.
func TestTruncatedCompressed(t *testing.T) {
	dir := t.TempDir()
	cut := func(src, name string) string {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b[:len(b)*6/10+7], 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name      string
		path      string
		inProcess bool
		ffmpeg    bool
		warn      bool // a warning is required (ffmpeg may end an MP3 silently)
	}{
		{"MP3, go-mp3", cut("testdata/sample-vbr.mp3", "a.mp3"), true, false, true},
		{"MP3, ffmpeg", cut("testdata/sample-vbr.mp3", "b.mp3"), false, true, true},
		{"FLAC", cut("testdata/sample-8s.flac", "c.flac"), false, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.ffmpeg {
				needFFmpeg(t)
			}
			defer func(v bool) { preferFFmpegMP3 = v }(preferFFmpegMP3)
			preferFFmpegMP3 = !tt.inProcess
			info, err := Probe(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			var warns []string
			a, err := Decode(context.Background(), tt.path, Options{Warn: func(m string) { warns = append(warns, m) }})
			if err != nil {
				t.Fatal(err)
			}
			if a.Duration < info.Duration*0.5 || a.Duration > info.Duration*0.7 {
				t.Errorf("decoded %.2f s of a file whose header says %.2f s, cut at 60 %%", a.Duration, info.Duration)
			}
			if tt.warn && (len(warns) == 0 || !strings.Contains(warns[0], tt.path)) {
				t.Errorf("warnings %q, want one naming %s", warns, tt.path)
			}
		})
	}
}

// TestNoFFmpeg: M4A without ffmpeg is one line naming the file and the
// package; MP3 falls back to go-mp3.
func TestNoFFmpeg(t *testing.T) {
	needFFmpeg(t)
	p := encode(t, t.TempDir(), "x.m4a", "-t", "2", "-c:a", "aac")
	t.Setenv("PATH", "")
	_, err := Decode(context.Background(), p, Options{})
	if !errors.Is(err, ErrNoDecoder) || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "apt-get install ffmpeg") || strings.Contains(err.Error(), "\n") {
		t.Errorf("Decode(M4A) without ffmpeg = %v", err)
	}
	if _, err := Probe(p); err != nil {
		t.Errorf("Probe(M4A) without ffmpeg = %v, want no error (it reads the boxes itself)", err)
	}
	if _, err := Decode(context.Background(), "testdata/sample-vbr.mp3", Options{}); err != nil {
		t.Errorf("Decode(MP3) without ffmpeg = %v", err)
	}
}

// TestBadCompressed: junk behind a compressed format's magic is one line
// naming the file and wrapping the format's sentinel.
func TestBadCompressed(t *testing.T) {
	junk := make([]byte, 5000)
	for i := range junk {
		junk[i] = byte(i*131 + i/7)
	}
	flacHdr, err := os.ReadFile("testdata/sample-8s.flac")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"ID3 then junk", append([]byte("ID3\x03\x00\x00\x00\x00\x00\x10"), junk...), ErrCorruptMP3},
		{"ID3 only", []byte("ID3\x03\x00\x00\x00\x00\x00\x10" + strings.Repeat("\x00", 16)), ErrCorruptMP3},
		{"FLAC header only", flacHdr[:30], ErrCorruptFLAC},
		{"FLAC bad STREAMINFO", append([]byte("fLaC\x80\x00\x00\x05"), junk...), ErrCorruptFLAC},
		{"MP4 without moov", append([]byte("\x00\x00\x00\x10ftypM4A \x00\x00\x00\x00"), []byte("\x00\x00\x00\x08free")...), ErrCorruptM4A},
		{"Ogg of something else", append([]byte("OggS\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x1e"), junk...), ErrUnsupportedAudio},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeTemp(t, "episode.bin", tt.data)
			for what, err := range map[string]error{
				"Decode": func() error { _, err := Decode(context.Background(), p, Options{}); return err }(),
				"Probe":  func() error { _, err := Probe(p); return err }(),
			} {
				if what == "Probe" && tt.name == "FLAC header only" {
					continue // Probe reads STREAMINFO only
				}
				if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), p) || strings.Contains(err.Error(), "\n") {
					t.Errorf("%s = %v, want one line naming the file and wrapping %v", what, err, tt.want)
				}
			}
		})
	}
}

// TestFFmpegOddName: a file name with a colon or a leading dash reaches
// ffmpeg as a file, not a protocol or an option.
func TestFFmpegOddName(t *testing.T) {
	needFFmpeg(t)
	dir := t.TempDir()
	src := encode(t, dir, "plain.m4a", "-t", "3", "-c:a", "aac")
	odd := filepath.Join(dir, "-ep:1 final.m4a")
	if err := os.Rename(src, odd); err != nil {
		t.Fatal(err)
	}
	a, err := Decode(context.Background(), odd, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(a.Duration-3) > 0.05 {
		t.Errorf("duration %.3f s, want 3", a.Duration)
	}
}
