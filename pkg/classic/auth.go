package classic

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/amigosync/amigosync/pkg/apiclient"
)

// DefaultRefreshBefore is how long before a token's expires_at the client
// signs in again, so that no request is sent with a token about to lapse.
const DefaultRefreshBefore = 3 * time.Minute

// signInFunc performs one sign-in and returns the token and its expiry.
type signInFunc func(ctx context.Context) (token string, expiresAt time.Time, err error)

// tokenSource caches the bearer token of one organization and signs in
// only when there is no usable token. Concurrent callers that find no token
// wait for one shared sign-in instead of each signing in: sign-in is limited
// to 5 requests a minute.
type tokenSource struct {
	signIn        signInFunc
	now           func() time.Time
	refreshBefore time.Duration

	mu        sync.Mutex
	token     apiclient.Secret // printed as REDACTED, whatever the verb
	gen       uint64           // increases with every new token
	refreshAt time.Time
	expiresAt time.Time
	flight    *signInFlight
}

// signInFlight is one sign-in in progress; done is closed when it ends.
type signInFlight struct {
	done chan struct{}
	err  error
}

// authCall records, per API call, which token generation was sent, how
// many attempts were authorized and whether the call has already been given
// its one retry after a 401.
type authCall struct {
	mu       sync.Mutex
	gen      uint64
	attempts int
	retried  bool
}

// resent reports whether the call was sent more than once for a reason
// other than a 401, so that an earlier attempt may have taken effect.
func (c *authCall) resent() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.attempts
	if c.retried {
		n--
	}
	return n > 1
}

type authCallKey struct{}

// withAuthCall returns a context that carries a fresh authCall record.
func withAuthCall(ctx context.Context) context.Context {
	return context.WithValue(ctx, authCallKey{}, &authCall{})
}

func authCallFrom(ctx context.Context) *authCall {
	c, _ := ctx.Value(authCallKey{}).(*authCall)
	return c
}

// Authorize implements apiclient.Authenticator: it sets the bearer token,
// signing in first when there is no token or it is due for refresh.
func (s *tokenSource) Authorize(ctx context.Context, req *http.Request) error {
	token, gen, err := s.get(ctx)
	if err != nil {
		return err
	}
	if c := authCallFrom(ctx); c != nil {
		c.mu.Lock()
		c.gen = gen
		c.attempts++
		c.mu.Unlock()
	}
	req.Header.Set("Authorization", "Bearer "+token)
	return nil
}

// Unauthorized implements apiclient.Authenticator: after a 401 it drops the
// token that was sent (unless another caller already replaced it) and allows
// exactly one retry per call.
func (s *tokenSource) Unauthorized(ctx context.Context) bool {
	c := authCallFrom(ctx)
	sentGen := uint64(0)
	if c != nil {
		c.mu.Lock()
		if c.retried {
			c.mu.Unlock()
			return false
		}
		c.retried = true
		sentGen = c.gen
		c.mu.Unlock()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if c == nil || sentGen == s.gen {
		s.token = apiclient.Secret{}
	}
	return true
}

// get returns a usable token and its generation, signing in if needed.
func (s *tokenSource) get(ctx context.Context) (string, uint64, error) {
	for {
		s.mu.Lock()
		if s.token.IsSet() && s.now().Before(s.refreshAt) {
			token, gen := s.token.Reveal(), s.gen
			s.mu.Unlock()
			return token, gen, nil
		}
		f := s.flight
		leader := f == nil
		if leader {
			f = &signInFlight{done: make(chan struct{})}
			s.flight = f
		}
		s.mu.Unlock()
		if leader {
			s.run(ctx, f)
		}
		select {
		case <-f.done:
		case <-ctx.Done():
			return "", 0, ctx.Err()
		}
		if f.err == nil {
			continue
		}
		// A sign-in abandoned by its leader's context is no reason to fail
		// this caller: try again with our own context.
		if !leader && ctx.Err() == nil && isContextErr(f.err) {
			continue
		}
		return "", 0, f.err
	}
}

// run performs the sign-in of flight f and publishes its result.
func (s *tokenSource) run(ctx context.Context, f *signInFlight) {
	token, expiresAt, err := s.signIn(ctx)
	s.mu.Lock()
	now := s.now()
	switch {
	case err == nil:
		s.token, s.gen = apiclient.NewSecret(token), s.gen+1
		s.expiresAt = expiresAt
		s.refreshAt = refreshTime(now, expiresAt, s.refreshBefore)
	case s.token.IsSet() && now.Before(s.expiresAt):
		// The refresh failed but the current token is still valid: keep
		// using it, and try again halfway to its expiry rather than on
		// every call.
		s.refreshAt = now.Add(s.expiresAt.Sub(now) / 2)
		err = nil
	}
	s.flight = nil
	f.err = err
	s.mu.Unlock()
	close(f.done)
}

// refreshTime is when a token issued at now and expiring at expiresAt is
// refreshed: refreshBefore ahead of expiry, but never in the first half of
// the token's life, so a short-lived token is not refreshed on every call.
// A token that looks expired on arrival means our clock runs ahead of the
// server's: it is then used for skewedTokenUse (the server's 401 tells
// when it really expires) rather than signing in again on every call.
func refreshTime(now, expiresAt time.Time, refreshBefore time.Duration) time.Time {
	life := expiresAt.Sub(now)
	if life <= 0 {
		return now.Add(skewedTokenUse)
	}
	return expiresAt.Add(-min(refreshBefore, life/2))
}

// skewedTokenUse is how long a token that arrived already expired by our
// clock is used before signing in again; sign-in allows 5 a minute.
const skewedTokenUse = time.Minute

func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
