// Package captions is the captions stage of shownotes: render transcript.json, transcript.vtt, transcript.srt and alignment.json.
package captions

import (
	"context"
	"reflect"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/align"
)

// Stage render transcript.json, transcript.vtt, transcript.srt and alignment.json.
var Stage = &pipeline.Stage{
	Name:       "captions",
	Doc:        "render transcript.json, transcript.vtt, transcript.srt and alignment.json",
	Requires:   []*pipeline.Stage{align.Stage},
	ResultType: reflect.TypeOf(new(pipeline.Output)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	return new(pipeline.Output), nil // placeholder until the stage is written
}
