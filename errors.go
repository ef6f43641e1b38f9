package sellercenter

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
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

// APIError is a non-2xx answer of the API. Check returns it; reach it with
// errors.As and classify it with errors.Is and the Err* classes.
type APIError struct {
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Method is the HTTP method of the request, when known.
	Method string
	// Path is the URL path of the request (base path included, query
	// excluded), when known.
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
	if e.Method != "" || e.Path != "" {
		b.WriteString(strings.TrimSpace(e.Method + " " + e.Path))
		b.WriteString(": ")
	}
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
	return b.String()
}

// oneLine makes server text safe for a one-line message.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	const limit = 300
	if len(s) > limit {
		cut := limit
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

// Is makes errors.Is(err, ErrNotFound) and the other classes work.
func (e *APIError) Is(target error) bool {
	switch target {
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
			e.Path = req.URL.Path
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

// Check turns the result of any generated XxxWithResponse call into an
// error: nil for a 2xx status, an *APIError for any other status, and err,
// wrapped, when the call itself failed. It reads the generated response's
// Body and HTTPResponse fields, so the error carries the method, path,
// Retry-After and Problem fields. Use it directly on the call:
//
//	if err := sellercenter.Check(c.GetOrderWithResponse(ctx, id)); err != nil {
//		return err
//	}
//
// Check never panics, whatever the body, and reports a nil response that
// comes without an error as an error.
func Check(resp interface{ StatusCode() int }, err error) error {
	if err != nil {
		return wrapCallError(err)
	}
	v := reflect.ValueOf(resp)
	if !v.IsValid() {
		return errors.New("sellercenter: Check: no response and no error")
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan:
		// A nil pointer would make a value-receiver StatusCode panic.
		if v.IsNil() {
			return errors.New("sellercenter: Check: nil response and no error")
		}
	}
	status := resp.StatusCode()
	if status >= 200 && status <= 299 {
		return nil
	}
	body, httpResp := responseFields(v)
	if status == 0 {
		return errors.New("sellercenter: Check: response has no HTTP status")
	}
	var (
		req    *http.Request
		header http.Header
	)
	if httpResp != nil {
		req, header = httpResp.Request, httpResp.Header
	}
	return newAPIError(status, req, header, body, time.Now())
}

// fieldIndexes locates the Body and HTTPResponse fields of a generated
// response struct; nil means the type has no such field.
type fieldIndexes struct {
	body, httpResp []int
}

var (
	fieldCache   sync.Map // reflect.Type → fieldIndexes
	bytesType    = reflect.TypeFor[[]byte]()
	httpRespType = reflect.TypeFor[*http.Response]()
)

// responseFields reads Body and HTTPResponse from a generated response,
// tolerating types that lack them.
func responseFields(v reflect.Value) (body []byte, resp *http.Response) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil, nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil, nil
	}
	idx := indexesOf(v.Type())
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

func indexesOf(t reflect.Type) fieldIndexes {
	if idx, ok := fieldCache.Load(t); ok {
		return idx.(fieldIndexes)
	}
	var idx fieldIndexes
	if f, ok := t.FieldByName("Body"); ok && f.Type == bytesType && f.IsExported() {
		idx.body = f.Index
	}
	if f, ok := t.FieldByName("HTTPResponse"); ok && f.Type == httpRespType && f.IsExported() {
		idx.httpResp = f.Index
	}
	fieldCache.Store(t, idx)
	return idx
}

// callError is a failed call as Check reports it: prefixed, with the
// method and path, and the cause reachable with errors.Is and errors.As.
type callError struct {
	msg string
	err error
}

func (e *callError) Error() string { return e.msg }
func (e *callError) Unwrap() error { return e.err }

// wrapCallError prefixes err unless it is already ours. The *url.Error
// http.Client wraps transport errors in is rewritten as "METHOD path: cause",
// dropping the host and query.
func wrapCallError(err error) error {
	var apiErr *APIError
	if errors.As(err, &apiErr) || strings.HasPrefix(err.Error(), "sellercenter: ") {
		return err
	}
	var uerr *url.Error
	if errors.As(err, &uerr) && uerr.Err != nil {
		where := strings.ToUpper(uerr.Op)
		if u, perr := url.Parse(uerr.URL); perr == nil {
			where += " " + u.Path
		}
		cause := strings.TrimPrefix(uerr.Err.Error(), "sellercenter: ")
		return &callError{msg: "sellercenter: " + where + ": " + cause, err: err}
	}
	return fmt.Errorf("sellercenter: %w", err)
}
