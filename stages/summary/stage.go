// Package summary is the summary stage of shownotes: draw a 2–3 sentence
// summary from the episode itself, the opening of its description.
//
// The summary is extractive: every sentence is a sentence of the transcript,
// word for word, and they are given in episode order. A description says
// who the guest is and what the episode covers, so sentences that name the
// guest (not ones that speak to them: "Ann, welcome") and sentences that
// say what the conversation covers ("In our conversation, we …") come
// first; the rest are ranked by TextRank (lexical.TextRank), a host's
// sentence at 0.6 of its rank, and must have a verb of their own (a finite
// verb in the run's tagging before any relative pronoun: "Folks doing
// audits, who are studying …" is a fragment). Nothing is taken from a sponsor read
// (lexical.SponsorReads). Candidates must stand alone: 8 to 40 words (5 to
// 50 for one that describes the episode), a statement (ending in "." or
// "!"), not opening with a pronoun or connective that needs the sentence
// before ("he", "it's", "and", "so", …) nor, unless it describes the
// episode, in the first or second person, telling the speaker's own story
// ("I", "my") or pointing back ("The other booths", "The second",
// "The booths, they …", an elided "there is, but …": lexical.PointsBack). A sentence too similar to one
// already chosen is passed over (maximal marginal relevance). Three
// sentences for episodes of 300 words or more, two below; fewer when the
// transcript has no sentence that qualifies.
package summary

import (
	"context"
	"reflect"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/align"
	"github.com/shownotes/shownotes/stages/tags"
)

// Stage declares the summary stage: draw a 2-3 sentence summary from the episode itself.
var Stage = &pipeline.Stage{
	Name:       "summary",
	Doc:        "draw a 2-3 sentence summary from the episode itself",
	Requires:   []*pipeline.Stage{align.Stage, tags.Stage},
	ResultType: reflect.TypeOf(new(Summary)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	al := pipeline.Result[*pipeline.Alignment](pass.ResultOf, align.Stage)
	if al == nil || al.Transcript == nil {
		return new(Summary), nil
	}
	opts := Options{Tags: tags.Of(pass, al.Transcript)}
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
