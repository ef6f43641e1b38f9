package sellercenter_test

// manifestsRows are the operations of the manifests area; see row in operations_test.go.
var manifestsRows = map[string]row{}

// manifestsErrorRows answer operations of the manifests area with error statuses.
var manifestsErrorRows = []errorRow{}
