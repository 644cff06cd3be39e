package audio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
)

// More errors Decode and Probe wrap, in the style of ErrNotWAV.
var (
	// ErrNotAudio: the file is none of the formats Decode reads (WAV,
	// MP3, FLAC, M4A/AAC, Ogg/Opus): empty, text, another kind of file.
	// It is also ErrNotWAV for errors.Is.
	ErrNotAudio = &sentinel{"not a WAV, MP3, FLAC or M4A file", ErrNotWAV}
	// ErrNoDecoder: the file is audio this build decodes only through a
	// program that is not installed (ffmpeg for M4A, Ogg and Opus).
	ErrNoDecoder = errors.New("no decoder installed")

	// The compressed formats' problems, which errors.Is also reports as
	// ErrCorrupt and ErrUnsupported.
	ErrCorruptMP3       = &sentinel{"corrupt MP3", ErrCorrupt}
	ErrCorruptFLAC      = &sentinel{"corrupt FLAC", ErrCorrupt}
	ErrCorruptM4A       = &sentinel{"corrupt M4A/MP4", ErrCorrupt}
	ErrCorruptOgg       = &sentinel{"corrupt Ogg", ErrCorrupt}
	ErrUnsupportedAudio = &sentinel{"unsupported audio", ErrUnsupported}
)

// corruptFor is the ErrCorrupt sentinel of a container.
func corruptFor(format string) error {
	switch format {
	case FormatMP3:
		return ErrCorruptMP3
	case FormatFLAC:
		return ErrCorruptFLAC
	case FormatM4A:
		return ErrCorruptM4A
	case FormatOgg:
		return ErrCorruptOgg
	}
	return ErrCorrupt
}

// sentinel is an error that is also its parent for errors.Is.
type sentinel struct {
	msg    string
	parent error
}

func (s *sentinel) Error() string { return s.msg }
func (s *sentinel) Unwrap() error { return s.parent }

// Container names, as Info.Format and Audio's codec give them.
const (
	FormatWAV  = "wav"
	FormatMP3  = "mp3"
	FormatFLAC = "flac"
	FormatM4A  = "m4a"
	FormatOgg  = "ogg"
)

// Detect names the container of the audio whose first bytes are head (at
// least 12 bytes for a sure answer), by content: "wav", "mp3", "flac",
// "m4a", "ogg", or "" when it is none of them.
func Detect(head []byte) string {
	switch {
	case len(head) >= 12 && (string(head[:4]) == "RIFF" || string(head[:4]) == "RF64" || string(head[:4]) == "BW64") && string(head[8:12]) == "WAVE":
		return FormatWAV
	case bytes.HasPrefix(head, []byte("fLaC")):
		return FormatFLAC
	case bytes.HasPrefix(head, []byte("OggS")):
		return FormatOgg
	case len(head) >= 8 && string(head[4:8]) == "ftyp":
		return FormatM4A
	case bytes.HasPrefix(head, []byte("ID3")):
		// An ID3v2 tag may also precede FLAC; the MP3 reader skips the tag
		// and checks for MPEG frames behind it.
		return FormatMP3
	case len(head) >= 4 && validMPEGHeader(head):
		return FormatMP3
	}
	return ""
}

// source streams a decoded file as mono float32 frames at its own rate.
type source interface {
	Read(buf []float32) (int, error)
	Warnings() []string
	Close() error
}

// srcFormat describes a source for Decode.
type srcFormat struct {
	Format     string
	SampleRate int
	Channels   int
	Bits       int
	Float      bool
	Frames     int64 // an estimate, 0 when unknown
	// Header is the length the file's header gives (compressed formats;
	// 0 when it gives none): Decode warns when it decodes much less.
	Header int64
	// StreamRate is the rate of the samples Read returns when it is not
	// the file's (ffmpeg resamples to the features' rate on the way, a
	// third of the samples through the pipe); 0: SampleRate. Frames and
	// Header are at this rate.
	StreamRate int
}

// streamRate is the rate of the samples Read returns.
func (f srcFormat) streamRate() int {
	if f.StreamRate > 0 {
		return f.StreamRate
	}
	return f.SampleRate
}

// openSource opens path with the decoder its content asks for.
func openSource(path string) (source, srcFormat, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, srcFormat{}, err
	}
	var head [12]byte
	n, _ := io.ReadFull(fh, head[:])
	var size int64
	if st, err := fh.Stat(); err == nil {
		size = st.Size()
	}
	fh.Close()
	var (
		src source
		sf  srcFormat
	)
	switch Detect(head[:n]) {
	case FormatMP3:
		src, sf, err = openMP3(path)
	case FormatFLAC:
		src, sf, err = openFLAC(path)
	case FormatM4A, FormatOgg:
		src, sf, err = openFFmpeg(path, Detect(head[:n]))
	}
	if src != nil || err != nil {
		// A header's length is only a hint for the feature buffer: bound
		// it by 8 kb/s, below any speech codec's rate, to allocate nothing
		// a lying header asks for.
		if sf.StreamRate > 0 && sf.SampleRate > 0 {
			sf.Frames = sf.Frames * int64(sf.StreamRate) / int64(sf.SampleRate)
		}
		sf.Header = sf.Frames
		sf.Frames = max(0, min(sf.Frames, size*int64(sf.streamRate())/1000))
		return src, sf, err
	}
	// WAV, and anything else: the WAV reader's errors say what the file
	// looks like.
	r, err := Open(path)
	if err != nil {
		return nil, srcFormat{}, notAudio(path, err)
	}
	r.mix = true
	f := r.Format()
	return r, srcFormat{Format: FormatWAV, SampleRate: f.SampleRate, Channels: f.Channels, Bits: f.Bits, Float: f.Float, Frames: f.Frames}, nil
}

// notAudio restates the WAV reader's ErrNotWAV for a file that is none of
// the formats: "PATH: not a WAV, MP3, FLAC or M4A file: DETAIL".
func notAudio(path string, err error) error {
	if !errors.Is(err, ErrNotWAV) {
		return err
	}
	detail := strings.TrimPrefix(err.Error(), path+": "+ErrNotWAV.Error())
	return fmt.Errorf("%s: %w%s", path, ErrNotAudio, detail)
}

// mixer turns interleaved stereo into mono without letting a channel in
// opposite polarity cancel the other: each block of mixBlock frames whose
// channels are strongly anti-correlated (one wired or edited the wrong way
// round) is mixed as (L-R)/2 instead of (L+R)/2. Two independent voices,
// one per channel, are uncorrelated and keep the plain average. The sign
// changes only on clear evidence and with a short crossfade, so the mix
// does not click back and forth on near-silence.
type mixer struct {
	sign float32 // +1 or -1 applied to the right channel
	cur  float32 // the sign in effect at the end of the last block (for the fade)
}

const (
	mixBlock = 2048
	// antiCorr is the correlation below which the right channel is
	// flipped; above -antiCorr it is flipped back.
	antiCorr = 0.5
	// mixFloor: blocks quieter than this (mean square per channel, full
	// scale 1) carry no evidence.
	mixFloor = 1e-7
)

// mix writes len(dst) mono frames from the interleaved stereo src
// (len(src) >= 2*len(dst)).
func (m *mixer) mix(dst, src []float32) {
	if m.sign == 0 {
		m.sign, m.cur = 1, 1
	}
	for start := 0; start < len(dst); start += mixBlock {
		end := min(start+mixBlock, len(dst))
		// Correlation of the block with its means removed (a DC offset
		// is no evidence).
		var sl, sr, ll, rr, lr float64
		for i := start; i < end; i++ {
			l, r := float64(src[2*i]), float64(src[2*i+1])
			sl += l
			sr += r
			ll += l * l
			rr += r * r
			lr += l * r
		}
		n := float64(end - start)
		ll -= sl * sl / n
		rr -= sr * sr / n
		lr -= sl * sr / n
		if ll/n > mixFloor && rr/n > mixFloor {
			c := lr / math.Sqrt(ll*rr)
			if c < -antiCorr {
				m.sign = -1
			} else if c > antiCorr {
				m.sign = 1
			}
		}
		from, to := m.cur, m.sign
		span := float32(end - start)
		for i := start; i < end; i++ {
			s := to
			if from != to {
				t := float32(i-start) / span
				s = from + (to-from)*t
			}
			dst[i] = 0.5 * (src[2*i] + s*src[2*i+1])
		}
		m.cur = m.sign
	}
}

// dcBlocker removes a constant offset with a one-pole high-pass filter
// (-3 dB at about 10 Hz, far below speech), so a recording with a DC
// offset is not mistaken for loud silence.
type dcBlocker struct {
	a      float32
	x1, y1 float32
}

func newDCBlocker(rate int) *dcBlocker {
	return &dcBlocker{a: float32(math.Exp(-2 * math.Pi * 10 / float64(rate)))}
}

func (d *dcBlocker) process(b []float32) {
	x1, y1, a := d.x1, d.y1, d.a
	for i, x := range b {
		y := x - x1 + a*y1
		x1, y1 = x, y
		b[i] = y
	}
	d.x1, d.y1 = x1, y1
}
