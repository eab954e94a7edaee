package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/nhacviec/nhacviec/planfile"
)

// The form of a group: its id (a new group's) and its members, ticked
// among the units and the other groups. Fields: etag, id, m (every
// member ticked), action=delete.

// groupForm is the group form's page.
type groupForm struct {
	New      bool
	ID       string
	Units    []option // every unit, ticked when a member
	Groups   []option // every other group, ticked when a member
	ETag     string
	CSRF     string
	Action   string
	CanEdit  bool
	File     string
	Problems map[string]string
	General  []string
	Stale    bool
}

func (s *Server) handleGroupForm(w http.ResponseWriter, r *http.Request) {
	f, err := s.readConfigFile()
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := &groupForm{New: r.PathValue("id") == "", ID: r.PathValue("id")}
	var members []string
	if !v.New {
		g := f.group(v.ID)
		if g == nil {
			s.pageError(w, r, Errorf(ENOTFOUND, "units.nogroup", v.ID))
			return
		}
		members = g.Members
	}
	s.renderGroupForm(w, r, f, v, members, http.StatusOK)
}

// renderGroupForm renders the form with members ticked.
func (s *Server) renderGroupForm(w http.ResponseWriter, r *http.Request, f *configFile, v *groupForm, members []string, status int) {
	v.CSRF, v.CanEdit, v.File = s.csrfToken(w, r), mayEditUnits(accountOf(r)), f.doc.Key
	if v.ETag == "" {
		v.ETag = f.etag
	}
	v.Action = "/groups/new"
	if !v.New {
		v.Action = "/groups/" + v.ID
	}
	for _, u := range f.units {
		v.Units = append(v.Units, option{Value: u.ID, Label: firstNonEmpty(u.Name, u.ID), Selected: slices.Contains(members, u.ID)})
	}
	for _, g := range f.groups {
		if g.ID != v.ID || v.New {
			v.Groups = append(v.Groups, option{Value: g.ID, Label: g.ID, Selected: slices.Contains(members, g.ID)})
		}
	}
	s.render(w, r, status, "units_group", v)
}

func (s *Server) handleGroupSave(w http.ResponseWriter, r *http.Request) {
	if !mayEditUnits(accountOf(r)) {
		s.pageError(w, r, Errorf(EFORBIDDEN, "error.role"))
		return
	}
	f, err := s.readConfigFile()
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	lng := s.lang()
	v := &groupForm{New: r.PathValue("id") == "", ID: r.PathValue("id"), ETag: r.PostForm.Get("etag"), Problems: map[string]string{}}
	var old *groupYAML
	if v.New {
		v.ID = strings.TrimSpace(r.PostForm.Get("id"))
	} else if old = f.group(v.ID); old == nil {
		s.pageError(w, r, Errorf(ENOTFOUND, "units.nogroup", v.ID))
		return
	}
	members := r.PostForm["m"]
	var edits []planfile.Edit
	result := "groupsaved"
	if r.PostForm.Get("action") == "delete" && old != nil {
		edits, result = []planfile.Edit{{Op: planfile.OpDelete, Path: planfile.Path("groups." + v.ID)}}, "groupdel"
	} else {
		if v.New {
			switch {
			case !idRE.MatchString(v.ID):
				v.Problems["id"] = tr(lng, "unit.err.id", v.ID, suggestID(v.ID))
			case v.ID == "new":
				v.Problems["id"] = tr(lng, "unit.err.idnew")
			case f.unit(v.ID) != nil || f.group(v.ID) != nil:
				v.Problems["id"] = tr(lng, "unit.err.idtaken", v.ID)
			}
		}
		for _, m := range members {
			if f.unit(m) == nil && (f.group(m) == nil || m == v.ID) {
				v.Problems["m"] = tr(lng, "group.err.member", m)
			}
		}
		if len(members) == 0 {
			v.Problems["m"] = tr(lng, "group.err.empty")
		}
		if len(v.Problems) > 0 {
			s.renderGroupForm(w, r, f, v, members, http.StatusUnprocessableEntity)
			return
		}
		edits = groupEdits(f, v.ID, old, members)
	}
	if len(edits) > 0 {
		_, err = f.doc.Save(f.h, accountOf(r).Name, v.ETag, edits...)
	} else if planfile.ETag(f.text) != strings.TrimPrefix(v.ETag, "W/") {
		err = planfile.ErrStale
	}
	var check *planfile.CheckError
	status := http.StatusUnprocessableEntity
	switch {
	case err == nil:
		s.savedConfig(w, r, result, v.ID)
		return
	case errors.Is(err, planfile.ErrStale):
		v.Stale, status = true, http.StatusConflict
	case errors.As(err, &check):
		if result == "groupdel" {
			v.General = append(v.General, tr(lng, "group.err.inuse", v.ID))
		}
		for _, p := range s.checkProblems(f.doc, check.Diagnostics, nil, editedPlan(f.doc, edits)) {
			v.General = append(v.General, problemLine(p))
		}
	case errors.Is(err, planfile.ErrCannotEdit), errors.Is(err, planfile.ErrNoPath):
		v.General = append(v.General, tr(lng, "unit.err.cannot", f.doc.Key))
	default:
		s.pageError(w, r, err)
		return
	}
	s.renderGroupForm(w, r, f, v, members, status)
}

// groupEdits returns the edits that make group id (old nil: a new one)
// list members: those it keeps stay in their order, new ones follow in
// the order of the form. A list in brackets is written again on its
// line; a list on several lines has its items deleted and added.
func groupEdits(f *configFile, id string, old *groupYAML, ticked []string) []planfile.Edit {
	path := planfile.Path("groups." + id)
	var members []string
	if old != nil {
		for _, m := range old.Members {
			if slices.Contains(ticked, m) {
				members = append(members, m)
			}
		}
	}
	for _, m := range ticked {
		if !slices.Contains(members, m) {
			members = append(members, m)
		}
	}
	switch {
	case old == nil && (f.groupsNode == nil || f.groupsNode.Kind != yaml.MappingNode || len(f.groupsNode.Content) == 0):
		// The first group: groups: is added with it.
		g := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: id}, encodeNode(members)}}
		return []planfile.Edit{{Op: planfile.OpSet, Path: "groups", Item: g}}
	case old == nil:
		return []planfile.Edit{{Op: planfile.OpSet, Path: path, Item: encodeNode(members)}}
	case slices.Equal(members, old.Members):
		return nil
	case old.node.Kind != yaml.SequenceNode || old.node.Style&yaml.FlowStyle != 0 || len(old.node.Content) == 0:
		return []planfile.Edit{{Op: planfile.OpSet, Path: path, Item: encodeNode(members)}}
	}
	var edits []planfile.Edit
	n := len(old.node.Content)
	for _, m := range members {
		if !slices.Contains(old.Members, m) {
			edits = append(edits, planfile.Edit{Op: planfile.OpInsert, Path: path, To: n, Item: m})
			n++
		}
	}
	for i := len(old.Members) - 1; i >= 0; i-- {
		if !slices.Contains(members, old.Members[i]) {
			edits = append(edits, planfile.Edit{Op: planfile.OpDelete, Path: planfile.Path(string(path) + "[" + strconv.Itoa(i) + "]")})
		}
	}
	return edits
}
