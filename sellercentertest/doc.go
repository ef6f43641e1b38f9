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
// failure reasons, exports and files, and a catalog (see below). Order item
// statuses follow the documented workflow:
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
// # Catalog
//
// The catalog belongs to the same seller: product sets in every quality
// control state (approved and live, pending, rejected, not authorized),
// with products per size, prices per country (MY and SG), stock per
// warehouse, images, tags and product groups, over reference data that is
// there even with Config.Empty: brands (some restricted or inactive), a
// category tree with nested children, inactive branches and price rules,
// attribute sets with option attributes and option mappings, warehouses
// and shop catalog products to copy. The products of the seed orders are in
// it, and a product's reserved stock counts its order items that are
// pending or ready to ship. Stock set without a warehouse goes to the
// default warehouse; quantity sums the warehouses.
//
// The imports (CSV or XLSX in the multipart part file1, or a legacy XML
// Request) create a feed that is Queued, then Processing from half of
// Config.FeedDelay, and at the delay applies its rows in order and ends
// Finished, or Error when no row could be applied. Delays run on the clock
// of Config.Now; a zero delay completes a feed on the next request. Rows are
// checked when the feed runs: an unknown SellerSku, a bad quantity, price,
// status or attribute value is reported per SKU in getFeedStatus, with an
// error code (1 required, 2 invalid, 3 unknown, 4 taken, 5 forbidden) and a
// CSV report as an export. Files read columns by name, case-insensitively:
// SellerSku and Quantity for stock; SellerSku, ParentSku, Name, Brand (a
// name), PrimaryCategory, Price, SalePrice, SaleStartDate, SaleEndDate,
// Country, Variation, Quantity, Status, ProductId, ShipmentType,
// ProductGroup and attribute feed names (option names as values) for
// product creation and updates; SellerSku for removals, which delete;
// SellerSku, MainImage and Image2 to Image8 for images, which replace a
// set's images. A file that cannot be read, lacks a required column or has
// no rows is answered 400. The XML imports answer with the legacy
// envelopes: a SuccessResponse whose RequestId is the feed's UUID, an
// ErrorResponse in a 200 naming each product whose fields cannot be read
// (nothing is queued then), or an ErrorResponse in a 400 for a document
// that breaks the schema (E030 when it holds no product). kin-openapi reads
// no XML, so the package registers a text/xml body decoder with it.
//
// Every request is validated against the OpenAPI document before it reaches
// the fake's logic; a violation is answered with 400 and a ValidationProblem
// listing every violation. Every response the fake produces is validated too,
// and a violation is passed to Config.OnViolation, so a test fails when the
// fake and the document disagree; Config.NoResponseCheck skips that check
// for benchmarks and load tests, where its CPU would read as latency.
//
// Like the API, the fake accepts DefaultRateLimit (30) requests per second
// from each seller and answers the rest 429 with Retry-After and the API's
// body, on the clock of Config.Now; Config.RateLimit changes the limit or,
// with NoRateLimit, turns it off, and Throttled counts the refusals.
//
// Faults can be injected for the next responses of one operation or of all
// of them: an error status with Retry-After, maintenance mode, latency, a
// dropped connection, a malformed body, and expiry of every issued token.
// Each injection returns a function that removes it.
//
// The state can be read and changed directly (AddOrder, Order, SetItemStatus,
// AddProductSet, ProductSet, Stock, Price, Feed, SetQualityControl and
// others), and requests can be asserted on: Count counts every request per
// operation, and Requests returns the most recent ones (method, path,
// redacted query, operation and status). That log keeps
// Config.RequestLogSize entries, DefaultRequestLogSize unless set, so a
// long-running server's memory stays bounded; DroppedRequests says how many
// older ones it no longer holds, and Config.OnRequest sees every request.
// DuplicateWrites counts the stock and price writes that repeat the previous
// one by another request, the trace of a write sent twice. SeedOrders adds
// any number of pending orders, for listings long enough to page through.
//
// SaveState writes part of the state as versioned JSON, and Config.State
// starts a server from such a file, so a tool can keep the fake's state
// between runs: the orders with their items, packages and history, invoice
// numbering, manifests, and the stock and prices of the products.
// StatePersists names the operations whose changes that covers. Everything
// else (product sets, images, feeds, exports and documents, users,
// webhooks and their deliveries, finance entries, seller settings) and the
// tokens, faults, rate-limit buckets and request log start afresh.
package sellercentertest
