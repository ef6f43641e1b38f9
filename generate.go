// Package sellercenter is a Go client for the SellerCenter REST API v2, the
// marketplace platform behind Dafiti, Zalora and THE ICONIC.
//
// The typed operations live in package gen, generated from
// openapi/sellercenter.yaml; package authn supplies OAuth2 client-credentials
// tokens for them.
package sellercenter

//go:generate go tool oapi-codegen -config openapi/oapi-codegen.yaml openapi/sellercenter.yaml
//go:generate go tool oapi-codegen -config openapi/oapi-codegen-server.yaml openapi/sellercenter.yaml
