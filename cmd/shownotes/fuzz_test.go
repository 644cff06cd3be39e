package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzRunWAV runs the whole command in-process on arbitrary bytes given as
// the episode's WAV: every input must end in success or in exit status 1
// with one error line naming the file, never a panic or a hang.
func FuzzRunWAV(f *testing.F) {
	x, err := readSample(filepath.Join(sampleDir(), "episode.wav"))
	if err != nil {
		f.Fatal(err)
	}
	x = x[:4000] // a quarter of a second: the seeds run the whole pipeline
	for _, s := range []wavSpec{
		// Good files (each runs the whole pipeline; the table test covers
		// the other encodings through the binary).
		{}, {tag: tagFloat, bits: 32}, {riff: "RF64", before: []chunk{{"LIST", []byte("odd")}}},
		// Bad headers.
		{bits: 24, blockAlign: 2}, {tag: tagExtensible, sub: 0x1234, channels: 2}, {channels: -1}, {rate: -1},
		{rate: 10_000_000}, {dataSize: 1 << 30}, {noFmt: true}, {noData: true}, {tag: tagMP3},
	} {
		var data []byte
		switch {
		case s.bits == 8:
			data = pcm8(x, max(s.channels, 1))
		case s.bits == 24:
			data = pcm24(x, max(s.channels, 1))
		case s.bits == 32:
			data = float32s(x, 1, 97)
		default:
			data = pcm16(x, max(s.channels, 1))
		}
		f.Add(s.build(data))
	}
	f.Add([]byte{})
	f.Add(mp3Bytes())
	f.Add([]byte("RIFF\x04\x00\x00\x00WAVE"))
	f.Add([]byte("plain text, not audio\n"))

	dir := f.TempDir()
	tr := filepath.Join(dir, "transcript.txt")
	if err := os.WriteFile(tr, []byte("Alex Wang\n\nHi, I'm Alex. Welcome to the show, where we talk about deep learning.\n"), 0o644); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, wav []byte) {
		if len(wav) > 1<<20 {
			return
		}
		in := filepath.Join(t.TempDir(), "fuzz.wav")
		if err := os.WriteFile(in, wav, 0o644); err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		out := filepath.Join(t.TempDir(), "out")
		code := run(context.Background(), []string{"run", "--audio", in, "--transcript", tr, "--out", out, "--quiet"}, io.Discard, &stderr)
		switch code {
		case exitOK:
			if _, err := os.Stat(filepath.Join(out, "shownotes.md")); err != nil {
				t.Errorf("exit 0 but no notes: %v", err)
			}
		case exitFailure:
			lines := result{stderr: stderr.String()}.errLines()
			if len(lines) != 1 || !strings.Contains(lines[0], in) {
				t.Errorf("stderr = %q, want one error line naming %s", stderr.String(), in)
			}
		default:
			t.Errorf("exit = %d, want 0 or 1; stderr: %s", code, stderr.String())
		}
	})
}
