// Package quotes is the quotes stage of shownotes: pick verbatim quotes
// worth sharing, best first.
//
// A quote is one to three whole sentences of one speaker's turn, copied
// word for word (Quote.Text == Transcript.Text(Quote.Words)); only leading
// conjunctions and fillers ("And", "So", "Yeah,") may be trimmed, which
// keeps the text a contiguous run of the transcript's words. Quotes are
// ranked by cues of a line an editor pulls (a claim, words that speak to
// everyone, a turn of thought, the end of an answer) weighted as a
// logistic regression fitted on editors' picks, spread across the episode,
// and never taken from the host's questions, a pleasantry or across words
// the transcriber could not make out.
package quotes

import (
	"context"
	"errors"
	"reflect"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/align"
)

// Stage declares the quotes stage: pick verbatim quotes worth sharing, best first.
var Stage = &pipeline.Stage{
	Name:       "quotes",
	Doc:        "pick verbatim quotes worth sharing, best first",
	Requires:   []*pipeline.Stage{align.Stage},
	ResultType: reflect.TypeOf(new(Quotes)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	al := pipeline.Result[*pipeline.Alignment](pass.ResultOf, align.Stage)
	if al == nil || al.Transcript == nil {
		return nil, errors.New("no aligned transcript")
	}
	opts := Options{}
	if pass.Config != nil {
		opts.Hosts = pass.Config.Podcast.Hosts
	}
	return PickContext(ctx, al.Transcript, opts)
}
