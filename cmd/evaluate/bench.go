package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/evaluation"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
	"github.com/shownotes/shownotes/stages/audio"
)

func writeAlignment(path string, al *pipeline.Alignment) {
	type w struct {
		Text  string   `json:"text"`
		Start *float64 `json:"start"`
		End   *float64 `json:"end"`
	}
	var out struct {
		Words []w `json:"words"`
	}
	for _, x := range al.Transcript.Words {
		out.Words = append(out.Words, w{x.Text, pipeline.Ptr(x.Start), pipeline.Ptr(x.End)})
	}
	b, _ := json.Marshal(out)
	os.WriteFile(path, b, 0o644)
}

// runBench makes (once) a 1-hour episode from two seed-hard renders and
// builds the tree's binary and times it on it with /usr/bin/time -v, then on the same
// episode as a 128 kb/s MP3 (made once with ffmpeg) side by side.
func runBench() error {
	src := testcorpus.Rendered("seed-hard")
	if src == "" {
		return errors.New("seed-hard is not rendered: run ../shared/corpus/render .corpus seed-hard")
	}
	dir := filepath.Join(testcorpus.Root(), ".corpus", "bench-1h")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	wav := filepath.Join(dir, "episode.wav")
	if _, err := os.Stat(wav); err != nil {
		fmt.Fprintln(os.Stderr, "evaluate: making the 1-hour episode from two seed-hard renders…")
		if err := joinWAV(filepath.Join(src, "episode.wav"), wav, 2); err != nil {
			return err
		}
	}
	tr := filepath.Join(dir, "transcript.txt")
	if err := doubleTranscript(filepath.Join(src, "transcript.txt"), tr); err != nil {
		return err
	}
	// the binary of this tree, built now: a bin/shownotes left by an
	// earlier make build may be older than the code
	tmp, err := os.MkdirTemp("", "shownotes-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "shownotes")
	build := exec.Command("go", "build", "-o", bin, "./cmd/shownotes")
	build.Dir = testcorpus.Root()
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("building shownotes: %v\n%s", err, out)
	}
	st, _ := os.Stat(wav)
	minutes := 0.0
	if r, err := audio.Open(wav); err == nil {
		minutes = r.Format().Duration / 60
		r.Close()
	}
	fmt.Printf("benchmark: %s (%.1f min, %.0f MB, 48 kHz 24-bit stereo)\n", wav, minutes, float64(st.Size())/1e6)
	base, err := benchLeg(bin, wav, tr, filepath.Join(dir, "out"))
	if err != nil {
		return err
	}
	fmt.Println(base)
	if acc, err := benchAccuracy(filepath.Join(src, "truth.json"), filepath.Join(src, "episode.wav"), filepath.Join(dir, "out", "alignment.json")); err == nil {
		fmt.Println(acc)
	} else {
		fmt.Println("accuracy not measured:", err)
	}
	for _, l := range base.warnings {
		fmt.Println(l)
	}
	// The same episode as a 128 kb/s MP3, side by side (issue 15: at most
	// 1.3 times the WAV's cost, 300 MB).
	mp3 := filepath.Join(dir, "episode.mp3")
	if _, err := os.Stat(mp3); err != nil {
		if _, err := exec.LookPath("ffmpeg"); err != nil {
			fmt.Println("MP3 leg not run: ffmpeg is not installed (apt-get install ffmpeg)")
			return nil
		}
		fmt.Fprintln(os.Stderr, "evaluate: encoding the episode as a 128 kb/s MP3…")
		if b, err := exec.Command("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", wav, "-b:a", "128k", mp3+".tmp.mp3").CombinedOutput(); err != nil {
			return fmt.Errorf("ffmpeg: %v\n%s", err, b)
		}
		if err := os.Rename(mp3+".tmp.mp3", mp3); err != nil {
			return err
		}
	}
	mst, _ := os.Stat(mp3)
	fmt.Printf("benchmark: %s (128 kb/s MP3 of the same, %.0f MB)\n", mp3, float64(mst.Size())/1e6)
	m, err := benchLeg(bin, mp3, tr, filepath.Join(dir, "out-mp3"))
	if err != nil {
		return err
	}
	fmt.Printf("%s; %.2f× the WAV's wall time, %.2f× its CPU\n", m, m.wall/base.wall, m.cpu/base.cpu)
	if acc, err := benchAccuracy(filepath.Join(src, "truth.json"), filepath.Join(src, "episode.wav"), filepath.Join(dir, "out-mp3", "alignment.json")); err == nil {
		fmt.Println(acc)
	}
	for _, l := range m.warnings {
		fmt.Println(l)
	}
	return nil
}

// benchResult is one timed run of the binary.
type benchResult struct {
	wall, cpu float64 // seconds (CPU: user + system, children included)
	rssMB     int
	warnings  []string
}

func (b benchResult) String() string {
	return fmt.Sprintf("wall %.1f s, CPU %.1f s, peak RSS %d MB", b.wall, b.cpu, b.rssMB)
}

// benchLeg times `shownotes run` on one audio file under /usr/bin/time -v.
func benchLeg(bin, audioPath, tr, out string) (benchResult, error) {
	cmd := exec.Command("/usr/bin/time", "-v", bin, "run", "--audio", audioPath, "--transcript", tr, "--out", out, "--quiet")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	t0 := time.Now()
	err := cmd.Run()
	r := benchResult{wall: time.Since(t0).Seconds()}
	if err != nil {
		return r, fmt.Errorf("shownotes run --audio %s failed: %v\n%s", audioPath, err, stderr.String())
	}
	for _, re := range []string{`User time \(seconds\): ([\d.]+)`, `System time \(seconds\): ([\d.]+)`} {
		if m := regexp.MustCompile(re).FindStringSubmatch(stderr.String()); m != nil {
			var v float64
			fmt.Sscan(m[1], &v)
			r.cpu += v
		}
	}
	if m := regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`).FindStringSubmatch(stderr.String()); m != nil {
		var kb int
		fmt.Sscan(m[1], &kb)
		r.rssMB = kb / 1024
	}
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(l, "warning") {
			r.warnings = append(r.warnings, l)
		}
	}
	return r, nil
}

// joinWAV writes dst as n copies of src's PCM data behind src's header.
func joinWAV(src, dst string, n int) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	var hdr [12]byte
	if _, err := io.ReadFull(f, hdr[:]); err != nil || string(hdr[:4]) != "RIFF" || string(hdr[8:]) != "WAVE" {
		return fmt.Errorf("%s: not a RIFF WAVE file", src)
	}
	var fmtChunk []byte
	var dataOff, dataLen int64
	pos := int64(12)
	for {
		var ch [8]byte
		if _, err := io.ReadFull(f, ch[:]); err != nil {
			return fmt.Errorf("%s: no data chunk", src)
		}
		size := int64(binary.LittleEndian.Uint32(ch[4:]))
		pos += 8
		if string(ch[:4]) == "fmt " {
			fmtChunk = make([]byte, size)
			if _, err := io.ReadFull(f, fmtChunk); err != nil {
				return err
			}
		} else if string(ch[:4]) == "data" {
			dataOff, dataLen = pos, size
			break
		} else if _, err := f.Seek(size+size%2, io.SeekCurrent); err != nil {
			return err
		}
		pos += size + size%2
	}
	if fmtChunk == nil {
		return fmt.Errorf("%s: no fmt chunk", src)
	}
	total := dataLen * int64(n)
	if total+int64(len(fmtChunk))+20 > 0xFFFFFFFF {
		return fmt.Errorf("joined file would exceed 4 GB")
	}
	out, err := os.Create(dst + ".tmp")
	if err != nil {
		return err
	}
	defer out.Close()
	w := func(b []byte) { out.Write(b) }
	le := func(v uint32) []byte { b := make([]byte, 4); binary.LittleEndian.PutUint32(b, v); return b }
	w([]byte("RIFF"))
	w(le(uint32(4 + 8 + len(fmtChunk) + 8 + int(total))))
	w([]byte("WAVEfmt "))
	w(le(uint32(len(fmtChunk))))
	w(fmtChunk)
	w([]byte("data"))
	w(le(uint32(total)))
	for k := 0; k < n; k++ {
		if _, err := f.Seek(dataOff, io.SeekStart); err != nil {
			return err
		}
		if _, err := io.CopyN(out, f, dataLen); err != nil {
			return err
		}
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Rename(dst+".tmp", dst)
}

// doubleTranscript writes the transcript's turns twice (header once), the
// bracketed times of the second copy left as they are (they are wrong for
// the second half, as a careless transcript's would be).
func doubleTranscript(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	s := string(b)
	// The header is everything before the first turn: the first blank
	// line followed by a speaker name line that recurs. Simplest: repeat
	// the whole file after the header block's end (the first occurrence of
	// the second speaker's first turn is not needed: repeating the turns
	// from the first turn on).
	lines := strings.Split(s, "\n")
	first := 0
	for i := 1; i+1 < len(lines); i++ {
		if lines[i] == "" && i+2 < len(lines) && lines[i+2] == "" && len(strings.Fields(lines[i+1])) <= 4 && i > 3 {
			first = i + 1
			break
		}
	}
	body := strings.Join(lines[first:], "\n")
	return os.WriteFile(dst, []byte(s+"\n"+body), 0o644)
}

// benchAccuracy scores the 1-hour run against seed-hard's truth taken twice,
// the second copy shifted by the first copy's duration.
func benchAccuracy(truthPath, wavPath, alignmentPath string) (string, error) {
	t, err := evaluation.ReadTruth(truthPath)
	if err != nil {
		return "", err
	}
	r, err := audio.Open(wavPath)
	if err != nil {
		return "", err
	}
	dur := r.Format().Duration
	r.Close()
	const shift = 1 << 24 // char offsets of the second copy
	n, ns := len(t.Tokens), len(t.Sentences)
	for i := 0; i < n; i++ {
		x := t.Tokens[i]
		x.CharStart += shift
		x.Start += dur
		x.End += dur
		t.Tokens = append(t.Tokens, x)
	}
	for i := 0; i < ns; i++ {
		x := t.Sentences[i]
		x.CharStart += shift
		x.Start += dur
		t.Sentences = append(t.Sentences, x)
	}
	b, err := os.ReadFile(alignmentPath)
	if err != nil {
		return "", err
	}
	var al struct {
		Words []struct {
			Text  string   `json:"text"`
			Start *float64 `json:"start"`
		} `json:"words"`
	}
	if err := json.Unmarshal(b, &al); err != nil {
		return "", err
	}
	var words []evaluation.TimedWord
	for _, w := range al.Words {
		if w.Start != nil {
			words = append(words, evaluation.TimedWord{Text: w.Text, Start: *w.Start})
		}
	}
	s := evaluation.ScoreAlignment(t, words)
	return fmt.Sprintf("accuracy: coverage %.3f, word median %.0f ms, p95 %.0f ms, within 250 ms %.3f, sentence p95 %.0f ms",
		s.Coverage, s.WordMedianMs, s.WordP95Ms, s.WordWithin250, s.SentP95Ms), nil
}
