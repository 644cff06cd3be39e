package feeds

import (
	"bytes"
	"fmt"
)

// notUTF16 returns an error naming the encoding when data is UTF-16 (by
// its byte order mark, or by the zero bytes around "<?xml"), which the
// XML decoder would otherwise report as invalid UTF-8.
func notUTF16(data []byte) error {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte("<\x00?\x00")):
		return fmt.Errorf("the feed is encoded as UTF-16 (little-endian); only UTF-8 is supported: convert it with iconv -f UTF-16 -t UTF-8")
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}), bytes.HasPrefix(data, []byte("\x00<\x00?")):
		return fmt.Errorf("the feed is encoded as UTF-16 (big-endian); only UTF-8 is supported: convert it with iconv -f UTF-16 -t UTF-8")
	}
	return nil
}
