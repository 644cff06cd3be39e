package feeds

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// itemIn is an item as read back: namespaced elements by namespace URI,
// so any prefix works.
type itemIn struct {
	Title   string `xml:"title"`
	Link    string `xml:"link"`
	Content string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
	Encl    struct {
		URL    string `xml:"url,attr"`
		Length string `xml:"length,attr"`
		Type   string `xml:"type,attr"`
	} `xml:"enclosure"`
	GUID        string `xml:"guid"`
	PubDate     string `xml:"pubDate"`
	Description string `xml:"description"`
	Duration    string `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd duration"`
	Episode     string `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd episode"`
	Season      string `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd season"`
	EpisodeType string `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd episodeType"`
	Explicit    string `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd explicit"`
	Image       struct {
		Href string `xml:"href,attr"`
	} `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd image"`
	Transcripts []transcriptXML `xml:"https://podcastindex.org/namespace/1.0 transcript"`
	Chapters    struct {
		URL string `xml:"url,attr"`
	} `xml:"https://podcastindex.org/namespace/1.0 chapters"`
	Persons    []personXML    `xml:"https://podcastindex.org/namespace/1.0 person"`
	Soundbites []soundbiteXML `xml:"https://podcastindex.org/namespace/1.0 soundbite"`
}

// ParseItems reads every item of an RSS feed back into Items, the
// inverse of what Splice writes (the feed of one finished episode, merged
// into the show's feed by `shownotes feed add`). Durations are read as
// seconds or [HH:]MM:SS.
func ParseItems(data []byte) ([]*Item, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var out []*Item
	for {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return out, nil
			}
			return nil, fmt.Errorf("read feed: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "item" || se.Name.Space != "" {
			continue
		}
		var in itemIn
		if err := d.DecodeElement(&in, &se); err != nil {
			return nil, fmt.Errorf("read feed item: %w", err)
		}
		it, err := in.item()
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
}

func (in *itemIn) item() (*Item, error) {
	it := &Item{
		Title:       strings.TrimSpace(in.Title),
		GUID:        strings.TrimSpace(in.GUID),
		Link:        strings.TrimSpace(in.Link),
		Description: in.Description,
		Content:     in.Content,
		Enclosure:   Enclosure{URL: in.Encl.URL, Type: in.Encl.Type},
		EpisodeType: strings.TrimSpace(in.EpisodeType),
		Explicit:    strings.TrimSpace(in.Explicit) == "true",
		Image:       in.Image.Href,
		Chapters:    in.Chapters.URL,
	}
	var err error
	if in.Encl.Length != "" {
		if it.Enclosure.Length, err = strconv.ParseInt(strings.TrimSpace(in.Encl.Length), 10, 64); err != nil {
			return nil, fmt.Errorf("item %q: enclosure length %q: %w", it.Title, in.Encl.Length, err)
		}
	}
	if p := strings.TrimSpace(in.PubDate); p != "" {
		if it.PubDate, err = time.Parse(time.RFC1123Z, p); err != nil {
			if it.PubDate, err = time.Parse(time.RFC1123, p); err != nil {
				return nil, fmt.Errorf("item %q: pubDate %q is not RFC 2822", it.Title, p)
			}
		}
	}
	if it.Duration, err = parseDuration(in.Duration); err != nil {
		return nil, fmt.Errorf("item %q: itunes:duration %q: %w", it.Title, in.Duration, err)
	}
	for _, s := range []struct {
		text string
		dst  *int
	}{{in.Episode, &it.Episode}, {in.Season, &it.Season}} {
		if t := strings.TrimSpace(s.text); t != "" {
			if *s.dst, err = strconv.Atoi(t); err != nil {
				return nil, fmt.Errorf("item %q: %q is not a number", it.Title, t)
			}
		}
	}
	for _, t := range in.Transcripts {
		it.Transcripts = append(it.Transcripts, Transcript(t))
	}
	for _, p := range in.Persons {
		it.Persons = append(it.Persons, Person{Name: strings.TrimSpace(p.Name), Role: p.Role, Img: p.Img, Href: p.Href})
	}
	for _, s := range in.Soundbites {
		start, err1 := strconv.ParseFloat(strings.TrimSpace(s.Start), 64)
		dur, err2 := strconv.ParseFloat(strings.TrimSpace(s.Duration), 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("item %q: soundbite %q/%q is not in seconds", it.Title, s.Start, s.Duration)
		}
		it.Soundbites = append(it.Soundbites, Soundbite{Start: start, Duration: dur, Title: s.Title})
	}
	return it, nil
}

// parseDuration reads itunes:duration: seconds, MM:SS or HH:MM:SS.
func parseDuration(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	total := 0
	for _, p := range strings.Split(s, ":") {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("not a duration")
		}
		total = total*60 + n
	}
	return total, nil
}
