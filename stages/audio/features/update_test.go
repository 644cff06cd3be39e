package features

// testcorpus declares the -update flag, so that go test ./... -update runs
// in every package (this one has no golden files).
import _ "github.com/shownotes/shownotes/pipeline/testcorpus"
