package sellercentertest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter/gen"
)

// newServer starts a seeded server whose spec violations fail t.
func newServer(t *testing.T, cfg Config) *Server {
	t.Helper()
	if cfg.OnViolation == nil {
		cfg.OnViolation = func(err error) { t.Errorf("the fake broke the OpenAPI document: %v", err) }
	}
	s, err := NewServer(cfg)
	if err != nil {
		t.Fatalf("NewServer(%+v) = %v, want a server", cfg, err)
	}
	t.Cleanup(s.Close)
	return s
}

// fakeClock is a settable Config.Now.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock {
	return &fakeClock{t: time.Date(2024, time.October, 8, 9, 0, 0, 0, time.UTC)}
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

// tokenRequest posts a token request with Basic credentials id:secret (none
// when both are empty) and form body.
func tokenRequest(t *testing.T, s *Server, id, secret string, form url.Values) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.TokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if id != "" || secret != "" {
		req.SetBasicAuth(id, secret)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", s.TokenURL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the token response: %v", err)
	}
	return resp, body
}

// token fetches an access token with a plain form POST.
func token(t *testing.T, s *Server) string {
	t.Helper()
	resp, body := tokenRequest(t, s, s.ClientID, s.ClientSecret, url.Values{"grant_type": {"client_credentials"}})
	var tr struct {
		AccessToken string `json:"access_token"`
	}
	if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &tr) != nil || tr.AccessToken == "" {
		t.Fatalf("token request = %d %s, want 200 with an access_token", resp.StatusCode, body)
	}
	return tr.AccessToken
}

func bearer(tok string) gen.RequestEditorFn {
	return func(_ context.Context, r *http.Request) error {
		r.Header.Set("Authorization", "Bearer "+tok)
		return nil
	}
}

// apiClient returns the generated client on s's API with a fresh token.
func apiClient(t *testing.T, s *Server) *gen.ClientWithResponses {
	t.Helper()
	c, err := gen.NewClientWithResponses(s.URL, gen.WithRequestEditorFn(bearer(token(t, s))))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// call sends a raw API request with tok (none when empty) and returns the
// status and body.
func call(t *testing.T, s *Server, tok, method, path, contentType, body string) (int, http.Header, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the body: %v", method, path, err)
	}
	return resp.StatusCode, resp.Header, b
}

func decode[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decoding %T from %s: %v", v, body, err)
	}
	return v
}

func str(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}
