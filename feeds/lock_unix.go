//go:build unix

package feeds

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// openLock opens (creating) the lock file without following a symbolic
// link: a link planted at the lock's name is refused, not followed.
func openLock(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDWR|os.O_CREATE|syscall.O_NOFOLLOW, 0o644)
}

// tryLock takes an exclusive lock on f without waiting; busy reports that
// another process holds it.
func tryLock(f *os.File) (busy bool, err error) {
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if err == nil {
		return false, nil
	}
	if errors.Is(err, syscall.EWOULDBLOCK) || errors.Is(err, syscall.EINTR) {
		return true, nil
	}
	return false, err
}

func unlockFile(f *os.File) { syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }

// isLoop reports an error of opening a symbolic link with O_NOFOLLOW.
func isLoop(err error) bool { return errors.Is(err, syscall.ELOOP) }

// keepOwner gives the new file at tmp the owner and group of the file it
// replaces (when the process may: as root, or for the group when the user
// is a member), so that a web server that could read the old feed can read
// the new one.
func keepOwner(tmp string, old fs.FileInfo) error {
	st, ok := old.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	if int(st.Uid) == os.Getuid() && int(st.Gid) == os.Getegid() {
		return nil
	}
	if err := os.Lchown(tmp, int(st.Uid), int(st.Gid)); err != nil {
		// Not root: keep at least the group when we belong to it.
		if err2 := os.Lchown(tmp, -1, int(st.Gid)); err2 != nil && os.Geteuid() == 0 {
			return err
		}
	}
	return nil
}

var errRO = syscall.EROFS

func isReadOnly(err error) bool { return errors.Is(err, errRO) || errors.Is(err, fs.ErrPermission) }
