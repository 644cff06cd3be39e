package evaluation

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
)

// TestSeedGoldWellFormed checks the gold list as NOTES.md describes: every
// name and alias is spoken, whole word and case-sensitive; no key twice.
func TestSeedGoldWellFormed(t *testing.T) {
	gold, err := SeedGold()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := " " + strings.Join(strings.Fields(string(raw)), " ") + " "
	seen := map[string]bool{}
	for _, g := range gold.Required {
		switch g.Type {
		case pipeline.Person, pipeline.Org, pipeline.Place, pipeline.Work:
		default:
			t.Errorf("gold %q: type %q", g.Name, g.Type)
		}
		for _, n := range append([]string{g.Name}, g.Aliases...) {
			if !wholeWord(text, n) {
				t.Errorf("gold name %q does not occur in seed.txt", n)
			}
			if k := normName(n); seen[k] {
				t.Errorf("gold key %q twice", k)
			} else {
				seen[k] = true
			}
		}
	}
	for _, n := range append(append([]string{}, gold.Optional...), gold.JunkExamples...) {
		if !wholeWord(text, n) {
			t.Errorf("gold optional/junk %q does not occur in seed.txt", n)
		}
	}
}

func wholeWord(text, s string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], s)
		if j < 0 {
			return false
		}
		a, b := i+j, i+j+len(s)
		if !isWordByte(text[a-1]) && (b >= len(text) || !isWordByte(text[b])) {
			return true
		}
		i = a + 1
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}
