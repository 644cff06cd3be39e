package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
)

// Issue 13 problem 6: a URL-valued key that is not http(s) stops the run
// before any work, with or without --feed, naming the key; nothing is
// created.
func TestPreflightRefusesNonHTTPURLs(t *testing.T) {
	for _, tc := range []struct {
		key  string
		edit func(*pipeline.Podcast)
	}{
		{"base_url", func(p *pipeline.Podcast) { p.BaseURL = "javascript:alert(1)//" }},
		{"episode_url", func(p *pipeline.Podcast) { p.EpisodeURL = "javascript:alert('{slug}')" }},
		{"image", func(p *pipeline.Podcast) { p.Image = "data:image/png;base64,AAAA" }},
		{"link", func(p *pipeline.Podcast) { p.Link = "javascript:alert(1)" }},
		{"feed_url", func(p *pipeline.Podcast) { p.FeedURL = "file:///etc/passwd" }},
	} {
		for _, withFeed := range []bool{false, true} {
			dir := t.TempDir()
			audio := filepath.Join(dir, "ep.mp3")
			os.WriteFile(audio, make([]byte, 100), 0o644)
			cfg := &pipeline.Config{AudioPath: audio, OutDir: filepath.Join(dir, "out"), Podcast: pipeline.Podcast{BaseURL: "https://cdn.example.com/show"}}
			if withFeed {
				cfg.FeedPath = filepath.Join(dir, "feed.xml")
			}
			tc.edit(&cfg.Podcast)
			err := preflight(cfg)
			if !errors.Is(err, pipeline.ErrConfig) || !strings.Contains(err.Error(), tc.key) {
				t.Errorf("%s (feed %v): preflight = %v, want a config error naming the key", tc.key, withFeed, err)
			}
			if _, err := os.Stat(cfg.OutDir); err == nil {
				t.Errorf("%s: the output directory was created", tc.key)
			}
		}
	}
}
