package sellercentertest_test

import (
	"context"
	"fmt"
	"log"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// NewServer gives the code under test a SellerCenter of its own: point the
// client at its URLs and demo credentials, drive it, then assert on the
// mock's state and request log.
func ExampleNewServer() {
	mock, err := sellercentertest.NewServer(sellercentertest.Config{})
	if err != nil {
		log.Fatal(err)
	}
	defer mock.Close()

	c, err := sellercenter.New(sellercenter.Config{
		BaseURL:      mock.URL,
		TokenURL:     mock.TokenURL,
		ClientID:     mock.ClientID,
		ClientSecret: mock.ClientSecret,
	})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	pending := mock.ItemIDs(gen.OrderItemStatusPending)
	_, err = sellercenter.Result(c.SetOrderItemsCanceledWithResponse(ctx, gen.ReasonedStatusChange{
		OrderItemIds: pending[:1],
		Reason:       "Out of stock",
	}))
	if err != nil {
		log.Fatal(err)
	}

	item, err := mock.OrderItem(pending[0])
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(item.Status, mock.Count("setOrderItemsCanceled"))
	// Output:
	// canceled 1
}
