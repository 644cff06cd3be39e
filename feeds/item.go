package feeds

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	gfeeds "github.com/gorilla/feeds"
)

// Namespace URIs of the elements the feed uses.
const (
	NSiTunes  = "http://www.itunes.com/dtds/podcast-1.0.dtd"
	NSPodcast = "https://podcastindex.org/namespace/1.0"
	NSAtom    = "http://www.w3.org/2005/Atom"
	NSContent = "http://purl.org/rss/1.0/modules/content/"
)

// Generator is written as the channel's generator.
const Generator = "shownotes"

// ErrItem is wrapped by the errors of an item that cannot be written.
var ErrItem = errors.New("bad feed item")

// Enclosure is the item's media file as published.
type Enclosure struct {
	URL    string // absolute http(s) URL
	Length int64  // bytes
	Type   string // MIME type; see EnclosureType
}

// Transcript is a podcast:transcript of an item.
type Transcript struct {
	URL      string
	Type     string // text/vtt, application/json, application/x-subrip, …
	Language string // optional
	Rel      string // "captions" for timed captions; optional
}

// Person is a podcast:person of an item.
type Person struct {
	Name string
	Role string // host, guest, …; "" is the namespace's default (host)
	Img  string // optional
	Href string // optional
}

// Soundbite is a podcast:soundbite of an item.
type Soundbite struct {
	Start    float64 // seconds
	Duration float64 // seconds
	Title    string  // optional
}

// Item is everything an episode's feed item says. The zero value of an
// optional field leaves its element out.
type Item struct {
	Title       string
	GUID        string // stable across reruns; written with isPermaLink="false"
	Link        string
	PubDate     time.Time
	Description string // HTML, written as CDATA (≤ DescriptionLimit bytes for Apple)
	Content     string // full HTML notes for content:encoded (CDATA); optional
	Enclosure   Enclosure
	Duration    int // whole seconds; 0 leaves itunes:duration out
	Episode     int // itunes:episode when > 0
	Season      int // itunes:season when > 0
	EpisodeType string
	Explicit    bool
	Image       string // itunes:image href; optional
	Transcripts []Transcript
	Chapters    string // URL of the chapters JSON; optional
	Persons     []Person
	Soundbites  []Soundbite
}

// Check reports the first reason the item cannot be written.
func (it *Item) Check() error {
	switch {
	case it == nil:
		return fmt.Errorf("%w: no item", ErrItem)
	case strings.TrimSpace(xmlText(it.Title)) == "":
		return fmt.Errorf("%w: no title", ErrItem)
	case strings.TrimSpace(xmlText(it.GUID)) == "":
		return fmt.Errorf("%w: no guid", ErrItem)
	case !absHTTP(it.Enclosure.URL):
		return fmt.Errorf("%w: enclosure url %q is not an absolute http(s) URL", ErrItem, it.Enclosure.URL)
	case it.Enclosure.Length <= 0:
		return fmt.Errorf("%w: enclosure length %d is not positive", ErrItem, it.Enclosure.Length)
	case strings.TrimSpace(it.Enclosure.Type) == "":
		return fmt.Errorf("%w: enclosure has no type", ErrItem)
	case it.Duration < 0:
		return fmt.Errorf("%w: negative duration", ErrItem)
	}
	switch it.EpisodeType {
	case "", "full", "trailer", "bonus":
	default:
		return fmt.Errorf("%w: episode type %q is not full, trailer or bonus", ErrItem, it.EpisodeType)
	}
	return nil
}

// cdata is element text written as CDATA.
type cdata struct {
	Text string `xml:",cdata"`
}

type hrefXML struct {
	Href string `xml:"href,attr"`
}

type transcriptXML struct {
	URL      string `xml:"url,attr"`
	Type     string `xml:"type,attr"`
	Language string `xml:"language,attr,omitempty"`
	Rel      string `xml:"rel,attr,omitempty"`
}

type chaptersXML struct {
	URL  string `xml:"url,attr"`
	Type string `xml:"type,attr"`
}

type personXML struct {
	Role string `xml:"role,attr,omitempty"`
	Img  string `xml:"img,attr,omitempty"`
	Href string `xml:"href,attr,omitempty"`
	Name string `xml:",chardata"`
}

type soundbiteXML struct {
	Start    string `xml:"startTime,attr"`
	Duration string `xml:"duration,attr"`
	Title    string `xml:",chardata"`
}

// itemXML is the item as written. gorilla's RssItem gives the RSS core;
// Description shadows RssItem.Description (a shallower field wins in
// encoding/xml) because gorilla writes it as escaped text and Apple wants the
// HTML in CDATA. The itunes: and podcast: elements are this package's own:
// gorilla has none.
type itemXML struct {
	gfeeds.RssItem
	Description  cdata           `xml:"description"`
	ITitle       string          `xml:"itunes:title,omitempty"`
	IDuration    string          `xml:"itunes:duration,omitempty"`
	IEpisode     int             `xml:"itunes:episode,omitempty"`
	ISeason      int             `xml:"itunes:season,omitempty"`
	IEpisodeType string          `xml:"itunes:episodeType"`
	IExplicit    string          `xml:"itunes:explicit"`
	IImage       *hrefXML        `xml:"itunes:image"`
	Transcripts  []transcriptXML `xml:"podcast:transcript"`
	Chapters     *chaptersXML    `xml:"podcast:chapters"`
	Persons      []personXML     `xml:"podcast:person"`
	Soundbites   []soundbiteXML  `xml:"podcast:soundbite"`
}

// itemPrefixes are the namespace prefixes an item uses.
var itemPrefixes = map[string]string{"itunes": NSiTunes, "podcast": NSPodcast, "content": NSContent}

// XML returns the item element, indented with unit per level, every line
// after the first prefixed with indent.
func (it *Item) XML(indent, unit string) ([]byte, error) {
	if err := it.Check(); err != nil {
		return nil, err
	}
	x := it.toXML()
	b, err := xml.MarshalIndent(x, indent, unit)
	if err != nil {
		return nil, fmt.Errorf("encode item: %w", err)
	}
	return bytes.TrimPrefix(b, []byte(indent)), nil
}

func (it *Item) toXML() *itemXML {
	title := xmlText(it.Title)
	gi := &gfeeds.Item{
		Title:       title,
		Id:          xmlText(it.GUID),
		IsPermaLink: "false",
		Created:     it.PubDate,
		Enclosure: &gfeeds.Enclosure{
			Url:    xmlText(it.Enclosure.URL),
			Length: strconv.FormatInt(it.Enclosure.Length, 10),
			Type:   xmlText(it.Enclosure.Type),
		},
		Content: xmlText(it.Content),
	}
	if it.Link != "" {
		gi.Link = &gfeeds.Link{Href: xmlText(it.Link)}
	}
	// gorilla builds the RSS core item from its generic Item.
	core := (&gfeeds.Rss{Feed: &gfeeds.Feed{Items: []*gfeeds.Item{gi}}}).RssFeed().Items[0]
	x := &itemXML{
		RssItem:      *core,
		Description:  cdata{xmlText(it.Description)},
		ITitle:       title,
		IEpisodeType: it.EpisodeType,
		IExplicit:    strconv.FormatBool(it.Explicit),
	}
	if x.IEpisodeType == "" {
		x.IEpisodeType = "full"
	}
	if it.Duration > 0 {
		x.IDuration = strconv.Itoa(it.Duration)
	}
	if it.Episode > 0 {
		x.IEpisode = it.Episode
	}
	if it.Season > 0 {
		x.ISeason = it.Season
	}
	if it.Image != "" {
		x.IImage = &hrefXML{xmlText(it.Image)}
	}
	for _, t := range it.Transcripts {
		x.Transcripts = append(x.Transcripts, transcriptXML{xmlText(t.URL), xmlText(t.Type), xmlText(t.Language), xmlText(t.Rel)})
	}
	if it.Chapters != "" {
		x.Chapters = &chaptersXML{xmlText(it.Chapters), "application/json+chapters"}
	}
	for _, p := range it.Persons {
		name := truncRunes(strings.TrimSpace(xmlText(p.Name)), 128)
		if name == "" {
			continue
		}
		x.Persons = append(x.Persons, personXML{xmlText(p.Role), xmlText(p.Img), xmlText(p.Href), name})
	}
	for _, s := range it.Soundbites {
		if !(s.Start >= 0) || !(s.Duration > 0) || s.Start > 1e9 || s.Duration > 1e9 {
			continue
		}
		x.Soundbites = append(x.Soundbites, soundbiteXML{seconds(s.Start), seconds(s.Duration), xmlText(s.Title)})
	}
	return x
}

// seconds formats a time in seconds with at most three decimals.
func seconds(t float64) string {
	s := strconv.FormatFloat(t, 'f', 3, 64)
	s = strings.TrimRight(s, "0")
	if strings.HasSuffix(s, ".") {
		s += "0"
	}
	return s
}

func truncRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n])
}

// xmlText drops what XML 1.0 cannot carry: invalid UTF-8 (replaced by
// U+FFFD) and control characters other than tab, newline and carriage
// return. encoding/xml escapes text and attributes but writes CDATA as is.
func xmlText(s string) string {
	ok := true
	for _, r := range s {
		if !xmlChar(r) || r == utf8.RuneError {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			b.WriteRune('\uFFFD')
		case xmlChar(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// absHTTP reports whether s is an absolute http or https URL with a host.
func absHTTP(s string) bool {
	if strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
