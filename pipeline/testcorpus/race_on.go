//go:build race

package testcorpus

// raceEnabled reports a build with the race detector, under which decoding
// and aligning a 35-minute rendered episode takes minutes.
const raceEnabled = true
