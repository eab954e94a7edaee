package web

import (
	"encoding/json"
	"net/http"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/nhacviec/nhacviec/planfile"
	"github.com/nhacviec/nhacviec/store"
)

// The units and groups of the configuration in the JSON API (issue 13,
// part 2):
//
//	GET /api/v1/units    the units as JSON, keys as in YAML (contacts with
//	                     their emails and phones); ETag of the configuration file
//	PUT /api/v1/units    {"edits": [...]} on paths from the configuration's
//	                     root, under units (units.ldtbxh.contacts[0].phone);
//	                     If-Match required
//	GET, PUT /api/v1/groups   the same for groups (groups.co-so[1])
//
// Units and groups serve every plan, and the officer who writes the
// plans is the one who adds a unit or a phone number: admins and editors
// may change them, viewers only read. The answers are those of a plan's
// PUT: 428 without If-Match, 412 when the file changed since, 422 with
// every problem at its path (a phone number the checker refuses names
// units.ID.contacts[N].phone), 200 with the new ETag once reloaded.

// configSections are the parts of the configuration this API edits.
var configSections = []string{"units", "groups"}

// apiUnitRoutes registers the units and groups of the API.
func (s *Server) apiUnitRoutes(mux *http.ServeMux) {
	for _, key := range configSections {
		mux.Handle("GET /api/v1/"+key, s.member(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { s.apiSection(w, r, key) })))
		mux.Handle("PUT /api/v1/"+key, s.member(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { s.apiEditSection(w, r, key) })))
	}
}

// configDoc returns the history and the Doc of the configuration file,
// or answers 503.
func (s *Server) configDoc(w http.ResponseWriter, r *http.Request) (planHistory, *planfile.Doc, bool) {
	h, ok := s.history(w, r)
	if !ok {
		return nil, nil, false
	}
	d, err := planfile.Locate(s.config().File, "")
	if err != nil {
		s.jsonError(w, r, err)
		return nil, nil, false
	}
	return h, d, true
}

func (s *Server) apiSection(w http.ResponseWriter, r *http.Request, key string) {
	h, d, ok := s.configDoc(w, r)
	if !ok {
		return
	}
	text, etag, err := d.Read(h)
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	root, err := planNode(text, "", false)
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	var out any = jsonObject{}
	if n := mapValue(root, key); n != nil && n.Kind == yaml.MappingNode {
		out = jsonValue(n)
	}
	w.Header().Set("ETag", etag)
	s.writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiEditSection(w http.ResponseWriter, r *http.Request, key string) {
	h, d, ok := s.configDoc(w, r)
	if !ok {
		return
	}
	if !atLeast(accountOf(r).Role, store.RoleEditor) {
		s.jsonError(w, r, Errorf(EFORBIDDEN, "error.role"))
		return
	}
	etag, ok := s.ifMatch(w, r)
	if !ok {
		return
	}
	var body struct {
		Edits []apiEdit `json:"edits"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxPlanBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		s.jsonError(w, r, bodyError(err))
		return
	}
	if len(body.Edits) == 0 {
		s.apiError(w, http.StatusBadRequest, EINVALID, "api.noedits")
		return
	}
	// An edit of units changes nothing else of the configuration: not
	// the service, not a plan.
	var problems []apiProblem
	for _, e := range body.Edits {
		if !under(e.Path, key) {
			problems = append(problems, apiProblem{Path: e.Path, Message: tr(s.lang(), "api.outside", e.Path, key, key)})
		}
	}
	if len(problems) > 0 {
		s.writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"code": "unprocessable", "problems": problems})
		return
	}
	pe, ok := s.planEdits(w, body.Edits)
	if !ok {
		return
	}
	newTag, err := d.Save(h, accountOf(r).Name, etag, pe...)
	s.saved(w, r, d, newTag, err, body.Edits, func() *yaml.Node { return editedPlan(d, pe) })
}

// under reports whether path names key or a node inside it.
func under(path, key string) bool {
	rest, ok := strings.CutPrefix(path, key)
	return ok && rest != "" && (rest[0] == '.' || rest[0] == '[')
}
