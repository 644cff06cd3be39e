package feed

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shownotes/shownotes/feeds"
	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
	"github.com/shownotes/shownotes/stages/audio"
)

// episodeCfg returns the config of an episode whose audio is
// dir/audioRel and whose output directory is dir/out/slug.
func episodeCfg(t *testing.T, dir, audioRel, slug string, day int) *pipeline.Config {
	t.Helper()
	enc := filepath.Join(dir, audioRel)
	os.MkdirAll(filepath.Dir(enc), 0o755)
	if err := os.WriteFile(enc, make([]byte, 1000+day), 0o644); err != nil {
		t.Fatal(err)
	}
	return &pipeline.Config{
		AudioPath: enc, OutDir: filepath.Join(dir, "out", slug), FeedPath: filepath.Join(dir, "feed.xml"),
		Title: "Episode " + slug, PubDate: time.Date(2024, 1, day, 6, 0, 0, 0, time.UTC), Podcast: podcast(),
	}
}

func TestEpisodeIdentity(t *testing.T) {
	ctx := context.Background()

	// Issue 13 problem 1: two episodes whose audio files share a name.
	t.Run("same file name, other episode", func(t *testing.T) {
		dir := t.TempDir()
		a := episodeCfg(t, dir, "s1/episode.mp3", "s1e1", 1)
		b := episodeCfg(t, dir, "s2/episode.mp3", "s2e1", 2)
		if _, err := Update(ctx, a, results(), nil); err != nil {
			t.Fatal(err)
		}
		before, _ := os.ReadFile(a.FeedPath)
		_, err := Update(ctx, b, results(), nil)
		if !errors.Is(err, feeds.ErrConflict) || strings.Contains(err.Error(), "\n") {
			t.Errorf("second episode with the same enclosure URL: %v, want one-line ErrConflict", err)
		}
		if after, _ := os.ReadFile(a.FeedPath); string(after) != string(before) {
			t.Error("the refused run changed the feed")
		}
	})

	// Problem 2: switching the published file (WAV to MP3) and changing the
	// title and date update the same item.
	t.Run("rerun with another enclosure, title and date", func(t *testing.T) {
		dir := t.TempDir()
		a := episodeCfg(t, dir, "ep.wav", "ep7", 1)
		r1, err := Update(ctx, a, results(), nil)
		if err != nil {
			t.Fatal(err)
		}
		b := episodeCfg(t, dir, "ep.mp3", "ep7", 3)
		b.Title = "Episode 7, retitled"
		r2, err := Update(ctx, b, results(), nil)
		if err != nil {
			t.Fatal(err)
		}
		items := readItems(t, a.FeedPath)
		if len(items) != 1 || !r2.Replaced || r2.GUID != r1.GUID || items[0].GUID != r1.GUID ||
			items[0].Title != b.Title || !strings.HasSuffix(items[0].Enclosure.URL, "/ep.mp3") || items[0].Enclosure.Type != "audio/mpeg" {
			t.Errorf("after rerun: %d items %+v, result %+v; want one item, guid %s kept, new title and enclosure", len(items), items, r2, r1.GUID)
		}
		rec, _ := os.ReadFile(filepath.Join(b.OutDir, IdentityFile))
		if strings.TrimSpace(string(rec)) != r1.GUID {
			t.Errorf("recorded guid %q, want %q", rec, r1.GUID)
		}
	})

	// One --out directory reused for another episode: the item is
	// replaced (same identity), but not in silence.
	t.Run("reused output directory", func(t *testing.T) {
		dir := t.TempDir()
		if _, err := Update(ctx, episodeCfg(t, dir, "ep1.mp3", "out", 1), results(), nil); err != nil {
			t.Fatal(err)
		}
		var warns []string
		if _, err := Update(ctx, episodeCfg(t, dir, "ep2.mp3", "out", 2), results(), func(f string, a ...any) { warns = append(warns, fmt.Sprintf(f, a...)) }); err != nil {
			t.Fatal(err)
		}
		found := false
		for _, w := range warns {
			found = found || strings.Contains(w, "ep1.mp3") && strings.Contains(w, "--out")
		}
		if !found {
			t.Errorf("warnings = %q, want one naming the replaced item's enclosure", warns)
		}
	})

	// --guid names the episode whatever the output directory.
	t.Run("explicit guid", func(t *testing.T) {
		dir := t.TempDir()
		a := episodeCfg(t, dir, "a.mp3", "first-name", 1)
		a.GUID = "show-s1e1"
		Update(ctx, a, results(), nil)
		b := episodeCfg(t, dir, "b.mp3", "renamed", 1)
		b.GUID = "show-s1e1"
		if r, err := Update(ctx, b, results(), nil); err != nil || !r.Replaced || r.GUID != "show-s1e1" {
			t.Errorf("rerun with --guid = %+v, %v; want the item replaced", r, err)
		}
	})

	// Feeds written before guids were stable: the item's guid is the
	// UUIDv5 of its enclosure URL. A rerun finds it by its link, keeps its
	// guid (a guid never changes) and records it.
	t.Run("migration of enclosure-URL guids", func(t *testing.T) {
		dir := t.TempDir()
		a := episodeCfg(t, dir, "ep.wav", "ep3", 1)
		pub, _ := pipeline.Publish(a)
		a.GUID = pipeline.LegacyGUID(pub.EnclosureURL) // as earlier versions wrote it
		if _, err := Update(ctx, a, results(), nil); err != nil {
			t.Fatal(err)
		}
		os.Remove(filepath.Join(a.OutDir, IdentityFile))
		b := episodeCfg(t, dir, "ep.mp3", "ep3", 1)
		r, err := Update(ctx, b, results(), nil)
		if err != nil {
			t.Fatal(err)
		}
		items := readItems(t, b.FeedPath)
		if len(items) != 1 || r.GUID != a.GUID || !r.Replaced {
			t.Errorf("after migration: %d items, result %+v; want one item keeping guid %s", len(items), r, a.GUID)
		}
		if rec, _ := os.ReadFile(filepath.Join(b.OutDir, IdentityFile)); strings.TrimSpace(string(rec)) != a.GUID {
			t.Errorf("recorded guid %q, want the migrated %q", rec, a.GUID)
		}
	})

	// Problem 5: a back-filled older episode goes below newer ones.
	t.Run("newest first", func(t *testing.T) {
		dir := t.TempDir()
		for _, c := range []struct {
			slug string
			day  int
		}{{"jan3", 3}, {"jan1", 1}, {"jan2", 2}, {"jan5", 5}} {
			if _, err := Update(ctx, episodeCfg(t, dir, c.slug+".mp3", c.slug, c.day), results(), nil); err != nil {
				t.Fatal(err)
			}
		}
		// A rerun that moves jan1 to the 4th moves its item up.
		if _, err := Update(ctx, episodeCfg(t, dir, "jan1.mp3", "jan1", 4), results(), nil); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, it := range readItems(t, filepath.Join(dir, "feed.xml")) {
			got = append(got, strings.TrimPrefix(it.Title, "Episode "))
		}
		if g := strings.Join(got, " "); g != "jan5 jan1 jan3 jan2" {
			t.Errorf("item order = %s, want jan5 jan1 jan3 jan2", g)
		}
	})
}

// Issue 13 problems 3 and 8: a run without audio takes itunes:duration and
// the type from the enclosure, links no chapters.json it did not write, and
// never links a stale file an earlier run left in the output directory.
func TestUntimedRunLinksOnlyItsFiles(t *testing.T) {
	wav := filepath.Join(testcorpus.Sample(), "episode.wav")
	info, err := audio.Probe(wav)
	if err != nil {
		t.Skipf("sample audio: %v", err)
	}
	cfg := setup(t)
	cfg.AudioPath, cfg.EnclosurePath = "", wav
	for _, stale := range []string{"transcript.vtt", "chapters.json"} {
		os.WriteFile(filepath.Join(cfg.OutDir, stale), []byte("old"), 0o644)
	}
	in := results()
	in.Alignment.Timed, in.Alignment.Duration = false, 0
	in.Written = &pipeline.Output{Files: []pipeline.File{{Name: "shownotes.html"}, {Name: "quotes.json"}}}
	if _, err := Update(context.Background(), cfg, in, nil); err != nil {
		t.Fatal(err)
	}
	items := readItems(t, cfg.FeedPath)
	if len(items) != 1 {
		t.Fatalf("%d items", len(items))
	}
	it := items[0]
	if want := fmt.Sprint(int(math.Round(info.Duration))); it.Duration != want || it.Enclosure.Type != info.MIME {
		t.Errorf("duration %q type %q, want %s and %s from the enclosure", it.Duration, it.Enclosure.Type, want, info.MIME)
	}
	if it.Chapters.URL != "" || len(it.Transcripts) != 0 {
		t.Errorf("untimed run links chapters %q and transcripts %+v it did not write", it.Chapters.URL, it.Transcripts)
	}
}

// Issue 13 problem 7: without configured hosts, the host (the speaker
// whose turns end in questions) is tagged host, not guest.
func TestPersonsWithoutConfiguredHosts(t *testing.T) {
	tr := &pipeline.Transcript{
		Words: []pipeline.Word{{Text: "Why?"}, {Text: "Because."}, {Text: "And?"}, {Text: "So."}},
		Turns: []pipeline.Turn{
			{Speaker: "Alex Wang", Words: pipeline.Span{First: 0, End: 1}}, {Speaker: "Jo Park", Words: pipeline.Span{First: 1, End: 2}},
			{Speaker: "Alex Wang", Words: pipeline.Span{First: 2, End: 3}}, {Speaker: "Jo Park", Words: pipeline.Span{First: 3, End: 4}},
		},
	}
	var got []string
	for _, p := range persons(nil, tr) {
		got = append(got, p.Role+":"+p.Name)
	}
	if g := strings.Join(got, ", "); g != "host:Alex Wang, guest:Jo Park" {
		t.Errorf("persons = %q, want host:Alex Wang, guest:Jo Park", g)
	}
}
