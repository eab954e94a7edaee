package web

import (
	"net/http"
	"strings"
)

// The login page: GET /login shows the form, POST /login checks the name
// and password (under the lockout of wrong passwords, as HTTP Basic is)
// and starts a session (session.go), POST /logout ends it. Both posts
// must come from no other site and carry the CSRF token of the page
// (csrf.go): a login form another site submits would sign the browser
// in to an account of the attacker's choosing.

func (s *Server) loginRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /login", s.handleLoginPage)
	mux.HandleFunc("POST /login", s.handleLogin)
	mux.HandleFunc("POST /logout", s.handleLogout)
}

// loginView is the data of the login page.
type loginView struct {
	CSRF, Next, Name, Error string
}

func (s *Server) handleLoginPage(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "login", loginView{CSRF: s.csrfToken(w, r), Next: localPath(r.URL.Query().Get("next"))})
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if err := s.checkForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	name := strings.TrimSpace(r.PostForm.Get("name"))
	view := loginView{CSRF: s.csrfToken(w, r), Next: localPath(r.PostForm.Get("next")), Name: name}
	a, ok, locked := s.authenticate(r, name, r.PostForm.Get("password"))
	switch {
	case !locked.IsZero():
		retryAfter(w, locked.Sub(s.opts.Now()))
		view.Error = tr(s.lang(), "error.toomany", s.serviceTime(locked))
		s.render(w, r, http.StatusTooManyRequests, "login", view)
		return
	case !ok:
		view.Error = tr(s.lang(), "login.wrong")
		s.render(w, r, http.StatusUnauthorized, "login", view)
		return
	}
	s.setSession(w, r, s.sessions.create(a.Name, s.opts.Now()))
	s.log.Info("signed in", "account", a.Name, "role", a.Role)
	next := view.Next
	if next == "" {
		next = "/"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	if err := s.checkForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		s.sessions.end(c.Value)
	}
	s.setSession(w, r, "")
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// checkForm refuses a form post from another site, or without the CSRF
// token of its page; it parses the form.
func (s *Server) checkForm(w http.ResponseWriter, r *http.Request) error {
	if !s.sameOrigin(r) {
		return Errorf(EFORBIDDEN, "error.origin")
	}
	ok, err := s.requestCSRF(w, r)
	switch {
	case err != nil:
		return err
	case !ok:
		return Errorf(EFORBIDDEN, "error.csrf")
	}
	return nil
}

// localPath returns p if it is a path on this server, else "": the page
// to go back to after login must not lead to another site.
func localPath(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") || strings.ContainsAny(p, "\r\n") {
		return ""
	}
	return p
}
