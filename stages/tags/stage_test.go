package tags_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/entities"
	"github.com/shownotes/shownotes/stages/lexical"
	"github.com/shownotes/shownotes/stages/tags"
	"github.com/shownotes/shownotes/stages/transcript"
)

// TestStageContract: the tags stage runs from the parsed transcript alone,
// covers its words, and the entities stage run through the runner (which
// reads the run's tagging) lists what Find lists when it tags by itself.
func TestStageContract(t *testing.T) {
	if err := pipeline.Validate(tags.Stage); err != nil {
		t.Fatal(err)
	}
	seed := filepath.Join("..", "..", "testdata", "seed.txt")
	res, err := (&pipeline.Runner{}).Run(context.Background(), &pipeline.Config{TranscriptPath: seed}, entities.Stage)
	if err != nil {
		t.Fatal(err)
	}
	g := pipeline.Result[*lexical.Tagging](res, tags.Stage)
	tr := pipeline.Result[*pipeline.Transcript](res, transcript.Stage)
	if g == nil || g.Words != len(tr.Words) || len(g.Sentences) == 0 {
		t.Fatalf("tagging = %+v, want sentences over %d words", g, len(tr.Words))
	}
	last := -1
	for _, tk := range g.Tokens() {
		if tk.Word < last || tk.Word >= len(tr.Words) || tk.Tag == "" {
			t.Fatalf("token %+v out of order or untagged (previous word %d)", tk, last)
		}
		last = tk.Word
	}
	alone, err := entities.Find(tr, entities.Options{})
	if err != nil {
		t.Fatal(err)
	}
	viaRun := pipeline.Result[*entities.Entities](res, entities.Stage)
	if !reflect.DeepEqual(names(viaRun), names(alone)) {
		t.Errorf("entities through the runner %v, Find alone %v", names(viaRun), names(alone))
	}
}

func names(es *entities.Entities) []string {
	var out []string
	for _, e := range es.Entities {
		out = append(out, e.Name+"/"+e.Type)
	}
	return out
}

func TestFor(t *testing.T) {
	tr := &pipeline.Transcript{Words: make([]pipeline.Word, 3)}
	g := &lexical.Tagging{Words: 3}
	for _, tc := range []struct {
		name string
		g    *lexical.Tagging
		tr   *pipeline.Transcript
		want *lexical.Tagging
	}{
		{"same words", g, tr, g},
		{"other transcript", &lexical.Tagging{Words: 2}, tr, nil},
		{"no tagging", nil, tr, nil},
		{"no transcript", g, nil, nil},
	} {
		if got := tags.For(tc.g, tc.tr); got != tc.want {
			t.Errorf("%s: For = %p, want %p", tc.name, got, tc.want)
		}
	}
}
