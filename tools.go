//go:build tools

// This file pins the code generator through go.mod, so `go generate` runs the
// same oapi-codegen version on every machine. It is never compiled into the
// library.
package sellercenter

import (
	_ "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
)
