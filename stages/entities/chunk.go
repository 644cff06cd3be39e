package entities

import (
	"strconv"
	"strings"
	"unicode"
)

// titleStarts open the title of a work: "How the BJP Wins", "The Story of Art".
var titleStarts = set("the", "how", "why", "what", "a", "an", "when", "where", "who")

// alwaysConnectors may join capitalised words in any name; titleConnectors
// only in the title of a work ("The Seen and the Unseen").
var (
	alwaysConnectors = set("of", "de", "da", "di", "del", "della", "van", "von", "der", "den", "du",
		"la", "le", "al", "el", "bin", "ibn", "&")
	titleConnectors = set("the", "and", "for", "on", "in", "a", "an", "to", "with", "of", "from", "at", "is", "are")
)

// chunk finds the candidate names of one tagged sentence: runs of
// capitalised tokens (names, acronyms, web addresses), joined across
// "of"/"de"/"van" and, inside titles, across "the"/"and"/"for"; then trims
// ordinary words, role words and titles off the ends and votes on a type.
func chunk(s []token, st *stats, people map[string]string, opts Options) []*mention {
	var out []*mention
	for i := 0; i < len(s); i++ {
		if !isCapTok(s[i].Text) {
			continue
		}
		title := titleStarts[strings.ToLower(s[i].Text)] && !s[i].SentStart || workCueBefore(s, i) || namedAfterNoun(s, i)
		j := i
		for j+1 < len(s) && !endsWord(s, j) && !strings.HasSuffix(s[j].Text, "-") {
			if isCapTok(s[j+1].Text) {
				j++
				continue
			}
			if title && s[j+1].Text == ":" && j+2 < len(s) && isCapTok(s[j+2].Text) {
				j += 2 // a work's subtitle: "the book Quit: The Power of …"
				continue
			}
			// connectors between capitalised words
			if st.opensTitle(s, j) {
				title = true // "So Leaders in Tech is …": a known title
			}
			k := j + 1
			n := 0
			for k < len(s) && n < 3 {
				l := s[k].Text
				if l == "and" && st.opensTitle(s, k+1) {
					break // "Cracking the PM Interview and Cracking the PM Career": two titles
				}
				if alwaysConnectors[l] || (title && titleConnectors[l]) || (l == "the" && k > j+1 && (s[k-1].Text == "of" || s[k-1].Text == "and")) {
					k++
					n++
					continue
				}
				break
			}
			if n > 0 && k < len(s) && isCapTok(s[k].Text) {
				j = k
				continue
			}
			break
		}
		toks := s[i : j+1]
		prev := s[:i]
		next := s[j+1:]
		i = j
		if len(toks) > 1 && strings.HasSuffix(toks[len(toks)-1].Text, "-") {
			continue // "Happy Hour- Happy Hour …": a name begun again, read where it is said whole
		}
		// "a journal called Dr. Dobbs": after a publication's or work's
		// cue noun, a title is part of the name
		c := contextBefore(prev)
		toks, prev = trimChunk(toks, prev, c.org || c.work)
		if len(toks) == 0 {
			continue
		}
		m := &mention{First: toks[0].Word, End: toks[len(toks)-1].Word + 1, sentStart: toks[0].SentStart || toks[0].ClauseStart}
		m.Surface = surface(toks)
		if len(toks) == 1 && m.sentStart && len(next) > 0 && isLowerWord(next[0].Text) && strings.HasPrefix(next[0].Tag, "NN") {
			continue // "Analytic methods are …": a capitalised modifier opening the sentence
		}
		if len(toks) == 1 && toks[0].SentStart && st.capsMid[strings.ToLower(m.Surface)] == 0 && !firstOrLastOf(strings.ToLower(m.Surface), people) &&
			(exclamation(toks[0], next) || imperative(next)) {
			continue // "Amazing.", "Type a few keywords …": a word opening the sentence, never capitalised elsewhere
		}
		if len(toks) == 1 && toks[0].SentStart && st.capsMid[strings.ToLower(m.Surface)] == 0 && abstractNoun(m.Surface) &&
			len(next) > 0 && isLowerWord(next[0].Text) && next[0].Text != "and" && next[0].Text != "or" {
			continue // "Authenticity as a value.", "Googling how to …": the sentence's subject, not a name
		}
		if sequence(strings.Fields(m.Surface)) {
			continue // "Step Two", "Level 3": a part of something, numbered
		}
		if eponymConcept(next) || len(toks) == 1 && standardNumber(toks[0].Text, next) {
			continue // "Twyman's law", "ISO 27001": a concept named after a name, a standard
		}
		if m.Surface == "" || !keep(toks, m, st, people) {
			continue
		}
		if len(toks) == 1 && modifies(next) && (toks[0].Tag == "JJ" || demonym(m.Surface)) {
			continue // "a German traffic sign", "the Indian software community": an adjective, not a name
		}
		m.votes, m.prior = vote(toks, prev, next, people, st, opts)
		out = append(out, m)
	}
	return out
}

// trimChunk drops ordinary words, titles and role words ("CEO of") from the
// ends of a chunk; what is dropped from the front joins the context.
func trimChunk(toks, prev []token, keepTitle bool) ([]token, []token) {
	start := 0
	for start < len(toks) {
		t := toks[start]
		l := strings.ToLower(strings.TrimSuffix(t.Text, "."))
		switch {
		case !isCapTok(t.Text): // a connector left at the front
		case roleWords[l]:
			// "CEO of X": a cue; a role alone ("our Prime Minister") names no one
		case personTitles[l] && start+1 < len(toks) && isCapTok(toks[start+1].Text) && !keepTitle:
		case titleStarts[l] && titleWord(toks[start:]) && !t.SentStart && len(toks)-start >= 3:
			// "The Story of Art": a title keeps its article
			return trimEnd(toks[start:]), append(prev, toks[:start]...)
		case junkWord(t.Text) || t.Text == "I":
		case t.SentStart && strings.HasSuffix(l, "ing") && start+1 < len(toks) && !isCapTok(toks[start+1].Text):
			// "Speaking of Taylor Swift": a gerund opening the sentence
		case imperativeOpeners[l] && (t.SentStart || t.ClauseStart) && start+1 < len(toks):
			// "Visit amplitude.com", "Enter Vanta."
		case ordinary(t.Text) && (t.SentStart || t.ClauseStart || len(toks)-start == 1):
			// an ordinary word opening a sentence ("So Prashant"); in
			// mid-sentence a capital is part of the name ("Fast Mail")
		default:
			return trimEnd(toks[start:]), append(prev, toks[:start]...)
		}
		start++
	}
	return nil, prev
}

func trimEnd(toks []token) []token {
	for len(toks) > 0 {
		t := toks[len(toks)-1]
		l := strings.ToLower(t.Text)
		head := orgHeads[l] || placeHeads[l] || workHeads[l] || otherHeads[l]
		tail := junkWord(t.Text) || t.Text == "I" || roleWords[l] || commonAcronyms[strings.TrimSuffix(l, "s")] && isAcronym(strings.TrimSuffix(t.Text, "s"))
		if isCapTok(t.Text) && (head || !tail || len(toks) == 1) {
			break
		}
		toks = toks[:len(toks)-1]
	}
	return toks
}

// titleWord reports a chunk that reads as a title (has lower-case
// connectors), whose last word may be an ordinary word ("Piano Man").
func titleWord(toks []token) bool {
	for _, t := range toks {
		if !isCapTok(t.Text) {
			return true
		}
	}
	return false
}

// surface joins a chunk's tokens as the transcript spells them.
func surface(toks []token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 && toks[i-1].Word != t.Word {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return strings.Trim(b.String(), ".,;:!?\"'()[]-")
}

// keep decides whether a chunk is a name rather than a capitalised ordinary
// word.
func keep(toks []token, m *mention, st *stats, people map[string]string) bool {
	if people[strings.ToLower(m.Surface)] != "" {
		return true
	}
	if len(toks) > 1 {
		for _, t := range toks {
			if l := strings.ToLower(t.Text); !commonAcronyms[l] && !commonAcronyms[strings.TrimSuffix(l, "s")] {
				return true
			}
		}
		return false // "B2B SaaS": abbreviations of common nouns
	}
	t := toks[0]
	w := t.Text
	if len([]rune(w)) < 2 || strings.ContainsAny(w, "'’") || w == "I" {
		return false
	}
	if ordinary(w) || pluralAbbrev(w) {
		return false
	}
	if !unicode.IsLetter([]rune(w)[0]) {
		return false
	}
	l := strings.ToLower(w)
	if isDomain(w) || isCamel(w) {
		return true
	}
	if m.sentStart {
		// an opening capital is a name only when the word is capitalised
		// elsewhere too, or the tagger calls it a proper noun and the
		// transcript never writes it in lower case
		if !strings.HasPrefix(t.Tag, "NN") && t.Label == "O" {
			return false // "Analytic methods …": an adjective or verb opening the sentence
		}
		if st.capsMid[l] > 0 {
			return true
		}
		return (strings.HasPrefix(t.Tag, "NNP") || t.Label != "O") && st.lower[l] == 0
	}
	// a capital in mid-sentence is a name unless the word is mostly
	// written in lower case and the tagger does not call it a name
	if st.lower[l] > 2*st.capsMid[l] && !strings.HasPrefix(t.Tag, "NNP") && t.Label == "O" {
		return false
	}
	return true
}

// workCueBefore reports a work cue just before token i: "the book X",
// "a song called X".
func workCueBefore(s []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		l := strings.ToLower(s[k].Text)
		if workCues[l] {
			return true
		}
		if l == "called" || l == "titled" || l == "entitled" || l == "named" {
			continue
		}
		if l == "the" || l == "a" || l == "an" || l == "his" || l == "her" || l == "my" || l == "your" || l == "their" || l == "new" || l == "latest" || l == "first" || l == "excellent" || l == "great" || l == "famous" {
			continue
		}
		return false
	}
	return false
}

// namedAfterNoun reports a name given to a noun: "a non-profit called
// Leaders in Tech", "a program named …"; "I called Sarah" names no one.
func namedAfterNoun(s []token, i int) bool {
	if i < 2 {
		return false
	}
	l := strings.ToLower(s[i-1].Text)
	return (l == "called" || l == "named") && strings.HasPrefix(s[i-2].Tag, "NN") && isLowerWord(s[i-2].Text)
}

// opensTitle reports a known title's opening at s[j] (see titleOpenings).
func (st *stats) opensTitle(s []token, j int) bool {
	return j+1 < len(s) && st.titles[strings.ToLower(s[j].Text+" "+s[j+1].Text)]
}

// titleOpenings are the first word and connector of the titles among ms
// ("Kafka on the Shore", "Leaders in Tech"), lower-cased: a chunk that
// opens so is read as that title.
func titleOpenings(ms []*mention) map[string]bool {
	out := map[string]bool{}
	for _, m := range ms {
		f := strings.Fields(m.Surface)
		if len(f) >= 3 && isCapTok(f[0]) && titleConnectors[f[1]] && !alwaysConnectors[f[1]] && !titleStarts[strings.ToLower(f[0])] {
			out[strings.ToLower(f[0]+" "+f[1])] = true
		}
	}
	return out
}

// endsWord reports a token that closes its sentence while staying in one
// piece: prose keeps "Jha." whole as if it were an abbreviation.
func endsWord(s []token, j int) bool {
	t := s[j].Text
	if !strings.HasSuffix(t, ".") || len(t) < 2 {
		return false
	}
	if j+1 < len(s) && s[j+1].Word == s[j].Word {
		return false
	}
	l := strings.ToLower(strings.TrimSuffix(t, "."))
	return !personTitles[l] && !(len([]rune(l)) == 1) && !strings.Contains(l, ".")
}

// junkWord: an interjection, contraction or calendar word, never the end
// of a name ("Modi Yeah").
func junkWord(s string) bool {
	l := strings.ToLower(strings.Trim(s, ".'"))
	return interjections[l] || calendar[l] || contractionStems[l] || stutter(s)
}

// stutter reports a word a verbatim transcript writes as it was stumbled
// over: cut off ("I-", "Doctor-") or restarted ("I-I-I", "A-and",
// "The-there").
func stutter(s string) bool {
	if strings.HasSuffix(s, "-") {
		return true
	}
	parts := strings.Split(strings.ToLower(s), "-")
	if len(parts) < 2 {
		return false
	}
	last := parts[len(parts)-1]
	for _, p := range parts[:len(parts)-1] {
		if p == "" || !strings.HasPrefix(last, p) {
			return false
		}
	}
	return true
}

// pluralAbbrev reports the plural of an abbreviation ("PhDs", "GPUs",
// "ECGs"): a class of things, not a name.
func pluralAbbrev(w string) bool {
	rs := []rune(w)
	n := len(rs)
	return n >= 3 && rs[n-1] == 's' && unicode.IsUpper(rs[n-2]) && unicode.IsUpper(rs[0])
}

// exclamation reports a word that is a sentence by itself ("Amazing.",
// "Perfect!"): how reactions are written, while a name said alone is rare
// enough that the transcript names it elsewhere too (the caller checks
// that). A word set off by a comma ("Boom, it's …") is not enough: lists
// of names open sentences that way ("Amazon, Google and …").
func exclamation(t token, next []token) bool {
	if strings.HasSuffix(t.Text, ".") || strings.HasSuffix(t.Text, "!") {
		return true // prose kept the closing mark on the word
	}
	if len(next) == 0 {
		return true
	}
	switch next[0].Text {
	case ".", "!", "?", "…", "...":
		return true
	}
	return false
}

// imperative reports what follows a verb opening a sentence: a determiner
// or an object pronoun ("Type a few keywords", "Imagine the …"), or "to"
// and a lower-case word ("Commit to actions"); a name opening a sentence is
// followed by its verb instead.
func imperative(next []token) bool {
	if len(next) == 0 {
		return false
	}
	return objectOpeners[next[0].Text] || next[0].Text == "to" && len(next) > 1 && isLowerWord(next[1].Text)
}

// eponymWords name a concept after a person: "Twyman's law".
var eponymWords = set("law", "laws", "principle", "effect", "theorem", "paradox", "razor", "rule", "fallacy", "dilemma", "conjecture", "constant")

// eponymConcept reports a name followed by "'s" and a concept noun
// ("Twyman's law"): the concept, not the person.
func eponymConcept(next []token) bool {
	return len(next) >= 2 && (next[0].Text == "'s" || next[0].Text == "’s") && eponymWords[strings.ToLower(next[1].Text)]
}

// standardNumber reports an all-capitals word followed by a number of four
// or more digits that is not a year ("ISO 27001", "ISO 9001"): a
// standard's code, not an organisation.
func standardNumber(w string, next []token) bool {
	if len(next) == 0 || strings.ToUpper(w) != w || len(w) < 2 {
		return false
	}
	n := next[0].Text
	if len(n) < 4 || strings.IndexFunc(n, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		return false
	}
	y, _ := strconv.Atoi(n)
	return len(n) > 4 || y < 1900 || y > 2099
}

// objectOpeners are lower-case words that start an object phrase.
var objectOpeners = set("a", "an", "the", "your", "my", "our", "their", "his", "her", "this", "these", "those", "me", "us", "them", "him", "it", "some", "every")
