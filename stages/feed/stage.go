// Package feed is the feed stage of shownotes: add or replace the episode's item in the RSS feed.
package feed

import (
	"context"
	"reflect"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/align"
	"github.com/shownotes/shownotes/stages/notes"
	"github.com/shownotes/shownotes/stages/write"
)

// Stage add or replace the episode's item in the RSS feed.
var Stage = &pipeline.Stage{
	Name:       "feed",
	Doc:        "add or replace the episode's item in the RSS feed",
	Requires:   []*pipeline.Stage{align.Stage, notes.Stage, write.Stage},
	ResultType: reflect.TypeOf(new(pipeline.FeedResult)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	return new(pipeline.FeedResult), nil // placeholder until the stage is written
}
