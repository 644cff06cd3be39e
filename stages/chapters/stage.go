package chapters

import (
	"context"
	"reflect"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/align"
	"github.com/shownotes/shownotes/stages/tags"
)

// Stage declares the chapters stage: split the episode into chapters at topic shifts with key-phrase titles.
var Stage = &pipeline.Stage{
	Name:       "chapters",
	Doc:        "split the episode into chapters at topic shifts with key-phrase titles",
	Requires:   []*pipeline.Stage{align.Stage, tags.Stage},
	ResultType: reflect.TypeOf(new(Chapters)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	al := pipeline.Result[*pipeline.Alignment](pass.ResultOf, align.Stage)
	if al == nil || al.Transcript == nil || len(al.Transcript.Words) == 0 {
		pass.Warnf("no transcript words: no chapters")
		return new(Chapters), nil
	}
	opts := Options{Tags: tags.Of(pass, al.Transcript)}
	if pass.Config != nil {
		opts.Hosts = pass.Config.Podcast.Hosts
	}
	return Find(ctx, al, opts)
}
