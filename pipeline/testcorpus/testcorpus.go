// Package testcorpus finds the development corpus for tests and evaluation:
// ../shared/corpus beside the checkout (or $SHOWNOTES_CORPUS) and the
// episodes rendered from it into .corpus/ at the module root (or
// $SHOWNOTES_RENDERED). Tests that need it skip with a clear message when it
// is absent, as it is in a user's fresh clone.
package testcorpus

import (
	"os"
	"os/exec"
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

// CI reports a continuous-integration run (CI=true, as .ci/run and most CI
// services set it): there everything the tests need is installed, and a
// missing tool or corpus is a failure, not a reason to skip.
func CI() bool {
	v := os.Getenv("CI")
	return v == "true" || v == "1"
}

// Missing skips the test for want of something it needs (a tool such as
// eSpeak NG, python3 or Chromium, the corpus, a rendered episode), or fails
// it under CI=true, where .ci/run installs and renders everything: a CI run
// that silently skipped would claim what it never tested.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	if CI() {
		t.Fatalf("CI=true but "+format+" (.ci/run must install or render it)", args...)
		return
	}
	t.Skipf(format, args...)
}

// NeedTool returns the path of the executable name, or calls Missing with
// how to install it (install: a Debian package, say).
func NeedTool(t testing.TB, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, "%s not found (%s): skipping", name, install)
	}
	return p
}

// Need returns the corpus directory or skips the test (fails it under CI).
func Need(t testing.TB) string {
	t.Helper()
	d := Dir()
	if d == "" {
		Missing(t, "development corpus ../shared/corpus not found (set SHOWNOTES_CORPUS): skipping corpus test")
	}
	return d
}

// NeedRendered returns a rendered episode's directory (for its audio) or
// skips the test (fails it under CI when the episode is not rendered).
// Under the race detector the episodes are skipped: decoding and aligning
// them takes minutes there; make test runs these tests again without -race
// (and make eval runs them). The committed sample is not affected.
func NeedRendered(t testing.TB, name string) string {
	t.Helper()
	if raceEnabled && os.Getenv("SHOWNOTES_RACE_CORPUS") == "" {
		t.Skipf("rendered episode %q skipped under the race detector (slow; make test runs it without -race; SHOWNOTES_RACE_CORPUS=1 runs it here)", name)
	}
	return NeedRenderedText(t, name)
}

// NeedRenderedText returns a rendered episode's directory for a test that
// reads only its transcript and truth.json (no audio): such tests are fast
// and run under the race detector too. It skips the test when the episode
// is not rendered (fails it under CI).
func NeedRenderedText(t testing.TB, name string) string {
	t.Helper()
	d := Rendered(name)
	if d == "" {
		Missing(t, "rendered episode %q not found in .corpus/ (run ../shared/corpus/render .corpus %s): skipping", name, name)
	}
	return d
}

// Sample returns the committed sample episode's directory (testdata/sample).
func Sample() string {
	return filepath.Join(Root(), "testdata", "sample")
}
