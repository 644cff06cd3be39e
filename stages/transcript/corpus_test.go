package transcript

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
)

// truthFile is the part of a rendered episode's truth.json the tests read.
type truthFile struct {
	Tokens []struct {
		Text      string `json:"text"`
		CharStart int    `json:"char_start"`
		Speaker   string `json:"speaker"`
	} `json:"tokens"`
	Sentences []struct {
		CharStart int    `json:"char_start"`
		Speaker   string `json:"speaker"`
	} `json:"sentences"`
}

func readTruth(t *testing.T, dir string) *truthFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var tf truthFile
	if err := json.Unmarshal(data, &tf); err != nil {
		t.Fatalf("truth.json: %v", err)
	}
	return &tf
}

func mustParseFile(t *testing.T, path, format string) *pipeline.Transcript {
	t.Helper()
	tr, err := ParseFile(path, Options{Format: format})
	if err != nil {
		t.Fatalf("ParseFile(%s) error: %v", path, err)
	}
	return tr
}

// sameWords compares the Text and Speaker of every word of two parses.
func sameWords(t *testing.T, name string, a, b *pipeline.Transcript) {
	t.Helper()
	n := len(a.Words)
	if len(b.Words) != n {
		t.Errorf("%s: %d words, want %d", name, len(b.Words), n)
		if len(b.Words) < n {
			n = len(b.Words)
		}
	}
	bad := 0
	for i := 0; i < n; i++ {
		wa, wb := a.Words[i], b.Words[i]
		if wa.Text != wb.Text || wa.Speaker != wb.Speaker {
			if bad < 5 {
				t.Errorf("%s: word %d = %q (%s), want %q (%s)", name, i, wb.Text, wb.Speaker, wa.Text, wa.Speaker)
			}
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("%s: %d of %d words differ", name, bad, n)
	}
}

// spokenChars is the transcript's letters and digits, lower-cased, each
// with its speaker: what must agree between layouts whose tokenisation
// differs (the renderer rejoins sentences with a space, so its Rev and VTT
// files read "ThinkPragati. com," where transcript.txt reads
// "ThinkPragati.com,").
func spokenChars(tr *pipeline.Transcript) (chars []rune, speakers []string) {
	for _, w := range tr.Words {
		for _, r := range strings.ToLower(w.Text) {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				chars = append(chars, r)
				speakers = append(speakers, w.Speaker)
			}
		}
	}
	return chars, speakers
}

func sameSpoken(t *testing.T, name string, a, b *pipeline.Transcript) {
	t.Helper()
	ca, sa := spokenChars(a)
	cb, sb := spokenChars(b)
	if len(ca) != len(cb) {
		t.Errorf("%s: %d spoken characters, want %d", name, len(cb), len(ca))
	}
	for i := 0; i < min(len(ca), len(cb)); i++ {
		if ca[i] != cb[i] || sa[i] != sb[i] {
			t.Errorf("%s: spoken character %d = %q (%s), want %q (%s)", name, i, cb[i], sb[i], ca[i], sa[i])
			return
		}
	}
}

// TestLayoutsAgree: the plain, Rev and WebVTT layouts of the same episode
// parse to the same words and speakers. The corpus' own three layouts and
// the sample agree token for token; a rendered episode's Rev and VTT files
// agree with each other token for token and with its transcript.txt in
// spoken characters and speakers (the renderer re-spaces sentences).
func TestLayoutsAgree(t *testing.T) {
	type set struct {
		name, plain, rev, vtt string
		exact                 bool
	}
	var sets []set
	add := func(name, dir string, plain, rev, vtt string, exact bool) {
		sets = append(sets, set{name, filepath.Join(dir, plain), filepath.Join(dir, rev), filepath.Join(dir, vtt), exact})
	}
	add("sample", testcorpus.Sample(), "transcript.txt", "transcript_rev.txt", "transcript.vtt", true)
	if d := testcorpus.Dir(); d != "" {
		for _, n := range []string{"ss45", "ss260"} {
			add(n, filepath.Join(d, "transcripts"), n+".txt", n+"_rev.txt", n+".vtt", true)
		}
	} else {
		t.Log("corpus absent: checking the sample only")
	}
	for _, n := range []string{"seed", "seed-hard", "ss45", "ss260"} {
		if d := testcorpus.Rendered(n); d != "" {
			add("rendered "+n, d, "transcript.txt", "transcript_rev.txt", "transcript.vtt", false)
		}
	}
	for _, s := range sets {
		t.Run(s.name, func(t *testing.T) {
			plain := mustParseFile(t, s.plain, "")
			rev := mustParseFile(t, s.rev, "")
			vtt := mustParseFile(t, s.vtt, "")
			if plain.Format != "plain" || rev.Format != "rev" || vtt.Format != "vtt" {
				t.Errorf("formats = %s, %s, %s, want plain, rev, vtt", plain.Format, rev.Format, vtt.Format)
			}
			if s.exact {
				sameWords(t, "rev", plain, rev)
				sameWords(t, "vtt", plain, vtt)
			} else {
				sameWords(t, "vtt vs rev", rev, vtt)
				sameSpoken(t, "rev", plain, rev)
				sameSpoken(t, "vtt", plain, vtt)
			}
			t.Logf("%d words, %d turns, speakers %q: rev (%d words) and vtt (%d words) agree", len(plain.Words), len(plain.Turns), plain.Speakers(), len(rev.Words), len(vtt.Words))
		})
	}
}

// wordOffsets finds each word in the transcript text (in runes, as
// truth.json counts) and returns its start and end offsets.
func wordOffsets(t *testing.T, text []rune, words []pipeline.Word) (start, end []int) {
	t.Helper()
	pos := 0
	for i, w := range words {
		wr := []rune(w.Text)
		k := indexRunes(text[pos:], wr)
		if k < 0 {
			t.Fatalf("word %d %q not found in the transcript after offset %d", i, w.Text, pos)
		}
		start = append(start, pos+k)
		end = append(end, pos+k+len(wr))
		pos += k + len(wr)
	}
	return start, end
}

func indexRunes(s, sub []rune) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		match := true
		for j := range sub {
			if s[i+j] != sub[j] {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}

// TestTruthTokens: the plain layout's words are the truth tokens with the
// same speakers. The renderer's tokens are whitespace tokens of its
// sentences, so where a sentence ends inside a whitespace token
// ("ThinkPragati.com,") it has two tokens for one word; the test maps truth
// tokens to words by their character offsets in transcript.txt and requires
// every truth token to fall inside a word of the same speaker and every word
// to hold a truth token. It also measures how the parsed sentences agree
// with the renderer's (a floor of 90%).
func TestTruthTokens(t *testing.T) {
	dirs := map[string]string{"sample": testcorpus.Sample()}
	for _, n := range []string{"seed", "seed-hard", "ss45", "ss260"} {
		if d := testcorpus.Rendered(n); d != "" {
			dirs[n] = d
		}
	}
	for name, dir := range dirs {
		t.Run(name, func(t *testing.T) {
			tf := readTruth(t, dir)
			data, err := os.ReadFile(filepath.Join(dir, "transcript.txt"))
			if err != nil {
				t.Fatal(err)
			}
			text := []rune(string(data))
			tr := mustParseFile(t, filepath.Join(dir, "transcript.txt"), "")
			ws, we := wordOffsets(t, text, tr.Words)
			wordAt := func(c int) int { // the word holding rune offset c, or -1
				j := sort.SearchInts(ws, c+1) - 1
				if j >= 0 && c < we[j] {
					return j
				}
				return -1
			}
			hit := make([]int, len(tr.Words))
			bad, exact := 0, 0
			for i, tok := range tf.Tokens {
				j := wordAt(tok.CharStart)
				if j < 0 && strings.HasPrefix(tok.Text, "[") {
					j = wordAt(tok.CharStart + 1) // "[Cruder": the word starts after the bracket
				}
				if j < 0 || tr.Words[j].Speaker != tok.Speaker || !strings.Contains(tr.Words[j].Text, strings.TrimPrefix(tok.Text, "[")) {
					if bad < 5 {
						w := "none"
						if j >= 0 {
							w = tr.Words[j].Text + " (" + tr.Words[j].Speaker + ")"
						}
						t.Errorf("truth token %d %q (%s) at %d: parsed word %s", i, tok.Text, tok.Speaker, tok.CharStart, w)
					}
					bad++
					continue
				}
				hit[j]++
				if sameToken(tr.Words[j].Text, tok.Text) {
					exact++
				}
			}
			missed := 0
			for j, n := range hit {
				if n == 0 {
					if missed < 5 {
						t.Errorf("word %d %q holds no truth token", j, tr.Words[j].Text)
					}
					missed++
				}
			}
			if bad > 0 || missed > 0 {
				t.Fatalf("%d truth tokens outside the words, %d words without a truth token", bad, missed)
			}
			t.Logf("%d words, %d truth tokens, %d identical (the rest split by the renderer's sentence splitter)", len(tr.Words), len(tf.Tokens), exact)
			// Sentence starts as word indices.
			want := map[int]bool{}
			for _, s := range tf.Sentences {
				c := s.CharStart
				if j := wordAt(c); j >= 0 && ws[j] == c {
					want[j] = true
				} else if j := wordAt(c + 1); j >= 0 && ws[j] == c+1 {
					want[j] = true
				} else {
					want[-1-c] = true // a start inside a word: never matched
				}
			}
			got := map[int]bool{}
			for _, s := range tr.Sentences {
				got[s.First] = true
			}
			both := 0
			for i := range got {
				if want[i] {
					both++
				}
			}
			union := len(got) + len(want) - both
			agree := float64(both) / float64(union)
			t.Logf("sentences: %d parsed, %d truth, %d same starts: agreement %.1f%% (Jaccard of start sets)", len(got), len(want), both, 100*agree)
			if agree < 0.9 {
				t.Errorf("sentence agreement %.1f%%, want at least 90%%", 100*agree)
			}
		})
	}
}

// sameToken compares a parsed word with a truth token: the renderer's
// tokens keep the "[" of "[Cruder 00:02:25]" where the parser gives the
// uncertain word itself, and drop a closing quote after a sentence end
// ("started.\"" is the truth token "started.").
func sameToken(word, truth string) bool {
	const quotes = `"'“”‘’`
	return strings.TrimRight(word, quotes) == strings.TrimRight(strings.TrimPrefix(truth, "["), quotes)
}
