package feeds

import (
	"bytes"
	"testing"
)

// bigFeed returns a feed of n items.
func bigFeed(b *testing.B, n int) []byte {
	ch, err := NewChannel(testPodcast(), t0)
	if err != nil {
		b.Fatal(err)
	}
	data, _ := ch.XML()
	var items bytes.Buffer
	for i := range n {
		x, err := testItem(n-i).XML("    ", "  ")
		if err != nil {
			b.Fatal(err)
		}
		items.WriteString("    ")
		items.Write(x)
		items.WriteString("\n")
	}
	end := bytes.LastIndex(data, []byte("  </channel>"))
	return append(append(data[:end:end], items.Bytes()...), data[end:]...)
}

func BenchmarkSplice1000(b *testing.B) {
	data := bigFeed(b, 1000)
	it := testItem(500) // a replace in the middle
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := Splice(data, it, t1); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidate1000(b *testing.B) {
	data := bigFeed(b, 1000)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		Validate(data)
	}
}
