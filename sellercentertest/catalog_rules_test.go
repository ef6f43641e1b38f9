package sellercentertest

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter/gen"
)

// TestCatalogRules sends requests that break a rule, or follow one, in
// order on one server, and checks the status and a word of the answer.
func TestCatalogRules(t *testing.T) {
	t.Parallel()
	// One server answers the whole table at once: the rules, not the
	// rate limit, are under test.
	s := newServer(t, Config{RateLimit: NoRateLimit})
	tok := token(t, s)
	const js = "application/json"
	notPNG, notPNGBody := multipartBody(t, nil, "file1", "photo.png", []byte("just text"))
	cases := []struct {
		name, method, path, body string
		want                     int
		text                     string
	}{
		{"image at the next free position", "POST", "/v2/product-set/7101/images", `{"displayUrl":"https://img.example.com/a.jpg"}`, 201, `"position":4`},
		{"image without a URL scheme", "POST", "/v2/product-set/7101/images", `{"displayUrl":"img.example.com/a.jpg"}`, 400, "displayUrl"},
		{"image position out of range", "POST", "/v2/product-set/7101/images", `{"displayUrl":"https://img.example.com/a.jpg","position":9}`, 400, "position"},
		{"image file that is no image", "POST", "/v2/product-set/7101/images", "\x00" + notPNGBody, 400, "not an image"},
		{"image of an unknown set", "POST", "/v2/product-set/1/images", `{"displayUrl":"https://img.example.com/a.jpg"}`, 404, "product set 1"},
		{"image overwriting position 2", "POST", "/v2/product-set/7101/images", `{"displayUrl":"https://img.example.com/b.jpg","position":2,"overwrite":true}`, 201, `"position":2`},
		{"moving an unknown image", "PATCH", "/v2/product-set/7101/images/1", `{"position":1}`, 404, "no image 1"},
		{"moving an image nowhere", "PATCH", "/v2/product-set/7101/images/91001", `{}`, 422, "neither"},
		{"deleting an image of another set", "DELETE", "/v2/product-set/7102/images/91001", "", 404, "no image 91001"},
		{"warehouse name with a space", "POST", "/v2/warehouses", `{"name":"KL Main"}`, 422, "letters, digits"},
		{"warehouse name taken", "POST", "/v2/warehouses", `{"name":"kl_main","status":"active"}`, 422, "already"},
		{"disabled default warehouse", "POST", "/v2/warehouses", `{"name":"Shah_Alam","default":true}`, 422, "disabled"},
		{"new default warehouse", "POST", "/v2/warehouses", `{"name":"Shah_Alam","default":true,"status":"active"}`, 201, `"default":true`},
		{"default no longer", "PUT", "/v2/warehouses/4", `{"name":"Shah_Alam","default":false}`, 422, "stays the default"},
		{"unknown warehouse", "GET", "/v2/warehouses/99", "", 404, "warehouse 99"},
		{"stock in an unknown warehouse", "GET", "/v2/product/51001/warehouse/99/stock", "", 404, "warehouse 99"},
		{"negative warehouse stock", "POST", "/v2/product/51001/warehouse/1/stock", `{"quantity":-1}`, 400, "quantity"},
		{"group of a set without one", "GET", "/v2/product-set/7104/group", "", 404, "no product group"},
		{"empty group name", "POST", "/v2/product-set/7104/group", `{"name":" "}`, 400, "name"},
		{"rejections of an unknown set", "GET", "/v2/product-quality-control/rejected?productSetIds[]=7108&productSetIds[]=1", "", 403, "set 1"},
		{"reupload of a pending set", "POST", "/v2/reupload-to-shop/7107", "", 422, "pending"},
		{"score of a category without rules", "GET", "/v2/content-score/product-set/7106", "", 422, "no content score rules"},
		{"calculated score without rules", "POST", "/v2/content-score/score", `{"categoryId":41}`, 404, "no content score rules"},
		{"copying a SIN twice", "POST", "/v2/product-set/products/create-by-sin", `{"sin":"ZLMY8K2"}`, 400, "7111"},
		{"copying an unknown SIN", "POST", "/v2/product-set/products/create-by-sin", `{"sin":"NOPE"}`, 404, "NOPE"},
		{"product of another set", "GET", "/v2/product-set/7102/products/51001", "", 404, "no product 51001"},
		{"product sku taken", "POST", "/v2/product-set/7102/products", `{"sellerSku":"EGIFT-50"}`, 422, "taken"},
		{"product without sku", "POST", "/v2/product-set/7102/products", `{"variation":"XL"}`, 400, "sellerSku"},
		{"variation taken", "PUT", "/v2/product-set/7101/products/51001", `{"variation":"M"}`, 422, "variation"},
		{"activating a not authorized product", "PUT", "/v2/product-set/7112/products/51018/status?status=active", "", 422, "not authorized"},
		{"updating a deleted set", "PUT", "/v2/product-set/7110", `{"name":"Cushion"}`, 422, "deleted"},
		{"price in a country not sold in", "PUT", "/v2/product/51001/prices/ID", `{"price":10}`, 422, "does not sell in country"},
		{"price status without a price", "PUT", "/v2/product/51004/prices/SG/status", `{"status":"active"}`, 422, "no price in SG"},
		{"price status of an unknown product", "PUT", "/v2/product/1/prices/MY/status", `{"status":"active"}`, 404, "product 1"},
		{"stock of an unknown set", "GET", "/v2/stock/product-set/1", "", 404, "product set 1 does not exist"},
		{"consignment of an unknown product", "GET", "/v2/products/1/consignment-stocks", "", 404, "product 1"},
		{"status of an unknown feed", "GET", "/v2/feed/00000000-0000-4000-8000-000000000000/status", "", 404, "feed"},
		{"status of a malformed feed id", "GET", "/v2/feed/not-a-uuid/status", "", 400, "uuid"},
		{"input of an unknown feed", "GET", "/v2/feed/raw-input?feedUuidList[]=00000000-0000-4000-8000-000000000000", "", 404, "feed"},
		{"unknown brand", "GET", "/v2/brands/1", "", 404, "brand 1"},
		{"attributes of an unknown brand", "GET", "/v2/brands/1/attributes", "", 404, "brand 1"},
		{"unknown category", "GET", "/v2/category/1234", "", 404, "category 1234"},
		{"attributes of a deleted category", "GET", "/v2/category/213/attributes", "", 404, "category 213"},
		{"unknown attribute set", "GET", "/v2/attribute-sets/9", "", 404, "attribute set 9"},
		{"unknown attribute", "GET", "/v2/attributes/9999", "", 404, "attribute 9999"},
		{"feeds page too large", "GET", "/v2/feeds?limit=21&offset=0", "", 400, "limit"},
	}
	for _, tc := range cases {
		ct := ""
		switch {
		case strings.HasPrefix(tc.body, "\x00"):
			ct, tc.body = notPNG, tc.body[1:]
		case tc.body != "":
			ct = js
		}
		status, _, body := call(t, s, tok, tc.method, tc.path, ct, tc.body)
		if status != tc.want || !strings.Contains(string(body), tc.text) {
			t.Errorf("%s: %s %s = %d %.300s, want %d with %q", tc.name, tc.method, tc.path, status, body, tc.want, tc.text)
		}
	}

	// The overwrite replaced the image at position 2 and the new default
	// warehouse took the role from KL_Main.
	ims, err := s.Images(7101)
	if err != nil || len(ims) != 4 || ims[1].DisplayUrl != "https://img.example.com/b.jpg" {
		t.Errorf("Images(7101) = %+v, %v; want 4 images with b.jpg at position 2", ims, err)
	}
	c := apiClient(t, s)
	ctx := context.Background()
	ws, err := c.ListWarehousesWithResponse(ctx)
	if err != nil || ws.JSON200 == nil {
		t.Fatal(err)
	}
	defaults := 0
	for _, w := range *ws.JSON200 {
		if deref(w.Default) {
			defaults++
			if w.Name != "Shah_Alam" {
				t.Errorf("the default warehouse is %s, want Shah_Alam", w.Name)
			}
		}
	}
	if defaults != 1 {
		t.Errorf("listWarehouses has %d default warehouses, want 1", defaults)
	}
	// Stock updates now go to the new default warehouse.
	if _, err := c.UpdateProductStockWithResponse(ctx, []gen.ProductStock{{ProductId: 51006, Quantity: 2}}); err != nil {
		t.Fatal(err)
	}
	if w, _ := c.GetWarehouseStockWithResponse(ctx, 51006, 4); w.JSON200 == nil || w.JSON200.Quantity != 2 {
		t.Errorf("getWarehouseStock(51006, 4) = %s, want 2 in the new default warehouse", w.Body)
	}
	// Moving an image to position 1 makes it the cover.
	if _, err := c.UpdateProductSetImageWithResponse(ctx, 7101, ims[3].Id, gen.ProductImageUpdate{Position: ptr(1)}); err != nil {
		t.Fatal(err)
	}
	cover, err := c.ListProductSetCoverImagesWithResponse(ctx, &gen.ListProductSetCoverImagesParams{ProductSetIds: []int{7101, 7108}})
	if err != nil || cover.JSON200 == nil || len(*cover.JSON200) != 2 {
		t.Fatal(err)
	}
	if got := *cover.JSON200; deref(got[0].ImageUrl) != ims[3].DisplayUrl || got[1].ImageUrl != nil {
		t.Errorf("listProductSetCoverImages = %s, want the moved image for 7101 and none for 7108", cover.Body)
	}
	vis, err := c.ListProductSetVisibilityWithResponse(ctx, &gen.ListProductSetVisibilityParams{ProductSetIds: []int{7108, 7111}})
	if err != nil || vis.JSON200 == nil || len(*vis.JSON200) != 2 {
		t.Fatal(err)
	}
	if v := (*vis.JSON200)[0]; v.HasImages || v.QualityControlStatus != gen.ProductSetVisibilityQualityControlStatusRejected || v.IsLatestVersionUploaded {
		t.Errorf("listProductSetVisibility(7108) = %+v, want no images, rejected, not uploaded", v)
	}
	if v := (*vis.JSON200)[1]; !v.HasImages || v.IsLatestVersionUploaded || v.LatestVersionUploadedMessage == "Uploaded to shop" {
		t.Errorf("listProductSetVisibility(7111) = %+v, want images and a version not yet uploaded", v)
	}
	if r, _ := c.ReuploadProductSetWithResponse(ctx, 7111); r.JSON200 == nil || !r.JSON200.Success {
		t.Fatalf("reuploadProductSet(7111) = %s", r.Body)
	}
	up, _ := c.ListProductSetUploadStatusesWithResponse(ctx, &gen.ListProductSetUploadStatusesParams{ProductSetIds: []int{7111, 7107}})
	if up.JSON200 == nil || len(*up.JSON200) != 1 || (*up.JSON200)[0]["7111"].Message != "Uploaded to shop" {
		t.Errorf("listProductSetUploadStatuses(7111, 7107) = %s, want 7111 uploaded and the never uploaded 7107 left out", up.Body)
	}
	if status, _, _ := call(t, s, tok, http.MethodGet, "/v2/product-set/config-sku/KB512AA0A1B2MY", "", ""); status != 200 {
		t.Errorf("getProductSetByConfigSku(KB512AA0A1B2MY) = %d, want 200", status)
	}
}
