package chapters

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"

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

// quoteFold spells typographic quotes as prose's tokenizer does, so that
// its tokens can be found in the text again.
var quoteFold = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`)

// tag runs the prose part-of-speech tagger over the whole transcript once
// and maps each token back to its word. A token that cannot be found near
// the current word is dropped; the search widens by a word for each one
// dropped in a row, so one odd token never loses the rest of the text.
func tag(t *pipeline.Transcript) []tagged {
	var b strings.Builder
	offs := make([]int, len(t.Words)+1)
	for i, w := range t.Words {
		if i > 0 {
			b.WriteByte(' ')
		}
		offs[i] = b.Len()
		b.WriteString(quoteFold.Replace(w.Text))
	}
	text := b.String()
	offs[len(t.Words)] = len(text)
	doc, err := prose.NewDocument(text, prose.WithSegmentation(false), prose.WithExtraction(false), prose.UsingModel(lexical.ProseModel()))
	if err != nil {
		return nil
	}
	var out []tagged
	cur, wi, missed := 0, 0, 0
	for _, tok := range doc.Tokens() {
		if tok.Text == "" {
			continue
		}
		limit := offs[min(wi+2+missed, len(t.Words))]
		j := -1
		if cur <= limit {
			j = strings.Index(text[cur:limit], tok.Text)
		}
		if j < 0 {
			missed++ // the tokenizer changed the text here
			continue
		}
		missed = 0
		p := cur + j
		for wi+1 < len(t.Words) && p >= offs[wi+1] {
			wi++
		}
		out = append(out, tagged{text: tok.Text, tag: tok.Tag, word: wi})
		cur = p + len(tok.Text)
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
}

// Titles gives each span a title from its own key phrases; titles are unique,
// at most MaxTitle characters, in sentence case.
func Titles(t *pipeline.Transcript, spans []pipeline.Span) []string {
	toks := tag(t)
	chapterOf := make([]int, len(t.Words))
	for ci, sp := range spans {
		for i := max(sp.First, 0); i < sp.End && i < len(t.Words); i++ {
			chapterOf[i] = ci
		}
	}
	sentStart := map[int]bool{}
	sentOf := make([]int, len(t.Words))
	sents := lexical.Sentences(t)
	// a sponsor read names no topic of the episode
	ad := make([]bool, len(t.Words))
	for _, r := range lexical.SponsorReads(t, sents) {
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
	for i, tk := range toks {
		if i > 0 && toks[i-1].word != tk.word && sentStart[tk.word] {
			continue
		}
		if tk.text == strings.ToLower(tk.text) {
			lowerSeen[tk.text] = true
		}
	}
	names := map[string]bool{} // parts of the speakers' names: who talks is not a topic
	for _, sp := range t.Speakers() {
		for _, f := range strings.Fields(sp) {
			names[strings.ToLower(f)] = true
		}
	}
	phrases := map[string]*phrase{}
	surfaces := map[string]map[string]int{}
	var run []tagged
	flush := func() {
		for end := 1; end <= len(run); end++ {
			if !isNoun(run[end-1].tag) {
				continue
			}
			for n := 1; n <= 3 && end-n >= 0; n++ {
				if p := addPhrase(run[end-n:end], phrases, surfaces, lowerSeen, chapterOf, len(spans)); p != nil {
					p.sents[sentOf[run[end-n].word]] = true
				}
			}
		}
		run = run[:0]
	}
	for i, tk := range toks {
		if i > 0 && tk.word != toks[i-1].word && sentStart[tk.word] {
			flush()
		}
		if inPhrase(tk, len(run) > 0) && !names[strings.ToLower(tk.text)] && !ad[tk.word] {
			run = append(run, tk)
		} else {
			flush()
		}
	}
	flush()

	// TF-IDF with chapters as documents
	n := float64(len(spans))
	var all []*phrase
	for _, p := range phrases {
		df := 0
		for _, c := range p.tf {
			if c > 0 {
				df++
			}
		}
		p.score = math.Log((n + 1) / float64(df))
		p.surface = bestSurface(surfaces[p.key])
		all = append(all, p)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].key < all[j].key })

	titles := make([]string, len(spans))
	used := map[string]bool{}
	usedKey := map[string]bool{}
	for ci := range spans {
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
		title := ""
		if ci == 0 && !strong {
			title = "Introduction"
		}
		for i := 0; title == "" && i < len(cands); i++ {
			c := cands[i]
			if usedKey[c.p.key] || used[strings.ToLower(c.p.surface)] || utf8.RuneCountInString(c.p.surface) > MaxTitle {
				continue
			}
			title = c.p.surface
			usedKey[c.p.key] = true
			for _, d := range cands[i+1:] {
				if d.score < 0.6*c.score {
					break
				}
				if usedKey[d.p.key] || overlaps(c.p, d.p) || !together(c.p, d.p) {
					continue
				}
				both := title + " and " + d.p.surface
				if utf8.RuneCountInString(both) <= MaxTitle {
					title = both
					usedKey[d.p.key] = true
				}
				break
			}
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
	return !lexical.Stopwords[l] && !vague[l]
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
		if lowerSeen[strings.ToLower(w)] {
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
		p = &phrase{key: key, tokens: stems, proper: proper, tf: make([]int, n), sents: map[int]bool{}}
		phrases[key] = p
		surfaces[key] = map[string]int{}
	}
	if ci := chapterOf[run[0].word]; ci < n {
		p.tf[ci]++
	}
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

func overlaps(a, b *phrase) bool {
	for _, x := range a.tokens {
		for _, y := range b.tokens {
			if x == y {
				return true
			}
		}
	}
	return false
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

// together reports whether two phrases are said in the same sentence at
// least once: "Kaggle and leaderboard" only when the episode links them.
func together(a, b *phrase) bool {
	for s := range a.sents {
		if b.sents[s] {
			return true
		}
	}
	return false
}
