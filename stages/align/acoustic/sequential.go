package acoustic

import (
	"context"
	"math"
	"slices"
)

// Sequential search, for when there is no coarse alignment to bound the
// search (no synthesiser), or where the coarse one went wrong: windows of
// seqWords words are searched left to right, each from where the words
// kept from the window before end, over a stretch of audio long enough for
// them at a slow pace; the first seqKeep of them are kept and the next
// window starts at their end.
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
func AlignSequential(ctx context.Context, m *Model, frames Frames, words []Word) ([]Timing, error) {
	d, err := loadDict(m)
	if err != nil {
		return nil, err
	}
	nFrames := frames.Len()
	out := make([]Timing, len(words))
	if nFrames == 0 || len(words) == 0 {
		return out, nil
	}
	prons := make([][]uint8, len(words))
	for k, w := range words {
		prons[k] = d.pronounce(m, w.Text)
	}
	sc := newScorer(m, frames)
	if _, err := sequential(ctx, m, sc, words, prons, 0, 0, nFrames, out, nil); err != nil {
		return nil, err
	}
	for k := range out {
		out[k].Spoken = len(prons[k]) > 0
	}
	fillUnspoken(out)
	return out, nil
}

// sequential places words[k0:] from pos seconds on into out, window after
// window, until done (may be nil) says the words kept so far, up to index
// last, rejoin what is already known; it returns the index after the last
// word it placed.
func sequential(ctx context.Context, m *Model, sc *scorer, words []Word, prons [][]uint8, k0 int, pos float64, nFrames int, out []Timing, done func(last int) bool) (int, error) {
	duration := float64(nFrames) / FrameRate
	win := make([]Word, seqWords)
	k := k0
	for k < len(words) {
		if err := ctx.Err(); err != nil {
			return k, err
		}
		b := min(len(words), k+seqWords)
		span := max(seqMinSpan, seqWordSecs*float64(b-k))
		if b == len(words) {
			span = max(span, duration-pos) // the last window reads to the end
		}
		end := min(duration, pos+span)
		// Every word of the window may be anywhere in it.
		w := win[:b-k]
		for i := range w {
			w[i] = Word{Text: words[k+i].Text, CoarseStart: pos + 0.5, CoarseEnd: end - 0.5}
		}
		res := searchWindow(m, sc, w, prons[k:b], 0, b-k, 0.5, nFrames)
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
		for i := range keep {
			out[k+i] = res[i]
			if res[i].Placed && !bad(res[i]) {
				last = res[i].End
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
		if done != nil && done(k-1) {
			break
		}
	}
	return k, nil
}

// Repair: a run of words that fit badly (a mean gap below badGap a frame)
// is where the coarse alignment went wrong, often by seconds over many
// words (a pause or a noise the warping misread), out of the band's reach.
// From the last well-placed word before it, the run is searched again
// sequentially until repairAgree consecutive well-placed words land
// within anchorSlack of where the banded search put them; the new times
// are kept when they fit better overall.
const (
	badGap      = -6.0
	anchorSlack = 0.1
	repairAgree = 5
	// repairMinRun is the shortest run worth repairing; a lone bad word is
	// usually a mispronunciation, not a misplacement.
	repairMinRun = 2
)

func bad(t Timing) bool { return t.Placed && t.Gap < badGap }

// repair applies the rule above to out (the banded search's timings).
func repair(ctx context.Context, m *Model, sc *scorer, words []Word, prons [][]uint8, out []Timing, nFrames int) {
	for k := 0; k < len(out); k++ {
		if ctx.Err() != nil {
			return
		}
		if !bad(out[k]) {
			continue
		}
		// The run: bad words, possibly with short good stretches.
		end, nBad := k+1, 1
		for j := k + 1; j < len(out) && j-end < 3; j++ {
			if bad(out[j]) {
				end, nBad = j+1, nBad+1
			}
		}
		if nBad < repairMinRun && k > 0 {
			k = end - 1
			continue
		}
		// Start after the last well-placed word before the run.
		start, pos := k, 0.0
		for start > 0 && !(out[start-1].Placed && !bad(out[start-1])) {
			start--
		}
		if start > 0 {
			pos = max(0, out[start-1].End-seqBackoff)
		}
		trial := make([]Timing, len(out))
		agree := func(last int) bool {
			if last < end {
				return false
			}
			run := 0
			for i := last; i >= end && i >= start; i-- {
				if !trial[i].Placed || bad(trial[i]) || !out[i].Placed || math.Abs(trial[i].Start-out[i].Start) > anchorSlack {
					break
				}
				run++
			}
			return run >= repairAgree
		}
		stop, err := sequential(ctx, m, sc, words, prons, start, pos, nFrames, trial, agree)
		if err != nil {
			return
		}
		var before, after float64
		for i := start; i < stop; i++ {
			if out[i].Placed {
				before += out[i].Gap * float64(out[i].Frames)
			} else {
				before += badGap * 10
			}
			if trial[i].Placed {
				after += trial[i].Gap * float64(trial[i].Frames)
			} else {
				after += badGap * 10
			}
		}
		if after > before {
			copy(out[start:stop], trial[start:stop])
		}
		k = max(k, stop-1)
	}
}

// loopGap is a word's mean score a frame below a free loop of all the
// model's phones over the same frames (the best context-independent
// senone of each frame, any phone): near zero or above when its own phones
// explain the audio as well as any could, far below when the audio says
// something else. It scores every codebook over the word's frames, so it
// is meant for a sample of the words.
func loopGap(sc *scorer, t Timing) float64 {
	if !t.Placed || t.Frames == 0 {
		return math.Inf(-1)
	}
	m := sc.m
	n := sc.frames.Len()
	f0 := int(math.Round(t.Start * FrameRate))
	var loop float64
	k := 0
	for f := f0; f < f0+t.Frames && f < n; f++ {
		sc.at(f)
		best := float32(math.Inf(-1))
		for sen := range m.nCISen {
			best = max(best, sc.senone(sen))
		}
		loop += float64(best)
		k++
	}
	if k == 0 {
		return math.Inf(-1)
	}
	return t.Score - loop/float64(k)
}

// matchSample is how many words MatchScore scores at most.
const matchSample = 200

// MatchScore tells whether a transcript is the audio's: the median LoopGap
// of up to matchSample placed words spread over the episode. Measured on
// real-mix: its own transcript −0.7, the same audio pitched down and
// distorted −3.3; another transcript −6.2 (−5.7 distorted).
func MatchScore(m *Model, frames Frames, ts []Timing) float64 {
	var placed []Timing
	for _, t := range ts {
		if t.Placed && t.Frames > 0 {
			placed = append(placed, t)
		}
	}
	if len(placed) == 0 {
		return math.Inf(-1)
	}
	step := max(1, len(placed)/matchSample)
	sc := newScorer(m, frames)
	var gaps []float64
	for i := 0; i < len(placed); i += step {
		gaps = append(gaps, loopGap(sc, placed[i]))
	}
	slices.Sort(gaps)
	return gaps[len(gaps)/2]
}
