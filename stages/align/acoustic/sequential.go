package acoustic

import (
	"context"
)

// Sequential search, for when there is no coarse alignment to bound the
// search (no synthesiser): windows of seqWords words are searched left to
// right, each from where the words kept from the window before end, over
// a stretch of audio long enough for them at a slow pace; the first
// seqKeep of them are kept and the next window starts at their end.
const (
	seqWords = 40
	seqKeep  = 28
	// A word is given at most seqWordSecs seconds at this pace (slow
	// speech with pauses); a window reads at least seqMinSpan seconds.
	seqWordSecs = 0.9
	seqMinSpan  = 20.0
	seqBackoff  = 0.5
)

// AlignSequential times words against model frames without coarse times
// (Word.CoarseStart and CoarseEnd are ignored): see the constants above.
// Its cost is that of Align with a band of a window's length; windows run
// one after another.
func AlignSequential(ctx context.Context, m *Model, frames []float32, words []Word) ([]Timing, error) {
	d, err := loadDict(m)
	if err != nil {
		return nil, err
	}
	nFrames := len(frames) / FrameDim
	out := make([]Timing, len(words))
	if nFrames == 0 || len(words) == 0 {
		return out, nil
	}
	prons := make([][]uint8, len(words))
	for k, w := range words {
		prons[k] = d.pronounce(m, w.Text)
	}
	sc := newScorer(m, frames)
	duration := float64(nFrames) / FrameRate
	pos := 0.0 // where the next window starts (seconds)
	win := make([]Word, len(words))
	for k := 0; k < len(words); {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		b := min(len(words), k+seqWords)
		span := max(seqMinSpan, seqWordSecs*float64(b-k))
		if b == len(words) {
			span = duration - pos // the last window reads to the end
		}
		end := min(duration, pos+span)
		// Every word of the window may be anywhere in it: a band of a
		// hundredth of a second around [pos, end].
		for i := k; i < b; i++ {
			win[i] = Word{Text: words[i].Text, CoarseStart: pos + 0.5, CoarseEnd: end - 0.5}
		}
		res := searchWindow(m, sc, win, prons, k, b, 0.5, nFrames)
		keep := b - k
		if b < len(words) {
			keep = min(keep, seqKeep)
			// Words that fit badly at the end of what is kept are
			// searched again with the next window: a mistake here
			// would start it too late, and a late start cannot be
			// undone.
			for keep > 1 && (!res[keep-1].Placed || bad(res[keep-1])) {
				keep--
			}
		}
		last := -1.0
		for i := k; i < k+keep; i++ {
			out[i] = res[i-k]
			if out[i].Placed && !bad(out[i]) {
				last = out[i].End
			}
		}
		if last > pos {
			// Back off a little: the next window's leading gap absorbs
			// what lies before its first word.
			pos = max(pos, last-seqBackoff)
		} else {
			pos = min(duration, pos+1) // nothing placed well: move on
		}
		k += keep
	}
	for k := range out {
		out[k].Spoken = len(prons[k]) > 0
	}
	fillUnspoken(out)
	return out, nil
}
