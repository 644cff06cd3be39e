package lexical

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
)

// transcript builds a transcript from "Speaker: words …" turns.
func transcript(turns ...string) *pipeline.Transcript {
	t := &pipeline.Transcript{}
	for ti, l := range turns {
		sp, text, _ := strings.Cut(l, ": ")
		first := len(t.Words)
		for _, w := range strings.Fields(text) {
			t.Words = append(t.Words, pipeline.Word{Text: w, Speaker: sp, Turn: ti})
		}
		t.Turns = append(t.Turns, pipeline.Turn{Speaker: sp, Words: pipeline.Span{First: first, End: len(t.Words)}})
	}
	return t
}

func spans(ss ...[2]int) []pipeline.Span {
	out := make([]pipeline.Span, len(ss))
	for i, s := range ss {
		out[i] = pipeline.Span{First: s[0], End: s[1]}
	}
	return out
}

func TestSentences(t *testing.T) {
	two := transcript("A: Hi there. How are you?", "B: Fine (really!) thanks")
	for _, tc := range []struct {
		name  string
		tr    *pipeline.Transcript
		given []pipeline.Span
		want  []pipeline.Span
	}{
		{"empty", &pipeline.Transcript{}, nil, nil},
		{"punctuation and turns", two, nil, spans([2]int{0, 2}, [2]int{2, 5}, [2]int{5, 7}, [2]int{7, 8})},
		{"tiling sentences kept", two, spans([2]int{0, 4}, [2]int{4, 8}), spans([2]int{0, 4}, [2]int{4, 8})},
		{"gap falls back", two, spans([2]int{0, 2}, [2]int{3, 8}), spans([2]int{0, 2}, [2]int{2, 5}, [2]int{5, 7}, [2]int{7, 8})},
		{"short of the end falls back", two, spans([2]int{0, 5}), spans([2]int{0, 2}, [2]int{2, 5}, [2]int{5, 7}, [2]int{7, 8})},
		{"out of range falls back", two, spans([2]int{0, 9}), spans([2]int{0, 2}, [2]int{2, 5}, [2]int{5, 7}, [2]int{7, 8})},
	} {
		tr := *tc.tr
		tr.Sentences = tc.given
		if got := Sentences(&tr); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: Sentences = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestSentencesSample checks on the committed sample episode that the
// truth's sentences, which tile the words, are kept, and that without them
// the punctuation rule finds as many.
func TestSentencesSample(t *testing.T) {
	tr := testcorpus.MustEpisode(t, testcorpus.Sample(), testcorpus.EpisodeOptions{}).Transcript
	if got := Sentences(tr); !reflect.DeepEqual(got, tr.Sentences) {
		t.Errorf("Sentences(sample) = %v, want the truth's %v", got, tr.Sentences)
	}
	want := len(tr.Sentences)
	tr.Sentences = nil
	if got := len(Sentences(tr)); got != want {
		t.Errorf("Sentences(sample without sentences) has %d sentences, want %d", got, want)
	}
}

func TestSplitAtTurns(t *testing.T) {
	tr := transcript("A: one two", "B: three", "B: four five")
	for _, tc := range []struct {
		in, want []pipeline.Span
	}{
		{nil, nil},
		{spans([2]int{0, 5}), spans([2]int{0, 2}, [2]int{2, 3}, [2]int{3, 5})},
		{spans([2]int{0, 1}, [2]int{1, 4}, [2]int{4, 5}), spans([2]int{0, 1}, [2]int{1, 2}, [2]int{2, 3}, [2]int{3, 4}, [2]int{4, 5})},
	} {
		if got := SplitAtTurns(tr, tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("SplitAtTurns(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestEndsSentence(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"end.", true}, {"why?", true}, {"wow!", true}, {`said."`, true}, {"(this.)", true}, {"’no?’", true},
		{"", false}, {"word", false}, {"comma,", false}, {"Mr", false}, {"…", false},
	} {
		if got := EndsSentence(tc.in); got != tc.want {
			t.Errorf("EndsSentence(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Kaggle's,", "kaggle's"}, {"(2014)", "2014"}, {`"Hello!"`, "hello"}, {"--", ""}, {"", ""}, {"Ünïcode.", "unicode"}, {"Alströmer", "alstromer"}, {"ß", "ß"},
	} {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSet(t *testing.T) {
	if got, want := Set(" a  b\n\tc a "), map[string]bool{"a": true, "b": true, "c": true}; !reflect.DeepEqual(got, want) {
		t.Errorf("Set = %v, want %v", got, want)
	}
	if got := Set(""); len(got) != 0 {
		t.Errorf(`Set("") = %v, want empty`, got)
	}
}

func TestCosine(t *testing.T) {
	for _, tc := range []struct {
		a, b map[string]float64
		want float64
	}{
		{map[string]float64{"x": 1}, map[string]float64{"x": 2}, 1},
		{map[string]float64{"x": 1}, map[string]float64{"y": 1}, 0},
		{map[string]float64{"x": 1, "y": 1}, map[string]float64{"x": 1}, 1 / math.Sqrt2},
		{nil, map[string]float64{"x": 1}, 0},
		{map[string]float64{"x": 0}, map[string]float64{"x": 1}, 0},
	} {
		if got := Cosine(tc.a, tc.b); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("Cosine(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
	if got := Cosine(map[int]float64{1: 3}, map[int]float64{1: 4}); got != 1 {
		t.Errorf("Cosine(int keys) = %v, want 1", got)
	}
}

// FuzzSentences checks that the spans tile the words whatever the given
// sentences, and that SplitAtTurns keeps the tiling.
func FuzzSentences(f *testing.F) {
	f.Add("A: Hi there. How are you?\nB: Fine thanks", 0, 4)
	f.Add("A: one\nA: two! three", 1, 9)
	f.Add("", -1, 2)
	f.Fuzz(func(t *testing.T, text string, first, end int) {
		tr := transcript(strings.Split(text, "\n")...)
		tr.Sentences = []pipeline.Span{{First: first, End: end}}
		for _, got := range [][]pipeline.Span{Sentences(tr), SplitAtTurns(tr, Sentences(tr))} {
			next := 0
			for _, s := range got {
				if s.First != next || s.End <= s.First {
					t.Fatalf("spans %v do not tile %d words", got, len(tr.Words))
				}
				next = s.End
			}
			if next != len(tr.Words) {
				t.Fatalf("spans %v end at %d, want %d", got, next, len(tr.Words))
			}
		}
	})
}

func ExampleSentences() {
	tr := transcript("Ann: Welcome! What do you paint?", "Bob: Windmills, mostly")
	for _, s := range Sentences(tr) {
		fmt.Println(tr.Text(s))
	}
	// Output:
	// Welcome!
	// What do you paint?
	// Windmills, mostly
}

func TestHesitation(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{{"Um,", true}, {"uh", true}, {"hmm.", true}, {"umbrella", false}, {"I", false}, {"", false}}
	for _, tc := range tests {
		if got := Hesitation(tc.in); got != tc.want {
			t.Errorf("Hesitation(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestPointsBack(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"The other booths, they told the committees to enroll members.", true},
		{"The first was a narrative around the new tax.", true},
		{"The booths, they told the committees to enroll members.", true},
		{"Strategy is always about dealing with a challenge.", false},
		{"Most plans fail because nobody reads them, and they rot.", false},
		{"Some people think that there is, but actually the interest is elsewhere.", true},
		{"Most people say it does.", true},
		{"There is no such thing as a long feedback loop.", false},
		{"Prior to that, Ann was at a bank for four years.", true},
		{"On top of that, the rent doubled.", true},
		{"After that summer nothing was the same again.", false},
		{"The question is, who pays for the roads?", false},
		{"Such plans never work.", true},
	} {
		tr := &pipeline.Transcript{}
		for _, w := range strings.Fields(tc.text) {
			tr.Words = append(tr.Words, pipeline.Word{Text: w})
		}
		if got := PointsBack(tr, pipeline.Span{First: 0, End: len(tr.Words)}); got != tc.want {
			t.Errorf("PointsBack(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestPleasantry(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"Thank you for having me.", true},
		{"I'm both excited and terrified to be here.", true},
		{"Thanks so much, Lenny.", true},
		{"It’s my pleasure.", true},
		{"Elections are won long before the campaign starts.", false},
		{"We were here for the long haul.", false},
		{"We want to be here for the long haul, whatever the market does to our prices next year.", false},
		{"Honestly, it's so great to see you.", true},
		{"I'm excited to be talking to you.", true},
		{"I appreciate all you're doing for the community and for helping us as a community make better software.", true},
		{"Thanks to that one decision, we grew ten times in a year.", false},
		{"I'd love to see you try building the thing yourself before you hire anyone at all.", false},
	} {
		if got := Pleasantry(tt.in); got != tt.want {
			t.Errorf("Pleasantry(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
