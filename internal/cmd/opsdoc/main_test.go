package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sellercenter-go/sellercenter"
)

const smallSpec = `openapi: 3.0.3
info: {title: small, version: "1"}
tags:
  - name: Orders
  - name: Files
paths:
  /orders:
    get:
      operationId: listOrders
      summary: List orders | all of them
      tags: [Orders]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object}
    post:
      operationId: createOrder
      tags: [Orders]
      x-signed: true
      requestBody:
        content:
          application/json:
            schema: {type: object}
      responses:
        "201":
          description: created
          content:
            application/json:
              schema: {$ref: "#/components/schemas/ExportJob"}
  /orders/{id}:
    delete:
      operationId: deleteOrder
      tags: [Orders]
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      responses:
        "204": {description: gone}
  /files:
    put:
      operationId: uploadFile
      tags: [Files]
      requestBody:
        content:
          text/csv:
            schema: {type: string}
      responses:
        "200":
          description: the report
          content:
            text/csv:
              schema: {type: string}
            application/octet-stream:
              schema: {type: string}
components:
  schemas:
    ExportJob: {type: object}
`

const smallClient = `package gen
type ClientWithResponses struct{}
func (c *ClientWithResponses) ListOrdersWithResponse() {}
func (c *ClientWithResponses) CreateOrderWithBodyWithResponse() {}
func (c *ClientWithResponses) CreateOrderWithResponse() {}
func (c *ClientWithResponses) DeleteOrderWithResponse() {}
func (c *ClientWithResponses) UploadFileWithBodyWithResponse() {}
type ListOrdersResponse struct{}
func (r ListOrdersResponse) GetJSON200() {}
type CreateOrderResponse struct{}
func (r CreateOrderResponse) GetJSON201() {}
`

const smallServer = `package server
type ServerInterfaceWrapper struct{}
func (siw *ServerInterfaceWrapper) ListOrders() {}
func (siw *ServerInterfaceWrapper) CreateOrder() {}
func (siw *ServerInterfaceWrapper) UploadFile() {}
`

const smallPager = `package sellercenter
type Client struct{}
func (c *Client) Orders(ctx, params) {
	return walk[gen.Order](ctx, params, 0, c.pageWindow, c.ListOrders, gen.ParseListOrdersResponse)
}
func (c *Client) Other() { c.ListOrders() }
`

const smallPage = "## Orders\n\n" +
	"| Operation | Method | Path | Go method | Result | Iterator | Mock |\n" +
	"|---|---|---|---|---|---|---|\n" +
	"| `listOrders`: List orders \\| all of them | GET | `/orders` | `ListOrdersWithResponse` | `Result` | `Client.Orders` | yes |\n" +
	"| `createOrder` | POST | `/orders` | `CreateOrderWithResponse` | `Created` |  | yes, signed, export job: `Client.WaitForExport` |\n" +
	"| `deleteOrder` | DELETE | `/orders/{id}` | `DeleteOrderWithResponse` | `Check` |  | no |\n" +
	"\n## Files\n\n" +
	"| Operation | Method | Path | Go method | Result | Iterator | Mock |\n" +
	"|---|---|---|---|---|---|---|\n" +
	"| `uploadFile` | PUT | `/files` | `UploadFileWithBodyWithResponse` | `Check`, then `Body` (application/octet-stream, text/csv) |  | yes |\n" +
	"\n4 operations: 1 with an iterator, 3 served by the mock, 1 signed.\n"

func load(t *testing.T, spec string) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData([]byte(spec))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestRenderSmallSpec(t *testing.T) {
	t.Parallel()
	page, err := render(load(t, smallSpec), sources{client: []byte(smallClient), server: []byte(smallServer), pager: []byte(smallPager)})
	if err != nil {
		t.Fatal(err)
	}
	_, body, ok := strings.Cut(string(page), "## Orders")
	if !ok {
		t.Fatalf("no Orders section in\n%s", page)
	}
	if got := "## Orders" + body; got != smallPage {
		t.Errorf("page:\n%s\nwant:\n%s", got, smallPage)
	}
}

func TestRenderErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name               string
		spec               string
		client, server, pg string
		want               string
	}{
		{"no client method", smallSpec, strings.ReplaceAll(smallClient, "DeleteOrderWithResponse", "X"), smallServer, smallPager,
			"no DeleteOrderWithResponse for deleteOrder"},
		{"no getter for Result", smallSpec, strings.ReplaceAll(smallClient, "GetJSON200", "X"), smallServer, smallPager,
			"listOrders needs GetJSON200"},
		{"no getter for Created", smallSpec, strings.ReplaceAll(smallClient, "GetJSON201", "X"), smallServer, smallPager,
			"createOrder needs GetJSON201"},
		{"iterator of no operation", smallSpec, smallClient, smallServer, strings.ReplaceAll(smallPager, "c.ListOrders,", "c.ListGone,"),
			"iterator Client.Orders walks no operation"},
		{"no tag", strings.Replace(smallSpec, "      tags: [Files]\n", "", 1), smallClient, smallServer, smallPager,
			"uploadFile has no tag"},
		{"200 and 201 of different bodies", strings.Replace(smallSpec, "        \"201\":\n          description: created\n",
			"        \"200\":\n          description: ok\n          content:\n            application/json:\n              schema: {type: string}\n"+
				"        \"201\":\n          description: created\n", 1),
			smallClient, smallServer, smallPager, "createOrder answers 200 and 201 with bodies of different schemas"},
		{"Go that does not parse", smallSpec, smallClient, "package server\nfunc {", smallPager,
			"parsing server"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := render(load(t, tt.spec), sources{client: []byte(tt.client), server: []byte(tt.server), pager: []byte(tt.pg)})
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "opsdoc: ") {
				t.Fatalf("err = %v, want one starting opsdoc: and naming %q", err, tt.want)
			}
		})
	}
}

// TestRunRepository renders the project's own page and checks what the
// command's sources promise: every operation listed, each iterator of
// pager.go, every operation served by the mock. make check-docs compares
// the result with the committed page.
func TestRunRepository(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..", "..", "..")
	out := filepath.Join(t.TempDir(), "operations.md")
	err := run(filepath.Join(root, "openapi", "sellercenter.yaml"), filepath.Join(root, "gen", "client.gen.go"),
		filepath.Join(root, "gen", "server", "server.gen.go"), filepath.Join(root, "pager.go"), out)
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi3.NewLoader().LoadFromFile(filepath.Join(root, "openapi", "sellercenter.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			n++
			if !strings.Contains(string(page), "| `"+op.OperationID+"`") {
				t.Errorf("%s is not on the page", op.OperationID)
			}
		}
	}
	for _, it := range []string{"Orders", "OrderItems", "Exports", "Feeds", "Transactions"} {
		if !strings.Contains(string(page), "`Client."+it+"`") {
			t.Errorf("iterator Client.%s is not on the page", it)
		}
	}
	if strings.Contains(string(page), "| no |") {
		t.Error("an operation is marked as not served by the mock, which binds every operation")
	}
	if !strings.Contains(string(page), "| yes, signed |") {
		t.Error("no operation is marked signed, though createTransaction is x-signed")
	}
	if n < 200 {
		t.Errorf("the spec has %d operations; the test expects the real one", n)
	}
}

// TestJobWaiters keeps the table of background work honest: each waiter it
// names is a method of sellercenter.Client, and each schema is the spec's.
func TestJobWaiters(t *testing.T) {
	t.Parallel()
	doc, err := openapi3.NewLoader().LoadFromFile(filepath.Join("..", "..", "..", "openapi", "sellercenter.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	typ := reflect.TypeFor[*sellercenter.Client]()
	for schema, j := range jobs {
		t.Run(schema, func(t *testing.T) {
			t.Parallel()
			if _, ok := typ.MethodByName(j.waiter); !ok {
				t.Errorf("sellercenter.Client has no method %s", j.waiter)
			}
			if doc.Components.Schemas[schema] == nil {
				t.Errorf("the spec has no schema %s", schema)
			}
		})
	}
}
