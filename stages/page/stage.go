// Package page is the page stage of shownotes: render episode.html, the
// listen-and-read-along page.
//
// The page is one self-contained file (styles and script inline, nothing
// fetched but the audio) that works from file:// and from any static host.
// It has an audio player, the title and guest, the chapters, quotes and
// mentioned entities as links that seek the player, and the transcript by
// speaker turn with every timed word a <span data-start="12.340">. While the
// audio plays the word being spoken is highlighted and kept in view (unless
// the reader scrolled in the last few seconds); a click on a word seeks
// there; #t=M:SS (also #t=SS, #t=H:MM:SS, #t=12.5) opens the page at that
// moment. The script finds the current word by binary search over the
// starts, read once at load, and touches the page only when the word
// changes, so a 3-hour episode stays responsive.
//
// An untimed run (no audio) gets a readable transcript without seeking.
package page

import (
	"context"
	"reflect"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/align"
	"github.com/shownotes/shownotes/stages/chapters"
	"github.com/shownotes/shownotes/stages/entities"
	"github.com/shownotes/shownotes/stages/quotes"
)

// Stage declares the page stage: render episode.html, the listen-and-read-along page.
var Stage = &pipeline.Stage{
	Name:       "page",
	Doc:        "render episode.html, the listen-and-read-along page",
	Requires:   []*pipeline.Stage{align.Stage, entities.Stage, quotes.Stage, chapters.Stage},
	ResultType: reflect.TypeOf(new(pipeline.Output)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	cfg := pass.Config
	if cfg == nil {
		cfg = &pipeline.Config{}
	}
	in := Input{
		Alignment: pipeline.Result[*pipeline.Alignment](pass.ResultOf, align.Stage),
		Entities:  pipeline.Result[*entities.Entities](pass.ResultOf, entities.Stage),
		Quotes:    pipeline.Result[*quotes.Quotes](pass.ResultOf, quotes.Stage),
		Chapters:  pipeline.Result[*chapters.Chapters](pass.ResultOf, chapters.Stage),
		Title:     cfg.Title,
		Show:      cfg.Podcast.Title,
		Lang:      cfg.Podcast.Language,
		AudioURL:  AudioURL(cfg),
		Hosts:     cfg.Podcast.Hosts,
	}
	if in.Alignment == nil || in.Alignment.Transcript == nil || len(in.Alignment.Transcript.Words) == 0 {
		pass.Warnf("no transcript words: the episode page has no transcript")
	}
	data, err := Render(in)
	if err != nil {
		return nil, err
	}
	return &pipeline.Output{Files: []pipeline.File{{Name: "episode.html", Data: data}}}, nil
}
