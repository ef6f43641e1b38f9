package sellercenter_test

import (
	"context"
	"fmt"
	"log"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// New builds a client; every API operation is a typed method of it. This one
// talks to a mock started in-process, so the README's quick start, which is
// this file, runs as it stands; point BaseURL and TokenURL at an instance in
// production.
func Example() {
	// A fake SellerCenter with demo data on a loopback port (see Testing).
	mock, err := sellercentertest.NewServer(sellercentertest.Config{})
	if err != nil {
		log.Fatal(err)
	}
	defer mock.Close()

	c, err := sellercenter.New(sellercenter.Config{
		BaseURL:      mock.URL, // https://sellercenter-api.<instance> in production
		TokenURL:     mock.TokenURL,
		ClientID:     mock.ClientID,
		ClientSecret: mock.ClientSecret,
	})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	section := gen.OrderSectionStatusPending
	page, err := sellercenter.Result(c.ListOrdersWithResponse(ctx, &gen.ListOrdersParams{Limit: 3, Section: section}))
	if err != nil {
		log.Fatal(err)
	}
	for _, order := range page.Items {
		fmt.Println(order.Number, order.ItemCount, "item(s)", order.Items[0].Status)
	}
	// Output:
	// MY-32001001 2 item(s) pending
	// MY-32001002 1 item(s) pending
	// MY-32001003 3 item(s) pending
}
