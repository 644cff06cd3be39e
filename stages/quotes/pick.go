package quotes

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/lexical"
)

// Options tune Pick. The zero value works.
type Options struct {
	// Hosts are the show's hosts (podcast.toml): their lines are not
	// quoted. Empty (or naming no speaker): see pipeline.Transcript.Hosts.
	Hosts []string
	// Max is the most quotes returned (default 8); Min the number Pick
	// tries to reach by relaxing the spread rule (default 5).
	Max, Min int
	// MinWords and MaxWords bound a quote's length (default 8 and 40).
	MinWords, MaxWords int
	// Soundbites is how many of the best quotes get a soundbite (default 3).
	Soundbites int
}

// ErrNilTranscript is returned by Pick for a nil transcript.
var ErrNilTranscript = errors.New("quotes: nil transcript")

func (o *Options) defaults() {
	if o.Max <= 0 {
		o.Max = 8
	}
	if o.Min <= 0 {
		o.Min = 5
	}
	o.Min = min(o.Min, o.Max)
	if o.MinWords <= 0 {
		o.MinWords = 8
	}
	if o.MaxWords <= 0 {
		o.MaxWords = 40
	}
	if o.MaxWords < o.MinWords {
		o.MaxWords = o.MinWords
	}
	if o.Soundbites == 0 {
		o.Soundbites = 3
	}
}

// candidate is a run of whole sentences of one turn.
type candidate struct {
	span     pipeline.Span
	sents    []int // sentence indices
	features [nFeatures]float64
	score    float64
}

// Pick chooses verbatim quotes worth sharing, best first: runs of one to
// three whole sentences of one speaker's turn, 8–40 words, that read on
// their own, are not the host's and are spread across the episode.
// Quote.Text is tr.Text(Quote.Words) with the fillers of speech ("you
// know,", "I mean,", stutters) left out where an ellipsis marks each cut
// (see condensed).
func Pick(tr *pipeline.Transcript, opts Options) (*Quotes, error) {
	return PickContext(context.Background(), tr, opts)
}

// PickContext is Pick that stops with ctx's error when ctx is done.
func PickContext(ctx context.Context, tr *pipeline.Transcript, opts Options) (*Quotes, error) {
	if tr == nil {
		return nil, ErrNilTranscript
	}
	opts.defaults()
	res := &Quotes{Quotes: []Quote{}}
	cands, sents, err := scored(ctx, tr, opts)
	if err != nil {
		return nil, err
	}
	if len(cands) == 0 {
		return res, nil
	}
	chosen := choose(tr, cands, opts)
	times, timing := lexical.WordTimes(tr)
	for i, c := range chosen {
		start, end := tr.SpanTime(c.span)
		if timing == lexical.Approximate {
			// no audio: the transcript's own stamps, the quote ending
			// where the next word starts
			start, end = times[c.span.First], times[c.span.End-1]+0.4
			if c.span.End < len(times) {
				end = max(times[c.span.First], times[c.span.End])
			}
			start, end = round3(start), round3(end)
		}
		q := Quote{
			Text:        condensed(tr, c.span),
			Speaker:     tr.Words[c.span.First].Speaker,
			Start:       pipeline.Ptr(start),
			End:         pipeline.Ptr(end),
			Approximate: timing == lexical.Approximate,
			Score:       round3(c.score),
			Words:       c.span,
		}
		if i < opts.Soundbites {
			q.Soundbite = soundbite(tr, sents, c)
		}
		res.Quotes = append(res.Quotes, q)
	}
	return res, nil
}

// scored lists the candidates with their features and scores, best
// first, and the sentences they are made of.
func scored(ctx context.Context, tr *pipeline.Transcript, opts Options) ([]candidate, []pipeline.Span, error) {
	opts.defaults()
	sents := sentences(tr)
	if len(sents) == 0 {
		return nil, nil, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	host := tr.Hosts(opts.Hosts)
	cands := candidates(tr, sents, host, opts)
	for i := range cands {
		c := &cands[i]
		c.features = features(words(tr, c.span))
		if answerEnds(tr, c.span.End) {
			c.features[fLastInTurn] = 1
		}
		c.score = quotability(c.features)
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	return cands, sents, nil
}

// answerEnds reports whether the speaker stops before word e: the
// transcript ends or someone else speaks (a new turn, when no speakers are
// named); a same-speaker turn that a timestamp line splits goes on.
func answerEnds(tr *pipeline.Transcript, e int) bool {
	if e <= 0 || e >= len(tr.Words) {
		return true
	}
	a, b := tr.Words[e-1], tr.Words[e]
	if a.Speaker == "" && b.Speaker == "" {
		return a.Turn != b.Turn
	}
	return a.Speaker != b.Speaker
}

func words(tr *pipeline.Transcript, s pipeline.Span) []string {
	out := make([]string, 0, s.Len())
	for i := s.First; i < s.End; i++ {
		out = append(out, tr.Words[i].Text)
	}
	return out
}

// sentences are lexical.Sentences: the transcript's own when they tile
// its words, else cut at sentence ends and turn changes.
func sentences(tr *pipeline.Transcript) []pipeline.Span { return lexical.Sentences(tr) }

// endsSentence is lexical.EndsSentence.
func endsSentence(w string) bool { return lexical.EndsSentence(w) }

func isQuestion(tr *pipeline.Transcript, s pipeline.Span) bool {
	return strings.HasSuffix(strings.TrimRight(tr.Words[s.End-1].Text, `"')]”’`), "?")
}

// leadFillers may be trimmed off a quote's start: "And", "So", "But",
// "Yeah,", "Well,".
var leadFillers = map[string]bool{"and": true, "so": true, "but": true, "yeah": true, "well": true,
	"oh": true, "okay": true, "ok": true, "or": true, "um": true, "uh": true}

// candidates lists runs of one to three consecutive sentences of one
// non-host turn with MinWords–MaxWords words that end a statement, after
// trimming leading fillers, and that open without a dangling pronoun.
// No candidate holds a pleasantry ("Thank you for having me."), a sponsor
// read's words or reads across a note standing for words nobody wrote down
// ("[inaudible]").
func candidates(tr *pipeline.Transcript, sents []pipeline.Span, host map[string]bool, opts Options) []candidate {
	var out []candidate
	// hidden[k]: a note hides speech just before word k
	hidden := make([]bool, len(tr.Words)+1)
	for _, n := range tr.Notes {
		if n.HidesSpeech() && n.Before >= 0 && n.Before <= len(tr.Words) {
			hidden[n.Before] = true
		}
	}
	// a sponsor read is the sponsor's copy, whoever reads it
	ad := lexical.InSponsorRead(len(sents), lexical.SponsorReads(tr, sents))
	for i := range sents {
		if host[tr.Words[sents[i].First].Speaker] || ad[i] {
			continue
		}
		for n := 1; n <= 3 && i+n <= len(sents); n++ {
			last := sents[i+n-1]
			if ad[i+n-1] {
				break
			}
			if tr.Words[last.End-1].Turn != tr.Words[sents[i].First].Turn {
				break
			}
			if isQuestion(tr, sents[i+n-1]) || lexical.Pleasantry(tr.Text(last)) {
				break
			}
			if slices.Contains(hidden[last.First+1:last.End], true) || n > 1 && hidden[last.First] {
				break // words the transcriber could not make out
			}
			if !endsSentence(tr.Words[last.End-1].Text) {
				continue
			}
			span := pipeline.Span{First: sents[i].First, End: last.End}
			// trim the stubs a quote must not open with: conjunctions and
			// fillers ("And", "So", "Yeah,") and "I think (that)", "I
			// mean", "you know", while the rest is long enough; the quote
			// then opens at the clause that follows, as spoken
			span.First = trimStub(tr, span, opts.MinWords)
			core := span.First
			if n > 1 && sents[i].End-span.First < shortOpen {
				break // a short reaction ("Probably not.", "Oh, a lot.") opens no quote
			}
			if span.Len() < opts.MinWords || span.Len() > opts.MaxWords {
				continue
			}
			first := tr.Words[span.First].Text
			if lexical.NeedsContext[lexical.Fold(first)] || lexical.NeedsContext[lexical.Fold(tr.Words[core].Text)] || !clauseStart(tr, span.First) ||
				lexical.PointsBack(tr, span) || !balancedQuotes(tr, span) || subjectless[lexical.Fold(first)] {
				continue
			}
			sn := make([]int, n)
			for k := range sn {
				sn[k] = i + k
			}
			out = append(out, candidate{span: span, sents: sn})
		}
	}
	return out
}

// balancedQuotes reports whether every quotation the span's words open
// they also close, and the reverse: a quote never starts or stops inside
// someone's quoted words ("I can't define it." And she said, …).
func balancedQuotes(tr *pipeline.Transcript, s pipeline.Span) bool {
	straight, open := 0, 0
	for i := s.First; i < s.End; i++ {
		for _, r := range tr.Words[i].Text {
			switch r {
			case '"':
				straight++
			case '“':
				open++
			case '”':
				if open--; open < 0 {
					return false
				}
			}
		}
	}
	return straight%2 == 0 && open == 0
}

// subjectless are verbs that open a sentence whose subject the speaker
// left out ("Was funny, looking back …", "Makes sense."): a fragment.
var subjectless = lexical.Set(`was is were are am has had have does did makes made seems seemed sounds sounded felt feels`)

// shortOpen is the least words of a quote's first sentence, once trimmed,
// when more sentences follow it.
const shortOpen = 4

// stubs are the openings trimmed off a quote, longest first.
var stubs = [][]string{{"i", "mean,"}, {"you", "know,"}}

// trimStub returns where a quote of span opens once leading conjunctions,
// fillers and stubs are cut, keeping at least minWords words.
func trimStub(tr *pipeline.Transcript, span pipeline.Span, minWords int) int {
	first := span.First
	for changed := true; changed; {
		changed = false
		if span.End-first > minWords && leadFillers[lexical.Fold(tr.Words[first].Text)] {
			first++
			changed = true
			continue
		}
		if k := restart(tr, first, span.End); k > 0 && span.End-first-k >= minWords {
			first += k // "you would see you would see NFTs …" opens at the words said last
			changed = true
			continue
		}
		for _, st := range stubs {
			if span.End-first-len(st) < minWords {
				continue
			}
			ok := true
			for k, w := range st {
				if strings.ToLower(tr.Words[first+k].Text) != w {
					ok = false
					break
				}
			}
			if ok {
				first += len(st)
				changed = true
				break
			}
		}
	}
	return first
}

// restart is the length (1 to 3 words) of a phrase said at word i and
// again right after it ("you would see you would see", "I, I"), 0 when
// none; only words before end count.
func restart(tr *pipeline.Transcript, i, end int) int {
	low := make([]string, 0, 6)
	for j := i; j < end && j < i+6; j++ {
		low = append(low, lexical.Fold(tr.Words[j].Text))
	}
	for k := 3; k >= 1; k-- {
		if said2(low, 0, k) {
			return k
		}
	}
	return 0
}

// said2 reports a phrase of k folded words at low[i] said again right
// after it ("you would see you would see", "the the").
func said2(low []string, i, k int) bool {
	if i < 0 || i+2*k > len(low) {
		return false
	}
	for j := 0; j < k; j++ {
		if low[i+j] == "" || low[i+j] != low[i+k+j] {
			return false
		}
	}
	return true
}

// clauseStart reports whether word i opens a sentence or a clause: it
// starts with a capital, or follows a conjunction or filler that ends a
// stub ("And we see …", "Yeah, so the question …"); "I think," with its
// comma is a stub no quote opens with.
func clauseStart(tr *pipeline.Transcript, i int) bool {
	if i+1 < len(tr.Words) && strings.EqualFold(tr.Words[i].Text, "I") && strings.EqualFold(tr.Words[i+1].Text, "think,") {
		return false
	}
	if startsUpper(tr.Words[i].Text) {
		return true
	}
	if i == 0 || tr.Words[i-1].Turn != tr.Words[i].Turn {
		return false
	}
	prev := strings.ToLower(tr.Words[i-1].Text)
	if !leadFillers[lexical.Fold(prev)] && !strings.HasSuffix(prev, "mean,") && !strings.HasSuffix(prev, "know,") {
		return false
	}
	// a conjunction inside a sentence joins a clause only when a subject
	// follows ("…, and we see …"), not a verb or an object ("…, and take
	// on from …")
	opensSentence := i-1 == 0 || tr.Words[i-2].Turn != tr.Words[i-1].Turn || lexical.EndsSentence(tr.Words[i-2].Text)
	return opensSentence || subjects[lexical.Fold(tr.Words[i].Text)]
}

// subjects open a clause after a conjunction inside a sentence.
var subjects = lexical.Set(`i we you they he she it the a an this that these those there my our your their his her its
	people everyone everybody nobody no every most some all what how why when if`)

func startsUpper(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.IsUpper(r) || unicode.IsDigit(r)
		}
	}
	return false
}

// choose takes candidates best first, skipping overlaps and near
// repeats, at most one per tenth of the episode; when that leaves fewer
// than Min, a second pass allows two per tenth.
func choose(tr *pipeline.Transcript, cands []candidate, opts Options) []candidate {
	var chosen []candidate
	n := len(tr.Words)
	bucket := func(c candidate) int { return min(9, c.span.First*10/max(1, n)) }
	for _, perBucket := range []int{1, 2} {
		used := map[int]int{}
		for _, c := range chosen {
			used[bucket(c)]++
		}
		for _, c := range cands {
			if len(chosen) >= opts.Max {
				break
			}
			if used[bucket(c)] >= perBucket || clashes(tr, c, chosen) {
				continue
			}
			chosen = append(chosen, c)
			used[bucket(c)]++
		}
		if len(chosen) >= opts.Min {
			break
		}
	}
	sort.SliceStable(chosen, func(i, j int) bool { return chosen[i].score > chosen[j].score })
	return chosen
}

// clashes reports overlap with a chosen quote or more than half of its
// content words shared with one (maximal marginal relevance as a cut-off).
func clashes(tr *pipeline.Transcript, c candidate, chosen []candidate) bool {
	cw := lexical.Terms(words(tr, c.span))
	for _, o := range chosen {
		if c.span.First < o.span.End && o.span.First < c.span.End {
			return true
		}
		if overlap(cw, lexical.Terms(words(tr, o.span))) > 0.5 {
			return true
		}
	}
	return false
}

func overlap(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	set := map[string]bool{}
	for _, w := range b {
		set[w] = true
	}
	n := 0
	for _, w := range a {
		if set[w] {
			n++
		}
	}
	return float64(n) / float64(min(len(a), len(b)))
}

// soundbite is a 15–60 s clip around the quote: the quote, widened by
// whole neighbouring sentences of the same turn (after it, then before it)
// until it lasts 15 s, never past 60 s; nil when times are unknown.
func soundbite(tr *pipeline.Transcript, sents []pipeline.Span, c candidate) *Soundbite {
	start, end := tr.SpanTime(c.span)
	if !pipeline.Known(start) || !pipeline.Known(end) || end <= start {
		return nil
	}
	turn := tr.Words[c.span.First].Turn
	lo, hi := c.sents[0], c.sents[len(c.sents)-1]
	for end-start < 15 {
		grown := false
		if hi+1 < len(sents) && tr.Words[sents[hi+1].First].Turn == turn {
			if _, e := tr.SpanTime(sents[hi+1]); pipeline.Known(e) && e-start <= 60 {
				hi, end, grown = hi+1, e, true
			}
		}
		if end-start < 15 && lo-1 >= 0 && tr.Words[sents[lo-1].End-1].Turn == turn {
			if s, _ := tr.SpanTime(sents[lo-1]); pipeline.Known(s) && end-s <= 60 {
				lo, start, grown = lo-1, s, true
			}
		}
		if !grown {
			break
		}
	}
	dur := end - start
	if dur < 15 {
		dur = 15 // the turn is too short: pad the clip past its end
	}
	dur = min(dur, 60)
	return &Soundbite{StartTime: round3(start), Duration: round3(dur), Title: title(tr.Text(c.span))}
}

func round3(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }

// title shortens a quote to at most 100 bytes at a word boundary.
func title(s string) string {
	if len(s) <= 100 {
		return s
	}
	cut := strings.LastIndexByte(s[:100], ' ')
	if cut <= 0 {
		cut = 100
	}
	return strings.TrimRight(s[:cut], ",;:") + "…"
}
