package sellercentertest

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"mime/multipart"
	"strconv"
	"strings"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/gen/server"
)

const importMessage = "File has been successfully uploaded. Please be patient while data is being processed."

// fileImport queues the CSV or XLSX file of a multipart import as a feed.
// The file must be readable and name the columns the import needs; its rows
// are checked when the feed runs.
func (a *api) fileImport(body *multipart.Reader, action gen.FeedAction) (*gen.ImportAccepted, []violation) {
	form, err := readForm(body)
	if err != nil {
		return nil, []violation{{title: "reading the form: " + err.Error()}}
	}
	file, ok := form["file1"]
	switch {
	case !ok:
		return nil, []violation{{path: "file1", title: "the form has no file1 part"}}
	case len(bytes.TrimSpace(file.data)) == 0:
		return nil, []violation{{path: "file1", title: "the file is empty"}}
	}
	table, format, mime, err := readTable(file.filename, file.data)
	if err != nil {
		return nil, []violation{{path: "file1", title: err.Error(), value: file.filename}}
	}
	st := a.st
	rows, unknown, missing := st.importRows(table, action)
	var vs []violation
	for _, c := range missing {
		vs = append(vs, violation{path: "file1", title: fmt.Sprintf("the header lacks the column %s", c), value: file.filename})
	}
	if len(vs) == 0 && len(rows) == 0 {
		vs = append(vs, violation{path: "file1", title: "the file has no rows below its header", value: file.filename})
	}
	if len(vs) > 0 {
		return nil, vs
	}
	warnings := []string{}
	for _, c := range unknown {
		warnings = append(warnings, fmt.Sprintf("The column %s is not read by this import and was ignored.", c))
	}
	f := st.newFeed(action, format, mime, file.data, rows)
	return &gen.ImportAccepted{Success: true, Message: importMessage, ErrorMessages: []string{},
		WarningMessages: warnings, FeedId: f.id, FeedUuid: f.uuid}, nil
}

// ImportNewProducts queues a file of new products.
func (a *api) ImportNewProducts(_ context.Context, req server.ImportNewProductsRequestObject) (server.ImportNewProductsResponseObject, error) {
	ok, vs := a.fileImport(req.Body, gen.FeedActionProductCreate)
	if vs != nil {
		return server.ImportNewProducts400JSONResponse{BadRequestJSONResponse: badRequest(vs...)}, nil
	}
	return server.ImportNewProducts201JSONResponse(*ok), nil
}

// ImportProductUpdates queues a file of product changes.
func (a *api) ImportProductUpdates(_ context.Context, req server.ImportProductUpdatesRequestObject) (server.ImportProductUpdatesResponseObject, error) {
	ok, vs := a.fileImport(req.Body, gen.FeedActionProductUpdate)
	if vs != nil {
		return server.ImportProductUpdates400JSONResponse{BadRequestJSONResponse: badRequest(vs...)}, nil
	}
	return server.ImportProductUpdates201JSONResponse(*ok), nil
}

// ImportProductRemovals queues a file of products to delete.
func (a *api) ImportProductRemovals(_ context.Context, req server.ImportProductRemovalsRequestObject) (server.ImportProductRemovalsResponseObject, error) {
	ok, vs := a.fileImport(req.Body, gen.FeedActionProductRemove)
	if vs != nil {
		return server.ImportProductRemovals400JSONResponse{BadRequestJSONResponse: badRequest(vs...)}, nil
	}
	return server.ImportProductRemovals201JSONResponse(*ok), nil
}

// ImportImageUpdates queues a file of product images.
func (a *api) ImportImageUpdates(_ context.Context, req server.ImportImageUpdatesRequestObject) (server.ImportImageUpdatesResponseObject, error) {
	ok, vs := a.fileImport(req.Body, gen.FeedActionImage)
	if vs != nil {
		return server.ImportImageUpdates400JSONResponse{BadRequestJSONResponse: badRequest(vs...)}, nil
	}
	return server.ImportImageUpdates201JSONResponse(*ok), nil
}

// ImportStockUpdates queues a file of stock levels.
func (a *api) ImportStockUpdates(_ context.Context, req server.ImportStockUpdatesRequestObject) (server.ImportStockUpdatesResponseObject, error) {
	ok, vs := a.fileImport(req.Body, gen.FeedActionProductStockUpdate)
	if vs != nil {
		return server.ImportStockUpdates400JSONResponse{BadRequestJSONResponse: badRequest(vs...)}, nil
	}
	return server.ImportStockUpdates201JSONResponse(*ok), nil
}

// xmlImport checks the products of an XML import and queues them as a
// feed. It answers the legacy way: a SuccessResponse whose RequestId is the
// feed's UUID, or an ErrorResponse (in a 200, as the vendor documents it)
// naming each product whose fields cannot be read, in which case nothing is
// queued. Whether the products exist is checked when the feed runs.
func (a *api) xmlImport(body io.Reader, action gen.FeedAction, legacy string) ([]byte, error) {
	raw, err := io.ReadAll(body) // serveAPI read it already, within maxUpload
	if err != nil {
		return nil, err
	}
	root, err := parseXML(bytes.NewReader(raw))
	if err != nil {
		return marshalXML(xmlError(legacy, xmlFormatError, "E1000: Invalid Request Format", []gen.XmlDetail{{Message: ptr(err.Error())}}))
	}
	rows := xmlRows(root)
	if len(rows) == 0 {
		return marshalXML(xmlError(legacy, xmlEmptyRequest, "E030: Empty Request", nil))
	}
	var details []gen.XmlDetail
	seen := map[string]bool{}
	for _, r := range rows {
		detail := func(field, message string) {
			details = append(details, gen.XmlDetail{Field: ptr(field), Message: ptr(message), Value: ptr(r.get(field)), SellerSku: ptr(r.sku())})
		}
		if seen[r.sku()] {
			detail("SellerSku", "Field must be unique within a request")
		}
		seen[r.sku()] = true
		if r.has("Quantity") {
			if q, err := strconv.Atoi(r.get("Quantity")); err != nil || q < 0 {
				detail("Quantity", "Field must contain a whole number of 0 or more")
			}
		}
		price, priceErr := strconv.ParseFloat(r.get("Price"), 64)
		if r.has("Price") && (priceErr != nil || price <= 0) {
			detail("Price", "Field must contain a positive number")
		}
		if r.has("SalePrice") {
			sale, err := strconv.ParseFloat(r.get("SalePrice"), 64)
			switch {
			case err != nil || sale <= 0:
				detail("SalePrice", "Field must contain a positive number")
			case r.has("Price") && priceErr == nil && sale >= price:
				detail("SalePrice", "Field must be below Price")
			case !r.has("SaleStartDate") && !r.has("SaleEndDate"):
				detail("SalePrice", "Field needs SaleStartDate or SaleEndDate")
			}
		}
	}
	st := a.st
	if len(details) > 0 {
		return marshalXML(xmlError(legacy, xmlFormatError, fmt.Sprintf("E1000: %d fields cannot be read; nothing was imported", len(details)), details))
	}
	f := st.newFeed(action, "xml", mimeXML, raw, rows)
	return marshalXML(xmlSuccess(legacy, f.uuid, dt(st.now())))
}

// ImportStockUpdatesXml sets stock levels from an XML document.
func (a *api) ImportStockUpdatesXml(_ context.Context, req server.ImportStockUpdatesXmlRequestObject) (server.ImportStockUpdatesXmlResponseObject, error) {
	b, err := a.xmlImport(req.Body, gen.FeedActionProductStockUpdate, "ProductStockUpdate")
	if err != nil {
		return nil, err
	}
	return server.ImportStockUpdatesXml200TextxmlResponse{Body: bytes.NewReader(b), ContentLength: int64(len(b))}, nil
}

// ImportNewProductsXml creates products from an XML document.
func (a *api) ImportNewProductsXml(_ context.Context, req server.ImportNewProductsXmlRequestObject) (server.ImportNewProductsXmlResponseObject, error) {
	b, err := a.xmlImport(req.Body, gen.FeedActionProductCreate, "ProductCreate")
	if err != nil {
		return nil, err
	}
	return server.ImportNewProductsXml200TextxmlResponse{Body: bytes.NewReader(b), ContentLength: int64(len(b))}, nil
}

// ImportProductUpdatesXml changes products from an XML document.
func (a *api) ImportProductUpdatesXml(_ context.Context, req server.ImportProductUpdatesXmlRequestObject) (server.ImportProductUpdatesXmlResponseObject, error) {
	b, err := a.xmlImport(req.Body, gen.FeedActionProductUpdate, "ProductUpdate")
	if err != nil {
		return nil, err
	}
	return server.ImportProductUpdatesXml200TextxmlResponse{Body: bytes.NewReader(b), ContentLength: int64(len(b))}, nil
}

// orderImportActions names the feed of each order import type.
var orderImportActions = map[string]gen.FeedAction{
	"ready-to-ship":           gen.FeedActionOrderSetStatusReadyToShip,
	"create-forward-manifest": gen.FeedActionOrderCreateForwardManifest,
	"update-manifest-status":  gen.FeedActionOrderUpdateManifestStatus,
	"to-shipped":              gen.FeedActionOrderSetStatusToShipped,
	"to-delivered":            gen.FeedActionOrderSetStatusToDelivered,
	"invoice-access-key":      gen.FeedActionOrderSetInvoiceAccessKey,
	"to-returned":             gen.FeedActionOrderSetStatusReturned,
	"to-received":             gen.FeedActionOrderSetStatusReturnReceived,
	"to-return-approved":      gen.FeedActionOrderSetStatusReturnApproved,
	"to-return-rejected":      gen.FeedActionOrderSetStatusReturnRejected,
}

// --- feeds ---

// ListFeeds lists feeds, newest first.
func (a *api) ListFeeds(_ context.Context, req server.ListFeedsRequestObject) (server.ListFeedsResponseObject, error) {
	p := req.Params
	st := a.st
	feeds := st.feedsByID()
	for i, j := 0, len(feeds)-1; i < j; i, j = i+1, j-1 {
		feeds[i], feeds[j] = feeds[j], feeds[i]
	}
	from, to, _ := page(len(feeds), p.Offset, p.Limit)
	out := server.ListFeeds200JSONResponse{Items: []gen.Feed{}, Pagination: gen.Pagination{
		Limit: p.Limit, Offset: p.Offset, TotalCount: len(feeds)}}
	for _, f := range feeds[from:to] {
		out.Items = append(out.Items, st.renderFeed(f))
	}
	return out, nil
}

// CountFeeds counts feeds per status; Error feeds count in the total only.
func (a *api) CountFeeds(_ context.Context, _ server.CountFeedsRequestObject) (server.CountFeedsResponseObject, error) {
	st := a.st
	n := map[gen.FeedState]int{}
	for _, f := range st.cat.feeds {
		n[f.status]++
	}
	return server.CountFeeds200JSONResponse{Total: len(st.cat.feeds), Queued: n[gen.FeedStateQueued],
		Processing: n[gen.FeedStateProcessing], Finished: n[gen.FeedStateFinished], Canceled: n[gen.FeedStateCanceled]}, nil
}

func feedNotFound(uuid string) server.NotFoundJSONResponse {
	return server.NotFoundJSONResponse(problem(404, typeNotFound, "Entity not found", fmt.Sprintf("feed %s does not exist or was processed already", uuid)))
}

// GetFeedStatus returns a feed's status with its row errors and warnings.
func (a *api) GetFeedStatus(_ context.Context, req server.GetFeedStatusRequestObject) (server.GetFeedStatusResponseObject, error) {
	st := a.st
	f := st.cat.feeds[req.Uuid]
	if f == nil {
		return server.GetFeedStatus404JSONResponse{NotFoundJSONResponse: feedNotFound(req.Uuid)}, nil
	}
	out, err := st.feedReport(f)
	return server.GetFeedStatus200JSONResponse(out), err
}

// CancelFeed cancels a feed that has not started.
func (a *api) CancelFeed(_ context.Context, req server.CancelFeedRequestObject) (server.CancelFeedResponseObject, error) {
	st := a.st
	f := st.cat.feeds[req.Uuid]
	if f == nil || f.status != gen.FeedStateQueued {
		return server.CancelFeed404JSONResponse{NotFoundJSONResponse: feedNotFound(req.Uuid)}, nil
	}
	f.status, f.updated = gen.FeedStateCanceled, st.now()
	return server.CancelFeed204Response{}, nil
}

// GetFeedInputs returns the input files of feeds, base64-encoded.
func (a *api) GetFeedInputs(_ context.Context, req server.GetFeedInputsRequestObject) (server.GetFeedInputsResponseObject, error) {
	st := a.st
	out := server.GetFeedInputs200JSONResponse{}
	for _, u := range req.Params.FeedUuidList {
		f := st.cat.feeds[strings.TrimSpace(u)]
		if f == nil {
			return server.GetFeedInputs404JSONResponse{NotFoundJSONResponse: feedNotFound(u)}, nil
		}
		out = append(out, gen.FeedRawInput{FeedUuid: f.uuid, MimeType: f.mime, File: base64.StdEncoding.EncodeToString(f.input)})
	}
	return out, nil
}
