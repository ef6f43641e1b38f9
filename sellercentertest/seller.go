package sellercentertest

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
)

// sellerAccount is the state of the seller-account operations: the other
// sellers the user may switch to, the profile's fields, settings, ratings,
// contracts and figures. The home seller itself stays in store.seller.
type sellerAccount struct {
	others         []gen.Seller // sellers besides the home one, by id
	selected       int          // the seller the next access token acts for
	settings       gen.SellerSettings
	fields         []gen.SellerConfigurationField
	files          map[int]map[int]string // seller id -> file field id -> value
	ratings        map[int][]gen.SellerRating
	kpis           []gen.CustomKpiValue // custom KPIs written, in order
	contracts      []gen.SellerContract
	creditNote     gen.CreditNoteSettings
	commissions    []gen.SellerCommission
	payouts        []gen.SellerPayout
	metrics        []gen.SellerMetrics
	externalFiles  []gen.SellerExternalFile
	paymentMethods []gen.PaymentMethod // those of the settings; past orders add theirs
}

// Ids of the seeded seller profile fields. The first three are the home
// seller's seeded profile fields (store.profileIDs); the last takes a file.
const (
	fieldRegistration = 11
	fieldReturnAddr   = 12
	fieldHoliday      = 13
	fieldLicence      = 14
)

// account returns the seller-account state, making it on first use from the
// home seller. The caller holds st.mu.
func (st *store) account() *sellerAccount {
	if st.acct == nil {
		st.acct = newSellerAccount(st.seller.Id)
	}
	return st.acct
}

func newSellerAccount(home int) *sellerAccount {
	at := func(y int, m time.Month, d int) datetime.Time { return dt(time.Date(y, m, d, 3, 33, 47, 0, time.UTC)) }
	a := &sellerAccount{
		selected: home,
		others: []gen.Seller{
			{Id: 4090, Uuid: "5e11e0c0-4090-4d6b-8a51-3f0c2d9e4090", SrcId: "4090", ShortCode: "SG1K8B3",
				Status: gen.SellerStatusActive, Name: "Kedai Batik Singapura", CompanyName: "Kedai Batik Singapura Pte. Ltd.",
				Email: "sg@kedaibatik.example", TaxClass: "local", CreatedAt: at(2021, time.May, 4), UpdatedAt: at(2024, time.June, 1),
				Verified: true, Listed: true, DelistReasons: []gen.DelistReason{}, AgreementsAccepted: false,
				ProfileFields: []gen.ProfileField{{Name: "business_registration_number", Value: "202104455K", DisplayValue: "202104455K"}}},
			{Id: 4091, Uuid: "5e11e0c0-4091-4d6b-8a51-3f0c2d9e4091", SrcId: "4091", ShortCode: "MY1K8B4",
				Status: gen.SellerStatusInactive, Name: "Batik Outlet", CompanyName: "Kedai Batik Nusantara Sdn. Bhd.",
				Email: "outlet@kedaibatik.example", TaxClass: "local", CreatedAt: at(2022, time.January, 10), UpdatedAt: at(2023, time.March, 2),
				Listed: false, DelistReasons: []gen.DelistReason{{ReasonIdentifier: 2, Reason: gen.DelistReasonReasonHOLIDAYMODE, Message: "Holiday mode is on"}},
				ProfileFields: []gen.ProfileField{}},
		},
		settings: gen.SellerSettings{
			"document_number": nil, "allow_shipping_fees": 1, "daily_order_limit": 10000,
			"format/date": "MMM d, yyyy", "format/time": "HH:mm", "weekend_days": []any{"6", "7"},
			"enable_multi_warehouse": "1", "manifest_enabled": 1, "core:shop/name": "Zalora Malaysia",
			"payment_methods": []any{"CashOnDelivery", "CreditCard"},
		},
		fields: []gen.SellerConfigurationField{
			configField(fieldRegistration, "Business Registration Number", "business_registration_number", "Text", 0),
			configField(fieldReturnAddr, "Return Address", "return_address", "Text", 1),
			configField(fieldHoliday, "Holiday Mode", "holiday_mode", "Dropdown", 2, "0", "1"),
			configField(fieldLicence, "Business Licence", "business_licence", "File", 3),
		},
		files: map[int]map[int]string{},
		contracts: []gen.SellerContract{
			{ContractId: 501, SellerId: home, Type: gen.SellerContractTypeTerms, Url: "https://files.example/terms-2024.pdf",
				CreatedAt: at(2024, time.September, 1), UpdatedAt: at(2024, time.September, 1), ExpirationDate: at(2025, time.September, 1)},
			{ContractId: 502, SellerId: home, Type: gen.SellerContractTypeContract, Url: "https://files.example/addendum-2024.pdf",
				CreatedAt: at(2024, time.October, 1), UpdatedAt: at(2024, time.October, 1), ExpirationDate: at(2026, time.October, 1)},
			{ContractId: 503, SellerId: 4090, Type: gen.SellerContractTypeTerms, Url: "https://files.example/terms-sg-2024.pdf",
				CreatedAt: at(2024, time.September, 1), UpdatedAt: at(2024, time.September, 1), ExpirationDate: at(2025, time.September, 1)},
		},
		creditNote: gen.CreditNoteSettings{GenerationType: "autoincrement_number", Prefix: "CN-", NextNumber: 1},
		commissions: []gen.SellerCommission{
			{Id: 1, Name: "Default", Description: "Commission of every category without its own", InheritanceType: "default", NumericType: "percentage", Value: 15},
			{Id: 2, Name: "Batik", Description: "Batik clothing", SellerDescription: ptr("Agreed for 2024"), InheritanceType: "category", NumericType: "percentage", Value: 12.5},
		},
		payouts: []gen.SellerPayout{
			{StatementNumber: "MY1K8B2-20240930", CreatedAt: at(2024, time.September, 30), UpdatedAt: at(2024, time.October, 2),
				OpeningBalance: priceAmount(0), ItemRevenue: priceAmount(1520.4), ShipmentFee: priceAmount(-48), ShipmentFeeCredit: priceAmount(12), OtherRevenueTotal: priceAmount(0),
				FeesTotal: priceAmount(-228.06), Subtotal1: priceAmount(1256.34), Refunds: priceAmount(-89.9), FeesOnRefundsTotal: priceAmount(13.49), Subtotal2: priceAmount(1179.93),
				ClosingBalance: priceAmount(1179.93), GuaranteeDeposit: priceAmount(0), Payout: priceAmount(1179.93), Paid: true, PaymentReference: "PAY-240930-4089"},
			{StatementNumber: "MY1K8B2-20241031", CreatedAt: at(2024, time.October, 31), UpdatedAt: at(2024, time.October, 31),
				ItemRevenue: priceAmount(980), ShipmentFee: priceAmount(-36), FeesTotal: priceAmount(-147), Subtotal1: priceAmount(797), Subtotal2: priceAmount(797), ClosingBalance: priceAmount(797), Payout: priceAmount(797)},
		},
		metrics: []gen.SellerMetrics{
			{StatisticType: gen.SellerMetricsStatisticTypeDay, SkuNumber: 24, SkuActiveNumber: 20, SalesTotal: priceAmount(259.8), Orders: 2, Commissions: priceAmount(38.97), TwoDayShipmentPercentage: 100},
			{StatisticType: gen.SellerMetricsStatisticTypeMonth, SkuNumber: 24, SkuActiveNumber: 20, SalesTotal: priceAmount(2500.4), Orders: 21, Commissions: priceAmount(375.06), TwoDayShipmentPercentage: 95.2, ReturnsPercentage: 4.8, CancellationsPercentage: 2.1},
			{StatisticType: gen.SellerMetricsStatisticTypeAlltime, SkuNumber: 24, SkuActiveNumber: 20, SalesTotal: priceAmount(31880), Orders: 254, Commissions: priceAmount(4782), TwoDayShipmentPercentage: 93.7, ReturnsPercentage: 5.5, CancellationsPercentage: 2.4},
		},
		externalFiles: []gen.SellerExternalFile{
			{FileType: gen.SellerExternalFileFileTypeContract, FileName: "Contract_2019.pdf", UploadedAt: at(2019, time.March, 14)},
			{FileType: gen.SellerExternalFileFileTypeTerms, FileName: "Terms_2024.pdf", UploadedAt: at(2024, time.September, 1)},
			{FileType: gen.SellerExternalFileFileTypeGeneric, FileName: "Addendum_May2024.pdf", UploadedAt: at(2024, time.May, 20)},
		},
		paymentMethods: []gen.PaymentMethod{{Name: "CashOnDelivery", DisplayName: "Cash on Delivery"}, {Name: "CreditCard", DisplayName: "Credit Card"}},
	}
	a.ratings = map[int][]gen.SellerRating{}
	for i, id := range []int{home, 4090, 4091} {
		a.ratings[id] = []gen.SellerRating{
			rating(at(2024, time.October, 31), 8.5-float64(i)),
			rating(at(2024, time.September, 30), 8-float64(i)),
		}
	}
	return a
}

func configField(id int, name, identifier, typ string, pos int, options ...string) gen.SellerConfigurationField {
	return gen.SellerConfigurationField{Id: id, FieldName: name, FieldIdentifier: identifier, Type: typ,
		FieldPosition: pos, GroupName: "Business Information", Options: append([]string{}, options...),
		IsEnabled: true, IsEditable: true, IsSentToShop: true, IsMandatory: id == fieldRegistration}
}

func rating(end datetime.Time, score float64) gen.SellerRating {
	return gen.SellerRating{OverallScore: score, EndDate: end, CalculationDate: end, Kpis: []gen.SellerRatingKpi{
		{Name: "Average Business Delivery Time From Shipped", Period: 30, KpiValue: 26, KpiUnit: "hrs", Rating: "Good", Score: 8, Weight: 50, SellerRatingScore: 4},
		{Name: "Cancellation Rate", Period: 30, KpiValue: 2.4, KpiUnit: "%", Rating: "Extremely Good", Score: score, Weight: 50, SellerRatingScore: score / 2},
	}}
}

// sellerByID returns the home seller or another one the user may switch
// to, or nil.
func (st *store) sellerByID(id int) *gen.Seller {
	if id == st.seller.Id {
		return &st.seller
	}
	a := st.account()
	for i := range a.others {
		if a.others[i].Id == id {
			return &a.others[i]
		}
	}
	return nil
}

// sellers returns every seller the user may see, the home one first.
func (st *store) sellers() []*gen.Seller {
	out := []*gen.Seller{&st.seller}
	a := st.account()
	for i := range a.others {
		out = append(out, &a.others[i])
	}
	return out
}

// actingSellerKey keys the id of the seller a request's token acts for.
type actingSellerKey struct{}

// withActingSeller returns ctx with the seller the request's access token
// was issued for; requests with a token issued before any switch act for
// the home seller.
func (s *Server) withActingSeller(ctx context.Context, r *http.Request) context.Context {
	_, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	s.tokens.mu.Lock()
	id, ok := s.tokens.seller[strings.TrimSpace(token)]
	s.tokens.mu.Unlock()
	if !ok {
		return ctx
	}
	return context.WithValue(ctx, actingSellerKey{}, id)
}

// acting returns the seller the request acts for. The caller holds st.mu.
func (st *store) acting(ctx context.Context) *gen.Seller {
	if id, ok := ctx.Value(actingSellerKey{}).(int); ok {
		if s := st.sellerByID(id); s != nil {
			return s
		}
	}
	return &st.seller
}

// tokenSeller returns the seller a token issued now acts for.
func (s *Server) tokenSeller() int {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	return s.st.account().selected
}

// field returns the profile configuration field with id, or nil.
func (a *sellerAccount) field(id int) *gen.SellerConfigurationField {
	for i := range a.fields {
		if a.fields[i].Id == id {
			return &a.fields[i]
		}
	}
	return nil
}

// fieldValues returns the values of a seller's profile fields, by field id.
func (st *store) fieldValues(s *gen.Seller) []gen.ProfileFieldValue {
	a := st.account()
	out := []gen.ProfileFieldValue{}
	for _, f := range a.fields {
		if v, ok := a.files[s.Id][f.Id]; ok {
			out = append(out, gen.ProfileFieldValue{Id: f.Id, Value: v})
			continue
		}
		for _, pf := range s.ProfileFields {
			if pf.Name == f.FieldIdentifier {
				out = append(out, gen.ProfileFieldValue{Id: f.Id, Value: pf.Value})
			}
		}
	}
	return out
}

// setFieldValue sets a text field of a seller's profile, adding the
// profile field when the seller has none yet; for the home seller it keeps
// store.profileIDs in step, which updateSeller reads.
func (st *store) setFieldValue(s *gen.Seller, f *gen.SellerConfigurationField, v string) {
	display := v
	if len(f.Options) > 0 && f.FieldIdentifier == "holiday_mode" {
		display = map[string]string{"0": "Off", "1": "On"}[v]
	}
	for i := range s.ProfileFields {
		if s.ProfileFields[i].Name == f.FieldIdentifier {
			s.ProfileFields[i].Value, s.ProfileFields[i].DisplayValue = v, display
			return
		}
	}
	s.ProfileFields = append(s.ProfileFields, gen.ProfileField{Name: f.FieldIdentifier, Value: v, DisplayValue: display})
	if s == &st.seller {
		st.profileIDs = append(st.profileIDs, f.Id)
	}
}

// ratingsOf returns a seller's ratings, newest first, with the custom KPIs
// written for it added to the newest one.
func (st *store) ratingsOf(s *gen.Seller) ([]gen.SellerRating, error) {
	a := st.account()
	out, err := clone(a.ratings[s.Id])
	if err != nil || len(out) == 0 {
		return out, err
	}
	for _, k := range a.kpis {
		if k.SellerShortCode == s.ShortCode {
			out[0].Kpis = append(out[0].Kpis, gen.SellerRatingKpi{Name: k.ExternalKpiName, KpiValue: k.Value, Rating: "Custom"})
		}
	}
	return out, nil
}

// paymentMethodsUsed returns the payment methods of the settings, then
// those of past orders the settings do not name, sorted by name.
func (st *store) paymentMethodsUsed() []gen.PaymentMethod {
	out := slices.Clone(st.account().paymentMethods)
	known := map[string]bool{}
	for _, m := range out {
		known[m.Name] = true
	}
	var extra []string
	for _, o := range st.orders {
		if m := o.o.PaymentMethod; m != "" && !known[m] {
			known[m] = true
			extra = append(extra, m)
		}
	}
	slices.Sort(extra)
	for _, m := range extra {
		out = append(out, gen.PaymentMethod{Name: m, DisplayName: m})
	}
	return out
}

// statistics counts the mock's products and orders the way the dashboard
// does; an order counts once under each status one of its items has.
func (st *store) statistics() gen.SellerStatistics {
	var out gen.SellerStatistics
	out.LastDataUpdate = st.stamp()
	r := &out.Result
	r.Products.Total = len(st.cat.products)
	count := func(n int) *gen.SellerStatisticCount {
		c := &gen.SellerStatisticCount{}
		_ = c.FromSellerStatisticNumber(n) // encoding an int does not fail
		return c
	}
	live := 0
	for _, p := range st.cat.products {
		if p.p.Status == gen.ProductStatusActive {
			live++
		}
	}
	r.Products.Status.All, r.Products.Status.Active, r.Products.Status.Live = count(len(st.cat.products)), count(live), count(live)
	r.Products.Status.Inactive = count(len(st.cat.products) - live)
	os := &r.Orders.Status
	byStatus := map[gen.OrderItemStatus]*int{
		gen.OrderItemStatusPending: &os.Pending, gen.OrderItemStatusReadyToShip: &os.ReadyToShip,
		gen.OrderItemStatusShipped: &os.Shipped, gen.OrderItemStatusDelivered: &os.Delivered,
		gen.OrderItemStatusCanceled: &os.Canceled, gen.OrderItemStatusFailed: &os.Failed,
		gen.OrderItemStatusReturned: &os.Returned, gen.OrderItemStatusReturnRejected: &os.ReturnRejected,
		gen.OrderItemStatusReturnShippedByCustomer:  &os.ReturnShippedByCustomer,
		gen.OrderItemStatusReturnWaitingForApproval: &os.ReturnWaitingForApproval,
	}
	for _, o := range st.orders {
		r.Orders.Total++
		seen := map[gen.OrderItemStatus]bool{}
		for _, it := range st.orderItems(o) {
			if n := byStatus[it.it.Status]; n != nil && !seen[it.it.Status] {
				seen[it.it.Status] = true
				*n++
			}
			if it.it.Status == gen.OrderItemStatusPending {
				switch age := st.now().Sub(it.it.CreatedAt.Time); {
				case age < 24*time.Hour:
					r.OrdersItemsPending.Today++
				case age < 48*time.Hour:
					r.OrdersItemsPending.Yesterday++
				default:
					r.OrdersItemsPending.Older++
				}
			}
		}
	}
	good := gen.SellerHealthPeriod{
		TwoDaysShippedPercentage: gen.SellerHealthRate{Percentage: 95.2, Text: "Good"},
		ReturnPercentage:         gen.SellerHealthRate{Percentage: 4.8, Text: "Good"},
		CancellationPercentage:   gen.SellerHealthRate{Percentage: 2.1, Text: "Good"},
	}
	r.AccountHealth = gen.SellerAccountHealth{Day: good, Week: good, Month: good, Year: good, Alltime: good}
	return out
}

// SellerSettings returns the settings getSellerSettings answers.
func (s *Server) SellerSettings() (gen.SellerSettings, error) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	return clone(s.st.account().settings)
}

// SellerProfileFieldValues returns the profile field values of the seller
// with id, as listSellerProfileFieldValues answers them for a token acting
// for it; it fails with ErrNotFound for an unknown seller.
func (s *Server) SellerProfileFieldValues(id int) ([]gen.ProfileFieldValue, error) {
	return ofSeller(s, id, func(sel *gen.Seller) ([]gen.ProfileFieldValue, error) { return s.st.fieldValues(sel), nil })
}

// ofSeller runs read with the state locked on the seller with id, or fails
// with ErrNotFound when the user may not see it.
func ofSeller[T any](s *Server, id int, read func(*gen.Seller) (T, error)) (T, error) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	sel := s.st.sellerByID(id)
	if sel == nil {
		var zero T
		return zero, fmt.Errorf("seller %d: %w", id, ErrNotFound)
	}
	return read(sel)
}

// SellerContracts returns every contract of the seller with id, accepted
// ones with their approvedAt set.
func (s *Server) SellerContracts(id int) ([]gen.SellerContract, error) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	var out []gen.SellerContract
	for _, c := range s.st.account().contracts {
		if c.SellerId == id {
			out = append(out, c)
		}
	}
	return clone(out)
}

// SellerRatings returns the ratings of the seller with id, newest first,
// with the custom KPIs written for it.
func (s *Server) SellerRatings(id int) ([]gen.SellerRating, error) {
	return ofSeller(s, id, s.st.ratingsOf)
}

// CreditNoteSettings returns the credit note number settings.
func (s *Server) CreditNoteSettings() gen.CreditNoteSettings {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	return s.st.creditNoteSettings()
}

// CustomKpis returns the custom KPI values written so far, the latest
// value of each seller and KPI name.
func (s *Server) CustomKpis() []gen.CustomKpiValue {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	return slices.Clone(s.st.account().kpis)
}

// SwitchableSellers returns the sellers the user may switch to besides the
// home seller.
func (s *Server) SwitchableSellers() ([]gen.Seller, error) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	return clone(s.st.account().others)
}

// SelectedSeller returns the id of the seller the next access token will
// act for: the home seller's until switchSeller picks another.
func (s *Server) SelectedSeller() int {
	return s.tokenSeller()
}

func (st *store) creditNoteSettings() gen.CreditNoteSettings {
	c := st.account().creditNote
	c.NextFormatedValue = fmt.Sprintf("%s%d", c.Prefix, c.NextNumber)
	return c
}
