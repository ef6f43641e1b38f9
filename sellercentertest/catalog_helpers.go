package sellercentertest

import (
	"fmt"
	"strings"

	"github.com/sellercenter-go/sellercenter/gen"
)

// The catalog helpers read and change the fake's catalog directly. Each
// first lets due feeds run, as a request would.

// lockCatalog locks the store and runs due feeds; call the returned func to
// unlock.
func (s *Server) lockCatalog() func() {
	s.st.mu.Lock()
	s.st.settle()
	return s.st.mu.Unlock
}

// AddProductSet adds a product set with its first product, checked like
// createProductSet (brand, category, attributes, price), and returns it as
// the API shows it. Unlike createProductSet, the set has passed quality
// control and is live in the shop: its products have shop SKUs. Change that
// with SetQualityControl.
func (s *Server) AddProductSet(in gen.ProductSetCreate) (gen.ProductSet, error) {
	c, err := clone(in)
	if err != nil {
		return gen.ProductSet{}, err
	}
	if strings.TrimSpace(c.Name) == "" || strings.TrimSpace(c.SellerSku) == "" || c.Price <= 0 {
		return gen.ProductSet{}, fmt.Errorf("sellercentertest: AddProductSet needs a name, a sellerSku and a price above 0")
	}
	defer s.lockCatalog()()
	st := s.st
	ps, err := st.createSet(c)
	if err != nil {
		return gen.ProductSet{}, fmt.Errorf("sellercentertest: AddProductSet: %w", err)
	}
	ps.qc, ps.qcAt = gen.QualityControlStateApproved, st.now()
	st.upload(ps)
	return st.renderSet(ps)
}

// ProductSet returns the product set with id as getProductSet shows it.
func (s *Server) ProductSet(id int) (gen.ProductSet, error) {
	defer s.lockCatalog()()
	ps := s.st.setByID(id)
	if ps == nil {
		return gen.ProductSet{}, fmt.Errorf("product set %d: %w", id, ErrNotFound)
	}
	return s.st.renderSet(ps)
}

// Products returns the products of a product set, names included.
func (s *Server) Products(productSetID int) ([]gen.Product, error) {
	defer s.lockCatalog()()
	ps := s.st.setByID(productSetID)
	if ps == nil {
		return nil, fmt.Errorf("product set %d: %w", productSetID, ErrNotFound)
	}
	return s.st.setProducts(ps, true)
}

// Product returns the product with id, name included.
func (s *Server) Product(id int) (gen.Product, error) {
	defer s.lockCatalog()()
	p := s.st.cat.products[id]
	if p == nil {
		return gen.Product{}, fmt.Errorf("product %d: %w", id, ErrNotFound)
	}
	return s.st.renderProduct(p, true)
}

// ProductBySellerSku returns the product with a seller SKU, name included.
func (s *Server) ProductBySellerSku(sku string) (gen.Product, error) {
	defer s.lockCatalog()()
	p := s.st.productBySellerSku(sku)
	if p == nil {
		return gen.Product{}, fmt.Errorf("product with seller SKU %q: %w", sku, ErrNotFound)
	}
	return s.st.renderProduct(p, true)
}

// Stock returns a product's stock figures as getProductStock shows them.
// reservedStock counts the product's order items that are pending or ready
// to ship, so it follows the orders.
func (s *Server) Stock(productID int) (gen.StockLevel, error) {
	defer s.lockCatalog()()
	p := s.st.cat.products[productID]
	if p == nil {
		return gen.StockLevel{}, fmt.Errorf("product %d: %w", productID, ErrNotFound)
	}
	return s.st.stockLevel(p), nil
}

// SetStock sets a product's stock in the default warehouse, bypassing the
// rules of the API (a product the marketplace holds stock for takes it too).
func (s *Server) SetStock(productID, quantity int) error {
	if quantity < 0 {
		return fmt.Errorf("sellercentertest: SetStock: negative quantity %d", quantity)
	}
	defer s.lockCatalog()()
	p := s.st.cat.products[productID]
	if p == nil {
		return fmt.Errorf("product %d: %w", productID, ErrNotFound)
	}
	s.st.setStock(p, s.st.defaultWarehouse(), quantity)
	return nil
}

// Price returns a product's price in a country (a code such as MY); a
// country without a price is ErrNotFound.
func (s *Server) Price(productID int, country string) (gen.Price, error) {
	defer s.lockCatalog()()
	p := s.st.cat.products[productID]
	if p == nil {
		return gen.Price{}, fmt.Errorf("product %d: %w", productID, ErrNotFound)
	}
	if r := p.prices[country]; r == nil || r.price == nil {
		return gen.Price{}, fmt.Errorf("price of product %d in %q: %w", productID, country, ErrNotFound)
	}
	return s.st.renderPrice(p, country), nil
}

// Images returns a product set's images by position.
func (s *Server) Images(productSetID int) ([]gen.ProductImage, error) {
	defer s.lockCatalog()()
	ps := s.st.setByID(productSetID)
	if ps == nil {
		return nil, fmt.Errorf("product set %d: %w", productSetID, ErrNotFound)
	}
	out := []gen.ProductImage{}
	for _, im := range s.st.imagesOf(ps) {
		c, err := clone(*im)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// Feed returns the feed with a UUID as listFeeds shows it.
func (s *Server) Feed(uuid string) (gen.Feed, error) {
	defer s.lockCatalog()()
	f := s.st.cat.feeds[uuid]
	if f == nil {
		return gen.Feed{}, fmt.Errorf("feed %s: %w", uuid, ErrNotFound)
	}
	return s.st.renderFeed(f), nil
}

// FeedReport returns a feed's status with its row errors and warnings, as
// getFeedStatus shows them.
func (s *Server) FeedReport(uuid string) (gen.FeedReport, error) {
	defer s.lockCatalog()()
	f := s.st.cat.feeds[uuid]
	if f == nil {
		return gen.FeedReport{}, fmt.Errorf("feed %s: %w", uuid, ErrNotFound)
	}
	return s.st.feedReport(f)
}

// SetQualityControl gives a product set a quality control decision, as the
// marketplace's reviewers do. Approval puts the set's latest version in the
// shop (its products get shop SKUs); a rejection records reasons, and a
// reason ending in "(Not Authorized)" makes the set not authorized.
func (s *Server) SetQualityControl(productSetID int, state gen.QualityControlState, reasons ...string) error {
	switch state {
	case gen.QualityControlStateApproved, gen.QualityControlStatePending:
		if len(reasons) > 0 {
			return fmt.Errorf("sellercentertest: SetQualityControl: only a rejection takes reasons")
		}
	case gen.QualityControlStateRejected:
		if len(reasons) == 0 {
			return fmt.Errorf("sellercentertest: SetQualityControl: a rejection needs a reason")
		}
	default:
		return fmt.Errorf("sellercentertest: SetQualityControl: unknown state %q", state)
	}
	defer s.lockCatalog()()
	st := s.st
	ps := st.setByID(productSetID)
	if ps == nil {
		return fmt.Errorf("product set %d: %w", productSetID, ErrNotFound)
	}
	ps.qc, ps.qcAt, ps.rejections, ps.notAuthorized = state, st.now(), append([]string{}, reasons...), false
	for _, r := range reasons {
		ps.notAuthorized = ps.notAuthorized || strings.HasSuffix(r, "(Not Authorized)")
	}
	approval := map[gen.QualityControlState]gen.ProductApprovalStatus{
		gen.QualityControlStateApproved: gen.ProductApprovalStatusApproved,
		gen.QualityControlStateRejected: gen.ProductApprovalStatusRejected,
		gen.QualityControlStatePending:  gen.ProductApprovalStatusPending,
	}[state]
	for _, p := range st.productsOf(ps) {
		p.p.ApprovalStatus = approval
	}
	st.emitSetQC(ps)
	if state == gen.QualityControlStateApproved {
		st.upload(ps)
	}
	return nil
}
