package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/evaluation"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
	"github.com/shownotes/shownotes/stages/align"
	"github.com/shownotes/shownotes/stages/chapters"
	"github.com/shownotes/shownotes/stages/lexical"
	"github.com/shownotes/shownotes/stages/quotes"
	"github.com/shownotes/shownotes/stages/summary"
)

// quotesTop is how many of the tool's quotes are compared with the pool.
const quotesTop = 6

// chapterTolSeconds is how far a chapter start may be from the editor's.
const chapterTolSeconds = 30.0

// untimedRate is the words per second that stand for time on a transcript
// without times: 30 s is then 75 words.
const untimedRate = 2.5

// editorialRow is one transcript's quotes and chapters scores.
type editorialRow struct {
	Name, Set, Layout string
	Timing            lexical.Timing
	Quotes            evaluation.QuoteScore
	Chapters          evaluation.ChapterScore
	Unfound           int // gold chapter starts not found in the transcript
}

// evalEditorial runs quotes, chapters and summary without audio on both
// layouts of every transcript with editor gold and prints the scores per
// show, tuned-on shows apart from checked-only ones. detail, when not nil,
// receives every quote, chapter and summary.
func evalEditorial(detail io.Writer, tunedOnly bool) error {
	dir := testcorpus.Dir()
	if dir == "" {
		fmt.Fprintln(os.Stderr, "evaluate: ../shared/corpus not found; quotes and chapters evaluation skipped")
		return nil
	}
	golds, err := evaluation.EditorGolds(dir)
	if err != nil {
		return err
	}
	var rows []editorialRow
	sets := []string{"tuned", "checked"}
	if tunedOnly {
		sets = sets[:1]
	}
	for _, set := range sets {
		for _, g := range golds {
			if (set == "tuned") != evaluation.TunedOn[g.Name] {
				continue
			}
			for _, layout := range []string{"plain", "rev"} {
				file := g.Name + ".txt"
				if layout == "rev" {
					file = g.Name + "_rev.txt"
				}
				path := filepath.Join(dir, "transcripts", file)
				if _, err := os.Stat(path); err != nil {
					continue
				}
				row, err := editorialEval(g, path, detail)
				if err != nil {
					return fmt.Errorf("%s: %w", file, err)
				}
				row.Set, row.Layout = set, layout
				rows = append(rows, row)
			}
		}
	}
	fmt.Println()
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "transcript\tset\tlayout\ttimes\ttop-6 quotes in pool\tverbatim\tchapters\teditor's\tmatched\tchapter R\tchapter P")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d/%d\t%d/%d\t%d\t%d\t%d\t%.2f\t%.2f\n", r.Name, r.Set, r.Layout, r.Timing,
			r.Quotes.InPool, r.Quotes.Top, r.Quotes.Verbatim, r.Quotes.Quotes,
			r.Chapters.Got, r.Chapters.Gold, r.Chapters.Matched, r.Chapters.Recall, r.Chapters.Precision)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Println("(chapter starts match within 30 s: of the time the transcript's stamps give the start's first word when it has stamps, else of its word position at 150 words a minute, i.e. 75 words)")
	return nil
}

// editorialEval runs the stages on one transcript and scores them.
func editorialEval(g *evaluation.EditorGold, path string, detail io.Writer) (editorialRow, error) {
	row := editorialRow{Name: g.Name}
	cfg := &pipeline.Config{TranscriptPath: path}
	r := &pipeline.Runner{Progress: stderrWarnings{}}
	res, err := r.Run(context.Background(), cfg, quotes.Stage, chapters.Stage, summary.Stage)
	if err != nil {
		return row, err
	}
	al := pipeline.Result[*pipeline.Alignment](res, align.Stage)
	qs := pipeline.Result[*quotes.Quotes](res, quotes.Stage)
	chs := pipeline.Result[*chapters.Chapters](res, chapters.Stage)
	sum := pipeline.Result[*summary.Summary](res, summary.Stage)
	tr := al.Transcript
	found := make([]evaluation.FoundQuote, len(qs.Quotes))
	for i, q := range qs.Quotes {
		found[i] = evaluation.FoundQuote{Text: q.Text, Words: q.Words}
	}
	row.Quotes = evaluation.ScoreQuotes(tr, found, g.QuotesPool, quotesTop)

	times, timing := lexical.WordTimes(tr)
	row.Timing = timing
	pos := func(word int) float64 {
		if times != nil {
			return times[min(word, len(times)-1)]
		}
		return float64(word) / untimedRate
	}
	var gold, got []float64
	for _, w := range evaluation.StartWords(tr, g.ChapterStarts) {
		if w < 0 {
			row.Unfound++
			continue
		}
		gold = append(gold, pos(w))
	}
	for _, c := range chs.Chapters {
		got = append(got, pos(c.Words.First))
	}
	row.Chapters = evaluation.ScoreChapters(gold, got, chapterTolSeconds)
	row.Chapters.Gold += row.Unfound // a start not found is a start missed

	if detail != nil {
		fmt.Fprintf(detail, "== %s (%s)\n", g.Name, filepath.Base(path))
		for i, q := range qs.Quotes {
			mark := " "
			if i < len(row.Quotes.Hits) && row.Quotes.Hits[i] {
				mark = "*"
			}
			fmt.Fprintf(detail, "quote %s %.3f [%s] %s\n", mark, q.Score, q.Speaker, q.Text)
		}
		for _, c := range chs.Chapters {
			fmt.Fprintf(detail, "chapter %7.1f %q  «%s»\n", pos(c.Words.First), c.Title, tr.Text(pipeline.Span{First: c.Words.First, End: min(c.Words.First+12, c.Words.End)}))
		}
		for _, w := range evaluation.StartWords(tr, g.ChapterStarts) {
			if w >= 0 {
				fmt.Fprintf(detail, "gold    %7.1f «%s»\n", pos(w), tr.Text(pipeline.Span{First: w, End: min(w+12, len(tr.Words))}))
			}
		}
		for _, s := range sum.Sentences {
			fmt.Fprintf(detail, "summary %s\n", s)
		}
	}
	return row, nil
}

// runEditorial runs evalEditorial, writing the detail to the named file
// when one is given.
func runEditorial(detailPath string, tunedOnly bool) error {
	if detailPath == "" {
		return evalEditorial(nil, tunedOnly)
	}
	f, err := os.Create(detailPath)
	if err != nil {
		return err
	}
	if err := evalEditorial(f, tunedOnly); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
