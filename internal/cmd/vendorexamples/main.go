// Command vendorexamples writes, for every operation of the vendor's OpenAPI
// document with a JSON success body, the body an API shaped like that
// document sends: the document's own example where it gives one, else one
// built from the schema (its property examples, the first enum value, or a
// value of the declared type and format, every declared property present).
// The root package's TestVendorExamplesDecode decodes each into our types,
// so a field the vendor declares and our spec lacks, or types differently,
// fails a test. Run it through make vendor-examples when the vendor
// publishes a new document.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: vendorexamples VENDOR.yaml OUT.json")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "vendorexamples:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	doc, err := openapi3.NewLoader().LoadFromFile(in)
	if err != nil {
		return err
	}
	examples, err := build(doc)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := write(&buf, examples); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// example is one operation's success body.
type example struct {
	key  string // "GET /v2/path 200"
	body any
}

func build(doc *openapi3.T) ([]example, error) {
	var out []example
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			for status, ref := range op.Responses.Map() {
				if !strings.HasPrefix(status, "2") || ref.Value == nil {
					continue
				}
				media := ref.Value.Content.Get("application/json")
				if media == nil {
					continue
				}
				body, ok := mediaExample(media)
				if !ok {
					return nil, fmt.Errorf("%s %s %s: no example can be built", method, path, status)
				}
				out = append(out, example{key: method + " " + path + " " + status, body: body})
			}
		}
	}
	slices.SortFunc(out, func(a, b example) int { return strings.Compare(a.key, b.key) })
	return out, nil
}

func mediaExample(m *openapi3.MediaType) (any, bool) {
	if m.Example != nil {
		return m.Example, true
	}
	for _, name := range sortedKeys(m.Examples) {
		if e := m.Examples[name]; e != nil && e.Value != nil && e.Value.Value != nil {
			return e.Value.Value, true
		}
	}
	if m.Schema == nil {
		return nil, false
	}
	return synth(m.Schema.Value, map[*openapi3.Schema]bool{})
}

// synth builds a value of s. ok is false only for a schema that refers back
// to itself, whose property is then left out.
func synth(s *openapi3.Schema, seen map[*openapi3.Schema]bool) (any, bool) {
	if s == nil {
		return nil, false
	}
	if s.Example != nil {
		return s.Example, true
	}
	if seen[s] {
		return nil, false
	}
	seen[s] = true
	defer delete(seen, s)
	switch {
	case len(s.AllOf) > 0:
		merged := map[string]any{}
		for _, sub := range s.AllOf {
			if v, ok := synth(sub.Value, seen); ok {
				if m, isMap := v.(map[string]any); isMap {
					for k, x := range m {
						merged[k] = x
					}
				}
			}
		}
		return merged, true
	case len(s.OneOf) > 0:
		return synth(s.OneOf[0].Value, seen)
	case len(s.AnyOf) > 0:
		return synth(s.AnyOf[0].Value, seen)
	case len(s.Enum) > 0:
		return s.Enum[0], true
	}
	switch {
	case s.Type.Is("array"):
		if s.Items == nil {
			return []any{}, true
		}
		if v, ok := synth(s.Items.Value, seen); ok {
			return []any{v}, true
		}
		return []any{}, true
	case s.Type.Is("object") || len(s.Properties) > 0 || s.Type == nil && s.AdditionalProperties.Schema != nil:
		obj := map[string]any{}
		for name, p := range s.Properties {
			if v, ok := synth(p.Value, seen); ok {
				obj[name] = v
			}
		}
		if ap := s.AdditionalProperties.Schema; ap != nil && len(s.Properties) == 0 {
			if v, ok := synth(ap.Value, seen); ok {
				obj["key"] = v
			}
		}
		return obj, true
	case s.Type.Is("string"):
		switch s.Format {
		case "date-time", "datetime":
			return "2024-10-01 08:00:00", true
		case "date":
			return "2024-10-01", true
		}
		return "string", true
	case s.Type.Is("integer"):
		return 1, true
	case s.Type.Is("number"):
		return 1.5, true
	case s.Type.Is("boolean"):
		return true, true
	}
	return "string", true
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// write puts one operation per line, so a new vendor document shows in a
// diff operation by operation.
func write(w io.Writer, examples []example) error {
	if _, err := io.WriteString(w, "{\n"); err != nil {
		return err
	}
	for i, e := range examples {
		k, err := json.Marshal(e.key)
		if err != nil {
			return err
		}
		v, err := json.Marshal(e.body)
		if err != nil {
			return fmt.Errorf("%s: %w", e.key, err)
		}
		sep := ","
		if i == len(examples)-1 {
			sep = ""
		}
		if _, err := fmt.Fprintf(w, "%s: %s%s\n", k, v, sep); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "}\n")
	return err
}
