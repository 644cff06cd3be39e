package quotes

import (
	"strings"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/lexical"
)

// condensed is the quote's text with the fillers of speech left out, each
// cut marked by an ellipsis, so that a reader sees what was said without
// "you know" and stutters, and can see where words were left out. Only
// these are cut, and only inside the quote (never its first or last word):
//   - "you know," and "I mean," set off by a comma, with an "I think," or
//     "like," just before them;
//   - a stutter: a short function word said twice, the first time with a
//     comma ("I, I", "the, the"); "very, very" is emphasis and stays;
//   - a hesitation: "um,", "uh", as verbatim transcripts write them;
//   - a restarted phrase of two or three words, said again right after
//     ("you would see you would see"): the first saying.
//
// Every other word is kept as spoken, so the text is the quote's words in
// order with some runs replaced by "…".
func condensed(tr *pipeline.Transcript, s pipeline.Span) string {
	n := s.Len()
	cut := make([]bool, n)
	w := func(i int) string { return tr.Words[s.First+i].Text }
	for i := 1; i < n-1; i++ {
		a := strings.ToLower(w(i))
		if i+1 < n-1 {
			b := strings.ToLower(w(i + 1))
			if (a == "you" && b == "know,") || (a == "i" && b == "mean,") {
				cut[i], cut[i+1] = true, true
				// a hedge set off right before goes with it: "because I
				// think, you know, academia" reads "because … academia",
				// not "because I think, … academia"
				if i >= 3 && strings.EqualFold(w(i-2), "i") && strings.EqualFold(w(i-1), "think,") {
					cut[i-2], cut[i-1] = true, true
				} else if i >= 2 && strings.EqualFold(w(i-1), "like,") {
					cut[i-1] = true
				}
				i++
				continue
			}
		}
		if k := restart(tr, s.First+i, s.End-1); k > 1 {
			for j := 0; j < k; j++ {
				cut[i+j] = true // a restarted phrase: "we were, we were"
			}
			i += k - 1
			continue
		}
		if lexical.Hesitation(a) {
			cut[i] = true // "um,", "uh"
			continue
		}
		if word := strings.TrimSuffix(a, ","); word != a && stutterWords[word] && strings.EqualFold(word, strings.Trim(w(i+1), ",.;:!?")) {
			cut[i] = true
		}
	}
	var b strings.Builder
	for i := 0; i < n; i++ {
		if cut[i] {
			if i == 0 || !cut[i-1] {
				b.WriteString(" …")
			}
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w(i))
	}
	return b.String()
}

// stutterWords are the short words speakers restart on.
var stutterWords = map[string]bool{
	"i": true, "we": true, "you": true, "he": true, "she": true, "it": true, "they": true,
	"the": true, "a": true, "an": true, "and": true, "but": true, "so": true, "that": true,
	"this": true, "to": true, "in": true, "of": true, "is": true, "was": true, "it's": true, "i'm": true,
}
