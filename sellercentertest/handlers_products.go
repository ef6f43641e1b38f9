package sellercentertest

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/gen/server"
)

func unprocessableDetail(detail string) server.UnprocessableJSONResponse {
	return ruleProblem(detail)
}

func badRequest(vs ...violation) server.BadRequestJSONResponse {
	return server.BadRequestJSONResponse(validationProblem(vs))
}

func forbidden(detail string) server.ForbiddenJSONResponse {
	return server.ForbiddenJSONResponse(problem(403, "access_denied", "Access Denied", detail))
}

// maxSetPage is the page size the API caps product set and attribute lists
// at, without saying so.
const maxSetPage = 100

// datesInOrder returns why two date filters contradict each other, or "".
func datesInOrder(startName string, start datetime.Time, endName string, end datetime.Time) string {
	if !start.IsZero() && !end.IsZero() && lower(start).After(upper(end)) {
		return fmt.Sprintf("%s %s is after %s %s", startName, start, endName, end)
	}
	return ""
}

func productSetFilter(ctx context.Context, p gen.ListProductSetsParams) (setFilter, string) {
	dateParams(ctx, map[string]*datetime.Time{"createDateStart": &p.CreateDateStart, "createDateEnd": &p.CreateDateEnd,
		"updateDateStart": &p.UpdateDateStart, "updateDateEnd": &p.UpdateDateEnd})
	f := setFilter{section: p.Status, keyword: p.Keyword, createStart: p.CreateDateStart, createEnd: p.CreateDateEnd,
		updateStart: p.UpdateDateStart, updateEnd: p.UpdateDateEnd, brands: p.BrandIds, categories: p.CategoryIds,
		tags: p.Tags, syncing: p.Visibility != "", inStock: p.InStock, reserved: p.Reserved,
		onlyWithTags: deref(p.OnlyWithTags), parentSku: p.ParentSku, uuids: p.ProductSetUuids,
		ids: p.ProductSetIds, group: p.Group}
	msg := datesInOrder("createDateStart", f.createStart, "createDateEnd", f.createEnd)
	if msg == "" {
		msg = datesInOrder("updateDateStart", f.updateStart, "updateDateEnd", f.updateEnd)
	}
	return f, msg
}

// ListProductSets lists product sets one page at a time.
func (a *api) ListProductSets(ctx context.Context, req server.ListProductSetsRequestObject) (server.ListProductSetsResponseObject, error) {
	p := req.Params
	f, msg := productSetFilter(ctx, p)
	if msg != "" {
		return server.ListProductSets422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(msg)}, nil
	}
	st := a.st
	sets := st.filterSets(f)
	if p.OrderBy != "" || p.OrderDirection != "" {
		desc := p.OrderDirection == gen.ProductSetSortDirectionDESC
		sort.SliceStable(sets, func(i, j int) bool {
			ti, tj := sets[i].ps.CreatedAt.Time, sets[j].ps.CreatedAt.Time
			if ti.Equal(tj) {
				return (sets[i].ps.Id < sets[j].ps.Id) != desc
			}
			return ti.Before(tj) != desc
		})
	}
	limit := min(p.Limit, maxSetPage)
	from, to, _ := page(len(sets), p.Offset, limit)
	out := server.ListProductSets200JSONResponse{Items: []gen.ProductSet{}, Pagination: gen.Pagination{
		Limit: limit, Offset: p.Offset, TotalCount: len(sets)}}
	for _, ps := range sets[from:to] {
		r, err := st.renderSet(ps)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, r)
	}
	return out, nil
}

// CountProductSetsByAttributeSet counts the matching product sets per
// attribute set.
func (a *api) CountProductSetsByAttributeSet(ctx context.Context, req server.CountProductSetsByAttributeSetRequestObject) (server.CountProductSetsByAttributeSetResponseObject, error) {
	p := req.Params
	f, msg := productSetFilter(ctx, gen.ListProductSetsParams{Status: p.Status, Keyword: p.Keyword,
		CreateDateStart: p.CreateDateStart, CreateDateEnd: p.CreateDateEnd, UpdateDateStart: p.UpdateDateStart,
		UpdateDateEnd: p.UpdateDateEnd, BrandIds: p.BrandIds, Tags: p.Tags, Visibility: p.Visibility, InStock: p.InStock,
		Reserved: p.Reserved, CategoryIds: p.CategoryIds, OnlyWithTags: p.OnlyWithTags, ParentSku: p.ParentSku, Group: p.Group})
	if msg != "" {
		return server.CountProductSetsByAttributeSet422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(msg)}, nil
	}
	st := a.st
	counts := map[int]int{}
	for _, ps := range st.filterSets(f) {
		counts[ps.ps.AttributeSetId]++
	}
	ids := sortedKeys(counts)
	from, to, _ := page(len(ids), p.Offset, p.Limit)
	out := server.CountProductSetsByAttributeSet200JSONResponse{}
	for _, id := range ids[from:to] {
		out = append(out, gen.ProductSetCount{AttributeSetId: id, Count: counts[id]})
	}
	return out, nil
}

// CreateProductSet creates a product set with its first product, pending
// quality control.
func (a *api) CreateProductSet(_ context.Context, req server.CreateProductSetRequestObject) (server.CreateProductSetResponseObject, error) {
	st := a.st
	ps, err := st.createSet(deref(req.Body))
	if err != nil {
		return server.CreateProductSet422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(err.Error())}, nil
	}
	out, err := st.renderSet(ps)
	return server.CreateProductSet201JSONResponse(out), err
}

// GetProductSetSamplePayload builds an example createProductSet body for a
// category from its attributes.
func (a *api) GetProductSetSamplePayload(_ context.Context, req server.GetProductSetSamplePayloadRequestObject) (server.GetProductSetSamplePayloadResponseObject, error) {
	st := a.st
	cat, msg := st.leafCategory(req.CategoryId)
	if cat == nil {
		return server.GetProductSetSamplePayload422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(msg)}, nil
	}
	comments := deref(req.Params.HideComments) != 1
	full := deref(req.Params.ShowFull) == 1
	brand := 0
	for _, id := range sortedKeys(st.cat.brands) {
		if brandUsable(st.cat.brands[id]) {
			brand = id
			break
		}
	}
	out := server.GetProductSetSamplePayload200JSONResponse{PrimaryCategoryId: ptr(cat.id), Name: ptr("Sample " + cat.name),
		BrandId: ptr(brand), Price: ptr(99.9), Description: ptr("<p>What the product is, in a few sentences.</p>"),
		SellerSku: ptr("SAMPLE-1"), Variation: ptr("M")}
	if comments {
		out.CommentPrimaryCategoryId = ptr("Id of the primary category")
		out.CommentName = ptr("A descriptive product name")
		out.CommentBrandId = ptr("Id of a brand the seller may use")
		out.CommentPrice = ptr("A decimal price in " + st.cat.currency(defaultCountry))
		out.CommentDescription = ptr("Customer-facing text; simple HTML is allowed")
		out.CommentSellerSku = ptr("The seller's own SKU, unique per seller")
		out.CommentVariation = ptr("The size or other variation, as text")
	}
	attrs := gen.ProductSetAttributes{}
	for _, at := range st.cat.attributesOf(cat.attrSetID, false) {
		if at.kind() == gen.AttributeDefinitionAttributeTypeSystem || !full && !at.def.IsMandatory {
			continue
		}
		def, err := st.cat.definition(at, cat)
		if err != nil {
			return nil, err
		}
		key := fmt.Sprint(deref(at.def.Id))
		v := &gen.ProductSetAttributeValue{}
		switch opts := def.Options; {
		case at.kind() == gen.AttributeDefinitionAttributeTypeMultiOption && len(opts) > 0:
			err = v.FromProductSetAttributeOptions([]int{opts[0].Id})
		case len(opts) > 0:
			err = v.FromProductSetAttributeOption(opts[0].Id)
		default:
			err = v.FromProductSetAttributeText(deref(def.ExampleValue) + "")
		}
		if err != nil {
			return nil, err
		}
		attrs[key] = v
		if comments {
			c := &gen.ProductSetAttributeValue{}
			if err := c.FromProductSetAttributeText(fmt.Sprintf("Id of attribute %s (%s)", key, at.def.FeedName)); err != nil {
				return nil, err
			}
			attrs["__comment_"+key] = c
		}
	}
	out.Attributes = attrs
	return out, nil
}

func (st *store) setByID(id int) *productSet { return st.cat.sets[id] }

// GetProductSet returns one product set.
func (a *api) GetProductSet(_ context.Context, req server.GetProductSetRequestObject) (server.GetProductSetResponseObject, error) {
	st := a.st
	ps := st.setByID(req.ProductSetId)
	if ps == nil {
		return server.GetProductSet404JSONResponse{NotFoundJSONResponse: notFound("product set", req.ProductSetId)}, nil
	}
	out, err := st.renderSet(ps)
	return server.GetProductSet200JSONResponse(out), err
}

// UpdateProductSet changes the set-level fields of a product set.
func (a *api) UpdateProductSet(_ context.Context, req server.UpdateProductSetRequestObject) (server.UpdateProductSetResponseObject, error) {
	body := deref(req.Body)
	st := a.st
	ps := st.setByID(req.ProductSetId)
	if ps == nil {
		return server.UpdateProductSet404JSONResponse{NotFoundJSONResponse: notFound("product set", req.ProductSetId)}, nil
	}
	fail := func(detail string) (server.UpdateProductSetResponseObject, error) {
		return server.UpdateProductSet422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(detail)}, nil
	}
	if st.inSetSection(ps, gen.ProductSetSectionDeletedAll) {
		return fail(fmt.Sprintf("every product of product set %d is deleted; restore one with setProductStatus first", req.ProductSetId))
	}
	var problems []string
	if body.BrandId != nil {
		if msg := st.checkBrand(*body.BrandId); msg != "" {
			problems = append(problems, msg)
		}
	}
	cat := st.cat.categories[ps.ps.PrimaryCategoryId]
	if body.PrimaryCategoryId != nil {
		var msg string
		if cat, msg = st.leafCategory(*body.PrimaryCategoryId); cat == nil {
			problems = append(problems, msg)
		}
	}
	if body.Name != nil && strings.TrimSpace(*body.Name) == "" {
		problems = append(problems, "the name is empty")
	}
	if body.ParentSku != nil {
		if other := st.setByParentSku(*body.ParentSku); other != nil && other != ps {
			problems = append(problems, fmt.Sprintf("parentSku %q is taken by product set %d", *body.ParentSku, other.ps.Id))
		}
	}
	var attrs gen.ProductSetAttributes
	if cat != nil {
		if body.Categories != nil {
			if msg := st.checkCategories(cat, body.Categories, true); msg != "" {
				problems = append(problems, msg)
			}
		}
		if body.BrowseNodes != nil {
			if msg := st.checkCategories(cat, body.BrowseNodes, false); msg != "" {
				problems = append(problems, msg)
			}
		}
		merged := gen.ProductSetAttributes{}
		if cat.attrSetID == ps.ps.AttributeSetId {
			for k, v := range ps.ps.Attributes {
				merged[k] = v
			}
		}
		for k, v := range body.Attributes {
			merged[k] = v
		}
		var ps2 []string
		attrs, ps2 = st.checkAttributes(cat.attrSetID, cat, merged)
		problems = append(problems, ps2...)
		for _, name := range st.missingMandatory(cat.attrSetID, attrs) {
			problems = append(problems, "the category needs attribute "+name)
		}
	}
	if len(problems) > 0 {
		return fail(strings.Join(problems, "; "))
	}
	s := &ps.ps
	if body.Name != nil {
		s.Name = *body.Name
	}
	if body.Description != nil {
		s.Description = ptr(*body.Description)
	}
	if body.ParentSku != nil {
		s.ParentSku = ptr(*body.ParentSku)
	}
	if body.BrandId != nil {
		s.BrandId = *body.BrandId
	}
	if cat != nil {
		s.PrimaryCategoryId, s.AttributeSetId = cat.id, cat.attrSetID
		s.Name = st.nomenclature(cat, s.Name, s.BrandId, attrs)
	}
	if body.Categories != nil {
		s.Categories = append([]int{}, body.Categories...)
	}
	if body.BrowseNodes != nil {
		s.BrowseNodes = append([]int{}, body.BrowseNodes...)
	}
	if body.SizeSystem != nil {
		s.SizeSystem = ptr(*body.SizeSystem)
	}
	s.Attributes = attrs
	st.touch(ps)
	out, err := st.renderSet(ps)
	return server.UpdateProductSet200JSONResponse(out), err
}

// GetProductSetByParentSku returns the product set with a parent SKU.
func (a *api) GetProductSetByParentSku(_ context.Context, req server.GetProductSetByParentSkuRequestObject) (server.GetProductSetByParentSkuResponseObject, error) {
	st := a.st
	ps := st.setByParentSku(req.ParentSku)
	if ps == nil {
		return server.GetProductSetByParentSku404JSONResponse{NotFoundJSONResponse: notFound("product set with parent SKU", req.ParentSku)}, nil
	}
	out, err := st.renderSet(ps)
	return server.GetProductSetByParentSku200JSONResponse(out), err
}

// GetProductSetByConfigSku returns the product set with a config SKU.
func (a *api) GetProductSetByConfigSku(_ context.Context, req server.GetProductSetByConfigSkuRequestObject) (server.GetProductSetByConfigSkuResponseObject, error) {
	st := a.st
	for _, id := range sortedKeys(st.cat.sets) {
		if ps := st.cat.sets[id]; ps.configSku != "" && ps.configSku == req.ConfigSku && ps.everUploaded {
			out, err := st.renderSet(ps)
			return server.GetProductSetByConfigSku200JSONResponse(out), err
		}
	}
	return server.GetProductSetByConfigSku404JSONResponse{NotFoundJSONResponse: notFound("product set with config SKU", req.ConfigSku)}, nil
}

// visibility says which shop visibility conditions a set meets.
func (st *store) visibility(ps *productSet) gen.ProductSetVisibility {
	products := st.productsOf(ps)
	active, zeroPrice, zeroStock := false, false, false
	for _, p := range products {
		if p.p.Status == gen.ProductStatusDeleted {
			continue
		}
		active = active || p.p.Status == gen.ProductStatusActive
		zeroStock = zeroStock || st.available(p) == 0
		for _, r := range p.prices {
			zeroPrice = zeroPrice || r.price != nil && *r.price == 0
		}
		zeroPrice = zeroPrice || len(st.priceCountries(p)) == 0
	}
	b := st.cat.brands[ps.ps.BrandId]
	catsActive := true
	for _, id := range append([]int{ps.ps.PrimaryCategoryId}, ps.ps.Categories...) {
		if c := st.cat.categories[id]; c == nil || !st.cat.usable(c) {
			catsActive = false
		}
	}
	qc := map[gen.QualityControlState]gen.ProductSetVisibilityQualityControlStatus{
		gen.QualityControlStateApproved: gen.ProductSetVisibilityQualityControlStatusAccepted,
		gen.QualityControlStateRejected: gen.ProductSetVisibilityQualityControlStatusRejected,
		gen.QualityControlStatePending:  gen.ProductSetVisibilityQualityControlStatusPending,
	}[ps.qc]
	return gen.ProductSetVisibility{ProductSetId: ps.ps.Id, HasAtLeastOneActiveProduct: active,
		IsSellerActive: st.seller.Status == gen.SellerStatusActive, IsBrandActive: b != nil && b.Status == gen.BrandStatusActive,
		HasZeroPrices: zeroPrice, HasZeroStocks: zeroStock, HasImages: len(ps.imageIDs) > 0,
		HasActiveCategories: catsActive, IsBrandApproved: b != nil && brandUsable(b),
		IsProductSetAuthorized: !ps.notAuthorized, IsLatestVersionUploaded: ps.uploaded,
		LatestVersionUploadedMessage: uploadMessage(ps), QualityControlStatus: qc}
}

func uploadMessage(ps *productSet) string {
	if ps.uploaded {
		return "Uploaded to shop"
	}
	return "Latest version not yet uploaded to shop"
}

// setsOrAll returns the sets with ids, skipping unknown ones, or every set
// when ids is empty.
func (st *store) setsOrAll(ids []int) []*productSet {
	if len(ids) == 0 {
		ids = sortedKeys(st.cat.sets)
	}
	var out []*productSet
	for _, id := range ids {
		if ps := st.cat.sets[id]; ps != nil {
			out = append(out, ps)
		}
	}
	return out
}

// ListProductSetVisibility explains the shop visibility of product sets.
func (a *api) ListProductSetVisibility(_ context.Context, req server.ListProductSetVisibilityRequestObject) (server.ListProductSetVisibilityResponseObject, error) {
	st := a.st
	out := server.ListProductSetVisibility200JSONResponse{}
	for _, ps := range st.setsOrAll(req.Params.ProductSetIds) {
		out = append(out, st.visibility(ps))
	}
	return out, nil
}

// ReuploadProductSet puts an approved set's latest version in the shop.
func (a *api) ReuploadProductSet(_ context.Context, req server.ReuploadProductSetRequestObject) (server.ReuploadProductSetResponseObject, error) {
	st := a.st
	ps := st.setByID(req.ProductSetId)
	switch {
	case ps == nil:
		return server.ReuploadProductSet404JSONResponse{NotFoundJSONResponse: notFound("product set", req.ProductSetId)}, nil
	case ps.qc != gen.QualityControlStateApproved || ps.notAuthorized:
		return server.ReuploadProductSet422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(
			fmt.Sprintf("product set %d has quality control status %s; only approved sets are uploaded", req.ProductSetId, ps.qc))}, nil
	}
	st.upload(ps)
	return server.ReuploadProductSet200JSONResponse{Success: true}, nil
}

// ListProductSetUploadStatuses reports whether each set's latest version
// reached the shop; sets never uploaded are left out.
func (a *api) ListProductSetUploadStatuses(_ context.Context, req server.ListProductSetUploadStatusesRequestObject) (server.ListProductSetUploadStatusesResponseObject, error) {
	st := a.st
	out := server.ListProductSetUploadStatuses200JSONResponse{}
	for _, ps := range st.setsOrAll(req.Params.ProductSetIds) {
		if !ps.everUploaded {
			continue
		}
		class := "iconset-visible"
		if !ps.uploaded {
			class = "iconset-sync"
		}
		out = append(out, gen.ProductSetUploadStatuses{fmt.Sprint(ps.ps.Id): {
			SyncClass: class, Message: uploadMessage(ps), DirtStatus: !ps.uploaded}})
	}
	return out, nil
}

// ListProductGroups lists the group names used with a brand.
func (a *api) ListProductGroups(_ context.Context, req server.ListProductGroupsRequestObject) (server.ListProductGroupsResponseObject, error) {
	st := a.st
	var names []string
	for _, ps := range st.setsOrAll(nil) {
		if ps.group == "" || ps.ps.BrandId != req.Params.BrandId || slices.Contains(names, ps.group) {
			continue
		}
		if q := req.Params.Name; q != "" && !strings.Contains(strings.ToLower(ps.group), strings.ToLower(q)) {
			continue
		}
		names = append(names, ps.group)
	}
	sort.Strings(names)
	out := server.ListProductGroups200JSONResponse{Items: []gen.ProductGroup{}, Pagination: gen.Pagination{
		Limit: len(names), Offset: 0, TotalCount: len(names)}}
	for _, n := range names {
		out.Items = append(out.Items, gen.ProductGroup{Name: n})
	}
	return out, nil
}

// GetProductSetGroup returns the group of a product set.
func (a *api) GetProductSetGroup(_ context.Context, req server.GetProductSetGroupRequestObject) (server.GetProductSetGroupResponseObject, error) {
	st := a.st
	ps := st.setByID(req.ProductSetId)
	switch {
	case ps == nil:
		return server.GetProductSetGroup404JSONResponse{NotFoundJSONResponse: notFound("product set", req.ProductSetId)}, nil
	case ps.group == "":
		return server.GetProductSetGroup404JSONResponse{NotFoundJSONResponse: server.NotFoundJSONResponse(problem(404, typeNotFound,
			"Entity not found", fmt.Sprintf("product set %d is in no product group", req.ProductSetId)))}, nil
	}
	return server.GetProductSetGroup200JSONResponse{Name: ps.group}, nil
}

// SetProductSetGroup puts a product set into a named group.
func (a *api) SetProductSetGroup(_ context.Context, req server.SetProductSetGroupRequestObject) (server.SetProductSetGroupResponseObject, error) {
	name := strings.TrimSpace(deref(req.Body).Name)
	if name == "" {
		return server.SetProductSetGroup400JSONResponse{BadRequestJSONResponse: badRequest(violation{path: "name", title: "the group name is empty"})}, nil
	}
	st := a.st
	ps := st.setByID(req.ProductSetId)
	if ps == nil {
		return server.SetProductSetGroup404JSONResponse{NotFoundJSONResponse: notFound("product set", req.ProductSetId)}, nil
	}
	ps.group = name
	st.touch(ps)
	return server.SetProductSetGroup201JSONResponse{Name: name}, nil
}

// RemoveProductSetGroup takes a product set out of its group.
func (a *api) RemoveProductSetGroup(_ context.Context, req server.RemoveProductSetGroupRequestObject) (server.RemoveProductSetGroupResponseObject, error) {
	st := a.st
	ps := st.setByID(req.ProductSetId)
	switch {
	case ps == nil:
		return server.RemoveProductSetGroup404JSONResponse{NotFoundJSONResponse: notFound("product set", req.ProductSetId)}, nil
	case ps.group == "":
		return server.RemoveProductSetGroup404JSONResponse{NotFoundJSONResponse: server.NotFoundJSONResponse(problem(404, typeNotFound,
			"Entity not found", fmt.Sprintf("product set %d is in no product group", req.ProductSetId)))}, nil
	}
	ps.group = ""
	st.touch(ps)
	return server.RemoveProductSetGroup204Response{}, nil
}

// ListProductSetRejections says why quality control rejected product sets;
// sets that were not rejected are left out, unknown ones are forbidden.
func (a *api) ListProductSetRejections(_ context.Context, req server.ListProductSetRejectionsRequestObject) (server.ListProductSetRejectionsResponseObject, error) {
	st := a.st
	out := server.ListProductSetRejections200JSONResponse{}
	for _, id := range req.Params.ProductSetIds {
		ps := st.setByID(id)
		switch {
		case ps == nil:
			return server.ListProductSetRejections403JSONResponse{ForbiddenJSONResponse: forbidden(
				fmt.Sprintf("product set %d is not the seller's", id))}, nil
		case ps.qc != gen.QualityControlStateRejected:
			continue
		}
		r := gen.QualityControlRejection{ProductSetId: id, RejectedReasons: append([]string{}, ps.rejections...)}
		if ps.qcComment != "" {
			r.QcComment = ps.qcComment
		}
		out = append(out, r)
	}
	return out, nil
}

// ListProductSetQualityControl gives the quality control state of sets.
func (a *api) ListProductSetQualityControl(_ context.Context, req server.ListProductSetQualityControlRequestObject) (server.ListProductSetQualityControlResponseObject, error) {
	st := a.st
	out := server.ListProductSetQualityControl200JSONResponse{}
	for _, ps := range st.setsOrAll(req.Params.ProductSetIds) {
		out = append(out, gen.QualityControlStatus{ProductSetId: ps.ps.Id, Status: ps.qc, CreatedAt: dt(ps.qcAt)})
	}
	return out, nil
}

// ListQualityControlRejectReasons lists the reasons quality control uses.
func (a *api) ListQualityControlRejectReasons(_ context.Context, _ server.ListQualityControlRejectReasonsRequestObject) (server.ListQualityControlRejectReasonsResponseObject, error) {
	st := a.st
	out, err := clone(server.ListQualityControlRejectReasons200JSONResponse(st.cat.qcReasons))
	if out == nil {
		out = server.ListQualityControlRejectReasons200JSONResponse{}
	}
	return out, err
}

// ListProducts finds products by ids, UUIDs, SKUs or name.
func (a *api) ListProducts(_ context.Context, req server.ListProductsRequestObject) (server.ListProductsResponseObject, error) {
	p := req.Params
	st := a.st
	list := server.ListProducts200JSONResponse{}
	if p.SellerId != nil && *p.SellerId != st.seller.Id {
		return list, nil
	}
	for _, id := range sortedKeys(st.cat.products) {
		pr := st.cat.products[id]
		switch {
		case p.ProductUuids != nil && !slices.Contains(p.ProductUuids, pr.p.Uuid),
			p.ProductIds != nil && !slices.Contains(p.ProductIds, id),
			p.Sku != "" && deref(pr.p.ShopSku) != p.Sku,
			p.SellerSku != "" && pr.p.SellerSku != p.SellerSku,
			p.Name != "" && !strings.EqualFold(st.productName(pr), p.Name):
			continue
		}
		r, err := st.renderProduct(pr, true)
		if err != nil {
			return nil, err
		}
		list = append(list, r)
	}
	return list, nil
}

func (st *store) setProducts(ps *productSet, withName bool) ([]gen.Product, error) {
	out := []gen.Product{}
	for _, p := range st.productsOf(ps) {
		r, err := st.renderProduct(p, withName)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// ListProductSetProducts lists the products of a set.
func (a *api) ListProductSetProducts(_ context.Context, req server.ListProductSetProductsRequestObject) (server.ListProductSetProductsResponseObject, error) {
	st := a.st
	ps := st.setByID(req.ProductSetId)
	if ps == nil {
		return server.ListProductSetProducts404JSONResponse{NotFoundJSONResponse: notFound("product set", req.ProductSetId)}, nil
	}
	out, err := st.setProducts(ps, false)
	return server.ListProductSetProducts200JSONResponse(out), err
}

// CreateProduct adds a product (a size or variation) to a set.
func (a *api) CreateProduct(_ context.Context, req server.CreateProductRequestObject) (server.CreateProductResponseObject, error) {
	body := deref(req.Body)
	if body.SellerSku == nil || strings.TrimSpace(*body.SellerSku) == "" {
		return server.CreateProduct400JSONResponse{BadRequestJSONResponse: badRequest(violation{path: "sellerSku", title: "a new product needs a sellerSku"})}, nil
	}
	st := a.st
	ps := st.setByID(req.ProductSetId)
	if ps == nil {
		return server.CreateProduct404JSONResponse{NotFoundJSONResponse: notFound("product set", req.ProductSetId)}, nil
	}
	if msg := st.checkProductWrite(ps, nil, body); msg != "" {
		return server.CreateProduct422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(msg)}, nil
	}
	status := gen.ProductStatusActive
	if body.Status != "" {
		status = body.Status
	}
	ship := defaultShipment
	if body.ShipmentTypeId != nil {
		ship = *body.ShipmentTypeId
	}
	p := st.newProduct(ps, *body.SellerSku, deref(body.Variation), status, ship, deref(body.ProductIdentifier))
	if body.Name != nil {
		p.name = *body.Name
	}
	out, err := st.renderProduct(p, false)
	return server.CreateProduct201JSONResponse(out), err
}

// checkProductWrite returns why a product write cannot be applied to p (nil
// for a new product) in ps, or "".
func (st *store) checkProductWrite(ps *productSet, p *catProduct, w gen.ProductWrite) string {
	var problems []string
	if w.SellerSku != nil {
		if other := st.productBySellerSku(*w.SellerSku); other != nil && other != p {
			problems = append(problems, fmt.Sprintf("sellerSku %q is taken by product %d", *w.SellerSku, other.p.Id))
		}
	}
	if w.Variation != nil {
		if other := st.variationTaken(ps, *w.Variation, p); other != nil {
			problems = append(problems, fmt.Sprintf("variation %q is taken by product %d", *w.Variation, other.p.Id))
		}
	}
	if w.ShipmentTypeId != nil && (*w.ShipmentTypeId < shipWarehouse || *w.ShipmentTypeId > shipCrossdock) {
		problems = append(problems, fmt.Sprintf("shipmentTypeId %d is not 1, 2 or 3", *w.ShipmentTypeId))
	}
	if p == nil && w.Status == gen.ProductStatusDeleted {
		problems = append(problems, "a product cannot be created deleted")
	}
	if p != nil && w.Status != "" && w.Status != gen.ProductStatusDeleted && p.p.Status == gen.ProductStatusDeleted &&
		w.Variation == nil && p.p.Variation != nil {
		if other := st.variationTaken(ps, *p.p.Variation, p); other != nil {
			problems = append(problems, fmt.Sprintf("variation %q is taken by product %d; the product cannot be restored", *p.p.Variation, other.p.Id))
		}
	}
	if w.Status == gen.ProductStatusActive && ps.notAuthorized {
		problems = append(problems, fmt.Sprintf("product set %d is not authorized; its products cannot be activated", ps.ps.Id))
	}
	return strings.Join(problems, "; ")
}

// productIn finds a product of a set.
func (st *store) productIn(setID, productID int) (*productSet, *catProduct) {
	ps := st.setByID(setID)
	p := st.cat.products[productID]
	if ps == nil || p == nil || p.p.ProductSetId != setID {
		return ps, nil
	}
	return ps, p
}

func productNotFound(setID, productID int) server.NotFoundJSONResponse {
	return server.NotFoundJSONResponse(problem(404, typeNotFound, "Entity not found",
		fmt.Sprintf("product set %d has no product %d", setID, productID)))
}

// GetProduct returns one product of a set.
func (a *api) GetProduct(_ context.Context, req server.GetProductRequestObject) (server.GetProductResponseObject, error) {
	st := a.st
	_, p := st.productIn(req.ProductSetId, req.ProductId)
	if p == nil {
		return server.GetProduct404JSONResponse{NotFoundJSONResponse: productNotFound(req.ProductSetId, req.ProductId)}, nil
	}
	out, err := st.renderProduct(p, false)
	return server.GetProduct200JSONResponse(out), err
}

// UpdateProduct changes the product-level fields of a product. A change of
// deletion (deleting or restoring) applies the status alone.
func (a *api) UpdateProduct(_ context.Context, req server.UpdateProductRequestObject) (server.UpdateProductResponseObject, error) {
	body := deref(req.Body)
	st := a.st
	ps, p := st.productIn(req.ProductSetId, req.ProductId)
	if p == nil {
		return server.UpdateProduct404JSONResponse{NotFoundJSONResponse: productNotFound(req.ProductSetId, req.ProductId)}, nil
	}
	old := p.p.Status
	if body.Status != "" && (body.Status == gen.ProductStatusDeleted) != (old == gen.ProductStatusDeleted) {
		body = gen.ProductWrite{Status: body.Status}
	}
	if msg := st.checkProductWrite(ps, p, body); msg != "" {
		return server.UpdateProduct422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(msg)}, nil
	}
	if body.SellerSku != nil {
		p.p.SellerSku = *body.SellerSku
	}
	if body.Status != "" {
		p.p.Status = body.Status
	}
	if body.Variation != nil {
		p.p.Variation = ptr(*body.Variation)
	}
	if body.ProductIdentifier != nil {
		p.p.ProductIdentifier = ptr(*body.ProductIdentifier)
	}
	if body.ShipmentTypeId != nil {
		p.p.ShipmentTypeId = *body.ShipmentTypeId
	}
	if body.Name != nil {
		p.name = *body.Name
	}
	st.touchProduct(p)
	out, err := st.renderProduct(p, false)
	return server.UpdateProduct200JSONResponse(out), err
}

// SetProductStatus activates, deactivates, deletes or restores a product.
func (a *api) SetProductStatus(_ context.Context, req server.SetProductStatusRequestObject) (server.SetProductStatusResponseObject, error) {
	st := a.st
	ps, p := st.productIn(req.ProductSetId, req.ProductId)
	if p == nil {
		return server.SetProductStatus404JSONResponse{NotFoundJSONResponse: productNotFound(req.ProductSetId, req.ProductId)}, nil
	}
	status := req.Params.Status
	if msg := st.checkProductWrite(ps, p, gen.ProductWrite{Status: status}); msg != "" {
		return server.SetProductStatus422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(msg)}, nil
	}
	p.p.Status = status
	st.touchProduct(p)
	return server.SetProductStatus200Response{}, nil
}

// GetProductByShopSku returns the product with a shop SKU.
func (a *api) GetProductByShopSku(_ context.Context, req server.GetProductByShopSkuRequestObject) (server.GetProductByShopSkuResponseObject, error) {
	st := a.st
	p := st.productByShopSku(req.ShopSku)
	if p == nil {
		return server.GetProductByShopSku404JSONResponse{NotFoundJSONResponse: notFound("product with shop SKU", req.ShopSku)}, nil
	}
	out, err := st.renderProduct(p, true)
	return server.GetProductByShopSku200JSONResponse(out), err
}

// GetProductBySellerSku returns the product with a seller SKU.
func (a *api) GetProductBySellerSku(_ context.Context, req server.GetProductBySellerSkuRequestObject) (server.GetProductBySellerSkuResponseObject, error) {
	st := a.st
	p := st.productBySellerSku(req.SellerSku)
	if p == nil {
		return server.GetProductBySellerSku404JSONResponse{NotFoundJSONResponse: notFound("product with seller SKU", req.SellerSku)}, nil
	}
	out, err := st.renderProduct(p, true)
	return server.GetProductBySellerSku200JSONResponse(out), err
}

// ListProductsBySellerSkus pages through the products with given seller
// SKUs; unknown SKUs are left out.
func (a *api) ListProductsBySellerSkus(_ context.Context, req server.ListProductsBySellerSkusRequestObject) (server.ListProductsBySellerSkusResponseObject, error) {
	p := req.Params
	st := a.st
	var found []*catProduct
	for _, id := range sortedKeys(st.cat.products) {
		if pr := st.cat.products[id]; slices.Contains(p.SellerSkus, pr.p.SellerSku) {
			found = append(found, pr)
		}
	}
	from, to, _ := page(len(found), p.Offset, p.Limit)
	out := server.ListProductsBySellerSkus200JSONResponse{Items: []gen.Product{}, Pagination: gen.Pagination{
		Limit: p.Limit, Offset: p.Offset, TotalCount: len(found)}}
	for _, pr := range found[from:to] {
		r, err := st.renderProduct(pr, true)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, r)
	}
	return out, nil
}

// SearchHybridProducts searches the shop catalog by name, brand or SIN.
func (a *api) SearchHybridProducts(_ context.Context, req server.SearchHybridProductsRequestObject) (server.SearchHybridProductsResponseObject, error) {
	q := strings.ToLower(strings.TrimSpace(req.Params.Query))
	st := a.st
	out := server.SearchHybridProducts200JSONResponse{}
	for _, h := range st.cat.hybrids {
		text := strings.ToLower(h.hp.Name + " " + h.hp.BrandName + " " + h.hp.Sin)
		if q != "" && !strings.Contains(text, q) {
			continue
		}
		c, err := clone(h.hp)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// CreateProductSetBySin copies a shop catalog product into the seller's
// catalog as a new product set.
func (a *api) CreateProductSetBySin(_ context.Context, req server.CreateProductSetBySinRequestObject) (server.CreateProductSetBySinResponseObject, error) {
	sin := deref(req.Body).Sin
	st := a.st
	var h *hybrid
	for i := range st.cat.hybrids {
		if st.cat.hybrids[i].hp.Sin == sin {
			h = &st.cat.hybrids[i]
		}
	}
	if h == nil {
		return server.CreateProductSetBySin404JSONResponse{NotFoundJSONResponse: notFound("shop catalog product", sin)}, nil
	}
	for _, ps := range st.setsOrAll(nil) {
		if ps.sin == sin {
			return server.CreateProductSetBySin400JSONResponse{BadRequestJSONResponse: badRequest(violation{path: "sin", value: sin,
				title: fmt.Sprintf("the seller offers %s already, in product set %d", sin, ps.ps.Id)})}, nil
		}
	}
	cat := st.cat.categories[h.categoryID]
	ps := st.newSet(h.hp.Name, deref(h.hp.Description), "SIN-"+sin, h.brandID, cat, nil)
	ps.sin = sin
	p := st.newProduct(ps, "SIN-"+sin, "", gen.ProductStatusActive, defaultShipment, "")
	p.p.Sin = ptr(sin)
	for _, hp := range h.hp.Prices {
		if code := deref(hp.Country); st.cat.hasCountry(code) && hp.Price != nil {
			p.prices[code] = &priceRow{price: ptr(*hp.Price), status: gen.PriceStatusActive}
		}
	}
	for i, im := range h.hp.Images {
		st.addImage(ps, deref(im.DisplayUrl), i+1)
	}
	return server.CreateProductSetBySin200JSONResponse{ProductSetId: ps.ps.Id}, nil
}
