package web

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/nhacviec/nhacviec/store"
)

// Sessions: a browser that signed in on the login page (login.go) is
// known by the cookie nhacviec_session, 256 random bits (HttpOnly,
// SameSite=Lax, Path=/, Secure when service.public_url is https or the
// request came over TLS). The server keeps the sessions in memory: a
// restart signs everyone out, and a session unused for sessionIdle ends.
// A session holds only the account's name: its role and plans are read
// from the store at each request, so a change of role, or the removal
// of the account, holds at once.

const (
	sessionCookie = "nhacviec_session"
	sessionBytes  = 32
	// sessionIdle is how long a session lasts without a request.
	sessionIdle = 12 * time.Hour
	// maxSessions bounds the sessions kept: past it, the stalest go.
	maxSessions = 10000
)

// AccountStore is what the server, and nhacviec user, ask of the store
// about accounts.
// *store.DB has every method.
type AccountStore interface {
	Account(name string) (store.Account, error)
	Accounts() ([]store.Account, error)
	AddAccount(a store.Account) (store.Account, error)
	SetAccountPassword(name, hash string) error
	RemoveAccount(name string) error
}

// sessions are the signed-in browsers, by cookie value.
type sessions struct {
	mu sync.Mutex
	m  map[string]*session
}

// session is one signed-in browser.
type session struct {
	name string
	last time.Time // the last request
}

func newSessions() *sessions { return &sessions{m: map[string]*session{}} }

// create starts a session for name at now and returns its id.
func (ss *sessions) create(name string, now time.Time) string {
	b := make([]byte, sessionBytes)
	rand.Read(b) // never fails (crypto/rand)
	id := base64.RawURLEncoding.EncodeToString(b)
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if len(ss.m) >= maxSessions {
		ss.sweep(now)
	}
	for len(ss.m) >= maxSessions {
		var oldest string
		for k, s := range ss.m {
			if oldest == "" || s.last.Before(ss.m[oldest].last) {
				oldest = k
			}
		}
		delete(ss.m, oldest)
	}
	ss.m[id] = &session{name: name, last: now}
	return id
}

// get returns the name of session id at now, and keeps it alive; an
// expired session goes.
func (ss *sessions) get(id string, now time.Time) (string, bool) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	s := ss.m[id]
	if s == nil {
		return "", false
	}
	if !now.Before(s.last.Add(sessionIdle)) {
		delete(ss.m, id)
		return "", false
	}
	s.last = now
	return s.name, true
}

// end ends session id.
func (ss *sessions) end(id string) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	delete(ss.m, id)
}

// endAll ends every session of name: its password changed, or it is gone.
func (ss *sessions) endAll(name string) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	for k, s := range ss.m {
		if s.name == name {
			delete(ss.m, k)
		}
	}
}

// sweep removes the expired sessions. The caller holds ss.mu.
func (ss *sessions) sweep(now time.Time) {
	for k, s := range ss.m {
		if !now.Before(s.last.Add(sessionIdle)) {
			delete(ss.m, k)
		}
	}
}

// sessionAccount returns the account of r's session, if it has a live one
// whose account still exists.
func (s *Server) sessionAccount(r *http.Request) (account, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return account{}, false
	}
	name, ok := s.sessions.get(c.Value, s.opts.Now())
	if !ok {
		return account{}, false
	}
	a, _, ok := s.findAccount(name)
	return a, ok
}

// setSession sets the cookie of session id; an empty id clears it.
func (s *Server) setSession(w http.ResponseWriter, r *http.Request, id string) {
	c := &http.Cookie{
		Name:     sessionCookie,
		Value:    id,
		Path:     "/",
		HttpOnly: true,
		SameSite: http.SameSiteLaxMode,
		Secure:   s.secureCookies(r),
	}
	if id == "" {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}

// secureCookies reports whether cookies must be Secure: the service is
// reached over https.
func (s *Server) secureCookies(r *http.Request) bool {
	if r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") {
		return true
	}
	u, err := url.Parse(s.publicURL())
	return err == nil && u.Scheme == "https"
}
