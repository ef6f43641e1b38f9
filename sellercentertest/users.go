package sellercentertest

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/gen/server"
)

// DefaultUserPassword is the password of every seeded user, so that
// changePassword can be tried; like DefaultClientSecret it only opens the
// fake.
const DefaultUserPassword = "sellercentertest-password"

// DefaultUserID is the seeded user the default client's tokens act as: a
// maintenance user, whose role has every resource.
const DefaultUserID = 1

// Resource names of the seeded ACL resources. Each one an operation needs
// is listed in resourceOperations.
const (
	ResourceLogin     = "login"
	ResourceUsers     = "users"
	ResourceRoles     = "roles"
	ResourceOAuthApps = "oauth_apps"
	ResourceOrders    = "orders"
	ResourceAPIKeys   = "api_keys"
)

// resourceOperations is the mock's ACL: the resource a token's role needs
// for each listed operation. Tokens of the configured client act as
// DefaultUserID and are never refused; tokens of an application made by
// createOAuthApp (or AddOAuthApp) act as its user and get a 403 for an
// operation whose resource the user's role lacks. Operations not listed
// need no resource.
var resourceOperations = map[string][]string{
	ResourceUsers: {"listUsers", "getUser", "createUser", "updateUser", "deleteUser", "importSellerAccess"},
	ResourceRoles: {"listRoles", "createRole", "updateRole", "deleteRole",
		"listRoleResources", "addRoleResource", "removeRoleResource"},
	ResourceOAuthApps: {"listOAuthApps", "createOAuthApp", "getOAuthApp", "updateOAuthApp"},
	ResourceOrders:    {"listOrders", "getOrder", "listOrderItems"},
	ResourceAPIKeys:   {"createUserApiKey"},
}

// resourceOf inverts resourceOperations.
var resourceOf = func() map[string]string {
	out := map[string]string{}
	for res, ops := range resourceOperations {
		for _, op := range ops {
			out[op] = res
		}
	}
	return out
}()

// usersArea is the state of users, roles, ACL resources and OAuth
// applications. Like the rest of store it is guarded by store.mu.
type usersArea struct {
	users     map[int]*mockUser
	roles     map[int]*mockRole
	resources []gen.AclResource // by id
	apps      map[string]*oauthApp
	// tokenApps names the application (by appId) each token of an
	// application was issued to, with the token's expiry; tokens of the
	// configured client are not in it.
	tokenApps map[string]tokenApp
	nextUser  int
	nextRole  int
	nextApp   int
	nextUUID  int
}

type mockUser struct {
	u          gen.User // SwitchableSellers is filled in by renderUser
	uuid       string
	languageID int
	password   string
	switchable []int
}

type mockRole struct {
	r         gen.Role // UserCount, CanEdit, CanDelete and Resources are filled in by renderRole
	resources map[int]bool
}

type oauthApp struct {
	sum         gen.OAuthAppSummary
	secret      string // empty for the configured client, whose secret the mock never hands out
	website     string
	redirectURI string
	isGlobal    bool
}

type tokenApp struct {
	appID   string
	expires time.Time
}

// usersArea returns the state of the users area, seeding it on first use:
// after the seller is seeded, whose id the users take, and without drawing
// on the store's uuid sequence, so the other areas' seeds keep their ids.
func (st *store) usersArea() *usersArea {
	if st.users == nil {
		st.users = newUsersArea(st, st.editor)
	}
	return st.users
}

// uuid makes a deterministic version 4 UUID from the area's own counter.
func (ua *usersArea) uuid() string {
	ua.nextUUID++
	return fmt.Sprintf("05e7a000-%04x-4000-8000-%012x", ua.nextUUID>>48&0xffff, ua.nextUUID)
}

// newUsersArea seeds the resources, three roles (maintenance, seller full
// access, order clerk), a user of each, and the configured client as user
// 1's application.
func newUsersArea(st *store, clientID string) *usersArea {
	ua := &usersArea{users: map[int]*mockUser{}, roles: map[int]*mockRole{}, apps: map[string]*oauthApp{},
		tokenApps: map[string]tokenApp{}, nextUser: 4, nextRole: 4, nextApp: 2}
	ua.resources = []gen.AclResource{
		{Id: 1, Name: ResourceLogin, Label: "Frontend login", Description: "Sign in to Seller Center.", Tags: []string{"seller"}},
		{Id: 2, Name: ResourceUsers, Label: "Users", Description: "List, create, change and delete users.", Tags: []string{"seller"}},
		{Id: 3, Name: ResourceRoles, Label: "Roles", Description: "Manage roles and their resources.", Tags: []string{"seller"}},
		{Id: 4, Name: ResourceOAuthApps, Label: "OAuth applications", Description: "Register and change OAuth applications.", Tags: []string{"seller"}},
		{Id: 5, Name: ResourceOrders, Label: "Orders", Description: "Read orders and their items.", Tags: []string{"seller"}},
		{Id: 6, Name: ResourceAPIKeys, Label: "Legacy API keys", Description: "Make legacy API keys for users.", MaintenanceOnly: true, Tags: []string{"venture"}},
	}
	all := map[int]bool{}
	seller := map[int]bool{}
	for _, r := range ua.resources {
		all[r.Id] = true
		if !r.MaintenanceOnly {
			seller[r.Id] = true
		}
	}
	ua.roles[1] = &mockRole{r: gen.Role{Id: 1, Name: "maintenance", DisplayName: "Maintenance", Group: "venture",
		Description: "Everything, for the operators of the instance.", CanBeEditedByRoleIds: []int{1}}, resources: all}
	ua.roles[2] = &mockRole{r: gen.Role{Id: 2, Name: "seller_full_access", DisplayName: "Seller Full Access", Group: "seller",
		Description: "Everything a seller may do.", CanBeEditedByRoleIds: []int{1}}, resources: seller}
	ua.roles[3] = &mockRole{r: gen.Role{Id: 3, Name: "order_clerk", DisplayName: "Order Clerk", Group: "seller",
		Description: "Signs in and handles orders.", CanBeEditedByRoleIds: []int{1, 2}}, resources: map[int]bool{1: true, 5: true}}
	for i, u := range []struct{ name, email string }{
		{"Mock Admin", "admin@example.com"}, {"Sam Seller", "owner@example.com"}, {"Olly Orders", "clerk@example.com"},
	} {
		id := i + 1
		ua.users[id] = &mockUser{u: gen.User{Id: id, Email: u.email, Name: u.name, AclRoleId: id, SellerId: st.seller.Id,
			Status: gen.UserStatusActive, EnablePassword: true}, uuid: ua.uuid(), languageID: 1, password: DefaultUserPassword}
	}
	ua.users[2].switchable = []int{st.seller.Id} // the owner may switch to the seller itself
	now := st.stamp()
	def := &oauthApp{sum: gen.OAuthAppSummary{Uuid: ua.uuid(), Name: "Default client", AppId: clientID, Identifier: 1,
		CreatedAt: now, UpdatedAt: now, UserId: DefaultUserID}, redirectURI: "http://127.0.0.1/callback"}
	ua.apps[def.sum.Uuid] = def
	return ua
}

// callerKey is the context key of the user a request's token acts as.
type callerKey struct{}

// callerOf returns the user id a request's token acts as.
func callerOf(ctx context.Context) int {
	if id, ok := ctx.Value(callerKey{}).(int); ok {
		return id
	}
	return DefaultUserID
}

// withCaller is the strict middleware of the users area: it finds the user
// the request's token acts as, refuses with a 403 an operation whose ACL
// resource that user's role lacks, and hands the user on in the context.
// It runs inside locked, with the state lock held.
func (a *api) withCaller(f server.StrictHandlerFunc, operation string) server.StrictHandlerFunc {
	op := specID(operation)
	return func(ctx context.Context, w http.ResponseWriter, r *http.Request, req any) (any, error) {
		ua := a.st.usersArea()
		_, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
		ta, isApp := ua.tokenApps[strings.TrimSpace(token)]
		if !isApp {
			return f(context.WithValue(ctx, callerKey{}, DefaultUserID), w, r, req)
		}
		// A token whose application or user is gone, or whose user was
		// made inactive, no longer authenticates: every operation declares
		// 401, while only some declare 403.
		app := ua.appByID(ta.appID)
		u := (*mockUser)(nil)
		if app != nil {
			u = ua.users[app.sum.UserId]
		}
		switch res := resourceOf[op]; {
		case u == nil || u.u.Status != gen.UserStatusActive:
			h := http.Header{"WWW-Authenticate": {`Bearer realm="SellerCenter", error="invalid_token"`}}
			writeJSON(w, http.StatusUnauthorized, problem(http.StatusUnauthorized, typeUnauthorize, "Unauthorized",
				"the application or the user of the access token was removed or made inactive"), h)
			return nil, nil
		case res != "" && !ua.hasResource(u.u.AclRoleId, res):
			writeJSON(w, http.StatusForbidden, forbidden(fmt.Sprintf("the role of user %d lacks the resource %s that %s needs", u.u.Id, res, op)), nil)
			return nil, nil
		}
		return f(context.WithValue(ctx, callerKey{}, u.u.Id), w, r, req)
	}
}

func (ua *usersArea) hasResource(roleID int, name string) bool {
	role := ua.roles[roleID]
	if role == nil {
		return false
	}
	for _, r := range ua.resources {
		if r.Name == name {
			return role.resources[r.Id]
		}
	}
	return false
}

func (ua *usersArea) appByID(appID string) *oauthApp {
	for _, app := range ua.apps {
		if app.sum.AppId == appID {
			return app
		}
	}
	return nil
}

// appCredentialsOK reports whether id and secret are those of an
// application made by createOAuthApp whose user is active; the token
// endpoint accepts them besides the configured client's.
func (s *Server) appCredentialsOK(id, secret string) bool {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	ua := s.st.usersArea()
	app := ua.appByID(id)
	if app == nil || app.secret == "" {
		return false
	}
	u := ua.users[app.sum.UserId]
	return subtle.ConstantTimeCompare([]byte(secret), []byte(app.secret)) == 1 && u != nil && u.u.Status == gen.UserStatusActive
}

// bindAppToken records that token was issued to the application whose
// client id is id, so withCaller applies its user's role; tokens of the
// configured client are not recorded.
func (s *Server) bindAppToken(token, id string) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	ua := s.st.usersArea()
	now := s.now()
	for t, ta := range ua.tokenApps {
		if ta.expires.Before(now.Add(-24 * time.Hour)) {
			delete(ua.tokenApps, t)
		}
	}
	if app := ua.appByID(id); app != nil && app.secret != "" {
		ua.tokenApps[token] = tokenApp{appID: id, expires: now.Add(s.lifetime)}
	}
}

// randomHex returns n random bytes in hex, for client ids, secrets and API keys.
func randomHex(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("sellercentertest: making a random value: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// newApp registers an application of user; it returns the app with its
// fresh client id and secret.
func (st *store) newApp(user int, name, website, redirectURI string, isGlobal bool) (*oauthApp, error) {
	ua := st.usersArea()
	appID, err := randomHex(13)
	if err != nil {
		return nil, err
	}
	secret, err := randomHex(20)
	if err != nil {
		return nil, err
	}
	now := st.stamp()
	app := &oauthApp{sum: gen.OAuthAppSummary{Uuid: ua.uuid(), Name: name, AppId: appID, Identifier: ua.nextApp,
		CreatedAt: now, UpdatedAt: now, UserId: user}, secret: secret, website: website, redirectURI: redirectURI, isGlobal: isGlobal}
	ua.nextApp++
	ua.apps[app.sum.Uuid] = app
	return app, nil
}

// renderUser is u as the API sends it; the legacy API key goes to
// maintenance callers only.
func (st *store) renderUser(u *mockUser, caller int) gen.User {
	out := u.u
	out.SwitchableSellers = []gen.SwitchableSeller{}
	for _, id := range u.switchable {
		name := fmt.Sprintf("Seller %d", id)
		if id == st.seller.Id {
			name = st.seller.Name
		}
		out.SwitchableSellers = append(out.SwitchableSellers, gen.SwitchableSeller{Id: fmt.Sprint(id), Name: name})
	}
	if !st.usersArea().isMaintenance(caller) {
		out.ApiKey = ""
	}
	return out
}

func (ua *usersArea) isMaintenance(userID int) bool {
	u := ua.users[userID]
	return u != nil && ua.roles[u.u.AclRoleId] != nil && ua.roles[u.u.AclRoleId].r.Group == "venture"
}

// canEdit reports whether caller may change role.
func (ua *usersArea) canEdit(caller int, role *mockRole) bool {
	u := ua.users[caller]
	return ua.isMaintenance(caller) || u != nil && slices.Contains(role.r.CanBeEditedByRoleIds, u.u.AclRoleId)
}

func (ua *usersArea) userCount(roleID int) int {
	n := 0
	for _, u := range ua.users {
		if u.u.AclRoleId == roleID {
			n++
		}
	}
	return n
}

// renderRole is role as listRoles sends it to caller.
func (ua *usersArea) renderRole(role *mockRole, caller int) gen.Role {
	out := role.r
	out.CanBeEditedByRoleIds = slices.Clone(role.r.CanBeEditedByRoleIds)
	out.UserCount = ua.userCount(role.r.Id)
	out.CanEdit = ua.canEdit(caller, role)
	out.CanDelete = out.CanEdit && out.UserCount == 0
	out.Resources = ua.enabled(role)
	return out
}

func (ua *usersArea) enabled(role *mockRole) []gen.AclResource {
	out := []gen.AclResource{}
	for _, r := range ua.resources {
		if role.resources[r.Id] {
			r.Tags = slices.Clone(r.Tags)
			out = append(out, r)
		}
	}
	return out
}

func written(r gen.Role) gen.RoleWritten {
	return gen.RoleWritten{Id: r.Id, DisplayName: r.DisplayName, Group: r.Group, Description: r.Description,
		CanBeEditedByRoleIds: slices.Clone(r.CanBeEditedByRoleIds)}
}

// Users returns every user, by id, as a maintenance caller sees them.
func (s *Server) Users() []gen.User {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	out := []gen.User{}
	for _, id := range sortedKeys(s.st.usersArea().users) {
		out = append(out, s.st.renderUser(s.st.usersArea().users[id], DefaultUserID))
	}
	return out
}

// User returns one user as a maintenance caller sees it, or an error
// wrapping ErrNotFound.
func (s *Server) User(id int) (gen.User, error) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	u := s.st.usersArea().users[id]
	if u == nil {
		return gen.User{}, fmt.Errorf("user %d: %w", id, ErrNotFound)
	}
	return s.st.renderUser(u, DefaultUserID), nil
}

// UserPasswordIs reports whether password is the user's current password.
func (s *Server) UserPasswordIs(id int, password string) bool {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	u := s.st.usersArea().users[id]
	return u != nil && u.password != "" && u.password == password
}

// Roles returns every role with its resources, as DefaultUserID sees them.
func (s *Server) Roles() []gen.Role {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	out := []gen.Role{}
	for _, id := range sortedKeys(s.st.usersArea().roles) {
		out = append(out, s.st.usersArea().renderRole(s.st.usersArea().roles[id], DefaultUserID))
	}
	return out
}

// Role returns one role with its resources, or an error wrapping
// ErrNotFound.
func (s *Server) Role(id int) (gen.Role, error) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	role := s.st.usersArea().roles[id]
	if role == nil {
		return gen.Role{}, fmt.Errorf("role %d: %w", id, ErrNotFound)
	}
	return s.st.usersArea().renderRole(role, DefaultUserID), nil
}

// Resource returns the seeded ACL resource called name, such as
// ResourceUsers, or an error wrapping ErrNotFound.
func (s *Server) Resource(name string) (gen.AclResource, error) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	for _, r := range s.st.usersArea().resources {
		if r.Name == name {
			r.Tags = slices.Clone(r.Tags)
			return r, nil
		}
	}
	return gen.AclResource{}, fmt.Errorf("resource %q: %w", name, ErrNotFound)
}

// OAuthApps returns every OAuth application, of every user, by identifier;
// the configured client is the first.
func (s *Server) OAuthApps() []gen.OAuthAppSummary {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	out := []gen.OAuthAppSummary{}
	for _, app := range s.st.usersArea().apps {
		out = append(out, app.sum)
	}
	slices.SortFunc(out, func(a, b gen.OAuthAppSummary) int { return a.Identifier - b.Identifier })
	return out
}

// AddOAuthApp registers an application of an existing user, as if that
// user had called createOAuthApp, and returns its client id and secret:
// tokens of that client act as the user, with the user's role.
func (s *Server) AddOAuthApp(userID int, name string) (clientID, clientSecret string, err error) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	if s.st.usersArea().users[userID] == nil {
		return "", "", fmt.Errorf("user %d: %w", userID, ErrNotFound)
	}
	app, err := s.st.newApp(userID, name, "", "http://127.0.0.1/callback", false)
	if err != nil {
		return "", "", err
	}
	return app.sum.AppId, app.secret, nil
}

// SetUserRole gives a user another existing role, as updateUser would.
func (s *Server) SetUserRole(userID, roleID int) error {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	ua := s.st.usersArea()
	switch {
	case ua.users[userID] == nil:
		return fmt.Errorf("user %d: %w", userID, ErrNotFound)
	case ua.roles[roleID] == nil:
		return fmt.Errorf("role %d: %w", roleID, ErrNotFound)
	}
	ua.users[userID].u.AclRoleId = roleID
	return nil
}
