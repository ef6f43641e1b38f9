package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMockStateWorkflow runs ready-to-ship and ship as two commands, each
// with a fresh built-in mock, sharing its state through --mock-state.
func TestMockStateWorkflow(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	state := filepath.Join(dir, "mock.json")
	runSteps(t, nil, []step{
		// Without the file, every run starts from the demo data.
		{args: []string{"orders", "ship", "5003", "--mock-state", state}, code: exitFailure, stderr: "set-to-shipped needs ready_to_ship"},
		{args: []string{"--mock-state", state, "orders", "ready-to-ship", "5003", "--provider", "J&T Express", "--tracking", "JT630000000001"},
			stdout: "ITEM  STATUS\n5003  ready_to_ship\n", stderr: "state loaded from " + state},
	})
	// Held open, the first file keeps its inode, so a later file cannot
	// be given the same number and pass for it.
	held, err := os.Open(state)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	first, err := held.Stat()
	if err != nil {
		t.Fatal(err)
	}
	runSteps(t, nil, []step{
		{args: []string{"--mock-state", state, "orders", "ship", "5003"}, stdout: "ITEM  STATUS\n5003  shipped\n"},
		{args: []string{"--mock-state", state, "orders", "history", "1002", "-o", "jsonl"}, stderr: "saved back after the command"},
		// A run without the flag still starts afresh and leaves the file alone.
		{args: []string{"orders", "ship", "5003"}, code: exitFailure, stderr: "set-to-shipped needs ready_to_ship"},
	})
	res := runTool(t, invocation{}, "--mock-state", state, "orders", "items", "1002", "-o", "jsonl")
	wantCode(t, nil, res, exitOK)
	if !strings.Contains(res.stdout, `"status":"shipped"`) || !strings.Contains(res.stdout, `"trackingCode":"JT630000000001"`) {
		t.Errorf("orders items 1002 after ship = %s, want 5003 shipped with its tracking code", res.stdout)
	}

	// The file is replaced whole, by a rename of a complete temporary
	// file: a new file each time, and no temporary file left behind.
	second, err := os.Stat(state)
	if err != nil {
		t.Fatal(err)
	}
	if os.SameFile(first, second) {
		t.Error("the state file was rewritten in place, not replaced by a complete file")
	}
	if second.Mode().Perm() != 0o600 {
		t.Errorf("state file mode = %v, want 0600", second.Mode().Perm())
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %q, want only mock.json", names)
	}
}

func TestMockStateRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	corrupt := write("corrupt.json", `{"format": "sellercentertest-state", "version": 1, "orders": [`)
	foreign := write("package.json", `{"name": "my-app", "version": "1.0.0"}`)
	newer := write("newer.json", `{"format": "sellercentertest-state", "version": 99}`)
	tests := []struct {
		name   string
		args   []string
		env    map[string]string
		stderr string
	}{
		{"corrupt", []string{"seller", "--mock-state", corrupt}, nil, "--mock-state " + corrupt + ": bad state: not a state file: unexpected end of JSON input; remove the file"},
		{"foreign", []string{"seller", "--mock-state", foreign}, nil, `not a state file (format "", want "sellercentertest-state")`},
		{"other version", []string{"seller", "--mock-state", newer}, nil, "version 99; this build reads version 1 only"},
		{"directory", []string{"seller", "--mock-state", dir}, nil, "is a directory"},
		{"empty name", []string{"seller", "--mock-state", ""}, nil, "--mock-state needs a file name"},
		{"real instance", []string{"seller", "--mock-state", filepath.Join(dir, "x.json")},
			map[string]string{"SELLERCENTER_BASE_URL": "https://api.example", "SELLERCENTER_TOKEN_URL": "https://api.example/token",
				"SELLERCENTER_CLIENT_ID": "id", "SELLERCENTER_CLIENT_SECRET": "secret"}, "add --mock to use the built-in one"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := runTool(t, invocation{env: tt.env}, tt.args...)
			wantCode(t, tt.args, res, exitUsage)
			if !strings.Contains(res.stderr, tt.stderr) {
				t.Errorf("stderr = %q, want it to say %q", res.stderr, tt.stderr)
			}
		})
	}
	// A refused file is left as it was.
	if b, err := os.ReadFile(foreign); err != nil || string(b) != `{"name": "my-app", "version": "1.0.0"}` {
		t.Errorf("%s after the refusal = %q, %v; want it unchanged", foreign, b, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.json")); err == nil {
		t.Error("--mock-state with a real instance wrote a state file")
	}
}

// TestMockStateLostChanges: a change the file does not keep is named.
func TestMockStateLostChanges(t *testing.T) {
	t.Parallel()
	state := filepath.Join(t.TempDir(), "mock.json")
	runSteps(t, nil, []step{
		{args: []string{"--mock-state", state, "webhooks", "create", "https://hooks.example.com/x", "onOrderCreated"},
			stderr: "what createWebhook changed is gone after this command"},
		{args: []string{"--mock-state", state, "orders", "ready-to-ship", "5003", "--provider", "J&T Express", "--tracking", "JT1"}},
	})
	res := runTool(t, invocation{}, "--mock-state", state, "orders", "ready-to-ship", "5003", "--provider", "J&T Express", "--tracking", "JT1")
	if strings.Contains(res.stderr, "is gone") {
		t.Errorf("a kept change was reported lost: %s", res.stderr)
	}
}
