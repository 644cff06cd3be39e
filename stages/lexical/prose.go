package lexical

import (
	"sync"
	"weak"

	"github.com/jdkato/prose/v2"
)

var (
	proseMu    sync.Mutex
	proseModel weak.Pointer[prose.Model]
)

// ProseModel is prose/v2's part-of-speech tagger and entity model (~0.3 s
// to load), shared by every caller that tags while one of them holds it:
// the tags stage tags a run's transcript once, and the stages that read its
// tagging need no model. The model is read only once loaded and safe for
// concurrent documents. It is held weakly, so that the ~40 MB it takes are
// freed once tagging is done, before the aligner's peak (the 74-minute
// benchmark's live heap peaked at 257 MB, 41 MB of it this model); a
// later caller loads it again.
func ProseModel() *prose.Model {
	proseMu.Lock()
	defer proseMu.Unlock()
	if m := proseModel.Value(); m != nil {
		return m
	}
	m := prose.ModelFromData("shownotes")
	proseModel = weak.Make(m)
	return m
}
