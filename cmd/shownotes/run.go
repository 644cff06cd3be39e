package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/align"
	"github.com/shownotes/shownotes/stages/feed"
	"github.com/shownotes/shownotes/stages/write"
)

// runCmd parses the flags of 'shownotes run' and runs the pipeline.
func runCmd(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var (
		cfg                  pipeline.Config
		configPath, glossary string
		pubDate              string
		quiet, verbose       bool
	)
	fs.StringVar(&cfg.AudioPath, "audio", "", "the episode's audio: WAV, MP3, FLAC or M4A/AAC (Ogg/Opus too), recognised by content")
	fs.StringVar(&cfg.TranscriptPath, "transcript", "", "the episode's transcript")
	fs.StringVar(&cfg.TranscriptFormat, "transcript-format", "", "transcript layout: plain, rev, vtt, srt, json, text (default: detect)")
	fs.StringVar(&cfg.OutDir, "out", "", "output directory")
	fs.StringVar(&cfg.FeedPath, "feed", "", "RSS feed to add the episode's item to (created when missing)")
	fs.StringVar(&configPath, "config", "", "podcast.toml with the show's settings")
	fs.StringVar(&glossary, "glossary", "", "glossary.toml fixing names (default: glossary.toml beside --config)")
	fs.StringVar(&cfg.EnclosurePath, "enclosure", "", "the published audio file (default: --audio)")
	fs.StringVar(&cfg.Title, "title", "", "episode title (default: the transcript's)")
	fs.IntVar(&cfg.Episode, "episode", 0, "episode number")
	fs.IntVar(&cfg.Season, "season", 0, "season number")
	fs.StringVar(&cfg.GUID, "guid", "", "the episode's feed guid (default: the one recorded in --out, else derived from its name)")
	fs.StringVar(&pubDate, "pub-date", "", "publication date, RFC 3339 (default: the audio file's time)")
	fs.BoolVar(&quiet, "quiet", false, "no progress output")
	fs.BoolVar(&verbose, "verbose", false, "progress output even when stderr is not a terminal")
	if err := fs.Parse(args); err != nil {
		return &usageError{"run: " + err.Error()}
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("run: unexpected argument %q", fs.Arg(0))}
	}
	if cfg.TranscriptPath == "" {
		return &usageError{"run: --transcript is required"}
	}
	if cfg.OutDir == "" {
		return &usageError{"run: --out is required"}
	}
	if cfg.Episode < 0 || cfg.Season < 0 {
		return &usageError{"run: --episode and --season must not be negative"}
	}
	switch cfg.TranscriptFormat {
	case "", "plain", "rev", "vtt", "srt", "json", "text":
	default:
		return &usageError{fmt.Sprintf("run: unknown --transcript-format %q", cfg.TranscriptFormat)}
	}
	if pubDate != "" {
		t, err := time.Parse(time.RFC3339, pubDate)
		if err != nil {
			return &usageError{fmt.Sprintf("run: --pub-date %q is not RFC 3339 (like 2026-11-26T09:00:00Z)", pubDate)}
		}
		cfg.PubDate = t
	}
	if configPath != "" {
		p, err := pipeline.LoadPodcast(configPath)
		if err != nil {
			return err
		}
		cfg.Podcast = p
		if glossary == "" {
			glossary, _ = pipeline.GlossaryBeside(configPath)
		}
	}
	if glossary != "" {
		g, err := pipeline.LoadGlossary(glossary)
		if err != nil {
			return err
		}
		cfg.Glossary = g
	}
	for _, p := range []struct{ flag, path string }{{"--transcript", cfg.TranscriptPath}, {"--audio", cfg.AudioPath}, {"--enclosure", cfg.EnclosurePath}} {
		if p.path == "" {
			continue
		}
		st, err := os.Stat(p.path)
		if err != nil {
			return fmt.Errorf("%s %s: %w", p.flag, p.path, unwrapPathError(err))
		}
		if st.IsDir() {
			return fmt.Errorf("%s %s: is a directory", p.flag, p.path)
		}
	}
	if cfg.FeedPath != "" && configPath == "" {
		if _, err := os.Stat(cfg.FeedPath); errors.Is(err, os.ErrNotExist) {
			return &usageError{"run: --feed names a feed that does not exist yet: give --config podcast.toml to create it"}
		}
	}
	if abs, err := filepath.Abs(cfg.OutDir); err == nil {
		cfg.OutDir = abs
	}

	if err := preflight(&cfg, configPath, glossary); err != nil {
		return nameConfig(err, configPath)
	}
	if ws, _ := cfg.Podcast.Validate(); len(ws) > 0 {
		for _, m := range ws {
			fmt.Fprintf(stderr, "shownotes: warning: config: %s\n", m)
		}
	}

	removeLeftovers(&cfg)

	var prog pipeline.Progress
	w := &warnings{w: stderr}
	if !quiet && (verbose || isTerminal(os.Stderr)) {
		prog = &progress{warnings: w}
	} else {
		prog = w
	}
	r := &pipeline.Runner{Progress: prog}
	if cfg.AudioPath != "" {
		_ = align.Preload() // before stages print: see its doc
	}
	res, err := r.Run(ctx, &cfg, feed.Stage)
	if err != nil {
		if _, wrote := res[write.Stage]; wrote && ctx.Err() != nil {
			return errInterruptedAfterWrite
		}
		return nameAudio(nameConfig(err, configPath), cfg.AudioPath)
	}
	if !quiet {
		fmt.Fprintf(stderr, "shownotes: notes written to %s\n", filepath.Join(cfg.OutDir, "shownotes.md"))
		if fr := pipeline.Result[*feed.Result](res, feed.Stage); fr != nil && fr.Path != "" {
			verb := "added to"
			if fr.Replaced {
				verb = "updated in"
			}
			fmt.Fprintf(stderr, "shownotes: episode %s %s\n", verb, fr.Path)
		}
	}
	return nil
}

// configError is a settings error from a stage, shown with the name of the
// file given as --config.
type configError struct {
	msg string
	err error
}

func (e *configError) Error() string { return e.msg }
func (e *configError) Unwrap() error { return e.err }

// nameConfig puts the real name of the settings file into a configuration
// error of the feed stages, which call it "podcast.toml" whatever the file
// is called.
func nameConfig(err error, configPath string) error {
	const generic = "podcast.toml: "
	if configPath == "" || !errors.Is(err, pipeline.ErrConfig) || !strings.Contains(err.Error(), generic) {
		return err
	}
	return &configError{msg: strings.Replace(err.Error(), generic, configPath+": ", 1), err: err}
}

// nameAudio puts the audio file's name into an error of the align stage
// ("audio too short to align" says which file).
func nameAudio(err error, audioPath string) error {
	var se *pipeline.StageError
	if audioPath == "" || !errors.As(err, &se) || se.Stage != align.Stage.Name || strings.Contains(se.Err.Error(), audioPath) {
		return err
	}
	return &pipeline.StageError{Stage: se.Stage, Err: fmt.Errorf("%s: %w", audioPath, se.Err)}
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// warnings prints the stages' warnings, one line each.
type warnings struct {
	w io.Writer
}

func (w *warnings) StageStart(string, string)              {}
func (w *warnings) StageDone(string, time.Duration, error) {}
func (w *warnings) Warn(stage, msg string) {
	fmt.Fprintf(w.w, "shownotes: warning: %s: %s\n", stage, oneLine(msg))
}

// progress prints each stage as it starts and ends.
type progress struct {
	*warnings
	n int
}

func (p *progress) StageStart(name, doc string) {
	p.n++
	fmt.Fprintf(p.w, "[%2d] %-10s %s…\n", p.n, name, doc)
}

func (p *progress) StageDone(name string, d time.Duration, err error) {
	if err != nil {
		return
	}
	fmt.Fprintf(p.w, "     %-10s done in %s\n", name, d.Round(time.Millisecond))
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// errInterruptedAfterWrite is a run stopped after the outputs were written
// but before the feed was updated.
var errInterruptedAfterWrite = fmt.Errorf("interrupted after the outputs were written; the feed was left as it was: %w", context.Canceled)
