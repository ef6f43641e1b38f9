package authn

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// RequestEditorFn mirrors the generated client's editor type; the assignments
// below fail to compile if Edit stops fitting it.
type RequestEditorFn func(ctx context.Context, req *http.Request) error

var (
	_ RequestEditorFn = (*TokenSource)(nil).Edit
	_ RequestEditorFn = (*Signer)(nil).Edit
)

func TestTokenRequestOnTheWire(t *testing.T) {
	t.Parallel()
	type seen struct {
		method, requestURI, auth, contentType, accept, contentLength, body string
	}
	got := make(chan seen, 1)
	var transportCalls atomic.Int64
	e := newTestEnv(t, func(w http.ResponseWriter, r *http.Request, _ int64) {
		b, _ := io.ReadAll(r.Body)
		got <- seen{r.Method, r.RequestURI, r.Header.Get("Authorization"), r.Header.Get("Content-Type"),
			r.Header.Get("Accept"), r.Header.Get("Content-Length"), string(b)}
		writeToken(w, "tok-wire", 3600)
	}, func(c *Config) {
		c.HTTPClient = &http.Client{Timeout: 5 * time.Second, Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			transportCalls.Add(1)
			return http.DefaultTransport.RoundTrip(r)
		})}
	})

	tok, err := e.ts.Token(context.Background())
	if err != nil || tok != "tok-wire" {
		t.Fatalf("Token() = %q, %v, want %q, nil", tok, err, "tok-wire")
	}
	want := seen{
		method:        "POST",
		requestURI:    tokenPath,
		auth:          "Basic " + base64.StdEncoding.EncodeToString([]byte(testClientID+":"+testSecret)),
		contentType:   "application/x-www-form-urlencoded",
		accept:        "application/json",
		contentLength: "29",
		body:          "grant_type=client_credentials",
	}
	if g := <-got; g != want {
		// Compare field by field so a failure never prints the Basic header.
		if g.auth != want.auth {
			t.Errorf("token request Authorization differs from Basic base64(id:secret)")
		}
		g.auth, want.auth = "", ""
		if g != want {
			t.Errorf("token request = %+v, want %+v", g, want)
		}
	}
	if n := transportCalls.Load(); n != 1 {
		t.Errorf("Config.HTTPClient transport calls = %d, want 1", n)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestConcurrentCallersShareOneFetch(t *testing.T) {
	t.Parallel()
	const callers = 1000
	var ready sync.WaitGroup
	ready.Add(callers)
	e := newTestEnv(t, func(w http.ResponseWriter, r *http.Request, n int64) {
		ready.Wait() // hold the fetch until every caller has been started
		writeToken(w, fmt.Sprintf("tok-%d", n), 3600)
	}, nil)

	var wg sync.WaitGroup
	results := make([]string, callers)
	errs := make([]error, callers)
	for i := range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ready.Done()
			results[i], errs[i] = e.ts.Token(context.Background())
		}()
	}
	wg.Wait()
	for i := range callers {
		if errs[i] != nil || results[i] != "tok-1" {
			t.Fatalf("Token() in goroutine %d = %q, %v, want %q, nil", i, results[i], errs[i], "tok-1")
		}
	}
	if n := e.srv.requests.Load(); n != 1 {
		t.Errorf("token requests for %d concurrent callers = %d, want 1", callers, n)
	}
}

func TestEarlyRefresh(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, numberedTokens(2), func(c *Config) { c.EarlyRefresh = time.Second })
	ctx := context.Background()
	token := func() string {
		t.Helper()
		tok, err := e.ts.Token(ctx)
		if err != nil {
			t.Fatalf("Token() error = %v", err)
		}
		return tok
	}
	requests := func(want int64) {
		t.Helper()
		if n := e.srv.requests.Load(); n != want {
			t.Fatalf("token requests = %d, want %d", n, want)
		}
	}

	if got := token(); got != "tok-1" { // t0: expires t0+2s, refresh at t0+1s
		t.Fatalf("Token() = %q, want tok-1", got)
	}
	e.clock.Advance(900 * time.Millisecond)
	if got := token(); got != "tok-1" {
		t.Fatalf("Token() at t0+0.9s = %q, want tok-1", got)
	}
	requests(1)

	// Due: every caller keeps the still valid token and one fetch runs.
	e.clock.Advance(200 * time.Millisecond) // t0+1.1s
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if tok, err := e.ts.Token(ctx); err != nil || tok != "tok-1" && tok != "tok-2" {
				t.Errorf("Token() at t0+1.1s = %q, %v, want tok-1 or tok-2", tok, err)
			}
		}()
	}
	wg.Wait()
	waitIdle(e.ts)
	requests(2)
	if got := token(); got != "tok-2" { // fetched at t0+1.1s: refresh at t0+2.1s
		t.Fatalf("Token() after refresh = %q, want tok-2", got)
	}
	e.clock.Advance(900 * time.Millisecond) // t0+2.0s
	if got := token(); got != "tok-2" {
		t.Fatalf("Token() at t0+2.0s = %q, want tok-2", got)
	}
	requests(2)
}

func TestExpiredTokenBlocksForOneFetch(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, numberedTokens(3600), nil)
	ctx := context.Background()
	if tok, err := e.ts.Token(ctx); err != nil || tok != "tok-1" {
		t.Fatalf("Token() = %q, %v, want tok-1, nil", tok, err)
	}
	e.clock.Advance(2 * time.Hour)
	var wg sync.WaitGroup
	for range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if tok, err := e.ts.Token(ctx); err != nil || tok != "tok-2" {
				t.Errorf("Token() after expiry = %q, %v, want tok-2, nil", tok, err)
			}
		}()
	}
	wg.Wait()
	if n := e.srv.requests.Load(); n != 2 {
		t.Errorf("token requests = %d, want 2", n)
	}
}

func TestShortLifetimeRefreshesHalfway(t *testing.T) {
	t.Parallel()
	// expires_in 10 s with the default 60 s EarlyRefresh: refresh at 5 s, not
	// on every call.
	e := newTestEnv(t, numberedTokens(10), nil)
	ctx := context.Background()
	e.ts.Token(ctx)
	e.clock.Advance(4 * time.Second)
	if tok, _ := e.ts.Token(ctx); tok != "tok-1" || e.srv.requests.Load() != 1 {
		t.Fatalf("Token() at 4s = %q after %d requests, want tok-1 after 1", tok, e.srv.requests.Load())
	}
	e.clock.Advance(2 * time.Second)
	e.ts.Token(ctx)
	waitIdle(e.ts)
	if n := e.srv.requests.Load(); n != 2 {
		t.Errorf("token requests at 6s = %d, want 2", n)
	}
}

func TestInvalidate(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, numberedTokens(3600), nil)
	ctx := context.Background()
	check := func(step, want string, wantRequests int64) {
		t.Helper()
		tok, err := e.ts.Token(ctx)
		if err != nil || tok != want {
			t.Fatalf("%s: Token() = %q, %v, want %q, nil", step, tok, err, want)
		}
		if n := e.srv.requests.Load(); n != wantRequests {
			t.Fatalf("%s: token requests = %d, want %d", step, n, wantRequests)
		}
	}
	check("first", "tok-1", 1)

	e.ts.Invalidate("tok-0")
	check("Invalidate(stale)", "tok-1", 1)

	e.ts.Invalidate("tok-1")
	check("Invalidate(current)", "tok-2", 2)

	// A burst of 401s for tok-2 from many goroutines: one refetch.
	var wg sync.WaitGroup
	for range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.ts.Invalidate("tok-2")
			if tok, err := e.ts.Token(ctx); err != nil || tok != "tok-3" {
				t.Errorf("Token() after burst = %q, %v, want tok-3, nil", tok, err)
			}
		}()
	}
	wg.Wait()
	check("after burst", "tok-3", 3)

	e.ts.Invalidate("tok-2")
	check("Invalidate(replaced)", "tok-3", 3)
}

func TestSlowEndpointCallerContext(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	var releaseOnce sync.Once
	unblock := func() { releaseOnce.Do(func() { close(release) }) }
	arrived := make(chan struct{}, 1)
	e := newTestEnv(t, func(w http.ResponseWriter, r *http.Request, n int64) {
		arrived <- struct{}{}
		<-release
		writeToken(w, fmt.Sprintf("tok-%d", n), 3600)
	}, nil)
	t.Cleanup(unblock) // before the server closes

	// The caller with a 100 ms deadline starts the fetch; it must return on
	// its deadline, and its cancellation must not cancel the fetch.
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	type result struct {
		tok string
		err error
	}
	short := make(chan result, 1)
	start := time.Now()
	go func() {
		tok, err := e.ts.Token(ctx)
		short <- result{tok, err}
	}()
	<-arrived // the fetch is in flight and held

	var wg sync.WaitGroup
	others := make([]result, 5)
	for i := range others {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tok, err := e.ts.Token(context.Background())
			others[i] = result{tok, err}
		}()
	}

	r := <-short
	elapsed := time.Since(start)
	select {
	case <-release:
		t.Fatal("the endpoint was released before the short caller returned")
	default:
	}
	if !errors.Is(r.err, context.DeadlineExceeded) || r.tok != "" {
		t.Fatalf("Token(100ms ctx) = %q, %v, want \"\", context.DeadlineExceeded", r.tok, r.err)
	}
	t.Logf("Token(100ms ctx) returned after %v while the fetch was still held", elapsed)

	unblock()
	wg.Wait()
	for i, o := range others {
		if o.err != nil || o.tok != "tok-1" {
			t.Errorf("Token() for waiting caller %d = %q, %v, want tok-1, nil", i, o.tok, o.err)
		}
	}
	if n := e.srv.requests.Load(); n != 1 {
		t.Errorf("token requests = %d, want 1", n)
	}
}

func TestTokenWithDoneContext(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, numberedTokens(3600), nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if tok, err := e.ts.Token(ctx); !errors.Is(err, context.Canceled) || tok != "" {
		t.Fatalf("Token(cancelled ctx) = %q, %v, want \"\", context.Canceled", tok, err)
	}
	if n := e.srv.requests.Load(); n != 0 {
		t.Errorf("token requests for a cancelled caller = %d, want 0", n)
	}
}

func TestFetchBoundedByClientTimeout(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	e := newTestEnv(t, func(w http.ResponseWriter, r *http.Request, n int64) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}, func(c *Config) { c.HTTPClient = &http.Client{Timeout: 50 * time.Millisecond} })
	t.Cleanup(func() { close(release) })

	_, err := e.ts.Token(context.Background())
	var ae *Error
	if !errors.As(err, &ae) || !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Token() with a hung endpoint = %v, want *Error of class ErrUnavailable", err)
	}
	// The 250 ms backoff does not fit in what is left of 50 ms: no retry.
	if ae.Attempts != 1 || len(e.sleep.Waits()) != 0 {
		t.Errorf("Token() attempts, sleeps = %d, %v, want 1, none", ae.Attempts, e.sleep.Waits())
	}
}

func TestEdit(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, numberedTokens(3600), nil)
	ctx := context.Background()

	req := httptest.NewRequest("GET", "https://api.example/v2/sellers", nil)
	if err := e.ts.Editor()(ctx, req); err != nil {
		t.Fatalf("Editor()(req) = %v, want nil", err)
	}
	if got, want := req.Header.Get("Authorization"), "Bearer tok-1"; got != want {
		t.Errorf("Editor()(req) Authorization = %q, want %q", got, want)
	}

	bare := &http.Request{Method: "GET"} // nil Header
	if err := e.ts.Edit(ctx, bare); err != nil || bare.Header.Get("Authorization") != "Bearer tok-1" {
		t.Errorf("Edit(nil Header) = %v, Authorization %q, want nil, %q", err, bare.Header.Get("Authorization"), "Bearer tok-1")
	}

	failing := newTestEnv(t, func(w http.ResponseWriter, r *http.Request, _ int64) {
		http.Error(w, `{"error":"invalid_client"}`, http.StatusUnauthorized)
	}, nil)
	req = httptest.NewRequest("GET", "https://api.example/v2/sellers", nil)
	err := failing.ts.Edit(ctx, req)
	if !errors.Is(err, ErrInvalidClient) {
		t.Errorf("Edit() with rejected credentials = %v, want ErrInvalidClient", err)
	}
	if h := req.Header.Get("Authorization"); h != "" {
		t.Errorf("Edit() failure left Authorization %q, want none", h)
	}
}

func BenchmarkEditorCachedToken(b *testing.B) {
	e := newTestEnv(b, numberedTokens(3600), func(c *Config) { c.now = nil })
	edit := e.ts.Editor()
	ctx := context.Background()
	req := httptest.NewRequest("GET", "https://api.example/v2/sellers", nil)
	if err := edit(ctx, req); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := edit(ctx, req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTokenCachedParallel(b *testing.B) {
	e := newTestEnv(b, numberedTokens(3600), func(c *Config) { c.now = nil })
	ctx := context.Background()
	if _, err := e.ts.Token(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := e.ts.Token(ctx); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
