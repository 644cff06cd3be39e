// Package audio is the audio stage of shownotes: decode the episode's WAV audio, streaming, into alignment features.
package audio

import (
	"context"
	"reflect"

	"github.com/shownotes/shownotes/pipeline"
)

// Stage decode the episode's WAV audio, streaming, into alignment features.
var Stage = &pipeline.Stage{
	Name:       "audio",
	Doc:        "decode the episode's WAV audio, streaming, into alignment features",
	Requires:   []*pipeline.Stage{},
	ResultType: reflect.TypeOf((*pipeline.Audio)(nil)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	return (*pipeline.Audio)(nil), nil // placeholder until the stage is written
}
