package audio

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/mewkiz/flac"
	"github.com/mewkiz/flac/frame"
)

// openFLAC opens a FLAC file for the in-process decoder (mewkiz/flac,
// about 550 times real time here).
func openFLAC(path string) (source, srcFormat, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, srcFormat{}, err
	}
	s := &flacSource{name: path, fh: fh}
	if err := s.open(); err != nil {
		fh.Close()
		return nil, srcFormat{}, err
	}
	si := s.st.Info
	return s, srcFormat{Format: FormatFLAC, SampleRate: int(si.SampleRate), Channels: int(si.NChannels),
		Bits: int(si.BitsPerSample), Frames: int64(si.NSamples)}, nil
}

// flacSource streams FLAC frames as mono float32; each frame (a few
// thousand samples) is decoded, mixed and handed out in pieces.
type flacSource struct {
	name     string
	fh       *os.File
	st       *flac.Stream
	pending  []float32 // mixed frames not yet returned
	stereo   []float32
	mixer    mixer
	warnings []string
	frames   int64
	done     bool
}

func (s *flacSource) open() (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: %w: the FLAC decoder failed: %v", s.name, ErrCorruptFLAC, p)
		}
	}()
	st, err := flac.New(bufio.NewReaderSize(s.fh, 64<<10))
	if err != nil {
		return fmt.Errorf("%s: %w: %v", s.name, ErrCorruptFLAC, err)
	}
	si := st.Info
	switch {
	case si.SampleRate < MinRate || si.SampleRate > MaxRate:
		return fmt.Errorf("%s: %w: sample rate %d Hz (must be %d..%d Hz)", s.name, ErrUnsupportedAudio, si.SampleRate, MinRate, MaxRate)
	case si.NChannels < 1 || si.NChannels > 8:
		return fmt.Errorf("%s: %w: %d channels", s.name, ErrCorruptFLAC, si.NChannels)
	case si.BitsPerSample < 4 || si.BitsPerSample > 32:
		return fmt.Errorf("%s: %w: %d bits per sample", s.name, ErrCorruptFLAC, si.BitsPerSample)
	}
	s.st = st
	return nil
}

func (s *flacSource) next() (f *frame.Frame, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the FLAC decoder failed: %v", p)
		}
	}()
	return s.st.ParseNext()
}

func (s *flacSource) Read(buf []float32) (int, error) {
	for len(s.pending) == 0 {
		if s.done {
			return 0, io.EOF
		}
		f, err := s.next()
		if err != nil {
			s.done = true
			at := float64(s.frames) / float64(s.st.Info.SampleRate)
			if errors.Is(err, io.ErrUnexpectedEOF) {
				s.warnings = append(s.warnings, fmt.Sprintf("%s: the file ends in the middle of a FLAC frame at %.2f s (truncated?): decoded as far as it goes", s.name, at))
			} else if err != io.EOF {
				s.warnings = append(s.warnings, fmt.Sprintf("%s: decoding stopped at %.2f s: %v", s.name, at, err))
			}
			continue
		}
		s.pending = s.mixFrame(f)
	}
	n := copy(buf, s.pending)
	s.pending = s.pending[n:]
	s.frames += int64(n)
	return n, nil
}

// mixFrame converts one decoded frame to mono float32.
func (s *flacSource) mixFrame(f *frame.Frame) []float32 {
	n := int(f.BlockSize)
	ch := len(f.Subframes)
	if ch == 0 || n == 0 {
		return nil
	}
	for _, sf := range f.Subframes {
		n = min(n, len(sf.Samples))
	}
	bits := int(f.BitsPerSample)
	if bits == 0 {
		bits = int(s.st.Info.BitsPerSample)
	}
	scale := float32(1) / float32(int64(1)<<(max(bits, 1)-1))
	if cap(s.stereo) < 3*n {
		s.stereo = make([]float32, 3*n)
	}
	out := s.stereo[:n]
	if ch == 2 {
		st := s.stereo[n : 3*n]
		l, r := f.Subframes[0].Samples, f.Subframes[1].Samples
		for i := range n {
			st[2*i] = float32(l[i]) * scale
			st[2*i+1] = float32(r[i]) * scale
		}
		s.mixer.mix(out, st)
		return out
	}
	scale /= float32(ch)
	for i := range n {
		var v int64
		for _, sf := range f.Subframes {
			v += int64(sf.Samples[i])
		}
		out[i] = float32(v) * scale
	}
	return out
}

func (s *flacSource) Warnings() []string { return s.warnings }

func (s *flacSource) Close() error {
	if s.fh == nil {
		return nil
	}
	err := s.fh.Close()
	s.fh = nil
	return err
}
