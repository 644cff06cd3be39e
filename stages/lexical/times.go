package lexical

import "github.com/shownotes/shownotes/pipeline"

// Timing says where a transcript's word times come from.
type Timing int

const (
	// Untimed: neither audio nor the transcript gives times.
	Untimed Timing = iota
	// Approximate: no audio, but the transcript carries its own times
	// (Rev/Otter stamps, caption starts, Podcasting 2.0 JSON); the words
	// between two stamps are spread evenly between them.
	Approximate
	// Aligned: the words were timed against the audio.
	Aligned
)

func (k Timing) String() string {
	switch k {
	case Aligned:
		return "aligned"
	case Approximate:
		return "approximate"
	}
	return "untimed"
}

// speechRate is the words per second assumed past the last stamp of a
// transcript (150 words a minute).
const speechRate = 2.5

// WordTimes gives every word of t a start time. Words timed against the
// audio keep their Start, and words the aligner left unknown are
// interpolated between their timed neighbours (Aligned). Without any
// aligned word, the transcript's own stamps (Word.Anchor) are used: words
// between two stamps are spread evenly by word count, words before the
// first stamp and after the last one at 150 words a minute (Approximate);
// stamps that go back in time are ignored. A transcript with fewer than two
// increasing stamps is Untimed and WordTimes returns nil.
func WordTimes(t *pipeline.Transcript) ([]float64, Timing) {
	if t == nil || len(t.Words) == 0 {
		return nil, Untimed
	}
	n := len(t.Words)
	v := make([]float64, n)
	known := 0
	for i, w := range t.Words {
		v[i] = w.Start
		if pipeline.Known(w.Start) {
			known++
		}
	}
	if known > 0 {
		Interpolate(v, 0)
		return v, Aligned
	}
	last, stamps := -1.0, 0
	for i, w := range t.Words {
		v[i] = pipeline.NoTime
		if pipeline.Known(w.Anchor) && w.Anchor > last {
			v[i], last = w.Anchor, w.Anchor
			stamps++
		}
	}
	if stamps < 2 {
		return nil, Untimed
	}
	Interpolate(v, speechRate)
	return v, Approximate
}

// Interpolate replaces unknown values by linear interpolation between known
// neighbours. Before the first known value and after the last, values step
// by 1/rate per index (clamped at 0), or repeat the nearest known value when
// rate is 0. At least one value must be known.
func Interpolate(v []float64, rate float64) {
	step := 0.0
	if rate > 0 {
		step = 1 / rate
	}
	prev := -1
	for i := range v {
		if !pipeline.Known(v[i]) {
			continue
		}
		if prev < 0 {
			for j := 0; j < i; j++ {
				v[j] = max(0, v[i]-float64(i-j)*step)
			}
		} else {
			for j := prev + 1; j < i; j++ {
				v[j] = v[prev] + (v[i]-v[prev])*float64(j-prev)/float64(i-prev)
			}
		}
		prev = i
	}
	for j := prev + 1; j < len(v); j++ {
		v[j] = v[prev] + float64(j-prev)*step
	}
}
