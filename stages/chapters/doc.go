// Package chapters is the chapters stage of shownotes: split the episode
// into chapters at topic shifts and title each with its own key phrases.
//
// # Boundaries
//
// Candidate boundaries are sentence starts. Each gap between two sentences
// gets a TextTiling score (Hearst 1997): the cosine similarity of the
// content-word counts of a window of about 80 content words before the gap
// and one after it, smoothed, turned into a depth score (how far the
// similarity dips below the nearest peaks on both sides). A gap gets a bonus
// when the next sentence starts a host's turn that asks a question, a smaller
// one for any speaker change or question, and one for a pause of at least
// 1.5 s with a speaker change. Boundaries are then chosen greedily by score,
// at least max(60 s, half the mean chapter length) from the episode's ends
// and from each other (60 s when that leaves too few), and a chosen boundary
// moves to a host's question turn within 30 s when one is there.
//
// # The episode's format
//
// Two kinds of boundary come from the format rather than the vocabulary
// and are always taken: the host's introduction after a cold open (the
// first host turn of 50 words or more, when the guest speaks first), and
// the first topic after each sponsor read (within 12 sentences of the
// read's end, the host's first turn after the guest has answered the
// welcome, or an earlier one that asks a question). A sponsor read (see
// lexical.SponsorReads) is never a chapter of its own, as editors fold it
// into the chapter before it.
//
// # Times
//
// Chapter starts are the aligned time of their first word; without audio,
// the time the transcript's own stamps give it (Rev/Otter headers, caption
// starts: Chapters.Approximate); without either, none (Chapters.Timed is
// false, every Start is NoTime, and chapters.json should not be written).
//
// # How many chapters
//
// For an episode of m minutes: round(m/3) clamped to 5..12 when m ≥ 10;
// floor(m/2) clamped to 1..4 below that (a 40-second clip is one chapter).
// Never more than there is room for at 60 s each. Untimed runs measure
// positions in words at 150 words a minute.
//
// # Titles
//
// Noun phrases (prose part-of-speech tags: adjectives and nouns ending in a
// noun, up to three words) are scored by TF-IDF with the chapters as
// documents, favouring longer and proper-noun phrases and dropping vague
// nouns. A title is the best phrase, or "A and b" with the second best when
// both fit in 40 characters, in sentence case, never reused. The first
// chapter is "Introduction" only when it has no phrase said at least twice.
// A sponsor read gives no phrase, and the host's introduction after a cold
// open is titled "Meet <guest>" when the guest is known. A chapter that opens
// with a host's question that stands alone and fits ("Why is change so
// important?": a question word first, nothing pointing back such as "that"
// or "it") takes the question as its title.
package chapters
