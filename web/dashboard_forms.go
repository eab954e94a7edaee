package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/progress"
	"github.com/nhacviec/nhacviec/store"
)

// The dashboard's forms: an acknowledgement on a unit's behalf, and the
// pause of a task. Each answers with a redirect to the dashboard, whose
// query says what was done (resultText). Only an account that may edit
// the plan (canEdit) gets past planToEdit.

// handleDashboardAck records an acknowledgement on a unit's behalf.
func (s *Server) handleDashboardAck(w http.ResponseWriter, r *http.Request) {
	cfg, p, err := s.planToEdit(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if !s.parseAdminForm(w, r) {
		return
	}
	o := progress.IndexOf(cfg).Occurrence(r.PostForm.Get("o"))
	unit := r.PostForm.Get("u")
	if o == nil || o.Plan != p.ID || !o.Reports(unit) {
		s.pageError(w, r, Errorf(EINVALID, "error.dashcell"))
		return
	}
	kind := store.AckKind(r.PostForm.Get("kind"))
	if kind != store.Received && kind != store.Done {
		s.pageError(w, r, Errorf(EINVALID, "error.action"))
		return
	}
	who := clip(r.PostForm.Get("who"), maxWho)
	if who == "" {
		who = tr(s.lang(), "dash.by.default")
	}
	now := s.opts.Now()
	a := store.Ack{Unit: unit, By: who, Via: "dashboard", Note: clip(r.PostForm.Get("note"), maxNote),
		At: now, Plan: p.ID, Task: o.Task.ID}
	var created bool
	if kind == store.Done {
		d := a
		d.Subject, d.Kind = o.ID, store.Done
		if _, created, err = s.opts.Store.RecordAck(d); err == nil {
			_, _, err = s.recordOnBehalf(o, a, now)
		}
	} else {
		_, created, err = s.recordOnBehalf(o, a, now)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if created {
		s.opts.Metrics.ObserveAck(string(kind), "dashboard")
		s.log.Info("acknowledged on the dashboard", logPlan, p.ID, logTask, o.Task.ID, logUnit, unit, "kind", kind)
	}
	result := "recorded"
	if !created {
		result = "already"
	}
	s.redirect(w, r, p.ID, url.Values{"r": {result}, "k": {string(kind)}, "o": {o.ID}, "u": {unit}}, "matrix")
}

// recordOnBehalf records that unit received occurrence o: on the
// occurrence itself, which the matrix reads, and on every notice of it
// already sent to the unit, which its acknowledgement pages read. The
// record of the occurrence is returned.
func (s *Server) recordOnBehalf(o *progress.Occurrence, a store.Ack, now time.Time) (store.Ack, bool, error) {
	a.Subject, a.Kind = o.ID, store.Received
	stored, created, err := s.opts.Store.RecordAck(a)
	if err != nil {
		return store.Ack{}, false, err
	}
	for _, n := range o.Notices(a.Unit) {
		if n.At.After(now) {
			continue
		}
		a.Subject = n.AckID
		if _, _, err := s.opts.Store.RecordAck(a); err != nil {
			return store.Ack{}, false, err
		}
	}
	return stored, created, nil
}

// handlePause pauses or resumes a task.
func (s *Server) handlePause(w http.ResponseWriter, r *http.Request) {
	_, p, err := s.planToEdit(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if !s.parseAdminForm(w, r) {
		return
	}
	t := p.Task(r.PostForm.Get("task"))
	if t == nil {
		s.pageError(w, r, Errorf(EINVALID, "error.dashtask"))
		return
	}
	var pause bool
	switch r.PostForm.Get("action") {
	case "pause":
		pause = true
	case "resume":
	default:
		s.pageError(w, r, Errorf(EINVALID, "error.action"))
		return
	}
	if err := s.opts.Store.SetPaused(p.ID, t.ID, pause); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.log.Info("task paused on the dashboard", logPlan, p.ID, logTask, t.ID, "paused", pause)
	result := "resumed"
	if pause {
		result = "paused"
	}
	s.redirect(w, r, p.ID, url.Values{"r": {result}, "p": {p.ID}, "t": {t.ID}}, "task-"+t.ID)
}

// planToEdit returns the plan of a form's path if the request's account
// may edit it (canEdit), else EFORBIDDEN.
func (s *Server) planToEdit(r *http.Request) (*plan.Config, *plan.Plan, error) {
	cfg, p, err := s.planOf(r)
	if err != nil {
		return nil, nil, err
	}
	if !canEdit(accountOf(r), p.ID) {
		return nil, nil, Errorf(EFORBIDDEN, "error.role")
	}
	return cfg, p, nil
}

// parseAdminForm reads a dashboard form, size-limited (the admin guard
// has checked its CSRF token); it answers the request itself and returns
// false if it fails.
func (s *Server) parseAdminForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if err := r.ParseForm(); err != nil {
		s.pageError(w, r, bodyError(err))
		return false
	}
	return true
}

// redirect sends the browser back to the dashboard of a plan (303).
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, planID string, q url.Values, anchor string) {
	http.Redirect(w, r, "/plan/"+planID+"?"+q.Encode()+"#"+anchor, http.StatusSeeOther)
}

// resultText says what the POST that redirected here did.
func (s *Server) resultText(cfg *plan.Config, idx *progress.Index, q url.Values, local func(time.Time) string) string {
	lang := s.lang()
	switch r := q.Get("r"); r {
	case "recorded", "already":
		o := idx.Occurrence(q.Get("o"))
		if o == nil {
			return ""
		}
		if r == "already" {
			return tr(lang, "dash.result.already", cfg.UnitName(q.Get("u")))
		}
		what := tr(lang, "dash.kind.received")
		if q.Get("k") == string(store.Done) {
			what = tr(lang, "dash.kind.done")
		}
		return tr(lang, "dash.result.recorded", cfg.UnitName(q.Get("u")), what, o.Deadline.Title, local(o.Due))
	case "receipt":
		return tr(lang, "rcpt.result.recorded", cfg.UnitName(q.Get("u")))
	case "receipt.already":
		return tr(lang, "rcpt.result.already", cfg.UnitName(q.Get("u")))
	case "paused", "resumed":
		t := ""
		if p := cfg.Plan(q.Get("p")); p != nil {
			if task := p.Task(q.Get("t")); task != nil {
				t = task.Heading()
			}
		}
		if t == "" {
			return ""
		}
		return tr(lang, "dash.result."+r, t)
	}
	return ""
}
