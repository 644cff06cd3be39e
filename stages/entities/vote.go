package entities

import (
	"strings"

	"github.com/shownotes/shownotes/pipeline"
)

// votes accumulate evidence for each entity type over a name's mentions.
type votes map[string]float64

func (v votes) add(o votes) {
	for k, x := range o {
		v[k] += x
	}
}

// best returns the type with the most evidence; ties and no evidence fall
// back to def.
func (v votes) best(def string) string {
	bestT, bestV := def, 0.0
	for _, t := range []string{pipeline.Person, pipeline.Org, pipeline.Place, pipeline.Work, pipeline.Other} {
		if v[t] > bestV {
			bestT, bestV = t, v[t]
		}
	}
	return bestT
}

// Evidence weights. Strong cues (a name's own head word, a cue noun right
// before it, a speaker's name) outweigh prose's statistical label, which
// outweighs weak context (a preposition before the name).
const (
	wSpeaker = 5.0 // the name is a speaker's, the guest's or a host's
	wKnown   = 5.0 // a known language or operating system: OTHER, whatever its context
	wHead    = 3.0 // the name ends in a type's head word: "… University", "… Act"
	wCue     = 3.0 // a cue noun before it: "the book X", "the city of X"
	wProse   = 2.0 // prose's PERSON / ORGANIZATION label
	wShape   = 2.0 // a web address or inner capital: ORG
	wTitle   = 2.0 // a capitalised "The …" title or a title with connectors: WORK
	wAcronym = 0.9 // capitals only: ORG
	wPrep    = 1.0 // "in X" (PLACE), "on X"/"at X" (ORG); half for "to X"
	wBrand   = 3.0 // a one-word name ending like a brand: "-ify", "-gram"
	wVerb    = 1.0 // "X said", "X, who": PERSON
	wTwoCaps = 1.0 // two or three plain capitalised words: PERSON
	wCoord   = 1.0 // listed with a name of that type: "Da Vinci or Rembrandt"
	wThe     = 1.0 // a lone name after "the": "the BJP has"
)

// wGPE weighs prose's GPE label, which prose gives almost any capitalised
// single word ("Kaggle", "Rembrandt" alike): a default, not evidence.
var wGPE = 0.9

// vote gathers the type evidence of one mention from its tokens and the
// tokens around it in the sentence. It returns the evidence of this
// mention (its context and reliable marks of its form, summed over a name's
// mentions) and the weak priors that the name's form alone gives (prose's
// label, capitals only), which a name counts once, as their mean over its
// mentions: prose gives the same label to a word wherever it stands, so ten
// mentions of "Kaggle" are not ten pieces of evidence that it is a place.
func vote(toks, prev, next []token, people map[string]string, st *stats, opts Options) (v, prior votes) {
	v, prior = votes{}, votes{}
	surf := surface(toks)
	low := strings.ToLower(surf)
	if people[low] != "" || firstOrLastOf(low, people) {
		v[pipeline.Person] += wSpeaker
	}
	// prose labels an acronym by chance ("ECGs" GPE, "AGI" PERSON): only
	// words are given its label
	if !opts.NoProse && !(len(toks) == 1 && isAcronym(strings.TrimSuffix(surf, "s"))) {
		for _, t := range toks {
			switch {
			case strings.HasSuffix(t.Label, "PERSON"):
				prior[pipeline.Person] += wProse / float64(len(toks))
			case strings.HasSuffix(t.Label, "GPE") && isKnownPlace(surf):
				prior[pipeline.Place] += wGPE / float64(len(toks))
			case strings.HasSuffix(t.Label, "GPE"):
				// a capitalised word prose calls a place but no
				// gazetteer knows: in conversation, most often a
				// company or product
				prior[pipeline.Org] += wGPE / 2 / float64(len(toks))
				prior[pipeline.Place] += wGPE / 2 / float64(len(toks))
			case strings.HasSuffix(t.Label, "ORGANIZATION"):
				prior[pipeline.Org] += wProse / float64(len(toks))
			}
		}
	}
	last := strings.ToLower(strings.Trim(toks[len(toks)-1].Text, "."))
	first := strings.ToLower(toks[0].Text)
	multi := len(toks) > 1
	switch {
	case workHeads[last] && multi:
		v[pipeline.Work] += wHead
	case orgHeads[last] && (multi || last == "congress" || last == "parliament" || last == "senate"):
		v[pipeline.Org] += wHead
	case placeHeads[last] && multi:
		v[pipeline.Place] += wHead
	case otherHeads[last] && multi:
		v[pipeline.Other] += wHead
	}
	if isKnownPlace(surf) {
		v[pipeline.Place] += wHead
	}
	if isKnownOrg(surf) {
		v[pipeline.Org] += wHead // "Airbnb", "Gartner": known organisations
	}
	if technologies[low] || !multi && knownLanguages[low] {
		v[pipeline.Other] += wKnown // PHP, Linux; Hebrew, Urdu
	}
	if clauseTitle(toks, st) {
		v[pipeline.Work] += wCue // "When Harry Met Sally"
	}
	if multi && placePrefixes[first] {
		v[pipeline.Place] += wPrep
	}
	if isDomain(surf) || (len(toks) == 1 && isCamel(surf)) {
		v[pipeline.Org] += wShape
	}
	if len(toks) == 1 && isAcronym(surf) {
		prior[pipeline.Org] += wAcronym
	}
	titled := false
	for _, t := range toks {
		if !isCapTok(t.Text) && t.Text != "of" && !alwaysConnectors[t.Text] {
			titled = true
		}
	}
	if (first == "the" && len(toks) >= 3 && !orgHeads[last]) || titled {
		v[pipeline.Work] += wTitle
	}
	// cue nouns and prepositions before the name
	cue := contextBefore(prev)
	if modifies(next) {
		// "in Kaggle competitions": the preposition governs the noun the
		// name modifies, not the name
		cue.prepPlace, cue.prepOrg, cue.weakPlace = false, false, false
	}
	switch {
	case cue.work:
		v[pipeline.Work] += wCue
	case cue.org:
		v[pipeline.Org] += wCue
	case cue.place:
		v[pipeline.Place] += wCue
	case cue.person:
		v[pipeline.Person] += wCue
	case cue.roleOf:
		v[pipeline.Org] += wCue
	}
	if len(toks) == 1 && len(prev) > 0 && strings.EqualFold(prev[len(prev)-1].Text, "the") &&
		!cue.prepPlace && !cue.any() && !modifies(next) {
		// "the BJP has", "prepping the Sangh": a lone name that takes the
		// article is an organisation; a person's name never does, a place's
		// rarely outside "in the US"
		v[pipeline.Org] += wThe
	}
	if cue.prepPlace {
		v[pipeline.Place] += wPrep
	}
	if cue.prepOrg {
		v[pipeline.Org] += wPrep
	}
	if cue.weakPlace {
		v[pipeline.Place] += wPrep / 2
	}
	if cue.possessed && multi {
		v[pipeline.Work] += wTitle
	}
	if len(toks) == 1 && demonym(surf) {
		v[pipeline.Other] += wHead
	}
	if len(toks) == 1 && brandLike(surf) {
		v[pipeline.Org] += wBrand
	}
	if class := listClass(next); class != "" {
		v[class] += wCue // "Booking, Google Ads, other companies …"
	}
	if apposed := appositive(next); apposed != "" {
		v[apposed] += wCue // "When Harry Met Sally, that movie, …"
	}
	if len(next) >= 2 && workNext[strings.ToLower(next[0].Text+" "+next[1].Text)] || len(next) >= 1 && workNext[strings.ToLower(next[0].Text)] {
		v[pipeline.Work] += wTitle
	}
	if len(next) > 0 {
		n := strings.ToLower(next[0].Text)
		if n == "," && len(next) > 1 {
			n = strings.ToLower(next[1].Text)
		}
		if personVerbs[n] {
			v[pipeline.Person] += wVerb
		}
		if orgNext[strings.ToLower(next[0].Text)] {
			v[pipeline.Org] += wCue
		}
		if placeNext[strings.ToLower(next[0].Text)] {
			v[pipeline.Place] += wCue
		}
	}
	if multi && len(toks) <= 3 && !titled && !isAcronym(toks[0].Text) && !orgHeads[last] && !placeHeads[last] && !workHeads[last] {
		plain := true
		for _, t := range toks {
			if isAcronym(t.Text) || isCamel(t.Text) || isDomain(t.Text) {
				plain = false
			}
		}
		if plain {
			v[pipeline.Person] += wTwoCaps
		}
	}
	return v, prior
}

// firstOrLastOf reports a single word that is the first or last name of a
// known person.
func firstOrLastOf(w string, people map[string]string) bool {
	if strings.Contains(w, " ") {
		return false
	}
	for full := range people {
		f := strings.Fields(full)
		if len(f) > 1 && (f[0] == w || f[len(f)-1] == w) {
			return true
		}
	}
	return false
}

type cueContext struct {
	work, org, place, person, roleOf bool
	prepPlace, prepOrg, weakPlace    bool
	possessed                        bool // after "Name's": a person's work
}

// any reports a cue noun or role before the name.
func (c cueContext) any() bool { return c.work || c.org || c.place || c.person || c.roleOf }

// contextBefore reads the words before a name: a cue noun within three
// words ("the book", "a band called", "the city of"), a role followed by
// "of" ("CEO of", "founder of"), "works at", and the preposition right
// before it.
func contextBefore(prev []token) cueContext {
	var c cueContext
	n := len(prev)
	if n == 0 {
		return c
	}
	p1 := strings.ToLower(prev[n-1].Text)
	if p1 == "the" && n >= 2 && placePreps[strings.ToLower(prev[n-2].Text)] {
		p1 = strings.ToLower(prev[n-2].Text) // "in the US"
	}
	switch {
	case placePreps[p1]:
		c.prepPlace = true
	case weakPlacePreps[p1]:
		c.weakPlace = true
	case orgPreps[p1]:
		c.prepOrg = true
	}
	if (p1 == "'s" || p1 == "'") && n >= 2 && isCapTok(prev[n-2].Text) {
		c.possessed = true
	}
	if p1 == "like" && n >= 2 {
		switch strings.ToLower(prev[n-2].Text) {
		case "someone", "somebody", "people", "artists", "person", "guys", "men", "women", "figures":
			c.person = true
		}
	}
	if p1 == "at" && n >= 2 {
		p2 := strings.ToLower(prev[n-2].Text)
		if strings.HasPrefix(p2, "work") || p2 == "job" || p2 == "employed" || p2 == "engineer" || p2 == "researcher" {
			c.org = true
		}
	}
	if p1 == "of" && n >= 2 {
		p2 := strings.ToLower(prev[n-2].Text)
		if authorWords[p2] {
			c.work = true // "the author of X": a book
			return c
		}
		if roleWords[p2] || p2 == "cofounder" {
			c.roleOf = true
		}
		if placeCues[p2] {
			c.place = true
		}
	}
	called := false
	for k := n - 1; k >= 0 && (k >= n-4 || called && k >= n-9); k-- {
		l := strings.ToLower(prev[k].Text)
		switch {
		case workCues[l]:
			c.work = true
			return c
		case orgCues[l]:
			c.org = true
			return c
		case placeCues[l] && k == n-1:
			c.place = true
			return c
		case personCues[l] && k == n-1:
			c.person = true
			return c
		}
		switch l {
		case "called", "titled", "named", "entitled":
			// "a computing journal back then called X": the noun that
			// "called" names may stand a few words further back
			called = true
			continue
		case "the", "a", "an", "his", "her", "my", "your", "our",
			"their", "new", "latest", "first", "excellent", "great", "famous", "favourite", "favorite", ",", "this",
			"like", "as", "such":
			// "a movie like X", "books such as X": the cue noun names
			// the kind of thing X is
			continue
		}
		if called && (l == "on" || l == "about") {
			continue // "the book on experimentation called X": the noun's topic
		}
		if called && !placePreps[l] && !orgPreps[l] && l != "." {
			continue // adjectives and adverbs between the noun and "called"
		}
		break
	}
	return c
}

// modifies reports a name used as a modifier of the common noun after it
// ("Kaggle competitions", "the German traffic sign").
func modifies(next []token) bool {
	return len(next) > 0 && isLowerWord(next[0].Text) && strings.HasPrefix(next[0].Tag, "NN")
}

// brandLike reports a one-word name with a brand-like ending, longer than
// the ending by at least three letters.
func brandLike(s string) bool {
	l := strings.ToLower(s)
	for _, suf := range brandSuffixes {
		if strings.HasSuffix(l, suf) && len(l) >= len(suf)+3 {
			return true
		}
	}
	return false
}

// demonym reports a one-word adjective of nationality: -ian, -ese or -ish
// after the start of a known place's name ("Indian", "Japanese",
// "British"), not a company or a first name that ends so ("Atlassian",
// "Adrian").
func demonym(s string) bool {
	l := strings.ToLower(s)
	for _, suf := range []string{"ians", "ian", "ese", "ish"} {
		stem, ok := strings.CutSuffix(l, suf)
		if !ok {
			continue
		}
		// "Indian", "Chinese", "Canadian", "Spanish": the stem opens a
		// known place's name, whole or but its last letter; "Atlassian",
		// "Adrian" open none
		return len(stem) >= 3 && (opensPlaceName(stem) || len(stem) >= 4 && opensPlaceName(stem[:len(stem)-1]))
	}
	return false
}

// authorWords before "of" make the name after it a work.
var authorWords = set("author", "authors", "coauthor", "co-author", "writer", "editor", "director")

// appositive types a name by a cue noun set off after it: ", that movie",
// ", the company", ", a city in …" ("" when there is none).
func appositive(next []token) string {
	if len(next) < 3 || next[0].Text != "," {
		return ""
	}
	i := 1
	if strings.EqualFold(next[i].Text, "also") || strings.EqualFold(next[i].Text, "now") {
		i++ // ", also a $100 billion company"
	}
	if i >= len(next) {
		return ""
	}
	switch strings.ToLower(next[i].Text) {
	case "the", "that", "this", "a", "an", "his", "her", "their", "my", "our":
	default:
		return ""
	}
	// the cue noun, after at most three modifiers: amounts and adjectives
	// ("a $100 billion company", "the big Danish bank")
	k := i + 1
	for n := 0; n < 3 && k+1 < len(next) && isModifier(next[k]); n++ {
		k++
	}
	if k >= len(next) {
		return ""
	}
	l := strings.ToLower(next[k].Text)
	switch {
	case workCues[l]:
		return pipeline.Work
	case orgCues[l]:
		return pipeline.Org
	case placeCues[l]:
		return pipeline.Place
	}
	return ""
}

// isModifier reports a token that may stand between an article and its
// noun in an appositive: an amount ("$100", "billion") or an adjective.
func isModifier(t token) bool {
	return t.Tag == "CD" || t.Tag == "$" || strings.HasPrefix(t.Tag, "JJ") || strings.HasPrefix(t.Text, "$")
}

// clauseTitle reports a name of three or more words with a verb inside
// it, a word the transcript also says in lower case as a verb: "When
// Harry Met Sally" ("when Harry met Sally"), "How to Win Friends": a
// title is a clause, a name of a person or a company rarely is.
func clauseTitle(toks []token, st *stats) bool {
	if len(toks) < 3 {
		return false
	}
	for _, t := range toks[1 : len(toks)-1] {
		if l := strings.ToLower(t.Text); l != t.Text && st.verbs[l] > 0 {
			return true
		}
	}
	return false
}

// otherClasses are the nouns that close a list of names ("… and other
// companies") with the type they give its names.
var otherClasses = map[string]string{
	"companies": pipeline.Org, "firms": pipeline.Org, "brands": pipeline.Org, "startups": pipeline.Org,
	"businesses": pipeline.Org, "organizations": pipeline.Org, "organisations": pipeline.Org, "banks": pipeline.Org,
	"institutions": pipeline.Org, "universities": pipeline.Org, "publications": pipeline.Org, "newspapers": pipeline.Org,
	"agencies": pipeline.Org, "parties": pipeline.Org, "networks": pipeline.Org,
	"countries": pipeline.Place, "cities": pipeline.Place, "states": pipeline.Place, "towns": pipeline.Place,
	"regions": pipeline.Place, "nations": pipeline.Place,
	"books": pipeline.Work, "movies": pipeline.Work, "films": pipeline.Work, "shows": pipeline.Work,
	"podcasts": pipeline.Work, "songs": pipeline.Work, "albums": pipeline.Work, "novels": pipeline.Work,
	"people": pipeline.Person, "founders": pipeline.Person, "leaders": pipeline.Person, "authors": pipeline.Person,
	"writers": pipeline.Person, "entrepreneurs": pipeline.Person, "investors": pipeline.Person, "artists": pipeline.Person,
}

// listClass is the type a list of names takes from the class noun that
// closes it ("Booking, Google Ads, other companies", "Paris and other
// cities"): read from the tokens after a name, over at most three more
// names set off by commas, "and" or "or"; "" when no such noun closes it.
func listClass(next []token) string {
	i := 0
	for items := 0; items <= 3 && i < len(next); items++ {
		// a separator: ",", "and", "or", ", and"
		sep := false
		for i < len(next) && (next[i].Text == "," || next[i].Text == "and" || next[i].Text == "or") {
			i, sep = i+1, true
		}
		if !sep || i >= len(next) {
			return ""
		}
		if next[i].Text == "other" || next[i].Text == "many" && i+1 < len(next) && next[i+1].Text == "other" {
			if next[i].Text == "many" {
				i++
			}
			for k := i + 1; k < len(next) && k <= i+2; k++ {
				if t, ok := otherClasses[strings.ToLower(next[k].Text)]; ok {
					return t
				}
			}
			return ""
		}
		// another name: capitalised tokens
		if !isCapTok(next[i].Text) {
			return ""
		}
		for i < len(next) && isCapTok(next[i].Text) {
			i++
		}
	}
	return ""
}
