package sellercentertest

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter/gen"
)

func TestTokenEndpoint(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{TokenLifetime: 90 * time.Second})
	grant := url.Values{"grant_type": {"client_credentials"}}
	tests := []struct {
		name       string
		id, secret string
		form       url.Values
		wantStatus int
		wantError  string
	}{
		{"good credentials", s.ClientID, s.ClientSecret, grant, http.StatusOK, ""},
		{"no Basic auth", "", "", grant, http.StatusUnauthorized, "invalid_client"},
		{"credentials in the body only", "", "", url.Values{"grant_type": {"client_credentials"}, "client_id": {s.ClientID}, "client_secret": {s.ClientSecret}}, http.StatusUnauthorized, "invalid_client"},
		{"wrong secret", s.ClientID, "not-the-secret", grant, http.StatusUnauthorized, "invalid_client"},
		{"wrong id", "someone-else", s.ClientSecret, grant, http.StatusUnauthorized, "invalid_client"},
		{"wrong grant type", s.ClientID, s.ClientSecret, url.Values{"grant_type": {"password"}}, http.StatusBadRequest, "unsupported_grant_type"},
		{"no grant type", s.ClientID, s.ClientSecret, url.Values{}, http.StatusBadRequest, "invalid_request"},
		{"repeated grant type", s.ClientID, s.ClientSecret, url.Values{"grant_type": {"client_credentials", "client_credentials"}}, http.StatusBadRequest, "invalid_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp, body := tokenRequest(t, s, tt.id, tt.secret, tt.form)
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("POST token (%s) = %d %s, want %d", tt.name, resp.StatusCode, body, tt.wantStatus)
			}
			if got := resp.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control = %q, want no-store", got)
			}
			if bytes.Contains(body, []byte(s.ClientSecret)) {
				t.Errorf("the token response repeats the client secret: %s", body)
			}
			if tt.wantError != "" {
				e := decode[tokenError](t, body)
				if e.Error != tt.wantError || e.Description == "" {
					t.Errorf("error body = %+v, want error %q with a description", e, tt.wantError)
				}
				if tt.wantStatus == http.StatusUnauthorized && !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Basic") {
					t.Errorf("WWW-Authenticate = %q, want a Basic challenge", resp.Header.Get("WWW-Authenticate"))
				}
				return
			}
			tr := decode[tokenResponse](t, body)
			if tr.TokenType != "Bearer" || tr.ExpiresIn != 90 || !strings.HasPrefix(tr.AccessToken, "mock_") {
				t.Errorf("token = %+v, want a Bearer token for 90 s", tr)
			}
		})
	}
}

func TestTokenEndpointFormats(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	post := func(contentType string, body []byte, method string) *http.Response {
		req, err := http.NewRequest(method, s.TokenURL, bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", contentType)
		req.SetBasicAuth(s.ClientID, s.ClientSecret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	var mp bytes.Buffer
	w := multipart.NewWriter(&mp)
	if err := w.WriteField("grant_type", "client_credentials"); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if got := post(w.FormDataContentType(), mp.Bytes(), http.MethodPost); got.StatusCode != http.StatusOK {
		t.Errorf("multipart token request = %d, want 200 (the vendor's curl example sends a multipart form)", got.StatusCode)
	}
	if got := post("application/json", []byte(`{"grant_type":"client_credentials"}`), http.MethodPost); got.StatusCode != http.StatusBadRequest {
		t.Errorf("JSON token request = %d, want 400", got.StatusCode)
	}
	if got := post("application/x-www-form-urlencoded", nil, http.MethodGet); got.StatusCode != http.StatusMethodNotAllowed || got.Header.Get("Allow") != "POST" {
		t.Errorf("GET token = %d Allow %q, want 405 Allow POST", got.StatusCode, got.Header.Get("Allow"))
	}
	if got := s.Count(TokenOperation); got != 3 {
		t.Errorf("Count(%q) = %d, want 3", TokenOperation, got)
	}
}

func TestBearerToken(t *testing.T) {
	t.Parallel()
	clock := newClock()
	s := newServer(t, Config{Now: clock.Now, TokenLifetime: time.Hour, ClientID: "my-app", ClientSecret: "my-secret"})
	if s.ClientID != "my-app" || s.ClientSecret != "my-secret" {
		t.Fatalf("Server credentials = %q/%q, want the configured ones", s.ClientID, s.ClientSecret)
	}
	tok := token(t, s)
	check := func(name, tok string, wantStatus int, wantDetail string) {
		t.Helper()
		status, h, body := call(t, s, tok, http.MethodGet, "/v2/seller", "", "")
		if status != wantStatus {
			t.Fatalf("%s: GET /v2/seller = %d %s, want %d", name, status, body, wantStatus)
		}
		if wantStatus != http.StatusUnauthorized {
			return
		}
		p := decode[gen.Problem](t, body)
		if p.Status != 401 || !strings.Contains(p.Detail, wantDetail) {
			t.Errorf("%s: 401 body = %s, want a Problem saying %q", name, body, wantDetail)
		}
		if tok != "" && bytes.Contains(body, []byte(tok)) {
			t.Errorf("%s: the 401 body repeats the token", name)
		}
		if !strings.HasPrefix(h.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("%s: WWW-Authenticate = %q, want a Bearer challenge", name, h.Get("WWW-Authenticate"))
		}
	}
	check("fresh token", tok, http.StatusOK, "")
	check("no token", "", http.StatusUnauthorized, "no bearer")
	check("unknown token", "mock_forged", http.StatusUnauthorized, "unknown")

	clock.Advance(59 * time.Minute)
	check("token at 59 min", tok, http.StatusOK, "")
	clock.Advance(time.Minute)
	check("token at 60 min", tok, http.StatusUnauthorized, "expired")

	fresh := token(t, s)
	check("new token", fresh, http.StatusOK, "")
	s.ExpireTokens()
	check("token after ExpireTokens", fresh, http.StatusUnauthorized, "expired")
	check("token issued after ExpireTokens", token(t, s), http.StatusOK, "")

	// The health check needs no token.
	if status, _, body := call(t, s, "", http.MethodGet, "/v2/health", "", ""); status != http.StatusOK {
		t.Errorf("GET /v2/health without a token = %d %s, want 200", status, body)
	}
}
