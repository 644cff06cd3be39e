package audio

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// errFLACBehindID3: an ID3v2 tag followed by FLAC, not MPEG audio.
var errFLACBehindID3 = errors.New("FLAC behind an ID3v2 tag")

// mpegHeader is one MPEG audio frame header.
type mpegHeader struct {
	version  int // 1, 2, or 25 for MPEG 2.5
	layer    int // 1, 2, 3
	bitrate  int // bits per second
	rate     int // Hz
	padding  int
	channels int
	size     int  // frame bytes
	samples  int  // samples per channel in the frame
	mode     int  // 3 = mono
	crc      bool // a 16-bit CRC follows the header
}

// mpegFrame is a frame's offset in the file and its header.
type mpegFrame struct {
	off int64
	h   mpegHeader
}

var (
	mpegRates    = [4][3]int{{11025, 12000, 8000}, {}, {22050, 24000, 16000}, {44100, 48000, 32000}} // by version bits
	mpegBitrates = map[[2]int][16]int{
		{1, 1}: {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
		{1, 2}: {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
		{1, 3}: {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
		{2, 1}: {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
		{2, 2}: {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
		{2, 3}: {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
	}
)

// parseMPEGHeader parses the 4 bytes at b; ok is false when they are not a
// usable frame header (free-format bit rate included).
func parseMPEGHeader(b []byte) (h mpegHeader, ok bool) {
	if len(b) < 4 || b[0] != 0xFF || b[1]&0xE0 != 0xE0 {
		return h, false
	}
	vbits := int(b[1]>>3) & 3
	lbits := int(b[1]>>1) & 3
	bri := int(b[2] >> 4)
	sri := int(b[2]>>2) & 3
	if vbits == 1 || lbits == 0 || bri == 0 || bri == 15 || sri == 3 {
		return h, false
	}
	h.version = map[int]int{0: 25, 2: 2, 3: 1}[vbits]
	h.layer = 4 - lbits
	tv := h.version
	if tv == 25 {
		tv = 2
	}
	h.bitrate = mpegBitrates[[2]int{tv, h.layer}][bri] * 1000
	h.rate = mpegRates[vbits][sri]
	h.padding = int(b[2]>>1) & 1
	h.crc = b[1]&1 == 0
	h.mode = int(b[3] >> 6)
	h.channels = 2
	if h.mode == 3 {
		h.channels = 1
	}
	switch {
	case h.layer == 1:
		h.samples = 384
		h.size = (12*h.bitrate/h.rate + h.padding) * 4
	case h.layer == 2 || h.version == 1:
		h.samples = 1152
		h.size = 144*h.bitrate/h.rate + h.padding
	default:
		h.samples = 576
		h.size = 72*h.bitrate/h.rate + h.padding
	}
	return h, h.size >= 4
}

func validMPEGHeader(b []byte) bool {
	_, ok := parseMPEGHeader(b)
	return ok
}

// id3Size returns the length of the ID3v2 tag at the start of b (0 when
// there is none).
func id3Size(b []byte) int64 {
	if len(b) < 10 || string(b[:3]) != "ID3" {
		return 0
	}
	n := int64(b[6]&0x7F)<<21 | int64(b[7]&0x7F)<<14 | int64(b[8]&0x7F)<<7 | int64(b[9]&0x7F)
	n += 10
	if b[5]&0x10 != 0 {
		n += 10 // footer
	}
	return n
}

// maxSync bounds the search for the first frame behind the tags.
const maxSync = 1 << 20

// probeMPEG describes an MP3 (MPEG audio) file: it skips ID3v2 tags, finds
// the first frame that a second one follows, reads a Xing/Info or VBRI
// header if there is one, and otherwise walks every frame header.
func probeMPEG(path string) (Info, error) {
	fh, err := os.Open(path)
	if err != nil {
		return Info{}, err
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return Info{}, err
	}
	size := st.Size()
	var pos int64
	var hb [10]byte
	for range 16 { // ID3v2 tags, possibly several
		n, _ := fh.ReadAt(hb[:], pos)
		t := id3Size(hb[:n])
		if t == 0 {
			break
		}
		pos += t
	}
	if n, _ := fh.ReadAt(hb[:4], pos); n == 4 && string(hb[:4]) == "fLaC" {
		return Info{}, errFLACBehindID3
	}
	if pos >= size {
		return Info{}, fmt.Errorf("%s: %w: an ID3 tag and no audio", path, ErrCorruptMP3)
	}
	// Find the first frame followed by another of the same kind.
	win := make([]byte, min(maxSync, size-pos)+4)
	n, _ := fh.ReadAt(win, pos)
	win = win[:n]
	first := -1
	var h mpegHeader
	for i := 0; i+4 <= len(win); i++ {
		a, ok := parseMPEGHeader(win[i:])
		if !ok {
			continue
		}
		j := int64(i) + int64(a.size)
		var nb [4]byte
		if k, _ := fh.ReadAt(nb[:], pos+j); k == 4 {
			b, ok := parseMPEGHeader(nb[:])
			if !ok || b.rate != a.rate || b.layer != a.layer || b.version != a.version {
				continue
			}
		} else if pos+j > size+int64(a.size) || i > 0 {
			continue
		}
		first, h = i, a
		break
	}
	if first < 0 {
		return Info{}, fmt.Errorf("%s: %w: no MPEG audio frames (looks like MP3 but is not)", path, ErrCorruptMP3)
	}
	start := pos + int64(first)
	info := Info{Format: FormatMP3, SampleRate: h.rate, Channels: h.channels, Codec: fmt.Sprintf("mp%d", h.layer), first: mpegFrame{start, h}}
	fb := make([]byte, min(h.size, 2048))
	fh.ReadAt(fb, start)
	if d, g, ok := xingDuration(fb, h); ok {
		info.Duration = d
		info.gapless = g
		info.VBR = string(fb[xingOffset(h):xingOffset(h)+4]) == "Xing" || string(fb[min(36, len(fb)-4):min(40, len(fb))]) == "VBRI"
		return info, nil
	}
	// Walk every frame.
	samples, vbr, warnings := walkMPEG(path, fh, size, info.first, nil)
	info.VBR = vbr
	info.warnings = warnings
	info.Duration = float64(samples) / float64(h.rate)
	info.gapless = gapless{skip: decoderDelay + assumedDelay, ffSkip: decoderDelay + assumedDelay}
	return info, nil
}

// walkMPEG reads the frame headers from first to the end of the file or
// the first bytes that are not a frame at first's rate, calling fn (when
// not nil) with each whole frame until it returns false. It returns the
// samples per channel of the frames walked, whether their bit rates
// differ, and what it found at the end (junk, a frame cut short).
func walkMPEG(path string, fh io.ReaderAt, size int64, first mpegFrame, fn func(mpegFrame) bool) (samples int64, vbr bool, warnings []string) {
	start, h := first.off, first.h
	br := bufio.NewReaderSize(io.NewSectionReader(fh, start, size-start), 64<<10)
	var off int64
	var hdr [4]byte
	for {
		if _, err := io.ReadFull(br, hdr[:]); err != nil {
			break
		}
		f, ok := parseMPEGHeader(hdr[:])
		if !ok || f.rate != h.rate {
			if string(hdr[:3]) != "TAG" && string(hdr[:4]) != "APET" && string(hdr[:3]) != "LYR" {
				warnings = append(warnings, fmt.Sprintf("%s: %d bytes of junk or tags after the last MPEG frame at %.2f s were ignored", path, size-start-off, float64(samples)/float64(h.rate)))
			}
			break
		}
		if f.bitrate != h.bitrate {
			vbr = true
		}
		if start+off+int64(f.size) > size {
			warnings = append(warnings, fmt.Sprintf("%s: the last MPEG frame is cut short (the file is truncated at %.2f s)", path, float64(samples)/float64(h.rate)))
			break
		}
		if fn != nil && !fn(mpegFrame{start + off, f}) {
			break
		}
		samples += int64(f.samples)
		off += int64(f.size)
		if _, err := br.Discard(f.size - 4); err != nil {
			break
		}
	}
	return samples, vbr, warnings
}

// xingOffset is where a Xing/Info header sits in a Layer III frame.
func xingOffset(h mpegHeader) int {
	switch {
	case h.version == 1 && h.channels == 2:
		return 36
	case h.version == 1 || h.channels == 2:
		return 21
	}
	return 13
}

// xingDuration reads the frame count of a Xing/Info or VBRI header in the
// first frame fb (the LAME tag's encoder delay and padding taken off).
func xingDuration(fb []byte, h mpegHeader) (float64, gapless, bool) {
	if h.layer != 3 {
		return 0, gapless{}, false
	}
	o := xingOffset(h)
	if len(fb) >= o+8 && (string(fb[o:o+4]) == "Xing" || string(fb[o:o+4]) == "Info") {
		flags := binary.BigEndian.Uint32(fb[o+4:])
		if flags&1 == 0 || len(fb) < o+12 {
			return 0, gapless{}, false
		}
		frames := int64(binary.BigEndian.Uint32(fb[o+8:]))
		if frames == 0 {
			return 0, gapless{}, false
		}
		samples := frames * int64(h.samples)
		// go-mp3 decodes the Xing frame as silence.
		g := gapless{skip: int64(h.samples) + decoderDelay + assumedDelay, ffSkip: decoderDelay + assumedDelay}
		// The LAME extension follows the 120 bytes of Xing fields.
		l := o + 120
		if len(fb) >= l+24 && (string(fb[l:l+4]) == "LAME" || string(fb[l:l+4]) == "Lavf" || string(fb[l:l+4]) == "Lavc") {
			d := int64(fb[l+21])<<4 | int64(fb[l+22]>>4)
			p := int64(fb[l+22]&0x0F)<<8 | int64(fb[l+23])
			if d+p < samples {
				samples -= d + p
				g.skip += d - assumedDelay
				g.ffSkip = 0 // ffmpeg reads the LAME tag
			}
		}
		g.total = samples
		return float64(samples) / float64(h.rate), g, true
	}
	if len(fb) >= 36+18 && string(fb[36:40]) == "VBRI" {
		frames := int64(binary.BigEndian.Uint32(fb[36+14:]))
		if frames == 0 {
			return 0, gapless{}, false
		}
		return float64(frames*int64(h.samples)) / float64(h.rate), gapless{skip: int64(h.samples) + decoderDelay + assumedDelay, ffSkip: decoderDelay + assumedDelay}, true
	}
	return 0, gapless{}, false
}

// decoderDelay is the MP3 synthesis filterbank's delay in samples;
// assumedDelay the encoder delay of a file whose LAME tag does not give
// it (LAME's and ffmpeg's 576 samples, the usual value).
const (
	decoderDelay = 529
	assumedDelay = 576
)

// gapless says which of the decoder's output samples are the audio: skip
// the first skip samples of go-mp3's output (the Xing frame, the encoder's
// delay and the decoder's) or ffSkip of ffmpeg's (which removes them
// itself when the LAME tag gives them), then keep total samples (0: all).
type gapless struct {
	skip, total, ffSkip int64
}

// probeFLAC reads STREAMINFO.
func probeFLAC(path string) (Info, error) {
	fh, err := os.Open(path)
	if err != nil {
		return Info{}, err
	}
	defer fh.Close()
	var b [10]byte
	var pos int64
	for range 16 {
		n, _ := fh.ReadAt(b[:], pos)
		t := id3Size(b[:n])
		if t == 0 {
			break
		}
		pos += t
	}
	var si [4 + 4 + 34]byte
	if n, _ := fh.ReadAt(si[:], pos); n < len(si) || string(si[:4]) != "fLaC" {
		return Info{}, fmt.Errorf("%s: %w: FLAC file too short for its STREAMINFO", path, ErrCorruptFLAC)
	}
	if si[4]&0x7F != 0 || int(si[5])<<16|int(si[6])<<8|int(si[7]) != 34 {
		return Info{}, fmt.Errorf("%s: %w: FLAC file without STREAMINFO first", path, ErrCorruptFLAC)
	}
	s := si[8:]
	rate := int(s[10])<<12 | int(s[11])<<4 | int(s[12]>>4)
	ch := int(s[12]>>1&7) + 1
	total := int64(s[13]&0x0F)<<32 | int64(binary.BigEndian.Uint32(s[14:18]))
	if rate == 0 {
		return Info{}, fmt.Errorf("%s: %w: FLAC sample rate 0", path, ErrCorruptFLAC)
	}
	return Info{Format: FormatFLAC, SampleRate: rate, Channels: ch, Codec: "flac", Duration: float64(total) / float64(rate)}, nil
}

// probeMP4 walks the MP4 box tree for the first sound track's mdhd (and
// the movie's mvhd as a fallback) and its sample entry.
func probeMP4(path string) (Info, error) {
	fh, err := os.Open(path)
	if err != nil {
		return Info{}, err
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return Info{}, err
	}
	p := &mp4Walk{r: fh}
	p.walk(0, st.Size(), 0)
	if p.err != nil {
		return Info{}, fmt.Errorf("%s: %w: %v", path, ErrCorruptM4A, p.err)
	}
	info := Info{Format: FormatM4A, Codec: p.codec, SampleRate: p.rate, Channels: p.channels}
	switch {
	case !p.sound:
		if !p.moov {
			return Info{}, fmt.Errorf("%s: %w: MP4 file without a movie header (moov box): cut short, or never finished", path, ErrCorruptM4A)
		}
		return Info{}, fmt.Errorf("%s: %w: MP4 file without an audio track", path, ErrUnsupportedAudio)
	case p.edit > 0 && p.movieScale > 0:
		// The edit list leaves out the encoder's priming and padding.
		info.Duration = float64(p.edit) / float64(p.movieScale)
	case p.trackScale > 0:
		info.Duration = float64(p.trackDur) / float64(p.trackScale)
	case p.movieScale > 0:
		info.Duration = float64(p.movieDur) / float64(p.movieScale)
	}
	if info.Codec == "mp4a" {
		info.Codec = "aac"
	}
	return info, nil
}

type mp4Walk struct {
	r                    io.ReaderAt
	err                  error
	moov, sound, inSound bool
	movieDur, trackDur   uint64
	movieScale           uint32
	trackScale           uint32
	curDur               uint64
	curScale             uint32
	curEdit, edit        uint64 // the edit list's length, in the movie's timescale
	codec                string
	rate, channels       int
	boxes                int
}

func (p *mp4Walk) walk(start, end int64, depth int) {
	for pos := start; pos+8 <= end && p.err == nil; {
		p.boxes++
		if p.boxes > 100000 || depth > 12 {
			p.err = errors.New("too many MP4 boxes")
			return
		}
		var h [16]byte
		if n, _ := p.r.ReadAt(h[:8], pos); n < 8 {
			return
		}
		size := int64(binary.BigEndian.Uint32(h[:4]))
		typ := string(h[4:8])
		hdr := int64(8)
		switch size {
		case 1:
			if n, _ := p.r.ReadAt(h[8:16], pos+8); n < 8 {
				return
			}
			size = int64(binary.BigEndian.Uint64(h[8:16]))
			hdr = 16
		case 0:
			size = end - pos
		}
		if size < hdr || pos+size > end {
			if depth == 0 && pos+hdr <= end {
				size = end - pos // a truncated last box (mdat of a cut file)
			} else {
				p.err = fmt.Errorf("MP4 box %q has a bad size", typ)
				return
			}
		}
		body, bend := pos+hdr, pos+size
		switch typ {
		case "moov":
			p.moov = true
			p.walk(body, bend, depth+1)
		case "trak":
			p.inSound, p.curDur, p.curScale, p.curEdit = false, 0, 0, 0
			p.walk(body, bend, depth+1)
			if p.inSound && !p.sound {
				p.sound = true
				p.trackDur, p.trackScale, p.edit = p.curDur, p.curScale, p.curEdit
			}
		case "mdia", "minf", "stbl", "edts":
			p.walk(body, bend, depth+1)
		case "mvhd", "mdhd":
			var b [32]byte
			n, _ := p.r.ReadAt(b[:], body)
			var dur uint64
			var scale uint32
			if n >= 20 && b[0] == 0 {
				scale, dur = binary.BigEndian.Uint32(b[12:]), uint64(binary.BigEndian.Uint32(b[16:]))
			} else if n >= 32 && b[0] == 1 {
				scale, dur = binary.BigEndian.Uint32(b[20:]), binary.BigEndian.Uint64(b[24:])
			}
			if typ == "mvhd" {
				p.movieDur, p.movieScale = dur, scale
			} else {
				p.curDur, p.curScale = dur, scale
			}
		case "elst":
			var b [8]byte
			if n, _ := p.r.ReadAt(b[:], body); n < 8 {
				break
			}
			v, count := b[0], int64(binary.BigEndian.Uint32(b[4:]))
			esz := int64(12)
			if v == 1 {
				esz = 20
			}
			var sum uint64
			for i := int64(0); i < min(count, 1000); i++ {
				var e [20]byte
				if n, _ := p.r.ReadAt(e[:esz], body+8+i*esz); int64(n) < esz {
					break
				}
				if v == 1 {
					if int64(binary.BigEndian.Uint64(e[8:])) != -1 {
						sum += binary.BigEndian.Uint64(e[:8])
					}
				} else if int32(binary.BigEndian.Uint32(e[4:])) != -1 {
					sum += uint64(binary.BigEndian.Uint32(e[:4]))
				}
			}
			p.curEdit = sum
		case "hdlr":
			var b [12]byte
			if n, _ := p.r.ReadAt(b[:], body); n == 12 && string(b[8:12]) == "soun" {
				p.inSound = true
			}
		case "stsd":
			var b [44]byte
			if n, _ := p.r.ReadAt(b[:], body); n == 44 && p.inSound && !p.sound {
				e := b[8:] // first sample entry: size, format, 6 reserved, dref, 8 reserved, channels, bits, 4, rate 16.16
				p.codec = string(e[4:8])
				p.channels = int(binary.BigEndian.Uint16(e[24:]))
				p.rate = int(binary.BigEndian.Uint16(e[32:]))
			}
		}
		pos += size
	}
}

// probeOgg reads the first page's codec header and the last page's
// granule position.
func probeOgg(path string) (Info, error) {
	fh, err := os.Open(path)
	if err != nil {
		return Info{}, err
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return Info{}, err
	}
	var b [28 + 255 + 32]byte
	n, _ := fh.ReadAt(b[:], 0)
	if n < 28 || string(b[:4]) != "OggS" {
		return Info{}, fmt.Errorf("%s: %w: Ogg file too short", path, ErrCorruptOgg)
	}
	segs := int(b[26])
	p := b[min(27+segs, n):n]
	info := Info{Format: FormatOgg}
	var preskip int64
	switch {
	case len(p) >= 19 && string(p[:8]) == "OpusHead":
		info.Codec, info.Channels, info.SampleRate = "opus", int(p[9]), 48000
		preskip = int64(binary.LittleEndian.Uint16(p[10:]))
	case len(p) >= 16 && string(p[1:7]) == "vorbis":
		info.Codec, info.Channels = "vorbis", int(p[11])
		info.SampleRate = int(binary.LittleEndian.Uint32(p[12:]))
	default:
		return Info{}, fmt.Errorf("%s: %w: Ogg stream that is neither Opus nor Vorbis", path, ErrUnsupportedAudio)
	}
	if info.SampleRate == 0 {
		return Info{}, fmt.Errorf("%s: %w: Ogg sample rate 0", path, ErrCorruptOgg)
	}
	tail := make([]byte, min(st.Size(), 64<<10))
	m, _ := fh.ReadAt(tail, st.Size()-int64(len(tail)))
	tail = tail[:m]
	for i := len(tail) - 14; i >= 0; i-- {
		if string(tail[i:i+4]) == "OggS" {
			g := int64(binary.LittleEndian.Uint64(tail[i+6:]))
			if g > preskip {
				info.Duration = float64(g-preskip) / float64(info.SampleRate)
			}
			break
		}
	}
	return info, nil
}
