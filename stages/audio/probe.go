package audio

import (
	"fmt"
	"os"
)

// Info describes an audio file as a feed publishes it: its container, MIME
// type, exact duration and size in bytes.
type Info struct {
	Format     string  // "wav", "mp3", "flac", "m4a" or "ogg"
	MIME       string  // the enclosure type: "audio/wav", "audio/mpeg", "audio/flac", "audio/x-m4a", "audio/ogg"
	Duration   float64 // seconds
	Size       int64   // bytes
	SampleRate int     // Hz
	Channels   int
	Codec      string // e.g. "pcm", "mp3", "flac", "aac"
	// VBR is true for an MP3 whose frames have different bit rates.
	VBR bool

	warnings []string  // problems found while probing (a truncated last frame)
	gapless  gapless   // MP3: the samples of go-mp3's output that are audio
	first    mpegFrame // MP3: the first frame (behind the tags)
}

// MIME types by container.
var mimeTypes = map[string]string{
	FormatWAV:  "audio/wav",
	FormatMP3:  "audio/mpeg",
	FormatFLAC: "audio/flac",
	FormatM4A:  "audio/x-m4a",
	FormatOgg:  "audio/ogg",
}

// Probe reads just enough of the audio file at path to describe it, without
// decoding its samples; the container is recognised by content, not by the
// file name. The duration of an MP3 comes from its Xing/Info or VBRI header
// (less the LAME encoder delay and padding) or else from a scan of every
// frame header, never from the bit rate; FLAC's from STREAMINFO, M4A's from
// the audio track's mdhd (or mvhd). The error names the file and wraps
// ErrNotAudio, ErrNotWAV, ErrUnsupported or ErrCorrupt (or the operating
// system's error).
func Probe(path string) (Info, error) {
	st, err := os.Stat(path)
	if err != nil {
		return Info{}, err
	}
	if st.IsDir() {
		return Info{}, fmt.Errorf("%s: %w: is a directory", path, ErrNotAudio)
	}
	fh, err := os.Open(path)
	if err != nil {
		return Info{}, err
	}
	var head [12]byte
	n, _ := fh.ReadAt(head[:], 0)
	fh.Close()
	var info Info
	switch Detect(head[:n]) {
	case FormatMP3:
		info, err = probeMPEG(path)
		if err == errFLACBehindID3 {
			info, err = probeFLAC(path)
		}
	case FormatFLAC:
		info, err = probeFLAC(path)
	case FormatM4A:
		info, err = probeMP4(path)
	case FormatOgg:
		info, err = probeOgg(path)
	default:
		info, err = probeWAV(path)
	}
	if err != nil {
		return Info{}, err
	}
	info.Size = st.Size()
	info.MIME = mimeTypes[info.Format]
	return info, nil
}

func probeWAV(path string) (Info, error) {
	r, err := Open(path)
	if err != nil {
		return Info{}, notAudio(path, err)
	}
	defer r.Close()
	f := r.Format()
	if f.SampleRate <= 0 {
		return Info{}, fmt.Errorf("%s: %w: no sample rate", path, ErrCorrupt)
	}
	return Info{Format: FormatWAV, Duration: f.Duration, SampleRate: f.SampleRate, Channels: f.Channels, Codec: "pcm"}, nil
}
