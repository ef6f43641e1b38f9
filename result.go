package sellercenter

import (
	"errors"
	"reflect"
)

// Result turns the result of a generated XxxWithResponse call whose success
// is a 200 with a body into one value: the decoded body, or the error Check
// returns. Go infers the body's type from the response's GetJSON200 method:
//
//	order, err := sellercenter.Result(c.GetOrderWithResponse(ctx, 1001))
//
// It never returns nil with a nil error. For an operation that also
// declares a 201 with the same body (the invoice number settings), either
// one is returned.
func Result[T any, R interface {
	StatusCode() int
	GetJSON200() *T
}](resp R, err error) (*T, error) {
	if err := Check(resp, err); err != nil {
		return nil, err
	}
	if v := resp.GetJSON200(); v != nil {
		return v, nil
	}
	if both, ok := any(resp).(interface{ GetJSON201() *T }); ok {
		if v := both.GetJSON201(); v != nil {
			return v, nil
		}
	}
	return nil, missingResult(resp)
}

// Created is Result for an operation whose success is a 201 with a body,
// such as CreateProductSet or the imports:
//
//	accepted, err := sellercenter.Created(c.ImportStockUpdatesWithBodyWithResponse(ctx, ct, body))
func Created[T any, R interface {
	StatusCode() int
	GetJSON201() *T
}](resp R, err error) (*T, error) {
	if err := Check(resp, err); err != nil {
		return nil, err
	}
	if v := resp.GetJSON201(); v != nil {
		return v, nil
	}
	return nil, missingResult(resp)
}

// missingResult is the error for a success that Check accepted but whose
// body the helper cannot hand back: a spec that declares a body for one
// 2xx status only, answered with another that has none, cannot reach here,
// so this guards changes to that rule rather than the API.
func missingResult(resp interface{ StatusCode() int }) error {
	_, httpResp := responseFields(reflect.ValueOf(resp))
	return newDecodeError(resp.StatusCode(), httpResp, nil, errors.New("the answer has no body of the type the call returns"))
}

// Ptr returns a pointer to v, for the fields of a request that are pointers
// because the API tells an absent value from a zero one, such as those of
// gen.ProductWrite:
//
//	body := gen.ProductWrite{Variation: sellercenter.Ptr("")}
func Ptr[T any](v T) *T { return &v }
