package feed

// Result is what the feed stage did.
type Result struct {
	Path     string // the feed file, "" when no feed was asked for
	GUID     string
	Replaced bool // an item with the same guid was replaced
}
