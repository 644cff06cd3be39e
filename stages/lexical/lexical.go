// Package lexical is the one home of the text tools that the quotes,
// chapters, summary and captions stages share: sentence spans over a
// transcript's words, end-of-sentence punctuation, word folding, the stop
// words and the openers that need context, stemming and content terms,
// TF-IDF, cosine similarity and TextRank, what is a sponsor read, and word
// times from the transcript's own stamps when there is no audio; and
// prose's tagging model, loaded once for the entities and chapters stages.
package lexical

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/shownotes/shownotes/pipeline"
)

// Sentences returns the transcript's sentences when they tile the words in
// order, or else sentences cut after words that end a sentence (see
// EndsSentence) and where the turn or the speaker changes. The spans tile
// the words; a transcript without words has none.
func Sentences(t *pipeline.Transcript) []pipeline.Span {
	if tiles(t) {
		return t.Sentences
	}
	n := len(t.Words)
	var out []pipeline.Span
	first := 0
	for i := range n {
		if i == n-1 || EndsSentence(t.Words[i].Text) || changes(t, i) {
			out = append(out, pipeline.Span{First: first, End: i + 1})
			first = i + 1
		}
	}
	return out
}

// SplitAtTurns cuts spans again after every word where the turn or the
// speaker changes. Spans must lie inside t.Words.
func SplitAtTurns(t *pipeline.Transcript, spans []pipeline.Span) []pipeline.Span {
	var out []pipeline.Span
	for _, s := range spans {
		first := s.First
		for i := s.First; i < s.End; i++ {
			if i == s.End-1 || changes(t, i) {
				out = append(out, pipeline.Span{First: first, End: i + 1})
				first = i + 1
			}
		}
	}
	return out
}

// tiles reports whether t.Sentences cover the words in order, without gaps
// or empty sentences.
func tiles(t *pipeline.Transcript) bool {
	n := len(t.Words)
	next := 0
	for _, s := range t.Sentences {
		if s.First != next || s.End <= s.First || s.End > n {
			return false
		}
		next = s.End
	}
	return len(t.Sentences) > 0 && next == n
}

// changes reports whether the turn or the speaker changes after word i.
func changes(t *pipeline.Transcript, i int) bool {
	return i+1 < len(t.Words) && (t.Words[i+1].Turn != t.Words[i].Turn || t.Words[i+1].Speaker != t.Words[i].Speaker)
}

// EndsSentence reports whether a word ends in ".", "?" or "!", before any
// closing quotes and brackets.
func EndsSentence(w string) bool {
	w = strings.TrimRight(w, `"')]”’`)
	return strings.HasSuffix(w, ".") || strings.HasSuffix(w, "?") || strings.HasSuffix(w, "!")
}

// Fold lower-cases a word, drops its letters' accents and trims everything
// but letters and digits off both ends: "Kaggle's," → "kaggle's", "(2014)"
// → "2014", "Alströmer" → "alstromer".
func Fold(w string) string {
	// "Alströmer" is "Alstromer" as transcribers type it
	return Unaccent(strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })))
}

// Unaccent drops the combining marks of w's decomposed letters ("ö" ->
// "o"); letters without a decomposition ("ß", "ø") stay as they are.
func Unaccent(w string) string {
	ascii := true
	for i := 0; i < len(w) && ascii; i++ {
		ascii = w[i] < utf8.RuneSelf
	}
	if ascii {
		return w // the common case: nothing to decompose
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

// hesitations are the sounds a speaker makes while thinking, as
// transcripts spell them.
var hesitations = Set("um umm uh uhh uhm er erm ah hmm mm mhm eh")

// Hesitation reports a word that is a hesitation sound ("Um,", "uh").
func Hesitation(w string) bool { return hesitations[Fold(w)] }

// Set returns the set of the space-separated words of s (a stopword list).
func Set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// Cosine is the cosine similarity of two term vectors, 0 when either is
// zero.
func Cosine[K comparable](a, b map[K]float64) float64 {
	var dot, na, nb float64
	for k, v := range a {
		na += v * v
		dot += v * b[k]
	}
	for _, v := range b {
		nb += v * v
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}
