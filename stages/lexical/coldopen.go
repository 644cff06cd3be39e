package lexical

import "github.com/shownotes/shownotes/pipeline"

const (
	// introWords is the least words of a host's introduction.
	introWords = 50
	// coldOpenWords is the least words of a cold open: a greeting
	// exchanged before the introduction is none.
	coldOpenWords = 30
)

// ColdOpenEnd is the sentence of sents where the host's introduction starts
// after a cold open — clips of the guests (the host's short questions
// among them) before the host's first long turn — or -1 when the episode
// opens otherwise: with the host's introduction, a greeting exchanged
// before it, or the show's welcome (pipeline.HostLine: "Hello, and welcome
// to season 5 …" under a speaker label the host's later turns don't
// share). Chapters start one there; the summary leaves the clips out.
func ColdOpenEnd(t *pipeline.Transcript, sents []pipeline.Span, hosts map[string]bool) int {
	guestSpoke := false
	for si, s := range sents {
		w := t.Words[s.First]
		if !hosts[w.Speaker] {
			guestSpoke = true
			continue
		}
		turnStart := si == 0 || w.Turn != t.Words[sents[si-1].First].Turn
		if !turnStart || w.Turn < 0 || w.Turn >= len(t.Turns) || t.Turns[w.Turn].Words.Len() < introWords {
			continue
		}
		if !guestSpoke || s.First < coldOpenWords {
			return -1
		}
		for j := range si {
			if pipeline.HostLine(t.Text(sents[j])) {
				return -1 // the welcome came first: the introduction itself
			}
		}
		return si
	}
	return -1
}
