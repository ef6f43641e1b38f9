package sellercenter_test

// usersRows are the operations of the users area; see row in operations_test.go.
var usersRows = map[string]row{}

// usersErrorRows answer operations of the users area with error statuses.
var usersErrorRows = []errorRow{}
