package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ with the current output")

// TestGolden compares the output of read-only commands on the mock's fixed
// seed data with testdata/*.golden. Run with -update after a deliberate
// change of the output, and review the diff.
func TestGolden(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	env := envFor(srv)
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"orders-list.table", []string{"orders", "list"}, ""},
		{"orders-list-pending.table", []string{"orders", "list", "--status", "pending"}, ""},
		{"orders-list-limit.json", []string{"orders", "list", "--limit", "2", "-o", "json"},
			"sellercenter: showing the first 2 orders; more follow (use --all or a larger --limit)\n"},
		{"orders-list-empty.table", []string{"orders", "list", "--created-after", "2030-01-01"}, ""},
		{"orders-list-empty.json", []string{"orders", "list", "--created-after", "2030-01-01", "-o", "json"}, ""},
		{"orders-get.table", []string{"orders", "get", "1011"}, ""},
		{"orders-get.json", []string{"orders", "get", "1011", "-o", "json"}, ""},
		{"orders-items.table", []string{"orders", "items", "1003"}, ""},
		{"orders-items.jsonl", []string{"orders", "items", "1003", "-o", "jsonl"}, ""},
		{"orders-history.table", []string{"orders", "history", "1011"}, ""},
		{"orders-history.json", []string{"orders", "history", "1011", "-o", "json"}, ""},
		{"seller.table", []string{"seller"}, ""},
		{"seller.json", []string{"seller", "-o", "json"}, ""},
		{"health.table", []string{"health"}, ""},
		{"health.json", []string{"health", "-o", "json"}, ""},
		{"shipment-providers.table", []string{"shipment-providers"}, ""},
		{"shipment-providers.json", []string{"shipment-providers", "-o", "json"}, ""},
		{"failure-reasons.table", []string{"failure-reasons"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := runTool(t, invocation{env: env}, tt.args...)
			wantCode(t, tt.args, res, exitOK)
			if res.stderr != tt.stderr {
				t.Errorf("sellercenter %s stderr = %q, want %q", strings.Join(tt.args, " "), res.stderr, tt.stderr)
			}
			if strings.HasSuffix(tt.name, ".json") && !json.Valid([]byte(res.stdout)) {
				t.Errorf("sellercenter %s -o json is not one JSON document:\n%s", strings.Join(tt.args, " "), res.stdout)
			}
			if strings.HasSuffix(tt.name, ".jsonl") {
				for i, line := range strings.Split(strings.TrimSuffix(res.stdout, "\n"), "\n") {
					if !json.Valid([]byte(line)) || !strings.HasPrefix(line, "{") {
						t.Errorf("sellercenter %s line %d = %q, want a JSON object", strings.Join(tt.args, " "), i+1, line)
					}
				}
			}
			compareGolden(t, tt.name, res.stdout)
		})
	}
}

func compareGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading the golden file: %v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output of %s differs from %s (run go test -update if the change is intended)\ngot:\n%s\nwant:\n%s", name, path, got, want)
	}
}

// TestTableColumnsAligned checks the table layout itself: every row of the
// order list has its columns at the header's offsets.
func TestTableColumnsAligned(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	res := runTool(t, invocation{env: envFor(srv)}, "orders", "list")
	wantCode(t, []string{"orders", "list"}, res, exitOK)
	lines := strings.Split(strings.TrimSuffix(res.stdout, "\n"), "\n")
	if len(lines) != 31 {
		t.Fatalf("orders list printed %d lines, want a header and the 30 demo orders", len(lines))
	}
	header := lines[0]
	for _, col := range []string{"NUMBER", "CREATED", "CUSTOMER", "ITEMS", "STATUS", "TOTAL"} {
		at := strings.Index(header, col)
		for _, line := range lines[1:] {
			if at >= len(line) || line[at-1] != ' ' || line[at] == ' ' {
				t.Errorf("orders list row %q does not start column %s at offset %d", line, col, at)
			}
		}
	}
}

// TestJSONMatchesAPI checks that -o json carries the API's orders
// unchanged, not a reshaped copy. The list leaves out voucher details,
// which the API only sends when asked.
func TestJSONMatchesAPI(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	args := []string{"orders", "list", "--all", "-o", "json"}
	res := runTool(t, invocation{env: envFor(srv)}, args...)
	wantCode(t, args, res, exitOK)
	var got []gen.Order
	if err := json.Unmarshal([]byte(res.stdout), &got); err != nil {
		t.Fatalf("sellercenter %s output does not parse: %v", strings.Join(args, " "), err)
	}
	want, err := srv.Orders()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("sellercenter %s = %d orders, want %d", strings.Join(args, " "), len(got), len(want))
	}
	for i := range got {
		for j := range want[i].Items {
			want[i].Items[j].Vouchers = nil
		}
		g, _ := json.Marshal(got[i])
		w, _ := json.Marshal(want[i])
		if !bytes.Equal(g, w) {
			t.Errorf("order %d of -o json (id %d) = %s\nwant %s", i, got[i].Id, g, w)
		}
	}
}
