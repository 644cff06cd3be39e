package pipeline

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func stage(name string, req ...*Stage) *Stage {
	return &Stage{
		Name: name, Doc: "test stage " + name, Requires: req,
		ResultType: reflect.TypeOf(""),
		Run: func(ctx context.Context, p *Pass) (any, error) {
			var b strings.Builder
			b.WriteString(name)
			for _, r := range p.Stage.Requires {
				b.WriteString("(" + Result[string](p.ResultOf, r) + ")")
			}
			return b.String(), nil
		},
	}
}

func TestValidate(t *testing.T) {
	a := stage("a")
	b := stage("b", a)
	cyc1 := stage("c1")
	cyc2 := stage("c2", cyc1)
	cyc1.Requires = []*Stage{cyc2}
	dup := stage("a")
	noDoc := stage("x")
	noDoc.Doc = ""
	tests := []struct {
		name    string
		stages  []*Stage
		wantErr string
	}{
		{"ok", []*Stage{b}, ""},
		{"cycle", []*Stage{cyc1}, "cycle"},
		{"duplicate name", []*Stage{b, dup}, "two stages named"},
		{"no doc", []*Stage{noDoc}, "lacks"},
		{"nil", []*Stage{stage("n", nil)}, "nil stage"},
	}
	for _, tc := range tests {
		err := Validate(tc.stages...)
		if tc.wantErr == "" {
			if err != nil {
				t.Errorf("Validate(%s) = %v, want nil", tc.name, err)
			}
			continue
		}
		if err == nil || !errors.Is(err, ErrGraph) || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("Validate(%s) = %v, want an ErrGraph containing %q", tc.name, err, tc.wantErr)
		}
	}
}

type recorder struct{ events []string }

func (r *recorder) StageStart(name, doc string) { r.events = append(r.events, "start "+name) }
func (r *recorder) StageDone(name string, _ time.Duration, err error) {
	r.events = append(r.events, "done "+name)
}
func (r *recorder) Warn(stage, msg string) { r.events = append(r.events, "warn "+stage+": "+msg) }

func TestRunOrderAndResults(t *testing.T) {
	a := stage("a")
	b := stage("b", a)
	c := stage("c", a, b)
	c.Run = func(ctx context.Context, p *Pass) (any, error) {
		p.Warnf("saw %s", Result[string](p.ResultOf, b))
		return "c", nil
	}
	rec := &recorder{}
	res, err := (&Runner{Progress: rec}).Run(context.Background(), nil, c)
	if err != nil {
		t.Fatalf("Run() = %v, want nil", err)
	}
	if got := Result[string](res, b); got != "b(a)" {
		t.Errorf("Result(b) = %q, want %q", got, "b(a)")
	}
	want := "start a,done a,start b,done b,start c,warn c: saw b(a),done c"
	if got := strings.Join(rec.events, ","); got != want {
		t.Errorf("progress = %s, want %s", got, want)
	}
}

func TestRunStageError(t *testing.T) {
	boom := errors.New("boom")
	a := stage("a")
	b := stage("b", a)
	b.Run = func(context.Context, *Pass) (any, error) { return nil, boom }
	c := stage("c", b)
	ran := false
	c.Run = func(context.Context, *Pass) (any, error) { ran = true; return "", nil }
	_, err := (&Runner{}).Run(context.Background(), nil, c)
	var se *StageError
	if !errors.As(err, &se) || se.Stage != "b" || !errors.Is(err, boom) {
		t.Fatalf("Run() = %v, want a StageError of b wrapping boom", err)
	}
	if ran {
		t.Error("stage c ran after b failed")
	}
}

func TestRunWrongResultType(t *testing.T) {
	a := stage("a")
	a.Run = func(context.Context, *Pass) (any, error) { return 42, nil }
	if _, err := (&Runner{}).Run(context.Background(), nil, a); !errors.Is(err, ErrGraph) {
		t.Errorf("Run() = %v, want ErrGraph for a result of the wrong type", err)
	}
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	a := stage("a")
	a.Run = func(context.Context, *Pass) (any, error) { cancel(); return "a", nil }
	b := stage("b", a)
	res, err := (&Runner{}).Run(ctx, nil, b)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Run() = %v, want context.Canceled", err)
	}
	// a returned without error: it did its work, and the result says so.
	if res[a] != "a" || res[b] != nil {
		t.Errorf("Run() results = %v, want a's kept and no b", res)
	}
}

// TestRunCommittedAtCancel: a last stage that commits as the context ends
// (the write stage renaming the outputs as Ctrl-C arrives) is done, and the
// run succeeded: the report must agree with the disk.
func TestRunCommittedAtCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	a := stage("a")
	last := stage("last", a)
	last.Run = func(context.Context, *Pass) (any, error) { cancel(); return "committed", nil }
	res, err := (&Runner{}).Run(ctx, nil, last)
	if err != nil || res[last] != "committed" {
		t.Errorf("Run() = %v, %v; want the committed result and no error", res, err)
	}
}

func TestRunRecoversPanic(t *testing.T) {
	tests := []struct {
		name string
		run  func(context.Context, *Pass) (any, error)
	}{
		{"nil map", func(context.Context, *Pass) (any, error) {
			var m map[string]int
			//lint:ignore SA5000 the panic is the point of this case
			m["x"] = 1
			return "", nil
		}},
		{"index", func(_ context.Context, p *Pass) (any, error) { return p.Stage.Requires[3].Name, nil }},
		{"panic with error", func(context.Context, *Pass) (any, error) { panic(errors.New("boom\nsecond line")) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := stage("a")
			bad := stage("bad", a)
			bad.Run = tc.run
			after := stage("after", bad)
			res, err := (&Runner{}).Run(context.Background(), nil, after)
			var se *StageError
			if !errors.Is(err, ErrPanic) || !errors.As(err, &se) || se.Stage != "bad" {
				t.Fatalf("Run() = %v, want a StageError of stage bad wrapping ErrPanic", err)
			}
			if res[after] != nil {
				t.Errorf("a stage after the panic ran: %v", res)
			}
		})
	}
}

func ExampleRunner() {
	hello := &Stage{
		Name: "hello", Doc: "say hello", ResultType: reflect.TypeOf(""),
		Run: func(context.Context, *Pass) (any, error) { return "hello", nil },
	}
	shout := &Stage{
		Name: "shout", Doc: "say it louder", Requires: []*Stage{hello}, ResultType: reflect.TypeOf(""),
		Run: func(_ context.Context, p *Pass) (any, error) {
			return strings.ToUpper(Result[string](p.ResultOf, hello)) + "!", nil
		},
	}
	res, _ := (&Runner{}).Run(context.Background(), nil, shout)
	fmtPrint(Result[string](res, shout))
	// Output: HELLO!
}

// TestRunAbandonsStuckStage: a stage that does not heed cancellation (a long
// library call) does not hold up the run past the grace period.
func TestRunAbandonsStuckStage(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	stuck := stage("stuck")
	release := make(chan struct{})
	defer close(release)
	stuck.Run = func(context.Context, *Pass) (any, error) {
		cancel()
		select {
		case <-release:
		case <-time.After(5 * time.Second):
		}
		return "late", nil
	}
	rec := &recorder{}
	t0 := time.Now()
	res, err := (&Runner{Progress: rec, Grace: 50 * time.Millisecond}).Run(ctx, nil, stuck)
	if d := time.Since(t0); d > 2*time.Second {
		t.Errorf("Run() took %v after cancellation, want about the grace period", d)
	}
	if !errors.Is(err, context.Canceled) || res[stuck] != nil {
		t.Errorf("Run() = %v, %v; want context.Canceled and no result", res, err)
	}
}

// TestResultLoud: asking for a stage's result that is not among the
// results, or as the wrong type, panics naming the stage; a stage that
// returned nothing gives the zero value.
func TestResultLoud(t *testing.T) {
	a := &Stage{Name: "a"}
	b := &Stage{Name: "b"}
	results := map[*Stage]any{a: "text", b: nil}
	if got := Result[string](results, a); got != "text" {
		t.Errorf("Result[string](a) = %q, want text", got)
	}
	if got := Result[*Transcript](results, b); got != nil {
		t.Errorf("Result(b, returned nil) = %v, want nil", got)
	}
	for _, tc := range []struct {
		name string
		ask  func()
	}{
		{"missing", func() { Result[string](results, &Stage{Name: "c"}) }},
		{"wrong type", func() { Result[int](results, a) }},
	} {
		func() {
			defer func() {
				if r := recover(); r == nil {
					t.Errorf("%s: Result did not panic", tc.name)
				}
			}()
			tc.ask()
		}()
	}
}
