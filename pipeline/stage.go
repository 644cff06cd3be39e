package pipeline

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"time"
)

// A Stage is one step of the pipeline, declared as data: its name, a one-line
// doc, the stages whose results it needs and the type of the result it
// returns. The Runner checks the graph before running anything.
type Stage struct {
	Name       string
	Doc        string
	Requires   []*Stage
	ResultType reflect.Type
	Run        func(ctx context.Context, pass *Pass) (any, error)
}

func (s *Stage) String() string { return s.Name }

// Pass is what a stage's Run receives: the run's settings, the results of
// the stages it requires, and a way to warn.
type Pass struct {
	Stage    *Stage
	Config   *Config
	ResultOf map[*Stage]any
	warn     func(stage, msg string)
}

// Warnf reports a warning that does not stop the run (shown on stderr,
// prefixed "warning:").
func (p *Pass) Warnf(format string, args ...any) {
	if p.warn != nil {
		p.warn(p.Stage.Name, fmt.Sprintf(format, args...))
	}
}

// Progress receives per-stage progress; the command prints it.
type Progress interface {
	StageStart(name, doc string)
	StageDone(name string, elapsed time.Duration, err error)
	Warn(stage, msg string)
}

// ErrGraph is wrapped by the errors of Validate.
var ErrGraph = errors.New("invalid stage graph")

// Validate checks a set of stages and everything they require: each has a
// unique non-empty name, a doc, a Run, a result type, and there are no cycles.
func Validate(stages ...*Stage) error {
	_, err := order(stages)
	return err
}

// order returns the stages and their requirements in dependency order.
func order(roots []*Stage) ([]*Stage, error) {
	const (
		white = iota
		grey
		black
	)
	color := map[*Stage]int{}
	names := map[string]*Stage{}
	var out []*Stage
	var visit func(s *Stage, path []string) error
	visit = func(s *Stage, path []string) error {
		if s == nil {
			return fmt.Errorf("%w: nil stage required by %v", ErrGraph, path)
		}
		switch color[s] {
		case black:
			return nil
		case grey:
			return fmt.Errorf("%w: cycle %v -> %s", ErrGraph, path, s.Name)
		}
		if s.Name == "" || s.Doc == "" || s.Run == nil || s.ResultType == nil {
			return fmt.Errorf("%w: stage %q lacks a name, doc, Run or ResultType", ErrGraph, s.Name)
		}
		if o, ok := names[s.Name]; ok && o != s {
			return fmt.Errorf("%w: two stages named %q", ErrGraph, s.Name)
		}
		names[s.Name] = s
		color[s] = grey
		for _, r := range s.Requires {
			if err := visit(r, append(path, s.Name)); err != nil {
				return err
			}
		}
		color[s] = black
		out = append(out, s)
		return nil
	}
	for _, s := range roots {
		if err := visit(s, nil); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Runner runs stages in dependency order.
type Runner struct {
	Progress Progress // may be nil
	// Grace is how long Run waits, once the context is done, for running
	// stages to notice and return (0: 500 ms). A stage still computing
	// after that (one inside a library call that cannot be interrupted) is
	// abandoned: its result is dropped and it can no longer report. Stages
	// that write files check the context before they commit.
	Grace time.Duration
}

// StageError is returned when a stage fails; it names the stage.
type StageError struct {
	Stage string
	Err   error
}

func (e *StageError) Error() string { return e.Stage + ": " + e.Err.Error() }
func (e *StageError) Unwrap() error { return e.Err }

// Run runs the given stages and everything they require, once each, and
// returns every stage's result. A stage starts as soon as the stages it
// requires are done, so independent stages (decoding the audio and
// synthesising the transcript, say) run at the same time. Run stops at the
// first error or when ctx is done, and returns only after every started
// stage has returned.
func (r *Runner) Run(ctx context.Context, cfg *Config, targets ...*Stage) (map[*Stage]any, error) {
	stages, err := order(targets)
	if err != nil {
		return nil, err
	}
	if cfg == nil {
		cfg = &Config{}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu        sync.Mutex // guards results, firstErr, abandoned and Progress calls
		results   = make(map[*Stage]any, len(stages))
		firstErr  error
		abandoned bool
		wg        sync.WaitGroup
	)
	done := make(map[*Stage]chan struct{}, len(stages))
	for _, s := range stages {
		done[s] = make(chan struct{})
	}
	warn := func(stage, msg string) {
		mu.Lock()
		defer mu.Unlock()
		if r.Progress != nil && !abandoned {
			r.Progress.Warn(stage, msg)
		}
	}
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
		cancel()
	}
	for _, s := range stages {
		wg.Add(1)
		go func(s *Stage) {
			defer wg.Done()
			defer close(done[s])
			for _, req := range s.Requires {
				select {
				case <-done[req]:
				case <-ctx.Done():
					return
				}
			}
			mu.Lock()
			if ctx.Err() != nil {
				mu.Unlock()
				return
			}
			in := make(map[*Stage]any, len(s.Requires))
			for _, req := range s.Requires {
				res, ok := results[req]
				if !ok { // a requirement failed
					mu.Unlock()
					return
				}
				in[req] = res
			}
			if r.Progress != nil {
				r.Progress.StageStart(s.Name, s.Doc)
			}
			mu.Unlock()
			t0 := time.Now()
			res, err := runRecovered(ctx, s, &Pass{Stage: s, Config: cfg, ResultOf: in, warn: warn})
			if err == nil && res != nil && reflect.TypeOf(res) != s.ResultType {
				err = fmt.Errorf("%w: stage returned %T, declared %v", ErrGraph, res, s.ResultType)
			}
			// A stage that returns without error has done its work even
			// when the context ended meanwhile (the write stage may have
			// committed the outputs): its result is kept, so that the
			// caller's account of the run agrees with the disk. The
			// stages after it do not start.
			mu.Lock()
			if abandoned {
				mu.Unlock()
				return
			}
			if r.Progress != nil {
				r.Progress.StageDone(s.Name, time.Since(t0), err)
			}
			if err == nil {
				results[s] = res
			}
			mu.Unlock()
			if err != nil {
				if !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
					err = &StageError{Stage: s.Name, Err: err}
				}
				fail(err)
			}
		}(s)
	}
	finished := make(chan struct{})
	go func() { wg.Wait(); close(finished) }()
	select {
	case <-finished:
	case <-ctx.Done():
		grace := r.Grace
		if grace == 0 {
			grace = 500 * time.Millisecond
		}
		select {
		case <-finished:
		case <-time.After(grace):
		}
	}
	mu.Lock()
	defer mu.Unlock()
	abandoned = true
	if firstErr == nil {
		firstErr = ctx.Err()
		if firstErr != nil && len(results) == len(stages) {
			firstErr = nil // finished just as the context ended
		}
	}
	return results, firstErr
}

// ErrPanic is wrapped by the error of a stage that panicked.
var ErrPanic = errors.New("internal error")

// runRecovered runs the stage, turning a panic into an error.
func runRecovered(ctx context.Context, s *Stage, pass *Pass) (res any, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("%w (a bug in shownotes, please report it): panic: %v", ErrPanic, r)
		}
	}()
	return s.Run(ctx, pass)
}

// Result returns the typed result of stage s from a pass or a run's
// results. Asking for a stage that is not among them (a stage that is not
// in the asking stage's Requires) or for the wrong type is a bug in the
// caller, not a missing input: it panics, naming the stage, and the runner
// turns a stage's panic into an ErrPanic error. A stage that returned no
// result (nil) gives T's zero value.
func Result[T any](results map[*Stage]any, s *Stage) T {
	raw, ok := results[s]
	if !ok {
		panic(fmt.Sprintf("pipeline: the result of stage %q was asked for but is not among the results: add it to Requires", s.Name))
	}
	var zero T
	if raw == nil {
		return zero
	}
	v, ok := raw.(T)
	if !ok {
		panic(fmt.Sprintf("pipeline: stage %q's result is %T, asked for as %T", s.Name, raw, zero))
	}
	return v
}
