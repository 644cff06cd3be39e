package page

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
	"github.com/shownotes/shownotes/stages/transcript"
)

// TestRenderParsedSample renders the sample as the pipeline sees it: the
// transcript parsed by the transcript stage, timed with the true token
// times of truth.json.
func TestRenderParsedSample(t *testing.T) {
	dir := testcorpus.Sample()
	tr, err := transcript.ParseFile(filepath.Join(dir, "transcript.txt"), transcript.Options{})
	if err != nil {
		t.Fatal(err)
	}
	truth := testcorpus.MustEpisode(t, dir, testcorpus.EpisodeOptions{Timed: true, BlankLines: true, Tail: 1}).Transcript
	if len(tr.Words) != len(truth.Words) {
		t.Fatalf("parsed %d words, truth.json has %d", len(tr.Words), len(truth.Words))
	}
	for i := range tr.Words {
		if tr.Words[i].Text != truth.Words[i].Text {
			t.Fatalf("word %d: parsed %q, truth.json %q", i, tr.Words[i].Text, truth.Words[i].Text)
		}
		tr.Words[i].Start, tr.Words[i].End = truth.Words[i].Start, truth.Words[i].End
	}
	page, err := Render(Input{Alignment: &pipeline.Alignment{Transcript: tr, Timed: true, Duration: 42}, AudioURL: "episode.wav"})
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	if got := len(dataStart.FindAllString(s, -1)); got != len(tr.Words) {
		t.Errorf("Render(parsed sample) has %d data-start words, want %d", got, len(tr.Words))
	}
	if got := strings.Count(s, `<div class="t">`); got != len(tr.Turns) {
		t.Errorf("Render(parsed sample) has %d turns, want %d", got, len(tr.Turns))
	}
	for _, sp := range tr.Speakers() {
		if !strings.Contains(s, "<h3>"+sp+" ") {
			t.Errorf("Render(parsed sample) lacks the speaker heading %q", sp)
		}
	}
	if g := tr.Header.Guest; g != "" && !strings.Contains(s, "<strong>"+g+"</strong>") {
		t.Errorf("Render(parsed sample) lacks the guest %q", g)
	}
}
