package summary

import (
	"context"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/lexical"
)

// Options are the summarizer's settings; the zero value works.
type Options struct {
	// Hosts are the speakers who ask the questions; their sentences are
	// used only when the guests' are not enough. Empty (or naming no
	// speaker): see pipeline.Transcript.Hosts.
	Hosts []string
	// Sentences is how many sentences to pick; 0 picks 3 (2 for a
	// transcript under 300 words).
	Sentences int
	// Tags is the run's tagging of the transcript (the tags stage); nil:
	// Summarize tags it itself.
	Tags *lexical.Tagging
}

// Summarize picks 2–3 central, self-contained sentences of the transcript,
// verbatim, in episode order.
func Summarize(ctx context.Context, t *pipeline.Transcript, opts Options) (*Summary, error) {
	out := &Summary{}
	if t == nil || len(t.Words) == 0 {
		return out, nil
	}
	sents := lexical.Sentences(t)
	want := opts.Sentences
	if want <= 0 {
		want = 3
		if len(t.Words) < 300 {
			want = 2
		}
	}
	vecs := vectors(t, sents)
	rank, err := lexical.TextRank(ctx, vecs)
	if err != nil {
		return nil, err
	}
	g := opts.Tags
	if g == nil {
		if g, err = lexical.Tag(ctx, t); err != nil {
			return nil, err
		}
	}
	finite := finiteVerbs(t, g)
	hosts := t.Hosts(opts.Hosts)
	names := guestNames(t, opts.Hosts)
	ad := lexical.InSponsorRead(len(sents), lexical.SponsorReads(t, sents))
	score := make([]float64, len(sents))
	kind := make([]int, len(sents))
	for i, s := range sents {
		score[i] = rank[i]
		kind[i] = describes(t, s, names)
		switch {
		case kind[i] == whoIs:
			score[i] += 1.0
			if namesAll(t, s, names) {
				score[i] += 0.3 // the introduction, with the full name
			}
		case kind[i] == covers:
			score[i] += 0.8
		case hosts[t.Words[s.First].Speaker]:
			score[i] *= 0.6
		}
	}
	// Redundancy is judged without the guest's names: "Today my guest is
	// Ann Lee." and "Ann is a painter." say different things.
	unnamed := make([]map[string]float64, len(vecs))
	for i, v := range vecs {
		unnamed[i] = v
		for k := range v {
			if names[k] || names[lexical.Fold(k)] {
				unnamed[i] = withoutTerms(v, names)
				break
			}
		}
	}
	// a cold open (the guests' clips before the host's introduction) is
	// the episode's teaser, not its description
	coldOpen := max(lexical.ColdOpenEnd(t, sents, hosts), 0)
	var picked []int
	for _, strict := range []bool{true, false} {
		var cands []int
		for i, s := range sents {
			if i >= coldOpen && !ad[i] && eligible(t, s, vecs[i], strict, kind[i] != plain) && (!strict || kind[i] != plain || mainClause(t, s, finite)) {
				cands = append(cands, i)
			}
		}
		for len(picked) < want {
			best, bestV := -1, math.Inf(-1)
			for _, c := range cands {
				if contains(picked, c) {
					continue
				}
				// who the guest is takes two sentences at most when
				// another says what the episode covers
				if kind[c] == whoIs && count(picked, kind, whoIs) >= 2 && anyOf(cands, kind, covers) {
					continue
				}
				red := 0.0
				for _, p := range picked {
					red = max(red, lexical.Cosine(unnamed[c], unnamed[p]))
				}
				if red > 0.5 {
					continue
				}
				if v := score[c] * (1 - 0.7*red); v > bestV {
					best, bestV = c, v
				}
			}
			if best < 0 {
				break
			}
			picked = append(picked, best)
		}
		if len(picked) >= want {
			break
		}
	}
	sort.Ints(picked)
	for _, i := range picked {
		out.Sentences = append(out.Sentences, t.Text(sents[i]))
	}
	return out, nil
}

// withoutTerms is v without the terms in drop.
func withoutTerms(v map[string]float64, drop map[string]bool) map[string]float64 {
	out := make(map[string]float64, len(v))
	for k, x := range v {
		if !drop[k] && !drop[lexical.Fold(k)] {
			out[k] = x
		}
	}
	return out
}

// namesAll reports whether sentence s holds every part of the guest's
// names ("Ann Lee", not only "Ann").
func namesAll(t *pipeline.Transcript, s pipeline.Span, names map[string]bool) bool {
	if len(names) == 0 {
		return false
	}
	seen := map[string]bool{}
	for i := s.First; i < s.End; i++ {
		if w := lexical.Fold(t.Words[i].Text); names[w] {
			seen[w] = true
		}
	}
	return len(seen) == len(names)
}

// anyOf reports whether a candidate is of kind k.
func anyOf(cands []int, kinds []int, k int) bool {
	return slices.ContainsFunc(cands, func(c int) bool { return kinds[c] == k })
}

// count is how many of the picked sentences are of kind k.
func count(picked []int, kinds []int, k int) int {
	n := 0
	for _, p := range picked {
		if kinds[p] == k {
			n++
		}
	}
	return n
}

func contains(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// Kinds of sentence the description opens with.
const (
	plain  = iota
	whoIs  // names the guest: "Today my guest is Ann Lee", "Ann is the author of …"
	covers // says what the episode covers: "In our conversation, we talk about …"
)

// coverCues say what an episode covers.
var coverCues = []string{"in our conversation", "in this conversation", "in this episode", "on this episode",
	"we talk about", "we discuss", "we get into", "we dig into", "we cover", "we chat about", "we go deep",
	"we explore", "we get very", "we get super", "we also talk", "we also discuss", "we also get"}

// guestNames are the words of the guests' names (the header's guest, else
// every speaker who is not a host), of three letters or more.
func guestNames(t *pipeline.Transcript, configuredHosts []string) map[string]bool {
	var guests []string
	if g := t.Guest(configuredHosts); g != "" {
		guests = append(guests, g)
	} else {
		hosts := t.Hosts(configuredHosts)
		for _, s := range t.Speakers() {
			if !hosts[s] {
				guests = append(guests, s)
			}
		}
	}
	out := map[string]bool{}
	for _, g := range guests {
		for _, w := range strings.Fields(g) {
			if w = lexical.Fold(w); len(w) >= 3 && !strings.HasPrefix(w, "speaker") && !strings.HasPrefix(w, "guest") {
				out[w] = true
			}
		}
	}
	return out
}

// describes tells whether a sentence names the guest or says what the
// episode covers.
func describes(t *pipeline.Transcript, s pipeline.Span, names map[string]bool) int {
	low := " " + strings.ToLower(t.Text(s)) + " "
	for _, c := range coverCues {
		if strings.Contains(low, c) {
			return covers
		}
	}
	// a sentence that speaks to the guest ("Ann, welcome to the show.",
	// "I bring you Ann Lee") does not describe them
	if strings.Contains(low, " you ") || strings.Contains(low, " your ") || strings.Contains(low, " you,") {
		return plain
	}
	for i := s.First; i < s.End; i++ {
		w := strings.TrimSuffix(strings.TrimSuffix(lexical.Fold(t.Words[i].Text), "'s"), "’s")
		vocative := strings.HasSuffix(t.Words[i].Text, ",") && (i == s.First || i == s.End-2)
		if names[w] && startsUpper(t.Words[i].Text) && !vocative {
			return whoIs
		}
	}
	return plain
}

func startsUpper(w string) bool {
	r := []rune(w)
	return len(r) > 0 && unicode.IsUpper(r[0])
}

// speakerSelf words tell the speaker's own story, which a description does
// not (unless it says who the guest is or what the episode covers).
var speakerSelf = lexical.Set(`i i'm i've i'd i'll me my myself`)

// firstPerson openers speak for one side of the conversation: a description
// may open with them only to say who the guest is or what the episode covers.
var firstPerson = lexical.Set(`i i'm i've i'd i'll you you're you've your we we're we've our my`)

// eligible reports whether a sentence can stand alone in the summary; a
// sentence that describes the episode (names the guest or what it covers)
// may be shorter and open in the first person.
func eligible(t *pipeline.Transcript, s pipeline.Span, v map[string]float64, strict, describing bool) bool {
	n := s.Len()
	lo, hi := 8, 40
	if !strict {
		lo, hi = 5, 50
	}
	if describing {
		lo, hi = 5, 50
	}
	if strict && !describing {
		if firstPerson[lexical.Fold(t.Words[s.First].Text)] {
			return false
		}
		// a subject pointing back ("The other booths, they …")
		if lexical.PointsBack(t, s) {
			return false
		}
		for i := s.First; i < s.End; i++ {
			// the speaker's own story ("Even though I'd started …")
			if speakerSelf[lexical.Fold(t.Words[i].Text)] {
				return false
			}
		}
	}
	if n < lo || n > hi || len(v) < 3 {
		return false
	}
	if lexical.Pleasantry(t.Text(s)) {
		return false // thanks and welcomes say nothing of the episode
	}
	if lexical.LinksBack(t, s) {
		return false // "Prior to that, Ann was …": after what?
	}
	first := lexical.Fold(t.Words[s.First].Text)
	last := strings.TrimRight(t.Words[s.End-1].Text, `"')]”’`)
	if strict && s.Len() > 1 && first == "you" && lexical.Fold(t.Words[s.First+1].Text) == "know" {
		return false
	}
	if strict && lexical.NeedsContext[first] {
		return false
	}
	if !strings.HasSuffix(last, ".") && !strings.HasSuffix(last, "!") {
		return false
	}
	r := []rune(t.Words[s.First].Text)
	if len(r) == 0 || !unicode.IsUpper(r[0]) && !unicode.IsDigit(r[0]) {
		return false
	}
	for i := s.First; i < s.End; i++ {
		w := t.Words[i].Text
		if strings.ContainsAny(w, "?[]") || (i+1 < s.End && strings.HasSuffix(w, "...")) {
			return false
		}
	}
	return true
}

// vectors returns a TF-IDF vector of content terms per sentence.
func vectors(t *pipeline.Transcript, sents []pipeline.Span) []map[string]float64 {
	docs := make([][]string, len(sents))
	for i, s := range sents {
		for j := s.First; j < s.End; j++ {
			if w := lexical.Term(t.Words[j].Text); w != "" {
				docs[i] = append(docs[i], w)
			}
		}
	}
	return lexical.TFIDF(docs)
}

// finiteVerbs marks the words the tagging reads as finite verbs (past,
// present, modal).
func finiteVerbs(t *pipeline.Transcript, g *lexical.Tagging) []bool {
	out := make([]bool, len(t.Words))
	for _, s := range g.Sentences {
		for _, tk := range s {
			switch tk.Tag {
			case "VBD", "VBZ", "VBP", "MD":
				if tk.Word >= 0 && tk.Word < len(out) {
					out[tk.Word] = true
				}
			}
		}
	}
	return out
}

// relatives open a relative clause, whose verb is not the sentence's.
var relatives = lexical.Set(`who whom whose which`)

// mainClause reports whether a sentence has a verb of its own: a finite
// verb before any relative pronoun ("Nobody in radiology had heard …"),
// not only one inside a relative clause ("Environmental folks trying to
// do audits, who are studying deep learning.": a fragment).
func mainClause(t *pipeline.Transcript, s pipeline.Span, finite []bool) bool {
	for i := s.First; i < s.End; i++ {
		if relatives[lexical.Fold(t.Words[i].Text)] {
			return false
		}
		if finite[i] {
			return true
		}
	}
	return false
}
