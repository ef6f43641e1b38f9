package sellercenter

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/sellercenter-go/sellercenter/gen"
)

// envelope selects the end signal a fake list operation sends.
type envelope int

const (
	bareArray envelope = iota
	withTotalCount
	withHasNext
)

func (e envelope) String() string {
	return [...]string{"bare array", "totalCount", "hasNext"}[e]
}

// fakeList serves items 0..total-1 by offset and limit with the given end
// signal, recording each request.
type fakeList struct {
	total    int
	envelope envelope
	failOn   int // 1-based request number that fails; 0 = never
	calls    []int
}

var errPage = errors.New("sellercenter: HTTP 500 on page 3")

func (f *fakeList) fetch(_ context.Context, offset, limit int) (Page[int], error) {
	f.calls = append(f.calls, offset)
	if len(f.calls) == f.failOn {
		return Page[int]{}, errPage
	}
	var p Page[int]
	for i := offset; i < min(offset+limit, f.total); i++ {
		p.Items = append(p.Items, i)
	}
	switch f.envelope {
	case withTotalCount:
		p.TotalCount = &f.total
	case withHasNext:
		more := offset+limit < f.total
		p.HasNext = &more
	}
	return p, nil
}

func TestPaginate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		total, pageSize int
		envelopes       []envelope
		wantCalls       int
	}{
		{1050, 100, []envelope{bareArray, withTotalCount, withHasNext}, 11},
		{1000, 100, []envelope{withTotalCount, withHasNext}, 10},
		{1000, 100, []envelope{bareArray}, 11}, // only an empty page proves the end
		{0, 100, []envelope{bareArray, withTotalCount, withHasNext}, 1},
		{5, 0, []envelope{bareArray, withTotalCount, withHasNext}, 1}, // default page size
		{250, DefaultPageSize, []envelope{bareArray, withTotalCount, withHasNext}, 3},
		{7, 1, []envelope{withHasNext}, 7},
	}
	for _, tt := range tests {
		for _, env := range tt.envelopes {
			t.Run(fmt.Sprintf("%d items by %d, %v", tt.total, tt.pageSize, env), func(t *testing.T) {
				t.Parallel()
				list := &fakeList{total: tt.total, envelope: env}
				var got []int
				for item, err := range Paginate(context.Background(), tt.pageSize, list.fetch) {
					if err != nil {
						t.Fatalf("Paginate(%d items) yielded %v, want no error", tt.total, err)
					}
					got = append(got, item)
				}
				if want := seq(tt.total); !slices.Equal(got, sub1(want)) {
					t.Errorf("Paginate(%d items) = %d items, want each of %d exactly once in order", tt.total, len(got), tt.total)
				}
				if len(list.calls) != tt.wantCalls {
					t.Errorf("Paginate(%d items, page size %d) requests = %d, want %d", tt.total, tt.pageSize, len(list.calls), tt.wantCalls)
				}
			})
		}
	}
}

// sub1 maps 1..n to 0..n-1.
func sub1(s []int) []int {
	for i := range s {
		s[i]--
	}
	return s
}

func TestPaginateBreak(t *testing.T) {
	t.Parallel()
	list := &fakeList{total: 1050, envelope: withTotalCount}
	var got []int
	for item, err := range Paginate(context.Background(), 100, list.fetch) {
		if err != nil {
			t.Fatalf("Paginate yielded %v, want no error", err)
		}
		got = append(got, item)
		if len(got) == 5 {
			break
		}
	}
	if !slices.Equal(got, []int{0, 1, 2, 3, 4}) || len(list.calls) != 1 {
		t.Errorf("Paginate with break after 5 = %v in %d requests, want [0 1 2 3 4] in 1", got, len(list.calls))
	}
}

func TestPaginateError(t *testing.T) {
	t.Parallel()
	list := &fakeList{total: 1050, envelope: withHasNext, failOn: 3}
	items, errs := 0, 0
	for _, err := range Paginate(context.Background(), 100, list.fetch) {
		if err != nil {
			errs++
			if !errors.Is(err, errPage) {
				t.Errorf("Paginate yielded %v, want %v", err, errPage)
			}
			continue // the loop must end by itself
		}
		items++
	}
	if items != 200 || errs != 1 || len(list.calls) != 3 {
		t.Errorf("Paginate with an error on page 3 = %d items, %d errors, %d requests, want 200, 1, 3", items, errs, len(list.calls))
	}
}

func TestPaginateBadInput(t *testing.T) {
	t.Parallel()
	yes := true
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name     string
		ctx      context.Context
		pageSize int
		page     Page[int]
		wantIs   error
		calls    int
	}{
		{"hasNext true with an empty page", context.Background(), 10, Page[int]{HasNext: &yes}, nil, 1},
		{"negative page size", context.Background(), -1, Page[int]{}, nil, 0},
		{"cancelled ctx", cancelled, 10, Page[int]{}, context.Canceled, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			calls := 0
			fetch := func(context.Context, int, int) (Page[int], error) {
				calls++
				if calls > 5 {
					t.Fatalf("Paginate kept fetching, want it to stop")
				}
				return tt.page, nil
			}
			errs := 0
			for _, err := range Paginate(tt.ctx, tt.pageSize, fetch) {
				if err == nil {
					t.Fatalf("Paginate(%s) yielded an item, want an error", tt.name)
				}
				errs++
				if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
					t.Errorf("Paginate(%s) = %v, want %v", tt.name, err, tt.wantIs)
				}
			}
			if errs != 1 || calls != tt.calls {
				t.Errorf("Paginate(%s) = %d errors in %d requests, want 1 in %d", tt.name, errs, calls, tt.calls)
			}
		})
	}
}

// TestPaginateOverTransport walks a totalCount list served under /api/ through
// the composed transport, the way a per-operation adapter will.
func TestPaginateOverTransport(t *testing.T) {
	t.Parallel()
	const total = 1050
	var requests atomic.Int32
	baseURL, _ := newAPIServer(t, func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		items := []int{}
		for i := offset; i < min(offset+limit, total); i++ {
			items = append(items, i)
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"items":      items,
			"pagination": map[string]int{"limit": limit, "offset": offset, "totalCount": total},
		})
	})
	tc := newTestClient(t, baseURL, serverTransport(t), nil)
	fetch := func(ctx context.Context, offset, limit int) (Page[int], error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%sv2/orders?offset=%d&limit=%d", baseURL, offset, limit), nil)
		if err != nil {
			return Page[int]{}, err
		}
		resp, err := tc.hc.Do(req)
		if err != nil {
			return Page[int]{}, err
		}
		defer func() { _ = resp.Body.Close() }()
		data, err := io.ReadAll(resp.Body)
		if err != nil {
			return Page[int]{}, err
		}
		var env struct {
			Items      []int `json:"items"`
			Pagination struct {
				TotalCount *int `json:"totalCount"`
			} `json:"pagination"`
		}
		if err := json.Unmarshal(data, &env); err != nil {
			return Page[int]{}, err
		}
		return Page[int]{Items: env.Items, TotalCount: env.Pagination.TotalCount}, nil
	}
	seen := make(map[int]int)
	for item, err := range Paginate(context.Background(), 100, fetch) {
		if err != nil {
			t.Fatalf("Paginate yielded %v, want no error", err)
		}
		seen[item]++
	}
	for i := range total {
		if seen[i] != 1 {
			t.Fatalf("Paginate yielded item %d %d times, want once", i, seen[i])
		}
	}
	if got := requests.Load(); got != 11 {
		t.Errorf("Paginate(1050 items by 100) requests = %d, want 11", got)
	}
}

func ExamplePaginate() {
	// A per-operation adapter turns one list call into a Page; here a fake
	// list of 250 numbers with a totalCount envelope.
	all := make([]int, 250)
	for i := range all {
		all[i] = i
	}
	total := len(all)
	fetch := func(ctx context.Context, offset, limit int) (Page[int], error) {
		end := min(offset+limit, total)
		return Page[int]{Items: all[offset:end], TotalCount: &total}, nil
	}

	sum, count := 0, 0
	for n, err := range Paginate(context.Background(), 100, fetch) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		sum += n
		count++
	}
	fmt.Println(count, sum)
	// Output: 250 31125
}

func TestDecodePage(t *testing.T) {
	t.Parallel()
	type item struct {
		ID int `json:"id"`
	}
	tr, n, two := true, 3, 2
	tests := []struct {
		name    string
		in      string
		want    Page[item]
		wantErr string
	}{
		{name: "hasNext", in: `{"items":[{"id":1},{"id":2}],"pagination":{"limit":2,"offset":0,"hasNext":true}}`,
			want: Page[item]{Items: []item{{1}, {2}}, HasNext: &tr, Limit: &two}},
		{name: "totalCount first, unknown members skipped", in: `{"pagination":{"totalCount":3},"extra":{"a":[1,{"b":2}]},"items":[{"id":3,"more":"x"}]}`,
			want: Page[item]{Items: []item{{3}}, TotalCount: &n}},
		{name: "empty", in: `{"items":[],"pagination":{}}`, want: Page[item]{}},
		{name: "items not a list", in: `{"items":{"id":1}}`, wantErr: "items"},
		{name: "bad item", in: `{"items":[{"id":1},{"id":"two"}]}`, wantErr: "items[1]"},
		{name: "not an object", in: `[{"id":1}]`, wantErr: "want"},
		// encoding/json says "unexpected EOF"; built with GOEXPERIMENT=jsonv2,
		// "unexpected end of JSON input".
		{name: "cut off", in: `{"items":[{"id":1},`, wantErr: "EOF|end of JSON input"},
		{name: "bad pagination", in: `{"items":[],"pagination":{"hasNext":"yes"}}`, wantErr: "pagination"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := decodePage[item](strings.NewReader(tt.in), 2)
			if tt.wantErr != "" {
				// wantErr lists the texts the error may mention, separated by |.
				if err == nil || !slices.ContainsFunc(strings.Split(tt.wantErr, "|"), func(s string) bool { return strings.Contains(err.Error(), s) }) {
					t.Fatalf("decodePage(%s) = %v, want an error mentioning %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("decodePage(%s) = %v, want nil", tt.in, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("decodePage(%s) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestWalkNeedsPagingFields(t *testing.T) {
	t.Parallel()
	type noPaging struct{ Name string }
	call := func(context.Context, *noPaging, ...gen.RequestEditorFn) (*http.Response, error) {
		t.Fatal("walk sent a request for parameters without Offset and Limit")
		return nil, nil
	}
	parse := func(*http.Response) (*gen.ListOrdersResponse, error) { return nil, nil }
	for _, err := range walk[int](context.Background(), noPaging{}, 0, 0, call, parse) {
		if err == nil || !strings.Contains(err.Error(), "no Offset and Limit") {
			t.Errorf("walk(noPaging) error = %v, want one naming the missing fields", err)
		}
	}
}
