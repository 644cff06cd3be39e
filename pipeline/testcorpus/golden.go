package testcorpus

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// update is the -update flag of every test binary that imports this
// package: `go test ./... -update` rewrites the golden files. It is
// registered only in test binaries, so that commands importing the package
// do not grow the flag. A test package must not declare its own.
var update = updateFlag()

func updateFlag() *bool {
	if !testing.Testing() {
		return new(bool)
	}
	return flag.Bool("update", false, "rewrite golden files")
}

// Golden compares got with the golden file testdata/<name> under the
// test's working directory (its package directory), or, with -update,
// writes got there (creating directories as needed).
func Golden(t testing.TB, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", filepath.FromSlash(name))
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (%d bytes, want %d; run go test -update and review the diff)\n%s",
			path, len(got), len(want), firstDiff(got, want))
	}
}

// firstDiff describes the first line where got and want differ.
func firstDiff(got, want []byte) string {
	g, w := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	line := func(ls [][]byte, i int) string {
		if i >= len(ls) {
			return "(end of file)"
		}
		const most = 300
		if len(ls[i]) > most {
			return string(ls[i][:most]) + "…"
		}
		return string(ls[i])
	}
	for i := 0; i < len(g) || i < len(w); i++ {
		if i >= len(g) || i >= len(w) || !bytes.Equal(g[i], w[i]) {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, line(g, i), line(w, i))
		}
	}
	return ""
}
