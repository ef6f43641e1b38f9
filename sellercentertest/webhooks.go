package sellercentertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"time"

	"github.com/sellercenter-go/sellercenter/gen"
)

// The event aliases the mock raises and accepts in subscriptions, as the
// API names them.
const (
	eventFeedCreated             = "onFeedCreated"
	eventFeedCompleted           = "onFeedCompleted"
	eventProductCreated          = "onProductCreated"
	eventProductUpdated          = "onProductUpdated"
	eventProductQcStatusChanged  = "onProductQcStatusChanged"
	eventOrderCreated            = "onOrderCreated"
	eventOrderItemsStatusChanged = "onOrderItemsStatusChanged"
	eventReturnStatusChanged     = "onReturnStatusChanged"
	eventStatisticsUpdated       = "onStatisticsUpdated"
	eventMetricsUpdated          = "onMetricsUpdated"
)

// webhookEntities is what listWebhookEntities answers: every entity with
// its events, the aliases subscriptions may name.
var webhookEntities = []gen.WebhookEntity{
	{Name: "Feed", Events: []gen.WebhookEvent{{Name: "Created", Alias: eventFeedCreated}, {Name: "Completed", Alias: eventFeedCompleted}}},
	{Name: "Product", Events: []gen.WebhookEvent{{Name: "Created", Alias: eventProductCreated},
		{Name: "Updated", Alias: eventProductUpdated}, {Name: "QcStatusChanged", Alias: eventProductQcStatusChanged}}},
	{Name: "Order", Events: []gen.WebhookEvent{{Name: "Created", Alias: eventOrderCreated},
		{Name: "ItemsStatusChanged", Alias: eventOrderItemsStatusChanged}}},
	{Name: "Return", Events: []gen.WebhookEvent{{Name: "StatusChanged", Alias: eventReturnStatusChanged}}},
	{Name: "Statistics", Events: []gen.WebhookEvent{{Name: "Updated", Alias: eventStatisticsUpdated}}},
	{Name: "Metrics", Events: []gen.WebhookEvent{{Name: "Updated", Alias: eventMetricsUpdated}}},
}

// webhookEventNames maps each alias to its entity and event names.
var webhookEventNames = func() map[string]gen.WebhookEvent {
	m := map[string]gen.WebhookEvent{}
	for _, e := range webhookEntities {
		for _, ev := range e.Events {
			m[ev.Alias] = ev
		}
	}
	return m
}()

// WebhookRetryDelays returns the vendor's schedule: the wait, after a
// delivery that was not answered 200, before each of the 16 retries. The
// mock waits on the clock of Config.Now, so a test advances that clock
// instead of waiting; due deliveries go out within a few milliseconds of
// real time.
func WebhookRetryDelays() []time.Duration { return slices.Clone(webhookRetryDelays) }

var webhookRetryDelays = []time.Duration{
	time.Minute, 5 * time.Minute, 10 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour, 5 * time.Hour, 10 * time.Hour,
	24 * time.Hour, 24 * time.Hour, 24 * time.Hour, 24 * time.Hour, 24 * time.Hour, 24 * time.Hour, 24 * time.Hour, 24 * time.Hour,
}

// webhookPoll is how often, in real time, the dispatcher looks at the clock
// while retries are scheduled: the clock of Config.Now may jump at any time.
const webhookPoll = 10 * time.Millisecond

// webhookSendTimeout bounds one POST to a receiver.
const webhookSendTimeout = 10 * time.Second

// webhooks is the mock's webhook state: the subscriptions, the events
// waiting for delivery and the log of every POST.
type webhooks struct {
	subs       []*subscription // in creation order
	deliveries []*delivery
	calls      []*callback // the callback log, by id-1
	wake       chan struct{}
}

// subscription is a webhook made through the API.
type subscription struct {
	w gen.Webhook
}

// delivery is one event for one subscription, with its retry schedule.
type delivery struct {
	sub      *subscription
	url      string // the subscription's callback URL when the event was raised
	event    string
	body     []byte // the whole JSON body POSTed
	created  time.Time
	attempts int       // POSTs made, manual retries included
	failures int       // scheduled POSTs that were not answered 200
	next     time.Time // when the next POST is due; zero when none is
	sending  bool
}

// callback is one POST of the callback log.
type callback struct {
	id       int
	d        *delivery
	status   gen.WebhookCallbackStatus
	lastCall time.Time
	code     int // the receiver's HTTP status, 0 before the answer or when none came
}

func newWebhooks() *webhooks { return &webhooks{wake: make(chan struct{}, 1)} }

// WebhookAttempt is one POST of the mock to a callback URL, as its callback
// log records it.
type WebhookAttempt struct {
	CallbackID int
	URL        string
	Event      string
	Body       []byte
	Status     gen.WebhookCallbackStatus
	StatusCode int // the receiver's answer; 0 while in progress or when it failed to answer
	At         time.Time
}

// SeedWebhookID is the id of the seeded server's one webhook, made in the
// seller center's web interface and disabled, so that it receives nothing
// until it is enabled.
const SeedWebhookID = "5e11e0cc-0000-4000-8000-00000000000c"

// seedWebhooks adds the seeded webhook.
func (st *store) seedWebhooks() {
	at := dt(seedBase.Add(-30 * 24 * time.Hour))
	st.hooks.subs = append(st.hooks.subs, &subscription{w: gen.Webhook{
		PublicId: SeedWebhookID, SellerId: st.seller.Id, CallbackUrl: "https://hooks.kedaibatik.example/sellercenter",
		CreationSource: gen.WebhookCreationSourceWeb, CreatedAt: at, UpdatedAt: at, IsEnabled: false,
		Events: []gen.WebhookEvent{webhookEventNames[eventOrderCreated], webhookEventNames[eventOrderItemsStatusChanged]},
	}})
}

// emit raises an event: every enabled subscription to it gets a delivery,
// sent by the dispatcher as soon as the store is unlocked. Call it with the
// store locked.
func (st *store) emit(alias string, payload any) {
	h := st.hooks
	if h == nil || len(h.subs) == 0 {
		return
	}
	var subs []*subscription
	for _, s := range h.subs {
		if s.w.IsEnabled && slices.ContainsFunc(s.w.Events, func(e gen.WebhookEvent) bool { return e.Alias == alias }) {
			subs = append(subs, s)
		}
	}
	if len(subs) == 0 {
		return
	}
	body := envelope(alias, payload)
	now := st.now()
	for _, s := range subs {
		h.deliveries = append(h.deliveries, &delivery{sub: s, url: s.w.CallbackUrl, event: alias, body: body, created: now, next: now})
	}
	h.signal()
}

// envelope is the body of a delivery.
func envelope(alias string, payload any) []byte {
	body, err := json.Marshal(struct {
		Event   string `json:"event"`
		Payload any    `json:"payload"`
	}{alias, payload})
	if err != nil {
		panic(fmt.Sprintf("sellercentertest: encoding the payload of %s: %v", alias, err)) // RaiseWebhookEvent checked it; ours always encode
	}
	return body
}

func (h *webhooks) signal() {
	select {
	case h.wake <- struct{}{}:
	default:
	}
}

// orderItemsStatusChanged is the payload of onOrderItemsStatusChanged.
type orderItemsStatusChanged struct {
	OrderID      int    `json:"OrderId"`
	OrderItemIDs []int  `json:"OrderItemIds"`
	NewStatus    string `json:"NewStatus"`
}

// emitItemStatus raises onOrderItemsStatusChanged for one item. The items
// of one call change one after the other with the store locked, so a change
// of another item of the same order to the same status joins the event not
// yet sent, and one call gives one event, as on the API. A later call's
// change joins it too when the dispatcher has not yet picked it up, which
// a receiver cannot tell from one call changing both.
func (st *store) emitItemStatus(orderID, itemID int, status gen.OrderItemStatus) {
	h := st.hooks
	if h == nil || len(h.subs) == 0 {
		return
	}
	var joined bool
	for _, d := range h.deliveries {
		if d.event != eventOrderItemsStatusChanged || d.attempts > 0 || d.sending {
			continue
		}
		var p struct{ Payload orderItemsStatusChanged }
		if json.Unmarshal(d.body, &p) != nil || p.Payload.OrderID != orderID || p.Payload.NewStatus != string(status) {
			continue
		}
		if !slices.Contains(p.Payload.OrderItemIDs, itemID) {
			p.Payload.OrderItemIDs = append(p.Payload.OrderItemIDs, itemID)
		}
		d.body = envelope(d.event, p.Payload)
		joined = true
	}
	if !joined {
		st.emit(eventOrderItemsStatusChanged, orderItemsStatusChanged{OrderID: orderID, OrderItemIDs: []int{itemID}, NewStatus: string(status)})
	}
}

// emitOrderCreated raises onOrderCreated.
func (st *store) emitOrderCreated(o gen.Order) {
	st.emit(eventOrderCreated, struct {
		OrderID int    `json:"OrderId"`
		OrderNr string `json:"OrderNr"`
	}{o.Id, o.Number})
}

// emitFeed raises onFeedCreated or onFeedCompleted for the feeds the API
// tells about: product create, update and remove, and images;
// onFeedCompleted only for a Finished feed.
func (st *store) emitFeed(alias string, f *feed) {
	switch f.action {
	case gen.FeedActionProductCreate, gen.FeedActionProductUpdate, gen.FeedActionProductRemove, gen.FeedActionImage:
	default:
		return
	}
	if alias == eventFeedCompleted && f.status != gen.FeedStateFinished {
		return
	}
	st.emit(alias, struct{ Feed string }{f.uuid})
}

// emitSkus raises one of the product events for seller SKUs.
func (st *store) emitSkus(alias string, skus ...string) {
	if len(skus) > 0 {
		st.emit(alias, struct{ SellerSkus []string }{skus})
	}
}

// emitSetQC raises onProductQcStatusChanged for the products of a set.
func (st *store) emitSetQC(ps *productSet) {
	var skus []string
	for _, p := range st.productsOf(ps) {
		skus = append(skus, p.p.SellerSku)
	}
	st.emitSkus(eventProductQcStatusChanged, skus...)
}

// deliverWebhooks sends the deliveries that are due until ctx is done: on
// each emit and, while retries are scheduled, every webhookPoll. It never
// holds the store's lock while sending.
func (s *Server) deliverWebhooks(ctx context.Context) {
	h := s.st.hooks
	client := &http.Client{
		Timeout: webhookSendTimeout,
		// Only a 200 counts, so a redirect is an answer like any other.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	for {
		due, scheduled := s.dueDeliveries()
		for _, c := range due {
			go s.send(ctx, client, c)
		}
		var poll <-chan time.Time
		var t *time.Timer
		if scheduled {
			t = time.NewTimer(webhookPoll)
			poll = t.C
		}
		select {
		case <-ctx.Done():
			return
		case <-h.wake:
		case <-poll:
		}
		if t != nil {
			t.Stop()
		}
	}
}

// dueDeliveries starts a callback for each delivery that is due and reports
// whether any delivery is waiting for a later time.
func (s *Server) dueDeliveries() (due []*callback, scheduled bool) {
	st := s.st
	st.mu.Lock()
	defer st.mu.Unlock()
	h := st.hooks
	now := st.now()
	for _, d := range h.deliveries {
		if d.sending || d.next.IsZero() || !slices.Contains(h.subs, d.sub) {
			continue
		}
		if !d.sub.w.IsEnabled || d.next.After(now) {
			scheduled = true
			continue
		}
		d.sending = true
		d.attempts++
		c := &callback{id: len(h.calls) + 1, d: d, status: gen.WebhookCallbackStatusInprogress, lastCall: now}
		h.calls = append(h.calls, c)
		due = append(due, c)
	}
	return due, scheduled
}

// send POSTs one callback and records the answer; a delivery not answered
// 200 is scheduled again while retries are left.
func (s *Server) send(ctx context.Context, client *http.Client, c *callback) {
	code := post(ctx, client, c.d.url, c.d.body)
	st := s.st
	st.mu.Lock()
	defer st.mu.Unlock()
	d := c.d
	d.sending = false
	c.code = code
	d.next = time.Time{}
	if code == http.StatusOK {
		c.status = gen.WebhookCallbackStatusSuccess
		return
	}
	c.status = gen.WebhookCallbackStatusFail
	if d.failures < len(webhookRetryDelays) {
		d.next = st.now().Add(webhookRetryDelays[d.failures])
		d.failures++
	}
	st.hooks.signal()
}

// post sends body and returns the answer's status, 0 for none.
func post(ctx context.Context, client *http.Client, url string, body []byte) int {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "sellercentertest-webhooks")
	resp, err := client.Do(req)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode
}

func (st *store) renderCallback(c *callback) gen.WebhookCallback {
	return gen.WebhookCallback{
		Id: c.id, SellerId: st.seller.Id, Url: c.d.url, Status: c.status,
		CreatedAt: dt(c.d.created), LastCallAt: dt(c.lastCall), Event: c.d.event, Payload: string(c.d.body),
	}
}

func (h *webhooks) sub(publicID string) *subscription {
	for _, s := range h.subs {
		if s.w.PublicId == publicID {
			return s
		}
	}
	return nil
}

// Webhooks returns the subscriptions made through the API, oldest first.
func (s *Server) Webhooks() []gen.Webhook {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	out := make([]gen.Webhook, 0, len(s.st.hooks.subs))
	for _, sub := range s.st.hooks.subs {
		w := sub.w
		w.Events = slices.Clone(w.Events)
		out = append(out, w)
	}
	return out
}

// AddWebhook subscribes callbackURL to events as createWebhook does, without
// a request, and returns the webhook's id. Unknown aliases are kept as
// given: a test may subscribe to what the API would refuse.
func (s *Server) AddWebhook(callbackURL string, events ...string) string {
	st := s.st
	st.mu.Lock()
	defer st.mu.Unlock()
	var evs []gen.WebhookEvent
	for _, alias := range events {
		ev, ok := webhookEventNames[alias]
		if !ok {
			ev = gen.WebhookEvent{Name: alias, Alias: alias}
		}
		evs = append(evs, ev)
	}
	return st.subscribe(callbackURL, evs).w.PublicId
}

// subscribe stores a new, enabled webhook.
func (st *store) subscribe(callbackURL string, events []gen.WebhookEvent) *subscription {
	now := st.stamp()
	sub := &subscription{w: gen.Webhook{PublicId: st.uuid(12), SellerId: st.seller.Id, CallbackUrl: callbackURL,
		CreationSource: gen.WebhookCreationSourceApi, CreatedAt: now, UpdatedAt: now, IsEnabled: true, Events: events}}
	st.hooks.subs = append(st.hooks.subs, sub)
	return sub
}

// WebhookAttempts returns every POST of the callback log, oldest first.
func (s *Server) WebhookAttempts() []WebhookAttempt {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	out := make([]WebhookAttempt, 0, len(s.st.hooks.calls))
	for _, c := range s.st.hooks.calls {
		out = append(out, WebhookAttempt{CallbackID: c.id, URL: c.d.url, Event: c.d.event,
			Body: bytes.Clone(c.d.body), Status: c.status, StatusCode: c.code, At: c.lastCall})
	}
	return out
}

// RaiseWebhookEvent raises an event the mock has no state change for, such
// as onStatisticsUpdated, onMetricsUpdated or onReturnStatusChanged, with
// payload as its payload (nil for {}).
func (s *Server) RaiseWebhookEvent(alias string, payload any) error {
	if _, ok := webhookEventNames[alias]; !ok {
		return fmt.Errorf("sellercentertest: unknown webhook event %q", alias)
	}
	if payload == nil {
		payload = struct{}{}
	}
	if _, err := json.Marshal(payload); err != nil {
		return fmt.Errorf("sellercentertest: the payload of %s: %w", alias, err)
	}
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	s.st.emit(alias, payload)
	return nil
}

// WaitWebhooks waits until no delivery is due on the mock's clock or being
// sent: every event raised so far, and every retry the clock has reached,
// has had its answer. Retries scheduled for later do not count.
func (s *Server) WaitWebhooks(ctx context.Context) error {
	for {
		if s.webhooksSettled() {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("sellercentertest: waiting for webhook deliveries: %w", ctx.Err())
		case <-time.After(time.Millisecond):
		}
	}
}

func (s *Server) webhooksSettled() bool {
	st := s.st
	st.mu.Lock()
	defer st.mu.Unlock()
	now := st.now()
	for _, d := range st.hooks.deliveries {
		if d.sending {
			return false
		}
		if !d.next.IsZero() && !d.next.After(now) && d.sub.w.IsEnabled && slices.Contains(st.hooks.subs, d.sub) {
			return false
		}
	}
	return true
}
