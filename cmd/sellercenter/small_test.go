package main

import (
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter"
)

// TestVersion: --version and the version command print the library's
// version and start no mock.
func TestVersion(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"--version"}, {"version"}, {"version", "-o", "json"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Parallel()
			res := runTool(t, invocation{env: map[string]string{}}, args...)
			wantCode(t, args, res, exitOK)
			if !strings.Contains(res.stdout, sellercenter.Version) || res.stderr != "" {
				t.Errorf("sellercenter %s = stdout %q stderr %q, want the version %s and nothing on stderr", strings.Join(args, " "), res.stdout, res.stderr, sellercenter.Version)
			}
		})
	}
}

// TestSubcommandSuggestions: a mistyped subcommand fails with exit 2 and,
// when one is close, the command meant, at every level of the tree.
func TestSubcommandSuggestions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"orders", "lst"}, `unknown command "lst" for "sellercenter orders"; did you mean: get, list`},
		{[]string{"orders", "lsit"}, `did you mean: list`},
		{[]string{"webhooks", "lsit"}, `unknown command "lsit" for "sellercenter webhooks"; did you mean: list`},
		{[]string{"finance", "statement"}, `did you mean: statements`},
		{[]string{"stock", "sett"}, `did you mean: set`},
		{[]string{"orders", "frobnicate"}, `unknown command "frobnicate" for "sellercenter orders" (see 'sellercenter orders --help')`},
		{[]string{"ordr"}, `did you mean: orders`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			res := runTool(t, invocation{env: map[string]string{}}, tt.args...)
			wantCode(t, tt.args, res, exitUsage)
			if !strings.Contains(res.stderr, tt.want) || res.stdout != "" {
				t.Errorf("sellercenter %s: stdout %q, stderr %q; want nothing and %q", strings.Join(tt.args, " "), res.stdout, res.stderr, tt.want)
			}
		})
	}
}
