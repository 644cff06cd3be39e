package captions

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
	"github.com/shownotes/shownotes/stages/transcript"
)

func files(out *pipeline.Output) map[string][]byte {
	m := map[string][]byte{}
	for _, f := range out.Files {
		m[f.Name] = f.Data
	}
	return m
}

func TestGoldenSample(t *testing.T) {
	al := testcorpus.MustEpisode(t, testcorpus.Sample(), testcorpus.EpisodeOptions{Timed: true})
	out, err := Render(context.Background(), al)
	if err != nil {
		t.Fatal(err)
	}
	fs := files(out)
	for _, name := range []string{"alignment.json", "transcript.json", "transcript.vtt", "transcript.srt"} {
		if fs[name] == nil {
			t.Fatalf("Render(sample) wrote no %s", name)
		}
		testcorpus.Golden(t, "sample."+name, fs[name])
	}
	checkVTT(t, fs["transcript.vtt"], al.Transcript)
}

func TestGoldenSeedUntimed(t *testing.T) {
	tr, err := transcript.ParseFile(filepath.Join(testcorpus.Root(), "testdata", "seed.txt"), transcript.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := Render(context.Background(), &pipeline.Alignment{Transcript: tr, Method: "none"})
	if err != nil {
		t.Fatal(err)
	}
	fs := files(out)
	if len(fs) != 1 || fs["alignment.json"] == nil {
		t.Fatalf("Render(untimed) wrote %d files, want alignment.json only", len(fs))
	}
	var doc struct {
		Duration *float64
		Words    []struct {
			Text  string
			Start *float64
		}
	}
	if err := json.Unmarshal(fs["alignment.json"], &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Duration != nil || len(doc.Words) != len(tr.Words) {
		t.Fatalf("untimed alignment.json: duration %v, %d words; want null, %d", doc.Duration, len(doc.Words), len(tr.Words))
	}
	for i, w := range doc.Words {
		if w.Start != nil || w.Text != tr.Words[i].Text {
			t.Fatalf("untimed alignment.json word %d = %q at %v, want %q at null", i, w.Text, *w.Start, tr.Words[i].Text)
		}
	}
	testcorpus.Golden(t, "seed-untimed.alignment.json", fs["alignment.json"])
}

var cueTime = regexp.MustCompile(`^(\d\d):(\d\d):(\d\d)\.(\d\d\d) --> (\d\d):(\d\d):(\d\d)\.(\d\d\d)$`)

type vttCue struct {
	start, end float64
	lines      []string
}

// parseVTT reads back WebVTT as written here: the header, then cues of a
// timing line and text lines separated by blank lines.
func parseVTT(b []byte) ([]vttCue, error) {
	sc := bufio.NewScanner(bytes.NewReader(b))
	if !sc.Scan() || sc.Text() != "WEBVTT" {
		return nil, fmt.Errorf("no WEBVTT header")
	}
	var cues []vttCue
	var cur *vttCue
	for sc.Scan() {
		l := sc.Text()
		switch {
		case l == "":
			cur = nil
		case cur == nil:
			m := cueTime.FindStringSubmatch(l)
			if m == nil {
				return nil, fmt.Errorf("bad timing line %q", l)
			}
			var v [8]int
			for i := range v {
				v[i], _ = strconv.Atoi(m[i+1])
			}
			cues = append(cues, vttCue{
				start: float64(v[0]*3600+v[1]*60+v[2]) + float64(v[3])/1000,
				end:   float64(v[4]*3600+v[5]*60+v[6]) + float64(v[7])/1000,
			})
			cur = &cues[len(cues)-1]
		default:
			cur.lines = append(cur.lines, l)
		}
	}
	return cues, sc.Err()
}

var voiceTag = regexp.MustCompile(`^<v [^<>&]*(?:&(?:amp|lt|gt);[^<>&]*)*>`)

// checkVTT checks cue count, monotonic times, line limits, escaping and
// that the cues carry every word in order.
func checkVTT(t *testing.T, b []byte, tr *pipeline.Transcript) {
	t.Helper()
	cues, err := parseVTT(b)
	if err != nil {
		t.Fatalf("parseVTT: %v", err)
	}
	if len(cues) == 0 {
		t.Fatal("VTT has no cues")
	}
	var words []string
	for i, c := range cues {
		if c.end <= c.start {
			t.Errorf("cue %d: end %.3f <= start %.3f", i, c.end, c.start)
		}
		if i > 0 && c.start < cues[i-1].start {
			t.Errorf("cue %d starts at %.3f before cue %d at %.3f", i, c.start, i-1, cues[i-1].start)
		}
		if len(c.lines) == 0 || len(c.lines) > 2 {
			t.Errorf("cue %d has %d lines, want 1..2", i, len(c.lines))
		}
		for j, l := range c.lines {
			if j == 0 {
				l = voiceTag.ReplaceAllString(l, "")
			}
			if strings.ContainsAny(l, "<>") || strings.Contains(strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(l, "&amp;", ""), "&lt;", ""), "&gt;", ""), "&") {
				t.Errorf("cue %d line %q is not escaped", i, l)
			}
			if n := len([]rune(l)); n > 42 && len(strings.Fields(l)) > 1 {
				t.Errorf("cue %d line %q has %d characters", i, l, n)
			}
			for _, w := range strings.Fields(l) {
				words = append(words, strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(w))
			}
		}
		if c.end-c.start > 7.5 {
			t.Logf("cue %d lasts %.1f s", i, c.end-c.start)
		}
	}
	var want []string
	for _, w := range tr.Words {
		want = append(want, strings.Fields(w.Text)...)
	}
	if strings.Join(words, " ") != strings.Join(want, " ") {
		t.Errorf("VTT words differ from the transcript's: %d words, want %d", len(words), len(want))
	}
}

func TestCorpusVTT(t *testing.T) {
	for _, name := range []string{"seed", "ss45", "ss260"} {
		t.Run(name, func(t *testing.T) {
			dir := testcorpus.NeedRenderedText(t, name)
			al := testcorpus.MustEpisode(t, dir, testcorpus.EpisodeOptions{Timed: true})
			cues := Cues(al.Transcript, CaptionLimits)
			checkVTT(t, VTT(cues), al.Transcript)
			long := 0
			for _, c := range cues {
				if c.End-c.Start > 7.5 {
					long++
				}
			}
			t.Logf("%s: %d cues, %d longer than 7.5 s", name, len(cues), long)
		})
	}
}

func tr(words ...string) *pipeline.Transcript {
	t := &pipeline.Transcript{Turns: []pipeline.Turn{{Speaker: "A & <B>", Words: pipeline.Span{First: 0, End: len(words)}}}}
	for i, w := range words {
		t.Words = append(t.Words, pipeline.Word{Text: w, Speaker: "A & <B>", Start: float64(i), End: float64(i) + 0.5})
	}
	return t
}

func TestEscaping(t *testing.T) {
	got := string(VTT(Cues(tr("<script>alert(1)</script>", "&", "-->", "ok."), CaptionLimits)))
	want := "WEBVTT\n\n00:00:00.000 --> 00:00:03.500\n<v A &amp; &lt;B&gt;>&lt;script&gt;alert(1)&lt;/script&gt; &amp; --&gt; ok.\n"
	if got != want {
		t.Errorf("VTT(escaping) =\n%q\nwant\n%q", got, want)
	}
	srt := string(SRT(Cues(tr("Hi", "there."), CaptionLimits)))
	if want := "1\n00:00:00,000 --> 00:00:01,500\nA & <B>: Hi there.\n"; srt != want {
		t.Errorf("SRT = %q, want %q", srt, want)
	}
}

func TestStamp(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		sep  string
		want string
	}{
		{0, ".", "00:00:00.000"},
		{-1, ",", "00:00:00,000"},
		{pipeline.NoTime, ".", "00:00:00.000"},
		{61.2345, ".", "00:01:01.235"},
		{3725.9996, ",", "01:02:06,000"},
	} {
		if got := stamp(tc.in, tc.sep); got != tc.want {
			t.Errorf("stamp(%v, %q) = %q, want %q", tc.in, tc.sep, got, tc.want)
		}
	}
}

func TestCueLimits(t *testing.T) {
	var words []string
	for i := range 60 {
		words = append(words, fmt.Sprintf("word%d", i))
	}
	words[59] += "."
	cues := Cues(tr(words...), CaptionLimits)
	for i, c := range cues {
		if c.End-c.Start > CaptionLimits.Seconds {
			t.Errorf("cue %d lasts %.1f s, want <= 7", i, c.End-c.Start)
		}
		if i > 0 && c.TurnStart {
			t.Errorf("cue %d marked as a turn start", i)
		}
	}
	if !cues[0].TurnStart {
		t.Error("first cue not marked as a turn start")
	}
}

func FuzzRender(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join(testcorpus.Sample(), "transcript.vtt")); err == nil {
		f.Add(string(b), 0.3)
	}
	f.Add("a <b> & c\n\n--> d.", -1.0)
	f.Fuzz(func(t *testing.T, text string, step float64) {
		words := strings.Fields(text)
		if len(words) == 0 {
			return
		}
		tt := tr(words...)
		for i := range tt.Words {
			tt.Words[i].Start = float64(i) * step
			tt.Words[i].End = float64(i)*step + step/2
		}
		out, err := Render(context.Background(), &pipeline.Alignment{Transcript: tt, Timed: true, Duration: step * float64(len(words))})
		if err != nil {
			t.Fatal(err)
		}
		fs := files(out)
		if _, err := parseVTT(fs["transcript.vtt"]); err != nil {
			t.Fatalf("VTT does not parse back: %v", err)
		}
		for _, name := range []string{"alignment.json", "transcript.json"} {
			if !json.Valid(fs[name]) {
				t.Fatalf("%s is not valid JSON", name)
			}
		}
	})
}

// Issue 13 problem 10: SRT lines hold at most 32 characters (Podcasting
// 2.0's guidance), the speaker's name included; VTT keeps 42.
func TestSRTLineWidth(t *testing.T) {
	al := testcorpus.MustEpisode(t, testcorpus.Sample(), testcorpus.EpisodeOptions{Timed: true})
	long := *al
	tr := *al.Transcript
	tr.Words = append([]pipeline.Word(nil), tr.Words...)
	for i := range tr.Words {
		tr.Words[i].Speaker = "Dr. Maximiliane Featherstonehaugh-Worthington"
	}
	tr.Turns = append([]pipeline.Turn(nil), tr.Turns...)
	for i := range tr.Turns {
		tr.Turns[i].Speaker = "Dr. Maximiliane Featherstonehaugh-Worthington"
	}
	long.Transcript = &tr
	for name, a := range map[string]*pipeline.Alignment{"sample": al, "long speaker name": &long} {
		out, err := Render(context.Background(), a)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range out.Files {
			if f.Name != "transcript.srt" {
				continue
			}
			for _, l := range strings.Split(string(f.Data), "\n") {
				if n := len([]rune(l)); n > 32 && strings.Contains(l, " ") {
					t.Errorf("%s: SRT line of %d characters: %q", name, n, l)
				}
			}
			if !strings.Contains(string(f.Data), "Featherstonehaugh") && name != "sample" {
				t.Errorf("%s: SRT lost the speaker's name", name)
			}
		}
	}
}
