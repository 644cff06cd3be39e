package chapters

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
	"github.com/shownotes/shownotes/stages/lexical"
)

var chapterN = regexp.MustCompile(`(?i)^(chapter|part|section)\s*\d+$`)

// checkChapters checks the rules every chapter list must keep.
func checkChapters(t *testing.T, name string, al *pipeline.Alignment, chs []Chapter, minN, maxN int) {
	t.Helper()
	if len(chs) < minN || len(chs) > maxN {
		t.Errorf("%s: %d chapters, want %d..%d", name, len(chs), minN, maxN)
	}
	seen := map[string]bool{}
	words := al.Transcript.Words
	for i, c := range chs {
		if i == 0 && (c.Words.First != 0 || (al.Timed && c.Start != 0)) {
			t.Errorf("%s: first chapter starts at word %d, time %v; want 0, 0", name, c.Words.First, c.Start)
		}
		if i > 0 && c.Words.First != chs[i-1].Words.End {
			t.Errorf("%s: chapter %d starts at word %d, previous ends at %d", name, i, c.Words.First, chs[i-1].Words.End)
		}
		if al.Timed && i > 0 && c.Start != words[c.Words.First].Start {
			t.Errorf("%s: chapter %d Start = %v, want its first word's %v", name, i, c.Start, words[c.Words.First].Start)
		}
		if times, timing := lexical.WordTimes(al.Transcript); !al.Timed && timing == lexical.Untimed && pipeline.Known(c.Start) {
			t.Errorf("%s: untimed chapter %d has Start %v", name, i, c.Start)
		} else if timing == lexical.Approximate && i > 0 && c.Start != times[c.Words.First] {
			t.Errorf("%s: chapter %d Start = %v, want the stamps' time of its first word, %v", name, i, c.Start, times[c.Words.First])
		}
		var length float64
		if al.Timed {
			end := al.Duration
			if i+1 < len(chs) {
				end = chs[i+1].Start
			}
			length = end - c.Start
		} else {
			length = float64(c.Words.Len()) / wordsPerSecond
		}
		if len(chs) > 1 && length < minChapter {
			t.Errorf("%s: chapter %d %q lasts %.1f s, want >= 60", name, i, c.Title, length)
		}
		if n := len([]rune(c.Title)); n == 0 || n > MaxTitle {
			t.Errorf("%s: title %q has %d characters, want 1..%d", name, c.Title, n, MaxTitle)
		}
		if chapterN.MatchString(c.Title) {
			t.Errorf("%s: generic title %q", name, c.Title)
		}
		if seen[strings.ToLower(c.Title)] {
			t.Errorf("%s: duplicate title %q", name, c.Title)
		}
		seen[strings.ToLower(c.Title)] = true
	}
}

func TestCorpusChapters(t *testing.T) {
	for _, name := range []string{"seed", "seed-hard", "ss45", "ss260"} {
		t.Run(name, func(t *testing.T) {
			dir := testcorpus.NeedRenderedText(t, name)
			for _, timed := range []bool{true, false} {
				al := testcorpus.MustEpisode(t, dir, testcorpus.EpisodeOptions{Timed: timed})
				got, err := Find(context.Background(), al, Options{})
				if err != nil {
					t.Fatal(err)
				}
				checkChapters(t, fmt.Sprintf("%s timed=%v", name, timed), al, got.Chapters, 5, 12)
				if testing.Verbose() {
					for _, c := range got.Chapters {
						st := float64(c.Words.First) / wordsPerSecond
						if timed {
							st = c.Start
						}
						t.Logf("%s timed=%v (%02d:%02d) %s  [%s]", name, timed, int(st)/60, int(math.Mod(st, 60)), c.Title, firstWords(al.Transcript, c.Words, 12))
					}
				}
			}
		})
	}
}

func firstWords(t *pipeline.Transcript, s pipeline.Span, n int) string {
	e := min(s.End, s.First+n)
	return t.Words[s.First].Speaker + ": " + t.Text(pipeline.Span{First: s.First, End: e})
}
