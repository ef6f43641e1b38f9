package sellercentertest

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
)

// catalog is the fake's product catalog and its reference data. Its fields
// are guarded by store.mu like the rest of the store.
type catalog struct {
	countries   []country
	brands      map[int]*gen.Brand
	categories  map[int]*category
	rootID      int
	attrSets    map[int]*gen.AttributeSet
	attrs       map[int]*attribute
	optionMaps  []gen.AttributeOptionMapping
	catOptions  map[int]map[int][]int // category id -> attribute id -> allowed option ids
	brandAttrs  map[int][]gen.BrandAttribute
	warehouses  map[int]*gen.Warehouse
	productTags []gen.ProductTag
	sellerTags  []string
	qcReasons   []gen.QualityControlRejectReason
	hybrids     []hybrid
	sets        map[int]*productSet
	products    map[int]*catProduct
	images      map[int]*gen.ProductImage
	feeds       map[string]*feed

	nextSet, nextProduct, nextImage, nextWarehouse, nextConsignment, nextShopSku int
}

// country is a country the seller sells in.
type country struct{ code, currency string }

// defaultCountry is where prices go that name no country (createProductSet,
// the Price column of imports).
const defaultCountry = "MY"

// Shipment types of products.
const (
	shipWarehouse   = 1 // the marketplace holds the stock (consignment)
	shipDropship    = 2
	shipCrossdock   = 3
	defaultShipment = shipDropship
)

type category struct {
	id, parentID      int // parentID is 0 for the root
	name, uuid, srcID string
	attrSetID         int
	status            gen.CategoryStatus
	visible           bool
	fulfillment       bool
	qcDisabled        bool
	serialRequired    bool
	children          []int
	nomenclature      string
	restrictions      []gen.CategoryRestriction
	noScoring         bool // the category has no content score rules
}

type attribute struct {
	def   gen.AttributeDefinition
	setID int // 0 for the global attributes
}

type productSet struct {
	ps            gen.ProductSet // SellerSku, Status and Sin come from the first product
	productIDs    []int
	imageIDs      []int
	mainID        int // the image last moved to position 1, which leads that position
	group         string
	tagIDs        []int
	qc            gen.QualityControlState
	qcAt          time.Time
	rejections    []string
	qcComment     string
	notAuthorized bool
	uploaded      bool // the latest version reached the shop
	everUploaded  bool
	configSku     string
	sin           string
}

type catProduct struct {
	p       gen.Product // Name is filled in by render where the API sends it
	name    string      // own name; empty means the set's
	prices  map[string]*priceRow
	stock   map[int]int // warehouse id -> quantity
	consign consignment
}

type priceRow struct {
	price, sale *float64
	start, end  *datetime.Time
	status      gen.PriceStatus
}

type consignment struct {
	id                                                           int
	received, quarantined, defective, canceled, returned, failed int
}

func (c consignment) sellable() int    { return c.received + c.canceled + c.returned + c.failed }
func (c consignment) nonSellable() int { return c.quarantined + c.defective }
func (c consignment) any() bool        { return c.sellable()+c.nonSellable() > 0 }

type hybrid struct {
	hp         gen.HybridProduct
	categoryID int
	brandID    int
}

func newCatalog() catalog {
	return catalog{
		countries:  []country{{"MY", "MYR"}, {"SG", "SGD"}},
		brands:     map[int]*gen.Brand{},
		categories: map[int]*category{},
		attrSets:   map[int]*gen.AttributeSet{},
		attrs:      map[int]*attribute{},
		catOptions: map[int]map[int][]int{},
		brandAttrs: map[int][]gen.BrandAttribute{},
		warehouses: map[int]*gen.Warehouse{},
		sets:       map[int]*productSet{},
		products:   map[int]*catProduct{},
		images:     map[int]*gen.ProductImage{},
		feeds:      map[string]*feed{},
		nextSet:    7201, nextProduct: 52001, nextImage: 91001, nextWarehouse: 4, nextConsignment: 801, nextShopSku: 2001,
	}
}

func (c *catalog) hasCountry(code string) bool {
	return slices.ContainsFunc(c.countries, func(k country) bool { return k.code == code })
}

func (c *catalog) currency(code string) string {
	for _, k := range c.countries {
		if k.code == code {
			return k.currency
		}
	}
	return ""
}

func sortedKeys[V any](m map[int]V) []int {
	ids := make([]int, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	return ids
}

// --- categories ---

// path returns the categories from the top level down to c; the root is
// left out unless c is the root.
func (c *catalog) path(cat *category) []*category {
	var out []*category
	for k := cat; k != nil; k = c.categories[k.parentID] {
		if k.id == c.rootID && k != cat {
			break
		}
		out = append(out, k)
	}
	slices.Reverse(out)
	return out
}

func (c *catalog) pathOf(cat *category) (ids []int, names []string) {
	for _, k := range c.path(cat) {
		ids = append(ids, k.id)
		names = append(names, k.name)
	}
	return ids, names
}

// status returns a category's status with its ancestors' taken into account.
func (c *catalog) status(cat *category) gen.CategoryStatus {
	if cat.status != gen.CategoryStatusActive {
		return cat.status
	}
	for k := c.categories[cat.parentID]; k != nil; k = c.categories[k.parentID] {
		if k.status != gen.CategoryStatusActive {
			return gen.CategoryStatusInheritedInactive
		}
	}
	return gen.CategoryStatusActive
}

func (c *catalog) usable(cat *category) bool { return c.status(cat) == gen.CategoryStatusActive }

func (c *catalog) node(cat *category) gen.CategoryNode {
	ids, names := c.pathOf(cat)
	n := gen.CategoryNode{Id: ptr(cat.id), Name: ptr(cat.name), AttributeSetId: cat.attrSetID,
		PathIds: ids, Path: names, Uuid: cat.uuid}
	if cat.parentID != 0 {
		n.ParentId = ptr(cat.parentID)
	}
	return n
}

func (c *catalog) treeNode(cat *category) gen.CategoryTreeNode {
	n := c.node(cat)
	children := []gen.CategoryTreeNode{}
	for _, id := range cat.children {
		if k := c.categories[id]; c.usable(k) {
			children = append(children, c.treeNode(k))
		}
	}
	return gen.CategoryTreeNode{Id: n.Id, ParentId: n.ParentId, Name: n.Name, AttributeSetId: n.AttributeSetId,
		PathIds: n.PathIds, Path: n.Path, Uuid: n.Uuid, Children: children}
}

func (c *catalog) fullCategory(cat *category) gen.Category {
	n := c.node(cat)
	return gen.Category{Id: n.Id, ParentId: n.ParentId, Name: n.Name, AttributeSetId: n.AttributeSetId,
		PathIds: n.PathIds, Path: n.Path, Uuid: n.Uuid, ChildrenIds: append([]int{}, cat.children...),
		Visible: cat.visible, FulfillmentVisible: cat.fulfillment, QcDisabled: cat.qcDisabled,
		SerialNumberRequired: cat.serialRequired, Status: c.status(cat)}
}

func (c *catalog) detail(cat *category) gen.CategoryDetail {
	_, names := c.pathOf(cat)
	d := gen.CategoryDetail{Id: cat.id, Uuid: cat.uuid, Name: cat.name, Visible: cat.visible,
		Status: c.status(cat), Path: names}
	if cat.srcID != "" {
		d.SrcId = ptr(cat.srcID)
	}
	if cat.parentID != 0 {
		d.ParentId = ptr(cat.parentID)
	}
	return d
}

func (c *catalog) child(cat *category) gen.CategoryChild {
	n := c.node(cat)
	ch := gen.CategoryChild{Id: n.Id, Uuid: n.Uuid, Status: c.status(cat), Visible: cat.visible,
		ParentId: n.ParentId, Name: n.Name, AttributeSetId: n.AttributeSetId, PathIds: n.PathIds, Path: n.Path,
		HasChildren: len(cat.children) > 0}
	if cat.srcID != "" {
		ch.SrcId = ptr(cat.srcID)
	}
	return ch
}

// restrictions returns the rules that hold in a category: its own and its
// ancestors'.
func (c *catalog) restrictions(cat *category) []gen.CategoryRestriction {
	var out []gen.CategoryRestriction
	for _, k := range c.path(cat) {
		out = append(out, k.restrictions...)
	}
	return out
}

// --- attributes ---

// attributesOf returns the attributes of an attribute set, global ones
// first, by id.
func (c *catalog) attributesOf(setID int, globals bool) []*attribute {
	var out []*attribute
	for _, id := range sortedKeys(c.attrs) {
		a := c.attrs[id]
		if a.setID == setID && setID != 0 || globals && a.setID == 0 {
			out = append(out, a)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].setID == 0 && out[j].setID != 0 })
	return out
}

// definition returns an attribute as a category shows it: with the options
// narrowed to the category's mapping, if it has one.
func (c *catalog) definition(a *attribute, cat *category) (gen.AttributeDefinition, error) {
	def, err := clone(a.def)
	if err != nil || cat == nil || def.Options == nil {
		return def, err
	}
	var allowed []int
	for _, k := range c.path(cat) {
		if m, ok := c.catOptions[k.id][deref(a.def.Id)]; ok {
			allowed = m
		}
	}
	if allowed != nil {
		opts := slices.DeleteFunc(def.Options, func(o gen.AttributeOption) bool { return !slices.Contains(allowed, o.Id) })
		def.Options = opts
	}
	return def, nil
}

func (c *catalog) attributeNamed(setID int, name string) *attribute {
	for _, a := range c.attributesOf(setID, true) {
		if a.def.Name == name {
			return a
		}
	}
	return nil
}

func (a *attribute) kind() gen.AttributeDefinitionAttributeType { return a.def.AttributeType }

func (a *attribute) option(id int) *gen.AttributeOption {
	for _, o := range a.def.Options {
		if o.Id == id {
			return &o
		}
	}
	return nil
}

func (a *attribute) optionNamed(name string) *gen.AttributeOption {
	for _, o := range a.def.Options {
		if strings.EqualFold(o.Name, strings.TrimSpace(name)) {
			return &o
		}
	}
	return nil
}

// --- product sets and products ---

func (st *store) setOf(p *catProduct) *productSet { return st.cat.sets[p.p.ProductSetId] }

func (st *store) productsOf(ps *productSet) []*catProduct {
	out := make([]*catProduct, 0, len(ps.productIDs))
	for _, id := range ps.productIDs {
		out = append(out, st.cat.products[id])
	}
	return out
}

// first returns the set's first product that is not deleted, or else its
// first product, or nil.
func (st *store) first(ps *productSet) *catProduct {
	ps2 := st.productsOf(ps)
	for _, p := range ps2 {
		if p.p.Status != gen.ProductStatusDeleted {
			return p
		}
	}
	if len(ps2) > 0 {
		return ps2[0]
	}
	return nil
}

func (st *store) productBySellerSku(sku string) *catProduct {
	for _, p := range st.cat.products {
		if p.p.SellerSku == sku {
			return p
		}
	}
	return nil
}

func (st *store) productByShopSku(sku string) *catProduct {
	for _, p := range st.cat.products {
		if p.p.ShopSku != nil && *p.p.ShopSku == sku {
			return p
		}
	}
	return nil
}

func (st *store) setByParentSku(sku string) *productSet {
	for _, id := range sortedKeys(st.cat.sets) {
		if ps := st.cat.sets[id]; deref(ps.ps.ParentSku) == sku {
			return ps
		}
	}
	return nil
}

func (st *store) renderSet(ps *productSet) (gen.ProductSet, error) {
	out, err := clone(ps.ps)
	if err != nil {
		return out, err
	}
	if p := st.first(ps); p != nil {
		out.SellerSku = p.p.SellerSku
		out.Status = p.p.Status
	}
	if ps.sin != "" {
		out.Sin = ptr(ps.sin)
	}
	return out, nil
}

func (st *store) productName(p *catProduct) string {
	if p.name != "" {
		return p.name
	}
	if ps := st.setOf(p); ps != nil {
		return ps.ps.Name
	}
	return ""
}

func (st *store) renderProduct(p *catProduct, withName bool) (gen.Product, error) {
	out, err := clone(p.p)
	if err != nil {
		return out, err
	}
	if withName {
		out.Name = st.productName(p)
	}
	return out, nil
}

// touch records a change to a set's data: the shop has an older version now.
func (st *store) touch(ps *productSet) {
	ps.ps.UpdatedAt = st.stamp()
	ps.uploaded = false
}

func (st *store) touchProduct(p *catProduct) {
	p.p.UpdatedAt = ptr(st.stamp())
	st.emitSkus(eventProductUpdated, p.p.SellerSku)
	if ps := st.setOf(p); ps != nil {
		st.touch(ps)
	}
}

// upload puts a set's latest version in the shop: products and images get
// their shop ids.
func (st *store) upload(ps *productSet) {
	now := ptr(st.stamp())
	if ps.ps.SrcId == nil {
		ps.ps.SrcId = ptr(fmt.Sprint(3900000 + ps.ps.Id))
	}
	if ps.configSku == "" {
		ps.configSku = fmt.Sprintf("KB512AA%05XMY", ps.ps.Id)
	}
	for _, p := range st.productsOf(ps) {
		if p.p.ShopSku == nil {
			p.p.ShopSku = ptr(fmt.Sprintf("%s-%d", ps.configSku, st.cat.nextShopSku))
			st.cat.nextShopSku++
		}
		if p.p.SrcId == nil {
			p.p.SrcId = ptr(fmt.Sprint(5800000 + p.p.Id))
		}
		p.p.SrcUpdatedAt = now
		if ps.qc == gen.QualityControlStateApproved {
			p.p.ApprovalStatus = gen.ProductApprovalStatusApproved
		}
	}
	for _, id := range ps.imageIDs {
		if im := st.cat.images[id]; im.SrcId == nil {
			im.SrcId = ptr(fmt.Sprint(6100000 + id))
		}
	}
	ps.uploaded, ps.everUploaded = true, true
}

// --- stock ---

func (st *store) defaultWarehouse() int {
	for _, id := range sortedKeys(st.cat.warehouses) {
		if deref(st.cat.warehouses[id].Default) {
			return id
		}
	}
	ids := sortedKeys(st.cat.warehouses)
	if len(ids) == 0 {
		return 0
	}
	return ids[0]
}

func (st *store) quantity(p *catProduct) int {
	n := 0
	for _, q := range p.stock {
		n += q
	}
	return n
}

// reserved counts the order items of a product that still wait to ship.
func (st *store) reserved(p *catProduct) int {
	n := 0
	for _, it := range st.items {
		if it.it.Product.SellerSku == p.p.SellerSku && waiting(it) {
			n++
		}
	}
	return n
}

func (st *store) available(p *catProduct) int {
	return max(0, st.quantity(p)+p.consign.sellable()-st.reserved(p))
}

func (st *store) stockLevel(p *catProduct) gen.StockLevel {
	s := gen.StockLevel{SellerSku: p.p.SellerSku, Name: st.productName(p),
		Quantity: st.quantity(p), ReservedStock: st.reserved(p), PreVerificationStock: 0,
		Available: st.available(p), SellableStock: p.consign.sellable(), NonSellableStock: p.consign.nonSellable()}
	if p.p.ShopSku != nil {
		s.ShopSku = ptr(*p.p.ShopSku)
	}
	if c := p.consign; c.any() {
		s.Consignments = &gen.ConsignmentStockCounts{Received: c.received, Quarantined: c.quarantined,
			Defective: c.defective, Canceled: c.canceled, Returned: c.returned, Failed: c.failed}
	}
	var whs []gen.WarehouseStockLevel
	for _, id := range sortedKeys(p.stock) {
		if q := p.stock[id]; q > 0 && st.cat.warehouses[id] != nil {
			whs = append(whs, gen.WarehouseStockLevel{WarehouseId: id, Name: st.cat.warehouses[id].Name, Stock: q})
		}
	}
	if len(whs) > 1 {
		s.Warehouses = whs
	}
	return s
}

// --- prices ---

func (st *store) renderPrice(p *catProduct, code string) gen.Price {
	r := p.prices[code]
	out := gen.Price{ProductSetId: p.p.ProductSetId, ProductId: p.p.Id, Country: code,
		Status: r.status}
	if r.price != nil {
		out.Price = *r.price
	}
	if r.sale != nil {
		out.SalePrice = ptr(*r.sale)
	}
	if r.start != nil {
		out.SaleStartDate = ptr(*r.start)
	}
	if r.end != nil {
		out.SaleEndDate = ptr(*r.end)
	}
	return out
}

// priceCountries returns the countries where a product has a price, in the
// order of the seller's countries.
func (st *store) priceCountries(p *catProduct) []string {
	var out []string
	for _, k := range st.cat.countries {
		if r := p.prices[k.code]; r != nil && r.price != nil {
			out = append(out, k.code)
		}
	}
	return out
}

// --- images ---

// imagesOf returns a set's images by position; of images sharing one, the
// one last moved to position 1 comes first, then the oldest.
func (st *store) imagesOf(ps *productSet) []*gen.ProductImage {
	out := make([]*gen.ProductImage, 0, len(ps.imageIDs))
	for _, id := range ps.imageIDs {
		out = append(out, st.cat.images[id])
	}
	sort.SliceStable(out, func(i, j int) bool {
		if pi, pj := out[i].Position, out[j].Position; pi != pj {
			return pi < pj
		}
		if mi, mj := out[i].Id == ps.mainID, out[j].Id == ps.mainID; mi != mj {
			return mi
		}
		return out[i].Id < out[j].Id
	})
	return out
}

// mainImage is the first image of imagesOf.
func (st *store) mainImage(ps *productSet) *gen.ProductImage {
	if ims := st.imagesOf(ps); len(ims) > 0 {
		return ims[0]
	}
	return nil
}

func (st *store) addImage(ps *productSet, url string, position int) *gen.ProductImage {
	id := st.cat.nextImage
	st.cat.nextImage++
	now := st.stamp()
	im := &gen.ProductImage{Id: id, ProductSetId: ps.ps.Id, Position: position, DisplayUrl: url,
		CreatedAt: now, UpdatedAt: now}
	st.cat.images[id] = im
	ps.imageIDs = append(ps.imageIDs, id)
	return im
}

func (st *store) removeImage(ps *productSet, id int) {
	if ps.mainID == id {
		ps.mainID = 0
	}
	delete(st.cat.images, id)
	ps.imageIDs = slices.DeleteFunc(ps.imageIDs, func(i int) bool { return i == id })
}

// freePosition returns the lowest position from 1 to 8 no image holds, or 0.
func (st *store) freePosition(ps *productSet) int {
	taken := map[int]bool{}
	for _, id := range ps.imageIDs {
		taken[st.cat.images[id].Position] = true
	}
	for pos := 1; pos <= maxImages; pos++ {
		if !taken[pos] {
			return pos
		}
	}
	return 0
}

const maxImages = 8

// --- sections and filters ---

func (st *store) inSetSection(ps *productSet, sec gen.ProductSetSection) bool {
	products := st.productsOf(ps)
	count := func(status gen.ProductStatus) int {
		n := 0
		for _, p := range products {
			if p.p.Status == status {
				n++
			}
		}
		return n
	}
	deleted := len(products) > 0 && count(gen.ProductStatusDeleted) == len(products)
	switch sec {
	case gen.ProductSetSectionAll:
		return !deleted
	case gen.ProductSetSectionActive:
		return !deleted && count(gen.ProductStatusActive) > 0 && ps.qc == gen.QualityControlStateApproved && !ps.notAuthorized
	case gen.ProductSetSectionInactiveAll:
		return !deleted && count(gen.ProductStatusActive) == 0
	case gen.ProductSetSectionDeletedAll:
		return deleted
	case gen.ProductSetSectionImageMissing:
		return !deleted && len(ps.imageIDs) == 0
	case gen.ProductSetSectionPending:
		return !deleted && ps.qc == gen.QualityControlStatePending
	case gen.ProductSetSectionRejected:
		return ps.qc == gen.QualityControlStateRejected
	case gen.ProductSetSectionDisapproved:
		return ps.qc == gen.QualityControlStateRejected && !ps.notAuthorized
	case gen.ProductSetSectionNotAuthorized:
		return ps.notAuthorized
	case gen.ProductSetSectionSoldOut:
		if deleted {
			return false
		}
		for _, p := range products {
			if p.p.Status != gen.ProductStatusDeleted && st.available(p) > 0 {
				return false
			}
		}
		return true
	}
	return false
}

// setFilter holds the filters listProductSets, countProductSetsByAttributeSet
// and exportProductImages share.
type setFilter struct {
	section                gen.ProductSetSection
	keyword                string
	createStart, createEnd datetime.Time
	updateStart, updateEnd datetime.Time
	brands, categories     []int
	tags                   []string
	syncing                bool
	inStock, reserved      *bool
	onlyWithTags           bool
	parentSku              string
	uuids                  []string
	ids                    []int
	group                  string
	missingImage           bool
}

func (st *store) matchSet(ps *productSet, f setFilter) bool {
	s := &ps.ps
	switch {
	case f.section != "" && !st.inSetSection(ps, f.section),
		!within(s.CreatedAt.Time, f.createStart, f.createEnd),
		!within(s.UpdatedAt.Time, f.updateStart, f.updateEnd),
		len(f.brands) > 0 && !slices.Contains(f.brands, s.BrandId),
		len(f.categories) > 0 && !slices.Contains(f.categories, s.PrimaryCategoryId) &&
			!slices.ContainsFunc(s.Categories, func(c int) bool { return slices.Contains(f.categories, c) }),
		f.syncing && (ps.qc != gen.QualityControlStateApproved || ps.uploaded),
		f.onlyWithTags && len(ps.tagIDs) == 0,
		f.parentSku != "" && deref(s.ParentSku) != f.parentSku,
		len(f.uuids) > 0 && !slices.Contains(f.uuids, s.Uuid),
		len(f.ids) > 0 && !slices.Contains(f.ids, s.Id),
		f.group != "" && !strings.EqualFold(ps.group, f.group),
		f.missingImage && len(ps.imageIDs) > 0:
		return false
	}
	products := st.productsOf(ps)
	if f.keyword != "" {
		k := strings.ToLower(f.keyword)
		hit := strings.HasPrefix(strings.ToLower(s.Name), k) || strings.HasPrefix(strings.ToLower(deref(s.ParentSku)), k)
		for _, p := range products {
			hit = hit || strings.HasPrefix(strings.ToLower(p.p.SellerSku), k) || strings.HasPrefix(strings.ToLower(deref(p.p.ShopSku)), k)
		}
		if !hit {
			return false
		}
	}
	if len(f.tags) > 0 && !slices.ContainsFunc(ps.tagIDs, func(id int) bool {
		for _, t := range st.cat.productTags {
			if t.Id == id && (slices.Contains(f.tags, fmt.Sprint(id)) || containsFold(f.tags, t.Name)) {
				return true
			}
		}
		return false
	}) {
		return false
	}
	if f.inStock != nil || f.reserved != nil {
		stock, reserved := 0, 0
		for _, p := range products {
			stock += st.quantity(p) + p.consign.sellable()
			reserved += st.reserved(p)
		}
		if f.inStock != nil && (stock > 0) != *f.inStock || f.reserved != nil && (reserved > 0) != *f.reserved {
			return false
		}
	}
	return true
}

func (st *store) filterSets(f setFilter) []*productSet {
	var out []*productSet
	for _, id := range sortedKeys(st.cat.sets) {
		if ps := st.cat.sets[id]; st.matchSet(ps, f) {
			out = append(out, ps)
		}
	}
	return out
}
