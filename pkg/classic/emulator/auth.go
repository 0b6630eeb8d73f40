package emulator

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/emukit"
)

// tokenPrefix marks emulator tokens; they are opaque random strings, not JWTs.
const tokenPrefix = "emu-classic."

// signIn serves POST /v1/{organization}/user/signin_with_api_key.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request) {
	var fe errs
	headers := map[string]string{}
	for _, h := range []string{"x-api-key", "x-api-key-id", "x-user-id"} {
		if v, ok := r.Header[http.CanonicalHeaderKey(h)]; ok && len(v) > 0 {
			headers[h] = v[0]
			continue
		}
		fe.add([]any{"header", h}, "Field required", "missing")
	}
	if len(fe.list) > 0 {
		emukit.WriteValidation(w, fe.list)
		return
	}
	if !s.knownOrg(w, r) {
		return
	}
	want := s.cfg.Credentials
	if !equal(headers["x-api-key"], want.APIKey) || !equal(headers["x-api-key-id"], want.APIKeyID) ||
		!equal(headers["x-user-id"], want.UserID) {
		emukit.WriteError(w, http.StatusUnauthorized, "The API key is not found or incorrect, or the requested user does not exist.")
		return
	}
	token, err := s.newToken()
	if err != nil {
		emukit.WriteError(w, http.StatusInternalServerError, "A token could not be issued: "+err.Error())
		return
	}
	now := s.now().UTC()
	grant := tokenGrant{UserID: want.UserID, ExpiresAt: now.Add(s.cfg.TokenLifetime)}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.pruneTokens(now)
	s.st.Tokens[tokenHash(token)] = grant
	if err := s.save(); err != nil {
		writeSaveError(w, err)
		return
	}
	emukit.WriteJSON(w, http.StatusOK, classic.SignInResponse{IDToken: token, ExpiresAt: grant.ExpiresAt})
}

// equal compares secrets in constant time.
func equal(got, want string) bool {
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// newToken returns a fresh opaque token from the configured random source.
func (s *Server) newToken() (string, error) {
	b := make([]byte, 32)
	s.randMu.Lock()
	_, err := io.ReadFull(s.cfg.Rand, b)
	s.randMu.Unlock()
	if err != nil {
		return "", fmt.Errorf("read random token bytes: %w", err)
	}
	return tokenPrefix + base64.RawURLEncoding.EncodeToString(b), nil
}

// tokenHash is how a token is remembered: its SHA-256, so the state file holds no usable token.
func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// bearerToken returns the token of an `Authorization: Bearer` header, or of the documented
// Basic scheme (user "{org}_{user}", password the token).
func bearerToken(r *http.Request) (string, bool) {
	auth := r.Header.Get("Authorization")
	scheme, rest, ok := strings.Cut(auth, " ")
	if !ok {
		return "", false
	}
	switch strings.ToLower(scheme) {
	case "bearer":
		tok := strings.TrimSpace(rest)
		return tok, tok != ""
	case "basic":
		if _, pass, ok := r.BasicAuth(); ok && pass != "" {
			return pass, true
		}
	}
	return "", false
}

// authorize returns the user a request's token signs in, or the reason it is refused.
func (s *Server) authorize(r *http.Request) (user, refusal string) {
	tok, ok := bearerToken(r)
	if !ok {
		return "", "Invalid authorization credentials: send the token of a sign-in as `Authorization: Bearer <id_token>`."
	}
	s.mu.RLock()
	grant, ok := s.st.Tokens[tokenHash(tok)]
	s.mu.RUnlock()
	if !ok {
		return "", "Invalid authorization credentials: the token is not recognised."
	}
	if !s.now().Before(grant.ExpiresAt) {
		return "", "Invalid authorization credentials: the token has expired."
	}
	return grant.UserID, ""
}

// getOrganization serves GET /v1/{organization}/organization/. It needs no token; with a valid
// one the caller counts as having every permission, so the detail fields are filled.
func (s *Server) getOrganization(w http.ResponseWriter, r *http.Request) {
	if !s.knownOrg(w, r) {
		return
	}
	org := classic.Organization{OrgID: s.cfg.Org, OrgName: s.cfg.Org}
	if _, refusal := s.authorize(r); refusal == "" {
		tenant := s.cfg.Org
		org.TenantID = &tenant
		org.DefaultUserPreferences = &classic.Preferences{
			ConversationsVisibleToAdmins: true, UserModelVisibleToAdmins: true, AudioKeyterms: []string{},
		}
	}
	emukit.WriteJSON(w, http.StatusOK, org)
}
