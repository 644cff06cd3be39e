package lexical

import (
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
)

// transcriptOf builds a transcript from "Speaker: sentence sentence" turns,
// one paragraph each ("¶" starts a new paragraph of the same turn), with
// sentences cut at . ? and !.
func transcriptOf(turns ...string) (*pipeline.Transcript, []pipeline.Span) {
	tr := &pipeline.Transcript{}
	para := -1
	for ti, turn := range turns {
		spk, text, _ := strings.Cut(turn, ": ")
		para++
		for _, w := range strings.Fields(text) {
			if w == "¶" {
				para++
				continue
			}
			tr.Words = append(tr.Words, pipeline.Word{Text: w, Speaker: spk, Turn: ti, Para: para})
		}
	}
	return tr, Sentences(tr)
}

func TestSponsorReads(t *testing.T) {
	tr, sents := transcriptOf(
		"Host: Today my guest is Ann. With that, after a word from our sponsors.",
		"Host: This episode is brought to you by Acme. Acme makes rockets. ¶ Rockets are fun. Go to acme.com/show today. ¶ Ann, welcome to the show.",
		"Ann: Thank you. Acme is not my sponsor.",
	)
	got := SponsorReads(tr, sents)
	// sentences: 0 Today…, 1 With that…, 2 This episode…, 3 Acme makes…, 4 Rockets…, 5 Go to…, 6 Ann, welcome…, 7 Thank you., 8 Acme is…
	if len(got) != 1 || got[0] != (SponsorRead{First: 1, End: 6}) {
		t.Fatalf("SponsorReads = %+v, want one read of sentences 1..5 (from the hand-over)", got)
	}
	in := InSponsorRead(len(sents), got)
	if in[0] || !in[1] || !in[5] || in[6] {
		t.Errorf("InSponsorRead = %v", in)
	}
}
