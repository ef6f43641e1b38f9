package sellercenter_test

// Tests of sellercenter.New against a small hand-written fake. The contract
// tests against the sellercentertest mock are in client_test.go.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
)

const (
	testClientID = "app-7f3c"
	testSecret   = "s3cr3t-9a8b7c6d5e4f"
)

// fakeAPI is a minimal SellerCenter: a token endpoint and list operations
// over generated data, mounted under /api so URL-joining bugs show.
type fakeAPI struct {
	srv      *httptest.Server
	orders   int // how many orders and order items exist
	failPage int // offset/limit page number (1-based) answered with 500; 0 for none

	tokens    atomic.Int64 // tokens issued
	reject    atomic.Int64 // API calls still to answer 401
	mu        sync.Mutex
	listCalls map[string]int // per path
}

func newFakeAPI(t *testing.T, orders int) *fakeAPI {
	t.Helper()
	f := &fakeAPI{orders: orders, listCalls: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/client-credentials", f.token)
	mux.HandleFunc("GET /api/v2/orders", f.list("orders", false))
	mux.HandleFunc("GET /api/v2/order-items", f.list("order-items", true))
	mux.HandleFunc("GET /api/v2/exports", f.list("exports", true))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("unexpected request %s %s", r.Method, r.URL.Path)
		http.NotFound(w, r)
	})
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) config(logger *slog.Logger) sellercenter.Config {
	return sellercenter.Config{
		BaseURL:      f.srv.URL + "/api",
		TokenURL:     f.srv.URL + "/oauth/client-credentials",
		ClientID:     testClientID,
		ClientSecret: testSecret,
		RateLimit:    -1,
		Logger:       logger,
	}
}

func (f *fakeAPI) token(w http.ResponseWriter, r *http.Request) {
	id, secret, ok := r.BasicAuth()
	if !ok || id != testClientID || secret != testSecret {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error":"invalid_client"}`)
		return
	}
	n := f.tokens.Add(1)
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"access_token":"tok-%d","token_type":"Bearer","expires_in":3600}`, n)
}

func (f *fakeAPI) authorized(w http.ResponseWriter, r *http.Request) bool {
	if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer tok-") || f.reject.Add(-1) >= 0 {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"title":"Unauthorized","status":401,"detail":"Authentication credentials were not provided or are invalid"}`)
		return false
	}
	return true
}

// list serves offset/limit pages of {"id":n} objects with a hasNext or a
// totalCount envelope.
func (f *fakeAPI) list(name string, total bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !f.authorized(w, r) {
			return
		}
		f.mu.Lock()
		f.listCalls[name]++
		f.mu.Unlock()
		q := r.URL.Query()
		offset, err1 := strconv.Atoi(q.Get("offset"))
		limit, err2 := strconv.Atoi(q.Get("limit"))
		if err1 != nil || err2 != nil || limit <= 0 {
			http.Error(w, `{"title":"Bad Request","status":400}`, http.StatusBadRequest)
			return
		}
		// By page, not by arrival: pages fetched ahead arrive in any order.
		if offset/limit+1 == f.failPage {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprint(w, `{"title":"Service Unavailable","status":500,"detail":"database timeout"}`)
			return
		}
		items := []map[string]int{}
		for i := offset; i < offset+limit && i < f.orders; i++ {
			items = append(items, map[string]int{"id": i + 1})
		}
		page := map[string]any{"limit": limit, "offset": offset}
		if total {
			page["totalCount"] = f.orders
		} else {
			page["hasNext"] = offset+limit < f.orders
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"items": items, "pagination": page})
	}
}

func (f *fakeAPI) calls(name string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.listCalls[name]
}

func TestNewRejectsBadConfig(t *testing.T) {
	t.Parallel()
	good := sellercenter.Config{
		BaseURL:      "https://sellercenter-api.zalora.com.my",
		TokenURL:     "https://sellercenter.zalora.com.my/oauth/client-credentials",
		ClientID:     testClientID,
		ClientSecret: testSecret,
	}
	tests := []struct {
		name   string
		change func(*sellercenter.Config)
		want   string
	}{
		{"no base URL", func(c *sellercenter.Config) { c.BaseURL = "" }, "BaseURL"},
		{"plain http to a remote host", func(c *sellercenter.Config) { c.BaseURL = "http://sellercenter-api.zalora.com.my" }, "https"},
		{"base URL with a query", func(c *sellercenter.Config) { c.BaseURL += "?x=1" }, "query"},
		{"no client id", func(c *sellercenter.Config) { c.ClientID = "" }, "ClientID"},
		{"no secret", func(c *sellercenter.Config) { c.ClientSecret = "" }, "ClientSecret"},
		{"no token URL", func(c *sellercenter.Config) { c.TokenURL = "" }, "TokenURL"},
		{"negative timeout", func(c *sellercenter.Config) { c.Timeout = -1 }, "Timeout"},
		{"negative page window", func(c *sellercenter.Config) { c.PageWindow = -1 }, "PageWindow"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := good
			tt.change(&cfg)
			c, err := sellercenter.New(cfg)
			if !errors.Is(err, sellercenter.ErrInvalidConfig) {
				t.Fatalf("New(%s) = %v, %v, want ErrInvalidConfig", tt.name, c, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New(%s) = %q, want it to name %q", tt.name, err, tt.want)
			}
			if msg := err.Error(); strings.Count(msg, "invalid config") != 1 || !strings.HasPrefix(msg, "sellercenter: invalid config: ") {
				t.Errorf("New(%s) = %q, want one prefix, %q", tt.name, msg, "sellercenter: invalid config: ")
			}
			if strings.Contains(fmt.Sprintf("%+v", err), testSecret) {
				t.Errorf("New(%s) error contains the secret", tt.name)
			}
		})
	}
	if _, err := sellercenter.New(good); err != nil {
		t.Errorf("New(good) = %v, want nil", err)
	}
}

func TestOrdersPaging(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		orders    int
		limit     int
		failPage  int
		stopAfter int // break after this many items; 0 walks to the end
		wantItems int
		wantCalls int
		wantErr   bool
	}{
		{name: "every page", orders: 1050, wantItems: 1050, wantCalls: 11},
		{name: "exact pages", orders: 200, limit: 50, wantItems: 200, wantCalls: 4},
		{name: "empty list", orders: 0, wantItems: 0, wantCalls: 1},
		{name: "break stops requests", orders: 1050, stopAfter: 5, wantItems: 5, wantCalls: 1},
		{name: "error on page 3", orders: 1050, failPage: 3, wantItems: 200, wantCalls: 3, wantErr: true},
	}
	// With a window of 1 the requests are exactly the pages, as before
	// there were windows; with the default window the pages after the one
	// that ends the walk (or fails, or is broken off) may have been asked
	// for too.
	for _, tt := range tests {
		for _, window := range []int{1, 0} {
			t.Run(fmt.Sprintf("%s, window %d", tt.name, window), func(t *testing.T) {
				t.Parallel()
				f := newFakeAPI(t, tt.orders)
				f.failPage = tt.failPage
				cfg := f.config(nil)
				cfg.PageWindow = window
				c, err := sellercenter.New(cfg)
				if err != nil {
					t.Fatal(err)
				}
				var got []int
				errs := 0
				for order, err := range c.Orders(context.Background(), gen.ListOrdersParams{Limit: tt.limit}) {
					if err != nil {
						errs++
						if !errors.Is(err, sellercenter.ErrServer) {
							t.Errorf("Orders() error = %v, want ErrServer", err)
						}
						continue
					}
					got = append(got, order.Id)
					if tt.stopAfter > 0 && len(got) == tt.stopAfter {
						break
					}
				}
				// Ids are 1..n in API order: each once, in order.
				for i, id := range got {
					if id != i+1 {
						t.Fatalf("Orders(%s) item %d = order %d, want %d: each order once, in API order", tt.name, i, id, i+1)
					}
				}
				if len(got) != tt.wantItems {
					t.Errorf("Orders(%s) items = %d, want %d", tt.name, len(got), tt.wantItems)
				}
				calls := f.calls("orders")
				if window == 1 && calls != tt.wantCalls || calls < tt.wantCalls || calls > tt.wantCalls+sellercenter.DefaultPageWindow-1 {
					t.Errorf("Orders(%s) requests = %d, want %d (at most %d more with a window)", tt.name, calls, tt.wantCalls, sellercenter.DefaultPageWindow-1)
				}
				if wantErrs := map[bool]int{true: 1}[tt.wantErr]; errs != wantErrs {
					t.Errorf("Orders(%s) errors yielded = %d, want %d", tt.name, errs, wantErrs)
				}
			})
		}
	}
}

func TestTotalCountPaging(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t, 45)
	c, err := sellercenter.New(f.config(nil))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	items := 0
	for _, err := range c.OrderItems(ctx, gen.ListOrderItemsParams{Limit: 10}) {
		if err != nil {
			t.Fatalf("OrderItems() error = %v", err)
		}
		items++
	}
	if items != 45 || f.calls("order-items") != 5 {
		t.Errorf("OrderItems(limit 10) = %d items in %d requests, want 45 in 5", items, f.calls("order-items"))
	}
	exports := 0
	for _, err := range c.Exports(ctx, gen.ListExportsParams{ExportActions: []gen.ExportAction{gen.ExportActionOrder}}) {
		if err != nil {
			t.Fatalf("Exports() error = %v", err)
		}
		exports++
	}
	if exports != 45 || f.calls("exports") != 3 {
		t.Errorf("Exports() = %d jobs in %d requests, want 45 in 3 (pages of 20)", exports, f.calls("exports"))
	}
}

// TestTokenRefreshAndLogs drives the real stack (authn, transport, gen): a
// rejected token is replaced once, and no log record at any level carries
// the secret or a token.
func TestTokenRefreshAndLogs(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t, 3)
	rec := newRecordingHandler()
	c, err := sellercenter.New(f.config(slog.New(rec)))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	resp, err := c.ListOrdersWithResponse(ctx, &gen.ListOrdersParams{Limit: 10})
	if err := sellercenter.Check(resp, err); err != nil {
		t.Fatalf("ListOrders() = %v, want nil", err)
	}
	f.reject.Store(1) // the API rejects the cached token once
	resp, err = c.ListOrdersWithResponse(ctx, &gen.ListOrdersParams{Limit: 10})
	if err := sellercenter.Check(resp, err); err != nil {
		t.Fatalf("ListOrders() after a rejected token = %v, want nil", err)
	}
	if got := f.tokens.Load(); got != 2 {
		t.Errorf("tokens issued = %d, want 2", got)
	}
	f.reject.Store(2) // rejected twice: a typed error, not a loop
	resp, err = c.ListOrdersWithResponse(ctx, &gen.ListOrdersParams{Limit: 10})
	err = sellercenter.Check(resp, err)
	var apiErr *sellercenter.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusUnauthorized || !errors.Is(err, sellercenter.ErrUnauthorized) {
		t.Errorf("ListOrders() rejected twice = %v, want a 401 APIError", err)
	}
	if len(rec.texts()) == 0 {
		t.Fatal("no log records, want debug records of every exchange")
	}
	tokenRecords := 0
	for _, text := range rec.texts() {
		if strings.Contains(text, testSecret) || strings.Contains(text, "tok-") {
			t.Errorf("log record %q carries a secret or token", text)
		}
		if strings.Contains(text, `msg="sellercenter: token request"`) {
			tokenRecords++
			if !strings.Contains(text, "method=POST") || !strings.Contains(text, "status=200") || !strings.Contains(text, "duration=") {
				t.Errorf("token record %q, want its method, status and duration", text)
			}
		}
	}
	if issued := f.tokens.Load(); int64(tokenRecords) != issued {
		t.Errorf("%d token request records, want one per token issued (%d)", tokenRecords, issued)
	}
}

// recordingHandler keeps every record, at every level, as text.
type recordingHandler struct {
	store *recordStore
	attrs []slog.Attr
}

type recordStore struct {
	mu      sync.Mutex
	records []string
}

func newRecordingHandler() *recordingHandler { return &recordingHandler{store: &recordStore{}} }

func (h *recordingHandler) Enabled(context.Context, slog.Level) bool { return true }

func (h *recordingHandler) Handle(_ context.Context, r slog.Record) error {
	var b bytes.Buffer
	th := slog.NewTextHandler(&b, &slog.HandlerOptions{Level: slog.LevelDebug - 8})
	_ = th.WithAttrs(h.attrs).Handle(context.Background(), r)
	h.store.mu.Lock()
	h.store.records = append(h.store.records, b.String())
	h.store.mu.Unlock()
	return nil
}

func (h *recordingHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &recordingHandler{store: h.store, attrs: append(h.attrs[:len(h.attrs):len(h.attrs)], attrs...)}
}

func (h *recordingHandler) WithGroup(string) slog.Handler { return h }

func (h *recordingHandler) texts() []string {
	h.store.mu.Lock()
	defer h.store.mu.Unlock()
	return append([]string(nil), h.store.records...)
}
