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

func (l *requestLog) begin(r *http.Request, op string) Request {
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
	return Request{Method: r.Method, Path: r.URL.Path, Query: q, Operation: op}
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
// being served are not included.
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
