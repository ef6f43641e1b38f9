package authn

import (
	"context"
	"errors"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Vectors from the API's "Request signing" documentation (checked in
// notes-platform.md).
const (
	vectorSecret = "my_key_123456789012345678901234567890123"
	vectorTS     = 1234567890
	vectorNonce  = "9b95be45f403af9c0039e08bee85f409611fa1b2"
)

func vectorSigner() *Signer {
	return &Signer{
		Secret: vectorSecret,
		Now:    func() time.Time { return time.Unix(vectorTS, 0) },
		Nonce:  func() (string, error) { return vectorNonce, nil },
	}
}

func TestSignerVectors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, method, url, body string
		wantSig                 string
		wantRequestURI          string
	}{
		{
			name:           "GET with query",
			method:         "GET",
			url:            "https://sellercenter-api.example.com/my/path?foo=bar&zzz=second%20parameter",
			wantSig:        "88810379e74af556c15fad9c8fc9fc1756b000d3915df597b69056af0f3ff004",
			wantRequestURI: "/my/path?foo=bar&zzz=second%20parameter",
		},
		{
			name:           "GET with plus-encoded spaces",
			method:         "GET",
			url:            "https://sellercenter-api.example.com/my/path?foo=bar&zzz=second+parameter",
			wantSig:        "88810379e74af556c15fad9c8fc9fc1756b000d3915df597b69056af0f3ff004",
			wantRequestURI: "/my/path?foo=bar&zzz=second%20parameter",
		},
		{
			name:           "POST with body",
			method:         "POST",
			url:            "https://sellercenter-api.example.com/my/path",
			body:           `{"foo":"bar","zzz":"second parameter"}`,
			wantSig:        "f0d36077e97b2f644d960cd60b1875c7dabfc1630d52c7538e5bd1b0012a75be",
			wantRequestURI: "/my/path",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var body io.Reader
			if tt.body != "" {
				body = strings.NewReader(tt.body)
			}
			req, err := http.NewRequest(tt.method, tt.url, body)
			if err != nil {
				t.Fatal(err)
			}
			if err := vectorSigner().Edit(context.Background(), req); err != nil {
				t.Fatalf("Signer.Edit(%s %s) = %v, want nil", tt.method, tt.url, err)
			}
			want := map[string]string{
				"X-Timestamp":           "1234567890",
				"X-Nonce":               vectorNonce,
				"X-Signature-Algorithm": "HMAC-SHA256",
				"X-Signature":           tt.wantSig,
			}
			for h, v := range want {
				if got := req.Header.Get(h); got != v {
					t.Errorf("Signer.Edit(%s %s) %s = %q, want %q", tt.method, tt.url, h, got, v)
				}
			}
			if got := req.URL.RequestURI(); got != tt.wantRequestURI {
				t.Errorf("Signer.Edit(%s %s) sends %q, want %q", tt.method, tt.url, got, tt.wantRequestURI)
			}
			// The body is still there to send, and replayable.
			if tt.body != "" {
				for i, read := range []func() (io.ReadCloser, error){
					func() (io.ReadCloser, error) { return req.Body, nil },
					req.GetBody,
					req.GetBody,
				} {
					rc, err := read()
					if err != nil {
						t.Fatalf("body read %d: %v", i, err)
					}
					got, _ := io.ReadAll(rc)
					if string(got) != tt.body {
						t.Errorf("body read %d after Signer.Edit = %q, want %q", i, got, tt.body)
					}
				}
				if req.ContentLength != int64(len(tt.body)) {
					t.Errorf("ContentLength after Signer.Edit = %d, want %d", req.ContentLength, len(tt.body))
				}
			}
		})
	}
}

func TestSignDocumentedStrings(t *testing.T) {
	t.Parallel()
	const bodyHash = "40c9aa2af101ea84a90c0eb711d502277a6ca1bff772917a8b772f0efc0b1cde"
	tests := []struct {
		method, path, bodyHash, want string
	}{
		{"GET", "/my/path?foo=bar&zzz=second%20parameter", "", "88810379e74af556c15fad9c8fc9fc1756b000d3915df597b69056af0f3ff004"},
		{"POST", "/my/path", bodyHash, "f0d36077e97b2f644d960cd60b1875c7dabfc1630d52c7538e5bd1b0012a75be"},
	}
	for _, tt := range tests {
		if got := Sign(vectorSecret, tt.method, tt.path, "1234567890", vectorNonce, tt.bodyHash); got != tt.want {
			t.Errorf("Sign(%s %s) = %s, want %s", tt.method, tt.path, got, tt.want)
		}
	}
}

func TestSignerEmptyBodyHash(t *testing.T) {
	t.Parallel()
	// An empty POST body signs like no body: body_hash is empty.
	req, _ := http.NewRequest("POST", "https://h.example/my/path", strings.NewReader(""))
	if err := vectorSigner().Edit(context.Background(), req); err != nil {
		t.Fatalf("Signer.Edit(empty POST) = %v", err)
	}
	want := Sign(vectorSecret, "POST", "/my/path", "1234567890", vectorNonce, "")
	if got := req.Header.Get(HeaderSignature); got != want {
		t.Errorf("Signer.Edit(empty POST) X-Signature = %s, want %s", got, want)
	}
}

func TestSignerDefaultNonce(t *testing.T) {
	t.Parallel()
	s := &Signer{Secret: vectorSecret}
	hex40 := regexp.MustCompile(`^[0-9a-f]{40}$`)
	seen := map[string]bool{}
	for range 20 {
		req, _ := http.NewRequest("GET", "https://h.example/v2/x", nil)
		if err := s.Edit(context.Background(), req); err != nil {
			t.Fatalf("Signer.Edit() = %v", err)
		}
		n := req.Header.Get(HeaderNonce)
		if !hex40.MatchString(n) || seen[n] {
			t.Fatalf("Signer.Edit() X-Nonce = %q (seen before: %v), want 40 fresh hex digits", n, seen[n])
		}
		seen[n] = true
		ts := req.Header.Get(HeaderTimestamp)
		if want := Sign(vectorSecret, "GET", "/v2/x", ts, n, ""); req.Header.Get(HeaderSignature) != want {
			t.Errorf("Signer.Edit() X-Signature = %s, want %s", req.Header.Get(HeaderSignature), want)
		}
	}
}

type failingBody struct{}

func (failingBody) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }
func (failingBody) Close() error             { return nil }

func TestSignerErrors(t *testing.T) {
	t.Parallel()
	get := func() *http.Request { r, _ := http.NewRequest("GET", "https://h.example/x", nil); return r }
	tests := []struct {
		name    string
		signer  *Signer
		req     *http.Request
		wantMsg string
	}{
		{"no secret", &Signer{}, get(), "Signer.Secret is empty"},
		{"nonce error", &Signer{Secret: "k", Nonce: func() (string, error) { return "", errors.New("no entropy") }}, get(), "no entropy"},
		{"empty nonce", &Signer{Secret: "k", Nonce: func() (string, error) { return "", nil }}, get(), "1 to 40 characters"},
		{"long nonce", &Signer{Secret: "k", Nonce: func() (string, error) { return strings.Repeat("a", 41), nil }}, get(), "1 to 40 characters"},
		{"nonce with newline", &Signer{Secret: "k", Nonce: func() (string, error) { return "a\nb", nil }}, get(), "visible ASCII"},
		{"body read error", &Signer{Secret: "k"}, func() *http.Request {
			r, _ := http.NewRequest("POST", "https://h.example/x", nil)
			r.Body = failingBody{}
			return r
		}(), "disk on fire"},
		{"no URL", &Signer{Secret: "k"}, &http.Request{Method: "GET"}, "no URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.signer.Edit(context.Background(), tt.req)
			if err == nil || !strings.HasPrefix(err.Error(), "authn: ") || !strings.Contains(err.Error(), tt.wantMsg) {
				t.Fatalf("Signer.Edit(%s) = %v, want an authn error containing %q", tt.name, err, tt.wantMsg)
			}
			if tt.req.Header.Get(HeaderSignature) != "" {
				t.Errorf("Signer.Edit(%s) set X-Signature despite the error", tt.name)
			}
		})
	}
}
