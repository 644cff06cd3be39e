package main

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/shownotes/shownotes/pipeline/testcorpus"
	"github.com/shownotes/shownotes/stages/entities"
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
	rows, err := entities.EvalCorpus(dir)
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
