package authn

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

const (
	testClientID = "client-id-123"
	testSecret   = "s3cr3t-Value_42"
	tokenPath    = "/sc/oauth/client-credentials"
)

// tokenServer is an httptest token endpoint mounted under a path prefix;
// any other path fails the test, so URL-joining bugs show.
type tokenServer struct {
	*httptest.Server
	requests atomic.Int64
}

// newTokenServer starts a server whose handler gets the 1-based number of
// each token request.
func newTokenServer(t testing.TB, handle func(w http.ResponseWriter, r *http.Request, n int64)) *tokenServer {
	t.Helper()
	s := &tokenServer{}
	mux := http.NewServeMux()
	mux.HandleFunc(tokenPath, func(w http.ResponseWriter, r *http.Request) {
		handle(w, r, s.requests.Add(1))
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("token request to %q, want %q", r.URL.Path, tokenPath)
		http.NotFound(w, r)
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func (s *tokenServer) TokenURL() string { return s.URL + tokenPath }

// writeToken answers with a JSON token; expiresIn nil leaves the field out.
func writeToken(w http.ResponseWriter, token string, expiresIn any) {
	body := map[string]any{"access_token": token, "token_type": "Bearer"}
	if expiresIn != nil {
		body["expires_in"] = expiresIn
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(body)
}

// answer is a token endpoint that always answers status, Content-Type
// ctype (an empty one, which stops Go from sniffing one, when "") and body.
func answer(status int, ctype, body string) func(http.ResponseWriter, *http.Request, int64) {
	return func(w http.ResponseWriter, _ *http.Request, _ int64) {
		w.Header().Set("Content-Type", ctype)
		w.WriteHeader(status)
		fmt.Fprint(w, body)
	}
}

// numberedTokens answers request n with token "tok-n".
func numberedTokens(expiresIn any) func(http.ResponseWriter, *http.Request, int64) {
	return func(w http.ResponseWriter, _ *http.Request, n int64) {
		writeToken(w, fmt.Sprintf("tok-%d", n), expiresIn)
	}
}

// fakeClock is a manually advanced clock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// fakeSleeper records backoff waits and returns at once.
type fakeSleeper struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *fakeSleeper) Sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.waits = append(s.waits, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *fakeSleeper) Waits() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.waits...)
}

// testEnv is a TokenSource wired to a token server, a fake clock and a
// fake sleeper.
type testEnv struct {
	srv   *tokenServer
	ts    *TokenSource
	clock *fakeClock
	sleep *fakeSleeper
}

func newTestEnv(t testing.TB, handle func(http.ResponseWriter, *http.Request, int64), edit func(*Config)) *testEnv {
	t.Helper()
	e := &testEnv{srv: newTokenServer(t, handle), clock: newFakeClock(), sleep: &fakeSleeper{}}
	cfg := Config{
		ClientID:     testClientID,
		ClientSecret: testSecret,
		TokenURL:     e.srv.TokenURL(),
		now:          e.clock.Now,
		sleep:        e.sleep.Sleep,
	}
	if edit != nil {
		edit(&cfg)
	}
	ts, err := New(cfg)
	if err != nil {
		t.Fatalf("New(cfg) = %v, want nil error", err)
	}
	e.ts = ts
	return e
}

// waitIdle waits for the fetch in flight, if any, to finish.
func waitIdle(ts *TokenSource) {
	ts.mu.Lock()
	c := ts.inflight
	ts.mu.Unlock()
	if c != nil {
		<-c.done
	}
}

// assertNoLeak fails if any rendering of err, or the RetrieveError it wraps,
// contains one of the secrets.
func assertNoLeak(t *testing.T, err error, secrets ...string) {
	t.Helper()
	renderings := map[string]string{
		"Error()": err.Error(),
		"%v":      fmt.Sprintf("%v", err),
		"%+v":     fmt.Sprintf("%+v", err),
		"%#v":     fmt.Sprintf("%#v", err),
		"%q":      fmt.Sprintf("%q", err),
	}
	var ae *Error
	if errors.As(err, &ae) {
		renderings["*Error %#v"] = fmt.Sprintf("%#v", *ae)
		renderings["Error.Body"] = ae.Body
	}
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		renderings["RetrieveError.Error()"] = re.Error()
		renderings["RetrieveError.Body"] = string(re.Body)
		renderings["RetrieveError %+v"] = fmt.Sprintf("%+v", *re)
		if re.Response != nil {
			renderings["Response.Header"] = fmt.Sprint(re.Response.Header)
			if re.Response.Request != nil {
				renderings["Request.Header"] = fmt.Sprint(re.Response.Request.Header)
				renderings["Request.URL"] = re.Response.Request.URL.String()
			}
		}
	}
	for name, s := range renderings {
		for i, sec := range secrets {
			if sec != "" && strings.Contains(s, sec) {
				// Name the place, not the value: test output stays clean too.
				t.Errorf("%s of error contains secret #%d", name, i)
			}
		}
	}
}
