package sellercentertest

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter/gen"
)

// TestTemplateTablesReadBack writes every template as CSV and as XLSX and
// reads it back with the reader of the mock's imports.
func TestTemplateTablesReadBack(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	for kind := range templates {
		for _, format := range []string{"csv", "xlsx"} {
			t.Run(kind+"."+format, func(t *testing.T) {
				t.Parallel()
				want, err := s.Template(kind, false)
				if err != nil {
					t.Fatalf("Template(%s) = %v", kind, err)
				}
				content, mime := encodeTable(want, format)
				got, gotFormat, gotMime, err := readTable("template."+format, content)
				if err != nil || gotFormat != format || gotMime != mime {
					t.Fatalf("readTable(%s) = format %s %s, %v; want %s %s", kind, gotFormat, gotMime, err, format, mime)
				}
				if len(got) != len(want) {
					t.Fatalf("readTable(%s) = %d rows, want %d", kind, len(got), len(want))
				}
				for i := range want {
					// XLSX drops trailing empty cells, as spreadsheet programs do.
					if w := trimRight(want[i]); !slices.Equal(trimRight(got[i]), w) {
						t.Errorf("row %d = %q, want %q", i, got[i], w)
					}
				}
			})
		}
	}
}

func trimRight(row []string) []string {
	for len(row) > 0 && row[len(row)-1] == "" {
		row = row[:len(row)-1]
	}
	return row
}

// TestTemplatesFitImports checks that the product templates carry the
// columns their import needs, so a filled-in template goes back up.
func TestTemplatesFitImports(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	for kind, action := range map[string]gen.FeedAction{
		tplStockUpdate:     gen.FeedActionProductStockUpdate,
		tplProductRemoval:  gen.FeedActionProductRemove,
		tplImageUpdate:     gen.FeedActionImage,
		tplPriceUpdate:     gen.FeedActionProductUpdate,
		tplProductCreation: gen.FeedActionProductCreate,
	} {
		table, err := s.Template(kind, false)
		if err != nil {
			t.Fatalf("Template(%s) = %v", kind, err)
		}
		for _, col := range importColumns[action] {
			if !slices.Contains(table[0], col) {
				t.Errorf("Template(%s) header = %q, want %s, which the %s import needs", kind, table[0], col, action)
			}
		}
	}
}

// TestTemplateAndExportValidation sends what the API refuses.
func TestTemplateAndExportValidation(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	tok := token(t, s)
	tests := []struct {
		name, method, path, body string
		status                   int
		want                     string
	}{
		{"unknown attribute set", http.MethodGet, "/v2/template/product-creation?attributeSetId=999999", "", 400, "attribute set 999999 does not exist"},
		{"refused pair", http.MethodGet, "/v2/template/order-status-change?type=order-items-status&status=shipped", "", 422, "cannot list status shipped"},
		{"unknown type", http.MethodGet, "/v2/template/order-status-change?type=orders&status=pending", "", 400, "type"},
		{"status missing", http.MethodGet, "/v2/template/order-status-change?type=order-items", "", 400, "status"},
		{"sales report without locale", http.MethodPost, "/v2/exports/sales-report", `{"currency":"MYR"}`, 400, `"propertyPath":"locale"`},
		{"sales report with a blank locale", http.MethodPost, "/v2/exports/sales-report", `{"locale":" ","currency":"MYR"}`, 400, "locale: This value should not be blank."},
		{"transactions without types", http.MethodPost, "/v2/exports/report-transactions", `{"locale":"en_US","currency":"MYR"}`, 400, "transactionTypeIds"},
		{"manifests by id and filter", http.MethodPost, "/v2/exports/order-manifests", `{"manifestIds":[1],"orderNumbers":["MY-1"]}`, 400, "either manifestIds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ct := ""
			if tt.body != "" {
				ct = "application/json"
			}
			status, _, body := call(t, s, tok, tt.method, tt.path, ct, tt.body)
			if status != tt.status || !strings.Contains(string(body), tt.want) {
				t.Errorf("%s %s = %d %s, want %d naming %q", tt.method, tt.path, status, body, tt.status, tt.want)
			}
		})
	}
}

// TestTemplateJobLifecycle follows an async template from its job to its
// file: queued, finished as it is polled, listed by listExports, and
// downloadable with the rows of the state.
func TestTemplateJobLifecycle(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	c := apiClient(t, s)
	ctx := t.Context()
	resp, err := c.ExportOrderStatusChangeTemplateWithResponse(ctx, &gen.ExportOrderStatusChangeTemplateParams{
		Type: gen.OrderTemplateTypeOrderNumbers, Status: gen.OrderTemplateStatusPending})
	if err != nil || resp.JSON201 == nil {
		t.Fatalf("ExportOrderStatusChangeTemplate() = %v, %s; want 201", err, resp.Body)
	}
	job := *resp.JSON201
	var x gen.ExportItem
	for i := 0; i < 3 && x.Status != gen.ExportItemStatusFinished; i++ {
		r, err := c.GetExportWithResponse(ctx, job.ExportItemId)
		if err != nil || r.JSON200 == nil {
			t.Fatalf("GetExport(%d) = %v, %s", job.ExportItemId, err, r.Body)
		}
		x = *r.JSON200
	}
	if x.Status != gen.ExportItemStatusFinished || x.Uuid != job.Uuid || x.ExportContent != "Order status change template" ||
		len(x.DownloadLinks) != 1 || !strings.HasSuffix(x.DownloadLinks[0], job.Uuid) {
		t.Fatalf("GetExport(%d) = %+v, want it finished with a link to %s", job.ExportItemId, x, job.Uuid)
	}
	list, err := c.ListExportsWithResponse(ctx, &gen.ListExportsParams{Limit: 20, ExportActions: []gen.ExportAction{gen.ExportActionOrderImportTemplate}})
	if err != nil || list.JSON200 == nil || !slices.ContainsFunc(list.JSON200.Items, func(e gen.ExportItem) bool { return e.Id == job.ExportItemId }) {
		t.Errorf("ListExports(OrderImportTemplate) = %v, %s; want export %d", err, list.Body, job.ExportItemId)
	}
	file, err := c.DownloadFileWithResponse(ctx, job.Uuid)
	if err != nil || file.StatusCode() != http.StatusOK {
		t.Fatalf("DownloadFile(%s) = %v, %d", job.Uuid, err, file.StatusCode())
	}
	var pending []string
	for _, o := range mustOrders(t, s) {
		if slices.ContainsFunc(o.Items, func(it gen.OrderItem) bool { return it.Status == gen.OrderItemStatusPending }) {
			pending = append(pending, o.Number)
		}
	}
	if want := "Order Number\n" + strings.Join(pending, "\n") + "\n"; string(file.Body) != want || len(pending) == 0 {
		t.Errorf("the template = %q, want the orders with pending items %q", file.Body, want)
	}
}

func mustOrders(t *testing.T, s *Server) []gen.Order {
	t.Helper()
	orders, err := s.Orders()
	if err != nil {
		t.Fatalf("Orders() = %v", err)
	}
	return orders
}

// TestUserExportsFollowTheUsers exports the users and the sellers they may
// switch to: the files list the users area's state, a new user included.
func TestUserExportsFollowTheUsers(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	c := apiClient(t, s)
	ctx := t.Context()
	created, err := c.CreateUserWithResponse(ctx, gen.UserCreate{Name: "Nia New", Email: "nia@example.com", AclRoleId: 3,
		LanguageId: 1, SellerId: 4089, Status: gen.UserStatusActive, SwitchableSellerIds: []int{4090}})
	if err != nil || created.StatusCode() != http.StatusCreated {
		t.Fatalf("CreateUser() = %v, %s", err, created.Body)
	}
	download := func(job gen.ExportJob) string {
		t.Helper()
		for range 3 {
			if _, err := c.GetExportWithResponse(ctx, job.ExportItemId); err != nil {
				t.Fatal(err)
			}
		}
		file, err := c.DownloadFileWithResponse(ctx, job.Uuid)
		if err != nil || file.StatusCode() != http.StatusOK {
			t.Fatalf("DownloadFile(%s) = %v, %d", job.Uuid, err, file.StatusCode())
		}
		return string(file.Body)
	}
	users, err := c.ExportUsersWithResponse(ctx)
	if err != nil || users.JSON201 == nil {
		t.Fatalf("ExportUsers() = %v, %s", err, users.Body)
	}
	got := download(*users.JSON201)
	for _, want := range []string{"UserId,Name,SellerId,Status\n", ",Mock Admin,", ",Olly Orders,", ",Nia New,"} {
		if !strings.Contains(got, want) {
			t.Errorf("the users export = %q, want it to contain %q", got, want)
		}
	}
	switchable, err := c.ExportSwitchableSellersWithResponse(ctx)
	if err != nil || switchable.JSON201 == nil {
		t.Fatalf("ExportSwitchableSellers() = %v, %s", err, switchable.Body)
	}
	if got := download(*switchable.JSON201); !strings.Contains(got, ",4090,") || strings.Count(got, "\n") < 3 {
		t.Errorf("the switchable sellers export = %q, want a row per user and seller, 4090 among them", got)
	}
}
