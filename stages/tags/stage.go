// Package tags is the tags stage of shownotes: tag the transcript once
// (parts of speech and prose's names, per sentence) for every stage that
// reads them. It needs only the parsed transcript, so it runs while the
// audio is decoded and aligned; the aligner's timed copy has the same words
// and sentences, so the tokens' word indices hold there too.
package tags

import (
	"context"
	"reflect"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/lexical"
	"github.com/shownotes/shownotes/stages/transcript"
)

// Stage declares the tags stage: tag the transcript's words once for the stages that read parts of speech.
var Stage = &pipeline.Stage{
	Name:       "tags",
	Doc:        "tag the transcript's words once for the stages that read parts of speech",
	Requires:   []*pipeline.Stage{transcript.Stage},
	ResultType: reflect.TypeOf(new(lexical.Tagging)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	tr := pipeline.Result[*pipeline.Transcript](pass.ResultOf, transcript.Stage)
	if tr == nil {
		return (*lexical.Tagging)(nil), nil
	}
	return lexical.Tag(ctx, tr)
}

// Of returns the run's tagging, from a pass of a stage that requires
// Stage, for tr (see For).
func Of(pass *pipeline.Pass, tr *pipeline.Transcript) *lexical.Tagging {
	return For(pipeline.Result[*lexical.Tagging](pass.ResultOf, Stage), tr)
}

// For returns the run's tagging when it was made from a transcript with
// tr's words, else nil (the reader then tags tr itself).
func For(g *lexical.Tagging, tr *pipeline.Transcript) *lexical.Tagging {
	if g == nil || tr == nil || g.Words != len(tr.Words) {
		return nil
	}
	return g
}
