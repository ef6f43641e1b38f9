package sellercenter_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
)

// manifestsRows are the operations of the manifests area; see row in operations_test.go.
var manifestsRows = map[string]row{
	"listManifests": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListManifestsWithResponse(ctx, &gen.ListManifestsParams{
				Limit:         100,
				Offset:        0,
				Type:          gen.ManifestTypeForward,
				ManifestCodes: []string{"my-4231", "my-4232"},
				DateStart:     datetime.New(time.Date(2022, 12, 11, 8, 46, 12, 123456000, time.UTC)),
				DateEnd:       datetime.Date(2022, 12, 11),
				OrderNumbers:  []string{"MY-111143", "MY-111144"},
				OrderItemIds:  []int{123456, 654321},
				Status:        gen.ManifestStatusForwardReadyToShip,
				Sort:          gen.ListManifestsParamsSortManifestCode,
				SortDir:       gen.SortDirectionDesc,
			})
		},
		method: http.MethodGet, path: "/v2/manifest",
		query: url.Values{
			"limit":           {"100"},
			"offset":          {"0"},
			"type":            {"forward"},
			"manifestCodes[]": {"my-4231", "my-4232"},
			"dateStart":       {"2022-12-11T08:46:12.123456Z"},
			"dateEnd":         {"2022-12-11"},
			"orderNumbers[]":  {"MY-111143", "MY-111144"},
			"orderItemIds[]":  {"123456", "654321"},
			"status":          {"forward_ready_to_ship"},
			"sort":            {"manifestCode"},
			"sortDir":         {"desc"},
		},
		literal: []string{"manifestCodes[]=my-4231&manifestCodes[]=my-4232", "orderItemIds[]=123456&orderItemIds[]=654321"},
		reply:   reply{status: 200, fixture: "manifests_page.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "ListManifests().JSON200", as[gen.ListManifestsResponse](t, resp).JSON200)
			eq(t, "len(ListManifests().JSON200.Items)", len(p.Items), 1)
			m := p.Items[0]
			eq(t, "ListManifests().JSON200.Items[0].ManifestId", m.ManifestId, 68)
			eq(t, "ListManifests().JSON200.Items[0].ShipmentProvider", m.ShipmentProvider, "DHL")
			eq(t, "ListManifests().JSON200.Items[0].Status", m.Status, gen.ManifestStatusForwardReadyToShip)
			eq(t, "*ListManifests().JSON200.Items[0].OrderItems[0].ReturnReason", *m.OrderItems[0].ReturnReason, "Product not available")
			at(t, "ListManifests().JSON200.Items[0].CreatedAt", m.CreatedAt, time.Date(2022, 5, 4, 12, 39, 13, 0, time.UTC))
			eq(t, "ListManifests().JSON200.Pagination.Offset", p.Pagination.Offset, 10)
			eq(t, "ListManifests().JSON200.Pagination.HasNext", p.Pagination.HasNext, false)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			want := e.mock.Manifests()
			if len(want) == 0 {
				t.Fatal("mock.Manifests() = none, want the seeded manifest")
			}
			got, err := sellercenter.Result(e.c.ListManifestsWithResponse(e.ctx, &gen.ListManifestsParams{Limit: 1, Offset: 0}))
			if err != nil {
				t.Fatalf("ListManifests(limit 1) = %v", err)
			}
			if !sameJSON(t, got.Items, want[:1]) || got.Pagination.HasNext != (len(want) > 1) {
				t.Errorf("ListManifests(limit 1) = %+v, hasNext %v; want mock.Manifests()[:1] %+v", got.Items, got.Pagination.HasNext, want[:1])
			}
		},
	},
	"getManifest": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetManifestWithResponse(ctx, 68)
		},
		method: http.MethodGet, path: "/v2/manifest/68",
		reply: reply{status: 200, fixture: "manifests_manifest.json"},
		check: func(t *testing.T, resp any) {
			m := deref(t, "GetManifest(68).JSON200", as[gen.GetManifestResponse](t, resp).JSON200)
			eq(t, "GetManifest(68).JSON200.ManifestCode", m.ManifestCode, "123ABC456EFG")
			eq(t, "GetManifest(68).JSON200.Type", m.Type, gen.ManifestTypeForward)
			eq(t, "GetManifest(68).JSON200.PackagesCount", m.PackagesCount, 1)
			eq(t, "GetManifest(68).JSON200.Actions[1]", m.Actions[1], gen.ManifestActionStatusSetToShipped)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.mock.Manifests()[0].ManifestId
			got, err := sellercenter.Result(e.c.GetManifestWithResponse(e.ctx, id))
			if err != nil {
				t.Fatalf("GetManifest(%d) = %v", id, err)
			}
			if want, err := e.mock.Manifest(id); err != nil || !sameJSON(t, *got, want) {
				t.Errorf("GetManifest(%d) = %+v, want mock.Manifest's %+v (%v)", id, *got, want, err)
			}
		},
	},
	"createManifest": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.CreateManifestWithResponse(ctx, gen.OrderItemIds{OrderItemIds: []int{123456, 654321}})
		},
		method: http.MethodPost, path: "/v2/manifest",
		body:  `{"orderItemIds":[123456,654321]}`,
		reply: reply{status: 201, fixture: "manifests_result.json"},
		check: func(t *testing.T, resp any) {
			m := deref(t, "CreateManifest().JSON201", as[gen.CreateManifestResponse](t, resp).JSON201)
			eq(t, "CreateManifest().JSON201.ManifestCode", m.ManifestCode, "my-4231")
			eq(t, "CreateManifest().JSON201.ShipmentProviderId", m.ShipmentProviderId, 1)
			eq(t, "CreateManifest().JSON201.SellerId", m.SellerId, 1)
			eq(t, "CreateManifest().JSON201.OrderItems[0].OrderItemId", m.OrderItems[0].OrderItemId, 1)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			ready := e.mock.ManifestableItemIDs()
			if len(ready) == 0 {
				t.Fatal("mock.ManifestableItemIDs() = none, want the seed's ready-to-ship items")
			}
			id := ready[0]
			op := fmt.Sprintf("CreateManifest(%d)", id)
			resp, err := e.c.CreateManifestWithResponse(e.ctx, gen.OrderItemIds{OrderItemIds: []int{id}})
			m := decoded(t, op, succeed(t, op, resp, err).JSON201)
			if m.Status != gen.ManifestStatusForwardReadyToShip || len(m.OrderItems) != 1 || m.OrderItems[0].OrderItemId != id || m.ShipmentProviderId == 0 {
				t.Errorf("%s = %+v, want a ready forward manifest of the item with its carrier", op, m)
			}
			if _, err := e.mock.Manifest(m.ManifestId); err != nil {
				t.Errorf("mock.Manifest(%d) after %s = %v, want it", m.ManifestId, op, err)
			}
			it, err := e.mock.OrderItem(id)
			if err != nil || it.ManifestStatus == nil || *it.ManifestStatus != gen.OrderItemManifestStatusForwardReadyToShip {
				t.Errorf("mock.OrderItem(%d).ManifestStatus after %s = %v (%v), want forward_ready_to_ship", id, op, it.ManifestStatus, err)
			}
		},
	},
	"setManifestsShipped": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.SetManifestsShippedWithResponse(ctx, gen.ManifestIds{ManifestIds: []int{1, 2, 3}})
		},
		method: http.MethodPost, path: "/v2/manifest/shipped",
		body:  `{"manifestIds":[1,2,3]}`,
		reply: reply{status: 200, fixture: "manifests_shipped.json"},
		check: func(t *testing.T, resp any) {
			ms := deref(t, "SetManifestsShipped().JSON200", as[gen.SetManifestsShippedResponse](t, resp).JSON200)
			eq(t, "len(SetManifestsShipped().JSON200)", len(ms), 1)
			eq(t, "SetManifestsShipped().JSON200[0].TrackingCode", ms[0].TrackingCode, "123ABC456EFG")
			at(t, "SetManifestsShipped().JSON200[0].CreatedAt", ms[0].CreatedAt, time.Date(2022, 5, 4, 12, 39, 13, 0, time.UTC))
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			seeded := e.mock.Manifests()[0]
			op := fmt.Sprintf("SetManifestsShipped(%d)", seeded.ManifestId)
			got, err := sellercenter.Result(e.c.SetManifestsShippedWithResponse(e.ctx, gen.ManifestIds{ManifestIds: []int{seeded.ManifestId}}))
			if err != nil {
				t.Fatalf("%s = %v", op, err)
			}
			if len(*got) != 1 || (*got)[0].Status != gen.ManifestStatusForwardShipped {
				t.Errorf("%s = %+v, want the manifest forward_shipped", op, *got)
			}
			if m, err := e.mock.Manifest(seeded.ManifestId); err != nil || m.Status != gen.ManifestStatusForwardShipped {
				t.Errorf("mock.Manifest(%d).Status after %s = %v (%v), want forward_shipped", seeded.ManifestId, op, m.Status, err)
			}
			for _, mi := range seeded.OrderItems {
				if it, err := e.mock.OrderItem(mi.OrderItemId); err != nil || it.Status != gen.OrderItemStatusShipped {
					t.Errorf("mock.OrderItem(%d).Status after %s = %v (%v), want shipped", mi.OrderItemId, op, it.Status, err)
				}
			}
		},
	},
	"getManifestDocument": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetManifestDocumentWithResponse(ctx, &gen.GetManifestDocumentParams{ManifestCode: "my-4231"})
		},
		method: http.MethodGet, path: "/v2/document/manifest",
		query: url.Values{"manifestCode": {"my-4231"}},
		reply: reply{status: 200, fixture: "manifests_document.json"},
		check: func(t *testing.T, resp any) {
			d := deref(t, "GetManifestDocument(my-4231).JSON200", as[gen.GetManifestDocumentResponse](t, resp).JSON200)
			eq(t, "GetManifestDocument(my-4231).JSON200.DocumentType", d.DocumentType, "manifest")
			eq(t, "GetManifestDocument(my-4231).JSON200.MimeType", d.MimeType, "text/html")
			eq(t, "GetManifestDocument(my-4231).JSON200.File", d.File, "0eWxlPmJvZHkgeyBmb250LXNpemU6MTBweDsgZm9udC1mYW1pbHk")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			m := e.mock.Manifests()[0]
			op := fmt.Sprintf("GetManifestDocument(%s)", m.ManifestCode)
			d, err := sellercenter.Result(e.c.GetManifestDocumentWithResponse(e.ctx, &gen.GetManifestDocumentParams{ManifestCode: m.ManifestCode}))
			if err != nil {
				t.Fatalf("%s = %v", op, err)
			}
			page, err := base64.StdEncoding.DecodeString(d.File)
			if err != nil || d.MimeType != "text/html" || !strings.Contains(string(page), m.ManifestCode) {
				t.Errorf("%s = %s %q (%v), want an HTML page naming the manifest", op, d.MimeType, page, err)
			}
		},
	},
	"exportManifests": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ExportManifestsWithResponse(ctx, gen.ManifestIds{ManifestIds: []int{1, 2, 3}})
		},
		method: http.MethodPost, path: "/v2/exports/manifest",
		body:  `{"manifestIds":[1,2,3]}`,
		reply: reply{status: 201, fixture: "export_job.json"},
		check: func(t *testing.T, resp any) {
			j := deref(t, "ExportManifests(1, 2, 3).JSON201", as[gen.ExportManifestsResponse](t, resp).JSON201)
			eq(t, "ExportManifests(1, 2, 3).JSON201.ExportItemId", j.ExportItemId, 852)
			eq(t, "ExportManifests(1, 2, 3).JSON201.Uuid", j.Uuid, "78838546-777e-47c8-ba09-43d49bb9efa5")
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			m := e.mock.Manifests()[0]
			op := fmt.Sprintf("ExportManifests(%d)", m.ManifestId)
			resp, err := e.c.ExportManifestsWithResponse(e.ctx, gen.ManifestIds{ManifestIds: []int{m.ManifestId}})
			job := decoded(t, op, succeed(t, op, resp, err).JSON201)
			x, err := e.mock.Export(job.ExportItemId)
			if err != nil || x.Uuid != job.Uuid || !strings.Contains(x.ExportContent, m.ManifestCode) {
				t.Errorf("mock.Export(%d) after %s = %+v (%v), want the job naming %s", job.ExportItemId, op, x, err, m.ManifestCode)
			}
		},
	},
}

// sameJSON reports whether a and b encode alike; a datetime.Time that
// went over the wire keeps the text it was read from, so == cannot tell.
func sameJSON(t *testing.T, a, b any) bool {
	t.Helper()
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	if errA != nil || errB != nil {
		t.Fatalf("json.Marshal = %v, %v", errA, errB)
	}
	return string(ja) == string(jb)
}

// manifestsErrorRows answer operations of the manifests area with error statuses.
var manifestsErrorRows = []errorRow{
	{
		op:    "createManifest",
		reply: reply{status: 400, fixture: "manifests_problem_refused_items.json"},
		check: func(t *testing.T, resp any) {
			v := deref(t, "CreateManifest(123456, 654321).JSON400", as[gen.CreateManifestResponse](t, resp).JSON400)
			eq(t, "CreateManifest(123456, 654321).JSON400.Status", v.Status, int32(400))
			eq(t, "len(CreateManifest(123456, 654321).JSON400.Violations)", len(v.Violations), 2)
			eq(t, "CreateManifest(123456, 654321).JSON400.Violations[1].PropertyPath", v.Violations[1].PropertyPath, "orderItemIds[1]")
			eq(t, "CreateManifest(123456, 654321).JSON400.Violations[1].Parameters.Value", v.Violations[1].Parameters.Value, "123456")
		},
	},
	{
		op:    "getManifest",
		reply: reply{status: 404, fixture: "manifests_problem_not_found.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "GetManifest(68).JSON404", as[gen.GetManifestResponse](t, resp).JSON404)
			eq(t, "GetManifest(68).JSON404.Title", p.Title, "Manifest not found")
			eq(t, "GetManifest(68).JSON404.Detail", p.Detail, "Manifest with id 68 was not found.")
		},
	},
	{
		op:    "setManifestsShipped",
		reply: reply{status: 404, fixture: "manifests_problem_not_found.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "SetManifestsShipped(1, 2, 3).JSON404", as[gen.SetManifestsShippedResponse](t, resp).JSON404)
			eq(t, "SetManifestsShipped(1, 2, 3).JSON404.Status", p.Status, int32(404))
		},
	},
	{
		op:    "setManifestsShipped",
		reply: reply{status: 400, fixture: "manifests_problem_shipped.json"},
		check: func(t *testing.T, resp any) {
			v := deref(t, "SetManifestsShipped(1, 2, 3).JSON400", as[gen.SetManifestsShippedResponse](t, resp).JSON400)
			eq(t, "SetManifestsShipped(1, 2, 3).JSON400.Violations[0].PropertyPath", v.Violations[0].PropertyPath, "manifestIds[0]")
		},
	},
	{
		op:    "getManifestDocument",
		reply: reply{status: 404, fixture: "manifests_problem_not_found.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "GetManifestDocument(my-4231).JSON404", as[gen.GetManifestDocumentResponse](t, resp).JSON404)
			eq(t, "GetManifestDocument(my-4231).JSON404.Status", p.Status, int32(404))
		},
	},
	{
		op:    "exportManifests",
		reply: reply{status: 404, fixture: "manifests_problem_not_found.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "ExportManifests(1, 2, 3).JSON404", as[gen.ExportManifestsResponse](t, resp).JSON404)
			eq(t, "ExportManifests(1, 2, 3).JSON404.Status", p.Status, int32(404))
		},
	},
}
