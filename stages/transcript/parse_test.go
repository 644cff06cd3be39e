package transcript

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/shownotes/shownotes/pipeline"
)

// describe renders a parse compactly for table tests: one line per turn
// ("Speaker@time: words", "~" marking uncertain words and "@t" anchors),
// "¶" between paragraphs, then the header and the notes.
func describe(tr *pipeline.Transcript) string {
	var sb strings.Builder
	for _, tu := range tr.Turns {
		sb.WriteString(tu.Speaker)
		if pipeline.Known(tu.Time) {
			fmt.Fprintf(&sb, "@%g", tu.Time)
		}
		sb.WriteString(":")
		for i := tu.Words.First; i < tu.Words.End; i++ {
			w := tr.Words[i]
			if i > tu.Words.First && tr.Words[i-1].Para != w.Para {
				sb.WriteString(" ¶")
			}
			sb.WriteString(" ")
			if w.Uncertain {
				sb.WriteString("~")
			}
			sb.WriteString(w.Text)
			if pipeline.Known(w.Anchor) && !(i == tu.Words.First && w.Anchor == tu.Time) {
				fmt.Fprintf(&sb, "@%g", w.Anchor)
			}
		}
		sb.WriteString("\n")
	}
	h := tr.Header
	if h.Title != "" || h.Guest != "" || h.Bio != "" || len(h.Speakers) > 0 {
		fmt.Fprintf(&sb, "header title=%q guest=%q bio=%q speakers=%q\n", h.Title, h.Guest, h.Bio, h.Speakers)
	}
	for _, n := range tr.Notes {
		fmt.Fprintf(&sb, "note %s %q", n.Kind, n.Text)
		if pipeline.Known(n.Time) {
			fmt.Fprintf(&sb, " @%g", n.Time)
		}
		fmt.Fprintf(&sb, " before %d\n", n.Before)
	}
	return sb.String()
}

// checkInvariants verifies what downstream stages rely on.
func checkInvariants(t testing.TB, tr *pipeline.Transcript) {
	t.Helper()
	n := len(tr.Words)
	cover := func(what string, spans []pipeline.Span) {
		next := 0
		for i, s := range spans {
			if s.First != next || s.End <= s.First || s.End > n {
				t.Fatalf("%s %d = %v, want a non-empty span starting at %d within %d words", what, i, s, next, n)
			}
			next = s.End
		}
		if next != n {
			t.Fatalf("%s cover %d words, want %d", what, next, n)
		}
	}
	turns := make([]pipeline.Span, len(tr.Turns))
	for i, tu := range tr.Turns {
		turns[i] = tu.Words
		if i > 0 && tr.Turns[i-1].Speaker == tu.Speaker {
			t.Fatalf("turns %d and %d have the same speaker %q", i-1, i, tu.Speaker)
		}
	}
	cover("turns", turns)
	cover("paragraphs", tr.Paragraphs)
	cover("sentences", tr.Sentences)
	for i, w := range tr.Words {
		if w.Text == "" || strings.ContainsAny(w.Text, " \n\t") {
			t.Fatalf("word %d = %q, want a non-empty token", i, w.Text)
		}
		if w.Turn < 0 || w.Turn >= len(tr.Turns) || i < tr.Turns[w.Turn].Words.First || i >= tr.Turns[w.Turn].Words.End {
			t.Fatalf("word %d has turn %d, not its turn", i, w.Turn)
		}
		if w.Para < 0 || w.Para >= len(tr.Paragraphs) || i < tr.Paragraphs[w.Para].First || i >= tr.Paragraphs[w.Para].End {
			t.Fatalf("word %d has paragraph %d, not its paragraph", i, w.Para)
		}
		if w.Speaker != tr.Turns[w.Turn].Speaker {
			t.Fatalf("word %d speaker %q, turn's %q", i, w.Speaker, tr.Turns[w.Turn].Speaker)
		}
		if pipeline.Known(w.Start) || pipeline.Known(w.End) || w.Confidence != 0 {
			t.Fatalf("word %d has alignment times before alignment", i)
		}
		if !math.IsNaN(w.Anchor) && (math.IsInf(w.Anchor, 0) || w.Anchor < 0) {
			t.Fatalf("word %d anchor %v", i, w.Anchor)
		}
	}
	for _, p := range tr.Paragraphs {
		if tr.Words[p.First].Turn != tr.Words[p.End-1].Turn {
			t.Fatalf("paragraph %v crosses turns", p)
		}
	}
	for _, s := range tr.Sentences {
		if tr.Words[s.First].Para != tr.Words[s.End-1].Para {
			t.Fatalf("sentence %v crosses paragraphs", s)
		}
	}
	for i, no := range tr.Notes {
		if no.Before < 0 || no.Before > n || (i > 0 && no.Before < tr.Notes[i-1].Before) {
			t.Fatalf("note %d before %d, out of order or range", i, no.Before)
		}
	}
}

type parseCase struct {
	name   string
	format string // Options.Format
	in     string
	want   string // describe() output
	fmt    string // the Format the parse reports
}

func runCases(t *testing.T, cases []parseCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr, err := Parse(strings.NewReader(c.in), Options{Format: c.format})
			if err != nil {
				t.Fatalf("Parse(%q) error: %v", c.in, err)
			}
			checkInvariants(t, tr)
			if got := describe(tr); got != c.want {
				t.Errorf("Parse(%q) =\n%s\nwant\n%s", c.in, got, c.want)
			}
			if c.fmt != "" && tr.Format != c.fmt {
				t.Errorf("Parse(%q).Format = %q, want %q", c.in, tr.Format, c.fmt)
			}
		})
	}
}

func TestParsePlain(t *testing.T) {
	runCases(t, []parseCase{
		{
			name: "seed header",
			in:   "Jeremy Howard\n\nDeep learning researcher & educator\nJeremy Howard\nAlex Wang\n\nHi, I'm Alex. Welcome.\n\nJeremy Howard\n\nThank you.\n",
			want: "Alex Wang: Hi, I'm Alex. Welcome.\nJeremy Howard: Thank you.\n" +
				"header title=\"\" guest=\"Jeremy Howard\" bio=\"Deep learning researcher & educator\" speakers=[\"Jeremy Howard\" \"Alex Wang\"]\n",
			fmt: "plain",
		},
		{
			name: "title and bio",
			in:   "My Show, Episode 4: Big Things Happen\nAuthor of a book about things\n\nAmit Varma\n\nHello there. Welcome.\n\nSecond paragraph.\n\nPrashant Jha\n\nThanks.\n\nAmit Varma\n\nBye.\n",
			want: "Amit Varma: Hello there. Welcome. ¶ Second paragraph.\nPrashant Jha: Thanks.\nAmit Varma: Bye.\n" +
				"header title=\"My Show, Episode 4: Big Things Happen\" guest=\"\" bio=\"Author of a book about things\" speakers=[]\n",
			fmt: "plain",
		},
		{
			name: "no header, empty turn, spellings",
			in:   "Alex Wang\n\nHi.\n\nJEREMY HOWARD\nAlex Wang:\n\nStill me.\n\nJeremy  Howard\n\nThank you.\n\nJeremy Howard\n\nSure.\n",
			want: "Alex Wang: Hi. ¶ Still me.\nJeremy Howard: Thank you. ¶ Sure.\n",
		},
		{
			name: "uncertain words and notes",
			in:   "A Person\n\nSo like [Cruder 00:02:25] coming [inaudible 00:01:02] along [crosstalk]. The [New York 01:02:03.5], right [laughter] ok (laughs) yes [sic] [00:05:00] later.\n\nB Person\n\n[music]\n\nFine.\n\nA Person\n\nEnd [Kaggle 00:00:09].\n",
			want: "A Person: So like ~Cruder@145 coming along. The ~New@3723.5 ~York, right ok yes later.@300\n" +
				"B Person: Fine.\nA Person: End ~Kaggle.@9\n" +
				"note inaudible \"inaudible 00:01:02\" @62 before 4\nnote crosstalk \"crosstalk\" before 5\n" +
				"note laughter \"laughter\" before 9\nnote laughs \"laughs\" before 10\nnote sic \"sic\" before 11\nnote music \"music\" before 12\n",
		},
		{
			name: "crlf tabs wrapped paragraph",
			in:   "Ann Lee\r\n\r\nFirst line\twraps\r\nonto the next.\r\n\r\nBob Ray\r\n\r\nOk then.\r\n",
			want: "Ann Lee: First line wraps onto the next.\nBob Ray: Ok then.\n",
		},
		{
			name: "short replies are not speakers",
			in:   "Ann Lee\n\nDid it work?\n\nBob Ray\n\nYeah\n\nAnn Lee\n\nGood.\n\nBob Ray\n\nYeah\n\nAnn Lee\n\nYeah\n",
			want: "Ann Lee: Did it work?\nBob Ray: Yeah\nAnn Lee: Good.\nBob Ray: Yeah\nAnn Lee: Yeah\n",
		},
		{
			name:   "text without speakers",
			in:     "Just some text. Another sentence.\n\nA second paragraph without end",
			want:   ": Just some text. Another sentence. ¶ A second paragraph without end\n",
			fmt:    "text",
			format: "",
		},
		{
			name:   "forced text keeps name lines as words",
			format: "text",
			in:     "Ann Lee\n\nHello.\n\nAnn Lee\n\nAgain.\n",
			want:   ": Ann Lee ¶ Hello. ¶ Ann Lee ¶ Again.\n",
		},
	})
}

func TestParseRev(t *testing.T) {
	runCases(t, []parseCase{
		{
			name: "rev",
			in:   "Alex Wang (00:00:03):\nHi, I'm Alex.\n\nJeremy Howard (00:00:30):\nThank you.\n\nJeremy Howard (00:00:31):\nMore [Cruder 00:00:32] here.\n\nAlex Wang (01:00:32):\nCool.\n",
			want: "Alex Wang@3: Hi, I'm Alex.\nJeremy Howard@30: Thank you. ¶ More@31 ~Cruder@32 here.\nAlex Wang@3632: Cool.\n",
			fmt:  "rev",
		},
		{
			name: "rev short times, text on header line, header block",
			in:   "Episode 3: Things\n\nAnn (00:03): Hello there.\nBob (1:02:03.5): Hi.\n",
			want: "Ann@3: Hello there.\nBob@3723.5: Hi.\nheader title=\"Episode 3: Things\" guest=\"\" bio=\"\" speakers=[]\n",
		},
		{
			name: "otter",
			in:   "Speaker 1  0:03\nHello there.\n\nJane Doe\t1:05\nHi. How are you?\nFine.\n",
			want: "Speaker 1@3: Hello there.\nJane Doe@65: Hi. How are you? Fine.\n",
			fmt:  "rev",
		},
		{
			name: "descript",
			in:   "Ann Lee: Hello there.\nBob Ray: Hi, Ann.\nAnn Lee: How are you?\nBob Ray: Fine: thanks.\n",
			want: "Ann Lee: Hello there.\nBob Ray: Hi, Ann.\nAnn Lee: How are you?\nBob Ray: Fine: thanks.\n",
			fmt:  "rev",
		},
		{
			name: "bracketed time",
			in:   "[00:00:01] Ann Lee: Hello there.\n[00:00:04] Bob Ray: Hi.\ncontinued line.\n",
			want: "Ann Lee@1: Hello there.\nBob Ray@4: Hi. continued line.\n",
			fmt:  "rev",
		},
		{
			// one person under a full label and a first-name one; a first
			// name two full labels share stays apart
			name: "short and full labels",
			in:   "Ann Lee (00:00:01):\nWelcome.\n\nBob (00:00:02):\nHi.\n\nAnn (00:00:03):\nSo.\n\nDan Ott (00:00:04):\nYes.\n\nDan Ray (00:00:05):\nNo.\n\nDan (00:00:06):\nMaybe.\n",
			want: "Ann Lee@1: Welcome.\nBob@2: Hi.\nAnn Lee@3: So.\nDan Ott@4: Yes.\nDan Ray@5: No.\nDan@6: Maybe.\n",
			fmt:  "rev",
		},
		{
			name: "short label right after the full one: one turn",
			in:   "Ann Lee (00:00:01):\nWelcome.\n\nAnn (00:00:03):\nSo.\n\nBob (00:00:05):\nHi.\n",
			want: "Ann Lee@1: Welcome. ¶ So.@3\nBob@5: Hi.\n",
			fmt:  "rev",
		},
	})
}

func TestParseCaptions(t *testing.T) {
	runCases(t, []parseCase{
		{
			name: "vtt voices",
			in: "WEBVTT\nKind: captions\n\nNOTE a comment\nspanning lines\n\n1\n00:00:03.430 --> 00:00:06.563 align:start\n<v Alex Wang>Hi, I'm <i>Alex</i> &amp; co.\n\n" +
				"00:00:07.500 --> 00:00:08.000\n<v Alex Wang>Second <00:00:07.700><c>cue</c>.</v>\n\n00:00:09.000 --> 00:00:10.000\n<v.loud Jeremy Howard>Thank you.\n\n" +
				"00:00:11.000 --> 00:00:12.000\n<v Alex Wang>Yes.</v> <v Jeremy Howard>No.</v>\n\n00:00:13.000 --> 00:00:14.000\n[music]\n",
			want: "Alex Wang@3.43: Hi, I'm Alex & co. Second@7.5 cue.\nJeremy Howard@9: Thank you.\nAlex Wang@11: Yes.\nJeremy Howard: No.\nnote music \"music\" @13 before 11\n",
			fmt:  "vtt",
		},
		{
			name: "srt names",
			in:   "1\r\n00:00:01,000 --> 00:00:02,500\r\nAnn Lee: Hello\r\nthere.\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nStill Ann.\r\n\r\n3\r\n00:00:05,000 --> 00:00:06,000\r\nBob Ray: Hi.\r\n\r\n4\r\n00:00:07,000 --> 00:00:08,000\r\nAnn Lee: Bye.\r\n",
			want: "Ann Lee@1: Hello there. Still@3 Ann.\nBob Ray@5: Hi.\nAnn Lee@7: Bye.\n",
			fmt:  "srt",
		},
		{
			name: "vtt without voices",
			in:   "WEBVTT\n\n00:01.000 --> 00:02.000\nHello there.\n\n00:03.000 --> 00:04.000\nSecond cue.\n",
			want: "@1: Hello there. Second@3 cue.\n",
			fmt:  "vtt",
		},
	})
}

func TestParseJSON(t *testing.T) {
	runCases(t, []parseCase{
		{
			name: "podcasting 2.0",
			in: `{"version":"1.0.0","segments":[{"speaker":"Ann Lee","startTime":0.5,"endTime":1.0,"body":"Hello"},` +
				`{"speaker":"Ann Lee","startTime":1.0,"endTime":1.4,"body":"there."},{"speaker":"Bob Ray","startTime":"2.25","endTime":3,"body":"Hi [laughs]."},` +
				`{"startTime":3.5,"endTime":4,"body":"More."},{"speaker":"Ann Lee","startTime":-1,"body":"  "},{"speaker":"ann lee","body":"Bye."}]}`,
			want: "Ann Lee@0.5: Hello there.@1\nBob Ray@2.25: Hi. More.@3.5\nAnn Lee: Bye.\nnote laughs \"laughs\" before 3\n",
			fmt:  "json",
		},
	})
}

func TestSentenceEnds(t *testing.T) {
	cases := []struct {
		w, next string
		want    bool
	}{
		{"done.", "Next", true},
		{"done.", "", true},
		{"really?", "yes", true},
		{"wow!\"", "He", true},
		{"end.)", "Then", true},
		{"Dr.", "Dobbs", false},
		{"Mrs.", "Smith", false},
		{"e.g.", "Kaggle", false},
		{"vs.", "them", false},
		{"J.", "Smith", false},
		{"3.5", "percent", false},
		{"etc.", "and", false},
		{"etc.", "So", true},
		{"U.S.", "Then", true},
		{"U.S.", "government", false},
		{"U.S.", "Department", false}, // "the U.S. Department of Defense"
		{"U.K.", "Parliament", false},
		{"U.S.", "We", true},
		{"U.S.", "", true},
		{"it", "was", false},
		{"was...", "And", true},
		{"was...", "and", false},
		{"ThinkPragati.com,", "I", false},
		{"…", "So", true},
	}
	for _, c := range cases {
		if got := endsSentence(c.w, c.next); got != c.want {
			t.Errorf("endsSentence(%q, %q) = %v, want %v", c.w, c.next, got, c.want)
		}
	}
}

func TestParseClock(t *testing.T) {
	cases := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"00:02:25", 145, true},
		{"1:02:03.5", 3723.5, true},
		{"02:25", 145, true},
		{"00:00:01,250", 1.25, true},
		{"00:61:00", 0, false},
		{"2:5", 0, false},
		{"ab:cd", 0, false},
		{"12", 0, false},
		{"99999999:00:00", 0, false},
		{"00:00:01.", 0, false},
	}
	for _, c := range cases {
		got, ok := parseClock(c.in)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("parseClock(%q) = %v, %v, want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestDetect(t *testing.T) {
	cases := []struct{ in, want string }{
		{"WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n", "vtt"},
		{"1\n00:00:00,000 --> 00:00:01,000\nhi\n", "srt"},
		{`{"version":"1.0.0","segments":[]}`, "json"},
		{"Ann (00:00:01):\nhi\n", "rev"},
		{"Ann Lee\n\nhi there.\n\nBob Ray\n\nhello.\n", "plain"},
		{"hi there.\n\nhello.\n", "text"},
	}
	for _, c := range cases {
		if got := detect(c.in); got != c.want {
			t.Errorf("detect(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestBadInput(t *testing.T) {
	utf16le := []byte{0xFF, 0xFE}
	for _, r := range "Ann Lee\n\nHello caf\u00e9.\n" {
		utf16le = append(utf16le, byte(r), byte(r>>8))
	}
	var utf16be []byte
	for _, r := range "Ann Lee\n\nHello caf\u00e9.\n" {
		utf16be = append(utf16be, byte(r>>8), byte(r))
	}
	many := &strings.Builder{}
	for i := 0; i < 10000; i++ {
		fmt.Fprintf(many, "Speaker Number %d\n\nWords of turn %d.\n\n", i, i)
	}
	cases := []struct {
		name    string
		in      []byte
		format  string
		max     int64
		wantErr error
		check   func(*pipeline.Transcript) string // "" when right
	}{
		{name: "empty", in: nil, wantErr: ErrEmpty},
		{name: "blank", in: []byte(" \n\r\n\t\n"), wantErr: ErrEmpty},
		{name: "binary", in: []byte("RIFF\x00\x01\x02WAVEfmt "), wantErr: ErrBinary},
		{name: "control bytes", in: []byte(strings.Repeat("\x01\x02\x03abc", 100)), wantErr: ErrBinary},
		{name: "header only", in: []byte("Ann Lee\n\nSinger and writer\nAnn Lee\nBob Ray\n"), wantErr: ErrEmpty},
		{name: "notes only", in: []byte("Ann Lee\n\n[music]\n\nBob Ray\n\n[laughter]\n"), wantErr: ErrEmpty},
		{name: "bad json", in: []byte(`{"segments": [`), wantErr: ErrFormat},
		{name: "json without segments", in: []byte(`{"version":"1"}`), format: "json", wantErr: ErrFormat},
		{name: "forced vtt on text", in: []byte("hello there\n"), format: "vtt", wantErr: ErrFormat},
		{name: "forced rev on text", in: []byte("hello there\n"), format: "rev", wantErr: ErrFormat},
		{name: "unknown format", in: []byte("hello"), format: "docx", wantErr: ErrFormat},
		{name: "too large", in: []byte(strings.Repeat("word ", 100)), max: 100, wantErr: ErrTooLarge},
		{name: "latin-1", in: []byte("Ann Lee\n\nCaf\xe9 au lait \x93quoted\x94.\n"), check: func(tr *pipeline.Transcript) string {
			if got := tr.Text(tr.Sentences[0]); got != "Café au lait “quoted”." {
				return fmt.Sprintf("text %q", got)
			}
			return ""
		}},
		{name: "utf-16le bom", in: utf16le, check: wantText("Hello café.")},
		{name: "utf-16be no bom", in: utf16be, check: wantText("Hello café.")},
		{name: "utf-8 bom", in: []byte("\xEF\xBB\xBFAnn Lee\n\nHello café.\n"), check: func(tr *pipeline.Transcript) string {
			if tr.Words[0].Speaker != "Ann Lee" {
				return "speaker " + tr.Words[0].Speaker
			}
			return wantText("Hello café.")(tr)
		}},
		{name: "ten thousand speakers", in: []byte(many.String()), check: func(tr *pipeline.Transcript) string {
			if len(tr.Turns) != 10000 || len(tr.Speakers()) != 10000 {
				return fmt.Sprintf("%d turns, %d speakers", len(tr.Turns), len(tr.Speakers()))
			}
			return ""
		}},
		{name: "1 MB line", in: []byte(strings.Repeat("[ab ", 1<<18)), check: func(tr *pipeline.Transcript) string {
			if len(tr.Words) != 1<<18 {
				return fmt.Sprintf("%d words", len(tr.Words))
			}
			return ""
		}},
		{name: "unclosed brackets", in: []byte("Ann Lee\n\nsee [this and (that\n\nBob Ray\n\nok]\n"), check: wantText("see [this and (that")},
		{name: "nested voice tags", in: []byte("WEBVTT\n\n00:00.000 --> 00:01.000\n<v <v Ann>>hi <v\n"), check: func(tr *pipeline.Transcript) string { return "" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr, err := Parse(strings.NewReader(string(c.in)), Options{Format: c.format, MaxBytes: c.max})
			if c.wantErr != nil {
				if !errors.Is(err, c.wantErr) {
					t.Fatalf("Parse(%.40q) error = %v, want %v", c.in, err, c.wantErr)
				}
				if strings.Contains(err.Error(), "\n") {
					t.Errorf("Parse(%.40q) error %q is not one line", c.in, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%.40q) error = %v, want none", c.in, err)
			}
			checkInvariants(t, tr)
			if msg := c.check(tr); msg != "" {
				t.Errorf("Parse(%.40q) = %s", c.in, msg)
			}
		})
	}
}

func wantText(s string) func(*pipeline.Transcript) string {
	return func(tr *pipeline.Transcript) string {
		if got := tr.Text(tr.Paragraphs[0]); got != s {
			return fmt.Sprintf("first paragraph %q, want %q", got, s)
		}
		return ""
	}
}

func TestParseFileErrors(t *testing.T) {
	if _, err := ParseFile("testdata/does-not-exist.txt", Options{}); err == nil {
		t.Errorf("ParseFile(missing) error = nil, want one")
	}
	if _, err := ParseFile("testdata", Options{}); err == nil {
		t.Errorf("ParseFile(dir) error = nil, want one")
	}
}
