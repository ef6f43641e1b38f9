package sellercenter

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"golang.org/x/time/rate"

	"github.com/sellercenter-go/sellercenter/internal/backoff"
)

// Limiter paces the client's calls: Wait returns once the call may start,
// or an error, such as ctx's, when it may not. The client waits once per
// logical call, before its first attempt; retries are spaced by their own
// backoff. *rate.Limiter (golang.org/x/time/rate) satisfies it, and one
// Limiter may be shared by several clients, or, like the Redis limiter of
// module github.com/sellercenter-go/sellercenter/redislimit, by several
// processes, so that all of a seller's callers share the API's budget.
type Limiter interface {
	Wait(ctx context.Context) error
}

// newLimiter returns the limiter for cfg: cfg.Limiter when set, else a
// pacer of cfg.RateLimit and cfg.Burst on clk, or nil when limiting is off.
func newLimiter(cfg Config, clk clock) Limiter {
	if cfg.Limiter != nil {
		return cfg.Limiter
	}
	rps, ok := cfg.rateLimit()
	if !ok {
		return nil
	}
	return newPacer(rps, cfg.burst(rps), clk)
}

// rateLimitTransport waits for the limiter before each logical call. It
// sits outside the retry layer, so a call takes one start however many
// attempts it needs; retries are already spaced by their backoff.
type rateLimitTransport struct {
	next    http.RoundTripper
	limiter Limiter // nil: calls pass at once
	// waits is told of a wait for the limiter of limiterReported or more;
	// only the pacer and a *rate.Limiter say how long a call will wait.
	waits waitNotifier
}

// limiterReported is the shortest wait for the rate limiter given to
// Config.OnWait: the pacing pauses between calls at the API's rate are a few
// milliseconds each, and reporting them would drown the waits that matter.
const limiterReported = time.Second

// passedLimiterKey is the context key of a func() the rate-limit layer
// calls once a call has passed the limiter (at once when there is none):
// a walk's pages wait for each other's (see paginate).
type passedLimiterKey struct{}

// RoundTrip implements http.RoundTripper.
func (t *rateLimitTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	if t.limiter == nil {
		passedLimiter(ctx)
		return t.next.RoundTrip(req)
	}
	if err := t.wait(req); err != nil {
		closeRequestBody(req)
		if _, ok := ctx.Deadline(); ok && ctx.Err() == nil && isRateLimiter(t.limiter) && !errors.Is(err, context.DeadlineExceeded) {
			// rate.Limiter refuses up front when the wait would pass the
			// deadline; report that as the deadline it is, so callers'
			// errors.Is(err, context.DeadlineExceeded) checks hold. Another
			// Limiter's error (a store that cannot be reached) is its own.
			return nil, unsent(fmt.Errorf("sellercenter: waiting for the rate limiter would pass the ctx deadline: %w", context.DeadlineExceeded))
		}
		return nil, unsent(fmt.Errorf("sellercenter: waiting for the rate limiter: %w", err))
	}
	passedLimiter(ctx)
	return t.next.RoundTrip(req)
}

// passedLimiter calls the func() stored in ctx under passedLimiterKey, if any.
func passedLimiter(ctx context.Context) {
	if f, ok := ctx.Value(passedLimiterKey{}).(func()); ok {
		f()
	}
}

// wait waits for the limiter. The client's own pacer and a *rate.Limiter
// tell how long a wait will be before it starts, so it can be reported; both
// refuse a wait past the ctx deadline up front.
func (t *rateLimitTransport) wait(req *http.Request) error {
	ctx := req.Context()
	if !t.waits.active() {
		return t.limiter.Wait(ctx)
	}
	report := func(d time.Duration) {
		if d < limiterReported {
			return
		}
		w := Wait{Reason: WaitLimiter, Delay: d, Attempt: 1, Method: req.Method}
		if req.URL != nil {
			w.Path = req.URL.EscapedPath()
		}
		t.waits.notify(ctx, w)
	}
	switch l := t.limiter.(type) {
	case *pacer:
		return l.wait(ctx, report)
	case *rate.Limiter:
		return waitRate(ctx, l, report)
	}
	return t.limiter.Wait(ctx)
}

// waitRate is l.Wait(ctx), telling report the wait's length first.
func waitRate(ctx context.Context, l *rate.Limiter, report func(time.Duration)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r := l.Reserve()
	if !r.OK() {
		return errors.New("rate: Wait(n=1) exceeds limiter's burst")
	}
	d := r.Delay()
	if d <= 0 {
		return nil
	}
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < d {
		r.Cancel()
		return errors.New("rate: Wait(n=1) would exceed context deadline")
	}
	report(d)
	if err := backoff.Sleep(ctx, d); err != nil {
		r.Cancel()
		return err
	}
	return nil
}

// isRateLimiter reports whether l is a *rate.Limiter, whose errors are
// plain strings.
func isRateLimiter(l Limiter) bool {
	_, ok := l.(*rate.Limiter)
	return ok
}

// closeRequestBody honours the RoundTripper contract that the request body
// is closed even when the request is never sent.
func closeRequestBody(req *http.Request) {
	if req.Body != nil {
		_ = req.Body.Close()
	}
}
