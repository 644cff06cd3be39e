package align

import (
	"sort"
	"strings"

	"github.com/shownotes/shownotes/pipeline"
)

// vad is a simple voice-activity decision per frame from log energy: a frame
// is speech when it is well above the recording's noise floor.
type vad struct {
	speech      []bool
	floor, peak float32 // 10th and 95th percentile energy, dB
}

func newVAD(energy []float32) *vad {
	v := &vad{speech: make([]bool, len(energy))}
	if len(energy) == 0 {
		return v
	}
	sorted := append([]float32(nil), energy...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	v.floor = sorted[len(sorted)/10]
	v.peak = sorted[len(sorted)*95/100]
	thr := v.floor + 0.35*(v.peak-v.floor)
	for i, e := range energy {
		v.speech[i] = e > thr
	}
	// Bridge gaps shorter than 80 ms (stops inside words), then drop
	// islands shorter than 30 ms (clicks).
	fill(v.speech, false, 8)
	fill(v.speech, true, 3)
	return v
}

// fill flips runs of value shorter than n frames that lie between runs of
// the other value.
func fill(x []bool, value bool, n int) {
	i := 0
	for i < len(x) {
		if x[i] != value {
			i++
			continue
		}
		j := i
		for j < len(x) && x[j] == value {
			j++
		}
		if j-i < n && i > 0 && j < len(x) {
			for k := i; k < j; k++ {
				x[k] = !value
			}
		}
		i = j
	}
}

// hasSpeech reports whether the energy varies enough, and often enough, for
// the audio to hold speech.
func (v *vad) hasSpeech() bool {
	if v.peak-v.floor < 10 {
		return false
	}
	n := 0
	for _, s := range v.speech {
		if s {
			n++
		}
	}
	return n > len(v.speech)/50
}

// vadAlign is the fallback without a synthesiser: it spreads the words over
// the frames of speech in proportion to their syllable counts. It is far less
// precise than synthesis and DTW, and says so with a low confidence.
func vadAlign(tr *pipeline.Transcript, v *vad, frameRate float64) {
	var frames []int
	for i, s := range v.speech {
		if s {
			frames = append(frames, i)
		}
	}
	words := tr.Words
	if len(frames) == 0 || len(words) == 0 {
		spreadEvenly(words, 0, float64(len(v.speech))/frameRate)
		return
	}
	total := 0
	syl := make([]int, len(words))
	for k, w := range words {
		syl[k] = syllables(w.Text)
		total += syl[k]
	}
	at := func(cum int) int {
		p := int(float64(cum) / float64(total) * float64(len(frames)))
		if p >= len(frames) {
			p = len(frames) - 1
		}
		return frames[p]
	}
	cum := 0
	for k := range words {
		st := at(cum)
		cum += syl[k]
		en := at(cum) + 1
		if en <= st {
			en = st + 1
		}
		words[k].Start = float64(st) / frameRate
		words[k].End = float64(en) / frameRate
		words[k].Confidence = 0.2
	}
}

// syllables estimates a word's syllables from its vowel groups (at least 1).
func syllables(w string) int {
	w = strings.ToLower(w)
	n, prev := 0, false
	for _, r := range w {
		v := strings.ContainsRune("aeiouy", r)
		if v && !prev {
			n++
		}
		prev = v
	}
	if strings.HasSuffix(w, "e") && n > 1 {
		n--
	}
	if n == 0 {
		n = 1
		for _, r := range w {
			if r >= '0' && r <= '9' {
				n++ // numbers are read as several syllables
			}
		}
	}
	return n
}
