package summary

import (
	"context"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline/testcorpus"
)

// TestCorpusSummary checks on every rendered corpus episode that the summary
// has 2–3 sentences of 8–40 words, each found verbatim in the transcript.
func TestCorpusSummary(t *testing.T) {
	for _, name := range []string{"seed", "ss45", "ss260"} {
		t.Run(name, func(t *testing.T) {
			dir := testcorpus.NeedRenderedText(t, name)
			al := testcorpus.MustEpisode(t, dir, testcorpus.EpisodeOptions{Timed: true})
			s, err := Summarize(context.Background(), al.Transcript, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkSummary(t, al.Transcript.Text(spanAll(al.Transcript)), s.Sentences, 2, 3)
			for _, x := range s.Sentences {
				t.Logf("%s: %s", name, x)
			}
		})
	}
}

func checkSummary(t *testing.T, full string, got []string, lo, hi int) {
	t.Helper()
	if len(got) < lo || len(got) > hi {
		t.Errorf("Summarize: %d sentences, want %d..%d", len(got), lo, hi)
	}
	last := -1
	for _, s := range got {
		if !strings.Contains(full, s) {
			t.Errorf("summary sentence %q is not in the transcript", s)
			continue
		}
		// in episode order: found after the previous one (a sentence
		// said twice may be taken from its second place)
		i := strings.Index(full[last+1:], s)
		if i < 0 {
			t.Errorf("summary sentence %q is out of episode order", s)
			continue
		}
		last += 1 + i
		if n := len(strings.Fields(s)); n < 5 || n > 50 {
			t.Errorf("summary sentence %q has %d words", s, n)
		}
	}
}
