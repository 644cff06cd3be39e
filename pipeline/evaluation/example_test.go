package evaluation_test

import (
	"fmt"

	"github.com/shownotes/shownotes/pipeline/evaluation"
)

func ExampleScoreAlignment() {
	truth := &evaluation.Truth{Tokens: []evaluation.TruthToken{
		{Text: "Hello,", Start: 1.0},
		{Text: "world.", CharStart: 7, Start: 1.5},
	}}
	s := evaluation.ScoreAlignment(truth, []evaluation.TimedWord{{Text: "hello", Start: 1.02}, {Text: "World", Start: 1.8}})
	fmt.Printf("coverage %.2f, median %.0f ms, within 250 ms %.2f\n", s.Coverage, s.WordMedianMs, s.WordWithin250)
	// Output: coverage 1.00, median 20 ms, within 250 ms 0.50
}
