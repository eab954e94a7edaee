package web

import (
	"crypto/hmac"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/planfile"
)

// importState is the draft as it travels between the import's pages:
// the YAML the draft writer made (with its provenance comments), and
// what the page shows beside it.
type importState struct {
	// Name is the document's file name.
	Name string `json:"name"`
	// YAML is the draft plan, as draft.Draft.YAML wrote it.
	YAML string `json:"yaml"`
	// Tasks are, for each item of the draft's tasks:, the paragraphs it
	// was drafted from.
	Tasks [][]importPara `json:"tasks"`
	// NotPlaced are the paragraphs the draft could not place.
	NotPlaced []importNote `json:"not_placed,omitempty"`
	// Unit names what the paragraphs' numbers count (dòng, đoạn).
	Unit string `json:"unit"`
	// Proposed are the units the document names that the configuration
	// does not have.
	Proposed []importUnit `json:"proposed,omitempty"`
}

// importPara is one paragraph of the document.
type importPara struct {
	N    int    `json:"n"`
	Text string `json:"text"`
}

// importNote is a paragraph not placed, and why.
type importNote struct {
	N    int    `json:"n"`
	Text string `json:"text"`
	Why  string `json:"why"`
}

// encode returns the state for the hidden field, and its signature.
func (s *Server) encodeState(st *importState) (string, string, error) {
	js, err := json.Marshal(st)
	if err != nil {
		return "", "", fmt.Errorf("import: %w", err)
	}
	v := base64.StdEncoding.EncodeToString(js)
	return v, s.stateSig(v), nil
}

func (s *Server) stateSig(v string) string {
	return base64.RawURLEncoding.EncodeToString(ack.MAC(s.opts.Secret, "import:"+v))
}

// decodeState reads the state of r's form, if this server signed it.
func (s *Server) decodeState(r *http.Request) (*importState, error) {
	v, sig := r.PostForm.Get("state"), r.PostForm.Get("sig")
	if v == "" || !hmacEqual(sig, s.stateSig(v)) {
		return nil, Errorf(EINVALID, "imp.err.state")
	}
	js, err := base64.StdEncoding.DecodeString(v)
	var st importState
	if err == nil {
		err = json.Unmarshal(js, &st)
	}
	if err != nil {
		return nil, Errorf(EINVALID, "imp.err.state")
	}
	return &st, nil
}

func hmacEqual(a, b string) bool {
	return a != "" && hmac.Equal([]byte(a), []byte(b))
}

// importView is the draft page: the plan's fields, each task beside its
// paragraphs, the problems at their fields, and the preview once asked.
type importView struct {
	CSRF, State, Sig string
	Name, Unit       string
	ID, Title, Year  string
	File             string
	Problems         map[string][]string // by field: id, title, year, file
	Other            []string            // problems of no field
	Tasks            []importTask
	NotPlaced        []importNote
	Units            []unitChoice
	Proposed         []importUnitChoice
	Preview          *importPreview
}

// importTask is one drafted task on the page.
type importTask struct {
	I                    int
	ID, Ref              string
	Keep                 bool
	Title, From, To, On  string
	Lead, Support        string
	Reminders, Deadlines []string
	Paras                []importPara
	// Errs are the checker's problems by field ("" for the task's own).
	Errs map[string][]string
}

// field is the name of task i's form field f.
func (t importTask) Field(f string) string { return "t" + strconv.Itoa(t.I) + "-" + f }

// importDraft makes the draft page of st, with the values of r's form
// when it has them (a preview, or a save refused).
func (s *Server) importDraft(w http.ResponseWriter, r *http.Request, st *importState, form map[string][]string) (*importView, error) {
	root, err := draftRoot([]byte(st.YAML))
	if err != nil {
		return nil, err
	}
	val := func(key, def string) string {
		if vs, ok := form[key]; ok && len(vs) > 0 {
			return strings.TrimSpace(vs[0])
		}
		return def
	}
	v := &importView{CSRF: s.csrfToken(w, r), Name: st.Name, Unit: st.Unit, NotPlaced: st.NotPlaced,
		Problems: map[string][]string{}}
	v.State, v.Sig, err = s.encodeState(st)
	if err != nil {
		return nil, err
	}
	v.ID = val("id", scalar(root, "id"))
	v.Title = val("title", scalar(root, "title"))
	v.Year = val("year", scalar(root, "year"))
	v.File = val("file", "plans/"+v.ID+".yaml")
	cfg := s.config()
	if cfg != nil {
		v.Units = s.unitChoices(cfg)
	}
	for _, u := range st.Proposed {
		c := importUnitChoice{ID: u.ID, Name: u.Name}
		c.Chosen = val(c.Field(), "")
		v.Proposed = append(v.Proposed, c)
	}
	lng := s.lang()
	tasks := mapValue(root, "tasks")
	if tasks == nil || len(tasks.Content) == 0 {
		return nil, errors.New("import: the draft has no tasks")
	}
	for i, n := range tasks.Content {
		t := importTask{I: i, ID: scalar(n, "id"), Ref: scalar(n, "ref")}
		t.Keep = val(t.Field("keep"), "1") != "0"
		t.Title = val(t.Field("title"), scalar(n, "title"))
		t.From = val(t.Field("from"), scalar(n, "from"))
		t.To = val(t.Field("to"), scalar(n, "to"))
		t.On = val(t.Field("on"), scalar(n, "on"))
		t.Lead = val(t.Field("lead"), strings.Join(list(n, "lead"), ", "))
		t.Support = val(t.Field("support"), strings.Join(list(n, "support"), ", "))
		if rs := mapValue(n, "remind"); rs != nil {
			window := mapValue(n, "on") == nil
			for _, item := range rs.Content {
				t.Reminders = append(t.Reminders, reminderWords(item, window, lng))
			}
		}
		if ds := mapValue(n, "deadlines"); ds != nil && cfg != nil {
			for _, d := range ds.Content {
				t.Deadlines = append(t.Deadlines, s.deadlineWords(cfg, d, lng))
			}
		}
		if i < len(st.Tasks) {
			t.Paras = st.Tasks[i]
		}
		v.Tasks = append(v.Tasks, t)
	}
	return v, nil
}

// draftRoot returns the plan's mapping of a draft's text.
func draftRoot(text []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, errors.New("import: the draft is not a plan")
	}
	return doc.Content[0], nil
}

// units splits a field of unit ids: commas or spaces between them.
func units(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' })
}

// build makes the plan of the page's values: the draft's text with the
// corrections made (planfile's edits, so every comment stays) and the
// dropped tasks deleted. kept maps the built plan's task index to the
// page's.
func (v *importView) build(st *importState) (text []byte, kept []int, err error) {
	root, err := draftRoot([]byte(st.YAML))
	if err != nil {
		return nil, nil, err
	}
	var edits []planfile.Edit
	set := func(n *yaml.Node, path, key, value string) {
		if scalar(n, key) != value && mapValue(n, key) != nil {
			edits = append(edits, planfile.Edit{Op: planfile.OpSet, Path: planfile.Path(path + key), Value: value})
		}
	}
	set(root, "", "id", v.ID)
	set(root, "", "title", v.Title)
	set(root, "", "year", v.Year)
	tasks := mapValue(root, "tasks")
	var dropped []int
	for i, t := range v.Tasks {
		if !t.Keep {
			dropped = append(dropped, i)
			continue
		}
		kept = append(kept, i)
		n := tasks.Content[i]
		p := "tasks[" + strconv.Itoa(i) + "]."
		set(n, p, "title", t.Title)
		set(n, p, "from", t.From)
		set(n, p, "to", t.To)
		set(n, p, "on", t.On)
		for _, k := range []string{"lead", "support"} {
			val := t.Lead
			if k == "support" {
				val = t.Support
			}
			if ids := units(val); !slices.Equal(ids, list(n, k)) && (len(ids) > 0 || mapValue(n, k) != nil) {
				edits = append(edits, planfile.Edit{Op: planfile.OpSet, Path: planfile.Path(p + k), Item: importList(ids)})
			}
		}
	}
	for _, i := range slices.Backward(dropped) {
		edits = append(edits, planfile.Edit{Op: planfile.OpDelete, Path: planfile.Path("tasks[" + strconv.Itoa(i) + "]")})
	}
	text, err = planfile.Apply([]byte(st.YAML), edits...)
	if err == nil {
		choice := map[string]string{}
		for _, u := range v.Proposed {
			choice[u.ID] = u.Chosen
		}
		text, err = replaceUnits(text, choice)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("import: %w", err)
	}
	return text, kept, nil
}

// importList is a list of ids written [a, b], as the draft writes them.
func importList(ids []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, id := range ids {
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: id})
	}
	return n
}
