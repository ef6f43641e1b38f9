package sellercenter

import (
	"context"
	"fmt"
	"math"
	"sync"
	"time"
)

// pacer is the client's own Limiter. It lets calls start at rate per
// second, up to burst at once after an idle spell, and never more than
// perSecond of them in any rolling second, whatever the burst.
//
// The API documents 30 requests a second per seller, not how it counts
// them. Bursting lets a walk spend, when its first page comes back, the
// budget it left unused while it waited; the rolling second keeps the
// client within the limit under every reading of it (a fixed or sliding
// one-second window, or a bucket of a second's worth), and a burst of half
// the limit leaves the rest of a server's bucket for arrival jitter.
//
// Calls are let through in the order they ask, at starts that never go
// back in time.
type pacer struct {
	interval  time.Duration // one call's share of a second: 1/rate
	tolerance time.Duration // how far ahead of its pace the bucket may run: (burst-1) intervals
	perSecond int           // most starts in any rolling second; 0 for none
	clk       clock

	mu sync.Mutex
	// tat is when the bucket is full again (the generic cell rate
	// algorithm's theoretical arrival time).
	tat time.Time
	// starts[head:] are the starts granted within the last second or
	// later, in order; a start older than a second can no longer matter.
	starts []time.Time
	head   int
	// last is the latest start granted, kept when starts is not.
	last time.Time
}

// maxRollingSecond is the highest rate whose rolling second the pacer
// keeps: above it the bucket alone paces, as a second then holds more
// starts than are worth remembering and no API counts that finely.
const maxRollingSecond = 1000

// newPacer returns a pacer of rps calls a second (positive and finite) and
// burst (at least 1; clamped to the calls a second lets start).
func newPacer(rps float64, burst int, clk clock) *pacer {
	p := &pacer{
		interval: time.Duration(math.Ceil(float64(time.Second) / rps)),
		clk:      clk,
	}
	if rps >= 1 {
		burst = min(burst, int(math.Floor(rps)))
	}
	if rps >= 1 && rps <= maxRollingSecond {
		p.perSecond = int(math.Floor(rps))
	}
	p.tolerance = time.Duration(max(burst, 1)-1) * p.interval
	return p
}

// Wait implements Limiter.
func (p *pacer) Wait(ctx context.Context) error {
	return p.wait(ctx, nil)
}

// wait waits for a start. report, if not nil, is told how long the wait
// will be before it begins. A wait that would pass ctx's deadline is
// refused up front, wrapping context.DeadlineExceeded.
func (p *pacer) wait(ctx context.Context, report func(time.Duration)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	now := p.clk.Now()
	at := p.reserve(now)
	d := at.Sub(now)
	if d <= 0 {
		return nil
	}
	if deadline, ok := ctx.Deadline(); ok && deadline.Before(at) {
		p.cancel(at)
		return fmt.Errorf("a start in %v would pass the ctx deadline: %w", d, context.DeadlineExceeded)
	}
	if report != nil {
		report(d)
	}
	if err := p.clk.Sleep(ctx, d); err != nil {
		p.cancel(at)
		return err
	}
	return nil
}

// reserve grants the earliest start at or after now that keeps the bucket
// and the rolling second, and records it.
func (p *pacer) reserve(now time.Time) time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	at := later(now, p.tat.Add(-p.tolerance))
	if p.perSecond > 0 {
		p.forget(now)
		live := p.starts[p.head:]
		if n := len(live); n > 0 {
			at = later(at, live[n-1])
			if n >= p.perSecond {
				at = later(at, live[n-p.perSecond].Add(time.Second))
			}
		}
		p.starts = append(p.starts, at)
	} else {
		at = later(at, p.last)
		p.last = at
	}
	p.tat = later(p.tat, at).Add(p.interval)
	return at
}

// cancel gives back the start at, granted but not taken: the rolling
// second forgets it, and the bucket gets its share back when no later
// start was granted since.
func (p *pacer) cancel(at time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.perSecond == 0 {
		// Without the rolling second, only the latest start is known.
		if p.tat.Add(-p.interval).Equal(at) {
			p.tat = p.tat.Add(-p.interval)
		}
		return
	}
	for i := len(p.starts) - 1; i >= p.head; i-- {
		if p.starts[i].Equal(at) {
			if i == len(p.starts)-1 {
				p.tat = p.tat.Add(-p.interval)
			}
			p.starts = append(p.starts[:i], p.starts[i+1:]...)
			return
		}
	}
}

// forget drops the starts more than a second before now: every start
// granted from now on is at now or later.
func (p *pacer) forget(now time.Time) {
	cut := now.Add(-time.Second)
	for p.head < len(p.starts) && !p.starts[p.head].After(cut) {
		p.head++
	}
	// Moving the live starts down once they are under half the slice
	// keeps both the work and the slice proportional to them.
	if p.head > 0 && p.head*2 >= len(p.starts) {
		n := copy(p.starts, p.starts[p.head:])
		p.starts, p.head = p.starts[:n], 0
	}
}

// later returns the later of a and b.
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
