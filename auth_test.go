package sellercenter

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
)

// authBase answers with statuses in order (repeating the last) and records
// the Authorization header and body of each request.
type authBase struct {
	mu       sync.Mutex
	statuses []int
	auths    []string
	bodies   []string
	returned []*trackedBody
}

func (b *authBase) RoundTrip(r *http.Request) (*http.Response, error) {
	var body string
	if r.Body != nil {
		data, _ := io.ReadAll(r.Body)
		_ = r.Body.Close()
		body = string(data)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.auths = append(b.auths, r.Header.Get("Authorization"))
	b.bodies = append(b.bodies, body)
	tb := &trackedBody{Reader: strings.NewReader("answer")}
	b.returned = append(b.returned, tb)
	return &http.Response{StatusCode: b.statuses[min(len(b.auths), len(b.statuses))-1], Header: http.Header{}, Body: tb, Request: r}, nil
}

func TestAuthTransport(t *testing.T) {
	t.Parallel()
	origin, _ := url.Parse("https://api.example.test/api/")
	tests := []struct {
		name     string
		method   string
		url      string
		body     io.Reader
		statuses []int
		// want
		auths       []string
		issued      int
		invalidated []string
		status      int
	}{
		{
			name: "200 at once", method: "GET", url: "https://api.example.test/api/v2/orders",
			statuses: []int{200},
			auths:    []string{"Bearer test-token-1"}, issued: 1, status: 200,
		},
		{
			name: "401 once, POST body replayed with a fresh token", method: "POST", url: "https://api.example.test/api/v2/orders/1/status",
			body: strings.NewReader(`{"status":"shipped"}`), statuses: []int{401, 200},
			auths: []string{"Bearer test-token-1", "Bearer test-token-2"}, issued: 2, invalidated: []string{"test-token-1"}, status: 200,
		},
		{
			name: "401 twice is returned, not looped", method: "PATCH", url: "https://api.example.test/api/v2/orders/1",
			body: strings.NewReader(`{}`), statuses: []int{401},
			auths: []string{"Bearer test-token-1", "Bearer test-token-2"}, issued: 2, invalidated: []string{"test-token-1", "test-token-2"}, status: 401,
		},
		{
			name: "401 with an unreplayable body is returned", method: "POST", url: "https://api.example.test/api/v2/orders/1/status",
			body: io.NopCloser(strings.NewReader("x")), statuses: []int{401, 200},
			auths: []string{"Bearer test-token-1"}, issued: 1, invalidated: []string{"test-token-1"}, status: 401,
		},
		{
			name: "403 is not retried", method: "GET", url: "https://api.example.test/api/v2/orders",
			statuses: []int{403, 200},
			auths:    []string{"Bearer test-token-1"}, issued: 1, status: 403,
		},
		{
			name: "other host gets no token", method: "GET", url: "https://cdn.example.test/file.pdf",
			statuses: []int{200},
			auths:    []string{""}, issued: 0, status: 200,
		},
		{
			name: "plain http to the API host gets no token", method: "GET", url: "http://api.example.test/api/v2/orders",
			statuses: []int{200},
			auths:    []string{""}, issued: 0, status: 200,
		},
		{
			name: "explicit default port is the same origin", method: "GET", url: "https://api.example.test:443/api/v2/orders",
			statuses: []int{200},
			auths:    []string{"Bearer test-token-1"}, issued: 1, status: 200,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			base := &authBase{statuses: tt.statuses}
			tokens := &fakeTokens{}
			rt := &authTransport{next: base, tokens: tokens, origin: origin}
			req, _ := http.NewRequest(tt.method, tt.url, tt.body)
			resp, err := rt.RoundTrip(req)
			if err != nil {
				t.Fatalf("RoundTrip(%s) = %v, want nil", tt.method, err)
			}
			if resp.StatusCode != tt.status {
				t.Errorf("RoundTrip(%s) status = %d, want %d", tt.method, resp.StatusCode, tt.status)
			}
			base.mu.Lock()
			defer base.mu.Unlock()
			if !slices.Equal(base.auths, tt.auths) {
				t.Errorf("RoundTrip(%s) Authorization headers = %q, want %q", tt.method, base.auths, tt.auths)
			}
			if len(base.bodies) == 2 && base.bodies[0] != base.bodies[1] {
				t.Errorf("RoundTrip(%s) replayed body = %q, want %q", tt.method, base.bodies[1], base.bodies[0])
			}
			issued, invalidated := tokens.counts()
			if issued != tt.issued || !slices.Equal(invalidated, tt.invalidated) {
				t.Errorf("RoundTrip(%s) tokens issued, invalidated = %d, %q, want %d, %q", tt.method, issued, invalidated, tt.issued, tt.invalidated)
			}
			for i, b := range base.returned[:len(base.returned)-1] {
				if !b.closed.Load() {
					t.Errorf("RoundTrip(%s) discarded response %d not closed", tt.method, i+1)
				}
			}
			if req.Header.Get("Authorization") != "" {
				t.Errorf("RoundTrip(%s) set Authorization on the caller's request, want it untouched", tt.method)
			}
		})
	}
}

func TestAuthTransportTokenErrors(t *testing.T) {
	t.Parallel()
	origin, _ := url.Parse("https://api.example.test/")
	errDown := errors.New("authn: token endpoint answered 500")
	tests := []struct {
		name     string
		failOn   int
		statuses []int
		sends    int
	}{
		{"first token fails", 1, []int{200}, 0},
		{"refresh after 401 fails", 2, []int{401, 200}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			base := &authBase{statuses: tt.statuses}
			rt := &authTransport{next: base, tokens: &fakeTokens{failOn: tt.failOn, err: errDown}, origin: origin}
			body := &trackedBody{Reader: strings.NewReader("x")}
			req, _ := http.NewRequest(http.MethodPost, "https://api.example.test/v2/orders", body)
			req.GetBody = func() (io.ReadCloser, error) { return &trackedBody{Reader: strings.NewReader("x")}, nil }
			resp, err := rt.RoundTrip(req)
			if resp != nil || !errors.Is(err, errDown) {
				t.Fatalf("RoundTrip(POST) = %v, %v, want nil, an error wrapping %v", resp, err, errDown)
			}
			if !strings.HasPrefix(err.Error(), "sellercenter: ") {
				t.Errorf("RoundTrip(POST) error = %q, want prefix %q", err, "sellercenter: ")
			}
			base.mu.Lock()
			defer base.mu.Unlock()
			if len(base.auths) != tt.sends {
				t.Errorf("RoundTrip(POST) sends = %d, want %d", len(base.auths), tt.sends)
			}
			for i, b := range base.returned {
				if !b.closed.Load() {
					t.Errorf("RoundTrip(POST) response %d not closed", i+1)
				}
			}
			if tt.sends == 0 && !body.closed.Load() {
				t.Errorf("RoundTrip(POST) request body closed = false, want true")
			}
		})
	}
}

func TestAuthTransportCancelledCtx(t *testing.T) {
	t.Parallel()
	origin, _ := url.Parse("https://api.example.test/")
	base := &authBase{statuses: []int{200}}
	rt := &authTransport{next: base, tokens: &fakeTokens{}, origin: origin}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.example.test/v2/orders", nil)
	if _, err := rt.RoundTrip(req); !errors.Is(err, context.Canceled) {
		t.Errorf("RoundTrip(cancelled ctx) = %v, want context.Canceled", err)
	}
}

// TestAuthTransportPublicPaths checks that the health probe, which the API
// serves without a token, gets none and costs no token fetch, while the same
// path outside the base URL or another path is treated as usual.
func TestAuthTransportPublicPaths(t *testing.T) {
	t.Parallel()
	origin, _ := url.Parse("https://api.example.test/sc")
	tests := []struct {
		url       string
		wantToken bool
	}{
		{"https://api.example.test/sc/v2/health", false},
		{"https://api.example.test/sc/v2/seller", true},
		{"https://api.example.test/v2/health", true}, // not below the base URL
		{"https://api.example.test/sc/v2/health/x", true},
	}
	for _, tt := range tests {
		tokens := &fakeTokens{}
		var got string
		base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
			got = r.Header.Get("Authorization")
			return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody, Request: r}, nil
		})
		rt := &authTransport{next: base, tokens: tokens, origin: origin}
		req, _ := http.NewRequest(http.MethodGet, tt.url, nil)
		if _, err := rt.RoundTrip(req); err != nil {
			t.Fatalf("RoundTrip(%s) = %v", tt.url, err)
		}
		if (got != "") != tt.wantToken || (tokens.calls > 0) != tt.wantToken {
			t.Errorf("RoundTrip(%s) Authorization = %q after %d token calls, want token %v", tt.url, got, tokens.calls, tt.wantToken)
		}
	}
}

// TestHeaderWith checks the header copy withToken sends: key set to the
// value, every other value kept, and the original untouched, even when a
// layer below appends to one of the copy's values.
func TestHeaderWith(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		h    http.Header
		want http.Header
	}{
		{"empty", http.Header{}, http.Header{"Authorization": {"Bearer b"}}},
		{"nil", nil, http.Header{"Authorization": {"Bearer b"}}},
		{"others kept", http.Header{"Accept": {"a/b"}, "X-Many": {"1", "2"}},
			http.Header{"Accept": {"a/b"}, "X-Many": {"1", "2"}, "Authorization": {"Bearer b"}}},
		{"replaced", http.Header{"Authorization": {"Bearer old", "x"}, "Accept": {"a/b"}},
			http.Header{"Authorization": {"Bearer b"}, "Accept": {"a/b"}}},
		{"a nil value stays nil", http.Header{"X-Nil": nil}, http.Header{"X-Nil": nil, "Authorization": {"Bearer b"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			before := tt.h.Clone()
			got := headerWith(tt.h, "Authorization", "Bearer b")
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("headerWith(%v) = %v, want %v", tt.h, got, tt.want)
			}
			for k := range got {
				got[k] = append(got[k], "appended")
			}
			if !reflect.DeepEqual(tt.h, before) {
				t.Errorf("the original header became %v, want %v", tt.h, before)
			}
			for k, vv := range got {
				if last := vv[len(vv)-1]; last != "appended" || slices.Contains(vv[:len(vv)-1], "appended") {
					t.Errorf("after appending to each value, %s = %q: values share room", k, vv)
				}
			}
		})
	}
}
