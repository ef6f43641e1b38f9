package sellercentertest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter/authn"
)

func TestCheckSignature(t *testing.T) {
	t.Parallel()
	const secret = "app-secret"
	now := time.Unix(1_700_000_000, 0)
	body := `{"sellerId":1,"value":"12.50"}`
	// sign returns a request to /api/v2/finance/transaction signed by
	// authn.Signer at time at with nonce, then changed by edit.
	sign := func(t *testing.T, at time.Time, nonce string, edit func(*http.Request)) *http.Request {
		t.Helper()
		r := httptest.NewRequestWithContext(context.Background(), http.MethodPost, "/api/v2/finance/transaction?x=a+b", strings.NewReader(body))
		s := authn.Signer{Secret: secret, Now: func() time.Time { return at }, Nonce: func() (string, error) { return nonce, nil }}
		if err := s.Edit(r.Context(), r); err != nil {
			t.Fatal(err)
		}
		if edit != nil {
			edit(r)
		}
		return r
	}
	tests := []struct {
		name       string
		req        func(t *testing.T) *http.Request
		wantDetail string // "" means accepted
	}{
		{name: "valid", req: func(t *testing.T) *http.Request { return sign(t, now, "n-valid", nil) }},
		{name: "at the edge of the window", req: func(t *testing.T) *http.Request { return sign(t, now.Add(-SignatureWindow), "n-edge", nil) }},
		{name: "unsigned", req: func(t *testing.T) *http.Request {
			return httptest.NewRequestWithContext(context.Background(), http.MethodPost, "/api/v2/finance/transaction", strings.NewReader(body))
		}, wantDetail: "X-Timestamp is missing"},
		{name: "stale", req: func(t *testing.T) *http.Request {
			return sign(t, now.Add(-SignatureWindow-time.Second), "n-stale", nil)
		}, wantDetail: "from the server's clock"},
		{name: "from the future", req: func(t *testing.T) *http.Request {
			return sign(t, now.Add(SignatureWindow+time.Second), "n-future", nil)
		}, wantDetail: "from the server's clock"},
		{name: "other algorithm", req: func(t *testing.T) *http.Request {
			return sign(t, now, "n-alg", func(r *http.Request) { r.Header.Set(authn.HeaderSignatureAlgorithm, "HMAC-SHA1") })
		}, wantDetail: "is not HMAC-SHA256"},
		{name: "body changed", req: func(t *testing.T) *http.Request {
			return sign(t, now, "n-body", func(r *http.Request) { r.Body = http.NoBody })
		}, wantDetail: "does not match"},
		{name: "wrong secret", req: func(t *testing.T) *http.Request {
			r := sign(t, now, "n-secret", nil)
			r.Header.Set(authn.HeaderSignature, authn.Sign("other", r.Method, r.URL.RequestURI(), r.Header.Get(authn.HeaderTimestamp), "n-secret", ""))
			return r
		}, wantDetail: "does not match"},
		{name: "timestamp not a number", req: func(t *testing.T) *http.Request {
			return sign(t, now, "n-ts", func(r *http.Request) { r.Header.Set(authn.HeaderTimestamp, "soon") })
		}, wantDetail: "not Unix seconds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := &Server{ClientSecret: secret, now: func() time.Time { return now }}
			rec := httptest.NewRecorder()
			ok := s.checkSignature(rec, tt.req(t))
			if ok != (tt.wantDetail == "") {
				t.Fatalf("checkSignature = %t (%d %s), want %t", ok, rec.Code, rec.Body, tt.wantDetail == "")
			}
			if ok {
				return
			}
			var p struct {
				Status int    `json:"status"`
				Detail string `json:"detail"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || rec.Code != http.StatusForbidden || p.Status != 403 || !strings.Contains(p.Detail, tt.wantDetail) {
				t.Errorf("refusal = %d %s, want a 403 problem whose detail has %q", rec.Code, rec.Body, tt.wantDetail)
			}
		})
	}
}

func TestCheckSignatureNonceOnce(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_700_000_000, 0)
	s := &Server{ClientSecret: "app-secret", now: func() time.Time { return now }}
	send := func(nonce string) int {
		r := httptest.NewRequestWithContext(context.Background(), http.MethodPost, "/api/v2/finance/transaction", strings.NewReader(`{}`))
		sg := authn.Signer{Secret: s.ClientSecret, Now: s.now, Nonce: func() (string, error) { return nonce, nil }}
		if err := sg.Edit(r.Context(), r); err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		if s.checkSignature(rec, r) {
			return http.StatusOK
		}
		return rec.Code
	}
	for i, tc := range []struct {
		nonce string
		want  int
	}{{"a", 200}, {"b", 200}, {"a", 403}, {"a", 403}} {
		if got := send(tc.nonce); got != tc.want {
			t.Errorf("request %d with nonce %s = %d, want %d", i+1, tc.nonce, got, tc.want)
		}
	}
	// Once the first use left the window, the nonce is forgotten; a request
	// still carrying its timestamp is refused as stale instead.
	now = now.Add(SignatureWindow + time.Second)
	if got := send("a"); got != 200 {
		t.Errorf("nonce a at a new time = %d, want 200", got)
	}
	if n := len(s.nonces.seen); n != 1 {
		t.Errorf("nonces remembered = %d (%v), want 1: the others left the window", n, s.nonces.seen)
	}
}
