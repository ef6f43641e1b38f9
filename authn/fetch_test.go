package authn

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/oauth2"
)

func TestRejectedCredentials(t *testing.T) {
	t.Parallel()
	basic := base64.StdEncoding.EncodeToString([]byte(testClientID + ":" + testSecret))
	tests := []struct {
		name       string
		status     int
		ctype      string
		body       string
		wantStatus int
		wantCode   string
		wantDesc   string
		wantClass  error
	}{
		{
			name: "invalid_client", status: 401, ctype: "application/json",
			body:       `{"error":"invalid_client","error_description":"Client authentication failed"}`,
			wantStatus: 401, wantCode: "invalid_client", wantDesc: "Client authentication failed", wantClass: ErrInvalidClient,
		},
		{
			name: "invalid_client labelled text/plain", status: 401, ctype: "text/plain; charset=utf-8",
			body:       `{"error":"invalid_client","error_description":"Client authentication failed"}`,
			wantStatus: 401, wantCode: "invalid_client", wantDesc: "Client authentication failed", wantClass: ErrInvalidClient,
		},
		{
			name: "invalid_client as 400", status: 400, ctype: "application/json",
			body:       `{"error":"invalid_client"}`,
			wantStatus: 400, wantCode: "invalid_client", wantClass: ErrInvalidClient,
		},
		{
			name: "unsupported_grant_type", status: 400, ctype: "application/json",
			body:       `{"error":"unsupported_grant_type","error_description":"grant not enabled"}`,
			wantStatus: 400, wantCode: "unsupported_grant_type", wantDesc: "grant not enabled", wantClass: ErrRejected,
		},
		{
			name: "invalid_app_id", status: 400, ctype: "application/json",
			body:       `{"error":"invalid_app_id","error_description":"Invalid App ID"}`,
			wantStatus: 400, wantCode: "invalid_app_id", wantDesc: "Invalid App ID", wantClass: ErrInvalidClient,
		},
		{
			name: "invalid_grant", status: 400, ctype: "application/json",
			body:       `{"error":"invalid_grant"}`,
			wantStatus: 400, wantCode: "invalid_grant", wantClass: ErrRejected,
		},
		{
			name: "plain 401", status: 401, ctype: "text/plain",
			body:       "Unauthorized",
			wantStatus: 401, wantClass: ErrInvalidClient,
		},
		{
			name: "description echoes the secret", status: 401, ctype: "application/json",
			body:       `{"error":"invalid_client","error_description":"secret ` + testSecret + ` is wrong"}`,
			wantStatus: 401, wantCode: "invalid_client", wantDesc: "secret [REDACTED] is wrong", wantClass: ErrInvalidClient,
		},
		{
			name: "HTML page echoes the request", status: 403, ctype: "text/html",
			body: "<html><body>Forbidden. Authorization: Basic " + basic + " client_secret=" +
				url.QueryEscape(testSecret) + "</body></html>",
			wantStatus: 403, wantClass: ErrRejected,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newTestEnv(t, answer(tt.status, tt.ctype, tt.body), nil)
			tok, err := e.ts.Token(context.Background())
			if tok != "" || err == nil {
				t.Fatalf("Token() = %q, %v, want an error", tok, err)
			}
			var ae *Error
			if !errors.As(err, &ae) {
				t.Fatalf("Token() error = %T %v, want *Error", err, err)
			}
			if ae.StatusCode != tt.wantStatus || ae.Code != tt.wantCode || ae.Description != tt.wantDesc {
				t.Errorf("Token() error = {%d %q %q}, want {%d %q %q}",
					ae.StatusCode, ae.Code, ae.Description, tt.wantStatus, tt.wantCode, tt.wantDesc)
			}
			for _, class := range []error{ErrInvalidClient, ErrRejected, ErrUnavailable, ErrBadResponse} {
				want := class == tt.wantClass || class == ErrRejected && tt.wantClass == ErrInvalidClient
				if got := errors.Is(err, class); got != want {
					t.Errorf("errors.Is(Token() error, %v) = %v, want %v", class, got, want)
				}
			}
			var re *oauth2.RetrieveError
			if !errors.As(err, &re) || re.Response == nil || re.Response.StatusCode != tt.wantStatus {
				t.Errorf("errors.As(Token() error, *oauth2.RetrieveError) = %v, want one with status %d", re, tt.wantStatus)
			}
			if !strings.HasPrefix(err.Error(), "authn: ") {
				t.Errorf("Token() error = %q, want prefix %q", err, "authn: ")
			}
			if tt.wantCode != "" && !strings.Contains(err.Error(), tt.wantCode) {
				t.Errorf("Token() error = %q, want it to contain %q", err, tt.wantCode)
			}
			if tt.wantCode == "" && ae.Body == "" {
				t.Errorf("Token() error Body is empty, want a snippet of the %s body", tt.ctype)
			}
			if n := e.srv.requests.Load(); n != 1 || ae.Attempts != 1 || len(e.sleep.Waits()) != 0 {
				t.Errorf("4xx: requests, attempts, sleeps = %d, %d, %v, want 1, 1, none", n, ae.Attempts, e.sleep.Waits())
			}
			assertNoLeak(t, err, testSecret, url.QueryEscape(testSecret), basic)
		})
	}
}

func TestRetries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		statuses     []int // answers in order; the last one repeats; 200 is a token
		wantToken    string
		wantRequests int64
		wantSleeps   int
	}{
		{"500 500 200", []int{500, 500, 200}, "tok-3", 3, 2},
		{"502 200", []int{502, 200}, "tok-2", 2, 1},
		{"500 forever", []int{500}, "", 3, 2},
		{"503 HTML forever", []int{503}, "", 3, 2},
		{"400 once", []int{400, 200}, "", 1, 0},
		{"429 200", []int{429, 200}, "tok-2", 2, 1},
		{"408 200", []int{408, 200}, "tok-2", 2, 1},
		{"429 forever", []int{429}, "", 3, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newTestEnv(t, func(w http.ResponseWriter, r *http.Request, n int64) {
				status := tt.statuses[min(int(n), len(tt.statuses))-1]
				switch {
				case status == 200:
					writeToken(w, fmt.Sprintf("tok-%d", n), 3600)
				case status == 503:
					w.Header().Set("Content-Type", "text/html")
					w.WriteHeader(status)
					fmt.Fprint(w, "<html><h1>Service Unavailable</h1></html>")
				default:
					w.WriteHeader(status)
				}
			}, nil)
			tok, err := e.ts.Token(context.Background())
			if tok != tt.wantToken || (err == nil) != (tt.wantToken != "") {
				t.Fatalf("Token() = %q, %v, want %q", tok, err, tt.wantToken)
			}
			if n := e.srv.requests.Load(); n != tt.wantRequests {
				t.Errorf("token requests = %d, want %d", n, tt.wantRequests)
			}
			waits := e.sleep.Waits()
			if len(waits) != tt.wantSleeps {
				t.Errorf("backoff sleeps = %v, want %d", waits, tt.wantSleeps)
			}
			for i, d := range waits {
				if lo, hi := baseBackoff<<i/2, baseBackoff<<i; d < lo || d > hi {
					t.Errorf("backoff sleep %d = %v, want within [%v, %v]", i, d, lo, hi)
				}
			}
			if err == nil {
				return
			}
			var ae *Error
			if !errors.As(err, &ae) || ae.Attempts != int(tt.wantRequests) {
				t.Fatalf("Token() error = %#v, want *Error with Attempts %d", err, tt.wantRequests)
			}
			if last := tt.statuses[len(tt.statuses)-1]; last >= 500 || last == 429 {
				if !errors.Is(err, ErrUnavailable) || ae.StatusCode != last {
					t.Errorf("Token() error = %v (status %d), want ErrUnavailable with status %d", err, ae.StatusCode, last)
				}
				if want := fmt.Sprintf("after %d attempts", tt.wantRequests); !strings.Contains(err.Error(), want) {
					t.Errorf("Token() error = %q, want it to contain %q", err, want)
				}
			}
		})
	}
}

func TestNetworkErrorsRetried(t *testing.T) {
	t.Parallel()
	var calls int
	e := newTestEnv(t, numberedTokens(3600), func(c *Config) {
		c.HTTPClient = &http.Client{Timeout: 5 * time.Second, Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
			calls++ // fetch attempts run one after another
			return nil, errors.New("connection refused (test)")
		})}
	})
	_, err := e.ts.Token(context.Background())
	var ae *Error
	if !errors.As(err, &ae) || !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Token() = %v, want *Error of class ErrUnavailable", err)
	}
	var ue *url.Error
	if !errors.As(err, &ue) {
		t.Errorf("errors.As(Token() error, *url.Error) = false, want true")
	}
	if calls != 3 || ae.Attempts != 3 || ae.StatusCode != 0 || len(e.sleep.Waits()) != 2 {
		t.Errorf("network errors: calls, attempts, status, sleeps = %d, %d, %d, %v, want 3, 3, 0, 2 sleeps",
			calls, ae.Attempts, ae.StatusCode, e.sleep.Waits())
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "authn: token request failed after 3 attempts") || !strings.Contains(msg, "connection refused (test)") {
		t.Errorf("Token() error = %q, want the attempts and the cause", msg)
	}
}

func TestBadTokenResponses(t *testing.T) {
	t.Parallel()
	const leaked = "tok-should-not-leak"
	tests := []struct {
		name      string
		ctype     string
		body      string
		wantClass error
		wantMsg   string
	}{
		{"malformed JSON", "application/json", `{"access_token": "abc"`, ErrBadResponse, "malformed JSON"},
		{"HTML page", "text/html; charset=utf-8", "<!DOCTYPE html><html><body>Login</body></html>", ErrBadResponse, "not JSON"},
		{"HTML page labelled JSON", "application/json", "<html>oops</html>", ErrBadResponse, "not JSON"},
		{"empty body", "application/json", "", ErrBadResponse, "empty response body"},
		{"missing access_token", "application/json", `{"token_type":"Bearer","expires_in":3600}`, ErrBadResponse, "no access_token"},
		{"empty access_token", "application/json", `{"access_token":"","expires_in":3600}`, ErrBadResponse, "no access_token"},
		{"access_token not a string", "application/json", `{"access_token":12345}`, ErrBadResponse, "no access_token"},
		{"JSON array", "application/json", `[1,2]`, ErrBadResponse, "malformed JSON"},
		{"expires_in not numeric", "application/json", `{"access_token":"` + leaked + `","expires_in":"soon"}`, ErrBadResponse, "expires_in is a string that is not a number"},
		{"expires_in fractional", "application/json", `{"access_token":"` + leaked + `","expires_in":36.5}`, ErrBadResponse, "expires_in is not a whole number"},
		{"expires_in negative", "application/json", `{"access_token":"` + leaked + `","expires_in":-5}`, ErrBadResponse, "expires_in is negative"},
		{"token_type mac", "application/json", `{"access_token":"` + leaked + `","token_type":"mac"}`, ErrBadResponse, `unsupported token_type "mac", want Bearer`},
		{"token_type unknown", "application/json", `{"access_token":"` + leaked + `","token_type":"` + leaked + `"}`, ErrBadResponse, "unsupported token_type, want Bearer"},
		{"malformed JSON says what it got", "application/json; charset=utf-8", `{"access_token":"` + leaked + `",}`, ErrBadResponse,
			`malformed JSON (Content-Type "application/json; charset=utf-8", 39 bytes)`},
		{"form body without a token", "application/x-www-form-urlencoded", "token_type=bearer", ErrBadResponse, "form-encoded response has no access_token"},
		{"token with newline", "application/json", `{"access_token":"` + leaked + `\nX-Evil: 1"}`, ErrBadResponse, "characters not allowed"},
		{"OAuth error with 200", "application/json", `{"error":"invalid_client","access_token":"` + leaked + `"}`, ErrInvalidClient, "invalid_client"},
		{"text/plain without a token", "text/plain", `{"token_type":"Bearer"}`, ErrBadResponse, "no access_token"},
		{"text/plain OAuth error with 200", "text/plain", `{"error":"invalid_client","access_token":"` + leaked + `"}`, ErrInvalidClient, "invalid_client"},
		{"text/plain OAuth error code with 200", "text/plain", `{"error":"temporarily_unavailable"}`, ErrBadResponse, "temporarily_unavailable"},
		{"OAuth error code with 200", "application/json", `{"error":"server_error"}`, ErrBadResponse, "OAuth error in a success response"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newTestEnv(t, answer(http.StatusOK, tt.ctype, tt.body), nil)
			tok, err := e.ts.Token(context.Background())
			if tok != "" || err == nil {
				t.Fatalf("Token() = %q, %v, want an error", tok, err)
			}
			var ae *Error
			if !errors.As(err, &ae) || !errors.Is(err, tt.wantClass) {
				t.Fatalf("Token() error = %v, want *Error of class %v", err, tt.wantClass)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "authn: ") || !strings.Contains(msg, tt.wantMsg) || !strings.Contains(msg, "HTTP 200") {
				t.Errorf("Token() error = %q, want prefix %q, HTTP 200 and %q", msg, "authn: ", tt.wantMsg)
			}
			if n := e.srv.requests.Load(); n != 1 {
				t.Errorf("token requests = %d, want 1 (a bad 2xx body is not retried)", n)
			}
			assertNoLeak(t, err, leaked, testSecret)
		})
	}
}

func TestExpiresInForms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		ctype string
		body  string
		want  time.Duration
	}{
		{"number", "application/json", `{"access_token":"a","token_type":"Bearer","expires_in":7200}`, 7200 * time.Second},
		{"numeric string", "application/json", `{"access_token":"a","token_type":"Bearer","expires_in":"1800"}`, 1800 * time.Second},
		{"absent", "application/json", `{"access_token":"a","token_type":"Bearer"}`, 3600 * time.Second},
		{"null", "application/json", `{"access_token":"a","expires_in":null}`, 3600 * time.Second},
		{"zero", "application/json", `{"access_token":"a","expires_in":0}`, 3600 * time.Second},
		{"lower-case bearer", "application/json", `{"access_token":"a","token_type":"bearer","expires_in":60}`, 60 * time.Second},
		{"form encoded", "application/x-www-form-urlencoded", `access_token=a&token_type=bearer&expires_in=900`, 900 * time.Second},
		{"JSON labelled text/plain", "text/plain; charset=utf-8", `{"access_token":"a","token_type":"Bearer","expires_in":"600"}`, 600 * time.Second},
		{"JSON labelled form", "application/x-www-form-urlencoded", `{"access_token":"a","expires_in":120}`, 120 * time.Second},
		{"form encoded without expires_in", "text/plain", `access_token=a&token_type=bearer`, 3600 * time.Second},
		{"huge", "application/json", `{"access_token":"a","expires_in":99999999999}`, maxExpiresIn * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newTestEnv(t, answer(http.StatusOK, tt.ctype, tt.body), nil)
			start := e.clock.Now()
			if tok, err := e.ts.Token(context.Background()); err != nil || tok != "a" {
				t.Fatalf("Token() = %q, %v, want %q, nil", tok, err, "a")
			}
			c := e.ts.cur.Load()
			if got := c.expiry.Sub(start); got != tt.want {
				t.Errorf("token lifetime for %s = %v, want %v", tt.body, got, tt.want)
			}
			if c.header != "Bearer a" {
				t.Errorf("cached header = %q, want %q", c.header, "Bearer a")
			}
		})
	}
}

func TestFailedEarlyRefreshKeepsValidToken(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, func(w http.ResponseWriter, r *http.Request, n int64) {
		if n == 1 {
			writeToken(w, "tok-1", 100)
			return
		}
		w.WriteHeader(http.StatusInternalServerError)
	}, func(c *Config) { c.EarlyRefresh = 10 * time.Second })
	ctx := context.Background()
	token := func(step, want string, wantRequests int64) {
		t.Helper()
		tok, err := e.ts.Token(ctx)
		if err != nil || tok != want {
			t.Fatalf("%s: Token() = %q, %v, want %q, nil", step, tok, err, want)
		}
		waitIdle(e.ts)
		if n := e.srv.requests.Load(); n != wantRequests {
			t.Fatalf("%s: token requests = %d, want %d", step, n, wantRequests)
		}
	}
	token("first", "tok-1", 1)
	e.clock.Advance(95 * time.Second) // due for refresh, still valid
	token("refresh fails in the background", "tok-1", 4)
	e.clock.Advance(3 * time.Second)
	token("within the cooldown", "tok-1", 4)

	e.clock.Advance(2500 * time.Millisecond) // expired
	_, err := e.ts.Token(ctx)
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Token() after expiry with a failing endpoint = %v, want ErrUnavailable", err)
	}
	if n := e.srv.requests.Load(); n != 7 {
		t.Errorf("token requests = %d, want 7", n)
	}
}

func TestErrorMessage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{StatusCode: 401, Code: "invalid_client", Description: "bad", Attempts: 1},
			`authn: token request failed: HTTP 401 Unauthorized: invalid_client ("bad")`},
		{&Error{StatusCode: 400, Code: "evil\ncode", Attempts: 1},
			`authn: token request failed: HTTP 400 Bad Request: "evil code"`},
		{&Error{StatusCode: 400, Code: "x\x1b[2J", Description: "line\r\nFAKE: 1\u202e", Attempts: 1},
			`authn: token request failed: HTTP 400 Bad Request: "x\x1b[2J" ("line FAKE: 1\u202e")`},
		{&Error{StatusCode: 502, Body: strings.Repeat("x", 300), Attempts: 3},
			`authn: token request failed after 3 attempts: HTTP 502 Bad Gateway: body "` + strings.Repeat("x", 120) + `…"`},
		{&Error{StatusCode: 403, Body: "<h1>\x07No\x1b]0;title\x07</h1>", Attempts: 1},
			`authn: token request failed: HTTP 403 Forbidden: body "<h1>\aNo\x1b]0;title\a</h1>"`},
		{&Error{Err: errors.New("dial\nfailed\x1b"), Attempts: 1},
			`authn: token request failed: dial failed\x1b`},
		{&Error{Err: errors.New("dial failed"), Attempts: 2},
			`authn: token request failed after 2 attempts: dial failed`},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("(%#v).Error() = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestTruncatedBodyRetried(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, func(w http.ResponseWriter, r *http.Request, n int64) {
		if n == 3 {
			writeToken(w, "tok-3", 3600)
			return
		}
		// Promise 100 bytes, send 10, drop the connection.
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "100")
		w.WriteHeader(http.StatusOK)
		fmt.Fprint(w, `{"access_`)
		w.(http.Flusher).Flush()
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Errorf("Hijack() = %v", err)
			return
		}
		conn.Close()
	}, nil)
	tok, err := e.ts.Token(context.Background())
	if err != nil || tok != "tok-3" {
		t.Fatalf("Token() with two cut-off answers = %q, %v, want tok-3, nil", tok, err)
	}
	if n, waits := e.srv.requests.Load(), e.sleep.Waits(); n != 3 || len(waits) != 2 {
		t.Errorf("token requests, sleeps = %d, %v, want 3, 2 sleeps", n, waits)
	}
}

// TestClassification checks which classes each kind of token endpoint
// answer matches, and how often it is asked.
func TestClassification(t *testing.T) {
	t.Parallel()
	const (
		invalidClient = 1 << iota
		rejected
		unavailable
		badResponse
	)
	classes := []struct {
		bit int
		err error
	}{{invalidClient, ErrInvalidClient}, {rejected, ErrRejected}, {unavailable, ErrUnavailable}, {badResponse, ErrBadResponse}}
	tests := []struct {
		name         string
		status       int
		ctype, body  string
		header       string // Location, for a redirect
		want         int
		wantRequests int64
	}{
		{"400 invalid_grant", 400, "application/json", `{"error":"invalid_grant"}`, "", rejected, 1},
		{"400 invalid_app_id", 400, "application/json", `{"error":"invalid_app_id","error_description":"Unknown app"}`, "", invalidClient | rejected, 1},
		{"400 invalid_request", 400, "application/json", `{"error":"invalid_request"}`, "", rejected, 1},
		{"400 without body", 400, "", "", "", rejected, 1},
		{"401 without code", 401, "text/plain", "Unauthorized", "", invalidClient | rejected, 1},
		{"401 invalid_client", 401, "application/json", `{"error":"invalid_client"}`, "", invalidClient | rejected, 1},
		{"403 HTML", 403, "text/html", "<html><h1>Forbidden</h1></html>", "", rejected, 1},
		{"404", 404, "text/plain", "404 page not found", "", rejected, 1},
		{"408", 408, "", "", "", unavailable, maxAttempts},
		{"429", 429, "application/json", `{"error":"too_many_requests"}`, "", unavailable, maxAttempts},
		{"500", 500, "", "", "", unavailable, maxAttempts},
		{"503", 503, "text/html", "<html>down</html>", "", unavailable, maxAttempts},
		{"307", 307, "", "", "https://sellercenter.example.com/oauth/client-credentials", rejected, 1},
		{"200 malformed", 200, "application/json", `{"access_token":"tok","expires_in":3600,}`, "", badResponse, 1},
		{"200 OAuth invalid_client", 200, "application/json", `{"error":"invalid_client"}`, "", invalidClient | rejected, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newTestEnv(t, func(w http.ResponseWriter, r *http.Request, _ int64) {
				if tt.ctype != "" {
					w.Header().Set("Content-Type", tt.ctype)
				}
				if tt.header != "" {
					w.Header().Set("Location", tt.header)
				}
				w.WriteHeader(tt.status)
				fmt.Fprint(w, tt.body)
			}, nil)
			_, err := e.ts.Token(context.Background())
			var ae *Error
			if !errors.As(err, &ae) || ae.StatusCode != tt.status {
				t.Fatalf("Token() error = %v, want an *Error with status %d", err, tt.status)
			}
			for _, c := range classes {
				if got, want := errors.Is(err, c.err), tt.want&c.bit != 0; got != want {
					t.Errorf("errors.Is(%q, %v) = %v, want %v", err, c.err, got, want)
				}
			}
			if n := e.srv.requests.Load(); n != tt.wantRequests || ae.Attempts != int(tt.wantRequests) {
				t.Errorf("token requests, Attempts = %d, %d, want %d", n, ae.Attempts, tt.wantRequests)
			}
		})
	}
}

// FuzzTokenResponse feeds the token handling any status, Content-Type and
// body a token endpoint could send. Whatever comes, Token returns a token
// that fits in a header or an *Error of one class, never panics, and its
// error neither holds a control character nor the secret; nor, for a 2xx
// answer, whose body may be a token, the token the body carries.
func FuzzTokenResponse(f *testing.F) {
	seeds := []struct {
		status int
		ctype  string
		body   string
	}{
		{200, "application/json", `{"access_token":"` + leakToken + `","token_type":"Bearer","expires_in":3600}`},
		{200, "application/json", `{"access_token":"` + leakToken + `","expires_in":3600,}`},
		{200, "application/json", `{"access_token":"` + leakToken},
		{200, "text/plain", `{"access_token":"` + leakToken + `"}`},
		{200, "application/x-www-form-urlencoded", "access_token=" + url.QueryEscape(leakToken) + "&expires_in=60"},
		{200, "text/html", "<html>" + leakToken + "</html>"},
		{200, "application/json", `{"error":"invalid_client","access_token":"` + leakToken + `"}`},
		{200, "application/json", `{"access_token":"a\r\nb","token_type":"mac","expires_in":-1}`},
		{400, "application/json", `{"error":"invalid_grant","error_description":"` + leakSecret + `"}`},
		{401, "", ""},
		{307, "text/html", `<a href="http://127.0.0.1:9/x?client_secret=` + url.QueryEscape(leakSecret) + `">moved</a>`},
		{500, "text/html", "<h1>\x1b[2J" + base64.StdEncoding.EncodeToString([]byte(testClientID+":"+leakSecret)) + "</h1>"},
	}
	for _, s := range seeds {
		f.Add(s.status, s.ctype, s.body)
	}
	secret := secretForms(testClientID, leakSecret)
	token := leakForms(leakToken)
	f.Fuzz(func(t *testing.T, status int, ctype, body string) {
		if status < 100 || status > 999 {
			t.Skip()
		}
		rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
			h := http.Header{"Content-Type": {ctype}}
			if status >= 300 && status < 400 {
				h.Set("Location", "http://127.0.0.1:9/elsewhere")
			}
			return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
		})
		ts, err := New(Config{
			ClientID: testClientID, ClientSecret: leakSecret, TokenURL: "https://auth.example.test/oauth/client-credentials",
			HTTPClient: &http.Client{Transport: rt}, sleep: (&fakeSleeper{}).Sleep,
		})
		if err != nil {
			t.Fatal(err)
		}
		tok, err := ts.Token(context.Background())
		if err == nil {
			if !validTokenChars(tok) {
				t.Fatalf("Token() = %q, which cannot go in a header", tok)
			}
			return
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("Token() error %T %v, want an *Error", err, err)
		}
		classes := 0
		for _, c := range []error{ErrRejected, ErrUnavailable, ErrBadResponse} {
			if errors.Is(err, c) {
				classes++
			}
		}
		if classes != 1 {
			t.Errorf("error %v has %d of the classes ErrRejected, ErrUnavailable, ErrBadResponse, want 1", err, classes)
		}
		texts := []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err), e.Body, e.Code, e.Description}
		if strings.IndexFunc(err.Error(), unicode.IsControl) >= 0 {
			t.Errorf("Error() = %q holds a control character", err)
		}
		for _, text := range texts {
			for name, form := range secret {
				if strings.Contains(text, form) {
					t.Fatalf("the secret (%s) is in %q", name, text)
				}
			}
			if status < 200 || status > 299 {
				continue
			}
			for name, form := range token {
				if strings.Contains(text, form) {
					t.Fatalf("the token of a %d body (%s) is in %q", status, name, text)
				}
			}
		}
	})
}
