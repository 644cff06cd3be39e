package feeds

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Problem is one finding of Validate.
type Problem struct {
	Severity string // "error" (Apple or PSP-1 would refuse it) or "warning"
	Item     string // the item's title, else its guid, else "#n" (1-based); "" for the feed or channel
	Msg      string
}

// String formats the problem as one line: `error: item "Title": msg` or
// `warning: channel: msg`.
func (p Problem) String() string {
	if p.Item == "" {
		return fmt.Sprintf("%s: channel: %s", p.Severity, p.Msg)
	}
	return fmt.Sprintf("%s: item %q: %s", p.Severity, p.Item, p.Msg)
}

// node is an element of the parsed feed.
type node struct {
	name  xml.Name // Space is the namespace URI, or the prefix when undeclared
	attrs []xml.Attr
	text  strings.Builder
	kids  []*node
}

func (n *node) attr(local string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Space == "" && a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

func (n *node) all(ns, local string) []*node {
	var out []*node
	for _, k := range n.kids {
		if nsKey(k.name.Space) == ns && k.name.Local == local {
			out = append(out, k)
		}
	}
	return out
}

func (n *node) first(ns, local string) *node {
	for _, k := range n.kids {
		if nsKey(k.name.Space) == ns && k.name.Local == local {
			return k
		}
	}
	return nil
}

func (n *node) str() string { return strings.TrimSpace(n.text.String()) }

// nsKey maps a namespace URI to a short key: "itunes", "podcast", "atom",
// "content", "" for no namespace; other URIs map to themselves.
func nsKey(uri string) string {
	switch uri {
	case NSiTunes:
		return "itunes"
	case NSPodcast, "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md":
		return "podcast"
	case NSAtom:
		return "atom"
	case NSContent:
		return "content"
	}
	return uri
}

// parseTree parses a whole document into nodes.
func parseTree(data []byte) (*node, error) {
	if err := notUTF16(data); err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, bom)
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = func(charset string, r io.Reader) (io.Reader, error) {
		if strings.EqualFold(charset, "utf-8") || strings.EqualFold(charset, "us-ascii") {
			return r, nil
		}
		return nil, fmt.Errorf("encoding %q is not supported (only UTF-8)", charset)
	}
	var root *node
	var stack []*node
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{name: t.Name, attrs: t.Attr}
			if len(stack) == 0 {
				if root != nil {
					return nil, fmt.Errorf("more than one root element")
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("no root element")
	}
	return root, nil
}

// validator collects problems.
type validator struct {
	probs []Problem
}

func (v *validator) errorf(item, format string, args ...any) {
	v.probs = append(v.probs, Problem{"error", item, fmt.Sprintf(format, args...)})
}

func (v *validator) warnf(item, format string, args ...any) {
	v.probs = append(v.probs, Problem{"warning", item, fmt.Sprintf(format, args...)})
}

// Validate checks a feed against what Apple Podcasts and PSP-1 require:
// declared namespaces, the channel's required tags, and per item a title, an
// enclosure Apple accepts, a unique guid, an RFC 2822 pubDate, the
// itunes:duration format, a description of at most DescriptionLimit bytes with allowed
// HTML, itunes:episodeType values and the podcast:transcript, chapters,
// person and soundbite attributes. Problems of severity "error" would make
// Apple or a PSP-1 app refuse the feed or the item.
func Validate(data []byte) []Problem {
	v := &validator{}
	root, err := parseTree(data)
	if err != nil {
		v.errorf("", "feed is not well-formed XML: %v", err)
		return v.probs
	}
	if root.name.Local != "rss" || root.name.Space != "" {
		v.errorf("", "root element is <%s>, not <rss>", root.name.Local)
		return v.probs
	}
	if ver, _ := root.attr("version"); ver != "2.0" {
		v.warnf("", "rss version is %q, not \"2.0\"", ver)
	}
	v.namespaces(root)
	chs := root.all("", "channel")
	if len(chs) == 0 {
		v.errorf("", "no <channel>")
		return v.probs
	}
	if len(chs) > 1 {
		v.errorf("", "%d <channel> elements; a feed has one", len(chs))
	}
	ch := chs[0]
	v.channel(ch)
	guids := map[string]int{}
	for i, it := range ch.all("", "item") {
		v.item(it, i+1, guids)
	}
	return v.probs
}

// namespaces reports prefixes used without a declaration, and an iTunes
// namespace written with another spelling (Apple needs the exact URI).
func (v *validator) namespaces(root *node) {
	undeclared := map[string]bool{}
	var walk func(n *node)
	walk = func(n *node) {
		names := []xml.Name{n.name}
		for _, a := range n.attrs {
			if a.Name.Space != "xmlns" && a.Name.Space != "xml" {
				names = append(names, a.Name)
			}
		}
		for _, nm := range names {
			sp := nm.Space
			if sp != "" && !strings.Contains(sp, ":") && !strings.Contains(sp, "/") && !undeclared[sp] {
				undeclared[sp] = true
				v.errorf("", "namespace prefix %q is used (<%s:%s>) but not declared", sp, sp, nm.Local)
			}
			if sp != NSiTunes && strings.EqualFold(sp, NSiTunes) && !undeclared[sp] {
				undeclared[sp] = true
				v.errorf("", "the iTunes namespace must be exactly %q, not %q", NSiTunes, sp)
			}
		}
		for _, k := range n.kids {
			walk(k)
		}
	}
	walk(root)
	declared := map[string]bool{}
	for _, a := range root.attrs {
		if a.Name.Space == "xmlns" {
			declared[nsKey(a.Value)] = true
		}
	}
	for _, k := range []string{"itunes", "podcast", "atom"} {
		if !declared[k] {
			v.warnf("", "the %s namespace is not declared on <rss> (PSP-1 wants itunes, podcast and atom)", k)
		}
	}
}

// appleCategories are Apple Podcasts' top-level categories.
var appleCategories = map[string]bool{
	"Arts": true, "Business": true, "Comedy": true, "Education": true, "Fiction": true,
	"Government": true, "History": true, "Health & Fitness": true, "Kids & Family": true,
	"Leisure": true, "Music": true, "News": true, "Religion & Spirituality": true,
	"Science": true, "Society & Culture": true, "Sports": true, "Technology": true,
	"True Crime": true, "TV & Film": true,
}

func (v *validator) channel(ch *node) {
	for _, tag := range []string{"title", "description", "link"} {
		if n := ch.first("", tag); n == nil || n.str() == "" {
			v.errorf("", "<%s> is missing or empty", tag)
		}
	}
	if n := ch.first("", "description"); n != nil && len(n.text.String()) > DescriptionLimit {
		v.errorf("", "description is %d bytes; Apple allows %d", len(n.text.String()), DescriptionLimit)
	}
	if n := ch.first("", "link"); n != nil && n.str() != "" && !absHTTP(n.str()) {
		v.errorf("", "link %q is not an absolute http(s) URL", n.str())
	}
	if n := ch.first("", "language"); n == nil || n.str() == "" {
		v.errorf("", "<language> is missing")
	} else if !langRE.MatchString(n.str()) {
		v.warnf("", "language %q is not an ISO 639 code like \"en\" or \"en-us\"", n.str())
	}
	v.image(ch, "")
	cats := ch.all("itunes", "category")
	if len(cats) == 0 {
		v.errorf("", "<itunes:category> is missing")
	}
	for _, c := range cats {
		t, _ := c.attr("text")
		switch {
		case strings.TrimSpace(t) == "":
			v.errorf("", "itunes:category has no text attribute")
		case !appleCategories[t]:
			v.warnf("", "itunes:category %q is not one of Apple's categories", t)
		}
	}
	if n := ch.first("itunes", "explicit"); n == nil {
		v.errorf("", "<itunes:explicit> is missing")
	} else {
		v.explicit("", n)
	}
	self := false
	for _, l := range ch.all("atom", "link") {
		if rel, _ := l.attr("rel"); rel == "self" {
			self = true
			href, _ := l.attr("href")
			if !absHTTP(href) {
				v.errorf("", "atom:link rel=\"self\" href %q is not an absolute http(s) URL", href)
			}
			if typ, _ := l.attr("type"); typ != "" && typ != "application/rss+xml" {
				v.warnf("", "atom:link rel=\"self\" type is %q, not application/rss+xml", typ)
			}
			if g := ch.first("podcast", "guid"); g != nil && absHTTP(href) && g.str() != PodcastGUID(href) {
				v.warnf("", "podcast:guid %s is not the UUIDv5 of the self URL (%s)", g.str(), PodcastGUID(href))
			}
		}
	}
	if !self {
		v.errorf("", "<atom:link rel=\"self\"> is missing (PSP-1)")
	}
	if g := ch.first("podcast", "guid"); g == nil {
		v.warnf("", "<podcast:guid> is missing (PSP-1 recommends it)")
	} else if u, err := uuid.Parse(g.str()); err != nil || len(g.str()) != 36 {
		v.errorf("", "podcast:guid %q is not a UUID", g.str())
	} else if u.Version() != 5 {
		v.errorf("", "podcast:guid %q is a version %d UUID, not version 5", g.str(), u.Version())
	}
	if n := ch.first("itunes", "type"); n != nil && n.str() != "episodic" && n.str() != "serial" {
		v.errorf("", "itunes:type %q is not episodic or serial", n.str())
	}
	if o := ch.first("itunes", "owner"); o != nil {
		if e := o.first("itunes", "email"); e != nil && !strings.Contains(e.str(), "@") {
			v.warnf("", "itunes:owner email %q is not an email address", e.str())
		}
	}
}

var langRE = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

func (v *validator) image(n *node, item string) {
	im := n.first("itunes", "image")
	if im == nil {
		if item == "" {
			v.errorf("", "<itunes:image> is missing")
		}
		return
	}
	href, _ := im.attr("href")
	switch {
	case !absHTTP(href):
		v.errorf(item, "itunes:image href %q is not an absolute http(s) URL", href)
	case !imageExt(href):
		v.warnf(item, "itunes:image %q should be a .jpg or .png file", href)
	}
}

func imageExt(u string) bool {
	u = strings.ToLower(u)
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	return strings.HasSuffix(u, ".jpg") || strings.HasSuffix(u, ".jpeg") || strings.HasSuffix(u, ".png")
}

func (v *validator) explicit(item string, n *node) {
	switch strings.ToLower(n.str()) {
	case "true", "false":
	case "yes", "no", "clean", "explicit":
		v.warnf(item, "itunes:explicit %q: Apple wants true or false", n.str())
	default:
		v.errorf(item, "itunes:explicit %q is not true or false", n.str())
	}
}

var (
	durationRE = regexp.MustCompile(`^(\d+|(\d+:)?[0-5]?\d:[0-5]\d)$`)
	intRE      = regexp.MustCompile(`^\d+$`)
)

func (v *validator) item(it *node, index int, guids map[string]int) {
	id := fmt.Sprintf("#%d", index)
	title := ""
	if n := it.first("", "title"); n != nil {
		title = n.str()
	}
	guid := ""
	if n := it.first("", "guid"); n != nil {
		guid = n.str()
	}
	switch {
	case title != "":
		id = title
	case guid != "":
		id = guid
	}
	if title == "" {
		v.errorf(id, "<title> is missing or empty")
	}
	if guid == "" {
		v.errorf(id, "<guid> is missing or empty")
	} else {
		if prev, ok := guids[guid]; ok {
			v.errorf(id, "guid %q is also the guid of item #%d", guid, prev)
		} else {
			guids[guid] = index
		}
		if g := it.first("", "guid"); g != nil {
			if pl, _ := g.attr("isPermaLink"); pl != "false" && !absHTTP(guid) {
				v.warnf(id, "guid %q is not a URL but isPermaLink is not \"false\"", guid)
			}
		}
	}
	v.enclosure(it, id)
	if n := it.first("", "link"); n != nil && !absHTTP(n.str()) {
		v.errorf(id, "link %q is not an absolute http(s) URL", n.str())
	}
	if n := it.first("", "pubDate"); n == nil {
		v.warnf(id, "<pubDate> is missing")
	} else if t, ok := parseRFC2822(n.str()); !ok {
		v.errorf(id, "pubDate %q is not an RFC 2822 date", n.str())
	} else if wd := weekday(n.str()); wd != "" && wd != t.Weekday().String()[:3] {
		v.warnf(id, "pubDate %q: %s is a %s", n.str(), t.Format("2 Jan 2006"), t.Weekday())
	}
	if n := it.first("", "description"); n != nil {
		v.description(id, n.text.String())
	} else if it.first("itunes", "summary") == nil {
		v.warnf(id, "<description> is missing")
	}
	if n := it.first("itunes", "duration"); n != nil && !durationRE.MatchString(n.str()) {
		v.errorf(id, "itunes:duration %q is not whole seconds or [HH:]MM:SS", n.str())
	}
	for _, tag := range []string{"episode", "season"} {
		if n := it.first("itunes", tag); n != nil {
			if k, err := strconv.Atoi(n.str()); err != nil || k <= 0 || !intRE.MatchString(n.str()) {
				v.errorf(id, "itunes:%s %q is not a positive integer", tag, n.str())
			}
		}
	}
	if n := it.first("itunes", "episodeType"); n != nil {
		switch n.str() {
		case "full", "trailer", "bonus":
		default:
			v.errorf(id, "itunes:episodeType %q is not full, trailer or bonus", n.str())
		}
	}
	if n := it.first("itunes", "explicit"); n != nil {
		v.explicit(id, n)
	}
	v.image(it, id)
	v.podcast(it, id)
}

func (v *validator) enclosure(it *node, id string) {
	encs := it.all("", "enclosure")
	if len(encs) == 0 {
		v.errorf(id, "enclosure missing")
		return
	}
	if len(encs) > 1 {
		v.warnf(id, "%d enclosures; apps use the first", len(encs))
	}
	e := encs[0]
	u, ok := e.attr("url")
	switch {
	case !ok || u == "":
		v.errorf(id, "enclosure url missing")
	case !absHTTP(u):
		v.errorf(id, "enclosure url %q is not an absolute http(s) URL", u)
	}
	l, ok := e.attr("length")
	switch {
	case !ok || strings.TrimSpace(l) == "":
		v.errorf(id, "enclosure length missing")
	case !intRE.MatchString(l):
		v.errorf(id, "enclosure length %q is not a whole number of bytes", l)
	default:
		if n, err := strconv.ParseInt(l, 10, 64); err != nil || n <= 0 {
			v.errorf(id, "enclosure length %q is not positive", l)
		}
	}
	t, ok := e.attr("type")
	switch {
	case !ok || strings.TrimSpace(t) == "":
		v.errorf(id, "enclosure type missing")
	case !mimeRE.MatchString(t):
		v.errorf(id, "enclosure type %q is not a MIME type", t)
	case !AppleAccepts(t):
		// A valid MIME type Apple refuses (audio/wav, audio/ogg…): other
		// apps play it, so this is a warning, not an error.
		v.warnf(id, "enclosure type %s: Apple Podcasts accepts only audio/x-m4a, audio/mpeg, video/quicktime, video/mp4, video/x-m4v, application/pdf", t)
	}
}

var mimeRE = regexp.MustCompile(`^[a-z]+/[a-z0-9][a-z0-9.+_-]*$`)

// allowedTags are the HTML elements Apple keeps in a description.
var allowedTags = map[string]bool{"p": true, "ol": true, "ul": true, "li": true, "a": true}

// unsafeTags are elements no podcast app should receive.
var unsafeTags = map[string]bool{"script": true, "style": true, "iframe": true, "object": true, "embed": true, "form": true, "input": true}

var tagRE = regexp.MustCompile(`<\s*/?\s*([A-Za-z][A-Za-z0-9:-]*)`)

func (v *validator) description(id, html string) {
	if len(html) > DescriptionLimit {
		v.errorf(id, "description is %d bytes; Apple allows %d", len(html), DescriptionLimit)
	}
	seen := map[string]bool{}
	for _, m := range tagRE.FindAllStringSubmatch(html, -1) {
		tag := strings.ToLower(m[1])
		if seen[tag] || allowedTags[tag] {
			continue
		}
		seen[tag] = true
		if unsafeTags[tag] {
			v.errorf(id, "description contains <%s>", tag)
		} else {
			v.warnf(id, "description contains <%s>; Apple keeps only p, ol, ul, li, a", tag)
		}
	}
	for _, m := range hrefRE.FindAllStringSubmatch(html, -1) {
		u := m[1] + m[2]
		if !absHTTP(u) {
			v.errorf(id, "description links to %q, not an absolute http(s) URL", u)
		}
	}
}

var hrefRE = regexp.MustCompile(`(?i)<a\s[^>]*href\s*=\s*(?:"([^"]*)"|'([^']*)')`)

var transcriptTypes = map[string]bool{
	"text/vtt": true, "application/json": true, "application/x-subrip": true, "application/srt": true,
	"text/html": true, "text/plain": true,
}

func (v *validator) podcast(it *node, id string) {
	for _, t := range it.all("podcast", "transcript") {
		u, _ := t.attr("url")
		if !absHTTP(u) {
			v.errorf(id, "podcast:transcript url %q is not an absolute http(s) URL", u)
		}
		typ, ok := t.attr("type")
		switch {
		case !ok || typ == "":
			v.errorf(id, "podcast:transcript has no type")
		case !transcriptTypes[typ]:
			v.warnf(id, "podcast:transcript type %q is not one of text/vtt, application/json, application/x-subrip, text/html, text/plain", typ)
		}
		if rel, ok := t.attr("rel"); ok && rel != "captions" {
			v.warnf(id, "podcast:transcript rel %q: the only defined value is captions", rel)
		}
	}
	chs := it.all("podcast", "chapters")
	if len(chs) > 1 {
		v.errorf(id, "%d podcast:chapters; at most one", len(chs))
	}
	for _, c := range chs {
		u, _ := c.attr("url")
		if !absHTTP(u) {
			v.errorf(id, "podcast:chapters url %q is not an absolute http(s) URL", u)
		}
		if typ, _ := c.attr("type"); typ != "application/json+chapters" {
			v.errorf(id, "podcast:chapters type %q is not application/json+chapters", typ)
		}
	}
	for _, p := range it.all("podcast", "person") {
		name := p.str()
		switch {
		case name == "":
			v.errorf(id, "podcast:person has no name")
		case len([]rune(name)) > 128:
			v.errorf(id, "podcast:person name is longer than 128 characters")
		}
		for _, a := range []string{"img", "href"} {
			if u, ok := p.attr(a); ok && !absHTTP(u) {
				v.errorf(id, "podcast:person %s %q is not an absolute http(s) URL", a, u)
			}
		}
	}
	for _, s := range it.all("podcast", "soundbite") {
		st, _ := s.attr("startTime")
		du, _ := s.attr("duration")
		a, err1 := strconv.ParseFloat(st, 64)
		b, err2 := strconv.ParseFloat(du, 64)
		switch {
		case err1 != nil || a < 0:
			v.errorf(id, "podcast:soundbite startTime %q is not a time in seconds", st)
		case err2 != nil || !(b > 0):
			v.errorf(id, "podcast:soundbite duration %q is not a positive number of seconds", du)
		case b > 120:
			v.warnf(id, "podcast:soundbite is %s s long; 15–120 s is recommended", du)
		}
	}
}

// rfc2822Layouts are the date forms accepted as RFC 2822 (day name
// optional, one- or two-digit day, seconds optional, numeric or named zone).
var rfc2822Layouts = []string{
	"Mon, _2 Jan 2006 15:04:05 -0700",
	"Mon, _2 Jan 2006 15:04:05 MST",
	"Mon, _2 Jan 2006 15:04 -0700",
	"Mon, _2 Jan 2006 15:04 MST",
	"_2 Jan 2006 15:04:05 -0700",
	"_2 Jan 2006 15:04:05 MST",
	"_2 Jan 2006 15:04 -0700",
	"_2 Jan 2006 15:04 MST",
}

var spacesRE = regexp.MustCompile(`\s+`)

// parseRFC2822 parses an RFC 2822 date-time.
func parseRFC2822(s string) (time.Time, bool) {
	s = spacesRE.ReplaceAllString(strings.TrimSpace(s), " ")
	if strings.HasSuffix(s, " UT") {
		s += "C"
	}
	for _, l := range rfc2822Layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// weekday returns the date's day name ("Mon"), or "" when it has none.
func weekday(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, ','); i == 3 {
		return s[:3]
	}
	return ""
}
