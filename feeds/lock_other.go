//go:build !unix && !windows

package feeds

import (
	"errors"
	"io/fs"
	"os"
)

// openLock opens (creating) the lock file, refusing a symbolic link at its
// name.
func openLock(name string) (*os.File, error) {
	if fi, err := os.Lstat(name); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return nil, errLockLink
	}
	return os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
}

// tryLock takes the lock by creating a marker file beside the lock file
// exclusively: where flock is not available, the marker's existence is the
// lock. busy reports that another process holds it.
func tryLock(f *os.File) (busy bool, err error) {
	m, err := os.OpenFile(f.Name()+"ed", os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	return false, m.Close()
}

func unlockFile(f *os.File) { os.Remove(f.Name() + "ed") }

func isLoop(err error) bool { return errors.Is(err, errLockLink) }

// keepOwner does nothing where files have no Unix owner.
func keepOwner(string, fs.FileInfo) error { return nil }

func isReadOnly(err error) bool { return errors.Is(err, fs.ErrPermission) }
