// Package sellercentertest runs a stateful fake SellerCenter API for tests,
// so code that talks to SellerCenter can be tested without a live instance
// (most sellers have no sandbox, and status changes cannot be undone).
//
// NewServer starts the fake on a loopback port. It serves the API under
// Server.URL (which has a path prefix, so URL-joining mistakes show) and an
// OAuth2 client-credentials token endpoint at Server.TokenURL that accepts
// Server.ClientID and Server.ClientSecret as HTTP Basic credentials.
//
// The fake implements every operation of the project's OpenAPI document
// (openapi/sellercenter.yaml) on in-memory state seeded with realistic data:
// orders with items in every status, packages, returns, tags, carriers,
// failure reasons, exports and files. Order item statuses follow the
// documented workflow:
//
//	pending        -> set-to-ready-to-ship       -> ready_to_ship
//	pending        -> set-to-packed-by-marketplace (status unchanged, item packed)
//	pending, ready_to_ship -> set-to-cancelled  -> canceled
//	ready_to_ship  -> set-to-shipped             -> shipped (not crossdocking)
//	shipped        -> set-to-delivered           -> delivered (dropshipping; digital items also from pending)
//	shipped        -> set-to-delivery-failed     -> failed
//	delivered      -> set-to-returned            -> returned
//	return_shipped_by_customer -> set-to-return-received -> return_waiting_for_approval
//	return_waiting_for_approval -> set-to-return-approved -> returned
//	return_waiting_for_approval -> set-to-return-rejected -> return_rejected
//	any            -> admin-change-status        -> any status
//
// A legal change updates the item and appends to the order's history; an
// illegal one is answered with 422 and a body naming each offending item and
// its current status. A status change is all or nothing: if one item fails,
// none changes.
//
// Every request is validated against the OpenAPI document before it reaches
// the fake's logic; a violation is answered with 400 and a ValidationProblem
// listing every violation. Every response the fake produces is validated too,
// and a violation is passed to Config.OnViolation, so a test fails when the
// fake and the document disagree.
//
// Faults can be injected for the next responses of one operation or of all
// of them: an error status with Retry-After, maintenance mode, latency, a
// dropped connection, a malformed body, and expiry of every issued token.
// Each injection returns a function that removes it.
//
// The state can be read and changed directly (AddOrder, Order, SetItemStatus
// and others) and every request is logged (Requests, Count) for assertions.
package sellercentertest
