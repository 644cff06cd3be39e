package quotes

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
	"github.com/shownotes/shownotes/stages/lexical"
	"github.com/shownotes/shownotes/stages/transcript"
)

func TestParts(t *testing.T) {
	f := strings.Fields
	tests := []struct {
		name string
		in   string
		get  func(partScores) float64
		want float64
	}{
		{"Claim", "The key problem is that nobody reads the manual anymore", func(p partScores) float64 { return p.Claim }, 1},
		{"Claim", "We went home", func(p partScores) float64 { return p.Claim }, 0},
		{"Contrast", "Everyone wants growth but nobody wants change", func(p partScores) float64 { return p.Contrast }, 1},
		{"Contrast", "But everyone wants growth", func(p partScores) float64 { return p.Contrast }, 0},
		{"Stance", "I think elections are won before the campaign starts", func(p partScores) float64 { return p.Stance }, 1},
		{"Stance", "Elections are won before the campaign starts", func(p partScores) float64 { return p.Stance }, 0},
		{"Brevity", strings.Repeat("word ", 15), func(p partScores) float64 { return p.Brevity }, 1},
		{"Brevity", strings.Repeat("word ", 6), func(p partScores) float64 { return p.Brevity }, 0},
		{"Brevity", strings.Repeat("word ", 45), func(p partScores) float64 { return p.Brevity }, 0},
		{"Filler", "I, I mean, you know, it was good", func(p partScores) float64 { return p.Filler }, 1},
		{"Filler", "It was a good decision in the end", func(p partScores) float64 { return p.Filler }, 0},
		{"Filler", "you would see you would see NFTs from a number of them", func(p partScores) float64 { return p.Filler }, 5.0 / 12},
	}
	for _, tt := range tests {
		if got := tt.get(parts(f(tt.in))); got != tt.want {
			t.Errorf("parts(%q).%s = %v, want %v", tt.in, tt.name, got, tt.want)
		}
	}
}

// checkVerbatim asserts the quote rules on a transcript's quotes.
func checkVerbatim(t *testing.T, name string, tr *pipeline.Transcript, qs *Quotes, hosts map[string]bool) {
	t.Helper()
	for i, q := range qs.Quotes {
		s := q.Words
		if s.First < 0 || s.End > len(tr.Words) || s.Len() <= 0 {
			t.Errorf("%s quote %d: bad span %v", name, i, s)
			continue
		}
		// the text is the run of words in order, some runs cut where
		// an ellipsis marks it, the first and last word kept
		if !verbatimWithCuts(q.Text, tr, s) {
			t.Errorf("%s quote %d: text %q is not the words %q with marked cuts", name, i, q.Text, tr.Text(s))
		}
		turn := tr.Words[s.First].Turn
		for w := s.First; w < s.End; w++ {
			if tr.Words[w].Turn != turn || tr.Words[w].Speaker != q.Speaker {
				t.Errorf("%s quote %d crosses turns or speakers at word %d", name, i, w)
				break
			}
		}
		if !clauseStart(tr, s.First) {
			t.Errorf("%s quote %d does not open a sentence or clause: %q", name, i, q.Text)
		}
		if n := s.Len(); n < 8 || n > 40 {
			t.Errorf("%s quote %d: %d words, want 8–40", name, i, n)
		}
		if !endsSentence(tr.Words[s.End-1].Text) || isQuestion(tr, s) {
			t.Errorf("%s quote %d does not end a statement: %q", name, i, q.Text)
		}
		if hosts[q.Speaker] {
			t.Errorf("%s quote %d is the host's (%s)", name, i, q.Speaker)
		}
		if i > 0 && q.Score > qs.Quotes[i-1].Score {
			t.Errorf("%s: quote %d scores above quote %d", name, i, i-1)
		}
		st, en := tr.SpanTime(s)
		if times, timing := lexical.WordTimes(tr); timing == lexical.Approximate {
			// no audio, but the transcript's stamps: approximate times
			if !q.Approximate || q.Start == nil || math.Abs(*q.Start-times[s.First]) > 0.0005 || q.End == nil || *q.End < *q.Start {
				t.Errorf("%s quote %d: times %v %v approximate %v, want the stamps' %v, approximate", name, i, q.Start, q.End, q.Approximate, times[s.First])
			}
		} else if q.Approximate || pipeline.Known(st) != (q.Start != nil) || q.Start != nil && (*q.Start != st || *q.End != en) {
			t.Errorf("%s quote %d: times %v %v, want the words' %v %v", name, i, q.Start, q.End, st, en)
		}
		if sb := q.Soundbite; sb != nil {
			if sb.Duration < 15 || sb.Duration > 60 || sb.StartTime > st+0.001 || sb.StartTime+sb.Duration < en-0.001 && sb.Duration < 60 {
				t.Errorf("%s quote %d: soundbite %+v does not hold %v–%v in 15–60 s", name, i, *sb, st, en)
			}
		}
	}
}

func parseFile(t *testing.T, path string) *pipeline.Transcript {
	t.Helper()
	tr, err := transcript.ParseFile(path, transcript.Options{})
	if err != nil {
		t.Fatalf("ParseFile(%s): %v", path, err)
	}
	return tr
}

func TestVerbatimSeedAndSample(t *testing.T) {
	for name, tr := range map[string]*pipeline.Transcript{
		"seed":   parseFile(t, filepath.Join("..", "..", "testdata", "seed.txt")),
		"sample": testcorpus.MustEpisode(t, testcorpus.Sample(), testcorpus.EpisodeOptions{Timed: true, BlankLines: true}).Transcript,
	} {
		qs, err := Pick(tr, Options{})
		if err != nil {
			t.Fatal(err)
		}
		hosts := tr.Hosts(nil)
		checkVerbatim(t, name, tr, qs, hosts)
		if name == "seed" && (len(qs.Quotes) < 5 || len(qs.Quotes) > 8) {
			t.Errorf("seed: %d quotes, want 5–8", len(qs.Quotes))
		}
		if name == "sample" && len(qs.Quotes) != 0 {
			// the guest only says "Thank you." in the sample: nothing to quote
			t.Errorf("sample: %d quotes, want none (only the host speaks at length)", len(qs.Quotes))
		}
	}
}

func TestVerbatimCorpus(t *testing.T) {
	dir := testcorpus.Need(t)
	for _, name := range []string{"seed", "ss45", "ss260", "ss45_rev", "ss260_rev"} {
		tr := parseFile(t, filepath.Join(dir, "transcripts", name+".txt"))
		qs, err := Pick(tr, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(qs.Quotes) < 5 {
			t.Errorf("%s: %d quotes, want at least 5", name, len(qs.Quotes))
		}
		checkVerbatim(t, name, tr, qs, tr.Hosts(nil))
		if os.Getenv("SHOW_QUOTES") != "" {
			for _, q := range qs.Quotes {
				t.Logf("%s %.3f %s: %s", name, q.Score, q.Speaker, q.Text)
			}
		}
	}
}

func TestTimedCorpus(t *testing.T) {
	for _, name := range []string{"ss45", "seed"} {
		dir := testcorpus.NeedRenderedText(t, name)
		tr := testcorpus.MustEpisode(t, dir, testcorpus.EpisodeOptions{Timed: true, BlankLines: true}).Transcript
		qs, err := Pick(tr, Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkVerbatim(t, name, tr, qs, tr.Hosts(nil))
		for i := range min(3, len(qs.Quotes)) {
			if qs.Quotes[i].Soundbite == nil {
				t.Errorf("%s: quote %d has no soundbite", name, i)
			}
		}
	}
}

func TestHostsOption(t *testing.T) {
	tr := parseFile(t, filepath.Join("..", "..", "testdata", "seed.txt"))
	sp := tr.Speakers()
	if len(sp) < 2 {
		t.Skip("seed has fewer than two speakers")
	}
	qs, err := Pick(tr, Options{Hosts: []string{sp[1]}})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs.Quotes {
		if q.Speaker == sp[1] {
			t.Errorf("Pick(Hosts: %s) quoted the host: %q", sp[1], q.Text)
		}
	}
}

func TestPickEdgeCases(t *testing.T) {
	if _, err := Pick(nil, Options{}); err == nil {
		t.Error("Pick(nil) = nil error, want ErrNilTranscript")
	}
	qs, err := Pick(&pipeline.Transcript{}, Options{})
	if err != nil || len(qs.Quotes) != 0 {
		t.Errorf("Pick(empty) = %v, %v", qs, err)
	}
	tr := &pipeline.Transcript{Words: []pipeline.Word{{Text: "Hi."}}, Sentences: []pipeline.Span{{First: -3, End: 40}}}
	if _, err := Pick(tr, Options{}); err != nil {
		t.Error(err)
	}
}

func BenchmarkPickSeed(b *testing.B) {
	tr, err := transcript.ParseFile(filepath.Join("..", "..", "testdata", "seed.txt"), transcript.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for range b.N {
		if _, err := Pick(tr, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzPick(f *testing.F) {
	for _, p := range []string{filepath.Join("..", "..", "testdata", "seed.txt"), filepath.Join("..", "..", "testdata", "sample", "transcript.txt")} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b[:min(len(b), 5000)]))
		}
	}
	f.Add("A\n\nOne two three four five six seven eight nine. Ten?\n\nB\n\nI think so, but no.\n")
	f.Fuzz(func(t *testing.T, s string) {
		tr, err := transcript.Parse(strings.NewReader(s), transcript.Options{})
		if err != nil {
			return
		}
		qs, err := Pick(tr, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range qs.Quotes {
			if !verbatimWithCuts(q.Text, tr, q.Words) {
				t.Fatalf("quote %q is not verbatim (cuts marked) in %q", q.Text, tr.Text(q.Words))
			}
		}
	})
}

// timed builds a two-speaker transcript whose word i lasts [i*0.5, i*0.5+0.4).
func timed(lines ...string) *pipeline.Transcript {
	tr := &pipeline.Transcript{}
	for _, ln := range lines {
		sp, text, _ := strings.Cut(ln, ": ")
		first, sent := len(tr.Words), len(tr.Words)
		for _, w := range strings.Fields(text) {
			i := len(tr.Words)
			tr.Words = append(tr.Words, pipeline.Word{Text: w, Speaker: sp, Turn: len(tr.Turns), Start: float64(i) * 0.5, End: float64(i)*0.5 + 0.4})
			if endsSentence(w) {
				tr.Sentences = append(tr.Sentences, pipeline.Span{First: sent, End: i + 1})
				sent = i + 1
			}
		}
		tr.Turns = append(tr.Turns, pipeline.Turn{Speaker: sp, Words: pipeline.Span{First: first, End: len(tr.Words)}, Time: pipeline.NoTime})
	}
	return tr
}

func TestSoundbite(t *testing.T) {
	tr := timed(
		"Host: What is the secret of winning elections?",
		"Guest: So the lesson is simple. Elections are won by organisation long before the campaign starts, not by speeches. "+
			"The party builds booth committees in every village and keeps them busy between elections. "+
			"That is the machine.",
		"Host: Why does nobody else do it?",
	)
	qs, err := Pick(tr, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(qs.Quotes) == 0 {
		t.Fatal("Pick: no quotes")
	}
	checkVerbatim(t, "timed", tr, qs, map[string]bool{"Host": true})
	q := qs.Quotes[0]
	if q.Speaker != "Guest" || q.Soundbite == nil {
		t.Fatalf("top quote = %+v, want the guest's with a soundbite", q)
	}
	if sb := q.Soundbite; sb.StartTime > *q.Start || sb.Duration < 15 || sb.Duration > 60 {
		t.Errorf("soundbite %+v for quote %v–%v, want 15–60 s holding it", *sb, *q.Start, *q.End)
	}
	for _, q := range qs.Quotes {
		if q.Start == nil || q.End == nil {
			t.Errorf("quote %q has no times", q.Text)
		}
	}
}

// TestCandidatesOpenWithCapital checks that trimming a leading filler never
// leaves a quote opening in lower case: the whole sentence is kept instead.
func TestCandidatesOpenWithoutStub(t *testing.T) {
	tests := []struct {
		sentence string
		want     string // the candidate's text; "" for none
	}{
		{"And we see more and more people understand what these tools are good at.", "we see more and more people understand what these tools are good at."},
		// no stub opens a quote: "So," and "Yeah, so" are cut
		{"So, I think the answer to this whole problem is better tooling for everyone.", "I think the answer to this whole problem is better tooling for everyone."},
		{"Yeah, so the question of regard implies who is doing the regarding here.", "the question of regard implies who is doing the regarding here."},
		{"And so Fast Mail was an email company I ran back before all of this.", "Fast Mail was an email company I ran back before all of this."},
		{"and then we looked at the data from every hospital in the country.", ""},
		{"And it turned out that the data was in image form almost everywhere.", ""},
		// after fillers the quote must open with a subject, not a verb
		{"And so take the long road before anyone else decides it for you.", ""},
		// a sentence pointing back to what came before stands alone nowhere
		{"The other teams, they told the new committees to enroll a hundred members.", ""},
		// a sentence without its subject is a fragment
		{"Was funny, looking back at the really old decks we made back then.", ""},
		{"Makes sense when you think about how long the whole thing took us.", ""},
		// a quote does not open on a restart
		{"You would see you would see new artists from a number of places.", ""},
	}
	for _, tt := range tests {
		tr := timed("Host: What happened next?", "Guest: "+tt.sentence)
		cands := candidates(tr, sentences(tr), map[string]bool{"Host": true}, Options{MinWords: 8, MaxWords: 40})
		got := ""
		if len(cands) > 0 {
			got = tr.Text(cands[0].span)
		}
		if got != tt.want {
			t.Errorf("candidates(%q) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// TestCandidatesSkipSponsorRead: a sponsor read is no quote, whoever reads
// it (a speaker labelled "Advertisement", a guest).
func TestCandidatesSkipSponsorRead(t *testing.T) {
	tr := timed("Host: What happened next?",
		"Advertisement: This episode is brought to you by Zentrox. Get deep insights into what your users are doing at every stage of the funnel. Try Zentrox today at zentrox.com.",
		"Guest: The answer to this whole problem is better tooling for everyone in the company.")
	for _, c := range candidates(tr, sentences(tr), map[string]bool{"Host": true}, Options{MinWords: 8, MaxWords: 40}) {
		if got := tr.Text(c.span); strings.Contains(got, "Zentrox") || strings.Contains(got, "insights") {
			t.Errorf("candidates hold the sponsor read's %q", got)
		}
	}
}

// verbatimWithCuts reports whether text is the words of span s in order,
// where each "…" stands for one or more words left out, and the first and
// last words are kept.
func verbatimWithCuts(text string, tr *pipeline.Transcript, s pipeline.Span) bool {
	frags := strings.Split(text, "…")
	pos := s.First
	for k, f := range frags {
		ws := strings.Fields(f)
		if len(ws) == 0 {
			if k == 0 || k == len(frags)-1 {
				return false // a cut at either end
			}
			continue
		}
		if k > 0 {
			// skip at least one word, then find the fragment
			found := false
			for p := pos + 1; p+len(ws) <= s.End; p++ {
				if matchAt(tr, p, ws) {
					pos, found = p, true
					break
				}
			}
			if !found {
				return false
			}
		} else if !matchAt(tr, pos, ws) {
			return false
		}
		pos += len(ws)
	}
	return pos == s.End
}

func matchAt(tr *pipeline.Transcript, p int, ws []string) bool {
	for i, w := range ws {
		if p+i >= len(tr.Words) || tr.Words[p+i].Text != w {
			return false
		}
	}
	return true
}

func TestCondensed(t *testing.T) {
	tests := []struct{ in, want string }{
		{"I think, you know, deep learning is hard.", "I think, … deep learning is hard."},
		{"So I, I felt it was, I mean, important.", "So … I felt it was, … important."},
		{"You know, that is fine.", "You know, that is fine."}, // not inside the quote
		{"It was a very, very good year.", "It was a very, very good year."},
		{"It fails because I think, you know, academia is slow.", "It fails because … academia is slow."},
		{"It was like, you know, magic to us.", "It was … magic to us."},
		{"We went there, there was nothing.", "We went there, there was nothing."},
		{"We, um, never shipped it to anyone, uh, at all.", "We, … never shipped it to anyone, … at all."},
		{"It was, we were, we were ready for it.", "It was, … we were ready for it."},
		{"It was very very good.", "It was very very good."},
	}
	for _, tc := range tests {
		var tr pipeline.Transcript
		for _, w := range strings.Fields(tc.in) {
			tr.Words = append(tr.Words, pipeline.Word{Text: w})
		}
		s := pipeline.Span{First: 0, End: len(tr.Words)}
		got := condensed(&tr, s)
		if got != tc.want {
			t.Errorf("condensed(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if !verbatimWithCuts(got, &tr, s) {
			t.Errorf("verbatimWithCuts(condensed(%q)) = false", tc.in)
		}
	}
}

func TestFeatures(t *testing.T) {
	for _, tc := range []struct {
		text  string
		lower float64
	}{
		{"we ran the test and it failed.", 1},
		{"We ran the test and it failed.", 0},
		{"I think we ran the test too late.", 0},
	} {
		if f := features(strings.Fields(tc.text)); f[fLowerStart] != tc.lower {
			t.Errorf("features(%q)[fLowerStart] = %v, want %v", tc.text, f[fLowerStart], tc.lower)
		}
	}
	if weights[fLowerStart] >= 0 {
		t.Errorf("weights[fLowerStart] = %v, want a penalty: editors' picks open a sentence", weights[fLowerStart])
	}
}

func TestCandidatesLeaveOut(t *testing.T) {
	tests := []struct {
		name, guest string
		want        []string // every candidate's text
	}{
		{"pleasantry", "Thank you for having me, it is a real pleasure to be on the show today.", nil},
		{"words hidden inside", "We built the whole thing ourselves over [inaudible 00:01:02] years of nights and weekends.", nil},
		{"words hidden between", "Elections are won by organisation long before the campaign starts. [crosstalk] Speeches come last in every campaign I have ever run.",
			[]string{"Elections are won by organisation long before the campaign starts.", "Speeches come last in every campaign I have ever run."}},
		{"laughter between", "Elections are won by organisation long before the campaign starts. [laughs] Speeches come last in every campaign I have ever run.",
			[]string{"Elections are won by organisation long before the campaign starts.",
				"Elections are won by organisation long before the campaign starts. Speeches come last in every campaign I have ever run.",
				"Speeches come last in every campaign I have ever run."}},
		{"short reaction", "Oh, a lot. Elections are won by organisation long before the campaign starts.",
			[]string{"Elections are won by organisation long before the campaign starts."}},
	}
	for _, tt := range tests {
		tr, err := transcript.Parse(strings.NewReader("Host (00:00:01):\nWhat did you learn?\n\nGuest (00:00:04):\n"+tt.guest+"\n"), transcript.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range candidates(tr, sentences(tr), map[string]bool{"Host": true}, Options{MinWords: 8, MaxWords: 40}) {
			got = append(got, tr.Text(c.span))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: candidates = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestLastInTurn(t *testing.T) {
	tr := timed("Host: What did you learn?",
		"Guest: Elections are won by organisation long before the campaign starts. Speeches come last in every campaign I have ever run.",
		"Host: Why?")
	cands, _, err := scored(context.Background(), tr, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{
		"Elections are won by organisation long before the campaign starts.":                                                       0,
		"Speeches come last in every campaign I have ever run.":                                                                    1,
		"Elections are won by organisation long before the campaign starts. Speeches come last in every campaign I have ever run.": 1,
	}
	for _, c := range cands {
		text := tr.Text(c.span)
		if w, ok := want[text]; !ok || c.features[fLastInTurn] != w {
			t.Errorf("features(%q)[fLastInTurn] = %v, want %v (listed %v)", text, c.features[fLastInTurn], w, ok)
		}
		delete(want, text)
	}
	if len(want) > 0 {
		t.Errorf("candidates missing: %v", want)
	}
}

func TestBalancedQuotes(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{`She said, "Well, you can't write a book about it." And she was right.`, true},
		{`I can't define it." And she said, "Well, you can't write a book about it."`, false},
		{`That was the first reaction, which is, "This is too good to be true.`, false},
		{`He called it “the best idea we never shipped” and moved on.`, true},
		{`It was the best idea” we never shipped.`, false},
		{`Nothing quoted here at all.`, true},
	} {
		tr := timed("Guest: " + tt.in)
		if got := balancedQuotes(tr, pipeline.Span{First: 0, End: len(tr.Words)}); got != tt.want {
			t.Errorf("balancedQuotes(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestAnswerEnds(t *testing.T) {
	tr := &pipeline.Transcript{Words: []pipeline.Word{
		{Text: "a.", Speaker: "Guest", Turn: 0}, {Text: "b.", Speaker: "Guest", Turn: 1}, // a timestamp line splits one answer
		{Text: "c?", Speaker: "Host", Turn: 2},
		{Text: "d.", Turn: 3}, {Text: "e.", Turn: 4}, {Text: "f.", Turn: 4}, // no speakers named
	}}
	for e, want := range []bool{true, false, true, true, true, false, true} {
		if got := answerEnds(tr, e); got != want {
			t.Errorf("answerEnds(%d) = %v, want %v", e, got, want)
		}
	}
}
