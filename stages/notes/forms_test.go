package notes

import (
	"context"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/chapters"
	"github.com/shownotes/shownotes/stages/entities"
	"github.com/shownotes/shownotes/stages/quotes"
)

// TestForms: the three forms of untimed notes, every part present (a
// chapter without a time gets a dash in text; links only where the form has
// them).
func TestForms(t *testing.T) {
	n, err := Render(context.Background(), Input{
		Transcript:    &pipeline.Transcript{Header: pipeline.Header{Guest: "Ada *Lovelace*", Bio: "Writer"}},
		Chapters:      &chapters.Chapters{Chapters: []chapters.Chapter{{Start: pipeline.NoTime, Title: "Engines & looms"}}},
		Quotes:        &quotes.Quotes{Quotes: []quotes.Quote{{Text: "It weaves <patterns>.", Speaker: "Ada"}}},
		Entities:      &entities.Entities{Entities: []entities.Entity{{Name: "Babbage", Type: pipeline.Person, Link: "https://example.com/b(1)"}}},
		TranscriptURL: "https://example.com/t",
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ form, got, want string }{
		{"html", n.HTML, "<p>Guest: Ada *Lovelace* — Writer</p>\n<p>Chapters</p>\n<ul>\n<li>Engines &amp; looms</li>\n</ul>\n" +
			"<p>Quotes</p>\n<ul>\n<li>“It weaves &lt;patterns&gt;.” — Ada</li>\n</ul>\n" +
			"<p>People mentioned: <a href=\"https://example.com/b(1)\">Babbage</a></p>\n<p><a href=\"https://example.com/t\">Read the transcript</a></p>\n"},
		{"markdown", n.Markdown, "**Guest:** Ada \\*Lovelace\\* — Writer\n\n## Chapters\n\n- Engines \\& looms\n\n" +
			"## Quotes\n\n- “It weaves \\<patterns\\>.” — Ada\n\n" +
			"**People mentioned:** [Babbage](https://example.com/b%281%29)\n\n[Read the transcript](https://example.com/t)\n"},
		{"text", n.Text, "Guest: Ada *Lovelace* — Writer\n\nChapters\n- Engines & looms\n\n" +
			"Quotes\n“It weaves <patterns>.” — Ada\n\n" +
			"People mentioned: Babbage\n\nTranscript: https://example.com/t\n"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %q, want %q", tc.form, tc.got, tc.want)
		}
	}
}
