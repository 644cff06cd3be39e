package align

import (
	"fmt"
	"math"
	"testing"
)

func TestLongestIncreasing(t *testing.T) {
	tests := []struct {
		in, want []anchor
	}{
		{nil, nil},
		{[]anchor{{1, 10}, {2, 20}, {3, 30}}, []anchor{{1, 10}, {2, 20}, {3, 30}}},
		// A second copy's times start again from zero: dropped.
		{[]anchor{{1, 10}, {2, 20}, {3, 5}, {4, 30}}, []anchor{{1, 10}, {2, 20}, {4, 30}}},
		// Two words at the same column cannot both be kept: the one
		// nearer the diagonal is.
		{[]anchor{{1, 10}, {1, 12}, {2, 20}}, []anchor{{1, 10}, {2, 20}}},
		// A transcript pasted twice: both copies' times are increasing
		// runs of the same length; the one on the diagonal wins.
		{[]anchor{{10, 10}, {20, 20}, {60, 10}, {70, 20}}, []anchor{{10, 10}, {20, 20}}},
	}
	diag := func(a anchor) float64 { return math.Abs(float64(a.row - a.col)) }
	for _, tc := range tests {
		got := longestIncreasing(tc.in, diag)
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("longestIncreasing(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestGuidedBandFollowsAnchors(t *testing.T) {
	// A 100-row, 50-column grid with an anchor at row 60, column 10 (a
	// long intro): the band's centre passes through it.
	b := guidedBand(100, 50, 2, 1, []anchor{{col: 10, row: 60}})
	if b.lo[60] > 10 || b.hi[60] < 10 || b.hi[60]-b.lo[60] > 4 {
		t.Errorf("guidedBand row 60 = [%d,%d], want a narrow range around 10", b.lo[60], b.hi[60])
	}
	for i := 1; i < 100; i++ {
		if b.lo[i] < b.lo[i-1] || b.hi[i] < b.hi[i-1] {
			t.Fatalf("guidedBand not monotone at row %d", i)
		}
	}
}

func TestConstrain(t *testing.T) {
	b := diagonalBand(10, 10, 9) // every cell
	b = constrain(b, []anchor{{col: 5, row: 5}}, 1, 1)
	for i := 0; i < 4; i++ {
		if b.hi[i] > 4 {
			t.Errorf("row %d reaches column %d before the anchor's window, want ≤ 4", i, b.hi[i])
		}
	}
	for i := 7; i < 10; i++ {
		if b.lo[i] < 5 {
			t.Errorf("row %d starts at column %d after the anchor's window, want ≥ 5", i, b.lo[i])
		}
	}
	// The DTW path then passes column 5 within rows 4..6.
	a := seq(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)
	c := seq(0, 0, 0, 0, 0, 0, 0, 0, 0, 9) // no evidence of where 5 is
	path, _ := dtw(a, c, b, dtwOptions{})
	for _, p := range path {
		if p.j == 5 && (p.i < 4 || p.i > 6) {
			t.Errorf("path reaches column 5 at row %d, want 4..6", p.i)
		}
	}
}
