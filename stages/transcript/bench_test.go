package transcript

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline/testcorpus"
)

// bigInput repeats the body of the user's seed.txt (plain), or the sample's
// Rev and VTT layouts, to about size bytes.
func bigInput(b *testing.B, layout string, size int) string {
	b.Helper()
	var path string
	switch layout {
	case "plain":
		path = filepath.Join(testcorpus.Root(), "testdata", "seed.txt")
	case "rev":
		path = filepath.Join(testcorpus.Sample(), "transcript_rev.txt")
	case "vtt":
		path = filepath.Join(testcorpus.Sample(), "transcript.vtt")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	s := string(data)
	var head, body string
	switch layout {
	case "plain":
		k := strings.Index(s, "Alex Wang\n\nHi")
		head, body = s[:k], s[k:]
	case "vtt":
		k := strings.Index(s, "\n\n")
		head, body = s[:k+2], s[k+2:]
	default:
		body = s
	}
	var sb strings.Builder
	sb.Grow(size + len(body))
	sb.WriteString(head)
	for sb.Len() < size {
		sb.WriteString(body)
		sb.WriteString("\n\n")
	}
	return sb.String()
}

func BenchmarkParse(b *testing.B) {
	for _, c := range []struct {
		layout string
		mb     int
	}{{"plain", 5}, {"plain", 50}, {"rev", 50}, {"vtt", 50}} {
		b.Run(fmt.Sprintf("%s-%dMB", c.layout, c.mb), func(b *testing.B) {
			in := bigInput(b, c.layout, c.mb<<20)
			b.SetBytes(int64(len(in)))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				tr, err := Parse(strings.NewReader(in), Options{})
				if err != nil || tr.Format != c.layout {
					b.Fatalf("Parse = %v, %v", tr.Format, err)
				}
			}
		})
	}
	b.Run("1MB-line", func(b *testing.B) {
		in := strings.Repeat("word [x ", 1<<17)
		b.SetBytes(int64(len(in)))
		for i := 0; i < b.N; i++ {
			if _, err := Parse(strings.NewReader(in), Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
