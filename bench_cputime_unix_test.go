//go:build unix

package sellercenter_test

import "syscall"

// cpuTime is the CPU time this process has used, user and system, in
// nanoseconds, and whether the platform reports it. Unlike the wall clock,
// it does not grow while other processes hold the CPUs.
func cpuTime() (int64, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return ru.Utime.Nano() + ru.Stime.Nano(), true
}
