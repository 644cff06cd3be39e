package evaluation

import (
	"fmt"
	"strings"
	"testing"
)

func TestMatchingBlocks(t *testing.T) {
	// Expected values from Python's difflib.SequenceMatcher(autojunk=False).
	tests := []struct {
		a, b string
		want string
	}{
		{"a b c d", "a c d", "0,0,1 2,1,2"},
		{"x a b y", "a b", "1,0,2"},
		{"a a b", "a b b", "1,0,2"},
	}
	for _, tc := range tests {
		var parts []string
		for _, blk := range matchingBlocks(strings.Fields(tc.a), strings.Fields(tc.b)) {
			parts = append(parts, fmt.Sprintf("%d,%d,%d", blk.a, blk.b, blk.size))
		}
		if got := strings.Join(parts, " "); got != tc.want {
			t.Errorf("matchingBlocks(%q, %q) = %s, want %s", tc.a, tc.b, got, tc.want)
		}
	}
}
