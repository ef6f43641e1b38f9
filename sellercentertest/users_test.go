package sellercentertest

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter/gen"
)

// appToken fetches a token with an application's credentials.
func appToken(t *testing.T, s *Server, id, secret string) string {
	t.Helper()
	resp, body := tokenRequest(t, s, id, secret, url.Values{"grant_type": {"client_credentials"}})
	tr := decode[tokenResponse](t, body)
	if resp.StatusCode != http.StatusOK || tr.AccessToken == "" {
		t.Fatalf("token request with the app's credentials = %d, want 200 with an access_token", resp.StatusCode)
	}
	return tr.AccessToken
}

// TestOAuthAppCredentialsWork creates an application through the API and
// uses its client id and secret at the token endpoint; a wrong secret is
// refused and the secret never appears in the refusal.
func TestOAuthAppCredentialsWork(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	admin := token(t, s)
	status, _, body := call(t, s, admin, http.MethodPost, "/v2/oauth/apps", "application/json",
		`{"name":"Sync","redirectUri":"https://sync.example.com/cb"}`)
	if status != http.StatusCreated {
		t.Fatalf("createOAuthApp = %d %s, want 201", status, body)
	}
	creds := decode[gen.OAuthAppCredentials](t, body)

	tok := appToken(t, s, creds.AppId, creds.Secret)
	if status, _, body := call(t, s, tok, http.MethodGet, "/v2/users?limit=10&offset=0", "", ""); status != http.StatusOK {
		t.Errorf("listUsers with the app's token = %d %s, want 200", status, body)
	}
	resp, body := tokenRequest(t, s, creds.AppId, creds.Secret+"x", url.Values{"grant_type": {"client_credentials"}})
	if resp.StatusCode != http.StatusUnauthorized || strings.Contains(string(body), creds.Secret) {
		t.Errorf("token request with a wrong secret = %d %s, want 401 that does not repeat the secret", resp.StatusCode, body)
	}

	// The app's own listing shows it, and getOAuthApp hands out its secret.
	status, _, body = call(t, s, tok, http.MethodGet, "/v2/oauth/apps/"+creds.Uuid, "", "")
	if got := decode[gen.OAuthApp](t, body); status != http.StatusOK || got.Secret != creds.Secret || got.Name != "Sync" {
		t.Errorf("getOAuthApp with the app's token = %d, name %q; want 200 with the app and its secret", status, got.Name)
	}
}

// TestRoleWithoutResourceIsRefused takes a resource from a role and checks
// that tokens of an application of a user with that role get the API's
// 403 for the operations the resource guards, while the configured client
// keeps full access and the grant gives the operations back.
func TestRoleWithoutResourceIsRefused(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	admin := token(t, s)
	clerkID, clerkSecret, err := s.AddOAuthApp(3, "Clerk tool") // user 3 is the order clerk
	if err != nil {
		t.Fatal(err)
	}
	clerk := appToken(t, s, clerkID, clerkSecret)
	users, err := s.Resource(ResourceUsers)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name, tok, method, path string
		want                    int
	}{
		{"clerk lists orders", clerk, http.MethodGet, "/v2/orders?limit=1&offset=0", http.StatusOK},
		{"clerk lists users", clerk, http.MethodGet, "/v2/users?limit=1&offset=0", http.StatusForbidden},
		{"clerk lists roles", clerk, http.MethodGet, "/v2/user/roles", http.StatusForbidden},
		{"clerk reads the seller, which needs no resource", clerk, http.MethodGet, "/v2/seller", http.StatusOK},
		{"configured client lists users", admin, http.MethodGet, "/v2/users?limit=1&offset=0", http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, body := call(t, s, tt.tok, tt.method, tt.path, "", "")
			if status != tt.want {
				t.Fatalf("%s %s = %d %s, want %d", tt.method, tt.path, status, body, tt.want)
			}
			if status == http.StatusForbidden {
				p := decode[gen.Problem](t, body)
				if p.Status != http.StatusForbidden || !strings.Contains(p.Detail, ResourceUsers) && !strings.Contains(p.Detail, ResourceRoles) {
					t.Errorf("403 body = %+v, want a Problem naming the missing resource", p)
				}
			}
		})
	}

	// Granting the resource to the clerk's role opens listUsers at once,
	// for the token issued before; taking it away closes it again.
	path := fmt.Sprintf("/v2/user/roles/3/resources/%d", users.Id)
	for _, step := range []struct {
		method string
		status int
		want   int
	}{{http.MethodPost, http.StatusAccepted, http.StatusOK}, {http.MethodDelete, http.StatusNoContent, http.StatusForbidden}} {
		if status, _, body := call(t, s, admin, step.method, path, "", ""); status != step.status {
			t.Fatalf("%s %s = %d %s, want %d", step.method, path, status, body, step.status)
		}
		if status, _, body := call(t, s, clerk, http.MethodGet, "/v2/users?limit=1&offset=0", "", ""); status != step.want {
			t.Errorf("listUsers by the clerk after %s %s = %d %s, want %d", step.method, path, status, body, step.want)
		}
	}

	// An inactive user's application is refused at the token endpoint, and
	// its tokens no longer authenticate.
	inactive := `{"roleId":3,"email":"clerk@example.com","name":"Olly Orders","status":"inactive"}`
	if status, _, body := call(t, s, admin, http.MethodPatch, "/v2/user/3", "application/json", inactive); status != http.StatusOK {
		t.Fatalf("updateUser(3, inactive) = %d %s, want 200", status, body)
	}
	if status, _, _ := call(t, s, clerk, http.MethodGet, "/v2/seller", "", ""); status != http.StatusUnauthorized {
		t.Errorf("getSeller with a token of the inactive user's app = %d, want 401", status)
	}
	if resp, _ := tokenRequest(t, s, clerkID, clerkSecret, url.Values{"grant_type": {"client_credentials"}}); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("token request for the inactive user's app = %d, want 401", resp.StatusCode)
	}

	// A deleted user's application no longer gets tokens.
	if status, _, body := call(t, s, admin, http.MethodDelete, "/v2/user/3", "", ""); status != http.StatusOK {
		t.Fatalf("deleteUser(3) = %d %s, want 200", status, body)
	}
	if resp, _ := tokenRequest(t, s, clerkID, clerkSecret, url.Values{"grant_type": {"client_credentials"}}); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("token request for the deleted user's app = %d, want 401", resp.StatusCode)
	}
	if status, _, _ := call(t, s, clerk, http.MethodGet, "/v2/seller", "", ""); status != http.StatusUnauthorized {
		t.Errorf("getSeller with a token of the deleted user's app = %d, want 401", status)
	}
}

// TestUsersRefuseBadInput checks the 400, 404 and 422 answers of the users
// area, and that no answer repeats a password or an API key.
func TestUsersRefuseBadInput(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	tok := token(t, s)
	const user = `{"aclRoleId":3,"email":%q,"languageId":1,"name":"Pat","sellerId":%d,"status":"active","apiKey":"k3y-never-echoed"}`
	seller, err := s.Seller()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, method, path, body string
		want                     int
		detail                   string // a part of the Problem's detail
	}{
		{"duplicate email", http.MethodPost, "/v2/user", fmt.Sprintf(user, "OWNER@example.com", seller.Id), 422, "already exists"},
		{"bad email", http.MethodPost, "/v2/user", fmt.Sprintf(user, "not-an-email", seller.Id), 400, "email"},
		{"unknown seller", http.MethodPost, "/v2/user", fmt.Sprintf(user, "pat@example.com", seller.Id+1000), 422, "seller"},
		{"unknown role", http.MethodPatch, "/v2/user/2", `{"roleId":99,"email":"owner@example.com","name":"Sam","status":"active"}`, 422, "role 99"},
		{"missing status", http.MethodPatch, "/v2/user/2", `{"roleId":2,"email":"owner@example.com","name":"Sam"}`, 400, "status"},
		{"unknown user", http.MethodGet, "/v2/user/999", "", 404, "user 999"},
		{"unknown user's api key", http.MethodPost, "/v2/user/999/api-key", "", 404, "user 999"},
		{"deleting oneself", http.MethodDelete, fmt.Sprintf("/v2/user/%d", DefaultUserID), "", 422, "own user"},
		{"wrong current password", http.MethodPatch, "/v2/user/change-password", `{"currentPassword":"guess-W0rd","newPassword":"another-W0rd"}`, 422, "current password"},
		{"short new password", http.MethodPatch, "/v2/user/change-password", fmt.Sprintf(`{"currentPassword":%q,"newPassword":"short"}`, DefaultUserPassword), 422, "at least 8"},
		{"role in use", http.MethodDelete, "/v2/user/roles/3", "", 422, "still has 1 users"},
		{"unknown role", http.MethodDelete, "/v2/user/roles/77", "", 404, "role 77"},
		{"blank role name", http.MethodPost, "/v2/user/roles", `{"group":"seller"}`, 400, "displayName"},
		{"unknown group", http.MethodPost, "/v2/user/roles", `{"displayName":"X","group":"admins"}`, 400, "group"},
		{"unknown resource", http.MethodPost, "/v2/user/roles/3/resources/404", "", 404, "resource 404"},
		{"maintenance-only resource", http.MethodPost, "/v2/user/roles/3/resources/6", "", 403, "venture"},
		{"relative redirect URI", http.MethodPost, "/v2/oauth/apps", `{"name":"A","redirectUri":"/cb"}`, 400, "redirectUri"},
		{"unknown app", http.MethodGet, "/v2/oauth/apps/123e4567-e89b-42d3-a456-426614174000", "", 404, "OAuth application"},
		{"malformed app uuid", http.MethodGet, "/v2/oauth/apps/not-a-uuid", "", 400, "uuid"},
		{"password of the wrong type", http.MethodPatch, "/v2/user/change-password", `{"currentPassword":98765432,"newPassword":"another-W0rd"}`, 400, "currentPassword"},
		{"API key of the wrong type", http.MethodPost, "/v2/user", `{"aclRoleId":2,"email":"a@b.co","languageId":1,"name":"n","sellerId":1,"status":"active","apiKey":98765432}`, 400, "apiKey"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ct := ""
			if tt.body != "" {
				ct = "application/json"
			}
			status, _, body := call(t, s, tok, tt.method, tt.path, ct, tt.body)
			if status != tt.want {
				t.Fatalf("%s %s = %d %s, want %d", tt.method, tt.path, status, body, tt.want)
			}
			if p := decode[gen.Problem](t, body); !strings.Contains(p.Detail, tt.detail) {
				t.Errorf("%s %s detail = %q, want it to name %q", tt.method, tt.path, p.Detail, tt.detail)
			}
			for _, secret := range []string{"k3y-never-echoed", "guess-W0rd", "another-W0rd", "98765432", DefaultUserPassword} {
				if strings.Contains(string(body), secret) {
					t.Errorf("%s %s answer repeats a secret of the request", tt.method, tt.path)
				}
			}
		})
	}
}

// TestSellerAccessImportIsAllOrNothing checks that one bad row refuses the
// whole file.
func TestSellerAccessImportIsAllOrNothing(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	tok := token(t, s)
	before, err := s.User(2)
	if err != nil {
		t.Fatal(err)
	}
	ct, body := multipartBody(t, nil, "file1", "access.csv", []byte("Email,Seller Id\nowner@example.com,232\nnobody@example.com,5\n"))
	status, _, answer := call(t, s, tok, http.MethodPost, "/v2/users/import/seller_access", ct, body)
	if p := decode[gen.Problem](t, answer); status != http.StatusUnprocessableEntity || !strings.Contains(p.Detail, "row 3") {
		t.Fatalf("importSellerAccess with an unknown email = %d %s, want 422 naming row 3", status, answer)
	}
	if u, err := s.User(2); err != nil || len(u.SwitchableSellers) != len(before.SwitchableSellers) {
		t.Errorf("User(2) switchable sellers after the refused import = %+v, %v; want them unchanged %+v", u.SwitchableSellers, err, before.SwitchableSellers)
	}
}
