package sellercentertest

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
)

// ErrNotFound is returned, wrapped, by the state helpers when an entity does
// not exist; test for it with errors.Is.
var ErrNotFound = errors.New("sellercentertest: not found")

// store is the fake's in-memory state. Every field is guarded by mu; values
// handed out are deep copies, so callers can never race with the server.
type store struct {
	mu     sync.Mutex
	now    func() time.Time
	editor string // who the history names as the author of API changes

	seller       gen.Seller
	countries    []string // the codes listEnabledCountries answers
	profileIDs   []int    // id of each seller profile field, by position
	orders       map[int]*order
	items        map[int]*item
	packages     map[int]*pkg
	history      map[int][]gen.OrderHistoryEntry // by order id
	providers    []gen.ShipmentProvider
	reasons      []gen.FailureReason
	tags         []gen.OrderItemTag
	exports      map[int]*export
	files        map[string]*file
	invoice      invoiceSettings
	acct         *sellerAccount // made on first use by account()
	cat          catalog
	users        *usersArea // users, roles and OAuth apps; see usersArea()
	manifests    *manifestBook
	fin          finance
	hooks        *webhooks // subscriptions, deliveries and the callback log
	writes       writeLog  // the API's stock and price writes, for DuplicateWrites
	feedDelay    time.Duration
	nextOrder    int
	nextItem     int
	nextPackage  int
	nextExport   int
	nextDocument int
	nextFeed     int
	nextUUID     int
}

type order struct {
	o       gen.Order // Items and the fields derived from them are filled in by render
	itemIDs []int
	printed bool // documents were exported for it
}

type item struct {
	it         gen.OrderItem // Vouchers and Actions are filled in by render
	vouchers   []gen.ItemVoucher
	packageID  int
	tags       []assignedTag
	ret        *gen.OrderItemReturn
	returnedBy string // seller or region, for returned items
}

type assignedTag struct {
	id    int
	dueAt *datetime.Time
}

type pkg struct {
	id           int
	srcID        string
	itemIDs      []int
	deliveryType gen.DeliveryType
	documentID   int // uploaded document, 0 for none
}

type export struct {
	id       int
	action   gen.ExportAction
	item     gen.ExportItem // Status and DownloadLinks follow the file
	fileUUID string
}

type file struct {
	uuid        string
	status      gen.FileStatusProcessStatus
	contentType string
	content     []byte
	exportID    int // 0 for files that belong to no export
}

type invoiceSettings struct {
	generationType string
	prefix         string
	nextNumber     int
}

func newStore(now func() time.Time, editor string) *store {
	return &store{
		now:         now,
		editor:      editor,
		orders:      map[int]*order{},
		items:       map[int]*item{},
		packages:    map[int]*pkg{},
		history:     map[int][]gen.OrderHistoryEntry{},
		exports:     map[int]*export{},
		files:       map[string]*file{},
		invoice:     invoiceSettings{generationType: "autoincrement_number", prefix: "INV-", nextNumber: 1},
		cat:         newCatalog(),
		manifests:   newManifestBook(),
		fin:         newFinance(),
		hooks:       newWebhooks(),
		nextOrder:   1001,
		nextItem:    5001,
		nextPackage: 7001,
		nextExport:  301,
		nextFeed:    41,
		nextUUID:    1,
		seller:      gen.Seller{Id: 1, Name: "Seller", Status: gen.SellerStatusActive},
		// The instance of the default host, Zalora, sells in Malaysia and
		// Singapore; the seeded brands are restricted to those two.
		countries: []string{"MY", "SG"},
	}
}

// clone deep-copies v through JSON; every value in the store survives the
// round trip (AddOrder checks that for values from callers).
func clone[T any](v T) (T, error) {
	var out T
	b, err := json.Marshal(v)
	if err != nil {
		return out, fmt.Errorf("sellercentertest: copying %T: %w", v, err)
	}
	if err := json.Unmarshal(b, &out); err != nil {
		return out, fmt.Errorf("sellercentertest: copying %T: %w", v, err)
	}
	return out, nil
}

// deepCopy copies v down through the pointers, slices, maps and interfaces
// its exported fields reach, so the copy shares no memory a handler could
// change; it renders every page, where clone's round trip through JSON cost
// 6 ms per 100 orders, under the server's lock. Unexported fields are
// copied as they are: in the API's models they hold immutable values
// (datetime's text, money's digits) or a union's bytes, which are only ever
// replaced.
func deepCopy[T any](v T) T {
	var out T
	copyValue(reflect.ValueOf(&out).Elem(), reflect.ValueOf(v))
	return out
}

// copyValue sets dst, settable and of src's type, to a deep copy of src.
func copyValue(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if !src.IsNil() {
			p := reflect.New(src.Type().Elem())
			copyValue(p.Elem(), src.Elem())
			dst.Set(p)
		}
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		if flat(src.Type().Elem()) {
			reflect.Copy(s, src)
		} else {
			for i := range src.Len() {
				copyValue(s.Index(i), src.Index(i))
			}
		}
		dst.Set(s)
	case reflect.Map:
		if src.IsNil() {
			return
		}
		m := reflect.MakeMapWithSize(src.Type(), src.Len())
		for it := src.MapRange(); it.Next(); {
			v := reflect.New(src.Type().Elem()).Elem()
			copyValue(v, it.Value())
			m.SetMapIndex(it.Key(), v)
		}
		dst.Set(m)
	case reflect.Interface:
		if !src.IsNil() {
			v := reflect.New(src.Elem().Type()).Elem()
			copyValue(v, src.Elem())
			dst.Set(v)
		}
	case reflect.Struct:
		dst.Set(src)
		for i := range src.NumField() {
			if src.Type().Field(i).IsExported() {
				copyValue(dst.Field(i), src.Field(i))
			}
		}
	default:
		dst.Set(src)
	}
}

// flat reports whether values of t hold no references, so copying them
// copies everything.
func flat(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128, reflect.String:
		return true
	}
	return false
}

// uuid makes a deterministic, well-formed version 4 UUID. It is
// fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", 0x5e11e0c0+kind, n>>16&0xffff,
// n>>4&0xfff, kind&0xfff, n) without fmt, as every seeded server makes
// hundreds.
func (st *store) uuid(kind int) string {
	n := st.nextUUID
	st.nextUUID++
	b := make([]byte, 0, 36)
	b = appendHex(b, 0x5e11e0c0+kind, 8)
	b = append(b, '-')
	b = appendHex(b, n>>16&0xffff, 4)
	b = append(b, '-', '4')
	b = appendHex(b, n>>4&0xfff, 3)
	b = append(b, '-', '8')
	b = appendHex(b, kind&0xfff, 3)
	b = append(b, '-')
	b = appendHex(b, n, 12)
	return string(b)
}

// appendHex appends v, which is not negative, in lower-case hex, padded
// with zeros to at least width digits.
func appendHex(b []byte, v, width int) []byte {
	var digits [16]byte
	d := strconv.AppendUint(digits[:0], uint64(v), 16)
	for range width - len(d) {
		b = append(b, '0')
	}
	return append(b, d...)
}

func dt(t time.Time) datetime.Time { return datetime.New(t.UTC()) }

func (st *store) stamp() datetime.Time { return dt(st.now()) }

var knownStatuses = map[gen.OrderItemStatus]bool{
	gen.OrderItemStatusPending: true, gen.OrderItemStatusShipmentInformationPending: true,
	gen.OrderItemStatusPaymentPending: true, gen.OrderItemStatusReadyToShip: true,
	gen.OrderItemStatusShipped: true, gen.OrderItemStatusDelivered: true, gen.OrderItemStatusFailed: true,
	gen.OrderItemStatusCanceled: true, gen.OrderItemStatusReturned: true,
	gen.OrderItemStatusReturnShippedByCustomer: true, gen.OrderItemStatusReturnWaitingForApproval: true,
	gen.OrderItemStatusReturnRejected: true, gen.OrderItemStatusReturnDelivered: true,
}

func isDigital(it *gen.OrderItem) bool {
	return it.Shipment.ProviderType != nil && *it.Shipment.ProviderType == gen.ItemShipmentProviderTypeDigital
}

func isCrossdocking(it *gen.OrderItem) bool {
	return it.Shipment.Type == gen.ItemShipmentTypeCrossdocking
}

func isDropshipping(it *gen.OrderItem) bool {
	switch it.Shipment.Type {
	case gen.ItemShipmentTypeDropshipping, gen.ItemShipmentTypeDropshippingCrossdocking, gen.ItemShipmentTypeCrossdockingDropshipping:
		return true
	}
	return false
}

// actions lists what an item allows next, from its status and shipment.
func actions(it *item) []gen.ItemAction {
	i := &it.it
	var a []gen.ItemAction
	switch i.Status {
	case gen.OrderItemStatusPending:
		a = []gen.ItemAction{gen.ItemActionStatusSetToReadyToShip, gen.ItemActionStatusSetToCanceled,
			gen.ItemActionSetInvoiceNumber, gen.ItemActionGenerateInvoice, gen.ItemActionGeneratePicklist,
			gen.ItemActionGenerateChecklist, gen.ItemActionGenerateShippingLabel}
		if isDigital(i) {
			a = append(a, gen.ItemActionStatusSetToDelivered)
		} else if it.packageID == 0 {
			a = append(a, gen.ItemActionStatusSetToPackedByMarketplace)
		}
	case gen.OrderItemStatusShipmentInformationPending:
		a = []gen.ItemAction{gen.ItemActionStatusSetToCanceled, gen.ItemActionGenerateChecklist}
	case gen.OrderItemStatusPaymentPending:
		a = []gen.ItemAction{gen.ItemActionGenerateChecklist}
	case gen.OrderItemStatusReadyToShip:
		a = []gen.ItemAction{gen.ItemActionStatusSetToCanceled, gen.ItemActionSetTrackingCode,
			gen.ItemActionSetShipmentProvider, gen.ItemActionSetInvoiceNumber, gen.ItemActionSetInvoiceAccessKey,
			gen.ItemActionGenerateInvoice, gen.ItemActionGenerateShippingLabel, gen.ItemActionGenerateManifest}
		if isCrossdocking(i) {
			a = append(a, gen.ItemActionCreatePickupRequest)
		} else {
			a = append(a, gen.ItemActionStatusSetToShipped)
		}
	case gen.OrderItemStatusShipped:
		a = []gen.ItemAction{gen.ItemActionStatusSetToFailedDelivery, gen.ItemActionGenerateInvoice, gen.ItemActionSetInvoiceAccessKey}
		if isDropshipping(i) {
			a = append(a, gen.ItemActionStatusSetToDelivered)
		}
	case gen.OrderItemStatusDelivered:
		a = []gen.ItemAction{gen.ItemActionStatusSetToReturned, gen.ItemActionGenerateInvoice}
	case gen.OrderItemStatusReturnShippedByCustomer:
		a = []gen.ItemAction{gen.ItemActionStatusSetToReturnWaitingForApproval}
	case gen.OrderItemStatusReturnWaitingForApproval:
		a = []gen.ItemAction{gen.ItemActionStatusSetToReturned, gen.ItemActionStatusSetToReturnRejected}
	case gen.OrderItemStatusReturned:
		a = []gen.ItemAction{gen.ItemActionGenerateCreditNote, gen.ItemActionGenerateInvoice}
	default:
		a = []gen.ItemAction{gen.ItemActionGenerateInvoice}
	}
	return a
}

// renderItem returns a copy of an item as the API shows it.
func (st *store) renderItem(it *item, vouchers bool) (gen.OrderItem, error) {
	out := deepCopy(it.it)
	out.Actions = actions(it)
	if vouchers {
		v := deepCopy(it.vouchers)
		if v == nil {
			v = []gen.ItemVoucher{}
		}
		out.Vouchers = v
	}
	return out, nil
}

// renderOrder returns a copy of an order with its items and the fields the
// API derives from them.
func (st *store) renderOrder(o *order, vouchers bool) (gen.Order, error) {
	out := deepCopy(o.o)
	out.Items = make([]gen.OrderItem, 0, len(o.itemIDs))
	out.OrderItemIds = append([]int{}, o.itemIDs...)
	out.StatusList = map[string]int{}
	out.ItemCount = len(o.itemIDs)
	out.PackedItemsCount = 0
	var sum, grand, sst float64
	var ptype *gen.OrderShipmentProviderType
	mixed := false
	for _, id := range o.itemIDs {
		it := st.items[id]
		ri, err := st.renderItem(it, vouchers)
		if err != nil {
			return out, err
		}
		out.Items = append(out.Items, ri)
		out.StatusList[string(ri.Status)]++
		if it.packageID != 0 {
			out.PackedItemsCount++
		}
		sum += ri.UnitPrice + ri.ShippingFee
		grand += ri.PaidPrice
		if ea := ri.ExtraAttributes; ea != nil && ea.ShippingFeeSst != nil {
			sst += *ea.ShippingFeeSst
		}
		if ri.UpdatedAt != nil && ri.UpdatedAt.After(out.UpdatedAt.Time) {
			out.UpdatedAt = *ri.UpdatedAt
		}
		if pt := ri.Shipment.ProviderType; pt != nil {
			t := gen.OrderShipmentProviderType(*pt)
			if ptype != nil && *ptype != t {
				mixed = true
			}
			ptype = &t
		}
	}
	out.UnitPriceSumWithFees = round2(sum)
	out.GrandTotal = round2(grand)
	out.ShippingFeeSstSum = round2(sst)
	switch {
	case mixed:
		out.ShipmentProviderType = ptr(gen.OrderShipmentProviderTypeMixed)
	default:
		out.ShipmentProviderType = ptype
	}
	return out, nil
}

func round2(f float64) float64 {
	if f < 0 {
		return -round2(-f)
	}
	return float64(int64(f*100+0.5)) / 100
}

func (st *store) sortedOrderIDs() []int {
	ids := make([]int, 0, len(st.orders))
	for id := range st.orders {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	return ids
}

func (st *store) sortedItemIDs() []int {
	ids := make([]int, 0, len(st.items))
	for id := range st.items {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	return ids
}

// record appends a status change to the order's history.
func (st *store) record(it *gen.OrderItem, at datetime.Time, note, editor string) {
	e := gen.OrderHistoryEntry{OrderItemId: it.Id, ShopSku: it.Product.SellerSku, Status: it.Status, CreatedAt: at, Editor: editor}
	if note != "" {
		e.Note = note
	}
	st.history[it.OrderId] = append(st.history[it.OrderId], e)
}

// setStatus moves an item to status now, as author, recording the change.
func (st *store) setStatus(it *item, status gen.OrderItemStatus, note, author string) {
	at := dt(st.now())
	it.it.Status = status
	it.it.UpdatedAt = ptr(at)
	it.it.LastStatusChangedAt = ptr(at)
	it.it.InTransit = status == gen.OrderItemStatusShipped
	switch status {
	case gen.OrderItemStatusCanceled, gen.OrderItemStatusFailed, gen.OrderItemStatusReturned, gen.OrderItemStatusReturnRejected:
	default:
		it.it.FailureReason = gen.ItemFailureReason{Details: ptr("")}
	}
	switch status {
	case gen.OrderItemStatusReturnShippedByCustomer, gen.OrderItemStatusReturnWaitingForApproval,
		gen.OrderItemStatusReturnDelivered, gen.OrderItemStatusReturned, gen.OrderItemStatusReturnRejected:
		if it.ret == nil {
			it.ret = &gen.OrderItemReturn{OrderItemId: it.it.Id, SrcId: ptr(fmt.Sprintf("RET-%d", it.it.Id))}
		}
		if it.returnedBy == "" {
			it.returnedBy = "seller"
		}
	}
	st.record(&it.it, at, note, author)
	st.emitItemStatus(it.it.OrderId, it.it.Id, status)
}

// AddOrder adds an order with its items (o.Items) and returns it as the API
// shows it. Zero fields are filled with plausible values: ids, uuids, the
// number, dates (the clock's now), the seller, a product, dropshipping by a
// default carrier and the pending status. Fields derived from the items
// (itemCount, statusList, orderItemIds, totals) are always computed. Each
// item gets one history entry for its status. Ids that are already taken,
// unknown statuses and values that cannot be encoded as JSON are errors.
func (s *Server) AddOrder(o gen.Order) (gen.Order, error) {
	in, err := clone(o)
	if err != nil {
		return gen.Order{}, err
	}
	st := s.st
	st.mu.Lock()
	defer st.mu.Unlock()
	if in.Id != 0 {
		if _, ok := st.orders[in.Id]; ok {
			return gen.Order{}, fmt.Errorf("sellercentertest: order id %d is taken", in.Id)
		}
	}
	seen := map[int]bool{}
	for i, it := range in.Items {
		if it.Id != 0 {
			if _, ok := st.items[it.Id]; ok || seen[it.Id] {
				return gen.Order{}, fmt.Errorf("sellercentertest: order item id %d is taken", it.Id)
			}
			seen[it.Id] = true
		}
		if it.Status != "" && !knownStatuses[it.Status] {
			return gen.Order{}, fmt.Errorf("sellercentertest: item %d has unknown status %q", i, it.Status)
		}
	}
	created := dt(st.now())
	if !in.CreatedAt.IsZero() {
		created = in.CreatedAt
	}
	d := orderDefaults{created: created}
	ord := st.newOrder(d, in)
	for _, it := range in.Items {
		st.addItem(ord, it, nil, 0)
	}
	st.emitOrderCreated(ord.o)
	return st.renderOrder(ord, true)
}

// Order returns the order with id as the API shows it, vouchers included.
func (s *Server) Order(id int) (gen.Order, error) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	o, ok := s.st.orders[id]
	if !ok {
		return gen.Order{}, fmt.Errorf("order %d: %w", id, ErrNotFound)
	}
	return s.st.renderOrder(o, true)
}

// Orders returns every order, by id, as the API shows them.
func (s *Server) Orders() ([]gen.Order, error) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	var out []gen.Order
	for _, id := range s.st.sortedOrderIDs() {
		o, err := s.st.renderOrder(s.st.orders[id], true)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

// OrderItem returns the order item with id as the API shows it.
func (s *Server) OrderItem(id int) (gen.OrderItem, error) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	it, ok := s.st.items[id]
	if !ok {
		return gen.OrderItem{}, fmt.Errorf("order item %d: %w", id, ErrNotFound)
	}
	return s.st.renderItem(it, true)
}

// ItemIDs returns the ids of the order items in status, ascending.
func (s *Server) ItemIDs(status gen.OrderItemStatus) []int {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	var ids []int
	for _, id := range s.st.sortedItemIDs() {
		if s.st.items[id].it.Status == status {
			ids = append(ids, id)
		}
	}
	return ids
}

// SetItemStatus forces an order item into status, bypassing the workflow,
// the way the marketplace does (a customer's return starts this way, with
// return_shipped_by_customer). The change is recorded in the order's history
// with the editor "sellercentertest".
func (s *Server) SetItemStatus(id int, status gen.OrderItemStatus) error {
	if !knownStatuses[status] {
		return fmt.Errorf("sellercentertest: unknown order item status %q", status)
	}
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	it, ok := s.st.items[id]
	if !ok {
		return fmt.Errorf("order item %d: %w", id, ErrNotFound)
	}
	s.st.setStatus(it, status, "set by the test", "sellercentertest")
	return nil
}

// History returns the status changes of an order's items, oldest first.
func (s *Server) History(orderID int) ([]gen.OrderHistoryEntry, error) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	if _, ok := s.st.orders[orderID]; !ok {
		return nil, fmt.Errorf("order %d: %w", orderID, ErrNotFound)
	}
	return clone(s.st.historyOf(orderID))
}

// historyOf returns an order's history, oldest first (entries are appended
// per item, so they are sorted here).
func (st *store) historyOf(orderID int) []gen.OrderHistoryEntry {
	h := slices.Clone(st.history[orderID])
	slices.SortStableFunc(h, func(a, b gen.OrderHistoryEntry) int { return a.CreatedAt.Compare(b.CreatedAt.Time) })
	return h
}

// Seller returns the current seller.
func (s *Server) Seller() (gen.Seller, error) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	return clone(s.st.seller)
}

// Export returns the export job with id, without advancing it.
func (s *Server) Export(id int) (gen.ExportItem, error) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	e, ok := s.st.exports[id]
	if !ok {
		return gen.ExportItem{}, fmt.Errorf("export %d: %w", id, ErrNotFound)
	}
	return s.st.renderExport(e)
}

// ShipmentProviders returns the seller's carriers.
func (s *Server) ShipmentProviders() ([]gen.ShipmentProvider, error) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	return clone(s.st.providers)
}

// EnabledCountries returns the country codes listEnabledCountries answers.
func (s *Server) EnabledCountries() []string {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	return slices.Clone(s.st.countries)
}

// FailureReasons returns the reasons status changes accept.
func (s *Server) FailureReasons() ([]gen.FailureReason, error) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	return clone(s.st.reasons)
}

func (st *store) provider(name string) *gen.ShipmentProvider {
	for i := range st.providers {
		if p := &st.providers[i]; p.Name == name {
			return p
		}
	}
	return nil
}

func (st *store) reason(name string, types ...gen.FailureReasonType) *gen.FailureReason {
	for i := range st.reasons {
		r := &st.reasons[i]
		if r.Name == name && slices.Contains(types, r.Type) {
			return r
		}
	}
	return nil
}

// packageOf returns the package of an item, or nil.
func (st *store) packageOf(it *item) *pkg {
	if it.packageID == 0 {
		return nil
	}
	return st.packages[it.packageID]
}

// packageItems returns the items sharing it's package, or just it.
func (st *store) packageItems(it *item) []*item {
	p := st.packageOf(it)
	if p == nil {
		return []*item{it}
	}
	out := make([]*item, 0, len(p.itemIDs))
	for _, id := range p.itemIDs {
		out = append(out, st.items[id])
	}
	return out
}

// pack puts items into a new package, taking them out of their old ones.
func (st *store) pack(items []*item, deliveryType gen.DeliveryType) *pkg {
	p := &pkg{id: st.nextPackage, deliveryType: deliveryType}
	st.nextPackage++
	p.srcID = fmt.Sprintf("PKG-%d", p.id)
	for _, it := range items {
		if old := st.packageOf(it); old != nil {
			old.itemIDs = slices.DeleteFunc(old.itemIDs, func(id int) bool { return id == it.it.Id })
			if len(old.itemIDs) == 0 {
				delete(st.packages, old.id)
			}
		}
		it.packageID = p.id
		p.itemIDs = append(p.itemIDs, it.it.Id)
	}
	st.packages[p.id] = p
	return p
}

func carrier(p *gen.ShipmentProvider) *gen.ItemCarrier {
	return &gen.ItemCarrier{Name: p.Name, Uuid: ptr(p.Uuid), Default: bool(p.Default), TrackingUrl: ptr(p.Url)}
}

// trackingOwner returns the package using tracking code, other than except.
func (st *store) trackingOwner(code string, except map[int]bool) int {
	for _, it := range st.items {
		if it.it.Shipment.TrackingCode == code && it.packageID != 0 && !except[it.it.Id] {
			return it.packageID
		}
	}
	return 0
}
