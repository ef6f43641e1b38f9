package sellercenter_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	openapitypes "github.com/oapi-codegen/runtime/types"

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

var catalogARows = map[string]row{
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
	},
}

func init() {
	for k, v := range catalogARows {
		rows[k] = v
	}
}

// TestProductImageVariants sends the body kinds of the image calls that their
// rows do not: a URL for addProductSetImage and a file for
// updateProductSetImage.
func TestProductImageVariants(t *testing.T) {
	t.Parallel()
	fromURL := catalogARows["addProductSetImage"]
	fromURL.call = func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.AddProductSetImageWithResponse(ctx, 744, gen.ProductImageCreate{DisplayUrl: "https://some.domain/path/image.jpg", Position: ptr(2), Overwrite: ptr(false)})
	}
	fromURL.parts = nil
	fromURL.body = `{"displayUrl":"https://some.domain/path/image.jpg","position":2,"overwrite":false}`

	newFile := catalogARows["updateProductSetImage"]
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
	r := catalogARows["updateProductSetPrices"]
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
