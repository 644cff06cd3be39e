package page

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shownotes/shownotes/stages/chapters"
	"github.com/shownotes/shownotes/stages/entities"
	"github.com/shownotes/shownotes/stages/quotes"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
)

// chromium returns the Chromium (or Chrome) executable, or "".
// $SHOWNOTES_CHROME overrides the search.
func chromium() string {
	if p := os.Getenv("SHOWNOTES_CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser is a tab of a headless Chromium that records console errors and
// uncaught exceptions.
type browser struct {
	ctx  context.Context
	mu   sync.Mutex
	errs []string
}

// The tests share one Chromium, started by the first that needs it and
// stopped by TestMain.
var shared struct {
	once   sync.Once
	ctx    context.Context
	cancel []context.CancelFunc
	dir    string
	err    error
}

func TestMain(m *testing.M) {
	code := m.Run()
	for i := len(shared.cancel) - 1; i >= 0; i-- {
		shared.cancel[i]()
	}
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

func startChromium(exe string) {
	shared.dir, shared.err = os.MkdirTemp("", "shownotes-chromium-")
	if shared.err != nil {
		return
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(shared.dir),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("autoplay-policy", "no-user-gesture-required"),
		chromedp.WindowSize(1000, 800),
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	shared.cancel = append(shared.cancel, acancel, bcancel)
	// The first action starts the browser, bound to the context it runs
	// with: that must be bctx itself, not a context with a timeout. A
	// timer stops a start that hangs.
	timer := time.AfterFunc(20*time.Second, bcancel)
	defer timer.Stop()
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		shared.err = fmt.Errorf("start %s: %w", exe, err)
		return
	}
	shared.ctx = bctx
}

// newBrowser opens a tab in the shared Chromium (skipping the test when
// there is no Chromium); its actions fail after timeout.
func newBrowser(t *testing.T, timeout time.Duration) *browser {
	t.Helper()
	exe := chromium()
	if exe == "" {
		testcorpus.Missing(t, "no Chromium executable found (apt-get install chromium, or set SHOWNOTES_CHROME): skipping browser test")
	}
	shared.once.Do(func() { startChromium(exe) })
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	b := &browser{}
	tctx, tcancel := chromedp.NewContext(shared.ctx, chromedp.WithListener(func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				b.record("console." + string(ev.Type) + ": " + strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			b.record(fmt.Sprintf("exception at %d:%d: %s", d.LineNumber, d.ColumnNumber, msg))
		}
	}))
	t.Cleanup(tcancel)
	ctx, cancel := context.WithTimeout(tctx, timeout)
	t.Cleanup(cancel)
	b.ctx = ctx
	b.do(t, chromedp.EmulateViewport(1000, 800))
	return b
}

func (b *browser) record(s string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.errs = append(b.errs, s)
}

// checkErrors fails the test for every console error or exception so far.
func (b *browser) checkErrors(t *testing.T) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.errs {
		t.Errorf("page: %s", e)
	}
	b.errs = nil
}

func (b *browser) do(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, b *browser, js string) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// open loads a page and waits until its audio has metadata (when it has
// audio).
// The page loads afresh even when only the fragment differs from the
// page shown.
func (b *browser) open(t *testing.T, u string) {
	t.Helper()
	b.do(t, chromedp.Navigate("about:blank"), chromedp.Navigate(u))
	var err error
	for try := 0; try < 5; try++ {
		_, err = chromedp.Run(b.ctx, chromedp.Poll[bool](`!document.getElementById("a") || document.getElementById("a").readyState >= 1`,
			chromedp.WithPollingTimeout(5*time.Second)))
		// Right after a navigation the protocol may still name the old
		// page's JavaScript context: try again.
		if err == nil || !strings.Contains(err.Error(), "Cannot find context") {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("audio of %s never loaded its metadata: %v", u, err)
	}
}

// writePage renders in into a fresh directory beside a copy of the
// sample's audio and returns the page's file:// URL.
func writePage(t *testing.T, in Input) string {
	t.Helper()
	dir := t.TempDir()
	cfg := &pipeline.Config{AudioPath: filepath.Join(dir, "audio", "episode.wav"), OutDir: filepath.Join(dir, "out")}
	in.AudioURL = AudioURL(cfg)
	if in.AudioURL != "../audio/episode.wav" {
		t.Fatalf("AudioURL = %q, want ../audio/episode.wav", in.AudioURL)
	}
	wav, err := os.ReadFile(filepath.Join(testcorpus.Sample(), "episode.wav"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"audio", "out"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(cfg.AudioPath, wav, 0o644); err != nil {
		t.Fatal(err)
	}
	data, err := Render(in)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(cfg.OutDir, "episode.html")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(p)}).String()
}

// current is what the page highlights: the word and its start.
type current struct {
	Text  string  `json:"text"`
	Start float64 `json:"start"`
	Time  float64 `json:"time"`
	N     int     `json:"n"`
}

const currentJS = `(function(){var w=document.querySelectorAll("#tx .on");var a=document.getElementById("a");
return {text:w.length?w[0].textContent:"",start:w.length?parseFloat(w[0].getAttribute("data-start")):-1,time:a?a.currentTime:-1,n:w.length}})()`

// wordAt is the index of the word the page should highlight at time sec:
// the last word starting at or before it, the word whose interval holds
// sec when there is one.
func wordAt(tr *pipeline.Transcript, sec float64) int {
	at, last := -1, -1.0
	for i, w := range tr.Words {
		s := math.Max(w.Start, last) // the page reads starts as non-decreasing
		if s <= sec {
			at = i
		}
		last = s
	}
	return at
}

// screenshot saves the whole page (full) or the viewport as a PNG under
// os.TempDir() and logs its path.
func screenshot(t *testing.T, b *browser, name string, full bool) {
	t.Helper()
	shot := chromedp.CaptureScreenshot()
	if full {
		shot = chromedp.FullScreenshot(100)
	}
	png, err := chromedp.Run(b.ctx, shot)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	p := filepath.Join(os.TempDir(), "shownotes-page-"+name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
}

// setMedia emulates a media feature (prefers-color-scheme: dark, …).
func setMedia(t *testing.T, b *browser, feature, value string) {
	t.Helper()
	if _, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: feature, Value: value}},
	}); err != nil {
		t.Fatal(err)
	}
}

func setColorScheme(t *testing.T, b *browser, scheme string) {
	t.Helper()
	setMedia(t, b, "prefers-color-scheme", scheme)
}

func near(a, b float64) bool { return math.Abs(a-b) <= 0.1 }

func TestBrowserSample(t *testing.T) {
	b := newBrowser(t, 60*time.Second)
	in := sampleInput(t, testcorpus.Sample())
	tr := in.Alignment.Transcript
	u := writePage(t, in)

	t.Run("fragment opens at 0:20", func(t *testing.T) {
		b.open(t, u+"#t=0:20")
		// The seek waits for the metadata: poll until it is applied.
		if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`Math.abs(document.getElementById("a").currentTime-20)<0.1`,
			chromedp.WithPollingTimeout(3*time.Second))); err != nil {
			t.Fatalf("audio.currentTime never reached 20: %v", err)
		}
		got := eval[current](t, b, currentJS)
		want := tr.Words[wordAt(tr, 20)]
		if got.Text != want.Text || !near(got.Start, want.Start) || got.N != 1 {
			t.Errorf("#t=0:20 highlights %q at %.3f (%d highlighted), want %q at %.3f", got.Text, got.Start, got.N, want.Text, want.Start)
		}
		top := eval[float64](t, b, `document.querySelector("#tx .on").getBoundingClientRect().top`)
		if vh := eval[float64](t, b, `innerHeight`); top < 0 || top > vh {
			t.Errorf("#t=0:20: highlighted word at y=%.0f, outside the %.0f px viewport", top, vh)
		}
	})

	t.Run("third chapter seeks", func(t *testing.T) {
		b.open(t, u)
		b.do(t, chromedp.Click(chromedp.CSS("#ch li:nth-child(3) a")))
		want := in.Chapters.Chapters[2].Start
		got := eval[current](t, b, currentJS)
		if !near(got.Time, want) {
			t.Errorf("after clicking chapter 3, audio.currentTime = %.3f, want %.3f", got.Time, want)
		}
		if w := tr.Words[in.Chapters.Chapters[2].Words.First]; got.Text != w.Text {
			t.Errorf("after clicking chapter 3, highlighted %q, want %q", got.Text, w.Text)
		}
		h := eval[string](t, b, `location.hash`)
		if h != "#t=0:30.5" {
			t.Errorf("after clicking chapter 3, location.hash = %q, want #t=0:30.5", h)
		}
		// The link itself, opened afresh, lands on the chapter's first
		// word, not at the end of the sentence before (issue 13).
		b.open(t, u+h)
		if got := eval[current](t, b, currentJS); got.Text != tr.Words[in.Chapters.Chapters[2].Words.First].Text {
			t.Errorf("opening %s highlights %q, want the chapter's first word %q", h, got.Text, tr.Words[in.Chapters.Chapters[2].Words.First].Text)
		}
		if cur := eval[string](t, b, `(document.querySelector("#ch a[aria-current]")||{}).textContent||""`); !strings.Contains(cur, "Thanks") {
			t.Errorf("current chapter = %q, want Thanks", cur)
		}
	})

	t.Run("currentTime highlights its word", func(t *testing.T) {
		for _, i := range []int{0, 5, 17, 40, len(tr.Words) / 2, len(tr.Words) - 1} {
			w := tr.Words[i]
			mid := (w.Start + w.End) / 2
			if i > 0 && tr.Words[i-1].Start > w.Start {
				continue // out of order in truth.json: no interval holds it alone
			}
			got := eval[current](t, b, fmt.Sprintf(`new Promise(function(res){var a=document.getElementById("a");
a.addEventListener("seeked",function(){requestAnimationFrame(function(){res(%s)})},{once:true});a.currentTime=%f})`, currentJS, mid))
			if got.Text != w.Text || !near(got.Start, w.Start) {
				t.Errorf("currentTime = %.3f highlights %q at %.3f, want %q at %.3f", mid, got.Text, got.Start, w.Text, w.Start)
			}
		}
	})

	t.Run("word click seeks", func(t *testing.T) {
		w := tr.Words[20]
		b.do(t, chromedp.Click(chromedp.CSS("#tx span[data-start]:nth-of-type(21)")))
		got := eval[current](t, b, currentJS)
		if !near(got.Time, w.Start) || got.Text != w.Text {
			t.Errorf("click on %q: currentTime = %.3f, highlighted %q, want %.3f", w.Text, got.Time, got.Text, w.Start)
		}
	})

	t.Run("fragments", func(t *testing.T) {
		for _, tc := range []struct {
			hash string
			want float64
		}{
			{"#t=12.5", 12.5},
			{"#t=0:00:25", 25},
			{"#t=7", 7},
			{"#t=0:33", 33},
			{"#t=1:05", math.NaN()}, // beyond the end: clamped to the duration
			{"#t=bogus", math.NaN()},
			{"#t=1:99", math.NaN()},
		} {
			before := eval[float64](t, b, `document.getElementById("a").currentTime`)
			got := eval[float64](t, b, fmt.Sprintf(`new Promise(function(res){location.hash=%q;setTimeout(function(){res(document.getElementById("a").currentTime)},50)})`, tc.hash))
			switch {
			case tc.hash == "#t=1:05":
				if d := eval[float64](t, b, `document.getElementById("a").duration`); !near(got, d) {
					t.Errorf("%s: currentTime = %.3f, want the duration %.3f", tc.hash, got, d)
				}
			case math.IsNaN(tc.want):
				if got != before {
					t.Errorf("%s: currentTime = %.3f, want unchanged %.3f", tc.hash, got, before)
				}
			case !near(got, tc.want):
				t.Errorf("%s: currentTime = %.3f, want %.3f", tc.hash, got, tc.want)
			}
		}
	})

	t.Run("keyboard", func(t *testing.T) {
		eval[chromedp.Void](t, b, `document.activeElement&&document.activeElement.blur();document.getElementById("a").currentTime=10`)
		b.do(t, chromedp.KeyEvent(kb.ArrowRight))
		if got := eval[float64](t, b, `document.getElementById("a").currentTime`); !near(got, 15) {
			t.Errorf("ArrowRight from 10 s: currentTime = %.3f, want 15", got)
		}
		b.do(t, chromedp.KeyEvent(kb.ArrowLeft), chromedp.KeyEvent(kb.ArrowLeft))
		if got := eval[float64](t, b, `document.getElementById("a").currentTime`); !near(got, 5) {
			t.Errorf("ArrowLeft twice from 15 s: currentTime = %.3f, want 5", got)
		}
		b.do(t, chromedp.KeyEvent(" "))
		if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`!document.getElementById("a").paused`, chromedp.WithPollingTimeout(3*time.Second))); err != nil {
			t.Fatalf("space did not start playback: %v", err)
		}
		// Playing moves the highlight along.
		if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`(function(){var w=document.querySelector("#tx .on");return w&&parseFloat(w.getAttribute("data-start"))>5.2})()`,
			chromedp.WithPollingTimeout(3*time.Second))); err != nil {
			t.Errorf("the highlight did not follow playback: %v", err)
		}
		b.do(t, chromedp.KeyEvent(" "))
		if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`document.getElementById("a").paused`, chromedp.WithPollingTimeout(3*time.Second))); err != nil {
			t.Errorf("space did not pause: %v", err)
		}
	})

	t.Run("copy link", func(t *testing.T) {
		eval[chromedp.Void](t, b, `document.getElementById("a").currentTime=20.4`)
		b.do(t, chromedp.Click(chromedp.ID("cp")))
		got, err := chromedp.Run(b.ctx, chromedp.Poll[string](`(function(){var s=document.getElementById("st"),i=s.querySelector("input");return i?i.value:s.textContent})()`,
			chromedp.WithPollingTimeout(3*time.Second)))
		if err != nil {
			t.Fatalf("copy link showed nothing: %v", err)
		}
		if !strings.HasSuffix(got, "episode.html#t=0:20") {
			t.Errorf("copy link at 20.4 s gave %q, want …episode.html#t=0:20", got)
		}
	})

	t.Run("keeps the word in view unless the reader scrolled", func(t *testing.T) {
		// With reduced motion the page scrolls at once (no smooth scrolling).
		setMedia(t, b, "prefers-reduced-motion", "reduce")
		defer setMedia(t, b, "prefers-reduced-motion", "no-preference")
		b.open(t, u) // at the top; the last turn is below the fold
		const inView = `(function(){var e=document.querySelector("#tx .on");if(!e)return false;var r=e.getBoundingClientRect();return r.top>=document.querySelector(".bar").getBoundingClientRect().bottom&&r.bottom<=innerHeight})()`
		last := len(tr.Words) - 1
		eval[chromedp.Void](t, b, fmt.Sprintf(`document.getElementById("a").currentTime=%f`, tr.Words[last].Start+0.05))
		if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](inView, chromedp.WithPollingTimeout(3*time.Second))); err != nil {
			t.Errorf("the highlighted word %q was not scrolled into view: %v", tr.Words[last].Text, err)
		}
		y := eval[float64](t, b, `scrollY`)
		if later := eval[float64](t, b, `new Promise(function(res){setTimeout(function(){res(scrollY)},300)})`); later != y {
			t.Errorf("with reduced motion the page still scrolls: y=%.0f, then %.0f", y, later)
		}
		// The reader scrolls back to the top: the page leaves them there.
		eval[chromedp.Void](t, b, `window.dispatchEvent(new WheelEvent("wheel"));window.scrollTo({top:0,behavior:"instant"})`)
		eval[chromedp.Void](t, b, fmt.Sprintf(`document.getElementById("a").currentTime=%f`, tr.Words[last-3].Start+0.05))
		got, err := chromedp.Run(b.ctx, chromedp.Evaluate[float64](`new Promise(function(res){setTimeout(function(){res(scrollY)},600)})`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if got != 0 {
			t.Errorf("after the reader scrolled to the top, the page scrolled to y=%.0f, want 0", got)
		}
		if w := eval[current](t, b, currentJS); w.Text != tr.Words[last-3].Text {
			t.Errorf("highlighted %q, want %q", w.Text, tr.Words[last-3].Text)
		}
	})

	t.Run("phone 360px", func(t *testing.T) {
		b.do(t, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
		defer b.do(t, chromedp.EmulateViewport(1000, 800))
		for _, scheme := range []string{"light", "dark"} {
			setColorScheme(t, b, scheme)
			b.open(t, u+"#t=0:17")
			sw := eval[float64](t, b, `document.documentElement.scrollWidth`)
			cw := eval[float64](t, b, `document.documentElement.clientWidth`)
			if sw > cw {
				t.Errorf("%s: scrollWidth %.0f > clientWidth %.0f at 360 px: horizontal scrolling", scheme, sw, cw)
			}
			screenshot(t, b, "sample-360-"+scheme, false)
		}
		setColorScheme(t, b, "light")
	})

	t.Run("desktop screenshots", func(t *testing.T) {
		for _, scheme := range []string{"light", "dark"} {
			setColorScheme(t, b, scheme)
			b.open(t, u)
			bg := eval[string](t, b, `getComputedStyle(document.body).backgroundColor`)
			if dark := bg == "rgb(20, 22, 26)"; dark != (scheme == "dark") {
				t.Errorf("%s scheme: body background %s", scheme, bg)
			}
			screenshot(t, b, "sample-"+scheme, true)
			b.open(t, u+"#t=0:20")
			screenshot(t, b, "sample-"+scheme+"-t20", false)
		}
		setColorScheme(t, b, "light")
	})

	b.checkErrors(t)
}

// TestBrowserPhoneLongWords checks the 360 px layout on a page made to
// overflow: a long unbroken token, a long speaker name, a long chapter
// title and entity link.
func TestBrowserPhoneLongWords(t *testing.T) {
	b := newBrowser(t, 30*time.Second)
	long := strings.Repeat("supercalifragilistic", 8)
	speaker := "Professor " + strings.Repeat("Longname", 6)
	tr := &pipeline.Transcript{}
	for i, w := range []string{"See", "https://example.com/" + long, "and", long + "."} {
		tr.Words = append(tr.Words, pipeline.Word{Text: w, Speaker: speaker, Start: float64(i), End: float64(i) + 0.9})
	}
	tr.Turns = []pipeline.Turn{{Speaker: speaker, Words: pipeline.Span{First: 0, End: len(tr.Words)}, Time: pipeline.NoTime}}
	in := Input{
		Alignment: &pipeline.Alignment{Transcript: tr, Timed: true, Duration: 5},
		Chapters:  &chapters.Chapters{Chapters: []chapters.Chapter{{Start: 3723, Title: "A chapter " + long}}},
		Entities:  &entities.Entities{Entities: []entities.Entity{{Name: long, Type: pipeline.Work, Mentions: 12, FirstMention: pipeline.Ptr(1), Link: "https://example.com/" + long}}},
		Quotes:    &quotes.Quotes{Quotes: []quotes.Quote{{Text: long, Speaker: speaker, Start: pipeline.Ptr(3)}}},
		Title:     "Title " + long,
	}
	u := writePage(t, in)
	b.do(t, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	b.open(t, u)
	b.do(t, chromedp.Click(chromedp.ID("cp"))) // the copy-link fallback shows a long URL
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`document.getElementById("st").textContent!==""`, chromedp.WithPollingTimeout(3*time.Second))); err != nil {
		t.Fatalf("copy link showed nothing: %v", err)
	}
	sw := eval[float64](t, b, `document.documentElement.scrollWidth`)
	cw := eval[float64](t, b, `document.documentElement.clientWidth`)
	if sw > cw {
		t.Errorf("scrollWidth %.0f > clientWidth %.0f at 360 px: horizontal scrolling", sw, cw)
	}
	screenshot(t, b, "long-360", true)
	b.checkErrors(t)
}

// TestBrowserUntimed loads the page of an untimed run that has audio (the
// alignment failed, say): a player that #t= still moves, a transcript with
// nothing to seek or highlight, and no errors.
func TestBrowserUntimed(t *testing.T) {
	b := newBrowser(t, 30*time.Second)
	in := sampleInput(t, testcorpus.Sample())
	al := *in.Alignment
	al.Timed = false
	in.Alignment = &al
	u := writePage(t, in)
	b.open(t, u+"#t=0:20")
	if n := eval[int](t, b, `document.querySelectorAll("audio").length`); n != 1 {
		t.Errorf("untimed page with audio has %d players, want 1", n)
	}
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`Math.abs(document.getElementById("a").currentTime-20)<0.1`,
		chromedp.WithPollingTimeout(3*time.Second))); err != nil {
		t.Errorf("untimed page: #t=0:20 did not move the player: %v", err)
	}
	if n := eval[int](t, b, `document.querySelectorAll("[data-start],[data-t]").length`); n != 0 {
		t.Errorf("untimed page has %d timed elements, want 0", n)
	}
	if n := eval[int](t, b, `document.querySelectorAll("#tx .on").length`); n != 0 {
		t.Errorf("untimed page highlights %d words, want 0", n)
	}
	text := eval[string](t, b, `document.getElementById("tx").textContent`)
	if !strings.Contains(text, "Thank you.") {
		t.Errorf("untimed transcript text lacks %q", "Thank you.")
	}
	b.checkErrors(t)
}

// TestBrowserLong loads the page of a 3-hour, 30,000-word episode (no
// audio: the fragment moves the highlight alone) and checks that the
// highlight lands on the right word near the end; it logs the load time.
func TestBrowserLong(t *testing.T) {
	b := newBrowser(t, 30*time.Second)
	a := synthetic(30000)
	data, err := Render(Input{Alignment: a, Chapters: syntheticChapters(a)})
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "episode.html")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(p)}).String()
	b.open(t, u+"#t=2:30:00")
	tr := a.Transcript
	for _, hash := range []string{"", "#t=1:00:00.2", "#t=10799", "#t=0:00:00"} {
		if hash != "" {
			eval[chromedp.Void](t, b, fmt.Sprintf(`location.hash=%q`, hash))
		}
		h := eval[string](t, b, `location.hash`)
		want := map[string]float64{"#t=2:30:00": 9000, "#t=1:00:00.2": 3600.2, "#t=10799": 10799, "#t=0:00:00": 0}[h]
		w := tr.Words[wordAt(tr, want)]
		got := eval[current](t, b, currentJS)
		if got.Text != w.Text || !near(got.Start, w.Start) || got.N != 1 {
			t.Errorf("%s: highlighted %q at %.3f (%d), want %q at %.3f", h, got.Text, got.Start, got.N, w.Text, w.Start)
		}
	}
	load := eval[float64](t, b, `(function(){var n=performance.getEntriesByType("navigation")[0];return n.loadEventEnd-n.startTime})()`)
	t.Logf("30,000-word page (%d bytes): loaded in %.0f ms", len(data), load)
	b.checkErrors(t)
}

// TestBrowserAudioUnreachable opens a page whose published audio cannot be
// loaded: the page says so, and ?audio= points it at the local copy.
func TestBrowserAudioUnreachable(t *testing.T) {
	b := newBrowser(t, 30*time.Second)
	in := sampleInput(t, testcorpus.Sample())
	u := writePage(t, in)
	// The same page with an audio URL that does not exist.
	p := strings.TrimPrefix(u, "file://")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(filepath.Dir(p), "missing.html")
	os.WriteFile(bad, bytes.Replace(data, []byte(`src="../audio/episode.wav"`), []byte(`src="../audio/nope.mp3"`), 1), 0o644)
	badURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(bad)}).String()
	b.do(t, chromedp.Navigate(badURL))
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`!document.getElementById("ae").hidden`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Errorf("unreachable audio: the page does not say so: %v", err)
	}
	b.open(t, badURL+"?audio=../audio/episode.wav")
	if hidden := eval[bool](t, b, `document.getElementById("ae").hidden`); !hidden {
		t.Error("?audio= with a reachable file: the page still says the audio is unreachable")
	}
}
