package sellercentertest

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/sellercenter-go/sellercenter/gen"
)

func TestRequestValidation(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	tok := token(t, s)
	const jsonType = "application/json"
	tests := []struct {
		name              string
		method, path      string
		contentType, body string
		wantPaths         []string
	}{
		{"bad query parameters", http.MethodGet,
			"/v2/orders?limit=0&offset=-1&section=status_lost&orderIds[]=x&printedStatus=maybe", "", "",
			[]string{"limit", "offset", "section", "orderIds[]", "printedStatus"}},
		{"missing required parameters", http.MethodGet, "/v2/order-items", "", "", []string{"limit", "offset"}},
		{"limit above the maximum", http.MethodGet, "/v2/exports?limit=21&offset=0&exportActions[]=Order", "", "", []string{"limit"}},
		{"unknown enum in an array", http.MethodGet, "/v2/exports?limit=5&offset=0&exportActions[]=Order&exportActions[]=Everything", "", "", []string{"exportActions[1]"}},
		{"bad path parameter", http.MethodGet, "/v2/orders/MY-1234", "", "", []string{"orderId"}},
		{"bad body fields", http.MethodPost, "/v2/orders/statuses/set-to-ready-to-ship", jsonType,
			`{"orderItems":[{"id":"5001","serialNumber":"has spaces"}],"deliveryType":"drone"}`,
			[]string{"orderItems[0].id", "orderItems[0].serialNumber", "deliveryType"}},
		{"missing required body field", http.MethodPost, "/v2/orders/statuses/set-to-cancelled", jsonType,
			`{"orderItemIds":[5001]}`, []string{"reason"}},
		{"empty list where one is required", http.MethodPost, "/v2/orders/statuses/set-to-cancelled", jsonType,
			`{"orderItemIds":[],"reason":"Out of stock"}`, []string{"orderItemIds"}},
		{"no body", http.MethodPost, "/v2/orders/statuses/set-to-shipped", "", "", []string{""}},
		{"wrong content type", http.MethodPost, "/v2/orders/statuses/set-to-shipped", "text/plain", "orderItemIds=5001", []string{""}},
		{"malformed JSON", http.MethodPost, "/v2/orders/statuses/set-to-shipped", jsonType, `{"orderItemIds":[5001`, []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			status, _, body := call(t, s, tok, tt.method, tt.path, tt.contentType, tt.body)
			if status != http.StatusBadRequest {
				t.Fatalf("%s %s = %d %s, want 400", tt.method, tt.path, status, body)
			}
			p := decode[gen.ValidationProblem](t, body)
			if p.Title != "Validation Failed" || p.Status != 400 || p.Violations == nil {
				t.Fatalf("400 body = %s, want a ValidationProblem", body)
			}
			var paths []string
			for _, v := range p.Violations {
				paths = append(paths, v.PropertyPath)
				if v.Title == "" {
					t.Errorf("violation %s has no title", v.PropertyPath)
				}
			}
			for _, want := range tt.wantPaths {
				if !slices.Contains(paths, want) {
					t.Errorf("violations at %q, want one at %q (detail %q)", paths, want, p.Detail)
				}
			}
			if len(paths) < len(tt.wantPaths) {
				t.Errorf("got %d violations, want at least %d: %s", len(paths), len(tt.wantPaths), body)
			}
		})
	}
}

func TestAuthenticationBeforeValidation(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	if status, _, body := call(t, s, "", http.MethodGet, "/v2/orders?limit=0", "", ""); status != http.StatusUnauthorized {
		t.Errorf("invalid request without a token = %d %s, want 401", status, body)
	}
}

func TestRouting(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	tok := token(t, s)
	tests := []struct {
		method, path string
		wantStatus   int
		wantOp       string
	}{
		{http.MethodGet, "/v2/nothing-here", http.StatusNotFound, ""},
		{http.MethodDelete, "/v2/orders", http.StatusMethodNotAllowed, ""},
		{http.MethodGet, "/v2/orders/search?key=order_nr&query=MY", http.StatusOK, "getOrderSuggestions"},
		{http.MethodGet, "/v2/orders/1001", http.StatusOK, "getOrder"},
		// ServeMux refuses these two templates together; the earlier
		// literal segment wins here.
		{http.MethodGet, "/filemanager/v1/files/download/status", http.StatusNotFound, "downloadFile"},
		{http.MethodGet, "/filemanager/v1/files/download/status/status", http.StatusNotFound, ""},
	}
	for _, tt := range tests {
		status, h, body := call(t, s, tok, tt.method, tt.path, "", "")
		if status != tt.wantStatus {
			t.Errorf("%s %s = %d %s, want %d", tt.method, tt.path, status, body, tt.wantStatus)
			continue
		}
		if status == http.StatusMethodNotAllowed && h.Get("Allow") != "GET" {
			t.Errorf("%s %s: Allow = %q, want GET", tt.method, tt.path, h.Get("Allow"))
		}
		reqs := s.Requests()
		if got := reqs[len(reqs)-1].Operation; got != tt.wantOp {
			t.Errorf("%s %s was logged as operation %q, want %q", tt.method, tt.path, got, tt.wantOp)
		}
	}
	// Outside the API prefix nothing is served.
	req, _ := http.NewRequest(http.MethodGet, strings.TrimSuffix(s.URL, apiPrefix)+"/v2/health", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /v2/health without the prefix = %d, want 404", resp.StatusCode)
	}
}

// TestResponseValidation makes the fake's own answer invalid: the check
// reports it to OnViolation, unless NoResponseCheck turns the check off.
func TestResponseValidation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		noCheck    bool
		violations int
	}{
		{"checked", false, 1},
		{"NoResponseCheck", true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var mu sync.Mutex
			var got []error
			s := newServer(t, Config{NoResponseCheck: tt.noCheck, OnViolation: func(err error) {
				mu.Lock()
				defer mu.Unlock()
				got = append(got, err)
			}})
			// An item whose shipment type is outside the document's enum
			// makes the fake's own answer invalid.
			o, err := s.AddOrder(gen.Order{Items: []gen.OrderItem{{Shipment: gen.ItemShipment{Type: "teleport"}}}})
			if err != nil {
				t.Fatalf("AddOrder = %v", err)
			}
			c := apiClient(t, s)
			resp, err := c.GetOrderWithResponse(context.Background(), o.Id)
			if err != nil || resp.StatusCode() != http.StatusOK {
				t.Fatalf("GetOrder(%d) = %v, %v; want 200 (violations are reported, not answered)", o.Id, resp, err)
			}
			mu.Lock()
			defer mu.Unlock()
			if len(got) != tt.violations {
				t.Fatalf("OnViolation got %v, want %d errors", got, tt.violations)
			}
			if tt.violations > 0 && (!strings.Contains(got[0].Error(), "getOrder") || !strings.Contains(got[0].Error(), "teleport")) {
				t.Errorf("OnViolation got %v, want an error about getOrder and the value teleport", got[0])
			}
		})
	}
}
