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

// vendorPlaceholders stand in for the "string" the vendor's schema gives,
// with no example, to fields we type more strictly after the live API: each
// value is one of the shape the API sends (statement dates, an amount).
var vendorPlaceholders = map[string]map[string]any{
	"GET /v2.1/finance/transactions 200": {
		"accountStatementStartDate": "2024-10-01", "accountStatementEndDate": "2024-10-31", "createdAt": "2024-10-05 10:00:00",
	},
	"GET /v2/transaction/statements 200": {"guaranteeDeposit": "0.00"},
}

// withPlaceholders returns body with the "string" of each named field
// replaced by its stand-in.
func withPlaceholders(t *testing.T, body json.RawMessage, stand map[string]any) json.RawMessage {
	t.Helper()
	if len(stand) == 0 {
		return body
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if s, ok := stand[k]; ok && x == "string" {
					v[k] = s
					continue
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return out
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
		stand := vendorPlaceholders[key]
		t.Run(fmt.Sprintf("%s/%s", id, status), func(t *testing.T) {
			t.Parallel()
			body := withPlaceholders(t, body, stand)
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
	for key := range vendorPlaceholders {
		if _, ok := examples[key]; !ok {
			t.Errorf("vendorPlaceholders[%q] names no vendor body", key)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		t.Errorf("vendor operations with a JSON body missing from our spec:\n\t%s", strings.Join(slices.Compact(missing), "\n\t"))
	}
}
