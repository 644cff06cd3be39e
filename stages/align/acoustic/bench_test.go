package acoustic

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/shownotes/shownotes/pipeline/testcorpus"
	"github.com/shownotes/shownotes/stages/audio"
)

// BenchmarkAlign times the acoustic search alone on ss45 (17 minutes) when
// rendered, else on the committed sample, one worker, with coarse times
// 100 ms off the truth; it reports codebooks scored per frame.
func BenchmarkAlign(b *testing.B) {
	dir := testcorpus.Rendered("ss45")
	if dir == "" {
		dir = testcorpus.Sample()
	}
	a, err := audio.Decode(context.Background(), filepath.Join(dir, "episode.wav"), audio.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var truth struct {
		Tokens []struct {
			Text       string
			Start, End float64
		}
	}
	raw, err := os.ReadFile(filepath.Join(dir, "truth.json"))
	if err != nil {
		b.Fatal(err)
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		b.Fatal(err)
	}
	m, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := loadDict(m); err != nil {
		b.Fatal(err)
	}
	frames := NewFrames(a.Features.Acoustic)
	var words []Word
	for _, t := range truth.Tokens {
		words = append(words, Word{Text: t.Text, CoarseStart: t.Start + 0.1, CoarseEnd: t.End + 0.1})
	}
	b.ResetTimer()
	var st Stats
	for range b.N {
		_, st, err = Align(context.Background(), m, frames, words, Options{Workers: 1})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(st.CodebookEvals)/float64(st.Frames), "codebooks/frame")
	b.ReportMetric(float64(st.Frames)/FrameRate*float64(b.N)/b.Elapsed().Seconds(), "x-realtime")
}
