package transcript

import (
	"fmt"

	"github.com/shownotes/shownotes/pipeline"
	"strings"
	"testing"
)

func TestControlCharactersStripped(t *testing.T) {
	const dirt = "\x1b[31m\x07\u0085\f"
	const pad = " and a long enough run of ordinary words around the dirt, as in a real transcript, "
	tests := []struct{ name, format, text string }{
		{"plain", "plain", "Ann Lee\n\nHello" + dirt + pad + pad + " there, this is a test.\n\nBob Roe\n\nYes\x1b[0m it is.\n"},
		{"vtt", "vtt", "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n<v Ann>Hello" + dirt + " there\n\n00:00:02.000 --> 00:00:04.000\n<v Bob>Yes\x00 it is\n"},
		{"srt", "srt", "1\n00:00:00,000 --> 00:00:02,000\nAnn: Hello" + dirt + " there\n\n2\n00:00:02,000 --> 00:00:04,000\nBob: Yes it is\x1b[2J\n"},
		{"json", "json", `{"segments":[{"speaker":"Ann` + "\\u001b[1m" + `","startTime":"00:00:00","endTime":"00:00:02","body":"Hello` + "\\u0007\\u0085" + ` there, this is a long enough line of text to talk about"}]}`},
		{"text", "text", "Hello" + dirt + pad + pad + "there\x7f, this is a test of the text layout.\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr, err := Parse(strings.NewReader(tc.text), Options{Format: tc.format})
			if err != nil {
				if strings.Contains(tc.text, "\x00") {
					return // a NUL byte is refused as binary: fine too
				}
				t.Fatalf("Parse() = %v", err)
			}
			b := []byte(fmt.Sprintf("%+v", *tr))
			for _, r := range string(b) {
				if isControl(r) {
					t.Errorf("control character %U survived parsing: %s", r, b)
					break
				}
			}
			if strings.Contains(string(b), "[31m") || strings.Contains(string(b), "[2J") {
				t.Errorf("the remains of a terminal escape survived parsing: %s", b)
			}
			if !strings.Contains(string(b), "Hello") {
				t.Errorf("the text around the controls was lost: %s", b)
			}
		})
	}
}

func TestStripControls(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text\tand tab\r\n", "plain text\tand tab\r\n"},
		{"a\x1b[1;31mred\x1b[0m b", "ared b"},
		{"bell\x07 del\x7f c1\u0085", "bell del c1"},
		{"form\ffeed\vvt", "form feed vt"},
		{"café – “quoted” 日本", "café – “quoted” 日本"},
	}
	for _, tc := range tests {
		if got := stripControls(tc.in); got != tc.want {
			t.Errorf("stripControls(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// controlIn names the first text of tr that holds a control character, or
// returns "".
func controlIn(tr *pipeline.Transcript) string {
	texts := []string{tr.Header.Title, tr.Header.Guest, tr.Header.Bio}
	texts = append(texts, tr.Header.Speakers...)
	for _, w := range tr.Words {
		texts = append(texts, w.Text, w.Speaker)
	}
	for _, tu := range tr.Turns {
		texts = append(texts, tu.Speaker)
	}
	for _, n := range tr.Notes {
		texts = append(texts, n.Kind, n.Text)
	}
	for _, x := range texts {
		for _, r := range x {
			if isControl(r) {
				return fmt.Sprintf("%q", x)
			}
		}
	}
	return ""
}
