package sellercentertest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/internal/redact"
)

func TestAddOrder(t *testing.T) {
	t.Parallel()
	clock := newClock()
	s := newServer(t, Config{Now: clock.Now, Empty: true})
	o, err := s.AddOrder(gen.Order{Items: []gen.OrderItem{{}, {Status: gen.OrderItemStatusShipped}}})
	if err != nil {
		t.Fatalf("AddOrder = %v", err)
	}
	switch {
	case o.Id == 0 || o.Uuid == "" || o.Number == "" || o.Currency == "":
		t.Errorf("AddOrder left identity fields empty: id %d uuid %q number %q currency %q", o.Id, o.Uuid, o.Number, o.Currency)
	case !o.CreatedAt.Equal(o.UpdatedAt.Time) || !o.CreatedAt.Time.Equal(clock.Now()):
		t.Errorf("createdAt %v updatedAt %v, want both the clock's %v", o.CreatedAt, o.UpdatedAt, clock.Now())
	case o.ItemCount != 2 || o.StatusList["pending"] != 1 || o.StatusList["shipped"] != 1:
		t.Errorf("itemCount %d statusList %v, want 2 items, one pending and one shipped", o.ItemCount, o.StatusList)
	case o.Items[0].OrderId != o.Id || o.Items[0].Product.Sku == "" || o.Items[0].Shipment.Type != gen.ItemShipmentTypeDropshipping:
		t.Errorf("item defaults = %+v, want the order id, a product and dropshipping", o.Items[0])
	case o.Items[0].Id == o.Items[1].Id:
		t.Errorf("both items got id %d", o.Items[0].Id)
	}
	got, err := s.Order(o.Id)
	if err != nil || got.Uuid != o.Uuid {
		t.Errorf("Order(%d) = %v, want the added order", o.Id, err)
	}
	h, err := s.History(o.Id)
	if err != nil || len(h) != 2 {
		t.Errorf("History(%d) = %d entries, %v; want one per item", o.Id, len(h), err)
	}

	// The caller's value is copied: changing it later changes nothing.
	in := gen.Order{Id: 77, Items: []gen.OrderItem{{Id: 88, Product: gen.ItemProduct{Name: "Mug", Sku: "MUG-1", SellerSku: "MUG"}}}}
	if _, err := s.AddOrder(in); err != nil {
		t.Fatalf("AddOrder(id 77) = %v", err)
	}
	in.Items[0].Product.Name = "changed"
	if it, _ := s.OrderItem(88); it.Product.Name != "Mug" {
		t.Errorf("the stored item changed with the caller's value: %q", it.Product.Name)
	}
	next, err := s.AddOrder(gen.Order{Items: []gen.OrderItem{{}}})
	if err != nil || next.Id <= 77 || next.Items[0].Id <= 88 {
		t.Errorf("AddOrder after explicit ids = order %d item %d, %v; want ids above 77 and 88", next.Id, next.Items[0].Id, err)
	}

	bad := []struct {
		name  string
		order gen.Order
		want  string
	}{
		{"taken order id", gen.Order{Id: 77}, "taken"},
		{"taken item id", gen.Order{Items: []gen.OrderItem{{Id: 88}}}, "taken"},
		{"item id twice", gen.Order{Items: []gen.OrderItem{{Id: 99}, {Id: 99}}}, "taken"},
		{"unknown status", gen.Order{Items: []gen.OrderItem{{Status: "lost_in_space"}}}, "unknown status"},
		{"not JSON", gen.Order{Items: []gen.OrderItem{{UnitPrice: math.NaN()}}}, "copying"},
	}
	for _, b := range bad {
		if _, err := s.AddOrder(b.order); err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("AddOrder(%s) = %v, want an error saying %q", b.name, err, b.want)
		}
	}
}

func TestStateHelpers(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	if _, err := s.Order(1); !errors.Is(err, ErrNotFound) {
		t.Errorf("Order(1) = %v, want ErrNotFound", err)
	}
	if _, err := s.OrderItem(1); !errors.Is(err, ErrNotFound) {
		t.Errorf("OrderItem(1) = %v, want ErrNotFound", err)
	}
	if _, err := s.History(1); !errors.Is(err, ErrNotFound) {
		t.Errorf("History(1) = %v, want ErrNotFound", err)
	}
	if _, err := s.Export(1); !errors.Is(err, ErrNotFound) {
		t.Errorf("Export(1) = %v, want ErrNotFound", err)
	}
	if err := s.SetItemStatus(1, gen.OrderItemStatusPending); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetItemStatus(1) = %v, want ErrNotFound", err)
	}
	id := s.ItemIDs(gen.OrderItemStatusDelivered)[0]
	if err := s.SetItemStatus(id, "teleported"); err == nil {
		t.Error("SetItemStatus(teleported) = nil, want an error")
	}
	// A customer's return starts outside the API.
	if err := s.SetItemStatus(id, gen.OrderItemStatusReturnShippedByCustomer); err != nil {
		t.Fatal(err)
	}
	c := apiClient(t, s)
	r, err := c.GetOrderItemReturnWithResponse(context.Background(), id)
	if err != nil || r.JSON200 == nil || r.JSON200.OrderItemId != id {
		t.Errorf("GetOrderItemReturn(%d) after a return started = %v %.200s, want its return", id, err, r.Body)
	}
	seller, err := s.Seller()
	if err != nil || seller.Id != 4089 {
		t.Errorf("Seller() = %+v, %v; want seller 4089", seller, err)
	}
	providers, err := s.ShipmentProviders()
	if err != nil || len(providers) != 5 {
		t.Errorf("ShipmentProviders() = %d, %v; want 5", len(providers), err)
	}
	reasons, err := s.FailureReasons()
	if err != nil || len(reasons) == 0 {
		t.Errorf("FailureReasons() = %d, %v; want some", len(reasons), err)
	}
	x, err := s.Export(301)
	if err != nil || x.Status != gen.ExportItemStatusFinished {
		t.Errorf("Export(301) = %+v, %v; want the finished order export", x, err)
	}
}

// TestConcurrentUse drives the API and the helpers from many goroutines; run
// with -race.
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	// One server answers the whole table at once: the rules, not the
	// rate limit, are under test.
	s := newServer(t, Config{RateLimit: NoRateLimit})
	c := apiClient(t, s)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 3 {
				o, err := s.AddOrder(gen.Order{Items: []gen.OrderItem{{}}})
				if err != nil {
					errs <- err
					return
				}
				id := o.Items[0].Id
				r, err := c.SetOrderItemsCanceledWithResponse(ctx, gen.ReasonedStatusChange{OrderItemIds: []int{id}, Reason: "Customer request"})
				if err != nil || r.StatusCode() != http.StatusOK {
					errs <- fmt.Errorf("goroutine %d round %d: cancel(%d) = %v %.200s", g, i, id, err, r.Body)
					return
				}
				if _, err := c.ListOrdersWithResponse(ctx, &gen.ListOrdersParams{Limit: 3}); err != nil {
					errs <- err
					return
				}
				_ = s.Requests()
				_ = s.ItemIDs(gen.OrderItemStatusCanceled)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := s.Count("setOrderItemsCanceled"); got != 18 {
		t.Errorf("Count(setOrderItemsCanceled) = %d, want 18", got)
	}
}

func TestRequestLog(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var seen []Request
	s := newServer(t, Config{OnRequest: func(r Request) {
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, r)
	}})
	tok := token(t, s)
	call(t, s, tok, http.MethodGet, "/v2/orders?limit=2&offset=0&orderIds[]=1001&orderIds[]=1002", "", "")
	call(t, s, "", http.MethodGet, "/v2/seller?client_secret="+s.ClientSecret+"&access_token="+tok, "", "")
	reqs := s.Requests()
	if len(reqs) != 3 {
		t.Fatalf("Requests() has %d entries, want 3 (token, listOrders, getSeller)", len(reqs))
	}
	want := []Request{
		{Method: "POST", Path: "/oauth/client-credentials", Operation: TokenOperation, Status: 200},
		{Method: "GET", Path: "/api/v2/orders", Operation: "listOrders", Status: 200},
		{Method: "GET", Path: "/api/v2/seller", Operation: "getSeller", Status: 401},
	}
	for i, w := range want {
		g := reqs[i]
		if g.Method != w.Method || g.Path != w.Path || g.Operation != w.Operation || g.Status != w.Status {
			t.Errorf("Requests()[%d] = %+v, want %+v", i, g, w)
		}
		if strings.Contains(fmt.Sprint(g), tok) || strings.Contains(fmt.Sprint(g), s.ClientSecret) {
			t.Errorf("Requests()[%d] holds a credential", i)
		}
	}
	if q := reqs[2].Query; q.Get("client_secret") != redact.Mark || q.Get("access_token") != redact.Mark {
		t.Errorf("logged query of a careless request = %v, want the credentials redacted", q)
	}
	if q := reqs[1].Query["orderIds[]"]; len(q) != 2 || q[0] != "1001" || q[1] != "1002" {
		t.Errorf("logged query orderIds[] = %v, want [1001 1002]", q)
	}
	reqs[1].Query.Set("limit", "changed")
	if s.Requests()[1].Query.Get("limit") != "2" {
		t.Error("changing a returned Request changed the log")
	}
	if s.Count("listOrders") != 1 || s.Count("getSeller") != 1 || s.Count("getOrder") != 0 {
		t.Errorf("Count = listOrders %d getSeller %d getOrder %d, want 1 1 0", s.Count("listOrders"), s.Count("getSeller"), s.Count("getOrder"))
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != 3 {
		t.Errorf("OnRequest saw %d requests, want 3", len(seen))
	}
}

// TestDeepCopy copies every seeded order and item, and a few model values
// with the API's unusual fields: each copy encodes as its original does, and
// scribbling over everything the copy reaches leaves the original as it was.
func TestDeepCopy(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	var values []any
	for _, o := range s.st.orders {
		values = append(values, o.o)
	}
	for _, it := range s.st.items {
		values = append(values, it.it, it.vouchers)
	}
	extra := map[string]any{"nested": map[string]any{"list": []any{1.5, "x", nil}}}
	values = append(values,
		gen.OrderItem{ExtraAttributes: &gen.ItemExtraAttributes{AdditionalProperties: extra}},
		[]gen.OrderItem(nil), []int{}, map[string]int{"a": 1})
	if len(values) < 100 {
		t.Fatalf("%d values to copy, want the seeded orders and items", len(values))
	}
	for i, v := range values {
		want := mustJSON(t, v)
		c := reflect.New(reflect.TypeOf(v)).Elem()
		c.Set(reflect.ValueOf(deepCopyAny(v)))
		if got := mustJSON(t, c.Interface()); got != want {
			t.Fatalf("value %d (%T): copy encodes as %s, want %s", i, v, got, want)
		}
		scribble(c)
		if got := mustJSON(t, v); got != want {
			t.Fatalf("value %d (%T) changed with its copy: %s, want %s", i, v, got, want)
		}
	}
}

// deepCopyAny is deepCopy for a value of any type.
func deepCopyAny(v any) any {
	out := reflect.New(reflect.TypeOf(v)).Elem()
	copyValue(out, reflect.ValueOf(v))
	return out.Interface()
}

// scribble overwrites every string, number and bool that v reaches through
// exported fields, pointers, slices, maps and interfaces.
func scribble(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			if v.Kind() == reflect.Interface {
				c := reflect.New(v.Elem().Type()).Elem()
				c.Set(v.Elem())
				scribble(c)
				if v.CanSet() {
					v.Set(c)
				}
				return
			}
			scribble(v.Elem())
		}
	case reflect.Slice:
		for i := range v.Len() {
			scribble(v.Index(i))
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			c := reflect.New(v.Type().Elem()).Elem()
			c.Set(it.Value())
			scribble(c)
			v.SetMapIndex(it.Key(), c)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				scribble(v.Field(i))
			}
		}
	case reflect.String:
		if v.CanSet() {
			v.SetString("scribbled")
		}
	case reflect.Int, reflect.Int64, reflect.Int32:
		if v.CanSet() {
			v.SetInt(-7)
		}
	case reflect.Float64:
		if v.CanSet() {
			v.SetFloat(-7.5)
		}
	case reflect.Bool:
		if v.CanSet() {
			v.SetBool(!v.Bool())
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("json.Marshal(%T) = %v", v, err)
	}
	return string(b)
}
