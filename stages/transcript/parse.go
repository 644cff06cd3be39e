package transcript

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/shownotes/shownotes/pipeline"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Sentinel errors, wrapped with context by Parse and ParseFile.
var (
	// ErrEmpty: the input holds no spoken words (empty, blank, header only).
	ErrEmpty = errors.New("no spoken words")
	// ErrBinary: the input is not text (NUL bytes, mostly control bytes).
	ErrBinary = errors.New("not a text file")
	// ErrFormat: the layout cannot be read (invalid JSON, unknown format
	// name, a forced format that does not match the input).
	ErrFormat = errors.New("unreadable layout")
	// ErrTooLarge: the input is larger than Options.MaxBytes.
	ErrTooLarge = errors.New("input too large")
)

// DefaultMaxBytes is the size limit when Options.MaxBytes is 0.
const DefaultMaxBytes = 200 << 20

// Formats lists the layout names Options.Format accepts ("" auto-detects).
var Formats = []string{"plain", "rev", "vtt", "srt", "json", "text"}

// Options are Parse's settings; the zero value auto-detects the layout.
type Options struct {
	// Format forces a layout: "plain", "rev", "vtt", "srt", "json" or
	// "text"; "" (or "auto") detects it.
	Format string
	// MaxBytes limits the input size; 0 means DefaultMaxBytes.
	MaxBytes int64
}

// ParseFile parses the transcript file at path.
func ParseFile(path string, opts Options) (*pipeline.Transcript, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s is a directory", path)
	}
	t, err := Parse(f, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// Parse reads a transcript in any supported layout.
func Parse(r io.Reader, opts Options) (*pipeline.Transcript, error) {
	format := strings.ToLower(strings.TrimSpace(opts.Format))
	if format == "auto" {
		format = ""
	}
	if format == "txt" {
		format = "plain"
	}
	if format == "webvtt" {
		format = "vtt"
	}
	if format != "" && !validFormat(format) {
		return nil, fmt.Errorf("%w: unknown format %q (want one of %s)", ErrFormat, opts.Format, strings.Join(Formats, ", "))
	}
	max := opts.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	if r == nil {
		return nil, fmt.Errorf("%w: nil reader", ErrEmpty)
	}
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("transcript: read: %w", err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, max)
	}
	text, err := decode(data)
	if err != nil {
		return nil, err
	}
	text = stripControls(text)
	if strings.TrimSpace(text) == "" {
		return nil, fmt.Errorf("%w: the file is empty", ErrEmpty)
	}
	if format == "" {
		format = detect(text)
	}
	b := newBuilder(format, text)
	switch format {
	case "plain":
		err = parsePlain(b, splitLines(text))
	case "rev":
		err = parseRev(b, splitLines(text))
	case "vtt", "srt":
		err = parseCaptions(b, splitLines(text))
	case "json":
		err = parseJSON(b, text)
	case "text":
		parseText(b, splitLines(text))
	}
	if err != nil {
		return nil, err
	}
	t := b.finish()
	if len(t.Words) == 0 {
		return nil, fmt.Errorf("%w: %s layout with no words outside the header and notes", ErrEmpty, format)
	}
	return t, nil
}

func validFormat(f string) bool {
	for _, g := range Formats {
		if f == g {
			return true
		}
	}
	return false
}

// decode turns the raw bytes into UTF-8 text without a byte order mark.
func decode(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data, unicode.ExpectBOM, unicode.LittleEndian)
	default:
		if e, ok := utf16NoBOM(data); ok {
			return decodeUTF16(data, unicode.IgnoreBOM, e)
		}
	}
	if err := checkText(data); err != nil {
		return "", err
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	valid, invalid := utf8Stats(data)
	if valid >= 4*invalid {
		// Mostly UTF-8 with a few stray bytes.
		return strings.ToValidUTF8(string(data), "\uFFFD"), nil
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", fmt.Errorf("%w: undecodable text: %v", ErrBinary, err)
	}
	return string(out), nil
}

func decodeUTF16(data []byte, bom unicode.BOMPolicy, e unicode.Endianness) (string, error) {
	out, err := unicode.UTF16(e, bom).NewDecoder().Bytes(data)
	if err != nil {
		return "", fmt.Errorf("%w: bad UTF-16: %v", ErrBinary, err)
	}
	if err := checkText(out); err != nil {
		return "", err
	}
	return string(out), nil
}

// utf16NoBOM recognises UTF-16 text without a byte order mark by its zero
// bytes: ASCII characters have a zero high byte.
func utf16NoBOM(data []byte) (unicode.Endianness, bool) {
	n := len(data)
	if n > 4096 {
		n = 4096
	}
	n &^= 1
	if n < 4 {
		return unicode.LittleEndian, false
	}
	var evenZero, oddZero int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			evenZero++
		}
		if data[i+1] == 0 {
			oddZero++
		}
	}
	half := n / 2
	switch {
	case oddZero*10 >= half*7 && evenZero*10 < half:
		return unicode.LittleEndian, true
	case evenZero*10 >= half*7 && oddZero*10 < half:
		return unicode.BigEndian, true
	}
	return unicode.LittleEndian, false
}

// checkText rejects binary data: NUL bytes or many control bytes.
func checkText(data []byte) error {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fmt.Errorf("%w: NUL byte at offset %d", ErrBinary, i)
	}
	n := len(data)
	if n > 1<<16 {
		n = 1 << 16
	}
	ctrl := 0
	for _, c := range data[:n] {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' {
			ctrl++
		}
	}
	if ctrl*20 > n {
		return fmt.Errorf("%w: %d control bytes in the first %d", ErrBinary, ctrl, n)
	}
	return nil
}

// ansiEscape is a terminal escape sequence (CSI: colour, cursor moves), as
// pasted from a terminal's output.
var ansiEscape = regexp.MustCompile("\x1b\\[[0-9;?]*[ -/]*[@-~]")

// stripControls removes what no output format may carry and no reader
// wants: terminal escape sequences, C0 control characters other than tab,
// LF and CR, DEL and the C1 controls. Form feed and vertical tab become a
// space. Done once at parse time, so that no control character reaches the
// HTML, Markdown, VTT or SRT outputs whatever the layout.
func stripControls(text string) string {
	clean := true
	for _, r := range text {
		if isControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return text
	}
	text = ansiEscape.ReplaceAllString(text, "")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\f' || r == '\v':
			return ' '
		case isControl(r):
			return -1
		}
		return r
	}, text)
}

func isControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r <= 0x9f)
}

// utf8Stats counts valid multi-byte sequences and invalid bytes.
func utf8Stats(data []byte) (valid, invalid int) {
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			invalid++
			i++
			continue
		}
		valid++
		i += size
	}
	return valid, invalid
}

// splitLines splits text into lines without their end-of-line characters
// (LF, CRLF or lone CR).
func splitLines(text string) []string {
	n := strings.Count(text, "\n")
	if n == 0 && strings.Contains(text, "\r") {
		return strings.Split(text, "\r")
	}
	lines := make([]string, 0, n+1)
	for len(text) > 0 {
		i := strings.IndexByte(text, '\n')
		var ln string
		if i < 0 {
			ln, text = text, ""
		} else {
			ln, text = text[:i], text[i+1:]
		}
		lines = append(lines, strings.TrimRight(ln, "\r"))
	}
	return lines
}
