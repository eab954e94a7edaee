package web

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/planfile"
	"github.com/nhacviec/nhacviec/preview"
)

// The preview of an edit (issue 13, part 2): POST /api/v1/plans/ID/preview
// takes the body of a PUT (edits, or the whole plan's text), makes it on
// the file's current text in memory, loads the result (422 with every
// problem, as a PUT, when it does not check) and answers what it adds,
// removes and moves against the running plan, and a message of each
// kind (package preview). Nothing is written, not even a version: the
// file is read, not noted in the history. Only those who may edit the
// plan may preview it. ?from= (RFC 3339, or a date) starts the
// comparison elsewhere than now. The ETag of the text previewed comes
// back, for the PUT that follows.

// maxPlanBody bounds the body of a plan's PUT or preview: the text of a
// whole plan (the example's is some 40 KiB) is far smaller.
const maxPlanBody = 1 << 20

// planChange is the body of a plan's PUT or preview: edits, or the
// whole plan's text.
type planChange struct {
	Edits []apiEdit `json:"edits"`
	YAML  *string   `json:"yaml"`
}

// yamlTypes are the media types of a body that is the plan's text.
var yamlTypes = []string{"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"}

// readChange reads the body of r: a plan's text when its type is YAML,
// else JSON holding edits or yaml (one of them). It answers 400 itself.
func (s *Server) readChange(w http.ResponseWriter, r *http.Request) (planChange, bool) {
	var c planChange
	body := http.MaxBytesReader(w, r.Body, maxPlanBody)
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); slices.Contains(yamlTypes, mt) {
		b, err := io.ReadAll(body)
		if err != nil {
			s.jsonError(w, r, bodyError(err))
			return c, false
		}
		text := string(b)
		c.YAML = &text
		return c, true
	}
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		s.jsonError(w, r, bodyError(err))
		return c, false
	}
	switch {
	case c.YAML != nil && len(c.Edits) > 0:
		s.apiError(w, http.StatusBadRequest, EINVALID, "api.editsoryaml")
	case c.YAML == nil && len(c.Edits) == 0:
		s.apiError(w, http.StatusBadRequest, EINVALID, "api.noedits")
	default:
		return c, true
	}
	return c, false
}

// samePlan reports whether text, a plan's whole text, keeps the plan's
// id, or answers 422: a plan is renamed in its file, not through its own
// address. Text that is not YAML passes: the check says what is wrong.
func (s *Server) samePlan(w http.ResponseWriter, text []byte, id string) bool {
	var doc yaml.Node
	if yaml.Unmarshal(text, &doc) != nil || len(doc.Content) == 0 {
		return true
	}
	v := mapValue(doc.Content[0], "id")
	if v != nil && v.Value == id {
		return true
	}
	p := apiProblem{Path: "id", Message: tr(s.lang(), "api.planid", id)}
	if v != nil {
		p.Line, p.Column = v.Line, v.Column
	}
	s.writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"code": "unprocessable", "problems": []apiProblem{p}})
	return false
}

// editedText returns src, the text of doc's file, with edits made (their
// paths taken from doc's plan), not checked.
func editedText(doc *planfile.Doc, src []byte, edits []planfile.Edit) ([]byte, error) {
	joined := make([]planfile.Edit, len(edits))
	for i, e := range edits {
		e.Path = doc.Root.Join(string(e.Path))
		joined[i] = e
	}
	return planfile.Apply(src, joined...)
}

// previewFrom returns the ?from= of r, else now; false when it answered 400.
func (s *Server) previewFrom(w http.ResponseWriter, r *http.Request) (time.Time, bool) {
	v := strings.TrimSpace(r.URL.Query().Get("from"))
	if v == "" {
		return s.opts.Now(), true
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, true
	}
	if t, err := time.ParseInLocation(time.DateOnly, v, s.config().Service.Location); err == nil {
		return t, true
	}
	s.apiError(w, http.StatusBadRequest, EINVALID, "api.from", v)
	return time.Time{}, false
}

func (s *Server) apiPreview(w http.ResponseWriter, r *http.Request) {
	_, d, ok := s.locate(w, r)
	if !ok || !s.mayEdit(w, r) {
		return
	}
	from, ok := s.previewFrom(w, r)
	if !ok {
		return
	}
	c, ok := s.readChange(w, r)
	if !ok {
		return
	}
	id := r.PathValue("id")
	// Read, not Doc.Read: a preview notes nothing in the history.
	src, err := config.ReadFile(d.File)
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	var text []byte
	var in []apiEdit
	if c.YAML != nil {
		if !s.samePlan(w, []byte(*c.YAML), id) {
			return
		}
		text, err = d.Replace(src, []byte(*c.YAML))
	} else {
		pe, ok := s.planEdits(w, c.Edits)
		if !ok {
			return
		}
		in = c.Edits
		text, err = editedText(d, src, pe)
	}
	var res *preview.Result
	if err == nil {
		cand, diags := d.Load(text)
		if diags.HasErrors() {
			err = &planfile.CheckError{File: d.File, Diagnostics: diags}
		} else {
			res, err = preview.Compare(s.config(), cand, id, from)
		}
	}
	if s.refused(w, r, d, err, in, func() *yaml.Node { return planOfText(d, text) }) {
		return
	}
	w.Header().Set("ETag", planfile.ETag(src))
	s.writeJSON(w, http.StatusOK, res)
}
