// Package transcript is the transcript stage of shownotes: parse the transcript file (any layout) into turns, words, sentences and notes.
package transcript

import (
	"context"
	"reflect"

	"github.com/shownotes/shownotes/pipeline"
)

// Stage parse the transcript file (any layout) into turns, words, sentences and notes.
var Stage = &pipeline.Stage{
	Name:       "transcript",
	Doc:        "parse the transcript file (any layout) into turns, words, sentences and notes",
	Requires:   []*pipeline.Stage{},
	ResultType: reflect.TypeOf(new(pipeline.Transcript)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	return new(pipeline.Transcript), nil // placeholder until the stage is written
}
