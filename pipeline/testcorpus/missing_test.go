package testcorpus

import (
	"fmt"
	"testing"
)

// recordTB records how Missing ends a test instead of ending it.
type recordTB struct {
	testing.TB
	how string
}

func (r *recordTB) Helper()                        {}
func (r *recordTB) Fatalf(format string, a ...any) { r.how = "fail: " + fmt.Sprintf(format, a...) }
func (r *recordTB) Skipf(format string, a ...any)  { r.how = "skip: " + fmt.Sprintf(format, a...) }

func TestMissing(t *testing.T) {
	for _, tc := range []struct{ ci, want string }{{"", "skip"}, {"false", "skip"}, {"true", "fail"}, {"1", "fail"}} {
		t.Setenv("CI", tc.ci)
		r := &recordTB{TB: t}
		Missing(r, "tool %s not found", "x")
		if len(r.how) < 4 || r.how[:4] != tc.want {
			t.Errorf("CI=%q: Missing() did %q, want %s", tc.ci, r.how, tc.want)
		}
		r = &recordTB{TB: t}
		NeedTool(r, "surely-not-an-installed-tool-7f3a", "apt-get install nothing")
		if len(r.how) < 4 || r.how[:4] != tc.want {
			t.Errorf("CI=%q: NeedTool(missing) did %q, want %s", tc.ci, r.how, tc.want)
		}
	}
	t.Setenv("CI", "true")
	r := &recordTB{TB: t}
	if p := NeedTool(r, "sh", "coreutils"); p == "" || r.how != "" {
		t.Errorf("NeedTool(sh) = %q, %q; want its path and no skip", p, r.how)
	}
}
