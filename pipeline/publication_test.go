package pipeline

import (
	"errors"
	"strings"
	"testing"
)

func TestPodcastValidate(t *testing.T) {
	ok := Podcast{BaseURL: "https://cdn.example.com/show", Link: "https://example.com/", FeedURL: "https://example.com/feed.xml", Image: "https://example.com/a.jpg", EpisodeURL: "https://example.com/ep/{slug}"}
	if ws, err := ok.Validate(); err != nil || len(ws) != 0 {
		t.Errorf("Validate(https everywhere) = %q, %v; want nothing", ws, err)
	}
	for _, tc := range []struct {
		key  string
		edit func(*Podcast, string)
	}{
		{"base_url", func(p *Podcast, v string) { p.BaseURL = v }},
		{"link", func(p *Podcast, v string) { p.Link = v }},
		{"feed_url", func(p *Podcast, v string) { p.FeedURL = v }},
		{"image", func(p *Podcast, v string) { p.Image = v }},
		{"episode_url", func(p *Podcast, v string) { p.EpisodeURL = v }},
	} {
		for _, bad := range []string{"javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "/relative/path", "https://"} {
			p := ok
			tc.edit(&p, bad)
			_, err := p.Validate()
			if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), tc.key) || strings.Contains(err.Error(), "\n") {
				t.Errorf("%s = %q: Validate = %v, want one-line ErrConfig naming the key", tc.key, bad, err)
			}
		}
		p := ok
		tc.edit(&p, "http://example.com/x")
		if ws, err := p.Validate(); err != nil || len(ws) != 1 || !strings.Contains(ws[0], "https") {
			t.Errorf("%s over http: Validate = %q, %v; want one https warning", tc.key, ws, err)
		}
	}
}

func TestJoinURL(t *testing.T) {
	for _, tc := range []struct {
		base string
		elem []string
		want string
	}{
		{"https://h.org/show", []string{"ep 1", "episode.html"}, "https://h.org/show/ep%201/episode.html"},
		{"https://h.org/show/", []string{"a.mp3"}, "https://h.org/show/a.mp3"},
		{"https://h.org/show?token=1#top", []string{"a.mp3"}, "https://h.org/show/a.mp3?token=1"},
		{"https://h.org", []string{"x#y.mp3"}, "https://h.org/x%23y.mp3"},
	} {
		if got, err := JoinURL(tc.base, tc.elem...); err != nil || got != tc.want {
			t.Errorf("JoinURL(%q, %q) = %q, %v; want %q", tc.base, tc.elem, got, err, tc.want)
		}
	}
	if _, err := JoinURL("javascript:alert(1)", "a"); err == nil {
		t.Error("JoinURL(javascript:) = nil error")
	}
}

func TestPublish(t *testing.T) {
	cfg := &Config{OutDir: "/out/s1e2", AudioPath: "/audio/ep 2.mp3", Podcast: Podcast{BaseURL: "https://cdn.example.com/show?k=1#frag"}}
	p, err := Publish(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, got, want string }{
		{"slug", p.Slug, "s1e2"},
		{"enclosure", p.EnclosureURL, "https://cdn.example.com/show/ep%202.mp3?k=1"},
		{"link", p.Link, "https://cdn.example.com/show/s1e2/episode.html?k=1"},
		{"file", p.FileURL("transcript.vtt"), "https://cdn.example.com/show/s1e2/transcript.vtt?k=1"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	local, _ := Publish(&Config{OutDir: "/out/x"})
	if local.FileURL("transcript.vtt") != "transcript.vtt" || local.Link != "" {
		t.Errorf("without base_url: file %q link %q, want relative file and no link", local.FileURL("transcript.vtt"), local.Link)
	}
	if _, err := Publish(&Config{Podcast: Podcast{BaseURL: "javascript:alert(1)"}}); err == nil {
		t.Error("Publish(javascript: base_url) = nil error")
	}
}

// Issue 13 problem 7: with hosts configured, a configured host is never the
// guest; without, the question-asking speaker is the host, not a guest.
func TestPeople(t *testing.T) {
	turn := func(sp string, first int) Turn { return Turn{Speaker: sp, Words: Span{First: first, End: first + 1}} }
	tr := &Transcript{
		Header: Header{Guest: "Alex Wang", Bio: "Alex builds things."},
		Words:  []Word{{Text: "Why?"}, {Text: "Because."}, {Text: "How?"}, {Text: "So."}},
		Turns:  []Turn{turn("Alex Wang", 0), turn("Jo Park", 1), turn("Alex Wang", 2), turn("Jo Park", 3)},
	}
	for _, tc := range []struct {
		name       string
		hosts      []string
		tr         *Transcript
		wantHosts  string
		wantGuests string
		wantGuest  string
	}{
		{"configured host named as header guest", []string{"alex wang"}, tr, "alex wang", "Jo Park", ""},
		{"no hosts: the asker hosts", nil, &Transcript{Words: tr.Words, Turns: tr.Turns}, "Alex Wang", "Jo Park", ""},
		{"nil transcript", []string{"Ann"}, nil, "Ann", "", ""},
		{"host labelled by first name", []string{"Jo Park"}, &Transcript{Words: tr.Words, Turns: []Turn{turn("Alex Wang", 0), turn("Jo", 1), turn("Alex Wang", 2), turn("Jo", 3)}}, "Jo Park", "Alex Wang", ""},
	} {
		h, g := tc.tr.People(tc.hosts)
		if strings.Join(h, ",") != tc.wantHosts || strings.Join(g, ",") != tc.wantGuests {
			t.Errorf("%s: People = %q, %q; want %q, %q", tc.name, h, g, tc.wantHosts, tc.wantGuests)
		}
		if tc.tr != nil {
			if got := tc.tr.Guest(tc.hosts); got != tc.wantGuest {
				t.Errorf("%s: Guest = %q, want %q", tc.name, got, tc.wantGuest)
			}
		}
	}
}
