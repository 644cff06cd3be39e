package chapters

import (
	"context"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/lexical"
)

// Options are the chapter finder's settings; the zero value works.
type Options struct {
	// Hosts are the speakers who ask the questions. Empty (or naming no
	// speaker): see pipeline.Transcript.Hosts.
	Hosts []string
	// Count is the number of chapters wanted; 0 chooses by duration (see
	// the package documentation).
	Count int
	// Tags is the run's tagging of the transcript (the tags stage) that
	// titles read; nil tags it here.
	Tags *lexical.Tagging
}

const (
	wordsPerSecond = 150.0 / 60 // untimed positions
	// countWordsPerSecond is conversational speech, for the number of
	// chapters of an untimed transcript: the six Lenny's Podcast excerpts
	// run at 150–215 words a minute by their Rev stamps.
	countWordsPerSecond = 180.0 / 60
	minChapter          = 60.0 // seconds
	window              = 80   // content words each side of a gap
	snapRange           = 30.0 // seconds a boundary may move to a host's question
)

// Find splits the aligned transcript into chapters with titles. An empty
// transcript has no chapters; any other has at least one, starting at 0
// (NoTime when al is untimed).
func Find(ctx context.Context, al *pipeline.Alignment, opts Options) (*Chapters, error) {
	out := new(Chapters)
	if al == nil || al.Transcript == nil || len(al.Transcript.Words) == 0 {
		return out, nil
	}
	t := al.Transcript
	tl := newTimeline(t, al.Duration)
	lay := newLayout(t, opts.Hosts)
	sents, hosts := lay.sents, lay.hosts
	k := opts.Count
	if k <= 0 {
		k = Count(tl.duration)
		if tl.timing == lexical.Untimed {
			// 150 words a minute places words conservatively; people
			// talk faster in conversation, so the length is shorter
			k = Count(float64(len(t.Words)) / countWordsPerSecond)
		}
	}
	if m := int(tl.duration / minChapter); k > m {
		k = m
	}
	if k < 1 {
		k = 1
	}
	starts := []int{0} // sentence indices where chapters start
	intro := -1        // the sentence where the host's introduction starts
	if k > 1 && len(sents) > 1 {
		g := newGaps(t, sents, tl, hosts)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var forced []int
		var inside []bool
		forced, inside, intro = structure(t, sents, lay.reads, hosts)
		starts = append(starts, g.choose(k-1, forced, inside)...)
	}
	spans := make([]pipeline.Span, len(starts))
	for i, s := range starts {
		end := len(t.Words)
		if i+1 < len(starts) {
			end = sents[starts[i+1]].First
		}
		first := sents[s].First
		if i == 0 {
			first = 0
		}
		spans[i] = pipeline.Span{First: first, End: end}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	chTitles := titles(t, spans, opts.Tags, lay)
	if intro > 0 && len(starts) > 1 && starts[1] == intro {
		// the cold open: clips from the conversation ahead, about
		// everything at once; its vocabulary names no topic
		chTitles[0] = previewTitle
	}
	if g := guest(t, opts.Hosts); g != "" {
		for i, st := range starts {
			if st == intro && intro > 0 {
				if title := "Meet " + g; len(title) <= MaxTitle && !slices.Contains(chTitles, title) {
					chTitles[i] = title
				}
			}
		}
	}
	out.Timed = tl.timing != lexical.Untimed
	out.Approximate = tl.timing == lexical.Approximate
	for i, sp := range spans {
		start := pipeline.NoTime
		if out.Timed {
			start = 0
			if i > 0 {
				start = tl.at(sp.First)
			}
		}
		out.Chapters = append(out.Chapters, Chapter{Start: start, Title: chTitles[i], Words: sp})
	}
	return out, nil
}

// guest is the episode's guest: the header's, else the one speaker who is
// not a host; "" when there is none or several.
func guest(t *pipeline.Transcript, configuredHosts []string) string {
	if g := t.Guest(configuredHosts); g != "" {
		return g
	}
	hosts := t.Hosts(configuredHosts)
	g := ""
	for _, s := range t.Speakers() {
		if !hosts[s] {
			if g != "" {
				return ""
			}
			g = s
		}
	}
	return pipeline.DisplayName(g)
}

// Count is the number of chapters for an episode of the given seconds:
// round(m/2.5) in 5..12 for m ≥ 10 minutes, floor(m/2) in 1..4 below.
func Count(seconds float64) int {
	if !(seconds > 0) {
		return 1
	}
	m := seconds / 60
	if m >= 10 {
		return min(max(int(math.Round(m/2.5)), 5), 12)
	}
	return min(max(int(m/2), 1), 4)
}

// timeline gives every word a position in seconds: its aligned start,
// interpolated where the aligner left it unknown; without audio, the times
// the transcript's own stamps give (approximate); without either, 150 words
// a minute (untimed).
type timeline struct {
	start    []float64 // len(words)
	end      []float64
	timing   lexical.Timing
	timed    bool // aligned against the audio: pauses are real
	duration float64
}

func newTimeline(t *pipeline.Transcript, duration float64) *timeline {
	n := len(t.Words)
	tl := &timeline{start: make([]float64, n), end: make([]float64, n)}
	times, timing := lexical.WordTimes(t)
	tl.timing = timing
	if timing == lexical.Untimed {
		for i := range n {
			tl.start[i] = float64(i) / wordsPerSecond
			tl.end[i] = float64(i+1) / wordsPerSecond
		}
		tl.duration = float64(n) / wordsPerSecond
		return tl
	}
	copy(tl.start, times)
	tl.timed = timing == lexical.Aligned
	for i := range tl.end {
		switch {
		case tl.timed && pipeline.Known(t.Words[i].End) && t.Words[i].End >= tl.start[i]:
			tl.end[i] = t.Words[i].End
		case i+1 < n:
			tl.end[i] = max(tl.start[i], tl.start[i+1])
		default:
			tl.end[i] = tl.start[i] + 1/wordsPerSecond
		}
	}
	tl.duration = tl.end[n-1]
	if tl.timed && pipeline.Known(duration) && duration > tl.duration {
		tl.duration = duration
	}
	return tl
}

func (tl *timeline) at(i int) float64 {
	if i >= len(tl.start) {
		return tl.duration
	}
	return tl.start[i]
}

// gaps scores every sentence start but the first as a chapter boundary.
type gaps struct {
	sents  []pipeline.Span
	tl     *timeline
	score  []float64 // per sentence index; score[0] unused
	hostQ  []bool
	at     []float64 // position of each sentence start
	length float64
}

func newGaps(t *pipeline.Transcript, sents []pipeline.Span, tl *timeline, hosts map[string]bool) *gaps {
	g := &gaps{sents: sents, tl: tl, score: make([]float64, len(sents)), hostQ: make([]bool, len(sents)), at: make([]float64, len(sents)), length: tl.duration}
	// content words of each sentence, as ids
	ids := map[string]int{}
	bags := make([][]int, len(sents))
	for si, s := range sents {
		g.at[si] = tl.at(s.First)
		for i := s.First; i < s.End; i++ {
			if st := lexical.Term(t.Words[i].Text); st != "" {
				id, ok := ids[st]
				if !ok {
					id = len(ids)
					ids[st] = id
				}
				bags[si] = append(bags[si], id)
			}
		}
	}
	turnQ := make([]bool, len(t.Turns))
	for ti, tu := range t.Turns {
		for i := max(tu.Words.First, 0); i < tu.Words.End && i < len(t.Words); i++ {
			if strings.Contains(t.Words[i].Text, "?") {
				turnQ[ti] = true
				break
			}
		}
	}
	sim := make([]float64, len(sents))
	for si := 1; si < len(sents); si++ {
		left := map[int]float64{}
		for j, c := si-1, 0; j >= 0 && c < window; j-- {
			for _, id := range bags[j] {
				left[id]++
				c++
			}
		}
		right := map[int]float64{}
		for j, c := si, 0; j < len(sents) && c < window; j++ {
			for _, id := range bags[j] {
				right[id]++
				c++
			}
		}
		sim[si] = lexical.Cosine(left, right)
	}
	// smooth once with the neighbours
	sm := make([]float64, len(sim))
	for si := 1; si < len(sim); si++ {
		sum, n := sim[si], 1.0
		if si > 1 {
			sum += sim[si-1]
			n++
		}
		if si+1 < len(sim) {
			sum += sim[si+1]
			n++
		}
		sm[si] = sum / n
	}
	for si := 1; si < len(sents); si++ {
		l := sm[si]
		for j := si - 1; j >= 1 && sm[j] >= l; j-- {
			l = sm[j]
		}
		r := sm[si]
		for j := si + 1; j < len(sm) && sm[j] >= r; j++ {
			r = sm[j]
		}
		depth := (l - sm[si]) + (r - sm[si])
		w := &t.Words[sents[si].First]
		prev := &t.Words[sents[si].First-1]
		turnStart := w.Turn != prev.Turn || w.Speaker != prev.Speaker
		bonus := 0.0
		if turnStart {
			bonus += 0.03
			if hosts[w.Speaker] && w.Turn >= 0 && w.Turn < len(turnQ) && turnQ[w.Turn] {
				g.hostQ[si] = true
				bonus += 0.15
			}
			if tl.timed && tl.start[sents[si].First]-tl.end[sents[si].First-1] >= 1.5 && w.Speaker != prev.Speaker {
				bonus += 0.05
			}
		}
		if strings.Contains(t.Words[sents[si].End-1].Text, "?") {
			bonus += 0.04
		}
		g.score[si] = depth + bonus
	}
	return g
}

// choose picks up to n boundary sentences: the forced ones (see
// structure), then others by score, far enough apart from each other and
// from the forced ones, never inside a sponsor read.
func (g *gaps) choose(n int, forced []int, inside []bool) []int {
	order := make([]int, 0, len(g.sents))
	for si := 1; si < len(g.sents); si++ {
		if !inside[si] {
			order = append(order, si)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return g.score[order[a]] > g.score[order[b]] })
	var chosen []int
	for _, si := range forced {
		if len(chosen) < n && si > 0 && !slices.Contains(chosen, si) {
			chosen = append(chosen, si)
		}
	}
	nForced := len(chosen)
	sep := max(minChapter, 0.5*g.length/float64(n+1))
	for _, s := range []float64{sep, minChapter} {
		for _, si := range order {
			if len(chosen) >= n {
				break
			}
			if g.fits(si, chosen, -1, s) {
				chosen = append(chosen, si)
			}
		}
	}
	// move to a host's question turn nearby
	for ci, si := range chosen {
		if ci < nForced || g.hostQ[si] {
			continue
		}
		best, bestD := -1, snapRange+1
		for sj := 1; sj < len(g.sents); sj++ {
			d := math.Abs(g.at[sj] - g.at[si])
			if g.hostQ[sj] && !inside[sj] && d <= snapRange && d < bestD && g.fits(sj, chosen, ci, minChapter) {
				best, bestD = sj, d
			}
		}
		if best >= 0 {
			chosen[ci] = best
		}
	}
	sort.Ints(chosen)
	return chosen
}

// fits reports whether sentence si can start a chapter given the chosen
// ones (ignoring chosen[skip]) with sep seconds between boundaries.
func (g *gaps) fits(si int, chosen []int, skip int, sep float64) bool {
	p := g.at[si]
	if p < sep || g.length-p < sep {
		return false
	}
	for i, c := range chosen {
		if i != skip && (c == si || math.Abs(g.at[c]-p) < sep) {
			return false
		}
	}
	return true
}

const (
	// welcomeSentences bounds the welcome after a sponsor read: the first
	// topic starts with the host's first question within this many
	// sentences of the read's end.
	welcomeSentences = 12
)

// structure finds the boundaries an episode's format gives, whatever the
// vocabulary says: the host's introduction after a cold open (intro, -1
// when there is none), and the return to the conversation after each
// sponsor read.
// A sponsor read opens at a sentence naming a sponsor ("brought to you by",
// "sponsored by") and runs over the following paragraphs of the same
// speaker that name a sponsor or a web address; it is not a chapter of its
// own (editors fold it into the chapter before it), so no boundary may fall
// inside it (inside reports those sentences).
func structure(t *pipeline.Transcript, sents []pipeline.Span, reads []lexical.SponsorRead, hosts map[string]bool) (forced []int, inside []bool, intro int) {
	intro = -1
	if len(sents) < 2 {
		return nil, make([]bool, len(sents)), intro
	}
	text := func(si int) string { return t.Text(sents[si]) }
	spk := func(si int) string { return t.Words[sents[si].First].Speaker }
	turnStart := func(si int) bool {
		return si == 0 || t.Words[sents[si].First].Turn != t.Words[sents[si-1].First].Turn
	}
	asks := func(si int) bool { // the turn of sentence si asks a question
		for j := si; j < len(sents) && t.Words[sents[j].First].Turn == t.Words[sents[si].First].Turn; j++ {
			if strings.Contains(text(j), "?") {
				return true
			}
		}
		return false
	}
	// a cold open: the host's introduction after it is a boundary
	if intro = lexical.ColdOpenEnd(t, sents, hosts); intro >= 0 {
		forced = append(forced, intro)
	}
	inRead := lexical.InSponsorRead(len(sents), reads)
	// nor inside the host's introduction: the turn that opens with it is
	// one chapter up to the next forced boundary, however its paragraphs
	// change subject ("In our conversation we talk about …", "If you
	// enjoy this podcast …")
	inside = slices.Clone(inRead)
	for j := intro + 1; intro >= 0 && j < len(sents) && t.Words[sents[j].First].Turn == t.Words[sents[intro].First].Turn; j++ {
		inside[j] = true
	}
	// startCue is the first host sentence from sentence j on, within limit
	// words and before any sponsor read, that says where the conversation
	// starts (startsTopic); -1 when there is none
	startCue := func(j, limit int) int {
		for words := 0; j < len(sents) && words <= limit && !inRead[j]; j++ {
			if hosts[spk(j)] && startsTopic(text(j)) {
				return j
			}
			words += sents[j].Len()
		}
		return -1
	}
	cued := false
	for _, r := range reads {
		// the conversation resumes with a welcome and the guest's thanks;
		// its first topic is the host's next turn after the guest has
		// spoken (a question, when one comes as soon)
		next := r.End
		guestSpoke := false
		for j := r.End; j < len(sents) && j < r.End+welcomeSentences; j++ {
			if !hosts[spk(j)] {
				guestSpoke = true
				continue
			}
			if turnStart(j) && (guestSpoke || asks(j)) {
				next = j
				break
			}
		}
		// after the pleasantries the host says where the conversation
		// starts ("I thought it'd be fun to start with …", "let's start
		// there"): that sentence is the first topic's start
		if j := startCue(next, startCueWords); j >= 0 {
			next, cued = j, true
		}
		if next < len(sents) {
			forced = append(forced, next)
		}
	}
	if !cued {
		// no sponsor read between the introduction and the conversation:
		// the host's "let's start with …" soon after the introduction turn
		// starts the first topic
		begin := max(intro, 0)
		j := begin
		for j < len(sents) && t.Words[sents[j].First].Turn == t.Words[sents[begin].First].Turn {
			j++
		}
		if j = startCue(j, 2*startCueWords); j >= 0 {
			forced = append(forced, j)
		}
	}
	return forced, inside, intro
}

// startCueWords bounds how far after a sponsor read's welcome the host's
// "let's start with …" may come (about two minutes of talk).
const startCueWords = 300

// startCues say where a conversation starts.
var startCues = []string{"start with", "start at", "start there", "start off", "start by", "let's start", "let us start",
	"begin with", "kick off", "kick things off", "first question"}

// startsTopic reports a sentence that says where the conversation starts.
func startsTopic(s string) bool {
	s = strings.ToLower(lexical.StraightQuotes(s))
	for _, c := range startCues {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}

// questionWords open a question that can title a chapter.
var questionWords = lexical.Set(`why how what when where who which`)

// pointing words refer to what was said before: a question with one does
// not stand alone as a title.
var pointing = lexical.Set(`this that these those it it's that's he she they them him her his their there then
	also else another other again`)

// previewTitle titles a cold open's chapter.
const previewTitle = "Preview"
