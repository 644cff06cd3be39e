package audio

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/shownotes/shownotes/stages/audio/features"
)

// openFFmpeg opens a container with no in-process decoder here (M4A/AAC,
// Ogg Vorbis/Opus) through ffmpeg, which streams 32-bit float stereo at the
// file's own rate on a pipe; the error names the Debian package when
// ffmpeg is not installed.
func openFFmpeg(path, format string) (source, srcFormat, error) {
	name := map[string]string{FormatM4A: "M4A/MP4", FormatOgg: "Ogg"}[format]
	sf := srcFormat{Format: format, Bits: 16}
	probe := probeMP4
	if format == FormatOgg {
		probe = probeOgg
	}
	// the container is read first: a corrupt or unsupported file gets its
	// own error whether or not ffmpeg is installed
	info, err := probe(path)
	if err != nil {
		return nil, srcFormat{}, err
	}
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		return nil, srcFormat{}, fmt.Errorf("%s: %w: %s audio is decoded by ffmpeg, which is not installed (apt-get install ffmpeg)", path, ErrNoDecoder, name)
	}
	sf.Frames = int64(info.Duration * float64(info.SampleRate))
	rate, ch, err := ffprobeStream(path, format)
	if err != nil {
		return nil, srcFormat{}, err
	}
	if rate < MinRate || rate > MaxRate {
		return nil, srcFormat{}, fmt.Errorf("%s: %w: sample rate %d Hz (must be %d..%d Hz)", path, ErrUnsupportedAudio, rate, MinRate, MaxRate)
	}
	sf.SampleRate, sf.Channels = rate, ch
	sf.StreamRate = ffmpegRate(rate)
	src, err := startFFmpeg(path, format, sf.StreamRate, ch)
	if err != nil {
		return nil, srcFormat{}, err
	}
	return src, sf, nil
}

// ffprobeStream asks ffprobe for the first audio stream's rate and
// channel count.
func ffprobeStream(path, format string) (rate, channels int, err error) {
	out, err := exec.Command("ffprobe", "-v", "error", "-select_streams", "a:0",
		"-show_entries", "stream=sample_rate,channels", "-of", "csv=p=0", ffmpegInput(path)).Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = firstLine(string(ee.Stderr))
		}
		if msg == "" {
			msg = err.Error()
		}
		return 0, 0, fmt.Errorf("%s: %w: ffprobe: %s", path, corruptFor(format), msg)
	}
	f := strings.Split(strings.TrimSpace(firstLine(string(out))), ",")
	if len(f) != 2 {
		return 0, 0, fmt.Errorf("%s: %w: no audio stream", path, ErrUnsupported)
	}
	rate, _ = strconv.Atoi(f[0])
	channels, _ = strconv.Atoi(f[1])
	if rate == 0 || channels == 0 {
		return 0, 0, fmt.Errorf("%s: %w: no audio stream", path, ErrUnsupported)
	}
	return rate, channels, nil
}

// ffmpegRate is the rate ffmpeg is asked for: the features' rate, unless
// the file's is lower (then the resampler of package features upsamples).
// Resampling in ffmpeg costs less than a pipe and a resampler for three
// times the samples: on the 74-minute MP3 of `evaluate -bench` the CPU
// time went from 1.27× the WAV's to 0.99× (one run each).
func ffmpegRate(fileRate int) int {
	return min(fileRate, features.Rate)
}

// ffmpegInput names path for ffmpeg as a plain file, so that a name with a
// colon is not taken for a protocol nor one starting with "-" for an option.
func ffmpegInput(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return "file:" + path
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// ffmpegSource reads ffmpeg's output pipe.
type ffmpegSource struct {
	name     string
	format   string
	cmd      *exec.Cmd
	out      io.ReadCloser
	br       *bufio.Reader
	stderr   *limitedBuffer
	raw      []byte
	stereo   []float32
	mixer    mixer
	warnings []string
	frames   int64
	done     bool
	waited   bool
	skip     int64 // frames still to drop at the start
	mono     bool  // ffmpeg writes one channel, not two
}

// startFFmpeg starts ffmpeg decoding the first audio stream of path to
// float32 at rate, mono for a mono file (ffmpeg's mono-to-stereo upmix is
// 3 dB down), else interleaved stereo for the mixer (ffmpeg's own
// downmix averages, so opposite channels would cancel; more than two
// channels are downmixed to two by ffmpeg first).
func startFFmpeg(path, format string, rate, channels int) (*ffmpegSource, error) {
	nch := 2
	if channels == 1 {
		nch = 1
	}
	cmd := exec.Command("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error",
		"-i", ffmpegInput(path), "-map", "0:a:0", "-vn", "-ac", strconv.Itoa(nch), "-ar", strconv.Itoa(rate), "-f", "f32le", "pipe:1")
	s := &ffmpegSource{mono: nch == 1, name: path, format: format, cmd: cmd, stderr: &limitedBuffer{max: 4096}}
	cmd.Stderr = s.stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("%s: ffmpeg: %w", path, err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%s: ffmpeg: %w", path, err)
	}
	s.out = out
	s.br = bufio.NewReaderSize(out, 64<<10)
	return s, nil
}

func (s *ffmpegSource) Read(buf []float32) (int, error) {
	if s.done {
		return 0, io.EOF
	}
	if len(buf) == 0 {
		return 0, nil
	}
	fb := 8 // bytes per frame
	if s.mono {
		fb = 4
	}
	if cap(s.raw) < fb*len(buf) {
		s.raw = make([]byte, fb*len(buf))
		s.stereo = make([]float32, 2*len(buf))
	}
	got, err := io.ReadFull(s.br, s.raw[:fb*len(buf)])
	frames := got / fb
	raw := s.raw[:fb*frames]
	if s.skip > 0 {
		k := int(min(s.skip, int64(frames)))
		s.skip -= int64(k)
		raw = raw[fb*k:]
		frames -= k
		if frames == 0 && err == nil {
			return s.Read(buf)
		}
	}
	st := s.stereo[:frames*fb/4]
	if s.mono {
		st = buf[:frames]
	}
	for i := range st {
		v := math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
		if v != v || v > floatLimit || v < -floatLimit {
			v = 0
		}
		st[i] = v
	}
	if !s.mono {
		s.mixer.mix(buf[:frames], st)
	}
	s.frames += int64(frames)
	if err != nil {
		s.done = true
		if werr := s.wait(); werr != nil {
			if s.frames == 0 {
				return 0, werr
			}
			s.warnings = append(s.warnings, fmt.Sprintf("%s: decoding stopped early: %v", s.name, werr))
		} else if msg := firstLine(s.stderr.String()); msg != "" {
			s.warnings = append(s.warnings, fmt.Sprintf("%s: ffmpeg: %s", s.name, msg))
		}
		if frames == 0 {
			return 0, io.EOF
		}
	}
	return frames, nil
}

// wait reaps ffmpeg and turns a failure into one line.
func (s *ffmpegSource) wait() error {
	if s.waited {
		return nil
	}
	s.waited = true
	if err := s.cmd.Wait(); err != nil {
		msg := firstLine(s.stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return fmt.Errorf("%s: %w: ffmpeg: %s", s.name, corruptFor(s.format), msg)
	}
	return nil
}

func (s *ffmpegSource) Warnings() []string { return s.warnings }

// Close stops ffmpeg if it is still running.
func (s *ffmpegSource) Close() error {
	if s.waited {
		return nil
	}
	s.out.Close()
	if s.cmd.Process != nil {
		s.cmd.Process.Kill()
	}
	s.waited = true
	s.cmd.Wait()
	return nil
}

// limitedBuffer keeps the first max bytes written to it.
type limitedBuffer struct {
	mu  sync.Mutex
	max int
	b   bytes.Buffer
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if room := l.max - l.b.Len(); room > 0 {
		l.b.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (l *limitedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
