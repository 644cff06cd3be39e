// Package quotes is the quotes stage of shownotes: pick verbatim quotes worth sharing, best first.
package quotes

import (
	"context"
	"reflect"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/align"
)

// Stage pick verbatim quotes worth sharing, best first.
var Stage = &pipeline.Stage{
	Name:       "quotes",
	Doc:        "pick verbatim quotes worth sharing, best first",
	Requires:   []*pipeline.Stage{align.Stage},
	ResultType: reflect.TypeOf(new(pipeline.Quotes)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	return new(pipeline.Quotes), nil // placeholder until the stage is written
}
