package features

import (
	"math"
	"testing"
)

func noise(n int, seed uint32) []float32 {
	x := make([]float32, n)
	s := seed | 1
	for i := range x {
		s ^= s << 13
		s ^= s >> 17
		s ^= s << 5
		x[i] = float32(int32(s))/(1<<31)*0.3 + 0.2*float32(math.Sin(float64(i)*0.05))
	}
	return x
}

// BenchmarkResample measures resampling one second of audio to 16 kHz.
func BenchmarkResample(b *testing.B) {
	for _, rate := range []int{48000, 44100, 22050, 8000} {
		b.Run(itoa(rate), func(b *testing.B) {
			in := noise(rate, 7)
			r, err := NewResampler(rate, Rate)
			if err != nil {
				b.Fatal(err)
			}
			out := make([]float32, 0, Rate+100)
			b.SetBytes(int64(4 * rate))
			b.ResetTimer()
			for range b.N {
				for i := 0; i < len(in); i += 16384 {
					out = r.Process(in[i:min(i+16384, len(in))], out[:0])
				}
			}
		})
	}
}

// BenchmarkExtract measures the MFCCs of one second of 16 kHz audio.
func BenchmarkExtract(b *testing.B) {
	in := noise(Rate, 3)
	e := NewExtractor(Config{})
	b.SetBytes(4 * Rate)
	b.ResetTimer()
	for i := range b.N {
		if i%1000 == 0 {
			e = NewExtractor(Config{})
			e.Grow(1000 * FrameRate)
		}
		e.Write(in)
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
