package openapi_test

// Tests of the UnmarshalJSON that openapi/templates/additional-properties.tmpl
// generates for objects that keep their unknown members.

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/internal/jsonobject"
)

func TestAdditionalPropertiesUnmarshal(t *testing.T) {
	t.Parallel()
	str := func(s string) *string { return &s }
	num := func(f float64) *float64 { return &f }
	tests := []struct {
		name string
		in   string
		want gen.ItemExtraAttributes
	}{
		{"declared members", `{"delivery_type":"standard","installment_fee":20.5}`,
			gen.ItemExtraAttributes{DeliveryType: str("standard"), InstallmentFee: num(20.5)}},
		{"unknown members kept", `{"gst_free":"0","marketplace_fee":12.5,"tags":["a"]}`,
			gen.ItemExtraAttributes{GstFree: str("0"), AdditionalProperties: map[string]any{"marketplace_fee": 12.5, "tags": []any{"a"}}}},
		{"names match exactly", `{"Delivery_Type":"x"}`,
			gen.ItemExtraAttributes{AdditionalProperties: map[string]any{"Delivery_Type": "x"}}},
		{"escaped name", `{"delivery\u005ftype":"x"}`, gen.ItemExtraAttributes{DeliveryType: str("x")}},
		{"last repeated member wins", `{"delivery_type":"a","delivery_type":"b","z":1,"z":2}`,
			gen.ItemExtraAttributes{DeliveryType: str("b"), AdditionalProperties: map[string]any{"z": 2.0}}},
		{"null member", `{"delivery_type":null}`, gen.ItemExtraAttributes{}},
		{"empty", `{}`, gen.ItemExtraAttributes{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got gen.ItemExtraAttributes
			if err := json.Unmarshal([]byte(tt.in), &got); err != nil {
				t.Fatalf("Unmarshal(%s): %v", tt.in, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Unmarshal(%s) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

// TestAdditionalPropertiesReuse: decoding into a used value sets what the
// text has and replaces the unknown members only when the text has some,
// as the generator's own decoder did.
func TestAdditionalPropertiesReuse(t *testing.T) {
	t.Parallel()
	var v gen.ItemExtraAttributes
	for _, in := range []string{`{"gst_free":"0","a":1}`, `{"b":2}`, `{"delivery_type":"x"}`, `null`} {
		if err := v.UnmarshalJSON([]byte(in)); err != nil {
			t.Fatalf("UnmarshalJSON(%s): %v", in, err)
		}
	}
	if *v.GstFree != "0" || *v.DeliveryType != "x" || !reflect.DeepEqual(v.AdditionalProperties, map[string]any{"b": 2.0}) {
		t.Errorf("after four decodes: %+v", v)
	}
}

func TestAdditionalPropertiesRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		is   error
	}{
		{"array", `[1]`, jsonobject.ErrNotObject},
		{"declared member of the wrong type", `{"installment_fee":"x"}`, nil},
		{"truncated", `{"a":`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var v gen.ItemExtraAttributes
			err := v.UnmarshalJSON([]byte(tt.in))
			if err == nil || (tt.is != nil && !errors.Is(err, tt.is)) {
				t.Errorf("UnmarshalJSON(%s) = %v, want an error (%v)", tt.in, err, tt.is)
			}
		})
	}
}
