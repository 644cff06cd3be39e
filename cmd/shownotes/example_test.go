package main

import (
	"context"
	"os"
)

// A command line with a mistake ends with status 2 and one line saying what
// is wrong.
func Example_usageError() {
	code := run(context.Background(), []string{"run", "--out", "notes"}, os.Stdout, os.Stdout)
	os.Stdout.WriteString("exit status " + string(rune('0'+code)) + "\n")
	// Output:
	// shownotes: run: --transcript is required (see 'shownotes help')
	// exit status 2
}
