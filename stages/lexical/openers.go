package lexical

import (
	"slices"
	"strings"

	"github.com/shownotes/shownotes/pipeline"
)

// NeedsContext are the first words of a sentence that needs the sentence
// before it to make sense: pronouns and determiners without their
// antecedent ("he", "it's", "these"), connectives ("because", "then",
// "however"), answers ("yes", "exactly") and fillers ("yeah", "okay"). A
// quote or a summary sentence never opens with one; the one list for both.
var NeedsContext = Set(`
	absolutely actually again also although and anyway basically because besides both but either exactly
	he he's hence her him his however if indeed it it's its like meanwhile neither no now oh okay one or
	otherwise plus right same she she's so such sure than that that's their theirs them then there
	there's therefore these they they're this those though thus totally uh um well when where whereas
	whether which while who whom whose yeah yes`)

// pointsBackWords early in a sentence refer to something said before it
// ("The other booths", "the same idea", "The first was …").
var pointsBackWords = Set(`other another same such former latter above aforementioned first second third fourth`)

// LinksBack reports a span that opens by linking it to what was said
// before it, set off by a comma: "Prior to that, Ann was …" (not "After
// that summer …"). Unlike PointsBack's other cues, no sentence that names
// someone stands alone with it either.
func LinksBack(t *pipeline.Transcript, s pipeline.Span) bool {
	var opening []string
	for i := s.First; i < s.End && i < s.First+4; i++ {
		opening = append(opening, Fold(t.Words[i].Text))
		if strings.HasSuffix(t.Words[i].Text, ",") && slices.Contains(backOpeners, strings.Join(opening, " ")) {
			return true
		}
	}
	return false
}

// backOpeners, set off by a comma, open a sentence by linking it to the
// one said before it: "Prior to that,", "On top of that,", "Because of
// this,".
var backOpeners = []string{"prior to that", "prior to this", "before that", "before this", "after that",
	"after this", "besides that", "apart from that", "other than that", "on top of that", "because of that",
	"because of this", "despite that", "despite this", "in addition to that", "in addition to this",
	"since then", "that said", "having said that", "even so", "as a result", "in that case"}

// dislocated pronouns after an early comma repeat a subject the sentence
// has just named ("The booths, they told …"): a spoken, mid-thought form.
var dislocated = Set(`they he she it we`)

// PointsBack reports a span of t's words that does not stand alone: a word
// among its first four that refers to something said before ("The other
// booths", "The first was …"), or a pronoun after a comma among its first
// six that repeats the subject just named ("The booths, they told …"), or
// a clause cut after its auxiliary ("there is, but …", "it does.").
// The summary and the quotes both leave such spans out.
func PointsBack(t *pipeline.Transcript, s pipeline.Span) bool {
	if LinksBack(t, s) {
		return true
	}
	for i := s.First; i < s.End && i < s.First+6; i++ {
		w := Fold(t.Words[i].Text)
		if i < s.First+4 && pointsBackWords[w] && !(w == "such" && i > s.First && Fold(t.Words[i-1].Text) == "no") {
			return true // "no such thing" points nowhere
		}
		if i > s.First && strings.HasSuffix(t.Words[i-1].Text, ",") && dislocated[w] {
			return true
		}
	}
	for i := s.First + 1; i < s.End; i++ {
		// an elided clause: "Some people think that there is, but …",
		// "I think it does." finish a thought said before
		if txt := strings.TrimRight(t.Words[i].Text, `"')]”’`); elidedSubjects[Fold(t.Words[i-1].Text)] && auxiliaries[Fold(txt)] &&
			(strings.HasSuffix(txt, ",") || strings.HasSuffix(txt, ".")) {
			return true
		}
	}
	return false
}

// elidedSubjects and auxiliaries make an elided clause when the auxiliary
// ends it: "there is,", "it does.", "they were,".
var (
	elidedSubjects = Set(`there it that they we you he she i`)
	auxiliaries    = Set(`is are was were am do does did has have had can could will would should`)
)

// pleasantries are what guests and hosts say to each other, not about
// anything: thanks for the invitation, glad to be here.
var pleasantries = []string{"for having me", "to be here", "to have you", "thank you so much", "thanks so much",
	"thank you for", "thanks for", "my pleasure", "pleasure to", "welcome to the show", "welcome to the podcast",
	"great to see you", "good to see you", "nice to see you", "great to talk to you", "great talking to you",
	"fun talking to you", "good talking to you", "to be talking", "to chat with you", "chatting with you",
	"to be on the show", "to be on the podcast", "glad to be", "honored to be", "honoured to be"}

// pleasantryOpeners open a sentence of thanks or praise for the host,
// however long it runs ("I appreciate all you're doing for the community
// and …").
var pleasantryOpeners = []string{"thank you", "thanks for", "thanks so", "thanks,", "thanks.", "i appreciate you", "i appreciate all you",
	"i appreciate what you", "i really appreciate you", "i really appreciate what you"}

// pleasantryWords bounds a pleasantry: a longer sentence that says "to be
// here" ("We want to be here for the long run, whatever …") says more.
const pleasantryWords = 16

// Pleasantry reports a short sentence of thanks or welcome ("Thank you for
// having me.", "I'm excited to be here."): neither a quote nor a summary.
func Pleasantry(s string) bool {
	s = strings.ToLower(StraightQuotes(s))
	for _, p := range pleasantryOpeners {
		if strings.HasPrefix(strings.TrimLeft(s, " \"'"), p) {
			return true
		}
	}
	if len(strings.Fields(s)) > pleasantryWords {
		return false
	}
	for _, p := range pleasantries {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}
