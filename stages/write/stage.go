// Package write is the write stage of shownotes: write every output file into the output directory, atomically.
package write

import (
	"context"
	"reflect"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/captions"
	"github.com/shownotes/shownotes/stages/notes"
	"github.com/shownotes/shownotes/stages/page"
)

// Stage write every output file into the output directory, atomically.
var Stage = &pipeline.Stage{
	Name:       "write",
	Doc:        "write every output file into the output directory, atomically",
	Requires:   []*pipeline.Stage{notes.Stage, captions.Stage, page.Stage},
	ResultType: reflect.TypeOf(new(pipeline.Output)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	return new(pipeline.Output), nil // placeholder until the stage is written
}
