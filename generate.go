// Package sellercenter is a Go client for the SellerCenter REST API v2, the
// seller API of Dafiti, Zalora and THE ICONIC.
//
// New builds a Client from a Config (or FromEnv). Every operation of the API
// is a typed method of it, generated into package gen from
// openapi/sellercenter.yaml, and every call goes through the client's rate
// limit, retries, token refresh and logging.
//
// Result turns a call into one value, its decoded success body, or an
// error:
//
//	order, err := sellercenter.Result(c.GetOrderWithResponse(ctx, 1001))
//
// Created does the same for operations that answer 201, and Check returns
// the error alone, for those that answer without a body. The errors are an
// *APIError for a status that is not a success, with classes such as
// ErrNotFound and ErrValidation for errors.Is, or a *DecodeError for a
// success that could not be read; and every one says, with ErrNotApplied or
// ErrOutcomeUnknown, whether the API may have carried the call out, since
// the API has no idempotency keys.
//
// Orders, OrderItems, Exports, ProductSets, Brands, Categories, Attributes
// and Feeds walk every page of their lists as iterators; Import and
// WaitForFeed run bulk catalog changes. Package authn supplies the OAuth2
// client-credentials tokens and request signing, and package
// sellercentertest a stateful mock SellerCenter to test against.
package sellercenter

//go:generate go tool oapi-codegen -config openapi/oapi-codegen.yaml openapi/sellercenter.yaml
//go:generate go tool oapi-codegen -config openapi/oapi-codegen-server.yaml openapi/sellercenter.yaml
