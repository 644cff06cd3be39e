//go:build unix

package write

import "syscall"

// processGone reports that no process has the id pid.
func processGone(pid int) bool { return syscall.Kill(pid, 0) == syscall.ESRCH }
