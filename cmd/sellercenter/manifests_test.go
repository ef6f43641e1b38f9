package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// TestManifestsHelpExamples runs every example of the manifests commands'
// help against the built-in mock, each on a fresh one, as a user would.
func TestManifestsHelpExamples(t *testing.T) {
	t.Parallel()
	root := (&cli{}).manifestsCommand()
	var examples []string
	for _, cmd := range root.Commands() {
		for _, line := range strings.Split(cmd.Example, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				examples = append(examples, line)
			}
		}
	}
	if len(examples) < 5 {
		t.Fatalf("manifests commands have %d help examples, want at least one per command", len(examples))
	}
	for _, ex := range examples {
		t.Run(ex, func(t *testing.T) {
			t.Parallel()
			var inv invocation
			command := ex
			if pipe, rest, ok := strings.Cut(ex, " | "); ok {
				inv.stdin = strings.TrimPrefix(pipe, "echo ")
				command = rest
			}
			args := strings.Fields(command)
			if args[0] != "sellercenter" {
				t.Fatalf("example %q does not run sellercenter", ex)
			}
			// Files the example writes go to a temporary folder, not here.
			if i := slices.Index(args, "--out"); i >= 0 && i+1 < len(args) {
				args[i+1] = filepath.Join(t.TempDir(), args[i+1])
				defer func() {
					if _, err := os.Stat(args[i+1]); err != nil {
						t.Errorf("example %q wrote no file: %v", ex, err)
					}
				}()
			}
			res := runTool(t, inv, args[1:]...)
			wantCode(t, args, res, exitOK)
			if !strings.Contains(res.stderr, "built-in demo SellerCenter") {
				t.Errorf("sellercenter %s stderr = %q, want the note that the built-in mock is used", command, res.stderr)
			}
		})
	}
}

// TestManifestsGolden compares the read-only output on the seed with
// testdata/manifests-*.golden; run with -update after a deliberate change.
func TestManifestsGolden(t *testing.T) {
	t.Parallel()
	env := envFor(newMock(t, sellercentertest.Config{}))
	tests := []struct {
		name string
		args []string
	}{
		{"manifests-list.table", []string{"manifests", "list"}},
		{"manifests-list.json", []string{"manifests", "list", "-o", "json"}},
		{"manifests-list-empty.table", []string{"manifests", "list", "--type", "return"}},
		{"manifests-get.table", []string{"manifests", "get", "68"}},
		{"manifests-get.json", []string{"manifests", "get", "68", "-o", "json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := runTool(t, invocation{env: env}, tt.args...)
			wantCode(t, tt.args, res, exitOK)
			if res.stderr != "" {
				t.Errorf("sellercenter %s stderr = %q, want none", strings.Join(tt.args, " "), res.stderr)
			}
			if strings.HasSuffix(tt.name, ".json") && !json.Valid([]byte(res.stdout)) {
				t.Errorf("sellercenter %s -o json is not one JSON document:\n%s", strings.Join(tt.args, " "), res.stdout)
			}
			compareGolden(t, tt.name, res.stdout)
		})
	}
}

// TestManifestsWorkflow creates a manifest, finds it with the list's
// filters and ships it, checking the mock's state after each step.
func TestManifestsWorkflow(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	env := envFor(srv)
	run := func(args ...string) string {
		t.Helper()
		res := runTool(t, invocation{env: env}, args...)
		wantCode(t, args, res, exitOK)
		return res.stdout
	}

	var created gen.ManifestResult
	if err := json.Unmarshal([]byte(run("manifests", "create", "5009", "5010", "-o", "json")), &created); err != nil {
		t.Fatalf("manifests create -o json does not parse: %v", err)
	}
	if created.ManifestCode == "" || created.Status != gen.ManifestStatusForwardReadyToShip {
		t.Fatalf("manifests create 5009 5010 = %+v, want a ready forward manifest", created)
	}
	if m, err := srv.Manifest(created.ManifestId); err != nil || len(m.OrderItems) != 2 {
		t.Fatalf("mock.Manifest(%d) after create = %+v, %v; want its two items", created.ManifestId, m, err)
	}

	out := run("manifests", "list", "--item", "5010", "--status", "forward_ready_to_ship", "-o", "jsonl")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 1 || !strings.Contains(lines[0], created.ManifestCode) {
		t.Errorf("manifests list --item 5010 = %q, want the one new manifest %s", out, created.ManifestCode)
	}
	table := run("manifests", "list", "--sort", "code", "--desc")
	if first := strings.Split(table, "\n")[1]; !strings.Contains(first, created.ManifestCode) {
		t.Errorf("manifests list --sort code --desc first row = %q, want %s", first, created.ManifestCode)
	}

	page := filepath.Join(t.TempDir(), "manifest.html")
	run("manifests", "document", created.ManifestCode, "--out", page)
	html, err := os.ReadFile(page)
	if err != nil || !strings.HasPrefix(string(html), "<!doctype html>") || !strings.Contains(string(html), "5010") {
		t.Errorf("manifests document %s --out wrote %q (%v), want the HTML page of its items", created.ManifestCode, html, err)
	}
	if fi, err := os.Stat(page); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("manifests document --out file mode = %v (%v), want 0600", fi.Mode().Perm(), err)
	}

	pdf := filepath.Join(t.TempDir(), "manifests.pdf")
	var exported manifestExport
	if err := json.Unmarshal([]byte(run("manifests", "export", "68", idText(created.ManifestId), "--out", pdf, "-o", "json")), &exported); err != nil {
		t.Fatalf("manifests export -o json does not parse: %v", err)
	}
	content, err := os.ReadFile(pdf)
	if err != nil || !strings.HasPrefix(string(content), "%PDF") || !strings.Contains(string(content), "my-4231, "+created.ManifestCode) || exported.Bytes != len(content) {
		t.Errorf("manifests export wrote %q (%v), reported %+v; want the PDF of both manifests", content, err, exported)
	}
	if x, err := srv.Export(exported.ExportItemID); err != nil || x.Status != gen.ExportItemStatusFinished {
		t.Errorf("mock.Export(%d) after manifests export = %+v, %v; want it finished", exported.ExportItemID, x, err)
	}

	run("manifests", "ship", idText(created.ManifestId))
	for _, id := range []int{5009, 5010} {
		if it, err := srv.OrderItem(id); err != nil || it.Status != gen.OrderItemStatusShipped {
			t.Errorf("mock.OrderItem(%d).Status after manifests ship = %v, %v; want shipped", id, it.Status, err)
		}
	}
}

// TestManifestsRefusals checks the exit codes and messages of bad input,
// refused by the tool before any request or by the API.
func TestManifestsRefusals(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	env := envFor(srv)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"manifests", "list", "--type", "sideways"}, exitUsage, `--type "sideways" is not a manifest type`},
		{[]string{"manifests", "list", "--status", "lost"}, exitUsage, `--status "lost" is not a manifest status`},
		{[]string{"manifests", "list", "--sort", "size"}, exitUsage, `--sort "size"`},
		{[]string{"manifests", "list", "--all", "--limit", "3"}, exitUsage, "none of the others can be"},
		{[]string{"manifests", "list", "--limit", "0"}, exitUsage, "--limit must be at least 1"},
		{[]string{"manifests", "create", "abc"}, exitUsage, `order item id "abc" is not a positive whole number`},
		{[]string{"manifests", "create", "5009", "5009"}, exitUsage, "given twice"},
		{[]string{"manifests", "create", "5001"}, exitFailure, "has status pending; only ready_to_ship and shipped items go into a manifest"},
		{[]string{"manifests", "create", "5011"}, exitFailure, "is in manifest my-4231 already"},
		{[]string{"manifests", "create", "5009", "5035"}, exitFailure, "a manifest is for one carrier"},
		{[]string{"manifests", "get", "999"}, exitFailure, "manifest 999 does not exist"},
		{[]string{"manifests", "ship", "0"}, exitUsage, `manifest id "0" is not a positive whole number`},
		{[]string{"manifests", "ship", "999"}, exitFailure, "manifest 999 does not exist"},
		{[]string{"manifests", "ship", "68", "68"}, exitUsage, "manifest id 68 is given twice"},
		{[]string{"manifests", "lsit"}, exitUsage, `unknown command "lsit"`},
		{[]string{"manifests", "document", " "}, exitUsage, "MANIFEST_CODE must not be blank"},
		{[]string{"manifests", "export", "68"}, exitUsage, `required flag(s) "out" not set`},
		{[]string{"manifests", "export", "68", "--out", " "}, exitUsage, "--out must name a file"},
		{[]string{"manifests", "export", "68", "999", "--out", "never-written.pdf"}, exitFailure, "manifest 999 does not exist"},
		{[]string{"manifests", "document", "my-0000"}, exitFailure, "manifest my-0000 does not exist"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			res := runTool(t, invocation{env: env}, tt.args...)
			wantCode(t, tt.args, res, tt.code)
			if !strings.Contains(res.stderr, tt.want) {
				t.Errorf("sellercenter %s stderr = %q, want it to contain %q", strings.Join(tt.args, " "), res.stderr, tt.want)
			}
		})
	}
	if got := srv.Manifests(); len(got) != 1 || !slices.Equal([]int{got[0].ManifestId}, []int{68}) {
		t.Errorf("mock.Manifests() after refused input = %+v, want the seeded manifest 68 alone", got)
	}
}

func TestDecodeBase64(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"PGgxPk08L2gxPg==", "<h1>M</h1>", true},
		{"PGgxPk08L2gxPg", "<h1>M</h1>", true},
		{" PGgxPk08L2gxPg=\n", "<h1>M</h1>", true},
		{"", "", true},
		{"not base64!", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := decodeBase64(tt.in)
			if (err == nil) != tt.ok || (tt.ok && string(got) != tt.want) {
				t.Errorf("decodeBase64(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
			}
		})
	}
}
