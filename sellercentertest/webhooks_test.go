package sellercentertest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter/gen"
)

// hookSink receives deliveries: each is answered with the next of codes
// (200 once they run out), after release is closed when block is set.
type hookSink struct {
	url string

	mu     sync.Mutex
	codes  []int
	bodies []string
	block  chan struct{}
}

func newHookSink(t *testing.T, codes ...int) *hookSink {
	t.Helper()
	k := &hookSink{codes: codes}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		k.mu.Lock()
		block := k.block
		k.mu.Unlock()
		if block != nil {
			<-block
		}
		k.mu.Lock()
		defer k.mu.Unlock()
		k.bodies = append(k.bodies, string(b))
		code := http.StatusOK
		if len(k.codes) > 0 {
			code, k.codes = k.codes[0], k.codes[1:]
		}
		w.WriteHeader(code)
	}))
	t.Cleanup(srv.Close)
	k.url = srv.URL + "/hook"
	return k
}

func (k *hookSink) got() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return slices.Clone(k.bodies)
}

func settle(t *testing.T, s *Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	if err := s.WaitWebhooks(ctx); err != nil {
		t.Fatal(err)
	}
}

// body is the JSON of an event as the mock sends it.
func body(t *testing.T, event string, payload any) string {
	t.Helper()
	b, err := json.Marshal(map[string]any{"event": event, "payload": payload})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// canonical re-encodes JSON bodies (members sorted) and sorts them.
func canonical(t *testing.T, bodies []string) []string {
	t.Helper()
	out := make([]string, 0, len(bodies))
	for _, b := range bodies {
		var v any
		if err := json.Unmarshal([]byte(b), &v); err != nil {
			t.Fatalf("%q: %v", b, err)
		}
		c, _ := json.Marshal(v)
		out = append(out, string(c))
	}
	slices.Sort(out)
	return out
}

func TestWebhookRetrySchedule(t *testing.T) {
	t.Parallel()
	clock := newClock()
	s := newServer(t, Config{Now: clock.Now, Empty: true})
	never := make([]int, 40)
	for i := range never {
		never[i] = http.StatusInternalServerError
	}
	sink := newHookSink(t, never...)
	s.AddWebhook(sink.url, eventStatisticsUpdated)
	if err := s.RaiseWebhookEvent(eventStatisticsUpdated, nil); err != nil {
		t.Fatal(err)
	}
	settle(t, s)
	if n := len(sink.got()); n != 1 {
		t.Fatalf("deliveries before any retry = %d, want 1", n)
	}
	for i, delay := range WebhookRetryDelays() {
		clock.Advance(delay - time.Second)
		settle(t, s)
		if n := len(sink.got()); n != i+1 {
			t.Fatalf("a second before retry %d: %d deliveries, want %d", i+1, n, i+1)
		}
		clock.Advance(time.Second)
		settle(t, s)
		if n := len(sink.got()); n != i+2 {
			t.Fatalf("at retry %d (%v after the last): %d deliveries, want %d", i+1, delay, n, i+2)
		}
	}
	clock.Advance(30 * 24 * time.Hour)
	settle(t, s)
	attempts := s.WebhookAttempts()
	if len(sink.got()) != 17 || len(attempts) != 17 {
		t.Errorf("after 16 retries and a month: %d deliveries, %d attempts logged; want 17 each", len(sink.got()), len(attempts))
	}
	for _, a := range attempts {
		if a.Status != gen.WebhookCallbackStatusFail || a.StatusCode != http.StatusInternalServerError {
			t.Errorf("attempt %d = %s %d, want fail 500", a.CallbackID, a.Status, a.StatusCode)
		}
	}
}

func TestWebhookEventsOfStateChanges(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		events []string
		change func(t *testing.T, s *Server, c *gen.ClientWithResponses) []string // the bodies it must deliver
	}{
		{"AddOrder", []string{eventOrderCreated}, func(t *testing.T, s *Server, _ *gen.ClientWithResponses) []string {
			o, err := s.AddOrder(gen.Order{Number: "MY-1", Items: []gen.OrderItem{{}}})
			if err != nil {
				t.Fatal(err)
			}
			return []string{body(t, eventOrderCreated, map[string]any{"OrderId": o.Id, "OrderNr": "MY-1"})}
		}},
		{"SetItemStatus", []string{eventOrderItemsStatusChanged}, func(t *testing.T, s *Server, _ *gen.ClientWithResponses) []string {
			o, err := s.AddOrder(gen.Order{Items: []gen.OrderItem{{}}})
			if err != nil {
				t.Fatal(err)
			}
			id := o.OrderItemIds[0]
			if err := s.SetItemStatus(id, gen.OrderItemStatusCanceled); err != nil {
				t.Fatal(err)
			}
			return []string{body(t, eventOrderItemsStatusChanged, map[string]any{"OrderId": o.Id, "OrderItemIds": []int{id}, "NewStatus": "canceled"})}
		}},
		{"two items ready to ship through the API: one event", []string{eventOrderItemsStatusChanged}, func(t *testing.T, s *Server, c *gen.ClientWithResponses) []string {
			o, err := s.AddOrder(gen.Order{Items: []gen.OrderItem{{}, {}}})
			if err != nil {
				t.Fatal(err)
			}
			ids := o.OrderItemIds
			r, err := c.SetOrderItemsReadyToShipWithResponse(t.Context(), gen.ReadyToShipRequest{OrderItems: []gen.ReadyToShipItem{{Id: ids[0]}, {Id: ids[1]}}})
			if err != nil || r.StatusCode() != http.StatusOK {
				t.Fatalf("SetOrderItemsReadyToShip = %v, %v", r.Status(), err)
			}
			return []string{body(t, eventOrderItemsStatusChanged, map[string]any{"OrderId": o.Id, "OrderItemIds": ids, "NewStatus": "ready_to_ship"})}
		}},
		{"quality control", []string{eventProductQcStatusChanged}, func(t *testing.T, s *Server, _ *gen.ClientWithResponses) []string {
			if err := s.SetQualityControl(7104, gen.QualityControlStateRejected, "Blurry images"); err != nil {
				t.Fatal(err)
			}
			ps, err := s.Products(7104)
			if err != nil {
				t.Fatal(err)
			}
			var skus []string
			for _, p := range ps {
				skus = append(skus, p.SellerSku)
			}
			return []string{body(t, eventProductQcStatusChanged, map[string]any{"SellerSkus": skus})}
		}},
		{"product created", []string{eventProductCreated, eventProductUpdated}, func(t *testing.T, s *Server, _ *gen.ClientWithResponses) []string {
			_, err := s.AddProductSet(gen.ProductSetCreate{Name: "Leather Belt", Price: 89, SellerSku: "BLT-LTH-90", BrandId: 202,
				PrimaryCategoryId: 321, Attributes: attrs(t, 201, 2012, 202, 2021, 203, 2031), Variation: ptr("90")})
			if err != nil {
				t.Fatal(err)
			}
			return []string{body(t, eventProductCreated, map[string]any{"SellerSkus": []string{"BLT-LTH-90"}})}
		}},
		{"product update feed: created, product updated, completed", []string{eventFeedCreated, eventFeedCompleted, eventProductUpdated}, func(t *testing.T, s *Server, c *gen.ClientWithResponses) []string {
			status, ok, bad := upload(t, c, c.ImportProductUpdatesWithBody, "update.csv", []byte("SellerSku,Name\nSDL-LTH-40,Leather Sandals Tan\n"))
			if status != http.StatusCreated {
				t.Fatalf("ImportProductUpdates = %d %+v", status, bad)
			}
			uuid := ok.FeedUuid
			pollFeed(t, c, uuid) // a feed runs when the mock is looked at
			return []string{
				body(t, eventFeedCreated, map[string]any{"Feed": uuid}),
				body(t, eventProductUpdated, map[string]any{"SellerSkus": []string{"SDL-LTH-40"}}),
				body(t, eventFeedCompleted, map[string]any{"Feed": uuid}),
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newServer(t, Config{})
			sink := newHookSink(t)
			s.AddWebhook(sink.url, tc.events...)
			other := newHookSink(t)
			s.AddWebhook(other.url, eventMetricsUpdated)
			want := tc.change(t, s, apiClient(t, s))
			settle(t, s)
			got := canonical(t, sink.got())
			want = canonical(t, want)
			if !slices.Equal(got, want) {
				t.Errorf("delivered %q, want %q", got, want)
			}
			if o := other.got(); len(o) != 0 {
				t.Errorf("a webhook of another event received %q", o)
			}
		})
	}
}

func TestWebhookDeliveryDoesNotBlockTheAPI(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	sink := newHookSink(t)
	release := make(chan struct{})
	sink.block = release
	s.AddWebhook(sink.url, eventOrderCreated)
	done := make(chan error, 1)
	go func() {
		_, err := s.AddOrder(gen.Order{Items: []gen.OrderItem{{}}})
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("AddOrder waited for the receiver")
	}
	// The API answers while the receiver holds the delivery.
	c := apiClient(t, s)
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	if r, err := c.ListWebhooksWithResponse(ctx, nil); err != nil || r.JSON200 == nil || len(r.JSON200.Items) != 2 {
		t.Fatalf("ListWebhooks while a delivery is in progress = %v, %v", r, err)
	}
	if a := s.WebhookAttempts(); len(a) != 1 || a[0].Status != gen.WebhookCallbackStatusInprogress {
		t.Errorf("WebhookAttempts() while the receiver holds it = %+v, want one in progress", a)
	}
	close(release)
	settle(t, s)
	if a := s.WebhookAttempts(); len(a) != 1 || a[0].Status != gen.WebhookCallbackStatusSuccess {
		t.Errorf("WebhookAttempts() after the answer = %+v, want one success", a)
	}
}

func TestWebhookSubscriptionsAreChecked(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{Empty: true})
	tok := token(t, s)
	tests := []struct {
		name, method, path, body string
		want                     int
	}{
		{"relative URL", http.MethodPost, "/v2/webhook", `{"callbackUrl":"/hook","events":["onOrderCreated"]}`, http.StatusUnprocessableEntity},
		{"ftp URL", http.MethodPost, "/v2/webhook", `{"callbackUrl":"ftp://x/hook","events":["onOrderCreated"]}`, http.StatusUnprocessableEntity},
		{"unknown alias", http.MethodPost, "/v2/webhook", `{"callbackUrl":"https://x/hook","events":["onOrderShipped"]}`, http.StatusUnprocessableEntity},
		{"no events", http.MethodPost, "/v2/webhook", `{"callbackUrl":"https://x/hook","events":[]}`, http.StatusBadRequest},
		{"no URL", http.MethodPost, "/v2/webhook", `{"events":["onOrderCreated"]}`, http.StatusBadRequest},
		{"unknown webhook", http.MethodDelete, "/v2/webhook/00000000-0000-4000-8000-000000000000", ``, http.StatusNotFound},
		{"malformed id", http.MethodDelete, "/v2/webhook/nope", ``, http.StatusBadRequest},
		{"unknown callback", http.MethodGet, "/v2/webhook/callback/99", ``, http.StatusNotFound},
		{"retry of an unknown callback", http.MethodPost, "/v2/webhook/callback/99/retry/", ``, http.StatusNotFound},
		{"callbacks without a page", http.MethodGet, "/v2/webhook/callbacks/https:%2F%2Fx%2Fhook", ``, http.StatusBadRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctype := ""
			if tc.body != "" {
				ctype = "application/json"
			}
			if code, _, b := call(t, s, tok, tc.method, tc.path, ctype, tc.body); code != tc.want {
				t.Errorf("%s %s = %d %s, want %d", tc.method, tc.path, code, b, tc.want)
			}
		})
	}
}

// TestWebhookCallbackLog reads the log of a callback URL with a query and a
// percent sign through the generated client, which puts the whole URL in one
// path segment, a page at a time.
func TestWebhookCallbackLog(t *testing.T) {
	t.Parallel()
	clock := newClock()
	s := newServer(t, Config{Now: clock.Now, Empty: true})
	sink := newHookSink(t)
	hook := sink.url + "/a%20b?token=s3cret&x=1"
	s.AddWebhook(hook, eventStatisticsUpdated)
	s.AddWebhook(sink.url+"/other", eventStatisticsUpdated)
	for range 3 {
		if err := s.RaiseWebhookEvent(eventStatisticsUpdated, nil); err != nil {
			t.Fatal(err)
		}
		settle(t, s)
		clock.Advance(time.Minute)
	}
	var mine []int
	for _, a := range s.WebhookAttempts() {
		if a.URL == hook {
			mine = append(mine, a.CallbackID)
		}
	}
	c := apiClient(t, s)
	tests := []struct {
		name   string
		params gen.ListWebhookCallbacksParams
		want   []int
	}{
		{"all", gen.ListWebhookCallbacksParams{Limit: 10}, mine},
		{"a page", gen.ListWebhookCallbacksParams{Limit: 1, Offset: 1}, mine[1:2]},
		{"newest call first", gen.ListWebhookCallbacksParams{Limit: 2, Sort: gen.ListWebhookCallbacksParamsSortLastCall, SortDir: gen.ListWebhookCallbacksParamsSortDirDesc},
			[]int{mine[2], mine[1]}},
		{"past the end", gen.ListWebhookCallbacksParams{Limit: 5, Offset: 3}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, err := c.ListWebhookCallbacksWithResponse(t.Context(), hook, &tc.params)
			if err != nil || r.JSON200 == nil {
				t.Fatalf("ListWebhookCallbacks(%s) = %v, %v", hook, r.Status(), err)
			}
			var got []int
			for _, cb := range r.JSON200.Items {
				got = append(got, cb.Id)
				if cb.Url != hook || cb.Status != gen.WebhookCallbackStatusSuccess {
					t.Errorf("callback %d = %s %s, want a success to %s", cb.Id, cb.Status, cb.Url, hook)
				}
			}
			if !slices.Equal(got, tc.want) || r.JSON200.Pagination.TotalCount != 3 {
				t.Errorf("ids = %v (total %d), want %v of 3", got, r.JSON200.Pagination.TotalCount, tc.want)
			}
		})
	}
}
