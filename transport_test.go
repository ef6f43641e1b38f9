package sellercenter

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter/gen"
)

// Secrets used by the tests. testLogger fails a test whose log output
// contains any of them.
const (
	testSecret      = "s3cr3t-client-secret-value"
	testTokenPrefix = "test-token-"
)

// roundTripFunc adapts a function to http.RoundTripper.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// fakeTokens is a caching tokenSource like authn's: Token returns the current
// token, issuing test-token-1, test-token-2, ... when there is none, and
// Invalidate drops the current one. Token fails with err on call number
// failOn (1-based).
type fakeTokens struct {
	mu          sync.Mutex
	calls       int
	issued      int
	current     string
	invalidated []string
	failOn      int
	err         error
}

func (f *fakeTokens) Token(ctx context.Context) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.failOn != 0 && f.calls == f.failOn {
		return "", f.err
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if f.current == "" {
		f.issued++
		f.current = fmt.Sprintf("%s%d", testTokenPrefix, f.issued)
	}
	return f.current, nil
}

func (f *fakeTokens) Invalidate(token string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.invalidated = append(f.invalidated, token)
	if token == f.current {
		f.current = ""
	}
}

// counts returns how many tokens were issued and which were invalidated.
func (f *fakeTokens) counts() (issued int, invalidated []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.issued, slices.Clone(f.invalidated)
}

// fakeClock records the waits the retry layer asks for and advances a
// virtual now instead of sleeping. jitter always returns its maximum, so
// backoff waits are deterministic.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
	// onSleep, if set, runs before each sleep returns (e.g. to cancel ctx).
	onSleep func()
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Now()} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	hook := c.onSleep
	c.mu.Unlock()
	if hook != nil {
		hook()
	}
	return ctx.Err()
}

func (c *fakeClock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.sleeps)
}

func (c *fakeClock) clock() clock {
	return clock{now: c.Now, sleep: c.Sleep, jitter: func(n int64) int64 { return n - 1 }}
}

func sum(ds []time.Duration) time.Duration {
	var total time.Duration
	for _, d := range ds {
		total += d
	}
	return total
}

// lockedBuffer is an io.Writer safe for concurrent log handlers.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// records decodes the JSON log lines written so far.
func (b *lockedBuffer) records(t *testing.T) []map[string]any {
	t.Helper()
	var out []map[string]any
	for line := range strings.Lines(b.String()) {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("json.Unmarshal(log line) = %v, want nil", err)
		}
		out = append(out, rec)
	}
	return out
}

// testLogger returns a logger recording at level and registers a check that
// no record holds the test secret or any test token. The offending output is
// never printed, so a failure cannot leak what it found.
func testLogger(t *testing.T, level slog.Level) (*slog.Logger, *lockedBuffer) {
	t.Helper()
	buf := &lockedBuffer{}
	t.Cleanup(func() {
		out := buf.String()
		for _, secret := range []string{testSecret, testTokenPrefix} {
			if strings.Contains(out, secret) {
				t.Errorf("log output contains a secret (%q prefix), want it redacted; output withheld", secret[:4])
			}
		}
	})
	return slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: level})), buf
}

// orderResponse has the exact shape of an oapi-codegen XxxResponse.
type orderResponse struct {
	Body         []byte
	HTTPResponse *http.Response
	JSON200      *struct {
		ID int `json:"id"`
	}
	JSON404 *struct {
		Title string `json:"title"`
	}
}

func (r orderResponse) Status() string {
	if r.HTTPResponse != nil {
		return r.HTTPResponse.Status
	}
	return http.StatusText(0)
}

func (r orderResponse) StatusCode() int {
	if r.HTTPResponse != nil {
		return r.HTTPResponse.StatusCode
	}
	return 0
}

// callOrder does what a generated XxxWithResponse method does: send, read
// the whole body, close it, decode the 2xx JSON.
func callOrder(ctx context.Context, hc *http.Client, method, url, body string) (*orderResponse, error) {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return nil, err
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	rsp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(rsp.Body)
	_ = rsp.Body.Close()
	if err != nil {
		return nil, err
	}
	r := &orderResponse{Body: data, HTTPResponse: rsp}
	if rsp.StatusCode == http.StatusOK && strings.Contains(rsp.Header.Get("Content-Type"), "json") {
		if err := json.Unmarshal(data, &r.JSON200); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// newAPIServer serves h under /api/, the way the API sits under a base path;
// a request anywhere else fails the test, so URL-joining bugs show.
func newAPIServer(t *testing.T, h http.HandlerFunc) (baseURL string, srv *httptest.Server) {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("/api/", http.StripPrefix("/api", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The API answers JSON; a handler may say otherwise.
		w.Header().Set("Content-Type", "application/json")
		h(w, r)
	})))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request to %s, want a path under /api/", r.URL.Path)
		http.NotFound(w, r)
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL + "/api/", srv
}

// testClient is the composed transport over a test server, with fakes for
// tokens, clock and rate limit.
type testClient struct {
	hc     *http.Client
	tokens *fakeTokens
	clock  *fakeClock
	logs   *lockedBuffer
}

func newTestClient(t *testing.T, baseURL string, base http.RoundTripper, edit func(*Config)) *testClient {
	t.Helper()
	logger, logs := testLogger(t, LevelBody)
	cfg := Config{
		BaseURL:      baseURL,
		TokenURL:     baseURL + "oauth/client-credentials",
		ClientID:     "client-id",
		ClientSecret: testSecret,
		Logger:       logger,
	}
	if edit != nil {
		edit(&cfg)
	}
	if err := cfg.validate(); err != nil {
		t.Fatalf("Config.validate() = %v, want nil", err)
	}
	tc := &testClient{tokens: &fakeTokens{}, clock: newFakeClock(), logs: logs}
	rt := newTransport(base, cfg, tc.tokens, nil, tc.clock.clock())
	tc.hc = cfg.httpClient(rt)
	return tc
}

// serverTransport is a fresh transport per test, so connections are never
// shared between tests.
func serverTransport(t *testing.T) *http.Transport {
	t.Helper()
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	return tr
}

// reply is one canned answer of a scripted test server.
type reply struct {
	status     int
	retryAfter string
	body       string
}

func TestTransport(t *testing.T) {
	t.Parallel()
	const maintenance = `{"message":"Service is unavailable due to maintenance mode","caused_by":"maintenance_mode"}`
	tests := []struct {
		name    string
		method  string
		body    string
		timeout time.Duration // ctx timeout; 0 = none
		replies []reply       // the last one repeats
		// want
		hits         int
		tokensIssued int
		invalidated  []string
		sleeps       []time.Duration
		minSleep     time.Duration
		wantErr      []error // classes the Check error must match; nil = success
		retryAfter   time.Duration
	}{
		{
			name:    "503 Retry-After 1 twice then 200",
			method:  http.MethodGet,
			replies: []reply{{503, "1", maintenance}, {503, "1", maintenance}, {200, "", `{"id":7}`}},
			hits:    3, tokensIssued: 1, sleeps: []time.Duration{time.Second, time.Second}, minSleep: 2 * time.Second,
		},
		{
			name:    "POST answered 500",
			method:  http.MethodPost,
			body:    `{"status":"shipped"}`,
			replies: []reply{{500, "", `{"title":"Service Unavailable","status":500,"detail":"boom"}`}},
			hits:    1, tokensIssued: 1,
			wantErr: []error{ErrServer},
		},
		{
			name:    "POST answered 503 is not retried",
			method:  http.MethodPost,
			body:    `{"status":"shipped"}`,
			replies: []reply{{503, "1", maintenance}},
			hits:    1, tokensIssued: 1,
			wantErr: []error{ErrServer, ErrMaintenance}, retryAfter: time.Second,
		},
		{
			name:    "GET 429 without Retry-After backs off then succeeds",
			method:  http.MethodGet,
			replies: []reply{{429, "", ""}, {200, "", `{"id":7}`}},
			hits:    2, tokensIssued: 1, sleeps: []time.Duration{backoffBase},
		},
		{
			name:    "ctx deadline shorter than Retry-After",
			method:  http.MethodGet,
			timeout: 10 * time.Second,
			replies: []reply{{429, "30", ""}},
			hits:    1, tokensIssued: 1,
			wantErr: []error{ErrRateLimited}, retryAfter: 30 * time.Second,
		},
		{
			name:    "PUT replays its body after 503",
			method:  http.MethodPut,
			body:    `{"quantity":3}`,
			replies: []reply{{503, "", "<html>unavailable</html>"}, {200, "", `{"id":7}`}},
			hits:    2, tokensIssued: 1, sleeps: []time.Duration{backoffBase},
		},
		{
			name:    "401 once refetches the token",
			method:  http.MethodPost,
			body:    `{"status":"shipped"}`,
			replies: []reply{{401, "", `{"title":"Unauthorized","status":401}`}, {200, "", `{"id":7}`}},
			hits:    2, tokensIssued: 2, invalidated: []string{"test-token-1"},
		},
		{
			name:    "401 twice",
			method:  http.MethodGet,
			replies: []reply{{401, "", `{"title":"Unauthorized","status":401}`}},
			hits:    2, tokensIssued: 2, invalidated: []string{"test-token-1", "test-token-2"},
			wantErr: []error{ErrUnauthorized},
		},
		{
			name:    "503 retries exhausted",
			method:  http.MethodGet,
			replies: []reply{{503, "2", maintenance}},
			hits:    3, tokensIssued: 1, sleeps: []time.Duration{2 * time.Second, 2 * time.Second},
			wantErr: []error{ErrMaintenance, ErrServer}, retryAfter: 2 * time.Second,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var (
				mu     sync.Mutex
				hits   int
				bodies []string
				auths  []string
			)
			baseURL, _ := newAPIServer(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/v2/orders/7" {
					t.Errorf("server path = %q, want %q", r.URL.Path, "/v2/orders/7")
				}
				b, _ := io.ReadAll(r.Body)
				mu.Lock()
				hits++
				rp := tt.replies[min(hits, len(tt.replies))-1]
				bodies = append(bodies, string(b))
				auths = append(auths, r.Header.Get("Authorization"))
				mu.Unlock()
				if rp.retryAfter != "" {
					w.Header().Set("Retry-After", rp.retryAfter)
				}
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(rp.status)
				_, _ = io.WriteString(w, rp.body)
			})
			tc := newTestClient(t, baseURL, serverTransport(t), nil)
			ctx := context.Background()
			if tt.timeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tt.timeout)
				defer cancel()
			}
			start := time.Now()
			err := Check(callOrder(ctx, tc.hc, tt.method, baseURL+"v2/orders/7", tt.body))
			elapsed := time.Since(start)

			mu.Lock()
			defer mu.Unlock()
			if hits != tt.hits {
				t.Errorf("%s: server hits = %d, want %d", tt.method, hits, tt.hits)
			}
			issued, invalidated := tc.tokens.counts()
			if issued != tt.tokensIssued {
				t.Errorf("%s: tokens issued = %d, want %d", tt.method, issued, tt.tokensIssued)
			}
			if !slices.Equal(invalidated, tt.invalidated) {
				t.Errorf("%s: tokens invalidated = %q, want %q", tt.method, invalidated, tt.invalidated)
			}
			if got := tc.clock.Sleeps(); !slices.Equal(got, tt.sleeps) {
				t.Errorf("%s: retry waits = %v, want %v", tt.method, got, tt.sleeps)
			}
			if got := sum(tc.clock.Sleeps()); got < tt.minSleep {
				t.Errorf("%s: total retry wait = %v, want >= %v", tt.method, got, tt.minSleep)
			}
			if elapsed > 5*time.Second {
				t.Errorf("%s: call took %v, want it prompt (no real sleeping)", tt.method, elapsed)
			}
			for i, b := range bodies {
				if b != tt.body {
					t.Errorf("%s: attempt %d body = %q, want %q", tt.method, i+1, b, tt.body)
				}
				if !strings.HasPrefix(auths[i], "Bearer "+testTokenPrefix) {
					t.Errorf("%s: attempt %d Authorization has no bearer test token", tt.method, i+1)
				}
			}
			if tt.tokensIssued == 2 && len(auths) == 2 && auths[0] == auths[1] {
				t.Errorf("%s: the attempt after a 401 reused the rejected token, want a fresh one", tt.method)
			}

			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("Check(%s) = %v, want nil", tt.method, err)
				}
				return
			}
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("Check(%s) = %v, want an *APIError", tt.method, err)
			}
			for _, class := range tt.wantErr {
				if !errors.Is(err, class) {
					t.Errorf("errors.Is(%v, %v) = false, want true", err, class)
				}
			}
			if apiErr.Method != tt.method || apiErr.Path != "/api/v2/orders/7" {
				t.Errorf("APIError method, path = %q, %q, want %q, %q", apiErr.Method, apiErr.Path, tt.method, "/api/v2/orders/7")
			}
			if apiErr.RetryAfter != tt.retryAfter {
				t.Errorf("APIError.RetryAfter = %v, want %v", apiErr.RetryAfter, tt.retryAfter)
			}
		})
	}
}

// TestTransportAttemptsLogged checks that the logging layer sees the attempt
// number set by the retry layer.
func TestTransportAttemptsLogged(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	baseURL, _ := newAPIServer(t, func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) < 3 {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		_, _ = io.WriteString(w, `{"id":7}`)
	})
	tc := newTestClient(t, baseURL, serverTransport(t), nil)
	if err := Check(callOrder(context.Background(), tc.hc, http.MethodGet, baseURL+"v2/orders?limit=5", "")); err != nil {
		t.Fatalf("Check(GET) = %v, want nil", err)
	}
	var attempts []float64
	for _, rec := range tc.logs.records(t) {
		if rec["msg"] == "sellercenter: request" {
			attempts = append(attempts, rec["attempt"].(float64))
			if rec["path"] != "/api/v2/orders" || rec["query"] != "limit=5" {
				t.Errorf("log path, query = %v, %v, want %q, %q", rec["path"], rec["query"], "/api/v2/orders", "limit=5")
			}
		}
	}
	if want := []float64{1, 2, 3}; !slices.Equal(attempts, want) {
		t.Errorf("logged attempts = %v, want %v", attempts, want)
	}
}

// TestTransportConnectionRefused makes the first dial go to a closed port:
// nothing was sent, so even a POST is retried, with its body.
func TestTransportConnectionRefused(t *testing.T) {
	t.Parallel()
	for _, method := range []string{http.MethodPost, http.MethodPatch, http.MethodGet} {
		t.Run(method, func(t *testing.T) {
			t.Parallel()
			var hits atomic.Int32
			baseURL, _ := newAPIServer(t, func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				if b, _ := io.ReadAll(r.Body); method != http.MethodGet && string(b) != `{"a":1}` {
					t.Errorf("server body = %q, want %q", b, `{"a":1}`)
				}
				_, _ = io.WriteString(w, `{"id":7}`)
			})
			closed := closedAddr(t)
			var dials atomic.Int32
			base := serverTransport(t)
			base.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
				if dials.Add(1) == 1 {
					addr = closed
				}
				var d net.Dialer
				return d.DialContext(ctx, network, addr)
			}
			tc := newTestClient(t, baseURL, base, nil)
			body := `{"a":1}`
			if method == http.MethodGet {
				body = ""
			}
			if err := Check(callOrder(context.Background(), tc.hc, method, baseURL+"v2/orders/7", body)); err != nil {
				t.Fatalf("Check(%s) = %v, want nil", method, err)
			}
			if got := hits.Load(); got != 1 {
				t.Errorf("%s: server hits = %d, want 1", method, got)
			}
			if got := dials.Load(); got != 2 {
				t.Errorf("%s: dials = %d, want 2", method, got)
			}
			if got := len(tc.clock.Sleeps()); got != 1 {
				t.Errorf("%s: retry waits = %d, want 1", method, got)
			}
		})
	}
}

// closedAddr returns an address nothing listens on.
func closedAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("net.Listen = %v, want nil", err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	return addr
}

// TestTransportResetAfterWrite has the server read the whole request and
// then reset the connection: the request may have been processed, so it is
// not retried, whatever the method.
func TestTransportResetAfterWrite(t *testing.T) {
	t.Parallel()
	for _, method := range []string{http.MethodPost, http.MethodGet} {
		t.Run(method, func(t *testing.T) {
			t.Parallel()
			var hits atomic.Int32
			baseURL, _ := newAPIServer(t, func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				_, _ = io.ReadAll(r.Body)
				conn, _, err := http.NewResponseController(w).Hijack()
				if err != nil {
					t.Errorf("Hijack() = %v, want nil", err)
					return
				}
				if tcp, ok := conn.(*net.TCPConn); ok {
					_ = tcp.SetLinger(0) // close with RST
				}
				_ = conn.Close()
			})
			tc := newTestClient(t, baseURL, serverTransport(t), nil)
			err := Check(callOrder(context.Background(), tc.hc, method, baseURL+"v2/orders/7/status", `{"status":"shipped"}`))
			if err == nil {
				t.Fatalf("Check(%s) = nil, want a connection error", method)
			}
			if !strings.HasPrefix(err.Error(), "sellercenter: "+method+" /api/v2/orders/7/status: ") {
				t.Errorf("Check(%s) = %q, want prefix %q", method, err, "sellercenter: "+method+" /api/v2/orders/7/status: ")
			}
			var apiErr *APIError
			if errors.As(err, &apiErr) {
				t.Errorf("errors.As(%v, *APIError) = true, want false", err)
			}
			if got := hits.Load(); got != 1 {
				t.Errorf("%s: server hits = %d, want 1", method, got)
			}
			if got := tc.clock.Sleeps(); len(got) != 0 {
				t.Errorf("%s: retry waits = %v, want none", method, got)
			}
		})
	}
}

// TestTransportAttemptTimeout checks Config.Timeout bounds each attempt, yet
// leaves the body of a prompt answer readable after RoundTrip returns.
func TestTransportAttemptTimeout(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	baseURL, _ := newAPIServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v2/slow" {
			select {
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_ = http.NewResponseController(w).Flush()
		_, _ = io.WriteString(w, `{"id":7}`)
	})
	// The slow call waits out the whole timeout, and the fast one must fit
	// in it on a loaded machine: 50 ms failed there now and then.
	tc := newTestClient(t, baseURL, serverTransport(t), func(c *Config) { c.Timeout = 250 * time.Millisecond })

	err := Check(callOrder(context.Background(), tc.hc, http.MethodGet, baseURL+"v2/slow", ""))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Check(GET slow) = %v, want context.DeadlineExceeded", err)
	}
	resp, err := callOrder(context.Background(), tc.hc, http.MethodGet, baseURL+"v2/fast", "")
	if err := Check(resp, err); err != nil {
		t.Fatalf("Check(GET fast) = %v, want nil", err)
	}
	if resp.JSON200 == nil || resp.JSON200.ID != 7 {
		t.Errorf("GET fast JSON200 = %+v, want id 7", resp.JSON200)
	}
}

// TestNewTransportLayers checks the composition order with recording fakes:
// rate limit before anything else, retries around auth, logging innermost.
func TestNewTransportLayers(t *testing.T) {
	t.Parallel()
	var (
		mu    sync.Mutex
		order []string
	)
	note := func(s string) {
		mu.Lock()
		defer mu.Unlock()
		order = append(order, s)
	}
	lim := limiterFunc(func(ctx context.Context) error { note("limit"); return nil })
	tokens := &recordingTokens{note: note}
	calls := 0
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		calls++
		note(fmt.Sprintf("send attempt=%d auth=%t", attemptFrom(r.Context()), r.Header.Get("Authorization") != ""))
		status := http.StatusOK
		if calls == 1 {
			status = http.StatusServiceUnavailable
		}
		return &http.Response{StatusCode: status, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("")), Request: r}, nil
	})
	logger, _ := testLogger(t, LevelBody)
	cfg := Config{BaseURL: "https://api.example.test/api/", Logger: logger}
	fc := newFakeClock()
	rt := newTransport(base, cfg, tokens, lim, fc.clock())
	req, _ := http.NewRequest(http.MethodGet, "https://api.example.test/api/v2/orders", nil)
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatalf("RoundTrip(GET) = %v, want nil", err)
	}
	_ = resp.Body.Close()
	want := []string{"limit", "token", "send attempt=1 auth=true", "token", "send attempt=2 auth=true"}
	if !slices.Equal(order, want) {
		t.Errorf("layer order = %q, want %q", order, want)
	}
}

type limiterFunc func(ctx context.Context) error

func (f limiterFunc) Wait(ctx context.Context) error { return f(ctx) }

type recordingTokens struct{ note func(string) }

func (r *recordingTokens) Token(context.Context) (string, error) {
	r.note("token")
	return "t", nil
}
func (r *recordingTokens) Invalidate(string) { r.note("invalidate") }

// BenchmarkTransportNoRetry measures the overhead of the whole stack on a
// call that succeeds at once, with logging off.
func BenchmarkTransportNoRetry(b *testing.B) {
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
	})
	cfg := Config{BaseURL: "https://api.example.test/api/", RateLimit: -1}
	rt := newTransport(base, cfg, &recordingTokens{note: func(string) {}}, nil, clock{})
	req, _ := http.NewRequest(http.MethodGet, "https://api.example.test/api/v2/orders", nil)
	b.ReportAllocs()
	for b.Loop() {
		resp, err := rt.RoundTrip(req)
		if err != nil {
			b.Fatal(err)
		}
		_ = resp.Body.Close()
	}
}

// agentRecorder records the User-Agent of the API requests that reach it
// and answers the first of them 503, so the retry shows too.
type agentRecorder struct {
	next   http.RoundTripper
	mu     sync.Mutex
	agents []string
}

func (r *agentRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	if !strings.Contains(req.URL.Path, "/v2/") {
		return r.next.RoundTrip(req) // the token endpoint
	}
	r.mu.Lock()
	r.agents = append(r.agents, req.Header.Get("User-Agent"))
	first := len(r.agents) == 1
	r.mu.Unlock()
	if first {
		closeRequestBody(req)
		return &http.Response{StatusCode: http.StatusServiceUnavailable, Header: http.Header{}, Body: http.NoBody, Request: req}, nil
	}
	return r.next.RoundTrip(req)
}

// TestUserAgent checks the User-Agent of every attempt of a call through
// New: the configured one, or the caller's own set by a request editor.
func TestUserAgent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		ua     string // Config.UserAgent
		editor string // set by the call's editor; "" = none
		want   string
	}{
		{"default", "", "", DefaultUserAgent},
		{"configured", "shop-sync/2", "", "shop-sync/2"},
		{"the caller's editor wins", "shop-sync/2", "one-off/1", "one-off/1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			mock := newMockOnClock(t, clock)
			rec := &agentRecorder{next: http.DefaultTransport}
			cfg := mockConfig(mock)
			cfg.UserAgent = tt.ua
			cfg.HTTPClient = &http.Client{Transport: rec}
			c, err := newClient(cfg, clock.clock())
			if err != nil {
				t.Fatal(err)
			}
			var editors []gen.RequestEditorFn
			if tt.editor != "" {
				editors = append(editors, func(_ context.Context, req *http.Request) error {
					req.Header.Set("User-Agent", tt.editor)
					return nil
				})
			}
			if _, err := Result(c.GetSellerWithResponse(t.Context(), editors...)); err != nil {
				t.Fatalf("GetSeller = %v", err)
			}
			rec.mu.Lock()
			defer rec.mu.Unlock()
			if want := []string{tt.want, tt.want}; !slices.Equal(rec.agents, want) {
				t.Errorf("User-Agent of the attempts = %q, want %q (a 503, then its retry)", rec.agents, want)
			}
		})
	}
}
