package sellercenter

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
)

// tokenSource hands out bearer tokens; authn.TokenSource satisfies it.
// Invalidate drops a token the API rejected, so the next Token call fetches a
// fresh one instead of returning it from cache.
type tokenSource interface {
	Token(ctx context.Context) (string, error)
	Invalidate(token string)
}

// authTransport adds the bearer token and recovers once from a 401. A 401
// means the API did not process the request, so repeating it cannot
// duplicate a write, whatever the method.
type authTransport struct {
	next   http.RoundTripper
	tokens tokenSource
	// origin is the API's scheme and host. Only requests to it carry the
	// token, so a redirect to another host or to plain http never leaks it.
	origin *url.URL
	// bearer is the Authorization value of the latest token, so that the
	// requests of one token's hour share one string.
	bearer atomic.Pointer[bearerValue]
}

// bearerValue is a token and its Authorization header value.
type bearerValue struct{ token, header string }

// authorization is the Authorization header value for token.
func (t *authTransport) authorization(token string) string {
	if b := t.bearer.Load(); b != nil && b.token == token {
		return b.header
	}
	b := &bearerValue{token: token, header: "Bearer " + token}
	t.bearer.Store(b)
	return b.header
}

// publicPaths are the API paths, below the base URL, that the spec serves
// without a token (security: []). Sending none there lets a health probe
// answer even while the credentials are wrong or the token endpoint is down.
var publicPaths = map[string]bool{"/v2/health": true}

// RoundTrip implements http.RoundTripper.
func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !sameOrigin(req.URL, t.origin) || t.public(req.URL) {
		return t.next.RoundTrip(req)
	}
	ctx := req.Context()
	token, err := t.tokens.Token(ctx)
	if err != nil {
		closeRequestBody(req)
		return nil, unsent(fmt.Errorf("sellercenter: getting an access token: %w", err))
	}
	resp, err := t.next.RoundTrip(withToken(req, req.Body, t.authorization(token)))
	if err != nil || resp.StatusCode != http.StatusUnauthorized {
		return resp, err
	}
	// Drop the rejected token even if this request cannot be repeated, so
	// the next call does not fail the same way.
	t.tokens.Invalidate(token)
	body, ok := replayBody(req)
	if !ok {
		return resp, nil
	}
	fresh, err := t.tokens.Token(ctx)
	if err != nil {
		closeBody(body)
		discard(resp)
		// The 401 means the API refused the first attempt, and the second
		// was never sent.
		return nil, unsent(fmt.Errorf("sellercenter: refreshing the access token after HTTP 401: %w", err))
	}
	discard(resp)
	resp, err = t.next.RoundTrip(withToken(req, body, t.authorization(fresh)))
	if err == nil && resp.StatusCode == http.StatusUnauthorized {
		// A second 401 is returned as is, never retried: asking again
		// would loop. The token is still dropped, so the next call starts
		// from a fresh one.
		t.tokens.Invalidate(fresh)
	}
	return resp, err
}

// public reports whether u is one of publicPaths of the API.
func (t *authTransport) public(u *url.URL) bool {
	rel, ok := strings.CutPrefix(u.Path, strings.TrimSuffix(t.origin.Path, "/"))
	return ok && publicPaths[rel]
}

// withToken returns a copy of req with body and the Authorization header
// value authorization; the caller's request is never modified. The copy
// shares everything but its header with req, as no layer below changes a
// request's URL: it runs on every attempt, and a deep Clone was most of
// the layers' cost.
func withToken(req *http.Request, body io.ReadCloser, authorization string) *http.Request {
	r := req.WithContext(req.Context())
	r.Body = body
	r.Header = headerWith(req.Header, "Authorization", authorization)
	return r
}

// headerWith returns a copy of h with key (canonical) set to value, in one
// map and one slice of values, as http.Header.Clone builds them.
func headerWith(h http.Header, key, value string) http.Header {
	n := 1
	for k, vv := range h {
		if k != key {
			n += len(vv)
		}
	}
	values := make([]string, 0, n)
	out := make(http.Header, len(h)+1)
	for k, vv := range h {
		if k == key || vv == nil {
			if vv == nil {
				out[k] = nil
			}
			continue
		}
		values = append(values, vv...)
		out[k] = values[len(values)-len(vv) : len(values) : len(values)]
	}
	values = append(values, value)
	out[key] = values[len(values)-1:]
	return out
}

// sameOrigin reports whether u has origin's scheme, host and port, with
// default ports made explicit. It runs on every request, so it compares the
// parts in place rather than building host:port strings.
func sameOrigin(u, origin *url.URL) bool {
	return origin != nil && u != nil &&
		strings.EqualFold(u.Scheme, origin.Scheme) &&
		strings.EqualFold(u.Hostname(), origin.Hostname()) &&
		effectivePort(u) == effectivePort(origin)
}

// effectivePort is u's port, or its scheme's default port when it has none.
func effectivePort(u *url.URL) string {
	if port := u.Port(); port != "" {
		return port
	}
	switch {
	case strings.EqualFold(u.Scheme, "https"):
		return "443"
	case strings.EqualFold(u.Scheme, "http"):
		return "80"
	}
	return ""
}
