package sellercentertest

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/sellercenter-go/sellercenter/gen"
)

// Scope selects the responses a fault applies to.
type Scope struct {
	// Operation is the operationId to affect, or TokenOperation for the
	// token endpoint. Empty affects every API operation, but not the token
	// endpoint.
	Operation string
	// Count is how many responses to affect; zero affects every matching
	// response until the fault is removed.
	Count int
}

type faultKind int

const (
	kindLatency faultKind = iota
	kindDrop
	kindFail
	kindMalform
)

type fault struct {
	kind       faultKind
	scope      Scope
	left       int // responses left to affect; -1 for no limit
	status     int
	retryAfter string
	latency    time.Duration
}

func (f *fault) matches(op string) bool {
	if f.scope.Operation == "" {
		return op != TokenOperation
	}
	return f.scope.Operation == op
}

// faultSet holds the active faults. A fault with a count is removed once it
// has affected that many responses.
type faultSet struct {
	mu          sync.Mutex
	list        []*fault
	maintenance []*string // Retry-After of each open window, oldest first
}

// plan is what the faults do to one request, decided (and counted) when it
// arrives.
type plan struct {
	latency     time.Duration
	maintenance bool
	retryAfter  string
	drop        bool
	fail        *fault
	malform     bool
}

func (fs *faultSet) add(f *fault) func() {
	fs.mu.Lock()
	fs.list = append(fs.list, f)
	fs.mu.Unlock()
	return func() {
		fs.mu.Lock()
		defer fs.mu.Unlock()
		for i, g := range fs.list {
			if g == f {
				fs.list = append(fs.list[:i], fs.list[i+1:]...)
				return
			}
		}
	}
}

// take returns the first fault of kind matching op and counts the response
// against it.
func (fs *faultSet) take(kind faultKind, op string) *fault {
	for i, f := range fs.list {
		if f.kind != kind || !f.matches(op) {
			continue
		}
		fs.consume(i)
		return f
	}
	return nil
}

func (fs *faultSet) consume(i int) {
	f := fs.list[i]
	if f.left < 0 {
		return
	}
	f.left--
	if f.left == 0 {
		fs.list = append(fs.list[:i], fs.list[i+1:]...)
	}
}

func (fs *faultSet) plan(op string) plan {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	var p plan
	for i := 0; i < len(fs.list); i++ {
		f := fs.list[i]
		if f.kind == kindLatency && f.matches(op) {
			p.latency += f.latency
			n := len(fs.list)
			fs.consume(i)
			if len(fs.list) < n {
				i--
			}
		}
	}
	if n := len(fs.maintenance); n > 0 && op != TokenOperation {
		p.maintenance, p.retryAfter = true, *fs.maintenance[n-1]
		return p
	}
	if fs.take(kindDrop, op) != nil {
		p.drop = true
		return p
	}
	if f := fs.take(kindFail, op); f != nil {
		p.fail = f
		return p
	}
	p.malform = fs.take(kindMalform, op) != nil
	return p
}

func (s *Server) checkScope(sc Scope) error {
	if sc.Count < 0 {
		return fmt.Errorf("sellercentertest: negative Count %d in Scope", sc.Count)
	}
	if sc.Operation != "" && sc.Operation != TokenOperation && s.ops.byID[sc.Operation] == nil {
		return fmt.Errorf("sellercentertest: unknown operation %q in Scope", sc.Operation)
	}
	return nil
}

func (s *Server) inject(f *fault) (func(), error) {
	if err := s.checkScope(f.scope); err != nil {
		return nil, err
	}
	f.left = f.scope.Count
	if f.left == 0 {
		f.left = -1
	}
	var once sync.Once
	remove := s.faults.add(f)
	return func() { once.Do(remove) }, nil
}

// Fail makes the responses in scope carry status (400 to 599) with a Problem
// body instead of reaching the fake's logic, and a Retry-After header when
// retryAfter is not empty (seconds, or an HTTP date). The returned func
// removes the fault; calling it again does nothing.
func (s *Server) Fail(scope Scope, status int, retryAfter string) (remove func(), err error) {
	if status < 400 || status > 599 {
		return nil, fmt.Errorf("sellercentertest: Fail status %d is not an error status (400 to 599)", status)
	}
	return s.inject(&fault{kind: kindFail, scope: scope, status: status, retryAfter: retryAfter})
}

// AddLatency delays the responses in scope by d, waited out with
// Config.Sleep. Several latencies that match one request add up.
func (s *Server) AddLatency(scope Scope, d time.Duration) (remove func(), err error) {
	if d < 0 {
		return nil, fmt.Errorf("sellercentertest: negative latency %v", d)
	}
	return s.inject(&fault{kind: kindLatency, scope: scope, latency: d})
}

// DropConnections closes the connection of the requests in scope without
// sending a response. Note that Go's http.Transport retries an idempotent
// request once by itself when a reused connection is closed this way, so a
// Count of 1 may go unnoticed by a Go client; use 2, or a POST.
func (s *Server) DropConnections(scope Scope) (remove func(), err error) {
	return s.inject(&fault{kind: kindDrop, scope: scope})
}

// MalformBodies cuts the body of the responses in scope in half, keeping
// their status and headers, so a client's JSON decoding fails.
func (s *Server) MalformBodies(scope Scope) (remove func(), err error) {
	return s.inject(&fault{kind: kindMalform, scope: scope})
}

// Maintenance puts the API in maintenance mode: every API request, the
// health check included, is answered 503 with the maintenance body of the
// real API and a Retry-After header when retryAfter is not empty. The token
// endpoint keeps working. The returned func ends the window; calling it
// again does nothing. Windows may overlap; the newest one's Retry-After is
// sent.
func (s *Server) Maintenance(retryAfter string) (end func()) {
	fs := &s.faults
	ra := &retryAfter
	fs.mu.Lock()
	fs.maintenance = append(fs.maintenance, ra)
	fs.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			fs.mu.Lock()
			defer fs.mu.Unlock()
			for i, w := range fs.maintenance {
				if w == ra {
					fs.maintenance = append(fs.maintenance[:i], fs.maintenance[i+1:]...)
					return
				}
			}
		})
	}
}

// applyFaults carries out the part of p that comes before the fake's logic.
// done reports whether the response was sent (or the connection dropped),
// status what was sent (0 for nothing). A dropped request is logged before
// its connection is closed.
func (s *Server) applyFaults(ctx context.Context, p plan, req *pending, w http.ResponseWriter) (status int, done bool) {
	if p.latency > 0 {
		if err := s.sleep(ctx, p.latency); err != nil {
			if ctx.Err() != nil {
				// The client left, or Close is stopping the server: end the
				// connection rather than send an empty 200.
				p.drop = true
			} else {
				writeJSON(w, http.StatusInternalServerError, problem(http.StatusInternalServerError, "server_error",
					"Internal Server Error", "sellercentertest: Config.Sleep failed: "+err.Error()), nil)
				return http.StatusInternalServerError, true
			}
		}
	}
	retry := func(v string) http.Header {
		if v == "" {
			return nil
		}
		return http.Header{"Retry-After": {v}}
	}
	switch {
	case p.drop:
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			writeJSON(w, http.StatusInternalServerError, problem(http.StatusInternalServerError, "server_error",
				"Internal Server Error", "sellercentertest: this connection cannot be dropped: "+err.Error()), nil)
			return http.StatusInternalServerError, true
		}
		req.finish(0)
		_ = conn.Close() // dropping it is the point; nothing to do on error
		return 0, true
	case p.maintenance:
		writeJSON(w, http.StatusServiceUnavailable, gen.Unavailable{
			Message:  "Service is unavailable due to maintenance mode",
			CausedBy: "maintenance_mode",
		}, retry(p.retryAfter))
		return http.StatusServiceUnavailable, true
	case p.fail != nil:
		title := http.StatusText(p.fail.status)
		if title == "" {
			title = fmt.Sprintf("Error %d", p.fail.status)
		}
		detail := "sellercentertest: injected failure"
		var body any = problem(p.fail.status, "injected_failure", title, detail)
		if p.fail.status == http.StatusServiceUnavailable {
			body = gen.Unavailable{Type: "injected_failure", Title: title, Status: int32(p.fail.status), Detail: detail}
		}
		writeJSON(w, p.fail.status, body, retry(p.fail.retryAfter))
		return p.fail.status, true
	}
	return 0, false
}
