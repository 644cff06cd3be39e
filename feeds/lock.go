package feeds

import (
	"errors"
	"io/fs"
	"os"
)

// ErrNoLock reports that a feed has no lock file: no run ever updated it.
var ErrNoLock = errors.New("no lock file")

// TryLock takes the feed's update lock (see LockPath) without waiting, for
// housekeeping that must not race a live update. held is false when another
// process holds it; when held, release frees it. A feed without a lock file
// gives ErrNoLock (the lock file is not created), and a symbolic link at the
// lock's name is refused, not followed.
func TryLock(feedPath string) (release func(), held bool, err error) {
	name := LockPath(feedPath)
	st, err := os.Lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, ErrNoLock
	}
	if err != nil {
		return nil, false, err
	}
	if !st.Mode().IsRegular() {
		return nil, false, errLockLink
	}
	f, err := openLock(name)
	if err != nil {
		return nil, false, err
	}
	busy, err := tryLock(f)
	if err != nil || busy {
		f.Close()
		return nil, false, err
	}
	return func() { unlockFile(f); f.Close() }, true, nil
}

// errLockLink refuses a lock file that is not a regular file (a planted
// symbolic link) where the platform cannot refuse to follow it.
var errLockLink = errors.New("is a symbolic link")
