package sellercenter_test

// financeRows are the operations of the finance area; see row in operations_test.go.
var financeRows = map[string]row{}

// financeErrorRows answer operations of the finance area with error statuses.
var financeErrorRows = []errorRow{}
