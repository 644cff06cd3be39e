package audio

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/audio/features"
)

// Options are Decode's settings; the zero value works.
type Options struct {
	Features features.Config
	// Warn, when set, receives each problem that did not stop decoding
	// (a truncated file, NaN samples), one line naming the file.
	Warn func(msg string)
}

// blockFrames is how many mono frames travel between the goroutines of
// Decode at a time, and nBlocks how many blocks each stage may hold.
const (
	blockFrames = 65536
	nBlocks     = 4
)

// Decode streams the audio file at path into features. The container is
// recognised by content: WAV is read by this package's reader, FLAC by
// mewkiz/flac, MP3 by ffmpeg when it is installed and else by go-mp3, M4A
// and Ogg by ffmpeg. One goroutine reads and converts a block at a time to
// mono float32 (stereo mixed so that a channel in opposite polarity does
// not cancel the other, a DC offset filtered out), a second
// resamples it to 16 kHz, and the calling goroutine computes the MFCCs, the
// stages joined by small bounded channels of recycled buffers, so memory
// stays flat whatever the length of the file (the features themselves are
// about 21 MB an hour). Decode checks ctx for every block and returns
// ctx.Err() when it is done.
func Decode(ctx context.Context, path string, opts Options) (*pipeline.Audio, error) {
	r, f, err := openSource(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if f.SampleRate < MinRate || f.SampleRate > MaxRate {
		return nil, fmt.Errorf("%s: %w: sample rate %d Hz (must be %d..%d Hz)", path, ErrUnsupported, f.SampleRate, MinRate, MaxRate)
	}
	sr := f.streamRate()
	dc := newDCBlocker(sr)
	rs, err := features.NewResampler(sr, features.Rate)
	if err != nil {
		return nil, err
	}
	ex := features.NewExtractor(opts.Features)
	ex.Grow(int(f.Frames*features.Rate/int64(sr))/features.Hop + 2)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var (
		wg        sync.WaitGroup
		readErr   error
		frames    int64
		rawFree   = make(chan []float32, nBlocks)
		rawFull   = make(chan []float32, nBlocks)
		outFree   = make(chan []float32, nBlocks)
		outFull   = make(chan []float32, nBlocks)
		outFrames = blockFrames*features.Rate/sr + 64
	)
	for range nBlocks {
		rawFree <- make([]float32, blockFrames)
		outFree <- make([]float32, 0, outFrames)
	}
	wg.Add(2)
	// Read and convert.
	go func() {
		defer wg.Done()
		defer close(rawFull)
		for {
			var buf []float32
			select {
			case <-ctx.Done():
				readErr = ctx.Err()
				return
			case buf = <-rawFree:
			}
			n, err := r.Read(buf[:cap(buf)])
			frames += int64(n)
			if n > 0 {
				dc.process(buf[:n])
				rawFull <- buf[:n] // never blocks: nBlocks buffers, nBlocks slots
			}
			if err == io.EOF {
				return
			}
			if err != nil {
				readErr = err
				return
			}
		}
	}()
	// Resample.
	go func() {
		defer wg.Done()
		defer close(outFull)
		get := func() ([]float32, bool) {
			select {
			case <-ctx.Done():
				return nil, false
			case b := <-outFree:
				return b[:0], true
			}
		}
		for in := range rawFull {
			out, ok := get()
			if !ok {
				return
			}
			out = rs.Process(in, out)
			rawFree <- in
			outFull <- out
		}
		if ctx.Err() != nil {
			return
		}
		out, ok := get()
		if !ok {
			return
		}
		outFull <- rs.Flush(out)
	}()
	// Extract.
	for b := range outFull {
		if ctx.Err() == nil {
			ex.Write(b)
		}
		outFree <- b[:0]
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if readErr != nil {
		return nil, readErr
	}
	if opts.Warn != nil {
		ws := r.Warnings()
		// A compressed file cut short often ends on a whole frame: its
		// header's length is the evidence (a tenth of a second and two frames of slack).
		if len(ws) == 0 && f.Header > 0 && frames < f.Header-int64(sr)/10-2400 {
			ws = append(ws, fmt.Sprintf("%s: the audio ends at %.2f s but its header says %.2f s (is the file truncated?)", path, float64(frames)/float64(sr), float64(f.Header)/float64(sr)))
		}
		for _, w := range ws {
			opts.Warn(w)
		}
	}
	return &pipeline.Audio{
		Path:       path,
		SampleRate: f.SampleRate,
		Channels:   f.Channels,
		Bits:       f.Bits,
		Float:      f.Float,
		Duration:   float64(frames) / float64(sr),
		Features:   ex.Features(),
	}, nil
}
