// Package page is the page stage of shownotes: render episode.html, the listen-and-read-along page.
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

// Stage render episode.html, the listen-and-read-along page.
var Stage = &pipeline.Stage{
	Name:       "page",
	Doc:        "render episode.html, the listen-and-read-along page",
	Requires:   []*pipeline.Stage{align.Stage, entities.Stage, quotes.Stage, chapters.Stage},
	ResultType: reflect.TypeOf(new(pipeline.Output)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	return new(pipeline.Output), nil // placeholder until the stage is written
}
