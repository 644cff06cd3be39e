// Package feed is the feed stage of shownotes: add or replace the episode's item in the RSS feed.
package feed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/shownotes/shownotes/feeds"
	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/align"
	"github.com/shownotes/shownotes/stages/notes"
	"github.com/shownotes/shownotes/stages/write"
)

// Stage declares the feed stage: add or replace the episode's item in the RSS feed.
var Stage = &pipeline.Stage{
	Name:       "feed",
	Doc:        "add or replace the episode's item in the RSS feed",
	Requires:   []*pipeline.Stage{align.Stage, notes.Stage, write.Stage},
	ResultType: reflect.TypeOf(new(pipeline.FeedResult)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	cfg := pass.Config
	if cfg == nil || cfg.FeedPath == "" {
		return &pipeline.FeedResult{}, nil
	}
	al := pipeline.Result[*pipeline.Alignment](pass.ResultOf, align.Stage)
	nt := pipeline.Result[*pipeline.Notes](pass.ResultOf, notes.Stage)
	wr := pipeline.Result[*pipeline.Output](pass.ResultOf, write.Stage)
	return Update(ctx, cfg, al, nt, wr, pass.Warnf)
}

// Update builds the episode's item from the run's settings and results and
// upserts it into cfg.FeedPath, creating the feed from cfg.Podcast when the
// file does not exist. warnf (may be nil) receives non-fatal problems.
func Update(ctx context.Context, cfg *pipeline.Config, al *pipeline.Alignment, nt *pipeline.Notes, wr *pipeline.Output, warnf func(format string, args ...any)) (*pipeline.FeedResult, error) {
	if warnf == nil {
		warnf = func(string, ...any) {}
	}
	if cfg == nil || cfg.FeedPath == "" {
		return &pipeline.FeedResult{}, nil
	}
	it, err := BuildItem(cfg, al, nt, wr, warnf)
	if err != nil {
		return nil, err
	}
	now := time.Now().UTC().Truncate(time.Second)
	var ch *feeds.Channel
	if _, err := os.Stat(cfg.FeedPath); errors.Is(err, fs.ErrNotExist) {
		if ch, err = feeds.NewChannel(cfg.Podcast, now); err != nil {
			return nil, err
		}
	}
	replaced, err := feeds.Upsert(ctx, cfg.FeedPath, ch, it, now)
	if err != nil {
		return nil, err
	}
	return &pipeline.FeedResult{Path: cfg.FeedPath, GUID: it.GUID, Replaced: replaced}, nil
}

// guidSpace is the UUIDv5 namespace of item guids (the standard URL
// namespace: the name is the enclosure URL).
var guidSpace = uuid.NameSpaceURL

// episodeFiles are the files of the output directory the item links to, in
// the order written, with the podcast:transcript type ("" for chapters).
var episodeFiles = []struct{ name, typ, rel string }{
	{"transcript.vtt", "text/vtt", "captions"},
	{"transcript.json", "application/json", ""},
	{"transcript.srt", "application/x-subrip", ""},
	{"chapters.json", "", ""},
}

// BuildItem derives the feed item: title, stable guid, enclosure, URLs of
// the episode's files (base_url/slug/name, slug the base name of the output
// directory), persons, soundbites, duration and dates.
func BuildItem(cfg *pipeline.Config, al *pipeline.Alignment, nt *pipeline.Notes, wr *pipeline.Output, warnf func(format string, args ...any)) (*feeds.Item, error) {
	if warnf == nil {
		warnf = func(string, ...any) {}
	}
	if cfg == nil {
		return nil, errors.New("feed: no configuration")
	}
	p := cfg.Podcast
	base := strings.TrimRight(strings.TrimSpace(p.BaseURL), "/")
	if base == "" {
		return nil, fmt.Errorf("%w: podcast.toml: missing key \"base_url\", needed for the feed's URLs", pipeline.ErrConfig)
	}
	if u, err := url.Parse(base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%w: podcast.toml: base_url %q is not an absolute http(s) URL", pipeline.ErrConfig, p.BaseURL)
	}

	encPath := cfg.EnclosurePath
	if encPath == "" {
		encPath = cfg.AudioPath
	}
	if encPath == "" {
		return nil, errors.New("feed: no enclosure: the feed needs the published audio (--audio or the enclosure path)")
	}
	fi, err := os.Stat(encPath)
	if err != nil {
		return nil, fmt.Errorf("feed: enclosure: %w", err)
	}
	if !fi.Mode().IsRegular() || fi.Size() <= 0 {
		return nil, fmt.Errorf("feed: enclosure %s is not a non-empty file", encPath)
	}
	encName := filepath.Base(encPath)
	encType := feeds.EnclosureType(encName)
	if !feeds.AppleAccepts(encType) {
		warnf("enclosure %s has type %s, which Apple Podcasts refuses (it accepts .mp3, .m4a, .mp4, .m4v, .mov, .pdf); publish an MP3 or M4A and give it as the enclosure", encName, encType)
	}
	encURL := base + "/" + url.PathEscape(encName)

	slug := slugOf(cfg.OutDir)
	pageBase := base + "/" + url.PathEscape(slug) + "/"
	link := pageBase + "episode.html"
	if p.EpisodeURL != "" {
		link = strings.ReplaceAll(p.EpisodeURL, "{slug}", url.PathEscape(slug))
	}

	var tr *pipeline.Transcript
	if al != nil {
		tr = al.Transcript
	}
	title := strings.TrimSpace(cfg.Title)
	if title == "" && tr != nil {
		title = strings.TrimSpace(tr.Header.Title)
	}
	if title == "" && tr != nil {
		// A transcript whose header names only the guest (the
		// user's own layout) titles the episode with the guest.
		title = strings.TrimSpace(tr.Header.Guest)
	}
	if title == "" {
		title = strings.TrimSuffix(encName, filepath.Ext(encName))
	}

	pub := cfg.PubDate
	if pub.IsZero() {
		src := cfg.AudioPath
		if src == "" {
			src = encPath
		}
		st, err := os.Stat(src)
		if err != nil {
			return nil, fmt.Errorf("feed: pubDate from the audio file's time: %w", err)
		}
		pub = st.ModTime().UTC()
	}
	pub = pub.Truncate(time.Second)

	it := &feeds.Item{
		Title:       title,
		GUID:        uuid.NewSHA1(guidSpace, []byte(encURL)).String(),
		Link:        link,
		PubDate:     pub,
		Enclosure:   feeds.Enclosure{URL: encURL, Length: fi.Size(), Type: encType},
		Episode:     max(cfg.Episode, 0),
		Season:      max(cfg.Season, 0),
		EpisodeType: p.EpisodeType,
		Explicit:    p.Explicit,
		Image:       strings.TrimSpace(p.Image),
	}
	switch it.EpisodeType {
	case "", "full", "trailer", "bonus":
	default:
		return nil, fmt.Errorf("%w: podcast.toml: episode_type %q is not full, trailer or bonus", pipeline.ErrConfig, p.EpisodeType)
	}
	if al != nil && al.Duration > 0 && !math.IsInf(al.Duration, 0) {
		it.Duration = int(math.Round(al.Duration))
	} else {
		warnf("no audio duration: the item has no itunes:duration")
	}

	if nt != nil {
		it.Description = nt.Description
		it.Content = bodyOf(nt.HTML)
	}
	if strings.TrimSpace(it.Description) == "" {
		warnf("the notes have no description: the item's description is its title")
		it.Description = "<p>" + htmlEscape(title) + "</p>"
	}
	if n := len(it.Description); n > 4000 {
		warnf("the item's description is %d bytes; Apple shows at most 4000", n)
	}

	written := outputNames(nt, wr)
	for _, f := range episodeFiles {
		if !written[f.name] && !exists(filepath.Join(cfg.OutDir, f.name)) {
			continue
		}
		u := pageBase + f.name
		if f.typ == "" {
			it.Chapters = u
			continue
		}
		it.Transcripts = append(it.Transcripts, feeds.Transcript{URL: u, Type: f.typ, Language: strings.TrimSpace(p.Language), Rel: f.rel})
	}

	it.Persons = persons(p.Hosts, tr)
	it.Soundbites = soundbites(nt, it.Duration)
	return it, nil
}

// slugOf is the base name of the output directory.
func slugOf(dir string) string {
	if dir == "" {
		dir = "."
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	s := filepath.Base(dir)
	if s == "/" || s == "." || s == "" {
		return "episode"
	}
	return s
}

// outputNames lists the names of the files the run produced.
func outputNames(nt *pipeline.Notes, wr *pipeline.Output) map[string]bool {
	m := map[string]bool{}
	if nt != nil {
		for _, f := range nt.Files {
			m[filepath.Base(f.Name)] = true
		}
	}
	if wr != nil {
		for _, f := range wr.Files {
			m[filepath.Base(f.Name)] = true
		}
	}
	return m
}

func exists(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

var bodyRE = regexp.MustCompile(`(?is)<body[^>]*>(.*)</body>`)

// bodyOf returns the content of a whole HTML document's body, or html
// itself when it is a fragment.
func bodyOf(html string) string {
	if m := bodyRE.FindStringSubmatch(html); m != nil {
		return strings.TrimSpace(m[1])
	}
	return html
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// genericSpeaker matches labels that name no one ("Speaker 1", "Unknown",
// "S2", "Interviewer").
var genericSpeaker = regexp.MustCompile(`(?i)^(speaker|spk|s|unknown|unidentified|voice|host|guest|interviewer|interviewee|narrator|announcer)\s*[-_#]?\s*\d*$`)

// persons lists the hosts, then the guests: the header's guest and every
// other named speaker who is not a host.
func persons(hosts []string, tr *pipeline.Transcript) []feeds.Person {
	var out []feeds.Person
	seen := map[string]bool{}
	var named []string // full names already listed
	add := func(name, role string) {
		name = strings.Join(strings.Fields(name), " ")
		k := strings.ToLower(name)
		if name == "" || seen[k] || genericSpeaker.MatchString(name) {
			return
		}
		// A speaker label that is one word of a listed name ("Alex" for
		// "Alex Wang") is that person.
		if !strings.Contains(name, " ") {
			for _, n := range named {
				for _, w := range strings.Fields(n) {
					if strings.EqualFold(w, name) {
						return
					}
				}
			}
		}
		seen[k] = true
		named = append(named, name)
		out = append(out, feeds.Person{Name: name, Role: role})
	}
	for _, h := range hosts {
		add(h, "host")
	}
	if tr != nil {
		add(tr.Header.Guest, "guest")
		for _, s := range tr.Speakers() {
			add(s, "guest")
		}
	}
	return out
}

// soundbites reads the soundbites of the notes' quotes.json.
func soundbites(nt *pipeline.Notes, duration int) []feeds.Soundbite {
	if nt == nil {
		return nil
	}
	var qs pipeline.Quotes
	for _, f := range nt.Files {
		if filepath.Base(f.Name) == "quotes.json" {
			if json.Unmarshal(f.Data, &qs) != nil {
				return nil
			}
		}
	}
	var out []feeds.Soundbite
	for _, q := range qs.Quotes {
		sb := q.Soundbite
		if sb == nil || !pipeline.Known(sb.StartTime) || !pipeline.Known(sb.Duration) || sb.StartTime < 0 || sb.Duration <= 0 {
			continue
		}
		if duration > 0 && sb.StartTime+sb.Duration > float64(duration)+1 {
			continue
		}
		title := sb.Title
		if title == "" {
			title = q.Text
		}
		out = append(out, feeds.Soundbite{Start: sb.StartTime, Duration: sb.Duration, Title: shorten(title, 128)})
	}
	return out
}

// shorten cuts s to at most n runes at a word boundary, adding "…".
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n-1])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
