package sellercenter

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"sync/atomic"
	"syscall"
)

// The rule behind ErrNotApplied and ErrOutcomeUnknown is decided per
// attempt, at the bottom of the transport (sendTracker), where it is known
// whether a connection carried the request, and combined per call: a call
// whose error says "not applied" must not have had any attempt that may have
// been applied (a PUT answered 504, then 429 on its retry, is unknown).

// outcome is what is known of whether the API carried out a request.
type outcome uint8

const (
	// notApplied: the API certainly did not carry it out.
	notApplied outcome = iota
	// maybeApplied: it may have; the caller cannot tell.
	maybeApplied
)

// is answers errors.Is for the two outcome classes.
func (o outcome) is(target error) bool {
	switch target {
	case ErrNotApplied:
		return o == notApplied
	case ErrOutcomeUnknown:
		return o == maybeApplied
	}
	return false
}

// statusOutcome is the outcome an answer's status tells. A 4xx refuses the
// request before it is processed, 503 is the maintenance window or an
// overloaded front that did not forward it, and a 1xx or 3xx carries
// nothing out; 2xx did, and any other 5xx may have failed half way.
func statusOutcome(status int) outcome {
	switch {
	case status >= 200 && status <= 299:
		return maybeApplied
	case status >= 500 && status != http.StatusServiceUnavailable:
		return maybeApplied
	}
	return notApplied
}

// writeMethod reports whether method changes state at the API, so an
// unknown outcome is worth saying in the error message.
func writeMethod(method string) bool {
	switch method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		return true
	}
	return false
}

// unknownNote ends the message of an error whose write may have been
// applied.
const unknownNote = " (outcome unknown: the API may have applied the request)"

// callRecord is shared by all attempts of one call, through the request
// context, so the call's error can say whether any attempt may have been
// applied, not just the last one.
type callRecord struct {
	maybeApplied atomic.Bool
}

type callRecordKey struct{}

// withCallRecord returns ctx with a fresh record, unless it has one: the
// retry layer starts a record, and layers below add to it.
func withCallRecord(ctx context.Context) (context.Context, *callRecord) {
	if rec, ok := ctx.Value(callRecordKey{}).(*callRecord); ok {
		return ctx, rec
	}
	rec := &callRecord{}
	return context.WithValue(ctx, callRecordKey{}, rec), rec
}

// recordOf returns the call record of the request that got resp, or nil.
func recordOf(resp *http.Response) *callRecord {
	if resp == nil || resp.Request == nil {
		return nil
	}
	rec, _ := resp.Request.Context().Value(callRecordKey{}).(*callRecord)
	return rec
}

// note adds one attempt's outcome to the call's.
func (r *callRecord) note(o outcome) {
	if r != nil && o == maybeApplied {
		r.maybeApplied.Store(true)
	}
}

// combined is o, or maybeApplied when any attempt of the call may have
// been applied.
func (r *callRecord) combined(o outcome) outcome {
	if r != nil && r.maybeApplied.Load() {
		return maybeApplied
	}
	return o
}

// sendError is an error of the transport, marked with whether the request
// may have reached the API. Its text is the cause's; it only adds the
// outcome classes.
type sendError struct {
	err     error
	outcome outcome
}

func (e *sendError) Error() string        { return e.err.Error() }
func (e *sendError) Unwrap() error        { return e.err }
func (e *sendError) Is(target error) bool { return e.outcome.is(target) }

// unsent marks err as an error of a request that never left the client.
func unsent(err error) error {
	return &sendError{err: err, outcome: notApplied}
}

// sentOutcome is the outcome the transport marked err with. Inside the
// transport an unmarked error proves nothing, so it counts as possibly
// sent: a POST is never repeated on a guess.
func sentOutcome(err error) outcome {
	var se *sendError
	if errors.As(err, &se) {
		return se.outcome
	}
	return maybeApplied
}

// outcomeOfError is the outcome a call error tells. An error marked by the
// transport says it; any other error inside a *url.Error came out of
// http.Client after the request was handed to it (its own timeout, which
// replaces the transport's error, for one), so it may have been sent; and an
// error without one came from building the request or from a request editor,
// before anything was sent.
func outcomeOfError(err error) outcome {
	var se *sendError
	if errors.As(err, &se) {
		return se.outcome
	}
	var uerr *url.Error
	if errors.As(err, &uerr) {
		return maybeApplied
	}
	return notApplied
}

// sendTracker is the bottom layer: it watches each round trip through
// httptrace, marks its error with whether the request may have reached the
// API, and adds the attempt's outcome to the call record.
type sendTracker struct {
	next http.RoundTripper
	// traced is set when next is an *http.Transport, which reports every
	// connection it uses; any other RoundTripper proves nothing by
	// reporting none.
	traced bool
}

func newSendTracker(next http.RoundTripper) *sendTracker {
	_, traced := next.(*http.Transport)
	return &sendTracker{next: next, traced: traced}
}

// RoundTrip implements http.RoundTripper.
func (t *sendTracker) RoundTrip(req *http.Request) (*http.Response, error) {
	rec, _ := req.Context().Value(callRecordKey{}).(*callRecord)
	trace := &sendTrace{}
	r := req.WithContext(httptrace.WithClientTrace(req.Context(), trace.hooks()))
	resp, err := t.next.RoundTrip(r)
	if err != nil {
		o := maybeApplied
		if trace.unsent(err, t.traced) {
			o = notApplied
		}
		rec.note(o)
		return nil, &sendError{err: err, outcome: o}
	}
	if resp == nil {
		rec.note(maybeApplied)
		return nil, &sendError{err: errors.New("sellercenter: transport returned neither a response nor an error"), outcome: maybeApplied}
	}
	rec.note(statusOutcome(resp.StatusCode))
	if resp.Body != nil && resp.Body != http.NoBody {
		resp.Body = &markedBody{ReadCloser: resp.Body}
	}
	return resp, nil
}

// markedBody marks the errors of reading a response body as readError, so
// Check can tell a body cut short by the network from one that does not
// decode.
type markedBody struct {
	io.ReadCloser
}

func (b *markedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && err != io.EOF {
		err = readError{err: err}
	}
	return n, err
}

// sendTrace records, through httptrace, whether the transport asked for and
// got a connection for the request.
type sendTrace struct {
	getConn, gotConn atomic.Bool
}

func (s *sendTrace) hooks() *httptrace.ClientTrace {
	return &httptrace.ClientTrace{
		GetConn: func(string) { s.getConn.Store(true) },
		GotConn: func(httptrace.GotConnInfo) { s.gotConn.Store(true) },
	}
}

// unsent reports whether err proves that nothing of the request was sent:
// the connection could not be made, or the transport asked for one and
// never got it, or (for an *http.Transport, which reports every connection)
// it failed before asking, as when it refuses a header value.
func (s *sendTrace) unsent(err error, traced bool) bool {
	switch {
	case dialFailed(err):
		return true
	case s.gotConn.Load():
		return false
	}
	return s.getConn.Load() || traced
}

// dialFailed reports a failure to establish the connection.
func dialFailed(err error) bool {
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return true
	}
	var dnsErr *net.DNSError
	return errors.Is(err, syscall.ECONNREFUSED) || errors.As(err, &dnsErr)
}
