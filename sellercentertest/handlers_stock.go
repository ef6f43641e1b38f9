package sellercentertest

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/gen/server"
)

// --- images ---

// ListProductSetImages lists a set's images by position.
func (a *api) ListProductSetImages(_ context.Context, req server.ListProductSetImagesRequestObject) (server.ListProductSetImagesResponseObject, error) {
	st := a.st
	ps := st.setByID(req.ProductSetId)
	if ps == nil {
		return server.ListProductSetImages404JSONResponse{NotFoundJSONResponse: notFound("product set", req.ProductSetId)}, nil
	}
	out := server.ListProductSetImages200JSONResponse{}
	for _, im := range st.imagesOf(ps) {
		c, err := clone(*im)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// imageInput is an image to add or change, from JSON or a multipart form.
type imageInput struct {
	url       *string
	position  *int
	overwrite bool
	file      []byte
}

// readImageForm reads the multipart form of the image calls.
func readImageForm(form map[string]formFile) (imageInput, []violation) {
	var in imageInput
	var vs []violation
	if f, ok := form["file1"]; ok {
		in.file = f.data
		switch ct := http.DetectContentType(f.data); {
		case len(f.data) == 0:
			vs = append(vs, violation{path: "file1", title: "the file is empty"})
		case !strings.HasPrefix(ct, "image/"):
			vs = append(vs, violation{path: "file1", title: fmt.Sprintf("the file is %s, not an image", ct)})
		}
	}
	if f, ok := form["position"]; ok {
		n, err := strconv.Atoi(strings.TrimSpace(string(f.data)))
		if err != nil || n < 1 || n > maxImages {
			vs = append(vs, violation{path: "position", title: "the position must be a whole number from 1 to 8", value: string(f.data)})
		}
		in.position = &n
	}
	if f, ok := form["overwrite"]; ok {
		in.overwrite, _ = strconv.ParseBool(strings.TrimSpace(string(f.data)))
	}
	return in, vs
}

func (st *store) uploadedImageURL(ps *productSet) string {
	return fmt.Sprintf("https://img.sellercentertest.example/p/%d-u%d.jpg", ps.ps.Id, st.cat.nextImage)
}

// AddProductSetImage adds an image from a URL (JSON) or a file (multipart).
func (a *api) AddProductSetImage(_ context.Context, req server.AddProductSetImageRequestObject) (server.AddProductSetImageResponseObject, error) {
	var in imageInput
	if b := req.JSONBody; b != nil {
		in = imageInput{url: ptr(b.DisplayUrl), position: b.Position, overwrite: deref(b.Overwrite)}
	} else {
		form, err := readForm(req.MultipartBody)
		if err != nil {
			return server.AddProductSetImage400JSONResponse{BadRequestJSONResponse: badRequest(violation{title: err.Error()})}, nil
		}
		var vs []violation
		if in, vs = readImageForm(form); len(vs) > 0 {
			return server.AddProductSetImage400JSONResponse{BadRequestJSONResponse: badRequest(vs...)}, nil
		}
		if in.file == nil {
			return server.AddProductSetImage400JSONResponse{BadRequestJSONResponse: badRequest(violation{path: "file1", title: "the form has no file1 part"})}, nil
		}
	}
	if in.url != nil && !isImageURL(*in.url) {
		return server.AddProductSetImage400JSONResponse{BadRequestJSONResponse: badRequest(violation{path: "displayUrl",
			title: "the image URL must be an absolute http or https URL", value: *in.url})}, nil
	}
	st := a.st
	ps := st.setByID(req.ProductSetId)
	if ps == nil {
		return server.AddProductSetImage404JSONResponse{NotFoundJSONResponse: notFound("product set", req.ProductSetId)}, nil
	}
	pos := 0
	switch {
	case in.position == nil:
		if pos = st.freePosition(ps); pos == 0 {
			return server.AddProductSetImage422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(
				fmt.Sprintf("product set %d holds %d images, the most it may", req.ProductSetId, maxImages))}, nil
		}
	case in.overwrite:
		pos = *in.position
		for _, im := range st.imagesOf(ps) {
			if im.Position == pos {
				st.removeImage(ps, im.Id)
			}
		}
	default:
		pos = *in.position
		if len(ps.imageIDs) >= maxImages {
			return server.AddProductSetImage422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(
				fmt.Sprintf("product set %d holds %d images, the most it may; overwrite one instead", req.ProductSetId, maxImages))}, nil
		}
	}
	url := st.uploadedImageURL(ps)
	if in.url != nil {
		url = *in.url
	}
	im := st.addImage(ps, url, pos)
	st.touch(ps)
	out, err := clone(*im)
	return server.AddProductSetImage201JSONResponse(out), err
}

// imageIn finds an image of a set.
func (st *store) imageIn(setID, imageID int) (*productSet, *gen.ProductImage) {
	ps := st.setByID(setID)
	if ps == nil || !slices.Contains(ps.imageIDs, imageID) {
		return ps, nil
	}
	return ps, st.cat.images[imageID]
}

func imageNotFound(setID, imageID int) server.NotFoundJSONResponse {
	return server.NotFoundJSONResponse(problem(404, typeNotFound, "Entity not found",
		fmt.Sprintf("product set %d has no image %d", setID, imageID)))
}

// UpdateProductSetImage moves an image or replaces its source.
func (a *api) UpdateProductSetImage(_ context.Context, req server.UpdateProductSetImageRequestObject) (server.UpdateProductSetImageResponseObject, error) {
	var in imageInput
	if b := req.JSONBody; b != nil {
		in = imageInput{url: b.DisplayUrl, position: b.Position}
	} else {
		form, err := readForm(req.MultipartBody)
		if err != nil {
			return server.UpdateProductSetImage400JSONResponse{BadRequestJSONResponse: badRequest(violation{title: err.Error()})}, nil
		}
		var vs []violation
		if in, vs = readImageForm(form); len(vs) > 0 {
			return server.UpdateProductSetImage400JSONResponse{BadRequestJSONResponse: badRequest(vs...)}, nil
		}
	}
	if in.url != nil && !isImageURL(*in.url) {
		return server.UpdateProductSetImage400JSONResponse{BadRequestJSONResponse: badRequest(violation{path: "displayUrl",
			title: "the image URL must be an absolute http or https URL", value: *in.url})}, nil
	}
	if in.url == nil && in.position == nil && in.file == nil {
		return server.UpdateProductSetImage422JSONResponse{UnprocessableJSONResponse: unprocessableDetail("the request changes neither the position nor the image")}, nil
	}
	st := a.st
	ps, im := st.imageIn(req.ProductSetId, req.ImageId)
	if im == nil {
		return server.UpdateProductSetImage404JSONResponse{NotFoundJSONResponse: imageNotFound(req.ProductSetId, req.ImageId)}, nil
	}
	if in.position != nil {
		im.Position = *in.position
		switch {
		case *in.position == 1:
			ps.mainID = req.ImageId
		case ps.mainID == req.ImageId:
			ps.mainID = 0
		}
	}
	switch {
	case in.url != nil:
		im.DisplayUrl, im.SrcId = *in.url, nil
	case in.file != nil:
		im.DisplayUrl, im.SrcId = fmt.Sprintf("https://img.sellercentertest.example/p/%d-u%d-r.jpg", req.ProductSetId, req.ImageId), nil
	}
	im.UpdatedAt = st.stamp()
	st.touch(ps)
	out, err := clone(*im)
	return server.UpdateProductSetImage200JSONResponse(out), err
}

// DeleteProductSetImage deletes an image; positions are not renumbered.
func (a *api) DeleteProductSetImage(_ context.Context, req server.DeleteProductSetImageRequestObject) (server.DeleteProductSetImageResponseObject, error) {
	st := a.st
	ps, im := st.imageIn(req.ProductSetId, req.ImageId)
	if im == nil {
		return server.DeleteProductSetImage404JSONResponse{NotFoundJSONResponse: imageNotFound(req.ProductSetId, req.ImageId)}, nil
	}
	st.removeImage(ps, req.ImageId)
	st.touch(ps)
	return server.DeleteProductSetImage204Response{}, nil
}

// ListProductSetCoverImages gives the main image of sets; unknown sets get
// a null URL.
func (a *api) ListProductSetCoverImages(_ context.Context, req server.ListProductSetCoverImagesRequestObject) (server.ListProductSetCoverImagesResponseObject, error) {
	st := a.st
	ids := req.Params.ProductSetIds
	if len(ids) == 0 {
		ids = sortedKeys(st.cat.sets)
	}
	out := server.ListProductSetCoverImages200JSONResponse{}
	for _, id := range ids {
		c := gen.ProductSetCoverImage{ProductSetId: id}
		if ps := st.setByID(id); ps != nil {
			if im := st.mainImage(ps); im != nil {
				c.ImageUrl = ptr(im.DisplayUrl)
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// ListImagesOfProductSets gives every image URL of sets, cover first.
func (a *api) ListImagesOfProductSets(_ context.Context, req server.ListImagesOfProductSetsRequestObject) (server.ListImagesOfProductSetsResponseObject, error) {
	st := a.st
	ids := req.Params.ProductSetIds
	if len(ids) == 0 {
		ids = sortedKeys(st.cat.sets)
	}
	out := server.ListImagesOfProductSets200JSONResponse{}
	for _, id := range ids {
		links := []gen.ImageLink{}
		if ps := st.setByID(id); ps != nil {
			for _, im := range st.imagesOf(ps) {
				l := gen.ImageLink{Id: im.Id, DisplayUrl: im.DisplayUrl}
				if im.SrcId != nil {
					l.SrcId = ptr(*im.SrcId)
				}
				links = append(links, l)
			}
		}
		out = append(out, gen.ProductSetImages{ProductSetId: id, Images: links})
	}
	return out, nil
}

// ListMainImagesBySku gives the main image of the set of each product
// found by shop or seller SKU.
func (a *api) ListMainImagesBySku(_ context.Context, req server.ListMainImagesBySkuRequestObject) (server.ListMainImagesBySkuResponseObject, error) {
	st := a.st
	out := server.ListMainImagesBySku200JSONResponse{}
	for _, sku := range req.Params.ProductSkus {
		p := st.productByShopSku(sku)
		if p == nil {
			p = st.productBySellerSku(sku)
		}
		if p == nil {
			continue
		}
		m := gen.ProductMainImage{ProductSetId: p.p.ProductSetId, SellerSku: p.p.SellerSku}
		if p.p.ShopSku != nil {
			m.ShopSku = ptr(*p.p.ShopSku)
		}
		if im := st.mainImage(st.setOf(p)); im != nil {
			m.MainImageUrl = ptr(im.DisplayUrl)
		}
		out = append(out, m)
	}
	return out, nil
}

// ExportProductImages starts an export of the images of the matching sets.
func (a *api) ExportProductImages(ctx context.Context, req server.ExportProductImagesRequestObject) (server.ExportProductImagesResponseObject, error) {
	p := req.Params
	f, msg := productSetFilter(ctx, gen.ListProductSetsParams{BrandIds: p.BrandIds, CreateDateStart: p.CreateDateStart,
		CreateDateEnd: p.CreateDateEnd, Keyword: p.Keyword, Tags: p.Tags, UpdateDateStart: p.UpdateDateStart, UpdateDateEnd: p.UpdateDateEnd})
	if msg != "" {
		return server.ExportProductImages422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(msg)}, nil
	}
	f.missingImage = deref(p.OnlyWithMissingImage)
	st := a.st
	sets := st.filterSets(f)
	if p.OrderDirection == gen.ProductSetSortDirectionDESC {
		slices.Reverse(sets)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(append([]string{"SellerSku"}, imageColumns...)) // a bytes.Buffer does not fail
	for _, ps := range sets {
		row := make([]string, 1+len(imageColumns))
		if first := st.first(ps); first != nil {
			row[0] = first.p.SellerSku
		}
		for _, im := range st.imagesOf(ps) {
			if pos := im.Position; pos >= 1 && pos <= len(imageColumns) && row[pos] == "" {
				row[pos] = im.DisplayUrl
			}
		}
		_ = w.Write(row)
	}
	w.Flush()
	x := st.newExport(gen.ExportActionProductImage, "Product images", "csv", st.now(), b.Bytes(), mimeCSV)
	return server.ExportProductImages201JSONResponse{ExportItemId: x.id, Uuid: x.fileUUID}, nil
}

// --- prices ---

func (st *store) countryPrices(p *catProduct) []gen.CountryPrice {
	out := []gen.CountryPrice{}
	for _, code := range st.priceCountries(p) {
		pr := st.renderPrice(p, code)
		out = append(out, gen.CountryPrice{Country: pr.Country, Price: pr.Price, SalePrice: pr.SalePrice,
			SaleStartDate: pr.SaleStartDate, SaleEndDate: pr.SaleEndDate, Status: pr.Status})
	}
	return out
}

// ListPrices lists the prices of the products any filter matches, grouped
// by product set.
func (a *api) ListPrices(_ context.Context, req server.ListPricesRequestObject) (server.ListPricesResponseObject, error) {
	p := req.Params
	setIDs, productIDs := p.ProductSetIds, p.ProductIds
	uuids := map[string]bool{}
	for _, u := range p.ProductUuids {
		uuids[u.String()] = true
	}
	name := strings.ToLower(p.ProductName)
	anyFilter := len(setIDs) > 0 || len(productIDs) > 0 || len(uuids) > 0 || name != ""
	st := a.st
	out := server.ListPrices200JSONResponse{}
	for _, ps := range st.setsOrAll(nil) {
		var items []gen.ProductCountryPrices
		for _, pr := range st.productsOf(ps) {
			hit := !anyFilter || slices.Contains(setIDs, ps.ps.Id) || slices.Contains(productIDs, pr.p.Id) ||
				uuids[pr.p.Uuid] || name != "" && (strings.Contains(strings.ToLower(st.productName(pr)), name) ||
				strings.Contains(strings.ToLower(pr.p.SellerSku), name) || strings.Contains(strings.ToLower(deref(pr.p.ShopSku)), name))
			if hit {
				prices := st.countryPrices(pr)
				items = append(items, gen.ProductCountryPrices{ProductId: pr.p.Id, Prices: prices})
			}
		}
		if len(items) > 0 {
			out = append(out, gen.ProductSetPrices{ProductSetId: ps.ps.Id, Items: items})
		}
	}
	return out, nil
}

// ListProductSetPrices lists every price of a set's products.
func (a *api) ListProductSetPrices(_ context.Context, req server.ListProductSetPricesRequestObject) (server.ListProductSetPricesResponseObject, error) {
	st := a.st
	ps := st.setByID(req.ProductSetId)
	if ps == nil {
		return server.ListProductSetPrices404JSONResponse{NotFoundJSONResponse: notFound("product set", req.ProductSetId)}, nil
	}
	out := server.ListProductSetPrices200JSONResponse{}
	for _, p := range st.productsOf(ps) {
		for _, code := range st.priceCountries(p) {
			out = append(out, st.renderPrice(p, code))
		}
	}
	return out, nil
}

// priceFrom builds a price row from a write: price fields left out are
// cleared, the status is kept.
func priceFrom(old *priceRow, price, sale *float64, start, end *datetime.Time, status gen.PriceStatus) priceRow {
	r := priceRow{price: price, sale: sale, start: start, end: end, status: gen.PriceStatusActive}
	if old != nil {
		r.status = old.status
	}
	if status != "" {
		r.status = status
	}
	return r
}

// pricesResponse answers updateProductSetPrices as the API does: the one
// price object of the vendor's document for a one-row request, a list of
// prices for more. The generated 200 type, a named copy of the
// PriceUpdateResult union, loses the union's MarshalJSON and encodes as {}.
type pricesResponse []gen.Price

// VisitUpdateProductSetPricesResponse writes the price, or the prices as a
// JSON array.
func (r pricesResponse) VisitUpdateProductSetPricesResponse(w http.ResponseWriter) error {
	var v any = []gen.Price(r)
	if len(r) == 1 {
		v = r[0]
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(append(b, '\n'))
	return err
}

// UpdateProductSetPrices sets prices of a set's products row by row: valid
// rows are applied even when others fail, and the failures make a 422.
func (a *api) UpdateProductSetPrices(_ context.Context, req server.UpdateProductSetPricesRequestObject) (server.UpdateProductSetPricesResponseObject, error) {
	st := a.st
	ps := st.setByID(req.ProductSetId)
	if ps == nil {
		return server.UpdateProductSetPrices404JSONResponse{NotFoundJSONResponse: notFound("product set", req.ProductSetId)}, nil
	}
	var problems []string
	var applied []gen.Price
	write := st.writes.begin()
	for i, row := range deref(req.Body) {
		p := st.cat.products[row.ProductId]
		if p == nil || p.p.ProductSetId != req.ProductSetId {
			problems = append(problems, fmt.Sprintf("row %d: product set %d has no product %d", i, req.ProductSetId, row.ProductId))
			continue
		}
		code := strings.ToUpper(row.Country)
		r := priceFrom(p.prices[code], row.Price, row.SalePrice, row.SaleStartDate, row.SaleEndDate, row.Status)
		if field, msg := st.checkPrice(p, code, r, r.end != nil); msg != "" {
			problems = append(problems, fmt.Sprintf("row %d (product %d, %s): %s: %s", i, row.ProductId, code, field, msg))
			continue
		}
		p.prices[code] = &r
		st.writes.note(write, priceKey(p.p.Id, code), r.text())
		p.p.UpdatedAt = ptr(st.stamp())
		applied = append(applied, st.renderPrice(p, code))
	}
	if len(problems) > 0 {
		return server.UpdateProductSetPrices422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(strings.Join(problems, "; "))}, nil
	}
	return pricesResponse(applied), nil
}

// UpdateProductPrice sets one product's price in one country.
func (a *api) UpdateProductPrice(_ context.Context, req server.UpdateProductPriceRequestObject) (server.UpdateProductPriceResponseObject, error) {
	body := deref(req.Body)
	st := a.st
	p := st.cat.products[req.ProductId]
	if p == nil {
		return server.UpdateProductPrice404JSONResponse{NotFoundJSONResponse: notFound("product", req.ProductId)}, nil
	}
	code := strings.ToUpper(req.Country)
	r := priceFrom(p.prices[code], body.Price, body.SalePrice, body.SaleStartDate, body.SaleEndDate, body.Status)
	if field, msg := st.checkPrice(p, code, r, r.end != nil); msg != "" {
		return server.UpdateProductPrice422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(field + ": " + msg)}, nil
	}
	p.prices[code] = &r
	st.writes.note(st.writes.begin(), priceKey(p.p.Id, code), r.text())
	p.p.UpdatedAt = ptr(st.stamp())
	return server.UpdateProductPrice200JSONResponse(st.renderPrice(p, code)), nil
}

// SetProductPriceStatus starts or stops selling a product in a country,
// keeping its price.
func (a *api) SetProductPriceStatus(_ context.Context, req server.SetProductPriceStatusRequestObject) (server.SetProductPriceStatusResponseObject, error) {
	st := a.st
	p := st.cat.products[req.ProductId]
	if p == nil {
		return server.SetProductPriceStatus404JSONResponse{NotFoundJSONResponse: notFound("product", req.ProductId)}, nil
	}
	code := strings.ToUpper(req.Country)
	r := p.prices[code]
	switch {
	case !st.cat.hasCountry(code):
		return server.SetProductPriceStatus422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(fmt.Sprintf("the seller does not sell in country %q", code))}, nil
	case r == nil || r.price == nil:
		return server.SetProductPriceStatus422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(
			fmt.Sprintf("product %d has no price in %s; set one with updateProductPrice first", req.ProductId, code))}, nil
	}
	r.status = deref(req.Body).Status
	p.p.UpdatedAt = ptr(st.stamp())
	return server.SetProductPriceStatus204Response{}, nil
}

// --- stock ---

// UpdateProductStock sets the stock of products in the default warehouse.
// Products that cannot take it (unknown, or held by the marketplace) are
// skipped and returned; a negative quantity fails the whole request.
func (a *api) UpdateProductStock(_ context.Context, req server.UpdateProductStockRequestObject) (server.UpdateProductStockResponseObject, error) {
	rows := deref(req.Body)
	var bad []string
	for i, r := range rows {
		if r.Quantity < 0 {
			bad = append(bad, fmt.Sprintf("row %d (product %d): the quantity %d is negative", i, r.ProductId, r.Quantity))
		}
	}
	if len(bad) > 0 {
		return server.UpdateProductStock422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(strings.Join(bad, "; "))}, nil
	}
	st := a.st
	skipped := server.UpdateProductStock200JSONResponse{}
	write := st.writes.begin()
	for _, r := range rows {
		p := st.cat.products[r.ProductId]
		if p == nil || p.p.ShipmentTypeId == shipWarehouse {
			skipped = append(skipped, r)
			continue
		}
		st.setStock(p, st.defaultWarehouse(), r.Quantity)
		st.writes.note(write, stockKey(r.ProductId), strconv.Itoa(r.Quantity))
	}
	return skipped, nil
}

// GetProductStock returns a product's stock figures.
func (a *api) GetProductStock(_ context.Context, req server.GetProductStockRequestObject) (server.GetProductStockResponseObject, error) {
	st := a.st
	p := st.cat.products[req.ProductId]
	if p == nil {
		return server.GetProductStock404JSONResponse{NotFoundJSONResponse: notFound("product", req.ProductId)}, nil
	}
	return server.GetProductStock200JSONResponse(st.stockLevel(p)), nil
}

// ListProductSetStock returns the stock figures of a set's products.
func (a *api) ListProductSetStock(_ context.Context, req server.ListProductSetStockRequestObject) (server.ListProductSetStockResponseObject, error) {
	st := a.st
	ps := st.setByID(req.ProductSetId)
	if ps == nil {
		return server.ListProductSetStock404JSONResponse{NotFoundJSONResponse: notFound("product set", req.ProductSetId)}, nil
	}
	out := server.ListProductSetStock200JSONResponse{}
	for _, p := range st.productsOf(ps) {
		out = append(out, st.stockLevel(p))
	}
	return out, nil
}

// ListProductSetStockSummaries sums stock over sets; unknown sets give
// zeros.
func (a *api) ListProductSetStockSummaries(_ context.Context, req server.ListProductSetStockSummariesRequestObject) (server.ListProductSetStockSummariesResponseObject, error) {
	st := a.st
	out := server.ListProductSetStockSummaries200JSONResponse{}
	for _, id := range req.Params.ProductSetIds {
		var sum, fulfil, reserved, sellable, nonSellable int
		zero, consign := false, false
		if ps := st.setByID(id); ps != nil {
			for _, p := range st.productsOf(ps) {
				if p.p.Status == gen.ProductStatusDeleted {
					continue
				}
				sum += st.quantity(p)
				fulfil += p.consign.received
				reserved += st.reserved(p)
				sellable += p.consign.sellable()
				nonSellable += p.consign.nonSellable()
				zero = zero || st.available(p) == 0
				consign = consign || p.p.ShipmentTypeId == shipWarehouse
			}
		}
		out = append(out, gen.ProductSetStockSummary{ProductSetId: id, SumOfStocks: sum, HasProductWithZeroStock: zero,
			FulfilmentStock: fulfil, ReservedStock: reserved, SellableStock: sellable, NonSellableStock: nonSellable,
			IsConsignmentShipment: consign})
	}
	return out, nil
}

// GetProductConsignmentStock returns a product's consignment counters.
func (a *api) GetProductConsignmentStock(_ context.Context, req server.GetProductConsignmentStockRequestObject) (server.GetProductConsignmentStockResponseObject, error) {
	st := a.st
	p := st.cat.products[req.ProductId]
	if p == nil {
		return server.GetProductConsignmentStock404JSONResponse{NotFoundJSONResponse: notFound("product", req.ProductId)}, nil
	}
	c := p.consign
	out := server.GetProductConsignmentStock200JSONResponse{ProductId: req.ProductId, Received: c.received,
		Quarantined: c.quarantined, Defective: c.defective, Canceled: c.canceled, Returned: c.returned, Failed: c.failed}
	if c.id != 0 {
		out.Id = c.id
	}
	return out, nil
}

// productAndWarehouse finds a product and one of the seller's warehouses.
func (st *store) productAndWarehouse(productID, warehouseID int) (*catProduct, *gen.Warehouse, string) {
	p := st.cat.products[productID]
	w := st.cat.warehouses[warehouseID]
	switch {
	case p == nil:
		return nil, nil, fmt.Sprintf("product %d does not exist", productID)
	case w == nil:
		return nil, nil, fmt.Sprintf("warehouse %d does not exist", warehouseID)
	}
	return p, w, ""
}

// GetWarehouseStock returns a product's quantity in one warehouse.
func (a *api) GetWarehouseStock(_ context.Context, req server.GetWarehouseStockRequestObject) (server.GetWarehouseStockResponseObject, error) {
	st := a.st
	p, _, msg := st.productAndWarehouse(req.ProductId, req.WarehouseId)
	if p == nil {
		return server.GetWarehouseStock404JSONResponse{NotFoundJSONResponse: server.NotFoundJSONResponse(problem(404, typeNotFound, "Entity not found", msg))}, nil
	}
	return server.GetWarehouseStock200JSONResponse{Quantity: p.stock[req.WarehouseId]}, nil
}

// SetWarehouseStock sets a product's quantity in one active warehouse.
func (a *api) SetWarehouseStock(_ context.Context, req server.SetWarehouseStockRequestObject) (server.SetWarehouseStockResponseObject, error) {
	q := deref(req.Body).Quantity
	st := a.st
	p, w, msg := st.productAndWarehouse(req.ProductId, req.WarehouseId)
	switch {
	case p == nil:
		return server.SetWarehouseStock404JSONResponse{NotFoundJSONResponse: server.NotFoundJSONResponse(problem(404, typeNotFound, "Entity not found", msg))}, nil
	case deref(w.Status) != gen.WarehouseStatusActive:
		return server.SetWarehouseStock422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(fmt.Sprintf("warehouse %d (%s) is %s", req.WarehouseId, w.Name, deref(w.Status)))}, nil
	case p.p.ShipmentTypeId == shipWarehouse:
		return server.SetWarehouseStock422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(fmt.Sprintf("the marketplace holds the stock of product %d", req.ProductId))}, nil
	case q < 0:
		return server.SetWarehouseStock422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(fmt.Sprintf("the quantity %d is negative", q))}, nil
	}
	st.setStock(p, req.WarehouseId, q)
	return server.SetWarehouseStock200JSONResponse{Quantity: q}, nil
}

// --- warehouses ---

var warehouseName = regexp.MustCompile(`^[A-Za-z0-9_]+$`)

// ListWarehouses lists the seller's warehouses.
func (a *api) ListWarehouses(_ context.Context, _ server.ListWarehousesRequestObject) (server.ListWarehousesResponseObject, error) {
	st := a.st
	out := server.ListWarehouses200JSONResponse{}
	for _, id := range sortedKeys(st.cat.warehouses) {
		out = append(out, *st.cat.warehouses[id])
	}
	return clone(out)
}

// checkWarehouse returns why w cannot be stored as warehouse id (0 for a new
// one), or "".
func (st *store) checkWarehouse(id int, w gen.Warehouse) string {
	if !warehouseName.MatchString(w.Name) {
		return fmt.Sprintf("the warehouse name %q may hold only letters, digits and underscores", w.Name)
	}
	for _, other := range st.cat.warehouses {
		if deref(other.Id) != id && strings.EqualFold(other.Name, w.Name) {
			return fmt.Sprintf("warehouse %d is named %s already", deref(other.Id), other.Name)
		}
	}
	if deref(w.Default) && deref(w.Status) != gen.WarehouseStatusActive {
		return "a disabled warehouse cannot be the default one"
	}
	return ""
}

// storeWarehouse writes w as warehouse id, applying the defaults of the
// schema and keeping one default warehouse.
func (st *store) storeWarehouse(id int, w gen.Warehouse) *gen.Warehouse {
	w.Id, w.SellerId = ptr(id), ptr(st.seller.Id)
	if w.Status == nil {
		w.Status = ptr(gen.WarehouseStatusDisabled)
	}
	for _, b := range []**bool{&w.Default, &w.IsSynced, &w.IsInShoppingMall} {
		if *b == nil {
			*b = ptr(false)
		}
	}
	if *w.Default {
		for _, other := range st.cat.warehouses {
			other.Default = ptr(false)
		}
	}
	st.cat.warehouses[id] = &w
	return &w
}

// CreateWarehouse creates a warehouse.
func (a *api) CreateWarehouse(_ context.Context, req server.CreateWarehouseRequestObject) (server.CreateWarehouseResponseObject, error) {
	w, err := clone(deref(req.Body))
	if err != nil {
		return nil, err
	}
	if w.Status == nil {
		w.Status = ptr(gen.WarehouseStatusDisabled)
	}
	st := a.st
	if msg := st.checkWarehouse(0, w); msg != "" {
		return server.CreateWarehouse422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(msg)}, nil
	}
	id := st.cat.nextWarehouse
	st.cat.nextWarehouse++
	out, err := clone(*st.storeWarehouse(id, w))
	return server.CreateWarehouse201JSONResponse(out), err
}

// GetWarehouse returns one warehouse.
func (a *api) GetWarehouse(_ context.Context, req server.GetWarehouseRequestObject) (server.GetWarehouseResponseObject, error) {
	st := a.st
	w := st.cat.warehouses[req.WarehouseId]
	if w == nil {
		return server.GetWarehouse404JSONResponse{NotFoundJSONResponse: notFound("warehouse", req.WarehouseId)}, nil
	}
	out, err := clone(*w)
	return server.GetWarehouse200JSONResponse(out), err
}

// UpdateWarehouse replaces a warehouse's fields.
func (a *api) UpdateWarehouse(_ context.Context, req server.UpdateWarehouseRequestObject) (server.UpdateWarehouseResponseObject, error) {
	w, err := clone(deref(req.Body))
	if err != nil {
		return nil, err
	}
	st := a.st
	old := st.cat.warehouses[req.WarehouseId]
	if old == nil {
		return server.UpdateWarehouse404JSONResponse{NotFoundJSONResponse: notFound("warehouse", req.WarehouseId)}, nil
	}
	if deref(old.Default) && w.Default != nil && !*w.Default {
		return server.UpdateWarehouse422JSONResponse{UnprocessableJSONResponse: unprocessableDetail("the default warehouse stays the default until another one is made the default")}, nil
	}
	if w.Default == nil {
		w.Default = ptr(deref(old.Default))
	}
	if w.Status == nil {
		w.Status = ptr(deref(old.Status))
	}
	if msg := st.checkWarehouse(req.WarehouseId, w); msg != "" {
		return server.UpdateWarehouse422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(msg)}, nil
	}
	out, err := clone(*st.storeWarehouse(req.WarehouseId, w))
	return server.UpdateWarehouse200JSONResponse(out), err
}

// --- tags ---

// ListProductSetTags lists the tags of sets; a set without tags, or an
// unknown one, comes once with no tag.
func (a *api) ListProductSetTags(_ context.Context, req server.ListProductSetTagsRequestObject) (server.ListProductSetTagsResponseObject, error) {
	st := a.st
	out := server.ListProductSetTags200JSONResponse{}
	for _, id := range req.Params.ProductSetIds {
		var tags []int
		if ps := st.setByID(id); ps != nil {
			tags = ps.tagIDs
		}
		if len(tags) == 0 {
			out = append(out, gen.ProductSetTag{ProductSetId: id})
		}
		for _, t := range tags {
			for _, known := range st.cat.productTags {
				if known.Id == t {
					out = append(out, gen.ProductSetTag{ProductSetId: id, TagId: ptr(t), TagName: ptr(known.Name)})
				}
			}
		}
	}
	return out, nil
}

// ListProductTags lists the tags product sets can carry.
func (a *api) ListProductTags(_ context.Context, _ server.ListProductTagsRequestObject) (server.ListProductTagsResponseObject, error) {
	st := a.st
	return server.ListProductTags200JSONResponse(append([]gen.ProductTag{}, st.cat.productTags...)), nil
}

// ListSellerTags pages through sellers with their tags: the fake knows one
// seller.
func (a *api) ListSellerTags(_ context.Context, req server.ListSellerTagsRequestObject) (server.ListSellerTagsResponseObject, error) {
	st := a.st
	all := []gen.SellerTags{{SellerId: st.seller.Id, Tags: append([]string{}, st.cat.sellerTags...)}}
	from, to, _ := page(len(all), req.Params.Offset, req.Params.Limit)
	return server.ListSellerTags200JSONResponse{Items: all[from:to], Pagination: gen.Pagination{
		Limit: req.Params.Limit, Offset: req.Params.Offset, TotalCount: len(all)}}, nil
}
