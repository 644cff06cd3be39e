package lexical

import (
	"reflect"
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
	if len(got) != 1 || got[0] != (SponsorRead{First: 1, End: 6, Name: "Acme"}) {
		t.Fatalf("SponsorReads = %+v, want one read of sentences 1..5 (from the hand-over) naming Acme", got)
	}
	in := InSponsorRead(len(sents), got)
	if in[0] || !in[1] || !in[5] || in[6] {
		t.Errorf("InSponsorRead = %v", in)
	}
}

func TestSponsorReadsShapes(t *testing.T) {
	for _, tc := range []struct {
		name  string
		turns []string
		want  []SponsorRead
	}{
		{
			name: "one sentence a paragraph: the read runs to its last mention",
			turns: []string{
				"Host: Welcome back. ¶ This episode is brought to you by Zentrix. ¶ If you build apps, you need logins. ¶ That is where Zentrix comes in. ¶ It is fast and cheap. ¶ Try it at zentrix.com/show today. ¶ Now, my guest.",
				"Guest: Thanks for having me.",
			},
			// 0 Welcome, 1 This episode, 2 If you, 3 That is, 4 It is, 5 Try it, 6 Now, 7 Thanks
			want: []SponsorRead{{First: 1, End: 6, Name: "Zentrix"}},
		},
		{
			name: "no cue: from the first mention of the sponsor its address names",
			turns: []string{
				"Host: So that is the plan. ¶ Let me tell you about Quillo. Quillo tracks habits. It works on phones. ¶ Sign up at quillo.com/show for a free month. That is quillo.com/show. ¶ Here is my chat.",
			},
			// 0 So that, 1 Let me, 2 Quillo tracks, 3 It works, 4 Sign up, 5 That is, 6 Here is
			want: []SponsorRead{{First: 1, End: 6, Name: "Quillo"}},
		},
		{
			name: "two reads in a row are one",
			turns: []string{
				"Host: This episode is brought to you by Abel. Abel is great. ¶ Go to abel.com/x now. ¶ This episode is brought to you by Bexa. Bexa is better. ¶ Go to bexa.com/x now. ¶ Welcome, Ann.",
			},
			want: []SponsorRead{{First: 0, End: 6, Name: "Abel"}}, // the first read's sponsor
		},
		{
			name: "a guest's web address without a mention before it is no read",
			turns: []string{
				"Guest: We wrote it all up. You can read it at ourblog.org/essay anytime.",
			},
			want: nil,
		},
	} {
		tr, sents := transcriptOf(tc.turns...)
		if got := SponsorReads(tr, sents); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: SponsorReads = %+v, want %+v", tc.name, got, tc.want)
		}
	}
}
