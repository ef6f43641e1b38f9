package sellercentertest

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/money"
)

// The transaction types the mock books, by id: the ledger derived from the
// orders uses the first four, createTransaction may book any of them.
const (
	txItemPriceCredit  = 1 // a delivered item's price, paid to the seller
	txCommission       = 2 // the marketplace's commission on it
	txItemPriceRefund  = 3 // a returned item's price, taken back
	txCommissionRefund = 4 // the commission on a returned item, given back
	txBalanceDeduction = 5
	txOtherCredit      = 6
)

// Trigger events of the derived transactions.
const (
	eventDelivered = 2
	eventReturned  = 3
)

// commissionPercent is the rate of the seeded commission_rate variable.
const commissionPercent = 10

// manualIDBase is where the ids of createTransaction's transactions start,
// far above the derived ones (order item id × 10 + kind).
const manualIDBase = 1_000_000

// finance is the mock's finance state: the reference lists the API serves
// and the transactions booked by hand. Every other transaction is derived
// from the orders when read (see ledger), so a status change shows in the
// finance answers at once and statements always add up.
type finance struct {
	types     []gen.TransactionType
	groups    []gen.AccountStatementGroup
	events    []gen.TransactionTriggerEvent
	variables []gen.FinanceVariable
	manual    []ledgerEntry
}

// ledgerEntry is one transaction, derived or booked by hand.
type ledgerEntry struct {
	id          int
	at          time.Time
	typeID      int
	country     string
	currency    string
	value       money.Amount
	vat, wht    money.Amount
	orderItem   *item // nil for a transaction of no order item
	orderNumber string
	orderID     int
	source      gen.TransactionSource
	comment     string
	event       int // trigger event id, 0 for none
	userID      int // who booked it by hand, 0 for the system
	ref         int // what it refers to (order item or product id)
}

// statement is an account statement of one country and calendar month,
// computed from the ledger.
type statement struct {
	id                int // 0 for the open statement of the current month
	country, currency string
	start, end        time.Time
	entries           []ledgerEntry
	opening, closing  money.Amount
	payout            money.Amount
	open              bool
	due               time.Time
	paid              bool
}

func newFinance() finance {
	str := func(s string) *string { return &s }
	types := []gen.TransactionType{
		{Id: txItemPriceCredit, Description: "Item Price Credit", AccountStatementSection: gen.AccountStatementSectionItemRevenue, Type: gen.TransactionTypeTypeCredit, RefSource: str("sales_order_item")},
		{Id: txCommission, Description: "Commission", AccountStatementSection: gen.AccountStatementSectionFees, Type: gen.TransactionTypeTypeDebit, RefSource: str("sales_order_item"), FeeType: ptr(1)},
		{Id: txItemPriceRefund, Description: "Item Price", AccountStatementSection: gen.AccountStatementSectionItemRefunds, Type: gen.TransactionTypeTypeDebit, RefSource: str("sales_order_item")},
		{Id: txCommissionRefund, Description: "Commission Credit", AccountStatementSection: gen.AccountStatementSectionRefunds, Type: gen.TransactionTypeTypeCredit, RefSource: str("sales_order_item"), FeeType: ptr(1)},
		{Id: txBalanceDeduction, Description: "Balance Deduction", AccountStatementSection: gen.AccountStatementSectionOtherTransactions, Type: gen.TransactionTypeTypeDebit, RefSource: str("seller")},
		{Id: txOtherCredit, Description: "Other Credit", AccountStatementSection: gen.AccountStatementSectionOtherRevenue, Type: gen.TransactionTypeTypeCredit, RefSource: str("seller")},
	}
	groupNames := map[int]string{
		txItemPriceCredit: "Item Revenue", txCommission: "Commissions", txItemPriceRefund: "Item Refunds",
		txCommissionRefund: "Commission Refunds", txBalanceDeduction: "Balance Deduction", txOtherCredit: "Other Revenue",
	}
	var groups []gen.AccountStatementGroup
	for _, t := range types {
		outcome := "credit_transaction"
		if t.Type == gen.TransactionTypeTypeDebit {
			outcome = "debit_transaction"
		}
		groups = append(groups, gen.AccountStatementGroup{
			AccountStatementGroupId:  gen.FlexibleId(strconv.Itoa(t.Id)),
			Name:                     groupNames[t.Id],
			Outcome:                  gen.GroupOutcome{Value: outcome},
			TransactionTypeId:        t.Id,
			AccountStatementSection:  string(t.AccountStatementSection),
			TransactionType:          t.Description,
			Marker:                   fmt.Sprintf("account_statement_group-%s-%d", slug(groupNames[t.Id]), t.Id),
			StatementType:            gen.StatementTypeMarketplace,
			TransactionTypeRefSource: t.RefSource,
		})
	}
	return finance{
		types:  types,
		groups: groups,
		events: []gen.TransactionTriggerEvent{
			{Id: 1, Name: "order_item_shipped", Label: "Item Shipped"},
			{Id: eventDelivered, Name: "order_item_delivered", Label: "Item Delivered"},
			{Id: eventReturned, Name: "order_item_returned", Label: "Item Returned"},
			{Id: 4, Name: "manual", Label: "Manual Transaction"},
		},
		variables: []gen.FinanceVariable{
			{Name: "commission_rate", Description: "Commission in percent of the item price", SellerDescription: "Commission rate", Type: "percentage", Value: commissionPercent, GlobalValue: true},
			{Name: "payment_term_days", Description: "Days from the end of a statement to its payout", SellerDescription: "Payment term", Type: "integer", Value: paymentTermDays, GlobalValue: true},
		},
	}
}

// zeroAmount is 0 at cents, so empty totals read "0.00" as the API's do.
var zeroAmount, _ = money.Parse("0.00")

// paymentTermDays is how long after its end a statement is paid out.
const paymentTermDays = 14

// slug lowers a name and joins its words with dashes, for group markers.
func slug(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			out = append(out, r+'a'-'A')
		case r == ' ':
			out = append(out, '-')
		default:
			out = append(out, r)
		}
	}
	return string(out)
}

// txType returns the transaction type with id.
func (f *finance) txType(id int) (gen.TransactionType, bool) {
	i := slices.IndexFunc(f.types, func(t gen.TransactionType) bool { return t.Id == id })
	if i < 0 {
		return gen.TransactionType{}, false
	}
	return f.types[i], true
}

// groupOf returns the account statement group a transaction type is booked in.
func (f *finance) groupOf(typeID int) (id int, name string) {
	for _, g := range f.groups {
		if g.TransactionTypeId == typeID {
			n, _ := strconv.Atoi(string(g.AccountStatementGroupId))
			return n, g.Name
		}
	}
	return 0, ""
}

// currencyCountry is the country of an ISO 4217 code: its first two letters
// name the country for every currency the marketplaces use.
func currencyCountry(currency string) string {
	if len(currency) < 2 {
		return ""
	}
	return currency[:2]
}

// countryCurrency is the currency a country's statements are in: the one its
// orders are in, or the marketplace currency of the enabled countries.
func (st *store) countryCurrency(country string) string {
	for _, o := range st.orders {
		if currencyCountry(o.o.Currency) == country {
			return o.o.Currency
		}
	}
	switch country {
	case "MY":
		return "MYR"
	case "SG":
		return "SGD"
	}
	return ""
}

// priceAmount is an item price as the exact amount it stands for: the
// mock's order model keeps prices as float64, and a price has at most two
// decimals, so its shortest decimal text at two places is that amount.
func priceAmount(v float64) money.Amount {
	a, err := money.Parse(strconv.FormatFloat(v, 'f', 2, 64))
	if err != nil {
		return money.Amount{}
	}
	return a
}

// commissionOn is commissionPercent of price, rounded half up to the cent,
// in exact integer arithmetic.
func commissionOn(price money.Amount) money.Amount {
	cents, err := price.MinorUnits(2)
	if err != nil {
		return money.Amount{}
	}
	c, err := money.FromMinorUnits((cents*commissionPercent+50)/100, 2)
	if err != nil {
		return money.Amount{}
	}
	return c
}

// ledger lists every transaction: those the orders' histories imply (an
// item delivered earns its price less commission; an item returned after
// that gives both back) and those booked by hand, oldest first.
func (st *store) ledger() []ledgerEntry {
	var out []ledgerEntry
	for _, o := range st.orders {
		country := currencyCountry(o.o.Currency)
		for _, h := range st.history[o.o.Id] {
			it := st.items[h.OrderItemId]
			if it == nil {
				continue
			}
			price := priceAmount(it.it.PaidPrice)
			commission := commissionOn(price)
			base := ledgerEntry{
				at: h.CreatedAt.Time, country: country, currency: o.o.Currency, orderItem: it,
				orderNumber: o.o.Number, orderID: o.o.Id, source: gen.TransactionSourceSellercenter, ref: it.it.Id,
			}
			switch h.Status {
			case gen.OrderItemStatusDelivered:
				if hasEntry(out, it.it.Id*10+txItemPriceCredit) {
					continue
				}
				out = append(out,
					base.with(it.it.Id*10+txItemPriceCredit, txItemPriceCredit, price, eventDelivered),
					base.with(it.it.Id*10+txCommission, txCommission, commission.Neg(), eventDelivered))
			case gen.OrderItemStatusReturned:
				if !hasEntry(out, it.it.Id*10+txItemPriceCredit) || hasEntry(out, it.it.Id*10+txItemPriceRefund) {
					continue
				}
				out = append(out,
					base.with(it.it.Id*10+txItemPriceRefund, txItemPriceRefund, price.Neg(), eventReturned),
					base.with(it.it.Id*10+txCommissionRefund, txCommissionRefund, commission, eventReturned))
			}
		}
	}
	out = append(out, st.fin.manual...)
	slices.SortFunc(out, func(a, b ledgerEntry) int {
		return cmp.Or(a.at.Compare(b.at), cmp.Compare(a.id, b.id))
	})
	return out
}

func (e ledgerEntry) with(id, typeID int, value money.Amount, event int) ledgerEntry {
	e.id, e.typeID, e.value, e.event = id, typeID, value, event
	e.vat, e.wht = zeroAmount, zeroAmount
	return e
}

func hasEntry(es []ledgerEntry, id int) bool {
	return slices.ContainsFunc(es, func(e ledgerEntry) bool { return e.id == id })
}

// monthStart is the first moment of t's calendar month, in UTC.
func monthStart(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// statementID names a closed statement by its month and country, so ids
// stay the same however the ledger grows: 2024-10 in the first enabled
// country is 20241001.
func (st *store) statementID(start time.Time, country string) int {
	idx := slices.Index(st.countries, country) + 1
	if idx == 0 {
		idx = len(st.countries) + 1
	}
	return start.Year()*10000 + int(start.Month())*100 + idx
}

// statements computes every statement: a closed one for each country and
// month with transactions before the current month, and the open one of
// each enabled country, in order of country and month.
func (st *store) statements() []*statement {
	now := st.now()
	current := monthStart(now)
	byKey := map[string]*statement{}
	var all []*statement
	get := func(country string, start time.Time) *statement {
		key := country + start.Format("2006-01")
		if s, ok := byKey[key]; ok {
			return s
		}
		s := &statement{country: country, currency: st.countryCurrency(country), start: start,
			end: start.AddDate(0, 1, 0).Add(-time.Second), open: !start.Before(current)}
		if !s.open {
			s.id = st.statementID(start, country)
		}
		s.due = s.end.Add(paymentTermDays * 24 * time.Hour)
		byKey[key] = s
		all = append(all, s)
		return s
	}
	for _, c := range st.countries {
		get(c, current)
	}
	for _, e := range st.ledger() {
		start := monthStart(e.at)
		if start.After(current) {
			start = current
		}
		s := get(e.country, start)
		s.entries = append(s.entries, e)
	}
	slices.SortFunc(all, func(a, b *statement) int {
		return cmp.Or(cmp.Compare(a.country, b.country), a.start.Compare(b.start))
	})
	// Balances carry over: a statement opens with what the previous one of
	// its country kept back, and a closed one pays out a positive balance.
	var carry money.Amount
	for i, s := range all {
		if i == 0 || all[i-1].country != s.country {
			carry = zeroAmount
		}
		s.opening = carry
		values := make([]money.Amount, 0, len(s.entries)+1)
		values = append(values, s.opening)
		for _, e := range s.entries {
			values = append(values, e.value)
		}
		s.closing = money.Sum(values...)
		s.payout = zeroAmount
		if s.closing.Sign() > 0 {
			s.payout = s.closing
		}
		s.paid = !s.open && !s.due.After(now)
		carry = s.closing.Sub(s.payout)
		if s.open || !s.paid {
			carry = s.closing
		}
	}
	return all
}

// statementOf finds the statement an entry is booked on.
func statementOf(all []*statement, e ledgerEntry) *statement {
	for _, s := range all {
		if s.country == e.country && slices.ContainsFunc(s.entries, func(x ledgerEntry) bool { return x.id == e.id }) {
			return s
		}
	}
	return nil
}

func (s *statement) number() string {
	return fmt.Sprintf("%s-%s", s.country, s.start.Format("2006-01"))
}

func (s *statement) render(sellerID int) gen.FinanceStatement {
	out := gen.FinanceStatement{
		Id: s.id, SellerId: sellerID, Number: s.number(),
		StartDate: datetime.New(s.start), EndDate: datetime.New(s.end),
		DueDate:        ptr(datetime.New(s.due)),
		OpeningBalance: s.opening, ClosingBalance: s.closing, PayoutAmount: s.payout,
		GuaranteeDeposit: zeroAmount, Paid: s.paid,
		Currency: s.currency, Country: s.country, Type: gen.StatementTypeMarketplace,
	}
	if s.paid {
		out.PaidAt = ptr(datetime.New(s.due))
	}
	return out
}

func (s *statement) renderCurrent(sellerID int) gen.CurrentStatement {
	f := s.render(sellerID)
	return gen.CurrentStatement{
		SellerId: f.SellerId, Number: f.Number, StartDate: f.StartDate, EndDate: f.EndDate,
		OpeningBalance: f.OpeningBalance, ClosingBalance: f.ClosingBalance, PayoutAmount: f.PayoutAmount,
		Currency: f.Currency, Country: f.Country, GuaranteeDeposit: f.GuaranteeDeposit,
		DueDate: f.DueDate, Type: f.Type,
	}
}

// breakdown sums a statement's transactions by section and, within each,
// by transaction type.
func (st *store) breakdown(s *statement) gen.StatementBreakdown {
	sections := map[gen.AccountStatementSection]*gen.GroupTotal{}
	vat, wht := []money.Amount{zeroAmount}, []money.Amount{zeroAmount}
	for _, e := range s.entries {
		t, _ := st.fin.txType(e.typeID)
		g := sections[t.AccountStatementSection]
		if g == nil {
			g = &gen.GroupTotal{Total: zeroAmount, Groups: []gen.AmountGroup{}}
			sections[t.AccountStatementSection] = g
		}
		g.Total = g.Total.Add(e.value)
		i := slices.IndexFunc(g.Groups, func(a gen.AmountGroup) bool { return a.Id == t.Id })
		if i < 0 {
			g.Groups = append(g.Groups, gen.AmountGroup{Id: t.Id, Name: t.Description, Amount: zeroAmount})
			i = len(g.Groups) - 1
		}
		g.Groups[i].Amount = g.Groups[i].Amount.Add(e.value)
		vat, wht = append(vat, e.vat), append(wht, e.wht)
	}
	sec := func(k gen.AccountStatementSection) gen.GroupTotal {
		if g := sections[k]; g != nil {
			return *g
		}
		return gen.GroupTotal{Total: zeroAmount, Groups: []gen.AmountGroup{}}
	}
	d := gen.StatementDetails{
		Order: gen.StatementOrderSection{
			ItemRevenue: sec(gen.AccountStatementSectionItemRevenue), OtherRevenue: sec(gen.AccountStatementSectionOtherRevenue),
			Fees: sec(gen.AccountStatementSectionFees), Subsidy: sec(gen.AccountStatementSectionSubsidy),
		},
		Refunds: gen.StatementRefundSection{
			ItemRefunds: sec(gen.AccountStatementSectionItemRefunds), Refunds: sec(gen.AccountStatementSectionRefunds),
			DebitOtherRevenues: sec(gen.AccountStatementSectionDebitOtherRevenues), SubsidyRefunds: sec(gen.AccountStatementSectionSubsidyRefund),
		},
		Others: gen.StatementOtherSection{Others: sec(gen.AccountStatementSectionOtherTransactions)},
	}
	d.Order.Subtotal = money.Sum(d.Order.ItemRevenue.Total, d.Order.OtherRevenue.Total, d.Order.Fees.Total, d.Order.Subsidy.Total)
	d.Refunds.Subtotal = money.Sum(d.Refunds.ItemRefunds.Total, d.Refunds.Refunds.Total, d.Refunds.DebitOtherRevenues.Total, d.Refunds.SubsidyRefunds.Total)
	totalVat, totalWht := money.Sum(vat...), money.Sum(wht...)
	d.Order.VatAmount, d.Order.WhtAmount = &totalVat, &totalWht
	return gen.StatementBreakdown{Id: s.id, Currency: s.currency, Country: s.country, Type: gen.StatementTypeMarketplace, Details: d}
}

// number is a transaction's number as the API shows it.
func (e ledgerEntry) number() string { return fmt.Sprintf("TRX-%08d", e.id) }

func (st *store) renderTransaction(e ledgerEntry, s *statement) gen.FinanceTransaction {
	t, _ := st.fin.txType(e.typeID)
	groupID, groupName := st.fin.groupOf(e.typeID)
	out := gen.FinanceTransaction{
		Id: e.id, Date: datetime.New(e.at), Number: e.number(), TypeId: e.typeID, TreStatementGroupId: &groupID,
		Amount: e.value, VatAmount: e.vat, WhtAmount: e.wht, Source: e.source, Comment: e.comment,
		OrderNumber: e.orderNumber, Currency: e.currency, Country: e.country,
		TypeName: t.Description, GroupName: groupName, StatementType: gen.StatementTypeMarketplace,
	}
	if s != nil {
		out.StatementId = s.id
	}
	if e.orderItem != nil {
		out.OrderItemId = e.orderItem.it.Id
	}
	return out
}

func (st *store) renderDetailed(e ledgerEntry, s *statement) gen.DetailedTransaction {
	t, _ := st.fin.txType(e.typeID)
	groupID, groupName := st.fin.groupOf(e.typeID)
	out := gen.DetailedTransaction{
		CreatedAt: datetime.New(e.at), TransactionNumber: e.number(),
		TransactionType: gen.TransactionTypeRef{Id: t.Id, Name: t.Description,
			AccountStatementGroup: gen.AccountStatementGroupRef{Id: groupID, Name: groupName}},
		UserId: e.userID, Comment: e.comment,
		Amount:  gen.TransactionAmount{Value: e.value, VatTax: e.vat, WhtTax: e.wht, Currency: e.currency},
		Country: e.country, TransactionReference: e.ref, Hash: ptr(fmt.Sprintf("%x", e.id*2654435761)),
		StatementType: gen.StatementTypeMarketplace,
	}
	if e.orderItem != nil {
		out.OrderNumber, out.ProductSku = ptr(e.orderNumber), ptr(e.orderItem.it.Product.SellerSku)
	}
	if s != nil {
		out.AccountStatementId, out.AccountStatementIsPaid, out.AccountStatementNumber = s.id, s.paid, s.number()
		out.AccountStatementStartDate, out.AccountStatementEndDate = datetime.New(s.start), datetime.New(s.end)
		out.AccountStatementPaymentDueDate = datetime.New(s.due)
	}
	return out
}

func (st *store) renderLegacy(e ledgerEntry, s *statement) gen.LegacyTransaction {
	groupID, groupName := st.fin.groupOf(e.typeID)
	at := datetime.New(e.at)
	out := gen.LegacyTransaction{
		Id: e.id, SellerId: ptr(st.seller.Id), TransactionTypeId: e.typeID,
		TreStatementGroupId: &groupID, TransactionGroupName: &groupName,
		IsUnique: ptr(true), TransactionSource: e.source, Description: e.comment,
		Value: e.value, TaxesVat: ptr(e.vat), TaxesWht: ptr(e.wht),
		Number: ptr(e.number()), CreatedAt: at, UpdatedAt: at, Currency: ptr(e.currency),
	}
	if e.event != 0 {
		out.TransactionTriggerEventId = ptr(e.event)
	}
	if e.userID != 0 {
		out.UserId, out.ReferenceType = ptr(e.userID), ptr("user")
	} else {
		out.ReferenceType = ptr("system")
	}
	if e.ref != 0 {
		out.Ref = ptr(e.ref)
	}
	if s != nil && !s.open {
		out.TransactionStatementId = ptr(s.id)
	}
	return out
}

// Finance returns the reference lists the mock's finance answers use: the
// transaction types and the account statement groups.
func (s *Server) Finance() ([]gen.TransactionType, []gen.AccountStatementGroup, error) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	types, err := clone(s.st.fin.types)
	if err != nil {
		return nil, nil, err
	}
	groups, err := clone(s.st.fin.groups)
	return types, groups, err
}

// Statements returns every account statement as listStatements and
// getCurrentStatement would, the open ones (id 0) included.
func (s *Server) Statements() []gen.FinanceStatement {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	var out []gen.FinanceStatement
	for _, x := range s.st.statements() {
		out = append(out, x.render(s.st.seller.Id))
	}
	return out
}

// Transactions returns every transaction of the ledger, oldest first, as
// listTransactions would.
func (s *Server) Transactions() []gen.FinanceTransaction {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	all := s.st.statements()
	var out []gen.FinanceTransaction
	for _, e := range s.st.ledger() {
		out = append(out, s.st.renderTransaction(e, statementOf(all, e)))
	}
	return out
}
