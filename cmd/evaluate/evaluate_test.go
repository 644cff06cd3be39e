package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline/evaluation"
	"github.com/shownotes/shownotes/pipeline/testcorpus"
)

// bar is the least an episode's alignment must reach: the README's
// published figures with a margin. Rendering is deterministic, but the
// alignment varies a little from run to run (ss45's sentence p95 was 110,
// 168 and 263 ms in three runs), so the sentence bar is the 500 ms.
type bar struct {
	episode         string
	coverage        float64
	medianMs, p95Ms float64 // 0: not checked
	within250       float64
	sentP95Ms       float64 // 0: not checked
	needsRender     bool
}

var bars = []bar{
	{episode: "sample", coverage: 0.99, medianMs: 20, p95Ms: 100, within250: 0.97, sentP95Ms: 200},
	{episode: "ss45", coverage: 0.99, medianMs: 20, p95Ms: 100, within250: 0.97, sentP95Ms: 200, needsRender: true},
	{episode: "ss260", coverage: 0.99, medianMs: 20, p95Ms: 100, within250: 0.97, sentP95Ms: 200, needsRender: true},
	// Real voices: the corpus' real recordings joined with pauses, and
	// the spontaneous clip alone (issue 11's targets).
	{episode: "real-mix", coverage: 0.99, medianMs: 20, p95Ms: 200, within250: 0.97, sentP95Ms: 200, needsRender: true},
	{episode: "real/mfa_acoustic_corpus", coverage: 0.99, medianMs: 30, p95Ms: 250, within250: 0.97},
	{episode: "real/emur_msajc003", coverage: 0.99, medianMs: 30, p95Ms: 250, within250: 0.97},
}

// TestAccuracy checks the alignment figures the README claims, on the
// committed sample and on rendered episodes of synthetic and real voices.
// The rendered ones skip under -race (make test runs them again without
// it) and fail under CI=true when not rendered (.ci/run renders them).
func TestAccuracy(t *testing.T) {
	for _, b := range bars {
		t.Run(b.episode, func(t *testing.T) {
			switch {
			case strings.HasPrefix(b.episode, "real/"):
				testcorpus.Need(t)
			case b.needsRender:
				testcorpus.NeedRendered(t, b.episode)
			}
			var table, notes bytes.Buffer
			rows, err := evalAlign(&table, &notes, []string{b.episode})
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 1 {
				t.Fatalf("evalAlign(%s) gave %d rows; notes: %s", b.episode, len(rows), notes.String())
			}
			r := rows[0]
			if r.Method != "acoustic" {
				t.Errorf("aligned by %q, not acoustic", r.Method)
			}
			s := r.Scores
			t.Logf("%s", table.String())
			var miss []string
			check := func(name string, got, limit float64, atMost bool) {
				if limit == 0 {
					return
				}
				if (atMost && got > limit) || (!atMost && got < limit) {
					op := "≥"
					if atMost {
						op = "≤"
					}
					miss = append(miss, fmt.Sprintf("%s %.3f, want %s %.3f", name, got, op, limit))
				}
			}
			check("coverage", s.Coverage, b.coverage, false)
			check("median ms", s.WordMedianMs, b.medianMs, true)
			check("p95 ms", s.WordP95Ms, b.p95Ms, true)
			check("share within 250 ms", s.WordWithin250, b.within250, false)
			check("sentence p95 ms", s.SentP95Ms, b.sentP95Ms, true)
			if len(miss) > 0 {
				t.Errorf("%s misses the bar: %s", b.episode, strings.Join(miss, "; "))
			}
		})
	}
}

// TestAlignTable checks the table cmd/evaluate prints (the published
// numbers come from it): a header, one row per rendered episode with the
// row's own figures in the header's columns, and a note (not a row) for an
// episode that is not rendered.
func TestAlignTable(t *testing.T) {
	var table, notes bytes.Buffer
	rows, err := evalAlign(&table, &notes, []string{"sample", "no-such-episode"})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(table.String(), "\n"), "\n")
	if len(rows) != 1 || len(lines) != 2 {
		t.Fatalf("evalAlign() = %d rows, %d table lines, want 1 and 2 (header and sample):\n%s", len(rows), len(lines), table.String())
	}
	head, row := strings.Fields(lines[0]), strings.Fields(lines[1])
	if head[0] != "episode" || head[len(head)-1] != "seconds" {
		t.Errorf("header = %q, want episode ... seconds", lines[0])
	}
	s := rows[0].Scores
	want := []string{"sample", rows[0].Method, fmt.Sprint(s.Tokens), fmt.Sprintf("%.3f", s.Coverage),
		fmt.Sprintf("%.0f", s.WordMedianMs), fmt.Sprintf("%.0f", s.WordP90Ms), fmt.Sprintf("%.0f", s.WordP95Ms),
		fmt.Sprintf("%.3f", s.WordWithin100), fmt.Sprintf("%.3f", s.WordWithin250)}
	if len(row) != 13 {
		t.Fatalf("row = %q: %d columns, want 13", lines[1], len(row))
	}
	for i, w := range want {
		if row[i] != w {
			t.Errorf("column %d (%s) = %q, want %q", i, head[i], row[i], w)
		}
	}
	if n := sampleTokens(t); s.Tokens == 0 || s.Tokens != n {
		t.Errorf("words = %d, want the %d tokens of the sample's truth.json", s.Tokens, n)
	}
	if !strings.Contains(notes.String(), "no-such-episode not rendered") || strings.Contains(table.String(), "no-such-episode") {
		t.Errorf("a missing episode must be a note, not a row; notes %q, table:\n%s", notes.String(), table.String())
	}
}

// sampleTokens is the number of tokens in the sample's truth.json.
func sampleTokens(t *testing.T) int {
	t.Helper()
	tr, err := evaluation.ReadTruth(filepath.Join(testcorpus.Sample(), "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	return len(tr.Tokens)
}
