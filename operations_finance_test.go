package sellercenter_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/money"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// amountOf parses a decimal for a row, failing the test on bad text.
func amountOf(t *testing.T, s string) money.Amount {
	t.Helper()
	a, err := money.Parse(s)
	if err != nil {
		t.Fatalf("money.Parse(%q) = %v", s, err)
	}
	return a
}

// listOf is the list a Result points to.
func listOf[T any](p *[]T, err error) ([]T, error) {
	if err != nil {
		return nil, err
	}
	return *p, nil
}

// sameAmount checks an amount's exact text, so a float round trip shows.
func sameAmount(t *testing.T, expr string, got money.Amount, want string) {
	t.Helper()
	eq(t, expr, got.String(), want)
}

// checkFixtureStatement checks finance_statement.json as decoded.
func checkFixtureStatement(t *testing.T, expr string, s gen.FinanceStatement) {
	t.Helper()
	eq(t, expr+".Id", s.Id, 4)
	eq(t, expr+".Number", s.Number, "US-2023-04")
	sameAmount(t, expr+".ClosingBalance", s.ClosingBalance, "30.60")
	sameAmount(t, expr+".OpeningBalance", s.OpeningBalance, "32.5")
	eq(t, expr+".Type", s.Type, gen.StatementTypeMarketplace)
	isNil(t, expr+".PaidAt", s.PaidAt)
	at(t, expr+".StartDate", s.StartDate, time.Date(2023, 3, 31, 22, 0, 0, 0, time.UTC))
}

// checkFixtureDetails checks the details of finance_*statement_details.json.
func checkFixtureDetails(t *testing.T, expr string, d gen.StatementDetails) {
	t.Helper()
	sameAmount(t, expr+".Order.ItemRevenue.Total", d.Order.ItemRevenue.Total, "1515.10")
	sameAmount(t, expr+".Order.Fees.Groups[0].Amount", d.Order.Fees.Groups[0].Amount, "-151.51")
	sameAmount(t, expr+".Order.Subtotal", d.Order.Subtotal, "1363.59")
	isNil(t, expr+".Order.VatAmount", d.Order.VatAmount)
	sameAmount(t, expr+".Refunds.Subtotal", d.Refunds.Subtotal, "-269.01")
	sameAmount(t, expr+".Others.Others.Total", d.Others.Others.Total, "-10")
	// The breakdown adds up exactly: subtotals are the sums of their sections.
	sum := money.Sum(d.Order.ItemRevenue.Total, d.Order.OtherRevenue.Total, d.Order.Fees.Total, d.Order.Subsidy.Total)
	eq(t, expr+".Order sections sum to Subtotal", sum.Cmp(d.Order.Subtotal), 0)
}

// checkBreakdownAddsUp checks a breakdown from the mock against its statement.
func checkBreakdownAddsUp(t *testing.T, expr string, b gen.StatementBreakdown, s gen.FinanceStatement) {
	t.Helper()
	d := b.Details
	total := money.Sum(d.Order.Subtotal, d.Refunds.Subtotal, d.Others.Others.Total)
	if want := s.ClosingBalance.Sub(s.OpeningBalance); total.Cmp(want) != 0 {
		t.Errorf("%s sections total %s, want closing %s − opening %s = %s", expr, total, s.ClosingBalance, s.OpeningBalance, want)
	}
}

// mockStatement returns the mock's statement of country: a closed one
// with transactions when closed, else the open one.
func mockStatement(t *testing.T, mock *sellercentertest.Server, country string, closed bool) gen.FinanceStatement {
	t.Helper()
	for _, s := range mock.Statements() {
		if s.Country == country && (s.Id != 0) == closed {
			return s
		}
	}
	t.Fatalf("mock.Statements() has no %s statement (closed %v)", country, closed)
	return gen.FinanceStatement{}
}

var (
	usd     = "USD"
	apr2023 = time.Date(2023, 4, 1, 22, 0, 0, 0, time.UTC)
	apr30   = time.Date(2023, 4, 30, 23, 59, 59, 0, plus2)
)

// financeRows are the operations of the finance area; see row in operations_test.go.
var financeRows = map[string]row{
	"listStatements": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListStatementsWithResponse(ctx, &gen.ListStatementsParams{
				SellerId: 1, StartDate: datetime.New(apr2023), EndDate: datetime.New(apr30),
				Paid: ptr(false), Country: "US", Currency: usd, Type: gen.StatementTypeMarketplace,
				Sort: gen.ListStatementsParamsSortStartDate, SortDir: gen.ListStatementsParamsSortDirAsc, Limit: 2,
			})
		},
		method: http.MethodGet, path: "/v2/finance/statements",
		query: url.Values{
			"sellerId": {"1"}, "startDate": {"2023-04-01T22:00:00Z"}, "endDate": {"2023-04-30T23:59:59+02:00"},
			"paid": {"false"}, "country": {"US"}, "currency": {"USD"}, "type": {"marketplace"},
			"sort": {"startDate"}, "sortDir": {"asc"}, "limit": {"2"},
		},
		reply: reply{status: 200, fixture: "finance_statement_page.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "ListStatements().JSON200", as[gen.ListStatementsResponse](t, resp).JSON200)
			eq(t, "len(ListStatements().JSON200.Items)", len(p.Items), 2)
			eq(t, "ListStatements().JSON200.Pagination.TotalCount", p.Pagination.TotalCount, 7)
			checkFixtureStatement(t, "ListStatements().JSON200.Items[0]", p.Items[0])
			eq(t, "ListStatements().JSON200.Items[1].Paid", p.Items[1].Paid, true)
			eq(t, "*ListStatements().JSON200.Items[1].Note", *deref(t, "ListStatements().JSON200.Items[1].Note", &p.Items[1].Note), "Paid by bank transfer")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			p, err := sellercenter.Result(e.c.ListStatementsWithResponse(e.ctx, &gen.ListStatementsParams{Paid: ptr(true), Country: "MY", Limit: 1}))
			if err != nil {
				t.Fatalf("ListStatements(paid, MY) = %v", err)
			}
			want := mockStatement(t, e.mock, "MY", true)
			if len(p.Items) != 1 || p.Items[0].Id != want.Id || p.Items[0].ClosingBalance.Cmp(want.ClosingBalance) != 0 || !p.Items[0].Paid {
				t.Errorf("ListStatements(paid, MY, limit 1) = %+v, want the paid statement %d closing at %s", p.Items, want.Id, want.ClosingBalance)
			}
			if p.Pagination.Limit != 1 || p.Pagination.TotalCount < 1 {
				t.Errorf("ListStatements() pagination = %+v, want limit 1 and a total", p.Pagination)
			}
		},
	},
	"getStatement": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetStatementWithResponse(ctx, 4)
		},
		method: http.MethodGet, path: "/v2/finance/statements/4",
		reply: reply{status: 200, fixture: "finance_statement.json"},
		check: func(t *testing.T, resp any) {
			checkFixtureStatement(t, "GetStatement(4).JSON200", deref(t, "GetStatement(4).JSON200", as[gen.GetStatementResponse](t, resp).JSON200))
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			want := mockStatement(t, e.mock, "MY", true)
			got, err := sellercenter.Result(e.c.GetStatementWithResponse(e.ctx, want.Id))
			if err != nil {
				t.Fatalf("GetStatement(%d) = %v", want.Id, err)
			}
			if got.Number != want.Number || got.PayoutAmount.Cmp(want.PayoutAmount) != 0 || got.PayoutAmount.Sign() <= 0 {
				t.Errorf("GetStatement(%d) = %s paying %s, want %s paying %s (> 0)", want.Id, got.Number, got.PayoutAmount, want.Number, want.PayoutAmount)
			}
		},
	},
	"getStatementDetails": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetStatementDetailsWithResponse(ctx, 4)
		},
		method: http.MethodGet, path: "/v2/finance/statements/4/details",
		reply: reply{status: 200, fixture: "finance_statement_details.json"},
		check: func(t *testing.T, resp any) {
			b := deref(t, "GetStatementDetails(4).JSON200", as[gen.GetStatementDetailsResponse](t, resp).JSON200)
			eq(t, "GetStatementDetails(4).JSON200.Country", b.Country, "DE")
			checkFixtureDetails(t, "GetStatementDetails(4).JSON200.Details", b.Details)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			s := mockStatement(t, e.mock, "MY", true)
			b, err := sellercenter.Result(e.c.GetStatementDetailsWithResponse(e.ctx, s.Id))
			if err != nil {
				t.Fatalf("GetStatementDetails(%d) = %v", s.Id, err)
			}
			if b.Id != s.Id || b.Details.Order.ItemRevenue.Total.Sign() <= 0 || b.Details.Order.Fees.Total.Sign() >= 0 {
				t.Errorf("GetStatementDetails(%d) = %+v, want item revenue and (negative) commission fees", s.Id, b.Details.Order)
			}
			checkBreakdownAddsUp(t, "GetStatementDetails()", *b, s)
		},
	},
	"getCurrentStatement": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetCurrentStatementWithResponse(ctx, "DE", &gen.GetCurrentStatementParams{Type: gen.StatementTypeConsignment})
		},
		method: http.MethodGet, path: "/v2/finance/statements/current/DE",
		query: url.Values{"type": {"consignment"}},
		reply: reply{status: 200, fixture: "finance_current_statement.json"},
		check: func(t *testing.T, resp any) {
			s := deref(t, "GetCurrentStatement(DE).JSON200", as[gen.GetCurrentStatementResponse](t, resp).JSON200)
			eq(t, "GetCurrentStatement(DE).JSON200.Number", s.Number, "DE-2023-05")
			sameAmount(t, "GetCurrentStatement(DE).JSON200.ClosingBalance", s.ClosingBalance, "96.00")
			sameAmount(t, "GetCurrentStatement(DE).JSON200.OpeningBalance", s.OpeningBalance, "30.6")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			got, err := sellercenter.Result(e.c.GetCurrentStatementWithResponse(e.ctx, "MY", nil))
			if err != nil {
				t.Fatalf("GetCurrentStatement(MY) = %v", err)
			}
			want := mockStatement(t, e.mock, "MY", false)
			if got.Number != want.Number || got.ClosingBalance.Cmp(want.ClosingBalance) != 0 || got.Paid {
				t.Errorf("GetCurrentStatement(MY) = %s closing %s, want open %s closing %s", got.Number, got.ClosingBalance, want.Number, want.ClosingBalance)
			}
		},
	},
	"getCurrentStatementDetails": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetCurrentStatementDetailsWithResponse(ctx, "DE", &gen.GetCurrentStatementDetailsParams{})
		},
		method: http.MethodGet, path: "/v2/finance/statements/current/DE/details",
		reply: reply{status: 200, fixture: "finance_current_statement_details.json"},
		check: func(t *testing.T, resp any) {
			b := deref(t, "GetCurrentStatementDetails(DE).JSON200", as[gen.GetCurrentStatementDetailsResponse](t, resp).JSON200)
			eq(t, "GetCurrentStatementDetails(DE).JSON200.Type", b.Type, gen.StatementTypeMarketplace)
			checkFixtureDetails(t, "GetCurrentStatementDetails(DE).JSON200.Details", b.Details)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			// An item delivered now books its sale and commission on the
			// open statement, and its breakdown shows both.
			e.item(t, gen.OrderItemStatusDelivered, drop)
			s := mockStatement(t, e.mock, "MY", false)
			b, err := sellercenter.Result(e.c.GetCurrentStatementDetailsWithResponse(e.ctx, "MY", nil))
			if err != nil {
				t.Fatalf("GetCurrentStatementDetails(MY) = %v", err)
			}
			if b.Details.Order.ItemRevenue.Total.Sign() <= 0 || len(b.Details.Order.Fees.Groups) != 1 {
				t.Errorf("GetCurrentStatementDetails(MY) order = %+v, want the delivered item's revenue and commission", b.Details.Order)
			}
			checkBreakdownAddsUp(t, "GetCurrentStatementDetails(MY)", *b, s)
		},
	},
	"listFutureStatements": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListFutureStatementsWithResponse(ctx, "US", &gen.ListFutureStatementsParams{Type: gen.StatementTypeMarketplace})
		},
		method: http.MethodGet, path: "/v2/finance/statements/future/US",
		query: url.Values{"type": {"marketplace"}},
		reply: reply{status: 200, fixture: "finance_future_statements.json"},
		check: func(t *testing.T, resp any) {
			l := deref(t, "ListFutureStatements(US).JSON200", as[gen.ListFutureStatementsResponse](t, resp).JSON200)
			eq(t, "len(ListFutureStatements(US).JSON200)", len(l), 1)
			eq(t, "ListFutureStatements(US).JSON200[0].Number", l[0].Number, "US-2023-05")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			l, err := listOf(sellercenter.Result(e.c.ListFutureStatementsWithResponse(e.ctx, "MY", nil)))
			if err != nil {
				t.Fatalf("ListFutureStatements(MY) = %v", err)
			}
			open := mockStatement(t, e.mock, "MY", false)
			if len(l) != 1 || !l[0].StartDate.After(open.EndDate.Time) || l[0].OpeningBalance.Cmp(open.ClosingBalance) != 0 {
				t.Errorf("ListFutureStatements(MY) = %+v, want the month after %s opening at its closing %s", l, open.Number, open.ClosingBalance)
			}
		},
	},
	"getFutureStatementDetails": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetFutureStatementDetailsWithResponse(ctx, "US", &gen.GetFutureStatementDetailsParams{
				StartDate: datetime.New(time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC)), EndDate: datetime.New(time.Date(2023, 5, 31, 23, 59, 59, 0, time.UTC)),
			})
		},
		method: http.MethodGet, path: "/v2/finance/statements/future/US/details",
		query: url.Values{"startDate": {"2023-05-01T00:00:00Z"}, "endDate": {"2023-05-31T23:59:59Z"}},
		reply: reply{status: 200, fixture: "finance_statement_details.json"},
		check: func(t *testing.T, resp any) {
			b := deref(t, "GetFutureStatementDetails(US).JSON200", as[gen.GetFutureStatementDetailsResponse](t, resp).JSON200)
			checkFixtureDetails(t, "GetFutureStatementDetails(US).JSON200.Details", b.Details)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			b, err := sellercenter.Result(e.c.GetFutureStatementDetailsWithResponse(e.ctx, "MY", nil))
			if err != nil {
				t.Fatalf("GetFutureStatementDetails(MY) = %v", err)
			}
			if !b.Details.Order.Subtotal.IsZero() || b.Currency != "MYR" {
				t.Errorf("GetFutureStatementDetails(MY) = %s subtotal %s, want MYR with nothing booked yet", b.Currency, b.Details.Order.Subtotal)
			}
		},
	},
	"listTransactions": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListTransactionsWithResponse(ctx, &gen.ListTransactionsParams{
				StatementIds: []int{4, 0}, StartDate: datetime.New(apr2023), EndDate: datetime.New(apr30),
				Source: gen.TransactionSourceCsv, Country: "DE", OrderItemId: 12, OrderItemSrcId: "SRC-12",
				OrderNumbers: []string{"300012345", "300012346"}, Sort: gen.ListTransactionsParamsSortDate,
				SortDir: gen.ListTransactionsParamsSortDirDesc, Numbers: []string{"TRX-0001"}, TypeIds: []int{1, 2},
				IsHybrid: true, IsPaid: ptr(false), Product: []string{"SKU-1"},
				StatementType: gen.StatementTypeMarketplace, Limit: 2, Offset: 4,
			})
		},
		method: http.MethodGet, path: "/v2/finance/transactions",
		query: url.Values{
			"statementIds[]": {"4", "0"}, "startDate": {"2023-04-01T22:00:00Z"}, "endDate": {"2023-04-30T23:59:59+02:00"},
			"source": {"csv"}, "country": {"DE"}, "orderItemId": {"12"}, "orderItemSrcId": {"SRC-12"},
			"orderNumbers[]": {"300012345", "300012346"}, "sort": {"date"}, "sortDir": {"desc"},
			"numbers[]": {"TRX-0001"}, "typeIds[]": {"1", "2"}, "isHybrid": {"true"}, "isPaid": {"false"},
			"product[]": {"SKU-1"}, "statementType": {"marketplace"}, "limit": {"2"}, "offset": {"4"},
		},
		literal: []string{"statementIds[]=4&statementIds[]=0", "typeIds[]=1&typeIds[]=2"},
		reply:   reply{status: 200, fixture: "finance_transaction_page.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "ListTransactions().JSON200", as[gen.ListTransactionsResponse](t, resp).JSON200)
			eq(t, "len(ListTransactions().JSON200.Items)", len(p.Items), 2)
			sameAmount(t, "ListTransactions().JSON200.Items[0].Amount", p.Items[0].Amount, "65.3")
			sameAmount(t, "ListTransactions().JSON200.Items[1].Amount", p.Items[1].Amount, "-6.53")
			eq(t, "*ListTransactions().JSON200.Items[0].TreStatementGroupId", *deref(t, "Items[0].TreStatementGroupId", &p.Items[0].TreStatementGroupId), 2)
			isNil(t, "ListTransactions().JSON200.Items[1].TreStatementGroupId", p.Items[1].TreStatementGroupId)
			at(t, "ListTransactions().JSON200.Items[0].Date", p.Items[0].Date, apr2023)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			s := mockStatement(t, e.mock, "MY", true)
			p, err := sellercenter.Result(e.c.ListTransactionsWithResponse(e.ctx, &gen.ListTransactionsParams{StatementIds: []int{s.Id}, Limit: 500}))
			if err != nil {
				t.Fatalf("ListTransactions(statement %d) = %v", s.Id, err)
			}
			values := []money.Amount{s.OpeningBalance}
			for _, tx := range p.Items {
				values = append(values, tx.Amount)
			}
			if total := money.Sum(values...); len(p.Items) == 0 || total.Cmp(s.ClosingBalance) != 0 || p.Pagination.TotalCount != len(p.Items) {
				t.Errorf("ListTransactions(statement %d) = %d transactions totalling %s from %s, want them to close at %s", s.Id, len(p.Items), total, s.OpeningBalance, s.ClosingBalance)
			}
		},
	},
	"listDetailedTransactions": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListDetailedTransactionsWithResponse(ctx, &gen.ListDetailedTransactionsParams{
				StatementType: gen.StatementTypeMarketplace, GteCreatedAt: datetime.New(time.Date(2024, 1, 1, 22, 0, 0, 0, time.UTC)),
				LteCreatedAt: datetime.New(time.Date(2024, 1, 31, 23, 59, 59, 0, time.UTC)), Country: "HK", Source: gen.ListDetailedTransactionsParamsSourceApi,
				OrderItemIds: []int{12, 13}, OrderItemSrcIds: []string{"A"}, OrderNumbers: []string{"300012345"},
				Numbers: []string{"TRX-0001"}, Products: []string{"SKU-1"}, StatementId: ptr(0),
				TransactionTypeIds: []int{1}, IsOutlet: true, IsPaid: ptr(true),
				Sort: gen.ListDetailedTransactionsParamsSortAmount, SortDir: gen.ListDetailedTransactionsParamsSortDirAsc, Limit: 100,
			})
		},
		method: http.MethodGet, path: "/v2.1/finance/transactions",
		query: url.Values{
			"statementType": {"marketplace"}, "gteCreatedAt": {"2024-01-01T22:00:00Z"}, "lteCreatedAt": {"2024-01-31T23:59:59Z"},
			"country": {"HK"}, "source": {"api"}, "orderItemIds[]": {"12", "13"}, "orderItemSrcIds[]": {"A"},
			"orderNumbers[]": {"300012345"}, "numbers[]": {"TRX-0001"}, "products[]": {"SKU-1"}, "statementId": {"0"},
			"transactionTypeIds[]": {"1"}, "isOutlet": {"true"}, "isPaid": {"true"}, "sort": {"amount"}, "sortDir": {"asc"}, "limit": {"100"},
		},
		literal: []string{"orderItemIds[]=12&orderItemIds[]=13"},
		reply:   reply{status: 200, fixture: "finance_detailed_transaction_page.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "ListDetailedTransactions().JSON200", as[gen.ListDetailedTransactionsResponse](t, resp).JSON200)
			eq(t, "len(ListDetailedTransactions().JSON200.Items)", len(p.Items), 2)
			x := p.Items[0]
			sameAmount(t, "ListDetailedTransactions().JSON200.Items[0].Amount.Value", x.Amount.Value, "65.30")
			eq(t, "ListDetailedTransactions().JSON200.Items[0].TransactionType.AccountStatementGroup.Name", x.TransactionType.AccountStatementGroup.Name, "Item Revenue")
			eq(t, "ListDetailedTransactions().JSON200.Items[0].AccountStatementStartDate.IsDate()", x.AccountStatementStartDate.IsDate(), true)
			// A string amount (the vendor's type for some fields) is read too.
			sameAmount(t, "ListDetailedTransactions().JSON200.Items[1].Amount.Value", p.Items[1].Amount.Value, "-123.45")
			eq(t, "ListDetailedTransactions().JSON200.Items[1].Amount.Value.IsString()", p.Items[1].Amount.Value.IsString(), true)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			p, err := sellercenter.Result(e.c.ListDetailedTransactionsWithResponse(e.ctx, &gen.ListDetailedTransactionsParams{
				TransactionTypeIds: []int{1}, Sort: gen.ListDetailedTransactionsParamsSortAmount, Limit: 3,
			}))
			if err != nil {
				t.Fatalf("ListDetailedTransactions(type 1) = %v", err)
			}
			if len(p.Items) == 0 || p.Items[0].TransactionType.Name != "Item Price Credit" ||
				!slices.IsSortedFunc(p.Items, func(a, b gen.DetailedTransaction) int { return b.Amount.Value.Cmp(a.Amount.Value) }) {
				t.Errorf("ListDetailedTransactions(type 1, by amount desc) = %+v, want item price credits, largest first", p.Items)
			}
		},
	},
	"listOrderItemTransactions": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListOrderItemTransactionsWithResponse(ctx, &gen.ListOrderItemTransactionsParams{
				StatementId: ptr(4), StartDate: datetime.New(apr2023), EndDate: datetime.New(apr30),
				Products: []string{"Batik"}, ProductSkus: []string{"SKU-1", "SKU-2"}, OrderNumbers: []string{"300012345"},
				PayoutStatus:  gen.ListOrderItemTransactionsParamsPayoutStatusPartiallyPaid,
				ShipmentTypes: []gen.ListOrderItemTransactionsParamsShipmentTypes{gen.ListOrderItemTransactionsParamsShipmentTypesCrossDocking},
				Status:        []gen.OrderItemStatus{gen.OrderItemStatusDelivered, gen.OrderItemStatusReturned},
				IsHybrid:      true, StatementType: gen.StatementTypeConsignment, Limit: 10, Offset: 10,
				Sort: gen.ListOrderItemTransactionsParamsSortPayoutAmount, SortDir: gen.ListOrderItemTransactionsParamsSortDirDesc,
			})
		},
		method: http.MethodGet, path: "/v2/finance/order-item-transactions",
		query: url.Values{
			"statementId": {"4"}, "startDate": {"2023-04-01T22:00:00Z"}, "endDate": {"2023-04-30T23:59:59+02:00"},
			"products[]": {"Batik"}, "productSkus[]": {"SKU-1", "SKU-2"}, "orderNumbers[]": {"300012345"},
			"payoutStatus": {"partiallyPaid"}, "shipmentTypes[]": {"cross-docking"}, "status[]": {"delivered", "returned"},
			"isHybrid": {"true"}, "statementType": {"consignment"}, "limit": {"10"}, "offset": {"10"},
			"sort": {"payoutAmount"}, "sortDir": {"desc"},
		},
		literal: []string{"status[]=delivered&status[]=returned"},
		reply:   reply{status: 200, fixture: "finance_order_item_transaction_page.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "ListOrderItemTransactions().JSON200", as[gen.ListOrderItemTransactionsResponse](t, resp).JSON200)
			eq(t, "len(ListOrderItemTransactions().JSON200.Items)", len(p.Items), 1)
			sameAmount(t, "ListOrderItemTransactions().JSON200.Items[0].Fees", p.Items[0].Fees, "-1.00")
			sameAmount(t, "ListOrderItemTransactions().JSON200.Items[0].PayoutAmount", p.Items[0].PayoutAmount, "57.77")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			p, err := sellercenter.Result(e.c.ListOrderItemTransactionsWithResponse(e.ctx, &gen.ListOrderItemTransactionsParams{
				Status: []gen.OrderItemStatus{gen.OrderItemStatusDelivered},
			}))
			if err != nil {
				t.Fatalf("ListOrderItemTransactions(delivered) = %v", err)
			}
			if len(p.Items) == 0 {
				t.Fatal("ListOrderItemTransactions(delivered) = none, want the seeded delivered items")
			}
			for _, x := range p.Items {
				// A delivered item pays its price less the commission, which
				// is negative: payout − commission is the price, above payout.
				if x.Commission.Sign() >= 0 || x.PayoutAmount.Sub(x.Commission).Cmp(x.PayoutAmount) <= 0 {
					t.Errorf("item %d: commission %s, payout %s; want a negative commission off the price", x.OrderItemId, x.Commission, x.PayoutAmount)
				}
			}
		},
	},
	"listTransactionTypes": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListTransactionTypesWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/finance/transaction/types",
		reply: reply{status: 200, fixture: "finance_transaction_types.json"},
		check: func(t *testing.T, resp any) {
			l := deref(t, "ListTransactionTypes().JSON200", as[gen.ListTransactionTypesResponse](t, resp).JSON200)
			eq(t, "len(ListTransactionTypes().JSON200)", len(l), 3)
			eq(t, "ListTransactionTypes().JSON200[1].AccountStatementSection", l[1].AccountStatementSection, gen.AccountStatementSectionFees)
			eq(t, "*ListTransactionTypes().JSON200[1].FeeType", *deref(t, "[1].FeeType", &l[1].FeeType), 1)
			isNil(t, "ListTransactionTypes().JSON200[2].RefSource", l[2].RefSource)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			got, err := listOf(sellercenter.Result(e.c.ListTransactionTypesWithResponse(e.ctx)))
			want, _, ferr := e.mock.Finance()
			if err != nil || ferr != nil || len(got) == 0 || len(got) != len(want) || got[0].Description != want[0].Description {
				t.Errorf("ListTransactionTypes() = %v, %v; want mock.Finance()'s %v (%v)", got, err, want, ferr)
			}
		},
	},
	"listAccountStatementGroups": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListAccountStatementGroupsWithResponse(ctx, &gen.ListAccountStatementGroupsParams{StatementType: gen.StatementTypeConsignment})
		},
		method: http.MethodGet, path: "/v2/finance/transactions/account-statement-groups",
		query: url.Values{"statementType": {"consignment"}},
		reply: reply{status: 200, fixture: "finance_account_statement_groups.json"},
		check: func(t *testing.T, resp any) {
			l := deref(t, "ListAccountStatementGroups().JSON200", as[gen.ListAccountStatementGroupsResponse](t, resp).JSON200)
			eq(t, "len(ListAccountStatementGroups().JSON200)", len(l), 2)
			eq(t, "ListAccountStatementGroups().JSON200[0].AccountStatementGroupId", string(l[0].AccountStatementGroupId), "1")
			eq(t, "ListAccountStatementGroups().JSON200[0].Outcome.Value", l[0].Outcome.Value, "debit_transaction")
			isNil(t, "ListAccountStatementGroups().JSON200[1].TransactionTypeRefSource", l[1].TransactionTypeRefSource)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			got, err := listOf(sellercenter.Result(e.c.ListAccountStatementGroupsWithResponse(e.ctx, nil)))
			_, want, ferr := e.mock.Finance()
			if err != nil || ferr != nil || len(got) == 0 || len(got) != len(want) || got[0].Marker != want[0].Marker {
				t.Errorf("ListAccountStatementGroups() = %v, %v; want mock.Finance()'s %v (%v)", got, err, want, ferr)
			}
		},
	},
	"createTransaction": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			value, _ := money.Parse("123.45")
			tax, _ := money.Parse("12.3")
			return c.CreateTransactionWithResponse(ctx, gen.TransactionCreate{
				SellerId: 1, Description: "Balance Deduction", AccountStatementGroupId: 1, TransactionTypeId: 1,
				Value: value, Currency: usd, ReferenceId: 1234, VatTax: &tax, WhtTax: &tax,
			})
		},
		method: http.MethodPost, path: "/v2/finance/transaction",
		body:  `{"sellerId":1,"description":"Balance Deduction","accountStatementGroupId":1,"transactionTypeId":1,"value":123.45,"currency":"USD","referenceId":1234,"vatTax":12.3,"whtTax":12.3}`,
		reply: reply{status: 201, fixture: "finance_legacy_transaction.json"},
		check: func(t *testing.T, resp any) {
			x := deref(t, "CreateTransaction().JSON201", as[gen.CreateTransactionResponse](t, resp).JSON201)
			eq(t, "CreateTransaction().JSON201.Id", x.Id, 1)
			sameAmount(t, "CreateTransaction().JSON201.Value", x.Value, "65.3")
			sameAmount(t, "*CreateTransaction().JSON201.TaxesVat", *deref(t, "TaxesVat", &x.TaxesVat), "2.3")
			isNil(t, "CreateTransaction().JSON201.UserId", x.UserId)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			seller, err := e.mock.Seller()
			if err != nil {
				t.Fatal(err)
			}
			x, err := sellercenter.Created(e.c.CreateTransactionWithResponse(e.ctx, gen.TransactionCreate{
				SellerId: seller.Id, AccountStatementGroupId: 5, TransactionTypeId: 5,
				Value: amountOf(t, "-25.50"), Currency: "MYR", Description: "Photo shoot",
			}))
			if err != nil {
				t.Fatalf("CreateTransaction(-25.50 MYR) = %v", err)
			}
			sameAmount(t, "CreateTransaction(-25.50 MYR).Value", x.Value, "-25.50")
			i := slices.IndexFunc(e.mock.Transactions(), func(tx gen.FinanceTransaction) bool { return tx.Id == x.Id })
			if i < 0 {
				t.Fatalf("mock.Transactions() lacks the booked transaction %d", x.Id)
			}
			if tx := e.mock.Transactions()[i]; tx.StatementId != 0 || tx.Amount.String() != "-25.50" || tx.Comment != "Photo shoot" {
				t.Errorf("booked transaction = %+v, want -25.50 on the open statement (0)", tx)
			}
			if open := mockStatement(t, e.mock, "MY", false); open.ClosingBalance.Cmp(open.OpeningBalance.Add(x.Value)) != 0 {
				t.Errorf("open MY statement closes at %s, want opening %s + %s", open.ClosingBalance, open.OpeningBalance, x.Value)
			}
		},
	},
	"listFinanceVariables": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListFinanceVariablesWithResponse(ctx, &gen.ListFinanceVariablesParams{
				SellerId: 1, SellerSrcId: "131", VariableName: "commission_rate", VariableValue: "12.5", Limit: 20,
			})
		},
		method: http.MethodGet, path: "/v2/finance/variables",
		query: url.Values{"sellerId": {"1"}, "sellerSrcId": {"131"}, "variableName": {"commission_rate"}, "variableValue": {"12.5"}, "limit": {"20"}},
		reply: reply{status: 200, fixture: "finance_variable_page.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "ListFinanceVariables().JSON200", as[gen.ListFinanceVariablesResponse](t, resp).JSON200)
			eq(t, "len(ListFinanceVariables().JSON200.Items)", len(p.Items), 1)
			eq(t, "ListFinanceVariables().JSON200.Items[0].Value", p.Items[0].Value, 12.5)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			p, err := sellercenter.Result(e.c.ListFinanceVariablesWithResponse(e.ctx, &gen.ListFinanceVariablesParams{VariableName: "commission_rate"}))
			if err != nil || len(p.Items) != 1 || p.Items[0].Value <= 0 || p.Pagination.TotalCount != 1 {
				t.Errorf("ListFinanceVariables(commission_rate) = %+v, %v; want the one rate", p, err)
			}
		},
	},
	"listTransactionStatements": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListTransactionStatementsWithResponse(ctx, &gen.ListTransactionStatementsParams{Ids: []int{1, 2}})
		},
		method: http.MethodGet, path: "/v2/transaction/statements",
		query:   url.Values{"ids[]": {"1", "2"}},
		literal: []string{"ids[]=1&ids[]=2"},
		reply:   reply{status: 200, fixture: "finance_transaction_statements.json"},
		check: func(t *testing.T, resp any) {
			l := deref(t, "ListTransactionStatements(1, 2).JSON200", as[gen.ListTransactionStatementsResponse](t, resp).JSON200)
			eq(t, "len(ListTransactionStatements(1, 2).JSON200)", len(l), 1)
			g := deref(t, "ListTransactionStatements(1, 2).JSON200[0].GuaranteeDeposit", l[0].GuaranteeDeposit)
			sameAmount(t, "ListTransactionStatements(1, 2).JSON200[0].GuaranteeDeposit", g, "0.00")
			eq(t, "ListTransactionStatements(1, 2).JSON200[0].GuaranteeDeposit.IsString()", g.IsString(), true)
			isNil(t, "ListTransactionStatements(1, 2).JSON200[0].Number", l[0].Number)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			s := mockStatement(t, e.mock, "MY", true)
			l, err := listOf(sellercenter.Result(e.c.ListTransactionStatementsWithResponse(e.ctx, &gen.ListTransactionStatementsParams{Ids: []int{s.Id, 99}})))
			if err != nil || len(l) != 1 || l[0].Id != s.Id || l[0].Payout == nil || l[0].Payout.Cmp(s.PayoutAmount) != 0 {
				t.Errorf("ListTransactionStatements(%d, 99) = %+v, %v; want statement %d alone, paying %s", s.Id, l, err, s.Id, s.PayoutAmount)
			}
		},
	},
	"listTransactionTriggerEvents": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListTransactionTriggerEventsWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/transaction/trigger-events",
		reply: reply{status: 200, fixture: "finance_trigger_events.json"},
		check: func(t *testing.T, resp any) {
			l := deref(t, "ListTransactionTriggerEvents().JSON200", as[gen.ListTransactionTriggerEventsResponse](t, resp).JSON200)
			eq(t, "ListTransactionTriggerEvents().JSON200[0].Label", l[0].Label, "Item Shipped")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			l, err := listOf(sellercenter.Result(e.c.ListTransactionTriggerEventsWithResponse(e.ctx)))
			if err != nil || !slices.ContainsFunc(l, func(ev gen.TransactionTriggerEvent) bool { return ev.Name == "order_item_delivered" }) {
				t.Errorf("ListTransactionTriggerEvents() = %v, %v; want order_item_delivered, which books the derived sales", l, err)
			}
		},
	},
	"listOrderItemLegacyTransactions": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListOrderItemLegacyTransactionsWithResponse(ctx, &gen.ListOrderItemLegacyTransactionsParams{OrderItemIds: []int{12, 13}})
		},
		method: http.MethodGet, path: "/v2/transactions",
		query:   url.Values{"orderItemIds[]": {"12", "13"}},
		literal: []string{"orderItemIds[]=12&orderItemIds[]=13"},
		reply:   reply{status: 200, fixture: "finance_legacy_transactions.json"},
		check: func(t *testing.T, resp any) {
			l := deref(t, "ListOrderItemLegacyTransactions(12, 13).JSON200", as[gen.ListOrderItemLegacyTransactionsResponse](t, resp).JSON200)
			eq(t, "len(ListOrderItemLegacyTransactions(12, 13).JSON200)", len(l), 2)
			sameAmount(t, "ListOrderItemLegacyTransactions(12, 13).JSON200[1].Value", l[1].Value, "-6.53")
			isNil(t, "ListOrderItemLegacyTransactions(12, 13).JSON200[1].TaxesVat", l[1].TaxesVat)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			var item int
			for _, tx := range e.mock.Transactions() {
				if tx.OrderItemId != 0 {
					item = tx.OrderItemId
					break
				}
			}
			l, err := listOf(sellercenter.Result(e.c.ListOrderItemLegacyTransactionsWithResponse(e.ctx, &gen.ListOrderItemLegacyTransactionsParams{OrderItemIds: []int{item}})))
			if err != nil || len(l) < 2 || l[0].Ref == nil || *l[0].Ref != item {
				t.Errorf("ListOrderItemLegacyTransactions(%d) = %+v, %v; want its sale and commission", item, l, err)
			}
		},
	},
}

// financeErrorRows answer operations of the finance area with error statuses.
var financeErrorRows = []errorRow{
	{
		op:    "getStatement",
		reply: reply{status: 404, fixture: "problem_not_found.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "GetStatement(4).JSON404", as[gen.GetStatementResponse](t, resp).JSON404)
			eq(t, "GetStatement(4).JSON404.Status", p.Status, int32(404))
		},
	},
	{
		op:    "createTransaction",
		reply: reply{status: 422, fixture: "finance_problem_currency.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "CreateTransaction().JSON422", as[gen.CreateTransactionResponse](t, resp).JSON422)
			eq(t, "CreateTransaction().JSON422.Title", p.Title, "Entity can not be processed")
		},
	},
}
