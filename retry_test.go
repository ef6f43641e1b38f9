package sellercenter

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter/authn"
)

// scripted is one scripted result of a fake base RoundTripper.
type scripted struct {
	status     int
	retryAfter string
	err        error
	// connTrace fires GetConn (and GotConn when true) before answering,
	// like a transport that reports httptrace events.
	getConn, gotConn bool
}

// trackedBody records whether it was closed.
type trackedBody struct {
	io.Reader
	closed atomic.Bool
}

func (b *trackedBody) Close() error {
	b.closed.Store(true)
	return nil
}

// scriptedBase answers with outcomes in order, repeating the last one, and
// records what each attempt carried.
type scriptedBase struct {
	mu       sync.Mutex
	outcomes []scripted
	attempts []int
	bodies   []string
	returned []*trackedBody
}

func (s *scriptedBase) RoundTrip(r *http.Request) (*http.Response, error) {
	var body string
	if r.Body != nil {
		b, _ := io.ReadAll(r.Body)
		_ = r.Body.Close()
		body = string(b)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.attempts = append(s.attempts, attemptFrom(r.Context()))
	s.bodies = append(s.bodies, body)
	o := s.outcomes[min(len(s.attempts), len(s.outcomes))-1]
	if trace := httptrace.ContextClientTrace(r.Context()); trace != nil {
		if o.getConn && trace.GetConn != nil {
			trace.GetConn(r.URL.Host)
		}
		if o.gotConn && trace.GotConn != nil {
			trace.GotConn(httptrace.GotConnInfo{})
		}
	}
	if o.err != nil {
		return nil, o.err
	}
	tb := &trackedBody{Reader: strings.NewReader(fmt.Sprintf("body of attempt %d", len(s.attempts)))}
	s.returned = append(s.returned, tb)
	h := http.Header{}
	if o.retryAfter != "" {
		h.Set("Retry-After", o.retryAfter)
	}
	return &http.Response{StatusCode: o.status, Header: h, Body: tb, Request: r}, nil
}

func (s *scriptedBase) snapshot() (attempts []int, bodies []string, returned []*trackedBody) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.attempts), slices.Clone(s.bodies), slices.Clone(s.returned)
}

func TestRetryTransport(t *testing.T) {
	t.Parallel()
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	reset := &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
	tests := []struct {
		name       string
		method     string
		maxRetries int
		outcomes   []scripted
		// want
		attempts   int
		sleeps     []time.Duration
		wantStatus int // 0 = want an error
	}{
		{"GET 503 Retry-After 1 twice then 200", "GET", 2, []scripted{{status: 503, retryAfter: "1"}, {status: 503, retryAfter: "1"}, {status: 200}}, 3, []time.Duration{time.Second, time.Second}, 200},
		{"GET 502 504 502 exhausts retries", "GET", 2, []scripted{{status: 502}, {status: 504}, {status: 502}}, 3, []time.Duration{500 * time.Millisecond, time.Second}, 502},
		{"GET 429 with 4 retries backs off exponentially", "GET", 4, []scripted{{status: 429}}, 5, []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second}, 429},
		{"HEAD 503 then 200", "HEAD", 2, []scripted{{status: 503}, {status: 200}}, 2, []time.Duration{500 * time.Millisecond}, 200},
		{"PUT 503 then 200", "PUT", 2, []scripted{{status: 503}, {status: 200}}, 2, []time.Duration{500 * time.Millisecond}, 200},
		{"DELETE 503 then 204", "DELETE", 2, []scripted{{status: 503}, {status: 204}}, 2, []time.Duration{500 * time.Millisecond}, 204},
		{"PUT 502 not retried: it may have been applied", "PUT", 2, []scripted{{status: 502}, {status: 200}}, 1, nil, 502},
		{"PUT 504 not retried: it may have been applied", "PUT", 2, []scripted{{status: 504}, {status: 200}}, 1, nil, 504},
		{"DELETE 504 not retried: it may have been applied", "DELETE", 2, []scripted{{status: 504}, {status: 204}}, 1, nil, 504},
		{"OPTIONS 429 then 200", "OPTIONS", 2, []scripted{{status: 429}, {status: 200}}, 2, []time.Duration{500 * time.Millisecond}, 200},
		{"POST 503 not retried", "POST", 2, []scripted{{status: 503, retryAfter: "1"}, {status: 200}}, 1, nil, 503},
		{"PATCH 429 not retried", "PATCH", 2, []scripted{{status: 429}, {status: 200}}, 1, nil, 429},
		{"GET 500 not retried", "GET", 2, []scripted{{status: 500}, {status: 200}}, 1, nil, 500},
		{"GET 404 not retried", "GET", 2, []scripted{{status: 404}, {status: 200}}, 1, nil, 404},
		{"GET 503 with retries off", "GET", 0, []scripted{{status: 503}, {status: 200}}, 1, nil, 503},
		{"Retry-After over 60 s is capped", "GET", 2, []scripted{{status: 503, retryAfter: "3600"}, {status: 200}}, 2, []time.Duration{time.Minute}, 200},
		{"Retry-After 0", "GET", 2, []scripted{{status: 429, retryAfter: "0"}, {status: 200}}, 2, []time.Duration{0}, 200},
		{"invalid Retry-After falls back to backoff", "GET", 2, []scripted{{status: 429, retryAfter: "soon"}, {status: 200}}, 2, []time.Duration{500 * time.Millisecond}, 200},
		{"POST connection refused is retried", "POST", 2, []scripted{{err: refused}, {status: 201}}, 2, []time.Duration{500 * time.Millisecond}, 201},
		{"POST no connection obtained is retried", "POST", 2, []scripted{{err: errors.New("proxy down"), getConn: true}, {status: 201}}, 2, []time.Duration{500 * time.Millisecond}, 201},
		{"POST error after connecting is not retried", "POST", 2, []scripted{{err: reset, getConn: true, gotConn: true}, {status: 201}}, 1, nil, 0},
		{"POST error without trace events is not retried", "POST", 2, []scripted{{err: io.ErrUnexpectedEOF}, {status: 201}}, 1, nil, 0},
		{"GET reset after connecting is not retried", "GET", 2, []scripted{{err: reset, getConn: true, gotConn: true}, {status: 200}}, 1, nil, 0},
		{"certificate error is not retried", "GET", 2, []scripted{{err: fmt.Errorf("tls: %w", x509.UnknownAuthorityError{}), getConn: true}, {status: 200}}, 1, nil, 0},
		{"DNS not found is not retried", "GET", 2, []scripted{{err: &net.DNSError{Err: "no such host", Name: "x", IsNotFound: true}}, {status: 200}}, 1, nil, 0},
		{"refused every time", "POST", 2, []scripted{{err: refused}}, 3, []time.Duration{500 * time.Millisecond, time.Second}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			base := &scriptedBase{outcomes: tt.outcomes}
			fc := newFakeClock()
			rt := &retryTransport{next: newSendTracker(base), maxRetries: tt.maxRetries, clock: fc.clock()}
			var body io.Reader
			if tt.method == "POST" || tt.method == "PUT" {
				body = strings.NewReader("payload")
			}
			req, _ := http.NewRequest(tt.method, "https://api.example.test/api/v2/orders", body)
			resp, err := rt.RoundTrip(req)

			attempts, bodies, returned := base.snapshot()
			if len(attempts) != tt.attempts {
				t.Errorf("RoundTrip(%s) attempts = %d, want %d", tt.method, len(attempts), tt.attempts)
			}
			if want := seq(len(attempts)); !slices.Equal(attempts, want) {
				t.Errorf("RoundTrip(%s) attempt numbers in ctx = %v, want %v", tt.method, attempts, want)
			}
			if body != nil {
				for i, b := range bodies {
					if b != "payload" {
						t.Errorf("RoundTrip(%s) attempt %d body = %q, want %q", tt.method, i+1, b, "payload")
					}
				}
			}
			if got := fc.Sleeps(); !slices.Equal(got, tt.sleeps) {
				t.Errorf("RoundTrip(%s) waits = %v, want %v", tt.method, got, tt.sleeps)
			}
			if tt.wantStatus == 0 {
				if err == nil || resp != nil {
					t.Fatalf("RoundTrip(%s) = %v, %v, want nil, an error", tt.method, resp, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("RoundTrip(%s) = %v, want nil", tt.method, err)
			}
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("RoundTrip(%s) status = %d, want %d", tt.method, resp.StatusCode, tt.wantStatus)
			}
			// Every discarded response was closed; the returned one is the
			// last and still readable.
			for i, b := range returned[:len(returned)-1] {
				if !b.closed.Load() {
					t.Errorf("RoundTrip(%s) discarded response %d not closed", tt.method, i+1)
				}
			}
			got, _ := io.ReadAll(resp.Body)
			if want := fmt.Sprintf("body of attempt %d", len(attempts)); string(got) != want {
				t.Errorf("RoundTrip(%s) body = %q, want %q", tt.method, got, want)
			}
			_ = resp.Body.Close()
		})
	}
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i + 1
	}
	return s
}

// TestRetryTransportUnreplayableBody checks a body without GetBody is sent
// once: it could not be sent again.
func TestRetryTransportUnreplayableBody(t *testing.T) {
	t.Parallel()
	base := &scriptedBase{outcomes: []scripted{{status: 503}, {status: 200}}}
	fc := newFakeClock()
	rt := &retryTransport{next: newSendTracker(base), maxRetries: 2, clock: fc.clock()}
	req, _ := http.NewRequest(http.MethodPut, "https://api.example.test/v2/stock", io.NopCloser(strings.NewReader("x")))
	if req.GetBody != nil {
		t.Fatal("http.NewRequest set GetBody for an opaque reader, want nil")
	}
	resp, err := rt.RoundTrip(req)
	if err != nil || resp.StatusCode != 503 {
		t.Fatalf("RoundTrip(PUT) = %v, %v, want 503, nil", resp, err)
	}
	_ = resp.Body.Close()
	if attempts, _, _ := base.snapshot(); len(attempts) != 1 {
		t.Errorf("RoundTrip(PUT) attempts = %d, want 1", len(attempts))
	}
}

// TestRetryTransportGetBodyFails checks that a failing GetBody hands back the
// last response intact instead of sending an empty body.
func TestRetryTransportGetBodyFails(t *testing.T) {
	t.Parallel()
	base := &scriptedBase{outcomes: []scripted{{status: 503}, {status: 200}}}
	rt := &retryTransport{next: newSendTracker(base), maxRetries: 2, clock: newFakeClock().clock()}
	req, _ := http.NewRequest(http.MethodPut, "https://api.example.test/v2/stock", strings.NewReader("x"))
	req.GetBody = func() (io.ReadCloser, error) { return nil, errors.New("gone") }
	resp, err := rt.RoundTrip(req)
	if err != nil || resp.StatusCode != 503 {
		t.Fatalf("RoundTrip(PUT) = %v, %v, want 503, nil", resp, err)
	}
	if got, _ := io.ReadAll(resp.Body); string(got) != "body of attempt 1" {
		t.Errorf("RoundTrip(PUT) body = %q, want %q", got, "body of attempt 1")
	}
}

// TestRetryTransportDeadline checks that a wait that would pass the ctx
// deadline is not started: the last outcome comes back at once.
func TestRetryTransportDeadline(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		outcome  scripted
		deadline time.Duration
	}{
		{"Retry-After past deadline", scripted{status: 429, retryAfter: "30"}, 10 * time.Second},
		{"Retry-After equal to deadline", scripted{status: 503, retryAfter: "10"}, 10 * time.Second},
		{"backoff past deadline", scripted{status: 503}, 100 * time.Millisecond},
		{"connection refused, backoff past deadline", scripted{err: &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}}, 100 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			base := &scriptedBase{outcomes: []scripted{tt.outcome, {status: 200}}}
			fc := newFakeClock()
			rt := &retryTransport{next: newSendTracker(base), maxRetries: 2, clock: fc.clock()}
			ctx, cancel := context.WithDeadline(context.Background(), fc.Now().Add(tt.deadline))
			defer cancel()
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.example.test/v2/orders", nil)
			resp, err := rt.RoundTrip(req)
			if attempts, _, _ := base.snapshot(); len(attempts) != 1 {
				t.Errorf("RoundTrip(GET) attempts = %d, want 1", len(attempts))
			}
			if got := fc.Sleeps(); len(got) != 0 {
				t.Errorf("RoundTrip(GET) waits = %v, want none", got)
			}
			if tt.outcome.err != nil {
				if !errors.Is(err, syscall.ECONNREFUSED) {
					t.Errorf("RoundTrip(GET) = %v, want the last error (connection refused)", err)
				}
				return
			}
			if err != nil || resp.StatusCode != tt.outcome.status {
				t.Fatalf("RoundTrip(GET) = %v, %v, want %d, nil", resp, err, tt.outcome.status)
			}
			if got, _ := io.ReadAll(resp.Body); string(got) != "body of attempt 1" {
				t.Errorf("RoundTrip(GET) body = %q, want %q", got, "body of attempt 1")
			}
		})
	}
}

// TestRetryTransportCancelledWhileWaiting checks that a cancel during the
// wait returns the last response, body intact, and sends nothing more.
func TestRetryTransportCancelledWhileWaiting(t *testing.T) {
	t.Parallel()
	base := &scriptedBase{outcomes: []scripted{{status: 503, retryAfter: "5"}, {status: 200}}}
	fc := newFakeClock()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	fc.onSleep = cancel
	rt := &retryTransport{next: newSendTracker(base), maxRetries: 2, clock: fc.clock()}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.example.test/v2/orders", nil)
	resp, err := rt.RoundTrip(req)
	if err != nil || resp.StatusCode != 503 {
		t.Fatalf("RoundTrip(GET) = %v, %v, want 503, nil", resp, err)
	}
	if got, _ := io.ReadAll(resp.Body); string(got) != "body of attempt 1" {
		t.Errorf("RoundTrip(GET) body = %q, want %q", got, "body of attempt 1")
	}
	_, _, returned := base.snapshot()
	if len(returned) != 1 || !returned[0].closed.Load() {
		t.Errorf("RoundTrip(GET) original body closed = false, want true (connection released while waiting)")
	}
}

// TestRetryTransportAttemptTimeout checks that each attempt runs under its
// own deadline, which the response body keeps alive until it is closed.
func TestRetryTransportAttemptTimeout(t *testing.T) {
	t.Parallel()
	var seen []context.Context
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		seen = append(seen, r.Context())
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("ok")), Request: r}, nil
	})
	rt := &retryTransport{next: newSendTracker(base), maxRetries: 2, timeout: time.Hour, clock: newFakeClock().clock()}
	req, _ := http.NewRequest(http.MethodGet, "https://api.example.test/v2/orders", nil)
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatalf("RoundTrip(GET) = %v, want nil", err)
	}
	ctx := seen[0]
	if _, ok := ctx.Deadline(); !ok {
		t.Errorf("attempt ctx has no deadline, want one from timeout")
	}
	if ctx.Err() != nil {
		t.Errorf("attempt ctx.Err() before Body.Close = %v, want nil", ctx.Err())
	}
	_ = resp.Body.Close()
	if !errors.Is(ctx.Err(), context.Canceled) {
		t.Errorf("attempt ctx.Err() after Body.Close = %v, want context.Canceled", ctx.Err())
	}
}

// TestRetryTransportDoesNotModifyRequest checks the RoundTripper contract.
func TestRetryTransportDoesNotModifyRequest(t *testing.T) {
	t.Parallel()
	base := &scriptedBase{outcomes: []scripted{{status: 503}, {status: 200}}}
	rt := &retryTransport{next: newSendTracker(base), maxRetries: 2, clock: newFakeClock().clock()}
	req, _ := http.NewRequest(http.MethodPut, "https://api.example.test/v2/stock", strings.NewReader("x"))
	origBody, origCtx := req.Body, req.Context()
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatalf("RoundTrip(PUT) = %v, want nil", err)
	}
	_ = resp.Body.Close()
	if req.Body != origBody || req.Context() != origCtx || len(req.Header) != 0 {
		t.Errorf("RoundTrip(PUT) modified the caller's request")
	}
}

func TestBackoff(t *testing.T) {
	t.Parallel()
	tests := []struct {
		n        int
		min, max time.Duration
	}{
		{0, 250 * time.Millisecond, 500 * time.Millisecond},
		{1, 500 * time.Millisecond, time.Second},
		{2, time.Second, 2 * time.Second},
		{3, 2 * time.Second, 4 * time.Second},
		{4, 4 * time.Second, 8 * time.Second},
		{5, 4 * time.Second, 8 * time.Second},
		{63, 4 * time.Second, 8 * time.Second},
		{1000, 4 * time.Second, 8 * time.Second},
	}
	low := clock{jitter: func(int64) int64 { return 0 }}
	high := clock{jitter: func(n int64) int64 { return n - 1 }}
	for _, tt := range tests {
		if got, _ := (&retryTransport{clock: low}).wait(nil, tt.n); got != tt.min {
			t.Errorf("backoff(%d, lowest jitter) = %v, want %v", tt.n, got, tt.min)
		}
		if got, _ := (&retryTransport{clock: high}).wait(nil, tt.n); got != tt.max {
			t.Errorf("backoff(%d, highest jitter) = %v, want %v", tt.n, got, tt.max)
		}
		for range 20 {
			if got, _ := (&retryTransport{}).wait(nil, tt.n); got < tt.min || got > tt.max {
				t.Errorf("backoff(%d, random jitter) = %v, want within [%v, %v]", tt.n, got, tt.min, tt.max)
			}
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in     string
		want   time.Duration
		wantOK bool
	}{
		{"", 0, false},
		{"1", time.Second, true},
		{" 120 ", 2 * time.Minute, true},
		{"0", 0, true},
		{"-5", 0, false},
		{"1.5", 0, false},
		{"soon", 0, false},
		{"99999999999999999999", time.Duration(1<<63-1) / time.Second * time.Second, true},
		{"Sat, 01 Mar 2025 12:00:30 GMT", 30 * time.Second, true},
		{"Saturday, 01-Mar-25 12:01:00 GMT", time.Minute, true},
		{"Sat Mar  1 12:00:05 2025", 5 * time.Second, true},
		{"Sat, 01 Mar 2025 11:00:00 GMT", 0, true},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("parseRetryAfter(%q) = %v, %t, want %v, %t", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

// TestRetryTransportTokenFailureIsFinal: a failed token fetch was retried
// by package authn already; the call is not repeated, which would only
// multiply the token requests and their backoff.
func TestRetryTransportTokenFailureIsFinal(t *testing.T) {
	t.Parallel()
	var attempts atomic.Int32
	next := roundTripFunc(func(*http.Request) (*http.Response, error) {
		attempts.Add(1)
		return nil, unsent(fmt.Errorf("sellercenter: getting an access token: %w", &authn.Error{}))
	})
	rt := &retryTransport{next: next, maxRetries: 2, clock: newFakeClock().clock()}
	req, _ := http.NewRequest(http.MethodGet, "https://api.example.test/api/v2/orders", nil)
	if _, err := rt.RoundTrip(req); !errors.Is(err, ErrNotApplied) {
		t.Errorf("RoundTrip = %v, want the token error, not applied", err)
	}
	if n := attempts.Load(); n != 1 {
		t.Errorf("%d attempts, want 1", n)
	}
}

// TestRetryTransportOutcomeOfTheCall: the call's error says "not applied"
// only when no attempt may have been applied; an earlier 502 to a GET is
// not hidden by a later attempt that never connected.
func TestRetryTransportOutcomeOfTheCall(t *testing.T) {
	t.Parallel()
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	tests := []struct {
		name     string
		method   string
		outcomes []scripted
		want     error
	}{
		{"refused every time", http.MethodPost, []scripted{{err: refused}}, ErrNotApplied},
		{"502 then refused", http.MethodGet, []scripted{{status: 502}, {err: refused}}, ErrOutcomeUnknown},
		{"429 then refused", http.MethodPut, []scripted{{status: 429}, {err: refused}}, ErrNotApplied},
		{"reset after connecting", http.MethodPost, []scripted{{err: io.ErrUnexpectedEOF, getConn: true, gotConn: true}}, ErrOutcomeUnknown},
		{"no trace events", http.MethodPost, []scripted{{err: io.ErrUnexpectedEOF}}, ErrOutcomeUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rt := &retryTransport{next: newSendTracker(&scriptedBase{outcomes: tt.outcomes}), maxRetries: 2, clock: newFakeClock().clock()}
			req, _ := http.NewRequest(tt.method, "https://api.example.test/api/v2/orders", strings.NewReader("x"))
			_, err := rt.RoundTrip(req)
			other := ErrNotApplied
			if tt.want == ErrNotApplied {
				other = ErrOutcomeUnknown
			}
			if !errors.Is(err, tt.want) || errors.Is(err, other) {
				t.Errorf("RoundTrip = %v, want %v and not %v", err, tt.want, other)
			}
		})
	}
}
