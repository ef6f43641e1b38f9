package sellercentertest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// fetchToken gets an access token the way any OAuth2 client-credentials
// client does.
func fetchToken(srv *sellercentertest.Server) (string, error) {
	req, err := http.NewRequest(http.MethodPost, srv.TokenURL, strings.NewReader("grant_type=client_credentials"))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(srv.ClientID, srv.ClientSecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	return tok.AccessToken, json.NewDecoder(resp.Body).Decode(&tok)
}

func Example() {
	srv, err := sellercentertest.NewServer(sellercentertest.Config{})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	tok, err := fetchToken(srv)
	if err != nil {
		log.Fatal(err)
	}
	c, err := gen.NewClientWithResponses(srv.URL, gen.WithRequestEditorFn(func(_ context.Context, r *http.Request) error {
		r.Header.Set("Authorization", "Bearer "+tok)
		return nil
	}))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	section := gen.OrderSectionStatusPending
	page, err := c.ListOrdersWithResponse(ctx, &gen.ListOrdersParams{Limit: 3, Section: section})
	if err != nil {
		log.Fatal(err)
	}
	for _, o := range page.JSON200.Items {
		fmt.Println(o.Number, o.StatusList)
	}

	// Ship the first item of the first order; the next step of the
	// workflow is refused.
	id := page.JSON200.Items[0].OrderItemIds[0]
	r2s, err := c.SetOrderItemsReadyToShipWithResponse(ctx, gen.ReadyToShipRequest{OrderItems: []gen.ReadyToShipItem{{Id: id}}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("ready to ship:", r2s.StatusCode())
	again, err := c.SetOrderItemsReadyToShipWithResponse(ctx, gen.ReadyToShipRequest{OrderItems: []gen.ReadyToShipItem{{Id: id}}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("again:", again.StatusCode(), again.JSON422.Detail)
	fmt.Println("calls:", srv.Count("setOrderItemsReadyToShip"))
	// Output:
	// MY-32001001 map[pending:2]
	// MY-32001002 map[pending:1]
	// MY-32001003 map[pending:3]
	// ready to ship: 200
	// again: 422 order item 5001 has status ready_to_ship; set-to-ready-to-ship needs pending
	// calls: 2
}

// Faults are injected for a scope and removed with the returned func.
func ExampleServer_Maintenance() {
	srv, err := sellercentertest.NewServer(sellercentertest.Config{})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	end := srv.Maintenance("30")
	resp, err := http.Get(srv.URL + "/v2/health")
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode, resp.Header.Get("Retry-After"))

	end()
	resp, err = http.Get(srv.URL + "/v2/health")
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode)
	// Output:
	// 503 30
	// 200
}

// The token endpoint follows RFC 6749: a wrong secret is invalid_client.
func ExampleServer_tokenErrors() {
	srv, err := sellercentertest.NewServer(sellercentertest.Config{})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	req, err := http.NewRequest(http.MethodPost, srv.TokenURL, strings.NewReader(url.Values{"grant_type": {"client_credentials"}}.Encode()))
	if err != nil {
		log.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(srv.ClientID, "wrong")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	var e struct {
		Error string `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&e); err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.StatusCode, e.Error)
	// Output:
	// 401 invalid_client
}

// An import becomes a feed that applies its rows when it completes; rows
// that cannot be applied are reported per SKU.
func ExampleServer_FeedReport() {
	srv, err := sellercentertest.NewServer(sellercentertest.Config{})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	tok, err := fetchToken(srv)
	if err != nil {
		log.Fatal(err)
	}
	c, err := gen.NewClientWithResponses(srv.URL, gen.WithRequestEditorFn(func(_ context.Context, r *http.Request) error {
		r.Header.Set("Authorization", "Bearer "+tok)
		return nil
	}))
	if err != nil {
		log.Fatal(err)
	}

	var body bytes.Buffer
	form := multipart.NewWriter(&body)
	part, err := form.CreateFormFile("file1", "stock.csv")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprint(part, "SellerSku,Quantity\nBTK-KWG-BL-S,40\nNO-SUCH-SKU,3\n")
	if err := form.Close(); err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	accepted, err := c.ImportStockUpdatesWithBodyWithResponse(ctx, form.FormDataContentType(), &body)
	if err != nil {
		log.Fatal(err)
	}
	status, err := c.GetFeedStatusWithResponse(ctx, accepted.JSON201.FeedUuid)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(status.JSON200.Status)
	for _, e := range status.JSON200.Errors {
		fmt.Println(e.SellerSku, e.FieldName, e.ErrorMessage)
	}
	p, err := srv.ProductBySellerSku("BTK-KWG-BL-S")
	if err != nil {
		log.Fatal(err)
	}
	stock, err := srv.Stock(p.Id)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.SellerSku, stock.Quantity)
	// Output:
	// Finished
	// NO-SUCH-SKU SellerSku no product has SellerSku "NO-SUCH-SKU"
	// BTK-KWG-BL-S 40
}
