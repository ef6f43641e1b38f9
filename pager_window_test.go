package sellercenter

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
)

// listing is a fake list of the items 0..total-1 for PaginateWindow, safe
// for concurrent fetches. Its hooks run inside fetch, so a test can hold a
// page back, fail it, or change the listing between pages.
type listing struct {
	envelope envelope
	total    int
	limitCap int // the API's largest page, echoed as Page.Limit; 0 for none

	// page, if set, may change the answer to a request (or hold it back
	// until ctx is done); it runs before the answer is built from total.
	page func(ctx context.Context, l *listing, offset, limit int) (*Page[int], error)

	mu       sync.Mutex
	requests [][2]int // offset, limit of each request, in arrival order
	held     int      // pages returned and not yet yielded to the end
	peakHeld int
	running  int // fetches that have not returned
}

func (l *listing) fetch(ctx context.Context, offset, limit int) (Page[int], error) {
	l.mu.Lock()
	l.requests = append(l.requests, [2]int{offset, limit})
	l.running++
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		l.running--
		l.mu.Unlock()
	}()
	if l.page != nil {
		p, err := l.page(ctx, l, offset, limit)
		if err != nil {
			return Page[int]{}, err
		}
		if p != nil {
			l.returned()
			return *p, nil
		}
	}
	l.mu.Lock()
	total := l.total
	l.mu.Unlock()
	if l.limitCap > 0 {
		limit = min(limit, l.limitCap)
	}
	p := Page[int]{Limit: &limit}
	for i := offset; i < min(offset+limit, total); i++ {
		p.Items = append(p.Items, i)
	}
	switch l.envelope {
	case withTotalCount:
		p.TotalCount = &total
	case withHasNext:
		more := offset+limit < total
		p.HasNext = &more
	case bareArray:
		p.Limit = nil
	}
	l.returned()
	return p, nil
}

// returned counts a page handed to the walk.
func (l *listing) returned() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.held++
	l.peakHeld = max(l.peakHeld, l.held)
}

// yielded counts a page whose last item the walk yielded.
func (l *listing) yielded() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.held--
}

// settle waits until at least want pages were asked for and no fetch is
// running, so that every page the walk has asked for so far is held: the
// most a slow caller can make it hold. Waiting for the count too matters:
// a fetch the walk has started may not have reached the listing yet. After
// a bounded number of turns it gives up and lets the assertions speak.
func (l *listing) settle(t *testing.T, want int) {
	t.Helper()
	for range 1_000_000 {
		l.mu.Lock()
		n, asked := l.running, len(l.requests)
		l.mu.Unlock()
		if n == 0 && asked >= want {
			return
		}
		if t.Context().Err() != nil {
			t.Fatal("fetches still running when the test ended")
		}
		waitTurn()
	}
}

// walkAll collects what a walk yields; pageEnd reports whether item i is the
// last of its page, so that held pages can be counted, and stop breaks off
// the walk after an item when it returns true.
func walkAll(t *testing.T, l *listing, pageSize, window int, stop func(i int) bool) (items []int, errs []error) {
	t.Helper()
	first := true
	for item, err := range PaginateWindow(t.Context(), pageSize, window, l.fetch) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if first || item%pageSize == 0 {
			// A slow caller: everything asked for has come back before
			// it looks at the next page, the window's worth ahead of it.
			l.mu.Lock()
			pages := (l.total + pageSize - 1) / pageSize
			l.mu.Unlock()
			l.settle(t, min(item/pageSize+cmpOr(window, DefaultPageWindow), pages))
			first = false
		}
		items = append(items, item)
		if (item+1)%pageSize == 0 || item == l.total-1 {
			l.yielded()
		}
		if stop != nil && stop(item) {
			break
		}
	}
	return items, errs
}

func TestPaginateWindow(t *testing.T) {
	t.Parallel()
	tests := []struct {
		total, pageSize, window int
		envelopes               []envelope
		pages                   int // pages the listing has, ending page included
	}{
		{1050, 100, 4, []envelope{bareArray, withTotalCount, withHasNext}, 11},
		{1000, 100, 4, []envelope{withTotalCount, withHasNext}, 10},
		{1000, 100, 16, []envelope{bareArray}, 11},
		{0, 100, 4, []envelope{bareArray, withTotalCount, withHasNext}, 1},
		{250, 100, 1, []envelope{bareArray, withTotalCount, withHasNext}, 3},
		{3000, 100, 0, []envelope{withTotalCount, withHasNext}, 30},
		{7, 1, 3, []envelope{withTotalCount, withHasNext}, 7},
	}
	for _, tt := range tests {
		for _, env := range tt.envelopes {
			t.Run(fmt.Sprintf("%d items by %d, window %d, %v", tt.total, tt.pageSize, tt.window, env), func(t *testing.T) {
				t.Parallel()
				window := cmpOr(tt.window, DefaultPageWindow)
				l := &listing{envelope: env, total: tt.total}
				items, errs := walkAll(t, l, tt.pageSize, tt.window, nil)
				if len(errs) > 0 {
					t.Fatalf("PaginateWindow yielded %v, want no error", errs)
				}
				if !slices.Equal(items, sub1(seq(tt.total))) {
					t.Fatalf("PaginateWindow(%d items) = %d items, want each of %d once, in order", tt.total, len(items), tt.total)
				}
				// Bounded memory: never more pages held than the window.
				if l.peakHeld > window {
					t.Errorf("peak pages held = %d, want at most the window, %d", l.peakHeld, window)
				}
				// Fetching ahead: a long listing fills the window.
				if want := min(window, tt.pages); tt.pages > 2*window && l.peakHeld != want {
					t.Errorf("peak pages held = %d, want %d: the window filled", l.peakHeld, want)
				}
				n := len(l.requests)
				switch {
				case window == 1 || env == withTotalCount:
					// Nothing speculative: the pages and no more.
					if n != tt.pages {
						t.Errorf("requests = %d, want %d", n, tt.pages)
					}
				case n < tt.pages || n > tt.pages+window-1:
					t.Errorf("requests = %d, want %d to %d", n, tt.pages, tt.pages+window-1)
				}
				if l.running != 0 {
					t.Errorf("%d fetches still running after the walk, want 0", l.running)
				}
			})
		}
	}
}

// cmpOr is cmp.Or for ints, spelled out for the table above.
func cmpOr(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// TestPaginateWindowOne proves a window of 1 is one page at a time: each
// request waits until every item before it was yielded.
func TestPaginateWindowOne(t *testing.T) {
	t.Parallel()
	var yielded atomic.Int64
	l := &listing{envelope: withHasNext, total: 450}
	l.page = func(_ context.Context, _ *listing, offset, _ int) (*Page[int], error) {
		if got := yielded.Load(); got != int64(offset) {
			t.Errorf("page at offset %d requested after %d items were yielded, want %d", offset, got, offset)
		}
		return nil, nil
	}
	for _, err := range PaginateWindow(t.Context(), 100, 1, l.fetch) {
		if err != nil {
			t.Fatal(err)
		}
		yielded.Add(1)
	}
	if yielded.Load() != 450 || len(l.requests) != 5 {
		t.Errorf("window 1 = %d items in %d requests, want 450 in 5", yielded.Load(), len(l.requests))
	}
}

func TestPaginateWindowBreakCancels(t *testing.T) {
	t.Parallel()
	for _, env := range []envelope{withTotalCount, withHasNext, bareArray} {
		t.Run(env.String(), func(t *testing.T) {
			t.Parallel()
			const window = 4
			var cancelled atomic.Int64
			// The first page comes at once; every later one is held back
			// until the walk cancels it.
			l := &listing{envelope: env, total: 1000}
			l.page = func(ctx context.Context, _ *listing, offset, _ int) (*Page[int], error) {
				if offset == 0 {
					return nil, nil
				}
				<-ctx.Done()
				cancelled.Add(1)
				return nil, ctx.Err()
			}
			started := 0
			var got []int
			for item, err := range PaginateWindow(t.Context(), 100, window, l.fetch) {
				if err != nil {
					t.Fatalf("PaginateWindow yielded %v before the break, want items", err)
				}
				got = append(got, item)
				// Wait until the page after this one was asked for, so
				// that the break has a request in flight to cancel.
				for ; started < 2; waitTurn() {
					l.mu.Lock()
					started = len(l.requests)
					l.mu.Unlock()
				}
				if len(got) == 3 {
					break
				}
			}
			if !slices.Equal(got, []int{0, 1, 2}) {
				t.Errorf("items before the break = %v, want [0 1 2]", got)
			}
			l.mu.Lock()
			defer l.mu.Unlock()
			if l.running != 0 {
				t.Errorf("%d fetches still running after the break, want 0: the loop returns once they have", l.running)
			}
			if n := int(cancelled.Load()); n != len(l.requests)-1 || n < 1 || len(l.requests) > window {
				t.Errorf("after the break: %d requests, %d of them cancelled, want 2 to %d, all but the first cancelled", len(l.requests), n, window)
			}
		})
	}
}

func TestPaginateWindowError(t *testing.T) {
	t.Parallel()
	errPage3 := errors.New("sellercenter: HTTP 500 on page 3")
	for _, env := range []envelope{withTotalCount, withHasNext, bareArray} {
		t.Run(env.String(), func(t *testing.T) {
			t.Parallel()
			// Page 3 fails before page 2 answers; pages after it would
			// answer, but must never be yielded.
			failed := make(chan struct{})
			l := &listing{envelope: env, total: 1000}
			l.page = func(ctx context.Context, _ *listing, offset, _ int) (*Page[int], error) {
				switch offset {
				case 100:
					select {
					case <-failed:
					case <-ctx.Done():
						return nil, ctx.Err()
					}
				case 200:
					close(failed)
					return nil, errPage3
				}
				return nil, nil
			}
			var items []int
			errs := 0
			for item, err := range PaginateWindow(t.Context(), 100, 8, l.fetch) {
				if err != nil {
					errs++
					if !errors.Is(err, errPage3) {
						t.Errorf("PaginateWindow yielded %v, want %v", err, errPage3)
					}
					continue // the loop must end by itself
				}
				if errs > 0 {
					t.Fatalf("PaginateWindow yielded item %d after its error", item)
				}
				items = append(items, item)
			}
			if !slices.Equal(items, sub1(seq(200))) || errs != 1 {
				t.Errorf("PaginateWindow with page 3 failing = %d items, %d errors, want items 0..199 in order, then 1 error", len(items), errs)
			}
			if l.running != 0 {
				t.Errorf("%d fetches still running after the error, want 0", l.running)
			}
		})
	}
}

// TestPaginateWindowListingChanges: pages short of what was asked for,
// totals that move, a smaller page size the API applies, and a hasNext page
// that is empty.
func TestPaginateWindowListingChanges(t *testing.T) {
	t.Parallel()
	yes := true
	tests := []struct {
		name      string
		env       envelope
		total     int
		cap       int
		page      func(ctx context.Context, l *listing, offset, limit int) (*Page[int], error)
		want      []int
		wantErr   bool
		wantLimit int // the limit of the last request, 0 for any
		maxReq    int // 0 for any
	}{
		{
			// Items 160..199 appear only from the next request on: the
			// walk goes on from 160, not from the 200 it planned.
			name: "short hasNext page mid-walk", env: withHasNext, total: 500,
			page: func(_ context.Context, _ *listing, offset, _ int) (*Page[int], error) {
				if offset == 100 {
					return &Page[int]{Items: sub1(seq(160))[100:], HasNext: &yes}, nil
				}
				return nil, nil
			},
			want: sub1(seq(500)),
		},
		{
			name: "short totalCount page mid-walk", env: withTotalCount, total: 500,
			page: func(_ context.Context, _ *listing, offset, _ int) (*Page[int], error) {
				if offset == 100 {
					total := 500
					return &Page[int]{Items: sub1(seq(130))[100:], TotalCount: &total}, nil
				}
				return nil, nil
			},
			want: sub1(seq(500)),
		},
		{
			name: "the API applies a page size of 20", env: withTotalCount, total: 250, cap: 20,
			want: sub1(seq(250)), wantLimit: 20, maxReq: 13,
		},
		{
			name: "the API applies a page size of 20, hasNext", env: withHasNext, total: 250, cap: 20,
			want: sub1(seq(250)), wantLimit: 20,
		},
		{
			// Items added after the first page: the latest total decides.
			name: "total grows", env: withTotalCount, total: 250,
			page: func(_ context.Context, l *listing, offset, _ int) (*Page[int], error) {
				if offset == 200 {
					l.mu.Lock()
					l.total = 420
					l.mu.Unlock()
				}
				return nil, nil
			},
			want: sub1(seq(420)),
		},
		{
			// Items removed from the end: the walk ends where the
			// listing now does, and the pages past it are dropped.
			name: "total shrinks", env: withTotalCount, total: 900,
			page: func(_ context.Context, l *listing, offset, _ int) (*Page[int], error) {
				if offset == 100 {
					l.mu.Lock()
					l.total = 150
					l.mu.Unlock()
				}
				return nil, nil
			},
			want: sub1(seq(150)),
		},
		{
			name: "hasNext true with an empty page", env: withHasNext, total: 1000,
			page: func(_ context.Context, _ *listing, offset, _ int) (*Page[int], error) {
				if offset == 300 {
					return &Page[int]{HasNext: &yes}, nil
				}
				return nil, nil
			},
			want: sub1(seq(300)), wantErr: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := &listing{envelope: tt.env, total: tt.total, limitCap: tt.cap, page: tt.page}
			var items []int
			errs := 0
			for item, err := range PaginateWindow(t.Context(), 100, 4, l.fetch) {
				if err != nil {
					errs++
					continue
				}
				if errs > 0 {
					t.Fatalf("item %d yielded after the error", item)
				}
				items = append(items, item)
			}
			if !slices.Equal(items, tt.want) {
				t.Errorf("PaginateWindow(%s) = %d items %v..., want each of %d once, in order", tt.name, len(items), items[:min(len(items), 5)], len(tt.want))
			}
			if want := map[bool]int{true: 1}[tt.wantErr]; errs != want {
				t.Errorf("PaginateWindow(%s) = %d errors, want %d", tt.name, errs, want)
			}
			if tt.wantLimit > 0 {
				if last := l.requests[len(l.requests)-1][1]; last != tt.wantLimit {
					t.Errorf("last request's limit = %d, want the API's %d", last, tt.wantLimit)
				}
			}
			if tt.maxReq > 0 && len(l.requests) > tt.maxReq {
				t.Errorf("requests = %d, want at most %d", len(l.requests), tt.maxReq)
			}
			if l.running != 0 {
				t.Errorf("%d fetches still running after the walk, want 0", l.running)
			}
		})
	}
}

func TestPaginateWindowNegative(t *testing.T) {
	t.Parallel()
	l := &listing{total: 10}
	_, errs := walkAll(t, l, 10, -1, nil)
	if len(errs) != 1 || len(l.requests) != 0 {
		t.Errorf("PaginateWindow(window -1) = %v in %d requests, want one error and none", errs, len(l.requests))
	}
}

// waitTurn lets the walk's goroutines run while a test waits for them, with
// no clock involved.
func waitTurn() { runtime.Gosched() }
