package sellercentertest

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter/gen"
)

// reservedFor counts the seed order items of a seller SKU that wait to ship.
func reservedFor(t *testing.T, s *Server, sku string) int {
	t.Helper()
	orders, err := s.Orders()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, o := range orders {
		for _, it := range o.Items {
			if it.Product.SellerSku == sku && (it.Status == gen.OrderItemStatusPending || it.Status == gen.OrderItemStatusReadyToShip) {
				n++
			}
		}
	}
	return n
}

func TestStockUpdatesAreVisible(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	c := apiClient(t, s)
	ctx := context.Background()

	skipped, err := c.UpdateProductStockWithResponse(ctx, []gen.ProductStock{{ProductId: 51002, Quantity: 30}, {ProductId: 51009, Quantity: 5}, {ProductId: 99999, Quantity: 1}})
	if err != nil || skipped.JSON200 == nil {
		t.Fatalf("updateProductStock = %v, want 200", err)
	}
	if got := *skipped.JSON200; len(got) != 2 || got[0].ProductId != 51009 || got[1].ProductId != 99999 {
		t.Errorf("updateProductStock skipped %+v, want the consignment product 51009 and the unknown 99999", got)
	}
	reserved := reservedFor(t, s, "BTK-KWG-BL-M")
	if reserved == 0 {
		t.Fatal("the seed has no pending item of BTK-KWG-BL-M; the reserved stock check means nothing")
	}
	r, err := c.GetProductStockWithResponse(ctx, 51002)
	if err != nil || r.JSON200 == nil {
		t.Fatalf("getProductStock(51002) = %v", err)
	}
	sl := r.JSON200
	if got := sl.Quantity; got != 34 {
		t.Errorf("getProductStock(51002).quantity = %d, want 34 (30 in KL_Main, 4 in Penang_Store)", got)
	}
	if got := sl.ReservedStock; got != reserved {
		t.Errorf("getProductStock(51002).reservedStock = %d, want %d", got, reserved)
	}
	if got := sl.Available; got != 34-reserved {
		t.Errorf("getProductStock(51002).available = %d, want %d", got, 34-reserved)
	}
	if sl.Warehouses == nil || len(sl.Warehouses) != 2 || sl.Warehouses[0].Stock != 30 {
		t.Errorf("getProductStock(51002).warehouses = %+v, want KL_Main 30 and Penang_Store 4", sl.Warehouses)
	}

	// A new pending order of the product reserves one more.
	if _, err := s.AddOrder(gen.Order{Items: []gen.OrderItem{{Product: gen.ItemProduct{Name: "x", Sku: "KB512AA0A1B2MY-1001", SellerSku: "BTK-KWG-BL-M"}}}}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Stock(51002); err != nil || got.ReservedStock != reserved+1 {
		t.Errorf("Stock(51002).reservedStock after a new order = %d, %v; want %d", got.ReservedStock, err, reserved+1)
	}

	// Warehouse stock adds up; a disabled warehouse takes none.
	if w, err := c.SetWarehouseStockWithResponse(ctx, 51002, 2, gen.WarehouseStock{Quantity: 6}); err != nil || w.StatusCode() != 200 {
		t.Fatalf("setWarehouseStock(51002, 2) = %v", err)
	}
	if got, _ := s.Stock(51002); got.Quantity != 36 {
		t.Errorf("Stock(51002).quantity after setWarehouseStock = %d, want 36", got.Quantity)
	}
	if w, err := c.SetWarehouseStockWithResponse(ctx, 51002, 3, gen.WarehouseStock{Quantity: 6}); err != nil || w.StatusCode() != 422 {
		t.Errorf("setWarehouseStock(51002, disabled warehouse 3) = %v, %v; want 422", w.StatusCode(), err)
	}

	sums, err := c.ListProductSetStockSummariesWithResponse(ctx, &gen.ListProductSetStockSummariesParams{ProductSetIds: []int{7104, 1}})
	if err != nil || sums.JSON200 == nil || len(*sums.JSON200) != 2 {
		t.Fatalf("listProductSetStockSummaries = %v", err)
	}
	sandals, unknown := (*sums.JSON200)[0], (*sums.JSON200)[1]
	if sandals.SumOfStocks != 8 || sandals.FulfilmentStock != 8 || sandals.SellableStock != 10 ||
		sandals.NonSellableStock != 2 || !sandals.IsConsignmentShipment || sandals.ReservedStock != reservedFor(t, s, "SDL-LTH-41") {
		t.Errorf("listProductSetStockSummaries(7104) = %s, want 8 in stock, 8 received, 10 sellable, 2 not, consignment", sums.Body)
	}
	if unknown.SumOfStocks != 0 || unknown.HasProductWithZeroStock {
		t.Errorf("listProductSetStockSummaries(unknown set 1) = %+v, want zeros", unknown)
	}

	bad, err := c.UpdateProductStockWithResponse(ctx, []gen.ProductStock{{ProductId: 51001, Quantity: 2}, {ProductId: 51003, Quantity: -1}})
	if err != nil || bad.StatusCode() != 422 || bad.JSON422 == nil || !strings.Contains(bad.JSON422.Detail, "negative") {
		t.Errorf("updateProductStock(negative) = %d %s, want 422 naming the negative quantity", bad.StatusCode(), bad.Body)
	}
	if got, _ := s.Stock(51001); got.Quantity != 12 {
		t.Errorf("Stock(51001) after a refused request = %d, want the seed's 12", got.Quantity)
	}
	if r, err := c.GetProductStockWithResponse(ctx, 99999); err != nil || r.StatusCode() != 404 {
		t.Errorf("getProductStock(99999) = %d, %v; want 404", r.StatusCode(), err)
	}
}

func TestPriceUpdatesAreVisible(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	c := apiClient(t, s)
	ctx := context.Background()

	r, err := c.UpdateProductPriceWithResponse(ctx, 51006, "SG", gen.PriceUpdate{Price: ptr(33.5), SalePrice: ptr(29.9)})
	if err != nil || r.JSON200 == nil || r.JSON200.Price != 33.5 || deref(r.JSON200.SalePrice) != 29.9 {
		t.Fatalf("updateProductPrice(51006, SG) = %s, %v; want price 33.5 and sale 29.9", r.Body, err)
	}
	if got, err := s.Price(51006, "SG"); err != nil || got.Price != 33.5 || got.Status != gen.PriceStatusActive {
		t.Errorf("Price(51006, SG) = %+v, %v; want 33.5, active", got, err)
	}

	// Fields left out are cleared; the status stays.
	if st, err := c.SetProductPriceStatusWithResponse(ctx, 51006, "SG", gen.PriceStatusChange{Status: gen.PriceStatusInactive}); err != nil || st.StatusCode() != 204 {
		t.Fatalf("setProductPriceStatus = %v", err)
	}
	if r, err = c.UpdateProductPriceWithResponse(ctx, 51006, "SG", gen.PriceUpdate{Price: ptr(31.0)}); err != nil || r.JSON200 == nil {
		t.Fatalf("updateProductPrice = %v", err)
	}
	if got := r.JSON200; got.SalePrice != nil || got.Status != gen.PriceStatusInactive {
		t.Errorf("updateProductPrice(price only) = sale %v status %v, want the sale price cleared and inactive kept", got.SalePrice, got.Status)
	}

	// Rows are applied one by one; the failing ones make a 422.
	rows := []gen.ProductPriceUpdate{
		{ProductId: 51001, Country: "MY", Price: ptr(119.0)},
		{ProductId: 51002, Country: "MY", Price: ptr(2500.0)},
		{ProductId: 51004, Country: "MY", Price: ptr(99.0)},
		{ProductId: 51003, Country: "XX", Price: ptr(10.0)},
	}
	u, err := c.UpdateProductSetPricesWithResponse(ctx, 7101, rows)
	if err != nil || u.StatusCode() != 422 || u.JSON422 == nil {
		t.Fatalf("updateProductSetPrices(mixed rows) = %d %s, want 422", u.StatusCode(), u.Body)
	}
	for _, want := range []string{"max_price", "no product 51004", `"XX"`} {
		if !strings.Contains(u.JSON422.Detail, want) {
			t.Errorf("updateProductSetPrices(mixed rows) detail %q lacks %q", u.JSON422.Detail, want)
		}
	}
	if got, _ := s.Price(51001, "MY"); got.Price != 119 {
		t.Errorf("Price(51001, MY) = %v, want the valid row's 119 applied", got.Price)
	}
	if got, _ := s.Price(51002, "MY"); got.Price != 129.90 {
		t.Errorf("Price(51002, MY) = %v, want the seed's 129.90 (the row broke the category's max_price)", got.Price)
	}

	ok, err := c.UpdateProductSetPricesWithResponse(ctx, 7101, []gen.ProductPriceUpdate{{ProductId: 51003, Country: "SG", Price: ptr(41.0)}})
	if err != nil || ok.JSON200 == nil {
		t.Fatalf("updateProductSetPrices = %v", err)
	}
	// One row is answered with the vendor's single price object.
	one, err := ok.JSON200.AsPrice()
	if err != nil || one.Price != 41 || one.ProductId != 51003 || bytes.HasPrefix(bytes.TrimSpace(ok.Body), []byte("[")) {
		t.Errorf("updateProductSetPrices(51003 SG 41) = %s, AsPrice() = %+v, %v; want the stored price as one object", ok.Body, one, err)
	}
	lp, err := c.ListProductSetPricesWithResponse(ctx, 7101)
	if err != nil || lp.JSON200 == nil || !slices.ContainsFunc(*lp.JSON200, func(p gen.Price) bool {
		return p.ProductId == 51003 && p.Country == "SG" && p.Price == 41
	}) {
		t.Errorf("listProductSetPrices(7101) = %s, want the new SG price of 51003", lp.Body)
	}

	// listPrices combines its filters with OR and groups by set.
	lps, err := c.ListPricesWithResponse(ctx, &gen.ListPricesParams{ProductSetIds: []int{7103}, ProductIds: []int{51001}, ProductName: "sdl-lth-42"})
	if err != nil || lps.JSON200 == nil {
		t.Fatal(err)
	}
	grouped := map[int][]int{}
	for _, g := range *lps.JSON200 {
		for _, it := range g.Items {
			grouped[g.ProductSetId] = append(grouped[g.ProductSetId], it.ProductId)
		}
	}
	if want := map[int][]int{7101: {51001}, 7103: {51006}, 7104: {51009}}; len(grouped) != 3 || !slices.Equal(grouped[7101], want[7101]) ||
		!slices.Equal(grouped[7103], want[7103]) || !slices.Equal(grouped[7104], want[7104]) {
		t.Errorf("listPrices(set 7103 or product 51001 or name sdl-lth-42) = %v, want %v", grouped, want)
	}

	cases := []struct {
		name string
		body gen.PriceUpdate
		want int
	}{
		{"sale above price", gen.PriceUpdate{Price: ptr(10.0), SalePrice: ptr(12.0)}, 422},
		{"sale without price", gen.PriceUpdate{SalePrice: ptr(12.0)}, 422},
		{"zero price", gen.PriceUpdate{Price: ptr(0.0)}, 422},
		{"below min price of Men", gen.PriceUpdate{Price: ptr(5.0)}, 422},
	}
	for _, tc := range cases {
		r, err := c.UpdateProductPriceWithResponse(ctx, 51001, "MY", tc.body)
		if err != nil || r.StatusCode() != tc.want {
			t.Errorf("updateProductPrice(51001, MY, %s) = %d %s, want %d", tc.name, r.StatusCode(), r.Body, tc.want)
		}
	}
}

func TestProductSetLifecycle(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	c := apiClient(t, s)
	ctx := context.Background()

	in := gen.ProductSetCreate{Name: "Sarong Batik Classic", Price: 79, SellerSku: "SRG-BTK-CLS", BrandId: 201, PrimaryCategoryId: 312,
		Attributes: attrs(t, 101, 1013, 103, []int{1031, 1032}, 105, "Machine wash", 999, "dropped"), ProductIdentifier: ptr("9556009990001")}
	r, err := c.CreateProductSetWithResponse(ctx, in)
	if err != nil || r.JSON201 == nil {
		t.Fatalf("createProductSet = %d %s, %v", r.StatusCode(), r.Body, err)
	}
	ps := r.JSON201
	if got := ps.Name; got != "Kedai Batik Nusantara Red Sarong" {
		t.Errorf("createProductSet(Sarongs).name = %q, want the category's formula applied", got)
	}
	if _, ok := ps.Attributes["999"]; ok || len(ps.Attributes) != 3 {
		t.Errorf("createProductSet.attributes = %v, want the unknown attribute 999 dropped", keysOf(ps.Attributes))
	}
	if ps.SellerSku != "SRG-BTK-CLS" || ps.Status != gen.ProductStatusActive || deref(ps.ParentSku) != "SRG-BTK-CLS" {
		t.Errorf("createProductSet = sellerSku %q status %q parentSku %q", ps.SellerSku, ps.Status, deref(ps.ParentSku))
	}
	id := ps.Id
	page, err := c.ListProductSetsWithResponse(ctx, &gen.ListProductSetsParams{Limit: 50, Status: gen.ProductSetSectionPending})
	if err != nil || page.JSON200 == nil || !slices.ContainsFunc(page.JSON200.Items, func(p gen.ProductSet) bool { return p.Id == id }) {
		t.Errorf("listProductSets(pending) lacks the new set %d", id)
	}

	// A second size, then its own name and a status change.
	p, err := c.CreateProductWithResponse(ctx, id, gen.ProductWrite{SellerSku: ptr("SRG-BTK-CLS-2"), Variation: ptr("Long")})
	if err != nil || p.JSON201 == nil {
		t.Fatalf("createProduct = %d %s", p.StatusCode(), p.Body)
	}
	pid := p.JSON201.Id
	if u, err := c.UpdateProductWithResponse(ctx, id, pid, gen.ProductWrite{Name: ptr("Sarong Batik Classic Long"), ProductIdentifier: ptr("9556009990002")}); err != nil || u.StatusCode() != 200 {
		t.Fatalf("updateProduct = %d %s", u.StatusCode(), u.Body)
	}
	if got, err := s.ProductBySellerSku("SRG-BTK-CLS-2"); err != nil || got.Name != "Sarong Batik Classic Long" || deref(got.ProductIdentifier) != "9556009990002" {
		t.Errorf("ProductBySellerSku(SRG-BTK-CLS-2) = name %q barcode %q, %v", got.Name, deref(got.ProductIdentifier), err)
	}
	if st, err := c.SetProductStatusWithResponse(ctx, id, pid, &gen.SetProductStatusParams{Status: gen.ProductStatusDeleted}); err != nil || st.StatusCode() != 200 {
		t.Fatalf("setProductStatus(deleted) = %d", st.StatusCode())
	}
	// Deleting ignores the other fields of updateProduct; restoring too.
	if u, _ := c.UpdateProductWithResponse(ctx, id, pid, gen.ProductWrite{Status: gen.ProductStatusActive, Variation: ptr("Short")}); u.JSON200 == nil ||
		u.JSON200.Status != gen.ProductStatusActive || deref(u.JSON200.Variation) != "Long" {
		t.Errorf("updateProduct(restore with a variation) = %s, want restored with the variation kept", u.Body)
	}

	// Set-level changes; the shop's copy is stale until quality control.
	if u, err := c.UpdateProductSetWithResponse(ctx, id, gen.ProductSetUpdate{Description: ptr("<p>Classic.</p>"), Attributes: attrs(t, 101, 1011)}); err != nil || u.JSON200 == nil {
		t.Fatalf("updateProductSet = %d %s", u.StatusCode(), u.Body)
	} else if got := u.JSON200.Name; got != "Kedai Batik Nusantara Black Sarong" {
		t.Errorf("updateProductSet(colour black).name = %q, want the formula re-applied", got)
	}
	if err := s.SetQualityControl(id, gen.QualityControlStateApproved); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Product(pid); got.ShopSku == nil || got.ApprovalStatus != gen.ProductApprovalStatusApproved {
		t.Errorf("Product(%d) after approval = shopSku %v approval %v, want a shop SKU and approved", pid, got.ShopSku, got.ApprovalStatus)
	}

	cases := []struct {
		name string
		in   gen.ProductSetCreate
		want int
		text string
	}{
		{"unknown brand", withSet(in, func(c *gen.ProductSetCreate) { c.BrandId = 999; c.SellerSku = "X1" }), 422, "brand 999"},
		{"restricted brand", withSet(in, func(c *gen.ProductSetCreate) { c.BrandId = 206; c.SellerSku = "X2" }), 422, "may not use"},
		{"category with children", withSet(in, func(c *gen.ProductSetCreate) { c.PrimaryCategoryId = 31; c.SellerSku = "X3" }), 422, "subcategories"},
		{"inactive category", withSet(in, func(c *gen.ProductSetCreate) { c.PrimaryCategoryId = 322; c.SellerSku = "X4" }), 422, "inactive"},
		{"taken sku", in, 422, "taken"},
		{"missing mandatory", withSet(in, func(c *gen.ProductSetCreate) { c.SellerSku = "X5"; c.Attributes = attrs(t, 101, 1012) }), 422, "Material"},
		{"option not allowed", withSet(in, func(c *gen.ProductSetCreate) {
			c.SellerSku = "X6"
			c.PrimaryCategoryId = 311
			c.Attributes = attrs(t, 101, 1015, 103, []int{1031})
		}), 422, "option 1015"},
		{"category elsewhere", withSet(in, func(c *gen.ProductSetCreate) { c.SellerSku = "X7"; c.Categories = []int{221} }), 422, "branch"},
		{"price above max", withSet(in, func(c *gen.ProductSetCreate) { c.SellerSku = "X8"; c.PrimaryCategoryId = 311; c.Price = 2100 }), 422, "max_price"},
		{"zero price", withSet(in, func(c *gen.ProductSetCreate) { c.SellerSku = "X9"; c.Price = 0 }), 400, "price"},
	}
	for _, tc := range cases {
		r, err := c.CreateProductSetWithResponse(ctx, tc.in)
		if err != nil || r.StatusCode() != tc.want || !strings.Contains(string(r.Body), tc.text) {
			t.Errorf("createProductSet(%s) = %d %s, want %d naming %q", tc.name, r.StatusCode(), r.Body, tc.want, tc.text)
		}
	}
}

func withSet(in gen.ProductSetCreate, f func(*gen.ProductSetCreate)) gen.ProductSetCreate {
	f(&in)
	return in
}

func keysOf(m gen.ProductSetAttributes) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestListProductSetsFiltersAndPages(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	c := apiClient(t, s)
	ctx := context.Background()
	ids := func(items []gen.ProductSet) []int {
		var out []int
		for _, p := range items {
			out = append(out, p.Id)
		}
		return out
	}
	cases := []struct {
		name   string
		params gen.ListProductSetsParams
		want   []int
	}{
		{"pending", gen.ListProductSetsParams{Status: gen.ProductSetSectionPending}, []int{7107}},
		{"rejected", gen.ListProductSetsParams{Status: gen.ProductSetSectionRejected}, []int{7108, 7112}},
		{"disapproved", gen.ListProductSetsParams{Status: gen.ProductSetSectionDisapproved}, []int{7108}},
		{"not authorized", gen.ListProductSetsParams{Status: gen.ProductSetSectionNotAuthorized}, []int{7112}},
		{"deleted", gen.ListProductSetsParams{Status: gen.ProductSetSectionDeletedAll}, []int{7110}},
		{"image missing", gen.ListProductSetsParams{Status: gen.ProductSetSectionImageMissing}, []int{7108, 7112}},
		{"inactive", gen.ListProductSetsParams{Status: gen.ProductSetSectionInactiveAll}, []int{7109, 7112}},
		{"sold out", gen.ListProductSetsParams{Status: gen.ProductSetSectionSoldOut}, []int{7105}},
		{"keyword", gen.ListProductSetsParams{Keyword: "batik s"}, []int{7101, 7102}},
		{"keyword by sku", gen.ListProductSetsParams{Keyword: "SDL-LTH-4"}, []int{7104}},
		{"brand", gen.ListProductSetsParams{BrandIds: []int{202, 203}}, []int{7103, 7104, 7111}},
		{"category", gen.ListProductSetsParams{CategoryIds: []int{31}}, []int{7101}},
		{"tag by name", gen.ListProductSetsParams{Tags: []string{"Raya Collection"}}, []int{7101, 7102}},
		{"tag by id", gen.ListProductSetsParams{Tags: []string{"63"}}, []int{7105}},
		{"syncing", gen.ListProductSetsParams{Visibility: gen.ProductSetVisibilityStateSyncing}, []int{7111}},
		{"group", gen.ListProductSetsParams{Group: "kawung collection"}, []int{7101}},
		{"parent sku", gen.ListProductSetsParams{ParentSku: "EGIFT-50"}, []int{7106}},
		{"newest first", gen.ListProductSetsParams{OrderBy: gen.ListProductSetsParamsOrderByCreatedAt, OrderDirection: gen.ProductSetSortDirectionDESC, Limit: 2}, []int{7107, 7108}},
	}
	for _, tc := range cases {
		p := tc.params
		if p.Limit == 0 {
			p.Limit = 100
		}
		r, err := c.ListProductSetsWithResponse(ctx, &p)
		if err != nil || r.JSON200 == nil {
			t.Errorf("listProductSets(%s) = %d %s", tc.name, r.StatusCode(), r.Body)
			continue
		}
		if got := ids(r.JSON200.Items); !slices.Equal(got, tc.want) {
			t.Errorf("listProductSets(%s) = %v, want %v", tc.name, got, tc.want)
		}
	}

	// Pages cover every set once, with a consistent total; limit is capped.
	var seen []int
	total := -1
	for offset := 0; ; offset += 5 {
		r, err := c.ListProductSetsWithResponse(ctx, &gen.ListProductSetsParams{Limit: 5, Offset: offset})
		if err != nil || r.JSON200 == nil {
			t.Fatalf("listProductSets(offset %d) = %v", offset, err)
		}
		total = r.JSON200.Pagination.TotalCount
		if len(r.JSON200.Items) == 0 {
			break
		}
		seen = append(seen, ids(r.JSON200.Items)...)
	}
	if len(seen) != total || total != len(seedSets) {
		t.Errorf("paging listProductSets saw %d sets, totalCount %d, want the %d seeded", len(seen), total, len(seedSets))
	}
	if r, _ := c.ListProductSetsWithResponse(ctx, &gen.ListProductSetsParams{Limit: 500}); r.JSON200 == nil || r.JSON200.Pagination.Limit != 100 {
		t.Errorf("listProductSets(limit 500).pagination.limit = %s, want the cap 100", r.Body)
	}
	// Counts by attribute set agree with the list.
	cnt, err := c.CountProductSetsByAttributeSetWithResponse(ctx, &gen.CountProductSetsByAttributeSetParams{Limit: 10})
	if err != nil || cnt.JSON200 == nil {
		t.Fatal(err)
	}
	sum := 0
	for _, k := range *cnt.JSON200 {
		sum += k.Count
	}
	if sum != total {
		t.Errorf("countProductSetsByAttributeSet sums to %d, want %d", sum, total)
	}

	bad := []struct {
		name  string
		query string
		want  int
	}{
		{"dates reversed", "limit=5&offset=0&createDateStart=2024-10-02&createDateEnd=2024-10-01", 422},
		{"short keyword", "limit=5&offset=0&keyword=ab", 400},
		{"unknown section", "limit=5&offset=0&status=hidden", 400},
	}
	tok := token(t, s)
	for _, b := range bad {
		status, _, body := call(t, s, tok, http.MethodGet, "/v2/product-sets?"+b.query, "", "")
		if status != b.want {
			t.Errorf("GET /v2/product-sets?%s = %d %s, want %d", b.query, status, body, b.want)
		}
	}
}

func TestCatalogReferenceData(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{Empty: true})
	c := apiClient(t, s)
	ctx := context.Background()

	tree, err := c.GetCategoryTreeWithResponse(ctx)
	if err != nil || tree.JSON200 == nil {
		t.Fatal(err)
	}
	var names []string
	var walk func(prefix string, nodes []gen.CategoryTreeNode)
	walk = func(prefix string, nodes []gen.CategoryTreeNode) {
		for _, n := range nodes {
			names = append(names, prefix+deref(n.Name))
			walk(prefix+deref(n.Name)+"/", n.Children)
		}
	}
	walk("", *tree.JSON200)
	for _, want := range []string{"Men/Clothing/Batik Shirts", "Women/Bags/Tote Bags", "Gift Cards/Digital Gift Cards"} {
		if !slices.Contains(names, want) {
			t.Errorf("getCategoryTree lacks %s; has %v", want, names)
		}
	}
	for _, gone := range []string{"Home", "Men/Shoes/Sneakers", "Women/Clothing/Maternity"} {
		if slices.Contains(names, gone) {
			t.Errorf("getCategoryTree has the inactive or deleted %s", gone)
		}
	}

	attrs, err := c.ListCategoryAttributesWithResponse(ctx, 311)
	if err != nil || attrs.JSON200 == nil {
		t.Fatal(err)
	}
	for _, a := range *attrs.JSON200 {
		if a.Name == "color_family" {
			var opts []string
			for _, o := range a.Options {
				opts = append(opts, o.Name)
			}
			if want := []string{"Black", "Blue", "Red", "Gold"}; !slices.Equal(opts, want) {
				t.Errorf("listCategoryAttributes(311) color_family options = %v, want the mapping's %v", opts, want)
			}
		}
	}
	if all, _ := c.GetAttributeWithResponse(ctx, 101); all.JSON200 == nil || len(all.JSON200.Options) != 6 {
		t.Errorf("getAttribute(101) = %s, want all 6 options", all.Body)
	}

	settings, err := c.GetCategorySettingsWithResponse(ctx, 311)
	if err != nil || settings.JSON200 == nil || len(*settings.JSON200) != 3 || (*settings.JSON200)[0].Name != "Men" {
		t.Errorf("getCategorySettings(311) = %s, want Men, Clothing, Batik Shirts", settings.Body)
	}

	brands := []struct {
		params gen.ListBrandsParams
		want   int
	}{
		{gen.ListBrandsParams{Limit: 50}, 5},
		{gen.ListBrandsParams{Limit: 50, IncludeInaccessible: ptr(true)}, 8},
		{gen.ListBrandsParams{Limit: 50, IncludeInaccessible: ptr(true), RestrictedOnly: ptr(true)}, 2},
		{gen.ListBrandsParams{Limit: 50, Name: "batik"}, 1},
	}
	for _, b := range brands {
		r, err := c.ListBrandsWithResponse(ctx, &b.params)
		if err != nil || r.JSON200 == nil || len(r.JSON200.Items) != b.want || r.JSON200.Pagination.TotalCount != b.want {
			t.Errorf("listBrands(%+v) = %s, want %d brands", b.params, r.Body, b.want)
		}
	}
	search, _ := c.SearchCategoriesWithResponse(ctx, &gen.SearchCategoriesParams{Query: "clothing", Limit: 1, Offset: 1})
	if search.JSON200 == nil || len(search.JSON200.Items) != 1 || search.JSON200.Pagination.TotalCount != 2 {
		t.Errorf("searchCategories(clothing, second page) = %s, want 1 of 2", search.Body)
	}
	if r, _ := c.GetProductSetSamplePayloadWithResponse(ctx, 999, nil); r.StatusCode() != 422 {
		t.Errorf("getProductSetSamplePayload(999) = %d, want 422", r.StatusCode())
	}
	if r, _ := c.ListProductSetsWithResponse(ctx, &gen.ListProductSetsParams{Limit: 10}); r.JSON200 == nil || len(r.JSON200.Items) != 0 {
		t.Errorf("listProductSets on an Empty server = %s, want no sets", r.Body)
	}
}

func TestCatalogStateHelpers(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{Empty: true})
	ps, err := s.AddProductSet(gen.ProductSetCreate{Name: "Leather Belt", Price: 89, SellerSku: "BLT-LTH-90", BrandId: 202,
		PrimaryCategoryId: 321, Attributes: attrs(t, 201, 2012, 202, 2021, 203, 2031), Variation: ptr("90")})
	if err != nil {
		t.Fatalf("AddProductSet = %v", err)
	}
	id := ps.Id
	products, err := s.Products(id)
	if err != nil || len(products) != 1 || products[0].ShopSku == nil || products[0].Name != "Leather Belt" {
		t.Fatalf("Products(%d) = %+v, %v; want one live product with a shop SKU", id, products, err)
	}
	pid := products[0].Id
	if err := s.SetStock(pid, 7); err != nil {
		t.Fatal(err)
	}
	if st, err := s.Stock(pid); err != nil || st.Quantity != 7 || st.Available != 7 {
		t.Errorf("Stock(%d) = %+v, %v; want 7 available", pid, st, err)
	}
	if p, err := s.Price(pid, "MY"); err != nil || p.Price != 89 {
		t.Errorf("Price(%d, MY) = %v, %v; want 89", pid, p.Price, err)
	}
	if err := s.SetQualityControl(id, gen.QualityControlStateRejected, "Counterfeit (Not Authorized)"); err != nil {
		t.Fatal(err)
	}
	c := apiClient(t, s)
	r, err := c.ListProductSetsWithResponse(context.Background(), &gen.ListProductSetsParams{Limit: 5, Status: gen.ProductSetSectionNotAuthorized})
	if err != nil || r.JSON200 == nil || len(r.JSON200.Items) != 1 {
		t.Errorf("listProductSets(not-authorized) after SetQualityControl = %s, want the set", r.Body)
	}

	notFound := []struct {
		name string
		err  error
	}{
		{"ProductSet(1)", func() error { _, err := s.ProductSet(1); return err }()},
		{"Product(1)", func() error { _, err := s.Product(1); return err }()},
		{"ProductBySellerSku(nope)", func() error { _, err := s.ProductBySellerSku("nope"); return err }()},
		{"Stock(1)", func() error { _, err := s.Stock(1); return err }()},
		{"Price(pid, SG)", func() error { _, err := s.Price(pid, "SG"); return err }()},
		{"Images(1)", func() error { _, err := s.Images(1); return err }()},
		{"Feed(x)", func() error { _, err := s.Feed("x"); return err }()},
		{"FeedReport(x)", func() error { _, err := s.FeedReport("x"); return err }()},
		{"SetStock(1, 1)", s.SetStock(1, 1)},
		{"SetQualityControl(1)", s.SetQualityControl(1, gen.QualityControlStateApproved)},
	}
	for _, n := range notFound {
		if !errors.Is(n.err, ErrNotFound) {
			t.Errorf("%s = %v, want ErrNotFound", n.name, n.err)
		}
	}
	bad := []struct {
		name string
		err  error
	}{
		{"AddProductSet(no price)", func() error { _, err := s.AddProductSet(gen.ProductSetCreate{Name: "x", SellerSku: "y"}); return err }()},
		{"AddProductSet(taken sku)", func() error {
			_, err := s.AddProductSet(gen.ProductSetCreate{Name: "x", SellerSku: "BLT-LTH-90", Price: 1, BrandId: 202, PrimaryCategoryId: 321})
			return err
		}()},
		{"SetStock(negative)", s.SetStock(pid, -1)},
		{"SetQualityControl(rejected without reason)", s.SetQualityControl(id, gen.QualityControlStateRejected)},
		{"SetQualityControl(unknown state)", s.SetQualityControl(id, "lost")},
	}
	for _, b := range bad {
		if b.err == nil || errors.Is(b.err, ErrNotFound) {
			t.Errorf("%s = %v, want an error", b.name, b.err)
		}
	}
}
