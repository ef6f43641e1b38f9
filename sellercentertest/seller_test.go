package sellercentertest

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter/gen"
)

func TestSellerAccountRefusals(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	tok := token(t, s)
	const jsonType = "application/json"
	ct, upload := multipartBody(t, nil, "file1", "licence.pdf", []byte("%PDF-1.4\n"))
	emptyCT, emptyUpload := multipartBody(t, nil, "file1", "licence.pdf", nil)
	tests := []struct {
		name              string
		method, path      string
		contentType, body string
		status            int
		want              string // a property path of the 400, or text of the detail
	}{
		{"unknown seller", http.MethodGet, "/v2/sellers/999999", "", "", 404, "seller 999999 does not exist"},
		{"switch to an unknown seller", http.MethodPost, "/v2/sellers/999999/switch", "", "", 404, "seller 999999 does not exist"},
		{"seller id not a number", http.MethodGet, "/v2/sellers/abc", "", "", 400, "sellerId"},
		{"limit below 1", http.MethodGet, "/v2/sellers?limit=0", "", "", 400, "limit"},
		{"unknown sort of files", http.MethodGet, "/v2/seller/profile/external-files?sort=size", "", "", 400, "sort"},
		{"upload to an unknown field", http.MethodPost, "/v2/seller/profile/field/999/upload", ct, upload, 404, "profile field 999 does not exist"},
		{"upload to a text field", http.MethodPost, "/v2/seller/profile/field/12/upload", ct, upload, 422, "not a file field"},
		{"upload of an empty file", http.MethodPost, "/v2/seller/profile/field/14/upload", emptyCT, emptyUpload, 400, "file1"},
		{"profile update without fields", http.MethodPut, "/v2/seller/profile/general", jsonType, `[]`, 400, ""},
		{"profile update without an id", http.MethodPut, "/v2/seller/profile/general", jsonType, `[{"value":"x"}]`, 400, "[0].id"},
		{"profile field given twice", http.MethodPut, "/v2/seller/profile/general", jsonType,
			`[{"id":12,"value":"a"},{"id":12,"value":"b"}]`, 400, "[1].id"},
		{"unknown profile field", http.MethodPut, "/v2/seller/profile/general", jsonType, `[{"id":999,"value":"x"}]`, 422, "profile field 999 does not exist"},
		{"file field set as text", http.MethodPut, "/v2/seller/profile/general", jsonType, `[{"id":14,"value":"x"}]`, 422, "upload it"},
		{"dropdown value not an option", http.MethodPut, "/v2/seller/profile/general", jsonType, `[{"id":13,"value":"maybe"}]`, 422, "takes one of 0, 1"},
		{"mandatory field cleared", http.MethodPut, "/v2/seller/profile/general", jsonType, `[{"id":11,"value":" "}]`, 422, "mandatory"},
		{"KPI value above 100", http.MethodPut, "/v2/seller-rating/custom-kpi", jsonType,
			`[{"externalKpiName":"Ops","sellerShortCode":"MY1K8B2","value":101}]`, 400, "[0].value"},
		{"KPI of an unknown seller", http.MethodPut, "/v2/seller-rating/custom-kpi", jsonType,
			`[{"externalKpiName":"Ops","sellerShortCode":"XX0000X","value":50}]`, 404, "XX0000X does not exist"},
		{"no KPI values", http.MethodPut, "/v2/seller-rating/custom-kpi", jsonType, `[]`, 400, ""},
		{"rating period backwards", http.MethodGet, "/v2/seller-rating?from=2024-10-01&to=2024-09-01", "", "", 422, "from must not be after to"},
		{"rating bound not a date", http.MethodGet, "/v2/seller-rating?from=yesterday", "", "", 400, "from"},
		{"no contract ids", http.MethodPost, "/v2/seller-contracts/accept", jsonType, `{"contractIds":[]}`, 400, "contractIds"},
		{"unknown contract", http.MethodPost, "/v2/seller-contracts/accept", jsonType, `{"contractIds":[501,999]}`, 400, "contractIds[1]"},
		{"contract of another seller", http.MethodPost, "/v2/seller-contracts/accept", jsonType, `{"contractIds":[503]}`, 400, "contractIds[0]"},
		{"contract given twice", http.MethodPost, "/v2/seller-contracts/accept", jsonType, `{"contractIds":[501,501]}`, 400, "contractIds[1]"},
		{"credit note without a prefix", http.MethodPost, "/v2/sellers/credit-note-settings/update", jsonType, `{"nextNumber":5}`, 400, "prefix"},
		{"credit note number 0", http.MethodPost, "/v2/sellers/credit-note-settings/update", jsonType, `{"prefix":"CN","nextNumber":0}`, 400, "nextNumber"},
		{"credit note of another kind", http.MethodPost, "/v2/sellers/credit-note-settings/update", jsonType,
			`{"generationType":"order_number","prefix":"CN","nextNumber":5}`, 400, "generationType"},
		{"credit note prefix with a space", http.MethodPost, "/v2/sellers/credit-note-settings/update", jsonType,
			`{"prefix":"C N","nextNumber":5}`, 400, "prefix"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			status, _, body := call(t, s, tok, tt.method, tt.path, tt.contentType, tt.body)
			if status != tt.status {
				t.Fatalf("%s %s = %d %s, want %d", tt.method, tt.path, status, body, tt.status)
			}
			if status != http.StatusBadRequest {
				if p := decode[gen.Problem](t, body); int(p.Status) != status || !strings.Contains(p.Detail, tt.want) {
					t.Errorf("%d body = %s, want a Problem whose detail has %q", status, body, tt.want)
				}
				return
			}
			p := decode[gen.ValidationProblem](t, body)
			if p.Title != "Validation Failed" || len(p.Violations) == 0 {
				t.Fatalf("400 body = %s, want a ValidationProblem", body)
			}
			if !slices.ContainsFunc(p.Violations, func(v gen.Violation) bool { return v.PropertyPath == tt.want }) {
				t.Errorf("400 body = %s, want a violation at %q", body, tt.want)
			}
		})
	}
	// None of the refused writes changed anything.
	if c := s.CreditNoteSettings(); c.Prefix != "CN-" || c.NextNumber != 1 {
		t.Errorf("CreditNoteSettings() after refused updates = %+v, want the seeded CN-1", c)
	}
	if pending, err := s.SellerContracts(4089); err != nil || slices.ContainsFunc(pending, func(c gen.SellerContract) bool { return c.ApprovedAt != nil }) {
		t.Errorf("SellerContracts(4089) after refused accepts = %v, %v; want all pending", pending, err)
	}
	if kpis := s.CustomKpis(); len(kpis) != 0 {
		t.Errorf("CustomKpis() after refused writes = %v, want none", kpis)
	}
}

// TestSellerSwitchBindsNewTokens switches with one token and checks that
// only tokens issued afterwards act for the new seller, and that switching
// back works the same way.
func TestSellerSwitchBindsNewTokens(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	sellerOf := func(tok string) int {
		t.Helper()
		status, _, body := call(t, s, tok, http.MethodGet, "/v2/seller", "", "")
		if status != http.StatusOK {
			t.Fatalf("GET /v2/seller = %d %s", status, body)
		}
		return decode[gen.Seller](t, body).Id
	}
	switchTo := func(tok string, id string) {
		t.Helper()
		if status, _, body := call(t, s, tok, http.MethodPost, "/v2/sellers/"+id+"/switch", "", ""); status != http.StatusOK || !strings.Contains(string(body), `"success":true`) {
			t.Fatalf("POST /v2/sellers/%s/switch = %d %s, want 200 with success", id, status, body)
		}
	}
	before := token(t, s)
	switchTo(before, "4090")
	after := token(t, s)
	if got := sellerOf(before); got != 4089 {
		t.Errorf("seller of the token issued before the switch = %d, want 4089", got)
	}
	if got := sellerOf(after); got != 4090 {
		t.Errorf("seller of the token issued after the switch = %d, want 4090", got)
	}
	// The profile a token reads is its seller's.
	status, _, body := call(t, s, after, http.MethodGet, "/v2/seller/profile/field-values", "", "")
	if values := decode[[]gen.ProfileFieldValue](t, body); status != http.StatusOK || len(values) != 1 || values[0].Value != "202104455K" {
		t.Errorf("field values for seller 4090 = %d %s, want its one registration number", status, body)
	}
	// updateSeller changes the token's seller, not the home one.
	if status, _, body := call(t, s, after, http.MethodPatch, "/v2/seller", "application/json", `{"email":"sg@example.com"}`); status != http.StatusOK {
		t.Fatalf("PATCH /v2/seller as 4090 = %d %s", status, body)
	}
	emailOf := func(tok string) string {
		t.Helper()
		_, _, body := call(t, s, tok, http.MethodGet, "/v2/seller", "", "")
		return decode[gen.Seller](t, body).Email
	}
	if got := emailOf(after); got != "sg@example.com" {
		t.Errorf("email of 4090 after its PATCH = %q, want sg@example.com", got)
	}
	if got := emailOf(before); got == "sg@example.com" {
		t.Error("the PATCH as 4090 changed the email of 4089")
	}
	switchTo(after, "4089")
	if got := sellerOf(token(t, s)); got != 4089 {
		t.Errorf("seller of a token issued after switching back = %d, want 4089", got)
	}
	if got := sellerOf(after); got != 4090 {
		t.Errorf("seller of the second token after switching back = %d, want still 4090", got)
	}
}

// TestSellerProfileOnEmptyMock sets a profile field of a seller that has
// none: the value shows in the field values and in getSeller.
func TestSellerProfileOnEmptyMock(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{Empty: true})
	tok := token(t, s)
	if status, _, body := call(t, s, tok, http.MethodPut, "/v2/seller/profile/general", "application/json", `[{"id":13,"value":"1"}]`); status != http.StatusOK {
		t.Fatalf("PUT /v2/seller/profile/general = %d %s", status, body)
	}
	seller, err := s.Seller()
	if err != nil || !slices.Contains(seller.ProfileFields, gen.ProfileField{Name: "holiday_mode", Value: "1", DisplayValue: "On"}) {
		t.Errorf("Seller().ProfileFields = %v, %v; want holiday_mode on", seller.ProfileFields, err)
	}
	values, err := s.SellerProfileFieldValues(seller.Id)
	if err != nil || !slices.Equal(values, []gen.ProfileFieldValue{{Id: 13, Value: "1"}}) {
		t.Errorf("SellerProfileFieldValues(%d) = %v, %v; want field 13 = 1", seller.Id, values, err)
	}
	// updateSeller finds the field by the same id.
	if status, _, body := call(t, s, tok, http.MethodPatch, "/v2/seller", "application/json", `{"profileFields":[{"id":13,"value":"0"}]}`); status != http.StatusOK {
		t.Fatalf("PATCH /v2/seller = %d %s", status, body)
	}
	if values, _ := s.SellerProfileFieldValues(seller.Id); !slices.Equal(values, []gen.ProfileFieldValue{{Id: 13, Value: "0"}}) {
		t.Errorf("field values after updateSeller = %v, want field 13 = 0", values)
	}
}
