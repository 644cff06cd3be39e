package transcript

import (
	"strings"
	"testing"
)

// TestParseRevContinuation covers the Rev variant where a same-speaker
// continuation is a bare "(HH:MM:SS):" line: it opens a new paragraph of the
// current turn whose first word is anchored at the stamp.
func TestParseRevContinuation(t *testing.T) {
	runCases(t, []parseCase{
		{
			name: "bare stamp continues the turn",
			in:   "Ann Lee (00:00:01):\nHello there.\n\n(00:00:20):\nStill me.\n\nBob Ray (00:00:30):\nHi.\n",
			want: "Ann Lee@1: Hello there. ¶ Still@20 me.\nBob Ray@30: Hi.\n",
			fmt:  "rev",
		},
		{
			name: "bare stamp with text on its line, square brackets, no colon",
			in:   "Ann Lee (00:00:01):\nHello.\n(00:01:02): Then more.\n[00:02:00]\nAnd the end.\n",
			want: "Ann Lee@1: Hello. ¶ Then@62 more. ¶ And@120 the end.\n",
			fmt:  "rev",
		},
		{
			name: "a parenthesised time inside text is text",
			in:   "Ann Lee (00:00:01):\n(00:00:05) was when it started.\n",
			want: "Ann Lee@1: (00:00:05) was when it started.\n",
			fmt:  "rev",
		},
	})
}

func TestBareStamp(t *testing.T) {
	for _, c := range []struct {
		in   string
		t    float64
		rest string
		ok   bool
	}{
		{"(00:01:02):", 62, "", true},
		{"  (1:02:03.5):  ", 3723.5, "", true},
		{"[00:00:09]:", 9, "", true},
		{"(00:00:09): yes", 9, "yes", true},
		{"(00:00:09) yes", 0, "", false},
		{"(soon):", 0, "", false},
		{"Ann (00:00:01):", 0, "", false},
		{"", 0, "", false},
	} {
		tm, rest, ok := bareStamp(c.in)
		if ok != c.ok || (ok && (tm != c.t || rest != c.rest)) {
			t.Errorf("bareStamp(%q) = %v, %q, %v; want %v, %q, %v", c.in, tm, rest, ok, c.t, c.rest, c.ok)
		}
	}
}

// FuzzBareStamp checks that a recognised stamp has a finite, non-negative
// time and that its rest is a suffix of the line.
func FuzzBareStamp(f *testing.F) {
	for _, s := range []string{"(00:01:02):", "[1:02:03.5]: text", "(00:00:09) yes", "(:):", "[99:99]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		tm, rest, ok := bareStamp(line)
		if !ok {
			return
		}
		if tm < 0 || tm != tm {
			t.Fatalf("bareStamp(%q) time %v", line, tm)
		}
		if !strings.HasSuffix(strings.TrimSpace(line), rest) {
			t.Fatalf("bareStamp(%q) rest %q is not the line's tail", line, rest)
		}
	})
}
