package entities

import (
	"strings"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/pipeline/evaluation"
	"github.com/shownotes/shownotes/stages/transcript"
)

// build makes a transcript from "Speaker: text" lines: one turn and one
// paragraph per line, sentences ending at . ? !, word i starting at i
// seconds (timed) or NoTime.
func build(timed bool, lines ...string) *pipeline.Transcript {
	tr := &pipeline.Transcript{Format: "plain"}
	for _, ln := range lines {
		sp, text, ok := strings.Cut(ln, ": ")
		if !ok {
			sp, text = "", ln
		}
		first := len(tr.Words)
		sent := first
		for _, w := range strings.Fields(text) {
			i := len(tr.Words)
			st := pipeline.NoTime
			if timed {
				st = float64(i)
			}
			tr.Words = append(tr.Words, pipeline.Word{Text: w, Speaker: sp, Turn: len(tr.Turns), Para: len(tr.Paragraphs),
				Anchor: pipeline.NoTime, Start: st, End: st + 0.8})
			if strings.ContainsAny(w[len(w)-1:], ".?!") {
				tr.Sentences = append(tr.Sentences, pipeline.Span{First: sent, End: i + 1})
				sent = i + 1
			}
		}
		if sent < len(tr.Words) {
			tr.Sentences = append(tr.Sentences, pipeline.Span{First: sent, End: len(tr.Words)})
		}
		tr.Turns = append(tr.Turns, pipeline.Turn{Speaker: sp, Words: pipeline.Span{First: first, End: len(tr.Words)}, Time: pipeline.NoTime})
		tr.Paragraphs = append(tr.Paragraphs, pipeline.Span{First: first, End: len(tr.Words)})
	}
	return tr
}

func find(es *Entities, name string) *Entity {
	for i := range es.Entities {
		if es.Entities[i].Name == name {
			return &es.Entities[i]
		}
	}
	return nil
}

func names(es *Entities) []string {
	var out []string
	for _, e := range es.Entities {
		out = append(out, e.Name+"/"+e.Type)
	}
	return out
}

// parseFile and findList are the transcript parser and the stage as the
// evaluation package runs them.
func parseFile(path string) (*pipeline.Transcript, error) {
	return transcript.ParseFile(path, transcript.Options{})
}

func findList(tr *pipeline.Transcript) ([]evaluation.FoundEntity, error) {
	es, err := Find(tr, Options{})
	if err != nil {
		return nil, err
	}
	return evaluation.FoundEntities(es)
}
