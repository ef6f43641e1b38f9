package webhook_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/sellercenter-go/sellercenter/webhook"
)

// recorded is what a test Handler's functions were called with.
type recorded struct {
	mu     sync.Mutex
	events []any
}

func (r *recorded) add(e any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, e)
}

func (r *recorded) all() []any {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]any(nil), r.events...)
}

func record[E any](r *recorded) func(context.Context, E) error {
	return func(_ context.Context, e E) error { r.add(e); return nil }
}

// recordingHandler has a function for every alias that records its event.
func recordingHandler(r *recorded) *webhook.Handler {
	return &webhook.Handler{
		OnOrderCreated:            record[webhook.OrderCreated](r),
		OnOrderItemsStatusChanged: record[webhook.OrderItemsStatusChanged](r),
		OnFeedCreated:             record[webhook.FeedCreated](r),
		OnFeedCompleted:           record[webhook.FeedCompleted](r),
		OnProductCreated:          record[webhook.ProductCreated](r),
		OnProductUpdated:          record[webhook.ProductUpdated](r),
		OnProductQcStatusChanged:  record[webhook.ProductQcStatusChanged](r),
		OnReturnStatusChanged:     record[webhook.ReturnStatusChanged](r),
		OnStatisticsUpdated:       record[webhook.StatisticsUpdated](r),
		OnMetricsUpdated:          record[webhook.MetricsUpdated](r),
		OnOther:                   func(_ context.Context, d webhook.Delivery) error { r.add(d); return nil },
		Logger:                    slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
}

func post(h http.Handler, target, body string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, target, strings.NewReader(body)))
	return w
}

func TestHandlerDecodesEveryEvent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body string
		want       any
	}{
		{"order created", `{"event":"onOrderCreated","payload":{"OrderId":190,"OrderNr":"123221"}}`,
			webhook.OrderCreated{OrderID: 190, OrderNr: "123221"}},
		{"order created with a string id and no OrderNr", `{"event":"onOrderCreated","payload":{"OrderId":"190"}}`,
			webhook.OrderCreated{OrderID: 190}},
		{"order created with a numeric OrderNr", `{"event":"onOrderCreated","payload":{"OrderId":190,"OrderNr":123221}}`,
			webhook.OrderCreated{OrderID: 190, OrderNr: "123221"}},
		{"item status with numbers", `{"event":"onOrderItemsStatusChanged","payload":{"OrderId":190,"OrderItemIds":[2,3],"NewStatus":"ready_to_ship"}}`,
			webhook.OrderItemsStatusChanged{OrderID: 190, OrderItemIDs: []webhook.ID{2, 3}, NewStatus: "ready_to_ship"}},
		{"item status with strings", `{"event":"onOrderItemsStatusChanged","payload":{"OrderId":"1","OrderItemIds":["2","3"],"NewStatus":"ready_to_ship"}}`,
			webhook.OrderItemsStatusChanged{OrderID: 1, OrderItemIDs: []webhook.ID{2, 3}, NewStatus: "ready_to_ship"}},
		{"feed created", `{"event":"onFeedCreated","payload":{"Feed":"829a8d2a-d370-4fa6-8613-8554f43d5fed"}}`,
			webhook.FeedCreated{Feed: "829a8d2a-d370-4fa6-8613-8554f43d5fed"}},
		{"feed completed", `{"event":"onFeedCompleted","payload":{"Feed":"829a8d2a-d370-4fa6-8613-8554f43d5fed"}}`,
			webhook.FeedCompleted{Feed: "829a8d2a-d370-4fa6-8613-8554f43d5fed"}},
		{"product created", `{"event":"onProductCreated","payload":{"SellerSkus":["NI006ELAAGWDNAFAMZ-43340"]}}`,
			webhook.ProductCreated{SellerSkus: []string{"NI006ELAAGWDNAFAMZ-43340"}}},
		{"product updated", `{"event":"onProductUpdated","payload":{"SellerSkus":["A","B"]}}`,
			webhook.ProductUpdated{SellerSkus: []string{"A", "B"}}},
		{"product qc", `{"event":"onProductQcStatusChanged","payload":{"SellerSkus":["A"]}}`,
			webhook.ProductQcStatusChanged{SellerSkus: []string{"A"}}},
		{"return", `{"event":"onReturnStatusChanged","payload":{"OrderItemId":7}}`,
			webhook.ReturnStatusChanged{Payload: json.RawMessage(`{"OrderItemId":7}`)}},
		{"statistics, empty payload", `{"event":"onStatisticsUpdated","payload":{}}`, webhook.StatisticsUpdated{}},
		{"statistics, no payload", `{"event":"onStatisticsUpdated"}`, webhook.StatisticsUpdated{}},
		{"metrics", `{"event":"onMetricsUpdated","payload":{"x":1}}`, webhook.MetricsUpdated{Payload: json.RawMessage(`{"x":1}`)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var r recorded
			w := post(recordingHandler(&r), "/hook", tc.body)
			if w.Code != http.StatusOK {
				t.Fatalf("POST %s = %d %q, want 200", tc.body, w.Code, w.Body)
			}
			if got := r.all(); len(got) != 1 || !reflect.DeepEqual(got[0], tc.want) {
				t.Errorf("POST %s called with %#v, want %#v", tc.body, got, tc.want)
			}
		})
	}
}

func TestHandlerUnknownAliasGoesToOnOther(t *testing.T) {
	t.Parallel()
	var r recorded
	body := `{"event":"onSomethingNew","payload":{"Id":5}}`
	if w := post(recordingHandler(&r), "/hook", body); w.Code != http.StatusOK {
		t.Fatalf("POST %s = %d, want 200", body, w.Code)
	}
	got := r.all()
	d, ok := got[0].(webhook.Delivery)
	if len(got) != 1 || !ok || d.Event != "onSomethingNew" || string(d.Payload) != `{"Id":5}` || d.Key == "" {
		t.Errorf("OnOther got %#v, want the raw delivery", got)
	}
	// With no OnOther, an unknown or unhandled event is acknowledged.
	for _, body := range []string{body, `{"event":"onOrderCreated","payload":{"OrderId":1}}`} {
		if w := post(&webhook.Handler{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, "/hook", body); w.Code != http.StatusOK {
			t.Errorf("zero Handler: POST %s = %d, want 200", body, w.Code)
		}
	}
}

func TestHandlerRefusesBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, method, body string
		want               int
	}{
		{"GET", http.MethodGet, "", http.StatusMethodNotAllowed},
		{"PUT", http.MethodPut, `{"event":"onStatisticsUpdated"}`, http.StatusMethodNotAllowed},
		{"too big", http.MethodPost, `{"event":"onStatisticsUpdated","payload":{"x":"` + strings.Repeat("a", webhook.MaxBodyBytes) + `"}}`, http.StatusRequestEntityTooLarge},
		{"not JSON", http.MethodPost, `event=onOrderCreated`, http.StatusBadRequest},
		{"empty", http.MethodPost, ``, http.StatusBadRequest},
		{"an array", http.MethodPost, `[]`, http.StatusBadRequest},
		{"two objects", http.MethodPost, `{"event":"onStatisticsUpdated"}{}`, http.StatusBadRequest},
		{"no event", http.MethodPost, `{"payload":{"OrderId":1}}`, http.StatusBadRequest},
		{"empty event", http.MethodPost, `{"event":"","payload":{}}`, http.StatusBadRequest},
		{"event not a string", http.MethodPost, `{"event":5}`, http.StatusBadRequest},
		{"payload not an object", http.MethodPost, `{"event":"onOrderCreated","payload":[1]}`, http.StatusUnprocessableEntity},
		{"order without id", http.MethodPost, `{"event":"onOrderCreated","payload":{"OrderNr":"1"}}`, http.StatusUnprocessableEntity},
		{"id not a number", http.MethodPost, `{"event":"onOrderCreated","payload":{"OrderId":"abc"}}`, http.StatusUnprocessableEntity},
		{"id a fraction", http.MethodPost, `{"event":"onOrderItemsStatusChanged","payload":{"OrderId":1,"OrderItemIds":[1.5],"NewStatus":"x"}}`, http.StatusUnprocessableEntity},
		{"feed without id", http.MethodPost, `{"event":"onFeedCompleted","payload":{}}`, http.StatusUnprocessableEntity},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var logs bytes.Buffer
			var r recorded
			h := recordingHandler(&r)
			h.Logger = slog.New(slog.NewTextHandler(&logs, nil))
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest(tc.method, "/hook", strings.NewReader(tc.body)))
			if w.Code != tc.want {
				t.Errorf("%s %.60s = %d %q, want %d", tc.method, tc.body, w.Code, w.Body, tc.want)
			}
			if strings.TrimSpace(w.Body.String()) == "" {
				t.Errorf("%s %.60s: empty answer, want the reason", tc.method, tc.body)
			}
			if !strings.Contains(logs.String(), "refused") {
				t.Errorf("%s %.60s: log = %q, want a record of the refusal", tc.method, tc.body, logs.String())
			}
			if got := r.all(); len(got) != 0 {
				t.Errorf("%s %.60s called the functions with %v", tc.method, tc.body, got)
			}
		})
	}
}

func TestHandlerAnswers200OnlyAfterSuccess(t *testing.T) {
	t.Parallel()
	body := `{"event":"onOrderCreated","payload":{"OrderId":1}}`
	tests := []struct {
		name string
		f    func(context.Context, webhook.OrderCreated) error
		want int
	}{
		{"nil", func(context.Context, webhook.OrderCreated) error { return nil }, http.StatusOK},
		{"error", func(context.Context, webhook.OrderCreated) error { return errors.New("db down") }, http.StatusInternalServerError},
		{"panic", func(context.Context, webhook.OrderCreated) error { panic("bug") }, http.StatusInternalServerError},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := &webhook.Handler{OnOrderCreated: tc.f, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
			if w := post(h, "/hook", body); w.Code != tc.want {
				t.Errorf("function returning %s: answer %d, want %d", tc.name, w.Code, tc.want)
			}
		})
	}
}

func TestHandlerSecret(t *testing.T) {
	t.Parallel()
	body := `{"event":"onStatisticsUpdated","payload":{}}`
	tests := []struct {
		name, param, target string
		want                int
	}{
		{"in the path", "", "/hooks/s3cret", http.StatusOK},
		{"in the path with a slash", "", "/hooks/s3cret/", http.StatusOK},
		{"in the query", "", "/hooks?secret=s3cret", http.StatusOK},
		{"in a named query parameter", "token", "/hooks?token=s3cret", http.StatusOK},
		{"missing", "", "/hooks", http.StatusUnauthorized},
		{"wrong", "", "/hooks?secret=s3cre", http.StatusUnauthorized},
		{"longer", "", "/hooks/s3cretX", http.StatusUnauthorized},
		{"other parameter", "token", "/hooks?secret=s3cret", http.StatusUnauthorized},
		{"earlier segment", "", "/s3cret/hooks", http.StatusUnauthorized},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var logs bytes.Buffer
			h := &webhook.Handler{Secret: "s3cret", SecretParam: tc.param, Logger: slog.New(slog.NewTextHandler(&logs, nil))}
			if w := post(h, tc.target, body); w.Code != tc.want {
				t.Errorf("POST %s = %d, want %d", tc.target, w.Code, tc.want)
			}
			if strings.Contains(logs.String(), "s3cre") {
				t.Errorf("the log holds the secret: %q", logs.String())
			}
		})
	}
}

func TestHandlerDedup(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	fail := atomic.Bool{}
	fail.Store(true)
	h := &webhook.Handler{
		OnOrderItemsStatusChanged: func(context.Context, webhook.OrderItemsStatusChanged) error {
			calls.Add(1)
			if fail.Load() {
				return errors.New("not yet")
			}
			return nil
		},
		Dedup:  webhook.NewMemoryDedup(2),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	body := `{"event":"onOrderItemsStatusChanged","payload":{"OrderId":1,"OrderItemIds":[2],"NewStatus":"shipped"}}`
	// The same event re-encoded by the sender has the same key.
	again := `{"payload": {"NewStatus":"shipped", "OrderItemIds":[2], "OrderId":1}, "event":"onOrderItemsStatusChanged"}`
	steps := []struct {
		body      string
		failing   bool
		wantCode  int
		wantCalls int32
	}{
		{body, true, http.StatusInternalServerError, 1}, // failed: forgotten, so retried
		{body, false, http.StatusOK, 2},
		{body, false, http.StatusOK, 2}, // handled: not called again
		{again, false, http.StatusOK, 2},
	}
	for i, s := range steps {
		fail.Store(s.failing)
		if w := post(h, "/hook", s.body); w.Code != s.wantCode || calls.Load() != s.wantCalls {
			t.Errorf("delivery %d: answer %d after %d calls, want %d after %d", i+1, w.Code, calls.Load(), s.wantCode, s.wantCalls)
		}
	}
}

func TestMemoryDedupIsBounded(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	m := webhook.NewMemoryDedup(2)
	for _, k := range []string{"a", "b", "c"} {
		if s, err := m.Begin(ctx, k); s != webhook.New || err != nil {
			t.Fatalf("Begin(%s) = %v, %v; want New", k, s, err)
		}
		if err := m.Finish(ctx, k, true); err != nil {
			t.Fatal(err)
		}
	}
	if m.Len() != 2 {
		t.Errorf("Len() = %d, want 2", m.Len())
	}
	for k, want := range map[string]webhook.State{"a": webhook.New, "b": webhook.Done, "c": webhook.Done} {
		if s, _ := m.Begin(ctx, k); s != want {
			t.Errorf("Begin(%s) after a, b, c in a store of 2 = %v, want %v", k, s, want)
		}
	}
	if s, _ := m.Begin(ctx, "a"); s != webhook.Running {
		t.Errorf("Begin(a) while a runs = %v, want Running", s)
	}
}

func TestDeliveryFrom(t *testing.T) {
	t.Parallel()
	var got webhook.Delivery
	h := &webhook.Handler{OnStatisticsUpdated: func(ctx context.Context, _ webhook.StatisticsUpdated) error {
		got, _ = webhook.DeliveryFrom(ctx)
		return nil
	}}
	post(h, "/hook", `{"event":"onStatisticsUpdated","payload":{}}`)
	if got.Event != webhook.AliasStatisticsUpdated || len(got.Key) != 32 {
		t.Errorf("DeliveryFrom() = %+v, want the delivery with its key", got)
	}
	if _, ok := webhook.DeliveryFrom(context.Background()); ok {
		t.Error("DeliveryFrom(Background) reports a delivery")
	}
}

func TestIDWritesNumbers(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(webhook.OrderItemsStatusChanged{OrderID: 190, OrderItemIDs: []webhook.ID{2, 3}, NewStatus: "x"})
	if err != nil || string(b) != `{"OrderId":190,"OrderItemIds":[2,3],"NewStatus":"x"}` {
		t.Errorf("json.Marshal = %s, %v; want the ids as numbers", b, err)
	}
}
