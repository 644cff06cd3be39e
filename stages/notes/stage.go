// Package notes is the notes stage of shownotes: render the show notes as
// HTML, Markdown and plain text, the feed description, and chapters.json,
// entities.json and quotes.json.
//
// The notes hold, in order: the summary, the guest line ("Guest: Name —
// bio" from the transcript header), the chapters one per line as
// "(MM:SS) Title" ("(HH:MM:SS)" when the episode reaches an hour; no times
// when untimed), up to five key quotes with speaker and time, the people,
// organisations, places, works and other names mentioned, grouped by type
// with the time of their first mention (linked when the glossary gives a
// link), and a link to the transcript. The HTML uses only p, ul, li and a
// (what Apple keeps in a description); everything taken from the transcript
// is escaped, in the Markdown too (raw HTML never renders). chapters.json is
// written only when every chapter has a real time.
//
// # Description
//
// The description is the HTML notes cut to fit the feed's feeds.DescriptionLimit bytes by
// dropping whole parts in this order until it fits: other names, works,
// places, quotes beyond three, the times of the mentions, organisations,
// people beyond the ten most mentioned, all quotes, all people, the
// guest's bio, the transcript link, the summary beyond one sentence, the
// guest line, the summary, then chapters from the last. A word or a tag is
// never cut. Notes.Dropped lists what was dropped and the stage warns.
package notes

import (
	"context"
	"reflect"
	"strings"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/align"
	"github.com/shownotes/shownotes/stages/chapters"
	"github.com/shownotes/shownotes/stages/entities"
	"github.com/shownotes/shownotes/stages/quotes"
	"github.com/shownotes/shownotes/stages/summary"
)

// Stage declares the notes stage: render the show notes (html, md, txt) and chapters.json, entities.json, quotes.json.
var Stage = &pipeline.Stage{
	Name:       "notes",
	Doc:        "render the show notes (html, md, txt) and chapters.json, entities.json, quotes.json",
	Requires:   []*pipeline.Stage{align.Stage, entities.Stage, quotes.Stage, chapters.Stage, summary.Stage},
	ResultType: reflect.TypeOf(new(Notes)),
	Run:        run,
}

func run(ctx context.Context, pass *pipeline.Pass) (any, error) {
	in := Input{
		Entities: pipeline.Result[*entities.Entities](pass.ResultOf, entities.Stage),
		Quotes:   pipeline.Result[*quotes.Quotes](pass.ResultOf, quotes.Stage),
		Chapters: pipeline.Result[*chapters.Chapters](pass.ResultOf, chapters.Stage),
		Summary:  pipeline.Result[*summary.Summary](pass.ResultOf, summary.Stage),
	}
	if al := pipeline.Result[*pipeline.Alignment](pass.ResultOf, align.Stage); al != nil {
		in.Transcript, in.Timed, in.Duration = al.Transcript, al.Timed, al.Duration
	}
	if pass.Config != nil {
		in.Hosts = pass.Config.Podcast.Hosts
	}
	if in.Timed && pass.Config != nil {
		in.TranscriptURL = TranscriptURL(pass.Config.Podcast.BaseURL, pass.Config.OutDir)
	}
	n, err := Render(ctx, in)
	if err != nil {
		return nil, err
	}
	if len(n.Dropped) > 0 {
		pass.Warnf("description cut to fit %d bytes: dropped %s", DescriptionLimit, strings.Join(n.Dropped, ", "))
	}
	return n, nil
}

// TranscriptURL is where the episode's transcript.vtt is published (see
// pipeline.Publication.FileURL): base/slug/transcript.vtt with slug the
// output directory's name, or "transcript.vtt" relative to the notes without
// a base URL, and "" when base_url is not an http(s) URL.
func TranscriptURL(baseURL, outDir string) string {
	pub, err := pipeline.Publish(&pipeline.Config{OutDir: outDir, Podcast: pipeline.Podcast{BaseURL: baseURL}})
	if err != nil {
		return ""
	}
	return pub.FileURL("transcript.vtt")
}
