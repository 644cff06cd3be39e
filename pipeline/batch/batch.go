// Package batch is the back-catalogue side of shownotes: a manifest of
// episodes (a CSV whose columns are `shownotes run`'s flags), the share of
// it one shard takes, and the record that lets a rerun skip an episode
// whose inputs, settings and tool version have not changed.
package batch

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shownotes/shownotes/pipeline"
)

// Columns are the manifest columns batch knows: `shownotes run`'s flags
// without their dashes (transcript_format for --transcript-format,
// pub_date for --pub-date). audio may be empty (a transcript-only run);
// transcript and out are required.
var Columns = []string{"audio", "transcript", "out", "title", "episode", "season", "pub_date", "enclosure", "transcript_format", "guid"}

// pathColumns are resolved against the manifest's directory.
var pathColumns = map[string]bool{"audio": true, "transcript": true, "out": true, "enclosure": true}

// Row is one episode of the manifest.
type Row struct {
	Index  int               // 0-based, in manifest order (the header excluded)
	Line   int               // line in the manifest file, for messages
	Fields map[string]string // column → value, paths made absolute
}

// Name is the row's short name for progress lines: its output directory's
// base name.
func (r Row) Name() string { return filepath.Base(r.Fields["out"]) }

// Args are the `shownotes run` flags of the row (without config, glossary
// or feed, which the batch adds).
func (r Row) Args() []string {
	var args []string
	for _, c := range Columns {
		if v := r.Fields[c]; v != "" {
			args = append(args, "--"+strings.ReplaceAll(c, "_", "-"), v)
		}
	}
	return args
}

// maxManifest bounds the manifest read (a million episodes' rows fit).
const maxManifest = 256 << 20

// ReadManifest reads the CSV manifest at path. Unknown columns, a missing
// transcript or out column, two rows with one out directory and empty
// required cells are errors naming the line.
func ReadManifest(path string) ([]Row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	base, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(io.LimitReader(f, maxManifest))
	r.TrimLeadingSpace = true
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("manifest %s: no header: %w", path, err)
	}
	cols := make([]string, len(header))
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		h = strings.ReplaceAll(h, "-", "_")
		if !slices.Contains(Columns, h) {
			return nil, fmt.Errorf("manifest %s: unknown column %q (known: %s)", path, header[i], strings.Join(Columns, ", "))
		}
		if slices.Contains(cols[:i], h) {
			return nil, fmt.Errorf("manifest %s: column %q twice", path, h)
		}
		cols[i] = h
	}
	for _, need := range []string{"transcript", "out"} {
		if !slices.Contains(cols, need) {
			return nil, fmt.Errorf("manifest %s: no %q column", path, need)
		}
	}
	var rows []Row
	outs := map[string]int{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("manifest %s: %w", path, err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line
		}
		line, _ := r.FieldPos(0)
		if len(rec) != len(cols) {
			return nil, fmt.Errorf("manifest %s:%d: %d fields, the header has %d", path, line, len(rec), len(cols))
		}
		row := Row{Index: len(rows), Line: line, Fields: map[string]string{}}
		for i, v := range rec {
			v = strings.TrimSpace(v)
			if v != "" && pathColumns[cols[i]] && !filepath.IsAbs(v) {
				v = filepath.Join(base, v)
			}
			row.Fields[cols[i]] = v
		}
		for _, need := range []string{"transcript", "out"} {
			if row.Fields[need] == "" {
				return nil, fmt.Errorf("manifest %s:%d: empty %q", path, line, need)
			}
		}
		for _, c := range []string{"episode", "season"} {
			if v := row.Fields[c]; v != "" {
				if n, err := strconv.Atoi(v); err != nil || n < 0 {
					return nil, fmt.Errorf("manifest %s:%d: %s %q is not a whole number", path, line, c, v)
				}
			}
		}
		if first, dup := outs[row.Fields["out"]]; dup {
			return nil, fmt.Errorf("manifest %s:%d: out %s is also line %d's: each episode needs its own output directory", path, line, row.Fields["out"], first)
		}
		outs[row.Fields["out"]] = line
		rows = append(rows, row)
	}
	return rows, nil
}

// Shard is the share of a manifest one worker takes: rows whose index is I
// modulo N (0-based I), a deterministic split whose shares differ by one
// row at most.
type Shard struct{ I, N int }

// ParseShard reads "I/N".
func ParseShard(s string) (Shard, error) {
	i, n, ok := strings.Cut(strings.TrimSpace(s), "/")
	a, err1 := strconv.Atoi(i)
	b, err2 := strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || b < 1 || a < 0 || a >= b {
		return Shard{}, fmt.Errorf("shard %q is not I/N with 0 <= I < N", s)
	}
	return Shard{a, b}, nil
}

// ShardFromEnv is the shard a scheduler's environment gives: the index
// from JOB_COMPLETION_INDEX (a Kubernetes Indexed Job), else
// SHOWNOTES_SHARD_INDEX, else SLURM_ARRAY_TASK_ID; the count from
// SHOWNOTES_SHARDS. ok is false when the environment names no shard.
func ShardFromEnv(getenv func(string) string) (s Shard, ok bool, err error) {
	idx := ""
	for _, k := range []string{"JOB_COMPLETION_INDEX", "SHOWNOTES_SHARD_INDEX", "SLURM_ARRAY_TASK_ID"} {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			idx = v
			break
		}
	}
	n := strings.TrimSpace(getenv("SHOWNOTES_SHARDS"))
	if idx == "" && n == "" {
		return Shard{}, false, nil
	}
	if idx == "" || n == "" {
		return Shard{}, false, errors.New("a shard needs both an index (JOB_COMPLETION_INDEX or SHOWNOTES_SHARD_INDEX) and SHOWNOTES_SHARDS")
	}
	s, err = ParseShard(idx + "/" + n)
	return s, err == nil, err
}

// Select returns the rows of shard s.
func (s Shard) Select(rows []Row) []Row {
	if s.N <= 1 {
		return rows
	}
	var out []Row
	for _, r := range rows {
		if r.Index%s.N == s.I {
			out = append(out, r)
		}
	}
	return out
}

// StateFile is the record of an episode's last complete batch run, in its
// output directory; written last, so a killed run leaves none.
const StateFile = ".shownotes-batch.json"

// ItemFile is the finished episode's feed item: a feed holding that one
// item, which `shownotes feed add` merges into the show's feed.
const ItemFile = "feed-item.xml"

// State is what StateFile records.
type State struct {
	Key   string               `json:"key"`   // hash of everything below and the settings
	Files map[string]FileState `json:"files"` // input path → its fingerprint
	Done  time.Time            `json:"done"`
}

// FileState fingerprints one input: its content hash, and the size and
// modification time it had then, so that an unchanged file is not read
// again to be recognised.
type FileState struct {
	Size    int64     `json:"size"`
	ModTime time.Time `json:"mtime"`
	SHA256  string    `json:"sha256"`
}

// LoadState reads dir's StateFile; a missing or unreadable one is nil.
func LoadState(dir string) *State {
	b, err := os.ReadFile(filepath.Join(dir, StateFile))
	if err != nil {
		return nil
	}
	var s State
	if json.Unmarshal(b, &s) != nil {
		return nil
	}
	return &s
}

// Save writes the state into dir atomically.
func (s *State) Save(dir string) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	path := filepath.Join(dir, StateFile)
	pipeline.RemoveStaleTemps(path, time.Hour) // a killed batch's
	return pipeline.WriteFileAtomic(path, append(b, '\n'), 0o644)
}

// Fingerprint computes the state of a run of the given input files and
// settings (the row's fields, the tool's version, the config's and
// glossary's paths being among the files). prev, when not nil, supplies the
// hashes of files whose size and modification time are unchanged.
func Fingerprint(files []string, settings []string, prev *State) (*State, error) {
	st := &State{Files: map[string]FileState{}}
	h := sha256.New()
	for _, s := range settings {
		fmt.Fprintf(h, "setting %q\n", s)
	}
	for _, f := range files {
		if f == "" {
			continue
		}
		fi, err := os.Stat(f)
		if err != nil {
			return nil, err
		}
		fs := FileState{Size: fi.Size(), ModTime: fi.ModTime().UTC()}
		if p, ok := prev.file(f); ok && p.Size == fs.Size && p.ModTime.Equal(fs.ModTime) && p.SHA256 != "" {
			fs.SHA256 = p.SHA256
		} else if fs.SHA256, err = hashFile(f); err != nil {
			return nil, err
		}
		st.Files[f] = fs
		fmt.Fprintf(h, "file %q %s\n", f, fs.SHA256)
	}
	st.Key = hex.EncodeToString(h.Sum(nil))
	return st, nil
}

func (s *State) file(path string) (FileState, bool) {
	if s == nil {
		return FileState{}, false
	}
	f, ok := s.Files[path]
	return f, ok
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
