package feed

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-audio/wav"

	"github.com/shownotes/shownotes/feeds"
	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
)

// TestCorpusFeed publishes every rendered corpus episode into one feed,
// checks the validator finds no error and that rerunning them all changes
// nothing but lastBuildDate. Skipped without .corpus/.
func TestCorpusFeed(t *testing.T) {
	names := []string{"sample", "seed", "seed-hard", "ss45", "ss260"}
	dir := t.TempDir()
	feedPath := filepath.Join(dir, "feed.xml")
	var cfgs []*pipeline.Config
	var durs []float64
	for i, name := range names {
		ep := testcorpus.NeedRendered(t, name)
		// Each episode is published under its own name (they are all
		// episode.wav in the corpus, which would be one enclosure URL).
		enc := filepath.Join(dir, name+".wav")
		if err := os.Symlink(filepath.Join(ep, "episode.wav"), enc); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(enc)
		if err != nil {
			t.Fatal(err)
		}
		d, err := wav.NewDecoder(f).Duration()
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		cfgs = append(cfgs, &pipeline.Config{
			AudioPath: enc, OutDir: filepath.Join(dir, name), FeedPath: feedPath,
			Episode: i + 1, PubDate: time.Date(2024, 1, 1+i, 6, 0, 0, 0, time.UTC),
			Podcast: podcast(),
		})
		durs = append(durs, d.Seconds())
	}
	run := func() []byte {
		for i, cfg := range cfgs {
			in := results()
			al := in.Alignment
			al.Duration = durs[i]
			al.Transcript.Header.Title = fmt.Sprintf("Corpus episode %s", names[i])
			if _, err := Update(context.Background(), cfg, in, nil); err != nil {
				t.Fatal(err)
			}
		}
		b, _ := os.ReadFile(feedPath)
		return b
	}
	first := run()
	ps := feeds.Validate(first)
	if errs := errorsOf(ps); len(errs) != 0 {
		t.Errorf("Validate = %v", errs)
	}
	t.Logf("%d episodes, feed %d bytes, %d problems (all warnings): %v", len(cfgs), len(first), len(ps), ps)
	second := run()
	if strip(first) != strip(second) || bytes.Count(second, []byte("<item>")) != len(cfgs) {
		t.Errorf("rerunning every episode changed the feed beyond lastBuildDate")
	}
}
