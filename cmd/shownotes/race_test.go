package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestRaceEndToEnd runs a whole run of the sample (audio, alignment, every
// stage, the feed) in a binary built with the race detector, when the tests
// run under it (make test): the stages run concurrently, and a data race
// between them would otherwise go unseen, since the other subprocess tests
// run a plain build.
func TestRaceEndToEnd(t *testing.T) {
	if !raceEnabled {
		t.Skip("runs only under the race detector (go test -race, as make test does)")
	}
	b := getBaseline(t)
	c := newCase(t, b, "race")
	bin := filepath.Join(testRoot, "shownotes-race")
	goTool, err := exec.LookPath("go")
	if err != nil {
		//lint:ignore SA1019 only a fallback where go test ran with go off PATH
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	if out, err := exec.Command(goTool, "build", "-race", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build -race: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, c.args(c.audio, c.transcript)...)
	cmd.Env = append(os.Environ(), "GORACE=halt_on_error=1 exitcode=66")
	out, err := cmd.CombinedOutput()
	t.Logf("stderr:\n%s", out)
	if strings.Contains(string(out), "DATA RACE") {
		t.Fatalf("data race in a whole run:\n%s", out)
	}
	if err != nil {
		t.Fatalf("race-built run: %v", err)
	}
	got, err := readAlignment(filepath.Join(c.out, "alignment.json"))
	if err != nil {
		t.Fatal(err)
	}
	if msg := compareTimes(got, b.words); msg != "" {
		t.Errorf("the race-built run's word times differ from the plain build's: %s", msg)
	}
}
