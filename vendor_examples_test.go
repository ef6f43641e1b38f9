package sellercenter_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// vendorExamples holds, for every operation of the vendor's document with a
// JSON success body, the body it describes; internal/cmd/vendorexamples
// writes it (make vendor-examples).
const vendorExamples = "testdata/vendor/examples.json"

// pendingVendorOperations are the vendor operations our spec does not have
// yet, with the issue that adds them. TestVendorExamplesDecode fails when
// one appears in the spec, so the list only shrinks.
var pendingVendorOperations = []string{
	"DELETE /v2/user/{}", // the rest of the seller's API: issue 13
	"GET /v2.1/finance/transactions",
	"GET /v2/archive/orders",
	"GET /v2/document/manifest",
	"GET /v2/export-products",
	"GET /v2/finance/order-item-transactions",
	"GET /v2/finance/statements",
	"GET /v2/finance/statements/current/{}",
	"GET /v2/finance/statements/current/{}/details",
	"GET /v2/finance/statements/{}",
	"GET /v2/finance/statements/{}/details",
	"GET /v2/finance/transaction/types",
	"GET /v2/finance/transactions",
	"GET /v2/finance/transactions/account-statement-groups",
	"GET /v2/finance/variables",
	"GET /v2/manifest",
	"GET /v2/manifest/{}",
	"GET /v2/oauth/apps",
	"GET /v2/oauth/apps/{}",
	"GET /v2/template/create-forward-manifest-async",
	"GET /v2/template/image-update",
	"GET /v2/template/missing-invoice-access-key-async",
	"GET /v2/template/order-status-change",
	"GET /v2/template/price-update",
	"GET /v2/template/product-category-tree-async",
	"GET /v2/template/product-creation",
	"GET /v2/template/product-removal-async",
	"GET /v2/template/status-update",
	"GET /v2/template/stock-update-async",
	"GET /v2/template/update-manifest-status-async",
	"GET /v2/transaction/statements",
	"GET /v2/transaction/trigger-events",
	"GET /v2/transactions",
	"GET /v2/user/roles",
	"GET /v2/user/roles/{}/resources",
	"GET /v2/user/{}",
	"GET /v2/users",
	"PATCH /v2/user/roles/{}",
	"PATCH /v2/user/{}",
	"POST /v2/export-switchable-sellers",
	"POST /v2/export-users",
	"POST /v2/exports/invoice-tax-document",
	"POST /v2/exports/manifest",
	"POST /v2/exports/order-manifests",
	"POST /v2/exports/report-order-item-transactions",
	"POST /v2/exports/report-transactions",
	"POST /v2/exports/sales-report",
	"POST /v2/exports/unified-transactions",
	"POST /v2/finance/transaction",
	"POST /v2/manifest",
	"POST /v2/manifest/shipped",
	"POST /v2/oauth/apps",
	"POST /v2/user",
	"POST /v2/user/roles",
	"POST /v2/user/{}/api-key",
	"POST /v2/users/import/seller_access",
	"PUT /v2/oauth/apps/{}",
}

var pathParam = regexp.MustCompile(`\{[^}]*\}`)

// TestVendorExamplesDecode decodes the body of each vendor operation into
// the generated type of our operation with the same method and path, refusing
// unknown fields, and encodes it back: a field the vendor declares that our
// types drop or type differently fails here.
func TestVendorExamplesDecode(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile(vendorExamples)
	if err != nil {
		t.Fatal(err)
	}
	var examples map[string]json.RawMessage
	if err := json.Unmarshal(raw, &examples); err != nil {
		t.Fatalf("%s: %v", vendorExamples, err)
	}
	doc, err := openapi3.NewLoader().LoadFromFile(specPath)
	if err != nil {
		t.Fatalf("LoadFromFile(%s) = %v, want nil", specPath, err)
	}
	ours := map[string]string{} // "METHOD /path/{}" to operationId
	for tmpl, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			ours[method+" "+pathParam.ReplaceAllString(tmpl, "{}")] = op.OperationID
		}
	}

	var missing []string
	for _, key := range sortedKeys(examples) {
		method, rest, _ := strings.Cut(key, " ")
		path, status, _ := strings.Cut(rest, " ")
		opKey := method + " " + pathParam.ReplaceAllString(path, "{}")
		id, ok := ours[opKey]
		if !ok {
			missing = append(missing, opKey)
			continue
		}
		code, err := strconv.Atoi(status)
		if err != nil {
			t.Fatalf("%s: status %q", key, status)
		}
		body := examples[key]
		t.Run(fmt.Sprintf("%s/%s", id, status), func(t *testing.T) {
			t.Parallel()
			typ, err := jsonFieldType(id, code)
			if err != nil {
				t.Fatal(err)
			}
			v := reflect.New(typ)
			dec := json.NewDecoder(bytes.NewReader(body))
			dec.DisallowUnknownFields()
			if err := dec.Decode(v.Interface()); err != nil {
				t.Fatalf("decode the vendor's %s into %v = %v, want nil\n\t%s", key, typ, err, body)
			}
			again, err := json.Marshal(v.Interface())
			if err != nil {
				t.Fatalf("json.Marshal(%v) = %v, want nil", typ, err)
			}
			if diffs := roundTripDiff(body, again); len(diffs) > 0 {
				t.Errorf("the vendor's %s through %v and back differs at:\n\t%s", key, typ, strings.Join(diffs, "\n\t"))
			}
		})
	}
	slices.Sort(missing)
	missing = slices.Compact(missing)
	if !slices.Equal(missing, pendingVendorOperations) {
		t.Errorf("vendor operations with a JSON body missing from our spec:\n\t%s\nwant pendingVendorOperations:\n\t%s",
			strings.Join(missing, "\n\t"), strings.Join(pendingVendorOperations, "\n\t"))
	}
}
