package web

import (
	"slices"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/nhacviec/nhacviec/planfile"
)

// The units a draft proposes (the document names them, the configuration
// has none of that name): the page asks, for each, which unit of the
// configuration it is, or to leave it out. A plan saved names only the
// configuration's units: a proposed unit has no contact to send to.

// importUnit is a unit the draft proposes.
type importUnit struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// importUnitChoice is a proposed unit on the page, and the unit chosen.
type importUnitChoice struct {
	ID, Name, Chosen string
}

// Field is the name of its form field.
func (u importUnitChoice) Field() string { return "u-" + u.ID }

// unitKeys are the keys whose lists name units.
var unitKeys = []string{"lead", "support", "to", "by"}

// replaceUnits returns text with each proposed unit replaced by the one
// chosen (choice: by proposed id, "" to leave it out), in every list of
// units: lead, support, distribute.to, a deadline's by and to. A list
// in flow style is written anew; an item of a block list (distribute.to,
// each with its comment) is replaced or deleted on its own.
func replaceUnits(text []byte, choice map[string]string) ([]byte, error) {
	if len(choice) == 0 {
		return text, nil
	}
	root, err := draftRoot(text)
	if err != nil {
		return nil, err
	}
	var edits, deletes []planfile.Edit
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i].Value, n.Content[i+1]
				p := k
				if path != "" {
					p = path + "." + k
				}
				if v.Kind == yaml.SequenceNode && slices.Contains(unitKeys, k) {
					unitList(v, p, choice, &edits, &deletes)
					continue
				}
				walk(v, p)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, path+"["+strconv.Itoa(i)+"]")
			}
		}
	}
	walk(root, "")
	slices.Reverse(deletes)
	return planfile.Apply(text, append(edits, deletes...)...)
}

// unitList adds the edits of one list of units.
func unitList(v *yaml.Node, path string, choice map[string]string, edits, deletes *[]planfile.Edit) {
	changed := false
	var ids []string
	for _, c := range v.Content {
		id := c.Value
		if to, ok := choice[id]; ok {
			changed = true
			id = to
		}
		if id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if !changed {
		return
	}
	if v.Style&yaml.FlowStyle != 0 {
		// An empty list stays, written [], for the check to name it.
		*edits = append(*edits, planfile.Edit{Op: planfile.OpSet, Path: planfile.Path(path), Item: importList(ids)})
		return
	}
	var seen []string
	for i, c := range v.Content {
		item := planfile.Path(path + "[" + strconv.Itoa(i) + "]")
		id := c.Value
		if to, ok := choice[id]; ok {
			id = to
		}
		if id == "" || slices.Contains(seen, id) {
			*deletes = append(*deletes, planfile.Edit{Op: planfile.OpDelete, Path: item})
			continue
		}
		seen = append(seen, id)
		if id != c.Value {
			*edits = append(*edits, planfile.Edit{Op: planfile.OpSet, Path: item, Value: id})
		}
	}
}
