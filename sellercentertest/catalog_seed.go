package sellercentertest

import (
	"fmt"
	"slices"
	"time"

	"github.com/sellercenter-go/sellercenter/gen"
)

// The catalog seed belongs to the same Malaysian seller as the orders: the
// six products ordered in the seed orders are in it under the same seller
// and shop SKUs, so their reserved stock follows the orders.

var catalogBase = time.Date(2024, time.June, 3, 8, 0, 0, 0, time.UTC)

// seedReference stores what every server has, seeded or not: countries,
// brands, categories, attributes, warehouses, tags, quality control reasons
// and the shop catalog products a seller can copy.
func (st *store) seedReference() {
	c := &st.cat
	at := func(days int) gen.DateTime { return dt(catalogBase.Add(-time.Duration(days) * 24 * time.Hour)) }

	type brandSeed struct {
		id                   int
		name, src, countries string
		status               gen.BrandStatus
		restricted, approved bool
	}
	for i, b := range []brandSeed{
		{201, "Kedai Batik Nusantara", "KBN201", "", gen.BrandStatusActive, false, true},
		{202, "Tanah Leather", "TNL202", "", gen.BrandStatusActive, false, true},
		{203, "Songket Heritage", "SGH203", "", gen.BrandStatusActive, false, true},
		{204, "Kampung Canvas", "KPC204", "", gen.BrandStatusActive, false, true},
		{205, "Zalora Gift Card", "ZGC205", "MY", gen.BrandStatusActive, true, true},
		{206, "Adidas", "ADI5341", "MY,SG", gen.BrandStatusActive, true, false},
		{207, "Batik Lama", "BTL207", "", gen.BrandStatusInactive, false, true},
		{208, "Pelangi Kids", "PLK208", "", gen.BrandStatusDeleted, false, true},
	} {
		br := &gen.Brand{Id: b.id, SrcId: ptr(b.src), Uuid: ptr(st.uuid(9)), Name: b.name, Status: b.status,
			IsActive: b.status == gen.BrandStatusActive, IsApproved: b.approved, IsRestricted: b.restricted,
			Countries: b.countries, CreatedAt: at(900 - 60*i), UpdatedAt: at(200 - 20*i)}
		c.brands[b.id] = br
	}

	for i, s := range []struct {
		id          int
		name, label string
	}{{1, "fashion", "Fashion"}, {2, "shoes", "Shoes"}, {3, "digital", "Digital Goods"}} {
		c.attrSets[s.id] = &gen.AttributeSet{Id: s.id, Name: s.name, Label: s.label, CreatedAt: at(1500 - i), UpdatedAt: at(300 - i)}
	}

	type attrSeed struct {
		id, set        int
		name, label    string
		feed, group    string
		kind           gen.AttributeDefinitionAttributeType
		input          gen.AttributeDefinitionInputType
		mandatory      bool
		maxLen         int
		options        []string
		firstOption    int
		defType        gen.AttributeDefinitionAttributeDefinitionType
		country, mode  string
		example        string
		forbidEmpty    bool
		visibleHybrid  bool
		blockedOnceSet bool
	}
	sys, val := gen.AttributeDefinitionAttributeTypeSystem, gen.AttributeDefinitionAttributeTypeValue
	opt, multi := gen.AttributeDefinitionAttributeTypeOption, gen.AttributeDefinitionAttributeTypeMultiOption
	text, area, num := gen.AttributeDefinitionInputTypeTextfield, gen.AttributeDefinitionInputTypeTextarea, gen.AttributeDefinitionInputTypeNumberfield
	drop, multisel := gen.AttributeDefinitionInputTypeDropdown, gen.AttributeDefinitionInputTypeMultiselect
	def := gen.AttributeDefinitionAttributeDefinitionTypeDefault
	for _, a := range []attrSeed{
		{id: 1, name: "name", label: "Name", feed: "Name", group: "Content", kind: sys, input: text, mandatory: true, maxLen: 255, defType: def, example: "Batik Shirt Kawung Blue", forbidEmpty: true, visibleHybrid: true},
		{id: 2, name: "brand", label: "Brand", feed: "Brand", group: "Content", kind: sys, input: drop, mandatory: true, defType: def, example: "Kedai Batik Nusantara", forbidEmpty: true, blockedOnceSet: true},
		{id: 3, name: "description", label: "Description", feed: "Description", group: "Content", kind: val, input: area, mandatory: true, maxLen: 25000, defType: def, example: "<ul><li>Hand-drawn batik</li></ul>", visibleHybrid: true},
		{id: 4, name: "seller_sku", label: "Seller SKU", feed: "SellerSku", group: "Content", kind: sys, input: text, mandatory: true, maxLen: 200, defType: def, example: "BTK-KWG-BL-M", forbidEmpty: true},
		{id: 5, name: "price", label: "Price", feed: "Price", group: "Price", kind: sys, input: num, mandatory: true, defType: gen.AttributeDefinitionAttributeDefinitionTypePrice, country: "MY", example: "129.90", forbidEmpty: true},
		{id: 6, name: "sale_price", label: "Sale Price", feed: "SalePrice", group: "Price", kind: sys, input: num, defType: gen.AttributeDefinitionAttributeDefinitionTypeSpecialPrice, country: "MY", example: "109.90"},
		{id: 7, name: "product_id", label: "Product ID (EAN)", feed: "ProductId", group: "Content", kind: sys, input: text, maxLen: 64, defType: def, example: "9556001234561"},
		{id: 8, name: "variation", label: "Variation", feed: "Variation", group: "Content", kind: sys, input: text, defType: def, example: "M"},
		{id: 9, name: "internal_notes", label: "Internal Notes", feed: "InternalNotes", group: "Internal", kind: val, input: area, defType: def, mode: "invisible"},
		{id: 101, set: 1, name: "color_family", label: "Colour Family", feed: "ColorFamily", group: "Content", kind: opt, input: drop, mandatory: true, options: []string{"Black", "Blue", "Red", "Gold", "Natural", "White"}, firstOption: 1011, defType: def},
		{id: 102, set: 1, name: "color", label: "Colour", feed: "Color", group: "Content", kind: opt, input: drop, options: []string{"Navy", "Sky Blue", "Maroon", "Crimson", "Jet Black"}, firstOption: 1021, defType: def},
		{id: 103, set: 1, name: "material", label: "Material", feed: "Material", group: "Content", kind: multi, input: multisel, mandatory: true, options: []string{"Cotton", "Silk", "Polyester", "Linen", "Canvas"}, firstOption: 1031, defType: def},
		{id: 104, set: 1, name: "size_system", label: "Size System", feed: "SizeSystem", group: "Size", kind: opt, input: drop, options: []string{"International", "UK", "EU"}, firstOption: 1041, defType: def},
		{id: 105, set: 1, name: "care_label", label: "Care Label", feed: "CareLabel", group: "Content", kind: val, input: area, maxLen: 500, defType: def, example: "Hand wash cold"},
		{id: 106, set: 1, name: "short_description", label: "Highlights", feed: "ShortDescription", group: "Content", kind: val, input: area, maxLen: 1000, defType: def, example: "<ul><li>Pure cotton</li></ul>"},
		{id: 201, set: 2, name: "color_family", label: "Colour Family", feed: "ColorFamily", group: "Content", kind: opt, input: drop, mandatory: true, options: []string{"Black", "Brown", "Tan", "White"}, firstOption: 2011, defType: def},
		{id: 202, set: 2, name: "upper_material", label: "Upper Material", feed: "UpperMaterial", group: "Content", kind: opt, input: drop, mandatory: true, options: []string{"Leather", "Synthetic", "Canvas"}, firstOption: 2021, defType: def},
		{id: 203, set: 2, name: "size_system", label: "Size System", feed: "SizeSystem", group: "Size", kind: opt, input: drop, mandatory: true, options: []string{"EU", "UK", "US"}, firstOption: 2031, defType: def},
		{id: 204, set: 2, name: "heel_height", label: "Heel Height (cm)", feed: "HeelHeight", group: "Content", kind: val, input: num, defType: def, example: "2"},
		{id: 301, set: 3, name: "validity_months", label: "Validity (months)", feed: "ValidityMonths", group: "Content", kind: val, input: num, mandatory: true, defType: def, example: "12"},
		{id: 302, set: 3, name: "delivery_method", label: "Delivery Method", feed: "DeliveryMethod", group: "Delivery", kind: opt, input: drop, mandatory: true, options: []string{"Email", "SMS"}, firstOption: 3021, defType: def},
	} {
		d := gen.AttributeDefinition{Id: ptr(a.id), Label: ptr(a.label), Name: a.name, FeedName: a.feed,
			GroupName: ptr(a.group), IsMandatory: a.mandatory, IsGlobalAttribute: ptr(a.set == 0),
			Description: ptr(a.label + " of the product"), ProductType: "sellercenter", InputType: a.input,
			AttributeType: a.kind, IsVisibleForHybrid: a.visibleHybrid || a.set != 0, AttributeDefinitionType: ptr(a.defType),
			InputMode: ptr(gen.AttributeDefinitionInputModeEdit), ForbidEmpty: a.forbidEmpty,
			IsEditionBySellerBlocked: a.blockedOnceSet, IsUsedInConsignmentFormulas: false}
		if a.maxLen > 0 {
			d.MaxLength = ptr(a.maxLen)
		}
		if a.country != "" {
			d.AttributeDefinitionCountry = ptr(a.country)
		}
		if a.mode != "" {
			d.InputMode = ptr(gen.AttributeDefinitionInputMode(a.mode))
		}
		if a.example != "" {
			d.ExampleValue = ptr(a.example)
		}
		if len(a.options) > 0 {
			opts := make([]gen.AttributeOption, len(a.options))
			for i, name := range a.options {
				opts[i] = gen.AttributeOption{Id: a.firstOption + i, Name: name, IsDefault: ptr(i == 0)}
			}
			d.Options = opts
		}
		c.attrs[a.id] = &attribute{def: d, setID: a.set}
	}
	ref := func(attr, option int) gen.AttributeOptionRef {
		return gen.AttributeOptionRef{AttributeId: attr, OptionId: option}
	}
	c.optionMaps = []gen.AttributeOptionMapping{
		{Parent: ref(101, 1012), Child: ref(102, 1021)}, {Parent: ref(101, 1012), Child: ref(102, 1022)},
		{Parent: ref(101, 1013), Child: ref(102, 1023)}, {Parent: ref(101, 1013), Child: ref(102, 1024)},
		{Parent: ref(101, 1011), Child: ref(102, 1025)},
	}

	type catSeed struct {
		id, parent, set int
		name            string
		status          gen.CategoryStatus
		hidden          bool
		formula         string
		qcOff, serial   bool
	}
	active := gen.CategoryStatusActive
	cats := []catSeed{
		{id: 1, set: 1, name: "Root", status: active},
		{id: 2, parent: 1, set: 1, name: "Women", status: active},
		{id: 3, parent: 1, set: 1, name: "Men", status: active},
		{id: 4, parent: 1, set: 3, name: "Gift Cards", status: active},
		{id: 5, parent: 1, set: 1, name: "Home", status: gen.CategoryStatusInactive, hidden: true},
		{id: 21, parent: 2, set: 1, name: "Clothing", status: active},
		{id: 22, parent: 2, set: 1, name: "Accessories", status: active},
		{id: 23, parent: 2, set: 1, name: "Bags", status: active},
		{id: 31, parent: 3, set: 1, name: "Clothing", status: active},
		{id: 32, parent: 3, set: 2, name: "Shoes", status: active},
		{id: 41, parent: 4, set: 3, name: "Digital Gift Cards", status: active, qcOff: true, serial: true},
		{id: 51, parent: 5, set: 1, name: "Cushions", status: active, hidden: true},
		{id: 211, parent: 21, set: 1, name: "Kebaya & Kurung", status: active},
		{id: 212, parent: 21, set: 1, name: "Tops", status: active},
		{id: 213, parent: 21, set: 1, name: "Maternity", status: gen.CategoryStatusDeleted, hidden: true},
		{id: 221, parent: 22, set: 1, name: "Scarves & Masks", status: active},
		{id: 231, parent: 23, set: 1, name: "Tote Bags", status: active},
		{id: 311, parent: 31, set: 1, name: "Batik Shirts", status: active},
		{id: 312, parent: 31, set: 1, name: "Sarongs", status: active, formula: "attr.brand attr.color_family Sarong"},
		{id: 321, parent: 32, set: 2, name: "Sandals", status: active},
		{id: 322, parent: 32, set: 2, name: "Sneakers", status: gen.CategoryStatusInactive},
	}
	c.rootID = 1
	for _, k := range cats {
		cat := &category{id: k.id, parentID: k.parent, name: k.name, uuid: st.uuid(10), attrSetID: k.set, status: k.status,
			visible: !k.hidden, fulfillment: k.set != 3, qcDisabled: k.qcOff, serialRequired: k.serial, nomenclature: k.formula}
		if !k.hidden {
			cat.srcID = fmt.Sprint(139000 + k.id)
		}
		c.categories[k.id] = cat
		if p := c.categories[k.parent]; p != nil {
			p.children = append(p.children, k.id)
		}
	}
	c.categories[41].noScoring = true
	rule := func(typ gen.CategoryRestrictionType, name, desc, country, value string) gen.CategoryRestriction {
		r := gen.CategoryRestriction{Type: typ, Name: name, Description: desc, ValidationType: "scalar", Value: value}
		if country != "" {
			r.Country = ptr(country)
		}
		return r
	}
	price, image := gen.CategoryRestrictionTypePrice, gen.CategoryRestrictionTypeImage
	c.categories[2].restrictions = []gen.CategoryRestriction{rule(image, "image_allowed_background_color", "Allowed background colour", "", "white")}
	c.categories[3].restrictions = []gen.CategoryRestriction{rule(price, "min_price", "Min Price", "MY", "10")}
	c.categories[311].restrictions = []gen.CategoryRestriction{rule(price, "max_price", "Max Price", "MY", "2000"), rule(price, "max_discount_percentage", "Max Discount Percentage", "", "70")}
	c.categories[4].restrictions = []gen.CategoryRestriction{rule(price, "min_price", "Min Price", "", "10"), rule(price, "max_price", "Max Price", "", "1000")}
	c.catOptions[311] = map[int][]int{101: {1011, 1012, 1013, 1014}, 103: {1031, 1032}}
	c.catOptions[221] = map[int][]int{103: {1032, 1033}}

	bo := func(id int, name string) gen.BrandAttributeOption {
		return gen.BrandAttributeOption{Id: id, Name: name}
	}
	c.brandAttrs[201] = []gen.BrandAttribute{{Id: 104, Name: "size_system", Options: []gen.BrandAttributeOption{bo(1041, "International")}}}
	c.brandAttrs[202] = []gen.BrandAttribute{{Id: 203, Name: "size_system", Options: []gen.BrandAttributeOption{bo(2031, "EU"), bo(2032, "UK")}}}

	for _, w := range []gen.Warehouse{
		{Id: ptr(1), Name: "KL_Main", Address: ptr("Lot 3, Jalan Perusahaan 2"), Postcode: ptr("68100"), City: ptr("Batu Caves"), Country: ptr("Malaysia"),
			Status: ptr(gen.WarehouseStatusActive), Latitude: ptr("3.2379"), Longitude: ptr("101.6840"), Default: ptr(true), IsSynced: ptr(true), IsInShoppingMall: ptr(false)},
		{Id: ptr(2), Name: "Penang_Store", Address: ptr("33 Lebuh Chulia"), Postcode: ptr("10200"), City: ptr("George Town"), Country: ptr("Malaysia"),
			Status: ptr(gen.WarehouseStatusActive), Note: ptr("Shop front, pick-ups only on weekdays"), Default: ptr(false), IsSynced: ptr(true), IsInShoppingMall: ptr(true)},
		{Id: ptr(3), Name: "JB_Overflow", Address: ptr("5 Jalan Wong Ah Fook"), Postcode: ptr("80000"), City: ptr("Johor Bahru"), Country: ptr("Malaysia"),
			Status: ptr(gen.WarehouseStatusDisabled), Default: ptr(false), IsSynced: ptr(false), IsInShoppingMall: ptr(false)},
	} {
		w.SellerId = ptr(st.seller.Id)
		c.warehouses[*w.Id] = ptr(w)
	}

	c.productTags = []gen.ProductTag{{Id: 61, Name: "bestSellingProduct"}, {Id: 62, Name: "Raya Collection"}, {Id: 63, Name: "Clearance"}}
	c.sellerTags = []string{"Local Brand", "Fast Shipper"}
	qr := func(id int, name string, typ gen.QualityControlRejectReasonType, notAuth, enabled bool) gen.QualityControlRejectReason {
		return gen.QualityControlRejectReason{Id: id, Name: name, Type: typ, IsSetToNotAuthorized: notAuth, IsEnabled: enabled}
	}
	prod := gen.QualityControlRejectReasonTypeProduct
	c.qcReasons = []gen.QualityControlRejectReason{
		qr(1, "Images missing", prod, false, true), qr(2, "Wrong category", prod, false, true),
		qr(3, "Description too short", prod, false, true), qr(4, "Counterfeit (Not Authorized)", prod, true, true),
		qr(5, "Price too low", gen.QualityControlRejectReasonTypeFinance, false, true),
		qr(6, "Brand not approved (Not Authorized)", gen.QualityControlRejectReasonTypeSeller, true, true),
		qr(7, "Blurry images", prod, false, false),
	}

	himg := func(id int, url string, pos int) gen.HybridProductImage {
		p := &gen.HybridImagePosition{}
		_ = p.FromImagePositionNumber(pos) // encoding an int does not fail
		return gen.HybridProductImage{ImageId: ptr(id), DisplayUrl: ptr(url), Position: p}
	}
	hprice := func(country, currency string, v float64) gen.HybridProductPrice {
		return gen.HybridProductPrice{Country: ptr(country), Currency: ptr(currency), Price: ptr(v)}
	}
	c.hybrids = []hybrid{
		{brandID: 203, categoryID: 221, hp: gen.HybridProduct{Sin: "ZLMY8K2", Sku: ptr("SG503AC0SGK8MY"), Name: "Songket Clutch",
			Description: ptr("Hand-woven songket clutch with a gold thread motif"), ProductUrl: ptr("https://www.zalora.com.my/p/songket-clutch-8k2"),
			BrandName: "Songket Heritage", Prices: []gen.HybridProductPrice{hprice("MY", "MYR", 149), hprice("SG", "SGD", 49)},
			Images: []gen.HybridProductImage{himg(71, "https://img.sellercentertest.example/hybrid/zlmy8k2-1.jpg", 1)}}},
		{brandID: 204, categoryID: 231, hp: gen.HybridProduct{Sin: "ZLMY9Q4", Sku: ptr("KA204AC0KPC9MY"), Name: "Kampung Canvas Backpack",
			Description: ptr("Waxed canvas backpack with leather straps"), ProductUrl: ptr("https://www.zalora.com.my/p/kampung-canvas-backpack-9q4"),
			BrandName: "Kampung Canvas", Prices: []gen.HybridProductPrice{hprice("MY", "MYR", 119), hprice("SG", "SGD", 39)},
			Images: []gen.HybridProductImage{himg(72, "https://img.sellercentertest.example/hybrid/zlmy9q4-1.jpg", 1), himg(73, "https://img.sellercentertest.example/hybrid/zlmy9q4-2.jpg", 2)}}},
		{brandID: 201, categoryID: 311, hp: gen.HybridProduct{Sin: "ZLMY3T7", Name: "Batik Silk Tie",
			BrandName: "Kedai Batik Nusantara", Prices: []gen.HybridProductPrice{hprice("MY", "MYR", 79)}}},
	}
}

type productSeed struct {
	sku, shopSku, variation string
	status                  gen.ProductStatus
	stock                   map[int]int
	ship                    int
	barcode                 string
	consign                 consignment
}

type setSeed struct {
	id                  int
	name, parentSku     string
	config              string
	brand, category     int
	categories          []int
	description         string
	attrs               map[int]any // option id, []int or text
	qc                  gen.QualityControlState
	rejections          []string
	comment             string
	notAuthorized       bool
	uploaded, published bool
	group               string
	tags                []int
	images              int
	prices              map[string][2]float64 // country -> price, sale price (0 for none)
	products            []productSeed
	sin                 string
	ageDays             int
}

func ps1(sku, shop, variation string, stock int) productSeed {
	return productSeed{sku: sku, shopSku: shop, variation: variation, status: gen.ProductStatusActive, stock: map[int]int{1: stock}, ship: shipDropship}
}

var seedSets = []setSeed{
	{id: 7101, name: "Batik Shirt Kawung Blue", parentSku: "BTK-KWG-BL", config: "KB512AA0A1B2MY", brand: 201, category: 311, categories: []int{31},
		description: "<p>Hand-drawn batik shirt in the kawung motif.</p><ul><li>100% cotton</li><li>Regular fit</li><li>Made in Pekalongan</li></ul>",
		attrs:       map[int]any{101: 1012, 102: 1021, 103: []int{1031}, 104: 1041, 105: "Hand wash cold"}, qc: gen.QualityControlStateApproved,
		uploaded: true, published: true, group: "Kawung Collection", tags: []int{61, 62}, images: 3,
		prices: map[string][2]float64{"MY": {129.90, 109.90}, "SG": {45, 0}}, ageDays: 120,
		products: []productSeed{ps1("BTK-KWG-BL-S", "KB512AA0A1B2MY-1007", "S", 12),
			{sku: "BTK-KWG-BL-M", shopSku: "KB512AA0A1B2MY-1001", variation: "M", status: gen.ProductStatusActive, stock: map[int]int{1: 20, 2: 4}, ship: shipDropship, barcode: "9556001234561"},
			ps1("BTK-KWG-BL-L", "KB512AA0A1B2MY-1008", "L", 0)}},
	{id: 7102, name: "Batik Shirt Parang Red", parentSku: "BTK-PRG-RD", config: "KB512AA0A1B3MY", brand: 201, category: 311,
		description: "<p>Batik shirt in the parang motif.</p>", attrs: map[int]any{101: 1013, 102: 1023, 103: []int{1032}},
		qc: gen.QualityControlStateApproved, uploaded: true, published: true, group: "Parang Collection", tags: []int{62}, images: 2,
		prices: map[string][2]float64{"MY": {139.90, 0}}, ageDays: 110,
		products: []productSeed{ps1("BTK-PRG-RD-M", "KB512AA0A1B3MY-1009", "M", 7), ps1("BTK-PRG-RD-L", "KB512AA0A1B3MY-1002", "L", 9)}},
	{id: 7103, name: "Songket Silk Scarf", parentSku: "SGK-SCF-GLD", config: "KB512AA0A1B4MY", brand: 203, category: 221,
		description: "<p>Silk scarf woven with gold songket thread.</p>", attrs: map[int]any{101: 1014, 103: []int{1032}},
		qc: gen.QualityControlStateApproved, uploaded: true, published: true, images: 1, tags: []int{61},
		prices: map[string][2]float64{"MY": {89, 0}, "SG": {30, 0}}, ageDays: 100,
		products: []productSeed{ps1("SGK-SCF-GLD", "KB512AA0A1B4MY-1003", "One Size", 15)}},
	{id: 7104, name: "Leather Sandals", parentSku: "SDL-LTH", config: "KB512AA0A1B5MY", brand: 202, category: 321,
		description: "<p>Hand-stitched leather sandals.</p>", attrs: map[int]any{201: 2012, 202: 2021, 203: 2031, 204: "2"},
		qc: gen.QualityControlStateApproved, uploaded: true, published: true, images: 2,
		prices: map[string][2]float64{"MY": {159, 0}}, ageDays: 90,
		products: []productSeed{ps1("SDL-LTH-40", "KB512AA0A1B5MY-1010", "40", 3), ps1("SDL-LTH-41", "KB512AA0A1B5MY-1004", "41", 5),
			{sku: "SDL-LTH-42", shopSku: "KB512AA0A1B5MY-1011", variation: "42", status: gen.ProductStatusActive, ship: shipWarehouse,
				consign: consignment{received: 8, quarantined: 1, defective: 1, returned: 2}}}},
	{id: 7105, name: "Canvas Tote Bag", parentSku: "TOTE-CNV-NAT", config: "KB512AA0A1B6MY", brand: 204, category: 231,
		description: "<p>Natural canvas tote.</p>", attrs: map[int]any{101: 1015, 103: []int{1035}},
		qc: gen.QualityControlStateApproved, uploaded: true, published: true, images: 1, tags: []int{63},
		prices: map[string][2]float64{"MY": {49.90, 0}}, ageDays: 80,
		products: []productSeed{ps1("TOTE-CNV-NAT", "KB512AA0A1B6MY-1005", "One Size", 0)}},
	{id: 7106, name: "E-Gift Card RM50", parentSku: "EGIFT-50", config: "KB512AA0A1B7MY", brand: 205, category: 41,
		description: "<p>A gift card worth RM50, sent by email.</p>", attrs: map[int]any{301: "12", 302: 3021},
		qc: gen.QualityControlStateApproved, uploaded: true, published: true, images: 1,
		prices: map[string][2]float64{"MY": {50, 0}}, ageDays: 70,
		products: []productSeed{ps1("EGIFT-50", "KB512AA0A1B7MY-1006", "", 999)}},
	{id: 7107, name: "Kebaya Lace Top", parentSku: "KBY-LACE", brand: 201, category: 211,
		description: "<p>Lace kebaya top.</p>", attrs: map[int]any{101: 1016, 103: []int{1033}},
		qc: gen.QualityControlStatePending, images: 2, prices: map[string][2]float64{"MY": {199, 0}}, ageDays: 2,
		products: []productSeed{ps1("KBY-LACE-S", "", "S", 4), ps1("KBY-LACE-M", "", "M", 6)}},
	{id: 7108, name: "Cotton Sarong Print", parentSku: "SRG-CTN-PRT", brand: 201, category: 312,
		description: "Sarong", attrs: map[int]any{101: 1012, 103: []int{1031}},
		qc: gen.QualityControlStateRejected, rejections: []string{"Images missing", "Description too short"},
		comment: "Please add at least one image and describe the print", prices: map[string][2]float64{"MY": {59, 0}}, ageDays: 12,
		products: []productSeed{ps1("SRG-CTN-PRT", "", "One Size", 10)}},
	{id: 7109, name: "Batik Face Mask", parentSku: "MASK-BTK-01", config: "KB512AA0A1C9MY", brand: 201, category: 221,
		description: "<p>Three-layer cotton mask.</p>", attrs: map[int]any{101: 1012, 103: []int{1031}},
		qc: gen.QualityControlStateApproved, uploaded: true, published: true, images: 1, prices: map[string][2]float64{"MY": {19.90, 0}}, ageDays: 300,
		products: []productSeed{{sku: "MASK-BTK-01", shopSku: "KB512AA0A1C9MY-1012", variation: "One Size", status: gen.ProductStatusInactive, stock: map[int]int{1: 40}, ship: shipDropship}}},
	{id: 7110, name: "Rattan Cushion Cover", parentSku: "CSH-RTN-01", config: "KB512AA0A1D0MY", brand: 201, category: 51,
		description: "<p>Cushion cover.</p>", attrs: map[int]any{101: 1015, 103: []int{1031}},
		qc: gen.QualityControlStateApproved, uploaded: true, published: true, images: 1, prices: map[string][2]float64{"MY": {35, 0}}, ageDays: 400,
		products: []productSeed{{sku: "CSH-RTN-01", shopSku: "KB512AA0A1D0MY-1013", variation: "One Size", status: gen.ProductStatusDeleted, stock: map[int]int{1: 0}, ship: shipDropship}}},
	{id: 7111, name: "Songket Clutch", parentSku: "SGK-CLT-01", config: "SG503AC0SGK8MY", brand: 203, category: 221, sin: "ZLMY8K2",
		description: "<p>Hand-woven songket clutch with a gold thread motif.</p>", attrs: map[int]any{101: 1014, 103: []int{1032}},
		qc: gen.QualityControlStateApproved, uploaded: false, published: true, images: 1, prices: map[string][2]float64{"MY": {149, 0}}, ageDays: 30,
		products: []productSeed{ps1("SGK-CLT-01", "SG503AC0SGK8MY-1014", "One Size", 6)}},
	{id: 7112, name: "Sneakers Superstar", parentSku: "SNK-ADI-01", brand: 206, category: 322,
		description: "<p>Sneakers.</p>", attrs: map[int]any{201: 2014, 202: 2022, 203: 2031},
		qc: gen.QualityControlStateRejected, rejections: []string{"Counterfeit (Not Authorized)"}, notAuthorized: true,
		prices: map[string][2]float64{"MY": {299, 0}}, ageDays: 20,
		products: []productSeed{{sku: "SNK-ADI-01", variation: "42", status: gen.ProductStatusInactive, stock: map[int]int{1: 2}, ship: shipDropship}}},
}

// seedCatalog stores the seller's product sets and a few past feeds.
func (st *store) seedCatalog() error {
	c := &st.cat
	nextProduct := 51001
	for _, s := range seedSets {
		created := catalogBase.Add(time.Duration(s.ageDays) * -24 * time.Hour)
		if s.ageDays < 40 {
			created = seedBase.Add(time.Duration(s.ageDays) * -24 * time.Hour)
		}
		attrs := gen.ProductSetAttributes{}
		for id, v := range s.attrs {
			av := &gen.ProductSetAttributeValue{}
			var err error
			switch v := v.(type) {
			case int:
				err = av.FromProductSetAttributeOption(v)
			case []int:
				err = av.FromProductSetAttributeOptions(v)
			case string:
				err = av.FromProductSetAttributeText(v)
			}
			if err != nil {
				return fmt.Errorf("sellercentertest: seeding attribute %d of set %d: %w", id, s.id, err)
			}
			attrs[fmt.Sprint(id)] = av
		}
		cat := c.categories[s.category]
		at := dt(created)
		ps := &productSet{ps: gen.ProductSet{Id: s.id, Uuid: st.uuid(7), Name: s.name, ParentSku: ptr(s.parentSku),
			CreatedAt: at, UpdatedAt: dt(created.Add(36 * time.Hour)), Description: ptr(s.description), BrandId: s.brand,
			PrimaryCategoryId: s.category, AttributeSetId: cat.attrSetID, SellerId: st.seller.Id,
			Categories: append([]int{}, s.categories...), BrowseNodes: []int{}, Attributes: attrs},
			group: s.group, tagIDs: slices.Clone(s.tags), qc: s.qc, qcAt: created.Add(24 * time.Hour), rejections: slices.Clone(s.rejections), qcComment: s.comment,
			notAuthorized: s.notAuthorized, configSku: s.config, sin: s.sin}
		if s.brand == 202 {
			ps.ps.SizeSystem = ptr(2031)
		}
		c.sets[s.id] = ps
		for i, p := range s.products {
			id := nextProduct
			nextProduct++
			approval := gen.ProductApprovalStatus(s.qc)
			pr := &catProduct{p: gen.Product{Id: id, Uuid: st.uuid(8), SellerSku: p.sku, SellerId: st.seller.Id,
				ProductSetId: s.id, ApprovalStatus: approval, UpdatedByUserId: 524, Status: p.status,
				TaxClassId: 1, ShipmentTypeId: p.ship, CreatedAt: dt(created.Add(time.Duration(i) * time.Minute)),
				UpdatedAt: ptr(dt(created.Add(48 * time.Hour)))}, prices: map[string]*priceRow{}, stock: map[int]int{}, consign: p.consign}
			if p.variation != "" {
				pr.p.Variation = ptr(p.variation)
			}
			if p.barcode != "" {
				pr.p.ProductIdentifier = ptr(p.barcode)
			} else if s.id != 7108 {
				pr.p.ProductIdentifier = ptr(fmt.Sprintf("95560%08d", id))
			}
			if s.id == 7106 {
				pr.p.TaxClassId = 2
			}
			for w, q := range p.stock {
				pr.stock[w] = q
			}
			if p.ship == shipWarehouse {
				pr.consign.id = c.nextConsignment
				c.nextConsignment++
			}
			for code, v := range s.prices {
				row := &priceRow{price: ptr(v[0]), status: gen.PriceStatusActive}
				if v[1] > 0 {
					row.sale = ptr(v[1])
					row.start = ptr(dt(seedBase.Add(-72 * time.Hour)))
					row.end = ptr(dt(seedBase.Add(60 * 24 * time.Hour)))
				}
				pr.prices[code] = row
			}
			if s.id == 7112 {
				pr.prices["MY"].status = gen.PriceStatusInactive
			}
			c.products[id] = pr
			ps.productIDs = append(ps.productIDs, id)
		}
		for i := 1; i <= s.images; i++ {
			id := c.nextImage
			c.nextImage++
			im := &gen.ProductImage{Id: id, ProductSetId: s.id, Position: i,
				DisplayUrl: fmt.Sprintf("https://img.sellercentertest.example/p/%d-%d.jpg", s.id, i),
				CreatedAt:  at, UpdatedAt: at}
			c.images[id] = im
			ps.imageIDs = append(ps.imageIDs, id)
		}
		if s.published {
			for _, p := range st.productsOf(ps) {
				for _, sp := range s.products {
					if sp.sku == p.p.SellerSku && sp.shopSku != "" {
						p.p.ShopSku = ptr(sp.shopSku)
					}
				}
			}
			if s.uploaded {
				st.upload(ps)
			} else {
				ps.everUploaded = true
				ps.ps.SrcId = ptr(fmt.Sprint(3900000 + s.id))
				for _, p := range st.productsOf(ps) {
					p.p.SrcId = ptr(fmt.Sprint(5800000 + p.p.Id))
				}
			}
			for _, p := range st.productsOf(ps) {
				p.p.SrcUpdatedAt = ptr(dt(created.Add(30 * time.Hour)))
			}
		}
	}
	c.nextProduct = max(c.nextProduct, nextProduct)
	st.seedFeeds()
	return nil
}

// seedFeeds stores three past imports whose effect is part of the seed.
func (st *store) seedFeeds() {
	type seedFeed struct {
		action gen.FeedAction
		status gen.FeedState
		input  string
		errs   []gen.FeedItemError
	}
	for i, sf := range []seedFeed{
		{gen.FeedActionProductStockUpdate, gen.FeedStateFinished, "SellerSku,Quantity\nBTK-KWG-BL-S,12\nBTK-KWG-BL-M,20\nBTK-PRG-RD-M,7\n", nil},
		{gen.FeedActionProductUpdate, gen.FeedStateFinished, "SellerSku,Name\nBTK-PRG-RD-M,Batik Shirt Parang Red\nBTK-OLD-XL,Batik Shirt Old\n",
			[]gen.FeedItemError{{ErrorCode: codeUnknown, FieldName: "SellerSku", ErrorMessage: `no product has SellerSku "BTK-OLD-XL"`, SellerSku: "BTK-OLD-XL"}}},
		{gen.FeedActionProductCreate, gen.FeedStateCanceled, "SellerSku,Name,Brand,PrimaryCategory,Price\nKBY-LACE-L,Kebaya Lace Top,Kedai Batik Nusantara,211,199\n", nil},
	} {
		at := seedBase.Add(time.Duration(-48+i*5) * time.Hour)
		rows, _, _ := tableRows(mustCSV(sf.input), sf.action, nil)
		f := &feed{id: 31 + i, uuid: st.uuid(6), action: sf.action, source: "API", format: "csv", mime: "text/csv",
			input: []byte(sf.input), created: at, updated: at.Add(2 * time.Minute), status: sf.status, rows: rows}
		for j := range f.rows {
			f.rows[j].itemID = st.uuid(11)
		}
		if sf.status == gen.FeedStateFinished {
			f.processed = len(rows)
		}
		for _, e := range sf.errs {
			e.ItemId = f.rows[len(f.rows)-1].itemID
			f.errors = append(f.errors, e)
			f.failed++
		}
		st.cat.feeds[f.uuid] = f
	}
}
