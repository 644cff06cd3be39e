package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// tempPrefix is how a temporary file of WriteFileAtomic for path begins;
// the writer's process id follows it, then '-' and a random suffix, so that
// RemoveStaleTemps can tell a dead writer's file from a live one's.
func tempPrefix(path string) string {
	return "." + filepath.Base(path) + ".tmp"
}

// WriteFileAtomic writes data to path so that path always holds either its
// old content or the whole new content: it writes a temporary file in the
// same directory, syncs it, and renames it over path.
func WriteFileAtomic(path string, data []byte, perm os.FileMode) error {
	return WriteFileAtomicPrepared(path, data, perm, nil)
}

// WriteFileAtomicPrepared is WriteFileAtomic with a step on the synced
// temporary file just before it replaces path (the feed keeps its owner
// there); an error from prepare leaves path untouched.
func WriteFileAtomicPrepared(path string, data []byte, perm os.FileMode, prepare func(tmp string) error) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, tempPrefix(path)+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err := f.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Chmod(perm); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if prepare != nil {
		if err := prepare(tmp); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	ok = true
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// RemoveStaleTemps removes the temporary files WriteFileAtomic left beside
// path when its writer was killed: those whose process is gone, and any
// older than maxAge (a temporary file lives for milliseconds). A live
// writer's file is never touched; neither is anything but a regular file.
func RemoveStaleTemps(path string, maxAge time.Duration) {
	dir, prefix := filepath.Dir(path), tempPrefix(path)
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		name := e.Name()
		if !strings.HasPrefix(name, prefix) || !e.Type().IsRegular() {
			continue
		}
		stale := false
		rest := name[len(prefix):]
		if i := strings.IndexByte(rest, '-'); i > 0 {
			if pid, err := strconv.Atoi(rest[:i]); err == nil && pid > 0 && pid != os.Getpid() {
				stale = ProcessGone(pid)
			}
		}
		if info, err := e.Info(); !stale && err == nil && time.Since(info.ModTime()) > maxAge {
			stale = true
		}
		if stale {
			os.Remove(filepath.Join(dir, name))
		}
	}
}
