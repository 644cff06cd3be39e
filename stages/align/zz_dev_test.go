package align

import (
	"context"
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/audio/features"
)

// devDecode reads 16-bit PCM only (dev harness).
func devDecode(t *testing.T, path string) *pipeline.Audio {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var hdr [12]byte
	io.ReadFull(f, hdr[:])
	var ch, rate, bits int
	for {
		var c [8]byte
		if _, err := io.ReadFull(f, c[:]); err != nil {
			t.Fatal(err)
		}
		size := int64(binary.LittleEndian.Uint32(c[4:]))
		if string(c[:4]) == "fmt " {
			b := make([]byte, size)
			io.ReadFull(f, b)
			ch = int(binary.LittleEndian.Uint16(b[2:]))
			rate = int(binary.LittleEndian.Uint32(b[4:]))
			bits = int(binary.LittleEndian.Uint16(b[14:]))
			continue
		}
		if string(c[:4]) == "data" {
			break
		}
		f.Seek(size+size%2, io.SeekCurrent)
	}
	bps := bits / 8
	rs, _ := features.NewResampler(rate, 16000)
	ex := features.NewExtractor(features.Config{})
	buf := make([]byte, 65536*ch*bps)
	mono := make([]float32, 0, 65536)
	var out []float32
	total := 0
	for {
		n, err := io.ReadFull(f, buf)
		frames := n / (ch * bps)
		mono = mono[:0]
		for i := 0; i < frames; i++ {
			var s float32
			for c := 0; c < ch; c++ {
				o := (i*ch + c) * bps
				var v int32
				switch bps {
				case 2:
					v = int32(int16(binary.LittleEndian.Uint16(buf[o:])))
					s += float32(v) / 32768
				case 3:
					v = int32(uint32(buf[o])<<8|uint32(buf[o+1])<<16|uint32(buf[o+2])<<24) >> 8
					s += float32(v) / 8388608
				case 4:
					s += float32(frombits(binary.LittleEndian.Uint32(buf[o:])))
				}
			}
			mono = append(mono, s/float32(ch))
		}
		total += frames
		out = rs.Process(mono, out[:0])
		ex.Write(out)
		if err != nil {
			break
		}
	}
	out = rs.Flush(out[:0])
	ex.Write(out)
	return &pipeline.Audio{Path: path, SampleRate: rate, Channels: ch, Duration: float64(total) / float64(rate), Features: ex.Features()}
}

func truthTranscript(t *testing.T, path string) *pipeline.Transcript {
	tr, err := ReadTruth(path)
	if err != nil {
		t.Fatal(err)
	}
	out := &pipeline.Transcript{}
	si := 0
	first := 0
	for k, tok := range tr.Tokens {
		for si+1 < len(tr.Sentences) && tok.CharStart >= tr.Sentences[si+1].CharStart {
			out.Sentences = append(out.Sentences, pipeline.Span{First: first, End: k})
			first = k
			si++
		}
		out.Words = append(out.Words, pipeline.Word{Text: tok.Text, Speaker: tok.Speaker, Anchor: pipeline.NoTime})
	}
	out.Sentences = append(out.Sentences, pipeline.Span{First: first, End: len(out.Words)})
	return out
}

func TestDevCorpus(t *testing.T) {
	name := os.Getenv("DEV_EP")
	if name == "" {
		t.Skip()
	}
	dir := "/work/main/.corpus/" + name
	t0 := time.Now()
	a := devDecode(t, filepath.Join(dir, "episode.wav"))
	t1 := time.Now()
	tr := truthTranscript(t, filepath.Join(dir, "truth.json"))
	al, err := Align(context.Background(), tr, a, Options{}, func(s string) { t.Log("warning: " + s) })
	if err != nil {
		t.Fatal(err)
	}
	t2 := time.Now()
	truth, _ := ReadTruth(filepath.Join(dir, "truth.json"))
	var words []TimedWord
	for _, w := range al.Transcript.Words {
		words = append(words, TimedWord{w.Text, w.Start, w.End})
	}
	s := Score(truth, words)
	t.Logf("decode %.1fs align %.1fs  %+v", t1.Sub(t0).Seconds(), t2.Sub(t1).Seconds(), s)
	writeDev(al, "/tmp/dev/"+name+".json")
}
