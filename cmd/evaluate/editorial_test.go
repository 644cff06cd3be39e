package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline/evaluation"
)

// TestEditorialEval runs the quotes and chapters evaluation of one
// transcript end to end on a small made-up interview.
func TestEditorialEval(t *testing.T) {
	var b strings.Builder
	b.WriteString("Host\n\nWelcome to the show about gardens and boats.\n\n")
	topics := []string{"tomatoes need deep soil and patient gardeners", "sailing boats need steady wind and brave sailors", "chess openings need study and quiet evenings"}
	for k, topic := range topics {
		fmt.Fprintf(&b, "Host\n\nWhat should people know about topic %d?\n\nGuest\n\n", k+1)
		for r := range 12 {
			fmt.Fprintf(&b, "Everyone forgets that %s, and nobody tells you that in school number %d. ", topic, r)
		}
		b.WriteString("\n\n")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "show.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	g := &evaluation.EditorGold{
		Name:          "show",
		QuotesPool:    []string{"Everyone forgets that tomatoes need deep soil and patient gardeners, and nobody tells you that in school number 3."},
		ChapterStarts: []string{"Welcome to the show about gardens and boats.", "What should people know about topic 2?", "A sentence nobody said."},
	}
	var detail strings.Builder
	row, err := editorialEval(g, path, &detail)
	if err != nil {
		t.Fatal(err)
	}
	if row.Quotes.Quotes == 0 || row.Quotes.Verbatim != row.Quotes.Quotes {
		t.Errorf("quotes: %d, verbatim %d; want some, all verbatim", row.Quotes.Quotes, row.Quotes.Verbatim)
	}
	if row.Quotes.Top > quotesTop || row.Quotes.InPool > row.Quotes.Top {
		t.Errorf("quote score %+v out of range", row.Quotes)
	}
	if row.Unfound != 1 || row.Chapters.Gold != 3 {
		t.Errorf("chapter starts: %d unfound of %d; want 1 of 3", row.Unfound, row.Chapters.Gold)
	}
	if row.Chapters.Matched < 1 || row.Chapters.Got == 0 {
		t.Errorf("chapters %+v: the first chapter (at 0) should match the first start", row.Chapters)
	}
	if !strings.Contains(detail.String(), "quote ") || !strings.Contains(detail.String(), "chapter ") {
		t.Errorf("detail lacks quotes or chapters:\n%s", detail.String())
	}
}
