package web

import (
	"crypto/hmac"
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/nhacviec/nhacviec/ack"
)

// CSRF protection of the dashboard's forms: a signed double-submit
// cookie (OWASP's "signed double-submit cookie" pattern).
//
// The first dashboard page a browser gets sets the cookie nhacviec_csrf
// to 128 random bits (HttpOnly, SameSite=Strict, Path=/, Secure over
// HTTPS; a session cookie, gone when the browser closes). Every form of
// the page carries, in the hidden field csrf, the HMAC-SHA256 of the
// cookie under the service secret ("csrf:" + cookie, so that it meets no
// other MAC of that secret), cut to 128 bits. A POST passes only if its
// cookie is well formed and its field is the MAC of that cookie, compared
// in constant time.
//
// Another site can make the browser send the cookie (not with
// SameSite=Strict, but with an older browser) and Basic credentials,
// but cannot read the cookie, so cannot fill in the field; and a cookie
// it plants (from a sibling subdomain) is useless without the secret to
// sign it. There is no state on the server: tokens survive restarts and
// need no cleanup. The admin guard checks the token of every request
// that changes something (checkWrite), and the Origin besides
// (sameOrigin). A client that sends no form (POST /-/reload, POST
// /-/ack's JSON) gives the token in the header X-CSRF-Token.
// Neither the cookie nor the token is ever logged.

const (
	csrfCookie = "nhacviec_csrf"
	csrfField  = "csrf"
	csrfHeader = "X-CSRF-Token"
	csrfBytes  = 16
)

// csrfToken returns the token for the forms of the page being answered,
// setting the cookie first if the request has no valid one.
func (s *Server) csrfToken(w http.ResponseWriter, r *http.Request) string {
	value := ""
	if c, err := r.Cookie(csrfCookie); err == nil && validCSRFCookie(c.Value) {
		value = c.Value
	} else {
		b := make([]byte, csrfBytes)
		rand.Read(b) // never fails (crypto/rand)
		value = base64.RawURLEncoding.EncodeToString(b)
		http.SetCookie(w, &http.Cookie{
			Name:     csrfCookie,
			Value:    value,
			Path:     "/",
			HttpOnly: true,
			SameSite: http.SameSiteStrictMode,
			Secure:   r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https"),
		})
	}
	return s.csrfMAC(value)
}

// requestCSRF reports whether a request that changes something carries
// the token of its cookie: in the header X-CSRF-Token, or in the field
// csrf of its form, which it parses (size-limited; err says why it could
// not).
func (s *Server) requestCSRF(w http.ResponseWriter, r *http.Request) (ok bool, err error) {
	got := r.Header.Get(csrfHeader)
	if got == "" {
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		if err := r.ParseForm(); err != nil {
			return false, bodyError(err)
		}
		got = r.PostForm.Get(csrfField)
	}
	c, err := r.Cookie(csrfCookie)
	if err != nil || !validCSRFCookie(c.Value) {
		return false, nil
	}
	return got != "" && hmac.Equal([]byte(got), []byte(s.csrfMAC(c.Value))), nil
}

func (s *Server) csrfMAC(cookie string) string {
	return base64.RawURLEncoding.EncodeToString(ack.MAC(s.opts.Secret, "csrf:"+cookie)[:csrfBytes])
}

func validCSRFCookie(v string) bool {
	b, err := base64.RawURLEncoding.DecodeString(v)
	return err == nil && len(b) == csrfBytes
}
