package transcript

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
)

// goldenWord and friends are the JSON form of the model in golden files
// (NoTime is null).
// (A word's speaker is its turn's, checked by checkInvariants; a null
// anchor is left out.)
type goldenWord struct {
	Text      string   `json:"text"`
	Turn      int      `json:"turn"`
	Para      int      `json:"para"`
	Anchor    *float64 `json:"anchor,omitempty"`
	Uncertain bool     `json:"uncertain,omitempty"`
}

type goldenTurn struct {
	Speaker string        `json:"speaker"`
	Words   pipeline.Span `json:"words"`
	Time    *float64      `json:"time"`
}

type goldenNote struct {
	Kind   string   `json:"kind"`
	Text   string   `json:"text"`
	Time   *float64 `json:"time"`
	Before int      `json:"before"`
}

type golden struct {
	Format     string          `json:"format"`
	Header     pipeline.Header `json:"header"`
	Turns      []goldenTurn    `json:"turns"`
	Paragraphs []pipeline.Span `json:"paragraphs"`
	Sentences  []string        `json:"sentences"`
	Notes      []goldenNote    `json:"notes"`
	Words      []goldenWord    `json:"words,omitempty"`
}

func toGolden(tr *pipeline.Transcript) golden {
	g := golden{Format: tr.Format, Header: tr.Header, Paragraphs: tr.Paragraphs}
	for _, tu := range tr.Turns {
		g.Turns = append(g.Turns, goldenTurn{tu.Speaker, tu.Words, pipeline.Ptr(tu.Time)})
	}
	for _, s := range tr.Sentences {
		g.Sentences = append(g.Sentences, tr.Text(s))
	}
	for _, n := range tr.Notes {
		g.Notes = append(g.Notes, goldenNote{n.Kind, n.Text, pipeline.Ptr(n.Time), n.Before})
	}
	for _, w := range tr.Words {
		g.Words = append(g.Words, goldenWord{w.Text, w.Turn, w.Para, pipeline.Ptr(w.Anchor), w.Uncertain})
	}
	return g
}

// goldenInputs lists the golden inputs: testdata files and the user's
// seed.txt from the repository's testdata.
func goldenInputs(t testing.TB) map[string]string {
	in := map[string]string{}
	files, err := filepath.Glob("testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, ".golden.json") {
			continue
		}
		if st, err := os.Stat(f); err != nil || st.IsDir() {
			continue
		}
		in[filepath.Base(f)] = f
	}
	in["seed.txt"] = filepath.Join(testcorpus.Root(), "testdata", "seed.txt")
	return in
}

func TestGolden(t *testing.T) {
	for name, path := range goldenInputs(t) {
		t.Run(name, func(t *testing.T) {
			tr := mustParseFile(t, path, "")
			checkInvariants(t, tr)
			got, err := marshalGolden(toGolden(tr))
			if err != nil {
				t.Fatal(err)
			}
			gf := strings.TrimSuffix(name, filepath.Ext(name)) + "." + strings.TrimPrefix(filepath.Ext(name), ".") + ".golden.json"
			testcorpus.Golden(t, gf, got)
		})
	}
}

// marshalGolden writes the golden JSON indented, with one line per word
// so that seed.txt's golden stays small and diffs read well.
func marshalGolden(g golden) ([]byte, error) {
	words := g.Words
	g.Words = nil
	head, err := json.MarshalIndent(g, "", "  ")
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Write(bytes.TrimSuffix(bytes.TrimSuffix(head, []byte("}")), []byte("\n")))
	buf.WriteString(",\n  \"words_list\": [\n")
	for i, w := range words {
		b, err := json.Marshal(w)
		if err != nil {
			return nil, err
		}
		buf.WriteString("    ")
		buf.Write(b)
		if i < len(words)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
	}
	buf.WriteString("  ]\n}\n")
	if !json.Valid(buf.Bytes()) {
		return nil, errors.New("golden: invalid JSON")
	}
	return buf.Bytes(), nil
}
