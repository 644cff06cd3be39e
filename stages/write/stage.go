// Package write is the write stage of shownotes: it writes every output
// file of the run into the output directory.
//
// The files are staged and synced in a hidden directory inside the output
// directory, then renamed into place, so an interrupted or failed run leaves
// the old files as they were. All files are rendered before any is written,
// so a failing stage writes nothing. Every target is checked before the
// first rename, and a rename that still fails rolls back the ones before
// it: the directory holds either all the old files or all the new ones.
package write

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

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

// OutputNames are the files a run writes into the output directory. The
// command refuses, before any work, an --out that holds one of the run's
// inputs under one of these names (the sample folder's transcript.vtt, say).
var OutputNames = []string{
	"alignment.json", "chapters.json", "entities.json", "quotes.json",
	"shownotes.html", "shownotes.md", "shownotes.txt",
	"transcript.json", "transcript.vtt", "transcript.srt",
	"episode.html",
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	var files []pipeline.File
	if n := pipeline.Result[*notes.Notes](pass.ResultOf, notes.Stage); n != nil {
		files = append(files, n.Files...)
	}
	for _, s := range []*pipeline.Stage{captions.Stage, page.Stage} {
		if o := pipeline.Result[*pipeline.Output](pass.ResultOf, s); o != nil {
			files = append(files, o.Files...)
		}
	}
	cfg := pass.Config
	if err := KeepsInputs(cfg.OutDir, files, cfg.TranscriptPath, cfg.AudioPath, cfg.EnclosurePath, cfg.FeedPath); err != nil {
		return nil, err
	}
	if err := Files(ctx, cfg.OutDir, files); err != nil {
		return nil, err
	}
	return &pipeline.Output{Files: files}, nil
}

// KeepsInputs returns an error when writing files into dir would replace
// one of the inputs (the same file, under any name or link).
func KeepsInputs(dir string, files []pipeline.File, inputs ...string) error {
	for _, in := range inputs {
		if in == "" {
			continue
		}
		ist, err := os.Stat(in)
		if err != nil {
			continue
		}
		for _, f := range files {
			target := filepath.Join(dir, f.Name)
			if st, err := os.Stat(target); err == nil && os.SameFile(st, ist) {
				if abs, err := filepath.Abs(in); err == nil && abs == target {
					return fmt.Errorf("%s is both an input and an output of the run: writing it would overwrite the input (choose another --out)", in)
				}
				return fmt.Errorf("%s is the input %s: writing %s would overwrite it (choose another --out)", filepath.Join(dir, f.Name), in, f.Name)
			}
		}
	}
	return nil
}

// stagingPrefix starts the name of the staging directory; the writer's
// process id follows, so a later run can tell a dead run's leftovers.
const stagingPrefix = ".shownotes-staging-"

// Files writes files into dir (created if missing) all or nothing: every
// file is first written and synced into a staging directory inside dir;
// every target is checked to be replaceable (not a directory); only then
// are they renamed into place, and a rename that fails puts back the files
// replaced before it. A failure while staging (a full disk, say) leaves
// every old file as it was. It stops when ctx is done. Staging directories
// left by a killed run are removed.
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
	RemoveStale(dir, stagingPrefix, time.Hour)
	if err := CheckTargets(dir, files); err != nil {
		return err
	}
	stage, err := os.MkdirTemp(dir, stagingPrefix+strconv.Itoa(os.Getpid())+"-")
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
	if err := commit(dir, stage, files); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// CheckTargets returns an error, naming the file, when one of the files
// could not replace what dir holds under its name: a directory or another
// non-regular file (a symbolic link is replaced, not followed).
func CheckTargets(dir string, files []pipeline.File) error {
	for _, f := range files {
		p := filepath.Join(dir, f.Name)
		st, err := os.Lstat(p)
		switch {
		case errors.Is(err, os.ErrNotExist):
		case err != nil:
			return fmt.Errorf("write %s: %w", p, unwrapPath(err))
		case st.IsDir():
			return fmt.Errorf("write %s: is a directory, not a file; nothing was written", p)
		case !st.Mode().IsRegular() && st.Mode()&os.ModeSymlink == 0:
			return fmt.Errorf("write %s: not a regular file; nothing was written", p)
		}
	}
	return nil
}

// commit renames the staged files into dir. Each old file is first linked
// (or, where links are not supported, moved) into the staging directory,
// so that a failing rename can put back every file already replaced.
func commit(dir, stage string, files []pipeline.File) error {
	type done struct {
		target, backup string // backup "" when there was no old file
	}
	var committed []done
	rollback := func() {
		for _, d := range slices.Backward(committed) {
			if d.backup != "" {
				os.Rename(d.backup, d.target)
			} else {
				os.Remove(d.target)
			}
		}
	}
	for _, f := range files {
		target := filepath.Join(dir, f.Name)
		backup := filepath.Join(stage, ".old-"+f.Name)
		moved := false
		if _, err := os.Lstat(target); err == nil {
			if err := os.Link(target, backup); err != nil {
				if err := os.Rename(target, backup); err != nil {
					rollback()
					return fmt.Errorf("write %s: %w", target, unwrapPath(err))
				}
				moved = true
			}
		} else {
			backup = ""
		}
		if err := os.Rename(filepath.Join(stage, f.Name), target); err != nil {
			if moved {
				os.Rename(backup, target)
			}
			rollback()
			return fmt.Errorf("write %s: %w; the earlier files were put back", target, unwrapPath(err))
		}
		committed = append(committed, done{target, backup})
	}
	return nil
}

// RemoveStale removes the entries of dir whose names start with prefix and
// that a dead run left behind: those whose name carries the id of a process
// that no longer exists (prefix, then the decimal id, then "-"), and any
// older than maxAge. A live run's entries are kept.
func RemoveStale(dir, prefix string, maxAge time.Duration) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		name := e.Name()
		if !strings.HasPrefix(name, prefix) {
			continue
		}
		stale := false
		rest := name[len(prefix):]
		if i := strings.IndexByte(rest, '-'); i > 0 {
			if pid, err := strconv.Atoi(rest[:i]); err == nil && pid > 0 && pid != os.Getpid() {
				stale = pipeline.ProcessGone(pid)
			}
		}
		if !stale {
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > maxAge {
				stale = true
			}
		}
		if stale {
			os.RemoveAll(filepath.Join(dir, name))
		}
	}
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
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
