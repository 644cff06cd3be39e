package chapters

import (
	"reflect"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
)

// chaptered builds an untimed transcript from chapters of turns written
// "Speaker: text", one paragraph per turn, and returns the chapters' spans.
func chaptered(chapters [][]string) (*pipeline.Transcript, []pipeline.Span) {
	t := &pipeline.Transcript{}
	var spans []pipeline.Span
	for _, ch := range chapters {
		first := len(t.Words)
		for _, turn := range ch {
			spk, text, _ := strings.Cut(turn, ": ")
			ti := len(t.Turns)
			t.Turns = append(t.Turns, pipeline.Turn{Speaker: spk, Words: pipeline.Span{First: len(t.Words)}, Time: pipeline.NoTime})
			t.Paragraphs = append(t.Paragraphs, pipeline.Span{First: len(t.Words)})
			for _, w := range strings.Fields(text) {
				t.Words = append(t.Words, pipeline.Word{Text: w, Speaker: spk, Turn: ti, Para: ti, Anchor: pipeline.NoTime, Start: pipeline.NoTime, End: pipeline.NoTime})
			}
			t.Turns[ti].Words.End = len(t.Words)
			t.Paragraphs[ti].End = len(t.Words)
		}
		spans = append(spans, pipeline.Span{First: first, End: len(t.Words)})
	}
	return t, spans
}

func TestTitles(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   [][]string
		want []string
	}{
		{
			// prose spells ‘ as ': the words after it must still be tagged
			name: "typographic quotes",
			in: [][]string{
				{"Host: Welcome to the show about gardens.",
					"Guest: We call it the ‘Grand Plan.’ Garden soil needs compost. Garden soil is alive. I love garden soil."},
				{"Host: Tell me about music.",
					"Guest: The violin bow is old. A violin bow needs hair. Every violin bow breaks."},
			},
			want: []string{"Garden soil", "Violin bow"},
		},
		{
			// the noun said most is named by the phrase that contains it
			name: "phrase over lone noun",
			in: [][]string{
				{"Host: Welcome to the show about gardens.",
					"Guest: Garden soil needs compost. Garden soil is alive."},
				{"Host: Tell me about your mornings.",
					"Guest: The kettle is hot. The kettle whistles at dawn. My copper kettle is old. A copper kettle lasts for decades."},
				{"Host: And your evenings?",
					"Guest: The violin bow is old. A violin bow needs hair. Every violin bow breaks."},
			},
			want: []string{"Garden soil", "Copper kettle", "Violin bow"},
		},
		{
			// two nouns are joined only as the chapter joins them ("noise
			// to signal"); with no phrase said twice, the host's question;
			// a direct question that fits comes first (see "direct question")
			name: "said pair, question",
			in: [][]string{
				{"Host: Welcome to the show about gardens.",
					"Guest: Garden soil needs compost. Garden soil is alive."},
				{"Host: Tell me how you tune a radio.",
					"Guest: You go from noise to signal. The noise is loud at first. The signal is weak. Noise hides the signal."},
				{"Host: What about pottery?",
					"Guest: The clay is wet. Clay cracks in the kiln. The glaze melts. Glaze and clay need heat."},
			},
			want: []string{"Garden soil", "Noise to signal", "What about pottery?"},
		},
		{
			// the host's direct question, short enough, names its chapter
			// before any phrase
			name: "direct question",
			in: [][]string{
				{"Host: Welcome to the show about gardens.",
					"Guest: Garden soil needs compost. Garden soil is alive."},
				{"Host: How do you tune a radio?",
					"Guest: You go from noise to signal. The noise is loud at first. The signal is weak. Noise hides the signal."},
			},
			want: []string{"Garden soil", "How do you tune a radio?"},
		},
		{
			// no phrase names the chapter: the host's long question, cut at
			// a clause after a noun
			name: "trimmed question",
			in: [][]string{
				{"Host: Welcome to the show about gardens.",
					"Guest: Garden soil needs compost. Garden soil is alive."},
				{"Host: Is there a recipe that you cook when your friends come over for dinner?",
					"Guest: Yes. I make soup. Sometimes bread. It depends on the season."},
				{"Host: Tell me about music.",
					"Guest: The violin bow is old. A violin bow needs hair. Every violin bow breaks."},
			},
			want: []string{"Garden soil", "Is there a recipe?", "Violin bow"},
		},
		{
			// a chapter that is a sponsor read is named for its sponsor
			name: "sponsor read",
			in: [][]string{
				{"Host: Welcome to the show about gardens.",
					"Guest: Garden soil needs compost. Garden soil is alive. I love garden soil."},
				{"Host: This episode is brought to you by Zentrox. Zentrox stores your photos safely. Zentrox backs them up every night. Try Zentrox today at zentrox.com/show."},
				{"Host: Tell me about music.",
					"Guest: The violin bow is old. A violin bow needs hair. Every violin bow breaks."},
			},
			want: []string{"Garden soil", "Sponsor: Zentrox", "Violin bow"},
		},
		{
			// a name is titled whole with its capitals, or not at all:
			// "Quorn Office" is a piece of "Quorn Office Hours"
			name: "names whole",
			in: [][]string{
				{"Host: Welcome to the show about gardens.",
					"Guest: I studied at the Varnel Business School. The Varnel Business School taught me business. Business matters. I liked the Varnel Business School."},
				{"Host: Tell me about Quorn Office Hours.",
					"Guest: We run Quorn Office Hours weekly. Quorn Office Hours help founders. Founders love Quorn Office Hours. The violin bow is old. A violin bow needs hair."},
			},
			want: []string{"Varnel Business School", "Violin bow"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr, spans := chaptered(tc.in)
			if got := Titles(tr, spans); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Titles(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
