package sellercenter_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// sellerAccessParts is the multipart body of the seller-access import row.
var sellerAccessParts = []part{
	{name: "file1", filename: "seller-access.csv", contentType: "text/csv", content: "Email,Seller Id\nowner@example.com,232\n"},
}

// usersRows are the operations of the users area; see row in operations_test.go.
var usersRows = map[string]row{
	"listUsers": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListUsersWithResponse(ctx, &gen.ListUsersParams{Query: "test", ExcludeInactive: true,
				Ids: []int{32, 33}, Uuids: []string{"0b1c"}, Limit: 20, Offset: 10})
		},
		method: http.MethodGet, path: "/v2/users",
		query: url.Values{"query": {"test"}, "excludeInactive": {"true"}, "ids[]": {"32", "33"},
			"uuids[]": {"0b1c"}, "limit": {"20"}, "offset": {"10"}},
		literal: []string{"ids[]=32&ids[]=33"},
		reply:   reply{status: 200, fixture: "users_list.json"},
		check: func(t *testing.T, resp any) {
			l := deref(t, "ListUsers().JSON200", as[gen.ListUsersResponse](t, resp).JSON200)
			eq(t, "len(ListUsers().JSON200.Items)", len(l.Items), 1)
			checkVendorUser(t, "ListUsers().JSON200.Items[0]", l.Items[0])
			eq(t, "ListUsers().JSON200.Pagination.TotalCount", l.Pagination.TotalCount, 100)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			got, err := sellercenter.Result(e.c.ListUsersWithResponse(e.ctx, &gen.ListUsersParams{ExcludeAdmins: true, Limit: 10, Offset: 0}))
			if err != nil {
				t.Fatalf("ListUsers(excludeAdmins) = %v", err)
			}
			group := map[int]string{}
			for _, r := range e.mock.Roles() {
				group[r.Id] = r.Group
			}
			var want []string
			for _, u := range e.mock.Users() {
				if group[u.AclRoleId] == "seller" {
					want = append(want, u.Email)
				}
			}
			if emails := userEmails(got.Items); len(want) == 0 || !slices.Equal(emails, want) || got.Pagination.TotalCount != len(want) {
				t.Errorf("ListUsers(excludeAdmins) = %v (total %d), want the non-maintenance users %v", emails, got.Pagination.TotalCount, want)
			}
		},
	},
	"createUser": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.CreateUserWithResponse(ctx, gen.UserCreate{AclRoleId: 2, Email: "email@gmail.com", LanguageId: 3, Name: "John",
				SellerId: 1, Status: gen.UserStatusActive, EnablePassword: ptr(false), SwitchableSellerIds: []int{1, 2, 232}})
		},
		method: http.MethodPost, path: "/v2/user",
		body:  `{"aclRoleId":2,"email":"email@gmail.com","languageId":3,"name":"John","sellerId":1,"status":"active","enablePassword":false,"switchableSellerIds":[1,2,232]}`,
		reply: reply{status: 201, fixture: "users_user.json"},
		check: func(t *testing.T, resp any) {
			checkVendorUser(t, "CreateUser().JSON201", deref(t, "CreateUser().JSON201", as[gen.CreateUserResponse](t, resp).JSON201))
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			seller, err := e.mock.Seller()
			if err != nil {
				t.Fatal(err)
			}
			resp, err := e.c.CreateUserWithResponse(e.ctx, gen.UserCreate{AclRoleId: 3, Email: "new.clerk@example.com",
				LanguageId: 1, Name: "New Clerk", SellerId: seller.Id, Status: gen.UserStatusActive, SwitchableSellerIds: []int{seller.Id}})
			got := decoded(t, "CreateUser(new.clerk)", succeed(t, "CreateUser(new.clerk)", resp, err).JSON201)
			want, err := e.mock.User(got.Id)
			if err != nil || want.Email != "new.clerk@example.com" || want.AclRoleId != 3 || len(want.SwitchableSellers) != 1 {
				t.Errorf("mock.User(%d) after CreateUser = %+v, %v; want the new clerk with one switchable seller", got.Id, want, err)
			}
		},
	},
	"getUser": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetUserWithResponse(ctx, 32)
		},
		method: http.MethodGet, path: "/v2/user/32",
		reply: reply{status: 200, fixture: "users_list.json"},
		check: func(t *testing.T, resp any) {
			l := deref(t, "GetUser(32).JSON200", as[gen.GetUserResponse](t, resp).JSON200)
			eq(t, "len(GetUser(32).JSON200.Items)", len(l.Items), 1)
			checkVendorUser(t, "GetUser(32).JSON200.Items[0]", l.Items[0])
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			want := e.mock.Users()[1]
			got, err := sellercenter.Result(e.c.GetUserWithResponse(e.ctx, want.Id))
			if err != nil || len(got.Items) != 1 || got.Items[0].Email != want.Email {
				t.Errorf("GetUser(%d) = %+v, %v; want the one user %s", want.Id, got, err, want.Email)
			}
		},
	},
	"updateUser": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.UpdateUserWithResponse(ctx, 32, gen.UserUpdate{RoleId: 2, Email: "email@gmail.com", Name: "John",
				Status: gen.UserStatusInactive, EnablePassword: ptr(true)})
		},
		method: http.MethodPatch, path: "/v2/user/32",
		body:  `{"roleId":2,"email":"email@gmail.com","name":"John","status":"inactive","enablePassword":true}`,
		reply: reply{status: 200, fixture: "users_user.json"},
		check: func(t *testing.T, resp any) {
			checkVendorUser(t, "UpdateUser(32).JSON200", deref(t, "UpdateUser(32).JSON200", as[gen.UpdateUserResponse](t, resp).JSON200))
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			u := e.mock.Users()[2]
			got, err := sellercenter.Result(e.c.UpdateUserWithResponse(e.ctx, u.Id, gen.UserUpdate{RoleId: 2, Email: u.Email,
				Name: "Promoted " + u.Name, Status: gen.UserStatusInactive}))
			if err != nil {
				t.Fatalf("UpdateUser(%d) = %v", u.Id, err)
			}
			if after, err := e.mock.User(u.Id); err != nil || after.AclRoleId != 2 || after.Status != gen.UserStatusInactive || after.Name != got.Name {
				t.Errorf("mock.User(%d) after UpdateUser = %+v, %v; want role 2, inactive, named as answered (%q)", u.Id, after, err, got.Name)
			}
		},
	},
	"deleteUser": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.DeleteUserWithResponse(ctx, 32)
		},
		method: http.MethodDelete, path: "/v2/user/32",
		reply: reply{status: 200, fixture: "users_deleted.json"},
		check: func(t *testing.T, resp any) {
			eq(t, "DeleteUser(32).JSON200.Success", deref(t, "DeleteUser(32).JSON200", as[gen.DeleteUserResponse](t, resp).JSON200).Success, true)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.mock.Users()[2].Id
			if got, err := sellercenter.Result(e.c.DeleteUserWithResponse(e.ctx, id)); err != nil || !got.Success {
				t.Fatalf("DeleteUser(%d) = %+v, %v; want success", id, got, err)
			}
			if _, err := e.mock.User(id); err == nil {
				t.Errorf("mock.User(%d) after DeleteUser = found, want ErrNotFound", id)
			}
		},
	},
	"changePassword": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ChangePasswordWithResponse(ctx, gen.PasswordChange{CurrentPassword: "old-Pa55word", NewPassword: "new-Pa55word"})
		},
		method: http.MethodPatch, path: "/v2/user/change-password",
		body:  `{"currentPassword":"old-Pa55word","newPassword":"new-Pa55word"}`,
		reply: reply{status: 200},
		check: func(t *testing.T, resp any) {
			r := as[gen.ChangePasswordResponse](t, resp)
			eq(t, "ChangePassword().StatusCode()", r.StatusCode(), 200)
			eq(t, "len(ChangePassword().Body)", len(r.Body), 0)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			const next = "a-much-longer-password"
			resp, err := e.c.ChangePasswordWithResponse(e.ctx, gen.PasswordChange{CurrentPassword: sellercentertest.DefaultUserPassword, NewPassword: next})
			succeed(t, "ChangePassword()", resp, err)
			if !e.mock.UserPasswordIs(sellercentertest.DefaultUserID, next) {
				t.Errorf("mock.UserPasswordIs(%d, new) after ChangePassword = false, want true", sellercentertest.DefaultUserID)
			}
		},
	},
	"createUserApiKey": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			//lint:ignore SA1019 the row covers the deprecated operation while the API serves it
			return c.CreateUserApiKeyWithResponse(ctx, 32)
		},
		method: http.MethodPost, path: "/v2/user/32/api-key",
		reply: reply{status: 201, fixture: "users_api_key.json"},
		check: func(t *testing.T, resp any) {
			k := deref(t, "CreateUserApiKey(32).JSON201", as[gen.CreateUserApiKeyResponse](t, resp).JSON201)
			eq(t, "CreateUserApiKey(32).JSON201.ApiKey", k.ApiKey, "3b521ea8c6e7fcaf7e9ed82fc9a869bc")
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.mock.Users()[1].Id
			//lint:ignore SA1019 the row covers the deprecated operation while the API serves it
			resp, err := e.c.CreateUserApiKeyWithResponse(e.ctx, id)
			got := decoded(t, "CreateUserApiKey()", succeed(t, "CreateUserApiKey()", resp, err).JSON201)
			if u, err := e.mock.User(id); err != nil || len(got.ApiKey) != 32 || u.ApiKey != got.ApiKey {
				t.Errorf("mock.User(%d).ApiKey after CreateUserApiKey differs from the answer's 32-digit key (%v)", id, err)
			}
		},
	},
	"listRoles": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListRolesWithResponse(ctx)
		},
		method: http.MethodGet, path: "/v2/user/roles",
		reply: reply{status: 200, fixture: "users_roles.json"},
		check: func(t *testing.T, resp any) {
			roles := deref(t, "ListRoles().JSON200", as[gen.ListRolesResponse](t, resp).JSON200)
			eq(t, "len(ListRoles().JSON200)", len(roles), 1)
			r := roles[0]
			eq(t, "ListRoles().JSON200[0].Name", r.Name, "maintenance")
			eq(t, "ListRoles().JSON200[0].UserCount", r.UserCount, 103)
			eq(t, "ListRoles().JSON200[0].CanEdit", r.CanEdit, true)
			eq(t, "ListRoles().JSON200[0].Resources[0].Label", r.Resources[0].Label, "Frontend login")
			eq(t, "ListRoles().JSON200[0].Resources[0].Tags[0]", r.Resources[0].Tags[0], "seller")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			got, err := sellercenter.Result(e.c.ListRolesWithResponse(e.ctx))
			if err != nil {
				t.Fatalf("ListRoles() = %v", err)
			}
			want := e.mock.Roles()
			if len(*got) != len(want) || (*got)[0].Name != want[0].Name || len((*got)[0].Resources) != len(want[0].Resources) {
				t.Errorf("ListRoles() = %+v, want mock.Roles()'s %+v", *got, want)
			}
		},
	},
	"createRole": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.CreateRoleWithResponse(ctx, gen.RoleChange{DisplayName: "New role", Group: "seller", CanBeEditedByRoleIds: []int{2}})
		},
		method: http.MethodPost, path: "/v2/user/roles",
		body:  `{"displayName":"New role","group":"seller","canBeEditedByRoleIds":[2]}`,
		reply: reply{status: 201, fixture: "users_role_written.json"},
		check: func(t *testing.T, resp any) {
			checkVendorRoleWritten(t, "CreateRole().JSON201", deref(t, "CreateRole().JSON201", as[gen.CreateRoleResponse](t, resp).JSON201))
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			resp, err := e.c.CreateRoleWithResponse(e.ctx, gen.RoleChange{DisplayName: "Stock Keeper", Description: "Counts stock."})
			got := decoded(t, "CreateRole(Stock Keeper)", succeed(t, "CreateRole(Stock Keeper)", resp, err).JSON201)
			r, err := e.mock.Role(got.Id)
			if err != nil || r.Name != "stock_keeper" || r.Group != "seller" || len(r.Resources) != 0 {
				t.Errorf("mock.Role(%d) after CreateRole = %+v, %v; want stock_keeper of the seller group without resources", got.Id, r, err)
			}
		},
	},
	"updateRole": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.UpdateRoleWithResponse(ctx, 123, gen.RoleChange{DisplayName: "New display name"})
		},
		method: http.MethodPatch, path: "/v2/user/roles/123",
		body:  `{"displayName":"New display name"}`,
		reply: reply{status: 200, fixture: "users_role_written.json"},
		check: func(t *testing.T, resp any) {
			checkVendorRoleWritten(t, "UpdateRole(123).JSON200", deref(t, "UpdateRole(123).JSON200", as[gen.UpdateRoleResponse](t, resp).JSON200))
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			got, err := sellercenter.Result(e.c.UpdateRoleWithResponse(e.ctx, 3, gen.RoleChange{Description: "Packs and ships."}))
			if err != nil {
				t.Fatalf("UpdateRole(3) = %v", err)
			}
			if r, err := e.mock.Role(3); err != nil || r.Description != "Packs and ships." || r.DisplayName != got.DisplayName || r.DisplayName == "" {
				t.Errorf("mock.Role(3) after UpdateRole = %+v, %v; want the new description and the display name kept", r, err)
			}
		},
	},
	"deleteRole": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.DeleteRoleWithResponse(ctx, 123)
		},
		method: http.MethodDelete, path: "/v2/user/roles/123",
		reply: reply{status: 204},
		check: func(t *testing.T, resp any) {
			eq(t, "DeleteRole(123).StatusCode()", as[gen.DeleteRoleResponse](t, resp).StatusCode(), 204)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			id := e.mock.Users()[2].Id
			if err := e.mock.SetUserRole(id, 2); err != nil {
				t.Fatal(err)
			}
			resp, err := e.c.DeleteRoleWithResponse(e.ctx, 3)
			if succeed(t, "DeleteRole(3)", resp, err).StatusCode() != http.StatusNoContent {
				t.Errorf("DeleteRole(3) status = %d, want 204", resp.StatusCode())
			}
			if _, err := e.mock.Role(3); err == nil {
				t.Error("mock.Role(3) after DeleteRole = found, want ErrNotFound")
			}
			roles, err := sellercenter.Result(e.c.ListRolesWithResponse(e.ctx))
			if err != nil || slices.ContainsFunc(*roles, func(r gen.Role) bool { return r.Id == 3 }) {
				t.Errorf("ListRoles() after DeleteRole(3) = %v, %v; want no role 3", roles, err)
			}
		},
	},
	"listRoleResources": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListRoleResourcesWithResponse(ctx, 1)
		},
		method: http.MethodGet, path: "/v2/user/roles/1/resources",
		reply: reply{status: 200, fixture: "users_role_resources.json"},
		check: func(t *testing.T, resp any) {
			r := deref(t, "ListRoleResources(1).JSON200", as[gen.ListRoleResourcesResponse](t, resp).JSON200)
			eq(t, "len(ListRoleResources(1).JSON200.EnabledResourcesList)", len(r.EnabledResourcesList), 1)
			eq(t, "ListRoleResources(1).JSON200.EnabledResourcesList[0].MaintenanceOnly", r.EnabledResourcesList[0].MaintenanceOnly, true)
			eq(t, "len(ListRoleResources(1).JSON200.ResourcesList)", len(r.ResourcesList), 2)
			eq(t, "ListRoleResources(1).JSON200.ResourcesList[1].Name", r.ResourcesList[1].Name, "users")
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			got, err := sellercenter.Result(e.c.ListRoleResourcesWithResponse(e.ctx, 3))
			if err != nil {
				t.Fatalf("ListRoleResources(3) = %v", err)
			}
			want, err := e.mock.Role(3)
			if err != nil || resourceNames(got.EnabledResourcesList) != resourceNames(want.Resources) || len(got.ResourcesList) <= len(got.EnabledResourcesList) {
				t.Errorf("ListRoleResources(3) = %s of %d, want mock.Role(3)'s %s of more (%v)",
					resourceNames(got.EnabledResourcesList), len(got.ResourcesList), resourceNames(want.Resources), err)
			}
		},
	},
	"addRoleResource": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.AddRoleResourceWithResponse(ctx, 2, 5)
		},
		method: http.MethodPost, path: "/v2/user/roles/2/resources/5",
		reply: reply{status: 202},
		check: func(t *testing.T, resp any) {
			eq(t, "AddRoleResource(2, 5).StatusCode()", as[gen.AddRoleResourceResponse](t, resp).StatusCode(), 202)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			changeRoleResource(t, e, "AddRoleResource", sellercentertest.ResourceUsers, true, http.StatusAccepted,
				func(role, res int) (*gen.AddRoleResourceResponse, error) {
					return e.c.AddRoleResourceWithResponse(e.ctx, role, res)
				})
		},
	},
	"removeRoleResource": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.RemoveRoleResourceWithResponse(ctx, 2, 5)
		},
		method: http.MethodDelete, path: "/v2/user/roles/2/resources/5",
		reply: reply{status: 204},
		check: func(t *testing.T, resp any) {
			eq(t, "RemoveRoleResource(2, 5).StatusCode()", as[gen.RemoveRoleResourceResponse](t, resp).StatusCode(), 204)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			changeRoleResource(t, e, "RemoveRoleResource", sellercentertest.ResourceOrders, false, http.StatusNoContent,
				func(role, res int) (*gen.RemoveRoleResourceResponse, error) {
					return e.c.RemoveRoleResourceWithResponse(e.ctx, role, res)
				})
		},
	},
	"importSellerAccess": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			body, contentType, err := multipartBody(sellerAccessParts)
			if err != nil {
				return nil, err
			}
			return c.ImportSellerAccessWithBodyWithResponse(ctx, contentType, body)
		},
		method: http.MethodPost, path: "/v2/users/import/seller_access",
		parts: sellerAccessParts,
		reply: reply{status: 201, fixture: "users_import_accepted.json"},
		check: func(t *testing.T, resp any) {
			a := deref(t, "ImportSellerAccess().JSON201", as[gen.ImportSellerAccessResponse](t, resp).JSON201)
			eq(t, "ImportSellerAccess().JSON201.Success", a.Success, true)
			eq(t, "ImportSellerAccess().JSON201.FeedUuid", a.FeedUuid, "060cef12-08ef-4ae6-b15e-79398fedc774")
			eq(t, "ImportSellerAccess().JSON201.WarningMessages[0]", a.WarningMessages[0], "Unknown field: Country")
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			u := e.mock.Users()[2]
			ct, body := multipartForm(t, nil, "file1", "access.csv", fmt.Appendf(nil, "Email,Seller Id,Country\n%s,232\n", u.Email))
			resp, err := e.c.ImportSellerAccessWithBodyWithResponse(e.ctx, ct, body)
			got := decoded(t, "ImportSellerAccess()", succeed(t, "ImportSellerAccess()", resp, err).JSON201)
			if !got.Success || !slices.Equal(got.WarningMessages, []string{"Unknown field: Country"}) {
				t.Fatalf("ImportSellerAccess() = %+v; want success warning of the Country column", got)
			}
			if after, err := e.mock.User(u.Id); err != nil || len(after.SwitchableSellers) != 1 || after.SwitchableSellers[0].Id != "232" {
				t.Errorf("mock.User(%d) switchable sellers after ImportSellerAccess = %+v, %v; want seller 232", u.Id, after.SwitchableSellers, err)
			}
		},
	},
	"listOAuthApps": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.ListOAuthAppsWithResponse(ctx, &gen.ListOAuthAppsParams{Query: "app", Offset: 0, Limit: 10,
				Sort: gen.ListOAuthAppsParamsSortCreatedAt, SortDir: gen.SortDirectionDesc})
		},
		method: http.MethodGet, path: "/v2/oauth/apps",
		query: url.Values{"query": {"app"}, "limit": {"10"}, "sort": {"createdAt"}, "sortDir": {"desc"}},
		reply: reply{status: 200, fixture: "users_oauth_apps.json"},
		check: func(t *testing.T, resp any) {
			l := deref(t, "ListOAuthApps().JSON200", as[gen.ListOAuthAppsResponse](t, resp).JSON200)
			eq(t, "len(ListOAuthApps().JSON200.Items)", len(l.Items), 1)
			a := l.Items[0]
			eq(t, "ListOAuthApps().JSON200.Items[0].AppId", a.AppId, "cb56deed3d91799f86e5")
			eq(t, "ListOAuthApps().JSON200.Items[0].UserId", a.UserId, 1024)
			at(t, "ListOAuthApps().JSON200.Items[0].CreatedAt", a.CreatedAt, time.Date(2022, 9, 1, 16, 35, 42, 0, time.UTC))
			eq(t, "ListOAuthApps().JSON200.Pagination.TotalCount", l.Pagination.TotalCount, 1)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			got, err := sellercenter.Result(e.c.ListOAuthAppsWithResponse(e.ctx, &gen.ListOAuthAppsParams{}))
			if err != nil {
				t.Fatalf("ListOAuthApps() = %v", err)
			}
			var want []string
			for _, a := range e.mock.OAuthApps() {
				if a.UserId == sellercentertest.DefaultUserID {
					want = append(want, a.AppId)
				}
			}
			var ids []string
			for _, a := range got.Items {
				ids = append(ids, a.AppId)
			}
			if len(want) == 0 || !slices.Equal(ids, want) {
				t.Errorf("ListOAuthApps() app ids = %v, want those of user %d %v", ids, sellercentertest.DefaultUserID, want)
			}
		},
	},
	"createOAuthApp": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.CreateOAuthAppWithResponse(ctx, gen.OAuthAppCreate{IsGlobal: true, Name: "My Application",
				Website: "http://example.com", RedirectUri: "http://example.com/redirect_uri"})
		},
		method: http.MethodPost, path: "/v2/oauth/apps",
		body:  `{"isGlobal":true,"name":"My Application","website":"http://example.com","redirectUri":"http://example.com/redirect_uri"}`,
		reply: reply{status: 201, fixture: "users_oauth_app_credentials.json"},
		check: func(t *testing.T, resp any) {
			c := deref(t, "CreateOAuthApp().JSON201", as[gen.CreateOAuthAppResponse](t, resp).JSON201)
			eq(t, "CreateOAuthApp().JSON201.Uuid", c.Uuid, "123e4567-e89b-12d3-a456-426614174000")
			eq(t, "CreateOAuthApp().JSON201.AppId", c.AppId, "123456f4cbbd00832115bcbe97")
			eq(t, "len(CreateOAuthApp().JSON201.Secret)", len(c.Secret), 40)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			resp, err := e.c.CreateOAuthAppWithResponse(e.ctx, gen.OAuthAppCreate{Name: "Warehouse sync", RedirectUri: "https://sync.example.com/cb"})
			got := decoded(t, "CreateOAuthApp()", succeed(t, "CreateOAuthApp()", resp, err).JSON201)
			// The new credentials work: a client built from them reads the seller.
			app := newContractClient(t, e.mock, func(c *sellercenter.Config) { c.ClientID, c.ClientSecret = got.AppId, got.Secret })
			if _, err := sellercenter.Result(app.GetSellerWithResponse(e.ctx)); err != nil {
				t.Errorf("GetSeller() with the new app's credentials = %v, want the seller", err)
			}
		},
	},
	"getOAuthApp": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.GetOAuthAppWithResponse(ctx, "123e4567-e89b-12d3-a456-426614174000")
		},
		method: http.MethodGet, path: "/v2/oauth/apps/123e4567-e89b-12d3-a456-426614174000",
		reply: reply{status: 200, fixture: "users_oauth_app.json"},
		check: func(t *testing.T, resp any) {
			a := deref(t, "GetOAuthApp().JSON200", as[gen.GetOAuthAppResponse](t, resp).JSON200)
			eq(t, "GetOAuthApp().JSON200.Name", a.Name, "Application 01")
			eq(t, "GetOAuthApp().JSON200.RedirectUri", a.RedirectUri, "https://www.example.com/oauth/callback")
			eq(t, "len(GetOAuthApp().JSON200.Secret)", len(a.Secret), 40)
		},
		access: readsOnly,
		onMock: func(t *testing.T, e operationEnv) {
			want := e.mock.OAuthApps()[0]
			got, err := sellercenter.Result(e.c.GetOAuthAppWithResponse(e.ctx, want.Uuid))
			if err != nil || got.AppId != want.AppId || got.Secret != "" {
				t.Errorf("GetOAuthApp(%s) = %+v, %v; want the configured client %s without its secret", want.Uuid, got, err, want.AppId)
			}
		},
	},
	"updateOAuthApp": {
		call: func(ctx context.Context, c *gen.ClientWithResponses) (any, error) {
			return c.UpdateOAuthAppWithResponse(ctx, "123e4567-e89b-12d3-a456-426614174000",
				gen.OAuthAppUpdate{Website: "http://example.com", RedirectUri: "http://example.com/redirect_uri"})
		},
		method: http.MethodPut, path: "/v2/oauth/apps/123e4567-e89b-12d3-a456-426614174000",
		body:  `{"website":"http://example.com","redirectUri":"http://example.com/redirect_uri"}`,
		reply: reply{status: 200, fixture: "users_oauth_app_updated.json"},
		check: func(t *testing.T, resp any) {
			a := deref(t, "UpdateOAuthApp().JSON200", as[gen.UpdateOAuthAppResponse](t, resp).JSON200)
			eq(t, "UpdateOAuthApp().JSON200.Website", a.Website, "https://www.example.com")
			isZero(t, "UpdateOAuthApp().JSON200.Secret", a.Secret)
		},
		access: mutates,
		onMock: func(t *testing.T, e operationEnv) {
			app := e.mock.OAuthApps()[0]
			got, err := sellercenter.Result(e.c.UpdateOAuthAppWithResponse(e.ctx, app.Uuid, gen.OAuthAppUpdate{RedirectUri: "https://new.example.com/cb"}))
			if err != nil || got.RedirectUri != "https://new.example.com/cb" {
				t.Fatalf("UpdateOAuthApp(%s) = %+v, %v; want the new redirect URI", app.Uuid, got, err)
			}
			if after := e.mock.OAuthApps()[0]; !after.UpdatedAt.After(app.UpdatedAt.Time) && !after.UpdatedAt.Equal(app.UpdatedAt.Time) {
				t.Errorf("mock.OAuthApps()[0].UpdatedAt = %s, want no earlier than %s", after.UpdatedAt, app.UpdatedAt)
			}
		},
	},
}

// usersErrorRows answer operations of the users area with error statuses.
var usersErrorRows = []errorRow{
	{
		op:    "getUser",
		reply: reply{status: 404, fixture: "problem_not_found.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "GetUser(32).JSON404", as[gen.GetUserResponse](t, resp).JSON404)
			eq(t, "GetUser(32).JSON404.Status", p.Status, int32(404))
		},
	},
	{
		op:    "createUser",
		reply: reply{status: 422, fixture: "problem_transition.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "CreateUser().JSON422", as[gen.CreateUserResponse](t, resp).JSON422)
			eq(t, "CreateUser().JSON422.Title", p.Title, "Status Transition is not allowed")
		},
	},
	{
		op:    "createOAuthApp",
		reply: reply{status: 400, fixture: "validation_problem.json"},
		check: func(t *testing.T, resp any) {
			p := deref(t, "CreateOAuthApp().JSON400", as[gen.CreateOAuthAppResponse](t, resp).JSON400)
			eq(t, "CreateOAuthApp().JSON400.Title", p.Title, "Validation Failed")
		},
	},
}

// checkVendorUser checks a user decoded from the vendor's example.
func checkVendorUser(t *testing.T, expr string, u gen.User) {
	t.Helper()
	eq(t, expr+".Id", u.Id, 32)
	eq(t, expr+".Email", u.Email, "test@example.com")
	eq(t, expr+".AclRoleId", u.AclRoleId, 2)
	eq(t, expr+".Status", u.Status, gen.UserStatusActive)
	eq(t, expr+".EnablePassword", u.EnablePassword, true)
	eq(t, expr+".SwitchableSellers[0].Id", u.SwitchableSellers[0].Id, "123")
	eq(t, expr+".len(ApiKey)", len(u.ApiKey), 40)
}

// checkVendorRoleWritten checks a role decoded from the vendor's example.
func checkVendorRoleWritten(t *testing.T, expr string, r gen.RoleWritten) {
	t.Helper()
	eq(t, expr+".Id", r.Id, 123)
	eq(t, expr+".Group", r.Group, "venture")
	eq(t, expr+".CanBeEditedByRoleIds", fmt.Sprint(r.CanBeEditedByRoleIds), "[1]")
}

// changeRoleResource is the onMock of addRoleResource and removeRoleResource:
// change gives or takes the resource named res of role 3 (the order clerk);
// it must answer status, and the role must then have the resource or not
// (has), in the mock and through listRoleResources.
func changeRoleResource[R interface{ StatusCode() int }](t *testing.T, e operationEnv, op, res string, has bool, status int,
	change func(role, resource int) (R, error),
) {
	t.Helper()
	const role = 3
	r, err := e.mock.Resource(res)
	if err != nil {
		t.Fatal(err)
	}
	call := fmt.Sprintf("%s(%d, %s)", op, role, res)
	resp, err := change(role, r.Id)
	if got := succeed(t, call, resp, err).StatusCode(); got != status {
		t.Errorf("%s status = %d, want %d", call, got, status)
	}
	if after, err := e.mock.Role(role); err != nil || strings.Contains(resourceNames(after.Resources), res) != has {
		t.Errorf("mock.Role(%d) resources after %s = %s, %v; want %s among them: %v", role, call, resourceNames(after.Resources), err, res, has)
	}
	checkRoleResources(t, e, role)
}

// checkRoleResources checks that listRoleResources answers the role's
// resources as the mock holds them.
func checkRoleResources(t *testing.T, e operationEnv, roleID int) {
	t.Helper()
	got, err := sellercenter.Result(e.c.ListRoleResourcesWithResponse(e.ctx, roleID))
	want, werr := e.mock.Role(roleID)
	if err != nil || werr != nil || resourceNames(got.EnabledResourcesList) != resourceNames(want.Resources) {
		t.Errorf("ListRoleResources(%d) = %v, %v; want mock.Role(%d)'s %s (%v)", roleID, got, err, roleID, resourceNames(want.Resources), werr)
	}
}

func userEmails(us []gen.User) []string {
	out := []string{}
	for _, u := range us {
		out = append(out, u.Email)
	}
	return out
}

func resourceNames(rs []gen.AclResource) string {
	var names []string
	for _, r := range rs {
		names = append(names, r.Name)
	}
	return strings.Join(names, ",")
}
