package audio

import (
	"encoding/binary"
	"math"
)

// wavSpec describes a test WAV file built by makeWAV.
type wavSpec struct {
	enc        int // EncPCM or EncFloat
	bits       int
	channels   int
	rate       int
	extensible bool
	rf64       bool
	// chunks before fmt, between fmt and data, and after data.
	pre, mid, post []chunk
	// dataSize overrides the data chunk's size field when not -1.
	dataSize int64
	// truncate drops this many bytes from the end of the file.
	truncate int
}

type chunk struct {
	id   string
	body []byte
}

// testSignal is the mono signal every test file carries: a 440 Hz tone
// plus a slower one, within ±0.8.
func testSignal(rate, n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		t := float64(i) / float64(rate)
		x[i] = 0.5*math.Sin(2*math.Pi*440*t) + 0.3*math.Sin(2*math.Pi*97*t+1)
	}
	return x
}

// channelValue spreads the mono value v over channels so that their mean
// is v but each differs.
func channelValue(v float64, c, channels int) float64 {
	if channels == 1 {
		return v
	}
	return v + 0.03*(float64(c)-float64(channels-1)/2)
}

func quant(v float64, bits int) int64 {
	full := float64(int64(1) << (bits - 1))
	q := math.Round(v * full)
	return int64(max(-full, min(full-1, q)))
}

// encode returns the data chunk body for signal x.
func (s wavSpec) encode(x []float64) []byte {
	bps := s.bits / 8
	out := make([]byte, 0, len(x)*s.channels*bps)
	for _, v := range x {
		for c := range s.channels {
			cv := channelValue(v, c, s.channels)
			switch {
			case s.enc == EncFloat && s.bits == 32:
				out = binary.LittleEndian.AppendUint32(out, math.Float32bits(float32(cv)))
			case s.enc == EncFloat && s.bits == 64:
				out = binary.LittleEndian.AppendUint64(out, math.Float64bits(cv))
			case s.bits == 8:
				out = append(out, byte(quant(cv, 8)+128))
			default:
				q := quant(cv, s.bits)
				for b := range bps {
					out = append(out, byte(q>>(8*b)))
				}
			}
		}
	}
	return out
}

func appendChunk(b []byte, id string, body []byte) []byte {
	b = append(b, id...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(body)))
	b = append(b, body...)
	if len(body)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

func (s wavSpec) fmtChunk() []byte {
	ba := s.channels * s.bits / 8
	var f []byte
	tag := uint16(s.enc)
	if s.extensible {
		tag = 0xFFFE
	}
	f = binary.LittleEndian.AppendUint16(f, tag)
	f = binary.LittleEndian.AppendUint16(f, uint16(s.channels))
	f = binary.LittleEndian.AppendUint32(f, uint32(s.rate))
	f = binary.LittleEndian.AppendUint32(f, uint32(s.rate*ba))
	f = binary.LittleEndian.AppendUint16(f, uint16(ba))
	f = binary.LittleEndian.AppendUint16(f, uint16(s.bits))
	if s.extensible {
		f = binary.LittleEndian.AppendUint16(f, 22)
		f = binary.LittleEndian.AppendUint16(f, uint16(s.bits))
		f = binary.LittleEndian.AppendUint32(f, 0)
		f = binary.LittleEndian.AppendUint16(f, uint16(s.enc))
		f = append(f, guidSuffix...)
	} else if s.enc == EncFloat {
		f = binary.LittleEndian.AppendUint16(f, 0)
	}
	return f
}

// makeWAV builds the file for signal x.
func (s wavSpec) makeWAV(x []float64) []byte {
	data := s.encode(x)
	var b []byte
	if s.rf64 {
		b = append(b, "RF64"...)
		b = binary.LittleEndian.AppendUint32(b, 0xFFFFFFFF)
	} else {
		b = append(b, "RIFF"...)
		b = binary.LittleEndian.AppendUint32(b, 0) // patched below
	}
	b = append(b, "WAVE"...)
	if s.rf64 {
		var ds []byte
		ds = binary.LittleEndian.AppendUint64(ds, 0) // riff size, patched
		ds = binary.LittleEndian.AppendUint64(ds, uint64(len(data)))
		ds = binary.LittleEndian.AppendUint64(ds, uint64(len(x)))
		ds = binary.LittleEndian.AppendUint32(ds, 0)
		b = appendChunk(b, "ds64", ds)
	}
	for _, c := range s.pre {
		b = appendChunk(b, c.id, c.body)
	}
	b = appendChunk(b, "fmt ", s.fmtChunk())
	for _, c := range s.mid {
		b = appendChunk(b, c.id, c.body)
	}
	size := uint32(len(data))
	switch {
	case s.rf64:
		size = 0xFFFFFFFF
	case s.dataSize >= 0:
		size = uint32(s.dataSize)
	}
	b = append(b, "data"...)
	b = binary.LittleEndian.AppendUint32(b, size)
	b = append(b, data...)
	if len(data)%2 == 1 {
		b = append(b, 0)
	}
	for _, c := range s.post {
		b = appendChunk(b, c.id, c.body)
	}
	if !s.rf64 {
		binary.LittleEndian.PutUint32(b[4:], uint32(len(b)-8))
	}
	return b[:len(b)-s.truncate]
}
