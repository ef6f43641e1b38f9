package sellercenter_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"slices"
	"strings"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// startMock starts the in-process mock SellerCenter the examples run against.
func startMock() *sellercentertest.Server {
	mock, err := sellercentertest.NewServer(sellercentertest.Config{})
	if err != nil {
		log.Fatal(err)
	}
	return mock
}

// mockClient returns a client of mock with the default settings.
func mockClient(mock *sellercentertest.Server) *sellercenter.Client {
	c, err := sellercenter.New(sellercenter.Config{
		BaseURL:      mock.URL,
		TokenURL:     mock.TokenURL,
		ClientID:     mock.ClientID,
		ClientSecret: mock.ClientSecret,
	})
	if err != nil {
		log.Fatal(err)
	}
	return c
}

// Check turns a response that is not a success into an *APIError, which
// errors.As reaches and whose class errors.Is tells.
func ExampleAPIError() {
	mock := startMock()
	defer mock.Close()
	c := mockClient(mock)
	ctx := context.Background()

	_, err := sellercenter.Result(c.GetOrderWithResponse(ctx, 999999))

	var apiErr *sellercenter.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Method, apiErr.Path)
	}
	fmt.Println(errors.Is(err, sellercenter.ErrNotFound))
	// Output:
	// 404 GET /api/v2/orders/999999
	// true
}

// Every error of a call says whether the API may have carried it out:
// ErrNotApplied means it certainly did not, so repeating it is safe;
// ErrOutcomeUnknown means it may have, as here, where the connection drops
// before the answer comes. The API has no idempotency keys, so read the
// state back before repeating such a write.
func ExampleErrOutcomeUnknown() {
	mock := startMock()
	defer mock.Close()
	order, err := mock.AddOrder(gen.Order{Items: []gen.OrderItem{{
		Status: gen.OrderItemStatusReadyToShip, Shipment: gen.ItemShipment{Type: gen.ItemShipmentTypeDropshipping},
	}}})
	if err != nil {
		log.Fatal(err)
	}
	item := order.Items[0].Id
	// The mock drops the connection of the next status change before it
	// is applied; the client cannot tell that from one dropped after.
	if _, err := mock.DropConnections(sellercentertest.Scope{Operation: "setOrderItemsShipped", Count: 1}); err != nil {
		log.Fatal(err)
	}
	c := mockClient(mock)
	ctx := context.Background()

	ship := func() error {
		_, err := sellercenter.Result(c.SetOrderItemsShippedWithResponse(ctx, gen.OrderItemIds{OrderItemIds: []int{item}}))
		return err
	}
	err = ship()
	fmt.Println("not applied:", errors.Is(err, sellercenter.ErrNotApplied))
	fmt.Println("outcome unknown:", errors.Is(err, sellercenter.ErrOutcomeUnknown))
	if errors.Is(err, sellercenter.ErrOutcomeUnknown) {
		now, readErr := sellercenter.Result(c.GetOrderWithResponse(ctx, order.Id))
		if readErr != nil {
			log.Fatal(readErr)
		}
		if now.Items[0].Status == gen.OrderItemStatusReadyToShip {
			fmt.Println("the item did not move: shipping it again")
			err = ship()
		}
	}
	fmt.Println("error:", err)
	// Output:
	// not applied: false
	// outcome unknown: true
	// the item did not move: shipping it again
	// error: <nil>
}

// Retries, rate limiting and timeouts are set in Config. During a maintenance
// window the API answers 503 with Retry-After; the call's deadline wins over
// waiting.
func ExampleConfig() {
	mock := startMock()
	defer mock.Close()
	end := mock.Maintenance("120")
	defer end()

	c, err := sellercenter.New(sellercenter.Config{
		BaseURL:      mock.URL,
		TokenURL:     mock.TokenURL,
		ClientID:     mock.ClientID,
		ClientSecret: mock.ClientSecret,
		MaxRetries:   3,
		RateLimit:    10,
		Timeout:      20 * time.Second,
	})
	if err != nil {
		log.Fatal(err)
	}

	// The deadline is shorter than the Retry-After the API sends, so the
	// client gives up at once instead of sleeping past it.
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, err = sellercenter.Result(c.GetSellerWithResponse(ctx))

	var apiErr *sellercenter.APIError
	if errors.Is(err, sellercenter.ErrMaintenance) && errors.As(err, &apiErr) {
		fmt.Println("maintenance, retry after", apiErr.RetryAfter)
	}
	// Output:
	// maintenance, retry after 2m0s
}

// Result and the iterators make the everyday jobs a statement or two each.
// Here: count the pending orders.
func Example_pendingOrders() {
	mock := startMock()
	defer mock.Close()
	c := mockClient(mock)
	ctx := context.Background()

	pending := 0
	for _, err := range c.Orders(ctx, gen.ListOrdersParams{Section: gen.OrderSectionStatusPending}) {
		if err != nil {
			log.Fatal(err)
		}
		pending++
	}
	fmt.Println(pending, "pending orders")
	// Output:
	// 8 pending orders
}

// Set every item of an order ready to ship.
func Example_readyToShip() {
	mock := startMock()
	defer mock.Close()
	c := mockClient(mock)
	ctx := context.Background()

	order, err := sellercenter.Result(c.GetOrderWithResponse(ctx, 1001))
	if err != nil {
		log.Fatal(err)
	}
	req := gen.ReadyToShipRequest{ShippingProvider: "DHL eCommerce", TrackingNumber: "1Z999"}
	for _, item := range order.Items {
		req.OrderItems = append(req.OrderItems, gen.ReadyToShipItem{Id: item.Id})
	}
	ready, err := sellercenter.Result(c.SetOrderItemsReadyToShipWithResponse(ctx, req))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ready.OrderItemIds)
	// Output:
	// [5001 5002]
}

// Set the stock of three products by their seller SKUs.
func Example_setStock() {
	mock := startMock()
	defer mock.Close()
	c := mockClient(mock)
	ctx := context.Background()

	skus := []string{"BTK-KWG-BL-S", "BTK-KWG-BL-M", "BTK-KWG-BL-L"}
	products, err := sellercenter.Result(c.ListProductsBySellerSkusWithResponse(ctx, &gen.ListProductsBySellerSkusParams{SellerSkus: skus, Limit: len(skus)}))
	if err != nil {
		log.Fatal(err)
	}
	var stock gen.UpdateProductStockJSONRequestBody
	for _, p := range products.Items {
		stock = append(stock, gen.ProductStock{ProductId: p.Id, Quantity: 12})
	}
	skipped, err := sellercenter.Result(c.UpdateProductStockWithResponse(ctx, stock))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(stock), "set,", len(*skipped), "skipped")
	// Output:
	// 3 set, 0 skipped
}

// Ptr sets the fields of a partial update: only those with a pointer are
// sent, so a product can be renamed without touching the rest.
func ExamplePtr() {
	mock := startMock()
	defer mock.Close()
	c := mockClient(mock)
	ctx := context.Background()

	products, err := sellercenter.Result(c.ListProductsBySellerSkusWithResponse(ctx, &gen.ListProductsBySellerSkusParams{SellerSkus: []string{"BTK-KWG-BL-S"}, Limit: 1}))
	if err != nil {
		log.Fatal(err)
	}
	p := products.Items[0]
	fmt.Println(p.Name)
	body := gen.ProductWrite{Name: sellercenter.Ptr("Batik Shirt Kawung Blue, size S")}
	renamed, err := sellercenter.Result(c.UpdateProductWithResponse(ctx, p.ProductSetId, p.Id, body))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(renamed.SellerSku, renamed.Status)
	products, err = sellercenter.Result(c.ListProductsBySellerSkusWithResponse(ctx, &gen.ListProductsBySellerSkusParams{SellerSkus: []string{"BTK-KWG-BL-S"}, Limit: 1}))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(products.Items[0].Name)
	// Output:
	// Batik Shirt Kawung Blue
	// BTK-KWG-BL-S active
	// Batik Shirt Kawung Blue, size S
}

// Orders walks every page of listOrders; breaking out of the loop stops
// further requests.
func ExampleClient_Orders() {
	mock := startMock()
	defer mock.Close()
	c := mockClient(mock)
	ctx := context.Background()

	perStatus := map[gen.OrderItemStatus]int{}
	for order, err := range c.Orders(ctx, gen.ListOrdersParams{Limit: 10}) {
		if err != nil {
			log.Fatal(err)
		}
		for _, item := range order.Items {
			perStatus[item.Status]++
		}
	}

	statuses := make([]gen.OrderItemStatus, 0, len(perStatus))
	for s := range perStatus {
		statuses = append(statuses, s)
	}
	slices.Sort(statuses)
	for _, s := range statuses {
		fmt.Println(s, perStatus[s])
	}
	// Output:
	// canceled 2
	// delivered 4
	// failed 1
	// payment_pending 1
	// pending 12
	// ready_to_ship 4
	// return_delivered 1
	// return_rejected 1
	// return_shipped_by_customer 2
	// return_waiting_for_approval 3
	// returned 2
	// shipment_information_pending 1
	// shipped 5
}

// Import uploads a CSV or XLSX file as a background import; WaitForFeed
// follows its feed and returns the rows the API refused as a *FeedError.
func ExampleClient_Import() {
	mock := startMock()
	defer mock.Close()
	c := mockClient(mock)
	ctx := context.Background()

	csv := "SellerSku,Quantity\nBTK-KWG-BL-M,12\nNO-SUCH-SKU,3\n"
	accepted, err := c.Import(ctx, sellercenter.ImportStockUpdates, "stock.csv", strings.NewReader(csv))
	if err != nil {
		log.Fatal(err)
	}
	_, err = c.WaitForFeed(ctx, accepted.FeedUuid, sellercenter.FeedWait{Interval: 10 * time.Millisecond})

	var feedErr *sellercenter.FeedError
	if errors.As(err, &feedErr) {
		for _, row := range feedErr.Report.Errors {
			fmt.Println(row.SellerSku, row.ErrorMessage)
		}
	}
	// Output:
	// NO-SUCH-SKU no product has SellerSku "NO-SUCH-SKU"
}
