package sellercentertest

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
)

// A feed is an import running in the background. It is Queued when created,
// Processing from half its delay on, and at its delay (Config.FeedDelay,
// measured on the clock) it applies its rows in order and ends Finished, or
// Error when no row could be applied. Feeds move when the store is looked
// at (every request, every state helper), so a zero delay completes a feed
// on the next request.
type feed struct {
	id        int
	uuid      string
	action    gen.FeedAction
	source    string
	format    string // csv, xlsx or xml
	mime      string
	input     []byte
	created   time.Time
	updated   time.Time
	status    gen.FeedState
	rows      []feedRow
	errors    []gen.FeedItemError
	warnings  []gen.FeedItemWarning
	processed int
	failed    int
	reportID  int  // export holding the error report, 0 for none
	inert     bool // the fake does not apply it (order imports)
}

// feedRow is one product of an import: a CSV or XLSX row, or a <Product>
// of an XML import.
type feedRow struct {
	line   int               // row number in the file, the header being 1; or the product's position in XML
	itemID string            // UUID of the row, as feed errors name it
	values map[string]string // by canonical column name; only columns the file has
}

func (r feedRow) sku() string { return strings.TrimSpace(r.values["SellerSku"]) }

// has reports whether the row gives a non-empty value for a column; empty
// cells keep what is stored.
func (r feedRow) has(col string) bool { return strings.TrimSpace(r.values[col]) != "" }

func (r feedRow) get(col string) string { return strings.TrimSpace(r.values[col]) }

// Error codes of feed rows.
const (
	codeRequired = 1 // a required value is missing
	codeInvalid  = 2 // a value has the wrong format or is out of range
	codeUnknown  = 3 // the SKU, brand, category or option does not exist
	codeExists   = 4 // the SKU is taken
	codeRule     = 5 // a business rule forbids the change
)

// rowIssue is why a row failed, or a warning about a row that was applied.
type rowIssue struct {
	field, message string
	code           int
	warn           bool
}

func issue(code int, field, format string, args ...any) rowIssue {
	return rowIssue{field: field, message: fmt.Sprintf(format, args...), code: code}
}

func warning(field, format string, args ...any) rowIssue {
	return rowIssue{field: field, message: fmt.Sprintf(format, args...), warn: true}
}

func failed(issues []rowIssue) bool {
	for _, is := range issues {
		if !is.warn {
			return true
		}
	}
	return false
}

// newFeed stores a queued feed.
func (st *store) newFeed(action gen.FeedAction, format, mime string, input []byte, rows []feedRow) *feed {
	now := st.now()
	f := &feed{id: st.nextFeed, uuid: st.uuid(6), action: action, source: "API", format: format, mime: mime,
		input: bytes.Clone(input), created: now, updated: now, status: gen.FeedStateQueued, rows: rows}
	st.nextFeed++
	for i := range f.rows {
		f.rows[i].itemID = st.uuid(11)
	}
	st.cat.feeds[f.uuid] = f
	st.emitFeed(eventFeedCreated, f)
	return f
}

func (st *store) feedsByID() []*feed {
	out := make([]*feed, 0, len(st.cat.feeds))
	for _, f := range st.cat.feeds {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

// settle moves every running feed to where the clock says it is, applying
// those that are due, oldest first.
func (st *store) settle() {
	now := st.now()
	for _, f := range st.feedsByID() {
		if f.status != gen.FeedStateQueued && f.status != gen.FeedStateProcessing {
			continue
		}
		switch {
		case !now.Before(f.created.Add(st.feedDelay)):
			st.runFeed(f, now)
		case f.status == gen.FeedStateQueued && !now.Before(f.created.Add(st.feedDelay/2)):
			f.status, f.updated = gen.FeedStateProcessing, now
		}
	}
}

func (st *store) runFeed(f *feed, now time.Time) {
	for _, r := range f.rows {
		var issues []rowIssue
		if f.inert {
			continue
		}
		switch f.action {
		case gen.FeedActionProductStockUpdate:
			issues = st.applyStockRow(r)
		case gen.FeedActionProductUpdate:
			issues = st.applyUpdateRow(r)
		case gen.FeedActionProductCreate:
			issues = st.applyCreateRow(r)
		case gen.FeedActionProductRemove:
			issues = st.applyRemoveRow(r)
		case gen.FeedActionImage:
			issues = st.applyImageRow(r)
		}
		if failed(issues) {
			f.failed++
		}
		for _, is := range issues {
			switch {
			case is.warn:
				f.warnings = append(f.warnings, gen.FeedItemWarning{ItemId: r.itemID, SellerSku: r.sku(),
					FieldName: is.field, Message: is.message})
			default:
				f.errors = append(f.errors, gen.FeedItemError{ItemId: r.itemID, SellerSku: r.sku(),
					FieldName: is.field, ErrorMessage: is.message, ErrorCode: is.code})
			}
		}
	}
	if f.inert {
		f.warnings = append(f.warnings, gen.FeedItemWarning{Message: "sellercentertest records order imports but does not apply them"})
	}
	f.processed = len(f.rows)
	f.status, f.updated = gen.FeedStateFinished, now
	if f.failed == len(f.rows) && len(f.rows) > 0 {
		f.status = gen.FeedStateError
	}
	if len(f.errors) > 0 {
		x := st.newExport(gen.ExportActionFeedErrorReport, "Feed errors "+f.uuid, "csv", now, f.report(), "text/csv")
		st.files[x.fileUUID].status = gen.FileStatusProcessStatusFINISHED
		f.reportID = x.id
	}
	st.emitFeed(eventFeedCompleted, f)
}

// report writes a feed's errors and warnings as CSV.
func (f *feed) report() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"SellerSku", "Field", "Severity", "ErrorCode", "Message"}) // a bytes.Buffer does not fail
	for _, e := range f.errors {
		_ = w.Write([]string{e.SellerSku, e.FieldName, "error", strconv.Itoa(e.ErrorCode), e.ErrorMessage})
	}
	for _, e := range f.warnings {
		_ = w.Write([]string{e.SellerSku, e.FieldName, "warning", "", e.Message})
	}
	w.Flush()
	return b.Bytes()
}

func (f *feed) done() bool {
	return f.status != gen.FeedStateQueued && f.status != gen.FeedStateProcessing
}

func (st *store) renderFeed(f *feed) gen.Feed {
	out := gen.Feed{Id: f.id, UserId: 524, SellerId: st.seller.Id, Status: f.status, Action: f.action,
		CreatedAt: dt(f.created), UpdatedAt: dt(f.updated), Source: f.source,
		RequestedFormats: []string{f.format}, DownloadLinks: []string{}, TotalRecords: len(f.rows),
		ProcessedRecords: 0, FailedRecords: 0}
	switch {
	case f.status == gen.FeedStateProcessing:
		out.ProcessedRecords = len(f.rows) / 2
	case f.done():
		out.ProcessedRecords, out.FailedRecords = f.processed, f.failed
	}
	if x := st.exports[f.reportID]; x != nil {
		out.FailureReportExportItemid = ptr(f.reportID)
		out.DownloadLinks = []string{apiPrefix + "/filemanager/v1/files/download/" + x.fileUUID}
	}
	return out
}

func (st *store) feedReport(f *feed) (gen.FeedReport, error) {
	errs, err := clone(f.errors)
	if err != nil {
		return gen.FeedReport{}, err
	}
	warns, err := clone(f.warnings)
	if err != nil {
		return gen.FeedReport{}, err
	}
	if errs == nil {
		errs = []gen.FeedItemError{}
	}
	if warns == nil {
		warns = []gen.FeedItemWarning{}
	}
	return gen.FeedReport{Id: f.uuid, Action: f.action, Status: f.status, Errors: errs, Warnings: warns}, nil
}

// --- applying rows ---

// rowProduct finds the product a row names by SellerSku.
func (st *store) rowProduct(r feedRow) (*catProduct, []rowIssue) {
	if !r.has("SellerSku") {
		return nil, []rowIssue{issue(codeRequired, "SellerSku", "SellerSku is empty")}
	}
	p := st.productBySellerSku(r.sku())
	if p == nil {
		return nil, []rowIssue{issue(codeUnknown, "SellerSku", "no product has SellerSku %q", r.sku())}
	}
	return p, nil
}

func (st *store) applyStockRow(r feedRow) []rowIssue {
	p, issues := st.rowProduct(r)
	if p == nil {
		return issues
	}
	q, is := parseQuantity(r, "Quantity", true)
	if is != nil {
		return []rowIssue{*is}
	}
	if p.p.ShipmentTypeId == shipWarehouse {
		return []rowIssue{issue(codeRule, "Quantity", "the marketplace holds the stock of %s; it cannot be set", r.sku())}
	}
	st.setStock(p, st.defaultWarehouse(), q)
	if p.p.Status == gen.ProductStatusDeleted {
		return []rowIssue{warning("SellerSku", "%s is deleted; its stock was set but it is not sold", r.sku())}
	}
	return nil
}

func (st *store) setStock(p *catProduct, warehouse, q int) {
	if p.stock == nil {
		p.stock = map[int]int{}
	}
	p.stock[warehouse] = q
	p.p.UpdatedAt = ptr(st.stamp())
}

func parseQuantity(r feedRow, col string, required bool) (int, *rowIssue) {
	if !r.has(col) {
		if required {
			return 0, ptr(issue(codeRequired, col, "%s is empty", col))
		}
		return 0, nil
	}
	q, err := strconv.Atoi(r.get(col))
	switch {
	case err != nil:
		return 0, ptr(issue(codeInvalid, col, "%s must be a whole number, not %q", col, r.get(col)))
	case q < 0:
		return 0, ptr(issue(codeInvalid, col, "%s must not be negative, got %d", col, q))
	}
	return q, nil
}

func (st *store) applyRemoveRow(r feedRow) []rowIssue {
	p, issues := st.rowProduct(r)
	if p == nil {
		return issues
	}
	if p.p.Status == gen.ProductStatusDeleted {
		return []rowIssue{warning("SellerSku", "%s was deleted already", r.sku())}
	}
	p.p.Status = gen.ProductStatusDeleted
	st.touchProduct(p)
	return nil
}

var imageColumns = []string{"MainImage", "Image2", "Image3", "Image4", "Image5", "Image6", "Image7", "Image8"}

func (st *store) applyImageRow(r feedRow) []rowIssue {
	p, issues := st.rowProduct(r)
	if p == nil {
		return issues
	}
	type img struct {
		url string
		pos int
	}
	var imgs []img
	for i, col := range imageColumns {
		if !r.has(col) {
			continue
		}
		if !isImageURL(r.get(col)) {
			issues = append(issues, issue(codeInvalid, col, "%s must be an http or https URL, not %q", col, r.get(col)))
			continue
		}
		imgs = append(imgs, img{r.get(col), i + 1})
	}
	if len(imgs) == 0 && len(issues) == 0 {
		issues = append(issues, issue(codeRequired, "MainImage", "the row names no image"))
	}
	if len(issues) > 0 {
		return issues
	}
	ps := st.setOf(p)
	for _, id := range append([]int{}, ps.imageIDs...) {
		st.removeImage(ps, id)
	}
	for _, im := range imgs {
		st.addImage(ps, im.url, im.pos)
	}
	st.touch(ps)
	return nil
}

func isImageURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// rowPrice reads the price columns of a row into the country's price row.
// ok is false when the row has no price column.
func (st *store) rowPrice(p *catProduct, r feedRow) (code string, row priceRow, ok bool, issues []rowIssue) {
	code = defaultCountry
	if r.has("Country") {
		code = strings.ToUpper(r.get("Country"))
	}
	if !r.has("Price") && !r.has("SalePrice") && !r.has("SaleStartDate") && !r.has("SaleEndDate") {
		return code, row, false, nil
	}
	if old := p.prices[code]; old != nil {
		row = *old
	} else {
		row.status = gen.PriceStatusActive
	}
	num := func(col string) *float64 {
		if !r.has(col) {
			return nil
		}
		v, err := strconv.ParseFloat(r.get(col), 64)
		if err != nil {
			issues = append(issues, issue(codeInvalid, col, "%s must be a decimal number with a dot, not %q", col, r.get(col)))
			return nil
		}
		return &v
	}
	date := func(col string) *datetime.Time {
		if !r.has(col) {
			return nil
		}
		t, err := datetime.Parse(r.get(col))
		if err != nil {
			issues = append(issues, issue(codeInvalid, col, "%s must be a date and time, not %q", col, r.get(col)))
			return nil
		}
		return &t
	}
	if v := num("Price"); v != nil {
		row.price = v
	}
	if v := num("SalePrice"); v != nil {
		row.sale = v
	}
	if v := date("SaleStartDate"); v != nil {
		row.start = v
	}
	if v := date("SaleEndDate"); v != nil {
		row.end = v
	}
	if len(issues) > 0 {
		return code, row, true, issues
	}
	if field, msg := st.checkPrice(p, code, row, r.has("SaleEndDate")); msg != "" {
		issues = append(issues, issue(codeInvalid, field, "%s", msg))
	}
	return code, row, true, issues
}

func (st *store) applyUpdateRow(r feedRow) []rowIssue {
	p, issues := st.rowProduct(r)
	if p == nil {
		return issues
	}
	ps := st.setOf(p)
	var sets []func()
	var warns []rowIssue
	if r.has("Status") {
		s, ok := productStatus(r.get("Status"))
		if !ok {
			issues = append(issues, issue(codeInvalid, "Status", "Status must be active, inactive or deleted, not %q", r.get("Status")))
		} else {
			sets = append(sets, func() { p.p.Status = s })
		}
	}
	if r.has("Name") {
		if n := r.get("Name"); len(n) < 2 || len(n) > 255 {
			issues = append(issues, issue(codeInvalid, "Name", "Name must have 2 to 255 characters"))
		} else {
			sets = append(sets, func() { ps.ps.Name = n })
		}
	}
	if r.has("Description") {
		d := r.values["Description"]
		sets = append(sets, func() { ps.ps.Description = ptr(d) })
	}
	if r.has("Variation") {
		v := r.get("Variation")
		if other := st.variationTaken(ps, v, p); other != nil {
			issues = append(issues, issue(codeExists, "Variation", "variation %q is taken by %s", v, other.p.SellerSku))
		} else {
			sets = append(sets, func() { p.p.Variation = ptr(v) })
		}
	}
	if r.has("ProductId") {
		v := r.get("ProductId")
		sets = append(sets, func() { p.p.ProductIdentifier = ptr(v) })
	}
	if r.has("ShipmentType") {
		t, ok := shipmentType(r.get("ShipmentType"))
		if !ok {
			issues = append(issues, issue(codeInvalid, "ShipmentType", "ShipmentType must be dropshipping or crossdocking, not %q", r.get("ShipmentType")))
		} else {
			sets = append(sets, func() { p.p.ShipmentTypeId = t })
		}
	}
	if r.has("Brand") {
		b, is := st.rowBrand(r)
		if is != nil {
			issues = append(issues, *is)
		} else {
			sets = append(sets, func() { ps.ps.BrandId = b.Id })
		}
	}
	if r.has("PrimaryCategory") {
		c, is := st.rowCategory(r)
		if is != nil {
			issues = append(issues, *is)
		} else {
			sets = append(sets, func() { ps.ps.PrimaryCategoryId, ps.ps.AttributeSetId = c.id, c.attrSetID })
		}
	}
	if r.has("ProductGroup") {
		g := r.get("ProductGroup")
		sets = append(sets, func() { ps.group = g })
	}
	if q, is := parseQuantity(r, "Quantity", false); is != nil {
		issues = append(issues, *is)
	} else if r.has("Quantity") {
		if p.p.ShipmentTypeId == shipWarehouse {
			issues = append(issues, issue(codeRule, "Quantity", "the marketplace holds the stock of %s; it cannot be set", r.sku()))
		} else {
			sets = append(sets, func() { st.setStock(p, st.defaultWarehouse(), q) })
		}
	}
	if code, row, ok, is := st.rowPrice(p, r); ok {
		issues = append(issues, is...)
		sets = append(sets, func() {
			if p.prices == nil {
				p.prices = map[string]*priceRow{}
			}
			p.prices[code] = &row
		})
	}
	attrs, is, w := st.rowAttributes(r, ps.ps.AttributeSetId)
	issues, warns = append(issues, is...), append(warns, w...)
	if len(attrs) > 0 {
		sets = append(sets, func() {
			m := ps.ps.Attributes
			if m == nil {
				m = gen.ProductSetAttributes{}
			}
			for k, v := range attrs {
				m[k] = v
			}
			ps.ps.Attributes = m
		})
	}
	if len(issues) > 0 {
		return issues
	}
	if len(sets) == 0 {
		return []rowIssue{warning("SellerSku", "the row changes nothing")}
	}
	for _, set := range sets {
		set()
	}
	st.touchProduct(p)
	return warns
}

func (st *store) rowBrand(r feedRow) (*gen.Brand, *rowIssue) {
	b := st.brandNamed(r.get("Brand"))
	switch {
	case b == nil:
		return nil, ptr(issue(codeUnknown, "Brand", "no brand is named %q", r.get("Brand")))
	case !brandUsable(b):
		return nil, ptr(issue(codeRule, "Brand", "the seller may not use brand %q", r.get("Brand")))
	}
	return b, nil
}

func (st *store) rowCategory(r feedRow) (*category, *rowIssue) {
	id, err := strconv.Atoi(r.get("PrimaryCategory"))
	if err != nil {
		return nil, ptr(issue(codeInvalid, "PrimaryCategory", "PrimaryCategory must be a category id, not %q", r.get("PrimaryCategory")))
	}
	c, msg := st.leafCategory(id)
	if c == nil {
		return nil, ptr(issue(codeUnknown, "PrimaryCategory", "%s", msg))
	}
	return c, nil
}

// rowAttributes reads the attribute columns of a row (named by feedName)
// for an attribute set. Columns of other attribute sets draw a warning.
func (st *store) rowAttributes(r feedRow, setID int) (gen.ProductSetAttributes, []rowIssue, []rowIssue) {
	out := gen.ProductSetAttributes{}
	var issues, warns []rowIssue
	cols := make([]string, 0, len(r.values))
	for col := range r.values {
		cols = append(cols, col)
	}
	sort.Strings(cols)
	for _, col := range cols {
		if knownColumns[col] || !r.has(col) {
			continue
		}
		var a *attribute
		for _, cand := range st.cat.attributesOf(setID, true) {
			if strings.EqualFold(cand.def.FeedName, col) && cand.kind() != gen.AttributeDefinitionAttributeTypeSystem {
				a = cand
			}
		}
		if a == nil {
			warns = append(warns, warning(col, "column %s is not an attribute of the product's attribute set and was ignored", col))
			continue
		}
		v, err := attrFromText(a, r.get(col))
		if err != nil {
			issues = append(issues, issue(codeInvalid, col, "%s: %v", col, err))
			continue
		}
		out[fmt.Sprint(deref(a.def.Id))] = v
	}
	return out, issues, warns
}

func (st *store) applyCreateRow(r feedRow) []rowIssue {
	var issues []rowIssue
	for _, col := range []string{"SellerSku", "Name", "Price"} {
		if !r.has(col) {
			issues = append(issues, issue(codeRequired, col, "%s is empty", col))
		}
	}
	if r.has("SellerSku") && st.productBySellerSku(r.sku()) != nil {
		issues = append(issues, issue(codeExists, "SellerSku", "SellerSku %q is taken", r.sku()))
	}
	var parent *productSet
	if r.has("ParentSku") && r.get("ParentSku") != r.sku() {
		parent = st.setByParentSku(r.get("ParentSku"))
		if parent == nil {
			if p := st.productBySellerSku(r.get("ParentSku")); p != nil {
				parent = st.setOf(p)
			}
		}
	}
	status := gen.ProductStatusActive
	if r.has("Status") {
		s, ok := productStatus(r.get("Status"))
		if !ok || s == gen.ProductStatusDeleted {
			issues = append(issues, issue(codeInvalid, "Status", "Status must be active or inactive, not %q", r.get("Status")))
		}
		status = s
	}
	ship := defaultShipment
	if r.has("ShipmentType") {
		t, ok := shipmentType(r.get("ShipmentType"))
		if !ok {
			issues = append(issues, issue(codeInvalid, "ShipmentType", "ShipmentType must be dropshipping or crossdocking, not %q", r.get("ShipmentType")))
		}
		ship = t
	}
	q, is := parseQuantity(r, "Quantity", false)
	if is != nil {
		issues = append(issues, *is)
	}
	variation := r.get("Variation")
	if parent != nil && variation != "" {
		if other := st.variationTaken(parent, variation, nil); other != nil {
			issues = append(issues, issue(codeExists, "Variation", "variation %q is taken by %s", variation, other.p.SellerSku))
		}
	}
	var brand *gen.Brand
	var cat *category
	attrs := gen.ProductSetAttributes{}
	var warns []rowIssue
	if parent == nil {
		for _, col := range []string{"Brand", "PrimaryCategory"} {
			if !r.has(col) {
				issues = append(issues, issue(codeRequired, col, "%s is empty", col))
			}
		}
		if r.has("Brand") {
			var is *rowIssue
			if brand, is = st.rowBrand(r); is != nil {
				issues = append(issues, *is)
			}
		}
		if r.has("PrimaryCategory") {
			var is *rowIssue
			if cat, is = st.rowCategory(r); is != nil {
				issues = append(issues, *is)
			}
		}
		if cat != nil {
			var is []rowIssue
			attrs, is, warns = st.rowAttributes(r, cat.attrSetID)
			issues = append(issues, is...)
			for _, name := range st.missingMandatory(cat.attrSetID, attrs) {
				if !slices.ContainsFunc(is, func(i rowIssue) bool { return strings.EqualFold(i.field, name) }) {
					issues = append(issues, issue(codeRequired, name, "the category needs attribute %s", name))
				}
			}
		}
	}
	if len(issues) > 0 {
		return issues
	}
	ps := parent
	if ps == nil {
		parentSku := r.sku()
		if r.has("ParentSku") {
			parentSku = r.get("ParentSku")
		}
		ps = st.newSet(r.get("Name"), r.values["Description"], parentSku, brand.Id, cat, attrs)
	}
	p := st.newProduct(ps, r.sku(), variation, status, ship, r.get("ProductId"))
	code, row, _, is2 := st.rowPrice(p, r)
	if failed(is2) {
		st.dropProduct(ps, p, parent == nil)
		return is2
	}
	p.prices[code] = &row
	if r.has("Quantity") {
		st.setStock(p, st.defaultWarehouse(), q)
	}
	if r.has("ProductGroup") {
		ps.group = r.get("ProductGroup")
	}
	return warns
}

// dropProduct undoes newProduct (and newSet) for a row that failed late.
func (st *store) dropProduct(ps *productSet, p *catProduct, withSet bool) {
	delete(st.cat.products, p.p.Id)
	ps.productIDs = ps.productIDs[:len(ps.productIDs)-1]
	if withSet {
		delete(st.cat.sets, ps.ps.Id)
	}
}

// knownColumns are the columns imports read that are not attributes.
var knownColumns = map[string]bool{}

func init() {
	for _, c := range []string{"SellerSku", "ParentSku", "Name", "Brand", "PrimaryCategory", "Categories", "BrowseNodes",
		"Description", "Price", "SalePrice", "SaleStartDate", "SaleEndDate", "Country", "Variation", "Quantity", "Status",
		"ProductId", "ShipmentType", "ProductGroup", "TaxClass", "VolumetricWeight"} {
		knownColumns[c] = true
	}
	for _, c := range imageColumns {
		knownColumns[c] = true
	}
}

// importColumns lists, per feed action, the columns a file must have.
var importColumns = map[gen.FeedAction][]string{
	gen.FeedActionProductStockUpdate: {"SellerSku", "Quantity"},
	gen.FeedActionProductUpdate:      {"SellerSku"},
	gen.FeedActionProductCreate:      {"SellerSku", "Name", "Price"},
	gen.FeedActionProductRemove:      {"SellerSku"},
	gen.FeedActionImage:              {"SellerSku", "MainImage"},
}

func productStatus(s string) (gen.ProductStatus, bool) {
	switch st := gen.ProductStatus(strings.ToLower(strings.TrimSpace(s))); st {
	case gen.ProductStatusActive, gen.ProductStatusInactive, gen.ProductStatusDeleted:
		return st, true
	}
	return "", false
}

func shipmentType(s string) (int, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "dropshipping":
		return shipDropship, true
	case "crossdocking":
		return shipCrossdock, true
	}
	return 0, false
}
