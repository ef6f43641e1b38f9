package sellercentertest

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/gen/server"
)

// badInput is the 400 body of a request the schema lets through but the API
// refuses, naming the offending property.
func badInput(property, title string) server.BadRequestJSONResponse {
	return server.BadRequestJSONResponse(validationProblem([]violation{{path: property, title: title}}))
}

// GetSellerSettings returns the settings map.
func (a *api) GetSellerSettings(_ context.Context, _ server.GetSellerSettingsRequestObject) (server.GetSellerSettingsResponseObject, error) {
	s, err := clone(a.st.account().settings)
	return server.GetSellerSettings200JSONResponse(s), err
}

// ListSellerConfigurationFields lists the profile's fields.
func (a *api) ListSellerConfigurationFields(_ context.Context, _ server.ListSellerConfigurationFieldsRequestObject) (server.ListSellerConfigurationFieldsResponseObject, error) {
	f, err := clone(a.st.account().fields)
	return server.ListSellerConfigurationFields200JSONResponse(f), err
}

// ListSellerProfileFieldValues lists the acting seller's profile values.
func (a *api) ListSellerProfileFieldValues(ctx context.Context, _ server.ListSellerProfileFieldValuesRequestObject) (server.ListSellerProfileFieldValuesResponseObject, error) {
	return server.ListSellerProfileFieldValues200JSONResponse(a.st.fieldValues(a.st.acting(ctx))), nil
}

// UpdateSellerProfile sets text values of the acting seller's profile; all
// or nothing.
func (a *api) UpdateSellerProfile(ctx context.Context, req server.UpdateSellerProfileRequestObject) (server.UpdateSellerProfileResponseObject, error) {
	var body []gen.ProfileFieldValue
	if req.Body != nil {
		body = *req.Body
	}
	if len(body) == 0 {
		return server.UpdateSellerProfile400JSONResponse{BadRequestJSONResponse: badInput("", "give at least one field")}, nil
	}
	fail := func(detail string) (server.UpdateSellerProfileResponseObject, error) {
		return server.UpdateSellerProfile422JSONResponse{UnprocessableJSONResponse: ruleProblem(detail)}, nil
	}
	st, acct := a.st, a.st.account()
	seen := map[int]bool{}
	for i, v := range body {
		f := acct.field(v.Id)
		switch {
		case seen[v.Id]:
			return server.UpdateSellerProfile400JSONResponse{BadRequestJSONResponse: badInput(fmt.Sprintf("[%d].id", i),
				fmt.Sprintf("field %d is given twice", v.Id))}, nil
		case f == nil:
			return fail(fmt.Sprintf("profile field %d does not exist", v.Id))
		case !f.IsEditable:
			return fail(fmt.Sprintf("profile field %d (%s) cannot be edited", f.Id, f.FieldName))
		case f.Type == "File":
			return fail(fmt.Sprintf("profile field %d (%s) takes a file: upload it", f.Id, f.FieldName))
		case len(f.Options) > 0 && !slices.Contains(f.Options, v.Value):
			return fail(fmt.Sprintf("profile field %d (%s) takes one of %s, not %q", f.Id, f.FieldName, strings.Join(f.Options, ", "), v.Value))
		case f.IsMandatory && strings.TrimSpace(v.Value) == "":
			return fail(fmt.Sprintf("profile field %d (%s) is mandatory", f.Id, f.FieldName))
		}
		seen[v.Id] = true
	}
	s := st.acting(ctx)
	for _, v := range body {
		st.setFieldValue(s, acct.field(v.Id), v.Value)
	}
	s.UpdatedAt = st.stamp()
	return server.UpdateSellerProfile200JSONResponse(slices.Clone(body)), nil
}

// UploadSellerProfileFile stores the file of a file field of the acting
// seller's profile.
func (a *api) UploadSellerProfileFile(ctx context.Context, req server.UploadSellerProfileFileRequestObject) (server.UploadSellerProfileFileResponseObject, error) {
	st, acct := a.st, a.st.account()
	f := acct.field(req.FieldId)
	if f == nil {
		return server.UploadSellerProfileFile404JSONResponse{NotFoundJSONResponse: notFound("profile field", req.FieldId)}, nil
	}
	form, err := readForm(req.Body)
	if err != nil {
		return server.UploadSellerProfileFile400JSONResponse{BadRequestJSONResponse: badInput("", err.Error())}, nil
	}
	file := form["file1"]
	switch {
	case len(file.data) == 0:
		return server.UploadSellerProfileFile400JSONResponse{BadRequestJSONResponse: badInput("file1", "the file is empty")}, nil
	case f.Type != "File":
		return server.UploadSellerProfileFile422JSONResponse{UnprocessableJSONResponse: ruleProblem(
			fmt.Sprintf("profile field %d (%s) is a %s field, not a file field", f.Id, f.FieldName, f.Type))}, nil
	}
	name := path.Base(strings.ReplaceAll(file.filename, `\`, "/"))
	if name == "." || name == "/" {
		name = "file"
	}
	s := st.acting(ctx)
	link := fmt.Sprintf("https://files.example/seller/%d/profile/%d/%s?Expires=%d", s.Id, f.Id, url.PathEscape(name), st.now().Add(time.Hour).Unix())
	v, err := json.Marshal(map[string]string{"originalName": name, "url": link})
	if err != nil {
		return nil, err
	}
	if acct.files[s.Id] == nil {
		acct.files[s.Id] = map[int]string{}
	}
	acct.files[s.Id][f.Id] = string(v)
	s.UpdatedAt = st.stamp()
	return server.UploadSellerProfileFile200JSONResponse{{Id: f.Id, Value: string(v)}}, nil
}

// ListSellerExternalFiles lists the stored files one page at a time.
func (a *api) ListSellerExternalFiles(_ context.Context, req server.ListSellerExternalFilesRequestObject) (server.ListSellerExternalFilesResponseObject, error) {
	p := req.Params
	st := a.st
	files := slices.Clone(st.account().externalFiles)
	key := func(x, y gen.SellerExternalFile) int { return 0 }
	switch p.Sort {
	case gen.ListSellerExternalFilesParamsSortUploadedAt:
		key = func(x, y gen.SellerExternalFile) int { return x.UploadedAt.Compare(y.UploadedAt.Time) }
	case gen.ListSellerExternalFilesParamsSortFileType:
		key = func(x, y gen.SellerExternalFile) int { return cmp.Compare(x.FileType, y.FileType) }
	case gen.ListSellerExternalFilesParamsSortFileName:
		key = func(x, y gen.SellerExternalFile) int { return cmp.Compare(x.FileName, y.FileName) }
	}
	slices.SortStableFunc(files, func(x, y gen.SellerExternalFile) int {
		if p.SortDir == gen.ListSellerExternalFilesParamsSortDirDESC {
			return key(y, x)
		}
		return key(x, y)
	})
	from, to, _ := page(len(files), p.Offset, p.Limit)
	out := server.ListSellerExternalFiles200JSONResponse{Items: files[from:to],
		Pagination: gen.Pagination{Limit: p.Limit, Offset: p.Offset, TotalCount: len(files)}}
	expires := st.now().Add(time.Hour).Unix()
	for i := range out.Items {
		out.Items[i].DownloadUrl = fmt.Sprintf("https://files.example/seller/%d/%s?Expires=%d", st.seller.Id, url.PathEscape(out.Items[i].FileName), expires)
	}
	return out, nil
}

// ListSellerCommissions lists the commission rates.
func (a *api) ListSellerCommissions(_ context.Context, _ server.ListSellerCommissionsRequestObject) (server.ListSellerCommissionsResponseObject, error) {
	c, err := clone(a.st.account().commissions)
	return server.ListSellerCommissions200JSONResponse{Items: c}, err
}

// ListSellerPayouts lists the statements' payouts.
func (a *api) ListSellerPayouts(_ context.Context, _ server.ListSellerPayoutsRequestObject) (server.ListSellerPayoutsResponseObject, error) {
	return server.ListSellerPayouts200JSONResponse(slices.Clone(a.st.account().payouts)), nil
}

// ListSellerRatings lists the acting seller's ratings whose period ends
// within from and to.
func (a *api) ListSellerRatings(ctx context.Context, req server.ListSellerRatingsRequestObject) (server.ListSellerRatingsResponseObject, error) {
	p := req.Params
	if !p.From.IsZero() && !p.To.IsZero() && p.To.Before(p.From.Time) {
		return server.ListSellerRatings422JSONResponse{UnprocessableJSONResponse: ruleProblem("from must not be after to")}, nil
	}
	all, err := a.st.ratingsOf(a.st.acting(ctx))
	if err != nil {
		return nil, err
	}
	out := server.ListSellerRatings200JSONResponse{}
	for _, r := range all {
		if within(r.EndDate.Time, p.From, p.To) {
			out = append(out, r)
		}
	}
	return out, nil
}

// UpdateSellerCustomKpis writes custom KPI values; all or nothing.
func (a *api) UpdateSellerCustomKpis(_ context.Context, req server.UpdateSellerCustomKpisRequestObject) (server.UpdateSellerCustomKpisResponseObject, error) {
	var body []gen.CustomKpiValue
	if req.Body != nil {
		body = *req.Body
	}
	st, acct := a.st, a.st.account()
	for _, v := range body {
		if !slices.ContainsFunc(st.sellers(), func(s *gen.Seller) bool { return s.ShortCode == v.SellerShortCode }) {
			return server.UpdateSellerCustomKpis404JSONResponse{NotFoundJSONResponse: notFound("seller with short code", v.SellerShortCode)}, nil
		}
	}
	for _, v := range body {
		i := slices.IndexFunc(acct.kpis, func(k gen.CustomKpiValue) bool {
			return k.SellerShortCode == v.SellerShortCode && k.ExternalKpiName == v.ExternalKpiName
		})
		if i < 0 {
			acct.kpis = append(acct.kpis, v)
		} else {
			acct.kpis[i] = v
		}
	}
	// The vendor document answers one value; a single write gets exactly
	// that, several get the list, so clients meet both shapes.
	var out gen.CustomKpiResult
	var err error
	if len(body) == 1 {
		err = out.FromCustomKpiValue(body[0])
	} else {
		err = out.FromCustomKpiValueList(slices.Clone(body))
	}
	return server.UpdateSellerCustomKpis200JSONResponse(out), err
}

// GetSellerStatistics returns the dashboard figures of the mock's state.
func (a *api) GetSellerStatistics(_ context.Context, _ server.GetSellerStatisticsRequestObject) (server.GetSellerStatisticsResponseObject, error) {
	return server.GetSellerStatistics200JSONResponse{a.st.statistics()}, nil
}

// ListSellerMetrics lists the metrics per period type.
func (a *api) ListSellerMetrics(_ context.Context, _ server.ListSellerMetricsRequestObject) (server.ListSellerMetricsResponseObject, error) {
	return server.ListSellerMetrics200JSONResponse(slices.Clone(a.st.account().metrics)), nil
}

// ListPendingSellerContracts lists the acting seller's contracts not yet
// accepted.
func (a *api) ListPendingSellerContracts(ctx context.Context, _ server.ListPendingSellerContractsRequestObject) (server.ListPendingSellerContractsResponseObject, error) {
	id := a.st.acting(ctx).Id
	out := server.ListPendingSellerContracts200JSONResponse{}
	for _, c := range a.st.account().contracts {
		if c.SellerId == id && c.ApprovedAt == nil {
			out = append(out, c)
		}
	}
	return out, nil
}

// AcceptSellerContracts accepts pending contracts of the acting seller; all
// or nothing.
func (a *api) AcceptSellerContracts(ctx context.Context, req server.AcceptSellerContractsRequestObject) (server.AcceptSellerContractsResponseObject, error) {
	var ids []int
	if req.Body != nil {
		ids = req.Body.ContractIds
	}
	bad := func(property, title string) (server.AcceptSellerContractsResponseObject, error) {
		return server.AcceptSellerContracts400JSONResponse{BadRequestJSONResponse: badInput(property, title)}, nil
	}
	if len(ids) == 0 {
		return bad("contractIds", "give at least one contract id")
	}
	st := a.st
	s := st.acting(ctx)
	acct := st.account()
	var idx []int
	for n, id := range ids {
		i := slices.IndexFunc(acct.contracts, func(c gen.SellerContract) bool { return c.ContractId == id && c.SellerId == s.Id })
		switch {
		case i < 0:
			return bad(fmt.Sprintf("contractIds[%d]", n), fmt.Sprintf("contract %d does not exist", id))
		case acct.contracts[i].ApprovedAt != nil:
			return bad(fmt.Sprintf("contractIds[%d]", n), fmt.Sprintf("contract %d is already accepted", id))
		case slices.Contains(idx, i):
			return bad(fmt.Sprintf("contractIds[%d]", n), fmt.Sprintf("contract %d is given twice", id))
		}
		idx = append(idx, i)
	}
	now := st.stamp()
	for _, i := range idx {
		acct.contracts[i].ApprovedAt, acct.contracts[i].UpdatedAt = ptr(now), now
	}
	if !slices.ContainsFunc(acct.contracts, func(c gen.SellerContract) bool { return c.SellerId == s.Id && c.ApprovedAt == nil }) {
		s.AgreementsAccepted = true
	}
	return server.AcceptSellerContracts200JSONResponse{ContractIds: slices.Clone(ids)}, nil
}

// ListSellers lists the sellers the user may see, filtered, one page at a
// time.
func (a *api) ListSellers(_ context.Context, req server.ListSellersRequestObject) (server.ListSellersResponseObject, error) {
	p := req.Params
	var match []gen.Seller
	for _, s := range a.st.sellers() {
		switch {
		case p.SellerSrcId != "" && s.SrcId != p.SellerSrcId,
			len(p.Ids) > 0 && !slices.Contains(p.Ids, s.Id),
			len(p.Uuids) > 0 && !slices.Contains(p.Uuids, s.Uuid),
			len(p.ShortCodes) > 0 && !slices.Contains(p.ShortCodes, s.ShortCode),
			p.Name != "" && !strings.Contains(strings.ToLower(s.Name), strings.ToLower(p.Name)),
			p.OnlyActive && s.Status != gen.SellerStatusActive:
			continue
		}
		match = append(match, *s)
	}
	from, to, hasNext := page(len(match), p.Offset, p.Limit)
	items, err := clone(match[from:to])
	if items == nil {
		items = []gen.Seller{}
	}
	return server.ListSellers200JSONResponse{Items: items,
		Pagination: gen.OpenPagination{Limit: p.Limit, Offset: p.Offset, HasNext: hasNext}}, err
}

// GetSellerById returns a seller the user may see.
func (a *api) GetSellerById(_ context.Context, req server.GetSellerByIdRequestObject) (server.GetSellerByIdResponseObject, error) {
	s := a.st.sellerByID(req.SellerId)
	if s == nil {
		return server.GetSellerById404JSONResponse{NotFoundJSONResponse: notFound("seller", req.SellerId)}, nil
	}
	out, err := clone(*s)
	return server.GetSellerById200JSONResponse(out), err
}

// SwitchSeller makes the seller the one access tokens issued from now on
// act for; tokens issued before keep their seller.
func (a *api) SwitchSeller(_ context.Context, req server.SwitchSellerRequestObject) (server.SwitchSellerResponseObject, error) {
	if a.st.sellerByID(req.SellerId) == nil {
		return server.SwitchSeller404JSONResponse{NotFoundJSONResponse: notFound("seller", req.SellerId)}, nil
	}
	a.st.account().selected = req.SellerId
	return server.SwitchSeller200JSONResponse{Success: true}, nil
}

// GetCreditNoteSettings returns the credit note number settings.
func (a *api) GetCreditNoteSettings(_ context.Context, _ server.GetCreditNoteSettingsRequestObject) (server.GetCreditNoteSettingsResponseObject, error) {
	return server.GetCreditNoteSettings200JSONResponse(a.st.creditNoteSettings()), nil
}

// UpdateCreditNoteSettings sets the prefix and next number and answers 201,
// as the vendor document says.
func (a *api) UpdateCreditNoteSettings(_ context.Context, req server.UpdateCreditNoteSettingsRequestObject) (server.UpdateCreditNoteSettingsResponseObject, error) {
	if req.Body == nil {
		return server.UpdateCreditNoteSettings400JSONResponse{BadRequestJSONResponse: badInput("", "the body is missing")}, nil
	}
	b := *req.Body
	if strings.ContainsAny(b.Prefix, " \t\r\n") {
		return server.UpdateCreditNoteSettings400JSONResponse{BadRequestJSONResponse: badInput("prefix", "the prefix must not contain spaces")}, nil
	}
	c := &a.st.account().creditNote
	c.GenerationType, c.Prefix, c.NextNumber = string(gen.CreditNoteSettingsUpdateGenerationTypeAutoincrementNumber), b.Prefix, b.NextNumber
	return server.UpdateCreditNoteSettings201JSONResponse(a.st.creditNoteSettings()), nil
}

// ListPaymentMethods lists the payment methods of the settings and of past
// orders.
func (a *api) ListPaymentMethods(_ context.Context, _ server.ListPaymentMethodsRequestObject) (server.ListPaymentMethodsResponseObject, error) {
	return server.ListPaymentMethods200JSONResponse(a.st.paymentMethodsUsed()), nil
}
