package page

import (
	"strings"
	"testing"

	"github.com/shownotes/shownotes/stages/chapters"
	"github.com/shownotes/shownotes/stages/entities"
	"github.com/shownotes/shownotes/stages/quotes"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
)

// wordIndex returns the index of the first word from the given index whose
// text, without punctuation, is w.
func wordIndex(t testing.TB, tr *pipeline.Transcript, from int, w string) int {
	t.Helper()
	for i := from; i < len(tr.Words); i++ {
		if strings.Trim(tr.Words[i].Text, `.,;:!?"'`) == w {
			return i
		}
	}
	t.Fatalf("word %q not in the transcript", w)
	return -1
}

// sampleInput is the page input for an episode directory: the true
// alignment with hand-made chapters, quotes and entities.
func sampleInput(t testing.TB, dir string) Input {
	t.Helper()
	al := testcorpus.MustEpisode(t, dir, testcorpus.EpisodeOptions{Timed: true, BlankLines: true, Tail: 1})
	tr := al.Transcript
	at := func(i int) float64 { return tr.Words[i].Start }
	prev := wordIndex(t, tr, 0, "Previously")
	thanks := tr.Turns[1].Words.First
	cool := tr.Turns[2].Words.First
	ch := &chapters.Chapters{Chapters: []chapters.Chapter{
		{Start: at(0), Title: "Introductions", Words: pipeline.Span{First: 0, End: prev}},
		{Start: at(prev), Title: "Analytic & Kaggle", Words: pipeline.Span{First: prev, End: thanks}},
		{Start: at(thanks), Title: "Thanks", Words: pipeline.Span{First: thanks, End: cool}},
		{Start: at(cool), Title: "First steps in deep learning", Words: pipeline.Span{First: cool, End: len(tr.Words)}},
	}}
	qEnd := wordIndex(t, tr, prev, "medicine") + 1
	q := &quotes.Quotes{Quotes: []quotes.Quote{{
		Text: tr.Text(pipeline.Span{First: prev, End: qEnd}), Speaker: tr.Words[prev].Speaker,
		Start: pipeline.Ptr(at(prev)), End: pipeline.Ptr(tr.Words[qEnd-1].End), Score: 1,
		Words: pipeline.Span{First: prev, End: qEnd},
	}}}
	ent := func(name, typ string, first int, mentions int, link string) entities.Entity {
		return entities.Entity{Name: name, Type: typ, Mentions: mentions, FirstMention: pipeline.Ptr(at(first)), FirstWord: first, Link: link}
	}
	jeremy := wordIndex(t, tr, 0, "Jeremy")
	e := &entities.Entities{Entities: []entities.Entity{
		ent("Jeremy Howard", pipeline.Person, jeremy, 1, ""),
		ent("Alex Wang", pipeline.Person, wordIndex(t, tr, 0, "Alex"), 1, ""),
		ent("Scale", pipeline.Org, wordIndex(t, tr, 0, "Scale"), 1, "https://scale.com"),
		ent("Fast AI", pipeline.Org, wordIndex(t, tr, 0, "Fast"), 1, "https://www.fast.ai"),
		ent("Analytic", pipeline.Org, wordIndex(t, tr, 0, "Analytic"), 1, ""),
		ent("Kaggle", pipeline.Org, wordIndex(t, tr, 0, "Kaggle"), 1, ""),
	}}
	return Input{
		Alignment: al, Entities: e, Quotes: q, Chapters: ch,
		Title: "How Jeremy Howard got into deep learning", Show: "The Sample Show",
		AudioURL: "episode.wav",
	}
}
