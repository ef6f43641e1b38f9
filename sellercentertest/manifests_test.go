package sellercentertest

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
)

// readyItems adds an order of n ready-to-ship items with carrier (the
// default one when empty) and returns their ids.
func readyItems(t *testing.T, s *Server, n int, carrier string) []int {
	t.Helper()
	items := make([]gen.OrderItem, n)
	for i := range items {
		items[i].Status = gen.OrderItemStatusReadyToShip
		if carrier != "" {
			items[i].Shipment.PreProvider = &gen.ItemCarrier{Name: carrier}
		}
	}
	o, err := s.AddOrder(gen.Order{Items: items})
	if err != nil {
		t.Fatalf("AddOrder(%d ready items) = %v", n, err)
	}
	ids := make([]int, n)
	for i, it := range o.Items {
		ids[i] = it.Id
	}
	return ids
}

func manifestCodes(ms []gen.Manifest) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.ManifestCode
	}
	return out
}

// TestManifestWorkflow walks manifests through the API: the seeded one,
// two created ones found with every filter and page, their documents and
// exports, and shipping them, which ships their items.
func TestManifestWorkflow(t *testing.T) {
	t.Parallel()
	clock := newClock()
	s := newServer(t, Config{Now: clock.Now})
	c := apiClient(t, s)
	ctx := context.Background()

	list := func(p gen.ListManifestsParams) gen.ManifestPage {
		t.Helper()
		if p.Limit == 0 {
			p.Limit = 10
		}
		resp, err := c.ListManifestsWithResponse(ctx, &p)
		if err != nil || resp.JSON200 == nil {
			t.Fatalf("ListManifests(%+v) = %v, %v; want a page", p, resp.Status(), err)
		}
		return *resp.JSON200
	}
	seeded := list(gen.ListManifestsParams{})
	if got := manifestCodes(seeded.Items); !slices.Equal(got, []string{"my-4231"}) || seeded.Pagination.HasNext {
		t.Fatalf("ListManifests() on the seed = %v, want the seeded my-4231 alone", got)
	}
	if m := seeded.Items[0]; m.ManifestId != 68 || m.ShipmentProvider != "Pos Laju" || len(m.OrderItems) != 1 || m.OrderItems[0].OrderItemId != 5011 {
		t.Errorf("seeded manifest = %+v, want 68 of item 5011 with Pos Laju", m)
	}

	first := readyItems(t, s, 2, "")
	created, err := c.CreateManifestWithResponse(ctx, gen.OrderItemIds{OrderItemIds: []int{first[0], first[1], first[0]}})
	if err != nil || created.JSON201 == nil {
		t.Fatalf("CreateManifest(%v) = %v, %v; want 201", first, created.Status(), err)
	}
	m1 := *created.JSON201
	seller, err := s.Seller()
	if err != nil {
		t.Fatal(err)
	}
	if m1.ManifestCode != "my-4232" || m1.ShipmentProviderId != 1 || m1.SellerId != seller.Id || len(m1.OrderItems) != 2 ||
		m1.Type != gen.ManifestTypeForward || m1.Status != gen.ManifestStatusForwardReadyToShip || !m1.CreatedAt.Equal(clock.Now()) {
		t.Errorf("CreateManifest(%v, twice the first) = %+v, want my-4232 of both items once, Ninja Van (1), the seller, created now", first, m1)
	}
	for _, id := range first {
		if it, _ := s.OrderItem(id); it.ManifestStatus == nil || *it.ManifestStatus != gen.OrderItemManifestStatusForwardReadyToShip {
			t.Errorf("OrderItem(%d).ManifestStatus after CreateManifest = %v, want forward_ready_to_ship", id, it.ManifestStatus)
		}
	}
	clock.Advance(10 * time.Minute)
	second := readyItems(t, s, 1, "J&T Express")
	created, err = c.CreateManifestWithResponse(ctx, gen.OrderItemIds{OrderItemIds: second})
	if err != nil || created.JSON201 == nil || created.JSON201.ShipmentProviderId != 2 {
		t.Fatalf("CreateManifest(%v with J&T Express) = %v, %v; want 201 for carrier 2", second, created.Status(), err)
	}
	m2 := *created.JSON201
	order, err := s.Order(mustItem(t, s, second[0]).OrderId)
	if err != nil {
		t.Fatal(err)
	}

	filters := []struct {
		name string
		p    gen.ListManifestsParams
		want []string
	}{
		{"every one, oldest first", gen.ListManifestsParams{}, []string{"my-4231", "my-4232", "my-4233"}},
		{"by code, descending", gen.ListManifestsParams{Sort: gen.ListManifestsParamsSortManifestCode, SortDir: gen.SortDirectionDesc}, []string{"my-4233", "my-4232", "my-4231"}},
		{"codes", gen.ListManifestsParams{ManifestCodes: []string{"my-4233", "my-4231", "my-0000"}}, []string{"my-4231", "my-4233"}},
		{"order item", gen.ListManifestsParams{OrderItemIds: []int{first[1]}}, []string{"my-4232"}},
		{"order number", gen.ListManifestsParams{OrderNumbers: []string{order.Number}}, []string{"my-4233"}},
		{"created since the second", gen.ListManifestsParams{DateStart: m2.CreatedAt}, []string{"my-4233"}},
		{"created until the day before", gen.ListManifestsParams{DateEnd: datetime.Date(2024, 10, 7)}, []string{"my-4231"}},
		{"return manifests", gen.ListManifestsParams{Type: gen.ManifestTypeReturn}, []string{}},
		{"shipped", gen.ListManifestsParams{Status: gen.ManifestStatusForwardShipped}, []string{}},
	}
	for _, f := range filters {
		if got := manifestCodes(list(f.p).Items); !slices.Equal(got, f.want) {
			t.Errorf("ListManifests(%s) = %v, want %v", f.name, got, f.want)
		}
	}
	for _, pg := range []struct {
		offset  int
		want    []string
		hasNext bool
	}{{0, []string{"my-4231", "my-4232"}, true}, {2, []string{"my-4233"}, false}, {5, []string{}, false}} {
		p := list(gen.ListManifestsParams{Limit: 2, Offset: pg.offset})
		if got := manifestCodes(p.Items); !slices.Equal(got, pg.want) || p.Pagination.HasNext != pg.hasNext || p.Pagination.Offset != pg.offset {
			t.Errorf("ListManifests(limit 2, offset %d) = %v, hasNext %v; want %v, %v", pg.offset, got, p.Pagination.HasNext, pg.want, pg.hasNext)
		}
	}

	got, err := c.GetManifestWithResponse(ctx, m1.ManifestId)
	if err != nil || got.JSON200 == nil || got.JSON200.ManifestCode != m1.ManifestCode || got.JSON200.PackagesCount != 2 ||
		!slices.Equal(got.JSON200.Actions, []gen.ManifestAction{gen.ManifestActionPrintManifest, gen.ManifestActionStatusSetToShipped}) {
		t.Errorf("GetManifest(%d) = %+v, %v; want %s of two unpacked items that can be shipped", m1.ManifestId, got.JSON200, err, m1.ManifestCode)
	}
	if got, err := c.GetManifestWithResponse(ctx, 999); err != nil || got.JSON404 == nil || got.JSON404.Status != 404 {
		t.Errorf("GetManifest(999) = %v, %v; want 404 with a Problem", got.Status(), err)
	}

	doc, err := c.GetManifestDocumentWithResponse(ctx, &gen.GetManifestDocumentParams{ManifestCode: m1.ManifestCode})
	if err != nil || doc.JSON200 == nil {
		t.Fatalf("GetManifestDocument(%s) = %v, %v", m1.ManifestCode, doc.Status(), err)
	}
	page, err := base64.StdEncoding.DecodeString(doc.JSON200.File)
	if err != nil || doc.JSON200.DocumentType != "manifest" || !strings.Contains(string(page), m1.ManifestCode) || !strings.Contains(string(page), fmt.Sprint(first[1])) {
		t.Errorf("GetManifestDocument(%s) = %s, %q (%v); want an HTML page naming the manifest and its items", m1.ManifestCode, doc.JSON200.DocumentType, page, err)
	}
	if doc, err := c.GetManifestDocumentWithResponse(ctx, &gen.GetManifestDocumentParams{ManifestCode: "my-0000"}); err != nil || doc.JSON404 == nil {
		t.Errorf("GetManifestDocument(my-0000) = %v, %v; want 404", doc.Status(), err)
	}
	if status, _, body := call(t, s, token(t, s), http.MethodGet, "/v2/document/manifest", "", ""); status != 400 || !strings.Contains(string(body), "manifestCode") {
		t.Errorf("GET /v2/document/manifest without a code = %d %s, want 400 naming manifestCode", status, body)
	}

	exportManifests(t, c, s, m1.ManifestCode, []int{m1.ManifestId, m2.ManifestId})

	shipped, err := c.SetManifestsShippedWithResponse(ctx, gen.ManifestIds{ManifestIds: []int{68, 999}})
	if err != nil || shipped.JSON404 == nil {
		t.Errorf("SetManifestsShipped(68, 999) = %v, %v; want 404", shipped.Status(), err)
	}
	if m, _ := s.Manifest(68); m.Status != gen.ManifestStatusForwardReadyToShip {
		t.Errorf("Manifest(68).Status after a refused SetManifestsShipped = %s, want it unchanged", m.Status)
	}
	clock.Advance(10 * time.Minute)
	shipped, err = c.SetManifestsShippedWithResponse(ctx, gen.ManifestIds{ManifestIds: []int{m1.ManifestId, m2.ManifestId}})
	if err != nil || shipped.JSON200 == nil || len(*shipped.JSON200) != 2 {
		t.Fatalf("SetManifestsShipped(%d, %d) = %v, %v; want both", m1.ManifestId, m2.ManifestId, shipped.Status(), err)
	}
	for _, r := range *shipped.JSON200 {
		if r.Status != gen.ManifestStatusForwardShipped {
			t.Errorf("SetManifestsShipped result %s status = %s, want forward_shipped", r.ManifestCode, r.Status)
		}
	}
	for _, id := range append(slices.Clone(first), second...) {
		it := mustItem(t, s, id)
		if it.Status != gen.OrderItemStatusShipped || it.ManifestStatus == nil || *it.ManifestStatus != gen.OrderItemManifestStatusForwardShipped {
			t.Errorf("OrderItem(%d) after SetManifestsShipped = %s, manifest %v; want shipped, forward_shipped", id, it.Status, it.ManifestStatus)
		}
		h, _ := s.History(it.OrderId)
		if last := h[len(h)-1]; last.Status != gen.OrderItemStatusShipped || !strings.Contains(last.Note, "manifest my-42") {
			t.Errorf("History(%d) last = %+v, want shipped with the manifest named", it.OrderId, last)
		}
	}
	if m, _ := s.Manifest(m1.ManifestId); !slices.Equal(m.Actions, []gen.ManifestAction{gen.ManifestActionPrintManifest}) {
		t.Errorf("Manifest(%d).Actions after shipping = %v, want print_manifest alone", m1.ManifestId, m.Actions)
	}
	again, err := c.SetManifestsShippedWithResponse(ctx, gen.ManifestIds{ManifestIds: []int{68, m2.ManifestId}})
	if err != nil || again.JSON400 == nil || len(again.JSON400.Violations) != 1 || again.JSON400.Violations[0].PropertyPath != "manifestIds[1]" {
		t.Fatalf("SetManifestsShipped(68, shipped %d) = %v, %v; want 400 naming manifestIds[1]", m2.ManifestId, again.Status(), err)
	}
	if m, _ := s.Manifest(68); m.Status != gen.ManifestStatusForwardReadyToShip {
		t.Errorf("Manifest(68).Status after a refused SetManifestsShipped = %s, want it unchanged", m.Status)
	}
	if got := manifestCodes(list(gen.ListManifestsParams{Status: gen.ManifestStatusForwardShipped}).Items); !slices.Equal(got, []string{"my-4232", "my-4233"}) {
		t.Errorf("ListManifests(forward_shipped) = %v, want the two shipped", got)
	}
}

func mustItem(t *testing.T, s *Server, id int) gen.OrderItem {
	t.Helper()
	it, err := s.OrderItem(id)
	if err != nil {
		t.Fatal(err)
	}
	return it
}

// exportManifests exports the documents of ids and follows the job through
// the exports and files to the PDF, which names code.
func exportManifests(t *testing.T, c *gen.ClientWithResponses, s *Server, code string, ids []int) {
	t.Helper()
	ctx := context.Background()
	if resp, err := c.ExportManifestsWithResponse(ctx, gen.ManifestIds{ManifestIds: []int{ids[0], 999}}); err != nil || resp.JSON404 == nil {
		t.Errorf("ExportManifests(%d, 999) = %v, %v; want 404", ids[0], resp.Status(), err)
	}
	resp, err := c.ExportManifestsWithResponse(ctx, gen.ManifestIds{ManifestIds: ids})
	if err != nil || resp.JSON201 == nil {
		t.Fatalf("ExportManifests(%v) = %v, %v; want 201", ids, resp.Status(), err)
	}
	job := *resp.JSON201
	listed, err := c.ListExportsWithResponse(ctx, &gen.ListExportsParams{Limit: 20, ExportActions: []gen.ExportAction{gen.ExportActionManifestDocumentsAsPdf}})
	if err != nil || listed.JSON200 == nil || len(listed.JSON200.Items) != 1 || listed.JSON200.Items[0].Id != job.ExportItemId {
		t.Fatalf("ListExports(ManifestDocumentsAsPdf) = %+v, %v; want the one job %d (the refused export made none)", listed.JSON200, err, job.ExportItemId)
	}
	var links []string
	for range 3 {
		x, err := c.GetExportWithResponse(ctx, job.ExportItemId)
		if err != nil || x.JSON200 == nil {
			t.Fatalf("GetExport(%d) = %v, %v", job.ExportItemId, x.Status(), err)
		}
		if x.JSON200.Status == gen.ExportItemStatusFinished {
			links = x.JSON200.DownloadLinks
			break
		}
	}
	if len(links) != 1 || !strings.HasSuffix(links[0], job.Uuid) {
		t.Fatalf("GetExport(%d) download links = %v, want one to file %s once finished", job.ExportItemId, links, job.Uuid)
	}
	file, err := c.DownloadFile(ctx, job.Uuid)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Body.Close()
	pdf, err := io.ReadAll(file.Body)
	if err != nil || file.StatusCode != 200 || !strings.HasPrefix(string(pdf), "%PDF") || !strings.Contains(string(pdf), code) {
		t.Errorf("DownloadFile(%s) = %d %q (%v), want the PDF naming %s", job.Uuid, file.StatusCode, pdf, err, code)
	}
}

// TestCreateManifestRefusals sends items a manifest cannot take: each is a
// 400 naming the item's place in the request, and nothing changes.
func TestCreateManifestRefusals(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	c := apiClient(t, s)
	ready := readyItems(t, s, 2, "")
	other := readyItems(t, s, 1, "J&T Express")
	pending, _ := addItem(t, s, gen.OrderItemStatusPending)
	delivered, _ := addItem(t, s, gen.OrderItemStatusDelivered)
	o, err := s.AddOrder(gen.Order{Items: []gen.OrderItem{{Status: gen.OrderItemStatusReadyToShip,
		Shipment: gen.ItemShipment{ProviderType: ptr(gen.ItemShipmentProviderTypeDigital)}}}})
	if err != nil {
		t.Fatal(err)
	}
	digital := o.Items[0].Id

	tests := []struct {
		name  string
		ids   []int
		path  string
		title string
	}{
		{"no items", []int{}, "orderItemIds", "at least one order item"},
		{"unknown item", []int{ready[0], 999999}, "orderItemIds[1]", "E023: order item 999999 does not exist"},
		{"pending item", []int{pending}, "orderItemIds[0]", "has status pending; only ready_to_ship and shipped"},
		{"delivered item", []int{delivered, ready[0]}, "orderItemIds[0]", "has status delivered"},
		{"item of a manifest", []int{5011}, "orderItemIds[0]", "is in manifest my-4231 already"},
		{"digital item", []int{digital}, "orderItemIds[0]", "has no carrier"},
		{"two carriers", []int{ready[0], ready[1], other[0]}, "orderItemIds[2]", "ships with J&T Express, not Ninja Van"},
	}
	// The group returns once its parallel cases are done, so the checks
	// after it see the state they left.
	t.Run("refused", func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				resp, err := c.CreateManifestWithResponse(context.Background(), gen.OrderItemIds{OrderItemIds: tt.ids})
				if err != nil || resp.JSON400 == nil {
					t.Fatalf("CreateManifest(%v) = %v, %v; want 400", tt.ids, resp.Status(), err)
				}
				v := resp.JSON400
				if len(v.Violations) != 1 || v.Violations[0].PropertyPath != tt.path || !strings.Contains(v.Violations[0].Title, tt.title) || v.Title != "Validation Failed" {
					t.Errorf("CreateManifest(%v) = %+v, want one violation at %s saying %q", tt.ids, *v, tt.path, tt.title)
				}
			})
		}
	})
	if got := s.Manifests(); len(got) != 1 {
		t.Errorf("Manifests() after refusals = %v, want the seeded one alone", manifestCodes(got))
	}
	for _, id := range append(ready, other...) {
		if it := mustItem(t, s, id); it.ManifestStatus != nil {
			t.Errorf("OrderItem(%d).ManifestStatus after refusals = %s, want none", id, *it.ManifestStatus)
		}
	}
	if got := s.ManifestableItemIDs(); !slices.Contains(got, ready[0]) || slices.Contains(got, 5011) || slices.Contains(got, pending) {
		t.Errorf("ManifestableItemIDs() = %v, want the ready items but not 5011 or the pending one", got)
	}
}

// TestManifestsAdoptManifestedItems adds items that say they are in a
// manifest; the manifests show them, a return manifest with the reason.
func TestManifestsAdoptManifestedItems(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	status := gen.OrderItemManifestStatusReturnShipped
	o, err := s.AddOrder(gen.Order{Items: []gen.OrderItem{
		{Status: gen.OrderItemStatusReturnShippedByCustomer, ManifestStatus: &status},
		{Status: gen.OrderItemStatusReturnShippedByCustomer, ManifestStatus: &status},
	}})
	if err != nil {
		t.Fatal(err)
	}
	ms := s.Manifests()
	if len(ms) != 2 {
		t.Fatalf("Manifests() = %v, want the seeded one and one return manifest", manifestCodes(ms))
	}
	r := ms[1]
	if r.Type != gen.ManifestTypeReturn || r.Status != gen.ManifestStatusReturnShipped || len(r.OrderItems) != 2 || r.OrderItems[0].OrderItemId != o.Items[0].Id ||
		!slices.Contains(r.Actions, gen.ManifestActionPrintCreditNote) || slices.Contains(r.Actions, gen.ManifestActionStatusSetToShipped) {
		t.Errorf("return manifest = %+v, want both items, return_shipped, printable with a credit note", r)
	}
	if again := s.Manifests(); len(again) != 2 {
		t.Errorf("Manifests() a second time = %v, want the same two", manifestCodes(again))
	}
}

// TestManifestOfShippedItems files items shipped without a manifest into
// one; shipping it moves the manifest but leaves the items and their
// history as they were.
func TestManifestOfShippedItems(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	c := apiClient(t, s)
	ctx := context.Background()
	id, orderID := addItem(t, s, gen.OrderItemStatusShipped)
	before, _ := s.History(orderID)
	created, err := c.CreateManifestWithResponse(ctx, gen.OrderItemIds{OrderItemIds: []int{id}})
	if err != nil || created.JSON201 == nil {
		t.Fatalf("CreateManifest(shipped %d) = %v, %v; want 201", id, created.Status(), err)
	}
	shipped, err := c.SetManifestsShippedWithResponse(ctx, gen.ManifestIds{ManifestIds: []int{created.JSON201.ManifestId}})
	if err != nil || shipped.JSON200 == nil || (*shipped.JSON200)[0].Status != gen.ManifestStatusForwardShipped {
		t.Fatalf("SetManifestsShipped(%d) = %v, %v; want it forward_shipped", created.JSON201.ManifestId, shipped.Status(), err)
	}
	it := mustItem(t, s, id)
	after, _ := s.History(orderID)
	if it.Status != gen.OrderItemStatusShipped || it.ManifestStatus == nil || *it.ManifestStatus != gen.OrderItemManifestStatusForwardShipped || len(after) != len(before) {
		t.Errorf("OrderItem(%d) = %s, manifest %v, %d history entries; want shipped, forward_shipped, still %d", id, it.Status, it.ManifestStatus, len(after), len(before))
	}
}
