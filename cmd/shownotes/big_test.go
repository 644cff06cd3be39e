package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline/testcorpus"
)

// TestBigTranscript measures the peak memory of long runs with
// /usr/bin/time -v: a ~3-hour 48 kHz 24-bit stereo episode against a
// ~1-hour one (both the rendered seed-hard episode repeated, about 3.2 GB
// and 1.3 GB of WAV written under the temporary directory and removed), and
// a 100k-word transcript without audio. The 3-hour run must peak within 1.5×
// the 1-hour run. It is heavy: it runs only with SHOWNOTES_BIG=1.
//
//	SHOWNOTES_BIG=1 go test -run TestBigTranscript -v -timeout 30m ./cmd/shownotes
func TestBigTranscript(t *testing.T) {
	if os.Getenv("SHOWNOTES_BIG") != "1" {
		t.Skip("heavy (writes a 3 GB WAV): set SHOWNOTES_BIG=1 to run")
	}
	timeBin := "/usr/bin/time"
	if _, err := os.Stat(timeBin); err != nil {
		t.Skip("needs GNU time at /usr/bin/time (apt-get install time)")
	}
	src := testcorpus.NeedRendered(t, "seed-hard")
	tmp, err := os.MkdirTemp("", "shownotes-big-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	trText, err := os.ReadFile(filepath.Join(src, "transcript.txt"))
	if err != nil {
		t.Fatal(err)
	}

	type run struct {
		name       string
		audioReps  int // repeats of seed-hard's audio (0: no audio)
		transReps  int // repeats of its transcript
		rss        int64
		wall       string
		audioBytes int64
	}
	runs := []*run{
		{name: "1 h (2× seed-hard)", audioReps: 2, transReps: 2},
		{name: "3 h (5× seed-hard)", audioReps: 5, transReps: 5},
		{name: "100k-word transcript, no audio", transReps: 0},
	}
	words := len(strings.Fields(string(trText)))
	runs[2].transReps = (100000 + words - 1) / words

	for _, r := range runs {
		dir := filepath.Join(tmp, strconv.Itoa(r.audioReps)+"-"+strconv.Itoa(r.transReps))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		tr := filepath.Join(dir, "transcript.txt")
		if err := os.WriteFile(tr, bytes.Repeat(append(bytes.TrimSpace(trText), "\n\n"...), r.transReps), 0o644); err != nil {
			t.Fatal(err)
		}
		args := []string{"-v", binPath, "run", "--transcript", tr, "--out", filepath.Join(dir, "out"), "--quiet"}
		var wav string
		if r.audioReps > 0 {
			wav = filepath.Join(dir, "episode.wav")
			if r.audioBytes, err = repeatWAV(filepath.Join(src, "episode.wav"), wav, r.audioReps); err != nil {
				t.Fatal(err)
			}
			args = append(args, "--audio", wav)
		}
		out, err := exec.Command(timeBin, args...).CombinedOutput()
		if wav != "" {
			os.Remove(wav)
		}
		if err != nil {
			t.Fatalf("%s: %v\n%s", r.name, err, out)
		}
		r.rss, r.wall = timeFigures(out)
		t.Logf("%s: %d words, %.2f GB of audio: wall %s, peak RSS %d MB", r.name, words*r.transReps,
			float64(r.audioBytes)/1e9, r.wall, r.rss/1024)
	}
	if ratio := float64(runs[1].rss) / float64(runs[0].rss); ratio > 1.5 || math.IsNaN(ratio) {
		t.Errorf("peak RSS of the 3 h run is %.2f× the 1 h run's, want at most 1.5×", ratio)
	}
	if runs[2].rss > 2<<20 { // kB
		t.Errorf("peak RSS of the 100k-word run is %d MB, want under 2 GB", runs[2].rss/1024)
	}
}

var (
	maxRSSRE = regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`)
	wallRE   = regexp.MustCompile(`Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)`)
)

func timeFigures(out []byte) (rssKB int64, wall string) {
	if m := maxRSSRE.FindSubmatch(out); m != nil {
		rssKB, _ = strconv.ParseInt(string(m[1]), 10, 64)
	}
	if m := wallRE.FindSubmatch(out); m != nil {
		wall = string(m[1])
	}
	return rssKB, wall
}

// repeatWAV writes to dst a WAV with src's header and src's audio data
// repeated n times, streaming, and returns the size of its data.
func repeatWAV(src, dst string, n int) (int64, error) {
	f, err := os.Open(src)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	head := make([]byte, 1<<16)
	k, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return 0, err
	}
	head = head[:k]
	if len(head) < 12 || string(head[:4]) != "RIFF" || string(head[8:12]) != "WAVE" {
		return 0, fmt.Errorf("%s: not a RIFF WAVE file", src)
	}
	off := 12
	for off+8 <= len(head) && string(head[off:off+4]) != "data" {
		sz := int(binary.LittleEndian.Uint32(head[off+4:]))
		off += 8 + sz + sz%2
	}
	if off+8 > len(head) {
		return 0, fmt.Errorf("%s: no data chunk in the first 64 KiB", src)
	}
	size := int64(binary.LittleEndian.Uint32(head[off+4:]))
	total := size * int64(n)
	if total+int64(off) > math.MaxUint32 {
		return 0, fmt.Errorf("%d× %s does not fit a RIFF WAV", n, src)
	}
	hdr := append([]byte(nil), head[:off+8]...)
	binary.LittleEndian.PutUint32(hdr[4:], uint32(int64(off)+total))
	binary.LittleEndian.PutUint32(hdr[off+4:], uint32(total))
	w, err := os.Create(dst)
	if err != nil {
		return 0, err
	}
	defer w.Close()
	if _, err := w.Write(hdr); err != nil {
		return 0, err
	}
	for range n {
		if _, err := io.Copy(w, io.NewSectionReader(f, int64(off+8), size)); err != nil {
			return 0, err
		}
	}
	return total, w.Close()
}
