package notes_test

import (
	"context"
	"fmt"

	"github.com/shownotes/shownotes/stages/chapters"
	"github.com/shownotes/shownotes/stages/summary"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/notes"
)

func ExampleRender() {
	n, _ := notes.Render(context.Background(), notes.Input{
		Transcript: &pipeline.Transcript{Header: pipeline.Header{Guest: "Ada Lovelace", Bio: "Mathematician & writer"}},
		Timed:      true,
		Duration:   900,
		Summary:    &summary.Summary{Sentences: []string{"The engine could compose music.", "It weaves algebraic patterns."}},
		Chapters: &chapters.Chapters{Chapters: []chapters.Chapter{
			{Start: 0, Title: "Analytical engine"}, {Start: 312.4, Title: "Notes on <Bernoulli>"}, {Start: 620, Title: "Poetical science"},
		}},
	})
	fmt.Print(n.Text)
	// Output:
	// The engine could compose music. It weaves algebraic patterns.
	//
	// Guest: Ada Lovelace — Mathematician & writer
	//
	// Chapters
	// (00:00) Analytical engine
	// (05:12) Notes on <Bernoulli>
	// (10:20) Poetical science
}
