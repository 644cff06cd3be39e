package batch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseShard(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Shard
		ok   bool
	}{{"0/1", Shard{0, 1}, true}, {"2/3", Shard{2, 3}, true}, {" 1/4 ", Shard{1, 4}, true},
		{"3/3", Shard{}, false}, {"-1/2", Shard{}, false}, {"1", Shard{}, false}, {"a/b", Shard{}, false}, {"0/0", Shard{}, false}} {
		got, err := ParseShard(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("ParseShard(%q) = %v, %v; want %v, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestShardFromEnv(t *testing.T) {
	for _, tc := range []struct {
		env     map[string]string
		want    Shard
		ok, err bool
	}{
		{map[string]string{}, Shard{}, false, false},
		{map[string]string{"JOB_COMPLETION_INDEX": "2", "SHOWNOTES_SHARDS": "5"}, Shard{2, 5}, true, false},
		{map[string]string{"SHOWNOTES_SHARD_INDEX": "0", "SHOWNOTES_SHARDS": "2"}, Shard{0, 2}, true, false},
		{map[string]string{"SLURM_ARRAY_TASK_ID": "1", "SHOWNOTES_SHARDS": "2"}, Shard{1, 2}, true, false},
		{map[string]string{"JOB_COMPLETION_INDEX": "2"}, Shard{}, false, true},
		{map[string]string{"JOB_COMPLETION_INDEX": "7", "SHOWNOTES_SHARDS": "5"}, Shard{}, false, true},
	} {
		got, ok, err := ShardFromEnv(func(k string) string { return tc.env[k] })
		if got != tc.want || ok != tc.ok || (err != nil) != tc.err {
			t.Errorf("ShardFromEnv(%v) = %v, %v, %v; want %v, %v, error %v", tc.env, got, ok, err, tc.want, tc.ok, tc.err)
		}
	}
}

// TestSelect: the shards partition the rows, their sizes differ by one at
// most.
func TestSelect(t *testing.T) {
	rows := make([]Row, 10)
	for i := range rows {
		rows[i].Index = i
	}
	for n := 1; n <= 4; n++ {
		seen := map[int]int{}
		lo, hi := len(rows), 0
		for i := range n {
			got := Shard{i, n}.Select(rows)
			lo, hi = min(lo, len(got)), max(hi, len(got))
			for _, r := range got {
				seen[r.Index]++
			}
		}
		if len(seen) != len(rows) || hi-lo > 1 {
			t.Errorf("%d shards: rows covered %d of %d, sizes %d..%d", n, len(seen), len(rows), lo, hi)
		}
		for i, c := range seen {
			if c != 1 {
				t.Errorf("%d shards: row %d in %d shards", n, i, c)
			}
		}
	}
}

func TestReadManifest(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) string {
		p := filepath.Join(dir, "m.csv")
		os.WriteFile(p, []byte(s), 0o644)
		return p
	}
	rows, err := ReadManifest(write("audio,transcript,out,Pub-Date,title\na.wav,a.txt,out/a,2026-01-02T00:00:00Z,\"One, two\"\n\n,b.txt,/abs/b,,Two\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Fields["audio"] != filepath.Join(dir, "a.wav") || rows[0].Fields["out"] != filepath.Join(dir, "out/a") ||
		rows[1].Fields["out"] != "/abs/b" || rows[1].Fields["audio"] != "" || rows[0].Fields["title"] != "One, two" {
		t.Errorf("ReadManifest = %+v", rows)
	}
	if got, want := strings.Join(rows[0].Args(), " "), "--audio "+filepath.Join(dir, "a.wav")+" --transcript "+filepath.Join(dir, "a.txt")+" --out "+filepath.Join(dir, "out/a")+" --title One, two --pub-date 2026-01-02T00:00:00Z"; got != want {
		t.Errorf("Args() = %q, want %q", got, want)
	}
	for _, bad := range []string{
		"audio,transcript,out,colour\na,b,c,d\n",
		"audio,out\na,b\n",
		"transcript,out\na.txt,o\nb.txt,o\n",
		"transcript,out,episode\na.txt,o,x\n",
		"transcript,out\n,o\n",
		"transcript,out\na,b,c\n",
	} {
		if _, err := ReadManifest(write(bad)); err == nil {
			t.Errorf("ReadManifest(%q) = nil error", bad)
		}
	}
}

// TestFingerprint: the key changes with a file's content or a setting, not
// with a touch; an unchanged file is not read again.
func TestFingerprint(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "a.txt")
	os.WriteFile(f, []byte("one"), 0o644)
	s1, err := Fingerprint([]string{f, ""}, []string{"x=1"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s2, _ := Fingerprint([]string{f}, []string{"x=1"}, s1)
	if s2.Key != s1.Key {
		t.Error("same inputs, another key")
	}
	if s3, _ := Fingerprint([]string{f}, []string{"x=2"}, s1); s3.Key == s1.Key {
		t.Error("another setting, same key")
	}
	// a recorded hash is trusted while size and time are unchanged
	fake := *s1
	fake.Files = map[string]FileState{f: {Size: s1.Files[f].Size, ModTime: s1.Files[f].ModTime, SHA256: "recorded"}}
	if s4, _ := Fingerprint([]string{f}, []string{"x=1"}, &fake); s4.Files[f].SHA256 != "recorded" {
		t.Error("unchanged file hashed again")
	}
	os.WriteFile(f, []byte("two"), 0o644)
	os.Chtimes(f, time.Now().Add(time.Hour), time.Now().Add(time.Hour))
	if s5, _ := Fingerprint([]string{f}, []string{"x=1"}, s1); s5.Key == s1.Key {
		t.Error("changed content, same key")
	}
	if err := s1.Save(dir); err != nil {
		t.Fatal(err)
	}
	if got := LoadState(dir); got == nil || got.Key != s1.Key {
		t.Errorf("LoadState = %+v, want key %s", got, s1.Key)
	}
	if _, err := Fingerprint([]string{filepath.Join(dir, "missing")}, nil, nil); err == nil {
		t.Error("missing input: no error")
	}
}
