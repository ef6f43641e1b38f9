package sellercenter

import (
	"context"
	"errors"
	"math"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// virtualPacer drives the client's own pacer on a virtual clock: Wait takes
// a start at the virtual now and moves the clock to it instead of sleeping,
// as callers that ask again the moment they are let through.
type virtualPacer struct {
	mu       sync.Mutex
	p        *pacer
	start    time.Time
	now      time.Time
	released []time.Duration // virtual time each call was let through
}

func newVirtualPacer(t *testing.T, cfg Config) *virtualPacer {
	t.Helper()
	p, ok := newLimiter(cfg, clock{}).(*pacer)
	if !ok {
		t.Fatalf("newLimiter(%+v) is not the client's pacer", cfg)
	}
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	return &virtualPacer{p: p, start: start, now: start}
}

func (v *virtualPacer) Wait(ctx context.Context) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	v.now = later(v.now, v.p.reserve(v.now))
	v.released = append(v.released, v.now.Sub(v.start))
	return nil
}

// TestRateLimit90Calls checks the production pacer (30/s, burst 15): 90
// calls, made concurrently, start 15 at once, then 1/30 s apart until 30
// have started in the second, and so on each second, so the 90th starts
// at 2.5 s of virtual time and never more than 30 start in any one second.
func TestRateLimit90Calls(t *testing.T) {
	t.Parallel()
	v := newVirtualPacer(t, Config{})
	rt := &rateLimitTransport{next: staticBase(200, "", ""), limiter: v}

	var wg sync.WaitGroup
	for range 90 {
		wg.Go(func() {
			req, _ := http.NewRequest(http.MethodGet, "https://api.example.test/v2/orders", nil)
			resp, err := rt.RoundTrip(req)
			if err != nil {
				t.Errorf("RoundTrip(GET) = %v, want nil", err)
				return
			}
			_ = resp.Body.Close()
		})
	}
	wg.Wait()

	v.mu.Lock()
	defer v.mu.Unlock()
	if len(v.released) != 90 {
		t.Fatalf("calls let through = %d, want 90", len(v.released))
	}
	if !slices.IsSorted(v.released) {
		t.Errorf("release times not in order: %v", v.released)
	}
	if first := v.released[:15]; slices.Max(first) != 0 || v.released[15] == 0 {
		t.Errorf("first 16 calls let through at %v, want 15 at once and the 16th later", v.released[:16])
	}
	last := v.released[len(v.released)-1]
	if want := 2500 * time.Millisecond; last < want-time.Millisecond || last > want+time.Millisecond {
		t.Errorf("90 calls at 30/s took %v of virtual time, want %v", last, want)
	}
	for i := 30; i < len(v.released); i++ {
		if window := v.released[i] - v.released[i-30]; window < time.Second {
			t.Errorf("calls %d..%d started within %v, want at least 1s for 31 calls", i-30, i, window)
		}
	}
}

func TestRateLimitCtx(t *testing.T) {
	t.Parallel()
	slow := rate.NewLimiter(rate.Every(time.Hour), 1)
	slow.Allow() // the next token is an hour away
	tests := []struct {
		name    string
		timeout time.Duration // 0 = cancelled before the call
		lim     Limiter
		want    error
	}{
		{"cancelled ctx", 0, rate.NewLimiter(1, 1), context.Canceled},
		{"wait past the deadline", time.Minute, slow, context.DeadlineExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			if tt.timeout > 0 {
				ctx, cancel = context.WithTimeout(context.Background(), tt.timeout)
			}
			defer cancel()
			if tt.timeout == 0 {
				cancel()
			}
			calls := 0
			base := roundTripFunc(func(*http.Request) (*http.Response, error) { calls++; return nil, errors.New("unreachable") })
			rt := &rateLimitTransport{next: base, limiter: tt.lim}
			body := &trackedBody{}
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "https://api.example.test/v2/orders", body)
			start := time.Now()
			resp, err := rt.RoundTrip(req)
			if resp != nil || !errors.Is(err, tt.want) {
				t.Errorf("RoundTrip(%s) = %v, %v, want nil, %v", tt.name, resp, err, tt.want)
			}
			if elapsed := time.Since(start); elapsed > 10*time.Second {
				t.Errorf("RoundTrip(%s) took %v, want an immediate refusal", tt.name, elapsed)
			}
			if calls != 0 || !body.closed.Load() {
				t.Errorf("RoundTrip(%s) sent %d requests, body closed %t, want 0, true", tt.name, calls, body.closed.Load())
			}
		})
	}
}

func TestNewLimiter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		cfg       Config
		interval  time.Duration // 0 = no limiter
		burst     int
		perSecond int
	}{
		{"defaults", Config{}, 33333334, 15, 30},
		{"5/s", Config{RateLimit: 5}, 200 * time.Millisecond, 2, 5},
		{"5/s, burst 1", Config{RateLimit: 5, Burst: 1}, 200 * time.Millisecond, 1, 5},
		{"burst of a second's worth", Config{Burst: 30}, 33333334, 30, 30},
		{"under 1/s", Config{RateLimit: 0.5}, 2 * time.Second, 1, 0},
		{"under 1/s, burst 3", Config{RateLimit: 0.5, Burst: 3}, 2 * time.Second, 3, 0},
		{"100/s", Config{RateLimit: 100}, 10 * time.Millisecond, 50, 100},
		{"1,000/s, the fastest with a rolling second", Config{RateLimit: 1000}, time.Millisecond, 500, 1000},
		{"2,000/s, the bucket alone", Config{RateLimit: 2000}, 500 * time.Microsecond, 1000, 0},
		{"off", Config{RateLimit: -1}, 0, 0, 0},
		{"infinite", Config{RateLimit: math.Inf(1)}, 0, 0, 0},
		{"rate.Inf", Config{RateLimit: float64(rate.Inf)}, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := newLimiter(tt.cfg, clock{})
			if tt.interval == 0 {
				if l != nil {
					t.Errorf("newLimiter(%+v) = %v, want nil", tt.cfg, l)
				}
				return
			}
			p, ok := l.(*pacer)
			if !ok {
				t.Fatalf("newLimiter(%+v) = %T, want *pacer", tt.cfg, l)
			}
			burst := int(p.tolerance/p.interval) + 1
			if p.interval != tt.interval || burst != tt.burst || p.perSecond != tt.perSecond {
				t.Errorf("newLimiter(%+v) = every %v, burst %d, %d a second; want every %v, burst %d, %d a second",
					tt.cfg, p.interval, burst, p.perSecond, tt.interval, tt.burst, tt.perSecond)
			}
		})
	}
}
