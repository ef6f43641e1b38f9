package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// oasdiffCmd is the pinned oasdiff the Makefile runs; the Go module proxy is
// the only network it needs.
var oasdiffCmd = []string{"go", "run", "github.com/oasdiff/oasdiff@v1.39.0"}

const specPath = "../../../openapi/sellercenter.yaml"

// mutate returns the spec with old replaced by new once, failing if old is
// not there (so a spec edit cannot turn a mutation into a no-op).
func mutate(t *testing.T, spec, old, new string) string {
	t.Helper()
	if !strings.Contains(spec, old) {
		t.Fatalf("the spec no longer holds %q: update the mutation", old)
	}
	return strings.Replace(spec, old, new, 1)
}

func TestRunOnSpecMutations(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Fatal("go is not on PATH:", err)
	}
	raw, err := os.ReadFile(specPath)
	if err != nil {
		t.Fatal(err)
	}
	spec := string(raw)
	srcID := "        srcId:\n          type: string\n          description: Id of the seller in the shop system; a string on purpose.\n"
	removeField := mutate(t, spec, srcID, "")
	removeEnum := mutate(t, spec, "enum: [createdAt, updatedAt]", "enum: [createdAt]")
	addField := mutate(t, spec, "      properties:\n        id:\n          type: integer\n        uuid:",
		"      properties:\n        nickname:\n          type: string\n        id:\n          type: integer\n        uuid:")
	fieldLines := "- **Breaking** `response-optional-property-removed` Seller.srcId is gone (getSeller, listSellers, getSellerById).\n"
	enumLine := "- **Breaking** `request-parameter-enum-value-removed` listOrders: sort by updatedAt is gone.\n"

	for _, tc := range []struct {
		name, revision, changelog string
		wantErr                   bool
		wantOut                   []string
	}{
		{"response field removed, not named", removeField, "## [Unreleased]\n", true,
			[]string{"srcId", "- **Breaking** `response-optional-property-removed` getSeller:"}},
		{"response field removed, named", removeField, "## [Unreleased]\n### Changed\n" + fieldLines, false,
			[]string{"every breaking change is named"}},
		{"named under a released version only", removeField, "## [Unreleased]\n\n## [1.0.0]\n" + fieldLines, true, nil},
		{"named without the Breaking mark", removeField, "## [Unreleased]\n" + strings.Replace(fieldLines, "**Breaking** ", "", 1), true, nil},
		{"enum value removed, not named", removeEnum, "## [Unreleased]\n" + fieldLines, true,
			[]string{"`request-parameter-enum-value-removed` listOrders"}},
		{"enum value removed, named", removeEnum, "## [Unreleased]\n" + enumLine, false, nil},
		{"optional field added", addField, "## [Unreleased]\n", false, []string{"nickname"}},
		{"no change", spec, "## [Unreleased]\n", false, []string{"no changes to the spec"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			rev := filepath.Join(dir, "rev.yaml")
			log := filepath.Join(dir, "CHANGELOG.md")
			if err := os.WriteFile(rev, []byte(tc.revision), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(log, []byte(tc.changelog), 0o600); err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			err := run(&out, oasdiffCmd, log, specPath, rev)
			if tc.wantErr != (err != nil) {
				t.Fatalf("run: %v, want error %v; output:\n%s", err, tc.wantErr, out.String())
			}
			if err != nil && !errors.Is(err, errUnnamed) {
				t.Fatalf("run: %v, want errUnnamed", err)
			}
			for _, w := range tc.wantOut {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
		})
	}
}

func TestUnnamed(t *testing.T) {
	t.Parallel()
	removed := Change{ID: "response-optional-property-removed", Level: 1, OperationID: "getSeller"}
	info := Change{ID: "response-optional-property-added", Level: 1, OperationID: "getSeller"}
	pathOnly := Change{ID: "api-path-removed-without-deprecation", Level: 3, Operation: "GET", Path: "/v2/x"}
	for _, tc := range []struct {
		name    string
		changes []Change
		log     string
		want    int
	}{
		{"informational additions need nothing", []Change{info}, "", 0},
		{"a removal needs a line", []Change{removed}, "## [Unreleased]\n", 1},
		{"named", []Change{removed}, "## [Unreleased]\n- **Breaking** response-optional-property-removed getSeller\n", 0},
		{"a longer operationId is not a name", []Change{removed}, "## [Unreleased]\n- **Breaking** response-optional-property-removed getSellerById\n", 1},
		{"case-insensitive section heading", []Change{removed}, "## unreleased\n- **Breaking** `response-optional-property-removed` (getSeller)\n", 0},
		{"no operationId: method and path", []Change{pathOnly}, "## [Unreleased]\n- **Breaking** api-path-removed-without-deprecation GET /v2/x\n", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := Unnamed(tc.changes, []byte(tc.log)); len(got) != tc.want {
				t.Errorf("Unnamed = %v, want %d", got, tc.want)
			}
		})
	}
}
