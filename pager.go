package sellercenter

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"reflect"
	"strings"
	"sync"

	"github.com/sellercenter-go/sellercenter/gen"
)

// DefaultPageSize is the page size Paginate requests when given none.
const DefaultPageSize = 100

// Page is one page of an offset/limit list operation, as a per-operation
// adapter hands it to Paginate. Set whichever end signal the API sent:
// HasNext for hasNext envelopes, TotalCount for totalCount envelopes, neither
// for bare arrays.
type Page[T any] struct {
	// Items are the page's items in API order.
	Items []T
	// HasNext is the API's "more pages follow" flag, if it sent one.
	HasNext *bool
	// TotalCount is the API's count of all items, if it sent one.
	TotalCount *int
	// Limit is the page size the API applied, if it echoed one; a value
	// below the one asked for is used for the pages that follow.
	Limit *int
}

// Paginate walks an offset/limit list operation, calling fetch for one page
// at a time (offset 0, then offset plus the items received) and yielding
// every item once. pageSize 0 means DefaultPageSize; it must not exceed the
// operation's maximum, since for bare arrays a short page is taken as the
// last. It is PaginateWindow with a window of 1: fetch is never called
// concurrently, and the next page is asked for only once every item of the
// previous one was yielded.
//
// The walk ends when HasNext is false; when TotalCount items were received
// or a page is empty; for bare arrays, on a page shorter than pageSize.
// Breaking out of the loop stops further requests. An error (from fetch, a
// done ctx, or an API that claims more pages but sends none) is yielded once,
// with the zero T, and ends the walk.
func Paginate[T any](ctx context.Context, pageSize int, fetch func(ctx context.Context, offset, limit int) (Page[T], error)) iter.Seq2[T, error] {
	return PaginateWindow(ctx, pageSize, 1, fetch)
}

// PaginateWindow is Paginate with up to window pages requested ahead:
// while the caller works through one page, the following ones are already
// being fetched, on goroutines of their own, so fetch must be safe for
// concurrent use. Items are still yielded in API order, each once, and at
// most window pages (the one being yielded included) are held at a time.
// window 0 means DefaultPageWindow; 1 is Paginate.
//
// The first page is fetched alone, so a listing of one page costs one
// request. Once it carries a TotalCount, the pages up to that count are
// fetched ahead. HasNext envelopes and bare arrays do not say how many pages
// follow: once the first page says more do, up to window pages are asked for
// speculatively, and those found to lie past the end are cancelled. Behind a
// rate limiter the ones still waiting for it are never sent, so the requests
// spent past the end are those the limiter let through while the last page
// was on its way (about the rate times the latency), never more than
// window-1.
//
// Offsets are planned from the page size. When a page holds another number
// of items than asked for while more follow (the listing changed between
// pages, or the API applies a smaller page size, which it then echoes as
// Page.Limit and later requests use), the pages asked for ahead of it are
// cancelled and the walk goes on from the offset the items received give,
// as Paginate would. A TotalCount that changes during the walk is followed:
// the latest page's count decides where the walk ends. As with any offset
// paging, items added or removed before the current offset during a walk
// shift the ones after it, so such an item can be missed or seen twice;
// walking in creation order keeps new items at the end.
//
// Breaking out of the loop cancels the requests in flight and waits for
// them to return, so none is left running; an error is yielded once, and no
// item of a later page is yielded after it.
func PaginateWindow[T any](ctx context.Context, pageSize, window int, fetch func(ctx context.Context, offset, limit int) (Page[T], error)) iter.Seq2[T, error] {
	return paginate(ctx, pageSize, window, false, fetch)
}

// paginate is PaginateWindow. When ordered, fetch sends its request through
// a Client, whose rate-limit layer tells the walk (see passedLimiter) when
// a page's request has passed the limiter: each page then waits for the
// limiter only once the page before it has passed, so the pages spend the
// budget in their order, and pages asked for past the end wait outside the
// limiter, where cancelling them costs nothing.
func paginate[T any](ctx context.Context, pageSize, window int, ordered bool, fetch func(ctx context.Context, offset, limit int) (Page[T], error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		if ctx == nil {
			yield(zero, Check(nil, gen.ErrNilContext))
			return
		}
		if pageSize == 0 {
			pageSize = DefaultPageSize
		}
		if pageSize < 0 {
			yield(zero, unsent(fmt.Errorf("sellercenter: page size %d is negative", pageSize)))
			return
		}
		if window == 0 {
			window = DefaultPageWindow
		}
		if window < 0 {
			yield(zero, unsent(fmt.Errorf("sellercenter: page window %d is negative", window)))
			return
		}
		w := &pageWalk[T]{fetch: fetch, ordered: ordered, size: pageSize, window: window, ahead: 1, total: -1}
		ctx, cancel := context.WithCancel(ctx)
		// Cancel first, then wait: a break returns only once every
		// request it started has.
		defer w.wg.Wait()
		defer cancel()
		w.run(ctx, yield)
	}
}

// DefaultPageWindow is the number of pages a list iterator keeps requested
// ahead when Config.PageWindow is zero: at the API's 30 requests a second it
// keeps the limit busy up to a latency of about half a second per page.
const DefaultPageWindow = 16

// pageWalk is the state of one PaginateWindow walk.
type pageWalk[T any] struct {
	fetch   func(ctx context.Context, offset, limit int) (Page[T], error)
	ordered bool
	// passed is closed once the last page asked for has passed the
	// limiter or is done; with ordered, the next page waits for it.
	passed <-chan struct{}
	wg     sync.WaitGroup

	size   int // the limit of the next request
	window int
	ahead  int // pages that may be held now: 1 until the first says more follow, then window
	total  int // the latest TotalCount, or -1
	next   int // offset of the next request
	queue  []*pageSlot[T]
}

// pageSlot is one requested page, in flight or fetched.
type pageSlot[T any] struct {
	offset, limit int
	cancel        context.CancelFunc
	done          chan pageResult[T] // buffered, so a cancelled fetch never blocks
}

type pageResult[T any] struct {
	page Page[T]
	err  error
}

// run yields the pages in order, topping up the requests ahead before
// waiting for each. ctx is the walk's; once it is done, no request is sent.
func (w *pageWalk[T]) run(ctx context.Context, yield func(T, error) bool) {
	var zero T
	for {
		w.topUp(ctx, 0)
		if len(w.queue) == 0 {
			yield(zero, unsent(fmt.Errorf("sellercenter: listing stopped at offset %d: %w", w.next, ctx.Err())))
			return
		}
		head := w.queue[0]
		w.queue = w.queue[1:]
		r := <-head.done
		head.cancel()
		if r.err != nil {
			yield(zero, r.err)
			return
		}
		page := r.page
		more, err := w.more(head, page)
		if more {
			// Ask for the following pages before yielding this one, which
			// counts against the window while it is yielded.
			w.topUp(ctx, 1)
		}
		for _, item := range page.Items {
			if !yield(item, nil) {
				return
			}
		}
		if err != nil {
			yield(zero, err)
			return
		}
		if !more {
			return
		}
	}
}

// more applies Paginate's end rules to page, the answer to head, and plans
// what follows it. err is the error to yield after the page's items.
func (w *pageWalk[T]) more(head *pageSlot[T], page Page[T]) (bool, error) {
	n := len(page.Items)
	end := head.offset + n
	switch {
	case page.HasNext != nil:
		if !*page.HasNext {
			return false, nil
		}
		if n == 0 {
			// Asking again at the same offset would loop forever.
			// A 200 that contradicts itself: as for any 2xx
			// answer the client cannot use, the outcome is unknown.
			return false, &sendError{err: fmt.Errorf("sellercenter: API reported more results after offset %d but sent an empty page", end), outcome: maybeApplied}
		}
	case page.TotalCount != nil:
		// An empty page ends the walk even short of the total: items
		// deleted meanwhile shrink the list.
		if end >= *page.TotalCount || n == 0 {
			return false, nil
		}
		w.total = *page.TotalCount
	default:
		if n < head.limit {
			return false, nil
		}
	}
	if page.Limit != nil && *page.Limit > 0 && *page.Limit < w.size {
		w.size = *page.Limit
	}
	if want := w.nextQueued(); end != want {
		// The pages asked for ahead start at the wrong offset.
		for _, s := range w.queue {
			s.cancel()
		}
		w.queue, w.next = nil, end
	}
	w.ahead = w.window
	return true, nil
}

// nextQueued is the offset of the page that follows the one being yielded
// as it was planned.
func (w *pageWalk[T]) nextQueued() int {
	if len(w.queue) > 0 {
		return w.queue[0].offset
	}
	return w.next
}

// topUp asks for pages under ctx, the walk's, until they and the held
// pages being yielded fill the allowance, or the planned end is reached.
func (w *pageWalk[T]) topUp(ctx context.Context, held int) {
	for len(w.queue)+held < w.ahead && ctx.Err() == nil {
		if w.total >= 0 && w.next >= w.total {
			// A later page may raise the total; until then, nothing is
			// known to follow.
			return
		}
		s := &pageSlot[T]{offset: w.next, limit: w.size, done: make(chan pageResult[T], 1)}
		sctx, cancel := context.WithCancel(ctx)
		s.cancel = cancel
		prev, pass := w.passed, func() {}
		if w.ordered {
			passed := make(chan struct{})
			pass = sync.OnceFunc(func() { close(passed) })
			w.passed = passed
			sctx = context.WithValue(sctx, passedLimiterKey{}, pass)
		}
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			// A page that fails before the limiter, or is cancelled,
			// must not hold the next one back.
			defer pass()
			if prev != nil {
				select {
				case <-prev:
				case <-sctx.Done():
				}
				if err := sctx.Err(); err != nil {
					s.done <- pageResult[T]{err: unsent(fmt.Errorf("sellercenter: page at offset %d not requested: %w", s.offset, err))}
					return
				}
			}
			page, err := w.fetch(sctx, s.offset, s.limit)
			s.done <- pageResult[T]{page, err}
		}()
		w.queue = append(w.queue, s)
		w.next += w.size
	}
}

// walk adapts one offset/limit list operation to PaginateWindow. call is
// the generated raw method and parse its response parser; params must have
// the Offset and Limit fields of a list operation, size 0 means
// params.Limit, and window is the client's page window. A 200 JSON answer is
// decoded item by item straight off the connection (decodePage), so a
// page's raw bytes are never held next to its decoded items; any other
// answer goes through parse, so Check reports it as for any call.
func walk[T, P any, R interface{ StatusCode() int }](ctx context.Context, params P, size, window int,
	call func(context.Context, *P, ...gen.RequestEditorFn) (*http.Response, error),
	parse func(*http.Response) (R, error),
) iter.Seq2[T, error] {
	if ctx == nil {
		return failed[T](Check(nil, gen.ErrNilContext))
	}
	offset, limit, ok := pagingFields(&params)
	if !ok {
		return failed[T](unsent(fmt.Errorf("sellercenter: %T has no Offset and Limit fields", params)))
	}
	start := int(offset.Int())
	if size == 0 {
		size = int(limit.Int())
	}
	return paginate(ctx, size, window, true, func(ctx context.Context, at, n int) (Page[T], error) {
		// Pages are fetched concurrently: each request sets the fields of
		// its own copy.
		p := params
		offset, limit, _ := pagingFields(&p)
		offset.SetInt(int64(start + at))
		limit.SetInt(int64(n))
		resp, err := call(ctx, &p)
		if err != nil {
			return Page[T]{}, Check(nil, err)
		}
		if resp.StatusCode == http.StatusOK && strings.Contains(resp.Header.Get("Content-Type"), "json") {
			defer resp.Body.Close()
			page, err := decodePage[T](resp.Body, n)
			if err != nil {
				return Page[T]{}, newDecodeError(resp.StatusCode, resp, nil, fmt.Errorf("page at offset %d: %w", start+at, err))
			}
			return page, nil
		}
		r, err := parse(resp)
		if err := Check(r, err); err != nil {
			return Page[T]{}, err
		}
		// Check refuses every other 2xx answer of a list operation, which
		// declares a JSON body for 200 only; this is the guard for a spec
		// change that breaks that.
		return Page[T]{}, newDecodeError(resp.StatusCode, resp, nil, errors.New("want 200 with a JSON page"))
	})
}

// failed is a walk that yields err once.
func failed[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}

// pagingFields finds the settable Offset and Limit int fields of the
// generated list parameters p points to.
func pagingFields(p any) (offset, limit reflect.Value, ok bool) {
	v := reflect.ValueOf(p).Elem()
	if v.Kind() != reflect.Struct {
		return offset, limit, false
	}
	offset, limit = v.FieldByName("Offset"), v.FieldByName("Limit")
	ok = offset.IsValid() && limit.IsValid() && offset.Kind() == reflect.Int && limit.Kind() == reflect.Int
	return offset, limit, ok
}

// maxPageRoom is the most items decodePage makes room for up front.
const maxPageRoom = 1000

// pageEnd is the pagination object of both list envelopes.
type pageEnd struct {
	HasNext    *bool `json:"hasNext"`
	TotalCount *int  `json:"totalCount"`
	Limit      *int  `json:"limit"`
}

// decodePage reads a list envelope {"items": [...], "pagination": {...}},
// decoding one item at a time; members it does not know are skipped. limit
// is the page size asked for: the items are held in a slice of that room,
// not the quarter more that growing it by appends leaves, as a walk holds a
// window of pages.
func decodePage[T any](r io.Reader, limit int) (Page[T], error) {
	var page Page[T]
	dec := json.NewDecoder(r)
	if err := expectDelim(dec, '{'); err != nil {
		return page, err
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return page, err
		}
		switch tok {
		case "items":
			if err := expectDelim(dec, '['); err != nil {
				return page, fmt.Errorf("items: %w", err)
			}
			for dec.More() {
				var item T
				if err := dec.Decode(&item); err != nil {
					return page, fmt.Errorf("items[%d]: %w", len(page.Items), err)
				}
				if page.Items == nil && limit > 1 {
					// A limit beyond what the API serves gets no more room
					// than the pages it does serve.
					page.Items = make([]T, 0, min(limit, maxPageRoom))
				}
				page.Items = append(page.Items, item)
			}
			if err := expectDelim(dec, ']'); err != nil {
				return page, err
			}
		case "pagination":
			var end pageEnd
			if err := dec.Decode(&end); err != nil {
				return page, fmt.Errorf("pagination: %w", err)
			}
			page.HasNext, page.TotalCount, page.Limit = end.HasNext, end.TotalCount, end.Limit
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return page, err
			}
		}
	}
	return page, expectDelim(dec, '}')
}

// expectDelim reads the next token and fails unless it is want.
func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != want {
		return fmt.Errorf("want %q, got %v", want, tok)
	}
	return nil
}

// Orders walks every order that params selects, starting at params.Offset
// with pages of params.Limit orders (DefaultPageSize when zero), fetching up
// to Config.PageWindow pages ahead as PaginateWindow does, within the
// client's rate limit. Orders come in API order, each once. Breaking out of
// the loop cancels the requests in flight; an error is yielded once and
// ends the walk.
//
//	for order, err := range c.Orders(ctx, gen.ListOrdersParams{Section: &section}) {
//		if err != nil {
//			return err
//		}
//		...
//	}
func (c *Client) Orders(ctx context.Context, params gen.ListOrdersParams) iter.Seq2[gen.Order, error] {
	return walk[gen.Order](ctx, params, 0, c.pageWindow, c.ListOrders, gen.ParseListOrdersResponse)
}

// OrderItems walks every order item that params selects, like Orders.
func (c *Client) OrderItems(ctx context.Context, params gen.ListOrderItemsParams) iter.Seq2[gen.OrderItem, error] {
	return walk[gen.OrderItem](ctx, params, 0, c.pageWindow, c.ListOrderItems, gen.ParseListOrderItemsResponse)
}

// MaxExportPageSize is the largest page listExports accepts.
const MaxExportPageSize = 20

// Exports walks every export job that params selects, like Orders. Pages
// hold at most MaxExportPageSize jobs, the API's limit; a zero params.Limit
// means that limit.
func (c *Client) Exports(ctx context.Context, params gen.ListExportsParams) iter.Seq2[gen.ExportItem, error] {
	return walk[gen.ExportItem](ctx, params, cmp.Or(params.Limit, MaxExportPageSize), c.pageWindow, c.ListExports, gen.ParseListExportsResponse)
}

// ProductSets walks every product set that params selects, like Orders.
func (c *Client) ProductSets(ctx context.Context, params gen.ListProductSetsParams) iter.Seq2[gen.ProductSet, error] {
	return walk[gen.ProductSet](ctx, params, 0, c.pageWindow, c.ListProductSets, gen.ParseListProductSetsResponse)
}

// Brands walks every brand that params selects, like Orders.
func (c *Client) Brands(ctx context.Context, params gen.ListBrandsParams) iter.Seq2[gen.Brand, error] {
	return walk[gen.Brand](ctx, params, 0, c.pageWindow, c.ListBrands, gen.ParseListBrandsResponse)
}

// Categories walks every category that params selects, like Orders.
func (c *Client) Categories(ctx context.Context, params gen.SearchCategoriesParams) iter.Seq2[gen.Category, error] {
	return walk[gen.Category](ctx, params, 0, c.pageWindow, c.SearchCategories, gen.ParseSearchCategoriesResponse)
}

// Attributes walks every attribute definition that params selects, like
// Orders.
func (c *Client) Attributes(ctx context.Context, params gen.ListAttributesParams) iter.Seq2[gen.AttributeDefinition, error] {
	return walk[gen.AttributeDefinition](ctx, params, 0, c.pageWindow, c.ListAttributes, gen.ParseListAttributesResponse)
}

// Users walks every user that params selects, like Orders.
func (c *Client) Users(ctx context.Context, params gen.ListUsersParams) iter.Seq2[gen.User, error] {
	return walk[gen.User](ctx, params, 0, c.pageWindow, c.ListUsers, gen.ParseListUsersResponse)
}

// Manifests walks every shipping manifest that params selects, like Orders.
func (c *Client) Manifests(ctx context.Context, params gen.ListManifestsParams) iter.Seq2[gen.Manifest, error] {
	return walk[gen.Manifest](ctx, params, 0, c.pageWindow, c.ListManifests, gen.ParseListManifestsResponse)
}

// Statements walks every account statement that params selects, like
// Orders. Every amount is a money.Amount, exact as the API sent it.
func (c *Client) Statements(ctx context.Context, params gen.ListStatementsParams) iter.Seq2[gen.FinanceStatement, error] {
	return walk[gen.FinanceStatement](ctx, params, 0, c.pageWindow, c.ListStatements, gen.ParseListStatementsResponse)
}

// Transactions walks every finance transaction that params selects, like
// Orders: a month of a busy seller's sales and fees, page after page,
// holding no more than the client's PageWindow of pages.
func (c *Client) Transactions(ctx context.Context, params gen.ListTransactionsParams) iter.Seq2[gen.FinanceTransaction, error] {
	return walk[gen.FinanceTransaction](ctx, params, 0, c.pageWindow, c.ListTransactions, gen.ParseListTransactionsResponse)
}

// MaxFeedPageSize is the largest page listFeeds accepts.
const MaxFeedPageSize = 20

// Feeds walks every feed that params selects, like Orders, in pages of at
// most MaxFeedPageSize; a zero params.Limit means that limit.
func (c *Client) Feeds(ctx context.Context, params gen.ListFeedsParams) iter.Seq2[gen.Feed, error] {
	return walk[gen.Feed](ctx, params, cmp.Or(params.Limit, MaxFeedPageSize), c.pageWindow, c.ListFeeds, gen.ParseListFeedsResponse)
}
