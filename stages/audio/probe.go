package audio

import (
	"fmt"
	"os"
)

// Info describes an audio file as a feed publishes it: its container, MIME
// type, exact duration and size in bytes.
type Info struct {
	Format   string  // "wav" (other containers as their decoders arrive)
	MIME     string  // the enclosure type, e.g. "audio/wav", "audio/mpeg"
	Duration float64 // seconds
	Size     int64   // bytes
}

// Probe reads just enough of the audio file at path to describe it, without
// decoding its samples. The error names the file and wraps ErrNotWAV,
// ErrUnsupported or ErrCorrupt (or the operating system's error).
func Probe(path string) (Info, error) {
	st, err := os.Stat(path)
	if err != nil {
		return Info{}, err
	}
	r, err := Open(path)
	if err != nil {
		return Info{}, err
	}
	defer r.Close()
	f := r.Format()
	if f.SampleRate <= 0 {
		return Info{}, fmt.Errorf("%s: %w: no sample rate", path, ErrCorrupt)
	}
	return Info{Format: "wav", MIME: "audio/wav", Duration: f.Duration, Size: st.Size()}, nil
}
