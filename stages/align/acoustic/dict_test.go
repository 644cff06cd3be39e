package acoustic

import (
	"slices"
	"strings"
	"testing"
)

func TestSpokenWords(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"Hello,", "Hello"},
		{"well-known", "well known"},
		{"1999", "nineteen ninety nine"},
		{"2005", "two thousand five"},
		{"2019.", "twenty nineteen"},
		{"1,500", "one thousand five hundred"},
		{"3.5", "three point five"},
		{"$20", "twenty dollars"},
		{"10%", "ten percent"},
		{"GPT4", "GPT four"},
		{"R&D", "R and D"},
		{"&", "and"},
		{"don’t", "don't"},
		{"—", ""},
		{"[laughs]", "laughs"},
	}
	for _, tc := range tests {
		if got := strings.Join(spokenWords(tc.in), " "); got != tc.want {
			t.Errorf("spokenWords(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestIsAcronym(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"AI", true}, {"GPT", true}, {"HTML", true}, {"NASA", false}, {"MICCAI", false},
		{"Ai", false}, {"A", false}, {"CNBC", true},
	}
	for _, tc := range tests {
		if got := isAcronym(tc.in); got != tc.want {
			t.Errorf("isAcronym(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func phones(m *Model, ids []uint8) string {
	var s []string
	for _, id := range ids {
		s = append(s, m.phones[id])
	}
	return strings.Join(s, " ")
}

func TestPronounce(t *testing.T) {
	m, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	d, err := loadDict(m)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in   string
		want string
	}{
		{"Hello,", "HH AH L OW"},
		{"the", "DH AH"},
		{"AI", "EY AY"},
		{"Kohavi's", ""}, // letter to sound + Z: checked below to end in Z
		{"...", ""},
		{"42", "F AO R T IY T UW"},
	}
	for _, tc := range tests {
		got := phones(m, d.pronounce(m, tc.in))
		switch {
		case tc.in == "Kohavi's":
			if !strings.HasPrefix(got, "K ") || !strings.HasSuffix(got, " Z") {
				t.Errorf("pronounce(%q) = %q, want letter-to-sound starting K and ending Z", tc.in, got)
			}
		case got != tc.want:
			t.Errorf("pronounce(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLetterToSound(t *testing.T) {
	m, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"shap", "SH AE P"},
		{"bake", "B EY K"},
		{"thing", "TH IH NG"},
		{"cede", "S IY D"},
		{"quin", "K W IH N"},
	}
	for _, tc := range tests {
		if got := phones(m, letterToSound(m, tc.in)); got != tc.want {
			t.Errorf("letterToSound(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzSpokenWords(f *testing.F) {
	for _, s := range []string{"1999", "$3.50", "R&D", "well-known", "GPT-4o", "1,2,3", "..."} {
		f.Add(s)
	}
	m, err := Load()
	if err != nil {
		f.Fatal(err)
	}
	d, err := loadDict(m)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, w := range spokenWords(s) {
			if w == "" || strings.ContainsAny(w, " \t\n") {
				t.Fatalf("spokenWords(%q) gave %q", s, w)
			}
		}
		if slices.Contains(d.pronounce(m, s), 255) {
			t.Fatalf("pronounce(%q): phone 255", s)
		}
	})
}
