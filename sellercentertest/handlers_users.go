package sellercentertest

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"net/mail"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/gen/server"
)

// Handlers of the users area: users, roles with their ACL resources, the
// seller-access import and OAuth applications. State is in users.go.

// minPasswordLength is the shortest new password changePassword takes.
const minPasswordLength = 8

// checkUserFields validates the fields createUser and updateUser share; it
// never repeats the API key.
func checkUserFields(name, email string, switchable []int) []violation {
	var vs []violation
	if strings.TrimSpace(name) == "" {
		vs = append(vs, violation{path: "name", title: "This value should not be blank."})
	}
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email || !strings.Contains(email[strings.LastIndex(email, "@")+1:], ".") {
		vs = append(vs, violation{path: "email", title: "This value is not a valid email address.", value: shortValue(email)})
	}
	for i, id := range switchable {
		if id <= 0 {
			vs = append(vs, violation{path: fmt.Sprintf("switchableSellerIds[%d]", i), title: "This value should be positive.", value: strconv.Itoa(id)})
		}
	}
	return vs
}

// userRefusal is why a user's role, seller or email cannot be taken, "" when
// they can; except is the user being changed.
func (st *store) userRefusal(roleID, sellerID int, email string, except int) string {
	ua := st.usersArea()
	if ua.roles[roleID] == nil {
		return fmt.Sprintf("role %d does not exist", roleID)
	}
	if sellerID != st.seller.Id {
		return fmt.Sprintf("seller %d does not exist", sellerID)
	}
	for _, u := range ua.users {
		if u.u.Id != except && strings.EqualFold(u.u.Email, email) {
			return "a user with this email already exists"
		}
	}
	return ""
}

// ListUsers lists the users one page at a time.
func (a *api) ListUsers(ctx context.Context, req server.ListUsersRequestObject) (server.ListUsersResponseObject, error) {
	p := req.Params
	st := a.st
	ua := st.usersArea()
	q := strings.ToLower(p.Query)
	var match []*mockUser
	for _, id := range sortedKeys(ua.users) {
		u := ua.users[id]
		role := ua.roles[u.u.AclRoleId]
		switch {
		case q != "" && !strings.Contains(strings.ToLower(u.u.Name), q) && !strings.Contains(strings.ToLower(u.u.Email), q),
			p.SellerId != 0 && u.u.SellerId != p.SellerId,
			p.SellerUuid != "" && (u.u.SellerId != st.seller.Id || p.SellerUuid != st.seller.Uuid),
			p.ExcludeAdmins && (role == nil || role.r.Group != "seller"),
			p.ExcludeInactive && u.u.Status != gen.UserStatusActive,
			len(p.Ids) > 0 && !slices.Contains(p.Ids, u.u.Id),
			len(p.Uuids) > 0 && !slices.Contains(p.Uuids, u.uuid):
			continue
		}
		match = append(match, u)
	}
	from, to, _ := page(len(match), p.Offset, p.Limit)
	out := server.ListUsers200JSONResponse{Items: []gen.User{},
		Pagination: gen.Pagination{Limit: p.Limit, Offset: p.Offset, TotalCount: len(match)}}
	for _, u := range match[from:to] {
		out.Items = append(out.Items, st.renderUser(u, callerOf(ctx)))
	}
	return out, nil
}

// CreateUser adds a user of the seller.
func (a *api) CreateUser(ctx context.Context, req server.CreateUserRequestObject) (server.CreateUserResponseObject, error) {
	b := req.Body
	vs := checkUserFields(b.Name, b.Email, b.SwitchableSellerIds)
	if b.LanguageId <= 0 {
		vs = append(vs, violation{path: "languageId", title: "This value should be positive.", value: strconv.Itoa(b.LanguageId)})
	}
	if len(vs) > 0 {
		return server.CreateUser400JSONResponse{BadRequestJSONResponse: badRequest(vs...)}, nil
	}
	st := a.st
	if why := st.userRefusal(b.AclRoleId, b.SellerId, b.Email, 0); why != "" {
		return server.CreateUser422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(why)}, nil
	}
	ua := st.usersArea()
	u := &mockUser{u: gen.User{Id: ua.nextUser, Email: b.Email, Name: strings.TrimSpace(b.Name), ApiKey: b.ApiKey,
		AclRoleId: b.AclRoleId, SellerId: b.SellerId, Status: b.Status, EnablePassword: b.EnablePassword == nil || *b.EnablePassword},
		uuid: ua.uuid(), languageID: b.LanguageId, switchable: uniqueIDs(b.SwitchableSellerIds)}
	ua.nextUser++
	ua.users[u.u.Id] = u
	return server.CreateUser201JSONResponse(st.renderUser(u, callerOf(ctx))), nil
}

// uniqueIDs is ids without repeats, in their first order.
func uniqueIDs(ids []int) []int {
	out := []int{}
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

func userNotFound(id int) server.NotFoundJSONResponse { return notFound("user", id) }

// GetUser returns one user, in the list envelope as the API does.
func (a *api) GetUser(ctx context.Context, req server.GetUserRequestObject) (server.GetUserResponseObject, error) {
	u := a.st.usersArea().users[req.UserId]
	if u == nil {
		return server.GetUser404JSONResponse{NotFoundJSONResponse: userNotFound(req.UserId)}, nil
	}
	return server.GetUser200JSONResponse{Items: []gen.User{a.st.renderUser(u, callerOf(ctx))},
		Pagination: gen.Pagination{Limit: 1, Offset: 0, TotalCount: 1}}, nil
}

// UpdateUser changes a user.
func (a *api) UpdateUser(ctx context.Context, req server.UpdateUserRequestObject) (server.UpdateUserResponseObject, error) {
	st := a.st
	u := st.usersArea().users[req.UserId]
	if u == nil {
		return server.UpdateUser404JSONResponse{NotFoundJSONResponse: userNotFound(req.UserId)}, nil
	}
	b := req.Body
	if vs := checkUserFields(b.Name, b.Email, b.SwitchableSellerIds); len(vs) > 0 {
		return server.UpdateUser400JSONResponse{BadRequestJSONResponse: badRequest(vs...)}, nil
	}
	if why := st.userRefusal(b.RoleId, u.u.SellerId, b.Email, u.u.Id); why != "" {
		return server.UpdateUser422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(why)}, nil
	}
	u.u.AclRoleId, u.u.Email, u.u.Name, u.u.Status = b.RoleId, b.Email, strings.TrimSpace(b.Name), b.Status
	if b.ApiKey != "" {
		u.u.ApiKey = b.ApiKey
	}
	if b.EnablePassword != nil {
		u.u.EnablePassword = *b.EnablePassword
	}
	if len(b.SwitchableSellerIds) > 0 {
		u.switchable = uniqueIDs(b.SwitchableSellerIds)
	}
	return server.UpdateUser200JSONResponse(st.renderUser(u, callerOf(ctx))), nil
}

// DeleteUser removes a user and its OAuth applications, whose tokens then
// stop working.
func (a *api) DeleteUser(ctx context.Context, req server.DeleteUserRequestObject) (server.DeleteUserResponseObject, error) {
	ua := a.st.usersArea()
	if ua.users[req.UserId] == nil {
		return server.DeleteUser404JSONResponse{NotFoundJSONResponse: userNotFound(req.UserId)}, nil
	}
	if req.UserId == callerOf(ctx) {
		return server.DeleteUser422JSONResponse{UnprocessableJSONResponse: unprocessableDetail("you cannot delete your own user")}, nil
	}
	delete(ua.users, req.UserId)
	for id, app := range ua.apps {
		if app.sum.UserId == req.UserId {
			delete(ua.apps, id)
		}
	}
	return server.DeleteUser200JSONResponse{Success: true}, nil
}

// ChangePassword sets a new password for the token's user. No answer
// repeats either password.
func (a *api) ChangePassword(ctx context.Context, req server.ChangePasswordRequestObject) (server.ChangePasswordResponseObject, error) {
	b := req.Body
	var vs []violation
	if b.CurrentPassword == "" {
		vs = append(vs, violation{path: "currentPassword", title: "This value should not be blank."})
	}
	if b.NewPassword == "" {
		vs = append(vs, violation{path: "newPassword", title: "This value should not be blank."})
	}
	if len(vs) > 0 {
		return server.ChangePassword400JSONResponse{BadRequestJSONResponse: badRequest(vs...)}, nil
	}
	u := a.st.usersArea().users[callerOf(ctx)]
	why := ""
	switch {
	case u == nil || u.password == "" || b.CurrentPassword != u.password:
		why = "the current password is wrong"
	case len([]rune(b.NewPassword)) < minPasswordLength:
		why = fmt.Sprintf("the new password must have at least %d characters", minPasswordLength)
	case b.NewPassword == b.CurrentPassword:
		why = "the new password must differ from the current one"
	}
	if why != "" {
		return server.ChangePassword422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(why)}, nil
	}
	u.password = b.NewPassword
	return server.ChangePassword200Response{}, nil
}

// CreateUserApiKey gives a user a new legacy API key.
func (a *api) CreateUserApiKey(ctx context.Context, req server.CreateUserApiKeyRequestObject) (server.CreateUserApiKeyResponseObject, error) {
	ua := a.st.usersArea()
	u := ua.users[req.UserId]
	if u == nil {
		return server.CreateUserApiKey404JSONResponse{NotFoundJSONResponse: userNotFound(req.UserId)}, nil
	}
	if !ua.isMaintenance(callerOf(ctx)) {
		return server.CreateUserApiKey403JSONResponse{ForbiddenJSONResponse: forbidden("only maintenance users may make API keys")}, nil
	}
	key, err := randomHex(16)
	if err != nil {
		return nil, err
	}
	u.u.ApiKey = key
	return server.CreateUserApiKey201JSONResponse{ApiKey: key}, nil
}

// ListRoles lists the roles the caller may see: maintenance users see
// every role, others those of the seller group.
func (a *api) ListRoles(ctx context.Context, _ server.ListRolesRequestObject) (server.ListRolesResponseObject, error) {
	ua := a.st.usersArea()
	caller := callerOf(ctx)
	out := server.ListRoles200JSONResponse{}
	for _, id := range sortedKeys(ua.roles) {
		if role := ua.roles[id]; ua.isMaintenance(caller) || role.r.Group == "seller" {
			out = append(out, ua.renderRole(role, caller))
		}
	}
	return out, nil
}

// roleRefusal checks a role's new fields: a violation for bad input, or
// why the change breaks a rule; except is the role being changed.
func (ua *usersArea) roleRefusal(b gen.RoleChange, except, caller int) ([]violation, string) {
	var vs []violation
	if b.Group != "" && b.Group != "seller" && b.Group != "venture" {
		vs = append(vs, violation{path: "group", title: "The value you selected is not a valid choice.", value: shortValue(b.Group)})
	}
	if len(b.DisplayName) > 255 {
		vs = append(vs, violation{path: "displayName", title: "This value is too long. It should have 255 characters or less."})
	}
	if len(vs) > 0 {
		return vs, ""
	}
	if b.Group == "venture" && !ua.isMaintenance(caller) {
		return nil, "only maintenance users may make roles of the venture group"
	}
	for _, id := range b.CanBeEditedByRoleIds {
		if ua.roles[id] == nil {
			return nil, fmt.Sprintf("role %d does not exist", id)
		}
	}
	for _, r := range ua.roles {
		if r.r.Id != except && b.DisplayName != "" && strings.EqualFold(r.r.DisplayName, b.DisplayName) {
			return nil, "a role with this display name already exists"
		}
	}
	return nil, ""
}

// roleName derives a role's name from its display name, as the API does.
func roleName(displayName string) string {
	return strings.Join(strings.Fields(strings.ToLower(displayName)), "_")
}

// CreateRole adds a role without resources.
func (a *api) CreateRole(ctx context.Context, req server.CreateRoleRequestObject) (server.CreateRoleResponseObject, error) {
	b := *req.Body
	ua := a.st.usersArea()
	caller := callerOf(ctx)
	vs, why := ua.roleRefusal(b, 0, caller)
	if strings.TrimSpace(b.DisplayName) == "" {
		vs = append(vs, violation{path: "displayName", title: "This value should not be blank."})
	}
	if len(vs) > 0 {
		return server.CreateRole400JSONResponse{BadRequestJSONResponse: badRequest(vs...)}, nil
	}
	if why != "" {
		return server.CreateRole422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(why)}, nil
	}
	editors := uniqueIDs(b.CanBeEditedByRoleIds)
	if u := ua.users[caller]; len(editors) == 0 && u != nil {
		editors = []int{u.u.AclRoleId}
	}
	role := &mockRole{r: gen.Role{Id: ua.nextRole, Name: roleName(b.DisplayName), DisplayName: strings.TrimSpace(b.DisplayName),
		Group: cmp.Or(b.Group, "seller"), Description: b.Description, CanBeEditedByRoleIds: editors}, resources: map[int]bool{}}
	ua.nextRole++
	ua.roles[role.r.Id] = role
	return server.CreateRole201JSONResponse(written(role.r)), nil
}

func roleNotFound(id int) server.NotFoundJSONResponse { return notFound("role", id) }

// editableRole finds a role the caller may change: nil and a 404 or 403
// body when there is none.
func (ua *usersArea) editableRole(ctx context.Context, id int) (*mockRole, *server.NotFoundJSONResponse, *server.ForbiddenJSONResponse) {
	role := ua.roles[id]
	if role == nil {
		nf := roleNotFound(id)
		return nil, &nf, nil
	}
	if !ua.canEdit(callerOf(ctx), role) {
		fb := forbidden(fmt.Sprintf("your role may not change role %d", id))
		return nil, nil, &fb
	}
	return role, nil, nil
}

// UpdateRole changes the fields of a role the body names.
func (a *api) UpdateRole(ctx context.Context, req server.UpdateRoleRequestObject) (server.UpdateRoleResponseObject, error) {
	ua := a.st.usersArea()
	role, nf, fb := ua.editableRole(ctx, req.RoleId)
	switch {
	case nf != nil:
		return server.UpdateRole404JSONResponse{NotFoundJSONResponse: *nf}, nil
	case fb != nil:
		return server.UpdateRole403JSONResponse{ForbiddenJSONResponse: *fb}, nil
	}
	b := *req.Body
	vs, why := ua.roleRefusal(b, role.r.Id, callerOf(ctx))
	if len(vs) > 0 {
		return server.UpdateRole400JSONResponse{BadRequestJSONResponse: badRequest(vs...)}, nil
	}
	if why != "" {
		return server.UpdateRole422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(why)}, nil
	}
	if d := strings.TrimSpace(b.DisplayName); d != "" {
		role.r.DisplayName = d
	}
	role.r.Group = cmp.Or(b.Group, role.r.Group)
	role.r.Description = cmp.Or(b.Description, role.r.Description)
	if len(b.CanBeEditedByRoleIds) > 0 {
		role.r.CanBeEditedByRoleIds = uniqueIDs(b.CanBeEditedByRoleIds)
	}
	return server.UpdateRole200JSONResponse(written(role.r)), nil
}

// DeleteRole removes a role that no user has.
func (a *api) DeleteRole(ctx context.Context, req server.DeleteRoleRequestObject) (server.DeleteRoleResponseObject, error) {
	ua := a.st.usersArea()
	_, nf, fb := ua.editableRole(ctx, req.RoleId)
	switch {
	case nf != nil:
		return server.DeleteRole404JSONResponse{NotFoundJSONResponse: *nf}, nil
	case fb != nil:
		return server.DeleteRole403JSONResponse{ForbiddenJSONResponse: *fb}, nil
	}
	if n := ua.userCount(req.RoleId); n > 0 {
		return server.DeleteRole422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(
			fmt.Sprintf("role %d still has %d users; give them another role first", req.RoleId, n))}, nil
	}
	delete(ua.roles, req.RoleId)
	return server.DeleteRole204Response{}, nil
}

// ListRoleResources lists a role's resources and those it could have;
// maintenance-only resources are offered to maintenance callers only.
func (a *api) ListRoleResources(ctx context.Context, req server.ListRoleResourcesRequestObject) (server.ListRoleResourcesResponseObject, error) {
	ua := a.st.usersArea()
	role := ua.roles[req.RoleId]
	if role == nil {
		return server.ListRoleResources404JSONResponse{NotFoundJSONResponse: roleNotFound(req.RoleId)}, nil
	}
	out := server.ListRoleResources200JSONResponse{EnabledResourcesList: ua.enabled(role), ResourcesList: []gen.AclResource{}}
	maintenance := ua.isMaintenance(callerOf(ctx))
	for _, r := range ua.resources {
		if maintenance || !r.MaintenanceOnly {
			r.Tags = slices.Clone(r.Tags)
			out.ResourcesList = append(out.ResourcesList, r)
		}
	}
	return out, nil
}

// roleResource finds a role the caller may change and a resource: a 404
// or 403 body when either cannot be had.
func (ua *usersArea) roleResource(ctx context.Context, roleID, resourceID int) (*mockRole, *server.NotFoundJSONResponse, *server.ForbiddenJSONResponse) {
	role, nf, fb := ua.editableRole(ctx, roleID)
	if role == nil {
		return nil, nf, fb
	}
	i := slices.IndexFunc(ua.resources, func(r gen.AclResource) bool { return r.Id == resourceID })
	if i < 0 {
		nf := notFound("resource", resourceID)
		return nil, &nf, nil
	}
	if ua.resources[i].MaintenanceOnly && role.r.Group != "venture" {
		fb := forbidden(fmt.Sprintf("resource %d is for roles of the venture group only", resourceID))
		return nil, nil, &fb
	}
	return role, nil, nil
}

// AddRoleResource gives a role a resource; giving it again changes nothing.
func (a *api) AddRoleResource(ctx context.Context, req server.AddRoleResourceRequestObject) (server.AddRoleResourceResponseObject, error) {
	role, nf, fb := a.st.usersArea().roleResource(ctx, req.RoleId, req.ResourceId)
	switch {
	case nf != nil:
		return server.AddRoleResource404JSONResponse{NotFoundJSONResponse: *nf}, nil
	case fb != nil:
		return server.AddRoleResource403JSONResponse{ForbiddenJSONResponse: *fb}, nil
	}
	role.resources[req.ResourceId] = true
	return server.AddRoleResource202Response{}, nil
}

// RemoveRoleResource takes a resource from a role; the role's users lose
// the operations it guards at once, also with tokens issued before.
func (a *api) RemoveRoleResource(ctx context.Context, req server.RemoveRoleResourceRequestObject) (server.RemoveRoleResourceResponseObject, error) {
	ua := a.st.usersArea()
	role, nf, fb := ua.editableRole(ctx, req.RoleId)
	if role != nil && !slices.ContainsFunc(ua.resources, func(r gen.AclResource) bool { return r.Id == req.ResourceId }) {
		nfr := notFound("resource", req.ResourceId)
		nf = &nfr
	}
	switch {
	case nf != nil:
		return server.RemoveRoleResource404JSONResponse{NotFoundJSONResponse: *nf}, nil
	case fb != nil:
		return server.RemoveRoleResource403JSONResponse{ForbiddenJSONResponse: *fb}, nil
	}
	delete(role.resources, req.ResourceId)
	return server.RemoveRoleResource204Response{}, nil
}

// sellerAccessColumns are the columns importSellerAccess reads, compared
// without case, spaces and underscores.
var sellerAccessColumns = []string{"email", "sellerid"}

func columnKey(s string) string {
	return strings.NewReplacer(" ", "", "_", "", "-", "").Replace(strings.ToLower(strings.TrimSpace(s)))
}

// ImportSellerAccess lets users switch to more sellers: each row of the file
// names a user by email and a seller id. The mock applies the file at once
// and whole, or refuses it whole; it names no feed.
func (a *api) ImportSellerAccess(ctx context.Context, req server.ImportSellerAccessRequestObject) (server.ImportSellerAccessResponseObject, error) {
	st := a.st
	ua := st.usersArea()
	if !ua.isMaintenance(callerOf(ctx)) {
		return server.ImportSellerAccess403JSONResponse{ForbiddenJSONResponse: forbidden("only venture users may import seller access")}, nil
	}
	bad := func(vs ...violation) (server.ImportSellerAccessResponseObject, error) {
		return server.ImportSellerAccess400JSONResponse{BadRequestJSONResponse: badRequest(vs...)}, nil
	}
	form, err := readForm(req.Body)
	if err != nil {
		return bad(violation{title: "reading the form: " + err.Error()})
	}
	file, ok := form["file1"]
	if !ok || len(bytes.TrimSpace(file.data)) == 0 {
		return bad(violation{path: "file1", title: "the form has no file1 part, or it is empty"})
	}
	table, _, _, err := readTable(file.filename, file.data)
	if err != nil {
		return bad(violation{path: "file1", title: err.Error(), value: file.filename})
	}
	col := map[string]int{}
	var warnings []string
	for i, h := range table[0] {
		if k := columnKey(h); slices.Contains(sellerAccessColumns, k) {
			col[k] = i
		} else {
			warnings = append(warnings, fmt.Sprintf("Unknown field: %s", strings.TrimSpace(h)))
		}
	}
	for _, c := range sellerAccessColumns {
		if _, ok := col[c]; !ok {
			return bad(violation{path: "file1", title: "the header lacks the column " + c, value: file.filename})
		}
	}
	if len(table) < 2 {
		return bad(violation{path: "file1", title: "the file has no rows below its header", value: file.filename})
	}
	type grant struct{ user, seller int }
	var grants []grant
	var problems []string
	for n, row := range table[1:] {
		cell := func(c string) string {
			if i := col[c]; i < len(row) {
				return strings.TrimSpace(row[i])
			}
			return ""
		}
		user := slices.IndexFunc(sortedKeys(ua.users), func(id int) bool { return strings.EqualFold(ua.users[id].u.Email, cell("email")) })
		seller, err := strconv.Atoi(cell("sellerid"))
		switch {
		case user < 0:
			problems = append(problems, fmt.Sprintf("row %d: no user has the email %s", n+2, shortValue(cell("email"))))
		case err != nil || seller <= 0:
			problems = append(problems, fmt.Sprintf("row %d: the seller id %s is not a positive number", n+2, shortValue(cell("sellerid"))))
		default:
			grants = append(grants, grant{sortedKeys(ua.users)[user], seller})
		}
	}
	if len(problems) > 0 {
		return server.ImportSellerAccess422JSONResponse{UnprocessableJSONResponse: unprocessableDetail(
			"nothing was imported: " + strings.Join(problems, "; "))}, nil
	}
	for _, g := range grants {
		u := ua.users[g.user]
		u.switchable = uniqueIDs(append(u.switchable, g.seller))
	}
	return server.ImportSellerAccess201JSONResponse{Success: true, Message: importMessage,
		ErrorMessages: []string{}, WarningMessages: append([]string{}, warnings...)}, nil
}

// checkAppURL validates an application's redirect URI or website: an
// absolute http or https URL.
func checkAppURL(field, raw string) []violation {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return []violation{{path: field, title: "This value is not a valid URL.", value: shortValue(raw)}}
	}
	return nil
}

// ListOAuthApps lists the caller's applications one page at a time.
func (a *api) ListOAuthApps(ctx context.Context, req server.ListOAuthAppsRequestObject) (server.ListOAuthAppsResponseObject, error) {
	p := req.Params
	ua := a.st.usersArea()
	caller := callerOf(ctx)
	q := strings.ToLower(p.Query)
	var apps []gen.OAuthAppSummary
	for _, app := range ua.apps {
		if app.sum.UserId == caller && strings.Contains(strings.ToLower(app.sum.Name), q) {
			apps = append(apps, app.sum)
		}
	}
	by := func(x, y gen.OAuthAppSummary) int {
		switch p.Sort {
		case gen.ListOAuthAppsParamsSortName:
			return cmp.Compare(x.Name, y.Name)
		case gen.ListOAuthAppsParamsSortCreatedAt:
			return x.CreatedAt.Compare(y.CreatedAt.Time)
		case gen.ListOAuthAppsParamsSortUpdatedAt:
			return x.UpdatedAt.Compare(y.UpdatedAt.Time)
		}
		return 0
	}
	slices.SortFunc(apps, func(x, y gen.OAuthAppSummary) int {
		c := cmp.Or(by(x, y), cmp.Compare(x.Identifier, y.Identifier))
		if p.SortDir == gen.SortDirectionDesc {
			return -c
		}
		return c
	})
	limit := cmp.Or(p.Limit, 100)
	from, to, _ := page(len(apps), p.Offset, limit)
	return server.ListOAuthApps200JSONResponse{Items: append([]gen.OAuthAppSummary{}, apps[from:to]...),
		Pagination: gen.Pagination{Limit: limit, Offset: p.Offset, TotalCount: len(apps)}}, nil
}

// CreateOAuthApp registers an application of the caller; its client id and
// secret work at the token endpoint at once.
func (a *api) CreateOAuthApp(ctx context.Context, req server.CreateOAuthAppRequestObject) (server.CreateOAuthAppResponseObject, error) {
	b := req.Body
	var vs []violation
	switch name := strings.TrimSpace(b.Name); {
	case name == "":
		vs = append(vs, violation{path: "name", title: "This value should not be blank."})
	case len(name) > 255:
		vs = append(vs, violation{path: "name", title: "This value is too long. It should have 255 characters or less."})
	}
	vs = append(vs, checkAppURL("redirectUri", b.RedirectUri)...)
	if b.Website != "" {
		vs = append(vs, checkAppURL("website", b.Website)...)
	}
	if len(vs) > 0 {
		return server.CreateOAuthApp400JSONResponse{BadRequestJSONResponse: badRequest(vs...)}, nil
	}
	app, err := a.st.newApp(callerOf(ctx), strings.TrimSpace(b.Name), b.Website, b.RedirectUri, b.IsGlobal)
	if err != nil {
		return nil, err
	}
	return server.CreateOAuthApp201JSONResponse{Uuid: app.sum.Uuid, AppId: app.sum.AppId, Secret: app.secret}, nil
}

// callerApp finds an application of the caller, nil for another user's.
func (ua *usersArea) callerApp(ctx context.Context, uuid string) *oauthApp {
	if app := ua.apps[uuid]; app != nil && app.sum.UserId == callerOf(ctx) {
		return app
	}
	return nil
}

func (app *oauthApp) render() gen.OAuthApp {
	return gen.OAuthApp{Uuid: app.sum.Uuid, AppId: app.sum.AppId, Name: app.sum.Name, Secret: app.secret,
		Website: app.website, RedirectUri: app.redirectURI}
}

// GetOAuthApp returns one of the caller's applications with its secret;
// the configured client's secret is never handed out.
func (a *api) GetOAuthApp(ctx context.Context, req server.GetOAuthAppRequestObject) (server.GetOAuthAppResponseObject, error) {
	app := a.st.usersArea().callerApp(ctx, req.Uuid)
	if app == nil {
		return server.GetOAuthApp404JSONResponse{NotFoundJSONResponse: notFound("OAuth application", req.Uuid)}, nil
	}
	return server.GetOAuthApp200JSONResponse(app.render()), nil
}

// UpdateOAuthApp changes an application's redirect URI and, when given,
// its website.
func (a *api) UpdateOAuthApp(ctx context.Context, req server.UpdateOAuthAppRequestObject) (server.UpdateOAuthAppResponseObject, error) {
	app := a.st.usersArea().callerApp(ctx, req.Uuid)
	if app == nil {
		return server.UpdateOAuthApp404JSONResponse{NotFoundJSONResponse: notFound("OAuth application", req.Uuid)}, nil
	}
	b := req.Body
	vs := checkAppURL("redirectUri", b.RedirectUri)
	if b.Website != "" {
		vs = append(vs, checkAppURL("website", b.Website)...)
	}
	if len(vs) > 0 {
		return server.UpdateOAuthApp400JSONResponse{BadRequestJSONResponse: badRequest(vs...)}, nil
	}
	app.redirectURI = b.RedirectUri
	app.website = cmp.Or(b.Website, app.website)
	app.sum.UpdatedAt = a.st.stamp()
	out := app.render()
	out.Secret = ""
	return server.UpdateOAuthApp200JSONResponse(out), nil
}
