// Package backoff is the module's one way to wait between attempts: the
// exponential delay with jitter, and a sleep that ends with its context.
package backoff

import (
	"context"
	"time"
)

// Delay is the wait before retry n (0-based): base × 2ⁿ, capped at max (no
// cap when max is 0), with "equal jitter": a uniformly random value in the
// upper half, so that clients retrying together spread out but never come
// back sooner than half the nominal wait. jitter(k) must return a value in
// [0, k).
func Delay(n int, base, max time.Duration, jitter func(k int64) int64) time.Duration {
	d := base
	for i := 0; i < n && (max == 0 || d < max); i++ {
		if d > 1<<62/2 { // doubling again would overflow
			break
		}
		d *= 2
	}
	if max > 0 && d > max {
		d = max
	}
	half := d / 2
	return half + time.Duration(jitter(int64(half)+1))
}

// Sleep waits for d, or until ctx is done and then returns ctx.Err(). A
// zero or negative d only reports whether ctx is done.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
