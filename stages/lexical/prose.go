package lexical

import (
	"sync"

	"github.com/jdkato/prose/v2"
)

var (
	proseOnce  sync.Once
	proseModel *prose.Model
)

// ProseModel is prose/v2's part-of-speech tagger and entity model, loaded
// once per process (~0.3 s) and shared by every stage that tags: entities
// and chapter titles read the same model instead of loading it twice. The
// model is read only once loaded and safe for concurrent documents.
func ProseModel() *prose.Model {
	proseOnce.Do(func() { proseModel = prose.ModelFromData("shownotes") })
	return proseModel
}
