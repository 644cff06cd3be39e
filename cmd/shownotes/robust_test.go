package main

// The robustness tests run the real binary as a subprocess on bad inputs and
// check what the user sees: the exit status, one clear line on stderr, and
// that the outputs and the feed of an earlier run are left as they were.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	binPath  string // the shownotes binary built by TestMain
	testRoot string // a world-readable temporary directory for the tests' files
)

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	var err error
	testRoot, err = os.MkdirTemp("", "shownotes-robust-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "robust tests:", err)
		return 1
	}
	defer os.RemoveAll(testRoot)
	// World-readable, so that the tests that run the binary as another
	// user (to get a directory it cannot write) can read their inputs.
	os.Chmod(testRoot, 0o755)
	binPath = filepath.Join(testRoot, "shownotes")
	goTool, err := exec.LookPath("go")
	if err != nil {
		//lint:ignore SA1019 only a fallback where go test ran with go off PATH
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	build := exec.Command(goTool, "build", "-o", binPath, ".")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "robust tests: go build: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// result is what one run of the binary did.
type result struct {
	code   int
	stdout string
	stderr string
	wall   time.Duration
}

// errLines are the lines of stderr that are not warnings.
func (r result) errLines() []string {
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(r.stderr), "\n") {
		if l != "" && !strings.HasPrefix(l, "shownotes: warning: ") {
			out = append(out, l)
		}
	}
	return out
}

// runBin runs the binary with args; asUser > 0 runs it as that user id
// (and group) when the test runs as root.
func runBin(t *testing.T, asUser int, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binPath, args...)
	var so, se bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &se
	if asUser > 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(asUser), Gid: uint32(asUser)}}
		// That user's own home, as a real user would have (libraries
		// that probe $HOME must not see root's).
		cmd.Env = append(os.Environ(), "HOME="+testRoot, "XDG_CONFIG_HOME="+testRoot, "XDG_RUNTIME_DIR="+testRoot)
	}
	t0 := time.Now()
	err := cmd.Run()
	r := result{stdout: so.String(), stderr: se.String(), wall: time.Since(t0)}
	if ctx.Err() != nil {
		t.Fatalf("shownotes %s: did not finish in 2 minutes; stderr:\n%s", strings.Join(args, " "), r.stderr)
	}
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("shownotes %s: %v", strings.Join(args, " "), err)
		}
		r.code = ee.ExitCode()
	}
	return r
}

// baseline is a good run of the sample, whose outputs seed each case's
// output directory and feed as the "earlier run".
type baselineRun struct {
	out     string // output directory with every output file
	feed    string // the feed after the run
	samples []int16
	words   []alignedWord
	err     error
}

var (
	baseOnce sync.Once
	base     baselineRun
)

func sampleDir() string { return filepath.Join("..", "..", "testdata", "sample") }

func configPath() string { return filepath.Join("..", "..", "testdata", "podcast.toml") }

func getBaseline(t *testing.T) *baselineRun {
	t.Helper()
	baseOnce.Do(func() {
		dir := filepath.Join(testRoot, "baseline")
		base.out = filepath.Join(dir, "out")
		base.feed = filepath.Join(dir, "feed.xml")
		if base.samples, base.err = readSample(filepath.Join(sampleDir(), "episode.wav")); base.err != nil {
			return
		}
		r := runBin(t, 0, "run", "--audio", filepath.Join(sampleDir(), "episode.wav"),
			"--transcript", filepath.Join(sampleDir(), "transcript.txt"), "--out", base.out,
			"--config", configPath(), "--feed", base.feed, "--pub-date", "2026-01-02T03:04:05Z")
		if r.code != 0 {
			base.err = fmt.Errorf("baseline run: exit %d: %s", r.code, r.stderr)
			return
		}
		base.words, base.err = readAlignment(filepath.Join(base.out, "alignment.json"))
	})
	if base.err != nil {
		t.Fatal(base.err)
	}
	return &base
}

type alignedWord struct {
	Text  string   `json:"text"`
	Start *float64 `json:"start"`
	End   *float64 `json:"end"`
}

func readAlignment(path string) ([]alignedWord, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var a struct {
		Words []alignedWord `json:"words"`
	}
	if err := json.Unmarshal(b, &a); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return a.Words, nil
}

// caseEnv is one case's directory: inputs, an output directory holding an
// earlier run's files, and a feed holding its item.
type caseEnv struct {
	dir, out, feedDir, feed, config string
	audio, transcript               string // the sample's, copied
	base                            *baselineRun
}

func newCase(t *testing.T, b *baselineRun, name string) *caseEnv {
	t.Helper()
	dir, err := os.MkdirTemp(testRoot, "case-")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755)
	c := &caseEnv{dir: dir, out: filepath.Join(dir, "out"), feedDir: filepath.Join(dir, "feed"), base: b}
	c.feed = filepath.Join(c.feedDir, "feed.xml")
	c.config = filepath.Join(dir, "podcast.toml")
	c.audio = filepath.Join(dir, "episode.wav")
	c.transcript = filepath.Join(dir, "transcript.txt")
	copyFile(t, configPath(), c.config)
	copyFile(t, filepath.Join(sampleDir(), "episode.wav"), c.audio)
	copyFile(t, filepath.Join(sampleDir(), "transcript.txt"), c.transcript)
	for _, d := range []string{c.out, c.feedDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	ents, err := os.ReadDir(b.out)
	if err != nil {
		t.Fatal(err)
	}
	// The earlier outputs carry a mark, so that a run that rewrites them
	// with the same content as the baseline's is still seen to.
	for _, e := range ents {
		if e.Type().IsRegular() {
			data, err := os.ReadFile(filepath.Join(b.out, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(c.out, e.Name()), append(data, earlierMark...), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	copyFile(t, b.feed, c.feed)
	return c
}

// earlierMark ends every output file of the "earlier run".
const earlierMark = "\n<!-- earlier run -->\n"

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func (c *caseEnv) write(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(c.dir, name)
	if err := mustWrite(p, data); err != nil {
		t.Fatal(err)
	}
	return p
}

// args is a full run's command line on the given audio and transcript.
func (c *caseEnv) args(audio, transcript string) []string {
	a := []string{"run", "--transcript", transcript, "--out", c.out, "--config", c.config, "--feed", c.feed,
		"--pub-date", "2026-01-02T03:04:05Z"}
	if audio != "" {
		a = append(a, "--audio", audio)
	}
	return a
}

// snapshot maps the regular files under the given directories to their
// content (lock files excluded: they are empty and harmless).
func snapshot(t *testing.T, dirs ...string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, d := range dirs {
		filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || strings.HasSuffix(p, ".lock") {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				t.Errorf("read %s: %v", p, err)
				return nil
			}
			m[p] = string(b)
			return nil
		})
	}
	return m
}

// tempFiles lists files under dirs that look like leftover temporary files.
func tempFiles(dirs ...string) []string {
	var out []string
	for _, d := range dirs {
		filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() && strings.Contains(e.Name(), ".tmp") {
				out = append(out, p)
			}
			return nil
		})
	}
	return out
}

// diffSnapshots describes how after differs from before.
func diffSnapshots(before, after map[string]string) []string {
	var d []string
	for p, b := range before {
		a, ok := after[p]
		switch {
		case !ok:
			d = append(d, "removed "+p)
		case a != b:
			d = append(d, "changed "+p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			d = append(d, "added "+p)
		}
	}
	slices.Sort(d)
	return d
}

// A badCase is one bad input through 'shownotes run'.
type badCase struct {
	name string
	// setup writes the case's inputs and returns the command line.
	setup func(t *testing.T, c *caseEnv) []string
	code  int
	// errRE must match the single error line (code != 0), or one of the
	// warning lines (code == 0) when set.
	errRE string
	// names: the error line must name this file (a path setup returned
	// through c.named).
	names string
	// asNobody runs the binary as an unprivileged user when the test runs
	// as root (for unwritable directories).
	asNobody bool
	// sameTimes: exit 0 and the word times must match the baseline's.
	sameTimes bool
	// whole: exit 0 and every output written (no check of times).
	whole bool
	// check, when set, inspects the outputs of a good run.
	check func(t *testing.T, c *caseEnv)
}

// showConfig writes the sample's settings without the lines starting with
// any of drop and with the lines of add, as show.toml.
func showConfig(t *testing.T, c *caseEnv, drop []string, add ...string) string {
	t.Helper()
	b, err := os.ReadFile(configPath())
	if err != nil {
		t.Fatal(err)
	}
	var keep []string
	for _, l := range strings.Split(string(b), "\n") {
		if !slices.ContainsFunc(drop, func(d string) bool { return strings.HasPrefix(l, d) }) {
			keep = append(keep, l)
		}
	}
	return c.write(t, "show.toml", []byte(strings.Join(append(keep, add...), "\n")+"\n"))
}

// newFeedArgs is a run that creates a new feed with the given settings.
func newFeedArgs(c *caseEnv, config string) []string {
	return append(c.args(c.audio, c.transcript), "--config", config, "--feed", filepath.Join(c.feedDir, "new.xml"))
}

// noControls fails when an output meant for people holds a control
// character other than tab, LF and CR.
func noControls(t *testing.T, c *caseEnv) {
	for _, name := range []string{"shownotes.html", "shownotes.md", "shownotes.txt", "transcript.vtt", "transcript.srt", "episode.html"} {
		b, err := os.ReadFile(filepath.Join(c.out, name))
		if err != nil {
			t.Error(err)
			continue
		}
		for i, r := range string(b) {
			if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r <= 0x9f) {
				t.Errorf("%s holds control character %U at byte %d", name, r, i)
				break
			}
		}
		if strings.Contains(string(b), "[31m") {
			t.Errorf("%s holds the remains of a terminal escape", name)
		}
	}
}

// utf16LE encodes s as UTF-16 little-endian with a byte order mark.
func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			hi, lo := 0xD800+(r>>10), 0xDC00+(r&0x3FF)
			out = append(out, byte(hi), byte(hi>>8), byte(lo), byte(lo>>8))
			continue
		}
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

const nobody = 65534

// otherEpisode is a transcript of a different (made-up) episode.
const otherEpisode = `Maria Lopez

Welcome back to the garden hour. Today we are talking about tomatoes, compost and the long dry summer that ruined half of my beans.

Sam Okafor

Thanks for having me. I have been growing heirloom tomatoes on a small allotment by the river for about eleven years now, and every year the weather surprises me.

Maria Lopez

Let's start with soil. What do you put into the beds before you plant anything in the spring?

Sam Okafor

Mostly leaf mould and well rotted horse manure. I turn it in during February, cover the beds with cardboard and leave the worms to do the rest of the work for me.
`

func badCases() []badCase {
	wavCase := func(name string, data func(b *baselineRun) []byte, code int, re string) badCase {
		return badCase{name: name, code: code, errRE: re, names: "in.wav", setup: func(t *testing.T, c *caseEnv) []string {
			return c.args(c.write(t, "in.wav", data(c.base)), c.transcript)
		}}
	}
	good := func(name string, data func(b *baselineRun) []byte) badCase {
		bc := wavCase(name, data, 0, "")
		bc.names, bc.sameTimes = "", true
		return bc
	}
	head := func(s wavSpec, n int) func(b *baselineRun) []byte {
		return func(b *baselineRun) []byte { return s.build(pcm16(b.samples[:min(n, len(b.samples))], 1)) }
	}
	const notWAV = `(?i)not a WAV|no RIFF|not RIFF`
	return []badCase{
		// WAV decoding.
		wavCase("empty wav", func(*baselineRun) []byte { return nil }, 1, `(?i)empty|not a WAV`),
		wavCase("random bytes", func(*baselineRun) []byte { return noise(65536, 7) }, 1, notWAV),
		wavCase("text named .wav", func(*baselineRun) []byte {
			return []byte("These are my notes for the episode, not audio.\nSecond line.\n")
		}, 1, `(?i)text|not a WAV`),
		// Audio is recognised by content (issue 15): these are valid MP3
		// frames of silence, decoded as such.
		wavCase("mp3 named .wav", func(*baselineRun) []byte { return mp3Bytes() }, 0, `(?i)no speech`),
		wavCase("riff header only", func(*baselineRun) []byte { return []byte("RIFF\x04\x00\x00\x00WAVE") }, 1, `(?i)fmt|data|short|truncat|corrupt`),
		wavCase("fmt chunk cut short", func(b *baselineRun) []byte { return wavSpec{}.build(nil)[:30] }, 1, `(?i)fmt|short|truncat|corrupt`),
		wavCase("no fmt chunk", func(b *baselineRun) []byte { return wavSpec{noFmt: true}.build(pcm16(b.samples[:1600], 1)) }, 1, `(?i)fmt`),
		wavCase("no data chunk", func(b *baselineRun) []byte { return wavSpec{noData: true}.build(nil) }, 1, `(?i)data`),
		wavCase("zero channels", head(wavSpec{channels: -1, blockAlign: 2}, 16000), 1, `(?i)channel`),
		wavCase("zero sample rate", head(wavSpec{rate: -1}, 16000), 1, `(?i)rate`),
		wavCase("65535 channels", head(wavSpec{channels: 65535}, 16000), 1, `(?i)channel`),
		wavCase("10 MHz", head(wavSpec{rate: 10_000_000}, 16000), 1, `(?i)rate|Hz`),
		wavCase("4 GHz", head(wavSpec{rate: math.MaxUint32}, 16000), 1, `(?i)rate|Hz`),
		wavCase("zero bits", head(wavSpec{bits: -1, blockAlign: 2}, 16000), 1, `(?i)bit`),
		wavCase("block align contradicts", head(wavSpec{blockAlign: 7}, 16000), 1, `(?i)align|block|frame`),
		wavCase("mp3 inside wav", head(wavSpec{tag: tagMP3}, 16000), 1, `(?i)unsupported|compress|format|encoding`),
		wavCase("adpcm", head(wavSpec{tag: tagADPCM, bits: 4, blockAlign: 256}, 16000), 1, `(?i)unsupported|compress|format|encoding`),
		wavCase("extensible of unknown sub-format", head(wavSpec{tag: tagExtensible, sub: 0x1234}, 16000), 1, `(?i)unsupported|format|encoding`),
		wavCase("chunk size beyond the file", func(b *baselineRun) []byte {
			w := wavSpec{before: []chunk{{"LIST", make([]byte, 10)}}}.build(pcm16(b.samples[:1600], 1))
			i := bytes.Index(w, []byte("LIST"))
			copy(w[i+4:], []byte{0xF0, 0xFF, 0xFF, 0x7F})
			return w
		}, 1, `(?i)chunk|data|corrupt|truncat`),
		{name: "data size beyond the file: decode and warn", errRE: `(?i)data|truncat|short|holds|claims`, whole: true,
			setup: func(t *testing.T, c *caseEnv) []string {
				w := wavSpec{dataSize: int64(len(c.base.samples)) * 4}.build(pcm16(c.base.samples, 1))
				return c.args(c.write(t, "in.wav", w), c.transcript)
			}},
		good("odd chunk sizes and padding", func(b *baselineRun) []byte {
			return wavSpec{before: []chunk{{"LIST", []byte("INFOISFT\x05\x00\x00\x00Lavf\x00")}, {"junk", []byte("odd")}, {"bext", make([]byte, 9)}}}.build(pcm16(b.samples, 1))
		}),
		good("8-bit unsigned", func(b *baselineRun) []byte { return wavSpec{bits: 8}.build(pcm8(b.samples, 1)) }),
		good("24-bit packed", func(b *baselineRun) []byte { return wavSpec{bits: 24}.build(pcm24(b.samples, 1)) }),
		good("48 kHz 24-bit stereo", func(b *baselineRun) []byte {
			return wavSpec{bits: 24, channels: 2, rate: 48000}.build(pcm24(upsample3(b.samples), 2))
		}),
		good("extensible PCM", func(b *baselineRun) []byte {
			return wavSpec{tag: tagExtensible, sub: tagPCM, channels: 2}.build(pcm16(b.samples, 2))
		}),
		good("extensible float", func(b *baselineRun) []byte {
			return wavSpec{tag: tagExtensible, sub: tagFloat, bits: 32}.build(float32s(b.samples, 1, 0))
		}),
		good("RF64", func(b *baselineRun) []byte { return wavSpec{riff: "RF64"}.build(pcm16(b.samples, 1)) }),
		good("32-bit float", func(b *baselineRun) []byte { return wavSpec{tag: tagFloat, bits: 32}.build(float32s(b.samples, 1, 0)) }),
		{name: "32-bit float with NaN and Inf", whole: true, setup: func(t *testing.T, c *caseEnv) []string {
			w := wavSpec{tag: tagFloat, bits: 32}.build(float32s(c.base.samples, 1, 4001))
			return c.args(c.write(t, "in.wav", w), c.transcript)
		}},

		// Wrong pairings: a warning that says what is wrong.
		{name: "silence", whole: true, errRE: `(?i)no speech|silen`, setup: func(t *testing.T, c *caseEnv) []string {
			return c.args(c.write(t, "in.wav", wavSpec{}.build(pcm16(silence(len(c.base.samples)), 1))), c.transcript)
		}},
		{name: "music only", whole: true, errRE: `(?i)no speech|not seem to match|music`, setup: func(t *testing.T, c *caseEnv) []string {
			return c.args(c.write(t, "in.wav", wavSpec{}.build(pcm16(music(len(c.base.samples)), 1))), c.transcript)
		}},
		{name: "transcript of another episode", code: 1, errRE: `(?i)not seem to match|does not match`, setup: func(t *testing.T, c *caseEnv) []string {
			return c.args(c.audio, c.write(t, "other.txt", []byte(otherEpisode)))
		}},
		{name: "transcript covers half the audio", whole: true, errRE: `(?i)does not cover|untranscribed|not covered`, setup: func(t *testing.T, c *caseEnv) []string {
			return c.args(c.write(t, "in.wav", wavSpec{}.build(pcm16(repeatSamples(c.base.samples, 2), 1))), c.transcript)
		}},

		// Transcripts and settings.
		{name: "empty transcript", code: 1, errRE: `(?i)empty|no words`, names: "empty.txt", setup: func(t *testing.T, c *caseEnv) []string {
			return c.args(c.audio, c.write(t, "empty.txt", nil))
		}},
		{name: "binary transcript", code: 1, errRE: `(?i)binary|not text|text`, names: "bin.txt", setup: func(t *testing.T, c *caseEnv) []string {
			return c.args(c.audio, c.write(t, "bin.txt", noise(4096, 3)))
		}},
		{name: "transcript is the wav", code: 1, errRE: `(?i)binary|not text|audio|wav`, names: "episode.wav", setup: func(t *testing.T, c *caseEnv) []string {
			return c.args(c.audio, c.audio)
		}},
		{name: "missing transcript", code: 1, errRE: `no such file`, names: "nope.txt", setup: func(t *testing.T, c *caseEnv) []string {
			return c.args(c.audio, filepath.Join(c.dir, "nope.txt"))
		}},
		{name: "missing audio", code: 1, errRE: `no such file`, names: "nope.wav", setup: func(t *testing.T, c *caseEnv) []string {
			return c.args(filepath.Join(c.dir, "nope.wav"), c.transcript)
		}},
		{name: "audio is a directory", code: 1, errRE: `directory`, names: "adir", setup: func(t *testing.T, c *caseEnv) []string {
			d := filepath.Join(c.dir, "adir")
			os.Mkdir(d, 0o755)
			return c.args(d, c.transcript)
		}},
		{name: "config is not TOML", code: 1, errRE: `(?i)toml|podcast`, names: "bad.toml", setup: func(t *testing.T, c *caseEnv) []string {
			a := c.args(c.audio, c.transcript)
			return append(a, "--config", c.write(t, "bad.toml", []byte("title = \"unterminated\nbase_url = [\n")))
		}},
		{name: "feed is not XML", code: 1, errRE: `(?i)feed|xml|rss`, names: "feed.xml", setup: func(t *testing.T, c *caseEnv) []string {
			if err := os.WriteFile(c.feed, []byte("this is not a feed\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			return c.args(c.audio, c.transcript)
		}},

		// Inputs inside --out under an output's name: refused, not overwritten.
		{name: "--out holds the transcript.vtt being read", code: 1, errRE: `(?i)overwrite`, names: "transcript.vtt",
			setup: func(t *testing.T, c *caseEnv) []string {
				in := filepath.Join(c.out, "transcript.vtt")
				copyFile(t, filepath.Join(sampleDir(), "transcript.vtt"), in)
				return c.args(c.audio, in)
			}},
		{name: "--out holds the transcript.json being read", code: 1, errRE: `(?i)overwrite`, names: "transcript.json",
			setup: func(t *testing.T, c *caseEnv) []string {
				in := filepath.Join(c.out, "transcript.json")
				copyFile(t, filepath.Join(c.base.out, "transcript.json"), in)
				return c.args(c.audio, in)
			}},
		{name: "--out holds the transcript through a link", code: 1, errRE: `(?i)overwrite`, names: "transcript.srt",
			setup: func(t *testing.T, c *caseEnv) []string {
				os.Remove(filepath.Join(c.out, "transcript.srt"))
				if err := os.Link(c.transcript, filepath.Join(c.out, "transcript.srt")); err != nil {
					t.Skip("hard link:", err)
				}
				return c.args(c.audio, c.transcript)
			}},

		// Checks before the work: each fails in a second, nothing written.
		{name: "episode.html is a directory", code: 1, errRE: `(?i)directory`, names: "episode.html",
			setup: func(t *testing.T, c *caseEnv) []string {
				p := filepath.Join(c.out, "episode.html")
				os.Remove(p)
				os.MkdirAll(filepath.Join(p, "inside"), 0o755)
				return c.args(c.audio, c.transcript)
			}},
		{name: "--feed is an output file", code: 1, errRE: `(?i)output`, names: "shownotes.html",
			setup: func(t *testing.T, c *caseEnv) []string {
				return append(c.args(c.audio, c.transcript), "--feed", filepath.Join(c.out, "shownotes.html"))
			}},
		{name: "--feed in a missing directory", code: 1, errRE: `(?i)does not exist`, names: "nodir",
			setup: func(t *testing.T, c *caseEnv) []string {
				return append(c.args(c.audio, c.transcript), "--feed", filepath.Join(c.dir, "nodir", "feed.xml"))
			}},
		{name: "new feed without title", code: 1, errRE: `title`, names: "show.toml", setup: func(t *testing.T, c *caseEnv) []string {
			return newFeedArgs(c, showConfig(t, c, []string{"title"}))
		}},
		{name: "new feed without category", code: 1, errRE: `category`, names: "show.toml", setup: func(t *testing.T, c *caseEnv) []string {
			return newFeedArgs(c, showConfig(t, c, []string{"category"}))
		}},
		{name: "new feed with a bad owner_email", code: 1, errRE: `owner_email`, names: "show.toml", setup: func(t *testing.T, c *caseEnv) []string {
			return newFeedArgs(c, showConfig(t, c, []string{"owner_email"}, `owner_email = "not an address"`))
		}},
		{name: "--config /dev/zero", code: 1, errRE: `(?i)larger than`, names: "/dev/zero", setup: func(t *testing.T, c *caseEnv) []string {
			return append(c.args(c.audio, c.transcript), "--config", "/dev/zero")
		}},
		{name: "--glossary /dev/urandom", code: 1, errRE: `(?i)larger than`, names: "/dev/urandom", setup: func(t *testing.T, c *caseEnv) []string {
			return append(c.args(c.audio, c.transcript), "--glossary", "/dev/urandom")
		}},

		// Messages.
		{name: "UTF-16 feed", code: 1, errRE: `UTF-16`, names: "feed.xml", setup: func(t *testing.T, c *caseEnv) []string {
			b, err := os.ReadFile(c.feed)
			if err != nil {
				t.Fatal(err)
			}
			x := strings.Replace(string(b), `encoding="UTF-8"`, `encoding="UTF-16"`, 1)
			if err := os.WriteFile(c.feed, utf16LE(x), 0o644); err != nil {
				t.Fatal(err)
			}
			return c.args(c.audio, c.transcript)
		}},
		{name: "audio too short", code: 1, errRE: `(?i)too short`, names: "short.wav", setup: func(t *testing.T, c *caseEnv) []string {
			return c.args(c.write(t, "short.wav", wavSpec{}.build(pcm16(c.base.samples[:800], 1))), c.transcript)
		}},
		{name: "control characters in the transcript", whole: true, check: noControls, setup: func(t *testing.T, c *caseEnv) []string {
			b, err := os.ReadFile(c.transcript)
			if err != nil {
				t.Fatal(err)
			}
			x := strings.Replace(string(b), "Welcome.", "Welcome.\x1b[31m\x07\u0085", 1)
			x = strings.Replace(x, "Thank you.", "Thank\x1b[0m you.\x0b", 1)
			return c.args(c.audio, c.write(t, "dirty.txt", []byte(x)))
		}},

		// Usage.
		{name: "no --out", code: 2, errRE: `--out`, setup: func(t *testing.T, c *caseEnv) []string {
			return []string{"run", "--transcript", c.transcript}
		}},
		{name: "unknown flag", code: 2, errRE: `flag`, setup: func(t *testing.T, c *caseEnv) []string {
			return append(c.args(c.audio, c.transcript), "--bogus")
		}},
		{name: "bad --pub-date", code: 2, errRE: `pub-date`, setup: func(t *testing.T, c *caseEnv) []string {
			return append(c.args(c.audio, c.transcript), "--pub-date", "yesterday")
		}},

		// Outputs.
		{name: "--out is a file", code: 1, errRE: `(?i)not a directory|output`, names: "afile", setup: func(t *testing.T, c *caseEnv) []string {
			a := c.args(c.audio, c.transcript)
			return append(a, "--out", c.write(t, "afile", []byte("x")))
		}},
		{name: "output directory not writable", code: 1, errRE: `(?i)permission|writ`, names: "out", asNobody: true,
			setup: func(t *testing.T, c *caseEnv) []string {
				chmodAll(t, c, 0o755)
				os.Chmod(c.out, 0o555)
				return c.args(c.audio, c.transcript)
			}},
		{name: "output directory cannot be created", code: 1, errRE: `(?i)permission|writ|create`, names: "ro", asNobody: true,
			setup: func(t *testing.T, c *caseEnv) []string {
				chmodAll(t, c, 0o755)
				ro := filepath.Join(c.dir, "ro")
				os.Mkdir(ro, 0o555)
				return append(c.args(c.audio, c.transcript), "--out", filepath.Join(ro, "new"))
			}},
		{name: "feed in a read-only directory", code: 1, errRE: `(?i)permission|writ`, names: "feed", asNobody: true,
			setup: func(t *testing.T, c *caseEnv) []string {
				chmodAll(t, c, 0o755)
				os.Chmod(c.feedDir, 0o555)
				return c.args(c.audio, c.transcript)
			}},
	}
}

// chmodAll makes the case's directory writable by the unprivileged user
// (so that only the directory under test is not).
func chmodAll(t *testing.T, c *caseEnv, mode os.FileMode) {
	t.Helper()
	filepath.WalkDir(c.dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if e.IsDir() {
			os.Chmod(p, mode|0o777)
		} else {
			os.Chmod(p, 0o666)
		}
		return nil
	})
}

var panicRE = regexp.MustCompile(`(?m)^(panic:|goroutine \d+ \[|fatal error:|runtime error)`)

func TestBadInputs(t *testing.T) {
	b := getBaseline(t)
	for _, tc := range badCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := newCase(t, b, tc.name)
			args := tc.setup(t, c)
			user := 0
			if tc.asNobody && os.Geteuid() == 0 {
				user = nobody
			}
			before := snapshot(t, c.out, c.feedDir)
			r := runBin(t, user, args...)
			after := snapshot(t, c.out, c.feedDir)
			t.Logf("exit %d, stderr:\n%s", r.code, r.stderr)

			if panicRE.MatchString(r.stderr) {
				t.Fatalf("shownotes run panicked:\n%s", r.stderr)
			}
			if r.code != tc.code {
				t.Fatalf("shownotes run (%s) exit = %d, want %d; stderr:\n%s", tc.name, r.code, tc.code, r.stderr)
			}
			if left := tempFiles(c.out, c.feedDir, c.dir); len(left) > 0 {
				t.Errorf("temporary files left behind: %v", left)
			}
			re := regexp.MustCompile(tc.errRE)
			if tc.code != 0 {
				lines := r.errLines()
				if len(lines) != 1 {
					t.Fatalf("stderr has %d error lines, want 1:\n%s", len(lines), r.stderr)
				}
				line := lines[0]
				if !strings.HasPrefix(line, "shownotes: ") || len(line) > 400 {
					t.Errorf("error line = %q, want one line starting \"shownotes: \"", line)
				}
				if !re.MatchString(line) {
					t.Errorf("error line = %q, want a match of %s", line, tc.errRE)
				}
				if tc.names != "" && !strings.Contains(line, tc.names) {
					t.Errorf("error line = %q, want it to name %s", line, tc.names)
				}
				if d := diffSnapshots(before, after); len(d) > 0 {
					t.Errorf("a failed run changed the earlier outputs or feed: %v", d)
				}
				return
			}
			if len(r.errLines()) > 2 { // "notes written to", "episode added to"
				t.Errorf("stderr of a good run has unexpected lines:\n%s", r.stderr)
			}
			if tc.errRE != "" && !re.MatchString(r.stderr) {
				t.Errorf("stderr = %q, want a warning matching %s", r.stderr, tc.errRE)
			}
			for _, name := range []string{"shownotes.md", "transcript.vtt", "alignment.json", "episode.html"} {
				if st, err := os.Stat(filepath.Join(c.out, name)); err != nil || st.Size() == 0 {
					t.Errorf("output %s missing or empty after a good run: %v", name, err)
				}
			}
			if tc.check != nil {
				tc.check(t, c)
			}
			if tc.sameTimes {
				got, err := readAlignment(filepath.Join(c.out, "alignment.json"))
				if err != nil {
					t.Fatal(err)
				}
				if msg := compareTimes(got, b.words); msg != "" {
					t.Errorf("word times differ from the 16-bit original's: %s", msg)
				}
			}
		})
	}
}

// compareTimes checks that two alignments of the same words agree: 90% of
// the start times within 0.1 s, none off by more than 1 s.
func compareTimes(got, want []alignedWord) string {
	if len(got) != len(want) {
		return fmt.Sprintf("%d words, want %d", len(got), len(want))
	}
	near, known := 0, 0
	for i := range want {
		if want[i].Start == nil {
			continue
		}
		known++
		if got[i].Start == nil {
			return fmt.Sprintf("word %d %q has no time", i, got[i].Text)
		}
		d := math.Abs(*got[i].Start - *want[i].Start)
		if d > 1 {
			return fmt.Sprintf("word %d %q starts at %.2f, want %.2f", i, got[i].Text, *got[i].Start, *want[i].Start)
		}
		if d <= 0.1 {
			near++
		}
	}
	if known == 0 || near*10 < known*9 {
		return fmt.Sprintf("%d of %d start times within 0.1 s, want 90%%", near, known)
	}
	return ""
}

// TestFullDisk fills a small tmpfs so that the run cannot write its
// outputs: the error must say so and the earlier outputs stay whole.
func TestFullDisk(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root")
	}
	b := getBaseline(t)
	c := newCase(t, b, "full")
	mnt := filepath.Join(c.dir, "small")
	os.Mkdir(mnt, 0o755)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v: %s)", err, bytes.TrimSpace(out))
	}
	t.Cleanup(func() { exec.Command("umount", mnt).Run() })
	out := filepath.Join(mnt, "out")
	os.Mkdir(out, 0o755)
	ents, _ := os.ReadDir(c.out)
	for _, e := range ents {
		copyFile(t, filepath.Join(c.out, e.Name()), filepath.Join(out, e.Name()))
	}
	// Fill the rest of the file system but a few kilobytes.
	var st syscall.Statfs_t
	if err := syscall.Statfs(mnt, &st); err != nil {
		t.Fatal(err)
	}
	free := int64(st.Bavail) * int64(st.Bsize)
	if err := os.WriteFile(filepath.Join(mnt, "filler"), make([]byte, max(free-8192, 0)), 0o644); err != nil {
		t.Logf("filler: %v", err) // ENOSPC near the end is fine
	}
	before := snapshot(t, out, c.feedDir)
	args := append(c.args(c.audio, c.transcript), "--out", out)
	r := runBin(t, 0, args...)
	after := snapshot(t, out, c.feedDir)
	t.Logf("exit %d, stderr:\n%s", r.code, r.stderr)
	if r.code != 1 {
		t.Fatalf("exit = %d, want 1; stderr:\n%s", r.code, r.stderr)
	}
	lines := r.errLines()
	if len(lines) != 1 || !strings.Contains(lines[0], "no space left") {
		t.Errorf("stderr = %q, want one line saying no space left", r.stderr)
	}
	if d := diffSnapshots(before, after); len(d) > 0 {
		t.Errorf("a failed run changed the earlier outputs or feed: %v", d)
	}
	if left := tempFiles(out, c.feedDir); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}
