package feeds

import (
	"path/filepath"
	"strings"
)

// enclosureTypes maps a file extension to the MIME type written as the
// enclosure's type.
var enclosureTypes = map[string]string{
	".mp3":  "audio/mpeg",
	".m4a":  "audio/x-m4a",
	".m4b":  "audio/x-m4a",
	".mp4":  "video/mp4",
	".m4v":  "video/x-m4v",
	".mov":  "video/quicktime",
	".pdf":  "application/pdf",
	".wav":  "audio/wav",
	".aac":  "audio/aac",
	".ogg":  "audio/ogg",
	".oga":  "audio/ogg",
	".opus": "audio/opus",
	".flac": "audio/flac",
	".webm": "audio/webm",
}

// EnclosureType returns the MIME type for a published file's name from its
// extension, and "application/octet-stream" when the extension is unknown.
func EnclosureType(name string) string {
	if t, ok := enclosureTypes[strings.ToLower(filepath.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}

// appleTypes are the enclosure types Apple Podcasts accepts.
var appleTypes = map[string]bool{
	"audio/x-m4a":     true,
	"audio/mpeg":      true,
	"video/quicktime": true,
	"video/mp4":       true,
	"video/x-m4v":     true,
	"application/pdf": true,
}

// AppleAccepts reports whether Apple Podcasts accepts an enclosure of MIME
// type typ.
func AppleAccepts(typ string) bool { return appleTypes[strings.ToLower(strings.TrimSpace(typ))] }

// DescriptionLimit is the largest channel or item description, in bytes,
// that Apple Podcasts accepts. The notes are cut to fit it and the
// validator checks it: one number for both.
const DescriptionLimit = 4000
