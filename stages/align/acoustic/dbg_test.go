package acoustic

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/shownotes/shownotes/stages/audio"
)

func TestDbgSpeed(t *testing.T) {
	dir := os.Getenv("DBG_DIR")
	if dir == "" {
		t.Skip()
	}
	a, err := audio.Decode(context.Background(), dir+"/episode.wav", audio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var tr struct {
		Tokens []struct {
			Text       string
			Start, End float64
		}
	}
	b, _ := os.ReadFile(dir + "/truth.json")
	json.Unmarshal(b, &tr)
	m, _ := Load()
	loadDict(m)
	fr := Frames(a.Features.Acoustic)
	var words []Word
	for _, x := range tr.Tokens {
		words = append(words, Word{Text: x.Text, CoarseStart: x.Start + 0.1, CoarseEnd: x.End + 0.1})
	}
	band := 1.0
	if b := os.Getenv("DBG_BAND"); b != "" {
		fmt.Sscan(b, &band)
	}
	t0 := time.Now()
	_, st, err := Align(context.Background(), m, fr, words, Options{Workers: 1, Band: band})
	t.Log(st, len(words), err, time.Since(t0))
}
