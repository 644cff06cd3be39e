package page_test

import (
	"fmt"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/page"
)

func ExampleFormatTime() {
	fmt.Println(page.FormatTime(20))
	fmt.Println(page.FormatTime(125.9))
	fmt.Println(page.FormatTime(3723))
	fmt.Println(page.FormatTime(pipeline.NoTime))
	// Output:
	// 0:20
	// 2:05
	// 1:02:03
	// 0:00
}

func ExampleAudioURL() {
	published := &pipeline.Config{
		AudioPath: "/home/me/rec/ep 12.wav",
		Podcast:   pipeline.Podcast{BaseURL: "https://cdn.example.com/show/"},
	}
	local := &pipeline.Config{AudioPath: "/home/me/rec/ep 12.wav", OutDir: "/home/me/site/ep12"}
	fmt.Println(page.AudioURL(published))
	fmt.Println(page.AudioURL(local))
	// Output:
	// https://cdn.example.com/show/ep%2012.wav
	// ../../rec/ep%2012.wav
}
