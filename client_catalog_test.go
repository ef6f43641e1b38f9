package sellercenter_test

// Contract tests of the catalog flows (imports, feeds, the legacy XML
// envelopes and the list iterators) against the stateful mock, and the
// helpers the catalog rows' onMock calls share.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// marketplaceStock is the shipmentTypeId of a product whose stock the
// marketplace holds (consignment): the seller cannot set it.
const marketplaceStock = 1

// feedPoll polls feeds every few milliseconds, which is no real wait: the
// mocks run a feed on the next request, or when a test's clock says so.
var feedPoll = sellercenter.FeedWait{Interval: time.Millisecond, MaxInterval: 4 * time.Millisecond}

func valueOf[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// sellable reports whether p is on sale with stock the seller keeps.
func sellable(p gen.Product) bool {
	return p.Status == gen.ProductStatusActive && p.ShipmentTypeId != marketplaceStock
}

// catalogSets lists the product sets of a section with the client, in one
// page.
func (e operationEnv) catalogSets(t *testing.T, section gen.ProductSetSection) []gen.ProductSet {
	t.Helper()
	op := fmt.Sprintf("ListProductSets(status %s)", section)
	resp, err := e.c.ListProductSetsWithResponse(e.ctx, &gen.ListProductSetsParams{Limit: 100, Status: section})
	page := decoded(t, op, succeed(t, op, resp, err).JSON200)
	if len(page.Items) == 0 {
		t.Fatalf("%s = none, want the seeded product sets", op)
	}
	return page.Items
}

// liveSet returns the first product set on sale whose products, as the mock
// holds them, satisfy want (nil takes any), with those products. It walks
// the sets in small pages and stops at the first that fits, since rendering
// and checking a page of sets is what most of a case's time goes to.
func (e operationEnv) liveSet(t *testing.T, want func([]gen.Product) bool) (gen.ProductSet, []gen.Product) {
	t.Helper()
	section := gen.ProductSetSectionActive
	for s, err := range e.c.ProductSets(e.ctx, gen.ListProductSetsParams{Limit: 2, Status: section}) {
		if err != nil {
			t.Fatalf("ProductSets(active) = %v", err)
		}
		products, err := e.mock.Products(s.Id)
		if err != nil {
			t.Fatalf("mock.Products(%d) = %v, want the products of a listed set", s.Id, err)
		}
		if want == nil || want(products) {
			return s, products
		}
	}
	t.Fatal("no product set on sale fits the case")
	return gen.ProductSet{}, nil
}

// liveProduct returns the first product of a set on sale that satisfies
// want.
func (e operationEnv) liveProduct(t *testing.T, want func(gen.Product) bool) gen.Product {
	t.Helper()
	_, products := e.liveSet(t, func(ps []gen.Product) bool { return slices.ContainsFunc(ps, want) })
	return products[slices.IndexFunc(products, want)]
}

// warehouses lists the seller's warehouses with the client.
func (e operationEnv) warehouses(t *testing.T) []gen.Warehouse {
	t.Helper()
	resp, err := e.c.ListWarehousesWithResponse(e.ctx)
	list := decoded(t, "ListWarehouses()", succeed(t, "ListWarehouses()", resp, err).JSON200)
	if len(list) == 0 {
		t.Fatal("ListWarehouses() = none, want the seeded warehouses")
	}
	return list
}

// defaultWarehouse returns the id of the warehouse stock updates without one
// go to.
func (e operationEnv) defaultWarehouse(t *testing.T) int {
	t.Helper()
	for _, w := range e.warehouses(t) {
		if valueOf(w.Default) {
			return valueOf(w.Id)
		}
	}
	t.Fatal("ListWarehouses() has no default warehouse")
	return 0
}

// warehouseStock reads a product's quantity in a warehouse with the client.
func (e operationEnv) warehouseStock(t *testing.T, productID, warehouseID int) int {
	t.Helper()
	op := fmt.Sprintf("GetWarehouseStock(%d, %d)", productID, warehouseID)
	resp, err := e.c.GetWarehouseStockWithResponse(e.ctx, productID, warehouseID)
	return decoded(t, op, succeed(t, op, resp, err).JSON200).Quantity
}

// activePrice returns a product's first active price without a sale, read
// with the client. A write that changes the price alone keeps the sale, and
// the seeded sales have ended by the real clock, which the mock refuses.
func (e operationEnv) activePrice(t *testing.T, p gen.Product) gen.Price {
	t.Helper()
	setID := p.ProductSetId
	op := fmt.Sprintf("ListProductSetPrices(%d)", setID)
	resp, err := e.c.ListProductSetPricesWithResponse(e.ctx, setID)
	for _, pr := range decoded(t, op, succeed(t, op, resp, err).JSON200) {
		if pr.ProductId == p.Id && pr.Price != 0 && pr.SalePrice == nil && pr.Status == gen.PriceStatusActive {
			return pr
		}
	}
	t.Fatalf("%s has no active price without a sale for product %d", op, p.Id)
	return gen.Price{}
}

// groupedSet returns a product set on sale that is in a product group, with
// the group's name, found with the client.
func (e operationEnv) groupedSet(t *testing.T) (gen.ProductSet, string) {
	t.Helper()
	brands := map[int]bool{}
	for _, s := range e.catalogSets(t, gen.ProductSetSectionActive) {
		brand := s.BrandId
		if brands[brand] {
			continue
		}
		brands[brand] = true
		op := fmt.Sprintf("ListProductGroups(brand %d)", brand)
		resp, err := e.c.ListProductGroupsWithResponse(e.ctx, &gen.ListProductGroupsParams{BrandId: brand})
		for _, g := range decoded(t, op, succeed(t, op, resp, err).JSON200).Items {
			name := g.Name
			op := fmt.Sprintf("ListProductSets(group %q)", name)
			resp, err := e.c.ListProductSetsWithResponse(e.ctx, &gen.ListProductSetsParams{Limit: 100, Group: name})
			if sets := decoded(t, op, succeed(t, op, resp, err).JSON200).Items; len(sets) > 0 {
				return sets[0], name
			}
		}
	}
	t.Fatal("no product set on sale is in a product group")
	return gen.ProductSet{}, ""
}

// setIDs returns the ids of sets.
func setIDs(sets []gen.ProductSet) []int {
	ids := make([]int, len(sets))
	for i, s := range sets {
		ids[i] = s.Id
	}
	return ids
}

// attributeIDs returns the ids a product set's attributes are keyed by.
func attributeIDs(t *testing.T, s gen.ProductSet) []int {
	t.Helper()
	var ids []int
	for k := range s.Attributes {
		id, err := strconv.Atoi(k)
		if err != nil {
			t.Fatalf("product set %d has attribute key %q, want an attribute id", s.Id, k)
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		t.Fatalf("product set %d has no attributes", s.Id)
	}
	slices.Sort(ids)
	return ids
}

func definitionIDs(defs []gen.AttributeDefinition) []int {
	ids := make([]int, len(defs))
	for i, d := range defs {
		ids[i] = valueOf(d.Id)
	}
	return ids
}

// wantContainsAll fails t unless got holds every id of want.
func wantContainsAll(t *testing.T, op string, got, want []int) {
	t.Helper()
	for _, id := range want {
		if !slices.Contains(got, id) {
			t.Errorf("%s = %v, want it to hold %d (one of %v)", op, got, id, want)
		}
	}
}

// importFile uploads a file with Import and returns the feed's UUID.
func importFile(t *testing.T, e operationEnv, kind sellercenter.ImportKind, name string, content []byte) string {
	t.Helper()
	op := fmt.Sprintf("Import(%s, %s)", kind, name)
	acc, err := e.c.Import(e.ctx, kind, name, bytes.NewReader(content))
	if err != nil {
		t.Fatalf("%s = %v, want the import accepted", op, err)
	}
	if acc.FeedUuid == "" || !acc.Success {
		t.Fatalf("%s = success %v, feed %v; want success and the feed's UUID", op, acc.Success, acc.FeedUuid)
	}
	return acc.FeedUuid
}

// waitClean waits for a feed with the client and fails t unless it finished
// without row errors.
func waitClean(t *testing.T, e operationEnv, uuid string) gen.FeedReport {
	t.Helper()
	report, err := e.c.WaitForFeed(e.ctx, uuid, feedPoll)
	if err != nil {
		t.Fatalf("WaitForFeed(%s) = %v, want the feed finished cleanly", uuid, err)
	}
	if report.Status != gen.FeedStateFinished {
		t.Fatalf("WaitForFeed(%s) status = %s, want Finished", uuid, report.Status)
	}
	return report
}

// productBySku fails t unless the mock holds a product with seller SKU sku.
func productBySku(t *testing.T, mock *sellercentertest.Server, sku string) gen.Product {
	t.Helper()
	p, err := mock.ProductBySellerSku(sku)
	if err != nil {
		t.Fatalf("mock.ProductBySellerSku(%q) = %v, want the product", sku, err)
	}
	return p
}

// pngImage is the start of a PNG file, enough for content sniffing.
var pngImage = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00")

// xlsxOf writes rows as a minimal XLSX workbook of inline strings.
func xlsxOf(t *testing.T, rows [][]string) []byte {
	t.Helper()
	var sheet strings.Builder
	for r, cells := range rows {
		fmt.Fprintf(&sheet, `<row r="%d">`, r+1)
		for c, v := range cells {
			var text bytes.Buffer
			if err := xml.EscapeText(&text, []byte(v)); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&sheet, `<c r="%c%d" t="inlineStr"><is><t>%s</t></is></c>`, 'A'+c, r+1, text.String())
		}
		sheet.WriteString(`</row>`)
	}
	const main = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	parts := [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook ` + main +
			` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Upload" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?><worksheet ` + main + `><sheetData>` + sheet.String() + `</sheetData></worksheet>`},
	}
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for _, p := range parts {
		w, err := z.Create(p[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(p[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// xmlFeed fails t unless an XML import succeeded, and returns the feed its
// envelope names.
func xmlFeed(t *testing.T, op string, env *gen.XmlResponse, err error) string {
	t.Helper()
	if err != nil {
		t.Fatalf("%s = %v, want a SuccessResponse", op, err)
	}
	if env.XMLName.Local != "SuccessResponse" || env.Head == nil || valueOf(env.Head.RequestId) == "" {
		t.Fatalf("%s = %s %+v, want a SuccessResponse naming its feed", op, env.XMLName.Local, env.Head)
	}
	return *env.Head.RequestId
}

// stockView is a product's stock as the client reads it: the total and the
// part in the default warehouse, which stock imports set.
type stockView struct{ total, inDefault int }

func readStock(t *testing.T, e operationEnv, productID, defaultWarehouse int) stockView {
	t.Helper()
	op := fmt.Sprintf("GetProductStock(%d)", productID)
	resp, err := e.c.GetProductStockWithResponse(e.ctx, productID)
	total := decoded(t, op, succeed(t, op, resp, err).JSON200).Quantity
	return stockView{total: total, inDefault: e.warehouseStock(t, productID, defaultWarehouse)}
}

// after is the view once the default warehouse holds q.
func (s stockView) after(q int) stockView {
	return stockView{total: s.total - s.inDefault + q, inDefault: q}
}

func TestContractCatalogFlows(t *testing.T) {
	t.Parallel()

	t.Run("CSV import applied after polling, a bad row is a FeedError, a canceled feed too", func(t *testing.T) {
		t.Parallel()
		clk := newStepClock()
		const delay = 10 * time.Minute
		mock := newContractMock(t, sellercentertest.Config{Now: clk.Now, FeedDelay: delay})
		e := operationEnv{ctx: t.Context(), mock: mock, c: newContractClient(t, mock, nil)}
		wh := e.defaultWarehouse(t)
		_, products := e.liveSet(t, func(ps []gen.Product) bool {
			return len(slices.DeleteFunc(slices.Clone(ps), func(p gen.Product) bool { return !sellable(p) })) >= 2
		})
		products = slices.DeleteFunc(products, func(p gen.Product) bool { return !sellable(p) })
		p, other := products[0], products[1]
		sku := p.SellerSku
		old := e.activePrice(t, p)
		country, price := old.Country, old.Price+5
		want := readStock(t, e, p.Id, wh).after(23)

		// The clock moves only when the test polls, so each poll sees the
		// feed one step further: Queued, Processing from half the delay on,
		// then Finished.
		var seen []gen.FeedState
		wait := feedPoll
		wait.OnPoll = func(r gen.FeedReport) {
			seen = append(seen, r.Status)
			clk.Advance(delay/2 + time.Minute)
		}
		csv := fmt.Sprintf("SellerSku,Quantity,Country,Price\n%s,23,%s,%.2f\n", sku, country, price)
		uuid := importFile(t, e, sellercenter.ImportProductUpdates, "update.csv", []byte(csv))
		if f, err := mock.Feed(uuid); err != nil || f.Status != gen.FeedStateQueued {
			t.Fatalf("mock.Feed(%s) right after the import = %s, %v; want Queued", uuid, f.Status, err)
		}
		report, err := e.c.WaitForFeed(e.ctx, uuid, wait)
		if err != nil || report.Status != gen.FeedStateFinished {
			t.Fatalf("WaitForFeed(%s) = %s, %v; want Finished cleanly", uuid, report.Status, err)
		}
		if wantSeen := []gen.FeedState{gen.FeedStateQueued, gen.FeedStateProcessing, gen.FeedStateFinished}; !slices.Equal(seen, wantSeen) {
			t.Errorf("WaitForFeed(%s) polled %v, want %v", uuid, seen, wantSeen)
		}
		if got := readStock(t, e, p.Id, wh); got != want {
			t.Errorf("GetProductStock/GetWarehouseStock(%d) after the import = %+v, want %+v", p.Id, got, want)
		}
		if st, err := mock.Stock(p.Id); err != nil || st.Quantity != want.total {
			t.Errorf("mock.Stock(%d) quantity = %d, %v; want %d", p.Id, st.Quantity, err, want.total)
		}
		prices, err := e.c.ListProductSetPricesWithResponse(e.ctx, p.ProductSetId)
		listed := decoded(t, "ListProductSetPrices()", succeed(t, "ListProductSetPrices()", prices, err).JSON200)
		if i := slices.IndexFunc(listed, func(pr gen.Price) bool {
			return pr.ProductId == p.Id && pr.Country == country
		}); i < 0 || listed[i].Price != price {
			t.Errorf("ListProductSetPrices(%d) after the import lacks %s at %v in %s", p.ProductSetId, sku, price, country)
		}

		// One good row and one naming an unknown SKU: the good one is
		// applied, the feed ends with the other's error.
		const unknown = "CT-NO-SUCH-SKU"
		wantOther := readStock(t, e, other.Id, wh).after(4)
		uuid = importFile(t, e, sellercenter.ImportStockUpdates, "stock.csv", fmt.Appendf(nil, "SellerSku,Quantity\n%s,4\n%s,9\n", other.SellerSku, unknown))
		report, err = e.c.WaitForFeed(e.ctx, uuid, wait)
		var fe *sellercenter.FeedError
		if !errors.As(err, &fe) {
			t.Fatalf("WaitForFeed(%s) of a file with an unknown SKU = %v, want a *FeedError", uuid, err)
		}
		if fe.UUID != uuid || fe.Report.Status != gen.FeedStateFinished || report.Status != gen.FeedStateFinished ||
			!errors.Is(err, sellercenter.ErrValidation) || !strings.Contains(err.Error(), unknown) || !strings.HasPrefix(err.Error(), "sellercenter: ") {
			t.Errorf("WaitForFeed(%s) = %v (status %s), want a Finished feed's ErrValidation naming %s", uuid, err, fe.Report.Status, unknown)
		}
		if errs := fe.Report.Errors; len(errs) != 1 || errs[0].SellerSku != unknown || errs[0].FieldName != "SellerSku" {
			t.Errorf("FeedError.Report.Errors = %+v, want one, for %s", errs, unknown)
		}
		if got := readStock(t, e, other.Id, wh); got != wantOther {
			t.Errorf("stock of %s after the half-bad import = %+v, want %+v (its row applied)", other.SellerSku, got, wantOther)
		}

		// A feed canceled before it ran ends the wait with a FeedError that
		// is no validation error, and changes nothing.
		before := readStock(t, e, p.Id, wh)
		uuid = importFile(t, e, sellercenter.ImportStockUpdates, "stock.csv", fmt.Appendf(nil, "SellerSku,Quantity\n%s,2\n", sku))
		cancel, err := e.c.CancelFeedWithResponse(e.ctx, uuid)
		succeed(t, "CancelFeed()", cancel, err)
		_, err = e.c.WaitForFeed(e.ctx, uuid, wait)
		if !errors.As(err, &fe) || fe.Report.Status != gen.FeedStateCanceled || errors.Is(err, sellercenter.ErrValidation) {
			t.Errorf("WaitForFeed(%s) of a canceled feed = %v, want a *FeedError with status Canceled, not ErrValidation", uuid, err)
		}
		if got := readStock(t, e, p.Id, wh); got != before {
			t.Errorf("stock of %s after a canceled import = %+v, want %+v", sku, got, before)
		}
	})

	t.Run("XML stock import, and an ErrorResponse is a LegacyError", func(t *testing.T) {
		t.Parallel()
		mock := newContractMock(t, sellercentertest.Config{})
		e := operationEnv{ctx: t.Context(), mock: mock, c: newContractClient(t, mock, nil)}
		wh := e.defaultWarehouse(t)
		p := e.liveProduct(t, sellable)
		sku := p.SellerSku
		want := readStock(t, e, p.Id, wh).after(31)

		env, err := e.c.ImportXML(e.ctx, &gen.XmlStockUpdateRequest{Product: []gen.XmlStockChange{{SellerSku: sku, Quantity: 31}}})
		uuid := xmlFeed(t, "ImportXML(stock)", env, err)
		if valueOf(env.Head.RequestAction) == "" {
			t.Errorf("ImportXML(stock) Head.RequestAction = empty, want the legacy action")
		}
		waitClean(t, e, uuid)
		if got := readStock(t, e, p.Id, wh); got != want {
			t.Errorf("stock of %s after the XML import = %+v, want %+v", sku, got, want)
		}

		feeds, err := e.c.CountFeedsWithResponse(e.ctx)
		before := decoded(t, "CountFeeds()", succeed(t, "CountFeeds()", feeds, err).JSON200).Total
		_, err = e.c.ImportXML(e.ctx, &gen.XmlStockUpdateRequest{Product: []gen.XmlStockChange{{SellerSku: sku, Quantity: -3}}})
		var le *sellercenter.LegacyError
		if !errors.As(err, &le) {
			t.Fatalf("ImportXML(stock -3) = %v, want a *LegacyError", err)
		}
		if le.Code == 0 || le.Message == "" || le.Action == "" || !errors.Is(err, sellercenter.ErrValidation) || !strings.HasPrefix(err.Error(), "sellercenter: ") {
			t.Errorf("ImportXML(stock -3) = %v (code %d, action %q), want an ErrValidation with the legacy code, message and action", err, le.Code, le.Action)
		}
		if i := slices.IndexFunc(le.Details, func(d gen.XmlDetail) bool { return valueOf(d.SellerSku) == sku && valueOf(d.Field) == "Quantity" }); i < 0 || !strings.Contains(err.Error(), sku) {
			t.Errorf("ImportXML(stock -3) details = %+v, message %q; want the Quantity of %s named", le.Details, err, sku)
		}
		feeds, err = e.c.CountFeedsWithResponse(e.ctx)
		if after := decoded(t, "CountFeeds()", succeed(t, "CountFeeds()", feeds, err).JSON200).Total; after != before {
			t.Errorf("CountFeeds() after a refused XML import = %d, want %d: nothing queued", after, before)
		}
		if got := readStock(t, e, p.Id, wh); got != want {
			t.Errorf("stock of %s after a refused XML import = %+v, want %+v unchanged", sku, got, want)
		}
		if got := mock.Count("importStockUpdatesXml"); got != 2 {
			t.Errorf("mock.Count(importStockUpdatesXml) = %d, want 2 (no retry)", got)
		}
	})

	t.Run("iterators walk every catalog list to its end", func(t *testing.T) {
		t.Parallel()
		mock := newContractMock(t, sellercentertest.Config{})
		e := operationEnv{ctx: t.Context(), mock: mock, c: newContractClient(t, mock, nil)}
		ctx := e.ctx

		// Each raw page, of the largest size, is the reference: the mock's
		// count of the list.
		resp, err := e.c.ListProductSetsWithResponse(ctx, &gen.ListProductSetsParams{Limit: 100})
		page := decoded(t, "ListProductSets(limit 100)", succeed(t, "ListProductSets(limit 100)", resp, err).JSON200)
		wantSets := setIDs(page.Items)
		if page.Pagination.TotalCount != len(wantSets) || len(wantSets) < 6 {
			t.Fatalf("ListProductSets(limit 100) = %d of total %v, want one page holding them all, at least 6", len(wantSets), page.Pagination.TotalCount)
		}
		before := mock.Count("listProductSets")
		got := walkIDs(t, "ProductSets(limit 5)", e.c.ProductSets(ctx, gen.ListProductSetsParams{Limit: 5}), func(s gen.ProductSet) int { return s.Id })
		if !slices.Equal(got, wantSets) {
			t.Errorf("ProductSets(limit 5) = %v, want %v", got, wantSets)
		}
		if n, want := mock.Count("listProductSets")-before, pagesFor(len(wantSets), 5); n != want {
			t.Errorf("ProductSets(limit 5) requests = %d, want %d", n, want)
		}

		brands, err := e.c.ListBrandsWithResponse(ctx, &gen.ListBrandsParams{Limit: 100, IncludeInaccessible: refTo(true)})
		brandPage := decoded(t, "ListBrands(limit 100, all)", succeed(t, "ListBrands(limit 100, all)", brands, err).JSON200)
		var wantBrands []int
		for _, b := range brandPage.Items {
			wantBrands = append(wantBrands, b.Id)
		}
		if brandPage.Pagination.TotalCount != len(wantBrands) || len(wantBrands) < 4 {
			t.Fatalf("ListBrands(limit 100, all) = %d of total %v, want one page holding them all", len(wantBrands), brandPage.Pagination.TotalCount)
		}
		before = mock.Count("listBrands")
		got = walkIDs(t, "Brands(limit 3, all)", e.c.Brands(ctx, gen.ListBrandsParams{Limit: 3, IncludeInaccessible: refTo(true)}), func(b gen.Brand) int { return b.Id })
		if !slices.Equal(got, wantBrands) {
			t.Errorf("Brands(limit 3, all) = %v, want %v", got, wantBrands)
		}
		if n, want := mock.Count("listBrands")-before, pagesFor(len(wantBrands), 3); n != want {
			t.Errorf("Brands(limit 3, all) requests = %d, want %d", n, want)
		}
		usable := walkIDs(t, "Brands()", e.c.Brands(ctx, gen.ListBrandsParams{}), func(b gen.Brand) int { return b.Id })
		if len(usable) == 0 || len(usable) >= len(wantBrands) {
			t.Errorf("Brands() = %d brands, want fewer than the %d with the inaccessible ones, but some", len(usable), len(wantBrands))
		}

		cats, err := e.c.SearchCategoriesWithResponse(ctx, &gen.SearchCategoriesParams{Limit: 100})
		catPage := decoded(t, "SearchCategories(limit 100)", succeed(t, "SearchCategories(limit 100)", cats, err).JSON200)
		var wantCats []int
		for _, c := range catPage.Items {
			wantCats = append(wantCats, valueOf(c.Id))
		}
		if catPage.Pagination.TotalCount != len(wantCats) || len(wantCats) < 5 {
			t.Fatalf("SearchCategories(limit 100) = %d of total %v, want one page holding them all", len(wantCats), catPage.Pagination.TotalCount)
		}
		before = mock.Count("searchCategories")
		got = walkIDs(t, "Categories(limit 4)", e.c.Categories(ctx, gen.SearchCategoriesParams{Limit: 4}), func(c gen.Category) int { return valueOf(c.Id) })
		if !slices.Equal(got, wantCats) {
			t.Errorf("Categories(limit 4) = %v, want %v", got, wantCats)
		}
		if n, want := mock.Count("searchCategories")-before, pagesFor(len(wantCats), 4); n != want {
			t.Errorf("Categories(limit 4) requests = %d, want %d", n, want)
		}

		attrs, err := e.c.ListAttributesWithResponse(ctx, &gen.ListAttributesParams{Limit: 100})
		wantAttrs := definitionIDs(decoded(t, "ListAttributes(limit 100)", succeed(t, "ListAttributes(limit 100)", attrs, err).JSON200).Items)
		got = walkIDs(t, "Attributes(limit 2)", e.c.Attributes(ctx, gen.ListAttributesParams{Limit: 2}), func(a gen.AttributeDefinition) int { return valueOf(a.Id) })
		if !slices.Equal(got, wantAttrs) || len(got) < 3 {
			t.Errorf("Attributes(limit 2) = %v, want ListAttributes()'s %v, at least 3", got, wantAttrs)
		}

		// Feeds: the seeded ones and three new, newest first.
		p := e.liveProduct(t, sellable)
		var added []int
		for q := range 3 {
			acc, err := e.c.Import(ctx, sellercenter.ImportStockUpdates, "stock.csv", strings.NewReader(fmt.Sprintf("SellerSku,Quantity\n%s,%d\n", p.SellerSku, q)))
			if err != nil || acc.FeedId == 0 {
				t.Fatalf("Import(stock) = %v, %v; want a feed id", acc, err)
			}
			added = append(added, acc.FeedId)
		}
		counts, err := e.c.CountFeedsWithResponse(ctx)
		total := decoded(t, "CountFeeds()", succeed(t, "CountFeeds()", counts, err).JSON200).Total
		before = mock.Count("listFeeds")
		got = walkIDs(t, "Feeds(limit 2)", e.c.Feeds(ctx, gen.ListFeedsParams{Limit: 2}), func(f gen.Feed) int { return f.Id })
		checkNoDuplicates(t, "Feeds(limit 2)", got)
		if len(got) != total || total < len(added)+1 {
			t.Errorf("Feeds(limit 2) = %d feeds, want CountFeeds()'s total %d", len(got), total)
		}
		if slices.Reverse(added); len(got) >= len(added) && !slices.Equal(got[:len(added)], added) {
			t.Errorf("Feeds(limit 2) starts %v, want the new feeds newest first %v", got[:len(added)], added)
		}
		if n, want := mock.Count("listFeeds")-before, pagesFor(total, 2); n != want {
			t.Errorf("Feeds(limit 2) requests = %d, want %d", n, want)
		}
		before = mock.Count("listFeeds")
		if all := walkIDs(t, "Feeds()", e.c.Feeds(ctx, gen.ListFeedsParams{}), func(f gen.Feed) int { return f.Id }); !slices.Equal(all, got) {
			t.Errorf("Feeds() = %v, want %v", all, got)
		}
		if n, want := mock.Count("listFeeds")-before, pagesFor(total, sellercenter.MaxFeedPageSize); n != want {
			t.Errorf("Feeds() requests = %d, want %d (pages of %d)", n, want, sellercenter.MaxFeedPageSize)
		}
	})
}
