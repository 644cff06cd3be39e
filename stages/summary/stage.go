// Package summary is the summary stage of shownotes: draw a 2-3 sentence summary from the episode itself.
package summary

import (
	"context"
	"reflect"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/align"
)

// Stage draw a 2-3 sentence summary from the episode itself.
var Stage = &pipeline.Stage{
	Name:       "summary",
	Doc:        "draw a 2-3 sentence summary from the episode itself",
	Requires:   []*pipeline.Stage{align.Stage},
	ResultType: reflect.TypeOf(new(pipeline.Summary)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	return new(pipeline.Summary), nil // placeholder until the stage is written
}
