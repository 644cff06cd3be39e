package align

import (
	"context"
	"math"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/align/acoustic"
)

// refine re-times the words with the acoustic phone models, searching
// within band seconds of where the coarse alignment (the warping path) put
// them (0: acoustic.DefaultBand), or, with a negative band, left to right
// without coarse times (acoustic.AlignSequential). It reports false, leaving
// the words as they are, when the features lack the models' cepstra or the
// model cannot be read.
func refine(ctx context.Context, tr *pipeline.Transcript, f *pipeline.Features, band float64, prep *acoustic.Prepared, warn func(string)) (bool, error) {
	_, ok, err := refineWith(ctx, tr, f, band, prep, warn)
	return ok, err
}

// prepare starts the acoustic search's preparation (acoustic.Prepare:
// loading the models, frames, silence and noise scores) on f, to run while
// the coarse alignment does; nil when f lacks the models' cepstra.
func prepare(f *pipeline.Features) *acoustic.Prepared {
	if !hasAcoustic(f) {
		return nil
	}
	return acoustic.Prepare(f.Acoustic)
}

func hasAcoustic(f *pipeline.Features) bool {
	return f != nil && len(f.Acoustic) > 0 && len(f.Acoustic)/pipeline.AcousticDim == f.Frames() && f.FrameRate == acoustic.FrameRate
}

// refineMatch is the sequential refine (no coarse times); it also returns
// acoustic.MatchScore of the result (how well the transcript fits the
// audio against any phones).
func refineMatch(ctx context.Context, tr *pipeline.Transcript, f *pipeline.Features) (match float64, ok bool, err error) {
	return refineWith(ctx, tr, f, fallbackBand, nil, func(string) {})
}

func refineWith(ctx context.Context, tr *pipeline.Transcript, f *pipeline.Features, band float64, prep *acoustic.Prepared, warn func(string)) (match float64, ok bool, err error) {
	if !hasAcoustic(f) {
		return 0, false, nil
	}
	m, err := acoustic.Load()
	if err != nil {
		warn("the acoustic models could not be read (" + err.Error() + "): word times come from the coarser warping alone")
		return 0, false, nil
	}
	words := make([]acoustic.Word, len(tr.Words))
	for k, w := range tr.Words {
		words[k] = acoustic.Word{Text: w.Text, CoarseStart: w.Start, CoarseEnd: w.End}
	}
	var frames acoustic.Frames
	if prep != nil {
		frames = prep.Frames()
	} else {
		frames = acoustic.NewFrames(f.Acoustic)
	}
	var res []acoustic.Timing
	if band >= 0 {
		res, _, err = acoustic.Align(ctx, m, frames, words, acoustic.Options{Band: band, Prepared: prep})
	} else {
		res, err = acoustic.AlignSequential(ctx, m, frames, words)
	}
	if err != nil {
		return 0, false, err
	}
	for k := range tr.Words {
		r := res[k]
		w := &tr.Words[k]
		switch {
		case r.Spoken && !r.Placed:
			// The search found no path here: the coarse times stand,
			// with the doubt they deserve.
			w.Confidence = min(w.Confidence, unplacedConfidence)
		case r.Spoken:
			w.Start, w.End = r.Start, r.End
			coarse := w.Confidence
			if band < 0 {
				coarse = 1 // the voice-activity spread's doubt says nothing here
			}
			w.Confidence = acousticConfidence(r, coarse)
		default:
			w.Start, w.End = r.Start, r.End
		}
	}
	if band < 0 {
		match = acoustic.MatchScore(m, frames, res)
	}
	return match, true, nil
}

// unplacedConfidence caps the confidence of a word the acoustic search
// could not place.
const unplacedConfidence = 0.3

// edgeConfidence caps the confidence of a word pushed against the band.
const edgeConfidence = 0.45

// acousticConfidence turns a word's acoustic evidence into the chance
// that its start is within 250 ms, fitted on the corpus's real clips and
// renders (16,561 words: within 250 ms for 99.4% of words whose mean gap is
// above −1.5 a frame, 92% at −3, 60% at −6, under 40% below −8). A word
// pushed against the band keeps at most edgeConfidence (5 of 9 such words
// were within 250 ms), one the warping already doubted (coarse, at most
// stretchConfidence: a stretch the transcript does not cover) at most
// stretchConfidence.
func acousticConfidence(r acoustic.Timing, coarse float64) float64 {
	c := 1 / (1 + math.Exp(-(5.5 + 0.85*r.Gap)))
	if r.Edge {
		c = min(c, edgeConfidence)
	}
	if coarse <= stretchConfidence {
		c = min(c, stretchConfidence)
	}
	return math.Round(c*1000) / 1000
}
