package sellercenter

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sellercenter-go/sellercenter/gen"
)

// Bulk limits of the API.
const (
	// MaxStockRows is the most rows updateProductStock takes in one
	// request; SetStock sends bigger changes in chunks of this size.
	MaxStockRows = 100
	// MaxSKULookup is the most seller SKUs listProductsBySellerSkus
	// takes in one request, and the most product ids SetPrices reads the
	// current prices of at once.
	MaxSKULookup = 100
	// DefaultBulkConcurrency is how many requests SetStock, SetPrices and
	// ProductIDs keep in flight at most when BulkOptions.Concurrency is
	// zero: one second of the API's limit, so that the client's limiter,
	// not the latency, sets the pace up to a second per request.
	DefaultBulkConcurrency = 30
)

// StockChange is the new stock of one product, by its seller SKU.
type StockChange struct {
	SellerSku string
	// Quantity is the new quantity in the seller's warehouse, from 0.
	Quantity int
}

// PriceChange is the new price of one product in one country, by its
// seller SKU.
type PriceChange struct {
	SellerSku string
	// Country is the two-letter code of the country the price is for.
	Country string
	// Price is the new price, above 0.
	Price float64
	// ClearSale ends a running sale. The API clears every price field a
	// request leaves out, so without it a sale that has not ended is read
	// first and sent along unchanged.
	ClearSale bool
}

// SKUOutcome is what became of one SKU's change.
type SKUOutcome uint8

// The outcomes of a SKU's change. Only SKUUnknown may have been applied
// without the caller knowing: read it back before sending it again.
const (
	// SKUApplied: the API applied the change.
	SKUApplied SKUOutcome = iota + 1
	// SKURefused: the API refused it, for the reason in SKUResult.Reason.
	SKURefused
	// SKUNotSent: it was never sent (ctx ended, or an earlier request
	// failed so that the rest were held back), or the API turned its
	// request away before processing it; sending it again is safe.
	SKUNotSent
	// SKUUnknown: its request's fate is unknown; it may have been applied.
	SKUUnknown
)

var skuOutcomeNames = [...]string{SKUApplied: "applied", SKURefused: "refused", SKUNotSent: "not sent", SKUUnknown: "unknown"}

// String returns "applied", "refused", "not sent" or "unknown".
func (o SKUOutcome) String() string {
	if int(o) < len(skuOutcomeNames) && skuOutcomeNames[o] != "" {
		return skuOutcomeNames[o]
	}
	return "SKUOutcome(" + strconv.Itoa(int(o)) + ")"
}

// MarshalText writes the outcome as its String.
func (o SKUOutcome) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// UnmarshalText reads an outcome as MarshalText writes it.
func (o *SKUOutcome) UnmarshalText(b []byte) error {
	for i, name := range skuOutcomeNames {
		if name != "" && name == string(b) {
			*o = SKUOutcome(i)
			return nil
		}
	}
	return fmt.Errorf("sellercenter: %q is not an outcome (applied, refused, not sent, unknown)", oneLine(string(b)))
}

// SKUResult is the outcome of one SKU's change.
type SKUResult struct {
	SellerSku string `json:"sellerSku"`
	// ProductID is the product the SKU names, 0 when it was not looked up.
	ProductID int        `json:"productId"`
	Outcome   SKUOutcome `json:"outcome"`
	// Reason says why the change was refused, not sent or is unknown,
	// in one line; empty when it was applied.
	Reason string `json:"reason,omitempty"`
	// Err is the error of the SKU's request, for errors.Is and errors.As
	// (an *APIError for most refusals); nil when applied, and when the API
	// skipped the row in an answer that applied the others.
	Err error `json:"-"`
	// Price is the price as the API stored it, for an applied SetPrices
	// change; nil otherwise.
	Price *gen.Price `json:"price,omitempty"`
}

// BulkOptions tunes SetStock, SetPrices and ProductIDs. The zero value is
// ready to use.
type BulkOptions struct {
	// Concurrency is the most requests in flight at once, all paced by
	// the client's rate limiter; 0 means DefaultBulkConcurrency and 1
	// sends one request after the other.
	Concurrency int
	// ProductIDs holds product ids of seller SKUs already known, from an
	// earlier ProductIDs call: those SKUs are not looked up again, which
	// saves a request per MaxSKULookup SKUs. An id that no longer exists
	// is refused by the API like any unknown product.
	ProductIDs map[string]int
	// Now is the time SetPrices judges whether a sale is still running;
	// nil means time.Now.
	Now func() time.Time
	// Progress, if not nil, is called after each write request with how
	// many of the total changes have an outcome so far, by one goroutine
	// at a time.
	Progress func(done, total int)
}

// progress counts the changes with an outcome for BulkOptions.Progress.
type progress struct {
	mu    sync.Mutex
	done  int
	total int
	fn    func(done, total int)
}

func (p *progress) add(n int) {
	if p.fn == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	p.fn(p.done, p.total)
}

func (o BulkOptions) concurrency() int {
	if o.Concurrency <= 0 {
		return DefaultBulkConcurrency
	}
	return o.Concurrency
}

func (o BulkOptions) now() time.Time {
	if o.Now == nil {
		return time.Now()
	}
	return o.Now()
}

// ErrBadChange is the class of the errors SetStock and SetPrices return
// for a change they refuse before sending anything.
var ErrBadChange = errors.New("sellercenter: bad change")

// badChange is an ErrBadChange about one change, also matching
// ErrNotApplied: nothing was sent.
type badChange struct{ msg string }

func (e *badChange) Error() string { return ErrBadChange.Error() + ": " + e.msg }
func (e *badChange) Is(target error) bool {
	return target == ErrBadChange || target == ErrNotApplied
}

func badChangef(format string, args ...any) error {
	return &badChange{msg: oneLine(fmt.Sprintf(format, args...))}
}

// UnknownSKUError says that seller SKUs name no product of the seller. The
// bulk calls return it before sending any write, so nothing was changed.
type UnknownSKUError struct {
	// SKUs are the unknown seller SKUs, in the order given.
	SKUs []string
}

// Error names up to five SKUs and counts the rest.
func (e *UnknownSKUError) Error() string {
	return "sellercenter: no product has the seller SKU " + quoteSome(e.SKUs) + "; nothing was changed"
}

// Is matches ErrNotFound and ErrNotApplied.
func (e *UnknownSKUError) Is(target error) bool {
	return target == ErrNotFound || target == ErrNotApplied
}

// BulkError says that some changes of a bulk call were not applied; the
// call's []SKUResult tells which and why.
type BulkError struct {
	Applied, Refused, NotSent, Unknown int
}

// Error counts the outcomes.
func (e *BulkError) Error() string {
	total := e.Applied + e.Refused + e.NotSent + e.Unknown
	var parts []string
	for _, p := range []struct {
		n    int
		what string
	}{{e.Refused, "refused"}, {e.NotSent, "not sent"}, {e.Unknown, "unknown (may have been applied: read back before repeating)"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.what))
		}
	}
	return fmt.Sprintf("sellercenter: %d of %d changes not applied: %s", total-e.Applied, total, strings.Join(parts, ", "))
}

// Is matches ErrOutcomeUnknown when any change's outcome is unknown, and
// ErrNotApplied when none is and none was applied.
func (e *BulkError) Is(target error) bool {
	switch target {
	case ErrOutcomeUnknown:
		return e.Unknown > 0
	case ErrNotApplied:
		return e.Unknown == 0 && e.Applied == 0
	}
	return false
}

// summarize is the error of a bulk call whose results are rs: nil when
// every change was applied.
func summarize(rs []SKUResult) error {
	var e BulkError
	for _, r := range rs {
		switch r.Outcome {
		case SKUApplied:
			e.Applied++
		case SKURefused:
			e.Refused++
		case SKUUnknown:
			e.Unknown++
		default:
			e.NotSent++
		}
	}
	if e.Applied == len(rs) {
		return nil
	}
	return &e
}

// quoteSome names up to five items and counts the rest.
func quoteSome(items []string) string {
	const shown = 5
	q := make([]string, 0, shown)
	for _, s := range items[:min(len(items), shown)] {
		q = append(q, strconv.Quote(s))
	}
	switch {
	case len(items) > shown:
		return strings.Join(q, ", ") + fmt.Sprintf(" and %d more", len(items)-shown)
	case len(q) > 1:
		return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
	}
	return strings.Join(q, "")
}

// checkSKUs refuses empty SKUs, and changes of the same thing (named by
// key) given twice: which of two values was meant is unclear. It returns
// the SKUs, each once, in the order given.
func checkSKUs(n int, sku, key func(int) string) ([]string, error) {
	seen := make(map[string]bool, n)
	listed := make(map[string]bool, n)
	skus := make([]string, 0, n)
	for i := range n {
		s, k := sku(i), key(i)
		switch {
		case strings.TrimSpace(s) == "":
			return nil, badChangef("change %d has no seller SKU", i+1)
		case seen[k]:
			return nil, badChangef("seller SKU %s is given twice", k)
		}
		seen[k] = true
		if !listed[s] {
			listed[s] = true
			skus = append(skus, s)
		}
	}
	return skus, nil
}

// ProductIDs looks seller SKUs up, MaxSKULookup per request and
// opts.Concurrency requests at once, and returns the product id of each.
// SKUs that name no product of the seller make an *UnknownSKUError.
func (c *Client) ProductIDs(ctx context.Context, skus []string, opts BulkOptions) (map[string]int, error) {
	if _, err := checkSKUs(len(skus), func(i int) string { return skus[i] }, func(i int) string { return strconv.Quote(skus[i]) }); err != nil {
		return nil, err
	}
	ids := make(map[string]int, len(skus))
	var todo []string
	for _, s := range skus {
		if id, ok := opts.ProductIDs[s]; ok && id > 0 {
			ids[s] = id
			continue
		}
		todo = append(todo, s)
	}
	chunks := slices.Collect(slices.Chunk(todo, MaxSKULookup))
	found := make([][]gen.Product, len(chunks))
	errs := make([]error, len(chunks))
	runChunks(ctx, len(chunks), opts.concurrency(), func(ctx context.Context, i int) bool {
		found[i], errs[i] = c.lookupSKUs(ctx, chunks[i])
		return errs[i] == nil
	})
	if err := firstErr(errs); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		// Some lookups may not have run.
		return nil, unsent(fmt.Errorf("sellercenter: looking up seller SKUs: %w", err))
	}
	for i := range chunks {
		for _, p := range found[i] {
			if p.SellerSku != "" && p.Id > 0 {
				ids[p.SellerSku] = p.Id
			}
		}
	}
	var unknown []string
	for _, s := range skus {
		if _, ok := ids[s]; !ok {
			unknown = append(unknown, s)
		}
	}
	if len(unknown) > 0 {
		return nil, &UnknownSKUError{SKUs: unknown}
	}
	return ids, nil
}

// lookupSKUs reads every page of listProductsBySellerSkus for skus.
func (c *Client) lookupSKUs(ctx context.Context, skus []string) ([]gen.Product, error) {
	out := []gen.Product{}
	pages := Paginate(ctx, MaxSKULookup, func(ctx context.Context, offset, limit int) (Page[gen.Product], error) {
		resp, err := Result(c.ListProductsBySellerSkusWithResponse(ctx, &gen.ListProductsBySellerSkusParams{SellerSkus: skus, Limit: limit, Offset: offset}))
		if err != nil {
			return Page[gen.Product]{}, err
		}
		return Page[gen.Product]{Items: resp.Items, TotalCount: &resp.Pagination.TotalCount}, nil
	})
	for p, err := range pages {
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// runChunks calls send for chunks 0 to n-1, at most concurrency at once.
// It starts no new chunk once ctx is done or a send returned false; the
// chunks it never started are left to the caller to report.
func runChunks(ctx context.Context, n, concurrency int, send func(ctx context.Context, i int) bool) {
	var (
		next    atomic.Int64
		stopped atomic.Bool
		wg      sync.WaitGroup
	)
	for range min(concurrency, n) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n || stopped.Load() || ctx.Err() != nil {
					return
				}
				if !send(ctx, i) {
					stopped.Store(true)
				}
			}
		})
	}
	wg.Wait()
}

// failure is the outcome a request's error gives each of its SKUs, and
// whether sending more requests is still worth it: after a refusal of
// the rows (400, 404, 422) it is, while anything else (authentication,
// the rate limit, an outage, the network, an unknown fate) would fail the
// next request too, or pile up more changes of unknown fate.
func failure(err error) (o SKUOutcome, more bool) {
	var apiErr *APIError
	switch {
	case errors.Is(err, ErrOutcomeUnknown):
		return SKUUnknown, false
	case errors.As(err, &apiErr):
		switch apiErr.StatusCode {
		case http.StatusBadRequest, http.StatusNotFound, http.StatusUnprocessableEntity:
			return SKURefused, true
		}
		return SKURefused, false
	}
	return SKUNotSent, false
}

// reason is err's message as a SKUResult.Reason.
func reason(err error) string {
	return strings.TrimPrefix(oneLine(err.Error()), "sellercenter: ")
}

// fill marks every result still without an outcome as not sent, because
// of the first error that stopped the call or the ctx.
func fill(ctx context.Context, rs []SKUResult, stop error) {
	why := ""
	switch {
	case stop != nil:
		why = "an earlier request failed: " + reason(stop)
	case ctx.Err() != nil:
		why = ctx.Err().Error()
		stop = unsent(fmt.Errorf("sellercenter: %w before the change was sent", ctx.Err()))
	}
	for i := range rs {
		if rs[i].Outcome == 0 {
			rs[i].Outcome, rs[i].Reason, rs[i].Err = SKUNotSent, why, stop
		}
	}
}

// firstStop keeps the first error that stopped a bulk call.
type firstStop struct {
	once sync.Once
	err  error
}

func (f *firstStop) set(err error) {
	f.once.Do(func() { f.err = err })
}

// SetStock sets the stock of products in the seller's warehouse by their
// seller SKUs, any number of them: it looks the SKUs up (see ProductIDs),
// then sends updateProductStock requests of MaxStockRows rows,
// opts.Concurrency at once, all paced by the client's rate limiter.
//
// Nothing is sent when a change is bad (an empty or repeated SKU, a
// negative quantity: ErrBadChange) or a SKU is unknown
// (*UnknownSKUError); the error is then the only result. Otherwise there
// is one SKUResult per change, in the order given, and the error is a
// *BulkError when any change was not applied. No change is sent twice:
// the client repeats a request only when it certainly did not reach the
// API. A request that fails in any way other than a refusal of its rows
// stops the call from starting more, as does the end of ctx (the requests
// already on their way, up to opts.Concurrency, still go); the changes
// never sent are SKUNotSent.
func (c *Client) SetStock(ctx context.Context, changes []StockChange, opts BulkOptions) ([]SKUResult, error) {
	skus, err := checkSKUs(len(changes), func(i int) string { return changes[i].SellerSku },
		func(i int) string { return strconv.Quote(changes[i].SellerSku) })
	if err != nil {
		return nil, err
	}
	for _, ch := range changes {
		if ch.Quantity < 0 || ch.Quantity > math.MaxInt32 {
			return nil, badChangef("the quantity %d of %q is not a whole number from 0 to %d", ch.Quantity, ch.SellerSku, math.MaxInt32)
		}
	}
	ids, err := c.ProductIDs(ctx, skus, opts)
	if err != nil {
		return nil, err
	}
	rs := make([]SKUResult, len(changes))
	for i, ch := range changes {
		rs[i] = SKUResult{SellerSku: ch.SellerSku, ProductID: ids[ch.SellerSku]}
	}
	var stop firstStop
	prog := &progress{total: len(changes), fn: opts.Progress}
	chunks := (len(changes) + MaxStockRows - 1) / MaxStockRows
	runChunks(ctx, chunks, opts.concurrency(), func(ctx context.Context, n int) bool {
		from, to := n*MaxStockRows, min((n+1)*MaxStockRows, len(changes))
		defer prog.add(to - from)
		body := make(gen.UpdateProductStockJSONRequestBody, 0, to-from)
		for i := from; i < to; i++ {
			body = append(body, gen.ProductStock{ProductId: rs[i].ProductID, Quantity: changes[i].Quantity})
		}
		skipped, err := Result(c.UpdateProductStockWithResponse(ctx, body))
		if err != nil {
			o, more := failure(err)
			for i := from; i < to; i++ {
				rs[i].Outcome, rs[i].Reason, rs[i].Err = o, reason(err), err
			}
			if !more {
				stop.set(err)
			}
			return more
		}
		notTaken := make(map[int]bool, len(*skipped))
		for _, s := range *skipped {
			notTaken[s.ProductId] = true
		}
		for i := from; i < to; i++ {
			rs[i].Outcome = SKUApplied
			if notTaken[rs[i].ProductID] {
				rs[i].Outcome = SKURefused
				rs[i].Reason = "the API skipped the product: it does not take its stock this way, for example when the marketplace holds it"
			}
		}
		return true
	})
	fill(ctx, rs, stop.err)
	return rs, summarize(rs)
}

// SetPrices sets the prices of products by their seller SKUs, any number
// of them: it looks the SKUs up (see ProductIDs) and reads their current
// prices, MaxSKULookup products per request, to keep a running sale
// unless the change clears it, then sends one updateProductPrice request
// per change, opts.Concurrency at once, all paced by the client's rate
// limiter. One request per price, rather than updateProductSetPrices per
// product set, is what tells each price's outcome: the API may apply some
// rows of a set's request and refuse the others with one 422.
//
// Its errors and results are those of SetStock; an applied result
// carries the price as the API stored it.
func (c *Client) SetPrices(ctx context.Context, changes []PriceChange, opts BulkOptions) ([]SKUResult, error) {
	skus, err := checkSKUs(len(changes), func(i int) string { return changes[i].SellerSku },
		func(i int) string {
			return strconv.Quote(changes[i].SellerSku) + " in " + strings.ToUpper(changes[i].Country)
		})
	if err != nil {
		return nil, err
	}
	for _, ch := range changes {
		switch {
		case !countryCode(ch.Country):
			return nil, badChangef("the country %q of %q is not a two-letter country code", ch.Country, ch.SellerSku)
		case !(ch.Price > 0) || math.IsInf(ch.Price, 0):
			return nil, badChangef("the price %v of %q is not above 0", ch.Price, ch.SellerSku)
		}
	}
	ids, err := c.ProductIDs(ctx, skus, opts)
	if err != nil {
		return nil, err
	}
	rs := make([]SKUResult, len(changes))
	var keep []int
	for i, ch := range changes {
		rs[i] = SKUResult{SellerSku: ch.SellerSku, ProductID: ids[ch.SellerSku]}
		if !ch.ClearSale {
			keep = append(keep, rs[i].ProductID)
		}
	}
	current, err := c.currentPrices(ctx, keep, opts.concurrency())
	if err != nil {
		return nil, err
	}
	now := opts.now()
	var stop firstStop
	prog := &progress{total: len(changes), fn: opts.Progress}
	runChunks(ctx, len(changes), opts.concurrency(), func(ctx context.Context, i int) bool {
		defer prog.add(1)
		ch := changes[i]
		country := strings.ToUpper(ch.Country)
		body := gen.PriceUpdate{Price: Ptr(ch.Price)}
		if cur, ok := current[priceKey{rs[i].ProductID, country}]; ok && !ch.ClearSale && saleRunning(cur, now) {
			body.SalePrice, body.SaleStartDate, body.SaleEndDate = cur.SalePrice, cur.SaleStartDate, cur.SaleEndDate
		}
		stored, err := Result(c.UpdateProductPriceWithResponse(ctx, rs[i].ProductID, country, body))
		if err != nil {
			o, more := failure(err)
			rs[i].Outcome, rs[i].Reason, rs[i].Err = o, reason(err), err
			if !more {
				stop.set(err)
			}
			return more
		}
		rs[i].Outcome, rs[i].Price = SKUApplied, stored
		return true
	})
	fill(ctx, rs, stop.err)
	return rs, summarize(rs)
}

// countryCode reports whether s is two ASCII letters.
func countryCode(s string) bool {
	letter := func(b byte) bool { return 'a' <= b|0x20 && b|0x20 <= 'z' }
	return len(s) == 2 && letter(s[0]) && letter(s[1])
}

// priceKey is a product's price in one country.
type priceKey struct {
	productID int
	country   string
}

// currentPrices reads the prices of products, by product and country.
func (c *Client) currentPrices(ctx context.Context, ids []int, concurrency int) (map[priceKey]gen.CountryPrice, error) {
	chunks := slices.Collect(slices.Chunk(ids, MaxSKULookup))
	got := make([][]gen.ProductSetPrices, len(chunks))
	errs := make([]error, len(chunks))
	runChunks(ctx, len(chunks), concurrency, func(ctx context.Context, i int) bool {
		var resp *[]gen.ProductSetPrices
		resp, errs[i] = Result(c.ListPricesWithResponse(ctx, &gen.ListPricesParams{ProductIds: chunks[i]}))
		if resp != nil {
			got[i] = *resp
		}
		return errs[i] == nil
	})
	if err := firstErr(errs); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, unsent(fmt.Errorf("sellercenter: reading the current prices: %w", err))
	}
	out := make(map[priceKey]gen.CountryPrice, len(ids))
	for _, sets := range got {
		for _, set := range sets {
			for _, p := range set.Items {
				for _, cp := range p.Prices {
					if p.ProductId > 0 {
						out[priceKey{p.ProductId, strings.ToUpper(cp.Country)}] = cp
					}
				}
			}
		}
	}
	return out, nil
}

func firstErr(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// saleRunning reports whether p has a sale price that has not ended by
// now: one still to keep. An ended sale is not sent back, since it no
// longer applies and the API refuses a sale end in the past.
func saleRunning(p gen.CountryPrice, now time.Time) bool {
	return p.SalePrice != nil && (p.SaleEndDate == nil || p.SaleEndDate.IsZero() || p.SaleEndDate.After(now))
}
