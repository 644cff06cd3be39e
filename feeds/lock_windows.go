//go:build windows

package feeds

import (
	"errors"
	"io/fs"
	"os"

	"golang.org/x/sys/windows"
)

// openLock opens (creating) the lock file, refusing a symbolic link at its
// name.
func openLock(name string) (*os.File, error) {
	if fi, err := os.Lstat(name); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return nil, errLockLink
	}
	return os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
}

// tryLock takes an exclusive LockFileEx lock on the file's first byte
// without waiting; the system releases it when the process ends. busy
// reports that another process holds it.
func tryLock(f *os.File) (busy bool, err error) {
	ol := new(windows.Overlapped)
	err = windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if err == nil {
		return false, nil
	}
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
		return true, nil
	}
	return false, err
}

func unlockFile(f *os.File) {
	windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, new(windows.Overlapped))
}

func isLoop(err error) bool { return errors.Is(err, errLockLink) }

// keepOwner does nothing: Windows files keep no Unix owner.
func keepOwner(string, fs.FileInfo) error { return nil }

func isReadOnly(err error) bool { return errors.Is(err, fs.ErrPermission) }
