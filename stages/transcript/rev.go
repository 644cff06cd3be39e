package transcript

import (
	"strings"

	"github.com/shownotes/shownotes/pipeline"
)

// revHeader is a turn header of the Rev/Otter/Descript layouts.
type revHeader struct {
	name string
	time float64 // NoTime when the header has none
	rest string  // text on the header line after it
}

// maxHeaderLen bounds the part of a line read as a timed turn header.
const maxHeaderLen = 120

// parseTimedHeader recognises "Name (HH:MM:SS):", "Name [HH:MM:SS]:",
// "Name  HH:MM:SS" (Otter: two spaces or a tab) and "[HH:MM:SS] Name:".
func parseTimedHeader(line string) (revHeader, bool) {
	s := strings.TrimSpace(line)
	if s == "" {
		return revHeader{}, false
	}
	// "[HH:MM:SS] Name: text"
	if s[0] == '[' {
		j := strings.IndexByte(s, ']')
		if j < 0 || j > 16 {
			return revHeader{}, false
		}
		t, ok := parseClock(strings.TrimSpace(s[1:j]))
		if !ok {
			return revHeader{}, false
		}
		after := strings.TrimSpace(s[j+1:])
		k := strings.IndexByte(after, ':')
		if k <= 0 || k > maxNameLen {
			return revHeader{}, false
		}
		name := after[:k]
		if !shortLine(name) {
			return revHeader{}, false
		}
		return revHeader{name: name, time: t, rest: strings.TrimSpace(after[k+1:])}, true
	}
	// "Name (HH:MM:SS):" / "Name [HH:MM:SS]:", optional text after.
	for _, br := range [...][2]byte{{'(', ')'}, {'[', ']'}} {
		o := strings.IndexByte(s, br[0])
		if o <= 0 || o > maxNameLen+2 {
			continue
		}
		c := strings.IndexByte(s[o:], br[1])
		if c < 0 || c > 20 {
			continue
		}
		c += o
		t, ok := parseClock(strings.TrimSpace(s[o+1 : c]))
		if !ok {
			continue
		}
		name := strings.TrimSpace(s[:o])
		if !shortLine(name) {
			continue
		}
		rest := strings.TrimSpace(s[c+1:])
		rest = strings.TrimPrefix(rest, ":")
		return revHeader{name: name, time: t, rest: strings.TrimSpace(rest)}, true
	}
	// Otter: "Name  0:03" or "Name\t00:00:03" alone on the line.
	if len(s) <= maxHeaderLen {
		raw := strings.TrimRight(line, " \t")
		k := strings.LastIndexAny(raw, " \t")
		if k > 0 {
			t, ok := parseClock(raw[k+1:])
			gap := raw[:k+1]
			name := strings.TrimRight(gap, " \t")
			sep := gap[len(name):]
			if ok && (strings.Contains(sep, "\t") || len(sep) >= 2) && shortLine(name) {
				return revHeader{name: strings.TrimSpace(name), time: t}, true
			}
		}
	}
	return revHeader{}, false
}

// descriptPrefix splits "Name: text" when Name is a short line; ok is false
// otherwise.
func descriptPrefix(line string) (name, rest string, ok bool) {
	s := strings.TrimSpace(line)
	k := strings.IndexByte(s, ':')
	if k <= 0 || k > maxNameLen {
		return "", "", false
	}
	name = s[:k]
	rest = strings.TrimSpace(s[k+1:])
	if rest == "" || !shortLine(name) || strings.ContainsAny(name, "()[]") {
		return "", "", false
	}
	// URLs are not names.
	if strings.HasPrefix(rest, "//") {
		return "", "", false
	}
	return name, rest, true
}

// prefixNames returns the keys of the names that prefix lines as "Name:
// text" (after an optional "- " or ">> "): a name in known (timed headers),
// one that prefixes at least two lines, and when loose, any name of two or
// more name-like words.
func prefixNames(lines []string, known map[string]bool, loose bool) map[string]bool {
	count := map[string]int{}
	for _, ln := range lines {
		if strings.Contains(ln, "-->") {
			continue
		}
		s := strings.TrimLeft(strings.TrimSpace(ln), "->")
		name, _, ok := descriptPrefix(stripTags(s))
		if !ok {
			continue
		}
		k := nameKey(displayName(name))
		count[k]++
		if known[k] || loose && nameLike(name) && len(strings.Fields(name)) >= 2 {
			count[k]++
		}
	}
	out := map[string]bool{}
	for k, n := range count {
		if n >= 2 && k != "" {
			out[k] = true
		}
	}
	return out
}

// parseRev reads Rev/Otter/Descript layouts. Lines before the first turn
// header are the header block.
func parseRev(b *builder, lines []string) error {
	timed := map[string]bool{}
	for _, ln := range lines {
		if h, ok := parseTimedHeader(ln); ok {
			timed[nameKey(displayName(h.name))] = true
		}
	}
	// With timed headers, a "Name:" line is a turn only for a name of a
	// timed header or one used twice.
	desc := prefixNames(lines, timed, len(timed) == 0)
	header := func(ln string) (revHeader, bool) {
		if h, ok := parseTimedHeader(ln); ok {
			return h, true
		}
		if name, rest, ok := descriptPrefix(ln); ok && desc[nameKey(displayName(name))] {
			return revHeader{name: name, time: pipeline.NoTime, rest: rest}, true
		}
		return revHeader{}, false
	}
	start := -1
	for i, ln := range lines {
		if _, ok := header(ln); ok {
			start = i
			break
		}
	}
	if start < 0 {
		return errFormatf("rev", "no \"Name (HH:MM:SS):\", \"Name  HH:MM:SS\" or \"Name: text\" turn headers")
	}
	parseHeader(b, lines[:start], nil)
	for i := start; i < len(lines); i++ {
		ln := lines[i]
		if strings.TrimSpace(ln) == "" {
			b.para()
			continue
		}
		if h, ok := header(ln); ok {
			b.turn(b.speaker(h.name), h.time)
			b.para()
			if h.rest != "" {
				b.text(h.rest, h.time)
			}
			continue
		}
		if t, rest, ok := bareStamp(ln); ok {
			// Rev writes a same-speaker continuation as a bare
			// "(HH:MM:SS):" line: a new paragraph of the current turn,
			// whose first word is anchored at the stamp.
			b.para()
			b.anchor(t)
			if rest != "" {
				b.text(rest, t)
			}
			continue
		}
		b.text(ln, pipeline.NoTime)
	}
	return nil
}

// bareStamp recognises a turn header without a name, "(HH:MM:SS):" or
// "[HH:MM:SS]:" (the colon optional), with any text after it.
func bareStamp(line string) (t float64, rest string, ok bool) {
	s := strings.TrimSpace(line)
	if len(s) < 6 || (s[0] != '(' && s[0] != '[') {
		return 0, "", false
	}
	closer := byte(')')
	if s[0] == '[' {
		closer = ']'
	}
	c := strings.IndexByte(s, closer)
	if c < 0 || c > 20 {
		return 0, "", false
	}
	t, ok = parseClock(strings.TrimSpace(s[1:c]))
	if !ok {
		return 0, "", false
	}
	rest = strings.TrimSpace(s[c+1:])
	if rest != "" && rest[0] != ':' {
		// "[00:01:02] Name: text" is a header; "(00:01:02) text" without
		// the colon is not a continuation Rev writes.
		return 0, "", false
	}
	return t, strings.TrimSpace(strings.TrimPrefix(rest, ":")), true
}
