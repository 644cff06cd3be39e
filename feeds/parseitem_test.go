package feeds

import (
	"reflect"
	"testing"
	"time"
)

// TestParseItemsRoundTrip: every field an item writes is read back as it
// was, so that merging a finished episode's one-item feed loses nothing.
func TestParseItemsRoundTrip(t *testing.T) {
	ch, err := NewChannel(testPodcast(), time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	data, err := ch.XML()
	if err != nil {
		t.Fatal(err)
	}
	items := []*Item{{
		Title: "Ep & <one>", GUID: "9b3f0c1e-1111-5222-8333-444455556666", Link: "https://example.com/ep1/episode.html",
		PubDate:     time.Date(2026, 11, 3, 9, 30, 0, 0, time.UTC),
		Description: "<p>Notes with <a href=\"https://example.com\">a link</a> and ]]> inside</p>",
		Content:     "<p>Full notes</p>",
		Enclosure:   Enclosure{URL: "https://example.com/ep1.mp3", Length: 123456, Type: "audio/mpeg"},
		Duration:    3725, Episode: 12, Season: 2, EpisodeType: "bonus", Explicit: true,
		Image:       "https://example.com/ep1.jpg",
		Transcripts: []Transcript{{URL: "https://example.com/ep1/transcript.vtt", Type: "text/vtt", Language: "en", Rel: "captions"}, {URL: "https://example.com/ep1/transcript.json", Type: "application/json"}},
		Chapters:    "https://example.com/ep1/chapters.json",
		Persons:     []Person{{Name: "Alex Wang", Role: "host"}, {Name: "Jo Park", Role: "guest", Href: "https://example.com/jo", Img: "https://example.com/jo.jpg"}},
		Soundbites:  []Soundbite{{Start: 63.5, Duration: 21.25, Title: "A line"}},
	}, {
		Title: "Ep 2", GUID: "g2", PubDate: time.Date(2026, 11, 10, 9, 0, 0, 0, time.UTC), EpisodeType: "full",
		Enclosure: Enclosure{URL: "https://example.com/ep2.m4a", Length: 99, Type: "audio/x-m4a"},
	}}
	for _, it := range items {
		if data, _, err = Splice(data, it, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	got, err := ParseItems(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(items) {
		t.Fatalf("ParseItems: %d items, want %d", len(got), len(items))
	}
	byGUID := map[string]*Item{}
	for _, it := range got {
		byGUID[it.GUID] = it
	}
	for _, want := range items {
		g := byGUID[want.GUID]
		if g == nil {
			t.Errorf("item %q not read back", want.GUID)
			continue
		}
		g.PubDate = g.PubDate.UTC()
		if !reflect.DeepEqual(g, want) {
			t.Errorf("ParseItems(Splice(item)) =\n%+v\nwant\n%+v", g, want)
		}
	}
}

func FuzzParseItems(f *testing.F) {
	f.Add([]byte(`<rss><channel><item><title>x</title><itunes:duration xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">1:02:03</itunes:duration></item></channel></rss>`))
	f.Add([]byte(`<item><enclosure length="x"/></item>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		items, err := ParseItems(data)
		if err != nil && items != nil {
			t.Fatalf("ParseItems returned items and an error")
		}
	})
}

func TestParseDuration(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		ok   bool
	}{{"", 0, true}, {"41", 41, true}, {"1:02", 62, true}, {"1:02:03", 3723, true}, {"x", 0, false}, {"-3", 0, false}} {
		got, err := parseDuration(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("parseDuration(%q) = %d, %v; want %d, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}
