package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/planfile"
	"github.com/nhacviec/nhacviec/store"
)

// The JSON API of the plans (issue 13, part 2), for the pages and for
// scripts, behind the guard (HTTP Basic or the session; a browser's PUT
// or POST carries the CSRF token in X-CSRF-Token):
//
//	GET  /api/v1/plans                          the plans: id, title, year, file, etag, editable
//	GET  /api/v1/plans/ID                       the plan as JSON, keys as in YAML; ETag header
//	PUT  /api/v1/plans/ID                       {"edits": [...]} or {"yaml": "..."}, If-Match required
//	POST /api/v1/plans/ID/preview               the same body: what it adds, removes, moves
//	GET  /api/v1/plans/ID/versions              n, who, at, hash of every saved version, newest first
//	POST /api/v1/plans/ID/versions/N/restore    version N back, If-Match required
//	GET, PUT /api/v1/units, /api/v1/groups      the configuration's units, groups (api_units.go)
//
// A PUT carries edits of planfile (set, insert, delete, move on paths
// like tasks[id=x].deadlines[0].due), changed only where the edits say,
// or the whole plan's text (JSON {"yaml": …}, or a body of type
// application/yaml), which replaces the plan's own file or its entry of
// the configuration's plans:, every other line of the file kept. Without If-Match a
// write is 428; when the file changed since (in a browser or on disk)
// 412; when the result does not load 422 with every problem, nothing
// written; else 200 with the new ETag, the daemon reloaded.

// planHistory is what the API asks of the store: the versions of the
// files it writes (a *store.DB).
type planHistory interface {
	planfile.History
	Versions(doc string) ([]store.Version, error)
}

// apiRoutes registers the JSON API.
func (s *Server) apiRoutes(mux *http.ServeMux) {
	mux.Handle("GET /api/v1/plans", s.member(http.HandlerFunc(s.apiPlans)))
	mux.Handle("GET /api/v1/plans/{id}", s.member(http.HandlerFunc(s.apiPlan)))
	mux.Handle("PUT /api/v1/plans/{id}", s.member(http.HandlerFunc(s.apiEditPlan)))
	mux.Handle("GET /api/v1/plans/{id}/versions", s.member(http.HandlerFunc(s.apiVersions)))
	mux.Handle("POST /api/v1/plans/{id}/versions/{n}/restore", s.member(http.HandlerFunc(s.apiRestore)))
	mux.Handle("POST /api/v1/plans/{id}/preview", s.member(http.HandlerFunc(s.apiPreview)))
	s.apiUnitRoutes(mux)
}

// apiError answers with status and {"error": message, "code": code},
// the message in the service language.
func (s *Server) apiError(w http.ResponseWriter, status int, code, key string, args ...any) {
	s.writeJSON(w, status, map[string]string{"error": tr(s.lang(), key, args...), "code": code})
}

// history returns the store as a planHistory, or answers 503.
func (s *Server) history(w http.ResponseWriter, r *http.Request) (planHistory, bool) {
	h, ok := s.opts.Store.(planHistory)
	if !ok || s.config() == nil || s.config().File == "" {
		s.jsonError(w, r, Errorf(EUNAVAILABLE, "api.nohistory"))
		return nil, false
	}
	return h, true
}

// locate returns the history and the Doc of the plan named in r's path,
// or answers 503 (no history) or 404.
func (s *Server) locate(w http.ResponseWriter, r *http.Request) (planHistory, *planfile.Doc, bool) {
	h, ok := s.history(w, r)
	if !ok {
		return nil, nil, false
	}
	id := r.PathValue("id")
	cfg := s.config()
	if cfg == nil || cfg.Plan(id) == nil {
		s.jsonError(w, r, Errorf(ENOTFOUND, "api.noplan", id))
		return nil, nil, false
	}
	d, err := planfile.Locate(cfg.File, id)
	if errors.Is(err, planfile.ErrNoPlan) {
		s.jsonError(w, r, Errorf(ENOTFOUND, "api.noplan", id))
		return nil, nil, false
	}
	if err != nil {
		s.jsonError(w, r, err)
		return nil, nil, false
	}
	return h, d, true
}

// planSummary is one plan of GET /api/v1/plans.
type planSummary struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Year     int    `json:"year"`
	File     string `json:"file"`
	ETag     string `json:"etag"`
	Editable bool   `json:"editable"`
}

func (s *Server) apiPlans(w http.ResponseWriter, r *http.Request) {
	h, ok := s.history(w, r)
	if !ok {
		return
	}
	a := accountOf(r)
	cfg := s.config()
	out := []planSummary{}
	for _, p := range cfg.Plans {
		d, err := planfile.Locate(cfg.File, p.ID)
		if err != nil {
			s.jsonError(w, r, err)
			return
		}
		_, etag, err := d.Read(h)
		if err != nil {
			s.jsonError(w, r, err)
			return
		}
		out = append(out, planSummary{ID: p.ID, Title: p.Title, Year: p.Year, File: d.Key,
			ETag: etag, Editable: canEdit(a, p.ID)})
	}
	s.writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiPlan(w http.ResponseWriter, r *http.Request) {
	h, d, ok := s.locate(w, r)
	if !ok {
		return
	}
	text, etag, err := d.Read(h)
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	node, err := planNode(text, r.PathValue("id"), d.Root != "")
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	w.Header().Set("ETag", etag)
	s.writeJSON(w, http.StatusOK, jsonValue(node))
}

// apiEdit is one edit of PUT /api/v1/plans/ID: op set, insert, delete or
// move; value the new scalar (set); item the inserted value (insert), or
// the value of a key set adds (a new unit), in JSON; to the index of
// insert and move.
type apiEdit struct {
	Op    string          `json:"op"`
	Path  string          `json:"path"`
	Value string          `json:"value"`
	Item  json.RawMessage `json:"item"`
	To    int             `json:"to"`
}

// apiProblem is one problem of a 422 answer.
type apiProblem struct {
	Path    string `json:"path,omitempty"`
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
}

var apiOps = map[string]planfile.Op{
	"set": planfile.OpSet, "insert": planfile.OpInsert,
	"delete": planfile.OpDelete, "move": planfile.OpMove,
}

// edits turns the edits of a request into planfile's, or returns the
// problems of those that are malformed.
func edits(in []apiEdit, lng func(key string, args ...any) string) ([]planfile.Edit, []apiProblem) {
	var out []planfile.Edit
	var problems []apiProblem
	for _, e := range in {
		op, ok := apiOps[e.Op]
		if !ok {
			problems = append(problems, apiProblem{Path: e.Path, Message: lng("api.badop", e.Op)})
			continue
		}
		pe := planfile.Edit{Op: op, Path: planfile.Path(e.Path), Value: e.Value, To: e.To}
		if op == planfile.OpInsert || op == planfile.OpSet && len(e.Item) > 0 {
			var item yaml.Node
			// JSON is YAML: the item keeps its keys in order.
			if err := yaml.Unmarshal(e.Item, &item); err != nil || len(item.Content) == 0 {
				problems = append(problems, apiProblem{Path: e.Path, Message: lng("api.baditem")})
				continue
			}
			blockStyle(item.Content[0])
			pe.Item = item.Content[0]
		}
		out = append(out, pe)
	}
	return out, problems
}

// blockStyle writes n as a person would: block mappings and sequences,
// plain scalars where they are plain.
func blockStyle(n *yaml.Node) {
	n.Style = 0
	for _, c := range n.Content {
		blockStyle(c)
	}
}

// ifMatch returns the If-Match of r, or answers 428.
func (s *Server) ifMatch(w http.ResponseWriter, r *http.Request) (string, bool) {
	etag := strings.TrimSpace(r.Header.Get("If-Match"))
	if etag == "" {
		s.apiError(w, http.StatusPreconditionRequired, "precondition_required", "api.ifmatch")
		return "", false
	}
	return etag, true
}

// mayEdit reports whether r's account may change plan id, or answers 403.
func (s *Server) mayEdit(w http.ResponseWriter, r *http.Request) bool {
	if !canEdit(accountOf(r), r.PathValue("id")) {
		s.jsonError(w, r, Errorf(EFORBIDDEN, "error.role"))
		return false
	}
	return true
}

func (s *Server) apiEditPlan(w http.ResponseWriter, r *http.Request) {
	h, d, ok := s.locate(w, r)
	if !ok || !s.mayEdit(w, r) {
		return
	}
	etag, ok := s.ifMatch(w, r)
	if !ok {
		return
	}
	c, ok := s.readChange(w, r)
	if !ok {
		return
	}
	who := accountOf(r).Name
	if c.YAML != nil {
		text := []byte(*c.YAML)
		if !s.samePlan(w, text, r.PathValue("id")) {
			return
		}
		newTag, err := d.SaveText(h, who, etag, text)
		s.saved(w, r, d, newTag, err, nil, func() *yaml.Node { return replacedPlan(d, text) })
		return
	}
	pe, ok := s.planEdits(w, c.Edits)
	if !ok {
		return
	}
	newTag, err := d.Save(h, who, etag, pe...)
	s.saved(w, r, d, newTag, err, c.Edits, func() *yaml.Node { return editedPlan(d, pe) })
}

// planEdits returns planfile's edits of in, or answers 422 with the
// problems of those that are malformed.
func (s *Server) planEdits(w http.ResponseWriter, in []apiEdit) ([]planfile.Edit, bool) {
	pe, problems := edits(in, func(key string, args ...any) string { return tr(s.lang(), key, args...) })
	if len(problems) > 0 {
		s.writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"code": "unprocessable", "problems": problems})
		return nil, false
	}
	return pe, true
}

// saved answers a save or a restore: 412 when stale, 422 with the
// problems when the result does not check or an edit's path is not in
// the file (root, when given, returns the edited node the problems'
// paths start from), else 200 with the new ETag once the daemon reloaded.
func (s *Server) saved(w http.ResponseWriter, r *http.Request, d *planfile.Doc, etag string, err error, in []apiEdit, root func() *yaml.Node) {
	if s.refused(w, r, d, err, in, root) {
		return
	}
	answer := map[string]any{"etag": etag, "reloaded": false}
	if s.opts.Reload != nil {
		ok, errs := s.opts.Reload()
		answer["reloaded"] = ok
		if len(errs) > 0 {
			answer["errors"] = errs
		}
	}
	w.Header().Set("ETag", etag)
	s.writeJSON(w, http.StatusOK, answer)
}

// refused answers err, when there is one, and reports whether it did:
// 412 when stale, 422 with the problems when the result does not check
// or an edit's path is not in the file, else as jsonError.
func (s *Server) refused(w http.ResponseWriter, r *http.Request, d *planfile.Doc, err error, in []apiEdit, root func() *yaml.Node) bool {
	var check *planfile.CheckError
	stale, nopath := "api.stale", "api.nopath"
	if d.Root == "" && d.File == d.Config {
		stale, nopath = "api.stalecfg", "api.nopathcfg"
	}
	switch {
	case err == nil:
		return false
	case errors.Is(err, planfile.ErrStale):
		s.apiError(w, http.StatusPreconditionFailed, "stale", stale)
	case errors.As(err, &check):
		var n *yaml.Node
		if root != nil {
			n = root()
		}
		s.writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"code": "unprocessable",
			"problems": s.checkProblems(d, check.Diagnostics, in, n)})
	case errors.Is(err, planfile.ErrNoPath), errors.Is(err, planfile.ErrCannotEdit):
		p := apiProblem{Message: tr(s.lang(), nopath)}
		if len(in) == 1 {
			p.Path = in[0].Path
		}
		s.writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"code": "unprocessable", "problems": []apiProblem{p}})
	default:
		s.jsonError(w, r, err)
	}
	return true
}

// checkProblems turns the errors of a check into a 422's problems, in the
// service language, at their line and column (the file relative to the
// configuration's folder), each with the path from root (the edited
// plan's node, or the configuration's) of the node at that place in the
// edited text, else the edit's path when there was one.
func (s *Server) checkProblems(doc *planfile.Doc, diags config.Diagnostics, in []apiEdit, root *yaml.Node) []apiProblem {
	var out []apiProblem
	for _, d := range diags {
		if d.Severity != config.Error {
			continue
		}
		file := d.File
		if rel, err := filepath.Rel(filepath.Dir(s.config().File), d.File); err == nil {
			file = filepath.ToSlash(rel)
		}
		p := apiProblem{File: file, Line: d.Line, Column: d.Col, Message: d.Msg.Text(s.lang())}
		if len(in) == 1 {
			p.Path = in[0].Path
		}
		if root != nil && filepath.Clean(d.File) == filepath.Clean(doc.File) {
			if path := nodePath(root, d.Line, d.Col); path != "" {
				p.Path = path
			}
		}
		out = append(out, p)
	}
	return out
}

// apiVersion is one version of GET /api/v1/plans/ID/versions.
type apiVersion struct {
	N    int       `json:"n"`
	Who  string    `json:"who"`
	At   time.Time `json:"at"`
	Hash string    `json:"hash"`
}

func (s *Server) apiVersions(w http.ResponseWriter, r *http.Request) {
	h, d, ok := s.locate(w, r)
	if !ok {
		return
	}
	// Reading first notes an edit on disk as a version.
	if _, _, err := d.Read(h); err != nil {
		s.jsonError(w, r, err)
		return
	}
	vs, err := h.Versions(d.Key)
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	out := make([]apiVersion, 0, len(vs))
	for _, v := range vs {
		out = append(out, apiVersion{N: v.N, Who: v.Who, At: v.At, Hash: v.Hash})
	}
	s.writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiRestore(w http.ResponseWriter, r *http.Request) {
	h, d, ok := s.locate(w, r)
	if !ok || !s.mayEdit(w, r) {
		return
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 {
		s.jsonError(w, r, Errorf(ENOTFOUND, "api.noversion", r.PathValue("n")))
		return
	}
	etag, ok := s.ifMatch(w, r)
	if !ok {
		return
	}
	newTag, err := d.Restore(h, accountOf(r).Name, etag, n)
	if errors.Is(err, store.ErrNotFound) {
		s.jsonError(w, r, Errorf(ENOTFOUND, "api.noversion", r.PathValue("n")))
		return
	}
	s.saved(w, r, d, newTag, err, nil, nil)
}
