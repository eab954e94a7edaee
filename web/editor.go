package web

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/planfile"
	"github.com/nhacviec/nhacviec/rulewords"
)

// The editor of a plan's tasks (issue 13, part 4), pages for a phone and
// a desk that work without JavaScript:
//
//	GET  /plan/{id}/edit                 the tasks in order, on a timeline, their rules in words
//	GET  /plan/{id}/tasks/new            the form of a new task; POST: its preview
//	GET  /plan/{id}/tasks/{task}         the form of a task; POST: its preview
//	POST /plan/{id}/tasks/{task}/move    up or down: its preview
//	POST /plan/{id}/tasks/{task}/delete  its preview
//	POST /plan/{id}/save                 the edits of a preview, with the ETag they were made on
//
// Every change goes through the preview (editor_preview.go): the form's
// values become planfile's edits (editor_edits.go), applied in memory and
// checked; a problem is shown at its field and nothing is written;
// otherwise the page shows what the plan will send that it did not, what
// it will no longer send and what moves, and a "Lưu" button that posts
// the edits and the ETag. A viewer sees the task list without buttons;
// every form (GET and POST) needs canEdit.

func (s *Server) editorRoutes(mux *http.ServeMux) {
	mux.Handle("GET /plan/{id}/edit", s.member(http.HandlerFunc(s.handleEditor)))
	mux.Handle("GET /plan/{id}/tasks/new", s.member(http.HandlerFunc(s.handleTaskForm)))
	mux.Handle("POST /plan/{id}/tasks/new", s.member(http.HandlerFunc(s.handleTaskPost)))
	mux.Handle("GET /plan/{id}/tasks/{task}", s.member(http.HandlerFunc(s.handleTaskForm)))
	mux.Handle("POST /plan/{id}/tasks/{task}", s.member(http.HandlerFunc(s.handleTaskPost)))
	mux.Handle("POST /plan/{id}/tasks/{task}/move", s.member(http.HandlerFunc(s.handleTaskMove)))
	mux.Handle("POST /plan/{id}/tasks/{task}/delete", s.member(http.HandlerFunc(s.handleTaskDelete)))
	mux.Handle("POST /plan/{id}/save", s.member(http.HandlerFunc(s.handleEditorSave)))
}

// editing is a plan as the editor reads it: the configuration in force,
// the plan's file, its text and ETag, and its YAML node.
type editing struct {
	cfg   *plan.Config
	p     *plan.Plan
	h     planHistory
	doc   *planfile.Doc
	text  []byte
	etag  string
	root  *yaml.Node // the plan's mapping
	tasks *yaml.Node // its tasks: sequence (nil when none)
}

// task returns the node of task id and its index, or nil.
func (e *editing) task(id string) (*yaml.Node, int) {
	if e.tasks == nil {
		return nil, -1
	}
	for i, t := range e.tasks.Content {
		if scalar(t, "id") == id {
			return t, i
		}
	}
	return nil, -1
}

// taskIDs returns the ids of the plan's tasks, in the file's order.
func (e *editing) taskIDs() []string {
	var ids []string
	if e.tasks != nil {
		for _, t := range e.tasks.Content {
			ids = append(ids, scalar(t, "id"))
		}
	}
	return ids
}

// edit reads the plan of r's path for the editor; write asks that r's
// account may change it (EFORBIDDEN otherwise).
func (s *Server) edit(r *http.Request, write bool) (*editing, error) {
	cfg, p, err := s.planOf(r)
	if err != nil {
		return nil, err
	}
	if write && !canEdit(accountOf(r), p.ID) {
		return nil, Errorf(EFORBIDDEN, "error.role")
	}
	h, ok := s.opts.Store.(planHistory)
	if !ok || cfg.File == "" {
		return nil, Errorf(EUNAVAILABLE, "api.nohistory")
	}
	d, err := planfile.Locate(cfg.File, p.ID)
	if err != nil {
		return nil, fmt.Errorf("editor: %w", err)
	}
	text, etag, err := d.Read(h)
	if err != nil {
		return nil, fmt.Errorf("editor: %w", err)
	}
	root, err := planNode(text, p.ID, d.Root != "")
	if err != nil {
		return nil, fmt.Errorf("editor: %w", err)
	}
	e := &editing{cfg: cfg, p: p, h: h, doc: d, text: text, etag: etag, root: root, tasks: mapValue(root, "tasks")}
	return e, nil
}

// editorView is the page of a plan's tasks.
type editorView struct {
	PlanID, Title string
	CanEdit       bool
	CSRF          string
	Flash         string
	Changed       bool // the file on disk differs from the plan running
	Timeline      timelineView
	Tasks         []editorTask
}

// editorTask is one task of the editor's list.
type editorTask struct {
	ID, Heading, When string
	Lead, Support     []string
	Reminders         []string
	Deadlines         []string
	First, Last       bool
	Bar               timelineRow
}

func (s *Server) handleEditor(w http.ResponseWriter, r *http.Request) {
	e, err := s.edit(r, false)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	lng := s.lang()
	loc := planLoc(e.cfg, e.p)
	v := editorView{PlanID: e.p.ID, Title: e.p.Title, CanEdit: canEdit(accountOf(r), e.p.ID),
		CSRF: s.csrfToken(w, r), Timeline: s.timeline(e.cfg, e.p, loc, nil, nil, nil, s.opts.Now())}
	if r.URL.Query().Get("saved") == "1" {
		v.Flash = tr(lng, "ed.saved")
	}
	bars := map[string]timelineRow{}
	for _, row := range v.Timeline.Rows {
		bars[row.ID] = row
	}
	ids := e.taskIDs()
	for i, id := range ids {
		node, _ := e.task(id)
		t := editorTask{ID: id, First: i == 0, Last: i == len(ids)-1, Bar: bars[id]}
		t.Heading = scalar(node, "title")
		if ref := strings.TrimSuffix(scalar(node, "ref"), "."); ref != "" {
			t.Heading = ref + ". " + t.Heading
		}
		if running := e.p.Task(id); running != nil {
			t.When = bars[id].When
		} else {
			v.Changed = true
		}
		for _, u := range list(node, "lead") {
			t.Lead = append(t.Lead, s.unitLabel(e.cfg, u))
		}
		for _, u := range list(node, "support") {
			t.Support = append(t.Support, s.unitLabel(e.cfg, u))
		}
		if rs := mapValue(node, "remind"); rs != nil {
			window := mapValue(node, "on") == nil
			for _, item := range rs.Content {
				t.Reminders = append(t.Reminders, reminderWords(item, window, lng))
			}
		}
		if ds := mapValue(node, "deadlines"); ds != nil {
			for _, d := range ds.Content {
				t.Deadlines = append(t.Deadlines, s.deadlineWords(e.cfg, d, lng))
			}
		}
		v.Tasks = append(v.Tasks, t)
	}
	if len(ids) != len(e.p.Tasks) {
		v.Changed = true
	}
	s.render(w, r, http.StatusOK, "editor", v)
}

// unitLabel names a unit or a group.
func (s *Server) unitLabel(cfg *plan.Config, id string) string {
	if u := cfg.Units[id]; u != nil && u.Name != "" {
		return u.Name
	}
	if _, ok := cfg.Groups[id]; ok {
		return tr(s.lang(), "ed.group", id)
	}
	return id
}

// reminderWords says one item of remind: in words, of a task that runs
// over days (window) or on one; what the form cannot say is added as
// written, marked "(viết trong tệp)".
func reminderWords(item *yaml.Node, window bool, lng lang.Lang) string {
	if item.Kind != yaml.MappingNode {
		return tr(lng, "ed.words.custom", item.Value)
	}
	var main string
	var extra []string
	for i := 0; i+1 < len(item.Content); i += 2 {
		k, v := item.Content[i].Value, item.Content[i+1]
		switch k {
		case "before", "before_end", "at", "every":
			c := rulewords.Parse(k, v.Value)
			if main = ruleWords(c, lng); window && c.Kind != rulewords.Custom {
				main = c.WindowWords(lng)
			}
		case "on":
			main = tr(lng, "ed.words.on", v.Value)
		default:
			extra = append(extra, k+": "+flat(v))
		}
	}
	if len(extra) > 0 {
		main += " · " + tr(lng, "ed.words.custom", strings.Join(extra, ", "))
	}
	return main
}

// deadlineWords says a deadline: its title, when it is due, who reports.
func (s *Server) deadlineWords(cfg *plan.Config, d *yaml.Node, lng lang.Lang) string {
	due := scalar(d, "due")
	if every := scalar(d, "due_every"); every != "" {
		due = ruleWords(rulewords.Parse("due_every", every), lng)
	}
	var by []string
	for _, u := range list(d, "by") {
		by = append(by, s.unitLabel(cfg, u))
	}
	out := tr(lng, "ed.deadline.words", scalar(d, "title"), due, strings.Join(by, ", "))
	if rs := list(d, "remind"); len(rs) > 0 {
		out += " · " + tr(lng, "ed.deadline.remind", rulewords.DurationsWords(rs, lng))
	}
	return out
}

// unitChoice is a unit or group of a picker.
type unitChoice struct {
	ID, Name string
	Group    bool
}

// unitChoices returns the units of cfg in file order, then its groups.
func (s *Server) unitChoices(cfg *plan.Config) []unitChoice {
	var out []unitChoice
	for _, id := range cfg.UnitOrder {
		out = append(out, unitChoice{ID: id, Name: s.unitLabel(cfg, id)})
	}
	var groups []string
	for id := range cfg.Groups {
		if cfg.Units[id] == nil {
			groups = append(groups, id)
		}
	}
	slices.Sort(groups)
	for _, id := range groups {
		out = append(out, unitChoice{ID: id, Name: s.unitLabel(cfg, id), Group: true})
	}
	return out
}
