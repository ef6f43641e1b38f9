package sellercenter_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/money"
)

// Transactions walks a period's transactions page by page; their amounts
// are money.Amount, so a total is exact to the cent.
func ExampleClient_Transactions() {
	mock := startMock()
	defer mock.Close()
	c := mockClient(mock)

	october := gen.ListTransactionsParams{
		StartDate: datetime.New(time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)),
		EndDate:   datetime.New(time.Date(2024, 10, 31, 23, 59, 59, 0, time.UTC)),
		Limit:     10,
	}
	var sales, commission []money.Amount
	for tx, err := range c.Transactions(context.Background(), october) {
		if err != nil {
			log.Fatal(err)
		}
		switch tx.TypeName {
		case "Item Price Credit":
			sales = append(sales, tx.Amount)
		case "Commission":
			commission = append(commission, tx.Amount)
		}
	}
	cents, err := money.Sum(sales...).MinorUnits(2)
	fmt.Println(len(sales), "sales:", money.Sum(sales...), "MYR =", cents, "sen", err)
	fmt.Println("commission:", money.Sum(commission...))
	// Output:
	// 13 sales: 1515.10 MYR = 151510 sen <nil>
	// commission: -151.51
}
