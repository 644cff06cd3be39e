package entities

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/lexical"
)

// Options tune Find. The zero value works.
type Options struct {
	// Glossary corrects, types, links and drops names.
	Glossary pipeline.Glossary
	// Hosts are the show's hosts (podcast.toml); they are people.
	Hosts []string
	// ShowName is the show's own name, dropped from the entities when it
	// is mentioned as the show. "" takes it from the transcript header.
	ShowName string
	// NoProse turns prose's NER labels off as a typing feature (for
	// measuring what they add); POS tags are still used.
	NoProse bool
	// Tags is the run's tagging of the transcript (the tags stage); nil
	// tags it here.
	Tags *lexical.Tagging
}

// ErrNilTranscript is returned by Find for a nil transcript.
var ErrNilTranscript = errors.New("entities: nil transcript")

// mention is one occurrence of a candidate name.
type mention struct {
	First, End int    // word range [First, End)
	Surface    string // the name as spoken ("Modi", "How the BJP Wins")
	votes      votes  // evidence of this mention's context and form
	prior      votes  // weak evidence of the name's form, counted once per name
	sentStart  bool   // the mention opens a sentence or clause
	glossary   *pipeline.GlossaryEntry
}

// Find lists the named entities of a transcript: people, organisations,
// places, works and others, with their mentions, first mention and the
// transcript's other spellings as aliases, in order of first mention.
func Find(tr *pipeline.Transcript, opts Options) (*Entities, error) {
	return FindContext(context.Background(), tr, opts)
}

// FindContext is Find that stops with ctx's error when ctx is done.
func FindContext(ctx context.Context, tr *pipeline.Transcript, opts Options) (*Entities, error) {
	if tr == nil {
		return nil, ErrNilTranscript
	}
	res := &Entities{Entities: []Entity{}}
	if len(tr.Words) == 0 {
		return res, nil
	}
	sents, err := sentences(ctx, tr, opts.Tags)
	if err != nil {
		return nil, err
	}
	st := newStats(tr, sents)
	people := knownPeople(tr, opts)
	// a title in quotation marks is one work, whatever the chunks
	// inside it ("‘Good to Great’")
	ms := quotedTitles(tr)
	covered := make([]bool, len(tr.Words))
	for _, m := range ms {
		for w := m.First; w < m.End; w++ {
			covered[w] = true
		}
	}
	inTitle := slices.Clone(covered)
	quoted := len(ms)
	chunkAll := func() {
		for _, s := range sents {
			for _, m := range chunk(s, st, people, opts) {
				if slices.Contains(inTitle[m.First:m.End], true) {
					continue // a chunk inside a quoted title
				}
				ms = append(ms, m)
				for w := m.First; w < m.End; w++ {
					covered[w] = true
				}
			}
		}
	}
	chunkAll()
	if st.titles = titleOpenings(ms[quoted:]); len(st.titles) > 0 {
		// a title found once ("a book called Kafka on the Shore") is
		// read whole wherever it is said again ("Kafka on the Shore.")
		ms = ms[:quoted]
		copy(covered, inTitle)
		chunkAll()
	}
	starts := make([]bool, len(tr.Words))
	for _, s := range sents {
		for _, t := range s {
			if t.SentStart || t.ClauseStart {
				starts[t.Word] = true
			}
		}
	}
	ms = append(ms, glossaryMentions(tr, opts.Glossary, covered, starts)...)
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].First < ms[j].First })
	ms = splitOf(tr, ms)
	cs := cluster(ms, people)
	bioAliases(tr, opts, cs)
	coordinate(tr, cs)
	show := opts.ShowName
	if show == "" {
		show = showName(tr.Header.Title)
	}
	ad := newAds(tr)
	for _, c := range cs {
		if c.parent != nil {
			continue // merged into another group after clustering
		}
		e, ok := c.entity(tr, opts.Glossary)
		if !ok || isShow(e, show, people) {
			continue
		}
		if e.Type == pipeline.Person && e.Link == "" && c.person == "" && ad.holds(c.ms) {
			// named only inside advertisements: a product or a company
			// ("Devon, Lovable, Replit, Bolt"), not someone in the episode
			e.Type = pipeline.Org
		}
		res.Entities = append(res.Entities, e)
	}
	res.Entities = mergeSameName(res.Entities)
	orgProducts(res.Entities, st)
	ad.sponsorsAreOrgs(res.Entities)
	sort.SliceStable(res.Entities, func(i, j int) bool { return res.Entities[i].FirstWord < res.Entities[j].FirstWord })
	return res, nil
}

// stats are transcript-wide counts used to tell names from capitalised
// ordinary words.
type stats struct {
	lower   map[string]int  // lower-case occurrences of a word
	capsMid map[string]int  // capitalised occurrences not opening a sentence or clause
	verbs   map[string]int  // lower-case occurrences tagged a verb ("met" in "when Harry met Sally")
	titles  map[string]bool // a title's first word and connector, lower-cased ("kafka on")
}

func newStats(tr *pipeline.Transcript, sents [][]token) *stats {
	st := &stats{lower: map[string]int{}, capsMid: map[string]int{}, verbs: map[string]int{}}
	for _, s := range sents {
		for _, t := range s {
			if !hasLetterOrDigit(t.Text) {
				continue
			}
			if isLowerWord(t.Text) {
				st.lower[t.Text]++
				if strings.HasPrefix(t.Tag, "VB") {
					st.verbs[t.Text]++
				}
			} else if isCapTok(t.Text) && !t.SentStart && !t.ClauseStart {
				st.capsMid[strings.ToLower(t.Text)]++
			}
		}
	}
	return st
}

// knownPeople maps the lower-cased full names of the transcript's speakers,
// its guest and the show's hosts to their spelling.
func knownPeople(tr *pipeline.Transcript, opts Options) map[string]string {
	p := map[string]string{}
	add := func(n string) {
		n = strings.TrimSpace(n)
		if n == "" || len(strings.Fields(n)) > 4 {
			return
		}
		p[strings.ToLower(n)] = n
		if u := lexical.Unaccent(strings.ToLower(n)); p[u] == "" {
			p[u] = n // "Gustaf Alstromer" said of the speaker "Gustaf Alströmer"
		}
	}
	for _, s := range tr.Speakers() {
		add(s)
	}
	for _, s := range tr.Header.Speakers {
		add(s)
	}
	add(tr.Header.Guest)
	for _, h := range opts.Hosts {
		add(h)
	}
	return p
}

func isLetter(r rune) bool { return unicode.IsLetter(r) }

func isLowerWord(s string) bool {
	has := false
	for _, r := range s {
		if unicode.IsUpper(r) {
			return false
		}
		if unicode.IsLetter(r) {
			has = true
		}
	}
	return has
}

// isCapTok reports whether a token looks like part of a name: it starts
// with a capital, has an inner capital (iPhone) or is a web address.
func isCapTok(s string) bool {
	if s == "" {
		return false
	}
	rs := []rune(s)
	if !unicode.IsLetter(rs[0]) && !unicode.IsDigit(rs[0]) {
		return false
	}
	if unicode.IsUpper(rs[0]) {
		return true
	}
	if isDomain(s) {
		return true
	}
	for i := 1; i < len(rs); i++ {
		if unicode.IsUpper(rs[i]) && unicode.IsLetter(rs[i-1]) {
			return true
		}
	}
	return false
}

// isDomain reports a web address such as "example.com" or "fast.ai".
func isDomain(s string) bool {
	s = strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(s), "https://"), "http://")
	s = strings.TrimPrefix(s, "www.")
	i := strings.LastIndexByte(s, '.')
	if i <= 0 || i >= len(s)-2 {
		return false
	}
	tld := s[i+1:]
	if len(tld) > 6 {
		return false
	}
	for _, r := range tld {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	for _, r := range s[:i] {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-') {
			return false
		}
	}
	return true
}

// isAcronym: two to six capitals (digits allowed after the first), "BJP".
func isAcronym(s string) bool {
	n := 0
	for i, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			n++
		case r >= '0' && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return n >= 2 && len(s) <= 6
}

// isCamel: an inner capital after a lower-case letter ("YouTube").
func isCamel(s string) bool {
	rs := []rune(s)
	for i := 1; i < len(rs); i++ {
		if unicode.IsUpper(rs[i]) && unicode.IsLower(rs[i-1]) {
			return true
		}
	}
	return false
}

// ordinary reports a word that is never a name on its own.
func ordinary(s string) bool {
	l := strings.ToLower(strings.Trim(s, ".'"))
	if interjections[l] || calendar[l] || contractionStems[l] {
		return true
	}
	if commonAcronyms[l] || commonAcronyms[strings.TrimSuffix(l, "s")] {
		return l != "us" && l != "it" // however written ("SaaS", "A/B"); "US", "IT" in capitals are names
	}
	if isAcronym(s) || isAcronym(strings.TrimSuffix(s, "s")) {
		// "US" in capitals is a name; "TV" is not, nor a word said loud ("YOUR", "IT")
		return commonAcronyms[l] || commonAcronyms[strings.TrimSuffix(l, "s")] || commonWords[l] && l != "us"
	}
	return commonWords[l] || spelledNumber(l) || calendar[strings.TrimSuffix(l, "s")] // "Tuesdays"
}

// ads are the transcript's sponsor reads (lexical.SponsorReads): the words
// they cover and the sponsors they name, in lower case.
type ads struct {
	in       []bool
	sponsors map[string]bool
}

func newAds(tr *pipeline.Transcript) ads {
	sents := lexical.Sentences(tr)
	a := ads{in: make([]bool, len(tr.Words)), sponsors: map[string]bool{}}
	for _, r := range lexical.SponsorReads(tr, sents) {
		for i := sents[r.First].First; i < sents[r.End-1].End; i++ {
			a.in[i] = true
		}
		if r.Name != "" {
			a.sponsors[strings.ToLower(r.Name)] = true
		}
	}
	return a
}

// holds reports whether every mention lies inside a sponsor read.
func (a ads) holds(ms []*mention) bool {
	for _, m := range ms {
		if m.First < 0 || m.First >= len(a.in) || !a.in[m.First] {
			return false
		}
	}
	return len(ms) > 0
}

// sponsorsAreOrgs types as an organisation every entity that is the
// sponsor a read names ("This episode is brought to you by Mixpanel"): a
// sponsor is a company, whatever the read's wording made of it ("at
// Mixpanel" reads like a place). A glossary entry's type is kept.
func (a ads) sponsorsAreOrgs(es []Entity) {
	for i, e := range es {
		if e.Link == "" && e.Type != pipeline.Org && a.sponsors[strings.ToLower(e.Name)] {
			es[i].Type = pipeline.Org
		}
	}
}

// orgProducts types as an organisation a name of two or more words typed
// a person whose first word opens an organisation's name in the
// transcript and whose last word the transcript also says in lower case
// ("Google Ads" beside "Google Analytics" and "more ads"): a company's
// product line, where a surname is never an ordinary word ("Morgan Housel"
// beside "Morgan Stanley" stays a person). A glossary entry's type is kept.
func orgProducts(es []Entity, st *stats) {
	orgs := map[string]bool{}
	for _, e := range es {
		if e.Type == pipeline.Org {
			first, _, _ := strings.Cut(e.Name, " ")
			orgs[first] = true
		}
	}
	for i, e := range es {
		words := strings.Fields(e.Name)
		if e.Type != pipeline.Person || len(words) < 2 || !orgs[words[0]] || e.Link != "" {
			continue
		}
		if st.lower[strings.ToLower(words[len(words)-1])] > 0 {
			es[i].Type = pipeline.Org
		}
	}
}

// mergeSameName joins entities that ended up with one name (two misspellings
// the glossary corrects to the same name).
func mergeSameName(es []Entity) []Entity {
	idx := map[string]int{}
	var out []Entity
	for _, e := range es {
		i, ok := idx[e.Name]
		if !ok {
			idx[e.Name] = len(out)
			out = append(out, e)
			continue
		}
		o := &out[i]
		o.Mentions += e.Mentions
		if e.FirstWord < o.FirstWord {
			o.FirstWord, o.FirstMention = e.FirstWord, e.FirstMention
		}
		for _, a := range e.Aliases {
			if !slices.Contains(o.Aliases, a) {
				o.Aliases = append(o.Aliases, a)
			}
		}
		if o.Link == "" {
			o.Link = e.Link
		}
	}
	return out
}
