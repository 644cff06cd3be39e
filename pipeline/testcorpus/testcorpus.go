// Package testcorpus finds the development corpus for tests and evaluation:
// ../shared/corpus beside the checkout (or $SHOWNOTES_CORPUS) and the
// episodes rendered from it into .corpus/ at the module root (or
// $SHOWNOTES_RENDERED). Tests that need it skip with a clear message when it
// is absent, as it is in a user's fresh clone.
package testcorpus

import (
	"os"
	"path/filepath"
	"testing"
)

// Root returns the module root (the directory holding go.mod) above the
// working directory, or "".
func Root() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Dir returns the corpus directory (holding transcripts/, gold/, tools/), or
// "" when it is absent.
func Dir() string {
	if d := os.Getenv("SHOWNOTES_CORPUS"); d != "" {
		return d
	}
	root := Root()
	if root == "" {
		return ""
	}
	d := filepath.Join(root, "..", "shared", "corpus")
	if _, err := os.Stat(filepath.Join(d, "transcripts")); err != nil {
		return ""
	}
	return d
}

// Rendered returns the directory of rendered episode name (holding
// episode.wav, transcript.txt, truth.json), or "" when not rendered.
func Rendered(name string) string {
	base := os.Getenv("SHOWNOTES_RENDERED")
	if base == "" {
		root := Root()
		if root == "" {
			return ""
		}
		base = filepath.Join(root, ".corpus")
	}
	d := filepath.Join(base, name)
	if _, err := os.Stat(filepath.Join(d, "truth.json")); err != nil {
		return ""
	}
	return d
}

// Need returns the corpus directory or skips the test.
func Need(t testing.TB) string {
	t.Helper()
	d := Dir()
	if d == "" {
		t.Skip("development corpus ../shared/corpus not found (set SHOWNOTES_CORPUS): skipping corpus test")
	}
	return d
}

// NeedRendered returns a rendered episode's directory or skips the test.
// Under the race detector (make test) the 30-minute episodes are skipped:
// there they take minutes each; go test without -race and make eval run
// them. The committed sample is not affected.
func NeedRendered(t testing.TB, name string) string {
	t.Helper()
	if raceEnabled && os.Getenv("SHOWNOTES_RACE_CORPUS") == "" {
		t.Skipf("rendered episode %q skipped under the race detector (slow; set SHOWNOTES_RACE_CORPUS=1 to run it)", name)
	}
	d := Rendered(name)
	if d == "" {
		t.Skipf("rendered episode %q not found in .corpus/ (run ../shared/corpus/render .corpus %s): skipping", name, name)
	}
	return d
}

// Sample returns the committed sample episode's directory (testdata/sample).
func Sample() string {
	return filepath.Join(Root(), "testdata", "sample")
}
