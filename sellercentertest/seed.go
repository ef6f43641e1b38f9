package sellercentertest

import (
	"fmt"
	"slices"
	"time"

	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
)

// The seed describes a small Malaysian fashion seller on Zalora. It is fixed,
// so tests and examples can rely on it; it does not depend on the clock.

var seedBase = time.Date(2024, time.October, 1, 2, 15, 0, 123456000, time.UTC)

const (
	seedOrderGap = 5*time.Hour + 17*time.Minute
	seedStepGap  = 6*time.Hour + 7*time.Minute
	masked       = "#####"
)

type product struct {
	name, sku, sellerSku, variation string
	price, weight                   float64
}

var products = []product{
	{"Batik Shirt Kawung Blue", "KB512AA0A1B2MY-1001", "BTK-KWG-BL-M", "M", 129.90, 0.4},
	{"Batik Shirt Parang Red", "KB512AA0A1B3MY-1002", "BTK-PRG-RD-L", "L", 139.90, 0.4},
	{"Songket Silk Scarf", "KB512AA0A1B4MY-1003", "SGK-SCF-GLD", "-", 89.00, 0.2},
	{"Leather Sandals", "KB512AA0A1B5MY-1004", "SDL-LTH-41", "41", 159.00, 0.9},
	{"Canvas Tote Bag", "KB512AA0A1B6MY-1005", "TOTE-CNV-NAT", "-", 49.90, 0.3},
	{"E-Gift Card RM50", "KB512AA0A1B7MY-1006", "EGIFT-50", "-", 50.00, 0},
}

type customer struct {
	first, last, street, city, region, postCode string
}

var customers = []customer{
	{"Aisyah", "Rahman", "12 Jalan Ampang", "Kuala Lumpur", "Wilayah Persekutuan", "50450"},
	{"Wei Ming", "Tan", "8 Jalan SS2/24", "Petaling Jaya", "Selangor", "47300"},
	{"Priya", "Nair", "33 Lebuh Chulia", "George Town", "Pulau Pinang", "10200"},
	{"Daniel", "Lee", "5 Jalan Wong Ah Fook", "Johor Bahru", "Johor", "80000"},
	{"Nur Izzati", "Hassan", "21 Jalan Gaya", "Kota Kinabalu", "Sabah", "88000"},
	{"Hafiz", "Karim", "7 Jalan Tun Razak", "Kuala Lumpur", "Wilayah Persekutuan", "50400"},
	{"Mei Ling", "Wong", "19 Jalan Bukit Bintang", "Kuala Lumpur", "Wilayah Persekutuan", "55100"},
	{"Arjun", "Pillai", "2 Jalan Sultan Ismail", "Ipoh", "Perak", "30000"},
}

// Carrier indexes into seedProviders.
const (
	ninjaVan = iota
	jntExpress
	dhl
	lalamove
	posLaju
)

var seedProviders = []struct {
	name, url      string
	def, api, cod  bool
	active         bool
	ptype          gen.ItemShipmentProviderType
	trackingPrefix string
}{
	{"Ninja Van", "https://www.ninjavan.co/en-my/tracking?id=", true, true, true, true, gen.ItemShipmentProviderTypeStandard, "NVMY"},
	{"J&T Express", "https://www.jtexpress.my/tracking/", false, false, true, true, gen.ItemShipmentProviderTypeExpress, "JT63"},
	{"DHL eCommerce", "https://www.dhl.com/my-en/home/tracking.html?tracking-id=", false, false, false, true, gen.ItemShipmentProviderTypeAir, "MYDHL"},
	{"Lalamove", "https://www.lalamove.com/en-my/track/", false, true, false, true, gen.ItemShipmentProviderTypeSameday, "LLM"},
	{"Pos Laju", "https://www.pos.com.my/track/", false, false, true, false, gen.ItemShipmentProviderTypeEconomy, "ER"},
}

var seedReasons = []struct {
	typ        gen.FailureReasonType
	name, desc string
	outOfStock bool
}{
	{gen.FailureReasonTypeCanceled, "Out of stock", "The item is no longer available", true},
	{gen.FailureReasonTypeCanceled, "Customer request", "The customer asked to cancel", false},
	{gen.FailureReasonTypeCanceled, "Wrong price", "The item was listed at a wrong price", false},
	{gen.FailureReasonTypeFailed, "Customer not reachable", "The carrier could not reach the customer", false},
	{gen.FailureReasonTypeFailed, "Wrong address", "The address does not exist", false},
	{gen.FailureReasonTypeReturnRejected, "Item used or damaged", "The returned item shows use or damage", false},
	{gen.FailureReasonTypeReturnRejected, "Return window expired", "The return arrived after the return period", false},
	{gen.FailureReasonTypeReturned, "Wrong size", "The item does not fit", false},
	{gen.FailureReasonTypeReturned, "Changed mind", "The customer no longer wants the item", false},
	{gen.FailureReasonTypeCanceledSystem, "Payment timeout", "The payment was not completed in time", false},
}

type seedItem struct {
	status   gen.OrderItemStatus
	product  int
	ship     gen.ItemShipmentType
	provider int
	digital  bool
	outlet   bool
	tag      int // assigned tag id, 0 for none
	reason   string
}

type seedOrder struct {
	items           []seedItem
	customer        int
	voucher         string
	payment         string
	invoiceRequired bool
	noBilling       bool
	gift            string
	manifested      bool
}

const (
	dropship = gen.ItemShipmentTypeDropshipping
	crossdoc = gen.ItemShipmentTypeCrossdocking
	venture  = gen.ItemShipmentTypeWarehouse
)

func si(status gen.OrderItemStatus, product int) seedItem {
	return seedItem{status: status, product: product, ship: dropship, provider: ninjaVan}
}

var (
	stPending  = gen.OrderItemStatusPending
	stR2S      = gen.OrderItemStatusReadyToShip
	stShipped  = gen.OrderItemStatusShipped
	stDeliver  = gen.OrderItemStatusDelivered
	stFailed   = gen.OrderItemStatusFailed
	stCanceled = gen.OrderItemStatusCanceled
	stReturned = gen.OrderItemStatusReturned
	stRSBC     = gen.OrderItemStatusReturnShippedByCustomer
	stRWFA     = gen.OrderItemStatusReturnWaitingForApproval
	stRejected = gen.OrderItemStatusReturnRejected
	stRDeliver = gen.OrderItemStatusReturnDelivered
)

func with(s seedItem, f func(*seedItem)) seedItem { f(&s); return s }

var seedOrders = []seedOrder{
	{items: []seedItem{with(si(stPending, 0), func(s *seedItem) { s.tag = 310 }), with(si(stPending, 1), func(s *seedItem) { s.tag = 310 })}, customer: 0, voucher: "RAYA10"},
	{items: []seedItem{with(si(stPending, 3), func(s *seedItem) { s.provider = jntExpress })}, customer: 1, payment: "CreditCard"},
	{items: []seedItem{with(si(stPending, 2), func(s *seedItem) { s.ship = crossdoc; s.provider = posLaju }), with(si(stPending, 4), func(s *seedItem) { s.ship = crossdoc; s.provider = posLaju }), with(si(stPending, 0), func(s *seedItem) { s.ship = crossdoc; s.provider = posLaju })}, customer: 2},
	{items: []seedItem{si(gen.OrderItemStatusPaymentPending, 1)}, customer: 3, payment: "BankTransfer"},
	{items: []seedItem{si(gen.OrderItemStatusShipmentInformationPending, 4)}, customer: 4},
	{items: []seedItem{si(stR2S, 0), si(stR2S, 2)}, customer: 5, invoiceRequired: true, gift: "Selamat Hari Raya!"},
	{items: []seedItem{with(si(stR2S, 3), func(s *seedItem) { s.ship = crossdoc; s.provider = posLaju })}, customer: 6, invoiceRequired: true, manifested: true},
	{items: []seedItem{si(stShipped, 1)}, customer: 7},
	{items: []seedItem{with(si(stShipped, 0), func(s *seedItem) { s.provider = jntExpress }), with(si(stShipped, 4), func(s *seedItem) { s.provider = jntExpress })}, customer: 0, voucher: "MERDEKA15", payment: "CreditCard"},
	{items: []seedItem{si(stDeliver, 2)}, customer: 1},
	{items: []seedItem{si(stDeliver, 0), with(si(stReturned, 1), func(s *seedItem) { s.reason = "Wrong size" })}, customer: 2},
	{items: []seedItem{with(si(stFailed, 3), func(s *seedItem) { s.reason = "Customer not reachable" })}, customer: 3},
	{items: []seedItem{with(si(stCanceled, 4), func(s *seedItem) { s.reason = "Out of stock" }), with(si(stPending, 1), func(s *seedItem) { s.tag = 309 })}, customer: 4},
	{items: []seedItem{si(stRSBC, 0)}, customer: 5},
	{items: []seedItem{si(stRWFA, 1), si(stRWFA, 3)}, customer: 6, voucher: "RAYA10"},
	{items: []seedItem{with(si(stRejected, 2), func(s *seedItem) { s.reason = "Item used or damaged" })}, customer: 7},
	{items: []seedItem{si(stRDeliver, 4)}, customer: 0},
	{items: []seedItem{with(si(stReturned, 3), func(s *seedItem) { s.ship = venture; s.reason = "Changed mind" })}, customer: 1, noBilling: true},
	{items: []seedItem{with(si(stPending, 5), func(s *seedItem) { s.digital = true })}, customer: 2, payment: "CreditCard"},
	{items: []seedItem{with(si(stShipped, 1), func(s *seedItem) { s.ship = venture })}, customer: 3},
	{items: []seedItem{with(si(stDeliver, 0), func(s *seedItem) { s.ship = venture })}, customer: 4},
	{items: []seedItem{with(si(stPending, 4), func(s *seedItem) { s.provider = lalamove })}, customer: 5},
	{items: []seedItem{si(stRSBC, 4)}, customer: 6},
	{items: []seedItem{si(stRWFA, 0)}, customer: 7},
	{items: []seedItem{with(si(stPending, 2), func(s *seedItem) { s.outlet = true }), with(si(stPending, 3), func(s *seedItem) { s.outlet = true })}, customer: 0},
	{items: []seedItem{with(si(stR2S, 4), func(s *seedItem) { s.provider = jntExpress })}, customer: 1},
	{items: []seedItem{si(stShipped, 0)}, customer: 2},
	{items: []seedItem{si(stDeliver, 1)}, customer: 3},
	{items: []seedItem{with(si(stCanceled, 3), func(s *seedItem) { s.reason = "Payment timeout" })}, customer: 4},
	{items: []seedItem{with(si(stPending, 2), func(s *seedItem) { s.provider = dhl })}, customer: 5},
}

// statusPath is the usual way an item reached status, oldest first.
func statusPath(status gen.OrderItemStatus) []gen.OrderItemStatus {
	shipped := []gen.OrderItemStatus{stPending, stR2S, stShipped}
	delivered := append(shipped[:3:3], stDeliver)
	rsbc := append(delivered[:4:4], stRSBC)
	rwfa := append(rsbc[:5:5], stRWFA)
	switch status {
	case stPending, gen.OrderItemStatusPaymentPending:
		return []gen.OrderItemStatus{status}
	case gen.OrderItemStatusShipmentInformationPending, stCanceled, stR2S:
		return []gen.OrderItemStatus{stPending, status}
	case stShipped:
		return shipped
	case stDeliver:
		return delivered
	case stFailed:
		return append(shipped[:3:3], stFailed)
	case stReturned:
		return append(delivered[:4:4], stReturned)
	case stRSBC:
		return rsbc
	case stRWFA:
		return rwfa
	case stRejected:
		return append(rwfa[:6:6], stRejected)
	case stRDeliver:
		return append(rsbc[:5:5], stRDeliver)
	}
	return []gen.OrderItemStatus{status}
}

// past reports whether an item in status has been handed to a carrier.
func past(status gen.OrderItemStatus, than gen.OrderItemStatus) bool {
	for _, s := range statusPath(status) {
		if s == than {
			return true
		}
	}
	return false
}

func (st *store) seed() error {
	st.seller = gen.Seller{
		Id:                 4089,
		Uuid:               "5e11e0c0-4089-4d6b-8a51-3f0c2d9e4089",
		SrcId:              "4089",
		ShortCode:          "MY1K8B2",
		Status:             gen.SellerStatusActive,
		Name:               "Kedai Batik Nusantara",
		CompanyName:        "Kedai Batik Nusantara Sdn. Bhd.",
		Email:              "ops@kedaibatik.example",
		TaxClass:           "local",
		CreatedAt:          dt(time.Date(2019, time.March, 14, 9, 30, 0, 0, time.UTC)),
		UpdatedAt:          dt(seedBase.Add(-72 * time.Hour)),
		Verified:           true,
		Listed:             true,
		DelistReasons:      []gen.DelistReason{},
		AgreementsAccepted: true,
		ProfileFields: []gen.ProfileField{
			{Name: "business_registration_number", Value: "201901012345", DisplayValue: "201901012345"},
			{Name: "return_address", Value: "Lot 3, Jalan Perusahaan 2, 68100 Batu Caves, Selangor", DisplayValue: "Lot 3, Jalan Perusahaan 2, 68100 Batu Caves, Selangor"},
			{Name: "holiday_mode", Value: "0", DisplayValue: "Off"},
		},
	}
	st.profileIDs = []int{11, 12, 13}
	for i, p := range seedProviders {
		st.providers = append(st.providers, gen.ShipmentProvider{
			Id: i + 1, Uuid: st.uuid(2), Name: p.name, Default: gen.QuotedBoolean(p.def),
			ApiIntegrationAvailable: gen.QuotedBoolean(p.api), Status: gen.QuotedBoolean(p.active),
			CashOnDelivery: gen.QuotedBoolean(p.cod), Url: p.url,
		})
	}
	for i, r := range seedReasons {
		st.reasons = append(st.reasons, gen.FailureReason{
			Id: i + 1, Type: r.typ, Name: r.name, Description: r.desc, OutOfStock: r.outOfStock,
		})
	}
	st.tags = []gen.OrderItemTag{
		{Id: 309, Name: "Order for Cancellation"},
		{Id: 310, Name: "Priority"},
		{Id: 311, Name: "Fragile"},
	}
	st.invoice = invoiceSettings{generationType: "autoincrement_number", prefix: "INV-", nextNumber: 1001}

	for k, so := range seedOrders {
		if err := st.seedOrder(k, so); err != nil {
			return err
		}
	}
	st.seedWebhooks()
	return st.seedExports()
}

func (st *store) seedOrder(k int, so seedOrder) error {
	created := seedBase.Add(time.Duration(k) * seedOrderGap)
	c := customers[so.customer]
	early := true // items still with the seller: the address is shown in full
	for _, it := range so.items {
		if past(it.status, stShipped) || it.status == stCanceled {
			early = false
		}
	}
	// The two addresses are built apart, so they share no pointers.
	address := func() *gen.Address {
		a := &gen.Address{
			FirstName: ptr(c.first), LastName: ptr(c.last),
			Phone:   []string{masked},
			Email:   masked,
			Address: []string{c.street, "", "", "", ""},
			City:    c.city, Ward: "", Region: c.region, PostCode: c.postCode, Country: "Malaysia",
		}
		if early {
			a.Phone = []string{fmt.Sprintf("+6012%07d", 3000000+k*1117)}
			a.Email = fmt.Sprintf("customer%d@mail.example", k+1)
		}
		return a
	}
	addr, billing := address(), address()
	if so.noBilling {
		billing = nil
	}
	payment := so.payment
	if payment == "" {
		payment = "CashOnDelivery"
	}
	o := gen.Order{
		Customer:                   gen.OrderCustomer{FirstName: ptr(c.first), LastName: ptr(c.last)},
		Address:                    gen.OrderAddresses{Billing: billing, Shipping: addr},
		InvoiceRequired:            so.invoiceRequired,
		NationalRegistrationNumber: nil,
		Gift:                       gen.OrderGift{Option: so.gift != "", Message: nil},
		Voucher:                    gen.OrderVoucher{Code: so.voucher, Type: ""},
		PaymentMethod:              payment,
		CreatedAt:                  dt(created),
		Source:                     ptr("Zalora MY"),
	}
	if so.gift != "" {
		o.Gift.Message = ptr(so.gift)
	}
	if so.voucher != "" {
		o.Voucher.Type = "coupon"
	}
	if k%4 == 3 {
		o.Source = ptr("Zalora MY App")
	}
	o.ShipmentProviderPreSelected = !slices.ContainsFunc(so.items, func(it seedItem) bool { return it.digital })
	ord := st.newOrder(orderDefaults{created: dt(created)}, o)
	if early {
		ord.o.TargetToShip = ptr(dt(created.Add(48 * time.Hour)))
	}

	var pk *pkg
	for n, s := range so.items {
		p := products[s.product]
		prov := seedProviders[s.provider]
		it := gen.OrderItem{
			Status:        s.status,
			IsProcessable: s.status != gen.OrderItemStatusPaymentPending,
			Product:       gen.ItemProduct{Name: p.name, Sku: p.sku, SellerSku: p.sellerSku, Variation: ptr(p.variation)},
			UnitPrice:     p.price,
			TaxPercent:    6,
			IsOutlet:      s.outlet,
			CreatedAt:     dt(created),
			Shipment: gen.ItemShipment{
				Type: s.ship, Method: gen.ItemShipmentMethodHome, ProviderType: ptr(prov.ptype), Weight: p.weight,
			},
		}
		it.SrcId = fmt.Sprintf("MY-%d-%d", 32000000+ord.o.Id, n+1)
		discount := 0.0
		if so.voucher != "" {
			discount = 10
		}
		it.PaidPrice = round2(p.price - discount)
		it.PriceAfterDiscount = it.PaidPrice
		it.TaxAmount = round2(it.PaidPrice * 6 / 106)
		it.DiscountAmount = discount
		if s.ship == dropship {
			it.ShippingFee = 4.90
			it.ExtraAttributes = &gen.ItemExtraAttributes{DeliveryType: ptr(string(prov.ptype)), ShippingFeeSst: ptr(0.29)}
		}
		it.SalesDueAmount = round2(it.PaidPrice * 0.85)
		if past(s.status, stDeliver) {
			it.PaidCommission = ptr(round2(it.PaidPrice * 0.15))
		}
		switch s.ship {
		case crossdoc:
			it.WarehouseName = ptr("KL Fulfilment Centre")
			it.Shipment.CrossdockingDeliveryType = ptr(gen.ItemShipmentCrossdockingDeliveryTypePickup)
		case venture:
			it.WarehouseName = ptr("Zalora Shah Alam DC")
		}
		pi := &st.providers[s.provider]
		if s.digital {
			it.Shipment.Method = gen.ItemShipmentMethodNone
			it.Shipment.ProviderType = ptr(gen.ItemShipmentProviderTypeDigital)
			it.Shipment.Weight = 0
		} else {
			it.Shipment.PreProvider = carrier(pi)
			it.Shipment.ProviderPreselected = true
		}
		if early {
			it.TargetToShipAt = ord.o.TargetToShip
		}
		var vouchers []gen.ItemVoucher
		if so.voucher != "" {
			vouchers = []gen.ItemVoucher{{Code: so.voucher, Amount: discount, VoucherSellerShare: 50, AmountFundedBySeller: discount / 2}}
		}
		path := statusPath(s.status)
		added := st.addItem(ord, it, path, seedStepGap)
		added.vouchers = vouchers
		if s.tag != 0 {
			var due *datetime.Time
			if s.tag == 310 {
				due = ptr(dt(created.Add(24 * time.Hour)))
			}
			added.tags = append(added.tags, assignedTag{id: s.tag, dueAt: due})
		}
		if s.reason != "" {
			for i := range st.reasons {
				r := &st.reasons[i]
				if r.Name == s.reason {
					added.it.FailureReason = gen.ItemFailureReason{Type: ptr(gen.ItemFailureReasonType(r.Type)), Name: ptr(r.Name), Description: ptr(r.Description), Details: ptr("")}
				}
			}
		}
		if past(s.status, stR2S) && s.ship != venture && s.status != stCanceled {
			if pk == nil {
				dtype := gen.DeliveryTypeDropship
				if s.ship == crossdoc {
					dtype = gen.DeliveryTypePickup
				}
				pk = st.pack([]*item{added}, dtype)
			} else {
				added.packageID = pk.id
				pk.itemIDs = append(pk.itemIDs, added.it.Id)
			}
			added.it.Shipment.Provider = carrier(pi)
			added.it.Shipment.TrackingCode = fmt.Sprintf("%s%08d", prov.trackingPrefix, 41000000+pk.id)
			if so.manifested {
				added.it.ManifestStatus = ptr(gen.OrderItemManifestStatusForwardReadyToShip)
			}
		}
		if past(s.status, stShipped) {
			added.it.InvoiceNumber = ptr(fmt.Sprintf("INV-%d", ord.o.Id))
		}
		if past(s.status, stRSBC) || s.status == stReturned {
			comment := "Wrong size"
			if n%2 == 1 {
				comment = "Changed mind"
			}
			added.ret = &gen.OrderItemReturn{
				OrderItemId: added.it.Id, ReturnComment: ptr(comment), ShipmentProvider: ptr(prov.name),
				SrcId: ptr(fmt.Sprintf("RET-%d", added.it.Id)), TrackingCode: ptr(fmt.Sprintf("NVRET%08d", added.it.Id)),
			}
			added.returnedBy = "seller"
			if k%2 == 1 {
				added.returnedBy = "region"
			}
		}
	}
	return nil
}

// orderDefaults holds what AddOrder and the seed fill into zero fields.
type orderDefaults struct {
	created datetime.Time
}

// newOrder stores an order (without its items), filling zero fields.
func (st *store) newOrder(d orderDefaults, o gen.Order) *order {
	o.Items = nil
	if o.Id == 0 {
		o.Id = st.nextOrder
	}
	if o.Id >= st.nextOrder {
		st.nextOrder = o.Id + 1
	}
	if o.Uuid == "" {
		o.Uuid = st.uuid(1)
	}
	if o.Number == "" {
		o.Number = fmt.Sprintf("MY-%d", 32000000+o.Id)
	}
	if o.RegionId == "" {
		o.RegionId = fmt.Sprintf("%d-1", 2200000+o.Id)
	}
	if o.SellerId == 0 && st.seller.Id != 0 {
		o.SellerId = st.seller.Id
	}
	if o.CreatedAt.IsZero() {
		o.CreatedAt = d.created
	}
	if o.UpdatedAt.IsZero() {
		o.UpdatedAt = o.CreatedAt
	}
	if o.AddressUpdatedAt.IsZero() {
		o.AddressUpdatedAt = o.CreatedAt
	}
	if o.Currency == "" {
		o.Currency = "MYR"
	}
	if o.PaymentMethod == "" {
		o.PaymentMethod = "CashOnDelivery"
	}
	if o.Source == nil {
		o.Source = ptr("Zalora MY")
	}
	if o.Customer.FirstName == nil && o.Customer.LastName == nil {
		o.Customer = gen.OrderCustomer{FirstName: ptr("Test"), LastName: ptr("Customer")}
	}
	if o.Address.Shipping == nil && o.Address.Billing == nil {
		a := gen.Address{FirstName: o.Customer.FirstName, LastName: o.Customer.LastName, Phone: []string{masked},
			Email: masked, Address: []string{"1 Jalan Test", "", "", "", ""}, City: "Kuala Lumpur",
			Ward: "", Region: "Wilayah Persekutuan", PostCode: "50000", Country: "Malaysia"}
		b := a
		o.Address = gen.OrderAddresses{Billing: &a, Shipping: &b}
	}
	ord := &order{o: o}
	st.orders[o.Id] = ord
	return ord
}

// addItem stores an item of ord, filling zero fields, with one history
// entry per status of path, step apart, ending in the item's status.
func (st *store) addItem(ord *order, it gen.OrderItem, path []gen.OrderItemStatus, step time.Duration) *item {
	if it.Id == 0 {
		it.Id = st.nextItem
	}
	if it.Id >= st.nextItem {
		st.nextItem = it.Id + 1
	}
	it.OrderId = ord.o.Id
	if it.SellerId == 0 {
		it.SellerId = ord.o.SellerId
	}
	if it.Uuid == "" {
		it.Uuid = st.uuid(3)
	}
	if it.SrcId == "" {
		it.SrcId = fmt.Sprintf("%s-%d", ord.o.Number, it.Id)
	}
	if it.Status == "" {
		it.Status = gen.OrderItemStatusPending
	}
	if it.Product.Sku == "" && it.Product.SellerSku == "" && it.Product.Name == "" {
		p := products[0]
		it.Product = gen.ItemProduct{Name: p.name, Sku: p.sku, SellerSku: p.sellerSku, Variation: ptr(p.variation)}
		if it.UnitPrice == 0 && it.PaidPrice == 0 {
			it.UnitPrice, it.PaidPrice, it.PriceAfterDiscount = p.price, p.price, p.price
		}
	}
	if it.Shipment.Type == "" {
		it.Shipment.Type = gen.ItemShipmentTypeDropshipping
	}
	if it.Shipment.Method == "" {
		it.Shipment.Method = gen.ItemShipmentMethodHome
	}
	if it.Shipment.ProviderType == nil {
		it.Shipment.ProviderType = ptr(gen.ItemShipmentProviderTypeStandard)
	}
	if it.Shipment.PreProvider == nil && !isDigital(&it) && len(st.providers) > 0 {
		it.Shipment.PreProvider = carrier(&st.providers[0])
		it.Shipment.ProviderPreselected = true
	}
	if it.FailureReason.Details == nil {
		it.FailureReason.Details = ptr("")
	}
	if it.Purchase.OrderNumber == nil {
		it.Purchase.OrderNumber = ptr(ord.o.Number)
	}
	if it.Purchase.OrderSrcId == nil {
		it.Purchase.OrderSrcId = ptr(900000 + ord.o.Id)
	}
	if it.CreatedAt.IsZero() {
		it.CreatedAt = ord.o.CreatedAt
	}
	if len(path) == 0 || path[len(path)-1] != it.Status {
		path = []gen.OrderItemStatus{it.Status}
	}
	at := it.CreatedAt.Time
	for i, s := range path {
		when := dt(at.Add(time.Duration(i) * step))
		e := it
		e.Status = s
		note := ""
		if i == 0 {
			note = "order created"
		}
		st.record(&e, when, note, "system")
	}
	last := dt(at.Add(time.Duration(len(path)-1) * step))
	if it.UpdatedAt == nil {
		it.UpdatedAt = ptr(last)
	}
	if it.LastStatusChangedAt == nil {
		it.LastStatusChangedAt = ptr(last)
	}
	it.InTransit = it.Status == gen.OrderItemStatusShipped
	stored := &item{it: it}
	if it.Vouchers != nil {
		stored.vouchers = it.Vouchers
	}
	stored.it.Vouchers = nil
	stored.it.Actions = nil
	st.items[it.Id] = stored
	ord.itemIDs = append(ord.itemIDs, it.Id)
	return stored
}

func (st *store) seedExports() error {
	type seedExport struct {
		action  gen.ExportAction
		status  gen.FileStatusProcessStatus
		label   string
		format  string
		deleted bool
		note    string
	}
	exports := []seedExport{
		{gen.ExportActionOrder, gen.FileStatusProcessStatusFINISHED, "Orders - October", "csv", false, ""},
		{gen.ExportActionOrderDocumentsAsPdf, gen.FileStatusProcessStatusFINISHED, "Shipping labels", "pdf", false, ""},
		{gen.ExportActionProduct, gen.FileStatusProcessStatusEXPIRED, "Products - Shoes", "xlsx", true, "The file was deleted after seven days"},
		{gen.ExportActionOrderReturn, gen.FileStatusProcessStatusERROR, "Returns - September", "csv", false, "No returns matched the filters"},
		{gen.ExportActionOrder, gen.FileStatusProcessStatusQUEUED, "Orders - pending", "csv", false, ""},
	}
	for i, e := range exports {
		at := seedBase.Add(time.Duration(i*13) * time.Hour)
		content := []byte("orderNumber,orderItemId,status\n")
		ct := "text/csv"
		if e.format == "pdf" {
			content, ct = []byte("%PDF-1.4\n% sellercentertest shipping labels\n"), "application/pdf"
		}
		x := st.newExport(e.action, e.label, e.format, at, content, ct)
		f := st.files[x.fileUUID]
		f.status = e.status
		x.item.IsDeleted = e.deleted
		if e.note != "" {
			x.item.Note = e.note
		}
	}
	// A manifest made by the file manager alone, and one that failed.
	for _, status := range []gen.FileStatusProcessStatus{gen.FileStatusProcessStatusFINISHED, gen.FileStatusProcessStatusERROR} {
		u := st.uuid(5)
		st.files[u] = &file{uuid: u, status: status, contentType: "application/pdf", content: []byte("%PDF-1.4\n% sellercentertest manifest\n")}
	}
	return nil
}

// newExport stores a queued export job and its file.
func (st *store) newExport(action gen.ExportAction, label, format string, at time.Time, content []byte, contentType string) *export {
	id := st.nextExport
	st.nextExport++
	u := st.uuid(4)
	x := &export{id: id, action: action, fileUUID: u, item: gen.ExportItem{
		Id: id, UserId: 524, SellerId: st.seller.Id, IsDeleted: false,
		CreatedAt: dt(at), UpdatedAt: dt(at), ExpiresAt: dt(at.Add(7 * 24 * time.Hour)),
		RequestedFormats: []string{format}, ExportContent: label, Uuid: u,
	}}
	st.exports[id] = x
	st.files[u] = &file{uuid: u, status: gen.FileStatusProcessStatusQUEUED, contentType: contentType, content: content, exportID: id}
	return x
}
