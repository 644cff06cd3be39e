package notes

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/stages/entities"
	"github.com/shownotes/shownotes/stages/quotes"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
	"github.com/shownotes/shownotes/stages/chapters"
	"github.com/shownotes/shownotes/stages/summary"
	"github.com/shownotes/shownotes/stages/transcript"
)

var allowed = map[string]bool{"p": true, "ul": true, "ol": true, "li": true, "a": true}

// checkHTML parses an HTML fragment as XML: tags must balance, entities
// must be valid and only the allowed tags may appear.
func checkHTML(t *testing.T, name, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader("<root>" + s + "</root>"))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s: HTML does not parse: %v\n%s", name, err, s)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local != "root" && !allowed[se.Name.Local] {
			t.Errorf("%s: tag <%s> is not allowed", name, se.Name.Local)
		}
	}
}

// input builds notes input for an alignment: real chapters and summary,
// and entities and quotes made by hand from the transcript's own words.
func input(t *testing.T, al *pipeline.Alignment) Input {
	t.Helper()
	ctx := context.Background()
	ch, err := chapters.Find(ctx, al, chapters.Options{})
	if err != nil {
		t.Fatal(err)
	}
	su, err := summary.Summarize(ctx, al.Transcript, summary.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tr := al.Transcript
	find := func(word string) int {
		for i, w := range tr.Words {
			if strings.Trim(w.Text, ".,") == word {
				return i
			}
		}
		t.Fatalf("no word %q", word)
		return 0
	}
	at := func(i int) *float64 { return pipeline.Ptr(tr.Words[i].Start) }
	ents := &entities.Entities{}
	for _, e := range []struct{ name, typ, link string }{
		{"Jeremy", pipeline.Person, ""}, {"Kaggle", pipeline.Org, "https://www.kaggle.com/"}, {"Scale", pipeline.Org, ""},
	} {
		i := find(e.name)
		ents.Entities = append(ents.Entities, entities.Entity{Name: e.name, Type: e.typ, Mentions: 1, FirstMention: at(i), FirstWord: i, Link: e.link})
	}
	q := tr.Sentences[1]
	qs := &quotes.Quotes{Quotes: []quotes.Quote{{Text: tr.Text(q), Speaker: tr.Words[q.First].Speaker,
		Start: at(q.First), End: pipeline.Ptr(tr.Words[q.End-1].End), Words: q, Score: 1}}}
	return Input{Transcript: tr, Timed: al.Timed, Duration: al.Duration, Summary: su, Chapters: ch, Entities: ents, Quotes: qs,
		TranscriptURL: map[bool]string{true: TranscriptURL("https://example.com/show/", "/tmp/out/ep1")}[al.Timed]}
}

func TestGolden(t *testing.T) {
	sample := testcorpus.MustEpisode(t, testcorpus.Sample(), testcorpus.EpisodeOptions{Timed: true})
	seed, err := transcript.ParseFile(filepath.Join(testcorpus.Root(), "testdata", "seed.txt"), transcript.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, al := range map[string]*pipeline.Alignment{"sample": sample, "seed-untimed": {Transcript: seed, Method: "none"}} {
		t.Run(name, func(t *testing.T) {
			in := input(t, al)
			n, err := Render(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			checkHTML(t, name, n.HTML)
			checkHTML(t, name+" description", n.Description)
			if len(n.Description) > DescriptionLimit {
				t.Errorf("description has %d bytes", len(n.Description))
			}
			stamps := regexp.MustCompile(`\(\d\d:\d\d\)`)
			approx := !al.Timed && in.Chapters != nil && in.Chapters.Timed
			if !al.Timed && !approx && (stamps.MatchString(n.HTML) || stamps.MatchString(n.Text) || stamps.MatchString(n.Markdown)) {
				t.Errorf("untimed notes carry timestamps")
			}
			// Times from the transcript's own stamps are said to be
			// approximate, in every form.
			for form, s := range map[string]string{"html": n.HTML, "md": n.Markdown, "txt": n.Text} {
				if got := strings.Contains(s, "approximate times"); got != (approx && in.Chapters.Approximate) {
					t.Errorf("%s: says approximate = %v, want %v", form, got, approx && in.Chapters.Approximate)
				}
			}
			if al.Timed && !strings.Contains(n.Text, "\n(00:00) ") {
				t.Errorf("timed text notes have no (00:00) chapter line:\n%s", n.Text)
			}
			for _, f := range n.Files {
				testcorpus.Golden(t, name+"."+f.Name, f.Data)
			}
		})
	}
}

func TestStamp(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		long bool
		want string
	}{
		{0, false, "00:00"}, {59.99, false, "00:59"}, {61, false, "01:01"}, {3599, false, "59:59"},
		{3600, true, "01:00:00"}, {3725.5, true, "01:02:05"}, {65, true, "00:01:05"}, {-3, false, "00:00"},
		{pipeline.NoTime, false, "00:00"},
	} {
		if got := Stamp(tc.in, tc.long); got != tc.want {
			t.Errorf("Stamp(%v, %v) = %q, want %q", tc.in, tc.long, got, tc.want)
		}
	}
}

func TestLongEpisodeStamps(t *testing.T) {
	in := Input{Timed: true, Duration: 4000, Chapters: &chapters.Chapters{Chapters: []chapters.Chapter{{Start: 0, Title: "A"}, {Start: 3700, Title: "B"}}}}
	n, err := Render(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(n.Text, "(00:00:00) A\n(01:01:40) B\n") {
		t.Errorf("Render(long).Text = %q, want HH:MM:SS chapter lines", n.Text)
	}
}

func TestEscaping(t *testing.T) {
	evil := `<script>alert("x")</script> & *bold* [link](javascript:x) # _u_`
	in := Input{
		Transcript: &pipeline.Transcript{Header: pipeline.Header{Guest: evil, Bio: "a & b"}},
		Timed:      true,
		Summary:    &summary.Summary{Sentences: []string{evil}},
		Chapters:   &chapters.Chapters{Chapters: []chapters.Chapter{{Start: 0, Title: evil}}},
		Entities:   &entities.Entities{Entities: []entities.Entity{{Name: evil, Type: pipeline.Work, Link: "javascript:alert(1)"}}},
		Quotes:     &quotes.Quotes{Quotes: []quotes.Quote{{Text: evil, Speaker: "<b>"}}},
	}
	n, err := Render(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	checkHTML(t, "escaping", n.HTML)
	if strings.Contains(n.HTML, "<script") || strings.Contains(n.HTML, `href="javascript`) {
		t.Errorf("Render(evil).HTML is not inert:\n%s", n.HTML)
	}
	unescaped := regexp.MustCompile(`\\.`).ReplaceAllString(n.Markdown, "")
	for _, bad := range []string{"<script", "*bold*", "[link]", "_u_"} {
		if strings.Contains(unescaped, bad) {
			t.Errorf("Render(evil).Markdown contains unescaped %q:\n%s", bad, n.Markdown)
		}
	}
	if !strings.Contains(n.Text, evil) {
		t.Errorf("Render(evil).Text = %q, want the text as written", n.Text)
	}
}

func TestFitDescription(t *testing.T) {
	long := strings.Repeat("word ", 30)
	var ents []entities.Entity
	for i, typ := range []string{pipeline.Person, pipeline.Org, pipeline.Place, pipeline.Work, pipeline.Other} {
		for j := range 25 {
			ents = append(ents, entities.Entity{Name: fmt.Sprintf("%s name %d & co", typ, j), Type: typ, Mentions: j,
				FirstMention: pipeline.Ptr(float64(i*100 + j)), FirstWord: i*100 + j})
		}
	}
	var qs []quotes.Quote
	for i := range 5 {
		qs = append(qs, quotes.Quote{Text: long + fmt.Sprint(i), Speaker: "Guest", Start: pipeline.Ptr(float64(i * 60))})
	}
	var chs []chapters.Chapter
	for i := range 10 {
		chs = append(chs, chapters.Chapter{Start: float64(i * 200), Title: fmt.Sprintf("Topic number %d", i)})
	}
	in := Input{
		Transcript: &pipeline.Transcript{Header: pipeline.Header{Guest: "Guest Name", Bio: long}},
		Timed:      true, Duration: 2000,
		Summary:  &summary.Summary{Sentences: []string{long + "one.", long + "two.", long + "three."}},
		Chapters: &chapters.Chapters{Chapters: chs}, Entities: &entities.Entities{Entities: ents}, Quotes: &quotes.Quotes{Quotes: qs},
		TranscriptURL: "https://example.com/ep/transcript.vtt",
	}
	n, err := Render(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if len(n.HTML) <= DescriptionLimit {
		t.Fatalf("test notes fit already (%d bytes)", len(n.HTML))
	}
	if len(n.Description) > DescriptionLimit {
		t.Errorf("description has %d bytes, want <= %d", len(n.Description), DescriptionLimit)
	}
	checkHTML(t, "description", n.Description)
	if len(n.Dropped) == 0 || n.Dropped[0] != "other names" {
		t.Errorf("Dropped = %v, want other names first", n.Dropped)
	}
	for _, keep := range []string{"(00:00) Topic number 0", "(30:00) Topic number 9", long + "one."} {
		if !strings.Contains(n.Description, keep) {
			t.Errorf("description lost %q; dropped %v", keep, n.Dropped)
		}
	}
	// every word of the description is a whole word of the notes
	words := map[string]bool{}
	for _, w := range strings.Fields(n.HTML) {
		words[w] = true
	}
	for _, w := range strings.Fields(n.Description) {
		if !words[w] {
			t.Errorf("description word %q is not in the notes: a word was cut", w)
		}
	}
}

func TestFitSteps(t *testing.T) {
	// each limit must give a description within it that parses
	in := Input{
		Transcript: &pipeline.Transcript{Header: pipeline.Header{Guest: "G", Bio: "bio"}},
		Timed:      true, Duration: 100,
		Summary:  &summary.Summary{Sentences: []string{"One sentence here.", "Another one."}},
		Chapters: &chapters.Chapters{Chapters: []chapters.Chapter{{Start: 0, Title: "A"}, {Start: 61, Title: "B"}}},
		Entities: &entities.Entities{Entities: []entities.Entity{{Name: "X", Type: pipeline.Person}, {Name: "Y", Type: pipeline.Other}}},
		Quotes:   &quotes.Quotes{Quotes: []quotes.Quote{{Text: "Q", Speaker: "G"}}},
	}
	d := build(in)
	for limit := 0; limit <= len(d.html()); limit += 7 {
		got, dropped := fit(d, limit)
		if len(got) > limit {
			t.Errorf("fit(limit %d) = %d bytes", limit, len(got))
		}
		checkHTML(t, fmt.Sprint("fit ", limit, dropped), got)
	}
}

func TestTranscriptURL(t *testing.T) {
	for _, tc := range []struct{ base, out, want string }{
		{"", "/x/ep1", "transcript.vtt"},
		{"https://ex.com/pod/", "/x/ep1", "https://ex.com/pod/ep1/transcript.vtt"},
		{"https://ex.com", "out dir", "https://ex.com/out%20dir/transcript.vtt"},
		{"https://ex.com", "/", "https://ex.com/episode/transcript.vtt"},
		{"https://ex.com/pod?k=1#top", "/x/ep1", "https://ex.com/pod/ep1/transcript.vtt?k=1"},
		{"javascript:alert(1)", "/x/ep1", ""},
	} {
		if got := TranscriptURL(tc.base, tc.out); got != tc.want {
			t.Errorf("TranscriptURL(%q, %q) = %q, want %q", tc.base, tc.out, got, tc.want)
		}
	}
}

func TestJSONFiles(t *testing.T) {
	e, _ := EntitiesJSON(nil)
	q, _ := QuotesJSON(nil)
	if s := strings.Join(strings.Fields(string(e)), ""); s != `{"entities":[]}` {
		t.Errorf("EntitiesJSON(nil) = %s", s)
	}
	if s := strings.Join(strings.Fields(string(q)), ""); s != `{"quotes":[]}` {
		t.Errorf("QuotesJSON(nil) = %s", s)
	}
	e, err := EntitiesJSON(&entities.Entities{Entities: []entities.Entity{{Name: "A", Type: pipeline.Person, FirstMention: pipeline.Ptr(1.5)}}})
	if err != nil {
		t.Fatal(err)
	}
	if s := strings.Join(strings.Fields(string(e)), ""); s != `{"entities":[{"name":"A","type":"PERSON","mentions":0,"first_mention":1.5,"aliases":[]}]}` {
		t.Errorf("EntitiesJSON = %s", s)
	}
}

func FuzzRender(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join(testcorpus.Sample(), "transcript.txt")); err == nil {
		f.Add(string(b))
	}
	f.Add(`<a href="x">&amp;</a> *x* ]]> <![CDATA[`)
	f.Fuzz(func(t *testing.T, s string) {
		in := Input{
			Transcript: &pipeline.Transcript{Header: pipeline.Header{Guest: s, Bio: s}},
			Timed:      true, Duration: 10,
			Summary:  &summary.Summary{Sentences: []string{s}},
			Chapters: &chapters.Chapters{Chapters: []chapters.Chapter{{Start: 0, Title: s}}},
			Entities: &entities.Entities{Entities: []entities.Entity{{Name: s, Type: s, Link: s}}},
			Quotes:   &quotes.Quotes{Quotes: []quotes.Quote{{Text: s, Speaker: s}}},
		}
		n, err := Render(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		if len(n.Description) > DescriptionLimit {
			t.Fatalf("description has %d bytes", len(n.Description))
		}
		if strings.ContainsRune(s, '<') && strings.Contains(n.HTML, s) && strings.Contains(s, ">") {
			t.Fatalf("unescaped input in HTML")
		}
	})
}

// Issue 13 problems 3, 4, 6 and 9: no <strong> (Apple keeps p, ol, ul, li,
// a); chapters.json only with real times; a javascript: base_url links
// nothing; raw HTML of the transcript never reaches the Markdown as markup.
func TestPublishingRules(t *testing.T) {
	ctx := context.Background()
	tr := &pipeline.Transcript{Header: pipeline.Header{Guest: "Eve <script>alert(1)</script>", Bio: "A *bold* <b>claim</b>"}}
	ch := &chapters.Chapters{Chapters: []chapters.Chapter{{Start: 0, Title: "<script>x</script> Intro"}, {Start: 61, Title: "Next"}}}
	untimedCh := &chapters.Chapters{Chapters: []chapters.Chapter{{Start: pipeline.NoTime, Title: "Intro"}}}
	qs := &quotes.Quotes{Quotes: []quotes.Quote{{Text: "<img src=x onerror=alert(1)> said [this](javascript:alert(1))", Speaker: "Eve"}}}
	for _, tc := range []struct {
		name         string
		in           Input
		wantChapters bool
	}{
		{"timed", Input{Transcript: tr, Timed: true, Duration: 120, Chapters: ch, Quotes: qs, TranscriptURL: TranscriptURL("https://ex.com", "/x/ep1")}, true},
		{"untimed", Input{Transcript: tr, Chapters: untimedCh, Quotes: qs}, false},
		{"timed run, untimed chapter", Input{Transcript: tr, Timed: true, Chapters: untimedCh}, false},
		{"javascript base_url", Input{Transcript: tr, Timed: true, Chapters: ch, TranscriptURL: TranscriptURL("javascript:alert(1)//", "/x/ep1")}, true},
	} {
		n, err := Render(ctx, tc.in)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{n.HTML, n.Description} {
			if strings.Contains(s, "<strong") || strings.Contains(s, "<script") || strings.Contains(s, `href="javascript:`) {
				t.Errorf("%s: HTML has <strong>, <script> or javascript:\n%s", tc.name, s)
			}
		}
		if regexp.MustCompile(`(^|[^\\])\]\(javascript:`).MatchString(n.Markdown) || regexp.MustCompile(`(^|[^\\])<[a-zA-Z/]`).MatchString(n.Markdown) {
			t.Errorf("%s: Markdown carries raw HTML or a javascript: link:\n%s", tc.name, n.Markdown)
		}
		has := false
		for _, f := range n.Files {
			has = has || f.Name == "chapters.json"
		}
		if has != tc.wantChapters {
			t.Errorf("%s: chapters.json written = %v, want %v", tc.name, has, tc.wantChapters)
		}
	}
}
