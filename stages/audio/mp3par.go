package audio

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"sync"

	mp3 "github.com/hajimehoshi/go-mp3"
)

// Parallel in-process MP3 decoding. The frames that walkMPEG finds are cut
// into chunks of about mp3ChunkBytes of go-mp3's output; a pool of workers
// decodes them, each with its own go-mp3 decoder, and Read hands their
// output on in order, so the bytes are those of one go-mp3 decoder reading
// the whole file (the tests check it byte for byte).
//
// A chunk's decoder starts some frames early (the warm-up, whose output is
// dropped), because a frame's samples depend on what came before:
//
//   - the bit reservoir: a Layer III frame's main data may begin up to 511
//     bytes (MPEG-1; 255 for MPEG-2) before its header, in earlier frames'
//     main data. The warm-up starts far enough back that the main data of
//     its frames before the state frames (below) add up to that much, plus
//     one frame of margin. go-mp3 keeps what a frame took from the
//     reservoir plus the frame's own main data, or all it has when a frame
//     asks for more than that (then it decodes garbage, with no error most
//     of the time); so by the first state frame at the latest some frame
//     finds all it asks for, and from there on go-mp3 holds the very bytes
//     a decoder that read the file from its start holds. These reservoir
//     frames have their side information zeroed after main_data_begin, so
//     they decode as silence (no Huffman data read, nothing to fail on)
//     but still feed the reservoir.
//   - the IMDCT overlap (the second half of the previous granule's
//     transform) and the synthesis filterbank's 1024-value history (which
//     the last 16 of a granule's 18 steps rewrite whole): a granule's
//     output depends on its own spectrum and the two granules' before.
//     mp3StateFrames frames (two granules or more, and two frames of
//     margin) are decoded for real just before the chunk.
//
// A decoder's frames must be the walk's: after each one the bytes go-mp3
// has read are checked against the next frame's offset (go-mp3 sizes a
// padded MPEG-2 frame a byte short and finds the next header by scanning;
// that is allowed for). If a chunk's warm-up fails (an error, a panic, other
// frames), the previous chunk's decoder goes on reading the rest of the
// file alone, as the serial decode would; the same when a chunk's own
// frames stop matching the walk's, and at the end of the walk (junk or tags
// after the frames, a frame of another kind). A chunk that stops with an
// error or a panic ends the stream there, as the serial decoder would.
// Memory is bounded: 2×workers chunks in flight, and a window of frame
// offsets.

// mp3Workers is how many goroutines decode an MP3 in-process (0:
// runtime.GOMAXPROCS, at most 8; 1: one decoder, no chunks); mp3ChunkBytes
// how much of go-mp3's output (16-bit stereo) a chunk makes, 2 MiB: 12 s at
// 44.1 kHz. The tests set both to get seams in short files.
var (
	mp3Workers    = 0
	mp3ChunkBytes = 2 << 20
)

const (
	// mp3StateFrames frames before a chunk are decoded for real.
	mp3StateFrames = 4
	// mp3MaxBack bounds the warm-up (in frames): the smallest Layer III
	// frame go-mp3 reads (8 kb/s MPEG-2 stereo at 24 kHz with CRC) has one
	// byte of main data, and MPEG-2's reservoir is 255 bytes.
	mp3MaxBack = 1024
	// mp3FrameBytes is go-mp3's output for an MPEG-1 frame, the most.
	mp3FrameBytes = 1152 * 4
)

// mp3WorkerCount is how many workers decode an MP3.
func mp3WorkerCount() int {
	if mp3Workers > 0 {
		return mp3Workers
	}
	return min(runtime.GOMAXPROCS(0), 8)
}

// goMP3Size is the frame length go-mp3 reads for Layer III header h (for a
// padded MPEG-2 frame it is a byte short of h.size when 144×bitrate/rate is
// even).
func goMP3Size(h mpegHeader) int {
	lsf := 0
	if h.version != 1 {
		lsf = 1
	}
	return (144*h.bitrate/h.rate + h.padding) >> lsf
}

// sideInfoSize is the length of a Layer III frame's side information.
func sideInfoSize(h mpegHeader) int {
	switch {
	case h.version == 1 && h.channels == 1:
		return 17
	case h.version == 1:
		return 32
	case h.channels == 1:
		return 9
	}
	return 17
}

// mainDataBytes is how much main data go-mp3 reads from frame h.
func mainDataBytes(h mpegHeader) int {
	n := goMP3Size(h) - 4 - sideInfoSize(h)
	if h.crc {
		n -= 2
	}
	return max(0, n)
}

// maxReservoir is the largest main_data_begin of h's MPEG version.
func maxReservoir(h mpegHeader) int {
	if h.version == 1 {
		return 511
	}
	return 255
}

// countReader counts the bytes read through it: go-mp3's position.
type countReader struct {
	r io.Reader
	n int64 // the file offset of the next byte
}

func (c *countReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	return n, err
}

// mp3Job is a chunk to decode.
type mp3Job struct {
	frames []mpegFrame // the warm-up's frames, then the chunk's
	warm   int         // how many of frames are warm-up
	patch  int         // how many of the warm-up's frames decode as silence
	bad    bool        // no warm-up could be found
	d      *mp3.Decoder
	cr     *countReader // d's input (chunk 0: openMP3's decoder)
	res    chan mp3Result
}

// mp3Result is a decoded chunk.
type mp3Result struct {
	pcm    []byte       // go-mp3's output for the chunk's frames
	err    error        // decoding stopped with this error after pcm (io.EOF included)
	pv     any          // or with this panic
	serial bool         // the frames no longer match the walk's: d goes on after pcm
	bad    bool         // the warm-up failed: the previous chunk's decoder goes on
	d      *mp3.Decoder // the decoder, after the chunk's last frame
}

// mp3Par is an io.Reader of go-mp3's output, decoded in chunks by workers.
type mp3Par struct {
	name        string
	fh          *os.File
	size        int64
	first       mpegFrame
	chunkFrames int
	d0          *mp3.Decoder
	cr0         *countReader

	order chan *mp3Job // chunks in file order, at most 2×workers
	jobs  chan *mp3Job
	done  chan struct{}
	once  sync.Once
	wg    sync.WaitGroup

	// Read's state.
	pcm    []byte
	prev   *mp3.Decoder // the last chunk's decoder, at its end
	serial *mp3.Decoder // set: the rest of the file comes from this decoder
	end    bool         // pcm is the last: then err or the panic pv
	err    error
	pv     any

	chunks int    // chunks read (for the tests)
	why    string // why the serial decode took over ("" not yet)
}

// newMP3Par starts decoding in parallel the MP3 file fh whose first frame
// is first and which d (reading cr from the file's start) has begun on.
func newMP3Par(name string, fh *os.File, size int64, first mpegFrame, d *mp3.Decoder, cr *countReader, workers, chunkFrames int) *mp3Par {
	p := &mp3Par{name: name, fh: fh, size: size, first: first, chunkFrames: max(1, chunkFrames), d0: d, cr0: cr, prev: d,
		order: make(chan *mp3Job, 2*workers), jobs: make(chan *mp3Job), done: make(chan struct{})}
	p.wg.Add(1 + workers)
	go p.produce()
	for range workers {
		go p.work()
	}
	return p
}

// produce walks the frames and hands out the chunks.
func (p *mp3Par) produce() {
	defer p.wg.Done()
	defer close(p.jobs)
	defer close(p.order)
	var (
		hist []mpegFrame // up to mp3MaxBack frames before the chunk, then the chunk's
		base int64       // the index in the file of hist[0]
		from int         // where the chunk starts in hist
	)
	emit := func() bool {
		j := p.job(hist, base, from)
		select {
		case p.order <- j:
		case <-p.done:
			return false
		}
		select {
		case p.jobs <- j:
		case <-p.done:
			return false
		}
		if k := len(hist) - mp3MaxBack; k > 0 {
			hist = hist[:copy(hist, hist[k:])]
			base += int64(k)
		}
		from = len(hist)
		return true
	}
	f0 := p.first.h
	walkMPEG(p.name, p.fh, p.size, p.first, func(f mpegFrame) bool {
		// go-mp3 keeps the filter states of both channels across frames
		// of either kind: a change of channels ends the chunks.
		if f.h.layer != 3 || f.h.version != f0.version || f.h.channels != f0.channels {
			return false
		}
		select {
		case <-p.done:
			return false
		default:
		}
		hist = append(hist, f)
		if len(hist)-from == p.chunkFrames {
			return emit()
		}
		return true
	})
	if len(hist) > from {
		emit()
	}
}

// job makes the chunk hist[from:] (base is the file index of hist[0]) and
// its warm-up.
func (p *mp3Par) job(hist []mpegFrame, base int64, from int) *mp3Job {
	j := &mp3Job{res: make(chan mp3Result, 1)}
	if base == 0 && from == 0 {
		j.frames, j.d, j.cr = slices.Clone(hist), p.d0, p.cr0
		return j
	}
	c := from - mp3StateFrames
	if c < 0 {
		if base > 0 {
			j.bad = true
			return j
		}
		c = 0
	}
	w, got := c, 0
	need := maxReservoir(p.first.h)
	for w > 0 && got < need {
		w--
		got += mainDataBytes(hist[w].h)
	}
	if got < need && (w > 0 || base > 0) {
		j.bad = true
		return j
	}
	if w > 0 {
		w-- // margin
	}
	j.frames, j.warm, j.patch = slices.Clone(hist[w:]), from-w, c-w
	return j
}

func (p *mp3Par) work() {
	defer p.wg.Done()
	for j := range p.jobs {
		j.res <- p.decode(j)
	}
}

// decode decodes a chunk.
func (p *mp3Par) decode(j *mp3Job) (r mp3Result) {
	if j.bad {
		return mp3Result{bad: true}
	}
	d, cr := j.d, j.cr
	if d == nil {
		var err error
		if d, cr, err = p.openAt(j); err != nil {
			return mp3Result{bad: true}
		}
	}
	r.d = d
	buf := make([]byte, mp3FrameBytes)
	r.pcm = make([]byte, 0, (len(j.frames)-j.warm)*j.frames[0].h.samples*4)
	for i, f := range j.frames {
		select {
		case <-p.done:
			return mp3Result{bad: true}
		default:
		}
		n, pv, err := readFrame(d, buf)
		if err != nil || pv != nil {
			if i < j.warm {
				return mp3Result{bad: true}
			}
			r.err, r.pv = err, pv
			return r
		}
		if i >= j.warm {
			r.pcm = append(r.pcm, buf[:n]...)
		}
		if cr.n != f.off+int64(goMP3Size(f.h)) {
			if i < j.warm {
				return mp3Result{bad: true}
			}
			r.serial = true
			return r
		}
	}
	return r
}

// openAt makes the decoder of a chunk: its input starts at the warm-up's
// first frame, with the reservoir frames' side information zeroed.
func (p *mp3Par) openAt(j *mp3Job) (d *mp3.Decoder, cr *countReader, err error) {
	start, rest := j.frames[0].off, j.frames[j.patch].off
	head := make([]byte, rest-start)
	if _, err := p.fh.ReadAt(head, start); err != nil {
		return nil, nil, err
	}
	for _, f := range j.frames[:j.patch] {
		o := int(f.off - start)
		si := o + 4
		if f.h.crc {
			si += 2
		}
		end := min(si+sideInfoSize(f.h), o+f.h.size, len(head))
		if f.h.version == 1 {
			// main_data_begin is 9 bits.
			if si+1 < end {
				head[si+1] &= 0x80
			}
			si += 2
		} else {
			si++
		}
		if si < end {
			clear(head[si:end])
		}
	}
	cr = &countReader{r: bufio.NewReaderSize(io.MultiReader(bytes.NewReader(head), io.NewSectionReader(p.fh, rest, p.size-rest)), 64<<10), n: start}
	defer func() {
		if v := recover(); v != nil {
			d, err = nil, fmt.Errorf("the MP3 decoder failed: %v", v)
		}
	}()
	d, err = mp3.NewDecoder(cr)
	return d, cr, err
}

// readFrame has d decode its next frame into buf (which holds any frame,
// so one at a time), a panic returned as pv.
func readFrame(d *mp3.Decoder, buf []byte) (n int, pv any, err error) {
	defer func() {
		if v := recover(); v != nil {
			pv = v
		}
	}()
	n, err = d.Read(buf)
	return n, nil, err
}

// Read hands on the chunks' output in order; once a decoder reads on
// alone, its output.
func (p *mp3Par) Read(b []byte) (int, error) {
	for {
		if len(p.pcm) > 0 {
			n := copy(b, p.pcm)
			p.pcm = p.pcm[n:]
			return n, nil
		}
		if p.serial != nil {
			return p.serial.Read(b)
		}
		if p.end {
			if pv := p.pv; pv != nil {
				// As the serial decoder's panic, for mp3Source.Read to recover.
				p.pv = nil
				panic(pv)
			}
			return 0, p.err
		}
		j, ok := <-p.order
		if !ok {
			p.goSerial(p.prev, "end of the walk")
			continue
		}
		r := <-j.res
		switch {
		case r.bad:
			p.goSerial(p.prev, "a warm-up failed")
			continue
		case r.err != nil || r.pv != nil:
			p.end, p.err, p.pv = true, r.err, r.pv
			p.stop()
		case r.serial:
			p.goSerial(r.d, "go-mp3's frames are not the walk's")
		default:
			p.prev = r.d
		}
		p.chunks++
		p.pcm = r.pcm
	}
}

// goSerial has d read the rest of the file.
func (p *mp3Par) goSerial(d *mp3.Decoder, why string) {
	p.serial, p.why = d, why
	p.stop()
}

func (p *mp3Par) stop() { p.once.Do(func() { close(p.done) }) }

// Close stops the workers.
func (p *mp3Par) Close() {
	p.stop()
	p.wg.Wait()
}
