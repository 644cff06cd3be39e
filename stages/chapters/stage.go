// Package chapters is the chapters stage of shownotes: split the episode into chapters at topic shifts with key-phrase titles.
package chapters

import (
	"context"
	"reflect"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/align"
)

// Stage split the episode into chapters at topic shifts with key-phrase titles.
var Stage = &pipeline.Stage{
	Name:       "chapters",
	Doc:        "split the episode into chapters at topic shifts with key-phrase titles",
	Requires:   []*pipeline.Stage{align.Stage},
	ResultType: reflect.TypeOf(new(pipeline.Chapters)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	return new(pipeline.Chapters), nil // placeholder until the stage is written
}
