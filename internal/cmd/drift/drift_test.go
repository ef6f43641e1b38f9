package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

const vendorDoc = `
openapi: 3.0.3
info: {title: vendor, version: "1"}
paths:
  /v2/orders/{id}:
    get:
      tags: [Orders]
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
        - {name: "status[]", in: query, schema: {type: array, items: {type: string}}}
        - {name: limit, in: query, required: true, schema: {type: integer}}
        - {name: X-Trace, in: header, schema: {type: string}}
        - {name: Authorization, in: header, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Order"}
        "400":
          description: bad
          content:
            application/json:
              schema: {type: object, properties: {nowhere: {type: string}}}
  /v2/orders:
    post:
      tags: [Orders]
      responses:
        "201": {description: created}
  /v2/brands:
    get:
      tags: [Brand]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: array
                items: {type: object, properties: {id: {type: integer}, name: {type: string}}}
components:
  schemas:
    Order:
      allOf:
        - type: object
          properties:
            id: {type: integer}
            createdAt: {type: string}
            price: {type: string}
            total: {type: integer}
            count: {type: number, format: integer}
            extra: {type: object, properties: {a: {type: string}, b: {type: integer}}}
        - type: object
          properties:
            items:
              type: array
              items:
                type: object
                properties:
                  sku: {type: string}
                  qty: {type: string}
                  gift: {type: boolean}
`

const ourDoc = `
openapi: 3.0.3
info: {title: ours, version: "1"}
paths:
  /v2/orders/{orderId}:
    get:
      parameters:
        - {name: orderId, in: path, required: true, schema: {type: integer}}
        - {name: status, in: query, schema: {type: array, items: {type: string}}}
        - {name: limit, in: query, schema: {type: integer}}
        - {name: X-Trace, in: query, schema: {type: string}}
        - {name: offset, in: query, schema: {type: integer}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  id: {type: integer}
                  createdAt: {$ref: "#/components/schemas/DateTime"}
                  price: {type: number, x-go-type: money.Amount}
                  total: {type: number}
                  count: {type: integer}
                  extra: {type: object, additionalProperties: true}
                  items:
                    type: array
                    items:
                      type: object
                      properties:
                        sku: {type: string}
                        qty: {type: integer}
  /v2/brands:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: array
                items: {type: object, properties: {id: {type: integer}}}
components:
  schemas:
    DateTime: {type: string, x-go-type: datetime.Time}
`

func loadString(t *testing.T, doc string) *openapi3.T {
	t.Helper()
	d, err := openapi3.NewLoader().LoadFromData([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestCompare checks each kind of difference on documents whose answers are
// known, and that nothing else is reported: createdAt and price are
// compatible through x-go-type, total is an integer our number takes, the
// count is a number of format integer our integer takes, the
// path parameter's name differs only in the path, the Authorization header
// is the client's own and the 400 body is not a success.
func TestCompare(t *testing.T) {
	t.Parallel()
	r := compare(loadString(t, vendorDoc), loadString(t, ourDoc))
	got := map[string]bool{}
	for _, f := range r.findings {
		got[f.tag+" | "+f.kind+" | "+f.op+" | "+f.text] = true
	}
	tests := []struct{ name, want string }{
		{"missing operation", `Orders | operation | POST /v2/orders | missing from our spec`},
		{"parameter name", `Orders | parameter | GET /v2/orders/{} | query parameter "status[]": ours is named "status"`},
		{"parameter in", `Orders | parameter | GET /v2/orders/{} | parameter "X-Trace": vendor's is in header, ours in query`},
		{"parameter required", `Orders | parameter | GET /v2/orders/{} | query parameter "limit": vendor required=true, ours required=false`},
		{"parameter ours only", `Orders | parameter | GET /v2/orders/{} | query parameter "offset": ours only`},
		{"missing property in allOf array", `Orders | property | GET /v2/orders/{} 200 | $.items[].gift (boolean): missing from ours`},
		{"type mismatch", `Orders | type | GET /v2/orders/{} 200 | $.items[].qty: vendor string, ours integer`},
		{"free-form object", `Orders | free-form | GET /v2/orders/{} 200 | $.extra: 2 vendor properties land in our free-form object (additionalProperties: true): a, b`},
		{"missing property under a root array", `Brand | property | GET /v2/brands 200 | $[].name (string): missing from ours`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if !got[tt.want] {
				t.Errorf("missing finding %q", tt.want)
			}
		})
	}
	if len(got) != len(tests) {
		t.Errorf("%d findings, want %d: %v", len(got), len(tests), got)
	}
	if r.covered != 2 || r.total != 3 || r.compatible != 2 || r.freeForm != 2 {
		t.Errorf("covered %d/%d, compatible %d, free-form %d; want 2/3, 2, 2", r.covered, r.total, r.compatible, r.freeForm)
	}
}

func TestWriteTotals(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	if err := compare(loadString(t, vendorDoc), loadString(t, ourDoc)).write(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	want := "covered 2/3 vendor operations, 14 response properties compared; 1 operations missing, 4 parameter differences, 2 response properties missing, 1 typed differently, 2 in free-form objects, 2 compatible through x-go-type*"
	if last := lines[len(lines)-1]; last != want {
		t.Errorf("last line %q, want %q", last, want)
	}
	if !slices.Contains(lines, "Brand") || slices.Index(lines, "Brand") > slices.Index(lines, "Orders") {
		t.Errorf("want tag headings Brand then Orders:\n%s", b.String())
	}
}

func TestRunBadInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	notYAML := filepath.Join(dir, "bad.yaml")
	noPaths := filepath.Join(dir, "nopaths.yaml")
	for name, body := range map[string]string{good: ourDoc, notYAML: "{: [", noPaths: "openapi: 3.0.3\ninfo: {title: x, version: \"1\"}\n"} {
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct{ name, vendor, ours, want string }{
		{"missing file", filepath.Join(dir, "absent.yaml"), good, "absent.yaml"},
		{"not YAML", notYAML, good, "bad.yaml"},
		{"no paths", good, noPaths, "no paths"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := run(tt.vendor, tt.ours)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("run: %v, want an error naming %q", err, tt.want)
			}
		})
	}
}
