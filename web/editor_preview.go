package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/planfile"
	"github.com/nhacviec/nhacviec/preview"
)

// The preview of an edit, and its save. The edits are made in memory on
// the file's text and checked; the candidate configuration is compared
// with the plan running (preview.Compare) from now on. The page carries
// the edits (JSON, in a hidden field) and the ETag they were made on;
// "Lưu" posts them to /plan/{id}/save, which writes them only if the file
// is still the one previewed.

// previewView is the preview page.
type previewView struct {
	PlanID, What string
	CSRF         string
	Edits, ETag  string
	Return       string     // the page to go back to after a stale save
	Back         string     // the form to post the values back to
	BackValues   url.Values // the values of that form
	Added        []previewItem
	Removed      []previewItem
	Moved        []previewItem
	Samples      []previewSample
	Nothing      bool
	From         string
}

// previewItem is one line of the preview: when, what, to whom.
type previewItem struct {
	At, From, Kind, Task, Units string
}

// previewSample is one message as its unit reads it.
type previewSample struct {
	Kind, Channel, Unit, Subject, Text string
}

// preview makes edits on e's text in memory and shows what they change
// in what the plan sends; if the result does not check, invalid is
// called with the problems (nil: they are shown on an error page).
func (s *Server) preview(w http.ResponseWriter, r *http.Request, e *editing, edits []formEdit, what string, invalid func([]apiProblem)) {
	pe, err := planfileEdits(edits)
	if err != nil {
		s.pageError(w, r, Errorf(EINVALID, "ed.err.edits"))
		return
	}
	out, err := e.doc.Edit(e.text, pe...)
	var check *planfile.CheckError
	switch {
	case errors.As(err, &check):
		problems := s.checkProblems(e.doc, check.Diagnostics, nil, e.editedNode(pe))
		if invalid != nil {
			invalid(problems)
			return
		}
		s.problemPage(w, r, e.p.ID, problems)
		return
	case errors.Is(err, planfile.ErrNoPath), errors.Is(err, planfile.ErrCannotEdit):
		s.problemPage(w, r, e.p.ID, []apiProblem{{Message: tr(s.lang(), "api.nopath")}})
		return
	case err != nil:
		s.pageError(w, r, err)
		return
	}
	cand, err := s.candidate(e.doc, out)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	now := s.opts.Now()
	res, err := preview.Compare(s.config(), cand, e.p.ID, now)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	js, err := json.Marshal(edits)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	loc := planLoc(cand, cand.Plan(e.p.ID))
	v := previewView{PlanID: e.p.ID, What: what, CSRF: s.csrfToken(w, r), Edits: string(js), ETag: e.etag,
		Return: r.URL.Path, From: s.weekdayTime(now.In(loc))}
	if r.PathValue("task") == "" || strings.HasSuffix(r.URL.Path, "/tasks/"+r.PathValue("task")) {
		v.Back, v.BackValues = r.URL.Path, url.Values{}
		for k, x := range r.PostForm {
			if k != csrfField {
				v.BackValues[k] = x
			}
		}
	} else {
		v.Return = "/plan/" + e.p.ID + "/edit"
	}
	for _, it := range res.Added {
		v.Added = append(v.Added, s.previewItem(cand, it, time.Time{}))
	}
	for _, it := range res.Removed {
		v.Removed = append(v.Removed, s.previewItem(s.config(), it, time.Time{}))
	}
	for _, m := range res.Moved {
		v.Moved = append(v.Moved, s.previewItem(cand, m.Item, m.From))
	}
	for _, sm := range res.Samples {
		v.Samples = append(v.Samples, previewSample{Kind: tr(s.lang(), "kind."+sm.Kind), Channel: sm.Channel,
			Unit: s.unitLabel(cand, sm.Unit), Subject: sm.Subject, Text: sm.Text})
	}
	v.Nothing = len(v.Added)+len(v.Removed)+len(v.Moved) == 0
	s.render(w, r, http.StatusOK, "editor_preview", v)
}

// weekdayTime writes a time with its weekday: "thứ Hai 18/11/2019 08:00".
func (s *Server) weekdayTime(t time.Time) string {
	return lang.Weekday(s.lang(), t.Weekday()) + " " + t.Format("02/01/2006 15:04")
}

// previewItem is it as the page says it.
func (s *Server) previewItem(cfg *plan.Config, it preview.Item, from time.Time) previewItem {
	p := previewItem{At: s.weekdayTime(it.At), Kind: tr(s.lang(), "kind."+it.Kind), Task: it.TaskTitle}
	if !from.IsZero() {
		p.From = s.weekdayTime(from.In(it.At.Location()))
	}
	var names []string
	for _, u := range it.Units {
		names = append(names, s.unitLabel(cfg, u))
	}
	p.Units = strings.Join(names, ", ")
	if it.Role != "" {
		p.Units += " (" + tr(s.lang(), "role."+it.Role) + ")"
	}
	return p
}

// candidate loads the configuration as it would be with text as the text
// of d's file.
func (s *Server) candidate(d *planfile.Doc, text []byte) (*plan.Config, error) {
	file := filepath.Clean(d.File)
	read := func(name string) ([]byte, error) {
		if filepath.Clean(name) == file {
			return text, nil
		}
		return config.ReadFile(name)
	}
	cfg, diags := config.Parse(d.Config, nil, read)
	if diags.HasErrors() {
		return nil, &planfile.CheckError{File: d.File, Diagnostics: diags}
	}
	return cfg, nil
}

// problemsView is the page of an edit that does not check, or of a save
// refused.
type problemsView struct {
	PlanID   string
	Title    string
	Text     string
	Problems []string
	Link     string
}

func (s *Server) problemPage(w http.ResponseWriter, r *http.Request, planID string, problems []apiProblem) {
	v := problemsView{PlanID: planID, Title: tr(s.lang(), "ed.problems.title"),
		Text: tr(s.lang(), "ed.problems.text"), Link: "/plan/" + planID + "/edit"}
	for _, p := range problems {
		v.Problems = append(v.Problems, problemText(p))
	}
	s.render(w, r, http.StatusUnprocessableEntity, "editor_problem", v)
}

func (s *Server) handleEditorSave(w http.ResponseWriter, r *http.Request) {
	_, p, err := s.planToEdit(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if !s.parseAdminForm(w, r) {
		return
	}
	h, ok := s.opts.Store.(planHistory)
	if !ok || s.config().File == "" {
		s.pageError(w, r, Errorf(EUNAVAILABLE, "api.nohistory"))
		return
	}
	var edits []formEdit
	if err := json.Unmarshal([]byte(r.PostForm.Get("edits")), &edits); err != nil {
		s.pageError(w, r, Errorf(EINVALID, "ed.err.edits"))
		return
	}
	pe, err := planfileEdits(edits)
	if err != nil {
		s.pageError(w, r, Errorf(EINVALID, "ed.err.edits"))
		return
	}
	d, err := planfile.Locate(s.config().File, p.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ret := r.PostForm.Get("return")
	if !strings.HasPrefix(ret, "/plan/"+p.ID+"/") || strings.Contains(ret, "//") {
		ret = "/plan/" + p.ID + "/edit"
	}
	_, err = d.Save(h, accountOf(r).Name, r.PostForm.Get("etag"), pe...)
	var check *planfile.CheckError
	switch {
	case errors.Is(err, planfile.ErrStale):
		s.render(w, r, http.StatusConflict, "editor_problem", problemsView{PlanID: p.ID,
			Title: tr(s.lang(), "ed.stale.title"), Text: tr(s.lang(), "ed.stale.text"), Link: ret})
		return
	case errors.As(err, &check):
		s.problemPage(w, r, p.ID, s.checkProblems(d, check.Diagnostics, nil, editedPlan(d, pe)))
		return
	case errors.Is(err, planfile.ErrNoPath), errors.Is(err, planfile.ErrCannotEdit):
		s.problemPage(w, r, p.ID, []apiProblem{{Message: tr(s.lang(), "api.nopath")}})
		return
	case err != nil:
		s.pageError(w, r, err)
		return
	}
	s.log.Info("plan saved in the editor", logPlan, p.ID, "who", accountOf(r).Name, "edits", len(pe))
	if s.opts.Reload != nil {
		if ok, errs := s.opts.Reload(); !ok {
			s.log.Warn("reload after an edit failed", logPlan, p.ID, "errors", len(errs))
		}
	}
	http.Redirect(w, r, "/plan/"+p.ID+"/edit?saved=1", http.StatusSeeOther)
}

// editedNode returns the plan's node in e's text with edits made, for a
// checker's problem to name its path; nil when that cannot be had.
func (e *editing) editedNode(edits []planfile.Edit) *yaml.Node {
	text, err := editedText(e.doc, e.text, edits)
	if err != nil {
		return nil
	}
	n, err := planNode(text, e.p.ID, e.doc.Root != "")
	if err != nil {
		return nil
	}
	return n
}
