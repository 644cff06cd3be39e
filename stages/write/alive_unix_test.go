//go:build unix

package write

import (
	"os"
	"os/exec"
	"testing"
	"time"
)

func TestProcessGone(t *testing.T) {
	if processGone(os.Getpid()) {
		t.Error("processGone(self) = true")
	}
	// a killed child not yet reaped is a zombie: gone
	cmd := exec.Command("sleep", "30")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	cmd.Process.Kill()
	deadline := time.Now().Add(5 * time.Second)
	for !processGone(cmd.Process.Pid) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if !processGone(cmd.Process.Pid) {
		t.Error("processGone(killed, unreaped child) = false")
	}
	cmd.Wait()
	if !processGone(cmd.Process.Pid) {
		t.Error("processGone(reaped child) = false")
	}
}
