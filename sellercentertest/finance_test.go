package sellercentertest

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/money"
)

func amt(t *testing.T, s string) money.Amount {
	t.Helper()
	a, err := money.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// novemberServer is a seeded mock on 2024-11-20: October's statement is
// closed and paid (due on the 14th), November's is open.
func novemberServer(t *testing.T) (*Server, *gen.ClientWithResponses) {
	t.Helper()
	clock := newClock()
	clock.Advance(43 * 24 * time.Hour)
	s := newServer(t, Config{Now: clock.Now})
	return s, apiClient(t, s)
}

// openTransactions lists the transactions of the open statements.
func openTransactions(t *testing.T, c *gen.ClientWithResponses) []gen.FinanceTransaction {
	t.Helper()
	r, err := c.ListTransactionsWithResponse(context.Background(), &gen.ListTransactionsParams{StatementIds: []int{0}})
	if err != nil || r.JSON200 == nil {
		t.Fatalf("ListTransactions(open) = %v %.200s", err, r.Body)
	}
	return r.JSON200.Items
}

// TestLedgerFollowsOrders: delivering an item books its price and the
// commission on the open statement; returning it books both back; the
// statement's balance and breakdown follow exactly.
func TestLedgerFollowsOrders(t *testing.T) {
	t.Parallel()
	s, c := novemberServer(t)
	ctx := context.Background()
	if got := openTransactions(t, c); len(got) != 0 {
		t.Fatalf("open statement before any change = %d transactions, want none", len(got))
	}
	var shipped gen.OrderItem
	orders, err := s.Orders()
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orders {
		for _, it := range o.Items {
			if it.Status == gen.OrderItemStatusShipped && o.Currency == "MYR" && shipped.Id == 0 {
				shipped = it
			}
		}
	}
	if shipped.Id == 0 {
		t.Fatal("the seed has no shipped MYR item")
	}
	if err := s.SetItemStatus(shipped.Id, gen.OrderItemStatusDelivered); err != nil {
		t.Fatal(err)
	}
	txs := openTransactions(t, c)
	price := priceAmount(shipped.PaidPrice)
	if len(txs) != 2 || txs[0].TypeId != txItemPriceCredit || txs[0].Amount.Cmp(price) != 0 ||
		txs[1].TypeId != txCommission || txs[1].Amount.Cmp(commissionOn(price).Neg()) != 0 || txs[1].Amount.Sign() >= 0 {
		t.Fatalf("after delivering item %d at %s: open transactions = %+v, want its price and minus 10%% commission", shipped.Id, price, txs)
	}
	if txs[0].OrderItemId != shipped.Id || txs[0].GroupName != "Item Revenue" || txs[0].StatementId != 0 {
		t.Errorf("sale transaction = %+v, want item %d in Item Revenue on statement 0", txs[0], shipped.Id)
	}
	cur, err := c.GetCurrentStatementWithResponse(ctx, "MY", nil)
	if err != nil || cur.JSON200 == nil {
		t.Fatalf("GetCurrentStatement(MY) = %v", err)
	}
	if want := price.Sub(commissionOn(price)); cur.JSON200.ClosingBalance.Cmp(cur.JSON200.OpeningBalance.Add(want)) != 0 {
		t.Errorf("open MY statement closes at %s from %s, want + %s", cur.JSON200.ClosingBalance, cur.JSON200.OpeningBalance, want)
	}

	if err := s.SetItemStatus(shipped.Id, gen.OrderItemStatusReturned); err != nil {
		t.Fatal(err)
	}
	txs = openTransactions(t, c)
	if len(txs) != 4 || money.Sum(txs[0].Amount, txs[1].Amount, txs[2].Amount, txs[3].Amount).Sign() != 0 {
		t.Errorf("after the return: open transactions = %+v, want the sale, the commission and both taken back, netting 0", txs)
	}
	d, err := c.GetCurrentStatementDetailsWithResponse(ctx, "MY", nil)
	if err != nil || d.JSON200 == nil {
		t.Fatalf("GetCurrentStatementDetails(MY) = %v", err)
	}
	o, r := d.JSON200.Details.Order, d.JSON200.Details.Refunds
	if o.Subtotal.Cmp(price.Sub(commissionOn(price))) != 0 || r.Subtotal.Cmp(o.Subtotal.Neg()) != 0 || d.JSON200.Country != "" {
		t.Errorf("open breakdown: order %s, refunds %s (country %q); want %s and its negative, naming no country",
			o.Subtotal, r.Subtotal, d.JSON200.Country, price.Sub(commissionOn(price)))
	}
}

// TestClosedStatements: October's statement is paid out in full, its
// number and dates name the month, and unknown ids are 404.
func TestClosedStatements(t *testing.T) {
	t.Parallel()
	_, c := novemberServer(t)
	ctx := context.Background()
	l, err := c.ListStatementsWithResponse(ctx, &gen.ListStatementsParams{Paid: ptr(true)})
	if err != nil || l.JSON200 == nil || len(l.JSON200.Items) != 1 {
		t.Fatalf("ListStatements(paid) = %v %.300s, want October's statement", err, l.Body)
	}
	oct := l.JSON200.Items[0]
	if oct.Number != "MY-2024-10" || !oct.Paid || oct.PaidAt == nil || oct.PayoutAmount.Cmp(oct.ClosingBalance) != 0 || oct.ClosingBalance.Sign() <= 0 {
		t.Errorf("October = %+v, want MY-2024-10 paid out at its closing balance", oct)
	}
	tr, err := c.ListTransactionsWithResponse(ctx, &gen.ListTransactionsParams{StatementIds: []int{oct.Id}, Limit: 3, Offset: 2})
	if err != nil || tr.JSON200 == nil {
		t.Fatalf("ListTransactions(October, page) = %v", err)
	}
	if p := tr.JSON200.Pagination; len(tr.JSON200.Items) != 3 || p.Limit != 3 || p.Offset != 2 || p.TotalCount < 5 {
		t.Errorf("ListTransactions(October, limit 3, offset 2) = %d items, %+v; want 3 of the whole total", len(tr.JSON200.Items), p)
	}
	for _, id := range []int{0, 1, 20241002} {
		r, err := c.GetStatementWithResponse(ctx, id)
		if err != nil || r.StatusCode() != http.StatusNotFound || r.JSON404 == nil {
			t.Errorf("GetStatement(%d) = %v %d, want 404", id, err, r.StatusCode())
		}
	}
	r, err := c.GetCurrentStatementWithResponse(ctx, "MY", &gen.GetCurrentStatementParams{Type: gen.StatementTypeConsignment})
	if err != nil || r.StatusCode() != http.StatusNotFound {
		t.Errorf("GetCurrentStatement(MY, consignment) = %v %d, want 404: the seller has no consignment statements", err, r.StatusCode())
	}
}

func TestCreateTransaction(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	deduction := func(change func(b *gen.TransactionCreate)) func(*testing.T) gen.TransactionCreate {
		return func(t *testing.T) gen.TransactionCreate {
			b := gen.TransactionCreate{SellerId: 4089, AccountStatementGroupId: 5, TransactionTypeId: txBalanceDeduction, Value: amt(t, "-12.30"), Currency: "MYR"}
			if change != nil {
				change(&b)
			}
			return b
		}
	}
	tests := []struct {
		name   string
		body   func(*testing.T) gen.TransactionCreate
		status int
		detail string
	}{
		{"a deduction", deduction(nil), http.StatusCreated, ""},
		{"three decimals", deduction(func(b *gen.TransactionCreate) { b.Value = amt(t, "-12.305") }), http.StatusBadRequest, "value: This value must be an amount with at most 2 decimals."},
		{"zero", deduction(func(b *gen.TransactionCreate) { b.Value = amt(t, "0.00") }), http.StatusBadRequest, "value: This value should not be zero."},
		{"another seller", deduction(func(b *gen.TransactionCreate) { b.SellerId = 7 }), http.StatusUnprocessableEntity, "seller 7 does not exist"},
		{"unknown type", deduction(func(b *gen.TransactionCreate) { b.TransactionTypeId = 99 }), http.StatusUnprocessableEntity, "transaction type 99 does not exist"},
		{"group of another type", deduction(func(b *gen.TransactionCreate) { b.AccountStatementGroupId = 1 }), http.StatusUnprocessableEntity, "is not booked in account statement group 1"},
		{"currency of no enabled country", deduction(func(b *gen.TransactionCreate) { b.Currency = "USD" }), http.StatusUnprocessableEntity, `USD\" is not supported by seller 4089`},
		{"item type without an item", deduction(func(b *gen.TransactionCreate) {
			b.TransactionTypeId, b.AccountStatementGroupId, b.Value = txItemPriceCredit, 1, amt(t, "5.00")
		}), http.StatusUnprocessableEntity, "needs referenceId"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, c := novemberServer(t)
			r, err := c.CreateTransactionWithResponse(ctx, tt.body(t))
			if err != nil || r.StatusCode() != tt.status {
				t.Fatalf("CreateTransaction() = %v %d %.300s, want %d", err, r.StatusCode(), r.Body, tt.status)
			}
			if tt.detail != "" && !strings.Contains(string(r.Body), tt.detail) {
				t.Errorf("CreateTransaction() body %s, want it to say %q", r.Body, tt.detail)
			}
			txs := openTransactions(t, c)
			if booked := len(txs) > 0; booked != (tt.status == http.StatusCreated) {
				t.Fatalf("open transactions after CreateTransaction() = %+v; want one only when it was created", txs)
			}
			if tt.status == http.StatusCreated && (txs[0].Amount.String() != "-12.30" || txs[0].TypeName != "Balance Deduction" || txs[0].Id != r.JSON201.Id) {
				t.Errorf("booked %+v, want the -12.30 Balance Deduction answered as %d", txs[0], r.JSON201.Id)
			}
		})
	}
}

// TestCreateTransactionOfAnItem: a transaction on an order item shows in
// the item's legacy list and in its summary.
func TestCreateTransactionOfAnItem(t *testing.T) {
	t.Parallel()
	s, c := novemberServer(t)
	ctx := context.Background()
	item := s.Transactions()[0].OrderItemId
	r, err := c.CreateTransactionWithResponse(ctx, gen.TransactionCreate{
		SellerId: 4089, AccountStatementGroupId: 1, TransactionTypeId: txItemPriceCredit,
		Value: amt(t, "4.50"), Currency: "MYR", ReferenceId: item, Description: "Price correction",
	})
	if err != nil || r.JSON201 == nil {
		t.Fatalf("CreateTransaction(item %d) = %v %.300s", item, err, r.Body)
	}
	l, err := c.ListOrderItemLegacyTransactionsWithResponse(ctx, &gen.ListOrderItemLegacyTransactionsParams{OrderItemIds: []int{item}})
	if err != nil || l.JSON200 == nil || !slices.ContainsFunc(*l.JSON200, func(x gen.LegacyTransaction) bool {
		return x.Id == r.JSON201.Id && x.Description == "Price correction" && x.Value.String() == "4.50"
	}) {
		t.Errorf("ListOrderItemLegacyTransactions(%d) = %v %.300s, want the correction", item, err, l.Body)
	}
	d, err := c.ListDetailedTransactionsWithResponse(ctx, &gen.ListDetailedTransactionsParams{OrderItemIds: []int{item}, Sort: gen.ListDetailedTransactionsParamsSortCreatedAt})
	if err != nil || d.JSON200 == nil || len(d.JSON200.Items) < 3 || d.JSON200.Items[0].Comment != "Price correction" || d.JSON200.Items[0].AccountStatementId != 0 {
		t.Errorf("ListDetailedTransactions(item %d, newest first) = %v %.300s, want the correction first, on the open statement", item, err, d.Body)
	}
}
