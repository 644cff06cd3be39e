// Package entities is the entities stage of shownotes: find the people, organisations, places and works mentioned.
package entities

import (
	"context"
	"errors"
	"reflect"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/align"
	"github.com/shownotes/shownotes/stages/tags"
)

// Stage declares the entities stage: find the people, organisations, places and works mentioned.
var Stage = &pipeline.Stage{
	Name:       "entities",
	Doc:        "find the people, organisations, places and works mentioned",
	Requires:   []*pipeline.Stage{align.Stage, tags.Stage},
	ResultType: reflect.TypeOf(new(Entities)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	al := pipeline.Result[*pipeline.Alignment](pass.ResultOf, align.Stage)
	if al == nil || al.Transcript == nil {
		return nil, errors.New("no aligned transcript")
	}
	opts := Options{Tags: tags.Of(pass, al.Transcript)}
	if pass.Config != nil {
		opts.Glossary = pass.Config.Glossary
		opts.Hosts = pass.Config.Podcast.Hosts
		opts.ShowName = pass.Config.Podcast.Title // "" falls back to the transcript's title
	}
	return FindContext(ctx, al.Transcript, opts)
}
