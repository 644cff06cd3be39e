package feeds

import (
	"strings"
	"testing"
)

func TestNotUTF16(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string // "" for no error
	}{
		{"utf-8", `<?xml version="1.0" encoding="UTF-8"?><rss/>`, ""},
		{"utf-8 bom", "\xEF\xBB\xBF<rss/>", ""},
		{"utf-16le bom", "\xFF\xFE<\x00r\x00", "UTF-16 (little-endian)"},
		{"utf-16be bom", "\xFE\xFF\x00<\x00r", "UTF-16 (big-endian)"},
		{"utf-16le no bom", "<\x00?\x00x\x00", "UTF-16 (little-endian)"},
		{"utf-16be no bom", "\x00<\x00?\x00x", "UTF-16 (big-endian)"},
	}
	for _, tc := range tests {
		err := notUTF16([]byte(tc.data))
		if (err == nil) != (tc.want == "") || (err != nil && !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("notUTF16(%s) = %v, want %q", tc.name, err, tc.want)
		}
		if tc.want != "" {
			if _, err := scan([]byte(tc.data)); err == nil || !strings.Contains(err.Error(), "UTF-16") {
				t.Errorf("scan(%s) = %v, want the UTF-16 error", tc.name, err)
			}
			if _, err := parseTree([]byte(tc.data)); err == nil || !strings.Contains(err.Error(), "UTF-16") {
				t.Errorf("parseTree(%s) = %v, want the UTF-16 error", tc.name, err)
			}
		}
	}
}
