package pipeline

import (
	"math"
	"strings"
	"unicode"
)

// NoTime marks a time that is not known: a word not yet aligned, a chapter of
// a transcript-only run, a transcript without timestamps. Test with Known.
var NoTime = math.NaN()

// Known reports whether t is a real time (not NoTime).
func Known(t float64) bool { return !math.IsNaN(t) && !math.IsInf(t, 0) }

// Header is what a transcript says about the episode before its first turn.
type Header struct {
	Title    string   // the episode or show title, when the transcript gives one
	Guest    string   // the guest's name
	Bio      string   // the guest's one-line bio
	Speakers []string // speakers named in the header, in order
}

// Word is one spoken token of the transcript, in transcript order. Text is the
// transcript's own token (punctuation may stay attached, e.g. "Hi,").
type Word struct {
	Text    string
	Speaker string // normalised speaker name ("" when the transcript has none)
	Turn    int    // index into Transcript.Turns
	Para    int    // index into Transcript.Paragraphs
	// Anchor is a time the transcript itself gives for this word (a
	// bracketed "[word 00:02:25]" note, a turn header's time, a caption's
	// start), or NoTime.
	Anchor float64
	// Uncertain marks the word of a "[word 00:02:25]" note: the transcriber
	// was unsure of it, but it is spoken.
	Uncertain bool

	// Filled by alignment (NoTime before).
	Start, End float64
	// Confidence in [0,1] that Start/End are right; 0 before alignment.
	Confidence float64
}

// Span is a half-open range [First, End) of word indices.
type Span struct{ First, End int }

// Len is the number of words in the span.
func (s Span) Len() int { return s.End - s.First }

// Turn is one speaker's uninterrupted contribution.
type Turn struct {
	Speaker string
	Words   Span
	// Time is the turn's start as the transcript gives it (a Rev/Otter
	// header time, a caption start), or NoTime.
	Time float64
}

// Note is a bracketed transcriber's note ("[crosstalk]", "[inaudible
// 00:01:02]", "[music]"). Notes are never spoken text: they do not reach
// the aligner, entities or quotes.
type Note struct {
	Kind string  // lower-cased first word: "crosstalk", "inaudible", "laughter", "music", …
	Text string  // the note as written, without brackets
	Time float64 // the time it carries, or NoTime
	// Before is the index of the first word after the note (len(Words) at
	// the end).
	Before int
}

// HidesSpeech reports a note that stands for words the transcriber could
// not write down ("[inaudible]", "[crosstalk]", "[foreign]"): text read
// across it is not what was said.
func (n Note) HidesSpeech() bool { return hidingNotes[n.Kind] }

var hidingNotes = map[string]bool{"inaudible": true, "unintelligible": true, "indiscernible": true,
	"incomprehensible": true, "crosstalk": true, "cross": true, "overlapping": true, "overtalk": true, "foreign": true}

// Transcript is the parsed transcript: the same model whatever the input
// layout (plain, Rev/Otter/Descript, WebVTT, SRT, Podcasting 2.0 JSON, text).
type Transcript struct {
	Format     string // the layout detected or forced: "plain", "rev", "vtt", "srt", "json", "text"
	Header     Header
	Words      []Word
	Turns      []Turn
	Paragraphs []Span
	Sentences  []Span // sentence boundaries never cross turns
	Notes      []Note
}

// Speakers lists the distinct speakers of the turns in order of first turn.
func (t *Transcript) Speakers() []string {
	var out []string
	seen := map[string]bool{}
	for _, tu := range t.Turns {
		if tu.Speaker != "" && !seen[tu.Speaker] {
			seen[tu.Speaker] = true
			out = append(out, tu.Speaker)
		}
	}
	return out
}

// Hosts names the show's hosts among the speakers, keyed by the speaker
// name as in Turn.Speaker and Word.Speaker. The rule, used by the chapter
// finder, the summarizer and the quote picker:
//  1. the configured hosts (podcast.toml) that match a speaker, ignoring
//     case and surrounding space, or whose first name is the speaker's
//     one-word label ("Alex" for "Alex Wang");
//  2. else, with one speaker or none, nobody (a monologue has no host);
//  3. else, when Header.Guest is one of the speakers, every other speaker;
//  4. else the speaker whose turns most often end in a question, as a
//     share of their turns (a guest may ask rhetorical questions inside
//     long answers, a host's turns end in questions): the first speaker
//     unless another's share is more than 0.1 higher.
func (t *Transcript) Hosts(configured []string) map[string]bool {
	return t.hosts(configured)
}

// Guest is the episode's guest: the one the header names, or, when the
// header describes a guest (a bio line) without naming them, the one speaker
// who is not a host (see Hosts). "" when neither says. A configured host is
// never the guest. See also People, which lists every host and guest.
func (t *Transcript) Guest(configuredHosts []string) string {
	if g := strings.TrimSpace(t.Header.Guest); g != "" {
		for _, h := range configuredHosts {
			if strings.EqualFold(strings.Join(strings.Fields(h), " "), strings.Join(strings.Fields(g), " ")) {
				return ""
			}
		}
		return DisplayName(g)
	}
	if strings.TrimSpace(t.Header.Bio) == "" {
		return ""
	}
	hosts := t.Hosts(configuredHosts)
	guest := ""
	for _, s := range t.Speakers() {
		if !hosts[s] {
			if guest != "" {
				return "" // two or more: which one the bio describes is unknown
			}
			guest = s
		}
	}
	return DisplayName(guest)
}

// DisplayName is a person's name as notes and titles show it: a speaker
// label written in capitals ("KUNAL SHAH", as some transcribers label
// turns) in title case ("Kunal Shah", "O'Neil", "Jean-Luc"; words of one
// or two letters stay); any other name as written.
func DisplayName(name string) string {
	if strings.ToUpper(name) != name || strings.ToLower(name) == name {
		return name
	}
	words := strings.Fields(name)
	for i, w := range words {
		if len(w) <= 2 {
			continue // initials and short forms ("DJ", "J.") stay
		}
		r := []rune(strings.ToLower(w))
		for k := range r {
			if k == 0 || r[k-1] == '\'' || r[k-1] == '-' || r[k-1] == '.' {
				r[k] = unicode.ToUpper(r[k])
			}
		}
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

func (t *Transcript) hosts(configured []string) map[string]bool {
	set := map[string]bool{}
	speakers := t.Speakers()
	for _, name := range configured {
		name = strings.Join(strings.Fields(name), " ")
		for _, s := range speakers {
			if strings.EqualFold(name, s) || firstName(name, s) {
				set[s] = true
			}
		}
	}
	if len(set) > 0 || len(speakers) < 2 {
		return set
	}
	if g := strings.TrimSpace(t.Header.Guest); g != "" {
		for _, s := range speakers {
			if !strings.EqualFold(s, g) {
				set[s] = true
			}
		}
		if len(set) > 0 && len(set) < len(speakers) {
			return set
		}
		clear(set)
	}
	// the one speaker who introduces the show or the guest ("Welcome to
	// Lenny's Podcast", "Today my guest is …") hosts it, whoever speaks
	// first (a cold open) and however the turns are cut
	if h := introducer(t); h != "" {
		set[h] = true
		return set
	}
	turns, asks := map[string]int{}, map[string]int{}
	for _, tu := range t.Turns {
		if tu.Words.Len() <= 0 || tu.Words.First < 0 || tu.Words.End > len(t.Words) {
			continue
		}
		turns[tu.Speaker]++
		last := strings.TrimRight(t.Words[tu.Words.End-1].Text, `"')]”’`)
		if strings.HasSuffix(last, "?") {
			asks[tu.Speaker]++
		}
	}
	share := func(s string) float64 { return float64(asks[s]) / float64(max(1, turns[s])) }
	best := speakers[0]
	for _, s := range speakers[1:] {
		if share(s) > share(best)+0.1 {
			best = s
		}
	}
	set[best] = true
	return set
}

// hostLines are what only a host says: the show's welcome, the guest's
// introduction.
var hostLines = []string{"my guest is", "my guests are", "my guest today is", "our guest today is",
	"our guest is", "i'm your host", "i am your host", "welcome to", "welcome back to", "'s podcast, where"}

// HostLine reports text that says a host's line: the show's welcome
// ("Hello, and welcome to season 5 …") or the guest's introduction ("Today
// my guest is …").
func HostLine(text string) bool {
	text = strings.ToLower(strings.ReplaceAll(text, "’", "'"))
	for _, l := range hostLines {
		if strings.Contains(text, l) {
			return true
		}
	}
	return false
}

// introducer is the one speaker whose turns say a host's line, "" when
// none or several do.
func introducer(t *Transcript) string {
	who := ""
	for _, tu := range t.Turns {
		if tu.Words.Len() <= 0 || tu.Words.First < 0 || tu.Words.End > len(t.Words) || who == tu.Speaker {
			continue
		}
		if HostLine(t.Text(tu.Words)) {
			if who != "" {
				return "" // two speakers introduce: co-hosts, or a guest quoting
			}
			who = tu.Speaker
		}
	}
	return who
}

// firstName reports whether the one-word speaker label is the first word of
// the full name (of two words or more), ignoring case.
func firstName(full, label string) bool {
	f := strings.Fields(full)
	return len(f) > 1 && !strings.Contains(strings.TrimSpace(label), " ") && strings.EqualFold(f[0], strings.TrimSpace(label))
}

// Text joins the words of a span with single spaces.
func (t *Transcript) Text(s Span) string {
	n := 0
	for i := s.First; i < s.End; i++ {
		n += len(t.Words[i].Text) + 1
	}
	b := make([]byte, 0, n)
	for i := s.First; i < s.End; i++ {
		if i > s.First {
			b = append(b, ' ')
		}
		b = append(b, t.Words[i].Text...)
	}
	return string(b)
}

// SpanTime returns the start of the span's first word and the end of its last
// word (NoTime when unaligned).
func (t *Transcript) SpanTime(s Span) (start, end float64) {
	if s.Len() <= 0 {
		return NoTime, NoTime
	}
	return t.Words[s.First].Start, t.Words[s.End-1].End
}

// Audio describes the decoded episode audio.
type Audio struct {
	Path       string
	SampleRate int     // of the file
	Channels   int     // of the file
	Bits       int     // bits per sample of the file
	Float      bool    // IEEE float samples
	Duration   float64 // seconds
	// Features of the audio as the aligner reads them, at FrameRate frames
	// per second. Computed while decoding so the samples are never all in
	// memory.
	Features *Features
}

// Features are per-frame acoustic features of a stretch of audio.
type Features struct {
	FrameRate float64   // frames per second
	Dim       int       // coefficients per frame
	Data      []float32 // len = Frames()*Dim, frame-major
	Energy    []float32 // log energy per frame (dB)
	// Acoustic holds AcousticDim cepstra per frame computed as the
	// acoustic phone models were trained (CMU Sphinx's front end: 25 mel
	// filters of unit area over 130–6800 Hz, C0..C12, lifter 22), before
	// mean normalisation; nil when not computed.
	Acoustic []float32
}

// AcousticDim is the number of coefficients per frame of Features.Acoustic.
const AcousticDim = 13

// Frames is the number of frames.
func (f *Features) Frames() int {
	if f == nil || f.Dim == 0 {
		return 0
	}
	return len(f.Data) / f.Dim
}

// Frame returns frame i's coefficients.
func (f *Features) Frame(i int) []float32 { return f.Data[i*f.Dim : (i+1)*f.Dim] }

// Alignment is the aligner's result: the transcript's words carry Start, End
// and Confidence; this adds what the run learned about the match.
type Alignment struct {
	// Transcript is a copy of the parsed transcript whose words carry
	// Start, End and Confidence (NoTime and 0 when the run has no audio).
	Transcript *Transcript
	Method     string  // "acoustic", "acoustic-vad" (no synthesiser), "espeak-dtw", "vad-fallback", "none" without audio
	Timed      bool    // false when there was no audio: every time is NoTime
	Duration   float64 // audio duration, seconds
	Warnings   []string
}

// Entity types: the kinds the entities stage gives (entities.Entity.Type)
// and a glossary entry may set.
const (
	Person = "PERSON"
	Org    = "ORG"
	Place  = "PLACE"
	Work   = "WORK"
	Other  = "OTHER"
)

// Ptr returns a pointer to t, or nil when t is NoTime; for JSON fields that
// are null when untimed.
func Ptr(t float64) *float64 {
	if !Known(t) {
		return nil
	}
	return &t
}

// File is one output file, written into the output directory by the runner
// of the command (atomically, all or nothing per file).
type File struct {
	Name string
	Data []byte
}

// Output is what a rendering stage produces: files for the output
// directory.
type Output struct {
	Files []File
}
