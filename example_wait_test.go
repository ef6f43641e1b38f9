package sellercenter_test

import (
	"context"
	"fmt"
	"log"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// Config.OnWait hears of every wait before it starts, so a service can say
// why a call is slow instead of going silent. Here the mock answers 503
// once, with Retry-After: 0.
func ExampleConfig_onWait() {
	mock := startMock()
	defer mock.Close()
	if _, err := mock.Fail(sellercentertest.Scope{Operation: "getSeller", Count: 1}, 503, "0"); err != nil {
		log.Fatal(err)
	}
	c, err := sellercenter.New(sellercenter.Config{
		BaseURL:      mock.URL,
		TokenURL:     mock.TokenURL,
		ClientID:     mock.ClientID,
		ClientSecret: mock.ClientSecret,
		OnWait: func(w sellercenter.Wait) {
			fmt.Println(w) // one line, as the sellercenter CLI prints it
			fmt.Println(w.Reason, w.Delay, w.Attempt, "of", w.MaxAttempts)
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	seller, err := sellercenter.Result(c.GetSellerWithResponse(context.Background()))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(seller.Name != "")
	// Output:
	// HTTP 503 Service Unavailable: retrying in 0s (attempt 2 of 3, GET /api/v2/seller)
	// retry 0s 2 of 3
	// true
}
