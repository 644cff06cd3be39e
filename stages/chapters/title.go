package chapters

import (
	"context"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/lexical"
)

var abbrev = regexp.MustCompile(`^(?:[A-Za-z]\.){2,}$|^[A-Z][a-z]{0,2}\.$`)

// MaxTitle is the longest title in characters (Spotify's advice).
const MaxTitle = 40

// tagged is one prose token with the index of the word it came from.
type tagged struct {
	text, tag string
	word      int
}

// tag gives the run's tagging of the transcript as the titles read it
// (tagging it here when the run has none).
func tag(t *pipeline.Transcript, g *lexical.Tagging) []tagged {
	if g == nil {
		var err error
		if g, err = lexical.Tag(context.Background(), t); err != nil {
			return nil
		}
	}
	out := make([]tagged, len(g.Text))
	for i, tk := range g.Text {
		out[i] = tagged{text: tk.Text, tag: tk.Tag, word: tk.Word}
	}
	return out
}

type phrase struct {
	key     string
	surface string
	tokens  []string // stems
	proper  bool
	tf      []int // per chapter
	score   float64
	sents   map[int]bool // sentences it occurs in
	gerund  bool         // ends in a gerund ("baby rolling"): reads as a clause
	verbal  bool         // has a word mostly tagged a verb ("become effective …")
	said    int          // times it occurs
	cut     int          // times it ends a run of capitalised words the phrase leaves out ("YC Office" of "YC Office Hours")
}

// Titles gives each span a title from its own key phrases; titles are unique,
// at most MaxTitle characters, in sentence case.
func Titles(t *pipeline.Transcript, spans []pipeline.Span) []string {
	return titles(t, spans, nil, newLayout(t, nil))
}

// layout is what Find and the titles both read of the transcript, worked
// out once: its sentences, its sponsor reads and its hosts.
type layout struct {
	sents []pipeline.Span
	reads []lexical.SponsorRead
	hosts map[string]bool
}

func newLayout(t *pipeline.Transcript, configuredHosts []string) layout {
	sents := lexical.Sentences(t)
	return layout{sents: sents, reads: lexical.SponsorReads(t, sents), hosts: t.Hosts(configuredHosts)}
}

// titles is Titles reading the run's tagging g (nil: tag t here) and the
// transcript's layout.
func titles(t *pipeline.Transcript, spans []pipeline.Span, g *lexical.Tagging, lay layout) []string {
	toks := tag(t, g)
	chapterOf := make([]int, len(t.Words))
	for ci, sp := range spans {
		for i := max(sp.First, 0); i < sp.End && i < len(t.Words); i++ {
			chapterOf[i] = ci
		}
	}
	sentStart := map[int]bool{}
	sentOf := make([]int, len(t.Words))
	sents := lay.sents
	// a sponsor read names no topic of the episode
	ad := make([]bool, len(t.Words))
	for _, r := range lay.reads {
		for i := sents[r.First].First; i < sents[r.End-1].End; i++ {
			ad[i] = true
		}
	}
	for si, s := range sents {
		sentStart[s.First] = true
		for i := max(s.First, 0); i < s.End && i < len(sentOf); i++ {
			sentOf[i] = si
		}
	}
	// how each lower-cased word is written when it is not sentence-initial
	lowerSeen := map[string]bool{}
	capSeen := map[string]bool{} // and when it is capitalized there
	for i, tk := range toks {
		if i > 0 && toks[i-1].word != tk.word && sentStart[tk.word] {
			continue
		}
		if tk.text == strings.ToLower(tk.text) {
			lowerSeen[tk.text] = true
		} else if unicode.IsUpper(firstRune(tk.text)) {
			capSeen[strings.ToLower(tk.text)] = true
		}
	}
	names := map[string]bool{} // parts of the speakers' names: who talks is not a topic
	for _, sp := range t.Speakers() {
		for _, f := range strings.Fields(sp) {
			names[strings.ToLower(f)] = true
		}
	}
	// words the tagger mostly reads as verbs ("become", "met"): when it
	// tags one as a noun or adjective it has likely misread a clause
	verbs, others := map[string]int{}, map[string]int{}
	for _, tk := range toks {
		l := strings.ToLower(tk.text)
		switch tk.tag {
		case "VB", "VBP", "VBZ", "VBD":
			verbs[l]++
		case "NN", "NNS", "NNP", "NNPS", "JJ":
			others[l]++
		}
	}
	phrases := map[string]*phrase{}
	surfaces := map[string]map[string]int{}
	var run []tagged
	// cut: the run stops before a capitalised word that goes on with its
	// name ("Office Hours": "hours" is too vague to be a phrase's word),
	// so its capitalised phrases are pieces of a name
	flush := func(cut bool) {
		for end := 1; end <= len(run); end++ {
			if !isNoun(run[end-1].tag) {
				continue
			}
			for n := 1; n <= 3 && end-n >= 0; n++ {
				if p := addPhrase(run[end-n:end], phrases, surfaces, lowerSeen, chapterOf, len(spans)); p != nil {
					p.sents[sentOf[run[end-n].word]] = true
					if cut && (end == len(run) || capitalised(run[end-n:end])) {
						p.cut++
					}
				}
			}
		}
		run = run[:0]
	}
	for i, tk := range toks {
		if i > 0 && tk.word != toks[i-1].word && sentStart[tk.word] {
			flush(false)
		}
		if inPhrase(tk, len(run) > 0) && !names[strings.ToLower(tk.text)] && !ad[tk.word] {
			run = append(run, tk)
		} else {
			flush(len(run) > 0 && unicode.IsUpper(firstRune(run[len(run)-1].text)) && unicode.IsUpper(firstRune(tk.text)) && tk.word != run[len(run)-1].word)
		}
	}
	flush(false)

	// TF-IDF with chapters as documents
	var all []*phrase
	for _, p := range phrases {
		p.score = idf(p.tf, len(spans))
		p.surface = bestSurface(surfaces[p.key])
		// a name is capitalized where it does not open a sentence
		// ("Awesome." is not)
		p.proper = p.proper && capSeen[strings.ToLower(strings.Fields(p.surface)[0])]
		for _, w := range strings.Fields(p.surface) {
			l := strings.ToLower(w)
			p.verbal = p.verbal || verbs[l] > others[l]
		}
		all = append(all, p)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].key < all[j].key })

	// "chaos to clarity", "money and happiness": two nouns the chapter
	// itself says together, at least twice
	pairs := binomials(toks, names, ad, sentOf, chapterOf, len(spans))
	hosts := lay.hosts
	reads := sponsorWords(sents, lay.reads)

	titles := make([]string, len(spans))
	used := map[string]bool{}
	usedKey := map[string]bool{}
	for ci, sp := range spans {
		if name := sponsorTitle(sp, ad, reads); name != "" && !used[strings.ToLower(name)] {
			titles[ci] = name
			used[strings.ToLower(name)] = true
			continue
		}
		open := opening(t, sp, sentOf, hosts)
		// a chapter that opens with the host's direct question, short
		// enough as it was asked, is titled by it ("Why is change so
		// important?")
		if q := question(t, sents, open, toks, true); q != "" && !used[strings.ToLower(q)] {
			titles[ci] = q
			used[strings.ToLower(q)] = true
			continue
		}
		type cand struct {
			p     *phrase
			score float64
		}
		var cands []cand
		for _, p := range all {
			tf := p.tf[ci]
			if tf == 0 {
				continue
			}
			s := float64(tf) * p.score * (1 + 0.5*float64(len(p.tokens)-1))
			if p.proper {
				s *= 1.3
			}
			if tf < 2 {
				s *= 0.5
			}
			if said(p, open) {
				s *= 2 // the host names the chapter's topic
			}
			cands = append(cands, cand{p, s})
		}
		sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
		strong := false
		for _, c := range cands {
			if c.p.tf[ci] >= 2 {
				strong = true
				break
			}
		}
		// a phrase that names the chapter's most said noun more precisely
		// ("dinner test" for "dinner") is worth as much as the noun
		var head *phrase
		if len(cands) > 0 && len(cands[0].p.tokens) == 1 {
			head = cands[0].p
		}
		for i, c := range cands {
			if head != nil && len(c.p.tokens) > 1 && c.p.tokens[len(c.p.tokens)-1] == head.key && c.p.tf[ci] >= 2 {
				cands[i].score = max(c.score, cands[0].score*1.01)
			}
		}
		for _, b := range pairs {
			a, z := phrases[b.tokens[0]], phrases[b.tokens[2]]
			if a != nil && z != nil && a.tf[ci] >= 2 && z.tf[ci] >= 2 {
				// as strong as its less said noun, weighed by the nouns' own
				// rarity in the episode
				cands = append(cands, cand{b, float64(min(a.tf[ci], z.tf[ci])) * (a.score + z.score) / 2 * 2})
			}
		}
		for i, c := range cands {
			if len(c.p.tokens) == 1 {
				cands[i].score *= 0.5 // a lone name says less than a phrase
			}
		}
		sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
		title := ""
		if ci == 0 && !strong {
			title = "Introduction"
		}
		// a title is a phrase of two words or more, or a name: a lone
		// common noun ("Book", "Future") tells a listener nothing. A
		// phrase said once names the chapter only when its head noun is
		// said again ("entertaining book", not "coffee table") or the host
		// says it in the opening; failing that, the host's question, and
		// only then any phrase.
		pick := func(strict bool) string {
			for _, c := range cands {
				if len(c.p.tokens) < 2 && !c.p.proper || c.p.gerund || c.p.verbal || c.p.cut > 0 && 2*c.p.cut >= c.p.said {
					continue
				}
				if h := phrases[c.p.tokens[len(c.p.tokens)-1]]; strict && c.p.tf[ci] < 2 && (h == nil || h.tf[ci] < 2) && !said(c.p, open) {
					continue
				}
				if usedKey[c.p.key] || used[strings.ToLower(c.p.surface)] || utf8.RuneCountInString(c.p.surface) > MaxTitle {
					continue
				}
				usedKey[c.p.key] = true
				return c.p.surface
			}
			return ""
		}
		if title == "" {
			title = pick(true)
		}
		if title == "" {
			if q := question(t, sents, open, toks, false); q != "" && !used[strings.ToLower(q)] {
				title = q
			}
		}
		if title == "" {
			title = pick(false)
		}
		if title == "" || used[strings.ToLower(sentenceCase(title))] {
			title = fallback(ci, len(spans), used)
		}
		title = sentenceCase(title)
		used[strings.ToLower(title)] = true
		titles[ci] = title
	}
	return titles
}

func fallback(ci, n int, used map[string]bool) string {
	names := []string{"Introduction", "Opening", "Welcome"}
	if ci == n-1 && ci > 0 {
		names = []string{"Closing thoughts", "Wrapping up", "Final words"}
	} else if ci > 0 {
		names = []string{"Discussion", "Further discussion", "More questions", "Open conversation"}
	}
	for _, s := range names {
		if !used[strings.ToLower(s)] {
			return s
		}
	}
	for k := 2; ; k++ {
		s := names[0] + " " + roman(k)
		if !used[strings.ToLower(s)] {
			return s
		}
	}
}

func roman(k int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for k >= v {
			b.WriteString(syms[i])
			k -= v
		}
	}
	return b.String()
}

func isNoun(tag string) bool {
	return tag == "NN" || tag == "NNS" || tag == "NNP" || tag == "NNPS" || tag == "VBG"
}

// inPhrase reports whether a token may be part of a noun phrase.
func inPhrase(tk tagged, inside bool) bool {
	switch tk.tag {
	case "NN", "NNS", "NNP", "NNPS", "JJ":
	case "VBG":
		if !inside {
			return false
		}
	default:
		return false
	}
	hasLetter := false
	for _, r := range tk.text {
		switch {
		case unicode.IsLetter(r):
			hasLetter = true
		case unicode.IsDigit(r), r == '-', r == '.', r == '\'', r == '’', r == '&':
		default:
			return false
		}
	}
	if !hasLetter || utf8.RuneCountInString(tk.text) < 2 {
		return false
	}
	l := strings.ToLower(tk.text)
	// "How'd", "Where's": a function word's contraction is no noun
	stem, _, _ := strings.Cut(strings.ReplaceAll(l, "’", "'"), "'")
	return !lexical.Stopwords[l] && !vague[l] && !lexical.Stopwords[stem]
}

func addPhrase(run []tagged, phrases map[string]*phrase, surfaces map[string]map[string]int, lowerSeen map[string]bool, chapterOf []int, n int) *phrase {
	if len(run) == 1 && utf8.RuneCountInString(run[0].text) < 3 {
		return nil
	}
	if run[0].tag == "VBG" {
		return nil
	}
	stems := make([]string, len(run))
	words := make([]string, len(run))
	proper := true
	// a name of capitalised words keeps its capitals ("Stanford Business
	// School", though "business" is said in lower case too)
	named := len(run) > 1 && capitalised(run)
	for i, tk := range run {
		s := lexical.Term(strings.TrimRight(tk.text, "."))
		if s == "" {
			s = strings.ToLower(tk.text)
		}
		stems[i] = s
		w := tk.text
		if i == len(run)-1 || !abbrev.MatchString(w) {
			w = strings.TrimRight(w, ".")
		}
		if lowerSeen[strings.ToLower(w)] && !named {
			w = strings.ToLower(w)
		}
		words[i] = w
		if tk.tag != "NNP" && tk.tag != "NNPS" {
			proper = false
		}
	}
	if len(run) > 1 && run[0].tag == "JJ" && vagueAdj[strings.ToLower(run[0].text)] {
		return nil
	}
	key := strings.Join(stems, " ")
	p, ok := phrases[key]
	if !ok {
		p = &phrase{key: key, tokens: stems, proper: proper, tf: make([]int, n), sents: map[int]bool{}, gerund: run[len(run)-1].tag == "VBG"}
		phrases[key] = p
		surfaces[key] = map[string]int{}
	}
	if ci := chapterOf[run[0].word]; ci < n {
		p.tf[ci]++
	}
	p.said++
	surfaces[key][strings.Join(words, " ")]++
	return p
}

func bestSurface(m map[string]int) string {
	best, bc := "", -1
	for s, c := range m {
		if c > bc || c == bc && s < best {
			best, bc = s, c
		}
	}
	return best
}

// sentenceCase upper-cases the first letter and leaves the rest as spoken.
func sentenceCase(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

var vague = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`thing things lot lots way ways kind kinds sort sorts people person time
	times stuff bit bits guy guys question questions point points fact facts part parts place places year years
	day days case cases number numbers example examples world one ones sense end reason reasons matter course today
	percent something anything everything nothing someone everyone anyone somebody everybody nobody yeah yes okay
	hmm uh um mhm level levels area areas side sides aspect aspects term terms idea ideas stage stages moment
	moments bunch couple amount lot whole type types piece pieces kinda sorta mr mrs ms dr. gentleman ladies
	gentlemen name names word words episode show guest podcast conversation today tonight yesterday tomorrow
	wow hey huh ooh aha yep nope
	week weeks month months hour hours minute minutes second seconds half top front answer answers`) {
		m[w] = true
	}
	return m
}()

var vagueAdj = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`other same different certain such many much few several own whole good
	great big little small large new old last first next real little huge interesting important main various
	particular specific entire lot sure able right wrong best better bad worse worst true nice`) {
		m[w] = true
	}
	return m
}()

// capitalised reports tokens that all open with a capital.
func capitalised(run []tagged) bool {
	for _, tk := range run {
		if !unicode.IsUpper(firstRune(tk.text)) {
			return false
		}
	}
	return true
}

// nounTag reports a noun tag (not a gerund).
func nounTag(tag string) bool {
	return tag == "NN" || tag == "NNS" || tag == "NNP" || tag == "NNPS"
}

// binomials are two nouns joined by "and" or "to" ("chaos to clarity",
// "money and happiness"), neither part of a longer noun phrase, as
// phrases of three tokens; "a and b" and "b and a" count as one.
func binomials(toks []tagged, names map[string]bool, ad []bool, sentOf, chapterOf []int, n int) []*phrase {
	m := map[string]*phrase{}
	surfaces := map[string]map[string]int{}
	word := func(tk tagged) bool {
		return nounTag(tk.tag) && inPhrase(tk, false) && !names[strings.ToLower(tk.text)] && !ad[tk.word] &&
			utf8.RuneCountInString(tk.text) >= 3
	}
	for i := 1; i+3 < len(toks); i++ {
		a, c, b := toks[i], toks[i+1], toks[i+2]
		conj := strings.ToLower(c.text)
		if conj != "and" && conj != "to" || !word(a) || !word(b) || sentOf[a.word] != sentOf[b.word] {
			continue
		}
		if p := toks[i-1]; isNoun(p.tag) || p.tag == "JJ" || isNoun(toks[i+3].tag) || toks[i+3].tag == "JJ" {
			continue // "decision quality and outcome": a phrase, not a noun
		}
		sa, sb := lexical.Term(a.text), lexical.Term(b.text)
		if sa == "" || sb == "" || sa == sb {
			continue
		}
		key := sa + " " + conj + " " + sb
		if conj == "and" && sb < sa {
			key = sb + " " + conj + " " + sa
		}
		p, ok := m[key]
		if !ok {
			p = &phrase{key: key, tokens: strings.Fields(key), tf: make([]int, n), sents: map[int]bool{}}
			m[key] = p
			surfaces[key] = map[string]int{}
		}
		if ci := chapterOf[a.word]; ci < n {
			p.tf[ci]++
		}
		p.sents[sentOf[a.word]] = true
		lower := func(tk tagged) string {
			if tk.tag == "NNP" || tk.tag == "NNPS" {
				return tk.text
			}
			return strings.ToLower(tk.text)
		}
		surfaces[key][lower(a)+" "+conj+" "+lower(b)]++
	}
	var out []*phrase
	for key, p := range m {
		p.score = idf(p.tf, n)
		p.surface = bestSurface(surfaces[key])
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key < out[j].key })
	return out
}

// opening is the set of the host's sentences that start within the first
// openWords words of the span: where a host says what comes next.
func opening(t *pipeline.Transcript, sp pipeline.Span, sentOf []int, hosts map[string]bool) map[int]bool {
	open := map[int]bool{}
	for i := max(sp.First, 0); i < sp.End && i < sp.First+openWords && i < len(t.Words); i++ {
		if hosts[t.Words[i].Speaker] {
			open[sentOf[i]] = true
		}
	}
	return open
}

const openWords = 80

// said reports whether a phrase occurs in one of the sentences.
func said(p *phrase, sents map[int]bool) bool {
	for s := range p.sents {
		if sents[s] {
			return true
		}
	}
	return false
}

// questionFillers open a spoken question without adding to it.
var questionFillers = lexical.Set(`so and okay ok well but now yeah alright all right also then um uh oh cool great awesome`)

// cutWords start a clause that can be left off a question: "Is there a
// goal that you set …?" → "Is there a goal?".
var cutWords = lexical.Set(`that which who whom whose where when because if so and but or like maybe as for with to in on of`)

// question is the host's first question in the opening sentences trimmed
// to fit: leading fillers dropped, and, when too long, cut before a
// clause after a noun; "" when none fits or it points back ("Why is that?").
// direct asks for a question as it was asked, opening with a question word
// ("Why …", "How …"), nothing dropped or cut.
func question(t *pipeline.Transcript, sents []pipeline.Span, open map[int]bool, toks []tagged, direct bool) string {
	var idx []int
	for si := range open {
		idx = append(idx, si)
	}
	sort.Ints(idx)
	tagOf := map[int]string{}
	for _, tk := range toks {
		if _, ok := tagOf[tk.word]; !ok || nounTag(tk.tag) {
			tagOf[tk.word] = tk.tag
		}
	}
	for _, si := range idx {
		s := sents[si]
		if !strings.HasSuffix(strings.TrimRight(t.Words[s.End-1].Text, `"')]”’`), "?") {
			continue
		}
		first := s.First
		for !direct && first < s.End && questionFillers[lexical.Fold(t.Words[first].Text)] {
			first++
		}
		if s.End-first < 3 || !questionStarts[lexical.Fold(t.Words[first].Text)] || direct && !questionWords[lexical.Fold(t.Words[first].Text)] {
			continue
		}
		var words []string
		for i := first; i < s.End; i++ {
			words = append(words, t.Words[i].Text)
		}
		q := strings.Join(words, " ")
		if direct && utf8.RuneCountInString(q) > MaxTitle {
			continue
		}
		if utf8.RuneCountInString(q) > MaxTitle {
			// the longest head of the question that ends in a noun
			// before a clause word and fits with its question mark
			q = ""
			for k := 3; k < len(words); k++ {
				prev := strings.TrimRight(words[k-1], ",;:")
				if !cutWords[lexical.Fold(words[k])] && prev == words[k-1] || !nounTag(tagOf[first+k-1]) {
					continue
				}
				head := strings.Join(append(append([]string{}, words[:k-1]...), prev), " ") + "?"
				if utf8.RuneCountInString(head) > MaxTitle {
					break
				}
				q = head
			}
		}
		if q != "" && standalone(q) {
			return q
		}
	}
	return ""
}

// standalone reports whether a question points to nothing said before it,
// quotes no one and asks one thing ("Can you talk about what impact?" is
// cut inside a second question).
func standalone(q string) bool {
	ws := strings.Fields(q)
	for i, w := range ws {
		if i == 1 && lexical.Fold(w) == "there" && questionStarts[lexical.Fold(ws[0])] {
			continue // "Is there a …?" points nowhere
		}
		if pointing[lexical.Fold(w)] || strings.ContainsAny(w, `"“”`) || i > 0 && questionWords[lexical.Fold(w)] {
			return false
		}
	}
	return true
}

// questionStarts open a question that asks directly ("When you look at
// …, what …?" opens a clause instead).
var questionStarts = lexical.Set(`what why how who which is are was were do does did can could would should will
	have has`)

// sponsorRead is a sponsor read's words and the sponsor it names.
type sponsorRead struct {
	first, end int
	name       string
}

// sponsorWords gives each sponsor read (lexical.SponsorReads) as words:
// from its first sentence's first word to its last sentence's end, with
// the sponsor it names.
func sponsorWords(sents []pipeline.Span, reads []lexical.SponsorRead) []sponsorRead {
	out := make([]sponsorRead, len(reads))
	for i, r := range reads {
		out[i] = sponsorRead{first: sents[r.First].First, end: sents[r.End-1].End, name: r.Name}
	}
	return out
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// sponsorLead is how many words may come before the sponsor read that
// opens a sponsor's chapter ("That's example.com. This episode is …").
const sponsorLead = 30

// sponsorTitle names the sponsors of a span that a sponsor read opens and
// that is mostly sponsor reads
// ("Sponsor: Acme", "Sponsors: Acme and Globex"); "" for any other span.
func sponsorTitle(sp pipeline.Span, ad []bool, reads []sponsorRead) string {
	n := 0
	for i := max(sp.First, 0); i < sp.End && i < len(ad); i++ {
		if ad[i] {
			n++
		}
	}
	if sp.Len() == 0 || 2*n <= sp.Len() {
		return ""
	}
	opens := false
	for _, r := range reads {
		opens = opens || r.first <= sp.First+sponsorLead && r.end > sp.First
	}
	if !opens {
		return "" // a chapter of its own that the reads follow
	}
	var names []string
	for _, r := range reads {
		if r.end > sp.First && r.first < sp.End && r.name != "" && !slices.Contains(names, r.name) {
			names = append(names, r.name)
		}
	}
	switch {
	case len(names) == 0:
		return "Sponsor message"
	case len(names) > 1:
		if s := "Sponsors: " + strings.Join(names, " and "); utf8.RuneCountInString(s) <= MaxTitle {
			return s
		}
	}
	if s := "Sponsor: " + names[0]; utf8.RuneCountInString(s) <= MaxTitle {
		return s
	}
	return "Sponsor message"
}

// idf is a phrase's inverse document frequency with the chapters as
// documents: log((chapters+1)/chapters it occurs in).
func idf(tf []int, chapters int) float64 {
	df := 0
	for _, c := range tf {
		if c > 0 {
			df++
		}
	}
	return math.Log((float64(chapters) + 1) / float64(df))
}
