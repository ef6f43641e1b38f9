package sellercentertest

import (
	"fmt"
	"strings"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/gen/server"
)

// errKind orders why an item failed, most basic first; a Problem is titled
// by the most basic kind among its items.
type errKind int

const (
	errUnknownItem errKind = iota
	errTransition
	errRule
)

// itemError is why one order item of a request cannot be processed.
type itemError struct {
	id     int
	detail string
	kind   errKind
}

// lookup returns the items of ids in request order, once each, and an error
// for each id that does not exist.
func (st *store) lookup(ids []int) ([]*item, []itemError) {
	var items []*item
	var errs []itemError
	seen := map[int]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		it, ok := st.items[id]
		if !ok {
			errs = append(errs, itemError{id, fmt.Sprintf("E023: order item %d does not exist", id), errUnknownItem})
			continue
		}
		items = append(items, it)
	}
	if len(ids) == 0 {
		errs = append(errs, itemError{0, "no order items were given", errRule})
	}
	return items, errs
}

// requireStatus fails every item whose status is not one of from.
func requireStatus(items []*item, call string, from ...gen.OrderItemStatus) []itemError {
	var errs []itemError
	for _, it := range items {
		ok := false
		for _, f := range from {
			ok = ok || it.it.Status == f
		}
		if !ok {
			errs = append(errs, transitionError(it, call, from...))
		}
	}
	return errs
}

func transitionError(it *item, call string, from ...gen.OrderItemStatus) itemError {
	want := make([]string, len(from))
	for i, f := range from {
		want[i] = string(f)
	}
	return itemError{it.it.Id, fmt.Sprintf("order item %d has status %s; %s needs %s",
		it.it.Id, it.it.Status, call, strings.Join(want, " or ")), errTransition}
}

// requireSameOrder fails the items that are not of the first item's order.
func requireSameOrder(items []*item, call string) []itemError {
	var errs []itemError
	for _, it := range items {
		if first := items[0].it.OrderId; it.it.OrderId != first {
			errs = append(errs, itemError{it.it.Id, fmt.Sprintf("order item %d belongs to order %d, not %d; %s takes the items of one order",
				it.it.Id, it.it.OrderId, first, call), errRule})
		}
	}
	return errs
}

func ruleError(it *item, format string, args ...any) itemError {
	return itemError{it.it.Id, fmt.Sprintf("order item %d: ", it.it.Id) + fmt.Sprintf(format, args...), errRule}
}

// itemsProblem is the 422 Problem for the failed items of a status change,
// naming each item and its reason under errors as well as in detail.
func itemsProblem(errs []itemError) gen.ItemsProblem {
	kind := errRule
	details := make([]string, len(errs))
	for i, e := range errs {
		kind = min(kind, e.kind)
		details[i] = e.detail
	}
	typ, title := typeUnprocess, "Entity can not be processed"
	switch kind {
	case errUnknownItem:
		typ, title = typeInvalidIDs, "Invalid Order Item IDs"
	case errTransition:
		typ, title = typeTransition, "Status Transition is not allowed"
	}
	p := problem(422, typ, title, strings.Join(details, "; "))
	return gen.ItemsProblem{Type: p.Type, Title: p.Title, Status: p.Status, Detail: p.Detail, Errors: itemErrorsBody(errs).Errors}
}

// ruleProblem is the 422 of a request that breaks a rule of no particular
// order item.
func ruleProblem(detail string) server.UnprocessableJSONResponse {
	p := problem(422, typeUnprocess, "Entity can not be processed", detail)
	return server.UnprocessableJSONResponse{Type: p.Type, Title: p.Title, Status: p.Status, Detail: p.Detail}
}

// itemErrorsBody is the per-item 422 body of the calls whose document says
// so (return received, return approved, pickup requests).
func itemErrorsBody(errs []itemError) gen.ItemErrors {
	out := make([]gen.ItemError, len(errs))
	for i, e := range errs {
		out[i] = gen.ItemError{Detail: e.detail, OrderItemId: e.id}
	}
	return gen.ItemErrors{Errors: out}
}

func ids(items []*item) []int {
	out := make([]int, len(items))
	for i, it := range items {
		out[i] = it.it.Id
	}
	return out
}

// failWith records a failure reason on an item.
func failWith(it *item, r *gen.FailureReason, typ gen.ItemFailureReasonType, detail *string) {
	d := ""
	if detail != nil {
		d = *detail
	}
	it.it.FailureReason = gen.ItemFailureReason{Type: &typ, Name: ptr(r.Name), Description: ptr(r.Description), Details: &d}
}

func reasonNote(reason string, detail *string) string {
	if detail != nil && *detail != "" {
		return reason + ": " + *detail
	}
	return reason
}
