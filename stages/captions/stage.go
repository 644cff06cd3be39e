// Package captions is the captions stage of shownotes: render
// transcript.json (Podcasting 2.0), transcript.vtt (WebVTT with voice
// tags), transcript.srt and alignment.json from the aligned transcript.
//
// Cues never cross a sentence or a turn, hold at most two lines of at most
// 42 characters (WebVTT) or 32 characters, the speaker's name included (SRT,
// as the Podcasting 2.0 transcript guidance asks) and last at most 7 seconds where the words allow it (a
// single longer word or word stays whole); they split between words at the
// aligned word times, preferring a comma. Untimed runs (no audio) write only
// alignment.json with null times: WebVTT, SRT and the Podcasting 2.0 JSON
// transcript all require times, so they are not written.
package captions

import (
	"context"
	"reflect"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/align"
)

// Stage declares the captions stage: render transcript.json, transcript.vtt, transcript.srt and alignment.json.
var Stage = &pipeline.Stage{
	Name:       "captions",
	Doc:        "render transcript.json, transcript.vtt, transcript.srt and alignment.json",
	Requires:   []*pipeline.Stage{align.Stage},
	ResultType: reflect.TypeOf(new(pipeline.Output)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	al := pipeline.Result[*pipeline.Alignment](pass.ResultOf, align.Stage)
	if al == nil || al.Transcript == nil {
		pass.Warnf("no transcript: no captions")
		return new(pipeline.Output), nil
	}
	if !al.Timed {
		pass.Warnf("no audio: transcript.vtt, transcript.srt and transcript.json need times and are not written")
	}
	return Render(ctx, al)
}
