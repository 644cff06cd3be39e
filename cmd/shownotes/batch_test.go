package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/shownotes/shownotes/feeds"
	"github.com/shownotes/shownotes/pipeline/batch"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
)

// catalogue lays out n episodes (the committed sample's audio and
// transcript under names of their own, each with its date) and a
// manifest with relative paths; it returns the directory.
func catalogue(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	wav, err := os.ReadFile(filepath.Join(testcorpus.Sample(), "episode.wav"))
	if err != nil {
		t.Fatal(err)
	}
	txt, err := os.ReadFile(filepath.Join(testcorpus.Sample(), "transcript.txt"))
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "in"), 0o755)
	var m strings.Builder
	m.WriteString("audio,transcript,out,title,episode,pub_date\n")
	for i := 1; i <= n; i++ {
		os.WriteFile(filepath.Join(dir, "in", fmt.Sprintf("ep%d.wav", i)), wav, 0o644)
		os.WriteFile(filepath.Join(dir, "in", fmt.Sprintf("ep%d.txt", i)), txt, 0o644)
		// dates out of manifest order: the feed must sort them
		fmt.Fprintf(&m, "in/ep%d.wav,in/ep%d.txt,out/ep%d,Episode %d,%d,2026-%02d-%02dT09:00:00Z\n", i, i, i, i, i, (i*5)%12+1, i)
	}
	if err := os.WriteFile(filepath.Join(dir, "manifest.csv"), []byte(m.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile(filepath.Join(testcorpus.Root(), "testdata", "podcast.toml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "podcast.toml"), cfg, 0o644)
	return dir
}

// TestBatchShardsThenFeedAdd: three shards started at once, then feed add:
// every episode written once, a valid feed of 8 items newest first; a second
// feed add adds and rewrites nothing; a rerun skips every episode and
// rewrites no output.
func TestBatchShardsThenFeedAdd(t *testing.T) {
	dir := catalogue(t, 8)
	var cmds []*exec.Cmd
	var errs []*bytes.Buffer
	for s := range 3 {
		cmd := exec.Command(binPath, "batch", "manifest.csv", "--config", "podcast.toml", "--shard", fmt.Sprintf("%d/3", s))
		cmd.Dir = dir
		var e bytes.Buffer
		cmd.Stderr = &e
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, errs = append(cmds, cmd), append(errs, &e)
	}
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Fatalf("shard %d: %v\n%s", i, err, errs[i])
		}
	}
	var outs []string
	mtimes := map[string]time.Time{}
	for i := 1; i <= 8; i++ {
		out := filepath.Join(dir, "out", fmt.Sprintf("ep%d", i))
		outs = append(outs, out)
		for _, f := range []string{batch.StateFile, batch.ItemFile, "shownotes.md", "alignment.json"} {
			st, err := os.Stat(filepath.Join(out, f))
			if err != nil {
				t.Fatalf("episode %d: %v", i, err)
			}
			mtimes[filepath.Join(out, f)] = st.ModTime()
		}
	}
	all := strings.Join([]string{errs[0].String(), errs[1].String(), errs[2].String()}, "")
	if n := strings.Count(all, ": done in"); n != 8 {
		t.Errorf("shards reported %d episodes done, want 8 (each once):\n%s", n, all)
	}

	feed := filepath.Join(dir, "feed.xml")
	r := runBin(t, 0, append([]string{"feed", "add", feed, "--config", filepath.Join(dir, "podcast.toml")}, outs...)...)
	if r.code != 0 || !strings.Contains(r.stdout, "8 added") {
		t.Fatalf("feed add: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	data, err := os.ReadFile(feed)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range feeds.Validate(data) {
		if p.Severity == "error" {
			t.Errorf("feed add: feed invalid: %s", p.Msg)
		}
	}
	items, err := feeds.ParseItems(data)
	if err != nil || len(items) != 8 {
		t.Fatalf("feed has %d items (%v), want 8", len(items), err)
	}
	for i := 1; i < len(items); i++ {
		if items[i].PubDate.After(items[i-1].PubDate) {
			t.Errorf("items not newest first: %s before %s", items[i-1].PubDate, items[i].PubDate)
		}
	}
	st0, _ := os.Stat(feed)
	r = runBin(t, 0, append([]string{"feed", "add", feed, "--config", filepath.Join(dir, "podcast.toml")}, outs...)...)
	if st1, _ := os.Stat(feed); r.code != 0 || !strings.Contains(r.stdout, "0 added, 0 updated, 8 unchanged") || !st1.ModTime().Equal(st0.ModTime()) {
		t.Errorf("second feed add: exit %d, %q; feed rewritten: %v", r.code, r.stdout, !st1.ModTime().Equal(st0.ModTime()))
	}

	t0 := time.Now()
	r = runBin(t, 0, "batch", filepath.Join(dir, "manifest.csv"), "--config", filepath.Join(dir, "podcast.toml"))
	if r.code != 0 || strings.Count(r.stderr, ": skipped in") != 8 {
		t.Errorf("rerun: exit %d, want every episode skipped:\n%s", r.code, r.stderr)
	}
	t.Logf("rerun of 8 unchanged episodes: %s", time.Since(t0))
	for f, m := range mtimes {
		if st, err := os.Stat(f); err != nil || !st.ModTime().Equal(m) {
			t.Errorf("rerun rewrote %s", f)
		}
	}

	// A changed transcript reruns that episode only.
	txt := filepath.Join(dir, "in", "ep3.txt")
	b, _ := os.ReadFile(txt)
	os.WriteFile(txt, append(b, []byte("\nAlex Wang\n\nThanks for listening.\n")...), 0o644)
	r = runBin(t, 0, "batch", filepath.Join(dir, "manifest.csv"), "--config", filepath.Join(dir, "podcast.toml"))
	if r.code != 0 || strings.Count(r.stderr, ": skipped in") != 7 || !strings.Contains(r.stderr, "ep3: done") {
		t.Errorf("after editing ep3's transcript: exit %d, want ep3 redone and 7 skipped:\n%s", r.code, r.stderr)
	}
}

// TestBatchKilled: a batch killed with SIGKILL mid-run (with its episode
// processes) is completed by the next run, with no temporary files left.
func TestBatchKilled(t *testing.T) {
	dir := catalogue(t, 4)
	cmd := exec.Command(binPath, "batch", "manifest.csv", "--config", "podcast.toml")
	cmd.Dir = dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// kill once the first episode is under way
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if m, _ := filepath.Glob(filepath.Join(dir, "out", "*", ".shownotes-staging-*")); len(m) > 0 {
			break
		}
		if _, err := os.Stat(filepath.Join(dir, "out", "ep1")); err == nil {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	cmd.Wait()
	r := runBin(t, 0, "batch", filepath.Join(dir, "manifest.csv"), "--config", filepath.Join(dir, "podcast.toml"))
	if r.code != 0 {
		t.Fatalf("batch after a kill: exit %d\n%s", r.code, r.stderr)
	}
	for i := 1; i <= 4; i++ {
		out := filepath.Join(dir, "out", fmt.Sprintf("ep%d", i))
		if _, err := os.Stat(filepath.Join(out, batch.StateFile)); err != nil {
			t.Errorf("episode %d not completed: %v", i, err)
		}
		left, _ := filepath.Glob(filepath.Join(out, ".*tmp*"))
		staging, _ := filepath.Glob(filepath.Join(out, ".shownotes-staging-*"))
		if len(left)+len(staging) > 0 {
			t.Errorf("episode %d: leftovers %v %v", i, left, staging)
		}
	}
}

// TestBatchFailureReported: one bad episode is reported and fails the
// batch, the others are done.
func TestBatchFailureReported(t *testing.T) {
	dir := catalogue(t, 3)
	os.WriteFile(filepath.Join(dir, "in", "ep2.wav"), []byte("not audio"), 0o644)
	r := runBin(t, 0, "batch", filepath.Join(dir, "manifest.csv"), "--json", filepath.Join(dir, "status.jsonl"))
	if r.code == 0 || strings.Count(r.stderr, ": done in") != 2 || !strings.Contains(r.stderr, "ep2: failed") {
		t.Errorf("batch with one bad episode: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	j, _ := os.ReadFile(filepath.Join(dir, "status.jsonl"))
	if lines := strings.Split(strings.TrimSpace(string(j)), "\n"); len(lines) != 4 || !strings.Contains(lines[3], `"failed":1`) {
		t.Errorf("JSON lines = %q, want 3 episodes and a summary with one failure", j)
	}
}
