package sellercentertest

import (
	"context"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
)

// TestSeedCoversEveryStatus checks the seed has items in every status, some
// masked addresses, vouchers, tags, packages, returns and exports.
func TestSeedCoversEveryStatus(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	for _, st := range allStatuses {
		if len(s.ItemIDs(st)) == 0 {
			t.Errorf("ItemIDs(%s) is empty, want seeded items in every status", st)
		}
	}
	orders, err := s.Orders()
	if err != nil {
		t.Fatal(err)
	}
	var masked, vouchers, nullBilling int
	for _, o := range orders {
		if o.Address.Shipping != nil && o.Address.Shipping.Email == "#####" {
			masked++
		}
		if o.Address.Billing == nil {
			nullBilling++
		}
		for _, it := range o.Items {
			if len(it.Vouchers) > 0 {
				vouchers++
			}
		}
	}
	if len(orders) < 25 || masked == 0 || masked == len(orders) || vouchers == 0 || nullBilling == 0 {
		t.Errorf("seed: %d orders, %d masked, %d items with vouchers, %d without billing address; want >= 25 orders, some masked, some not, vouchers and a null billing address",
			len(orders), masked, vouchers, nullBilling)
	}
	if empty := newServer(t, Config{Empty: true}); len(empty.ItemIDs(gen.OrderItemStatusPending)) != 0 {
		t.Errorf("Config{Empty: true} has pending items, want none")
	}
	// The seed does not depend on the clock.
	other := newServer(t, Config{Now: newClock().Now})
	o1, _ := s.Order(1001)
	o2, _ := other.Order(1001)
	if o1.Number != o2.Number || !o1.CreatedAt.Equal(o2.CreatedAt.Time) || o1.Uuid != o2.Uuid {
		t.Errorf("order 1001 differs between servers: %s/%s/%s vs %s/%s/%s", o1.Number, o1.CreatedAt, o1.Uuid, o2.Number, o2.CreatedAt, o2.Uuid)
	}
}

func TestListOrdersPagination(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	c := apiClient(t, s)
	all, err := s.Orders()
	if err != nil {
		t.Fatal(err)
	}
	for _, limit := range []int{2, 7, len(all) + 5} {
		var seen []int
		for offset := 0; ; offset += limit {
			r, err := c.ListOrdersWithResponse(context.Background(), &gen.ListOrdersParams{Limit: limit, Offset: offset})
			if err != nil || r.JSON200 == nil {
				t.Fatalf("ListOrders(limit %d, offset %d) = %v %s", limit, offset, err, r.Body)
			}
			p := r.JSON200.Pagination
			if p.Limit != limit || p.Offset != offset || len(r.JSON200.Items) > limit {
				t.Fatalf("page = %d items, pagination %d/%d, want at most %d items and limit/offset %d/%d", len(r.JSON200.Items), p.Limit, p.Offset, limit, limit, offset)
			}
			for _, o := range r.JSON200.Items {
				seen = append(seen, o.Id)
			}
			if !p.HasNext {
				break
			}
			if offset > 10*len(all) {
				t.Fatal("hasNext never became false")
			}
		}
		if len(seen) != len(all) || slices.Compact(slices.Clone(seen)) == nil {
			t.Errorf("paging with limit %d returned %d orders, want %d", limit, len(seen), len(all))
		}
		for i := 1; i < len(seen); i++ {
			if seen[i] == seen[i-1] {
				t.Errorf("paging with limit %d returned order %d twice", limit, seen[i])
			}
		}
	}
	r, err := c.ListOrdersWithResponse(context.Background(), &gen.ListOrdersParams{Limit: 5, Offset: 1000})
	if err != nil || r.JSON200 == nil || len(r.JSON200.Items) != 0 || r.JSON200.Pagination.HasNext {
		t.Errorf("ListOrders past the end = %v %s, want an empty last page", err, r.Body)
	}
}

func TestListOrdersFilters(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	c := apiClient(t, s)
	all, err := s.Orders()
	if err != nil {
		t.Fatal(err)
	}
	// want computes the expected ids from the orders as the API shows them.
	want := func(keep func(gen.Order) bool) []int {
		var ids []int
		for _, o := range all {
			if keep(o) {
				ids = append(ids, o.Id)
			}
		}
		return ids
	}
	hasItem := func(keep func(gen.OrderItem) bool) func(gen.Order) bool {
		return func(o gen.Order) bool { return slices.ContainsFunc(o.Items, keep) }
	}
	mid := all[len(all)/2].CreatedAt
	day := datetime.Date(2024, time.October, 3)
	tests := []struct {
		name   string
		params gen.ListOrdersParams
		want   []int
	}{
		{"section status_shipped", gen.ListOrdersParams{Section: gen.OrderSectionStatusShipped},
			want(hasItem(func(it gen.OrderItem) bool { return it.Status == gen.OrderItemStatusShipped }))},
		{"section group_express", gen.ListOrdersParams{Section: gen.OrderSectionGroupExpress},
			want(hasItem(func(it gen.OrderItem) bool {
				return it.Status == gen.OrderItemStatusPending && *it.Shipment.ProviderType == gen.ItemShipmentProviderTypeExpress
			}))},
		{"orderIds[]", gen.ListOrdersParams{OrderIds: []int{1003, 1001, 424242}}, []int{1001, 1003}},
		{"orderNumbers[]", gen.ListOrdersParams{OrderNumbers: []string{all[4].Number}}, []int{all[4].Id}},
		{"dateStart", gen.ListOrdersParams{DateStart: mid}, want(func(o gen.Order) bool { return !o.CreatedAt.Before(mid.Time) })},
		{"dateEnd", gen.ListOrdersParams{DateEnd: mid}, want(func(o gen.Order) bool { return !o.CreatedAt.After(mid.Time) })},
		{"dateStart and dateEnd", gen.ListOrdersParams{DateStart: datetime.New(day.Time), DateEnd: datetime.New(day.Add(24*time.Hour - time.Microsecond))},
			want(func(o gen.Order) bool { return o.CreatedAt.Format(time.DateOnly) == "2024-10-03" })},
		{"plain dates cover whole days", gen.ListOrdersParams{DateStart: day, DateEnd: day},
			want(func(o gen.Order) bool { return o.CreatedAt.Format(time.DateOnly) == "2024-10-03" })},
		{"customers[]", gen.ListOrdersParams{Customers: []string{"priya"}},
			want(func(o gen.Order) bool { return str(o.Customer.FirstName) == "Priya" })},
		{"shipmentType", gen.ListOrdersParams{ShipmentType: gen.ShipmentTypeCrossdocking},
			want(hasItem(func(it gen.OrderItem) bool { return it.Shipment.Type == gen.ItemShipmentTypeCrossdocking }))},
		{"outlet", gen.ListOrdersParams{Outlet: ptr(true)}, want(hasItem(func(it gen.OrderItem) bool { return it.IsOutlet }))},
		{"packed not_packed", gen.ListOrdersParams{Packed: gen.PackingStateNotPacked}, want(func(o gen.Order) bool { return o.PackedItemsCount == 0 })},
		{"productSku[]", gen.ListOrdersParams{ProductSku: []string{"EGIFT-50"}},
			want(hasItem(func(it gen.OrderItem) bool { return it.Product.SellerSku == "EGIFT-50" }))},
		{"tags[]", gen.ListOrdersParams{Tags: []string{"309"}}, []int{1013}},
		{"paymentMethods[]", gen.ListOrdersParams{PaymentMethods: []string{"CreditCard"}},
			want(func(o gen.Order) bool { return o.PaymentMethod == "CreditCard" })},
		{"invoiceRequired", gen.ListOrdersParams{InvoiceRequired: ptr(true)}, want(func(o gen.Order) bool { return o.InvoiceRequired })},
		{"fulfilmentType[] venture", gen.ListOrdersParams{FulfilmentType: []gen.FulfilmentType{gen.FulfilmentTypeVenture}},
			want(hasItem(func(it gen.OrderItem) bool { return it.Shipment.Type == gen.ItemShipmentTypeWarehouse }))},
		{"cancelationReasons[]", gen.ListOrdersParams{CancelationReasons: []string{"Out of stock"}},
			want(hasItem(func(it gen.OrderItem) bool { return str(it.FailureReason.Name) == "Out of stock" }))},
		{"no match", gen.ListOrdersParams{OrderNumbers: []string{"XX-0"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := tt.params
			p.Limit, p.Offset = 100, 0
			r, err := c.ListOrdersWithResponse(context.Background(), &p)
			if err != nil || r.JSON200 == nil {
				t.Fatalf("ListOrders(%s) = %v %s", tt.name, err, r.Body)
			}
			var got []int
			for _, o := range r.JSON200.Items {
				got = append(got, o.Id)
			}
			if len(tt.want) == 0 && tt.name != "no match" {
				t.Fatalf("the seed has no order for %s; the test would prove nothing", tt.name)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("ListOrders(%s) = %v, want %v", tt.name, got, tt.want)
			}
		})
	}
	// updateDateStart sees a status change made now.
	clockless := newServer(t, Config{})
	cc := apiClient(t, clockless)
	id := clockless.ItemIDs(gen.OrderItemStatusReadyToShip)[0]
	before := datetime.New(time.Now().Add(-time.Minute))
	if r, err := cc.SetOrderItemsShippedWithResponse(context.Background(), gen.OrderItemIds{OrderItemIds: []int{id}}); err != nil || r.StatusCode() != 200 {
		t.Fatalf("SetOrderItemsShipped(%d) = %v %s", id, err, r.Body)
	}
	it, _ := clockless.OrderItem(id)
	r, err := cc.ListOrdersWithResponse(context.Background(), &gen.ListOrdersParams{Limit: 100, UpdateDateStart: before, Sort: gen.ListOrdersParamsSortUpdatedAt, SortDir: gen.SortDirectionDesc})
	if err != nil || r.JSON200 == nil || len(r.JSON200.Items) != 1 || r.JSON200.Items[0].Id != it.OrderId {
		t.Errorf("ListOrders(updateDateStart now-1m) = %v %.300s, want only order %d", err, r.Body, it.OrderId)
	}
}

func TestListOrderItems(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	c := apiClient(t, s)
	ctx := context.Background()
	statuses := []gen.OrderItemStatus{gen.OrderItemStatusShipped, gen.OrderItemStatusDelivered}
	want := append(s.ItemIDs(statuses[0]), s.ItemIDs(statuses[1])...)
	slices.Sort(want)
	var got []int
	for offset := 0; ; offset += 2 {
		r, err := c.ListOrderItemsWithResponse(ctx, &gen.ListOrderItemsParams{Limit: 2, Offset: offset, Status: statuses})
		if err != nil || r.JSON200 == nil {
			t.Fatalf("ListOrderItems(offset %d) = %v %s", offset, err, r.Body)
		}
		if total := r.JSON200.Pagination.TotalCount; total != len(want) {
			t.Fatalf("totalCount = %d, want %d", total, len(want))
		}
		if len(r.JSON200.Items) == 0 {
			break
		}
		for _, it := range r.JSON200.Items {
			got = append(got, it.Id)
			if it.Vouchers != nil {
				t.Errorf("item %d has vouchers without includeVoucherDetails", it.Id)
			}
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("ListOrderItems(status %v) = %v, want %v", statuses, got, want)
	}
	r, err := c.ListOrderItemsWithResponse(ctx, &gen.ListOrderItemsParams{Limit: 10, OrderItemIds: []int{5001, 5002}, IncludeVoucherDetails: ptr(true)})
	if err != nil || r.JSON200 == nil || len(r.JSON200.Items) != 2 || r.JSON200.Items[0].Vouchers == nil || len(r.JSON200.Items[0].Vouchers) != 1 {
		t.Errorf("ListOrderItems(5001, 5002 with vouchers) = %v %s, want both with one voucher each", err, r.Body)
	}
	r, err = c.ListOrderItemsWithResponse(ctx, &gen.ListOrderItemsParams{Limit: 100, OrderIds: []int{1011}, ReturnedBy: gen.ListOrderItemsParamsReturnedBySeller})
	if err != nil || r.JSON200 == nil || len(r.JSON200.Items) != 1 || r.JSON200.Items[0].Status != gen.OrderItemStatusReturned {
		t.Errorf("ListOrderItems(order 1011, returnedBy seller) = %v %.300s, want its returned item", err, r.Body)
	}
	r, err = c.ListOrderItemsWithResponse(ctx, &gen.ListOrderItemsParams{Limit: 100, OrderIds: []int{1011}, ReturnedBy: gen.ListOrderItemsParamsReturnedByRegion})
	if err != nil || r.JSON200 == nil || len(r.JSON200.Items) != 0 {
		t.Errorf("ListOrderItems(order 1011, returnedBy region) = %v %.300s, want none", err, r.Body)
	}
}

// TestOrderCounters compares the counters with the state, before and after
// a change.
func TestOrderCounters(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	c := apiClient(t, s)
	check := func(when string) {
		t.Helper()
		r, err := c.GetOrderCountersWithResponse(context.Background())
		if err != nil || r.JSON200 == nil {
			t.Fatalf("GetOrderCounters = %v", err)
		}
		got := r.JSON200
		checks := []struct {
			name      string
			got, want int
		}{
			{"pending", got.Pending.Pending, len(s.ItemIDs(gen.OrderItemStatusPending))},
			{"readyToShipCount", got.ReadyToShipCount, len(s.ItemIDs(gen.OrderItemStatusReadyToShip))},
			{"shippedCount", got.ShippedCount, len(s.ItemIDs(gen.OrderItemStatusShipped))},
			{"paymentPendingCount", got.PaymentPendingCount, len(s.ItemIDs(gen.OrderItemStatusPaymentPending))},
		}
		for _, ch := range checks {
			if ch.got != ch.want {
				t.Errorf("%s: counter %s = %d, want %d", when, ch.name, ch.got, ch.want)
			}
		}
		byType := got.Pending.PendingAirCount + got.Pending.PendingEconomyCount + got.Pending.PendingExpressCount +
			got.Pending.PendingSamedayCount + got.Pending.PendingStandardCount + got.Pending.PendingSurfaceCount
		if byType > got.Pending.Pending {
			t.Errorf("%s: pending by carrier type sums to %d, more than %d pending", when, byType, got.Pending.Pending)
		}
	}
	check("seeded")
	id := s.ItemIDs(gen.OrderItemStatusReadyToShip)[0]
	if r, err := c.SetOrderItemsShippedWithResponse(context.Background(), gen.OrderItemIds{OrderItemIds: []int{id}}); err != nil || r.StatusCode() != http.StatusOK {
		t.Fatalf("SetOrderItemsShipped(%d) = %v %s", id, err, r.Body)
	}
	check("after a shipment")
}

func TestListExports(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	c := apiClient(t, s)
	ctx := context.Background()
	r, err := c.ListExportsWithResponse(ctx, &gen.ListExportsParams{Limit: 1, Offset: 0, ExportActions: []gen.ExportAction{gen.ExportActionOrder}})
	if err != nil || r.JSON200 == nil || r.JSON200.Pagination.TotalCount != 2 || len(r.JSON200.Items) != 1 {
		t.Fatalf("ListExports(Order, limit 1) = %v %s, want 1 of 2", err, r.Body)
	}
	r, err = c.ListExportsWithResponse(ctx, &gen.ListExportsParams{Limit: 20, ExportActions: []gen.ExportAction{gen.ExportActionOrder, gen.ExportActionProduct},
		Keyword: "SHOES", OrderDirection: gen.ListExportsParamsOrderDirectionDESC})
	if err != nil || r.JSON200 == nil || len(r.JSON200.Items) != 1 || r.JSON200.Items[0].Status != gen.ExportItemStatusExpired {
		t.Fatalf("ListExports(keyword SHOES) = %v %s, want the expired product export", err, r.Body)
	}

	// A new export is queued, then processing, then finished, one step per
	// poll, and its file downloads.
	ex, err := c.ExportOrdersWithResponse(ctx, &gen.ExportOrdersParams{Section: gen.OrderSectionStatusPending})
	if err != nil || ex.JSON200 == nil || ex.JSON200.Status != gen.ExportItemStatusQueued {
		t.Fatalf("ExportOrders = %v %s, want a queued export", err, ex.Body)
	}
	var states []gen.ExportItemStatus
	var links []string
	for range 3 {
		g, err := c.GetExportWithResponse(ctx, ex.JSON200.Id)
		if err != nil || g.JSON200 == nil {
			t.Fatalf("GetExport(%d) = %v %s", ex.JSON200.Id, err, g.Body)
		}
		states = append(states, g.JSON200.Status)
		links = g.JSON200.DownloadLinks
	}
	if want := []gen.ExportItemStatus{gen.ExportItemStatusProcessing, gen.ExportItemStatusFinished, gen.ExportItemStatusFinished}; !slices.Equal(states, want) {
		t.Errorf("polled export states = %v, want %v", states, want)
	}
	if len(links) != 1 || links[0] != apiPrefix+"/filemanager/v1/files/download/"+ex.JSON200.Uuid {
		t.Fatalf("downloadLinks = %v, want the file's download path", links)
	}
	d, err := c.DownloadFileWithResponse(ctx, ex.JSON200.Uuid)
	if err != nil || d.StatusCode() != http.StatusOK || !slices.Contains(splitLines(d.Body), "Order Number,Order Item Id,Seller SKU,Status,Paid Price,Tracking Code") {
		t.Errorf("DownloadFile = %v %d %q, want the CSV", err, d.StatusCode(), d.Body)
	}
	pending := len(s.ItemIDs(gen.OrderItemStatusPending))
	if rows := len(splitLines(d.Body)) - 1; rows < pending {
		t.Errorf("the export has %d rows, want at least the %d pending items", rows, pending)
	}
}

func splitLines(b []byte) []string {
	var out []string
	start := 0
	for i, c := range b {
		if c == '\n' {
			out = append(out, string(b[start:i]))
			start = i + 1
		}
	}
	return out
}
