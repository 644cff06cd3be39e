package evaluation_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/shownotes/shownotes/pipeline/evaluation"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
	"github.com/shownotes/shownotes/stages/entities"
	"github.com/shownotes/shownotes/stages/transcript"
)

func TestScoreEntities(t *testing.T) {
	gold := evaluation.Gold{
		Required: []evaluation.GoldEntity{{Name: "Narendra Modi", Type: "PERSON", Aliases: []string{"Modi"}}, {Name: "BJP", Type: "ORG"}, {Name: "Bihar", Type: "PLACE"}},
		Optional: []string{"Hindu"},
	}
	got := []evaluation.FoundEntity{
		{Name: "Modi's", Type: "PERSON"}, {Name: "Narendra Modi", Type: "PERSON"}, {Name: "BJP", Type: "ORGANIZATION"},
		{Name: "Hindu", Type: "OTHER"}, {Name: "Yeah", Type: "ORG"},
	}
	s := evaluation.ScoreEntities(gold, got)
	want := evaluation.EntityScores{Required: 3, Found: 2, Listed: 5, Recall: 2.0 / 3, Precision: 3.0 / 5, TypeAcc: 1,
		Missed: []string{"Bihar"}, Junk: []string{"Yeah"}, Duplicates: []string{"Narendra Modi"}}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("ScoreEntities = %+v, want %+v", s, want)
	}
}

// TestScoreEntitiesMatchesPython runs tools/score_entities.py on the same lists.
func TestScoreEntitiesMatchesPython(t *testing.T) {
	dir := testcorpus.Need(t)
	py, err := exec.LookPath("python3")
	if err != nil {
		testcorpus.Missing(t, "python3 not found (apt-get install python3): skipping")
	}
	for _, name := range []string{"ss45", "ss260"} {
		gp := filepath.Join(dir, "gold", name+"_entities.json")
		gold, err := evaluation.LoadGold(gp)
		if err != nil {
			t.Fatal(err)
		}
		es := find(t, filepath.Join(dir, "transcripts", name+".txt"))
		// also a deliberately poor list: every other entity, plus junk and a duplicate
		poor := []evaluation.FoundEntity{{Name: "Yeah", Type: "ORG"}}
		for i, e := range es {
			if i%2 == 0 {
				poor = append(poor, e)
			}
		}
		if len(es) > 0 {
			poor = append(poor, evaluation.FoundEntity{Name: es[0].Name, Type: "PLACE"})
		}
		for i, list := range [][]evaluation.FoundEntity{es, poor} {
			want := pythonEntityScores(t, py, dir, gp, list)
			got := evaluation.ScoreEntities(gold, list)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s list %d: ScoreEntities = %+v, want (python) %+v", name, i, got, want)
			}
		}
	}
}

// TestSeedScoreMatchesPython scores the seed list with
// tools/score_entities.py too.
func TestSeedScoreMatchesPython(t *testing.T) {
	dir := testcorpus.Need(t)
	py, err := exec.LookPath("python3")
	if err != nil {
		testcorpus.Missing(t, "python3 not found (apt-get install python3): skipping")
	}
	gp := filepath.Join("testdata", "seed_gold.json")
	gold, err := evaluation.LoadGold(gp)
	if err != nil {
		t.Fatal(err)
	}
	es := find(t, filepath.Join("..", "..", "testdata", "seed.txt"))
	want := pythonEntityScores(t, py, dir, gp, es)
	if got := evaluation.ScoreEntities(gold, es); !reflect.DeepEqual(got, want) {
		t.Errorf("seed: ScoreEntities = %+v, want (python) %+v", got, want)
	}
}

// find runs the entities stage on a transcript file.
func find(t *testing.T, path string) []evaluation.FoundEntity {
	t.Helper()
	tr, err := transcript.ParseFile(path, transcript.Options{})
	if err != nil {
		t.Fatal(err)
	}
	es, err := entities.Find(tr, entities.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := evaluation.FoundEntities(es)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// pythonEntityScores scores list against the gold file gp with the
// corpus's tools/score_entities.py.
func pythonEntityScores(t *testing.T, py, corpus, gp string, list []evaluation.FoundEntity) evaluation.EntityScores {
	t.Helper()
	f := filepath.Join(t.TempDir(), "entities.json")
	b, _ := json.Marshal(map[string]any{"entities": list})
	if err := os.WriteFile(f, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, filepath.Join(corpus, "tools", "score_entities.py"), gp, f, "--json").Output()
	if err != nil {
		t.Fatalf("score_entities.py: %v", err)
	}
	var s evaluation.EntityScores
	if err := json.Unmarshal(out, &s); err != nil {
		t.Fatal(err)
	}
	return s
}
