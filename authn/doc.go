// Package authn turns a SellerCenter OAuth application's id and secret into
// bearer tokens for API calls, and signs requests for the endpoints that ask
// for an HMAC signature.
//
// A [TokenSource] fetches tokens with the OAuth2 client-credentials grant and
// shares one cached token between every goroutine of a process: concurrent
// callers wait for a single in-flight fetch, and the token is refreshed
// [Config.EarlyRefresh] before it expires. Its [TokenSource.Edit] method is a
// plain request editor, so it plugs into the generated client without this
// package importing it:
//
//	client, err := gen.NewClientWithResponses(baseURL, gen.WithRequestEditorFn(ts.Edit))
//
// When the API rejects a token (HTTP 401), pass it to [TokenSource.Invalidate]
// so that the next call fetches a new one; a burst of 401s for the same token
// costs one fetch.
//
// A [Signer] adds the X-Timestamp, X-Nonce, X-Signature-Algorithm and
// X-Signature headers that some endpoints require. A signature is single-use,
// so the signer must run again for every attempt of a retried request.
//
// Neither the client secret nor any token appears in an error, a panic or a
// log line produced by this package.
package authn
