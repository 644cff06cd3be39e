// Package align is the align stage of shownotes: it times every spoken word
// of the transcript against the audio.
//
// Two passes. The coarse one is synthesis and dynamic time warping, as
// aeneas does it, made linear in the episode's length: the transcript is
// spoken by eSpeak NG in chunks (its word events give each word's place in
// the synthetic audio), both audios become MFCC frames, and DTW finds the
// warping path coarse to fine (320 ms frames in a wide band, then 40 ms and
// 10 ms frames in narrow bands around the coarser path). Open ends let a
// music intro or outro be skipped; each stretch's match cost against
// unrelated frames tells a transcript that does not belong to the audio,
// wholly or in part, and speech it does not cover.
//
// The fine pass (refine.go, package acoustic) re-times every word with
// trained acoustic phone models: a Viterbi search over the transcript's
// triphones with optional silence and noise between words, within a band of
// a second around the coarse times; its per-word evidence gives the
// confidence. Without eSpeak NG (a build without cgo) the acoustic search
// runs left to right from the start instead ("acoustic-vad"); without
// either, words are spread over the detected speech by syllable counts
// ("vad-fallback").
package align

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/audio"
	"github.com/shownotes/shownotes/stages/transcript"
)

// SynthStage speaks the transcript with eSpeak NG for the aligner; it runs
// while the audio is being decoded.
var SynthStage = &pipeline.Stage{
	Name:       "synth",
	Doc:        "speak the transcript with eSpeak NG for the aligner",
	Requires:   []*pipeline.Stage{transcript.Stage},
	ResultType: reflect.TypeOf(new(Speech)),
	Run:        runSynth,
}

// Stage times every spoken word of the transcript against the audio.
var Stage = &pipeline.Stage{
	Name:       "align",
	Doc:        "time every spoken word of the transcript against the audio",
	Requires:   []*pipeline.Stage{transcript.Stage, audio.Stage, SynthStage},
	ResultType: reflect.TypeOf(new(pipeline.Alignment)),
	Run:        run,
}

func runSynth(ctx context.Context, pass *pipeline.Pass) (any, error) {
	tr := pipeline.Result[*pipeline.Transcript](pass.ResultOf, transcript.Stage)
	if pass.Config.AudioPath == "" || tr == nil || len(tr.Words) == 0 {
		return &Speech{}, nil // nothing to align against
	}
	if err := fitsAudio(tr, pass.Config.AudioPath); err != nil {
		return nil, err
	}
	return Speak(ctx, tr, Options{})
}

// maxWordsPerSecond is faster than anyone speaks for long (fast speech is
// 3–4 words a second): a transcript with more words than the audio could
// hold at this pace is not the audio's, and is refused at once, before
// minutes of synthesis.
const maxWordsPerSecond = 8

// fitsAudio refuses a transcript far too long for the audio at path, from
// the file's header alone. An audio file Probe cannot read is left to the
// audio stage's own error.
func fitsAudio(tr *pipeline.Transcript, path string) error {
	info, err := audio.Probe(path)
	if err != nil || !(info.Duration >= 2) {
		return nil // under 2 s the aligner's own "too short" or "no speech" says more
	}
	if limit := int(maxWordsPerSecond*info.Duration) + 20; len(tr.Words) > limit {
		return fmt.Errorf("%w: the transcript has %d words, more than %.1f s of audio can hold (at most about %d): is it this episode's transcript, and is %s complete?",
			ErrNoMatch, len(tr.Words), info.Duration, limit, filepath.Base(path))
	}
	return nil
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	tr := pipeline.Result[*pipeline.Transcript](pass.ResultOf, transcript.Stage)
	a := pipeline.Result[*pipeline.Audio](pass.ResultOf, audio.Stage)
	sp := pipeline.Result[*Speech](pass.ResultOf, SynthStage)
	if tr == nil {
		tr = &pipeline.Transcript{}
	}
	return AlignSpeech(ctx, tr, a, sp, func(msg string) { pass.Warnf("%s", msg) })
}

// Preload loads eSpeak NG now. While it starts, the audio libraries it links
// may print to stderr, so the loader points stderr at /dev/null for that
// moment: call Preload before other goroutines write to stderr (the command
// does, before running the stages). An error is reported again, as a warning,
// by the synth stage.
func Preload() error {
	_, err := loadEspeak()
	return err
}
