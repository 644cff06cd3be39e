package audio

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"

	mp3 "github.com/hajimehoshi/go-mp3"
)

// MP3 is decoded through ffmpeg when it is installed and else in-process by
// go-mp3, which takes about 9 times ffmpeg's CPU: 36 s against 4 s for the
// 74-minute 128 kb/s MP3 of .corpus/bench-1h. A long file is decoded by
// several go-mp3 decoders at once (mp3par.go), with the very same output:
// 20 s instead of 36 s on this 2-core machine (39 s of CPU), and the whole
// pipeline without ffmpeg in 44-53 s instead of 58-63 s (the WAV: 22 s),
// both cores then busy. The tests turn preferFFmpegMP3 off to check the
// in-process decoder.
var preferFFmpegMP3 = true

// openMP3 opens an MP3 file (an ID3v2 tag in front of FLAC is sent on to
// the FLAC reader).
func openMP3(path string) (source, srcFormat, error) {
	info, err := probeMPEG(path)
	if errors.Is(err, errFLACBehindID3) {
		return openFLAC(path)
	}
	if err != nil {
		return nil, srcFormat{}, err
	}
	sf := srcFormat{Format: FormatMP3, SampleRate: info.SampleRate, Channels: info.Channels, Bits: 16,
		Frames: int64(info.Duration * float64(info.SampleRate))}
	// go-mp3 does not read MPEG 2.5 (8, 11.025 and 12 kHz).
	mpeg25 := info.Codec == "mp3" && info.SampleRate <= 12000
	if preferFFmpegMP3 || mpeg25 {
		if _, err := exec.LookPath("ffmpeg"); err == nil {
			sf.StreamRate = ffmpegRate(info.SampleRate)
			src, err := startFFmpeg(path, FormatMP3, sf.StreamRate, info.Channels)
			if err != nil {
				return nil, srcFormat{}, err
			}
			src.warnings = append(src.warnings, info.warnings...)
			src.skip = (info.gapless.ffSkip*int64(sf.StreamRate) + int64(info.SampleRate)/2) / int64(info.SampleRate)
			return src, sf, nil
		}
	}
	if mpeg25 {
		return nil, srcFormat{}, fmt.Errorf("%s: %w: MP3 at %d Hz (MPEG 2.5) is decoded by ffmpeg, which is not installed (apt-get install ffmpeg)", path, ErrNoDecoder, info.SampleRate)
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, srcFormat{}, err
	}
	s := &mp3Source{name: path, fh: fh, warnings: info.warnings, skip: info.gapless.skip, left: info.gapless.total}
	if s.left == 0 {
		s.left = -1
	}
	if err := s.open(); err != nil {
		fh.Close()
		return nil, srcFormat{}, err
	}
	if s.d.SampleRate() != info.SampleRate {
		fh.Close()
		return nil, srcFormat{}, fmt.Errorf("%s: %w: frames at %d Hz and %d Hz", path, ErrCorruptMP3, info.SampleRate, s.d.SampleRate())
	}
	s.rate = info.SampleRate
	s.pcm = s.d
	// Long files are decoded in chunks by several decoders (mp3par.go).
	if w, n := mp3WorkerCount(), info.first.h.samples; w > 1 && info.Codec == "mp3" && n > 0 && info.Duration*float64(info.SampleRate) > 2*float64(mp3ChunkBytes/4) {
		chunkFrames := mp3ChunkBytes / (4 * n)
		var size int64
		if st, err := fh.Stat(); err == nil {
			size = st.Size()
		}
		s.par = newMP3Par(path, fh, size, info.first, s.d, s.cr, w, chunkFrames)
		s.pcm = s.par
	}
	return s, sf, nil
}

// mp3Source streams go-mp3's output (16-bit stereo at the file's rate,
// mono files duplicated) as mono float32.
type mp3Source struct {
	name     string
	fh       *os.File
	cr       *countReader // d's input
	d        *mp3.Decoder // the decoder from the file's start
	par      *mp3Par      // nil: d decodes alone
	pcm      io.Reader    // go-mp3's output: d or par
	rate     int
	raw      []byte
	stereo   []float32
	mixer    mixer
	warnings []string
	frames   int64
	done     bool
	skip     int64 // samples still to drop at the start
	left     int64 // samples still to return (-1: all)
}

func (s *mp3Source) open() (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: %w: the MP3 decoder failed: %v", s.name, ErrCorruptMP3, p)
		}
	}()
	// A bufio.Reader is not an io.Seeker, so go-mp3 does not scan the whole
	// file at open (probeMPEG has done that).
	s.cr = &countReader{r: bufio.NewReaderSize(s.fh, 64<<10)}
	d, err := mp3.NewDecoder(s.cr)
	if err != nil {
		return fmt.Errorf("%s: %w: %v", s.name, ErrCorruptMP3, err)
	}
	s.d = d
	return nil
}

func (s *mp3Source) Read(buf []float32) (n int, err error) {
	if s.done {
		return 0, io.EOF
	}
	if len(buf) == 0 {
		return 0, nil
	}
	if cap(s.raw) < 4*len(buf) {
		s.raw = make([]byte, 4*len(buf))
		s.stereo = make([]float32, 2*len(buf))
	}
	raw := s.raw[:4*len(buf)]
	var got int
	func() {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("the MP3 decoder failed: %v", p)
			}
		}()
		got, err = io.ReadFull(s.pcm, raw)
	}()
	frames := got / 4
	if err != nil {
		s.done = true
		if err != io.EOF && err != io.ErrUnexpectedEOF {
			s.warnings = append(s.warnings, fmt.Sprintf("%s: decoding stopped at %.2f s: %v", s.name, float64(s.frames+int64(frames))/float64(s.rate), err))
		}
	}
	if s.skip > 0 {
		k := int(min(s.skip, int64(frames)))
		s.skip -= int64(k)
		raw = raw[4*k:]
		frames -= k
		if frames == 0 && err == nil {
			return s.Read(buf)
		}
	}
	if s.left >= 0 {
		if int64(frames) >= s.left {
			frames = int(s.left)
			s.done = true
		}
		s.left -= int64(frames)
	}
	st := s.stereo[:2*frames]
	for i := range st {
		st[i] = float32(int16(binary.LittleEndian.Uint16(raw[2*i:]))) * (1.0 / 32768)
	}
	s.mixer.mix(buf[:frames], st)
	s.frames += int64(frames)
	if frames == 0 {
		return 0, io.EOF
	}
	return frames, nil
}

func (s *mp3Source) Warnings() []string { return s.warnings }

func (s *mp3Source) Close() error {
	if s.fh == nil {
		return nil
	}
	if s.par != nil {
		s.par.Close()
	}
	err := s.fh.Close()
	s.fh = nil
	return err
}
