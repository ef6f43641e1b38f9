package webhook_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/sellercenter-go/sellercenter/webhook"
)

// A receiver of item status changes behind a secret in its URL; register
// https://your.host/sellercenter/hooks/<secret> with createWebhook.
func ExampleHandler() {
	h := &webhook.Handler{
		Secret: "3a7c9e0d",
		OnOrderItemsStatusChanged: func(ctx context.Context, e webhook.OrderItemsStatusChanged) error {
			d, _ := webhook.DeliveryFrom(ctx)
			fmt.Printf("order %d: items %v are %s (%s)\n", e.OrderID, e.OrderItemIDs, e.NewStatus, d.Event)
			return nil // a 200: SellerCenter will not send it again
		},
	}
	mux := http.NewServeMux()
	mux.Handle("POST /sellercenter/hooks/{secret}", h)

	body := `{"event":"onOrderItemsStatusChanged","payload":{"OrderId":"190","OrderItemIds":["2","3"],"NewStatus":"ready_to_ship"}}`
	for _, path := range []string{"/sellercenter/hooks/3a7c9e0d", "/sellercenter/hooks/guess"} {
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, httptest.NewRequest(http.MethodPost, path, strings.NewReader(body)))
		fmt.Println(w.Code)
	}
	// Output:
	// order 190: items [2 3] are ready_to_ship (onOrderItemsStatusChanged)
	// 200
	// 401
}
