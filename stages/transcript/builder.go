package transcript

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shownotes/shownotes/pipeline"
)

// noSpeaker is the speaker id of text without speakers.
const noSpeaker = -1

// builder accumulates the model while a layout parser walks the input.
type builder struct {
	t *pipeline.Transcript

	ids      map[string]int // normalised key -> speaker id
	spelling []map[string]int
	order    [][]string // per id, spellings in order of first use
	turnSpk  []int      // per turn, its speaker id
	header   []int      // header speaker ids

	// pending state
	hasTurn     bool    // a turn was asked for
	pendSpk     int     // its speaker
	pendTime    float64 // its time, or NoTime
	pendNew     bool    // the next word starts a new Turn
	newPara     bool    // the next word starts a new paragraph
	pendAnchor  float64 // anchor for the next word, or NoTime
	lastWordTxt bool    // the last emitted thing was a word (for note suffixes)
}

func newBuilder(format, text string) *builder {
	b := &builder{
		t:          &pipeline.Transcript{Format: format},
		ids:        map[string]int{},
		pendTime:   pipeline.NoTime,
		pendAnchor: pipeline.NoTime,
		pendSpk:    noSpeaker,
	}
	if n := countFields(text); n > 0 {
		b.t.Words = make([]pipeline.Word, 0, n)
	}
	return b
}

// countFields counts whitespace-separated ASCII-space fields: an upper bound
// of the words, to allocate once.
func countFields(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		sp := c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

// speaker returns the id of a speaker name, recording its spelling; -1 for
// a name that normalises to nothing.
func (b *builder) speaker(raw string) int {
	disp := displayName(raw)
	key := nameKey(disp)
	if key == "" {
		return noSpeaker
	}
	id, ok := b.ids[key]
	if !ok {
		id = len(b.spelling)
		b.ids[key] = id
		b.spelling = append(b.spelling, map[string]int{})
		b.order = append(b.order, nil)
	}
	if b.spelling[id][disp] == 0 {
		b.order[id] = append(b.order[id], disp)
	}
	b.spelling[id][disp]++
	return id
}

// turn starts a turn of speaker id at time t (NoTime when unknown). A turn
// of the current speaker continues the current Turn; t then anchors the
// next word.
func (b *builder) turn(id int, t float64) {
	if b.hasTurn && id == b.pendSpk {
		if pipeline.Known(t) && !pipeline.Known(b.pendAnchor) {
			b.pendAnchor = t
		}
		if b.pendNew && pipeline.Known(t) && !pipeline.Known(b.pendTime) {
			b.pendTime = t
		}
		return
	}
	b.hasTurn = true
	b.pendSpk = id
	b.pendTime = t
	b.pendNew = true
	b.newPara = true
	b.pendAnchor = t
	b.lastWordTxt = false
}

// para makes the next word start a new paragraph.
func (b *builder) para() {
	b.newPara = true
	b.lastWordTxt = false
}

// anchor sets the Anchor of the next word (unless it has its own).
func (b *builder) anchor(t float64) {
	if pipeline.Known(t) {
		b.pendAnchor = t
	}
}

func (b *builder) word(text string, anchor float64, uncertain bool) {
	t := b.t
	if !b.hasTurn {
		b.hasTurn = true
		b.pendSpk = noSpeaker
		b.pendNew = true
	}
	n := len(t.Words)
	if b.pendNew {
		if k := len(t.Turns); k > 0 && b.turnSpk[k-1] == b.pendSpk {
			// The same speaker after an empty turn: one Turn.
			if !pipeline.Known(b.pendAnchor) {
				b.pendAnchor = b.pendTime
			}
		} else {
			t.Turns = append(t.Turns, pipeline.Turn{Time: b.pendTime, Words: pipeline.Span{First: n, End: n}})
			b.turnSpk = append(b.turnSpk, b.pendSpk)
		}
		b.pendNew = false
		b.newPara = true
	}
	if b.newPara {
		t.Paragraphs = append(t.Paragraphs, pipeline.Span{First: n, End: n})
		b.newPara = false
	}
	if !pipeline.Known(anchor) {
		anchor = b.pendAnchor
	}
	b.pendAnchor = pipeline.NoTime
	b.pendTime = pipeline.NoTime
	t.Words = append(t.Words, pipeline.Word{
		Text:      text,
		Turn:      len(t.Turns) - 1,
		Para:      len(t.Paragraphs) - 1,
		Anchor:    anchor,
		Uncertain: uncertain,
		Start:     pipeline.NoTime,
		End:       pipeline.NoTime,
	})
	t.Turns[len(t.Turns)-1].Words.End = n + 1
	t.Paragraphs[len(t.Paragraphs)-1].End = n + 1
	b.lastWordTxt = true
}

// note records a note; without a time of its own it takes the pending
// anchor (a caption's start), which the next word then does not get.
func (b *builder) note(kind, text string, t float64) {
	if !pipeline.Known(t) {
		t = b.pendAnchor
		b.pendAnchor = pipeline.NoTime
	}
	b.t.Notes = append(b.t.Notes, pipeline.Note{Kind: kind, Text: text, Time: t, Before: len(b.t.Words)})
}

// appendToLast attaches punctuation written right after a note to the last
// word of the current paragraph; it reports whether it could.
func (b *builder) appendToLast(s string) bool {
	if !b.lastWordTxt || b.newPara || b.pendNew || len(b.t.Words) == 0 {
		return false
	}
	w := &b.t.Words[len(b.t.Words)-1]
	w.Text += s
	return true
}

// text tokenises spoken text into words and notes; anchor (or NoTime) is the
// Anchor of its first word.
func (b *builder) text(s string, anchor float64) {
	if pipeline.Known(anchor) {
		b.pendAnchor = anchor
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace(c) {
				i++
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				i += size
				continue
			}
		}
		if c == '[' || c == '(' {
			if j, ok := b.bracket(s, i); ok {
				i = j
				continue
			}
		}
		j := tokenEnd(s, i)
		b.word(s[i:j], pipeline.NoTime, false)
		i = j
	}
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// tokenEnd returns the end of the token starting at i.
func tokenEnd(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace(c) {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return i
		}
		i += size
	}
	return i
}

// maxBracket bounds the length of a bracketed note, so that an unclosed
// bracket costs constant time.
const maxBracket = 200

// bracket handles a bracketed note or uncertain word at s[i] ('[' or '(').
// It returns the index after it (and after punctuation glued to it), or
// false when s[i] is to be read as ordinary text.
func (b *builder) bracket(s string, i int) (int, bool) {
	open := s[i]
	close := byte(']')
	if open == '(' {
		close = ')'
	}
	lim := i + 1 + maxBracket
	if lim > len(s) {
		lim = len(s)
	}
	j := -1
	for k := i + 1; k < lim; k++ {
		if s[k] == close {
			j = k
			break
		}
		if s[k] == open || s[k] == '\n' {
			break
		}
	}
	if j < 0 {
		return 0, false
	}
	inner := s[i+1 : j]
	fields := strings.Fields(inner)
	end := tokenEnd(s, j+1)
	suffix := s[j+1 : end]
	if len(fields) == 0 {
		if open == '(' {
			return 0, false
		}
		b.note("", "", pipeline.NoTime)
		b.glue(suffix)
		return end, true
	}
	kind := noteKind(fields[0])
	t, timed := parseClock(fields[len(fields)-1])
	if !timed {
		t = pipeline.NoTime
	}
	switch {
	case knownKind(kind):
		b.note(kind, strings.TrimSpace(inner), t)
		b.glue(suffix)
	case open == '(':
		return 0, false
	case timed && len(fields) == 1:
		// "[00:05:00]": a time marker for the next word.
		b.anchor(t)
		b.glue(suffix)
	case timed:
		words := fields[:len(fields)-1]
		for k, w := range words {
			if k == len(words)-1 && suffix != "" {
				w += suffix
			}
			a := pipeline.NoTime
			if k == 0 {
				a = t
			}
			b.word(w, a, true)
		}
	default:
		b.note(kind, strings.TrimSpace(inner), pipeline.NoTime)
		b.glue(suffix)
	}
	return end, true
}

// glue handles text written right after a note without a space: letters
// make a word; bare punctuation goes to the word before.
func (b *builder) glue(suffix string) {
	if suffix == "" {
		return
	}
	if hasAlnum(suffix) || !b.appendToLast(suffix) {
		if hasAlnum(suffix) {
			b.word(suffix, pipeline.NoTime, false)
		}
	}
}

func hasAlnum(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// noteKind is the lower-cased first word of a note without punctuation.
func noteKind(w string) string {
	w = strings.ToLower(w)
	w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if i := strings.IndexAny(w, "_"); i > 0 {
		w = w[:i]
	}
	return w
}

// nonSpeech are the first words of notes that are not spoken text.
var nonSpeech = map[string]bool{
	"inaudible": true, "unintelligible": true, "indiscernible": true, "incomprehensible": true,
	"crosstalk": true, "cross": true, "overlapping": true, "overtalk": true, "talking": true,
	"laughter": true, "laughs": true, "laughing": true, "laugh": true, "chuckles": true, "chuckle": true, "chuckling": true,
	"giggles": true, "sighs": true, "sigh": true, "sniffs": true, "groans": true, "gasps": true,
	"music": true, "applause": true, "clapping": true, "cheering": true, "cheers": true,
	"silence": true, "noise": true, "pause": true, "paused": true, "cough": true, "coughs": true, "coughing": true,
	"foreign": true, "speaking": true, "background": true, "static": true, "beep": true, "beeps": true,
	"phone": true, "ringing": true, "sound": true, "sounds": true, "sfx": true, "audio": true, "blank": true,
	"break": true, "ad": true, "advertisement": true, "sponsor": true, "intro": true, "outro": true,
	"jingle": true, "transition": true, "interruption": true, "interrupting": true, "clears": true,
	"throat": true, "whispers": true, "whispering": true, "singing": true, "sings": true, "humming": true,
	"technical": true, "recording": true, "end": true, "no": false,
}

func knownKind(k string) bool { return nonSpeech[k] }

// parseClock reads "HH:MM:SS", "H:MM:SS", "MM:SS" with an optional ".fff"
// or ",fff" fraction.
func parseClock(s string) (float64, bool) {
	if len(s) < 4 || len(s) > 20 {
		return 0, false
	}
	frac := 0.0
	if i := strings.IndexAny(s, ".,"); i >= 0 {
		f := s[i+1:]
		if f == "" || len(f) > 6 {
			return 0, false
		}
		scale := 0.1
		for k := 0; k < len(f); k++ {
			if f[k] < '0' || f[k] > '9' {
				return 0, false
			}
			frac += float64(f[k]-'0') * scale
			scale /= 10
		}
		s = s[:i]
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	total := 0.0
	for k, p := range parts {
		if p == "" || len(p) > 6 || (k > 0 && len(p) != 2) {
			return 0, false
		}
		v := 0
		for q := 0; q < len(p); q++ {
			if p[q] < '0' || p[q] > '9' {
				return 0, false
			}
			v = v*10 + int(p[q]-'0')
		}
		if k > 0 && v >= 60 {
			return 0, false
		}
		total = total*60 + float64(v)
	}
	return total + frac, true
}

// finish resolves speaker names and computes sentences.
func (b *builder) finish() *pipeline.Transcript {
	t := b.t
	names := make([]string, len(b.spelling))
	for id, m := range b.spelling {
		best, bestN := "", 0
		for _, d := range b.order[id] {
			if m[d] > bestN {
				best, bestN = d, m[d]
			}
		}
		names[id] = best
	}
	// one person under a full label and a first-name one ("Bekah Hawrot
	// Weigel:" opening the show, "Bekah:" after): the full name, when
	// only one full label starts with that first name
	byFirst := map[string][]int{}
	for key, id := range b.ids {
		if f := strings.Fields(key); len(f) > 1 {
			byFirst[f[0]] = append(byFirst[f[0]], id)
		}
	}
	for key, id := range b.ids {
		if full := byFirst[key]; !strings.Contains(key, " ") && len(full) == 1 {
			names[id] = names[full[0]]
		}
	}
	name := func(id int) string {
		if id < 0 || id >= len(names) {
			return ""
		}
		return names[id]
	}
	for i := range t.Turns {
		sp := name(b.turnSpk[i])
		t.Turns[i].Speaker = sp
		for w := t.Turns[i].Words.First; w < t.Turns[i].Words.End; w++ {
			t.Words[w].Speaker = sp
		}
	}
	// turns that now share a speaker ("Ann Lee:" then "Ann:") are one
	k := 0
	for i := range t.Turns {
		if k > 0 && t.Turns[i].Speaker == t.Turns[k-1].Speaker {
			t.Turns[k-1].Words.End = t.Turns[i].Words.End
		} else {
			t.Turns[k] = t.Turns[i]
			k++
		}
		for w := t.Turns[i].Words.First; w < t.Turns[i].Words.End; w++ {
			t.Words[w].Turn = k - 1
		}
	}
	t.Turns = t.Turns[:k]
	seen := map[string]bool{}
	for _, id := range b.header {
		if n := name(id); id >= 0 && !seen[n] {
			seen[n] = true
			t.Header.Speakers = append(t.Header.Speakers, n)
		}
	}
	if t.Header.Guest != "" {
		if id, ok := b.ids[nameKey(displayName(t.Header.Guest))]; ok {
			t.Header.Guest = name(id)
		}
	}
	t.Sentences = sentences(t.Words, t.Paragraphs)
	if len(t.Words) < cap(t.Words)/2 {
		t.Words = append([]pipeline.Word(nil), t.Words...)
	}
	return t
}

// displayName trims a speaker name, collapses its spaces and drops a
// trailing colon and markdown emphasis.
func displayName(raw string) string {
	s := strings.Join(strings.Fields(raw), " ")
	s = strings.Trim(s, "*_ ")
	s = strings.TrimRight(s, ":")
	s = strings.Trim(s, "*_ ")
	return s
}

// nameKey is the matching key of a speaker name: lower case, letters and
// digits only, words separated by one space.
func nameKey(s string) string {
	var sb strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			space = false
			sb.WriteRune(unicode.ToLower(r))
			continue
		}
		if unicode.IsSpace(r) || r == '-' || r == '.' || r == '_' {
			space = true
		}
	}
	return sb.String()
}
