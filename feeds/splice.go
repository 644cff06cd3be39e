package feeds

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/shownotes/shownotes/pipeline"
)

// ErrFeed is wrapped by the errors of a feed file that cannot be updated
// (it does not parse, it is not RSS): the file is left as it was.
var ErrFeed = errors.New("feed cannot be updated")

// span is a half-open byte range of the feed.
type span struct{ start, end int }

// scannedItem is an existing item: its bytes and what identifies it.
type scannedItem struct {
	span
	guid, enclosure, link, title, pubDate string
}

// layout is where things are in a feed's bytes.
type layout struct {
	rssStart   span              // the <rss …> start tag
	rootNS     map[string]string // prefix → URI declared on <rss>
	channelEnd int               // offset of </channel>
	items      []scannedItem     // direct children of channel, in order
	lastBuild  span              // lastBuildDate's text, between its tags
	buildEmpty bool              // lastBuildDate is self-closed: lastBuild is the element
	hasBuild   bool
}

// bom is the UTF-8 byte order mark, which encoding/xml does not skip.
var bom = []byte{0xEF, 0xBB, 0xBF}

// scan parses the whole feed (it must be well-formed XML with an <rss> root
// holding a <channel>) and returns its layout.
func scan(data []byte) (*layout, error) {
	if err := notUTF16(data); err != nil {
		return nil, err
	}
	base := 0
	if bytes.HasPrefix(data, bom) {
		base = len(bom)
	}
	d := xml.NewDecoder(bytes.NewReader(data[base:]))
	d.CharsetReader = func(charset string, r io.Reader) (io.Reader, error) {
		if strings.EqualFold(charset, "utf-8") || strings.EqualFold(charset, "us-ascii") {
			return r, nil
		}
		return nil, fmt.Errorf("encoding %q is not supported (only UTF-8)", charset)
	}
	lay := &layout{channelEnd: -1, rssStart: span{-1, -1}}
	var (
		depth     int
		inChannel bool
		chDepth   int
		cur       *scannedItem
		field     string // "guid", "link", "title", "pubDate" while inside the current item's one
		guidText  strings.Builder
		buildAt   = -1 // offset of lastBuildDate's start tag
		buildIn   = -1 // offset after it
		roots     int
	)
	for {
		off := base + int(d.InputOffset())
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: not well-formed XML: %v", ErrFeed, err)
		}
		end := base + int(d.InputOffset())
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case depth == 1:
				roots++
				if t.Name.Local != "rss" || t.Name.Space != "" {
					return nil, fmt.Errorf("%w: root element is <%s>, not <rss>", ErrFeed, t.Name.Local)
				}
				lay.rssStart = span{off, end}
				lay.rootNS = map[string]string{}
				for _, a := range t.Attr {
					if a.Name.Space == "xmlns" {
						lay.rootNS[a.Name.Local] = a.Value
					}
				}
			case depth == 2 && t.Name.Local == "channel" && t.Name.Space == "" && lay.channelEnd < 0 && !inChannel:
				inChannel, chDepth = true, depth
			case inChannel && depth == chDepth+1 && t.Name.Space == "" && t.Name.Local == "item":
				cur = &scannedItem{span: span{off, -1}}
			case inChannel && depth == chDepth+1 && t.Name.Space == "" && t.Name.Local == "lastBuildDate" && !lay.hasBuild:
				buildAt, buildIn = off, end
			case cur != nil && depth == chDepth+2 && t.Name.Space == "" && (t.Name.Local == "guid" || t.Name.Local == "link" || t.Name.Local == "title" || t.Name.Local == "pubDate"):
				field = t.Name.Local
				guidText.Reset()
			case cur != nil && depth == chDepth+2 && t.Name.Space == "" && t.Name.Local == "enclosure" && cur.enclosure == "":
				for _, a := range t.Attr {
					if a.Name.Space == "" && a.Name.Local == "url" {
						cur.enclosure = strings.TrimSpace(a.Value)
					}
				}
			}
		case xml.EndElement:
			switch {
			case inChannel && depth == chDepth:
				inChannel = false
				lay.channelEnd = off
			case cur != nil && depth == chDepth+1:
				cur.end = end
				lay.items = append(lay.items, *cur)
				cur = nil
			case field != "" && depth == chDepth+2:
				v := strings.TrimSpace(guidText.String())
				switch {
				case field == "guid" && cur.guid == "":
					cur.guid = v
				case field == "link" && cur.link == "":
					cur.link = v
				case field == "title" && cur.title == "":
					cur.title = v
				case field == "pubDate" && cur.pubDate == "":
					cur.pubDate = v
				}
				field = ""
			case buildAt >= 0 && depth == chDepth+1:
				if buildIn == end { // <lastBuildDate/>
					lay.lastBuild, lay.buildEmpty = span{buildAt, end}, true
				} else {
					lay.lastBuild = span{buildIn, off}
				}
				lay.hasBuild = true
				buildAt = -1
			}
			depth--
		case xml.CharData:
			if field != "" {
				guidText.Write(t)
			}
		}
	}
	switch {
	case roots == 0:
		return nil, fmt.Errorf("%w: no <rss> element", ErrFeed)
	case lay.channelEnd < 0:
		return nil, fmt.Errorf("%w: no <channel> in <rss>", ErrFeed)
	}
	return lay, nil
}

// edit replaces data[start:end] with repl.
type edit struct {
	span
	repl []byte
}

// apply applies non-overlapping edits.
func apply(data []byte, edits []edit) []byte {
	sort.Slice(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var out bytes.Buffer
	out.Grow(len(data) + 4096)
	at := 0
	for _, e := range edits {
		out.Write(data[at:e.start])
		out.Write(e.repl)
		at = e.end
	}
	out.Write(data[at:])
	return out.Bytes()
}

// newline returns the feed's line break before off: "\r\n" or "\n".
func newline(data []byte, off int) string {
	if i := bytes.LastIndexByte(data[:off], '\n'); i > 0 && data[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// lineIndent returns the spaces and tabs between the last newline before
// off and off, and whether only such whitespace separates them.
func lineIndent(data []byte, off int) (string, bool) {
	i := off
	for i > 0 && (data[i-1] == ' ' || data[i-1] == '\t') {
		i--
	}
	if i > 0 && data[i-1] == '\n' {
		return string(data[i:off]), true
	}
	return "", false
}

// ErrConflict is wrapped by the error of an item that would publish the
// enclosure URL of another episode: the feed is left as it was.
var ErrConflict = errors.New("another episode has the same enclosure URL")

// Result is what an update did to the feed.
type Result struct {
	Replaced bool   // the episode's item existed and was replaced
	GUID     string // the item's guid as written (an old item's, when migrated)
	// OldTitle and OldEnclosure are the replaced item's, when Replaced.
	OldTitle, OldEnclosure string
}

// Splice is SpliceItem reporting only whether an item was replaced.
func Splice(data []byte, it *Item, now time.Time) (out []byte, replaced bool, err error) {
	out, res, err := SpliceItem(data, it, now)
	return out, res.Replaced, err
}

// SpliceItem returns the feed data with the episode's item inserted or,
// when the feed has the episode, replaced (other copies of the same episode
// are removed); then the items are ordered by pubDate, newest first (items
// whose date does not parse go last, in their order). The episode's item is
// the one with the same guid; failing that, an item written by earlier
// versions, whose guid is LegacyGUID of its enclosure URL, with the same
// link as it.Link (no other item having that link): the item keeps its old
// guid, since a guid never changes. An item of another episode with the
// same enclosure URL is an error wrapping ErrConflict. lastBuildDate, when
// the channel has one, is set to now; namespaces the item uses and the <rss>
// start tag lacks are declared there. Nothing else changes. A feed that does
// not parse gives an error wrapping ErrFeed.
func SpliceItem(data []byte, it *Item, now time.Time) (out []byte, res Result, err error) {
	if err := it.Check(); err != nil {
		return nil, res, err
	}
	lay, err := scan(data)
	if err != nil {
		return nil, res, err
	}
	guid := strings.TrimSpace(xmlText(it.GUID))
	enc := strings.TrimSpace(xmlText(it.Enclosure.URL))
	link := strings.TrimSpace(xmlText(it.Link))
	var same []scannedItem
	for _, s := range lay.items {
		if s.guid == guid {
			same = append(same, s)
		}
	}
	if len(same) == 0 && link != "" {
		links := 0
		var legacy []scannedItem
		for _, s := range lay.items {
			if s.link == link {
				links++
				if s.guid != "" && s.guid == pipeline.LegacyGUID(s.enclosure) {
					legacy = append(legacy, s)
				}
			}
		}
		if links == 1 && len(legacy) == 1 {
			same = legacy
			cp := *it
			cp.GUID = legacy[0].guid
			it, guid = &cp, legacy[0].guid
		}
	}
	for _, s := range lay.items {
		if enc != "" && s.enclosure == enc && s.guid != guid {
			name := s.title
			if name == "" {
				name = s.guid
			}
			return nil, res, fmt.Errorf("%w: %s is already the enclosure of %q (guid %s); give this episode's audio a file name of its own, or rerun that episode with --guid %s if it is the same one", ErrConflict, enc, name, s.guid, s.guid)
		}
	}
	res.GUID = guid

	var edits []edit
	// Where the item goes, and its indentation.
	unit := "  "
	var at int
	var indent string
	var after string // what follows the new item before the bytes at `at`
	nl := "\n"
	switch {
	case len(same) > 0:
		at = same[0].start
		if ind, ok := lineIndent(data, at); ok {
			indent, nl = ind, newline(data, at)
		}
	case len(lay.items) > 0:
		at = lay.items[0].start
		var ok bool
		indent, ok = lineIndent(data, at)
		if ok {
			nl = newline(data, at)
			after = nl + indent
		}
	default:
		at = lay.channelEnd
		chIndent, ok := lineIndent(data, at)
		if ok {
			if strings.Contains(chIndent, "\t") {
				unit = "\t"
			}
			indent = chIndent + unit
			nl = newline(data, at)
			after = nl + chIndent
		}
	}
	if strings.Contains(indent, "\t") {
		unit = "\t"
	}
	itemXML, err := it.XML(indent, unit)
	if err != nil {
		return nil, res, err
	}
	// Namespaces the item uses: declared on <rss> when it lacks them; on
	// the item itself when <rss> binds the prefix to another URI.
	var decl, local []string
	for _, p := range []string{"content", "itunes", "podcast"} {
		uri, ok := lay.rootNS[p]
		switch {
		case !ok:
			decl = append(decl, fmt.Sprintf(` xmlns:%s="%s"`, p, itemPrefixes[p]))
		case uri != itemPrefixes[p]:
			local = append(local, fmt.Sprintf(` xmlns:%s="%s"`, p, itemPrefixes[p]))
		}
	}
	if nl != "\n" { // XML reads CRLF as LF, even in CDATA: same content
		itemXML = bytes.ReplaceAll(bytes.ReplaceAll(itemXML, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte(nl))
	}
	if len(local) > 0 && bytes.HasPrefix(itemXML, []byte("<item")) {
		itemXML = append([]byte("<item"+strings.Join(local, "")), itemXML[len("<item"):]...)
	}
	if len(same) > 0 {
		edits = append(edits, edit{same[0].span, itemXML})
		for _, s := range same[1:] {
			sp := s.span
			if ind, ok := lineIndent(data, sp.start); ok {
				sp.start -= len(ind) + len(newline(data, sp.start)) // the line break and indent before it
			}
			edits = append(edits, edit{sp, nil})
		}
	} else {
		lead := ""
		if len(lay.items) == 0 && after != "" {
			// Insert before </channel>: the item starts on the line the
			// closing tag is on, which then moves down.
			lead = unit
		}
		edits = append(edits, edit{span{at, at}, append(append([]byte(lead), itemXML...), after...)})
	}

	if len(decl) > 0 {
		e := lay.rssStart.end - 1 // the '>' of <rss …>
		edits = append(edits, edit{span{e, e}, []byte(strings.Join(decl, ""))})
	}

	if lay.hasBuild {
		edits = append(edits, buildDateEdit(lay, now))
	}
	out = apply(data, edits)
	lay, err = scan(out)
	if err != nil { // never write a feed that does not parse
		return nil, res, fmt.Errorf("updated feed does not parse: %w", err)
	}
	if sorted := newestFirst(out, lay); &sorted[0] != &out[0] {
		if _, err := scan(sorted); err != nil {
			return nil, res, fmt.Errorf("updated feed does not parse: %w", err)
		}
		out = sorted
	}
	if res.Replaced = len(same) > 0; res.Replaced {
		res.OldTitle, res.OldEnclosure = same[0].title, same[0].enclosure
	}
	return out, res, nil
}

// newestFirst orders the items by pubDate, newest first, each moved into
// the place of another item (so whatever lies between items stays put).
// Items whose date does not parse go after the dated ones, in their order.
func newestFirst(data []byte, lay *layout) []byte {
	type dated struct {
		i  int
		t  time.Time
		ok bool
	}
	ds := make([]dated, len(lay.items))
	for i, s := range lay.items {
		t, ok := parseRFC2822(s.pubDate)
		ds[i] = dated{i, t, ok}
	}
	sorted := sort.SliceIsSorted(ds, func(a, b int) bool { return newer(ds[a].t, ds[a].ok, ds[b].t, ds[b].ok) })
	if sorted {
		return data
	}
	sort.SliceStable(ds, func(a, b int) bool { return newer(ds[a].t, ds[a].ok, ds[b].t, ds[b].ok) })
	edits := make([]edit, len(lay.items))
	for slot, d := range ds {
		src := lay.items[d.i].span
		edits[slot] = edit{lay.items[slot].span, data[src.start:src.end]}
	}
	return apply(data, edits)
}

// newer orders a before b: dated before undated, later before earlier.
func newer(a time.Time, aok bool, b time.Time, bok bool) bool {
	if aok != bok {
		return aok
	}
	return aok && a.After(b)
}

// buildDateEdit replaces lastBuildDate's text, keeping its tags.
func buildDateEdit(lay *layout, now time.Time) edit {
	date := now.Format(time.RFC1123Z)
	if lay.buildEmpty {
		return edit{lay.lastBuild, []byte("<lastBuildDate>" + date + "</lastBuildDate>")}
	}
	return edit{lay.lastBuild, []byte(date)}
}
