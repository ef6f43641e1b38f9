package sellercenter_test

// Contract tests of the catalog: one case per catalog operation, registered
// into operationCases so TestContractEveryOperation runs them like the
// order cases, and the catalog flows (imports, feeds, the legacy XML
// envelopes and the list iterators) against the stateful mock.

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// caseMockConfigs holds the Config of the fresh mock of a mutating case that
// needs more than the zero Config.
var caseMockConfigs = map[string]sellercentertest.Config{
	// Only a feed that is still queued can be canceled, and a zero
	// FeedDelay runs a feed on the next request; the case never waits.
	"cancelFeed": {FeedDelay: time.Hour},
}

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

// catalogOperationCases has one case per catalog operation of the spec.
func catalogOperationCases() []operationCase {
	return []operationCase{
		// --- product sets ---
		{"listProductSets", readsOnly, func(t *testing.T, e operationEnv) {
			section := gen.ProductSetSectionActive
			resp, err := e.c.ListProductSetsWithResponse(e.ctx, &gen.ListProductSetsParams{Limit: 3, Status: section})
			page := decoded(t, "ListProductSets(active, limit 3)", succeed(t, "ListProductSets(active, limit 3)", resp, err).JSON200)
			if len(page.Items) != 3 || page.Pagination.TotalCount < 3 {
				t.Fatalf("ListProductSets(active, limit 3) = %d sets of total %v, want 3 of at least 3", len(page.Items), page.Pagination.TotalCount)
			}
			for _, s := range page.Items {
				want, err := e.mock.ProductSet(s.Id)
				if err != nil || valueOf(want.ParentSku) != valueOf(s.ParentSku) || want.Name != s.Name {
					t.Errorf("ListProductSets() set %d = %q %q, want mock.ProductSet's %q %q (%v)", s.Id, valueOf(s.ParentSku), s.Name, valueOf(want.ParentSku), want.Name, err)
				}
			}
		}},
		{"createProductSet", mutates, func(t *testing.T, e operationEnv) {
			base, products := e.liveSet(t, func(ps []gen.Product) bool { return slices.ContainsFunc(ps, sellable) })
			price := e.activePrice(t, products[slices.IndexFunc(products, sellable)]).Price
			body := gen.ProductSetCreate{Name: "Contract Shirt " + base.Name, SellerSku: "CT-NEW-SET-1", Price: price,
				BrandId: base.BrandId, PrimaryCategoryId: base.PrimaryCategoryId, Attributes: base.Attributes,
				Variation: refTo("M"), Description: "<p>Made for the contract test.</p>"}
			resp, err := e.c.CreateProductSetWithResponse(e.ctx, body)
			got := decoded(t, "CreateProductSet()", succeed(t, "CreateProductSet()", resp, err).JSON201)
			stored, err := e.mock.ProductSet(got.Id)
			if err != nil || stored.Name != got.Name || stored.BrandId != body.BrandId {
				t.Errorf("mock.ProductSet(%d) = %q brand %d, %v; want the created set", got.Id, stored.Name, stored.BrandId, err)
			}
			if p := productBySku(t, e.mock, body.SellerSku); p.ProductSetId != got.Id {
				t.Errorf("mock.ProductBySellerSku(%s) set = %d, want %d", body.SellerSku, p.ProductSetId, got.Id)
			}
		}},
		{"getProductSetSamplePayload", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			cat := s.PrimaryCategoryId
			op := fmt.Sprintf("GetProductSetSamplePayload(%d, full)", cat)
			resp, err := e.c.GetProductSetSamplePayloadWithResponse(e.ctx, cat, &gen.GetProductSetSamplePayloadParams{ShowFull: refTo(1)})
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			if valueOf(got.PrimaryCategoryId) != cat || len(got.Attributes) == 0 || valueOf(got.BrandId) == 0 {
				t.Errorf("%s = category %d, %d attributes, brand %d; want category %d with attributes and a brand", op, valueOf(got.PrimaryCategoryId), len(got.Attributes), valueOf(got.BrandId), cat)
			}
		}},
		{"getProductSet", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			id := s.Id
			op := fmt.Sprintf("GetProductSet(%d)", id)
			resp, err := e.c.GetProductSetWithResponse(e.ctx, id)
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			want, err := e.mock.ProductSet(id)
			if err != nil || got.Id != id || valueOf(got.ParentSku) != valueOf(want.ParentSku) || len(got.Attributes) != len(want.Attributes) {
				t.Errorf("%s = id %d, parent %q, %d attributes; want mock.ProductSet's %q with %d (%v)", op, got.Id, valueOf(got.ParentSku), len(got.Attributes), valueOf(want.ParentSku), len(want.Attributes), err)
			}
		}},
		{"updateProductSet", mutates, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			id, desc := s.Id, "<p>Rewritten by the contract test.</p>"
			op := fmt.Sprintf("UpdateProductSet(%d, description)", id)
			resp, err := e.c.UpdateProductSetWithResponse(e.ctx, id, gen.ProductSetUpdate{Description: &desc})
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); valueOf(got.Description) != desc {
				t.Errorf("%s description = %q, want %q", op, valueOf(got.Description), desc)
			}
			if stored, err := e.mock.ProductSet(id); err != nil || valueOf(stored.Description) != desc {
				t.Errorf("mock.ProductSet(%d) description = %q, %v; want %q", id, valueOf(stored.Description), err, desc)
			}
		}},
		{"getProductSetByParentSku", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			op := fmt.Sprintf("GetProductSetByParentSku(%s)", valueOf(s.ParentSku))
			resp, err := e.c.GetProductSetByParentSkuWithResponse(e.ctx, valueOf(s.ParentSku))
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); got.Id != s.Id {
				t.Errorf("%s = set %d, want %d", op, got.Id, s.Id)
			}
		}},
		{"getProductSetByConfigSku", readsOnly, func(t *testing.T, e operationEnv) {
			// A shop SKU is the set's config SKU with a suffix per product.
			s, products := e.liveSet(t, func(ps []gen.Product) bool { return ps[0].ShopSku != nil })
			config, _, ok := strings.Cut(valueOf(products[0].ShopSku), "-")
			if !ok {
				t.Fatalf("shop SKU %q of product %d has no config SKU part", valueOf(products[0].ShopSku), products[0].Id)
			}
			op := fmt.Sprintf("GetProductSetByConfigSku(%s)", config)
			resp, err := e.c.GetProductSetByConfigSkuWithResponse(e.ctx, config)
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); got.Id != s.Id {
				t.Errorf("%s = set %d, want %d", op, got.Id, s.Id)
			}
		}},
		{"countProductSetsByAttributeSet", readsOnly, func(t *testing.T, e operationEnv) {
			all, err := e.c.ListProductSetsWithResponse(e.ctx, &gen.ListProductSetsParams{Limit: 1})
			total := decoded(t, "ListProductSets(limit 1)", succeed(t, "ListProductSets(limit 1)", all, err).JSON200).Pagination.TotalCount
			resp, err := e.c.CountProductSetsByAttributeSetWithResponse(e.ctx, &gen.CountProductSetsByAttributeSetParams{Limit: 50})
			sum := 0
			for _, c := range decoded(t, "CountProductSetsByAttributeSet()", succeed(t, "CountProductSetsByAttributeSet()", resp, err).JSON200) {
				if c.AttributeSetId == 0 {
					t.Error("CountProductSetsByAttributeSet() has a count without an attribute set")
				}
				sum += c.Count
			}
			if sum != total || total == 0 {
				t.Errorf("CountProductSetsByAttributeSet() counts add up to %d, want ListProductSets()'s total %d", sum, total)
			}
		}},
		{"listProductSetVisibility", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			id := s.Id
			images, err := e.mock.Images(id)
			if err != nil {
				t.Fatal(err)
			}
			op := fmt.Sprintf("ListProductSetVisibility(%d)", id)
			resp, err := e.c.ListProductSetVisibilityWithResponse(e.ctx, &gen.ListProductSetVisibilityParams{ProductSetIds: []int{id}})
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			if len(got) != 1 || got[0].ProductSetId != id {
				t.Fatalf("%s = %d entries, want one for set %d", op, len(got), id)
			}
			v := got[0]
			if v.HasImages != (len(images) > 0) || !v.HasAtLeastOneActiveProduct ||
				v.QualityControlStatus != gen.ProductSetVisibilityQualityControlStatusAccepted {
				t.Errorf("%s = images %v, active product %v, quality control %s; want images %v, an active product, accepted", op,
					v.HasImages, v.HasAtLeastOneActiveProduct, v.QualityControlStatus, len(images) > 0)
			}
		}},
		{"reuploadProductSet", mutates, func(t *testing.T, e operationEnv) {
			statuses := func(ids []int) map[int]gen.ProductSetUploadStatus {
				resp, err := e.c.ListProductSetUploadStatusesWithResponse(e.ctx, &gen.ListProductSetUploadStatusesParams{ProductSetIds: ids})
				out := map[int]gen.ProductSetUploadStatus{}
				for _, m := range decoded(t, "ListProductSetUploadStatuses()", succeed(t, "ListProductSetUploadStatuses()", resp, err).JSON200) {
					for k, v := range m {
						id, err := strconv.Atoi(k)
						if err != nil {
							t.Fatalf("ListProductSetUploadStatuses() key %q, want a product set id", k)
						}
						out[id] = v
					}
				}
				return out
			}
			approved := setIDs(e.catalogSets(t, gen.ProductSetSectionActive))
			all, id := statuses(nil), 0
			for _, sid := range slices.Sorted(maps.Keys(all)) {
				if all[sid].DirtStatus && slices.Contains(approved, sid) {
					id = sid
					break
				}
			}
			if id == 0 {
				t.Fatal("ListProductSetUploadStatuses() has no approved set with changes not uploaded")
			}
			op := fmt.Sprintf("ReuploadProductSet(%d)", id)
			resp, err := e.c.ReuploadProductSetWithResponse(e.ctx, id)
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); !got.Success {
				t.Errorf("%s success = false, want true", op)
			}
			if s := statuses([]int{id})[id]; s.DirtStatus {
				t.Errorf("ListProductSetUploadStatuses(%d) after %s = dirty (%q), want uploaded", id, op, s.Message)
			}
		}},
		{"listProductSetUploadStatuses", readsOnly, func(t *testing.T, e operationEnv) {
			resp, err := e.c.ListProductSetUploadStatusesWithResponse(e.ctx, &gen.ListProductSetUploadStatusesParams{})
			got := decoded(t, "ListProductSetUploadStatuses()", succeed(t, "ListProductSetUploadStatuses()", resp, err).JSON200)
			if len(got) == 0 {
				t.Fatal("ListProductSetUploadStatuses() = none, want the uploaded sets")
			}
			for _, m := range got {
				for k, s := range m {
					id, err := strconv.Atoi(k)
					if err != nil {
						t.Errorf("ListProductSetUploadStatuses() key %q, want a product set id", k)
					} else if _, err := e.mock.ProductSet(id); err != nil {
						t.Errorf("ListProductSetUploadStatuses() names set %d: mock.ProductSet = %v", id, err)
					}
					// dirtStatus false and absent read the same: only the
					// message tells that the status was reported.
					if s.Message == "" {
						t.Errorf("ListProductSetUploadStatuses() set %s = dirt %v, no message; want the upload status", k, s.DirtStatus)
					}
				}
			}
		}},
		{"listProductGroups", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			brand := s.BrandId
			op := fmt.Sprintf("ListProductGroups(brand %d)", brand)
			resp, err := e.c.ListProductGroupsWithResponse(e.ctx, &gen.ListProductGroupsParams{BrandId: brand})
			page := decoded(t, op, succeed(t, op, resp, err).JSON200)
			if page.Pagination.TotalCount != len(page.Items) {
				t.Errorf("%s = %d groups of total %v, want them all", op, len(page.Items), page.Pagination.TotalCount)
			}
			for _, g := range page.Items {
				if g.Name == "" {
					t.Errorf("%s has a group without a name", op)
				}
			}
		}},
		{"getProductSetGroup", readsOnly, func(t *testing.T, e operationEnv) {
			s, name := e.groupedSet(t)
			op := fmt.Sprintf("GetProductSetGroup(%d)", s.Id)
			resp, err := e.c.GetProductSetGroupWithResponse(e.ctx, s.Id)
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); got.Name != name {
				t.Errorf("%s = %q, want %q", op, got.Name, name)
			}
		}},
		{"setProductSetGroup", mutates, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			id, name := s.Id, "Contract Collection"
			op := fmt.Sprintf("SetProductSetGroup(%d, %q)", id, name)
			resp, err := e.c.SetProductSetGroupWithResponse(e.ctx, id, gen.ProductGroup{Name: name})
			if got := decoded(t, op, succeed(t, op, resp, err).JSON201); got.Name != name {
				t.Errorf("%s = %q, want %q", op, got.Name, name)
			}
			list, err := e.c.ListProductSetsWithResponse(e.ctx, &gen.ListProductSetsParams{Limit: 100, Group: name})
			if got := setIDs(decoded(t, "ListProductSets(group)", succeed(t, "ListProductSets(group)", list, err).JSON200).Items); !slices.Equal(got, []int{id}) {
				t.Errorf("ListProductSets(group %q) after %s = %v, want [%d]", name, op, got, id)
			}
		}},
		{"removeProductSetGroup", mutates, func(t *testing.T, e operationEnv) {
			s, name := e.groupedSet(t)
			id := s.Id
			op := fmt.Sprintf("RemoveProductSetGroup(%d)", id)
			resp, err := e.c.RemoveProductSetGroupWithResponse(e.ctx, id)
			if succeed(t, op, resp, err).StatusCode() != 204 {
				t.Errorf("%s status = %d, want 204", op, resp.StatusCode())
			}
			list, err := e.c.ListProductSetsWithResponse(e.ctx, &gen.ListProductSetsParams{Limit: 100, Group: name})
			if got := setIDs(decoded(t, "ListProductSets(group)", succeed(t, "ListProductSets(group)", list, err).JSON200).Items); slices.Contains(got, id) {
				t.Errorf("ListProductSets(group %q) after %s = %v, want set %d gone", name, op, got, id)
			}
		}},
		{"listProductSetRejections", readsOnly, func(t *testing.T, e operationEnv) {
			ids := setIDs(e.catalogSets(t, gen.ProductSetSectionRejected))
			op := fmt.Sprintf("ListProductSetRejections(%v)", ids)
			resp, err := e.c.ListProductSetRejectionsWithResponse(e.ctx, &gen.ListProductSetRejectionsParams{ProductSetIds: ids})
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			if len(got) != len(ids) {
				t.Errorf("%s = %d rejections, want one per rejected set", op, len(got))
			}
			for _, r := range got {
				if !slices.Contains(ids, r.ProductSetId) || len(r.RejectedReasons) == 0 {
					t.Errorf("%s has set %d with reasons %v, want a listed set with its reasons", op, r.ProductSetId, r.RejectedReasons)
				}
			}
		}},
		{"listProductSetQualityControl", readsOnly, func(t *testing.T, e operationEnv) {
			ids := setIDs(e.catalogSets(t, gen.ProductSetSectionActive))
			op := fmt.Sprintf("ListProductSetQualityControl(%v)", ids)
			resp, err := e.c.ListProductSetQualityControlWithResponse(e.ctx, &gen.ListProductSetQualityControlParams{ProductSetIds: ids})
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			if len(got) != len(ids) {
				t.Errorf("%s = %d states, want one per set", op, len(got))
			}
			for _, s := range got {
				if s.Status != gen.QualityControlStateApproved || s.CreatedAt.IsZero() {
					t.Errorf("%s set %d = %s at %v, want approved with a date (the sets are on sale)", op, s.ProductSetId, s.Status, s.CreatedAt)
				}
			}
		}},
		{"listQualityControlRejectReasons", readsOnly, func(t *testing.T, e operationEnv) {
			resp, err := e.c.ListQualityControlRejectReasonsWithResponse(e.ctx)
			got := decoded(t, "ListQualityControlRejectReasons()", succeed(t, "ListQualityControlRejectReasons()", resp, err).JSON200)
			if len(got) == 0 {
				t.Error("ListQualityControlRejectReasons() = none, want the reasons")
			}
			for _, r := range got {
				if r.Id == 0 || r.Name == "" || r.Type == "" {
					t.Errorf("ListQualityControlRejectReasons() has %+v, want an id, a name and a type", r)
				}
			}
		}},

		// --- products ---
		{"listProducts", readsOnly, func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			op := fmt.Sprintf("ListProducts(sellerSku %s)", p.SellerSku)
			resp, err := e.c.ListProductsWithResponse(e.ctx, &gen.ListProductsParams{SellerSku: p.SellerSku})
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			if len(got) != 1 || got[0].Id != p.Id || got[0].Name == "" {
				t.Errorf("%s = %d products, want product %d with its name", op, len(got), p.Id)
			}
		}},
		{"listProductSetProducts", readsOnly, func(t *testing.T, e operationEnv) {
			s, products := e.liveSet(t, func(ps []gen.Product) bool { return len(ps) > 1 })
			op := fmt.Sprintf("ListProductSetProducts(%d)", s.Id)
			resp, err := e.c.ListProductSetProductsWithResponse(e.ctx, s.Id)
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			var gotIDs, wantIDs []int
			for _, p := range got {
				gotIDs = append(gotIDs, p.Id)
			}
			for _, p := range products {
				wantIDs = append(wantIDs, p.Id)
			}
			if !slices.Equal(sortedInts(gotIDs), sortedInts(wantIDs)) {
				t.Errorf("%s = %v, want mock.Products' %v", op, gotIDs, wantIDs)
			}
		}},
		{"createProduct", mutates, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			id, sku := s.Id, valueOf(s.ParentSku)+"-CT-XXL"
			op := fmt.Sprintf("CreateProduct(%d, %s)", id, sku)
			resp, err := e.c.CreateProductWithResponse(e.ctx, id, gen.ProductWrite{SellerSku: &sku, Variation: refTo("XXL (contract)")})
			got := decoded(t, op, succeed(t, op, resp, err).JSON201)
			if stored := productBySku(t, e.mock, sku); stored.Id != got.Id || stored.ProductSetId != id {
				t.Errorf("mock.ProductBySellerSku(%s) = product %d of set %d, want %d of set %d", sku, stored.Id, stored.ProductSetId, got.Id, id)
			}
		}},
		{"getProduct", readsOnly, func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			op := fmt.Sprintf("GetProduct(%d, %d)", p.ProductSetId, p.Id)
			resp, err := e.c.GetProductWithResponse(e.ctx, p.ProductSetId, p.Id)
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); got.Id != p.Id || got.SellerSku != p.SellerSku {
				t.Errorf("%s = %d %q, want %d %q", op, got.Id, got.SellerSku, p.Id, p.SellerSku)
			}
		}},
		{"updateProduct", mutates, func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			barcode := "9556099000017"
			op := fmt.Sprintf("UpdateProduct(%d, %d, productIdentifier)", p.ProductSetId, p.Id)
			resp, err := e.c.UpdateProductWithResponse(e.ctx, p.ProductSetId, p.Id, gen.ProductWrite{ProductIdentifier: &barcode})
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); valueOf(got.ProductIdentifier) != barcode {
				t.Errorf("%s = %q, want %q", op, valueOf(got.ProductIdentifier), barcode)
			}
			if stored, err := e.mock.Product(p.Id); err != nil || valueOf(stored.ProductIdentifier) != barcode {
				t.Errorf("mock.Product(%d) identifier = %q, %v; want %q", p.Id, valueOf(stored.ProductIdentifier), err, barcode)
			}
		}},
		{"setProductStatus", mutates, func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			op := fmt.Sprintf("SetProductStatus(%d, %d, inactive)", p.ProductSetId, p.Id)
			resp, err := e.c.SetProductStatusWithResponse(e.ctx, p.ProductSetId, p.Id, &gen.SetProductStatusParams{Status: gen.ProductStatusInactive})
			succeed(t, op, resp, err)
			if stored, err := e.mock.Product(p.Id); err != nil || stored.Status != gen.ProductStatusInactive {
				t.Errorf("mock.Product(%d) status = %s, %v; want inactive", p.Id, stored.Status, err)
			}
		}},
		{"getProductByShopSku", readsOnly, func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, func(p gen.Product) bool { return p.ShopSku != nil })
			op := fmt.Sprintf("GetProductByShopSku(%s)", valueOf(p.ShopSku))
			resp, err := e.c.GetProductByShopSkuWithResponse(e.ctx, valueOf(p.ShopSku))
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); got.Id != p.Id {
				t.Errorf("%s = product %d, want %d", op, got.Id, p.Id)
			}
		}},
		{"getProductBySellerSku", readsOnly, func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			op := fmt.Sprintf("GetProductBySellerSku(%s)", p.SellerSku)
			resp, err := e.c.GetProductBySellerSkuWithResponse(e.ctx, p.SellerSku)
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); got.Id != p.Id {
				t.Errorf("%s = product %d, want %d", op, got.Id, p.Id)
			}
		}},
		{"listProductsBySellerSkus", readsOnly, func(t *testing.T, e operationEnv) {
			_, products := e.liveSet(t, func(ps []gen.Product) bool { return len(ps) > 1 })
			skus := []string{products[0].SellerSku, products[1].SellerSku, "CT-NO-SUCH-SKU"}
			op := fmt.Sprintf("ListProductsBySellerSkus(%v)", skus)
			resp, err := e.c.ListProductsBySellerSkusWithResponse(e.ctx, &gen.ListProductsBySellerSkusParams{SellerSkus: skus, Limit: 10})
			page := decoded(t, op, succeed(t, op, resp, err).JSON200)
			var got []string
			for _, p := range page.Items {
				got = append(got, p.SellerSku)
			}
			if slices.Sort(got); !slices.Equal(got, slices.Sorted(slices.Values(skus[:2]))) || page.Pagination.TotalCount != 2 {
				t.Errorf("%s = %v of total %v, want the two known SKUs", op, got, page.Pagination.TotalCount)
			}
		}},
		{"searchHybridProducts", readsOnly, func(t *testing.T, e operationEnv) {
			var sin string
			for _, s := range e.catalogSets(t, gen.ProductSetSectionAll) {
				if s.Sin != nil {
					sin = *s.Sin
					break
				}
			}
			if sin == "" {
				t.Fatal("ListProductSets(all) has no set copied from the shop catalog")
			}
			op := fmt.Sprintf("SearchHybridProducts(%q)", sin)
			resp, err := e.c.SearchHybridProductsWithResponse(e.ctx, &gen.SearchHybridProductsParams{Query: sin})
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			if len(got) != 1 || got[0].Sin != sin || got[0].Name == "" {
				t.Errorf("%s = %d products, want the one with SIN %s", op, len(got), sin)
			}
		}},
		{"createProductSetBySin", mutates, func(t *testing.T, e operationEnv) {
			all, err := e.c.ListProductSetsWithResponse(e.ctx, &gen.ListProductSetsParams{Limit: 100})
			taken := map[string]bool{}
			for _, s := range decoded(t, "ListProductSets()", succeed(t, "ListProductSets()", all, err).JSON200).Items {
				taken[valueOf(s.Sin)] = true
			}
			brands, err := e.c.ListBrandsWithResponse(e.ctx, &gen.ListBrandsParams{Limit: 100})
			var sin string
			for _, b := range decoded(t, "ListBrands()", succeed(t, "ListBrands()", brands, err).JSON200).Items {
				found, err := e.c.SearchHybridProductsWithResponse(e.ctx, &gen.SearchHybridProductsParams{Query: b.Name})
				for _, h := range decoded(t, "SearchHybridProducts(brand)", succeed(t, "SearchHybridProducts(brand)", found, err).JSON200) {
					if s := h.Sin; s != "" && !taken[s] && sin == "" {
						sin = s
					}
				}
				if sin != "" {
					break
				}
			}
			if sin == "" {
				t.Fatal("SearchHybridProducts() by brand finds no shop catalog product the seller does not offer yet")
			}
			op := fmt.Sprintf("CreateProductSetBySin(%s)", sin)
			resp, err := e.c.CreateProductSetBySinWithResponse(e.ctx, gen.HybridProductSelection{Sin: sin})
			ref := decoded(t, op, succeed(t, op, resp, err).JSON200)
			if s, err := e.mock.ProductSet(ref.ProductSetId); err != nil || valueOf(s.Sin) != sin {
				t.Errorf("mock.ProductSet(%d) after %s = SIN %q, %v; want %s", ref.ProductSetId, op, valueOf(s.Sin), err, sin)
			}
		}},

		// --- images ---
		{"listProductSetImages", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			id := s.Id
			want, err := e.mock.Images(id)
			if err != nil {
				t.Fatal(err)
			}
			op := fmt.Sprintf("ListProductSetImages(%d)", id)
			resp, err := e.c.ListProductSetImagesWithResponse(e.ctx, id)
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			if len(got) != len(want) || len(got) == 0 || got[0].DisplayUrl != want[0].DisplayUrl {
				t.Errorf("%s = %d images, want mock.Images' %d", op, len(got), len(want))
			}
		}},
		{"addProductSetImage", mutates, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			id := s.Id
			ct, body := multipartForm(t, nil, "file1", "side.png", pngImage)
			op := fmt.Sprintf("AddProductSetImage(%d, side.png)", id)
			resp, err := e.c.AddProductSetImageWithBodyWithResponse(e.ctx, id, ct, body)
			got := decoded(t, op, succeed(t, op, resp, err).JSON201)
			images, err := e.mock.Images(id)
			if err != nil || !slices.ContainsFunc(images, func(im gen.ProductImage) bool { return im.Id == got.Id }) {
				t.Errorf("mock.Images(%d) after %s = %d images, %v; want image %d among them", id, op, len(images), err, got.Id)
			}
		}},
		{"updateProductSetImage", mutates, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			id := s.Id
			images, err := e.mock.Images(id)
			if err != nil || len(images) == 0 {
				t.Fatalf("mock.Images(%d) = %d images, %v; want some", id, len(images), err)
			}
			img, url := images[0].Id, "https://img.contract.example/replaced.jpg"
			op := fmt.Sprintf("UpdateProductSetImage(%d, %d, displayUrl)", id, img)
			resp, err := e.c.UpdateProductSetImageWithResponse(e.ctx, id, img, gen.ProductImageUpdate{DisplayUrl: &url})
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); got.DisplayUrl != url || got.Id != img {
				t.Errorf("%s = image %d at %q, want %d at %q", op, got.Id, got.DisplayUrl, img, url)
			}
			if after, err := e.mock.Images(id); err != nil || !slices.ContainsFunc(after, func(im gen.ProductImage) bool { return im.DisplayUrl == url }) {
				t.Errorf("mock.Images(%d) after %s lacks %q (%v)", id, op, url, err)
			}
		}},
		{"deleteProductSetImage", mutates, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			id := s.Id
			images, err := e.mock.Images(id)
			if err != nil || len(images) == 0 {
				t.Fatalf("mock.Images(%d) = %d images, %v; want some", id, len(images), err)
			}
			img := images[len(images)-1].Id
			op := fmt.Sprintf("DeleteProductSetImage(%d, %d)", id, img)
			resp, err := e.c.DeleteProductSetImageWithResponse(e.ctx, id, img)
			if succeed(t, op, resp, err).StatusCode() != 204 {
				t.Errorf("%s status = %d, want 204", op, resp.StatusCode())
			}
			if after, err := e.mock.Images(id); err != nil || len(after) != len(images)-1 {
				t.Errorf("mock.Images(%d) after %s = %d images, %v; want %d", id, op, len(after), err, len(images)-1)
			}
		}},
		{"listProductSetCoverImages", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			id := s.Id
			images, err := e.mock.Images(id)
			if err != nil {
				t.Fatal(err)
			}
			op := fmt.Sprintf("ListProductSetCoverImages(%d)", id)
			resp, err := e.c.ListProductSetCoverImagesWithResponse(e.ctx, &gen.ListProductSetCoverImagesParams{ProductSetIds: []int{id}})
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			if len(got) != 1 || !slices.ContainsFunc(images, func(im gen.ProductImage) bool { return im.DisplayUrl == valueOf(got[0].ImageUrl) }) {
				t.Errorf("%s = %+v, want the URL of one of the set's %d images", op, got, len(images))
			}
		}},
		{"listImagesOfProductSets", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			id := s.Id
			images, err := e.mock.Images(id)
			if err != nil {
				t.Fatal(err)
			}
			op := fmt.Sprintf("ListImagesOfProductSets(%d)", id)
			resp, err := e.c.ListImagesOfProductSetsWithResponse(e.ctx, &gen.ListImagesOfProductSetsParams{ProductSetIds: []int{id}})
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			if len(got) != 1 || got[0].ProductSetId != id || len(got[0].Images) != len(images) {
				t.Errorf("%s = %d entries, want one for set %d with its %d images", op, len(got), id, len(images))
			}
		}},
		{"listMainImagesBySku", readsOnly, func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, func(p gen.Product) bool { return p.ShopSku != nil })
			skus := []string{p.SellerSku, valueOf(p.ShopSku)}
			op := fmt.Sprintf("ListMainImagesBySku(%v)", skus)
			resp, err := e.c.ListMainImagesBySkuWithResponse(e.ctx, &gen.ListMainImagesBySkuParams{ProductSkus: skus})
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			if len(got) != 2 {
				t.Fatalf("%s = %d entries, want one per SKU", op, len(got))
			}
			for _, m := range got {
				if m.ProductSetId != p.ProductSetId || m.SellerSku != p.SellerSku || m.MainImageUrl == nil {
					t.Errorf("%s has %+v, want set %d, SKU %s and the main image", op, m, p.ProductSetId, p.SellerSku)
				}
			}
		}},
		{"exportProductImages", mutates, func(t *testing.T, e operationEnv) {
			resp, err := e.c.ExportProductImagesWithResponse(e.ctx, &gen.ExportProductImagesParams{OnlyWithMissingImage: refTo(true)})
			job := decoded(t, "ExportProductImages(missing)", succeed(t, "ExportProductImages(missing)", resp, err).JSON201)
			if job.ExportItemId == 0 || job.Uuid == "" {
				t.Fatalf("ExportProductImages() = %+v, want the export's id and file", job)
			}
			if x, err := e.mock.Export(job.ExportItemId); err != nil || x.Uuid != job.Uuid {
				t.Errorf("mock.Export(%d) = file %q, %v; want %q", job.ExportItemId, x.Uuid, err, job.Uuid)
			}
		}},

		// --- prices ---
		{"listPrices", readsOnly, func(t *testing.T, e operationEnv) {
			s, products := e.liveSet(t, nil)
			id := s.Id
			op := fmt.Sprintf("ListPrices(set %d)", id)
			resp, err := e.c.ListPricesWithResponse(e.ctx, &gen.ListPricesParams{ProductSetIds: []int{id}})
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			if len(got) != 1 || got[0].ProductSetId != id || len(got[0].Items) != len(products) {
				t.Fatalf("%s = %d sets, want set %d with its %d products", op, len(got), id, len(products))
			}
			for _, item := range got[0].Items {
				for _, pr := range item.Prices {
					want, err := e.mock.Price(item.ProductId, pr.Country)
					if err != nil || want.Price != pr.Price {
						t.Errorf("%s product %d in %s = %v, want mock.Price's %v (%v)", op, item.ProductId, pr.Country, pr.Price, want.Price, err)
					}
				}
			}
		}},
		{"listProductSetPrices", readsOnly, func(t *testing.T, e operationEnv) {
			s, products := e.liveSet(t, nil)
			id := s.Id
			op := fmt.Sprintf("ListProductSetPrices(%d)", id)
			resp, err := e.c.ListProductSetPricesWithResponse(e.ctx, id)
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			if len(got) < len(products) {
				t.Errorf("%s = %d prices, want one at least for each of %d products", op, len(got), len(products))
			}
			for _, pr := range got {
				want, err := e.mock.Price(pr.ProductId, pr.Country)
				if err != nil || want.Price != pr.Price || pr.ProductSetId != id {
					t.Errorf("%s product %d in %s = %v, want mock.Price's %v (%v)", op, pr.ProductId, pr.Country, pr.Price, want.Price, err)
				}
			}
		}},
		{"updateProductSetPrices", mutates, func(t *testing.T, e operationEnv) {
			s, products := e.liveSet(t, func(ps []gen.Product) bool { return len(ps) > 1 })
			id := s.Id
			var rows []gen.ProductPriceUpdate
			for _, p := range products[:2] {
				old := e.activePrice(t, p)
				rows = append(rows, gen.ProductPriceUpdate{ProductId: p.Id, Country: old.Country, Price: refTo(old.Price + 1)})
			}
			op := fmt.Sprintf("UpdateProductSetPrices(%d, %d rows)", id, len(rows))
			resp, err := e.c.UpdateProductSetPricesWithResponse(e.ctx, id, rows)
			result := decoded(t, op, succeed(t, op, resp, err).JSON200)
			applied, err := result.AsPriceList()
			if err != nil || len(applied) != len(rows) {
				t.Errorf("%s = %d prices, %v; want the %d rows applied", op, len(applied), err, len(rows))
			}
			for _, r := range rows {
				if got, err := e.mock.Price(r.ProductId, r.Country); err != nil || got.Price != *r.Price {
					t.Errorf("mock.Price(%d, %s) after %s = %v, %v; want %v", r.ProductId, r.Country, op, got.Price, err, *r.Price)
				}
			}
		}},
		{"updateProductPrice", mutates, func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			old := e.activePrice(t, p)
			id, country, price := p.Id, old.Country, old.Price+2
			op := fmt.Sprintf("UpdateProductPrice(%d, %s, %v)", id, country, price)
			resp, err := e.c.UpdateProductPriceWithResponse(e.ctx, id, country, gen.PriceUpdate{Price: &price})
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); got.Price != price || got.Country != country {
				t.Errorf("%s = %v in %s, want %v in %s", op, got.Price, got.Country, price, country)
			}
			if got, err := e.mock.Price(id, country); err != nil || got.Price != price {
				t.Errorf("mock.Price(%d, %s) = %v, %v; want %v", id, country, got.Price, err, price)
			}
		}},
		{"setProductPriceStatus", mutates, func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			id, country := p.Id, e.activePrice(t, p).Country
			op := fmt.Sprintf("SetProductPriceStatus(%d, %s, inactive)", id, country)
			resp, err := e.c.SetProductPriceStatusWithResponse(e.ctx, id, country, gen.PriceStatusChange{Status: gen.PriceStatusInactive})
			if succeed(t, op, resp, err).StatusCode() != 204 {
				t.Errorf("%s status = %d, want 204", op, resp.StatusCode())
			}
			if got, err := e.mock.Price(id, country); err != nil || got.Status != gen.PriceStatusInactive {
				t.Errorf("mock.Price(%d, %s) status = %s, %v; want inactive", id, country, got.Status, err)
			}
		}},

		// --- stock and warehouses ---
		{"updateProductStock", mutates, func(t *testing.T, e operationEnv) {
			mine := e.liveProduct(t, sellable)
			held := e.liveProduct(t, func(p gen.Product) bool { return p.ShipmentTypeId == marketplaceStock })
			rows := []gen.ProductStock{{ProductId: mine.Id, Quantity: 15}, {ProductId: held.Id, Quantity: 3}}
			op := fmt.Sprintf("UpdateProductStock(%v)", rows)
			resp, err := e.c.UpdateProductStockWithResponse(e.ctx, rows)
			if skipped := decoded(t, op, succeed(t, op, resp, err).JSON200); !slices.Equal(skipped, rows[1:]) {
				t.Errorf("%s skipped %v, want the marketplace-held row %v", op, skipped, rows[1:])
			}
			if got := e.warehouseStock(t, mine.Id, e.defaultWarehouse(t)); got != 15 {
				t.Errorf("GetWarehouseStock(%d, default) after %s = %d, want 15", mine.Id, op, got)
			}
		}},
		{"getProductStock", readsOnly, func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			want, err := e.mock.Stock(p.Id)
			if err != nil {
				t.Fatal(err)
			}
			op := fmt.Sprintf("GetProductStock(%d)", p.Id)
			resp, err := e.c.GetProductStockWithResponse(e.ctx, p.Id)
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			if got.Quantity != want.Quantity || got.Available != want.Available || got.SellerSku != p.SellerSku {
				t.Errorf("%s = quantity %d, available %d, SKU %q; want mock.Stock's %d, %d, %q", op, got.Quantity, got.Available, got.SellerSku, want.Quantity, want.Available, p.SellerSku)
			}
		}},
		{"listProductSetStock", readsOnly, func(t *testing.T, e operationEnv) {
			s, products := e.liveSet(t, nil)
			op := fmt.Sprintf("ListProductSetStock(%d)", s.Id)
			resp, err := e.c.ListProductSetStockWithResponse(e.ctx, s.Id)
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			if len(got) != len(products) {
				t.Fatalf("%s = %d levels, want one per product (%d)", op, len(got), len(products))
			}
			for _, p := range products {
				want, err := e.mock.Stock(p.Id)
				i := slices.IndexFunc(got, func(l gen.StockLevel) bool { return l.SellerSku == p.SellerSku })
				if err != nil || i < 0 || got[i].Quantity != want.Quantity {
					t.Errorf("%s lacks %s with mock.Stock's quantity %d (%v)", op, p.SellerSku, want.Quantity, err)
				}
			}
		}},
		{"listProductSetStockSummaries", readsOnly, func(t *testing.T, e operationEnv) {
			s, products := e.liveSet(t, nil)
			id, sum := s.Id, 0
			for _, p := range products {
				if p.Status == gen.ProductStatusDeleted {
					continue
				}
				st, err := e.mock.Stock(p.Id)
				if err != nil {
					t.Fatal(err)
				}
				sum += st.Quantity
			}
			op := fmt.Sprintf("ListProductSetStockSummaries(%d)", id)
			resp, err := e.c.ListProductSetStockSummariesWithResponse(e.ctx, &gen.ListProductSetStockSummariesParams{ProductSetIds: []int{id}})
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			if len(got) != 1 || got[0].ProductSetId != id || got[0].SumOfStocks != sum {
				t.Errorf("%s = %+v, want set %d with the sum %d of mock.Stock", op, got, id, sum)
			}
		}},
		{"getProductConsignmentStock", readsOnly, func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, func(p gen.Product) bool { return p.ShipmentTypeId == marketplaceStock })
			want, err := e.mock.Stock(p.Id)
			if err != nil || want.Consignments == nil {
				t.Fatalf("mock.Stock(%d) = consignments %v, %v; want the counters of a marketplace-held product", p.Id, want.Consignments, err)
			}
			op := fmt.Sprintf("GetProductConsignmentStock(%d)", p.Id)
			resp, err := e.c.GetProductConsignmentStockWithResponse(e.ctx, p.Id)
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			if got.ProductId != p.Id || got.Received != want.Consignments.Received || got.Returned != want.Consignments.Returned {
				t.Errorf("%s = product %d, received %d, returned %d; want mock.Stock's %d, %d", op, got.ProductId, got.Received, got.Returned, want.Consignments.Received, want.Consignments.Returned)
			}
		}},
		{"getWarehouseStock", readsOnly, func(t *testing.T, e operationEnv) {
			var p gen.Product
			var level gen.WarehouseStockLevel
			e.liveProduct(t, func(cand gen.Product) bool {
				st, err := e.mock.Stock(cand.Id)
				if err != nil || st.Warehouses == nil || len(st.Warehouses) == 0 {
					return false
				}
				p, level = cand, (st.Warehouses)[len(st.Warehouses)-1]
				return true
			})
			op := fmt.Sprintf("GetWarehouseStock(%d, %d)", p.Id, level.WarehouseId)
			resp, err := e.c.GetWarehouseStockWithResponse(e.ctx, p.Id, level.WarehouseId)
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); got.Quantity != level.Stock {
				t.Errorf("%s = %d, want mock.Stock's %d", op, got.Quantity, level.Stock)
			}
		}},
		{"setWarehouseStock", mutates, func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			var wid int
			for _, w := range e.warehouses(t) {
				if valueOf(w.Status) == gen.WarehouseStatusActive && !valueOf(w.Default) {
					wid = valueOf(w.Id)
				}
			}
			if wid == 0 {
				t.Fatal("ListWarehouses() has no active warehouse besides the default")
			}
			op := fmt.Sprintf("SetWarehouseStock(%d, %d, 9)", p.Id, wid)
			resp, err := e.c.SetWarehouseStockWithResponse(e.ctx, p.Id, wid, gen.WarehouseStock{Quantity: 9})
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); got.Quantity != 9 {
				t.Errorf("%s = %d, want 9", op, got.Quantity)
			}
			if got := e.warehouseStock(t, p.Id, wid); got != 9 {
				t.Errorf("GetWarehouseStock(%d, %d) after %s = %d, want 9", p.Id, wid, op, got)
			}
		}},
		{"listWarehouses", readsOnly, func(t *testing.T, e operationEnv) {
			resp, err := e.c.ListWarehousesWithResponse(e.ctx)
			got := decoded(t, "ListWarehouses()", succeed(t, "ListWarehouses()", resp, err).JSON200)
			defaults := 0
			for _, w := range got {
				if valueOf(w.Default) {
					defaults++
				}
				if w.Id == nil || w.Name == "" || w.Status == nil {
					t.Errorf("ListWarehouses() has %+v, want an id, a name and a status", w)
				}
			}
			if len(got) == 0 || defaults != 1 {
				t.Errorf("ListWarehouses() = %d warehouses, %d default; want some, one default", len(got), defaults)
			}
		}},
		{"createWarehouse", mutates, func(t *testing.T, e operationEnv) {
			body := gen.Warehouse{Name: "Contract_Hub", City: refTo("Ipoh"), Status: refTo(gen.WarehouseStatusActive)}
			resp, err := e.c.CreateWarehouseWithResponse(e.ctx, body)
			got := decoded(t, "CreateWarehouse(Contract_Hub)", succeed(t, "CreateWarehouse(Contract_Hub)", resp, err).JSON201)
			if got.Id == nil || got.Name != body.Name || valueOf(got.Default) {
				t.Errorf("CreateWarehouse() = %+v, want Contract_Hub with an id, not the default", got)
			}
			if !slices.ContainsFunc(e.warehouses(t), func(w gen.Warehouse) bool { return valueOf(w.Id) == valueOf(got.Id) && w.Name == body.Name }) {
				t.Errorf("ListWarehouses() after CreateWarehouse() lacks warehouse %d", valueOf(got.Id))
			}
		}},
		{"getWarehouse", readsOnly, func(t *testing.T, e operationEnv) {
			w := e.warehouses(t)[0]
			op := fmt.Sprintf("GetWarehouse(%d)", valueOf(w.Id))
			resp, err := e.c.GetWarehouseWithResponse(e.ctx, valueOf(w.Id))
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); valueOf(got.Id) != valueOf(w.Id) || got.Name != w.Name {
				t.Errorf("%s = %d %q, want %d %q", op, valueOf(got.Id), got.Name, valueOf(w.Id), w.Name)
			}
		}},
		{"updateWarehouse", mutates, func(t *testing.T, e operationEnv) {
			var w gen.Warehouse
			for _, cand := range e.warehouses(t) {
				if !valueOf(cand.Default) {
					w = cand
				}
			}
			id := valueOf(w.Id)
			if id == 0 {
				t.Fatal("ListWarehouses() has no warehouse besides the default")
			}
			w.Name += "_Renamed"
			w.Id, w.SellerId = nil, nil // read-only: the path names the warehouse
			op := fmt.Sprintf("UpdateWarehouse(%d, %s)", id, w.Name)
			resp, err := e.c.UpdateWarehouseWithResponse(e.ctx, id, w)
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); got.Name != w.Name || valueOf(got.Id) != id {
				t.Errorf("%s = %d %q, want %d %q", op, valueOf(got.Id), got.Name, id, w.Name)
			}
			if !slices.ContainsFunc(e.warehouses(t), func(x gen.Warehouse) bool { return valueOf(x.Id) == id && x.Name == w.Name }) {
				t.Errorf("ListWarehouses() after %s lacks the new name", op)
			}
		}},

		// --- content score and tags ---
		{"getProductSetContentScore", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			op := fmt.Sprintf("GetProductSetContentScore(%d)", s.Id)
			resp, err := e.c.GetProductSetContentScoreWithResponse(e.ctx, s.Id)
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); got.Score <= 0 || got.Score > 100 || got.ScoreReport == (gen.ContentScoreRule{}) {
				t.Errorf("%s = score %v, report %v; want a score in (0, 100] and a report", op, got.Score, got.ScoreReport)
			}
		}},
		{"calculateContentScore", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			body := gen.ContentScoreRequest{CategoryId: s.PrimaryCategoryId, Name: s.Name, Description: valueOf(s.Description), Attributes: s.Attributes,
				Variations: []gen.ContentScoreVariation{{Ean: "9556099000024"}}}
			op := fmt.Sprintf("CalculateContentScore(category %d)", body.CategoryId)
			resp, err := e.c.CalculateContentScoreWithResponse(e.ctx, body)
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); got.Score <= 0 || got.Score > 100 || got.ScoreReport == (gen.ContentScoreRule{}) {
				t.Errorf("%s = score %v, report %v; want a score in (0, 100] and a report", op, got.Score, got.ScoreReport)
			}
		}},
		{"listProductSetTags", readsOnly, func(t *testing.T, e operationEnv) {
			ids := setIDs(e.catalogSets(t, gen.ProductSetSectionActive))
			op := fmt.Sprintf("ListProductSetTags(%v)", ids)
			resp, err := e.c.ListProductSetTagsWithResponse(e.ctx, &gen.ListProductSetTagsParams{ProductSetIds: ids})
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			seen, tagged := map[int]bool{}, 0
			for _, r := range got {
				seen[r.ProductSetId] = true
				if r.TagId != nil {
					tagged++
					if valueOf(r.TagName) == "" {
						t.Errorf("%s has tag %d without a name", op, *r.TagId)
					}
				}
			}
			if len(seen) != len(ids) || tagged == 0 {
				t.Errorf("%s = rows for %d sets, %d tags; want every set and some tags", op, len(seen), tagged)
			}
		}},
		{"listProductTags", readsOnly, func(t *testing.T, e operationEnv) {
			resp, err := e.c.ListProductTagsWithResponse(e.ctx)
			got := decoded(t, "ListProductTags()", succeed(t, "ListProductTags()", resp, err).JSON200)
			if len(got) == 0 || slices.ContainsFunc(got, func(tag gen.ProductTag) bool { return tag.Id == 0 || tag.Name == "" }) {
				t.Errorf("ListProductTags() = %+v, want tags with ids and names", got)
			}
		}},
		{"listSellerTags", readsOnly, func(t *testing.T, e operationEnv) {
			seller, err := e.mock.Seller()
			if err != nil {
				t.Fatal(err)
			}
			resp, err := e.c.ListSellerTagsWithResponse(e.ctx, &gen.ListSellerTagsParams{Limit: 10})
			page := decoded(t, "ListSellerTags(limit 10)", succeed(t, "ListSellerTags(limit 10)", resp, err).JSON200)
			if len(page.Items) != 1 || page.Items[0].SellerId != seller.Id || len(page.Items[0].Tags) == 0 {
				t.Errorf("ListSellerTags() = %+v, want the seller %d with its tags", page.Items, seller.Id)
			}
		}},

		// --- brands, categories, attributes ---
		{"listBrands", readsOnly, func(t *testing.T, e operationEnv) {
			resp, err := e.c.ListBrandsWithResponse(e.ctx, &gen.ListBrandsParams{Limit: 2})
			page := decoded(t, "ListBrands(limit 2)", succeed(t, "ListBrands(limit 2)", resp, err).JSON200)
			if len(page.Items) != 2 || page.Pagination.TotalCount < 2 || page.Items[0].Id == page.Items[1].Id {
				t.Errorf("ListBrands(limit 2) = %d brands of total %v, want 2 distinct", len(page.Items), page.Pagination.TotalCount)
			}
		}},
		{"getBrand", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			id := s.BrandId
			op := fmt.Sprintf("GetBrand(%d)", id)
			resp, err := e.c.GetBrandWithResponse(e.ctx, id)
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); got.Id != id || got.Name == "" || !got.IsActive {
				t.Errorf("%s = %d %q active %v, want the active brand %d of set %d", op, got.Id, got.Name, got.IsActive, id, s.Id)
			}
		}},
		{"listBrandAttributes", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			id := s.BrandId
			op := fmt.Sprintf("ListBrandAttributes(%d)", id)
			resp, err := e.c.ListBrandAttributesWithResponse(e.ctx, id)
			for _, a := range decoded(t, op, succeed(t, op, resp, err).JSON200) {
				if a.Id == 0 || a.Options == nil {
					t.Errorf("%s has %+v, want an attribute id with options", op, a)
				}
			}
		}},
		{"searchCategories", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			cat := s.PrimaryCategoryId
			byID, err := e.c.ListCategoriesByIdsWithResponse(e.ctx, &gen.ListCategoriesByIdsParams{Ids: []int{cat}, Limit: 1})
			found := decoded(t, "ListCategoriesByIds()", succeed(t, "ListCategoriesByIds()", byID, err).JSON200).Items
			if len(found) != 1 {
				t.Fatalf("ListCategoriesByIds(%d) = %d categories, want 1", cat, len(found))
			}
			name := valueOf(found[0].Name)
			op := fmt.Sprintf("SearchCategories(%q)", name)
			resp, err := e.c.SearchCategoriesWithResponse(e.ctx, &gen.SearchCategoriesParams{Query: name, Limit: 20})
			page := decoded(t, op, succeed(t, op, resp, err).JSON200)
			if !slices.ContainsFunc(page.Items, func(c gen.Category) bool { return valueOf(c.Id) == cat }) {
				t.Errorf("%s = %d categories, want category %d among them", op, len(page.Items), cat)
			}
		}},
		{"listCategoriesByIds", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			ids := append([]int{s.PrimaryCategoryId}, s.Categories...)
			op := fmt.Sprintf("ListCategoriesByIds(%v)", ids)
			resp, err := e.c.ListCategoriesByIdsWithResponse(e.ctx, &gen.ListCategoriesByIdsParams{Ids: ids, Limit: 10})
			page := decoded(t, op, succeed(t, op, resp, err).JSON200)
			var got []int
			for _, c := range page.Items {
				got = append(got, valueOf(c.Id))
			}
			if !slices.Equal(sortedInts(got), sortedInts(ids)) || page.Pagination.TotalCount != len(ids) {
				t.Errorf("%s = %v of total %v, want %v", op, got, page.Pagination.TotalCount, ids)
			}
		}},
		{"listCategoriesByUuids", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			cat := s.PrimaryCategoryId
			byID, err := e.c.ListCategoriesByIdsWithResponse(e.ctx, &gen.ListCategoriesByIdsParams{Ids: []int{cat}, Limit: 1})
			found := decoded(t, "ListCategoriesByIds()", succeed(t, "ListCategoriesByIds()", byID, err).JSON200).Items
			if len(found) != 1 || found[0].Uuid == "" {
				t.Fatalf("ListCategoriesByIds(%d) = %+v, want the category with its UUID", cat, found)
			}
			uuid := found[0].Uuid
			op := fmt.Sprintf("ListCategoriesByUuids(%s)", uuid)
			resp, err := e.c.ListCategoriesByUuidsWithResponse(e.ctx, &gen.ListCategoriesByUuidsParams{Uuids: []string{uuid}, Limit: 10})
			if page := decoded(t, op, succeed(t, op, resp, err).JSON200); len(page.Items) != 1 || valueOf(page.Items[0].Id) != cat {
				t.Errorf("%s = %d categories, want category %d", op, len(page.Items), cat)
			}
		}},
		{"listCategoryMappings", readsOnly, func(t *testing.T, e operationEnv) {
			resp, err := e.c.ListCategoryMappingsWithResponse(e.ctx)
			got := decoded(t, "ListCategoryMappings()", succeed(t, "ListCategoryMappings()", resp, err).JSON200)
			if len(got) == 0 {
				t.Error("ListCategoryMappings() = none, want the seeded mappings")
			}
			for _, m := range got {
				if m.CategoryId == 0 || len(m.Attributes) == 0 {
					t.Errorf("ListCategoryMappings() has %+v, want a category with attribute options", m)
				}
			}
		}},
		{"listMostUsedCategories", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			cat := s.PrimaryCategoryId
			resp, err := e.c.ListMostUsedCategoriesWithResponse(e.ctx)
			got := decoded(t, "ListMostUsedCategories()", succeed(t, "ListMostUsedCategories()", resp, err).JSON200)
			if !slices.ContainsFunc(got, func(c gen.CategoryNode) bool { return valueOf(c.Id) == cat }) {
				t.Errorf("ListMostUsedCategories() = %d categories, want category %d of set %d among them", len(got), cat, s.Id)
			}
		}},
		{"getRootCategory", readsOnly, func(t *testing.T, e operationEnv) {
			resp, err := e.c.GetRootCategoryWithResponse(e.ctx)
			if got := decoded(t, "GetRootCategory()", succeed(t, "GetRootCategory()", resp, err).JSON200); got.Id == nil || valueOf(got.ParentId) != 0 {
				t.Errorf("GetRootCategory() = id %v, parent %v; want an id and no parent", got.Id, got.ParentId)
			}
		}},
		{"getCategoryTree", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			cat := s.PrimaryCategoryId
			resp, err := e.c.GetCategoryTreeWithResponse(e.ctx)
			tree := decoded(t, "GetCategoryTree()", succeed(t, "GetCategoryTree()", resp, err).JSON200)
			var depth func(nodes []gen.CategoryTreeNode, d int) int
			depth = func(nodes []gen.CategoryTreeNode, d int) int {
				for _, n := range nodes {
					if valueOf(n.Id) == cat {
						return d
					}
					if found := depth(n.Children, d+1); found > 0 {
						return found
					}
				}
				return 0
			}
			if d := depth(tree, 1); d < 2 {
				t.Errorf("GetCategoryTree() holds category %d of set %d at depth %d, want it nested below the top level", cat, s.Id, d)
			}
		}},
		{"getCategory", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			cat := s.PrimaryCategoryId
			op := fmt.Sprintf("GetCategory(%d)", cat)
			resp, err := e.c.GetCategoryWithResponse(e.ctx, cat)
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); len(got) != 1 || got[0].Id != cat || len(got[0].Path) == 0 {
				t.Errorf("%s = %+v, want category %d with its path", op, got, cat)
			}
		}},
		{"listCategoryAttributes", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			cat := s.PrimaryCategoryId
			op := fmt.Sprintf("ListCategoryAttributes(%d)", cat)
			resp, err := e.c.ListCategoryAttributesWithResponse(e.ctx, cat)
			wantContainsAll(t, op, definitionIDs(decoded(t, op, succeed(t, op, resp, err).JSON200)), attributeIDs(t, s))
		}},
		{"getCategoryNomenclature", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			cat := s.PrimaryCategoryId
			op := fmt.Sprintf("GetCategoryNomenclature(%d)", cat)
			resp, err := e.c.GetCategoryNomenclatureWithResponse(e.ctx, cat)
			decoded(t, op, succeed(t, op, resp, err).JSON200) // a category without a formula has ""
		}},
		{"listCategoryChildren", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			cat := s.PrimaryCategoryId
			byID, err := e.c.ListCategoriesByIdsWithResponse(e.ctx, &gen.ListCategoriesByIdsParams{Ids: []int{cat}, Limit: 1})
			found := decoded(t, "ListCategoriesByIds()", succeed(t, "ListCategoriesByIds()", byID, err).JSON200).Items
			if len(found) != 1 || found[0].ParentId == nil {
				t.Fatalf("ListCategoriesByIds(%d) = %+v, want the category with its parent", cat, found)
			}
			parent := *found[0].ParentId
			op := fmt.Sprintf("ListCategoryChildren(%d)", parent)
			resp, err := e.c.ListCategoryChildrenWithResponse(e.ctx, parent)
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			i := slices.IndexFunc(got, func(c gen.CategoryChild) bool { return valueOf(c.Id) == cat })
			if i < 0 || valueOf(got[i].ParentId) != parent || got[i].HasChildren {
				t.Errorf("%s = %d children, want leaf category %d among them", op, len(got), cat)
			}
		}},
		{"getCategorySettings", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			cat := s.PrimaryCategoryId
			op := fmt.Sprintf("GetCategorySettings(%d)", cat)
			resp, err := e.c.GetCategorySettingsWithResponse(e.ctx, cat)
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			if len(got) < 2 || got[len(got)-1].Id != cat {
				t.Errorf("%s = %d levels, want the path down to category %d", op, len(got), cat)
			}
			// An empty restriction list and none read the same, so there
			// is no presence to check; the levels decoded above.
		}},
		{"listAttributeSets", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			resp, err := e.c.ListAttributeSetsWithResponse(e.ctx, &gen.ListAttributeSetsParams{})
			got := decoded(t, "ListAttributeSets()", succeed(t, "ListAttributeSets()", resp, err).JSON200)
			if !slices.ContainsFunc(got, func(a gen.AttributeSet) bool { return a.Id == s.AttributeSetId }) {
				t.Errorf("ListAttributeSets() = %d sets, want attribute set %d of product set %d among them", len(got), s.AttributeSetId, s.Id)
			}
		}},
		{"getAttributeSet", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			id := s.AttributeSetId
			op := fmt.Sprintf("GetAttributeSet(%d)", id)
			resp, err := e.c.GetAttributeSetWithResponse(e.ctx, id)
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); got.Id != id || got.Name == "" {
				t.Errorf("%s = %d %q, want %d with a name", op, got.Id, got.Name, id)
			}
		}},
		{"listAttributeSetAttributes", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			id := s.AttributeSetId
			op := fmt.Sprintf("ListAttributeSetAttributes(%d)", id)
			resp, err := e.c.ListAttributeSetAttributesWithResponse(e.ctx, id)
			wantContainsAll(t, op, definitionIDs(decoded(t, op, succeed(t, op, resp, err).JSON200)), attributeIDs(t, s))
		}},
		{"listAttributes", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			id := s.AttributeSetId
			op := fmt.Sprintf("ListAttributes(attribute set %d)", id)
			resp, err := e.c.ListAttributesWithResponse(e.ctx, &gen.ListAttributesParams{AttributeSetIds: []int{id}, Limit: 100})
			page := decoded(t, op, succeed(t, op, resp, err).JSON200)
			if len(page.Items) == 0 || page.Pagination.TotalCount != len(page.Items) {
				t.Errorf("%s = %d attributes of total %v, want them all", op, len(page.Items), page.Pagination.TotalCount)
			}
			got := definitionIDs(page.Items)
			if !slices.ContainsFunc(attributeIDs(t, s), func(a int) bool { return slices.Contains(got, a) }) {
				t.Errorf("%s = %v, want one of the set's attributes %v", op, got, attributeIDs(t, s))
			}
		}},
		{"getAttribute", readsOnly, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			id := attributeIDs(t, s)[0]
			op := fmt.Sprintf("GetAttribute(%d)", id)
			resp, err := e.c.GetAttributeWithResponse(e.ctx, id)
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); valueOf(got.Id) != id || got.FeedName == "" || got.AttributeType == "" {
				t.Errorf("%s = %d %q type %v, want %d with a feed name and a type", op, valueOf(got.Id), got.FeedName, got.AttributeType, id)
			}
		}},
		{"listMappedAttributeOptions", readsOnly, func(t *testing.T, e operationEnv) {
			resp, err := e.c.ListMappedAttributeOptionsWithResponse(e.ctx)
			got := decoded(t, "ListMappedAttributeOptions()", succeed(t, "ListMappedAttributeOptions()", resp, err).JSON200)
			if len(got) == 0 || slices.ContainsFunc(got, func(m gen.AttributeOptionMapping) bool {
				return m.Parent.AttributeId == 0 || m.Child.AttributeId == 0 || m.Parent.OptionId == 0 || m.Child.OptionId == 0
			}) {
				t.Errorf("ListMappedAttributeOptions() = %+v, want mappings naming attributes and options", got)
			}
		}},

		// --- imports ---
		{"importNewProducts", mutates, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			sku := valueOf(s.ParentSku) + "-CT-3XL"
			csv := fmt.Sprintf("SellerSku,ParentSku,Variation,Name,Price\n%s,%s,3XL (contract),%s,99.5\n", sku, valueOf(s.ParentSku), s.Name)
			waitClean(t, e, importFile(t, e, sellercenter.ImportNewProducts, "new.csv", []byte(csv)))
			if p := productBySku(t, e.mock, sku); p.ProductSetId != s.Id {
				t.Errorf("mock.ProductBySellerSku(%s) set = %d, want %d", sku, p.ProductSetId, s.Id)
			}
		}},
		{"importProductUpdates", mutates, func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			old := e.activePrice(t, p)
			price := old.Price + 3
			csv := fmt.Sprintf("SellerSku,Country,Price\n%s,%s,%.2f\n", p.SellerSku, old.Country, price)
			waitClean(t, e, importFile(t, e, sellercenter.ImportProductUpdates, "update.csv", []byte(csv)))
			if got, err := e.mock.Price(p.Id, old.Country); err != nil || got.Price != price {
				t.Errorf("mock.Price(%d, %s) after the update import = %v, %v; want %v", p.Id, old.Country, got.Price, err, price)
			}
		}},
		{"importProductRemovals", mutates, func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			waitClean(t, e, importFile(t, e, sellercenter.ImportProductRemovals, "remove.csv", []byte("SellerSku\n"+p.SellerSku+"\n")))
			if got := productBySku(t, e.mock, p.SellerSku); got.Status != gen.ProductStatusDeleted {
				t.Errorf("mock.ProductBySellerSku(%s) status after the removal import = %s, want deleted", p.SellerSku, got.Status)
			}
		}},
		{"importImageUpdates", mutates, func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			main, second := "https://img.contract.example/main.jpg", "https://img.contract.example/second.jpg"
			file := xlsxOf(t, [][]string{{"SellerSku", "MainImage", "Image2"}, {p.SellerSku, main, second}})
			waitClean(t, e, importFile(t, e, sellercenter.ImportImageUpdates, "images.xlsx", file))
			images, err := e.mock.Images(p.ProductSetId)
			var urls []string
			for _, im := range images {
				urls = append(urls, im.DisplayUrl)
			}
			if err != nil || !slices.Equal(urls, []string{main, second}) {
				t.Errorf("mock.Images(%d) after the image import = %v, %v; want [%s %s]", p.ProductSetId, urls, err, main, second)
			}
		}},
		{"importStockUpdates", mutates, func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			waitClean(t, e, importFile(t, e, sellercenter.ImportStockUpdates, "stock.csv", fmt.Appendf(nil, "SellerSku,Quantity\n%s,17\n", p.SellerSku)))
			if got := e.warehouseStock(t, p.Id, e.defaultWarehouse(t)); got != 17 {
				t.Errorf("GetWarehouseStock(%d, default) after the stock import = %d, want 17", p.Id, got)
			}
		}},
		{"importStockUpdatesXml", mutates, func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			env, err := e.c.ImportXML(e.ctx, &gen.XmlStockUpdateRequest{Product: []gen.XmlStockChange{{SellerSku: p.SellerSku, Quantity: 11}}})
			waitClean(t, e, xmlFeed(t, "ImportXML(stock)", env, err))
			if got := e.warehouseStock(t, p.Id, e.defaultWarehouse(t)); got != 11 {
				t.Errorf("GetWarehouseStock(%d, default) after the XML stock import = %d, want 11", p.Id, got)
			}
		}},
		{"importNewProductsXml", mutates, func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			brand, err := e.c.GetBrandWithResponse(e.ctx, s.BrandId)
			b := decoded(t, "GetBrand()", succeed(t, "GetBrand()", brand, err).JSON200)
			sku := valueOf(s.ParentSku) + "-CT-XML"
			req := &gen.XmlProductCreateRequest{Product: []gen.XmlNewProduct{{SellerSku: sku, ParentSku: s.ParentSku, Variation: refTo("XML (contract)"),
				Name: s.Name, PrimaryCategory: s.PrimaryCategoryId, Description: valueOf(s.Description), Brand: b.Name, Price: "99.00"}}}
			env, err := e.c.ImportXML(e.ctx, req)
			waitClean(t, e, xmlFeed(t, "ImportXML(new products)", env, err))
			if p := productBySku(t, e.mock, sku); p.ProductSetId != s.Id {
				t.Errorf("mock.ProductBySellerSku(%s) set = %d, want %d", sku, p.ProductSetId, s.Id)
			}
		}},
		{"importProductUpdatesXml", mutates, func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			req := &gen.XmlProductUpdateRequest{Product: []gen.XmlProductChange{{SellerSku: p.SellerSku, Quantity: refTo(8)}}}
			env, err := e.c.ImportXML(e.ctx, req)
			waitClean(t, e, xmlFeed(t, "ImportXML(product updates)", env, err))
			if got := e.warehouseStock(t, p.Id, e.defaultWarehouse(t)); got != 8 {
				t.Errorf("GetWarehouseStock(%d, default) after the XML update import = %d, want 8", p.Id, got)
			}
		}},

		// --- feeds ---
		{"listFeeds", readsOnly, func(t *testing.T, e operationEnv) {
			resp, err := e.c.ListFeedsWithResponse(e.ctx, &gen.ListFeedsParams{Limit: sellercenter.MaxFeedPageSize})
			page := decoded(t, "ListFeeds(limit 20)", succeed(t, "ListFeeds(limit 20)", resp, err).JSON200)
			if len(page.Items) == 0 || page.Pagination.TotalCount != len(page.Items) {
				t.Errorf("ListFeeds(limit 20) = %d feeds of total %v, want the seeded feeds, all of them", len(page.Items), page.Pagination.TotalCount)
			}
			for _, f := range page.Items {
				if f.Id == 0 || f.Status == "" || f.Action == "" {
					t.Errorf("ListFeeds() has %+v, want an id, a status and an action", f)
				}
			}
		}},
		{"countFeeds", readsOnly, func(t *testing.T, e operationEnv) {
			list, err := e.c.ListFeedsWithResponse(e.ctx, &gen.ListFeedsParams{Limit: sellercenter.MaxFeedPageSize})
			feeds := decoded(t, "ListFeeds()", succeed(t, "ListFeeds()", list, err).JSON200).Items
			want := map[gen.FeedState]int{}
			for _, f := range feeds {
				want[f.Status]++
			}
			resp, err := e.c.CountFeedsWithResponse(e.ctx)
			got := decoded(t, "CountFeeds()", succeed(t, "CountFeeds()", resp, err).JSON200)
			if got.Total != len(feeds) || got.Finished != want[gen.FeedStateFinished] || got.Canceled != want[gen.FeedStateCanceled] {
				t.Errorf("CountFeeds() = total %d, finished %d, canceled %d; want ListFeeds()'s %d, %d, %d", got.Total, got.Finished, got.Canceled,
					len(feeds), want[gen.FeedStateFinished], want[gen.FeedStateCanceled])
			}
		}},
		{"getFeedStatus", mutates, func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			uuid := importFile(t, e, sellercenter.ImportStockUpdates, "stock.csv", fmt.Appendf(nil, "SellerSku,Quantity\n%s,5\nCT-NO-SUCH-SKU,1\n", p.SellerSku))
			op := fmt.Sprintf("GetFeedStatus(%s)", uuid)
			resp, err := e.c.GetFeedStatusWithResponse(e.ctx, uuid)
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			want, err := e.mock.FeedReport(uuid)
			if err != nil || got.Status != gen.FeedStateFinished || got.Status != want.Status ||
				len(got.Errors) != 1 || got.Errors[0].SellerSku != "CT-NO-SUCH-SKU" {
				t.Errorf("%s = %s with errors %+v, want Finished with the unknown SKU's error, as mock.FeedReport (%v)", op, got.Status, got.Errors, err)
			}
		}},
		{"cancelFeed", mutates, func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			uuid := importFile(t, e, sellercenter.ImportStockUpdates, "stock.csv", fmt.Appendf(nil, "SellerSku,Quantity\n%s,5\n", p.SellerSku))
			op := fmt.Sprintf("CancelFeed(%s)", uuid)
			resp, err := e.c.CancelFeedWithResponse(e.ctx, uuid)
			if succeed(t, op, resp, err).StatusCode() != 204 {
				t.Errorf("%s status = %d, want 204", op, resp.StatusCode())
			}
			if f, err := e.mock.Feed(uuid); err != nil || f.Status != gen.FeedStateCanceled {
				t.Errorf("mock.Feed(%s) after %s = %s, %v; want Canceled", uuid, op, f.Status, err)
			}
		}},
		{"getFeedInputs", mutates, func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			csv := fmt.Appendf(nil, "SellerSku,Quantity\n%s,6\n", p.SellerSku)
			uuid := importFile(t, e, sellercenter.ImportStockUpdates, "stock.csv", csv)
			op := fmt.Sprintf("GetFeedInputs(%s)", uuid)
			resp, err := e.c.GetFeedInputsWithResponse(e.ctx, &gen.GetFeedInputsParams{FeedUuidList: []string{uuid}})
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			if len(got) != 1 || got[0].FeedUuid != uuid {
				t.Fatalf("%s = %d inputs, want the feed's", op, len(got))
			}
			file, err := base64.StdEncoding.DecodeString(got[0].File)
			if err != nil || !bytes.Equal(file, csv) || !strings.HasPrefix(got[0].MimeType, "text/csv") {
				t.Errorf("%s = %q (%s, %v), want the uploaded CSV %q", op, file, got[0].MimeType, err, csv)
			}
		}},
	}
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
