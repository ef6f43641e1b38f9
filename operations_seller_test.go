package sellercenter_test

// sellerRows are the operations of the seller area; see row in operations_test.go.
var sellerRows = map[string]row{}

// sellerErrorRows answer operations of the seller area with error statuses.
var sellerErrorRows = []errorRow{}
