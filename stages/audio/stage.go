// Package audio is the audio stage of shownotes: decode the episode's audio
// (WAV, MP3, FLAC, M4A/AAC, Ogg, recognised by content), streaming, into
// alignment features, and describe an audio file for the feed (Probe).
//
// Open reads a WAV file's header (RIFF, RF64/BW64, WAVE_FORMAT_EXTENSIBLE,
// any chunks in any order before the audio) and returns a Reader that
// streams the samples as mono float32: 8-bit unsigned, 16/24/32-bit signed
// and 32/64-bit float PCM, A-law and µ-law, any number of channels
// (averaged), 1–768 kHz. Decode streams a file through the Reader, the
// resampler and the MFCC extractor of package features without ever
// holding all the samples; FLAC is decoded in-process (mewkiz/flac), MP3
// by ffmpeg when installed and else in-process (go-mp3), M4A and Ogg by
// ffmpeg. Errors name the file and wrap ErrNotWAV, ErrNotAudio,
// ErrUnsupported, ErrCorrupt (the compressed formats' ErrCorruptMP3 and
// its kin are also ErrCorrupt) or ErrNoDecoder.
package audio

import (
	"context"
	"reflect"

	"github.com/shownotes/shownotes/pipeline"
)

// Stage decodes the episode's audio, streaming, into alignment features. Without an audio path its result is a nil *pipeline.Audio.
var Stage = &pipeline.Stage{
	Name:       "audio",
	Doc:        "decode the episode's audio (WAV, MP3, FLAC, M4A), streaming, into alignment features",
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
