package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/batch"
)

// batchCmd runs `shownotes run` for each episode of a manifest (its shard
// of it), skipping episodes whose inputs, settings and tool version are
// unchanged since their last complete run. Each episode runs as its own
// process (the synthesiser is not reentrant, and a crash stays one
// episode's); --jobs of them at a time.
func batchCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("batch", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var (
		configPath, glossary, shardFlag, jsonPath string
		jobs                                      int
		quiet                                     bool
	)
	fs.StringVar(&configPath, "config", "", "podcast.toml: with it each finished episode's output holds its feed item (feed-item.xml)")
	fs.StringVar(&glossary, "glossary", "", "glossary.toml fixing names (default: glossary.toml beside --config)")
	fs.StringVar(&shardFlag, "shard", "", "I/N: take rows I, I+N, … (default from JOB_COMPLETION_INDEX or SHOWNOTES_SHARD_INDEX and SHOWNOTES_SHARDS)")
	fs.IntVar(&jobs, "jobs", 1, "episodes run at once")
	fs.StringVar(&jsonPath, "json", "", "write one JSON line per episode and a summary line to this file (- for stdout)")
	fs.BoolVar(&quiet, "quiet", false, "no progress lines")
	// flags may follow the manifest
	var manifest string
	rest := args
	for len(rest) > 0 {
		if err := fs.Parse(rest); err != nil {
			return &usageError{"batch: " + err.Error()}
		}
		if fs.NArg() == 0 {
			break
		}
		if manifest != "" {
			return &usageError{fmt.Sprintf("batch: unexpected argument %q", fs.Arg(0))}
		}
		manifest, rest = fs.Arg(0), fs.Args()[1:]
	}
	if manifest == "" {
		return &usageError{"batch: give the manifest: shownotes batch MANIFEST.csv"}
	}
	if jobs < 1 || jobs > 64 {
		return &usageError{"batch: --jobs must be 1 to 64"}
	}
	var shard batch.Shard
	if shardFlag != "" {
		s, err := batch.ParseShard(shardFlag)
		if err != nil {
			return &usageError{"batch: --" + err.Error()}
		}
		shard = s
	} else if s, ok, err := batch.ShardFromEnv(os.Getenv); err != nil {
		return &usageError{"batch: " + err.Error()}
	} else if ok {
		shard = s
	}
	rows, err := batch.ReadManifest(manifest)
	if err != nil {
		return err
	}
	mine := shard.Select(rows)
	if configPath != "" {
		if configPath, err = filepath.Abs(configPath); err != nil {
			return err
		}
		if _, err := pipeline.LoadPodcast(configPath); err != nil {
			return err
		}
		if glossary == "" {
			glossary, _ = pipeline.GlossaryBeside(configPath)
		}
	}
	if glossary != "" {
		if glossary, err = filepath.Abs(glossary); err != nil {
			return err
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("batch: cannot find the shownotes binary to run episodes: %w", err)
	}

	var jsonOut io.Writer
	switch jsonPath {
	case "":
	case "-":
		jsonOut = stdout
	default:
		f, err := os.Create(jsonPath)
		if err != nil {
			return fmt.Errorf("batch: --json: %w", unwrapPathError(err))
		}
		defer f.Close()
		jsonOut = f
	}

	b := &batchRun{exe: exe, config: configPath, glossary: glossary, stderr: stderr, json: jsonOut,
		quiet: quiet, total: len(mine), start: time.Now()}
	work := make(chan batch.Row)
	var wg sync.WaitGroup
	for range min(jobs, max(len(mine), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range work {
				b.report(r, b.episode(ctx, r))
			}
		}()
	}
	for _, r := range mine {
		if ctx.Err() != nil {
			break
		}
		work <- r
	}
	close(work)
	wg.Wait()
	return b.summary(ctx, shard, len(rows))
}

// batchRun is one batch's shared state: settings, progress and counts.
type batchRun struct {
	exe, config, glossary string
	stderr, json          io.Writer
	quiet                 bool
	total                 int
	start                 time.Time

	mu                           sync.Mutex
	finished, done, skip, failed int
	workSeconds                  float64
}

// outcome is one episode's result, also its JSON line.
type outcome struct {
	Index   int     `json:"index"`
	Name    string  `json:"name"`
	Out     string  `json:"out"`
	Status  string  `json:"status"` // done, skipped, failed
	Seconds float64 `json:"seconds"`
	Error   string  `json:"error,omitempty"`
}

// episode runs (or skips) one row.
func (b *batchRun) episode(ctx context.Context, r batch.Row) outcome {
	t0 := time.Now()
	o := outcome{Index: r.Index, Name: r.Name(), Out: r.Fields["out"]}
	fail := func(err error) outcome {
		o.Status, o.Error, o.Seconds = "failed", oneLine(err.Error()), time.Since(t0).Seconds()
		return o
	}
	settings := append(r.Args(), "version="+version, "config="+b.config, "glossary="+b.glossary)
	files := []string{r.Fields["audio"], r.Fields["transcript"], r.Fields["enclosure"], b.config, b.glossary}
	prev := batch.LoadState(o.Out)
	st, err := batch.Fingerprint(files, settings, prev)
	if err != nil {
		return fail(fmt.Errorf("line %d: %w", r.Line, unwrapPathError(err)))
	}
	if prev != nil && prev.Key == st.Key && b.itemPresent(o.Out) {
		o.Status, o.Seconds = "skipped", time.Since(t0).Seconds()
		return o
	}
	args := append([]string{"run"}, r.Args()...)
	args = append(args, "--quiet")
	if b.config != "" {
		args = append(args, "--config", b.config, "--feed", filepath.Join(o.Out, batch.ItemFile))
	}
	if b.glossary != "" {
		args = append(args, "--glossary", b.glossary)
	}
	cmd := exec.CommandContext(ctx, b.exe, args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 5 * time.Second
	var errBuf bytes.Buffer
	cmd.Stderr = &errBuf
	if err := cmd.Run(); err != nil {
		msg := lastErrorLine(errBuf.String())
		if msg == "" {
			msg = err.Error()
		}
		return fail(fmt.Errorf("%s", msg))
	}
	st.Done = time.Now().UTC()
	if err := st.Save(o.Out); err != nil {
		return fail(fmt.Errorf("record the finished run: %w", err))
	}
	o.Status, o.Seconds = "done", time.Since(t0).Seconds()
	return o
}

func (b *batchRun) itemPresent(out string) bool {
	if b.config == "" {
		return true
	}
	_, err := os.Stat(filepath.Join(out, batch.ItemFile))
	return err == nil
}

// lastErrorLine is the run's one error line ("shownotes: …"), without its
// warnings.
func lastErrorLine(stderr string) string {
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(lines[i]); l != "" && !strings.HasPrefix(l, "shownotes: warning:") {
			return strings.TrimPrefix(l, "shownotes: ")
		}
	}
	return ""
}

// report prints an episode's status line with the overall count and ETA,
// and its JSON line.
func (b *batchRun) report(r batch.Row, o outcome) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.finished++
	switch o.Status {
	case "done":
		b.done++
		b.workSeconds += o.Seconds
	case "skipped":
		b.skip++
	default:
		b.failed++
	}
	if !b.quiet {
		line := fmt.Sprintf("[%d/%d] %s: %s in %.1f s", b.finished, b.total, o.Name, o.Status, o.Seconds)
		if o.Error != "" {
			line += ": " + o.Error
		}
		if left := b.total - b.finished; left > 0 && b.finished > 0 {
			eta := time.Since(b.start) / time.Duration(b.finished) * time.Duration(left)
			line += fmt.Sprintf(" (ETA %s)", eta.Round(time.Second))
		}
		fmt.Fprintln(b.stderr, line)
	}
	if b.json != nil {
		j, _ := json.Marshal(o)
		fmt.Fprintf(b.json, "%s\n", j)
	}
}

// summary prints the closing line (and JSON summary) and returns an error
// when any episode failed or the batch was interrupted.
func (b *batchRun) summary(ctx context.Context, shard batch.Shard, rows int) error {
	wall := time.Since(b.start)
	if b.json != nil {
		j, _ := json.Marshal(map[string]any{"summary": true, "shard": fmt.Sprintf("%d/%d", shard.I, max(shard.N, 1)),
			"episodes": b.total, "manifest_rows": rows, "done": b.done, "skipped": b.skip, "failed": b.failed,
			"seconds": wall.Seconds(), "cpus": runtime.NumCPU()})
		fmt.Fprintf(b.json, "%s\n", j)
	}
	if !b.quiet {
		fmt.Fprintf(b.stderr, "shownotes: batch: %d done, %d skipped, %d failed of %d in %s\n", b.done, b.skip, b.failed, b.total, wall.Round(100*time.Millisecond))
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if b.failed > 0 {
		return fmt.Errorf("batch: %d of %d episodes failed (the others are done)", b.failed, b.total)
	}
	return nil
}
