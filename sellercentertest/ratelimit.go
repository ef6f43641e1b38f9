package sellercentertest

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sellercenter-go/sellercenter/gen"
)

// DefaultRateLimit is the API's documented limit, in requests per second per
// seller, that the server enforces when Config.RateLimit is zero.
const DefaultRateLimit = 30

// NoRateLimit as Config.RateLimit turns the limit off: the server answers
// every request, however fast they come, as it did before it enforced one.
const NoRateLimit = -1

// rateLimiter keeps one bucket per seller. A bucket holds up to limit
// requests and refills at limit per second on the server's clock, so a
// client that paces itself at the limit is never refused, while a burst of
// more than a second's worth is. It is kept as the generic cell rate
// algorithm does, by the time the bucket will be full again, in whole
// nanoseconds, so a client paced at exactly 1/limit s is not refused by a
// rounding error.
type rateLimiter struct {
	limit int // requests per second and the bucket's size; 0 is off
	now   func() time.Time

	mu       sync.Mutex
	full     map[int]time.Time // by seller (noSeller for requests without a valid token): when its bucket is full again
	refusals int
}

// noSeller keys the bucket of requests that carry no valid access token
// (the health check, requests the server refuses with 401); seller ids are
// positive.
const noSeller = 0

// rateLimit resolves Config.RateLimit.
func rateLimit(n int) (int, bool) {
	switch {
	case n == 0:
		return DefaultRateLimit, true
	case n == NoRateLimit:
		return 0, true
	case n < 0, n > int(time.Second):
		// Beyond one a nanosecond, the bucket's clock cannot tell requests apart.
		return 0, false
	}
	return n, true
}

// allow takes a request from seller's bucket. When the bucket is empty it
// reports false and how long until it holds a request again.
func (l *rateLimiter) allow(seller int) (ok bool, wait time.Duration) {
	if l.limit == 0 {
		return true, 0
	}
	interval := time.Second / time.Duration(l.limit) // one request's refill
	size := interval * time.Duration(l.limit)
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	full := l.full[seller]
	if full.Before(now) {
		full = now
	}
	// Taking a request moves the moment the bucket is full again one
	// interval later; the bucket is empty if that is more than its size
	// away. A clock that goes back (a test resetting its fake clock) only
	// finds the bucket emptier.
	next := full.Add(interval)
	if over := next.Sub(now) - size; over > 0 {
		l.refusals++
		return false, over
	}
	if l.full == nil {
		l.full = map[int]time.Time{}
	}
	l.full[seller] = next
	return true, 0
}

// retryAfter is the Retry-After header value for a wait: whole seconds,
// rounded up and at least one, since the header cannot say less.
func retryAfter(wait time.Duration) string {
	secs := int64(math.Ceil(wait.Seconds()))
	return strconv.FormatInt(max(secs, 1), 10)
}

// throttle answers r with the API's 429 when its seller's bucket is empty
// and reports whether it did.
func (s *Server) throttle(w http.ResponseWriter, r *http.Request) bool {
	ok, wait := s.limiter.allow(s.requestSeller(r))
	if ok {
		return false
	}
	// The live API's body: testdata/api/problem_rate_limited.json.
	body := gen.Problem{
		Title:  "Too Many Requests",
		Status: http.StatusTooManyRequests,
		Detail: fmt.Sprintf("Rate limit of %d requests per second exceeded.", s.limiter.limit),
	}
	writeJSON(w, http.StatusTooManyRequests, body, http.Header{"Retry-After": {retryAfter(wait)}})
	return true
}

// requestSeller is the seller whose bucket r draws from: the seller its
// access token acts for, or noSeller for a request without a valid one.
func (s *Server) requestSeller(r *http.Request) int {
	scheme, token, found := strings.Cut(r.Header.Get("Authorization"), " ")
	if !found || !strings.EqualFold(scheme, "Bearer") {
		return noSeller
	}
	s.tokens.mu.Lock()
	defer s.tokens.mu.Unlock()
	id, ok := s.tokens.seller[strings.TrimSpace(token)]
	if !ok {
		return noSeller
	}
	return id
}

// Throttled returns how many requests the server refused with 429 because
// their seller exceeded Config.RateLimit; injected failures (Fail) are not
// counted. Each of them is also in Count and Requests, with Status 429.
func (s *Server) Throttled() int {
	s.limiter.mu.Lock()
	defer s.limiter.mu.Unlock()
	return s.limiter.refusals
}
