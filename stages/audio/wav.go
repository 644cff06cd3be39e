package audio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"unicode/utf8"
)

// The errors Open and Decode wrap; test them with errors.Is.
var (
	// ErrNotWAV: the file is not a RIFF/RF64 WAVE file (empty, text,
	// another audio format).
	ErrNotWAV = errors.New("not a WAV file")
	// ErrUnsupported: a WAV file in an encoding or shape this decoder
	// does not read (compressed formats, absurd channel counts or rates).
	ErrUnsupported = errors.New("unsupported WAV")
	// ErrCorrupt: a WAV file whose header contradicts itself or the file.
	ErrCorrupt = errors.New("corrupt WAV")
)

// Limits on header values; anything beyond is refused before allocating.
const (
	MaxChannels = 256
	MinRate     = 1000
	MaxRate     = 768000
	// maxChunks bounds the chunk walk before the data chunk.
	maxChunks = 100000
	// rawChunk is the size of the byte buffer the reader converts from.
	rawChunk = 64 << 10
)

// Encodings of the samples (the effective format tag; WAVE_FORMAT_EXTENSIBLE
// is resolved to its sub-format).
const (
	EncPCM   = 1
	EncFloat = 3
	EncALaw  = 6
	EncMuLaw = 7
)

// Format describes a WAV file's audio.
type Format struct {
	SampleRate int
	Channels   int
	Bits       int  // bits per sample as the header gives them (valid bits)
	Float      bool // IEEE float samples
	Encoding   int  // EncPCM, EncFloat, EncALaw or EncMuLaw
	Extensible bool // WAVE_FORMAT_EXTENSIBLE header
	RF64       bool // RF64/BW64 file (64-bit sizes)
	BlockAlign int  // bytes per frame (all channels)
	// DataOffset and DataBytes locate the audio in the file. DataBytes is
	// what will be read: the header's size, or the rest of the file when
	// the header gives none (0 or 0xFFFFFFFF, a streamed WAV) or more than
	// the file holds.
	DataOffset int64
	DataBytes  int64
	Frames     int64   // DataBytes / BlockAlign
	Duration   float64 // Frames / SampleRate, seconds
}

// Reader streams a WAV file's samples as mono float32 (channels averaged),
// converting 64 KiB of the data chunk at a time.
type Reader struct {
	name   string
	r      io.Reader
	closer io.Closer
	f      Format
	left   int64 // data bytes not yet read
	raw    []byte
	conv   func(dst []float32, src []byte, ch int)
	// Warnings found so far (header problems at Open, bad samples while
	// reading).
	warnings []string
	badFloat bool
	hot      bool
	frames   int64 // frames returned so far
	// mix, set by Decode, mixes stereo with a mixer (opposite-polarity
	// channels do not cancel) instead of averaging; conv1 converts one
	// channel's samples, stereo the interleaved scratch.
	mix    bool
	mixer  mixer
	conv1  convFunc
	stereo []float32
}

// Open opens a WAV file for streaming. The error names the file and the
// problem and wraps ErrNotWAV, ErrUnsupported or ErrCorrupt (or the
// operating system's error).
func Open(path string) (*Reader, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, err
	}
	if st.IsDir() {
		fh.Close()
		return nil, fmt.Errorf("%s: %w: is a directory", path, ErrNotWAV)
	}
	r, err := newReader(path, fh, st.Size())
	if err != nil {
		fh.Close()
		return nil, err
	}
	r.closer = fh
	return r, nil
}

// NewReader reads a WAV stream of the given total size from rs; name is
// used in errors.
func NewReader(name string, rs io.ReadSeeker, size int64) (*Reader, error) {
	return newReader(name, rs, size)
}

// Format returns the file's format.
func (r *Reader) Format() Format { return r.f }

// Warnings returns the problems found so far that did not stop decoding.
func (r *Reader) Warnings() []string { return r.warnings }

// Close closes the file.
func (r *Reader) Close() error {
	if r.closer == nil {
		return nil
	}
	err := r.closer.Close()
	r.closer = nil
	return err
}

func (r *Reader) warnf(format string, args ...any) {
	r.warnings = append(r.warnings, r.name+": "+fmt.Sprintf(format, args...))
}

// Read fills buf with up to len(buf) mono frames and returns how many. At
// the end of the audio it returns 0, io.EOF.
func (r *Reader) Read(buf []float32) (int, error) {
	ba := int64(r.f.BlockAlign)
	if r.left < ba {
		if r.left > 0 {
			r.warnf("ignoring %d trailing bytes, less than one sample frame", r.left)
			r.left = 0
		}
		return 0, io.EOF
	}
	if len(buf) == 0 {
		return 0, nil
	}
	want := min(int64(len(buf)), int64(len(r.raw))/ba, r.left/ba)
	nb := int(want * ba)
	got, err := io.ReadFull(r.r, r.raw[:nb])
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		// The file ended before the size computed from its length (it
		// shrank while being read).
		r.warnf("the file ended %d bytes before the end of its audio data", r.left-int64(got))
		r.left = int64(got)
	} else if err != nil {
		return 0, fmt.Errorf("%s: read audio: %w", r.name, err)
	}
	r.left -= int64(got)
	frames := got / int(ba)
	if frames == 0 {
		r.left = 0
		return 0, io.EOF
	}
	if r.mix && r.f.Channels == 2 && r.conv1 != nil {
		if cap(r.stereo) < 2*frames {
			r.stereo = make([]float32, 2*frames)
		}
		st := r.stereo[:2*frames]
		r.conv1(st, r.raw[:frames*int(ba)], 1)
		if r.f.Float {
			r.sanitize(st, 2)
		}
		r.mixer.mix(buf[:frames], st)
	} else {
		r.conv(buf[:frames], r.raw[:frames*int(ba)], r.f.Channels)
		if r.f.Float {
			r.sanitize(buf[:frames], 1)
		}
	}
	r.frames += int64(frames)
	return frames, nil
}

// floatLimit bounds float samples: the format allows any value, the
// features need finite ones. ±16 is +24 dBFS, far beyond real audio.
const floatLimit = 16

// sanitize replaces NaN and infinite float samples by 0 and clips absurd
// ones, warning once for each; b holds ch interleaved channels.
func (r *Reader) sanitize(b []float32, ch int) {
	for i, v := range b {
		if v != v || math.IsInf(float64(v), 0) {
			b[i] = 0
			if !r.badFloat {
				r.badFloat = true
				r.warnf("NaN or infinite samples (first near %.2f s) were replaced by silence", float64(r.frames+int64(i/ch))/float64(r.f.SampleRate))
			}
		} else if v > floatLimit || v < -floatLimit {
			b[i] = float32(math.Copysign(floatLimit, float64(v)))
			if !r.hot {
				r.hot = true
				r.warnf("float samples beyond ±%d (first near %.2f s) were clipped", floatLimit, float64(r.frames+int64(i/ch))/float64(r.f.SampleRate))
			}
		}
	}
}

// ksdataformat suffix shared by the PCM and IEEE float sub-format GUIDs
// (xxxxxxxx-0000-0010-8000-00AA00389B71, little-endian first fields).
var guidSuffix = []byte{0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71}

// newReader parses the header. go-audio/wav and go-audio/riff are not
// used for this: riff reads 32-bit sizes only (no RF64/ds64), takes a
// data size of 0 or 0xFFFFFFFF literally, trusts chunk sizes when it
// allocates, and wav ignores the WAVE_FORMAT_EXTENSIBLE sub-format; the
// walk below is short, bounded by the file size and never allocates from
// header values.
func newReader(name string, rs io.ReadSeeker, size int64) (*Reader, error) {
	r := &Reader{name: name, r: rs}
	var hdr [12]byte
	n, err := io.ReadFull(rs, hdr[:])
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if n == 0 {
		return nil, fmt.Errorf("%s: %w: the file is empty", name, ErrNotWAV)
	}
	id := string(hdr[:4])
	if n < 12 || (id != "RIFF" && id != "RF64" && id != "BW64") || string(hdr[8:12]) != "WAVE" {
		return nil, fmt.Errorf("%s: %w: %s", name, ErrNotWAV, sniff(hdr[:n], rs))
	}
	r.f.RF64 = id != "RIFF"

	var (
		haveFmt, haveData bool
		ds64Data          int64 = -1
		dataOff, dataSize int64
		dataSizeRaw       uint32
		pos               int64 = 12
	)
	for i := 0; !haveData || !haveFmt; i++ {
		if i >= maxChunks {
			return nil, fmt.Errorf("%s: %w: more than %d chunks before the audio", name, ErrCorrupt, maxChunks)
		}
		var ch [8]byte
		if pos+8 > size {
			break
		}
		if _, err := rs.Seek(pos, io.SeekStart); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if _, err := io.ReadFull(rs, ch[:]); err != nil {
			break
		}
		cid := string(ch[:4])
		csize := int64(binary.LittleEndian.Uint32(ch[4:]))
		body := pos + 8
		switch cid {
		case "ds64":
			var b [24]byte
			if csize < 24 || body+24 > size {
				return nil, fmt.Errorf("%s: %w: ds64 chunk too short", name, ErrCorrupt)
			}
			if _, err := io.ReadFull(rs, b[:]); err != nil {
				return nil, fmt.Errorf("%s: %w: ds64 chunk: %v", name, ErrCorrupt, err)
			}
			v := binary.LittleEndian.Uint64(b[8:16])
			if v > math.MaxInt64/2 {
				return nil, fmt.Errorf("%s: %w: ds64 data size %d is absurd", name, ErrCorrupt, v)
			}
			ds64Data = int64(v)
		case "fmt ":
			if haveFmt {
				break
			}
			if csize < 16 {
				return nil, fmt.Errorf("%s: %w: fmt chunk of %d bytes (at least 16 needed)", name, ErrCorrupt, csize)
			}
			var b [40]byte
			m := min(csize, int64(len(b)), size-body)
			if m < 16 {
				return nil, fmt.Errorf("%s: %w: fmt chunk cut short by the end of the file", name, ErrCorrupt)
			}
			if _, err := io.ReadFull(rs, b[:m]); err != nil {
				return nil, fmt.Errorf("%s: %w: fmt chunk: %v", name, ErrCorrupt, err)
			}
			if err := r.parseFmt(b[:m]); err != nil {
				return nil, err
			}
			haveFmt = true
		case "data":
			if haveData {
				break
			}
			haveData = true
			dataOff = body
			dataSizeRaw = uint32(csize)
			dataSize = csize
		}
		if haveData && haveFmt {
			break
		}
		// Next chunk: the size of a data chunk before fmt may be unknown
		// (streamed); then there is no next chunk to find.
		if cid == "data" {
			if dataSizeRaw == 0 || dataSizeRaw == 0xFFFFFFFF {
				if r.f.RF64 && ds64Data >= 0 {
					csize = ds64Data
				} else {
					return nil, fmt.Errorf("%s: %w: the fmt chunk comes after a data chunk of unknown size", name, ErrCorrupt)
				}
			}
		}
		next := body + csize
		if csize&1 == 1 {
			next++ // pad byte
			// Some writers leave the pad byte out: take the unpadded
			// position when only it starts a plausible chunk id.
			if !plausibleChunk(rs, next, size) && plausibleChunk(rs, next-1, size) {
				next--
			}
		}
		pos = next
	}
	if !haveFmt {
		if haveData {
			return nil, fmt.Errorf("%s: %w: no fmt chunk", name, ErrCorrupt)
		}
		return nil, fmt.Errorf("%s: %w: no fmt chunk and no audio data", name, ErrCorrupt)
	}
	if !haveData {
		return nil, fmt.Errorf("%s: %w: no data chunk (the file holds no audio)", name, ErrCorrupt)
	}

	avail := max(size-dataOff, 0)
	switch {
	case r.f.RF64 && dataSizeRaw == 0xFFFFFFFF && ds64Data >= 0:
		dataSize = ds64Data
	case dataSizeRaw == 0 || dataSizeRaw == 0xFFFFFFFF:
		// A streamed WAV: the writer never went back to fill in the
		// size. The audio runs to the end of the file.
		dataSize = avail
	}
	if !r.f.RF64 && avail >= 1<<32 && dataSize == avail%(1<<32) {
		// A plain RIFF file over 4 GiB: the 32-bit size wrapped. The
		// data is the rest of the file.
		r.warnf("audio data over 4 GiB in a plain RIFF file (its size field wrapped): reading to the end of the file")
		dataSize = avail
	}
	if dataSize > avail {
		r.warnf("the header says %d bytes of audio but the file holds %d after the header: decoding the %.1f s there (the file looks truncated)",
			dataSize, avail, float64(avail/int64(r.f.BlockAlign))/float64(r.f.SampleRate))
		dataSize = avail
	}
	if dataSize < int64(r.f.BlockAlign) {
		return nil, fmt.Errorf("%s: %w: the data chunk holds no audio", name, ErrCorrupt)
	}
	r.f.DataOffset = dataOff
	r.f.DataBytes = dataSize
	r.f.Frames = dataSize / int64(r.f.BlockAlign)
	r.f.Duration = float64(r.f.Frames) / float64(r.f.SampleRate)
	r.left = dataSize
	if _, err := rs.Seek(dataOff, io.SeekStart); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	r.raw = make([]byte, rawChunk/r.f.BlockAlign*r.f.BlockAlign)
	return r, nil
}

// plausibleChunk reports whether four printable ASCII bytes are at pos.
func plausibleChunk(rs io.ReadSeeker, pos, size int64) bool {
	if pos+8 > size {
		return false
	}
	var b [4]byte
	if _, err := rs.Seek(pos, io.SeekStart); err != nil {
		return false
	}
	if _, err := io.ReadFull(rs, b[:]); err != nil {
		return false
	}
	for _, c := range b {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}

var fmtNames = map[uint16]string{
	0x0002: "MS ADPCM",
	0x0011: "IMA ADPCM",
	0x0031: "GSM 6.10",
	0x0040: "G.721 ADPCM",
	0x0050: "MPEG audio",
	0x0055: "MP3",
	0x00FF: "AAC",
	0x0161: "WMA",
	0x1610: "AAC",
	0x2000: "AC-3",
	0xF1AC: "FLAC",
}

func (r *Reader) parseFmt(b []byte) error {
	name := r.name
	tag := binary.LittleEndian.Uint16(b[0:])
	ch := int(binary.LittleEndian.Uint16(b[2:]))
	rate := int64(binary.LittleEndian.Uint32(b[4:]))
	align := int(binary.LittleEndian.Uint16(b[12:]))
	bits := int(binary.LittleEndian.Uint16(b[14:]))
	enc := int(tag)
	validBits := 0
	if tag == 0xFFFE {
		r.f.Extensible = true
		if len(b) < 40 {
			return fmt.Errorf("%s: %w: WAVE_FORMAT_EXTENSIBLE fmt chunk of %d bytes (40 needed)", name, ErrCorrupt, len(b))
		}
		validBits = int(binary.LittleEndian.Uint16(b[18:]))
		sub := b[24:40]
		if !bytes.Equal(sub[2:], guidSuffix) {
			return fmt.Errorf("%s: %w: WAVE_FORMAT_EXTENSIBLE sub-format % x is not PCM or IEEE float", name, ErrUnsupported, sub)
		}
		enc = int(binary.LittleEndian.Uint16(sub))
	}
	if ch == 0 {
		return fmt.Errorf("%s: %w: the header says 0 channels", name, ErrCorrupt)
	}
	if rate == 0 {
		return fmt.Errorf("%s: %w: the header says a sample rate of 0 Hz", name, ErrCorrupt)
	}
	if ch > MaxChannels {
		return fmt.Errorf("%s: %w: %d channels (at most %d)", name, ErrUnsupported, ch, MaxChannels)
	}
	if rate < MinRate || rate > MaxRate {
		return fmt.Errorf("%s: %w: sample rate %d Hz (must be %d..%d Hz)", name, ErrUnsupported, rate, MinRate, MaxRate)
	}
	switch enc {
	case EncPCM:
		if bits < 1 || bits > 32 {
			return fmt.Errorf("%s: %w: %d-bit integer PCM (1..32 bits supported)", name, ErrUnsupported, bits)
		}
	case EncFloat:
		if bits != 32 && bits != 64 {
			return fmt.Errorf("%s: %w: %d-bit float samples (32 or 64 supported)", name, ErrUnsupported, bits)
		}
		r.f.Float = true
	case EncALaw, EncMuLaw:
		if bits != 8 {
			return fmt.Errorf("%s: %w: %d-bit G.711 samples (8 expected)", name, ErrCorrupt, bits)
		}
	default:
		what := fmtNames[uint16(enc)]
		if what == "" {
			what = "compressed or unknown"
		}
		return fmt.Errorf("%s: %w: %s audio (format tag 0x%04X): convert it to PCM first, e.g. ffmpeg -i %s -c:a pcm_s16le out.wav", name, ErrUnsupported, what, enc, name)
	}
	bytesPer := (bits + 7) / 8
	if align != ch*bytesPer {
		return fmt.Errorf("%s: %w: block align %d does not match %d channels of %d bits (%d expected)", name, ErrCorrupt, align, ch, bits, ch*bytesPer)
	}
	r.f.Encoding = enc
	r.f.Channels = ch
	r.f.SampleRate = int(rate)
	r.f.Bits = bits
	if validBits > 0 && validBits < bits {
		r.f.Bits = validBits // e.g. 20 valid bits in 24-bit containers
	}
	r.f.BlockAlign = align
	conv, err := converter(enc, bytesPer, ch)
	if err != nil {
		return fmt.Errorf("%s: %w: %v", name, ErrUnsupported, err)
	}
	r.conv = conv
	if ch == 2 {
		r.conv1, _ = converter(enc, bytesPer, 1)
	}
	return nil
}

// sniff names what a non-WAV file looks like, with advice.
func sniff(b []byte, rs io.ReadSeeker) string {
	// Look a little further for text detection.
	var more [512]byte
	n := copy(more[:], b)
	if _, err := rs.Seek(int64(n), io.SeekStart); err == nil {
		m, _ := io.ReadFull(rs, more[n:])
		n += m
	}
	head := more[:n]
	conv := "convert it with: ffmpeg -i INPUT -c:a pcm_s16le episode.wav"
	switch {
	case bytes.HasPrefix(head, []byte("ID3")) || (len(head) >= 2 && head[0] == 0xFF && head[1]&0xE0 == 0xE0 && head[1]&0x06 != 0):
		return "looks like MP3, not WAV: " + conv
	case bytes.HasPrefix(head, []byte("fLaC")):
		return "looks like FLAC, not WAV: " + conv
	case bytes.HasPrefix(head, []byte("OggS")):
		return "looks like Ogg (Vorbis/Opus), not WAV: " + conv
	case len(head) >= 8 && string(head[4:8]) == "ftyp":
		return "looks like MP4/M4A, not WAV: " + conv
	case bytes.HasPrefix(head, []byte("FORM")):
		return "looks like AIFF, not WAV: " + conv
	case bytes.HasPrefix(head, []byte("RIFX")):
		return "big-endian RIFX WAV is not supported: " + conv
	case len(head) < 12:
		return fmt.Sprintf("only %d bytes long, too short for a WAV header", len(head))
	case bytes.HasPrefix(head, []byte("RIFF")):
		return fmt.Sprintf("a RIFF file but not WAVE (form type %q)", head[8:12])
	case isText(head):
		return "looks like a text file, not audio"
	}
	return "no RIFF/WAVE header"
}

func isText(b []byte) bool {
	if !utf8.Valid(b) && !utf8.Valid(b[:max(0, len(b)-3)]) {
		return false
	}
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' {
			return false
		}
	}
	return true
}
