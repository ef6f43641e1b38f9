package sellercentertest

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/gen/server"
)

// ListWebhookEntities lists the entities and their event aliases, under
// events as the vendor's document has them.
func (a *api) ListWebhookEntities(_ context.Context, _ server.ListWebhookEntitiesRequestObject) (server.ListWebhookEntitiesResponseObject, error) {
	out, err := clone(webhookEntities)
	if err != nil {
		return nil, err
	}
	return server.ListWebhookEntities200JSONResponse{Events: out}, nil
}

// checkSubscription refuses what the API refuses: a callback URL that is
// not an absolute http(s) URL, and an event alias it does not know.
func checkSubscription(b gen.WebhookSubscription) ([]gen.WebhookEvent, string) {
	u, err := url.Parse(b.CallbackUrl)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Sprintf("callbackUrl %q is not an absolute http or https URL", b.CallbackUrl)
	}
	if len(b.Events) == 0 {
		return nil, "events: subscribe to at least one event alias"
	}
	var events []gen.WebhookEvent
	for _, alias := range b.Events {
		ev, ok := webhookEventNames[alias]
		if !ok {
			return nil, fmt.Sprintf("events: unknown event alias %q; listWebhookEntities lists them", alias)
		}
		if !slices.Contains(events, ev) {
			events = append(events, ev)
		}
	}
	return events, ""
}

// CreateWebhook subscribes a callback URL to events.
func (a *api) CreateWebhook(_ context.Context, req server.CreateWebhookRequestObject) (server.CreateWebhookResponseObject, error) {
	st := a.st
	events, bad := checkSubscription(*req.Body)
	if bad != "" {
		return server.CreateWebhook422JSONResponse{UnprocessableJSONResponse: ruleProblem(bad)}, nil
	}
	sub := st.subscribe(req.Body.CallbackUrl, events)
	return server.CreateWebhook201JSONResponse{WebhookId: sub.w.PublicId, CreatedAt: sub.w.CreatedAt}, nil
}

// UpdateWebhook replaces a webhook's URL and events.
func (a *api) UpdateWebhook(_ context.Context, req server.UpdateWebhookRequestObject) (server.UpdateWebhookResponseObject, error) {
	st := a.st
	sub := st.hooks.sub(req.Uuid)
	if sub == nil {
		return server.UpdateWebhook404JSONResponse{NotFoundJSONResponse: notFound("webhook", req.Uuid)}, nil
	}
	events, bad := checkSubscription(*req.Body)
	if bad != "" {
		return server.UpdateWebhook422JSONResponse{UnprocessableJSONResponse: ruleProblem(bad)}, nil
	}
	sub.w.CallbackUrl, sub.w.Events, sub.w.UpdatedAt = req.Body.CallbackUrl, events, st.stamp()
	return server.UpdateWebhook200JSONResponse{WebhookId: sub.w.PublicId, UpdatedAt: sub.w.UpdatedAt}, nil
}

// DeleteWebhook deletes a webhook; its pending retries are dropped, its
// callbacks stay in the log.
func (a *api) DeleteWebhook(_ context.Context, req server.DeleteWebhookRequestObject) (server.DeleteWebhookResponseObject, error) {
	h := a.st.hooks
	sub := h.sub(req.Uuid)
	if sub == nil {
		return server.DeleteWebhook404JSONResponse{NotFoundJSONResponse: notFound("webhook", req.Uuid)}, nil
	}
	h.subs = slices.DeleteFunc(h.subs, func(s *subscription) bool { return s == sub })
	for _, d := range h.deliveries {
		if d.sub == sub {
			d.next = time.Time{}
		}
	}
	return server.DeleteWebhook204Response{}, nil
}

// SetWebhookStatus enables or disables a webhook. A disabled one gets no new
// events, and its scheduled retries wait until it is enabled again.
func (a *api) SetWebhookStatus(_ context.Context, req server.SetWebhookStatusRequestObject) (server.SetWebhookStatusResponseObject, error) {
	st := a.st
	sub := st.hooks.sub(req.Uuid)
	if sub == nil {
		return server.SetWebhookStatus404JSONResponse{NotFoundJSONResponse: notFound("webhook", req.Uuid)}, nil
	}
	if sub.w.IsEnabled != req.Body.IsEnabled {
		sub.w.IsEnabled, sub.w.UpdatedAt = req.Body.IsEnabled, st.stamp()
	}
	st.hooks.signal()
	return server.SetWebhookStatus204Response{}, nil
}

// ListWebhooks lists the seller's webhooks, all or those named.
func (a *api) ListWebhooks(_ context.Context, req server.ListWebhooksRequestObject) (server.ListWebhooksResponseObject, error) {
	items := []gen.Webhook{}
	for _, s := range a.st.hooks.subs {
		if len(req.Params.PublicIds) > 0 && !slices.Contains(req.Params.PublicIds, s.w.PublicId) {
			continue
		}
		w := s.w
		w.Events = slices.Clone(w.Events)
		items = append(items, w)
	}
	return server.ListWebhooks200JSONResponse{Items: items,
		Pagination: gen.Pagination{Limit: len(items), Offset: 0, TotalCount: len(items)}}, nil
}

func (h *webhooks) callback(id int) *callback {
	if id < 1 || id > len(h.calls) {
		return nil
	}
	return h.calls[id-1]
}

// GetWebhookCallback returns one POST of the callback log.
func (a *api) GetWebhookCallback(_ context.Context, req server.GetWebhookCallbackRequestObject) (server.GetWebhookCallbackResponseObject, error) {
	c := a.st.hooks.callback(req.CallbackId)
	if c == nil {
		return server.GetWebhookCallback404JSONResponse{NotFoundJSONResponse: notFound("webhook callback", req.CallbackId)}, nil
	}
	return server.GetWebhookCallback200JSONResponse(a.st.renderCallback(c)), nil
}

// RetryWebhookCallback sends a callback's body again now, outside the retry
// schedule; the POST is a new entry of the log.
func (a *api) RetryWebhookCallback(_ context.Context, req server.RetryWebhookCallbackRequestObject) (server.RetryWebhookCallbackResponseObject, error) {
	st := a.st
	c := st.hooks.callback(req.CallbackId)
	if c == nil {
		return server.RetryWebhookCallback404JSONResponse{NotFoundJSONResponse: notFound("webhook callback", req.CallbackId)}, nil
	}
	switch {
	case c.d.sending:
		return server.RetryWebhookCallback422JSONResponse{UnprocessableJSONResponse: ruleProblem(
			fmt.Sprintf("webhook callback %d is being sent", c.id))}, nil
	case !slices.Contains(st.hooks.subs, c.d.sub):
		return server.RetryWebhookCallback422JSONResponse{UnprocessableJSONResponse: ruleProblem(
			fmt.Sprintf("the webhook of callback %d was deleted", c.id))}, nil
	}
	c.d.next = st.now()
	st.hooks.signal()
	return server.RetryWebhookCallback204Response{}, nil
}

// ListWebhookCallbacks lists the POSTs to one callback URL, a page at a time.
func (a *api) ListWebhookCallbacks(_ context.Context, req server.ListWebhookCallbacksRequestObject) (server.ListWebhookCallbacksResponseObject, error) {
	st := a.st
	p := req.Params
	var calls []*callback
	for _, c := range st.hooks.calls {
		if c.d.url == req.CallbackUrl {
			calls = append(calls, c)
		}
	}
	if p.Sort == gen.ListWebhookCallbacksParamsSortLastCall {
		sort.SliceStable(calls, func(i, j int) bool { return calls[i].lastCall.Before(calls[j].lastCall) })
	}
	if strings.EqualFold(string(p.SortDir), string(gen.ListWebhookCallbacksParamsSortDirDesc)) {
		slices.Reverse(calls)
	}
	items := []gen.WebhookCallback{}
	for i := p.Offset; i < len(calls) && i < p.Offset+p.Limit; i++ {
		items = append(items, st.renderCallback(calls[i]))
	}
	return server.ListWebhookCallbacks200JSONResponse{Items: items,
		Pagination: gen.Pagination{Limit: p.Limit, Offset: p.Offset, TotalCount: len(calls)}}, nil
}
