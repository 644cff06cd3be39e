package quotes_test

import (
	"fmt"
	"strings"

	"github.com/shownotes/shownotes/stages/quotes"
	"github.com/shownotes/shownotes/stages/transcript"
)

func ExamplePick() {
	tr, err := transcript.Parse(strings.NewReader(
		"Host (00:00:01):\nWhat did you learn from running the campaign?\n\n"+
			"Guest (00:00:04):\nOh, a lot. Elections are won by organisation long before the campaign starts, not by speeches.\n"), transcript.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	qs, err := quotes.Pick(tr, quotes.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, q := range qs.Quotes {
		fmt.Printf("%s: %s\n", q.Speaker, q.Text)
	}
	// Output:
	// Guest: Elections are won by organisation long before the campaign starts, not by speeches.
}
