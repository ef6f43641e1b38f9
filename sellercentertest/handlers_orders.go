package sellercentertest

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/gen/server"
)

// queryKey carries the request's query to the handlers, for dateParams.
type queryKey struct{}

// dateParams fills in the date-time query parameters the generated server
// left zero. oapi-codegen's runtime (v1.8.0) binds an exploded form parameter
// of a struct type field by field unless the type implements runtime.Binder,
// which datetime.Time does not, so it drops them silently. The values were
// validated as RFC 3339 already.
func dateParams(ctx context.Context, params map[string]*datetime.Time) {
	q, _ := ctx.Value(queryKey{}).(url.Values)
	for name, dst := range params {
		if !dst.IsZero() || q.Get(name) == "" {
			continue
		}
		if t, err := datetime.Parse(q.Get(name)); err == nil {
			*dst = t
		}
	}
}

// orderFilter holds the filters listOrders and exportOrders share.
type orderFilter struct {
	section                        gen.OrderSection
	dateStart, dateEnd             datetime.Time
	updateStart, updateEnd         datetime.Time
	numbers, customers, tags, skus []string
	providers, payments, reasons   []string
	fulfilment, sources, sellers   []string
	warehouses                     []string
	ids                            []int
	packed, delivery, shipmentType string
	printed, outlet, invoice       *bool
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func listOrdersFilter(p gen.ListOrdersParams) orderFilter {
	return orderFilter{
		section: p.Section, dateStart: p.DateStart, dateEnd: p.DateEnd,
		updateStart: p.UpdateDateStart, updateEnd: p.UpdateDateEnd,
		numbers: p.OrderNumbers, customers: p.Customers, tags: p.Tags, skus: p.ProductSku,
		providers: p.ShipmentProviders, payments: p.PaymentMethods, reasons: p.CancelationReasons,
		fulfilment: fulfilmentStrings(p.FulfilmentType), sources: p.OrderSources, sellers: p.SellerNames,
		warehouses: p.Warehouses, ids: p.OrderIds,
		packed: string(p.Packed), delivery: string(p.Delivery), shipmentType: string(p.ShipmentType),
		printed: p.PrintedStatus, outlet: p.Outlet, invoice: p.InvoiceRequired,
	}
}

func exportOrdersFilter(p gen.ExportOrdersParams) orderFilter {
	return orderFilter{
		section: p.Section, dateStart: p.DateStart, dateEnd: p.DateEnd,
		updateStart: p.UpdateDateStart, updateEnd: p.UpdateDateEnd,
		numbers: p.OrderNumbers, customers: p.Customers, tags: p.Tags, skus: p.ProductSku,
		providers: p.ShipmentProviders, payments: p.PaymentMethods, reasons: p.CancelationReasons,
		fulfilment: fulfilmentStrings(p.FulfilmentType), sources: p.OrderSources, sellers: p.SellerNames,
		warehouses: p.Warehouses, ids: p.OrderIds,
		packed: string(p.Packed), delivery: string(p.Delivery), shipmentType: string(p.ShipmentType),
		printed: p.PrintedStatus, outlet: p.Outlet, invoice: p.InvoiceRequired,
	}
}

func fulfilmentStrings(v []gen.FulfilmentType) []string {
	out := make([]string, len(v))
	for i, f := range v {
		out[i] = string(f)
	}
	return out
}

// lower and upper read a date filter; a plain date covers the whole day.
func lower(t datetime.Time) time.Time { return t.Time }

func upper(t datetime.Time) time.Time {
	if t.IsDate() {
		return t.Time.Add(24*time.Hour - time.Microsecond)
	}
	return t.Time
}

func within(t time.Time, start, end datetime.Time) bool {
	if !start.IsZero() && t.Before(lower(start)) {
		return false
	}
	if !end.IsZero() && t.After(upper(end)) {
		return false
	}
	return true
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

func (st *store) orderItems(o *order) []*item {
	out := make([]*item, len(o.itemIDs))
	for i, id := range o.itemIDs {
		out[i] = st.items[id]
	}
	return out
}

// inSection reports whether an order belongs to a section of the seller's
// order screen.
func (st *store) inSection(o *order, sec gen.OrderSection) bool {
	s := string(sec)
	any := func(f func(*item) bool) bool { return slices.ContainsFunc(st.orderItems(o), f) }
	switch {
	case sec == gen.OrderSectionStatusPendingAll:
		return any(func(it *item) bool {
			switch it.it.Status {
			case gen.OrderItemStatusPending, gen.OrderItemStatusPaymentPending, gen.OrderItemStatusShipmentInformationPending:
				return true
			}
			return false
		})
	case strings.HasPrefix(s, "status_"):
		status := gen.OrderItemStatus(strings.TrimPrefix(s, "status_"))
		return any(func(it *item) bool { return it.it.Status == status })
	case sec == gen.OrderSectionGroupMissingExternalInvoiceAccessKey:
		return o.o.InvoiceRequired && any(func(it *item) bool {
			return it.it.InvoiceAccesskey == nil && (it.it.Status == gen.OrderItemStatusReadyToShip || it.it.Status == gen.OrderItemStatusShipped)
		})
	case sec == gen.OrderSectionGroupKpiRejectionRate:
		return any(func(it *item) bool {
			return it.it.Status == gen.OrderItemStatusCanceled && it.it.FailureReason.Type != nil && *it.it.FailureReason.Type == gen.ItemFailureReasonTypeCanceled
		})
	case sec == gen.OrderSectionGroupKpiReturnRate:
		return any(func(it *item) bool { return strings.HasPrefix(string(it.it.Status), "return") })
	case sec == gen.OrderSectionGroupReadyToShipManifested || sec == gen.OrderSectionGroupReadyToShipNonmanifested:
		want := sec == gen.OrderSectionGroupReadyToShipManifested
		return any(func(it *item) bool {
			return it.it.Status == gen.OrderItemStatusReadyToShip && (it.it.ManifestStatus != nil) == want
		})
	case strings.HasPrefix(s, "group_"):
		ptype := gen.ItemShipmentProviderType(strings.TrimPrefix(s, "group_"))
		return any(func(it *item) bool {
			return it.it.Status == gen.OrderItemStatusPending && it.it.Shipment.ProviderType != nil && *it.it.Shipment.ProviderType == ptype
		})
	}
	return false
}

// businessHours counts the hours between from and to that fall on weekdays.
func businessHours(from, to time.Time) float64 {
	h := 0.0
	for t := from; t.Before(to); t = t.Add(time.Hour) {
		if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday {
			h++
		}
	}
	return h
}

func (st *store) matchOrder(o *order, f orderFilter) bool {
	items := st.orderItems(o)
	any := func(f func(*item) bool) bool { return slices.ContainsFunc(items, f) }
	switch {
	case f.section != "" && !st.inSection(o, f.section),
		!within(o.o.CreatedAt.Time, f.dateStart, f.dateEnd),
		len(f.numbers) > 0 && !slices.Contains(f.numbers, o.o.Number),
		len(f.ids) > 0 && !slices.Contains(f.ids, o.o.Id),
		len(f.payments) > 0 && !containsFold(f.payments, o.o.PaymentMethod),
		len(f.sources) > 0 && (o.o.Source == nil || !containsFold(f.sources, *o.o.Source)),
		len(f.sellers) > 0 && (st.seller.Name == "" || !containsFold(f.sellers, st.seller.Name)),
		f.invoice != nil && o.o.InvoiceRequired != *f.invoice,
		f.printed != nil && o.printed != *f.printed:
		return false
	}
	if !f.updateStart.IsZero() || !f.updateEnd.IsZero() {
		if !any(func(it *item) bool {
			return it.it.UpdatedAt != nil && within(it.it.UpdatedAt.Time, f.updateStart, f.updateEnd)
		}) {
			return false
		}
	}
	if len(f.customers) > 0 {
		first, last := deref(o.o.Customer.FirstName), deref(o.o.Customer.LastName)
		if !containsFold(f.customers, first) && !containsFold(f.customers, last) && !containsFold(f.customers, strings.TrimSpace(first+" "+last)) {
			return false
		}
	}
	if f.packed != "" {
		n := 0
		for _, it := range items {
			if it.packageID != 0 {
				n++
			}
		}
		switch gen.PackingState(f.packed) {
		case gen.PackingStateFullyPacked:
			if n == 0 || n < len(items) {
				return false
			}
		case gen.PackingStatePartiallyPacked:
			if n == 0 || n == len(items) {
				return false
			}
		case gen.PackingStateNotPacked:
			if n > 0 {
				return false
			}
		}
	}
	if len(f.tags) > 0 && !any(func(it *item) bool {
		return slices.ContainsFunc(it.tags, func(t assignedTag) bool { return slices.Contains(f.tags, strconv.Itoa(t.id)) })
	}) {
		return false
	}
	if len(f.skus) > 0 && !any(func(it *item) bool {
		return containsFold(f.skus, it.it.Product.Sku) || containsFold(f.skus, it.it.Product.SellerSku)
	}) {
		return false
	}
	if f.shipmentType != "" && !any(func(it *item) bool { return string(it.it.Shipment.Type) == f.shipmentType }) {
		return false
	}
	if len(f.providers) > 0 && !any(func(it *item) bool {
		for _, c := range []*gen.ItemCarrier{it.it.Shipment.Provider, it.it.Shipment.PreProvider} {
			if c == nil {
				continue
			}
			if p := st.provider(c.Name); p != nil && p.Id != 0 && slices.Contains(f.providers, strconv.Itoa(p.Id)) {
				return true
			}
		}
		return false
	}) {
		return false
	}
	if f.outlet != nil && any(func(it *item) bool { return it.it.IsOutlet }) != *f.outlet {
		return false
	}
	if len(f.reasons) > 0 && !any(func(it *item) bool {
		return it.it.Status == gen.OrderItemStatusCanceled && it.it.FailureReason.Name != nil && containsFold(f.reasons, *it.it.FailureReason.Name)
	}) {
		return false
	}
	if len(f.fulfilment) > 0 && !any(func(it *item) bool {
		kind := "merchant"
		if it.it.Shipment.Type == gen.ItemShipmentTypeWarehouse {
			kind = "venture"
		}
		return slices.Contains(f.fulfilment, kind)
	}) {
		return false
	}
	if len(f.warehouses) > 0 && !any(func(it *item) bool {
		return it.it.WarehouseName != nil && containsFold(f.warehouses, *it.it.WarehouseName)
	}) {
		return false
	}
	if f.delivery != "" {
		now := st.now()
		var ok bool
		switch gen.ShippingDelay(f.delivery) {
		case gen.ShippingDelayShippedUnder24h:
			ok = any(func(it *item) bool {
				return it.it.Status == gen.OrderItemStatusShipped && it.it.LastStatusChangedAt != nil && now.Sub(it.it.LastStatusChangedAt.Time) <= 24*time.Hour
			})
		case gen.ShippingDelayNotShippedUnder24h:
			ok = any(func(it *item) bool {
				return waiting(it) && now.Sub(o.o.CreatedAt.Time) > 24*time.Hour
			})
		case gen.ShippingDelayNotShippedUnder24BusinessHours:
			ok = any(func(it *item) bool {
				return waiting(it) && businessHours(o.o.CreatedAt.Time, now) > 24
			})
		}
		if !ok {
			return false
		}
	}
	return true
}

// waiting reports whether an item still waits to be shipped by the seller.
func waiting(it *item) bool {
	return it.it.Status == gen.OrderItemStatusPending || it.it.Status == gen.OrderItemStatusReadyToShip
}

func (st *store) filterOrders(f orderFilter) []*order {
	var out []*order
	for _, id := range st.sortedOrderIDs() {
		if o := st.orders[id]; st.matchOrder(o, f) {
			out = append(out, o)
		}
	}
	return out
}

// page cuts a window from n entries; hasNext tells whether more follow.
func page(n, offset, limit int) (from, to int, hasNext bool) {
	from = min(max(offset, 0), n)
	to = n
	if limit > 0 && from+limit < n {
		to = from + limit
	}
	return from, to, to < n
}

func (st *store) orderUpdated(o *order) time.Time {
	t := o.o.UpdatedAt.Time
	for _, it := range st.orderItems(o) {
		if it.it.UpdatedAt != nil && it.it.UpdatedAt.After(t) {
			t = it.it.UpdatedAt.Time
		}
	}
	return t
}

// ListOrders lists orders one page at a time.
func (a *api) ListOrders(ctx context.Context, req server.ListOrdersRequestObject) (server.ListOrdersResponseObject, error) {
	p := req.Params
	dateParams(ctx, map[string]*datetime.Time{"dateStart": &p.DateStart, "dateEnd": &p.DateEnd,
		"updateDateStart": &p.UpdateDateStart, "updateDateEnd": &p.UpdateDateEnd})
	st := a.st
	orders := st.filterOrders(listOrdersFilter(p))
	key := func(o *order) time.Time { return o.o.CreatedAt.Time }
	if p.Sort == gen.ListOrdersParamsSortUpdatedAt {
		key = st.orderUpdated
	}
	desc := p.SortDir == gen.SortDirectionDesc
	sort.SliceStable(orders, func(i, j int) bool {
		ki, kj := key(orders[i]), key(orders[j])
		if ki.Equal(kj) {
			return (orders[i].o.Id < orders[j].o.Id) != desc
		}
		return ki.Before(kj) != desc
	})
	from, to, hasNext := page(len(orders), p.Offset, p.Limit)
	out := server.ListOrders200JSONResponse{Items: []gen.Order{}, Pagination: gen.OpenPagination{
		Limit: p.Limit, Offset: p.Offset, HasNext: hasNext}}
	for _, o := range orders[from:to] {
		ro, err := st.renderOrder(o, deref(p.IncludeVoucherDetails))
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, ro)
	}
	return out, nil
}

func notFound(what string, id any) server.NotFoundJSONResponse {
	return server.NotFoundJSONResponse(problem(404, typeNotFound, "Entity not found", fmt.Sprintf("%s %v does not exist", what, id)))
}

// GetOrder returns one order.
func (a *api) GetOrder(_ context.Context, req server.GetOrderRequestObject) (server.GetOrderResponseObject, error) {
	st := a.st
	o, ok := st.orders[req.OrderId]
	if !ok {
		return server.GetOrder404JSONResponse{NotFoundJSONResponse: notFound("order", req.OrderId)}, nil
	}
	ro, err := st.renderOrder(o, true)
	if err != nil {
		return nil, err
	}
	return server.GetOrder200JSONResponse(ro), nil
}

// GetOrderCounters counts items per status bucket.
func (a *api) GetOrderCounters(_ context.Context, _ server.GetOrderCountersRequestObject) (server.GetOrderCountersResponseObject, error) {
	st := a.st
	var pending, notPrinted, paymentPending, r2s, notPrintedR2S, shipped int
	byType := map[gen.ItemShipmentProviderType]int{}
	for _, it := range st.items {
		printed := st.orders[it.it.OrderId].printed
		switch it.it.Status {
		case gen.OrderItemStatusPending:
			pending++
			if !printed {
				notPrinted++
			}
			if pt := it.it.Shipment.ProviderType; pt != nil {
				byType[*pt]++
			}
		case gen.OrderItemStatusPaymentPending:
			paymentPending++
		case gen.OrderItemStatusReadyToShip:
			r2s++
			if !printed {
				notPrintedR2S++
			}
		case gen.OrderItemStatusShipped:
			shipped++
		}
	}
	out := server.GetOrderCounters200JSONResponse{
		ReadyToShipCount: r2s, PaymentPendingCount: paymentPending,
		NotPrintedReadyToShipCount: notPrintedR2S, ShippedCount: shipped,
	}
	p := &out.Pending
	p.Pending, p.NotPrintedPendingCount = pending, notPrinted
	p.PendingAirCount = byType[gen.ItemShipmentProviderTypeAir]
	p.PendingEconomyCount = byType[gen.ItemShipmentProviderTypeEconomy]
	p.PendingExpressCount = byType[gen.ItemShipmentProviderTypeExpress]
	p.PendingSamedayCount = byType[gen.ItemShipmentProviderTypeSameday]
	p.PendingStandardCount = byType[gen.ItemShipmentProviderTypeStandard]
	p.PendingSurfaceCount = byType[gen.ItemShipmentProviderTypeSurface]
	return out, nil
}

type suggestion = gen.OrderSuggestion

// GetOrderSuggestions suggests filter values matching typed text.
func (a *api) GetOrderSuggestions(_ context.Context, req server.GetOrderSuggestionsRequestObject) (server.GetOrderSuggestionsResponseObject, error) {
	const maxResults = 10
	p := req.Params
	q := strings.ToLower(p.Query)
	st := a.st
	var orders []*order
	for _, id := range st.sortedOrderIDs() {
		if o := st.orders[id]; p.FilteredStatus == "" || st.inSection(o, p.FilteredStatus) {
			orders = append(orders, o)
		}
	}
	results := []suggestion{}
	seen := map[string]bool{}
	addRow := func(label, value, sub string) {
		if len(results) >= maxResults || seen[label+"\x00"+sub] || !strings.Contains(strings.ToLower(label+" "+sub), q) {
			return
		}
		seen[label+"\x00"+sub] = true
		r := suggestion{Label: label, Value: ptr(value)}
		if sub != "" {
			r.Sublabel = sub
		}
		results = append(results, r)
	}
	switch p.Key {
	case gen.GetOrderSuggestionsParamsKeyOrderNr:
		for _, o := range orders {
			addRow(o.o.Number, o.o.Number, "")
		}
	case gen.GetOrderSuggestionsParamsKeySource:
		for _, o := range orders {
			if o.o.Source != nil {
				addRow(*o.o.Source, *o.o.Source, "")
			}
		}
	case gen.GetOrderSuggestionsParamsKeyCustomer:
		for _, o := range orders {
			name := strings.TrimSpace(deref(o.o.Customer.FirstName) + " " + deref(o.o.Customer.LastName))
			addRow(name, name, "")
		}
	case gen.GetOrderSuggestionsParamsKeyProduct:
		for _, o := range orders {
			for _, it := range st.orderItems(o) {
				addRow(it.it.Product.Sku, it.it.Product.Sku, it.it.Product.Name)
			}
		}
	case gen.GetOrderSuggestionsParamsKeyCancelationReason:
		if strings.Contains("no reason", q) {
			results = append(results, suggestion{Label: "No reason"})
		}
		for _, r := range st.reasons {
			if t := r.Type; t == gen.FailureReasonTypeCanceled || t == gen.FailureReasonTypeCanceledSystem {
				addRow(r.Name, r.Name, "")
			}
		}
	}
	return server.GetOrderSuggestions200JSONResponse{Results: results}, nil
}

// GetOrderHistory lists the status changes of an order's items.
func (a *api) GetOrderHistory(_ context.Context, req server.GetOrderHistoryRequestObject) (server.GetOrderHistoryResponseObject, error) {
	st := a.st
	if _, ok := st.orders[req.OrderId]; !ok {
		return server.GetOrderHistory404JSONResponse{NotFoundJSONResponse: notFound("order", req.OrderId)}, nil
	}
	only := req.Params.OrderItemIds
	out := server.GetOrderHistory200JSONResponse{}
	for _, e := range st.historyOf(req.OrderId) {
		if len(only) == 0 || slices.Contains(only, e.OrderItemId) {
			out = append(out, e)
		}
	}
	c, err := clone(out)
	if err != nil {
		return nil, err
	}
	if c == nil {
		c = server.GetOrderHistory200JSONResponse{}
	}
	return c, nil
}

// GetOrderFinance sums an order's money figures.
func (a *api) GetOrderFinance(_ context.Context, req server.GetOrderFinanceRequestObject) (server.GetOrderFinanceResponseObject, error) {
	st := a.st
	o, ok := st.orders[req.OrderId]
	if !ok {
		return server.GetOrderFinance404JSONResponse{NotFoundJSONResponse: notFound("order", req.OrderId)}, nil
	}
	f := server.GetOrderFinance200JSONResponse{OrderId: o.o.Id, Currency: o.o.Currency, NumberOfInstallments: 1}
	if o.o.PaymentMethod == "CreditCard" {
		f.NumberOfInstallments, f.InstallmentFee = 3, 4.5
	}
	var credited float64
	for _, it := range st.orderItems(o) {
		i := &it.it
		f.ShippingFeeItems += i.ShippingFee
		f.ShippingServiceCostItems += deref(i.ShippingServiceCost)
		for _, v := range it.vouchers {
			f.VoucherTotal += v.Amount
		}
		f.UnitPrice += i.UnitPrice
		f.TaxAmount += i.TaxAmount
		f.PaidPrice += i.PaidPrice
		f.WalletCredits += i.WalletCredits
		f.StoreCredits += i.StoreCredits
		f.ShippingVoucherAmount += i.ShippingVoucherAmount
		if ea := i.ExtraAttributes; ea != nil {
			f.ShippingFeeSstSum += deref(ea.ShippingFeeSst)
		}
		if i.Status != gen.OrderItemStatusCanceled {
			credited += i.PaidPrice
		}
	}
	f.GrandTotal = round2(f.PaidPrice + f.ShippingFeeItems)
	for _, p := range []*float64{&f.ShippingFeeItems, &f.ShippingServiceCostItems, &f.VoucherTotal, &f.UnitPrice,
		&f.TaxAmount, &f.PaidPrice, &f.WalletCredits, &f.StoreCredits, &f.ShippingVoucherAmount, &f.ShippingFeeSstSum} {
		*p = round2(*p)
	}
	type tx = gen.TransactionTotal
	f.TransactionSummary = []tx{
		{Amount: round2(credited), Currency: o.o.Currency, Description: "Item Price Credit", TransactionTypeId: 1},
		{Amount: -round2(credited * 0.15), Currency: o.o.Currency, Description: "Commission", TransactionTypeId: 22},
		{Amount: f.ShippingFeeItems, Currency: o.o.Currency, Description: "Shipping Fee (Paid By Customer)", TransactionTypeId: 7},
	}
	return f, nil
}

// ListOrderItems lists order items one page at a time.
func (a *api) ListOrderItems(ctx context.Context, req server.ListOrderItemsRequestObject) (server.ListOrderItemsResponseObject, error) {
	p := req.Params
	dateParams(ctx, map[string]*datetime.Time{"createdAtStart": &p.CreatedAtStart, "createdAtEnd": &p.CreatedAtEnd,
		"updatedAtStart": &p.UpdatedAtStart, "updatedAtEnd": &p.UpdatedAtEnd})
	st := a.st
	itemIDs, orderIDs, numbers := p.OrderItemIds, p.OrderIds, p.OrderNumbers
	statuses, srcIDs := p.Status, p.SrcIds
	var items []*item
	for _, id := range st.sortedItemIDs() {
		it := st.items[id]
		i := &it.it
		switch {
		case len(itemIDs) > 0 && !slices.Contains(itemIDs, i.Id),
			len(orderIDs) > 0 && !slices.Contains(orderIDs, i.OrderId),
			len(numbers) > 0 && !slices.Contains(numbers, st.orders[i.OrderId].o.Number),
			len(statuses) > 0 && !slices.Contains(statuses, i.Status),
			len(srcIDs) > 0 && !slices.Contains(srcIDs, i.SrcId),
			p.ShipmentType != "" && string(i.Shipment.Type) != string(p.ShipmentType),
			p.ReturnedBy != "" && it.returnedBy != string(p.ReturnedBy),
			!within(i.CreatedAt.Time, p.CreatedAtStart, p.CreatedAtEnd),
			(!p.UpdatedAtStart.IsZero() || !p.UpdatedAtEnd.IsZero()) && (i.UpdatedAt == nil || !within(i.UpdatedAt.Time, p.UpdatedAtStart, p.UpdatedAtEnd)):
			continue
		}
		items = append(items, it)
	}
	desc := p.SortDir == gen.SortDirectionDesc
	if p.Sort != "" || desc {
		key := func(it *item) time.Time { return it.it.CreatedAt.Time }
		if p.Sort != "" {
			key = func(it *item) time.Time {
				if it.it.UpdatedAt == nil {
					return time.Time{}
				}
				return it.it.UpdatedAt.Time
			}
		}
		sort.SliceStable(items, func(i, j int) bool {
			ki, kj := key(items[i]), key(items[j])
			if ki.Equal(kj) {
				return (items[i].it.Id < items[j].it.Id) != desc
			}
			return ki.Before(kj) != desc
		})
	}
	from, to, _ := page(len(items), p.Offset, p.Limit)
	out := server.ListOrderItems200JSONResponse{Items: []gen.OrderItem{}, Pagination: gen.Pagination{
		Limit: p.Limit, Offset: p.Offset, TotalCount: len(items)}}
	for _, it := range items[from:to] {
		ri, err := st.renderItem(it, deref(p.IncludeVoucherDetails))
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, ri)
	}
	return out, nil
}

// ListOrderItemPackages lists the packages holding the given items, or every
// package.
func (a *api) ListOrderItemPackages(_ context.Context, req server.ListOrderItemPackagesRequestObject) (server.ListOrderItemPackagesResponseObject, error) {
	only := req.Params.OrderItemIds
	st := a.st
	pkgIDs := make([]int, 0, len(st.packages))
	for id := range st.packages {
		pkgIDs = append(pkgIDs, id)
	}
	sort.Ints(pkgIDs)
	out := server.ListOrderItemPackages200JSONResponse{}
	for _, id := range pkgIDs {
		p := st.packages[id]
		if len(only) > 0 && !slices.ContainsFunc(p.itemIDs, func(i int) bool { return slices.Contains(only, i) }) {
			continue
		}
		out = append(out, gen.OrderItemPackage{Id: p.id, SrcId: ptr(p.srcID), OrderItemIds: append([]int{}, p.itemIDs...)})
	}
	return out, nil
}

// ListOrderItemReturns lists the return shipments of the given items.
func (a *api) ListOrderItemReturns(_ context.Context, req server.ListOrderItemReturnsRequestObject) (server.ListOrderItemReturnsResponseObject, error) {
	only := req.Params.OrderItemIds
	st := a.st
	out := server.ListOrderItemReturns200JSONResponse{}
	for _, id := range st.sortedItemIDs() {
		it := st.items[id]
		if it.ret == nil || (len(only) > 0 && !slices.Contains(only, id)) {
			continue
		}
		r, err := clone(*it.ret)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// GetOrderItemReturn returns the return shipment of one item.
func (a *api) GetOrderItemReturn(_ context.Context, req server.GetOrderItemReturnRequestObject) (server.GetOrderItemReturnResponseObject, error) {
	st := a.st
	it, ok := st.items[req.OrderItemId]
	switch {
	case !ok:
		return server.GetOrderItemReturn404JSONResponse{NotFoundJSONResponse: notFound("order item", req.OrderItemId)}, nil
	case it.ret == nil:
		return server.GetOrderItemReturn404JSONResponse{NotFoundJSONResponse: server.NotFoundJSONResponse(problem(404, typeNotFound,
			"Entity not found", fmt.Sprintf("order item %d has no return", req.OrderItemId)))}, nil
	}
	r, err := clone(*it.ret)
	if err != nil {
		return nil, err
	}
	return server.GetOrderItemReturn200JSONResponse(r), nil
}

// ListOrderItemTags lists the tags items can carry.
func (a *api) ListOrderItemTags(_ context.Context, _ server.ListOrderItemTagsRequestObject) (server.ListOrderItemTagsResponseObject, error) {
	tags, err := clone(a.st.tags)
	if err != nil {
		return nil, err
	}
	return server.ListOrderItemTags200JSONResponse(append([]gen.OrderItemTag{}, tags...)), nil
}

// ListAssignedOrderItemTags lists the tags of the given items, or of every
// tagged item.
func (a *api) ListAssignedOrderItemTags(_ context.Context, req server.ListAssignedOrderItemTagsRequestObject) (server.ListAssignedOrderItemTagsResponseObject, error) {
	only := req.Params.OrderItemIds
	st := a.st
	type tag = gen.AssignedTag
	out := server.ListAssignedOrderItemTags200JSONResponse{}
	for _, id := range st.sortedItemIDs() {
		it := st.items[id]
		if len(only) > 0 && !slices.Contains(only, id) || len(only) == 0 && len(it.tags) == 0 {
			continue
		}
		tags := []tag{}
		for _, at := range it.tags {
			t := tag{Id: at.id, DueAt: at.dueAt}
			for _, known := range st.tags {
				if known.Id == at.id {
					t.Name = known.Name
				}
			}
			tags = append(tags, t)
		}
		out = append(out, gen.OrderItemTags{OrderItemId: id, Tags: tags})
	}
	return clone(out)
}

// ListShipmentProviders lists the seller's carriers.
func (a *api) ListShipmentProviders(_ context.Context, req server.ListShipmentProvidersRequestObject) (server.ListShipmentProvidersResponseObject, error) {
	out := server.ListShipmentProviders200JSONResponse{}
	for _, p := range a.st.providers {
		if req.Params.Status == nil || bool(p.Status) == *req.Params.Status {
			out = append(out, p)
		}
	}
	return clone(out)
}

// ListFailureReasons lists the reasons status changes accept.
func (a *api) ListFailureReasons(_ context.Context, _ server.ListFailureReasonsRequestObject) (server.ListFailureReasonsResponseObject, error) {
	out, err := clone(server.ListFailureReasons200JSONResponse(a.st.reasons))
	if out == nil {
		out = server.ListFailureReasons200JSONResponse{}
	}
	return out, err
}
