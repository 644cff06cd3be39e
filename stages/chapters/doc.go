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
// first host turn of 50 words or more after at least 30 words of cold
// open in which the guest has spoken; the host may ask short questions in
// it), and the first topic after each sponsor read (within 12 sentences of the
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
// For an episode of m minutes: round(m/2.5) clamped to 5..12 when m ≥ 10
// (the editors' picks for six Lenny's Podcast excerpts of 18–23 minutes
// hold 7–9 chapters, one every 2–3.3 minutes); floor(m/2) clamped to 1..4
// below that (a 40-second clip is one chapter). Never more than there is
// room for at 60 s each. Untimed runs measure positions in words at 150
// words a minute, and count chapters at 180 (conversation runs at 150–215
// words a minute by those excerpts' Rev stamps).
//
// # Titles
//
// A title is a phrase of two words or more or a name, in sentence case, at
// most 40 characters, never reused. Noun phrases (prose part-of-speech
// tags, up to three words) are scored by TF-IDF with the chapters as
// documents; a lone common noun ("Book") is never chosen while a phrase or
// question is left, and a lone name ranks at half its score. Two nouns are
// joined only as the chapter says them ("chaos to clarity", "money and
// happiness"); a phrase the host says in the chapter's first 80 words counts
// double; a phrase said once needs its head noun said again or the host to
// say it in the opening. Failing that, the host's opening question (a
// question word or auxiliary first, fillers dropped, cut after a noun to
// fit); then any phrase; then a fallback name. The host's introduction after
// a cold open is "Meet <guest>" when the guest is known; a chapter that is
// mostly a sponsor read is "Sponsor: X". A chapter that opens with a host's
// question that stands alone and fits ("Why is change so important?":
// nothing pointing back such as "that" or "it") takes the question.
package chapters
