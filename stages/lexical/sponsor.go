package lexical

import (
	"regexp"
	"strings"

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
// indices [First, End).
type SponsorRead struct{ First, End int }

// SponsorReads finds the sponsor reads among the sentences (spans of t's
// words, in order). A read opens at a sentence naming a sponsor ("brought
// to you by", "sponsored by") or handing over to one ("after a short word
// from our sponsors") and runs to the end of its paragraph and over
// the following paragraphs of the same speaker that name a sponsor or a web
// address ("example.com/podcast"). It is the one place that decides what
// is an advertisement: chapters never cut inside one and the summary and
// quotes never draw from one.
func SponsorReads(t *pipeline.Transcript, sents []pipeline.Span) []SponsorRead {
	var out []SponsorRead
	text := func(si int) string { return t.Text(sents[si]) }
	spk := func(si int) string { return t.Words[sents[si].First].Speaker }
	para := func(si int) int { return t.Words[sents[si].First].Para }
	for si := 0; si < len(sents); si++ {
		if !opensSponsorRead(text(si)) {
			continue
		}
		end := si + 1
		for end < len(sents) && spk(end) == spk(si) {
			if para(end) != para(end-1) {
				p, j := para(end), end
				ad := false
				for ; j < len(sents) && para(j) == p && spk(j) == spk(si); j++ {
					ad = ad || opensSponsorRead(text(j)) || webAddress.MatchString(text(j))
				}
				if !ad {
					break
				}
				end = j
				continue
			}
			end++
		}
		out = append(out, SponsorRead{First: si, End: end})
		si = end - 1
	}
	return out
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
