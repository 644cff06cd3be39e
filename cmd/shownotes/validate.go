package main

import (
	"fmt"
	"io"
	"os"

	"github.com/shownotes/shownotes/feeds"
)

// validateCmd checks a feed against what Apple and PSP-1 require, printing
// one line per problem; it fails when any problem is an error.
func validateCmd(args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return &usageError{"feed validate takes one argument: FEED.xml"}
	}
	data, err := os.ReadFile(args[0])
	if err != nil {
		return fmt.Errorf("feed %s: %w", args[0], unwrapPathError(err))
	}
	problems := feeds.Validate(data)
	errs := 0
	for _, p := range problems {
		where := ""
		if p.Item != "" {
			where = fmt.Sprintf("item %q: ", p.Item)
		}
		fmt.Fprintf(stdout, "%s: %s%s\n", p.Severity, where, p.Msg)
		if p.Severity == "error" {
			errs++
		}
	}
	if errs > 0 {
		return fmt.Errorf("feed %s: %d error(s)", args[0], errs)
	}
	fmt.Fprintf(stdout, "%s: valid (%d warning(s))\n", args[0], len(problems))
	return nil
}
