package sellercenter

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/sellercenter-go/sellercenter/authn"
)

// signingTransport signs the requests of the operations the API refuses
// unsigned (gen.SignedOperations, the spec's x-signed), afresh on every
// attempt: a new timestamp and nonce, and the hash of the body this attempt
// sends. It lies below the retry layer and the auth layer's 401 replay, so
// no repeated request reuses a nonce, which the API accepts only once.
type signingTransport struct {
	next   http.RoundTripper
	signer *authn.Signer // nil when no ClientSecret is configured
	// prefix is the base URL's path, which the operation paths follow.
	prefix string
	ops    []signedOperation
}

// signedOperation is one entry of gen.SignedOperations.
type signedOperation struct {
	method   string
	segments []string // "" matches any one path parameter
}

func newSigningTransport(next http.RoundTripper, signer *authn.Signer, base *url.URL, ops []string) *signingTransport {
	t := &signingTransport{next: next, signer: signer}
	if base != nil {
		t.prefix = strings.TrimSuffix(base.Path, "/")
	}
	for _, op := range ops {
		method, path, _ := strings.Cut(op, " ")
		segs := strings.Split(strings.Trim(path, "/"), "/")
		for i, s := range segs {
			if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
				segs[i] = ""
			}
		}
		t.ops = append(t.ops, signedOperation{method: method, segments: segs})
	}
	return t
}

// RoundTrip implements http.RoundTripper.
func (t *signingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !t.signs(req) {
		return t.next.RoundTrip(req)
	}
	if t.signer == nil {
		closeBody(req.Body)
		return nil, fmt.Errorf("%w: %s %s must be signed with the client secret, and Config.ClientSecret is empty",
			ErrInvalidConfig, req.Method, req.URL.Path)
	}
	r := req.Clone(req.Context())
	if err := t.signer.Edit(r.Context(), r); err != nil {
		closeBody(req.Body)
		return nil, fmt.Errorf("sellercenter: signing %s %s: %w", req.Method, req.URL.Path, err)
	}
	return t.next.RoundTrip(r)
}

// signs reports whether req is a call of a signed operation. It runs on
// every request, so it compares the path in place rather than splitting it.
func (t *signingTransport) signs(req *http.Request) bool {
	if len(t.ops) == 0 {
		return false
	}
	path, ok := strings.CutPrefix(req.URL.Path, t.prefix)
	if !ok {
		return false
	}
	path = strings.Trim(path, "/")
	for _, op := range t.ops {
		if op.method == req.Method && matches(op.segments, path) {
			return true
		}
	}
	return false
}

// matches reports whether path, without its outer slashes, has the segments
// of tmpl, where "" stands for any one non-empty segment.
func matches(tmpl []string, path string) bool {
	for i, s := range tmpl {
		seg, rest, more := strings.Cut(path, "/")
		if seg == "" || s != "" && s != seg || more != (i < len(tmpl)-1) {
			return false
		}
		path = rest
	}
	return true
}

// signedBy returns the Signer of the operations gen.SignedOperations lists,
// keyed with the OAuth application's secret, or nil without one.
func signedBy(cfg Config, clk clock) *authn.Signer {
	if cfg.ClientSecret == "" {
		return nil
	}
	return &authn.Signer{Secret: cfg.ClientSecret, Now: clk.Now}
}
