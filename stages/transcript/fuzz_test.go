package transcript

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline/testcorpus"
)

// fuzzSeeds returns the testdata inputs, the sample's three layouts and,
// when present, the corpus transcripts.
func fuzzSeeds(f *testing.F) [][]byte {
	var paths []string
	for _, p := range goldenInputs(f) {
		paths = append(paths, p)
	}
	s := testcorpus.Sample()
	paths = append(paths, filepath.Join(s, "transcript.txt"), filepath.Join(s, "transcript_rev.txt"), filepath.Join(s, "transcript.vtt"))
	if d := testcorpus.Dir(); d != "" {
		m, _ := filepath.Glob(filepath.Join(d, "transcripts", "ss*"))
		paths = append(paths, m...)
	}
	var out [][]byte
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			out = append(out, data)
		}
	}
	for _, s := range []string{"", "\x00", "[", "[a 00:00:01", "<v ", "WEBVTT\n\n-->", "{\"segments\":[{}]}", "A B\n\nA B\n", "Ann (00:00:01):", "Ann\n\nHi\x1b[1m there\x07.\n"} {
		out = append(out, []byte(s))
	}
	return out
}

// fuzzParse parses data in format and checks that the result keeps the
// model's invariants or the error is one of the sentinels.
func fuzzParse(t *testing.T, data []byte, format string) {
	tr, err := Parse(strings.NewReader(string(data)), Options{Format: format, MaxBytes: 1 << 20})
	if err != nil {
		if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrBinary) && !errors.Is(err, ErrFormat) && !errors.Is(err, ErrTooLarge) {
			t.Fatalf("Parse(%q, %q) error %v wraps no sentinel", data, format, err)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Fatalf("Parse(%q, %q) error %q spans lines", data, format, err)
		}
		return
	}
	checkInvariants(t, tr)
	if c := controlIn(tr); c != "" {
		t.Fatalf("Parse(%q, %q): control character in %s", data, format, c)
	}
	if format != "" && tr.Format != format {
		t.Fatalf("Parse(%q, %q).Format = %q", data, format, tr.Format)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, data, "") })
}

func FuzzParsePlain(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, data, "plain") })
}

func FuzzParseRev(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, data, "rev") })
}

func FuzzParseVTT(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, data, "vtt") })
}

func FuzzParseSRT(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, data, "srt") })
}

func FuzzParseJSON(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, data, "json") })
}

func FuzzParseText(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, data, "text") })
}
