// Package write is the write stage of shownotes: it writes every output
// file of the run into the output directory.
//
// The files are staged and synced in a hidden directory inside the output
// directory, then renamed into place, so an interrupted or failed run leaves
// the old files as they were. All files are rendered before any is written,
// so a failing stage writes nothing.
package write

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/captions"
	"github.com/shownotes/shownotes/stages/notes"
	"github.com/shownotes/shownotes/stages/page"
)

// Stage declares the write stage: write every output file into the output directory, atomically.
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

// Files writes files into dir (created if missing) all or nothing: every
// file is first written and synced into a staging directory inside dir, and
// only when all are there are they renamed into place. A failure while
// staging (a full disk, say) leaves every old file as it was; renames within
// one directory do not fail for want of space. It stops when ctx is done.
func Files(ctx context.Context, dir string, files []pipeline.File) error {
	if dir == "" {
		return fmt.Errorf("no output directory given")
	}
	seen := map[string]bool{}
	for _, f := range files {
		if f.Name == "" || f.Name != filepath.Base(f.Name) || strings.HasPrefix(f.Name, ".") || seen[f.Name] {
			return fmt.Errorf("bad or duplicate output file name %q", f.Name)
		}
		seen[f.Name] = true
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("output directory: %w", err)
	}
	stage, err := os.MkdirTemp(dir, ".shownotes-staging-")
	if err != nil {
		return fmt.Errorf("output directory: %w", err)
	}
	defer os.RemoveAll(stage)
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := writeSynced(filepath.Join(stage, f.Name), f.Data); err != nil {
			return fmt.Errorf("write %s: %w", filepath.Join(dir, f.Name), unwrapPath(err))
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, f := range files {
		if err := os.Rename(filepath.Join(stage, f.Name), filepath.Join(dir, f.Name)); err != nil {
			return fmt.Errorf("write %s: %w", filepath.Join(dir, f.Name), unwrapPath(err))
		}
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

func writeSynced(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
