//go:build !unix

package pipeline

import "os"

// ProcessGone reports that no process has the id pid. Where the system
// cannot say, a process is taken to be alive and only age removes its
// leftovers.
func ProcessGone(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return true // Windows: no such process
	}
	p.Release()
	return false
}
