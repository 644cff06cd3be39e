package summary

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
	"github.com/shownotes/shownotes/stages/align"
	"github.com/shownotes/shownotes/stages/lexical"
	"github.com/shownotes/shownotes/stages/tags"
	"github.com/shownotes/shownotes/stages/transcript"
)

// warnings records the runner's warnings.
type warnings struct{ got []string }

func (w *warnings) StageStart(string, string)              {}
func (w *warnings) StageDone(string, time.Duration, error) {}
func (w *warnings) Warn(stage, msg string)                 { w.got = append(w.got, stage+": "+msg) }

// TestStageContract checks the stage as the runner sees it (what the
// summary says is the editorial tests' business): a valid declaration, a
// *Summary of at most three sentences of the transcript, in order;
// an empty summary, not an error, without an alignment; a warning when the
// transcript has too few sentences; and a cancelled context honoured.
func TestStageContract(t *testing.T) {
	if err := pipeline.Validate(Stage); err != nil {
		t.Fatal(err)
	}
	cfg := &pipeline.Config{TranscriptPath: filepath.Join(testcorpus.Sample(), "transcript.txt")}
	w := &warnings{}
	res, err := (&pipeline.Runner{Progress: w}).Run(context.Background(), cfg, Stage)
	if err != nil {
		t.Fatal(err)
	}
	s, ok := res[Stage].(*Summary)
	if !ok || s == nil {
		t.Fatalf("summary result = %T, want *Summary", res[Stage])
	}
	al := pipeline.Result[*pipeline.Alignment](res, align.Stage)
	full := al.Transcript.Text(spanAll(al.Transcript))
	if len(s.Sentences) == 0 || len(s.Sentences) > 3 {
		t.Errorf("summary has %d sentences, want 1-3", len(s.Sentences))
	}
	at := 0
	for _, x := range s.Sentences {
		i := strings.Index(full[at:], x)
		if i < 0 {
			t.Errorf("summary sentence %q is not in the transcript after the previous one", x)
			continue
		}
		at += i + len(x)
	}

	// A nil alignment: an empty summary, no error.
	got, err := run(context.Background(), &pipeline.Pass{Stage: Stage, ResultOf: map[*pipeline.Stage]any{align.Stage: (*pipeline.Alignment)(nil), tags.Stage: (*lexical.Tagging)(nil)}})
	if err != nil || got.(*Summary) == nil || len(got.(*Summary).Sentences) != 0 {
		t.Errorf("run(no alignment) = %v, %v; want an empty summary", got, err)
	}

	// Too few sentences: a warning, not an error.
	tiny := filepath.Join(t.TempDir(), "tiny.txt")
	os.WriteFile(tiny, []byte("Ann\n\nHello there.\n"), 0o644)
	w = &warnings{}
	if _, err := (&pipeline.Runner{Progress: w}).Run(context.Background(), &pipeline.Config{TranscriptPath: tiny}, Stage); err != nil {
		t.Fatalf("run(tiny) = %v, want a warning only", err)
	}
	if !strings.Contains(strings.Join(w.got, "\n"), "summary: summary has 0 sentences") {
		t.Errorf("warnings = %q, want the summary's too-few-sentences warning", w.got)
	}

	// A cancelled context ends the stage with the context's error.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	pass := &pipeline.Pass{Stage: Stage, Config: cfg, ResultOf: map[*pipeline.Stage]any{align.Stage: al, tags.Stage: (*lexical.Tagging)(nil)}}
	if _, err := run(ctx, pass); !errors.Is(err, context.Canceled) {
		t.Errorf("run(cancelled) = %v, want context.Canceled", err)
	}
}

// TestWhoAndWhat: the summary names the guest in full first, then who they
// are, then what the episode covers, when the introduction says all three
// ("Ann is …" and "Today my guest is Ann Lee." are not a repeat).
func TestWhoAndWhat(t *testing.T) {
	text := "Host: Welcome back everyone to the show about making things. Today my guest is Ann Lee. " +
		"Ann is a painter who has covered more than forty walls across three continents. Ann is also a teacher of young painters in her town. " +
		"In our conversation, we get into how she plans a mural, how she works with towns and why color matters so much.\n\n" +
		"Ann Lee: Thanks for having me. I plan every mural with the people who walk past it every day.\n\n" +
		"Host: How do you pick the colors for a wall?\n\n" +
		"Ann Lee: I pick the colors from the street itself, the doors and the shop signs, because the wall should belong there."
	s := summarizeText(t, text, 3)
	// who in full, then who she is (either "Ann is …"), then what it covers
	n := len(s.Sentences)
	if n != 3 || s.Sentences[0] != "Today my guest is Ann Lee." || !strings.HasPrefix(s.Sentences[1], "Ann is ") ||
		!strings.HasPrefix(s.Sentences[2], "In our conversation") {
		t.Errorf("Summarize = %q, want the introduction, an \"Ann is\" sentence and the \"In our conversation\" one", s.Sentences)
	}
}

// TestColdOpenLeftOut: the guest's clips before the host first speaks are
// the episode's teaser, not its description, when the host then introduces
// the guest.
func TestColdOpenLeftOut(t *testing.T) {
	// a cold open as chapters count one: 30 words or more of clips before
	// the host's introduction, a turn of 50 words or more
	text := "Ann Lee: Every painter on the street is acting like the town owes them a wall and endless time to finish it. " +
		"Nobody owes you a wall, and the sooner you learn that, the sooner the town lets you paint one.\n\n" +
		"Host: Welcome back everyone to the show about making things. Today my guest is Ann Lee. " +
		"Ann is a painter who has covered more than forty walls across three continents. " +
		"She also teaches young painters in her town, and she plans every mural with the people who live and work around it.\n\n" +
		"Ann Lee: Thanks for having me. I plan every mural with the people who walk past it every day.\n\n" +
		"Host: How do you pick the colors for a wall?\n\n" +
		"Ann Lee: I pick the colors from the street itself, the doors and the shop signs, because the wall should belong there."
	s := summarizeText(t, text, 3)
	if len(s.Sentences) == 0 || s.Sentences[0] != "Today my guest is Ann Lee." {
		t.Errorf("Summarize = %q, want it to open with the introduction, not the cold open", s.Sentences)
	}
	for _, x := range s.Sentences {
		if strings.HasPrefix(x, "Every painter") {
			t.Errorf("Summarize = %q holds the cold open's %q", s.Sentences, x)
		}
	}
}

// summarizeText parses text and summarizes it in n sentences.
func summarizeText(t *testing.T, text string, n int) *Summary {
	t.Helper()
	tr, err := transcript.Parse(strings.NewReader(text), transcript.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Summarize(context.Background(), tr, Options{Sentences: n})
	if err != nil {
		t.Fatal(err)
	}
	return s
}
