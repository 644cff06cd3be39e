package summary_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/summary"
)

func ExampleSummarize() {
	text := "Welcome to the show. Bees pollinate most of the crops that farmers grow in the valley. " +
		"That is true. Without bees the orchards in the valley would produce far less fruit each year. " +
		"Honey is only a small part of what bees give to farmers in the valley."
	t := &pipeline.Transcript{}
	for _, w := range strings.Fields(text) {
		t.Words = append(t.Words, pipeline.Word{Text: w, Speaker: "Guest", Start: pipeline.NoTime, End: pipeline.NoTime})
	}
	s, _ := summary.Summarize(context.Background(), t, summary.Options{Sentences: 2})
	for _, x := range s.Sentences {
		fmt.Println(x)
	}
	// Output:
	// Bees pollinate most of the crops that farmers grow in the valley.
	// Honey is only a small part of what bees give to farmers in the valley.
}
