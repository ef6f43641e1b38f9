package sellercenter_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	openapitypes "github.com/oapi-codegen/runtime/types"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
)

// The rows below cover the product side of the catalog: product sets,
// products, images, prices, stock, warehouses, content scores and tags. Their
// fixtures live in testdata/api/catalog and follow the vendor's examples,
// including the members the vendor sends as null.

var (
	plus8 = time.FixedZone("+08:00", 8*60*60)

	// productImageParts upload a JPEG as the part file1, the name the API
	// requires, with the optional position and overwrite fields.
	productImageParts = []part{
		{name: "file1", filename: "front.jpg", contentType: "image/jpeg", content: "\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"},
		{name: "position", content: "2"},
		{name: "overwrite", content: "true"},
	}
	// productImageReplacementParts replace the file of an image and move it.
	productImageReplacementParts = []part{
		{name: "file1", filename: "back.png", contentType: "image/png", content: "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
		{name: "position", content: "1"},
	}

	// vendorAttributes is the attribute map of the vendor's product set
	// examples: one value of every shape the API takes, and a null.
	vendorAttributes = map[string]any{
		"421": "string value",
		"533": []int{4, 5},
		"567": 123,
		"721": []string{"string1", "string2"},
		"854": nil,
	}
	vendorAttributesJSON = `{"421":"string value","533":[4,5],"567":123,"721":["string1","string2"],"854":null}`
)

// productRows are the rows of product sets, products, images, prices,
// stock, warehouses, content scores and tags.
var productRows = map[string]row{
	"listProductSets": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListProductSetsWithResponse(ctx, &gen.ListProductSetsParams{
				Limit:           100,
				Offset:          0,
				Status:          gen.ProductSetSectionActive,
				Keyword:         "Block",
				CreateDateStart: datetime.Date(2021, 1, 20),
				CreateDateEnd:   datetime.Date(2021, 2, 14),
				UpdateDateStart: datetime.Date(2024, 3, 1),
				UpdateDateEnd:   datetime.New(time.Date(2024, 3, 31, 23, 59, 59, 0, plus8)),
				BrandIds:        []int{78, 12},
				Tags:            []string{"5", "Fresh products"},
				Visibility:      gen.ProductSetVisibilityStateSyncing,
				InStock:         ptr(true),
				Reserved:        ptr(false),
				CategoryIds:     []int{309},
				OnlyWithTags:    ptr(true),
				ParentSku:       "NHGB93523-12",
				ProductSetUuids: []string{"5b29bccc-d8bb-4a5c-85f6-1109d12d8233"},
				ProductSetIds:   []int{7865, 7866},
				Group:           "Super products",
				OrderBy:         gen.ListProductSetsParamsOrderByCreatedAt,
				OrderDirection:  gen.ProductSetSortDirectionDESC,
			})
		},
		method: http.MethodGet, path: "/v2/product-sets",
		query: url.Values{
			"limit":             {"100"},
			"offset":            {"0"},
			"status":            {"active"},
			"keyword":           {"Block"},
			"createDateStart":   {"2021-01-20"},
			"createDateEnd":     {"2021-02-14"},
			"updateDateStart":   {"2024-03-01"},
			"updateDateEnd":     {"2024-03-31T23:59:59+08:00"},
			"brandIds[]":        {"78", "12"},
			"tags[]":            {"5", "Fresh products"},
			"visibility":        {"Syncing"},
			"inStock":           {"true"},
			"reserved":          {"false"},
			"categoryIds[]":     {"309"},
			"onlyWithTags":      {"true"},
			"parentSku":         {"NHGB93523-12"},
			"productSetUuids[]": {"5b29bccc-d8bb-4a5c-85f6-1109d12d8233"},
			"productSetIds[]":   {"7865", "7866"},
			"group":             {"Super products"},
			"orderBy":           {"createdAt"},
			"orderDirection":    {"DESC"},
		},
		literal: []string{"brandIds[]=78&brandIds[]=12", "productSetIds[]=7865&productSetIds[]=7866"},
		reply:   reply{status: 200, fixture: "catalog/product_set_page.json"},
		check: func(t *testing.T, resp any) {
			const call = "ListProductSets(limit=100)"
			p := deref(t, call+".JSON200", as[gen.ListProductSetsResponse](t, resp).JSON200)
			eq(t, "len("+call+".JSON200.Items)", len(p.Items), 2)
			eq(t, call+".JSON200.Pagination.TotalCount", p.Pagination.TotalCount, 2)
			first, second := p.Items[0], p.Items[1]
			eq(t, call+".JSON200.Items[0].Id", first.Id, 7865)
			eq(t, call+".JSON200.Items[0].Sin", deref(t, "Sin", first.Sin), "KMPWJ5")
			eq(t, call+".JSON200.Items[0].Status", first.Status, gen.ProductStatusActive)
			checkVendorAttributes(t, call+".JSON200.Items[0].Attributes", first.Attributes)
			isNil(t, call+".JSON200.Items[1].SrcId", second.SrcId)
			isNil(t, call+".JSON200.Items[1].ParentSku", second.ParentSku)
			isNil(t, call+".JSON200.Items[1].SizeSystem", second.SizeSystem)
			eq(t, call+".JSON200.Items[1].Status", second.Status, gen.ProductStatusInactive)
			eq(t, "len("+call+".JSON200.Items[1].Attributes)", len(second.Attributes), 0)
			at(t, call+".JSON200.Items[1].CreatedAt", second.CreatedAt, time.Date(2024, 1, 15, 9, 12, 0, 0, time.UTC))
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"createProductSet": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			attrs, err := productSetAttributes(vendorAttributes)
			if err != nil {
				return nil, err
			}
			return c.CreateProductSetWithResponse(ctx, gen.ProductSetCreate{
				Name:              "Block Shell Jacket",
				Price:             100.1,
				Status:            gen.ProductSetCreateStatusActive,
				SellerSku:         "68040427550-1",
				ParentSku:         "68040427550",
				Description:       "Experience the ultimate expression of functionality at BrandName with the Women's Block Shell Jacket.",
				BrandId:           78,
				PrimaryCategoryId: 309,
				Categories:        []int{421, 567},
				Attributes:        attrs,
				SizeSystem:        ptr(5),
				BrowseNodes:       []int{421, 567},
				Variation:         ptr("Talle único"),
				ShipmentTypeId:    ptr(1),
				ProductIdentifier: ptr("46023216444"),
			})
		},
		method: http.MethodPost, path: "/v2/product-set",
		body: `{"name":"Block Shell Jacket","price":100.1,"status":"active","sellerSku":"68040427550-1","parentSku":"68040427550",
			"description":"Experience the ultimate expression of functionality at BrandName with the Women's Block Shell Jacket.",
			"brandId":78,"primaryCategoryId":309,"categories":[421,567],"attributes":` + vendorAttributesJSON + `,
			"sizeSystem":5,"browseNodes":[421,567],"variation":"Talle único","shipmentTypeId":1,"productIdentifier":"46023216444"}`,
		reply: reply{status: 201, fixture: "catalog/product_set.json"},
		check: func(t *testing.T, resp any) {
			const call = "CreateProductSet(Block Shell Jacket)"
			s := deref(t, call+".JSON201", as[gen.CreateProductSetResponse](t, resp).JSON201)
			eq(t, call+".JSON201.Id", s.Id, 7865)
			eq(t, call+".JSON201.SellerSku", s.SellerSku, "68040427550-1")
			eq(t, call+".JSON201.Status", s.Status, gen.ProductStatusActive)
			isNil(t, call+".JSON201.SrcId", s.SrcId)
			isNil(t, call+".JSON201.Sin", s.Sin)
			checkVendorAttributes(t, call+".JSON201.Attributes", s.Attributes)
			at(t, call+".JSON201.CreatedAt", s.CreatedAt, time.Date(2021, 9, 22, 21, 21, 42, 0, time.UTC))
			at(t, call+".JSON201.UpdatedAt", s.UpdatedAt, time.Date(2022, 9, 1, 16, 35, 42, 0, time.UTC))
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"getProductSetSamplePayload": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetProductSetSamplePayloadWithResponse(ctx, 2369, &gen.GetProductSetSamplePayloadParams{ShowFull: ptr(1), HideComments: ptr(0)})
		},
		method: http.MethodGet, path: "/v2/product-sets/sample-payload/2369",
		query: url.Values{"showFull": {"1"}, "hideComments": {"0"}},
		reply: reply{status: 200, fixture: "catalog/product_set_sample.json"},
		check: func(t *testing.T, resp any) {
			const call = "GetProductSetSamplePayload(2369)"
			s := deref(t, call+".JSON200", as[gen.GetProductSetSamplePayloadResponse](t, resp).JSON200)
			eq(t, call+".JSON200.PrimaryCategoryId", deref(t, "PrimaryCategoryId", s.PrimaryCategoryId), 2369)
			eq(t, call+".JSON200.Price", deref(t, "Price", s.Price), 1.99)
			eq(t, call+".JSON200.CommentName", deref(t, "CommentName", s.CommentName), "Some descriptive product name")
			isNil(t, call+".JSON200.CommentVariation", s.CommentVariation)
			attrs := s.Attributes
			eq(t, call+`.JSON200.Attributes["74"]`, attributeOption(t, call+`.JSON200.Attributes["74"]`, attrs["74"]), 307)
			eq(t, call+`.JSON200.Attributes["__comment_74"]`, attributeText(t, call+`.JSON200.Attributes["__comment_74"]`, attrs["__comment_74"]), "Id of attribute (PackageType) with id of attribute option (eg Parcel)")
			eq(t, call+`.JSON200.AdditionalProperties["__comment_categories"]`, s.AdditionalProperties["__comment_categories"], any("Ids of further categories"))
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			cat := s.PrimaryCategoryId
			op := fmt.Sprintf("GetProductSetSamplePayload(%d, full)", cat)
			resp, err := e.c.GetProductSetSamplePayloadWithResponse(e.ctx, cat, &gen.GetProductSetSamplePayloadParams{ShowFull: refTo(1)})
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			if valueOf(got.PrimaryCategoryId) != cat || len(got.Attributes) == 0 || valueOf(got.BrandId) == 0 {
				t.Errorf("%s = category %d, %d attributes, brand %d; want category %d with attributes and a brand", op, valueOf(got.PrimaryCategoryId), len(got.Attributes), valueOf(got.BrandId), cat)
			}
		},
	},
	"getProductSet": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetProductSetWithResponse(ctx, 7865)
		},
		method: http.MethodGet, path: "/v2/product-set/7865",
		reply: reply{status: 200, fixture: "catalog/product_set.json"},
		check: func(t *testing.T, resp any) {
			const call = "GetProductSet(7865)"
			s := deref(t, call+".JSON200", as[gen.GetProductSetResponse](t, resp).JSON200)
			eq(t, call+".JSON200.Uuid", s.Uuid, "5b29bccc-d8bb-4a5c-85f6-1109d12d8233")
			eq(t, call+".JSON200.AttributeSetId", s.AttributeSetId, 2)
			eq(t, call+".JSON200.SizeSystem", deref(t, "SizeSystem", s.SizeSystem), 5)
			if got := s.Categories; !slices.Equal(got, []int{421, 567}) {
				t.Errorf("%s.JSON200.Categories = %v, want [421 567]", call, got)
			}
			checkVendorAttributes(t, call+".JSON200.Attributes", s.Attributes)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			id := s.Id
			op := fmt.Sprintf("GetProductSet(%d)", id)
			resp, err := e.c.GetProductSetWithResponse(e.ctx, id)
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			want, err := e.mock.ProductSet(id)
			if err != nil || got.Id != id || valueOf(got.ParentSku) != valueOf(want.ParentSku) || len(got.Attributes) != len(want.Attributes) {
				t.Errorf("%s = id %d, parent %q, %d attributes; want mock.ProductSet's %q with %d (%v)", op, got.Id, valueOf(got.ParentSku), len(got.Attributes), valueOf(want.ParentSku), len(want.Attributes), err)
			}
		},
	},
	"updateProductSet": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			attrs, err := productSetAttributes(map[string]any{"421": "new value", "533": []int{4}, "854": nil})
			if err != nil {
				return nil, err
			}
			return c.UpdateProductSetWithResponse(ctx, 7865, gen.ProductSetUpdate{
				Name:              ptr("Block Shell Jacket"),
				Description:       ptr("Now with taped seams."),
				BrandId:           ptr(78),
				PrimaryCategoryId: ptr(309),
				Categories:        []int{421},
				Attributes:        attrs,
				BrowseNodes:       []int{},
			})
		},
		method: http.MethodPut, path: "/v2/product-set/7865",
		body: `{"name":"Block Shell Jacket","description":"Now with taped seams.","brandId":78,"primaryCategoryId":309,
			"categories":[421],"attributes":{"421":"new value","533":[4],"854":null},"browseNodes":[]}`,
		reply: reply{status: 200, fixture: "catalog/product_set_read.json"},
		check: func(t *testing.T, resp any) {
			const call = "UpdateProductSet(7865)"
			s := deref(t, call+".JSON200", as[gen.UpdateProductSetResponse](t, resp).JSON200)
			eq(t, call+".JSON200.SrcId", deref(t, "SrcId", s.SrcId), "94345")
			isNil(t, call+".JSON200.Description", s.Description)
			isNil(t, call+".JSON200.SizeSystem", s.SizeSystem)
			isZero(t, call+".JSON200.SellerSku", s.SellerSku)
			isZero(t, call+".JSON200.Status", s.Status)
			eq(t, "len("+call+".JSON200.BrowseNodes)", len(s.BrowseNodes), 0)
			at(t, call+".JSON200.UpdatedAt", s.UpdatedAt, time.Date(2024, 3, 2, 8, 15, 0, 123456000, time.UTC))
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"getProductSetByParentSku": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetProductSetByParentSkuWithResponse(ctx, "NHGB 93523/12")
		},
		method: http.MethodGet, path: "/v2/product-set/parent-sku/NHGB%2093523%2F12",
		reply: reply{status: 200, fixture: "catalog/product_set_read.json"},
		check: func(t *testing.T, resp any) {
			const call = "GetProductSetByParentSku(NHGB 93523/12)"
			s := deref(t, call+".JSON200", as[gen.GetProductSetByParentSkuResponse](t, resp).JSON200)
			eq(t, call+".JSON200.ParentSku", deref(t, "ParentSku", s.ParentSku), "NHGB93523-12")
			checkVendorAttributes(t, call+".JSON200.Attributes", s.Attributes)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			op := fmt.Sprintf("GetProductSetByParentSku(%s)", valueOf(s.ParentSku))
			resp, err := e.c.GetProductSetByParentSkuWithResponse(e.ctx, valueOf(s.ParentSku))
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); got.Id != s.Id {
				t.Errorf("%s = set %d, want %d", op, got.Id, s.Id)
			}
		},
	},
	"getProductSetByConfigSku": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetProductSetByConfigSkuWithResponse(ctx, "NI464AKLCEZ")
		},
		method: http.MethodGet, path: "/v2/product-set/config-sku/NI464AKLCEZ",
		reply: reply{status: 200, fixture: "catalog/product_set_read.json"},
		check: func(t *testing.T, resp any) {
			const call = "GetProductSetByConfigSku(NI464AKLCEZ)"
			s := deref(t, call+".JSON200", as[gen.GetProductSetByConfigSkuResponse](t, resp).JSON200)
			eq(t, call+".JSON200.Id", s.Id, 7865)
			eq(t, call+".JSON200.BrandId", s.BrandId, 78)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"countProductSetsByAttributeSet": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.CountProductSetsByAttributeSetWithResponse(ctx, &gen.CountProductSetsByAttributeSetParams{
				Limit:      100,
				Offset:     0,
				Status:     gen.ProductSetSectionSoldOut,
				Keyword:    "Jacket",
				BrandIds:   []int{78},
				Visibility: gen.ProductSetVisibilityStateSyncing,
				Reserved:   ptr(true),
				Group:      "Super products",
			})
		},
		method: http.MethodGet, path: "/v2/product-set/count-by-attribute-set",
		query: url.Values{
			"limit":      {"100"},
			"offset":     {"0"},
			"status":     {"sold-out"},
			"keyword":    {"Jacket"},
			"brandIds[]": {"78"},
			"visibility": {"Syncing"},
			"reserved":   {"true"},
			"group":      {"Super products"},
		},
		reply: reply{status: 200, fixture: "catalog/product_set_counts.json"},
		check: func(t *testing.T, resp any) {
			const call = "CountProductSetsByAttributeSet(sold-out)"
			counts := deref(t, call+".JSON200", as[gen.CountProductSetsByAttributeSetResponse](t, resp).JSON200)
			eq(t, "len("+call+".JSON200)", len(counts), 2)
			eq(t, call+".JSON200[0].AttributeSetId", counts[0].AttributeSetId, 309)
			eq(t, call+".JSON200[0].Count", counts[0].Count, 43)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"listProductSetVisibility": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListProductSetVisibilityWithResponse(ctx, &gen.ListProductSetVisibilityParams{ProductSetIds: []int{3872, 549}})
		},
		method: http.MethodGet, path: "/v2/product-sets/visibility-rules",
		query:   url.Values{"productSetIds[]": {"3872", "549"}},
		literal: []string{"productSetIds[]=3872&productSetIds[]=549"},
		reply:   reply{status: 200, fixture: "catalog/product_set_visibility.json"},
		check: func(t *testing.T, resp any) {
			const call = "ListProductSetVisibility(3872, 549)"
			v := deref(t, call+".JSON200", as[gen.ListProductSetVisibilityResponse](t, resp).JSON200)
			eq(t, "len("+call+".JSON200)", len(v), 2)
			eq(t, call+".JSON200[0].QualityControlStatus", v[0].QualityControlStatus, gen.ProductSetVisibilityQualityControlStatusAccepted)
			eq(t, call+".JSON200[0].IsLatestVersionUploaded", v[0].IsLatestVersionUploaded, false)
			eq(t, call+".JSON200[1].HasImages", v[1].HasImages, false)
			eq(t, call+".JSON200[1].LatestVersionUploadedMessage", v[1].LatestVersionUploadedMessage, "Uploaded to shop")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"reuploadProductSet": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ReuploadProductSetWithResponse(ctx, 7865)
		},
		method: http.MethodPost, path: "/v2/reupload-to-shop/7865",
		reply: reply{status: 200, fixture: "catalog/product_set_reupload.json"},
		check: func(t *testing.T, resp any) {
			r := deref(t, "ReuploadProductSet(7865).JSON200", as[gen.ReuploadProductSetResponse](t, resp).JSON200)
			eq(t, "ReuploadProductSet(7865).JSON200.Success", r.Success, true)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"listProductSetUploadStatuses": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListProductSetUploadStatusesWithResponse(ctx, &gen.ListProductSetUploadStatusesParams{ProductSetIds: []int{3872, 549}})
		},
		method: http.MethodGet, path: "/v2/last-version-uploaded",
		query: url.Values{"productSetIds[]": {"3872", "549"}},
		reply: reply{status: 200, fixture: "catalog/product_set_upload_statuses.json"},
		check: func(t *testing.T, resp any) {
			const call = "ListProductSetUploadStatuses(3872, 549)"
			s := deref(t, call+".JSON200", as[gen.ListProductSetUploadStatusesResponse](t, resp).JSON200)
			eq(t, "len("+call+".JSON200)", len(s), 2)
			live, ok := s[0]["3872"]
			if !ok {
				t.Fatalf(`%s.JSON200[0] = %v, want an entry keyed "3872"`, call, s[0])
			}
			eq(t, call+`.JSON200[0]["3872"].Message`, live.Message, "Uploaded to shop")
			eq(t, call+`.JSON200[0]["3872"].DirtStatus`, live.DirtStatus, false)
			vendor, ok := s[1]["productSetId"]
			if !ok {
				t.Fatalf(`%s.JSON200[1] = %v, want the vendor's entry keyed "productSetId"`, call, s[1])
			}
			eq(t, call+`.JSON200[1]["productSetId"].SyncClass`, vendor.SyncClass, "iconset-hidden")
			eq(t, call+`.JSON200[1]["productSetId"].DirtStatus`, vendor.DirtStatus, true)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"listProductGroups": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListProductGroupsWithResponse(ctx, &gen.ListProductGroupsParams{BrandId: 78, Name: "Su"})
		},
		method: http.MethodGet, path: "/v2/groups",
		query: url.Values{"brandId": {"78"}, "name": {"Su"}},
		reply: reply{status: 200, fixture: "catalog/product_groups.json"},
		check: func(t *testing.T, resp any) {
			const call = "ListProductGroups(brand 78)"
			p := deref(t, call+".JSON200", as[gen.ListProductGroupsResponse](t, resp).JSON200)
			eq(t, "len("+call+".JSON200.Items)", len(p.Items), 2)
			eq(t, call+".JSON200.Items[1].Name", p.Items[1].Name, "Summer 2024")
			eq(t, call+".JSON200.Pagination.Limit", p.Pagination.Limit, 20)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"getProductSetGroup": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetProductSetGroupWithResponse(ctx, 7865)
		},
		method: http.MethodGet, path: "/v2/product-set/7865/group",
		reply: reply{status: 200, fixture: "catalog/product_group.json"},
		check: func(t *testing.T, resp any) {
			g := deref(t, "GetProductSetGroup(7865).JSON200", as[gen.GetProductSetGroupResponse](t, resp).JSON200)
			eq(t, "GetProductSetGroup(7865).JSON200.Name", g.Name, "group_name")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			s, name := e.groupedSet(t)
			op := fmt.Sprintf("GetProductSetGroup(%d)", s.Id)
			resp, err := e.c.GetProductSetGroupWithResponse(e.ctx, s.Id)
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); got.Name != name {
				t.Errorf("%s = %q, want %q", op, got.Name, name)
			}
		},
	},
	"setProductSetGroup": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.SetProductSetGroupWithResponse(ctx, 7865, gen.ProductGroup{Name: "group_name"})
		},
		method: http.MethodPost, path: "/v2/product-set/7865/group",
		body:  `{"name":"group_name"}`,
		reply: reply{status: 201, fixture: "catalog/product_group.json"},
		check: func(t *testing.T, resp any) {
			g := deref(t, "SetProductSetGroup(7865, group_name).JSON201", as[gen.SetProductSetGroupResponse](t, resp).JSON201)
			eq(t, "SetProductSetGroup(7865, group_name).JSON201.Name", g.Name, "group_name")
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"removeProductSetGroup": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.RemoveProductSetGroupWithResponse(ctx, 7865)
		},
		method: http.MethodDelete, path: "/v2/product-set/7865/group",
		reply: reply{status: 204},
		check: func(t *testing.T, resp any) {
			r := as[gen.RemoveProductSetGroupResponse](t, resp)
			eq(t, "RemoveProductSetGroup(7865).StatusCode()", r.StatusCode(), 204)
			eq(t, "len(RemoveProductSetGroup(7865).Body)", len(r.Body), 0)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"listProductSetRejections": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListProductSetRejectionsWithResponse(ctx, &gen.ListProductSetRejectionsParams{ProductSetIds: []int{54, 497, 698}})
		},
		method: http.MethodGet, path: "/v2/product-quality-control/rejected",
		query:   url.Values{"productSetIds[]": {"54", "497", "698"}},
		literal: []string{"productSetIds[]=54&productSetIds[]=497&productSetIds[]=698"},
		reply:   reply{status: 200, fixture: "catalog/quality_control_rejections.json"},
		check: func(t *testing.T, resp any) {
			const call = "ListProductSetRejections(54, 497, 698)"
			r := deref(t, call+".JSON200", as[gen.ListProductSetRejectionsResponse](t, resp).JSON200)
			eq(t, "len("+call+".JSON200)", len(r), 2)
			eq(t, call+".JSON200[0].ProductSetId", r[0].ProductSetId, 54)
			if !slices.Equal(r[0].RejectedReasons, []string{"Images missing", "Wrong category"}) {
				t.Errorf("%s.JSON200[0].RejectedReasons = %q, want [Images missing, Wrong category]", call, r[0].RejectedReasons)
			}
			eq(t, call+".JSON200[0].QcComment", r[0].QcComment, "Some field was wrong")
			isZero(t, call+".JSON200[1].QcComment", r[1].QcComment)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"listProductSetQualityControl": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListProductSetQualityControlWithResponse(ctx, &gen.ListProductSetQualityControlParams{ProductSetIds: []int{3872, 549}})
		},
		method: http.MethodGet, path: "/v2/product-set/quality-control-status",
		query: url.Values{"productSetIds[]": {"3872", "549"}},
		reply: reply{status: 200, fixture: "catalog/quality_control_statuses.json"},
		check: func(t *testing.T, resp any) {
			const call = "ListProductSetQualityControl(3872, 549)"
			s := deref(t, call+".JSON200", as[gen.ListProductSetQualityControlResponse](t, resp).JSON200)
			eq(t, "len("+call+".JSON200)", len(s), 2)
			eq(t, call+".JSON200[0].Status", s[0].Status, gen.QualityControlStatePending)
			at(t, call+".JSON200[0].CreatedAt", s[0].CreatedAt, time.Date(2023, 4, 12, 13, 34, 12, 0, time.UTC))
			eq(t, call+".JSON200[1].Status", s[1].Status, gen.QualityControlStateApproved)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"listQualityControlRejectReasons": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListQualityControlRejectReasonsWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/qc-reject-reasons",
		reply: reply{status: 200, fixture: "catalog/quality_control_reject_reasons.json"},
		check: func(t *testing.T, resp any) {
			const call = "ListQualityControlRejectReasons()"
			r := deref(t, call+".JSON200", as[gen.ListQualityControlRejectReasonsResponse](t, resp).JSON200)
			eq(t, "len("+call+".JSON200)", len(r), 2)
			eq(t, call+".JSON200[0].Type", r[0].Type, gen.QualityControlRejectReasonTypeProduct)
			eq(t, call+".JSON200[1].IsSetToNotAuthorized", r[1].IsSetToNotAuthorized, true)
			eq(t, call+".JSON200[1].IsEnabled", r[1].IsEnabled, false)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},

	"listProducts": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListProductsWithResponse(ctx, &gen.ListProductsParams{
				ProductUuids: []string{"060cef12-08ef-4ae6-b15e-79398fedc774"},
				ProductIds:   []int{7865, 7866},
				SellerId:     ptr(252),
				Sku:          "NI464AKLCEZ0",
				Name:         "1600 Slim Brushed Chrome",
				SellerSku:    "shoe-123",
			})
		},
		method: http.MethodGet, path: "/v2/products",
		query: url.Values{
			"productUuids[]": {"060cef12-08ef-4ae6-b15e-79398fedc774"},
			"productIds[]":   {"7865", "7866"},
			"sellerId":       {"252"},
			"sku":            {"NI464AKLCEZ0"},
			"name":           {"1600 Slim Brushed Chrome"},
			"sellerSku":      {"shoe-123"},
		},
		literal: []string{"productIds[]=7865&productIds[]=7866"},
		reply:   reply{status: 200, fixture: "catalog/products.json"},
		check: func(t *testing.T, resp any) {
			const call = "ListProducts(shoe-123)"
			p := deref(t, call+".JSON200", as[gen.ListProductsResponse](t, resp).JSON200)
			eq(t, "len("+call+".JSON200)", len(p), 1)
			eq(t, call+".JSON200[0].Name", p[0].Name, "1600 Slim Brushed Chrome ")
			eq(t, call+".JSON200[0].ApprovalStatus", p[0].ApprovalStatus, gen.ProductApprovalStatusApproved)
			isNil(t, call+".JSON200[0].SrcUpdatedAt", p[0].SrcUpdatedAt)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			op := fmt.Sprintf("ListProducts(sellerSku %s)", p.SellerSku)
			resp, err := e.c.ListProductsWithResponse(e.ctx, &gen.ListProductsParams{SellerSku: p.SellerSku})
			got := decoded(t, op, succeed(t, op, resp, err).JSON200)
			if len(got) != 1 || got[0].Id != p.Id || got[0].Name == "" {
				t.Errorf("%s = %d products, want product %d with its name", op, len(got), p.Id)
			}
		},
	},
	"listProductSetProducts": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListProductSetProductsWithResponse(ctx, 744)
		},
		method: http.MethodGet, path: "/v2/product-set/744/products",
		reply: reply{status: 200, fixture: "catalog/product_set_products.json"},
		check: func(t *testing.T, resp any) {
			const call = "ListProductSetProducts(744)"
			p := deref(t, call+".JSON200", as[gen.ListProductSetProductsResponse](t, resp).JSON200)
			eq(t, "len("+call+".JSON200)", len(p), 2)
			eq(t, call+".JSON200[0].Id", p[0].Id, 7865)
			isZero(t, call+".JSON200[0].Name", p[0].Name)
			at(t, call+".JSON200[0].SrcUpdatedAt", deref(t, "SrcUpdatedAt", p[0].SrcUpdatedAt), time.Date(2022, 9, 1, 16, 35, 42, 0, time.UTC))
			eq(t, call+".JSON200[1].Status", p[1].Status, gen.ProductStatusDeleted)
			isNil(t, call+".JSON200[1].ShopSku", p[1].ShopSku)
			isNil(t, call+".JSON200[1].Variation", p[1].Variation)
			isNil(t, call+".JSON200[1].ProductIdentifier", p[1].ProductIdentifier)
			isNil(t, call+".JSON200[1].UpdatedAt", p[1].UpdatedAt)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"createProduct": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.CreateProductWithResponse(ctx, 744, gen.ProductWrite{
				SellerSku:         ptr("shoe-124"),
				Status:            gen.ProductStatusInactive,
				Variation:         ptr("39"),
				ProductIdentifier: ptr("460232163241"),
				ShipmentTypeId:    ptr(2),
			})
		},
		method: http.MethodPost, path: "/v2/product-set/744/products",
		body:  `{"sellerSku":"shoe-124","status":"inactive","variation":"39","productIdentifier":"460232163241","shipmentTypeId":2}`,
		reply: reply{status: 201, fixture: "catalog/product_new.json"},
		check: func(t *testing.T, resp any) {
			const call = "CreateProduct(744, shoe-124)"
			p := deref(t, call+".JSON201", as[gen.CreateProductResponse](t, resp).JSON201)
			eq(t, call+".JSON201.Id", p.Id, 7866)
			eq(t, call+".JSON201.ApprovalStatus", p.ApprovalStatus, gen.ProductApprovalStatusPending)
			isNil(t, call+".JSON201.ShopSku", p.ShopSku)
			isNil(t, call+".JSON201.DuplicateGroupId", p.DuplicateGroupId)
			isNil(t, call+".JSON201.UpdatedAt", p.UpdatedAt)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			id, sku := s.Id, valueOf(s.ParentSku)+"-CT-XXL"
			op := fmt.Sprintf("CreateProduct(%d, %s)", id, sku)
			resp, err := e.c.CreateProductWithResponse(e.ctx, id, gen.ProductWrite{SellerSku: &sku, Variation: refTo("XXL (contract)")})
			got := decoded(t, op, succeed(t, op, resp, err).JSON201)
			if stored := productBySku(t, e.mock, sku); stored.Id != got.Id || stored.ProductSetId != id {
				t.Errorf("mock.ProductBySellerSku(%s) = product %d of set %d, want %d of set %d", sku, stored.Id, stored.ProductSetId, got.Id, id)
			}
		},
	},
	"getProduct": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetProductWithResponse(ctx, 744, 7865)
		},
		method: http.MethodGet, path: "/v2/product-set/744/products/7865",
		reply: reply{status: 200, fixture: "catalog/product.json"},
		check: func(t *testing.T, resp any) {
			const call = "GetProduct(744, 7865)"
			p := deref(t, call+".JSON200", as[gen.GetProductResponse](t, resp).JSON200)
			eq(t, call+".JSON200.ShopSku", deref(t, "ShopSku", p.ShopSku), "NI464AKLCEZ0")
			eq(t, call+".JSON200.ShipmentTypeId", p.ShipmentTypeId, 1)
			at(t, call+".JSON200.SrcUpdatedAt", deref(t, "SrcUpdatedAt", p.SrcUpdatedAt), time.Date(2023, 5, 26, 15, 26, 50, 0, time.UTC))
			at(t, call+".JSON200.UpdatedAt", deref(t, "UpdatedAt", p.UpdatedAt), time.Date(2024, 1, 1, 22, 0, 0, 0, time.UTC))
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			op := fmt.Sprintf("GetProduct(%d, %d)", p.ProductSetId, p.Id)
			resp, err := e.c.GetProductWithResponse(e.ctx, p.ProductSetId, p.Id)
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); got.Id != p.Id || got.SellerSku != p.SellerSku {
				t.Errorf("%s = %d %q, want %d %q", op, got.Id, got.SellerSku, p.Id, p.SellerSku)
			}
		},
	},
	"updateProduct": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.UpdateProductWithResponse(ctx, 744, 7865, gen.ProductWrite{
				Variation:         ptr("38"),
				ProductIdentifier: ptr("460232163234"),
				Name:              ptr("1600 Slim Brushed Chrome "),
			})
		},
		method: http.MethodPut, path: "/v2/product-set/744/products/7865",
		body:  `{"variation":"38","productIdentifier":"460232163234","name":"1600 Slim Brushed Chrome "}`,
		reply: reply{status: 200, fixture: "catalog/product.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "UpdateProduct(744, 7865).JSON200", as[gen.UpdateProductResponse](t, resp).JSON200)
			eq(t, "UpdateProduct(744, 7865).JSON200.Variation", deref(t, "Variation", p.Variation), "38")
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"setProductStatus": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.SetProductStatusWithResponse(ctx, 744, 7866, &gen.SetProductStatusParams{Status: gen.ProductStatusDeleted})
		},
		method: http.MethodPut, path: "/v2/product-set/744/products/7866/status",
		query: url.Values{"status": {"deleted"}},
		reply: reply{status: 200},
		check: func(t *testing.T, resp any) {
			r := as[gen.SetProductStatusResponse](t, resp)
			eq(t, "SetProductStatus(744, 7866, deleted).StatusCode()", r.StatusCode(), 200)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			op := fmt.Sprintf("SetProductStatus(%d, %d, inactive)", p.ProductSetId, p.Id)
			resp, err := e.c.SetProductStatusWithResponse(e.ctx, p.ProductSetId, p.Id, &gen.SetProductStatusParams{Status: gen.ProductStatusInactive})
			succeed(t, op, resp, err)
			if stored, err := e.mock.Product(p.Id); err != nil || stored.Status != gen.ProductStatusInactive {
				t.Errorf("mock.Product(%d) status = %s, %v; want inactive", p.Id, stored.Status, err)
			}
		},
	},
	"getProductByShopSku": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetProductByShopSkuWithResponse(ctx, "NI464AKLCEZ0")
		},
		method: http.MethodGet, path: "/v2/product/shop-sku/NI464AKLCEZ0",
		reply: reply{status: 200, fixture: "catalog/product.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "GetProductByShopSku(NI464AKLCEZ0).JSON200", as[gen.GetProductByShopSkuResponse](t, resp).JSON200)
			eq(t, "GetProductByShopSku(NI464AKLCEZ0).JSON200.SellerSku", p.SellerSku, "shoe-123")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, func(p gen.Product) bool { return p.ShopSku != nil })
			op := fmt.Sprintf("GetProductByShopSku(%s)", valueOf(p.ShopSku))
			resp, err := e.c.GetProductByShopSkuWithResponse(e.ctx, valueOf(p.ShopSku))
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); got.Id != p.Id {
				t.Errorf("%s = product %d, want %d", op, got.Id, p.Id)
			}
		},
	},
	"getProductBySellerSku": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetProductBySellerSkuWithResponse(ctx, "shoe 123/blue")
		},
		method: http.MethodGet, path: "/v2/product/seller-sku/shoe%20123%2Fblue",
		reply: reply{status: 200, fixture: "catalog/product.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "GetProductBySellerSku(shoe 123/blue).JSON200", as[gen.GetProductBySellerSkuResponse](t, resp).JSON200)
			eq(t, "GetProductBySellerSku(shoe 123/blue).JSON200.ProductSetId", p.ProductSetId, 744)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			p := e.liveProduct(t, sellable)
			op := fmt.Sprintf("GetProductBySellerSku(%s)", p.SellerSku)
			resp, err := e.c.GetProductBySellerSkuWithResponse(e.ctx, p.SellerSku)
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); got.Id != p.Id {
				t.Errorf("%s = product %d, want %d", op, got.Id, p.Id)
			}
		},
	},
	"listProductsBySellerSkus": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListProductsBySellerSkusWithResponse(ctx, &gen.ListProductsBySellerSkusParams{SellerSkus: []string{"shoe-123", "shoe 124&5"}, Limit: 100, Offset: 0})
		},
		method: http.MethodGet, path: "/v2/product/seller-skus",
		query:   url.Values{"sellerSkus[]": {"shoe-123", "shoe 124&5"}, "limit": {"100"}, "offset": {"0"}},
		literal: []string{"sellerSkus[]=shoe-123&sellerSkus[]=shoe"},
		reply:   reply{status: 200, fixture: "catalog/product_page.json"},
		check: func(t *testing.T, resp any) {
			const call = "ListProductsBySellerSkus(shoe-123, shoe 124&5)"
			p := deref(t, call+".JSON200", as[gen.ListProductsBySellerSkusResponse](t, resp).JSON200)
			eq(t, "len("+call+".JSON200.Items)", len(p.Items), 1)
			eq(t, call+".JSON200.Items[0].SellerSku", p.Items[0].SellerSku, "shoe-123")
			eq(t, call+".JSON200.Pagination.TotalCount", p.Pagination.TotalCount, 1)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"searchHybridProducts": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.SearchHybridProductsWithResponse(ctx, &gen.SearchHybridProductsParams{Query: "Nike Shoes"})
		},
		method: http.MethodGet, path: "/v2/product-set/search-hybrid",
		query: url.Values{"query": {"Nike Shoes"}},
		reply: reply{status: 200, fixture: "catalog/hybrid_products.json"},
		check: func(t *testing.T, resp any) {
			const call = "SearchHybridProducts(Nike Shoes)"
			h := deref(t, call+".JSON200", as[gen.SearchHybridProductsResponse](t, resp).JSON200)
			eq(t, "len("+call+".JSON200)", len(h), 2)
			prices := h[0].Prices
			eq(t, call+".JSON200[0].Prices[0].Price", deref(t, "Price", prices[0].Price), 123.56)
			isNil(t, call+".JSON200[0].Prices[1].Price", prices[1].Price)
			images := h[0].Images
			number, err := images[0].Position.AsImagePositionNumber()
			if err != nil || number != 1 {
				t.Errorf("%s.JSON200[0].Images[0].Position.AsImagePositionNumber() = %d, %v; want 1, nil", call, number, err)
			}
			text, err := images[1].Position.AsImagePositionText()
			if err != nil || text != "2" {
				t.Errorf("%s.JSON200[0].Images[1].Position.AsImagePositionText() = %q, %v; want 2, nil", call, text, err)
			}
			// A union keeps the null it decoded, so it is not the zero value;
			// it encodes as null, as an absent one does.
			if b, err := json.Marshal(images[2].Position); err != nil || string(b) != "null" {
				t.Errorf("json.Marshal(%s.JSON200[0].Images[2].Position) = %s, %v; want null, nil", call, b, err)
			}
			isNil(t, call+".JSON200[1].Sku", h[1].Sku)
			isZero(t, call+".JSON200[1].Images", h[1].Images)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"createProductSetBySin": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.CreateProductSetBySinWithResponse(ctx, gen.HybridProductSelection{Sin: "KMPWJ5"})
		},
		method: http.MethodPost, path: "/v2/product-set/products/create-by-sin",
		body:  `{"sin":"KMPWJ5"}`,
		reply: reply{status: 200, fixture: "catalog/product_set_reference.json"},
		check: func(t *testing.T, resp any) {
			r := deref(t, "CreateProductSetBySin(KMPWJ5).JSON200", as[gen.CreateProductSetBySinResponse](t, resp).JSON200)
			eq(t, "CreateProductSetBySin(KMPWJ5).JSON200.ProductSetId", r.ProductSetId, 123456789)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},

	"listProductSetImages": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListProductSetImagesWithResponse(ctx, 744)
		},
		method: http.MethodGet, path: "/v2/product-set/744/images",
		reply: reply{status: 200, fixture: "catalog/product_images.json"},
		check: func(t *testing.T, resp any) {
			const call = "ListProductSetImages(744)"
			im := deref(t, call+".JSON200", as[gen.ListProductSetImagesResponse](t, resp).JSON200)
			eq(t, "len("+call+".JSON200)", len(im), 2)
			eq(t, call+".JSON200[0].Position", im[0].Position, 1)
			eq(t, call+".JSON200[0].SrcId", deref(t, "SrcId", im[0].SrcId), "94345")
			at(t, call+".JSON200[0].UpdatedAt", im[0].UpdatedAt, time.Date(2022, 9, 1, 16, 35, 42, 0, time.UTC))
			isNil(t, call+".JSON200[1].SrcId", im[1].SrcId)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"addProductSetImage": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			body, contentType, err := multipartBody(productImageParts)
			if err != nil {
				return nil, err
			}
			return c.AddProductSetImageWithBodyWithResponse(ctx, 744, contentType, body)
		},
		method: http.MethodPost, path: "/v2/product-set/744/images",
		parts: productImageParts,
		reply: reply{status: 201, fixture: "catalog/product_image.json"},
		check: func(t *testing.T, resp any) {
			const call = "AddProductSetImage(744, front.jpg)"
			im := deref(t, call+".JSON201", as[gen.AddProductSetImageResponse](t, resp).JSON201)
			eq(t, call+".JSON201.Id", im.Id, 7865)
			eq(t, call+".JSON201.Position", im.Position, 2)
			isNil(t, call+".JSON201.SrcId", im.SrcId)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"updateProductSetImage": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.UpdateProductSetImageWithResponse(ctx, 744, 7865, gen.ProductImageUpdate{Position: ptr(1), DisplayUrl: ptr("https://some.domain/path/image.jpg")})
		},
		method: http.MethodPatch, path: "/v2/product-set/744/images/7865",
		body:  `{"position":1,"displayUrl":"https://some.domain/path/image.jpg"}`,
		reply: reply{status: 200, fixture: "catalog/product_image.json"},
		check: func(t *testing.T, resp any) {
			im := deref(t, "UpdateProductSetImage(744, 7865).JSON200", as[gen.UpdateProductSetImageResponse](t, resp).JSON200)
			eq(t, "UpdateProductSetImage(744, 7865).JSON200.DisplayUrl", im.DisplayUrl, "https://some.domain/path/image.jpg")
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"deleteProductSetImage": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.DeleteProductSetImageWithResponse(ctx, 744, 7865)
		},
		method: http.MethodDelete, path: "/v2/product-set/744/images/7865",
		reply: reply{status: 204},
		check: func(t *testing.T, resp any) {
			r := as[gen.DeleteProductSetImageResponse](t, resp)
			eq(t, "DeleteProductSetImage(744, 7865).StatusCode()", r.StatusCode(), 204)
			eq(t, "len(DeleteProductSetImage(744, 7865).Body)", len(r.Body), 0)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"listProductSetCoverImages": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListProductSetCoverImagesWithResponse(ctx, &gen.ListProductSetCoverImagesParams{ProductSetIds: []int{3872, 549}})
		},
		method: http.MethodGet, path: "/v2/product-sets/cover-image",
		query: url.Values{"productSetIds[]": {"3872", "549"}},
		reply: reply{status: 200, fixture: "catalog/product_set_cover_images.json"},
		check: func(t *testing.T, resp any) {
			const call = "ListProductSetCoverImages(3872, 549)"
			c := deref(t, call+".JSON200", as[gen.ListProductSetCoverImagesResponse](t, resp).JSON200)
			eq(t, "len("+call+".JSON200)", len(c), 2)
			eq(t, call+".JSON200[0].ImageUrl", deref(t, "ImageUrl", c[0].ImageUrl), "https://example.com/image-1.jpg")
			isNil(t, call+".JSON200[1].ImageUrl", c[1].ImageUrl)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"listImagesOfProductSets": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListImagesOfProductSetsWithResponse(ctx, &gen.ListImagesOfProductSetsParams{ProductSetIds: []int{3872, 549}})
		},
		method: http.MethodGet, path: "/v2/product-sets/images",
		query: url.Values{"productSetIds[]": {"3872", "549"}},
		reply: reply{status: 200, fixture: "catalog/product_set_images.json"},
		check: func(t *testing.T, resp any) {
			const call = "ListImagesOfProductSets(3872, 549)"
			s := deref(t, call+".JSON200", as[gen.ListImagesOfProductSetsResponse](t, resp).JSON200)
			eq(t, "len("+call+".JSON200)", len(s), 2)
			im := s[0].Images
			eq(t, call+".JSON200[0].Images[0].SrcId", deref(t, "SrcId", im[0].SrcId), "39487664")
			isNil(t, call+".JSON200[0].Images[1].SrcId", im[1].SrcId)
			eq(t, "len("+call+".JSON200[1].Images)", len(s[1].Images), 0)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"listMainImagesBySku": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListMainImagesBySkuWithResponse(ctx, &gen.ListMainImagesBySkuParams{ProductSkus: []string{"TS123456", "3451TL"}})
		},
		method: http.MethodGet, path: "/v2/product-set/images-by-sku",
		query:   url.Values{"productSkus[]": {"TS123456", "3451TL"}},
		literal: []string{"productSkus[]=TS123456&productSkus[]=3451TL"},
		reply:   reply{status: 200, fixture: "catalog/product_main_images.json"},
		check: func(t *testing.T, resp any) {
			const call = "ListMainImagesBySku(TS123456, 3451TL)"
			m := deref(t, call+".JSON200", as[gen.ListMainImagesBySkuResponse](t, resp).JSON200)
			eq(t, "len("+call+".JSON200)", len(m), 2)
			eq(t, call+".JSON200[0].MainImageUrl", deref(t, "MainImageUrl", m[0].MainImageUrl), "https://example.com/image-1.jpg")
			eq(t, call+".JSON200[1].SellerSku", m[1].SellerSku, "3451TL")
			isNil(t, call+".JSON200[1].MainImageUrl", m[1].MainImageUrl)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"exportProductImages": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ExportProductImagesWithResponse(ctx, &gen.ExportProductImagesParams{
				BrandIds:             []int{78},
				CreateDateStart:      datetime.Date(2021, 1, 20),
				CreateDateEnd:        datetime.Date(2021, 2, 14),
				Keyword:              "T_shirt",
				OnlyWithMissingImage: ptr(false),
				OrderDirection:       gen.ProductSetSortDirectionASC,
				Tags:                 []string{"68"},
				UpdateDateStart:      datetime.Date(2024, 1, 1),
				UpdateDateEnd:        datetime.Date(2024, 1, 31),
			})
		},
		method: http.MethodGet, path: "/v2/export-images",
		query: url.Values{
			"brandIds[]":           {"78"},
			"createDateStart":      {"2021-01-20"},
			"createDateEnd":        {"2021-02-14"},
			"keyword":              {"T_shirt"},
			"onlyWithMissingImage": {"false"},
			"orderDirection":       {"ASC"},
			"tags[]":               {"68"},
			"updateDateStart":      {"2024-01-01"},
			"updateDateEnd":        {"2024-01-31"},
		},
		reply: reply{status: 201, fixture: "catalog/product_image_export.json"},
		check: func(t *testing.T, resp any) {
			const call = "ExportProductImages(brand 78)"
			j := deref(t, call+".JSON201", as[gen.ExportProductImagesResponse](t, resp).JSON201)
			eq(t, call+".JSON201.ExportItemId", j.ExportItemId, 852)
			eq(t, call+".JSON201.Uuid", j.Uuid, "78838546-777e-47c8-ba09-43d49bb9efa5")
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			resp, err := e.c.ExportProductImagesWithResponse(e.ctx, &gen.ExportProductImagesParams{OnlyWithMissingImage: refTo(true)})
			job := decoded(t, "ExportProductImages(missing)", succeed(t, "ExportProductImages(missing)", resp, err).JSON201)
			if job.ExportItemId == 0 || job.Uuid == "" {
				t.Fatalf("ExportProductImages() = %+v, want the export's id and file", job)
			}
			if x, err := e.mock.Export(job.ExportItemId); err != nil || x.Uuid != job.Uuid {
				t.Errorf("mock.Export(%d) = file %q, %v; want %q", job.ExportItemId, x.Uuid, err, job.Uuid)
			}
		},
	},

	"listPrices": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			var u openapitypes.UUID
			if err := u.UnmarshalText([]byte("550e8400-e29b-41d4-a716-446655440000")); err != nil {
				return nil, err
			}
			return c.ListPricesWithResponse(ctx, &gen.ListPricesParams{
				ProductSetIds: []int{3872, 549},
				ProductIds:    []int{1234, 5678},
				ProductUuids:  []openapitypes.UUID{u},
				ProductName:   "Sample Product",
			})
		},
		method: http.MethodGet, path: "/v2/prices",
		query: url.Values{
			"productSetIds[]": {"3872", "549"},
			"productIds[]":    {"1234", "5678"},
			"productUuids[]":  {"550e8400-e29b-41d4-a716-446655440000"},
			"productName":     {"Sample Product"},
		},
		reply: reply{status: 200, fixture: "catalog/product_set_prices.json"},
		check: func(t *testing.T, resp any) {
			const call = "ListPrices(3872, 549)"
			s := deref(t, call+".JSON200", as[gen.ListPricesResponse](t, resp).JSON200)
			eq(t, "len("+call+".JSON200)", len(s), 1)
			items := s[0].Items
			eq(t, call+".JSON200[0].Items[0].ProductId", items[0].ProductId, 3333)
			prices := items[0].Prices
			eq(t, "len("+call+".JSON200[0].Items[0].Prices)", len(prices), 2)
			eq(t, call+".JSON200[0].Items[0].Prices[0].SalePrice", deref(t, "SalePrice", prices[0].SalePrice), 6.0)
			at(t, call+".JSON200[0].Items[0].Prices[0].SaleStartDate", deref(t, "SaleStartDate", prices[0].SaleStartDate), time.Date(2024, 10, 31, 16, 0, 0, 0, time.UTC))
			at(t, call+".JSON200[0].Items[0].Prices[0].SaleEndDate", deref(t, "SaleEndDate", prices[0].SaleEndDate), time.Date(2024, 11, 12, 23, 59, 59, 0, time.UTC))
			eq(t, call+".JSON200[0].Items[0].Prices[1].Status", prices[1].Status, gen.PriceStatusInactive)
			isNil(t, call+".JSON200[0].Items[0].Prices[1].SalePrice", prices[1].SalePrice)
			isNil(t, call+".JSON200[0].Items[0].Prices[1].SaleStartDate", prices[1].SaleStartDate)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"listProductSetPrices": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListProductSetPricesWithResponse(ctx, 672)
		},
		method: http.MethodGet, path: "/v2/product-set/672/prices",
		reply: reply{status: 200, fixture: "catalog/prices.json"},
		check: func(t *testing.T, resp any) {
			const call = "ListProductSetPrices(672)"
			p := deref(t, call+".JSON200", as[gen.ListProductSetPricesResponse](t, resp).JSON200)
			eq(t, "len("+call+".JSON200)", len(p), 2)
			eq(t, call+".JSON200[0].ProductId", p[0].ProductId, 2223)
			eq(t, call+".JSON200[0].Price", p[0].Price, 7.89)
			eq(t, call+".JSON200[1].Status", p[1].Status, gen.PriceStatusInactive)
			isNil(t, call+".JSON200[1].SaleEndDate", p[1].SaleEndDate)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"updateProductSetPrices": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.UpdateProductSetPricesWithResponse(ctx, 672, gen.UpdateProductSetPricesJSONRequestBody{
				{
					ProductId:     2223,
					Country:       "ID",
					Price:         ptr(7.89),
					SalePrice:     ptr(6.0),
					SaleStartDate: ptr(datetime.New(time.Date(2024, 11, 1, 0, 0, 0, 0, plus8))),
					SaleEndDate:   ptr(datetime.New(time.Date(2024, 11, 12, 23, 59, 59, 0, plus8))),
					Status:        gen.PriceStatusActive,
				},
				{ProductId: 2224, Country: "ID", Price: ptr(7.89), Status: gen.PriceStatusInactive},
			})
		},
		method: http.MethodPut, path: "/v2/product-set/672/prices",
		body: `[{"productId":2223,"country":"ID","price":7.89,"salePrice":6,"saleStartDate":"2024-11-01T00:00:00+08:00",
			"saleEndDate":"2024-11-12T23:59:59+08:00","status":"active"},
			{"productId":2224,"country":"ID","price":7.89,"status":"inactive"}]`,
		reply: reply{status: 200, fixture: "catalog/price.json"},
		check: func(t *testing.T, resp any) {
			const call = "UpdateProductSetPrices(672)"
			r := deref(t, call+".JSON200", as[gen.UpdateProductSetPricesResponse](t, resp).JSON200)
			p, err := r.AsPrice()
			if err != nil {
				t.Fatalf("%s.JSON200.AsPrice() = %v, want the vendor's single price", call, err)
			}
			eq(t, call+".JSON200.AsPrice().ProductId", p.ProductId, 2223)
			eq(t, call+".JSON200.AsPrice().Country", p.Country, "ID")
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
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
			applied, err := sellercenter.Prices(result)
			if err != nil || len(applied) != len(rows) {
				t.Errorf("%s = %d prices, %v; want the %d rows applied", op, len(applied), err, len(rows))
			}
			for _, r := range rows {
				if got, err := e.mock.Price(r.ProductId, r.Country); err != nil || got.Price != *r.Price {
					t.Errorf("mock.Price(%d, %s) after %s = %v, %v; want %v", r.ProductId, r.Country, op, got.Price, err, *r.Price)
				}
			}
		},
	},
	"updateProductPrice": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.UpdateProductPriceWithResponse(ctx, 2223, "ID", gen.PriceUpdate{
				Price:         ptr(7.89),
				SalePrice:     ptr(6.0),
				SaleStartDate: ptr(datetime.New(time.Date(2024, 11, 1, 0, 0, 0, 0, plus8))),
				Status:        gen.PriceStatusActive,
			})
		},
		method: http.MethodPut, path: "/v2/product/2223/prices/ID",
		body:  `{"price":7.89,"salePrice":6,"saleStartDate":"2024-11-01T00:00:00+08:00","status":"active"}`,
		reply: reply{status: 200, fixture: "catalog/price.json"},
		check: func(t *testing.T, resp any) {
			const call = "UpdateProductPrice(2223, ID)"
			p := deref(t, call+".JSON200", as[gen.UpdateProductPriceResponse](t, resp).JSON200)
			eq(t, call+".JSON200.SalePrice", deref(t, "SalePrice", p.SalePrice), 6.0)
			at(t, call+".JSON200.SaleStartDate", deref(t, "SaleStartDate", p.SaleStartDate), time.Date(2024, 10, 31, 16, 0, 0, 0, time.UTC))
			isNil(t, call+".JSON200.SaleEndDate", p.SaleEndDate)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"setProductPriceStatus": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.SetProductPriceStatusWithResponse(ctx, 2223, "MY", gen.PriceStatusChange{Status: gen.PriceStatusInactive})
		},
		method: http.MethodPut, path: "/v2/product/2223/prices/MY/status",
		body:  `{"status":"inactive"}`,
		reply: reply{status: 204},
		check: func(t *testing.T, resp any) {
			r := as[gen.SetProductPriceStatusResponse](t, resp)
			eq(t, "SetProductPriceStatus(2223, MY, inactive).StatusCode()", r.StatusCode(), 204)
			eq(t, "len(SetProductPriceStatus(2223, MY, inactive).Body)", len(r.Body), 0)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},

	"updateProductStock": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.UpdateProductStockWithResponse(ctx, gen.UpdateProductStockJSONRequestBody{
				{ProductId: 5283, Quantity: 12},
				{ProductId: 5284, Quantity: 0},
			})
		},
		method: http.MethodPut, path: "/v2/stock/product",
		body:  `[{"productId":5283,"quantity":12},{"productId":5284,"quantity":0}]`,
		reply: reply{status: 200, fixture: "catalog/product_stock_skipped.json"},
		check: func(t *testing.T, resp any) {
			const call = "UpdateProductStock(5283=12, 5284=0)"
			s := deref(t, call+".JSON200", as[gen.UpdateProductStockResponse](t, resp).JSON200)
			if !slices.Equal(s, []gen.ProductStock{{ProductId: 5284, Quantity: 0}}) {
				t.Errorf("%s.JSON200 = %+v, want the skipped row 5284", call, s)
			}
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"getProductStock": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetProductStockWithResponse(ctx, 5283)
		},
		method: http.MethodGet, path: "/v2/stock/product/5283",
		reply: reply{status: 200, fixture: "catalog/stock_level.json"},
		check: func(t *testing.T, resp any) {
			const call = "GetProductStock(5283)"
			s := deref(t, call+".JSON200", as[gen.GetProductStockResponse](t, resp).JSON200)
			eq(t, call+".JSON200.Quantity", s.Quantity, 63)
			eq(t, call+".JSON200.Available", s.Available, 153)
			cons := s.Consignments
			eq(t, call+".JSON200.Consignments.Received", cons.Received, 90)
			eq(t, call+".JSON200.Consignments.Failed", cons.Failed, 2)
			wh := s.Warehouses
			eq(t, "len("+call+".JSON200.Warehouses)", len(wh), 2)
			eq(t, call+".JSON200.Warehouses[1].WarehouseId", wh[1].WarehouseId, 2)
			eq(t, call+".JSON200.Warehouses[1].Stock", wh[1].Stock, 12)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"listProductSetStock": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListProductSetStockWithResponse(ctx, 744)
		},
		method: http.MethodGet, path: "/v2/stock/product-set/744",
		reply: reply{status: 200, fixture: "catalog/stock_levels.json"},
		check: func(t *testing.T, resp any) {
			const call = "ListProductSetStock(744)"
			s := deref(t, call+".JSON200", as[gen.ListProductSetStockResponse](t, resp).JSON200)
			eq(t, "len("+call+".JSON200)", len(s), 2)
			isZero(t, call+".JSON200[0].Consignments", s[0].Consignments)
			isZero(t, call+".JSON200[0].Warehouses", s[0].Warehouses)
			eq(t, call+".JSON200[0].ReservedStock", s[0].ReservedStock, 11)
			isNil(t, call+".JSON200[1].ShopSku", s[1].ShopSku)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"listProductSetStockSummaries": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListProductSetStockSummariesWithResponse(ctx, &gen.ListProductSetStockSummariesParams{ProductSetIds: []int{3872, 549}})
		},
		method: http.MethodGet, path: "/v2/product-sets/stocks",
		query: url.Values{"productSetIds[]": {"3872", "549"}},
		reply: reply{status: 200, fixture: "catalog/product_set_stock_summaries.json"},
		check: func(t *testing.T, resp any) {
			const call = "ListProductSetStockSummaries(3872, 549)"
			s := deref(t, call+".JSON200", as[gen.ListProductSetStockSummariesResponse](t, resp).JSON200)
			eq(t, "len("+call+".JSON200)", len(s), 2)
			eq(t, call+".JSON200[0].SumOfStocks", s[0].SumOfStocks, 10)
			eq(t, call+".JSON200[1].HasProductWithZeroStock", s[1].HasProductWithZeroStock, true)
			eq(t, call+".JSON200[1].IsConsignmentShipment", s[1].IsConsignmentShipment, true)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"getProductConsignmentStock": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetProductConsignmentStockWithResponse(ctx, 5283)
		},
		method: http.MethodGet, path: "/v2/products/5283/consignment-stocks",
		reply: reply{status: 200, fixture: "catalog/consignment_stock.json"},
		check: func(t *testing.T, resp any) {
			const call = "GetProductConsignmentStock(5283)"
			s := deref(t, call+".JSON200", as[gen.GetProductConsignmentStockResponse](t, resp).JSON200)
			eq(t, call+".JSON200.ProductId", s.ProductId, 5283)
			eq(t, call+".JSON200.Quarantined", s.Quarantined, 1)
			eq(t, call+".JSON200.Returned", s.Returned, 5)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"getWarehouseStock": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetWarehouseStockWithResponse(ctx, 5283, 2)
		},
		method: http.MethodGet, path: "/v2/product/5283/warehouse/2/stock",
		reply: reply{status: 200, fixture: "catalog/warehouse_stock.json"},
		check: func(t *testing.T, resp any) {
			s := deref(t, "GetWarehouseStock(5283, 2).JSON200", as[gen.GetWarehouseStockResponse](t, resp).JSON200)
			eq(t, "GetWarehouseStock(5283, 2).JSON200.Quantity", s.Quantity, 144)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"setWarehouseStock": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.SetWarehouseStockWithResponse(ctx, 5283, 2, gen.WarehouseStock{Quantity: 144})
		},
		method: http.MethodPost, path: "/v2/product/5283/warehouse/2/stock",
		body:  `{"quantity":144}`,
		reply: reply{status: 200, fixture: "catalog/warehouse_stock.json"},
		check: func(t *testing.T, resp any) {
			s := deref(t, "SetWarehouseStock(5283, 2, 144).JSON200", as[gen.SetWarehouseStockResponse](t, resp).JSON200)
			eq(t, "SetWarehouseStock(5283, 2, 144).JSON200.Quantity", s.Quantity, 144)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},

	"listWarehouses": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListWarehousesWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/warehouses",
		reply: reply{status: 200, fixture: "catalog/warehouses.json"},
		check: func(t *testing.T, resp any) {
			const call = "ListWarehouses()"
			w := deref(t, call+".JSON200", as[gen.ListWarehousesResponse](t, resp).JSON200)
			eq(t, "len("+call+".JSON200)", len(w), 2)
			eq(t, call+".JSON200[0].Name", w[0].Name, "Central_Warehouse")
			eq(t, call+".JSON200[0].Default", deref(t, "Default", w[0].Default), true)
			eq(t, call+".JSON200[1].Status", deref(t, "Status", w[1].Status), gen.WarehouseStatusDisabled)
			isNil(t, call+".JSON200[1].Address", w[1].Address)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"createWarehouse": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.CreateWarehouseWithResponse(ctx, gen.Warehouse{
				Name:      "North_Depot",
				Address:   ptr("12 Jalan Ampang"),
				Postcode:  ptr("50450"),
				City:      ptr("Kuala Lumpur"),
				Country:   ptr("Malaysia"),
				Status:    ptr(gen.WarehouseStatusActive),
				Longitude: ptr("101.7123"),
				Latitude:  ptr("3.1579"),
				Note:      ptr("Dock 4"),
			})
		},
		method: http.MethodPost, path: "/v2/warehouses",
		body: `{"name":"North_Depot","address":"12 Jalan Ampang","postcode":"50450","city":"Kuala Lumpur","country":"Malaysia",
			"status":"active","longitude":"101.7123","latitude":"3.1579","note":"Dock 4"}`,
		reply: reply{status: 201, fixture: "catalog/warehouse.json"},
		check: func(t *testing.T, resp any) {
			const call = "CreateWarehouse(North_Depot)"
			w := deref(t, call+".JSON201", as[gen.CreateWarehouseResponse](t, resp).JSON201)
			eq(t, call+".JSON201.Id", deref(t, "Id", w.Id), 2)
			eq(t, call+".JSON201.SellerId", deref(t, "SellerId", w.SellerId), 5623)
			eq(t, call+".JSON201.IsSynced", deref(t, "IsSynced", w.IsSynced), true)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			body := gen.Warehouse{Name: "Contract_Hub", City: refTo("Ipoh"), Status: refTo(gen.WarehouseStatusActive)}
			resp, err := e.c.CreateWarehouseWithResponse(e.ctx, body)
			got := decoded(t, "CreateWarehouse(Contract_Hub)", succeed(t, "CreateWarehouse(Contract_Hub)", resp, err).JSON201)
			if got.Id == nil || got.Name != body.Name || valueOf(got.Default) {
				t.Errorf("CreateWarehouse() = %+v, want Contract_Hub with an id, not the default", got)
			}
			if !slices.ContainsFunc(e.warehouses(t), func(w gen.Warehouse) bool { return valueOf(w.Id) == valueOf(got.Id) && w.Name == body.Name }) {
				t.Errorf("ListWarehouses() after CreateWarehouse() lacks warehouse %d", valueOf(got.Id))
			}
		},
	},
	"getWarehouse": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetWarehouseWithResponse(ctx, 2)
		},
		method: http.MethodGet, path: "/v2/warehouses/2",
		reply: reply{status: 200, fixture: "catalog/warehouse.json"},
		check: func(t *testing.T, resp any) {
			w := deref(t, "GetWarehouse(2).JSON200", as[gen.GetWarehouseResponse](t, resp).JSON200)
			eq(t, "GetWarehouse(2).JSON200.City", deref(t, "City", w.City), "Kuala Lumpur")
			eq(t, "GetWarehouse(2).JSON200.Status", deref(t, "Status", w.Status), gen.WarehouseStatusActive)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			w := e.warehouses(t)[0]
			op := fmt.Sprintf("GetWarehouse(%d)", valueOf(w.Id))
			resp, err := e.c.GetWarehouseWithResponse(e.ctx, valueOf(w.Id))
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); valueOf(got.Id) != valueOf(w.Id) || got.Name != w.Name {
				t.Errorf("%s = %d %q, want %d %q", op, valueOf(got.Id), got.Name, valueOf(w.Id), w.Name)
			}
		},
	},
	"updateWarehouse": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.UpdateWarehouseWithResponse(ctx, 2, gen.Warehouse{Name: "North_Depot", Note: ptr("Dock 4"), IsInShoppingMall: ptr(false)})
		},
		method: http.MethodPut, path: "/v2/warehouses/2",
		body:  `{"name":"North_Depot","note":"Dock 4","isInShoppingMall":false}`,
		reply: reply{status: 200, fixture: "catalog/warehouse.json"},
		check: func(t *testing.T, resp any) {
			w := deref(t, "UpdateWarehouse(2).JSON200", as[gen.UpdateWarehouseResponse](t, resp).JSON200)
			eq(t, "UpdateWarehouse(2).JSON200.Note", deref(t, "Note", w.Note), "Dock 4")
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},

	"getProductSetContentScore": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetProductSetContentScoreWithResponse(ctx, 744)
		},
		method: http.MethodGet, path: "/v2/content-score/product-set/744",
		reply: reply{status: 200, fixture: "catalog/content_score.json"},
		check: func(t *testing.T, resp any) {
			const call = "GetProductSetContentScore(744)"
			s := deref(t, call+".JSON200", as[gen.GetProductSetContentScoreResponse](t, resp).JSON200)
			eq(t, call+".JSON200.Status", s.Status, "ok")
			eq(t, call+".JSON200.Score", s.Score, 50.0)
			r := s.ScoreReport
			eq(t, call+".JSON200.ScoreReport.RuleGroup", r.RuleGroup, gen.ContentScoreRuleRuleGroupDescriptionWords)
			eq(t, call+".JSON200.ScoreReport.MaxPoints", r.MaxPoints, 90.0)
			p := r.RuleParameters
			eq(t, call+".JSON200.ScoreReport.RuleParameters.Min", p.Min, 3.0)
			isZero(t, call+".JSON200.ScoreReport.RuleParameters.Max", p.Max)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			op := fmt.Sprintf("GetProductSetContentScore(%d)", s.Id)
			resp, err := e.c.GetProductSetContentScoreWithResponse(e.ctx, s.Id)
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); got.Score <= 0 || got.Score > 100 || got.ScoreReport == (gen.ContentScoreRule{}) {
				t.Errorf("%s = score %v, report %v; want a score in (0, 100] and a report", op, got.Score, got.ScoreReport)
			}
		},
	},
	"calculateContentScore": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			attrs, err := productSetAttributes(map[string]any{"2": "value2", "254": "value1"})
			if err != nil {
				return nil, err
			}
			return c.CalculateContentScoreWithResponse(ctx, gen.ContentScoreRequest{
				ProductSetId:     ptr(364215),
				CategoryId:       524,
				Name:             "Name",
				Description:      "<ul><li>Waterproof</li></ul>",
				ShortDescription: "Short description",
				Attributes:       attrs,
				Variations:       []gen.ContentScoreVariation{{Ean: "4059326403862"}},
			})
		},
		method: http.MethodPost, path: "/v2/content-score/score",
		body: `{"productSetId":364215,"categoryId":524,"name":"Name","description":"<ul><li>Waterproof</li></ul>",
			"shortDescription":"Short description","attributes":{"2":"value2","254":"value1"},"variations":[{"ean":"4059326403862"}]}`,
		reply: reply{status: 200, fixture: "catalog/content_score.json"},
		check: func(t *testing.T, resp any) {
			s := deref(t, "CalculateContentScore(category 524).JSON200", as[gen.CalculateContentScoreResponse](t, resp).JSON200)
			eq(t, "CalculateContentScore(category 524).JSON200.Score", s.Score, 50.0)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			s, _ := e.liveSet(t, nil)
			body := gen.ContentScoreRequest{CategoryId: s.PrimaryCategoryId, Name: s.Name, Description: valueOf(s.Description), Attributes: s.Attributes,
				Variations: []gen.ContentScoreVariation{{Ean: "9556099000024"}}}
			op := fmt.Sprintf("CalculateContentScore(category %d)", body.CategoryId)
			resp, err := e.c.CalculateContentScoreWithResponse(e.ctx, body)
			if got := decoded(t, op, succeed(t, op, resp, err).JSON200); got.Score <= 0 || got.Score > 100 || got.ScoreReport == (gen.ContentScoreRule{}) {
				t.Errorf("%s = score %v, report %v; want a score in (0, 100] and a report", op, got.Score, got.ScoreReport)
			}
		},
	},

	"listProductSetTags": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListProductSetTagsWithResponse(ctx, &gen.ListProductSetTagsParams{ProductSetIds: []int{1, 32000}})
		},
		method: http.MethodGet, path: "/v2/product-sets/tags",
		query: url.Values{"productSetIds[]": {"1", "32000"}},
		reply: reply{status: 200, fixture: "catalog/product_set_tags.json"},
		check: func(t *testing.T, resp any) {
			const call = "ListProductSetTags(1, 32000)"
			s := deref(t, call+".JSON200", as[gen.ListProductSetTagsResponse](t, resp).JSON200)
			eq(t, "len("+call+".JSON200)", len(s), 2)
			eq(t, call+".JSON200[0].TagName", deref(t, "TagName", s[0].TagName), "Fresh products")
			isNil(t, call+".JSON200[1].TagId", s[1].TagId)
			isNil(t, call+".JSON200[1].TagName", s[1].TagName)
			eq(t, call+".JSON200[1].ProductSetId", s[1].ProductSetId, 32000)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
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
		},
	},
	"listProductTags": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListProductTagsWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/tags/product-tags",
		reply: reply{status: 200, fixture: "catalog/product_tags.json"},
		check: func(t *testing.T, resp any) {
			s := deref(t, "ListProductTags().JSON200", as[gen.ListProductTagsResponse](t, resp).JSON200)
			if !slices.Equal(s, []gen.ProductTag{{Id: 68, Name: "bestSellingProduct"}, {Id: 69, Name: "Fresh products"}}) {
				t.Errorf("ListProductTags().JSON200 = %+v, want 68 bestSellingProduct and 69 Fresh products", s)
			}
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			resp, err := e.c.ListProductTagsWithResponse(e.ctx)
			got := decoded(t, "ListProductTags()", succeed(t, "ListProductTags()", resp, err).JSON200)
			if len(got) == 0 || slices.ContainsFunc(got, func(tag gen.ProductTag) bool { return tag.Id == 0 || tag.Name == "" }) {
				t.Errorf("ListProductTags() = %+v, want tags with ids and names", got)
			}
		},
	},
	"listSellerTags": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListSellerTagsWithResponse(ctx, &gen.ListSellerTagsParams{Limit: 100, Offset: 0})
		},
		method: http.MethodGet, path: "/v2/tags/sellers",
		query: url.Values{"limit": {"100"}, "offset": {"0"}},
		reply: reply{status: 200, fixture: "catalog/seller_tags_page.json"},
		check: func(t *testing.T, resp any) {
			const call = "ListSellerTags(limit=100)"
			p := deref(t, call+".JSON200", as[gen.ListSellerTagsResponse](t, resp).JSON200)
			eq(t, "len("+call+".JSON200.Items)", len(p.Items), 2)
			if got := p.Items[0].Tags; !slices.Equal(got, []string{"test1", "test2"}) {
				t.Errorf("%s.JSON200.Items[0].Tags = %q, want [test1 test2]", call, got)
			}
			eq(t, call+".JSON200.Items[1].SellerId", p.Items[1].SellerId, 43)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			seller, err := e.mock.Seller()
			if err != nil {
				t.Fatal(err)
			}
			resp, err := e.c.ListSellerTagsWithResponse(e.ctx, &gen.ListSellerTagsParams{Limit: 10})
			page := decoded(t, "ListSellerTags(limit 10)", succeed(t, "ListSellerTags(limit 10)", resp, err).JSON200)
			if len(page.Items) != 1 || page.Items[0].SellerId != seller.Id || len(page.Items[0].Tags) == 0 {
				t.Errorf("ListSellerTags() = %+v, want the seller %d with its tags", page.Items, seller.Id)
			}
		},
	},
}

// TestProductImageVariants sends the body kinds of the image calls that their
// rows do not: a URL for addProductSetImage and a file for
// updateProductSetImage.
func TestProductImageVariants(t *testing.T) {
	t.Parallel()
	fromURL := productRows["addProductSetImage"]
	fromURL.call = func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.AddProductSetImageWithResponse(ctx, 744, gen.ProductImageCreate{DisplayUrl: "https://some.domain/path/image.jpg", Position: ptr(2), Overwrite: ptr(false)})
	}
	fromURL.parts = nil
	fromURL.body = `{"displayUrl":"https://some.domain/path/image.jpg","position":2,"overwrite":false}`

	newFile := productRows["updateProductSetImage"]
	newFile.call = func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		body, contentType, err := multipartBody(productImageReplacementParts)
		if err != nil {
			return nil, err
		}
		return c.UpdateProductSetImageWithBodyWithResponse(ctx, 744, 7865, contentType, body)
	}
	newFile.body = ""
	newFile.parts = productImageReplacementParts

	for name, r := range map[string]row{"addProductSetImage/json": fromURL, "updateProductSetImage/multipart": newFile} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			exercise(t, name, r, r.reply, r.check)
		})
	}
}

// TestPriceUpdateResultShapes decodes the answer of updateProductSetPrices in
// both shapes it may take: the vendor's single price (the row's fixture) and
// a list of prices.
func TestPriceUpdateResultShapes(t *testing.T) {
	t.Parallel()
	r := productRows["updateProductSetPrices"]
	list := reply{status: 200, fixture: "catalog/prices.json"}
	exercise(t, "updateProductSetPrices", r, list, func(t *testing.T, resp any) {
		const call = "UpdateProductSetPrices(672)"
		res := deref(t, call+".JSON200", as[gen.UpdateProductSetPricesResponse](t, resp).JSON200)
		prices, err := res.AsPriceList()
		if err != nil {
			t.Fatalf("%s.JSON200.AsPriceList() = %v, want a list", call, err)
		}
		eq(t, "len("+call+".JSON200.AsPriceList())", len(prices), 2)
		eq(t, call+".JSON200.AsPriceList()[1].ProductId", prices[1].ProductId, 2224)
		if _, err := res.AsPrice(); err == nil {
			t.Errorf("%s.JSON200.AsPrice() of a list = nil error, want one", call)
		}
	})
}

// TestProductSetAttributeValueShapes checks that each shape of attribute
// value reads back only as its own kind, so a caller can switch on them.
func TestProductSetAttributeValueShapes(t *testing.T) {
	t.Parallel()
	attrs, err := productSetAttributes(vendorAttributes)
	if err != nil {
		t.Fatalf("productSetAttributes(vendor example) = %v", err)
	}
	tests := []struct {
		id                           string
		text, option, options, texts bool
	}{
		{id: "421", text: true},
		{id: "567", option: true},
		{id: "533", options: true},
		{id: "721", texts: true},
	}
	for _, tt := range tests {
		v := attrs[tt.id]
		if v == nil {
			t.Fatalf("attributes[%s] = nil, want a value", tt.id)
		}
		_, errText := v.AsProductSetAttributeText()
		_, errOption := v.AsProductSetAttributeOption()
		_, errOptions := v.AsProductSetAttributeOptions()
		_, errTexts := v.AsProductSetAttributeTexts()
		got := [4]bool{errText == nil, errOption == nil, errOptions == nil, errTexts == nil}
		want := [4]bool{tt.text, tt.option, tt.options, tt.texts}
		if got != want {
			t.Errorf("attributes[%s] reads as text, option, options, texts = %v, want %v", tt.id, got, want)
		}
	}
	if v, ok := attrs["854"]; !ok || v != nil {
		t.Errorf(`attributes["854"] = %v, %v; want nil, true for the vendor's null`, v, ok)
	}
}

// productSetAttributes builds an attribute map from Go values: string, int,
// []int, []string, or nil for an attribute to unset.
func productSetAttributes(values map[string]any) (gen.ProductSetAttributes, error) {
	attrs := make(gen.ProductSetAttributes, len(values))
	for id, v := range values {
		if v == nil {
			attrs[id] = nil
			continue
		}
		var a gen.ProductSetAttributeValue
		var err error
		switch v := v.(type) {
		case string:
			err = a.FromProductSetAttributeText(v)
		case int:
			err = a.FromProductSetAttributeOption(v)
		case []int:
			err = a.FromProductSetAttributeOptions(v)
		case []string:
			err = a.FromProductSetAttributeTexts(v)
		default:
			err = fmt.Errorf("attribute %s: value of type %T", id, v)
		}
		if err != nil {
			return nil, err
		}
		attrs[id] = &a
	}
	return attrs, nil
}

// checkVendorAttributes checks an attribute map decoded from the vendor's
// example: every value shape and the null.
func checkVendorAttributes(t *testing.T, expr string, attrs gen.ProductSetAttributes) {
	t.Helper()
	eq(t, "len("+expr+")", len(attrs), 5)
	eq(t, expr+`["421"]`, attributeText(t, expr+`["421"]`, attrs["421"]), "string value")
	eq(t, expr+`["567"]`, attributeOption(t, expr+`["567"]`, attrs["567"]), 123)
	options, err := deref(t, expr+`["533"]`, attrs["533"]).AsProductSetAttributeOptions()
	if err != nil || !slices.Equal(options, []int{4, 5}) {
		t.Errorf("%s[\"533\"].AsProductSetAttributeOptions() = %v, %v; want [4 5], nil", expr, options, err)
	}
	texts, err := deref(t, expr+`["721"]`, attrs["721"]).AsProductSetAttributeTexts()
	if err != nil || !slices.Equal(texts, []string{"string1", "string2"}) {
		t.Errorf("%s[\"721\"].AsProductSetAttributeTexts() = %q, %v; want [string1 string2], nil", expr, texts, err)
	}
	if v, ok := attrs["854"]; !ok || v != nil {
		t.Errorf(`%s["854"] = %v, %v; want nil, true for null`, expr, v, ok)
	}
}

func attributeText(t *testing.T, expr string, v *gen.ProductSetAttributeValue) string {
	t.Helper()
	s, err := deref(t, expr, v).AsProductSetAttributeText()
	if err != nil {
		t.Errorf("%s.AsProductSetAttributeText() = %v, want text", expr, err)
	}
	return s
}

func attributeOption(t *testing.T, expr string, v *gen.ProductSetAttributeValue) int {
	t.Helper()
	n, err := deref(t, expr, v).AsProductSetAttributeOption()
	if err != nil {
		t.Errorf("%s.AsProductSetAttributeOption() = %v, want an option id", expr, err)
	}
	return n
}
