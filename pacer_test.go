package sellercenter

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"
)

// TestPacerStarts asks a pacer for starts at given moments (as offsets from
// a start of time) and checks the starts it grants.
func TestPacerStarts(t *testing.T) {
	t.Parallel()
	const ms = time.Millisecond
	// Every call at 0: the burst, then one each interval, then the rolling
	// second holds the rest back until the burst's starts are a second old.
	at0 := make([]time.Duration, 8)
	tests := []struct {
		name   string
		rps    float64
		burst  int
		asks   []time.Duration
		grants []time.Duration
	}{
		{"burst 1 spaces every call", 4, 1, at0[:5],
			[]time.Duration{0, 250 * ms, 500 * ms, 750 * ms, 1000 * ms}},
		{"burst 2 of 4/s", 4, 2, at0[:6],
			[]time.Duration{0, 0, 250 * ms, 500 * ms, 1000 * ms, 1000 * ms}},
		{"burst of a second's worth", 4, 4, at0,
			[]time.Duration{0, 0, 0, 0, 1000 * ms, 1000 * ms, 1000 * ms, 1000 * ms}},
		{"burst clamped to a second's worth", 4, 9, at0[:5],
			[]time.Duration{0, 0, 0, 0, 1000 * ms}},
		{"an idle spell refills the burst", 4, 2,
			[]time.Duration{0, 0, 250 * ms, 3000 * ms, 3000 * ms, 3000 * ms},
			[]time.Duration{0, 0, 250 * ms, 3000 * ms, 3000 * ms, 3250 * ms}},
		{"spaced asks pass at once", 4, 1,
			[]time.Duration{0, 300 * ms, 600 * ms, 900 * ms},
			[]time.Duration{0, 300 * ms, 600 * ms, 900 * ms}},
		{"under one a second", 0.5, 1, at0[:3],
			[]time.Duration{0, 2000 * ms, 4000 * ms}},
		{"under one a second, burst 2", 0.5, 2, at0[:3],
			[]time.Duration{0, 0, 2000 * ms}},
		{"under one a second, a clock that goes back", 0.5, 3,
			[]time.Duration{1000 * ms, 0},
			[]time.Duration{1000 * ms, 1000 * ms}},
		{"a clock that goes back", 4, 2,
			[]time.Duration{1000 * ms, 0},
			[]time.Duration{1000 * ms, 1000 * ms}},
		{"starts never go back", 4, 2,
			[]time.Duration{0, 0, 0, 100 * ms},
			[]time.Duration{0, 0, 250 * ms, 500 * ms}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := newPacer(tt.rps, tt.burst, clock{})
			epoch := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
			var got []time.Duration
			for _, ask := range tt.asks {
				got = append(got, p.reserve(epoch.Add(ask)).Sub(epoch))
			}
			if !slices.Equal(got, tt.grants) {
				t.Errorf("starts = %v, want %v", got, tt.grants)
			}
		})
	}
}

// TestPacerRollingSecond asks for 1,000 starts at 30/s, 10 at a time at
// ever later moments, for every burst from 1 to 30, and checks that no
// rolling second ever holds more than 30 and that the pace is the rate.
func TestPacerRollingSecond(t *testing.T) {
	t.Parallel()
	for burst := 1; burst <= 30; burst++ {
		p := newPacer(30, burst, clock{})
		epoch := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		now := epoch
		var starts []time.Time
		for i := range 1000 {
			if i%10 == 0 {
				now = now.Add(time.Duration(i%7) * 40 * time.Millisecond)
			}
			starts = append(starts, p.reserve(now))
		}
		for i := 30; i < len(starts); i++ {
			if d := starts[i].Sub(starts[i-30]); d < time.Second {
				t.Fatalf("burst %d: starts %d..%d within %v, want 31 starts to span a second", burst, i-30, i, d)
			}
		}
		if d := starts[len(starts)-1].Sub(starts[0]); d < 33*time.Second || d > 34*time.Second {
			t.Errorf("burst %d: 1,000 starts took %v, want 33-34s at 30/s", burst, d)
		}
	}
}

// TestPacerFastRate checks that a pacer above maxRollingSecond keeps no
// starts, however many it grants, and still gives back the latest one.
func TestPacerFastRate(t *testing.T) {
	t.Parallel()
	epoch := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	p := newPacer(1e9, 1, clock{})
	var at time.Time
	for range 10_000 {
		at = p.reserve(epoch)
	}
	if len(p.starts) != 0 {
		t.Errorf("pacer at 1e9/s keeps %d starts, want 0", len(p.starts))
	}
	p.cancel(at)
	if got := p.reserve(epoch); !got.Equal(at) {
		t.Errorf("start after giving back the latest = %v, want %v again", got.Sub(epoch), at.Sub(epoch))
	}
}

// TestPacerCancel gives back starts: the last one granted returns its share
// of the bucket, and any one leaves the rolling second.
func TestPacerCancel(t *testing.T) {
	t.Parallel()
	epoch := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	p := newPacer(4, 1, clock{})
	p.reserve(epoch)
	second := p.reserve(epoch) // 250 ms
	p.cancel(second)
	if got := p.reserve(epoch).Sub(epoch); got != 250*time.Millisecond {
		t.Errorf("start after giving back the 250 ms one = %v, want 250ms again", got)
	}

	q := newPacer(4, 4, clock{})
	var starts []time.Time
	for range 4 {
		starts = append(starts, q.reserve(epoch))
	}
	q.cancel(starts[1]) // the rolling second now holds 3
	if got := q.reserve(epoch).Sub(epoch); got != 0 {
		t.Errorf("start after giving back one of a full second = %v, want 0", got)
	}
	if got := q.reserve(epoch).Sub(epoch); got != time.Second {
		t.Errorf("start with the second full again = %v, want 1s", got)
	}
}

// TestPacerWait checks Wait's refusals and its report of the wait.
func TestPacerWait(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		timeout time.Duration // 0 = no deadline
		cancel  bool          // ctx cancelled during the sleep
		want    error
		report  time.Duration
	}{
		{"waits out the pace", 0, false, nil, time.Hour},
		{"a deadline before the start", time.Minute, false, context.DeadlineExceeded, 0},
		{"cancelled while waiting", 0, true, context.Canceled, time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.timeout > 0 {
				ctx, cancel = context.WithTimeout(ctx, tt.timeout)
				defer cancel()
			}
			clk := newFakeClock()
			if tt.cancel {
				clk.onSleep = cancel
			}
			p := newPacer(1.0/3600, 1, clk.clock()) // one an hour
			if err := p.Wait(ctx); err != nil {
				t.Fatalf("first Wait = %v, want nil", err)
			}
			var reported time.Duration
			err := p.wait(ctx, func(d time.Duration) { reported = d })
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Errorf("second wait = %v, want %v", err, tt.want)
			}
			if reported != tt.report {
				t.Errorf("reported wait = %v, want %v", reported, tt.report)
			}
			if tt.want == nil {
				return
			}
			// A refused wait gives its start back: the next one is still
			// an hour after the first.
			if got := p.reserve(clk.Now()).Sub(clk.Now()); got > time.Hour {
				t.Errorf("start after a refused wait is %v away, want at most 1h", got)
			}
		})
	}
}
