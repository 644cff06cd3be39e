package chapters

import (
	"encoding/json"
	"math"

	"github.com/shownotes/shownotes/pipeline"
)

type jsonChapter struct {
	StartTime float64 `json:"startTime"`
	Title     string  `json:"title"`
}

// JSON renders chapters as a Podcasting 2.0 JSON chapters file (version
// 1.2.0): startTime in seconds rounded to the millisecond, and
// "approximate": true when the times come from the transcript's stamps
// rather than the audio. startTime is never null: a chapter whose Start is
// unknown is left out, so an untimed run gives an empty list — a run should
// not publish that file at all (see Chapters.Timed).
func JSON(c *Chapters) ([]byte, error) {
	doc := struct {
		Version     string        `json:"version"`
		Approximate bool          `json:"approximate,omitempty"`
		Chapters    []jsonChapter `json:"chapters"`
	}{Version: "1.2.0", Chapters: []jsonChapter{}}
	if c != nil {
		doc.Approximate = c.Approximate
		for _, ch := range c.Chapters {
			if !pipeline.Known(ch.Start) {
				continue
			}
			doc.Chapters = append(doc.Chapters, jsonChapter{StartTime: math.Round(ch.Start*1000) / 1000, Title: ch.Title})
		}
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
