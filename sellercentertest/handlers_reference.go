package sellercentertest

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/gen/server"
)

// --- brands ---

// ListBrands lists brands, by default those the seller may use.
func (a *api) ListBrands(_ context.Context, req server.ListBrandsRequestObject) (server.ListBrandsResponseObject, error) {
	p := req.Params
	st := a.st
	var brands []*gen.Brand
	for _, id := range sortedKeys(st.cat.brands) {
		b := st.cat.brands[id]
		switch {
		case !deref(p.IncludeInaccessible) && !brandUsable(b),
			p.Name != "" && !strings.Contains(strings.ToLower(b.Name), strings.ToLower(p.Name)),
			p.BrandIds != nil && !slices.Contains(p.BrandIds, id),
			p.BrandUuids != nil && !slices.Contains(p.BrandUuids, deref(b.Uuid)),
			deref(p.RestrictedOnly) && !b.IsRestricted:
			continue
		}
		brands = append(brands, b)
	}
	if p.Sort != "" {
		less := map[gen.ListBrandsParamsSort]func(x, y *gen.Brand) bool{
			gen.ListBrandsParamsSortName:      func(x, y *gen.Brand) bool { return strings.ToLower(x.Name) < strings.ToLower(y.Name) },
			gen.ListBrandsParamsSortCreatedAt: func(x, y *gen.Brand) bool { return x.CreatedAt.Before(y.CreatedAt.Time) },
			gen.ListBrandsParamsSortUpdatedAt: func(x, y *gen.Brand) bool { return x.UpdatedAt.Before(y.UpdatedAt.Time) },
		}[p.Sort]
		sort.SliceStable(brands, func(i, j int) bool { return less(brands[i], brands[j]) })
	}
	if p.SortDir == gen.SortDirectionDesc {
		slices.Reverse(brands)
	}
	from, to, _ := page(len(brands), p.Offset, p.Limit)
	out := server.ListBrands200JSONResponse{Items: []gen.Brand{}, Pagination: gen.Pagination{
		Limit: p.Limit, Offset: p.Offset, TotalCount: len(brands)}}
	for _, b := range brands[from:to] {
		out.Items = append(out.Items, *b)
	}
	return clone(out)
}

// GetBrand returns one brand.
func (a *api) GetBrand(_ context.Context, req server.GetBrandRequestObject) (server.GetBrandResponseObject, error) {
	st := a.st
	b := st.cat.brands[req.BrandId]
	if b == nil {
		return server.GetBrand404JSONResponse{NotFoundJSONResponse: notFound("brand", req.BrandId)}, nil
	}
	out, err := clone(*b)
	return server.GetBrand200JSONResponse(out), err
}

// ListBrandAttributes lists the size-system options a brand allows.
func (a *api) ListBrandAttributes(_ context.Context, req server.ListBrandAttributesRequestObject) (server.ListBrandAttributesResponseObject, error) {
	st := a.st
	if st.cat.brands[req.BrandId] == nil {
		return server.ListBrandAttributes404JSONResponse{NotFoundJSONResponse: notFound("brand", req.BrandId)}, nil
	}
	out, err := clone(server.ListBrandAttributes200JSONResponse(st.cat.brandAttrs[req.BrandId]))
	if out == nil {
		out = server.ListBrandAttributes200JSONResponse{}
	}
	return out, err
}

// --- categories ---

func (st *store) categoryPage(cats []*category, offset, limit int) gen.CategoryPage {
	from, to, _ := page(len(cats), offset, limit)
	out := gen.CategoryPage{Items: []gen.Category{}, Pagination: gen.Pagination{Limit: limit, Offset: offset, TotalCount: len(cats)}}
	for _, c := range cats[from:to] {
		out.Items = append(out.Items, st.cat.fullCategory(c))
	}
	return out
}

// categories returns the categories keep accepts, by id, without the root;
// inaccessible ones (not active) only when asked.
func (st *store) categories(inaccessible bool, keep func(*category) bool) []*category {
	var out []*category
	for _, id := range sortedKeys(st.cat.categories) {
		c := st.cat.categories[id]
		if id == st.cat.rootID || !inaccessible && !st.cat.usable(c) || !keep(c) {
			continue
		}
		out = append(out, c)
	}
	return out
}

// SearchCategories pages through the categories whose name holds a text.
func (a *api) SearchCategories(_ context.Context, req server.SearchCategoriesRequestObject) (server.SearchCategoriesResponseObject, error) {
	p := req.Params
	q := strings.ToLower(p.Query)
	st := a.st
	cats := st.categories(deref(p.IncludeInaccessible), func(c *category) bool { return strings.Contains(strings.ToLower(c.name), q) })
	return server.SearchCategories200JSONResponse(st.categoryPage(cats, p.Offset, p.Limit)), nil
}

// ListCategoriesByIds pages through categories by id; unknown ids are left
// out.
func (a *api) ListCategoriesByIds(_ context.Context, req server.ListCategoriesByIdsRequestObject) (server.ListCategoriesByIdsResponseObject, error) {
	p := req.Params
	st := a.st
	ids := p.Ids
	cats := st.categories(deref(p.IncludeInaccessible), func(c *category) bool { return len(ids) == 0 || slices.Contains(ids, c.id) })
	return server.ListCategoriesByIds200JSONResponse(st.categoryPage(cats, p.Offset, p.Limit)), nil
}

// ListCategoriesByUuids pages through categories by UUID; unknown UUIDs are
// left out.
func (a *api) ListCategoriesByUuids(_ context.Context, req server.ListCategoriesByUuidsRequestObject) (server.ListCategoriesByUuidsResponseObject, error) {
	p := req.Params
	st := a.st
	uuids := p.Uuids
	cats := st.categories(deref(p.IncludeInaccessible), func(c *category) bool { return len(uuids) == 0 || slices.Contains(uuids, c.uuid) })
	return server.ListCategoriesByUuids200JSONResponse(st.categoryPage(cats, p.Offset, p.Limit)), nil
}

// ListCategoryMappings lists the attribute options each category allows.
func (a *api) ListCategoryMappings(_ context.Context, _ server.ListCategoryMappingsRequestObject) (server.ListCategoryMappingsResponseObject, error) {
	st := a.st
	list := server.ListCategoryMappings200JSONResponse{}
	for _, id := range sortedKeys(st.cat.catOptions) {
		var attrs []gen.CategoryAttributeOptions
		m := st.cat.catOptions[id]
		for _, attr := range sortedKeys(m) {
			attrs = append(attrs, gen.CategoryAttributeOptions{AttributeId: attr, Options: append([]int{}, m[attr]...)})
		}
		list = append(list, gen.CategoryMapping{CategoryId: id, CategoryName: st.cat.categories[id].name, Attributes: attrs})
	}
	return list, nil
}

// ListMostUsedCategories lists the primary categories of the seller's
// product sets, most used first.
func (a *api) ListMostUsedCategories(_ context.Context, _ server.ListMostUsedCategoriesRequestObject) (server.ListMostUsedCategoriesResponseObject, error) {
	st := a.st
	uses := map[int]int{}
	for _, ps := range st.cat.sets {
		uses[ps.ps.PrimaryCategoryId]++
	}
	ids := sortedKeys(uses)
	sort.SliceStable(ids, func(i, j int) bool { return uses[ids[i]] > uses[ids[j]] })
	out := server.ListMostUsedCategories200JSONResponse{}
	for _, id := range ids {
		if c := st.cat.categories[id]; c != nil && st.cat.usable(c) {
			out = append(out, st.cat.node(c))
		}
	}
	return out, nil
}

// GetRootCategory returns the root of the tree.
func (a *api) GetRootCategory(_ context.Context, _ server.GetRootCategoryRequestObject) (server.GetRootCategoryResponseObject, error) {
	st := a.st
	root := st.cat.categories[st.cat.rootID]
	if root == nil {
		return server.GetRootCategory404JSONResponse{NotFoundJSONResponse: notFound("category", "root")}, nil
	}
	return server.GetRootCategory200JSONResponse(st.cat.node(root)), nil
}

// GetCategoryTree returns the active top-level categories with their
// active subtrees.
func (a *api) GetCategoryTree(_ context.Context, _ server.GetCategoryTreeRequestObject) (server.GetCategoryTreeResponseObject, error) {
	st := a.st
	out := server.GetCategoryTree200JSONResponse{}
	if root := st.cat.categories[st.cat.rootID]; root != nil {
		for _, id := range root.children {
			if c := st.cat.categories[id]; st.cat.usable(c) {
				out = append(out, st.cat.treeNode(c))
			}
		}
	}
	return out, nil
}

// category finds a category that is not deleted.
func (st *store) category(id int) *category {
	c := st.cat.categories[id]
	if c == nil || c.status == gen.CategoryStatusDeleted {
		return nil
	}
	return c
}

// GetCategory returns one category in a list, as the API does.
func (a *api) GetCategory(_ context.Context, req server.GetCategoryRequestObject) (server.GetCategoryResponseObject, error) {
	st := a.st
	c := st.cat.categories[req.CategoryId]
	if c == nil {
		return server.GetCategory404JSONResponse{NotFoundJSONResponse: notFound("category", req.CategoryId)}, nil
	}
	return server.GetCategory200JSONResponse{st.cat.detail(c)}, nil
}

// ListCategoryAttributes lists the attributes of a category's attribute
// set, global ones included, with the category's option mappings applied.
func (a *api) ListCategoryAttributes(_ context.Context, req server.ListCategoryAttributesRequestObject) (server.ListCategoryAttributesResponseObject, error) {
	st := a.st
	c := st.category(req.CategoryId)
	if c == nil {
		return server.ListCategoryAttributes404JSONResponse{NotFoundJSONResponse: notFound("category", req.CategoryId)}, nil
	}
	out := server.ListCategoryAttributes200JSONResponse{}
	for _, at := range st.cat.attributesOf(c.attrSetID, true) {
		def, err := st.cat.definition(at, c)
		if err != nil {
			return nil, err
		}
		out = append(out, def)
	}
	return out, nil
}

// GetCategoryNomenclature returns a category's product name formula.
func (a *api) GetCategoryNomenclature(_ context.Context, req server.GetCategoryNomenclatureRequestObject) (server.GetCategoryNomenclatureResponseObject, error) {
	st := a.st
	c := st.category(req.CategoryId)
	if c == nil {
		return server.GetCategoryNomenclature404JSONResponse{NotFoundJSONResponse: notFound("category", req.CategoryId)}, nil
	}
	return server.GetCategoryNomenclature200JSONResponse(c.nomenclature), nil
}

// ListCategoryChildren lists the direct children of a category that are
// not deleted.
func (a *api) ListCategoryChildren(_ context.Context, req server.ListCategoryChildrenRequestObject) (server.ListCategoryChildrenResponseObject, error) {
	st := a.st
	c := st.category(req.CategoryId)
	if c == nil {
		return server.ListCategoryChildren404JSONResponse{NotFoundJSONResponse: notFound("category", req.CategoryId)}, nil
	}
	out := server.ListCategoryChildren200JSONResponse{}
	for _, id := range c.children {
		if k := st.category(id); k != nil {
			out = append(out, st.cat.child(k))
		}
	}
	return out, nil
}

// GetCategorySettings lists the categories from the top level down to this
// one with the restrictions set on each; all of them apply here.
func (a *api) GetCategorySettings(_ context.Context, req server.GetCategorySettingsRequestObject) (server.GetCategorySettingsResponseObject, error) {
	st := a.st
	c := st.category(req.CategoryId)
	if c == nil {
		return server.GetCategorySettings404JSONResponse{NotFoundJSONResponse: notFound("category", req.CategoryId)}, nil
	}
	out := server.GetCategorySettings200JSONResponse{}
	for _, k := range st.cat.path(c) {
		rs, err := clone(k.restrictions)
		if err != nil {
			return nil, err
		}
		if rs == nil {
			rs = []gen.CategoryRestriction{}
		}
		s := gen.CategorySettings{Id: k.id, Name: k.name, Restrictions: rs}
		if k.srcID != "" {
			s.ShopId = gen.NumericString(k.srcID)
		}
		out = append(out, s)
	}
	return out, nil
}

// --- attributes ---

// ListAttributeSets lists attribute sets.
func (a *api) ListAttributeSets(_ context.Context, req server.ListAttributeSetsRequestObject) (server.ListAttributeSetsResponseObject, error) {
	only := req.Params.AttributeSetIds
	st := a.st
	out := server.ListAttributeSets200JSONResponse{}
	for _, id := range sortedKeys(st.cat.attrSets) {
		if len(only) == 0 || slices.Contains(only, id) {
			out = append(out, *st.cat.attrSets[id])
		}
	}
	return clone(out)
}

// GetAttributeSet returns one attribute set.
func (a *api) GetAttributeSet(_ context.Context, req server.GetAttributeSetRequestObject) (server.GetAttributeSetResponseObject, error) {
	st := a.st
	s := st.cat.attrSets[req.AttributeSetId]
	if s == nil {
		return server.GetAttributeSet404JSONResponse{NotFoundJSONResponse: notFound("attribute set", req.AttributeSetId)}, nil
	}
	out, err := clone(*s)
	return server.GetAttributeSet200JSONResponse(out), err
}

// ListAttributeSetAttributes lists an attribute set's attributes, global
// ones included.
func (a *api) ListAttributeSetAttributes(_ context.Context, req server.ListAttributeSetAttributesRequestObject) (server.ListAttributeSetAttributesResponseObject, error) {
	st := a.st
	if st.cat.attrSets[req.AttributeSetId] == nil {
		return server.ListAttributeSetAttributes404JSONResponse{NotFoundJSONResponse: notFound("attribute set", req.AttributeSetId)}, nil
	}
	out := server.ListAttributeSetAttributes200JSONResponse{}
	for _, at := range st.cat.attributesOf(req.AttributeSetId, true) {
		out = append(out, at.def)
	}
	return clone(out)
}

// ListAttributes pages through attributes by id or attribute set; without
// either, through the global attributes.
func (a *api) ListAttributes(_ context.Context, req server.ListAttributesRequestObject) (server.ListAttributesResponseObject, error) {
	p := req.Params
	ids, sets := p.AttributeIds, p.AttributeSetIds
	visible := p.OnlyVisible == nil || *p.OnlyVisible
	st := a.st
	var defs []gen.AttributeDefinition
	for _, id := range sortedKeys(st.cat.attrs) {
		at := st.cat.attrs[id]
		switch {
		case len(ids) == 0 && len(sets) == 0 && at.setID != 0,
			len(ids) > 0 && !slices.Contains(ids, id),
			len(sets) > 0 && !slices.Contains(sets, at.setID),
			visible && deref(at.def.InputMode) == gen.AttributeDefinitionInputModeInvisible:
			continue
		}
		defs = append(defs, at.def)
	}
	limit := min(p.Limit, maxSetPage)
	from, to, _ := page(len(defs), p.Offset, limit)
	out := server.ListAttributes200JSONResponse{Items: append([]gen.AttributeDefinition{}, defs[from:to]...), Pagination: gen.Pagination{
		Limit: limit, Offset: p.Offset, TotalCount: len(defs)}}
	return clone(out)
}

// GetAttribute returns one attribute definition.
func (a *api) GetAttribute(_ context.Context, req server.GetAttributeRequestObject) (server.GetAttributeResponseObject, error) {
	st := a.st
	at := st.cat.attrs[req.AttributeId]
	if at == nil {
		return server.GetAttribute404JSONResponse{NotFoundJSONResponse: notFound("attribute", req.AttributeId)}, nil
	}
	out, err := clone(at.def)
	return server.GetAttribute200JSONResponse(out), err
}

// ListMappedAttributeOptions lists which child options go with which
// parent options.
func (a *api) ListMappedAttributeOptions(_ context.Context, _ server.ListMappedAttributeOptionsRequestObject) (server.ListMappedAttributeOptionsResponseObject, error) {
	st := a.st
	return server.ListMappedAttributeOptions200JSONResponse(append([]gen.AttributeOptionMapping{}, st.cat.optionMaps...)), nil
}

// --- content score ---

var htmlTag = regexp.MustCompile(`<[^>]*>`)

// scoreInput is product set content to score.
type scoreInput struct {
	cat                      *category
	name, description, short string
	attrs                    gen.ProductSetAttributes
	barcodes                 []string
}

// contentScore rates content against the fake's rules: title length,
// description words and bullets, the colour family attribute, barcodes and
// the category's depth. score_report holds the rule that would gain the
// most points.
func (st *store) contentScore(in scoreInput) gen.ContentScore {
	rule := func(group gen.ContentScoreRuleRuleGroup, metric, rec, value string, points, maxPoints float64, params gen.ContentScoreRuleParameters) gen.ContentScoreRule {
		points = min(points, maxPoints)
		return gen.ContentScoreRule{RuleGroup: group, Metric: metric, Recommendation: rec, ProductValue: value,
			Points: round2(points), MaxPoints: maxPoints, IsSuccessful: points >= maxPoints, RuleParameters: params}
	}
	title := len([]rune(strings.TrimSpace(in.name)))
	titlePoints := 0.0
	if title >= 20 && title <= 120 {
		titlePoints = 10
	}
	words := len(strings.Fields(htmlTag.ReplaceAllString(in.description, " ")))
	bullets := strings.Count(strings.ToLower(in.description+in.short), "<li")
	depth := len(st.cat.path(in.cat))
	barcodes := len(in.barcodes) > 0 && !slices.Contains(in.barcodes, "")
	rules := []gen.ContentScoreRule{
		rule(gen.ContentScoreRuleRuleGroupTitleChars, "Title characters", "between 20 and 120", fmt.Sprint(title), titlePoints, 10, gen.ContentScoreRuleParameters{Min: 20, Max: 120}),
		rule(gen.ContentScoreRuleRuleGroupDescriptionWords, "Description words", "more or equal than 30", fmt.Sprint(words), 30*float64(words)/30, 30, gen.ContentScoreRuleParameters{Min: 30}),
		rule(gen.ContentScoreRuleRuleGroupDescriptionBullets, "Description bullets", "more or equal than 3", fmt.Sprint(bullets), 20*float64(bullets)/3, 20, gen.ContentScoreRuleParameters{Min: 3}),
	}
	if a := st.cat.attributeNamed(in.cat.attrSetID, "color_family"); a != nil {
		has := in.attrs[fmt.Sprint(deref(a.def.Id))] != nil
		points := 0.0
		if has {
			points = 20
		}
		rules = append(rules, rule(gen.ContentScoreRuleRuleGroupAttributeExists, "Colour family is set", "set the attribute",
			fmt.Sprint(has), points, 20, gen.ContentScoreRuleParameters{AttributeId: deref(a.def.Id)}))
	}
	barcodePoints := 0.0
	if barcodes {
		barcodePoints = 10
	}
	rules = append(rules,
		rule(gen.ContentScoreRuleRuleGroupBarcode, "Barcodes", "a barcode on every product", fmt.Sprint(barcodes), barcodePoints, 10, gen.ContentScoreRuleParameters{}),
		rule(gen.ContentScoreRuleRuleGroupCategoryLevel, "Category level", "more or equal than 3", fmt.Sprint(depth), 10*float64(depth)/3, 10, gen.ContentScoreRuleParameters{Min: 3}))
	var total, possible float64
	worst := 0
	for i, r := range rules {
		total += r.Points
		possible += r.MaxPoints
		if r.MaxPoints-r.Points > rules[worst].MaxPoints-rules[worst].Points {
			worst = i
		}
	}
	score := max(round2(100*total/possible), 0.01)
	return gen.ContentScore{Status: "ok", Score: score, ScoreReport: rules[worst]}
}

// GetProductSetContentScore scores a stored product set.
func (a *api) GetProductSetContentScore(_ context.Context, req server.GetProductSetContentScoreRequestObject) (server.GetProductSetContentScoreResponseObject, error) {
	st := a.st
	ps := st.setByID(req.ProductSetId)
	if ps == nil {
		return server.GetProductSetContentScore404JSONResponse{NotFoundJSONResponse: notFound("product set", req.ProductSetId)}, nil
	}
	c := st.cat.categories[ps.ps.PrimaryCategoryId]
	if c == nil || c.noScoring {
		return server.GetProductSetContentScore422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(
			fmt.Sprintf("category %d has no content score rules", ps.ps.PrimaryCategoryId))}, nil
	}
	in := scoreInput{cat: c, name: ps.ps.Name, description: deref(ps.ps.Description), attrs: ps.ps.Attributes}
	if a := st.cat.attributeNamed(c.attrSetID, "short_description"); a != nil {
		in.short = attrText(a, in.attrs[fmt.Sprint(deref(a.def.Id))])
	}
	for _, p := range st.productsOf(ps) {
		if p.p.Status != gen.ProductStatusDeleted {
			in.barcodes = append(in.barcodes, deref(p.p.ProductIdentifier))
		}
	}
	return server.GetProductSetContentScore200JSONResponse(st.contentScore(in)), nil
}

// CalculateContentScore scores content that need not be saved.
func (a *api) CalculateContentScore(_ context.Context, req server.CalculateContentScoreRequestObject) (server.CalculateContentScoreResponseObject, error) {
	body := deref(req.Body)
	st := a.st
	c := st.category(body.CategoryId)
	if c == nil || c.noScoring {
		return server.CalculateContentScore404JSONResponse{NotFoundJSONResponse: server.NotFoundJSONResponse(problem(404, typeNotFound,
			"Entity not found", fmt.Sprintf("category %d has no content score rules", body.CategoryId)))}, nil
	}
	if body.ProductSetId != nil && st.setByID(*body.ProductSetId) == nil {
		return server.CalculateContentScore422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(fmt.Sprintf("product set %d does not exist", *body.ProductSetId))}, nil
	}
	in := scoreInput{cat: c, name: body.Name, description: body.Description, short: body.ShortDescription,
		attrs: body.Attributes}
	for _, v := range body.Variations {
		in.barcodes = append(in.barcodes, v.Ean)
	}
	return server.CalculateContentScore200JSONResponse(st.contentScore(in)), nil
}
