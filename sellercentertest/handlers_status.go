package sellercentertest

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/gen/server"
)

// api implements the generated strict server on the store.
type api struct {
	s  *Server
	st *store
}

var _ server.StrictServerInterface = (*api)(nil)

func unprocessable(errs []itemError) server.ItemsRefusedJSONResponse {
	return server.ItemsRefusedJSONResponse(itemsProblem(errs))
}

func changed(items []*item) server.ChangedItemsJSONResponse {
	return server.ChangedItemsJSONResponse{OrderItemIds: ids(items)}
}

func bodyIDs(b *gen.OrderItemIds) []int {
	if b == nil {
		return nil
	}
	return b.OrderItemIds
}

// SetOrderItemsReadyToShip packs pending items of one order and marks them
// ready to ship.
func (a *api) SetOrderItemsReadyToShip(_ context.Context, req server.SetOrderItemsReadyToShipRequestObject) (server.SetOrderItemsReadyToShipResponseObject, error) {
	const call = "set-to-ready-to-ship"
	var body gen.ReadyToShipRequest
	if req.Body != nil {
		body = *req.Body
	}
	reqIDs := make([]int, len(body.OrderItems))
	serials := map[int]string{}
	for i, oi := range body.OrderItems {
		reqIDs[i] = oi.Id
		serials[oi.Id] = oi.SerialNumber
	}
	st := a.st
	items, errs := st.lookup(reqIDs)
	errs = append(errs, requireStatus(items, call, gen.OrderItemStatusPending)...)
	if len(items) > 0 {
		errs = append(errs, requireSameOrder(items, call)...)
	}
	var prov *gen.ShipmentProvider
	if len(items) > 0 {
		name := ""
		switch {
		case body.ShippingProvider != "":
			name = body.ShippingProvider
		case items[0].it.Shipment.PreProvider != nil:
			name = items[0].it.Shipment.PreProvider.Name
		}
		prov = st.provider(name)
		switch {
		case name == "":
			errs = append(errs, ruleError(items[0], "shippingProvider is required, the item has no preselected carrier"))
		case prov == nil:
			errs = append(errs, ruleError(items[0], "carrier %q is not one of the seller's carriers", name))
		case !bool(prov.Status):
			errs = append(errs, ruleError(items[0], "carrier %q is not active", name))
		}
	}
	for _, it := range items {
		if isDigital(&it.it) {
			errs = append(errs, ruleError(it, "digital items are delivered, not shipped"))
		}
	}
	delivery := gen.DeliveryTypeDropship
	if body.DeliveryType != "" {
		delivery = body.DeliveryType
	}
	tracking := strings.TrimSpace(body.TrackingNumber)
	if len(errs) == 0 && tracking == "" {
		if !prov.ApiIntegrationAvailable && delivery != gen.DeliveryTypePickup {
			errs = append(errs, ruleError(items[0], "trackingNumber is required for carrier %q, which has no API integration", prov.Name))
		}
	}
	if len(errs) == 0 && tracking != "" {
		if owner := st.trackingOwner(tracking, idSet(items)); owner != 0 {
			errs = append(errs, ruleError(items[0], "tracking number %q is already used by package %d", tracking, owner))
		}
	}
	if len(errs) > 0 {
		return server.SetOrderItemsReadyToShip422JSONResponse{ItemsRefusedJSONResponse: unprocessable(errs)}, nil
	}
	p := st.pack(items, delivery)
	if tracking == "" {
		tracking = fmt.Sprintf("MOCK%08d", 41000000+p.id)
	}
	for _, it := range items {
		it.it.Shipment.Provider = carrier(prov)
		it.it.Shipment.TrackingCode = tracking
		if s := serials[it.it.Id]; s != "" {
			it.it.ItemSerialNumber = ptr(s)
		}
		if body.AccessKey != "" {
			it.it.InvoiceAccesskey = ptr(body.AccessKey)
		}
		st.setStatus(it, gen.OrderItemStatusReadyToShip, "", st.editor)
	}
	return server.SetOrderItemsReadyToShip200JSONResponse{ChangedItemsJSONResponse: changed(items)}, nil
}

func idSet(items []*item) map[int]bool {
	m := make(map[int]bool, len(items))
	for _, it := range items {
		m[it.it.Id] = true
	}
	return m
}

// SetOrderItemsPackedByMarketplace packs pending items; their status stays.
func (a *api) SetOrderItemsPackedByMarketplace(_ context.Context, req server.SetOrderItemsPackedByMarketplaceRequestObject) (server.SetOrderItemsPackedByMarketplaceResponseObject, error) {
	const call = "set-to-packed-by-marketplace"
	var body gen.PackedByMarketplaceRequest
	if req.Body != nil {
		body = *req.Body
	}
	reqIDs := make([]int, len(body.OrderItems))
	serials := map[int]string{}
	for i, oi := range body.OrderItems {
		reqIDs[i] = oi.OrderItemId
		serials[oi.OrderItemId] = oi.SerialNumber
	}
	st := a.st
	items, errs := st.lookup(reqIDs)
	errs = append(errs, requireStatus(items, call, gen.OrderItemStatusPending)...)
	for _, it := range items {
		switch {
		case isDigital(&it.it):
			errs = append(errs, ruleError(it, "digital items cannot be packed"))
		case it.packageID != 0:
			errs = append(errs, ruleError(it, "already packed in package %d", it.packageID))
		}
	}
	var prov *gen.ShipmentProvider
	needProvider := body.DeliveryType != gen.DeliveryTypePickup
	if len(items) > 0 {
		switch {
		case body.ShippingProvider == "" && needProvider:
			errs = append(errs, ruleError(items[0], "shippingProvider is required for delivery type %s", body.DeliveryType))
		case body.ShippingProvider != "":
			if prov = st.provider(body.ShippingProvider); prov == nil {
				errs = append(errs, ruleError(items[0], "carrier %q is not one of the seller's carriers", body.ShippingProvider))
			}
		}
	}
	tracking := strings.TrimSpace(body.TrackingNumber)
	if len(errs) == 0 && prov != nil && tracking == "" && !prov.ApiIntegrationAvailable {
		errs = append(errs, ruleError(items[0], "trackingNumber is required for carrier %q, which has no API integration", prov.Name))
	}
	if len(errs) == 0 && tracking != "" {
		if owner := st.trackingOwner(tracking, idSet(items)); owner != 0 {
			errs = append(errs, ruleError(items[0], "tracking number %q is already used by package %d", tracking, owner))
		}
	}
	if len(errs) > 0 {
		return server.SetOrderItemsPackedByMarketplace422JSONResponse{ItemsRefusedJSONResponse: unprocessable(errs)}, nil
	}
	st.pack(items, body.DeliveryType)
	now := ptr(st.stamp())
	for _, it := range items {
		if prov != nil {
			it.it.Shipment.Provider = carrier(prov)
		}
		if tracking != "" {
			it.it.Shipment.TrackingCode = tracking
		}
		if s := serials[it.it.Id]; s != "" {
			it.it.ItemSerialNumber = ptr(s)
		}
		it.it.UpdatedAt = now
	}
	return server.SetOrderItemsPackedByMarketplace200JSONResponse{ChangedItemsJSONResponse: changed(items)}, nil
}

// SetOrderItemsShipped marks ready-to-ship items of one order as shipped.
func (a *api) SetOrderItemsShipped(_ context.Context, req server.SetOrderItemsShippedRequestObject) (server.SetOrderItemsShippedResponseObject, error) {
	const call = "set-to-shipped"
	st := a.st
	items, errs := st.lookup(bodyIDs(req.Body))
	errs = append(errs, requireStatus(items, call, gen.OrderItemStatusReadyToShip)...)
	if len(items) > 0 {
		errs = append(errs, requireSameOrder(items, call)...)
	}
	for _, it := range items {
		if isCrossdocking(&it.it) {
			errs = append(errs, ruleError(it, "crossdocking items are shipped by the marketplace"))
		}
	}
	if len(errs) > 0 {
		return server.SetOrderItemsShipped422JSONResponse{ItemsRefusedJSONResponse: unprocessable(errs)}, nil
	}
	for _, it := range items {
		st.setStatus(it, gen.OrderItemStatusShipped, "", st.editor)
	}
	return server.SetOrderItemsShipped200JSONResponse{ChangedItemsJSONResponse: changed(items)}, nil
}

// SetOrderItemsDelivered marks shipped dropshipping items (or pending
// digital ones) as delivered.
func (a *api) SetOrderItemsDelivered(_ context.Context, req server.SetOrderItemsDeliveredRequestObject) (server.SetOrderItemsDeliveredResponseObject, error) {
	const call = "set-to-delivered"
	st := a.st
	items, errs := st.lookup(bodyIDs(req.Body))
	for _, it := range items {
		switch {
		case isDigital(&it.it):
			errs = append(errs, requireStatus([]*item{it}, call+" of a digital item", gen.OrderItemStatusPending, gen.OrderItemStatusShipped)...)
		case it.it.Status != gen.OrderItemStatusShipped:
			errs = append(errs, transitionError(it, call, gen.OrderItemStatusShipped))
		case !isDropshipping(&it.it):
			errs = append(errs, ruleError(it, "only dropshipping items can be set to delivered, this one is %s", it.it.Shipment.Type))
		}
	}
	if len(errs) > 0 {
		return server.SetOrderItemsDelivered422JSONResponse{ItemsRefusedJSONResponse: unprocessable(errs)}, nil
	}
	for _, it := range items {
		st.setStatus(it, gen.OrderItemStatusDelivered, "", st.editor)
	}
	return server.SetOrderItemsDelivered200JSONResponse{ChangedItemsJSONResponse: changed(items)}, nil
}

// reasoned runs a status change that takes a failure reason.
func (st *store) reasoned(body *gen.ReasonedStatusChange, call string, to gen.OrderItemStatus, typ gen.ItemFailureReasonType, reasonTypes []gen.FailureReasonType, check func(*item) []itemError) ([]*item, []itemError) {
	var b gen.ReasonedStatusChange
	if body != nil {
		b = *body
	}
	items, errs := st.lookup(b.OrderItemIds)
	for _, it := range items {
		errs = append(errs, check(it)...)
	}
	r := st.reason(b.Reason, reasonTypes...)
	if r == nil && len(items) > 0 {
		errs = append(errs, itemError{items[0].it.Id, fmt.Sprintf("reason %q is not a %s reason; see listFailureReasons", b.Reason, reasonTypes[0]), errRule})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	for _, it := range items {
		failWith(it, r, typ, b.ReasonDetail)
		st.setStatus(it, to, reasonNote(b.Reason, b.ReasonDetail), st.editor)
	}
	return items, nil
}

// SetOrderItemsCanceled cancels pending or ready-to-ship items with a reason.
func (a *api) SetOrderItemsCanceled(_ context.Context, req server.SetOrderItemsCanceledRequestObject) (server.SetOrderItemsCanceledResponseObject, error) {
	const call = "set-to-cancelled"
	st := a.st
	items, errs := st.reasoned(req.Body, call, gen.OrderItemStatusCanceled, gen.ItemFailureReasonTypeCanceled,
		[]gen.FailureReasonType{gen.FailureReasonTypeCanceled}, func(it *item) []itemError {
			if isDigital(&it.it) {
				return requireStatus([]*item{it}, call+" of a digital item", gen.OrderItemStatusPending)
			}
			return requireStatus([]*item{it}, call, gen.OrderItemStatusPending, gen.OrderItemStatusShipmentInformationPending, gen.OrderItemStatusReadyToShip)
		})
	if len(errs) > 0 {
		return server.SetOrderItemsCanceled422JSONResponse{ItemsRefusedJSONResponse: unprocessable(errs)}, nil
	}
	return server.SetOrderItemsCanceled200JSONResponse{ChangedItemsJSONResponse: changed(items)}, nil
}

// SetOrderItemsDeliveryFailed marks shipped items as failed with a reason.
func (a *api) SetOrderItemsDeliveryFailed(_ context.Context, req server.SetOrderItemsDeliveryFailedRequestObject) (server.SetOrderItemsDeliveryFailedResponseObject, error) {
	const call = "set-to-delivery-failed"
	st := a.st
	items, errs := st.reasoned(req.Body, call, gen.OrderItemStatusFailed, gen.ItemFailureReasonTypeFailed,
		[]gen.FailureReasonType{gen.FailureReasonTypeFailed}, func(it *item) []itemError {
			return requireStatus([]*item{it}, call, gen.OrderItemStatusShipped)
		})
	if len(errs) > 0 {
		return server.SetOrderItemsDeliveryFailed422JSONResponse{ItemsRefusedJSONResponse: unprocessable(errs)}, nil
	}
	return server.SetOrderItemsDeliveryFailed200JSONResponse{ChangedItemsJSONResponse: changed(items)}, nil
}

// SetOrderItemsReturnRejected rejects returns waiting for approval.
func (a *api) SetOrderItemsReturnRejected(_ context.Context, req server.SetOrderItemsReturnRejectedRequestObject) (server.SetOrderItemsReturnRejectedResponseObject, error) {
	const call = "set-to-return-rejected"
	st := a.st
	items, errs := st.reasoned(req.Body, call, gen.OrderItemStatusReturnRejected, gen.ItemFailureReasonTypeReturnRejected,
		[]gen.FailureReasonType{gen.FailureReasonTypeReturnRejected}, func(it *item) []itemError {
			return requireStatus([]*item{it}, call, gen.OrderItemStatusReturnWaitingForApproval)
		})
	if len(errs) > 0 {
		return server.SetOrderItemsReturnRejected422JSONResponse{ItemsRefusedJSONResponse: unprocessable(errs)}, nil
	}
	return server.SetOrderItemsReturnRejected200JSONResponse{ChangedItemsJSONResponse: changed(items)}, nil
}

// SetOrderItemsReturned marks delivered items as returned.
func (a *api) SetOrderItemsReturned(_ context.Context, req server.SetOrderItemsReturnedRequestObject) (server.SetOrderItemsReturnedResponseObject, error) {
	const call = "set-to-returned"
	var body gen.ReturnStatusChange
	if req.Body != nil {
		body = *req.Body
	}
	st := a.st
	items, errs := st.lookup(body.OrderItemIds)
	errs = append(errs, requireStatus(items, call, gen.OrderItemStatusDelivered)...)
	if len(errs) > 0 {
		p := itemsProblem(errs)
		if errs[0].kind == errTransition {
			p.Detail = "E073: all order items must have status delivered; " + p.Detail
		}
		return server.SetOrderItemsReturned422JSONResponse{ItemsRefusedJSONResponse: server.ItemsRefusedJSONResponse(p)}, nil
	}
	note := ""
	for _, it := range items {
		if body.Reason != nil && *body.Reason != "" {
			note = *body.Reason
			it.it.FailureReason = gen.ItemFailureReason{Type: ptr(gen.ItemFailureReasonTypeReturned), Name: ptr(note), Details: ptr("")}
			if r := st.reason(note, gen.FailureReasonTypeReturned); r != nil {
				it.it.FailureReason.Description = ptr(r.Description)
			}
		}
		st.setStatus(it, gen.OrderItemStatusReturned, note, st.editor)
	}
	return server.SetOrderItemsReturned200JSONResponse{ChangedItemsJSONResponse: changed(items)}, nil
}

// SetOrderItemsReturnReceived confirms that customers' returns arrived.
func (a *api) SetOrderItemsReturnReceived(_ context.Context, req server.SetOrderItemsReturnReceivedRequestObject) (server.SetOrderItemsReturnReceivedResponseObject, error) {
	const call = "set-to-return-received"
	st := a.st
	items, errs := st.lookup(bodyIDs(req.Body))
	errs = append(errs, requireStatus(items, call, gen.OrderItemStatusReturnShippedByCustomer)...)
	if len(errs) > 0 {
		return server.SetOrderItemsReturnReceived422JSONResponse{ItemsUnprocessableJSONResponse: server.ItemsUnprocessableJSONResponse(itemErrorsBody(errs))}, nil
	}
	for _, it := range items {
		st.setStatus(it, gen.OrderItemStatusReturnWaitingForApproval, "return received", st.editor)
	}
	return server.SetOrderItemsReturnReceived200JSONResponse{ChangedItemsJSONResponse: changed(items)}, nil
}

// SetOrderItemsReturnApproved approves returns waiting for approval.
func (a *api) SetOrderItemsReturnApproved(_ context.Context, req server.SetOrderItemsReturnApprovedRequestObject) (server.SetOrderItemsReturnApprovedResponseObject, error) {
	const call = "set-to-return-approved"
	st := a.st
	items, errs := st.lookup(bodyIDs(req.Body))
	errs = append(errs, requireStatus(items, call, gen.OrderItemStatusReturnWaitingForApproval)...)
	if len(errs) > 0 {
		return server.SetOrderItemsReturnApproved422JSONResponse{ItemsUnprocessableJSONResponse: server.ItemsUnprocessableJSONResponse(itemErrorsBody(errs))}, nil
	}
	for _, it := range items {
		st.setStatus(it, gen.OrderItemStatusReturned, "return approved", st.editor)
	}
	return server.SetOrderItemsReturnApproved200JSONResponse{ChangedItemsJSONResponse: changed(items)}, nil
}

// AdminChangeOrderItemStatuses forces statuses on items. The document
// declares no 422 here, so bad items and statuses are answered with 400.
func (a *api) AdminChangeOrderItemStatuses(_ context.Context, req server.AdminChangeOrderItemStatusesRequestObject) (server.AdminChangeOrderItemStatusesResponseObject, error) {
	var body gen.AdminStatusChangeRequest
	if req.Body != nil {
		body = *req.Body
	}
	st := a.st
	var vs []violation
	type change struct {
		it     *item
		status gen.OrderItemStatus
		reason string
	}
	var changes []change
	seen := map[int]bool{}
	for i, oi := range body.OrderItems {
		it, ok := st.items[oi.OrderItemId]
		switch {
		case !ok:
			vs = append(vs, violation{path: fmt.Sprintf("orderItems[%d].orderItemId", i), title: fmt.Sprintf("order item %d does not exist", oi.OrderItemId), value: fmt.Sprint(oi.OrderItemId), typ: "integer"})
		case seen[oi.OrderItemId]:
			vs = append(vs, violation{path: fmt.Sprintf("orderItems[%d].orderItemId", i), title: fmt.Sprintf("order item %d is given twice", oi.OrderItemId), value: fmt.Sprint(oi.OrderItemId), typ: "integer"})
		case !knownStatuses[gen.OrderItemStatus(oi.Status)]:
			vs = append(vs, violation{path: fmt.Sprintf("orderItems[%d].status", i), title: "the status must be an order item status", value: oi.Status, typ: "string"})
		default:
			changes = append(changes, change{it, gen.OrderItemStatus(oi.Status), oi.Reason})
		}
		seen[oi.OrderItemId] = true
	}
	if len(body.OrderItems) == 0 {
		vs = append(vs, violation{path: "orderItems", title: "no order items were given"})
	}
	if len(vs) > 0 {
		return server.AdminChangeOrderItemStatuses400JSONResponse{BadRequestJSONResponse: server.BadRequestJSONResponse(validationProblem(vs))}, nil
	}
	out := make([]*item, len(changes))
	for i, c := range changes {
		st.setStatus(c.it, c.status, c.reason, "admin:"+st.editor)
		out[i] = c.it
	}
	return server.AdminChangeOrderItemStatuses200JSONResponse{ChangedItemsJSONResponse: changed(out)}, nil
}

// one looks up the single item of a per-item call.
func (st *store) one(id int, call string, status gen.OrderItemStatus) (*item, []itemError) {
	items, errs := st.lookup([]int{id})
	if len(errs) > 0 {
		return nil, errs
	}
	if errs := requireStatus(items, call, status); len(errs) > 0 {
		return nil, errs
	}
	return items[0], nil
}

// SetOrderItemTrackingCode changes the tracking code of a package.
func (a *api) SetOrderItemTrackingCode(_ context.Context, req server.SetOrderItemTrackingCodeRequestObject) (server.SetOrderItemTrackingCodeResponseObject, error) {
	st := a.st
	it, errs := st.one(req.OrderItemId, "tracking-code", gen.OrderItemStatusReadyToShip)
	code := ""
	if req.Body != nil {
		code = strings.TrimSpace(req.Body.TrackingCode)
	}
	if it != nil {
		pkgItems := st.packageItems(it)
		switch owner := st.trackingOwner(code, idSet(pkgItems)); {
		case code == "":
			errs = append(errs, ruleError(it, "the tracking code is empty"))
		case owner != 0:
			errs = append(errs, ruleError(it, "tracking code %q is already used by package %d", code, owner))
		}
		if len(errs) == 0 {
			now := ptr(st.stamp())
			for _, pi := range pkgItems {
				pi.it.Shipment.TrackingCode = code
				pi.it.UpdatedAt = now
			}
		}
	}
	if len(errs) > 0 {
		return server.SetOrderItemTrackingCode422JSONResponse{ItemsRefusedJSONResponse: unprocessable(errs)}, nil
	}
	return server.SetOrderItemTrackingCode200Response{}, nil
}

// SetOrderItemShippingProvider changes the carrier of a package.
func (a *api) SetOrderItemShippingProvider(_ context.Context, req server.SetOrderItemShippingProviderRequestObject) (server.SetOrderItemShippingProviderResponseObject, error) {
	var body gen.ShippingProviderUpdate
	if req.Body != nil {
		body = *req.Body
	}
	st := a.st
	it, errs := st.one(req.OrderItemId, "shipping-provider", gen.OrderItemStatusReadyToShip)
	if it != nil {
		pkgItems := st.packageItems(it)
		prov := st.provider(body.ShippingProvider)
		switch {
		case prov == nil:
			errs = append(errs, ruleError(it, "carrier %q is not one of the seller's carriers", body.ShippingProvider))
		case !bool(prov.Status):
			errs = append(errs, ruleError(it, "carrier %q is not active", body.ShippingProvider))
		}
		if body.TrackingCode != nil {
			if owner := st.trackingOwner(*body.TrackingCode, idSet(pkgItems)); owner != 0 {
				errs = append(errs, ruleError(it, "tracking code %q is already used by package %d", *body.TrackingCode, owner))
			}
		}
		if len(errs) == 0 {
			now := ptr(st.stamp())
			for _, pi := range pkgItems {
				pi.it.Shipment.Provider = carrier(prov)
				if body.TrackingCode != nil {
					pi.it.Shipment.TrackingCode = *body.TrackingCode
				}
				pi.it.UpdatedAt = now
			}
		}
	}
	if len(errs) > 0 {
		return server.SetOrderItemShippingProvider422JSONResponse{ItemsRefusedJSONResponse: unprocessable(errs)}, nil
	}
	out, err := st.renderItem(it, false)
	if err != nil {
		return nil, err
	}
	return server.SetOrderItemShippingProvider200JSONResponse(out), nil
}

// CreatePickupRequest asks the carrier to collect ready-to-ship
// crossdocking items.
func (a *api) CreatePickupRequest(_ context.Context, req server.CreatePickupRequestRequestObject) (server.CreatePickupRequestResponseObject, error) {
	st := a.st
	items, errs := st.lookup(bodyIDs(req.Body))
	errs = append(errs, requireStatus(items, "order-pickup-requests", gen.OrderItemStatusReadyToShip)...)
	for _, it := range items {
		switch {
		case !isCrossdocking(&it.it):
			errs = append(errs, ruleError(it, "Order item contains not allowed shipment type %s", it.it.Shipment.Type))
		case it.it.IsPickupRequestSent:
			errs = append(errs, ruleError(it, "a pickup was already requested"))
		}
	}
	if len(errs) > 0 {
		return server.CreatePickupRequest422JSONResponse{ItemsUnprocessableJSONResponse: server.ItemsUnprocessableJSONResponse(itemErrorsBody(errs))}, nil
	}
	now := ptr(st.stamp())
	for _, it := range items {
		it.it.IsPickupRequestSent = true
		it.it.UpdatedAt = now
	}
	return server.CreatePickupRequest201JSONResponse{OrderItemIds: ids(items), Errors: []string{}}, nil
}

// SetInvoiceNumber sets the invoice number of an item's package. The
// document declares only 400 for errors here.
func (a *api) SetInvoiceNumber(_ context.Context, req server.SetInvoiceNumberRequestObject) (server.SetInvoiceNumberResponseObject, error) {
	var body gen.InvoiceNumberAssignment
	if req.Body != nil {
		body = *req.Body
	}
	st := a.st
	bad := func(path, title, value string) (server.SetInvoiceNumberResponseObject, error) {
		return server.SetInvoiceNumber400JSONResponse{BadRequestJSONResponse: server.BadRequestJSONResponse(
			validationProblem([]violation{{path: path, title: title, value: value}}))}, nil
	}
	it, ok := st.items[body.OrderItemId]
	switch {
	case !ok:
		return bad("orderItemId", fmt.Sprintf("order item %d does not exist", body.OrderItemId), fmt.Sprint(body.OrderItemId))
	case strings.TrimSpace(body.InvoiceNumber) == "":
		return bad("invoiceNumber", "the invoice number is empty", body.InvoiceNumber)
	case it.it.Status == gen.OrderItemStatusCanceled:
		return bad("orderItemId", fmt.Sprintf("order item %d is canceled", body.OrderItemId), fmt.Sprint(body.OrderItemId))
	}
	now := ptr(st.stamp())
	for _, pi := range st.packageItems(it) {
		pi.it.InvoiceNumber = ptr(body.InvoiceNumber)
		pi.it.UpdatedAt = now
	}
	return server.SetInvoiceNumber200JSONResponse(body), nil
}

var accessKeyPattern = regexp.MustCompile(`^[0-9]{44}$`)

// SetInvoiceAccessKeys attaches invoice access keys (44 digits, as in Brazil)
// to the packages of non-pending items.
func (a *api) SetInvoiceAccessKeys(_ context.Context, req server.SetInvoiceAccessKeysRequestObject) (server.SetInvoiceAccessKeysResponseObject, error) {
	var body gen.InvoiceAccessKeyRequest
	if req.Body != nil {
		body = *req.Body
	}
	st := a.st
	reqIDs := make([]int, len(body.OrderItems))
	keys := map[int]string{}
	for i, oi := range body.OrderItems {
		reqIDs[i] = oi.OrderItemId
		keys[oi.OrderItemId] = oi.AccessKey
	}
	items, errs := st.lookup(reqIDs)
	for _, it := range items {
		key := keys[it.it.Id]
		switch {
		case it.it.Status == gen.OrderItemStatusPending:
			errs = append(errs, transitionError(it, "set-invoice-access-key",
				gen.OrderItemStatusReadyToShip, gen.OrderItemStatusShipped, gen.OrderItemStatusDelivered))
		case !accessKeyPattern.MatchString(key):
			errs = append(errs, ruleError(it, "the access key must be 44 digits"))
		default:
			pkgItems := idSet(st.packageItems(it))
			for _, other := range st.items {
				if !pkgItems[other.it.Id] && other.it.InvoiceAccesskey != nil && *other.it.InvoiceAccesskey == key {
					errs = append(errs, ruleError(it, "the access key is already used by order item %d", other.it.Id))
					break
				}
			}
		}
	}
	if len(errs) > 0 {
		return server.SetInvoiceAccessKeys422JSONResponse{ItemsRefusedJSONResponse: unprocessable(errs)}, nil
	}
	now := ptr(st.stamp())
	for _, it := range items {
		for _, pi := range st.packageItems(it) {
			pi.it.InvoiceAccesskey = ptr(keys[it.it.Id])
			pi.it.UpdatedAt = now
		}
	}
	return server.SetInvoiceAccessKeys200JSONResponse{ChangedItemsJSONResponse: changed(items)}, nil
}
