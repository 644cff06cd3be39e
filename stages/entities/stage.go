// Package entities is the entities stage of shownotes: find the people, organisations, places and works mentioned.
package entities

import (
	"context"
	"reflect"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/align"
)

// Stage find the people, organisations, places and works mentioned.
var Stage = &pipeline.Stage{
	Name:       "entities",
	Doc:        "find the people, organisations, places and works mentioned",
	Requires:   []*pipeline.Stage{align.Stage},
	ResultType: reflect.TypeOf(new(pipeline.Entities)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	return new(pipeline.Entities), nil // placeholder until the stage is written
}
