// Package feed is the feed stage of shownotes: add or replace the episode's item in the RSS feed.
package feed

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"time"

	"github.com/shownotes/shownotes/feeds"
	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/align"
	"github.com/shownotes/shownotes/stages/audio"
	"github.com/shownotes/shownotes/stages/notes"
	"github.com/shownotes/shownotes/stages/quotes"
	"github.com/shownotes/shownotes/stages/write"
)

// Stage declares the feed stage: add or replace the episode's item in the RSS feed.
var Stage = &pipeline.Stage{
	Name:       "feed",
	Doc:        "add or replace the episode's item in the RSS feed",
	Requires:   []*pipeline.Stage{align.Stage, quotes.Stage, notes.Stage, write.Stage},
	ResultType: reflect.TypeOf(new(Result)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	cfg := pass.Config
	if cfg == nil || cfg.FeedPath == "" {
		return &Result{}, nil
	}
	in := Input{
		Alignment: pipeline.Result[*pipeline.Alignment](pass.ResultOf, align.Stage),
		Quotes:    pipeline.Result[*quotes.Quotes](pass.ResultOf, quotes.Stage),
		Notes:     pipeline.Result[*notes.Notes](pass.ResultOf, notes.Stage),
		Written:   pipeline.Result[*pipeline.Output](pass.ResultOf, write.Stage),
	}
	return Update(ctx, cfg, in, pass.Warnf)
}

// Input is what the item links and says, all from this run's stage
// results: nothing is re-read from the output directory.
type Input struct {
	Alignment *pipeline.Alignment
	Quotes    *quotes.Quotes   // soundbites
	Notes     *notes.Notes     // description and content
	Written   *pipeline.Output // the files this run wrote: only these are linked
}

// IdentityFile is the file of the output directory that records the
// episode's guid, so that every rerun finds its item whatever else changed
// (title, enclosure file or type, date, base_url).
const IdentityFile = "episode-guid.txt"

// Update builds the episode's item from the run's settings and results and
// upserts it into cfg.FeedPath, creating the feed from cfg.Podcast when the
// file does not exist, then records the item's guid in
// cfg.OutDir/IdentityFile (a warning when that fails). warnf (may be nil) receives non-fatal problems.
func Update(ctx context.Context, cfg *pipeline.Config, in Input, warnf func(format string, args ...any)) (*Result, error) {
	if warnf == nil {
		warnf = func(string, ...any) {}
	}
	if cfg == nil || cfg.FeedPath == "" {
		return &Result{}, nil
	}
	it, err := BuildItem(cfg, in, warnf)
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
	res, err := feeds.UpsertWith(ctx, cfg.FeedPath, ch, it, now, feeds.Options{Waiting: func(m string) { warnf("%s", m) }})
	if err != nil {
		return nil, err
	}
	if res.Replaced && stem(res.OldEnclosure) != stem(it.Enclosure.URL) {
		warnf("replaced the item %q whose enclosure was %s: if that was another episode, it is no longer in the feed; give each episode its own --out directory (the directory's name is the episode's identity)", res.OldTitle, res.OldEnclosure)
	}
	if cfg.OutDir != "" {
		// The feed is updated: failing to record the guid is a warning
		// (reruns fall back to the guid derived from the slug).
		err := os.MkdirAll(cfg.OutDir, 0o755)
		if err == nil {
			err = pipeline.WriteFileAtomic(filepath.Join(cfg.OutDir, IdentityFile), []byte(res.GUID+"\n"), 0o644)
		}
		if err != nil {
			warnf("the feed is updated, but the episode's guid %s could not be recorded: %v", res.GUID, err)
		}
	}
	return &Result{Path: cfg.FeedPath, GUID: res.GUID, Replaced: res.Replaced}, nil
}

// GUID is the episode's identity: cfg.GUID (--guid) when set, else the guid
// an earlier run recorded in the output directory, else the publication's
// DefaultGUID (from the slug). Never the enclosure URL.
func GUID(cfg *pipeline.Config, pub *pipeline.Publication) string {
	if g := strings.TrimSpace(cfg.GUID); g != "" {
		return g
	}
	if cfg.OutDir != "" {
		if b, err := os.ReadFile(filepath.Join(cfg.OutDir, IdentityFile)); err == nil {
			if g := strings.TrimSpace(string(b)); g != "" && !strings.ContainsAny(g, "\n<>&") && len(g) <= 200 {
				return g
			}
		}
	}
	return pub.DefaultGUID()
}

// episodeFiles are the files of the output directory the item links to, in
// the order written, with the podcast:transcript type ("" for chapters).
var episodeFiles = []struct{ name, typ, rel string }{
	{"transcript.vtt", "text/vtt", "captions"},
	{"transcript.json", "application/json", ""},
	{"transcript.srt", "application/x-subrip", ""},
	{"chapters.json", "", ""},
}

// BuildItem derives the feed item: title, guid (see GUID), enclosure, the
// URLs of the episode's files this run wrote (from pipeline.Publish),
// persons (Transcript.People), soundbites, duration and dates. Without
// audio, the duration and type come from probing the enclosure.
func BuildItem(cfg *pipeline.Config, in Input, warnf func(format string, args ...any)) (*feeds.Item, error) {
	if warnf == nil {
		warnf = func(string, ...any) {}
	}
	if cfg == nil {
		return nil, errors.New("feed: no configuration")
	}
	p := cfg.Podcast
	if strings.TrimSpace(p.BaseURL) == "" {
		return nil, fmt.Errorf("%w: podcast.toml: missing key \"base_url\", needed for the feed's URLs", pipeline.ErrConfig)
	}
	pub, err := pipeline.Publish(cfg)
	if err != nil {
		return nil, err
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
	probed, probeErr := audio.Probe(encPath)
	if probeErr == nil && probed.MIME != "" {
		encType = probed.MIME
	}
	if !feeds.AppleAccepts(encType) {
		warnf("enclosure %s has type %s, which Apple Podcasts refuses (it accepts .mp3, .m4a, .mp4, .m4v, .mov, .pdf); publish an MP3 or M4A and give it as the enclosure", encName, encType)
	}

	al := in.Alignment
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
		title = strings.TrimSpace(tr.Guest(p.Hosts))
	}
	if title == "" {
		title = strings.TrimSuffix(encName, filepath.Ext(encName))
	}

	pubDate := cfg.PubDate
	if pubDate.IsZero() {
		src := cfg.AudioPath
		if src == "" {
			src = encPath
		}
		st, err := os.Stat(src)
		if err != nil {
			return nil, fmt.Errorf("feed: pubDate from the audio file's time: %w", err)
		}
		pubDate = st.ModTime().UTC()
	}
	pubDate = pubDate.Truncate(time.Second)

	it := &feeds.Item{
		Title:       title,
		GUID:        GUID(cfg, pub),
		Link:        pub.Link,
		PubDate:     pubDate,
		Enclosure:   feeds.Enclosure{URL: pub.EnclosureURL, Length: fi.Size(), Type: encType},
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
	switch {
	case al != nil && al.Duration > 0 && !math.IsInf(al.Duration, 0):
		it.Duration = int(math.Round(al.Duration))
	case probeErr == nil && probed.Duration > 0 && !math.IsInf(probed.Duration, 0):
		it.Duration = int(math.Round(probed.Duration))
	default:
		warnf("no audio duration (no --audio, and the enclosure %s could not be read: %v): the item has no itunes:duration", encName, probeErr)
	}

	if nt := in.Notes; nt != nil {
		it.Description = nt.Description
		it.Content = bodyOf(nt.HTML)
	}
	if strings.TrimSpace(it.Description) == "" {
		warnf("the notes have no description: the item's description is its title")
		it.Description = "<p>" + html.EscapeString(title) + "</p>"
	}
	if n := len(it.Description); n > feeds.DescriptionLimit {
		warnf("the item's description is %d bytes; Apple shows at most %d", n, feeds.DescriptionLimit)
	}

	written := outputNames(in.Written)
	for _, f := range episodeFiles {
		if !written[f.name] {
			continue
		}
		u := pub.FileURL(f.name)
		if f.typ == "" {
			it.Chapters = u
			continue
		}
		it.Transcripts = append(it.Transcripts, feeds.Transcript{URL: u, Type: f.typ, Language: strings.TrimSpace(p.Language), Rel: f.rel})
	}

	it.Persons = persons(p.Hosts, tr)
	it.Soundbites = soundbites(in.Quotes, it.Duration)
	return it, nil
}

// stem is the name of a URL's file without its extension: what stays when
// the same episode is republished in another format.
func stem(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	u = u[strings.LastIndexByte(u, '/')+1:]
	return strings.TrimSuffix(u, path.Ext(u))
}

// outputNames lists the names of the files the run wrote.
func outputNames(wr *pipeline.Output) map[string]bool {
	m := map[string]bool{}
	if wr != nil {
		for _, f := range wr.Files {
			m[filepath.Base(f.Name)] = true
		}
	}
	return m
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

// genericSpeaker matches labels that name no one ("Speaker 1", "Unknown",
// "S2", "Interviewer").
var genericSpeaker = regexp.MustCompile(`(?i)^(speaker|spk|s|unknown|unidentified|voice|host|guest|interviewer|interviewee|narrator|announcer)\s*[-_#]?\s*\d*$`)

// persons lists the hosts, then the guests, as Transcript.People decides
// (speaker labels that name no one left out).
func persons(hosts []string, tr *pipeline.Transcript) []feeds.Person {
	hs, gs := tr.People(hosts)
	var out []feeds.Person
	for _, h := range hs {
		if !genericSpeaker.MatchString(h) {
			out = append(out, feeds.Person{Name: h, Role: "host"})
		}
	}
	for _, g := range gs {
		if !genericSpeaker.MatchString(g) {
			out = append(out, feeds.Person{Name: g, Role: "guest"})
		}
	}
	return out
}

// soundbites are the soundbites of the quotes stage's result.
func soundbites(qs *quotes.Quotes, duration int) []feeds.Soundbite {
	if qs == nil {
		return nil
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
