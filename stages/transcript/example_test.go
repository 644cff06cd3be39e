package transcript_test

import (
	"fmt"
	"strings"

	"github.com/shownotes/shownotes/stages/transcript"
)

func ExampleParse() {
	in := `My Show, Episode 7: Naming Things
Writer and podcaster

Ann Lee

Welcome, Dr. Ray. So you heard [Kaggle 00:02:25] first? [laughter]

Bob Ray

Yes. It was 2010.
`
	tr, err := transcript.Parse(strings.NewReader(in), transcript.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tr.Format, "|", tr.Header.Title, "|", tr.Header.Bio)
	for _, s := range tr.Sentences {
		fmt.Printf("%s: %s\n", tr.Words[s.First].Speaker, tr.Text(s))
	}
	w := tr.Words[6]
	fmt.Println(w.Text, w.Uncertain, w.Anchor)
	fmt.Println(tr.Notes[0].Kind, tr.Notes[0].Before)
	// Output:
	// plain | My Show, Episode 7: Naming Things | Writer and podcaster
	// Ann Lee: Welcome, Dr. Ray.
	// Ann Lee: So you heard Kaggle first?
	// Bob Ray: Yes.
	// Bob Ray: It was 2010.
	// Kaggle true 145
	// laughter 8
}
