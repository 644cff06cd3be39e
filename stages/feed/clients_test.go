package feed

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// python is Debian's python3 (whose dist-packages hold python3-feedparser
// and python3-podcastparser), else the python3 on PATH.
func python(t *testing.T) string {
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exe, err := exec.LookPath(p); err == nil {
			if exec.Command(exe, "-c", "import feedparser, podcastparser").Run() == nil {
				return exe
			}
		}
	}
	msg := "python3 with feedparser and podcastparser not found (apt-get install python3-feedparser python3-podcastparser)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg + ": skipping the real-client test")
	return ""
}

// clientScript parses the feed at argv[1] with both clients and prints what
// they read of the first item as JSON.
const clientScript = `
import json, sys, feedparser, podcastparser
path = sys.argv[1]
d = feedparser.parse(path)
e = d.entries[0]
def attrs(key):
    v = e.get(key)
    return v if isinstance(v, list) else ([v] if v else [])
out = {"feedparser": {
    "bozo": bool(d.bozo), "bozo_exception": str(d.get("bozo_exception", "")),
    "title": e.get("title"), "guid": e.get("id"), "link": e.get("link"),
    "enclosures": [{"url": x.get("href"), "length": x.get("length"), "type": x.get("type")} for x in e.get("enclosures", [])],
    "duration": e.get("itunes_duration"), "published": e.get("published"),
    "summary": e.get("summary"), "n": len(d.entries),
    "feed_title": d.feed.get("title"),
}}
with open(path, "rb") as f:
    p = podcastparser.parse("https://example.com/feed.xml", f)
pe = p["episodes"][0]
out["podcastparser"] = {"title": pe.get("title"), "guid": pe.get("guid"), "link": pe.get("link"),
    "enclosures": pe.get("enclosures"), "total_time": pe.get("total_time"),
    "published": pe.get("published"), "n": len(p["episodes"]), "feed_title": p.get("title")}
out["feedparser"].update({
    "chapters": e.get("podcast_chapters", {}), "transcript": e.get("podcast_transcript", {}),
    "soundbite": e.get("podcast_soundbite", {}), "person": e.get("podcast_person", {})})
# feedparser keeps one of each repeated podcast: element; the standard
# library's XML parser reads them all (namespaces resolved).
import xml.etree.ElementTree as ET
P = "{https://podcastindex.org/namespace/1.0}"
it = ET.parse(path).getroot().find("channel/item")
out["etree"] = {
    "transcripts": [dict(x.attrib) for x in it.findall(P + "transcript")],
    "persons": [[x.get("role", ""), x.text] for x in it.findall(P + "person")],
    "soundbites": [[x.get("startTime"), x.get("duration")] for x in it.findall(P + "soundbite")],
}
print(json.dumps(out))
`

// TestRealClients parses a feed made by the tool with Debian's
// python3-feedparser and python3-podcastparser and checks every field they
// read; the Podcasting 2.0 elements neither models (transcript, chapters,
// person, soundbite) are checked as feedparser's raw XML view gives them.
func TestRealClients(t *testing.T) {
	py := python(t)
	cfg := setup(t)
	in := results()
	fr, err := Update(context.Background(), cfg, in, nil)
	if err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(t.TempDir(), "clients.py")
	os.WriteFile(script, []byte(clientScript), 0o644)
	out, err := exec.Command(py, script, cfg.FeedPath).Output()
	if err != nil {
		t.Fatalf("python clients: %v\n%s", err, out)
	}
	var got struct {
		FP struct {
			Bozo          bool   `json:"bozo"`
			BozoException string `json:"bozo_exception"`
			Title, GUID   string
			Link          string
			Enclosures    []struct{ URL, Length, Type string }
			Duration      string
			Published     string
			Summary       string
			N             int
			FeedTitle     string `json:"feed_title"`
			Chapters      map[string]string
			Transcript    map[string]string
			Soundbite     map[string]string
			Person        map[string]string
		} `json:"feedparser"`
		ET struct {
			Transcripts []map[string]string
			Persons     [][2]string
			Soundbites  [][2]string
		} `json:"etree"`
		PP struct {
			Title, GUID, Link string
			Enclosures        []struct {
				URL      string `json:"url"`
				FileSize int64  `json:"file_size"`
				MimeType string `json:"mime_type"`
			}
			TotalTime int   `json:"total_time"`
			Published int64 `json:"published"`
			N         int
			FeedTitle string `json:"feed_title"`
		} `json:"podcastparser"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	fp, pp := got.FP, got.PP
	const title = "Deep learning <for> coders & friends"
	encURL := "https://cdn.example.com/eps/ep%2012.mp3"
	for _, c := range []struct {
		field     string
		got, want any
	}{
		{"feedparser: well-formed", fp.Bozo, false},
		{"feedparser: items", fp.N, 1},
		{"feedparser: channel title", fp.FeedTitle, "Deep Talks"},
		{"feedparser: title", fp.Title, title},
		{"feedparser: guid", fp.GUID, fr.GUID},
		{"feedparser: link", fp.Link, "https://cdn.example.com/eps/ep12/episode.html"},
		{"feedparser: enclosures", len(fp.Enclosures), 1},
		{"feedparser: duration", fp.Duration, "42"},
		{"feedparser: published", fp.Published, "Mon, 07 Oct 2024 06:30:00 +0000"},
		{"feedparser: description", fp.Summary, in.Notes.Description},
		{"podcastparser: items", pp.N, 1},
		{"podcastparser: channel title", pp.FeedTitle, "Deep Talks"},
		{"podcastparser: title", pp.Title, title},
		{"podcastparser: guid", pp.GUID, fr.GUID},
		{"podcastparser: link", pp.Link, "https://cdn.example.com/eps/ep12/episode.html"},
		{"podcastparser: enclosures", len(pp.Enclosures), 1},
		{"podcastparser: duration", pp.TotalTime, 42},
		{"podcastparser: published", pp.Published, int64(1728282600)},
	} {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.field, c.got, c.want)
		}
	}
	if len(fp.Enclosures) == 1 {
		if e := fp.Enclosures[0]; e.URL != encURL || e.Length != "4321" || e.Type != "audio/mpeg" {
			t.Errorf("feedparser enclosure = %+v", e)
		}
	}
	if len(pp.Enclosures) == 1 {
		if e := pp.Enclosures[0]; e.URL != encURL || e.FileSize != 4321 || e.MimeType != "audio/mpeg" {
			t.Errorf("podcastparser enclosure = %+v", e)
		}
	}
	for _, c := range []struct{ field, got, want string }{
		{"feedparser: podcast:chapters url", fp.Chapters["url"], "https://cdn.example.com/eps/ep12/chapters.json"},
		{"feedparser: podcast:chapters type", fp.Chapters["type"], "application/json+chapters"},
		{"feedparser: podcast:transcript (the last)", fp.Transcript["url"] + " " + fp.Transcript["type"], "https://cdn.example.com/eps/ep12/transcript.srt application/x-subrip"},
		{"feedparser: podcast:soundbite", fp.Soundbite["starttime"] + " " + fp.Soundbite["duration"], "2.5 20.0"},
		{"feedparser: podcast:person role (the last)", fp.Person["role"], "guest"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	var trs []string
	for _, x := range got.ET.Transcripts {
		trs = append(trs, x["url"]+" "+x["type"]+" "+x["rel"])
	}
	wantTr := "https://cdn.example.com/eps/ep12/transcript.vtt text/vtt captions|https://cdn.example.com/eps/ep12/transcript.json application/json |https://cdn.example.com/eps/ep12/transcript.srt application/x-subrip "
	if g := strings.Join(trs, "|"); g != wantTr {
		t.Errorf("transcripts = %q, want %q", g, wantTr)
	}
	var ps []string
	for _, x := range got.ET.Persons {
		ps = append(ps, x[0]+":"+x[1])
	}
	if g := strings.Join(ps, ", "); g != "host:Alex Wang, guest:Jeremy Howard" {
		t.Errorf("persons = %q, want host:Alex Wang, guest:Jeremy Howard", g)
	}
	if len(got.ET.Soundbites) != 1 || got.ET.Soundbites[0] != [2]string{"2.5", "20.0"} {
		t.Errorf("soundbites = %q, want one at 2.5 for 20.0", got.ET.Soundbites)
	}
}

// jsClients is testdata/clients with its node_modules installed (npm ci),
// or "" with the test skipped (failed under CI=true).
func jsClients(t *testing.T) string {
	dir, _ := filepath.Abs(filepath.Join("testdata", "clients"))
	node, err := exec.LookPath("node")
	if err == nil {
		_, err = os.Stat(filepath.Join(dir, "node_modules", "podcast-partytime"))
	}
	if err != nil {
		msg := "node with podcast-partytime and rss-parser not found (apt-get install nodejs npm; npm ci --prefix stages/feed/testdata/clients)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg + ": skipping the JavaScript client test")
	}
	return node
}

// TestRealJSClients parses a feed made by the tool with npm's
// podcast-partytime (Podcast Index's parser) and rss-parser and checks
// every field they read, the Podcasting 2.0 elements included.
func TestRealJSClients(t *testing.T) {
	node := jsClients(t)
	cfg := setup(t)
	in := results()
	fr, err := Update(context.Background(), cfg, in, nil)
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, filepath.Join("testdata", "clients", "clients.mjs"), cfg.FeedPath).Output()
	if err != nil {
		t.Fatalf("node clients: %v\n%s", err, out)
	}
	type enclosure struct {
		URL    string `json:"url"`
		Length any    `json:"length"`
		Type   string `json:"type"`
	}
	var got struct {
		PT struct {
			FeedTitle   string `json:"feed_title"`
			N           int
			Title, GUID string
			Link        string
			Enclosure   enclosure
			Duration    float64
			Published   string
			Description string
			Chapters    map[string]string
			Transcripts []map[string]string
			People      []map[string]string
			Soundbites  []map[string]any
		} `json:"partytime"`
		RP struct {
			FeedTitle   string `json:"feed_title"`
			N           int
			Title, GUID string
			Link        string
			Enclosure   enclosure
			Duration    string
			Published   string
			Content     string
		} `json:"rssparser"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	pt, rp := got.PT, got.RP
	const title = "Deep learning <for> coders & friends"
	encURL := "https://cdn.example.com/eps/ep%2012.mp3"
	link := "https://cdn.example.com/eps/ep12/episode.html"
	published := "2024-10-07T06:30:00.000Z"
	var trs, people, bites []string
	for _, x := range pt.Transcripts {
		trs = append(trs, x["url"]+" "+x["type"]+" "+x["rel"])
	}
	for _, x := range pt.People {
		people = append(people, x["role"]+":"+x["name"])
	}
	for _, x := range pt.Soundbites {
		bites = append(bites, fmt.Sprint(x["startTime"], " ", x["duration"]))
	}
	for _, c := range []struct {
		field     string
		got, want any
	}{
		{"partytime: channel title", pt.FeedTitle, "Deep Talks"},
		{"partytime: items", pt.N, 1},
		{"partytime: title", pt.Title, title},
		{"partytime: guid", pt.GUID, fr.GUID},
		{"partytime: link", pt.Link, link},
		{"partytime: enclosure", fmt.Sprint(pt.Enclosure), fmt.Sprint(enclosure{encURL, 4321.0, "audio/mpeg"})},
		{"partytime: duration", pt.Duration, 42.0},
		{"partytime: published", pt.Published, published},
		{"partytime: description", pt.Description, in.Notes.Description},
		{"partytime: chapters", pt.Chapters["url"] + " " + pt.Chapters["type"], "https://cdn.example.com/eps/ep12/chapters.json application/json+chapters"},
		// partytime names SRT's type application/srt whatever the feed says.
		{"partytime: transcripts", strings.Join(trs, "|"), "https://cdn.example.com/eps/ep12/transcript.vtt text/vtt captions|https://cdn.example.com/eps/ep12/transcript.json application/json |https://cdn.example.com/eps/ep12/transcript.srt application/srt "},
		{"partytime: people", strings.Join(people, ", "), "Host:Alex Wang, Guest:Jeremy Howard"},
		{"partytime: soundbites", strings.Join(bites, "|"), "2.5 20"},
		{"rss-parser: channel title", rp.FeedTitle, "Deep Talks"},
		{"rss-parser: items", rp.N, 1},
		{"rss-parser: title", rp.Title, title},
		{"rss-parser: guid", rp.GUID, fr.GUID},
		{"rss-parser: link", rp.Link, link},
		{"rss-parser: enclosure", fmt.Sprint(rp.Enclosure), fmt.Sprint(enclosure{encURL, "4321", "audio/mpeg"})},
		{"rss-parser: duration", rp.Duration, "42"},
		{"rss-parser: published", rp.Published, published},
		{"rss-parser: content", strings.TrimSpace(rp.Content), strings.TrimSpace(in.Notes.Description)},
	} {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.field, c.got, c.want)
		}
	}
}
