package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/planfile"
	"github.com/nhacviec/nhacviec/preview"
)

// importPreview is what the new plan will send: the count of each kind,
// the first messages, and a sample of each kind as its unit reads it.
type importPreview struct {
	From    string
	Total   int
	Kinds   []importKind
	First   []previewItem
	More    int
	Samples []previewSample
	// Hash is the ETag of the plan previewed: the save writes only that.
	Hash    string
	Changed bool // a save refused: the draft changed after its preview
}

// importKind is one kind of message and how many the plan sends.
type importKind struct {
	Kind string
	N    int
}

// importFirst is how many messages the preview lists one by one.
const importFirst = 20

func (s *Server) handleImportPreview(w http.ResponseWriter, r *http.Request) {
	st, v, ok := s.importPage(w, r)
	if !ok {
		return
	}
	text, cand, np := s.importCandidate(st, v)
	if cand == nil {
		s.render(w, r, http.StatusUnprocessableEntity, "import_draft", v)
		return
	}
	if err := s.importPreview(v, text, cand, np); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "import_draft", v)
}

func (s *Server) handleImportSave(w http.ResponseWriter, r *http.Request) {
	st, v, ok := s.importPage(w, r)
	if !ok {
		return
	}
	text, cand, np := s.importCandidate(st, v)
	if cand == nil {
		s.render(w, r, http.StatusUnprocessableEntity, "import_draft", v)
		return
	}
	if planfile.ETag(text) != r.PostForm.Get("previewed") {
		if err := s.importPreview(v, text, cand, np); err != nil {
			s.pageError(w, r, err)
			return
		}
		v.Preview.Changed = true
		s.render(w, r, http.StatusConflict, "import_draft", v)
		return
	}
	h, ok := s.opts.Store.(planHistory)
	if !ok {
		s.pageError(w, r, Errorf(EUNAVAILABLE, "api.nohistory"))
		return
	}
	who := accountOf(r).Name
	err := np.Save(h, who, text)
	var check *planfile.CheckError
	switch {
	case errors.Is(err, planfile.ErrExists):
		v.Problems["file"] = append(v.Problems["file"], tr(s.lang(), "imp.err.exists", np.Name))
	case errors.As(err, &check):
		s.placeProblems(v, check, text, nil, np)
	case err != nil:
		s.pageError(w, r, err)
		return
	}
	if err != nil {
		s.render(w, r, http.StatusUnprocessableEntity, "import_draft", v)
		return
	}
	s.log.Info("plan imported", logPlan, v.ID, "file", np.Name, "document", st.Name, "who", who)
	if s.opts.Reload != nil {
		if ok, errs := s.opts.Reload(); !ok {
			s.log.Warn("reload after an import failed", logPlan, v.ID, "errors", len(errs))
		}
	}
	http.Redirect(w, r, "/plan/"+v.ID+"/edit?saved=1", http.StatusSeeOther)
}

// importPage reads the state and the values of r's form into the draft
// page; it answers r itself and returns false when it cannot.
func (s *Server) importPage(w http.ResponseWriter, r *http.Request) (*importState, *importView, bool) {
	st, err := s.decodeState(r)
	if err != nil {
		s.pageError(w, r, err)
		return nil, nil, false
	}
	v, err := s.importDraft(w, r, st, r.PostForm)
	if err != nil {
		s.pageError(w, r, Errorf(EINVALID, "imp.err.state"))
		return nil, nil, false
	}
	return st, v, true
}

// importCandidate builds the plan of v and checks it as a new plan of
// the configuration running: the configuration it would be, or nil with
// the problems put on v.
func (s *Server) importCandidate(st *importState, v *importView) ([]byte, *plan.Config, planfile.NewPlan) {
	lng := s.lang()
	var np planfile.NewPlan
	cfg := s.config()
	if cfg == nil || cfg.File == "" {
		v.Other = append(v.Other, tr(lng, "imp.err.nofolder"))
		return nil, nil, np
	}
	name, err := planfile.CleanPlanName(v.File)
	if err != nil {
		v.Problems["file"] = append(v.Problems["file"], tr(lng, "imp.err.path"))
		return nil, nil, np
	}
	np = planfile.NewPlan{Config: cfg.File, Name: name}
	text, kept, err := v.build(st)
	if err != nil {
		v.Other = append(v.Other, err.Error())
		return nil, nil, np
	}
	if len(kept) == 0 {
		v.Other = append(v.Other, tr(lng, "imp.err.notask"))
		return nil, nil, np
	}
	if s.noLead(v, text, kept) {
		return nil, nil, np
	}
	cand, err := np.Check(text)
	var check *planfile.CheckError
	switch {
	case errors.Is(err, planfile.ErrExists):
		v.Problems["file"] = append(v.Problems["file"], tr(lng, "imp.err.exists", name))
	case errors.As(err, &check):
		s.placeProblems(v, check, text, kept, np)
	case err != nil:
		v.Other = append(v.Other, err.Error())
	}
	if err != nil {
		return nil, nil, np
	}
	return text, cand, np
}

// noLead puts a problem at the lead field of each task of text left
// without a unit in charge (its units all left out), and tells whether
// there was one: the check accepts an empty list.
func (s *Server) noLead(v *importView, text []byte, kept []int) bool {
	root, err := draftRoot(text)
	if err != nil {
		return false
	}
	found := false
	if tasks := mapValue(root, "tasks"); tasks != nil {
		for i, n := range tasks.Content {
			if i < len(kept) && len(list(n, "lead")) == 0 {
				t := &v.Tasks[kept[i]]
				if t.Errs == nil {
					t.Errs = map[string][]string{}
				}
				t.Errs["lead"] = append(t.Errs["lead"], tr(s.lang(), "imp.err.nolead"))
				found = true
			}
		}
	}
	return found
}

// placeProblems puts the checker's errors at the page's fields: a task's
// (kept maps the built plan's tasks to the page's; nil: in order of the
// tasks kept), the plan's, or above the page.
func (s *Server) placeProblems(v *importView, check *planfile.CheckError, text []byte, kept []int, np planfile.NewPlan) {
	if kept == nil {
		for _, t := range v.Tasks {
			if t.Keep {
				kept = append(kept, t.I)
			}
		}
	}
	root, _ := draftRoot(text)
	for _, p := range s.checkProblems(&planfile.Doc{File: np.File()}, check.Diagnostics, nil, root) {
		path := p.Path
		if p.File != np.Name {
			path = ""
		}
		if rest, ok := strings.CutPrefix(path, "tasks["); ok {
			num, field, _ := strings.Cut(rest, "]")
			i, err := strconv.Atoi(num)
			if err == nil && i < len(kept) {
				field = strings.TrimPrefix(field, ".")
				field, _, _ = strings.Cut(field, ".")
				field, _, _ = strings.Cut(field, "[")
				t := &v.Tasks[kept[i]]
				switch field {
				case "title", "from", "to", "on", "lead", "support":
				default:
					field = ""
				}
				if t.Errs == nil {
					t.Errs = map[string][]string{}
				}
				t.Errs[field] = append(t.Errs[field], p.Message)
				continue
			}
		}
		switch path {
		case "id", "title", "year":
			v.Problems[path] = append(v.Problems[path], p.Message)
		default:
			v.Other = append(v.Other, problemText(p))
		}
	}
}

// importPreview puts on v what the plan of text will send from now on:
// the running configuration has no such plan, so every message is new.
func (s *Server) importPreview(v *importView, text []byte, cand *plan.Config, np planfile.NewPlan) error {
	now := s.opts.Now()
	res, err := preview.Compare(s.config(), cand, v.ID, now)
	if err != nil {
		return err
	}
	p := cand.Plan(v.ID)
	pv := &importPreview{From: s.weekdayTime(now.In(planLoc(cand, p))), Total: len(res.Added), Hash: planfile.ETag(text)}
	seen := map[string]int{}
	for _, it := range res.Added {
		kind := tr(s.lang(), "kind."+it.Kind)
		if i, ok := seen[kind]; ok {
			pv.Kinds[i].N++
		} else {
			seen[kind] = len(pv.Kinds)
			pv.Kinds = append(pv.Kinds, importKind{Kind: kind, N: 1})
		}
		if len(pv.First) < importFirst {
			pv.First = append(pv.First, s.previewItem(cand, it, time.Time{}))
		}
	}
	pv.More = len(res.Added) - len(pv.First)
	for _, sm := range res.Samples {
		pv.Samples = append(pv.Samples, previewSample{Kind: tr(s.lang(), "kind."+sm.Kind), Channel: sm.Channel,
			Unit: s.unitLabel(cand, sm.Unit), Subject: sm.Subject, Text: sm.Text})
	}
	v.Preview = pv
	return nil
}
