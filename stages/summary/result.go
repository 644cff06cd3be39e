package summary

// Summary is the short text drawn from the episode for the notes.
type Summary struct {
	Sentences []string // 2–3 sentences from the episode itself
}
