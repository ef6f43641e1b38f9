package sellercenter_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/sellercenter-go/sellercenter"
)

// SetStock sets the stock of any number of products by seller SKU, in
// requests of 100 sent together within the rate limit, and tells each
// SKU's outcome.
func ExampleClient_SetStock() {
	mock := startMock()
	defer mock.Close()
	c := mockClient(mock)
	ctx := context.Background()

	changes := []sellercenter.StockChange{
		{SellerSku: "BTK-KWG-BL-S", Quantity: 12},
		{SellerSku: "BTK-KWG-BL-M", Quantity: 0},
		{SellerSku: "SDL-LTH-42", Quantity: 5}, // the marketplace holds its stock
	}
	results, err := c.SetStock(ctx, changes, sellercenter.BulkOptions{})
	for _, r := range results {
		fmt.Println(r.SellerSku, r.Outcome)
	}
	var bulkErr *sellercenter.BulkError
	if errors.As(err, &bulkErr) {
		fmt.Println(bulkErr.Refused, "refused;", bulkErr.Unknown, "to read back before repeating")
	}
	// Output:
	// BTK-KWG-BL-S applied
	// BTK-KWG-BL-M applied
	// SDL-LTH-42 refused
	// 1 refused; 0 to read back before repeating
}
