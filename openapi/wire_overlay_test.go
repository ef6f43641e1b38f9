package openapi_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sellercenter-go/sellercenter/gen"
)

// TestZeroValuesOnTheWire pins the rule of wire-overlay.yaml on generated
// types: a plain optional field of an answer is encoded when zero, one the
// spec marks x-omitzero is left out, and so is an empty list.
func TestZeroValuesOnTheWire(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		v           any
		keep, leave []string
	}{
		{"answer", gen.OrderItem{}, []string{`"isPickupRequestSent":false`, `"paidPrice":0`, `"name":""`}, []string{`"vouchers"`}},
		{"request", gen.ReadyToShipRequest{}, []string{`"orderItems"`}, []string{`"trackingNumber"`, `"shippingProvider"`, `"deliveryType"`}},
		{"error body", gen.Problem{}, nil, []string{`"type"`, `"title"`, `"detail"`, `"status"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			data, err := json.Marshal(tt.v)
			if err != nil {
				t.Fatalf("json.Marshal(%T{}) = %v, want nil", tt.v, err)
			}
			for _, k := range tt.keep {
				if !strings.Contains(string(data), k) {
					t.Errorf("json.Marshal(%T{}) = %s, want %s in it", tt.v, data, k)
				}
			}
			for _, k := range tt.leave {
				if strings.Contains(string(data), k) {
					t.Errorf("json.Marshal(%T{}) = %s, want no %s", tt.v, data, k)
				}
			}
		})
	}
}

// TestRequestsLeaveOutEmptyFields finds every optional plain number, boolean
// or string a request body can carry: the overlay would encode it when zero,
// sending "" or 0 for what the caller left out, unless the spec marks it
// x-omitzero or makes it a pointer.
func TestRequestsLeaveOutEmptyFields(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	seen := map[*openapi3.Schema]bool{}
	var missing []string
	var walk func(where string, ref *openapi3.SchemaRef)
	walk = func(where string, ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		s := ref.Value
		seen[s] = true
		if ref.Ref != "" {
			where = refName(ref.Ref)
		}
		for name, p := range s.Properties {
			if !slices.Contains(s.Required, name) && encodedWhenZero(p) {
				missing = append(missing, where+"."+name)
			}
			walk(where+"."+name, p)
		}
		walk(where+"[]", s.Items)
		if s.AdditionalProperties.Schema != nil {
			walk(where+"{}", s.AdditionalProperties.Schema)
		}
		for _, list := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
			for _, r := range list {
				walk(where, r)
			}
		}
	}
	for _, o := range operations(doc) {
		if o.op.RequestBody == nil || o.op.RequestBody.Value == nil {
			continue
		}
		for _, mt := range o.op.RequestBody.Value.Content {
			walk(o.op.OperationID, mt.Schema)
		}
	}
	slices.Sort(missing)
	for _, m := range missing {
		t.Errorf("%s is an optional request field that the overlay encodes when zero; mark it x-omitzero: true (or x-go-type-skip-optional-pointer: false where zero means something)", m)
	}
}

// encodedWhenZero reports whether wire-overlay.yaml selects the property, as
// its filter does: an inline plain scalar that is not a pointer, an enum, a
// date or an x-go-type, and that the spec does not mark x-omitzero.
func encodedWhenZero(ref *openapi3.SchemaRef) bool {
	if ref.Ref != "" || ref.Value == nil {
		return false
	}
	p := ref.Value
	if p.Type == nil || !slices.ContainsFunc([]string{"integer", "number", "boolean", "string"}, p.Type.Is) {
		return false
	}
	if p.Nullable || len(p.Enum) > 0 {
		return false
	}
	if p.Format != "" && !slices.Contains([]string{"int32", "int64", "float", "double"}, p.Format) {
		return false
	}
	for _, ext := range []string{"x-go-type-skip-optional-pointer", "x-omitzero", "x-go-type"} {
		if _, ok := p.Extensions[ext]; ok {
			return false
		}
	}
	return true
}
