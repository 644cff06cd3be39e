package transcript

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/shownotes/shownotes/pipeline"
)

// jsonTranscript is a Podcasting 2.0 JSON transcript.
type jsonTranscript struct {
	Version  string        `json:"version"`
	Segments []jsonSegment `json:"segments"`
}

type jsonSegment struct {
	Speaker   string          `json:"speaker"`
	StartTime json.RawMessage `json:"startTime"`
	EndTime   json.RawMessage `json:"endTime"`
	Body      string          `json:"body"`
}

// jsonTime reads a time given as a number or a numeric string; NoTime when
// absent or invalid.
func jsonTime(raw json.RawMessage) float64 {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		return pipeline.NoTime
	}
	s = strings.Trim(s, `"`)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if t, ok := parseClock(s); ok {
			return t
		}
		return pipeline.NoTime
	}
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return pipeline.NoTime
	}
	return v
}

// parseJSON reads a Podcasting 2.0 JSON transcript. Consecutive segments of
// one speaker form one turn and one paragraph.
func parseJSON(b *builder, text string) error {
	var jt jsonTranscript
	dec := json.NewDecoder(strings.NewReader(text))
	if err := dec.Decode(&jt); err != nil {
		return fmt.Errorf("%w: json: %v", ErrFormat, err)
	}
	if jt.Segments == nil {
		return errFormatf("json", "no \"segments\" array")
	}
	id := noSpeaker
	for _, seg := range jt.Segments {
		// JSON escapes (\u001b) decode to what the text-level strip
		// could not see.
		seg.Speaker, seg.Body = stripControls(seg.Speaker), stripControls(seg.Body)
		if strings.TrimSpace(seg.Body) == "" {
			continue
		}
		t := jsonTime(seg.StartTime)
		// A segment without a speaker continues the previous one's.
		if strings.TrimSpace(seg.Speaker) != "" {
			id = b.speaker(seg.Speaker)
		}
		b.turn(id, t)
		b.text(seg.Body, t)
	}
	return nil
}
