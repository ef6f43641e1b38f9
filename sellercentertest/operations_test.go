package sellercentertest

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sellercenter-go/sellercenter/gen"
)

// opRequest is one valid request for an operation and the status it gets:
// sent raw (method, path, body), or through the generated client by do.
type opRequest struct {
	op                string
	method, path      string
	contentType, body string
	want              int
	do                func(ctx context.Context, c *gen.ClientWithResponses) (status int, err error)
}

func multipartBody(t *testing.T, fields map[string]string, fileField, fileName string, content []byte) (string, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	fw, err := w.CreateFormFile(fileField, fileName)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(content); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return w.FormDataContentType(), b.String()
}

// operationRequests builds one request per operation of the document, on
// fresh items so that each is a legal call.
func operationRequests(t *testing.T, s *Server) []opRequest {
	t.Helper()
	fresh := func(status gen.OrderItemStatus, shipment gen.ItemShipmentType) int {
		o, err := s.AddOrder(gen.Order{Items: []gen.OrderItem{{Status: status, Shipment: gen.ItemShipment{Type: shipment}}}})
		if err != nil {
			t.Fatal(err)
		}
		return o.Items[0].Id
	}
	drop := gen.ItemShipmentTypeDropshipping
	pkgItem := s.ItemIDs(gen.OrderItemStatusShipped)[0]
	s.st.mu.Lock()
	pkgID := s.st.items[pkgItem].packageID
	var returned int
	for _, id := range s.st.sortedItemIDs() {
		if s.st.items[id].ret != nil {
			returned = id
			break
		}
	}
	var exportID int
	var fileUUID string
	for id, x := range s.st.exports {
		if s.st.files[x.fileUUID].status == gen.FileStatusProcessStatusFINISHED {
			exportID, fileUUID = id, x.fileUUID
		}
	}
	s.st.mu.Unlock()
	if pkgID == 0 || returned == 0 || exportID == 0 {
		t.Fatalf("the seed lacks a package, a return or a finished export")
	}
	const js = "application/json"
	docType, docBody := multipartBody(t, map[string]string{"documentType": "invoice"}, "documentFile", "invoice.pdf", []byte("%PDF-1.4"))
	impType, impBody := multipartBody(t, map[string]string{"type": "to-shipped"}, "file1", "shipped.csv", []byte("Order Item Id\n5009\n"))
	ids := func(id int) string { return fmt.Sprintf(`{"orderItemIds":[%d]}`, id) }
	return append([]opRequest{
		{"getHealth", "GET", "/v2/health", "", "", 200, nil},
		{"getSeller", "GET", "/v2/seller", "", "", 200, nil},
		{"updateSeller", "PATCH", "/v2/seller", js, `{"email":"shop@example.com","profileFields":[{"name":"holiday_mode","value":"1"}]}`, 200, nil},
		{"listOrders", "GET", "/v2/orders?limit=5&offset=0&section=status_pending", "", "", 200, nil},
		{"getOrder", "GET", "/v2/orders/1001", "", "", 200, nil},
		{"getOrderCounters", "GET", "/v2/orders-counters", "", "", 200, nil},
		{"getOrderSuggestions", "GET", "/v2/orders/search?key=customer&query=tan", "", "", 200, nil},
		{"exportOrders", "GET", "/v2/orders/export?section=status_shipped&format=xlsx", "", "", 200, nil},
		{"exportReturnOrders", "POST", "/v2/orders/returns/export", js, `{"format":"csv","status":"open"}`, 201, nil},
		{"getOrderHistory", "GET", "/v2/order/1001/history", "", "", 200, nil},
		{"getOrderFinance", "GET", "/v2/order/1001/finance", "", "", 200, nil},
		{"listOrderItems", "GET", "/v2/order-items?limit=5&offset=0&status[]=pending", "", "", 200, nil},
		{"listOrderItemPackages", "GET", fmt.Sprintf("/v2/order-items/packages?orderItemIds[]=%d", pkgItem), "", "", 200, nil},
		{"listOrderItemReturns", "GET", fmt.Sprintf("/v2/order-items/returns?orderItemIds[]=%d", returned), "", "", 200, nil},
		{"getOrderItemReturn", "GET", fmt.Sprintf("/v2/order-items/%d/return", returned), "", "", 200, nil},
		{"listOrderItemTags", "GET", "/v2/order-item-tags", "", "", 200, nil},
		{"listAssignedOrderItemTags", "GET", "/v2/order-item-tags/assigned?orderItemIds[]=5001", "", "", 200, nil},
		{"setOrderItemsReadyToShip", "POST", "/v2/orders/statuses/set-to-ready-to-ship", js,
			fmt.Sprintf(`{"orderItems":[{"id":%d}],"shippingProvider":"DHL eCommerce","trackingNumber":"MYDHL77","deliveryType":"dropship"}`, fresh(stPending, drop)), 200, nil},
		{"setOrderItemsPackedByMarketplace", "POST", "/v2/orders/statuses/set-to-packed-by-marketplace", js,
			fmt.Sprintf(`{"orderItems":[{"orderItemId":%d}],"deliveryType":"dropship","shippingProvider":"Ninja Van"}`, fresh(stPending, drop)), 200, nil},
		{"setOrderItemsShipped", "POST", "/v2/orders/statuses/set-to-shipped", js, ids(fresh(stR2S, drop)), 200, nil},
		{"setOrderItemsDelivered", "POST", "/v2/orders/statuses/set-to-delivered", js, ids(fresh(stShipped, drop)), 200, nil},
		{"setOrderItemsDeliveryFailed", "POST", "/v2/orders/statuses/set-to-delivery-failed", js,
			fmt.Sprintf(`{"orderItemIds":[%d],"reason":"Wrong address","reasonDetail":null}`, fresh(stShipped, drop)), 200, nil},
		{"setOrderItemsCanceled", "POST", "/v2/orders/statuses/set-to-cancelled", js,
			fmt.Sprintf(`{"orderItemIds":[%d],"reason":"Customer request","reasonDetail":"asked by phone"}`, fresh(stPending, drop)), 200, nil},
		{"setOrderItemsReturned", "POST", "/v2/orders/statuses/set-to-returned", js, ids(fresh(stDeliver, drop)), 200, nil},
		{"setOrderItemsReturnReceived", "POST", "/v2/orders/statuses/set-to-return-received", js, ids(fresh(stRSBC, drop)), 200, nil},
		{"setOrderItemsReturnApproved", "POST", "/v2/orders/statuses/set-to-return-approved", js, ids(fresh(stRWFA, drop)), 200, nil},
		{"setOrderItemsReturnRejected", "POST", "/v2/orders/statuses/set-to-return-rejected", js,
			fmt.Sprintf(`{"orderItemIds":[%d],"reason":"Return window expired"}`, fresh(stRWFA, drop)), 200, nil},
		{"adminChangeOrderItemStatuses", "POST", "/v2/orders/statuses/admin-change-status", js,
			fmt.Sprintf(`{"orderItems":[{"orderItemId":%d,"status":"return_delivered","reason":"found in the warehouse"}]}`, fresh(stRSBC, drop)), 200, nil},
		{"listShipmentProviders", "GET", "/v2/orders-shipment-providers?status=true", "", "", 200, nil},
		{"listFailureReasons", "GET", "/v2/orders-failure-reasons", "", "", 200, nil},
		{"setOrderItemTrackingCode", "POST", fmt.Sprintf("/v2/order-item/%d/tracking-code", fresh(stR2S, drop)), js, `{"trackingCode":"NVMY0000999"}`, 200, nil},
		{"setOrderItemShippingProvider", "POST", fmt.Sprintf("/v2/order-item/%d/shipping-provider", fresh(stR2S, drop)), js,
			`{"shippingProvider":"Lalamove","trackingCode":"LLM123"}`, 200, nil},
		{"createPickupRequest", "POST", "/v2/order-pickup-requests", js, ids(fresh(stR2S, gen.ItemShipmentTypeCrossdocking)), 201, nil},
		{"setInvoiceNumber", "POST", "/v2/orders/set-invoice-number", js, `{"orderItemId":5001,"invoiceNumber":"INV-20"}`, 200, nil},
		{"setInvoiceAccessKeys", "POST", "/v2/orders/set-invoice-access-key", js,
			fmt.Sprintf(`{"orderItems":[{"orderItemId":%d,"accessKey":"35240112345678000190550010000012341000012345"}]}`, fresh(stR2S, drop)), 200, nil},
		{"generateInvoiceNumber", "POST", "/v2/orders/1001/generate-invoice-number", "", "", 201, nil},
		{"getInvoiceNumberSettings", "GET", "/v2/orders/invoice-number-settings", "", "", 200, nil},
		{"updateInvoiceNumberSettings", "POST", "/v2/orders/invoice-number-settings/update", js,
			`{"generationType":"autoincrement_number","prefix":"KB-","nextNumber":500}`, 201, nil},
		{"exportOrderDocuments", "POST", "/v2/orders/export-document", js, `{"orderIds":[1001],"documentType":"invoice,shippingLabel","format":"html"}`, 201, nil},
		{"uploadPackageDocument", "POST", fmt.Sprintf("/v2/order/document/package/%d", pkgID), docType, docBody, 200, nil},
		{"deletePackageDocument", "DELETE", fmt.Sprintf("/v2/order/document/package/%d", pkgID), "", "", 204, nil},
		{"importOrders", "POST", "/v2/orders/import", impType, impBody, 201, nil},
		{"listExports", "GET", "/v2/exports?limit=20&offset=0&exportActions[]=Order&exportActions[]=OrderDocumentsAsPdf", "", "", 200, nil},
		{"getExport", "GET", fmt.Sprintf("/v2/exports/%d", exportID), "", "", 200, nil},
		{"getFileStatus", "GET", "/filemanager/v1/files/" + fileUUID + "/status", "", "", 200, nil},
		{"downloadFile", "GET", "/filemanager/v1/files/download/" + fileUUID, "", "", 200, nil},
	}, catalogRequests(t, s)...)
}

// TestEveryOperationAnswers sends one valid request per operation of the
// document and lists the operations that are not implemented (501), not
// routed, or missing from this test. The goal is none.
func TestEveryOperationAnswers(t *testing.T) {
	t.Parallel()
	// Feeds stay queued (the real clock never reaches the delay), so the
	// feed made below can be canceled.
	s := newServer(t, Config{FeedDelay: time.Hour})
	tok := token(t, s)
	c := apiClient(t, s)
	reqs := operationRequests(t, s)
	var unimplemented, untested []string
	covered := map[string]bool{}
	for _, r := range reqs {
		covered[r.op] = true
		if r.do != nil {
			status, err := r.do(context.Background(), c)
			switch {
			case err != nil:
				t.Errorf("%s through the generated client: %v", r.op, err)
			case status == http.StatusNotImplemented:
				unimplemented = append(unimplemented, r.op)
			case status != r.want:
				t.Errorf("%s through the generated client = %d, want %d", r.op, status, r.want)
			}
			if got := s.Count(r.op); got != 1 {
				t.Errorf("%s was logged %d times, want once", r.op, got)
			}
			continue
		}
		status, _, body := call(t, s, tok, r.method, r.path, r.contentType, r.body)
		switch {
		case status == http.StatusNotImplemented:
			unimplemented = append(unimplemented, r.op)
		case status != r.want:
			t.Errorf("%s: %s %s = %d %.300s, want %d", r.op, r.method, r.path, status, body, r.want)
		}
		if got := s.Count(r.op); got != 1 {
			t.Errorf("%s: %s %s was logged %d times as %s, want once", r.op, r.method, r.path, got, r.op)
		}
	}
	for _, op := range s.Operations() {
		if !covered[op] {
			untested = append(untested, op)
		}
	}
	if len(unimplemented) > 0 || len(untested) > 0 {
		t.Errorf("operations answering 501: %v; operations without a request here: %v", unimplemented, untested)
	}
	if len(covered) != len(s.Operations()) {
		t.Errorf("this test has requests for %d operations, the document has %d", len(covered), len(s.Operations()))
	}
}

// TestOperationIDs checks the operation names the fake uses (recovered from
// the embedded document, where oapi-codegen renamed them) against the YAML
// source, so the embedded document is current and no name is garbled.
func TestOperationIDs(t *testing.T) {
	t.Parallel()
	doc, err := openapi3.NewLoader().LoadFromFile(filepath.Join("..", "openapi", "sellercenter.yaml"))
	if err != nil {
		t.Fatalf("loading the OpenAPI source: %v", err)
	}
	var want []string
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			want = append(want, op.OperationID)
		}
	}
	sort.Strings(want)
	s := newServer(t, Config{Empty: true})
	if got := s.Operations(); !slices.Equal(got, want) {
		t.Errorf("Operations() = %v,\nwant the source's %v (run go generate?)", got, want)
	}
}
