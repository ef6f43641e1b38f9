package sellercenter

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter/authn"
)

// signedRequest is what the network got from a signingTransport.
type signedRequest struct {
	header http.Header
	uri    string
	body   string
}

// verify checks r's signature as the API does, keyed with testSecret.
func (r signedRequest) verify(t *testing.T, method string) {
	t.Helper()
	hash := ""
	if r.body != "" {
		sum := sha256.Sum256([]byte(r.body))
		hash = hex.EncodeToString(sum[:])
	}
	h := r.header
	if got := h.Get(authn.HeaderSignatureAlgorithm); got != authn.SignatureAlgorithm {
		t.Errorf("%s = %q, want %q", authn.HeaderSignatureAlgorithm, got, authn.SignatureAlgorithm)
	}
	want := authn.Sign(testSecret, method, r.uri, h.Get(authn.HeaderTimestamp), h.Get(authn.HeaderNonce), hash)
	if got := h.Get(authn.HeaderSignature); got != want {
		t.Errorf("%s = %q, want %q (the HMAC of %s %s with its timestamp, nonce and body)", authn.HeaderSignature, got, want, method, r.uri)
	}
}

func TestSigningTransport(t *testing.T) {
	t.Parallel()
	ops := []string{"POST /v2/finance/transaction", "PUT /v2/thing/{id}/part"}
	tests := []struct {
		name, method, url, body string
		wantSigned              bool
	}{
		{name: "signed operation", method: http.MethodPost, url: "https://api.example/base/v2/finance/transaction", body: `{"value":1}`, wantSigned: true},
		{name: "path parameter", method: http.MethodPut, url: "https://api.example/base/v2/thing/42/part", body: `{}`, wantSigned: true},
		{name: "query signed as sent", method: http.MethodPut, url: "https://api.example/base/v2/thing/42/part?a=b+c", wantSigned: true},
		{name: "empty path parameter", method: http.MethodPut, url: "https://api.example/base/v2/thing//part"},
		{name: "longer path", method: http.MethodPost, url: "https://api.example/base/v2/finance/transaction/7", body: `{}`},
		{name: "shorter path", method: http.MethodPut, url: "https://api.example/base/v2/thing/42", body: `{}`},
		{name: "other method", method: http.MethodGet, url: "https://api.example/base/v2/finance/transaction"},
		{name: "other operation", method: http.MethodPost, url: "https://api.example/base/v2/finance/transactions", body: `{}`},
		{name: "outside the base path", method: http.MethodPost, url: "https://api.example/v2/finance/transaction", body: `{}`},
	}
	base, _ := url.Parse("https://api.example/base/")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []signedRequest
			next := roundTripFunc(func(r *http.Request) (*http.Response, error) {
				b, err := io.ReadAll(r.Body)
				if err != nil {
					return nil, err
				}
				got = append(got, signedRequest{header: r.Header.Clone(), uri: r.URL.RequestURI(), body: string(b)})
				return &http.Response{StatusCode: 200, Body: http.NoBody, Request: r}, nil
			})
			now := time.Unix(1_700_000_000, 0)
			rt := newSigningTransport(next, &authn.Signer{Secret: testSecret, Now: func() time.Time { return now }}, base, ops)
			// Two attempts of one request, as the retry layer makes them:
			// each with its own copy of the body.
			for range 2 {
				req, err := http.NewRequest(tt.method, tt.url, strings.NewReader(tt.body))
				if err != nil {
					t.Fatal(err)
				}
				if _, err := rt.RoundTrip(req); err != nil {
					t.Fatalf("RoundTrip(%s %s) = %v, want nil", tt.method, tt.url, err)
				}
				if req.Header.Get(authn.HeaderSignature) != "" {
					t.Error("RoundTrip changed the caller's request; want a signed copy")
				}
				now = now.Add(time.Second)
			}
			for i, r := range got {
				if r.body != tt.body {
					t.Errorf("attempt %d body = %q, want %q", i+1, r.body, tt.body)
				}
				if !tt.wantSigned {
					if s := r.header.Get(authn.HeaderSignature); s != "" {
						t.Errorf("attempt %d of %s %s was signed (%s), want no signature", i+1, tt.method, tt.url, s)
					}
					continue
				}
				r.verify(t, tt.method)
				if want := now.Add(time.Duration(i-2) * time.Second).Unix(); r.header.Get(authn.HeaderTimestamp) != strconv.FormatInt(want, 10) {
					t.Errorf("attempt %d %s = %s, want its own time %d", i+1, authn.HeaderTimestamp, r.header.Get(authn.HeaderTimestamp), want)
				}
			}
			if tt.wantSigned && got[0].header.Get(authn.HeaderNonce) == got[1].header.Get(authn.HeaderNonce) {
				t.Errorf("both attempts sent nonce %s, want a fresh one each", got[0].header.Get(authn.HeaderNonce))
			}
		})
	}
}

func TestSigningTransportWithoutSecret(t *testing.T) {
	t.Parallel()
	called := false
	next := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		called = true
		return &http.Response{StatusCode: 200, Body: http.NoBody, Request: r}, nil
	})
	rt := newSigningTransport(next, nil, nil, []string{"POST /v2/finance/transaction"})
	body := &closeRecorder{Reader: strings.NewReader(`{}`)}
	req, _ := http.NewRequest(http.MethodPost, "https://api.example/v2/finance/transaction", body)
	_, err := rt.RoundTrip(req)
	if !errors.Is(err, ErrInvalidConfig) || !strings.Contains(err.Error(), "ClientSecret") {
		t.Errorf("RoundTrip without a secret = %v, want ErrInvalidConfig naming ClientSecret", err)
	}
	if called || !body.closed {
		t.Errorf("sent = %t, body closed = %t; want nothing sent and the body closed", called, body.closed)
	}
}

// closeRecorder is a request body that records Close.
type closeRecorder struct {
	io.Reader
	closed bool
}

func (c *closeRecorder) Close() error { c.closed = true; return nil }
