package lexical_test

import (
	"fmt"
	"strings"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/lexical"
)

func ExampleTerms() {
	fmt.Println(lexical.Terms(strings.Fields("So, the companies are learning that elections matter.")))
	// Output: [company learn election matter]
}

// A transcript without audio whose turns carry stamps ("Ann (00:00:10):")
// gets approximate word times: the words between two stamps are spread
// evenly between them.
func ExampleWordTimes() {
	tr := &pipeline.Transcript{}
	for i, w := range strings.Fields("one two three four five six") {
		anchor := pipeline.NoTime
		if i == 0 {
			anchor = 10
		}
		if i == 4 {
			anchor = 14
		}
		tr.Words = append(tr.Words, pipeline.Word{Text: w, Start: pipeline.NoTime, End: pipeline.NoTime, Anchor: anchor})
	}
	times, timing := lexical.WordTimes(tr)
	fmt.Println(timing, times)
	// Output: approximate [10 11 12 13 14 14.4]
}
