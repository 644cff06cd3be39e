package chapters

import "github.com/shownotes/shownotes/pipeline"

// Chapter is one chapter of the episode.
type Chapter struct {
	Start float64 // seconds, NoTime when untimed
	Title string
	Words pipeline.Span // the chapter's words
}

// Chapters is the chapters stage's result, in time order.
type Chapters struct {
	Chapters []Chapter
	// Timed is false when neither the audio nor the transcript gives times:
	// every Start is NoTime, and chapters.json and the feed's chapters link
	// are left out.
	Timed bool
	// Approximate marks times taken from the transcript's own stamps
	// (no audio): words between two stamps are spread evenly.
	Approximate bool
}
