package entities

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/evaluation"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
	"github.com/shownotes/shownotes/stages/lexical"
	"github.com/shownotes/shownotes/stages/transcript"
)

func TestWordShapes(t *testing.T) {
	tests := []struct {
		fn   string
		f    func(string) bool
		in   string
		want bool
	}{
		{"isDomain", isDomain, "ThinkPragati.com", true},
		{"isDomain", isDomain, "indiancut.substack.com", true},
		{"isDomain", isDomain, "fast.ai", true},
		{"isDomain", isDomain, "Jha.", false},
		{"isDomain", isDomain, "e.g", false},
		{"isAcronym", isAcronym, "BJP", true},
		{"isAcronym", isAcronym, "BJP2", true},
		{"isAcronym", isAcronym, "I", false},
		{"isAcronym", isAcronym, "Modi", false},
		{"isCamel", isCamel, "YouTube", true},
		{"isCamel", isCamel, "Kaggle", false},
		{"isCapTok", isCapTok, "iPhone", true},
		{"isCapTok", isCapTok, "neural", false},
		{"ordinary", ordinary, "Yeah", true},
		{"ordinary", ordinary, "I'd", true},
		{"ordinary", ordinary, "Tuesday", true},
		{"ordinary", ordinary, "TV", true},
		{"ordinary", ordinary, "US", false},
		{"ordinary", ordinary, "Kaggle", false},
		{"brandLike", brandLike, "Spotify", true},
		{"brandLike", brandLike, "Italy", false},
		{"demonym", demonym, "Indian", true},
	}
	for _, tt := range tests {
		if got := tt.f(tt.in); got != tt.want {
			t.Errorf("%s(%q) = %v, want %v", tt.fn, tt.in, got, tt.want)
		}
	}
}

func TestNorm(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Modi's", "modi"},
		{"The Story of Art", "story of art"},
		{"fast.ai", "fast ai"},
		{"Fast AI", "fast ai"},
		{"Modi\u2019s", "modi"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := norm(tt.in); got != tt.want {
			t.Errorf("norm(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{{"indiancut", "indiauncut", 1}, {"", "abc", 3}, {"kitten", "sitting", 3}, {"same", "same", 0}}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestShowName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The Seen and the Unseen, Episode 45: The BJP's Magic Formula", "The Seen and the Unseen"},
		{"Lex Fridman Podcast #12 - Guest", "Lex Fridman Podcast"},
		{"Jeremy Howard", "Jeremy Howard"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := showName(tt.in); got != tt.want {
			t.Errorf("showName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFindJunkAndTypes(t *testing.T) {
	tr := build(true,
		"Alex Wang: Hi, I'm Alex, CEO and founder of Scale. I'm here with Jeremy Howard, who's the cofounder of Fast AI.",
		"Jeremy Howard: Yeah. I'd say I worked at Kaggle for years. Well, then we moved to Melbourne and on Monday I read the book Deep Learning for Coders.",
		"Alex Wang: Jeremy, you also wrote about Enlitic. The Patriot Act is old. Howard said so.",
	)
	es, err := Find(tr, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := names(es)
	for _, junk := range []string{"Yeah", "I'd", "Well", "Monday", "Hi", "I'm", "CEO"} {
		for _, g := range got {
			if strings.HasPrefix(g, junk+"/") {
				t.Errorf("Find listed junk %q: %v", junk, got)
			}
		}
	}
	want := map[string]string{"Jeremy Howard": pipeline.Person, "Scale": pipeline.Org, "Fast AI": pipeline.Org,
		"Melbourne": pipeline.Place, "Patriot Act": pipeline.Work, "Alex Wang": pipeline.Person}
	for n, typ := range want {
		e := find(es, n)
		if e == nil {
			t.Errorf("Find did not list %q: %v", n, got)
			continue
		}
		if e.Type != typ {
			t.Errorf("Find: %q type = %s, want %s", n, e.Type, typ)
		}
	}
	jh := find(es, "Jeremy Howard")
	if jh != nil {
		if jh.Mentions != 3 || !reflect.DeepEqual(jh.Aliases, []string{"Jeremy", "Howard"}) {
			t.Errorf("Jeremy Howard: mentions %d aliases %v, want 3 [Jeremy Howard]", jh.Mentions, jh.Aliases)
		}
		if jh.FirstMention == nil || *jh.FirstMention != float64(jh.FirstWord) {
			t.Errorf("Jeremy Howard: first mention %v at word %d, want the word's start", jh.FirstMention, jh.FirstWord)
		}
	}
}

func TestFindGlossary(t *testing.T) {
	tr := build(false,
		"Host: He was the CEO of Analytic, a startup. Analytic methods are different. Later Lyduck grew. We met at NeuRIPs.",
	)
	gl := pipeline.Glossary{Entries: []pipeline.GlossaryEntry{
		{Name: "Enlitic", Match: []string{"Analytic", "Lyduck"}, Type: pipeline.Org, Link: "https://enlitic.com"},
		{Name: "NeurIPS", Match: []string{"NeuRIPs"}, Ignore: true},
	}}
	es, err := Find(tr, Options{Glossary: gl})
	if err != nil {
		t.Fatal(err)
	}
	e := find(es, "Enlitic")
	if e == nil {
		t.Fatalf("Find with glossary: no Enlitic in %v", names(es))
	}
	if e.Type != pipeline.Org || e.Link != "https://enlitic.com" || e.Mentions != 2 {
		t.Errorf("Enlitic = %+v, want ORG, link, 2 mentions (not the sentence-initial adjective)", *e)
	}
	if !reflect.DeepEqual(e.Aliases, []string{"Analytic", "Lyduck"}) {
		t.Errorf("Enlitic aliases = %v, want [Analytic Lyduck]", e.Aliases)
	}
	for _, n := range names(es) {
		if strings.HasPrefix(n, "NeuRIPs") || strings.HasPrefix(n, "NeurIPS") || strings.HasPrefix(n, "Analytic") {
			t.Errorf("Find listed %s, which the glossary corrects or ignores", n)
		}
	}
}

func TestFindEdgeCases(t *testing.T) {
	if _, err := Find(nil, Options{}); err == nil {
		t.Error("Find(nil) = nil error, want ErrNilTranscript")
	}
	es, err := Find(&pipeline.Transcript{}, Options{})
	if err != nil || len(es.Entities) != 0 {
		t.Errorf("Find(empty) = %v, %v, want no entities", es, err)
	}
	// bad spans must not panic
	tr := build(false, "A: Hello Paris.")
	tr.Sentences = append(tr.Sentences, pipeline.Span{First: 5, End: 99})
	if _, err := Find(tr, Options{}); err != nil {
		t.Error(err)
	}
}

// belowTarget lists the transcripts where the entities do not reach the
// editor-grade bar yet (the six Lenny's Podcast interviews, added after the
// rules were written): for them the test holds the figures measured when
// they were added, less 0.05, so that no change makes them worse unseen.
// Each entry is {recall, precision, type accuracy}. Raise these as the
// rules improve; remove an entry when it reaches the bar. Empty since every
// corpus transcript reached it; a gold list added later that falls short
// starts here.
var belowTarget = map[string][3]float64{}

// TestCorpusTargets asserts the editor-grade bar (each figure >= 0.85) on
// every gold'd transcript, and the regression floors of belowTarget where
// the bar is not reached yet.
func TestCorpusTargets(t *testing.T) {
	dir := testcorpus.Need(t)
	rows, err := evaluation.EvalEntities(dir, parseFile, findList)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatal("EvalEntities found no gold lists")
	}
	for _, r := range rows {
		s := r.Scores
		t.Logf("%s: recall %.3f precision %.3f type_acc %.3f missed %v junk %v dups %v", r.Name, s.Recall, s.Precision, s.TypeAcc, s.Missed, s.Junk, s.Duplicates)
		want := [3]float64{0.85, 0.85, 0.85}
		if f, ok := belowTarget[r.Name]; ok {
			want = f
			t.Logf("%s: below the 0.85 target; holding the regression floor %v", r.Name, f)
		}
		if s.Recall < want[0] || s.Precision < want[1] || s.TypeAcc < want[2] {
			t.Errorf("%s: recall %.3f precision %.3f type_acc %.3f, want at least %v", r.Name, s.Recall, s.Precision, s.TypeAcc, want)
		}
	}
}

// TestSeedNoJunk checks the user's transcript for the junk raw prose lists.
func TestSeedNoJunk(t *testing.T) {
	tr, err := transcript.ParseFile(filepath.Join("..", "..", "testdata", "seed.txt"), transcript.Options{})
	if err != nil {
		t.Fatal(err)
	}
	es, err := Find(tr, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es.Entities {
		for _, s := range append([]string{e.Name}, e.Aliases...) {
			if ordinary(s) || strings.Contains(s, "'") && !strings.HasSuffix(s, "'s") || strings.Contains(s, "\n") {
				t.Errorf("seed: junk entity %q (%s)", s, e.Type)
			}
		}
	}
	for _, want := range []string{"Jeremy Howard", "Kaggle", "Fast AI"} {
		if find(es, want) == nil {
			t.Errorf("seed: %q not found in %v", want, names(es))
		}
	}
}

func TestSampleTimed(t *testing.T) {
	dir := testcorpus.Sample()
	tr := testcorpus.MustEpisode(t, dir, testcorpus.EpisodeOptions{Timed: true, BlankLines: true}).Transcript
	es, err := Find(tr, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(es.Entities) == 0 {
		t.Fatal("sample: no entities")
	}
	for _, e := range es.Entities {
		if e.FirstMention == nil || *e.FirstMention != tr.Words[e.FirstWord].Start {
			t.Errorf("sample: %s first mention %v, want word %d's start %v", e.Name, e.FirstMention, e.FirstWord, tr.Words[e.FirstWord].Start)
		}
	}
}

func BenchmarkFindSeed(b *testing.B) {
	tr, err := transcript.ParseFile(filepath.Join("..", "..", "testdata", "seed.txt"), transcript.Options{})
	if err != nil {
		b.Fatal(err)
	}
	lexical.ProseModel()
	b.ResetTimer()
	for range b.N {
		if _, err := Find(tr, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, p := range []string{filepath.Join("..", "..", "testdata", "seed.txt"), filepath.Join("..", "..", "testdata", "sample", "transcript.txt")} {
		if b, err := os.ReadFile(p); err == nil {
			if len(b) > 4000 {
				b = b[:4000]
			}
			f.Add(string(b))
		}
	}
	f.Add("A: Dr. Who met Mr. at fast.ai in the U.S.A.. The 'Quote' of \u201cX\u201d.")
	f.Fuzz(func(t *testing.T, s string) {
		tr, err := transcript.Parse(strings.NewReader(s), transcript.Options{})
		if err != nil {
			return
		}
		es, err := Find(tr, Options{Glossary: pipeline.Glossary{Entries: []pipeline.GlossaryEntry{{Name: "X", Match: []string{"Who", "a b"}}}}})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es.Entities {
			if e.Name == "" || e.Mentions < 1 || e.FirstWord < 0 || e.FirstWord >= len(tr.Words) {
				t.Errorf("bad entity %+v", e)
			}
		}
	})
}
