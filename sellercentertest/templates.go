package sellercentertest

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/gen/server"
	"github.com/sellercenter-go/sellercenter/internal/sheet"
)

// Templates and the exports of this file are tables built from the state
// when they are asked for: a download answers the table at once, a job
// stores it as an export (or a bare file-manager file) that finishes as it
// is polled, like every export of the mock.

// templateOptions are the query parameters the templates take.
type templateOptions struct {
	onlyActive  bool
	setID       int // product creation; 0 for the master template
	light       bool
	orderType   gen.OrderTemplateType
	orderStatus gen.OrderTemplateStatus
}

// template is one kind of template: its export action and label, and the
// table it holds.
type template struct {
	action gen.ExportAction
	label  string
	table  func(st *store, o templateOptions) [][]string
}

// Kinds of template, by the last segment of their path.
const (
	tplStockUpdate      = "stock-update"
	tplStatusUpdate     = "status-update"
	tplPriceUpdate      = "price-update"
	tplImageUpdate      = "image-update"
	tplProductRemoval   = "product-removal"
	tplCategoryTree     = "product-category-tree"
	tplProductCreation  = "product-creation"
	tplMissingAccessKey = "missing-invoice-access-key"
	tplManifestStatus   = "update-manifest-status"
	tplForwardManifest  = "create-forward-manifest"
	tplPendingItems     = "pending-order-items"
	tplPendingNumbers   = "pending-order-numbers"
	tplItemStatus       = "order-item-status-update"
	tplStatusChange     = "order-status-change"
)

// templates are the columns the imports of the mock read, so a filled-in
// template goes back up as it is.
var templates = map[string]template{
	tplStockUpdate: {gen.ExportActionProductStock, "Stock update template", func(st *store, o templateOptions) [][]string {
		return st.productTable(o, []string{"SellerSku", "Quantity"}, func(p *catProduct) [][]string {
			return [][]string{{p.p.SellerSku, strconv.Itoa(st.quantity(p))}}
		})
	}},
	tplStatusUpdate: {gen.ExportActionSellerStatusTemplate, "Status update template", func(st *store, o templateOptions) [][]string {
		return st.productTable(o, []string{"SellerSku", "Status"}, func(p *catProduct) [][]string {
			return [][]string{{p.p.SellerSku, string(p.p.Status)}}
		})
	}},
	tplPriceUpdate: {gen.ExportActionSellerPriceTemplate, "Price update template", func(st *store, o templateOptions) [][]string {
		return st.productTable(o, []string{"SellerSku", "Country", "Price", "SalePrice", "SaleStartDate", "SaleEndDate"}, func(p *catProduct) [][]string {
			var rows [][]string
			for _, code := range st.priceCountries(p) {
				pr := st.renderPrice(p, code)
				rows = append(rows, []string{p.p.SellerSku, code, priceCell(&pr.Price), priceCell(pr.SalePrice),
					dateTimeCell(pr.SaleStartDate), dateTimeCell(pr.SaleEndDate)})
			}
			return rows
		})
	}},
	tplImageUpdate: {gen.ExportActionProductImage, "Image update template", func(st *store, o templateOptions) [][]string {
		return st.productTable(o, append([]string{"SellerSku"}, imageColumns...), func(p *catProduct) [][]string {
			row := make([]string, 1+len(imageColumns))
			row[0] = p.p.SellerSku
			for _, im := range st.imagesOf(st.setOf(p)) {
				if pos := im.Position; pos >= 1 && pos <= len(imageColumns) && row[pos] == "" {
					row[pos] = im.DisplayUrl
				}
			}
			return [][]string{row}
		})
	}},
	tplProductRemoval: {gen.ExportActionProduct, "Product removal template", func(st *store, o templateOptions) [][]string {
		return st.productTable(o, []string{"SellerSku"}, func(p *catProduct) [][]string {
			return [][]string{{p.p.SellerSku}}
		})
	}},
	tplCategoryTree: {gen.ExportActionCategoryMappings, "Category tree template", func(st *store, _ templateOptions) [][]string {
		t := [][]string{{"CategoryId", "ParentId", "Name", "Path"}}
		for _, id := range sortedKeys(st.cat.categories) {
			c := st.cat.categories[id]
			if id == st.cat.rootID {
				continue
			}
			_, names := st.cat.pathOf(c)
			t = append(t, []string{strconv.Itoa(id), strconv.Itoa(c.parentID), c.name, strings.Join(names, " > ")})
		}
		return t
	}},
	tplProductCreation: {gen.ExportActionProductCreationTemplate, "Product creation template", func(st *store, o templateOptions) [][]string {
		header := []string{"SellerSku", "ParentSku", "Variation", "Name", "Brand", "PrimaryCategory", "Description", "Price", "Quantity"}
		for _, a := range st.cat.attributesOf(o.setID, false) {
			if a.def.FeedName != "" && (!o.light || a.def.IsMandatory) {
				header = append(header, a.def.FeedName)
			}
		}
		return [][]string{header}
	}},
	tplMissingAccessKey: {gen.ExportActionOrderImportTemplate, "Missing invoice access keys", func(st *store, _ templateOptions) [][]string {
		return st.itemTable([]string{"Order Number", "Order Item Id", "Invoice Number", "Invoice Access Key"}, func(it *item) []string {
			if deref(it.it.InvoiceAccesskey) != "" || !slices.Contains([]gen.OrderItemStatus{gen.OrderItemStatusReadyToShip,
				gen.OrderItemStatusShipped, gen.OrderItemStatusDelivered}, it.it.Status) {
				return nil
			}
			return []string{st.orders[it.it.OrderId].o.Number, strconv.Itoa(it.it.Id), deref(it.it.InvoiceNumber), ""}
		})
	}},
	tplManifestStatus: {gen.ExportActionManifest, "Manifest status update template", func(st *store, _ templateOptions) [][]string {
		return st.itemTable([]string{"Order Item Id", "Tracking Code", "Manifest Status"}, func(it *item) []string {
			if it.it.ManifestStatus == nil {
				return nil
			}
			return []string{strconv.Itoa(it.it.Id), it.it.Shipment.TrackingCode, string(*it.it.ManifestStatus)}
		})
	}},
	tplForwardManifest: {gen.ExportActionManifest, "Forward manifest template", func(st *store, _ templateOptions) [][]string {
		return st.itemTable([]string{"Order Item Id", "Order Number", "Tracking Code", "Shipping Provider"}, func(it *item) []string {
			if it.it.Status != gen.OrderItemStatusReadyToShip {
				return nil
			}
			return []string{strconv.Itoa(it.it.Id), st.orders[it.it.OrderId].o.Number, it.it.Shipment.TrackingCode, itemCarrierName(it)}
		})
	}},
	tplPendingItems: {gen.ExportActionOrderImportTemplate, "Pending order items", func(st *store, _ templateOptions) [][]string {
		return st.statusTable(gen.OrderItemStatusPending, gen.OrderTemplateTypeOrderItems)
	}},
	tplPendingNumbers: {gen.ExportActionOrderImportTemplate, "Pending order numbers", func(st *store, _ templateOptions) [][]string {
		return st.statusTable(gen.OrderItemStatusPending, gen.OrderTemplateTypeOrderNumbers)
	}},
	tplItemStatus: {gen.ExportActionOrderImportTemplate, "Order item status update template", func(st *store, _ templateOptions) [][]string {
		return st.itemTable([]string{"Order Item Id", "Status", "Tracking Number", "Shipping Provider"}, func(it *item) []string {
			if len(actions(it)) == 0 {
				return nil
			}
			return []string{strconv.Itoa(it.it.Id), string(it.it.Status), it.it.Shipment.TrackingCode, itemCarrierName(it)}
		})
	}},
	tplStatusChange: {gen.ExportActionOrderImportTemplate, "Order status change template", func(st *store, o templateOptions) [][]string {
		return st.statusTable(itemStatusOf[o.orderStatus], o.orderType)
	}},
}

// itemStatusOf maps the spelling of order templates to item statuses.
var itemStatusOf = map[gen.OrderTemplateStatus]gen.OrderItemStatus{
	gen.OrderTemplateStatusPending:     gen.OrderItemStatusPending,
	gen.OrderTemplateStatusReadyToShip: gen.OrderItemStatusReadyToShip,
	gen.OrderTemplateStatusShipped:     gen.OrderItemStatusShipped,
}

// statusChangePairs are the type and status pairs orderStatusChange takes.
var statusChangePairs = map[gen.OrderTemplateType][]gen.OrderTemplateStatus{
	gen.OrderTemplateTypeOrderItems:          {gen.OrderTemplateStatusPending, gen.OrderTemplateStatusShipped},
	gen.OrderTemplateTypeOrderItemsByPackage: {gen.OrderTemplateStatusReadyToShip},
	gen.OrderTemplateTypeOrderNumbers:        {gen.OrderTemplateStatusPending, gen.OrderTemplateStatusReadyToShip, gen.OrderTemplateStatusShipped},
	gen.OrderTemplateTypeOrderItemsStatus:    {gen.OrderTemplateStatusPending},
}

func priceCell(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', 2, 64)
}

// dateTimeCell is "" for no date-time.
func dateTimeCell(t *datetime.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.String()
}

func itemCarrierName(it *item) string {
	if c := it.it.Shipment.Provider; c != nil {
		return c.Name
	}
	return ""
}

// productTable is header and the rows of every live product (active ones
// only with onlyActive), by product id.
func (st *store) productTable(o templateOptions, header []string, rows func(p *catProduct) [][]string) [][]string {
	t := [][]string{header}
	for _, id := range sortedKeys(st.cat.products) {
		p := st.cat.products[id]
		if p.p.Status == gen.ProductStatusDeleted || (o.onlyActive && p.p.Status != gen.ProductStatusActive) {
			continue
		}
		t = append(t, rows(p)...)
	}
	return t
}

// itemTable is header and a row for each order item that row keeps (it
// returns nil for the others), by item id.
func (st *store) itemTable(header []string, row func(it *item) []string) [][]string {
	t := [][]string{header}
	for _, id := range st.sortedItemIDs() {
		if r := row(st.items[id]); r != nil {
			t = append(t, r)
		}
	}
	return t
}

// statusTable lists the order items in status, one row per what kind
// stands for: an item, an item with its package, or an order.
func (st *store) statusTable(status gen.OrderItemStatus, kind gen.OrderTemplateType) [][]string {
	in := func(it *item) bool { return it.it.Status == status }
	switch kind {
	case gen.OrderTemplateTypeOrderNumbers:
		t := [][]string{{"Order Number"}}
		for _, id := range st.sortedOrderIDs() {
			o := st.orders[id]
			if slices.ContainsFunc(st.orderItems(o), in) {
				t = append(t, []string{o.o.Number})
			}
		}
		return t
	case gen.OrderTemplateTypeOrderItemsByPackage:
		return st.itemTable([]string{"Package Id", "Order Item Id", "Tracking Number", "Shipping Provider"}, func(it *item) []string {
			pk := st.packageOf(it)
			if !in(it) || pk == nil {
				return nil
			}
			return []string{pk.srcID, strconv.Itoa(it.it.Id), it.it.Shipment.TrackingCode, itemCarrierName(it)}
		})
	case gen.OrderTemplateTypeOrderItemsStatus:
		return st.itemTable([]string{"Order Item Id", "Status"}, func(it *item) []string {
			if !in(it) {
				return nil
			}
			return []string{strconv.Itoa(it.it.Id), string(it.it.Status)}
		})
	}
	return st.itemTable([]string{"Order Item Id", "Order Number", "Seller SKU", "Status"}, func(it *item) []string {
		if !in(it) {
			return nil
		}
		return []string{strconv.Itoa(it.it.Id), st.orders[it.it.OrderId].o.Number, it.it.Product.SellerSku, string(it.it.Status)}
	})
}

// encodeTable writes a table as CSV, or as a one-sheet XLSX workbook.
func encodeTable(t [][]string, format string) (content []byte, contentType string) {
	var b bytes.Buffer
	if format != string(gen.ExportFormatXlsx) {
		w := csv.NewWriter(&b)
		_ = w.WriteAll(t) // a bytes.Buffer does not fail
		return b.Bytes(), mimeCSV
	}
	return sheet.WriteXLSX(t), mimeXLSX
}

// templateFile answers a download: the template as CSV.
func (st *store) templateFile(kind string, o templateOptions) server.TemplateFileTextcsvResponse {
	content, _ := encodeTable(templates[kind].table(st, o), "csv")
	return server.TemplateFileTextcsvResponse{Body: bytes.NewReader(content), ContentLength: int64(len(content))}
}

// templateJob starts the export job of a template.
func (st *store) templateJob(kind string, o templateOptions, format gen.ExportFormat) gen.ExportJob {
	tpl := templates[kind]
	return st.tableJob(tpl.action, tpl.label, tpl.table(st, o), format)
}

// tableJob stores t as the file of a new export job.
func (st *store) tableJob(action gen.ExportAction, label string, t [][]string, format gen.ExportFormat) gen.ExportJob {
	if format == "" {
		format = gen.ExportFormatCsv
	}
	content, ct := encodeTable(t, string(format))
	x := st.newExport(action, label, string(format), st.now(), content, ct)
	return gen.ExportJob{ExportItemId: x.id, Uuid: x.fileUUID}
}

// tableFile stores t as a file of the file manager that belongs to no
// export job, as the statement exports make.
func (st *store) tableFile(t [][]string) gen.ExportFile {
	content, ct := encodeTable(t, "csv")
	u := st.uuid(5)
	st.files[u] = &file{uuid: u, status: gen.FileStatusProcessStatusQUEUED, contentType: ct, content: content}
	return gen.ExportFile{FileUuid: u}
}

// Template returns the table a template of kind (the last segment of its
// path, without -async) holds now, header first, for all products or the
// active ones only; other options are the defaults.
func (s *Server) Template(kind string, onlyActive bool) ([][]string, error) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	tpl, ok := templates[kind]
	if !ok {
		return nil, fmt.Errorf("template %q: %w", kind, ErrNotFound)
	}
	return tpl.table(s.st, templateOptions{onlyActive: onlyActive}), nil
}
