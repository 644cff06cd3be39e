// Package notes is the notes stage of shownotes: render the show notes (html, md, txt) and chapters.json, entities.json, quotes.json.
package notes

import (
	"context"
	"reflect"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/align"
	"github.com/shownotes/shownotes/stages/chapters"
	"github.com/shownotes/shownotes/stages/entities"
	"github.com/shownotes/shownotes/stages/quotes"
	"github.com/shownotes/shownotes/stages/summary"
)

// Stage render the show notes (html, md, txt) and chapters.json, entities.json, quotes.json.
var Stage = &pipeline.Stage{
	Name:       "notes",
	Doc:        "render the show notes (html, md, txt) and chapters.json, entities.json, quotes.json",
	Requires:   []*pipeline.Stage{align.Stage, entities.Stage, quotes.Stage, chapters.Stage, summary.Stage},
	ResultType: reflect.TypeOf(new(pipeline.Notes)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	return new(pipeline.Notes), nil // placeholder until the stage is written
}
