// Package audio is the audio stage of shownotes: decode the episode's WAV
// audio, streaming, into alignment features.
//
// Open reads a WAV file's header (RIFF, RF64/BW64, WAVE_FORMAT_EXTENSIBLE,
// any chunks in any order before the audio) and returns a Reader that
// streams the samples as mono float32: 8-bit unsigned, 16/24/32-bit signed
// and 32/64-bit float PCM, A-law and µ-law, any number of channels
// (averaged), 1–768 kHz. Decode streams a file through the Reader, the
// resampler and the MFCC extractor of package features without ever
// holding all the samples. Errors name the file and wrap ErrNotWAV,
// ErrUnsupported or ErrCorrupt.
package audio

import (
	"context"
	"reflect"

	"github.com/shownotes/shownotes/pipeline"
)

// Stage decodes the episode's WAV audio, streaming, into alignment
// features. Without an audio path its result is a nil *pipeline.Audio.
var Stage = &pipeline.Stage{
	Name:       "audio",
	Doc:        "decode the episode's WAV audio, streaming, into alignment features",
	Requires:   []*pipeline.Stage{},
	ResultType: reflect.TypeOf((*pipeline.Audio)(nil)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	if pass.Config == nil || pass.Config.AudioPath == "" {
		return (*pipeline.Audio)(nil), nil
	}
	a, err := Decode(ctx, pass.Config.AudioPath, Options{
		Warn: func(msg string) { pass.Warnf("%s", msg) },
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}
