package sellercentertest

import (
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestOperationIDs checks the operation names the fake uses (recovered from
// the embedded document, where oapi-codegen renamed them) against the YAML
// source, so the embedded document is current and no name is garbled.
func TestOperationIDs(t *testing.T) {
	t.Parallel()
	doc, err := openapi3.NewLoader().LoadFromFile(filepath.Join("..", "openapi", "sellercenter.yaml"))
	if err != nil {
		t.Fatalf("loading the OpenAPI source: %v", err)
	}
	var want []string
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			want = append(want, op.OperationID)
		}
	}
	sort.Strings(want)
	s := newServer(t, Config{Empty: true})
	if got := s.Operations(); !slices.Equal(got, want) {
		t.Errorf("Operations() = %v,\nwant the source's %v (run go generate?)", got, want)
	}
}
