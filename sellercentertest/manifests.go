package sellercentertest

import (
	"fmt"
	"maps"
	"slices"

	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
)

// manifestBook holds the shipping manifests: lists of order items handed to
// one carrier together. An item is in at most one manifest.
type manifestBook struct {
	byID   map[int]*manifest
	byItem map[int]int // manifest id of each manifested item
	next   int
}

type manifest struct {
	id        int
	code      string
	tracking  string
	typ       gen.ManifestType
	status    gen.ManifestStatus
	provider  string // carrier name, "" for none
	itemIDs   []int
	createdAt datetime.Time
}

// The first manifest gets the vendor's example id, 68, and code, my-4231.
const (
	firstManifestID  = 68
	manifestCodeBase = 4231 - firstManifestID
)

func newManifestBook() *manifestBook {
	return &manifestBook{byID: map[int]*manifest{}, byItem: map[int]int{}, next: firstManifestID}
}

// adoptManifested files every item whose manifestStatus is set but that is
// in no manifest yet (the seed's, and those AddOrder was given) into a
// manifest per direction, status and carrier, so that what an item says is
// what the manifests show. It runs before every manifest call; once all are
// filed it changes nothing.
func (st *store) adoptManifested() {
	b := st.manifests
	type group struct {
		status   gen.ManifestStatus
		provider string
	}
	var order []group
	members := map[group][]*item{}
	for _, id := range st.sortedItemIDs() {
		it := st.items[id]
		if it.it.ManifestStatus == nil {
			continue
		}
		if _, ok := b.byItem[id]; ok {
			continue
		}
		g := group{gen.ManifestStatus(*it.it.ManifestStatus), carrierName(it)}
		if members[g] == nil {
			order = append(order, g)
		}
		members[g] = append(members[g], it)
	}
	for _, g := range order {
		m := st.newManifest(members[g], g.provider)
		m.status = g.status
		// A seeded manifest was made when its last item became ready.
		var made datetime.Time
		for _, it := range members[g] {
			if at := it.it.LastStatusChangedAt; at != nil && at.After(made.Time) {
				made = *at
			}
		}
		if !made.IsZero() {
			m.createdAt = made
		}
		m.typ = gen.ManifestTypeForward
		if isReturnStatus(g.status) {
			m.typ = gen.ManifestTypeReturn
		}
	}
}

// newManifest stores a forward manifest, ready to ship, of items.
func (st *store) newManifest(items []*item, provider string) *manifest {
	b := st.manifests
	id := b.next
	b.next++
	m := &manifest{
		id: id, code: fmt.Sprintf("my-%d", manifestCodeBase+id), tracking: fmt.Sprintf("MNF%08d", 52000000+id),
		typ: gen.ManifestTypeForward, status: gen.ManifestStatusForwardReadyToShip, provider: provider,
		itemIDs: ids(items), createdAt: st.stamp(),
	}
	b.byID[id] = m
	for _, it := range items {
		b.byItem[it.it.Id] = id
	}
	return m
}

func isReturnStatus(s gen.ManifestStatus) bool {
	switch s {
	case gen.ManifestStatusReturnReadyToShip, gen.ManifestStatusReturnReceived, gen.ManifestStatusReturnShipped:
		return true
	}
	return false
}

// carrierName is the carrier an item ships with: the one it was packed
// for, else the preselected one, else "".
func carrierName(it *item) string {
	if p := it.it.Shipment.Provider; p != nil {
		return p.Name
	}
	if p := it.it.Shipment.PreProvider; p != nil {
		return p.Name
	}
	return ""
}

// shippedStatus is where setManifestsShipped moves a manifest, and false
// for one that is shipped already.
func shippedStatus(s gen.ManifestStatus) (gen.ManifestStatus, bool) {
	switch s {
	case gen.ManifestStatusForwardReadyToShip, gen.ManifestStatusForwardReceived:
		return gen.ManifestStatusForwardShipped, true
	case gen.ManifestStatusReturnReadyToShip, gen.ManifestStatusReturnReceived:
		return gen.ManifestStatusReturnShipped, true
	}
	return s, false
}

// setManifestStatus moves a manifest and the manifestStatus of its items.
func (st *store) setManifestStatus(m *manifest, status gen.ManifestStatus) {
	m.status = status
	at := st.stamp()
	for _, id := range m.itemIDs {
		it := st.items[id]
		it.it.ManifestStatus = ptr(gen.OrderItemManifestStatus(status))
		it.it.UpdatedAt = ptr(at)
	}
}

func manifestActions(m *manifest) []gen.ManifestAction {
	a := []gen.ManifestAction{gen.ManifestActionPrintManifest}
	if _, ok := shippedStatus(m.status); ok {
		a = append(a, gen.ManifestActionStatusSetToShipped)
	}
	if m.typ == gen.ManifestTypeReturn {
		a = append(a, gen.ManifestActionPrintCreditNote)
	}
	return a
}

func (st *store) manifestItems(m *manifest) []gen.ManifestOrderItem {
	out := make([]gen.ManifestOrderItem, 0, len(m.itemIDs))
	for _, id := range m.itemIDs {
		mi := gen.ManifestOrderItem{OrderItemId: id}
		if it := st.items[id]; m.typ == gen.ManifestTypeReturn && it.ret != nil && it.ret.ReturnComment != nil {
			mi.ReturnReason = ptr(*it.ret.ReturnComment)
		}
		out = append(out, mi)
	}
	return out
}

// renderManifest returns a manifest as getManifest and listManifests show it.
func (st *store) renderManifest(m *manifest) gen.Manifest {
	packages := map[int]bool{}
	loose := 0
	for _, id := range m.itemIDs {
		if p := st.items[id].packageID; p != 0 {
			packages[p] = true
		} else {
			loose++
		}
	}
	return gen.Manifest{
		ManifestId: m.id, ManifestCode: m.code, TrackingCode: m.tracking, Type: m.typ, Status: m.status,
		ShipmentProvider: m.provider, OrderItems: st.manifestItems(m), Actions: manifestActions(m),
		PackagesCount: len(packages) + loose, CreatedAt: m.createdAt,
	}
}

// manifestResult returns a manifest as createManifest and
// setManifestsShipped answer it.
func (st *store) manifestResult(m *manifest) gen.ManifestResult {
	out := gen.ManifestResult{
		ManifestId: m.id, ManifestCode: m.code, TrackingCode: m.tracking, Type: m.typ, Status: m.status,
		OrderItems: st.manifestItems(m), CreatedAt: m.createdAt, SellerId: st.seller.Id,
	}
	if p := st.provider(m.provider); p != nil {
		out.ShipmentProviderId = p.Id
	}
	return out
}

func (b *manifestBook) sortedIDs() []int {
	return slices.Sorted(maps.Keys(b.byID))
}

func (b *manifestBook) byCode(code string) *manifest {
	for _, m := range b.byID {
		if m.code == code {
			return m
		}
	}
	return nil
}

// Manifest returns the manifest with id as getManifest shows it.
func (s *Server) Manifest(id int) (gen.Manifest, error) {
	st := s.st
	st.mu.Lock()
	defer st.mu.Unlock()
	st.adoptManifested()
	m, ok := st.manifests.byID[id]
	if !ok {
		return gen.Manifest{}, fmt.Errorf("manifest %d: %w", id, ErrNotFound)
	}
	return st.renderManifest(m), nil
}

// Manifests returns every manifest, by id, as getManifest shows them.
func (s *Server) Manifests() []gen.Manifest {
	st := s.st
	st.mu.Lock()
	defer st.mu.Unlock()
	st.adoptManifested()
	out := []gen.Manifest{}
	for _, id := range st.manifests.sortedIDs() {
		out = append(out, st.renderManifest(st.manifests.byID[id]))
	}
	return out
}

// ManifestableItemIDs returns the ids of the items createManifest accepts,
// ascending: ready to ship or shipped, with a carrier and in no manifest.
func (s *Server) ManifestableItemIDs() []int {
	st := s.st
	st.mu.Lock()
	defer st.mu.Unlock()
	st.adoptManifested()
	var out []int
	for _, id := range st.sortedItemIDs() {
		if st.manifestRefusal(st.items[id]) == "" {
			out = append(out, id)
		}
	}
	return out
}

// manifestRefusal says why an item cannot go into a new manifest, or "".
func (st *store) manifestRefusal(it *item) string {
	id := it.it.Id
	switch {
	case it.it.Status != gen.OrderItemStatusReadyToShip && it.it.Status != gen.OrderItemStatusShipped:
		return fmt.Sprintf("order item %d has status %s; only ready_to_ship and shipped items go into a manifest", id, it.it.Status)
	case isDigital(&it.it) || carrierName(it) == "":
		return fmt.Sprintf("order item %d has no carrier to hand it to", id)
	}
	if m, ok := st.manifests.byItem[id]; ok {
		return fmt.Sprintf("order item %d is in manifest %s already", id, st.manifests.byID[m].code)
	}
	return ""
}
