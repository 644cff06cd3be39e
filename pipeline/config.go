package pipeline

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Config is one run's settings. The zero value is a valid transcript-only
// run with no feed; cmd/shownotes fills it from flags and podcast.toml.
type Config struct {
	AudioPath        string // "" runs without audio: untimed notes
	TranscriptPath   string
	TranscriptFormat string // "" auto-detects
	OutDir           string
	FeedPath         string // "" writes no feed
	EnclosurePath    string // the published audio file; "" means AudioPath

	Title   string    // episode title; "" takes the transcript header's
	Episode int       // itunes:episode, 0 when unset
	Season  int       // itunes:season, 0 when unset
	PubDate time.Time // zero means the audio file's modification time
	// GUID is the episode's feed guid (--guid); "" keeps the one an earlier
	// run recorded in the output directory, else Publication.DefaultGUID.
	GUID string

	Podcast  Podcast
	Glossary Glossary
}

// Podcast is the show's settings, read from podcast.toml.
type Podcast struct {
	Title       string   `toml:"title"`
	Description string   `toml:"description"`
	Link        string   `toml:"link"`
	FeedURL     string   `toml:"feed_url"`
	BaseURL     string   `toml:"base_url"` // where the enclosure and the episode files are published
	Language    string   `toml:"language"`
	Author      string   `toml:"author"`
	Image       string   `toml:"image"`
	Category    string   `toml:"category"`
	Subcategory string   `toml:"subcategory"`
	Explicit    bool     `toml:"explicit"`
	OwnerName   string   `toml:"owner_name"`
	OwnerEmail  string   `toml:"owner_email"`
	Hosts       []string `toml:"hosts"`        // podcast:person role host; others are guests
	EpisodeType string   `toml:"episode_type"` // full (default), trailer, bonus
	// EpisodeURL is a pattern for the episode's link; "{slug}" is replaced
	// by the episode's slug. Empty: Link.
	EpisodeURL string `toml:"episode_url"`
}

// Glossary corrects and types names: what the transcriber misheard, what
// type a name is, where it links.
type Glossary struct {
	Entries []GlossaryEntry `toml:"entry"`
}

// GlossaryEntry is one name of the glossary.
type GlossaryEntry struct {
	Name  string   `toml:"name"`  // the right spelling
	Match []string `toml:"match"` // spellings in the transcript that mean it
	Type  string   `toml:"type"`  // PERSON, ORG, PLACE, WORK, OTHER; "" keeps the detected type
	Link  string   `toml:"link"`
	// Ignore drops the name from the entities.
	Ignore bool `toml:"ignore"`
}

// ErrConfig is wrapped by configuration errors.
var ErrConfig = errors.New("bad configuration")

// LoadPodcast reads podcast.toml. A missing file is an error; unknown keys
// are reported as an error so that typos do not pass silently.
func LoadPodcast(path string) (Podcast, error) {
	var p Podcast
	data, err := readSettings(path)
	if err != nil {
		return p, err
	}
	md, err := toml.Decode(data, &p)
	if err != nil {
		return p, fmt.Errorf("%w: %s: %v", ErrConfig, path, oneLine(err))
	}
	if und := md.Undecoded(); len(und) > 0 {
		return p, fmt.Errorf("%w: %s: unknown key %q", ErrConfig, path, und[0].String())
	}
	return p, nil
}

// LoadGlossary reads a glossary file.
func LoadGlossary(path string) (Glossary, error) {
	var g Glossary
	data, err := readSettings(path)
	if err != nil {
		return g, err
	}
	md, err := toml.Decode(data, &g)
	if err != nil {
		return g, fmt.Errorf("%w: %s: %v", ErrConfig, path, oneLine(err))
	}
	if und := md.Undecoded(); len(und) > 0 {
		return g, fmt.Errorf("%w: %s: unknown key %q", ErrConfig, path, und[0].String())
	}
	for i, e := range g.Entries {
		if strings.TrimSpace(e.Name) == "" {
			return g, fmt.Errorf("%w: %s: entry %d has no name", ErrConfig, path, i+1)
		}
		switch e.Type {
		case "", Person, Org, Place, Work, Other:
		default:
			return g, fmt.Errorf("%w: %s: entry %q: type %q is not one of PERSON, ORG, PLACE, WORK, OTHER", ErrConfig, path, e.Name, e.Type)
		}
	}
	return g, nil
}

// MaxSettingsSize bounds the size of podcast.toml and of a glossary: a
// settings file is a few kilobytes, and reading /dev/zero by mistake must
// not grow memory without limit.
const MaxSettingsSize = 1 << 20

// readSettings reads a settings file of at most MaxSettingsSize bytes.
func readSettings(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("%w: %s: %v", ErrConfig, path, unwrapPath(err))
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return "", fmt.Errorf("%w: %s: is a directory", ErrConfig, path)
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxSettingsSize+1))
	if err != nil {
		return "", fmt.Errorf("%w: %s: %v", ErrConfig, path, unwrapPath(err))
	}
	if len(b) > MaxSettingsSize {
		return "", fmt.Errorf("%w: %s: larger than %d MB, not a settings file", ErrConfig, path, MaxSettingsSize>>20)
	}
	return string(b), nil
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// GlossaryBeside returns the path of glossary.toml in the directory of the
// config file, when it exists.
func GlossaryBeside(configPath string) (string, bool) {
	p := filepath.Join(filepath.Dir(configPath), "glossary.toml")
	if _, err := os.Stat(p); err == nil {
		return p, true
	}
	return "", false
}

func oneLine(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}
