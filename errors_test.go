package sellercenter

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/sellercenter-go/sellercenter/gen"
)

// fakeResponse builds an orderResponse as generated code would after a call
// to POST /api/v2/orders/7/status.
func fakeResponse(status int, header http.Header, body string) *orderResponse {
	req, _ := http.NewRequest(http.MethodPost, "https://api.example.test/api/v2/orders/7/status?x=1", nil)
	if header == nil {
		header = http.Header{}
	}
	return &orderResponse{Body: []byte(body), HTTPResponse: &http.Response{StatusCode: status, Header: header, Request: req}}
}

func TestCheck(t *testing.T) {
	t.Parallel()
	allClasses := []error{ErrNotFound, ErrUnauthorized, ErrForbidden, ErrRateLimited, ErrMaintenance, ErrValidation, ErrServer}
	huge := strings.Repeat("x", 2<<20)
	tests := []struct {
		name    string
		status  int
		header  http.Header
		body    string
		classes []error // classes it must match; every other one must not
		want    APIError
		wantMsg string
	}{
		{
			name: "404 problem", status: 404,
			body:    `{"type":"about:blank","title":"Entity not found","status":404,"detail":"Order 7 does not exist"}`,
			classes: []error{ErrNotFound},
			want:    APIError{Type: "about:blank", Title: "Entity not found", Detail: "Order 7 does not exist"},
			wantMsg: "sellercenter: POST /api/v2/orders/7/status: HTTP 404 Not Found: Entity not found: Order 7 does not exist",
		},
		{
			name: "400 validation", status: 400,
			body:    `{"type":"https://symfony.com/errors/validation","title":"Validation Failed","detail":"orderItemIds[0]: This value should be of type integer.","violations":[{"propertyPath":"orderItemIds[0]","title":"This value should be of type integer.","parameters":{"value":"abc","type":"integer"},"type":"urn:uuid:ba785a8c"},{"propertyPath":"reason","title":"Too long.","parameters":{"value":12}}]}`,
			classes: []error{ErrValidation},
			want: APIError{
				Type: "https://symfony.com/errors/validation", Title: "Validation Failed", Detail: "orderItemIds[0]: This value should be of type integer.",
				Violations: []Violation{
					{PropertyPath: "orderItemIds[0]", Title: "This value should be of type integer.", Type: "urn:uuid:ba785a8c", Value: "abc", ValueType: "integer"},
					{PropertyPath: "reason", Title: "Too long.", Value: "12"},
				},
			},
			wantMsg: "sellercenter: POST /api/v2/orders/7/status: HTTP 400 Bad Request: Validation Failed: orderItemIds[0]: This value should be of type integer. (orderItemIds[0]: This value should be of type integer.; reason: Too long.)",
		},
		{
			name: "422 per-item errors", status: 422,
			body:    `{"errors":[{"orderItemId":1,"detail":"E073: All order items must have status Delivered"},{"orderItemId":"2","detail":"E450"},"junk",{"other":true}]}`,
			classes: []error{ErrValidation},
			want: APIError{ItemErrors: []ItemError{
				{OrderItemID: 1, Detail: "E073: All order items must have status Delivered"},
				{OrderItemID: 2, Detail: "E450"},
			}},
			wantMsg: "sellercenter: POST /api/v2/orders/7/status: HTTP 422 Unprocessable Entity (order item 1: E073: All order items must have status Delivered; order item 2: E450)",
		},
		{
			name: "503 maintenance", status: 503, header: http.Header{"Retry-After": {"120"}},
			body:    `{"message":"Service is unavailable due to maintenance mode","caused_by":"maintenance_mode"}`,
			classes: []error{ErrMaintenance, ErrServer},
			want:    APIError{Message: "Service is unavailable due to maintenance mode", CausedBy: "maintenance_mode", RetryAfter: 2 * time.Minute},
			wantMsg: "sellercenter: POST /api/v2/orders/7/status: HTTP 503 Service Unavailable: Service is unavailable due to maintenance mode",
		},
		{
			name: "503 problem mentioning maintenance", status: 503,
			body:    `{"title":"Service Unavailable Due to Maintenance Mode","status":503,"detail":"Back soon"}`,
			classes: []error{ErrMaintenance, ErrServer},
			want:    APIError{Title: "Service Unavailable Due to Maintenance Mode", Detail: "Back soon"},
		},
		{
			name: "503 without maintenance", status: 503, header: http.Header{"Retry-After": {"Sat, 01 Mar 2099 12:00:30 GMT"}},
			body:    `{"title":"Service Unavailable","status":503}`,
			classes: []error{ErrServer},
			want:    APIError{Title: "Service Unavailable"},
			wantMsg: "sellercenter: POST /api/v2/orders/7/status: HTTP 503 Service Unavailable",
		},
		{name: "401", status: 401, body: `{"title":"Unauthorized","status":401,"detail":"Authentication credentials were not provided or are invalid"}`, classes: []error{ErrUnauthorized},
			want: APIError{Title: "Unauthorized", Detail: "Authentication credentials were not provided or are invalid"}},
		{name: "403 empty body", status: 403, classes: []error{ErrForbidden},
			wantMsg: "sellercenter: POST /api/v2/orders/7/status: HTTP 403 Forbidden"},
		{name: "429", status: 429, header: http.Header{"Retry-After": {"3"}}, classes: []error{ErrRateLimited}, want: APIError{RetryAfter: 3 * time.Second}},
		{name: "500 HTML", status: 500, body: "<html><body>Internal error</body></html>", classes: []error{ErrServer}},
		{name: "502 invalid JSON", status: 502, body: `{"title":`, classes: []error{ErrServer}},
		{name: "500 JSON array", status: 500, body: `[1,2,3]`, classes: []error{ErrServer}},
		{name: "500 fields of odd types", status: 500, body: `{"title":{"a":1},"detail":["x"],"type":7,"violations":"none","errors":{"x":1}}`, classes: []error{ErrServer}, want: APIError{Type: "7"}},
		{name: "500 title with line breaks", status: 500, body: `{"title":"line one\nline two\r\n  three"}`, classes: []error{ErrServer},
			want: APIError{Title: "line one\nline two\r\n  three"}, wantMsg: "sellercenter: POST /api/v2/orders/7/status: HTTP 500 Internal Server Error: line one line two three" + unknownNote},
		{name: "500 huge body", status: 500, body: huge, classes: []error{ErrServer}},
		{name: "304 is an error too", status: 304},
		{name: "418 unknown class", status: 418, body: `{"title":"teapot"}`, want: APIError{Title: "teapot"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := Check(fakeResponse(tt.status, tt.header, tt.body), nil)
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("Check(%d) = %v, want an *APIError", tt.status, err)
			}
			want := tt.want
			want.StatusCode, want.Method, want.Path = tt.status, http.MethodPost, "/api/v2/orders/7/status"
			want.outcome = statusOutcome(tt.status)
			if len(tt.body) > 0 {
				want.Body = []byte(tt.body[:min(len(tt.body), maxErrorBody)])
			}
			if strings.HasPrefix(tt.header.Get("Retry-After"), "Sat") {
				if apiErr.RetryAfter < time.Hour {
					t.Errorf("Check(%d).RetryAfter = %v, want the time until 2099", tt.status, apiErr.RetryAfter)
				}
				want.RetryAfter = apiErr.RetryAfter
			}
			if !reflect.DeepEqual(*apiErr, want) {
				t.Errorf("Check(%d) = %#v, want %#v", tt.status, *apiErr, want)
			}
			for _, class := range allClasses {
				wantIs := false
				for _, c := range tt.classes {
					wantIs = wantIs || c == class
				}
				if got := errors.Is(err, class); got != wantIs {
					t.Errorf("errors.Is(Check(%d), %v) = %t, want %t", tt.status, class, got, wantIs)
				}
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "sellercenter: ") || strings.ContainsAny(msg, "\r\n") || len(msg) > 2000 {
				t.Errorf("Check(%d).Error() = %q, want one line starting %q", tt.status, msg, "sellercenter: ")
			}
			if tt.wantMsg != "" && msg != tt.wantMsg {
				t.Errorf("Check(%d).Error() = %q, want %q", tt.status, msg, tt.wantMsg)
			}
		})
	}
}

// noBodyResponse is the generated shape of an operation that declares no
// response body, such as a 204 delete.
type noBodyResponse struct {
	Body         []byte
	HTTPResponse *http.Response
}

func (r noBodyResponse) StatusCode() int { return r.HTTPResponse.StatusCode }

func TestCheckSuccess(t *testing.T) {
	t.Parallel()
	decoded := fakeResponse(200, http.Header{"Content-Type": {"application/json"}}, `{"id":7}`)
	decoded.JSON200 = &struct {
		ID int `json:"id"`
	}{ID: 7}
	tests := []struct {
		name string
		resp interface{ StatusCode() int }
	}{
		{"200 decoded", decoded},
		{"200 decoded, by value", *decoded},
	}
	for _, status := range []int{200, 201, 202, 204, 299} {
		resp := fakeResponse(status, nil, "")
		tests = append(tests, struct {
			name string
			resp interface{ StatusCode() int }
		}{fmt.Sprintf("%d without a declared body", status), noBodyResponse{HTTPResponse: resp.HTTPResponse}})
	}
	for _, tt := range tests {
		if err := Check(tt.resp, nil); err != nil {
			t.Errorf("Check(%s) = %v, want nil", tt.name, err)
		}
	}
}

// TestCheckUndecodable covers answers whose body could not be read or
// decoded: a 2xx is a *DecodeError of unknown outcome (never nil, which
// would send the caller to a nil JSON200), any other status an *APIError
// that keeps its status and classes.
func TestCheckUndecodable(t *testing.T) {
	t.Parallel()
	html := http.Header{"Content-Type": {"text/html"}}
	jsonCT := http.Header{"Content-Type": {"application/json"}}
	cut := readError{err: io.ErrUnexpectedEOF}
	tests := []struct {
		name    string
		status  int
		header  http.Header
		body    string
		err     error // what the generated parser returned with the response
		decode  bool  // want a *DecodeError, else an *APIError
		classes []error
		wantIn  []string
		wantErr error // reachable with errors.Is
	}{
		{name: "200 text/html", status: 200, header: html, body: "<html>login</html>", decode: true,
			wantIn: []string{"HTTP 200 OK", `Content-Type "text/html"`, unknownNote}},
		{name: "200 malformed JSON", status: 200, header: jsonCT, body: `{not json`, err: decodeFailure(`{not json`), decode: true,
			wantIn: []string{"POST /api/v2/orders/7/status: HTTP 200 OK: the answer could not be decoded: invalid character"}},
		{name: "200 cut short", status: 200, header: jsonCT, body: `{"id":`, err: cut, decode: true, wantErr: io.ErrUnexpectedEOF,
			wantIn: []string{"unexpected EOF"}},
		{name: "204 where a body is declared", status: 204, decode: true, wantIn: []string{"HTTP 204", "declares no body", "HTTP 200"}},
		{name: "503 HTML with JSON Content-Type", status: 503, header: jsonCT, body: "<html>down</html>", err: decodeFailure("<html>"),
			classes: []error{ErrServer, ErrNotApplied}, wantIn: []string{"HTTP 503 Service Unavailable"}},
		{name: "503 cut short", status: 503, header: jsonCT, body: `{"message":"Service is unavailable due to maintenance mode","caused_by":"maint`, err: cut,
			classes: []error{ErrServer, ErrNotApplied}, wantErr: io.ErrUnexpectedEOF, wantIn: []string{"reading the body: unexpected EOF"}},
		{name: "500 malformed", status: 500, header: jsonCT, body: `{"title":`, err: decodeFailure(`{"title":`),
			classes: []error{ErrServer, ErrOutcomeUnknown}, wantIn: []string{"HTTP 500", unknownNote}},
		{name: "404 cut short", status: 404, header: jsonCT, body: `{"title":"Entity not`, err: cut,
			classes: []error{ErrNotFound, ErrNotApplied}, wantErr: io.ErrUnexpectedEOF},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := Check(fakeResponse(tt.status, tt.header, tt.body), tt.err)
			var (
				decodeErr *DecodeError
				apiErr    *APIError
			)
			switch {
			case tt.decode && !errors.As(err, &decodeErr):
				t.Fatalf("Check = %v, want a *DecodeError", err)
			case !tt.decode && !errors.As(err, &apiErr):
				t.Fatalf("Check = %v, want an *APIError", err)
			case tt.decode:
				if decodeErr.StatusCode != tt.status || decodeErr.Method != http.MethodPost || decodeErr.Path != "/api/v2/orders/7/status" || string(decodeErr.Body) != tt.body {
					t.Errorf("DecodeError = %+v, want status %d, the method, path and body", decodeErr, tt.status)
				}
				tt.classes = []error{ErrOutcomeUnknown}
			default:
				if apiErr.StatusCode != tt.status {
					t.Errorf("APIError.StatusCode = %d, want %d", apiErr.StatusCode, tt.status)
				}
			}
			for _, class := range []error{ErrNotFound, ErrServer, ErrMaintenance, ErrValidation, ErrNotApplied, ErrOutcomeUnknown} {
				if got, want := errors.Is(err, class), slices.Contains(tt.classes, class); got != want {
					t.Errorf("errors.Is(%v, %v) = %t, want %t", err, class, got, want)
				}
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("errors.Is(%v, %v) = false, want true", err, tt.wantErr)
			}
			for _, want := range tt.wantIn {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("Check = %q, want %q in it", err, want)
				}
			}
		})
	}
}

// decodeFailure returns the error encoding/json gives for body.
func decodeFailure(body string) error {
	var v any
	return json.Unmarshal([]byte(body), &v)
}

// bareResponse lacks the Body and HTTPResponse fields.
type bareResponse struct{ code int }

func (r bareResponse) StatusCode() int { return r.code }

// embeddingResponse reaches the fields through a nil embedded pointer.
type embeddingResponse struct{ *orderResponse }

func (r embeddingResponse) StatusCode() int { return 500 }

func TestCheckOddResponses(t *testing.T) {
	t.Parallel()
	errCall := errors.New("boom")
	var typedNil *orderResponse
	apiErr := &APIError{StatusCode: 404}
	tests := []struct {
		name     string
		resp     interface{ StatusCode() int }
		err      error
		wantMsg  string
		wantIs   error
		wantType bool // want an *APIError
	}{
		{name: "typed nil response with error", resp: typedNil, err: errCall, wantMsg: "sellercenter: boom", wantIs: errCall},
		{name: "typed nil response without error", resp: typedNil, wantMsg: "sellercenter: Check: nil response and no error"},
		{name: "nil interface without error", resp: nil, wantMsg: "sellercenter: Check: no response and no error"},
		{name: "no HTTP response", resp: &orderResponse{}, wantMsg: "sellercenter: Check: response has no HTTP status"},
		{name: "type without fields", resp: bareResponse{code: 404}, wantMsg: "sellercenter: HTTP 404 Not Found", wantIs: ErrNotFound, wantType: true},
		{name: "nil embedded pointer", resp: embeddingResponse{}, wantMsg: "sellercenter: HTTP 500 Internal Server Error", wantIs: ErrServer, wantType: true},
		{name: "our error passes through", resp: typedNil, err: fmt.Errorf("sellercenter: getting an access token: %w", errCall), wantMsg: "sellercenter: getting an access token: boom", wantIs: errCall},
		{name: "APIError passes through", resp: typedNil, err: apiErr, wantMsg: apiErr.Error(), wantIs: ErrNotFound, wantType: true},
		{
			name:    "url.Error is rewritten without host and query",
			resp:    typedNil,
			err:     &url.Error{Op: "Post", URL: "https://api.example.test/api/v2/orders?secret=1", Err: unsent(fmt.Errorf("sellercenter: waiting for the rate limiter: %w", context.Canceled))},
			wantMsg: "sellercenter: POST /api/v2/orders: waiting for the rate limiter: context canceled", wantIs: context.Canceled,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := Check(tt.resp, tt.err)
			if err == nil || err.Error() != tt.wantMsg {
				t.Fatalf("Check(%s) = %v, want %q", tt.name, err, tt.wantMsg)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("errors.Is(Check(%s), %v) = false, want true", tt.name, tt.wantIs)
			}
			var target *APIError
			if got := errors.As(err, &target); got != tt.wantType {
				t.Errorf("errors.As(Check(%s), *APIError) = %t, want %t", tt.name, got, tt.wantType)
			}
		})
	}
}

func TestAPIErrorMessageLimits(t *testing.T) {
	t.Parallel()
	e := &APIError{StatusCode: 400, Title: strings.Repeat("é", 400)}
	for i := range 8 {
		e.Violations = append(e.Violations, Violation{PropertyPath: fmt.Sprintf("f%d", i), Title: "bad"})
	}
	msg := e.Error()
	if !strings.Contains(msg, "; and 3 more)") {
		t.Errorf("APIError.Error() = %q, want the violations cut after 5 with \"and 3 more\"", msg)
	}
	if !strings.Contains(msg, "…") || len(msg) > 600 {
		t.Errorf("APIError.Error() = %d bytes, want the title cut", len(msg))
	}
	if strings.ToValidUTF8(msg, "?") != msg {
		t.Errorf("APIError.Error() is not valid UTF-8, want runes kept whole")
	}
}

func TestAPIErrorMessageSaysViolationsOnce(t *testing.T) {
	t.Parallel()
	violations := []Violation{{PropertyPath: "limit", Title: "number must be at least 1"}, {PropertyPath: "offset", Title: "is required"}}
	tests := []struct {
		detail string
		want   string
	}{
		{"limit: number must be at least 1; offset: is required",
			"sellercenter: HTTP 400 Bad Request: Validation Failed: limit: number must be at least 1; offset: is required"},
		{"2 fields are wrong",
			"sellercenter: HTTP 400 Bad Request: Validation Failed: 2 fields are wrong (limit: number must be at least 1; offset: is required)"},
		{"", "sellercenter: HTTP 400 Bad Request: Validation Failed (limit: number must be at least 1; offset: is required)"},
	}
	for _, tt := range tests {
		e := &APIError{StatusCode: 400, Title: "Validation Failed", Detail: tt.detail, Violations: violations}
		if got := e.Error(); got != tt.want {
			t.Errorf("APIError{Detail: %q}.Error() = %q, want %q", tt.detail, got, tt.want)
		}
	}
}

func TestAPIErrorBodyCap(t *testing.T) {
	t.Parallel()
	body := strings.Repeat("y", maxErrorBody+10)
	err := Check(fakeResponse(500, nil, body), nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || len(apiErr.Body) != maxErrorBody || cap(apiErr.Body) > maxErrorBody+64 {
		t.Errorf("Check(500 with %d bytes).Body = %d bytes, want %d", len(body), len(apiErr.Body), maxErrorBody)
	}
}

func BenchmarkCheckError(b *testing.B) {
	resp := fakeResponse(422, http.Header{"Retry-After": {"1"}}, `{"type":"t","title":"Status Transition is not allowed","status":422,"detail":"Status 'x' is not valid status for order item."}`)
	b.ReportAllocs()
	for b.Loop() {
		if Check(resp, nil) == nil {
			b.Fatal("Check = nil")
		}
	}
}

// parser adapts a generated parser for FuzzCheck: it returns the response,
// whether the declared 2xx body is there, and the parser's error.
func parser[R interface{ StatusCode() int }](parse func(*http.Response) (R, error), ok func(R) bool) func(*http.Response) (interface{ StatusCode() int }, bool, error) {
	return func(r *http.Response) (interface{ StatusCode() int }, bool, error) {
		v, err := parse(r)
		return v, ok(v), err
	}
}

// FuzzCheck feeds the response parsers of a representative set of
// operations (an object, a list page, a write's answer, an array, an XML
// envelope, a binary download, the health probe) any status, Content-Type,
// Retry-After and body, and Checks the result. It never panics; nil comes
// only with a 2xx and the declared body decoded; an error is one line that
// starts with the package name and matches exactly one outcome class.
func FuzzCheck(f *testing.F) {
	parsers := []func(*http.Response) (interface{ StatusCode() int }, bool, error){
		parser(gen.ParseGetOrderResponse, func(v *gen.GetOrderResponse) bool { return v.JSON200 != nil }),
		parser(gen.ParseListOrdersResponse, func(v *gen.ListOrdersResponse) bool { return v.JSON200 != nil }),
		parser(gen.ParseSetOrderItemsShippedResponse, func(v *gen.SetOrderItemsShippedResponse) bool { return v.JSON200 != nil }),
		parser(gen.ParseUpdateProductStockResponse, func(v *gen.UpdateProductStockResponse) bool { return v.JSON200 != nil }),
		parser(gen.ParseImportStockUpdatesXmlResponse, func(v *gen.ImportStockUpdatesXmlResponse) bool { return v.XML200 != nil }),
		parser(gen.ParseDownloadFileResponse, func(*gen.DownloadFileResponse) bool { return true }),
		parser(gen.ParseGetHealthResponse, func(v *gen.GetHealthResponse) bool { return v.JSON200 != nil }),
	}
	seeds := []struct {
		op     uint8
		status int
		ctype  string
		after  string
		body   string
	}{
		{0, 200, "application/json", "", `{"id":1001,"number":"300100100","createdAt":"2024-10-01 08:00:00"}`},
		{0, 200, "text/html", "", "<html>proxy</html>"},
		{1, 200, "application/json", "", `{"items":[{"id":1}],"pagination":{"totalCount":1}}`},
		{2, 200, "application/json", "", `{not json`},
		{2, 503, "application/json", "120", `{"message":"maintenance","caused_by":"maintenance_mode"}`},
		{3, 200, "application/json", "", `[{"productId":1,"quantity":2}]`},
		{3, 422, "application/json", "", `{"errors":[{"orderItemId":"x\r\n","detail":"\x1b[2J"}]}`},
		{4, 200, "text/xml", "", `<SuccessResponse><Head><RequestId>r</RequestId></Head></SuccessResponse>`},
		{4, 400, "text/xml", "", `<ErrorResponse><Head><ErrorCode>5`},
		{5, 200, "application/octet-stream", "", "\x00\x01binary"},
		{6, 200, "application/json", "", `{"status":"ok"}`},
		{6, 429, "application/json", "soon", `{"title":"Too Many Requests"}`},
		{0, 204, "", "", ""},
	}
	for _, s := range seeds {
		f.Add(s.op, s.status, s.ctype, s.after, s.body)
	}
	f.Fuzz(func(t *testing.T, op uint8, status int, ctype, after, body string) {
		if status < 100 || status > 999 {
			t.Skip()
		}
		req, _ := http.NewRequest(http.MethodPost, "https://api.example.test/api/v2/x", nil)
		h := http.Header{"Content-Type": {ctype}}
		if after != "" {
			h.Set("Retry-After", after)
		}
		resp := &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(body)), Request: req}
		parsed, declared, parseErr := parsers[int(op)%len(parsers)](resp)
		err := Check(parsed, parseErr)
		if err == nil {
			if status < 200 || status > 299 || !declared {
				t.Fatalf("Check(%d %q) = nil without the declared body", status, ctype)
			}
			return
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "sellercenter: ") || strings.IndexFunc(msg, unicode.IsControl) >= 0 {
			t.Errorf("Check(%d) = %q, want one clean line starting with the package name", status, msg)
		}
		if errors.Is(err, ErrNotApplied) == errors.Is(err, ErrOutcomeUnknown) {
			t.Errorf("Check(%d) = %v matches %t/%t of ErrNotApplied/ErrOutcomeUnknown, want exactly one", status, err, errors.Is(err, ErrNotApplied), errors.Is(err, ErrOutcomeUnknown))
		}
	})
}
