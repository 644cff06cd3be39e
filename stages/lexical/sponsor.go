package lexical

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shownotes/shownotes/pipeline"
)

var (
	// sponsorCues open a sponsor read.
	sponsorCues = []string{"brought to you by", "sponsored by", "is sponsored", "word from our sponsor",
		"our sponsor today", "today's sponsor"}
	webAddress = regexp.MustCompile(`(?i)\b[a-z0-9-]+\.(com|co|io|org|net|ai|fm|app|dev)(/|\b)`)
)

// opensSponsorRead reports whether a sentence names a sponsor ("This
// episode is brought to you by …").
func opensSponsorRead(s string) bool {
	s = strings.ToLower(s)
	for _, c := range sponsorCues {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}

// SponsorRead is a run of sentences that read an advertisement: sentence
// indices [First, End), and the sponsor it names.
type SponsorRead struct {
	First, End int
	// Name is the sponsor as the read names it: the capitalised words
	// after the last "by" of its first sentence ("brought to you by Acme
	// Cloud."), else the capitalised word it repeats most that is not part
	// of a speaker's name; "" when neither.
	Name string
}

// maxReadWords bounds a host-read advertisement (30–120 s of speech) from
// its opening cue, or from its sponsor's first mention, to its last
// mention.
const maxReadWords = 350

// SponsorReads finds the sponsor reads among the sentences (spans of t's
// words, in order). A read opens at a sentence naming a sponsor ("brought
// to you by", "sponsored by") or handing over to one ("after a short word
// from our sponsors"); a read without such a cue opens at the first
// mention of the sponsor whose web address with a path closes it ("Let me
// tell you about Acme. … sign up at acme.com/show"). It runs to the end of
// its paragraph, then on over the same speaker's sentences to the last
// that names the sponsor or a web address, at most maxReadWords from the
// latest cue; reads that follow each other are one. It is the one place
// that decides what is an advertisement: chapters never cut inside one and
// the summary and quotes never draw from one.
func SponsorReads(t *pipeline.Transcript, sents []pipeline.Span) []SponsorRead {
	var out []SponsorRead
	text := func(si int) string { return t.Text(sents[si]) }
	spk := func(si int) string { return t.Words[sents[si].First].Speaker }
	para := func(si int) int { return t.Words[sents[si].First].Para }
	done := 0 // sentences before this are in a read already
	for si := 0; si < len(sents); si++ {
		start := -1
		names := map[string]bool{}
		switch {
		case opensSponsorRead(text(si)):
			start = si
			addSponsorNames(names, text(si))
		default:
			if label := addressLabel(text(si)); label != "" {
				names[label] = true
				start = firstMention(t, sents, si, done, names)
			}
		}
		if start < 0 {
			continue
		}
		last := si
		for last+1 < len(sents) && spk(last+1) == spk(si) && para(last+1) == para(si) {
			last++
		}
		budget := 0
		for j := start; j <= last; j++ {
			budget += sents[j].Len()
		}
		for j := last + 1; j < len(sents) && spk(j) == spk(si); j++ {
			budget += sents[j].Len()
			s := text(j)
			if opensSponsorRead(s) {
				last, budget = j, sents[j].Len()
				addSponsorNames(names, s)
				continue
			}
			if budget > maxReadWords {
				break
			}
			if webAddress.MatchString(s) || mentionsAny(s, names) {
				last = j
				addSponsorNames(names, s)
			}
		}
		if n := len(out); n > 0 && out[n-1].End >= start {
			out[n-1].End = last + 1
		} else {
			out = append(out, SponsorRead{First: start, End: last + 1})
		}
		si, done = last, last+1
	}
	speakers := map[string]bool{}
	for _, sp := range t.Speakers() {
		for _, f := range strings.Fields(sp) {
			speakers[strings.ToLower(f)] = true
		}
	}
	for i := range out {
		out[i].Name = readName(t, sents, out[i], speakers)
	}
	return out
}

// readName is the sponsor a read names (see SponsorRead.Name).
func readName(t *pipeline.Transcript, sents []pipeline.Span, r SponsorRead, speakers map[string]bool) string {
	s := sents[r.First]
	by := -1
	for i := s.First; i+1 < s.End; i++ {
		if Fold(t.Words[i].Text) == "by" {
			by = i
		}
	}
	if by >= 0 {
		var parts []string
		for i := by + 1; i < s.End && len(parts) < 3; i++ {
			w := t.Words[i].Text
			bare := strings.TrimRightFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			if bare == "" || !startsUpper(bare) {
				break
			}
			parts = append(parts, bare)
			if bare != w {
				break // punctuation ends the name
			}
		}
		if name := strings.Join(parts, " "); name != "" {
			return name
		}
	}
	// a read that only hands over ("after a word from our sponsors"):
	// the name it repeats most
	count := map[string]int{}
	for i := s.First; i < sents[r.End-1].End; i++ {
		w := strings.TrimSuffix(strings.TrimSuffix(t.Words[i].Text, "'s"), "’s")
		w = strings.TrimRightFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if w != "" && w != "I" && startsUpper(w) && !Stopwords[strings.ToLower(w)] && !speakers[strings.ToLower(w)] {
			count[w]++
		}
	}
	name := ""
	for w, c := range count {
		if c >= 2 && (c > count[name] || c == count[name] && w < name) {
			name = w
		}
	}
	return name
}

// startsUpper reports a word whose first rune is an upper-case letter.
func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

var (
	// sponsorName is the name after a cue: "brought to you by Acme".
	sponsorName = regexp.MustCompile(`(?i)(?:brought to you by|sponsored by)\s+([A-Za-z0-9][\w&-]*)`)
	// pathAddress is a web address with a path: "acme.com/show".
	pathAddress = regexp.MustCompile(`(?i)\b([a-z0-9-]+)\.(?:com|co|io|org|net|ai|fm|app|dev)/\w`)
)

// addSponsorNames adds the sponsor names a sentence gives: the name after
// its cue and the first label of each web address.
func addSponsorNames(names map[string]bool, s string) {
	for _, m := range sponsorName.FindAllStringSubmatch(s, -1) {
		names[strings.ToLower(m[1])] = true
	}
	for _, m := range webAddress.FindAllString(s, -1) {
		if l, _, ok := strings.Cut(strings.ToLower(m), "."); ok {
			names[l] = true
		}
	}
}

// addressLabel is the first label of a web address with a path in s
// ("acme" of "acme.com/show"), or "".
func addressLabel(s string) string {
	if m := pathAddress.FindStringSubmatch(s); m != nil {
		return strings.ToLower(m[1])
	}
	return ""
}

// mentionsAny reports whether a word of s, folded, is one of names.
func mentionsAny(s string, names map[string]bool) bool {
	for _, w := range strings.Fields(s) {
		if names[Fold(w)] {
			return true
		}
	}
	return false
}

// firstMention is where a read without a cue opens: the first of the
// sentences before closing (same speaker, not before from, within
// maxReadWords) that names the sponsor; -1 when none does.
func firstMention(t *pipeline.Transcript, sents []pipeline.Span, closing, from int, names map[string]bool) int {
	first, words := -1, 0
	for j := closing - 1; j >= from; j-- {
		if t.Words[sents[j].First].Speaker != t.Words[sents[closing].First].Speaker {
			break
		}
		if words += sents[j].Len(); words > maxReadWords {
			break
		}
		if mentionsAny(t.Text(sents[j]), names) {
			first = j
		}
	}
	return first
}

// InSponsorRead marks the sentences inside the reads.
func InSponsorRead(n int, reads []SponsorRead) []bool {
	in := make([]bool, n)
	for _, r := range reads {
		for k := r.First; k < r.End && k < n; k++ {
			in[k] = true
		}
	}
	return in
}
