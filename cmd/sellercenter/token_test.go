package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter/authn"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// tokenAnswer is what a fake token endpoint answers to every request.
type tokenAnswer struct {
	status      int
	ctype, body string
	location    string // Location header, for a redirect
}

// tokenEndpoint starts a token endpoint that answers every request with a,
// and returns its URL.
func tokenEndpoint(t *testing.T, a tokenAnswer) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		if a.ctype != "" {
			w.Header().Set("Content-Type", a.ctype)
		}
		if a.location != "" {
			w.Header().Set("Location", a.location)
		}
		w.WriteHeader(a.status)
		io.WriteString(w, a.body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/oauth/client-credentials"
}

// cliToken is an access token no output may contain, in any encoding.
const cliToken = "tok-CLI/8x+Qr=&k<y>~Zw3"

// tokenForms returns the encodings of v to look for in output.
func tokenForms(v string) map[string]string {
	j, _ := json.Marshal(v)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
	plain := strings.TrimSpace(b.String())
	return map[string]string{
		"raw":                   v,
		"JSON":                  string(j[1 : len(j)-1]),
		"JSON no HTML escaping": plain[1 : len(plain)-1],
		"base64 std":            base64.RawStdEncoding.EncodeToString([]byte(v)),
		"base64 url":            base64.RawURLEncoding.EncodeToString([]byte(v)),
		"query":                 url.QueryEscape(v),
		"path":                  url.PathEscape(v),
	}
}

// TestTokenNeverPrinted points the tool at token endpoints that refuse the
// request or answer something that is not a token, most of them holding a
// token: each is exit 3, an error line naming the problem, and no token or
// secret printed in any encoding, debug log included.
func TestTokenNeverPrinted(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		answer   tokenAnswer
		args     []string
		code     int
		contains []string
	}{
		{"invalid_request", tokenAnswer{status: 400, ctype: "application/json", body: `{"error":"invalid_request"}`},
			[]string{"orders", "list", "--retries", "0"}, exitAuth, []string{"invalid_request"}},
		{"403 HTML", tokenAnswer{status: 403, ctype: "text/html", body: "<html><h1>Forbidden</h1></html>"},
			[]string{"seller", "--retries", "0"}, exitAuth, []string{"HTTP 403"}},
		{"404", tokenAnswer{status: 404, ctype: "text/plain", body: "404 page not found"},
			[]string{"seller", "--retries", "0"}, exitAuth, []string{"HTTP 404", "SELLERCENTER_TOKEN_URL"}},
		{"malformed 200", tokenAnswer{status: 200, ctype: "application/json", body: `{"access_token":"` + cliToken + `","expires_in":3600,}`},
			[]string{"seller", "--retries", "0"}, exitAuth, []string{"HTTP 200", "malformed JSON"}},
		{"malformed 200 on a write", tokenAnswer{status: 200, ctype: "application/json", body: `{"access_token":"` + cliToken + `","expires_in":3600,}`},
			[]string{"orders", "ship", "5011", "--debug", "--retries", "0"}, exitAuth, []string{"malformed JSON"}},
		// The default retries: each attempt is logged and fetches again.
		{"malformed 200 with the debug log", tokenAnswer{status: 200, ctype: "application/json", body: `{"access_token":"` + cliToken + `","expires_in":3600,}`},
			[]string{"seller", "--debug", "-o", "json"}, exitAuth, []string{"malformed JSON"}},
		{"token under another key", tokenAnswer{status: 200, ctype: "application/json", body: `{"token":"` + cliToken + `","expires_in":3600}`},
			[]string{"seller", "--retries", "0"}, exitAuth, []string{"no access_token"}},
		{"HTML 200", tokenAnswer{status: 200, ctype: "text/html", body: "<html>" + cliToken + "</html>"},
			[]string{"seller", "--retries", "0"}, exitAuth, []string{"HTML"}},
	}
	forms := tokenForms(cliToken)
	for k, v := range tokenForms(secret) {
		forms["secret "+k] = v
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newMock(t, sellercentertest.Config{ClientSecret: secret})
			env := with(envFor(srv), "SELLERCENTER_TOKEN_URL", tokenEndpoint(t, tt.answer))
			res := runTool(t, invocation{env: env}, tt.args...)
			for form, v := range forms {
				if strings.Contains(res.stdout, v) || strings.Contains(res.stderr, v) {
					t.Errorf("sellercenter %s printed the %s", strings.Join(tt.args, " "), form)
				}
			}
			wantCode(t, tt.args, res, tt.code)
			lines := strings.Split(strings.TrimSuffix(res.stderr, "\n"), "\n")
			last := lines[len(lines)-1]
			if !strings.HasPrefix(last, "sellercenter: ") || res.stdout != "" {
				t.Errorf("sellercenter %s = stdout %q, stderr %q, want nothing on stdout and an error line on stderr", strings.Join(tt.args, " "), res.stdout, res.stderr)
			}
			for _, s := range tt.contains {
				if !strings.Contains(last, s) {
					t.Errorf("sellercenter %s error line = %q, want it to mention %q", strings.Join(tt.args, " "), last, s)
				}
			}
			if n := srv.Count("setOrderItemsShipped"); n != 0 {
				t.Errorf("sellercenter %s sent %d writes without a token, want 0", strings.Join(tt.args, " "), n)
			}
		})
	}
}

// resettingAPI is an API whose write path reads the whole request and then
// drops the connection without answering, as a proxy that crashes would:
// the write may have been applied. Its token endpoint works.
func resettingAPI(t *testing.T) map[string]string {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/client-credentials", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"access_token":"tok-reset","token_type":"Bearer","expires_in":3600}`)
	})
	mux.HandleFunc("POST /api/v2/orders/statuses/set-to-shipped", func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Errorf("Hijack() = %v", err)
			return
		}
		if tc, ok := conn.(*net.TCPConn); ok {
			tc.SetLinger(0) // a reset, not a clean close
		}
		conn.Close()
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("unexpected request %s %s", r.Method, r.URL.Path)
		http.NotFound(w, r)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return map[string]string{
		"SELLERCENTER_BASE_URL":      srv.URL + "/api",
		"SELLERCENTER_TOKEN_URL":     srv.URL + "/oauth/client-credentials",
		"SELLERCENTER_CLIENT_ID":     "app-id",
		"SELLERCENTER_CLIENT_SECRET": secret,
	}
}

// TestWriteOutcomeUnknown checks exit 5: a write whose answer was lost, or
// that the API answered with a 5xx other than 503, may have been applied.
func TestWriteOutcomeUnknown(t *testing.T) {
	t.Parallel()
	res := runTool(t, invocation{env: resettingAPI(t)}, "orders", "ship", "5011", "--retries", "0")
	wantCode(t, []string{"orders", "ship", "5011"}, res, exitOutcomeUnknown)
	if n := strings.Count(res.stderr, "\n"); n != 1 || !strings.Contains(res.stderr, "may have been made") || !strings.Contains(res.stderr, "POST /api/v2/orders/statuses/set-to-shipped") {
		t.Errorf("sellercenter orders ship on a reset connection: stderr = %q, want one line saying the change may have been made", res.stderr)
	}
}

// TestTokenErrorExitCodes classifies real authn errors, fetched from fake
// token endpoints without retries, as the client wraps them.
func TestTokenErrorExitCodes(t *testing.T) {
	t.Parallel()
	tokenErr := func(t *testing.T, a tokenAnswer, tokenURL string) error {
		t.Helper()
		if tokenURL == "" {
			tokenURL = tokenEndpoint(t, a)
		}
		// The timeout bounds the whole fetch: 200 ms leaves no room for
		// the 250 ms backoff, so a transient failure comes back at once,
		// and is enough for one answer of a local server on a loaded
		// machine (50 ms was not, now and then).
		ts, err := authn.New(authn.Config{ClientID: "id", ClientSecret: secret, TokenURL: tokenURL,
			HTTPClient: &http.Client{Timeout: 200 * time.Millisecond}})
		if err != nil {
			t.Fatal(err)
		}
		_, err = ts.Token(context.Background())
		if err == nil {
			t.Fatal("Token() = nil error")
		}
		// As the client reports it: inside the API call's *url.Error.
		return &url.Error{Op: "Get", URL: "https://api.example/v2/seller", Err: fmt.Errorf("sellercenter: getting an access token: %w", err)}
	}
	closed := func(t *testing.T) string {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		return "http://" + l.Addr().String() + "/oauth"
	}
	tests := []struct {
		name string
		err  func(t *testing.T) error
		want int
	}{
		{"invalid_client", func(t *testing.T) error {
			return tokenErr(t, tokenAnswer{status: 401, ctype: "application/json", body: `{"error":"invalid_client"}`}, "")
		}, exitAuth},
		{"invalid_grant", func(t *testing.T) error {
			return tokenErr(t, tokenAnswer{status: 400, ctype: "application/json", body: `{"error":"invalid_grant"}`}, "")
		}, exitAuth},
		{"invalid_app_id", func(t *testing.T) error {
			return tokenErr(t, tokenAnswer{status: 400, ctype: "application/json", body: `{"error":"invalid_app_id"}`}, "")
		}, exitAuth},
		{"400 without body", func(t *testing.T) error { return tokenErr(t, tokenAnswer{status: 400}, "") }, exitAuth},
		{"redirect", func(t *testing.T) error {
			return tokenErr(t, tokenAnswer{status: 308, location: "https://elsewhere.example/oauth"}, "")
		}, exitAuth},
		{"malformed 200", func(t *testing.T) error {
			return tokenErr(t, tokenAnswer{status: 200, ctype: "application/json", body: `{"access_token":"x",}`}, "")
		}, exitAuth},
		{"unreachable", func(t *testing.T) error { return tokenErr(t, tokenAnswer{}, closed(t)) }, exitUnavailable},
		{"503", func(t *testing.T) error { return tokenErr(t, tokenAnswer{status: 503}, "") }, exitUnavailable},
		{"write with a token refusal", func(t *testing.T) error {
			return &writeError{err: tokenErr(t, tokenAnswer{status: 400, ctype: "application/json", body: `{"error":"invalid_grant"}`}, "")}
		}, exitAuth},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.err(t)
			if got := exitCode(err); got != tt.want {
				t.Errorf("exitCode(%v) = %d, want %d", err, got, tt.want)
			}
		})
	}
}
