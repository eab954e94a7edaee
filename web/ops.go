package web

import (
	"errors"
	"io"
	"net/http"

	"github.com/nhacviec/nhacviec/store"
)

// Operations: GET /healthz for the service manager and monitoring, and
// POST /-/reload (admin only) to reload the configuration.

// healthProbe is a key the token index never holds (a token has no
// colon): reading it exercises the store without finding anything.
const healthProbe = "health:probe"

func (s *Server) opsRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /healthz", s.handleHealth)
	mux.Handle("POST /-/reload", s.admin(http.HandlerFunc(s.handleReload)))
}

// handleHealth answers 200 "ok" while the store can be read and a
// configuration is in force, 503 otherwise.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, err := s.opts.Store.Token(healthProbe)
	switch {
	case err != nil && !errors.Is(err, store.ErrNotFound):
		s.log.Error("health check: store", logErr, err)
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, "store unavailable\n")
	case s.config() == nil:
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, "no configuration\n")
	default:
		io.WriteString(w, "ok\n")
	}
}

// reloadResult is the answer of a reload done.
type reloadResult struct {
	OK bool `json:"ok"`
}

// reloadRefused is the answer of a refused reload: errors always there.
type reloadRefused struct {
	OK     bool     `json:"ok"`
	Errors []string `json:"errors"`
}

// handleReload runs Options.Reload: 200 {"ok": true}, or 422 {"ok":
// false, "errors": […]} when the file is invalid and the running plan is
// kept.
func (s *Server) handleReload(w http.ResponseWriter, r *http.Request) {
	if s.opts.Reload == nil {
		s.jsonError(w, r, Errorf(EUNAVAILABLE, "error.reloadoff"))
		return
	}
	io.Copy(io.Discard, http.MaxBytesReader(w, r.Body, maxBody))
	ok, errs := s.opts.Reload()
	if ok {
		s.writeJSON(w, http.StatusOK, reloadResult{OK: true})
		return
	}
	if errs == nil {
		errs = []string{}
	}
	s.writeJSON(w, http.StatusUnprocessableEntity, reloadRefused{OK: false, Errors: errs})
}
