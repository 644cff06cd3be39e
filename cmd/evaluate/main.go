// Command evaluate measures shownotes on the development corpus: alignment
// accuracy on every rendered episode (the figures of score_align.py,
// computed in Go) and entity scores on every transcript with a gold list.
// With -bench it times the whole pipeline on a 1-hour 48 kHz 24-bit stereo
// episode made from two seed-hard renders, with /usr/bin/time -v.
//
//	go run ./cmd/evaluate [-episodes sample,seed,seed-hard] [-bench]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/evaluation"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
	"github.com/shownotes/shownotes/stages/align"
)

func main() {
	episodes := flag.String("episodes", "sample,seed,seed-hard,ss45,ss260,real-mix,real/mfa_acoustic_corpus,real/emur_msajc003,real/emur_msajc010,real/emur_msajc012,real/emur_msajc015", "episodes to align: rendered (testdata/sample, .corpus/NAME) or real recordings (real/NAME in the corpus)")
	bench := flag.Bool("bench", false, "time the whole pipeline on a 1-hour episode instead")
	skipEntities := flag.Bool("no-entities", false, "skip the entity evaluation")
	skipAlign := flag.Bool("no-align", false, "skip the alignment evaluation")
	skipEditorial := flag.Bool("no-editorial", false, "skip the quotes and chapters evaluation")
	tunedOnly := flag.Bool("tuned-only", false, "score quotes and chapters only on the shows they were tuned on")
	quoteAudio := flag.String("quote-audio", "sample,seed", "rendered episodes whose quote and chapter times are also measured with audio (aligning them takes a while)")
	editorialDetail := flag.String("editorial-detail", "", "write every quote, chapter and summary of the quotes and chapters evaluation to this file")
	flag.Parse()
	if *bench {
		if err := runBench(); err != nil {
			fmt.Fprintln(os.Stderr, "evaluate:", err)
			os.Exit(1)
		}
		return
	}
	if !*skipAlign {
		if _, err := evalAlign(os.Stdout, os.Stderr, strings.Split(*episodes, ",")); err != nil {
			fmt.Fprintln(os.Stderr, "evaluate:", err)
			os.Exit(1)
		}
	}
	if !*skipEntities {
		if err := evalEntities(); err != nil {
			fmt.Fprintln(os.Stderr, "evaluate:", err)
			os.Exit(1)
		}
	}
	if !*skipEditorial {
		if err := runEditorial(*editorialDetail, *tunedOnly); err != nil {
			fmt.Fprintln(os.Stderr, "evaluate:", err)
			os.Exit(1)
		}
		withAudio := map[string]bool{}
		for _, n := range strings.Split(*quoteAudio, ",") {
			withAudio[n] = true
		}
		if err := evalQuoteTimes(strings.Split(*episodes, ","), withAudio); err != nil {
			fmt.Fprintln(os.Stderr, "evaluate:", err)
			os.Exit(1)
		}
	}
}

func episodeDir(name string) string {
	if name == "sample" {
		return testcorpus.Sample()
	}
	if strings.HasPrefix(name, "real/") {
		if c := testcorpus.Dir(); c != "" {
			d := filepath.Join(c, filepath.FromSlash(name))
			if _, err := os.Stat(filepath.Join(d, "truth.json")); err == nil {
				return d
			}
		}
		return ""
	}
	return testcorpus.Rendered(name)
}

// alignRow is one episode's line of the alignment table.
type alignRow struct {
	Name, Method string
	Scores       evaluation.AlignScores
	Seconds      float64
}

// evalAlign aligns each rendered episode, prints the table of its figures
// on w (notes on episodes not rendered go to notes) and returns the rows.
func evalAlign(w, notes io.Writer, names []string) ([]alignRow, error) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "episode\tmethod\twords\tcoverage\tmedian ms\tp90 ms\tp95 ms\t≤100ms\t≤250ms\tsent median ms\tsent p95 ms\tsent ≤1s\tseconds\t")
	var rows []alignRow
	for _, name := range names {
		dir := episodeDir(name)
		if dir == "" {
			fmt.Fprintf(notes, "evaluate: %s not rendered (run ../shared/corpus/render .corpus %s); skipped\n", name, name)
			continue
		}
		t0 := time.Now()
		al, err := alignEpisode(filepath.Join(dir, "episode.wav"), filepath.Join(dir, "transcript.txt"))
		if err != nil {
			return rows, fmt.Errorf("%s: %w", name, err)
		}
		secs := time.Since(t0).Seconds()
		truth, err := evaluation.ReadTruth(filepath.Join(dir, "truth.json"))
		if err != nil {
			return rows, err
		}
		var words []evaluation.TimedWord
		for _, w := range al.Transcript.Words {
			words = append(words, evaluation.TimedWord{Text: w.Text, Start: w.Start, End: w.End})
		}
		s := evaluation.ScoreAlignment(truth, words)
		rows = append(rows, alignRow{Name: name, Method: al.Method, Scores: s, Seconds: secs})
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.3f\t%.0f\t%.0f\t%.0f\t%.3f\t%.3f\t%.0f\t%.0f\t%.3f\t%.1f\t\n",
			name, al.Method, s.Tokens, s.Coverage, s.WordMedianMs, s.WordP90Ms, s.WordP95Ms,
			s.WordWithin100, s.WordWithin250, s.SentMedianMs, s.SentP95Ms, s.SentWithin1s, secs)
		if out := os.Getenv("EVAL_WRITE"); out != "" {
			writeAlignment(filepath.Join(out, name+".alignment.json"), al)
		}
	}
	return rows, tw.Flush()
}

// alignEpisode runs the stages up to align.
func alignEpisode(wav, transcript string) (*pipeline.Alignment, error) {
	cfg := &pipeline.Config{AudioPath: wav, TranscriptPath: transcript}
	r := &pipeline.Runner{Progress: stderrWarnings{}}
	res, err := r.Run(context.Background(), cfg, align.Stage)
	if err != nil {
		return nil, err
	}
	return pipeline.Result[*pipeline.Alignment](res, align.Stage), nil
}

type stderrWarnings struct{}

func (stderrWarnings) StageStart(string, string)              {}
func (stderrWarnings) StageDone(string, time.Duration, error) {}
func (stderrWarnings) Warn(stage, msg string) {
	fmt.Fprintf(os.Stderr, "warning: %s: %s\n", stage, msg)
}
