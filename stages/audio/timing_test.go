package audio

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/shownotes/shownotes/pipeline/testcorpus"
)

// speechLag decodes dir/episode.wav and returns the shift, in frames, of
// the energy envelope that best separates the words of dir/truth.json from
// the gaps between them, and that separation in dB at shift 0. A decoder
// or resampler that delayed the audio would show a non-zero shift.
func speechLag(t *testing.T, dir string) (lag int, sepDB float64) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var truth struct {
		Tokens []struct{ Start, End float64 } `json:"tokens"`
	}
	if err := json.Unmarshal(b, &truth); err != nil {
		t.Fatal(err)
	}
	a, err := Decode(context.Background(), filepath.Join(dir, "episode.wav"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := a.Features.Frames()
	mask := make([]bool, n)
	for _, tok := range truth.Tokens {
		for f := int(tok.Start*100 + 0.5); f < int(tok.End*100+0.5) && f < n; f++ {
			if f >= 0 {
				mask[f] = true
			}
		}
	}
	sep := func(shift int) float64 {
		var in, out float64
		var nin, nout int
		for f := 30; f < n-30; f++ {
			e := float64(a.Features.Energy[f+shift])
			if mask[f] {
				in += e
				nin++
			} else {
				out += e
				nout++
			}
		}
		if nin == 0 || nout == 0 {
			return 0
		}
		return in/float64(nin) - out/float64(nout)
	}
	best := 0
	for s := -25; s <= 25; s++ {
		if sep(s) > sep(best) {
			best = s
		}
	}
	return best, sep(0)
}

func TestTimingSample(t *testing.T) {
	lag, sep := speechLag(t, testcorpus.Sample())
	if lag < -1 || lag > 1 || sep < 10 {
		t.Errorf("sample: energy best matches the words at a shift of %d frames (separation %.1f dB at 0), want 0±1 frame and ≥ 10 dB", lag, sep)
	}
}

func TestTimingCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("long corpus decode in -short mode")
	}
	for _, name := range []string{"seed", "seed-hard", "ss45"} {
		t.Run(name, func(t *testing.T) {
			dir := testcorpus.NeedRendered(t, name)
			lag, sep := speechLag(t, dir)
			t.Logf("%s: best shift %d frames, separation %.1f dB", name, lag, sep)
			if lag < -1 || lag > 1 {
				t.Errorf("%s: energy best matches the words at a shift of %d frames, want 0±1", name, lag)
			}
		})
	}
}
