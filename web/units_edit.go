package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/planfile"
)

// From a filled unit form to planfile's edits: only what changed, field
// by field, so the rest of the unit (its comments, escalate_to, keys the
// form does not show) stays as written. A list written [in brackets]
// (contacts: [{…}], channels: [email]) is written again on its line.

// unitEdits returns the edits that make old (nil: a new unit) what v
// says, and rows: the index of each contact in the edited file → its row
// in the form, to show the checker's problems at their field.
func unitEdits(v *unitForm, old *unitYAML) ([]planfile.Edit, map[int]int) {
	base := "units." + v.ID
	rows := map[int]int{}
	var kept []contactYAML
	for i, c := range v.Contacts {
		if !c.Remove {
			rows[len(kept)] = i
			kept = append(kept, c.yamlFrom(oldContact(old, c)))
		}
	}
	if old == nil {
		u := unitYAML{Name: v.Name, Relation: v.Relation, Contacts: kept}
		return []planfile.Edit{{Op: planfile.OpSet, Path: planfile.Path(base), Item: encodeNode(u)}}, rows
	}
	var edits []planfile.Edit
	if v.Name != old.Name {
		edits = append(edits, planfile.Edit{Op: planfile.OpSet, Path: planfile.Path(base + ".name"), Value: v.Name})
	}
	if v.Relation != "" && v.Relation != firstNonEmpty(old.Relation, string(plan.RelationInternal)) {
		edits = append(edits, planfile.Edit{Op: planfile.OpSet, Path: planfile.Path(base + ".relation"), Value: v.Relation})
	}
	cs := mapValue(old.node, "contacts")
	if cs == nil || cs.Kind != yaml.SequenceNode || cs.Style&yaml.FlowStyle != 0 || len(cs.Content) != len(old.Contacts) {
		// contacts: [{…}] is written again whole, on its line.
		if !slices.EqualFunc(kept, old.Contacts, sameContact) {
			edits = append(edits, planfile.Edit{Op: planfile.OpSet, Path: planfile.Path(base + ".contacts"), Item: encodeNode(kept)})
		}
		return edits, rows
	}
	var deletes []int
	n := len(cs.Content)
	for _, c := range v.Contacts {
		if c.Idx == "" {
			if !c.Remove {
				edits = append(edits, planfile.Edit{Op: planfile.OpInsert, Path: planfile.Path(base + ".contacts"),
					To: n, Item: encodeNode(c.yamlFrom(nil))})
				n++
			}
			continue
		}
		i, err := strconv.Atoi(c.Idx)
		if err != nil || i < 0 || i >= len(cs.Content) {
			continue // a form of another file: its ETag is stale
		}
		if c.Remove {
			deletes = append(deletes, i)
			continue
		}
		path := base + ".contacts[" + strconv.Itoa(i) + "]"
		edits = append(edits, contactEdits(path, cs.Content[i], old.Contacts[i], c)...)
	}
	// The last first, so that each index is still the file's.
	slices.Sort(deletes)
	for _, i := range slices.Backward(deletes) {
		edits = append(edits, planfile.Edit{Op: planfile.OpDelete, Path: planfile.Path(base + ".contacts[" + strconv.Itoa(i) + "]")})
	}
	return edits, rows
}

// sameContact reports whether two contacts are written alike (a phone
// number compared as normalised).
func sameContact(a, b contactYAML) bool {
	return a.Name == b.Name && a.Role == b.Role && a.Email == b.Email && samePhone(a.Phone, b.Phone) &&
		slices.Equal(channelsOf(a), channelsOf(b))
}

// samePhone reports whether a and b are one number, however written.
func samePhone(a, b string) bool {
	if a == b {
		return true
	}
	na, err1 := plan.NormalizePhone(a)
	nb, err2 := plan.NormalizePhone(b)
	return err1 == nil && err2 == nil && na == nb
}

// contactEdits returns the edits of the contact at path, written as node
// and read as old, to make it what row c says.
func contactEdits(path string, node *yaml.Node, old contactYAML, c contactForm) []planfile.Edit {
	want := c.yamlFrom(&old)
	if node.Kind != yaml.MappingNode || node.Style&yaml.FlowStyle != 0 || len(node.Content) == 0 {
		if sameContact(want, old) {
			return nil
		}
		return []planfile.Edit{{Op: planfile.OpSet, Path: planfile.Path(path), Item: encodeNode(want)}}
	}
	// Sets go before deletes, so that a contact never passes through
	// having no key at all.
	var edits, deletes []planfile.Edit
	for _, f := range []struct{ key, old, new string }{
		{"name", old.Name, want.Name}, {"role", old.Role, want.Role},
		{"email", old.Email, want.Email}, {"phone", old.Phone, want.Phone},
	} {
		p := planfile.Path(path + "." + f.key)
		switch {
		case f.old == f.new, f.key == "phone" && samePhone(f.old, f.new):
		case f.new != "":
			edits = append(edits, planfile.Edit{Op: planfile.OpSet, Path: p, Value: f.new})
		case mapValue(node, f.key) == nil:
		default:
			deletes = append(deletes, planfile.Edit{Op: planfile.OpDelete, Path: p})
		}
	}
	chs := want.Channels
	p := planfile.Path(path + ".channels")
	chNode := mapValue(node, "channels")
	switch {
	case chs == nil && chNode == nil, chs != nil && slices.Equal(chs, old.Channels):
	case chs == nil:
		deletes = append(deletes, planfile.Edit{Op: planfile.OpDelete, Path: p})
	default:
		edits = append(edits, planfile.Edit{Op: planfile.OpSet, Path: p, Item: encodeNode(chs)})
	}
	return append(edits, deletes...)
}

// deleteUnit deletes unit v.ID, unless the check refuses it: then the
// form says where the unit is still named.
func (s *Server) deleteUnit(w http.ResponseWriter, r *http.Request, f *configFile, v *unitForm) {
	edit := planfile.Edit{Op: planfile.OpDelete, Path: planfile.Path("units." + v.ID)}
	_, err := f.doc.Save(f.h, accountOf(r).Name, v.ETag, edit)
	var check *planfile.CheckError
	if errors.As(err, &check) {
		v.General = append(v.General, tr(s.lang(), "unit.err.inuse", v.ID))
		v.Uses = s.unitUses(f, v.ID)
		if len(v.Uses) == 0 {
			for _, p := range s.checkProblems(f.doc, check.Diagnostics, nil, nil) {
				v.Uses = append(v.Uses, problemLine(p))
			}
		}
		v.Contacts = append(v.Contacts, contactForm{})
		s.renderUnitForm(w, r, f, v, http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		s.unitSaveFailed(w, r, f, v, nil, nil, err)
		return
	}
	s.savedConfig(w, r, "deleted", v.ID)
}

// unitUses lists, in the service language, where the configuration in
// force names unit id: the plans (owner, recipients, each task's roles),
// the groups of the file that list it, and the units that escalate to
// it.
func (s *Server) unitUses(f *configFile, id string) []string {
	lng := s.lang()
	cfg := s.config()
	var out []string
	for _, p := range cfg.Plans {
		var plain []string
		if p.Owner == id {
			plain = append(plain, tr(lng, "unit.use.owner"))
		}
		if p.Distribute != nil && slices.Contains(p.Distribute.To, id) {
			plain = append(plain, tr(lng, "unit.use.distrib"))
		}
		if len(plain) > 0 {
			out = append(out, tr(lng, "unit.err.inplan", p.Title, tr(lng, "unit.use.plan"), strings.Join(plain, ", ")))
		}
		for _, t := range p.Tasks {
			var roles []string
			add := func(key string, units []string) {
				if slices.Contains(units, id) && !slices.Contains(roles, tr(lng, key)) {
					roles = append(roles, tr(lng, key))
				}
			}
			add("unit.use.lead", t.Lead)
			add("unit.use.support", t.Support)
			for _, rm := range t.Reminders {
				add("unit.use.remind", rm.To)
			}
			for _, d := range t.Deadlines {
				add("unit.use.by", d.By)
				add("unit.use.to", d.To)
				for _, e := range d.Escalate {
					add("unit.use.escalate", e.To)
				}
			}
			if len(roles) > 0 {
				out = append(out, tr(lng, "unit.err.inplan", p.Title, t.Heading(), strings.Join(roles, ", ")))
			}
		}
	}
	for _, g := range f.groups {
		if slices.Contains(g.Members, id) {
			out = append(out, tr(lng, "unit.err.ingroup", g.ID))
		}
	}
	for _, u := range cfg.UnitOrder {
		if unit := cfg.Units[u]; u != id && unit != nil && slices.Contains(unit.EscalateTo, id) {
			out = append(out, tr(lng, "unit.err.escalate", u))
		}
	}
	return out
}
