package lexical

import (
	"math"
	"reflect"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
)

func TestWordTimes(t *testing.T) {
	nan := pipeline.NoTime
	for _, tc := range []struct {
		name           string
		starts, anchor []float64
		want           []float64
		timing         Timing
	}{
		{"aligned, gaps interpolated", []float64{1, nan, 3, nan}, []float64{nan, nan, nan, nan}, []float64{1, 2, 3, 3}, Aligned},
		{"aligned wins over stamps", []float64{1, 2, 3, 4}, []float64{0, nan, 50, nan}, []float64{1, 2, 3, 4}, Aligned},
		{"stamps spread evenly, 150 wpm past the ends", []float64{nan, nan, nan, nan, nan, nan}, []float64{nan, 10, nan, nan, 16, nan}, []float64{9.6, 10, 12, 14, 16, 16.4}, Approximate},
		{"stamps going back are ignored", []float64{nan, nan, nan}, []float64{10, 5, 20}, []float64{10, 15, 20}, Approximate},
		{"one stamp is not enough", []float64{nan, nan}, []float64{3, nan}, nil, Untimed},
		{"none", []float64{nan, nan}, []float64{nan, nan}, nil, Untimed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := &pipeline.Transcript{}
			for i := range tc.starts {
				tr.Words = append(tr.Words, pipeline.Word{Text: "w", Start: tc.starts[i], End: nan, Anchor: tc.anchor[i]})
			}
			got, timing := WordTimes(tr)
			if timing != tc.timing || len(got) != len(tc.want) {
				t.Fatalf("WordTimes = %v, %v; want %v, %v", got, timing, tc.want, tc.timing)
			}
			for i := range got {
				if math.Abs(got[i]-tc.want[i]) > 1e-9 {
					t.Fatalf("WordTimes = %v; want %v", got, tc.want)
				}
			}
		})
	}
	if got, timing := WordTimes(nil); got != nil || timing != Untimed {
		t.Errorf("WordTimes(nil) = %v, %v", got, timing)
	}
}

func TestInterpolate(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name string
		in   []float64
		rate float64
		want []float64
	}{
		{"gaps, edges repeat", []float64{nan, 2, nan, 4, nan}, 0, []float64{2, 2, 3, 4, 4}},
		{"edges step at rate, clamped at 0", []float64{nan, nan, 1, nan, 3, nan}, 2, []float64{0, 0.5, 1, 2, 3, 3.5}},
		{"all known", []float64{1, 2}, 0, []float64{1, 2}},
	} {
		v := append([]float64(nil), tc.in...)
		Interpolate(v, tc.rate)
		if !reflect.DeepEqual(v, tc.want) {
			t.Errorf("%s: Interpolate(%v, %v) = %v, want %v", tc.name, tc.in, tc.rate, v, tc.want)
		}
	}
}
