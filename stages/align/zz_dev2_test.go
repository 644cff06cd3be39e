package align

import (
	"encoding/json"
	"math"
	"os"

	"github.com/shownotes/shownotes/pipeline"
)

func frombits(b uint32) float32 { return math.Float32frombits(b) }

func writeDev(al *pipeline.Alignment, path string) {
	type w struct {
		Text  string   `json:"text"`
		Start *float64 `json:"start"`
		End   *float64 `json:"end"`
		Conf  float64  `json:"confidence"`
	}
	var out struct {
		Words []w `json:"words"`
	}
	for _, x := range al.Transcript.Words {
		out.Words = append(out.Words, w{x.Text, pipeline.Ptr(x.Start), pipeline.Ptr(x.End), x.Confidence})
	}
	b, _ := json.Marshal(out)
	os.WriteFile(path, b, 0o644)
}
