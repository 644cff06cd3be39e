package captions

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/lexical"
)

// Limits bound a cue.
type Limits struct {
	LineChars int     // characters per line
	Lines     int     // lines per cue
	Seconds   float64 // cue duration
}

// CaptionLimits are the limits of the WebVTT cues.
var CaptionLimits = Limits{LineChars: 42, Lines: 2, Seconds: 7}

// SRTLimits are the limits of the SRT cues: the Podcasting 2.0 transcript
// guidance of at most 32 characters a line (SRT has no voice tags, so the
// speaker's "Name: " counts too; see SRT).
var SRTLimits = Limits{LineChars: 32, Lines: 2, Seconds: 7}

// segmentLimits are the limits of the JSON transcript's segments: about a
// sentence.
var segmentLimits = Limits{LineChars: 200, Lines: 1, Seconds: 20}

// Cue is one caption: consecutive words of one sentence of one speaker.
type Cue struct {
	Start, End float64
	Speaker    string
	Words      pipeline.Span
	Lines      []string
	TurnStart  bool // the first cue of a turn
}

// Text is the cue's lines joined by spaces.
func (c Cue) Text() string { return strings.Join(c.Lines, " ") }

// Render returns the caption files for an alignment: alignment.json always,
// and transcript.json, transcript.vtt and transcript.srt when timed.
func Render(ctx context.Context, al *pipeline.Alignment) (*pipeline.Output, error) {
	out := new(pipeline.Output)
	if al == nil || al.Transcript == nil {
		return out, nil
	}
	aj, err := AlignmentJSON(al)
	if err != nil {
		return nil, fmt.Errorf("alignment.json: %w", err)
	}
	out.Files = append(out.Files, pipeline.File{Name: "alignment.json", Data: aj})
	if !al.Timed || len(al.Transcript.Words) == 0 {
		// WebVTT, SRT and the JSON transcript require times.
		return out, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	t := al.Transcript
	cues := Cues(t, CaptionLimits)
	tj, err := TranscriptJSON(t)
	if err != nil {
		return nil, fmt.Errorf("transcript.json: %w", err)
	}
	out.Files = append(out.Files,
		pipeline.File{Name: "transcript.json", Data: tj},
		pipeline.File{Name: "transcript.vtt", Data: VTT(cues)},
		pipeline.File{Name: "transcript.srt", Data: SRT(Cues(t, SRTLimits))},
	)
	return out, nil
}

// Cues splits the transcript's sentences into cues within the limits, timed
// by the word times (unknown times interpolated from the neighbours), with
// start times that never go back.
func Cues(t *pipeline.Transcript, lim Limits) []Cue {
	if t == nil || len(t.Words) == 0 {
		return nil
	}
	lim.LineChars = max(lim.LineChars, 1)
	lim.Lines = max(lim.Lines, 1)
	if !(lim.Seconds > 0) {
		lim.Seconds = math.Inf(1)
	}
	start, end := wordTimes(t)
	var cues []Cue
	emit := func(first, last int) {
		c := Cue{Start: start[first], End: end[last-1], Speaker: t.Words[first].Speaker, Words: pipeline.Span{First: first, End: last}}
		c.TurnStart = first == 0 || t.Words[first-1].Turn != t.Words[first].Turn || t.Words[first-1].Speaker != t.Words[first].Speaker
		words := make([]string, 0, last-first)
		for i := first; i < last; i++ {
			words = append(words, clean(t.Words[i].Text))
		}
		c.Lines = breakLines(words, lim.LineChars, lim.Lines)
		cues = append(cues, c)
	}
	for _, s := range lexical.SplitAtTurns(t, lexical.Sentences(t)) {
		first := s.First
		for i := s.First; i < s.End; i++ {
			over := i > first && (!fits(t.Words[first:i+1], lim) || end[i]-start[first] > lim.Seconds)
			if over {
				cut := i
				// prefer to cut after a comma in the second half of the cue
				for j := i - 1; j > first+(i-first)/2; j-- {
					if strings.HasSuffix(t.Words[j].Text, ",") || strings.HasSuffix(t.Words[j].Text, ";") {
						cut = j + 1
						break
					}
				}
				// no orphan: leave at least three words of the
				// sentence for the next cue when that still fits
				if rest := s.End - cut; rest < 3 && cut-first > 3 &&
					fits(t.Words[s.End-3:s.End], lim) && end[s.End-1]-start[s.End-3] <= lim.Seconds {
					cut = s.End - 3
				}
				emit(first, cut)
				first = cut
			}
		}
		if s.End > first {
			emit(first, s.End)
		}
	}
	for i := range cues {
		if i > 0 && cues[i].Start < cues[i-1].Start {
			cues[i].Start = cues[i-1].Start
		}
		if !(cues[i].End > cues[i].Start) {
			cues[i].End = cues[i].Start + 0.2
		}
		if i > 0 && cues[i-1].End > cues[i].Start && cues[i].Start > cues[i-1].Start {
			cues[i-1].End = cues[i].Start
		}
	}
	return cues
}

// fits reports whether the words fill at most lim.Lines lines of
// lim.LineChars characters, filling each line greedily (if they do, the
// balanced lines of breakLines do too).
func fits(words []pipeline.Word, lim Limits) bool {
	lines, cur := 1, 0
	for _, w := range words {
		n := len([]rune(clean(w.Text)))
		switch {
		case cur == 0:
			cur = n
		case cur+1+n <= lim.LineChars:
			cur += 1 + n
		default:
			lines++
			cur = n
		}
		if cur > lim.LineChars && len(words) > 1 {
			return false
		}
	}
	return lines <= lim.Lines
}

// clean keeps a token on one line.
func clean(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// breakLines puts words on at most n lines of at most width characters,
// balancing two lines; a cue that cannot fit keeps its words whole on longer
// lines.
func breakLines(words []string, width, n int) []string {
	text := strings.Join(words, " ")
	if len([]rune(text)) <= width || n == 1 || len(words) == 1 {
		return []string{text}
	}
	if n == 2 {
		best, bestLen := 1, math.MaxInt
		for k := 1; k < len(words); k++ {
			a := len([]rune(strings.Join(words[:k], " ")))
			b := len([]rune(strings.Join(words[k:], " ")))
			if l := max(a, b); l < bestLen {
				best, bestLen = k, l
			}
		}
		return []string{strings.Join(words[:best], " "), strings.Join(words[best:], " ")}
	}
	var lines []string
	cur := ""
	for _, w := range words {
		if cur != "" && len([]rune(cur))+1+len([]rune(w)) > width {
			lines = append(lines, cur)
			cur = ""
		}
		if cur != "" {
			cur += " "
		}
		cur += w
	}
	return append(lines, cur)
}

// wordTimes returns every word's start and end, interpolating unknown ones.
func wordTimes(t *pipeline.Transcript) (start, end []float64) {
	n := len(t.Words)
	start, end = make([]float64, n), make([]float64, n)
	known := false
	for i, w := range t.Words {
		start[i], end[i] = w.Start, w.End
		known = known || pipeline.Known(w.Start)
	}
	if !known {
		for i := range start {
			start[i], end[i] = 0, 0
		}
		return start, end
	}
	lexical.Interpolate(start, 0)
	for i := 1; i < n; i++ {
		// an aligner (or a renderer) may time a word before the one it
		// follows: keep the order of the words
		if start[i] < start[i-1] {
			start[i] = start[i-1]
			if pipeline.Known(end[i-1]) && end[i-1] > start[i] && (!pipeline.Known(end[i]) || end[i-1] <= end[i]) {
				start[i] = end[i-1]
			}
		}
	}
	for i := range end {
		if !pipeline.Known(end[i]) || end[i] < start[i] {
			end[i] = start[i]
			if i+1 < n && start[i+1] > start[i] {
				end[i] = start[i+1]
			}
		}
	}
	return start, end
}

// stamp formats seconds as HH:MM:SS.mmm (sep ".") or HH:MM:SS,mmm (sep ",").
func stamp(t float64, sep string) string {
	if !(t > 0) {
		t = 0
	}
	ms := int64(math.Round(t * 1000))
	return fmt.Sprintf("%02d:%02d:%02d%s%03d", ms/3600000, ms/60000%60, ms/1000%60, sep, ms%1000)
}

var vttEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// VTT renders cues as WebVTT with a <v Name> voice tag on every cue of a
// named speaker; & < > are escaped in names and text.
func VTT(cues []Cue) []byte {
	var b bytes.Buffer
	b.WriteString("WEBVTT\n")
	for _, c := range cues {
		fmt.Fprintf(&b, "\n%s --> %s\n", stamp(c.Start, "."), stamp(c.End, "."))
		for i, l := range c.Lines {
			if i == 0 && c.Speaker != "" {
				fmt.Fprintf(&b, "<v %s>", vttEscaper.Replace(clean(c.Speaker)))
			}
			b.WriteString(vttEscaper.Replace(l))
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

// SRT renders cues as SubRip: numbered, HH:MM:SS,mmm times, "Name: " before
// the first cue of each turn. Lines keep the width of the cues made with
// SRTLimits: a cue that starts a turn is broken again with the name in
// front, taking a third line when the name needs it. Only a single word
// longer than the width makes a longer line.
func SRT(cues []Cue) []byte {
	var b bytes.Buffer
	for i, c := range cues {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%d\n%s --> %s\n", i+1, stamp(c.Start, ","), stamp(c.End, ","))
		lines := c.Lines
		if c.TurnStart && clean(c.Speaker) != "" {
			width := SRTLimits.LineChars
			for _, l := range c.Lines {
				width = max(width, len([]rune(l)))
			}
			words := append(strings.Fields(clean(c.Speaker)+":"), strings.Fields(strings.Join(c.Lines, " "))...)
			// One or two balanced lines when they fit, else greedy
			// lines (which break only between words).
			for n := max(len(c.Lines), 1); ; n++ {
				lines = breakLines(words, width, n)
				if fitsWidth(lines, width) || n >= 3 {
					break
				}
			}
		}
		for _, l := range lines {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

// fitsWidth reports whether every line has at most width characters.
func fitsWidth(lines []string, width int) bool {
	for _, l := range lines {
		if len([]rune(l)) > width {
			return false
		}
	}
	return true
}

func ms(t float64) *float64 {
	if !pipeline.Known(t) {
		return nil
	}
	v := math.Round(t*1000) / 1000
	return &v
}

// TranscriptJSON renders the Podcasting 2.0 JSON transcript: one segment
// per sentence (long sentences split at about 20 s), times rounded to the
// millisecond.
func TranscriptJSON(t *pipeline.Transcript) ([]byte, error) {
	type segment struct {
		Speaker   string  `json:"speaker,omitempty"`
		StartTime float64 `json:"startTime"`
		EndTime   float64 `json:"endTime"`
		Body      string  `json:"body"`
	}
	doc := struct {
		Version  string    `json:"version"`
		Segments []segment `json:"segments"`
	}{Version: "1.0.0", Segments: []segment{}}
	for _, c := range Cues(t, segmentLimits) {
		doc.Segments = append(doc.Segments, segment{Speaker: c.Speaker, StartTime: *ms(c.Start), EndTime: *ms(c.End), Body: c.Text()})
	}
	return marshal(doc)
}

// AlignmentJSON renders every word with its aligned time and confidence and
// every sentence with its time (null where unknown).
func AlignmentJSON(al *pipeline.Alignment) ([]byte, error) {
	type word struct {
		Text       string   `json:"text"`
		Start      *float64 `json:"start"`
		End        *float64 `json:"end"`
		Speaker    string   `json:"speaker"`
		Confidence float64  `json:"confidence"`
	}
	type sentence struct {
		Text    string   `json:"text"`
		Start   *float64 `json:"start"`
		End     *float64 `json:"end"`
		Speaker string   `json:"speaker"`
	}
	doc := struct {
		Duration  *float64   `json:"duration"`
		Method    string     `json:"method,omitempty"`
		Words     []word     `json:"words"`
		Sentences []sentence `json:"sentences"`
	}{Words: []word{}, Sentences: []sentence{}, Method: al.Method}
	if al.Timed {
		doc.Duration = ms(al.Duration)
	}
	t := al.Transcript
	for _, w := range t.Words {
		c := w.Confidence
		if !(c >= 0 && c <= 1) {
			c = 0
		}
		doc.Words = append(doc.Words, word{Text: w.Text, Start: ms(w.Start), End: ms(w.End), Speaker: w.Speaker, Confidence: math.Round(c*1000) / 1000})
	}
	for _, s := range lexical.SplitAtTurns(t, lexical.Sentences(t)) {
		st, en := t.SpanTime(s)
		doc.Sentences = append(doc.Sentences, sentence{Text: t.Text(s), Start: ms(st), End: ms(en), Speaker: t.Words[s.First].Speaker})
	}
	return marshal(doc)
}

func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
