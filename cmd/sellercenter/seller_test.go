package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

func TestSellerSettings(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	env := envFor(srv)
	t.Run("golden", func(t *testing.T) {
		t.Parallel()
		for _, name := range []string{"seller-settings.table", "seller-settings.json"} {
			args := []string{"seller", "settings"}
			if strings.HasSuffix(name, ".json") {
				args = append(args, "-o", "json")
			}
			res := runTool(t, invocation{env: env}, args...)
			wantCode(t, args, res, exitOK)
			if res.stderr != "" {
				t.Errorf("sellercenter %s stderr = %q, want none", strings.Join(args, " "), res.stderr)
			}
			compareGolden(t, name, res.stdout)
		}
	})
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"some keys", []string{"seller", "settings", "weekend_days", "format/date"}, exitOK,
			"KEY           VALUE\nformat/date   MMM d, yyyy\nweekend_days  [\"6\",\"7\"]\n", ""},
		{"null and numbers as JSON", []string{"seller", "settings", "document_number", "daily_order_limit", "-o", "jsonl"}, exitOK,
			`{"daily_order_limit":10000,"document_number":null}` + "\n", ""},
		{"unknown keys", []string{"seller", "settings", "daily_order_limit", "no/such\tkey", "nope"}, exitFailure,
			"", `sellercenter: the API sent no setting "no/such key", "nope"` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := runTool(t, invocation{env: env}, tt.args...)
			wantCode(t, tt.args, res, tt.code)
			if res.stdout != tt.stdout || res.stderr != tt.stderr {
				t.Errorf("sellercenter %s = stdout %q stderr %q, want %q and %q", strings.Join(tt.args, " "), res.stdout, res.stderr, tt.stdout, tt.stderr)
			}
		})
	}
}

// TestSellerSettingsHelpExamples runs every example of the help against the
// built-in mock, as a reader would paste it.
func TestSellerSettingsHelpExamples(t *testing.T) {
	t.Parallel()
	cmd := (&cli{}).sellerSettingsCommand()
	lines := strings.Split(strings.TrimSpace(cmd.Example), "\n")
	if len(lines) < 2 {
		t.Fatalf("sellercenter seller settings has %d examples, want several", len(lines))
	}
	for _, line := range lines {
		args := strings.Fields(line)
		if args[0] != "sellercenter" {
			t.Fatalf("example %q does not start with sellercenter", line)
		}
		t.Run(strings.Join(args[1:], " "), func(t *testing.T) {
			t.Parallel()
			res := runTool(t, invocation{}, args[1:]...)
			wantCode(t, args[1:], res, exitOK)
			if !strings.Contains(res.stderr, "built-in demo SellerCenter") || res.stdout == "" {
				t.Errorf("%s = stdout %q stderr %q, want output from the built-in mock", line, res.stdout, res.stderr)
			}
			if slices.Contains(args, "json") && !json.Valid([]byte(res.stdout)) {
				t.Errorf("%s printed %q, want one JSON document", line, res.stdout)
			}
		})
	}
}
