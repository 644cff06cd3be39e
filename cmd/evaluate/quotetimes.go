package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"text/tabwriter"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/evaluation"
	"github.com/shownotes/shownotes/stages/align"
	"github.com/shownotes/shownotes/stages/chapters"
	"github.com/shownotes/shownotes/stages/quotes"
)

// evalQuoteTimes measures how far quote and chapter start times are from
// the truth of rendered episodes: from the audio (aligned) for the episodes
// in withAudio, and without audio from the render's transcript_rev.txt,
// whose turn stamps are the render's true turn starts (approximate).
func evalQuoteTimes(names []string, withAudio map[string]bool) error {
	fmt.Println()
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "episode\ttimes from\tquotes\tstart ≤1 s\tmedian s\tmax s\tchapters\tstart ≤1 s\tmedian s\tmax s")
	for _, name := range names {
		dir := episodeDir(name)
		if dir == "" {
			continue
		}
		truth, err := evaluation.ReadTruth(filepath.Join(dir, "truth.json"))
		if err != nil {
			return err
		}
		tokens := make([]string, len(truth.Tokens))
		for i, tk := range truth.Tokens {
			tokens[i] = tk.Text
		}
		type run struct{ label, audio, transcript string }
		runs := []run{{"rev stamps (approximate)", "", filepath.Join(dir, "transcript_rev.txt")}}
		if withAudio[name] {
			runs = append([]run{{"audio (aligned)", filepath.Join(dir, "episode.wav"), filepath.Join(dir, "transcript.txt")}}, runs...)
		}
		for _, rn := range runs {
			if _, err := os.Stat(rn.transcript); err != nil {
				continue
			}
			cfg := &pipeline.Config{AudioPath: rn.audio, TranscriptPath: rn.transcript}
			res, err := (&pipeline.Runner{Progress: stderrWarnings{}}).Run(context.Background(), cfg, quotes.Stage, chapters.Stage)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			tr := pipeline.Result[*pipeline.Alignment](res, align.Stage).Transcript
			words := make([]string, len(tr.Words))
			for i, w := range tr.Words {
				words[i] = w.Text
			}
			match := evaluation.MatchTokens(words, tokens)
			errAt := func(word int, got float64) float64 {
				if word < 0 || word >= len(match) || match[word] < 0 || !pipeline.Known(got) {
					return math.NaN()
				}
				return got - truth.Tokens[match[word]].Start
			}
			var qe, ce []float64
			for _, q := range pipeline.Result[*quotes.Quotes](res, quotes.Stage).Quotes {
				st := pipeline.NoTime
				if q.Start != nil {
					st = *q.Start
				}
				qe = append(qe, errAt(q.Words.First, st))
			}
			for i, c := range pipeline.Result[*chapters.Chapters](res, chapters.Stage).Chapters {
				if i > 0 { // the first chapter starts at 0 by definition
					ce = append(ce, errAt(c.Words.First, c.Start))
				}
			}
			q, c := evaluation.ScoreTimes(qe), evaluation.ScoreTimes(ce)
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%.2f\t%.2f\t%d\t%d\t%.2f\t%.2f\n", name, rn.label, q.N, q.Within1s, q.Median, q.Max, c.N, c.Within1s, c.Median, c.Max)
		}
	}
	return tw.Flush()
}
