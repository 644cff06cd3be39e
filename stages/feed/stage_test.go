package feed

import (
	"context"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shownotes/shownotes/feeds"
	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
	"github.com/shownotes/shownotes/stages/align"
	"github.com/shownotes/shownotes/stages/notes"
	"github.com/shownotes/shownotes/stages/quotes"
	"github.com/shownotes/shownotes/stages/write"
)

func podcast() pipeline.Podcast {
	return pipeline.Podcast{
		Title: "Deep Talks", Description: "Conversations.", Link: "https://example.com/",
		FeedURL: "https://example.com/feed.xml", BaseURL: "https://cdn.example.com/eps/",
		Language: "en", Image: "https://example.com/art.jpg", Category: "Technology",
		OwnerName: "Alex Wang", OwnerEmail: "alex@example.com", Hosts: []string{"Alex Wang"},
	}
}

// results builds the pipeline results of a small episode by hand.
func results() Input {
	words := []pipeline.Word{
		{Text: "Welcome", Speaker: "Alex", Start: 0, End: 0.5},
		{Text: "Thanks.", Speaker: "Jeremy Howard", Turn: 1, Start: 0.6, End: 1},
		{Text: "Hi.", Speaker: "Speaker 3", Turn: 2, Start: 1.1, End: 1.4},
	}
	tr := &pipeline.Transcript{
		Header: pipeline.Header{Title: "Deep learning <for> coders & friends", Guest: "Jeremy Howard"},
		Words:  words,
		Turns: []pipeline.Turn{
			{Speaker: "Alex", Words: pipeline.Span{First: 0, End: 1}},
			{Speaker: "Jeremy Howard", Words: pipeline.Span{First: 1, End: 2}},
			{Speaker: "Speaker 3", Words: pipeline.Span{First: 2, End: 3}},
		},
	}
	al := &pipeline.Alignment{Transcript: tr, Method: "test", Timed: true, Duration: 41.6}
	nt := &notes.Notes{
		HTML:        "<!doctype html><html><head><title>x</title></head><body><h1>Notes</h1><p>All of it.</p></body></html>",
		Description: "<p>We talk about <a href=\"https://fast.ai\">fast.ai</a>.</p>",
	}
	qs := &quotes.Quotes{Quotes: []quotes.Quote{
		{Text: "Deep learning is for everyone.", Speaker: "Jeremy Howard", Score: 1, Soundbite: &quotes.Soundbite{StartTime: 2.5, Duration: 20}},
		{Text: "no clip", Speaker: "Alex", Score: 0.5},
	}}
	wr := &pipeline.Output{Files: []pipeline.File{{Name: "transcript.vtt"}, {Name: "transcript.json"}, {Name: "transcript.srt"}, {Name: "episode.html"}, {Name: "chapters.json"}, {Name: "quotes.json"}}}
	return Input{Alignment: al, Quotes: qs, Notes: nt, Written: wr}
}

// setup returns a config whose enclosure is a small .mp3 file.
func setup(t *testing.T) *pipeline.Config {
	dir := t.TempDir()
	enc := filepath.Join(dir, "ep 12.mp3")
	if err := os.WriteFile(enc, make([]byte, 4321), 0o644); err != nil {
		t.Fatal(err)
	}
	mtime := time.Date(2024, 10, 7, 6, 30, 0, 0, time.UTC)
	os.Chtimes(enc, mtime, mtime)
	out := filepath.Join(dir, "ep12")
	os.Mkdir(out, 0o755)
	return &pipeline.Config{
		AudioPath: enc, OutDir: out, FeedPath: filepath.Join(dir, "feed.xml"),
		Episode: 12, Season: 2, Podcast: podcast(),
	}
}

type itemOut struct {
	Title     string `xml:"title"`
	Link      string `xml:"link"`
	GUID      string `xml:"guid"`
	PubDate   string `xml:"pubDate"`
	Desc      string `xml:"description"`
	Content   string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
	Enclosure struct {
		URL    string `xml:"url,attr"`
		Length string `xml:"length,attr"`
		Type   string `xml:"type,attr"`
	} `xml:"enclosure"`
	Duration    string `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd duration"`
	Episode     string `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd episode"`
	Season      string `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd season"`
	Transcripts []struct {
		URL  string `xml:"url,attr"`
		Type string `xml:"type,attr"`
		Rel  string `xml:"rel,attr"`
	} `xml:"https://podcastindex.org/namespace/1.0 transcript"`
	Chapters struct {
		URL string `xml:"url,attr"`
	} `xml:"https://podcastindex.org/namespace/1.0 chapters"`
	Persons []struct {
		Role string `xml:"role,attr"`
		Name string `xml:",chardata"`
	} `xml:"https://podcastindex.org/namespace/1.0 person"`
	Soundbites []struct {
		Start string `xml:"startTime,attr"`
		Dur   string `xml:"duration,attr"`
	} `xml:"https://podcastindex.org/namespace/1.0 soundbite"`
}

func readItems(t *testing.T, path string) []itemOut {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Items []itemOut `xml:"channel>item"`
	}
	if err := xml.Unmarshal(data, &f); err != nil {
		t.Fatalf("feed does not parse: %v", err)
	}
	if errs := errorsOf(feeds.Validate(data)); len(errs) != 0 {
		t.Errorf("Validate(written feed) errors = %v", errs)
	}
	return f.Items
}

func errorsOf(ps []feeds.Problem) []feeds.Problem {
	var out []feeds.Problem
	for _, p := range ps {
		if p.Severity == "error" {
			out = append(out, p)
		}
	}
	return out
}

func TestStageWritesItem(t *testing.T) {
	cfg := setup(t)
	in := results()
	al := in.Alignment
	pass := &pipeline.Pass{Stage: Stage, Config: cfg, ResultOf: map[*pipeline.Stage]any{align.Stage: al, quotes.Stage: in.Quotes, notes.Stage: in.Notes, write.Stage: in.Written}}
	res, err := Stage.Run(context.Background(), pass)
	if err != nil {
		t.Fatal(err)
	}
	fr := res.(*Result)
	if fr.Path != cfg.FeedPath || fr.GUID == "" || fr.Replaced {
		t.Errorf("result = %+v, want path %s, a guid, not replaced", fr, cfg.FeedPath)
	}
	items := readItems(t, cfg.FeedPath)
	if len(items) != 1 {
		t.Fatalf("%d items, want 1", len(items))
	}
	it := items[0]
	for _, c := range []struct{ field, got, want string }{
		{"title", it.Title, "Deep learning <for> coders & friends"},
		{"guid", it.GUID, fr.GUID},
		{"link", it.Link, "https://cdn.example.com/eps/ep12/episode.html"},
		{"pubDate", it.PubDate, "Mon, 07 Oct 2024 06:30:00 +0000"},
		{"description", it.Desc, in.Notes.Description},
		{"content:encoded", it.Content, "<h1>Notes</h1><p>All of it.</p>"},
		{"enclosure url", it.Enclosure.URL, "https://cdn.example.com/eps/ep%2012.mp3"},
		{"enclosure length", it.Enclosure.Length, "4321"},
		{"enclosure type", it.Enclosure.Type, "audio/mpeg"},
		{"itunes:duration", it.Duration, "42"},
		{"itunes:episode", it.Episode, "12"},
		{"itunes:season", it.Season, "2"},
		{"chapters", it.Chapters.URL, "https://cdn.example.com/eps/ep12/chapters.json"},
	} {
		if c.got != c.want {
			t.Errorf("item %s = %q, want %q", c.field, c.got, c.want)
		}
	}
	var tr []string
	for _, x := range it.Transcripts {
		tr = append(tr, x.Type+" "+x.URL+" "+x.Rel)
	}
	if got, want := strings.Join(tr, "; "), "text/vtt https://cdn.example.com/eps/ep12/transcript.vtt captions; application/json https://cdn.example.com/eps/ep12/transcript.json ; application/x-subrip https://cdn.example.com/eps/ep12/transcript.srt "; got != want {
		t.Errorf("transcripts = %q, want %q", got, want)
	}
	var ps []string
	for _, p := range it.Persons {
		ps = append(ps, p.Role+":"+p.Name)
	}
	if got, want := strings.Join(ps, ", "), "host:Alex Wang, guest:Jeremy Howard"; got != want {
		t.Errorf("persons = %q, want %q", got, want)
	}
	if len(it.Soundbites) != 1 || it.Soundbites[0].Start != "2.5" || it.Soundbites[0].Dur != "20.0" {
		t.Errorf("soundbites = %+v, want one at 2.5 for 20.0", it.Soundbites)
	}

	// A rerun replaces the item; the bytes differ only in lastBuildDate.
	before, _ := os.ReadFile(cfg.FeedPath)
	time.Sleep(1100 * time.Millisecond) // let lastBuildDate's second change
	res, err = Stage.Run(context.Background(), pass)
	if err != nil {
		t.Fatal(err)
	}
	if !res.(*Result).Replaced || res.(*Result).GUID != fr.GUID {
		t.Errorf("rerun result = %+v, want replaced with guid %s", res, fr.GUID)
	}
	after, _ := os.ReadFile(cfg.FeedPath)
	if strip(before) != strip(after) {
		t.Errorf("rerun changed more than lastBuildDate:\n%s\n---\n%s", before, after)
	}
}

func strip(b []byte) string {
	s := string(b)
	i := strings.Index(s, "<lastBuildDate>")
	j := strings.Index(s, "</lastBuildDate>")
	if i < 0 || j < i {
		return s
	}
	return s[:i] + s[j:]
}

func TestStageNoFeed(t *testing.T) {
	res, err := Stage.Run(context.Background(), &pipeline.Pass{Stage: Stage, Config: &pipeline.Config{}})
	if fr, ok := res.(*Result); err != nil || !ok || *fr != (Result{}) {
		t.Errorf("Run(no feed path) = %v, %v, want an empty FeedResult", res, err)
	}
}

func TestUpdateErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*pipeline.Config)
		want string
	}{
		{"no base_url", func(c *pipeline.Config) { c.Podcast.BaseURL = "" }, `missing key "base_url"`},
		{"no feed_url for a new feed", func(c *pipeline.Config) { c.Podcast.FeedURL = "" }, `missing key "feed_url"`},
		{"no audio", func(c *pipeline.Config) { c.AudioPath = "" }, "no enclosure"},
		{"missing enclosure", func(c *pipeline.Config) { c.EnclosurePath = filepath.Join(c.OutDir, "nope.mp3") }, "nope.mp3"},
		{"bad episode type", func(c *pipeline.Config) { c.Podcast.EpisodeType = "special" }, `episode_type "special"`},
	} {
		cfg := setup(t)
		tc.edit(cfg)
		in := results()
		_, err := Update(context.Background(), cfg, in, nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Update = %v, want an error containing %q", tc.name, err, tc.want)
		}
		if _, err := os.Stat(cfg.FeedPath); err == nil {
			t.Errorf("%s: a feed was written", tc.name)
		}
	}
}

// TestUpdateSampleWAV publishes the committed sample's WAV: Apple refuses
// its type, so the run warns and the validator reports a warning, no error.
func TestUpdateSampleWAV(t *testing.T) {
	wav := filepath.Join(testcorpus.Sample(), "episode.wav")
	if _, err := os.Stat(wav); err != nil {
		t.Skipf("sample audio: %v", err)
	}
	cfg := setup(t)
	cfg.AudioPath, cfg.Title = wav, ""
	in := results()
	al := in.Alignment
	al.Transcript.Header.Title, al.Transcript.Header.Guest = "", ""
	in.Notes.Description = ""
	var warns []string
	if _, err := Update(context.Background(), cfg, in, func(f string, a ...any) { warns = append(warns, f) }); err != nil {
		t.Fatal(err)
	}
	if len(warns) == 0 || !strings.Contains(warns[0], "Apple Podcasts refuses") {
		t.Errorf("warnings = %q, want one about Apple refusing audio/wav", warns)
	}
	items := readItems(t, cfg.FeedPath)
	if len(items) != 1 || items[0].Title != "episode" || items[0].Enclosure.Type != "audio/wav" || items[0].Desc != "<p>episode</p>" {
		t.Errorf("items = %+v, want one titled episode (the file name) with type audio/wav", items)
	}
}

// TestUpdateExistingFeed adds an episode to a feed written by another tool
// whose podcast.toml lacks the channel keys: only base_url is needed.
func TestUpdateExistingFeed(t *testing.T) {
	cfg := setup(t)
	orig := `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Other</title>
  <item><title>Old</title><guid>old-1</guid></item>
</channel></rss>
`
	os.WriteFile(cfg.FeedPath, []byte(orig), 0o644)
	cfg.Podcast = pipeline.Podcast{BaseURL: "https://cdn.example.com/eps"}
	in := results()
	fr, err := Update(context.Background(), cfg, in, nil)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(cfg.FeedPath)
	s := string(data)
	if !strings.Contains(s, fr.GUID) || !strings.HasSuffix(s, "<item><title>Old</title><guid>old-1</guid></item>\n</channel></rss>\n") {
		t.Errorf("updated feed = %s", s)
	}
	if i, j := strings.Index(s, fr.GUID), strings.Index(s, "old-1"); i > j {
		t.Error("the new item is not before the old one")
	}
}

func TestPersons(t *testing.T) {
	tr := &pipeline.Transcript{
		Header: pipeline.Header{Guest: "Dr. Ada Lovelace"},
		Turns: []pipeline.Turn{
			{Speaker: "Ada"}, {Speaker: "Bob Host"}, {Speaker: "Speaker 2"}, {Speaker: "Unknown"}, {Speaker: "Carol"}, {Speaker: "Bob"},
		},
	}
	got := persons([]string{"Bob Host", " "}, tr)
	var s []string
	for _, p := range got {
		s = append(s, p.Role+":"+p.Name)
	}
	if g, want := strings.Join(s, ", "), "host:Bob Host, guest:Dr. Ada Lovelace, guest:Carol"; g != want {
		t.Errorf("persons = %q, want %q", g, want)
	}
}

func TestSlugAndShorten(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/out/ep12/", "ep12"}, {"out/ep 3", "ep 3"}, {"/", "episode"},
	} {
		if got := pipeline.Slug(tc.in); got != tc.want {
			t.Errorf("Slug(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got, want := shorten("one two three four five", 12), "one two…"; got != want {
		t.Errorf("shorten = %q, want %q", got, want)
	}
}

func ExampleBuildItem() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	audio := filepath.Join(dir, "ep1.mp3")
	os.WriteFile(audio, make([]byte, 1000), 0o644)
	cfg := &pipeline.Config{
		AudioPath: audio,
		OutDir:    filepath.Join(dir, "ep1"),
		Title:     "Pilot",
		PubDate:   time.Date(2024, 10, 7, 6, 0, 0, 0, time.UTC),
		Podcast:   pipeline.Podcast{BaseURL: "https://cdn.example.com/show", Hosts: []string{"Ann"}},
	}
	it, err := BuildItem(cfg, Input{Alignment: &pipeline.Alignment{Duration: 61.4}}, nil)
	if err != nil {
		panic(err)
	}
	b, _ := it.XML("", " ")
	os.Stdout.Write(b)
	// Output:
	// <item>
	//  <title>Pilot</title>
	//  <link>https://cdn.example.com/show/ep1/episode.html</link>
	//  <enclosure url="https://cdn.example.com/show/ep1.mp3" length="1000" type="audio/mpeg"></enclosure>
	//  <guid isPermaLink="false">13a04ba6-3d8a-53e1-9414-4b505305d778</guid>
	//  <pubDate>Mon, 07 Oct 2024 06:00:00 +0000</pubDate>
	//  <description><![CDATA[<p>Pilot</p>]]></description>
	//  <itunes:title>Pilot</itunes:title>
	//  <itunes:duration>61</itunes:duration>
	//  <itunes:episodeType>full</itunes:episodeType>
	//  <itunes:explicit>false</itunes:explicit>
	//  <podcast:person role="host">Ann</podcast:person>
	// </item>
}

// TestTitleFallsBackToGuest: with no --title and no title in the
// transcript's header, the guest named there titles the episode.
func TestTitleFallsBackToGuest(t *testing.T) {
	cfg := setup(t)
	cfg.Title = ""
	in := results()
	al := in.Alignment
	al.Transcript.Header.Title, al.Transcript.Header.Guest = "", "Ada Lovelace"
	if _, err := Update(context.Background(), cfg, in, nil); err != nil {
		t.Fatal(err)
	}
	if items := readItems(t, cfg.FeedPath); len(items) != 1 || items[0].Title != "Ada Lovelace" {
		t.Errorf("items = %+v, want one titled Ada Lovelace", items)
	}
}
