package sellercentertest

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"mime"
	"net/http"
	"strings"
	"sync"
	"time"
)

// tokenStore holds the issued access tokens and when each expires.
type tokenStore struct {
	mu     sync.Mutex
	tokens map[string]time.Time
	seller map[string]int // the seller each token acts for (switchSeller)
}

// ExpireTokens makes every access token issued so far expired, as if the
// clock had passed their lifetime; tokens issued later are valid as usual.
func (s *Server) ExpireTokens() {
	now := s.now()
	s.tokens.mu.Lock()
	defer s.tokens.mu.Unlock()
	for t, exp := range s.tokens.tokens {
		if now.Before(exp) {
			s.tokens.tokens[t] = now
		}
	}
}

// tokenError is the RFC 6749 section 5.2 error body.
type tokenError struct {
	Error       string `json:"error"`
	Description string `json:"error_description,omitempty"`
}

// tokenResponse is the RFC 6749 section 5.1 success body.
type tokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int64  `json:"expires_in"`
}

var noStore = http.Header{"Cache-Control": {"no-store"}, "Pragma": {"no-cache"}}

func (s *Server) serveTokenMethod(w http.ResponseWriter, r *http.Request) {
	req := s.begin(r, TokenOperation)
	h := noStore.Clone()
	h.Set("Allow", http.MethodPost)
	writeJSON(w, http.StatusMethodNotAllowed, tokenError{"invalid_request", "the token endpoint takes POST only"}, h)
	req.finish(http.StatusMethodNotAllowed)
}

func (s *Server) serveToken(w http.ResponseWriter, r *http.Request) {
	req := s.begin(r, TokenOperation)
	req.finish(s.issueToken(req, w, r))
}

func (s *Server) issueToken(req *pending, w http.ResponseWriter, r *http.Request) int {
	p := s.faults.plan(TokenOperation)
	if status, done := s.applyFaults(r.Context(), p, req, w); done {
		return status
	}
	fail := func(status int, code, description string) int {
		h := noStore.Clone()
		if status == http.StatusUnauthorized {
			h.Set("WWW-Authenticate", `Basic realm="SellerCenter"`)
		}
		writeJSON(w, status, tokenError{code, description}, h)
		return status
	}

	id, secret, ok := r.BasicAuth()
	if !ok {
		return fail(http.StatusUnauthorized, "invalid_client", "client authentication with HTTP Basic is required")
	}
	idOK := subtle.ConstantTimeCompare([]byte(id), []byte(s.ClientID)) == 1
	secretOK := subtle.ConstantTimeCompare([]byte(secret), []byte(s.ClientSecret)) == 1
	if (!idOK || !secretOK) && !s.appCredentialsOK(id, secret) { // users.go: an app of createOAuthApp
		return fail(http.StatusUnauthorized, "invalid_client", "unknown client or wrong secret")
	}

	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var err error
	switch ct {
	case "application/x-www-form-urlencoded":
		err = r.ParseForm()
	case "multipart/form-data":
		err = r.ParseMultipartForm(1 << 20)
	default:
		return fail(http.StatusBadRequest, "invalid_request", "the body must be application/x-www-form-urlencoded")
	}
	if err != nil {
		return fail(http.StatusBadRequest, "invalid_request", "the body is not a valid form")
	}
	switch grant := r.PostForm["grant_type"]; {
	case len(grant) == 0 || grant[0] == "":
		return fail(http.StatusBadRequest, "invalid_request", "grant_type is missing")
	case len(grant) > 1:
		return fail(http.StatusBadRequest, "invalid_request", "grant_type is repeated")
	case grant[0] != "client_credentials":
		return fail(http.StatusBadRequest, "unsupported_grant_type", "only client_credentials is supported")
	}

	var raw [24]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return fail(http.StatusInternalServerError, "server_error", "could not make a token")
	}
	token := "mock_" + hex.EncodeToString(raw[:])
	seller := s.tokenSeller()
	now := s.now()
	s.tokens.mu.Lock()
	// Forget tokens long expired, so a long-running mock does not grow;
	// recently expired ones stay to be answered as expired, not unknown.
	for t, exp := range s.tokens.tokens {
		if exp.Before(now.Add(-24 * time.Hour)) {
			delete(s.tokens.tokens, t)
			delete(s.tokens.seller, t)
		}
	}
	s.tokens.tokens[token] = now.Add(s.lifetime)
	if s.tokens.seller == nil {
		s.tokens.seller = map[string]int{}
	}
	s.tokens.seller[token] = seller
	s.tokens.mu.Unlock()
	s.bindAppToken(token, id) // users.go: its tokens act as the app's user

	status := http.StatusOK
	body := tokenResponse{AccessToken: token, TokenType: "Bearer", ExpiresIn: int64(s.lifetime / time.Second)}
	if p.malform {
		// Only a malformed body is injectable here; build it by hand.
		h := noStore.Clone()
		h.Set("Content-Type", "application/json")
		for k, v := range h {
			w.Header()[k] = v
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(`{"access_token":"` + token[:8]))
		return status
	}
	writeJSON(w, status, body, noStore)
	return status
}

// authorize checks the bearer token of an API request; when it is missing,
// unknown or expired it writes a 401 to w and returns false. The detail never
// repeats the token.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) bool {
	detail := ""
	scheme, token, found := strings.Cut(r.Header.Get("Authorization"), " ")
	switch {
	case !found || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "":
		detail = "no bearer access token was sent"
	default:
		s.tokens.mu.Lock()
		exp, ok := s.tokens.tokens[strings.TrimSpace(token)]
		s.tokens.mu.Unlock()
		switch {
		case !ok:
			detail = "the access token is unknown"
		case !s.now().Before(exp):
			detail = "the access token has expired"
		default:
			return true
		}
	}
	h := http.Header{"WWW-Authenticate": {`Bearer realm="SellerCenter", error="invalid_token"`}}
	writeJSON(w, http.StatusUnauthorized, problem(http.StatusUnauthorized, typeUnauthorize, "Unauthorized", detail), h)
	return false
}
