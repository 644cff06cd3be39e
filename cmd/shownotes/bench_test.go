package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
	"github.com/shownotes/shownotes/stages/notes"
)

// shortTurns writes a transcript of n short turns (one to six words of the
// seed transcript each, two speakers alternating) and returns its path.
func shortTurns(tb testing.TB, n int) string {
	tb.Helper()
	seed, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seed.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	words := strings.Fields(string(seed))
	var b strings.Builder
	k := 0
	for i := range n {
		fmt.Fprintf(&b, "%s\n\n", []string{"Ann Lee", "Bob Roe"}[i%2])
		m := 1 + i%6
		turn := make([]string, m)
		for j := range turn {
			turn[j] = strings.Trim(words[k%len(words)], ".,?!")
			k += 7
		}
		fmt.Fprintf(&b, "%s.\n\n", strings.Join(turn, " "))
	}
	p := filepath.Join(tb.TempDir(), "turns.txt")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

// BenchmarkShortTurns runs every text stage (transcript to notes, no audio)
// on 10,000 short turns, the shape that made TextRank's pairwise graph take
// minutes.
func BenchmarkShortTurns(b *testing.B) {
	path := shortTurns(b, 10000)
	cfg := &pipeline.Config{TranscriptPath: path}
	b.ResetTimer()
	for range b.N {
		if _, err := (&pipeline.Runner{}).Run(context.Background(), cfg, notes.Stage); err != nil {
			b.Fatal(err)
		}
	}
}
