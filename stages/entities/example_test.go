package entities_test

import (
	"fmt"
	"strings"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/entities"
	"github.com/shownotes/shownotes/stages/transcript"
)

func ExampleFind() {
	tr, err := transcript.Parse(strings.NewReader(
		"Grace Hopper (00:00:01):\nYeah, welcome. My guest is Ada Lovelace, who worked with Charles Babbage in London.\n\n"+
			"Ada Lovelace (00:00:09):\nThanks, Grace. I wrote the paper Sketch of the Analytical Engine.\n"), transcript.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	es, err := entities.Find(tr, entities.Options{Glossary: pipeline.Glossary{Entries: []pipeline.GlossaryEntry{
		{Name: "London", Link: "https://en.wikipedia.org/wiki/London"},
	}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range es.Entities {
		fmt.Println(e.Name, e.Type, e.Mentions, e.Aliases, e.Link != "")
	}
	// Output:
	// Ada Lovelace PERSON 1 [] false
	// Charles Babbage PERSON 1 [] false
	// London PLACE 1 [] true
	// Grace Hopper PERSON 1 [Grace] false
	// Sketch of the Analytical Engine WORK 1 [] false
}
