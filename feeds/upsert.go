package feeds

import (
	"context"
	"errors"
	"fmt"
	"github.com/shownotes/shownotes/pipeline"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// DefaultLockWait is how long Upsert waits for another run's lock on the
// feed before giving up, when Options.LockWait is zero.
const DefaultLockWait = 2 * time.Minute

// Options tune Upsert. The zero value waits DefaultLockWait in silence.
type Options struct {
	// LockWait bounds the wait for another run's lock on the feed.
	LockWait time.Duration
	// Waiting, when not nil, is told once (one line) that the feed is
	// locked by another run and that Upsert is waiting.
	Waiting func(msg string)
}

// ErrLocked is wrapped by the error of a feed whose lock another run held
// for longer than the wait allowed.
var ErrLocked = errors.New("feed is locked by another run")

// Upsert is UpsertWith with zero Options.
func Upsert(ctx context.Context, path string, ch *Channel, it *Item, now time.Time) (replaced bool, err error) {
	res, err := UpsertWith(ctx, path, ch, it, now, Options{})
	return res.Replaced, err
}

// UpsertWith adds the item to the feed at path, or replaces the item of the
// same episode (see Splice), and reports whether it replaced one. When the
// file does not exist it is created from ch (an error when ch is nil). The
// update is a byte splice, written atomically while holding an exclusive
// lock on LockPath(path), so that concurrent runs cannot lose each other's
// items. The new file keeps the old one's mode and, where the process may
// set them, its owner and group. A feed path that is a symbolic link is
// updated at its target; a dangling link is an error. A feed that does not
// parse, or an item that would take another episode's enclosure URL, leaves
// the file untouched. Waiting for the lock ends when ctx is done or after
// opts.LockWait.
func UpsertWith(ctx context.Context, path string, ch *Channel, it *Item, now time.Time, opts Options) (res Result, err error) {
	if path == "" {
		return res, errors.New("feed: no path")
	}
	if err := it.Check(); err != nil {
		return res, err
	}
	path, err = ResolvePath(path)
	if err != nil {
		return res, err
	}
	unlock, err := lock(ctx, LockPath(path), opts)
	if err != nil {
		return res, err
	}
	defer unlock()

	perm := os.FileMode(0o644)
	var old fs.FileInfo
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if ch == nil {
			return res, fmt.Errorf("feed %s does not exist and there is no channel to create it", path)
		}
		if data, err = ch.XML(); err != nil {
			return res, err
		}
	case err != nil:
		return res, fmt.Errorf("read feed: %w", err)
	default:
		if fi, err := os.Stat(path); err == nil {
			perm, old = fi.Mode().Perm(), fi
		}
	}
	out, res, err := SpliceItem(data, it, now)
	if err != nil {
		return res, fmt.Errorf("%s: %w (the feed is unchanged)", path, err)
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	if err := writeFeed(path, out, perm, old); err != nil {
		return res, writable(err, path)
	}
	return res, nil
}

// ResolvePath returns the file a feed path names: the path itself, or the
// target of a symbolic link. A link whose target does not exist is an error
// (replacing the link with a file would silently unpublish the feed where
// the link pointed).
func ResolvePath(path string) (string, error) {
	fi, err := os.Lstat(path)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return path, nil
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		target, _ := os.Readlink(path)
		return "", fmt.Errorf("feed %s is a symbolic link to %s, which does not exist (the link is unchanged)", path, target)
	}
	return real, nil
}

// writeFeed writes data to path atomically (a temporary file renamed over
// it) with mode perm and, when old is the replaced file, its owner.
func writeFeed(path string, data []byte, perm os.FileMode, old fs.FileInfo) error {
	if old == nil {
		return pipeline.WriteFileAtomic(path, data, perm)
	}
	return pipeline.WriteFileAtomicPrepared(path, data, perm, func(tmp string) error {
		if err := keepOwner(tmp, old); err != nil {
			return fmt.Errorf("keep its owner: %w", err)
		}
		// chown may clear set-id bits; set the mode again.
		return os.Chmod(tmp, perm)
	})
}

// lock takes the exclusive lock on the lock file, polling so that ctx can
// end the wait, telling opts.Waiting once when another run holds it, and
// giving up after opts.LockWait.
func lock(ctx context.Context, name string, opts Options) (unlock func(), err error) {
	f, err := openLock(name)
	if err != nil {
		if isLoop(err) {
			return nil, fmt.Errorf("lock feed: %s is a symbolic link; remove it (a lock file is never followed)", name)
		}
		return nil, writable(fmt.Errorf("lock feed: %w", err), name)
	}
	wait := opts.LockWait
	if wait <= 0 {
		wait = DefaultLockWait
	}
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	delay := time.Millisecond
	told := false
	for {
		busy, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("lock feed %s: %w", name, err)
		}
		if !busy {
			break
		}
		if !told && opts.Waiting != nil && delay >= 50*time.Millisecond {
			told = true
			opts.Waiting(fmt.Sprintf("feed is locked by another run (%s); waiting up to %s", name, wait))
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("lock feed %s: %w", name, ctx.Err())
		case <-deadline.C:
			f.Close()
			return nil, fmt.Errorf("%w: %s held for more than %s; the feed is unchanged (remove the lock file only if no run is alive)", ErrLocked, name, wait)
		case <-time.After(delay):
		}
		if delay < 50*time.Millisecond {
			delay *= 2
		}
	}
	return func() {
		unlockFile(f)
		f.Close()
	}, nil
}

// writable adds a hint to permission errors.
func writable(err error, path string) error {
	if isReadOnly(err) {
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
