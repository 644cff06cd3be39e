package chapters_test

import (
	"fmt"

	"github.com/shownotes/shownotes/stages/chapters"
)

func ExampleJSON() {
	c := &chapters.Chapters{Chapters: []chapters.Chapter{
		{Start: 0, Title: "Introduction"},
		{Start: 305.1234, Title: "Neural nets and GPUs"},
	}}
	b, _ := chapters.JSON(c)
	fmt.Print(string(b))
	// Output:
	// {
	//   "version": "1.2.0",
	//   "chapters": [
	//     {
	//       "startTime": 0,
	//       "title": "Introduction"
	//     },
	//     {
	//       "startTime": 305.123,
	//       "title": "Neural nets and GPUs"
	//     }
	//   ]
	// }
}
