package sellercenter_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
)

// Seeded seller-account data of the mock the rows rely on.
const (
	homeSellerID  = 4089 // the seller the mock's tokens act for until a switch
	otherSellerID = 4090 // a seller the user may switch to, with a pending contract
	textFieldID   = 12   // the return address, a text profile field
	fileFieldID   = 14   // the business licence, a file profile field
)

var profileFileParts = []part{
	{name: "file1", filename: "licence.pdf", contentType: "application/pdf", content: "%PDF-1.4\n%%EOF\n"},
}

// fieldValue returns the value of a profile field in values, or "" and
// false.
func fieldValue(values []gen.ProfileFieldValue, id int) (string, bool) {
	i := slices.IndexFunc(values, func(v gen.ProfileFieldValue) bool { return v.Id == id })
	if i < 0 {
		return "", false
	}
	return values[i].Value, true
}

// pendingIDs returns the ids of the contracts not yet accepted.
func pendingIDs(cs []gen.SellerContract) []int {
	var ids []int
	for _, c := range cs {
		if c.ApprovedAt == nil {
			ids = append(ids, c.ContractId)
		}
	}
	return ids
}

// sellerRows are the operations of the seller area; see row in operations_test.go.
var sellerRows = map[string]row{
	"getSellerSettings": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetSellerSettingsWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/seller-settings",
		reply: reply{status: 200, fixture: "seller_settings.json"},
		check: func(t *testing.T, resp any) {
			s := deref(t, "GetSellerSettings().JSON200", as[gen.GetSellerSettingsResponse](t, resp).JSON200)
			eq(t, `GetSellerSettings().JSON200["format/date"]`, s["format/date"], any("MMM d, yyyy"))
			eq(t, `GetSellerSettings().JSON200["daily_order_limit"]`, s["daily_order_limit"], any(10000.0))
			v, ok := s["document_number"]
			eq(t, `GetSellerSettings().JSON200 has document_number`, ok, true)
			eq(t, `GetSellerSettings().JSON200["document_number"]`, v, nil)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			got, err := sellercenter.Result(e.c.GetSellerSettingsWithResponse(e.ctx))
			if err != nil {
				t.Fatalf("GetSellerSettings() = %v", err)
			}
			want, err := e.mock.SellerSettings()
			if err != nil || len(want) == 0 || !slices.Equal(sortedKeys(*got), sortedKeys(want)) {
				t.Errorf("GetSellerSettings() keys = %v, want mock.SellerSettings()'s %v (%v)", sortedKeys(*got), sortedKeys(want), err)
			}
		},
	},
	"listSellerConfigurationFields": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListSellerConfigurationFieldsWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/seller-configuration-fields",
		reply: reply{status: 200, fixture: "seller_configuration_fields.json"},
		check: func(t *testing.T, resp any) {
			fs := deref(t, "ListSellerConfigurationFields().JSON200", as[gen.ListSellerConfigurationFieldsResponse](t, resp).JSON200)
			eq(t, "len(ListSellerConfigurationFields().JSON200)", len(fs), 1)
			eq(t, "ListSellerConfigurationFields().JSON200[0].FieldIdentifier", fs[0].FieldIdentifier, "account_manager")
			eq(t, "ListSellerConfigurationFields().JSON200[0].IsUsedInConsignmentFormulas", fs[0].IsUsedInConsignmentFormulas, true)
			eq(t, "ListSellerConfigurationFields().JSON200[0].Options", strings.Join(fs[0].Options, ","), "Yes,No")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			got, err := sellercenter.Result(e.c.ListSellerConfigurationFieldsWithResponse(e.ctx))
			if err != nil {
				t.Fatalf("ListSellerConfigurationFields() = %v", err)
			}
			values, err := e.mock.SellerProfileFieldValues(homeSellerID)
			if err != nil {
				t.Fatal(err)
			}
			// Every value the profile has belongs to a listed field.
			for _, v := range values {
				if !slices.ContainsFunc(*got, func(f gen.SellerConfigurationField) bool { return f.Id == v.Id }) {
					t.Errorf("ListSellerConfigurationFields() lacks field %d, which has a value", v.Id)
				}
			}
			if !slices.ContainsFunc(*got, func(f gen.SellerConfigurationField) bool { return f.Id == fileFieldID && f.Type == "File" }) {
				t.Errorf("ListSellerConfigurationFields() = %+v, want file field %d", *got, fileFieldID)
			}
		},
	},
	"listSellerProfileFieldValues": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListSellerProfileFieldValuesWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/seller/profile/field-values",
		reply: reply{status: 200, fixture: "seller_profile_field_values.json"},
		check: func(t *testing.T, resp any) {
			vs := deref(t, "ListSellerProfileFieldValues().JSON200", as[gen.ListSellerProfileFieldValuesResponse](t, resp).JSON200)
			eq(t, "len(ListSellerProfileFieldValues().JSON200)", len(vs), 2)
			eq(t, "ListSellerProfileFieldValues().JSON200[0].Value", vs[0].Value, "000-111-222-33345")
			var file struct{ OriginalName string }
			if err := json.Unmarshal([]byte(vs[1].Value), &file); err != nil || file.OriginalName != "licence.pdf" {
				t.Errorf("ListSellerProfileFieldValues().JSON200[1].Value = %q (%v), want JSON text naming licence.pdf", vs[1].Value, err)
			}
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			got, err := sellercenter.Result(e.c.ListSellerProfileFieldValuesWithResponse(e.ctx))
			if err != nil {
				t.Fatalf("ListSellerProfileFieldValues() = %v", err)
			}
			want, err := e.mock.SellerProfileFieldValues(homeSellerID)
			if err != nil || len(want) == 0 || !slices.Equal(*got, want) {
				t.Errorf("ListSellerProfileFieldValues() = %v, want mock's %v (%v)", *got, want, err)
			}
		},
	},
	"updateSellerProfile": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.UpdateSellerProfileWithResponse(ctx, gen.UpdateSellerProfileJSONRequestBody{{Id: 123, Value: "000-111-222-33345"}})
		},
		method: http.MethodPut, path: "/v2/seller/profile/general",
		body:  `[{"id":123,"value":"000-111-222-33345"}]`,
		reply: reply{status: 200, fixture: "seller_profile_update.json"},
		check: func(t *testing.T, resp any) {
			vs := deref(t, "UpdateSellerProfile(123).JSON200", as[gen.UpdateSellerProfileResponse](t, resp).JSON200)
			eq(t, "len(UpdateSellerProfile(123).JSON200)", len(vs), 1)
			eq(t, "UpdateSellerProfile(123).JSON200[0].Id", vs[0].Id, 123)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			addr := "Lot 9, Jalan Contract, 50450 Kuala Lumpur"
			if _, err := sellercenter.Result(e.c.UpdateSellerProfileWithResponse(e.ctx, gen.UpdateSellerProfileJSONRequestBody{{Id: textFieldID, Value: addr}})); err != nil {
				t.Fatalf("UpdateSellerProfile(%d) = %v", textFieldID, err)
			}
			got, err := sellercenter.Result(e.c.ListSellerProfileFieldValuesWithResponse(e.ctx))
			if err != nil {
				t.Fatal(err)
			}
			if v, _ := fieldValue(*got, textFieldID); v != addr {
				t.Errorf("field %d after UpdateSellerProfile = %q, want %q", textFieldID, v, addr)
			}
			// The same profile field shows in getSeller.
			s, err := e.mock.Seller()
			if err != nil || !slices.ContainsFunc(s.ProfileFields, func(p gen.ProfileField) bool { return p.Value == addr }) {
				t.Errorf("mock.Seller().ProfileFields = %v (%v), want one with %q", s.ProfileFields, err, addr)
			}
		},
	},
	"uploadSellerProfileFile": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			body, contentType, err := multipartBody(profileFileParts)
			if err != nil {
				return nil, err
			}
			return c.UploadSellerProfileFileWithBodyWithResponse(ctx, 124, contentType, body)
		},
		method: http.MethodPost, path: "/v2/seller/profile/field/124/upload",
		parts: profileFileParts,
		reply: reply{status: 200, fixture: "seller_profile_upload.json"},
		check: func(t *testing.T, resp any) {
			vs := deref(t, "UploadSellerProfileFile(124).JSON200", as[gen.UploadSellerProfileFileResponse](t, resp).JSON200)
			eq(t, "UploadSellerProfileFile(124).JSON200[0].Id", vs[0].Id, 124)
			eq(t, "UploadSellerProfileFile(124).JSON200[0].Value names the file", strings.Contains(vs[0].Value, `"originalName":"licence.pdf"`), true)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			ct, body := multipartForm(t, nil, "file1", "ssm-licence.pdf", []byte("%PDF-1.4\n%%EOF\n"))
			if _, err := sellercenter.Result(e.c.UploadSellerProfileFileWithBodyWithResponse(e.ctx, fileFieldID, ct, body)); err != nil {
				t.Fatalf("UploadSellerProfileFile(%d) = %v", fileFieldID, err)
			}
			values, err := e.mock.SellerProfileFieldValues(homeSellerID)
			if err != nil {
				t.Fatal(err)
			}
			v, _ := fieldValue(values, fileFieldID)
			var file struct{ OriginalName, URL string }
			if err := json.Unmarshal([]byte(v), &file); err != nil || file.OriginalName != "ssm-licence.pdf" || file.URL == "" {
				t.Errorf("field %d after the upload = %q (%v), want JSON text with originalName ssm-licence.pdf and a url", fileFieldID, v, err)
			}
		},
	},
	"listSellerExternalFiles": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListSellerExternalFilesWithResponse(ctx, &gen.ListSellerExternalFilesParams{
				Limit: 20, Offset: 10,
				Sort: gen.ListSellerExternalFilesParamsSortUploadedAt, SortDir: gen.ListSellerExternalFilesParamsSortDirDESC,
			})
		},
		method: http.MethodGet, path: "/v2/seller/profile/external-files",
		query: url.Values{"limit": {"20"}, "offset": {"10"}, "sort": {"uploadedAt"}, "sortDir": {"DESC"}},
		reply: reply{status: 200, fixture: "seller_external_files.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "ListSellerExternalFiles().JSON200", as[gen.ListSellerExternalFilesResponse](t, resp).JSON200)
			eq(t, "ListSellerExternalFiles().JSON200.Pagination.TotalCount", p.Pagination.TotalCount, 100)
			eq(t, "ListSellerExternalFiles().JSON200.Items[0].FileType", p.Items[0].FileType, gen.SellerExternalFileFileTypeGeneric)
			at(t, "ListSellerExternalFiles().JSON200.Items[0].UploadedAt", p.Items[0].UploadedAt, time.Date(2024, 10, 8, 13, 35, 17, 0, time.UTC))
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			got, err := sellercenter.Result(e.c.ListSellerExternalFilesWithResponse(e.ctx, &gen.ListSellerExternalFilesParams{
				Limit: 2, Sort: gen.ListSellerExternalFilesParamsSortUploadedAt, SortDir: gen.ListSellerExternalFilesParamsSortDirDESC,
			}))
			if err != nil {
				t.Fatalf("ListSellerExternalFiles(limit 2, newest first) = %v", err)
			}
			if len(got.Items) != 2 || got.Pagination.TotalCount <= 2 || got.Items[0].UploadedAt.Before(got.Items[1].UploadedAt.Time) {
				t.Errorf("ListSellerExternalFiles(limit 2, newest first) = %+v, want the 2 newest of more", *got)
			}
			for _, f := range got.Items {
				if !strings.HasPrefix(f.DownloadUrl, "https://") {
					t.Errorf("ListSellerExternalFiles() %s downloadUrl = %q, want a link", f.FileName, f.DownloadUrl)
				}
			}
		},
	},
	"listSellerCommissions": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListSellerCommissionsWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/seller/commissions",
		reply: reply{status: 200, fixture: "seller_commissions.json"},
		check: func(t *testing.T, resp any) {
			l := deref(t, "ListSellerCommissions().JSON200", as[gen.ListSellerCommissionsResponse](t, resp).JSON200)
			eq(t, "len(ListSellerCommissions().JSON200.Items)", len(l.Items), 2)
			isNil(t, "ListSellerCommissions().JSON200.Items[0].SellerDescription", l.Items[0].SellerDescription)
			eq(t, "ListSellerCommissions().JSON200.Items[1].SellerDescription", deref(t, "Items[1].SellerDescription", l.Items[1].SellerDescription), "Agreed for 2024")
			eq(t, "ListSellerCommissions().JSON200.Items[1].Value", l.Items[1].Value, 12.5)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			got, err := sellercenter.Result(e.c.ListSellerCommissionsWithResponse(e.ctx))
			if err != nil {
				t.Fatalf("ListSellerCommissions() = %v", err)
			}
			if len(got.Items) == 0 || got.Items[0].Value <= 0 {
				t.Errorf("ListSellerCommissions() = %+v, want the seeded rates", got.Items)
			}
		},
	},
	"listSellerPayouts": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListSellerPayoutsWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/seller/payout",
		reply: reply{status: 200, fixture: "seller_payouts.json"},
		check: func(t *testing.T, resp any) {
			ps := deref(t, "ListSellerPayouts().JSON200", as[gen.ListSellerPayoutsResponse](t, resp).JSON200)
			eq(t, "ListSellerPayouts().JSON200[0].StatementNumber", ps[0].StatementNumber, "TEST1234-20221122")
			sameAmount(t, "ListSellerPayouts().JSON200[0].Payout", ps[0].Payout, "1092.08")
			sameAmount(t, "ListSellerPayouts().JSON200[0].Refunds", ps[0].Refunds, "-89")
			eq(t, "ListSellerPayouts().JSON200[0].Paid", ps[0].Paid, true)
			at(t, "ListSellerPayouts().JSON200[0].CreatedAt", ps[0].CreatedAt, time.Date(2022, 11, 1, 3, 33, 47, 0, time.UTC))
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			got, err := sellercenter.Result(e.c.ListSellerPayoutsWithResponse(e.ctx))
			if err != nil {
				t.Fatalf("ListSellerPayouts() = %v", err)
			}
			for _, p := range *got {
				if p.StatementNumber == "" || p.Payout.Cmp(p.ClosingBalance.Sub(p.GuaranteeDeposit)) != 0 {
					t.Errorf("ListSellerPayouts() entry %+v: want a statement number and payout = closing balance - deposit", p)
				}
			}
			if len(*got) == 0 {
				t.Error("ListSellerPayouts() = [], want the seeded statements")
			}
		},
	},
	"listSellerRatings": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListSellerRatingsWithResponse(ctx, &gen.ListSellerRatingsParams{
				From: datetime.Date(2020, 1, 1), To: datetime.New(time.Date(2023, 1, 1, 0, 0, 0, 0, plus2)),
			})
		},
		method: http.MethodGet, path: "/v2/seller-rating",
		query: url.Values{"from": {"2020-01-01"}, "to": {"2023-01-01T00:00:00+02:00"}},
		reply: reply{status: 200, fixture: "seller_ratings.json"},
		check: func(t *testing.T, resp any) {
			rs := deref(t, "ListSellerRatings().JSON200", as[gen.ListSellerRatingsResponse](t, resp).JSON200)
			eq(t, "ListSellerRatings().JSON200[0].OverallScore", rs[0].OverallScore, 10.0)
			eq(t, "ListSellerRatings().JSON200[0].Kpis[0].KpiUnit", rs[0].Kpis[0].KpiUnit, "hrs")
			eq(t, "ListSellerRatings().JSON200[0].Kpis[0].Period", rs[0].Kpis[0].Period, 30)
			at(t, "ListSellerRatings().JSON200[0].EndDate", rs[0].EndDate, time.Date(2022, 5, 22, 23, 59, 59, 0, time.UTC))
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			all, err := e.mock.SellerRatings(homeSellerID)
			if err != nil || len(all) < 2 {
				t.Fatalf("mock.SellerRatings(%d) = %v, %v; want two or more", homeSellerID, all, err)
			}
			newest := all[0].EndDate
			got, err := sellercenter.Result(e.c.ListSellerRatingsWithResponse(e.ctx, &gen.ListSellerRatingsParams{From: newest}))
			if err != nil || len(*got) != 1 || !(*got)[0].EndDate.Equal(newest.Time) {
				t.Errorf("ListSellerRatings(from %v) = %v, %v; want the newest rating only", newest, got, err)
			}
		},
	},
	"updateSellerCustomKpis": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.UpdateSellerCustomKpisWithResponse(ctx, gen.UpdateSellerCustomKpisJSONRequestBody{
				{ExternalKpiName: "Operational Score", SellerShortCode: "NG1003C", Value: 50},
			})
		},
		method: http.MethodPut, path: "/v2/seller-rating/custom-kpi",
		body:  `[{"externalKpiName":"Operational Score","sellerShortCode":"NG1003C","value":50}]`,
		reply: reply{status: 200, fixture: "seller_custom_kpi.json"},
		check: func(t *testing.T, resp any) {
			r := deref(t, "UpdateSellerCustomKpis().JSON200", as[gen.UpdateSellerCustomKpisResponse](t, resp).JSON200)
			v, err := r.AsCustomKpiValue()
			if err != nil {
				t.Fatalf("UpdateSellerCustomKpis().JSON200.AsCustomKpiValue() = %v", err)
			}
			eq(t, "UpdateSellerCustomKpis().JSON200.SellerShortCode", v.SellerShortCode, "NG1003C")
			eq(t, "UpdateSellerCustomKpis().JSON200.Value", v.Value, 50.0)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			s, err := e.mock.Seller()
			if err != nil {
				t.Fatal(err)
			}
			kpi := gen.CustomKpiValue{ExternalKpiName: "Operational Score", SellerShortCode: s.ShortCode, Value: 72.5}
			r, err := sellercenter.Result(e.c.UpdateSellerCustomKpisWithResponse(e.ctx, gen.UpdateSellerCustomKpisJSONRequestBody{kpi}))
			if err != nil {
				t.Fatalf("UpdateSellerCustomKpis(%+v) = %v", kpi, err)
			}
			if v, err := r.AsCustomKpiValue(); err != nil || v != kpi {
				t.Errorf("UpdateSellerCustomKpis() answer = %+v (%v), want %+v", v, err, kpi)
			}
			if got := e.mock.CustomKpis(); !slices.Contains(got, kpi) {
				t.Errorf("mock.CustomKpis() = %v, want %+v", got, kpi)
			}
			rs, err := sellercenter.Result(e.c.ListSellerRatingsWithResponse(e.ctx, &gen.ListSellerRatingsParams{}))
			if err != nil || len(*rs) == 0 || !slices.ContainsFunc((*rs)[0].Kpis, func(k gen.SellerRatingKpi) bool {
				return k.Name == kpi.ExternalKpiName && k.KpiValue == kpi.Value
			}) {
				t.Errorf("ListSellerRatings() after the write = %v, %v; want the newest rating with the custom KPI", rs, err)
			}
		},
	},
	"getSellerStatistics": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetSellerStatisticsWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/seller-statistics",
		reply: reply{status: 200, fixture: "seller_statistics.json"},
		check: func(t *testing.T, resp any) {
			ss := deref(t, "GetSellerStatistics().JSON200", as[gen.GetSellerStatisticsResponse](t, resp).JSON200)
			r := ss[0].Result
			eq(t, "GetSellerStatistics().JSON200[0].Result.Products.Total", r.Products.Total, 131)
			active, err := deref(t, "Products.Status.Active", r.Products.Status.Active).AsSellerStatisticNumber()
			eq(t, "Products.Status.Active as a number", active, 22)
			eq(t, "Products.Status.Active error", err, nil)
			poor, err := deref(t, "Products.Status.PoorQuality", r.Products.Status.PoorQuality).AsSellerStatisticText()
			eq(t, "Products.Status.PoorQuality as text", poor, "9")
			eq(t, "Products.Status.PoorQuality error", err, nil)
			eq(t, "GetSellerStatistics().JSON200[0].Result.Orders.Total", r.Orders.Total, 12)
			eq(t, "GetSellerStatistics().JSON200[0].Result.OrdersItemsPending.Older", r.OrdersItemsPending.Older, 4)
			eq(t, "GetSellerStatistics().JSON200[0].Result.AccountHealth.Alltime.ReturnPercentage.Text", r.AccountHealth.Alltime.ReturnPercentage.Text, "Average")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			got, err := sellercenter.Result(e.c.GetSellerStatisticsWithResponse(e.ctx))
			if err != nil || len(*got) != 1 {
				t.Fatalf("GetSellerStatistics() = %v, %v; want one entry", got, err)
			}
			orders, err := e.mock.Orders()
			if err != nil {
				t.Fatal(err)
			}
			if want := len(orders); (*got)[0].Result.Orders.Total != want || want == 0 {
				t.Errorf("GetSellerStatistics() orders total = %d, want mock.Orders()'s %d", (*got)[0].Result.Orders.Total, want)
			}
			pending := len(e.mock.ItemIDs(gen.OrderItemStatusPending))
			if p := (*got)[0].Result.OrdersItemsPending; p.Today+p.Yesterday+p.Older != pending {
				t.Errorf("GetSellerStatistics() pending items = %+v, want %d in all", p, pending)
			}
		},
	},
	"listSellerMetrics": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListSellerMetricsWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/seller-metrics",
		reply: reply{status: 200, fixture: "seller_metrics.json"},
		check: func(t *testing.T, resp any) {
			ms := deref(t, "ListSellerMetrics().JSON200", as[gen.ListSellerMetricsResponse](t, resp).JSON200)
			eq(t, "ListSellerMetrics().JSON200[1].StatisticType", ms[1].StatisticType, gen.SellerMetricsStatisticTypeAlltime)
			eq(t, "ListSellerMetrics().JSON200[1].Orders", ms[1].Orders, 254)
			sameAmount(t, "ListSellerMetrics().JSON200[0].SalesTotal", ms[0].SalesTotal, "2500.4")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			got, err := sellercenter.Result(e.c.ListSellerMetricsWithResponse(e.ctx))
			if err != nil || len(*got) == 0 {
				t.Fatalf("ListSellerMetrics() = %v, %v; want the seeded periods", got, err)
			}
			if !slices.ContainsFunc(*got, func(m gen.SellerMetrics) bool { return m.StatisticType == gen.SellerMetricsStatisticTypeAlltime }) {
				t.Errorf("ListSellerMetrics() = %+v, want an alltime entry", *got)
			}
		},
	},
	"listPendingSellerContracts": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListPendingSellerContractsWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/seller-contracts/pending",
		reply: reply{status: 200, fixture: "seller_contracts_pending.json"},
		check: func(t *testing.T, resp any) {
			cs := deref(t, "ListPendingSellerContracts().JSON200", as[gen.ListPendingSellerContractsResponse](t, resp).JSON200)
			eq(t, "ListPendingSellerContracts().JSON200[0].ContractId", cs[0].ContractId, 123)
			eq(t, "ListPendingSellerContracts().JSON200[0].Type", cs[0].Type, gen.SellerContractTypeTerms)
			isNil(t, "ListPendingSellerContracts().JSON200[0].ApprovedAt", cs[0].ApprovedAt)
			at(t, "ListPendingSellerContracts().JSON200[0].ExpirationDate", cs[0].ExpirationDate, time.Date(2022, 11, 1, 3, 33, 47, 0, time.UTC))
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			got, err := sellercenter.Result(e.c.ListPendingSellerContractsWithResponse(e.ctx))
			if err != nil {
				t.Fatalf("ListPendingSellerContracts() = %v", err)
			}
			all, err := e.mock.SellerContracts(homeSellerID)
			if want := pendingIDs(all); err != nil || len(want) == 0 || !slices.Equal(pendingIDs(*got), want) {
				t.Errorf("ListPendingSellerContracts() ids = %v, want the mock's pending %v (%v)", pendingIDs(*got), want, err)
			}
		},
	},
	"acceptSellerContracts": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.AcceptSellerContractsWithResponse(ctx, gen.SellerContractIds{ContractIds: []int{123456, 654321}})
		},
		method: http.MethodPost, path: "/v2/seller-contracts/accept",
		body:  `{"contractIds":[123456,654321]}`,
		reply: reply{status: 200, fixture: "seller_contracts_accepted.json"},
		check: func(t *testing.T, resp any) {
			ids := deref(t, "AcceptSellerContracts().JSON200", as[gen.AcceptSellerContractsResponse](t, resp).JSON200)
			eq(t, "AcceptSellerContracts().JSON200.ContractIds", slices.Equal(ids.ContractIds, []int{123456, 654321}), true)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			before, err := e.mock.SellerContracts(homeSellerID)
			pending := pendingIDs(before)
			if err != nil || len(pending) < 2 {
				t.Fatalf("mock.SellerContracts(%d) pending = %v, %v; want two or more", homeSellerID, pending, err)
			}
			first := pending[0]
			got, err := sellercenter.Result(e.c.AcceptSellerContractsWithResponse(e.ctx, gen.SellerContractIds{ContractIds: []int{first}}))
			if err != nil || !slices.Equal(got.ContractIds, []int{first}) {
				t.Fatalf("AcceptSellerContracts(%d) = %v, %v", first, got, err)
			}
			after, err := e.mock.SellerContracts(homeSellerID)
			if err != nil || !slices.Equal(pendingIDs(after), pending[1:]) {
				t.Errorf("pending contracts after accepting %d = %v, %v; want %v", first, pendingIDs(after), err, pending[1:])
			}
		},
	},
	"listSellers": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListSellersWithResponse(ctx, &gen.ListSellersParams{
				SellerSrcId: "131", Ids: []int{32, 33}, Uuids: []string{"093a9e34-xxxx-xxxx-xxxx-53766e338abf"},
				ShortCodes: []string{"CI100AA"}, Name: "GFG", OnlyActive: true, Limit: 20, Offset: 10,
			})
		},
		method: http.MethodGet, path: "/v2/sellers",
		query: url.Values{"sellerSrcId": {"131"}, "ids[]": {"32", "33"}, "uuids[]": {"093a9e34-xxxx-xxxx-xxxx-53766e338abf"},
			"shortCodes[]": {"CI100AA"}, "name": {"GFG"}, "onlyActive": {"true"}, "limit": {"20"}, "offset": {"10"}},
		literal: []string{"ids[]=32&ids[]=33"},
		reply:   reply{status: 200, fixture: "seller_list.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "ListSellers().JSON200", as[gen.ListSellersResponse](t, resp).JSON200)
			eq(t, "ListSellers().JSON200.Items[0].ShortCode", p.Items[0].ShortCode, "CI100AA")
			eq(t, "ListSellers().JSON200.Pagination.HasNext", p.Pagination.HasNext, false)
			eq(t, "ListSellers().JSON200.Pagination.Offset", p.Pagination.Offset, 10)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			others, err := e.mock.SwitchableSellers()
			if err != nil {
				t.Fatal(err)
			}
			active := 1 // the home seller
			for _, s := range others {
				if s.Status == gen.SellerStatusActive {
					active++
				}
			}
			page, err := sellercenter.Result(e.c.ListSellersWithResponse(e.ctx, &gen.ListSellersParams{OnlyActive: true, Limit: 1}))
			if err != nil || len(page.Items) != 1 || page.Items[0].Id != homeSellerID || page.Pagination.HasNext != (active > 1) {
				t.Errorf("ListSellers(onlyActive, limit 1) = %+v, %v; want home seller %d, hasNext %v", page, err, homeSellerID, active > 1)
			}
		},
	},
	"getSellerById": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetSellerByIdWithResponse(ctx, 32)
		},
		method: http.MethodGet, path: "/v2/sellers/32",
		reply: reply{status: 200, fixture: "seller.json"},
		check: func(t *testing.T, resp any) {
			s := deref(t, "GetSellerById(32).JSON200", as[gen.GetSellerByIdResponse](t, resp).JSON200)
			eq(t, "GetSellerById(32).JSON200.Id", s.Id, 32)
			eq(t, "GetSellerById(32).JSON200.TaxClass", s.TaxClass, "national")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			got, err := sellercenter.Result(e.c.GetSellerByIdWithResponse(e.ctx, otherSellerID))
			if err != nil || got.Id != otherSellerID || got.ShortCode == "" {
				t.Errorf("GetSellerById(%d) = %+v, %v; want that seller", otherSellerID, got, err)
			}
		},
	},
	"switchSeller": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.SwitchSellerWithResponse(ctx, 32)
		},
		method: http.MethodPost, path: "/v2/sellers/32/switch",
		reply: reply{status: 200, fixture: "seller_switch.json"},
		check: func(t *testing.T, resp any) {
			r := deref(t, "SwitchSeller(32).JSON200", as[gen.SwitchSellerResponse](t, resp).JSON200)
			eq(t, "SwitchSeller(32).JSON200.Success", r.Success, true)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			r, err := sellercenter.Result(e.c.SwitchSellerWithResponse(e.ctx, otherSellerID))
			if err != nil || !r.Success {
				t.Fatalf("SwitchSeller(%d) = %v, %v", otherSellerID, r, err)
			}
			if got := e.mock.SelectedSeller(); got != otherSellerID {
				t.Errorf("mock.SelectedSeller() = %d, want %d", got, otherSellerID)
			}
			// The token the client holds still acts for the home seller ...
			home, err := sellercenter.Result(e.c.GetSellerWithResponse(e.ctx))
			if err != nil || home.Id != homeSellerID {
				t.Errorf("GetSeller() with the old token = %v, %v; want seller %d", home, err, homeSellerID)
			}
			// ... and a new token acts for the other one.
			fresh := newContractClient(t, e.mock, nil)
			other, err := sellercenter.Result(fresh.GetSellerWithResponse(e.ctx))
			if err != nil || other.Id != otherSellerID {
				t.Errorf("GetSeller() with a new token = %v, %v; want seller %d", other, err, otherSellerID)
			}
			pending, err := sellercenter.Result(fresh.ListPendingSellerContractsWithResponse(e.ctx))
			if err != nil || len(*pending) == 0 || (*pending)[0].SellerId != otherSellerID {
				t.Errorf("ListPendingSellerContracts() with a new token = %v, %v; want seller %d's", pending, err, otherSellerID)
			}
		},
	},
	"getCreditNoteSettings": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetCreditNoteSettingsWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/sellers/credit-note-settings",
		reply: reply{status: 200, fixture: "seller_credit_note_settings.json"},
		check: func(t *testing.T, resp any) {
			s := deref(t, "GetCreditNoteSettings().JSON200", as[gen.GetCreditNoteSettingsResponse](t, resp).JSON200)
			eq(t, "GetCreditNoteSettings().JSON200.Prefix", s.Prefix, "ABC")
			eq(t, "GetCreditNoteSettings().JSON200.NextNumber", s.NextNumber, 123)
			eq(t, "GetCreditNoteSettings().JSON200.NextFormatedValue", s.NextFormatedValue, "CNCODEABC123")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			got, err := sellercenter.Result(e.c.GetCreditNoteSettingsWithResponse(e.ctx))
			if want := e.mock.CreditNoteSettings(); err != nil || *got != want || want.Prefix == "" {
				t.Errorf("GetCreditNoteSettings() = %+v, %v; want mock's %+v", got, err, want)
			}
		},
	},
	"updateCreditNoteSettings": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.UpdateCreditNoteSettingsWithResponse(ctx, gen.CreditNoteSettingsUpdate{
				GenerationType: gen.CreditNoteSettingsUpdateGenerationTypeAutoincrementNumber, Prefix: "ABC", NextNumber: 123,
			})
		},
		method: http.MethodPost, path: "/v2/sellers/credit-note-settings/update",
		body:  `{"generationType":"autoincrement_number","prefix":"ABC","nextNumber":123}`,
		reply: reply{status: 201, fixture: "seller_credit_note_settings.json"},
		check: func(t *testing.T, resp any) {
			s := deref(t, "UpdateCreditNoteSettings().JSON201", as[gen.UpdateCreditNoteSettingsResponse](t, resp).JSON201)
			eq(t, "UpdateCreditNoteSettings().JSON201.NextFormatedValue", s.NextFormatedValue, "CNCODEABC123")
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			got, err := sellercenter.Result(e.c.UpdateCreditNoteSettingsWithResponse(e.ctx, gen.CreditNoteSettingsUpdate{Prefix: "KB-CN-", NextNumber: 42}))
			if err != nil || got.NextFormatedValue != "KB-CN-42" {
				t.Fatalf("UpdateCreditNoteSettings(KB-CN-, 42) = %+v, %v; want KB-CN-42 next", got, err)
			}
			read, err := sellercenter.Result(e.c.GetCreditNoteSettingsWithResponse(e.ctx))
			if err != nil || *read != *got || read.GenerationType != "autoincrement_number" {
				t.Errorf("GetCreditNoteSettings() after the update = %+v, %v; want %+v", read, err, got)
			}
		},
	},
	"listPaymentMethods": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListPaymentMethodsWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/payment-methods",
		reply: reply{status: 200, fixture: "seller_payment_methods.json"},
		check: func(t *testing.T, resp any) {
			ms := deref(t, "ListPaymentMethods().JSON200", as[gen.ListPaymentMethodsResponse](t, resp).JSON200)
			eq(t, "ListPaymentMethods().JSON200[0].Name", ms[0].Name, "BankTransfer")
			eq(t, "ListPaymentMethods().JSON200[0].DisplayName", ms[0].DisplayName, "Bank Transfer")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			got, err := sellercenter.Result(e.c.ListPaymentMethodsWithResponse(e.ctx))
			if err != nil {
				t.Fatalf("ListPaymentMethods() = %v", err)
			}
			// Every payment method of a past order is listed.
			orders, err := e.mock.Orders()
			if err != nil || len(orders) == 0 {
				t.Fatalf("mock.Orders() = %v, %v", orders, err)
			}
			for _, o := range orders {
				if !slices.ContainsFunc(*got, func(m gen.PaymentMethod) bool { return m.Name == o.PaymentMethod }) {
					t.Errorf("ListPaymentMethods() = %v, want order %d's %q", *got, o.Id, o.PaymentMethod)
				}
			}
		},
	},
}

// sellerErrorRows answer operations of the seller area with error statuses.
var sellerErrorRows = []errorRow{
	{
		op:    "getSellerById",
		reply: reply{status: 404, fixture: "problem_not_found.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "GetSellerById(32).JSON404", as[gen.GetSellerByIdResponse](t, resp).JSON404)
			eq(t, "GetSellerById(32).JSON404.Status", p.Status, int32(404))
		},
	},
	{
		op:    "acceptSellerContracts",
		reply: reply{status: 400, fixture: "validation_problem.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "AcceptSellerContracts().JSON400", as[gen.AcceptSellerContractsResponse](t, resp).JSON400)
			eq(t, "AcceptSellerContracts().JSON400.Title", p.Title, "Validation Failed")
		},
	},
	{
		op:    "updateSellerProfile",
		reply: reply{status: 422, fixture: "problem_transition.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "UpdateSellerProfile().JSON422", as[gen.UpdateSellerProfileResponse](t, resp).JSON422)
			eq(t, "UpdateSellerProfile().JSON422.Status", p.Status, int32(422))
		},
	},
}
