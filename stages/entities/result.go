package entities

// Entity is a named thing mentioned in the episode.
type Entity struct {
	Name         string   `json:"name"`
	Type         string   `json:"type"`
	Mentions     int      `json:"mentions"`
	FirstMention *float64 `json:"first_mention"` // seconds; null when untimed
	Aliases      []string `json:"aliases"`
	Link         string   `json:"link,omitempty"` // from the glossary
	// FirstWord is the index of the first mention's first word.
	FirstWord int `json:"-"`
}

// Entities is the entities stage's result (entities.json).
type Entities struct {
	Entities []Entity `json:"entities"`
}
