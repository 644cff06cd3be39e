//go:build !race

package testcorpus

const raceEnabled = false
