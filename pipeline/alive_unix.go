//go:build unix

package pipeline

import (
	"os"
	"strconv"
	"strings"
	"syscall"
)

// ProcessGone reports that no process has the id pid, or that it has
// ended and waits only to be reaped (a zombie: a killed run whose parent,
// in a container without a reaping init, never collects it).
func ProcessGone(pid int) bool {
	if syscall.Kill(pid, 0) == syscall.ESRCH {
		return true
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	// pid (comm) state …: the state follows the last ')'
	s := string(b)
	if i := strings.LastIndexByte(s, ')'); i >= 0 && i+2 < len(s) {
		return s[i+2] == 'Z'
	}
	return false
}
