//go:build tools

// The code generator is pinned by the tool directive in go.mod
// (`tool github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen`, added with
// `go get -tool`), and generate.go runs it as `go tool oapi-codegen`, so every
// machine generates with the same version. It used to be pinned by a blank
// import in this file; that import made `go mod tidy` in every module that
// imports this package record oapi-codegen, kin-openapi and x/tools, since
// tidy reads files of every build tag. A tool directive pins the generator
// for this module only, so this file keeps no import.
package sellercenter
