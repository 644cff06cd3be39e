// Command shownotes turns one podcast episode — its audio and its
// transcript — into show notes, chapters, quotes, transcript files, an
// episode page and the episode's item in the show's RSS feed.
//
//	shownotes run --audio EPISODE --transcript TRANSCRIPT --out DIR
//	              [--feed FEED.xml] [--config podcast.toml] [--enclosure FILE]
//	              [--title TITLE] [--episode N] [--season N] [--pub-date RFC3339] [--guid GUID]
//	              [--transcript-format F] [--glossary FILE] [--quiet] [--verbose]
//	shownotes batch MANIFEST.csv [--config podcast.toml] [--shard I/N] [--jobs K] ...
//	shownotes feed add FEED.xml [--config podcast.toml] OUTDIR...
//	shownotes feed validate FEED.xml
//	shownotes version
//
// Exit status: 0 on success, 1 when the run fails, 2 for a usage error, 130
// when interrupted (SIGINT, SIGTERM or SIGHUP: the terminal closed). A closed
// stdout or stderr (shownotes ... | head) does not stop a run: its messages
// are lost, its work is done.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// Exit statuses.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitInterrupted = 130
)

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// memoryLimit is the Go heap's soft limit unless GOMEMLIMIT says otherwise:
// it keeps a 3-hour episode's run near the 1-hour one's peak (measured on
// the 1-hour benchmark: 328 MB peak RSS without it, 227 MB with 200 MiB,
// same CPU time).
const memoryLimit = 200 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	// Writes to a closed pipe fail with EPIPE instead of killing the run
	// by SIGPIPE half-way through without a word.
	signal.Ignore(syscall.SIGPIPE)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command line and maps its error to an exit status, printing
// one clear line on stderr. It is the only place errors become exit codes.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	err := dispatch(ctx, args, stdout, stderr)
	if err == nil {
		return exitOK
	}
	var ue *usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "shownotes: %s (see 'shownotes help')\n", oneLine(err.Error()))
		return exitUsage
	case errors.Is(err, errInterruptedAfterWrite):
		fmt.Fprintln(stderr, "shownotes: "+strings.TrimSuffix(err.Error(), ": "+context.Canceled.Error()))
		return exitInterrupted
	case errors.Is(err, context.Canceled) || ctx.Err() != nil:
		fmt.Fprintln(stderr, "shownotes: interrupted; outputs and feed left as they were")
		return exitInterrupted
	case errors.Is(err, errSilent):
		return exitFailure
	default:
		fmt.Fprintf(stderr, "shownotes: %s\n", oneLine(err.Error()))
		return exitFailure
	}
}

// errSilent fails a command that has already said why.
var errSilent = errors.New("failed")

func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	return s
}

const usage = `usage:
  shownotes run --audio EPISODE --transcript TRANSCRIPT --out DIR
                [--feed FEED.xml] [--config podcast.toml] [--enclosure FILE]
                [--title TITLE] [--episode N] [--season N] [--pub-date RFC3339] [--guid GUID]
                [--transcript-format plain|rev|vtt|srt|json|text] [--glossary FILE]
                [--quiet] [--verbose]
  shownotes batch MANIFEST.csv [--config podcast.toml] [--glossary FILE]
                [--shard I/N] [--jobs K] [--json FILE|-] [--quiet]
  shownotes feed add FEED.xml [--config podcast.toml] OUTDIR...
  shownotes feed validate FEED.xml
  shownotes version
`

func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return &usageError{"no command given"}
	}
	switch args[0] {
	case "run":
		return runCmd(ctx, args[1:], stderr)
	case "batch":
		return batchCmd(ctx, args[1:], stdout, stderr)
	case "feed":
		switch {
		case len(args) >= 2 && args[1] == "validate":
			return validateCmd(args[2:], stdout)
		case len(args) >= 2 && args[1] == "add":
			return feedAddCmd(ctx, args[2:], stdout, stderr)
		}
		return &usageError{"feed takes the subcommand 'validate FEED.xml' or 'add FEED.xml [--config podcast.toml] OUTDIR…'"}
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "shownotes %s\n", version)
		return nil
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		return &usageError{fmt.Sprintf("unknown command %q", args[0])}
	}
}
