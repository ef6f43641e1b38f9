package sellercentertest

import (
	"context"
	"encoding/base64"
	"fmt"
	"html"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/gen/server"
)

// ListManifests lists manifests one page at a time.
func (a *api) ListManifests(ctx context.Context, req server.ListManifestsRequestObject) (server.ListManifestsResponseObject, error) {
	p := req.Params
	dateParams(ctx, map[string]*datetime.Time{"dateStart": &p.DateStart, "dateEnd": &p.DateEnd})
	st := a.st
	st.adoptManifested()
	var ms []*manifest
	for _, id := range st.manifests.sortedIDs() {
		if m := st.manifests.byID[id]; st.matchManifest(m, p) {
			ms = append(ms, m)
		}
	}
	less := func(x, y *manifest) bool { return x.createdAt.Before(y.createdAt.Time) }
	if p.Sort == gen.ListManifestsParamsSortManifestCode {
		less = func(x, y *manifest) bool { return x.code < y.code }
	}
	desc := p.SortDir == gen.SortDirectionDesc
	sort.SliceStable(ms, func(i, j int) bool {
		if less(ms[i], ms[j]) == less(ms[j], ms[i]) {
			return (ms[i].id < ms[j].id) != desc
		}
		return less(ms[i], ms[j]) != desc
	})
	from, to, hasNext := page(len(ms), p.Offset, p.Limit)
	out := server.ListManifests200JSONResponse{Items: []gen.Manifest{}, Pagination: gen.OpenPagination{
		Limit: p.Limit, Offset: p.Offset, HasNext: hasNext}}
	for _, m := range ms[from:to] {
		out.Items = append(out.Items, st.renderManifest(m))
	}
	return out, nil
}

func (st *store) matchManifest(m *manifest, p gen.ListManifestsParams) bool {
	switch {
	case p.Type != "" && m.typ != p.Type,
		p.Status != "" && m.status != p.Status,
		len(p.ManifestCodes) > 0 && !slices.Contains(p.ManifestCodes, m.code),
		!within(m.createdAt.Time, p.DateStart, p.DateEnd):
		return false
	}
	if len(p.OrderItemIds) > 0 && !slices.ContainsFunc(m.itemIDs, func(id int) bool { return slices.Contains(p.OrderItemIds, id) }) {
		return false
	}
	if len(p.OrderNumbers) > 0 && !slices.ContainsFunc(m.itemIDs, func(id int) bool {
		return slices.Contains(p.OrderNumbers, st.orders[st.items[id].it.OrderId].o.Number)
	}) {
		return false
	}
	return true
}

// GetManifest returns one manifest.
func (a *api) GetManifest(_ context.Context, req server.GetManifestRequestObject) (server.GetManifestResponseObject, error) {
	st := a.st
	st.adoptManifested()
	m, ok := st.manifests.byID[req.ManifestId]
	if !ok {
		return server.GetManifest404JSONResponse{NotFoundJSONResponse: notFound("manifest", req.ManifestId)}, nil
	}
	return server.GetManifest200JSONResponse(st.renderManifest(m)), nil
}

// CreateManifest puts ready-to-ship or shipped items of one carrier into a
// new forward manifest. Any refused item refuses the whole request.
func (a *api) CreateManifest(_ context.Context, req server.CreateManifestRequestObject) (server.CreateManifestResponseObject, error) {
	st := a.st
	st.adoptManifested()
	ids := bodyIDs(req.Body)
	var vs []violation
	if len(ids) == 0 {
		vs = append(vs, violation{path: "orderItemIds", title: "at least one order item is needed", typ: "array"})
	}
	var items []*item
	for i, id := range ids {
		path := "orderItemIds[" + strconv.Itoa(i) + "]"
		it, ok := st.items[id]
		if !ok {
			vs = append(vs, violation{path: path, title: fmt.Sprintf("E023: order item %d does not exist", id), value: strconv.Itoa(id), typ: "integer"})
			continue
		}
		if slices.Contains(items, it) {
			continue
		}
		if why := st.manifestRefusal(it); why != "" {
			vs = append(vs, violation{path: path, title: why, value: strconv.Itoa(id), typ: "integer"})
			continue
		}
		if len(items) > 0 && carrierName(it) != carrierName(items[0]) {
			vs = append(vs, violation{path: path, title: fmt.Sprintf("order item %d ships with %s, not %s like order item %d; a manifest is for one carrier",
				id, carrierName(it), carrierName(items[0]), items[0].it.Id), value: strconv.Itoa(id), typ: "integer"})
			continue
		}
		items = append(items, it)
	}
	if len(vs) > 0 {
		return server.CreateManifest400JSONResponse{BadRequestJSONResponse: badRequest(vs...)}, nil
	}
	m := st.newManifest(items, carrierName(items[0]))
	st.setManifestStatus(m, m.status)
	return server.CreateManifest201JSONResponse(st.manifestResult(m)), nil
}

// lookupManifests returns the manifests of ids once each, in request order,
// or the 404 body of the first unknown one.
func (st *store) lookupManifests(ids []int) ([]*manifest, *server.NotFoundJSONResponse) {
	var out []*manifest
	for _, id := range uniqueIDs(ids) {
		m, ok := st.manifests.byID[id]
		if !ok {
			nf := notFound("manifest", id)
			return nil, &nf
		}
		out = append(out, m)
	}
	return out, nil
}

func manifestIDs(b *gen.ManifestIds) []int {
	if b == nil {
		return nil
	}
	return b.ManifestIds
}

// SetManifestsShipped hands manifests to their carrier: the manifests and
// their items' manifestStatus become shipped, and the forward items still
// ready to ship become shipped. All or nothing.
func (a *api) SetManifestsShipped(_ context.Context, req server.SetManifestsShippedRequestObject) (server.SetManifestsShippedResponseObject, error) {
	st := a.st
	st.adoptManifested()
	ms, nf := st.lookupManifests(manifestIDs(req.Body))
	if nf != nil {
		return server.SetManifestsShipped404JSONResponse{NotFoundJSONResponse: *nf}, nil
	}
	var vs []violation
	for i, m := range ms {
		if _, ok := shippedStatus(m.status); !ok {
			vs = append(vs, violation{path: "manifestIds[" + strconv.Itoa(i) + "]", title: fmt.Sprintf("manifest %d (%s) is %s already", m.id, m.code, m.status),
				value: strconv.Itoa(m.id), typ: "integer"})
		}
	}
	if len(vs) > 0 {
		return server.SetManifestsShipped400JSONResponse{BadRequestJSONResponse: badRequest(vs...)}, nil
	}
	out := server.SetManifestsShipped200JSONResponse{}
	for _, m := range ms {
		to, _ := shippedStatus(m.status)
		st.setManifestStatus(m, to)
		for _, id := range m.itemIDs {
			if it := st.items[id]; m.typ == gen.ManifestTypeForward && it.it.Status == gen.OrderItemStatusReadyToShip {
				st.setStatus(it, gen.OrderItemStatusShipped, "shipped with manifest "+m.code, st.editor)
			}
		}
		out = append(out, st.manifestResult(m))
	}
	return out, nil
}

// manifestHTML is the printable page of a manifest.
func (st *store) manifestHTML(m *manifest) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html><title>Manifest %s</title><h1>Manifest %s</h1><p>Carrier: %s, tracking code %s, %s</p>"+
		"<table><tr><th>Order</th><th>Order item</th><th>Seller SKU</th><th>Tracking code</th></tr>",
		html.EscapeString(m.code), html.EscapeString(m.code), html.EscapeString(m.provider), html.EscapeString(m.tracking), m.status)
	for _, id := range m.itemIDs {
		it := st.items[id]
		fmt.Fprintf(&b, "<tr><td>%s</td><td>%d</td><td>%s</td><td>%s</td></tr>", html.EscapeString(st.orders[it.it.OrderId].o.Number),
			id, html.EscapeString(it.it.Product.SellerSku), html.EscapeString(it.it.Shipment.TrackingCode))
	}
	b.WriteString("</table>")
	return b.String()
}

// GetManifestDocument returns a manifest's page, base64-encoded.
func (a *api) GetManifestDocument(_ context.Context, req server.GetManifestDocumentRequestObject) (server.GetManifestDocumentResponseObject, error) {
	st := a.st
	st.adoptManifested()
	m := st.manifests.byCode(req.Params.ManifestCode)
	if m == nil {
		return server.GetManifestDocument404JSONResponse{NotFoundJSONResponse: notFound("manifest", req.Params.ManifestCode)}, nil
	}
	return server.GetManifestDocument200JSONResponse{DocumentType: "manifest", MimeType: "text/html",
		File: base64.StdEncoding.EncodeToString([]byte(st.manifestHTML(m)))}, nil
}

// ExportManifests starts an export of manifests' documents; listExports
// shows it under ManifestDocumentsAsPdf.
func (a *api) ExportManifests(_ context.Context, req server.ExportManifestsRequestObject) (server.ExportManifestsResponseObject, error) {
	st := a.st
	st.adoptManifested()
	ms, nf := st.lookupManifests(manifestIDs(req.Body))
	if nf != nil {
		return server.ExportManifests404JSONResponse{NotFoundJSONResponse: *nf}, nil
	}
	codes := make([]string, len(ms))
	for i, m := range ms {
		codes[i] = m.code
	}
	label := "Manifests: " + strings.Join(codes, ", ")
	content := []byte("%PDF-1.4\n% sellercentertest " + label + "\n")
	x := st.newExport(gen.ExportActionManifestDocumentsAsPdf, label, "pdf", st.now(), content, "application/pdf")
	return server.ExportManifests201JSONResponse{ExportItemId: x.id, Uuid: x.fileUUID}, nil
}
