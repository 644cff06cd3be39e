package acoustic

import (
	"bufio"
	"bytes"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// dictionary maps a lower-case word to its first pronunciation in the CMU
// pronouncing dictionary (CI phone ids of the model).
type dictionary struct {
	words map[string][]uint8
}

var (
	dictOnce sync.Once
	dict     *dictionary
	dictErr  error
)

func loadDict(m *Model) (*dictionary, error) {
	dictOnce.Do(func() {
		b, err := readGz("cmudict-en-us.dict")
		if err != nil {
			dictErr = err
			return
		}
		d := &dictionary{words: make(map[string][]uint8, 140000)}
		sc := bufio.NewScanner(bytes.NewReader(b))
		for sc.Scan() {
			line := sc.Text()
			f := strings.Fields(line)
			if len(f) < 2 || strings.HasSuffix(f[0], ")") {
				continue // empty, or an alternative pronunciation
			}
			ph := make([]uint8, 0, len(f)-1)
			ok := true
			for _, p := range f[1:] {
				id := m.Phone(p)
				if id < 0 {
					ok = false
					break
				}
				ph = append(ph, uint8(id))
			}
			if ok {
				d.words[f[0]] = ph
			}
		}
		dict, dictErr = d, sc.Err()
	})
	return dict, dictErr
}

// pronounce returns the phones of a transcript token: the dictionary's,
// spelled-out numbers, symbols and letters, the parts of a hyphenated or
// possessive word, and letter-to-sound rules for the rest. A token that is
// not spoken (punctuation) has none.
func (d *dictionary) pronounce(m *Model, token string) []uint8 {
	var out []uint8
	for _, w := range spokenWords(token) {
		out = append(out, d.word(m, w)...)
	}
	return out
}

func (d *dictionary) word(m *Model, w string) []uint8 {
	lw := strings.ToLower(w)
	// A capitalised short token is read letter by letter even when it
	// spells a word ("AI", "US").
	if isAcronym(w) && len(w) <= 3 {
		return d.letters(m, lw)
	}
	if p, ok := d.words[lw]; ok {
		return p
	}
	// Possessive or contraction the dictionary lacks: "Kohavi's".
	if base, ok := strings.CutSuffix(lw, "'s"); ok && base != "" {
		p := d.word(m, base)
		return append(append([]uint8(nil), p...), uint8(m.Phone("Z")))
	}
	// An acronym: its letters ("HTML").
	if isAcronym(w) {
		return d.letters(m, lw)
	}
	return letterToSound(m, lw)
}

// letters is how w is spelled out, letter by letter (the dictionary's
// first reading of "a" is the article, so the letters' names are here).
func (d *dictionary) letters(m *Model, w string) []uint8 {
	var out []uint8
	for _, r := range w {
		for _, p := range strings.Fields(letterName[r]) {
			if id := m.Phone(p); id >= 0 {
				out = append(out, uint8(id))
			}
		}
	}
	return out
}

var letterName = map[rune]string{
	'a': "EY", 'b': "B IY", 'c': "S IY", 'd': "D IY", 'e': "IY", 'f': "EH F", 'g': "JH IY",
	'h': "EY CH", 'i': "AY", 'j': "JH EY", 'k': "K EY", 'l': "EH L", 'm': "EH M", 'n': "EH N",
	'o': "OW", 'p': "P IY", 'q': "K Y UW", 'r': "AA R", 's': "EH S", 't': "T IY", 'u': "Y UW",
	'v': "V IY", 'w': "D AH B AH L Y UW", 'x': "EH K S", 'y': "W AY", 'z': "Z IY",
}

// isAcronym reports a token read letter by letter: all capitals, and
// either at most three letters ("AI", "GPT") or no vowel ("HTML", "CNBC").
// Longer ones with vowels are mostly said as words ("NASA", "MICCAI").
func isAcronym(w string) bool {
	if len(w) < 2 || len(w) > 6 {
		return false
	}
	vowels := 0
	for _, r := range w {
		if !unicode.IsUpper(r) || r > unicode.MaxASCII {
			return false
		}
		if strings.ContainsRune("AEIOU", r) {
			vowels++
		}
	}
	return len(w) <= 3 || vowels == 0
}

// spokenWords splits a token into the words a speaker says for it:
// hyphens and slashes separate words, digits become number words, "%",
// "&" and "$" their names. Punctuation is dropped.
func spokenWords(token string) []string {
	token = strings.NewReplacer("’", "'", "‘", "'", "–", "-", "—", "-").Replace(token)
	var words []string
	dollars := false
	for _, part := range strings.FieldsFunc(token, func(r rune) bool { return r == '-' || r == '/' || r == '_' }) {
		part = strings.Trim(part, "'\".,;:!?()[]{}<>*“”…")
		if part == "" {
			continue
		}
		if strings.HasPrefix(part, "$") {
			dollars = true
			part = part[1:]
		}
		pct := strings.HasSuffix(part, "%")
		part = strings.TrimSuffix(part, "%")
		switch {
		case part == "":
		case isNumber(part):
			words = append(words, numberWords(part)...)
		case part == "&":
			words = append(words, "and")
		default:
			// Letters and apostrophes only; digits inside ("GPT4") are
			// spoken apart.
			var cur strings.Builder
			flush := func() {
				if cur.Len() > 0 {
					words = append(words, cur.String())
					cur.Reset()
				}
			}
			var num strings.Builder
			for _, r := range part {
				switch {
				case unicode.IsDigit(r):
					flush()
					num.WriteRune(r)
				case r == '&':
					flush()
					words = append(words, "and")
				case unicode.IsLetter(r) || r == '\'':
					if num.Len() > 0 {
						words = append(words, numberWords(num.String())...)
						num.Reset()
					}
					cur.WriteRune(r)
				}
			}
			flush()
			if num.Len() > 0 {
				words = append(words, numberWords(num.String())...)
			}
		}
		if pct {
			words = append(words, "percent")
		}
	}
	if dollars {
		words = append(words, "dollars")
	}
	return words
}

func isNumber(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ',' || r == '.':
		default:
			// ordinals: 1st 2nd 3rd 4th
			return false
		}
	}
	return digits > 0
}

var ones = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
	"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
var tens = []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}

// numberWords spells a written number as it is usually said: "1999" →
// nineteen ninety nine, "2,500" → two thousand five hundred, "3.5" →
// three point five.
func numberWords(s string) []string {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		w := numberWords(s[:i])
		frac := strings.Trim(s[i+1:], ".,")
		if frac == "" {
			return w
		}
		w = append(w, "point")
		for _, r := range frac {
			if r >= '0' && r <= '9' {
				w = append(w, ones[r-'0'])
			}
		}
		return w
	}
	plain := strings.ReplaceAll(s, ",", "")
	if plain == "" {
		return nil
	}
	n, err := strconv.ParseInt(plain, 10, 64)
	if err != nil || n > 999_999_999_999 {
		var w []string
		for _, r := range plain {
			w = append(w, ones[r-'0'])
		}
		return w
	}
	// A year: 1100–1999 and 2010–2099 in pairs.
	if len(plain) == 4 && !strings.Contains(s, ",") && ((n >= 1100 && n <= 1999) || (n >= 2010 && n <= 2099)) && n%100 != 0 {
		hi, lo := n/100, n%100
		w := cardinal(hi)
		if lo < 10 {
			w = append(w, "oh")
		}
		return append(w, cardinal(lo)...)
	}
	return cardinal(n)
}

func cardinal(n int64) []string {
	if n < 20 {
		return []string{ones[n]}
	}
	if n < 100 {
		w := []string{tens[n/10]}
		if n%10 != 0 {
			w = append(w, ones[n%10])
		}
		return w
	}
	if n < 1000 {
		w := []string{ones[n/100], "hundred"}
		if n%100 != 0 {
			w = append(w, cardinal(n%100)...)
		}
		return w
	}
	for _, sc := range []struct {
		v    int64
		name string
	}{{1_000_000_000, "billion"}, {1_000_000, "million"}, {1000, "thousand"}} {
		if n >= sc.v {
			w := append(cardinal(n/sc.v), sc.name)
			if n%sc.v != 0 {
				w = append(w, cardinal(n%sc.v)...)
			}
			return w
		}
	}
	return nil
}

// letterToSound guesses the phones of a word the dictionary lacks (names,
// misspellings) with a small set of English spelling rules: longest
// grapheme first, a vowel before a final silent "e" long.
func letterToSound(m *Model, w string) []uint8 {
	var out []uint8
	add := func(ps string) {
		for _, p := range strings.Fields(ps) {
			if id := m.Phone(p); id >= 0 {
				out = append(out, uint8(id))
			}
		}
	}
	r := []rune(w)
	isV := func(c rune) bool { return strings.ContainsRune("aeiouy", c) }
	for i := 0; i < len(r); {
		rest := string(r[i:])
		matched := false
		for _, g := range graphemes {
			if strings.HasPrefix(rest, g.g) {
				add(g.p)
				i += len([]rune(g.g))
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		c := r[i]
		// silent final e
		if c == 'e' && i == len(r)-1 && i > 1 {
			i++
			continue
		}
		// a vowel followed by consonant + final e is long
		long := isV(c) && i+2 == len(r)-1 && !isV(r[i+1]) && r[len(r)-1] == 'e'
		switch {
		case long:
			add(longVowel[c])
		case c == 'y' && i == 0:
			add("Y")
		case c == 'y' && i == len(r)-1:
			add("IY")
		case c == 'c' && i+1 < len(r) && strings.ContainsRune("eiy", r[i+1]):
			add("S")
		case c == 'g' && i+1 < len(r) && strings.ContainsRune("eiy", r[i+1]) && i > 0:
			add("JH")
		default:
			add(letter[c])
		}
		i++
	}
	return out
}

var graphemes = []struct{ g, p string }{
	{"tion", "SH AH N"}, {"sion", "ZH AH N"}, {"ough", "AO"}, {"augh", "AO"}, {"eigh", "EY"},
	{"igh", "AY"}, {"tch", "CH"}, {"dge", "JH"}, {"sch", "SH"},
	{"ch", "CH"}, {"sh", "SH"}, {"th", "TH"}, {"ph", "F"}, {"wh", "W"}, {"ck", "K"}, {"ng", "NG"},
	{"qu", "K W"}, {"kh", "K"}, {"gh", "G"}, {"zh", "ZH"},
	{"ee", "IY"}, {"ea", "IY"}, {"oo", "UW"}, {"ou", "AW"}, {"ow", "OW"}, {"oi", "OY"}, {"oy", "OY"},
	{"ai", "EY"}, {"ay", "EY"}, {"au", "AO"}, {"aw", "AO"}, {"ei", "EY"}, {"ey", "EY"}, {"ie", "IY"},
	{"ue", "UW"}, {"ui", "UW"}, {"oa", "OW"}, {"ew", "UW"},
	{"ll", "L"}, {"ss", "S"}, {"tt", "T"}, {"pp", "P"}, {"mm", "M"}, {"nn", "N"}, {"rr", "R"},
	{"ff", "F"}, {"bb", "B"}, {"dd", "D"}, {"gg", "G"}, {"zz", "Z"}, {"cc", "K"},
}

var letter = map[rune]string{
	'a': "AE", 'b': "B", 'c': "K", 'd': "D", 'e': "EH", 'f': "F", 'g': "G", 'h': "HH", 'i': "IH",
	'j': "JH", 'k': "K", 'l': "L", 'm': "M", 'n': "N", 'o': "AA", 'p': "P", 'q': "K", 'r': "R",
	's': "S", 't': "T", 'u': "AH", 'v': "V", 'w': "W", 'x': "K S", 'y': "IH", 'z': "Z",
	'á': "AA", 'à': "AA", 'â': "AA", 'ä': "EH", 'é': "EY", 'è': "EH", 'ê': "EH", 'ë': "EH",
	'í': "IY", 'ï': "IY", 'ó': "OW", 'ö': "ER", 'ô': "OW", 'ú': "UW", 'ü': "UW", 'ñ': "N Y", 'ç': "S",
}

var longVowel = map[rune]string{'a': "EY", 'e': "IY", 'i': "AY", 'o': "OW", 'u': "UW", 'y': "AY"}
