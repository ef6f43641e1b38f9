package openapi_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

const specPath = "sellercenter.yaml"

var (
	specOnce sync.Once
	specDoc  *openapi3.T
	specErr  error
)

// loadSpec parses the spec once for every test in the package.
func loadSpec(t *testing.T) *openapi3.T {
	t.Helper()
	specOnce.Do(func() {
		specDoc, specErr = openapi3.NewLoader().LoadFromFile(specPath)
	})
	if specErr != nil {
		t.Fatalf("LoadFromFile(%q) = %v, want nil", specPath, specErr)
	}
	return specDoc
}

type operation struct {
	method, path string
	op           *openapi3.Operation
}

func (o operation) String() string { return o.method + " " + o.path }

// operations lists the spec's operations in a stable order.
func operations(doc *openapi3.T) []operation {
	var ops []operation
	for _, path := range doc.Paths.InMatchingOrder() {
		for method, op := range doc.Paths.Value(path).Operations() {
			ops = append(ops, operation{method, path, op})
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].String() < ops[j].String() })
	return ops
}

func TestSpecValidates(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("Validate(%s) = %v, want nil", specPath, err)
	}
	if got, want := doc.OpenAPI, "3.0.3"; got != want {
		t.Errorf("openapi = %q, want %q", got, want)
	}
	if len(doc.Servers) == 0 || len(doc.Servers[0].Variables) == 0 {
		t.Errorf("servers = %v, want a server with a variable for the instance", doc.Servers)
	}
}

var (
	operationIDPattern = regexp.MustCompile(`^[a-z][a-zA-Z0-9]+$`)
	// errorBodies are the only schemas an error response may carry.
	errorBodies = []string{"Problem", "ValidationProblem", "ItemErrors", "ItemsProblem", "Unavailable"}
	// noBody lists the successes the API sends without a body.
	noBody = map[string]bool{
		"updateSeller 200":             true,
		"setOrderItemTrackingCode 200": true,
		"deletePackageDocument 204":    true,
		"cancelFeed 204":               true,
		"setProductStatus 200":         true,
		"removeProductSetGroup 204":    true,
		"deleteProductSetImage 204":    true,
		"setProductPriceStatus 204":    true,
		// users area
		"changePassword 200":     true,
		"deleteRole 204":         true,
		"addRoleResource 202":    true,
		"removeRoleResource 204": true,
		// webhooks
		"deleteWebhook 204":        true,
		"setWebhookStatus 204":     true,
		"retryWebhookCallback 204": true,
	}
)

// TestSpecLint holds every operation to the spec rules of the project: a Go
// friendly operationId, a summary, one declared tag, typed successes and typed
// error bodies for the statuses the API sends.
func TestSpecLint(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	tags := map[string]bool{}
	for _, tag := range doc.Tags {
		tags[tag.Name] = true
	}
	seen := map[string]string{}
	for _, o := range operations(doc) {
		if prev, dup := seen[o.op.OperationID]; dup {
			t.Errorf("%s: operationId %q also used by %s", o, o.op.OperationID, prev)
		}
		seen[o.op.OperationID] = o.String()
		t.Run(o.String(), func(t *testing.T) {
			t.Parallel()
			op := o.op
			id := op.OperationID
			if !operationIDPattern.MatchString(id) {
				t.Errorf("operationId = %q, want lowerCamelCase", id)
			}
			if strings.TrimSpace(op.Summary) == "" || strings.Contains(op.Summary, "\n") {
				t.Errorf("summary = %q, want one line", op.Summary)
			}
			if len(op.Tags) != 1 || !tags[op.Tags[0]] {
				t.Errorf("tags = %v, want exactly one tag declared at the top level", op.Tags)
			}
			public := op.Security != nil && len(*op.Security) == 0
			checkResponses(t, op, public)
			checkParameters(t, op)
		})
	}
}

func checkResponses(t *testing.T, op *openapi3.Operation, public bool) {
	t.Helper()
	want := []int{http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusServiceUnavailable}
	if !public {
		want = append(want, http.StatusUnauthorized)
	}
	for _, code := range want {
		if op.Responses.Status(code) == nil {
			t.Errorf("responses lack %d", code)
		}
	}
	successes := 0
	for code, ref := range op.Responses.Map() {
		resp := ref.Value
		switch {
		case strings.HasPrefix(code, "2"):
			successes++
			if noBody[op.OperationID+" "+code] {
				if len(resp.Content) != 0 {
					t.Errorf("%s: has a body, want none as the API sends", code)
				}
				continue
			}
			if len(resp.Content) == 0 {
				t.Errorf("%s: no typed body", code)
			}
			for mt, media := range resp.Content {
				if media.Schema == nil || media.Schema.Value == nil {
					t.Errorf("%s %s: no schema", code, mt)
					continue
				}
				s := media.Schema.Value
				if mt == "application/octet-stream" && s.Format != "binary" {
					t.Errorf("%s %s: format %q, want binary", code, mt, s.Format)
				}
				if mt == "application/json" && media.Schema.Ref == "" && !s.Type.Is("array") {
					t.Errorf("%s: inline body, want a named component or an array of one", code)
				}
			}
		case strings.HasPrefix(code, "4"), strings.HasPrefix(code, "5"):
			media := resp.Content.Get("application/json")
			if media == nil || media.Schema == nil {
				t.Errorf("%s: no JSON error body", code)
				continue
			}
			name := refName(media.Schema.Ref)
			if !slices.Contains(errorBodies, name) {
				t.Errorf("%s: body %q, want one of %v", code, name, errorBodies)
			}
		default:
			t.Errorf("response %q: want explicit status codes", code)
		}
	}
	if successes == 0 {
		t.Errorf("no 2xx response")
	}
}

func checkParameters(t *testing.T, op *openapi3.Operation) {
	t.Helper()
	for _, ref := range op.Parameters {
		p := ref.Value
		isArray := p.Schema != nil && p.Schema.Value.Type.Is("array")
		if p.In == openapi3.ParameterInQuery && isArray {
			if !strings.HasSuffix(p.Name, "[]") {
				t.Errorf("array parameter %q: want a name ending in [] as the API expects", p.Name)
			}
			if p.Style != "form" || p.Explode == nil || !*p.Explode {
				t.Errorf("array parameter %q: style %q explode %v, want form and true so the key repeats", p.Name, p.Style, p.Explode)
			}
		}
		if p.Description == "" {
			t.Errorf("parameter %q: no description", p.Name)
		}
	}
}

func refName(ref string) string {
	return ref[strings.LastIndex(ref, "/")+1:]
}

// TestSpecNoInlineCopies fails when an inline object schema has the same
// properties as a named component, or when the same inline object appears
// twice: both should be one named component.
func TestSpecNoInlineCopies(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	components := map[string]string{}
	for name, ref := range doc.Components.Schemas {
		if sig := objectSignature(ref.Value); sig != "" {
			components[sig] = name
		}
	}
	inline := map[string]string{}
	visited := map[*openapi3.Schema]bool{}
	var walk func(where string, ref *openapi3.SchemaRef, top bool)
	walk = func(where string, ref *openapi3.SchemaRef, top bool) {
		if ref == nil || ref.Value == nil {
			return
		}
		s := ref.Value
		if ref.Ref == "" && !top {
			if sig := objectSignature(s); sig != "" {
				if name, ok := components[sig]; ok {
					t.Errorf("%s: inline copy of component %s", where, name)
				}
				if prev, ok := inline[sig]; ok {
					t.Errorf("%s: same inline object as %s; make it a component", where, prev)
				}
				inline[sig] = where
			}
		}
		if visited[s] {
			return
		}
		visited[s] = true
		for name, p := range s.Properties {
			walk(where+"."+name, p, false)
		}
		if s.Items != nil {
			walk(where+"[]", s.Items, false)
		}
		for i, sub := range s.AllOf {
			walk(fmt.Sprintf("%s.allOf[%d]", where, i), sub, false)
		}
	}
	for name, ref := range doc.Components.Schemas {
		walk(name, ref, true)
	}
	for _, o := range operations(doc) {
		for _, p := range o.op.Parameters {
			if p.Value.Schema != nil {
				walk(o.op.OperationID+" "+p.Value.Name, p.Value.Schema, p.Value.Schema.Ref != "")
			}
		}
		if o.op.RequestBody != nil {
			for mt, media := range o.op.RequestBody.Value.Content {
				walk(o.op.OperationID+" request "+mt, media.Schema, media.Schema.Ref != "")
			}
		}
		for code, resp := range o.op.Responses.Map() {
			for mt, media := range resp.Value.Content {
				walk(o.op.OperationID+" "+code+" "+mt, media.Schema, media.Schema.Ref != "")
			}
		}
	}
}

// objectSignature describes an object schema by its property names and types,
// or returns "" for anything that is not an object with properties.
func objectSignature(s *openapi3.Schema) string {
	if s == nil || len(s.Properties) == 0 {
		return ""
	}
	parts := make([]string, 0, len(s.Properties))
	for name, p := range s.Properties {
		typ := ""
		if p.Value != nil && p.Value.Type != nil {
			typ = strings.Join(p.Value.Type.Slice(), "|")
		}
		parts = append(parts, name+":"+typ)
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

// TestSpecSuccessBodies keeps a rule sellercenter.Check relies on: an
// operation declares a body for all of its 2xx statuses or for none. Check
// refuses a 2xx answer that lacks the declared body, and it can only tell
// "the API answered 204 where 200 with a body is declared" from "204 is
// declared without a body" because no operation mixes the two.
func TestSpecSuccessBodies(t *testing.T) {
	t.Parallel()
	for _, o := range operations(loadSpec(t)) {
		withBody := map[bool][]string{}
		for code, ref := range o.op.Responses.Map() {
			if !strings.HasPrefix(code, "2") || ref.Value == nil {
				continue
			}
			has := len(ref.Value.Content) > 0
			withBody[has] = append(withBody[has], code)
		}
		if len(withBody[true]) > 0 && len(withBody[false]) > 0 {
			t.Errorf("%s declares a body for %v and none for %v; declare both or neither", o, withBody[true], withBody[false])
		}
	}
}
