package main

import (
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// TestUsersGolden compares `users list` on the mock's seed with
// testdata/*.golden (see TestGolden).
func TestUsersGolden(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	env := envFor(srv)
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"users-list.table", []string{"users", "list"}, ""},
		{"users-list-seller-roles.json", []string{"users", "list", "--seller-roles", "-o", "json"}, ""},
		{"users-list-limit.jsonl", []string{"users", "list", "--limit", "1", "-o", "jsonl"},
			"sellercenter: showing the first user; more follow (use --all or a larger --limit)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := runTool(t, invocation{env: env}, tt.args...)
			wantCode(t, tt.args, res, exitOK)
			if res.stderr != tt.stderr {
				t.Errorf("sellercenter %s stderr = %q, want %q", strings.Join(tt.args, " "), res.stderr, tt.stderr)
			}
			checkJSON(t, tt.name, tt.args, res.stdout)
			compareGolden(t, tt.name, res.stdout)
		})
	}
}

// TestUsersExamplesRun runs every example of `users list --help` against
// the built-in mock.
func TestUsersExamplesRun(t *testing.T) {
	t.Parallel()
	cmd := (&cli{}).usersListCommand()
	lines := strings.Split(strings.TrimSpace(cmd.Example), "\n")
	if len(lines) == 0 {
		t.Fatal("users list has no examples")
	}
	for _, line := range lines {
		args := strings.Fields(line)
		if len(args) < 2 || args[0] != "sellercenter" {
			t.Fatalf("example %q does not start with sellercenter", line)
		}
		t.Run(strings.Join(args[1:], " "), func(t *testing.T) {
			t.Parallel()
			res := runTool(t, invocation{env: map[string]string{}}, args[1:]...)
			wantCode(t, args[1:], res, exitOK)
			if !strings.Contains(res.stdout, "admin@example.com") && !strings.Contains(res.stdout, "owner@example.com") {
				t.Errorf("%s printed no seeded user:\n%s", line, res.stdout)
			}
		})
	}
}

// TestUsersListHidesAPIKeys gives a user a legacy API key, which the API
// sends to the admin the mock's credentials act as, and checks that no
// output format prints it.
func TestUsersListHidesAPIKeys(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	client, err := sellercenter.New(sellercenter.Config{BaseURL: srv.URL, TokenURL: srv.TokenURL,
		ClientID: srv.ClientID, ClientSecret: srv.ClientSecret})
	if err != nil {
		t.Fatal(err)
	}
	const key = "5b7878b7b1ed868cc549c2c2f7202309bcfe9737"
	resp, err := client.UpdateUserWithResponse(t.Context(), 2, gen.UserUpdate{RoleId: 2, Email: "owner@example.com",
		Name: "Sam Seller", Status: gen.UserStatusActive, ApiKey: key})
	if err := sellercenter.Check(resp, err); err != nil {
		t.Fatalf("UpdateUser(2, apiKey) = %v, want success", err)
	}
	if u, err := srv.User(2); err != nil || u.ApiKey != key {
		t.Fatalf("srv.User(2) has not the new key (%v)", err)
	}
	for _, format := range []string{"table", "json", "jsonl"} {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			args := []string{"users", "list", "--all", "-o", format}
			res := runTool(t, invocation{env: envFor(srv)}, args...)
			wantCode(t, args, res, exitOK)
			if !strings.Contains(res.stdout, "owner@example.com") || strings.Contains(res.stdout+res.stderr, key) {
				t.Errorf("sellercenter %s printed the API key, or not the user:\n%s", strings.Join(args, " "), res.stdout)
			}
		})
	}
}

// TestUsersListUsage checks the refused flag combinations.
func TestUsersListUsage(t *testing.T) {
	t.Parallel()
	tests := [][]string{
		{"users", "list", "--all", "--limit", "5"},
		{"users", "list", "--limit", "0"},
		{"users", "list", "extra"},
	}
	for _, args := range tests {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Parallel()
			res := runTool(t, invocation{env: map[string]string{}}, args...)
			wantCode(t, args, res, exitUsage)
		})
	}
}

// TestUsersListWithoutRoles lists users with credentials whose role may
// list users but not roles: the table falls back to role ids and says why.
func TestUsersListWithoutRoles(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	admin, err := sellercenter.New(sellercenter.Config{BaseURL: srv.URL, TokenURL: srv.TokenURL, ClientID: srv.ClientID, ClientSecret: srv.ClientSecret})
	if err != nil {
		t.Fatal(err)
	}
	const sellerRole, rolesResource = 2, 3
	if err := sellercenter.Check(admin.RemoveRoleResourceWithResponse(t.Context(), sellerRole, rolesResource)); err != nil {
		t.Fatalf("RemoveRoleResource(%d, %d) = %v", sellerRole, rolesResource, err)
	}
	id, secret, err := srv.AddOAuthApp(2, "users without roles")
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"users", "list"}
	res := runTool(t, invocation{env: with(envFor(srv), "SELLERCENTER_CLIENT_ID", id, "SELLERCENTER_CLIENT_SECRET", secret)}, args...)
	wantCode(t, args, res, exitOK)
	if !strings.Contains(res.stderr, "role names unavailable, showing role ids") || strings.Contains(res.stdout, "seller_full_access") {
		t.Errorf("sellercenter users list without the roles resource: stdout %q, stderr %q; want role ids and a note why", res.stdout, res.stderr)
	}
	if strings.Contains(res.stderr, secret) {
		t.Error("the note shows the client secret")
	}
}
