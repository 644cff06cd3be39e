package align

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/evaluation"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
	"github.com/shownotes/shownotes/stages/audio"
	"github.com/shownotes/shownotes/stages/audio/features"
	"github.com/shownotes/shownotes/stages/transcript"
)

func seq(vals ...int8) *matrix {
	return &matrix{n: len(vals), dim: 1, data: vals}
}

func TestDTW(t *testing.T) {
	tests := []struct {
		name string
		a, b *matrix
		want string // the path as i:j pairs
	}{
		{"identity", seq(1, 2, 3), seq(1, 2, 3), "0:0 1:1 2:2"},
		{"real pause", seq(1, 0, 0, 0, 2), seq(1, 0, 2), "0:0 1:1 2:1 3:1 4:2"},
		{"synthetic longer", seq(1, 2), seq(1, 1, 1, 2), "0:0 0:1 0:2 1:3"},
	}
	for _, tc := range tests {
		path, _ := dtw(tc.a, tc.b, diagonalBand(tc.a.n, tc.b.n, 10), dtwOptions{})
		var parts []string
		for _, c := range path {
			parts = append(parts, fmt.Sprintf("%d:%d", c.i, c.j))
		}
		if got := strings.Join(parts, " "); got != tc.want {
			t.Errorf("dtw(%s) = %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestDTWOpenEnds(t *testing.T) {
	// Real audio: music (9) before and after the words 1 2 3.
	a := seq(9, 9, 9, 1, 2, 3, 9, 9)
	b := seq(1, 2, 3)
	path, _ := dtw(a, b, diagonalBand(a.n, b.n, 10), dtwOptions{Skip: 0.1})
	first, last := path[0], path[len(path)-1]
	if first.i != 3 || last.i != 5 {
		t.Errorf("dtw(open ends) path from row %d to %d, want 3 to 5 (music skipped)", first.i, last.i)
	}
}

func TestPathBand(t *testing.T) {
	// A coarse diagonal path projected at factor 2 with no widening
	// covers each fine cell of the coarse cells.
	path := []cell{{0, 0}, {1, 1}}
	b := pathBand(path, 2, 4, 4, 0)
	want := [][2]int32{{0, 1}, {0, 1}, {2, 3}, {2, 3}}
	for i, w := range want {
		if b.lo[i] != w[0] || b.hi[i] != w[1] {
			t.Errorf("pathBand row %d = [%d,%d], want [%d,%d]", i, b.lo[i], b.hi[i], w[0], w[1])
		}
	}
}

func TestSyllables(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{{"cat", 1}, {"table", 1}, {"neural", 2}, {"simultaneously.", 5}, {"2010", 5}, {"a", 1}}
	for _, tc := range tests {
		if got := syllables(tc.in); got != tc.want {
			t.Errorf("syllables(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestSpeakable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hi,", "Hi,"}, {"[Cruder", "Cruder"}, {"—", ""}, {"...", ""}, {"Dobbs'", "Dobbs'"}, {"<b>x</b>", "bxb"},
		{"https://www.example.com/a?utm=1", ""}, {"example.com/x?utm_source=pod", ""}, {"oneschema.co/lenny", "oneschema.colenny"}, {"example.com", "example.com"}, {"U.S.", "U.S."}, {"and/or", "andor"},
	}
	for _, tc := range tests {
		if got := speakable(tc.in); got != tc.want {
			t.Errorf("speakable(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFill(t *testing.T) {
	x := []bool{true, false, true, true, false, false, false, true}
	fill(x, false, 2)
	want := []bool{true, true, true, true, false, false, false, true}
	if fmt.Sprint(x) != fmt.Sprint(want) {
		t.Errorf("fill = %v, want %v", x, want)
	}
}

// loadSample parses and decodes the committed sample episode.
func loadSample(t *testing.T, transcriptPath string) (*pipeline.Transcript, *pipeline.Audio) {
	t.Helper()
	dir := testcorpus.Sample()
	tr, err := transcript.ParseFile(transcriptPath, transcript.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := audio.Decode(context.Background(), filepath.Join(dir, "episode.wav"), audio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return tr, a
}

func needSynth(t *testing.T) {
	t.Helper()
	if _, err := loadEspeak(); err != nil {
		testcorpus.Missing(t, "eSpeak NG missing (%v): the synthesis aligner cannot be tested here", err)
	}
}

// TestSampleAccuracy asserts the alignment targets on the committed sample.
func TestSampleAccuracy(t *testing.T) {
	needSynth(t)
	dir := testcorpus.Sample()
	tr, a := loadSample(t, filepath.Join(dir, "transcript.txt"))
	var warns []string
	al, err := Align(context.Background(), tr, a, Options{}, func(s string) { warns = append(warns, s) })
	if err != nil {
		t.Fatalf("Align() = %v", err)
	}
	if al.Method != "acoustic" || len(warns) > 0 {
		t.Errorf("Align() method %q, warnings %q; want acoustic and none", al.Method, warns)
	}
	s := scoreAgainstTruth(t, al, filepath.Join(dir, "truth.json"))
	if s.Coverage < 0.99 || s.WordMedianMs > 20 || s.WordP95Ms > 100 || s.WordWithin250 < 0.97 || s.SentP95Ms > 200 {
		t.Errorf("sample alignment = %+v, want coverage ≥ 0.99, median ≤ 20 ms, p95 ≤ 100 ms, ≥ 97%% within 250 ms, sentence p95 ≤ 200 ms", s)
	}
	for _, w := range al.Transcript.Words {
		if !(w.End >= w.Start) || w.Start < 0 || w.End > a.Duration+0.01 || w.Confidence < 0 || w.Confidence > 1 {
			t.Fatalf("word %+v has times outside the audio or a bad confidence", w)
		}
	}
	if !math.IsNaN(tr.Words[0].Start) {
		t.Error("Align modified its input transcript")
	}
}

func scoreAgainstTruth(t *testing.T, al *pipeline.Alignment, truthPath string) evaluation.AlignScores {
	t.Helper()
	truth, err := evaluation.ReadTruth(truthPath)
	if err != nil {
		t.Fatal(err)
	}
	var words []evaluation.TimedWord
	for _, w := range al.Transcript.Words {
		words = append(words, evaluation.TimedWord{Text: w.Text, Start: w.Start, End: w.End})
	}
	return evaluation.ScoreAlignment(truth, words)
}

// otherTranscript is a transcript of some other audio than the sample.
func otherTranscript(t *testing.T) *pipeline.Transcript {
	t.Helper()
	text := strings.Repeat("The weather in the mountains changes quickly, so hikers pack rain jackets and warm socks. "+
		"Our guide told us about the old mining towns and the railway that carried silver to the coast. ", 3)
	other, err := transcript.Parse(strings.NewReader(text), transcript.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return other
}

// TestWrongTranscript: a transcript that does not belong to the audio is
// refused or warned about, never aligned with confidence.
func TestWrongTranscript(t *testing.T) {
	needSynth(t)
	_, a := loadSample(t, filepath.Join(testcorpus.Sample(), "transcript.txt"))
	other := otherTranscript(t)
	var warns []string
	al, err := Align(context.Background(), other, a, Options{}, func(s string) { warns = append(warns, s) })
	if errors.Is(err, ErrNoMatch) {
		return
	}
	if err != nil {
		t.Fatalf("Align(wrong transcript) = %v, want ErrNoMatch or a warning", err)
	}
	high := 0
	for _, w := range al.Transcript.Words {
		if w.Confidence > 0.5 {
			high++
		}
	}
	if len(warns) == 0 && high > len(al.Transcript.Words)/4 {
		t.Errorf("Align(wrong transcript): no warning and %d of %d words confident", high, len(al.Transcript.Words))
	}
}

// TestWrongTranscriptAcousticOnly: without the synthesiser (a build
// without cgo) the acoustic search alone warns about another audio's
// transcript, and not about the sample's own.
func TestWrongTranscriptAcousticOnly(t *testing.T) {
	tr, a := loadSample(t, filepath.Join(testcorpus.Sample(), "transcript.txt"))
	tests := []struct {
		name     string
		tr       *pipeline.Transcript
		wantWarn bool
	}{
		{"another audio's transcript", otherTranscript(t), true},
		{"the sample's own", tr, false},
	}
	for _, tc := range tests {
		var warns []string
		_, err := Align(context.Background(), tc.tr, a, Options{NoSynth: true}, func(s string) { warns = append(warns, s) })
		if err != nil {
			t.Fatalf("Align(%s, NoSynth) = %v", tc.name, err)
		}
		got := slices.ContainsFunc(warns, func(w string) bool { return strings.Contains(w, "fit the audio poorly") })
		if got != tc.wantWarn {
			t.Errorf("Align(%s, NoSynth): warnings %q, want one about a poor fit: %v", tc.name, warns, tc.wantWarn)
		}
	}
}

// TestNoSpeech: audio with no speech gives a warning, not a crash.
func TestNoSpeech(t *testing.T) {
	tr, _ := loadSample(t, filepath.Join(testcorpus.Sample(), "transcript.txt"))
	ex := features.NewExtractor(features.Config{})
	silence := make([]float32, 16000*20)
	seed := uint32(1)
	for i := range silence {
		seed = seed*1664525 + 1013904223
		silence[i] = (float32(seed>>8)/float32(1<<24) - 0.5) * 2e-4
	}
	ex.Write(silence)
	a := &pipeline.Audio{Duration: 20, Features: ex.Features()}
	var warns []string
	al, err := Align(context.Background(), tr, a, Options{}, func(s string) { warns = append(warns, s) })
	if err != nil || len(warns) == 0 || !strings.Contains(warns[0], "no speech") {
		t.Fatalf("Align(silence) = %v, warnings %q; want a 'no speech' warning", err, warns)
	}
	for _, w := range al.Transcript.Words {
		if w.Confidence != 0 {
			t.Fatalf("word %q has confidence %v on silent audio, want 0", w.Text, w.Confidence)
		}
	}
}

// TestFallback: without the synthesiser the acoustic models search left
// to right from the start (what a build without cgo does), as accurately
// as with it on the sample; without them too, the voice-activity spread
// gives times within the audio, in order, with a low confidence.
func TestFallback(t *testing.T) {
	dir := testcorpus.Sample()
	tr, a := loadSample(t, filepath.Join(dir, "transcript.txt"))
	al, err := Align(context.Background(), tr, a, Options{NoSynth: true}, nil)
	if err != nil || al.Method != "acoustic-vad" {
		t.Fatalf("Align(NoSynth) = %v, method %q, want acoustic-vad", err, al.Method)
	}
	if s := scoreAgainstTruth(t, al, filepath.Join(dir, "truth.json")); s.WordMedianMs > 20 || s.WordP95Ms > 100 || s.WordWithin250 < 0.97 {
		t.Errorf("sequential acoustic alignment of the sample = %+v, want median ≤ 20 ms, p95 ≤ 100 ms, ≥ 97%% within 250 ms", s)
	}

	al, err = Align(context.Background(), tr, a, Options{NoSynth: true, NoAcoustic: true}, nil)
	if err != nil || al.Method != "vad-fallback" {
		t.Fatalf("Align(NoSynth, NoAcoustic) = %v, method %q", err, al.Method)
	}
	prev := 0.0
	for _, w := range al.Transcript.Words {
		if w.Start < prev || w.End > a.Duration+0.01 || w.Confidence > 0.5 {
			t.Fatalf("fallback word %+v out of order, outside the audio or confident", w)
		}
		prev = w.Start
	}
	s := scoreAgainstTruth(t, al, filepath.Join(dir, "truth.json"))
	t.Logf("fallback on the sample: median %.0f ms, p95 %.0f ms, within 250 ms %.2f", s.WordMedianMs, s.WordP95Ms, s.WordWithin250)
}

func TestUntimed(t *testing.T) {
	tr := &pipeline.Transcript{Words: []pipeline.Word{{Text: "hello", Start: 1}}}
	al, err := Align(context.Background(), tr, nil, Options{}, nil)
	if err != nil || al.Timed || pipeline.Known(al.Transcript.Words[0].Start) {
		t.Errorf("Align(no audio) = %+v, %v; want untimed words", al, err)
	}
}

func TestCancelled(t *testing.T) {
	needSynth(t)
	tr, a := loadSample(t, filepath.Join(testcorpus.Sample(), "transcript.txt"))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Align(ctx, tr, a, Options{}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("Align(cancelled) = %v, want context.Canceled", err)
	}
}

// TestCorpusAccuracy checks the bar on the rendered corpus episodes
// (skipped where they are not rendered).
func TestCorpusAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus alignment is slow; skipped in -short")
	}
	needSynth(t)
	for _, name := range []string{"seed", "seed-hard"} {
		t.Run(name, func(t *testing.T) {
			dir := testcorpus.NeedRendered(t, name)
			tr, err := transcript.ParseFile(filepath.Join(dir, "transcript.txt"), transcript.Options{})
			if err != nil {
				t.Fatal(err)
			}
			a, err := audio.Decode(context.Background(), filepath.Join(dir, "episode.wav"), audio.Options{})
			if err != nil {
				t.Fatal(err)
			}
			al, err := Align(context.Background(), tr, a, Options{}, func(s string) { t.Log("warning: " + s) })
			if err != nil {
				t.Fatal(err)
			}
			s := scoreAgainstTruth(t, al, filepath.Join(dir, "truth.json"))
			t.Logf("%s: %+v", name, s)
			if s.Coverage < 0.99 || s.WordMedianMs > 20 || s.WordP95Ms > 100 || s.WordWithin250 < 0.97 || s.SentP95Ms > 200 {
				t.Errorf("%s alignment misses the bar: %+v", name, s)
			}
		})
	}
}

// TestShortAudio: audio cut short (22 s of the 41-s sample, its whole
// transcript) is warned about, and the words it does not hold are not
// claimed with confidence.
func TestShortAudio(t *testing.T) {
	needSynth(t)
	dir := testcorpus.Sample()
	tr, a := loadSample(t, filepath.Join(dir, "transcript.txt"))
	const cut = 22.0
	n := int(cut * a.Features.FrameRate)
	f := *a.Features
	f.Data, f.Energy = f.Data[:n*f.Dim], f.Energy[:n]
	short := *a
	short.Features, short.Duration = &f, cut
	var warns []string
	al, err := Align(context.Background(), tr, &short, Options{}, func(s string) { warns = append(warns, s) })
	if err != nil {
		t.Fatalf("Align(22 s of the sample) = %v", err)
	}
	if !slices.ContainsFunc(warns, func(w string) bool { return strings.Contains(w, "cut short") }) {
		t.Errorf("Align(22 s of the sample): warnings %q, want one saying the audio may be cut short", warns)
	}
	truth, err := evaluation.ReadTruth(filepath.Join(dir, "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	// the words spoken after the cut, by the truth's times
	missing, confident := 0, 0
	ref := truthStarts(al, truth)
	for i, w := range al.Transcript.Words {
		if ref[i] > cut+1 {
			missing++
			if w.Confidence >= 0.5 {
				confident++
				t.Logf("word %d %q at %.2f (truth %.2f) confidence %.2f", i, w.Text, w.Start, ref[i], w.Confidence)
			}
		}
	}
	if missing == 0 || confident > 0 {
		t.Errorf("%d words are spoken after the cut, %d of them with confidence ≥ 0.5; want some, none", missing, confident)
	}
}

// TestFitsAudio: a transcript far longer than the audio can hold is refused
// from the file's header, before any synthesis.
func TestFitsAudio(t *testing.T) {
	wav := filepath.Join(testcorpus.Sample(), "episode.wav") // 41 s
	for _, tc := range []struct {
		words   int
		wantErr bool
	}{{79, false}, {300, false}, {5000, true}, {170000, true}} {
		tr, err := transcript.Parse(strings.NewReader(strings.Repeat("word ", tc.words)), transcript.Options{})
		if err != nil {
			t.Fatal(err)
		}
		err = fitsAudio(tr, wav)
		if (err != nil) != tc.wantErr || (err != nil && !errors.Is(err, ErrNoMatch)) {
			t.Errorf("fitsAudio(%d words, 41 s) = %v, want error %v (ErrNoMatch)", tc.words, err, tc.wantErr)
		}
	}
	if err := fitsAudio(&pipeline.Transcript{}, "no-such-file.wav"); err != nil {
		t.Errorf("fitsAudio(missing file) = %v, want nil (the audio stage reports it)", err)
	}
}

// TestPartialTranscript: a transcript of only the first half of the audio
// is reported as leaving speech uncovered, and none of its words placed
// over a second wrong claims confidence.
func TestPartialTranscript(t *testing.T) {
	needSynth(t)
	dir := testcorpus.Sample()
	full, err := os.ReadFile(filepath.Join(dir, "transcript.txt"))
	if err != nil {
		t.Fatal(err)
	}
	cut := strings.Index(string(full), "Jeremy Howard\n\nThank you.")
	if cut < 0 {
		t.Fatal("sample transcript changed: no second turn")
	}
	tr, err := transcript.Parse(strings.NewReader(string(full[:cut])), transcript.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, a := loadSample(t, filepath.Join(dir, "transcript.txt"))
	var warns []string
	al, err := Align(context.Background(), tr, a, Options{}, func(s string) { warns = append(warns, s) })
	if err != nil {
		t.Fatalf("Align(first turn only) = %v", err)
	}
	if !slices.ContainsFunc(warns, func(w string) bool { return strings.Contains(w, "does not cover") }) {
		t.Errorf("Align(first turn only): warnings %q (method %s), want one about speech the transcript does not cover", warns, al.Method)
	}
	truth, err := evaluation.ReadTruth(filepath.Join(dir, "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	ref := truthStarts(al, truth)
	for i, w := range al.Transcript.Words {
		if i > 0 && ref[i] < ref[i-1] {
			continue // the render's truth puts "who's" before "I'm": not a reference
		}
		if off := math.Abs(w.Start - ref[i]); off > 1 && w.Confidence >= 0.5 {
			t.Errorf("word %d %q is %.1f s off with confidence %.2f", i, w.Text, off, w.Confidence)
		}
	}
}

// TestUnspokenURL: a long web address written in the transcript but not
// spoken does not push its neighbours off.
func TestUnspokenURL(t *testing.T) {
	needSynth(t)
	dir := testcorpus.Sample()
	full, err := os.ReadFile(filepath.Join(dir, "transcript.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(full), "Welcome.", "Welcome. https://www.example.com/some/very/long/path/to/a/landing-page?utm_source=podcast&utm_medium=audio&utm_campaign=episode-42", 1)
	tr, err := transcript.Parse(strings.NewReader(text), transcript.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, a := loadSample(t, filepath.Join(dir, "transcript.txt"))
	al, err := Align(context.Background(), tr, a, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s := scoreAgainstTruth(t, al, filepath.Join(dir, "truth.json")); s.WordP95Ms > 250 || s.WordWithin250 < 0.95 {
		t.Errorf("with an unspoken URL: %+v, want p95 ≤ 250 ms and ≥ 95%% within 250 ms", s)
	}
}

// truthStarts gives each aligned word the start of the truth token it
// matches, as the scorer matches them (normalised text, in order), or NaN.
func truthStarts(al *pipeline.Alignment, truth *evaluation.Truth) []float64 {
	words := make([]string, len(al.Transcript.Words))
	for i, w := range al.Transcript.Words {
		words[i] = w.Text
	}
	return evaluation.TruthStarts(truth, words)
}
