package lenient_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/sellercenter-go/sellercenter/lenient"
)

func TestBool(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    lenient.Bool
		wantErr bool
	}{
		{in: `true`, want: true},
		{in: `false`, want: false},
		{in: `"true"`, want: true},
		{in: `"false"`, want: false},
		{in: `"1"`, want: true},
		{in: `"0"`, want: false},
		{in: `""`, want: false},
		{in: `1`, want: true},
		{in: `0`, want: false},
		{in: `"yes"`, wantErr: true},
		{in: `2`, wantErr: true},
		{in: `{}`, wantErr: true},
		{in: `"tr\ue"`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			var got lenient.Bool
			err := json.Unmarshal([]byte(tt.in), &got)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Unmarshal(%s) error = %v, want error %t", tt.in, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("Unmarshal(%s) = %t, want %t", tt.in, got, tt.want)
			}
			if err == nil {
				if out, _ := json.Marshal(got); string(out) != fmt.Sprint(bool(tt.want)) {
					t.Errorf("Marshal(%t) = %s, want a JSON boolean", got, out)
				}
			}
		})
	}
}

func TestBoolNullKeepsValue(t *testing.T) {
	t.Parallel()
	v := struct{ B lenient.Bool }{B: true}
	if err := json.Unmarshal([]byte(`{"B":null}`), &v); err != nil || !v.B {
		t.Errorf("Unmarshal(null) = %t, %v; want true (unchanged), nil", v.B, err)
	}
}

func TestString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    lenient.String
		wantErr bool
	}{
		{in: `"139593"`, want: "139593"},
		{in: `139593`, want: "139593"},
		{in: `1.50`, want: "1.50"},
		{in: `"a\nb"`, want: "a\nb"},
		{in: `""`, want: ""},
		{in: `true`, wantErr: true},
		{in: `[1]`, wantErr: true},
		{in: `{"a":1}`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			var got lenient.String
			err := json.Unmarshal([]byte(tt.in), &got)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Unmarshal(%s) error = %v, want error %t", tt.in, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("Unmarshal(%s) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

type report struct {
	Status string `json:"status"`
}

func TestQuoted(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		in       string
		want     string // Value.Status
		wantText bool
		wantErr  bool
	}{
		{name: "object", in: `{"status":"ok"}`, want: "ok"},
		{name: "string of JSON", in: `"{\"status\":\"ok\"}\n"`, want: "ok", wantText: true},
		{name: "string of no JSON", in: `"ok"`, wantErr: true},
		{name: "string of the wrong JSON", in: `"[1]"`, wantErr: true},
		{name: "number", in: `1`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got lenient.Quoted[report]
			err := json.Unmarshal([]byte(tt.in), &got)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Unmarshal(%s) error = %v, want error %t", tt.in, err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if got.Value.Status != tt.want || got.Text != tt.wantText {
				t.Errorf("Unmarshal(%s) = %+v, want status %q, Text %t", tt.in, got, tt.want, tt.wantText)
			}
			out, err := json.Marshal(got)
			if err != nil {
				t.Fatal(err)
			}
			var again lenient.Quoted[report]
			if err := json.Unmarshal(out, &again); err != nil || again != got {
				t.Errorf("Marshal then Unmarshal = %+v, %v; want %+v (the shape it was read in, %s)", again, err, got, out)
			}
		})
	}
}

// The vendor's document shows a shipment provider's flags as strings; the
// live API sends booleans. Both decode to the same value.
func ExampleBool() {
	var flags struct {
		Default lenient.Bool `json:"default"`
		Active  lenient.Bool `json:"status"`
	}
	if err := json.Unmarshal([]byte(`{"default":"true","status":false}`), &flags); err != nil {
		fmt.Println(err)
		return
	}
	if flags.Default {
		fmt.Println("default carrier, active:", flags.Active)
	}
	// Output: default carrier, active: false
}
