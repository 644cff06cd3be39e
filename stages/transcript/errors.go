package transcript

import "fmt"

func errFormatf(format, msg string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrFormat, format, fmt.Sprintf(msg, args...))
}
