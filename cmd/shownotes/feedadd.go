package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"github.com/shownotes/shownotes/feeds"
	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/batch"
)

// feedAddCmd merges finished episodes (each output directory's
// feed-item.xml, written by `shownotes batch --config`) into the show's
// feed, under the feed's lock, newest first by pubDate. An episode whose
// item is already in the feed as it is changes nothing; the feed is not
// rewritten when nothing changes.
func feedAddCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var feedPath, configPath string
	var dirs []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--config" || a == "-config":
			if i+1 >= len(args) {
				return &usageError{"feed add: --config needs a file"}
			}
			configPath = args[i+1]
			i++
		case strings.HasPrefix(a, "--config="):
			configPath = strings.TrimPrefix(a, "--config=")
		case strings.HasPrefix(a, "-"):
			return &usageError{fmt.Sprintf("feed add: unknown flag %q", a)}
		case feedPath == "":
			feedPath = a
		default:
			dirs = append(dirs, a)
		}
	}
	if feedPath == "" || len(dirs) == 0 {
		return &usageError{"feed add takes FEED.xml [--config podcast.toml] OUTDIR…"}
	}
	var ch *feeds.Channel
	if configPath != "" {
		p, err := pipeline.LoadPodcast(configPath)
		if err != nil {
			return err
		}
		if ch, err = feeds.NewChannel(p, time.Now()); err != nil {
			return nameConfig(err, configPath)
		}
	}
	// every episode's item first: a bad directory refuses the whole merge
	// before the feed is touched
	var items []*feeds.Item
	for _, d := range dirs {
		data, err := os.ReadFile(filepath.Join(d, batch.ItemFile))
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("feed add: %s holds no finished episode's item (%s): run `shownotes batch` with --config first", d, batch.ItemFile)
		}
		if err != nil {
			return fmt.Errorf("feed add: %s: %w", d, unwrapPathError(err))
		}
		its, err := feeds.ParseItems(data)
		if err != nil || len(its) != 1 {
			return fmt.Errorf("feed add: %s: %s is not a one-item feed (%v)", d, batch.ItemFile, err)
		}
		items = append(items, its[0])
	}
	existing := map[string]*feeds.Item{}
	if data, err := os.ReadFile(feedPath); err == nil {
		its, err := feeds.ParseItems(data)
		if err != nil {
			return fmt.Errorf("feed add: %s: %w", feedPath, err)
		}
		for _, it := range its {
			existing[it.GUID] = it
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("feed add: %s: %w", feedPath, unwrapPathError(err))
	} else if ch == nil {
		return &usageError{"feed add: " + feedPath + " does not exist yet: give --config podcast.toml to create it"}
	}
	added, updated, same := 0, 0, 0
	for _, it := range items {
		if old := existing[it.GUID]; old != nil && sameItem(old, it) {
			same++
			continue
		}
		res, err := feeds.UpsertWith(ctx, feedPath, ch, it, time.Now(), feeds.Options{
			LockWait: 2 * time.Minute,
			Waiting:  func(msg string) { fmt.Fprintf(stderr, "shownotes: %s\n", msg) },
		})
		if err != nil {
			return fmt.Errorf("feed add: %w", err)
		}
		if res.Replaced {
			updated++
		} else {
			added++
		}
		existing[it.GUID] = it
	}
	fmt.Fprintf(stdout, "%s: %d added, %d updated, %d unchanged\n", feedPath, added, updated, same)
	return nil
}

// sameItem reports whether two items say the same (times compared as
// instants).
func sameItem(a, b *feeds.Item) bool {
	x, y := *a, *b
	if !x.PubDate.Equal(y.PubDate) {
		return false
	}
	x.PubDate, y.PubDate = time.Time{}, time.Time{}
	return reflect.DeepEqual(x, y)
}
