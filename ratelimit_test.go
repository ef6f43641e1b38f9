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

// virtualLimiter drives a real *rate.Limiter with a virtual clock: Wait takes
// a reservation at the virtual now and moves the clock past its delay
// instead of sleeping.
type virtualLimiter struct {
	mu       sync.Mutex
	lim      *rate.Limiter
	start    time.Time
	now      time.Time
	released []time.Duration // virtual time each call was let through
}

func (v *virtualLimiter) Wait(ctx context.Context) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	r := v.lim.ReserveN(v.now, 1)
	if !r.OK() {
		return errors.New("reservation refused")
	}
	v.now = v.now.Add(r.DelayFrom(v.now))
	v.released = append(v.released, v.now.Sub(v.start))
	return nil
}

// TestRateLimit90Calls checks the production bucket (30/s, burst 1): 90
// calls, made concurrently, take about 89/30 s ≈ 2.97 s of virtual time and
// never more than 30 start in any one second.
func TestRateLimit90Calls(t *testing.T) {
	t.Parallel()
	lim, ok := newLimiter(Config{}).(*rate.Limiter)
	if !ok {
		t.Fatalf("newLimiter(Config{}) is not a *rate.Limiter")
	}
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	v := &virtualLimiter{lim: lim, start: start, now: start}
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
	last := v.released[len(v.released)-1]
	if last < 2900*time.Millisecond || last > 3*time.Second {
		t.Errorf("90 calls at 30/s took %v of virtual time, want about 2.97s (between 2.9s and 3s)", last)
	}
	if !slices.IsSorted(v.released) {
		t.Errorf("release times not in order: %v", v.released)
	}
	for i := 30; i < len(v.released); i++ {
		if window := v.released[i] - v.released[i-30]; window < time.Second-time.Millisecond {
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
		rateLimit float64
		want      rate.Limit // 0 = no limiter
	}{
		{0, 30},
		{5, 5},
		{0.5, 0.5},
		{100, 100},
		{-1, 0},
		{math.Inf(1), 0},
		{float64(rate.Inf), 0},
	}
	for _, tt := range tests {
		l := newLimiter(Config{RateLimit: tt.rateLimit})
		if tt.want == 0 {
			if l != nil {
				t.Errorf("newLimiter(RateLimit %v) = %v, want nil", tt.rateLimit, l)
			}
			continue
		}
		lim, ok := l.(*rate.Limiter)
		if !ok || lim.Limit() != tt.want || lim.Burst() != 1 {
			t.Errorf("newLimiter(RateLimit %v) = %v, want %v/s with burst 1", tt.rateLimit, l, tt.want)
		}
	}
}
