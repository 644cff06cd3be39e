//go:build unix

package pipeline

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

func TestProcessGone(t *testing.T) {
	if ProcessGone(os.Getpid()) {
		t.Error("ProcessGone(self) = true")
	}
	// a killed child not yet reaped is a zombie: gone
	cmd := exec.Command("sleep", "30")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	cmd.Process.Kill()
	deadline := time.Now().Add(5 * time.Second)
	for !ProcessGone(cmd.Process.Pid) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if !ProcessGone(cmd.Process.Pid) {
		t.Error("ProcessGone(killed, unreaped child) = false")
	}
	cmd.Wait()
	if !ProcessGone(cmd.Process.Pid) {
		t.Error("ProcessGone(reaped child) = false")
	}
}

// TestRemoveStaleTemps: a dead writer's temporary file goes, a live
// writer's young one stays, an old one goes whoever wrote it, and other
// files are never touched.
func TestRemoveStaleTemps(t *testing.T) {
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	dead := cmd.Process.Pid
	self := os.Getpid()
	old := time.Now().Add(-2 * time.Hour)
	tests := []struct {
		name     string
		old      bool
		wantGone bool
	}{
		{fmt.Sprintf(".g.txt.tmp%d-123", dead), false, true},
		{fmt.Sprintf(".g.txt.tmp%d-123", self), false, false},
		{fmt.Sprintf(".g.txt.tmp%d-123", self), true, true},
		{".g.txt.tmp456", false, false}, // no pid: only age tells
		{".g.txt.tmp456", true, true},
		{".h.txt.tmp1-1", true, false}, // another file's temp
		{"g.txt", true, false},
	}
	for _, tc := range tests {
		dir := t.TempDir()
		p := filepath.Join(dir, tc.name)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if tc.old {
			os.Chtimes(p, old, old)
		}
		RemoveStaleTemps(filepath.Join(dir, "g.txt"), time.Hour)
		_, err := os.Stat(p)
		if gone := os.IsNotExist(err); gone != tc.wantGone {
			t.Errorf("RemoveStaleTemps with %s (old %v): gone = %v, want %v", tc.name, tc.old, gone, tc.wantGone)
		}
	}
}
