package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/report"
	"github.com/nhacviec/nhacviec/store"
)

// Operations: GET /healthz for the service manager and monitoring, and,
// for the administrator (admin), what the commands ask of the running
// daemon (bbolt allows one process at a time on the store), over the
// network or through the control socket (OpenControl):
//
//   - POST /-/reload reloads the configuration;
//   - GET /-/status?next=N is the status report (report.Build) as JSON,
//     with the N next notifications (at least 10), for nhacviec status;
//   - GET /-/backup is a consistent copy of the store, for nhacviec backup;
//   - POST /-/ack takes an ack.Request as JSON and answers an ack.Result,
//     for nhacviec ack.

// healthProbe is a key the token index never holds (a token has no
// colon): reading it exercises the store without finding anything.
const healthProbe = "health:probe"

func (s *Server) opsRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /healthz", s.handleHealth)
	mux.Handle("POST /-/reload", s.admin(http.HandlerFunc(s.handleReload)))
	mux.Handle("GET /-/status", s.admin(http.HandlerFunc(s.handleStatus)))
	mux.Handle("GET /-/backup", s.admin(http.HandlerFunc(s.handleBackup)))
	mux.Handle("POST /-/ack", s.admin(http.HandlerFunc(s.handleCommandAck)))
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

// handleStatus answers the status report of the running daemon.
func (s *Server) handleStatus(w http.ResponseWriter, r *http.Request) {
	next, _ := strconv.Atoi(r.URL.Query().Get("next"))
	rep, err := report.Build(s.config(), s.opts.Store, s.opts.Now(), max(next, 10))
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	rep.Running = true
	s.writeJSON(w, http.StatusOK, rep)
}

// handleBackup streams a consistent copy of the store. A failure halfway
// can only be logged: the status is sent; the client sees a short body.
func (s *Server) handleBackup(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Cache-Control", "no-store")
	if _, err := s.opts.Store.Backup(w); err != nil {
		s.log.Error("backup", logRoute, r.Pattern, logErr, err)
	}
}

// handleCommandAck records an acknowledgement on a unit's behalf for the
// ack command (ack.Apply): 200 with the ack.Result, whose Error says why
// nothing was recorded.
func (s *Server) handleCommandAck(w http.ResponseWriter, r *http.Request) {
	var req ack.Request
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody)).Decode(&req); err != nil {
		s.jsonError(w, r, bodyError(err))
		return
	}
	res := ack.Apply(s.opts.Store, s.opts.Store, s.opts.Secret, req, "cli", s.opts.Now())
	if res.Created {
		kind := store.Received
		if req.Done {
			kind = store.Done
		}
		s.opts.Metrics.ObserveAck(string(kind), "cli")
	}
	s.writeJSON(w, http.StatusOK, res)
}
