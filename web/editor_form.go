package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/planfile"
	"github.com/nhacviec/nhacviec/rulewords"
)

// The task form: GET shows a task's values (or a new task's), POST turns
// them into edits and shows their preview, or the form again with every
// problem at its field (422) and nothing written. "_back" posts the
// values back from the preview to the form, to go on editing.

// taskFormView is the task form.
type taskFormView struct {
	PlanID, PlanTitle string
	Action, Cancel    string
	New               bool
	CSRF              string
	V                 url.Values
	Errors            map[string]string
	General           []string
	Units             []unitChoice
	Reminders         []formRow
	Deadlines         []formRow
	RemindKinds       []rulewords.Option
	DueKinds          []rulewords.Option
	Weekdays          []rulewords.Option
	DurUnits          []rulewords.Option
	QuarterMonths     []rulewords.Option
	HalfYearMonths    []rulewords.Option
	Months            []rulewords.Option
	Offsets           []rulewords.Option
	Graces, Overdues  []rulewords.Option
	Escalates         []rulewords.Option
}

// formRow is one reminder or deadline row: its field prefix, whether it
// is in the file already, and a custom rule in words.
type formRow struct {
	P      string
	N      int
	Orig   bool
	Custom string
	Title  string
}

// Get returns the value of field k.
func (v taskFormView) Get(k string) string { return v.V.Get(k) }

// Has reports whether field k holds value x (a select, a radio, a checkbox).
func (v taskFormView) Has(k, x string) bool { return slices.Contains(v.V[k], x) }

// Err returns the problem of field k, "" if none.
func (v taskFormView) Err(k string) string { return v.Errors[k] }

func (s *Server) handleTaskForm(w http.ResponseWriter, r *http.Request) {
	e, err := s.edit(r, true)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	id := r.PathValue("task")
	var values url.Values
	if id == "" {
		values = taskValues(nil, e.p.Year)
	} else {
		node, _ := e.task(id)
		if node == nil {
			s.pageError(w, r, Errorf(ENOTFOUND, "ed.notask", id))
			return
		}
		values = taskValues(node, e.p.Year)
		n := rowCount(values, "r")
		for i := range emptyRemindRows {
			values.Set(fmt.Sprintf("r%d.kind", n+i), "")
		}
	}
	n := rowCount(values, "d")
	for i := range emptyDeadlineRows {
		values.Set(fmt.Sprintf("d%d.title", n+i), "")
	}
	s.renderTaskForm(w, r, e, http.StatusOK, values, nil, nil)
}

// renderTaskForm shows the form with values and problems.
func (s *Server) renderTaskForm(w http.ResponseWriter, r *http.Request, e *editing, status int, values url.Values, errs map[string]string, general []string) {
	lng := s.lang()
	id := r.PathValue("task")
	v := taskFormView{PlanID: e.p.ID, PlanTitle: e.p.Title, New: id == "", CSRF: s.csrfToken(w, r),
		V: values, Errors: errs, General: general, Units: s.unitChoices(e.cfg),
		Cancel: "/plan/" + e.p.ID + "/edit"}
	v.Action = "/plan/" + e.p.ID + "/tasks/new"
	if id != "" {
		v.Action = "/plan/" + e.p.ID + "/tasks/" + id
	}
	v.RemindKinds = rulewords.ReminderKinds(lng)
	v.DueKinds = append([]rulewords.Option{{Value: "once", Label: tr(lng, "ed.due.once")}}, rulewords.DueKinds(lng)...)
	v.Weekdays = rulewords.Weekdays(lng)
	v.DurUnits = rulewords.Units(lng)
	v.QuarterMonths, v.HalfYearMonths, v.Months = rulewords.QuarterMonths(lng), rulewords.HalfYearMonths(lng), rulewords.Months(lng)
	var typed []string
	for i := range rowCount(values, "d") {
		typed = append(typed, values[fmt.Sprintf("d%d.remind", i)]...)
	}
	v.Offsets = rulewords.WithDurations(rulewords.Offsets(lng), lng, typed...)
	none := func(key string) []rulewords.Option {
		return append([]rulewords.Option{{Value: "", Label: tr(lng, key)}}, rulewords.Delays(lng)...)
	}
	v.Graces, v.Overdues, v.Escalates = none("ed.grace.none"), none("ed.overdue.none"), none("ed.esc.none")
	for i := range rowCount(values, "d") {
		p := fmt.Sprintf("d%d.", i)
		var were []string
		for _, k := range []string{"grace", "overdue_every", "esc_after"} {
			were = append(were, values.Get(p+k))
		}
		v.Graces = rulewords.WithDurations(v.Graces, lng, were...)
		v.Overdues = rulewords.WithDurations(v.Overdues, lng, were...)
		v.Escalates = rulewords.WithDurations(v.Escalates, lng, were...)
	}
	for i := range rowCount(values, "r") {
		p := fmt.Sprintf("r%d.", i)
		row := formRow{P: p, N: i + 1, Orig: values.Get(p+"orig") != ""}
		if values.Get(p+"kind") == kindCustom {
			row.Custom = ruleWords(rulewords.Choice{Kind: rulewords.Custom, Key: values.Get(p + "key"), Raw: values.Get(p + "raw")}, lng)
		}
		v.Reminders = append(v.Reminders, row)
	}
	for i := range rowCount(values, "d") {
		p := fmt.Sprintf("d%d.", i)
		row := formRow{P: p, Orig: values.Get(p+"orig") != "", Title: values.Get(p + "title")}
		if values.Get(p+"due.kind") == kindCustom {
			row.Custom = ruleWords(rulewords.Parse("due_every", values.Get(p+"due.raw")), lng)
		}
		v.Deadlines = append(v.Deadlines, row)
	}
	s.render(w, r, status, "editor_task", v)
}

func (s *Server) handleTaskPost(w http.ResponseWriter, r *http.Request) {
	e, err := s.edit(r, true)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if !s.parseAdminForm(w, r) {
		return
	}
	values := url.Values{}
	for k, x := range r.PostForm {
		if k != csrfField && k != "_back" {
			values[k] = x
		}
	}
	if r.PostForm.Get("_back") == "1" {
		s.renderTaskForm(w, r, e, http.StatusOK, values, nil, nil)
		return
	}
	id := r.PathValue("task")
	if id == "" && strings.TrimSpace(values.Get("id")) == "" {
		// The id proposed from the title, shown if the form comes back.
		values.Set("id", lang.Slug(values.Get("title"), 6))
		r.PostForm.Set("id", values.Get("id"))
	}
	var old = e.tasks
	index := 0
	if id != "" {
		var node = old
		node, index = e.task(id)
		if node == nil {
			s.pageError(w, r, Errorf(ENOTFOUND, "ed.notask", id))
			return
		}
		old = node
	} else {
		old, index = nil, len(e.taskIDs())
	}
	var ids []string
	for _, u := range s.unitChoices(e.cfg) {
		ids = append(ids, u.ID)
	}
	ed := taskEditor{lng: s.lang(), units: ids, taken: e.taskIDs(), n: len(e.taskIDs())}
	change := ed.change(values, old)
	if len(change.Errors) > 0 {
		s.renderTaskForm(w, r, e, http.StatusUnprocessableEntity, values, change.Errors, []string{tr(s.lang(), "ed.err.some")})
		return
	}
	if len(change.Edits) == 0 {
		http.Redirect(w, r, "/plan/"+e.p.ID+"/edit", http.StatusSeeOther)
		return
	}
	what := tr(s.lang(), "ed.what.edit", strings.TrimSpace(values.Get("title")))
	if id == "" {
		what = tr(s.lang(), "ed.what.new", strings.TrimSpace(values.Get("title")))
	}
	s.preview(w, r, e, change.Edits, what, func(problems []apiProblem) {
		errs, general := map[string]string{}, []string{}
		for _, p := range problems {
			if f := fieldFor(p.Path, index, change); f != "" {
				if errs[f] == "" {
					errs[f] = p.Message
				} else {
					errs[f] += " " + p.Message
				}
				continue
			}
			general = append(general, problemText(p))
		}
		if len(general) == 0 {
			general = []string{tr(s.lang(), "ed.err.some")}
		}
		s.renderTaskForm(w, r, e, http.StatusUnprocessableEntity, values, errs, general)
	})
}

// problemText is a problem with its line, for the list above a form.
func problemText(p apiProblem) string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Column, p.Message)
	}
	return p.Message
}

// fieldFor returns the form field of the checker's problem at path (from
// the plan, in the edited text), or "" when it is not the task's at index.
func fieldFor(path string, index int, c *taskChange) string {
	prefix := "tasks[" + strconv.Itoa(index) + "]"
	rest, ok := strings.CutPrefix(path, prefix)
	if !ok {
		return ""
	}
	rest = strings.TrimPrefix(rest, ".")
	key, tail, _ := strings.Cut(rest, ".")
	name, idx := key, -1
	if i := strings.IndexByte(key, '['); i >= 0 {
		name = key[:i]
		idx, _ = strconv.Atoi(strings.TrimSuffix(key[i+1:], "]"))
	}
	switch name {
	case "", "id", "ref", "title", "description", "tentative":
		if name == "" {
			return "title"
		}
		return name
	case "on", "from", "to":
		return name + "_date"
	case "lead", "support":
		return "units"
	case "remind":
		if idx >= 0 && idx < len(c.Remind) {
			return fmt.Sprintf("r%d.kind", c.Remind[idx])
		}
	case "deadlines":
		if idx >= 0 && idx < len(c.Deadlines) {
			p := fmt.Sprintf("d%d.", c.Deadlines[idx])
			sub, _, _ := strings.Cut(tail, ".")
			if i := strings.IndexByte(sub, '['); i >= 0 {
				sub = sub[:i]
			}
			switch sub {
			case "due":
				return p + "due_date"
			case "due_every":
				return p + "due.kind"
			case "escalate":
				return p + "esc_after"
			case "by", "to", "remind", "grace", "overdue_every", "overdue_max", "title":
				return p + sub
			}
			return p + "title"
		}
	}
	return ""
}

func (s *Server) handleTaskMove(w http.ResponseWriter, r *http.Request) {
	e, id, index, ok := s.taskToChange(w, r)
	if !ok {
		return
	}
	to := index - 1
	if r.PostForm.Get("dir") == "down" {
		to = index + 1
	}
	if to < 0 || to >= len(e.taskIDs()) {
		http.Redirect(w, r, "/plan/"+e.p.ID+"/edit", http.StatusSeeOther)
		return
	}
	node, _ := e.task(id)
	edits := []formEdit{{Op: "move", Path: "tasks[id=" + id + "]", To: to}}
	s.preview(w, r, e, edits, tr(s.lang(), "ed.what.move", scalar(node, "title")), nil)
}

func (s *Server) handleTaskDelete(w http.ResponseWriter, r *http.Request) {
	e, id, _, ok := s.taskToChange(w, r)
	if !ok {
		return
	}
	node, _ := e.task(id)
	edits := []formEdit{{Op: "delete", Path: "tasks[id=" + id + "]"}}
	s.preview(w, r, e, edits, tr(s.lang(), "ed.what.delete", scalar(node, "title")), nil)
}

// taskToChange reads the plan and the task of a move or delete form.
func (s *Server) taskToChange(w http.ResponseWriter, r *http.Request) (*editing, string, int, bool) {
	e, err := s.edit(r, true)
	if err != nil {
		s.pageError(w, r, err)
		return nil, "", 0, false
	}
	if !s.parseAdminForm(w, r) {
		return nil, "", 0, false
	}
	id := r.PathValue("task")
	node, index := e.task(id)
	if node == nil {
		s.pageError(w, r, Errorf(ENOTFOUND, "ed.notask", id))
		return nil, "", 0, false
	}
	return e, id, index, true
}

// planfileEdits turns the form's edits into planfile's.
func planfileEdits(in []formEdit) ([]planfile.Edit, error) {
	var out []planfile.Edit
	for _, e := range in {
		pe, err := e.planfileEdit()
		if err != nil {
			return nil, err
		}
		out = append(out, pe)
	}
	if len(out) == 0 {
		return nil, errors.New("no edits")
	}
	return out, nil
}

// rowView is the form and one row's prefix, for the templates a row
// shares (the month selects).
type rowView struct {
	V taskFormView
	P string
}

// Row returns the form with row prefix p.
func (v taskFormView) Row(p string) rowView { return rowView{V: v, P: p} }
