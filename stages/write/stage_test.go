package write

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
)

// TestStage runs the write stage, and every stage it needs, on the committed
// sample with its audio: the stage's result lists exactly the files on
// disk, byte for byte, and they are exactly OutputNames (the list the
// command's checks before the work rely on).
func TestStage(t *testing.T) {
	if err := pipeline.Validate(Stage); err != nil {
		t.Fatal(err)
	}
	sample := testcorpus.Sample()
	out := filepath.Join(t.TempDir(), "out")
	cfg := &pipeline.Config{
		AudioPath:      filepath.Join(sample, "episode.wav"),
		TranscriptPath: filepath.Join(sample, "transcript.txt"),
		OutDir:         out,
	}
	res, err := (&pipeline.Runner{}).Run(context.Background(), cfg, Stage)
	if err != nil {
		t.Fatal(err)
	}
	o := pipeline.Result[*pipeline.Output](res, Stage)
	if o == nil {
		t.Fatalf("write stage result = %v, want *pipeline.Output", res[Stage])
	}
	var names []string
	for _, f := range o.Files {
		names = append(names, f.Name)
		got, err := os.ReadFile(filepath.Join(out, f.Name))
		if err != nil || string(got) != string(f.Data) {
			t.Errorf("%s on disk differs from the result (%v)", f.Name, err)
		}
	}
	ents, _ := os.ReadDir(out)
	if len(ents) != len(o.Files) {
		t.Errorf("output directory holds %d entries, the result lists %d files", len(ents), len(o.Files))
	}
	slices.Sort(names)
	want := slices.Clone(OutputNames)
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("files written = %v, OutputNames = %v: keep the list in step with the stages", names, want)
	}

	// A second run that reads its transcript from the output directory
	// (transcript.json, as an earlier run wrote it) must not replace it.
	in := filepath.Join(out, "transcript.json")
	before, _ := os.ReadFile(in)
	cfg2 := *cfg
	cfg2.TranscriptPath = in
	if _, err := (&pipeline.Runner{}).Run(context.Background(), &cfg2, Stage); err == nil || !strings.Contains(err.Error(), "overwrite") {
		t.Errorf("run reading %s into the same directory = %v, want a refusal to overwrite it", in, err)
	}
	if after, _ := os.ReadFile(in); string(after) != string(before) {
		t.Errorf("the input %s was rewritten", in)
	}
}
