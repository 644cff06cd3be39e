package acoustic

import (
	"math/rand"
	"slices"
	"sort"
	"testing"
)

// TestCandidates checks the pruned cluster choice against scoring every
// cluster in full and taking the gsSearch best (ties: the lower index),
// on frames drawn around the model's own means.
func TestCandidates(t *testing.T) {
	m, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(1))
	streams := m.nCB * m.nFeat
	for trial := range 2000 {
		cs := rng.Intn(streams)
		d := rng.Intn(m.nDen)
		var x [13]float32
		for k := range x {
			x[k] = m.means[(cs*m.nDen+d)*13+k] + float32(rng.NormFloat64())*2
		}
		type cl struct {
			c  int
			ll float32
		}
		var all []cl
		for c := range gsClusters {
			g := cs*gsClusters + c
			ll := m.sel.norm[g]
			for k := range 13 {
				dd := x[k] - m.sel.cent[g*13+k]
				ll -= dd * dd * m.sel.halfIV[g*13+k]
			}
			all = append(all, cl{c, ll})
		}
		sort.SliceStable(all, func(i, j int) bool { return all[i].ll > all[j].ll })
		var want []uint8
		for _, c := range all[:gsSearch] {
			want = append(want, m.sel.members[cs*gsClusters+c.c]...)
		}
		got := m.candidates(nil, cs, &x)
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d: candidates(stream %d) = %v, want %v", trial, cs, got, want)
		}
	}
}

// BenchmarkCandidates: the cluster choice of one codebook stream.
func BenchmarkCandidates(b *testing.B) {
	m, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewSource(1))
	xs := make([][13]float32, 1024)
	css := make([]int, len(xs))
	for i := range xs {
		css[i] = rng.Intn(m.nCB * m.nFeat)
		d := rng.Intn(m.nDen)
		for k := range 13 {
			xs[i][k] = m.means[(css[i]*m.nDen+d)*13+k] + float32(rng.NormFloat64())*2
		}
	}
	var dst []uint8
	i := 0
	for b.Loop() {
		dst = m.candidates(dst[:0], css[i%len(xs)], &xs[i%len(xs)])
		i++
	}
}
