package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
)

// This file builds the WAV files of the robustness tests at run time: good
// files in every encoding the tool claims to read, and bad ones, so that no
// large binary is committed.

// Format tags of the WAV headers written here.
const (
	tagPCM        = 1
	tagADPCM      = 2
	tagFloat      = 3
	tagMP3        = 0x55
	tagExtensible = 0xFFFE
)

// wavSpec describes a WAV file to build; fields left zero take the values of
// a 16 kHz mono 16-bit PCM file, negative ones are written as zero.
type wavSpec struct {
	riff       string // "RIFF" or "RF64"
	tag        uint16 // format tag
	sub        uint16 // sub-format of a WAVE_FORMAT_EXTENSIBLE header
	channels   int
	rate       int64
	bits       int
	blockAlign int // 0: channels*ceil(bits/8)
	before     []chunk
	dataSize   int64 // declared size of the data chunk; -1: the real size
	noData     bool  // leave out the data chunk
	noFmt      bool  // leave out the fmt chunk
}

type chunk struct {
	id   string
	data []byte
}

func (s wavSpec) withDefaults() wavSpec {
	if s.riff == "" {
		s.riff = "RIFF"
	}
	if s.tag == 0 {
		s.tag = tagPCM
	}
	if s.channels == 0 {
		s.channels = 1
	}
	if s.rate == 0 {
		s.rate = 16000
	}
	if s.bits == 0 {
		s.bits = 16
	}
	if s.blockAlign == 0 {
		s.blockAlign = max(s.channels, 0) * ((max(s.bits, 0) + 7) / 8)
	}
	s.channels, s.rate, s.bits = max(s.channels, 0), max(s.rate, 0), max(s.bits, 0)
	return s
}

// build writes the file's bytes with data as the data chunk's content. Odd
// chunks are padded to even length, as RIFF requires.
func (s wavSpec) build(data []byte) []byte {
	s = s.withDefaults()
	var b bytes.Buffer
	le := func(v any) { binary.Write(&b, binary.LittleEndian, v) }
	put := func(id string, body []byte, declared int64) {
		b.WriteString(id)
		if declared < 0 {
			declared = int64(len(body))
		}
		if declared > math.MaxUint32 {
			declared = math.MaxUint32
		}
		le(uint32(declared))
		b.Write(body)
		if len(body)%2 == 1 {
			b.WriteByte(0)
		}
	}
	rf64 := s.riff == "RF64"
	b.WriteString(s.riff)
	le(uint32(0)) // patched below
	b.WriteString("WAVE")
	if rf64 {
		var ds bytes.Buffer
		riffSize := uint64(4 + 8 + 28 + 8 + 40 + 8 + len(data))
		binary.Write(&ds, binary.LittleEndian, riffSize)
		binary.Write(&ds, binary.LittleEndian, uint64(len(data)))
		binary.Write(&ds, binary.LittleEndian, uint64(len(data)/max(s.blockAlign, 1)))
		binary.Write(&ds, binary.LittleEndian, uint32(0))
		put("ds64", ds.Bytes(), -1)
	}
	for _, c := range s.before {
		put(c.id, c.data, -1)
	}
	if !s.noFmt {
		var f bytes.Buffer
		w := func(v any) { binary.Write(&f, binary.LittleEndian, v) }
		w(s.tag)
		w(uint16(s.channels))
		w(uint32(s.rate))
		w(uint32(s.rate * int64(s.blockAlign)))
		w(uint16(s.blockAlign))
		w(uint16((s.bits + 7) / 8 * 8))
		if s.tag == tagExtensible {
			w(uint16(22))
			w(uint16(s.bits))
			w(uint32(0)) // channel mask: unspecified
			w(s.sub)
			f.Write([]byte{0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71})
		}
		put("fmt ", f.Bytes(), -1)
	}
	if !s.noData {
		size := s.dataSize
		if size == 0 {
			size = -1
		}
		if rf64 {
			size = math.MaxUint32
		}
		put("data", data, size)
	}
	out := b.Bytes()
	riffSize := uint32(min(len(out)-8, math.MaxUint32))
	if rf64 {
		riffSize = math.MaxUint32
	}
	binary.LittleEndian.PutUint32(out[4:], riffSize)
	return out
}

// readSample reads the samples of testdata/sample/episode.wav, a 16 kHz
// mono 16-bit PCM file, with a minimal chunk walk of its own.
func readSample(path string) ([]int16, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(b) < 12 || string(b[:4]) != "RIFF" || string(b[8:12]) != "WAVE" {
		return nil, errors.New("sample is not a RIFF WAVE file")
	}
	var fmtOK bool
	for off := 12; off+8 <= len(b); {
		id := string(b[off : off+4])
		n := int(binary.LittleEndian.Uint32(b[off+4:]))
		body := b[off+8 : min(off+8+n, len(b))]
		switch id {
		case "fmt ":
			if len(body) < 16 || binary.LittleEndian.Uint16(body) != tagPCM || binary.LittleEndian.Uint16(body[2:]) != 1 ||
				binary.LittleEndian.Uint32(body[4:]) != 16000 || binary.LittleEndian.Uint16(body[14:]) != 16 {
				return nil, errors.New("sample is not 16 kHz mono 16-bit PCM")
			}
			fmtOK = true
		case "data":
			if !fmtOK {
				return nil, errors.New("sample has data before fmt")
			}
			out := make([]int16, len(body)/2)
			for i := range out {
				out[i] = int16(binary.LittleEndian.Uint16(body[2*i:]))
			}
			return out, nil
		}
		off += 8 + n + n%2
	}
	return nil, errors.New("sample has no data chunk")
}

// Sample encoders: each returns interleaved frames of the mono samples x
// repeated over ch channels.

func pcm16(x []int16, ch int) []byte {
	out := make([]byte, 0, len(x)*2*ch)
	for _, v := range x {
		for range ch {
			out = binary.LittleEndian.AppendUint16(out, uint16(v))
		}
	}
	return out
}

func pcm8(x []int16, ch int) []byte {
	out := make([]byte, 0, len(x)*ch)
	for _, v := range x {
		for range ch {
			out = append(out, byte(int(v>>8)+128))
		}
	}
	return out
}

func pcm24(x []int16, ch int) []byte {
	out := make([]byte, 0, len(x)*3*ch)
	for _, v := range x {
		s := int32(v) << 8
		for range ch {
			out = append(out, byte(s), byte(s>>8), byte(s>>16))
		}
	}
	return out
}

// float32s encodes the samples as IEEE floats and replaces one sample in
// every `every` (0: none) by NaN, +Inf or -Inf in turn.
func float32s(x []int16, ch, every int) []byte {
	bad := []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1))}
	out := make([]byte, 0, len(x)*4*ch)
	for i, v := range x {
		f := float32(v) / 32768
		if every > 0 && i%every == every-1 {
			f = bad[(i/every)%len(bad)]
		}
		for range ch {
			out = binary.LittleEndian.AppendUint32(out, math.Float32bits(f))
		}
	}
	return out
}

// upsample3 triples the rate of x by linear interpolation (16 → 48 kHz).
func upsample3(x []int16) []int16 {
	out := make([]int16, 0, 3*len(x))
	for i, v := range x {
		next := v
		if i+1 < len(x) {
			next = x[i+1]
		}
		for k := range 3 {
			out = append(out, int16((int(v)*(3-k)+int(next)*k)/3))
		}
	}
	return out
}

// silence returns n zero samples.
func silence(n int) []int16 { return make([]int16, n) }

// music returns n samples at 16 kHz of a melody of chords (no speech): a
// new chord of three harmonics-rich tones every half second.
func music(n int) []int16 {
	notes := []float64{220, 246.94, 261.63, 293.66, 329.63, 349.23, 392, 440}
	out := make([]int16, n)
	for i := range out {
		t := float64(i) / 16000
		k := int(t * 2)
		var v float64
		for j, m := range []float64{1, 1.25, 1.5} {
			f := notes[(k+2*j)%len(notes)] * m
			for h := 1.0; h <= 4; h++ {
				v += math.Sin(2*math.Pi*f*h*t) / (h * 6)
			}
		}
		env := 1 - math.Mod(t*2, 1)*0.6
		out[i] = int16(max(-1, min(1, v*env*0.5)) * 32000)
	}
	return out
}

// noise returns n bytes from a fixed seed.
func noise(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	out := make([]byte, n)
	for i := range out {
		out[i] = byte(r.Uint32())
	}
	return out
}

// mp3Bytes looks like the start of an MP3 file: an ID3v2 tag, then MPEG-1
// layer III frame headers with zeroed payloads.
func mp3Bytes() []byte {
	b := []byte("ID3\x04\x00\x00\x00\x00\x00\x0a")
	b = append(b, make([]byte, 10)...)
	for range 20 {
		frame := make([]byte, 417)
		copy(frame, []byte{0xFF, 0xFB, 0x90, 0x64})
		b = append(b, frame...)
	}
	return b
}

func repeatSamples(x []int16, n int) []int16 {
	out := make([]int16, 0, len(x)*n)
	for range n {
		out = append(out, x...)
	}
	return out
}

func mustWrite(path string, data []byte) error {
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("write test input: %w", err)
	}
	return nil
}
