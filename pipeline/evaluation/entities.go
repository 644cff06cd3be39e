// Entity scoring: the figures of the corpus' tools/score_entities.py.

package evaluation

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/shownotes/shownotes/pipeline"
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

// FoundEntity is what the scorer reads of an entity the tool listed (the
// name, type and aliases fields of entities.json).
type FoundEntity struct {
	Name    string   `json:"name"`
	Type    string   `json:"type"`
	Aliases []string `json:"aliases"`
}

// FoundEntities reads a found entity list as score_entities.py reads
// entities.json: v is what the entities stage returns (anything that
// marshals to {"entities": [{"name", "type", "aliases"}, …]}).
func FoundEntities(v any) ([]FoundEntity, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("evaluation: %w", err)
	}
	var list struct {
		Entities []FoundEntity `json:"entities"`
	}
	if err := json.Unmarshal(b, &list); err != nil {
		return nil, fmt.Errorf("evaluation: %w", err)
	}
	return list.Entities, nil
}

// EntityScores are the figures of tools/score_entities.py.
type EntityScores struct {
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

// ScoreEntities compares a found entity list with a gold list exactly as
// tools/score_entities.py does: an entity finds the first required entity
// sharing a normalised name or alias (a second one for the same required
// entity is a duplicate), else counts as correct when it names an optional
// entry, else is junk. Recall is found/required, precision
// correct/listed, type accuracy the share of found entities with the gold
// type.
func ScoreEntities(gold Gold, got []FoundEntity) EntityScores {
	keys := make([]map[string]bool, len(gold.Required))
	for i, g := range gold.Required {
		keys[i] = map[string]bool{normName(g.Name): true}
		for _, a := range g.Aliases {
			keys[i][normName(a)] = true
		}
	}
	opt := map[string]bool{}
	for _, o := range gold.Optional {
		opt[normName(o)] = true
	}
	found := map[int]FoundEntity{}
	correct := 0
	s := EntityScores{Required: len(gold.Required), Listed: len(got), Missed: []string{}, Junk: []string{}, Duplicates: []string{}}
	for _, e := range got {
		names := map[string]bool{normName(e.Name): true}
		for _, a := range e.Aliases {
			names[normName(a)] = true
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
		return g, fmt.Errorf("evaluation: %w", err)
	}
	var wrap struct {
		Entities *Gold `json:"entities"`
	}
	if err := json.Unmarshal(raw, &wrap); err == nil && wrap.Entities != nil {
		return *wrap.Entities, nil
	}
	if err := json.Unmarshal(raw, &g); err != nil {
		return g, fmt.Errorf("evaluation: %s: %w", path, err)
	}
	return g, nil
}

// EntityRow is one line of the corpus's entity evaluation.
type EntityRow struct {
	Name   string // transcript name ("ss45")
	Scores EntityScores
}

// EntityFinder is the entities stage under evaluation: the entity list of
// a parsed transcript (entities.Find with its zero options).
type EntityFinder func(tr *pipeline.Transcript) ([]FoundEntity, error)

// TranscriptParser reads a transcript file (transcript.ParseFile with its
// zero options).
type TranscriptParser func(path string) (*pipeline.Transcript, error)

// EvalEntities scores find on every transcript of the corpus that has a gold
// list (gold/<name>_entities.json with transcripts/<name>.txt), in name
// order, then on transcripts/seed.txt (the user's) with the package's own
// gold list for it.
func EvalEntities(corpusDir string, parse TranscriptParser, find EntityFinder) ([]EntityRow, error) {
	golds, err := filepath.Glob(filepath.Join(corpusDir, "gold", "*_entities.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(golds)
	var rows []EntityRow
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
		r, err := evalGold(name, gold, tp, parse, find)
		if err != nil {
			return nil, err
		}
		rows = append(rows, r)
	}
	// the user's own seed transcript, scored with the package's gold list
	// unless the corpus brings its own
	sp := filepath.Join(corpusDir, "transcripts", "seed.txt")
	if _, err := os.Stat(sp); err == nil && !slices.Contains(golds, filepath.Join(corpusDir, "gold", "seed_entities.json")) {
		gold, err := SeedGold()
		if err != nil {
			return nil, err
		}
		r, err := evalGold("seed", gold, sp, parse, find)
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

// SeedGold is the package's gold list of the user's seed transcript
// (testdata/seed_gold.json; see testdata/seed_gold.md).
func SeedGold() (Gold, error) {
	var gold Gold
	if err := json.Unmarshal(seedGold, &gold); err != nil {
		return gold, fmt.Errorf("evaluation: seed gold: %w", err)
	}
	return gold, nil
}

// EvalEntitiesOn scores find on one transcript against one gold list. The
// row is named after the transcript file.
func EvalEntitiesOn(gold Gold, transcriptPath string, parse TranscriptParser, find EntityFinder) (EntityRow, error) {
	return evalGold(strings.TrimSuffix(filepath.Base(transcriptPath), filepath.Ext(transcriptPath)), gold, transcriptPath, parse, find)
}

func evalGold(name string, gold Gold, transcriptPath string, parse TranscriptParser, find EntityFinder) (EntityRow, error) {
	tr, err := parse(transcriptPath)
	if err != nil {
		return EntityRow{}, fmt.Errorf("evaluation: %s: %w", name, err)
	}
	es, err := find(tr)
	if err != nil {
		return EntityRow{}, fmt.Errorf("evaluation: %s: %w", name, err)
	}
	return EntityRow{Name: name, Scores: ScoreEntities(gold, es)}, nil
}

var (
	possessive = regexp.MustCompile(`'s\b`)
	nonAlnum   = regexp.MustCompile(`[^a-z0-9]+`)
)

// normName is score_entities.py's norm: lower case, curly apostrophes
// straight, no possessive, punctuation as spaces, no leading "the". The
// entities stage's clustering key (entities.norm) is the same function
// today, on purpose a separate copy: the scorer follows the Python
// reference, so a change to how the stage merges names cannot silently
// change how it is measured.
func normName(s string) string {
	s = strings.ReplaceAll(strings.ToLower(s), "\u2019", "'")
	s = possessive.ReplaceAllString(s, "")
	s = strings.TrimSpace(nonAlnum.ReplaceAllString(s, " "))
	return strings.TrimPrefix(s, "the ")
}
