package transcript

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shownotes/shownotes/pipeline"
)

// abbrevNever are abbreviations that never end a sentence (titles and
// Latin/connective abbreviations followed by more of the same sentence).
var abbrevNever = map[string]bool{
	"dr.": true, "mr.": true, "mrs.": true, "ms.": true, "mx.": true, "prof.": true, "st.": true,
	"sr.": true, "rev.": true, "gen.": true, "sen.": true, "rep.": true, "gov.": true, "capt.": true,
	"lt.": true, "col.": true, "sgt.": true, "fr.": true, "mt.": true, "ft.": true, "hon.": true,
	"e.g.": true, "i.e.": true, "vs.": true, "v.": true, "cf.": true, "viz.": true, "approx.": true,
	"no.": true, "nos.": true, "vol.": true, "pp.": true, "p.": true, "fig.": true, "ch.": true,
	"jan.": true, "feb.": true, "mar.": true, "apr.": true, "jun.": true, "jul.": true, "aug.": true,
	"sep.": true, "sept.": true, "oct.": true, "nov.": true, "dec.": true, "ca.": true, "est.": true,
}

// abbrevMaybe end a sentence only when the next word starts with a capital
// letter ("and so on, etc. So" ends; "etc. and" does not).
var abbrevMaybe = map[string]bool{
	"etc.": true, "jr.": true, "inc.": true, "ltd.": true, "co.": true, "corp.": true, "al.": true,
	"a.m.": true, "p.m.": true, "u.s.": true, "u.k.": true, "u.n.": true, "e.u.": true,
}

// opensSentence are the function words a sentence often opens with: after
// initials ("U.S."), one of them starts a new sentence ("… in the U.S. Then
// we …"), any other capitalised word goes on with the name ("the U.S.
// Department of Defense").
var opensSentence = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`i i'm i've i'd i'll we we're you you're he he's she she's it it's they they're
		this that that's these those there there's then and but so or if when what why how where who which
		the a an my our his her their your its in on at for from to with by of after before now yes no
		yeah well also because as all some one not just even okay ok oh right sure anyway both every each`) {
		m[w] = true
	}
	return m
}()

// closers may follow the sentence-ending mark.
const closers = `"')]}»”’`

// sentences splits the words of each paragraph into sentences.
func sentences(words []pipeline.Word, paras []pipeline.Span) []pipeline.Span {
	var out []pipeline.Span
	for _, p := range paras {
		first := p.First
		for i := p.First; i < p.End; i++ {
			next := ""
			if i+1 < p.End {
				next = words[i+1].Text
			}
			if i+1 == p.End || endsSentence(words[i].Text, next) {
				out = append(out, pipeline.Span{First: first, End: i + 1})
				first = i + 1
			}
		}
	}
	return out
}

// endsSentence reports whether token w ends a sentence, given the next
// token ("" at the end).
func endsSentence(w, next string) bool {
	core := strings.TrimRight(w, closers)
	if core == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(core)
	switch last {
	case '?', '!', '…', '。', '？', '！':
		return true
	case '.':
	default:
		return false
	}
	lw := strings.ToLower(strings.TrimLeft(core, `"'([{«“‘`))
	if strings.HasSuffix(lw, "...") || strings.HasSuffix(lw, "..") {
		// An ellipsis ends a sentence when the next word is capitalised.
		return next == "" || startsUpper(next)
	}
	if abbrevNever[lw] {
		return false
	}
	if abbrevMaybe[lw] || isInitials(lw) {
		if isInitials(lw) && next != "" && startsUpper(next) && !opensSentence[strings.ToLower(strings.Trim(next, `"'“‘,`))] {
			return false // "the U.S. Department of Defense", "U.K. Parliament"
		}
		return next == "" || startsUpper(next) && !isInitials(strings.ToLower(next))
	}
	if isInitial(lw) {
		return false
	}
	return true
}

// isInitial matches a single letter and a period ("J.").
func isInitial(lw string) bool {
	r, size := utf8.DecodeRuneInString(lw)
	return size > 0 && unicode.IsLetter(r) && lw[size:] == "."
}

// isInitials matches "u.s." style letter-period sequences of two or more.
func isInitials(lw string) bool {
	n := 0
	for i := 0; i < len(lw); {
		r, size := utf8.DecodeRuneInString(lw[i:])
		if !unicode.IsLetter(r) || i+size >= len(lw) || lw[i+size] != '.' {
			return false
		}
		i += size + 1
		n++
	}
	return n >= 2
}

func startsUpper(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return unicode.IsUpper(r)
		}
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
