package audio_test

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/shownotes/shownotes/pipeline/testcorpus"
	"github.com/shownotes/shownotes/stages/audio"
)

func ExampleDecode() {
	p := filepath.Join(testcorpus.Sample(), "episode.wav")
	a, err := audio.Decode(context.Background(), p, audio.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d Hz, %d channel(s), %d bits, %.2f s\n", a.SampleRate, a.Channels, a.Bits, a.Duration)
	fmt.Printf("%d frames of %d coefficients\n", a.Features.Frames(), a.Features.Dim)
	// Output:
	// 16000 Hz, 1 channel(s), 16 bits, 41.35 s
	// 4135 frames of 13 coefficients
}

func ExampleOpen() {
	r, err := audio.Open(filepath.Join(testcorpus.Sample(), "episode.wav"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Close()
	f := r.Format()
	fmt.Println(f.SampleRate, f.Channels, f.Bits, f.Frames)
	buf := make([]float32, 4096)
	n, err := r.Read(buf)
	fmt.Println(n, err)
	// Output:
	// 16000 1 16 661535
	// 4096 <nil>
}

func ExampleProbe() {
	// A VBR mono MP3 of the sample: its duration comes from the Xing and
	// LAME headers, its type from its content.
	info, err := audio.Probe("testdata/sample-vbr.mp3")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s %s %.3f s, %d Hz, %d channel(s), VBR %v\n", info.Format, info.MIME, info.Duration, info.SampleRate, info.Channels, info.VBR)
	// Output:
	// mp3 audio/mpeg 41.346 s, 16000 Hz, 1 channel(s), VBR true
}

func ExampleDetect() {
	fmt.Println(audio.Detect([]byte("fLaC\x00\x00\x00\x22")))
	fmt.Println(audio.Detect([]byte("ID3\x04\x00\x00\x00\x00\x00\x00")))
	fmt.Println(audio.Detect([]byte("\x00\x00\x00\x20ftypM4A ")))
	// Output:
	// flac
	// mp3
	// m4a
}
