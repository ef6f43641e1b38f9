package jsonobject_test

import (
	"encoding/json"
	"errors"
	"maps"
	"testing"

	"github.com/sellercenter-go/sellercenter/internal/jsonobject"
)

// members collects what Members yields, the last of a repeated name
// winning, as decoding into a map does.
func members(b []byte) (map[string]string, []string, error) {
	got := map[string]string{}
	var order []string
	err := jsonobject.Members(b, func(name, value []byte) error {
		got[string(name)] = string(value)
		order = append(order, string(name))
		return nil
	})
	return got, order, err
}

func TestMembers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		in    string
		want  map[string]string
		order []string
	}{
		{"empty", `{}`, map[string]string{}, nil},
		{"spaces", " \n{ \t}\r\n", map[string]string{}, nil},
		{"null", `null`, map[string]string{}, nil},
		{"scalars", `{"a":1,"b":"x","c":true,"d":null,"e":-1.5e3}`,
			map[string]string{"a": "1", "b": `"x"`, "c": "true", "d": "null", "e": "-1.5e3"},
			[]string{"a", "b", "c", "d", "e"}},
		{"nested", `{"a" : {"b":[1,{"c":"}]"}]} , "d":[[],{}]}`,
			map[string]string{"a": `{"b":[1,{"c":"}]"}]}`, "d": `[[],{}]`}, []string{"a", "d"}},
		{"escaped name and value", `{"a\"b\u00e9":"q\"}","\\":1}`,
			map[string]string{`a"bé`: `"q\"}"`, `\`: "1"}, []string{`a"bé`, `\`}},
		{"repeated name", `{"a":1,"a":2}`, map[string]string{"a": "2"}, []string{"a", "a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, order, err := members([]byte(tt.in))
			if err != nil {
				t.Fatalf("Members(%s): %v", tt.in, err)
			}
			if !maps.Equal(got, tt.want) || len(order) != len(tt.order) {
				t.Errorf("Members(%s) = %q in order %q, want %q in order %q", tt.in, got, order, tt.want, tt.order)
			}
		})
	}
}

func TestMembersRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		in     string
		syntax bool // a *json.SyntaxError rather than ErrNotObject
	}{
		{"empty input", ``, false},
		{"truncated", `{"a":1`, true},
		{"trailing garbage", `{"a":1}x`, true},
		{"array", `[1]`, false},
		{"string", `"a"`, false},
		{"number", `12`, false},
		{"boolean", `true`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, _, err := members([]byte(tt.in))
			var se *json.SyntaxError
			switch {
			case err == nil:
				t.Fatalf("Members(%q) accepted it", tt.in)
			case tt.syntax && !errors.As(err, &se):
				t.Errorf("Members(%q) = %v, want a *json.SyntaxError", tt.in, err)
			case !tt.syntax && tt.in != "" && !errors.Is(err, jsonobject.ErrNotObject):
				t.Errorf("Members(%q) = %v, want ErrNotObject", tt.in, err)
			}
		})
	}
}

func TestMembersStopsAtError(t *testing.T) {
	t.Parallel()
	stop := errors.New("stop")
	calls := 0
	err := jsonobject.Members([]byte(`{"a":1,"b":2}`), func(name, value []byte) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("Members = %v after %d calls, want stop after 1", err, calls)
	}
}

// FuzzMembers checks Members against encoding/json decoding into a map of
// raw values, the code it replaces in the generated decoders.
func FuzzMembers(f *testing.F) {
	for _, s := range []string{`{}`, `null`, `{"a":1,"b":[1,2],"c":{"d":"e"}}`, `{"a\u0041":"\"","a":2}`,
		"{\"\xff\":1}", `[]`, `{"a":}`, ` {"x" : "y" } `} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var want map[string]json.RawMessage
		wantErr := json.Unmarshal(b, &want)
		got, _, err := members(b)
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("Members(%q) error %v, encoding/json %v", b, err, wantErr)
		}
		if err != nil {
			return
		}
		if len(got) != len(want) {
			t.Fatalf("Members(%q) = %q, encoding/json %q", b, got, want)
		}
		for k, v := range want {
			if got[k] != string(v) {
				t.Fatalf("Members(%q)[%q] = %q, encoding/json %q", b, k, got[k], v)
			}
		}
	})
}
