package sellercentertest

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter/gen"
)

// statusCall is one status-change call of the workflow, sent with the
// generated client.
type statusCall struct {
	name string
	from []gen.OrderItemStatus // the documented workflow
	to   gen.OrderItemStatus
	// itemErrors: the 422 body is per item (ItemErrors), not a Problem.
	itemErrors bool
	send       func(ctx context.Context, c *gen.ClientWithResponses, ids []int) (status int, problem *gen.Problem, items *gen.ItemErrors, err error)
}

func problemOf[T any](r T, status int, p *gen.ItemsProblem) (int, *gen.Problem, *gen.ItemErrors, error) {
	if p == nil {
		return status, nil, nil, nil
	}
	return status, &gen.Problem{Type: p.Type, Title: p.Title, Status: p.Status, Detail: p.Detail}, &gen.ItemErrors{Errors: p.Errors}, nil
}

var statusCalls = []statusCall{
	{"set-to-ready-to-ship", []gen.OrderItemStatus{gen.OrderItemStatusPending}, gen.OrderItemStatusReadyToShip, false,
		func(ctx context.Context, c *gen.ClientWithResponses, ids []int) (int, *gen.Problem, *gen.ItemErrors, error) {
			body := gen.ReadyToShipRequest{}
			for _, id := range ids {
				body.OrderItems = append(body.OrderItems, gen.ReadyToShipItem{Id: id})
			}
			r, err := c.SetOrderItemsReadyToShipWithResponse(ctx, body)
			if err != nil {
				return 0, nil, nil, err
			}
			return problemOf(r, r.StatusCode(), r.JSON422)
		}},
	{"set-to-cancelled", []gen.OrderItemStatus{gen.OrderItemStatusPending, gen.OrderItemStatusShipmentInformationPending, gen.OrderItemStatusReadyToShip}, gen.OrderItemStatusCanceled, false,
		func(ctx context.Context, c *gen.ClientWithResponses, ids []int) (int, *gen.Problem, *gen.ItemErrors, error) {
			r, err := c.SetOrderItemsCanceledWithResponse(ctx, gen.ReasonedStatusChange{OrderItemIds: ids, Reason: "Out of stock"})
			if err != nil {
				return 0, nil, nil, err
			}
			return problemOf(r, r.StatusCode(), r.JSON422)
		}},
	{"set-to-shipped", []gen.OrderItemStatus{gen.OrderItemStatusReadyToShip}, gen.OrderItemStatusShipped, false,
		func(ctx context.Context, c *gen.ClientWithResponses, ids []int) (int, *gen.Problem, *gen.ItemErrors, error) {
			r, err := c.SetOrderItemsShippedWithResponse(ctx, gen.OrderItemIds{OrderItemIds: ids})
			if err != nil {
				return 0, nil, nil, err
			}
			return problemOf(r, r.StatusCode(), r.JSON422)
		}},
	{"set-to-delivered", []gen.OrderItemStatus{gen.OrderItemStatusShipped}, gen.OrderItemStatusDelivered, false,
		func(ctx context.Context, c *gen.ClientWithResponses, ids []int) (int, *gen.Problem, *gen.ItemErrors, error) {
			r, err := c.SetOrderItemsDeliveredWithResponse(ctx, gen.OrderItemIds{OrderItemIds: ids})
			if err != nil {
				return 0, nil, nil, err
			}
			return problemOf(r, r.StatusCode(), r.JSON422)
		}},
	{"set-to-delivery-failed", []gen.OrderItemStatus{gen.OrderItemStatusShipped}, gen.OrderItemStatusFailed, false,
		func(ctx context.Context, c *gen.ClientWithResponses, ids []int) (int, *gen.Problem, *gen.ItemErrors, error) {
			r, err := c.SetOrderItemsDeliveryFailedWithResponse(ctx, gen.ReasonedStatusChange{OrderItemIds: ids, Reason: "Customer not reachable"})
			if err != nil {
				return 0, nil, nil, err
			}
			return problemOf(r, r.StatusCode(), r.JSON422)
		}},
	{"set-to-returned", []gen.OrderItemStatus{gen.OrderItemStatusDelivered}, gen.OrderItemStatusReturned, false,
		func(ctx context.Context, c *gen.ClientWithResponses, ids []int) (int, *gen.Problem, *gen.ItemErrors, error) {
			r, err := c.SetOrderItemsReturnedWithResponse(ctx, gen.ReturnStatusChange{OrderItemIds: ids, Reason: ptr("Wrong size")})
			if err != nil {
				return 0, nil, nil, err
			}
			return problemOf(r, r.StatusCode(), r.JSON422)
		}},
	{"set-to-return-received", []gen.OrderItemStatus{gen.OrderItemStatusReturnShippedByCustomer}, gen.OrderItemStatusReturnWaitingForApproval, true,
		func(ctx context.Context, c *gen.ClientWithResponses, ids []int) (int, *gen.Problem, *gen.ItemErrors, error) {
			r, err := c.SetOrderItemsReturnReceivedWithResponse(ctx, gen.OrderItemIds{OrderItemIds: ids})
			if err != nil {
				return 0, nil, nil, err
			}
			return r.StatusCode(), nil, r.JSON422, nil
		}},
	{"set-to-return-approved", []gen.OrderItemStatus{gen.OrderItemStatusReturnWaitingForApproval}, gen.OrderItemStatusReturned, true,
		func(ctx context.Context, c *gen.ClientWithResponses, ids []int) (int, *gen.Problem, *gen.ItemErrors, error) {
			r, err := c.SetOrderItemsReturnApprovedWithResponse(ctx, gen.OrderItemIds{OrderItemIds: ids})
			if err != nil {
				return 0, nil, nil, err
			}
			return r.StatusCode(), nil, r.JSON422, nil
		}},
	{"set-to-return-rejected", []gen.OrderItemStatus{gen.OrderItemStatusReturnWaitingForApproval}, gen.OrderItemStatusReturnRejected, false,
		func(ctx context.Context, c *gen.ClientWithResponses, ids []int) (int, *gen.Problem, *gen.ItemErrors, error) {
			r, err := c.SetOrderItemsReturnRejectedWithResponse(ctx, gen.ReasonedStatusChange{OrderItemIds: ids, Reason: "Item used or damaged"})
			if err != nil {
				return 0, nil, nil, err
			}
			return problemOf(r, r.StatusCode(), r.JSON422)
		}},
}

var allStatuses = []gen.OrderItemStatus{
	gen.OrderItemStatusPending, gen.OrderItemStatusShipmentInformationPending, gen.OrderItemStatusPaymentPending,
	gen.OrderItemStatusReadyToShip, gen.OrderItemStatusShipped, gen.OrderItemStatusDelivered, gen.OrderItemStatusFailed,
	gen.OrderItemStatusCanceled, gen.OrderItemStatusReturned, gen.OrderItemStatusReturnShippedByCustomer,
	gen.OrderItemStatusReturnWaitingForApproval, gen.OrderItemStatusReturnRejected, gen.OrderItemStatusReturnDelivered,
}

// addItem adds an order with one dropshipping item in status and returns the
// item's id and order id.
func addItem(t *testing.T, s *Server, status gen.OrderItemStatus) (itemID, orderID int) {
	t.Helper()
	o, err := s.AddOrder(gen.Order{Items: []gen.OrderItem{{Status: status}}})
	if err != nil {
		t.Fatalf("AddOrder(item %s) = %v", status, err)
	}
	return o.Items[0].Id, o.Id
}

// TestStatusWorkflow sends every status change for an item in every status:
// the documented transitions change the status and add to the history, the
// others are 422 naming the item and its status and change nothing.
func TestStatusWorkflow(t *testing.T) {
	t.Parallel()
	// One server answers the whole table at once: the rules, not the
	// rate limit, are under test.
	s := newServer(t, Config{RateLimit: NoRateLimit})
	c := apiClient(t, s)
	for _, sc := range statusCalls {
		for _, from := range allStatuses {
			legal := slices.Contains(sc.from, from)
			t.Run(fmt.Sprintf("%s from %s", sc.name, from), func(t *testing.T) {
				t.Parallel()
				id, orderID := addItem(t, s, from)
				before, _ := s.History(orderID)
				status, p, ie, err := sc.send(context.Background(), c, []int{id})
				if err != nil {
					t.Fatalf("%s(%d) = %v", sc.name, id, err)
				}
				after, err := s.History(orderID)
				if err != nil {
					t.Fatal(err)
				}
				it, err := s.OrderItem(id)
				if err != nil {
					t.Fatal(err)
				}
				if legal {
					if status != http.StatusOK || it.Status != sc.to {
						t.Fatalf("%s(%d in %s) = %d, item now %s; want 200 and %s", sc.name, id, from, status, it.Status, sc.to)
					}
					last := after[len(after)-1]
					if len(after) != len(before)+1 || last.OrderItemId != id || last.Status != sc.to || last.Editor != s.ClientID {
						t.Errorf("history after %s = %+v, want one new entry %s by %s", sc.name, last, sc.to, s.ClientID)
					}
					return
				}
				if status != http.StatusUnprocessableEntity {
					t.Fatalf("%s(%d in %s) = %d, want 422", sc.name, id, from, status)
				}
				var detail string
				switch {
				case sc.itemErrors && ie != nil && len(ie.Errors) == 1:
					e := ie.Errors[0]
					if e.OrderItemId != id {
						t.Errorf("422 names item %v, want %d", e.OrderItemId, id)
					}
					detail = e.Detail
				case !sc.itemErrors && p != nil:
					if p.Title != "Status Transition is not allowed" {
						t.Errorf("422 title = %q, want Status Transition is not allowed", p.Title)
					}
					detail = p.Detail
				default:
					t.Fatalf("422 body = %+v %+v, want a %s", p, ie, map[bool]string{true: "ItemErrors", false: "Problem"}[sc.itemErrors])
				}
				if !strings.Contains(detail, fmt.Sprint(id)) || !strings.Contains(detail, string(from)) {
					t.Errorf("422 detail = %q, want it to name item %d and its status %s", detail, id, from)
				}
				if it.Status != from || len(after) != len(before) {
					t.Errorf("after a refused %s the item is %s with %d history entries, want %s with %d", sc.name, it.Status, len(after), from, len(before))
				}
			})
		}
	}
}

// TestOrderLifecycle walks one two-item order from pending to returned with
// the generated client, checking the order as the API shows it at each step.
func TestOrderLifecycle(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	c := apiClient(t, s)
	ctx := context.Background()
	o, err := s.AddOrder(gen.Order{Items: []gen.OrderItem{{}, {}}})
	if err != nil {
		t.Fatal(err)
	}
	ids := o.OrderItemIds
	if len(ids) != 2 || o.StatusList["pending"] != 2 || o.ItemCount != 2 {
		t.Fatalf("AddOrder = ids %v statusList %v, want two pending items", ids, o.StatusList)
	}

	r2s, err := c.SetOrderItemsReadyToShipWithResponse(ctx, gen.ReadyToShipRequest{
		OrderItems:       []gen.ReadyToShipItem{{Id: ids[0], SerialNumber: "SN0001"}, {Id: ids[1]}},
		ShippingProvider: "J&T Express", TrackingNumber: "JT6300000001", DeliveryType: gen.DeliveryTypeDropship,
	})
	if err != nil || r2s.JSON200 == nil || !slices.Equal(r2s.JSON200.OrderItemIds, ids) {
		t.Fatalf("SetOrderItemsReadyToShip(%v) = %v %s, want 200 with both ids", ids, err, r2s.Body)
	}
	got, err := c.GetOrderWithResponse(ctx, o.Id)
	if err != nil || got.JSON200 == nil {
		t.Fatalf("GetOrder(%d) = %v", o.Id, err)
	}
	for _, it := range got.JSON200.Items {
		if it.Status != gen.OrderItemStatusReadyToShip || it.Shipment.Provider == nil || it.Shipment.Provider.Name != "J&T Express" || it.Shipment.TrackingCode != "JT6300000001" {
			t.Errorf("item %d after ready-to-ship = %s via %+v tracking %q, want ready_to_ship via J&T Express JT6300000001", it.Id, it.Status, it.Shipment.Provider, it.Shipment.TrackingCode)
		}
	}
	if got.JSON200.PackedItemsCount != 2 || str(got.JSON200.Items[0].ItemSerialNumber) != "SN0001" {
		t.Errorf("order after ready-to-ship: packedItemsCount %d serial %q, want 2 and SN0001", got.JSON200.PackedItemsCount, str(got.JSON200.Items[0].ItemSerialNumber))
	}
	pk, err := c.ListOrderItemPackagesWithResponse(ctx, &gen.ListOrderItemPackagesParams{OrderItemIds: ids})
	if err != nil || pk.JSON200 == nil || len(*pk.JSON200) != 1 || !slices.Equal((*pk.JSON200)[0].OrderItemIds, ids) {
		t.Fatalf("ListOrderItemPackages(%v) = %v %s, want one package with both items", ids, err, pk.Body)
	}

	steps := []struct {
		name string
		do   func() (int, error)
		want gen.OrderItemStatus
	}{
		{"shipped", func() (int, error) {
			r, err := c.SetOrderItemsShippedWithResponse(ctx, gen.OrderItemIds{OrderItemIds: ids})
			return r.StatusCode(), err
		}, gen.OrderItemStatusShipped},
		{"delivered", func() (int, error) {
			r, err := c.SetOrderItemsDeliveredWithResponse(ctx, gen.OrderItemIds{OrderItemIds: ids})
			return r.StatusCode(), err
		}, gen.OrderItemStatusDelivered},
		{"returned", func() (int, error) {
			r, err := c.SetOrderItemsReturnedWithResponse(ctx, gen.ReturnStatusChange{OrderItemIds: ids[:1], Reason: ptr("Wrong size")})
			return r.StatusCode(), err
		}, gen.OrderItemStatusReturned},
	}
	for _, st := range steps {
		if status, err := st.do(); err != nil || status != http.StatusOK {
			t.Fatalf("%s: %d %v, want 200", st.name, status, err)
		}
	}
	final, err := s.Order(o.Id)
	if err != nil {
		t.Fatal(err)
	}
	if final.StatusList["returned"] != 1 || final.StatusList["delivered"] != 1 {
		t.Errorf("statusList = %v, want one returned and one delivered", final.StatusList)
	}
	if fr := final.Items[0].FailureReason; str(fr.Name) != "Wrong size" || fr.Type == nil || *fr.Type != gen.ItemFailureReasonTypeReturned {
		t.Errorf("failureReason of the returned item = %+v, want returned / Wrong size", fr)
	}
	h, err := c.GetOrderHistoryWithResponse(ctx, o.Id, &gen.GetOrderHistoryParams{OrderItemIds: []int{ids[0]}})
	if err != nil || h.JSON200 == nil {
		t.Fatalf("GetOrderHistory(%d) = %v", o.Id, err)
	}
	var path []gen.OrderItemStatus
	for _, e := range *h.JSON200 {
		if e.OrderItemId != ids[0] {
			t.Errorf("history filtered to item %d has an entry of item %d", ids[0], e.OrderItemId)
		}
		path = append(path, e.Status)
	}
	want := []gen.OrderItemStatus{gen.OrderItemStatusPending, gen.OrderItemStatusReadyToShip, gen.OrderItemStatusShipped, gen.OrderItemStatusDelivered, gen.OrderItemStatusReturned}
	if !slices.Equal(path, want) {
		t.Errorf("history of item %d = %v, want %v", ids[0], path, want)
	}
}

func TestStatusRules(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	c := apiClient(t, s)
	ctx := context.Background()
	pending := func(n int, mod func(*gen.OrderItem)) []int {
		items := make([]gen.OrderItem, n)
		for i := range items {
			if mod != nil {
				mod(&items[i])
			}
		}
		o, err := s.AddOrder(gen.Order{Items: items})
		if err != nil {
			t.Fatal(err)
		}
		return o.OrderItemIds
	}
	r2sBody := func(ids []int, provider, tracking string) gen.ReadyToShipRequest {
		b := gen.ReadyToShipRequest{ShippingProvider: provider, TrackingNumber: tracking}
		for _, id := range ids {
			b.OrderItems = append(b.OrderItems, gen.ReadyToShipItem{Id: id})
		}
		return b
	}
	crossdock := func(it *gen.OrderItem) { it.Shipment.Type = gen.ItemShipmentTypeCrossdocking }
	warehouse := func(it *gen.OrderItem) { it.Shipment.Type = gen.ItemShipmentTypeWarehouse }
	digital := func(it *gen.OrderItem) {
		it.Shipment.ProviderType = ptr(gen.ItemShipmentProviderTypeDigital)
		it.Shipment.Method = gen.ItemShipmentMethodNone
	}
	used := pending(1, nil)
	if r, err := c.SetOrderItemsReadyToShipWithResponse(ctx, r2sBody(used, "J&T Express", "JT-TAKEN")); err != nil || r.StatusCode() != 200 {
		t.Fatalf("ready-to-ship with a fresh tracking number = %v %s", err, r.Body)
	}
	shipped := func(mod func(*gen.OrderItem)) []int {
		ids := pending(1, mod)
		for _, id := range ids {
			if err := s.SetItemStatus(id, gen.OrderItemStatusShipped); err != nil {
				t.Fatal(err)
			}
		}
		return ids
	}

	tests := []struct {
		name       string
		do         func() (int, []byte, error)
		wantStatus int
		wantDetail string
	}{
		{"items of two orders", func() (int, []byte, error) {
			r, err := c.SetOrderItemsReadyToShipWithResponse(ctx, r2sBody(append(pending(1, nil), pending(1, nil)...), "", ""))
			return r.StatusCode(), r.Body, err
		}, 422, "takes the items of one order"},
		{"carrier without API integration needs a tracking number", func() (int, []byte, error) {
			r, err := c.SetOrderItemsReadyToShipWithResponse(ctx, r2sBody(pending(1, nil), "J&T Express", ""))
			return r.StatusCode(), r.Body, err
		}, 422, "trackingNumber is required"},
		{"tracking number of another package", func() (int, []byte, error) {
			r, err := c.SetOrderItemsReadyToShipWithResponse(ctx, r2sBody(pending(1, nil), "J&T Express", "JT-TAKEN"))
			return r.StatusCode(), r.Body, err
		}, 422, "already used by package"},
		{"inactive carrier", func() (int, []byte, error) {
			r, err := c.SetOrderItemsReadyToShipWithResponse(ctx, r2sBody(pending(1, nil), "Pos Laju", "ER1"))
			return r.StatusCode(), r.Body, err
		}, 422, "not active"},
		{"unknown carrier", func() (int, []byte, error) {
			r, err := c.SetOrderItemsReadyToShipWithResponse(ctx, r2sBody(pending(1, nil), "Pigeon Post", "PP1"))
			return r.StatusCode(), r.Body, err
		}, 422, "not one of the seller's carriers"},
		{"unknown item", func() (int, []byte, error) {
			r, err := c.SetOrderItemsShippedWithResponse(ctx, gen.OrderItemIds{OrderItemIds: []int{999999}})
			return r.StatusCode(), r.Body, err
		}, 422, "E023: order item 999999 does not exist"},
		{"empty item list", func() (int, []byte, error) {
			r, err := c.SetOrderItemsShippedWithResponse(ctx, gen.OrderItemIds{OrderItemIds: []int{}})
			return r.StatusCode(), r.Body, err
		}, 422, "no order items"},
		{"crossdocking items are not shipped by the seller", func() (int, []byte, error) {
			ids := pending(1, crossdock)
			if err := s.SetItemStatus(ids[0], gen.OrderItemStatusReadyToShip); err != nil {
				t.Fatal(err)
			}
			r, err := c.SetOrderItemsShippedWithResponse(ctx, gen.OrderItemIds{OrderItemIds: ids})
			return r.StatusCode(), r.Body, err
		}, 422, "crossdocking"},
		{"only dropshipping items are set delivered", func() (int, []byte, error) {
			r, err := c.SetOrderItemsDeliveredWithResponse(ctx, gen.OrderItemIds{OrderItemIds: shipped(warehouse)})
			return r.StatusCode(), r.Body, err
		}, 422, "only dropshipping"},
		{"digital items are delivered from pending", func() (int, []byte, error) {
			r, err := c.SetOrderItemsDeliveredWithResponse(ctx, gen.OrderItemIds{OrderItemIds: pending(1, digital)})
			return r.StatusCode(), r.Body, err
		}, 200, ""},
		{"digital items are not packed", func() (int, []byte, error) {
			ids := pending(1, digital)
			r, err := c.SetOrderItemsPackedByMarketplaceWithResponse(ctx, gen.PackedByMarketplaceRequest{
				OrderItems: []gen.PackedItem{{OrderItemId: ids[0]}}, DeliveryType: gen.DeliveryTypeDropship, ShippingProvider: "Ninja Van"})
			return r.StatusCode(), r.Body, err
		}, 422, "digital items cannot be packed"},
		{"a cancel reason must be a cancel reason", func() (int, []byte, error) {
			r, err := c.SetOrderItemsCanceledWithResponse(ctx, gen.ReasonedStatusChange{OrderItemIds: pending(1, nil), Reason: "Wrong address"})
			return r.StatusCode(), r.Body, err
		}, 422, "is not a canceled reason"},
		{"free text is no reason", func() (int, []byte, error) {
			r, err := c.SetOrderItemsDeliveryFailedWithResponse(ctx, gen.ReasonedStatusChange{OrderItemIds: shipped(nil), Reason: "dog ate it"})
			return r.StatusCode(), r.Body, err
		}, 422, "listFailureReasons"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body, err := tt.do()
			if err != nil {
				t.Fatal(err)
			}
			if status != tt.wantStatus || !strings.Contains(string(body), tt.wantDetail) {
				t.Errorf("%s = %d %s, want %d mentioning %q", tt.name, status, body, tt.wantStatus, tt.wantDetail)
			}
		})
	}
}

// TestStatusChangeIsAllOrNothing checks that one bad item stops the change
// for every item of the request.
func TestStatusChangeIsAllOrNothing(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	c := apiClient(t, s)
	o, err := s.AddOrder(gen.Order{Items: []gen.OrderItem{{Status: gen.OrderItemStatusReadyToShip}, {Status: gen.OrderItemStatusPending}}})
	if err != nil {
		t.Fatal(err)
	}
	good, bad := o.OrderItemIds[0], o.OrderItemIds[1]
	r, err := c.SetOrderItemsShippedWithResponse(context.Background(), gen.OrderItemIds{OrderItemIds: []int{good, bad, good}})
	if err != nil || r.JSON422 == nil {
		t.Fatalf("SetOrderItemsShipped(%d, %d) = %v %s, want 422", good, bad, err, r.Body)
	}
	if d := r.JSON422.Detail; !strings.Contains(d, fmt.Sprint(bad)) || strings.Contains(d, fmt.Sprint(good)) {
		t.Errorf("422 detail = %q, want only item %d named", d, bad)
	}
	if it, _ := s.OrderItem(good); it.Status != gen.OrderItemStatusReadyToShip {
		t.Errorf("item %d is %s after a refused batch, want ready_to_ship", good, it.Status)
	}
	// A repeated id is changed once.
	r, err = c.SetOrderItemsShippedWithResponse(context.Background(), gen.OrderItemIds{OrderItemIds: []int{good, good}})
	if err != nil || r.JSON200 == nil || !slices.Equal(r.JSON200.OrderItemIds, []int{good}) {
		t.Fatalf("SetOrderItemsShipped(%d, %d) = %v %s, want 200 with the id once", good, good, err, r.Body)
	}
	h, _ := s.History(o.Id)
	n := 0
	for _, e := range h {
		if e.OrderItemId == good && e.Status == gen.OrderItemStatusShipped {
			n++
		}
	}
	if n != 1 {
		t.Errorf("history has %d shipped entries for item %d, want 1", n, good)
	}
}
