package chapters

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
	"github.com/shownotes/shownotes/stages/transcript"
)

// seedUntimed parses the user's seed transcript, without audio.
func seedUntimed(t *testing.T) *pipeline.Alignment {
	t.Helper()
	tr, err := transcript.ParseFile(filepath.Join(testcorpus.Root(), "testdata", "seed.txt"), transcript.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return &pipeline.Alignment{Transcript: tr, Method: "none"}
}

func TestGolden(t *testing.T) {
	sample := testcorpus.MustEpisode(t, testcorpus.Sample(), testcorpus.EpisodeOptions{Timed: true})
	for _, tc := range []struct {
		name string
		al   *pipeline.Alignment
		lo   int
		hi   int
	}{
		{"sample", sample, 1, 1},
		{"seed-untimed", seedUntimed(t), 5, 12},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Find(context.Background(), tc.al, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkChapters(t, tc.name, tc.al, got.Chapters, tc.lo, tc.hi)
			j, err := JSON(got)
			if err != nil {
				t.Fatal(err)
			}
			testcorpus.Golden(t, tc.name+".chapters.json", j)
		})
	}
}

func TestCount(t *testing.T) {
	for _, tc := range []struct {
		seconds float64
		want    int
	}{
		{0, 1}, {-5, 1}, {40, 1}, {179, 1}, {300, 2}, {540, 4}, {600, 5}, {17 * 60, 7},
		{20 * 60, 8}, {27 * 60, 11}, {32 * 60, 12}, {35 * 60, 12}, {60 * 60, 12}, {3 * 3600, 12}, {pipeline.NoTime, 1},
	} {
		if got := Count(tc.seconds); got != tc.want {
			t.Errorf("Count(%v) = %d, want %d", tc.seconds, got, tc.want)
		}
	}
}

func TestJSON(t *testing.T) {
	for _, tc := range []struct {
		in   *Chapters
		want string
	}{
		{nil, `{"version":"1.2.0","chapters":[]}`},
		{&Chapters{Chapters: []Chapter{{Start: 0, Title: "Intro"}, {Start: 61.23456, Title: `A "b" & <c>`}}},
			`{"version":"1.2.0","chapters":[{"startTime":0,"title":"Intro"},{"startTime":61.235,"title":"A \"b\" \u0026 \u003cc\u003e"}]}`},
		{&Chapters{Chapters: []Chapter{{Start: pipeline.NoTime, Title: "Untimed"}}},
			`{"version":"1.2.0","chapters":[]}`},
		{&Chapters{Timed: true, Approximate: true, Chapters: []Chapter{{Start: 0, Title: "Intro"}, {Start: 95.5, Title: "Two"}}},
			`{"version":"1.2.0","approximate":true,"chapters":[{"startTime":0,"title":"Intro"},{"startTime":95.5,"title":"Two"}]}`},
	} {
		b, err := JSON(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(strings.Fields(string(b)), "")
		if got != strings.ReplaceAll(tc.want, " ", "") {
			t.Errorf("JSON(%v) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// synthetic builds a timed transcript of two speakers: each topic is a host
// question followed by a guest answer that repeats the topic's vocabulary.
func synthetic(topics [][]string, perTopic int) *pipeline.Alignment {
	t := &pipeline.Transcript{}
	now := 0.0
	add := func(speaker string, words []string) {
		turn := len(t.Turns)
		first := len(t.Words)
		t.Turns = append(t.Turns, pipeline.Turn{Speaker: speaker, Words: pipeline.Span{First: first}, Time: pipeline.NoTime})
		s := first
		for i, w := range words {
			t.Words = append(t.Words, pipeline.Word{Text: w, Speaker: speaker, Turn: turn, Start: now, End: now + 0.3, Anchor: pipeline.NoTime, Confidence: 1})
			now += 0.4
			if strings.HasSuffix(w, ".") || strings.HasSuffix(w, "?") || i == len(words)-1 {
				t.Sentences = append(t.Sentences, pipeline.Span{First: s, End: len(t.Words)})
				s = len(t.Words)
			}
		}
		t.Turns[turn].Words.End = len(t.Words)
		now += 1
	}
	for _, topic := range topics {
		add("Host", []string{"What", "about", "the", topic[0] + "?"})
		var ws []string
		for i := 0; len(ws) < perTopic; i++ {
			ws = append(ws, "The", topic[i%len(topic)], "matters", "for", "every", topic[(i+1)%len(topic)]+".")
		}
		add("Guest", ws)
	}
	return &pipeline.Alignment{Transcript: t, Timed: true, Duration: now}
}

func TestFindTopics(t *testing.T) {
	topics := [][]string{
		{"volcano", "lava", "magma", "eruption"},
		{"violin", "orchestra", "concerto", "bow"},
		{"tomato", "garden", "compost", "seedling"},
		{"satellite", "orbit", "rocket", "launch"},
		{"bread", "flour", "yeast", "oven"},
	}
	al := synthetic(topics, 450) // 5 topics of about 3 minutes
	got, err := Find(context.Background(), al, Options{Count: len(topics)})
	if err != nil {
		t.Fatal(err)
	}
	checkChapters(t, "synthetic", al, got.Chapters, 5, 5)
	for i, c := range got.Chapters {
		w := al.Transcript.Words[c.Words.First]
		if i > 0 && (w.Speaker != "Host" || w.Text != "What") {
			t.Errorf("chapter %d starts at %q by %s, want the host's question", i, w.Text, w.Speaker)
		}
		if !strings.Contains(strings.ToLower(c.Title), topics[i][0]) && !strings.Contains(strings.ToLower(c.Title), topics[i][1]) &&
			!strings.Contains(strings.ToLower(c.Title), topics[i][2]) && !strings.Contains(strings.ToLower(c.Title), topics[i][3]) {
			t.Errorf("chapter %d title %q has none of its topic's words %v", i, c.Title, topics[i])
		}
	}
}

func TestFindEdgeCases(t *testing.T) {
	for _, tc := range []struct {
		name string
		al   *pipeline.Alignment
		want int
	}{
		{"nil", nil, 0},
		{"no transcript", &pipeline.Alignment{}, 0},
		{"one word", &pipeline.Alignment{Transcript: &pipeline.Transcript{Words: []pipeline.Word{{Text: "Hi", Start: pipeline.NoTime, End: pipeline.NoTime}}}}, 1},
		{"timed without times", &pipeline.Alignment{Timed: true, Transcript: &pipeline.Transcript{Words: []pipeline.Word{{Text: "Hi.", Start: pipeline.NoTime, End: pipeline.NoTime}, {Text: "Bye.", Start: pipeline.NoTime, End: pipeline.NoTime}}}}, 1},
	} {
		got, err := Find(context.Background(), tc.al, Options{})
		if err != nil {
			t.Fatalf("Find(%s) error %v", tc.name, err)
		}
		if len(got.Chapters) != tc.want {
			t.Errorf("Find(%s) = %d chapters, want %d", tc.name, len(got.Chapters), tc.want)
		}
	}
}

func TestFindCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Find(ctx, synthetic([][]string{{"a1", "b1"}, {"c1", "d1"}}, 400), Options{}); err == nil {
		t.Error("Find(canceled) = nil error, want context.Canceled")
	}
}

// FuzzFind feeds arbitrary text as a transcript: Find must not panic and
// must keep the chapter rules.
func FuzzFind(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join(testcorpus.Sample(), "transcript.txt")); err == nil {
		f.Add(string(b), true)
	}
	f.Add("Hello? <b>&amp;</b> [music] ...", false)
	f.Fuzz(func(t *testing.T, text string, timed bool) {
		tr := &pipeline.Transcript{}
		for i, w := range strings.Fields(text) {
			sp := fmt.Sprint("S", i/50%2)
			if len(tr.Turns) == 0 || tr.Turns[len(tr.Turns)-1].Speaker != sp {
				tr.Turns = append(tr.Turns, pipeline.Turn{Speaker: sp, Words: pipeline.Span{First: i}})
			}
			tr.Turns[len(tr.Turns)-1].Words.End = i + 1
			st := pipeline.NoTime
			if timed {
				st = float64(i) * 0.5
			}
			tr.Words = append(tr.Words, pipeline.Word{Text: w, Speaker: sp, Turn: len(tr.Turns) - 1, Start: st, End: st + 0.4})
		}
		al := &pipeline.Alignment{Transcript: tr, Timed: timed}
		got, err := Find(context.Background(), al, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(tr.Words) > 0 {
			checkChapters(t, "fuzz", al, got.Chapters, 1, 12)
		}
	})
}

func BenchmarkFindSeed(b *testing.B) {
	dir := testcorpus.NeedRendered(b, "seed")
	al := testcorpus.MustEpisode(b, dir, testcorpus.EpisodeOptions{Timed: true})
	for b.Loop() {
		if _, err := Find(context.Background(), al, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTimesWithoutAudio: a transcript that carries its own stamps gives
// approximate chapter times without audio; one without stamps gives none,
// and its chapters.json lists no chapter rather than a null startTime.
func TestTimesWithoutAudio(t *testing.T) {
	var rev, plain strings.Builder
	topics := []string{"gardening tomatoes soil compost", "sailing boats wind harbour", "chess openings gambit endgame", "baking bread yeast flour"}
	sec := 0
	for k, topic := range topics {
		for r := range 8 {
			spk := "Guest"
			if r == 0 {
				spk = "Host"
			}
			line := fmt.Sprintf("Let me say more about %s, because %s matters to me. Then %s again.", topic, topic, topic)
			if r == 0 {
				line = fmt.Sprintf("What about %s?", topic)
			}
			fmt.Fprintf(&rev, "%s (%02d:%02d:%02d):\n%s\n\n", spk, sec/3600, sec/60%60, sec%60, line)
			fmt.Fprintf(&plain, "%s\n\n%s\n\n", spk, line)
			sec += 10 + k
		}
	}
	for _, tc := range []struct {
		name, in string
		timed    bool
	}{{"rev", rev.String(), true}, {"plain", plain.String(), false}} {
		t.Run(tc.name, func(t *testing.T) {
			tr, err := transcript.Parse(strings.NewReader(tc.in), transcript.Options{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := Find(context.Background(), &pipeline.Alignment{Transcript: tr, Method: "none"}, Options{Count: 4})
			if err != nil {
				t.Fatal(err)
			}
			if got.Timed != tc.timed || got.Approximate != tc.timed || len(got.Chapters) == 0 {
				t.Fatalf("Timed %v Approximate %v, %d chapters; want Timed and Approximate %v", got.Timed, got.Approximate, len(got.Chapters), tc.timed)
			}
			for i, c := range got.Chapters {
				if pipeline.Known(c.Start) != tc.timed || (i == 0 && tc.timed && c.Start != 0) || (i > 0 && tc.timed && !(c.Start > got.Chapters[i-1].Start)) {
					t.Errorf("chapter %d %q starts at %v", i, c.Title, c.Start)
				}
			}
			j, err := JSON(got)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(j), "null") || strings.Contains(string(j), `"approximate": true`) != tc.timed {
				t.Errorf("chapters.json:\n%s", j)
			}
		})
	}
}
