package sellercenter_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

const (
	webhookUUID = "7dffaa4e-1713-42c2-84ba-1d2fbd4537ab"
	// hookURL is a callback URL with a secret in its query: its path
	// segment on the wire is escapedHookURL, "/" and "?" percent-encoded.
	hookURL        = "https://seller.example.com/hooks/sc?token=s3cret"
	escapedHookURL = "https:%2F%2Fseller.example.com%2Fhooks%2Fsc%3Ftoken=s3cret"
)

// receiver is an HTTP endpoint for the mock's deliveries that answers each
// with the next of its statuses (200 once they run out) and keeps the bodies.
type receiver struct {
	URL string

	mu       sync.Mutex
	statuses []int
	bodies   [][]byte
}

func newReceiver(t *testing.T, statuses ...int) *receiver {
	t.Helper()
	r := &receiver{statuses: statuses}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.bodies = append(r.bodies, b)
		code := http.StatusOK
		if len(r.statuses) > 0 {
			code, r.statuses = r.statuses[0], r.statuses[1:]
		}
		r.mu.Unlock()
		w.WriteHeader(code)
	}))
	t.Cleanup(srv.Close)
	r.URL = srv.URL + "/hooks/sc?token=s3cret"
	return r
}

// received returns the bodies delivered so far.
func (r *receiver) received() [][]byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.bodies)
}

// subscribe makes a webhook for events through the client and returns its id.
func subscribe(t *testing.T, e operationEnv, callbackURL string, events ...string) string {
	t.Helper()
	resp, err := e.c.CreateWebhookWithResponse(e.ctx, gen.WebhookSubscription{CallbackUrl: callbackURL, Events: events})
	if err := sellercenter.Check(resp, err); err != nil || resp.JSON201 == nil {
		t.Fatalf("CreateWebhook(%s, %v) = %v, want 201 with a body", callbackURL, events, err)
	}
	return resp.JSON201.WebhookId
}

// deliveredItemStatus subscribes a receiver to item status changes, changes
// one item's status on the mock and waits for the delivery.
func deliveredItemStatus(t *testing.T, e operationEnv) (*receiver, int) {
	t.Helper()
	r := newReceiver(t)
	subscribe(t, e, r.URL, "onOrderItemsStatusChanged")
	id := e.item(t, gen.OrderItemStatusPending, drop)
	if err := e.mock.SetItemStatus(id, gen.OrderItemStatusReadyToShip); err != nil {
		t.Fatal(err)
	}
	waitWebhooks(t, e.mock)
	return r, id
}

// webhookOn returns the mock's webhook with id.
func webhookOn(mock *sellercentertest.Server, id string) (gen.Webhook, bool) {
	ws := mock.Webhooks()
	i := slices.IndexFunc(ws, func(w gen.Webhook) bool { return w.PublicId == id })
	if i < 0 {
		return gen.Webhook{}, false
	}
	return ws[i], true
}

func waitWebhooks(t *testing.T, mock *sellercentertest.Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	if err := mock.WaitWebhooks(ctx); err != nil {
		t.Fatal(err)
	}
}

// webhooksRows are the operations of the webhooks area; see row in operations_test.go.
var webhooksRows = map[string]row{
	"listWebhookEntities": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListWebhookEntitiesWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/webhook-entities",
		reply: reply{status: 200, fixture: "webhooks_entities.json"},
		check: func(t *testing.T, resp any) {
			got := deref(t, "ListWebhookEntities().JSON200", as[gen.ListWebhookEntitiesResponse](t, resp).JSON200)
			eq(t, "len(ListWebhookEntities().JSON200.Events)", len(got.Events), 1)
			eq(t, "ListWebhookEntities().JSON200.Events[0].Name", got.Events[0].Name, "Metrics")
			eq(t, "ListWebhookEntities().JSON200.Events[0].Events[0]", got.Events[0].Events[0], gen.WebhookEvent{Name: "Updated", Alias: "onMetricsUpdated"})
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			got, err := sellercenter.Result(e.c.ListWebhookEntitiesWithResponse(e.ctx))
			if err != nil {
				t.Fatalf("ListWebhookEntities() = %v", err)
			}
			var aliases []string
			for _, en := range got.Events {
				for _, ev := range en.Events {
					aliases = append(aliases, ev.Alias)
				}
			}
			for _, want := range []string{"onOrderCreated", "onOrderItemsStatusChanged", "onFeedCompleted", "onProductQcStatusChanged", "onStatisticsUpdated"} {
				if !slices.Contains(aliases, want) {
					t.Errorf("ListWebhookEntities() aliases = %v, want %s among them", aliases, want)
				}
			}
		},
	},
	"createWebhook": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.CreateWebhookWithResponse(ctx, gen.WebhookSubscription{CallbackUrl: hookURL, Events: []string{"onOrderCreated", "onOrderItemsStatusChanged"}})
		},
		method: http.MethodPost, path: "/v2/webhook",
		body:  `{"callbackUrl": "https://seller.example.com/hooks/sc?token=s3cret", "events": ["onOrderCreated", "onOrderItemsStatusChanged"]}`,
		reply: reply{status: 201, fixture: "webhooks_created.json"},
		check: func(t *testing.T, resp any) {
			got := deref(t, "CreateWebhook().JSON201", as[gen.CreateWebhookResponse](t, resp).JSON201)
			eq(t, "CreateWebhook().JSON201.WebhookId", got.WebhookId, webhookUUID)
			eq(t, "CreateWebhook().JSON201.CreatedAt", got.CreatedAt.UTC(), time.Date(2024, 10, 1, 8, 0, 0, 0, time.UTC))
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			id := subscribe(t, e, hookURL, "onOrderCreated", "onOrderItemsStatusChanged")
			if w, ok := webhookOn(e.mock, id); !ok || w.CallbackUrl != hookURL || !w.IsEnabled || len(w.Events) != 2 || w.CreationSource != gen.WebhookCreationSourceApi {
				t.Errorf("mock's webhook %s after CreateWebhook = %+v, %v; want it enabled with its URL and 2 events", id, w, ok)
			}
		},
	},
	"updateWebhook": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.UpdateWebhookWithResponse(ctx, webhookUUID, gen.WebhookSubscription{CallbackUrl: hookURL, Events: []string{"onFeedCompleted"}})
		},
		method: http.MethodPut, path: "/v2/webhook/" + webhookUUID,
		body:  `{"callbackUrl": "https://seller.example.com/hooks/sc?token=s3cret", "events": ["onFeedCompleted"]}`,
		reply: reply{status: 200, fixture: "webhooks_updated.json"},
		check: func(t *testing.T, resp any) {
			got := deref(t, "UpdateWebhook().JSON200", as[gen.UpdateWebhookResponse](t, resp).JSON200)
			eq(t, "UpdateWebhook().JSON200.WebhookId", got.WebhookId, webhookUUID)
			eq(t, "UpdateWebhook().JSON200.UpdatedAt", got.UpdatedAt.UTC(), time.Date(2024, 10, 1, 8, 0, 0, 0, time.UTC))
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.mock.AddWebhook(hookURL, "onOrderCreated")
			got, err := sellercenter.Result(e.c.UpdateWebhookWithResponse(e.ctx, id, gen.WebhookSubscription{
				CallbackUrl: "https://seller.example.com/feeds", Events: []string{"onFeedCompleted", "onFeedCreated"}}))
			if err != nil || got.WebhookId != id {
				t.Fatalf("UpdateWebhook(%s) = %+v, %v; want its id", id, got, err)
			}
			if w, _ := webhookOn(e.mock, id); w.CallbackUrl != "https://seller.example.com/feeds" || len(w.Events) != 2 || w.Events[0].Alias != "onFeedCompleted" {
				t.Errorf("mock's webhook %s after UpdateWebhook = %+v, want the new URL and events", id, w)
			}
		},
	},
	"deleteWebhook": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.DeleteWebhookWithResponse(ctx, webhookUUID)
		},
		method: http.MethodDelete, path: "/v2/webhook/" + webhookUUID,
		reply: reply{status: 204},
		check: func(t *testing.T, resp any) {
			eq(t, "DeleteWebhook().StatusCode()", as[gen.DeleteWebhookResponse](t, resp).StatusCode(), 204)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			id := subscribe(t, e, hookURL, "onOrderCreated")
			resp, err := e.c.DeleteWebhookWithResponse(e.ctx, id)
			succeed(t, "DeleteWebhook", resp, err)
			if w, ok := webhookOn(e.mock, id); ok {
				t.Errorf("mock's webhook %s after DeleteWebhook = %+v, want none", id, w)
			}
		},
	},
	"setWebhookStatus": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.SetWebhookStatusWithResponse(ctx, webhookUUID, gen.WebhookStatus{IsEnabled: false})
		},
		method: http.MethodPost, path: "/v2/webhook/" + webhookUUID + "/status",
		body:  `{"isEnabled": false}`,
		reply: reply{status: 204},
		check: func(t *testing.T, resp any) {
			eq(t, "SetWebhookStatus().StatusCode()", as[gen.SetWebhookStatusResponse](t, resp).StatusCode(), 204)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			r := newReceiver(t)
			id := e.mock.AddWebhook(r.URL, "onOrderItemsStatusChanged")
			resp, err := e.c.SetWebhookStatusWithResponse(e.ctx, id, gen.WebhookStatus{IsEnabled: false})
			succeed(t, "SetWebhookStatus(false)", resp, err)
			if w, _ := webhookOn(e.mock, id); w.IsEnabled {
				t.Fatalf("mock's webhook %s after SetWebhookStatus(false) = %+v, want it disabled", id, w)
			}
			// A disabled webhook receives nothing.
			if err := e.mock.SetItemStatus(e.item(t, gen.OrderItemStatusPending, drop), gen.OrderItemStatusReadyToShip); err != nil {
				t.Fatal(err)
			}
			waitWebhooks(t, e.mock)
			if got := r.received(); len(got) != 0 {
				t.Errorf("a disabled webhook received %q", got)
			}
		},
	},
	"listWebhooks": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListWebhooksWithResponse(ctx, &gen.ListWebhooksParams{PublicIds: []string{webhookUUID, "3f0c27aa-ca28-4526-88f0-a13e6c9a007b"}})
		},
		method: http.MethodGet, path: "/v2/webhooks",
		query:   url.Values{"publicIds[]": {webhookUUID, "3f0c27aa-ca28-4526-88f0-a13e6c9a007b"}},
		literal: []string{"publicIds[]=" + webhookUUID + "&publicIds[]=3f0c27aa-ca28-4526-88f0-a13e6c9a007b"},
		reply:   reply{status: 200, fixture: "webhooks_list.json"},
		check: func(t *testing.T, resp any) {
			got := deref(t, "ListWebhooks().JSON200", as[gen.ListWebhooksResponse](t, resp).JSON200)
			eq(t, "len(ListWebhooks().JSON200.Items)", len(got.Items), 1)
			w := got.Items[0]
			eq(t, "ListWebhooks().JSON200.Items[0].PublicId", w.PublicId, webhookUUID)
			eq(t, "ListWebhooks().JSON200.Items[0].CreationSource", w.CreationSource, gen.WebhookCreationSourceApi)
			eq(t, "ListWebhooks().JSON200.Items[0].IsEnabled", w.IsEnabled, true)
			eq(t, "ListWebhooks().JSON200.Items[0].Events[1].Alias", w.Events[1].Alias, "onOrderItemsStatusChanged")
			eq(t, "ListWebhooks().JSON200.Items[0].CreatedAt", w.CreatedAt.UTC(), time.Date(2022, 9, 1, 16, 35, 42, 0, time.UTC))
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			first := e.mock.AddWebhook(hookURL, "onOrderCreated")
			e.mock.AddWebhook("https://seller.example.com/other", "onFeedCreated")
			got, err := sellercenter.Result(e.c.ListWebhooksWithResponse(e.ctx, &gen.ListWebhooksParams{PublicIds: []string{first}}))
			if err != nil {
				t.Fatalf("ListWebhooks(%s) = %v", first, err)
			}
			if len(got.Items) != 1 || got.Items[0].PublicId != first || got.Items[0].CallbackUrl != hookURL {
				t.Errorf("ListWebhooks(%s).Items = %+v, want that webhook only", first, got.Items)
			}
		},
	},
	"getWebhookCallback": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetWebhookCallbackWithResponse(ctx, 1)
		},
		method: http.MethodGet, path: "/v2/webhook/callback/1",
		reply: reply{status: 200, fixture: "webhooks_callback.json"},
		check: func(t *testing.T, resp any) {
			got := deref(t, "GetWebhookCallback(1).JSON200", as[gen.GetWebhookCallbackResponse](t, resp).JSON200)
			eq(t, "GetWebhookCallback(1).JSON200.Status", got.Status, gen.WebhookCallbackStatusInprogress)
			eq(t, "GetWebhookCallback(1).JSON200.Event", got.Event, "onOrderItemsStatusChanged")
			eq(t, "GetWebhookCallback(1).JSON200.LastCallAt", got.LastCallAt.UTC(), time.Date(2023, 10, 25, 23, 30, 34, 0, time.UTC))
			eq(t, "GetWebhookCallback(1).JSON200.Payload is JSON", json.Valid([]byte(got.Payload)), true)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			r, itemID := deliveredItemStatus(t, e)
			got, err := sellercenter.Result(e.c.GetWebhookCallbackWithResponse(e.ctx, 1))
			if err != nil {
				t.Fatalf("GetWebhookCallback(1) = %v", err)
			}
			if got.Status != gen.WebhookCallbackStatusSuccess || got.Url != r.URL || got.Event != "onOrderItemsStatusChanged" {
				t.Errorf("GetWebhookCallback(1) = %+v, want a success to %s", got, r.URL)
			}
			if b := r.received(); len(b) != 1 || string(b[0]) != got.Payload || !strings.Contains(got.Payload, `"NewStatus":"ready_to_ship"`) {
				t.Errorf("GetWebhookCallback(1).Payload = %s, want the body received %q (item %d)", got.Payload, b, itemID)
			}
		},
	},
	"retryWebhookCallback": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.RetryWebhookCallbackWithResponse(ctx, 1)
		},
		method: http.MethodPost, path: "/v2/webhook/callback/1/retry/",
		reply: reply{status: 204},
		check: func(t *testing.T, resp any) {
			eq(t, "RetryWebhookCallback(1).StatusCode()", as[gen.RetryWebhookCallbackResponse](t, resp).StatusCode(), 204)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			r, _ := deliveredItemStatus(t, e)
			resp, err := e.c.RetryWebhookCallbackWithResponse(e.ctx, 1)
			succeed(t, "RetryWebhookCallback(1)", resp, err)
			waitWebhooks(t, e.mock)
			b := r.received()
			if len(b) != 2 || string(b[0]) != string(b[1]) {
				t.Errorf("the receiver got %q after RetryWebhookCallback(1), want the same body twice", b)
			}
			if a := e.mock.WebhookAttempts(); len(a) != 2 || a[1].Status != gen.WebhookCallbackStatusSuccess {
				t.Errorf("mock.WebhookAttempts() = %+v, want a second, successful POST", a)
			}
		},
	},
	"listWebhookCallbacks": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListWebhookCallbacksWithResponse(ctx, hookURL, &gen.ListWebhookCallbacksParams{
				Limit: 20, Offset: 10, Sort: gen.ListWebhookCallbacksParamsSortLastCall, SortDir: gen.ListWebhookCallbacksParamsSortDirDesc})
		},
		method: http.MethodGet, path: "/v2/webhook/callbacks/" + escapedHookURL,
		query: url.Values{"limit": {"20"}, "offset": {"10"}, "sort": {"lastCall"}, "sortDir": {"desc"}},
		reply: reply{status: 200, fixture: "webhooks_callbacks.json"},
		check: func(t *testing.T, resp any) {
			got := deref(t, "ListWebhookCallbacks().JSON200", as[gen.ListWebhookCallbacksResponse](t, resp).JSON200)
			eq(t, "len(ListWebhookCallbacks().JSON200.Items)", len(got.Items), 1)
			eq(t, "ListWebhookCallbacks().JSON200.Items[0].Url", got.Items[0].Url, "https://sellercenter.com/callbacks")
			eq(t, "ListWebhookCallbacks().JSON200.Pagination.TotalCount", got.Pagination.TotalCount, 100)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			r, _ := deliveredItemStatus(t, e)
			got, err := sellercenter.Result(e.c.ListWebhookCallbacksWithResponse(e.ctx, r.URL, &gen.ListWebhookCallbacksParams{Limit: 10}))
			if err != nil {
				t.Fatalf("ListWebhookCallbacks(%s) = %v", r.URL, err)
			}
			if len(got.Items) != 1 || got.Items[0].Url != r.URL || got.Items[0].Id != 1 || got.Pagination.TotalCount != 1 {
				t.Errorf("ListWebhookCallbacks(%s) = %+v, want its one callback", r.URL, got)
			}
		},
	},
}

// webhooksErrorRows answer operations of the webhooks area with error statuses.
var webhooksErrorRows = []errorRow{
	{op: "createWebhook", reply: reply{status: 422, fixture: "problem_transition.json"},
		check: func(t *testing.T, resp any) {
			got := deref(t, "CreateWebhook().JSON422", as[gen.CreateWebhookResponse](t, resp).JSON422)
			eq(t, "CreateWebhook().JSON422.Status", got.Status, int32(422))
		}},
	{op: "getWebhookCallback", reply: reply{status: 404, fixture: "problem_not_found.json"},
		check: func(t *testing.T, resp any) {
			got := deref(t, "GetWebhookCallback().JSON404", as[gen.GetWebhookCallbackResponse](t, resp).JSON404)
			eq(t, "GetWebhookCallback().JSON404.Status", got.Status, int32(404))
		}},
}

// TestWebhookEntitiesUnderItems decodes the entities as integrations of the
// live API read them, under items instead of the vendor document's events.
func TestWebhookEntitiesUnderItems(t *testing.T) {
	t.Parallel()
	body := `{"items":[{"name":"Order","events":[{"name":"Created","alias":"onOrderCreated"}]}]}`
	dec := json.NewDecoder(strings.NewReader(body))
	dec.DisallowUnknownFields()
	var got gen.WebhookEntities
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("decoding %s = %v", body, err)
	}
	if len(got.Events) != 0 || len(got.Items) != 1 || got.Items[0].Events[0].Alias != "onOrderCreated" {
		t.Errorf("decoding %s = %+v, want the entity under Items", body, got)
	}
}
