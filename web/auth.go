package web

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"

	"golang.org/x/crypto/bcrypt"

	"github.com/nhacviec/nhacviec/plan"
)

// Administration: the dashboard, /metrics, POST /-/reload and the
// dashboard's forms (SPEC §7).
//
//   - Without an admin password (Options.AdminPasswordHash empty), only
//     clients on a loopback address get in; any other gets 403 and a page
//     saying to set service.admin_password_file. CheckListen makes run
//     refuse a listen address that is not loopback in that case.
//   - With one, every client, loopback or not, must send HTTP Basic
//     credentials: user AdminUser and the password whose bcrypt hash the
//     file holds. Behind a reverse proxy on the same machine every client
//     looks local, so the loopback is no proof once a password exists.
//   - A request that changes something (not GET or HEAD: the dashboard's
//     forms, POST /-/reload, POST /-/ack) must also come from no other
//     site (sameOrigin) and carry the CSRF token of the dashboard's pages
//     (csrf.go): browsers replay Basic credentials, and the loopback
//     address, on requests other sites make them send. A program that
//     is no browser (no Origin, Referer or Fetch metadata) may send the
//     admin's Basic credentials instead of the token (checkWrite).
//   - Wrong passwords lock the address and the name out for a while
//     (lockout.go); the Host header must be one of this server's names
//     (host.go).
//   - A request through the control socket (OpenControl) is the local
//     administrator's, password or not: the socket is mode 0600, so only
//     the service's user (or root) can connect, and no browser can.
//
// A bcrypt comparison costs about a quarter of a second at cost 12, and
// Basic auth sends the password with every request: the last password
// that matched is remembered as an HMAC under a key drawn at start, so
// that a browser or a Prometheus scraper pays the cost once. Wrong
// passwords always pay it, and at most two comparisons run at once.

// AdminUser is the user name of the admin's Basic credentials.
const AdminUser = "admin"

// PasswordCost is the bcrypt cost of the admin password's hash.
const PasswordCost = 12

// Errors of CheckListen, LoadPasswordHash and HashPassword.
var (
	// ErrNoAdminPassword means the listen address is reachable from other
	// machines and no admin password protects the dashboard.
	ErrNoAdminPassword = errors.New("listen address is not loopback and no admin password is set")
	// ErrBadPasswordFile means the admin password file holds no bcrypt hash.
	ErrBadPasswordFile = errors.New("admin password file holds no bcrypt hash")
	// ErrBadPassword means a password cannot be hashed: empty, or longer
	// than bcrypt's 72 bytes.
	ErrBadPassword = errors.New("unusable password")
)

// CheckListen returns ErrNoAdminPassword, wrapped with what to do, if
// listen (service.listen) accepts connections from other machines and
// hash is empty. A host that is a loopback address or "localhost" is
// local; an empty host (":8080") or a wildcard listens everywhere.
func CheckListen(listen string, hash []byte) error {
	if len(hash) > 0 {
		return nil
	}
	host, _, err := net.SplitHostPort(listen)
	if err != nil {
		return fmt.Errorf("check listen %q: %w", listen, err)
	}
	if plan.IsLoopback(host) {
		return nil
	}
	return fmt.Errorf("check listen %q: %w: set service.admin_password_file to a file made by `nhacviec passwd`, or listen on 127.0.0.1", listen, ErrNoAdminPassword)
}

// LoadPasswordHash reads the bcrypt hash in path
// (service.admin_password_file), as `nhacviec passwd` writes it.
func LoadPasswordHash(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load admin password %s: %w", path, err)
	}
	hash := bytes.TrimSpace(data)
	if _, err := bcrypt.Cost(hash); err != nil {
		return nil, fmt.Errorf("load admin password %s: %w: write it again with `nhacviec passwd`", path, ErrBadPasswordFile)
	}
	return hash, nil
}

// HashPassword returns the bcrypt hash of password, at PasswordCost.
func HashPassword(password []byte) ([]byte, error) {
	if len(password) == 0 || len(password) > 72 {
		return nil, fmt.Errorf("hash password: %w: it must have 1 to 72 bytes", ErrBadPassword)
	}
	hash, err := bcrypt.GenerateFromPassword(password, PasswordCost)
	if err != nil {
		return nil, fmt.Errorf("hash password: %w", err)
	}
	return hash, nil
}

// passwords checks Basic credentials against the admin hash.
type passwords struct {
	hash []byte
	key  []byte        // the key of the remembered HMAC
	sem  chan struct{} // bounds the bcrypt comparisons running at once

	mu   sync.Mutex
	good []byte // HMAC of the last password that matched
}

func newPasswords(hash []byte) *passwords {
	key := make([]byte, 32)
	rand.Read(key) // never fails (crypto/rand)
	return &passwords{hash: hash, key: key, sem: make(chan struct{}, 2)}
}

// check reports whether user and password are the admin's.
func (p *passwords) check(user, password string) bool {
	userOK := subtle.ConstantTimeCompare([]byte(user), []byte(AdminUser)) == 1
	m := hmac.New(sha256.New, p.key)
	m.Write([]byte(password))
	sum := m.Sum(nil)
	p.mu.Lock()
	known := p.good != nil && hmac.Equal(sum, p.good)
	p.mu.Unlock()
	if known {
		return userOK
	}
	p.sem <- struct{}{}
	err := bcrypt.CompareHashAndPassword(p.hash, []byte(password))
	<-p.sem
	if err != nil {
		return false
	}
	p.mu.Lock()
	p.good = sum
	p.mu.Unlock()
	return userOK
}

// admin guards an administrative handler (see the top of this file).
// Errors are pages for a browser, JSON for other clients.
func (s *Server) admin(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if localAdmin(r) {
			h.ServeHTTP(w, r)
			return
		}
		fail := s.jsonError
		if wantsHTML(r) {
			fail = s.pageError
		}
		switch {
		case s.passwords == nil && !loopbackClient(r):
			fail(w, r, Errorf(EFORBIDDEN, "error.adminlocal"))
			return
		case s.passwords != nil && !s.login(w, r, fail):
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if err := s.checkWrite(w, r); err != nil {
				fail(w, r, err)
				return
			}
		}
		h.ServeHTTP(w, r)
	})
}

// login checks r's Basic credentials, under the lockout of wrong
// passwords (lockout.go); it answers the request itself and returns false
// when they do not pass.
func (s *Server) login(w http.ResponseWriter, r *http.Request, fail func(http.ResponseWriter, *http.Request, error)) bool {
	user, password, ok := r.BasicAuth()
	if !ok {
		w.Header().Set("WWW-Authenticate", `Basic realm="nhacviec", charset="UTF-8"`)
		fail(w, r, Errorf(EUNAUTHORIZED, "error.adminauth"))
		return false
	}
	now := s.opts.Now()
	keys := adminKeys(r, user)
	for _, k := range keys {
		if until, locked := s.adminLocks.locked(k, now); locked {
			s.tooManyTries(w, r, until, fail)
			return false
		}
	}
	if s.passwords.check(user, password) {
		for _, k := range keys {
			s.adminLocks.forgive(k)
		}
		return true
	}
	for _, k := range keys {
		s.adminLocks.fail(k, now)
	}
	// Never the password, nor the user name typed.
	s.log.Warn("admin authentication failed", logRoute, r.Pattern, "remote", clientHost(r))
	w.Header().Set("WWW-Authenticate", `Basic realm="nhacviec", charset="UTF-8"`)
	fail(w, r, Errorf(EUNAUTHORIZED, "error.adminauth"))
	return false
}

// checkWrite lets through a request that changes something only if it
// comes from no other site (sameOrigin) and carries the CSRF token of
// the dashboard's pages (csrf.go), or comes from a program (not a
// browser) with the admin's password. A browser replays the password on
// requests other sites make it send, so from a browser only the token
// counts; an Origin of "null" (a sandboxed frame, a data: page) is a
// browser's.
func (s *Server) checkWrite(w http.ResponseWriter, r *http.Request) error {
	if !s.sameOrigin(r) {
		return Errorf(EFORBIDDEN, "error.origin")
	}
	ok, err := s.requestCSRF(w, r)
	switch {
	case err != nil:
		return err
	case ok, s.passwords != nil && !fromBrowser(r):
		return nil
	}
	return Errorf(EFORBIDDEN, "error.csrf")
}

// fromBrowser reports whether r carries what only browsers send with a
// request: an Origin (even "null"), a Referer or Fetch metadata.
func fromBrowser(r *http.Request) bool {
	for _, h := range []string{"Origin", "Referer", "Sec-Fetch-Site", "Sec-Fetch-Mode"} {
		if _, ok := r.Header[h]; ok {
			return true
		}
	}
	return false
}

// localAdminKey marks, in their context, the requests that came through
// the control socket.
type localAdminKey struct{}

// localAdmin reports whether r came through the control socket.
func localAdmin(r *http.Request) bool {
	ok, _ := r.Context().Value(localAdminKey{}).(bool)
	return ok
}

// wantsHTML reports whether the client reads pages: a browser.
func wantsHTML(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "text/html")
}

// loopbackClient reports whether the request comes from this machine.
func loopbackClient(r *http.Request) bool {
	ip := net.ParseIP(clientHost(r))
	return ip != nil && ip.IsLoopback()
}

// clientHost is the address of the client, without its port.
func clientHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
