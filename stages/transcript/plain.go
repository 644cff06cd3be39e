package transcript

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shownotes/shownotes/pipeline"
)

// maxNameWords and maxNameLen bound a speaker name line.
const (
	maxNameWords = 5
	maxNameLen   = 60
)

// shortLine reports whether line could be a speaker name: at most five
// words, not ending in sentence punctuation (a trailing colon is allowed),
// not a bracketed note, holding a letter.
func shortLine(line string) bool {
	s := strings.TrimSpace(line)
	if s == "" || len(s) > maxNameLen {
		return false
	}
	s = strings.TrimRight(s, ":")
	if s == "" || strings.HasPrefix(s, "[") || strings.HasPrefix(s, "(") {
		return false
	}
	if n := len(strings.Fields(s)); n > maxNameWords {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune(".?!,;…\"”", last) {
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, "--") {
		return false
	}
	return hasLetter(s)
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// nameParticles may be lower case inside a name.
var nameParticles = map[string]bool{
	"de": true, "da": true, "di": true, "del": true, "della": true, "der": true, "den": true, "van": true,
	"von": true, "la": true, "le": true, "du": true, "dos": true, "das": true, "do": true, "al": true,
	"el": true, "bin": true, "ibn": true, "bint": true, "y": true, "e": true, "ten": true, "ter": true,
	"zu": true, "af": true, "av": true, "of": true, "the": true, "and": true, "&": true,
}

// responses are one-word replies that stand on their own line in some
// transcripts and are never taken as speaker names.
var responses = map[string]bool{
	"yeah": true, "yes": true, "yep": true, "yup": true, "no": true, "nope": true, "okay": true, "ok": true,
	"right": true, "sure": true, "so": true, "well": true, "hmm": true, "mm": true, "mhm": true,
	"uh": true, "um": true, "huh": true, "exactly": true, "absolutely": true, "true": true, "cool": true,
	"wow": true, "thanks": true, "great": true, "nice": true, "oh": true, "ah": true, "hi": true,
	"hello": true, "hey": true, "bye": true, "totally": true, "definitely": true, "correct": true,
	"indeed": true, "interesting": true, "really": true, "agreed": true, "fine": true, "good": true,
	"amazing": true, "awesome": true, "perfect": true, "alright": true, "welcome": true, "cheers": true,
}

// nameLike reports whether a short line looks like a person's name or a
// speaker label: words starting with a capital letter or a digit (lower
// case particles allowed inside), or "Speaker 1" style labels.
func nameLike(line string) bool {
	s := displayName(line)
	f := strings.Fields(s)
	if len(f) == 0 {
		return false
	}
	if len(f) == 1 && responses[strings.ToLower(strings.Trim(f[0], ".,!?"))] {
		return false
	}
	for i, w := range f {
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r), unicode.IsDigit(r) && i > 0:
		case i > 0 && nameParticles[strings.ToLower(w)]:
		case unicode.IsLetter(r) && !unicode.IsLower(r) && !unicode.IsUpper(r):
			// scripts without case
		default:
			return false
		}
	}
	return true
}

// plainSpeakers decides which short lines are speaker names. A name-like
// short line is a speaker when its normalised form occurs at least twice as
// a line, or once when it has two or more words and stands on its own line
// followed by text, or right below a speaker line and followed by a blank
// line. A short line that is not name-like is a speaker when it
// occurs at least three times.
func plainSpeakers(lines []string) map[string]bool {
	type stat struct {
		n       int
		like    bool
		words   int
		content bool // once followed by a non-short line
	}
	stats := map[string]*stat{}
	for i, ln := range lines {
		if !shortLine(ln) {
			continue
		}
		key := nameKey(displayName(ln))
		if key == "" {
			continue
		}
		st := stats[key]
		if st == nil {
			st = &stat{like: nameLike(ln), words: len(strings.Fields(displayName(ln)))}
			stats[key] = st
		}
		st.n++
		if !st.content {
			j := nextNonBlank(lines, i+1)
			if j < len(lines) && !(shortLine(lines[j]) && nameLike(lines[j])) {
				st.content = true
			}
		}
	}
	out := map[string]bool{}
	for k, st := range stats {
		if responses[k] {
			continue
		}
		switch {
		case st.like && st.n >= 2:
			out[k] = true
		case st.like && st.n == 1 && st.words >= 2 && st.content:
			out[k] = true
		case !st.like && st.n >= 3 && st.content:
			out[k] = true
		}
	}
	// A name line right below a speaker line and followed by a blank line
	// is a speaker too: the header's list of speakers, an empty turn.
	for i := 1; i < len(lines); i++ {
		if !shortLine(lines[i]) || !nameLike(lines[i]) || (i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "") {
			continue
		}
		if shortLine(lines[i-1]) && out[nameKey(displayName(lines[i-1]))] {
			if k := nameKey(displayName(lines[i])); k != "" && !responses[k] {
				out[k] = true
			}
		}
	}
	return out
}

func nextNonBlank(lines []string, i int) int {
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	return i
}

// isSpeakerLine reports whether line i names a speaker.
func isSpeakerLine(lines []string, i int, spk map[string]bool) bool {
	return shortLine(lines[i]) && spk[nameKey(displayName(lines[i]))]
}

// headerLike reports whether a line could belong to the header block: a
// title or a bio, short and not ending like a spoken sentence.
func headerLike(line string) bool {
	s := strings.TrimSpace(line)
	if s == "" {
		return true
	}
	if len(strings.Fields(s)) > 25 || len(s) > 250 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return !strings.ContainsRune(".!…", last)
}

// firstTurn finds the line of the first turn's speaker: the first speaker
// line followed by spoken text, skipping a header bio ("Name / blank / bio
// line / Name / Name").
func firstTurn(lines []string, spk map[string]bool) int {
	for i := 0; i < len(lines); i++ {
		if !isSpeakerLine(lines, i, spk) {
			continue
		}
		j := nextNonBlank(lines, i+1)
		if j >= len(lines) {
			return i
		}
		if isSpeakerLine(lines, j, spk) {
			continue
		}
		if j > i+1 && headerLike(lines[j]) && j+1 < len(lines) && strings.TrimSpace(lines[j+1]) != "" &&
			isSpeakerLine(lines, j+1, spk) {
			// A bio line glued to the speakers' list: still the header.
			i = j
			continue
		}
		return i
	}
	return -1
}

// parsePlain reads the plain speaker-labelled layout.
func parsePlain(b *builder, lines []string) error {
	spk := plainSpeakers(lines)
	start := firstTurn(lines, spk)
	if start < 0 {
		parseText(b, lines)
		return nil
	}
	// The run of speaker lines right before the first turn (no blank
	// between) belongs to the header's list of speakers too.
	run := start
	for run > 0 && isSpeakerLine(lines, run-1, spk) {
		run--
	}
	parseHeader(b, lines[:start], spk)
	if run < start {
		b.header = append(b.header, b.speaker(lines[start]))
	}
	b.para()
	for i := start; i < len(lines); i++ {
		ln := lines[i]
		if strings.TrimSpace(ln) == "" {
			b.para()
			continue
		}
		if isSpeakerLine(lines, i, spk) {
			id := b.speaker(ln)
			b.turn(id, pipeline.NoTime)
			b.para()
			continue
		}
		b.text(ln, pipeline.NoTime)
	}
	return nil
}

// parseHeader reads the header block: speaker lines are the header's
// speakers; a name-like line before the bio is the guest; a first line that
// is not a name is the title; the next other line is the bio.
func parseHeader(b *builder, lines []string, spk map[string]bool) {
	h := &b.t.Header
	first := true
	for i, ln := range lines {
		s := strings.Join(strings.Fields(ln), " ")
		if s == "" {
			continue
		}
		isFirst := first
		first = false
		if isSpeakerLine(lines, i, spk) {
			id := b.speaker(ln)
			b.header = append(b.header, id)
			if h.Guest == "" && h.Bio == "" {
				h.Guest = displayName(ln)
			}
			continue
		}
		switch {
		case isFirst && !(shortLine(s) && nameLike(s)):
			h.Title = s
		case h.Guest == "" && h.Bio == "" && shortLine(s) && nameLike(s):
			h.Guest = displayName(s)
		case h.Bio == "":
			h.Bio = s
		case h.Title == "" && h.Guest == "":
			h.Title = s
		}
	}
}

// parseText reads paragraphs with no speakers.
func parseText(b *builder, lines []string) {
	b.para()
	for _, ln := range lines {
		if strings.TrimSpace(ln) == "" {
			b.para()
			continue
		}
		b.text(ln, pipeline.NoTime)
	}
}
