package acoustic

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Prepared holds what the search needs before it knows where the words
// are: the model frames and the scores of the silence and noise states at
// every frame (they are in play at every word boundary, so every frame
// needs them). Prepare computes them in the background, while the coarse
// alignment runs on another core.
type Prepared struct {
	done   chan struct{}
	frames Frames
	// filler[t*len(fillSen)+i] is the score of senone fillSen[i] at frame t.
	filler  []float32
	fillIdx []int16 // senone → index in fillSen, −1
	fillSen []int
}

// Prepare starts loading the model and the dictionary and computing the
// model frames of raw cepstra (see Frames) and the silence and noise scores
// of every frame; Frames waits for them. When the model cannot be loaded,
// the scores are left out (Align then scores those states itself, and
// refine reports Load's error).
func Prepare(ceps []float32) *Prepared {
	p := &Prepared{done: make(chan struct{})}
	go func() {
		defer close(p.done)
		p.frames = NewFrames(ceps)
		m, err := Load()
		if err != nil {
			return
		}
		loadDict(m)
		p.fillIdx = make([]int16, m.nSen)
		for i := range p.fillIdx {
			p.fillIdx[i] = -1
		}
		for _, ph := range []int{m.sil, m.Phone("+NSN+"), m.Phone("+SPN+")} {
			if ph < 0 {
				continue
			}
			sens, _ := m.senones(ph)
			for _, s := range sens {
				if p.fillIdx[s] < 0 {
					p.fillIdx[s] = int16(len(p.fillSen))
					p.fillSen = append(p.fillSen, int(s))
				}
			}
		}
		n := p.frames.Len()
		p.filler = make([]float32, n*len(p.fillSen))
		// In chunks on every core: the warping runs beside this on one
		// core and finishes first; the chunks then take both.
		const chunk = 8192
		var next atomic.Int64
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				sc := newScorer(m, p.frames)
				for {
					t0 := int(next.Add(chunk)) - chunk
					if t0 >= n {
						return
					}
					for t := t0; t < min(t0+chunk, n); t++ {
						sc.at(t)
						for i, s := range p.fillSen {
							p.filler[t*len(p.fillSen)+i] = sc.senone(s)
						}
					}
				}
			})
		}
		wg.Wait()
	}()
	return p
}

// Frames waits for the preparation and returns the model frames.
func (p *Prepared) Frames() Frames {
	<-p.done
	return p.frames
}
