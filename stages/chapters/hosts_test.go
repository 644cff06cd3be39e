package chapters

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/lexical"
)

// turns builds a transcript from "Speaker: words …" lines, one turn each.
func turns(guest string, lines ...string) *pipeline.Transcript {
	t := &pipeline.Transcript{Header: pipeline.Header{Guest: guest}}
	for _, l := range lines {
		sp, text, _ := strings.Cut(l, ": ")
		first := len(t.Words)
		for _, w := range strings.Fields(text) {
			t.Words = append(t.Words, pipeline.Word{Text: w, Speaker: sp, Turn: len(t.Turns), Start: pipeline.NoTime, End: pipeline.NoTime})
		}
		t.Turns = append(t.Turns, pipeline.Turn{Speaker: sp, Words: pipeline.Span{First: first, End: len(t.Words)}, Time: pipeline.NoTime})
	}
	return t
}

// TestHosts covers pipeline.Transcript.Hosts, the host rule chapters,
// summary and quotes share.
func TestHosts(t *testing.T) {
	interview := []string{"Ann: Welcome. Why did you start?", "Bob: I wanted to. Why not?", "Ann: And then what?", "Bob: Then I went on."}
	guestFirst := []string{"Bob: Hello there.", "Ann: What do you do?", "Bob: I paint.", "Ann: Why paint?", "Bob: I like it."}
	for _, tc := range []struct {
		name       string
		tr         *pipeline.Transcript
		configured []string
		want       string
	}{
		{"empty", &pipeline.Transcript{}, nil, ""},
		{"one speaker", turns("", "Ann: Hello? Anyone?", "Ann: Right."), nil, ""},
		{"configured", turns("", interview...), []string{"  bob "}, "Bob"},
		{"configured unknown falls back", turns("Bob", interview...), []string{"Zed"}, "Ann"},
		{"header guest", turns("Ann", interview...), nil, "Bob"},
		{"header guest of three", turns("Cy", append(interview, "Cy: Hi.")...), nil, "Ann,Bob"},
		{"guest not a speaker", turns("Zed", guestFirst...), nil, "Ann"},
		{"questions", turns("", guestFirst...), nil, "Ann"},
		{"tie is the first", turns("", "Ann: Why?", "Bob: Sure?", "Ann: Fine.", "Bob: Yes."), nil, "Ann"},
		{"clear lead", turns("", "Ann: Why?", "Bob: Sure?", "Ann: Fine.", "Bob: Yes?"), nil, "Bob"},
		// a cold open of the guest, the host's questions split over many
		// turns: the one who introduces the guest hosts
		{"introducer", turns("", "Bob: Why would anyone paint? Who knows?", "Ann: Today my guest is Bob.", "Ann: He paints.", "Bob: Thanks. Why not?", "Ann: Fine."), nil, "Ann"},
		{"two introducers fall back", turns("", "Bob: My guest is Ann? Why?", "Ann: Today my guest is Bob.", "Ann: He paints.", "Bob: Why not?"), nil, "Bob"},
	} {
		var got []string
		for s := range tc.tr.Hosts(tc.configured) {
			got = append(got, s)
		}
		sort.Strings(got)
		if g := strings.Join(got, ","); g != tc.want {
			t.Errorf("%s: Hosts(%q) = %q, want %q", tc.name, tc.configured, g, tc.want)
		}
	}
}

func TestQuestionTitle(t *testing.T) {
	for _, tc := range []struct {
		host, want string
	}{
		{"Great. Why is changing your mind so hard?", "Why is changing your mind so hard?"},
		{"So why is changing your mind so hard?", ""},                                      // direct: nothing dropped
		{"Why is that so hard?", ""},                                                       // points back
		{"Is change hard for you?", ""},                                                    // no question word
		{"How do the best teams decide what to build when nobody agrees on anything?", ""}, // too long
		{"I see. Tell me more.", ""},
	} {
		tr := turns("Guest", "Host: "+tc.host, "Guest: Well, I would say it depends on the day.")
		sents := lexical.Sentences(tr)
		sentOf := make([]int, len(tr.Words))
		for si, sp := range sents {
			for i := sp.First; i < sp.End; i++ {
				sentOf[i] = si
			}
		}
		open := opening(tr, pipeline.Span{First: 0, End: len(tr.Words)}, sentOf, map[string]bool{"Host": true})
		if got := question(tr, sents, open, nil, true); got != tc.want {
			t.Errorf("question(%q, direct) = %q, want %q", tc.host, got, tc.want)
		}
	}
}

// TestColdOpenIntro: the host's introduction after a cold open is a
// boundary, also when the host asks short questions inside the cold open;
// an episode the host opens with the introduction has none, and nor has a
// greeting exchanged before it or a welcome to the show.
func TestColdOpenIntro(t *testing.T) {
	long := "Ann: Today my guest is Bob. " + strings.Repeat("He paints large walls in small towns. ", 8)
	clip := "Bob: " + strings.Repeat("Paint is how a town remembers itself. ", 5)
	for _, tc := range []struct {
		name  string
		lines []string
		want  int // the intro's sentence, -1 for none
	}{
		{"guest first", []string{clip, long, "Bob: Thanks."}, 5},
		{"host asks inside the cold open", []string{"Ann: Why walls?", clip, long, "Bob: Thanks."}, 6},
		{"host opens with the introduction", []string{long, clip}, -1},
		{"a greeting first", []string{"Ann: Hi.", "Bob: Hi Ann.", long, clip}, -1},
		// the welcome under another label than the host's ("Ann Lee"
		// first, "Ann" later) is the introduction, not a cold open
		{"welcome under another label", []string{"Ann Lee: Hello, and welcome to season 5 of the Wall Show. " + strings.Repeat("We talk paint and walls. ", 8), long, clip}, -1},
	} {
		guest := "Bob"
		if strings.HasPrefix(tc.lines[0], "Ann Lee:") {
			guest = "Ann Lee" // the label is taken for a guest's
		}
		tr := turns(guest, tc.lines...)
		sents := lexical.Sentences(tr)
		if _, _, got := structure(tr, sents, lexical.SponsorReads(tr, sents), tr.Hosts(nil)); got != tc.want {
			t.Errorf("%s: intro = %d, want %d", tc.name, got, tc.want)
		}
	}
}

// TestStartCue: after a sponsor read and the welcome, the first topic
// starts where the host says where to start, not at the pleasantries.
func TestStartCue(t *testing.T) {
	long := "Ann: Today my guest is Bob. " + strings.Repeat("He paints large walls in small towns. ", 8)
	clip := "Bob: " + strings.Repeat("Paint is how a town remembers itself. ", 5)
	read := "Ann: This episode is brought to you by Zintrex. Zintrex keeps your paint dry. Go to zintrex.com/ann to try Zintrex."
	welcome := "Ann: Bob, welcome to the show."
	thanks := "Bob: Thank you so much for having me."
	praise := "Ann: I am so excited to have you here. Your murals are everywhere."
	for _, tc := range []struct {
		name  string
		lines []string
		want  string // the first words of the forced boundary after the read
	}{
		{"a start cue in a later turn", []string{clip, long, read, welcome, thanks, praise, "Bob: That is kind.", "Ann: I thought we would start with your first wall. How did it go?", clip}, "I thought"},
		{"a start cue inside the welcome turn", []string{clip, long, read, welcome, thanks, "Ann: I am so excited. Let's start with your first wall. How did it go?", clip}, "Let's start"},
		{"no start cue: the host's next turn", []string{clip, long, read, welcome, thanks, praise, clip}, "I am"},
		{"no sponsor read: the cue after the introduction", []string{clip, long, thanks, praise, "Bob: That is kind.", "Ann: I thought we would start with your first wall. How did it go?", clip}, "I thought"},
	} {
		tr := turns("Bob", tc.lines...)
		sents := lexical.Sentences(tr)
		reads := lexical.SponsorReads(tr, sents)
		forced, _, _ := structure(tr, sents, reads, tr.Hosts(nil))
		if len(forced) != 2 {
			t.Fatalf("%s: forced = %v, want the intro and the resume", tc.name, forced)
		}
		s := sents[forced[1]]
		if got := tr.Text(pipeline.Span{First: s.First, End: s.First + 2}); got != tc.want {
			t.Errorf("%s: the first topic starts at %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestNoBoundaryInsideIntroduction(t *testing.T) {
	clip := "Bob: " + strings.Repeat("Paint is how a town remembers itself. ", 5)
	intro := "Ann: Today my guest is Bob. " + strings.Repeat("He paints large walls in small towns. ", 8) +
		strings.Repeat("If you enjoy this podcast, subscribe in your favorite app. ", 4)
	read := "Ann: This episode is brought to you by Zintrex. Zintrex keeps your paint dry. Go to zintrex.com/ann to try Zintrex."
	tr := turns("Bob", clip, intro, read, "Ann: Bob, welcome to the show.", "Bob: Thank you for having me.", clip)
	sents := lexical.Sentences(tr)
	_, inside, intro0 := structure(tr, sents, lexical.SponsorReads(tr, sents), tr.Hosts(nil))
	if intro0 < 0 {
		t.Fatal("structure found no introduction")
	}
	introTurn := tr.Words[sents[intro0].First].Turn
	for j := intro0 + 1; j < len(sents); j++ {
		in := tr.Words[sents[j].First].Turn == introTurn
		if in && !inside[j] {
			t.Errorf("sentence %d (%q) of the introduction may open a chapter", j, tr.Text(sents[j]))
		}
		if !in && inside[j] && tr.Words[sents[j].First].Speaker == "Bob" {
			t.Errorf("sentence %d (%q) of the guest may not open a chapter", j, tr.Text(sents[j]))
		}
	}
}

func TestPreviewTitle(t *testing.T) {
	clip := "Bob: " + strings.Repeat("Paint is how a town remembers itself. ", 5)
	intro := "Ann: Today my guest is Bob. " + strings.Repeat("He paints large walls in small towns. ", 8)
	var lines []string
	lines = append(lines, clip, intro)
	for range 12 {
		lines = append(lines, "Ann: How do you choose a wall?", "Bob: "+strings.Repeat("I walk the streets for weeks and look at the light on every wall. ", 6))
	}
	tr := turns("Bob", lines...)
	got, err := Find(context.Background(), &pipeline.Alignment{Transcript: tr}, Options{Count: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Chapters) < 2 {
		t.Fatalf("Find = %d chapters, want the cold open and the introduction apart", len(got.Chapters))
	}
	if got.Chapters[0].Title != previewTitle || got.Chapters[1].Title != "Meet Bob" {
		t.Errorf("titles = %q, %q; want %q, %q", got.Chapters[0].Title, got.Chapters[1].Title, previewTitle, "Meet Bob")
	}
}
