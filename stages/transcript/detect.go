package transcript

import "strings"

// detect guesses the layout of decoded text.
func detect(text string) string {
	s := strings.TrimLeft(text, " \t\r\n\f\v")
	if strings.HasPrefix(s, "WEBVTT") {
		return "vtt"
	}
	if strings.HasPrefix(s, "{") && strings.Contains(s, `"segments"`) {
		return "json"
	}
	lines := splitLines(text)
	// Captions: a timing line among the first lines of the first block.
	if k := nextNonBlank(lines, 0); k < len(lines) {
		for q := k; q < len(lines) && q < k+3; q++ {
			if _, ok := cueTiming(lines[q]); ok {
				if strings.Contains(lines[q], ",") {
					return "srt"
				}
				return "vtt"
			}
		}
	}
	timed, content := 0, 0
	for _, ln := range lines {
		if strings.TrimSpace(ln) == "" {
			continue
		}
		content++
		if _, ok := parseTimedHeader(ln); ok {
			timed++
		}
	}
	if timed > 0 {
		return "rev"
	}
	// Descript: most lines start with a speaker's "Name:".
	if names := prefixNames(lines, nil, true); len(names) > 0 {
		prefixed := 0
		for _, ln := range lines {
			if name, _, ok := descriptPrefix(ln); ok && names[nameKey(displayName(name))] {
				prefixed++
			}
		}
		if prefixed >= 2 && prefixed*10 >= content*3 {
			return "rev"
		}
	}
	if spk := plainSpeakers(lines); len(spk) > 0 && firstTurn(lines, spk) >= 0 {
		return "plain"
	}
	return "text"
}
