package quotes

import (
	"strings"
	"unicode"

	"github.com/shownotes/shownotes/stages/lexical"
)

// The features of a quote, each in [0,1]: cues that it is phrased as a
// line worth repeating, and that it ends an answer.
const (
	fClaim      = iota // states something: "is", "never", "the key", "the problem"
	fContrast          // turns: "but", "instead", "actually", "rather than"
	fStance            // the speaker's own view: "I think", "we need", "I believe"
	fBrevity           // 10–22 words reads best; shorter and longer lose
	fFiller            // fillers or stutters per word ("you know", "I, I")
	fGeneral           // speaks to everyone: "you", "we", "people", "never"
	fLowerStart        // opens in lower case, after a trimmed "And", "So": mid-thought
	fLastInTurn        // closes the speaker's turn: the answer's last word, before the host speaks
	nFeatures
)

// weights score a quote's features (quotability is their weighted sum).
// They are a logistic regression's, fitted on the editor gold of the six
// Lenny's Podcast interviews in the corpus (candidates matching a pool
// quote against the rest, both classes weighted equally, L2 0.003):
// `go test ./stages/quotes -run FitWeights -fit -v` refits them and prints
// how each show fares with weights fitted on the other five. What the fit
// says an editor pulls: a claim that speaks to everyone, turns, and ends
// the speaker's answer; not "I think …", not a lower-case, mid-thought
// opening. Three cues whose weight changed sign from one five-show fit to
// another were left out: TextRank centrality, a number, a told scene.
var weights = [nFeatures]float64{
	fClaim: 1.01, fContrast: 0.33, fStance: -0.66, fBrevity: 0.41,
	fFiller: -0.30, fGeneral: 0.77, fLowerStart: -0.47, fLastInTurn: 0.98,
}

// quotability is the weighted sum of a quote's features.
func quotability(f [nFeatures]float64) float64 {
	s := 0.0
	for i, w := range weights {
		s += w * f[i]
	}
	return s
}

// features computes a quote's features from its words (all but
// fLastInTurn, which needs the transcript).
func features(ws []string) [nFeatures]float64 {
	p := parts(ws)
	var f [nFeatures]float64
	f[fClaim], f[fContrast], f[fStance], f[fBrevity] = p.Claim, p.Contrast, p.Stance, p.Brevity
	f[fFiller], f[fGeneral] = p.Filler, p.General
	if len(ws) > 0 {
		if r := []rune(ws[0]); len(r) > 0 && unicode.IsLower(r[0]) {
			f[fLowerStart] = 1
		}
	}
	return f
}

// partScores are the cue features computed from a quote's words alone.
type partScores struct {
	Claim, Contrast, Stance, Brevity, Filler, General float64
}

var (
	claimWords = set("is", "are", "was", "never", "always", "must", "only", "every", "nothing",
		"everything", "key", "problem", "truth", "reason", "secret", "lesson", "mistake", "best", "worst",
		"most", "important", "matters", "means", "because", "can't", "won't", "cannot")
	contrastWords = set("but", "instead", "actually", "however", "rather", "yet", "although", "though",
		"whereas", "unless", "despite", "not")
	stancePhrases = []string{"i think", "i believe", "i feel", "we need", "we should", "i learned",
		"i've learned", "i realised", "i realized", "the truth is", "my view", "i would argue", "i'd argue",
		"you have to", "you need to", "you can't", "we have to", "the way i see", "i'm convinced"}
	generalWords = set("you", "your", "you're", "we", "our", "everyone", "everybody", "people", "nobody",
		"anyone", "always", "never", "nothing", "everything", "every")
	fillerPhrases = []string{"you know", "i mean", "kind of", "sort of", "um", "uh", "like,", "you see"}
)

func set(ws ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// parts computes the cue scores of a quote's words.
//   - Claim: share of claim words, saturating at 2 (a clear assertion).
//   - Contrast: 1 when a contrast word appears after the first word (a
//     line that turns: "not X but Y").
//   - Stance: 1 for a first-person view phrase.
//   - Brevity: 1 for 10–22 words, falling linearly to 0 at 6 and 40.
//   - General: words that speak to everyone ("you", "we", "people",
//     "never", "everything"), saturating at 2.
//   - Filler: fillers and stutters (a word, or a phrase of two or three
//     words, repeated right after itself) per word, times 5, capped at 1.
func parts(ws []string) partScores {
	var p partScores
	n := len(ws)
	if n == 0 {
		return p
	}
	low := make([]string, n)
	for i, w := range ws {
		low[i] = lexical.Fold(w)
	}
	joined := " " + strings.Join(low, " ") + " "
	rawJoined := " " + strings.ToLower(strings.Join(ws, " ")) + " "
	claims := 0
	for i, w := range low {
		if claimWords[w] {
			claims++
		}
		if i > 0 && contrastWords[w] {
			p.Contrast = 1
		}
	}
	p.Claim = min(1, float64(claims)/2)
	for _, s := range stancePhrases {
		if strings.Contains(joined, " "+s+" ") {
			p.Stance = 1
			break
		}
	}
	general := 0
	for _, w := range low {
		if generalWords[w] {
			general++
		}
	}
	p.General = min(1, float64(general)/2)
	switch {
	case n >= 10 && n <= 22:
		p.Brevity = 1
	case n < 10:
		p.Brevity = max(0, float64(n-6)/4)
	default:
		p.Brevity = max(0, float64(40-n)/18)
	}
	fill := 0
	for _, f := range fillerPhrases {
		fill += strings.Count(rawJoined, " "+f+" ")
		if strings.HasSuffix(f, ",") {
			continue
		}
		fill += strings.Count(rawJoined, " "+f+", ") + strings.Count(rawJoined, " "+f+". ")
	}
	for i := 1; i < n; i++ {
		for k := 1; k <= 3; k++ {
			if said2(low, i+1-2*k, k) {
				fill++ // a stutter ("I, I") or a restarted phrase ("you would see you would see")
			}
		}
	}
	p.Filler = min(1, 5*float64(fill)/float64(n))
	return p
}
