//go:build cgo

package align

/*
#cgo LDFLAGS: -ldl
#include <stdlib.h>
#include "espeak.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"sync"
	"unsafe"
)

// espeak is the eSpeak NG synthesiser, loaded at run time. eSpeak keeps
// global state, so calls are serialised.
type espeak struct {
	rate int
}

var (
	espeakMu   sync.Mutex
	espeakOnce sync.Once
	espeakInst *espeak
	espeakErr  error
)

// ErrNoSynth is returned when no speech synthesiser can be loaded.
var ErrNoSynth = errors.New("espeak-ng not available")

func loadEspeak() (*espeak, error) {
	espeakOnce.Do(func() {
		espeakMu.Lock()
		defer espeakMu.Unlock()
		buf := make([]byte, 512)
		rate := C.sn_load((*C.char)(unsafe.Pointer(&buf[0])), C.int(len(buf)))
		if rate <= 0 {
			msg := C.GoString((*C.char)(unsafe.Pointer(&buf[0])))
			espeakErr = fmt.Errorf("%w: %s (install it with: apt-get install espeak-ng)", ErrNoSynth, msg)
			return
		}
		name := C.CString("en-us")
		defer C.free(unsafe.Pointer(name))
		if C.sn_voice(name) != 0 {
			espeakErr = fmt.Errorf("%w: no en-us voice (install espeak-ng-data)", ErrNoSynth)
			return
		}
		espeakInst = &espeak{rate: int(rate)}
	})
	return espeakInst, espeakErr
}

// wordEvent is the start of a word in the synthetic audio: the 1-based
// character (rune) position of the word in the text, and its time in ms.
type wordEvent struct {
	Pos int
	Ms  int
}

// setRate sets the speaking rate in words per minute.
func (e *espeak) setRate(wpm int) {
	espeakMu.Lock()
	defer espeakMu.Unlock()
	C.sn_param(1, C.int(wpm)) // espeakRATE
}

// synth speaks text and returns its samples in [-1,1] at e.rate and the word
// events.
func (e *espeak) synth(text string) ([]float32, []wordEvent, error) {
	espeakMu.Lock()
	defer espeakMu.Unlock()
	cs := C.CString(text)
	defer C.free(unsafe.Pointer(cs))
	if r := C.sn_synth(cs, C.size_t(len(text))); r != 0 {
		return nil, nil, fmt.Errorf("espeak-ng synthesis failed (code %d)", int(r))
	}
	var n C.size_t
	p := C.sn_samples(&n)
	out := make([]float32, int(n))
	if n > 0 {
		src := unsafe.Slice((*int16)(unsafe.Pointer(p)), int(n))
		for i, v := range src {
			out[i] = float32(v) / 32768
		}
	}
	nw := int(C.sn_nwords())
	ev := make([]wordEvent, nw)
	if nw > 0 {
		pos := unsafe.Slice((*int32)(unsafe.Pointer(C.sn_word_pos())), nw)
		ms := unsafe.Slice((*int32)(unsafe.Pointer(C.sn_word_ms())), nw)
		for i := range ev {
			ev[i] = wordEvent{Pos: int(pos[i]), Ms: int(ms[i])}
		}
	}
	return out, ev, nil
}
