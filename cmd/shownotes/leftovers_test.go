package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/shownotes/shownotes/stages/write"
)

// TestLeftovers: what a SIGKILLed run left (a staging directory in --out, a
// temporary file beside the feed) is removed by the next run, while a live
// run's staging directory is kept.
func TestLeftovers(t *testing.T) {
	b := getBaseline(t)
	c := newCase(t, b, "leftovers")
	dead := filepath.Join(c.out, ".shownotes-staging-999999999-123")
	old := filepath.Join(c.out, ".shownotes-staging-456")
	live := filepath.Join(c.out, ".shownotes-staging-"+strconv.Itoa(os.Getpid())+"-789")
	for _, d := range []string{dead, old, live} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(d, "shownotes.md"), []byte("half-written"), 0o644)
	}
	past := time.Now().Add(-2 * time.Hour)
	os.Chtimes(old, past, past)
	feedTemp := filepath.Join(c.feedDir, ".feed.xml.tmp3141592")
	os.WriteFile(feedTemp, []byte("<rss>half"), 0o644)
	twoMin := time.Now().Add(-2 * time.Minute)
	os.Chtimes(feedTemp, twoMin, twoMin)
	fresh := filepath.Join(c.feedDir, ".feed.xml.tmp2718") // maybe a run starting now
	os.WriteFile(fresh, []byte("<rss>"), 0o644)

	r := runBin(t, 0, c.args(c.audio, c.transcript)...)
	if r.code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", r.code, r.stderr)
	}
	for p, keep := range map[string]bool{dead: false, old: false, live: true, feedTemp: false, fresh: true} {
		_, err := os.Stat(p)
		if got := err == nil; got != keep {
			t.Errorf("%s kept = %v, want %v", filepath.Base(p), got, keep)
		}
	}
}

// TestClosedStderr: a run whose stderr is closed early (shownotes ... 2>&1 |
// head -1) is not killed by SIGPIPE half-way: it finishes its work.
func TestClosedStderr(t *testing.T) {
	b := getBaseline(t)
	c := newCase(t, b, "sigpipe")
	before := snapshot(t, c.out, c.feedDir)
	cmd := exec.Command(binPath, append(c.args(c.audio, c.transcript), "--verbose")...)
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = pw, pw
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	line, _ := bufio.NewReader(pr).ReadString('\n')
	pr.Close() // like head -1
	err = cmd.Wait()
	t.Logf("first line %q; wait: %v", line, err)
	if err != nil {
		t.Fatalf("run with a closed stderr: %v, want exit 0", err)
	}
	changed := diffSnapshots(before, snapshot(t, c.out, c.feedDir))
	if len(changed) < len(write.OutputNames)+1 {
		t.Errorf("only %d files changed, want every output and the feed: %v", len(changed), changed)
	}
}

func TestRemoveFeedTemps(t *testing.T) {
	tests := []struct {
		name     string
		lock     string // "", "free" or "held"
		age      time.Duration
		wantGone bool
	}{
		{"no lock file, fresh temp (a run may be starting)", "", 0, false},
		{"no lock file, temp of two minutes", "", 2 * time.Minute, true},
		{"lock free, fresh temp", "free", 0, true},
		{"lock held by a live run", "held", 2 * time.Hour, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			feed := filepath.Join(dir, "feed.xml")
			tmp := filepath.Join(dir, ".feed.xml.tmp123")
			os.WriteFile(tmp, []byte("<rss"), 0o644)
			then := time.Now().Add(-tc.age)
			os.Chtimes(tmp, then, then)
			if tc.lock != "" {
				f, err := os.Create(filepath.Join(dir, ".feed.xml.lock"))
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				if tc.lock == "held" {
					if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
						t.Fatal(err)
					}
				}
			}
			removeFeedTemps(feed)
			_, err := os.Stat(tmp)
			if gone := os.IsNotExist(err); gone != tc.wantGone {
				t.Errorf("temp removed = %v, want %v", gone, tc.wantGone)
			}
		})
	}
}

// TestKillThenRerun kills a run (SIGKILL: no chance to clean up) as the
// write or the feed stage starts, then runs again: the second run must
// finish, leaving no staging directory and no feed temporary behind.
func TestKillThenRerun(t *testing.T) {
	b := getBaseline(t)
	for _, stage := range []string{"write", "feed"} {
		t.Run(stage, func(t *testing.T) {
			c := newCase(t, b, "kill-"+stage)
			args := append(c.args(c.audio, c.transcript), "--verbose")
			cmd := exec.Command(binPath, args...)
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(stderr)
			killed := false
			for sc.Scan() {
				if m := stageLine.FindStringSubmatch(sc.Text()); m != nil && m[1] == stage {
					cmd.Process.Kill()
					killed = true
					break
				}
			}
			for sc.Scan() {
			}
			cmd.Wait()
			if !killed {
				t.Fatalf("the run never reached the %s stage", stage)
			}
			r := runBin(t, 0, c.args(c.audio, c.transcript)...)
			if r.code != 0 {
				t.Fatalf("rerun after SIGKILL: exit %d; stderr:\n%s", r.code, r.stderr)
			}
			if left := stagingDirs(c.out); len(left) > 0 {
				t.Errorf("staging directories left after the rerun: %v", left)
			}
			if left := tempFiles(c.out, c.feedDir); len(left) > 0 {
				t.Errorf("temporary files left after the rerun: %v", left)
			}
		})
	}
}
