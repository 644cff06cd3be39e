package entities

import (
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/lexical"
)

// group is the mentions of one name under all its spellings.
type group struct {
	ms     []*mention
	votes  votes
	person string // a known person's full name this group stands for
	parent *group
}

func (g *group) root() *group {
	for g.parent != nil {
		g = g.parent
	}
	return g
}

func (g *group) surfaces() []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range g.ms {
		if !seen[m.Surface] {
			seen[m.Surface] = true
			out = append(out, m.Surface)
		}
	}
	return out
}

func (g *group) typ() string {
	return g.total().best(pipeline.Other) // no evidence: OTHER
}

// total is the group's evidence: the summed evidence of its mentions plus
// the mean of their priors.
func (g *group) total() votes {
	v := votes{}
	v.add(g.votes)
	if len(g.ms) == 0 {
		return v
	}
	p := votes{}
	for _, m := range g.ms {
		p.add(m.prior)
	}
	for k, x := range p {
		v[k] += x / float64(len(g.ms))
	}
	return v
}

var (
	possRE  = regexp.MustCompile(`'s\b`)
	nonAlRE = regexp.MustCompile(`[^a-z0-9]+`)
)

// norm is the key two spellings of one name share: lower case, no
// accents ("Alströmer" and "Alstromer"), no possessive, punctuation as
// spaces, no leading "the" (the scorer's norm, accents aside).
func norm(s string) string {
	s = strings.ReplaceAll(lexical.Unaccent(strings.ToLower(s)), "\u2019", "'")
	s = possRE.ReplaceAllString(s, "")
	s = strings.TrimSpace(nonAlRE.ReplaceAllString(s, " "))
	return strings.TrimPrefix(s, "the ")
}

// compact is norm without spaces: "Fast AI" and "fast.ai" share "fastai".
func compact(s string) string { return strings.ReplaceAll(norm(s), " ", "") }

// unionIfOne merges g with the one other group (by root) that match
// accepts; with none or several, g stays apart.
func unionIfOne(gs []*group, g *group, union func(a, b *group), match func(o *group) bool) {
	var cands []*group
	for _, o := range gs {
		if o.root() != g.root() && match(o) {
			cands = append(cands, o.root())
		}
	}
	if cands = uniq(cands); len(cands) == 1 {
		union(cands[0], g)
	}
}

// cluster groups mentions by spelling and merges the groups that name the
// same thing: a surname or first name alone with the full name (when only
// one full name fits), an acronym with its expansion, spellings that differ
// only in spaces and punctuation, a web address with the name it spells.
func cluster(ms []*mention, people map[string]string) []*group {
	byKey := map[string]*group{}
	var gs []*group
	for _, m := range ms {
		k := norm(m.Surface)
		if k == "" {
			continue
		}
		g := byKey[k]
		if g == nil {
			g = &group{votes: votes{}}
			if p := people[strings.ToLower(m.Surface)]; p != "" {
				g.person = p
			}
			byKey[k] = g
			gs = append(gs, g)
		}
		g.ms = append(g.ms, m)
		g.votes.add(m.votes)
	}
	union := func(a, b *group) {
		ra, rb := a.root(), b.root()
		if ra == rb {
			return
		}
		// the group with the longer key absorbs the other
		if len(norm(ra.ms[0].Surface)) < len(norm(rb.ms[0].Surface)) {
			ra, rb = rb, ra
		}
		rb.parent = ra
		ra.ms = append(ra.ms, rb.ms...)
		ra.votes.add(rb.votes)
		if ra.person == "" {
			ra.person = rb.person
		}
	}
	keyOf := func(g *group) string { return norm(g.ms[0].Surface) }
	// spellings that differ only in spaces and punctuation, or in a
	// plural's "s" on the last of several words ("Group Office Hour")
	byCompact := map[string]*group{}
	for _, g := range gs {
		c := compact(g.ms[0].Surface)
		if strings.Contains(keyOf(g), " ") {
			c = strings.TrimSuffix(c, "s")
		}
		if o := byCompact[c]; o != nil {
			union(o, g)
		} else {
			byCompact[c] = g
		}
	}
	// a single word: the first or last name of one known person (a
	// speaker, the guest, a host: "Amit" is the host Amit Varma before
	// anyone else called Amit), else of one multi-word person named in
	// the episode
	byPerson := map[string]*group{}
	for _, g := range gs {
		if g.person != "" {
			byPerson[g.person] = g
		}
	}
	for _, g := range gs {
		k := keyOf(g)
		if isAcronym(g.ms[0].Surface) {
			continue
		}
		if strings.Contains(k, " ") {
			mergePartial(gs, g, keyOf, union)
			continue
		}
		var known []string
		for low, full := range people {
			f := strings.Fields(low)
			if len(f) > 1 && (f[0] == k || f[len(f)-1] == k) {
				known = append(known, full)
			}
		}
		if len(known) == 1 {
			if o := byPerson[known[0]]; o != nil {
				union(o, g)
			} else {
				g.person = known[0]
			}
			continue
		}
		unionIfOne(gs, g, union, func(o *group) bool {
			f := strings.Fields(keyOf(o))
			return len(f) >= 2 && len(f) <= 4 && (f[0] == k || f[len(f)-1] == k) &&
				(o.person != "" || o.total().best("") == pipeline.Person)
		})
	}
	// an acronym and its expansion
	for _, g := range gs {
		s := g.ms[0].Surface
		if !isAcronym(s) {
			continue
		}
		unionIfOne(gs, g, union, func(o *group) bool { return initials(o.ms[0].Surface) == s })
	}
	// one name heard two ways: "Enlitic" and "Analytic", single words
	// with the same consonants in the same order
	bySkeleton := map[string]*group{}
	for _, g := range gs {
		s := g.ms[0].Surface
		if strings.Contains(s, " ") || isAcronym(s) || g.person != "" {
			continue
		}
		k := skeleton(s)
		if len(k) < 4 {
			continue
		}
		if o := bySkeleton[k]; o != nil && o.root() != g.root() {
			// and the same kind of thing: "Strategoi" is no "Strategy"
			if t := o.root().total().best(""); t != "" && t == g.root().total().best("") {
				union(o, g)
			}
		} else if o == nil {
			bySkeleton[k] = g
		}
	}
	// a web address and the name it spells; a path ("oneschema.co/lenny",
	// a sponsor's landing page) is not part of the name
	for _, g := range gs {
		s := g.ms[0].Surface
		if !isDomain(s) && !isDomain(hostOf(s)) {
			continue
		}
		label := domainLabel(s)
		var cands []*group
		bestLen := 0
		for _, o := range gs {
			if o.root() == g.root() || isDomain(o.ms[0].Surface) {
				continue
			}
			c := compact(o.ms[0].Surface)
			if len(c) >= 4 && (strings.HasPrefix(label, c) || strings.HasSuffix(label, c)) ||
				len(c) >= 6 && editDistance(label, c) <= 1 {
				// the longest name that the address spells wins
				if len(c) > bestLen {
					cands, bestLen = nil, len(c)
				}
				if len(c) == bestLen {
					cands = append(cands, o.root())
				}
			}
		}
		cands = uniq(cands)
		if len(cands) == 1 {
			union(cands[0], g)
		}
	}
	var out []*group
	for _, g := range gs {
		if g.parent == nil {
			out = append(out, g)
		}
	}
	return out
}

func uniq(gs []*group) []*group {
	var out []*group
	seen := map[*group]bool{}
	for _, g := range gs {
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	return out
}

// initials of the capitalised words of a multi-word name: "Bharatiya
// Janata Party" -> "BJP".
func initials(s string) string {
	f := strings.Fields(s)
	if len(f) < 2 {
		return ""
	}
	var b strings.Builder
	for _, w := range f {
		r := []rune(w)
		if len(r) > 0 && r[0] >= 'A' && r[0] <= 'Z' {
			b.WriteRune(r[0])
		}
	}
	return b.String()
}

// hostOf is a web address without its path, query or fragment.
func hostOf(s string) string {
	if j := strings.IndexAny(s, "/?#"); j > 0 && !strings.Contains(s[:j], ":") {
		return s[:j]
	}
	return s
}

// domainLabel is the name part of a web address: "thinkpragati" of
// "ThinkPragati.com", "indiancut" of "indiancut.substack.com".
func domainLabel(s string) string {
	s = strings.ToLower(s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://")
	s = strings.TrimPrefix(s, "www.")
	if i := strings.IndexByte(s, '.'); i > 0 {
		s = s[:i]
	}
	return strings.ReplaceAll(s, "-", "")
}

// editDistance is the Levenshtein distance of two strings (by byte).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// entity turns a group into the published entity: its name (a person's
// fullest spelling; otherwise the most frequent, preferring a name to a web
// address), type, mentions, first mention and the other spellings as
// aliases; the glossary corrects, types, links or drops it.
func (g *group) entity(tr *pipeline.Transcript, gl pipeline.Glossary) (Entity, bool) {
	sort.SliceStable(g.ms, func(i, j int) bool { return g.ms[i].First < g.ms[j].First })
	count := map[string]int{}
	for _, m := range g.ms {
		count[m.Surface]++
	}
	surfs := g.surfaces()
	typ := g.typ()
	name := surfs[0]
	better := func(a, b string) bool { // a is a better name than b
		if isDomain(a) != isDomain(b) {
			return !isDomain(a)
		}
		if typ == pipeline.Person {
			if na, nb := len(strings.Fields(a)), len(strings.Fields(b)); na != nb {
				return na > nb
			}
		}
		if count[a] != count[b] {
			return count[a] > count[b]
		}
		return len(a) > len(b)
	}
	for _, s := range surfs[1:] {
		if better(s, name) {
			name = s
		}
	}
	if g.person != "" && typ == pipeline.Person && len(strings.Fields(g.person)) >= len(strings.Fields(name)) {
		name = g.person
	}
	first := g.ms[0].First
	e := Entity{Name: name, Type: typ, Mentions: len(g.ms), FirstWord: first, Aliases: []string{}}
	if first >= 0 && first < len(tr.Words) {
		e.FirstMention = pipeline.Ptr(tr.Words[first].Start)
	}
	// glossary: a spelling it lists (or its right name) takes its name,
	// type and link; Ignore drops the entity
	var entry *pipeline.GlossaryEntry
	for _, m := range g.ms {
		if m.glossary != nil {
			entry = m.glossary
			break
		}
	}
	if entry == nil {
		entry = glossaryFor(surfs, gl)
	}
	if entry == nil && uncertainOnly(tr, g.ms) {
		// every mention is a word the transcriber was unsure of ("[Cruder
		// 00:02:25]"): a guess is no name for the show notes
		return e, false
	}
	if entry != nil {
		if entry.Ignore {
			return e, false
		}
		e.Name = entry.Name
		if entry.Type != "" {
			e.Type = entry.Type
		}
		e.Link = entry.Link
	}
	for _, s := range surfs {
		if s != e.Name {
			e.Aliases = append(e.Aliases, s)
		}
	}
	return e, true
}

// glossaryFor returns the glossary entry that one of the spellings matches
// exactly (case-sensitive), or nil.
func glossaryFor(surfs []string, gl pipeline.Glossary) *pipeline.GlossaryEntry {
	for i := range gl.Entries {
		en := &gl.Entries[i]
		for _, s := range surfs {
			if s == en.Name {
				return en
			}
			for _, m := range en.Match {
				if s == m {
					return en
				}
			}
		}
	}
	return nil
}

// glossaryMentions finds the glossary's spellings (whole words,
// case-sensitive) that the chunker did not already take as names. A
// capitalised spelling counts only away from the start of a sentence, where
// a capital marks a name; a lower-case spelling the user listed counts
// anywhere.
func glossaryMentions(tr *pipeline.Transcript, gl pipeline.Glossary, covered, starts []bool) []*mention {
	var out []*mention
	if len(gl.Entries) == 0 {
		return nil
	}
	cores := make([]string, len(tr.Words))
	for i, w := range tr.Words {
		c := strings.Trim(lexical.StraightQuotes(w.Text), ".,;:!?\"()[]")
		c = strings.TrimSuffix(c, "'s")
		cores[i] = strings.Trim(c, "'")
	}
	for ei := range gl.Entries {
		en := &gl.Entries[ei]
		spellings := append([]string{en.Name}, en.Match...)
		for _, sp := range spellings {
			f := strings.Fields(sp)
			if len(f) == 0 {
				continue
			}
			for i := 0; i+len(f) <= len(cores); i++ {
				ok := true
				for k, x := range f {
					if cores[i+k] != x {
						ok = false
						break
					}
				}
				if !ok {
					continue
				}
				free := true
				for k := range f {
					if covered[i+k] {
						free = false
					}
				}
				if !free || (!isLowerWord(sp) && starts[i]) {
					continue
				}
				for k := range f {
					covered[i+k] = true
				}
				out = append(out, &mention{First: i, End: i + len(f), Surface: sp, votes: votes{}, glossary: en})
			}
		}
	}
	return out
}

// showName is the show's own name as a transcript's title line gives it:
// "The Seen and the Unseen, Episode 45: …" -> "The Seen and the Unseen".
func showName(title string) string {
	cut := len(title)
	for _, sep := range []string{",", ":", " - ", " | ", " — ", " – ", " #", "Episode", "episode", " Ep.", " ep."} {
		if i := strings.Index(title, sep); i >= 0 && i < cut {
			cut = i
		}
	}
	return strings.TrimSpace(title[:cut])
}

// isShow reports an entity that is the show itself (also misheard: a name
// within two letters of it), unless the title is a person's name.
func isShow(e Entity, show string, people map[string]string) bool {
	if show == "" || people[strings.ToLower(show)] != "" {
		return false
	}
	ns := norm(show)
	if ns == "" {
		return false
	}
	for _, s := range append([]string{e.Name}, e.Aliases...) {
		n := norm(s)
		if n == ns || len(ns) >= 10 && editDistance(n, ns) <= 2 {
			return true
		}
	}
	return false
}

// mergePartial merges a multi-word name into the one longer person's name
// that begins or ends with it: "Van Gogh" into "Vincent van Gogh".
func mergePartial(gs []*group, g *group, keyOf func(*group) string, union func(a, b *group)) {
	k := strings.Fields(keyOf(g))
	var cands []*group
	for _, o := range gs {
		if o.root() == g.root() {
			continue
		}
		f := strings.Fields(keyOf(o))
		if len(f) <= len(k) || (o.person == "" && o.total().best("") != pipeline.Person) {
			continue
		}
		if strings.Join(f[:len(k)], " ") == strings.Join(k, " ") || strings.Join(f[len(f)-len(k):], " ") == strings.Join(k, " ") {
			cands = append(cands, o.root())
		}
	}
	cands = uniq(cands)
	if len(cands) == 1 {
		union(cands[0], g)
	}
}

// uncertainOnly reports whether every mention holds a word the transcriber
// marked unsure (pipeline.Word.Uncertain).
func uncertainOnly(tr *pipeline.Transcript, ms []*mention) bool {
	for _, m := range ms {
		unsure := false
		for i := max(m.First, 0); i < m.End && i < len(tr.Words); i++ {
			unsure = unsure || tr.Words[i].Uncertain
		}
		if !unsure {
			return false
		}
	}
	return len(ms) > 0
}

// skeleton is a word's consonants in order, lower-cased, vowels and "y"
// dropped and a doubled letter written once: "Enlitic" and "Analytic"
// are both "nltc".
func skeleton(s string) string {
	var b strings.Builder
	var last rune
	for _, r := range strings.ToLower(s) {
		if !unicode.IsLetter(r) || strings.ContainsRune("aeiouy", r) {
			continue
		}
		if r != last {
			b.WriteRune(r)
		}
		last = r
	}
	return b.String()
}
