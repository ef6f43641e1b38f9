package sellercenter

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/sellercenter-go/sellercenter/authn"
	"github.com/sellercenter-go/sellercenter/internal/backoff"
)

// Retry timing. The API documents no Retry-After range, so the cap keeps a
// caller from sleeping through a maintenance window inside one call.
const (
	maxRetryAfter = 60 * time.Second
	backoffBase   = 500 * time.Millisecond
	backoffMax    = 8 * time.Second
	// keptBodyLimit is how much of a response the retry layer keeps in memory
	// while it waits, so it can still hand the response back if the wait is
	// cut short. It matches the APIError body cap.
	keptBodyLimit = maxErrorBody
	// drainLimit bounds how much of a discarded body is read to let the
	// connection be reused; larger bodies just close the connection.
	drainLimit = 64 << 10
)

// clock is the time source of the retry layer. Zero fields mean real time,
// so tests can inject each part and never sleep.
type clock struct {
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
	// jitter returns a uniformly random value in [0, n).
	jitter func(n int64) int64
}

// Now returns the current time.
func (c clock) Now() time.Time {
	if c.now == nil {
		return time.Now()
	}
	return c.now()
}

// Sleep waits for d or until ctx is done.
func (c clock) Sleep(ctx context.Context, d time.Duration) error {
	if c.sleep == nil {
		return backoff.Sleep(ctx, d)
	}
	return c.sleep(ctx, d)
}

// Jitter returns a uniformly random value in [0, n), or 0 when n <= 0.
func (c clock) Jitter(n int64) int64 {
	if n <= 0 {
		return 0
	}
	if c.jitter == nil {
		return rand.Int64N(n)
	}
	return c.jitter(n)
}

// attemptKey is the context key under which the retry layer stores the
// 1-based attempt number, for the logging layer.
type attemptKey struct{}

// attemptFrom returns the attempt number stored in ctx, or 0.
func attemptFrom(ctx context.Context) int {
	n, _ := ctx.Value(attemptKey{}).(int)
	return n
}

// retryTransport retries what is safe to retry. The API has no idempotency
// keys, so the rules are strict: any request may be retried when it certainly
// never left the client; otherwise only idempotent methods, and only on
// 429 and 503, which leave a request unapplied, and for reads also on 502
// and 504. Every other outcome, including connection errors
// after the request may have been sent, is returned as is.
type retryTransport struct {
	next       http.RoundTripper
	maxRetries int
	// timeout bounds each attempt, including reading its body; 0 means none.
	timeout time.Duration
	clock   clock
	// waits is told of each wait before it starts.
	waits waitNotifier
}

// RoundTrip implements http.RoundTripper.
func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, rec := withCallRecord(req.Context())
	req = req.WithContext(ctx)
	attempts := 1 + max(t.maxRetries, 0)
	if !replayable(req) {
		attempts = 1
	}
	// done marks the call's error with what all its attempts tell, so an
	// earlier attempt that may have been applied is not hidden behind a
	// later one that was not.
	done := func(resp *http.Response, err error) (*http.Response, error) {
		if err != nil {
			return nil, &sendError{err: causeOf(err), outcome: rec.combined(sentOutcome(err))}
		}
		return resp, nil
	}
	body := req.Body
	for attempt := 1; ; attempt++ {
		resp, err := t.try(req, body, attempt)
		if attempt >= attempts || !retryable(req, resp, err) {
			return done(resp, err)
		}
		wait, asked := t.wait(resp, attempt-1)
		if deadline, ok := ctx.Deadline(); ok && !t.clock.Now().Add(max(wait, asked)).Before(deadline) {
			// The next attempt could not finish in time, or the API said
			// it will not be back before the deadline: give back what we
			// have now rather than a bare deadline error later.
			return done(resp, err)
		}
		next, ok := replayBody(req)
		if !ok {
			return done(resp, err)
		}
		kept, ok := keep(resp)
		t.waits.notify(ctx, retryWait(req, resp, kept, err, wait, attempt+1, attempts, t.clock.Now()))
		if serr := t.clock.Sleep(ctx, wait); serr != nil {
			closeBody(next)
			switch {
			case resp == nil:
				return done(nil, err)
			case ok:
				return resp, nil
			}
			return done(nil, unsent(fmt.Errorf("sellercenter: %w while waiting to retry after HTTP %d", serr, resp.StatusCode)))
		}
		body = next
	}
}

// causeOf strips the outcome mark of err, so that the call's mark
// replaces it rather than stacking a second, contradicting one.
func causeOf(err error) error {
	if se, ok := err.(*sendError); ok {
		return se.err
	}
	return err
}

// try makes one attempt.
func (t *retryTransport) try(req *http.Request, body io.ReadCloser, attempt int) (resp *http.Response, err error) {
	ctx := context.WithValue(req.Context(), attemptKey{}, attempt)
	if t.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, t.timeout)
		defer func() {
			if err != nil {
				cancel()
				return
			}
			// The attempt's deadline covers the body too, so the context
			// may only be released once the caller is done with it.
			resp.Body = &cancelOnClose{ReadCloser: bodyOrEmpty(resp.Body), cancel: cancel}
		}()
	}
	r := req.WithContext(ctx)
	r.Body = body
	resp, err = t.next.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	if resp == nil {
		return nil, &sendError{err: errors.New("sellercenter: transport returned neither a response nor an error"), outcome: maybeApplied}
	}
	return resp, nil
}

// wait is the pause before retry n (0-based): the server's Retry-After when
// it sent one, capped, else exponential backoff with jitter. asked is the
// Retry-After before the cap, 0 without one.
func (t *retryTransport) wait(resp *http.Response, n int) (wait, asked time.Duration) {
	if resp != nil {
		if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), t.clock.Now()); ok {
			return min(d, maxRetryAfter), d
		}
	}
	// 0.5 s × 2ⁿ capped at 8 s, with equal jitter.
	return backoff.Delay(n, backoffBase, backoffMax, t.clock.Jitter), 0
}

// retryable reports whether an attempt's outcome may be retried: any
// request that certainly never reached the API, which makes even a POST
// safe to send again, and idempotent ones on the statuses below.
func retryable(req *http.Request, resp *http.Response, err error) bool {
	if err != nil {
		if req.Context().Err() != nil || permanent(err) {
			return false
		}
		return sentOutcome(err) == notApplied
	}
	if !idempotent(req.Method) {
		return false
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		// The API turned the request away unprocessed.
		return true
	case http.StatusBadGateway, http.StatusGatewayTimeout:
		// The request may have been carried out behind the gateway, so
		// only a read is repeated: a PUT or DELETE sent again is not
		// harmless (a stock set twice overwrites an order's reservation
		// made in between, a second DELETE answers 404).
		return !writeMethod(req.Method)
	}
	return false
}

// idempotent reports whether repeating method cannot duplicate a write.
// POST and PATCH are excluded: the API has no idempotency keys.
func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

// permanent reports errors that a retry cannot fix, or that were retried
// already: a token fetch has its own retries, so a failed one is final.
func permanent(err error) bool {
	var (
		tokenErr  *authn.Error
		certErr   *tls.CertificateVerificationError
		authority x509.UnknownAuthorityError
		hostname  x509.HostnameError
		invalid   x509.CertificateInvalidError
		dnsErr    *net.DNSError
	)
	switch {
	case errors.As(err, &tokenErr):
		return true
	case errors.As(err, &certErr), errors.As(err, &authority), errors.As(err, &hostname), errors.As(err, &invalid):
		return true
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		return true
	}
	return false
}

// replayable reports whether the request's body can be sent again.
func replayable(req *http.Request) bool {
	return req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
}

// replayBody returns a fresh copy of the request body for another attempt.
func replayBody(req *http.Request) (io.ReadCloser, bool) {
	if req.Body == nil || req.Body == http.NoBody {
		return req.Body, true
	}
	if req.GetBody == nil {
		return nil, false
	}
	body, err := req.GetBody()
	if err != nil || body == nil {
		return nil, false
	}
	return body, true
}

// keep moves a small response body into memory and releases the
// connection, so the response can still be returned after a wait. It
// returns the body kept and reports whether the response is still usable.
func keep(resp *http.Response) ([]byte, bool) {
	if resp == nil {
		return nil, false
	}
	body := bodyOrEmpty(resp.Body)
	data, err := io.ReadAll(io.LimitReader(body, keptBodyLimit+1))
	_ = body.Close()
	if err != nil || len(data) > keptBodyLimit {
		resp.Body = http.NoBody
		return nil, false
	}
	resp.Body = io.NopCloser(bytes.NewReader(data))
	return data, true
}

// discard drains and closes a response the caller will never see, so its
// connection can be reused.
func discard(resp *http.Response) {
	if resp == nil || resp.Body == nil {
		return
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, drainLimit))
	_ = resp.Body.Close()
}

func closeBody(body io.ReadCloser) {
	if body != nil {
		_ = body.Close()
	}
}

func bodyOrEmpty(body io.ReadCloser) io.ReadCloser {
	if body == nil {
		return http.NoBody
	}
	return body
}

// cancelOnClose releases an attempt's context once its body is closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// parseRetryAfter reads a Retry-After value, either delay-seconds or an
// HTTP date, relative to now. Absurd values are clamped rather than allowed
// to overflow.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	const maxSecs = uint64(1<<63-1) / uint64(time.Second)
	switch secs, err := strconv.ParseUint(v, 10, 64); {
	case err == nil:
		return time.Duration(min(secs, maxSecs)) * time.Second, true
	case errors.Is(err, strconv.ErrRange):
		return time.Duration(maxSecs) * time.Second, true
	}
	if at, err := http.ParseTime(v); err == nil {
		return max(at.Sub(now), 0), true
	}
	return 0, false
}
