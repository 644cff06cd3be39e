package notes

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"math"
	"net/url"
	"sort"
	"strings"

	"github.com/shownotes/shownotes/stages/entities"
	"github.com/shownotes/shownotes/stages/quotes"
	"github.com/shownotes/shownotes/stages/summary"

	"github.com/shownotes/shownotes/feeds"
	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/chapters"
)

// DescriptionLimit is the largest description in bytes: the feed's
// (feeds.DescriptionLimit, Apple's).
const DescriptionLimit = feeds.DescriptionLimit

// MaxQuotes is the number of quotes in the notes.
const MaxQuotes = 5

// Input is everything the notes are made of; nil parts are left out.
type Input struct {
	Transcript *pipeline.Transcript // for the guest line
	Hosts      []string             // the configured hosts (podcast.toml), to tell the guest
	Timed      bool                 // false: no times anywhere
	Duration   float64              // seconds; an hour or more writes HH:MM:SS
	Summary    *summary.Summary
	Chapters   *chapters.Chapters
	Entities   *entities.Entities
	Quotes     *quotes.Quotes
	// TranscriptURL is the transcript's address; "" leaves the link out.
	TranscriptURL string
}

// doc is the notes' content, from which every form is rendered.
type doc struct {
	summary  []string
	guest    string
	bio      string
	long     bool // HH:MM:SS
	chapters []line
	quotes   []line
	groups   []group
	link     string
	noStamps bool // entity times dropped
	// approximate: the times come from the transcript's own stamps, not
	// the audio (a run without --audio); the notes say so once.
	approximate bool
}

type line struct {
	text, speaker string
	at            float64 // NoTime: no timestamp
}

type group struct {
	label string
	typ   string
	items []item
}

type item struct {
	name, link string
	at         float64
	mentions   int
}

var groupOrder = []struct{ typ, label string }{
	{pipeline.Person, "People mentioned"},
	{pipeline.Org, "Organisations"},
	{pipeline.Place, "Places"},
	{pipeline.Work, "Books and works"},
	{pipeline.Other, "Also mentioned"},
}

// Render makes the notes in every form and the files entities.json,
// quotes.json, shownotes.html, shownotes.md, shownotes.txt, and
// chapters.json when every chapter has a real time (the Podcasting 2.0
// chapters format requires numeric startTimes; the feed links the file only
// when this run wrote it). The HTML uses only the tags Apple keeps in a
// description: p, ul, li, a.
func Render(ctx context.Context, in Input) (*Notes, error) {
	d := build(in)
	n := &Notes{HTML: d.html(), Markdown: d.markdown(), Text: d.text()}
	n.Description, n.Dropped = fit(d, DescriptionLimit)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	cj, err := chapters.JSON(in.Chapters)
	if err != nil {
		return nil, fmt.Errorf("chapters.json: %w", err)
	}
	ej, err := EntitiesJSON(in.Entities)
	if err != nil {
		return nil, fmt.Errorf("entities.json: %w", err)
	}
	qj, err := QuotesJSON(in.Quotes)
	if err != nil {
		return nil, fmt.Errorf("quotes.json: %w", err)
	}
	n.Files = []pipeline.File{
		{Name: "shownotes.html", Data: []byte(n.HTML)},
		{Name: "shownotes.md", Data: []byte(n.Markdown)},
		{Name: "shownotes.txt", Data: []byte(n.Text)},
	}
	if TimedChapters(in.Timed, in.Chapters) {
		n.Files = append(n.Files, pipeline.File{Name: "chapters.json", Data: cj})
	}
	n.Files = append(n.Files,
		pipeline.File{Name: "entities.json", Data: ej},
		pipeline.File{Name: "quotes.json", Data: qj})
	return n, nil
}

// TimedChapters reports whether chapters.json can be published: the run is
// timed (from the audio, or approximately from the transcript's own stamps)
// and there is at least one chapter, each with a known start.
func TimedChapters(timed bool, c *chapters.Chapters) bool {
	if c == nil || len(c.Chapters) == 0 || !(timed || c.Timed) {
		return false
	}
	for _, ch := range c.Chapters {
		if !pipeline.Known(ch.Start) || ch.Start < 0 {
			return false
		}
	}
	return true
}

func build(in Input) *doc {
	d := &doc{link: in.TranscriptURL}
	when := func(t float64) float64 {
		if !in.Timed || !pipeline.Known(t) {
			return pipeline.NoTime
		}
		return t
	}
	ptr := func(p *float64) float64 {
		if p == nil {
			return pipeline.NoTime
		}
		return when(*p)
	}
	maxT := 0.0
	if in.Timed && pipeline.Known(in.Duration) {
		maxT = in.Duration
	}
	if in.Summary != nil {
		for _, s := range in.Summary.Sentences {
			if s = oneLine(s); s != "" {
				d.summary = append(d.summary, s)
			}
		}
	}
	if in.Transcript != nil {
		d.guest, d.bio = oneLine(in.Transcript.Guest(in.Hosts)), oneLine(in.Transcript.Header.Bio)
	}
	if in.Chapters != nil {
		// Without audio, a transcript's own stamps time the chapters
		// approximately (Chapters.Timed and Approximate).
		chapterAt := when
		if !in.Timed && in.Chapters.Timed {
			chapterAt = func(t float64) float64 { return t }
			d.approximate = d.approximate || in.Chapters.Approximate
		}
		for _, c := range in.Chapters.Chapters {
			if t := oneLine(c.Title); t != "" {
				d.chapters = append(d.chapters, line{text: t, at: chapterAt(c.Start)})
				if pipeline.Known(chapterAt(c.Start)) {
					maxT = max(maxT, c.Start)
				}
			}
		}
	}
	if in.Quotes != nil {
		for _, q := range in.Quotes.Quotes {
			if len(d.quotes) == MaxQuotes {
				break
			}
			if t := oneLine(q.Text); t != "" {
				at := ptr(q.Start)
				if !in.Timed && q.Approximate && q.Start != nil && pipeline.Known(*q.Start) {
					at, d.approximate = *q.Start, true
				}
				d.quotes = append(d.quotes, line{text: t, speaker: oneLine(q.Speaker), at: at})
			}
		}
	}
	if in.Entities != nil {
		byType := map[string][]item{}
		first := map[string]int{}
		for _, e := range in.Entities.Entities {
			name := oneLine(e.Name)
			if name == "" {
				continue
			}
			typ := e.Type
			if _, ok := labels[typ]; !ok {
				typ = pipeline.Other
			}
			it := item{name: name, link: safeURL(e.Link), at: ptr(e.FirstMention), mentions: e.Mentions}
			byType[typ] = append(byType[typ], it)
			first[name] = e.FirstWord
		}
		for _, g := range groupOrder {
			items := byType[g.typ]
			if len(items) == 0 {
				continue
			}
			sort.SliceStable(items, func(i, j int) bool { return first[items[i].name] < first[items[j].name] })
			d.groups = append(d.groups, group{label: g.label, typ: g.typ, items: items})
		}
	}
	d.long = maxT >= 3600
	return d
}

var labels = map[string]bool{pipeline.Person: true, pipeline.Org: true, pipeline.Place: true, pipeline.Work: true, pipeline.Other: true}

// Stamp formats seconds as MM:SS, or HH:MM:SS when long.
func Stamp(t float64, long bool) string {
	if !(t > 0) {
		t = 0
	}
	s := int64(math.Floor(t))
	if long {
		return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%02d:%02d", s/60, s%60)
}

func (d *doc) stamp(t float64) string {
	if !pipeline.Known(t) {
		return ""
	}
	return "(" + Stamp(t, d.long) + ")"
}

// chaptersHeading is the chapters' heading, saying when their times (and
// the quotes') are approximate.
func (d *doc) chaptersHeading() string {
	if d.approximate {
		return "Chapters (approximate times, from the transcript)"
	}
	return "Chapters"
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// safeURL returns u when it is an absolute http(s) URL, "" otherwise.
func safeURL(u string) string {
	u = strings.TrimSpace(u)
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return p.String()
}

func (d *doc) entity(name string, at float64) string {
	if d.noStamps {
		return name
	}
	return join(name, d.stamp(at))
}

// join joins the non-empty parts with a space.
func join(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}

func by(speaker, stamp string) string {
	s := join(speaker, stamp)
	if s == "" {
		return ""
	}
	return " — " + s
}

// mdEscaper escapes what Markdown (CommonMark) would read as markup.
var mdEscaper = strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "&", `\&`, "|", `\|`, "~", `\~`, "#", `\#`)

func mdEsc(s string) string {
	s = mdEscaper.Replace(s)
	// a line start that would make a list, heading or rule
	if s != "" && strings.ContainsRune("+-=", rune(s[0])) {
		s = `\` + s
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }); i > 0 && (s[i] == '.' || s[i] == ')') {
		s = s[:i] + `\` + s[i:]
	}
	return s
}

func mdURL(u string) string {
	return strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(u)
}

// form is how one of the three forms of the notes writes each part;
// (*doc).render walks the parts once, in one order, for all of them.
type form struct {
	esc        func(string) string           // escape the episode's text
	link       func(text, url string) string // text linking to url (text already escaped)
	para       func(string) string           // a paragraph of content in this form
	lead       func(string) string           // a paragraph's lead-in label ("Guest: ")
	heading    func(string) string           // a list's heading and opening
	item       func(body string, bullet bool) string
	listEnd    string
	transcript func(url string) string // the transcript link's paragraph content
	oneNewline bool                    // end with exactly one newline
}

var (
	htmlForm = form{
		esc:        html.EscapeString,
		link:       func(t, u string) string { return `<a href="` + html.EscapeString(u) + `">` + t + "</a>" },
		para:       func(s string) string { return "<p>" + s + "</p>\n" },
		lead:       func(l string) string { return html.EscapeString(l) + ": " },
		heading:    func(h string) string { return "<p>" + h + "</p>\n<ul>\n" },
		item:       func(b string, _ bool) string { return "<li>" + b + "</li>\n" },
		listEnd:    "</ul>\n",
		transcript: func(u string) string { return `<a href="` + html.EscapeString(u) + `">Read the transcript</a>` },
	}
	markdownForm = form{
		esc:        mdEsc,
		link:       func(t, u string) string { return "[" + t + "](" + mdURL(u) + ")" },
		para:       func(s string) string { return s + "\n\n" },
		lead:       func(l string) string { return "**" + l + ":** " },
		heading:    func(h string) string { return "## " + h + "\n\n" },
		item:       func(b string, _ bool) string { return "- " + b + "\n" },
		listEnd:    "\n",
		transcript: func(u string) string { return "[Read the transcript](" + mdURL(u) + ")" },
		oneNewline: true,
	}
	// textForm is plain text: no escaping, no links; a chapter without a
	// time gets a dash, one with a time starts with it.
	textForm = form{
		esc:     func(s string) string { return s },
		link:    func(t, _ string) string { return t },
		para:    func(s string) string { return s + "\n\n" },
		lead:    func(l string) string { return l + ": " },
		heading: func(h string) string { return h + "\n" },
		item: func(b string, bullet bool) string {
			if bullet {
				return "- " + b + "\n"
			}
			return b + "\n"
		},
		listEnd:    "\n",
		transcript: func(u string) string { return "Transcript: " + u },
		oneNewline: true,
	}
)

func (d *doc) html() string     { return d.render(htmlForm) }
func (d *doc) markdown() string { return d.render(markdownForm) }
func (d *doc) text() string     { return d.render(textForm) }

// render writes the notes in one form: summary, guest, chapters, quotes,
// the entity groups and the transcript link, each only when there is one.
func (d *doc) render(f form) string {
	var b strings.Builder
	if len(d.summary) > 0 {
		b.WriteString(f.para(f.esc(strings.Join(d.summary, " "))))
	}
	if d.guest != "" {
		g := f.lead("Guest") + f.esc(d.guest)
		if d.bio != "" {
			g += " — " + f.esc(d.bio)
		}
		b.WriteString(f.para(g))
	}
	if len(d.chapters) > 0 {
		b.WriteString(f.heading(d.chaptersHeading()))
		for _, c := range d.chapters {
			st := d.stamp(c.at)
			b.WriteString(f.item(join(st, f.esc(c.text)), st == ""))
		}
		b.WriteString(f.listEnd)
	}
	if len(d.quotes) > 0 {
		b.WriteString(f.heading("Quotes"))
		for _, q := range d.quotes {
			b.WriteString(f.item("“"+f.esc(q.text)+"”"+by(f.esc(q.speaker), d.stamp(q.at)), false))
		}
		b.WriteString(f.listEnd)
	}
	for _, g := range d.groups {
		var names []string
		for _, it := range g.items {
			name := f.esc(it.name)
			if it.link != "" {
				name = f.link(name, it.link)
			}
			names = append(names, d.entity(name, it.at))
		}
		b.WriteString(f.para(f.lead(g.label) + strings.Join(names, ", ")))
	}
	if d.link != "" {
		b.WriteString(f.para(f.transcript(d.link)))
	}
	if f.oneNewline {
		return strings.TrimRight(b.String(), "\n") + "\n"
	}
	return b.String()
}

// fit drops parts of the notes in a fixed order until their HTML fits in
// limit bytes; it returns the HTML and the names of the dropped parts.
func fit(d *doc, limit int) (string, []string) {
	c := *d
	c.groups = append([]group(nil), d.groups...)
	c.chapters = append([]line(nil), d.chapters...)
	var dropped []string
	dropGroup := func(typ string) bool {
		for i, g := range c.groups {
			if g.typ == typ {
				c.groups = append(c.groups[:i:i], c.groups[i+1:]...)
				return true
			}
		}
		return false
	}
	steps := []struct {
		name string
		do   func() bool
	}{
		{"other names", func() bool { return dropGroup(pipeline.Other) }},
		{"works", func() bool { return dropGroup(pipeline.Work) }},
		{"places", func() bool { return dropGroup(pipeline.Place) }},
		{"quotes beyond 3", func() bool {
			if len(c.quotes) <= 3 {
				return false
			}
			c.quotes = c.quotes[:3]
			return true
		}},
		{"mention times", func() bool {
			if c.noStamps || len(c.groups) == 0 {
				return false
			}
			c.noStamps = true
			return true
		}},
		{"organisations", func() bool { return dropGroup(pipeline.Org) }},
		{"people beyond 10", func() bool {
			for i, g := range c.groups {
				if g.typ == pipeline.Person && len(g.items) > 10 {
					keep := append([]item(nil), g.items...)
					sort.SliceStable(keep, func(a, b int) bool { return keep[a].mentions > keep[b].mentions })
					top := map[string]bool{}
					for _, it := range keep[:10] {
						top[it.name] = true
					}
					var items []item
					for _, it := range g.items {
						if top[it.name] {
							items = append(items, it)
						}
					}
					c.groups[i] = group{label: g.label, typ: g.typ, items: items}
					return true
				}
			}
			return false
		}},
		{"quotes", func() bool { q := len(c.quotes) > 0; c.quotes = nil; return q }},
		{"people", func() bool { return dropGroup(pipeline.Person) }},
		{"guest bio", func() bool { b := c.bio != ""; c.bio = ""; return b }},
		{"transcript link", func() bool { l := c.link != ""; c.link = ""; return l }},
		{"summary beyond 1 sentence", func() bool {
			if len(c.summary) <= 1 {
				return false
			}
			c.summary = c.summary[:1]
			return true
		}},
		{"guest line", func() bool { g := c.guest != ""; c.guest = ""; return g }},
		{"summary", func() bool { s := len(c.summary) > 0; c.summary = nil; return s }},
	}
	out := c.html()
	for _, s := range steps {
		if len(out) <= limit {
			return out, dropped
		}
		if s.do() {
			dropped = append(dropped, s.name)
			out = c.html()
		}
	}
	if len(out) > limit && len(c.chapters) > 0 {
		dropped = append(dropped, "chapters from the last")
		for len(out) > limit && len(c.chapters) > 0 {
			c.chapters = c.chapters[:len(c.chapters)-1]
			out = c.html()
		}
	}
	return out, dropped
}

// EntitiesJSON renders entities.json: {"entities":[...]} with empty lists
// as [] and unknown first mentions as null.
func EntitiesJSON(e *entities.Entities) ([]byte, error) {
	out := entities.Entities{Entities: []entities.Entity{}}
	if e != nil {
		for _, x := range e.Entities {
			if x.Aliases == nil {
				x.Aliases = []string{}
			}
			if x.FirstMention != nil && !pipeline.Known(*x.FirstMention) {
				x.FirstMention = nil
			}
			out.Entities = append(out.Entities, x)
		}
	}
	return marshal(out)
}

// QuotesJSON renders quotes.json: {"quotes":[...]}, best first.
func QuotesJSON(q *quotes.Quotes) ([]byte, error) {
	out := quotes.Quotes{Quotes: []quotes.Quote{}}
	if q != nil {
		for _, x := range q.Quotes {
			if x.Start != nil && !pipeline.Known(*x.Start) {
				x.Start = nil
			}
			if x.End != nil && !pipeline.Known(*x.End) {
				x.End = nil
			}
			if x.Soundbite != nil && (!pipeline.Known(x.Soundbite.StartTime) || !pipeline.Known(x.Soundbite.Duration)) {
				x.Soundbite = nil
			}
			if math.IsNaN(x.Score) || math.IsInf(x.Score, 0) {
				x.Score = 0
			}
			out.Quotes = append(out.Quotes, x)
		}
	}
	return marshal(out)
}

func marshal(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
