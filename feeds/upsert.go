package feeds

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/shownotes/shownotes/pipeline"
)

// Upsert adds the item to the feed at path, or replaces the item of the same
// episode (same guid or same enclosure URL), and reports whether it
// replaced one. When the file does not exist it is created from ch (an
// error when ch is nil). The update is a byte splice (see Splice), written
// atomically while holding an exclusive flock on LockPath(path), so that
// concurrent runs cannot lose each other's items. A feed that does not parse
// is left untouched and the error wraps ErrFeed. Waiting for the lock ends
// when ctx is done.
func Upsert(ctx context.Context, path string, ch *Channel, it *Item, now time.Time) (replaced bool, err error) {
	if path == "" {
		return false, errors.New("feed: no path")
	}
	if err := it.Check(); err != nil {
		return false, err
	}
	// Write through a symlink to its target rather than replacing the link.
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if real, err := filepath.EvalSymlinks(path); err == nil {
			path = real
		}
	}
	unlock, err := lock(ctx, LockPath(path))
	if err != nil {
		return false, err
	}
	defer unlock()

	perm := os.FileMode(0o644)
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if ch == nil {
			return false, fmt.Errorf("feed %s does not exist and there is no channel to create it", path)
		}
		if data, err = ch.XML(); err != nil {
			return false, err
		}
	case err != nil:
		return false, fmt.Errorf("read feed: %w", err)
	default:
		if fi, err := os.Stat(path); err == nil {
			perm = fi.Mode().Perm()
		}
	}
	out, replaced, err := Splice(data, it, now)
	if err != nil {
		return false, fmt.Errorf("%s: %w", path, err)
	}
	if err := ctx.Err(); err != nil {
		return false, err
	}
	if err := pipeline.WriteFileAtomic(path, out, perm); err != nil {
		return false, writable(err, path)
	}
	return replaced, nil
}

// lock takes an exclusive flock on the lock file, polling so that ctx can
// end the wait.
func lock(ctx context.Context, name string) (unlock func(), err error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, writable(fmt.Errorf("lock feed: %w", err), name)
	}
	delay := time.Millisecond
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			f.Close()
			return nil, fmt.Errorf("lock feed %s: %w", name, err)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("lock feed %s: %w", name, ctx.Err())
		case <-time.After(delay):
		}
		if delay < 50*time.Millisecond {
			delay *= 2
		}
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

// writable adds a hint to permission errors.
func writable(err error, path string) error {
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
		return fmt.Errorf("%w (the feed's directory %s must be writable; the feed is unchanged)", err, filepath.Dir(path))
	}
	return err
}

// LockPath is the lock file that serialises updates of the feed at path: a
// hidden file beside it (".feed.xml.lock"), which static hosts do not
// publish. The feed itself cannot carry the lock, since each update renames
// a new file over it.
func LockPath(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".lock")
}
