package sellercentertest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
)

// StateFormat names the files SaveState writes, and StateVersion is the
// version of their layout; Config.State refuses a file of another format
// or version.
const (
	StateFormat  = "sellercentertest-state"
	StateVersion = 1
)

// ErrState is returned, wrapped, by NewServer when Config.State cannot be
// read: not JSON, not a state file, another version, or inconsistent.
var ErrState = errors.New("sellercentertest: bad state")

// The state keeps the order side of the fake and the stock and prices of
// its products; statePersists lists the operations whose changes it keeps.
// Every other change (product sets, images, feeds, exports and documents,
// users, webhooks, finance entries, seller settings) and the server's
// tokens, faults and request log start afresh from Config.
var statePersists = map[string]bool{
	"setOrderItemsReadyToShip": true, "setOrderItemsPackedByMarketplace": true, "setOrderItemsShipped": true,
	"setOrderItemsDelivered": true, "setOrderItemsDeliveryFailed": true, "setOrderItemsCanceled": true,
	"setOrderItemsReturned": true, "setOrderItemsReturnReceived": true, "setOrderItemsReturnApproved": true,
	"setOrderItemsReturnRejected": true, "adminChangeOrderItemStatuses": true,
	"setOrderItemTrackingCode": true, "setOrderItemShippingProvider": true,
	"setInvoiceNumber": true, "setInvoiceAccessKeys": true, "generateInvoiceNumber": true, "updateInvoiceNumberSettings": true,
	"createManifest": true, "setManifestsShipped": true,
	"updateProductStock": true, "setWarehouseStock": true,
	"updateProductSetPrices": true, "updateProductPrice": true, "setProductPriceStatus": true,
}

// StatePersists reports whether SaveState keeps what a successful request
// of operation (an operationId) changes. Reading operations change
// nothing, so they report false as well.
func StatePersists(operation string) bool { return statePersists[operation] }

type stateFile struct {
	Format    string                          `json:"format"`
	Version   int                             `json:"version"`
	SavedAt   time.Time                       `json:"savedAt"`
	Orders    []stateOrder                    `json:"orders"`
	Items     []stateItem                     `json:"items"`
	Packages  []statePackage                  `json:"packages"`
	History   map[int][]gen.OrderHistoryEntry `json:"history"`
	Manifests []stateManifest                 `json:"manifests"`
	Products  []stateProduct                  `json:"products"`
	Invoice   stateInvoice                    `json:"invoice"`
	Next      stateCounters                   `json:"next"`
}

type stateOrder struct {
	Order   gen.Order `json:"order"`
	ItemIDs []int     `json:"itemIds"`
	Printed bool      `json:"printed"`
}

type stateItem struct {
	Item       gen.OrderItem        `json:"item"`
	Vouchers   []gen.ItemVoucher    `json:"vouchers"`
	PackageID  int                  `json:"packageId"`
	Tags       []stateTag           `json:"tags"`
	Return     *gen.OrderItemReturn `json:"return"`
	ReturnedBy string               `json:"returnedBy"`
}

type stateTag struct {
	ID    int            `json:"id"`
	DueAt *datetime.Time `json:"dueAt"`
}

type statePackage struct {
	ID           int              `json:"id"`
	SrcID        string           `json:"srcId"`
	ItemIDs      []int            `json:"itemIds"`
	DeliveryType gen.DeliveryType `json:"deliveryType"`
}

type stateManifest struct {
	ID        int                `json:"id"`
	Code      string             `json:"code"`
	Tracking  string             `json:"tracking"`
	Type      gen.ManifestType   `json:"type"`
	Status    gen.ManifestStatus `json:"status"`
	Provider  string             `json:"provider"`
	ItemIDs   []int              `json:"itemIds"`
	CreatedAt datetime.Time      `json:"createdAt"`
}

type stateProduct struct {
	ID     int                   `json:"id"`
	Stock  map[int]int           `json:"stock"` // warehouse id -> quantity
	Prices map[string]statePrice `json:"prices"`
}

type statePrice struct {
	Price  *float64        `json:"price"`
	Sale   *float64        `json:"sale"`
	Start  *datetime.Time  `json:"start"`
	End    *datetime.Time  `json:"end"`
	Status gen.PriceStatus `json:"status"`
}

type stateInvoice struct {
	GenerationType string `json:"generationType"`
	Prefix         string `json:"prefix"`
	NextNumber     int    `json:"nextNumber"`
}

type stateCounters struct {
	Order, Item, Package, Manifest, UUID int
}

// SaveState writes the part of the server's state that Config.State can
// restore, as versioned JSON: orders with their items, packages, history,
// invoice numbering and manifests, and the stock and prices of every
// product. StatePersists tells which operations' changes that covers.
func (s *Server) SaveState(w io.Writer) error {
	st := s.st
	st.mu.Lock()
	f := stateFile{
		Format: StateFormat, Version: StateVersion, SavedAt: st.now().UTC(),
		History: map[int][]gen.OrderHistoryEntry{},
		Invoice: stateInvoice{st.invoice.generationType, st.invoice.prefix, st.invoice.nextNumber},
		Next:    stateCounters{st.nextOrder, st.nextItem, st.nextPackage, st.manifests.next, st.nextUUID},
	}
	for _, id := range slices.Sorted(maps.Keys(st.orders)) {
		o := st.orders[id]
		f.Orders = append(f.Orders, stateOrder{Order: o.o, ItemIDs: o.itemIDs, Printed: o.printed})
	}
	for _, id := range slices.Sorted(maps.Keys(st.items)) {
		it := st.items[id]
		si := stateItem{Item: it.it, Vouchers: it.vouchers, PackageID: it.packageID, Return: it.ret, ReturnedBy: it.returnedBy}
		for _, t := range it.tags {
			si.Tags = append(si.Tags, stateTag{ID: t.id, DueAt: t.dueAt})
		}
		f.Items = append(f.Items, si)
	}
	for _, id := range slices.Sorted(maps.Keys(st.packages)) {
		p := st.packages[id]
		f.Packages = append(f.Packages, statePackage{ID: p.id, SrcID: p.srcID, ItemIDs: p.itemIDs, DeliveryType: p.deliveryType})
	}
	maps.Copy(f.History, st.history)
	for _, id := range slices.Sorted(maps.Keys(st.manifests.byID)) {
		m := st.manifests.byID[id]
		f.Manifests = append(f.Manifests, stateManifest{m.id, m.code, m.tracking, m.typ, m.status, m.provider, m.itemIDs, m.createdAt})
	}
	for _, id := range slices.Sorted(maps.Keys(st.cat.products)) {
		p := st.cat.products[id]
		sp := stateProduct{ID: id, Stock: p.stock, Prices: map[string]statePrice{}}
		for c, r := range p.prices {
			sp.Prices[c] = statePrice{r.price, r.sale, r.start, r.end, r.status}
		}
		f.Products = append(f.Products, sp)
	}
	// Marshalling under the lock copies every slice and pointer shared with
	// the store before a request can change them.
	b, err := json.MarshalIndent(f, "", " ")
	st.mu.Unlock()
	if err != nil {
		return fmt.Errorf("sellercentertest: saving state: %w", err)
	}
	if _, err := w.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("sellercentertest: saving state: %w", err)
	}
	return nil
}

// restore replaces the order side of a freshly seeded store with the state
// in r and applies the stock and prices it holds; see SaveState.
func (st *store) restore(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("%w: reading: %w", ErrState, err)
	}
	// The format is checked before the version, whose type may be
	// anything in a file that is not ours.
	var head struct {
		Format  any             `json:"format"`
		Version json.RawMessage `json:"version"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return fmt.Errorf("%w: not a state file: %w", ErrState, err)
	}
	if head.Format != StateFormat {
		return fmt.Errorf("%w: not a state file (format %v, want %q)", ErrState, quoteAny(head.Format), StateFormat)
	}
	if v := string(head.Version); v != strconv.Itoa(StateVersion) {
		if v == "" {
			v = "missing"
		}
		return fmt.Errorf("%w: version %s; this build reads version %d only", ErrState, v, StateVersion)
	}
	var f stateFile
	if err := json.Unmarshal(b, &f); err != nil {
		return fmt.Errorf("%w: %w", ErrState, err)
	}
	orders := map[int]*order{}
	items := map[int]*item{}
	packages := map[int]*pkg{}
	for _, so := range f.Orders {
		if _, dup := orders[so.Order.Id]; dup || so.Order.Id <= 0 {
			return fmt.Errorf("%w: order id %d is missing or repeated", ErrState, so.Order.Id)
		}
		orders[so.Order.Id] = &order{o: so.Order, itemIDs: so.ItemIDs, printed: so.Printed}
	}
	for _, si := range f.Items {
		id := si.Item.Id
		if _, dup := items[id]; dup || id <= 0 {
			return fmt.Errorf("%w: order item id %d is missing or repeated", ErrState, id)
		}
		if orders[si.Item.OrderId] == nil {
			return fmt.Errorf("%w: order item %d belongs to order %d, which the state does not have", ErrState, id, si.Item.OrderId)
		}
		if !knownStatuses[si.Item.Status] {
			return fmt.Errorf("%w: order item %d has unknown status %q", ErrState, id, si.Item.Status)
		}
		it := &item{it: si.Item, vouchers: si.Vouchers, packageID: si.PackageID, ret: si.Return, returnedBy: si.ReturnedBy}
		for _, t := range si.Tags {
			it.tags = append(it.tags, assignedTag{id: t.ID, dueAt: t.DueAt})
		}
		items[id] = it
	}
	for id, o := range orders {
		for _, iid := range o.itemIDs {
			if items[iid] == nil || items[iid].it.OrderId != id {
				return fmt.Errorf("%w: order %d lists item %d, which the state does not have for it", ErrState, id, iid)
			}
		}
	}
	for _, sp := range f.Packages {
		if _, dup := packages[sp.ID]; dup || sp.ID <= 0 {
			return fmt.Errorf("%w: package id %d is missing or repeated", ErrState, sp.ID)
		}
		for _, iid := range sp.ItemIDs {
			if items[iid] == nil {
				return fmt.Errorf("%w: package %d holds item %d, which the state does not have", ErrState, sp.ID, iid)
			}
		}
		packages[sp.ID] = &pkg{id: sp.ID, srcID: sp.SrcID, itemIDs: sp.ItemIDs, deliveryType: sp.DeliveryType}
	}
	for id, it := range items {
		if it.packageID != 0 && packages[it.packageID] == nil {
			return fmt.Errorf("%w: order item %d is in package %d, which the state does not have", ErrState, id, it.packageID)
		}
	}
	for oid := range f.History {
		if orders[oid] == nil {
			return fmt.Errorf("%w: history of order %d, which the state does not have", ErrState, oid)
		}
	}
	book := newManifestBook()
	for _, sm := range f.Manifests {
		if _, dup := book.byID[sm.ID]; dup || sm.ID <= 0 {
			return fmt.Errorf("%w: manifest id %d is missing or repeated", ErrState, sm.ID)
		}
		for _, iid := range sm.ItemIDs {
			if items[iid] == nil {
				return fmt.Errorf("%w: manifest %d holds item %d, which the state does not have", ErrState, sm.ID, iid)
			}
			book.byItem[iid] = sm.ID
		}
		book.byID[sm.ID] = &manifest{id: sm.ID, code: sm.Code, tracking: sm.Tracking, typ: sm.Type, status: sm.Status,
			provider: sm.Provider, itemIDs: sm.ItemIDs, createdAt: sm.CreatedAt}
	}
	for _, sp := range f.Products {
		p := st.cat.products[sp.ID]
		if p == nil {
			return fmt.Errorf("%w: stock and prices of product %d, which this server does not have (was the state saved from a server with other seed data?)", ErrState, sp.ID)
		}
		for wid := range sp.Stock {
			if st.cat.warehouses[wid] == nil {
				return fmt.Errorf("%w: stock of product %d in warehouse %d, which this server does not have", ErrState, sp.ID, wid)
			}
		}
	}
	st.orders, st.items, st.packages, st.history, st.manifests = orders, items, packages, f.History, book
	if st.history == nil {
		st.history = map[int][]gen.OrderHistoryEntry{}
	}
	for _, sp := range f.Products {
		p := st.cat.products[sp.ID]
		if sp.Stock != nil {
			p.stock = sp.Stock
		}
		p.prices = map[string]*priceRow{}
		for c, r := range sp.Prices {
			p.prices[c] = &priceRow{price: r.Price, sale: r.Sale, start: r.Start, end: r.End, status: r.Status}
		}
	}
	st.invoice = invoiceSettings{f.Invoice.GenerationType, f.Invoice.Prefix, f.Invoice.NextNumber}
	// Counters never go back, so a restored state cannot hand out an id
	// or UUID it already holds.
	st.nextOrder = nextID(orders, max(st.nextOrder, f.Next.Order))
	st.nextItem = nextID(items, max(st.nextItem, f.Next.Item))
	st.nextPackage = nextID(packages, max(st.nextPackage, f.Next.Package))
	book.next = nextID(book.byID, max(book.next, f.Next.Manifest))
	st.nextUUID = max(st.nextUUID, f.Next.UUID)
	return nil
}

// quoteAny shows a JSON value of any type in an error.
func quoteAny(v any) string {
	if v == nil {
		return `""`
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// nextID is the smallest id from next on that is above every key of m.
func nextID[V any](m map[int]V, next int) int {
	for id := range m {
		next = max(next, id+1)
	}
	return next
}
