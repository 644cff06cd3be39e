package quotes

import "github.com/shownotes/shownotes/pipeline"

// Quote is a verbatim line worth sharing.
type Quote struct {
	Text    string   `json:"text"`
	Speaker string   `json:"speaker"`
	Start   *float64 `json:"start"`
	End     *float64 `json:"end"`
	Score   float64  `json:"score"`
	// Words is the quote's source range in the transcript.
	Words pipeline.Span `json:"-"`
	// Approximate marks Start and End taken from the transcript's own
	// stamps (no audio).
	Approximate bool `json:"approximate,omitempty"`
	// Soundbite is set for the top quotes: a 15–60 s clip around the quote.
	Soundbite *Soundbite `json:"soundbite,omitempty"`
}

// Soundbite is a Podcasting 2.0 podcast:soundbite.
type Soundbite struct {
	StartTime float64 `json:"startTime"`
	Duration  float64 `json:"duration"`
	Title     string  `json:"title,omitempty"`
}

// Quotes is the quotes stage's result (quotes.json), best first.
type Quotes struct {
	Quotes []Quote `json:"quotes"`
}
