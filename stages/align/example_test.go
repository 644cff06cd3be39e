package align_test

import (
	"fmt"

	"github.com/shownotes/shownotes/stages/align"
)

func ExampleScore() {
	truth := &align.Truth{}
	truth.Tokens = append(truth.Tokens, struct {
		Text      string  `json:"text"`
		CharStart int     `json:"char_start"`
		Start     float64 `json:"start"`
		End       float64 `json:"end"`
		Speaker   string  `json:"speaker"`
	}{Text: "Hello,", Start: 1.0}, struct {
		Text      string  `json:"text"`
		CharStart int     `json:"char_start"`
		Start     float64 `json:"start"`
		End       float64 `json:"end"`
		Speaker   string  `json:"speaker"`
	}{Text: "world.", CharStart: 7, Start: 1.5})
	s := align.Score(truth, []align.TimedWord{{Text: "hello", Start: 1.02}, {Text: "World", Start: 1.8}})
	fmt.Printf("coverage %.2f, median %.0f ms, within 250 ms %.2f\n", s.Coverage, s.WordMedianMs, s.WordWithin250)
	// Output: coverage 1.00, median 20 ms, within 250 ms 0.50
}
