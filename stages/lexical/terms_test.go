package lexical

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestStem(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"elections", "election"}, {"companies", "company"}, {"learning", "learn"}, {"is", "is"},
		{"class", "class"}, {"thing", "thing"}, {"kaggle's", "kaggle"}, {"simply", "simp"}, {"used", "used"},
		{"organisations", "organisation"}, {"worried", "worry"}, {"gpus", "gpu"},
	} {
		if got := Stem(tc.in); got != tc.want {
			t.Errorf("Stem(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTerms(t *testing.T) {
	got := strings.Join(Terms(strings.Fields("So, the Elections are won by (organisations) and I think data, you know, matters.")), " ")
	if want := "election won organisation data matter"; got != want {
		t.Errorf("Terms = %q, want %q", got, want)
	}
}

func TestTextRank(t *testing.T) {
	docs := [][]string{
		Terms(strings.Fields("Elections are won by organisation and elections need data.")),
		Terms(strings.Fields("Organisation wins elections.")),
		Terms(strings.Fields("Data about voters helps elections.")),
		Terms(strings.Fields("My cat sleeps.")),
	}
	r, err := TextRank(context.Background(), TFIDF(docs))
	if err != nil {
		t.Fatal(err)
	}
	if r[0] != 1 {
		t.Errorf("TextRank: most connected sentence = %v, want 1", r[0])
	}
	if r[3] >= r[1] || r[3] >= r[2] {
		t.Errorf("TextRank: unconnected sentence %v scores above connected %v %v", r[3], r[1], r[2])
	}
	if got, _ := TextRank(context.Background(), nil); len(got) != 0 {
		t.Errorf("TextRank(nil) = %v, want empty", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := TextRank(ctx, TFIDF(docs)); err == nil {
		t.Error("TextRank on a cancelled context: no error")
	}
}

func BenchmarkTextRank(b *testing.B) {
	base := strings.Fields("deep learning models need data and compute while doctors need tools that explain the models they use every day in the clinic")
	docs := make([][]string, 2000)
	for i := range docs {
		var ws []string
		for k := range 15 {
			ws = append(ws, base[(i*7+k*3)%len(base)])
		}
		docs[i] = Terms(ws)
	}
	vecs := TFIDF(docs)
	b.ResetTimer()
	for range b.N {
		if _, err := TextRank(context.Background(), vecs); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTextRankRepeatable: the same sentences give bit-identical scores on
// every call (no sum taken in map order), so a rerun writes the same file.
func TestTextRankRepeatable(t *testing.T) {
	var docs [][]string
	for i := range 30 {
		var d []string
		for j := range 12 {
			d = append(d, fmt.Sprintf("w%d", (i*7+j*j)%23), fmt.Sprintf("v%d", (i+j)%5))
		}
		docs = append(docs, d)
	}
	vecs := TFIDF(docs)
	first, err := TextRank(context.Background(), vecs)
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		got, _ := TextRank(context.Background(), vecs)
		if !reflect.DeepEqual(got, first) {
			t.Fatalf("TextRank = %v, then %v", first, got)
		}
	}
}
