package transcript

import (
	"context"
	"errors"
	"reflect"

	"github.com/shownotes/shownotes/pipeline"
)

// Stage declares the transcript stage: parse the transcript file (any layout) into turns, words, sentences and notes.
var Stage = &pipeline.Stage{
	Name:       "transcript",
	Doc:        "parse the transcript file (any layout) into turns, words, sentences and notes",
	Requires:   []*pipeline.Stage{},
	ResultType: reflect.TypeOf(new(pipeline.Transcript)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if pass == nil || pass.Config == nil || pass.Config.TranscriptPath == "" {
		return nil, errors.New("transcript: no transcript file given")
	}
	t, err := ParseFile(pass.Config.TranscriptPath, Options{Format: pass.Config.TranscriptFormat})
	if err != nil {
		return nil, err
	}
	if len(t.Turns) > 0 && len(t.Speakers()) == 0 && t.Format != "text" {
		pass.Warnf("transcript %s: no speaker names found", pass.Config.TranscriptPath)
	}
	return t, nil
}
