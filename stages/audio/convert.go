package audio

import (
	"fmt"
	"math"
)

// The converters below turn a run of little-endian frames into mono
// float32 in [-1, 1), averaging channels. They work on the raw bytes in
// bulk: go-audio/wav's PCMBuffer reads one sample at a time through an
// io.Reader (about 7.7 ns a sample), decodes 32-bit float as integer bit
// patterns and ignores the WAVE_FORMAT_EXTENSIBLE sub-format.

type convFunc = func(dst []float32, src []byte, ch int)

func converter(enc, bytesPer, ch int) (convFunc, error) {
	switch enc {
	case EncPCM:
		switch bytesPer {
		case 1:
			return convU8, nil
		case 2:
			switch ch {
			case 1:
				return convS16Mono, nil
			case 2:
				return convS16Stereo, nil
			}
			return convS16, nil
		case 3:
			switch ch {
			case 1:
				return convS24Mono, nil
			case 2:
				return convS24Stereo, nil
			}
			return convS24, nil
		case 4:
			return convS32, nil
		}
	case EncFloat:
		switch bytesPer {
		case 4:
			if ch == 2 {
				return convF32Stereo, nil
			}
			return convF32, nil
		case 8:
			return convF64, nil
		}
	case EncALaw:
		return convTable(&alawTable), nil
	case EncMuLaw:
		return convTable(&mulawTable), nil
	}
	return nil, fmt.Errorf("no decoder for encoding %d with %d-byte samples", enc, bytesPer)
}

func convU8(dst []float32, src []byte, ch int) {
	scale := 1 / (128 * float32(ch))
	src = src[:len(dst)*ch]
	for i := range dst {
		var s int32
		for _, b := range src[i*ch : (i+1)*ch] {
			s += int32(b) - 128
		}
		dst[i] = float32(s) * scale
	}
}

func convS16Mono(dst []float32, src []byte, _ int) {
	src = src[:2*len(dst)]
	for i := range dst {
		dst[i] = float32(int16(uint16(src[2*i])|uint16(src[2*i+1])<<8)) * (1.0 / 32768)
	}
}

func convS16Stereo(dst []float32, src []byte, _ int) {
	src = src[:4*len(dst)]
	for i := range dst {
		b := src[4*i : 4*i+4 : 4*i+4]
		l := int32(int16(uint16(b[0]) | uint16(b[1])<<8))
		r := int32(int16(uint16(b[2]) | uint16(b[3])<<8))
		dst[i] = float32(l+r) * (1.0 / 65536)
	}
}

func convS16(dst []float32, src []byte, ch int) {
	scale := 1 / (32768 * float32(ch))
	src = src[:2*len(dst)*ch]
	for i := range dst {
		var s int32
		f := src[2*i*ch : 2*(i+1)*ch]
		for j := 0; j+1 < len(f); j += 2 {
			s += int32(int16(uint16(f[j]) | uint16(f[j+1])<<8))
		}
		dst[i] = float32(s) * scale
	}
}

func s24(b0, b1, b2 byte) int32 {
	return int32(uint32(b0)<<8|uint32(b1)<<16|uint32(b2)<<24) >> 8
}

func convS24Mono(dst []float32, src []byte, _ int) {
	src = src[:3*len(dst)]
	for i := range dst {
		b := src[3*i : 3*i+3 : 3*i+3]
		dst[i] = float32(s24(b[0], b[1], b[2])) * (1.0 / 8388608)
	}
}

func convS24Stereo(dst []float32, src []byte, _ int) {
	src = src[:6*len(dst)]
	for i := range dst {
		b := src[6*i : 6*i+6 : 6*i+6]
		dst[i] = float32(s24(b[0], b[1], b[2])+s24(b[3], b[4], b[5])) * (1.0 / 16777216)
	}
}

func convS24(dst []float32, src []byte, ch int) {
	scale := 1 / (8388608 * float32(ch))
	src = src[:3*len(dst)*ch]
	for i := range dst {
		var s int64
		f := src[3*i*ch : 3*(i+1)*ch]
		for j := 0; j+2 < len(f); j += 3 {
			s += int64(s24(f[j], f[j+1], f[j+2]))
		}
		dst[i] = float32(s) * scale
	}
}

func convS32(dst []float32, src []byte, ch int) {
	scale := 1 / (2147483648 * float64(ch))
	src = src[:4*len(dst)*ch]
	for i := range dst {
		var s int64
		f := src[4*i*ch : 4*(i+1)*ch]
		for j := 0; j+3 < len(f); j += 4 {
			s += int64(int32(uint32(f[j]) | uint32(f[j+1])<<8 | uint32(f[j+2])<<16 | uint32(f[j+3])<<24))
		}
		dst[i] = float32(float64(s) * scale)
	}
}

func f32(b []byte) float32 {
	return math.Float32frombits(uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24)
}

func convF32Stereo(dst []float32, src []byte, _ int) {
	src = src[:8*len(dst)]
	for i := range dst {
		b := src[8*i : 8*i+8 : 8*i+8]
		dst[i] = (f32(b[0:4]) + f32(b[4:8])) * 0.5
	}
}

func convF32(dst []float32, src []byte, ch int) {
	scale := 1 / float32(ch)
	src = src[:4*len(dst)*ch]
	for i := range dst {
		var s float32
		f := src[4*i*ch : 4*(i+1)*ch]
		for j := 0; j+3 < len(f); j += 4 {
			s += f32(f[j : j+4])
		}
		dst[i] = s * scale
	}
}

func convF64(dst []float32, src []byte, ch int) {
	scale := 1 / float64(ch)
	src = src[:8*len(dst)*ch]
	for i := range dst {
		var s float64
		f := src[8*i*ch : 8*(i+1)*ch]
		for j := 0; j+7 < len(f); j += 8 {
			u := uint64(f[j]) | uint64(f[j+1])<<8 | uint64(f[j+2])<<16 | uint64(f[j+3])<<24 |
				uint64(f[j+4])<<32 | uint64(f[j+5])<<40 | uint64(f[j+6])<<48 | uint64(f[j+7])<<56
			s += math.Float64frombits(u)
		}
		// Clip before narrowing so that huge values stay finite; NaN
		// stays NaN for the reader's check.
		v := s * scale
		if v > floatLimit {
			v = floatLimit * 2
		} else if v < -floatLimit {
			v = -floatLimit * 2
		}
		dst[i] = float32(v)
	}
}

func convTable(t *[256]float32) convFunc {
	return func(dst []float32, src []byte, ch int) {
		scale := 1 / float32(ch)
		src = src[:len(dst)*ch]
		for i := range dst {
			var s float32
			for _, b := range src[i*ch : (i+1)*ch] {
				s += t[b]
			}
			dst[i] = s * scale
		}
	}
}

// G.711 expansion tables (ITU-T G.711), scaled to [-1, 1).
var alawTable, mulawTable = g711Tables()

func g711Tables() (a, u [256]float32) {
	for i := range 256 {
		// A-law.
		v := byte(i) ^ 0x55
		seg := int(v&0x70) >> 4
		mant := int(v & 0x0F)
		var t int
		if seg == 0 {
			t = mant<<4 + 8
		} else {
			t = (mant<<4 + 0x108) << (seg - 1)
		}
		if v&0x80 == 0 {
			t = -t
		}
		a[i] = float32(t) / 32768
		// µ-law.
		w := ^byte(i)
		tt := (int(w&0x0F)<<3 + 0x84) << (int(w&0x70) >> 4)
		if w&0x80 != 0 {
			u[i] = float32(0x84-tt) / 32768
		} else {
			u[i] = float32(tt-0x84) / 32768
		}
	}
	return a, u
}
