package authn

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Signature headers set by Signer.Edit.
const (
	HeaderTimestamp          = "X-Timestamp"
	HeaderNonce              = "X-Nonce"
	HeaderSignatureAlgorithm = "X-Signature-Algorithm"
	HeaderSignature          = "X-Signature"

	// SignatureAlgorithm is the only algorithm the API defines.
	SignatureAlgorithm = "HMAC-SHA256"

	// maxNonceLen is the longest nonce the API accepts.
	maxNonceLen = 40
)

// Signer signs requests for the endpoints that require an HMAC signature
// (for example POST /v2/finance/transaction). A client made by
// sellercenter.New already signs those operations, afresh on every attempt;
// use a Signer directly only below a transport of your own. The zero value is
// not usable: set Secret. A Signer is safe for concurrent use if Now and
// Nonce are.
type Signer struct {
	// Secret is the OAuth application secret, the HMAC key.
	Secret string

	// Now returns the signing time; nil means time.Now. Tests set it.
	Now func() time.Time

	// Nonce returns a fresh unique string of at most 40 visible ASCII
	// characters; nil means 40 random hex digits. Tests set it.
	Nonce func() (string, error)
}

// Edit adds X-Timestamp, X-Nonce, X-Signature-Algorithm and X-Signature to
// req. The signature covers the method, the path with its query, the
// timestamp, the nonce and the SHA-256 of the body, which Edit reads and puts
// back (GetBody too), so the request still sends it.
//
// Spaces in the query are rewritten from "+" to "%20" before signing, since
// the API signs them as "%20"; the request is sent with the query it was
// signed with. Sign each request that goes out, every retry included: a
// nonce is single-use. As a RequestEditorFn of the generated client it would
// run once per call, so a retry would repeat the nonce; run it in a
// RoundTripper below any retries instead, as sellercenter.New does.
func (s *Signer) Edit(_ context.Context, req *http.Request) error {
	if s.Secret == "" {
		return errors.New("authn: Signer.Secret is empty")
	}
	if req.URL == nil {
		return errors.New("authn: sign: request has no URL")
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	nonce, err := s.nonce()
	if err != nil {
		return err
	}
	body, err := takeBody(req)
	if err != nil {
		return err
	}
	bodyHash := ""
	if len(body) > 0 {
		sum := sha256.Sum256(body)
		bodyHash = hex.EncodeToString(sum[:])
	}
	if strings.Contains(req.URL.RawQuery, "+") {
		req.URL.RawQuery = strings.ReplaceAll(req.URL.RawQuery, "+", "%20")
	}
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	ts := strconv.FormatInt(now().Unix(), 10)
	sig := Sign(s.Secret, method, req.URL.RequestURI(), ts, nonce, bodyHash)

	if req.Header == nil {
		req.Header = make(http.Header)
	}
	req.Header.Set(HeaderTimestamp, ts)
	req.Header.Set(HeaderNonce, nonce)
	req.Header.Set(HeaderSignatureAlgorithm, SignatureAlgorithm)
	req.Header.Set(HeaderSignature, sig)
	return nil
}

// Sign returns the lowercase hex HMAC-SHA256, keyed with secret, of the
// four lines "<method> <pathWithQuery>", "timestamp=<timestamp>",
// "nonce=<nonce>" and "body_hash=<bodyHash>" joined by "\n" without a
// trailing newline. bodyHash is the hex SHA-256 of the raw body, or empty
// when there is no body. Most callers want Signer.Edit instead.
func Sign(secret, method, pathWithQuery, timestamp, nonce, bodyHash string) string {
	m := hmac.New(sha256.New, []byte(secret))
	io.WriteString(m, method+" "+pathWithQuery+"\ntimestamp="+timestamp+"\nnonce="+nonce+"\nbody_hash="+bodyHash)
	return hex.EncodeToString(m.Sum(nil))
}

func (s *Signer) nonce() (string, error) {
	if s.Nonce == nil {
		var b [maxNonceLen / 2]byte
		if _, err := rand.Read(b[:]); err != nil {
			return "", fmt.Errorf("authn: sign: making nonce: %w", err)
		}
		return hex.EncodeToString(b[:]), nil
	}
	n, err := s.Nonce()
	if err != nil {
		return "", fmt.Errorf("authn: sign: making nonce: %w", err)
	}
	if n == "" || len(n) > maxNonceLen {
		return "", fmt.Errorf("authn: sign: nonce must have 1 to %d characters, got %d", maxNonceLen, len(n))
	}
	for i := 0; i < len(n); i++ {
		if c := n[i]; c < 0x21 || c > 0x7e {
			return "", fmt.Errorf("authn: sign: nonce %q has a character other than visible ASCII", n)
		}
	}
	return n, nil
}

// takeBody reads req's body and puts back a replayable copy.
func takeBody(req *http.Request) ([]byte, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, nil
	}
	body, err := io.ReadAll(req.Body)
	closeErr := req.Body.Close()
	if err == nil {
		err = closeErr
	}
	if err != nil {
		return nil, fmt.Errorf("authn: sign: reading request body: %w", err)
	}
	req.ContentLength = int64(len(body))
	if len(body) == 0 {
		req.Body = http.NoBody
		req.GetBody = func() (io.ReadCloser, error) { return http.NoBody, nil }
		return nil, nil
	}
	req.Body = io.NopCloser(bytes.NewReader(body))
	req.GetBody = func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(body)), nil
	}
	return body, nil
}
