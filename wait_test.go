package sellercenter

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// maintenanceBase answers every request with the API's maintenance 503.
type maintenanceBase struct{ retryAfter string }

func (b maintenanceBase) RoundTrip(r *http.Request) (*http.Response, error) {
	h := http.Header{"Content-Type": {"application/json"}}
	if b.retryAfter != "" {
		h.Set("Retry-After", b.retryAfter)
	}
	body := `{"message":"Service is unavailable due to maintenance mode","caused_by":"maintenance_mode"}`
	return &http.Response{StatusCode: 503, Header: h, Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
}

// waitRecorder collects the waits reported, and checks that each one is
// reported before its sleep starts.
type waitRecorder struct {
	mu    sync.Mutex
	waits []Wait
}

func (w *waitRecorder) record(x Wait) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.waits = append(w.waits, x)
}

func (w *waitRecorder) len() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.waits)
}

func (w *waitRecorder) lines() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for _, x := range w.waits {
		out = append(out, x.String())
	}
	return out
}

func TestRetryReportsEachWait(t *testing.T) {
	t.Parallel()
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	tests := []struct {
		name    string
		base    http.RoundTripper
		retries int
		// deadline, if set, is the ctx deadline from the fake now.
		deadline time.Duration
		want     []string
		reasons  []WaitReason
	}{
		{"maintenance with Retry-After 120", maintenanceBase{retryAfter: "120"}, 2, 0, []string{
			"maintenance: retrying in 60s (attempt 2 of 3, GET /v2/seller); the API asked for 2m",
			"maintenance: retrying in 60s (attempt 3 of 3, GET /v2/seller); the API asked for 2m",
		}, []WaitReason{WaitMaintenance, WaitMaintenance}},
		{"maintenance past the deadline is not waited for", maintenanceBase{retryAfter: "120"}, 2, 5 * time.Second, nil, nil},
		{"429 backs off", &scriptedBase{outcomes: []scripted{{status: 429}, {status: 429}, {status: 200}}}, 2, 0, []string{
			"rate limited (HTTP 429): retrying in 500ms (attempt 2 of 3, GET /v2/seller)",
			"rate limited (HTTP 429): retrying in 1s (attempt 3 of 3, GET /v2/seller)",
		}, []WaitReason{WaitRateLimited, WaitRateLimited}},
		{"503 without the maintenance body", &scriptedBase{outcomes: []scripted{{status: 503, retryAfter: "3"}, {status: 200}}}, 4, 0, []string{
			"HTTP 503 Service Unavailable: retrying in 3s (attempt 2 of 5, GET /v2/seller)",
		}, []WaitReason{WaitRetry}},
		{"connection refused", &scriptedBase{outcomes: []scripted{{err: refused}, {status: 200}}}, 1, 0, []string{
			"dial tcp: connection refused: retrying in 500ms (attempt 2 of 2, GET /v2/seller)",
		}, []WaitReason{WaitRetry}},
		{"no retries, no waits", maintenanceBase{retryAfter: "1"}, 0, 0, nil, nil},
		// The capped 60 s would fit, but the API said it is away longer
		// than the time left: waiting would only end in the deadline.
		{"Retry-After past the deadline, its cap within", maintenanceBase{retryAfter: "120"}, 2, 90 * time.Second, nil, nil},
		{"Retry-After within the deadline", maintenanceBase{retryAfter: "30"}, 2, 90 * time.Second, []string{
			"maintenance: retrying in 30s (attempt 2 of 3, GET /v2/seller)",
			"maintenance: retrying in 30s (attempt 3 of 3, GET /v2/seller)",
		}, []WaitReason{WaitMaintenance, WaitMaintenance}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fc := newFakeClock()
			rec := &waitRecorder{}
			var logs lockedBuffer
			rt := &retryTransport{next: newSendTracker(tt.base), maxRetries: tt.retries, clock: fc.clock(), waits: waitNotifier{
				onWait: rec.record,
				logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
			}}
			// Each sleep must come after its wait was reported.
			fc.onSleep = func() {
				if got, want := rec.len(), len(fc.Sleeps()); got != want {
					t.Errorf("sleep %d began with %d waits reported, want %d", want, got, want)
				}
			}
			ctx := context.Background()
			if tt.deadline > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithDeadline(ctx, fc.Now().Add(tt.deadline))
				defer cancel()
			}
			req, _ := http.NewRequestWithContext(ctx, "GET", "https://api.example.test/v2/seller", nil)
			resp, err := rt.RoundTrip(req)
			if err == nil {
				resp.Body.Close()
			}
			if got := rec.lines(); !slices.Equal(got, tt.want) {
				t.Errorf("waits reported =\n%q\nwant\n%q", got, tt.want)
			}
			if got := len(fc.Sleeps()); got != len(tt.want) {
				t.Errorf("sleeps = %d, want %d (one per wait reported)", got, len(tt.want))
			}
			for i, w := range rec.waits {
				if w.Reason != tt.reasons[i] || w.Delay != fc.Sleeps()[i] || w.MaxAttempts != tt.retries+1 || w.Method != "GET" || w.Path != "/v2/seller" {
					t.Errorf("wait %d = %+v, want reason %q, the delay slept (%v), %d attempts, GET /v2/seller", i, w, tt.reasons[i], fc.Sleeps()[i], tt.retries+1)
				}
			}
			if got := strings.Count(logs.String(), "msg=\"sellercenter: waiting\""); got != len(tt.want) {
				t.Errorf("debug log has %d wait records, want %d:\n%s", got, len(tt.want), logs.String())
			}
		})
	}
}

func TestRetryWaitLogRecord(t *testing.T) {
	t.Parallel()
	fc := newFakeClock()
	var logs lockedBuffer
	rt := &retryTransport{next: newSendTracker(maintenanceBase{retryAfter: "30"}), maxRetries: 1, clock: fc.clock(), waits: waitNotifier{
		logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}}
	req, _ := http.NewRequest("GET", "https://api.example.test/v2/seller", nil)
	if resp, err := rt.RoundTrip(req); err == nil {
		resp.Body.Close()
	}
	for _, want := range []string{"reason=maintenance", "delay=30s", "attempt=2", "max_attempts=2", "method=GET", "path=/v2/seller", "status=503", "retry_after=30s"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("wait log record lacks %s:\n%s", want, logs.String())
		}
	}
}

func TestWaitString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		w    Wait
		want string
	}{
		{Wait{Reason: WaitMaintenance, Delay: 60 * time.Second, Attempt: 2, MaxAttempts: 3}, "maintenance: retrying in 60s (attempt 2 of 3)"},
		{Wait{Reason: WaitRetry, Delay: 2500 * time.Millisecond, Attempt: 2, MaxAttempts: 3, StatusCode: 502, Method: "GET", Path: "/v2/orders"},
			"HTTP 502 Bad Gateway: retrying in 3s (attempt 2 of 3, GET /v2/orders)"},
		{Wait{Reason: WaitRetry, Delay: time.Second, Attempt: 3, MaxAttempts: 3, Err: errors.New("proxy\r\ndown")}, "proxy down: retrying in 1s (attempt 3 of 3)"},
		{Wait{Reason: WaitRateLimited, Delay: 150 * time.Second, RetryAfter: 150 * time.Second, Attempt: 2, MaxAttempts: 2}, "rate limited (HTTP 429): retrying in 2m30s (attempt 2 of 2)"},
		{Wait{Reason: WaitPoll, Delay: 8 * time.Second, Attempt: 4, Subject: "feed 5d1f", State: "Processing"}, "feed 5d1f Processing: checking again in 8s (poll 4)"},
		{Wait{Reason: WaitPoll, Delay: 4 * time.Second, Attempt: 2, Subject: "export 42", State: "not read yet"}, "export 42 not read yet: checking again in 4s (poll 2)"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			t.Parallel()
			if got := tt.w.String(); got != tt.want {
				t.Errorf("Wait.String() = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestLimiterReportsLongWaits: a call that must wait a second or more for
// the client's own bucket is reported before the wait; the test cancels
// the call from the report, so nothing sleeps. Short pacing pauses are not
// reported.
func TestLimiterReportsLongWaits(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		every time.Duration // one token per every
		want  []string
	}{
		{"5 s for the next token", 5 * time.Second, []string{"rate limiter: sending in 5s (GET /v2/seller)"}},
		{"10 ms pacing", 10 * time.Millisecond, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			lim := rate.NewLimiter(rate.Every(tt.every), 1)
			lim.Allow() // the bucket is empty: the next call waits ~every
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var got []string
			rt := &rateLimitTransport{next: staticBase(200, "", ""), limiter: lim, waits: waitNotifier{onWait: func(w Wait) {
				got = append(got, w.String())
				cancel() // end the wait at once
			}}}
			req, _ := http.NewRequestWithContext(ctx, "GET", "https://api.example.test/v2/seller", nil)
			resp, err := rt.RoundTrip(req)
			if err == nil {
				resp.Body.Close()
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("waits reported = %q, want %q", got, tt.want)
			}
			if len(tt.want) > 0 && !errors.Is(err, context.Canceled) {
				t.Errorf("RoundTrip() after the cancelled wait = %v, want context.Canceled", err)
			}
			if len(tt.want) == 0 && err != nil {
				t.Errorf("RoundTrip() = %v, want nil", err)
			}
		})
	}
}

// TestLimiterWaitPastDeadline: with waits reported, a wait for the bucket
// past the ctx deadline is still refused at once, as the deadline error,
// and neither reported nor sent.
func TestLimiterWaitPastDeadline(t *testing.T) {
	t.Parallel()
	lim := rate.NewLimiter(rate.Every(time.Hour), 1)
	lim.Allow()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	reported := 0
	calls := 0
	base := roundTripFunc(func(*http.Request) (*http.Response, error) { calls++; return nil, errors.New("unreachable") })
	rt := &rateLimitTransport{next: base, limiter: lim, waits: waitNotifier{onWait: func(Wait) { reported++ }}}
	req, _ := http.NewRequestWithContext(ctx, "GET", "https://api.example.test/v2/seller", nil)
	resp, err := rt.RoundTrip(req)
	if resp != nil || !errors.Is(err, context.DeadlineExceeded) || reported != 0 || calls != 0 {
		t.Errorf("RoundTrip() = %v, %v with %d waits reported, %d sent; want nil, DeadlineExceeded, 0, 0", resp, err, reported, calls)
	}
	// The refused call gave its reservation back: the bucket still holds
	// one token an hour away, not two.
	if r := lim.Reserve(); r.Delay() > time.Hour {
		t.Errorf("next token in %v, want within the hour: the refused call kept its reservation", r.Delay())
	}
}
