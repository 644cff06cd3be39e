package entities

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/transcript"
)

// Gold is a hand-made entity list (the corpus' gold/<name>_entities.json).
type Gold struct {
	Transcript   string       `json:"transcript"`
	Required     []GoldEntity `json:"required"`
	Optional     []string     `json:"optional"`
	JunkExamples []string     `json:"junk_examples"`
}

// GoldEntity is one required entity of a gold list.
type GoldEntity struct {
	Name    string   `json:"name"`
	Type    string   `json:"type"`
	Aliases []string `json:"aliases"`
}

// Scores are the figures of tools/score_entities.py.
type Scores struct {
	Required   int      `json:"required"`
	Found      int      `json:"found"`
	Listed     int      `json:"listed"`
	Recall     float64  `json:"recall"`
	Precision  float64  `json:"precision"`
	TypeAcc    float64  `json:"type_acc"`
	Missed     []string `json:"missed"`
	Junk       []string `json:"junk"`
	Duplicates []string `json:"duplicates"`
}

// scoreTypes maps the type names the scorer accepts to the gold's.
var scoreTypes = map[string]string{"GPE": "PLACE", "LOC": "PLACE", "LOCATION": "PLACE", "PLACE": "PLACE",
	"ORGANIZATION": "ORG", "ORG": "ORG", "PERSON": "PERSON", "PER": "PERSON",
	"WORK": "WORK", "WORK_OF_ART": "WORK", "PRODUCT": "WORK", "OTHER": "OTHER", "MISC": "OTHER"}

// Score compares a found entity list with a gold list exactly as
// tools/score_entities.py does: an entity finds the first required entity
// sharing a normalised name or alias (a second one for the same required
// entity is a duplicate), else counts as correct when it names an optional
// entry, else is junk. Recall is found/required, precision
// correct/listed, type accuracy the share of found entities with the gold
// type.
func Score(gold Gold, got []pipeline.Entity) Scores {
	keys := make([]map[string]bool, len(gold.Required))
	for i, g := range gold.Required {
		keys[i] = map[string]bool{norm(g.Name): true}
		for _, a := range g.Aliases {
			keys[i][norm(a)] = true
		}
	}
	opt := map[string]bool{}
	for _, o := range gold.Optional {
		opt[norm(o)] = true
	}
	found := map[int]pipeline.Entity{}
	correct := 0
	s := Scores{Required: len(gold.Required), Listed: len(got), Missed: []string{}, Junk: []string{}, Duplicates: []string{}}
	for _, e := range got {
		names := map[string]bool{norm(e.Name): true}
		for _, a := range e.Aliases {
			names[norm(a)] = true
		}
		delete(names, "")
		hit := -1
		for i, k := range keys {
			for n := range names {
				if k[n] {
					hit = i
					break
				}
			}
			if hit >= 0 {
				break
			}
		}
		switch {
		case hit >= 0:
			if _, dup := found[hit]; dup {
				s.Duplicates = append(s.Duplicates, e.Name)
			} else {
				found[hit] = e
				correct++
			}
		case anyIn(names, opt):
			correct++
		default:
			s.Junk = append(s.Junk, e.Name)
		}
	}
	typed := 0
	for i, e := range found {
		if scoreTypes[strings.ToUpper(e.Type)] == gold.Required[i].Type {
			typed++
		}
	}
	s.Found = len(found)
	s.Recall = float64(len(found)) / float64(max(1, len(gold.Required)))
	s.Precision = float64(correct) / float64(max(1, len(got)))
	s.TypeAcc = float64(typed) / float64(max(1, len(found)))
	for i, g := range gold.Required {
		if _, ok := found[i]; !ok {
			s.Missed = append(s.Missed, g.Name)
		}
	}
	return s
}

func anyIn(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

// LoadGold reads a gold entity list (also one nested under "entities").
func LoadGold(path string) (Gold, error) {
	var g Gold
	raw, err := os.ReadFile(path)
	if err != nil {
		return g, fmt.Errorf("entities: %w", err)
	}
	var wrap struct {
		Entities *Gold `json:"entities"`
	}
	if err := json.Unmarshal(raw, &wrap); err == nil && wrap.Entities != nil {
		return *wrap.Entities, nil
	}
	if err := json.Unmarshal(raw, &g); err != nil {
		return g, fmt.Errorf("entities: %s: %w", path, err)
	}
	return g, nil
}

// Row is one line of the corpus evaluation.
type Row struct {
	Name   string // transcript name ("ss45")
	Scores Scores
}

// EvalCorpus scores Find on every transcript of the corpus that has a gold
// list (gold/<name>_entities.json with transcripts/<name>.txt), in name
// order, then on transcripts/seed.txt (the user's) with the package's own
// gold list for it.
func EvalCorpus(corpusDir string) ([]Row, error) {
	golds, err := filepath.Glob(filepath.Join(corpusDir, "gold", "*_entities.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(golds)
	var rows []Row
	for _, gp := range golds {
		name := strings.TrimSuffix(filepath.Base(gp), "_entities.json")
		gold, err := LoadGold(gp)
		if err != nil {
			return nil, err
		}
		tp := filepath.Join(corpusDir, "transcripts", name+".txt")
		if gold.Transcript != "" {
			tp = filepath.Join(corpusDir, filepath.FromSlash(gold.Transcript))
		}
		r, err := evalGold(name, gold, tp)
		if err != nil {
			return nil, err
		}
		rows = append(rows, r)
	}
	// the user's own seed transcript, scored with the package's gold list
	// unless the corpus brings its own
	sp := filepath.Join(corpusDir, "transcripts", "seed.txt")
	if _, err := os.Stat(sp); err == nil && !slices.Contains(golds, filepath.Join(corpusDir, "gold", "seed_entities.json")) {
		var gold Gold
		if err := json.Unmarshal(seedGold, &gold); err != nil {
			return nil, fmt.Errorf("entities: seed gold: %w", err)
		}
		r, err := evalGold("seed", gold, sp)
		if err != nil {
			return nil, err
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// seedGold is the hand-made gold list of the user's seed transcript
// (testdata/seed_gold.json; see testdata/seed_gold.md).
//
//go:embed testdata/seed_gold.json
var seedGold []byte

// EvalSeed scores Find on one transcript against one gold list, for
// example testdata/seed_gold.json and the user's testdata/seed.txt. The
// row is named after the transcript file.
func EvalSeed(goldPath, transcriptPath string) (Row, error) {
	gold, err := LoadGold(goldPath)
	if err != nil {
		return Row{}, err
	}
	return evalGold(strings.TrimSuffix(filepath.Base(transcriptPath), filepath.Ext(transcriptPath)), gold, transcriptPath)
}

func evalGold(name string, gold Gold, transcriptPath string) (Row, error) {
	tr, err := transcript.ParseFile(transcriptPath, transcript.Options{})
	if err != nil {
		return Row{}, fmt.Errorf("entities: %s: %w", name, err)
	}
	es, err := Find(tr, Options{})
	if err != nil {
		return Row{}, fmt.Errorf("entities: %s: %w", name, err)
	}
	return Row{Name: name, Scores: Score(gold, es.Entities)}, nil
}
