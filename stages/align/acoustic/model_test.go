package acoustic

import (
	"context"
	"fmt"
	"math"
	"testing"
)

func TestLoad(t *testing.T) {
	m, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if m.nSen != 5126 || m.nCB != 42 || len(m.phones) != 42 || m.phones[m.sil] != "SIL" || len(m.tmat) != 42 {
		t.Errorf("model: %d senones, %d codebooks, phones %v, sil %d, %d transition matrices", m.nSen, m.nCB, m.phones, m.sil, len(m.tmat))
	}
	for i, tm := range m.tmat {
		for j := range m.nEmit {
			var sum float64
			for _, lp := range tm[j*(m.nEmit+1) : (j+1)*(m.nEmit+1)] {
				sum += math.Exp(float64(lp))
			}
			if math.Abs(sum-1) > 1e-4 {
				t.Fatalf("transition matrix %d row %d sums to %v", i, j, sum)
			}
		}
	}
}

func TestTriphone(t *testing.T) {
	m, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	ah, k, t_ := m.Phone("AH"), m.Phone("K"), m.Phone("T")
	tests := []struct {
		name                   string
		base, left, right, pos int
		wantCI                 bool
	}{
		{"AH between K and T inside a word", ah, k, t_, posInternal, false},
		{"a filler has no context", m.Phone("+SPN+"), k, t_, posInternal, true},
		{"SIL has no context", m.sil, k, t_, posInternal, true},
	}
	for _, tc := range tests {
		pid := m.triphone(tc.base, tc.left, tc.right, tc.pos)
		if gotCI := pid < len(m.phones); gotCI != tc.wantCI {
			t.Errorf("%s: triphone = %d, CI %v, want CI %v", tc.name, pid, gotCI, tc.wantCI)
		}
		sens, _ := m.senones(pid)
		for _, s := range sens {
			if int(m.senCB[s]) != tc.base {
				t.Errorf("%s: senone %d scored by codebook %d, want %d", tc.name, s, m.senCB[s], tc.base)
			}
		}
	}
}

// TestFramesDeltas: a linear ramp has constant deltas (4 frames apart)
// and zero second deltas away from the edges, and zero mean cepstra.
func TestFramesDeltas(t *testing.T) {
	const n = 50
	ceps := make([]float32, n*13)
	for i := range n {
		for k := range 13 {
			ceps[i*13+k] = float32(i)
		}
	}
	f := NewFrames(ceps)
	if f.Len() != n {
		t.Fatalf("NewFrames = %d frames, want %d", f.Len(), n)
	}
	mid := make([]float32, FrameDim)
	f.Frame(25, mid)
	if mid[0] != 0.5 || mid[13] != 4 || mid[26] != 0 {
		t.Errorf("frame 25 = c %v, d %v, dd %v; want 0.5, 4, 0", mid[0], mid[13], mid[26])
	}
}

// FuzzModelFiles: the model readers refuse malformed files with an error,
// never a panic.
func FuzzModelFiles(f *testing.F) {
	for _, name := range []string{"mdef", "transition_matrices"} {
		b, err := readGz(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b[:min(len(b), 4096)])
	}
	f.Add([]byte("s3\nendhdr\n\x44\x33\x22\x11\x01\x00\x00\x00"))
	m, err := Load()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		(&Model{}).readMdef(b)
		mm := &Model{nEmit: 3, nSen: m.nSen, nDen: m.nDen, nFeat: m.nFeat}
		mm.readTmat(b)
		mm.readSendump(b)
		(&Model{phones: m.phones}).readGauden(b, b)
	})
}

// Example aligns two spoken words placed by a coarse guess.
func Example() {
	m, err := Load()
	if err != nil {
		fmt.Println(err)
		return
	}
	// Silence: the models' cepstra of a quiet room are all near zero.
	frames := NewFrames(make([]float32, 200*13))
	res, _, err := Align(context.Background(), m, frames, []Word{{Text: "hello,", CoarseStart: 0.5, CoarseEnd: 0.9}, {Text: "—"}}, Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res[0].Spoken, res[0].Placed, res[1].Spoken, res[0].End > res[0].Start)
	// Output: true true false true
}
