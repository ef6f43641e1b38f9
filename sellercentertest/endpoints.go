package sellercentertest

import (
	"fmt"
	"strconv"

	"github.com/sellercenter-go/sellercenter/gen"
)

// URLsFor returns the URL and TokenURL of a server whose listener has the
// address hostport, so a process can print a server's settings before (or
// without) starting it.
func URLsFor(hostport string) (url, tokenURL string) {
	host := "http://" + hostport
	return host + apiPrefix, host + tokenPath
}

// MaxSeedOrders bounds SeedOrders: more orders than that would only fill
// memory.
const MaxSeedOrders = 1_000_000

// SeedOrders adds n pending orders, numbered after the existing ones, each
// with one to three items of the seeded products, so that listings are long
// enough to page through and show progress. It returns the first and last
// order id added.
func (s *Server) SeedOrders(n int) (first, last int, err error) {
	if n < 0 || n > MaxSeedOrders {
		return 0, 0, fmt.Errorf("sellercentertest: SeedOrders: n must be from 0 to %d, not %d", MaxSeedOrders, n)
	}
	st := s.st
	st.mu.Lock()
	defer st.mu.Unlock()
	first = st.nextOrder
	now := st.now()
	for k := 0; k < n; k++ {
		c := customers[k%len(customers)]
		addr := &gen.Address{
			FirstName: ptr(c.first), LastName: ptr(c.last), Phone: []string{masked}, Email: masked,
			Address: []string{c.street, "", "", "", ""}, City: c.city, Region: c.region, PostCode: c.postCode, Country: "Malaysia",
		}
		ord := st.newOrder(orderDefaults{created: dt(now)}, gen.Order{
			Number:        fmt.Sprintf("MY-%08d", 50000000+st.nextOrder),
			Customer:      gen.OrderCustomer{FirstName: ptr(c.first), LastName: ptr(c.last)},
			Address:       gen.OrderAddresses{Shipping: addr},
			PaymentMethod: "CashOnDelivery",
			CreatedAt:     dt(now),
		})
		for i := 0; i <= k%3; i++ {
			p := products[(k+i)%len(products)]
			st.addItem(ord, gen.OrderItem{
				Status:        gen.OrderItemStatusPending,
				IsProcessable: true,
				Product:       gen.ItemProduct{Name: p.name, Sku: p.sku, SellerSku: p.sellerSku, Variation: ptr(p.variation)},
				UnitPrice:     p.price, PaidPrice: p.price, PriceAfterDiscount: p.price, TaxPercent: 6,
				CreatedAt: dt(now),
			}, nil, 0)
		}
		last = ord.o.Id
	}
	if n == 0 {
		return 0, 0, nil
	}
	return first, last, nil
}

// MaxSeedProducts bounds SeedProducts.
const MaxSeedProducts = 100_000

// SeedProducts adds n live product sets of one product each (leather belts
// of the seeded brand and category, seller SKUs DEMO-BLT- and a number), each
// checked as AddProductSet checks its input, so that product listings and
// imports have volume. It returns the first and last product set id added.
func (s *Server) SeedProducts(n int) (first, last int, err error) {
	if n < 0 || n > MaxSeedProducts {
		return 0, 0, fmt.Errorf("sellercentertest: SeedProducts: n must be from 0 to %d, not %d", MaxSeedProducts, n)
	}
	s.st.mu.Lock()
	base := len(s.st.cat.sets) // numbers SKUs apart from an earlier call's
	s.st.mu.Unlock()
	for k := 1; k <= n; k++ {
		attrs := gen.ProductSetAttributes{}
		for _, kv := range [][2]int{{201, 2012}, {202, 2021}, {203, 2031}} {
			v := &gen.ProductSetAttributeValue{}
			if err := v.FromProductSetAttributeOption(kv[1]); err != nil {
				return first, last, fmt.Errorf("sellercentertest: SeedProducts: %w", err)
			}
			attrs[strconv.Itoa(kv[0])] = v
		}
		ps, err := s.AddProductSet(gen.ProductSetCreate{
			Name: fmt.Sprintf("Demo Leather Belt %d", base+k), SellerSku: fmt.Sprintf("DEMO-BLT-%06d", base+k),
			Price: float64(59 + k%5*10), BrandId: 202, PrimaryCategoryId: 321, Attributes: attrs, Variation: ptr("90"),
		})
		if err != nil {
			return first, last, fmt.Errorf("sellercentertest: SeedProducts: set %d of %d: %w", k, n, err)
		}
		if k == 1 {
			first = ps.Id
		}
		last = ps.Id
	}
	return first, last, nil
}
