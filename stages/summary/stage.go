// Package summary is the summary stage of shownotes: draw a 2–3 sentence
// summary from the episode itself.
//
// The summary is extractive: every sentence is a sentence of the transcript,
// word for word, and they are given in episode order. Sentences are ranked
// by TextRank (PageRank over the graph of TF-IDF cosine similarities between
// sentences, Mihalcea & Tarau 2004). Candidates must be self-contained: 8 to
// 40 words, a statement (ending in "." or "!"), not opening with a pronoun or
// connective that needs the sentence before ("he", "that", "and", "so", …).
// The guest's answers are preferred (a host's sentence scores 0.6 of its
// rank), and a sentence too similar to one already chosen is passed over
// (maximal marginal relevance). Three sentences for episodes of 300 words or
// more, two below; fewer when the transcript has no sentence that qualifies.
package summary

import (
	"context"
	"reflect"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/align"
)

// Stage declares the summary stage: draw a 2-3 sentence summary from the episode itself.
var Stage = &pipeline.Stage{
	Name:       "summary",
	Doc:        "draw a 2-3 sentence summary from the episode itself",
	Requires:   []*pipeline.Stage{align.Stage},
	ResultType: reflect.TypeOf(new(pipeline.Summary)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	al := pipeline.Result[*pipeline.Alignment](pass.ResultOf, align.Stage)
	if al == nil || al.Transcript == nil {
		return new(pipeline.Summary), nil
	}
	var opts Options
	if pass.Config != nil {
		opts.Hosts = pass.Config.Podcast.Hosts
	}
	s, err := Summarize(ctx, al.Transcript, opts)
	if err != nil {
		return nil, err
	}
	if len(s.Sentences) < 2 {
		pass.Warnf("summary has %d sentences: the transcript has too few self-contained sentences", len(s.Sentences))
	}
	return s, nil
}
