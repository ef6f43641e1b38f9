package sellercenter

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"golang.org/x/time/rate"
)

// limiter paces requests. *rate.Limiter satisfies it; tests substitute one
// driven by a virtual clock.
type limiter interface {
	Wait(ctx context.Context) error
}

// newLimiter returns the bucket for cfg, a *rate.Limiter, or nil when
// limiting is off. The burst is 1 so the client never exceeds the API's
// per-second limit, even right after an idle spell.
func newLimiter(cfg Config) limiter {
	rps, ok := cfg.rateLimit()
	if !ok {
		return nil
	}
	return rate.NewLimiter(rate.Limit(rps), 1)
}

// rateLimitTransport waits for the shared bucket before each logical call.
// It sits outside the retry layer, so a call takes one token however many
// attempts it needs; retries are already spaced by their backoff.
type rateLimitTransport struct {
	next    http.RoundTripper
	limiter limiter
}

// RoundTrip implements http.RoundTripper.
func (t *rateLimitTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	if err := t.limiter.Wait(ctx); err != nil {
		closeRequestBody(req)
		if _, ok := ctx.Deadline(); ok && ctx.Err() == nil && !errors.Is(err, context.DeadlineExceeded) {
			// rate.Limiter refuses up front when the wait would pass the
			// deadline; report that as the deadline it is, so callers'
			// errors.Is(err, context.DeadlineExceeded) checks hold.
			return nil, unsent(fmt.Errorf("sellercenter: waiting for the rate limiter would pass the ctx deadline: %w", context.DeadlineExceeded))
		}
		return nil, unsent(fmt.Errorf("sellercenter: waiting for the rate limiter: %w", err))
	}
	return t.next.RoundTrip(req)
}

// closeRequestBody honours the RoundTripper contract that the request body
// is closed even when the request is never sent.
func closeRequestBody(req *http.Request) {
	if req.Body != nil {
		_ = req.Body.Close()
	}
}
