// Package transcript is the transcript stage of shownotes: parse the
// transcript file (any layout) into turns, words, sentences and notes.
//
// Parse reads every layout a podcaster is likely to have and returns the same
// model (pipeline.Transcript) for each:
//
//   - "plain": a header block (title, guest name, one-line bio, speakers'
//     names) followed by turns, each a line holding only the speaker's name,
//     a blank line and that speaker's paragraphs (one paragraph per run of
//     non-blank lines).
//   - "rev": Rev/Otter/Descript exports: "Name (HH:MM:SS):" turn headers,
//     Otter's "Name  HH:MM:SS" (two or more spaces or a tab before the time),
//     "[HH:MM:SS] Name: text" and Descript's "Name: text" on one line.
//   - "vtt", "srt": captions; WebVTT "<v Name>" voice tags or "Name:"
//     prefixes; each cue's start is the Anchor of its first word and
//     consecutive cues of one voice form one turn (and one paragraph).
//   - "json": Podcasting 2.0 JSON transcripts (segments with speaker,
//     startTime, endTime and body); consecutive segments of one speaker form
//     one turn.
//   - "text": paragraphs with no speakers at all (Speaker "").
//
// Words are the transcript's own whitespace-delimited tokens, punctuation
// attached. Bracketed notes are never words: "[inaudible 00:01:02]",
// "[crosstalk]", "[laughter]", "(laughs)" become Notes, any other bracket
// without a time ("[sic]") too; "[word 00:02:25]" is a word the transcriber
// was unsure of: Word.Text "word", Uncertain, Anchor 145 s. A bracket holding
// only a time ("[00:05:00]") anchors the next word. Punctuation written right
// after a note ("[laughter].") is appended to the word before it so that
// sentence ends are kept.
//
// Turns are never empty: a speaker line directly followed by another one
// produces no Turn, and consecutive turns of one speaker are merged into one
// Turn (a Rev header repeating the speaker starts a new paragraph and its
// time becomes the Anchor of its first word). Paragraphs never cross turns,
// sentences never cross paragraphs, and every span is non-empty.
//
// Speaker names are normalised: spaces trimmed and collapsed, a trailing
// colon dropped, and spellings that differ only in case or punctuation
// ("Jeremy Howard", "JEREMY HOWARD", "Jeremy  Howard:") are one speaker,
// shown with its most common spelling (the first on a tie).
//
// Input is decoded from UTF-8, UTF-16 (with a byte order mark, or detected
// from its zero bytes) or, when it is not valid UTF-8, Windows-1252. Binary
// input, empty input, input with no spoken words and input larger than
// Options.MaxBytes fail with ErrBinary, ErrEmpty and ErrTooLarge; a layout
// that cannot be read (bad JSON, a forced layout that does not match) with
// ErrFormat. Parsing is linear in the input size.
package transcript
