package sellercenter_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// basePath is where the fake API is mounted. The client gets it without a
// trailing slash, so a generated path that drops or doubles the base shows.
const basePath = "/sc"

// specPath is the spec the client is generated from.
const specPath = "openapi/sellercenter.yaml"

// fixtureDir holds the vendor-shaped bodies the fake API answers with.
const fixtureDir = "testdata/api"

// row is the one place of an operation in the tests. Against a fake API:
// how the generated client calls it, what must reach the wire, what the fake
// answers (a vendor-shaped fixture) and what the typed response must hold.
// Against the stateful mock: onMock calls it through sellercenter.New with
// input taken from the mock's state and checks the answer and the state.
type row struct {
	call func(ctx context.Context, c *gen.ClientWithResponses) (any, error)

	method string
	path   string     // escaped path below basePath
	query  url.Values // nil means no query string at all
	// literal lists fragments the unescaped raw query must contain, so the
	// repeated "name[]" keys and their order are checked as sent.
	literal  []string
	xContext string // wanted X-Context header; "" means it must be absent
	// body is the wanted JSON body, compared as generic JSON, or a text/xml
	// document (it starts with "<"), compared element by element; "" means none.
	body  string
	parts []part // wanted multipart parts, in order, instead of body

	reply reply
	check func(t *testing.T, resp any)

	onMock func(t *testing.T, e operationEnv)
	access access                  // whether onMock may share its mock
	mock   sellercentertest.Config // the Config of a mutating row's fresh mock
}

// access says whether a row's onMock may share its mock with other rows.
type access bool

const (
	// readsOnly rows leave the mock's state as they found it; they share
	// one mock and run one after another, so each one's requests can be
	// counted.
	readsOnly access = true
	// mutates rows change the state (exports, counters and the items
	// they add) and get a fresh mock each.
	mutates access = false
)

// withMock is r with its call on the mock, for rows built by a function.
func (r row) withMock(a access, onMock func(t *testing.T, e operationEnv)) row {
	r.access, r.onMock = a, onMock
	return r
}

// reply is what the fake API answers.
type reply struct {
	status  int
	fixture string            // JSON body in testdata/api; "" with raw nil means no body
	raw     []byte            // a non-JSON body, sent as application/octet-stream unless header sets Content-Type
	header  map[string]string // extra response headers, such as Retry-After
}

// errorRow answers an operation's call (taken from rows) with an error status.
type errorRow struct {
	op    string
	reply reply
	check func(t *testing.T, resp any)
}

// part is one part of a multipart/form-data body.
type part struct {
	name, filename, contentType, content string
}

var (
	plus2 = time.FixedZone("+02:00", 2*60*60)

	drop, crossdock = gen.ItemShipmentTypeDropshipping, gen.ItemShipmentTypeCrossdocking

	packageDocumentParts = []part{
		{name: "documentType", content: "invoice"},
		{name: "documentFile", filename: "INV-20.pdf", contentType: "application/pdf", content: "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"},
	}
	importParts = []part{
		{name: "type", content: "ready-to-ship"},
		{name: "file1", filename: "ready-to-ship.csv", contentType: "text/csv", content: "Order Item Id,Tracking Number,Shipping Provider\n1111,de312312351234,DafitiCarrier\n1114,de312312351235,DafitiCarrier\n"},
	}
	labelPDF = []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
)

const fileUUID = "88afb380-219a-4450-9320-6e7dad1b518b"

// rows is the one table of the operations, by operationId: a row each,
// kept by area in this file (the seller, orders, exports and files),
// operations_products_test.go and operations_catalog_test.go.
var rows = joinRows(rowAreas...)

// rowAreas are the row tables of the areas, one per operations_*_test.go.
var rowAreas = []map[string]row{orderRows, productRows, catalogRows,
	financeRows, sellerRows, usersRows, templatesRows, manifestsRows, webhooksRows}

// joinRows merges the rows of the areas; TestEveryOperationHasARow checks
// that no operation has a row in two of them.
func joinRows(areas ...map[string]row) map[string]row {
	all := make(map[string]row)
	for _, area := range areas {
		maps.Copy(all, area)
	}
	return all
}

// orderRows are the rows of the seller, orders, exports and files.
var orderRows = map[string]row{
	"getHealth": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetHealthWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/health",
		reply: reply{status: 200, fixture: "health.json"},
		check: func(t *testing.T, resp any) {
			h := deref(t, "GetHealth().JSON200", as[gen.GetHealthResponse](t, resp).JSON200)
			db := deref(t, "GetHealth().JSON200.Value.Database", h.Value.Database)
			eq(t, "GetHealth().JSON200.Database.Read.Version", db.Read.Version, "5.7.33")
			eq(t, "GetHealth().JSON200.Database.Write.Active", db.Write.Active, true)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			resp, err := e.c.GetHealthWithResponse(e.ctx)
			if h := decoded(t, "GetHealth()", succeed(t, "GetHealth()", resp, err).JSON200); h.Value.Database == nil {
				t.Error("GetHealth() database = nil, want the databases' status")
			}
		},
	},
	"getSeller": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetSellerWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/seller",
		reply: reply{status: 200, fixture: "seller.json"},
		check: func(t *testing.T, resp any) {
			s := deref(t, "GetSeller().JSON200", as[gen.GetSellerResponse](t, resp).JSON200)
			eq(t, "GetSeller().JSON200.Id", s.Id, 32)
			eq(t, "GetSeller().JSON200.SrcId", s.SrcId, "131")
			eq(t, "GetSeller().JSON200.Status", s.Status, gen.SellerStatusActive)
			eq(t, "GetSeller().JSON200.Listed", s.Listed, false)
			dr := s.DelistReasons
			eq(t, "len(GetSeller().JSON200.DelistReasons)", len(dr), 1)
			eq(t, "GetSeller().JSON200.DelistReasons[0].Reason", dr[0].Reason, gen.DelistReasonReasonDAILYORDERLIMIT)
			eq(t, "GetSeller().JSON200.DelistReasons[0].ReasonLimit", dr[0].ReasonLimit, 100)
			pf := s.ProfileFields
			eq(t, "GetSeller().JSON200.ProfileFields[0].DisplayValue", pf[0].DisplayValue, "some name")
			at(t, "GetSeller().JSON200.CreatedAt", s.CreatedAt, time.Date(2019, 3, 14, 10, 2, 11, 0, time.UTC))
			at(t, "GetSeller().JSON200.UpdatedAt", s.UpdatedAt, time.Date(2024, 6, 30, 18, 45, 9, 0, time.UTC))
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			resp, err := e.c.GetSellerWithResponse(e.ctx)
			got := decoded(t, "GetSeller()", succeed(t, "GetSeller()", resp, err).JSON200)
			want, err := e.mock.Seller()
			if err != nil || got.Id == 0 || want.Id == 0 || got.Id != want.Id {
				t.Errorf("GetSeller() id = %v, want mock.Seller()'s %v (%v)", got.Id, want.Id, err)
			}
		},
	},
	"updateSeller": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			u := gen.SellerUpdate{Email: ptr("testemail@sellercenter.com")}
			u.ProfileFields = withLen(u.ProfileFields, 2)
			u.ProfileFields[0].Name = ptr("shop_name")
			u.ProfileFields[0].Value = "Topper Store"
			u.ProfileFields[1].Id = ptr(7)
			u.ProfileFields[1].Value = "+60 3 1234 5678"
			return c.UpdateSellerWithResponse(ctx, u)
		},
		method: http.MethodPatch, path: "/v2/seller",
		body:  `{"email":"testemail@sellercenter.com","profileFields":[{"name":"shop_name","value":"Topper Store"},{"id":7,"value":"+60 3 1234 5678"}]}`,
		reply: reply{status: 200},
		check: func(t *testing.T, resp any) {
			eq(t, "UpdateSeller(email, profileFields).StatusCode()", as[gen.UpdateSellerResponse](t, resp).StatusCode(), 200)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			email := "orders@contract.example"
			resp, err := e.c.UpdateSellerWithResponse(e.ctx, gen.SellerUpdate{Email: &email})
			succeed(t, "UpdateSeller(email)", resp, err)
			if s, err := e.mock.Seller(); err != nil || s.Email == "" || s.Email != email {
				t.Errorf("mock.Seller() email after UpdateSeller = %v, %v; want %q", s.Email, err, email)
			}
		},
	},
	"listEnabledCountries": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListEnabledCountriesWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/countries/enabled",
		reply: reply{status: 200, fixture: "enabled_countries.json"},
		check: func(t *testing.T, resp any) {
			got := deref(t, "ListEnabledCountries().JSON200", as[gen.ListEnabledCountriesResponse](t, resp).JSON200)
			eq(t, "ListEnabledCountries().JSON200.Items", strings.Join(got.Items, ","), "SG,VN")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			got, err := sellercenter.Result(e.c.ListEnabledCountriesWithResponse(e.ctx))
			if err != nil {
				t.Fatalf("ListEnabledCountries() = %v", err)
			}
			if want := e.mock.EnabledCountries(); !slices.Equal(got.Items, want) {
				t.Errorf("ListEnabledCountries() = %v, want mock.EnabledCountries()'s %v", got.Items, want)
			}
		},
	},
	"listOrders": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListOrdersWithResponse(ctx, &gen.ListOrdersParams{
				Limit:                 100,
				Offset:                0,
				Section:               gen.OrderSectionStatusPending,
				DateStart:             datetime.New(time.Date(2024, 3, 1, 8, 30, 0, 0, plus2)),
				DateEnd:               datetime.Date(2024, 3, 31),
				OrderNumbers:          []string{"MY-111143", "MY-111144"},
				Packed:                gen.PackingStateNotPacked,
				Customers:             []string{"John", "Doe & Sons"},
				PrintedStatus:         ptr(false),
				Tags:                  []string{"309", "42"},
				ProductSku:            []string{"164097_L"},
				Delivery:              gen.ShippingDelayNotShippedUnder24h,
				ShipmentType:          gen.ShipmentTypeDropshipping,
				ShipmentProviders:     []string{"42", "7"},
				PaymentMethods:        []string{"NpsPayment", "CashOnDelivery"},
				Outlet:                ptr(true),
				InvoiceRequired:       ptr(false),
				CancelationReasons:    []string{"Wrong address"},
				FulfilmentType:        []gen.FulfilmentType{gen.FulfilmentTypeMerchant, gen.FulfilmentTypeVenture},
				OrderSources:          []string{"Zalora MY"},
				UpdateDateStart:       datetime.New(time.Date(2024, 3, 2, 0, 0, 0, 123456000, time.UTC)),
				UpdateDateEnd:         datetime.Date(2024, 4, 1),
				Warehouses:            []string{"KL Central"},
				OrderIds:              []int{1111, 1112},
				IncludeVoucherDetails: ptr(true),
				Sort:                  gen.ListOrdersParamsSortUpdatedAt,
				SortDir:               gen.SortDirectionDesc,
				XContext:              ptr(gen.CallerRoleSeller),
			})
		},
		method: http.MethodGet, path: "/v2/orders",
		query: url.Values{
			"limit":                 {"100"},
			"offset":                {"0"},
			"section":               {"status_pending"},
			"dateStart":             {"2024-03-01T08:30:00+02:00"},
			"dateEnd":               {"2024-03-31"},
			"orderNumbers[]":        {"MY-111143", "MY-111144"},
			"packed":                {"not_packed"},
			"customers[]":           {"John", "Doe & Sons"},
			"printedStatus":         {"false"},
			"tags[]":                {"309", "42"},
			"productSku[]":          {"164097_L"},
			"delivery":              {"notShippedUnder24h"},
			"shipmentType":          {"dropshipping"},
			"shipmentProviders[]":   {"42", "7"},
			"paymentMethods[]":      {"NpsPayment", "CashOnDelivery"},
			"outlet":                {"true"},
			"invoiceRequired":       {"false"},
			"cancelationReasons[]":  {"Wrong address"},
			"fulfilmentType[]":      {"merchant", "venture"},
			"orderSources[]":        {"Zalora MY"},
			"updateDateStart":       {"2024-03-02T00:00:00.123456Z"},
			"updateDateEnd":         {"2024-04-01"},
			"warehouses[]":          {"KL Central"},
			"orderIds[]":            {"1111", "1112"},
			"includeVoucherDetails": {"true"},
			"sort":                  {"updatedAt"},
			"sortDir":               {"desc"},
		},
		literal: []string{
			"orderNumbers[]=MY-111143&orderNumbers[]=MY-111144",
			"orderIds[]=1111&orderIds[]=1112",
			"tags[]=309&tags[]=42",
			"fulfilmentType[]=merchant&fulfilmentType[]=venture",
			"dateStart=2024-03-01T08:30:00+02:00",
			"dateEnd=2024-03-31",
			"printedStatus=false",
			"outlet=true",
		},
		xContext: "seller",
		reply:    reply{status: 200, fixture: "order_page.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "ListOrders(limit=100).JSON200", as[gen.ListOrdersResponse](t, resp).JSON200)
			eq(t, "ListOrders(limit=100).JSON200.Pagination.HasNext", p.Pagination.HasNext, true)
			eq(t, "ListOrders(limit=100).JSON200.Pagination.Limit", p.Pagination.Limit, 100)
			if len(p.Items) != 2 || len(p.Items[0].Items) != 1 || len(p.Items[1].Items) != 1 {
				t.Fatalf("ListOrders(limit=100).JSON200 has %d orders, want 2 with one item each", len(p.Items))
			}
			o := p.Items[0]
			eq(t, "ListOrders().JSON200.Items[0].Number", o.Number, "MY-111143")
			eq(t, "ListOrders().JSON200.Items[0].Id", o.Id, 1111)
			eq(t, "ListOrders().JSON200.Items[0].RegionId", o.RegionId, "2222-2")
			eq(t, "ListOrders().JSON200.Items[0].Address.Shipping.City", o.Address.Shipping.City, "Berlin")
			eq(t, "ListOrders().JSON200.Items[0].Address.Billing.Address[0]", o.Address.Billing.Address[0], "Johannisstr. 20")
			eq(t, "ListOrders().JSON200.Items[0].StatusList[canceled]", o.StatusList["canceled"], 1)
			eq(t, "ListOrders().JSON200.Items[0].Source", deref(t, "Source", o.Source), "Zalora MY")
			eq(t, "ListOrders().JSON200.Items[0].UnitPriceSumWithFees", o.UnitPriceSumWithFees, 10200.5)
			eq(t, "ListOrders().JSON200.Items[0].ShipmentProviderType", deref(t, "ShipmentProviderType", o.ShipmentProviderType), gen.OrderShipmentProviderTypeStandard)
			isNil(t, "ListOrders().JSON200.Items[0].ExchangeForOrderId", o.ExchangeForOrderId)
			isNil(t, "ListOrders().JSON200.Items[0].ExtraAttributes", o.ExtraAttributes)
			at(t, "ListOrders().JSON200.Items[0].TargetToShip", deref(t, "TargetToShip", o.TargetToShip), time.Date(2022, 12, 23, 5, 36, 23, 123456000, time.UTC))
			at(t, "ListOrders().JSON200.Items[0].CreatedAt", o.CreatedAt, time.Date(2021, 9, 22, 23, 21, 42, 123456000, time.UTC))

			it := o.Items[0]
			eq(t, "ListOrders().JSON200.Items[0].Items[0].Shipment.Provider.Name", it.Shipment.Provider.Name, "DafitiCarrier")
			eq(t, "ListOrders().JSON200.Items[0].Items[0].Shipment.Provider.Default", it.Shipment.Provider.Default, true)
			eq(t, "ListOrders().JSON200.Items[0].Items[0].Shipment.Type", it.Shipment.Type, gen.ItemShipmentTypeCrossdocking)
			isNil(t, "ListOrders().JSON200.Items[0].Items[0].Shipment.ProviderType", it.Shipment.ProviderType)
			eq(t, "ListOrders().JSON200.Items[0].Items[0].Shipment.Weight", it.Shipment.Weight, 0.5)
			eq(t, "ListOrders().JSON200.Items[0].Items[0].Product.Name", it.Product.Name, "Short de Baño Azul Topper Slim")
			eq(t, "ListOrders().JSON200.Items[0].Items[0].Status", it.Status, gen.OrderItemStatusPending)
			eq(t, "ListOrders().JSON200.Items[0].Items[0].TaxAmount", it.TaxAmount, 433.71)
			isNil(t, "ListOrders().JSON200.Items[0].Items[0].PaidCommission", it.PaidCommission)
			eq(t, "ListOrders().JSON200.Items[0].Items[0].ExtraAttributes.GstFree", deref(t, "GstFree", it.ExtraAttributes.GstFree), "0")
			eq(t, "ListOrders().JSON200.Items[0].Items[0].Actions[1]", it.Actions[1], gen.ItemAction("status_set_to_cancelled"))
			eq(t, "ListOrders().JSON200.Items[0].Items[0].Vouchers[0].Amount", it.Vouchers[0].Amount, 14.5)
			eq(t, "ListOrders().JSON200.Items[0].Items[0].ManifestStatus", deref(t, "ManifestStatus", it.ManifestStatus), gen.OrderItemManifestStatusForwardReadyToShip)
			eq(t, "ListOrders().JSON200.Items[0].Items[0].Purchase.OrderSrcId", deref(t, "OrderSrcId", it.Purchase.OrderSrcId), 555)

			o2 := p.Items[1]
			isZero(t, "ListOrders().JSON200.Items[1].Address.Billing", o2.Address.Billing)
			isNil(t, "ListOrders().JSON200.Items[1].Customer.FirstName", o2.Customer.FirstName)
			isNil(t, "ListOrders().JSON200.Items[1].Source", o2.Source)
			isNil(t, "ListOrders().JSON200.Items[1].TargetToShip", o2.TargetToShip)
			eq(t, "ListOrders().JSON200.Items[1].ExchangeByOrderId", deref(t, "ExchangeByOrderId", o2.ExchangeByOrderId), "1120")
			eq(t, "ListOrders().JSON200.Items[1].ExtraAttributes", deref(t, "ExtraAttributes", o2.ExtraAttributes), `{"giftWrapColour":"red"}`)
			it2 := o2.Items[0]
			isZero(t, "ListOrders().JSON200.Items[1].Items[0].Shipment.Provider", it2.Shipment.Provider)
			eq(t, "ListOrders().JSON200.Items[1].Items[0].FailureReason.Type", deref(t, "FailureReason.Type", it2.FailureReason.Type), gen.ItemFailureReasonTypeCanceled)
			eq(t, "ListOrders().JSON200.Items[1].Items[0].CodCollectableAmount", deref(t, "CodCollectableAmount", it2.CodCollectableAmount), "89.90")
			isNil(t, "ListOrders().JSON200.Items[1].Items[0].UpdatedAt", it2.UpdatedAt)
			isZero(t, "ListOrders().JSON200.Items[1].Items[0].ExtraAttributes", it2.ExtraAttributes)
			isNil(t, "ListOrders().JSON200.Items[1].Items[0].Purchase.OrderSrcId", it2.Purchase.OrderSrcId)
			eq(t, "len(ListOrders().JSON200.Items[1].Items[0].Actions)", len(it2.Actions), 0)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			resp, err := e.c.ListOrdersWithResponse(e.ctx, &gen.ListOrdersParams{Limit: 5})
			page := decoded(t, "ListOrders(limit 5)", succeed(t, "ListOrders(limit 5)", resp, err).JSON200)
			if len(page.Items) != 5 || page.Pagination.HasNext == false || !page.Pagination.HasNext {
				t.Errorf("ListOrders(limit 5) = %d orders, hasNext %v; want 5 and true", len(page.Items), page.Pagination.HasNext)
			}
		},
	},
	"getOrder": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetOrderWithResponse(ctx, 1111)
		},
		method: http.MethodGet, path: "/v2/orders/1111",
		reply: reply{status: 200, fixture: "order.json"},
		check: func(t *testing.T, resp any) {
			o := deref(t, "GetOrder(1111).JSON200", as[gen.GetOrderResponse](t, resp).JSON200)
			eq(t, "GetOrder(1111).JSON200.Id", o.Id, 1111)
			eq(t, "GetOrder(1111).JSON200.ExchangeForOrderId", deref(t, "ExchangeForOrderId", o.ExchangeForOrderId), "1098")
			at(t, "GetOrder(1111).JSON200.UpdatedAt", o.UpdatedAt, time.Date(2021, 9, 22, 21, 21, 42, 0, time.UTC))
			at(t, "GetOrder(1111).JSON200.AddressUpdatedAt", o.AddressUpdatedAt, time.Date(2022, 9, 1, 16, 35, 42, 0, time.UTC))
			isNil(t, "GetOrder(1111).JSON200.TargetToShip", o.TargetToShip)
			if len(o.Items) != 2 {
				t.Fatalf("len(GetOrder(1111).JSON200.Items) = %d, want 2", len(o.Items))
			}
			at(t, "GetOrder(1111).JSON200.Items[0].CreatedAt", o.Items[0].CreatedAt, time.Date(2023, 5, 26, 15, 26, 50, 0, time.UTC))
			eq(t, "GetOrder(1111).JSON200.Items[1].Status", o.Items[1].Status, gen.OrderItemStatusReadyToShip)
			isZero(t, "GetOrder(1111).JSON200.Items[1].Vouchers", o.Items[1].Vouchers)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.firstOrder(t).Id
			if got := getContractOrder(t, e.ctx, e.c, id); got.Id != id || len(got.Items) == 0 {
				t.Errorf("GetOrder(%d) = order %d with %d items, want order %d with its items", id, got.Id, len(got.Items), id)
			}
		},
	},
	"getOrderCounters": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetOrderCountersWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/orders-counters",
		reply: reply{status: 200, fixture: "order_counters.json"},
		check: func(t *testing.T, resp any) {
			c := deref(t, "GetOrderCounters().JSON200", as[gen.GetOrderCountersResponse](t, resp).JSON200)
			p := c.Pending
			eq(t, "GetOrderCounters().JSON200.Pending.Pending", p.Pending, 42)
			eq(t, "GetOrderCounters().JSON200.Pending.PendingSamedayCount", p.PendingSamedayCount, 2)
			eq(t, "GetOrderCounters().JSON200.PaymentPendingCount", c.PaymentPendingCount, 4)
			eq(t, "GetOrderCounters().JSON200.ShippedCount", c.ShippedCount, 128)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			resp, err := e.c.GetOrderCountersWithResponse(e.ctx)
			if got := decoded(t, "GetOrderCounters()", succeed(t, "GetOrderCounters()", resp, err).JSON200); reflect.ValueOf(got.Pending).IsZero() {
				t.Error("GetOrderCounters() pending = zero, want the pending counts")
			}
		},
	},
	"getOrderSuggestions": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetOrderSuggestionsWithResponse(ctx, &gen.GetOrderSuggestionsParams{
				Key:            gen.GetOrderSuggestionsParamsKeyCancelationReason,
				Query:          "out of",
				FilteredStatus: gen.OrderSectionStatusCanceled,
			})
		},
		method: http.MethodGet, path: "/v2/orders/search",
		query: url.Values{"key": {"cancelation-reason"}, "query": {"out of"}, "filteredStatus": {"status_canceled"}},
		reply: reply{status: 200, fixture: "order_suggestions.json"},
		check: func(t *testing.T, resp any) {
			s := deref(t, "GetOrderSuggestions(cancelation-reason, out of).JSON200", as[gen.GetOrderSuggestionsResponse](t, resp).JSON200)
			res := s.Results
			eq(t, "len(GetOrderSuggestions(cancelation-reason, out of).JSON200.Results)", len(res), 3)
			eq(t, "GetOrderSuggestions(cancelation-reason, out of).JSON200.Results[0].Value", deref(t, "Value", res[0].Value), "Out of stock")
			eq(t, "GetOrderSuggestions(cancelation-reason, out of).JSON200.Results[2].Label", res[2].Label, "No reason")
			isNil(t, "GetOrderSuggestions(cancelation-reason, out of).JSON200.Results[2].Value", res[2].Value)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			o := e.firstOrder(t)
			if o.Customer.LastName == nil {
				t.Fatalf("mock.Orders()[0] has no customer last name")
			}
			params := &gen.GetOrderSuggestionsParams{Key: gen.GetOrderSuggestionsParamsKeyCustomer, Query: *o.Customer.LastName}
			resp, err := e.c.GetOrderSuggestionsWithResponse(e.ctx, params)
			op := fmt.Sprintf("GetOrderSuggestions(customer %q)", params.Query)
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); len(got.Results) == 0 {
				t.Errorf("%s = no results, want the customer", op)
			}
		},
	},
	"exportOrders": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ExportOrdersWithResponse(ctx, &gen.ExportOrdersParams{
				Section:         gen.OrderSectionGroupReadyToShipManifested,
				DateStart:       datetime.Date(2024, 10, 1),
				DateEnd:         datetime.Date(2024, 10, 31),
				PrintedStatus:   ptr(false),
				InvoiceRequired: ptr(true),
				SellerNames:     []string{"Topper Store", "GFG eCommerce Technologies GmbH"},
				UpdateDateStart: datetime.New(time.Date(2024, 10, 15, 12, 0, 0, 0, time.UTC)),
				Format:          gen.ExportFormatXlsx,
				XContext:        ptr(gen.CallerRoleAdmin),
			})
		},
		method: http.MethodGet, path: "/v2/orders/export",
		query: url.Values{
			"section":         {"group_ready_to_ship_manifested"},
			"dateStart":       {"2024-10-01"},
			"dateEnd":         {"2024-10-31"},
			"printedStatus":   {"false"},
			"invoiceRequired": {"true"},
			"sellerNames[]":   {"Topper Store", "GFG eCommerce Technologies GmbH"},
			"updateDateStart": {"2024-10-15T12:00:00Z"},
			"format":          {"xlsx"},
		},
		literal:  []string{"sellerNames[]=Topper Store&sellerNames[]=GFG eCommerce Technologies GmbH", "dateStart=2024-10-01&dateEnd=2024-10-31"},
		xContext: "admin",
		reply:    reply{status: 200, fixture: "export_item_queued.json"},
		check: func(t *testing.T, resp any) {
			e := deref(t, "ExportOrders(xlsx).JSON200", as[gen.ExportOrdersResponse](t, resp).JSON200)
			eq(t, "ExportOrders(xlsx).JSON200.Id", e.Id, 852)
			eq(t, "ExportOrders(xlsx).JSON200.Status", e.Status, gen.ExportItemStatusQueued)
			eq(t, "ExportOrders(xlsx).JSON200.RequestedFormats[0]", e.RequestedFormats[0], "xlsx")
			at(t, "ExportOrders(xlsx).JSON200.ExpiresAt", e.ExpiresAt, time.Date(2024, 10, 8, 9, 15, 20, 0, time.UTC))
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			section := gen.OrderSectionStatusShipped
			resp, err := e.c.ExportOrdersWithResponse(e.ctx, &gen.ExportOrdersParams{Section: section, Format: gen.ExportFormatXlsx})
			x := decoded(t, "ExportOrders(shipped)", succeed(t, "ExportOrders(shipped)", resp, err).JSON200)
			if x.Id == 0 {
				t.Fatal("ExportOrders(shipped) id = nil, want the job's")
			}
			if _, err := e.mock.Export(x.Id); err != nil {
				t.Errorf("mock.Export(%d) after ExportOrders = %v, want the job", x.Id, err)
			}
		},
	},
	"exportReturnOrders": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ExportReturnOrdersWithResponse(ctx, gen.ReturnsExportRequest{
				Status:       gen.ReturnsExportRequestStatusOpen,
				OrderItemIds: []int{1, 2, 3, 4},
				SrcIds:       []string{"PH-1234567890", "PH-0987654321"},
				OrderNumbers: []string{"1234567890HK", "0987654321HK"},
				Format:       gen.ExportFormatCsv,
				DateStart:    datetime.New(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)),
				DateEnd:      datetime.New(time.Date(2024, 2, 1, 23, 59, 59, 0, time.UTC)),
			})
		},
		method: http.MethodPost, path: "/v2/orders/returns/export",
		body:  `{"status":"open","orderItemIds":[1,2,3,4],"srcIds":["PH-1234567890","PH-0987654321"],"orderNumbers":["1234567890HK","0987654321HK"],"format":"csv","dateStart":"2024-01-01T00:00:00Z","dateEnd":"2024-02-01T23:59:59Z"}`,
		reply: reply{status: 201, fixture: "export_job.json"},
		check: func(t *testing.T, resp any) {
			j := deref(t, "ExportReturnOrders(open, csv).JSON201", as[gen.ExportReturnOrdersResponse](t, resp).JSON201)
			eq(t, "ExportReturnOrders(open, csv).JSON201.ExportItemId", j.ExportItemId, 852)
			eq(t, "ExportReturnOrders(open, csv).JSON201.Uuid", j.Uuid, "78838546-777e-47c8-ba09-43d49bb9efa5")
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			resp, err := e.c.ExportReturnOrdersWithResponse(e.ctx, gen.ReturnsExportRequest{Format: gen.ExportFormatCsv, Status: gen.ReturnsExportRequestStatusOpen})
			job := decoded(t, "ExportReturnOrders(open)", succeed(t, "ExportReturnOrders(open)", resp, err).JSON201)
			if job.ExportItemId == 0 {
				t.Fatal("ExportReturnOrders(open) exportItemId = nil, want the job's")
			}
			if _, err := e.mock.Export(job.ExportItemId); err != nil {
				t.Errorf("mock.Export(%d) after ExportReturnOrders = %v, want the job", job.ExportItemId, err)
			}
		},
	},
	"getOrderHistory": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetOrderHistoryWithResponse(ctx, 1111, &gen.GetOrderHistoryParams{OrderItemIds: []int{1111, 1112}})
		},
		method: http.MethodGet, path: "/v2/order/1111/history",
		query:   url.Values{"orderItemIds[]": {"1111", "1112"}},
		literal: []string{"orderItemIds[]=1111&orderItemIds[]=1112"},
		reply:   reply{status: 200, fixture: "order_history.json"},
		check: func(t *testing.T, resp any) {
			h := deref(t, "GetOrderHistory(1111).JSON200", as[gen.GetOrderHistoryResponse](t, resp).JSON200)
			eq(t, "len(GetOrderHistory(1111).JSON200)", len(h), 3)
			eq(t, "GetOrderHistory(1111).JSON200[1].Status", h[1].Status, gen.OrderItemStatusReadyToShip)
			eq(t, "GetOrderHistory(1111).JSON200[1].Editor", h[1].Editor, "admin@sellercenter.net")
			at(t, "GetOrderHistory(1111).JSON200[1].CreatedAt", h[1].CreatedAt, time.Date(2021, 9, 23, 9, 58, 1, 100000, time.UTC))
			at(t, "GetOrderHistory(1111).JSON200[2].CreatedAt", h[2].CreatedAt, time.Date(2021, 9, 23, 10, 4, 5, 0, time.UTC))
			isZero(t, "GetOrderHistory(1111).JSON200[2].Note", h[2].Note)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.firstOrder(t).Id
			want, err := e.mock.History(id)
			if err != nil {
				t.Fatal(err)
			}
			if got := getContractHistory(t, e.ctx, e.c, id); len(got) != len(want) || len(got) == 0 {
				t.Errorf("GetOrderHistory(%d) = %d entries, want mock.History's %d", id, len(got), len(want))
			}
		},
	},
	"getOrderFinance": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetOrderFinanceWithResponse(ctx, 1)
		},
		method: http.MethodGet, path: "/v2/order/1/finance",
		reply: reply{status: 200, fixture: "order_finance.json"},
		check: func(t *testing.T, resp any) {
			f := deref(t, "GetOrderFinance(1).JSON200", as[gen.GetOrderFinanceResponse](t, resp).JSON200)
			eq(t, "GetOrderFinance(1).JSON200.GrandTotal", f.GrandTotal, 250.23)
			eq(t, "GetOrderFinance(1).JSON200.NumberOfInstallments", f.NumberOfInstallments, 3)
			eq(t, "len(GetOrderFinance(1).JSON200.TransactionSummary)", len(f.TransactionSummary), 2)
			eq(t, "GetOrderFinance(1).JSON200.TransactionSummary[0].Description", f.TransactionSummary[0].Description, "Commission")
			eq(t, "GetOrderFinance(1).JSON200.TransactionSummary[0].Amount", f.TransactionSummary[0].Amount, 54.43)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.firstOrder(t).Id
			resp, err := e.c.GetOrderFinanceWithResponse(e.ctx, id)
			op := fmt.Sprintf("GetOrderFinance(%d)", id)
			if f := decoded(t, op, succeed(t, op, resp, err).JSON200); f.OrderId != id {
				t.Errorf("%s orderId = %d, want %d", op, f.OrderId, id)
			}
		},
	},
	"listOrderItems": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListOrderItemsWithResponse(ctx, &gen.ListOrderItemsParams{
				OrderItemIds:          []int{1111, 1115},
				OrderIds:              []int{111134, 1116},
				OrderNumbers:          []string{"MY-111143"},
				CreatedAtStart:        datetime.New(time.Date(2021, 9, 1, 0, 0, 0, 0, plus2)),
				CreatedAtEnd:          datetime.New(time.Date(2021, 9, 30, 23, 59, 59, 999999000, time.UTC)),
				UpdatedAtStart:        datetime.New(time.Date(2021, 9, 1, 0, 0, 0, 0, time.UTC)),
				UpdatedAtEnd:          datetime.New(time.Date(2021, 10, 31, 23, 59, 59, 0, time.UTC)),
				Status:                []gen.OrderItemStatus{gen.OrderItemStatusPending, gen.OrderItemStatusReturned},
				ReturnedBy:            gen.ListOrderItemsParamsReturnedBySeller,
				SrcIds:                []string{"MY-32022990", "MY-32022993"},
				Sort:                  gen.ListOrderItemsParamsSortUpdatedAt,
				SortDir:               gen.SortDirectionAsc,
				IncludeVoucherDetails: ptr(true),
				ShipmentType:          gen.ShipmentTypeCrossdocking,
				Limit:                 100,
				Offset:                0,
				XContext:              ptr(gen.CallerRoleSeller),
			})
		},
		method: http.MethodGet, path: "/v2/order-items",
		query: url.Values{
			"orderItemIds[]":        {"1111", "1115"},
			"orderIds[]":            {"111134", "1116"},
			"orderNumbers[]":        {"MY-111143"},
			"createdAtStart":        {"2021-09-01T00:00:00+02:00"},
			"createdAtEnd":          {"2021-09-30T23:59:59.999999Z"},
			"updatedAtStart":        {"2021-09-01T00:00:00Z"},
			"updatedAtEnd":          {"2021-10-31T23:59:59Z"},
			"status[]":              {"pending", "returned"},
			"returnedBy":            {"seller"},
			"srcIds[]":              {"MY-32022990", "MY-32022993"},
			"sort":                  {"updatedAt"},
			"sortDir":               {"asc"},
			"includeVoucherDetails": {"true"},
			"shipmentType":          {"crossdocking"},
			"limit":                 {"100"},
			"offset":                {"0"},
		},
		literal: []string{
			"orderItemIds[]=1111&orderItemIds[]=1115",
			"status[]=pending&status[]=returned",
			"srcIds[]=MY-32022990&srcIds[]=MY-32022993",
			"createdAtStart=2021-09-01T00:00:00+02:00",
			"includeVoucherDetails=true",
		},
		xContext: "seller",
		reply:    reply{status: 200, fixture: "order_item_page.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "ListOrderItems(limit=100).JSON200", as[gen.ListOrderItemsResponse](t, resp).JSON200)
			eq(t, "ListOrderItems(limit=100).JSON200.Pagination.TotalCount", p.Pagination.TotalCount, 2)
			if len(p.Items) != 2 {
				t.Fatalf("len(ListOrderItems(limit=100).JSON200.Items) = %d, want 2", len(p.Items))
			}
			ea := p.Items[0].ExtraAttributes
			eq(t, "ListOrderItems().JSON200.Items[0].ExtraAttributes.InstallmentFee", deref(t, "InstallmentFee", ea.InstallmentFee), 20.5)
			eq(t, "ListOrderItems().JSON200.Items[0].ExtraAttributes[marketplace_fee]", ea.AdditionalProperties["marketplace_fee"], any(12.5))
			ret := p.Items[1]
			eq(t, "ListOrderItems().JSON200.Items[1].Status", ret.Status, gen.OrderItemStatusReturned)
			eq(t, "ListOrderItems().JSON200.Items[1].FailureReason.Name", deref(t, "Name", ret.FailureReason.Name), "Changed mind")
			eq(t, "ListOrderItems().JSON200.Items[1].ManifestStatus", deref(t, "ManifestStatus", ret.ManifestStatus), gen.OrderItemManifestStatusReturnShipped)
			eq(t, "ListOrderItems().JSON200.Items[1].IsPickupRequestSent", ret.IsPickupRequestSent, true)
			eq(t, "len(ListOrderItems().JSON200.Items[1].Vouchers)", len(ret.Vouchers), 0)
			at(t, "ListOrderItems().JSON200.Items[1].UpdatedAt", deref(t, "UpdatedAt", ret.UpdatedAt), time.Date(2021, 10, 2, 9, 0, 0, 500000000, time.UTC))
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			resp, err := e.c.ListOrderItemsWithResponse(e.ctx, &gen.ListOrderItemsParams{Limit: 5})
			page := decoded(t, "ListOrderItems(limit 5)", succeed(t, "ListOrderItems(limit 5)", resp, err).JSON200)
			if len(page.Items) != 5 || page.Pagination.TotalCount == 0 {
				t.Errorf("ListOrderItems(limit 5) = %d items, total %v; want 5 and a total", len(page.Items), page.Pagination.TotalCount)
			}
		},
	},
	"listOrderItemPackages": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListOrderItemPackagesWithResponse(ctx, &gen.ListOrderItemPackagesParams{OrderItemIds: []int{144, 152, 153}})
		},
		method: http.MethodGet, path: "/v2/order-items/packages",
		query:   url.Values{"orderItemIds[]": {"144", "152", "153"}},
		literal: []string{"orderItemIds[]=144&orderItemIds[]=152&orderItemIds[]=153"},
		reply:   reply{status: 200, fixture: "order_item_packages.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "ListOrderItemPackages(144, 152, 153).JSON200", as[gen.ListOrderItemPackagesResponse](t, resp).JSON200)
			eq(t, "len(ListOrderItemPackages(144, 152, 153).JSON200)", len(p), 2)
			eq(t, "ListOrderItemPackages(144, 152, 153).JSON200[0].Id", p[0].Id, 123)
			eq(t, "ListOrderItemPackages(144, 152, 153).JSON200[0].OrderItemIds[1]", p[0].OrderItemIds[1], 152)
			isNil(t, "ListOrderItemPackages(144, 152, 153).JSON200[1].SrcId", p[1].SrcId)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.firstItem(t, gen.OrderItemStatusShipped)
			resp, err := e.c.ListOrderItemPackagesWithResponse(e.ctx, &gen.ListOrderItemPackagesParams{OrderItemIds: []int{id}})
			op := fmt.Sprintf("ListOrderItemPackages(%d)", id)
			pkgs := decoded(t, op, succeed(t, op, resp, err).JSON200)
			if len(pkgs) != 1 || !slices.Contains(pkgs[0].OrderItemIds, id) {
				t.Errorf("%s = %+v, want the one package holding the item", op, pkgs)
			}
		},
	},
	"listOrderItemReturns": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListOrderItemReturnsWithResponse(ctx, &gen.ListOrderItemReturnsParams{OrderItemIds: []int{1115, 1116}})
		},
		method: http.MethodGet, path: "/v2/order-items/returns",
		query:   url.Values{"orderItemIds[]": {"1115", "1116"}},
		literal: []string{"orderItemIds[]=1115&orderItemIds[]=1116"},
		reply:   reply{status: 200, fixture: "order_item_returns.json"},
		check: func(t *testing.T, resp any) {
			r := deref(t, "ListOrderItemReturns(1115, 1116).JSON200", as[gen.ListOrderItemReturnsResponse](t, resp).JSON200)
			eq(t, "len(ListOrderItemReturns(1115, 1116).JSON200)", len(r), 2)
			eq(t, "ListOrderItemReturns(1115, 1116).JSON200[0].TrackingCode", deref(t, "TrackingCode", r[0].TrackingCode), "RT1234567890")
			isNil(t, "ListOrderItemReturns(1115, 1116).JSON200[1].ReturnComment", r[1].ReturnComment)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.firstItem(t, gen.OrderItemStatusReturned)
			resp, err := e.c.ListOrderItemReturnsWithResponse(e.ctx, &gen.ListOrderItemReturnsParams{OrderItemIds: []int{id}})
			op := fmt.Sprintf("ListOrderItemReturns(%d)", id)
			if rs := decoded(t, op, succeed(t, op, resp, err).JSON200); len(rs) != 1 || rs[0].OrderItemId != id {
				t.Errorf("%s = %+v, want the item's return", op, rs)
			}
		},
	},
	"getOrderItemReturn": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetOrderItemReturnWithResponse(ctx, 1115)
		},
		method: http.MethodGet, path: "/v2/order-items/1115/return",
		reply: reply{status: 200, fixture: "order_item_return.json"},
		check: func(t *testing.T, resp any) {
			r := deref(t, "GetOrderItemReturn(1115).JSON200", as[gen.GetOrderItemReturnResponse](t, resp).JSON200)
			eq(t, "GetOrderItemReturn(1115).JSON200.OrderItemId", r.OrderItemId, 1115)
			eq(t, "GetOrderItemReturn(1115).JSON200.ShipmentProvider", deref(t, "ShipmentProvider", r.ShipmentProvider), "DafitiCarrier")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.firstItem(t, gen.OrderItemStatusReturned)
			resp, err := e.c.GetOrderItemReturnWithResponse(e.ctx, id)
			op := fmt.Sprintf("GetOrderItemReturn(%d)", id)
			if r := decoded(t, op, succeed(t, op, resp, err).JSON200); r.OrderItemId != id {
				t.Errorf("%s orderItemId = %d, want %d", op, r.OrderItemId, id)
			}
		},
	},
	"listOrderItemTags": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListOrderItemTagsWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/order-item-tags",
		reply: reply{status: 200, fixture: "order_item_tags.json"},
		check: func(t *testing.T, resp any) {
			tags := deref(t, "ListOrderItemTags().JSON200", as[gen.ListOrderItemTagsResponse](t, resp).JSON200)
			eq(t, "len(ListOrderItemTags().JSON200)", len(tags), 2)
			eq(t, "ListOrderItemTags().JSON200[0].Id", tags[0].Id, 309)
			eq(t, "ListOrderItemTags().JSON200[0].Name", tags[0].Name, "Order for Cancellation")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			resp, err := e.c.ListOrderItemTagsWithResponse(e.ctx)
			if tags := decoded(t, "ListOrderItemTags()", succeed(t, "ListOrderItemTags()", resp, err).JSON200); len(tags) == 0 {
				t.Error("ListOrderItemTags() = none, want the seeded tags")
			}
		},
	},
	"listAssignedOrderItemTags": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListAssignedOrderItemTagsWithResponse(ctx, &gen.ListAssignedOrderItemTagsParams{OrderItemIds: []int{420690, 420691}})
		},
		method: http.MethodGet, path: "/v2/order-item-tags/assigned",
		query:   url.Values{"orderItemIds[]": {"420690", "420691"}},
		literal: []string{"orderItemIds[]=420690&orderItemIds[]=420691"},
		reply:   reply{status: 200, fixture: "assigned_order_item_tags.json"},
		check: func(t *testing.T, resp any) {
			a := deref(t, "ListAssignedOrderItemTags(420690, 420691).JSON200", as[gen.ListAssignedOrderItemTagsResponse](t, resp).JSON200)
			eq(t, "len(ListAssignedOrderItemTags(420690, 420691).JSON200)", len(a), 2)
			tags := a[0].Tags
			eq(t, "len(ListAssignedOrderItemTags().JSON200[0].Tags)", len(tags), 2)
			at(t, "ListAssignedOrderItemTags().JSON200[0].Tags[0].DueAt", deref(t, "DueAt", tags[0].DueAt), time.Date(2023, 3, 28, 4, 0, 0, 0, time.UTC))
			isNil(t, "ListAssignedOrderItemTags().JSON200[0].Tags[1].DueAt", tags[1].DueAt)
			eq(t, "len(ListAssignedOrderItemTags().JSON200[1].Tags)", len(a[1].Tags), 0)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			resp, err := e.c.ListAssignedOrderItemTagsWithResponse(e.ctx, &gen.ListAssignedOrderItemTagsParams{})
			if tags := decoded(t, "ListAssignedOrderItemTags()", succeed(t, "ListAssignedOrderItemTags()", resp, err).JSON200); len(tags) == 0 {
				t.Error("ListAssignedOrderItemTags() = none, want the seeded assignments")
			}
		},
	},
	"setOrderItemsReadyToShip": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			req := gen.ReadyToShipRequest{
				TrackingNumber:    "de312312351234",
				DeliveryType:      gen.DeliveryTypeDropship,
				ShippingProvider:  "DHL",
				AccessKey:         "access_key",
				DocumentUrl:       "http://doc.com/my_doc",
				InvoiceEncodedXml: "PG5mZT48L25mZT4=",
			}
			req.OrderItems = withLen(req.OrderItems, 2)
			req.OrderItems[0].Id = 1
			req.OrderItems[0].SerialNumber = "de312312351234"
			req.OrderItems[1].Id = 2
			return c.SetOrderItemsReadyToShipWithResponse(ctx, req)
		},
		method: http.MethodPost, path: "/v2/orders/statuses/set-to-ready-to-ship",
		body:  `{"orderItems":[{"id":1,"serialNumber":"de312312351234"},{"id":2}],"trackingNumber":"de312312351234","deliveryType":"dropship","shippingProvider":"DHL","accessKey":"access_key","documentUrl":"http://doc.com/my_doc","invoiceEncodedXml":"PG5mZT48L25mZT4="}`,
		reply: reply{status: 200, fixture: "order_item_ids.json"},
		check: changedItems("SetOrderItemsReadyToShip(1, 2)", func(t *testing.T, resp any) *gen.ChangedItems {
			return as[gen.SetOrderItemsReadyToShipResponse](t, resp).JSON200
		}),
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			id, carrier, tracking := e.item(t, gen.OrderItemStatusPending, drop), e.carrier(t), "CT-RTS-1"
			body := gen.ReadyToShipRequest{OrderItems: []gen.ReadyToShipItem{{Id: id}}, ShippingProvider: carrier, TrackingNumber: tracking}
			resp, err := e.c.SetOrderItemsReadyToShipWithResponse(e.ctx, body)
			changedOK(t, "SetOrderItemsReadyToShip()", succeed(t, "SetOrderItemsReadyToShip()", resp, err).JSON200, id)
			e.wantStatus(t, id, gen.OrderItemStatusReadyToShip)
		},
	},
	"setOrderItemsPackedByMarketplace": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			req := gen.PackedByMarketplaceRequest{
				DeliveryType:     gen.DeliveryTypeSendToWarehouse,
				ShippingProvider: "Aramax",
				TrackingNumber:   "123",
			}
			req.OrderItems = withLen(req.OrderItems, 2)
			req.OrderItems[0].OrderItemId = 12
			req.OrderItems[0].SerialNumber = "NVFXXXRT"
			req.OrderItems[1].OrderItemId = 13
			return c.SetOrderItemsPackedByMarketplaceWithResponse(ctx, req)
		},
		method: http.MethodPost, path: "/v2/orders/statuses/set-to-packed-by-marketplace",
		body:  `{"orderItems":[{"orderItemId":12,"serialNumber":"NVFXXXRT"},{"orderItemId":13}],"deliveryType":"send_to_warehouse","shippingProvider":"Aramax","trackingNumber":"123"}`,
		reply: reply{status: 200, fixture: "order_item_ids.json"},
		check: changedItems("SetOrderItemsPackedByMarketplace(12, 13)", func(t *testing.T, resp any) *gen.ChangedItems {
			return as[gen.SetOrderItemsPackedByMarketplaceResponse](t, resp).JSON200
		}),
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			id, carrier, tracking := e.item(t, gen.OrderItemStatusPending, drop), e.carrier(t), "CT-PBM-1"
			body := gen.PackedByMarketplaceRequest{OrderItems: []gen.PackedItem{{OrderItemId: id}}, DeliveryType: gen.DeliveryTypeDropship,
				ShippingProvider: carrier, TrackingNumber: tracking}
			resp, err := e.c.SetOrderItemsPackedByMarketplaceWithResponse(e.ctx, body)
			changedOK(t, "SetOrderItemsPackedByMarketplace()", succeed(t, "SetOrderItemsPackedByMarketplace()", resp, err).JSON200, id)
			if it, err := e.mock.OrderItem(id); err != nil || it.Status != gen.OrderItemStatusPending || it.Shipment.TrackingCode != tracking {
				t.Errorf("mock.OrderItem(%d) = %s tracking %q, %v; want pending, packed with %q", id, it.Status, it.Shipment.TrackingCode, err, tracking)
			}
		},
	},
	"setOrderItemsShipped": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.SetOrderItemsShippedWithResponse(ctx, gen.OrderItemIds{OrderItemIds: []int{123456, 654321}})
		},
		method: http.MethodPost, path: "/v2/orders/statuses/set-to-shipped",
		body:  `{"orderItemIds":[123456,654321]}`,
		reply: reply{status: 200, fixture: "order_item_ids.json"},
		check: changedItems("SetOrderItemsShipped(123456, 654321)", func(t *testing.T, resp any) *gen.ChangedItems {
			return as[gen.SetOrderItemsShippedResponse](t, resp).JSON200
		}),
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.item(t, gen.OrderItemStatusReadyToShip, drop)
			resp, err := e.c.SetOrderItemsShippedWithResponse(e.ctx, gen.OrderItemIds{OrderItemIds: []int{id}})
			changedOK(t, "SetOrderItemsShipped()", succeed(t, "SetOrderItemsShipped()", resp, err).JSON200, id)
			e.wantStatus(t, id, gen.OrderItemStatusShipped)
		},
	},
	"setOrderItemsDelivered": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.SetOrderItemsDeliveredWithResponse(ctx, gen.OrderItemIds{OrderItemIds: []int{123456, 654321}})
		},
		method: http.MethodPost, path: "/v2/orders/statuses/set-to-delivered",
		body:  `{"orderItemIds":[123456,654321]}`,
		reply: reply{status: 200, fixture: "order_item_ids.json"},
		check: changedItems("SetOrderItemsDelivered(123456, 654321)", func(t *testing.T, resp any) *gen.ChangedItems {
			return as[gen.SetOrderItemsDeliveredResponse](t, resp).JSON200
		}),
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.item(t, gen.OrderItemStatusShipped, drop)
			resp, err := e.c.SetOrderItemsDeliveredWithResponse(e.ctx, gen.OrderItemIds{OrderItemIds: []int{id}})
			changedOK(t, "SetOrderItemsDelivered()", succeed(t, "SetOrderItemsDelivered()", resp, err).JSON200, id)
			e.wantStatus(t, id, gen.OrderItemStatusDelivered)
		},
	},
	"setOrderItemsDeliveryFailed": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.SetOrderItemsDeliveryFailedWithResponse(ctx, gen.ReasonedStatusChange{
				OrderItemIds: []int{123456, 654321}, Reason: "Not reachable", ReasonDetail: ptr("Details"),
			})
		},
		method: http.MethodPost, path: "/v2/orders/statuses/set-to-delivery-failed",
		body:  `{"orderItemIds":[123456,654321],"reason":"Not reachable","reasonDetail":"Details"}`,
		reply: reply{status: 200, fixture: "order_item_ids.json"},
		check: changedItems("SetOrderItemsDeliveryFailed(123456, 654321)", func(t *testing.T, resp any) *gen.ChangedItems {
			return as[gen.SetOrderItemsDeliveryFailedResponse](t, resp).JSON200
		}),
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.item(t, gen.OrderItemStatusShipped, drop)
			body := gen.ReasonedStatusChange{OrderItemIds: []int{id}, Reason: e.reason(t, gen.FailureReasonTypeFailed)}
			resp, err := e.c.SetOrderItemsDeliveryFailedWithResponse(e.ctx, body)
			changedOK(t, "SetOrderItemsDeliveryFailed()", succeed(t, "SetOrderItemsDeliveryFailed()", resp, err).JSON200, id)
			e.wantStatus(t, id, gen.OrderItemStatusFailed)
		},
	},
	"setOrderItemsCanceled": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.SetOrderItemsCanceledWithResponse(ctx, gen.ReasonedStatusChange{
				OrderItemIds: []int{123456, 654321}, Reason: "Out of stock",
			})
		},
		method: http.MethodPost, path: "/v2/orders/statuses/set-to-cancelled",
		body:  `{"orderItemIds":[123456,654321],"reason":"Out of stock"}`,
		reply: reply{status: 200, fixture: "order_item_ids.json"},
		check: changedItems("SetOrderItemsCanceled(123456, 654321)", func(t *testing.T, resp any) *gen.ChangedItems {
			return as[gen.SetOrderItemsCanceledResponse](t, resp).JSON200
		}),
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.item(t, gen.OrderItemStatusPending, drop)
			body := gen.ReasonedStatusChange{OrderItemIds: []int{id}, Reason: e.reason(t, gen.FailureReasonTypeCanceled)}
			resp, err := e.c.SetOrderItemsCanceledWithResponse(e.ctx, body)
			changedOK(t, "SetOrderItemsCanceled()", succeed(t, "SetOrderItemsCanceled()", resp, err).JSON200, id)
			e.wantStatus(t, id, gen.OrderItemStatusCanceled)
		},
	},
	"setOrderItemsReturned": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.SetOrderItemsReturnedWithResponse(ctx, gen.ReturnStatusChange{
				OrderItemIds: []int{123456, 654321}, Reason: ptr("Changed mind"),
			})
		},
		method: http.MethodPost, path: "/v2/orders/statuses/set-to-returned",
		body:  `{"orderItemIds":[123456,654321],"reason":"Changed mind"}`,
		reply: reply{status: 200, fixture: "order_item_ids.json"},
		check: changedItems("SetOrderItemsReturned(123456, 654321)", func(t *testing.T, resp any) *gen.ChangedItems {
			return as[gen.SetOrderItemsReturnedResponse](t, resp).JSON200
		}),
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.item(t, gen.OrderItemStatusDelivered, drop)
			body := gen.ReturnStatusChange{OrderItemIds: []int{id}, Reason: refTo(e.reason(t, gen.FailureReasonTypeReturned))}
			resp, err := e.c.SetOrderItemsReturnedWithResponse(e.ctx, body)
			changedOK(t, "SetOrderItemsReturned()", succeed(t, "SetOrderItemsReturned()", resp, err).JSON200, id)
			e.wantStatus(t, id, gen.OrderItemStatusReturned)
		},
	},
	"setOrderItemsReturnReceived": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.SetOrderItemsReturnReceivedWithResponse(ctx, gen.OrderItemIds{OrderItemIds: []int{123456, 654321}})
		},
		method: http.MethodPost, path: "/v2/orders/statuses/set-to-return-received",
		body:  `{"orderItemIds":[123456,654321]}`,
		reply: reply{status: 200, fixture: "order_item_ids.json"},
		check: changedItems("SetOrderItemsReturnReceived(123456, 654321)", func(t *testing.T, resp any) *gen.ChangedItems {
			return as[gen.SetOrderItemsReturnReceivedResponse](t, resp).JSON200
		}),
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.item(t, gen.OrderItemStatusReturnShippedByCustomer, drop)
			resp, err := e.c.SetOrderItemsReturnReceivedWithResponse(e.ctx, gen.OrderItemIds{OrderItemIds: []int{id}})
			changedOK(t, "SetOrderItemsReturnReceived()", succeed(t, "SetOrderItemsReturnReceived()", resp, err).JSON200, id)
			e.wantStatus(t, id, gen.OrderItemStatusReturnWaitingForApproval)
		},
	},
	"setOrderItemsReturnApproved": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.SetOrderItemsReturnApprovedWithResponse(ctx, gen.OrderItemIds{OrderItemIds: []int{123456, 654321}})
		},
		method: http.MethodPost, path: "/v2/orders/statuses/set-to-return-approved",
		body:  `{"orderItemIds":[123456,654321]}`,
		reply: reply{status: 200, fixture: "order_item_ids.json"},
		check: changedItems("SetOrderItemsReturnApproved(123456, 654321)", func(t *testing.T, resp any) *gen.ChangedItems {
			return as[gen.SetOrderItemsReturnApprovedResponse](t, resp).JSON200
		}),
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.item(t, gen.OrderItemStatusReturnWaitingForApproval, drop)
			resp, err := e.c.SetOrderItemsReturnApprovedWithResponse(e.ctx, gen.OrderItemIds{OrderItemIds: []int{id}})
			changedOK(t, "SetOrderItemsReturnApproved()", succeed(t, "SetOrderItemsReturnApproved()", resp, err).JSON200, id)
			e.wantStatus(t, id, gen.OrderItemStatusReturned)
		},
	},
	"setOrderItemsReturnRejected": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.SetOrderItemsReturnRejectedWithResponse(ctx, gen.ReasonedStatusChange{
				OrderItemIds: []int{123456, 654321}, Reason: "Item used", ReasonDetail: ptr("Tags removed"),
			})
		},
		method: http.MethodPost, path: "/v2/orders/statuses/set-to-return-rejected",
		body:  `{"orderItemIds":[123456,654321],"reason":"Item used","reasonDetail":"Tags removed"}`,
		reply: reply{status: 200, fixture: "order_item_ids.json"},
		check: changedItems("SetOrderItemsReturnRejected(123456, 654321)", func(t *testing.T, resp any) *gen.ChangedItems {
			return as[gen.SetOrderItemsReturnRejectedResponse](t, resp).JSON200
		}),
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.item(t, gen.OrderItemStatusReturnWaitingForApproval, drop)
			body := gen.ReasonedStatusChange{OrderItemIds: []int{id}, Reason: e.reason(t, gen.FailureReasonTypeReturnRejected)}
			resp, err := e.c.SetOrderItemsReturnRejectedWithResponse(e.ctx, body)
			changedOK(t, "SetOrderItemsReturnRejected()", succeed(t, "SetOrderItemsReturnRejected()", resp, err).JSON200, id)
			e.wantStatus(t, id, gen.OrderItemStatusReturnRejected)
		},
	},
	"adminChangeOrderItemStatuses": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			var req gen.AdminStatusChangeRequest
			req.OrderItems = withLen(req.OrderItems, 2)
			req.OrderItems[0].OrderItemId = 12
			req.OrderItems[0].Status = "canceled"
			req.OrderItems[0].Reason = "defect"
			req.OrderItems[1].OrderItemId = 13
			req.OrderItems[1].Status = "delivered"
			return c.AdminChangeOrderItemStatusesWithResponse(ctx, req)
		},
		method: http.MethodPost, path: "/v2/orders/statuses/admin-change-status",
		body:  `{"orderItems":[{"orderItemId":12,"status":"canceled","reason":"defect"},{"orderItemId":13,"status":"delivered"}]}`,
		reply: reply{status: 200, fixture: "order_item_ids.json"},
		check: changedItems("AdminChangeOrderItemStatuses(12, 13)", func(t *testing.T, resp any) *gen.ChangedItems {
			return as[gen.AdminChangeOrderItemStatusesResponse](t, resp).JSON200
		}),
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.item(t, gen.OrderItemStatusReturnShippedByCustomer, drop)
			body := gen.AdminStatusChangeRequest{OrderItems: []gen.AdminStatusChange{{
				OrderItemId: id, Status: string(gen.OrderItemStatusReturnDelivered), Reason: "found in the warehouse",
			}}}
			resp, err := e.c.AdminChangeOrderItemStatusesWithResponse(e.ctx, body)
			changedOK(t, "AdminChangeOrderItemStatuses()", succeed(t, "AdminChangeOrderItemStatuses()", resp, err).JSON200, id)
			e.wantStatus(t, id, gen.OrderItemStatusReturnDelivered)
		},
	},
	"listShipmentProviders": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListShipmentProvidersWithResponse(ctx, &gen.ListShipmentProvidersParams{Status: ptr(true)})
		},
		method: http.MethodGet, path: "/v2/orders-shipment-providers",
		query:   url.Values{"status": {"true"}},
		literal: []string{"status=true"},
		reply:   reply{status: 200, fixture: "shipment_providers.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "ListShipmentProviders(status=true).JSON200", as[gen.ListShipmentProvidersResponse](t, resp).JSON200)
			eq(t, "len(ListShipmentProviders(status=true).JSON200)", len(p), 2)
			eq(t, "ListShipmentProviders(status=true).JSON200[0].Name", p[0].Name, "AS-FedEx")
			eq(t, "ListShipmentProviders(status=true).JSON200[0].ApiIntegrationAvailable", p[0].ApiIntegrationAvailable, true)
			eq(t, "ListShipmentProviders(status=true).JSON200[1].Default", p[1].Default, false)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			want, err := e.mock.ShipmentProviders()
			if err != nil {
				t.Fatal(err)
			}
			resp, err := e.c.ListShipmentProvidersWithResponse(e.ctx, &gen.ListShipmentProvidersParams{})
			if got := decoded(t, "ListShipmentProviders()", succeed(t, "ListShipmentProviders()", resp, err).JSON200); len(got) != len(want) {
				t.Errorf("ListShipmentProviders() = %d carriers, want mock.ShipmentProviders()'s %d", len(got), len(want))
			}
		},
	},
	"listFailureReasons": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListFailureReasonsWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/orders-failure-reasons",
		reply: reply{status: 200, fixture: "failure_reasons.json"},
		check: func(t *testing.T, resp any) {
			r := deref(t, "ListFailureReasons().JSON200", as[gen.ListFailureReasonsResponse](t, resp).JSON200)
			eq(t, "len(ListFailureReasons().JSON200)", len(r), 3)
			eq(t, "ListFailureReasons().JSON200[1].OutOfStock", r[1].OutOfStock, true)
			eq(t, "ListFailureReasons().JSON200[2].Type", r[2].Type, gen.FailureReasonTypeFailed)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			want, err := e.mock.FailureReasons()
			if err != nil {
				t.Fatal(err)
			}
			resp, err := e.c.ListFailureReasonsWithResponse(e.ctx)
			if got := decoded(t, "ListFailureReasons()", succeed(t, "ListFailureReasons()", resp, err).JSON200); len(got) != len(want) {
				t.Errorf("ListFailureReasons() = %d reasons, want mock.FailureReasons()'s %d", len(got), len(want))
			}
		},
	},
	"setOrderItemTrackingCode": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.SetOrderItemTrackingCodeWithResponse(ctx, 1111, gen.TrackingCodeUpdate{TrackingCode: "ASDF123"})
		},
		method: http.MethodPost, path: "/v2/order-item/1111/tracking-code",
		body:  `{"trackingCode":"ASDF123"}`,
		reply: reply{status: 200},
		check: func(t *testing.T, resp any) {
			eq(t, "SetOrderItemTrackingCode(1111, ASDF123).StatusCode()", as[gen.SetOrderItemTrackingCodeResponse](t, resp).StatusCode(), 200)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			id, code := e.item(t, gen.OrderItemStatusReadyToShip, drop), "CT-TRK-1"
			resp, err := e.c.SetOrderItemTrackingCodeWithResponse(e.ctx, id, gen.TrackingCodeUpdate{TrackingCode: code})
			succeed(t, "SetOrderItemTrackingCode()", resp, err)
			if it, err := e.mock.OrderItem(id); err != nil || it.Shipment.TrackingCode != code {
				t.Errorf("mock.OrderItem(%d) tracking code = %q, %v; want %q", id, it.Shipment.TrackingCode, err, code)
			}
		},
	},
	"setOrderItemShippingProvider": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.SetOrderItemShippingProviderWithResponse(ctx, 1111, gen.ShippingProviderUpdate{ShippingProvider: "DafitiCarrier", TrackingCode: ptr("ASDF123")})
		},
		method: http.MethodPost, path: "/v2/order-item/1111/shipping-provider",
		body:  `{"shippingProvider":"DafitiCarrier","trackingCode":"ASDF123"}`,
		reply: reply{status: 200, fixture: "order_item.json"},
		check: func(t *testing.T, resp any) {
			it := deref(t, "SetOrderItemShippingProvider(1111, DafitiCarrier).JSON200", as[gen.SetOrderItemShippingProviderResponse](t, resp).JSON200)
			eq(t, "SetOrderItemShippingProvider(1111, DafitiCarrier).JSON200.Shipment.TrackingCode", it.Shipment.TrackingCode, "ASDF123")
			pr := it.Shipment.Provider
			eq(t, "SetOrderItemShippingProvider(1111, DafitiCarrier).JSON200.Shipment.Provider.Name", pr.Name, "DafitiCarrier")
			isNil(t, "SetOrderItemShippingProvider(1111, DafitiCarrier).JSON200.Shipment.Provider.Uuid", pr.Uuid)
			eq(t, "SetOrderItemShippingProvider(1111, DafitiCarrier).JSON200.Status", it.Status, gen.OrderItemStatusReadyToShip)
			at(t, "SetOrderItemShippingProvider(1111, DafitiCarrier).JSON200.LastStatusChangedAt", deref(t, "LastStatusChangedAt", it.LastStatusChangedAt), time.Date(2021, 9, 23, 9, 58, 1, 100000, time.UTC))
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			id, carrier := e.item(t, gen.OrderItemStatusReadyToShip, drop), e.carrier(t)
			resp, err := e.c.SetOrderItemShippingProviderWithResponse(e.ctx, id, gen.ShippingProviderUpdate{ShippingProvider: carrier, TrackingCode: refTo("CT-SP-1")})
			it := decoded(t, "SetOrderItemShippingProvider()", succeed(t, "SetOrderItemShippingProvider()", resp, err).JSON200)
			if it.Id != id || it.Shipment.Provider == nil || it.Shipment.Provider.Name != carrier {
				t.Errorf("SetOrderItemShippingProvider(%d) = item %d carrier %+v, want carrier %q", id, it.Id, it.Shipment.Provider, carrier)
			}
		},
	},
	"createPickupRequest": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.CreatePickupRequestWithResponse(ctx, gen.OrderItemIds{OrderItemIds: []int{1, 2}})
		},
		method: http.MethodPost, path: "/v2/order-pickup-requests",
		body:  `{"orderItemIds":[1,2]}`,
		reply: reply{status: 201, fixture: "pickup_request.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "CreatePickupRequest(1, 2).JSON201", as[gen.CreatePickupRequestResponse](t, resp).JSON201)
			eq(t, "CreatePickupRequest(1, 2).JSON201.OrderItemIds", fmt.Sprint(p.OrderItemIds), "[1 2]")
			eq(t, "len(CreatePickupRequest(1, 2).JSON201.Errors)", len(p.Errors), 0)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.item(t, gen.OrderItemStatusReadyToShip, crossdock)
			resp, err := e.c.CreatePickupRequestWithResponse(e.ctx, gen.OrderItemIds{OrderItemIds: []int{id}})
			r := decoded(t, "CreatePickupRequest()", succeed(t, "CreatePickupRequest()", resp, err).JSON201)
			if r.OrderItemIds == nil || !slices.Equal(r.OrderItemIds, []int{id}) {
				t.Errorf("CreatePickupRequest(%d) items = %v, want [%d]", id, r.OrderItemIds, id)
			}
		},
	},
	"setInvoiceNumber": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.SetInvoiceNumberWithResponse(ctx, gen.InvoiceNumberAssignment{OrderItemId: 1, InvoiceNumber: "INV-20"})
		},
		method: http.MethodPost, path: "/v2/orders/set-invoice-number",
		body:  `{"orderItemId":1,"invoiceNumber":"INV-20"}`,
		reply: reply{status: 200, fixture: "invoice_number.json"},
		check: func(t *testing.T, resp any) {
			n := deref(t, "SetInvoiceNumber(1, INV-20).JSON200", as[gen.SetInvoiceNumberResponse](t, resp).JSON200)
			eq(t, "SetInvoiceNumber(1, INV-20).JSON200.InvoiceNumber", n.InvoiceNumber, "INV-20")
			eq(t, "SetInvoiceNumber(1, INV-20).JSON200.OrderItemId", n.OrderItemId, 1)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.firstItem(t, gen.OrderItemStatusPending)
			resp, err := e.c.SetInvoiceNumberWithResponse(e.ctx, gen.InvoiceNumberAssignment{OrderItemId: id, InvoiceNumber: "INV-CT-1"})
			if got := decoded(t, "SetInvoiceNumber()", succeed(t, "SetInvoiceNumber()", resp, err).JSON200); got.OrderItemId != id || got.InvoiceNumber != "INV-CT-1" {
				t.Errorf("SetInvoiceNumber(%d, INV-CT-1) = %+v, want the assignment back", id, got)
			}
		},
	},
	"setInvoiceAccessKeys": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			var req gen.InvoiceAccessKeyRequest
			req.OrderItems = withLen(req.OrderItems, 2)
			req.OrderItems[0].OrderItemId = 1
			req.OrderItems[0].AccessKey = "12345678901234567890123456789012345678901234"
			req.OrderItems[0].DocumentUrl = "https://example.com/invoices/INV-20.pdf"
			req.OrderItems[1].OrderItemId = 2
			req.OrderItems[1].AccessKey = "43210987654321098765432109876543210987654321"
			req.OrderItems[1].InvoiceEncodedXml = "PG5mZT48L25mZT4="
			return c.SetInvoiceAccessKeysWithResponse(ctx, req)
		},
		method: http.MethodPost, path: "/v2/orders/set-invoice-access-key",
		body:  `{"orderItems":[{"orderItemId":1,"accessKey":"12345678901234567890123456789012345678901234","documentUrl":"https://example.com/invoices/INV-20.pdf"},{"orderItemId":2,"accessKey":"43210987654321098765432109876543210987654321","InvoiceEncodedXml":"PG5mZT48L25mZT4="}]}`,
		reply: reply{status: 200, fixture: "order_item_ids.json"},
		check: changedItems("SetInvoiceAccessKeys(1, 2)", func(t *testing.T, resp any) *gen.ChangedItems {
			return as[gen.SetInvoiceAccessKeysResponse](t, resp).JSON200
		}),
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.item(t, gen.OrderItemStatusReadyToShip, drop)
			body := gen.InvoiceAccessKeyRequest{OrderItems: []gen.InvoiceAccessKey{{OrderItemId: id, AccessKey: "35240112345678000190550010000012341000012345"}}}
			resp, err := e.c.SetInvoiceAccessKeysWithResponse(e.ctx, body)
			changedOK(t, "SetInvoiceAccessKeys()", succeed(t, "SetInvoiceAccessKeys()", resp, err).JSON200, id)
		},
	},
	"generateInvoiceNumber": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GenerateInvoiceNumberWithResponse(ctx, 1111)
		},
		method: http.MethodPost, path: "/v2/orders/1111/generate-invoice-number",
		reply: reply{status: 201, fixture: "generated_invoice_number.json"},
		check: func(t *testing.T, resp any) {
			n := deref(t, "GenerateInvoiceNumber(1111).JSON201", as[gen.GenerateInvoiceNumberResponse](t, resp).JSON201)
			eq(t, "GenerateInvoiceNumber(1111).JSON201.Number", n.Number, "INV-265496632")
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.firstOrder(t).Id
			resp, err := e.c.GenerateInvoiceNumberWithResponse(e.ctx, id)
			op := fmt.Sprintf("GenerateInvoiceNumber(%d)", id)
			if n := decoded(t, op, succeed(t, op, resp, err).JSON201); n.Number == "" {
				t.Errorf("%s number = empty, want one", op)
			}
		},
	},
	"getInvoiceNumberSettings": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetInvoiceNumberSettingsWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/orders/invoice-number-settings",
		reply: reply{status: 201, fixture: "invoice_number_settings.json"},
		check: func(t *testing.T, resp any) {
			s := deref(t, "GetInvoiceNumberSettings().JSON201", as[gen.GetInvoiceNumberSettingsResponse](t, resp).JSON201)
			eq(t, "GetInvoiceNumberSettings().JSON201.GenerationType", s.GenerationType, "autoincrement_number")
			eq(t, "GetInvoiceNumberSettings().JSON201.NextFormatedValue", s.NextFormatedValue, "ABC123")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			resp, err := e.c.GetInvoiceNumberSettingsWithResponse(e.ctx)
			succeed(t, "GetInvoiceNumberSettings()", resp, err)
			if resp.JSON200 == nil && resp.JSON201 == nil {
				t.Error("GetInvoiceNumberSettings() decoded body = nil, want the settings")
			}
		},
	},
	"updateInvoiceNumberSettings": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.UpdateInvoiceNumberSettingsWithResponse(ctx, gen.InvoiceNumberSettingsUpdate{
				GenerationType: gen.InvoiceNumberSettingsUpdateGenerationTypeAutoincrementNumber,
				Prefix:         ptr("ABC"),
				NextNumber:     ptr(123),
			})
		},
		method: http.MethodPost, path: "/v2/orders/invoice-number-settings/update",
		body:  `{"generationType":"autoincrement_number","prefix":"ABC","nextNumber":123}`,
		reply: reply{status: 201, fixture: "invoice_number_settings.json"},
		check: func(t *testing.T, resp any) {
			s := deref(t, "UpdateInvoiceNumberSettings(autoincrement_number, ABC, 123).JSON201", as[gen.UpdateInvoiceNumberSettingsResponse](t, resp).JSON201)
			eq(t, "UpdateInvoiceNumberSettings(autoincrement_number, ABC, 123).JSON201.NextNumber", s.NextNumber, 123)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			body := gen.InvoiceNumberSettingsUpdate{GenerationType: gen.InvoiceNumberSettingsUpdateGenerationTypeAutoincrementNumber, Prefix: refTo("CT-"), NextNumber: refTo(500)}
			resp, err := e.c.UpdateInvoiceNumberSettingsWithResponse(e.ctx, body)
			succeed(t, "UpdateInvoiceNumberSettings()", resp, err)
			got := resp.JSON200
			if got == nil {
				got = resp.JSON201
			}
			if s := decoded(t, "UpdateInvoiceNumberSettings()", got); s.Prefix == "" || s.Prefix != "CT-" {
				t.Errorf("UpdateInvoiceNumberSettings(prefix CT-) prefix = %v, want CT-", s.Prefix)
			}
		},
	},
	"exportOrderDocuments": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ExportOrderDocumentsWithResponse(ctx, gen.DocumentExportRequest{
				OrderIds:     []int{123456, 654321},
				OrderItemIds: []int{1234, 1235},
				DocumentType: "invoice,shippingLabel",
				Format:       gen.DocumentExportRequestFormatPdf,
			})
		},
		method: http.MethodPost, path: "/v2/orders/export-document",
		body:  `{"orderIds":[123456,654321],"orderItemIds":[1234,1235],"documentType":"invoice,shippingLabel","format":"pdf"}`,
		reply: reply{status: 201, fixture: "export_item_documents.json"},
		check: func(t *testing.T, resp any) {
			e := deref(t, "ExportOrderDocuments(invoice,shippingLabel).JSON201", as[gen.ExportOrderDocumentsResponse](t, resp).JSON201)
			eq(t, "ExportOrderDocuments(invoice,shippingLabel).JSON201.Status", e.Status, gen.ExportItemStatusProcessing)
			eq(t, "ExportOrderDocuments(invoice,shippingLabel).JSON201.RequestedFormats[0]", e.RequestedFormats[0], "pdf")
			at(t, "ExportOrderDocuments(invoice,shippingLabel).JSON201.CreatedAt", e.CreatedAt, time.Date(2024, 10, 1, 9, 20, 0, 0, time.UTC))
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.firstOrder(t).Id
			body := gen.DocumentExportRequest{DocumentType: "invoice", OrderIds: []int{id}, Format: gen.DocumentExportRequestFormatPdf}
			resp, err := e.c.ExportOrderDocumentsWithResponse(e.ctx, body)
			if x := decoded(t, "ExportOrderDocuments()", succeed(t, "ExportOrderDocuments()", resp, err).JSON201); x.Id == 0 {
				t.Error("ExportOrderDocuments() id = nil, want the job's")
			}
		},
	},
	"uploadPackageDocument": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			body, contentType, err := multipartBody(packageDocumentParts)
			if err != nil {
				return nil, err
			}
			return c.UploadPackageDocumentWithBodyWithResponse(ctx, 672, contentType, body)
		},
		method: http.MethodPost, path: "/v2/order/document/package/672",
		parts: packageDocumentParts,
		reply: reply{status: 200, fixture: "uploaded_document.json"},
		check: func(t *testing.T, resp any) {
			d := deref(t, "UploadPackageDocument(672, invoice).JSON200", as[gen.UploadPackageDocumentResponse](t, resp).JSON200)
			eq(t, "UploadPackageDocument(672, invoice).JSON200.Id", d.Id, 672)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			pkg := e.packageOf(t, e.firstItem(t, gen.OrderItemStatusShipped))
			if doc := e.uploadDocument(t, pkg); doc.Id == 0 {
				t.Errorf("UploadPackageDocument(%d) id = nil, want the document's", pkg)
			}
		},
	},
	"deletePackageDocument": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.DeletePackageDocumentWithResponse(ctx, 672)
		},
		method: http.MethodDelete, path: "/v2/order/document/package/672",
		reply: reply{status: 204},
		check: func(t *testing.T, resp any) {
			r := as[gen.DeletePackageDocumentResponse](t, resp)
			eq(t, "DeletePackageDocument(672).StatusCode()", r.StatusCode(), 204)
			eq(t, "len(DeletePackageDocument(672).Body)", len(r.Body), 0)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			pkg := e.packageOf(t, e.firstItem(t, gen.OrderItemStatusShipped))
			e.uploadDocument(t, pkg)
			resp, err := e.c.DeletePackageDocumentWithResponse(e.ctx, pkg)
			op := fmt.Sprintf("DeletePackageDocument(%d)", pkg)
			if succeed(t, op, resp, err).StatusCode() != http.StatusNoContent {
				t.Errorf("%s status = %d, want 204", op, resp.StatusCode())
			}
		},
	},
	"importOrders": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			body, contentType, err := multipartBody(importParts)
			if err != nil {
				return nil, err
			}
			return c.ImportOrdersWithBodyWithResponse(ctx, contentType, body)
		},
		method: http.MethodPost, path: "/v2/orders/import",
		parts: importParts,
		reply: reply{status: 201, fixture: "import_accepted.json"},
		check: func(t *testing.T, resp any) {
			a := deref(t, "ImportOrders(ready-to-ship).JSON201", as[gen.ImportOrdersResponse](t, resp).JSON201)
			eq(t, "ImportOrders(ready-to-ship).JSON201.Success", a.Success, true)
			eq(t, "ImportOrders(ready-to-ship).JSON201.FeedId", a.FeedId, 7)
			eq(t, "ImportOrders(ready-to-ship).JSON201.FeedUuid", a.FeedUuid, "060cef12-08ef-4ae6-b15e-79398fedc774")
			eq(t, "ImportOrders(ready-to-ship).JSON201.WarningMessages[0]", a.WarningMessages[0], "Unknown field: Country")
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			csv := fmt.Sprintf("Order Item Id\n%d\n", e.firstItem(t, gen.OrderItemStatusReadyToShip))
			ct, body := multipartForm(t, [][2]string{{"type", "to-shipped"}}, "file1", "shipped.csv", []byte(csv))
			resp, err := e.c.ImportOrdersWithBodyWithResponse(e.ctx, ct, body)
			if got := decoded(t, "ImportOrders()", succeed(t, "ImportOrders()", resp, err).JSON201); got.FeedId == 0 {
				t.Error("ImportOrders() feedId = nil, want the feed's")
			}
		},
	},
	"listExports": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListExportsWithResponse(ctx, &gen.ListExportsParams{
				Limit:          20,
				Offset:         0,
				ExportActions:  []gen.ExportAction{gen.ExportActionOrder, gen.ExportActionOrderDocumentsAsPdf},
				OrderBy:        gen.ListExportsParamsOrderByCreatedAt,
				OrderDirection: gen.ListExportsParamsOrderDirectionDESC,
				Keyword:        "Orders - Pending",
			})
		},
		method: http.MethodGet, path: "/v2/exports",
		query: url.Values{
			"limit":           {"20"},
			"offset":          {"0"},
			"exportActions[]": {"Order", "OrderDocumentsAsPdf"},
			"orderBy":         {"created_at"},
			"orderDirection":  {"DESC"},
			"keyword":         {"Orders - Pending"},
		},
		literal: []string{"exportActions[]=Order&exportActions[]=OrderDocumentsAsPdf"},
		reply:   reply{status: 200, fixture: "export_item_page.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "ListExports(limit=20).JSON200", as[gen.ListExportsResponse](t, resp).JSON200)
			eq(t, "len(ListExports(limit=20).JSON200.Items)", len(p.Items), 2)
			eq(t, "ListExports(limit=20).JSON200.Pagination.TotalCount", p.Pagination.TotalCount, 2)
			eq(t, "ListExports(limit=20).JSON200.Items[1].Status", p.Items[1].Status, gen.ExportItemStatusError)
			eq(t, "ListExports(limit=20).JSON200.Items[1].IsDeleted", p.Items[1].IsDeleted, true)
			eq(t, "ListExports(limit=20).JSON200.Items[1].Note", p.Items[1].Note, "Invoice template is missing")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			resp, err := e.c.ListExportsWithResponse(e.ctx, &gen.ListExportsParams{Limit: 2, ExportActions: allExportActions})
			page := decoded(t, "ListExports(limit 2)", succeed(t, "ListExports(limit 2)", resp, err).JSON200)
			if len(page.Items) != 2 || page.Pagination.TotalCount == 0 {
				t.Errorf("ListExports(limit 2) = %d exports, total %v; want 2 and a total", len(page.Items), page.Pagination.TotalCount)
			}
		},
	},
	"getExport": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetExportWithResponse(ctx, 852)
		},
		method: http.MethodGet, path: "/v2/exports/852",
		reply: reply{status: 200, fixture: "export_item_finished.json"},
		check: func(t *testing.T, resp any) {
			e := deref(t, "GetExport(852).JSON200", as[gen.GetExportResponse](t, resp).JSON200)
			eq(t, "GetExport(852).JSON200.Status", e.Status, gen.ExportItemStatusFinished)
			eq(t, "GetExport(852).JSON200.DownloadLinks[0]", e.DownloadLinks[0], "/filemanager/v1/files/download/a8fd052d-f29a-471a-b92b-52bb0d2c0be4")
			at(t, "GetExport(852).JSON200.UpdatedAt", e.UpdatedAt, time.Date(2024, 10, 1, 9, 16, 2, 0, time.UTC))
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.exports(t)[0].Id
			resp, err := e.c.GetExportWithResponse(e.ctx, id)
			op := fmt.Sprintf("GetExport(%d)", id)
			if x := decoded(t, op, succeed(t, op, resp, err).JSON200); x.Id == 0 || x.Id != id || x.Status == "" {
				t.Errorf("%s = id %v, status %v; want %d with a status", op, x.Id, x.Status, id)
			}
		},
	},
	"getFileStatus": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetFileStatusWithResponse(ctx, fileUUID)
		},
		method: http.MethodGet, path: "/filemanager/v1/files/" + fileUUID + "/status",
		reply: reply{status: 200, fixture: "file_status.json"},
		check: func(t *testing.T, resp any) {
			s := deref(t, "GetFileStatus(uuid).JSON200", as[gen.GetFileStatusResponse](t, resp).JSON200)
			eq(t, "GetFileStatus(uuid).JSON200.ProcessStatus", s.ProcessStatus, gen.FileStatusProcessStatusFINISHED)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			uuid := e.exports(t)[0].Uuid
			resp, err := e.c.GetFileStatusWithResponse(e.ctx, uuid)
			op := fmt.Sprintf("GetFileStatus(%s)", uuid)
			if s := decoded(t, op, succeed(t, op, resp, err).JSON200); s.ProcessStatus == "" {
				t.Errorf("%s processStatus = nil, want one", op)
			}
		},
	},
	"downloadFile": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.DownloadFileWithResponse(ctx, fileUUID)
		},
		method: http.MethodGet, path: "/filemanager/v1/files/download/" + fileUUID,
		reply: reply{status: 200, raw: labelPDF},
		check: func(t *testing.T, resp any) {
			r := as[gen.DownloadFileResponse](t, resp)
			if !bytes.Equal(r.Body, labelPDF) {
				t.Errorf("DownloadFile(uuid).Body = %q, want %q", r.Body, labelPDF)
			}
			eq(t, "DownloadFile(uuid).ContentType()", r.ContentType(), "application/octet-stream")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			var uuid string
			for _, x := range e.exports(t) {
				if x.Status != "" && x.Status == gen.ExportItemStatusFinished && x.Uuid != "" {
					uuid = x.Uuid
					break
				}
			}
			if uuid == "" {
				t.Fatal("ListExports() has no finished export, want one to download")
			}
			resp, err := e.c.DownloadFileWithResponse(e.ctx, uuid)
			op := fmt.Sprintf("DownloadFile(%s)", uuid)
			if succeed(t, op, resp, err); len(resp.Body) == 0 || strings.Contains(resp.HTTPResponse.Header.Get("Content-Type"), "json") {
				t.Errorf("%s = %d bytes of %q, want the file's bytes", op, len(resp.Body), resp.HTTPResponse.Header.Get("Content-Type"))
			}
		},
	},
}

// errorRows check that error statuses decode into their typed bodies. The
// request side is asserted as for the operation's row.
var errorRows = slices.Concat(orderErrorRows, catalogErrorRows,
	financeErrorRows, sellerErrorRows, usersErrorRows, templatesErrorRows, manifestsErrorRows, webhooksErrorRows)

// orderErrorRows are the error rows of the orders.
var orderErrorRows = []errorRow{
	{
		op:    "getOrder",
		reply: reply{status: 404, fixture: "problem_not_found.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "GetOrder(1111).JSON404", as[gen.GetOrderResponse](t, resp).JSON404)
			eq(t, "GetOrder(1111).JSON404.Status", p.Status, int32(404))
			eq(t, "GetOrder(1111).JSON404.Detail", p.Detail, "Order with id 999999 was not found.")
		},
	},
	{
		op:    "getSeller",
		reply: reply{status: 401, fixture: "problem_unauthorized.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "GetSeller().JSON401", as[gen.GetSellerResponse](t, resp).JSON401)
			eq(t, "GetSeller().JSON401.Title", p.Title, "Unauthorized")
			isZero(t, "GetSeller().JSON401.Type", p.Type)
		},
	},
	{
		op:    "setOrderItemsCanceled",
		reply: reply{status: 422, fixture: "problem_transition.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "SetOrderItemsCanceled(123456, 654321).JSON422", as[gen.SetOrderItemsCanceledResponse](t, resp).JSON422)
			eq(t, "SetOrderItemsCanceled(123456, 654321).JSON422.Title", p.Title, "Status Transition is not allowed")
			eq(t, "SetOrderItemsCanceled(123456, 654321).JSON422.Detail has E028", strings.HasPrefix(p.Detail, "E028:"), true)
		},
	},
	{
		op:    "setOrderItemsReturnReceived",
		reply: reply{status: 422, fixture: "item_errors.json"},
		check: func(t *testing.T, resp any) {
			e := deref(t, "SetOrderItemsReturnReceived(123456, 654321).JSON422", as[gen.SetOrderItemsReturnReceivedResponse](t, resp).JSON422)
			errs := e.Errors
			eq(t, "len(SetOrderItemsReturnReceived(123456, 654321).JSON422.Errors)", len(errs), 1)
			eq(t, "SetOrderItemsReturnReceived(123456, 654321).JSON422.Errors[0].OrderItemId", errs[0].OrderItemId, 1)
			eq(t, "SetOrderItemsReturnReceived(123456, 654321).JSON422.Errors[0].Detail", errs[0].Detail, "Order item contains not allowed shipment type")
		},
	},
	{
		op:    "createPickupRequest",
		reply: reply{status: 422, fixture: "item_errors.json"},
		check: func(t *testing.T, resp any) {
			e := deref(t, "CreatePickupRequest(1, 2).JSON422", as[gen.CreatePickupRequestResponse](t, resp).JSON422)
			eq(t, "len(CreatePickupRequest(1, 2).JSON422.Errors)", len(e.Errors), 1)
		},
	},
	{
		op:    "createPickupRequest",
		reply: reply{status: 400, fixture: "validation_problem.json"},
		check: func(t *testing.T, resp any) {
			v := deref(t, "CreatePickupRequest(1, 2).JSON400", as[gen.CreatePickupRequestResponse](t, resp).JSON400)
			eq(t, "CreatePickupRequest(1, 2).JSON400.Title", v.Title, "Validation Failed")
			vs := v.Violations
			eq(t, "len(CreatePickupRequest(1, 2).JSON400.Violations)", len(vs), 1)
			eq(t, "CreatePickupRequest(1, 2).JSON400.Violations[0].PropertyPath", vs[0].PropertyPath, "orderItemIds[0]")
			params := vs[0].Parameters
			eq(t, "CreatePickupRequest(1, 2).JSON400.Violations[0].Parameters.Value", params.Value, "invalid_order_item_id")
			eq(t, "CreatePickupRequest(1, 2).JSON400.Violations[0].Parameters.Type", params.Type, "integer")
		},
	},
	{
		op:    "listOrders",
		reply: reply{status: 503, fixture: "unavailable_maintenance.json", header: map[string]string{"Retry-After": "120"}},
		check: func(t *testing.T, resp any) {
			r := as[gen.ListOrdersResponse](t, resp)
			u := deref(t, "ListOrders(limit=100).JSON503", r.JSON503)
			eq(t, "ListOrders(limit=100).JSON503.CausedBy", u.CausedBy, "maintenance_mode")
			eq(t, "ListOrders(limit=100).JSON503.Message", u.Message, "Service is unavailable due to maintenance mode")
			eq(t, "ListOrders(limit=100).Headers503.RetryAfter", deref(t, "Headers503", r.Headers503).RetryAfter, "120")
		},
	},
	{
		op:    "exportOrders",
		reply: reply{status: 503, fixture: "unavailable_maintenance.json", header: map[string]string{"Retry-After": "Wed, 21 Oct 2026 07:28:00 GMT"}},
		check: func(t *testing.T, resp any) {
			r := as[gen.ExportOrdersResponse](t, resp)
			eq(t, "ExportOrders(xlsx).JSON503.CausedBy", deref(t, "JSON503", r.JSON503).CausedBy, "maintenance_mode")
			eq(t, "ExportOrders(xlsx).Headers503.RetryAfter", deref(t, "Headers503", r.Headers503).RetryAfter, "Wed, 21 Oct 2026 07:28:00 GMT")
		},
	},
	{
		op:    "getHealth",
		reply: reply{status: 503, fixture: "unavailable_problem.json"},
		check: func(t *testing.T, resp any) {
			u := deref(t, "GetHealth().JSON503", as[gen.GetHealthResponse](t, resp).JSON503)
			eq(t, "GetHealth().JSON503.Status", u.Status, int32(503))
			eq(t, "GetHealth().JSON503.Title", u.Title, "Service Unavailable Due to Maintenance Mode")
			isZero(t, "GetHealth().JSON503.CausedBy", u.CausedBy)
		},
	},
	{
		op:    "listOrderItems",
		reply: reply{status: 429, fixture: "problem_rate_limited.json", header: map[string]string{"Retry-After": "1"}},
		check: func(t *testing.T, resp any) {
			r := as[gen.ListOrderItemsResponse](t, resp)
			eq(t, "ListOrderItems(limit=100).JSON429.Status", deref(t, "JSON429", r.JSON429).Status, int32(429))
			eq(t, "ListOrderItems(limit=100).Headers429.RetryAfter", deref(t, "Headers429", r.Headers429).RetryAfter, "1")
		},
	},
	{
		op:    "updateSeller",
		reply: reply{status: 422, fixture: "problem_transition.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "UpdateSeller(email, profileFields).JSON422", as[gen.UpdateSellerResponse](t, resp).JSON422)
			eq(t, "UpdateSeller(email, profileFields).JSON422.Status", p.Status, int32(422))
		},
	},
	{
		op:    "downloadFile",
		reply: reply{status: 404, fixture: "problem_not_found.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "DownloadFile(uuid).JSON404", as[gen.DownloadFileResponse](t, resp).JSON404)
			eq(t, "DownloadFile(uuid).JSON404.Title", p.Title, "Not Found")
		},
	},
	{
		// The vendor documents 201 for this read; 200 must decode as well.
		op:    "getInvoiceNumberSettings",
		reply: reply{status: 200, fixture: "invoice_number_settings.json"},
		check: func(t *testing.T, resp any) {
			s := deref(t, "GetInvoiceNumberSettings().JSON200", as[gen.GetInvoiceNumberSettingsResponse](t, resp).JSON200)
			eq(t, "GetInvoiceNumberSettings().JSON200.Prefix", s.Prefix, "ABC")
		},
	},
}

func TestOperations(t *testing.T) {
	t.Parallel()
	for _, op := range sortedKeys(rows) {
		r := rows[op]
		t.Run(op, func(t *testing.T) {
			t.Parallel()
			exercise(t, op, r, r.reply, r.check)
		})
	}
}

func TestErrorResponses(t *testing.T) {
	t.Parallel()
	for _, e := range errorRows {
		r, ok := rows[e.op]
		if !ok {
			t.Errorf("errorRows names %q, which has no row", e.op)
			continue
		}
		t.Run(fmt.Sprintf("%s/%d", e.op, e.reply.status), func(t *testing.T) {
			t.Parallel()
			exercise(t, e.op, r, e.reply, e.check)
		})
	}
}

// TestEveryOperationHasARow fails for an operation in the spec without a row,
// for a row without an operation, and for a row whose method or path is not
// the spec's.
func TestEveryOperationHasARow(t *testing.T) {
	t.Parallel()
	doc, err := openapi3.NewLoader().LoadFromFile(specPath)
	if err != nil {
		t.Fatalf("LoadFromFile(%s) = %v, want nil", specPath, err)
	}
	inSpec := make(map[string]bool)
	for tmpl, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			id := op.OperationID
			if id == "" {
				t.Errorf("%s %s has no operationId", method, tmpl)
				continue
			}
			inSpec[id] = true
			r, ok := rows[id]
			if !ok {
				t.Errorf("operation %s (%s %s) has no row", id, method, tmpl)
				continue
			}
			if r.method != method {
				t.Errorf("rows[%s].method = %s, want %s", id, r.method, method)
			}
			if !matchesTemplate(tmpl, r.path) {
				t.Errorf("rows[%s].path = %s, want a match of %s", id, r.path, tmpl)
			}
		}
	}
	for _, id := range sortedKeys(rows) {
		if !inSpec[id] {
			t.Errorf("rows[%s] names no operation in sellercenter.yaml", id)
		}
	}
	n := 0
	for _, area := range rowAreas {
		n += len(area)
	}
	if n != len(rows) {
		t.Errorf("the areas hold %d rows for %d operations: an operation has a row in two of them", n, len(rows))
	}
	if len(inSpec) != len(rows) {
		t.Errorf("len(rows) = %d, want %d (operations in sellercenter.yaml)", len(rows), len(inSpec))
	}
}

// TestVendorFixturesLoseNoField decodes every fixture the fake API answers
// with into the type the generated client uses for that status, then
// re-encodes it. Decoding is strict, so a member our types do not know fails;
// re-encoding must give the fixture back, so a value that is dropped,
// renamed, or written in another shape (a date-time layout, a number) fails.
func TestVendorFixturesLoseNoField(t *testing.T) {
	t.Parallel()
	type use struct {
		op     string
		status int
	}
	uses := make(map[string][]use)
	for _, op := range sortedKeys(rows) {
		if f := rows[op].reply.fixture; f != "" {
			uses[f] = append(uses[f], use{op, rows[op].reply.status})
		}
	}
	for _, e := range errorRows {
		if e.reply.fixture != "" {
			uses[e.reply.fixture] = append(uses[e.reply.fixture], use{e.op, e.reply.status})
		}
	}

	var files []string
	for _, pattern := range []string{"*.json", "catalog/*.json"} {
		found, err := filepath.Glob(filepath.Join(fixtureDir, pattern))
		if err != nil || len(found) == 0 {
			t.Fatalf("Glob(%s/%s) = %d files, %v; want fixtures", fixtureDir, pattern, len(found), err)
		}
		files = append(files, found...)
	}
	for _, f := range files {
		rel, _ := filepath.Rel(fixtureDir, f)
		if _, ok := uses[filepath.ToSlash(rel)]; !ok {
			t.Errorf("fixture %s is not answered by any row", f)
		}
	}

	for _, name := range sortedKeys(uses) {
		for _, u := range uses[name] {
			t.Run(fmt.Sprintf("%s/%s/%d", name, u.op, u.status), func(t *testing.T) {
				t.Parallel()
				data := readFixture(t, name)
				typ, err := jsonFieldType(u.op, u.status)
				if err != nil {
					t.Fatal(err)
				}
				v := reflect.New(typ)
				dec := json.NewDecoder(bytes.NewReader(data))
				dec.DisallowUnknownFields()
				if err := dec.Decode(v.Interface()); err != nil {
					t.Fatalf("decode %s into %v = %v, want nil", name, typ, err)
				}
				again, err := json.Marshal(v.Interface())
				if err != nil {
					t.Fatalf("json.Marshal(%v from %s) = %v, want nil", typ, name, err)
				}
				if diffs := roundTripDiff(data, again); len(diffs) > 0 {
					t.Errorf("%s through %v and back differs at:\n\t%s", name, typ, strings.Join(diffs, "\n\t"))
				}
			})
		}
	}
}

// TestDateTimeShapes pins every date-time shape the notes list to a field of
// order.json: each decodes to the right instant and encodes back unchanged.
func TestDateTimeShapes(t *testing.T) {
	t.Parallel()
	data := readFixture(t, "order.json")
	var o gen.Order
	if err := json.Unmarshal(data, &o); err != nil {
		t.Fatalf("json.Unmarshal(order.json) = %v, want nil", err)
	}
	var generic any
	if err := json.Unmarshal(data, &generic); err != nil {
		t.Fatalf("json.Unmarshal(order.json) = %v, want nil", err)
	}
	if len(o.Items) < 2 {
		t.Fatalf("len(order.json items) = %d, want 2", len(o.Items))
	}
	tests := []struct {
		path  []any // location in order.json
		got   *datetime.Time
		shape string    // the text in the fixture; "" for null
		want  time.Time // the instant
	}{
		{[]any{"createdAt"}, &o.CreatedAt, "2021-09-22T23:21:42.123456Z", time.Date(2021, 9, 22, 23, 21, 42, 123456000, time.UTC)},
		{[]any{"updatedAt"}, &o.UpdatedAt, "2021-09-22T23:21:42+02:00", time.Date(2021, 9, 22, 21, 21, 42, 0, time.UTC)},
		{[]any{"addressUpdatedAt"}, &o.AddressUpdatedAt, "2022-09-01 16:35:42", time.Date(2022, 9, 1, 16, 35, 42, 0, time.UTC)},
		{[]any{"items", 0, "createdAt"}, &o.Items[0].CreatedAt, "2023-05-26T17:26:50+0200", time.Date(2023, 5, 26, 15, 26, 50, 0, time.UTC)},
		{[]any{"items", 0, "updatedAt"}, o.Items[0].UpdatedAt, "2024-01-01T22:00:00.000Z", time.Date(2024, 1, 1, 22, 0, 0, 0, time.UTC)},
		{[]any{"items", 0, "lastStatusChangedAt"}, o.Items[0].LastStatusChangedAt, "2021-01-20", time.Date(2021, 1, 20, 0, 0, 0, 0, time.UTC)},
		{[]any{"items", 1, "targetToShipAt"}, o.Items[1].TargetToShipAt, "2022-12-23T05:36:23.123456Z", time.Date(2022, 12, 23, 5, 36, 23, 123456000, time.UTC)},
		{[]any{"targetToShip"}, o.TargetToShip, "", time.Time{}},
		{[]any{"items", 0, "targetToShipAt"}, o.Items[0].TargetToShipAt, "", time.Time{}},
		{[]any{"items", 1, "updatedAt"}, o.Items[1].UpdatedAt, "", time.Time{}},
	}
	for _, tt := range tests {
		expr := "order.json " + jsonPath(tt.path)
		if raw := lookup(generic, tt.path...); tt.shape == "" && raw != nil || tt.shape != "" && raw != tt.shape {
			t.Errorf("%s in the fixture = %v, want %q", expr, raw, tt.shape)
			continue
		}
		if tt.shape == "" {
			if tt.got != nil {
				t.Errorf("%s = %v, want nil for null", expr, tt.got)
			}
			continue
		}
		if tt.got == nil {
			t.Errorf("%s = nil, want %s", expr, tt.shape)
			continue
		}
		if !tt.got.Time.Equal(tt.want) {
			t.Errorf("%s = %s, want instant %s", expr, tt.got.UTC().Format(time.RFC3339Nano), tt.want.Format(time.RFC3339Nano))
		}
		b, err := json.Marshal(tt.got)
		if want := `"` + tt.shape + `"`; err != nil || string(b) != want {
			t.Errorf("json.Marshal(%s) = %s, %v; want %s, nil", expr, b, err, want)
		}
	}
}

// TestBasePathJoining checks that operation paths are appended to a server
// URL that has a path, with or without a trailing slash.
func TestBasePathJoining(t *testing.T) {
	t.Parallel()
	tests := []struct{ base, want string }{
		{"/sc", "/sc/v2/orders/1111"},
		{"/sc/", "/sc/v2/orders/1111"},
		{"/sc/api/", "/sc/api/v2/orders/1111"},
	}
	for _, tt := range tests {
		t.Run(tt.base, func(t *testing.T) {
			t.Parallel()
			var mu sync.Mutex
			var got []string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
				mu.Lock()
				got = append(got, req.URL.EscapedPath())
				mu.Unlock()
				w.WriteHeader(http.StatusNotFound)
			}))
			t.Cleanup(srv.Close)
			c, err := gen.NewClientWithResponses(srv.URL+tt.base, gen.WithHTTPClient(srv.Client()))
			if err != nil {
				t.Fatalf("NewClientWithResponses(%q) = %v", srv.URL+tt.base, err)
			}
			if _, err := c.GetOrderWithResponse(t.Context(), 1111); err != nil {
				t.Fatalf("GetOrder(1111) with base %q = %v, want nil", tt.base, err)
			}
			mu.Lock()
			defer mu.Unlock()
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("GetOrder(1111) with base %q requested %q, want [%q]", tt.base, got, tt.want)
			}
		})
	}
}

// captured is one request as the fake API saw it.
type captured struct {
	method, path, rawQuery string
	header                 http.Header
	body                   []byte
}

// exercise runs one call of op against a fake API that answers with rep, then
// checks the request against r and the response with check.
func exercise(t *testing.T, op string, r row, rep reply, check func(*testing.T, any)) {
	t.Helper()
	var body []byte
	if rep.fixture != "" {
		body = readFixture(t, rep.fixture)
	} else {
		body = rep.raw
	}

	var mu sync.Mutex
	var reqs []captured
	var misses []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		rest, ok := strings.CutPrefix(req.URL.EscapedPath(), basePath+"/")
		mu.Lock()
		defer mu.Unlock()
		if !ok {
			misses = append(misses, req.URL.EscapedPath())
			http.Error(w, "outside the base path", http.StatusTeapot)
			return
		}
		reqs = append(reqs, captured{req.Method, "/" + rest, req.URL.RawQuery, req.Header.Clone(), b})
		switch {
		case rep.fixture != "":
			w.Header().Set("Content-Type", "application/json")
		case rep.raw != nil:
			w.Header().Set("Content-Type", "application/octet-stream")
		}
		for k, v := range rep.header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(rep.status)
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)

	// A client of its own: httptest.Server.Close closes the idle
	// connections of http.DefaultTransport, which would break a request of
	// another parallel row that is about to reuse one.
	c, err := gen.NewClientWithResponses(srv.URL+basePath, gen.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatalf("NewClientWithResponses(%q) = %v, want nil", srv.URL+basePath, err)
	}
	resp, err := r.call(t.Context(), c)
	if err != nil {
		t.Fatalf("%s() error = %v, want nil", op, err)
	}

	mu.Lock()
	defer mu.Unlock()
	if len(misses) > 0 {
		t.Fatalf("%s() requested %q, want paths under %s/", op, misses, basePath)
	}
	if len(reqs) != 1 {
		t.Fatalf("%s() sent %d requests, want 1", op, len(reqs))
	}
	checkRequest(t, op, r, reqs[0])

	sc, ok := resp.(interface{ StatusCode() int })
	if !ok {
		t.Fatalf("%s() returned %T, want a response with StatusCode", op, resp)
	}
	if sc.StatusCode() != rep.status {
		t.Fatalf("%s().StatusCode() = %d, want %d", op, sc.StatusCode(), rep.status)
	}
	checkTypedBodies(t, op, resp, rep)
	check(t, resp)
}

// checkRequest compares what reached the fake API with the row.
func checkRequest(t *testing.T, op string, r row, got captured) {
	t.Helper()
	if got.method != r.method {
		t.Errorf("%s() method = %s, want %s", op, got.method, r.method)
	}
	if got.path != r.path {
		t.Errorf("%s() path = %s, want %s", op, got.path, r.path)
	}

	if r.query == nil {
		if got.rawQuery != "" {
			t.Errorf("%s() query = %q, want none", op, got.rawQuery)
		}
	} else {
		q, err := url.ParseQuery(got.rawQuery)
		if err != nil {
			t.Errorf("%s() query %q does not parse: %v", op, got.rawQuery, err)
		} else {
			for _, k := range sortedKeys(union(q, r.query)) {
				if !slices.Equal(q[k], r.query[k]) {
					t.Errorf("%s() query %s = %q, want %q", op, k, q[k], r.query[k])
				}
			}
		}
	}
	if len(r.literal) > 0 {
		unescaped, err := url.QueryUnescape(got.rawQuery)
		if err != nil {
			t.Errorf("%s() query %q does not unescape: %v", op, got.rawQuery, err)
		}
		for _, l := range r.literal {
			if !strings.Contains(unescaped, l) {
				t.Errorf("%s() query = %s, want it to contain %s", op, unescaped, l)
			}
		}
	}

	if x := got.header.Get("X-Context"); x != r.xContext {
		t.Errorf("%s() X-Context header = %q, want %q", op, x, r.xContext)
	}

	ct := got.header.Get("Content-Type")
	switch {
	case strings.HasPrefix(strings.TrimSpace(r.body), "<"):
		if mt, _, _ := mime.ParseMediaType(ct); mt != "text/xml" {
			t.Errorf("%s() Content-Type = %q, want text/xml", op, ct)
		}
		if diffs := xmlDiff([]byte(r.body), got.body); len(diffs) > 0 {
			t.Errorf("%s() body = %s, want %s; differs at:\n\t%s", op, got.body, r.body, strings.Join(diffs, "\n\t"))
		}
	case r.body != "":
		if ct != "application/json" {
			t.Errorf("%s() Content-Type = %q, want application/json", op, ct)
		}
		if diffs := jsonDiff([]byte(r.body), got.body); len(diffs) > 0 {
			t.Errorf("%s() body = %s, want %s; differs at:\n\t%s", op, got.body, r.body, strings.Join(diffs, "\n\t"))
		}
	case r.parts != nil:
		gotParts, err := readParts(ct, got.body)
		if err != nil {
			t.Errorf("%s() multipart body: %v", op, err)
		} else if !reflect.DeepEqual(gotParts, r.parts) {
			t.Errorf("%s() parts = %+v, want %+v", op, gotParts, r.parts)
		}
	default:
		if len(got.body) != 0 || ct != "" {
			t.Errorf("%s() body = %q with Content-Type %q, want no body", op, got.body, ct)
		}
	}
}

// checkTypedBodies checks that the reply decoded into exactly the JSON<status>
// field of resp, and into no other typed field.
func checkTypedBodies(t *testing.T, op string, resp any, rep reply) {
	t.Helper()
	v := reflect.ValueOf(resp).Elem()
	want := fmt.Sprintf("JSON%d", rep.status)
	found := false
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		if !strings.HasPrefix(name, "JSON") {
			continue
		}
		isSet := !v.Field(i).IsNil()
		if name == want {
			found = true
			if isSet != (rep.fixture != "") {
				t.Errorf("%s().%s set = %v, want %v", op, name, isSet, rep.fixture != "")
			}
		} else if isSet {
			t.Errorf("%s().%s is set, want only %s", op, name, want)
		}
	}
	if rep.fixture != "" && !found {
		t.Errorf("%T has no %s field, want the %d reply typed", resp, want, rep.status)
	}
}

// jsonFieldType is the type the generated client decodes a JSON body of status
// into for operation op, read from the method's response struct.
func jsonFieldType(op string, status int) (reflect.Type, error) {
	client := reflect.TypeFor[*gen.ClientWithResponses]()
	name := strings.ToUpper(op[:1]) + op[1:]
	m, ok := client.MethodByName(name + "WithResponse")
	if !ok {
		m, ok = client.MethodByName(name + "WithBodyWithResponse")
	}
	if !ok {
		return nil, fmt.Errorf("gen.ClientWithResponses has no method for %s", op)
	}
	resp := m.Type.Out(0).Elem()
	f, ok := resp.FieldByName(fmt.Sprintf("JSON%d", status))
	if !ok {
		return nil, fmt.Errorf("%v has no JSON%d field: %s declares no JSON body for %d", resp, status, op, status)
	}
	return f.Type.Elem(), nil
}

// jsonDiff compares two JSON documents as generic values and lists the paths
// where got differs from want.
func jsonDiff(want, got []byte) []string { return diffJSON(want, got, false) }

// roundTripDiff is jsonDiff for a response re-encoded from our types. A member
// that is absent on one side and null or the zero value of its JSON kind ("",
// 0, false, [], {}) on the other is no difference there: an optional field is
// a plain value that decodes absence, null and zero alike and is encoded as
// zero or left out by the rule of openapi/wire-overlay.yaml, and strict
// decoding has already shown the member is known. Any other difference, a
// non-zero member lost or added included, is one.
func roundTripDiff(want, got []byte) []string { return diffJSON(want, got, true) }

func diffJSON(want, got []byte, nullIsAbsent bool) []string {
	var w, g any
	if err := json.Unmarshal(want, &w); err != nil {
		return []string{fmt.Sprintf("want is not JSON: %v", err)}
	}
	if err := json.Unmarshal(got, &g); err != nil {
		return []string{fmt.Sprintf("got is not JSON: %v (%q)", err, got)}
	}
	return diffValues("$", w, g, nullIsAbsent)
}

// isZeroJSON reports whether a generic JSON value is null or the zero value of
// its kind: "", 0, false, an empty array or an empty object.
func isZeroJSON(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return v == ""
	case float64:
		return v == 0
	case bool:
		return !v
	case []any:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	default:
		return false
	}
}

func diffValues(path string, want, got any, zeroIsAbsent bool) []string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s = %s, want an object", path, short(got))}
		}
		var out []string
		for _, k := range sortedKeys(union(w, g)) {
			wv, inW := w[k]
			gv, inG := g[k]
			p := path + "." + k
			switch {
			case inW && !inG:
				if !zeroIsAbsent || !isZeroJSON(wv) {
					out = append(out, fmt.Sprintf("%s lost (was %s)", p, short(wv)))
				}
			case !inW && inG:
				if !zeroIsAbsent || !isZeroJSON(gv) {
					out = append(out, fmt.Sprintf("%s = %s, want absent", p, short(gv)))
				}
			default:
				out = append(out, diffValues(p, wv, gv, zeroIsAbsent)...)
			}
		}
		return out
	case []any:
		g, ok := got.([]any)
		if !ok {
			return []string{fmt.Sprintf("%s = %s, want an array", path, short(got))}
		}
		if len(g) != len(w) {
			return []string{fmt.Sprintf("len(%s) = %d, want %d", path, len(g), len(w))}
		}
		var out []string
		for i := range w {
			out = append(out, diffValues(fmt.Sprintf("%s[%d]", path, i), w[i], g[i], zeroIsAbsent)...)
		}
		return out
	default:
		if !reflect.DeepEqual(want, got) && !coerced(want, got) {
			return []string{fmt.Sprintf("%s = %s, want %s", path, short(got), short(want))}
		}
		return nil
	}
}

// coerced reports whether got is the scalar want written the way package
// lenient writes it: a quoted boolean as a boolean, a number in a string
// field as its digits, and a string of JSON text as the same JSON (its
// members in any order). Decoding got's field from want succeeded, so
// nothing else can differ this way.
func coerced(want, got any) bool {
	switch w := want.(type) {
	case string:
		switch g := got.(type) {
		case bool:
			return w == strconv.FormatBool(g)
		case string:
			var wv, gv any
			return json.Unmarshal([]byte(w), &wv) == nil && json.Unmarshal([]byte(g), &gv) == nil &&
				len(diffValues("$", wv, gv, false)) == 0
		}
	case float64:
		g, ok := got.(string)
		return ok && g == strconv.FormatFloat(w, 'f', -1, 64)
	}
	return false
}

func union[M ~map[string]V, V any](a, b M) map[string]bool {
	u := make(map[string]bool, len(a)+len(b))
	for k := range a {
		u[k] = true
	}
	for k := range b {
		u[k] = true
	}
	return u
}

// short renders a generic JSON value for a failure message.
func short(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if len(b) > 80 {
		return string(b[:77]) + "..."
	}
	return string(b)
}

// lookup walks a generic JSON value by member names and array indexes.
func lookup(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			a, _ := v.([]any)
			if k >= len(a) {
				return nil
			}
			v = a[k]
		}
	}
	return v
}

// jsonPath renders a lookup path the way jsonDiff reports paths.
func jsonPath(path []any) string {
	var b strings.Builder
	b.WriteString("$")
	for _, p := range path {
		if i, ok := p.(int); ok {
			fmt.Fprintf(&b, "[%d]", i)
		} else {
			fmt.Fprintf(&b, ".%v", p)
		}
	}
	return b.String()
}

// matchesTemplate reports whether path fills the spec's path template, each
// {name} standing for one non-empty segment.
func matchesTemplate(tmpl, path string) bool {
	ts, ps := strings.Split(tmpl, "/"), strings.Split(path, "/")
	if len(ts) != len(ps) {
		return false
	}
	for i := range ts {
		if strings.HasPrefix(ts[i], "{") && strings.HasSuffix(ts[i], "}") {
			if ps[i] == "" {
				return false
			}
		} else if ts[i] != ps[i] {
			return false
		}
	}
	return true
}

// multipartBody encodes parts as a multipart/form-data body.
func multipartBody(parts []part) (io.Reader, string, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, p := range parts {
		if p.filename == "" {
			if err := w.WriteField(p.name, p.content); err != nil {
				return nil, "", err
			}
			continue
		}
		h := make(textproto.MIMEHeader)
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, p.name, p.filename))
		h.Set("Content-Type", p.contentType)
		pw, err := w.CreatePart(h)
		if err != nil {
			return nil, "", err
		}
		if _, err := io.WriteString(pw, p.content); err != nil {
			return nil, "", err
		}
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return &buf, w.FormDataContentType(), nil
}

// readParts decodes a multipart/form-data body as the fake API received it.
func readParts(contentType string, body []byte) ([]part, error) {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return nil, fmt.Errorf("Content-Type %q: %w", contentType, err)
	}
	if mt != "multipart/form-data" || params["boundary"] == "" {
		return nil, fmt.Errorf("Content-Type = %q, want multipart/form-data with a boundary", contentType)
	}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	var parts []part
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return parts, nil
		}
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(p)
		if err != nil {
			return nil, err
		}
		parts = append(parts, part{name: p.FormName(), filename: p.FileName(), contentType: p.Header.Get("Content-Type"), content: string(b)})
	}
}

// changedItems checks the ChangedItems body shared by the status calls.
func changedItems(call string, body func(t *testing.T, resp any) *gen.ChangedItems) func(*testing.T, any) {
	return func(t *testing.T, resp any) {
		t.Helper()
		ids := deref(t, call+".JSON200", body(t, resp)).OrderItemIds
		if !slices.Equal(ids, []int{123456, 654321}) {
			t.Errorf("%s.JSON200.OrderItemIds = %v, want [123456 654321]", call, ids)
		}
	}
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureDir, name))
	if err != nil {
		t.Fatalf("ReadFile(%s/%s) = %v, want nil", fixtureDir, name, err)
	}
	return b
}

// as returns resp as *T.
func as[T any](t *testing.T, resp any) *T {
	t.Helper()
	r, ok := resp.(*T)
	if !ok {
		t.Fatalf("response is %T, want %T", resp, r)
	}
	return r
}

func eq[T comparable](t *testing.T, expr string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", expr, got, want)
	}
}

func deref[T any](t *testing.T, expr string, p *T) T {
	t.Helper()
	if p == nil {
		t.Fatalf("%s = nil, want a value", expr)
	}
	return *p
}

func isNil[T any](t *testing.T, expr string, p *T) {
	t.Helper()
	if p != nil {
		t.Errorf("%s = %v, want nil", expr, *p)
	}
}

// isZero checks that v is the zero value of its type: what a plain-value field
// holds when the body leaves it out or sends it as null.
func isZero[T any](t *testing.T, expr string, v T) {
	t.Helper()
	if !reflect.ValueOf(&v).Elem().IsZero() {
		t.Errorf("%s = %v, want the zero value (absent or null)", expr, v)
	}
}

// at checks that got is the instant want, whatever its layout.
func at(t *testing.T, expr string, got datetime.Time, want time.Time) {
	t.Helper()
	if !got.Time.Equal(want) {
		t.Errorf("%s = %s, want instant %s", expr, got, want.Format(time.RFC3339Nano))
	}
}

func ptr[T any](v T) *T { return &v }

// withLen returns a zeroed slice of s's type with n elements, so a test can
// fill the generator's anonymous element structs field by field.
func withLen[S ~[]E, E any](_ S, n int) S { return make(S, n) }

func sortedKeys[M ~map[string]V, V any](m M) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
