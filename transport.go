package sellercenter

import (
	"context"
	"net/http"
	"net/url"

	"github.com/sellercenter-go/sellercenter/gen"
)

// newTransport composes the client's RoundTripper layers, outermost first:
//
//	rate limit → retry → auth (401 refresh) → signing → logging → send tracking → base
//
// The order is the design: a call takes one rate-limit token however often
// it is retried; each retry attempt gets a fresh token check and its own
// 401 recovery; the operations that need a request signature are signed
// afresh for every request that goes out, each retry and 401 replay with its
// own nonce; logging sees every request that reaches the network,
// including the one repeated after a 401, with its attempt number; and send
// tracking, right above the network, sees whether each of those requests
// got a connection, which decides whether a failed write may be repeated
// and what its error says of its outcome.
//
// cfg must have passed validate. A nil tokens leaves requests
// unauthenticated and a nil lim turns rate limiting off; clk is zero in
// production.
//
// New (added with package gen) is meant to be the only production caller:
//
//	if err := cfg.validate(); err != nil { ... }   // plus authn's checks
//	tokens := authn.NewTokenSource(...)             // shares cfg.HTTPClient
//	rt := newTransport(cfg.baseTransport(), cfg, tokens, newLimiter(cfg, clock{}), clock{})
//	gen.NewClientWithResponses(cfg.BaseURL, gen.WithHTTPClient(cfg.httpClient(rt)), gen.WithRequestEditorFn(userAgentEditor(...)))
func newTransport(base http.RoundTripper, cfg Config, tokens tokenSource, lim Limiter, clk clock) http.RoundTripper {
	var tokenURL *url.URL
	if cfg.TokenURL != "" {
		// An unparseable TokenURL only loses the no-body rule for the
		// token endpoint; bodies are still redacted.
		tokenURL, _ = url.Parse(cfg.TokenURL)
	}
	origin, _ := cfg.baseURL()

	var rt http.RoundTripper = newSendTracker(base)
	rt = &loggingTransport{next: rt, logger: cfg.logger(), tokenURL: tokenURL}
	rt = newSigningTransport(rt, signedBy(cfg, clk), origin, gen.SignedOperations)
	if tokens != nil {
		rt = &authTransport{next: rt, tokens: tokens, origin: origin}
	}
	rt = &retryTransport{next: rt, maxRetries: cfg.maxRetries(), timeout: cfg.Timeout, clock: clk, waits: cfg.waitNotifier()}
	// The layer stays without a limiter: it tells walks their pages passed.
	rt = &rateLimitTransport{next: rt, limiter: lim, waits: cfg.waitNotifier()}
	return rt
}

// userAgentEditor sets ua on every request the generated client builds,
// before the caller's own editors, which may set another. The request is
// the client's own at that point, so it is set in place: as a transport
// layer it cost a copy of every request.
func userAgentEditor(ua string) gen.RequestEditorFn {
	return func(_ context.Context, req *http.Request) error {
		req.Header.Set("User-Agent", ua)
		return nil
	}
}
