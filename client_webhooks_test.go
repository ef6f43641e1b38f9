package sellercenter_test

// Contract tests of webhooks end to end: subscriptions made with the
// client, events the mock raises on its state changes, delivered over HTTP
// to a webhook.Handler, retried on the mock's clock.

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
	"github.com/sellercenter-go/sellercenter/webhook"
)

// outage answers the first n requests 500 without passing them on, as a
// receiver that is down would.
type outage struct {
	next http.Handler
	left atomic.Int32
}

func (o *outage) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if o.left.Add(-1) >= 0 {
		http.Error(w, "down for maintenance", http.StatusInternalServerError)
		return
	}
	o.next.ServeHTTP(w, r)
}

func TestContractWebhooks(t *testing.T) {
	t.Parallel()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))

	t.Run("a status change through the client reaches the receiver typed", func(t *testing.T) {
		t.Parallel()
		ctx := t.Context()
		mock := newContractMock(t, sellercentertest.Config{})
		c := newContractClient(t, mock, nil)
		var mu sync.Mutex
		var got []webhook.OrderItemsStatusChanged
		recv := httptest.NewServer(&webhook.Handler{
			Secret: "s3cret",
			OnOrderItemsStatusChanged: func(_ context.Context, e webhook.OrderItemsStatusChanged) error {
				mu.Lock()
				defer mu.Unlock()
				got = append(got, e)
				return nil
			},
			Logger: quiet,
		})
		t.Cleanup(recv.Close)
		subscribe(t, operationEnv{ctx: ctx, mock: mock, c: c}, recv.URL+"/hooks/s3cret", webhook.AliasOrderItemsStatusChanged)

		order := addContractOrder(t, mock, drop, gen.OrderItemStatusPending, gen.OrderItemStatusPending)
		ids := itemIDsOf(order)
		items := []gen.ReadyToShipItem{{Id: ids[0]}, {Id: ids[1]}}
		resp, err := c.SetOrderItemsReadyToShipWithResponse(ctx, gen.ReadyToShipRequest{OrderItems: items})
		succeed(t, "SetOrderItemsReadyToShip", resp, err)
		waitWebhooks(t, mock)

		mu.Lock()
		defer mu.Unlock()
		want := webhook.OrderItemsStatusChanged{OrderID: webhook.ID(order.Id), OrderItemIDs: []webhook.ID{webhook.ID(ids[0]), webhook.ID(ids[1])}, NewStatus: "ready_to_ship"}
		if len(got) != 1 || got[0].OrderID != want.OrderID || !slices.Equal(got[0].OrderItemIDs, want.OrderItemIDs) || got[0].NewStatus != want.NewStatus {
			t.Errorf("the receiver got %+v, want one %+v", got, want)
		}
	})

	t.Run("a receiver down twice gets the event on the second retry, once", func(t *testing.T) {
		t.Parallel()
		ctx := t.Context()
		clk := newStepClock()
		mock := newContractMock(t, sellercentertest.Config{Now: clk.Now})
		c := newContractClient(t, mock, nil)
		var mu sync.Mutex
		ran, last := 0, webhook.OrderItemsStatusChanged{}
		h := &webhook.Handler{
			OnOrderItemsStatusChanged: func(_ context.Context, e webhook.OrderItemsStatusChanged) error {
				mu.Lock()
				defer mu.Unlock()
				ran++
				last = e
				return nil
			},
			Dedup:  webhook.NewMemoryDedup(0),
			Logger: quiet,
		}
		down := &outage{next: h}
		down.left.Store(2)
		recv := httptest.NewServer(down)
		t.Cleanup(recv.Close)
		hookURL := recv.URL + "/hooks"
		subscribe(t, operationEnv{ctx: ctx, mock: mock, c: c}, hookURL, webhook.AliasOrderItemsStatusChanged)

		id := itemIDsOf(addContractOrder(t, mock, drop, gen.OrderItemStatusPending))[0]
		resp, err := c.SetOrderItemsReadyToShipWithResponse(ctx, gen.ReadyToShipRequest{OrderItems: []gen.ReadyToShipItem{{Id: id}}})
		succeed(t, "SetOrderItemsReadyToShip", resp, err)
		waitWebhooks(t, mock)
		steps := []struct {
			advance  int // the index of the retry delay the clock moves past, -1 for none
			attempts int
		}{
			{-1, 1}, // sent at once, 500
			{0, 2},  // a minute later, 500
			{1, 3},  // five minutes after that, 200
		}
		for _, s := range steps {
			if s.advance >= 0 {
				clk.Advance(sellercentertest.WebhookRetryDelays()[s.advance])
				waitWebhooks(t, mock)
			}
			if n := len(mock.WebhookAttempts()); n != s.attempts {
				t.Fatalf("after retry delay %d: %d attempts, want %d", s.advance, n, s.attempts)
			}
		}

		page, err := sellercenter.Result(c.ListWebhookCallbacksWithResponse(ctx, hookURL, &gen.ListWebhookCallbacksParams{Limit: 10}))
		if err != nil {
			t.Fatalf("ListWebhookCallbacks(%s) = %v", hookURL, err)
		}
		var statuses []gen.WebhookCallbackStatus
		for _, cb := range page.Items {
			statuses = append(statuses, cb.Status)
		}
		if want := []gen.WebhookCallbackStatus{"fail", "fail", "success"}; !slices.Equal(statuses, want) || page.Pagination.TotalCount != 3 {
			t.Errorf("the callback log of %s = %v (total %d), want %v", hookURL, statuses, page.Pagination.TotalCount, want)
		}

		// A redelivery of the same event is acknowledged without running
		// the function again.
		retried, err := c.RetryWebhookCallbackWithResponse(ctx, page.Items[2].Id)
		succeed(t, "RetryWebhookCallback", retried, err)
		waitWebhooks(t, mock)
		attempts := mock.WebhookAttempts()
		if len(attempts) != 4 || attempts[3].Status != gen.WebhookCallbackStatusSuccess {
			t.Errorf("after the retry: %+v, want a fourth, successful attempt", attempts)
		}
		mu.Lock()
		defer mu.Unlock()
		if ran != 1 || len(last.OrderItemIDs) != 1 || last.OrderItemIDs[0] != webhook.ID(id) {
			t.Errorf("the function ran %d times (last %+v), want once for item %d", ran, last, id)
		}
	})

	t.Run("a receiver that keeps failing is dropped after 16 retries", func(t *testing.T) {
		t.Parallel()
		clk := newStepClock()
		mock := newContractMock(t, sellercentertest.Config{Now: clk.Now})
		c := newContractClient(t, mock, nil)
		fails := errors.New("always")
		recv := httptest.NewServer(&webhook.Handler{
			OnStatisticsUpdated: func(context.Context, webhook.StatisticsUpdated) error { return fails },
			Logger:              quiet,
		})
		t.Cleanup(recv.Close)
		subscribe(t, operationEnv{ctx: t.Context(), mock: mock, c: c}, recv.URL, webhook.AliasStatisticsUpdated)
		if err := mock.RaiseWebhookEvent(webhook.AliasStatisticsUpdated, nil); err != nil {
			t.Fatal(err)
		}
		waitWebhooks(t, mock)
		for _, d := range sellercentertest.WebhookRetryDelays() {
			clk.Advance(d)
			waitWebhooks(t, mock)
		}
		clk.Advance(sellercentertest.WebhookRetryDelays()[len(sellercentertest.WebhookRetryDelays())-1])
		waitWebhooks(t, mock)
		if n := len(mock.WebhookAttempts()); n != 1+len(sellercentertest.WebhookRetryDelays()) {
			t.Errorf("%d attempts, want the first and %d retries", n, len(sellercentertest.WebhookRetryDelays()))
		}
	})
}
