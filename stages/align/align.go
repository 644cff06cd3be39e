package align

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/align/acoustic"
	"github.com/shownotes/shownotes/stages/audio/features"
)

// Options tune the aligner. The zero value is the tuned default.
type Options struct {
	// WPM is the synthetic speech rate in words per minute (0: 175).
	WPM int
	// ChunkWords is about how many words are synthesised at once (0: 200);
	// chunks end at sentence ends, so memory stays bounded whatever the
	// episode's length.
	ChunkWords int
	// NoSynth forces the pure-Go fallback (voice activity and syllable
	// counts), as when eSpeak NG is missing.
	NoSynth bool
	// NoAcoustic keeps the warping's word times, without the acoustic
	// phone models' search (the method before them, for comparison).
	NoAcoustic bool
}

// ErrNoMatch is returned when the transcript matches none of the audio.
var ErrNoMatch = errors.New("transcript does not match the audio")

// Align times every word of tr against the audio's features. The returned
// alignment holds a copy of tr with Start, End and Confidence set; tr is not
// modified. warn receives warnings (may be nil). It is Speak followed by
// AlignSpeech.
func Align(ctx context.Context, tr *pipeline.Transcript, a *pipeline.Audio, opts Options, warn func(string)) (*pipeline.Alignment, error) {
	var sp *Speech
	if a != nil && len(tr.Words) > 0 {
		var err error
		if sp, err = Speak(ctx, tr, opts); err != nil {
			return nil, err
		}
	}
	return AlignSpeech(ctx, tr, a, sp, warn)
}

// Speech is the transcript spoken by the synthesiser, as the aligner reads
// it: normalised frames and where each word starts among them.
type Speech struct {
	frames *matrix
	start  []int // word k's first frame
	// noAcoustic keeps the warping's times (Options.NoAcoustic).
	noAcoustic bool
	// Err says why there is no synthetic speech (eSpeak NG missing, or
	// not asked for); the aligner then falls back.
	Err error
}

// errNoSynthAsked is Speech.Err when Options.NoSynth is set.
var errNoSynthAsked = errors.New("synthesis turned off")

// Speak synthesises the transcript's words with eSpeak NG, in chunks of
// sentences, into normalised frames. A missing synthesiser is not an error:
// the returned Speech says so in Err.
func Speak(ctx context.Context, tr *pipeline.Transcript, opts Options) (*Speech, error) {
	if opts.NoSynth {
		return &Speech{Err: errNoSynthAsked, noAcoustic: opts.NoAcoustic}, nil
	}
	syn, err := loadEspeak()
	if err != nil {
		return &Speech{Err: err, noAcoustic: opts.NoAcoustic}, nil
	}
	s, err := synthesise(ctx, syn, tr, opts)
	if err != nil {
		return nil, err
	}
	return &Speech{frames: normalise(s.feats), start: s.start, noAcoustic: opts.NoAcoustic}, nil
}

// AlignSpeech times every word of tr against the audio's features using the
// synthetic speech sp (from Speak on the same transcript; nil or without
// frames: the voice-activity fallback).
func AlignSpeech(ctx context.Context, tr *pipeline.Transcript, a *pipeline.Audio, sp *Speech, warn func(string)) (*pipeline.Alignment, error) {
	if warn == nil {
		warn = func(string) {}
	}
	out := copyTranscript(tr)
	al := &pipeline.Alignment{Transcript: out}
	if a == nil {
		al.Method = "none"
		return al, nil
	}
	al.Duration = a.Duration
	al.Timed = true
	feats := a.Features
	if feats == nil || feats.Frames() < 10 {
		return nil, fmt.Errorf("audio too short to align (%.2f s)", a.Duration)
	}
	if len(out.Words) == 0 {
		return al, nil
	}
	real := normalise(feats)
	vad := newVAD(feats.Energy)
	if !vad.hasSpeech() {
		warn("the audio seems to hold no speech (its loudness hardly varies): word times are spread evenly and have zero confidence")
		spreadEvenly(out.Words, 0, a.Duration)
		al.Method = "none"
		return al, nil
	}
	if sp == nil || sp.frames == nil || len(sp.start) != len(out.Words) {
		acousticOK := sp == nil || !sp.noAcoustic
		if sp != nil && sp.Err != nil && !errors.Is(sp.Err, errNoSynthAsked) {
			if acousticOK {
				warn(sp.Err.Error() + "; aligning with the acoustic models alone, searching from the start")
			} else {
				warn(sp.Err.Error() + "; falling back to a less precise alignment from voice activity")
			}
		}
		al.Method = "vad-fallback"
		vadAlign(out, vad, feats.FrameRate)
		if !acousticOK {
			return al, nil
		}
		// The acoustic models need no synthesiser: they search left to
		// right from the start, and how many words fit tells whether the
		// transcript is this audio's.
		match, ok, err := refineMatch(ctx, out, feats)
		if err != nil {
			return nil, err
		}
		if ok {
			al.Method = "acoustic-vad"
			if match < minMatch {
				// A warning, not a refusal: a voice far from those the
				// models learnt (ss45's synthetic one: −5.0) scores as
				// low as another transcript on real speech (−6.2).
				warn(fmt.Sprintf("the transcript's words fit the audio poorly (%.1f a frame below any phones, usually above %.1f): is it this episode's transcript? Word times may be unreliable", -match, -minMatch))
			}
		}
		return al, nil
	}
	al.Method = "espeak-dtw"
	b := sp.frames
	short := shortAudio(out, sp.start, b.n, vad, feats.FrameRate, a.Duration, warn)
	var prep *acoustic.Prepared
	if !sp.noAcoustic {
		prep = prepare(feats) // on another core, while the warping runs
	}
	anchors := anchorsOf(out, sp.start, b.n, feats.FrameRate, real.n, warn)
	path, costs, err := multiscale(ctx, real, b, anchors, int(anchorTolerance*feats.FrameRate))
	if err != nil {
		return nil, err
	}
	place(out, sp.start, b.n, path, vad, feats.FrameRate)
	untranscribed(path, vad, feats.FrameRate, warn)
	if err := judge(out, al, vad, feats.FrameRate, real, b, path, costs, warn); err != nil {
		// The synthetic voice matched none of the audio. A voice far from
		// it (hoarse, distorted, a phone line) can do that to a right
		// transcript: the acoustic models, trained on real voices, have
		// the last word.
		if !errors.Is(err, ErrNoMatch) || sp.noAcoustic {
			return nil, err
		}
		return acousticRescue(ctx, tr, a, al, err, warn)
	}
	checkAnchors(out, warn)
	unstretch(out, sp.start, b.n, vad, feats.FrameRate)
	trailingSpeech(out, vad, feats.FrameRate, a.Duration, warn)
	if !sp.noAcoustic {
		ok, err := refine(ctx, out, feats, 0, prep, warn)
		if err != nil {
			return nil, err
		}
		if ok {
			al.Method = "acoustic"
		}
	}
	for i := short; i < len(out.Words); i++ {
		out.Words[i].Confidence = min(out.Words[i].Confidence, shortConfidence)
	}
	return al, nil
}

// minMatch is the least acoustic.MatchScore of a transcript that is the
// audio's: between real-mix distorted (−3.3) and another transcript on it
// (−5.7 distorted, −6.2 clean). A synthetic voice far from real ones can
// score lower with its own transcript (ss45: −5.0), so below it the
// acoustic search alone only warns; after the warping found no match, it
// does not overrule it.
const minMatch = -4.5

// acousticRescue aligns tr with the acoustic models alone, searching left
// to right, after the warping found no match (noMatch): the result stands,
// with a warning, when its words fit the audio (acoustic.MatchScore at
// least minMatch); otherwise noMatch is returned.
func acousticRescue(ctx context.Context, tr *pipeline.Transcript, a *pipeline.Audio, al *pipeline.Alignment, noMatch error, warn func(string)) (*pipeline.Alignment, error) {
	out := copyTranscript(tr)
	match, ok, err := refineMatch(ctx, out, a.Features)
	if err != nil {
		return nil, err
	}
	if !ok || match < minMatch {
		return nil, noMatch
	}
	warn("the voice is far from the synthetic one the coarse alignment compares it with (hoarse, distorted, a phone line?), which matched none of it; the acoustic models, trained on real voices, find the transcript's words in it, so their times are used")
	al.Transcript = out
	al.Method = "acoustic-vad"
	return al, nil
}

// fallbackBand asks refine for the sequential search: the voice-activity
// spread drifts by tens of seconds over an episode, too far for a band.
const fallbackBand = -1

// A word the warping stretched over far more audio than its synthetic
// speech lasts (over stretchMin seconds and stretchRatio times it) has
// swallowed speech the transcript does not have (the rest of a transcript
// that covers only the start, an unscripted aside): its end is brought back
// to what it could last and its confidence capped at stretchConfidence.
const (
	stretchMin        = 2.0
	stretchRatio      = 4.0
	stretchConfidence = 0.3
)

// unstretch applies the rule above; synthStart holds each word's first
// synthetic frame, synthFrames their count. The word after a stretched one,
// when over a second of speech lies between them, is as
// uncertain: where the transcript stops covering the audio, it is placed
// somewhere in speech it does not match.
func unstretch(tr *pipeline.Transcript, synthStart []int, synthFrames int, v *vad, frameRate float64) {
	for k := range tr.Words {
		w := &tr.Words[k]
		if !pipeline.Known(w.Start) || !pipeline.Known(w.End) || k >= len(synthStart) {
			continue
		}
		next := synthFrames
		if k+1 < len(synthStart) {
			next = synthStart[k+1]
		}
		synth := float64(next-synthStart[k]) / frameRate
		if d := w.End - w.Start; d > stretchMin && d > stretchRatio*synth {
			w.End = w.Start + max(1.5*synth+0.3, 0.3)
			w.Confidence = min(w.Confidence, stretchConfidence)
			if k+1 < len(tr.Words) && pipeline.Known(tr.Words[k+1].Start) && speechBetween(v, w.End, tr.Words[k+1].Start, frameRate) > 1 {
				tr.Words[k+1].Confidence = min(tr.Words[k+1].Confidence, stretchConfidence)
			}
		}
	}
}

// speechBetween is the seconds of voice activity between two times.
func speechBetween(v *vad, from, to, frameRate float64) float64 {
	n := 0
	for i := max(int(from*frameRate), 0); i < min(int(to*frameRate), len(v.speech)); i++ {
		if v.speech[i] {
			n++
		}
	}
	return float64(n) / frameRate
}

// minUntranscribed is the shortest stretch, in seconds, reported as speech
// the transcript does not cover (half of it must be voice activity): 30 s,
// or a quarter of a short episode, 10 s at the least.
func minUntranscribed(duration float64) float64 { return max(10, min(30, duration/4)) }

// trailingSpeech warns, in the words of untranscribed, when the audio goes
// on speaking well after the transcript's last confidently placed word: a
// transcript that covers only the start.
func trailingSpeech(tr *pipeline.Transcript, v *vad, frameRate, duration float64, warn func(string)) {
	last := pipeline.NoTime
	for k := len(tr.Words) - 1; k >= 0; k-- {
		if pipeline.Known(tr.Words[k].End) && tr.Words[k].Confidence > stretchConfidence {
			last = tr.Words[k].End
			break
		}
	}
	if !pipeline.Known(last) {
		return
	}
	if least := minUntranscribed(duration); duration-last >= least && speechBetween(v, last, duration, frameRate) >= least/2 {
		s := speechBetween(v, last, duration, frameRate)
		warn(fmt.Sprintf("the audio from %s to %s has speech the transcript does not cover (%.0f s of it)", clock(last), clock(duration), s))
	}
}

// Audio that holds far less speech than the transcript needs is cut short
// (a truncated or still-growing file, the wrong take), or the transcript
// runs past it. The transcript's synthetic speech and the audio's speech
// (voice activity) last within 0.65–1.2× of each other on every real clip,
// mix and render of the corpus; past shortRatio the words the audio cannot
// hold are reported, and their confidence is capped at shortConfidence.
const (
	shortRatio      = 1.5
	shortConfidence = 0.2
)

// shortAudio warns when the audio's speech is too short for the transcript
// and returns the index of the first word the audio cannot hold at the
// transcript's own pace (len(words) when it can hold them all).
func shortAudio(tr *pipeline.Transcript, synthStart []int, synthFrames int, v *vad, frameRate, duration float64, warn func(string)) int {
	speech := 0
	for _, x := range v.speech {
		if x {
			speech++
		}
	}
	if speech == 0 || float64(synthFrames) <= shortRatio*float64(speech) {
		return len(tr.Words)
	}
	// At the synthetic voice's pace the audio's speech reaches this far
	// into the transcript; the words after it are not claimed.
	reach := speech
	k := sort.SearchInts(synthStart, reach)
	if k >= len(tr.Words) {
		return len(tr.Words)
	}
	warn(fmt.Sprintf("the audio (%.1f s, %.0f s of speech) is much shorter than the transcript needs (about %.0f s of speech): it may be cut short; words from %q (word %d of %d) on are probably not in it and have low confidence",
		duration, float64(speech)/frameRate, float64(synthFrames)/frameRate/1.1, tr.Words[k].Text, k+1, len(tr.Words)))
	return k
}

func copyTranscript(tr *pipeline.Transcript) *pipeline.Transcript {
	c := *tr
	c.Words = make([]pipeline.Word, len(tr.Words))
	copy(c.Words, tr.Words)
	for i := range c.Words {
		c.Words[i].Start, c.Words[i].End, c.Words[i].Confidence = pipeline.NoTime, pipeline.NoTime, 0
	}
	return &c
}

// synthetic is the transcript spoken by the synthesiser.
type synthetic struct {
	feats *pipeline.Features
	// start[k] is word k's first frame in the synthetic audio.
	start []int
}

// speakable turns a transcript token into what the synthesiser should read.
// A web address that is written, not said (see unspokenURL: show notes
// pasted into a transcript, a tracking link) is not spoken, so that its
// long synthetic reading does not push its neighbours off.
func speakable(w string) string {
	if unspokenURL(w) {
		return ""
	}
	var b strings.Builder
	for _, r := range w {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case r == '\'' || r == '’' || r == '-' || r == '.' || r == ',' || r == '?' || r == '!' || r == '%' || r == '$' || r == '&':
			b.WriteRune(r)
		}
	}
	s := b.String()
	if strings.Trim(s, ".,?!-'’") == "" {
		return ""
	}
	return s
}

// unspokenURL reports a token that is a written-out web address rather
// than a spoken one: with a scheme ("https://…"), a query or fragment
// ("…?utm_source=…"), or over 40 characters. A short address with a path is
// often read out in a sponsor read ("oneschema.co/lenny") and stays spoken.
func unspokenURL(w string) bool {
	l := strings.ToLower(strings.Trim(w, "()[]<>\"'.,;:!"))
	if strings.Contains(l, "://") || strings.HasPrefix(l, "mailto:") {
		return true
	}
	if !strings.Contains(l, ".") {
		return false
	}
	return strings.ContainsAny(l, "?=&#") || (len(l) > 40 && strings.Contains(l, "/"))
}

func synthesise(ctx context.Context, syn *espeak, tr *pipeline.Transcript, opts Options) (*synthetic, error) {
	wpm := opts.WPM
	if wpm == 0 {
		wpm = 175
	}
	chunk := opts.ChunkWords
	if chunk == 0 {
		chunk = 200
	}
	syn.setRate(wpm)
	words := tr.Words
	s := &synthetic{start: make([]int, len(words))}
	for k := range s.start {
		s.start[k] = -1
	}
	fcfg := features.Config{}
	var data, energy []float32
	var dim int
	frameRate := 100.0
	sentEnd := make([]bool, len(words))
	for _, sp := range tr.Sentences {
		if sp.End > 0 && sp.End <= len(words) {
			sentEnd[sp.End-1] = true
		}
	}
	for first := 0; first < len(words); {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		last := first
		for last < len(words) && (last-first < chunk || !sentEnd[last-1]) && last-first < 3*chunk {
			last++
		}
		// Build the chunk's text and each word's rune offset.
		var sb strings.Builder
		pos := make([]int, 0, last-first)
		runes := 0
		for k := first; k < last; k++ {
			t := speakable(words[k].Text)
			pos = append(pos, runes)
			if t == "" {
				continue
			}
			sb.WriteString(t)
			sb.WriteByte(' ')
			runes += len([]rune(t)) + 1
		}
		frameOff := 0
		if dim > 0 {
			frameOff = len(data) / dim
		}
		samples, events, err := syn.synth(sb.String())
		if err != nil {
			return nil, err
		}
		f, err := features.Compute(samples, syn.rate, fcfg)
		if err != nil {
			return nil, fmt.Errorf("features of synthetic speech: %w", err)
		}
		dim = f.Dim
		frameRate = f.FrameRate
		data = append(data, f.Data...)
		energy = append(energy, f.Energy...)
		nf := f.Frames()
		// Map each event to the word holding its character.
		for _, ev := range events {
			p := ev.Pos - 1
			k := sort.Search(len(pos), func(x int) bool { return pos[x] > p }) - 1
			if k < 0 {
				continue
			}
			if s.start[first+k] < 0 {
				fr := int(math.Round(float64(ev.Ms) * frameRate / 1000))
				if fr >= nf {
					fr = nf - 1
				}
				s.start[first+k] = frameOff + fr
			}
		}
		// Words without an event (punctuation-only tokens) take the
		// next word's start, or the chunk's end.
		next := frameOff + nf - 1
		for k := last - 1; k >= first; k-- {
			if s.start[k] < 0 || s.start[k] > next {
				s.start[k] = next
			}
			next = s.start[k]
		}
		first = last
	}
	s.feats = &pipeline.Features{FrameRate: frameRate, Dim: dim, Data: data, Energy: energy}
	return s, nil
}

// normalise gives each cepstral coefficient zero mean and unit variance over
// the sequence, weighs C0 (loudness, whose contour marks pauses but whose
// level differs between voices) by c0Weight, appends deltas (the slope over
// ±2 frames), which mark the transitions between sounds, and stores the
// result as int8 in units of 1/qscale: 26 bytes a frame instead of 104, so a
// 3-hour episode's frames take 28 MB.
//
// Measured on the corpus (seed-hard word p95 / share within 250 ms / sentence
// p95): C1..C12 alone 287 ms / 94.5% / 552 ms; with deltas 256 / 94.9% /
// 142; with deltas and C0 at full weight 209 / 95.7% / 635; with C0 at half
// weight 243 / 95.1% / 243. A 3 s sliding mean instead of the global one
// lost (616 / 92.8%).
func normalise(f *pipeline.Features) *matrix {
	n, dim := f.Frames(), f.Dim
	mean := make([]float64, dim)
	sq := make([]float64, dim)
	for i := 0; i < n; i++ {
		for d, v := range f.Frame(i) {
			mean[d] += float64(v)
			sq[d] += float64(v) * float64(v)
		}
	}
	scale := make([]float32, dim)
	mean32 := make([]float32, dim)
	for d := range mean {
		mean[d] /= float64(max(n, 1))
		v := sq[d]/float64(max(n, 1)) - mean[d]*mean[d]
		if v < 1e-9 {
			v = 1e-9
		}
		scale[d] = float32(1 / math.Sqrt(v))
		mean32[d] = float32(mean[d])
	}
	scale[0] *= c0Weight
	norm := func(i, d int) float32 { return (f.Data[i*dim+d] - mean32[d]) * scale[d] }
	m := &matrix{n: n, dim: 2 * dim, data: make([]int8, n*2*dim)}
	for i := 0; i < n; i++ {
		lo, hi := max(i-2, 0), min(i+2, n-1)
		dst := m.row(i)
		for d := 0; d < dim; d++ {
			dst[d] = quantise(norm(i, d))
			dst[dim+d] = quantise(0.5 * (norm(hi, d) - norm(lo, d)))
		}
	}
	return m
}

// c0Weight scales the normalised C0.
const c0Weight = 0.5

// qscale is the int8 units per standard deviation of a normalised
// coefficient (±6.3 standard deviations fit).
const qscale = 20

func quantise(v float32) int8 {
	q := math.Round(float64(v * qscale))
	if q > 127 {
		q = 127
	} else if q < -127 {
		q = -127
	}
	return int8(q)
}

// multiscale runs DTW coarse to fine: 320 ms frames in a wide band around
// the line through the transcript's own times (anchors; the diagonal when
// it has none), each anchored word kept within tol frames of its time, then 40 ms and 10 ms frames in narrow bands around the
// coarser path, so memory and time stay linear in the episode's length.
func multiscale(ctx context.Context, a, b *matrix, anchors []anchor, tol int) ([]cell, []float32, error) {
	// The margins around the coarser path: 1.28 s at the 40 ms level
	// and 120 ms at the 10 ms level. Measured (word p95 / within 250 ms,
	// ss45 with its voice far from eSpeak's; seed-hard): margins of 400 ms
	// and 80 ms gave 253 ms / 94.9% and 243 ms / 95.1%; 1 s and 80 ms gave
	// 201 ms / 96.8% and 152 ms / 96.8%; wider gained little more. A
	// 160 ms coarse level instead of 320 ms gained less and cost more.
	const k0, k1, r1, r2 = 32, 4, 32, 12
	a0, b0 := a.decimate(k0), b.decimate(k0)
	// ±12% of the length plus a minute, at most ±4 minutes: 11 MB of
	// path memory an hour.
	w := min(int(0.12*float64(max(a0.n, b0.n)))+200, 750)
	skip := skipCost(a0, b0)
	bd := constrain(guidedBand(a0.n, b0.n, w, k0, anchors), anchors, k0, tol/k0+1)
	path, _ := dtw(a0, b0, bd, dtwOptions{Skip: skip})
	if path == nil {
		return nil, nil, errors.New("alignment found no path")
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	a1, b1 := a.decimate(k1), b.decimate(k1)
	bd = constrain(pathBand(path, k0/k1, a1.n, b1.n, r1), anchors, k1, tol/k1)
	path, _ = dtw(a1, b1, bd, dtwOptions{Skip: skip})
	if path == nil {
		return nil, nil, errors.New("alignment found no path")
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	bd = pathBand(path, k1, a.n, b.n, r2)
	path, costs := dtw(a, b, bd, dtwOptions{Skip: skip})
	if path == nil {
		return nil, nil, errors.New("alignment found no path")
	}
	return path, costs, nil
}

// skipCost is the price of leaving a real frame out at either end. It is a
// share of the typical cost of matching unrelated frames: music or silence
// before the speech costs about that much against any synthetic frame, so it
// is cheaper to skip, while real speech matched to its synthetic twin costs
// much less, so it is kept.
func skipCost(a, b *matrix) float32 {
	return 0.9 * randomCost(a, b)
}

// randomCost is the median distance between pseudo-random pairs of frames.
func randomCost(a, b *matrix) float32 {
	if a.n == 0 || b.n == 0 {
		return 1
	}
	const samples = 4000
	xs := make([]float32, 0, samples)
	seed := uint32(2463534242)
	next := func() uint32 {
		seed ^= seed << 13
		seed ^= seed >> 17
		seed ^= seed << 5
		return seed
	}
	for s := 0; s < samples; s++ {
		i := int(next() % uint32(a.n))
		j := int(next() % uint32(b.n))
		xs = append(xs, dist(a.row(i), b.row(j)))
	}
	sort.Slice(xs, func(i, j int) bool { return xs[i] < xs[j] })
	return xs[len(xs)/2]
}

// place sets each word's Start and End from the path.
func place(tr *pipeline.Transcript, start []int, m int, path []cell, vad *vad, frameRate float64) {
	firstI := make([]int, m)
	lastI := make([]int, m)
	for j := range firstI {
		firstI[j] = -1
	}
	for _, c := range path {
		if firstI[c.j] < 0 {
			firstI[c.j] = c.i
		}
		lastI[c.j] = c.i
	}
	// Columns the path missed (it starts at column 0, so only none).
	for j := 1; j < m; j++ {
		if firstI[j] < 0 {
			firstI[j], lastI[j] = lastI[j-1], lastI[j-1]
		}
	}
	words := tr.Words
	n := len(vad.speech)
	for k := range words {
		st := firstI[min(start[k], m-1)]
		endCol := m - 1
		if k+1 < len(words) {
			endCol = max(start[k+1]-1, start[k])
		}
		en := lastI[min(endCol, m-1)] + 1
		// A word does not start in a pause: move it to where speech
		// resumes, if that is before its end.
		for st < en-1 && st < n && !vad.speech[st] {
			st++
		}
		// Nor does it end in one.
		for en-1 > st && en-1 < n && !vad.speech[en-1] {
			en--
		}
		words[k].Start = float64(st) / frameRate
		words[k].End = float64(en) / frameRate
	}
}

// judge sets each word's confidence from how well its stretch of audio
// matched its synthetic twin, warns about stretches that do not match, and
// fails when nothing matches.
func judge(tr *pipeline.Transcript, al *pipeline.Alignment, v *vad, frameRate float64, a, b *matrix, path []cell, costs []float32, warn func(string)) error {
	// For every real frame: the mean cost of the path through it, and the
	// cost of the same frame against synthetic frames a few seconds off
	// the path (speech of the same voices that is not these words). A
	// stretch that matches its words costs well under that baseline; a
	// transcript that does not belong costs about as much.
	n := a.n
	pathCost := make([]float32, n)
	baseCost := make([]float32, n)
	cnt := make([]int32, n)
	col := make([]int, n)
	for k, c := range path {
		pathCost[c.i] += costs[k]
		cnt[c.i]++
		col[c.i] = c.j
	}
	offsets := []int{-700, -300, 300, 700}
	for i := 0; i < n; i++ {
		if cnt[i] == 0 {
			continue
		}
		pathCost[i] /= float32(cnt[i])
		var s float32
		m := 0
		for _, off := range offsets {
			j := col[i] + off
			if j >= 0 && j < b.n {
				s += dist(a.row(i), b.row(j))
				m++
			}
		}
		if m > 0 {
			baseCost[i] = s / float32(m)
		}
	}
	ratio := func(i0, i1 int) float64 {
		var p, q float64
		for i := max(i0, 0); i < i1 && i < n; i++ {
			if cnt[i] > 0 && baseCost[i] > 0 && v.speech[i] {
				p += float64(pathCost[i])
				q += float64(baseCost[i])
			}
		}
		if q == 0 {
			return math.NaN()
		}
		return p / q
	}
	for k := range tr.Words {
		w := &tr.Words[k]
		i0 := int(w.Start * frameRate)
		i1 := max(int(w.End*frameRate), i0+1)
		w.Confidence = confidence(ratio(i0-10, i1+10))
	}
	// Windows of 30 s: warn where the audio does not match its words.
	win := 30.0
	type stretch struct{ from, to float64 }
	var bad []stretch
	total, badWin := 0, 0
	wr := windowRatios(a, b, path, int(win*frameRate), v)
	badAt := func(x int) bool { return x >= 0 && x < len(wr) && !math.IsNaN(wr[x]) && wr[x] > mismatchRatio }
	for wi, r := range wr {
		t0 := float64(wi) * win
		if math.IsNaN(r) {
			continue
		}
		total++
		// One window slightly above the line can be a voice far from
		// the synthesiser's; two in a row, or one far above, is not.
		if !badAt(wi) || (r <= mismatchRatio+0.025 && !badAt(wi-1) && !badAt(wi+1)) {
			continue
		}
		badWin++
		if len(bad) > 0 && bad[len(bad)-1].to == t0 {
			bad[len(bad)-1].to = t0 + win
		} else {
			bad = append(bad, stretch{t0, t0 + win})
		}
	}
	// A word in a window that does not match has no confidence.
	for k := range tr.Words {
		w := &tr.Words[k]
		wi := int(w.Start / win)
		if wi >= 0 && wi < len(wr) && !math.IsNaN(wr[wi]) {
			w.Confidence = math.Round(w.Confidence*windowConfidence(wr[wi])*1000) / 1000
		}
	}
	if total > 0 && badWin*5 >= total*4 {
		return fmt.Errorf("%w: no stretch of the audio matches the transcript's words", ErrNoMatch)
	}
	for _, s := range bad {
		warn(fmt.Sprintf("transcript does not seem to match the audio from %s to %s: times there are unreliable", clock(s.from), clock(min(s.to, al.Duration))))
	}
	return nil
}

// mismatchRatio is the path-to-baseline cost ratio above which a 30 s
// window is taken not to match its words.
//
// Measured on the corpus: windows of a transcript aligned to its own audio
// score 0.80–0.96 (seed, seed-hard, ss260) and 0.89–0.99 where one voice is
// far from eSpeak's (ss45's HTS voice); windows of another episode's
// transcript score 0.95–1.02.
const mismatchRatio = 0.965

// windowRatios judges each window of w real frames: the DTW cost of its
// speech against the synthetic speech the path gave it, over the mean DTW
// cost against synthetic speech of the same length taken from elsewhere in
// the episode. Both costs have the same freedom to warp, so a window whose
// words really are spoken there scores well under 1 and a window of other
// words scores about 1. Windows with too little speech are NaN.
func windowRatios(a, b *matrix, path []cell, w int, v *vad) []float64 {
	const k = 8 // 80 ms frames
	nw := (a.n + w - 1) / w
	out := make([]float64, nw)
	colOf := make([]int, a.n)
	for i := range colOf {
		colOf[i] = -1
	}
	for _, c := range path {
		if colOf[c.i] < 0 {
			colOf[c.i] = c.j
		}
	}
	// The windows are independent: on every core (the acoustic models'
	// preparation shares them).
	one := func(x int) {
		out[x] = math.NaN()
		i0, i1 := x*w, min((x+1)*w, a.n)
		speech := 0
		for i := i0; i < i1; i++ {
			if v.speech[i] {
				speech++
			}
		}
		if speech < w/5 {
			return
		}
		j0, j1 := -1, -1
		for i := i0; i < i1; i++ {
			if colOf[i] >= 0 {
				if j0 < 0 {
					j0 = colOf[i]
				}
				j1 = colOf[i]
			}
		}
		if j0 < 0 || j1-j0 < w/10 {
			return
		}
		ra := sliceDecimate(a, i0, i1, k)
		own := windowCost(ra, sliceDecimate(b, j0, j1+1, k))
		var other float64
		m := 0
		span := j1 + 1 - j0
		own0 := sliceDecimate(b, j0, j1+1, k)
		// The same synthetic frames in reverse order: the same voice and
		// sounds, not these words in this order. Works at any length.
		other += windowCost(ra, reversed(own0))
		m++
		// Synthetic speech from elsewhere, where the episode is long
		// enough.
		for _, off := range []int{-3 * span, -2 * span, 2 * span, 3 * span} {
			o0 := j0 + off
			if o0 < 0 || o0+span > b.n {
				continue
			}
			other += windowCost(ra, sliceDecimate(b, o0, o0+span, k))
			m++
		}
		out[x] = own / (other / float64(m))
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for x := int(next.Add(1) - 1); x < nw; x = int(next.Add(1) - 1) {
				one(x)
			}
		})
	}
	wg.Wait()
	return out
}

func reversed(m *matrix) *matrix {
	out := &matrix{n: m.n, dim: m.dim, data: make([]int8, len(m.data))}
	for i := 0; i < m.n; i++ {
		copy(out.row(i), m.row(m.n-1-i))
	}
	return out
}

func sliceDecimate(m *matrix, from, to, k int) *matrix {
	s := &matrix{n: to - from, dim: m.dim, data: m.data[from*m.dim : to*m.dim]}
	return s.decimate(k)
}

// windowCost is the DTW cost per path step of a against b in a band of
// half their length around the diagonal.
func windowCost(a, b *matrix) float64 {
	if a.n == 0 || b.n == 0 {
		return math.NaN()
	}
	path, costs := dtw(a, b, diagonalBand(a.n, b.n, max(a.n, b.n)/2), dtwOptions{})
	if len(path) == 0 {
		return math.NaN()
	}
	var s float64
	for _, c := range costs {
		s += float64(c)
	}
	return s / float64(len(costs))
}

// windowConfidence maps a window's ratio to [0,1].
func windowConfidence(r float64) float64 {
	return 1 / (1 + math.Exp((r-mismatchRatio-0.01)/0.01))
}

// confidence maps a word's match cost, relative to the cost of the same
// frames against synthetic speech a few seconds off the path, to [0,1]:
// matched words score a median of 0.75–0.86 across the corpus' voices.
func confidence(r float64) float64 {
	if math.IsNaN(r) {
		return 0.2 // no speech heard where the word was placed
	}
	c := 1 / (1 + math.Exp((r-0.95)/0.04))
	return math.Round(c*1000) / 1000
}

func clock(t float64) string {
	s := int(t)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// checkAnchors warns when a time the transcript gives for a word is far from
// where the word was aligned.
func checkAnchors(tr *pipeline.Transcript, warn func(string)) {
	far := 0
	var first string
	for _, w := range tr.Words {
		if pipeline.Known(w.Anchor) && pipeline.Known(w.Start) && math.Abs(w.Start-w.Anchor) > 5 {
			if far == 0 {
				first = fmt.Sprintf("%q at %s (transcript says %s)", w.Text, clock(w.Start), clock(w.Anchor))
			}
			far++
		}
	}
	if far > 0 {
		warn(fmt.Sprintf("%d word(s) aligned more than 5 s from the time the transcript gives, first %s", far, first))
	}
}

func spreadEvenly(words []pipeline.Word, from, to float64) {
	if len(words) == 0 {
		return
	}
	d := (to - from) / float64(len(words))
	for k := range words {
		words[k].Start = from + float64(k)*d
		words[k].End = from + float64(k+1)*d
		words[k].Confidence = 0
	}
}

// untranscribed warns about long stretches of speech in the audio that the
// path gave no words: before the first word, after the last, or inside.
func untranscribed(path []cell, v *vad, frameRate float64, warn func(string)) {
	if len(path) == 0 {
		return
	}
	n := len(v.speech)
	// words[i]: real frame i lies where the path advances through the
	// synthetic speech (not before its start, after its end, or on a long
	// vertical run holding one synthetic frame).
	covered := make([]bool, n)
	runStart := 0
	for k := 1; k <= len(path); k++ {
		if k == len(path) || path[k].j != path[runStart].j {
			// frames path[runStart].i .. path[k-1].i share one column
			if path[k-1].i-path[runStart].i < int(2*frameRate) {
				for i := path[runStart].i; i <= path[k-1].i && i < n; i++ {
					covered[i] = true
				}
			}
			runStart = k
		}
	}
	minLen := int(minUntranscribed(float64(n)/frameRate) * frameRate)
	i := 0
	for i < n {
		if covered[i] {
			i++
			continue
		}
		j := i
		speech := 0
		for j < n && !covered[j] {
			if v.speech[j] {
				speech++
			}
			j++
		}
		if speech >= minLen/2 && j-i >= minLen {
			warn(fmt.Sprintf("the audio from %s to %s has speech the transcript does not cover (%.0f s of it)", clock(float64(i)/frameRate), clock(float64(j)/frameRate), float64(speech)/frameRate))
		}
		i = j
	}
}
