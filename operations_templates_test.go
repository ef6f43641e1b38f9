package sellercenter_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
)

// templatesRows are the operations of the templates area; see row in
// operations_test.go. The twenty templates share two shapes, so their rows
// come from templateCases through downloadRow and templateJobRow.
var templatesRows = templateRows()

// templatesErrorRows answer operations of the templates area with error statuses.
var templatesErrorRows = []errorRow{
	{
		op:    "exportOrderStatusChangeTemplate",
		reply: reply{status: 422, fixture: "problem_transition.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "ExportOrderStatusChangeTemplate().JSON422", as[gen.ExportOrderStatusChangeTemplateResponse](t, resp).JSON422)
			eq(t, "ExportOrderStatusChangeTemplate().JSON422.Status", p.Status, int32(422))
		},
	},
	{
		op:    "exportSalesReport",
		reply: reply{status: 400, fixture: "validation_problem.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "ExportSalesReport().JSON400", as[gen.ExportSalesReportResponse](t, resp).JSON400)
			eq(t, "ExportSalesReport().JSON400.Title", p.Title, "Validation Failed")
		},
	},
}

// templateCSV is what the fake API answers for a template download.
var templateCSV = []byte("SellerSku,Quantity\nHA997AA1JXZ1NAFAMZ-1,12\n")

const templateJobFixture = "templates_export_job.json"

// templateCase is one template: its call, what reaches the wire, and the
// header row the mock's file starts with.
type templateCase struct {
	path   string
	query  url.Values
	call   func(ctx context.Context, c *gen.ClientWithResponses) (any, error)
	header []string
	kind   string // the mock's template, for Template(kind)
}

var activeOnlyQuery = url.Values{"onlyActive": {"true"}}

var orderItemsHeader = []string{"Order Item Id", "Order Number", "Seller SKU", "Status"}

// templateDownloads answer the file at once.
var templateDownloads = map[string]templateCase{
	"downloadStockUpdateTemplate": {"/v2/template/stock-update", activeOnlyQuery, func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.DownloadStockUpdateTemplateWithResponse(ctx, &gen.DownloadStockUpdateTemplateParams{OnlyActive: true})
	}, []string{"SellerSku", "Quantity"}, "stock-update"},
	"downloadCategoryTreeTemplate": {"/v2/template/product-category-tree", nil, func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.DownloadCategoryTreeTemplateWithResponse(ctx)
	}, []string{"CategoryId", "ParentId", "Name", "Path"}, "product-category-tree"},
	"downloadProductRemovalTemplate": {"/v2/template/product-removal", nil, func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.DownloadProductRemovalTemplateWithResponse(ctx)
	}, []string{"SellerSku"}, "product-removal"},
	"downloadMissingInvoiceAccessKeyTemplate": {"/v2/template/missing-invoice-access-key", nil, func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.DownloadMissingInvoiceAccessKeyTemplateWithResponse(ctx)
	}, []string{"Order Number", "Order Item Id", "Invoice Number", "Invoice Access Key"}, "missing-invoice-access-key"},
	"downloadManifestStatusTemplate": {"/v2/template/update-manifest-status", nil, func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.DownloadManifestStatusTemplateWithResponse(ctx)
	}, []string{"Order Item Id", "Tracking Code", "Manifest Status"}, "update-manifest-status"},
	"downloadForwardManifestTemplate": {"/v2/template/create-forward-manifest", nil, func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.DownloadForwardManifestTemplateWithResponse(ctx)
	}, []string{"Order Item Id", "Order Number", "Tracking Code", "Shipping Provider"}, "create-forward-manifest"},
	"downloadPendingOrderItemsTemplate": {"/v2/template/pending-order-items", nil, func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.DownloadPendingOrderItemsTemplateWithResponse(ctx)
	}, orderItemsHeader, "pending-order-items"},
	"downloadPendingOrderNumbersTemplate": {"/v2/template/pending-order-numbers", nil, func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.DownloadPendingOrderNumbersTemplateWithResponse(ctx)
	}, []string{"Order Number"}, "pending-order-numbers"},
	"downloadOrderItemStatusTemplate": {"/v2/template/order-item-status-update", nil, func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.DownloadOrderItemStatusTemplateWithResponse(ctx)
	}, []string{"Order Item Id", "Status", "Tracking Number", "Shipping Provider"}, "order-item-status-update"},
}

// templateJobs answer an export job whose file is the template.
var templateJobs = map[string]templateCase{
	"exportStockUpdateTemplate": {"/v2/template/stock-update-async", activeOnlyQuery, func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.ExportStockUpdateTemplateWithResponse(ctx, &gen.ExportStockUpdateTemplateParams{OnlyActive: true})
	}, []string{"SellerSku", "Quantity"}, ""},
	"exportStatusUpdateTemplate": {"/v2/template/status-update", activeOnlyQuery, func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.ExportStatusUpdateTemplateWithResponse(ctx, &gen.ExportStatusUpdateTemplateParams{OnlyActive: true})
	}, []string{"SellerSku", "Status"}, ""},
	"exportPriceUpdateTemplate": {"/v2/template/price-update", activeOnlyQuery, func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.ExportPriceUpdateTemplateWithResponse(ctx, &gen.ExportPriceUpdateTemplateParams{OnlyActive: true})
	}, []string{"SellerSku", "Country", "Price", "SalePrice", "SaleStartDate", "SaleEndDate"}, ""},
	"exportImageUpdateTemplate": {"/v2/template/image-update", url.Values{"format": {"csv"}}, func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.ExportImageUpdateTemplateWithResponse(ctx, &gen.ExportImageUpdateTemplateParams{Format: gen.ExportFormatCsv})
	}, []string{"SellerSku", "MainImage", "Image2", "Image3", "Image4", "Image5", "Image6", "Image7", "Image8"}, ""},
	"exportCategoryTreeTemplate": {"/v2/template/product-category-tree-async", nil, func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.ExportCategoryTreeTemplateWithResponse(ctx)
	}, []string{"CategoryId", "ParentId", "Name", "Path"}, ""},
	"exportProductRemovalTemplate": {"/v2/template/product-removal-async", nil, func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.ExportProductRemovalTemplateWithResponse(ctx)
	}, []string{"SellerSku"}, ""},
	"exportProductCreationTemplate": {"/v2/template/product-creation", url.Values{"type": {"light"}}, func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.ExportProductCreationTemplateWithResponse(ctx, &gen.ExportProductCreationTemplateParams{Type: gen.ProductTemplateVariantLight})
	}, []string{"SellerSku", "ParentSku", "Variation", "Name", "Brand", "PrimaryCategory", "Description", "Price", "Quantity"}, ""},
	"exportMissingInvoiceAccessKeyTemplate": {"/v2/template/missing-invoice-access-key-async", nil, func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.ExportMissingInvoiceAccessKeyTemplateWithResponse(ctx)
	}, []string{"Order Number", "Order Item Id", "Invoice Number", "Invoice Access Key"}, ""},
	"exportManifestStatusTemplate": {"/v2/template/update-manifest-status-async", nil, func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.ExportManifestStatusTemplateWithResponse(ctx)
	}, []string{"Order Item Id", "Tracking Code", "Manifest Status"}, ""},
	"exportForwardManifestTemplate": {"/v2/template/create-forward-manifest-async", nil, func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.ExportForwardManifestTemplateWithResponse(ctx)
	}, []string{"Order Item Id", "Order Number", "Tracking Code", "Shipping Provider"}, ""},
	"exportOrderStatusChangeTemplate": {"/v2/template/order-status-change", url.Values{"type": {"order-items"}, "status": {"pending"}}, func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.ExportOrderStatusChangeTemplateWithResponse(ctx, &gen.ExportOrderStatusChangeTemplateParams{
			Type: gen.OrderTemplateTypeOrderItems, Status: gen.OrderTemplateStatusPending})
	}, orderItemsHeader, ""},
	"exportProducts": {"/v2/export-products", url.Values{"limit": {"100"}, "offset": {"0"}, "status": {"active"}, "format": {"csv"}}, func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.ExportProductsWithResponse(ctx, &gen.ExportProductsParams{Limit: 100, Status: gen.ProductSetSectionActive, Format: gen.ExportFormatCsv})
	}, []string{"CatalogProductId", "ProductId", "SellerSku", "ParentSku", "Name", "Status", "Quantity", "Price"}, ""},
}

// fileExports answer only the uuid of a file in the file manager.
var fileExports = map[string]struct {
	path, body string
	call       func(ctx context.Context, c *gen.ClientWithResponses) (any, error)
}{
	"exportSalesReport": {"/v2/exports/sales-report", `{"locale":"en_US","currency":"MYR","statementType":"marketplace","statementId":4}`,
		func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ExportSalesReportWithResponse(ctx, gen.SalesReportExportRequest{Locale: "en_US", Currency: "MYR",
				StatementType: gen.ExportStatementTypeMarketplace, StatementId: 4})
		}},
	"exportStatementTransactions": {"/v2/exports/report-transactions", `{"locale":"en_US","currency":"MYR","transactionTypeIds":[2,15],"label":"Sales Revenue 15 Mar 2024 - 21 Mar 2024"}`,
		func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ExportStatementTransactionsWithResponse(ctx, gen.StatementTransactionsExportRequest{Locale: "en_US", Currency: "MYR",
				TransactionTypeIds: []int{2, 15}, Label: "Sales Revenue 15 Mar 2024 - 21 Mar 2024"})
		}},
	"exportOrderItemTransactions": {"/v2/exports/report-order-item-transactions",
		`{"locale":"en_US","currency":"MYR","isHybrid":false,"payoutStatus":"unpaid","status":["pending","shipped"],"startDate":"2024-01-01T22:00:00Z","shipmentTypes":["dropshipping"]}`,
		func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ExportOrderItemTransactionsWithResponse(ctx, gen.OrderItemTransactionsExportRequest{Locale: "en_US", Currency: "MYR",
				IsHybrid: sellercenter.Ptr(false), PayoutStatus: gen.ExportPayoutStatusUnpaid,
				Status:    []gen.OrderItemStatus{gen.OrderItemStatusPending, gen.OrderItemStatusShipped},
				StartDate: datetime.New(time.Date(2024, 1, 1, 22, 0, 0, 0, time.UTC)), ShipmentTypes: []gen.ExportShipmentType{gen.ExportShipmentTypeDropshipping}})
		}},
	"exportUnifiedTransactions": {"/v2/exports/unified-transactions", `{"locale":"en_US","currency":"MYR","orderNumbers":["MY-1001"],"transactionNumbers":["TX-1"],"transactionTypeIds":[2]}`,
		func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ExportUnifiedTransactionsWithResponse(ctx, gen.UnifiedTransactionsExportRequest{Locale: "en_US", Currency: "MYR",
				OrderNumbers: []string{"MY-1001"}, TransactionNumbers: []string{"TX-1"}, TransactionTypeIds: []int{2}})
		}},
	"exportInvoiceTaxDocument": {"/v2/exports/invoice-tax-document", `{"locale":"en_US","currency":"MYR","statementId":0,"sellerId":123456}`,
		func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ExportInvoiceTaxDocumentWithResponse(ctx, gen.InvoiceTaxDocumentExportRequest{Locale: "en_US", Currency: "MYR", SellerId: 123456})
		}},
	"exportOrderManifests": {"/v2/exports/order-manifests", `{"manifestIds":[123456,654321]}`,
		func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ExportOrderManifestsWithResponse(ctx, gen.OrderManifestsExportRequest{ManifestIds: []int{123456, 654321}})
		}},
}

func templateRows() map[string]row {
	rows := map[string]row{}
	for op, tc := range templateDownloads {
		rows[op] = downloadRow(op, tc)
	}
	for op, tc := range templateJobs {
		rows[op] = templateJobRow(op, tc, http.MethodGet)
	}
	for _, op := range []string{"exportUsers", "exportSwitchableSellers"} {
		rows[op] = templateJobRow(op, sellerJobs[op], http.MethodPost)
	}
	for op, fe := range fileExports {
		rows[op] = fileExportRow(op, fe.path, fe.body, fe.call)
	}
	rows["listArchivedOrders"] = archivedOrdersRow
	return rows
}

var sellerJobs = map[string]templateCase{
	"exportUsers": {"/v2/export-users", nil, func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.ExportUsersWithResponse(ctx)
	}, []string{"UserId", "Name", "SellerId", "Status"}, ""},
	"exportSwitchableSellers": {"/v2/export-switchable-sellers", nil, func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.ExportSwitchableSellersWithResponse(ctx)
	}, []string{"UserId", "SellerId", "SellerName"}, ""},
}

// body is what every generated response has.
type bodied interface {
	GetBody() []byte
	StatusCode() int
}

// callOK makes a row's call on the mock, failing t unless it succeeds.
func callOK(t *testing.T, op string, e operationEnv, call func(ctx context.Context, c *gen.ClientWithResponses) (any, error)) bodied {
	t.Helper()
	resp, err := call(e.ctx, e.c.ClientWithResponses)
	if err != nil {
		t.Fatalf("%s() = %v, want success", op, err)
	}
	r := resp.(bodied)
	if err := sellercenter.Check(r, nil); err != nil {
		t.Fatalf("%s() = %v, want success", op, err)
	}
	return r
}

// csvTable reads a CSV file, failing t when it is not one.
func csvTable(t *testing.T, what string, b []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("%s = %q (%v), want a CSV file with a header", what, b, err)
	}
	return rows
}

func wantHeader(t *testing.T, what string, got [][]string, want []string) {
	t.Helper()
	if !slices.Equal(got[0], want) {
		t.Errorf("%s header = %q, want %q", what, got[0], want)
	}
}

// downloadRow is the row of a template the API answers directly.
func downloadRow(op string, tc templateCase) row {
	return row{
		call: tc.call, method: http.MethodGet, path: tc.path, query: tc.query,
		reply: reply{status: 200, raw: templateCSV, header: map[string]string{"Content-Type": "text/csv"}},
		check: func(t *testing.T, resp any) {
			r, ok := resp.(bodied)
			if !ok || !bytes.Equal(r.GetBody(), templateCSV) {
				t.Errorf("%s() body = %v, want the CSV sent", op, resp)
			}
		},
	}.withMock(readsOnly, func(t *testing.T, e operationEnv) {
		resp := callOK(t, op, e, tc.call)
		got := csvTable(t, op+"()", resp.GetBody())
		wantHeader(t, op+"()", got, tc.header)
		want, err := e.mock.Template(tc.kind, tc.query.Get("onlyActive") == "true")
		if err != nil || len(got) != len(want) {
			t.Errorf("%s() = %d rows, want mock.Template(%s)'s %d (%v)", op, len(got), tc.kind, len(want), err)
		}
		if op == "downloadPendingOrderItemsTemplate" {
			var ids []string
			for _, id := range e.mock.ItemIDs(gen.OrderItemStatusPending) {
				ids = append(ids, strconv.Itoa(id))
			}
			var gotIDs []string
			for _, r := range got[1:] {
				gotIDs = append(gotIDs, r[0])
			}
			if len(ids) == 0 || !slices.Equal(gotIDs, ids) {
				t.Errorf("%s() items = %v, want mock.ItemIDs(pending) = %v", op, gotIDs, ids)
			}
		}
	})
}

// templateJobRow is the row of a template or export made in the
// background: on the mock it waits for the job and reads its file.
func templateJobRow(op string, tc templateCase, method string) row {
	return row{
		call: tc.call, method: method, path: tc.path, query: tc.query,
		reply: reply{status: 201, fixture: templateJobFixture},
		check: func(t *testing.T, resp any) {
			j := jobOf(t, op, resp)
			eq(t, op+"().ExportItemId", j.ExportItemId, 852)
			eq(t, op+"().Uuid", j.Uuid, "78838546-777e-47c8-ba09-43d49bb9efa5")
		},
	}.withMock(mutates, func(t *testing.T, e operationEnv) {
		resp := callOK(t, op, e, tc.call)
		j := jobOf(t, op, resp)
		if x, err := e.mock.Export(j.ExportItemId); err != nil || x.Uuid != j.Uuid || x.Status != gen.ExportItemStatusQueued {
			t.Errorf("mock.Export(%d) = %q %s, %v; want a queued job with file %q", j.ExportItemId, x.Uuid, x.Status, err, j.Uuid)
		}
		x, err := e.c.WaitForExport(e.ctx, j.ExportItemId, sellercenter.ExportWait{Interval: time.Millisecond})
		if err != nil {
			t.Fatalf("WaitForExport(%d) = %v, want it finished", j.ExportItemId, err)
		}
		content, err := e.c.DownloadExport(e.ctx, x)
		if err != nil {
			t.Fatalf("DownloadExport(%d) = %v", j.ExportItemId, err)
		}
		wantHeader(t, op+"() file", csvTable(t, op+"() file", content), tc.header)
	})
}

// jobOf is the export job of a 200 or a 201 answer.
func jobOf(t *testing.T, op string, resp any) gen.ExportJob {
	t.Helper()
	r, ok := resp.(interface {
		GetJSON200() *gen.ExportQueued
		GetJSON201() *gen.ExportQueued
	})
	if !ok {
		t.Fatalf("%s() = %T, want a response with an export job", op, resp)
	}
	if j := r.GetJSON201(); j != nil {
		return *j
	}
	return deref(t, op+"().JSON200", r.GetJSON200())
}

// fileExportRow is the row of a statement export that answers a file
// manager uuid: on the mock the file finishes as it is polled.
func fileExportRow(op, path, body string, call func(ctx context.Context, c *gen.ClientWithResponses) (any, error)) row {
	fileOf := func(t *testing.T, resp any) gen.ExportFile {
		r, ok := resp.(interface{ GetJSON200() *gen.ExportFileQueued })
		if !ok {
			t.Fatalf("%s() = %T, want a response with a file", op, resp)
		}
		return deref(t, op+"().JSON200", r.GetJSON200())
	}
	return row{
		call: call, method: http.MethodPost, path: path, body: body,
		reply: reply{status: 200, fixture: "templates_export_file.json"},
		check: func(t *testing.T, resp any) {
			eq(t, op+"().FileUuid", fileOf(t, resp).FileUuid, fileUUID)
		},
	}.withMock(mutates, func(t *testing.T, e operationEnv) {
		resp := callOK(t, op, e, call)
		u := fileOf(t, resp).FileUuid
		status := gen.FileStatusProcessStatusQUEUED
		for i := 0; i < 5 && status != gen.FileStatusProcessStatusFINISHED; i++ {
			s, err := sellercenter.Result(e.c.GetFileStatusWithResponse(e.ctx, u))
			if err != nil {
				t.Fatalf("GetFileStatus(%s) = %v", u, err)
			}
			status = s.ProcessStatus
		}
		if status != gen.FileStatusProcessStatusFINISHED {
			t.Fatalf("GetFileStatus(%s) = %s after 5 polls, want FINISHED", u, status)
		}
		file, err := e.c.DownloadFileWithResponse(e.ctx, u)
		if err := sellercenter.Check(file, err); err != nil {
			t.Fatalf("DownloadFile(%s) = %v", u, err)
		}
		if got := csvTable(t, "DownloadFile("+u+")", file.Body); len(got[0]) < 2 {
			t.Errorf("DownloadFile(%s) header = %q, want the columns", u, got[0])
		}
	})
}

var archivedOrdersRow = row{
	call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
		return c.ListArchivedOrdersWithResponse(ctx, &gen.ListArchivedOrdersParams{OrderNr: "MY-32022990", Currency: "MYR",
			CreatedAtFrom: datetime.New(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)), Offset: 0, Limit: 10})
	},
	method: http.MethodGet, path: "/v2/archive/orders",
	query: url.Values{"orderNr": {"MY-32022990"}, "currency": {"MYR"}, "createdAtFrom": {"2020-01-01T00:00:00Z"}, "limit": {"10"}},
	reply: reply{status: 200, fixture: "templates_archived_orders.json"},
	check: func(t *testing.T, resp any) {
		p := deref(t, "ListArchivedOrders().JSON200", as[gen.ListArchivedOrdersResponse](t, resp).JSON200)
		eq(t, "ListArchivedOrders().JSON200.HasNext", p.HasNext, true)
		eq(t, "len(ListArchivedOrders().JSON200.Data)", len(p.Data), 1)
		o := p.Data[0]
		eq(t, "ListArchivedOrders().Data[0].OrderNr", o.OrderNr, "MY-32022990")
		eq(t, "ListArchivedOrders().Data[0].SalesOrderComment[0][content]", o.SalesOrderComment[0]["content"], any("Please gift wrap"))
		eq(t, "ListArchivedOrders().Data[0].OrderItemArchives[0][idSalesOrderItem]", o.OrderItemArchives[0]["idSalesOrderItem"], any(float64(5501)))
	},
	access: readsOnly,
	onMock: func(t *testing.T, e operationEnv) {
		orders, err := e.mock.Orders()
		if err != nil || len(orders) < 2 {
			t.Fatalf("mock.Orders() = %d, %v; want two or more", len(orders), err)
		}
		n := len(orders) - 1
		page, err := sellercenter.Result(e.c.ListArchivedOrdersWithResponse(e.ctx, &gen.ListArchivedOrdersParams{Limit: n}))
		if err != nil || len(page.Data) != n || !page.HasNext {
			t.Fatalf("ListArchivedOrders(limit %d) = %+v, %v; want %d orders and hasNext", n, page, err, n)
		}
		for i, o := range page.Data {
			if o.IdSalesOrder != orders[i].Id || o.OrderNr != orders[i].Number || len(o.OrderItemArchives) != len(orders[i].Items) {
				t.Errorf("ListArchivedOrders()[%d] = order %d %s with %d items, want mock order %d %s with %d",
					i, o.IdSalesOrder, o.OrderNr, len(o.OrderItemArchives), orders[i].Id, orders[i].Number, len(orders[i].Items))
			}
		}
	},
}
