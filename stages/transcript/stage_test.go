package transcript

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
)

func TestStage(t *testing.T) {
	if err := pipeline.Validate(Stage); err != nil {
		t.Fatalf("Validate(Stage) = %v", err)
	}
	cfg := &pipeline.Config{TranscriptPath: filepath.Join(testcorpus.Sample(), "transcript_rev.txt")}
	res, err := (&pipeline.Runner{}).Run(context.Background(), cfg, Stage)
	if err != nil {
		t.Fatalf("Run(sample) error: %v", err)
	}
	tr := pipeline.Result[*pipeline.Transcript](res, Stage)
	if tr == nil || tr.Format != "rev" || len(tr.Words) != 79 {
		t.Fatalf("Run(sample rev) = %+v, want a rev transcript of 79 words", tr)
	}
	checkInvariants(t, tr)

	cfg = &pipeline.Config{TranscriptPath: filepath.Join(testcorpus.Sample(), "transcript.txt"), TranscriptFormat: "json"}
	_, err = (&pipeline.Runner{}).Run(context.Background(), cfg, Stage)
	var se *pipeline.StageError
	if !errors.As(err, &se) || !errors.Is(err, ErrFormat) {
		t.Errorf("Run(text forced json) error = %v, want a StageError wrapping ErrFormat", err)
	}
	if _, err := (&pipeline.Runner{}).Run(context.Background(), &pipeline.Config{}, Stage); err == nil {
		t.Errorf("Run(no transcript path) error = nil, want one")
	}
}
