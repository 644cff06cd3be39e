// Package acoustic times words against audio with trained acoustic phone
// models: CMU Sphinx's US English semi-continuous model (phonetically tied
// mixtures, 5126 senones over 42 codebooks, from Debian's pocketsphinx-en-us,
// BSD licence, embedded with its notice in model/) and the CMU
// pronouncing dictionary. Its Viterbi search follows the transcript's phones
// with optional silence, noise and filler ("uh", "um") between every two
// words, inside a band around a coarse alignment, so its cost grows
// linearly with the episode and its memory is bounded by a window.
//
// The files are read directly (Sphinx's s3 binary formats and its binary
// model definition); nothing outside the binary is needed at run time.
package acoustic

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
)

//go:embed model/*.gz
var modelFS embed.FS

// Model is a loaded acoustic model. It is read only once loaded.
type Model struct {
	phones   []string       // CI phone names; index = CI phone id
	phoneID  map[string]int // name → CI phone id
	sil      int            // CI id of SIL
	nEmit    int            // emitting states per phone (3)
	nCISen   int
	nSen     int
	cdTree   []cdNode
	pidSSID  []int32 // phone id → senone sequence id
	pidTmat  []int32 // phone id → transition matrix
	sseq     []uint16
	senCB    []int16 // senone → codebook (its base phone's)
	filler   []bool  // CI phone is a filler (SIL, +NSN+, ...)
	nCB      int
	nFeat    int
	nDen     int
	veclen   []int
	featOff  []int       // offset of each stream in a 39-dim frame
	means    []float32   // [cb][feat][den][veclen]
	halfIVar []float32   // 1/(2 var), same layout
	logNorm  []float32   // [cb][feat][den] −½Σln(2πvar)
	mixw     [][]float32 // [feat] → [sen*nDen + den] ln weight
	// tmat[m] is the log transition matrix m: nEmit rows of nEmit+1
	// columns (the last column: leaving the phone).
	tmat [][]float32
	sel  *selection // Gaussian selection (selection.go); nil: full search
}

type cdNode struct {
	ctx   int16
	nDown int16
	val   int32 // phone id (leaf) or index of first child
}

var (
	loadOnce sync.Once
	loaded   *Model
	loadErr  error
)

// Load reads the embedded model once; later calls return the same model.
func Load() (*Model, error) {
	loadOnce.Do(func() { loaded, loadErr = load() })
	return loaded, loadErr
}

func readGz(name string) ([]byte, error) {
	f, err := modelFS.Open("model/" + name + ".gz")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return io.ReadAll(z)
}

func load() (*Model, error) {
	m := &Model{}
	b, err := readGz("mdef")
	if err != nil {
		return nil, err
	}
	if err := m.readMdef(b); err != nil {
		return nil, fmt.Errorf("acoustic model definition: %w", err)
	}
	means, err := readGz("means")
	if err != nil {
		return nil, err
	}
	vars, err := readGz("variances")
	if err != nil {
		return nil, err
	}
	if err := m.readGauden(means, vars); err != nil {
		return nil, fmt.Errorf("acoustic model densities: %w", err)
	}
	b, err = readGz("sendump")
	if err != nil {
		return nil, err
	}
	if err := m.readSendump(b); err != nil {
		return nil, fmt.Errorf("acoustic model mixture weights: %w", err)
	}
	b, err = readGz("transition_matrices")
	if err != nil {
		return nil, err
	}
	if err := m.readTmat(b); err != nil {
		return nil, fmt.Errorf("acoustic model transitions: %w", err)
	}
	if m.nDen <= 256 {
		m.buildSelection()
	}
	return m, nil
}

var errFormat = errors.New("unexpected format")

// reader reads little-endian values, remembering the first error.
type reader struct {
	b   []byte
	off int
	err error
}

func (r *reader) i32() int32 {
	if r.err != nil || r.off+4 > len(r.b) {
		r.err = errFormat
		return 0
	}
	v := int32(binary.LittleEndian.Uint32(r.b[r.off:]))
	r.off += 4
	return v
}

func (r *reader) i16() int16 {
	if r.err != nil || r.off+2 > len(r.b) {
		r.err = errFormat
		return 0
	}
	v := int16(binary.LittleEndian.Uint16(r.b[r.off:]))
	r.off += 2
	return v
}

func (r *reader) f32s(n int) []float32 {
	if r.err != nil || n < 0 || r.off+4*n > len(r.b) {
		r.err = errFormat
		return nil
	}
	out := make([]float32, n)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(r.b[r.off+4*i:]))
	}
	r.off += 4 * n
	return out
}

// readMdef reads Sphinx's binary model definition ("BMDF").
func (m *Model) readMdef(b []byte) error {
	if len(b) < 12 || string(b[:4]) != "BMDF" {
		return errFormat
	}
	r := &reader{b: b, off: 4}
	if r.i32() != 1 {
		return fmt.Errorf("%w: version", errFormat)
	}
	hl := int(r.i32())
	r.off += hl
	r.off = (r.off + 3) &^ 3
	nCI, nPhone, nEmit := int(r.i32()), int(r.i32()), int(r.i32())
	nCISen, nSen, _ := int(r.i32()), int(r.i32()), int(r.i32())
	nSSeq, _, nTree, sil := int(r.i32()), int(r.i32()), int(r.i32()), int(r.i32())
	if r.err != nil || nCI <= 0 || nCI > 1000 || nEmit != 3 || nPhone < nCI || nSen <= 0 || nTree <= 0 {
		return errFormat
	}
	m.nEmit, m.nCISen, m.nSen, m.sil = nEmit, nCISen, nSen, sil
	m.phoneID = map[string]int{}
	for range nCI {
		end := bytes.IndexByte(b[r.off:], 0)
		if end < 0 {
			return errFormat
		}
		name := string(b[r.off : r.off+end])
		m.phoneID[name] = len(m.phones)
		m.phones = append(m.phones, name)
		r.off += end + 1
	}
	r.off = (r.off + 3) &^ 3
	m.cdTree = make([]cdNode, nTree)
	for i := range m.cdTree {
		m.cdTree[i] = cdNode{ctx: r.i16(), nDown: r.i16(), val: r.i32()}
	}
	m.pidSSID = make([]int32, nPhone)
	m.pidTmat = make([]int32, nPhone)
	m.filler = make([]bool, nCI)
	base := make([]int, nPhone) // each phone's base (CI) phone
	for i := range nPhone {
		m.pidSSID[i] = r.i32()
		m.pidTmat[i] = r.i32()
		if r.err != nil || r.off+4 > len(b) {
			return errFormat
		}
		// attr: a CI phone's filler flag; a triphone's word position,
		// base, left and right phones.
		if i < nCI {
			m.filler[i] = b[r.off] != 0
			base[i] = i
		} else {
			base[i] = int(b[r.off+1])
		}
		if base[i] >= nCI {
			return errFormat
		}
		r.off += 4
	}
	// The senone sequences, after their count.
	if int(r.i32()) != nSSeq*nEmit || r.off+2*nSSeq*nEmit > len(b) {
		return errFormat
	}
	m.sseq = make([]uint16, nSSeq*nEmit)
	for i := range m.sseq {
		m.sseq[i] = binary.LittleEndian.Uint16(b[r.off+2*i:])
		if int(m.sseq[i]) >= nSen {
			return errFormat
		}
	}
	// Each senone belongs to the codebook of its phone's base phone.
	m.senCB = make([]int16, nSen)
	for i := range m.senCB {
		m.senCB[i] = -1
	}
	for pid := range nPhone {
		s := m.pidSSID[pid]
		if s < 0 || int(s) >= nSSeq {
			return errFormat
		}
		for st := range nEmit {
			m.senCB[m.sseq[int(s)*nEmit+st]] = int16(base[pid])
		}
	}
	for i, c := range m.senCB {
		if c < 0 {
			return fmt.Errorf("%w: senone %d has no phone", errFormat, i)
		}
	}
	return nil
}

// s3body skips an s3 file's text header and checks its byte order.
func s3body(b []byte) (*reader, error) {
	i := bytes.Index(b, []byte("endhdr\n"))
	if i < 0 {
		return nil, errFormat
	}
	r := &reader{b: b, off: i + 7}
	if uint32(r.i32()) != 0x11223344 {
		return nil, fmt.Errorf("%w: byte order", errFormat)
	}
	return r, nil
}

// readGauden reads the means and variances (s3 gauden files) and
// precomputes what scoring needs.
func (m *Model) readGauden(means, vars []byte) error {
	read := func(b []byte) ([]float32, error) {
		r, err := s3body(b)
		if err != nil {
			return nil, err
		}
		nCB, nFeat, nDen := int(r.i32()), int(r.i32()), int(r.i32())
		if r.err != nil || nCB <= 0 || nCB > 1000 || nFeat <= 0 || nFeat > 8 || nDen <= 0 || nDen > 128 {
			return nil, errFormat
		}
		vl := make([]int, nFeat)
		total := 0
		for f := range vl {
			vl[f] = int(r.i32())
			total += vl[f]
		}
		if m.veclen == nil {
			m.nCB, m.nFeat, m.nDen, m.veclen = nCB, nFeat, nDen, vl
		} else if m.nCB != nCB || m.nFeat != nFeat || m.nDen != nDen {
			return nil, fmt.Errorf("%w: means and variances differ in shape", errFormat)
		}
		n := int(r.i32())
		if n != nCB*nDen*total {
			return nil, errFormat
		}
		d := r.f32s(n)
		return d, r.err
	}
	mu, err := read(means)
	if err != nil {
		return err
	}
	va, err := read(vars)
	if err != nil {
		return err
	}
	total := 0
	m.featOff = make([]int, m.nFeat)
	for f, v := range m.veclen {
		m.featOff[f] = total
		total += v
	}
	if total != 3*13 || m.veclen[0] != 13 || m.veclen[1] != 13 || m.veclen[2] != 13 {
		return fmt.Errorf("%w: %d coefficients a frame, want 39", errFormat, total)
	}
	if m.nCB != len(m.phones) {
		return fmt.Errorf("%w: %d codebooks for %d phones", errFormat, m.nCB, len(m.phones))
	}
	m.means = mu
	m.halfIVar = make([]float32, len(va))
	m.logNorm = make([]float32, m.nCB*m.nFeat*m.nDen)
	i, g := 0, 0
	for range m.nCB {
		for f := range m.nFeat {
			for range m.nDen {
				var ln float64
				for range m.veclen[f] {
					v := max(float64(va[i]), 1e-4) // Sphinx's variance floor
					m.halfIVar[i] = float32(1 / (2 * v))
					ln += math.Log(2 * math.Pi * v)
					i++
				}
				m.logNorm[g] = float32(-ln / 2)
				g++
			}
		}
	}
	return nil
}

// logWeightUnit is a sendump value's unit: Sphinx stores −log₁.₀₀₀₁(w)
// shifted right by 10 bits.
var logWeightUnit = float32(1024 * math.Log(1.0001))

// readSendump reads the mixture weights (Sphinx's "sendump": quantised
// negative log weights, codeword-major).
func (m *Model) readSendump(b []byte) error {
	r := &reader{b: b}
	for {
		n := int(r.i32())
		if r.err != nil || n < 0 || r.off+n > len(b) {
			return errFormat
		}
		if n == 0 {
			break
		}
		r.off += n
	}
	nDen, nSen := int(r.i32()), int(r.i32())
	if r.err != nil || nDen != m.nDen || nSen != m.nSen {
		return fmt.Errorf("%w: %d codewords, %d senones", errFormat, nDen, nSen)
	}
	if r.off+m.nFeat*nDen*nSen > len(b) {
		return errFormat
	}
	m.mixw = make([][]float32, m.nFeat)
	for f := range m.nFeat {
		w := make([]float32, nSen*nDen)
		for d := range nDen {
			row := b[r.off : r.off+nSen]
			for s, v := range row {
				w[s*nDen+d] = -float32(v) * logWeightUnit
			}
			r.off += nSen
		}
		m.mixw[f] = w
	}
	return nil
}

// readTmat reads the transition matrices (s3 tmat: counts or
// probabilities, normalised per row here).
func (m *Model) readTmat(b []byte) error {
	r, err := s3body(b)
	if err != nil {
		return err
	}
	n, rows, cols := int(r.i32()), int(r.i32()), int(r.i32())
	total := int(r.i32())
	if r.err != nil || rows != m.nEmit || cols != m.nEmit+1 || total != n*rows*cols || n <= 0 || n > 10000 {
		return errFormat
	}
	d := r.f32s(total)
	if r.err != nil {
		return r.err
	}
	m.tmat = make([][]float32, n)
	for i := range n {
		t := make([]float32, rows*cols)
		for j := range rows {
			row := d[(i*rows+j)*cols : (i*rows+j+1)*cols]
			var sum float64
			for _, v := range row {
				sum += max(float64(v), 0)
			}
			for k, v := range row {
				p := 0.0
				if sum > 0 {
					p = max(float64(v), 0) / sum
				}
				if p <= 0 {
					t[j*cols+k] = float32(math.Inf(-1))
				} else {
					t[j*cols+k] = float32(math.Log(p))
				}
			}
		}
		m.tmat[i] = t
	}
	return nil
}

// Phone returns the CI phone id of name (as the dictionary spells it:
// "AH", "SIL", "+SPN+"), or −1.
func (m *Model) Phone(name string) int {
	if id, ok := m.phoneID[strings.ToUpper(name)]; ok {
		return id
	}
	return -1
}

// Word positions of a phone in its word, as Sphinx numbers them.
const (
	posInternal = 0
	posBegin    = 1
	posEnd      = 2
	posSingle   = 3
)

// triphone returns the phone id of base in context (left, right) at word
// position pos, or the CI phone when the model has no such triphone.
// Fillers as context count as silence.
func (m *Model) triphone(base, left, right, pos int) int {
	if m.filler[base] {
		return base
	}
	if left < 0 || m.filler[left] {
		left = m.sil
	}
	if right < 0 || m.filler[right] {
		right = m.sil
	}
	ctx := [4]int{pos, base, left, right}
	first, n := 0, 4
	for level := range 4 {
		found := -1
		for i := first; i < first+n && i < len(m.cdTree); i++ {
			if int(m.cdTree[i].ctx) == ctx[level] {
				found = i
				break
			}
		}
		if found < 0 {
			return base
		}
		nd := m.cdTree[found]
		if nd.nDown == 0 {
			if level == 3 {
				return int(nd.val)
			}
			return base
		}
		first, n = int(nd.val), int(nd.nDown)
	}
	return base
}

// senones returns the senones of phone id pid's states and its transition
// matrix.
func (m *Model) senones(pid int) ([]uint16, []float32) {
	s := int(m.pidSSID[pid]) * m.nEmit
	return m.sseq[s : s+m.nEmit], m.tmat[m.pidTmat[pid]]
}
