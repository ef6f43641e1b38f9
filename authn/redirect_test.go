package authn

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestRedirectNotFollowed has the token endpoint redirect elsewhere, with
// each redirect status and to each kind of target, and checks that the
// target receives nothing, no token comes from it, and the error names the
// target without its query or user information.
func TestRedirectNotFollowed(t *testing.T) {
	t.Parallel()
	followAll := func(*http.Request, []*http.Request) error { return nil }

	type target struct {
		name string
		// location is what the token endpoint sends and want what the
		// error must name, given the port of the server elsewhere; a
		// want starting with "/" is on the token server.
		location, want func(port string) string
	}
	targets := []target{
		{"same host, other port",
			func(p string) string { return "http://127.0.0.1:" + p + "/x" },
			func(p string) string { return "http://127.0.0.1:" + p + "/x" }},
		{"other host name",
			func(p string) string { return "http://localhost:" + p + "/oauth/token" },
			func(p string) string { return "http://localhost:" + p + "/oauth/token" }},
		{"query and user info",
			func(p string) string {
				return "http://user:pw-" + testSecret + "@127.0.0.1:" + p + "/y?client_secret=" + testSecret + "&a=b#f"
			},
			func(p string) string { return "http://127.0.0.1:" + p + "/y" }},
	}
	type tc struct {
		name   string
		status int
		tls    bool // the token endpoint is https
		follow bool // the caller's HTTPClient follows every redirect
		target target
	}
	var tests []tc
	for _, status := range []int{301, 302, 303, 307, 308} {
		for _, tg := range targets {
			for _, follow := range []bool{false, true} {
				tests = append(tests, tc{fmt.Sprintf("%d to %s, follow-all client %v", status, tg.name, follow), status, false, follow, tg})
			}
		}
		tests = append(tests, tc{fmt.Sprintf("%d https to http", status), status, true, true, targets[0]})
	}
	tests = append(tests, tc{"307 to another path of the same server", 307, false, true, target{"relative",
		func(string) string { return "/elsewhere" }, func(string) string { return "/elsewhere" }}})
	t.Logf("%d redirect cases", len(tests))

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// elsewhere stands for the host the secret must not reach; it
			// answers every request with a token.
			var elsewhereHits atomic.Int64
			elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				elsewhereHits.Add(1)
				io.Copy(io.Discard, r.Body)
				writeToken(w, "tok-from-elsewhere", 3600)
			}))
			t.Cleanup(elsewhere.Close)
			_, port, _ := strings.Cut(elsewhere.Listener.Addr().String(), ":")
			location := tt.target.location(port)
			var hits atomic.Int64
			var srv *httptest.Server
			handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				if r.URL.Path != tokenPath {
					t.Errorf("redirect followed to %s on the token server", r.URL.Path)
					writeToken(w, "tok-from-elsewhere", 3600)
					return
				}
				w.Header().Set("Location", location)
				w.WriteHeader(tt.status)
				fmt.Fprintf(w, `<a href="%s">moved</a>`, location)
			})
			var hc *http.Client
			if tt.tls {
				srv = httptest.NewTLSServer(handler)
				hc = srv.Client()
			} else {
				srv = httptest.NewServer(handler)
			}
			t.Cleanup(srv.Close)
			if tt.follow {
				if hc == nil {
					hc = &http.Client{}
				}
				hc.CheckRedirect = followAll
				hc.Timeout = 5 * time.Second
			}
			want := tt.target.want(port)
			if strings.HasPrefix(want, "/") {
				want = srv.URL + want
			}
			sleep := &fakeSleeper{}
			ts, err := New(Config{ClientID: testClientID, ClientSecret: testSecret, TokenURL: srv.URL + tokenPath,
				HTTPClient: hc, sleep: sleep.Sleep})
			if err != nil {
				t.Fatal(err)
			}
			tok, err := ts.Token(context.Background())
			if tok != "" || err == nil {
				t.Fatalf("Token() = %q, %v, want an error", tok, err)
			}
			if n := elsewhereHits.Load(); n != 0 {
				t.Errorf("the redirect target received %d requests, want 0", n)
			}
			if c := ts.cur.Load(); c != nil {
				t.Errorf("a token was cached after a redirect")
			}
			var ae *Error
			if !errors.As(err, &ae) || ae.StatusCode != tt.status {
				t.Fatalf("Token() error = %#v, want *Error with StatusCode %d", err, tt.status)
			}
			if !errors.Is(err, ErrRejected) || errors.Is(err, ErrUnavailable) || errors.Is(err, ErrInvalidClient) || errors.Is(err, ErrBadResponse) {
				t.Errorf("Token() error %v: want class ErrRejected only", err)
			}
			if n := hits.Load(); n != 1 || len(sleep.Waits()) != 0 {
				t.Errorf("token requests, sleeps = %d, %v, want 1, none (a redirect is not retried)", n, sleep.Waits())
			}
			msg := err.Error()
			for _, s := range []string{"redirect", want, "TokenURL"} {
				if !strings.Contains(msg, s) {
					t.Errorf("Token() error = %q, want it to contain %q", msg, s)
				}
			}
			for _, s := range []string{"client_secret", "pw-", "a=b", "#f", "user"} {
				if strings.Contains(msg, s) {
					t.Errorf("Token() error = %q, want no %q", msg, s)
				}
			}
			assertNoLeak(t, err, testSecret)
		})
	}
}
