package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/shownotes/shownotes/feeds"
	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/feed"
	"github.com/shownotes/shownotes/stages/write"
)

// staleAge is the age past which a leftover is removed even when nothing
// tells that its run is dead: a run's temporary files live for seconds.
const staleAge = time.Hour

// removeLeftovers removes what a killed run (SIGKILL, a power cut) left
// behind: the write stage's staging directories and the recorded guid's
// temporary file in --out (those of a dead process, or older than
// staleAge), and the feed's temporary files (when no live run holds the
// feed's lock, since a run writes them only while it holds it). A live
// run's files are never touched.
func removeLeftovers(cfg *pipeline.Config) {
	write.RemoveStale(cfg.OutDir, ".shownotes-staging-", staleAge)
	if cfg.OutDir != "" {
		pipeline.RemoveStaleTemps(filepath.Join(cfg.OutDir, feed.IdentityFile), staleAge)
	}
	if cfg.FeedPath == "" {
		return
	}
	paths := []string{cfg.FeedPath}
	if real, err := filepath.EvalSymlinks(cfg.FeedPath); err == nil && real != cfg.FeedPath {
		paths = append(paths, real)
	}
	for _, p := range paths {
		removeFeedTemps(p)
	}
}

func removeFeedTemps(feedPath string) {
	dir, prefix := filepath.Dir(feedPath), "."+filepath.Base(feedPath)+".tmp"
	temps, _ := filepath.Glob(filepath.Join(globEscape(dir), globEscape(prefix)+"*"))
	if len(temps) == 0 {
		return
	}
	minAge := time.Duration(0)
	release, held, err := feeds.TryLock(feedPath)
	switch {
	case errors.Is(err, feeds.ErrNoLock):
		// No run ever locked this feed, or one is about to: spare the
		// files of the last minute.
		minAge = time.Minute
	case err != nil || !held:
		return // a live run is updating the feed, or the lock is unusable
	default:
		defer release()
	}
	for _, t := range temps {
		st, err := os.Lstat(t)
		if err != nil || !st.Mode().IsRegular() || time.Since(st.ModTime()) < minAge {
			continue
		}
		os.Remove(t)
	}
}

// globEscape quotes the characters filepath.Match treats specially.
func globEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`).Replace(s)
}
