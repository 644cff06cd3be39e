//go:build !cgo

package align

import "errors"

// ErrNoSynth is returned when no speech synthesiser can be loaded.
var ErrNoSynth = errors.New("espeak-ng not available")

type espeak struct{ rate int }

type wordEvent struct {
	Pos int
	Ms  int
}

func loadEspeak() (*espeak, error) {
	return nil, errors.New("espeak-ng not available: shownotes was built without cgo (rebuild with CGO_ENABLED=1)")
}

func (e *espeak) setRate(int) {}

func (e *espeak) synth(string) ([]float32, []wordEvent, error) { return nil, nil, ErrNoSynth }
