package audio

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
)

func plain(enc, bits, ch, rate int) wavSpec {
	return wavSpec{enc: enc, bits: bits, channels: ch, rate: rate, dataSize: -1}
}

// formatCases are the good files every format test reads.
func formatCases() []struct {
	name string
	spec wavSpec
} {
	list := []struct {
		name string
		spec wavSpec
	}{
		{"u8 mono", plain(EncPCM, 8, 1, 8000)},
		{"s16 mono", plain(EncPCM, 16, 1, 16000)},
		{"s16 stereo", plain(EncPCM, 16, 2, 44100)},
		{"s16 5.1", plain(EncPCM, 16, 6, 48000)},
		{"s24 mono", plain(EncPCM, 24, 1, 22050)},
		{"s24 stereo", plain(EncPCM, 24, 2, 48000)},
		{"s24 3ch", plain(EncPCM, 24, 3, 96000)},
		{"s32 stereo", plain(EncPCM, 32, 2, 32000)},
		{"f32 mono", plain(EncFloat, 32, 1, 16000)},
		{"f32 stereo", plain(EncFloat, 32, 2, 48000)},
		{"f32 4ch", plain(EncFloat, 32, 4, 44100)},
		{"f64 stereo", plain(EncFloat, 64, 2, 44100)},
		{"u8 stereo 11025", plain(EncPCM, 8, 2, 11025)},
		{"s16 192k", plain(EncPCM, 16, 1, 192000)},
	}
	ext := func(name string, s wavSpec) {
		s.extensible = true
		list = append(list, struct {
			name string
			spec wavSpec
		}{name, s})
	}
	ext("extensible s24 stereo", plain(EncPCM, 24, 2, 48000))
	ext("extensible f32 stereo", plain(EncFloat, 32, 2, 48000))
	ext("extensible s16 6ch", plain(EncPCM, 16, 6, 48000))

	s := plain(EncPCM, 16, 2, 44100)
	s.pre = []chunk{{"JUNK", make([]byte, 28)}, {"bext", bytes.Repeat([]byte("b"), 602)}}
	s.mid = []chunk{{"LIST", append([]byte("INFOINAM"), []byte{5, 0, 0, 0, 'h', 'e', 'l', 'l', 'o', 0}...)}, {"fact", []byte{1, 2, 3, 4}}}
	s.post = []chunk{{"cue ", make([]byte, 28)}}
	list = append(list, struct {
		name string
		spec wavSpec
	}{"extra chunks", s})

	s = plain(EncPCM, 24, 1, 16000)
	s.mid = []chunk{{"odd ", []byte{1, 2, 3}}, {"LIST", []byte("INFO")}}
	list = append(list, struct {
		name string
		spec wavSpec
	}{"odd chunk padded", s})

	s = plain(EncPCM, 16, 1, 16000)
	s.dataSize = 0
	list = append(list, struct {
		name string
		spec wavSpec
	}{"streamed size 0", s})
	s = plain(EncPCM, 16, 2, 48000)
	s.dataSize = 0xFFFFFFFF
	list = append(list, struct {
		name string
		spec wavSpec
	}{"streamed size ffffffff", s})

	s = plain(EncPCM, 24, 2, 48000)
	s.rf64 = true
	list = append(list, struct {
		name string
		spec wavSpec
	}{"rf64", s})
	return list
}

func writeTemp(t testing.TB, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func readAll(t testing.TB, r *Reader, chunk int) []float32 {
	t.Helper()
	var out []float32
	buf := make([]float32, chunk)
	for {
		n, err := r.Read(buf)
		out = append(out, buf[:n]...)
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestReadFormats(t *testing.T) {
	for _, tc := range formatCases() {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.spec
			n := s.rate / 10 // 0.1 s
			x := testSignal(s.rate, n)
			p := writeTemp(t, "a.wav", s.makeWAV(x))
			r, err := Open(p)
			if err != nil {
				t.Fatalf("Open = %v", err)
			}
			defer r.Close()
			f := r.Format()
			if f.SampleRate != s.rate || f.Channels != s.channels || f.Bits != s.bits || f.Float != (s.enc == EncFloat) || f.Frames != int64(n) {
				t.Errorf("Format() = %+v, want rate %d ch %d bits %d float %v frames %d", f, s.rate, s.channels, s.bits, s.enc == EncFloat, n)
			}
			if f.Extensible != s.extensible || f.RF64 != s.rf64 {
				t.Errorf("Format() extensible %v rf64 %v, want %v %v", f.Extensible, f.RF64, s.extensible, s.rf64)
			}
			if want := float64(n) / float64(s.rate); f.Duration != want {
				t.Errorf("Duration = %v, want %v", f.Duration, want)
			}
			got := readAll(t, r, 777)
			if len(got) != n {
				t.Fatalf("read %d frames, want %d", len(got), n)
			}
			tol := 1.0 / 128 // quantisation of 8 bits
			if s.bits > 8 {
				tol = 2.0 / float64(int64(1)<<(s.bits-1))
			}
			if s.enc == EncFloat {
				tol = 1e-6
			}
			tol = max(tol, 2e-7) // float32 precision
			for i, v := range got {
				if d := math.Abs(float64(v) - x[i]); d > tol {
					t.Fatalf("sample %d = %g, want %g (±%g)", i, v, x[i], tol)
				}
			}
			if w := r.Warnings(); len(w) != 0 {
				t.Errorf("Warnings() = %q, want none", w)
			}
		})
	}
}

func TestBadInputs(t *testing.T) {
	good := plain(EncPCM, 16, 1, 16000).makeWAV(testSignal(16000, 100))
	patch := func(off int, v ...byte) []byte {
		b := bytes.Clone(good)
		copy(b[off:], v)
		return b
	}
	u32 := func(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }
	u16 := func(v uint16) []byte { return binary.LittleEndian.AppendUint16(nil, v) }
	// Offsets in good: fmt body at 20: tag 20, channels 22, rate 24,
	// byte rate 28, align 32, bits 34.
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(i*7919 + i/3)
	}
	tests := []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"empty", nil, ErrNotWAV, "empty"},
		{"tiny", []byte("RIF"), ErrNotWAV, "too short"},
		{"text", []byte("WEBVTT\n\n00:00.000 --> 00:01.000\nHello there, this is a transcript.\n"), ErrNotWAV, "text"},
		{"random", random, ErrNotWAV, "no RIFF/WAVE"},
		{"mp3 id3", append([]byte("ID3\x04\x00\x00\x00\x00\x00\x00"), random...), ErrNotWAV, "looks like MP3"},
		{"mp3 frame", append([]byte{0xFF, 0xFB, 0x90, 0x64}, random...), ErrNotWAV, "looks like MP3"},
		{"flac", append([]byte("fLaC\x00\x00\x00\x22"), random...), ErrNotWAV, "FLAC"},
		{"ogg", append([]byte("OggS\x00\x02"), random...), ErrNotWAV, "Ogg"},
		{"riff avi", append([]byte("RIFF\x00\x10\x00\x00AVI "), random...), ErrNotWAV, "not WAVE"},
		{"zero channels", patch(22, u16(0)...), ErrCorrupt, "0 channels"},
		{"zero rate", patch(24, u32(0)...), ErrCorrupt, "0 Hz"},
		{"many channels", patch(22, u16(60000)...), ErrUnsupported, "60000 channels"},
		{"10 MHz", patch(24, u32(10_000_000)...), ErrUnsupported, "10000000 Hz"},
		{"huge rate", patch(24, u32(0xFFFFFFFF)...), ErrUnsupported, "Hz"},
		{"bad block align", patch(32, u16(3)...), ErrCorrupt, "block align 3"},
		{"ms adpcm", patch(20, u16(2)...), ErrUnsupported, "MS ADPCM"},
		{"mp3 in wav", patch(20, u16(0x55)...), ErrUnsupported, "MP3"},
		{"unknown tag", patch(20, u16(0x1234)...), ErrUnsupported, "0x1234"},
		{"48-bit pcm", patch(34, u16(48)...), ErrUnsupported, "48-bit"},
		{"16-bit float", patch(20, append(u16(3), good[22:34]...)...), ErrUnsupported, "16-bit float"},
		{"no data", good[:36], ErrCorrupt, "no data chunk"},
		{"empty data", good[:36+8], ErrCorrupt, "holds no audio"},
		{"header only", good[:12], ErrCorrupt, "no fmt chunk"},
		{"short fmt", append(append([]byte("RIFF\x20\x00\x00\x00WAVEfmt "), u32(8)...), make([]byte, 8)...), ErrCorrupt, "fmt chunk of 8 bytes"},
		{"data before fmt, unknown size", append(append([]byte("RIFF\x20\x00\x00\x00WAVEdata"), u32(0)...), good[12:36]...), ErrCorrupt, "fmt chunk comes after"},
		{"extensible bad guid", func() []byte {
			s := plain(EncPCM, 16, 2, 48000)
			s.extensible = true
			b := s.makeWAV(testSignal(48000, 10))
			b[20+24+5] ^= 0xFF
			return b
		}(), ErrUnsupported, "sub-format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeTemp(t, "episode.wav", tt.data)
			r, err := Open(p)
			if err == nil {
				r.Close()
				t.Fatalf("Open(%s) = nil error, want %v", tt.name, tt.want)
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("Open(%s) = %v, want %v", tt.name, err, tt.want)
			}
			msg := err.Error()
			if !strings.Contains(msg, p) || !strings.Contains(msg, tt.msg) || strings.Contains(msg, "\n") {
				t.Errorf("Open(%s) error = %q, want one line naming %s and saying %q", tt.name, msg, p, tt.msg)
			}
			// Decode recognises the compressed formats by content and
			// finds these broken.
			dwant := map[string]error{"mp3 id3": ErrCorruptMP3, "mp3 frame": ErrCorruptMP3, "flac": ErrCorruptFLAC, "ogg": ErrUnsupportedAudio}[tt.name]
			if dwant == nil {
				dwant = tt.want
			}
			if _, err := Decode(context.Background(), p, Options{}); !errors.Is(err, dwant) {
				t.Errorf("Decode(%s) = %v, want %v", tt.name, err, dwant)
			}
		})
	}
	if _, err := Open(filepath.Join(t.TempDir(), "missing.wav")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Open(missing) = %v, want os.ErrNotExist", err)
	}
	if _, err := Open(t.TempDir()); !errors.Is(err, ErrNotWAV) {
		t.Errorf("Open(directory) = %v, want ErrNotWAV", err)
	}
}

func TestTruncated(t *testing.T) {
	s := plain(EncPCM, 24, 2, 48000)
	s.truncate = 4801*6 + 3 // 4801 frames and half a frame short
	x := testSignal(48000, 48000)
	p := writeTemp(t, "cut.wav", s.makeWAV(x))
	var warns []string
	a, err := Decode(context.Background(), p, Options{Warn: func(m string) { warns = append(warns, m) }})
	if err != nil {
		t.Fatalf("Decode(truncated) = %v", err)
	}
	wantFrames := 48000 - 4802
	if want := float64(wantFrames) / 48000; a.Duration != want {
		t.Errorf("Duration = %v, want %v", a.Duration, want)
	}
	if len(warns) == 0 || !strings.Contains(warns[0], "truncated") || !strings.Contains(warns[0], p) {
		t.Errorf("warnings = %q, want one naming %s and saying truncated", warns, p)
	}
	if want := (wantFrames/3 + 159) / 160; a.Features.Frames() != want {
		t.Errorf("Frames() = %d, want %d", a.Features.Frames(), want)
	}
}

func TestUnpaddedOddChunk(t *testing.T) {
	// A writer that forgot the pad byte after an odd chunk.
	s := plain(EncPCM, 16, 1, 16000)
	x := testSignal(16000, 1600)
	b := s.makeWAV(x)
	var c []byte
	c = append(c, b[:12]...)
	c = append(c, "bad "...)
	c = binary.LittleEndian.AppendUint32(c, 3)
	c = append(c, 1, 2, 3) // no pad
	c = append(c, b[12:]...)
	r, err := NewReader("unpadded.wav", bytes.NewReader(c), int64(len(c)))
	if err != nil {
		t.Fatalf("NewReader = %v", err)
	}
	if got := readAll(t, r, 4096); len(got) != len(x) {
		t.Errorf("read %d frames, want %d", len(got), len(x))
	}
}

func TestNaNSamples(t *testing.T) {
	s := plain(EncFloat, 32, 1, 16000)
	x := testSignal(16000, 16000)
	b := s.makeWAV(x)
	off := len(b) - 4*len(x)
	for _, i := range []int{100, 101, 5000} {
		binary.LittleEndian.PutUint32(b[off+4*i:], math.Float32bits(float32(math.NaN())))
	}
	binary.LittleEndian.PutUint32(b[off+4*200:], math.Float32bits(float32(math.Inf(1))))
	binary.LittleEndian.PutUint32(b[off+4*300:], math.Float32bits(1e30))
	var warns []string
	a, err := Decode(context.Background(), writeTemp(t, "nan.wav", b), Options{Warn: func(m string) { warns = append(warns, m) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 2 || !strings.Contains(warns[0], "NaN") || !strings.Contains(warns[1], "clipped") {
		t.Errorf("warnings = %q, want one NaN warning and one clipping warning", warns)
	}
	for i, v := range a.Features.Data {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			t.Fatalf("feature %d = %v", i, v)
		}
	}
	for i, v := range a.Features.Energy {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			t.Fatalf("energy %d = %v", i, v)
		}
	}
}

func TestDecodeSameAcrossFormats(t *testing.T) {
	// The same signal at 48 kHz 24-bit stereo and 16 kHz 16-bit mono gives
	// the same duration and nearly the same energies.
	xa := testSignal(48000, 48000)
	xb := testSignal(16000, 16000)
	a, err := Decode(context.Background(), writeTemp(t, "a.wav", plain(EncPCM, 24, 2, 48000).makeWAV(xa)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Decode(context.Background(), writeTemp(t, "b.wav", plain(EncPCM, 16, 1, 16000).makeWAV(xb)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Duration != 1 || b.Duration != 1 || a.Features.Frames() != 100 || b.Features.Frames() != 100 {
		t.Fatalf("durations %v, %v and frames %d, %d; want 1 s and 100 frames", a.Duration, b.Duration, a.Features.Frames(), b.Features.Frames())
	}
	for i := 1; i < 99; i++ {
		if d := math.Abs(float64(a.Features.Energy[i] - b.Features.Energy[i])); d > 0.1 {
			t.Errorf("frame %d energy %.2f vs %.2f dB", i, a.Features.Energy[i], b.Features.Energy[i])
		}
	}
	if a.SampleRate != 48000 || a.Channels != 2 || a.Bits != 24 || a.Float {
		t.Errorf("Audio = %+v", a)
	}
}

func TestDecodeCancel(t *testing.T) {
	p := writeTemp(t, "long.wav", plain(EncPCM, 16, 2, 48000).makeWAV(testSignal(48000, 48000*20)))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Decode(ctx, p, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Decode(cancelled) = %v, want context.Canceled", err)
	}
}

func TestStage(t *testing.T) {
	r := &pipeline.Runner{}
	res, err := r.Run(context.Background(), &pipeline.Config{}, Stage)
	if err != nil {
		t.Fatal(err)
	}
	if a := pipeline.Result[*pipeline.Audio](res, Stage); a != nil {
		t.Errorf("audio without AudioPath = %+v, want nil", a)
	}
	p := filepath.Join(testcorpus.Sample(), "episode.wav")
	res, err = r.Run(context.Background(), &pipeline.Config{AudioPath: p}, Stage)
	if err != nil {
		t.Fatal(err)
	}
	a := pipeline.Result[*pipeline.Audio](res, Stage)
	if a == nil || a.Features.Frames() != int(math.Ceil(a.Duration*100)) || a.Path != p {
		t.Fatalf("audio of the sample = %+v", a)
	}
	_, err = r.Run(context.Background(), &pipeline.Config{AudioPath: filepath.Join(testcorpus.Sample(), "transcript.txt")}, Stage)
	if !errors.Is(err, ErrNotWAV) {
		t.Errorf("stage on a transcript = %v, want ErrNotWAV", err)
	}
}

func TestCorpusEpisodes(t *testing.T) {
	for _, name := range []string{"seed", "seed-hard", "ss45"} {
		t.Run(name, func(t *testing.T) {
			if testing.Short() {
				t.Skip("long corpus decode in -short mode")
			}
			d := testcorpus.NeedRendered(t, name)
			a, err := Decode(context.Background(), filepath.Join(d, "episode.wav"), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if a.Features.Frames() != int(math.Ceil(a.Duration*100-1e-9)) || len(a.Features.Energy) != a.Features.Frames() {
				t.Errorf("%s: %d frames, %d energies for %.3f s", name, a.Features.Frames(), len(a.Features.Energy), a.Duration)
			}
			t.Logf("%s: %d Hz %d ch %d bits, %.1f s, %d frames", name, a.SampleRate, a.Channels, a.Bits, a.Duration, a.Features.Frames())
		})
	}
}
