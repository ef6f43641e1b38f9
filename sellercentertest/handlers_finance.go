package sellercentertest

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/gen/server"
	"github.com/sellercenter-go/sellercenter/money"
)

// defaultFinancePage is the page size of the finance lists when limit is
// absent; the vendor states it for v2.1 transactions only.
const defaultFinancePage = 100

// financePage cuts one page out of n entries and describes it.
func financePage(n, offset, limit int) (from, to int, p gen.Pagination) {
	limit = cmp.Or(limit, defaultFinancePage)
	from, to, _ = page(n, offset, limit)
	return from, to, gen.Pagination{Limit: limit, Offset: offset, TotalCount: n}
}

// otherSeller reports whether a sellerId filter names a seller the mock
// does not hold; the API answers such filters with an empty list.
func (st *store) otherSeller(id int) bool { return id != 0 && id != st.seller.Id }

// marketplaceOnly reports whether a statement type filter admits the
// mock's statements, which are all marketplace ones.
func marketplaceOnly(t gen.StatementType) bool {
	return t == "" || t == gen.StatementTypeMarketplace
}

// direction turns a sort comparison around for descending order.
func direction(c int, desc bool) int {
	if desc {
		return -c
	}
	return c
}

// ListStatements lists the closed and open statements.
func (a *api) ListStatements(_ context.Context, req server.ListStatementsRequestObject) (server.ListStatementsResponseObject, error) {
	st, p := a.st, req.Params
	var xs []*statement
	if !st.otherSeller(p.SellerId) && marketplaceOnly(p.Type) {
		for _, s := range st.statements() {
			switch {
			case p.Paid != nil && s.paid != *p.Paid,
				p.Country != "" && !strings.EqualFold(p.Country, s.country),
				p.Currency != "" && !strings.EqualFold(p.Currency, s.currency),
				!p.StartDate.IsZero() && s.end.Before(p.StartDate.Time),
				!p.EndDate.IsZero() && s.start.After(p.EndDate.Time):
				continue
			}
			xs = append(xs, s)
		}
	}
	desc := p.SortDir != gen.ListStatementsParamsSortDirAsc
	slices.SortStableFunc(xs, func(x, y *statement) int {
		c := cmp.Compare(x.id, y.id)
		if p.Sort == gen.ListStatementsParamsSortStartDate || p.Sort == gen.ListStatementsParamsSortCreatedAt {
			c = cmp.Or(x.start.Compare(y.start), c)
		}
		return direction(c, desc)
	})
	from, to, pg := financePage(len(xs), p.Offset, p.Limit)
	out := server.ListStatements200JSONResponse{Items: []gen.FinanceStatement{}, Pagination: pg}
	for _, s := range xs[from:to] {
		out.Items = append(out.Items, s.render(st.seller.Id))
	}
	return out, nil
}

// closedStatement finds a closed statement by id.
func (st *store) closedStatement(id int) *statement {
	for _, s := range st.statements() {
		if !s.open && s.id == id {
			return s
		}
	}
	return nil
}

// openStatement finds the open statement of a country.
func (st *store) openStatement(country string) *statement {
	for _, s := range st.statements() {
		if s.open && strings.EqualFold(s.country, country) {
			return s
		}
	}
	return nil
}

// GetStatement returns one closed statement.
func (a *api) GetStatement(_ context.Context, req server.GetStatementRequestObject) (server.GetStatementResponseObject, error) {
	s := a.st.closedStatement(req.Id)
	if s == nil {
		return server.GetStatement404JSONResponse{NotFoundJSONResponse: notFound("statement", req.Id)}, nil
	}
	return server.GetStatement200JSONResponse(s.render(a.st.seller.Id)), nil
}

// GetStatementDetails returns a closed statement's breakdown.
func (a *api) GetStatementDetails(_ context.Context, req server.GetStatementDetailsRequestObject) (server.GetStatementDetailsResponseObject, error) {
	s := a.st.closedStatement(req.Id)
	if s == nil {
		return server.GetStatementDetails404JSONResponse{NotFoundJSONResponse: notFound("statement", req.Id)}, nil
	}
	return server.GetStatementDetails200JSONResponse(a.st.breakdown(s)), nil
}

// currentFor finds the open statement of country for type, or says why not.
func (st *store) currentFor(country string, typ gen.StatementType) (*statement, *server.NotFoundJSONResponse) {
	s := st.openStatement(country)
	if s == nil || !marketplaceOnly(typ) {
		nf := notFound("open statement of country", fmt.Sprintf("%s (%s)", country, cmp.Or(typ, gen.StatementTypeMarketplace)))
		return nil, &nf
	}
	return s, nil
}

// GetCurrentStatement returns the open statement of a country.
func (a *api) GetCurrentStatement(_ context.Context, req server.GetCurrentStatementRequestObject) (server.GetCurrentStatementResponseObject, error) {
	s, nf := a.st.currentFor(req.Country, req.Params.Type)
	if nf != nil {
		return server.GetCurrentStatement404JSONResponse{NotFoundJSONResponse: *nf}, nil
	}
	return server.GetCurrentStatement200JSONResponse(s.renderCurrent(a.st.seller.Id)), nil
}

// GetCurrentStatementDetails returns the open statement's breakdown.
func (a *api) GetCurrentStatementDetails(_ context.Context, req server.GetCurrentStatementDetailsRequestObject) (server.GetCurrentStatementDetailsResponseObject, error) {
	s, nf := a.st.currentFor(req.Country, req.Params.Type)
	if nf != nil {
		return server.GetCurrentStatementDetails404JSONResponse{NotFoundJSONResponse: *nf}, nil
	}
	out := a.st.breakdown(s)
	out.Country = "" // the open statement's breakdown names its type, not its country
	return server.GetCurrentStatementDetails200JSONResponse(out), nil
}

// next is the statement that follows the open one s: the next month, with
// nothing booked yet, opening with what s will carry over.
func (s *statement) next() *statement {
	start := s.start.AddDate(0, 1, 0)
	end := start.AddDate(0, 1, 0).Add(-time.Second)
	return &statement{country: s.country, currency: s.currency, start: start, end: end,
		opening: s.closing, closing: s.closing, payout: zeroAmount, open: true,
		due: end.Add(paymentTermDays * 24 * time.Hour)}
}

// ListFutureStatements lists the statement that follows the open one.
func (a *api) ListFutureStatements(_ context.Context, req server.ListFutureStatementsRequestObject) (server.ListFutureStatementsResponseObject, error) {
	s, nf := a.st.currentFor(req.Country, req.Params.Type)
	if nf != nil {
		return server.ListFutureStatements404JSONResponse{NotFoundJSONResponse: *nf}, nil
	}
	return server.ListFutureStatements200JSONResponse{s.next().render(a.st.seller.Id)}, nil
}

// GetFutureStatementDetails returns the breakdown of the statement after
// the open one, which has nothing booked yet.
func (a *api) GetFutureStatementDetails(_ context.Context, req server.GetFutureStatementDetailsRequestObject) (server.GetFutureStatementDetailsResponseObject, error) {
	s, nf := a.st.currentFor(req.Country, req.Params.Type)
	if nf != nil {
		return server.GetFutureStatementDetails404JSONResponse{NotFoundJSONResponse: *nf}, nil
	}
	return server.GetFutureStatementDetails200JSONResponse(a.st.breakdown(s.next())), nil
}

// booked is a ledger entry with the statement it is booked on.
type booked struct {
	e ledgerEntry
	s *statement
}

// bookedEntries lists the ledger with each entry's statement.
func (st *store) bookedEntries() []booked {
	all := st.statements()
	var out []booked
	for _, s := range all {
		for _, e := range s.entries {
			out = append(out, booked{e, s})
		}
	}
	slices.SortFunc(out, func(x, y booked) int { return cmp.Or(x.e.at.Compare(y.e.at), cmp.Compare(x.e.id, y.e.id)) })
	return out
}

// entryFilter holds what the transaction lists filter on; zero fields
// match everything.
type entryFilter struct {
	statementIDs []int
	statementID  *int
	from, to     datetime.Time
	source       string
	country      string
	itemIDs      []int
	itemSrcIDs   []string
	orderNumbers []string
	numbers      []string
	typeIDs      []int
	hybrid       bool
	outlet       bool
	paid         *bool
	products     []string
}

func (f entryFilter) match(b booked) bool {
	e, it := b.e, b.e.orderItem
	product := func(q string) bool {
		return it != nil && (strings.Contains(strings.ToLower(it.it.Product.Name), strings.ToLower(q)) ||
			q == it.it.Product.SellerSku || q == it.it.Product.Sku)
	}
	switch {
	case len(f.statementIDs) > 0 && !slices.Contains(f.statementIDs, b.s.id),
		f.statementID != nil && *f.statementID != b.s.id,
		!within(e.at, f.from, f.to),
		f.source != "" && f.source != string(e.source),
		f.country != "" && !strings.EqualFold(f.country, e.country),
		len(f.itemIDs) > 0 && (it == nil || !slices.Contains(f.itemIDs, it.it.Id)),
		len(f.itemSrcIDs) > 0 && (it == nil || !slices.Contains(f.itemSrcIDs, it.it.SrcId)),
		len(f.orderNumbers) > 0 && !slices.Contains(f.orderNumbers, e.orderNumber),
		len(f.numbers) > 0 && !slices.Contains(f.numbers, e.number()),
		len(f.typeIDs) > 0 && !slices.Contains(f.typeIDs, e.typeID),
		f.hybrid && (it == nil || !it.it.IsHybrid),
		f.outlet && (it == nil || !it.it.IsOutlet),
		f.paid != nil && *f.paid != b.s.paid,
		len(f.products) > 0 && !slices.ContainsFunc(f.products, product):
		return false
	}
	return true
}

// filtered lists the booked entries f matches.
func (st *store) filtered(f entryFilter, sellerID int, typ gen.StatementType) []booked {
	if st.otherSeller(sellerID) || !marketplaceOnly(typ) {
		return nil
	}
	var out []booked
	for _, b := range st.bookedEntries() {
		if f.match(b) {
			out = append(out, b)
		}
	}
	return out
}

// ListTransactions lists the ledger in the v2 shape.
func (a *api) ListTransactions(_ context.Context, req server.ListTransactionsRequestObject) (server.ListTransactionsResponseObject, error) {
	st, p := a.st, req.Params
	f := entryFilter{
		statementIDs: p.StatementIds, from: p.StartDate, to: p.EndDate, source: string(p.Source), country: p.Country,
		itemSrcIDs: nonEmpty(p.OrderItemSrcId), orderNumbers: p.OrderNumbers, numbers: p.Numbers,
		typeIDs: p.TypeIds, hybrid: p.IsHybrid, outlet: p.IsOutlet, paid: p.IsPaid, products: p.Product,
	}
	if p.OrderItemId != 0 {
		f.itemIDs = []int{p.OrderItemId}
	}
	xs := st.filtered(f, p.SellerId, p.StatementType)
	if p.Sort != "" || p.SortDir != "" {
		desc := p.SortDir == gen.ListTransactionsParamsSortDirDesc
		slices.SortStableFunc(xs, func(x, y booked) int {
			c := cmp.Compare(x.e.id, y.e.id)
			if p.Sort == gen.ListTransactionsParamsSortDate {
				c = cmp.Or(x.e.at.Compare(y.e.at), c)
			}
			return direction(c, desc)
		})
	}
	from, to, pg := financePage(len(xs), p.Offset, p.Limit)
	out := server.ListTransactions200JSONResponse{Items: []gen.FinanceTransaction{}, Pagination: pg}
	for _, b := range xs[from:to] {
		out.Items = append(out.Items, st.renderTransaction(b.e, b.s))
	}
	return out, nil
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// ListDetailedTransactions lists the ledger in the v2.1 shape, newest first
// unless asked otherwise.
func (a *api) ListDetailedTransactions(_ context.Context, req server.ListDetailedTransactionsRequestObject) (server.ListDetailedTransactionsResponseObject, error) {
	st, p := a.st, req.Params
	f := entryFilter{
		statementID: p.StatementId, from: p.GteCreatedAt, to: p.LteCreatedAt, source: string(p.Source), country: p.Country,
		itemIDs: p.OrderItemIds, itemSrcIDs: p.OrderItemSrcIds, orderNumbers: p.OrderNumbers, numbers: p.Numbers,
		typeIDs: p.TransactionTypeIds, hybrid: p.IsHybrid, outlet: p.IsOutlet, paid: p.IsPaid, products: p.Products,
	}
	xs := st.filtered(f, p.SellerId, p.StatementType)
	desc := p.SortDir != gen.ListDetailedTransactionsParamsSortDirAsc
	slices.SortStableFunc(xs, func(x, y booked) int {
		var c int
		switch p.Sort {
		case gen.ListDetailedTransactionsParamsSortAmount:
			c = x.e.value.Cmp(y.e.value)
		case gen.ListDetailedTransactionsParamsSortTransactionType:
			c = cmp.Compare(x.e.typeID, y.e.typeID)
		case gen.ListDetailedTransactionsParamsSortTransactionNumber:
			c = cmp.Compare(x.e.number(), y.e.number())
		default:
			c = x.e.at.Compare(y.e.at)
		}
		return direction(cmp.Or(c, cmp.Compare(x.e.id, y.e.id)), desc)
	})
	from, to, pg := financePage(len(xs), p.Offset, p.Limit)
	out := server.ListDetailedTransactions200JSONResponse{Items: []gen.DetailedTransaction{}, Pagination: pg}
	for _, b := range xs[from:to] {
		out.Items = append(out.Items, st.renderDetailed(b.e, b.s))
	}
	return out, nil
}

// itemSummary is the finance summary of one order item.
type itemSummary struct {
	it          *item
	orderID     int
	orderNumber string
	at          time.Time // the item's first transaction
	s           *statement
	commission  money.Amount
	fees        money.Amount
	payout      money.Amount
}

// summaries sums the ledger per order item, in order of first transaction.
func (st *store) summaries(bs []booked) []*itemSummary {
	var out []*itemSummary
	byItem := map[int]*itemSummary{}
	for _, b := range bs {
		if b.e.orderItem == nil {
			continue
		}
		sum := byItem[b.e.orderItem.it.Id]
		if sum == nil {
			sum = &itemSummary{it: b.e.orderItem, orderID: b.e.orderID, orderNumber: b.e.orderNumber, at: b.e.at, s: b.s,
				commission: zeroAmount, fees: zeroAmount, payout: zeroAmount}
			byItem[b.e.orderItem.it.Id] = sum
			out = append(out, sum)
		}
		switch b.e.typeID {
		case txCommission, txCommissionRefund:
			sum.commission = sum.commission.Add(b.e.value)
		}
		sum.payout = sum.payout.Add(b.e.value)
	}
	return out
}

// payoutStatus says whether the statement of a summary is paid out.
func (sum *itemSummary) payoutStatus() string {
	if sum.s.paid {
		return string(gen.ListOrderItemTransactionsParamsPayoutStatusPaid)
	}
	return string(gen.ListOrderItemTransactionsParamsPayoutStatusUnpaid)
}

// shipmentKind maps an item's shipment type onto the filter's names.
func shipmentKind(t gen.ItemShipmentType) gen.ListOrderItemTransactionsParamsShipmentTypes {
	switch t {
	case gen.ItemShipmentTypeWarehouse:
		return gen.ListOrderItemTransactionsParamsShipmentTypesWarehouse
	case gen.ItemShipmentTypeDropshipping:
		return gen.ListOrderItemTransactionsParamsShipmentTypesDropshipping
	default:
		return gen.ListOrderItemTransactionsParamsShipmentTypesCrossDocking
	}
}

// ListOrderItemTransactions lists the finance summary of each order item.
func (a *api) ListOrderItemTransactions(_ context.Context, req server.ListOrderItemTransactionsRequestObject) (server.ListOrderItemTransactionsResponseObject, error) {
	st, p := a.st, req.Params
	f := entryFilter{statementID: p.StatementId, from: p.StartDate, to: p.EndDate, orderNumbers: p.OrderNumbers,
		hybrid: p.IsHybrid, outlet: p.IsOutlet, products: slices.Concat(p.Products, p.ProductSkus)}
	var xs []*itemSummary
	for _, sum := range st.summaries(st.filtered(f, 0, p.StatementType)) {
		switch {
		case p.PayoutStatus != "" && string(p.PayoutStatus) != sum.payoutStatus(),
			len(p.ShipmentTypes) > 0 && !slices.Contains(p.ShipmentTypes, shipmentKind(sum.it.it.Shipment.Type)),
			len(p.Status) > 0 && !slices.Contains(p.Status, sum.it.it.Status):
			continue
		}
		xs = append(xs, sum)
	}
	desc := p.SortDir == gen.ListOrderItemTransactionsParamsSortDirDesc
	slices.SortStableFunc(xs, func(x, y *itemSummary) int {
		var c int
		switch p.Sort {
		case gen.ListOrderItemTransactionsParamsSortDate, gen.ListOrderItemTransactionsParamsSortOrderDate:
			c = x.at.Compare(y.at)
		case gen.ListOrderItemTransactionsParamsSortOrderNumber:
			c = cmp.Compare(x.orderNumber, y.orderNumber)
		case gen.ListOrderItemTransactionsParamsSortPayoutStatus:
			c = cmp.Compare(x.payoutStatus(), y.payoutStatus())
		case gen.ListOrderItemTransactionsParamsSortPrice:
			c = cmp.Compare(x.it.it.PaidPrice, y.it.it.PaidPrice)
		case gen.ListOrderItemTransactionsParamsSortCommission:
			c = x.commission.Cmp(y.commission)
		case gen.ListOrderItemTransactionsParamsSortFees:
			c = x.fees.Cmp(y.fees)
		case gen.ListOrderItemTransactionsParamsSortPayoutAmount:
			c = x.payout.Cmp(y.payout)
		}
		return direction(cmp.Or(c, cmp.Compare(x.it.it.Id, y.it.it.Id)), desc)
	})
	from, to, pg := financePage(len(xs), p.Offset, p.Limit)
	out := server.ListOrderItemTransactions200JSONResponse{Items: []gen.OrderItemTransaction{}, Pagination: pg}
	for _, sum := range xs[from:to] {
		out.Items = append(out.Items, gen.OrderItemTransaction{
			OrderItemId: sum.it.it.Id, OrderId: sum.orderID,
			Commission: sum.commission, Fees: sum.fees, VatAmount: zeroAmount, WhtAmount: zeroAmount, PayoutAmount: sum.payout,
			StatementId: sum.s.id, Currency: sum.s.currency, Country: sum.s.country, StatementType: gen.StatementTypeMarketplace,
			PayoutStatus: sum.payoutStatus(), AccountStatementPaymentDueDate: datetime.New(sum.s.due),
		})
	}
	return out, nil
}

// ListTransactionTypes lists the transaction types.
func (a *api) ListTransactionTypes(_ context.Context, _ server.ListTransactionTypesRequestObject) (server.ListTransactionTypesResponseObject, error) {
	out, err := clone(a.st.fin.types)
	return server.ListTransactionTypes200JSONResponse(out), err
}

// ListAccountStatementGroups lists the groups of one statement type.
func (a *api) ListAccountStatementGroups(_ context.Context, req server.ListAccountStatementGroupsRequestObject) (server.ListAccountStatementGroupsResponseObject, error) {
	want := cmp.Or(req.Params.StatementType, gen.StatementTypeMarketplace)
	out := server.ListAccountStatementGroups200JSONResponse{}
	for _, g := range a.st.fin.groups {
		if g.StatementType == want {
			c, err := clone(g)
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		}
	}
	return out, nil
}

// ListTransactionTriggerEvents lists the trigger events.
func (a *api) ListTransactionTriggerEvents(_ context.Context, _ server.ListTransactionTriggerEventsRequestObject) (server.ListTransactionTriggerEventsResponseObject, error) {
	return server.ListTransactionTriggerEvents200JSONResponse(slices.Clone(a.st.fin.events)), nil
}

// ListFinanceVariables lists the rule engine's variables; the mock's are
// global, so they apply to its one seller.
func (a *api) ListFinanceVariables(_ context.Context, req server.ListFinanceVariablesRequestObject) (server.ListFinanceVariablesResponseObject, error) {
	st, p := a.st, req.Params
	var xs []gen.FinanceVariable
	if !st.otherSeller(p.SellerId) && (p.SellerSrcId == "" || p.SellerSrcId == st.seller.SrcId) {
		for _, v := range st.fin.variables {
			if (p.VariableName == "" || p.VariableName == v.Name) &&
				(p.VariableValue == "" || p.VariableValue == strconv.FormatFloat(v.Value, 'f', -1, 64)) {
				v.SellerId, v.SellerSrcId = st.seller.Id, st.seller.SrcId
				xs = append(xs, v)
			}
		}
	}
	from, to, pg := financePage(len(xs), p.Offset, p.Limit)
	return server.ListFinanceVariables200JSONResponse{Items: append([]gen.FinanceVariable{}, xs[from:to]...), Pagination: pg}, nil
}

// ListTransactionStatements returns the closed statements with the given
// ids in the legacy shape; unknown ids are left out, as the API does.
func (a *api) ListTransactionStatements(_ context.Context, req server.ListTransactionStatementsRequestObject) (server.ListTransactionStatementsResponseObject, error) {
	st := a.st
	out := server.ListTransactionStatements200JSONResponse{}
	for _, s := range st.statements() {
		if s.open || !slices.Contains(req.Params.Ids, s.id) {
			continue
		}
		f := s.render(st.seller.Id)
		closing, payout := s.closing, s.payout
		out = append(out, gen.TransactionStatement{
			Id: s.id, SellerId: st.seller.Id, StartDate: f.StartDate, EndDate: f.EndDate,
			OpeningBalance: s.opening, GuaranteeDeposit: &zeroAmount, ClosingBalance: &closing, Payout: &payout,
			Currency: s.currency, CreatedAt: f.EndDate, UpdatedAt: f.EndDate, Paid: s.paid,
			Number: ptr(f.Number), Uuid: st.statementUUID(s.id), PaidAt: f.PaidAt, DueAt: f.DueDate,
		})
	}
	return out, nil
}

// statementUUID is a statement's stable UUID, derived from its id.
func (st *store) statementUUID(id int) string {
	return fmt.Sprintf("5a7e0000-0000-4000-8000-%012d", id)
}

// ListOrderItemLegacyTransactions returns the transactions of the given
// order items in the legacy shape; unknown ids are left out.
func (a *api) ListOrderItemLegacyTransactions(_ context.Context, req server.ListOrderItemLegacyTransactionsRequestObject) (server.ListOrderItemLegacyTransactionsResponseObject, error) {
	st := a.st
	out := server.ListOrderItemLegacyTransactions200JSONResponse{}
	for _, b := range st.filtered(entryFilter{itemIDs: req.Params.OrderItemIds}, 0, "") {
		out = append(out, st.renderLegacy(b.e, b.s))
	}
	return out, nil
}

// CreateTransaction books a manual transaction on the open statement of
// the currency's country. Signing is checked by the transport in front of
// the handlers, not here.
func (a *api) CreateTransaction(_ context.Context, req server.CreateTransactionRequestObject) (server.CreateTransactionResponseObject, error) {
	st, b := a.st, req.Body
	if b == nil {
		return server.CreateTransaction400JSONResponse{BadRequestJSONResponse: badRequest(violation{title: "the body is missing"})}, nil
	}
	var vs []violation
	for _, v := range []struct {
		path   string
		amount *money.Amount
	}{{"value", &b.Value}, {"vatTax", b.VatTax}, {"whtTax", b.WhtTax}} {
		if v.amount == nil {
			continue
		}
		if _, err := v.amount.MinorUnits(2); err != nil {
			vs = append(vs, violation{path: v.path, title: "This value must be an amount with at most 2 decimals.", value: v.amount.String(), typ: "number"})
		}
	}
	if b.Value.IsZero() {
		vs = append(vs, violation{path: "value", title: "This value should not be zero.", value: b.Value.String(), typ: "number"})
	}
	if len(vs) > 0 {
		return server.CreateTransaction400JSONResponse{BadRequestJSONResponse: badRequest(vs...)}, nil
	}
	refuse := func(format string, args ...any) (server.CreateTransactionResponseObject, error) {
		return server.CreateTransaction422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(fmt.Sprintf(format, args...))}, nil
	}
	t, ok := st.fin.txType(b.TransactionTypeId)
	groupID, _ := st.fin.groupOf(b.TransactionTypeId)
	country := currencyCountry(b.Currency)
	var it *item
	var o *order
	switch {
	case b.SellerId != st.seller.Id:
		return refuse("seller %d does not exist", b.SellerId)
	case !ok:
		return refuse("transaction type %d does not exist", b.TransactionTypeId)
	case groupID != b.AccountStatementGroupId:
		return refuse("transaction type %d is not booked in account statement group %d", b.TransactionTypeId, b.AccountStatementGroupId)
	case !slices.Contains(st.countries, country) || st.countryCurrency(country) != b.Currency:
		return refuse("currency %q is not supported by seller %d", b.Currency, b.SellerId)
	}
	if t.RefSource != nil && *t.RefSource == "sales_order_item" {
		it = st.items[b.ReferenceId]
		if it == nil {
			return refuse("transaction type %d needs referenceId, the id of an existing order item; %d is not one", t.Id, b.ReferenceId)
		}
		o = st.orders[it.it.OrderId]
		if o == nil || o.o.Currency != b.Currency {
			return refuse("order item %d is not paid in %s", b.ReferenceId, b.Currency)
		}
	}
	e := ledgerEntry{
		id: manualIDBase + len(st.fin.manual) + 1, at: st.now(), typeID: t.Id, country: country, currency: b.Currency,
		value: b.Value, vat: zeroAmount, wht: zeroAmount, source: gen.TransactionSourceSellercenter,
		comment: cmp.Or(b.Description, t.Description), event: 4, userID: 1, ref: b.ReferenceId, orderItem: it,
	}
	if b.VatTax != nil {
		e.vat = *b.VatTax
	}
	if b.WhtTax != nil {
		e.wht = *b.WhtTax
	}
	if o != nil {
		e.orderNumber, e.orderID = o.o.Number, o.o.Id
	}
	st.fin.manual = append(st.fin.manual, e)
	return server.CreateTransaction201JSONResponse(st.renderLegacy(e, st.openStatement(country))), nil
}
