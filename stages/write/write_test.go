package write

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
	_ "github.com/shownotes/shownotes/pipeline/testcorpus" // declares -update
)

func TestFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	files := []pipeline.File{{Name: "a.txt", Data: []byte("one")}, {Name: "b.json", Data: []byte("{}")}}
	if err := Files(context.Background(), dir, files); err != nil {
		t.Fatalf("Files() = %v, want nil", err)
	}
	for _, f := range files {
		got, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err != nil || string(got) != string(f.Data) {
			t.Errorf("%s = %q, %v, want %q", f.Name, got, err, f.Data)
		}
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 2 {
		t.Errorf("dir holds %d entries, want 2 (no temporary files left)", len(ents))
	}
}

func TestFilesRejects(t *testing.T) {
	tests := []struct {
		name  string
		files []pipeline.File
	}{
		{"path", []pipeline.File{{Name: "../x"}}},
		{"empty", []pipeline.File{{Name: ""}}},
		{"dup", []pipeline.File{{Name: "a"}, {Name: "a"}}},
	}
	for _, tc := range tests {
		if err := Files(context.Background(), t.TempDir(), tc.files); err == nil {
			t.Errorf("Files(%s) = nil, want an error", tc.name)
		}
	}
}

func TestFilesCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	if err := Files(ctx, dir, []pipeline.File{{Name: "a", Data: []byte("x")}}); err == nil {
		t.Fatal("Files(cancelled) = nil, want context.Canceled")
	}
	if _, err := os.Stat(filepath.Join(dir, "a")); !os.IsNotExist(err) {
		t.Errorf("file written despite cancellation")
	}
}
