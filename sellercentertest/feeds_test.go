package sellercentertest

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/xml"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter/gen"
)

// upload sends a file to a multipart import through the generated client.
func upload(t *testing.T, c *gen.ClientWithResponses, op func(ctx context.Context, contentType string, body io.Reader, _ ...gen.RequestEditorFn) (*http.Response, error), name string, content []byte) (int, gen.ImportAccepted, gen.ValidationProblem) {
	t.Helper()
	ct, body := multipartBody(t, nil, "file1", name, content)
	resp, err := op(context.Background(), ct, strings.NewReader(body))
	if err != nil {
		t.Fatalf("uploading %s: %v", name, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var ok gen.ImportAccepted
	var bad gen.ValidationProblem
	switch resp.StatusCode {
	case http.StatusCreated:
		ok = decode[gen.ImportAccepted](t, b)
	case http.StatusBadRequest:
		bad = decode[gen.ValidationProblem](t, b)
	}
	return resp.StatusCode, ok, bad
}

// pollFeed reads a feed's status through the generated client.
func pollFeed(t *testing.T, c *gen.ClientWithResponses, uuid string) gen.FeedReport {
	t.Helper()
	r, err := c.GetFeedStatusWithResponse(context.Background(), uuid)
	if err != nil || r.JSON200 == nil {
		t.Fatalf("getFeedStatus(%s) = %d %s, %v", uuid, r.StatusCode(), r.Body, err)
	}
	return *r.JSON200
}

// rowError is the first error a feed reports for a SKU.
type rowError struct {
	field string
	code  int
}

func errorsBySku(rep gen.FeedReport) map[string]rowError {
	out := map[string]rowError{}
	for _, e := range rep.Errors {
		if _, ok := out[e.SellerSku]; !ok {
			out[e.SellerSku] = rowError{e.FieldName, e.ErrorCode}
		}
	}
	return out
}

func sameErrors(got, want map[string]rowError) bool {
	if len(got) != len(want) {
		return false
	}
	for k, v := range want {
		if got[k] != v {
			return false
		}
	}
	return true
}

func TestStockImportFeed(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	c := apiClient(t, s)
	file := "SellerSku,Quantity,Colour\nBTK-KWG-BL-S,40,\nNO-SUCH-SKU,3,\nBTK-PRG-RD-M,-2,\nSDL-LTH-42,5,\nBTK-PRG-RD-L,abc,\nEGIFT-50,0,\n"
	status, ok, _ := upload(t, c, c.ImportStockUpdatesWithBody, "stock.csv", []byte(file))
	if status != http.StatusCreated || ok.FeedUuid == "" || !ok.Success {
		t.Fatalf("importStockUpdates(stock.csv) = %d %+v, want 201 with a feed", status, ok)
	}
	if w := ok.WarningMessages; len(w) != 1 || !strings.Contains(w[0], "Colour") {
		t.Errorf("importStockUpdates warnings = %q, want one about the unknown column Colour", w)
	}
	uuid := ok.FeedUuid
	rep := pollFeed(t, c, uuid)
	if rep.Status != gen.FeedStateFinished || rep.Action != gen.FeedActionProductStockUpdate {
		t.Fatalf("getFeedStatus(%s) on the first poll = %s %s, want a Finished ProductStockUpdate", uuid, rep.Status, rep.Action)
	}
	want := map[string]rowError{
		"NO-SUCH-SKU":  {"SellerSku", codeUnknown},
		"BTK-PRG-RD-M": {"Quantity", codeInvalid},
		"SDL-LTH-42":   {"Quantity", codeRule},
		"BTK-PRG-RD-L": {"Quantity", codeInvalid},
	}
	if got := errorsBySku(rep); !sameErrors(got, want) {
		t.Errorf("getFeedStatus(%s).errors = %v, want %v", uuid, got, want)
	}
	for _, e := range rep.Errors {
		if e.ItemId == "" || e.ErrorMessage == "" {
			t.Errorf("feed error %+v lacks its row id or message", e)
		}
	}
	stock := []struct {
		id   int
		want int
	}{{51001, 40}, {51011, 0}, {51004, 7}, {51005, 9}}
	for _, st := range stock {
		if got, err := s.Stock(st.id); err != nil || got.Quantity != st.want {
			t.Errorf("Stock(%d).quantity after the feed = %d, %v; want %d", st.id, got.Quantity, err, st.want)
		}
	}
	f, err := s.Feed(uuid)
	if err != nil || f.TotalRecords != 6 || f.ProcessedRecords != 6 || f.FailedRecords != 4 || f.FailureReportExportItemid == nil {
		t.Fatalf("Feed(%s) = %+v, %v; want 6 rows, 6 processed, 4 failed and a report", uuid, f, err)
	}
	// The error report is an export; its file names the failed rows.
	x, err := s.Export(*f.FailureReportExportItemid)
	if err != nil || x.Status != gen.ExportItemStatusFinished || len(x.DownloadLinks) != 1 {
		t.Fatalf("Export(%d) = %+v, %v; want a finished report", *f.FailureReportExportItemid, x, err)
	}
	tok := token(t, s)
	code, _, body := call(t, s, tok, http.MethodGet, strings.TrimPrefix(x.DownloadLinks[0], apiPrefix), "", "")
	if code != 200 || !strings.Contains(string(body), "NO-SUCH-SKU") || !strings.Contains(string(body), "BTK-PRG-RD-L") {
		t.Errorf("downloading the report = %d %q, want the failed rows", code, body)
	}
	in, err := c.GetFeedInputsWithResponse(context.Background(), &gen.GetFeedInputsParams{FeedUuidList: []string{uuid}})
	if err != nil || in.JSON200 == nil || len(*in.JSON200) != 1 {
		t.Fatalf("getFeedInputs = %v", err)
	}
	if raw, err := base64.StdEncoding.DecodeString((*in.JSON200)[0].File); err != nil || string(raw) != file || (*in.JSON200)[0].MimeType != mimeCSV {
		t.Errorf("getFeedInputs(%s) = %q, %v; want the uploaded CSV", uuid, raw, err)
	}
}

func TestFeedDelay(t *testing.T) {
	t.Parallel()
	clock := newClock()
	s := newServer(t, Config{Now: clock.Now, FeedDelay: 10 * time.Minute})
	c := apiClient(t, s)
	ctx := context.Background()
	_, ok, _ := upload(t, c, c.ImportStockUpdatesWithBody, "stock.csv", []byte("SellerSku,Quantity\nBTK-KWG-BL-S,1\n"))
	_, other, _ := upload(t, c, c.ImportStockUpdatesWithBody, "stock.csv", []byte("SellerSku,Quantity\nBTK-KWG-BL-L,77\n"))
	uuid := ok.FeedUuid
	steps := []struct {
		advance time.Duration
		status  gen.FeedState
		stock   int
	}{
		{0, gen.FeedStateQueued, 12},
		{4 * time.Minute, gen.FeedStateQueued, 12},
		{time.Minute, gen.FeedStateProcessing, 12},
		{4*time.Minute + 59*time.Second, gen.FeedStateProcessing, 12},
		{time.Second, gen.FeedStateFinished, 1},
	}
	for i, step := range steps {
		clock.Advance(step.advance)
		if i == 1 {
			if r, err := c.CancelFeedWithResponse(ctx, other.FeedUuid); err != nil || r.StatusCode() != 204 {
				t.Fatalf("cancelFeed(queued) = %d, %v; want 204", r.StatusCode(), err)
			}
		}
		if got := pollFeed(t, c, uuid).Status; got != step.status {
			t.Errorf("step %d: getFeedStatus = %s, want %s", i, got, step.status)
		}
		if got, _ := s.Stock(51001); got.Quantity != step.stock {
			t.Errorf("step %d (%s): Stock(51001).quantity = %d, want %d", i, step.status, got.Quantity, step.stock)
		}
		if i == 2 {
			if r, _ := c.CancelFeedWithResponse(ctx, uuid); r.StatusCode() != 404 {
				t.Errorf("cancelFeed(processing) = %d, want 404", r.StatusCode())
			}
		}
	}
	if got := pollFeed(t, c, other.FeedUuid).Status; got != gen.FeedStateCanceled {
		t.Errorf("the canceled feed's status = %s, want Canceled", got)
	}
	if got, _ := s.Stock(51003); got.Quantity != 0 {
		t.Errorf("Stock(51003) = %d, want 0: the canceled feed must not apply", got.Quantity)
	}
	n, err := c.CountFeedsWithResponse(ctx)
	if err != nil || n.JSON200 == nil || n.JSON200.Total != 5 || n.JSON200.Canceled != 2 || n.JSON200.Finished != 3 {
		t.Errorf("countFeeds = %s, want 5 in all: 3 finished (two seeded), 2 canceled (one seeded)", n.Body)
	}
	page, err := c.ListFeedsWithResponse(ctx, &gen.ListFeedsParams{Limit: 2, Offset: 0})
	if err != nil || page.JSON200 == nil || len(page.JSON200.Items) != 2 || page.JSON200.Items[0].Id < page.JSON200.Items[1].Id ||
		page.JSON200.Pagination.TotalCount != 5 {
		t.Errorf("listFeeds(limit 2) = %s, want the two newest of 5", page.Body)
	}
}

func xmlEnvelope(t *testing.T, status int, body []byte) gen.XmlResponse {
	t.Helper()
	var env gen.XmlResponse
	if err := xml.Unmarshal(body, &env); err != nil {
		t.Fatalf("decoding the %d envelope %s: %v", status, body, err)
	}
	return env
}

func TestXMLImports(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	c := apiClient(t, s)
	ctx := context.Background()
	send := func(op func(context.Context, string, io.Reader, ...gen.RequestEditorFn) (*http.Response, error), body string) (int, gen.XmlResponse) {
		t.Helper()
		resp, err := op(ctx, mimeXML, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		if ct := resp.Header.Get("Content-Type"); ct != mimeXML {
			t.Errorf("the answer to %s has Content-Type %q, want text/xml", body, ct)
		}
		return resp.StatusCode, xmlEnvelope(t, resp.StatusCode, b)
	}
	stock, create, update := c.ImportStockUpdatesXmlWithBody, c.ImportNewProductsXmlWithBody, c.ImportProductUpdatesXmlWithBody

	// Accepted: the RequestId is the feed that applies the rows.
	code, env := send(stock, `<?xml version="1.0"?><Request><Product><SellerSku>BTK-KWG-BL-S</SellerSku><Quantity>31</Quantity></Product>`+
		`<Product><SellerSku>GONE-1</SellerSku><Quantity>1</Quantity></Product></Request>`)
	if code != 200 || env.XMLName.Local != "SuccessResponse" || env.Head == nil || deref(env.Head.RequestAction) != "ProductStockUpdate" {
		t.Fatalf("importStockUpdatesXml = %d %+v, want a SuccessResponse", code, env)
	}
	rep := pollFeed(t, c, deref(env.Head.RequestId))
	if got := errorsBySku(rep); !sameErrors(got, map[string]rowError{"GONE-1": {"SellerSku", codeUnknown}}) || rep.Status != gen.FeedStateFinished {
		t.Errorf("the feed of the XML import = %s %v, want Finished with GONE-1 unknown", rep.Status, got)
	}
	if got, _ := s.Stock(51001); got.Quantity != 31 {
		t.Errorf("Stock(51001) after the XML import = %d, want 31", got.Quantity)
	}

	// Create and update, with attributes in ProductData.
	code, env = send(create, `<Request><Product><SellerSku>TOTE-CNV-BLU</SellerSku><Name>Canvas Tote Bag Blue</Name><PrimaryCategory>231</PrimaryCategory>`+
		`<Description><![CDATA[<p>A blue tote.</p>]]></Description><Brand>Kampung Canvas</Brand><Price>54.50</Price><Quantity>6</Quantity>`+
		`<ProductData><ColorFamily>Blue</ColorFamily><Material>Canvas, Cotton</Material></ProductData></Product>`+
		`<Product><SellerSku>TOTE-CNV-PNK</SellerSku><Name>Canvas Tote Bag Pink</Name><PrimaryCategory>231</PrimaryCategory>`+
		`<Description>A pink tote.</Description><Brand>Kampung Canvas</Brand><Price>54.50</Price><ProductData><ColorFamily>Pink</ColorFamily></ProductData></Product></Request>`)
	if code != 200 || env.XMLName.Local != "SuccessResponse" {
		t.Fatalf("importNewProductsXml = %d %+v", code, env)
	}
	rep = pollFeed(t, c, deref(env.Head.RequestId))
	if got := errorsBySku(rep); !sameErrors(got, map[string]rowError{"TOTE-CNV-PNK": {"ColorFamily", codeInvalid}}) {
		t.Errorf("the feed of importNewProductsXml has errors %v, want the unknown colour Pink", got)
	}
	p, err := s.ProductBySellerSku("TOTE-CNV-BLU")
	if err != nil {
		t.Fatalf("ProductBySellerSku(TOTE-CNV-BLU) = %v", err)
	}
	ps, _ := s.ProductSet(p.ProductSetId)
	if deref(ps.Description) != "<p>A blue tote.</p>" || len(ps.Attributes) != 2 || ps.BrandId != 204 {
		t.Errorf("the created set = %+v, want the CDATA description, two attributes and brand 204", ps)
	}
	if st, _ := s.Stock(p.Id); st.Quantity != 6 {
		t.Errorf("the created product's stock = %d, want 6", st.Quantity)
	}
	code, env = send(update, `<Request><Product><SellerSku>TOTE-CNV-BLU</SellerSku><Price>49.00</Price><SalePrice>44.00</SalePrice>`+
		`<SaleEndDate>2031-01-01T00:00:00Z</SaleEndDate><Status>inactive</Status></Product></Request>`)
	if code != 200 || env.XMLName.Local != "SuccessResponse" {
		t.Fatalf("importProductUpdatesXml = %d %+v", code, env)
	}
	if rep := pollFeed(t, c, deref(env.Head.RequestId)); len(rep.Errors) != 0 {
		t.Errorf("the update feed has errors %+v", rep.Errors)
	}
	if pr, err := s.Price(p.Id, "MY"); err != nil || pr.Price != 49 || deref(pr.SalePrice) != 44 {
		t.Errorf("Price after the XML update = %v/%v, %v; want 49 with sale 44", pr.Price, deref(pr.SalePrice), err)
	}
	if got, _ := s.Product(p.Id); got.Status != gen.ProductStatusInactive {
		t.Errorf("status after the XML update = %s, want inactive", got.Status)
	}

	// Refused, the legacy way.
	before, _ := c.CountFeedsWithResponse(ctx)
	refused := []struct {
		name   string
		op     func(context.Context, string, io.Reader, ...gen.RequestEditorFn) (*http.Response, error)
		body   string
		status int
		code   int
		detail string // Field of an ErrorDetail, and its SellerSku when set
		sku    string
	}{
		{"negative quantity", stock, `<Request><Product><SellerSku>EGIFT-50</SellerSku><Quantity>-4</Quantity></Product></Request>`, 200, xmlFormatError, "Quantity", "EGIFT-50"},
		{"repeated sku", stock, `<Request><Product><SellerSku>EGIFT-50</SellerSku><Quantity>4</Quantity></Product><Product><SellerSku>EGIFT-50</SellerSku><Quantity>5</Quantity></Product></Request>`, 200, xmlFormatError, "SellerSku", "EGIFT-50"},
		{"bad price", update, `<Request><Product><SellerSku>EGIFT-50</SellerSku><Price>10.0x</Price></Product></Request>`, 200, xmlFormatError, "Price", "EGIFT-50"},
		{"sale above price", update, `<Request><Product><SellerSku>EGIFT-50</SellerSku><Price>10</Price><SalePrice>12</SalePrice><SaleEndDate>2031-01-01T00:00:00Z</SaleEndDate></Product></Request>`, 200, xmlFormatError, "SalePrice", "EGIFT-50"},
		{"quantity not a number", stock, `<Request><Product><SellerSku>EGIFT-50</SellerSku><Quantity>many</Quantity></Product></Request>`, 400, xmlFormatError, "Product[0].Quantity", ""},
		{"missing name", create, `<Request><Product><SellerSku>X</SellerSku><PrimaryCategory>231</PrimaryCategory><Description>Long enough</Description><Brand>Kampung Canvas</Brand><Price>1</Price></Product></Request>`, 400, xmlFormatError, "Product[0].Name", ""},
		{"no product", stock, `<Request></Request>`, 400, xmlEmptyRequest, "", ""},
		{"empty body", stock, ``, 400, xmlEmptyRequest, "", ""},
		{"not XML", stock, `SellerSku,Quantity`, 400, xmlFormatError, "", ""},
	}
	for _, r := range refused {
		code, env := send(r.op, r.body)
		if code != r.status || env.XMLName.Local != "ErrorResponse" || env.Head == nil || deref(env.Head.ErrorCode) != r.code || deref(env.Head.ErrorType) != "Sender" {
			t.Errorf("XML import (%s) = %d %s code %d, want %d ErrorResponse with code %d", r.name, code, env.XMLName.Local, deref(env.Head.ErrorCode), r.status, r.code)
			continue
		}
		if r.detail == "" {
			continue
		}
		var details []gen.XmlDetail
		if env.Body != nil {
			details = env.Body.ErrorDetail
		}
		if !slices.ContainsFunc(details, func(d gen.XmlDetail) bool {
			return strings.HasPrefix(deref(d.Field), r.detail) && deref(d.SellerSku) == r.sku
		}) {
			t.Errorf("XML import (%s) details = %+v, want one for %s of %q", r.name, details, r.detail, r.sku)
		}
	}
	after, _ := c.CountFeedsWithResponse(ctx)
	if after.JSON200.Total != before.JSON200.Total {
		t.Errorf("refused XML imports made feeds: %d before, %d after", before.JSON200.Total, after.JSON200.Total)
	}
	// The generated client reads the envelope of a 200 into XML200.
	r, err := c.ImportStockUpdatesXmlWithBodyWithResponse(ctx, mimeXML, strings.NewReader(refused[0].body))
	if err != nil || r.XML200 == nil || r.XML200.XMLName.Local != "ErrorResponse" || !strings.HasPrefix(deref(r.XML200.Head.ErrorMessage), "E1000") {
		t.Errorf("ImportStockUpdatesXmlWithBodyWithResponse(negative quantity).XML200 = %+v, %v; want the ErrorResponse", r.XML200, err)
	}
}

func TestProductImports(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	c := apiClient(t, s)
	run := func(op func(context.Context, string, io.Reader, ...gen.RequestEditorFn) (*http.Response, error), name string, content []byte) gen.FeedReport {
		t.Helper()
		status, ok, bad := upload(t, c, op, name, content)
		if status != http.StatusCreated {
			t.Fatalf("uploading %s = %d %+v", name, status, bad)
		}
		return pollFeed(t, c, ok.FeedUuid)
	}

	created := run(c.ImportNewProductsWithBody, "new.csv", []byte(
		"SellerSku;ParentSku;Name;Brand;PrimaryCategory;Price;Variation;Quantity;ColorFamily;Material\n"+
			"TOTE-CNV-WHT;;Canvas Tote Bag White;Kampung Canvas;231;49.90;;5;White;Canvas\n"+
			"BTK-KWG-BL-XXL;BTK-KWG-BL;Batik Shirt Kawung Blue;;;135;XXL;2;;\n"+
			"BTK-KWG-BL-M;;Dup;Kampung Canvas;231;10;;;White;Canvas\n"+
			"NEW-ADI;;Sneaker;Adidas;321;100;;;;\n"+
			"NEW-NOATTR;;Tote;Kampung Canvas;231;20;;;;\n"+
			"NEW-DUPVAR;BTK-KWG-BL;Shirt;;;99;M;;;\n"))
	wantCreate := map[string]rowError{
		"BTK-KWG-BL-M": {"SellerSku", codeExists},
		"NEW-ADI":      {"Brand", codeRule},
		"NEW-NOATTR":   {"ColorFamily", codeRequired},
		"NEW-DUPVAR":   {"Variation", codeExists},
	}
	got := errorsBySku(created)
	for sku, want := range wantCreate {
		if got[sku] != want {
			t.Errorf("product creation feed: error of %s = %v, want %v (all: %v)", sku, got[sku], want, got)
		}
	}
	if _, ok := got["TOTE-CNV-WHT"]; ok {
		t.Errorf("product creation feed failed the valid row TOTE-CNV-WHT: %v", got["TOTE-CNV-WHT"])
	}
	xxl, err := s.ProductBySellerSku("BTK-KWG-BL-XXL")
	if err != nil || xxl.ProductSetId != 7101 || deref(xxl.Variation) != "XXL" {
		t.Errorf("ProductBySellerSku(BTK-KWG-BL-XXL) = set %d variation %q, %v; want a new size of set 7101", xxl.ProductSetId, deref(xxl.Variation), err)
	}
	if pr, _ := s.Price(xxl.Id, "MY"); pr.Price != 135 {
		t.Errorf("the new size's price = %v, want 135", pr.Price)
	}
	white, err := s.ProductBySellerSku("TOTE-CNV-WHT")
	if err != nil || white.ApprovalStatus != gen.ProductApprovalStatusPending {
		t.Errorf("ProductBySellerSku(TOTE-CNV-WHT) = %+v, %v; want a new product pending approval", white, err)
	}

	updated := run(c.ImportProductUpdatesWithBody, "update.csv", []byte(
		"SellerSku,Name,Price,Country,Status,Notes\nSDL-LTH-40,Leather Sandals Tan,,,inactive,x\nSDL-LTH-41,,172,MY,,\nSDL-LTH-42,,,,sold,\nSDL-LTH-XX,Nope,,,,\n"))
	if got := errorsBySku(updated); !sameErrors(got, map[string]rowError{"SDL-LTH-42": {"Status", codeInvalid}, "SDL-LTH-XX": {"SellerSku", codeUnknown}}) {
		t.Errorf("product update feed errors = %v", got)
	}
	if ps, _ := s.ProductSet(7104); ps.Name != "Leather Sandals Tan" {
		t.Errorf("set 7104 name after the update = %q", ps.Name)
	}
	if p, _ := s.Product(51007); p.Status != gen.ProductStatusInactive {
		t.Errorf("SDL-LTH-40 status after the update = %s, want inactive", p.Status)
	}
	if pr, _ := s.Price(51008, "MY"); pr.Price != 172 {
		t.Errorf("SDL-LTH-41 price after the update = %v, want 172", pr.Price)
	}

	removed := run(c.ImportProductRemovalsWithBody, "remove.csv", []byte("SellerSku\nTOTE-CNV-NAT\nCSH-RTN-01\n"))
	if len(removed.Errors) != 0 || len(removed.Warnings) != 1 {
		t.Errorf("removal feed = errors %v warnings %v, want one warning for the product deleted already", removed.Errors, removed.Warnings)
	}
	if p, _ := s.ProductBySellerSku("TOTE-CNV-NAT"); p.Status != gen.ProductStatusDeleted {
		t.Errorf("TOTE-CNV-NAT after removal = %s, want deleted", p.Status)
	}

	images := run(c.ImportImageUpdatesWithBody, "images.xlsx", makeXLSX(t, [][]string{
		{"SellerSku", "MainImage", "Image2", "Image3"},
		{"SGK-SCF-GLD", "https://img.example.com/s1.jpg", "", "https://img.example.com/s3.jpg"},
		{"EGIFT-50", "ftp://img.example.com/card.jpg"},
	}))
	if got := errorsBySku(images); !sameErrors(got, map[string]rowError{"EGIFT-50": {"MainImage", codeInvalid}}) {
		t.Errorf("image feed errors = %v", got)
	}
	ims, _ := s.Images(7103)
	var urls []string
	for _, im := range ims {
		urls = append(urls, im.DisplayUrl)
	}
	if want := []string{"https://img.example.com/s1.jpg", "https://img.example.com/s3.jpg"}; !slices.Equal(urls, want) || ims[1].Position != 3 {
		t.Errorf("Images(7103) after the image feed = %v, want %v at positions 1 and 3", urls, want)
	}
	if ims, _ := s.Images(7106); len(ims) != 1 {
		t.Errorf("Images(7106) = %d images, want the failed row to change nothing", len(ims))
	}
}

func TestImportUploadsAreChecked(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	c := apiClient(t, s)
	cases := []struct {
		name    string
		file    string
		content []byte
		want    string
	}{
		{"empty file", "stock.csv", []byte("  \n"), "empty"},
		{"header only", "stock.csv", []byte("SellerSku,Quantity\n"), "no rows"},
		{"missing column", "stock.csv", []byte("SellerSku,Qty\nA,1\n"), "Quantity"},
		{"not a table", "stock.pdf", []byte("%PDF-1.4"), "neither CSV nor XLSX"},
		{"broken xlsx", "stock.xlsx", []byte("PK\x03\x04 not really a zip"), "XLSX"},
		{"zip named csv", "stock.csv", []byte("PK\x03\x04\x14\x00"), "zip"},
		{"bad quoting", "stock.csv", []byte("SellerSku,Quantity\n\"A,1\n"), "CSV"},
	}
	for _, tc := range cases {
		status, _, bad := upload(t, c, c.ImportStockUpdatesWithBody, tc.file, tc.content)
		if status != http.StatusBadRequest || !strings.Contains(bad.Detail, tc.want) ||
			len(bad.Violations) == 0 || bad.Violations[0].PropertyPath != "file1" {
			t.Errorf("importStockUpdates(%s) = %d %+v, want 400 on file1 saying %q", tc.name, status, bad.Detail, tc.want)
		}
	}
	// A form without file1 fails the document's own check.
	ct, body := multipartBody(t, nil, "file", "stock.csv", []byte("SellerSku,Quantity\nA,1\n"))
	r, err := c.ImportStockUpdatesWithBodyWithResponse(context.Background(), ct, strings.NewReader(body))
	if err != nil || r.StatusCode() != http.StatusBadRequest || r.JSON400 == nil {
		t.Errorf("importStockUpdates(no file1) = %d %s, want 400", r.StatusCode(), r.Body)
	}
}

func TestReadTable(t *testing.T) {
	t.Parallel()
	rich := func(files map[string]string) []byte {
		var b bytes.Buffer
		z := zip.NewWriter(&b)
		for name, content := range files {
			w, err := z.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := io.WriteString(w, content); err != nil {
				t.Fatal(err)
			}
		}
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	cases := []struct {
		name    string
		file    string
		content []byte
		want    [][]string
		format  string
	}{
		{"csv with BOM and semicolons", "a.csv", []byte("\xef\xbb\xbfSellerSku;Quantity\r\nA;1\r\n"), [][]string{{"SellerSku", "Quantity"}, {"A", "1"}}, "csv"},
		{"tab separated", "a.txt", []byte("SellerSku\tQuantity\nA\t1\n"), [][]string{{"SellerSku", "Quantity"}, {"A", "1"}}, "csv"},
		{"xlsx from the helper", "a.xlsx", makeXLSX(t, [][]string{{"SellerSku", "Price"}, {"A & B", "129.90"}}), [][]string{{"SellerSku", "Price"}, {"A & B", "129.9"}}, "xlsx"},
		{"xlsx without extension, rich text, gaps, float noise and booleans", "upload", rich(map[string]string{
			"xl/sharedStrings.xml": `<sst><si><r><t>Seller</t></r><r><t>Sku</t></r></si><si><t>Price</t></si></sst>`,
			"xl/worksheets/sheet1.xml": `<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>` +
				`<row r="2"><c r="A2" t="inlineStr"><is><t>X-1</t></is></c><c r="B2" t="b"><v>1</v></c><c r="C2"><v>129.90000000000001</v></c></row></sheetData></worksheet>`,
		}), [][]string{{"SellerSku", "", "Price"}, {"X-1", "true", "129.9"}}, "xlsx"},
	}
	for _, tc := range cases {
		got, format, _, err := readTable(tc.file, tc.content)
		if err != nil || format != tc.format || !slices.EqualFunc(got, tc.want, slices.Equal) {
			t.Errorf("readTable(%s) = %q %s, %v; want %q %s", tc.name, got, format, err, tc.want, tc.format)
		}
	}
	bad := []struct {
		name    string
		content []byte
	}{
		{"no worksheet", rich(map[string]string{"xl/styles.xml": "<styleSheet/>"})},
		{"shared string out of range", rich(map[string]string{"xl/worksheets/sheet1.xml": `<worksheet><sheetData><row><c r="A1" t="s"><v>4</v></c></row></sheetData></worksheet>`})},
		{"cells out of order", rich(map[string]string{"xl/worksheets/sheet1.xml": `<worksheet><sheetData><row><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c></row></sheetData></worksheet>`})},
		{"bad reference", rich(map[string]string{"xl/worksheets/sheet1.xml": `<worksheet><sheetData><row><c r="11"><v>1</v></c></row></sheetData></worksheet>`})},
	}
	for _, b := range bad {
		if got, _, _, err := readTable("x.xlsx", b.content); err == nil {
			t.Errorf("readTable(%s) = %q, want an error", b.name, got)
		}
	}
}
