package pipeline

import "testing"

func TestGuest(t *testing.T) {
	turns := func(names ...string) *Transcript {
		tr := &Transcript{}
		for i, n := range names {
			tr.Words = append(tr.Words, Word{Text: "Why?", Speaker: n})
			if i%2 == 1 {
				tr.Words[i].Text = "Because."
			}
			tr.Turns = append(tr.Turns, Turn{Speaker: n, Words: Span{i, i + 1}})
		}
		return tr
	}
	tests := []struct {
		name  string
		tr    *Transcript
		hosts []string
		want  string
	}{
		{"header names the guest", &Transcript{Header: Header{Guest: "Ada"}}, nil, "Ada"},
		{"bio, the one who answers", func() *Transcript {
			tr := turns("Host", "Ada", "Host", "Ada")
			tr.Header.Bio = "Mathematician"
			return tr
		}(), nil, "Ada"},
		{"bio, configured host", func() *Transcript { tr := turns("Ada", "Host"); tr.Header.Bio = "Mathematician"; return tr }(), []string{"Host"}, "Ada"},
		{"no bio: no guest guessed", turns("Host", "Ada"), nil, ""},
		{"two non-hosts: unknown", func() *Transcript { tr := turns("Host", "Ada", "Bob"); tr.Header.Bio = "x"; return tr }(), []string{"Host"}, ""},
	}
	for _, tc := range tests {
		if got := tc.tr.Guest(tc.hosts); got != tc.want {
			t.Errorf("Guest(%s) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestDisplayName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"KUNAL SHAH", "Kunal Shah"}, {"Ann Lee", "Ann Lee"}, {"ann", "ann"}, {"DJ KOOL", "DJ Kool"}, {"", ""},
		{"MARY O'NEIL", "Mary O'Neil"}, {"JEAN-LUC", "Jean-Luc"}, {"LENNY", "Lenny"},
	} {
		if got := DisplayName(tc.in); got != tc.want {
			t.Errorf("DisplayName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNoteHidesSpeech(t *testing.T) {
	for _, tt := range []struct {
		kind string
		want bool
	}{
		{"inaudible", true}, {"crosstalk", true}, {"unintelligible", true}, {"foreign", true},
		{"laughter", false}, {"music", false}, {"pause", false}, {"", false},
	} {
		if got := (Note{Kind: tt.kind}).HidesSpeech(); got != tt.want {
			t.Errorf("Note{Kind: %q}.HidesSpeech() = %v, want %v", tt.kind, got, tt.want)
		}
	}
}
