package sellercenter_test

// templatesRows are the operations of the templates area; see row in operations_test.go.
var templatesRows = map[string]row{}

// templatesErrorRows answer operations of the templates area with error statuses.
var templatesErrorRows = []errorRow{}
