package web

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// Accounts and who may do what (SPEC §7).
//
//   - An account is the admin of service.admin_password_file (name
//     AdminUser), or one of the store's (nhacviec user add), with a role:
//     an admin does everything (/metrics, the /-/ endpoints); an editor
//     sees the dashboard and uses its forms for the plans named for her
//     (canEdit); a viewer sees the dashboard and posts nothing (403).
//   - Without any account (no admin password file, no account in the
//     store), only clients on a loopback address get in, as the admin;
//     any other gets 403 and a page saying to set
//     service.admin_password_file. CheckListen makes run refuse a listen
//     address that is not loopback in that case.
//   - With one, every client, loopback or not, must sign in: with the
//     session cookie of the login page (login.go, session.go), or with
//     HTTP Basic credentials, which scripts use. A browser asking for a
//     page without either is sent to the login page. Behind a reverse
//     proxy on the same machine every client looks local, so the loopback
//     is no proof once an account exists.
//   - A request that changes something (not GET or HEAD: the dashboard's
//     forms, POST /-/reload, POST /-/ack) must also come from no other
//     site (sameOrigin) and carry the CSRF token of the dashboard's pages
//     (csrf.go): browsers replay Basic credentials, cookies and the
//     loopback address on requests other sites make them send. A program
//     that is no browser (no Origin, Referer or Fetch metadata) may send
//     Basic credentials instead of the token (checkWrite).
//   - Wrong passwords, on the login page or with Basic, lock the address
//     and the account's name out for a while (lockout.go); the Host
//     header must be one of this server's names (host.go).
//   - A request through the control socket (OpenControl) is the local
//     administrator's, password or not: the socket is mode 0600, so only
//     the service's user (or root) can connect, and no browser can.
//
// A bcrypt comparison costs about a quarter of a second at cost 12, and
// Basic auth sends the password with every request: the last password
// that matched each name is remembered as an HMAC under a key drawn at
// start, so that a script or a Prometheus scraper pays the cost once.
// Wrong passwords always pay it, and at most two comparisons run at once.

// AdminUser is the name of the admin of service.admin_password_file.
const AdminUser = "admin"

// AccountAdminFile is the name of the account of service.admin_password_file.
const AccountAdminFile = AdminUser

// PasswordCost is the bcrypt cost of the hash of every password.
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
	return fmt.Errorf("check listen %q: %w: set service.admin_password_file to a file made by `nhacviec passwd`, add an admin with `nhacviec user add NAME --role admin`, or listen on 127.0.0.1", listen, ErrNoAdminPassword)
}

// HasAdmin reports whether accounts (the store's) hold an admin: then
// CheckListen's refusal does not apply.
func HasAdmin(accounts interface {
	Accounts() ([]store.Account, error)
}) (bool, error) {
	all, err := accounts.Accounts()
	if err != nil {
		return false, fmt.Errorf("has admin: %w", err)
	}
	return slices.ContainsFunc(all, func(a store.Account) bool { return a.Role == store.RoleAdmin }), nil
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

// account is who a request comes from, once signed in.
type account struct {
	Name  string
	Role  store.Role
	Plans []string
	// basic: the request carried the password itself (HTTP Basic), so it
	// may be a program's; a session is always a browser's.
	basic bool
}

// localAccount is the local administrator: the control socket, or a
// loopback client where no account exists.
var localAccount = account{Name: AdminUser, Role: store.RoleAdmin}

// canEdit reports whether a may change planID: an admin any plan, an
// editor the plans named for her, a viewer none.
func canEdit(a account, planID string) bool {
	switch a.Role {
	case store.RoleAdmin:
		return true
	case store.RoleEditor:
		return slices.Contains(a.Plans, planID)
	}
	return false
}

// atLeast reports whether role r may do what role min may.
func atLeast(r, min store.Role) bool {
	rank := map[store.Role]int{store.RoleViewer: 1, store.RoleEditor: 2, store.RoleAdmin: 3}
	return rank[r] >= rank[min]
}

// accountKey marks, in their context, the account a request comes from.
type accountKey struct{}

// accountOf returns the account the guard found for r.
func accountOf(r *http.Request) account {
	a, _ := r.Context().Value(accountKey{}).(account)
	return a
}

// passwords checks passwords against bcrypt hashes, remembering the last
// one that matched for each name.
type passwords struct {
	key []byte        // the key of the remembered HMACs
	sem chan struct{} // bounds the bcrypt comparisons running at once

	mu   sync.Mutex
	good map[string][]byte // by name, HMAC of its hash and the password that matched
}

func newPasswords() *passwords {
	key := make([]byte, 32)
	rand.Read(key) // never fails (crypto/rand)
	return &passwords{key: key, sem: make(chan struct{}, 2), good: map[string][]byte{}}
}

// match reports whether password is the one of hash, for name. The HMAC
// covers the hash, so a new password forgets the remembered one.
func (p *passwords) match(name string, hash []byte, password string) bool {
	m := hmac.New(sha256.New, p.key)
	m.Write(hash)
	m.Write([]byte{0})
	m.Write([]byte(password))
	sum := m.Sum(nil)
	p.mu.Lock()
	known := p.good[name] != nil && hmac.Equal(sum, p.good[name])
	p.mu.Unlock()
	if known {
		return true
	}
	p.sem <- struct{}{}
	err := bcrypt.CompareHashAndPassword(hash, []byte(password))
	<-p.sem
	if err != nil {
		return false
	}
	p.mu.Lock()
	if len(p.good) >= maxStrikers {
		clear(p.good)
	}
	p.good[name] = sum
	p.mu.Unlock()
	return true
}

// dummyHash is compared against when a name has no account, so that a
// wrong name costs the time of a wrong password.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("no such account"), PasswordCost)
	return h
})

// findAccount returns the account called name and its password's hash: the
// admin of admin_password_file, else an account of the store.
func (s *Server) findAccount(name string) (account, []byte, bool) {
	if name == AdminUser && len(s.opts.AdminPasswordHash) > 0 {
		return localAccount, s.opts.AdminPasswordHash, true
	}
	if s.opts.Store == nil {
		return account{}, nil, false
	}
	a, err := s.opts.Store.Account(name)
	if err != nil {
		if !errors.Is(err, store.ErrNotFound) {
			s.log.Error("read account", logErr, err)
		}
		return account{}, nil, false
	}
	return account{Name: a.Name, Role: a.Role, Plans: a.Plans}, []byte(a.PasswordHash), true
}

// anyAccount reports whether someone must sign in: an admin password
// file, or an account in the store. A store that cannot be read counts
// as having one: it fails closed.
func (s *Server) anyAccount() bool {
	if len(s.opts.AdminPasswordHash) > 0 {
		return true
	}
	if s.opts.Store == nil {
		return false
	}
	all, err := s.opts.Store.Accounts()
	return err != nil || len(all) > 0
}

// authenticate checks name and password under the lockout of wrong
// passwords (lockout.go). locked is non-zero when the address or the
// name is locked out: nothing was checked.
func (s *Server) authenticate(r *http.Request, name, password string) (a account, ok bool, locked time.Time) {
	now := s.opts.Now()
	a, hash, known := s.findAccount(name)
	keys := loginKeys(r, name, known)
	for _, k := range keys {
		if until, isLocked := s.adminLocks.locked(k, now); isLocked {
			return account{}, false, until
		}
	}
	if !known {
		hash = dummyHash()
	}
	if s.passwords.match(name, hash, password) && known {
		for _, k := range keys {
			s.adminLocks.forgive(k)
		}
		return a, true, time.Time{}
	}
	for _, k := range keys {
		s.adminLocks.fail(k, now)
	}
	// Never the password, nor the user name typed.
	s.log.Warn("authentication failed", logRoute, r.Pattern, "remote", clientHost(r))
	return account{}, false, time.Time{}
}

// guard lets through to h the requests of an account of role min or
// above (see the top of this file), with the account in their context.
// Errors are pages for a browser, JSON for other clients.
func (s *Server) guard(min store.Role, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fail := s.jsonError
		if wantsHTML(r) {
			fail = s.pageError
		}
		var a account
		switch {
		case localAdmin(r):
			a = localAccount
		case !s.anyAccount():
			if !loopbackClient(r) {
				fail(w, r, Errorf(EFORBIDDEN, "error.adminlocal"))
				return
			}
			a = localAccount
		default:
			var ok bool
			if a, ok = s.signIn(w, r, fail); !ok {
				return
			}
		}
		write := r.Method != http.MethodGet && r.Method != http.MethodHead
		if !atLeast(a.Role, min) || write && a.Role == store.RoleViewer {
			fail(w, r, Errorf(EFORBIDDEN, "error.role"))
			return
		}
		if write && !localAdmin(r) {
			if err := s.checkWrite(w, r, a); err != nil {
				fail(w, r, err)
				return
			}
		}
		h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), accountKey{}, a)))
	})
}

// admin guards what only an admin may do: /metrics and the /-/
// endpoints.
func (s *Server) admin(h http.Handler) http.Handler { return s.guard(store.RoleAdmin, h) }

// member guards what any account may see: the dashboard; its forms
// check canEdit.
func (s *Server) member(h http.Handler) http.Handler { return s.guard(store.RoleViewer, h) }

// signIn finds the account of r: its session (session.go), else its
// Basic credentials. It answers the request itself and returns false
// when there is none: a browser asking for a page is sent to the login
// page, any other client gets 401 and a Basic challenge.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request, fail func(http.ResponseWriter, *http.Request, error)) (account, bool) {
	if a, ok := s.sessionAccount(r); ok {
		return a, true
	}
	name, password, ok := r.BasicAuth()
	if !ok {
		if wantsHTML(r) && r.Method == http.MethodGet {
			http.Redirect(w, r, "/login?"+url.Values{"next": {r.URL.RequestURI()}}.Encode(), http.StatusSeeOther)
			return account{}, false
		}
		w.Header().Set("WWW-Authenticate", `Basic realm="nhacviec", charset="UTF-8"`)
		fail(w, r, Errorf(EUNAUTHORIZED, "error.adminauth"))
		return account{}, false
	}
	a, ok, locked := s.authenticate(r, name, password)
	switch {
	case !locked.IsZero():
		s.tooManyTries(w, r, locked, fail)
		return account{}, false
	case !ok:
		w.Header().Set("WWW-Authenticate", `Basic realm="nhacviec", charset="UTF-8"`)
		fail(w, r, Errorf(EUNAUTHORIZED, "error.adminauth"))
		return account{}, false
	}
	a.basic = true
	return a, true
}

// checkWrite lets through a request that changes something only if it
// comes from no other site (sameOrigin) and carries the CSRF token of
// the dashboard's pages (csrf.go), or comes from a program (not a
// browser) with the admin's password. A browser replays the password on
// requests other sites make it send, so from a browser only the token
// counts; an Origin of "null" (a sandboxed frame, a data: page) is a
// browser's.
func (s *Server) checkWrite(w http.ResponseWriter, r *http.Request, a account) error {
	if !s.sameOrigin(r) {
		return Errorf(EFORBIDDEN, "error.origin")
	}
	ok, err := s.requestCSRF(w, r)
	switch {
	case err != nil:
		return err
	case ok, a.basic && !fromBrowser(r):
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
