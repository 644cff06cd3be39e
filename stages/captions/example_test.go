package captions_test

import (
	"fmt"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/captions"
)

func ExampleVTT() {
	t := &pipeline.Transcript{Turns: []pipeline.Turn{{Speaker: "Ada", Words: pipeline.Span{First: 0, End: 3}}}}
	for i, w := range []string{"Fish", "&", "chips."} {
		t.Words = append(t.Words, pipeline.Word{Text: w, Speaker: "Ada", Start: 1 + 0.4*float64(i), End: 1.3 + 0.4*float64(i)})
	}
	fmt.Print(string(captions.VTT(captions.Cues(t, captions.CaptionLimits))))
	// Output:
	// WEBVTT
	//
	// 00:00:01.000 --> 00:00:02.100
	// <v Ada>Fish &amp; chips.
}
