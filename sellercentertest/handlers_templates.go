package sellercentertest

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/gen/server"
)

// The template operations are one line each: the strict server wants a
// method per operation, and all of them share templateFile or templateJob
// with the kind's entry in templates.

// DownloadStockUpdateTemplate answers the stock update template.
func (a *api) DownloadStockUpdateTemplate(_ context.Context, req server.DownloadStockUpdateTemplateRequestObject) (server.DownloadStockUpdateTemplateResponseObject, error) {
	return server.DownloadStockUpdateTemplate200TextcsvResponse{TemplateFileTextcsvResponse: a.st.templateFile(tplStockUpdate, templateOptions{onlyActive: req.Params.OnlyActive})}, nil
}

// DownloadCategoryTreeTemplate answers the category tree template.
func (a *api) DownloadCategoryTreeTemplate(context.Context, server.DownloadCategoryTreeTemplateRequestObject) (server.DownloadCategoryTreeTemplateResponseObject, error) {
	return server.DownloadCategoryTreeTemplate200TextcsvResponse{TemplateFileTextcsvResponse: a.st.templateFile(tplCategoryTree, templateOptions{})}, nil
}

// DownloadProductRemovalTemplate answers the product removal template.
func (a *api) DownloadProductRemovalTemplate(context.Context, server.DownloadProductRemovalTemplateRequestObject) (server.DownloadProductRemovalTemplateResponseObject, error) {
	return server.DownloadProductRemovalTemplate200TextcsvResponse{TemplateFileTextcsvResponse: a.st.templateFile(tplProductRemoval, templateOptions{})}, nil
}

// DownloadMissingInvoiceAccessKeyTemplate answers the items that lack an invoice access key.
func (a *api) DownloadMissingInvoiceAccessKeyTemplate(context.Context, server.DownloadMissingInvoiceAccessKeyTemplateRequestObject) (server.DownloadMissingInvoiceAccessKeyTemplateResponseObject, error) {
	return server.DownloadMissingInvoiceAccessKeyTemplate200TextcsvResponse{TemplateFileTextcsvResponse: a.st.templateFile(tplMissingAccessKey, templateOptions{})}, nil
}

// DownloadManifestStatusTemplate answers the manifest status update template.
func (a *api) DownloadManifestStatusTemplate(context.Context, server.DownloadManifestStatusTemplateRequestObject) (server.DownloadManifestStatusTemplateResponseObject, error) {
	return server.DownloadManifestStatusTemplate200TextcsvResponse{TemplateFileTextcsvResponse: a.st.templateFile(tplManifestStatus, templateOptions{})}, nil
}

// DownloadForwardManifestTemplate answers the forward manifest template.
func (a *api) DownloadForwardManifestTemplate(context.Context, server.DownloadForwardManifestTemplateRequestObject) (server.DownloadForwardManifestTemplateResponseObject, error) {
	return server.DownloadForwardManifestTemplate200TextcsvResponse{TemplateFileTextcsvResponse: a.st.templateFile(tplForwardManifest, templateOptions{})}, nil
}

// DownloadPendingOrderItemsTemplate answers the pending order items.
func (a *api) DownloadPendingOrderItemsTemplate(context.Context, server.DownloadPendingOrderItemsTemplateRequestObject) (server.DownloadPendingOrderItemsTemplateResponseObject, error) {
	return server.DownloadPendingOrderItemsTemplate200TextcsvResponse{TemplateFileTextcsvResponse: a.st.templateFile(tplPendingItems, templateOptions{})}, nil
}

// DownloadPendingOrderNumbersTemplate answers the orders with pending items.
func (a *api) DownloadPendingOrderNumbersTemplate(context.Context, server.DownloadPendingOrderNumbersTemplateRequestObject) (server.DownloadPendingOrderNumbersTemplateResponseObject, error) {
	return server.DownloadPendingOrderNumbersTemplate200TextcsvResponse{TemplateFileTextcsvResponse: a.st.templateFile(tplPendingNumbers, templateOptions{})}, nil
}

// DownloadOrderItemStatusTemplate answers the items whose status can change.
func (a *api) DownloadOrderItemStatusTemplate(context.Context, server.DownloadOrderItemStatusTemplateRequestObject) (server.DownloadOrderItemStatusTemplateResponseObject, error) {
	return server.DownloadOrderItemStatusTemplate200TextcsvResponse{TemplateFileTextcsvResponse: a.st.templateFile(tplItemStatus, templateOptions{})}, nil
}

// ExportStockUpdateTemplate starts the stock update template; the vendor answers 201.
func (a *api) ExportStockUpdateTemplate(_ context.Context, req server.ExportStockUpdateTemplateRequestObject) (server.ExportStockUpdateTemplateResponseObject, error) {
	return server.ExportStockUpdateTemplate201JSONResponse(a.st.templateJob(tplStockUpdate, templateOptions{onlyActive: req.Params.OnlyActive}, "")), nil
}

// ExportStatusUpdateTemplate starts the status update template; the vendor answers 200.
func (a *api) ExportStatusUpdateTemplate(_ context.Context, req server.ExportStatusUpdateTemplateRequestObject) (server.ExportStatusUpdateTemplateResponseObject, error) {
	return server.ExportStatusUpdateTemplate200JSONResponse{ExportQueuedJSONResponse: server.ExportQueuedJSONResponse(a.st.templateJob(tplStatusUpdate, templateOptions{onlyActive: req.Params.OnlyActive}, ""))}, nil
}

// ExportPriceUpdateTemplate starts the price update template; the vendor answers 200.
func (a *api) ExportPriceUpdateTemplate(_ context.Context, req server.ExportPriceUpdateTemplateRequestObject) (server.ExportPriceUpdateTemplateResponseObject, error) {
	return server.ExportPriceUpdateTemplate200JSONResponse{ExportQueuedJSONResponse: server.ExportQueuedJSONResponse(a.st.templateJob(tplPriceUpdate, templateOptions{onlyActive: req.Params.OnlyActive}, ""))}, nil
}

// ExportImageUpdateTemplate starts the image update template; the vendor answers 200.
func (a *api) ExportImageUpdateTemplate(_ context.Context, req server.ExportImageUpdateTemplateRequestObject) (server.ExportImageUpdateTemplateResponseObject, error) {
	return server.ExportImageUpdateTemplate200JSONResponse{ExportQueuedJSONResponse: server.ExportQueuedJSONResponse(a.st.templateJob(tplImageUpdate, templateOptions{}, req.Params.Format))}, nil
}

// ExportCategoryTreeTemplate starts the category tree template; the vendor answers 201.
func (a *api) ExportCategoryTreeTemplate(context.Context, server.ExportCategoryTreeTemplateRequestObject) (server.ExportCategoryTreeTemplateResponseObject, error) {
	return server.ExportCategoryTreeTemplate201JSONResponse(a.st.templateJob(tplCategoryTree, templateOptions{}, "")), nil
}

// ExportProductRemovalTemplate starts the product removal template; the vendor answers 201.
func (a *api) ExportProductRemovalTemplate(context.Context, server.ExportProductRemovalTemplateRequestObject) (server.ExportProductRemovalTemplateResponseObject, error) {
	return server.ExportProductRemovalTemplate201JSONResponse(a.st.templateJob(tplProductRemoval, templateOptions{}, "")), nil
}

// ExportMissingInvoiceAccessKeyTemplate starts the missing access key template; the vendor answers 200.
func (a *api) ExportMissingInvoiceAccessKeyTemplate(context.Context, server.ExportMissingInvoiceAccessKeyTemplateRequestObject) (server.ExportMissingInvoiceAccessKeyTemplateResponseObject, error) {
	return server.ExportMissingInvoiceAccessKeyTemplate200JSONResponse{ExportQueuedJSONResponse: server.ExportQueuedJSONResponse(a.st.templateJob(tplMissingAccessKey, templateOptions{}, ""))}, nil
}

// ExportManifestStatusTemplate starts the manifest status template; the vendor answers 200.
func (a *api) ExportManifestStatusTemplate(context.Context, server.ExportManifestStatusTemplateRequestObject) (server.ExportManifestStatusTemplateResponseObject, error) {
	return server.ExportManifestStatusTemplate200JSONResponse{ExportQueuedJSONResponse: server.ExportQueuedJSONResponse(a.st.templateJob(tplManifestStatus, templateOptions{}, ""))}, nil
}

// ExportForwardManifestTemplate starts the forward manifest template; the vendor answers 200.
func (a *api) ExportForwardManifestTemplate(context.Context, server.ExportForwardManifestTemplateRequestObject) (server.ExportForwardManifestTemplateResponseObject, error) {
	return server.ExportForwardManifestTemplate200JSONResponse{ExportQueuedJSONResponse: server.ExportQueuedJSONResponse(a.st.templateJob(tplForwardManifest, templateOptions{}, ""))}, nil
}

// ExportProductCreationTemplate starts the product creation template of an
// attribute set, or the master template without one.
func (a *api) ExportProductCreationTemplate(_ context.Context, req server.ExportProductCreationTemplateRequestObject) (server.ExportProductCreationTemplateResponseObject, error) {
	p := req.Params
	if _, ok := a.st.cat.attrSets[p.AttributeSetId]; p.AttributeSetId != 0 && !ok {
		return server.ExportProductCreationTemplate400JSONResponse{BadRequestJSONResponse: badRequest(violation{path: "attributeSetId",
			title: fmt.Sprintf("attribute set %d does not exist", p.AttributeSetId), value: strconv.Itoa(p.AttributeSetId), typ: "integer"})}, nil
	}
	o := templateOptions{setID: p.AttributeSetId, light: p.Type == gen.ProductTemplateVariantLight}
	return server.ExportProductCreationTemplate201JSONResponse(a.st.templateJob(tplProductCreation, o, "")), nil
}

// ExportOrderStatusChangeTemplate starts an order status change template
// for a pair of type and status the API takes.
func (a *api) ExportOrderStatusChangeTemplate(_ context.Context, req server.ExportOrderStatusChangeTemplateRequestObject) (server.ExportOrderStatusChangeTemplateResponseObject, error) {
	p := req.Params
	if !slices.Contains(statusChangePairs[p.Type], p.Status) {
		return server.ExportOrderStatusChangeTemplate422JSONResponse{UnprocessableJSONResponse: ruleProblem(
			fmt.Sprintf("a template of type %s cannot list status %s", p.Type, p.Status))}, nil
	}
	o := templateOptions{orderType: p.Type, orderStatus: p.Status}
	return server.ExportOrderStatusChangeTemplate201JSONResponse(a.st.templateJob(tplStatusChange, o, "")), nil
}

// ExportProducts starts an export of one page of the matching product sets,
// a row per product.
func (a *api) ExportProducts(ctx context.Context, req server.ExportProductsRequestObject) (server.ExportProductsResponseObject, error) {
	p := req.Params
	f, msg := productSetFilter(ctx, gen.ListProductSetsParams{Status: p.Status, Keyword: p.Keyword,
		CreateDateStart: p.CreateDateStart, CreateDateEnd: p.CreateDateEnd, UpdateDateStart: p.UpdateDateStart,
		UpdateDateEnd: p.UpdateDateEnd, BrandIds: p.BrandIds, Tags: p.Tags, Visibility: p.Visibility, InStock: p.InStock,
		Reserved: p.Reserved, CategoryIds: p.CategoryIds, OnlyWithTags: p.OnlyWithTags, ParentSku: p.ParentSku, Group: p.Group})
	if msg != "" {
		return server.ExportProducts422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(msg)}, nil
	}
	st := a.st
	sets := slices.DeleteFunc(st.filterSets(f), func(ps *productSet) bool {
		return p.AttributeSetId != 0 && ps.ps.AttributeSetId != p.AttributeSetId
	})
	from, to, _ := page(len(sets), p.Offset, p.Limit)
	t := [][]string{{"CatalogProductId", "ProductId", "SellerSku", "ParentSku", "Name", "Status", "Quantity", "Price"}}
	for _, ps := range sets[from:to] {
		for _, pr := range st.productsOf(ps) {
			price := st.renderPrice(pr, defaultCountry).Price
			t = append(t, []string{strconv.Itoa(pr.p.Id), deref(pr.p.ProductIdentifier), pr.p.SellerSku, deref(ps.ps.ParentSku),
				st.productName(pr), string(pr.p.Status), strconv.Itoa(st.quantity(pr)), priceCell(&price)})
		}
	}
	return server.ExportProducts200JSONResponse{ExportQueuedJSONResponse: server.ExportQueuedJSONResponse(
		st.tableJob(gen.ExportActionProduct, "Products", t, p.Format))}, nil
}

// ExportUsers starts an export of the users of the seller, one row each.
func (a *api) ExportUsers(context.Context, server.ExportUsersRequestObject) (server.ExportUsersResponseObject, error) {
	st := a.st
	t := [][]string{{"UserId", "Name", "SellerId", "Status"}}
	users := st.usersArea().users
	for _, id := range sortedKeys(users) {
		u := users[id].u
		t = append(t, []string{strconv.Itoa(u.Id), u.Name, strconv.Itoa(st.seller.Id), string(u.Status)})
	}
	return server.ExportUsers201JSONResponse(st.tableJob(gen.ExportActionUser, "Users", t, "")), nil
}

// ExportSwitchableSellers starts an export of the sellers each user may
// switch to. The vendor's list of export actions has none for it, so the
// job is listed under User.
func (a *api) ExportSwitchableSellers(context.Context, server.ExportSwitchableSellersRequestObject) (server.ExportSwitchableSellersResponseObject, error) {
	st := a.st
	t := [][]string{{"UserId", "SellerId", "SellerName"}}
	users := st.usersArea().users
	for _, uid := range sortedKeys(users) {
		for _, id := range users[uid].switchable {
			name := ""
			if s := st.sellerByID(id); s != nil {
				name = s.Name
			}
			t = append(t, []string{strconv.Itoa(uid), strconv.Itoa(id), name})
		}
	}
	return server.ExportSwitchableSellers201JSONResponse(st.tableJob(gen.ExportActionUser, "Switchable sellers", t, "")), nil
}

// blankFields names the empty fields among the required ones of a body.
func blankFields(fields ...string) []violation {
	var vs []violation
	for i := 0; i+1 < len(fields); i += 2 {
		if strings.TrimSpace(fields[i+1]) == "" {
			vs = append(vs, violation{path: fields[i], title: "This value should not be blank.", typ: "string"})
		}
	}
	return vs
}

// transactionTable lists the order items the filters of a transaction
// export select. The mock keeps no account statements, so the statement
// filters select nothing out: every statement holds every item.
func (st *store) transactionTable(f gen.TransactionFilters, statuses []gen.OrderItemStatus) [][]string {
	t := [][]string{{"Order Number", "Order Item Id", "Seller SKU", "Status", "Paid Price", "Currency", "Created At"}}
	for _, id := range st.sortedItemIDs() {
		it := st.items[id]
		o := st.orders[it.it.OrderId]
		switch {
		case len(f.OrderNumbers) > 0 && !slices.Contains(f.OrderNumbers, o.o.Number),
			len(statuses) > 0 && !slices.Contains(statuses, it.it.Status),
			len(f.Products) > 0 && !slices.Contains(f.Products, it.it.Product.SellerSku) && !slices.Contains(f.Products, it.it.Product.Name),
			f.IsHybrid != nil && *f.IsHybrid != it.it.IsHybrid,
			f.IsOutlet != nil && *f.IsOutlet != it.it.IsOutlet,
			!within(it.it.CreatedAt.Time, f.StartDate, f.EndDate):
			continue
		}
		t = append(t, []string{o.o.Number, strconv.Itoa(it.it.Id), it.it.Product.SellerSku, string(it.it.Status),
			priceCell(&it.it.PaidPrice), o.o.Currency, it.it.CreatedAt.UTC().Format(time.RFC3339)})
	}
	return t
}

// ExportSalesReport starts the sales report of a statement as a file.
func (a *api) ExportSalesReport(_ context.Context, req server.ExportSalesReportRequestObject) (server.ExportSalesReportResponseObject, error) {
	b := deref(req.Body)
	if vs := blankFields("locale", b.Locale, "currency", b.Currency); vs != nil {
		return server.ExportSalesReport400JSONResponse{BadRequestJSONResponse: badRequest(vs...)}, nil
	}
	return server.ExportSalesReport200JSONResponse{ExportFileQueuedJSONResponse: server.ExportFileQueuedJSONResponse(
		a.st.tableFile(a.st.transactionTable(gen.TransactionFilters{}, nil)))}, nil
}

// ExportStatementTransactions starts the transactions of a statement as a file.
func (a *api) ExportStatementTransactions(_ context.Context, req server.ExportStatementTransactionsRequestObject) (server.ExportStatementTransactionsResponseObject, error) {
	b := deref(req.Body)
	vs := blankFields("locale", b.Locale, "currency", b.Currency)
	if len(b.TransactionTypeIds) == 0 {
		vs = append(vs, violation{path: "transactionTypeIds", title: "This collection should contain 1 element or more.", typ: "array"})
	}
	if vs != nil {
		return server.ExportStatementTransactions400JSONResponse{BadRequestJSONResponse: badRequest(vs...)}, nil
	}
	return server.ExportStatementTransactions200JSONResponse{ExportFileQueuedJSONResponse: server.ExportFileQueuedJSONResponse(
		a.st.tableFile(a.st.transactionTable(gen.TransactionFilters{}, nil)))}, nil
}

// ExportOrderItemTransactions starts the transactions of the matching order items as a file.
func (a *api) ExportOrderItemTransactions(_ context.Context, req server.ExportOrderItemTransactionsRequestObject) (server.ExportOrderItemTransactionsResponseObject, error) {
	b := deref(req.Body)
	if vs := blankFields("locale", b.Locale, "currency", b.Currency); vs != nil {
		return server.ExportOrderItemTransactions400JSONResponse{BadRequestJSONResponse: badRequest(vs...)}, nil
	}
	f := gen.TransactionFilters{OrderNumbers: b.OrderNumbers, Products: b.Products, IsHybrid: b.IsHybrid, IsOutlet: b.IsOutlet,
		StartDate: b.StartDate, EndDate: b.EndDate}
	return server.ExportOrderItemTransactions200JSONResponse{ExportFileQueuedJSONResponse: server.ExportFileQueuedJSONResponse(
		a.st.tableFile(a.st.transactionTable(f, b.Status)))}, nil
}

// ExportUnifiedTransactions starts the matching transactions as a file.
func (a *api) ExportUnifiedTransactions(_ context.Context, req server.ExportUnifiedTransactionsRequestObject) (server.ExportUnifiedTransactionsResponseObject, error) {
	b := deref(req.Body)
	if vs := blankFields("locale", b.Locale, "currency", b.Currency); vs != nil {
		return server.ExportUnifiedTransactions400JSONResponse{BadRequestJSONResponse: badRequest(vs...)}, nil
	}
	f := gen.TransactionFilters{OrderNumbers: b.OrderNumbers, Products: b.Products, IsHybrid: b.IsHybrid, IsOutlet: b.IsOutlet,
		StartDate: b.StartDate, EndDate: b.EndDate}
	return server.ExportUnifiedTransactions200JSONResponse{ExportFileQueuedJSONResponse: server.ExportFileQueuedJSONResponse(
		a.st.tableFile(a.st.transactionTable(f, nil)))}, nil
}

// ExportInvoiceTaxDocument starts the invoice tax document of a statement as a file.
func (a *api) ExportInvoiceTaxDocument(_ context.Context, req server.ExportInvoiceTaxDocumentRequestObject) (server.ExportInvoiceTaxDocumentResponseObject, error) {
	b := deref(req.Body)
	if vs := blankFields("locale", b.Locale, "currency", b.Currency); vs != nil {
		return server.ExportInvoiceTaxDocument400JSONResponse{BadRequestJSONResponse: badRequest(vs...)}, nil
	}
	return server.ExportInvoiceTaxDocument200JSONResponse{ExportFileQueuedJSONResponse: server.ExportFileQueuedJSONResponse(
		a.st.tableFile(a.st.transactionTable(gen.TransactionFilters{}, nil)))}, nil
}

// ExportOrderManifests starts an export of the shipped items of manifests
// as a file. The mock keeps no manifests of its own: the filters on order
// numbers and items select the rows.
func (a *api) ExportOrderManifests(_ context.Context, req server.ExportOrderManifestsRequestObject) (server.ExportOrderManifestsResponseObject, error) {
	b := deref(req.Body)
	if len(b.ManifestIds) > 0 && (len(b.OrderNumbers) > 0 || len(b.OrderItemIds) > 0 || len(b.ManifestCodes) > 0) {
		return server.ExportOrderManifests400JSONResponse{BadRequestJSONResponse: badRequest(violation{path: "manifestIds",
			title: "Send either manifestIds or the filters, not both.", typ: "array"})}, nil
	}
	st := a.st
	t := st.itemTable([]string{"Manifest Code", "Order Number", "Order Item Id", "Tracking Code", "Manifest Status"}, func(it *item) []string {
		num := st.orders[it.it.OrderId].o.Number
		if it.it.ManifestStatus == nil || len(b.ManifestIds) > 0 ||
			(len(b.OrderNumbers) > 0 && !slices.Contains(b.OrderNumbers, num)) ||
			(len(b.OrderItemIds) > 0 && !slices.Contains(b.OrderItemIds, it.it.Id)) {
			return nil
		}
		return []string{"", num, strconv.Itoa(it.it.Id), it.it.Shipment.TrackingCode, string(*it.it.ManifestStatus)}
	})
	return server.ExportOrderManifests200JSONResponse{ExportFileQueuedJSONResponse: server.ExportFileQueuedJSONResponse(st.tableFile(t))}, nil
}

// defaultArchivePage is the page size of listArchivedOrders without limit.
const defaultArchivePage = 100

// ListArchivedOrders lists the mock's orders in the archive's raw shape.
func (a *api) ListArchivedOrders(_ context.Context, req server.ListArchivedOrdersRequestObject) (server.ListArchivedOrdersResponseObject, error) {
	p := req.Params
	st := a.st
	var os []*order
	for _, id := range st.sortedOrderIDs() {
		o := st.orders[id]
		if (p.OrderNr != "" && o.o.Number != p.OrderNr) || (p.SrcId != "" && o.o.Uuid != p.SrcId) ||
			(p.Currency != "" && !strings.EqualFold(o.o.Currency, p.Currency)) || !within(o.o.CreatedAt.Time, p.CreatedAtFrom, p.CreatedAtTo) {
			continue
		}
		os = append(os, o)
	}
	limit := p.Limit
	if limit == 0 {
		limit = defaultArchivePage
	}
	from, to, hasNext := page(len(os), p.Offset, limit)
	out := server.ListArchivedOrders200JSONResponse{Data: []gen.ArchivedOrder{}, HasNext: hasNext}
	for _, o := range os[from:to] {
		out.Data = append(out.Data, st.archived(o))
	}
	return out, nil
}

// archived is an order as the archive stores it. The order's uuid stands
// in for the shop system's id.
func (st *store) archived(o *order) gen.ArchivedOrder {
	created := o.o.CreatedAt.UTC().Format(time.RFC3339)
	out := gen.ArchivedOrder{IdSalesOrder: o.o.Id, SrcId: o.o.Uuid, OrderNr: o.o.Number, CreatedAt: o.o.CreatedAt, Currency: o.o.Currency,
		Properties: gen.ArchiveRecord{"id_sales_order": o.o.Id, "order_nr": o.o.Number, "currency": o.o.Currency,
			"created_at": created, "payment_method": o.o.PaymentMethod, "remarks": o.o.Remarks,
			"customer_first_name": deref(o.o.Customer.FirstName), "customer_last_name": deref(o.o.Customer.LastName)},
		SalesOrderComment: []gen.ArchiveRecord{}, SalesOrderInvoice: []gen.ArchiveRecord{},
		OrderItemArchives: []gen.ArchiveRecord{}, PackageArchives: []gen.ArchiveRecord{}}
	packages := map[int]bool{}
	for _, it := range st.orderItems(o) {
		out.OrderItemArchives = append(out.OrderItemArchives, gen.ArchiveRecord{"idSalesOrderItem": it.it.Id, "fkSeller": st.seller.Id,
			"srcId": it.it.SrcId, "properties": map[string]any{"order_nr": o.o.Number, "currency": o.o.Currency, "created_at": created,
				"status": string(it.it.Status), "sku": it.it.Product.SellerSku, "paid_price": it.it.PaidPrice}})
		if pk := st.packageOf(it); pk != nil && !packages[pk.id] {
			packages[pk.id] = true
			out.PackageArchives = append(out.PackageArchives, gen.ArchiveRecord{"idPackage": pk.id,
				"properties": map[string]any{"package_number": pk.srcID, "tracking_code": it.it.Shipment.TrackingCode}})
		}
	}
	return out
}
