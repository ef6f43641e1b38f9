package sellercentertest

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/sellercenter-go/sellercenter/gen"
)

// The rules here are shared by the JSON calls, the imports and the state
// helpers, so all three judge a change alike.

func brandUsable(b *gen.Brand) bool {
	return b.Status == gen.BrandStatusActive && (!b.IsRestricted || b.IsApproved)
}

func (st *store) brandNamed(name string) *gen.Brand {
	for _, id := range sortedKeys(st.cat.brands) {
		if b := st.cat.brands[id]; strings.EqualFold(b.Name, strings.TrimSpace(name)) {
			return b
		}
	}
	return nil
}

// checkBrand returns why a brand cannot be used, or "".
func (st *store) checkBrand(id int) string {
	b, ok := st.cat.brands[id]
	switch {
	case !ok:
		return fmt.Sprintf("brand %d does not exist", id)
	case !brandUsable(b):
		return fmt.Sprintf("the seller may not use brand %d (%s)", id, b.Name)
	}
	return ""
}

// leafCategory returns an active category without children, or why id is
// not one.
func (st *store) leafCategory(id int) (*category, string) {
	c, ok := st.cat.categories[id]
	switch {
	case !ok:
		return nil, fmt.Sprintf("category %d does not exist", id)
	case !st.cat.usable(c):
		return nil, fmt.Sprintf("category %d (%s) is %s", id, c.name, st.cat.status(c))
	case len(c.children) > 0:
		return nil, fmt.Sprintf("category %d (%s) has subcategories; products go in one of them", id, c.name)
	}
	return c, ""
}

// checkCategories returns why further categories cannot go with a primary
// one: they must exist and lie in the primary category's top-level branch.
func (st *store) checkCategories(primary *category, ids []int, sameBranch bool) string {
	top := st.cat.path(primary)[0]
	for _, id := range ids {
		c, ok := st.cat.categories[id]
		switch {
		case !ok:
			return fmt.Sprintf("category %d does not exist", id)
		case sameBranch && st.cat.path(c)[0] != top:
			return fmt.Sprintf("category %d (%s) is not in the branch of %s", id, c.name, top.name)
		}
	}
	return ""
}

func (st *store) variationTaken(ps *productSet, v string, except *catProduct) *catProduct {
	for _, p := range st.productsOf(ps) {
		if p != except && strings.EqualFold(deref(p.p.Variation), v) && p.p.Status != gen.ProductStatusDeleted {
			return p
		}
	}
	return nil
}

// attrKind tells the shape of an attribute value.
func attrKind(v *gen.ProductSetAttributeValue) (string, error) {
	if v == nil {
		return "null", nil
	}
	b, err := v.MarshalJSON()
	if err != nil {
		return "", err
	}
	switch s := strings.TrimSpace(string(b)); {
	case s == "null":
		return "null", nil
	case strings.HasPrefix(s, `"`):
		return "text", nil
	case strings.HasPrefix(s, "["):
		if _, err := v.AsProductSetAttributeOptions(); err == nil {
			return "options", nil
		}
		return "texts", nil
	default:
		return "option", nil
	}
}

// checkAttributes validates attribute values against an attribute set.
// Values of unknown attributes are dropped, as the API does; values of the
// wrong shape and option ids the attribute lacks are errors.
func (st *store) checkAttributes(setID int, cat *category, in gen.ProductSetAttributes) (gen.ProductSetAttributes, []string) {
	out := gen.ProductSetAttributes{}
	var problems []string
	keys := make([]string, 0, len(in))
	for k := range in {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := in[k]
		id, err := strconv.Atoi(k)
		a := st.cat.attrs[id]
		if err != nil || a == nil || a.setID != 0 && a.setID != setID || a.kind() == gen.AttributeDefinitionAttributeTypeSystem {
			continue
		}
		kind, err := attrKind(v)
		if err != nil {
			problems = append(problems, fmt.Sprintf("attribute %s: %v", k, err))
			continue
		}
		if kind == "null" {
			out[k] = nil
			continue
		}
		def, err := st.cat.definition(a, cat)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		allowed := func(opt int) bool {
			for _, o := range def.Options {
				if o.Id == opt {
					return true
				}
			}
			return false
		}
		name := a.def.Name
		switch a.kind() {
		case gen.AttributeDefinitionAttributeTypeValue:
			if kind != "text" {
				problems = append(problems, fmt.Sprintf("attribute %s (%s) takes a text value", k, name))
				continue
			}
			t, _ := v.AsProductSetAttributeText()
			if ml := deref(a.def.MaxLength); ml > 0 && len(t) > ml {
				problems = append(problems, fmt.Sprintf("attribute %s (%s) is longer than %d characters", k, name, ml))
				continue
			}
		case gen.AttributeDefinitionAttributeTypeOption:
			if kind != "option" {
				problems = append(problems, fmt.Sprintf("attribute %s (%s) takes one option id", k, name))
				continue
			}
			if o, _ := v.AsProductSetAttributeOption(); !allowed(o) {
				problems = append(problems, fmt.Sprintf("option %d is not allowed for attribute %s (%s) here", o, k, name))
				continue
			}
		case gen.AttributeDefinitionAttributeTypeMultiOption:
			if kind != "options" {
				problems = append(problems, fmt.Sprintf("attribute %s (%s) takes a list of option ids", k, name))
				continue
			}
			opts, _ := v.AsProductSetAttributeOptions()
			bad := false
			for _, o := range opts {
				if !allowed(o) {
					problems = append(problems, fmt.Sprintf("option %d is not allowed for attribute %s (%s) here", o, k, name))
					bad = true
				}
			}
			if bad {
				continue
			}
		}
		c, err := clone(v)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		out[k] = c
	}
	return out, problems
}

// missingMandatory lists the feed names of the mandatory, non-system
// attributes of a set that attrs leaves without a value.
func (st *store) missingMandatory(setID int, attrs gen.ProductSetAttributes) []string {
	var out []string
	for _, a := range st.cat.attributesOf(setID, false) {
		if !a.def.IsMandatory || a.kind() == gen.AttributeDefinitionAttributeTypeSystem {
			continue
		}
		if v := attrs[fmt.Sprint(deref(a.def.Id))]; v == nil {
			out = append(out, a.def.FeedName)
		}
	}
	return out
}

// attrFromText reads an attribute value as files write it: option names
// (several separated by commas) for option attributes, text otherwise.
func attrFromText(a *attribute, text string) (*gen.ProductSetAttributeValue, error) {
	v := &gen.ProductSetAttributeValue{}
	switch a.kind() {
	case gen.AttributeDefinitionAttributeTypeOption:
		o := a.optionNamed(text)
		if o == nil {
			return nil, fmt.Errorf("%q is not an option of %s", text, a.def.Name)
		}
		return v, v.FromProductSetAttributeOption(o.Id)
	case gen.AttributeDefinitionAttributeTypeMultiOption:
		var ids []int
		for _, name := range strings.Split(text, ",") {
			o := a.optionNamed(name)
			if o == nil {
				return nil, fmt.Errorf("%q is not an option of %s", strings.TrimSpace(name), a.def.Name)
			}
			ids = append(ids, o.Id)
		}
		return v, v.FromProductSetAttributeOptions(ids)
	}
	if ml := deref(a.def.MaxLength); ml > 0 && len(text) > ml {
		return nil, fmt.Errorf("longer than %d characters", ml)
	}
	if a.def.InputType == gen.AttributeDefinitionInputTypeNumberfield {
		if _, err := strconv.ParseFloat(text, 64); err != nil {
			return nil, fmt.Errorf("%q is not a number", text)
		}
	}
	return v, v.FromProductSetAttributeText(text)
}

// attrText writes an attribute value for people and name formulas.
func attrText(a *attribute, v *gen.ProductSetAttributeValue) string {
	kind, err := attrKind(v)
	if err != nil {
		return ""
	}
	switch kind {
	case "text":
		t, _ := v.AsProductSetAttributeText()
		return t
	case "texts":
		t, _ := v.AsProductSetAttributeTexts()
		return strings.Join(t, ", ")
	case "option":
		id, _ := v.AsProductSetAttributeOption()
		if o := a.option(id); o != nil {
			return o.Name
		}
	case "options":
		ids, _ := v.AsProductSetAttributeOptions()
		var names []string
		for _, id := range ids {
			if o := a.option(id); o != nil {
				names = append(names, o.Name)
			}
		}
		return strings.Join(names, ", ")
	}
	return ""
}

// nomenclature builds a product name from a category's formula, or returns
// name unchanged when the category has none.
func (st *store) nomenclature(cat *category, name string, brandID int, attrs gen.ProductSetAttributes) string {
	if cat.nomenclature == "" {
		return name
	}
	var words []string
	for _, tok := range strings.Fields(cat.nomenclature) {
		attr, ok := strings.CutPrefix(tok, "attr.")
		if !ok {
			words = append(words, tok)
			continue
		}
		switch attr {
		case "name":
			words = append(words, name)
		case "brand":
			if b := st.cat.brands[brandID]; b != nil {
				words = append(words, b.Name)
			}
		default:
			if a := st.cat.attributeNamed(cat.attrSetID, attr); a != nil {
				if t := attrText(a, attrs[fmt.Sprint(deref(a.def.Id))]); t != "" {
					words = append(words, t)
				}
			}
		}
	}
	return strings.Join(words, " ")
}

// checkPrice returns the field and the reason a price row cannot be stored,
// or empty strings. newEnd tells whether the write sets the sale end: only
// an end the write sets must lie in the future, as on the live API, where
// the rule checks the request's saleEndDate. A sale that ended while stored
// is history, and writes that keep it (an import row with just a Price) go
// through.
func (st *store) checkPrice(p *catProduct, code string, r priceRow, newEnd bool) (field, reason string) {
	if !st.cat.hasCountry(code) {
		return "country", fmt.Sprintf("the seller does not sell in country %q", code)
	}
	switch {
	case r.price != nil && *r.price <= 0:
		return "price", fmt.Sprintf("the price must be above 0, got %v", *r.price)
	case r.sale != nil && r.price == nil:
		return "salePrice", "a sale price needs a price"
	case r.sale != nil && *r.sale <= 0:
		return "salePrice", fmt.Sprintf("the sale price must be above 0, got %v", *r.sale)
	case r.sale != nil && *r.sale >= *r.price:
		return "salePrice", fmt.Sprintf("the sale price %v must be below the price %v", *r.sale, *r.price)
	case r.start != nil && r.end != nil && !r.start.Before(r.end.Time):
		return "saleEndDate", "the sale must end after it starts"
	case newEnd && r.end != nil && !r.end.After(st.now()):
		return "saleEndDate", "the sale end must lie in the future"
	}
	ps := st.setOf(p)
	if ps == nil {
		return "", ""
	}
	cat := st.cat.categories[ps.ps.PrimaryCategoryId]
	if cat == nil {
		return "", ""
	}
	for _, rule := range st.cat.restrictions(cat) {
		if rule.Type != gen.CategoryRestrictionTypePrice || rule.Country != nil && *rule.Country != code {
			continue
		}
		limit, err := strconv.ParseFloat(rule.Value, 64)
		if err != nil {
			continue
		}
		var v *float64
		field := "price"
		switch rule.Name {
		case "min_price", "max_price":
			v = r.price
		case "min_sale_price", "max_sale_price":
			v, field = r.sale, "salePrice"
		}
		if v == nil {
			continue
		}
		switch name := rule.Name; {
		case strings.HasPrefix(name, "min_") && *v < limit:
			return field, fmt.Sprintf("%v is below the category's %s of %v", *v, name, limit)
		case strings.HasPrefix(name, "max_") && *v > limit:
			return field, fmt.Sprintf("%v is above the category's %s of %v", *v, name, limit)
		}
	}
	return "", ""
}

// newSet stores a product set without products, pending quality control.
func (st *store) newSet(name, description, parentSku string, brandID int, cat *category, attrs gen.ProductSetAttributes) *productSet {
	id := st.cat.nextSet
	st.cat.nextSet++
	now := st.stamp()
	if attrs == nil {
		attrs = gen.ProductSetAttributes{}
	}
	ps := &productSet{ps: gen.ProductSet{
		Id: id, Uuid: st.uuid(7), Name: st.nomenclature(cat, name, brandID, attrs), ParentSku: ptr(parentSku),
		CreatedAt: now, UpdatedAt: now, BrandId: brandID, PrimaryCategoryId: cat.id, AttributeSetId: cat.attrSetID,
		SellerId: st.seller.Id, Categories: []int{}, BrowseNodes: []int{}, Attributes: attrs,
	}, qc: gen.QualityControlStatePending, qcAt: st.now()}
	if description != "" {
		ps.ps.Description = ptr(description)
	}
	if cat.qcDisabled {
		ps.qc = gen.QualityControlStateApproved
	}
	st.cat.sets[id] = ps
	return ps
}

// newProduct stores a product in a set, with no stock and no price.
func (st *store) newProduct(ps *productSet, sellerSku, variation string, status gen.ProductStatus, ship int, barcode string) *catProduct {
	id := st.cat.nextProduct
	st.cat.nextProduct++
	now := st.stamp()
	approval := gen.ProductApprovalStatusPending
	if ps.qc == gen.QualityControlStateRejected {
		approval = gen.ProductApprovalStatusRejected
	}
	p := &catProduct{p: gen.Product{
		Id: id, Uuid: st.uuid(8), SellerSku: sellerSku, SellerId: st.seller.Id, ProductSetId: ps.ps.Id,
		ApprovalStatus: approval, UpdatedByUserId: 524, Status: status, TaxClassId: 1,
		ShipmentTypeId: ship, CreatedAt: now, UpdatedAt: ptr(now),
	}, prices: map[string]*priceRow{}, stock: map[int]int{}}
	if variation != "" {
		p.p.Variation = ptr(variation)
	}
	if barcode != "" {
		p.p.ProductIdentifier = ptr(barcode)
	}
	if ship == shipWarehouse {
		p.consign.id = st.cat.nextConsignment
		st.cat.nextConsignment++
	}
	st.cat.products[id] = p
	ps.productIDs = append(ps.productIDs, id)
	st.touch(ps)
	st.emitSkus(eventProductCreated, sellerSku)
	return p
}

// createSet validates and stores a product set with its first product, as
// createProductSet does. The error's text is the 422 detail.
func (st *store) createSet(in gen.ProductSetCreate) (*productSet, error) {
	var problems []string
	if msg := st.checkBrand(in.BrandId); msg != "" {
		problems = append(problems, msg)
	}
	cat, msg := st.leafCategory(in.PrimaryCategoryId)
	if cat == nil {
		problems = append(problems, msg)
	}
	if st.productBySellerSku(in.SellerSku) != nil {
		problems = append(problems, fmt.Sprintf("sellerSku %q is taken", in.SellerSku))
	}
	var attrs gen.ProductSetAttributes
	if cat != nil {
		if msg := st.checkCategories(cat, in.Categories, true); msg != "" {
			problems = append(problems, msg)
		}
		if msg := st.checkCategories(cat, in.BrowseNodes, false); msg != "" {
			problems = append(problems, msg)
		}
		var ps []string
		attrs, ps = st.checkAttributes(cat.attrSetID, cat, in.Attributes)
		problems = append(problems, ps...)
		for _, name := range st.missingMandatory(cat.attrSetID, attrs) {
			problems = append(problems, "the category needs attribute "+name)
		}
	}
	ship := defaultShipment
	if in.ShipmentTypeId != nil {
		ship = *in.ShipmentTypeId
		if ship < shipWarehouse || ship > shipCrossdock {
			problems = append(problems, fmt.Sprintf("shipmentTypeId %d is not 1, 2 or 3", ship))
		}
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "; "))
	}
	parent := in.SellerSku
	if in.ParentSku != "" {
		parent = in.ParentSku
	}
	ps := st.newSet(in.Name, in.Description, parent, in.BrandId, cat, attrs)
	ps.ps.Categories = append([]int{}, in.Categories...)
	ps.ps.BrowseNodes = append([]int{}, in.BrowseNodes...)
	if in.SizeSystem != nil {
		ps.ps.SizeSystem = ptr(*in.SizeSystem)
	}
	status := gen.ProductStatusActive
	if in.Status != "" {
		status = gen.ProductStatus(in.Status)
	}
	p := st.newProduct(ps, in.SellerSku, deref(in.Variation), status, ship, deref(in.ProductIdentifier))
	row := priceRow{price: ptr(in.Price), status: gen.PriceStatusActive}
	if _, msg := st.checkPrice(p, defaultCountry, row, false); msg != "" {
		st.dropProduct(ps, p, true)
		return nil, errors.New(msg)
	}
	p.prices[defaultCountry] = &row
	return ps, nil
}
