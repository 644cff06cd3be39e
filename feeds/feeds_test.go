package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
)

var (
	t0 = time.Date(2024, 10, 7, 6, 0, 0, 0, time.UTC)
	t1 = t0.Add(36 * time.Hour)
)

func testPodcast() pipeline.Podcast {
	return pipeline.Podcast{
		Title:       "Deep Talks & More",
		Description: "Conversations about <learning>.",
		Link:        "https://example.com/",
		FeedURL:     "https://example.com/feed.xml",
		BaseURL:     "https://cdn.example.com/show",
		Language:    "en",
		Author:      "Alex Wang",
		Image:       "https://example.com/art.jpg",
		Category:    "Technology",
		Subcategory: "Tech News",
		OwnerName:   "Alex Wang",
		OwnerEmail:  "alex@example.com",
		Hosts:       []string{"Alex Wang"},
	}
}

func testItem(n int) *Item {
	slug := fmt.Sprintf("ep%d", n)
	base := "https://cdn.example.com/show/" + slug + "/"
	return &Item{
		Title:       fmt.Sprintf("Episode %d: <script>alert(1)</script> & friends", n),
		GUID:        fmt.Sprintf("guid-%d", n),
		Link:        base + "episode.html",
		PubDate:     t0.Add(time.Duration(n) * 24 * time.Hour),
		Description: "<p>We talk about <a href=\"https://fast.ai\">fast.ai</a> &amp; more.</p>",
		Content:     "<h2>Notes</h2><p>Full notes ]]> with a CDATA end.</p>",
		Enclosure:   Enclosure{URL: fmt.Sprintf("https://cdn.example.com/show/ep%d.mp3", n), Length: 123456, Type: "audio/mpeg"},
		Duration:    2462,
		Episode:     n,
		Season:      1,
		Image:       "https://example.com/art.jpg",
		Transcripts: []Transcript{
			{URL: base + "transcript.vtt", Type: "text/vtt", Language: "en", Rel: "captions"},
			{URL: base + "transcript.json", Type: "application/json", Language: "en"},
			{URL: base + "transcript.srt", Type: "application/x-subrip", Language: "en"},
		},
		Chapters:   base + "chapters.json",
		Persons:    []Person{{Name: "Alex Wang", Role: "host"}, {Name: "Jeremy Howard", Role: "guest"}},
		Soundbites: []Soundbite{{Start: 12.5, Duration: 30, Title: "Why deep learning"}},
	}
}

// errorsOf returns the problems of severity error.
func errorsOf(ps []Problem) []Problem {
	var out []Problem
	for _, p := range ps {
		if p.Severity == "error" {
			out = append(out, p)
		}
	}
	return out
}

var buildRE = regexp.MustCompile(`<lastBuildDate>[^<]*</lastBuildDate>`)

func withoutBuildDate(b []byte) []byte {
	return buildRE.ReplaceAll(b, []byte("<lastBuildDate/>"))
}

func TestNewFeedGolden(t *testing.T) {
	ch, err := NewChannel(testPodcast(), t0)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "feed.xml")
	replaced, err := Upsert(context.Background(), path, ch, testItem(1), t0)
	if err != nil || replaced {
		t.Fatalf("Upsert(new) = %v, %v, want false, nil", replaced, err)
	}
	got, _ := os.ReadFile(path)
	testcorpus.Golden(t, "new.golden.xml", got)
	if ps := Validate(got); len(ps) != 0 {
		t.Errorf("Validate(new feed) = %v, want no problems", ps)
	}
	if _, err := Upsert(context.Background(), path, ch, testItem(2), t1); err != nil {
		t.Fatal(err)
	}
	got, _ = os.ReadFile(path)
	testcorpus.Golden(t, "two.golden.xml", got)
	if ps := Validate(got); len(ps) != 0 {
		t.Errorf("Validate(two items) = %v, want no problems", ps)
	}
	lay, err := scan(got)
	if err != nil {
		t.Fatal(err)
	}
	if len(lay.items) != 2 || lay.items[0].guid != "guid-2" || lay.items[1].guid != "guid-1" {
		t.Errorf("items after two upserts = %+v, want guid-2 then guid-1", lay.items)
	}
}

func TestNewChannelMissingKeys(t *testing.T) {
	for _, tc := range []struct {
		edit func(*pipeline.Podcast)
		want string
	}{
		{func(p *pipeline.Podcast) { p.FeedURL = "" }, `missing key "feed_url"`},
		{func(p *pipeline.Podcast) { p.Title, p.Language = "", " " }, `missing keys "title", "language"`},
		{func(p *pipeline.Podcast) { p.Image = "art.jpg" }, `image "art.jpg" is not an absolute http(s) URL`},
		{func(p *pipeline.Podcast) { p.Category = "" }, `missing key "category"`},
	} {
		p := testPodcast()
		tc.edit(&p)
		_, err := NewChannel(p, t0)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, pipeline.ErrConfig) {
			t.Errorf("NewChannel(%+v) = %v, want an ErrConfig error containing %q", p, err, tc.want)
		}
	}
}

func TestPodcastGUID(t *testing.T) {
	// The Podcasting 2.0 namespace documents this pair.
	for _, in := range []string{"https://mp3s.nashownotes.com/pc20rss.xml", "http://mp3s.nashownotes.com/pc20rss.xml/", "mp3s.nashownotes.com/pc20rss.xml"} {
		if got, want := PodcastGUID(in), "917393e3-1b1e-5cef-ace4-edaa54e1f810"; got != want {
			t.Errorf("PodcastGUID(%q) = %s, want %s", in, got, want)
		}
	}
}

// checkSplice checks that out is orig with one item spliced in (and
// lastBuildDate changed), every other byte identical.
func checkSplice(t *testing.T, orig, out []byte, guid string, extra string) {
	t.Helper()
	lay, err := scan(out)
	if err != nil {
		t.Fatalf("updated feed does not parse: %v", err)
	}
	var it *scannedItem
	for i := range lay.items {
		if lay.items[i].guid == guid {
			if it != nil {
				t.Fatalf("guid %s appears twice", guid)
			}
			it = &lay.items[i]
		}
	}
	if it == nil {
		t.Fatalf("guid %s not in the updated feed", guid)
	}
	// The insertion adds the item and, after it, a line break and the
	// indent of the item's line.
	end := it.end
	if ind, ok := lineIndent(out, it.start); ok {
		if nl := newline(out, it.start); bytes.HasPrefix(out[end:], []byte(nl+ind)) {
			end += len(nl) + len(ind)
		}
	}
	rest := append(append([]byte{}, out[:it.start]...), out[end:]...)
	rest = bytes.Replace(rest, []byte(extra), nil, 1)
	a, b := withoutBuildDate(orig), withoutBuildDate(rest)
	if !bytes.Equal(a, b) {
		t.Errorf("bytes outside the item changed:\n--- original\n%s\n--- updated minus item\n%s", a, b)
	}
}

func TestSpliceKeepsForeignBytes(t *testing.T) {
	orig, err := os.ReadFile("testdata/foreign.xml")
	if err != nil {
		t.Fatal(err)
	}
	out, replaced, err := Splice(orig, testItem(4), t1)
	if err != nil || replaced {
		t.Fatalf("Splice(foreign) = %v, %v; want false, nil", replaced, err)
	}
	testcorpus.Golden(t, "foreign.golden.xml", out)
	checkSplice(t, orig, out, "guid-4", "")
	if !bytes.Contains(out, []byte("<lastBuildDate>"+t1.Format(time.RFC1123Z)+"</lastBuildDate>")) {
		t.Errorf("lastBuildDate not updated to %s", t1.Format(time.RFC1123Z))
	}
	lay, _ := scan(out)
	var guids []string
	for _, s := range lay.items {
		guids = append(guids, s.guid)
	}
	if got, want := strings.Join(guids, " "), "guid-4 ep-3 https://example.com/ep2 ep-1"; got != want {
		t.Errorf("items = %s, want %s", got, want)
	}
	if errs := errorsOf(Validate(out)); len(errs) != 0 {
		t.Errorf("Validate(updated foreign feed) errors = %v", errs)
	}
}

func TestSpliceDeclaresMissingNamespace(t *testing.T) {
	orig, _ := os.ReadFile("testdata/foreign.xml")
	orig = bytes.Replace(orig, []byte("\n     xmlns:podcast=\"https://podcastindex.org/namespace/1.0\""), nil, 1)
	orig = bytes.Replace(orig, []byte("<podcast:guid>2a36e8f5-7e1a-5c1d-8b1e-5e2f1c0d9a11</podcast:guid>"), nil, 1)
	out, _, err := Splice(orig, testItem(4), t1)
	if err != nil {
		t.Fatal(err)
	}
	decl := ` xmlns:podcast="` + NSPodcast + `"`
	if !bytes.Contains(out, []byte(`xmlns:googleplay="http://www.google.com/schemas/play-podcasts/1.0"`+decl+`>`)) {
		t.Errorf("podcast namespace not declared at the end of <rss>:\n%s", out[:600])
	}
	checkSplice(t, orig, out, "guid-4", decl)
}

func TestSpliceEmptyChannelAndCompactFeed(t *testing.T) {
	for _, in := range []string{
		`<rss version="2.0"><channel><title>x</title></channel></rss>`,
		"<rss version=\"2.0\">\n\t<channel>\n\t\t<title>x</title>\n\t\t<lastBuildDate/>\n\t</channel>\n</rss>\n",
		"\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel></channel></rss>",
	} {
		out, _, err := Splice([]byte(in), testItem(1), t1)
		if err != nil {
			t.Errorf("Splice(%q) error %v", in, err)
			continue
		}
		lay, err := scan(out)
		if err != nil || len(lay.items) != 1 {
			t.Errorf("Splice(%q) = %s, want a feed with one item", in, out)
		}
		if strings.Contains(in, "lastBuildDate") && !bytes.Contains(out, []byte("<lastBuildDate>"+t1.Format(time.RFC1123Z)+"</lastBuildDate>")) {
			t.Errorf("Splice(%q): self-closed lastBuildDate not filled:\n%s", in, out)
		}
	}
}

func TestSpliceCRLF(t *testing.T) {
	orig, _ := os.ReadFile("testdata/foreign.xml")
	crlf := bytes.ReplaceAll(orig, []byte("\n"), []byte("\r\n"))
	out, _, err := Splice(crlf, testItem(4), t1)
	if err != nil {
		t.Fatal(err)
	}
	if n, m := bytes.Count(out, []byte("\n")), bytes.Count(out, []byte("\r\n")); n != m {
		t.Errorf("Splice(CRLF feed): %d line feeds, %d of them CRLF; want all CRLF", n, m)
	}
	checkSplice(t, crlf, out, "guid-4", "")
}

func TestSpliceRebindsConflictingPrefix(t *testing.T) {
	in := `<rss version="2.0" xmlns:itunes="urn:other"><channel><title>x</title></channel></rss>`
	out, _, err := Splice([]byte(in), testItem(1), t1)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out, []byte(`<item xmlns:itunes="`+NSiTunes+`">`)) {
		t.Errorf("Splice with itunes bound elsewhere = %s, want the item to redeclare itunes", out)
	}
}

func TestReplaceByGUIDAndEnclosure(t *testing.T) {
	orig, _ := os.ReadFile("testdata/foreign.xml")
	// Same guid: the item is replaced, and moves to where its date puts it.
	it := testItem(9)
	it.GUID = "ep-1"
	out, replaced, err := Splice(orig, it, t1)
	if err != nil || !replaced {
		t.Fatalf("Splice(same guid) = %v, %v, want true, nil", replaced, err)
	}
	lay, _ := scan(out)
	if len(lay.items) != 3 {
		t.Errorf("%d items after replace, want 3", len(lay.items))
	}
	first := out[lay.items[0].start:lay.items[0].end]
	if !bytes.Contains(first, []byte("Episode 9")) || bytes.Contains(out, []byte("<title>Episode 1</title>")) {
		t.Errorf("first item = %s, want the new (newest) item in place of Episode 1", first)
	}
	// Same enclosure URL, another guid: another episode; refused.
	it = testItem(9)
	it.Enclosure.URL = "https://cdn.example.com/ep1.mp3"
	if _, _, err := Splice(orig, it, t1); !errors.Is(err, ErrConflict) {
		t.Errorf("Splice(another episode's enclosure URL) = %v, want ErrConflict", err)
	}
	// A feed holding the same episode twice keeps one copy.
	dup := bytes.Replace(orig, []byte("<guid isPermaLink=\"false\"><![CDATA[ep-1]]></guid>"), []byte("<guid>ep-3</guid>"), 1)
	it = testItem(9)
	it.GUID = "ep-3"
	out, _, err = Splice(dup, it, t1)
	if err != nil {
		t.Fatal(err)
	}
	lay, _ = scan(out)
	if n := bytes.Count(out, []byte("<guid isPermaLink=\"false\">ep-3</guid>")); len(lay.items) != 2 || n != 1 {
		t.Errorf("Splice over two copies: %d items, %d with the guid; want 2 and 1:\n%s", len(lay.items), n, out)
	}
}

func TestUpsertIdempotent(t *testing.T) {
	ch, _ := NewChannel(testPodcast(), t0)
	for _, start := range []string{"", "testdata/foreign.xml"} {
		path := filepath.Join(t.TempDir(), "feed.xml")
		if start != "" {
			b, _ := os.ReadFile(start)
			os.WriteFile(path, b, 0o600)
		}
		ctx := context.Background()
		if _, err := Upsert(ctx, path, ch, testItem(5), t0); err != nil {
			t.Fatal(err)
		}
		a, _ := os.ReadFile(path)
		replaced, err := Upsert(ctx, path, ch, testItem(5), t1)
		if err != nil || !replaced {
			t.Fatalf("second Upsert = %v, %v, want true, nil", replaced, err)
		}
		b, _ := os.ReadFile(path)
		if bytes.Equal(a, b) {
			t.Errorf("%q: lastBuildDate did not change on rerun", start)
		}
		if !bytes.Equal(withoutBuildDate(a), withoutBuildDate(b)) {
			t.Errorf("%q: rerun changed more than lastBuildDate:\n%s\n---\n%s", start, a, b)
		}
		if fi, _ := os.Stat(path); start != "" && fi.Mode().Perm() != 0o600 {
			t.Errorf("mode after update = %v, want 0600 kept", fi.Mode().Perm())
		}
	}
}

func TestUpsertRefusesBrokenFeed(t *testing.T) {
	for _, bad := range []string{
		"<rss><channel><item></channel></rss>",
		"not xml at all",
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>",
		"<rss version=\"2.0\"></rss>",
		"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel></channel></rss>",
		"<rss><channel><title>&nbsp;</title></channel></rss>",
	} {
		path := filepath.Join(t.TempDir(), "feed.xml")
		os.WriteFile(path, []byte(bad), 0o644)
		_, err := Upsert(context.Background(), path, nil, testItem(1), t0)
		if !errors.Is(err, ErrFeed) {
			t.Errorf("Upsert(%q) = %v, want an ErrFeed error", bad, err)
		}
		if got, _ := os.ReadFile(path); string(got) != bad {
			t.Errorf("Upsert(%q) changed the file to %q", bad, got)
		}
	}
}

func TestUpsertNoChannel(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feed.xml")
	if _, err := Upsert(context.Background(), path, nil, testItem(1), t0); err == nil {
		t.Error("Upsert(missing feed, nil channel) = nil error")
	}
}

func TestUpsertConcurrent(t *testing.T) {
	ch, _ := NewChannel(testPodcast(), t0)
	path := filepath.Join(t.TempDir(), "feed.xml")
	const n = 16
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := Upsert(context.Background(), path, ch, testItem(i+1), t0)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	data, _ := os.ReadFile(path)
	lay, err := scan(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(lay.items) != n {
		t.Errorf("%d items after %d concurrent upserts, want %d", len(lay.items), n, n)
	}
	if errs := errorsOf(Validate(data)); len(errs) != 0 {
		t.Errorf("Validate = %v", errs)
	}
}

// TestUpsertSubprocesses runs upserts in separate processes (the test
// binary re-executed), which only the file lock serialises.
func TestUpsertSubprocesses(t *testing.T) {
	if p := os.Getenv("FEEDS_TEST_UPSERT"); p != "" {
		var i int
		fmt.Sscan(os.Getenv("FEEDS_TEST_N"), &i)
		ch, _ := NewChannel(testPodcast(), t0)
		for k := range 5 {
			if _, err := Upsert(context.Background(), p, ch, testItem(100*i+k), t0); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
		return
	}
	if testing.Short() {
		t.Skip("short")
	}
	path := filepath.Join(t.TempDir(), "feed.xml")
	var cmds []*exec.Cmd
	for i := 1; i <= 4; i++ {
		c := exec.Command(os.Args[0], "-test.run=^TestUpsertSubprocesses$")
		c.Env = append(os.Environ(), "FEEDS_TEST_UPSERT="+path, fmt.Sprint("FEEDS_TEST_N=", i))
		c.Stderr = os.Stderr
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, c)
	}
	for _, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Fatal(err)
		}
	}
	data, _ := os.ReadFile(path)
	lay, err := scan(data)
	if err != nil || len(lay.items) != 20 {
		t.Fatalf("after 4 processes × 5 upserts: %v, %d items, want 20", err, len(lay.items))
	}
}

func TestUpsertReadOnlyDir(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "feed.xml")
	orig, _ := os.ReadFile("testdata/foreign.xml")
	os.WriteFile(path, orig, 0o644)
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	if os.Geteuid() == 0 { // root ignores modes; the immutable flag binds root too
		if err := exec.Command("chattr", "+i", dir).Run(); err != nil {
			t.Skipf("running as root and chattr +i failed (%v): cannot make a read-only directory", err)
		}
		t.Cleanup(func() { exec.Command("chattr", "-i", dir).Run() })
	}
	_, err := Upsert(context.Background(), path, nil, testItem(1), t0)
	if err == nil || !strings.Contains(err.Error(), "must be writable") {
		t.Errorf("Upsert(read-only dir) = %v, want an error saying the directory must be writable", err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, orig) {
		t.Error("Upsert(read-only dir) changed the feed")
	}
}

func TestUpsertCanceled(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feed.xml")
	unlock, err := lock(context.Background(), LockPath(path), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	ch, _ := NewChannel(testPodcast(), t0)
	if _, err := Upsert(ctx, path, ch, testItem(1), t0); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Upsert while locked = %v, want context.DeadlineExceeded", err)
	}
}

func TestItemEscaping(t *testing.T) {
	it := testItem(1)
	it.Title = "Q&A </title><script>alert('x')</script> \x00\x1b ]]>"
	it.Description = "<p>a ]]> b</p>"
	it.Persons = []Person{{Name: "Zoë \"Z\" <O'Neil>", Role: "guest"}}
	ch, _ := NewChannel(testPodcast(), t0)
	feed, _ := ch.XML()
	out, _, err := Splice(feed, it, t0)
	if err != nil {
		t.Fatal(err)
	}
	root, err := parseTree(out)
	if err != nil {
		t.Fatalf("escaped feed does not parse: %v", err)
	}
	item := root.first("", "channel").first("", "item")
	if got, want := item.first("", "title").str(), "Q&A </title><script>alert('x')</script>  ]]>"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got := item.first("", "description").str(); got != it.Description {
		t.Errorf("description = %q, want %q", got, it.Description)
	}
	if got := item.first("podcast", "person").str(); got != it.Persons[0].Name {
		t.Errorf("person = %q, want %q", got, it.Persons[0].Name)
	}
	if bytes.Contains(out, []byte("<script>")) {
		t.Error("a raw <script> element reached the feed")
	}
}

func TestItemCheck(t *testing.T) {
	for _, tc := range []struct {
		edit func(*Item)
		want string
	}{
		{func(it *Item) { it.Title = " " }, "no title"},
		{func(it *Item) { it.GUID = "" }, "no guid"},
		{func(it *Item) { it.Enclosure.URL = "ep.mp3" }, "not an absolute"},
		{func(it *Item) { it.Enclosure.Length = 0 }, "length 0"},
		{func(it *Item) { it.EpisodeType = "special" }, "episode type"},
	} {
		it := testItem(1)
		tc.edit(it)
		if err := it.Check(); err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, ErrItem) {
			t.Errorf("Check(%+v) = %v, want ErrItem containing %q", it, err, tc.want)
		}
	}
}

func TestEnclosureType(t *testing.T) {
	for _, tc := range []struct {
		name, want string
		apple      bool
	}{
		{"ep.mp3", "audio/mpeg", true},
		{"EP.M4A", "audio/x-m4a", true},
		{"ep.mp4", "video/mp4", true},
		{"ep.wav", "audio/wav", false},
		{"ep.ogg", "audio/ogg", false},
		{"ep", "application/octet-stream", false},
	} {
		got := EnclosureType(tc.name)
		if got != tc.want || AppleAccepts(got) != tc.apple {
			t.Errorf("EnclosureType(%q) = %s (Apple %v), want %s (Apple %v)", tc.name, got, AppleAccepts(got), tc.want, tc.apple)
		}
	}
}
