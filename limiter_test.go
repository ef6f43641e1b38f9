package sellercenter

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// countingLimiter is a Config.Limiter that lets every call through at once
// (or fails it with err) and counts its waits.
type countingLimiter struct {
	waits atomic.Int64
	err   error
	check func(ctx context.Context) // if set, sees each Wait's ctx
}

func (l *countingLimiter) Wait(ctx context.Context) error {
	l.waits.Add(1)
	if l.check != nil {
		l.check(ctx)
	}
	return l.err
}

type callKey struct{}

// scriptedAPI serves a token endpoint and answers GET /api/v2/seller with
// statuses in turn (200 once they run out), counting the attempts.
func scriptedAPI(t *testing.T, statuses ...int) (cfg Config, attempts *atomic.Int64) {
	t.Helper()
	attempts = &atomic.Int64{}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/client-credentials", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"access_token":"tok","token_type":"Bearer","expires_in":3600}`))
	})
	mux.HandleFunc("GET /api/v2/seller", func(w http.ResponseWriter, _ *http.Request) {
		n := int(attempts.Add(1))
		w.Header().Set("Content-Type", "application/json")
		if n <= len(statuses) {
			w.WriteHeader(statuses[n-1])
			_, _ = w.Write([]byte(`{"title":"scripted","status":` + strconv.Itoa(statuses[n-1]) + `}`))
			return
		}
		_, _ = w.Write([]byte(`{"id":4089,"name":"Shop"}`))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return Config{BaseURL: srv.URL + "/api", TokenURL: srv.URL + "/oauth/client-credentials", ClientID: "id", ClientSecret: testSecret}, attempts
}

// TestConfigLimiter checks that Config.Limiter paces calls in place of
// RateLimit: waited on once per logical call whatever its attempts, under
// the call's ctx, shared by the clients given it, and its error fails the
// call unsent.
func TestConfigLimiter(t *testing.T) {
	t.Parallel()
	boom := errors.New("store unreachable")
	tests := []struct {
		name         string
		statuses     []int // the API's answers before a 200
		limiterErr   error
		wantAttempts int64
		wantErr      []error
	}{
		{"one attempt", nil, nil, 1, nil},
		{"two retried 503s", []int{503, 503}, nil, 3, nil},
		{"a retried 429", []int{429}, nil, 2, nil},
		{"a 401 replayed with a new token", []int{401}, nil, 2, nil},
		{"the limiter fails", nil, boom, 0, []error{boom, ErrNotApplied}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg, attempts := scriptedAPI(t, tt.statuses...)
			lim := &countingLimiter{err: tt.limiterErr, check: func(ctx context.Context) {
				if ctx.Value(callKey{}) != "this call" {
					t.Error("Limiter.Wait got a ctx that is not the call's")
				}
			}}
			cfg.Limiter = lim
			// One call an hour: if RateLimit's bucket were used as well, the
			// second call would wait.
			cfg.RateLimit = 1.0 / 3600
			c, err := newClient(cfg, newFakeClock().clock())
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.WithValue(t.Context(), callKey{}, "this call")
			_, err = Result(c.GetSellerWithResponse(ctx))
			for _, want := range tt.wantErr {
				if !errors.Is(err, want) {
					t.Errorf("GetSeller = %v, want it to match %v", err, want)
				}
			}
			if tt.wantErr == nil && err != nil {
				t.Fatalf("GetSeller = %v, want nil", err)
			}
			if tt.limiterErr != nil && (err == nil || !strings.HasPrefix(err.Error(), "sellercenter: ") || strings.Count(err.Error(), "sellercenter: ") != 1 || !strings.Contains(err.Error(), "rate limiter")) {
				t.Errorf("GetSeller error = %q, want one sellercenter: prefix and the rate limiter named", err)
			}
			if got := attempts.Load(); got != tt.wantAttempts {
				t.Errorf("attempts = %d, want %d", got, tt.wantAttempts)
			}
			if got := lim.waits.Load(); got != 1 {
				t.Errorf("Limiter.Wait calls = %d, want 1 per logical call, not per attempt", got)
			}
			if tt.limiterErr != nil {
				return
			}
			// The next call waits again, and does not meet RateLimit's
			// one-an-hour bucket.
			if _, err := Result(c.GetSellerWithResponse(ctx)); err != nil {
				t.Fatalf("second GetSeller = %v", err)
			}
			if got := lim.waits.Load(); got != 2 {
				t.Errorf("Limiter.Wait calls after two calls = %d, want 2", got)
			}
		})
	}
}

func TestConfigLimiterNil(t *testing.T) {
	t.Parallel()
	for _, lim := range []Limiter{(*rate.Limiter)(nil), (*countingLimiter)(nil)} {
		_, err := New(Config{BaseURL: "https://x.test", TokenURL: "https://x.test/token", ClientID: "id", ClientSecret: "s", Limiter: lim})
		if !errors.Is(err, ErrInvalidConfig) || !strings.Contains(err.Error(), "Limiter is a nil") {
			t.Errorf("New(Limiter: %T(nil)) = %v, want ErrInvalidConfig naming the nil Limiter", lim, err)
		}
	}
}

// TestConfigLimiterShared gives one Limiter to two clients: every call of
// either waits on it.
func TestConfigLimiterShared(t *testing.T) {
	t.Parallel()
	cfg, attempts := scriptedAPI(t)
	lim := &countingLimiter{}
	cfg.Limiter = lim
	var wg sync.WaitGroup
	for range 2 {
		c, err := newClient(cfg, newFakeClock().clock())
		if err != nil {
			t.Fatal(err)
		}
		for range 5 {
			wg.Go(func() {
				if _, err := Result(c.GetSellerWithResponse(t.Context())); err != nil {
					t.Errorf("GetSeller = %v", err)
				}
			})
		}
	}
	wg.Wait()
	if w, a := lim.waits.Load(), attempts.Load(); w != 10 || a != 10 {
		t.Errorf("waits, attempts = %d, %d; want 10, 10", w, a)
	}
}

// clockLimiter drives a limiter on a fakeClock: Wait asks reserve for a
// start at the clock's now and moves the clock to it instead of sleeping,
// so the mock sharing the clock sees the requests as paced.
type clockLimiter struct {
	reserve func(now time.Time) time.Time
	clock   *fakeClock
}

// onClock drives a *rate.Limiter on clock.
func onClock(lim *rate.Limiter, clock *fakeClock) *clockLimiter {
	return &clockLimiter{clock: clock, reserve: func(now time.Time) time.Time {
		return now.Add(lim.ReserveN(now, 1).DelayFrom(now))
	}}
}

func (l *clockLimiter) Wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	l.clock.mu.Lock()
	defer l.clock.mu.Unlock()
	l.clock.now = later(l.clock.now, l.reserve(l.clock.now))
	return nil
}

// newMockOnClock starts a mock on clock whose spec violations fail t.
func newMockOnClock(t *testing.T, clock *fakeClock) *sellercentertest.Server {
	t.Helper()
	mock, err := sellercentertest.NewServer(sellercentertest.Config{
		Now:         clock.Now,
		OnViolation: func(err error) { t.Errorf("mock response breaks the OpenAPI document: %v", err) },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(mock.Close)
	return mock
}

func mockConfig(mock *sellercentertest.Server) Config {
	return Config{BaseURL: mock.URL, TokenURL: mock.TokenURL, ClientID: mock.ClientID, ClientSecret: mock.ClientSecret}
}

// TestMockRateLimitRetry bursts past the mock's limit on a clock that moves
// only when the client sleeps: the 31st call meets the API's 429 with
// Retry-After 1, which the retry layer waits out exactly before its retry
// succeeds; a POST, never retried, reports the 429 as not applied.
func TestMockRateLimitRetry(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	mock := newMockOnClock(t, clock)
	cfg := mockConfig(mock)
	cfg.RateLimit = -1
	c, err := newClient(cfg, clock.clock())
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	for i := range sellercentertest.DefaultRateLimit + 1 {
		if _, err := Result(c.GetSellerWithResponse(ctx)); err != nil {
			t.Fatalf("GetSeller %d = %v, want the seller", i+1, err)
		}
	}
	if got := mock.Throttled(); got != 1 {
		t.Errorf("mock.Throttled() = %d, want 1: the 31st call of a frozen second", got)
	}
	if got := mock.Count("getSeller"); got != sellercentertest.DefaultRateLimit+2 {
		t.Errorf("mock.Count(getSeller) = %d, want %d: 31 calls and one retry", got, sellercentertest.DefaultRateLimit+2)
	}
	if got := clock.Sleeps(); len(got) != 1 || got[0] != time.Second {
		t.Errorf("retry sleeps = %v, want [1s], the mock's Retry-After rather than the backoff", got)
	}

	// The retry's second refilled the bucket and took one request of it;
	// after 29 more the bucket is empty and the clock stands still, so a
	// POST meets the 429.
	for i := range sellercentertest.DefaultRateLimit - 1 {
		if _, err := Result(c.GetSellerWithResponse(ctx)); err != nil {
			t.Fatalf("GetSeller %d after the retry = %v, want the seller", i+1, err)
		}
	}
	_, err = Result(c.SetOrderItemsShippedWithResponse(ctx, gen.OrderItemIds{OrderItemIds: []int{1}}))
	var apiErr *APIError
	if !errors.As(err, &apiErr) || !errors.Is(err, ErrRateLimited) || !errors.Is(err, ErrNotApplied) {
		t.Fatalf("POST on an empty bucket = %v, want an *APIError matching ErrRateLimited and ErrNotApplied", err)
	}
	if apiErr.RetryAfter != time.Second || !strings.Contains(apiErr.Detail, "30 requests per second") {
		t.Errorf("APIError = RetryAfter %v, Detail %q; want 1s and the API's detail", apiErr.RetryAfter, apiErr.Detail)
	}
	if got := len(clock.Sleeps()); got != 1 {
		t.Errorf("retry sleeps after the POST = %d, want still 1: a POST is not retried", got)
	}
}

// TestMockRateLimitPaced sends 300 calls from 6 goroutines through the
// client's own pacer (30/s, burst 15) on the mock's clock: the mock refuses
// none, and the calls take the virtual time the pacer allows, 15 at the
// start of each second and 15 spaced after them, so the 300th at 9.5 s. The
// same calls through a bucket at 40/s meet 429s, so the check can fail.
func TestMockRateLimitPaced(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		limiter   func(clock *fakeClock) Limiter
		throttled bool
	}{
		{"the client's default pacer", func(clock *fakeClock) Limiter {
			return &clockLimiter{reserve: newLimiter(Config{}, clock.clock()).(*pacer).reserve, clock: clock}
		}, false},
		{"a bucket at 40/s", func(clock *fakeClock) Limiter {
			return onClock(rate.NewLimiter(40, 1), clock)
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			start := clock.Now()
			mock := newMockOnClock(t, clock)
			cfg := mockConfig(mock)
			cfg.Limiter = tt.limiter(clock)
			cfg.MaxRetries = -1 // a 429 must show, not be waited out
			c, err := newClient(cfg, clock.clock())
			if err != nil {
				t.Fatal(err)
			}
			const calls, workers = 300, 6
			var refused atomic.Int64
			var wg sync.WaitGroup
			for range workers {
				wg.Go(func() {
					for range calls / workers {
						_, err := Result(c.GetSellerWithResponse(t.Context()))
						switch {
						case errors.Is(err, ErrRateLimited):
							refused.Add(1)
						case err != nil:
							t.Errorf("GetSeller = %v", err)
						}
					}
				})
			}
			wg.Wait()
			if got := int(refused.Load()); got != mock.Throttled() {
				t.Errorf("calls refused = %d, mock.Throttled() = %d; want them equal", got, mock.Throttled())
			}
			if got := mock.Throttled() > 0; got != tt.throttled {
				t.Fatalf("mock refused %d of %d calls, want some: %v", mock.Throttled(), calls, tt.throttled)
			}
			if tt.throttled {
				return
			}
			want := 9500 * time.Millisecond
			if got := clock.Now().Sub(start); got < want-time.Millisecond || got > want+time.Millisecond {
				t.Errorf("300 paced calls took %v of virtual time, want %v", got, want)
			}
		})
	}
}
