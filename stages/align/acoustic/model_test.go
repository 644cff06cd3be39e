package acoustic

import "testing"

func TestLoad(t *testing.T) {
	m, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if m.nSen != 5126 || m.nCB != 42 || len(m.phones) != 42 || m.phones[m.sil] != "SIL" {
		t.Errorf("model: %d senones, %d codebooks, phones %v, sil %d", m.nSen, m.nCB, m.phones, m.sil)
	}
}
