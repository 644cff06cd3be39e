// Alignment scoring: the figures of the corpus' tools/score_align.py.

package evaluation

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
)

// Truth is a rendered episode's truth.json: every spoken token with its true
// time, and the sentences.
type Truth struct {
	Tokens    []TruthToken    `json:"tokens"`
	Sentences []TruthSentence `json:"sentences"`
}

// TruthToken is one spoken token: its text, where it stands in the
// transcript (byte offsets) and its true time in seconds.
type TruthToken struct {
	Text      string  `json:"text"`
	CharStart int     `json:"char_start"`
	CharEnd   int     `json:"char_end"`
	Start     float64 `json:"start"`
	End       float64 `json:"end"`
	Speaker   string  `json:"speaker"`
}

// TruthSentence is one sentence of the transcript and its true start.
type TruthSentence struct {
	CharStart int     `json:"char_start"`
	CharEnd   int     `json:"char_end"`
	Start     float64 `json:"start"`
}

// ReadTruth reads a truth.json file.
func ReadTruth(path string) (*Truth, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("evaluation: %w", err)
	}
	var t Truth
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("evaluation: %s: %w", path, err)
	}
	return &t, nil
}

// TimedWord is a word of an alignment to score.
type TimedWord struct {
	Text       string
	Start, End float64
}

// AlignScores are the figures of ../shared/corpus/tools/score_align.py, computed
// the same way (words matched to truth tokens by normalised text in order).
type AlignScores struct {
	Tokens, Matched                    int
	Coverage                           float64
	WordMedianMs, WordP90Ms, WordP95Ms float64
	WordWithin100, WordWithin250       float64
	Sentences, SentMatched             int
	SentMedianMs, SentP95Ms            float64
	SentWithin250, SentWithin1s        float64
}

func normToken(w string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(w) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// pct is score_align.py's percentile: the element at round(q*(n-1)) of the
// sorted values (Python rounds halves to even).
func pct(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	i := int(math.RoundToEven(q * float64(len(s)-1)))
	if i > len(s)-1 {
		i = len(s) - 1
	}
	return s[i]
}

// ScoreAlignment compares words with the truth as score_align.py does.
func ScoreAlignment(t *Truth, words []TimedWord) AlignScores {
	type tok struct {
		norm      string
		charStart int
		start     float64
	}
	var gt []tok
	for _, x := range t.Tokens {
		if n := normToken(x.Text); n != "" {
			gt = append(gt, tok{n, x.CharStart, x.Start})
		}
	}
	type tw struct {
		norm  string
		start float64
	}
	var got []tw
	for _, w := range words {
		if n := normToken(w.Text); n != "" && !math.IsNaN(w.Start) {
			got = append(got, tw{n, w.Start})
		}
	}
	a := make([]string, len(gt))
	for i, x := range gt {
		a[i] = x.norm
	}
	b := make([]string, len(got))
	for i, x := range got {
		b[i] = x.norm
	}
	match := map[int]int{}
	for _, blk := range matchingBlocks(a, b) {
		for k := 0; k < blk.size; k++ {
			match[blk.a+k] = blk.b + k
		}
	}
	var errs []float64
	for i := range gt {
		if j, ok := match[i]; ok {
			errs = append(errs, math.Abs(got[j].start-gt[i].start))
		}
	}
	// The first token of each sentence.
	sentFirst := map[int]float64{}
	for _, s := range t.Sentences {
		for i, x := range gt {
			if x.charStart >= s.CharStart {
				sentFirst[i] = s.Start
				break
			}
		}
	}
	var serrs []float64
	for i, st := range sentFirst {
		if j, ok := match[i]; ok {
			serrs = append(serrs, math.Abs(got[j].start-st))
		}
	}
	share := func(xs []float64, lim float64, n int) float64 {
		c := 0
		for _, x := range xs {
			if x <= lim {
				c++
			}
		}
		return float64(c) / float64(max(1, n))
	}
	return AlignScores{
		Tokens: len(gt), Matched: len(errs), Coverage: float64(len(errs)) / float64(max(1, len(gt))),
		WordMedianMs: 1000 * pct(errs, 0.5), WordP90Ms: 1000 * pct(errs, 0.9), WordP95Ms: 1000 * pct(errs, 0.95),
		WordWithin100: share(errs, 0.1, len(gt)), WordWithin250: share(errs, 0.25, len(gt)),
		Sentences: len(sentFirst), SentMatched: len(serrs),
		SentMedianMs: 1000 * pct(serrs, 0.5), SentP95Ms: 1000 * pct(serrs, 0.95),
		SentWithin250: share(serrs, 0.25, len(sentFirst)), SentWithin1s: share(serrs, 1.0, len(sentFirst)),
	}
}

// TruthStarts gives each word the start of the truth token it matches, as
// ScoreAlignment matches them (normalised text, in order), or NaN.
func TruthStarts(t *Truth, words []string) []float64 {
	a := make([]string, len(words))
	for i, w := range words {
		a[i] = normToken(w)
	}
	b := make([]string, len(t.Tokens))
	for j, tk := range t.Tokens {
		b[j] = normToken(tk.Text)
	}
	out := make([]float64, len(a))
	for i := range out {
		out[i] = math.NaN()
	}
	for _, m := range matchingBlocks(a, b) {
		for k := 0; k < m.size; k++ {
			out[m.a+k] = t.Tokens[m.b+k].Start
		}
	}
	return out
}

type block struct{ a, b, size int }

// matchingBlocks is difflib.SequenceMatcher(a=a, b=b,
// autojunk=False).get_matching_blocks(), without the final dummy block.
func matchingBlocks(a, b []string) []block {
	b2j := map[string][]int{}
	for j, x := range b {
		b2j[x] = append(b2j[x], j)
	}
	longest := func(alo, ahi, blo, bhi int) block {
		besti, bestj, bestsize := alo, blo, 0
		j2len := map[int]int{}
		for i := alo; i < ahi; i++ {
			newj2len := map[int]int{}
			for _, j := range b2j[a[i]] {
				if j < blo {
					continue
				}
				if j >= bhi {
					break
				}
				k := j2len[j-1] + 1
				newj2len[j] = k
				if k > bestsize {
					besti, bestj, bestsize = i-k+1, j-k+1, k
				}
			}
			j2len = newj2len
		}
		for besti > alo && bestj > blo && a[besti-1] == b[bestj-1] {
			besti, bestj, bestsize = besti-1, bestj-1, bestsize+1
		}
		for besti+bestsize < ahi && bestj+bestsize < bhi && a[besti+bestsize] == b[bestj+bestsize] {
			bestsize++
		}
		return block{besti, bestj, bestsize}
	}
	type span struct{ alo, ahi, blo, bhi int }
	queue := []span{{0, len(a), 0, len(b)}}
	var blocks []block
	for len(queue) > 0 {
		s := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		x := longest(s.alo, s.ahi, s.blo, s.bhi)
		if x.size > 0 {
			blocks = append(blocks, x)
			if s.alo < x.a && s.blo < x.b {
				queue = append(queue, span{s.alo, x.a, s.blo, x.b})
			}
			if x.a+x.size < s.ahi && x.b+x.size < s.bhi {
				queue = append(queue, span{x.a + x.size, s.ahi, x.b + x.size, s.bhi})
			}
		}
	}
	sort.Slice(blocks, func(i, j int) bool {
		if blocks[i].a != blocks[j].a {
			return blocks[i].a < blocks[j].a
		}
		return blocks[i].b < blocks[j].b
	})
	return blocks
}
