package sellercenter

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sellercenter-go/sellercenter/internal/oneline"
)

// maxErrorBody caps APIError.Body, so a huge error page cannot pin memory.
const maxErrorBody = 64 << 10

// maxParsedBody is the largest error body Check parses for Problem fields.
const maxParsedBody = 1 << 20

// Error classes. Every *APIError matches the classes of its status with
// errors.Is; the classes are never returned bare.
var (
	// ErrNotFound matches 404 Not Found.
	ErrNotFound = errors.New("sellercenter: not found")
	// ErrUnauthorized matches 401 Unauthorized, returned after the client
	// already fetched a fresh token once: the credentials are not accepted.
	ErrUnauthorized = errors.New("sellercenter: unauthorized")
	// ErrForbidden matches 403 Forbidden: the OAuth application's user lacks
	// the permission.
	ErrForbidden = errors.New("sellercenter: forbidden")
	// ErrRateLimited matches 429 Too Many Requests; APIError.RetryAfter says
	// when to try again, if the API said.
	ErrRateLimited = errors.New("sellercenter: rate limited")
	// ErrMaintenance matches the 503 the API answers during a maintenance
	// window; APIError.RetryAfter says when it expects to be back.
	ErrMaintenance = errors.New("sellercenter: maintenance mode")
	// ErrValidation matches 400 Bad Request and 422 Unprocessable Entity, and
	// any error that lists violations: the request was refused as it is, so
	// repeating it unchanged will fail again.
	ErrValidation = errors.New("sellercenter: validation failed")
	// ErrServer matches every 5xx status, maintenance included.
	ErrServer = errors.New("sellercenter: server error")
)

// Outcome classes. Every error of a call, as Check, the iterators, Import
// and ImportXML return it, matches exactly one of them, so a caller knows
// whether a write it sent may have taken effect. The API has no idempotency
// keys, so this is the only safe way to decide whether to repeat a POST or
// PATCH. (A FeedError is not the error of a call: it reports a feed that
// ran, and its rows say what was applied.)
var (
	// ErrNotApplied matches an error from a call the API certainly did not
	// carry out: nothing was sent (a refused argument, a failed token fetch,
	// a connection that could not be made, a ctx that ended first), or the
	// API turned the request away with a 4xx status, 429 and 401 included,
	// or 503. Repeating the call cannot duplicate a write.
	ErrNotApplied = errors.New("sellercenter: not applied")
	// ErrOutcomeUnknown matches an error from a call the API may have
	// carried out: the connection failed or timed out after the request was
	// written, the API answered a 5xx other than 503, or it answered 2xx
	// with a body that could not be read or decoded. Before repeating a
	// write, read the resource back to see whether it took effect.
	ErrOutcomeUnknown = errors.New("sellercenter: outcome unknown: the API may have applied the request")
)

// APIError is a non-2xx answer of the API. Check returns it; reach it with
// errors.As and classify it with errors.Is and the Err* classes, the outcome
// classes ErrNotApplied and ErrOutcomeUnknown included.
type APIError struct {
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Method is the HTTP method of the request, when known.
	Method string
	// Path is the URL path of the request as sent, escaped (base path
	// included, query excluded), when known.
	Path string

	// Type is the Problem "type" field, a URI or code naming the error kind.
	Type string
	// Title is the Problem "title" field, a short summary such as
	// "Validation Failed".
	Title string
	// Detail is the Problem "detail" field, which often carries legacy
	// error codes such as E023.
	Detail string
	// Message is the "message" field of the maintenance-mode body.
	Message string
	// CausedBy is the "caused_by" field of the maintenance-mode body, for
	// example "maintenance_mode".
	CausedBy string
	// Violations are the per-field failures of a validation error.
	Violations []Violation
	// ItemErrors are the per-order-item failures of a bulk order-item call.
	ItemErrors []ItemError

	// RetryAfter is the wait the API asked for in its Retry-After header,
	// or 0 when it sent none.
	RetryAfter time.Duration
	// Body is the raw response body, cut to its first 64 KiB.
	Body []byte
	// Err is why the body could not be read in full or decoded as
	// declared, or nil. The fields above then come from what was read.
	Err error

	outcome outcome
}

// Violation is one field the API rejected in a validation error.
type Violation struct {
	// PropertyPath locates the field, for example "orderItemIds[0]".
	PropertyPath string
	// Title says what is wrong with it.
	Title string
	// Type is a URI or code naming the constraint.
	Type string
	// Value is the rejected value as text.
	Value string
	// ValueType is the type the API expected, for example "integer".
	ValueType string
}

// ItemError is the failure of one order item in a bulk order-item call.
type ItemError struct {
	// OrderItemID is the order item that failed.
	OrderItemID int
	// Detail says why.
	Detail string
}

// Error implements error. It shows the status and the parsed fields, never
// the raw body.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("sellercenter: ")
	writeCall(&b, e.Method, e.Path)
	b.WriteString("HTTP ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if text := http.StatusText(e.StatusCode); text != "" {
		b.WriteString(" " + text)
	}
	summary := e.Title
	if summary == "" {
		summary = e.Message
	}
	last := http.StatusText(e.StatusCode)
	for _, s := range []string{oneLine(summary), oneLine(e.Detail)} {
		if s != "" && !strings.EqualFold(s, last) {
			b.WriteString(": " + s)
			last = s
		}
	}
	var parts []string
	for _, v := range e.Violations {
		parts = append(parts, oneLine(v.PropertyPath+": "+v.Title))
	}
	for _, ie := range e.ItemErrors {
		parts = append(parts, oneLine("order item "+strconv.Itoa(ie.OrderItemID)+": "+ie.Detail))
	}
	const shown = 5
	if len(parts) > shown {
		parts = append(parts[:shown], "and "+strconv.Itoa(len(parts)-shown)+" more")
	}
	// The API often repeats its violations in detail; say them once.
	if list := strings.Join(parts, "; "); list != "" && !strings.Contains(oneLine(e.Detail), list) {
		b.WriteString(" (" + list + ")")
	}
	if e.Err != nil {
		b.WriteString(": reading the body: " + oneLine(e.Err.Error()))
	}
	if e.outcome == maybeApplied && writeMethod(e.Method) {
		b.WriteString(unknownNote)
	}
	return b.String()
}

// writeCall writes "METHOD path: " for a message, the path cleaned, since
// it carries caller input (a seller SKU) that may hold line breaks.
func writeCall(b *strings.Builder, method, path string) {
	if method == "" && path == "" {
		return
	}
	b.WriteString(oneline.Clean(strings.TrimSpace(method + " " + path)))
	b.WriteString(": ")
}

// oneLine makes server text safe for a one-line message: one line, no
// control characters, at most 300 bytes.
func oneLine(s string) string {
	return oneline.Cut(oneline.Clean(s), 300)
}

// Unwrap returns Err.
func (e *APIError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrNotFound) and the other classes work. An
// APIError that Check did not build (a literal) is not applied unless its
// status says otherwise.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrNotApplied, ErrOutcomeUnknown:
		return max(e.outcome, statusOutcome(e.StatusCode)).is(target)
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrMaintenance:
		return e.maintenance()
	case ErrValidation:
		return e.StatusCode == http.StatusBadRequest || e.StatusCode == http.StatusUnprocessableEntity || len(e.Violations) > 0
	case ErrServer:
		return e.StatusCode >= 500 && e.StatusCode <= 599
	}
	return false
}

// maintenance recognises both documented maintenance bodies: the
// {"message","caused_by":"maintenance_mode"} one and a Problem whose text
// mentions maintenance.
func (e *APIError) maintenance() bool {
	if e.StatusCode != http.StatusServiceUnavailable {
		return false
	}
	if strings.EqualFold(e.CausedBy, "maintenance_mode") {
		return true
	}
	for _, s := range []string{e.Title, e.Message, e.Detail} {
		if strings.Contains(strings.ToLower(s), "maintenance") {
			return true
		}
	}
	return false
}

// newAPIError builds the error for a non-2xx response. req and header may
// be nil; body may be anything, it is parsed leniently and never trusted.
func newAPIError(status int, req *http.Request, header http.Header, body []byte, now time.Time) *APIError {
	e := &APIError{StatusCode: status}
	if req != nil {
		e.Method = req.Method
		if req.URL != nil {
			e.Path = req.URL.EscapedPath()
		}
	}
	if d, ok := parseRetryAfter(header.Get("Retry-After"), now); ok {
		e.RetryAfter = d
	}
	if len(body) > 0 {
		e.Body = bytes.Clone(body[:min(len(body), maxErrorBody)])
	}
	if len(body) <= maxParsedBody {
		e.parse(body)
	}
	return e
}

// parse fills the Problem, maintenance, validation and per-item fields
// from whatever of them the body has. Fields of an unexpected type are
// skipped, never fatal.
func (e *APIError) parse(body []byte) {
	var obj map[string]json.RawMessage
	if json.Unmarshal(body, &obj) != nil {
		return
	}
	e.Type = jsonText(obj["type"])
	e.Title = jsonText(obj["title"])
	e.Detail = jsonText(obj["detail"])
	e.Message = jsonText(obj["message"])
	e.CausedBy = jsonText(obj["caused_by"])
	for _, v := range jsonObjects(obj["violations"]) {
		params := jsonObject(v["parameters"])
		e.Violations = append(e.Violations, Violation{
			PropertyPath: jsonText(v["propertyPath"]),
			Title:        jsonText(v["title"]),
			Type:         jsonText(v["type"]),
			Value:        jsonText(params["value"]),
			ValueType:    jsonText(params["type"]),
		})
	}
	for _, item := range jsonObjects(obj["errors"]) {
		id, _ := strconv.Atoi(jsonText(item["orderItemId"]))
		detail := jsonText(item["detail"])
		if id == 0 && detail == "" {
			continue
		}
		e.ItemErrors = append(e.ItemErrors, ItemError{OrderItemID: id, Detail: detail})
	}
}

// jsonText returns a JSON string's value, or a number's or boolean's
// literal text; anything else is "".
func jsonText(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	switch c := raw[0]; {
	case c == '"':
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
	case c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f':
		if json.Valid(raw) {
			return string(raw)
		}
	}
	return ""
}

func jsonObject(raw json.RawMessage) map[string]json.RawMessage {
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return nil
	}
	return obj
}

// jsonObjects returns the object elements of a JSON array, skipping the
// rest.
func jsonObjects(raw json.RawMessage) []map[string]json.RawMessage {
	var elems []json.RawMessage
	if len(raw) == 0 || json.Unmarshal(raw, &elems) != nil {
		return nil
	}
	var objs []map[string]json.RawMessage
	for _, el := range elems {
		if obj := jsonObject(el); obj != nil {
			objs = append(objs, obj)
		}
	}
	return objs
}

// DecodeError is a 2xx answer whose body could not be read in full or
// decoded into the operation's declared type: cut short, malformed, or of
// another Content-Type than declared (an HTML page from a proxy, say).
// Check returns it, since a nil error would send the caller to a nil
// JSON200. It always matches ErrOutcomeUnknown: the status says the API
// carried the request out, but the answer that would confirm it is lost,
// and the page may not have come from the API at all.
type DecodeError struct {
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Method and Path are the request's, as in APIError.
	Method, Path string
	// ContentType is the Content-Type the answer declared.
	ContentType string
	// Body is the start of what was read, cut to its first 64 KiB.
	Body []byte
	// Err is why it could not be decoded.
	Err error
}

// Error implements error.
func (e *DecodeError) Error() string {
	var b strings.Builder
	b.WriteString("sellercenter: ")
	writeCall(&b, e.Method, e.Path)
	b.WriteString("HTTP " + strconv.Itoa(e.StatusCode))
	if text := http.StatusText(e.StatusCode); text != "" {
		b.WriteString(" " + text)
	}
	b.WriteString(": the answer could not be decoded")
	if e.Err != nil {
		b.WriteString(": " + oneLine(e.Err.Error()))
	}
	b.WriteString(unknownNote)
	return b.String()
}

// Unwrap returns Err.
func (e *DecodeError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrOutcomeUnknown) true.
func (e *DecodeError) Is(target error) bool { return target == ErrOutcomeUnknown }

// newDecodeError builds the error for an undecodable 2xx answer.
func newDecodeError(status int, httpResp *http.Response, body []byte, cause error) *DecodeError {
	e := &DecodeError{StatusCode: status, Err: cause}
	if httpResp != nil {
		e.ContentType = httpResp.Header.Get("Content-Type")
		if req := httpResp.Request; req != nil {
			e.Method = req.Method
			if req.URL != nil {
				e.Path = req.URL.EscapedPath()
			}
		}
	}
	if len(body) > 0 {
		e.Body = bytes.Clone(body[:min(len(body), maxErrorBody)])
	}
	return e
}

// Check turns the result of any generated XxxWithResponse call into an
// error, or nil when the API answered 2xx with the body the operation
// declares:
//
//   - an *APIError for any other status, also when its body could not be
//     read or decoded;
//   - a *DecodeError for a 2xx answer whose declared body could not be read
//     or decoded, or came with another Content-Type;
//   - err, wrapped with the method and path, when the call failed before
//     an answer arrived.
//
// Every error matches exactly one of ErrNotApplied and ErrOutcomeUnknown.
// Use Check directly on the call:
//
//	if err := sellercenter.Check(c.GetOrderWithResponse(ctx, id)); err != nil {
//		return err
//	}
//
// Check never panics, whatever the body, and reports a nil response that
// comes without an error as an error.
func Check(resp interface{ StatusCode() int }, err error) error {
	v := reflect.ValueOf(resp)
	if !v.IsValid() || isNil(v) {
		if err != nil {
			return wrapCallError(err)
		}
		if !v.IsValid() {
			return errors.New("sellercenter: Check: no response and no error")
		}
		return errors.New("sellercenter: Check: nil response and no error")
	}
	body, httpResp := responseFields(v)
	if err != nil && httpResp == nil {
		return wrapCallError(err)
	}
	status := resp.StatusCode()
	if status == 0 {
		return errors.New("sellercenter: Check: response has no HTTP status")
	}
	if status >= 200 && status <= 299 {
		if err == nil {
			err = missingBody(v, status, httpResp)
		}
		if err != nil {
			return newDecodeError(status, httpResp, body, err)
		}
		return nil
	}
	var (
		req    *http.Request
		header http.Header
	)
	if httpResp != nil {
		req, header = httpResp.Request, httpResp.Header
	}
	e := newAPIError(status, req, header, body, time.Now())
	if readErr := (readError{}); errors.As(err, &readErr) {
		// Only a body cut short is worth saying: the fields above are
		// parsed leniently, so a body that merely fails the declared
		// schema loses nothing.
		e.Err = readErr.err
	}
	e.outcome = recordOf(httpResp).combined(statusOutcome(status))
	return e
}

// isNil reports whether v is a nil pointer or other nil-able value: a typed
// nil would make a value-receiver StatusCode panic.
func isNil(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan:
		return v.IsNil()
	}
	return false
}

// missingBody reports a 2xx answer without the decoded body the operation
// declares: the generated parser skips a body whose Content-Type is not the
// declared one, and has no field for a 2xx status the spec does not list.
// (No operation of the spec declares a body for one 2xx status and none for
// another; openapi's TestSpecSuccessBodies keeps it so.)
func missingBody(v reflect.Value, status int, httpResp *http.Response) error {
	fields, others := declaredBodies(v, status)
	for _, f := range fields {
		if !f.IsNil() {
			return nil
		}
	}
	switch {
	case len(fields) > 0:
		ct := ""
		if httpResp != nil {
			ct = httpResp.Header.Get("Content-Type")
		}
		return fmt.Errorf("the body declared for HTTP %d did not come: the answer is Content-Type %s", status, oneline.Quote(ct))
	case len(others) > 0:
		return fmt.Errorf("the API answered HTTP %d, for which the operation declares no body; it declares one for HTTP %s", status, strings.Join(others, ", "))
	}
	return nil
}

// readError marks an error of reading the body, as opposed to decoding it.
type readError struct{ err error }

func (e readError) Error() string { return e.err.Error() }
func (e readError) Unwrap() error { return e.err }

// fieldIndexes locates the Body, HTTPResponse and decoded-body fields
// (JSON200, XML200, ...) of a generated response struct; nil means the type
// has no such field.
type fieldIndexes struct {
	body, httpResp []int
	decoded        map[int][][]int // by status
	successes      []int           // the 2xx statuses in decoded, ascending
}

var (
	fieldCache   sync.Map // reflect.Type → *fieldIndexes
	bytesType    = reflect.TypeFor[[]byte]()
	httpRespType = reflect.TypeFor[*http.Response]()
)

// responseFields reads Body and HTTPResponse from a generated response,
// tolerating types that lack them.
func responseFields(v reflect.Value) (body []byte, resp *http.Response) {
	v, idx := structOf(v)
	if idx == nil {
		return nil, nil
	}
	if idx.body != nil {
		if f, err := v.FieldByIndexErr(idx.body); err == nil {
			body = f.Bytes()
		}
	}
	if idx.httpResp != nil {
		if f, err := v.FieldByIndexErr(idx.httpResp); err == nil && !f.IsNil() {
			resp = f.Interface().(*http.Response)
		}
	}
	return body, resp
}

// declaredBodies returns the decoded-body fields of v for status, and the
// other 2xx statuses that have some.
func declaredBodies(v reflect.Value, status int) (fields []reflect.Value, others []string) {
	v, idx := structOf(v)
	if idx == nil {
		return nil, nil
	}
	for _, i := range idx.decoded[status] {
		if f, err := v.FieldByIndexErr(i); err == nil {
			fields = append(fields, f)
		}
	}
	for _, s := range idx.successes {
		if s != status {
			others = append(others, strconv.Itoa(s))
		}
	}
	return fields, others
}

// structOf dereferences v to the response struct and its field indexes;
// nil indexes mean v is not a struct.
func structOf(v reflect.Value) (reflect.Value, *fieldIndexes) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return v, nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return v, nil
	}
	return v, indexesOf(v.Type())
}

func indexesOf(t reflect.Type) *fieldIndexes {
	if idx, ok := fieldCache.Load(t); ok {
		return idx.(*fieldIndexes)
	}
	idx := &fieldIndexes{}
	if f, ok := t.FieldByName("Body"); ok && f.Type == bytesType && f.IsExported() {
		idx.body = f.Index
	}
	if f, ok := t.FieldByName("HTTPResponse"); ok && f.Type == httpRespType && f.IsExported() {
		idx.httpResp = f.Index
	}
	for _, f := range reflect.VisibleFields(t) {
		name, ok := strings.CutPrefix(f.Name, "JSON")
		if !ok {
			name, ok = strings.CutPrefix(f.Name, "XML")
		}
		status, err := strconv.Atoi(name)
		if !ok || err != nil || len(name) != 3 || !f.IsExported() || f.Type.Kind() != reflect.Pointer {
			continue
		}
		if idx.decoded == nil {
			idx.decoded = map[int][][]int{}
		}
		if status >= 200 && status <= 299 && len(idx.decoded[status]) == 0 {
			idx.successes = append(idx.successes, status)
		}
		idx.decoded[status] = append(idx.decoded[status], f.Index)
	}
	slices.Sort(idx.successes)
	fieldCache.Store(t, idx)
	return idx
}

// callError is a failed call as Check reports it: prefixed, with the
// method and path, the cause reachable with errors.Is and errors.As, and
// the outcome classes.
type callError struct {
	msg     string
	err     error
	outcome outcome
}

func (e *callError) Error() string        { return e.msg }
func (e *callError) Unwrap() error        { return e.err }
func (e *callError) Is(target error) bool { return e.outcome.is(target) }

// wrapCallError prefixes err unless it is already ours, and gives it its
// outcome. The *url.Error http.Client wraps transport errors in is rewritten
// as "METHOD path: cause", dropping the host and query.
func wrapCallError(err error) error {
	var (
		apiErr    *APIError
		decodeErr *DecodeError
		callErr   *callError
	)
	if errors.As(err, &apiErr) || errors.As(err, &decodeErr) || errors.As(err, &callErr) {
		return err
	}
	o := outcomeOfError(err)
	msg := err.Error()
	var uerr *url.Error
	if errors.As(err, &uerr) && uerr.Err != nil {
		var b strings.Builder
		b.WriteString("sellercenter: ")
		path := ""
		if u, perr := url.Parse(uerr.URL); perr == nil {
			path = u.EscapedPath()
		}
		writeCall(&b, strings.ToUpper(uerr.Op), path)
		b.WriteString(oneline.Clean(strings.TrimPrefix(uerr.Err.Error(), "sellercenter: ")))
		if o == maybeApplied && writeMethod(strings.ToUpper(uerr.Op)) {
			b.WriteString(unknownNote)
		}
		msg = b.String()
	} else if !strings.HasPrefix(msg, "sellercenter: ") {
		msg = "sellercenter: " + oneline.Clean(msg)
	} else {
		msg = oneline.Clean(msg)
	}
	return &callError{msg: msg, err: err, outcome: o}
}
