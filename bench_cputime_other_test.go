//go:build !unix

package sellercenter_test

// cpuTime reports that this platform has no process CPU time here; the
// benchmarks then report wall time only.
func cpuTime() (int64, bool) { return 0, false }
