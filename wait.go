package sellercenter

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// WaitReason says why the client is about to wait.
type WaitReason string

// The reasons a Wait gives.
const (
	// WaitRetry is the pause before retrying an attempt that failed with a
	// retryable status (502, 503, 504) or a request that never left.
	WaitRetry WaitReason = "retry"
	// WaitMaintenance is the pause before retrying a 503 in maintenance
	// mode.
	WaitMaintenance WaitReason = "maintenance"
	// WaitRateLimited is the pause before retrying a 429.
	WaitRateLimited WaitReason = "rate limit"
	// WaitLimiter is the pause of a call for the client's own rate limit
	// (Config.RateLimit), reported when it lasts a second or more.
	WaitLimiter WaitReason = "rate limiter"
	// WaitPoll is the pause between two status reads of a feed or export
	// job (WaitForFeed, WaitForExport).
	WaitPoll WaitReason = "poll"
)

// Wait describes one pause of the client, given to Config.OnWait before the
// pause starts, so a caller can tell a person what the client waits for
// instead of going silent.
type Wait struct {
	// Reason says what the client waits for.
	Reason WaitReason
	// Delay is how long the client is about to wait.
	Delay time.Duration
	// RetryAfter is the wait the API asked for in its Retry-After header,
	// before the client's cap; 0 when it sent none.
	RetryAfter time.Duration
	// Attempt is the 1-based number of the attempt (or poll) the wait comes
	// before.
	Attempt int
	// MaxAttempts is the most attempts the call may make; 0 for polls,
	// which go on until the job ends or the ctx does.
	MaxAttempts int
	// Method and Path are the request's, for example GET /v2/seller.
	Method, Path string
	// StatusCode is the status of the answer that caused the wait; 0 when
	// the attempt failed with an error or for a poll.
	StatusCode int
	// Err is the error of the attempt that caused the wait, or nil.
	Err error
	// Subject names the polled job, for example "feed 5d1f…" or
	// "export 42"; State is its last state read. Both are empty for
	// retries.
	Subject, State string
}

// String gives w as one line, such as "maintenance: retrying in 60s
// (attempt 2 of 3, GET /v2/seller)", the form the sellercenter CLI prints.
func (w Wait) String() string {
	if w.Reason == WaitPoll {
		subject := oneLine(strings.TrimSpace(w.Subject + " " + w.State))
		return fmt.Sprintf("%s: checking again in %s (poll %d)", subject, waitText(w.Delay), w.Attempt)
	}
	call := oneLine(strings.TrimSpace(w.Method + " " + w.Path))
	if w.Reason == WaitLimiter {
		s := "rate limiter: sending in " + waitText(w.Delay)
		if call != "" {
			s += " (" + call + ")"
		}
		return s
	}
	var what string
	switch {
	case w.Reason == WaitMaintenance:
		what = "maintenance"
	case w.Reason == WaitRateLimited:
		what = "rate limited (HTTP 429)"
	case w.StatusCode != 0:
		what = strings.TrimSpace(fmt.Sprintf("HTTP %d %s", w.StatusCode, http.StatusText(w.StatusCode)))
	case w.Err != nil:
		what = oneLine(w.Err.Error())
	default:
		what = string(w.Reason)
	}
	s := fmt.Sprintf("%s: retrying in %s (attempt %d of %d", what, waitText(w.Delay), w.Attempt, w.MaxAttempts)
	if call != "" {
		s += ", " + call
	}
	s += ")"
	if w.RetryAfter > w.Delay {
		// The client caps Retry-After: say that the API expects longer.
		s += "; the API asked for " + waitText(w.RetryAfter)
	}
	return s
}

// waitText gives d as a person reads it: "750ms", "60s", "2m30s".
func waitText(d time.Duration) string {
	switch {
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	case d < 2*time.Minute:
		return fmt.Sprintf("%ds", int64(d.Round(time.Second)/time.Second))
	}
	s := d.Round(time.Second).String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	return s
}

// waitNotifier tells Config.OnWait and Config.Logger of each wait.
type waitNotifier struct {
	onWait func(Wait)
	logger *slog.Logger
}

// active reports whether anyone is told of waits.
func (n waitNotifier) active() bool {
	return n.onWait != nil || n.logger != nil
}

// notify reports w before the wait starts.
func (n waitNotifier) notify(ctx context.Context, w Wait) {
	if n.logger != nil && n.logger.Enabled(ctx, slog.LevelDebug) {
		attrs := []slog.Attr{
			slog.String("reason", string(w.Reason)),
			slog.Duration("delay", w.Delay),
			slog.Int("attempt", w.Attempt),
		}
		if w.MaxAttempts > 0 {
			attrs = append(attrs, slog.Int("max_attempts", w.MaxAttempts))
		}
		if w.Method != "" {
			attrs = append(attrs, slog.String("method", w.Method), slog.String("path", w.Path))
		}
		if w.StatusCode != 0 {
			attrs = append(attrs, slog.Int("status", w.StatusCode))
		}
		if w.RetryAfter > 0 {
			attrs = append(attrs, slog.Duration("retry_after", w.RetryAfter))
		}
		if w.Subject != "" {
			attrs = append(attrs, slog.String("subject", w.Subject), slog.String("state", w.State))
		}
		n.logger.LogAttrs(ctx, slog.LevelDebug, "sellercenter: waiting", attrs...)
	}
	if n.onWait != nil {
		n.onWait(w)
	}
}

// retryWait describes the wait before attempt (1-based) of req, after resp,
// whose body was kept in body, or err.
func retryWait(req *http.Request, resp *http.Response, body []byte, err error, delay time.Duration, attempt, attempts int, now time.Time) Wait {
	w := Wait{Reason: WaitRetry, Delay: delay, Attempt: attempt, MaxAttempts: attempts, Method: req.Method, Err: err}
	if req.URL != nil {
		w.Path = req.URL.EscapedPath()
	}
	if resp == nil {
		return w
	}
	w.StatusCode = resp.StatusCode
	w.Err = nil
	if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), now); ok {
		w.RetryAfter = d
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		w.Reason = WaitRateLimited
	case http.StatusServiceUnavailable:
		if newAPIError(resp.StatusCode, nil, nil, body, now).maintenance() {
			w.Reason = WaitMaintenance
		}
	}
	return w
}
