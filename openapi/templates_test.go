package openapi_test

// Tests of what openapi/templates adds to the generated client, driven over
// every operation of the spec by reflection, so a new operation is covered
// without a line here.

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/sellercenter-go/sellercenter/gen"
)

// refusingDoer fails the test for any request that reaches it.
type refusingDoer struct{ t *testing.T }

func (d refusingDoer) Do(req *http.Request) (*http.Response, error) {
	d.t.Errorf("request sent: %s %s", req.Method, req.URL)
	return nil, errors.New("refusingDoer: nothing may be sent")
}

// rawMethod is the generated raw method of o and how many path parameters
// it takes after ctx.
func rawMethod(t *testing.T, c *gen.Client, o operation) (reflect.Value, int) {
	t.Helper()
	name := []rune(o.op.OperationID)
	name[0] = unicode.ToUpper(name[0])
	m := reflect.ValueOf(c).MethodByName(string(name))
	if !m.IsValid() {
		m = reflect.ValueOf(c).MethodByName(string(name) + "WithBody")
	}
	if !m.IsValid() {
		t.Fatalf("%s: no generated method %s or %sWithBody", o, string(name), string(name))
	}
	return m, strings.Count(o.path, "{")
}

// validArgs returns arguments for m after ctx: "x" for strings, 1 for
// numbers, zero values (nil pointers and readers) for the rest.
func validArgs(m reflect.Value) []reflect.Value {
	mt := m.Type()
	var args []reflect.Value
	for i := 1; i < mt.NumIn(); i++ {
		if mt.IsVariadic() && i == mt.NumIn()-1 {
			break
		}
		v := reflect.New(mt.In(i)).Elem()
		switch v.Kind() {
		case reflect.String:
			v.SetString("x")
		case reflect.Int, reflect.Int32, reflect.Int64:
			v.SetInt(1)
		}
		args = append(args, v)
	}
	return args
}

func call(m reflect.Value, ctx context.Context, args []reflect.Value) (resp *http.Response, err error) {
	ctxArg := reflect.New(reflect.TypeFor[context.Context]()).Elem()
	if ctx != nil {
		ctxArg.Set(reflect.ValueOf(ctx))
	}
	out := m.Call(append([]reflect.Value{ctxArg}, args...))
	resp, _ = out[0].Interface().(*http.Response)
	err, _ = out[1].Interface().(error)
	return resp, err
}

// basePath is where the client under test is mounted, so a generated path
// that drops or doubles the base shows.
const basePath = "/sc"

// TestGeneratedNilContext: a nil ctx is an error of every operation, never
// a panic in http.Request.WithContext, and nothing is sent.
func TestGeneratedNilContext(t *testing.T) {
	t.Parallel()
	c, err := gen.NewClient("https://api.example.test"+basePath, gen.WithHTTPClient(refusingDoer{t}))
	if err != nil {
		t.Fatal(err)
	}
	ops := operations(loadSpec(t))
	for _, o := range ops {
		m, _ := rawMethod(t, c, o)
		resp, err := call(m, nil, validArgs(m))
		if resp != nil || !errors.Is(err, gen.ErrNilContext) {
			t.Errorf("%s with a nil ctx = %v, %v, want gen.ErrNilContext", o, resp, err)
		}
	}
	if len(ops) < 100 {
		t.Errorf("checked %d operations, want the whole spec", len(ops))
	}
}

// TestGeneratedPathSegments: a path parameter that is empty, "." or ".."
// would make URL resolution drop or climb its segment and send the call to
// another operation (CancelFeed(ctx, "..") was DELETE /v2/); every string
// path parameter of every operation refuses them before anything is sent.
func TestGeneratedPathSegments(t *testing.T) {
	t.Parallel()
	c, err := gen.NewClient("https://api.example.test"+basePath, gen.WithHTTPClient(refusingDoer{t}))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, o := range operations(loadSpec(t)) {
		m, n := rawMethod(t, c, o)
		for i := range n {
			if m.Type().In(1+i).Kind() != reflect.String {
				continue
			}
			checked++
			for _, bad := range []string{"", ".", ".."} {
				args := validArgs(m)
				args[i].SetString(bad)
				resp, err := call(m, context.Background(), args)
				if resp != nil || err == nil || !strings.Contains(err.Error(), "path parameter") {
					t.Errorf("%s with path parameter %d = %q: %v, %v; want an error naming the path parameter", o, i+1, bad, resp, err)
				}
			}
		}
	}
	if checked < 10 {
		t.Errorf("checked %d string path parameters, want every one of the spec", checked)
	}
}

// TestGeneratedPathSegmentsKeptWhole: values that only look like dot
// segments, or hold a slash, reach the wire escaped inside their one
// segment.
func TestGeneratedPathSegmentsKeptWhole(t *testing.T) {
	t.Parallel()
	tests := []struct{ uuid, wantPath string }{
		{"...", basePath + "/v2/feed/..."},
		{"./x", basePath + "/v2/feed/.%2Fx"},
		{"../orders", basePath + "/v2/feed/..%2Forders"},
		{"%2e%2e", basePath + "/v2/feed/%252e%252e"},
		{"a b", basePath + "/v2/feed/a%20b"},
	}
	for _, tt := range tests {
		req, err := gen.NewCancelFeedRequest("https://api.example.test"+basePath+"/", tt.uuid)
		if err != nil {
			t.Errorf("NewCancelFeedRequest(%q) = %v", tt.uuid, err)
			continue
		}
		if got := req.URL.EscapedPath(); got != tt.wantPath {
			t.Errorf("NewCancelFeedRequest(%q) path = %s, want %s", tt.uuid, got, tt.wantPath)
		}
	}
}
