package sellercenter_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/money"
)

// transactionPage is a listTransactions page of n transactions with the
// given amount text, in the vendor's shape.
func transactionPage(n int, amount string) []byte {
	var b bytes.Buffer
	b.WriteString(`{"items":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":%d,"date":"2024-10-%02dT08:00:00+08:00","number":"TRX-%08d","typeId":1,"treStatementGroupId":1,`+
			`"amount":%s,"vatAmount":0.00,"whtAmount":0.00,"source":"sellercenter","comment":"","statementId":0,`+
			`"orderItemId":%d,"currency":"MYR","country":"MY","typeName":"Item Price Credit","groupName":"Item Revenue",`+
			`"orderNumber":"MY-%d","statementType":"marketplace"}`, i+1, i%28+1, i+1, amount, 5000+i, 32000000+i)
	}
	fmt.Fprintf(&b, `],"pagination":{"limit":%d,"offset":0,"totalCount":%d}}`, n, n)
	return b.Bytes()
}

// TestTransactionAmountsSumExactly decodes amounts through the generated
// finance types and sums them: 10,000 × 0.10 is 1000.00 exactly, in either
// JSON form, where float64 gives 1000.0000000001588.
func TestTransactionAmountsSumExactly(t *testing.T) {
	t.Parallel()
	for _, form := range []string{`0.10`, `"0.10"`} {
		t.Run(form, func(t *testing.T) {
			t.Parallel()
			var page gen.FinanceTransactionPage
			if err := json.Unmarshal(transactionPage(10000, form), &page); err != nil {
				t.Fatalf("decode 10,000 transactions = %v", err)
			}
			amounts := make([]money.Amount, len(page.Items))
			var float float64
			for i, tx := range page.Items {
				amounts[i] = tx.Amount
				float += 0.10
			}
			if got := money.Sum(amounts...).String(); got != "1000.00" {
				t.Errorf("sum of 10,000 decoded 0.10 = %s, want 1000.00", got)
			}
			if float == 1000 {
				t.Errorf("float64 sum = %v: the test no longer shows what float loses", float)
			}
			again, err := json.Marshal(page.Items[0])
			if err != nil || !strings.Contains(string(again), `"amount":`+form) {
				t.Errorf("re-encoded transaction = %s, %v; want amount %s as read", again, err, form)
			}
		})
	}
}

// BenchmarkDecodeMonthOfTransactions decodes a month of a busy seller's
// transactions (3,000, a sale and a commission for 1,500 items) and sums
// their amounts exactly.
func BenchmarkDecodeMonthOfTransactions(b *testing.B) {
	data := transactionPage(3000, "129.90")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var page gen.FinanceTransactionPage
		if err := json.Unmarshal(data, &page); err != nil {
			b.Fatal(err)
		}
		amounts := make([]money.Amount, len(page.Items))
		for i, tx := range page.Items {
			amounts[i] = tx.Amount
		}
		if got := money.Sum(amounts...).String(); got != "389700.00" {
			b.Fatalf("sum = %s, want 389700.00", got)
		}
	}
}
