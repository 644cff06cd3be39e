// Package align is the align stage of shownotes: time every spoken word of the transcript against the audio.
package align

import (
	"context"
	"reflect"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/audio"
	"github.com/shownotes/shownotes/stages/transcript"
)

// Stage time every spoken word of the transcript against the audio.
var Stage = &pipeline.Stage{
	Name:       "align",
	Doc:        "time every spoken word of the transcript against the audio",
	Requires:   []*pipeline.Stage{transcript.Stage, audio.Stage},
	ResultType: reflect.TypeOf(new(pipeline.Alignment)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	return new(pipeline.Alignment), nil // placeholder until the stage is written
}
