package chapters

import (
	"encoding/json"
	"math"

	"github.com/shownotes/shownotes/pipeline"
)

type jsonChapter struct {
	StartTime *float64 `json:"startTime"`
	Title     string   `json:"title"`
}

// JSON renders chapters as a Podcasting 2.0 JSON chapters file (version
// 1.2.0): startTime in seconds rounded to the millisecond, null when the
// chapter is untimed.
func JSON(c *pipeline.Chapters) ([]byte, error) {
	doc := struct {
		Version  string        `json:"version"`
		Chapters []jsonChapter `json:"chapters"`
	}{Version: "1.2.0", Chapters: []jsonChapter{}}
	if c != nil {
		for _, ch := range c.Chapters {
			var st *float64
			if pipeline.Known(ch.Start) {
				v := math.Round(ch.Start*1000) / 1000
				st = &v
			}
			doc.Chapters = append(doc.Chapters, jsonChapter{StartTime: st, Title: ch.Title})
		}
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
