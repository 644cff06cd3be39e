package feeds

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// feedWith returns a valid feed whose channel extras and item are given.
func feedWith(rootNS, channelExtra, item string) string {
	if rootNS == "" {
		rootNS = `xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/"`
	}
	return `<rss version="2.0" ` + rootNS + `><channel>
<title>T</title><link>https://example.com/</link><description>D</description><language>en</language>
<atom:link href="https://example.com/feed.xml" rel="self" type="application/rss+xml"/>
<itunes:image href="https://example.com/a.jpg"/><itunes:category text="Technology"/><itunes:explicit>false</itunes:explicit>
<podcast:guid>` + PodcastGUID("https://example.com/feed.xml") + `</podcast:guid>` + channelExtra + item + `</channel></rss>`
}

const okItem = `<item><title>Ep</title><guid isPermaLink="false">g1</guid><pubDate>Mon, 07 Oct 2024 06:00:00 +0000</pubDate>
<description><![CDATA[<p>Hi</p>]]></description><enclosure url="https://example.com/e.mp3" length="10" type="audio/mpeg"/>
<itunes:duration>61</itunes:duration></item>`

func TestValidateClean(t *testing.T) {
	if ps := Validate([]byte(feedWith("", "", okItem))); len(ps) != 0 {
		t.Errorf("Validate(valid feed) = %v, want none", ps)
	}
}

func TestValidateProblems(t *testing.T) {
	item := func(old, repl string) string { return strings.Replace(okItem, old, repl, 1) }
	for _, tc := range []struct {
		name, feed string
		want       string // a line of Problem.String()
	}{
		{"not xml", "<rss><channel>", `error: channel: feed is not well-formed XML`},
		{"atom root", `<feed xmlns="http://www.w3.org/2005/Atom"/>`, `error: channel: root element is <feed>, not <rss>`},
		{"undeclared itunes", feedWith(`xmlns:atom="http://www.w3.org/2005/Atom" xmlns:podcast="https://podcastindex.org/namespace/1.0"`, "", okItem), `error: channel: namespace prefix "itunes" is used`},
		{"itunes uri case", feedWith(`xmlns:itunes="http://www.itunes.com/DTDs/Podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:atom="http://www.w3.org/2005/Atom"`, "", okItem), `error: channel: the iTunes namespace must be exactly`},
		{"no language", strings.Replace(feedWith("", "", okItem), "<language>en</language>", "", 1), `error: channel: <language> is missing`},
		{"no self", strings.Replace(feedWith("", "", okItem), `rel="self"`, `rel="alternate"`, 1), `error: channel: <atom:link rel="self"> is missing`},
		{"bad explicit", strings.Replace(feedWith("", "", okItem), "<itunes:explicit>false", "<itunes:explicit>maybe", 1), `error: channel: itunes:explicit "maybe" is not true or false`},
		{"old explicit", strings.Replace(feedWith("", "", okItem), "<itunes:explicit>false", "<itunes:explicit>clean", 1), `warning: channel: itunes:explicit "clean"`},
		{"bad podcast guid", strings.Replace(feedWith("", "", okItem), PodcastGUID("https://example.com/feed.xml"), "not-a-uuid", 1), `error: channel: podcast:guid "not-a-uuid" is not a UUID`},
		{"v4 podcast guid", strings.Replace(feedWith("", "", okItem), PodcastGUID("https://example.com/feed.xml"), "f47ac10b-58cc-4372-a567-0e02b2c3d479", 1), `is a version 4 UUID, not version 5`},
		{"no image", strings.Replace(feedWith("", "", okItem), `<itunes:image href="https://example.com/a.jpg"/>`, "", 1), `error: channel: <itunes:image> is missing`},
		{"no category", strings.Replace(feedWith("", "", okItem), `<itunes:category text="Technology"/>`, "", 1), `error: channel: <itunes:category> is missing`},
		{"odd category", strings.Replace(feedWith("", "", okItem), `text="Technology"`, `text="Gadgets"`, 1), `warning: channel: itunes:category "Gadgets" is not one of Apple's categories`},
		{"no title", feedWith("", "", item("<title>Ep</title>", "")), `error: item "g1": <title> is missing or empty`},
		{"no guid", feedWith("", "", item(`<guid isPermaLink="false">g1</guid>`, "")), `error: item "Ep": <guid> is missing or empty`},
		{"dup guid", feedWith("", "", okItem+okItem), `error: item "Ep": guid "g1" is also the guid of item #1`},
		{"no title no guid", feedWith("", "", item(`<guid isPermaLink="false">g1</guid>`, "")+`<item><enclosure url="https://e.com/a.mp3" length="1" type="audio/mpeg"/></item>`), `error: item "#2": <title> is missing or empty`},
		{"no enclosure", feedWith("", "", item(`<enclosure url="https://example.com/e.mp3" length="10" type="audio/mpeg"/>`, "")), `error: item "Ep": enclosure missing`},
		{"no length", feedWith("", "", item(` length="10"`, "")), `error: item "Ep": enclosure length missing`},
		{"zero length", feedWith("", "", item(`length="10"`, `length="0"`)), `error: item "Ep": enclosure length "0" is not positive`},
		{"text length", feedWith("", "", item(`length="10"`, `length="10 MB"`)), `error: item "Ep": enclosure length "10 MB" is not a whole number of bytes`},
		{"relative url", feedWith("", "", item(`url="https://example.com/e.mp3"`, `url="e.mp3"`)), `error: item "Ep": enclosure url "e.mp3" is not an absolute http(s) URL`},
		{"wav", feedWith("", "", item(`type="audio/mpeg"`, `type="audio/wav"`)), `warning: item "Ep": enclosure type audio/wav: Apple Podcasts accepts only`},
		{"bad type", feedWith("", "", item(`type="audio/mpeg"`, `type="mp3"`)), `error: item "Ep": enclosure type "mp3" is not a MIME type`},
		{"bad date", feedWith("", "", item("Mon, 07 Oct 2024 06:00:00 +0000", "2024-10-07T06:00:00Z")), `error: item "Ep": pubDate "2024-10-07T06:00:00Z" is not an RFC 2822 date`},
		{"wrong weekday", feedWith("", "", item("Mon, 07 Oct", "Tue, 07 Oct")), `warning: item "Ep": pubDate "Tue, 07 Oct 2024 06:00:00 +0000": 7 Oct 2024 is a Monday`},
		{"bad duration", feedWith("", "", item("<itunes:duration>61", "<itunes:duration>1h2m")), `error: item "Ep": itunes:duration "1h2m" is not whole seconds or [HH:]MM:SS`},
		{"minutes 61", feedWith("", "", item("<itunes:duration>61", "<itunes:duration>1:61:00")), `error: item "Ep": itunes:duration "1:61:00"`},
		{"long description", feedWith("", "", item("<p>Hi</p>", "<p>"+strings.Repeat("x", 4000)+"</p>")), `error: item "Ep": description is 4007 bytes; Apple allows 4000`},
		{"strong in description", feedWith("", "", item("<p>Hi</p>", "<p><strong>Hi</strong></p>")), `warning: item "Ep": description contains <strong>`},
		{"javascript link", feedWith("", "", item("</item>", "<link>javascript:alert(1)</link></item>")), `error: item "Ep": link "javascript:alert(1)" is not an absolute http(s) URL`},
		{"javascript channel link", strings.Replace(feedWith("", "", okItem), "<link>https://example.com/</link>", "<link>javascript:alert(1)</link>", 1), `error: channel: link "javascript:alert(1)"`},
		{"javascript in description", feedWith("", "", item("<p>Hi</p>", `<p><a href="javascript:alert(1)">Hi</a></p>`)), `error: item "Ep": description links to "javascript:alert(1)"`},
		{"enclosure without url", feedWith("", "", item(`url="https://example.com/e.mp3"`, ``)), `error: item "Ep": enclosure url missing`},
		{"h2 in description", feedWith("", "", item("<p>Hi</p>", "<h2>Hi</h2>")), `warning: item "Ep": description contains <h2>`},
		{"script in description", feedWith("", "", item("<p>Hi</p>", "<script>x</script>")), `error: item "Ep": description contains <script>`},
		{"episode type", feedWith("", "", item("</item>", "<itunes:episodeType>special</itunes:episodeType></item>")), `error: item "Ep": itunes:episodeType "special" is not full, trailer or bonus`},
		{"episode zero", feedWith("", "", item("</item>", "<itunes:episode>0</itunes:episode></item>")), `error: item "Ep": itunes:episode "0" is not a positive integer`},
		{"transcript no type", feedWith("", "", item("</item>", `<podcast:transcript url="https://e.com/t.vtt"/></item>`)), `error: item "Ep": podcast:transcript has no type`},
		{"transcript relative", feedWith("", "", item("</item>", `<podcast:transcript url="t.vtt" type="text/vtt"/></item>`)), `error: item "Ep": podcast:transcript url "t.vtt" is not an absolute`},
		{"chapters type", feedWith("", "", item("</item>", `<podcast:chapters url="https://e.com/c.json" type="application/json"/></item>`)), `error: item "Ep": podcast:chapters type "application/json" is not application/json+chapters`},
		{"person empty", feedWith("", "", item("</item>", `<podcast:person role="guest"> </podcast:person></item>`)), `error: item "Ep": podcast:person has no name`},
		{"soundbite", feedWith("", "", item("</item>", `<podcast:soundbite startTime="x" duration="30"/></item>`)), `error: item "Ep": podcast:soundbite startTime "x"`},
		{"content undeclared", feedWith(`xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:atom="http://www.w3.org/2005/Atom"`, "", item("</item>", "<content:encoded>x</content:encoded></item>")), `error: channel: namespace prefix "content" is used`},
	} {
		ps := Validate([]byte(tc.feed))
		var lines []string
		found := false
		for _, p := range ps {
			lines = append(lines, p.String())
			if strings.Contains(p.String(), tc.want) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: Validate = %q, want a problem containing %q", tc.name, lines, tc.want)
		}
	}
}

func TestParseRFC2822(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"Mon, 07 Oct 2024 06:00:00 +0000", true},
		{"Mon, 7 Oct 2024 06:00:00 GMT", true},
		{"7 Oct 2024 06:00 -0500", true},
		{"Mon,  07 Oct 2024 06:00:00 UT", true},
		{"2024-10-07", false},
		{"Mon, 07 Oct 24 06:00:00 +0000", false},
		{"", false},
	} {
		if _, ok := parseRFC2822(tc.in); ok != tc.ok {
			t.Errorf("parseRFC2822(%q) ok = %v, want %v", tc.in, ok, tc.ok)
		}
	}
}

func FuzzValidate(f *testing.F) {
	for _, name := range []string{"foreign.xml", "new.golden.xml", "two.golden.xml", "foreign.golden.xml"} {
		if b, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(feedWith("", "", okItem)))
	f.Add([]byte("<rss><channel><item><guid>x</guid></item></channel></rss>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, p := range Validate(data) {
			if p.Severity != "error" && p.Severity != "warning" {
				t.Fatalf("problem %+v has severity %q", p, p.Severity)
			}
		}
	})
}

// FuzzUpsert splices an item into arbitrary feed bytes: it must never
// panic, and when it succeeds the result must parse, hold the item once
// (under the guid reported, which a migrated item keeps), have its dated
// items newest first, and validate without new namespace errors.
func FuzzUpsert(f *testing.F) {
	for _, name := range []string{"foreign.xml", "new.golden.xml", "two.golden.xml"} {
		if b, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(b, "guid-1")
		}
	}
	f.Add([]byte(feedWith("", "", okItem)), "g1")
	f.Add([]byte("<rss><channel></channel></rss>"), "x")
	f.Fuzz(func(t *testing.T, data []byte, guid string) {
		it := testItem(1)
		it.GUID = guid
		out, res, err := SpliceItem(data, it, time.Unix(0, 0).UTC())
		if err != nil {
			return
		}
		lay, err := scan(out)
		if err != nil {
			t.Fatalf("Splice wrote a feed that does not parse: %v\n%s", err, out)
		}
		n := 0
		want := res.GUID
		var last time.Time
		for i, s := range lay.items {
			if s.guid == want {
				n++
			}
			if d, ok := parseRFC2822(s.pubDate); ok {
				if i > 0 && d.After(last) {
					t.Fatalf("item %d (%s) is newer than the one before (%s):\n%s", i, d, last, out)
				}
				last = d
			} else {
				last = time.Time{} // undated items go last: none dated after
			}
		}
		if n != 1 {
			t.Fatalf("guid %q appears %d times after Splice:\n%s", want, n, out)
		}
		Validate(out)
	})
}

func ExampleValidate() {
	feed := `<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
 xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
 <title>Show</title><link>https://example.com/</link><description>About things.</description>
 <language>en</language><itunes:image href="https://example.com/art.jpg"/>
 <itunes:category text="Technology"/><itunes:explicit>false</itunes:explicit>
 <atom:link href="https://example.com/feed.xml" rel="self" type="application/rss+xml"/>
 <podcast:guid>` + PodcastGUID("https://example.com/feed.xml") + `</podcast:guid>
 <item>
  <title>First</title><guid isPermaLink="false">ep-1</guid>
  <pubDate>Mon, 07 Oct 2024 06:00:00 +0000</pubDate>
  <enclosure url="https://example.com/ep1.mp3" type="audio/mpeg"/>
  <itunes:duration>1h</itunes:duration>
 </item>
</channel>
</rss>`
	for _, p := range Validate([]byte(feed)) {
		fmt.Println(p)
	}
	// Output:
	// error: item "First": enclosure length missing
	// warning: item "First": <description> is missing
	// error: item "First": itunes:duration "1h" is not whole seconds or [HH:]MM:SS
}
