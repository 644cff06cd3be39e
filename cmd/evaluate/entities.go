package main

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/evaluation"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
	"github.com/shownotes/shownotes/stages/entities"
	"github.com/shownotes/shownotes/stages/transcript"
)

// evalEntities prints recall, precision and type accuracy of the entities
// stage on every corpus transcript with a gold list (the figures of
// score_entities.py, computed in Go).
func evalEntities() error {
	dir := testcorpus.Dir()
	if dir == "" {
		fmt.Fprintln(os.Stderr, "evaluate: ../shared/corpus not found; entity evaluation skipped")
		return nil
	}
	rows, err := evaluation.EvalEntities(dir, parseTranscript, findEntities)
	if err != nil {
		return err
	}
	fmt.Println()
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "transcript\trequired\tfound\tlisted\trecall\tprecision\ttype acc\tmissed\tjunk")
	for _, r := range rows {
		s := r.Scores
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t%s\t%s\n", r.Name, s.Required, s.Found, s.Listed,
			s.Recall, s.Precision, s.TypeAcc, strings.Join(s.Missed, ", "), strings.Join(s.Junk, ", "))
	}
	return tw.Flush()
}

// parseTranscript and findEntities are the parser and the entities stage
// as the evaluation package runs them.
func parseTranscript(path string) (*pipeline.Transcript, error) {
	return transcript.ParseFile(path, transcript.Options{})
}

func findEntities(tr *pipeline.Transcript) ([]evaluation.FoundEntity, error) {
	es, err := entities.Find(tr, entities.Options{})
	if err != nil {
		return nil, err
	}
	return evaluation.FoundEntities(es)
}
