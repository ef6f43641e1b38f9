package sellercenter_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

const (
	feedUUID   = "060cef12-08ef-4ae6-b15e-79398fedc774"
	xmlCatalog = "catalog/"
)

var (
	// productCreationParts is a product-creation import as the seller UI
	// template writes it.
	productCreationParts = []part{
		{name: "file1", filename: "product-creation.csv", contentType: "text/csv", content: "SellerSku;Name;PrimaryCategory;Brand;Price\nXMPL1;Nikon Wide Angle Camera 10 MP black;309;Nikon;1.99\n"},
	}
	productUpdateParts = []part{
		{name: "file1", filename: "product-update.xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", content: "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"},
	}
	productRemovalParts = []part{
		{name: "file1", filename: "product-removal.csv", contentType: "text/csv", content: "SellerSku\nshoe-123\nshoe-124\n"},
	}
	imageUpdateParts = []part{
		{name: "file1", filename: "image-update.csv", contentType: "text/csv", content: "SellerSku;MainImage;Image2\nshoe-123;https://example.com/image-1.jpg;https://example.com/image-2.jpg\n"},
	}
	stockUpdateParts = []part{
		{name: "file1", filename: "stock-update.csv", contentType: "text/csv", content: "SellerSku;Quantity\nAAA3;1030\nAAA1;1010\n"},
	}

	// The XML request bodies as the vendor's examples write them, in the
	// vendor's element order; the typed requests below must marshal to them.
	stockUpdateXML = `<?xml version="1.0" encoding="UTF-8"?>
<Request>
  <Product>
    <SellerSku>AAA3</SellerSku>
    <Quantity>1030</Quantity>
  </Product>
  <Product>
    <SellerSku>AAA1</SellerSku>
    <Quantity>1010</Quantity>
  </Product>
</Request>`
	productCreationXML = `<?xml version="1.0" encoding="UTF-8"?>
<Request>
  <Product>
    <SellerSku>4105382173aaee4</SellerSku>
    <ParentSku>asd23eadas</ParentSku>
    <Status>active</Status>
    <Name>Magic Product</Name>
    <Variation>XXL</Variation>
    <PrimaryCategory>4</PrimaryCategory>
    <Categories>2,3,5</Categories>
    <Description><![CDATA[This is a <b>bold</b> product.]]></Description>
    <Brand>ASM</Brand>
    <Price>100.00</Price>
    <SalePrice>32.5</SalePrice>
    <SaleStartDate>2023-11-01 03:33:47</SaleStartDate>
    <SaleEndDate>2023-11-12 03:33:47</SaleEndDate>
    <ShipmentType>dropshipping</ShipmentType>
    <ProductId>xyzabc</ProductId>
    <ProductData>
      <Megapixels>490</Megapixels>
      <OpticalZoom>7</OpticalZoom>
      <SystemMemory>4</SystemMemory>
      <NumberCpus>32</NumberCpus>
      <Network>This is network</Network>
    </ProductData>
    <Quantity>10</Quantity>
  </Product>
</Request>`
	productUpdateXML = `<?xml version="1.0" encoding="UTF-8"?>
<Request>
  <Product>
    <SellerSku>4105382173aaee4</SellerSku>
    <Status>inactive</Status>
    <Price>89.90</Price>
    <ProductData>
      <Network>5G</Network>
    </ProductData>
    <ProductGroup>Summer</ProductGroup>
  </Product>
</Request>`
)

func stockUpdateRequest() gen.XmlStockUpdateRequest {
	return gen.XmlStockUpdateRequest{Product: []gen.XmlStockChange{
		{SellerSku: "AAA3", Quantity: 1030},
		{SellerSku: "AAA1", Quantity: 1010},
	}}
}

func productCreationRequest() (gen.XmlProductCreateRequest, error) {
	// Parsed rather than made with datetime.New so they marshal in the
	// vendor's layout.
	start, err := datetime.Parse("2023-11-01 03:33:47")
	if err != nil {
		return gen.XmlProductCreateRequest{}, err
	}
	end, err := datetime.Parse("2023-11-12 03:33:47")
	if err != nil {
		return gen.XmlProductCreateRequest{}, err
	}
	return gen.XmlProductCreateRequest{Product: []gen.XmlNewProduct{{
		SellerSku:       "4105382173aaee4",
		ParentSku:       ptr("asd23eadas"),
		Status:          ptr(gen.XmlProductStatusActive),
		Name:            "Magic Product",
		Variation:       ptr("XXL"),
		PrimaryCategory: 4,
		Categories:      ptr("2,3,5"),
		Description:     "This is a <b>bold</b> product.",
		Brand:           "ASM",
		Price:           "100.00",
		SalePrice:       ptr("32.5"),
		SaleStartDate:   &start,
		SaleEndDate:     &end,
		ShipmentType:    ptr("dropshipping"),
		ProductId:       ptr("xyzabc"),
		ProductData: &gen.XmlProductData{Fields: []gen.XmlProductField{
			productField("Megapixels", "490"),
			productField("OpticalZoom", "7"),
			productField("SystemMemory", "4"),
			productField("NumberCpus", "32"),
			productField("Network", "This is network"),
		}},
		Quantity: ptr(10),
	}}}, nil
}

func productUpdateRequest() gen.XmlProductUpdateRequest {
	return gen.XmlProductUpdateRequest{Product: []gen.XmlProductChange{{
		SellerSku:    "4105382173aaee4",
		Status:       ptr(gen.XmlProductStatusInactive),
		Price:        ptr("89.90"),
		ProductData:  &gen.XmlProductData{Fields: []gen.XmlProductField{productField("Network", "5G")}},
		ProductGroup: ptr("Summer"),
	}}}
}

func productField(name, value string) gen.XmlProductField {
	return gen.XmlProductField{XMLName: xml.Name{Local: name}, Value: value}
}

// xmlRequestBody marshals v with the XML declaration, as a caller of the XML
// imports would.
func xmlRequestBody(v any) (io.Reader, error) {
	b, err := xml.Marshal(v)
	if err != nil {
		return nil, err
	}
	return bytes.NewReader(append([]byte(xml.Header), b...)), nil
}

// xmlReply answers with an XML fixture from testdata/api/catalog as the legacy
// endpoints do, with a text/xml Content-Type.
func xmlReply(status int, name string) reply {
	b, err := os.ReadFile(filepath.Join(fixtureDir, xmlCatalog+name))
	if err != nil {
		// An unreadable fixture must fail the rows that use it, not the
		// package: an empty body makes their XML checks fail.
		b = nil
	}
	return reply{status: status, raw: b, header: map[string]string{"Content-Type": "text/xml; charset=UTF-8"}}
}

// catalogRows are the rows of brands, categories, attributes, imports and
// feeds.
var catalogRows = map[string]row{
	"listBrands": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListBrandsWithResponse(ctx, &gen.ListBrandsParams{
				Name:                "Adidas",
				BrandIds:            []int{111555, 111556},
				BrandUuids:          []string{"1af9fe46-77d2-4ab2-8b4a-8c7eeac8bbc9"},
				IncludeInaccessible: ptr(true),
				RestrictedOnly:      ptr(false),
				Sort:                gen.ListBrandsParamsSortName,
				SortDir:             gen.SortDirectionAsc,
				Limit:               100,
				Offset:              0,
			})
		},
		method: http.MethodGet, path: "/v2/brands",
		query: url.Values{
			"name":                {"Adidas"},
			"brandIds[]":          {"111555", "111556"},
			"brandUuids[]":        {"1af9fe46-77d2-4ab2-8b4a-8c7eeac8bbc9"},
			"includeInaccessible": {"true"},
			"restrictedOnly":      {"false"},
			"sort":                {"name"},
			"sortDir":             {"asc"},
			"limit":               {"100"},
			"offset":              {"0"},
		},
		literal: []string{"brandIds[]=111555&brandIds[]=111556"},
		reply:   reply{status: 200, fixture: xmlCatalog + "brand_page.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "ListBrands(Adidas).JSON200", as[gen.ListBrandsResponse](t, resp).JSON200)
			eq(t, "len(ListBrands(Adidas).JSON200.Items)", len(p.Items), 2)
			eq(t, "ListBrands(Adidas).JSON200.Pagination.TotalCount", p.Pagination.TotalCount, 2)
			b := p.Items[0]
			eq(t, "ListBrands(Adidas).JSON200.Items[0].Id", b.Id, 111555)
			eq(t, "ListBrands(Adidas).JSON200.Items[0].Status", b.Status, gen.BrandStatusActive)
			eq(t, "ListBrands(Adidas).JSON200.Items[0].Countries", b.Countries, "RU,KZ")
			at(t, "ListBrands(Adidas).JSON200.Items[0].CreatedAt", b.CreatedAt, time.Date(2021, 9, 22, 21, 21, 42, 0, time.UTC))
			isNil(t, "ListBrands(Adidas).JSON200.Items[1].SrcId", p.Items[1].SrcId)
			isNil(t, "ListBrands(Adidas).JSON200.Items[1].Uuid", p.Items[1].Uuid)
			eq(t, "ListBrands(Adidas).JSON200.Items[1].IsRestricted", p.Items[1].IsRestricted, true)
			at(t, "ListBrands(Adidas).JSON200.Items[1].UpdatedAt", p.Items[1].UpdatedAt, time.Date(2023, 5, 26, 15, 26, 50, 0, time.UTC))
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			resp, err := e.c.ListBrandsWithResponse(e.ctx, &gen.ListBrandsParams{Limit: 2})
			page := decoded(t, "ListBrands(limit 2)", succeed(t, "ListBrands(limit 2)", resp, err).JSON200)
			if len(page.Items) != 2 || page.Pagination.TotalCount < 2 || page.Items[0].Id == page.Items[1].Id {
				t.Errorf("ListBrands(limit 2) = %d brands of total %v, want 2 distinct", len(page.Items), page.Pagination.TotalCount)
			}
		},
	},
	"getBrand": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetBrandWithResponse(ctx, 111555)
		},
		method: http.MethodGet, path: "/v2/brands/111555",
		reply: reply{status: 200, fixture: xmlCatalog + "brand.json"},
		check: func(t *testing.T, resp any) {
			b := deref(t, "GetBrand(111555).JSON200", as[gen.GetBrandResponse](t, resp).JSON200)
			eq(t, "GetBrand(111555).JSON200.Name", b.Name, "Adidas")
			eq(t, "GetBrand(111555).JSON200.SrcId", deref(t, "SrcId", b.SrcId), "ADI5341")
			eq(t, "GetBrand(111555).JSON200.IsApproved", b.IsApproved, true)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			id := s.BrandId
			op := fmt.Sprintf("GetBrand(%d)", id)
			resp, err := e.c.GetBrandWithResponse(e.ctx, id)
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); got.Id != id || got.Name == "" || !got.IsActive {
				t.Errorf("%s = %d %q active %v, want the active brand %d of set %d", op, got.Id, got.Name, got.IsActive, id, s.Id)
			}
		},
	},
	"listBrandAttributes": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListBrandAttributesWithResponse(ctx, 111555)
		},
		method: http.MethodGet, path: "/v2/brands/111555/attributes",
		reply: reply{status: 200, fixture: xmlCatalog + "brand_attributes.json"},
		check: func(t *testing.T, resp any) {
			a := deref(t, "ListBrandAttributes(111555).JSON200", as[gen.ListBrandAttributesResponse](t, resp).JSON200)
			eq(t, "len(ListBrandAttributes(111555).JSON200)", len(a), 1)
			eq(t, "ListBrandAttributes(111555).JSON200[0].Name", a[0].Name, "supplier_type")
			opts := a[0].Options
			eq(t, "len(ListBrandAttributes(111555).JSON200[0].Options)", len(opts), 2)
			eq(t, "ListBrandAttributes(111555).JSON200[0].Options[0].Id", opts[0].Id, 321)
			eq(t, "ListBrandAttributes(111555).JSON200[0].Options[0].Name", opts[0].Name, "Direct")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			id := s.BrandId
			op := fmt.Sprintf("ListBrandAttributes(%d)", id)
			resp, err := e.c.ListBrandAttributesWithResponse(e.ctx, id)
			for _, a := range decoded(t, op, succeed(t, op, resp, err).JSON200) {
				if a.Id == 0 || a.Options == nil {
					t.Errorf("%s has %+v, want an attribute id with options", op, a)
				}
			}
		},
	},
	"searchCategories": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.SearchCategoriesWithResponse(ctx, &gen.SearchCategoriesParams{
				Query:               "Books & Comics",
				IncludeInaccessible: ptr(false),
				Limit:               100,
				Offset:              200,
			})
		},
		method: http.MethodGet, path: "/v2/categories",
		query: url.Values{
			"query":               {"Books & Comics"},
			"includeInaccessible": {"false"},
			"limit":               {"100"},
			"offset":              {"200"},
		},
		reply: reply{status: 200, fixture: xmlCatalog + "category_page.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "SearchCategories(Books).JSON200", as[gen.SearchCategoriesResponse](t, resp).JSON200)
			eq(t, "len(SearchCategories(Books).JSON200.Items)", len(p.Items), 2)
			c := p.Items[0]
			eq(t, "SearchCategories(Books).JSON200.Items[0].Status", c.Status, gen.CategoryStatusActive)
			eq(t, "SearchCategories(Books).JSON200.Items[0].Path[2]", c.Path[2], "Books")
			eq(t, "SearchCategories(Books).JSON200.Items[0].ChildrenIds[1]", c.ChildrenIds[1], 7835)
			eq(t, "SearchCategories(Books).JSON200.Items[0].FulfillmentVisible", c.FulfillmentVisible, true)
			isNil(t, "SearchCategories(Books).JSON200.Items[1].ParentId", p.Items[1].ParentId)
			isNil(t, "SearchCategories(Books).JSON200.Items[1].Name", p.Items[1].Name)
			eq(t, "SearchCategories(Books).JSON200.Items[1].Status", p.Items[1].Status, gen.CategoryStatusInheritedInactive)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"listCategoriesByIds": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListCategoriesByIdsWithResponse(ctx, &gen.ListCategoriesByIdsParams{
				Ids:                 []int{7865, 7866},
				IncludeInaccessible: ptr(true),
				Limit:               100,
				Offset:              0,
			})
		},
		method: http.MethodGet, path: "/v2/categories/ids",
		query: url.Values{
			"ids[]":               {"7865", "7866"},
			"includeInaccessible": {"true"},
			"limit":               {"100"},
			"offset":              {"0"},
		},
		literal: []string{"ids[]=7865&ids[]=7866"},
		reply:   reply{status: 200, fixture: xmlCatalog + "category_page.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "ListCategoriesByIds(7865, 7866).JSON200", as[gen.ListCategoriesByIdsResponse](t, resp).JSON200)
			eq(t, "ListCategoriesByIds(7865, 7866).JSON200.Items[1].Id", deref(t, "Id", p.Items[1].Id), 7866)
			eq(t, "ListCategoriesByIds(7865, 7866).JSON200.Items[1].QcDisabled", p.Items[1].QcDisabled, true)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"listCategoriesByUuids": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListCategoriesByUuidsWithResponse(ctx, &gen.ListCategoriesByUuidsParams{
				Uuids:  []string{"060cef12-08ef-4ae6-b15e-79398fedc774", "1b2c3d4e-08ef-4ae6-b15e-79398fedc775"},
				Limit:  100,
				Offset: 0,
			})
		},
		method: http.MethodGet, path: "/v2/categories/uuids",
		query: url.Values{
			"uuids[]": {"060cef12-08ef-4ae6-b15e-79398fedc774", "1b2c3d4e-08ef-4ae6-b15e-79398fedc775"},
			"limit":   {"100"},
			"offset":  {"0"},
		},
		literal: []string{"uuids[]=060cef12-08ef-4ae6-b15e-79398fedc774&uuids[]=1b2c3d4e-08ef-4ae6-b15e-79398fedc775"},
		reply:   reply{status: 200, fixture: xmlCatalog + "category_page.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "ListCategoriesByUuids(2 uuids).JSON200", as[gen.ListCategoriesByUuidsResponse](t, resp).JSON200)
			eq(t, "ListCategoriesByUuids(2 uuids).JSON200.Items[0].Uuid", p.Items[0].Uuid, "060cef12-08ef-4ae6-b15e-79398fedc774")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"listCategoryMappings": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListCategoryMappingsWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/category/mappings",
		reply: reply{status: 200, fixture: xmlCatalog + "category_mappings.json"},
		check: func(t *testing.T, resp any) {
			m := deref(t, "ListCategoryMappings().JSON200", as[gen.ListCategoryMappingsResponse](t, resp).JSON200)
			eq(t, "ListCategoryMappings().JSON200[0].CategoryName", m[0].CategoryName, "Health")
			attrs := m[0].Attributes
			eq(t, "ListCategoryMappings().JSON200[0].Attributes[0].AttributeId", attrs[0].AttributeId, 80)
			eq(t, "ListCategoryMappings().JSON200[0].Attributes[0].Options[2]", attrs[0].Options[2], 640)
			eq(t, "len(ListCategoryMappings().JSON200[0].Attributes[1].Options)", len(attrs[1].Options), 0)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"listMostUsedCategories": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListMostUsedCategoriesWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/category/most-used",
		reply: reply{status: 200, fixture: xmlCatalog + "category_nodes.json"},
		check: func(t *testing.T, resp any) {
			n := deref(t, "ListMostUsedCategories().JSON200", as[gen.ListMostUsedCategoriesResponse](t, resp).JSON200)
			eq(t, "len(ListMostUsedCategories().JSON200)", len(n), 2)
			eq(t, "ListMostUsedCategories().JSON200[0].AttributeSetId", n[0].AttributeSetId, 8757345)
			eq(t, "ListMostUsedCategories().JSON200[1].PathIds[0]", n[1].PathIds[0], 3461)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			cat := s.PrimaryCategoryId
			resp, err := e.c.ListMostUsedCategoriesWithResponse(e.ctx)
			got := decoded(t, "ListMostUsedCategories()", succeed(t, "ListMostUsedCategories()", resp, err).JSON200)
			if !slices.ContainsFunc(got, func(c gen.CategoryNode) bool { return valueOf(c.Id) == cat }) {
				t.Errorf("ListMostUsedCategories() = %d categories, want category %d of set %d among them", len(got), cat, s.Id)
			}
		},
	},
	"getRootCategory": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetRootCategoryWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/category/root",
		reply: reply{status: 200, fixture: xmlCatalog + "category_root.json"},
		check: func(t *testing.T, resp any) {
			r := deref(t, "GetRootCategory().JSON200", as[gen.GetRootCategoryResponse](t, resp).JSON200)
			eq(t, "GetRootCategory().JSON200.Id", deref(t, "Id", r.Id), 1)
			isNil(t, "GetRootCategory().JSON200.ParentId", r.ParentId)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			resp, err := e.c.GetRootCategoryWithResponse(e.ctx)
			if got := decoded(t, "GetRootCategory()", succeed(t, "GetRootCategory()", resp, err).JSON200); got.Id == nil || valueOf(got.ParentId) != 0 {
				t.Errorf("GetRootCategory() = id %v, parent %v; want an id and no parent", got.Id, got.ParentId)
			}
		},
	},
	"getCategoryTree": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetCategoryTreeWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/category/tree",
		reply: reply{status: 200, fixture: xmlCatalog + "category_tree.json"},
		check: func(t *testing.T, resp any) {
			tree := deref(t, "GetCategoryTree().JSON200", as[gen.GetCategoryTreeResponse](t, resp).JSON200)
			eq(t, "len(GetCategoryTree().JSON200)", len(tree), 2)
			kids := tree[0].Children
			grandKids := kids[0].Children
			leaf := grandKids[0]
			eq(t, "GetCategoryTree().JSON200[0].Children[0].Children[0].Name", deref(t, "Name", leaf.Name), "Books")
			eq(t, "GetCategoryTree().JSON200[0].Children[0].Children[0].ParentId", deref(t, "ParentId", leaf.ParentId), 1285)
			eq(t, "len(GetCategoryTree().JSON200[0].Children[0].Children[0].Children)", len(leaf.Children), 0)
			isNil(t, "GetCategoryTree().JSON200[1].Name", tree[1].Name)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"getCategory": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetCategoryWithResponse(ctx, 7865)
		},
		method: http.MethodGet, path: "/v2/category/7865",
		reply: reply{status: 200, fixture: xmlCatalog + "category_detail.json"},
		check: func(t *testing.T, resp any) {
			d := deref(t, "GetCategory(7865).JSON200", as[gen.GetCategoryResponse](t, resp).JSON200)
			eq(t, "len(GetCategory(7865).JSON200)", len(d), 1)
			eq(t, "GetCategory(7865).JSON200[0].SrcId", deref(t, "SrcId", d[0].SrcId), "39487664")
			eq(t, "GetCategory(7865).JSON200[0].Status", d[0].Status, gen.CategoryStatusActive)
			eq(t, "GetCategory(7865).JSON200[0].Visible", d[0].Visible, true)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			cat := s.PrimaryCategoryId
			op := fmt.Sprintf("GetCategory(%d)", cat)
			resp, err := e.c.GetCategoryWithResponse(e.ctx, cat)
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); len(got) != 1 || got[0].Id != cat || len(got[0].Path) == 0 {
				t.Errorf("%s = %+v, want category %d with its path", op, got, cat)
			}
		},
	},
	"listCategoryAttributes": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListCategoryAttributesWithResponse(ctx, 7865)
		},
		method: http.MethodGet, path: "/v2/category/7865/attributes",
		reply: reply{status: 200, fixture: xmlCatalog + "attribute_definitions.json"},
		check: func(t *testing.T, resp any) {
			a := deref(t, "ListCategoryAttributes(7865).JSON200", as[gen.ListCategoryAttributesResponse](t, resp).JSON200)
			eq(t, "len(ListCategoryAttributes(7865).JSON200)", len(a), 2)
			color := a[0]
			eq(t, "ListCategoryAttributes(7865).JSON200[0].FeedName", color.FeedName, "ColorFamily")
			eq(t, "ListCategoryAttributes(7865).JSON200[0].InputType", color.InputType, gen.AttributeDefinitionInputTypeDropdown)
			eq(t, "ListCategoryAttributes(7865).JSON200[0].AttributeType", color.AttributeType, gen.AttributeDefinitionAttributeTypeOption)
			eq(t, "ListCategoryAttributes(7865).JSON200[0].InputMode", deref(t, "InputMode", color.InputMode), gen.AttributeDefinitionInputModeEdit)
			opts := color.Options
			eq(t, "ListCategoryAttributes(7865).JSON200[0].Options[0].Name", opts[0].Name, "Black")
			eq(t, "ListCategoryAttributes(7865).JSON200[0].Options[0].IsDefault", deref(t, "IsDefault", opts[0].IsDefault), false)
			isNil(t, "ListCategoryAttributes(7865).JSON200[0].Options[1].IsDefault", opts[1].IsDefault)
			price := a[1]
			eq(t, "ListCategoryAttributes(7865).JSON200[1].AttributeDefinitionType", deref(t, "AttributeDefinitionType", price.AttributeDefinitionType), gen.AttributeDefinitionAttributeDefinitionTypePrice)
			eq(t, "ListCategoryAttributes(7865).JSON200[1].AttributeDefinitionCountry", deref(t, "AttributeDefinitionCountry", price.AttributeDefinitionCountry), "MY")
			eq(t, "ListCategoryAttributes(7865).JSON200[1].MaxLength", deref(t, "MaxLength", price.MaxLength), 23)
			isZero(t, "ListCategoryAttributes(7865).JSON200[1].Options", price.Options)
			isNil(t, "ListCategoryAttributes(7865).JSON200[1].InputMode", price.InputMode)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			cat := s.PrimaryCategoryId
			op := fmt.Sprintf("ListCategoryAttributes(%d)", cat)
			resp, err := e.c.ListCategoryAttributesWithResponse(e.ctx, cat)
			wantContainsAll(t, op, definitionIDs(decoded(t, op, succeed(t, op, resp, err).JSON200)), attributeIDs(t, s))
		},
	},
	"getCategoryNomenclature": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetCategoryNomenclatureWithResponse(ctx, 7865)
		},
		method: http.MethodGet, path: "/v2/category/7865/automatic-nomenclature",
		reply: reply{status: 200, fixture: xmlCatalog + "category_nomenclature.json"},
		check: func(t *testing.T, resp any) {
			f := deref(t, "GetCategoryNomenclature(7865).JSON200", as[gen.GetCategoryNomenclatureResponse](t, resp).JSON200)
			eq(t, "GetCategoryNomenclature(7865).JSON200", f, "attr.brand attr.model attr.color")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			cat := s.PrimaryCategoryId
			op := fmt.Sprintf("GetCategoryNomenclature(%d)", cat)
			resp, err := e.c.GetCategoryNomenclatureWithResponse(e.ctx, cat)
			decoded(t, op, succeed(t, op, resp, err).JSON200) // a category without a formula has ""
		},
	},
	"listCategoryChildren": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListCategoryChildrenWithResponse(ctx, 1285)
		},
		method: http.MethodGet, path: "/v2/category/1285/children",
		reply: reply{status: 200, fixture: xmlCatalog + "category_children.json"},
		check: func(t *testing.T, resp any) {
			k := deref(t, "ListCategoryChildren(1285).JSON200", as[gen.ListCategoryChildrenResponse](t, resp).JSON200)
			eq(t, "len(ListCategoryChildren(1285).JSON200)", len(k), 2)
			eq(t, "ListCategoryChildren(1285).JSON200[0].HasChildren", k[0].HasChildren, true)
			isNil(t, "ListCategoryChildren(1285).JSON200[1].SrcId", k[1].SrcId)
			eq(t, "ListCategoryChildren(1285).JSON200[1].Status", k[1].Status, gen.CategoryStatusInactive)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"getCategorySettings": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetCategorySettingsWithResponse(ctx, 32)
		},
		method: http.MethodGet, path: "/v2/category/32/settings",
		reply: reply{status: 200, fixture: xmlCatalog + "category_settings.json"},
		check: func(t *testing.T, resp any) {
			s := deref(t, "GetCategorySettings(32).JSON200", as[gen.GetCategorySettingsResponse](t, resp).JSON200)
			eq(t, "GetCategorySettings(32).JSON200[0].ShopId", s[0].ShopId, "139593")
			r := s[0].Restrictions
			eq(t, "GetCategorySettings(32).JSON200[0].Restrictions[0].Type", r[0].Type, gen.CategoryRestrictionTypePrice)
			eq(t, "GetCategorySettings(32).JSON200[0].Restrictions[0].Name", r[0].Name, "min_price")
			eq(t, "GetCategorySettings(32).JSON200[0].Restrictions[0].Value", r[0].Value, "10")
			eq(t, "GetCategorySettings(32).JSON200[0].Restrictions[0].Country", deref(t, "Country", r[0].Country), "DE")
			isNil(t, "GetCategorySettings(32).JSON200[0].Restrictions[1].Country", r[1].Country)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"listAttributeSets": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListAttributeSetsWithResponse(ctx, &gen.ListAttributeSetsParams{AttributeSetIds: []int{5642, 5643}})
		},
		method: http.MethodGet, path: "/v2/attribute-sets",
		query:   url.Values{"attributeSetIds[]": {"5642", "5643"}},
		literal: []string{"attributeSetIds[]=5642&attributeSetIds[]=5643"},
		reply:   reply{status: 200, fixture: xmlCatalog + "attribute_sets.json"},
		check: func(t *testing.T, resp any) {
			s := deref(t, "ListAttributeSets(5642, 5643).JSON200", as[gen.ListAttributeSetsResponse](t, resp).JSON200)
			eq(t, "len(ListAttributeSets(5642, 5643).JSON200)", len(s), 2)
			eq(t, "ListAttributeSets(5642, 5643).JSON200[0].Id", s[0].Id, 5642)
			eq(t, "ListAttributeSets(5642, 5643).JSON200[1].Label", s[1].Label, "Shoes")
			at(t, "ListAttributeSets(5642, 5643).JSON200[1].CreatedAt", s[1].CreatedAt, time.Date(2022, 9, 1, 16, 35, 42, 0, time.UTC))
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			resp, err := e.c.ListAttributeSetsWithResponse(e.ctx, &gen.ListAttributeSetsParams{})
			got := decoded(t, "ListAttributeSets()", succeed(t, "ListAttributeSets()", resp, err).JSON200)
			if !slices.ContainsFunc(got, func(a gen.AttributeSet) bool { return a.Id == s.AttributeSetId }) {
				t.Errorf("ListAttributeSets() = %d sets, want attribute set %d of product set %d among them", len(got), s.AttributeSetId, s.Id)
			}
		},
	},
	"getAttributeSet": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetAttributeSetWithResponse(ctx, 5642)
		},
		method: http.MethodGet, path: "/v2/attribute-sets/5642",
		reply: reply{status: 200, fixture: xmlCatalog + "attribute_set.json"},
		check: func(t *testing.T, resp any) {
			s := deref(t, "GetAttributeSet(5642).JSON200", as[gen.GetAttributeSetResponse](t, resp).JSON200)
			eq(t, "GetAttributeSet(5642).JSON200.Name", s.Name, "beauty")
			at(t, "GetAttributeSet(5642).JSON200.UpdatedAt", s.UpdatedAt, time.Date(2024, 1, 1, 22, 0, 0, 0, time.UTC))
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			id := s.AttributeSetId
			op := fmt.Sprintf("GetAttributeSet(%d)", id)
			resp, err := e.c.GetAttributeSetWithResponse(e.ctx, id)
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); got.Id != id || got.Name == "" {
				t.Errorf("%s = %d %q, want %d with a name", op, got.Id, got.Name, id)
			}
		},
	},
	"listAttributeSetAttributes": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListAttributeSetAttributesWithResponse(ctx, 5642)
		},
		method: http.MethodGet, path: "/v2/attribute-sets/5642/attributes",
		reply: reply{status: 200, fixture: xmlCatalog + "attribute_definitions.json"},
		check: func(t *testing.T, resp any) {
			a := deref(t, "ListAttributeSetAttributes(5642).JSON200", as[gen.ListAttributeSetAttributesResponse](t, resp).JSON200)
			eq(t, "ListAttributeSetAttributes(5642).JSON200[1].IsEditionBySellerBlocked", a[1].IsEditionBySellerBlocked, true)
			eq(t, "ListAttributeSetAttributes(5642).JSON200[1].ExampleValue", deref(t, "ExampleValue", a[1].ExampleValue), "129.90")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			id := s.AttributeSetId
			op := fmt.Sprintf("ListAttributeSetAttributes(%d)", id)
			resp, err := e.c.ListAttributeSetAttributesWithResponse(e.ctx, id)
			wantContainsAll(t, op, definitionIDs(decoded(t, op, succeed(t, op, resp, err).JSON200)), attributeIDs(t, s))
		},
	},
	"listAttributes": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListAttributesWithResponse(ctx, &gen.ListAttributesParams{
				AttributeIds:    []int{421, 533},
				AttributeSetIds: []int{5642},
				OnlyVisible:     ptr(false),
				Limit:           100,
				Offset:          0,
			})
		},
		method: http.MethodGet, path: "/v2/attributes",
		query: url.Values{
			"attributeIds[]":    {"421", "533"},
			"attributeSetIds[]": {"5642"},
			"onlyVisible":       {"false"},
			"limit":             {"100"},
			"offset":            {"0"},
		},
		literal: []string{"attributeIds[]=421&attributeIds[]=533"},
		reply:   reply{status: 200, fixture: xmlCatalog + "attribute_definition_page.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "ListAttributes(421, 533).JSON200", as[gen.ListAttributesResponse](t, resp).JSON200)
			eq(t, "ListAttributes(421, 533).JSON200.Pagination.TotalCount", p.Pagination.TotalCount, 1)
			a := p.Items[0]
			eq(t, "ListAttributes(421, 533).JSON200.Items[0].IsGlobalAttribute", deref(t, "IsGlobalAttribute", a.IsGlobalAttribute), true)
			eq(t, "ListAttributes(421, 533).JSON200.Items[0].InputMode", deref(t, "InputMode", a.InputMode), gen.AttributeDefinitionInputModeDisplay)
			isNil(t, "ListAttributes(421, 533).JSON200.Items[0].AttributeDefinitionType", a.AttributeDefinitionType)
			eq(t, "len(ListAttributes(421, 533).JSON200.Items[0].Options)", len(a.Options), 0)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"getAttribute": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetAttributeWithResponse(ctx, 7865)
		},
		method: http.MethodGet, path: "/v2/attributes/7865",
		reply: reply{status: 200, fixture: xmlCatalog + "attribute_definition.json"},
		check: func(t *testing.T, resp any) {
			a := deref(t, "GetAttribute(7865).JSON200", as[gen.GetAttributeResponse](t, resp).JSON200)
			eq(t, "GetAttribute(7865).JSON200.AttributeType", a.AttributeType, gen.AttributeDefinitionAttributeTypeMultiOption)
			eq(t, "GetAttribute(7865).JSON200.InputMode", deref(t, "InputMode", a.InputMode), gen.AttributeDefinitionInputModeEditOnCreate)
			eq(t, "GetAttribute(7865).JSON200.Options[0].IsDefault", deref(t, "IsDefault", a.Options[0].IsDefault), true)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			id := attributeIDs(t, s)[0]
			op := fmt.Sprintf("GetAttribute(%d)", id)
			resp, err := e.c.GetAttributeWithResponse(e.ctx, id)
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); valueOf(got.Id) != id || got.FeedName == "" || got.AttributeType == "" {
				t.Errorf("%s = %d %q type %v, want %d with a feed name and a type", op, valueOf(got.Id), got.FeedName, got.AttributeType, id)
			}
		},
	},
	"listMappedAttributeOptions": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListMappedAttributeOptionsWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/mapped-attribute-options",
		reply: reply{status: 200, fixture: xmlCatalog + "mapped_attribute_options.json"},
		check: func(t *testing.T, resp any) {
			m := deref(t, "ListMappedAttributeOptions().JSON200", as[gen.ListMappedAttributeOptionsResponse](t, resp).JSON200)
			eq(t, "len(ListMappedAttributeOptions().JSON200)", len(m), 2)
			eq(t, "ListMappedAttributeOptions().JSON200[0].Parent", m[0].Parent, gen.AttributeOptionRef{AttributeId: 70, OptionId: 200})
			eq(t, "ListMappedAttributeOptions().JSON200[1].Child", m[1].Child, gen.AttributeOptionRef{AttributeId: 75, OptionId: 209})
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			resp, err := e.c.ListMappedAttributeOptionsWithResponse(e.ctx)
			got := decoded(t, "ListMappedAttributeOptions()", succeed(t, "ListMappedAttributeOptions()", resp, err).JSON200)
			if len(got) == 0 || slices.ContainsFunc(got, func(m gen.AttributeOptionMapping) bool {
				return m.Parent.AttributeId == 0 || m.Child.AttributeId == 0 || m.Parent.OptionId == 0 || m.Child.OptionId == 0
			}) {
				t.Errorf("ListMappedAttributeOptions() = %+v, want mappings naming attributes and options", got)
			}
		},
	},
	"importNewProducts": importRow("ImportNewProducts", "/v2/import/product-creation", productCreationParts,
		func(ctx context.Context, c *gen.ClientWithResponses, contentType string, body io.Reader) (any, error) {
			return c.ImportNewProductsWithBodyWithResponse(ctx, contentType, body)
		},
		func(t *testing.T, resp any) *gen.ImportAccepted {
			return as[gen.ImportNewProductsResponse](t, resp).JSON201
		}).withMock(mutates,
		func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			sku := valueOf(s.ParentSku) + "-CT-3XL"
			csv := fmt.Sprintf("SellerSku,ParentSku,Variation,Name,Price\n%s,%s,3XL (contract),%s,99.5\n", sku, valueOf(s.ParentSku), s.Name)
			waitClean(t, e, importFile(t, e, sellercenter.ImportNewProducts, "new.csv", []byte(csv)))
			if p := productBySku(t, e.mock, sku); p.ProductSetId != s.Id {
				t.Errorf("mock.ProductBySellerSku(%s) set = %d, want %d", sku, p.ProductSetId, s.Id)
			}
		}),
	"importProductUpdates": importRow("ImportProductUpdates", "/v2/import/product-update", productUpdateParts,
		func(ctx context.Context, c *gen.ClientWithResponses, contentType string, body io.Reader) (any, error) {
			return c.ImportProductUpdatesWithBodyWithResponse(ctx, contentType, body)
		},
		func(t *testing.T, resp any) *gen.ImportAccepted {
			return as[gen.ImportProductUpdatesResponse](t, resp).JSON201
		}).withMock(mutates,
		func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			old := e.activePrice(t, p)
			price := old.Price + 3
			csv := fmt.Sprintf("SellerSku,Country,Price\n%s,%s,%.2f\n", p.SellerSku, old.Country, price)
			waitClean(t, e, importFile(t, e, sellercenter.ImportProductUpdates, "update.csv", []byte(csv)))
			if got, err := e.mock.Price(p.Id, old.Country); err != nil || got.Price != price {
				t.Errorf("mock.Price(%d, %s) after the update import = %v, %v; want %v", p.Id, old.Country, got.Price, err, price)
			}
		}),
	"importProductRemovals": importRow("ImportProductRemovals", "/v2/import/product-removal", productRemovalParts,
		func(ctx context.Context, c *gen.ClientWithResponses, contentType string, body io.Reader) (any, error) {
			return c.ImportProductRemovalsWithBodyWithResponse(ctx, contentType, body)
		},
		func(t *testing.T, resp any) *gen.ImportAccepted {
			return as[gen.ImportProductRemovalsResponse](t, resp).JSON201
		}).withMock(mutates,
		func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			waitClean(t, e, importFile(t, e, sellercenter.ImportProductRemovals, "remove.csv", []byte("SellerSku\n"+p.SellerSku+"\n")))
			if got := productBySku(t, e.mock, p.SellerSku); got.Status != gen.ProductStatusDeleted {
				t.Errorf("mock.ProductBySellerSku(%s) status after the removal import = %s, want deleted", p.SellerSku, got.Status)
			}
		}),
	"importImageUpdates": importRow("ImportImageUpdates", "/v2/import/image-update", imageUpdateParts,
		func(ctx context.Context, c *gen.ClientWithResponses, contentType string, body io.Reader) (any, error) {
			return c.ImportImageUpdatesWithBodyWithResponse(ctx, contentType, body)
		},
		func(t *testing.T, resp any) *gen.ImportAccepted {
			return as[gen.ImportImageUpdatesResponse](t, resp).JSON201
		}).withMock(mutates,
		func(t *testing.T, e operationEnv) {
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
		}),
	"importStockUpdates": importRow("ImportStockUpdates", "/v2/import/stock-update", stockUpdateParts,
		func(ctx context.Context, c *gen.ClientWithResponses, contentType string, body io.Reader) (any, error) {
			return c.ImportStockUpdatesWithBodyWithResponse(ctx, contentType, body)
		},
		func(t *testing.T, resp any) *gen.ImportAccepted {
			return as[gen.ImportStockUpdatesResponse](t, resp).JSON201
		}).withMock(mutates,
		func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			waitClean(t, e, importFile(t, e, sellercenter.ImportStockUpdates, "stock.csv", fmt.Appendf(nil, "SellerSku,Quantity\n%s,17\n", p.SellerSku)))
			if got := e.warehouseStock(t, p.Id, e.defaultWarehouse(t)); got != 17 {
				t.Errorf("GetWarehouseStock(%d, default) after the stock import = %d, want 17", p.Id, got)
			}
		}),
	"importStockUpdatesXml": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			body, err := xmlRequestBody(stockUpdateRequest())
			if err != nil {
				return nil, err
			}
			return c.ImportStockUpdatesXmlWithBodyWithResponse(ctx, "text/xml", body)
		},
		method: http.MethodPost, path: "/v2/import/product-stock-update-xml",
		body:  stockUpdateXML,
		reply: xmlReply(200, "xml_success_stock.xml"),
		check: func(t *testing.T, resp any) {
			r := deref(t, "ImportStockUpdatesXml(AAA3, AAA1).XML200", as[gen.ImportStockUpdatesXmlResponse](t, resp).XML200)
			eq(t, "ImportStockUpdatesXml(AAA3, AAA1).XML200.XMLName.Local", r.XMLName.Local, "SuccessResponse")
			h := deref(t, "Head", r.Head)
			eq(t, "ImportStockUpdatesXml(AAA3, AAA1).XML200.Head.RequestId", deref(t, "RequestId", h.RequestId), "1adf8fc6-a08f-47d5-9613-e2af40243e2f")
			eq(t, "ImportStockUpdatesXml(AAA3, AAA1).XML200.Head.RequestAction", deref(t, "RequestAction", h.RequestAction), "ProductStockUpdate")
			eq(t, "ImportStockUpdatesXml(AAA3, AAA1).XML200.Head.ResponseType", deref(t, "ResponseType", h.ResponseType), "")
			at(t, "ImportStockUpdatesXml(AAA3, AAA1).XML200.Head.Timestamp", deref(t, "Timestamp", h.Timestamp), time.Date(2023, 5, 26, 15, 26, 50, 0, time.UTC))
			isNil(t, "ImportStockUpdatesXml(AAA3, AAA1).XML200.Head.ErrorCode", h.ErrorCode)
			isZero(t, "ImportStockUpdatesXml(AAA3, AAA1).XML200.Body.ErrorDetail", r.Body.ErrorDetail)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			env, err := e.c.ImportXML(e.ctx, &gen.XmlStockUpdateRequest{Product: []gen.XmlStockChange{{SellerSku: p.SellerSku, Quantity: 11}}})
			waitClean(t, e, xmlFeed(t, "ImportXML(stock)", env, err))
			if got := e.warehouseStock(t, p.Id, e.defaultWarehouse(t)); got != 11 {
				t.Errorf("GetWarehouseStock(%d, default) after the XML stock import = %d, want 11", p.Id, got)
			}
		},
	},
	"importNewProductsXml": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			req, err := productCreationRequest()
			if err != nil {
				return nil, err
			}
			body, err := xmlRequestBody(req)
			if err != nil {
				return nil, err
			}
			return c.ImportNewProductsXmlWithBodyWithResponse(ctx, "text/xml", body)
		},
		method: http.MethodPost, path: "/v2/import/product-creation-xml-import",
		body: productCreationXML,
		// The vendor documents the error envelope inside a 200.
		reply: xmlReply(200, "xml_error_create.xml"),
		check: func(t *testing.T, resp any) {
			r := deref(t, "ImportNewProductsXml(4105382173aaee4).XML200", as[gen.ImportNewProductsXmlResponse](t, resp).XML200)
			eq(t, "ImportNewProductsXml(4105382173aaee4).XML200.XMLName.Local", r.XMLName.Local, "ErrorResponse")
			h := deref(t, "Head", r.Head)
			eq(t, "ImportNewProductsXml(4105382173aaee4).XML200.Head.ErrorType", deref(t, "ErrorType", h.ErrorType), "Platform")
			eq(t, "ImportNewProductsXml(4105382173aaee4).XML200.Head.ErrorCode", deref(t, "ErrorCode", h.ErrorCode), 1000)
			eq(t, "ImportNewProductsXml(4105382173aaee4).XML200.Head.ErrorMessage", deref(t, "ErrorMessage", h.ErrorMessage), "Could not save product: An exact match of the document is being processed, check the feed status")
			isNil(t, "ImportNewProductsXml(4105382173aaee4).XML200.Head.RequestId", h.RequestId)
			d := r.Body.ErrorDetail
			eq(t, "len(ImportNewProductsXml(4105382173aaee4).XML200.Body.ErrorDetail)", len(d), 2)
			eq(t, "ImportNewProductsXml(4105382173aaee4).XML200.Body.ErrorDetail[0]", fmt.Sprintf("%q", detailStrings(d[0])), fmt.Sprintf("%q", []string{
				"Price",
				"Field must contain a positive number with a dot as decimal separator and 2 decimals (e.g. 120.00)",
				"10.0x",
				"4105382173aaee4",
			}))
			eq(t, "ImportNewProductsXml(4105382173aaee4).XML200.Body.ErrorDetail[1].SellerSku", deref(t, "SellerSku", d[1].SellerSku), "4105382173aaee5")
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"importProductUpdatesXml": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			body, err := xmlRequestBody(productUpdateRequest())
			if err != nil {
				return nil, err
			}
			return c.ImportProductUpdatesXmlWithBodyWithResponse(ctx, "text/xml", body)
		},
		method: http.MethodPost, path: "/v2/import/product-update-xml-import",
		body:  productUpdateXML,
		reply: xmlReply(200, "xml_success_update.xml"),
		check: func(t *testing.T, resp any) {
			r := deref(t, "ImportProductUpdatesXml(4105382173aaee4).XML200", as[gen.ImportProductUpdatesXmlResponse](t, resp).XML200)
			eq(t, "ImportProductUpdatesXml(4105382173aaee4).XML200.XMLName.Local", r.XMLName.Local, "SuccessResponse")
			h := deref(t, "Head", r.Head)
			eq(t, "ImportProductUpdatesXml(4105382173aaee4).XML200.Head.RequestId", deref(t, "RequestId", h.RequestId), "cb106552-87f3-450b-aa8b-412246a24b34")
			at(t, "ImportProductUpdatesXml(4105382173aaee4).XML200.Head.Timestamp", deref(t, "Timestamp", h.Timestamp), time.Date(2016, 6, 22, 2, 40, 14, 0, time.UTC))
			w := r.Body.WarningDetail
			eq(t, "len(ImportProductUpdatesXml(4105382173aaee4).XML200.Body.WarningDetail)", len(w), 2)
			eq(t, "ImportProductUpdatesXml(4105382173aaee4).XML200.Body.WarningDetail[1].Field", deref(t, "Field", w[1].Field), "ProductGroup")
			eq(t, "ImportProductUpdatesXml(4105382173aaee4).XML200.Body.WarningDetail[1].Value", deref(t, "Value", w[1].Value), "Summer")
			isNil(t, "ImportProductUpdatesXml(4105382173aaee4).XML200.Body.WarningDetail[1].SellerSku", w[1].SellerSku)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			req := &gen.XmlProductUpdateRequest{Product: []gen.XmlProductChange{{SellerSku: p.SellerSku, Quantity: refTo(8)}}}
			env, err := e.c.ImportXML(e.ctx, req)
			waitClean(t, e, xmlFeed(t, "ImportXML(product updates)", env, err))
			if got := e.warehouseStock(t, p.Id, e.defaultWarehouse(t)); got != 8 {
				t.Errorf("GetWarehouseStock(%d, default) after the XML update import = %d, want 8", p.Id, got)
			}
		},
	},
	"listFeeds": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListFeedsWithResponse(ctx, &gen.ListFeedsParams{Limit: 10, Offset: 20})
		},
		method: http.MethodGet, path: "/v2/feeds",
		query: url.Values{"limit": {"10"}, "offset": {"20"}},
		reply: reply{status: 200, fixture: xmlCatalog + "feed_page.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "ListFeeds(limit=10).JSON200", as[gen.ListFeedsResponse](t, resp).JSON200)
			eq(t, "len(ListFeeds(limit=10).JSON200.Items)", len(p.Items), 2)
			f := p.Items[0]
			eq(t, "ListFeeds(limit=10).JSON200.Items[0].Status", f.Status, gen.FeedStateFinished)
			eq(t, "ListFeeds(limit=10).JSON200.Items[0].Action", f.Action, gen.FeedActionProductCreate)
			eq(t, "ListFeeds(limit=10).JSON200.Items[0].FailedRecords", f.FailedRecords, 64)
			eq(t, "ListFeeds(limit=10).JSON200.Items[0].FailureReportExportItemid", deref(t, "FailureReportExportItemid", f.FailureReportExportItemid), 64)
			at(t, "ListFeeds(limit=10).JSON200.Items[0].UpdatedAt", f.UpdatedAt, time.Date(2024, 5, 2, 8, 14, 40, 0, time.UTC))
			q := p.Items[1]
			eq(t, "ListFeeds(limit=10).JSON200.Items[1].Status", q.Status, gen.FeedStateQueued)
			eq(t, "ListFeeds(limit=10).JSON200.Items[1].Action", q.Action, gen.FeedActionProductStockUpdate)
			isNil(t, "ListFeeds(limit=10).JSON200.Items[1].FailureReportExportItemid", q.FailureReportExportItemid)
			at(t, "ListFeeds(limit=10).JSON200.Items[1].CreatedAt", q.CreatedAt, time.Date(2024, 5, 2, 10, 20, 0, 0, time.UTC))
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"countFeeds": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.CountFeedsWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/feeds/count",
		reply: reply{status: 200, fixture: xmlCatalog + "feed_counts.json"},
		check: func(t *testing.T, resp any) {
			n := deref(t, "CountFeeds().JSON200", as[gen.CountFeedsResponse](t, resp).JSON200)
			eq(t, "CountFeeds().JSON200.Total", n.Total, 12)
			eq(t, "CountFeeds().JSON200.Processing", n.Processing, 2)
			eq(t, "CountFeeds().JSON200.Canceled", n.Canceled, 1)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"getFeedStatus": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetFeedStatusWithResponse(ctx, feedUUID)
		},
		method: http.MethodGet, path: "/v2/feed/" + feedUUID + "/status",
		reply: reply{status: 200, fixture: xmlCatalog + "feed_report.json"},
		check: func(t *testing.T, resp any) {
			r := deref(t, "GetFeedStatus(uuid).JSON200", as[gen.GetFeedStatusResponse](t, resp).JSON200)
			eq(t, "GetFeedStatus(uuid).JSON200.Id", r.Id, feedUUID)
			eq(t, "GetFeedStatus(uuid).JSON200.Status", r.Status, gen.FeedStateFinished)
			e := r.Errors
			eq(t, "len(GetFeedStatus(uuid).JSON200.Errors)", len(e), 1)
			eq(t, "GetFeedStatus(uuid).JSON200.Errors[0].SellerSku", e[0].SellerSku, "AAA3")
			eq(t, "GetFeedStatus(uuid).JSON200.Errors[0].ErrorCode", e[0].ErrorCode, 1000)
			eq(t, "GetFeedStatus(uuid).JSON200.Errors[0].FieldName", e[0].FieldName, "Price")
			w := r.Warnings
			eq(t, "GetFeedStatus(uuid).JSON200.Warnings[0].Message", w[0].Message, "Unknown field: Country")
			eq(t, "GetFeedStatus(uuid).JSON200.Warnings[0].SellerSku", w[0].SellerSku, "AAA1")
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"cancelFeed": {
		// Only a feed that is still queued can be canceled, and a zero
		// FeedDelay runs a feed on the next request; the row never waits.
		mock: sellercentertest.Config{FeedDelay: time.Hour},
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.CancelFeedWithResponse(ctx, feedUUID)
		},
		method: http.MethodDelete, path: "/v2/feed/" + feedUUID,
		reply: reply{status: 204},
		check: func(t *testing.T, resp any) {
			r := as[gen.CancelFeedResponse](t, resp)
			eq(t, "CancelFeed(uuid).StatusCode()", r.StatusCode(), 204)
			eq(t, "len(CancelFeed(uuid).Body)", len(r.Body), 0)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"getFeedInputs": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetFeedInputsWithResponse(ctx, &gen.GetFeedInputsParams{
				FeedUuidList: []string{"2283380623-57c9-4163-b062-9f558d1934c2", feedUUID},
			})
		},
		method: http.MethodGet, path: "/v2/feed/raw-input",
		query:   url.Values{"feedUuidList[]": {"2283380623-57c9-4163-b062-9f558d1934c2", feedUUID}},
		literal: []string{"feedUuidList[]=2283380623-57c9-4163-b062-9f558d1934c2&feedUuidList[]=" + feedUUID},
		reply:   reply{status: 200, fixture: xmlCatalog + "feed_inputs.json"},
		check: func(t *testing.T, resp any) {
			in := deref(t, "GetFeedInputs(2 uuids).JSON200", as[gen.GetFeedInputsResponse](t, resp).JSON200)
			eq(t, "len(GetFeedInputs(2 uuids).JSON200)", len(in), 1)
			eq(t, "GetFeedInputs(2 uuids).JSON200[0].FeedUuid", in[0].FeedUuid, "2283380623-57c9-4163-b062-9f558d1934c2")
			eq(t, "GetFeedInputs(2 uuids).JSON200[0].MimeType", in[0].MimeType, "text/html")
			eq(t, "GetFeedInputs(2 uuids).JSON200[0].File", in[0].File, "0eWxlPmJvZHkgeyBmb250LXNpemU6MTBweDsgZm9udC1mYW1pbHk")
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
}

// catalogErrorRows check the typed error bodies that differ from the common
// ones: the legacy XML envelope on an error status, and a feed that is gone.
var catalogErrorRows = []errorRow{
	{
		op:    "importStockUpdatesXml",
		reply: xmlReply(400, "xml_error_empty.xml"),
		check: func(t *testing.T, resp any) {
			r := as[gen.ImportStockUpdatesXmlResponse](t, resp)
			isNil(t, "ImportStockUpdatesXml(AAA3, AAA1).JSON400", r.JSON400)
			e := deref(t, "ImportStockUpdatesXml(AAA3, AAA1).XML400", r.XML400)
			eq(t, "ImportStockUpdatesXml(AAA3, AAA1).XML400.XMLName.Local", e.XMLName.Local, "ErrorResponse")
			h := deref(t, "Head", e.Head)
			eq(t, "ImportStockUpdatesXml(AAA3, AAA1).XML400.Head.ErrorCode", deref(t, "ErrorCode", h.ErrorCode), 30)
			eq(t, "ImportStockUpdatesXml(AAA3, AAA1).XML400.Head.ErrorMessage", deref(t, "ErrorMessage", h.ErrorMessage), "E030: Empty Request")
			eq(t, "ImportStockUpdatesXml(AAA3, AAA1).XML400.Head.ErrorType", deref(t, "ErrorType", h.ErrorType), "Sender")
		},
	},
	{
		op:    "importNewProductsXml",
		reply: reply{status: 500, fixture: "problem_not_found.json"},
		check: func(t *testing.T, resp any) {
			r := as[gen.ImportNewProductsXmlResponse](t, resp)
			isNil(t, "ImportNewProductsXml(4105382173aaee4).XML500", r.XML500)
			p := deref(t, "ImportNewProductsXml(4105382173aaee4).JSON500", r.JSON500)
			eq(t, "ImportNewProductsXml(4105382173aaee4).JSON500.Title", p.Title, "Not Found")
		},
	},
	{
		op:    "getFeedStatus",
		reply: reply{status: 404, fixture: "problem_not_found.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "GetFeedStatus(uuid).JSON404", as[gen.GetFeedStatusResponse](t, resp).JSON404)
			eq(t, "GetFeedStatus(uuid).JSON404.Status", p.Status, int32(404))
		},
	},
}

// importRow is the row of a CSV or XLSX import: the file goes up as the
// file1 part and the answer names the feed to follow.
func importRow(name, path string, parts []part,
	send func(ctx context.Context, c *gen.ClientWithResponses, contentType string, body io.Reader) (any, error),
	accepted func(t *testing.T, resp any) *gen.ImportAccepted,
) row {
	return row{
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			body, contentType, err := multipartBody(parts)
			if err != nil {
				return nil, err
			}
			return send(ctx, c, contentType, body)
		},
		method: http.MethodPost, path: path,
		parts: parts,
		reply: reply{status: 201, fixture: xmlCatalog + "import_accepted.json"},
		check: func(t *testing.T, resp any) {
			call := name + "(" + parts[0].filename + ")"
			a := deref(t, call+".JSON201", accepted(t, resp))
			eq(t, call+".JSON201.Success", a.Success, true)
			eq(t, call+".JSON201.FeedId", a.FeedId, 7)
			eq(t, call+".JSON201.FeedUuid", a.FeedUuid, feedUUID)
			eq(t, call+".JSON201.ErrorMessages", len(a.ErrorMessages), 0)
			eq(t, call+".JSON201.WarningMessages[0]", a.WarningMessages[0], "Column 'Color' is unknown and was ignored")
		},
	}
}

func detailStrings(d gen.XmlDetail) []string {
	s := func(p *string) string {
		if p == nil {
			return "<nil>"
		}
		return *p
	}
	return []string{s(d.Field), s(d.Message), s(d.Value), s(d.SellerSku)}
}

// TestXMLRequestBodies checks that each typed XML request marshals to the
// vendor's example document and that the example decodes back without losing
// an element, so callers can build the body with xml.Marshal.
func TestXMLRequestBodies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		typed func(t *testing.T) any
		empty func() any
		doc   string
	}{
		{"XmlStockUpdateRequest", func(*testing.T) any { return stockUpdateRequest() }, func() any { return new(gen.XmlStockUpdateRequest) }, stockUpdateXML},
		{"XmlProductCreateRequest", func(t *testing.T) any {
			r, err := productCreationRequest()
			if err != nil {
				t.Fatalf("productCreationRequest() = %v, want nil", err)
			}
			return r
		}, func() any { return new(gen.XmlProductCreateRequest) }, productCreationXML},
		{"XmlProductUpdateRequest", func(*testing.T) any { return productUpdateRequest() }, func() any { return new(gen.XmlProductUpdateRequest) }, productUpdateXML},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := xml.Marshal(tt.typed(t))
			if err != nil {
				t.Fatalf("xml.Marshal(%s) = %v, want nil", tt.name, err)
			}
			if diffs := xmlDiff([]byte(tt.doc), got); len(diffs) > 0 {
				t.Errorf("xml.Marshal(%s) = %s, want the vendor's document; differs at:\n\t%s", tt.name, got, strings.Join(diffs, "\n\t"))
			}
			v := tt.empty()
			if err := xml.Unmarshal([]byte(tt.doc), v); err != nil {
				t.Fatalf("xml.Unmarshal(vendor document, %T) = %v, want nil", v, err)
			}
			again, err := xml.Marshal(v)
			if err != nil {
				t.Fatalf("xml.Marshal(%T from the vendor document) = %v, want nil", v, err)
			}
			if diffs := xmlDiff([]byte(tt.doc), again); len(diffs) > 0 {
				t.Errorf("vendor document through %T and back = %s; differs at:\n\t%s", v, again, strings.Join(diffs, "\n\t"))
			}
		})
	}
}

// TestXMLRequestRoot checks that a request root other than <Request> is
// refused when decoding, so a mock reading these types rejects it.
func TestXMLRequestRoot(t *testing.T) {
	t.Parallel()
	var r gen.XmlStockUpdateRequest
	err := xml.Unmarshal([]byte(`<Products><Product><SellerSku>A</SellerSku><Quantity>1</Quantity></Product></Products>`), &r)
	var ue xml.UnmarshalError
	if !errors.As(err, &ue) {
		t.Errorf("xml.Unmarshal(<Products>, XmlStockUpdateRequest) = %v, want an xml.UnmarshalError for the wrong root", err)
	}
}

// TestXMLResponsesLoseNoElement decodes every XML fixture into XmlResponse and
// encodes it again: encoding/xml silently drops elements that match no field,
// so a renamed or missing field shows as a difference here.
func TestXMLResponsesLoseNoElement(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join(fixtureDir, "catalog", "*.xml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("Glob(testdata/api/catalog/*.xml) = %d files, %v; want XML fixtures", len(files), err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var r gen.XmlResponse
			if err := xml.Unmarshal(data, &r); err != nil {
				t.Fatalf("xml.Unmarshal(%s, XmlResponse) = %v, want nil", f, err)
			}
			again, err := xml.Marshal(r)
			if err != nil {
				t.Fatalf("xml.Marshal(XmlResponse from %s) = %v, want nil", f, err)
			}
			if diffs := xmlDiff(data, again); len(diffs) > 0 {
				t.Errorf("%s through XmlResponse and back = %s; differs at:\n\t%s", f, again, strings.Join(diffs, "\n\t"))
			}
		})
	}
}

// xmlDiff compares two XML documents element by element, ignoring the
// declaration, comments and whitespace between elements, and lists where got
// differs from want. CDATA and escaped text compare equal.
func xmlDiff(want, got []byte) []string {
	w, err := xmlTokens(want)
	if err != nil {
		return []string{fmt.Sprintf("want is not XML: %v", err)}
	}
	g, err := xmlTokens(got)
	if err != nil {
		return []string{fmt.Sprintf("got is not XML: %v", err)}
	}
	var out []string
	for i := range max(len(w), len(g)) {
		switch {
		case i >= len(w):
			out = append(out, fmt.Sprintf("extra %s", g[i]))
		case i >= len(g):
			out = append(out, fmt.Sprintf("missing %s", w[i]))
		case w[i] != g[i]:
			out = append(out, fmt.Sprintf("%s, want %s", g[i], w[i]))
		}
		if len(out) >= 5 {
			return append(out, "...")
		}
	}
	return out
}

// xmlTokens lists a document as path-qualified tokens, such as
// "/Request/Product/SellerSku = AAA3".
func xmlTokens(doc []byte) ([]string, error) {
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var path []string
	var out []string
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			path = append(path, tok.Name.Local)
			out = append(out, "<"+strings.Join(path, "/")+">")
			text.Reset()
		case xml.CharData:
			text.Write(tok)
		case xml.EndElement:
			if s := strings.TrimSpace(text.String()); s != "" {
				out = append(out, "/"+strings.Join(path, "/")+" = "+s)
			}
			text.Reset()
			path = path[:len(path)-1]
		}
	}
}
