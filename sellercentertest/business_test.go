package sellercentertest

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter/gen"
)

// TestBusinessRules covers the rules of the calls other than status
// changes, one request each.
func TestBusinessRules(t *testing.T) {
	t.Parallel()
	// One server answers the whole table at once: the rules, not the
	// rate limit, are under test.
	s := newServer(t, Config{RateLimit: NoRateLimit})
	tok := token(t, s)
	const js = "application/json"
	item := func(status gen.OrderItemStatus, shipment gen.ItemShipmentType) int {
		o, err := s.AddOrder(gen.Order{Items: []gen.OrderItem{{Status: status, Shipment: gen.ItemShipment{Type: shipment}}}})
		if err != nil {
			t.Fatal(err)
		}
		return o.Items[0].Id
	}
	drop, cross := gen.ItemShipmentTypeDropshipping, gen.ItemShipmentTypeCrossdocking
	pdfType, pdfBody := multipartBody(t, map[string]string{"documentType": "invoice"}, "documentFile", "invoice.docx", []byte("x"))
	emptyType, emptyBody := multipartBody(t, map[string]string{"type": "to-shipped"}, "file1", "shipped.csv", nil)
	txtType, txtBody := multipartBody(t, map[string]string{"type": "to-shipped"}, "file1", "shipped.txt", []byte("a"))
	okDocType, okDocBody := multipartBody(t, map[string]string{"documentType": "invoice"}, "documentFile", "invoice.png", []byte("png"))
	key := "35240112345678000190550010000012341000012345"
	keyed := item(stShipped, drop)
	if status, _, body := call(t, s, tok, "POST", "/v2/orders/set-invoice-access-key", js,
		fmt.Sprintf(`{"orderItems":[{"orderItemId":%d,"accessKey":%q}]}`, keyed, key)); status != 200 {
		t.Fatalf("set-invoice-access-key = %d %s", status, body)
	}
	tests := []struct {
		name              string
		method, path      string
		contentType, body string
		wantStatus        int
		wantText          string
	}{
		{"tracking code of a pending item", "POST", fmt.Sprintf("/v2/order-item/%d/tracking-code", item(stPending, drop)), js, `{"trackingCode":"X1"}`, 422, "has status pending"},
		{"tracking code of an unknown item", "POST", "/v2/order-item/999999/tracking-code", js, `{"trackingCode":"X1"}`, 422, "E023"},
		{"tracking code in use", "POST", fmt.Sprintf("/v2/order-item/%d/tracking-code", item(stR2S, drop)), js, `{"trackingCode":"NVMY41007001"}`, 422, "already used by package 7001"},
		{"shipping provider unknown", "POST", fmt.Sprintf("/v2/order-item/%d/shipping-provider", item(stR2S, drop)), js, `{"shippingProvider":"Owl"}`, 422, "not one of the seller's carriers"},
		{"pickup for dropshipping", "POST", "/v2/order-pickup-requests", js, fmt.Sprintf(`{"orderItemIds":[%d]}`, item(stR2S, drop)), 422, "not allowed shipment type"},
		{"pickup for a pending item", "POST", "/v2/order-pickup-requests", js, fmt.Sprintf(`{"orderItemIds":[%d]}`, item(stPending, cross)), 422, "has status pending"},
		{"invoice number of an unknown item", "POST", "/v2/orders/set-invoice-number", js, `{"orderItemId":999999,"invoiceNumber":"INV-1"}`, 400, "orderItemId"},
		{"blank invoice number", "POST", "/v2/orders/set-invoice-number", js, `{"orderItemId":5001,"invoiceNumber":" "}`, 400, "empty"},
		{"access key of a pending item", "POST", "/v2/orders/set-invoice-access-key", js, `{"orderItems":[{"orderItemId":5001,"accessKey":"` + key + `"}]}`, 422, "has status pending"},
		{"access key too short", "POST", "/v2/orders/set-invoice-access-key", js, fmt.Sprintf(`{"orderItems":[{"orderItemId":%d,"accessKey":"123"}]}`, item(stShipped, drop)), 422, "44 digits"},
		{"access key in use", "POST", "/v2/orders/set-invoice-access-key", js, fmt.Sprintf(`{"orderItems":[{"orderItemId":%d,"accessKey":%q}]}`, item(stShipped, drop), key), 422, fmt.Sprintf("used by order item %d", keyed)},
		{"invoice number of an unknown order", "POST", "/v2/orders/424242/generate-invoice-number", "", "", 404, "order 424242"},
		{"documents without orders", "POST", "/v2/orders/export-document", js, `{"documentType":"invoice"}`, 422, "give orderIds or orderItemIds"},
		{"unknown document type", "POST", "/v2/orders/export-document", js, `{"orderIds":[1001],"documentType":"invoice,poster"}`, 422, "poster"},
		{"documents of an unknown order", "POST", "/v2/orders/export-document", js, `{"orderIds":[424242],"documentType":"invoice"}`, 422, "424242"},
		{"invoice that is not an image or pdf", "POST", "/v2/order/document/package/7001", pdfType, pdfBody, 400, "png, jpg or pdf"},
		{"document of an unknown package", "POST", "/v2/order/document/package/1", okDocType, okDocBody, 404, "package 1"},
		{"delete a document never uploaded", "DELETE", "/v2/order/document/package/7002", "", "", 404, "has no document"},
		{"empty import file", "POST", "/v2/orders/import", emptyType, emptyBody, 422, "empty"},
		{"import of a text file", "POST", "/v2/orders/import", txtType, txtBody, 422, ".csv or .xlsx"},
		{"returns export with dates reversed", "POST", "/v2/orders/returns/export", js, `{"format":"csv","dateStart":"2024-10-05T00:00:00Z","dateEnd":"2024-10-01T00:00:00Z"}`, 422, "before dateEnd"},
		{"seller email that is no address", "PATCH", "/v2/seller", js, `{"email":"shop.example"}`, 422, "not an email"},
		{"unknown profile field", "PATCH", "/v2/seller", js, `{"profileFields":[{"name":"favourite_colour","value":"teal"}]}`, 422, "favourite_colour"},
		{"profile field by id", "PATCH", "/v2/seller", js, `{"profileFields":[{"id":13,"value":"1"}]}`, 200, ""},
		{"admin: unknown status", "POST", "/v2/orders/statuses/admin-change-status", js, `{"orderItems":[{"orderItemId":5001,"status":"lost"}]}`, 400, "orderItems[0].status"},
		{"admin: unknown item", "POST", "/v2/orders/statuses/admin-change-status", js, `{"orderItems":[{"orderItemId":999999,"status":"pending"}]}`, 400, "does not exist"},
		{"history of an unknown order", "GET", "/v2/order/424242/history", "", "", 404, "order 424242"},
		{"return of an item without one", "GET", "/v2/order-items/5001/return", "", "", 404, "has no return"},
		{"export that does not exist", "GET", "/v2/exports/1", "", "", 404, "export 1"},
		{"file that is not finished", "GET", "/filemanager/v1/files/download/" + queuedFile(t, s), "", "", 404, "not FINISHED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, body := call(t, s, tok, tt.method, tt.path, tt.contentType, tt.body)
			if status != tt.wantStatus || !strings.Contains(string(body), tt.wantText) {
				t.Errorf("%s %s = %d %.300s, want %d mentioning %q", tt.method, tt.path, status, body, tt.wantStatus, tt.wantText)
			}
		})
	}
	seller, _ := s.Seller()
	for _, f := range seller.ProfileFields {
		if f.Name == "holiday_mode" && f.Value != "1" {
			t.Errorf("holiday_mode = %q after the update by id, want 1", f.Value)
		}
	}
}

func queuedFile(t *testing.T, s *Server) string {
	t.Helper()
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	for u, f := range s.st.files {
		if f.status == gen.FileStatusProcessStatusQUEUED {
			return u
		}
	}
	t.Fatal("the seed has no queued file")
	return ""
}

// TestPackageWideChanges checks that tracking code, carrier and invoice
// number apply to every item of the package.
func TestPackageWideChanges(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	c := apiClient(t, s)
	ctx := context.Background()
	o, err := s.AddOrder(gen.Order{Items: []gen.OrderItem{{}, {}}})
	if err != nil {
		t.Fatal(err)
	}
	ids := o.OrderItemIds
	body := gen.ReadyToShipRequest{}
	for _, id := range ids {
		body.OrderItems = append(body.OrderItems, gen.ReadyToShipItem{Id: id})
	}
	if r, err := c.SetOrderItemsReadyToShipWithResponse(ctx, body); err != nil || r.StatusCode() != 200 {
		t.Fatalf("ready-to-ship = %v %.300s", err, r.Body)
	}
	if r, err := c.SetOrderItemTrackingCodeWithResponse(ctx, ids[0], gen.TrackingCodeUpdate{TrackingCode: "NEW-TRACK"}); err != nil || r.StatusCode() != 200 {
		t.Fatalf("SetOrderItemTrackingCode = %v %.300s", err, r.Body)
	}
	sp, err := c.SetOrderItemShippingProviderWithResponse(ctx, ids[1], gen.ShippingProviderUpdate{ShippingProvider: "DHL eCommerce"})
	if err != nil || sp.JSON200 == nil || sp.JSON200.Shipment.Provider.Name != "DHL eCommerce" || sp.JSON200.Shipment.TrackingCode != "NEW-TRACK" {
		t.Fatalf("SetOrderItemShippingProvider = %v %.300s, want the item via DHL with NEW-TRACK", err, sp.Body)
	}
	if r, err := c.SetInvoiceNumberWithResponse(ctx, gen.InvoiceNumberAssignment{OrderItemId: ids[1], InvoiceNumber: "INV-77"}); err != nil || r.JSON200 == nil || r.JSON200.InvoiceNumber != "INV-77" {
		t.Fatalf("SetInvoiceNumber = %v", err)
	}
	for _, id := range ids {
		it, _ := s.OrderItem(id)
		if it.Shipment.TrackingCode != "NEW-TRACK" || it.Shipment.Provider.Name != "DHL eCommerce" || str(it.InvoiceNumber) != "INV-77" {
			t.Errorf("item %d: tracking %q carrier %q invoice %q, want NEW-TRACK, DHL eCommerce, INV-77 for the whole package",
				id, it.Shipment.TrackingCode, it.Shipment.Provider.Name, str(it.InvoiceNumber))
		}
	}
	if r, err := c.SetOrderItemsPackedByMarketplaceWithResponse(ctx, gen.PackedByMarketplaceRequest{
		OrderItems: []gen.PackedItem{{OrderItemId: ids[0]}}, DeliveryType: gen.DeliveryTypePickup}); err != nil || r.StatusCode() != http.StatusUnprocessableEntity {
		t.Errorf("packing a ready-to-ship item = %v %.300s, want 422", err, r.Body)
	}
}

func TestInvoiceNumbers(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	c := apiClient(t, s)
	ctx := context.Background()
	g, err := c.GetInvoiceNumberSettingsWithResponse(ctx)
	if err != nil || g.JSON200 == nil || g.JSON200.NextFormatedValue != "INV-1001" {
		t.Fatalf("GetInvoiceNumberSettings = %v %.200s, want INV-1001 next", err, g.Body)
	}
	for _, want := range []string{"INV-1001", "INV-1002"} {
		r, err := c.GenerateInvoiceNumberWithResponse(ctx, 1001)
		if err != nil || r.JSON201 == nil || r.JSON201.Number != want {
			t.Errorf("GenerateInvoiceNumber = %v %.200s, want %s", err, r.Body, want)
		}
	}
	u, err := c.UpdateInvoiceNumberSettingsWithResponse(ctx, gen.InvoiceNumberSettingsUpdate{GenerationType: gen.InvoiceNumberSettingsUpdateGenerationTypeOrderNumber})
	if err != nil || u.JSON201 == nil || u.JSON201.GenerationType != "order_number" {
		t.Fatalf("UpdateInvoiceNumberSettings = %v %.200s, want 201 with order_number", err, u.Body)
	}
	if r, err := c.GenerateInvoiceNumberWithResponse(ctx, 1001); err != nil || r.JSON201 == nil || r.JSON201.Number != "MY-32001001" {
		t.Errorf("GenerateInvoiceNumber with order_number = %v %.200s, want the order number", err, r.Body)
	}
}

func TestSuggestionsAndFinance(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	c := apiClient(t, s)
	ctx := context.Background()
	r, err := c.GetOrderSuggestionsWithResponse(ctx, &gen.GetOrderSuggestionsParams{Key: gen.GetOrderSuggestionsParamsKeyCancelationReason, Query: ""})
	if err != nil || r.JSON200 == nil || r.JSON200.Results == nil {
		t.Fatalf("GetOrderSuggestions(cancelation-reason) = %v", err)
	}
	rows := r.JSON200.Results
	if len(rows) < 2 || rows[0].Label != "No reason" || rows[0].Value != nil {
		t.Errorf("cancel reason suggestions = %d rows, first %q, want No reason with a null value first", len(rows), rows[0].Label)
	}
	r, err = c.GetOrderSuggestionsWithResponse(ctx, &gen.GetOrderSuggestionsParams{Key: gen.GetOrderSuggestionsParamsKeyOrderNr, Query: "32001002", FilteredStatus: gen.OrderSectionStatusPending})
	if err != nil || r.JSON200 == nil || len(r.JSON200.Results) != 1 || str(r.JSON200.Results[0].Value) != "MY-32001002" {
		t.Errorf("GetOrderSuggestions(order_nr 32001002) = %v %.200s, want MY-32001002", err, r.Body)
	}
	f, err := c.GetOrderFinanceWithResponse(ctx, 1001)
	if err != nil || f.JSON200 == nil {
		t.Fatalf("GetOrderFinance(1001) = %v", err)
	}
	o, _ := s.Order(1001)
	var paid float64
	for _, it := range o.Items {
		paid += it.PaidPrice
	}
	if f.JSON200.PaidPrice != round2(paid) || f.JSON200.VoucherTotal != 20 || f.JSON200.Currency != "MYR" || len(f.JSON200.TransactionSummary) == 0 {
		t.Errorf("finance of 1001 = paid %v vouchers %v %s, want paid %v, vouchers 20, MYR", f.JSON200.PaidPrice, f.JSON200.VoucherTotal, f.JSON200.Currency, round2(paid))
	}
}
