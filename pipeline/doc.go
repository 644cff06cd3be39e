// Package pipeline holds the episode model, the stage abstraction and the
// runner of shownotes.
//
// # Stages
//
// A stage is declared as data (a *Stage): a name, a one-line doc, the stages
// it requires and the type of its result, like golang.org/x/tools/go/analysis.
// Runner.Run orders the stages, checks the graph (unique names, no cycles,
// declared result types) before running any, runs each once, reports
// progress per stage and stops at the first error or when the context is
// done. A stage starts as soon as the stages it requires are done, so
// independent stages run at the same time (the audio decodes while the
// transcript is synthesised). Once cancelled, Run waits a short grace period
// for running stages to return and then abandons the rest, so Ctrl-C is
// answered within a second even while a stage is inside a long library call;
// the stages that write files check the context before they commit. A stage
// that returns without error keeps its result even when the context ended
// meanwhile, so that the caller's account of an interrupted run agrees with
// the disk (the outputs were written, the feed was not). A stage that panics
// fails with one error wrapping ErrPanic; the stages after it do not run.
//
// A stage reads its inputs from Pass.ResultOf, its settings from
// Pass.Config, and reports non-fatal problems with Pass.Warnf. Stages never
// write outside the output directory except the feed stage, and never mutate
// another stage's result.
//
// The stages of a run, with their result types (each result type lives
// beside the stage that produces it; this package holds the episode model
// every stage reads: Transcript, Audio, Alignment, Output):
//
//	transcript  *Transcript         parse the transcript file (any layout) into turns, words, sentences, notes
//	audio       *Audio              decode the audio (WAV, MP3, FLAC, M4A, Ogg) streaming into features (nil *Audio without --audio)
//	tags        *lexical.Tagging    tag the transcript once (prose) while the audio is aligned
//	synth       *align.Speech       speak the transcript with eSpeak NG for the aligner (runs beside audio)
//	align       *Alignment          time every spoken word; a timed copy of the transcript
//	entities    *entities.Entities  people, organisations, places, works mentioned (entities.json)
//	quotes      *quotes.Quotes      verbatim quotes worth sharing, best first (quotes.json)
//	chapters    *chapters.Chapters  chapters at topic shifts with key-phrase titles
//	summary     *summary.Summary    2–3 sentences drawn from the episode
//	notes       *notes.Notes        shownotes.{html,md,txt}, chapters.json, entities.json, quotes.json
//	captions    *Output             transcript.{json,vtt,srt} and alignment.json
//	page        *Output             episode.html, the listen-and-read-along page
//	write       *Output             write every file into the output directory, atomically
//	feed        *feed.Result        add or replace the episode's item in the RSS feed
//
// # The episode model
//
// Transcript is the parsed transcript, the same whatever the input layout.
// Words are the spoken tokens in transcript order, each the transcript's own
// token with punctuation attached; bracketed notes are never words (except
// the uncertain word of "[word 00:02:25]", which is spoken). Turns,
// Paragraphs and Sentences are spans of word indices; sentences never cross
// a turn. Times are seconds; NoTime (NaN) marks an unknown time, and JSON
// outputs write null for it (see Ptr).
//
// Alignment carries a copy of the transcript whose words have Start, End and
// Confidence. Every stage after align reads words from there, so a
// transcript-only run (no audio) flows through the same code with NoTime
// times.
package pipeline
