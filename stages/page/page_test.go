package page

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
	"github.com/shownotes/shownotes/stages/align"
	"github.com/shownotes/shownotes/stages/chapters"
	"github.com/shownotes/shownotes/stages/entities"
	"github.com/shownotes/shownotes/stages/quotes"
)

func TestFormatTime(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{
		{0, "0:00"},
		{5.99, "0:05"},
		{20, "0:20"},
		{65.4, "1:05"},
		{599.999, "9:59"},
		{3599, "59:59"},
		{3600, "1:00:00"},
		{3723.5, "1:02:03"},
		{36000, "10:00:00"},
		{-3, "0:00"},
		{math.NaN(), "0:00"},
		{math.Inf(1), "0:00"},
	} {
		if got := FormatTime(tc.in); got != tc.want {
			t.Errorf("FormatTime(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAudioURL(t *testing.T) {
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	for _, tc := range []struct {
		name string
		cfg  *pipeline.Config
		want string
	}{
		{"nil config", nil, ""},
		{"no audio", &pipeline.Config{OutDir: "out"}, ""},
		{"base url", &pipeline.Config{AudioPath: "/rec/ep 12.wav", Podcast: pipeline.Podcast{BaseURL: "https://cdn.example.com/pod/"}}, "https://cdn.example.com/pod/ep%2012.wav"},
		{"base url takes the enclosure", &pipeline.Config{AudioPath: "/rec/ep.wav", EnclosurePath: "/pub/ep.mp3", Podcast: pipeline.Podcast{BaseURL: "https://cdn.example.com"}}, "https://cdn.example.com/ep.mp3"},
		{"same directory", &pipeline.Config{AudioPath: "/x/out/ep.wav", OutDir: "/x/out"}, "ep.wav"},
		{"sibling directory", &pipeline.Config{AudioPath: "/x/audio/ep.wav", OutDir: "/x/out"}, "../audio/ep.wav"},
		{"relative paths", &pipeline.Config{AudioPath: "audio/ep.wav", OutDir: "out"}, "../audio/ep.wav"},
		{"relative audio, absolute out", &pipeline.Config{AudioPath: "ep.wav", OutDir: abs("out")}, "../ep.wav"},
		{"no out dir", &pipeline.Config{AudioPath: "audio/ep.wav"}, "audio/ep.wav"},
		{"escaped", &pipeline.Config{AudioPath: "/x/my show/#1 ?&.wav", OutDir: "/x/out"}, "../my%20show/%231%20%3F&.wav"},
		{"enclosure without base url", &pipeline.Config{AudioPath: "/x/raw.wav", EnclosurePath: "/x/pub/ep.mp3", OutDir: "/x/out"}, "../pub/ep.mp3"},
	} {
		if got := AudioURL(tc.cfg); got != tc.want {
			t.Errorf("%s: AudioURL(%+v) = %q, want %q", tc.name, tc.cfg, got, tc.want)
		}
	}
}

// oneTurn is an alignment of one turn of words, each a second long.
func oneTurn(speaker string, words ...string) *pipeline.Alignment {
	tr := &pipeline.Transcript{}
	for i, w := range words {
		tr.Words = append(tr.Words, pipeline.Word{Text: w, Speaker: speaker, Start: float64(i), End: float64(i) + 0.9, Anchor: pipeline.NoTime})
	}
	tr.Turns = []pipeline.Turn{{Speaker: speaker, Words: pipeline.Span{End: len(words)}, Time: pipeline.NoTime}}
	return &pipeline.Alignment{Transcript: tr, Timed: true, Duration: float64(len(words))}
}

func TestRenderEscaping(t *testing.T) {
	for _, tc := range []struct {
		name      string
		in        Input
		want      []string // in the page
		forbidden []string // never in the page
	}{
		{
			name:      "script in a word",
			in:        Input{Alignment: oneTurn("Ann", "say", "<script>alert(1)</script>", "now")},
			want:      []string{`<span data-start="1.000">&lt;script&gt;alert(1)&lt;/script&gt;</span>`},
			forbidden: []string{"<script>alert"},
		},
		{
			name:      "ampersand in a speaker name",
			in:        Input{Alignment: oneTurn("Tom & Jerry", "hi")},
			want:      []string{"<h3>Tom &amp; Jerry ", "Speakers: Tom &amp; Jerry"},
			forbidden: []string{"Tom & Jerry"},
		},
		{
			name:      "quotes and apostrophes in words",
			in:        Input{Alignment: oneTurn("Ann", `"quoted"`, "it's")},
			want:      []string{`>&#34;quoted&#34;</span>`, `>it&#39;s</span>`},
			forbidden: []string{`"quoted"`},
		},
		{
			name: "title, chapter, quote and entity",
			in: Input{
				Alignment: oneTurn("Ann", "hi"),
				Title:     `</title><script>x()</script>`,
				Chapters:  &chapters.Chapters{Chapters: []chapters.Chapter{{Start: 0, Title: "<b>bold</b> & co"}}},
				Quotes:    &quotes.Quotes{Quotes: []quotes.Quote{{Text: "<img src=x onerror=y()>", Speaker: "A<B", Start: pipeline.Ptr(0)}}},
				Entities: &entities.Entities{Entities: []entities.Entity{
					{Name: `Bad "Name"`, Type: pipeline.Person, Link: "javascript:alert(1)"},
					{Name: "Odd", Type: "ALIEN", Link: "https://example.com/?a=1&b=2"},
				}},
			},
			want: []string{
				"<title>&lt;/title&gt;&lt;script&gt;x()&lt;/script&gt;</title>",
				"&lt;b&gt;bold&lt;/b&gt; &amp; co",
				"&lt;img src=x onerror=y()&gt;",
				"— A&lt;B",
				`href="#ZgotmplZ"`, // html/template's mark for an unsafe URL
				`href="https://example.com/?a=1&amp;b=2"`,
				"<h3>Other</h3>", // an unknown type goes to Other
			},
			forbidden: []string{"<script>x()", "<b>bold", "<img", "javascript:"},
		},
		{
			name: "transcriber's note",
			in: Input{Alignment: func() *pipeline.Alignment {
				a := oneTurn("Ann", "a", "b")
				a.Transcript.Notes = []pipeline.Note{{Kind: "crosstalk", Text: "<crosstalk>", Before: 1}}
				return a
			}()},
			want:      []string{`<span data-start="0.000">a</span> <span class="n">[&lt;crosstalk&gt;]</span> <span data-start="1.000">b</span>`},
			forbidden: []string{"<crosstalk>"},
		},
	} {
		page, err := Render(tc.in)
		if err != nil {
			t.Fatalf("%s: Render: %v", tc.name, err)
		}
		// The script is the template's own; look at the markup before it.
		body := string(page[:bytes.LastIndex(page, []byte("<script>"))])
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: Render(…) lacks %q", tc.name, w)
			}
		}
		for _, f := range tc.forbidden {
			if strings.Contains(body, f) {
				t.Errorf("%s: Render(…) contains %q, want it escaped", tc.name, f)
			}
		}
	}
}

var (
	dataStart = regexp.MustCompile(`data-start="`)
	dataT     = regexp.MustCompile(`data-t="`)
)

func TestRenderUntimed(t *testing.T) {
	in := sampleInput(t, testcorpus.Sample())
	al := *in.Alignment
	al.Timed = false
	in.Alignment = &al
	for _, audio := range []string{"", "episode.wav"} {
		in.AudioURL = audio
		page, err := Render(in)
		if err != nil {
			t.Fatal(err)
		}
		s := string(page)
		if n := len(dataStart.FindAllString(s, -1)) + len(dataT.FindAllString(s, -1)); n != 0 {
			t.Errorf("untimed Render(audio %q) has %d data-start/data-t attributes, want 0", audio, n)
		}
		if got, want := strings.Contains(s, "<audio"), audio != ""; got != want {
			t.Errorf("untimed Render(audio %q) has a player: %v, want %v", audio, got, want)
		}
		if strings.Contains(s, `id="cp"`) {
			t.Errorf("untimed Render(audio %q) has a copy-link button", audio)
		}
		for _, w := range []string{"Thank you.", "<h3>Jeremy Howard</h3>", "<li>Thanks</li>", ">Kaggle</li>"} {
			if !strings.Contains(s, w) {
				t.Errorf("untimed Render(audio %q) lacks %q", audio, w)
			}
		}
	}
}

func TestRenderTimed(t *testing.T) {
	in := sampleInput(t, testcorpus.Sample())
	page, err := Render(in)
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	if got, want := len(dataStart.FindAllString(s, -1)), len(in.Alignment.Transcript.Words); got != want {
		t.Errorf("Render(sample) has %d data-start words, want %d", got, want)
	}
	for _, w := range []string{
		`<audio id="a" controls preload="metadata" src="episode.wav"`,
		`<a href="#t=0:30.5" data-t="30.498"><span class="tm">0:30</span> Thanks</a>`,
		`<span data-start="30.498">Thank</span>`,
	} {
		if !strings.Contains(s, w) {
			t.Errorf("Render(sample) lacks %q", w)
		}
	}
	// Nothing fetched but the audio: no external script, style, font or image.
	for _, f := range []string{"<script src", "<link rel=\"stylesheet\"", "@import", "@font-face", "url(", "<img", "//cdn", "http://"} {
		if strings.Contains(s, f) {
			t.Errorf("Render(sample) contains %q: the page must be self-contained", f)
		}
	}
}

// TestRenderBadIndices feeds spans and notes that point outside the words:
// the page renders every word once, and never panics.
func TestRenderBadIndices(t *testing.T) {
	a := oneTurn("Ann", "one", "two", "three", "four")
	tr := a.Transcript
	tr.Turns = []pipeline.Turn{
		{Speaker: "Ann", Words: pipeline.Span{First: 1, End: 3}},
		{Speaker: "Bob", Words: pipeline.Span{First: 2, End: 99}},
		{Speaker: "Cy", Words: pipeline.Span{First: -5, End: -1}},
	}
	tr.Notes = []pipeline.Note{{Text: "music", Before: -3}, {Text: "end", Before: 1000}}
	tr.Words[2].Start = pipeline.NoTime
	tr.Words[3].Start = math.Inf(1)
	page, err := Render(Input{Alignment: a, Chapters: &chapters.Chapters{Chapters: []chapters.Chapter{{Start: math.NaN(), Title: "x"}}}})
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	for _, w := range []string{"one", "two", "three", "four"} {
		if n := strings.Count(s, ">"+w+"<") + strings.Count(s, ">"+w+" ") + strings.Count(s, " "+w+" "); n != 1 {
			t.Errorf("word %q appears %d times, want 1", w, n)
		}
	}
	if n := len(dataStart.FindAllString(s, -1)); n != 2 {
		t.Errorf("%d timed words, want 2 (the NaN and Inf starts get no data-start)", n)
	}
	for _, w := range []string{"[music]", "[end]", "<li>x</li>"} {
		if !strings.Contains(s, w) {
			t.Errorf("page lacks %q", w)
		}
	}
}

func TestGolden(t *testing.T) {
	page, err := Render(sampleInput(t, testcorpus.Sample()))
	if err != nil {
		t.Fatal(err)
	}
	testcorpus.Golden(t, "sample.html", page)
}

func TestStage(t *testing.T) {
	if err := pipeline.Validate(Stage); err != nil {
		t.Fatal(err)
	}
	in := sampleInput(t, testcorpus.Sample())
	dir := t.TempDir()
	cfg := &pipeline.Config{
		AudioPath: filepath.Join(dir, "audio", "ep 1.wav"), OutDir: filepath.Join(dir, "out"),
		Title:   "Config & title",
		Podcast: pipeline.Podcast{Title: "Show", Language: "en-GB"},
	}
	pass := &pipeline.Pass{Stage: Stage, Config: cfg, ResultOf: map[*pipeline.Stage]any{
		align.Stage: in.Alignment, entities.Stage: in.Entities, quotes.Stage: in.Quotes, chapters.Stage: in.Chapters,
	}}
	res, err := Stage.Run(context.Background(), pass)
	if err != nil {
		t.Fatal(err)
	}
	out, ok := res.(*pipeline.Output)
	if !ok || len(out.Files) != 1 || out.Files[0].Name != "episode.html" {
		t.Fatalf("Stage.Run = %#v, want one file episode.html", res)
	}
	s := string(out.Files[0].Data)
	for _, w := range []string{`<html lang="en-GB">`, "<h1>Config &amp; title</h1>", `src="../audio/ep%201.wav"`, `<p class="show">Show</p>`} {
		if !strings.Contains(s, w) {
			t.Errorf("Stage.Run: episode.html lacks %q", w)
		}
	}

	// The placeholder results of the other stages (nil, or empty) give a
	// page too.
	for _, results := range []map[*pipeline.Stage]any{
		{align.Stage: nil, entities.Stage: nil, quotes.Stage: nil, chapters.Stage: nil},
		{align.Stage: new(pipeline.Alignment), entities.Stage: new(entities.Entities), quotes.Stage: new(quotes.Quotes), chapters.Stage: new(chapters.Chapters)},
	} {
		res, err := Stage.Run(context.Background(), &pipeline.Pass{Stage: Stage, ResultOf: results})
		if err != nil {
			t.Fatalf("Stage.Run with empty results: %v", err)
		}
		if s := string(res.(*pipeline.Output).Files[0].Data); !strings.Contains(s, "<h1>Episode</h1>") || strings.Contains(s, "<audio") {
			t.Errorf("Stage.Run with empty results: want a page titled Episode without a player")
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Stage.Run(ctx, pass); err == nil {
		t.Errorf("Stage.Run(cancelled) = nil error, want context.Canceled")
	}
}

// synthetic is an alignment of n words in turns of about 60 words, two
// speakers, a word every 0.36 s (a 3-hour episode at n = 30,000).
func synthetic(n int) *pipeline.Alignment {
	vocab := strings.Fields("the model learns from data and we found that it works well when you train longer, right? Yes, exactly. I think people underestimate how much it matters.")
	tr := &pipeline.Transcript{}
	speakers := []string{"Alex Wang", "Jeremy Howard"}
	for i := range n {
		if i%60 == 0 {
			tr.Turns = append(tr.Turns, pipeline.Turn{Speaker: speakers[len(tr.Turns)%2], Words: pipeline.Span{First: i, End: i}, Time: pipeline.NoTime})
			tr.Paragraphs = append(tr.Paragraphs, pipeline.Span{First: i, End: i})
		}
		tu := len(tr.Turns) - 1
		tr.Turns[tu].Words.End = i + 1
		tr.Paragraphs[tu].End = i + 1
		st := float64(i) * 0.36
		tr.Words = append(tr.Words, pipeline.Word{Text: vocab[i%len(vocab)], Speaker: tr.Turns[tu].Speaker, Turn: tu, Para: tu, Start: st, End: st + 0.3, Anchor: pipeline.NoTime})
	}
	return &pipeline.Alignment{Transcript: tr, Timed: true, Duration: float64(n) * 0.36}
}

// syntheticChapters are 12 chapters spread over the alignment.
func syntheticChapters(a *pipeline.Alignment) *chapters.Chapters {
	n := len(a.Transcript.Words)
	c := &chapters.Chapters{}
	for k := range 12 {
		first := k * n / 12
		c.Chapters = append(c.Chapters, chapters.Chapter{Start: a.Transcript.Words[first].Start, Title: fmt.Sprintf("Part %d", k+1), Words: pipeline.Span{First: first, End: (k + 1) * n / 12}})
	}
	return c
}

// TestPageSize reports the size of a 3-hour episode's page and holds it
// to a budget of 45 bytes a word.
func TestPageSize(t *testing.T) {
	const n = 30000
	a := synthetic(n)
	page, err := Render(Input{Alignment: a, Chapters: syntheticChapters(a), AudioURL: "ep.mp3"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("30,000-word page: %d bytes (%.1f bytes/word), %d gzipped", len(page), float64(len(page))/n, gzipSize(t, page))
	if len(page) > 45*n {
		t.Errorf("30,000-word page is %d bytes, over the budget of %d", len(page), 45*n)
	}
}

// TestSeedPageSize reports the page size of the rendered seed episode
// (skipped without the development corpus).
func TestSeedPageSize(t *testing.T) {
	dir := testcorpus.NeedRenderedText(t, "seed")
	a := testcorpus.MustEpisode(t, dir, testcorpus.EpisodeOptions{Timed: true, BlankLines: true, Tail: 1})
	page, err := Render(Input{Alignment: a, AudioURL: "episode.wav", Chapters: syntheticChapters(a)})
	if err != nil {
		t.Fatal(err)
	}
	n := len(a.Transcript.Words)
	t.Logf("seed page: %d words, %d bytes (%.1f bytes/word), %d gzipped", n, len(page), float64(len(page))/float64(n), gzipSize(t, page))
	if got := len(dataStart.FindAllString(string(page), -1)); got != n {
		t.Errorf("seed page has %d data-start words, want %d", got, n)
	}
}

func gzipSize(t *testing.T, data []byte) int {
	t.Helper()
	var b bytes.Buffer
	w, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Len()
}

func BenchmarkRender30k(b *testing.B) {
	a := synthetic(30000)
	in := Input{Alignment: a, Chapters: syntheticChapters(a), AudioURL: "ep.mp3"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(in); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzRender(f *testing.F) {
	f.Add("Hi, I'm Alex CEO and founder of Scale.", "Alex Wang", "Intro", 3.43)
	f.Add("<script>alert(1)</script> & </p>", "Tom & Jerry", "<b>", -1.0)
	f.Add("a\x00b \xff\xfe “quoted”", "", "", math.NaN())
	if b, err := os.ReadFile(filepath.Join(testcorpus.Sample(), "transcript.txt")); err == nil {
		f.Add(string(b), "Jeremy Howard", "Deep learning", 30.5)
	}
	f.Fuzz(func(t *testing.T, text, speaker, chapter string, start float64) {
		render := func(words []string, text, speaker, chapter string) []byte {
			a := oneTurn(speaker, words...)
			if len(words) > 0 {
				a.Transcript.Words[0].Start = start
			}
			page, err := Render(Input{
				Alignment: a,
				Chapters:  &chapters.Chapters{Chapters: []chapters.Chapter{{Start: start, Title: chapter}}},
				Quotes:    &quotes.Quotes{Quotes: []quotes.Quote{{Text: text, Speaker: speaker, Start: &start}}},
				Entities:  &entities.Entities{Entities: []entities.Entity{{Name: chapter, Type: pipeline.Person, FirstMention: &start, Link: text}}},
				Title:     chapter,
			})
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			return page[:bytes.LastIndex(page, []byte("<script>"))]
		}
		words := strings.Fields(text)
		body := render(words, text, speaker, chapter)

		// The same page with every input string replaced by a plain
		// one of the same emptiness has the same markup: no tag and no
		// attribute comes from the input.
		plain := func(s string) string {
			if s == "" {
				return ""
			}
			return "x"
		}
		xs := make([]string, len(words))
		for i := range xs {
			xs[i] = "x"
		}
		ref := render(xs, plain(text), plain(speaker), plain(chapter))
		for _, c := range []string{"<", ">"} {
			if got, want := bytes.Count(body, []byte(c)), bytes.Count(ref, []byte(c)); got != want {
				t.Errorf("Render: %d %q in the page, want %d as with plain input", got, c, want)
			}
		}
		timed := len(words)
		if timed > 0 && !pipeline.Known(start) {
			timed--
		}
		if got := len(dataStart.FindAll(body, -1)); got != timed {
			t.Errorf("Render: %d data-start words, want %d", got, timed)
		}
	})
}

// Issue 13 problem 10: a #t= link lands on the first word it points at, not
// at the end of the word before (a start of 30.498 s must not link 0:30).
func TestFragmentTime(t *testing.T) {
	for _, tc := range []struct {
		sec  float64
		want string
	}{
		{0, "0:00"}, {30, "0:30"}, {30.498, "0:30.5"}, {30.41, "0:30.5"}, {30.4, "0:30.4"},
		{59.97, "1:00"}, {3725.05, "1:02:05.1"}, {12.3000000001, "0:12.3"},
	} {
		if got := fragmentTime(tc.sec); got != tc.want {
			t.Errorf("fragmentTime(%v) = %q, want %q", tc.sec, got, tc.want)
		}
		// The link never points before the start.
		if got := fragmentSeconds(fragmentTime(tc.sec)); got < tc.sec-1e-6 {
			t.Errorf("fragmentTime(%v) = %q, before the start", tc.sec, fragmentTime(tc.sec))
		}
	}
}

func fragmentSeconds(s string) float64 {
	t := 0.0
	for _, p := range strings.Split(s, ":") {
		f, _ := strconv.ParseFloat(p, 64)
		t = t*60 + f
	}
	return t
}

// Issue 13 problem 7: a configured host is never the page's guest.
func TestPageGuestIsNotAHost(t *testing.T) {
	tr := &pipeline.Transcript{
		Header: pipeline.Header{Bio: "Builds things."},
		Words:  []pipeline.Word{{Text: "Why?"}, {Text: "Because."}},
		Turns:  []pipeline.Turn{{Speaker: "Jo Park", Words: pipeline.Span{First: 0, End: 1}}, {Speaker: "Alex Wang", Words: pipeline.Span{First: 1, End: 2}}},
	}
	b, err := Render(Input{Alignment: &pipeline.Alignment{Transcript: tr}, Hosts: []string{"Alex Wang"}})
	if err != nil {
		t.Fatal(err)
	}
	if s := string(b); strings.Contains(s, "Guest: <strong>Alex Wang") || !strings.Contains(s, "Guest: <strong>Jo Park") {
		t.Errorf("page guest line wrong: want Jo Park, never the host Alex Wang")
	}
}

// The page says when its audio cannot be loaded and offers a local file.
func TestPageLocalAudio(t *testing.T) {
	b, err := Render(Input{AudioURL: "https://cdn.example.com/ep.mp3", Alignment: &pipeline.Alignment{Transcript: &pipeline.Transcript{}, Timed: true}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`id="ae" hidden`, "cannot be played from here", `type="file"`, "?audio="} {
		if !strings.Contains(string(b), want) {
			t.Errorf("page lacks %q", want)
		}
	}
	for _, base := range []string{"javascript:alert(1)", "ftp://x.org/"} {
		if got := AudioURL(&pipeline.Config{AudioPath: "/a/ep.mp3", Podcast: pipeline.Podcast{BaseURL: base}}); got != "" {
			t.Errorf("AudioURL(base_url %q) = %q, want none", base, got)
		}
	}
}
