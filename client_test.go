package sellercenter_test

// Contract tests: the real client (sellercenter.New: authn, the transport
// layers and the generated code) against the stateful mock SellerCenter of
// package sellercentertest. `make contract` runs them with -run Contract, so
// every test here is named TestContract*. The tests against the small
// hand-written fake are in client_fake_test.go.
//
// Every contract client logs at sellercenter.LevelBody into a recorder, and
// every test ends by checking that no record carries the client secret, the
// Basic credential or an access token the client really used.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"maps"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/authn"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// newContractMock starts a seeded mock for t. A response of the mock that
// breaks the OpenAPI document fails t, so the tests also check the mock.
func newContractMock(t *testing.T, cfg sellercentertest.Config) *sellercentertest.Server {
	t.Helper()
	cfg.OnViolation = func(err error) { t.Errorf("mock response breaks the OpenAPI document: %v", err) }
	mock, err := sellercentertest.NewServer(cfg)
	if err != nil {
		t.Fatalf("sellercentertest.NewServer() = %v, want a server", err)
	}
	t.Cleanup(func() {
		mock.Close()
		// The client's retries would hide a 429 of the mock's rate limit
		// behind a second of waiting; a test that meets it paces its
		// client (the client's limiter) or says the mock is unlimited.
		if n := mock.Throttled(); n > 0 {
			t.Errorf("the mock refused %d request(s) with 429 for its rate limit: pace the client or set sellercentertest.Config.RateLimit to NoRateLimit", n)
		}
	})
	return mock
}

// newContractClient returns the real client of mock, with rate limiting off
// so the suite runs fast, logging at LevelBody into a recorder and a wire
// tap below every layer. A test that sends more quick requests than the
// mock's bucket holds (sellercentertest.DefaultRateLimit) turns the mock's
// limit off too, or paces the client; newContractMock fails any that meets it.
// change, if not nil, adjusts the Config first. When t ends, the log is
// checked for credentials.
func newContractClient(t *testing.T, mock *sellercentertest.Server, change func(*sellercenter.Config)) *sellercenter.Client {
	t.Helper()
	transport := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(transport.CloseIdleConnections)
	tap := &wireTap{next: transport, tokenURL: mock.TokenURL, seen: map[string]string{}}
	rec := &logRecorder{store: &logStore{}, wrap: func(h slog.Handler) slog.Handler { return h }}
	cfg := sellercenter.Config{
		BaseURL:      mock.URL,
		TokenURL:     mock.TokenURL,
		ClientID:     mock.ClientID,
		ClientSecret: mock.ClientSecret,
		RateLimit:    -1,
	}
	if change != nil {
		change(&cfg)
	}
	cfg.HTTPClient = &http.Client{Transport: tap}
	cfg.Logger = slog.New(rec)
	c, err := sellercenter.New(cfg)
	if err != nil {
		t.Fatalf("sellercenter.New(mock config) = %v, want a client", err)
	}
	t.Cleanup(func() { checkNoCredentialsLogged(t, rec, tap, cfg.ClientSecret, mock.ClientSecret) })
	return c
}

// wireTap sees the client's requests below every layer, where credentials
// are in the clear, and keeps each access token and Basic credential that
// crosses it, so the log check knows exactly what must not appear.
type wireTap struct {
	next     http.RoundTripper
	tokenURL string

	mu      sync.Mutex
	seen    map[string]string // credential → what it is; messages name the kind, never the value
	tokens  int               // access tokens issued to the client
	bearers int               // API requests that carried a bearer token
}

// RoundTrip implements http.RoundTripper.
func (w *wireTap) RoundTrip(req *http.Request) (*http.Response, error) {
	if scheme, cred, ok := strings.Cut(req.Header.Get("Authorization"), " "); ok && cred != "" {
		w.mu.Lock()
		w.seen[cred] = "the " + scheme + " credential"
		if strings.EqualFold(scheme, "Bearer") {
			w.bearers++
		}
		w.mu.Unlock()
	}
	resp, err := w.next.RoundTrip(req)
	if err != nil || req.URL.Scheme+"://"+req.URL.Host+req.URL.Path != w.tokenURL {
		return resp, err
	}
	data, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(data))
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if json.Unmarshal(data, &tok) == nil && tok.AccessToken != "" {
		w.mu.Lock()
		w.tokens++
		w.seen[tok.AccessToken] = fmt.Sprintf("access token #%d", w.tokens)
		w.mu.Unlock()
	}
	return resp, nil
}

// logRecorder is an slog.Handler that keeps every record at or above
// sellercenter.LevelBody as text, with its attributes and groups.
type logRecorder struct {
	store *logStore
	wrap  func(slog.Handler) slog.Handler // replays WithAttrs and WithGroup
}

type logStore struct {
	mu      sync.Mutex
	records []loggedRecord
}

type loggedRecord struct {
	level slog.Level
	msg   string
	text  string
}

func (h *logRecorder) Enabled(_ context.Context, level slog.Level) bool {
	return level >= sellercenter.LevelBody
}

func (h *logRecorder) Handle(ctx context.Context, r slog.Record) error {
	var b bytes.Buffer
	text := h.wrap(slog.NewTextHandler(&b, &slog.HandlerOptions{Level: sellercenter.LevelBody}))
	if err := text.Handle(ctx, r); err != nil {
		return err
	}
	h.store.mu.Lock()
	defer h.store.mu.Unlock()
	h.store.records = append(h.store.records, loggedRecord{level: r.Level, msg: r.Message, text: b.String()})
	return nil
}

func (h *logRecorder) WithAttrs(attrs []slog.Attr) slog.Handler {
	prev := h.wrap
	return &logRecorder{store: h.store, wrap: func(x slog.Handler) slog.Handler { return prev(x).WithAttrs(attrs) }}
}

func (h *logRecorder) WithGroup(name string) slog.Handler {
	prev := h.wrap
	return &logRecorder{store: h.store, wrap: func(x slog.Handler) slog.Handler { return prev(x).WithGroup(name) }}
}

// mockTokenShape matches the mock's access tokens, to catch one that somehow
// bypassed the wire tap.
var mockTokenShape = regexp.MustCompile(`mock_[0-9a-f]{16,}`)

// checkNoCredentialsLogged fails t when a log record carries a secret or a
// credential the tap saw. It also fails when the check could not have failed:
// API calls were made but no token or no body record was seen.
func checkNoCredentialsLogged(t *testing.T, rec *logRecorder, tap *wireTap, secrets ...string) {
	t.Helper()
	tap.mu.Lock()
	banned := maps.Clone(tap.seen)
	tokens, bearers := tap.tokens, tap.bearers
	tap.mu.Unlock()
	for _, s := range secrets {
		banned[s] = "the client secret"
	}
	rec.store.mu.Lock()
	records := slices.Clone(rec.store.records)
	rec.store.mu.Unlock()
	bodies := 0
	for i, r := range records {
		if r.level == sellercenter.LevelBody {
			bodies++
		}
		for value, kind := range banned {
			if value != "" && strings.Contains(r.text, value) {
				t.Errorf("log record %d (%q) carries %s", i, r.msg, kind)
			}
		}
		if mockTokenShape.MatchString(r.text) {
			t.Errorf("log record %d (%q) carries a value shaped like an access token", i, r.msg)
		}
	}
	if bearers > 0 && tokens == 0 {
		t.Errorf("the wire carried %d API requests but no access token was issued: the log check had nothing to look for", bearers)
	}
	if bearers > 0 && bodies == 0 {
		t.Errorf("%d log records, none at LevelBody, after %d API requests: want the bodies logged, or this check proves nothing", len(records), bearers)
	}
}

// stepClock is the mock's clock in tests that check timestamps: it moves
// only when told to.
type stepClock struct {
	mu  sync.Mutex
	now time.Time
}

func newStepClock() *stepClock {
	// After the seed's history (October 2024), so new entries sort last.
	return &stepClock{now: time.Date(2025, time.January, 6, 9, 0, 0, 0, time.UTC)}
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock by d and returns the new time.
func (c *stepClock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return c.now
}

// succeed fails t unless a generated call succeeded by sellercenter.Check,
// and returns its response.
func succeed[R interface{ StatusCode() int }](t *testing.T, op string, resp R, err error) R {
	t.Helper()
	if err := sellercenter.Check(resp, err); err != nil {
		t.Fatalf("%s = %v, want success", op, err)
	}
	return resp
}

// decoded returns the typed body the client decoded, failing t when there is
// none.
func decoded[T any](t *testing.T, op string, v *T) T {
	t.Helper()
	if v == nil {
		t.Fatalf("%s decoded body = nil, want a %T", op, *new(T))
	}
	return *v
}

// asAPIError fails t unless err is an *APIError with status, and returns it.
func asAPIError(t *testing.T, op string, err error, status int) *sellercenter.APIError {
	t.Helper()
	var apiErr *sellercenter.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("%s = %v, want an *APIError with status %d", op, err, status)
	}
	if apiErr.StatusCode != status {
		t.Fatalf("%s status = %d (%v), want %d", op, apiErr.StatusCode, err, status)
	}
	return apiErr
}

func refTo[T any](v T) *T { return &v }

// changedIDs is the id list of a status change's answer.
func changedIDs(b *gen.ChangedItems) ([]int, error) {
	if b == nil {
		return nil, errors.New("no decoded body")
	}
	return b.OrderItemIds, nil
}

func itemIDsOf(o gen.Order) []int {
	ids := make([]int, len(o.Items))
	for i, it := range o.Items {
		ids[i] = it.Id
	}
	return ids
}

// addContractOrder adds an order with one item per status, shipped the given
// way, and returns it.
func addContractOrder(t *testing.T, mock *sellercentertest.Server, ship gen.ItemShipmentType, statuses ...gen.OrderItemStatus) gen.Order {
	t.Helper()
	o := gen.Order{}
	for _, s := range statuses {
		o.Items = append(o.Items, gen.OrderItem{Status: s, Shipment: gen.ItemShipment{Type: ship}})
	}
	added, err := mock.AddOrder(o)
	if err != nil {
		t.Fatalf("mock.AddOrder(%v) = %v, want an order", statuses, err)
	}
	return added
}

func getContractOrder(t *testing.T, ctx context.Context, c *sellercenter.Client, id int) gen.Order {
	t.Helper()
	op := fmt.Sprintf("GetOrder(%d)", id)
	resp, err := c.GetOrderWithResponse(ctx, id)
	return decoded(t, op, succeed(t, op, resp, err).JSON200)
}

func getContractHistory(t *testing.T, ctx context.Context, c *sellercenter.Client, orderID int) []gen.OrderHistoryEntry {
	t.Helper()
	op := fmt.Sprintf("GetOrderHistory(%d)", orderID)
	resp, err := c.GetOrderHistoryWithResponse(ctx, orderID, nil)
	return decoded(t, op, succeed(t, op, resp, err).JSON200)
}

// firstShippableOrder walks the status_pending section with the client and
// returns the first order whose items are all pending, dropshipped and
// physical. Every order of the section must hold a pending item.
func firstShippableOrder(t *testing.T, ctx context.Context, c *sellercenter.Client) gen.Order {
	t.Helper()
	section := gen.OrderSectionStatusPending
	for o, err := range c.Orders(ctx, gen.ListOrdersParams{Section: section}) {
		if err != nil {
			t.Fatalf("Orders(section %s) = %v", section, err)
		}
		if !slices.ContainsFunc(o.Items, func(it gen.OrderItem) bool { return it.Status == gen.OrderItemStatusPending }) {
			t.Errorf("Orders(section %s) yielded order %d with statuses %v, want one pending item at least", section, o.Id, o.StatusList)
		}
		if len(o.Items) > 0 && !slices.ContainsFunc(o.Items, func(it gen.OrderItem) bool {
			digital := it.Shipment.ProviderType != nil && *it.Shipment.ProviderType == gen.ItemShipmentProviderTypeDigital
			return it.Status != gen.OrderItemStatusPending || it.Shipment.Type != gen.ItemShipmentTypeDropshipping || digital
		}) {
			return o
		}
	}
	t.Fatalf("Orders(section %s) has no order with only pending, dropshipped, physical items", section)
	return gen.Order{}
}

// activeCarrier lists the active carriers with the client and returns the
// first one not named other.
func activeCarrier(t *testing.T, ctx context.Context, c *sellercenter.Client, other string) string {
	t.Helper()
	resp, err := c.ListShipmentProvidersWithResponse(ctx, &gen.ListShipmentProvidersParams{Status: refTo(true)})
	providers := decoded(t, "ListShipmentProviders(status true)", succeed(t, "ListShipmentProviders(status true)", resp, err).JSON200)
	name := ""
	for _, p := range providers {
		if p.Status == false || !p.Status {
			t.Errorf("ListShipmentProviders(status true) yielded inactive carrier %v", p.Name)
		}
		if p.Name != "" && p.Name != other && name == "" {
			name = p.Name
		}
	}
	if name == "" {
		t.Fatalf("ListShipmentProviders(status true) = %d carriers, want an active one other than %q", len(providers), other)
	}
	return name
}

// failureReason lists the failure reasons with the client and returns the
// name of the first of type typ.
func failureReason(t *testing.T, ctx context.Context, c *sellercenter.Client, typ gen.FailureReasonType) string {
	t.Helper()
	resp, err := c.ListFailureReasonsWithResponse(ctx)
	for _, r := range decoded(t, "ListFailureReasons()", succeed(t, "ListFailureReasons()", resp, err).JSON200) {
		if r.Type != "" && r.Type == typ && r.Name != "" {
			return r.Name
		}
	}
	t.Fatalf("ListFailureReasons() has no reason of type %s", typ)
	return ""
}

// orderFlow follows one order through status changes made with the client,
// checking each against getOrder and getOrderHistory.
type orderFlow struct {
	t        *testing.T
	ctx      context.Context
	c        *sellercenter.Client
	clk      *stepClock
	orderID  int
	statuses map[int]gen.OrderItemStatus // every item's expected status
	history  []gen.OrderHistoryEntry
}

func newOrderFlow(t *testing.T, ctx context.Context, c *sellercenter.Client, clk *stepClock, orderID int) *orderFlow {
	t.Helper()
	f := &orderFlow{t: t, ctx: ctx, c: c, clk: clk, orderID: orderID, statuses: map[int]gen.OrderItemStatus{}}
	for _, it := range getContractOrder(t, ctx, c, orderID).Items {
		f.statuses[it.Id] = it.Status
	}
	f.history = getContractHistory(t, ctx, c, orderID)
	return f
}

// step runs call one clock minute later and checks that exactly ids moved
// to want: getOrder shows every item in its expected status, and the history
// kept its entries and gained one per item, stamped now, whose note contains
// note.
func (f *orderFlow) step(op string, ids []int, want gen.OrderItemStatus, note string, call func() ([]int, error)) {
	t := f.t
	t.Helper()
	at := f.clk.Advance(time.Minute)
	changed, err := call()
	if err != nil {
		t.Fatalf("%s(items %v) = %v, want success", op, ids, err)
	}
	if !slices.Equal(changed, ids) {
		t.Errorf("%s(items %v) changed items = %v, want %v", op, ids, changed, ids)
	}
	for _, id := range ids {
		f.statuses[id] = want
	}
	order := getContractOrder(t, f.ctx, f.c, f.orderID)
	if len(order.Items) != len(f.statuses) {
		t.Errorf("GetOrder(%d) after %s = %d items, want %d", f.orderID, op, len(order.Items), len(f.statuses))
	}
	for _, it := range order.Items {
		if w := f.statuses[it.Id]; it.Status != w {
			t.Errorf("GetOrder(%d) after %s: item %d status = %s, want %s", f.orderID, op, it.Id, it.Status, w)
		}
	}

	h := getContractHistory(t, f.ctx, f.c, f.orderID)
	if len(h) != len(f.history)+len(ids) {
		t.Fatalf("GetOrderHistory(%d) after %s = %d entries, want %d (%d before, one per changed item)",
			f.orderID, op, len(h), len(f.history)+len(ids), len(f.history))
	}
	for i, old := range f.history {
		if e := h[i]; e.OrderItemId != old.OrderItemId || e.Status != old.Status || !e.CreatedAt.Equal(old.CreatedAt.Time) {
			t.Errorf("GetOrderHistory(%d)[%d] after %s = item %d %s at %v, want the earlier item %d %s at %v",
				f.orderID, i, op, e.OrderItemId, e.Status, e.CreatedAt, old.OrderItemId, old.Status, old.CreatedAt)
		}
	}
	perItem := map[int]int{}
	for _, e := range h[len(f.history):] {
		perItem[e.OrderItemId]++
		if e.Status != want || !e.CreatedAt.Time.Equal(at) {
			t.Errorf("GetOrderHistory(%d) new entry after %s = item %d %s at %v, want %s at %v",
				f.orderID, op, e.OrderItemId, e.Status, e.CreatedAt, want, at)
		}
		if note != "" && (e.Note == "" || !strings.Contains(e.Note, note)) {
			t.Errorf("GetOrderHistory(%d) new entry of item %d after %s: note = %v, want it to contain %q",
				f.orderID, e.OrderItemId, op, e.Note, note)
		}
	}
	for _, id := range ids {
		if perItem[id] != 1 {
			t.Errorf("GetOrderHistory(%d) after %s: %d new entries for item %d, want 1", f.orderID, op, perItem[id], id)
		}
	}
	f.history = h
}

func TestContractOrderWorkflow(t *testing.T) {
	t.Parallel()

	t.Run("pending to ready to ship to shipped to delivered", func(t *testing.T) {
		t.Parallel()
		ctx := t.Context()
		clk := newStepClock()
		mock := newContractMock(t, sellercentertest.Config{Now: clk.Now})
		c := newContractClient(t, mock, nil)

		order := firstShippableOrder(t, ctx, c)
		ids := itemIDsOf(order)
		preselected := ""
		if p := order.Items[0].Shipment.PreProvider; p != nil {
			preselected = p.Name
		}
		// Another carrier than the preselected one, so the request's choice
		// shows in the item.
		carrier := activeCarrier(t, ctx, c, preselected)
		tracking := fmt.Sprintf("CT%d-01", order.Id)
		f := newOrderFlow(t, ctx, c, clk, order.Id)

		f.step("SetOrderItemsReadyToShip", ids, gen.OrderItemStatusReadyToShip, "", func() ([]int, error) {
			body := gen.ReadyToShipRequest{ShippingProvider: carrier, TrackingNumber: tracking, DeliveryType: gen.DeliveryTypeDropship}
			for _, id := range ids {
				body.OrderItems = append(body.OrderItems, gen.ReadyToShipItem{Id: id})
			}
			resp, err := c.SetOrderItemsReadyToShipWithResponse(ctx, body)
			if err := sellercenter.Check(resp, err); err != nil {
				return nil, err
			}
			return changedIDs(resp.JSON200)
		})
		for _, it := range getContractOrder(t, ctx, c, order.Id).Items {
			if it.Shipment.TrackingCode != tracking {
				t.Errorf("GetOrder(%d) item %d tracking code = %q, want %q", order.Id, it.Id, it.Shipment.TrackingCode, tracking)
			}
			if it.Shipment.Provider == nil || it.Shipment.Provider.Name != carrier {
				t.Errorf("GetOrder(%d) item %d carrier = %+v, want %q", order.Id, it.Id, it.Shipment.Provider, carrier)
			}
		}

		f.step("SetOrderItemsShipped", ids, gen.OrderItemStatusShipped, "", func() ([]int, error) {
			resp, err := c.SetOrderItemsShippedWithResponse(ctx, gen.OrderItemIds{OrderItemIds: ids})
			if err := sellercenter.Check(resp, err); err != nil {
				return nil, err
			}
			return changedIDs(resp.JSON200)
		})
		f.step("SetOrderItemsDelivered", ids, gen.OrderItemStatusDelivered, "", func() ([]int, error) {
			resp, err := c.SetOrderItemsDeliveredWithResponse(ctx, gen.OrderItemIds{OrderItemIds: ids})
			if err := sellercenter.Check(resp, err); err != nil {
				return nil, err
			}
			return changedIDs(resp.JSON200)
		})
	})

	t.Run("cancellation with a listed reason", func(t *testing.T) {
		t.Parallel()
		ctx := t.Context()
		clk := newStepClock()
		mock := newContractMock(t, sellercentertest.Config{Now: clk.Now})
		c := newContractClient(t, mock, nil)

		order := firstShippableOrder(t, ctx, c)
		ids := itemIDsOf(order)
		reason := failureReason(t, ctx, c, gen.FailureReasonTypeCanceled)
		detail := "the customer called the shop"
		f := newOrderFlow(t, ctx, c, clk, order.Id)
		f.step("SetOrderItemsCanceled", ids, gen.OrderItemStatusCanceled, reason, func() ([]int, error) {
			resp, err := c.SetOrderItemsCanceledWithResponse(ctx, gen.ReasonedStatusChange{OrderItemIds: ids, Reason: reason, ReasonDetail: &detail})
			if err := sellercenter.Check(resp, err); err != nil {
				return nil, err
			}
			return changedIDs(resp.JSON200)
		})
		for _, it := range getContractOrder(t, ctx, c, order.Id).Items {
			fr := it.FailureReason
			if fr.Name == nil || *fr.Name != reason || fr.Type == nil || *fr.Type != gen.ItemFailureReasonTypeCanceled {
				t.Errorf("GetOrder(%d) item %d failure reason = %v %v, want %s %q", order.Id, it.Id, fr.Type, fr.Name, gen.ItemFailureReasonTypeCanceled, reason)
			}
		}
	})

	t.Run("failed delivery with a listed reason", func(t *testing.T) {
		t.Parallel()
		ctx := t.Context()
		clk := newStepClock()
		mock := newContractMock(t, sellercentertest.Config{Now: clk.Now})
		c := newContractClient(t, mock, nil)

		shipped := []gen.OrderItemStatus{gen.OrderItemStatusShipped}
		var item gen.OrderItem
		for it, err := range c.OrderItems(ctx, gen.ListOrderItemsParams{Status: shipped}) {
			if err != nil {
				t.Fatalf("OrderItems(status shipped) = %v", err)
			}
			if it.Status != gen.OrderItemStatusShipped {
				t.Errorf("OrderItems(status shipped) yielded item %d in status %s", it.Id, it.Status)
			}
			if item.Id == 0 {
				item = it
			}
		}
		if item.Id == 0 {
			t.Fatal("OrderItems(status shipped) = no items, want a shipped one")
		}
		reason := failureReason(t, ctx, c, gen.FailureReasonTypeFailed)
		f := newOrderFlow(t, ctx, c, clk, item.OrderId)
		f.step("SetOrderItemsDeliveryFailed", []int{item.Id}, gen.OrderItemStatusFailed, reason, func() ([]int, error) {
			resp, err := c.SetOrderItemsDeliveryFailedWithResponse(ctx, gen.ReasonedStatusChange{OrderItemIds: []int{item.Id}, Reason: reason})
			if err := sellercenter.Check(resp, err); err != nil {
				return nil, err
			}
			return changedIDs(resp.JSON200)
		})
	})

	t.Run("return received then approved or rejected", func(t *testing.T) {
		t.Parallel()
		ctx := t.Context()
		clk := newStepClock()
		mock := newContractMock(t, sellercentertest.Config{Now: clk.Now})
		c := newContractClient(t, mock, nil)

		order := addContractOrder(t, mock, gen.ItemShipmentTypeDropshipping, gen.OrderItemStatusDelivered, gen.OrderItemStatusDelivered)
		ids := itemIDsOf(order)
		// A return starts outside the API: the marketplace moves the items.
		clk.Advance(time.Hour)
		for _, id := range ids {
			if err := mock.SetItemStatus(id, gen.OrderItemStatusReturnShippedByCustomer); err != nil {
				t.Fatalf("mock.SetItemStatus(%d, return_shipped_by_customer) = %v", id, err)
			}
		}
		returning := []gen.OrderItemStatus{gen.OrderItemStatusReturnShippedByCustomer}
		var listed []int
		for it, err := range c.OrderItems(ctx, gen.ListOrderItemsParams{Status: returning, OrderIds: []int{order.Id}}) {
			if err != nil {
				t.Fatalf("OrderItems(status return_shipped_by_customer, order %d) = %v", order.Id, err)
			}
			listed = append(listed, it.Id)
		}
		if !slices.Equal(listed, ids) {
			t.Fatalf("OrderItems(status return_shipped_by_customer, order %d) = %v, want %v", order.Id, listed, ids)
		}

		f := newOrderFlow(t, ctx, c, clk, order.Id)
		f.step("SetOrderItemsReturnReceived", ids, gen.OrderItemStatusReturnWaitingForApproval, "", func() ([]int, error) {
			resp, err := c.SetOrderItemsReturnReceivedWithResponse(ctx, gen.OrderItemIds{OrderItemIds: ids})
			if err := sellercenter.Check(resp, err); err != nil {
				return nil, err
			}
			return changedIDs(resp.JSON200)
		})
		f.step("SetOrderItemsReturnApproved", ids[:1], gen.OrderItemStatusReturned, "", func() ([]int, error) {
			resp, err := c.SetOrderItemsReturnApprovedWithResponse(ctx, gen.OrderItemIds{OrderItemIds: ids[:1]})
			if err := sellercenter.Check(resp, err); err != nil {
				return nil, err
			}
			return changedIDs(resp.JSON200)
		})
		reason := failureReason(t, ctx, c, gen.FailureReasonTypeReturnRejected)
		f.step("SetOrderItemsReturnRejected", ids[1:], gen.OrderItemStatusReturnRejected, reason, func() ([]int, error) {
			resp, err := c.SetOrderItemsReturnRejectedWithResponse(ctx, gen.ReasonedStatusChange{OrderItemIds: ids[1:], Reason: reason})
			if err := sellercenter.Check(resp, err); err != nil {
				return nil, err
			}
			return changedIDs(resp.JSON200)
		})
	})

	t.Run("illegal transition is a typed 422", func(t *testing.T) {
		t.Parallel()
		shipped := func(ctx context.Context, c *sellercenter.Client, ids []int) error {
			resp, err := c.SetOrderItemsShippedWithResponse(ctx, gen.OrderItemIds{OrderItemIds: ids})
			return sellercenter.Check(resp, err)
		}
		tests := []struct {
			name     string
			statuses []gen.OrderItemStatus // of the order's items, all sent
			op       string
			call     func(ctx context.Context, c *sellercenter.Client, ids []int) error
			bad      int  // index of the item the error must name
			perItem  bool // the operation answers per-item errors, not a Problem
		}{
			{name: "ship a pending item", statuses: []gen.OrderItemStatus{gen.OrderItemStatusPending},
				op: "setOrderItemsShipped", call: shipped},
			{name: "ship two items, one still pending", statuses: []gen.OrderItemStatus{gen.OrderItemStatusReadyToShip, gen.OrderItemStatusPending},
				op: "setOrderItemsShipped", call: shipped, bad: 1},
			{name: "deliver a ready-to-ship item", statuses: []gen.OrderItemStatus{gen.OrderItemStatusReadyToShip},
				op: "setOrderItemsDelivered", call: func(ctx context.Context, c *sellercenter.Client, ids []int) error {
					resp, err := c.SetOrderItemsDeliveredWithResponse(ctx, gen.OrderItemIds{OrderItemIds: ids})
					return sellercenter.Check(resp, err)
				}},
			{name: "approve the return of a delivered item", statuses: []gen.OrderItemStatus{gen.OrderItemStatusDelivered},
				op: "setOrderItemsReturnApproved", perItem: true, call: func(ctx context.Context, c *sellercenter.Client, ids []int) error {
					resp, err := c.SetOrderItemsReturnApprovedWithResponse(ctx, gen.OrderItemIds{OrderItemIds: ids})
					return sellercenter.Check(resp, err)
				}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				ctx := t.Context()
				mock := newContractMock(t, sellercentertest.Config{})
				c := newContractClient(t, mock, nil)
				order := addContractOrder(t, mock, gen.ItemShipmentTypeDropshipping, tt.statuses...)
				ids := itemIDsOf(order)
				before, err := mock.History(order.Id)
				if err != nil {
					t.Fatal(err)
				}

				err = tt.call(ctx, c, ids)
				op := fmt.Sprintf("%s(items %v)", tt.op, ids)
				apiErr := asAPIError(t, op, err, http.StatusUnprocessableEntity)
				if !errors.Is(err, sellercenter.ErrValidation) || errors.Is(err, sellercenter.ErrServer) {
					t.Errorf("%s = %v, want ErrValidation and not ErrServer", op, err)
				}
				if apiErr.Method != http.MethodPost {
					t.Errorf("%s APIError.Method = %q, want POST", op, apiErr.Method)
				}
				badID, badStatus := ids[tt.bad], string(tt.statuses[tt.bad])
				if tt.perItem {
					i := slices.IndexFunc(apiErr.ItemErrors, func(e sellercenter.ItemError) bool { return e.OrderItemID == badID })
					if i < 0 || !strings.Contains(apiErr.ItemErrors[i].Detail, badStatus) {
						t.Errorf("%s ItemErrors = %+v, want one for item %d naming status %s", op, apiErr.ItemErrors, badID, badStatus)
					}
				} else if !strings.Contains(apiErr.Detail, fmt.Sprintf("order item %d", badID)) || !strings.Contains(apiErr.Detail, badStatus) {
					t.Errorf("%s Detail = %q, want it to name order item %d and its status %s", op, apiErr.Detail, badID, badStatus)
				}
				if msg := err.Error(); !strings.Contains(msg, fmt.Sprint(badID)) || !strings.Contains(msg, badStatus) {
					t.Errorf("%s message = %q, want it to name item %d and status %s", op, msg, badID, badStatus)
				}

				// A refused change is all or nothing, and is not retried.
				for i, id := range ids {
					if it, err := mock.OrderItem(id); err != nil || it.Status != tt.statuses[i] {
						t.Errorf("mock.OrderItem(%d) after %s = status %s, %v; want %s unchanged", id, tt.name, it.Status, err, tt.statuses[i])
					}
				}
				if after, err := mock.History(order.Id); err != nil || len(after) != len(before) {
					t.Errorf("mock.History(%d) after %s = %d entries, %v; want %d", order.Id, tt.name, len(after), err, len(before))
				}
				if got := mock.Count(tt.op); got != 1 {
					t.Errorf("mock.Count(%q) = %d, want 1", tt.op, got)
				}
			})
		}
	})
}

// allExportActions lists every ExportAction of the spec, to walk every export.
var allExportActions = []gen.ExportAction{
	gen.ExportActionCategoryMappings, gen.ExportActionFeedErrorReport, gen.ExportActionFeedGeneralErrorReport,
	gen.ExportActionManifest, gen.ExportActionManifestDocumentsAsPdf, gen.ExportActionOrder,
	gen.ExportActionOrderDocumentsAsPdf, gen.ExportActionOrderImportTemplate, gen.ExportActionOrderInvoiceAsPdf,
	gen.ExportActionOrderReturn, gen.ExportActionOrderToShip, gen.ExportActionProduct,
	gen.ExportActionProductCreationTemplate, gen.ExportActionProductImage, gen.ExportActionProductStock,
	gen.ExportActionSellerPriceTemplate, gen.ExportActionSellerStatusTemplate, gen.ExportActionTaggedOrderItems,
	gen.ExportActionTaggedProducts, gen.ExportActionUser,
}

// pagesFor is how many requests a walk of n items in pages of size makes:
// the last page says it is the last, and an empty list takes one request.
func pagesFor(n, size int) int {
	return max(1, (n+size-1)/size)
}

// walkIDs collects the ids a walk yields, failing t on an error.
func walkIDs[T any](t *testing.T, op string, seq iter.Seq2[T, error], id func(T) int) []int {
	t.Helper()
	var ids []int
	for v, err := range seq {
		if err != nil {
			t.Fatalf("%s yielded error %v after %d items", op, err, len(ids))
		}
		ids = append(ids, id(v))
	}
	return ids
}

func checkNoDuplicates(t *testing.T, op string, ids []int) {
	t.Helper()
	seen := map[int]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Errorf("%s yielded %d twice", op, id)
		}
		seen[id] = true
	}
}

func sortedInts(ids []int) []int {
	s := slices.Clone(ids)
	slices.Sort(s)
	return s
}

// paginationMock returns the seeded mock, or with orders >= 0 an empty one
// holding that many added orders of itemsPer pending items each, small so
// that walks in pages of one item stay cheap.
func paginationMock(t *testing.T, orders, itemsPer int) *sellercentertest.Server {
	t.Helper()
	if orders < 0 {
		return newContractMock(t, sellercentertest.Config{})
	}
	mock := newContractMock(t, sellercentertest.Config{Empty: true})
	statuses := make([]gen.OrderItemStatus, itemsPer)
	for i := range statuses {
		statuses[i] = gen.OrderItemStatusPending
	}
	for range orders {
		addContractOrder(t, mock, gen.ItemShipmentTypeDropshipping, statuses...)
	}
	return mock
}

func TestContractPagination(t *testing.T) {
	t.Parallel()

	const seeded = -1
	lists := []struct {
		name             string
		orders, itemsPer int // the mock's orders; seeded for the seed
		limit            int
	}{
		{name: "seed, limit 7", orders: seeded, limit: 7},
		{name: "pages of one", orders: 5, itemsPer: 1, limit: 1},
		{name: "exact pages", orders: 6, itemsPer: 2, limit: 3},
		{name: "one default page", orders: 4, itemsPer: 3},
		{name: "empty list", orders: 0},
	}
	// A window of 1 is one page at a time, so the requests are exactly the
	// pages; the default window asks for listOrders' hasNext pages
	// speculatively, and for listOrderItems' totalCount pages exactly.
	for _, tt := range lists {
		for _, window := range []int{1, 0} {
			t.Run(fmt.Sprintf("every order and order item, %s, window %d", tt.name, window), func(t *testing.T) {
				t.Parallel()
				mock := paginationMock(t, tt.orders, tt.itemsPer)
				c := newContractClient(t, mock, func(cfg *sellercenter.Config) { cfg.PageWindow = window })
				orders, err := mock.Orders()
				if err != nil {
					t.Fatal(err)
				}
				var wantOrders, wantItems []int
				for _, o := range orders {
					wantOrders = append(wantOrders, o.Id)
					wantItems = append(wantItems, itemIDsOf(o)...)
				}
				slices.Sort(wantItems)
				size := tt.limit
				if size == 0 {
					size = sellercenter.DefaultPageSize
				}

				op := fmt.Sprintf("Orders(limit %d)", tt.limit)
				got := walkIDs(t, op, c.Orders(t.Context(), gen.ListOrdersParams{Limit: tt.limit}), func(o gen.Order) int { return o.Id })
				checkNoDuplicates(t, op, got)
				if !slices.Equal(sortedInts(got), wantOrders) {
					t.Errorf("%s = %d orders %v, want mock.Orders()'s %d %v", op, len(got), sortedInts(got), len(wantOrders), wantOrders)
				}
				if got, want := mock.Count("listOrders"), pagesFor(len(wantOrders), size); got < want || window == 1 && got != want || got > want+sellercenter.DefaultPageWindow-1 {
					t.Errorf("%s requests = %d, want %d (and at most %d more with a window)", op, got, want, sellercenter.DefaultPageWindow-1)
				}

				op = fmt.Sprintf("OrderItems(limit %d)", tt.limit)
				got = walkIDs(t, op, c.OrderItems(t.Context(), gen.ListOrderItemsParams{Limit: tt.limit}), func(it gen.OrderItem) int { return it.Id })
				checkNoDuplicates(t, op, got)
				if !slices.Equal(sortedInts(got), wantItems) {
					t.Errorf("%s = %d items %v, want the %d items of mock.Orders() %v", op, len(got), sortedInts(got), len(wantItems), wantItems)
				}
				if got, want := mock.Count("listOrderItems"), pagesFor(len(wantItems), size); got != want {
					t.Errorf("%s requests = %d, want %d", op, got, want)
				}
				if got := mock.Count(sellercentertest.TokenOperation); got != 1 {
					t.Errorf("token requests after both walks = %d, want 1", got)
				}
			})
		}
	}

	t.Run("orders from an offset", func(t *testing.T) {
		t.Parallel()
		mock := paginationMock(t, 9, 1)
		c := newContractClient(t, mock, func(cfg *sellercenter.Config) { cfg.PageWindow = 1 })
		ctx := t.Context()
		all := walkIDs(t, "Orders()", c.Orders(ctx, gen.ListOrdersParams{}), func(o gen.Order) int { return o.Id })
		const offset, limit = 5, 2
		if len(all) != 9 {
			t.Fatalf("Orders() = %d orders, want the 9 added", len(all))
		}
		before := mock.Count("listOrders")
		op := fmt.Sprintf("Orders(offset %d, limit %d)", offset, limit)
		got := walkIDs(t, op, c.Orders(ctx, gen.ListOrdersParams{Offset: offset, Limit: limit}), func(o gen.Order) int { return o.Id })
		if !slices.Equal(got, all[offset:]) {
			t.Errorf("%s = %v, want %v", op, got, all[offset:])
		}
		if got, want := mock.Count("listOrders")-before, pagesFor(len(all)-offset, limit); got != want {
			t.Errorf("%s requests = %d, want %d", op, got, want)
		}
	})

	t.Run("break stops requests", func(t *testing.T) {
		t.Parallel()
		mock := paginationMock(t, 10, 1)
		c := newContractClient(t, mock, func(cfg *sellercenter.Config) { cfg.PageWindow = 1 })
		n := 0
		for _, err := range c.Orders(t.Context(), gen.ListOrdersParams{Limit: 3}) {
			if err != nil {
				t.Fatalf("Orders(limit 3) = %v", err)
			}
			if n++; n == 4 {
				break
			}
		}
		if got := mock.Count("listOrders"); got != 2 {
			t.Errorf("Orders(limit 3) broken after 4 orders: requests = %d, want 2", got)
		}
	})

	t.Run("order items filtered by status", func(t *testing.T) {
		t.Parallel()
		mock := paginationMock(t, seeded, 0)
		c := newContractClient(t, mock, nil)
		pending := []gen.OrderItemStatus{gen.OrderItemStatusPending}
		want := mock.ItemIDs(gen.OrderItemStatusPending)
		op := "OrderItems(status pending, limit 3)"
		got := walkIDs(t, op, c.OrderItems(t.Context(), gen.ListOrderItemsParams{Status: pending, Limit: 3}), func(it gen.OrderItem) int { return it.Id })
		checkNoDuplicates(t, op, got)
		if !slices.Equal(sortedInts(got), want) {
			t.Errorf("%s = %v, want mock.ItemIDs(pending) %v", op, sortedInts(got), want)
		}
		if got, want := mock.Count("listOrderItems"), pagesFor(len(want), 3); got != want {
			t.Errorf("%s requests = %d, want %d", op, got, want)
		}
	})

	t.Run("every export", func(t *testing.T) {
		t.Parallel()
		mock := paginationMock(t, seeded, 0)
		c := newContractClient(t, mock, nil)
		ctx := t.Context()
		// One raw page of the largest size is the reference, when it holds
		// them all.
		resp, err := c.ListExportsWithResponse(ctx, &gen.ListExportsParams{Limit: sellercenter.MaxExportPageSize, ExportActions: allExportActions})
		page := decoded(t, "ListExports(limit 20)", succeed(t, "ListExports(limit 20)", resp, err).JSON200)
		if page.Pagination.TotalCount == 0 || page.Pagination.TotalCount != len(page.Items) || len(page.Items) < 3 {
			t.Fatalf("ListExports(limit 20) = %d exports of total %v, want one page with all of them, at least 3", len(page.Items), page.Pagination.TotalCount)
		}
		var want []int
		for _, x := range page.Items {
			want = append(want, x.Id)
		}

		for _, limit := range []int{1, 2, 0} {
			before := mock.Count("listExports")
			op := fmt.Sprintf("Exports(limit %d)", limit)
			got := walkIDs(t, op, c.Exports(ctx, gen.ListExportsParams{Limit: limit, ExportActions: allExportActions}), func(x gen.ExportItem) int {
				if x.Id == 0 {
					t.Fatalf("%s yielded an export without id", op)
				}
				if _, err := mock.Export(x.Id); err != nil {
					t.Errorf("mock.Export(%d) of an export %s yielded = %v", x.Id, op, err)
				}
				return x.Id
			})
			checkNoDuplicates(t, op, got)
			if !slices.Equal(got, want) {
				t.Errorf("%s = %v, want %v", op, got, want)
			}
			size := limit
			if size == 0 {
				size = sellercenter.MaxExportPageSize
			}
			if got, want := mock.Count("listExports")-before, pagesFor(len(want), size); got != want {
				t.Errorf("%s requests = %d, want %d", op, got, want)
			}
		}
	})
}

func TestContractErrors(t *testing.T) {
	t.Parallel()

	t.Run("404 is ErrNotFound with the Problem", func(t *testing.T) {
		t.Parallel()
		mock := newContractMock(t, sellercentertest.Config{})
		c := newContractClient(t, mock, nil)
		orders, err := mock.Orders()
		if err != nil {
			t.Fatal(err)
		}
		id := orders[len(orders)-1].Id + 1000
		resp, err := c.GetOrderWithResponse(t.Context(), id)
		err = sellercenter.Check(resp, err)
		op := fmt.Sprintf("GetOrder(%d)", id)
		apiErr := asAPIError(t, op, err, http.StatusNotFound)
		if !errors.Is(err, sellercenter.ErrNotFound) || errors.Is(err, sellercenter.ErrValidation) {
			t.Errorf("%s = %v, want ErrNotFound only", op, err)
		}
		base, _ := url.Parse(mock.URL)
		if want := fmt.Sprintf("%s/v2/orders/%d", base.Path, id); apiErr.Method != http.MethodGet || apiErr.Path != want {
			t.Errorf("%s APIError = %s %s, want GET %s", op, apiErr.Method, apiErr.Path, want)
		}
		if apiErr.Type == "" || apiErr.Title == "" || !strings.Contains(apiErr.Detail, fmt.Sprint(id)) {
			t.Errorf("%s Problem = type %q, title %q, detail %q; want all set, the detail naming %d", op, apiErr.Type, apiErr.Title, apiErr.Detail, id)
		}
		if got := mock.Count("getOrder"); got != 1 {
			t.Errorf("mock.Count(getOrder) = %d, want 1 (a 404 is not retried)", got)
		}
	})

	t.Run("422 of a status change names each item", func(t *testing.T) {
		t.Parallel()
		mock := newContractMock(t, sellercentertest.Config{})
		c := newContractClient(t, mock, nil)
		pending := mock.ItemIDs(gen.OrderItemStatusPending)[0]
		missing := 999999
		_, err := sellercenter.Result(c.SetOrderItemsShippedWithResponse(t.Context(), gen.OrderItemIds{OrderItemIds: []int{pending, missing}}))
		apiErr := asAPIError(t, "SetOrderItemsShipped", err, http.StatusUnprocessableEntity)
		reasons := map[int]string{}
		for _, ie := range apiErr.ItemErrors {
			reasons[ie.OrderItemID] = ie.Detail
		}
		if len(reasons) != 2 || !strings.Contains(reasons[missing], "does not exist") || !strings.Contains(reasons[pending], "pending") {
			t.Errorf("ItemErrors = %+v, want items %d (does not exist) and %d (pending)", apiErr.ItemErrors, missing, pending)
		}
		if !errors.Is(err, sellercenter.ErrValidation) || !errors.Is(err, sellercenter.ErrNotApplied) {
			t.Errorf("SetOrderItemsShipped = %v, want ErrValidation and ErrNotApplied", err)
		}
	})

	tests := []struct {
		name     string
		op       string
		call     func(ctx context.Context, c *sellercenter.Client) error
		wantPath string // a violation's propertyPath
	}{
		{name: "query parameter over its maximum", op: "listExports", wantPath: "limit",
			call: func(ctx context.Context, c *sellercenter.Client) error {
				resp, err := c.ListExportsWithResponse(ctx, &gen.ListExportsParams{Limit: sellercenter.MaxExportPageSize + 1, ExportActions: allExportActions})
				return sellercenter.Check(resp, err)
			}},
		{name: "query parameter under its minimum", op: "listOrders", wantPath: "limit",
			call: func(ctx context.Context, c *sellercenter.Client) error {
				resp, err := c.ListOrdersWithResponse(ctx, &gen.ListOrdersParams{Limit: -1})
				return sellercenter.Check(resp, err)
			}},
		{name: "required body field null", op: "setOrderItemsShipped", wantPath: "orderItemIds",
			call: func(ctx context.Context, c *sellercenter.Client) error {
				resp, err := c.SetOrderItemsShippedWithResponse(ctx, gen.OrderItemIds{})
				return sellercenter.Check(resp, err)
			}},
	}
	for _, tt := range tests {
		t.Run("400 "+tt.name+" is ErrValidation with Violations", func(t *testing.T) {
			t.Parallel()
			mock := newContractMock(t, sellercentertest.Config{})
			c := newContractClient(t, mock, nil)
			err := tt.call(t.Context(), c)
			apiErr := asAPIError(t, tt.op, err, http.StatusBadRequest)
			if !errors.Is(err, sellercenter.ErrValidation) {
				t.Errorf("%s = %v, want ErrValidation", tt.op, err)
			}
			i := slices.IndexFunc(apiErr.Violations, func(v sellercenter.Violation) bool { return v.PropertyPath == tt.wantPath })
			if i < 0 || apiErr.Violations[i].Title == "" {
				t.Errorf("%s Violations = %+v, want one titled for %q", tt.op, apiErr.Violations, tt.wantPath)
			}
			if got := mock.Count(tt.op); got != 1 {
				t.Errorf("mock.Count(%q) = %d, want 1 (a 400 is not retried)", tt.op, got)
			}
		})
	}

	// Faults on a POST: the request is refused before the mock's logic, it
	// is never repeated, and the item does not move.
	faults := []struct {
		name   string
		inject func(mock *sellercentertest.Server, scope sellercentertest.Scope) (func(), error)
		check  func(t *testing.T, op string, err error)
	}{
		{name: "500 is ErrServer", inject: func(mock *sellercentertest.Server, scope sellercentertest.Scope) (func(), error) {
			return mock.Fail(scope, http.StatusInternalServerError, "")
		}, check: func(t *testing.T, op string, err error) {
			asAPIError(t, op, err, http.StatusInternalServerError)
			if !errors.Is(err, sellercenter.ErrServer) || errors.Is(err, sellercenter.ErrMaintenance) {
				t.Errorf("%s = %v, want ErrServer and not ErrMaintenance", op, err)
			}
		}},
		{name: "503 is ErrServer and not retried", inject: func(mock *sellercentertest.Server, scope sellercentertest.Scope) (func(), error) {
			return mock.Fail(scope, http.StatusServiceUnavailable, "0")
		}, check: func(t *testing.T, op string, err error) {
			asAPIError(t, op, err, http.StatusServiceUnavailable)
			if !errors.Is(err, sellercenter.ErrServer) {
				t.Errorf("%s = %v, want ErrServer", op, err)
			}
		}},
		{name: "dropped connection is an error", inject: func(mock *sellercentertest.Server, scope sellercentertest.Scope) (func(), error) {
			return mock.DropConnections(scope)
		}, check: func(t *testing.T, op string, err error) {
			var apiErr *sellercenter.APIError
			if err == nil || errors.As(err, &apiErr) || !strings.HasPrefix(err.Error(), "sellercenter: ") {
				t.Errorf("%s = %v, want a transport error starting with \"sellercenter: \"", op, err)
			}
		}},
	}
	for _, tt := range faults {
		t.Run("POST "+tt.name+", one attempt", func(t *testing.T) {
			t.Parallel()
			// A dropped connection reaches the client before the mock logs
			// the request, so the count waits for the log hook.
			logged := make(chan struct{}, 10)
			mock := newContractMock(t, sellercentertest.Config{OnRequest: func(r sellercentertest.Request) {
				if r.Operation == "setOrderItemsShipped" {
					logged <- struct{}{}
				}
			}})
			c := newContractClient(t, mock, nil)
			id := itemIDsOf(addContractOrder(t, mock, gen.ItemShipmentTypeDropshipping, gen.OrderItemStatusReadyToShip))[0]
			if _, err := tt.inject(mock, sellercentertest.Scope{Operation: "setOrderItemsShipped"}); err != nil {
				t.Fatal(err)
			}
			resp, err := c.SetOrderItemsShippedWithResponse(t.Context(), gen.OrderItemIds{OrderItemIds: []int{id}})
			op := fmt.Sprintf("SetOrderItemsShipped(%d)", id)
			tt.check(t, op, sellercenter.Check(resp, err))
			select {
			case <-logged:
			case <-time.After(10 * time.Second):
				t.Fatalf("%s: the mock logged no request in 10s", op)
			}
			if got := mock.Count("setOrderItemsShipped"); got != 1 {
				t.Errorf("mock.Count(setOrderItemsShipped) = %d, want exactly 1 attempt", got)
			}
			if it, err := mock.OrderItem(id); err != nil || it.Status != gen.OrderItemStatusReadyToShip {
				t.Errorf("mock.OrderItem(%d) = status %s, %v; want ready_to_ship unchanged", id, it.Status, err)
			}
		})
	}

	t.Run("malformed body is a decoding error", func(t *testing.T) {
		t.Parallel()
		mock := newContractMock(t, sellercentertest.Config{})
		c := newContractClient(t, mock, nil)
		if _, err := mock.MalformBodies(sellercentertest.Scope{Operation: "getSeller", Count: 1}); err != nil {
			t.Fatal(err)
		}
		resp, err := c.GetSellerWithResponse(t.Context())
		err = sellercenter.Check(resp, err)
		var apiErr *sellercenter.APIError
		if err == nil || errors.As(err, &apiErr) || !strings.HasPrefix(err.Error(), "sellercenter: ") {
			t.Errorf("GetSeller() with a cut body = %v, want a decoding error starting with \"sellercenter: \"", err)
		}
		resp, err = c.GetSellerWithResponse(t.Context())
		decoded(t, "GetSeller() after the fault", succeed(t, "GetSeller() after the fault", resp, err).JSON200)
	})

	t.Run("wrong client secret is authn.ErrInvalidClient", func(t *testing.T) {
		t.Parallel()
		mock := newContractMock(t, sellercentertest.Config{})
		wrong := "not-" + mock.ClientSecret
		c := newContractClient(t, mock, func(cfg *sellercenter.Config) { cfg.ClientSecret = wrong })
		resp, err := c.GetSellerWithResponse(t.Context())
		err = sellercenter.Check(resp, err)
		if !errors.Is(err, authn.ErrInvalidClient) {
			t.Errorf("GetSeller() with a wrong secret = %v, want authn.ErrInvalidClient", err)
		}
		if err != nil && (strings.Contains(err.Error(), wrong) || strings.Contains(fmt.Sprintf("%+v", err), wrong)) {
			t.Error("GetSeller() with a wrong secret: the error carries the secret")
		}
		if got := mock.Count("getSeller"); got != 0 {
			t.Errorf("mock.Count(getSeller) = %d, want 0: no API call without a token", got)
		}
	})
}

func TestContractTokenExpiresMidRun(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	mock := newContractMock(t, sellercentertest.Config{})
	c := newContractClient(t, mock, nil)
	tokens := func() int { return mock.Count(sellercentertest.TokenOperation) }

	resp, err := c.GetSellerWithResponse(ctx)
	succeed(t, "GetSeller()", resp, err)
	if got := tokens(); got != 1 {
		t.Fatalf("token requests after the first call = %d, want 1", got)
	}
	resp, err = c.GetSellerWithResponse(ctx)
	succeed(t, "GetSeller() again", resp, err)
	if got := tokens(); got != 1 {
		t.Errorf("token requests after a second call = %d, want 1 (the token is cached)", got)
	}

	mock.ExpireTokens()
	resp, err = c.GetSellerWithResponse(ctx)
	decoded(t, "GetSeller() after expiry", succeed(t, "GetSeller() after expiry", resp, err).JSON200)
	if got := tokens(); got != 2 {
		t.Errorf("token requests after expiry = %d, want 2 (one refetch)", got)
	}
	var statuses []int
	for _, r := range mock.Requests() {
		if r.Operation == "getSeller" {
			statuses = append(statuses, r.Status)
		}
	}
	if want := []int{200, 200, 401, 200}; !slices.Equal(statuses, want) {
		t.Errorf("getSeller statuses = %v, want %v", statuses, want)
	}

	// A POST whose token expired is sent again once with the new token: a
	// 401 means it was not processed, so this duplicates no write.
	id := itemIDsOf(addContractOrder(t, mock, gen.ItemShipmentTypeDropshipping, gen.OrderItemStatusReadyToShip))[0]
	order, err := mock.OrderItem(id)
	if err != nil {
		t.Fatal(err)
	}
	before, err := mock.History(order.OrderId)
	if err != nil {
		t.Fatal(err)
	}
	mock.ExpireTokens()
	shipped, err := c.SetOrderItemsShippedWithResponse(ctx, gen.OrderItemIds{OrderItemIds: []int{id}})
	decoded(t, "SetOrderItemsShipped() after expiry", succeed(t, "SetOrderItemsShipped() after expiry", shipped, err).JSON200)
	if got := tokens(); got != 3 {
		t.Errorf("token requests after the second expiry = %d, want 3", got)
	}
	if got := mock.Count("setOrderItemsShipped"); got != 2 {
		t.Errorf("mock.Count(setOrderItemsShipped) = %d, want 2 (401, then 200)", got)
	}
	if after, err := mock.History(order.OrderId); err != nil || len(after) != len(before)+1 {
		t.Errorf("mock.History(%d) = %d entries, %v; want %d: the change made once", order.OrderId, len(after), err, len(before)+1)
	}
}

func TestContractMaintenanceWindowEnds(t *testing.T) {
	t.Parallel()

	// The root Config offers no clock or sleeper, so the retry layer really
	// waits the Retry-After of 1 s here; this is the one slow subtest. The
	// window is ended by a goroutine the request log hook wakes on the first
	// 503; the second of waiting is what makes that deterministic (with
	// Retry-After 0 the goroutine would race the retry). The exact waits are
	// covered with an injected clock in retry_test.go; the other subtests
	// take the paths that need no waiting.
	t.Run("a GET waits out the window", func(t *testing.T) {
		t.Parallel()
		first503 := make(chan struct{}, 1)
		mock := newContractMock(t, sellercentertest.Config{OnRequest: func(r sellercentertest.Request) {
			if r.Operation == "getSeller" && r.Status == http.StatusServiceUnavailable {
				select {
				case first503 <- struct{}{}:
				default:
				}
			}
		}})
		c := newContractClient(t, mock, nil)
		end := mock.Maintenance("1")
		t.Cleanup(end)
		done := make(chan struct{})
		t.Cleanup(func() { close(done) })
		go func() {
			select {
			case <-first503:
				end()
			case <-done:
			}
		}()

		start := time.Now()
		resp, err := c.GetSellerWithResponse(t.Context())
		waited := time.Since(start)
		decoded(t, "GetSeller() during maintenance", succeed(t, "GetSeller() during maintenance", resp, err).JSON200)
		var statuses []int
		for _, r := range mock.Requests() {
			if r.Operation == "getSeller" {
				statuses = append(statuses, r.Status)
			}
		}
		if want := []int{503, 200}; !slices.Equal(statuses, want) {
			t.Errorf("getSeller statuses = %v, want %v", statuses, want)
		}
		if waited < time.Second {
			t.Errorf("GetSeller() during maintenance returned after %v, want at least the Retry-After of 1s", waited)
		}
	})

	t.Run("a deadline before Retry-After returns at once", func(t *testing.T) {
		t.Parallel()
		mock := newContractMock(t, sellercentertest.Config{})
		c := newContractClient(t, mock, nil)
		mock.Maintenance("30") // never ended: the mock closes with the test
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
		defer cancel()
		resp, err := c.GetSellerWithResponse(ctx)
		err = sellercenter.Check(resp, err)
		apiErr := asAPIError(t, "GetSeller()", err, http.StatusServiceUnavailable)
		if !errors.Is(err, sellercenter.ErrMaintenance) || !errors.Is(err, sellercenter.ErrServer) {
			t.Errorf("GetSeller() = %v, want ErrMaintenance and ErrServer", err)
		}
		if apiErr.RetryAfter != 30*time.Second || apiErr.CausedBy != "maintenance_mode" {
			t.Errorf("GetSeller() APIError = RetryAfter %v, CausedBy %q; want 30s, maintenance_mode", apiErr.RetryAfter, apiErr.CausedBy)
		}
		if ctx.Err() != nil {
			t.Errorf("GetSeller() returned after the deadline (%v), want at once", ctx.Err())
		}
		if got := mock.Count("getSeller"); got != 1 {
			t.Errorf("mock.Count(getSeller) = %d, want 1", got)
		}
	})

	t.Run("a window longer than the retries is ErrMaintenance", func(t *testing.T) {
		t.Parallel()
		mock := newContractMock(t, sellercentertest.Config{})
		c := newContractClient(t, mock, nil)
		mock.Maintenance("0") // never ended: the mock closes with the test
		resp, err := c.GetSellerWithResponse(t.Context())
		err = sellercenter.Check(resp, err)
		asAPIError(t, "GetSeller()", err, http.StatusServiceUnavailable)
		if !errors.Is(err, sellercenter.ErrMaintenance) {
			t.Errorf("GetSeller() = %v, want ErrMaintenance", err)
		}
		if got, want := mock.Count("getSeller"), 1+sellercenter.DefaultMaxRetries; got != want {
			t.Errorf("mock.Count(getSeller) = %d, want %d", got, want)
		}
	})
}

func TestContract429Burst(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		burst        int // 429s before the mock answers
		maxRetries   int // Config.MaxRetries
		wantAttempts int
		wantOK       bool
	}{
		{name: "burst within the retries", burst: 2, wantAttempts: 3, wantOK: true},
		{name: "burst one longer than the retries", burst: 3, maxRetries: 2, wantAttempts: 3},
		{name: "burst much longer than the retries", burst: 5, maxRetries: 1, wantAttempts: 2},
		{name: "retries off", burst: 1, maxRetries: -1, wantAttempts: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			mock := newContractMock(t, sellercentertest.Config{})
			c := newContractClient(t, mock, func(cfg *sellercenter.Config) { cfg.MaxRetries = tt.maxRetries })
			if _, err := mock.Fail(sellercentertest.Scope{Operation: "getSeller", Count: tt.burst}, http.StatusTooManyRequests, "0"); err != nil {
				t.Fatal(err)
			}
			resp, err := c.GetSellerWithResponse(t.Context())
			err = sellercenter.Check(resp, err)
			op := fmt.Sprintf("GetSeller() after %d 429s, MaxRetries %d", tt.burst, tt.maxRetries)
			if tt.wantOK {
				if err != nil {
					t.Errorf("%s = %v, want success", op, err)
				} else {
					decoded(t, op, resp.JSON200)
				}
			} else {
				apiErr := asAPIError(t, op, err, http.StatusTooManyRequests)
				if !errors.Is(err, sellercenter.ErrRateLimited) || errors.Is(err, sellercenter.ErrServer) {
					t.Errorf("%s = %v, want ErrRateLimited and not ErrServer", op, err)
				}
				if apiErr.RetryAfter != 0 {
					t.Errorf("%s APIError.RetryAfter = %v, want 0 (Retry-After: 0)", op, apiErr.RetryAfter)
				}
			}
			if got := mock.Count("getSeller"); got != tt.wantAttempts {
				t.Errorf("%s attempts = %d, want %d", op, got, tt.wantAttempts)
			}
		})
	}

	t.Run("POST is not retried", func(t *testing.T) {
		t.Parallel()
		mock := newContractMock(t, sellercentertest.Config{})
		c := newContractClient(t, mock, nil)
		id := itemIDsOf(addContractOrder(t, mock, gen.ItemShipmentTypeDropshipping, gen.OrderItemStatusReadyToShip))[0]
		if _, err := mock.Fail(sellercentertest.Scope{Operation: "setOrderItemsShipped", Count: 1}, http.StatusTooManyRequests, "0"); err != nil {
			t.Fatal(err)
		}
		resp, err := c.SetOrderItemsShippedWithResponse(t.Context(), gen.OrderItemIds{OrderItemIds: []int{id}})
		err = sellercenter.Check(resp, err)
		if !errors.Is(err, sellercenter.ErrRateLimited) {
			t.Errorf("SetOrderItemsShipped(%d) after a 429 = %v, want ErrRateLimited", id, err)
		}
		if got := mock.Count("setOrderItemsShipped"); got != 1 {
			t.Errorf("mock.Count(setOrderItemsShipped) = %d, want 1 (POST has no idempotency key)", got)
		}
	})
}

// operationEnv is what a row's onMock works with: the mock and the real
// client of it.
type operationEnv struct {
	ctx  context.Context
	mock *sellercentertest.Server
	c    *sellercenter.Client
}

// item adds an order with one item in status, shipped the given way, and
// returns the item's id.
func (e operationEnv) item(t *testing.T, status gen.OrderItemStatus, ship gen.ItemShipmentType) int {
	t.Helper()
	return itemIDsOf(addContractOrder(t, e.mock, ship, status))[0]
}

// firstOrder returns the order of the mock's first pending item; the mock
// renders that one order only.
func (e operationEnv) firstOrder(t *testing.T) gen.Order {
	t.Helper()
	it, err := e.mock.OrderItem(e.firstItem(t, gen.OrderItemStatusPending))
	if err != nil {
		t.Fatal(err)
	}
	o, err := e.mock.Order(it.OrderId)
	if err != nil {
		t.Fatalf("mock.Order(%d) = %v, want the order of item %d", it.OrderId, err, it.Id)
	}
	return o
}

// firstItem returns the mock's first item in status.
func (e operationEnv) firstItem(t *testing.T, status gen.OrderItemStatus) int {
	t.Helper()
	ids := e.mock.ItemIDs(status)
	if len(ids) == 0 {
		t.Fatalf("mock.ItemIDs(%s) = none, want a seeded item", status)
	}
	return ids[0]
}

// wantStatus fails t unless the mock holds item id in status.
func (e operationEnv) wantStatus(t *testing.T, id int, status gen.OrderItemStatus) {
	t.Helper()
	if it, err := e.mock.OrderItem(id); err != nil || it.Status != status {
		t.Errorf("mock.OrderItem(%d) = status %s, %v; want %s", id, it.Status, err, status)
	}
}

// carrier returns an active carrier of the mock other than the default one.
func (e operationEnv) carrier(t *testing.T) string {
	t.Helper()
	providers, err := e.mock.ShipmentProviders()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range providers {
		if p.Name != "" && p.Status != false && p.Status && (p.Default == false || !p.Default) {
			return p.Name
		}
	}
	t.Fatal("mock.ShipmentProviders() has no active carrier besides the default")
	return ""
}

// reason returns the name of the mock's first failure reason of type typ.
func (e operationEnv) reason(t *testing.T, typ gen.FailureReasonType) string {
	t.Helper()
	reasons, err := e.mock.FailureReasons()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reasons {
		if r.Type != "" && r.Type == typ && r.Name != "" {
			return r.Name
		}
	}
	t.Fatalf("mock.FailureReasons() has no reason of type %s", typ)
	return ""
}

// packageOf lists the package of item with the client.
func (e operationEnv) packageOf(t *testing.T, item int) int {
	t.Helper()
	resp, err := e.c.ListOrderItemPackagesWithResponse(e.ctx, &gen.ListOrderItemPackagesParams{OrderItemIds: []int{item}})
	pkgs := decoded(t, "ListOrderItemPackages()", succeed(t, "ListOrderItemPackages()", resp, err).JSON200)
	if len(pkgs) == 0 {
		t.Fatalf("ListOrderItemPackages(%d) = none, want its package", item)
	}
	return pkgs[0].Id
}

// exports lists every export with the client.
func (e operationEnv) exports(t *testing.T) []gen.ExportItem {
	t.Helper()
	resp, err := e.c.ListExportsWithResponse(e.ctx, &gen.ListExportsParams{Limit: sellercenter.MaxExportPageSize, ExportActions: allExportActions})
	page := decoded(t, "ListExports()", succeed(t, "ListExports()", resp, err).JSON200)
	if len(page.Items) == 0 {
		t.Fatal("ListExports() = none, want the seeded exports")
	}
	return page.Items
}

// uploadDocument uploads a PDF invoice for package pkg.
func (e operationEnv) uploadDocument(t *testing.T, pkg int) gen.UploadedDocument {
	t.Helper()
	ct, body := multipartForm(t, [][2]string{{"documentType", "invoice"}}, "documentFile", "invoice.pdf", []byte("%PDF-1.4\n% contract test\n"))
	resp, err := e.c.UploadPackageDocumentWithBodyWithResponse(e.ctx, pkg, ct, body)
	op := fmt.Sprintf("UploadPackageDocument(%d)", pkg)
	return decoded(t, op, succeed(t, op, resp, err).JSON200)
}

// multipartForm encodes fields and one file as multipart/form-data.
func multipartForm(t *testing.T, fields [][2]string, fileField, fileName string, content []byte) (string, io.Reader) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for _, f := range fields {
		if err := w.WriteField(f[0], f[1]); err != nil {
			t.Fatal(err)
		}
	}
	fw, err := w.CreateFormFile(fileField, fileName)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(content); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return w.FormDataContentType(), &b
}

// changedOK fails t unless a status change answered with exactly ids.
func changedOK(t *testing.T, op string, b *gen.ChangedItems, ids ...int) {
	t.Helper()
	if got := decoded(t, op, b).OrderItemIds; !slices.Equal(got, ids) {
		t.Errorf("%s changed items = %v, want %v", op, got, ids)
	}
}

// TestContractEveryOperation runs every row's onMock: each operation of the
// spec through the root client against the stateful mock, on a fresh mock
// for each row that changes state. TestEveryOperationHasARow fails naming
// the operations without a row, and this test those without an onMock.
func TestContractEveryOperation(t *testing.T) {
	t.Parallel()
	ops := newContractMock(t, sellercentertest.Config{Empty: true}).Operations()
	var missing []string
	for _, op := range ops {
		if r, ok := rows[op]; !ok || r.onMock == nil {
			missing = append(missing, op)
		}
	}
	if len(missing) > 0 {
		t.Errorf("operations of mock.Operations() without a row's onMock: %v", missing)
	}

	t.Run("rows that read only, on one mock", func(t *testing.T) {
		t.Parallel()
		// Every read-only row on one mock, back to back: more than the
		// mock's per-second bucket, and each row counts its one request.
		mock := newContractMock(t, sellercentertest.Config{RateLimit: sellercentertest.NoRateLimit})
		e := operationEnv{ctx: t.Context(), mock: mock, c: newContractClient(t, mock, nil)}
		for _, op := range sortedKeys(rows) {
			r := rows[op]
			if r.onMock == nil || r.access != readsOnly {
				continue
			}
			t.Run(op, func(t *testing.T) {
				before := mock.Count(op)
				r.onMock(t, e)
				if got := mock.Count(op) - before; got != 1 {
					t.Errorf("mock.Count(%q) grew by %d, want 1: onMock must call its operation once", op, got)
				}
			})
		}
	})
	for _, op := range sortedKeys(rows) {
		r := rows[op]
		if r.onMock == nil || r.access != mutates {
			continue
		}
		t.Run(op, func(t *testing.T) {
			t.Parallel()
			mock := newContractMock(t, r.mock)
			e := operationEnv{ctx: t.Context(), mock: mock, c: newContractClient(t, mock, nil)}
			r.onMock(t, e)
			if got := mock.Count(op); got != 1 {
				t.Errorf("mock.Count(%q) = %d, want 1: onMock must call its operation once", op, got)
			}
		})
	}
}
