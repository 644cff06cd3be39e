package pipeline

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/google/uuid"
)

// This file is the one home of where and as whom an episode is published:
// the URL rules of podcast.toml, the slug, every published URL (the
// enclosure, the episode's files and page), the episode's default identity,
// and the hosts and guests (see also Transcript.Hosts and Transcript.Guest).
// The notes, the page and the feed all take them from here.

// urlKeys are podcast.toml's URL-valued keys, in the order they are checked.
func (p Podcast) urlKeys() []struct{ key, val string } {
	return []struct{ key, val string }{
		{"base_url", p.BaseURL}, {"link", p.Link}, {"feed_url", p.FeedURL},
		{"image", p.Image}, {"episode_url", p.EpisodeURL},
	}
}

// Validate checks every URL-valued key of podcast.toml (base_url, link,
// feed_url, image, episode_url): each, when set, must be an absolute http or
// https URL with a host; any other scheme (javascript:, data:, file:, …) is
// an error naming the key. It returns warnings for keys that use http
// rather than https (Podcasting 2.0 asks for https) and for a base_url whose
// #fragment is dropped from the published URLs.
func (p Podcast) Validate() (warnings []string, err error) {
	for _, kv := range p.urlKeys() {
		v := strings.TrimSpace(kv.val)
		if v == "" {
			continue
		}
		if kv.key == "episode_url" {
			v = strings.ReplaceAll(v, "{slug}", "slug")
		}
		u, err := checkURL(v)
		if err != nil {
			return warnings, fmt.Errorf("%w: %s %q %v", ErrConfig, kv.key, kv.val, err)
		}
		if u.Scheme == "http" {
			warnings = append(warnings, fmt.Sprintf("%s %q uses http; podcast apps expect https", kv.key, kv.val))
		}
		if kv.key == "base_url" && u.Fragment != "" {
			warnings = append(warnings, fmt.Sprintf("base_url %q has a #fragment, which published URLs leave out", kv.val))
		}
	}
	return warnings, nil
}

// CheckURL reports why s is not an absolute http(s) URL with a host, or nil.
func CheckURL(s string) error {
	_, err := checkURL(strings.TrimSpace(s))
	return err
}

func checkURL(s string) (*url.URL, error) {
	if strings.ContainsAny(s, " \t\r\n") {
		return nil, fmt.Errorf("contains white space")
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("is not a URL")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		if u.Scheme == "" {
			return nil, fmt.Errorf("is not an absolute http(s) URL")
		}
		return nil, fmt.Errorf("has scheme %q; only http and https are published", u.Scheme+":")
	}
	if u.Host == "" {
		return nil, fmt.Errorf("has no host")
	}
	return u, nil
}

// JoinURL appends path elements to base as url.JoinPath does (each element
// escaped, one slash between), keeping base's ?query and dropping its
// #fragment, so that "https://h/eps?k=1#top" + "a.mp3" gives
// "https://h/eps/a.mp3?k=1". base must pass CheckURL.
func JoinURL(base string, elem ...string) (string, error) {
	u, err := checkURL(strings.TrimSpace(base))
	if err != nil {
		return "", fmt.Errorf("base %q %v", base, err)
	}
	u = u.JoinPath(elem...)
	u.Fragment, u.RawFragment = "", ""
	return u.String(), nil
}

// Slug is the episode's name in published URLs: the base name of the output
// directory ("episode" when it has none).
func Slug(outDir string) string {
	if outDir == "" {
		outDir = "."
	}
	if abs, err := filepath.Abs(outDir); err == nil {
		outDir = abs
	}
	s := filepath.Base(outDir)
	if s == "/" || s == "." || s == "" || s == string(filepath.Separator) {
		return "episode"
	}
	return s
}

// Publication is where one episode is published.
type Publication struct {
	Slug string
	// Base is podcast.toml's base_url, "" when not set: then the URLs are
	// relative to the output directory.
	Base string
	// EnclosureURL is the published audio: base_url/<file name>; "" when
	// the run has no audio or no base_url.
	EnclosureURL string
	// Link is the episode's web page: episode_url with {slug} replaced,
	// else base_url/<slug>/episode.html.
	Link string
}

// Publish computes the episode's publication from the run's settings. It
// fails when a URL-valued key of podcast.toml is not http(s).
func Publish(cfg *Config) (*Publication, error) {
	if cfg == nil {
		cfg = &Config{}
	}
	if _, err := cfg.Podcast.Validate(); err != nil {
		return nil, err
	}
	p := &Publication{Slug: Slug(cfg.OutDir), Base: strings.TrimSpace(cfg.Podcast.BaseURL)}
	if p.Base != "" {
		enc := cfg.EnclosurePath
		if enc == "" {
			enc = cfg.AudioPath
		}
		if enc != "" {
			p.EnclosureURL, _ = JoinURL(p.Base, filepath.Base(enc))
		}
		p.Link = p.FileURL("episode.html")
	}
	if e := strings.TrimSpace(cfg.Podcast.EpisodeURL); e != "" {
		p.Link = strings.ReplaceAll(e, "{slug}", url.PathEscape(p.Slug))
	}
	return p, nil
}

// FileURL is the published URL of one of the episode's files:
// base_url/<slug>/<name>, or name itself (relative to the notes and the
// page, which sit beside it) without a base_url.
func (p *Publication) FileURL(name string) string {
	if p.Base == "" {
		return name
	}
	u, err := JoinURL(p.Base, p.Slug, name)
	if err != nil {
		return name
	}
	return u
}

// DefaultGUID is the episode's identity when neither --guid nor an earlier
// run recorded one: the UUIDv5 (URL namespace) of the episode's directory
// URL, base_url/<slug>/. It depends on the slug the user chose, never on
// the enclosure's file name or type.
func (p *Publication) DefaultGUID() string {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte(strings.TrimSuffix(p.FileURL("x"), "x"))).String()
}

// LegacyGUID is the guid earlier versions gave an item: the UUIDv5 (URL
// namespace) of its enclosure URL. Reruns recognise such items.
func LegacyGUID(enclosureURL string) string {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte(enclosureURL)).String()
}

// People returns the episode's hosts and guests as published in the notes,
// on the page and in the feed: the hosts are the configured hosts (all of
// them, in order, spoken or not) followed by the speakers Hosts finds when
// none is configured; the guests are the header's guest (see Guest) and
// every other speaker who is not a host. Names are compared ignoring case
// and surrounding space, and a one-word speaker label that is a word of a
// listed name ("Alex" for "Alex Wang") is that person.
func (t *Transcript) People(configuredHosts []string) (hosts, guests []string) {
	var listed []string
	seen := map[string]bool{}
	add := func(list *[]string, name string) {
		name = strings.Join(strings.Fields(name), " ")
		k := strings.ToLower(name)
		if name == "" || seen[k] {
			return
		}
		if !strings.Contains(name, " ") {
			for _, n := range listed {
				for _, w := range strings.Fields(n) {
					if strings.EqualFold(w, name) {
						return
					}
				}
			}
		}
		seen[k] = true
		listed = append(listed, name)
		*list = append(*list, name)
	}
	for _, h := range configuredHosts {
		add(&hosts, h)
	}
	if t == nil {
		return hosts, guests
	}
	hs := t.Hosts(configuredHosts)
	for _, s := range t.Speakers() {
		if hs[s] {
			add(&hosts, s)
		}
	}
	add(&guests, t.Guest(configuredHosts))
	for _, s := range t.Speakers() {
		if !hs[s] {
			add(&guests, s)
		}
	}
	return hosts, guests
}
