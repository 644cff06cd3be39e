//go:build unix

package feeds

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A feed owned by another user (the web server's) keeps its owner, group and
// mode when root updates it.
func TestUpsertKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("changing a file's owner needs root; run as root to test it")
	}
	path := filepath.Join(t.TempDir(), "feed.xml")
	ch, _ := NewChannel(testPodcast(), t0)
	if _, err := Upsert(context.Background(), path, ch, testItem(1), t0); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(path, 33, 44); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o640)
	if _, err := Upsert(context.Background(), path, ch, testItem(2), t1); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	st := fi.Sys().(*syscall.Stat_t)
	if st.Uid != 33 || st.Gid != 44 || fi.Mode().Perm() != 0o640 {
		t.Errorf("after update: owner %d:%d mode %v, want 33:44 0640 kept", st.Uid, st.Gid, fi.Mode().Perm())
	}
}

func TestUpsertSymlinks(t *testing.T) {
	ch, _ := NewChannel(testPodcast(), t0)
	ctx := context.Background()

	t.Run("dangling feed link", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "feed.xml")
		os.Symlink(filepath.Join(dir, "missing", "real.xml"), path)
		_, err := Upsert(ctx, path, ch, testItem(1), t0)
		if err == nil || !strings.Contains(err.Error(), "does not exist") {
			t.Errorf("Upsert through a dangling link = %v, want an error naming it", err)
		}
		if fi, err := os.Lstat(path); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("the dangling link was replaced: %v, %v", fi, err)
		}
	})
	t.Run("feed link to a file", func(t *testing.T) {
		dir := t.TempDir()
		real := filepath.Join(dir, "real.xml")
		path := filepath.Join(dir, "feed.xml")
		if _, err := Upsert(ctx, real, ch, testItem(1), t0); err != nil {
			t.Fatal(err)
		}
		os.Symlink(real, path)
		if _, err := Upsert(ctx, path, ch, testItem(2), t1); err != nil {
			t.Fatal(err)
		}
		if fi, _ := os.Lstat(path); fi.Mode()&os.ModeSymlink == 0 {
			t.Error("the feed link was replaced by a file")
		}
		if b, _ := os.ReadFile(real); !strings.Contains(string(b), "guid-2") {
			t.Error("the link's target was not updated")
		}
	})
	t.Run("lock link", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "feed.xml")
		victim := filepath.Join(dir, "victim")
		os.Symlink(victim, LockPath(path))
		_, err := Upsert(ctx, path, ch, testItem(1), t0)
		if err == nil || !strings.Contains(err.Error(), "symbolic link") {
			t.Errorf("Upsert with a lock-file link = %v, want an error", err)
		}
		if _, err := os.Lstat(victim); err == nil {
			t.Error("the lock-file link was followed: its target was created")
		}
	})
}

// A lock held by another run is reported once and given up after the
// bounded wait, leaving the feed as it was.
func TestUpsertLockWait(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feed.xml")
	ch, _ := NewChannel(testPodcast(), t0)
	unlock, err := lock(context.Background(), LockPath(path), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	// flock locks are per open file: a second open in this process is
	// a different holder, as another run would be.
	var told []string
	_, err = UpsertWith(context.Background(), path, ch, testItem(1), t0, Options{
		LockWait: 300 * time.Millisecond,
		Waiting:  func(m string) { told = append(told, m) },
	})
	if !errors.Is(err, ErrLocked) || strings.Contains(err.Error(), "\n") {
		t.Errorf("UpsertWith on a held lock = %v, want one-line ErrLocked", err)
	}
	if len(told) != 1 || !strings.Contains(told[0], "waiting") {
		t.Errorf("waiting notices = %q, want one", told)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("the feed was written without the lock")
	}
}
