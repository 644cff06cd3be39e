package page

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"math"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/shownotes/shownotes/stages/chapters"
	"github.com/shownotes/shownotes/stages/entities"
	"github.com/shownotes/shownotes/stages/quotes"

	"github.com/shownotes/shownotes/pipeline"
)

// Input is what the page shows. Every field may be nil or empty: the page
// leaves out what it has no data for.
type Input struct {
	Alignment *pipeline.Alignment
	Entities  *entities.Entities
	Quotes    *quotes.Quotes
	Chapters  *chapters.Chapters

	// Title is the episode title; "" takes the transcript header's, then
	// "Episode".
	Title string
	// Show is the podcast's name, shown above the title when set.
	Show string
	// Lang is the page's language (an HTML lang value); "" means "en".
	Lang string
	// AudioURL is the player's source, as AudioURL builds it; "" leaves the
	// player out.
	AudioURL string
	// Hosts are the configured hosts (podcast.toml): never shown as the
	// guest.
	Hosts []string
}

//go:embed page.tmpl
var files embed.FS

var tmpl = template.Must(template.New("page.tmpl").ParseFS(files, "page.tmpl"))

// Render returns episode.html: one self-contained page with the player,
// chapters, quotes, entities and the transcript, every word timed when the
// alignment is.
func Render(in Input) ([]byte, error) {
	v := build(in)
	var b bytes.Buffer
	b.Grow(64*1024 + 40*v.words)
	if err := tmpl.Execute(&b, v); err != nil {
		return nil, fmt.Errorf("render episode page: %w", err)
	}
	return b.Bytes(), nil
}

// FormatTime formats seconds as M:SS, or H:MM:SS from an hour on, rounding
// down to the second: the form the page's #t= links use. Unknown or negative
// times give "0:00".
func FormatTime(sec float64) string {
	if !pipeline.Known(sec) || sec < 0 {
		sec = 0
	}
	if sec > 1e9 {
		sec = 1e9
	}
	s := int64(sec)
	h, m, ss := s/3600, s/60%60, s%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, ss)
	}
	return fmt.Sprintf("%d:%02d", m, ss)
}

// AudioURL returns the address of the episode's audio as the page at
// cfg.OutDir/episode.html reaches it: the published enclosure
// (cfg.Podcast.BaseURL + "/" + the base name of cfg.EnclosurePath, else of
// cfg.AudioPath) when the podcast has a base_url, else the path of that file
// relative to the output directory, with forward slashes and escaped. It
// returns "" when the run has no audio.
func AudioURL(cfg *pipeline.Config) string {
	if cfg == nil {
		return ""
	}
	audio := cfg.EnclosurePath
	if audio == "" {
		audio = cfg.AudioPath
	}
	if audio == "" {
		return ""
	}
	if strings.TrimSpace(cfg.Podcast.BaseURL) != "" {
		pub, err := pipeline.Publish(cfg)
		if err != nil {
			return "" // a base_url that is not http(s) is never linked
		}
		return pub.EnclosureURL
	}
	rel := relPath(cfg.OutDir, audio)
	parts := strings.Split(filepath.ToSlash(rel), "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

// relPath is the path of file relative to dir, or file's base name when
// there is none (another volume).
func relPath(dir, file string) string {
	if dir == "" {
		dir = "."
	}
	ad, err1 := filepath.Abs(dir)
	af, err2 := filepath.Abs(file)
	if err1 == nil && err2 == nil {
		if rel, err := filepath.Rel(ad, af); err == nil {
			return rel
		}
	}
	return filepath.Base(file)
}

// view is the template's data.
type view struct {
	Lang, Title, Show string
	Guest, Bio        string
	Speakers          string // "Alex Wang, Jeremy Howard"
	AudioURL          string
	Timed             bool
	Duration          string
	Chapters          []chapterView
	Quotes            []quoteView
	Groups            []groupView
	Turns             []turnView
	words             int
}

// stamp is a time the page can seek to: T is seconds for data-t, Label the
// M:SS form and Href the "#t=M:SS" link. All empty when untimed.
type stamp struct {
	T, Label string
	Href     template.URL
}

func stampOf(timed bool, sec float64) stamp {
	if !timed || !pipeline.Known(sec) {
		return stamp{}
	}
	sec = max(sec, 0)
	l := FormatTime(sec)
	// Href holds only digits, colons and a point, from fragmentTime.
	return stamp{T: secs(sec), Label: l, Href: template.URL("#t=" + fragmentTime(sec))}
}

// fragmentTime is the #t= form of a start: M:SS (H:MM:SS) with a tenth of a
// second when the start is not whole, rounded up so that the link lands on
// the word that starts there, not at the end of the word before it.
func fragmentTime(sec float64) string {
	tenths := math.Ceil(math.Round(sec*1000)/100) / 10 // up to the tenth, ignoring float noise
	whole := math.Floor(tenths)
	l := FormatTime(whole)
	if d := int(math.Round((tenths - whole) * 10)); d > 0 {
		l += "." + strconv.Itoa(d)
	}
	return l
}

// secs formats seconds for data-start and data-t: three decimals, clamped
// to [0, 1e9].
func secs(sec float64) string { return strconv.FormatFloat(min(max(sec, 0), 1e9), 'f', 3, 64) }

type chapterView struct {
	At    stamp
	Title string
}

type quoteView struct {
	Text, Speaker string
	At            stamp
}

type groupView struct {
	Label    string
	Entities []entityView
}

type entityView struct {
	Name     string
	At       stamp
	Mentions int
	Link     string
}

type turnView struct {
	Speaker string
	At      stamp
	Paras   [][]item
}

// item is a word (S its data-start, "" when untimed; U uncertain) or a
// transcriber's note (N).
type item struct {
	T, S string
	U, N bool
}

var groupLabels = []struct{ typ, label string }{
	{pipeline.Person, "People"},
	{pipeline.Org, "Organisations"},
	{pipeline.Place, "Places"},
	{pipeline.Work, "Works"},
	{pipeline.Other, "Other"},
}

func build(in Input) *view {
	v := &view{Lang: in.Lang, Title: strings.TrimSpace(in.Title), Show: strings.TrimSpace(in.Show), AudioURL: in.AudioURL}
	if v.Lang == "" {
		v.Lang = "en"
	}
	tr := &pipeline.Transcript{}
	if in.Alignment != nil {
		v.Timed = in.Alignment.Timed
		if in.Alignment.Transcript != nil {
			tr = in.Alignment.Transcript
		}
		if v.Timed && pipeline.Known(in.Alignment.Duration) && in.Alignment.Duration > 0 {
			v.Duration = FormatTime(in.Alignment.Duration)
		}
	}
	if v.Title == "" {
		v.Title = strings.TrimSpace(tr.Header.Title)
	}
	v.Guest = tr.Guest(in.Hosts)
	if v.Title == "" {
		v.Title = v.Guest // as the feed titles such an episode
	}
	if v.Title == "" {
		v.Title = "Episode"
	}
	v.Bio = strings.TrimSpace(tr.Header.Bio)
	v.Speakers = strings.Join(tr.Speakers(), ", ")

	if in.Chapters != nil {
		for _, c := range in.Chapters.Chapters {
			v.Chapters = append(v.Chapters, chapterView{At: stampOf(v.Timed, c.Start), Title: c.Title})
		}
	}
	if in.Quotes != nil {
		for _, q := range in.Quotes.Quotes {
			qv := quoteView{Text: q.Text, Speaker: q.Speaker}
			if q.Start != nil {
				qv.At = stampOf(v.Timed, *q.Start)
			}
			v.Quotes = append(v.Quotes, qv)
		}
	}
	if in.Entities != nil {
		for _, g := range groupLabels {
			var gv groupView
			for _, e := range in.Entities.Entities {
				if e.Type != g.typ && !(g.typ == pipeline.Other && !knownType(e.Type)) {
					continue
				}
				ev := entityView{Name: e.Name, Mentions: e.Mentions, Link: e.Link}
				if e.FirstMention != nil {
					ev.At = stampOf(v.Timed, *e.FirstMention)
				}
				gv.Entities = append(gv.Entities, ev)
			}
			if len(gv.Entities) > 0 {
				gv.Label = g.label
				v.Groups = append(v.Groups, gv)
			}
		}
	}
	v.Turns, v.words = turns(tr, v.Timed)
	return v
}

func knownType(t string) bool {
	for _, g := range groupLabels {
		if g.typ == t {
			return true
		}
	}
	return false
}

// turns lays the transcript out as turns of paragraphs of words, with the
// transcriber's notes in place. It trusts no index: spans are clamped to the
// words, and words no turn covers get a turn of their own.
func turns(tr *pipeline.Transcript, timed bool) ([]turnView, int) {
	n := len(tr.Words)
	notes := map[int][]string{}
	for _, no := range tr.Notes {
		at := min(max(no.Before, 0), n)
		notes[at] = append(notes[at], no.Text)
	}
	// The turns, in word order, covering every word once.
	type span struct {
		speaker    string
		first, end int
		time       float64
	}
	var spans []span
	next := 0
	for _, tu := range tr.Turns {
		first, end := max(tu.Words.First, next), min(tu.Words.End, n)
		if first >= end {
			continue
		}
		if first > next {
			spans = append(spans, span{speaker: tr.Words[next].Speaker, first: next, end: first, time: pipeline.NoTime})
		}
		spans = append(spans, span{speaker: tu.Speaker, first: first, end: end, time: tu.Time})
		next = end
	}
	if next < n || (n == 0 && len(notes) > 0) {
		sp := ""
		if next < n {
			sp = tr.Words[next].Speaker
		}
		spans = append(spans, span{speaker: sp, first: next, end: n, time: pipeline.NoTime})
	}

	out := make([]turnView, 0, len(spans))
	words := 0
	for si, s := range spans {
		tv := turnView{Speaker: s.speaker}
		start := pipeline.NoTime
		if s.first < s.end {
			start = tr.Words[s.first].Start
		}
		if !pipeline.Known(start) {
			start = s.time
		}
		tv.At = stampOf(timed, start)
		var para []item
		for i := s.first; i < s.end; i++ {
			if i > s.first && tr.Words[i].Para != tr.Words[i-1].Para && len(para) > 0 {
				tv.Paras = append(tv.Paras, para)
				para = nil
			}
			for _, t := range notes[i] {
				para = append(para, item{T: t, N: true})
			}
			w := tr.Words[i]
			it := item{T: w.Text, U: w.Uncertain}
			if timed && pipeline.Known(w.Start) {
				it.S = secs(w.Start)
			}
			para = append(para, it)
			words++
		}
		if si == len(spans)-1 {
			for _, t := range notes[n] {
				para = append(para, item{T: t, N: true})
			}
		}
		if len(para) > 0 {
			tv.Paras = append(tv.Paras, para)
		}
		out = append(out, tv)
	}
	return out, words
}
