package sellercentertest

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sellercenter-go/sellercenter/authn"
)

// SignatureWindow is how far a signed request's X-Timestamp may be from the
// server's clock, either way. The API documents none; five minutes is the
// common choice, and it bounds how long a nonce must be remembered.
const SignatureWindow = 5 * time.Minute

// nonceStore remembers the nonces of signed requests within the window, so
// each is accepted once.
type nonceStore struct {
	mu   sync.Mutex
	seen map[string]time.Time // nonce to the X-Timestamp it came with
}

// use records nonce and reports whether it was new. Nonces whose timestamp
// left the window are forgotten: a request carrying one again is refused
// as stale before its nonce is looked at.
func (n *nonceStore) use(nonce string, at, now time.Time) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.seen == nil {
		n.seen = map[string]time.Time{}
	}
	for k, t := range n.seen {
		if now.Sub(t) > SignatureWindow {
			delete(n.seen, k)
		}
	}
	if _, ok := n.seen[nonce]; ok {
		return false
	}
	n.seen[nonce] = at
	return true
}

// checkSignature verifies the request signature of an operation the
// document marks x-signed, as the API does: the four headers, a timestamp
// within SignatureWindow, a nonce not used before, and the HMAC-SHA256 of
// the request line, timestamp, nonce and body hash keyed with the
// application's secret. A refused request gets a 403 and false; the body is
// left readable for the handler.
func (s *Server) checkSignature(w http.ResponseWriter, r *http.Request) bool {
	detail := s.signatureProblem(r)
	if detail == "" {
		return true
	}
	writeJSON(w, http.StatusForbidden, problem(http.StatusForbidden, "invalid_signature", "Invalid request signature", detail), nil)
	return false
}

// signingKey is the secret of the OAuth application the request's token
// was issued to: one made through createOAuthApp, or the server's own.
func (s *Server) signingKey(r *http.Request) string {
	if s.st == nil {
		return s.ClientSecret
	}
	_, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	ua := s.st.usersArea()
	if ta, ok := ua.tokenApps[strings.TrimSpace(token)]; ok {
		if app := ua.appByID(ta.appID); app != nil && app.secret != "" {
			return app.secret
		}
	}
	return s.ClientSecret
}

func (s *Server) signatureProblem(r *http.Request) string {
	h := r.Header
	for _, name := range []string{authn.HeaderTimestamp, authn.HeaderNonce, authn.HeaderSignatureAlgorithm, authn.HeaderSignature} {
		if h.Get(name) == "" {
			return fmt.Sprintf("this operation must be signed; %s is missing", name)
		}
	}
	if alg := h.Get(authn.HeaderSignatureAlgorithm); alg != authn.SignatureAlgorithm {
		return fmt.Sprintf("%s %q is not %s", authn.HeaderSignatureAlgorithm, alg, authn.SignatureAlgorithm)
	}
	nonce := h.Get(authn.HeaderNonce)
	if len(nonce) > 40 {
		return fmt.Sprintf("%s has %d characters, more than 40", authn.HeaderNonce, len(nonce))
	}
	sec, err := strconv.ParseInt(h.Get(authn.HeaderTimestamp), 10, 64)
	if err != nil {
		return fmt.Sprintf("%s is not Unix seconds", authn.HeaderTimestamp)
	}
	at, now := time.Unix(sec, 0), s.now()
	if d := now.Sub(at).Abs(); d > SignatureWindow {
		return fmt.Sprintf("%s is %s from the server's clock, more than %s", authn.HeaderTimestamp, d.Round(time.Second), SignatureWindow)
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxUpload+1))
	if err != nil || len(body) > maxUpload {
		return "the body could not be read for its hash"
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	hash := ""
	if len(body) > 0 {
		sum := sha256.Sum256(body)
		hash = hex.EncodeToString(sum[:])
	}
	want := authn.Sign(s.signingKey(r), r.Method, r.URL.RequestURI(), h.Get(authn.HeaderTimestamp), nonce, hash)
	if !hmac.Equal([]byte(want), []byte(h.Get(authn.HeaderSignature))) {
		return fmt.Sprintf("%s does not match this request signed with the application's secret", authn.HeaderSignature)
	}
	// The nonce is spent only by a request that is otherwise valid, so a
	// forged one cannot burn a client's nonce.
	if !s.nonces.use(nonce, at, now) {
		return fmt.Sprintf("%s %s was used before", authn.HeaderNonce, nonce)
	}
	return ""
}
