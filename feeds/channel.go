package feeds

import (
	"encoding/xml"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	gfeeds "github.com/gorilla/feeds"

	"github.com/shownotes/shownotes/pipeline"
)

// podcastGUIDSpace is the namespace of podcast:guid (UUIDv5), fixed by the
// Podcasting 2.0 namespace.
var podcastGUIDSpace = uuid.MustParse("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")

// PodcastGUID returns the podcast:guid of a feed URL: the UUIDv5 of the URL
// without its scheme and trailing slashes.
func PodcastGUID(feedURL string) string {
	s := strings.TrimSpace(feedURL)
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	s = strings.TrimRight(s, "/")
	return uuid.NewSHA1(podcastGUIDSpace, []byte(s)).String()
}

// Channel is a new feed's channel, built from podcast.toml.
type Channel struct {
	x *channelXML
}

// GUID returns the channel's podcast:guid.
func (c *Channel) GUID() string { return c.x.GUID }

type categoryXML struct {
	Text string       `xml:"text,attr"`
	Sub  *categoryXML `xml:"itunes:category"`
}

type ownerXML struct {
	Name  string `xml:"itunes:name,omitempty"`
	Email string `xml:"itunes:email,omitempty"`
}

type atomLinkXML struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

// channelXML is the channel as written: gorilla's RssFeed (title, link,
// description, language, lastBuildDate, generator, managingEditor) plus the
// itunes:, atom: and podcast: elements gorilla does not have.
type channelXML struct {
	gfeeds.RssFeed
	AtomLink  atomLinkXML  `xml:"atom:link"`
	IAuthor   string       `xml:"itunes:author,omitempty"`
	IImage    *hrefXML     `xml:"itunes:image"`
	ICategory *categoryXML `xml:"itunes:category"`
	IExplicit string       `xml:"itunes:explicit"`
	IOwner    *ownerXML    `xml:"itunes:owner"`
	GUID      string       `xml:"podcast:guid"`
}

type rssXML struct {
	XMLName   xml.Name `xml:"rss"`
	Version   string   `xml:"version,attr"`
	NSiTunes  string   `xml:"xmlns:itunes,attr"`
	NSPodcast string   `xml:"xmlns:podcast,attr"`
	NSAtom    string   `xml:"xmlns:atom,attr"`
	NSContent string   `xml:"xmlns:content,attr"`
	Channel   *channelXML
}

// NewChannel builds a new feed's channel from the podcast's settings. It
// fails, naming every missing key, when podcast.toml lacks one the feed
// needs (title, description, link, feed_url, base_url, language, image,
// category), and when a URL is not absolute http(s).
func NewChannel(p pipeline.Podcast, now time.Time) (*Channel, error) {
	var missing []string
	for _, kv := range []struct{ key, val string }{
		{"title", p.Title}, {"description", p.Description}, {"link", p.Link},
		{"feed_url", p.FeedURL}, {"base_url", p.BaseURL}, {"language", p.Language},
		{"image", p.Image}, {"category", p.Category},
	} {
		if strings.TrimSpace(kv.val) == "" {
			missing = append(missing, kv.key)
		}
	}
	if len(missing) == 1 {
		return nil, fmt.Errorf("%w: podcast.toml: missing key %q, needed for a new feed", pipeline.ErrConfig, missing[0])
	}
	if len(missing) > 1 {
		return nil, fmt.Errorf("%w: podcast.toml: missing keys %s, needed for a new feed", pipeline.ErrConfig, quoteAll(missing))
	}
	for _, kv := range []struct{ key, val string }{
		{"link", p.Link}, {"feed_url", p.FeedURL}, {"base_url", p.BaseURL}, {"image", p.Image},
	} {
		if !absHTTP(strings.TrimSpace(kv.val)) {
			return nil, fmt.Errorf("%w: podcast.toml: %s %q is not an absolute http(s) URL", pipeline.ErrConfig, kv.key, kv.val)
		}
	}
	if p.OwnerEmail != "" && !strings.Contains(p.OwnerEmail, "@") {
		return nil, fmt.Errorf("%w: podcast.toml: owner_email %q is not an email address", pipeline.ErrConfig, p.OwnerEmail)
	}
	t := func(s string) string { return strings.TrimSpace(xmlText(s)) }
	f := &gfeeds.Feed{
		Title:       t(p.Title),
		Link:        &gfeeds.Link{Href: t(p.Link)},
		Description: t(p.Description),
		Updated:     now,
	}
	core := (&gfeeds.Rss{Feed: f}).RssFeed()
	core.PubDate = "" // a channel pubDate would go stale; lastBuildDate says when
	core.Language = t(p.Language)
	core.Generator = Generator
	x := &channelXML{
		RssFeed:   *core,
		AtomLink:  atomLinkXML{t(p.FeedURL), "self", "application/rss+xml"},
		IAuthor:   t(p.Author),
		IImage:    &hrefXML{t(p.Image)},
		ICategory: &categoryXML{Text: t(p.Category)},
		IExplicit: fmt.Sprint(p.Explicit),
		GUID:      PodcastGUID(p.FeedURL),
	}
	if x.IAuthor == "" {
		x.IAuthor = t(p.OwnerName)
	}
	if s := t(p.Subcategory); s != "" {
		x.ICategory.Sub = &categoryXML{Text: s}
	}
	if p.OwnerName != "" || p.OwnerEmail != "" {
		x.IOwner = &ownerXML{t(p.OwnerName), t(p.OwnerEmail)}
	}
	return &Channel{x}, nil
}

// XML returns a whole feed with this channel and no items.
func (c *Channel) XML() ([]byte, error) {
	if c == nil || c.x == nil {
		return nil, fmt.Errorf("no channel")
	}
	root := &rssXML{Version: "2.0", NSiTunes: NSiTunes, NSPodcast: NSPodcast, NSAtom: NSAtom, NSContent: NSContent, Channel: c.x}
	b, err := xml.MarshalIndent(root, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode channel: %w", err)
	}
	out := append([]byte(xml.Header), b...)
	return append(out, '\n'), nil
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
