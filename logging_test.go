package sellercenter

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
)

// staticBase answers every request with status, content type and body.
func staticBase(status int, contentType, body string) roundTripFunc {
	return func(r *http.Request) (*http.Response, error) {
		if r.Body != nil {
			_, _ = io.Copy(io.Discard, r.Body)
			_ = r.Body.Close()
		}
		h := http.Header{}
		if contentType != "" {
			h.Set("Content-Type", contentType)
		}
		return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)), Request: r}, nil
	}
}

func TestLoggingTransportFields(t *testing.T) {
	t.Parallel()
	logger, logs := testLogger(t, slog.LevelDebug)
	rt := &loggingTransport{next: staticBase(200, "application/json", `{"access_token":"test-token-9"}`), logger: logger}
	ctx := context.WithValue(context.Background(), attemptKey{}, 2)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.example.test/api/v2/orders?limit=5&access_token=test-token-7", nil)
	req.Header.Set("Authorization", "Bearer test-token-7")
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatalf("RoundTrip(GET) = %v, want nil", err)
	}
	if got, _ := io.ReadAll(resp.Body); string(got) != `{"access_token":"test-token-9"}` {
		t.Errorf("RoundTrip(GET) body = %q, want it unchanged", got)
	}
	recs := logs.records(t)
	if len(recs) != 1 {
		t.Fatalf("records at Debug = %d, want 1 (no bodies)", len(recs))
	}
	rec := recs[0]
	want := map[string]any{
		"level":   "DEBUG",
		"msg":     "sellercenter: request",
		"method":  "GET",
		"path":    "/api/v2/orders",
		"query":   "access_token=[REDACTED]&limit=5",
		"status":  float64(200),
		"attempt": float64(2),
	}
	for k, v := range want {
		if rec[k] != v {
			t.Errorf("record[%q] = %v, want %v", k, rec[k], v)
		}
	}
	if _, ok := rec["duration"].(float64); !ok {
		t.Errorf("record[duration] = %v, want a number", rec["duration"])
	}
}

func TestLoggingTransportBodies(t *testing.T) {
	t.Parallel()
	bigText := strings.Repeat("é", 5000) // 10,000 bytes, multi-byte runes
	bigJSON := `{"apiKey":"` + testTokenPrefix + `x","pad":"` + strings.Repeat("a", 70<<10) + `"}`
	tests := []struct {
		name        string
		url         string
		reqType     string
		reqBody     string
		respType    string
		respBody    string
		wantRecords int      // Debug records plus body records
		wantIn      []string // strings the log must contain
	}{
		{
			name:    "JSON bodies redacted",
			url:     "https://api.example.test/api/v2/oauth/apps",
			reqType: "application/json", reqBody: `{"name":"shop","clientSecret":"` + testSecret + `","nested":[{"api_key":"` + testSecret + `"}]}`,
			respType: "application/json; charset=utf-8", respBody: `{"id":1,"access_token":"test-token-9","user":{"password":"` + testSecret + `"}}`,
			wantRecords: 3, wantIn: []string{`\"name\":\"shop\"`, `\"clientSecret\":\"[REDACTED]\"`, `\"access_token\":\"[REDACTED]\"`, `\"id\":1`},
		},
		{
			name:    "form body redacted",
			url:     "https://api.example.test/api/v2/something",
			reqType: "application/x-www-form-urlencoded", reqBody: "grant_type=client_credentials&client_secret=" + testSecret,
			respType: "text/plain", respBody: "ok",
			wantRecords: 3, wantIn: []string{"client_secret=[REDACTED]", "grant_type=client_credentials"},
		},
		{
			name:    "token endpoint bodies never logged",
			url:     "https://api.example.test/oauth/client-credentials",
			reqType: "application/x-www-form-urlencoded", reqBody: "grant_type=client_credentials&client_secret=" + testSecret,
			respType: "application/json", respBody: `{"access_token":"test-token-3","expires_in":3600}`,
			wantRecords: 1,
		},
		{
			name:     "long text truncated on a rune boundary",
			url:      "https://api.example.test/api/v2/x",
			respType: "text/html", respBody: bigText,
			wantRecords: 2, wantIn: []string{"…[truncated, 10000 bytes]"},
		},
		{
			name:     "JSON too large to redact is not shown",
			url:      "https://api.example.test/api/v2/x",
			respType: "application/json", respBody: bigJSON,
			wantRecords: 2, wantIn: []string{"too large to redact, not logged"},
		},
		{
			name:     "invalid JSON is not shown",
			url:      "https://api.example.test/api/v2/x",
			respType: "application/json", respBody: `{"access_token":"test-token-4"`,
			wantRecords: 2, wantIn: []string{"invalid JSON body of 30 bytes, not logged"},
		},
		{
			name:     "binary is described",
			url:      "https://api.example.test/api/v2/x",
			respType: "application/pdf", respBody: "%PDF\x00\xff\xfe",
			wantRecords: 2, wantIn: []string{"binary body of 7 bytes"},
		},
		{
			name:    "multipart is described",
			url:     "https://api.example.test/api/v2/x",
			reqType: "multipart/form-data; boundary=x", reqBody: "--x\r\n" + testSecret,
			respType: "text/plain", respBody: "",
			wantRecords: 2, wantIn: []string{"multipart body of"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			logger, logs := testLogger(t, LevelBody)
			tokenURL, _ := url.Parse("https://api.example.test/oauth/client-credentials")
			rt := &loggingTransport{next: staticBase(200, tt.respType, tt.respBody), logger: logger, tokenURL: tokenURL}
			var body io.Reader
			if tt.reqBody != "" {
				body = strings.NewReader(tt.reqBody)
			}
			req, _ := http.NewRequest(http.MethodPost, tt.url, body)
			req.Header.Set("Content-Type", tt.reqType)
			req.Header.Set("Authorization", "Bearer test-token-1")
			resp, err := rt.RoundTrip(req)
			if err != nil {
				t.Fatalf("RoundTrip(POST) = %v, want nil", err)
			}
			if got, _ := io.ReadAll(resp.Body); string(got) != tt.respBody {
				t.Errorf("RoundTrip(POST) body = %d bytes, want the %d bytes sent", len(got), len(tt.respBody))
			}
			_ = resp.Body.Close()
			if got := len(logs.records(t)); got != tt.wantRecords {
				t.Errorf("records = %d, want %d", got, tt.wantRecords)
			}
			out := logs.String()
			for _, s := range tt.wantIn {
				if !strings.Contains(out, s) {
					t.Errorf("log output lacks %q", s)
				}
			}
			for _, rec := range logs.records(t) {
				if b, ok := rec["body"].(string); ok && len(b) > bodyLogLimit+64 {
					t.Errorf("logged body = %d bytes, want at most ~%d", len(b), bodyLogLimit)
				}
			}
		})
	}
}

func TestLoggingTransportDisabled(t *testing.T) {
	t.Parallel()
	logger, logs := testLogger(t, slog.LevelInfo)
	body := io.NopCloser(strings.NewReader("x"))
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: body, Request: r}, nil
	})
	rt := &loggingTransport{next: base, logger: logger}
	var getBodyCalls atomic.Int32
	req, _ := http.NewRequest(http.MethodPost, "https://api.example.test/v2/x", strings.NewReader("y"))
	req.GetBody = func() (io.ReadCloser, error) {
		getBodyCalls.Add(1)
		return io.NopCloser(strings.NewReader("y")), nil
	}
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatalf("RoundTrip(POST) = %v, want nil", err)
	}
	if resp.Body != body {
		t.Errorf("RoundTrip(POST) wrapped the body with logging off, want it untouched")
	}
	if n := getBodyCalls.Load(); n != 0 {
		t.Errorf("GetBody calls with logging off = %d, want 0", n)
	}
	if out := logs.String(); out != "" {
		t.Errorf("log output with logging off = %d bytes, want none", len(out))
	}
}

func TestLoggingTransportErrors(t *testing.T) {
	t.Parallel()
	logger, logs := testLogger(t, LevelBody)
	errBoom := errors.New("dial tcp: connection refused")
	rt := &loggingTransport{next: roundTripFunc(func(*http.Request) (*http.Response, error) { return nil, errBoom }), logger: logger}
	req, _ := http.NewRequest(http.MethodGet, "https://api.example.test/v2/x", nil)
	if _, err := rt.RoundTrip(req); !errors.Is(err, errBoom) {
		t.Fatalf("RoundTrip(GET) = %v, want %v", err, errBoom)
	}
	recs := logs.records(t)
	if len(recs) != 1 || recs[0]["msg"] != "sellercenter: request failed" || recs[0]["error"] != errBoom.Error() {
		t.Errorf("records = %v, want one \"request failed\" record with the error", recs)
	}

	// A read error met while peeking at the body reaches the caller.
	errRead := errors.New("connection reset")
	rt = &loggingTransport{next: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(io.MultiReader(strings.NewReader("part"), errReader{errRead})), Request: r}, nil
	}), logger: logger}
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatalf("RoundTrip(GET) = %v, want nil", err)
	}
	got, err := io.ReadAll(resp.Body)
	if string(got) != "part" || !errors.Is(err, errRead) {
		t.Errorf("ReadAll(body) = %q, %v, want %q, %v", got, err, "part", errRead)
	}
}

func TestFormatBody(t *testing.T) {
	t.Parallel()
	tests := []struct {
		contentType string
		data        string
		want        string
	}{
		{"application/json", `{"a":1,"token":"x"}`, `{"a":1,"token":"[REDACTED]"}`},
		{"", ` [{"Authorization":"Bearer x"}]`, `[{"Authorization":"[REDACTED]"}]`},
		{"application/problem+json", `{"title":"t","detail":"d"}`, `{"detail":"d","title":"t"}`},
		{"application/json", `{"n":12345678901234567890}`, `{"n":12345678901234567890}`},
		{"application/json", `{"a":1} {"b":2}`, `[invalid JSON body of 15 bytes, not logged]`},
		{"application/x-www-form-urlencoded", "password=x&user=u", "password=[REDACTED]&user=u"},
		{"application/x-www-form-urlencoded", "%zz", "[invalid form body of 3 bytes, not logged]"},
		{"text/plain", "hello", "hello"},
		{"text/plain", "a\x00b", "[binary body of 3 bytes, not logged]"},
		{"text/plain", "\xff", "[binary body of 1 bytes, not logged]"},
	}
	for _, tt := range tests {
		if got := formatBody(tt.contentType, []byte(tt.data), -1); got != tt.want {
			t.Errorf("formatBody(%q, %q) = %q, want %q", tt.contentType, tt.data, got, tt.want)
		}
	}
}

func TestRedactQuery(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", ""},
		{"limit=5&offset=10", "limit=5&offset=10"},
		{"client_secret=x&limit=5", "client_secret=[REDACTED]&limit=5"},
		{"a=%zz", "[unparseable query not logged]"},
	}
	for _, tt := range tests {
		if got := redactQuery(tt.in); got != tt.want {
			t.Errorf("redactQuery(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// BenchmarkLoggingDisabled measures the logging layer when its logger is
// off: it must cost next to nothing.
func BenchmarkLoggingDisabled(b *testing.B) {
	resp := &http.Response{StatusCode: 200, Header: http.Header{}, Body: http.NoBody}
	base := roundTripFunc(func(*http.Request) (*http.Response, error) { return resp, nil })
	rt := &loggingTransport{next: base, logger: slog.New(slog.DiscardHandler)}
	req, _ := http.NewRequest(http.MethodGet, "https://api.example.test/v2/orders", nil)
	b.ReportAllocs()
	for b.Loop() {
		_, _ = rt.RoundTrip(req)
	}
}

// BenchmarkLoggingBodies measures the logging layer at LevelBody with a
// typical JSON answer.
func BenchmarkLoggingBodies(b *testing.B) {
	body := []byte(`{"items":[{"id":1,"status":"pending","name":"x"}],"pagination":{"limit":100,"offset":0,"totalCount":1}}`)
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(bytes.NewReader(body)), Request: r}, nil
	})
	logger := slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: LevelBody}))
	rt := &loggingTransport{next: base, logger: logger}
	req, _ := http.NewRequest(http.MethodGet, "https://api.example.test/v2/orders", nil)
	b.ReportAllocs()
	for b.Loop() {
		resp, _ := rt.RoundTrip(req)
		_, _ = io.Copy(io.Discard, resp.Body)
	}
}
