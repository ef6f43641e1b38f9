package webhook_test

import (
	"context"
	"fmt"
	"log"
	"net/http/httptest"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
	"github.com/sellercenter-go/sellercenter/webhook"
)

// A service that is told of new orders and fetches each with the client. The
// mock SellerCenter plays the API: it delivers onOrderCreated over HTTP when
// the test adds an order, as the API does when a customer orders.
func Example_orderService() {
	mock, err := sellercentertest.NewServer(sellercentertest.Config{})
	if err != nil {
		log.Fatal(err)
	}
	defer mock.Close()
	client, err := sellercenter.New(sellercenter.Config{
		BaseURL: mock.URL, TokenURL: mock.TokenURL, ClientID: mock.ClientID, ClientSecret: mock.ClientSecret,
	})
	if err != nil {
		log.Fatal(err)
	}

	// The service: fetch each new order and print it. An error makes the
	// handler answer 500, and SellerCenter delivers the event again.
	done := make(chan struct{})
	service := &webhook.Handler{
		Secret: "3a7c9e0d",
		Dedup:  webhook.NewMemoryDedup(0),
		OnOrderCreated: func(ctx context.Context, e webhook.OrderCreated) error {
			order, err := sellercenter.Result(client.GetOrderWithResponse(ctx, int(e.OrderID)))
			if err != nil {
				return err
			}
			fmt.Printf("order %s: %d item(s), %s\n", order.Number, order.ItemCount, order.Items[0].Status)
			close(done)
			return nil
		},
	}
	receiver := httptest.NewServer(service)
	defer receiver.Close()

	// Subscribe, with the secret in the URL.
	ctx := context.Background()
	resp, err := client.CreateWebhookWithResponse(ctx, gen.WebhookSubscription{
		CallbackUrl: receiver.URL + "/sellercenter/3a7c9e0d",
		Events:      []string{webhook.AliasOrderCreated},
	})
	if err := sellercenter.Check(resp, err); err != nil {
		log.Fatal(err)
	}

	// A customer orders.
	if _, err := mock.AddOrder(gen.Order{Number: "MY-40000001", Items: []gen.OrderItem{{}, {}}}); err != nil {
		log.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		log.Fatal("no onOrderCreated within 10s")
	}
	// Output:
	// order MY-40000001: 2 item(s), pending
}
