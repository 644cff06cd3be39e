package acoustic

import (
	"context"
	"github.com/shownotes/shownotes/stages/lexical"
	"math"
	"runtime"
	"sync"
)

// Word is a transcript word to time, with the interval a coarse alignment
// gave it (seconds): the search looks for it within Options.Band of it.
type Word struct {
	Text                   string
	CoarseStart, CoarseEnd float64
}

// Timing is where the search placed a word.
type Timing struct {
	Start, End float64 // seconds
	// Spoken is false for a token with no sound (punctuation, an
	// unspoken address): Start = End at its neighbour's edge.
	Spoken bool
	// Placed is false for a spoken word the search could not place
	// (no path through its window): Start and End are meaningless, the
	// caller keeps its coarse times.
	Placed bool
	// Evidence for the word's confidence: Gap is the mean per frame of
	// the word's path score below the best state score in the band (≤ 0;
	// near 0 when the word's phones explain its frames best), Edge that
	// the word was pushed against the band's limit (the coarse alignment
	// was probably wrong there), and Frames its length.
	Gap    float64
	Edge   bool
	Frames int
	// Score is the path's mean log-likelihood a frame over the word.
	Score float64
}

// Options tune the search; the zero value is the default.
type Options struct {
	// Band is how far (seconds) from its coarse interval a word may be
	// placed (0: DefaultBand).
	Band float64
	// WindowWords is how many words each window keeps (0: 80), Overlap
	// how many words it also reads on each side and discards (0: 4; 8 and 15 gave the same figures, slower).
	WindowWords, Overlap int
	// Workers is how many windows are searched at once (0: GOMAXPROCS).
	Workers int
	// Prepared, when set, holds the frames' silence and noise scores
	// (Prepare on the same frames).
	Prepared *Prepared
}

// DefaultBand is Options.Band's default.
const DefaultBand = 1.0

// FrameRate is the model's frame rate (frames per second).
const FrameRate = 100

// Penalties (natural log) of the optional units between words: taking a
// silence is almost free, a noise or a filler costs more, so that a word's
// own phones are not given away to it.
const (
	silPenalty    = -1.0
	fillerPenalty = -6.0
)

// Stats describe a search, for the speed figures.
type Stats struct {
	Frames, CodebookEvals int
}

// Align times words against model frames (from Frames). Words whose
// tokens have no sound get Spoken false.
func Align(ctx context.Context, m *Model, frames Frames, words []Word, opts Options) ([]Timing, Stats, error) {
	d, err := loadDict(m)
	if err != nil {
		return nil, Stats{}, err
	}
	if opts.Band <= 0 {
		opts.Band = DefaultBand
	}
	if opts.WindowWords <= 0 {
		opts.WindowWords = 80
	}
	if opts.Overlap <= 0 {
		opts.Overlap = 4
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	nFrames := frames.Len()
	out := make([]Timing, len(words))
	if nFrames == 0 || len(words) == 0 {
		return out, Stats{}, nil
	}
	prons := make([][]uint8, len(words))
	for k, w := range words {
		prons[k] = d.pronounce(m, w.Text)
	}
	type job struct{ a, b, keepA, keepB int }
	var jobs []job
	for keepA := 0; keepA < len(words); keepA += opts.WindowWords {
		keepB := min(len(words), keepA+opts.WindowWords)
		jobs = append(jobs, job{max(0, keepA-opts.Overlap), min(len(words), keepB+opts.Overlap), keepA, keepB})
	}
	var (
		mu    sync.Mutex
		stats = Stats{Frames: nFrames}
		first error
		wg    sync.WaitGroup
		next  = make(chan job)
	)
	for range min(opts.Workers, len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := newScorer(m, frames)
			sc.prep = opts.Prepared
			for j := range next {
				if ctx.Err() != nil {
					continue
				}
				res := searchWindow(m, sc, words, prons, j.a, j.b, opts.Band, nFrames)
				mu.Lock()
				copy(out[j.keepA:j.keepB], res[j.keepA-j.a:j.keepB-j.a])
				mu.Unlock()
			}
			mu.Lock()
			stats.CodebookEvals += sc.cbEvals
			mu.Unlock()
		}()
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, stats, err
	}
	if first != nil {
		return nil, stats, first
	}
	rs := newScorer(m, frames)
	rs.prep = opts.Prepared
	repair(ctx, m, rs, words, prons, out, nFrames)
	for k := range out {
		out[k].Spoken = len(prons[k]) > 0
	}
	fillUnspoken(out)
	return out, stats, nil
}

// fillUnspoken gives each soundless token the end of the spoken word
// before it (or the start of the next).
func fillUnspoken(out []Timing) {
	last := -1.0
	for k := range out {
		if out[k].Spoken {
			if out[k].Placed {
				last = out[k].End
			}
			continue
		}
		t := last
		if t < 0 {
			for j := k + 1; j < len(out); j++ {
				if out[j].Placed {
					t = out[j].Start
					break
				}
			}
		}
		out[k].Start, out[k].End = max(t, 0), max(t, 0)
	}
}

// The search graph: HMM states in topological order (edges go forward,
// besides each state's self loop).
type state struct {
	sen    uint16
	self   float32
	word   int32 // index of the word in the window, −1 for a gap
	preds  []edge
	lo, hi int32 // frames (in the window) where the state may be
}

type edge struct {
	from int32
	lp   float32
}

type unit struct {
	first, last int    // state indices
	exits       []edge // state → exit log prob (from, lp)
}

type graph struct {
	states []state
	starts []int32 // states a path may start in
	ends   []edge  // states a path may end in, with the exit prob
}

// addUnit appends the states of phone pid; word is −1 for gap units.
func (g *graph) addUnit(m *Model, pid int, word int32, lo, hi int32) unit {
	sens, tm := m.senones(pid)
	n := len(sens)
	cols := n + 1
	first := len(g.states)
	for j := range n {
		st := state{sen: sens[j], self: tm[j*cols+j], word: word, lo: lo, hi: hi}
		for i := 0; i < j; i++ {
			if lp := tm[i*cols+j]; !math.IsInf(float64(lp), -1) {
				st.preds = append(st.preds, edge{int32(first + i), lp})
			}
		}
		g.states = append(g.states, st)
	}
	u := unit{first: first, last: first + n - 1}
	for i := range n {
		if lp := tm[i*cols+n]; !math.IsInf(float64(lp), -1) {
			u.exits = append(u.exits, edge{int32(first + i), lp})
		}
	}
	return u
}

// link lets a path leave any of from's exits into to's first state.
func (g *graph) link(from []edge, to unit, penalty float32) {
	st := &g.states[to.first]
	for _, e := range from {
		st.preds = append(st.preds, edge{e.from, e.lp + penalty})
	}
}

// exitsOf turns units' exits into edges carrying penalty.
func exitsOf(penalty float32, us ...unit) []edge {
	var out []edge
	for _, u := range us {
		for _, e := range u.exits {
			out = append(out, edge{e.from, e.lp + penalty})
		}
	}
	return out
}

// gap appends the optional units between two words: silence, then noise
// (breath, cough, click) or speech noise (an unscripted "uh", a word the
// transcript lacks), then silence. It returns the exits a
// following unit links from (including those given: the gap may be empty).
//
// Before a word that is itself a filler ("um" in the transcript) the gap
// has no filler units: they would take the word's own sound.
func (g *graph) gap(m *Model, in []edge, lo, hi int32, fillers bool) []edge {
	sil := m.sil
	s1 := g.addUnit(m, sil, -1, lo, hi)
	g.link(in, s1, silPenalty)
	afterSil := append(append([]edge(nil), in...), exitsOf(0, s1)...)
	var fills []unit
	for _, f := range fillerPhones(m) {
		if !fillers {
			break
		}
		var prev []edge = afterSil
		var last unit
		for i, p := range f {
			u := g.addUnit(m, p, -1, lo, hi)
			if i == 0 {
				g.link(prev, u, fillerPenalty)
			} else {
				g.link(prev, u, 0)
			}
			prev = exitsOf(0, u)
			last = u
		}
		fills = append(fills, last)
	}
	s2 := g.addUnit(m, sil, -1, lo, hi)
	g.link(exitsOf(0, fills...), s2, silPenalty)
	return append(append(afterSil, exitsOf(0, fills...)...), exitsOf(0, s2)...)
}

// fillerPhones are the filler units: each a phone sequence. The model's
// noise and speech-noise phones, as pocketsphinx's grammar in
// research.md; speech noise absorbs an unscripted "uh" or "um". Units for
// "uh" and "um" (AH, AH M) changed no figure on the corpus (real-mix,
// mfa_acoustic_corpus, seed-hard, ss45) and made the 74-minute benchmark
// 40.1 s instead of 31.0 s, so they are left out.
func fillerPhones(m *Model) [][]int {
	var out [][]int
	for _, f := range [][]string{{"+NSN+"}, {"+SPN+"}} {
		var ids []int
		for _, p := range f {
			if id := m.Phone(p); id >= 0 {
				ids = append(ids, id)
			}
		}
		if len(ids) == len(f) {
			out = append(out, ids)
		}
	}
	return out
}

// searchWindow aligns words[a:b] within the frames around their coarse
// times and returns their timings.
func searchWindow(m *Model, sc *scorer, words []Word, prons [][]uint8, a, b int, band float64, nFrames int) []Timing {
	res := make([]Timing, b-a)
	// The window's frames.
	cs, ce := math.Inf(1), math.Inf(-1)
	for k := a; k < b; k++ {
		cs = min(cs, words[k].CoarseStart)
		ce = max(ce, words[k].CoarseEnd)
	}
	f0 := max(0, int((cs-band-0.5)*FrameRate))
	f1 := min(nFrames, int((ce+band+0.5)*FrameRate)+1)
	if f1-f0 < 3 {
		return res
	}
	T := int32(f1 - f0)
	frameOf := func(sec float64) int32 {
		return int32(min(max(math.Round(sec*FrameRate)-float64(f0), 0), float64(T-1)))
	}
	g := &graph{}
	lead := g.gap(m, nil, 0, frameOf(words[a].CoarseEnd+band), !lexical.Hesitation(words[a].Text))
	// The path may start anywhere in the leading gap (the window's first
	// frames may hold the end of a word before it) or in the first word.
	for i := range g.states {
		g.starts = append(g.starts, int32(i))
	}
	prev := lead // exits into the next word
	spoken := false
	prevPhone := -1
	wordFirst := make([]int, b-a)
	for k := a; k < b; k++ {
		ph := prons[k]
		wordFirst[k-a] = len(g.states)
		if len(ph) == 0 {
			continue
		}
		lo := frameOf(words[k].CoarseStart - band)
		hi := frameOf(words[k].CoarseEnd + band)
		nextPhone := -1
		for j := k + 1; j < b; j++ {
			if len(prons[j]) > 0 {
				nextPhone = int(prons[j][0])
				break
			}
		}
		var units []unit
		for i, p := range ph {
			left, right := prevPhone, nextPhone
			if i > 0 {
				left = int(ph[i-1])
			}
			if i+1 < len(ph) {
				right = int(ph[i+1])
			}
			pos := posInternal
			switch {
			case len(ph) == 1:
				pos = posSingle
			case i == 0:
				pos = posBegin
			case i == len(ph)-1:
				pos = posEnd
			}
			pid := m.triphone(int(p), left, right, pos)
			u := g.addUnit(m, pid, int32(k-a), lo, hi)
			if i == 0 {
				g.link(prev, u, 0)
				if !spoken {
					g.starts = append(g.starts, int32(u.first))
				}
			} else {
				g.link(exitsOf(0, units[i-1]), u, 0)
			}
			units = append(units, u)
		}
		prevPhone = int(ph[len(ph)-1])
		spoken = true
		wordExits := exitsOf(0, units[len(units)-1])
		// The gap after a word may start as soon as the word may, and last
		// as long as the next word may end (a pause stretched the coarse
		// times of the words around it).
		gapLo := lo
		gapHi := T - 1
		fillers := true
		for j := k + 1; j < b; j++ {
			if len(prons[j]) > 0 {
				gapHi = frameOf(words[j].CoarseEnd + band)
				fillers = !lexical.Hesitation(words[j].Text)
				break
			}
		}
		prev = g.gap(m, wordExits, gapLo, gapHi, fillers)
	}
	if !spoken {
		return res
	}
	g.ends = prev
	// Monotone band: lo and hi never decrease along the graph.
	var runLo int32
	for i := range g.states {
		runLo = max(runLo, g.states[i].lo)
		g.states[i].lo = runLo
	}
	runHi := T - 1
	for i := len(g.states) - 1; i >= 0; i-- {
		runHi = min(runHi, g.states[i].hi)
		g.states[i].hi = runHi
	}
	path, best := viterbi(sc, g, f0, T, beam)
	if path == nil {
		// The beam lost every path that ends inside the band: search
		// again without it.
		path, best = viterbi(sc, g, f0, T, float32(math.Inf(1)))
	}
	if path == nil {
		return res // the words keep their coarse times
	}
	// Read the words' frames off the path.
	first := make([]int32, b-a)
	last := make([]int32, b-a)
	for i := range first {
		first[i] = -1
	}
	for t, s := range path {
		w := g.states[s].word
		if w < 0 {
			continue
		}
		if first[w] < 0 {
			first[w] = int32(t)
		}
		last[w] = int32(t)
	}
	for i := range res {
		k := a + i
		if first[i] < 0 || len(prons[k]) == 0 {
			continue
		}
		r := &res[i]
		r.Placed = true
		r.Start = float64(int(first[i])+f0) / FrameRate
		r.End = float64(int(last[i])+f0+1) / FrameRate
		r.Frames = int(last[i] - first[i] + 1)
		var gap, path float64
		for t := first[i]; t <= last[i]; t++ {
			gap += float64(best[t].path - best[t].band)
			path += float64(best[t].path)
		}
		r.Gap = gap / float64(r.Frames)
		r.Score = path / float64(r.Frames)
		lo, hi := g.states[wordFirst[i]].lo, g.states[wordFirst[i]].hi
		r.Edge = (first[i] <= lo && lo > 0) || (last[i] >= hi && hi < T-1)
	}
	return res
}

type frameScore struct{ path, band float32 }

// beam is how far (natural log) below the best partial path a state may
// fall before the search drops it: wide enough never to lose the best
// path in practice (a frame's scores spread over tens), narrow enough that
// only a few phones' codebooks are scored each frame.
const beam = 120

// viterbi runs the banded search over frames f0..f0+T of the scorer and
// returns the best path's state per frame and, per frame, the path's
// emission score and the best emission score in the band.
func viterbi(sc *scorer, g *graph, f0 int, T int32, beam float32) ([]int32, []frameScore) {
	S := len(g.states)
	negInf := float32(math.Inf(-1))
	cur := make([]float32, S)
	nxt := make([]float32, S)
	for i := range cur {
		cur[i] = negInf
	}
	// Per frame, the band's state range and back pointers for it.
	lo := make([]int32, T)
	hi := make([]int32, T)
	bpOff := make([]int, T+1)
	// Ranges: states whose [lo, hi] holds t. lo/hi are monotone, so the
	// range is contiguous.
	sLo, sHi := 0, 0
	for t := int32(0); t < T; t++ {
		for sHi < S && g.states[sHi].lo <= t {
			sHi++
		}
		for sLo < sHi && g.states[sLo].hi < t {
			sLo++
		}
		lo[t], hi[t] = int32(sLo), int32(sHi)
		bpOff[t+1] = bpOff[t] + sHi - sLo
	}
	// Per band cell: the back pointer and the state's emission score (kept
	// so that the backtrace need not score the path's frames again).
	bp := make([]int32, bpOff[T])
	emit := make([]float32, bpOff[T])
	bandBest := make([]float32, T)
	isStart := make([]bool, S)
	for _, s := range g.starts {
		isStart[s] = true
	}
	for t := int32(0); t < T; t++ {
		sc.at(f0 + int(t))
		l, h := int(lo[t]), int(hi[t])
		cell := bpOff[t] - l
		// Best way into each state, then emissions only for the states
		// within the beam of the best (the others cannot win).
		maxIn := negInf
		for s := l; s < h; s++ {
			st := &g.states[s]
			best, arg := negInf, int32(-1)
			if t == 0 {
				if isStart[s] {
					best, arg = 0, int32(s)
				}
			} else {
				if v := cur[s] + st.self; v > best {
					best, arg = v, int32(s)
				}
				for _, e := range st.preds {
					if v := cur[e.from] + e.lp; v > best {
						best, arg = v, e.from
					}
				}
			}
			nxt[s] = best
			maxIn = max(maxIn, best)
			bp[cell+s] = arg
		}
		bb := negInf
		floor := maxIn - beam
		for s := l; s < h; s++ {
			if nxt[s] < floor || nxt[s] == negInf {
				nxt[s] = negInf
				continue
			}
			e := sc.senone(int(g.states[s].sen))
			emit[cell+s] = e
			bb = max(bb, e)
			nxt[s] += e
		}
		bandBest[t] = bb
		// States that left the band are dead.
		if t > 0 {
			for s := int(lo[t-1]); s < l; s++ {
				nxt[s] = negInf
			}
		}
		for s := l; s < h; s++ {
			cur[s] = nxt[s]
		}
		if t > 0 {
			for s := int(lo[t-1]); s < l; s++ {
				cur[s] = negInf
			}
		}
	}
	// Best end.
	end, endScore := int32(-1), negInf
	for _, e := range g.ends {
		s := int(e.from)
		if s >= int(lo[T-1]) && s < int(hi[T-1]) {
			if v := cur[s] + e.lp; v > endScore {
				end, endScore = int32(s), v
			}
		}
	}
	if end < 0 || math.IsInf(float64(endScore), -1) {
		return nil, nil
	}
	path := make([]int32, T)
	scores := make([]frameScore, T)
	s := end
	for t := T - 1; t >= 0; t-- {
		path[t] = s
		idx := int(s - lo[t])
		if idx < 0 || bpOff[t]+idx >= bpOff[t+1] {
			return nil, nil
		}
		scores[t] = frameScore{emit[bpOff[t]+idx], bandBest[t]}
		s = bp[bpOff[t]+idx]
		if s < 0 {
			break
		}
	}
	return path, scores
}
