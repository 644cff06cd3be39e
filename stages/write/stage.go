// Package write is the write stage of shownotes: it writes every output
// file of the run into the output directory.
//
// Each file is written atomically (temporary file, sync, rename), so an
// interrupted or failed run leaves every file either as it was or whole. All
// files are rendered before any is written, so a failing stage writes
// nothing.
package write

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/captions"
	"github.com/shownotes/shownotes/stages/notes"
	"github.com/shownotes/shownotes/stages/page"
)

// Stage writes every output file into the output directory, atomically.
var Stage = &pipeline.Stage{
	Name:       "write",
	Doc:        "write every output file into the output directory, atomically",
	Requires:   []*pipeline.Stage{notes.Stage, captions.Stage, page.Stage},
	ResultType: reflect.TypeOf(new(pipeline.Output)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	var files []pipeline.File
	if n := pipeline.Result[*pipeline.Notes](pass.ResultOf, notes.Stage); n != nil {
		files = append(files, n.Files...)
	}
	for _, s := range []*pipeline.Stage{captions.Stage, page.Stage} {
		if o := pipeline.Result[*pipeline.Output](pass.ResultOf, s); o != nil {
			files = append(files, o.Files...)
		}
	}
	if err := Files(ctx, pass.Config.OutDir, files); err != nil {
		return nil, err
	}
	return &pipeline.Output{Files: files}, nil
}

// Files writes files into dir (created if missing), each atomically. It
// stops at the first failure or when ctx is done; files already written are
// whole, the rest keep their old content.
func Files(ctx context.Context, dir string, files []pipeline.File) error {
	if dir == "" {
		return fmt.Errorf("no output directory given")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("output directory: %w", err)
	}
	seen := map[string]bool{}
	for _, f := range files {
		if f.Name == "" || f.Name != filepath.Base(f.Name) || seen[f.Name] {
			return fmt.Errorf("bad or duplicate output file name %q", f.Name)
		}
		seen[f.Name] = true
	}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := pipeline.WriteFileAtomic(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
