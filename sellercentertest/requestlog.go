package sellercentertest

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
)

// Request is one entry of the request log. It holds no headers or bodies, so
// credentials and tokens never end up in it.
type Request struct {
	// Method is the HTTP method.
	Method string
	// Path is the request path as sent, including the API prefix.
	Path string
	// Query holds the query parameters; the values of credential-like ones
	// (client_secret, access_token and the like), which a careless client
	// might put in a URL, are replaced by "REDACTED".
	Query url.Values
	// Operation is the operationId, TokenOperation for the token endpoint, or
	// empty when no operation matched.
	Operation string
	// Status is the status sent, or 0 when no response was sent (a dropped
	// connection, or a client that left while the fake waited).
	Status int
}

type requestLog struct {
	mu      sync.Mutex
	entries []Request
	counts  map[string]int
}

var secretParams = []string{"secret", "token", "password", "apikey", "api_key"}

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
		for _, p := range secretParams {
			if strings.Contains(strings.ToLower(k), p) {
				for i := range vs {
					vs[i] = "REDACTED"
				}
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
	l.entries = append(l.entries, e)
	if l.counts == nil {
		l.counts = map[string]int{}
	}
	l.counts[e.Operation]++
}

// Requests returns the requests served so far, oldest first. Requests still
// being served are not included; a request whose connection a fault drops
// is included before the connection is closed.
func (s *Server) Requests() []Request {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	out := make([]Request, len(s.log.entries))
	for i, e := range s.log.entries {
		e.Query = cloneValues(e.Query)
		out[i] = e
	}
	return out
}

// Count returns how many requests for operation (an operationId, or
// TokenOperation) were served so far, whatever their status.
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
