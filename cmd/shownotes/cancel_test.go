package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// longEpisode is the sample repeated to about five minutes, long enough for
// a run to be caught in the middle of each stage.
var (
	longOnce                  sync.Once
	longAudio, longTranscript string
	longErr                   error
)

const longRepeats = 8

func getLongEpisode(t *testing.T, b *baselineRun) (audio, transcript string) {
	t.Helper()
	longOnce.Do(func() {
		dir := filepath.Join(testRoot, "long")
		if longErr = os.MkdirAll(dir, 0o755); longErr != nil {
			return
		}
		longAudio = filepath.Join(dir, "long.wav")
		longTranscript = filepath.Join(dir, "long.txt")
		if longErr = mustWrite(longAudio, wavSpec{}.build(pcm16(repeatSamples(b.samples, longRepeats), 1))); longErr != nil {
			return
		}
		tr, err := os.ReadFile(filepath.Join(sampleDir(), "transcript.txt"))
		if err != nil {
			longErr = err
			return
		}
		longErr = mustWrite(longTranscript, []byte(strings.Repeat(strings.TrimSpace(string(tr))+"\n\n", longRepeats)))
	})
	if longErr != nil {
		t.Fatal(longErr)
	}
	return longAudio, longTranscript
}

var stageLine = regexp.MustCompile(`^\[\s*\d+\] (\w+)`)

// TestCancel interrupts a run in the middle of a stage: it must stop within
// a second with status 130, leave no temporary file, and leave the earlier
// outputs and the feed byte for byte as they were.
func TestCancel(t *testing.T) {
	b := getBaseline(t)
	audio, transcript := getLongEpisode(t, b)
	// A 30k-word transcript without audio: its text stages take seconds.
	seed, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	bigText := filepath.Join(testRoot, "long", "big.txt")
	if err := mustWrite(bigText, []byte(strings.Repeat(strings.TrimSpace(string(seed))+"\n\n", 10))); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name              string
		sig               syscall.Signal
		stage             string // the signal goes when this stage starts
		audio, transcript string
	}{
		{"SIGTERM in audio", syscall.SIGTERM, "audio", audio, transcript},
		{"SIGINT in align", syscall.SIGINT, "align", audio, transcript},
		{"SIGINT in entities", syscall.SIGINT, "entities", audio, transcript},
		{"SIGTERM in chapters", syscall.SIGTERM, "chapters", audio, transcript},

		{"SIGINT in entities of 30k words", syscall.SIGINT, "entities", "", bigText},
		{"SIGTERM in quotes of 30k words", syscall.SIGTERM, "quotes", "", bigText},

		// The terminal closed: handled like SIGTERM.
		{"SIGHUP in align", syscall.SIGHUP, "align", audio, transcript},
		{"SIGHUP in chapters of 30k words", syscall.SIGHUP, "chapters", "", bigText},

		// The outputs are committed: the message must say so, and the
		// disk must agree with it.
		{"SIGINT in feed", syscall.SIGINT, "feed", audio, transcript},
		{"SIGHUP in feed", syscall.SIGHUP, "feed", "", bigText},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newCase(t, b, tc.name)
			before := snapshot(t, c.out, c.feedDir)
			args := append(c.args(tc.audio, tc.transcript), "--verbose")
			if tc.audio == "" {
				args = append(args, "--enclosure", c.audio)
			}
			cmd := exec.Command(binPath, args...)
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			started := make(chan string, 32)
			var mu sync.Mutex
			var lines []string
			done := make(chan struct{})
			go func() {
				defer close(done)
				sc := bufio.NewScanner(stderr)
				for sc.Scan() {
					mu.Lock()
					lines = append(lines, sc.Text())
					mu.Unlock()
					if m := stageLine.FindStringSubmatch(sc.Text()); m != nil {
						started <- m[1]
					}
				}
				close(started)
			}()
			var sent time.Time
			for s := range started {
				if s == tc.stage {
					sent = time.Now()
					cmd.Process.Signal(tc.sig)
					break
				}
			}
			if sent.IsZero() {
				<-done
				cmd.Wait()
				t.Fatalf("the run never entered stage %s; stderr:\n%s", tc.stage, strings.Join(lines, "\n"))
			}
			exited := make(chan error, 1)
			go func() {
				<-done
				exited <- cmd.Wait()
			}()
			var werr error
			select {
			case werr = <-exited:
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
				<-exited
				t.Fatalf("still running 10 s after %v", tc.sig)
			}
			took := time.Since(sent)
			mu.Lock()
			out := strings.Join(lines, "\n")
			mu.Unlock()
			t.Logf("%v at the start of %s: exit after %v; stderr:\n%s", tc.sig, tc.stage, took.Round(time.Millisecond), out)
			code := 0
			if ee, ok := werr.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else if werr != nil {
				t.Fatal(werr)
			}
			if took > time.Second {
				t.Errorf("stopped %v after %v, want within 1 s", took.Round(time.Millisecond), tc.sig)
			}
			if left := tempFiles(c.out, c.feedDir); len(left) > 0 {
				t.Errorf("temporary files left behind: %v", left)
			}
			if left := stagingDirs(c.out); len(left) > 0 {
				t.Errorf("staging directories left behind: %v", left)
			}
			if tc.stage == "feed" {
				checkAfterWrite(t, code, out, before, snapshot(t, c.out, c.feedDir), c)
				return
			}
			if code != exitInterrupted {
				t.Errorf("exit = %d, want %d", code, exitInterrupted)
			}
			if !strings.HasSuffix(out, "shownotes: interrupted; outputs and feed left as they were") {
				t.Errorf("stderr does not end with the interrupted line:\n%s", out)
			}
			if d := diffSnapshots(before, snapshot(t, c.out, c.feedDir)); len(d) > 0 {
				t.Errorf("an interrupted run changed the earlier outputs or feed: %v", d)
			}
		})
	}
}

// stagingDirs lists the write stage's staging directories left in dir.
func stagingDirs(dir string) []string {
	m, _ := filepath.Glob(filepath.Join(dir, ".shownotes-staging-*"))
	return m
}

// checkAfterWrite checks a run signalled once the outputs were committed:
// whatever it says must be what the disk holds. Either it finished (exit 0,
// outputs and feed new) or it stopped before the feed (exit 130, saying the
// outputs were written and the feed left as it was).
func checkAfterWrite(t *testing.T, code int, stderr string, before, after map[string]string, c *caseEnv) {
	t.Helper()
	outChanged, feedChanged := 0, false
	for _, d := range diffSnapshots(before, after) {
		switch {
		case strings.HasPrefix(d, "changed "+c.feed):
			feedChanged = true
		case strings.HasPrefix(d, "changed "+c.out+"/"):
			outChanged++
		}
	}
	if outChanged == 0 {
		t.Errorf("the write stage had finished but the outputs are the earlier run's")
	}
	switch code {
	case exitOK:
		if !feedChanged {
			t.Errorf("exit 0 but the feed was not updated; stderr:\n%s", stderr)
		}
	case exitInterrupted:
		if !strings.HasSuffix(stderr, "shownotes: interrupted after the outputs were written; the feed was left as it was") {
			t.Errorf("stderr does not say the outputs were written:\n%s", stderr)
		}
		if feedChanged {
			t.Errorf("the run says the feed was left as it was, but it changed")
		}
	default:
		t.Errorf("exit = %d, want 0 or %d; stderr:\n%s", code, exitInterrupted, stderr)
	}
}
