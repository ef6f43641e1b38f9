package sellercentertest

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter/gen"
)

// answered returns the status of a generated client's response, and an
// error when the call failed or a success body did not decode into its
// typed field (body returns that field).
func answered(r interface{ StatusCode() int }, err error, body func() any) (int, error) {
	if err != nil {
		return 0, err
	}
	code := r.StatusCode()
	if code < 300 && body != nil {
		if v := reflect.ValueOf(body()); !v.IsValid() || v.IsNil() {
			return code, fmt.Errorf("the %d body did not decode into its typed field", code)
		}
	}
	return code, nil
}

// pngBytes is enough of a PNG for content sniffing.
var pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00")

// makeXLSX writes a minimal workbook: the first row as shared strings, the
// others as inline strings, and numeric-looking cells as numbers.
func makeXLSX(t *testing.T, rows [][]string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	write := func(name, content string) {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	const rel = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	write("xl/workbook.xml", `<?xml version="1.0"?><workbook `+ns+` `+rel+`><sheets><sheet name="Upload" sheetId="1" r:id="rId7"/></sheets></workbook>`)
	write("xl/_rels/workbook.xml.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/upload.xml"/></Relationships>`)
	var sst, sheet strings.Builder
	esc := func(s string) string {
		var e strings.Builder
		if err := xml.EscapeText(&e, []byte(s)); err != nil {
			t.Fatal(err)
		}
		return e.String()
	}
	for r, cells := range rows {
		fmt.Fprintf(&sheet, `<row r="%d">`, r+1)
		for c, v := range cells {
			ref := fmt.Sprintf("%c%d", 'A'+c, r+1)
			switch {
			case v == "":
			case r == 0:
				fmt.Fprintf(&sheet, `<c r="%s" t="s"><v>%d</v></c>`, ref, c)
				fmt.Fprintf(&sst, `<si><t>%s</t></si>`, esc(v))
			case strings.Trim(v, "0123456789.") == "":
				fmt.Fprintf(&sheet, `<c r="%s"><v>%s</v></c>`, ref, v)
			default:
				fmt.Fprintf(&sheet, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, esc(v))
			}
		}
		sheet.WriteString(`</row>`)
	}
	write("xl/sharedStrings.xml", `<?xml version="1.0"?><sst `+ns+`>`+sst.String()+`</sst>`)
	write("xl/worksheets/upload.xml", `<?xml version="1.0"?><worksheet `+ns+`><sheetData>`+sheet.String()+`</sheetData></worksheet>`)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func xmlBody(t *testing.T, v any) *bytes.Reader {
	t.Helper()
	b, err := xml.Marshal(v)
	if err != nil {
		t.Fatalf("xml.Marshal(%T) = %v", v, err)
	}
	return bytes.NewReader(b)
}

func attrs(t *testing.T, kv ...any) gen.ProductSetAttributes {
	t.Helper()
	out := gen.ProductSetAttributes{}
	for i := 0; i+1 < len(kv); i += 2 {
		v := &gen.ProductSetAttributeValue{}
		var err error
		switch x := kv[i+1].(type) {
		case int:
			err = v.FromProductSetAttributeOption(x)
		case []int:
			err = v.FromProductSetAttributeOptions(x)
		case string:
			err = v.FromProductSetAttributeText(x)
		}
		if err != nil {
			t.Fatal(err)
		}
		out[fmt.Sprint(kv[i])] = v
	}
	return out
}

// catalogRequests builds one call per catalog operation, through the
// generated client, on the seed data; they run in order.
func catalogRequests(t *testing.T, s *Server) []opRequest {
	t.Helper()
	s.st.mu.Lock()
	feeds := s.st.feedsByID()
	seedFeed := feeds[0].uuid
	queued := s.st.newFeed(gen.FeedActionProductStockUpdate, "csv", mimeCSV, []byte("SellerSku,Quantity\nEGIFT-50,1\n"),
		[]feedRow{{line: 2, values: map[string]string{"SellerSku": "EGIFT-50", "Quantity": "1"}}}).uuid
	shirtsUUID := s.st.cat.categories[311].uuid
	s.st.mu.Unlock()

	csvType := func(content string) (string, *strings.Reader) {
		ct, body := multipartBody(t, nil, "file1", "upload.csv", []byte(content))
		return ct, strings.NewReader(body)
	}
	imgType, imgBody := multipartBody(t, map[string]string{"position": "3"}, "file1", "sandal-side.png", pngBytes)
	xlsxType, xlsxBody := multipartBody(t, nil, "file1", "images.xlsx", makeXLSX(t, [][]string{
		{"SellerSku", "MainImage", "Image2"},
		{"SGK-SCF-GLD", "https://img.example.com/scarf-1.jpg", "https://img.example.com/scarf-2.jpg"},
	}))
	field := func(name, value string) gen.XmlProductField {
		return gen.XmlProductField{XMLName: xml.Name{Local: name}, Value: value}
	}
	type C = *gen.ClientWithResponses
	type X = context.Context
	op := func(name string, want int, do func(X, C) (int, error)) opRequest {
		return opRequest{op: name, want: want, do: do}
	}
	return []opRequest{
		op("listProductSets", 200, func(ctx X, c C) (int, error) {
			section := gen.ProductSetSectionActive
			r, err := c.ListProductSetsWithResponse(ctx, &gen.ListProductSetsParams{Limit: 5, Status: section})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("createProductSet", 201, func(ctx X, c C) (int, error) {
			r, err := c.CreateProductSetWithResponse(ctx, gen.ProductSetCreate{Name: "Batik Shirt Sekar Jagad", Price: 149, SellerSku: "BTK-SKJ-M",
				BrandId: 201, PrimaryCategoryId: 311, Attributes: attrs(t, 101, 1012, 103, []int{1031}), Variation: ptr("M")})
			return answered(r, err, func() any { return r.JSON201 })
		}),
		op("getProductSetSamplePayload", 200, func(ctx X, c C) (int, error) {
			r, err := c.GetProductSetSamplePayloadWithResponse(ctx, 311, &gen.GetProductSetSamplePayloadParams{ShowFull: ptr(1)})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("getProductSet", 200, func(ctx X, c C) (int, error) {
			r, err := c.GetProductSetWithResponse(ctx, 7101)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("updateProductSet", 200, func(ctx X, c C) (int, error) {
			r, err := c.UpdateProductSetWithResponse(ctx, 7102, gen.ProductSetUpdate{Description: ptr("<p>Parang motif, cotton.</p>")})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("getProductSetByParentSku", 200, func(ctx X, c C) (int, error) {
			r, err := c.GetProductSetByParentSkuWithResponse(ctx, "BTK-KWG-BL")
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("getProductSetByConfigSku", 200, func(ctx X, c C) (int, error) {
			r, err := c.GetProductSetByConfigSkuWithResponse(ctx, "KB512AA0A1B2MY")
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("countProductSetsByAttributeSet", 200, func(ctx X, c C) (int, error) {
			r, err := c.CountProductSetsByAttributeSetWithResponse(ctx, &gen.CountProductSetsByAttributeSetParams{Limit: 10})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listProductSetVisibility", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListProductSetVisibilityWithResponse(ctx, &gen.ListProductSetVisibilityParams{ProductSetIds: []int{7101, 7108}})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("reuploadProductSet", 200, func(ctx X, c C) (int, error) {
			r, err := c.ReuploadProductSetWithResponse(ctx, 7111)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listProductSetUploadStatuses", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListProductSetUploadStatusesWithResponse(ctx, &gen.ListProductSetUploadStatusesParams{ProductSetIds: []int{7101, 7111}})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listProductGroups", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListProductGroupsWithResponse(ctx, &gen.ListProductGroupsParams{BrandId: 201})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("getProductSetGroup", 200, func(ctx X, c C) (int, error) {
			r, err := c.GetProductSetGroupWithResponse(ctx, 7101)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("setProductSetGroup", 201, func(ctx X, c C) (int, error) {
			r, err := c.SetProductSetGroupWithResponse(ctx, 7103, gen.ProductGroup{Name: "Songket Collection"})
			return answered(r, err, func() any { return r.JSON201 })
		}),
		op("removeProductSetGroup", 204, func(ctx X, c C) (int, error) {
			r, err := c.RemoveProductSetGroupWithResponse(ctx, 7102)
			return answered(r, err, nil)
		}),
		op("listProductSetRejections", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListProductSetRejectionsWithResponse(ctx, &gen.ListProductSetRejectionsParams{ProductSetIds: []int{7108}})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listProductSetQualityControl", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListProductSetQualityControlWithResponse(ctx, &gen.ListProductSetQualityControlParams{})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listQualityControlRejectReasons", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListQualityControlRejectReasonsWithResponse(ctx)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listProducts", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListProductsWithResponse(ctx, &gen.ListProductsParams{SellerSku: "BTK-KWG-BL-M"})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listProductSetProducts", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListProductSetProductsWithResponse(ctx, 7101)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("createProduct", 201, func(ctx X, c C) (int, error) {
			r, err := c.CreateProductWithResponse(ctx, 7101, gen.ProductWrite{SellerSku: ptr("BTK-KWG-BL-XL"), Variation: ptr("XL")})
			return answered(r, err, func() any { return r.JSON201 })
		}),
		op("getProduct", 200, func(ctx X, c C) (int, error) {
			r, err := c.GetProductWithResponse(ctx, 7101, 51001)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("updateProduct", 200, func(ctx X, c C) (int, error) {
			r, err := c.UpdateProductWithResponse(ctx, 7101, 51001, gen.ProductWrite{ProductIdentifier: ptr("9556001234578")})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("setProductStatus", 200, func(ctx X, c C) (int, error) {
			r, err := c.SetProductStatusWithResponse(ctx, 7101, 51003, &gen.SetProductStatusParams{Status: gen.ProductStatusInactive})
			return answered(r, err, nil)
		}),
		op("getProductByShopSku", 200, func(ctx X, c C) (int, error) {
			r, err := c.GetProductByShopSkuWithResponse(ctx, "KB512AA0A1B2MY-1001")
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("getProductBySellerSku", 200, func(ctx X, c C) (int, error) {
			r, err := c.GetProductBySellerSkuWithResponse(ctx, "SDL-LTH-41")
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listProductsBySellerSkus", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListProductsBySellerSkusWithResponse(ctx, &gen.ListProductsBySellerSkusParams{SellerSkus: []string{"SDL-LTH-40", "SDL-LTH-42", "NOPE"}, Limit: 10})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("searchHybridProducts", 200, func(ctx X, c C) (int, error) {
			r, err := c.SearchHybridProductsWithResponse(ctx, &gen.SearchHybridProductsParams{Query: "canvas"})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("createProductSetBySin", 200, func(ctx X, c C) (int, error) {
			r, err := c.CreateProductSetBySinWithResponse(ctx, gen.HybridProductSelection{Sin: "ZLMY9Q4"})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listProductSetImages", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListProductSetImagesWithResponse(ctx, 7101)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("addProductSetImage", 201, func(ctx X, c C) (int, error) {
			r, err := c.AddProductSetImageWithBodyWithResponse(ctx, 7104, imgType, strings.NewReader(imgBody))
			return answered(r, err, func() any { return r.JSON201 })
		}),
		op("updateProductSetImage", 200, func(ctx X, c C) (int, error) {
			r, err := c.UpdateProductSetImageWithResponse(ctx, 7101, 91002, gen.ProductImageUpdate{Position: ptr(5)})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("deleteProductSetImage", 204, func(ctx X, c C) (int, error) {
			r, err := c.DeleteProductSetImageWithResponse(ctx, 7101, 91003)
			return answered(r, err, nil)
		}),
		op("listProductSetCoverImages", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListProductSetCoverImagesWithResponse(ctx, &gen.ListProductSetCoverImagesParams{ProductSetIds: []int{7101, 7108, 9999}})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listImagesOfProductSets", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListImagesOfProductSetsWithResponse(ctx, &gen.ListImagesOfProductSetsParams{ProductSetIds: []int{7101}})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listMainImagesBySku", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListMainImagesBySkuWithResponse(ctx, &gen.ListMainImagesBySkuParams{ProductSkus: []string{"BTK-KWG-BL-M", "KB512AA0A1B5MY-1004"}})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("exportProductImages", 201, func(ctx X, c C) (int, error) {
			r, err := c.ExportProductImagesWithResponse(ctx, &gen.ExportProductImagesParams{OnlyWithMissingImage: ptr(true)})
			return answered(r, err, func() any { return r.JSON201 })
		}),
		op("listPrices", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListPricesWithResponse(ctx, &gen.ListPricesParams{ProductSetIds: []int{7101}})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listProductSetPrices", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListProductSetPricesWithResponse(ctx, 7101)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("updateProductSetPrices", 200, func(ctx X, c C) (int, error) {
			r, err := c.UpdateProductSetPricesWithResponse(ctx, 7102, []gen.ProductPriceUpdate{
				{ProductId: 51004, Country: "MY", Price: ptr(135.0)}, {ProductId: 51005, Country: "SG", Price: ptr(48.0)}})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("updateProductPrice", 200, func(ctx X, c C) (int, error) {
			r, err := c.UpdateProductPriceWithResponse(ctx, 51006, "SG", gen.PriceUpdate{Price: ptr(32.0), Status: gen.PriceStatusActive})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("setProductPriceStatus", 204, func(ctx X, c C) (int, error) {
			r, err := c.SetProductPriceStatusWithResponse(ctx, 51006, "MY", gen.PriceStatusChange{Status: gen.PriceStatusInactive})
			return answered(r, err, nil)
		}),
		op("updateProductStock", 200, func(ctx X, c C) (int, error) {
			r, err := c.UpdateProductStockWithResponse(ctx, []gen.ProductStock{{ProductId: 51001, Quantity: 15}, {ProductId: 51009, Quantity: 3}})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("getProductStock", 200, func(ctx X, c C) (int, error) {
			r, err := c.GetProductStockWithResponse(ctx, 51002)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listProductSetStock", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListProductSetStockWithResponse(ctx, 7104)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listProductSetStockSummaries", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListProductSetStockSummariesWithResponse(ctx, &gen.ListProductSetStockSummariesParams{ProductSetIds: []int{7101, 7104}})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("getProductConsignmentStock", 200, func(ctx X, c C) (int, error) {
			r, err := c.GetProductConsignmentStockWithResponse(ctx, 51009)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("getWarehouseStock", 200, func(ctx X, c C) (int, error) {
			r, err := c.GetWarehouseStockWithResponse(ctx, 51002, 2)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("setWarehouseStock", 200, func(ctx X, c C) (int, error) {
			r, err := c.SetWarehouseStockWithResponse(ctx, 51002, 2, gen.WarehouseStock{Quantity: 9})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listWarehouses", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListWarehousesWithResponse(ctx)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("createWarehouse", 201, func(ctx X, c C) (int, error) {
			r, err := c.CreateWarehouseWithResponse(ctx, gen.Warehouse{Name: "Ipoh_Hub", City: ptr("Ipoh"), Status: ptr(gen.WarehouseStatusActive)})
			return answered(r, err, func() any { return r.JSON201 })
		}),
		op("getWarehouse", 200, func(ctx X, c C) (int, error) {
			r, err := c.GetWarehouseWithResponse(ctx, 1)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("updateWarehouse", 200, func(ctx X, c C) (int, error) {
			r, err := c.UpdateWarehouseWithResponse(ctx, 3, gen.Warehouse{Name: "JB_Overflow", Status: ptr(gen.WarehouseStatusActive)})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("getProductSetContentScore", 200, func(ctx X, c C) (int, error) {
			r, err := c.GetProductSetContentScoreWithResponse(ctx, 7101)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("calculateContentScore", 200, func(ctx X, c C) (int, error) {
			r, err := c.CalculateContentScoreWithResponse(ctx, gen.ContentScoreRequest{CategoryId: 311, Name: "Batik Shirt Sekar Jagad Navy",
				Description: "<ul><li>Cotton</li></ul>", Variations: []gen.ContentScoreVariation{{Ean: "9556001234592"}}})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listProductSetTags", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListProductSetTagsWithResponse(ctx, &gen.ListProductSetTagsParams{ProductSetIds: []int{7101, 7104}})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listProductTags", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListProductTagsWithResponse(ctx)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listSellerTags", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListSellerTagsWithResponse(ctx, &gen.ListSellerTagsParams{Limit: 10})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listBrands", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListBrandsWithResponse(ctx, &gen.ListBrandsParams{Limit: 20})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("getBrand", 200, func(ctx X, c C) (int, error) {
			r, err := c.GetBrandWithResponse(ctx, 202)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listBrandAttributes", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListBrandAttributesWithResponse(ctx, 202)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("searchCategories", 200, func(ctx X, c C) (int, error) {
			r, err := c.SearchCategoriesWithResponse(ctx, &gen.SearchCategoriesParams{Query: "shirt", Limit: 10})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listCategoriesByIds", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListCategoriesByIdsWithResponse(ctx, &gen.ListCategoriesByIdsParams{Ids: []int{311, 321}, Limit: 10})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listCategoriesByUuids", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListCategoriesByUuidsWithResponse(ctx, &gen.ListCategoriesByUuidsParams{Uuids: []string{shirtsUUID}, Limit: 10})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listCategoryMappings", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListCategoryMappingsWithResponse(ctx)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listMostUsedCategories", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListMostUsedCategoriesWithResponse(ctx)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("getRootCategory", 200, func(ctx X, c C) (int, error) {
			r, err := c.GetRootCategoryWithResponse(ctx)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("getCategoryTree", 200, func(ctx X, c C) (int, error) {
			r, err := c.GetCategoryTreeWithResponse(ctx)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("getCategory", 200, func(ctx X, c C) (int, error) {
			r, err := c.GetCategoryWithResponse(ctx, 311)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listCategoryAttributes", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListCategoryAttributesWithResponse(ctx, 311)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("getCategoryNomenclature", 200, func(ctx X, c C) (int, error) {
			r, err := c.GetCategoryNomenclatureWithResponse(ctx, 312)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listCategoryChildren", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListCategoryChildrenWithResponse(ctx, 3)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("getCategorySettings", 200, func(ctx X, c C) (int, error) {
			r, err := c.GetCategorySettingsWithResponse(ctx, 311)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listAttributeSets", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListAttributeSetsWithResponse(ctx, &gen.ListAttributeSetsParams{})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("getAttributeSet", 200, func(ctx X, c C) (int, error) {
			r, err := c.GetAttributeSetWithResponse(ctx, 1)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listAttributeSetAttributes", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListAttributeSetAttributesWithResponse(ctx, 2)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listAttributes", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListAttributesWithResponse(ctx, &gen.ListAttributesParams{AttributeSetIds: []int{1}, Limit: 50})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("getAttribute", 200, func(ctx X, c C) (int, error) {
			r, err := c.GetAttributeWithResponse(ctx, 101)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("listMappedAttributeOptions", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListMappedAttributeOptionsWithResponse(ctx)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("importNewProducts", 201, func(ctx X, c C) (int, error) {
			ct, body := csvType("SellerSku,Name,Brand,PrimaryCategory,Price,ColorFamily,Material\nTOTE-CNV-BLK,Canvas Tote Bag Black,Kampung Canvas,231,49.90,Black,Canvas\n")
			r, err := c.ImportNewProductsWithBodyWithResponse(ctx, ct, body)
			return answered(r, err, func() any { return r.JSON201 })
		}),
		op("importProductUpdates", 201, func(ctx X, c C) (int, error) {
			ct, body := csvType("SellerSku,Name,Price\nSDL-LTH-40,Leather Sandals Brown,165\n")
			r, err := c.ImportProductUpdatesWithBodyWithResponse(ctx, ct, body)
			return answered(r, err, func() any { return r.JSON201 })
		}),
		op("importProductRemovals", 201, func(ctx X, c C) (int, error) {
			ct, body := csvType("SellerSku\nMASK-BTK-01\n")
			r, err := c.ImportProductRemovalsWithBodyWithResponse(ctx, ct, body)
			return answered(r, err, func() any { return r.JSON201 })
		}),
		op("importImageUpdates", 201, func(ctx X, c C) (int, error) {
			r, err := c.ImportImageUpdatesWithBodyWithResponse(ctx, xlsxType, strings.NewReader(xlsxBody))
			return answered(r, err, func() any { return r.JSON201 })
		}),
		op("importStockUpdates", 201, func(ctx X, c C) (int, error) {
			ct, body := csvType("SellerSku;Quantity\nBTK-PRG-RD-L;4\n")
			r, err := c.ImportStockUpdatesWithBodyWithResponse(ctx, ct, body)
			return answered(r, err, func() any { return r.JSON201 })
		}),
		op("importStockUpdatesXml", 200, func(ctx X, c C) (int, error) {
			r, err := c.ImportStockUpdatesXmlWithBodyWithResponse(ctx, mimeXML, xmlBody(t, gen.XmlStockUpdateRequest{
				Product: []gen.XmlStockChange{{SellerSku: "BTK-PRG-RD-M", Quantity: 11}}}))
			return answered(r, err, func() any { return r.XML200 })
		}),
		op("importNewProductsXml", 200, func(ctx X, c C) (int, error) {
			r, err := c.ImportNewProductsXmlWithBodyWithResponse(ctx, mimeXML, xmlBody(t, gen.XmlProductCreateRequest{Product: []gen.XmlNewProduct{{
				SellerSku: "TOTE-CNV-RED", Name: "Canvas Tote Bag Red", PrimaryCategory: 231, Description: "A red canvas tote bag",
				Brand: "Kampung Canvas", Price: "52.00", ProductData: &gen.XmlProductData{Fields: []gen.XmlProductField{
					field("ColorFamily", "Red"), field("Material", "Canvas")}}}}}))
			return answered(r, err, func() any { return r.XML200 })
		}),
		op("importProductUpdatesXml", 200, func(ctx X, c C) (int, error) {
			r, err := c.ImportProductUpdatesXmlWithBodyWithResponse(ctx, mimeXML, xmlBody(t, gen.XmlProductUpdateRequest{Product: []gen.XmlProductChange{{
				SellerSku: "SDL-LTH-41", Price: ptr("169.00"), Quantity: ptr(8)}}}))
			return answered(r, err, func() any { return r.XML200 })
		}),
		op("listFeeds", 200, func(ctx X, c C) (int, error) {
			r, err := c.ListFeedsWithResponse(ctx, &gen.ListFeedsParams{Limit: 20})
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("countFeeds", 200, func(ctx X, c C) (int, error) {
			r, err := c.CountFeedsWithResponse(ctx)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("getFeedStatus", 200, func(ctx X, c C) (int, error) {
			r, err := c.GetFeedStatusWithResponse(ctx, seedFeed)
			return answered(r, err, func() any { return r.JSON200 })
		}),
		op("cancelFeed", 204, func(ctx X, c C) (int, error) {
			r, err := c.CancelFeedWithResponse(ctx, queued)
			return answered(r, err, nil)
		}),
		op("getFeedInputs", 200, func(ctx X, c C) (int, error) {
			r, err := c.GetFeedInputsWithResponse(ctx, &gen.GetFeedInputsParams{FeedUuidList: []string{seedFeed}})
			return answered(r, err, func() any { return r.JSON200 })
		}),
	}
}
