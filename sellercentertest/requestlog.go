package sellercentertest

import (
	"net/http"
	"net/url"
	"sync"

	"github.com/sellercenter-go/sellercenter/internal/redact"
)

// DefaultRequestLogSize is how many requests the log keeps when
// Config.RequestLogSize is zero: more than a test looks at, and about 5 MiB
// for requests with a few query parameters.
const DefaultRequestLogSize = 10_000

// NoRequestLog as Config.RequestLogSize keeps no entries: Requests is always
// empty, while Count and Config.OnRequest still see every request.
const NoRequestLog = -1

// Request is one entry of the request log. It holds no headers or bodies, so
// credentials and tokens never end up in it.
type Request struct {
	// Method is the HTTP method.
	Method string
	// Path is the request path as sent, including the API prefix.
	Path string
	// Query holds the query parameters; the values of credential-like ones
	// (client_secret, access_token, api_key and the like), which a careless
	// client might put in a URL, are replaced by "[REDACTED]".
	Query url.Values
	// Operation is the operationId, TokenOperation for the token endpoint, or
	// empty when no operation matched.
	Operation string
	// Status is the status sent, or 0 when no response was sent (a dropped
	// connection, or a client that left while the fake waited).
	Status int
}

// requestLog keeps the most recent requests in a ring, so a long-running
// server holds a bounded amount, and counts every request by operation.
type requestLog struct {
	mu      sync.Mutex
	size    int       // most entries kept; 0 keeps none
	entries []Request // grows up to size, then the oldest entry is overwritten
	oldest  int       // index of the oldest entry once entries is full
	dropped int       // requests served but no longer (or never) in entries
	counts  map[string]int
}

// requestLogSize resolves Config.RequestLogSize to the number of entries kept.
func requestLogSize(n int) (int, bool) {
	switch {
	case n == 0:
		return DefaultRequestLogSize, true
	case n == NoRequestLog:
		return 0, true
	case n < 0:
		return 0, false
	}
	return n, true
}

// pending is a request being served, not yet in the log.
type pending struct {
	s      *Server
	entry  Request
	logged bool
}

// begin starts the log entry of r, served as operation op.
func (s *Server) begin(r *http.Request, op string) *pending {
	q := r.URL.Query()
	for k, vs := range q {
		if redact.SensitiveKey(k) {
			for i := range vs {
				vs[i] = redact.Mark
			}
		}
	}
	return &pending{s: s, entry: Request{Method: r.Method, Path: r.URL.Path, Query: q, Operation: op}}
}

// finish logs the request with the status sent and reports it to
// Config.OnRequest. Only the first call counts: a dropped connection is
// logged before it is closed, so the request is in the log by the time the
// client sees the error, and the later call when the handler returns does
// nothing.
func (p *pending) finish(status int) {
	if p.logged {
		return
	}
	p.logged = true
	p.entry.Status = status
	p.s.log.add(p.entry)
	if p.s.onRequest != nil {
		p.s.onRequest(p.entry)
	}
}

func (l *requestLog) add(e Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.counts == nil {
		l.counts = map[string]int{}
	}
	l.counts[e.Operation]++
	switch {
	case l.size == 0:
		l.dropped++
	case len(l.entries) < l.size:
		l.entries = append(l.entries, e)
	default:
		l.entries[l.oldest] = e
		l.oldest = (l.oldest + 1) % l.size
		l.dropped++
	}
}

// Requests returns the requests served so far, oldest first, up to the
// Config.RequestLogSize most recent (none with NoRequestLog);
// DroppedRequests tells how many older ones are missing. Requests still
// being served are not included; a request whose connection a fault drops
// is included before the connection is closed.
func (s *Server) Requests() []Request {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	n := len(s.log.entries)
	out := make([]Request, n)
	for i := range n {
		e := s.log.entries[(s.log.oldest+i)%n]
		e.Query = cloneValues(e.Query)
		out[i] = e
	}
	return out
}

// DroppedRequests returns how many requests were served but are no longer
// in Requests, because Config.RequestLogSize newer ones came after them. A
// test that needs the whole log checks that it is zero.
func (s *Server) DroppedRequests() int {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	return s.log.dropped
}

// Count returns how many requests for operation (an operationId, or
// TokenOperation) were served so far, whatever their status; unlike
// Requests it counts every request the server ever served.
func (s *Server) Count(operation string) int {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	return s.log.counts[operation]
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
