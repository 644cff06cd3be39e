package notes

import "github.com/shownotes/shownotes/pipeline"

// Notes is the notes stage's result: the show notes in three forms plus the
// description version for the feed (HTML within feeds.DescriptionLimit).
type Notes struct {
	pipeline.Output
	HTML        string
	Markdown    string
	Text        string
	Description string   // HTML within feeds.DescriptionLimit
	Dropped     []string // parts left out of Description to fit, in drop order
}
