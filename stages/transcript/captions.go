package transcript

import (
	"html"
	"strings"

	"github.com/shownotes/shownotes/pipeline"
)

// cueTiming parses a "start --> end [settings]" line and returns the start.
func cueTiming(line string) (float64, bool) {
	k := strings.Index(line, "-->")
	if k < 0 {
		return 0, false
	}
	t, ok := parseClock(strings.TrimSpace(line[:k]))
	if !ok {
		return 0, false
	}
	return t, true
}

// parseCaptions reads WebVTT and SRT: blocks separated by blank lines, each
// with an optional identifier, a timing line and payload lines.
func parseCaptions(b *builder, lines []string) error {
	i := 0
	vtt := false
	if len(lines) > 0 && strings.HasPrefix(strings.TrimSpace(lines[0]), "WEBVTT") {
		vtt = true
		// Skip the file header block.
		for i < len(lines) && strings.TrimSpace(lines[i]) != "" {
			i++
		}
	}
	names := prefixNames(lines, nil, true)
	cues := 0
	cur := noSpeaker
	for i < len(lines) {
		if strings.TrimSpace(lines[i]) == "" {
			i++
			continue
		}
		// A block: lines[i:j].
		j := i
		for j < len(lines) && strings.TrimSpace(lines[j]) != "" {
			j++
		}
		block := lines[i:j]
		i = j
		first := strings.TrimSpace(block[0])
		if vtt && (strings.HasPrefix(first, "NOTE") || first == "STYLE" || first == "REGION") {
			continue
		}
		tl := -1
		for k := 0; k < len(block) && k < 2; k++ {
			if strings.Contains(block[k], "-->") {
				tl = k
				break
			}
		}
		start := pipeline.NoTime
		payload := block
		if tl >= 0 {
			if t, ok := cueTiming(block[tl]); ok {
				start = t
			}
			payload = block[tl+1:]
			cues++
		} else if len(block) == 1 && isDigits(first) {
			continue // a lone SRT index
		}
		for li, ln := range payload {
			anchor := pipeline.NoTime
			if li == 0 {
				anchor = start
			}
			cur = b.cueLine(ln, anchor, cur, names)
		}
	}
	if cues == 0 {
		return errFormatf(b.t.Format, "no cue timing lines (\"00:00:01.000 --> 00:00:02.000\")")
	}
	return nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// cueLine reads one payload line: voice tags and "Name:" prefixes switch
// the speaker; other tags are dropped, entities decoded. It returns the
// current speaker after the line.
func (b *builder) cueLine(ln string, anchor float64, cur int, prefixNames map[string]bool) int {
	s := strings.TrimSpace(ln)
	if s == "" {
		return cur
	}
	if !strings.Contains(s, "<v") && !strings.Contains(s, "<V") {
		t := strings.TrimSpace(strings.TrimLeft(s, "->"))
		if name, rest, ok := descriptPrefix(stripTags(t)); ok && prefixNames[nameKey(displayName(name))] {
			cur = b.speaker(name)
			b.turn(cur, anchor)
			b.text(html.UnescapeString(rest), anchor)
			return cur
		}
		b.turn(cur, anchor)
		b.text(html.UnescapeString(stripTags(s)), anchor)
		return cur
	}
	// Walk the voice spans.
	for s != "" {
		k := indexVoice(s)
		if k < 0 {
			b.turn(cur, anchor)
			b.text(html.UnescapeString(stripTags(s)), anchor)
			return cur
		}
		if k > 0 {
			if txt := stripTags(s[:k]); strings.TrimSpace(txt) != "" {
				b.turn(cur, anchor)
				b.text(html.UnescapeString(txt), anchor)
				anchor = pipeline.NoTime
			}
		}
		e := strings.IndexByte(s[k:], '>')
		if e < 0 {
			b.turn(cur, anchor)
			b.text(html.UnescapeString(stripTags(s[k:])), anchor)
			return cur
		}
		tag := s[k+2 : k+e] // after "<v"
		// "<v.class Name>" or "<v Name>"
		if sp := strings.IndexAny(tag, " \t"); sp >= 0 {
			tag = tag[sp+1:]
		} else {
			tag = ""
		}
		name := html.UnescapeString(strings.TrimSpace(tag))
		if name != "" {
			cur = b.speaker(name)
		}
		s = s[k+e+1:]
		b.turn(cur, anchor)
	}
	return cur
}

// indexVoice finds a "<v " or "<v." voice tag.
func indexVoice(s string) int {
	off := 0
	for {
		k := strings.IndexByte(s[off:], '<')
		if k < 0 {
			return -1
		}
		k += off
		if k+2 < len(s) && (s[k+1] == 'v' || s[k+1] == 'V') && (s[k+2] == ' ' || s[k+2] == '.' || s[k+2] == '\t' || s[k+2] == '>') {
			return k
		}
		off = k + 1
	}
}

// stripTags removes "<...>" tags (WebVTT class, italics, timestamps,
// closing voice tags). A "<" without a closing ">" is kept.
func stripTags(s string) string {
	if strings.IndexByte(s, '<') < 0 {
		return s
	}
	var sb strings.Builder
	for {
		k := strings.IndexByte(s, '<')
		if k < 0 {
			sb.WriteString(s)
			break
		}
		e := strings.IndexByte(s[k:], '>')
		if e < 0 {
			sb.WriteString(s)
			break
		}
		sb.WriteString(s[:k])
		s = s[k+e+1:]
	}
	return sb.String()
}
