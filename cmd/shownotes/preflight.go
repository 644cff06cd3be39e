package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/shownotes/shownotes/feeds"
	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/feed"
	"github.com/shownotes/shownotes/stages/write"
)

// preflight checks, before any work, what would otherwise fail only at the
// end of the run: that the output directory and the feed's directory can be
// written, that the feed's item can be built from the settings, and that an
// existing feed can be updated. A run that cannot finish then fails at its
// start, in a second instead of minutes, and leaves every earlier output
// and the feed as they were. It creates nothing that remains.
//
// It refuses an --out that holds one of the run's inputs under the name of
// an output (the sample folder's transcript.vtt, say): the run would
// overwrite what it reads. Settings files are passed in extra.
func preflight(cfg *pipeline.Config, extra ...string) error {
	if _, err := cfg.Podcast.Validate(); err != nil {
		return err
	}
	if err := writableDir(cfg.OutDir); err != nil {
		return fmt.Errorf("--out %s: %w", cfg.OutDir, err)
	}
	outs := make([]pipeline.File, len(write.OutputNames))
	for i, n := range write.OutputNames {
		outs[i] = pipeline.File{Name: n}
	}
	inputs := append([]string{cfg.TranscriptPath, cfg.AudioPath, cfg.EnclosurePath, cfg.FeedPath}, extra...)
	if err := write.KeepsInputs(cfg.OutDir, outs, inputs...); err != nil {
		return err
	}
	if err := write.CheckTargets(cfg.OutDir, outs); err != nil {
		return err
	}
	if cfg.FeedPath == "" {
		return nil
	}
	path, err := feeds.ResolvePath(cfg.FeedPath)
	if err != nil {
		return err
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	feedDir := filepath.Dir(path)
	if feedDir == cfg.OutDir && slices.Contains(write.OutputNames, filepath.Base(path)) {
		return fmt.Errorf("--feed %s: is the output file %s of --out; choose another feed path", cfg.FeedPath, filepath.Base(path))
	}
	// The feed's directory must exist, or be made by the write stage:
	// --out or one of its ancestors.
	if _, err := os.Stat(feedDir); errors.Is(err, fs.ErrNotExist) && !within(cfg.OutDir, feedDir) {
		return fmt.Errorf("--feed %s: directory %s does not exist", cfg.FeedPath, feedDir)
	}
	it, err := feed.BuildItem(cfg, feed.Input{}, nil)
	if err != nil {
		return err
	}
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		if _, err := feeds.NewChannel(cfg.Podcast, time.Now()); err != nil {
			return err
		}
	}
	switch {
	case err == nil && !st.Mode().IsRegular():
		return fmt.Errorf("--feed %s: not a regular file", cfg.FeedPath)
	case err == nil:
		data, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("--feed %s: %w", cfg.FeedPath, unwrapPathError(err))
		}
		if _, _, err := feeds.Splice(data, it, time.Now()); err != nil {
			return fmt.Errorf("--feed %s: %w (the feed is unchanged)", cfg.FeedPath, err)
		}
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("--feed %s: %w", cfg.FeedPath, unwrapPathError(err))
	}
	if err := writableDir(filepath.Dir(path)); err != nil {
		return fmt.Errorf("--feed %s: %w (the feed is unchanged)", cfg.FeedPath, err)
	}
	return nil
}

// writableDir checks that files can be created in dir or, when dir does not
// exist yet, in its nearest existing ancestor (where it would be created).
func writableDir(dir string) error {
	d := dir
	for {
		st, err := os.Stat(d)
		if err == nil {
			if !st.IsDir() {
				return fmt.Errorf("%s is not a directory", d)
			}
			break
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return unwrapPathError(err)
		}
		parent := filepath.Dir(d)
		if parent == d {
			return unwrapPathError(err)
		}
		d = parent
	}
	f, err := os.CreateTemp(d, ".shownotes-check.tmp*")
	if err != nil {
		return fmt.Errorf("cannot create files in %s: %w", d, unwrapPathError(err))
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

// within reports whether ancestor is dir itself or one of its ancestors.
func within(dir, ancestor string) bool {
	rel, err := filepath.Rel(ancestor, dir)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../")
}
