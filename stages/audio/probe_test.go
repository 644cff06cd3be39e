package audio

import (
	"math"
	"testing"
)

func TestProbeWAV(t *testing.T) {
	info, err := Probe("../../testdata/sample/episode.wav")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Open("../../testdata/sample/episode.wav")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if info.Format != "wav" || info.MIME != "audio/wav" || info.Size <= 0 || math.Abs(info.Duration-r.Format().Duration) > 1e-9 || info.Duration < 30 {
		t.Errorf("Probe(sample) = %+v, want wav, audio/wav, duration %.3f", info, r.Format().Duration)
	}
	if _, err := Probe("probe.go"); err == nil {
		t.Error("Probe(a Go file) = nil error, want an error")
	}
}
