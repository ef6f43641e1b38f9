package sellercenter_test

// webhooksRows are the operations of the webhooks area; see row in operations_test.go.
var webhooksRows = map[string]row{}

// webhooksErrorRows answer operations of the webhooks area with error statuses.
var webhooksErrorRows = []errorRow{}
