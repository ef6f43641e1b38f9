package sellercenter

import (
	"context"
	"fmt"
	"iter"

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
}

// Paginate walks an offset/limit list operation, calling fetch for one page
// at a time (offset 0, then offset plus the items received) and yielding
// every item once. pageSize 0 means DefaultPageSize; it must not exceed the
// operation's maximum, since for bare arrays a short page is taken as the
// last.
//
// The walk ends when HasNext is false; when TotalCount items were received
// or a page is empty; for bare arrays, on a page shorter than pageSize.
// Breaking out of the loop stops further requests. An error (from fetch, a
// done ctx, or an API that claims more pages but sends none) is yielded once,
// with the zero T, and ends the walk.
func Paginate[T any](ctx context.Context, pageSize int, fetch func(ctx context.Context, offset, limit int) (Page[T], error)) iter.Seq2[T, error] {
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
		for offset := 0; ; {
			if err := ctx.Err(); err != nil {
				yield(zero, unsent(fmt.Errorf("sellercenter: listing stopped at offset %d: %w", offset, err)))
				return
			}
			page, err := fetch(ctx, offset, pageSize)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, item := range page.Items {
				if !yield(item, nil) {
					return
				}
			}
			n := len(page.Items)
			offset += n
			switch {
			case page.HasNext != nil:
				if !*page.HasNext {
					return
				}
				if n == 0 {
					// Asking again at the same offset would loop forever.
					// A 200 that contradicts itself: as for any 2xx
					// answer the client cannot use, the outcome is unknown.
					yield(zero, &sendError{err: fmt.Errorf("sellercenter: API reported more results after offset %d but sent an empty page", offset), outcome: maybeApplied})
					return
				}
			case page.TotalCount != nil:
				// An empty page ends the walk even short of the total:
				// items deleted meanwhile shrink the list.
				if offset >= *page.TotalCount || n == 0 {
					return
				}
			default:
				if n < pageSize {
					return
				}
			}
		}
	}
}
