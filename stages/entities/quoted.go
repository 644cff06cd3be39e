package entities

import (
	"strings"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/lexical"
)

// maxTitleWords bounds a work's title in quotation marks.
const maxTitleWords = 8

// titleSmallWords stay lower case inside a title ("Good to Great",
// "Thinking in Bets"). Wider than the chunks' titleConnectors: inside
// quotation marks the title's ends are known, while a chunk joined across
// "by" or "or" would swallow what follows ("How the BJP Wins by Prashant
// Jha").
var titleSmallWords = lexical.Set(`a an the and or but nor of to in on at for with by from as into over vs via`)

// quotedTitles finds works named in quotation marks: two to eight words
// in title case between an opening and a closing mark of one sentence
// ("Jim Collins' ‘Good to Great’", "the essay “How to Do Great Work”"),
// with no comma, question or exclamation inside, opening and closing on a
// capitalised word, and not opening with an interjection ("Hey Lenny").
// Quoted speech is rarely in title case; a title almost always is.
func quotedTitles(tr *pipeline.Transcript) []*mention {
	var out []*mention
	ws := tr.Words
	for i := 0; i < len(ws); i++ {
		open := lexical.StraightQuotes(ws[i].Text)
		if len(open) < 2 || open[0] != '"' && open[0] != '\'' {
			continue
		}
		mark := open[0]
		for j := i + 1; j < len(ws) && j < i+maxTitleWords && ws[j].Turn == ws[i].Turn; j++ {
			w := strings.TrimRight(lexical.StraightQuotes(ws[j].Text), ".;:")
			if !strings.HasSuffix(w, string(mark)) {
				continue
			}
			if m := quotedTitle(tr, i, j+1); m != nil {
				out = append(out, m)
				i = j
			}
			break
		}
	}
	return out
}

// quotedTitle is the mention of words [first, end) when they read as a
// title in quotation marks, else nil.
func quotedTitle(tr *pipeline.Transcript, first, end int) *mention {
	parts := make([]string, 0, end-first)
	for k := first; k < end; k++ {
		w := strings.Trim(lexical.StraightQuotes(tr.Words[k].Text), `"'`)
		if k < end-1 && strings.ContainsAny(w, ",?!") || k < end-1 && lexical.EndsSentence(w) {
			return nil // a comma or a sentence inside: quoted speech
		}
		core := strings.TrimRight(w, ".;:")
		if strings.ContainsAny(core, ",?!\"") || core == "" {
			return nil
		}
		small := titleSmallWords[core]
		if !isCapTok(core) && (!small || k == first || k == end-1) {
			return nil
		}
		if k == first && junkWord(core) {
			return nil
		}
		parts = append(parts, core)
	}
	if len(parts) < 2 {
		return nil
	}
	return &mention{First: first, End: end, Surface: strings.Join(parts, " "),
		votes: votes{pipeline.Work: wCue}, prior: votes{}}
}
