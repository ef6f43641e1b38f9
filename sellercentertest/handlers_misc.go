package sellercentertest

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/gen/server"
)

// GetHealth reports the fake's databases as up.
func (a *api) GetHealth(_ context.Context, _ server.GetHealthRequestObject) (server.GetHealthResponseObject, error) {
	up := gen.DatabaseStatus{Version: "8.0.36", Active: true}
	var out server.GetHealth200JSONResponse
	out.Value.Database = &struct {
		Read  gen.DatabaseStatus `json:"read,omitempty,omitzero"`
		Write gen.DatabaseStatus `json:"write,omitempty,omitzero"`
	}{Read: up, Write: up}
	return out, nil
}

// ListEnabledCountries lists the instance's country codes.
func (a *api) ListEnabledCountries(_ context.Context, _ server.ListEnabledCountriesRequestObject) (server.ListEnabledCountriesResponseObject, error) {
	return server.ListEnabledCountries200JSONResponse{Items: slices.Clone(a.st.countries)}, nil
}

// GetSeller returns the seller the request's token acts for.
func (a *api) GetSeller(ctx context.Context, _ server.GetSellerRequestObject) (server.GetSellerResponseObject, error) {
	s, err := clone(*a.st.acting(ctx))
	return server.GetSeller200JSONResponse(s), err
}

// UpdateSeller changes the email and profile fields of the seller the token
// acts for.
func (a *api) UpdateSeller(ctx context.Context, req server.UpdateSellerRequestObject) (server.UpdateSellerResponseObject, error) {
	var body gen.SellerUpdate
	if req.Body != nil {
		body = *req.Body
	}
	st := a.st
	fail := func(detail string) (server.UpdateSellerResponseObject, error) {
		return server.UpdateSeller422JSONResponse{UnprocessableJSONResponse: ruleProblem(detail)}, nil
	}
	if body.Email != nil {
		e := *body.Email
		if at := strings.Index(e, "@"); at < 1 || at == len(e)-1 || strings.ContainsAny(e, " \t") {
			return fail(fmt.Sprintf("%q is not an email address", e))
		}
	}
	seller := st.acting(ctx)
	fields := seller.ProfileFields
	var sets []func()
	for _, pf := range body.ProfileFields {
		idx := -1
		for i := range fields {
			switch {
			case pf.Id != nil && i < len(st.profileIDs) && st.profileIDs[i] == *pf.Id,
				pf.Id == nil && pf.Name != nil && fields[i].Name == *pf.Name:
				idx = i
			}
		}
		if idx < 0 {
			what := "a profile field without id or name"
			if pf.Id != nil {
				what = fmt.Sprintf("profile field id %d", *pf.Id)
			} else if pf.Name != nil {
				what = fmt.Sprintf("profile field %q", *pf.Name)
			}
			return fail(what + " does not exist")
		}
		v := pf.Value
		sets = append(sets, func() { fields[idx].Value, fields[idx].DisplayValue = v, v })
	}
	for _, set := range sets {
		set()
	}
	if body.Email != nil {
		seller.Email = *body.Email
	}
	seller.UpdatedAt = st.stamp()
	return server.UpdateSeller200Response{}, nil
}

// exportRows writes the items of orders as a CSV file.
func (st *store) exportRows(items []*item) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"Order Number", "Order Item Id", "Seller SKU", "Status", "Paid Price", "Tracking Code"}) // a bytes.Buffer does not fail
	for _, it := range items {
		_ = w.Write([]string{st.orders[it.it.OrderId].o.Number, strconv.Itoa(it.it.Id), it.it.Product.SellerSku,
			string(it.it.Status), strconv.FormatFloat(it.it.PaidPrice, 'f', 2, 64), it.it.Shipment.TrackingCode})
	}
	w.Flush()
	return b.Bytes()
}

// ExportOrders starts an export of the orders matching the filters.
func (a *api) ExportOrders(ctx context.Context, req server.ExportOrdersRequestObject) (server.ExportOrdersResponseObject, error) {
	p := req.Params
	dateParams(ctx, map[string]*datetime.Time{"dateStart": &p.DateStart, "dateEnd": &p.DateEnd,
		"updateDateStart": &p.UpdateDateStart, "updateDateEnd": &p.UpdateDateEnd})
	st := a.st
	var items []*item
	for _, o := range st.filterOrders(exportOrdersFilter(p)) {
		items = append(items, st.orderItems(o)...)
	}
	format := string(gen.ExportFormatCsv)
	if req.Params.Format != "" {
		format = string(req.Params.Format)
	}
	x := st.newExport(gen.ExportActionOrder, "Orders", format, st.now(), st.exportRows(items), "text/csv")
	out, err := st.renderExport(x)
	return server.ExportOrders200JSONResponse(out), err
}

// ExportReturnOrders starts an export of return orders.
func (a *api) ExportReturnOrders(_ context.Context, req server.ExportReturnOrdersRequestObject) (server.ExportReturnOrdersResponseObject, error) {
	var body gen.ReturnsExportRequest
	if req.Body != nil {
		body = *req.Body
	}
	if !body.DateStart.IsZero() && !body.DateEnd.IsZero() && !body.DateStart.Before(body.DateEnd.Time) {
		return server.ExportReturnOrders422JSONResponse{UnprocessableJSONResponse: ruleProblem("dateStart must be before dateEnd")}, nil
	}
	st := a.st
	var items []*item
	for _, id := range st.sortedItemIDs() {
		it := st.items[id]
		if it.ret == nil || !matchReturn(st, it, body) {
			continue
		}
		items = append(items, it)
	}
	x := st.newExport(gen.ExportActionOrderReturn, "Returns", string(body.Format), st.now(), st.exportRows(items), "text/csv")
	return server.ExportReturnOrders201JSONResponse{ExportItemId: x.id, Uuid: x.fileUUID}, nil
}

func matchReturn(st *store, it *item, b gen.ReturnsExportRequest) bool {
	i := &it.it
	if b.Status != "" {
		switch s := b.Status; s {
		case gen.ReturnsExportRequestStatusOpen:
			if i.Status != gen.OrderItemStatusReturnShippedByCustomer && i.Status != gen.OrderItemStatusReturnWaitingForApproval {
				return false
			}
		case gen.ReturnsExportRequestStatusSeller:
			if it.returnedBy != "seller" {
				return false
			}
		case gen.ReturnsExportRequestStatusRegions:
			if it.returnedBy != "region" {
				return false
			}
		default:
			if string(i.Status) != string(s) {
				return false
			}
		}
	}
	if ids := b.OrderItemIds; len(ids) > 0 && !slices.Contains(ids, i.Id) {
		return false
	}
	if src := b.SrcIds; len(src) > 0 && !slices.Contains(src, i.SrcId) {
		return false
	}
	if nums := b.OrderNumbers; len(nums) > 0 && !slices.Contains(nums, st.orders[i.OrderId].o.Number) {
		return false
	}
	return within(i.CreatedAt.Time, b.DateStart, b.DateEnd)
}

// advance moves a file one step through processing, as one poll of the real
// API would observe.
func (st *store) advance(f *file) {
	switch f.status {
	case gen.FileStatusProcessStatusQUEUED, gen.FileStatusProcessStatusPENDING:
		f.status = gen.FileStatusProcessStatusPROCESSING
	case gen.FileStatusProcessStatusPROCESSING:
		f.status = gen.FileStatusProcessStatusFINISHED
	default:
		return
	}
	if x := st.exports[f.exportID]; x != nil {
		x.item.UpdatedAt = st.stamp()
	}
}

var exportStatus = map[gen.FileStatusProcessStatus]gen.ExportItemStatus{
	gen.FileStatusProcessStatusQUEUED:     gen.ExportItemStatusQueued,
	gen.FileStatusProcessStatusPENDING:    gen.ExportItemStatusQueued,
	gen.FileStatusProcessStatusPROCESSING: gen.ExportItemStatusProcessing,
	gen.FileStatusProcessStatusFINISHED:   gen.ExportItemStatusFinished,
	gen.FileStatusProcessStatusERROR:      gen.ExportItemStatusError,
	gen.FileStatusProcessStatusCANCELED:   gen.ExportItemStatusError,
	gen.FileStatusProcessStatusEXPIRED:    gen.ExportItemStatusExpired,
}

// renderExport returns an export job; a finished one links its file, with a
// path relative to the API host.
func (st *store) renderExport(x *export) (gen.ExportItem, error) {
	out, err := clone(x.item)
	if err != nil {
		return out, err
	}
	f := st.files[x.fileUUID]
	out.Status = exportStatus[f.status]
	links := []string{}
	if f.status == gen.FileStatusProcessStatusFINISHED {
		links = append(links, apiPrefix+"/filemanager/v1/files/download/"+f.uuid)
	}
	out.DownloadLinks = links
	return out, nil
}

// ListExports lists export jobs one page at a time.
func (a *api) ListExports(_ context.Context, req server.ListExportsRequestObject) (server.ListExportsResponseObject, error) {
	p := req.Params
	st := a.st
	var xs []*export
	for _, x := range st.exports {
		label := strings.ToLower(x.item.ExportContent)
		if !slices.Contains(p.ExportActions, x.action) || (p.Keyword != "" && !strings.Contains(label, strings.ToLower(p.Keyword))) {
			continue
		}
		xs = append(xs, x)
	}
	key := func(x *export) time.Time { return time.Time{} }
	switch p.OrderBy {
	case gen.ListExportsParamsOrderByCreatedAt:
		key = func(x *export) time.Time { return x.item.CreatedAt.Time }
	case gen.ListExportsParamsOrderByUpdatedAt:
		key = func(x *export) time.Time { return x.item.UpdatedAt.Time }
	}
	desc := p.OrderDirection == gen.ListExportsParamsOrderDirectionDESC
	sort.Slice(xs, func(i, j int) bool {
		ki, kj := key(xs[i]), key(xs[j])
		if ki.Equal(kj) {
			return (xs[i].id < xs[j].id) != desc
		}
		return ki.Before(kj) != desc
	})
	from, to, _ := page(len(xs), p.Offset, p.Limit)
	out := server.ListExports200JSONResponse{Items: []gen.ExportItem{}, Pagination: gen.Pagination{
		Limit: p.Limit, Offset: p.Offset, TotalCount: len(xs)}}
	for _, x := range xs[from:to] {
		e, err := st.renderExport(x)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, e)
	}
	return out, nil
}

// GetExport returns an export job, advancing it one step.
func (a *api) GetExport(_ context.Context, req server.GetExportRequestObject) (server.GetExportResponseObject, error) {
	st := a.st
	x, ok := st.exports[req.ExportItemId]
	if !ok {
		return server.GetExport404JSONResponse{NotFoundJSONResponse: notFound("export", req.ExportItemId)}, nil
	}
	st.advance(st.files[x.fileUUID])
	out, err := st.renderExport(x)
	return server.GetExport200JSONResponse(out), err
}

// GetFileStatus returns a file's processing status, advancing it one step.
func (a *api) GetFileStatus(_ context.Context, req server.GetFileStatusRequestObject) (server.GetFileStatusResponseObject, error) {
	st := a.st
	f, ok := st.files[req.Uuid]
	if !ok {
		return server.GetFileStatus404JSONResponse{NotFoundJSONResponse: notFound("file", req.Uuid)}, nil
	}
	st.advance(f)
	return server.GetFileStatus200JSONResponse{ProcessStatus: f.status}, nil
}

// DownloadFile returns a finished file's bytes.
func (a *api) DownloadFile(_ context.Context, req server.DownloadFileRequestObject) (server.DownloadFileResponseObject, error) {
	st := a.st
	f, ok := st.files[req.Uuid]
	switch {
	case !ok:
		return server.DownloadFile404JSONResponse{NotFoundJSONResponse: notFound("file", req.Uuid)}, nil
	case f.status != gen.FileStatusProcessStatusFINISHED:
		return server.DownloadFile404JSONResponse{NotFoundJSONResponse: server.NotFoundJSONResponse(problem(404, typeNotFound,
			"Entity not found", fmt.Sprintf("file %s is %s, not FINISHED", f.uuid, f.status)))}, nil
	}
	content := bytes.Clone(f.content)
	return server.DownloadFile200ApplicationoctetStreamResponse{Body: bytes.NewReader(content), ContentLength: int64(len(content))}, nil
}

var documentTypes = []string{"all_documents", "allDocuments", "invoice", "exportInvoice", "shippingLabel", "shippingParcel",
	"carrierManifest", "serialNumber", "picklist", "checklist", "creditNote", "manifest"}

// ExportOrderDocuments starts generating documents for orders or items and
// marks their orders printed.
func (a *api) ExportOrderDocuments(_ context.Context, req server.ExportOrderDocumentsRequestObject) (server.ExportOrderDocumentsResponseObject, error) {
	var body gen.DocumentExportRequest
	if req.Body != nil {
		body = *req.Body
	}
	fail := func(detail string) (server.ExportOrderDocumentsResponseObject, error) {
		return server.ExportOrderDocuments422JSONResponse{UnprocessableJSONResponse: ruleProblem(detail)}, nil
	}
	types := strings.Split(body.DocumentType, ",")
	for _, t := range types {
		if !slices.Contains(documentTypes, strings.TrimSpace(t)) {
			return fail(fmt.Sprintf("document type %q is unknown", strings.TrimSpace(t)))
		}
	}
	orderIDs, itemIDs := body.OrderIds, body.OrderItemIds
	if len(orderIDs) == 0 && len(itemIDs) == 0 {
		return fail("give orderIds or orderItemIds")
	}
	st := a.st
	printed := map[int]bool{}
	for _, id := range orderIDs {
		if _, ok := st.orders[id]; !ok {
			return fail(fmt.Sprintf("order %d does not exist", id))
		}
		printed[id] = true
	}
	for _, id := range itemIDs {
		it, ok := st.items[id]
		if !ok {
			return fail(fmt.Sprintf("E023: order item %d does not exist", id))
		}
		printed[it.it.OrderId] = true
	}
	for id := range printed {
		st.orders[id].printed = true
	}
	format := string(gen.DocumentExportRequestFormatPdf)
	if body.Format != "" {
		format = string(body.Format)
	}
	content, ct := []byte("%PDF-1.4\n% sellercentertest "+body.DocumentType+"\n"), "application/pdf"
	if format == string(gen.DocumentExportRequestFormatHtml) {
		content, ct = []byte("<!doctype html><title>"+body.DocumentType+"</title>"), "text/html"
	}
	action := gen.ExportActionOrderDocumentsAsPdf
	if body.DocumentType == "invoice" {
		action = gen.ExportActionOrderInvoiceAsPdf
	}
	x := st.newExport(action, "Documents: "+body.DocumentType, format, st.now(), content, ct)
	out, err := st.renderExport(x)
	return server.ExportOrderDocuments201JSONResponse(out), err
}

// formFile is one multipart part read into memory.
type formFile struct {
	name, filename string
	data           []byte
}

const maxUpload = 10 << 20

// readForm reads every part of a multipart body.
func readForm(r *multipart.Reader) (map[string]formFile, error) {
	out := map[string]formFile{}
	if r == nil {
		return out, nil
	}
	for {
		p, err := r.NextPart()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(io.LimitReader(p, maxUpload+1))
		if err != nil {
			return nil, err
		}
		if len(data) > maxUpload {
			return nil, fmt.Errorf("part %q is larger than %d bytes", p.FormName(), maxUpload)
		}
		out[p.FormName()] = formFile{name: p.FormName(), filename: p.FileName(), data: data}
	}
}

// UploadPackageDocument stores a document for a package.
func (a *api) UploadPackageDocument(_ context.Context, req server.UploadPackageDocumentRequestObject) (server.UploadPackageDocumentResponseObject, error) {
	bad := func(path, title string) (server.UploadPackageDocumentResponseObject, error) {
		return server.UploadPackageDocument400JSONResponse{BadRequestJSONResponse: server.BadRequestJSONResponse(
			validationProblem([]violation{{path: path, title: title}}))}, nil
	}
	form, err := readForm(req.Body)
	if err != nil {
		return bad("", err.Error())
	}
	st := a.st
	p, ok := st.packages[req.PackageId]
	if !ok {
		return server.UploadPackageDocument404JSONResponse{NotFoundJSONResponse: notFound("package", req.PackageId)}, nil
	}
	docType := strings.TrimSpace(string(form["documentType"].data))
	file := form["documentFile"]
	switch ext := strings.ToLower(path.Ext(file.filename)); {
	case docType == "":
		return bad("documentType", "the document type is empty")
	case len(file.data) == 0:
		return bad("documentFile", "the file is empty")
	case docType == "invoice" && ext != ".pdf" && ext != ".png" && ext != ".jpg" && ext != ".jpeg":
		return bad("documentFile", fmt.Sprintf("an invoice must be a png, jpg or pdf file, not %q", file.filename))
	}
	st.nextDocument++
	p.documentID = 900 + st.nextDocument
	return server.UploadPackageDocument200JSONResponse{Id: p.documentID}, nil
}

// DeletePackageDocument deletes the uploaded document of a package.
func (a *api) DeletePackageDocument(_ context.Context, req server.DeletePackageDocumentRequestObject) (server.DeletePackageDocumentResponseObject, error) {
	st := a.st
	p, ok := st.packages[req.PackageId]
	switch {
	case !ok:
		return server.DeletePackageDocument404JSONResponse{NotFoundJSONResponse: notFound("package", req.PackageId)}, nil
	case p.documentID == 0:
		return server.DeletePackageDocument404JSONResponse{NotFoundJSONResponse: server.NotFoundJSONResponse(problem(404, typeNotFound,
			"Entity not found", fmt.Sprintf("package %d has no document", req.PackageId)))}, nil
	}
	p.documentID = 0
	return server.DeletePackageDocument204Response{}, nil
}

// ImportOrders accepts a bulk action file and queues it as a feed, which
// runs like the catalog imports' feeds but is not applied to the state: it
// finishes with a warning saying so.
func (a *api) ImportOrders(_ context.Context, req server.ImportOrdersRequestObject) (server.ImportOrdersResponseObject, error) {
	fail := func(detail string) (server.ImportOrdersResponseObject, error) {
		return server.ImportOrders422JSONResponse{UnprocessableJSONResponse: ruleProblem(detail)}, nil
	}
	form, err := readForm(req.Body)
	if err != nil {
		return fail(err.Error())
	}
	file := form["file1"]
	switch ext := strings.ToLower(path.Ext(file.filename)); {
	case len(file.data) == 0:
		return fail("the file is empty")
	case ext != ".csv" && ext != ".xlsx":
		return fail(fmt.Sprintf("the file must be .csv or .xlsx, not %q", file.filename))
	}
	typ := strings.TrimSpace(string(form["type"].data))
	action, ok := orderImportActions[typ]
	if !ok {
		return fail(fmt.Sprintf("the import type %q is unknown", typ))
	}
	table, format, mime, err := readTable(file.filename, file.data)
	if err != nil {
		return fail(err.Error())
	}
	var rows []feedRow
	for i, cells := range table[min(1, len(table)):] {
		rows = append(rows, feedRow{line: i + 2, values: map[string]string{"Row": strings.Join(cells, ",")}})
	}
	st := a.st
	f := st.newFeed(action, format, mime, file.data, rows)
	f.inert = true
	return server.ImportOrders201JSONResponse{
		Success: true, Message: "The import of type " + typ + " was queued",
		ErrorMessages: []string{}, WarningMessages: []string{}, FeedId: f.id, FeedUuid: f.uuid,
	}, nil
}

// GenerateInvoiceNumber makes an invoice number for an order.
func (a *api) GenerateInvoiceNumber(_ context.Context, req server.GenerateInvoiceNumberRequestObject) (server.GenerateInvoiceNumberResponseObject, error) {
	st := a.st
	o, ok := st.orders[req.OrderId]
	if !ok {
		return server.GenerateInvoiceNumber404JSONResponse{NotFoundJSONResponse: notFound("order", req.OrderId)}, nil
	}
	n := o.o.Number
	if st.invoice.generationType != "order_number" {
		n = st.invoice.prefix + strconv.Itoa(st.invoice.nextNumber)
		st.invoice.nextNumber++
	}
	return server.GenerateInvoiceNumber201JSONResponse{Number: n}, nil
}

func (st *store) invoiceSettings() gen.InvoiceNumberSettings {
	s := st.invoice
	return gen.InvoiceNumberSettings{GenerationType: s.generationType, Prefix: s.prefix,
		NextNumber: s.nextNumber, NextFormatedValue: s.prefix + strconv.Itoa(s.nextNumber)}
}

// GetInvoiceNumberSettings returns the settings with 200 (the vendor
// document says 201; the spec declares both).
func (a *api) GetInvoiceNumberSettings(_ context.Context, _ server.GetInvoiceNumberSettingsRequestObject) (server.GetInvoiceNumberSettingsResponseObject, error) {
	return server.GetInvoiceNumberSettings200JSONResponse{InvoiceNumberSettingsJSONResponse: server.InvoiceNumberSettingsJSONResponse(a.st.invoiceSettings())}, nil
}

// UpdateInvoiceNumberSettings changes the settings and answers 201, as the
// vendor document says, so clients meet both success codes.
func (a *api) UpdateInvoiceNumberSettings(_ context.Context, req server.UpdateInvoiceNumberSettingsRequestObject) (server.UpdateInvoiceNumberSettingsResponseObject, error) {
	if b := req.Body; b != nil {
		a.st.invoice.generationType = string(b.GenerationType)
		if b.Prefix != nil {
			a.st.invoice.prefix = *b.Prefix
		}
		if b.NextNumber != nil {
			a.st.invoice.nextNumber = *b.NextNumber
		}
	}
	return server.UpdateInvoiceNumberSettings201JSONResponse(a.st.invoiceSettings()), nil
}
