package sellercenter_test

// BenchmarkDecodeOrders: what decoding a page of orders into the generated
// types costs against a hand-written encoding/json struct of the same
// shape. Run it with and without GOEXPERIMENT=jsonv2 to see what Go's new
// JSON implementation changes; BENCHMARKS.md has the figures.

import (
	"encoding/json"
	"runtime"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter/gen"
)

// handOrderPage is the listOrders page as one would write it by hand for
// encoding/json: the same members as gen.OrderPage with the same pointers
// for nullable members, times as plain strings, and the item's extra
// attributes as a plain struct that drops unknown members. What gen costs
// beyond it is what our own types cost.
type handOrderPage struct {
	Items      []handOrder `json:"items"`
	Pagination struct {
		Limit      int   `json:"limit"`
		Offset     int   `json:"offset"`
		HasNext    *bool `json:"hasNext"`
		TotalCount *int  `json:"totalCount"`
	} `json:"pagination"`
}

type handAddress struct {
	FirstName *string  `json:"firstName"`
	LastName  *string  `json:"lastName"`
	Phone     []string `json:"phone"`
	Address   []string `json:"address"`
	Email     string   `json:"email"`
	City      string   `json:"city"`
	Ward      string   `json:"ward"`
	Region    string   `json:"region"`
	PostCode  string   `json:"postCode"`
	Country   string   `json:"country"`
}

type handOrder struct {
	UUID            string `json:"uuid"`
	InvoiceRequired bool   `json:"invoiceRequired"`
	ID              int    `json:"id"`
	RegionID        string `json:"regionId"`
	SellerID        int    `json:"sellerId"`
	Number          string `json:"number"`
	Customer        struct {
		FirstName *string `json:"firstName"`
		LastName  *string `json:"lastName"`
	} `json:"customer"`
	Address struct {
		Billing  *handAddress `json:"billing"`
		Shipping *handAddress `json:"shipping"`
	} `json:"address"`
	NationalRegistrationNumber *string `json:"nationalRegistrationNumber"`
	PayoutPending              bool    `json:"payoutPending"`
	Gift                       struct {
		Option  bool    `json:"option"`
		Message *string `json:"message"`
	} `json:"gift"`
	Voucher struct {
		Code string `json:"code"`
		Type string `json:"type"`
	} `json:"voucher"`
	DeliveryInfo                string         `json:"deliveryInfo"`
	PaymentMethod               string         `json:"paymentMethod"`
	Currency                    string         `json:"currency"`
	Remarks                     string         `json:"remarks"`
	CreatedAt                   string         `json:"createdAt"`
	UpdatedAt                   string         `json:"updatedAt"`
	AddressUpdatedAt            string         `json:"addressUpdatedAt"`
	ExchangeByOrderID           *string        `json:"exchangeByOrderId"`
	ExchangeForOrderID          *string        `json:"exchangeForOrderId"`
	ExtraAttributes             *string        `json:"extraAttributes"`
	StatusList                  map[string]int `json:"statusList"`
	Source                      *string        `json:"source"`
	ItemCount                   int            `json:"itemCount"`
	UnitPriceSumWithFees        float64        `json:"unitPriceSumWithFees"`
	ShippingFeeSstSum           float64        `json:"shippingFeeSstSum"`
	GrandTotal                  float64        `json:"grandTotal"`
	TargetToShip                *string        `json:"targetToShip"`
	ShipmentProviderType        *string        `json:"shipmentProviderType"`
	ShipmentProviderPreSelected bool           `json:"shipmentProviderPreSelected"`
	PackedItemsCount            int            `json:"packedItemsCount"`
	OrderItemIDs                []int          `json:"orderItemIds"`
	Items                       []handItem     `json:"items"`
}

type handProvider struct {
	UUID        *string `json:"uuid"`
	Name        string  `json:"name"`
	Default     bool    `json:"default"`
	DigitalType *string `json:"digitalType"`
	TrackingURL *string `json:"trackingUrl"`
}

type handItem struct {
	ID            int    `json:"id"`
	SrcID         string `json:"srcId"`
	SellerID      int    `json:"sellerId"`
	OrderID       int    `json:"orderId"`
	UUID          string `json:"uuid"`
	Status        string `json:"status"`
	IsProcessable bool   `json:"isProcessable"`
	FailureReason struct {
		Type        *string `json:"type"`
		Name        *string `json:"name"`
		Description *string `json:"description"`
		Details     *string `json:"details"`
	} `json:"failureReason"`
	Shipment struct {
		Type                     string        `json:"type"`
		CrossdockingDeliveryType *string       `json:"crossdockingDeliveryType"`
		Method                   string        `json:"method"`
		PreProvider              *handProvider `json:"preProvider"`
		Provider                 *handProvider `json:"provider"`
		ProviderPreselected      bool          `json:"providerPreselected"`
		ProviderProduct          string        `json:"providerProduct"`
		ProviderType             *string       `json:"providerType"`
		Weight                   float64       `json:"weight"`
		TrackingCode             string        `json:"trackingCode"`
		PreTrackingCode          *string       `json:"preTrackingCode"`
	} `json:"shipment"`
	InvoiceNumber    *string `json:"invoiceNumber"`
	InvoiceAccesskey *string `json:"invoiceAccesskey"`
	InTransit        bool    `json:"inTransit"`
	Premium          bool    `json:"premium"`
	TargetToShipAt   *string `json:"targetToShipAt"`
	Product          struct {
		Name      string  `json:"name"`
		SKU       string  `json:"sku"`
		Variation *string `json:"variation"`
		SellerSKU string  `json:"sellerSku"`
	} `json:"product"`
	UnitPrice             float64  `json:"unitPrice"`
	TaxAmount             float64  `json:"taxAmount"`
	TaxPercent            float64  `json:"taxPercent"`
	PaidPrice             float64  `json:"paidPrice"`
	PaidCommission        *float64 `json:"paidCommission"`
	ShippingFee           float64  `json:"shippingFee"`
	ShippingServiceCost   *float64 `json:"shippingServiceCost"`
	WalletCredits         float64  `json:"walletCredits"`
	StoreCredits          float64  `json:"storeCredits"`
	ShippingVoucherAmount float64  `json:"shippingVoucherAmount"`
	PriceAfterDiscount    float64  `json:"priceAfterDiscount"`
	SalesDueAmount        float64  `json:"salesDueAmount"`
	ItemSerialNumber      *string  `json:"itemSerialNumber"`
	AbatementRate         *string  `json:"abatementRate"`
	ExciseRate            *string  `json:"exciseRate"`
	HsnCode               *string  `json:"hsnCode"`
	CodCollectableAmount  *string  `json:"codCollectableAmount"`
	Purchase              struct {
		OrderSrcID   *int    `json:"orderSrcId"`
		OrderNumber  *string `json:"orderNumber"`
		DeliveryInfo *string `json:"deliveryInfo"`
	} `json:"purchase"`
	CreatedAt           string  `json:"createdAt"`
	UpdatedAt           *string `json:"updatedAt"`
	LastStatusChangedAt *string `json:"lastStatusChangedAt"`
	WarehouseName       *string `json:"warehouseName"`
	ExtraAttributes     *struct {
		InstallmentFee             *float64 `json:"installment_fee"`
		DeliveryType               *string  `json:"delivery_type"`
		HasTransferShippingFlatFee *bool    `json:"has_transfer_shipping_flat_fee"`
		PriceExcludedTax           *float64 `json:"price_excluded_tax"`
		SalesServiceTax            *float64 `json:"sales_service_tax"`
		GstFree                    *string  `json:"gst_free"`
		ShippingFeeSst             *float64 `json:"shipping_fee_sst"`
	} `json:"extraAttributes"`
	IsHybrid bool     `json:"isHybrid"`
	IsOutlet bool     `json:"isOutlet"`
	Actions  []string `json:"actions"`
	Vouchers []struct {
		Code                         string  `json:"code"`
		Amount                       float64 `json:"amount"`
		CashbackPercentage           int     `json:"cashbackPercentage"`
		VoucherSellerShare           float64 `json:"voucherSellerShare"`
		CashbackSellerShare          float64 `json:"cashbackSellerShare"`
		AmountFundedBySeller         float64 `json:"amountFundedBySeller"`
		CashbackAmountFundedBySeller float64 `json:"cashbackAmountFundedBySeller"`
	} `json:"vouchers"`
	ManifestStatus      *string `json:"manifestStatus"`
	IsPickupRequestSent bool    `json:"isPickupRequestSent"`
	DiscountAmount      float64 `json:"discountAmount"`
}

// BenchmarkDecodeOrders decodes the 351 KB listOrders page of 100 orders
// with json.Unmarshal into the hand-written struct and into gen.OrderPage,
// one after the other in the same loop, rotating the order, so that load
// from elsewhere slows both alike. It reports, per order, each one's mean
// time (<impl>-ns/order), the ratio of their total times (gen/baseline),
// and their allocations and bytes, which do not depend on timing and are
// counted once, before timing starts.
func BenchmarkDecodeOrders(b *testing.B) {
	page := fixtures(b).orderPage
	impls := []struct {
		name   string
		decode func([]byte) (int, error)
	}{
		{"baseline", func(p []byte) (int, error) {
			var v handOrderPage
			err := json.Unmarshal(p, &v)
			return len(v.Items), err
		}},
		{"gen", func(p []byte) (int, error) {
			var v gen.OrderPage
			err := json.Unmarshal(p, &v)
			return len(v.Items), err
		}},
	}
	allocs, bytes := make([]float64, len(impls)), make([]float64, len(impls))
	for j, im := range impls {
		if n, err := im.decode(page); err != nil || n != ordersPerPage {
			b.Fatalf("%s decoded %d orders, err %v; want %d", im.name, n, err, ordersPerPage)
		}
		allocs[j], bytes[j] = perCall(func() { _, _ = im.decode(page) })
	}
	spent := make([]time.Duration, len(impls))
	cpu := make([]int64, len(impls))
	_, hasCPU := cpuTime()
	b.SetBytes(int64(len(impls) * len(page)))
	round := 0
	for b.Loop() {
		for k := range impls {
			j := (round + k) % len(impls)
			c0, _ := cpuTime()
			start := time.Now()
			if _, err := impls[j].decode(page); err != nil {
				b.Fatal(err)
			}
			spent[j] += time.Since(start)
			c1, _ := cpuTime()
			cpu[j] += c1 - c0
		}
		round++
	}
	// ReportMetric after the loop: b.Loop's start drops metrics reported
	// before it.
	for j, im := range impls {
		b.ReportMetric(float64(spent[j].Nanoseconds())/float64(round*ordersPerPage), im.name+"-ns/order")
		if hasCPU {
			b.ReportMetric(float64(cpu[j])/float64(round*ordersPerPage), im.name+"-cpu-ns/order")
		}
		b.ReportMetric(allocs[j]/ordersPerPage, im.name+"-allocs/order")
		b.ReportMetric(bytes[j]/ordersPerPage, im.name+"-B/order")
	}
	b.ReportMetric(float64(spent[1])/float64(spent[0]), "gen/baseline")
	if hasCPU && cpu[0] > 0 {
		b.ReportMetric(float64(cpu[1])/float64(cpu[0]), "gen/baseline-cpu")
	}
}

// perCall returns the heap allocations and bytes of one call of f, the
// mean of a few; runtime.ReadMemStats counts every allocation exactly.
func perCall(f func()) (allocs, bytes float64) {
	const runs = 3
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		f()
	}
	runtime.ReadMemStats(&after)
	return float64(after.Mallocs-before.Mallocs) / runs, float64(after.TotalAlloc-before.TotalAlloc) / runs
}
