package money_test

import (
	"encoding/json"
	"fmt"

	"github.com/sellercenter-go/sellercenter/money"
)

// Amounts decode from JSON numbers or strings, add up exactly and are
// written back as they were read.
func Example() {
	var tx []struct {
		Value money.Amount `json:"value"`
	}
	if err := json.Unmarshal([]byte(`[{"value":65.30},{"value":"-0.10"},{"value":0.1}]`), &tx); err != nil {
		fmt.Println(err)
		return
	}
	total := tx[0].Value.Add(tx[1].Value).Add(tx[2].Value)
	cents, err := total.MinorUnits(2)
	fmt.Println(total, cents, err)
	out, _ := json.Marshal(tx)
	fmt.Println(string(out))
	// Output:
	// 65.30 6530 <nil>
	// [{"value":65.30},{"value":"-0.10"},{"value":0.1}]
}
