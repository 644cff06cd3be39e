package align

// withDeltas appends to each frame the slope of each coefficient over ±2
// frames.
func withDeltas(m *matrix) *matrix {
	dim := m.dim * 2
	out := &matrix{n: m.n, dim: dim, data: make([]float32, m.n*dim)}
	for i := 0; i < m.n; i++ {
		a, b := max(i-2, 0), min(i+2, m.n-1)
		dst := out.row(i)
		copy(dst, m.row(i))
		ra, rb := m.row(a), m.row(b)
		for d := 0; d < m.dim; d++ {
			dst[m.dim+d] = 0.5 * (rb[d] - ra[d])
		}
	}
	return out
}
