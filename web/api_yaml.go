package web

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/planfile"
)

// The YAML side of the plans API (api.go): a plan's node as JSON in
// document order, and the path of the node at a checker's line and
// column.

// planNode returns the YAML node of plan id in text: the document's root,
// or the item of its plans with that id when inline is set.
func planNode(text []byte, id string, inline bool) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil || len(doc.Content) == 0 {
		return nil, fmt.Errorf("plan %s: not a YAML document: %v", id, err)
	}
	root := doc.Content[0]
	if !inline {
		return root, nil
	}
	if plans := mapValue(root, "plans"); plans != nil {
		for _, p := range plans.Content {
			if v := mapValue(p, "id"); v != nil && v.Value == id {
				return p, nil
			}
		}
	}
	return nil, fmt.Errorf("plan %s: %w", id, planfile.ErrNoPlan)
}

// mapValue returns the value of key in mapping n, or nil.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// jsonObject is a YAML mapping as JSON, its keys in document order.
type jsonObject []jsonField

type jsonField struct {
	Key   string
	Value any
}

// MarshalJSON writes the fields in order.
func (o jsonObject) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(f.Key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(f.Value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// jsonValue turns a YAML node into a value encoding/json writes: a
// mapping an object in document order, a sequence an array, numbers,
// booleans and null as such, every other scalar (dates, times, cron
// rules, durations) the string written in the file.
func jsonValue(n *yaml.Node) any {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return jsonValue(n.Content[0])
	case yaml.AliasNode:
		return jsonValue(n.Alias)
	case yaml.MappingNode:
		o := make(jsonObject, 0, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			o = append(o, jsonField{n.Content[i].Value, jsonValue(n.Content[i+1])})
		}
		return o
	case yaml.SequenceNode:
		a := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			a = append(a, jsonValue(c))
		}
		return a
	}
	switch n.ShortTag() {
	case "!!int", "!!float", "!!bool", "!!null":
		var v any
		if n.Decode(&v) == nil {
			return v
		}
	}
	return n.Value
}

// editedPlan returns the node of doc's plan in its file with edits made,
// or nil when that cannot be had.
func editedPlan(doc *planfile.Doc, edits []planfile.Edit) *yaml.Node {
	src, err := config.ReadFile(doc.File)
	if err != nil {
		return nil
	}
	text, err := editedText(doc, src, edits)
	if err != nil {
		return nil
	}
	return planOfText(doc, text)
}

// replacedPlan returns the node of doc's plan in its file with the plan's
// text replaced by text, or nil when that cannot be had.
func replacedPlan(doc *planfile.Doc, text []byte) *yaml.Node {
	src, err := config.ReadFile(doc.File)
	if err != nil {
		return nil
	}
	out, err := doc.Replace(src, text)
	if err != nil {
		return nil
	}
	return planOfText(doc, out)
}

// planOfText returns the node of doc's plan in text, the whole text of
// its file, or nil.
func planOfText(doc *planfile.Doc, text []byte) *yaml.Node {
	var id string
	if doc.Root != "" {
		id = strings.TrimSuffix(strings.TrimPrefix(string(doc.Root), "plans[id="), "]")
	}
	n, err := planNode(text, id, doc.Root != "")
	if err != nil {
		return nil
	}
	return n
}

// nodePath returns the path, from n, of the node written at line and col
// (a key names its value), like tasks[1].deadlines[0].due; "" when none
// is there.
func nodePath(n *yaml.Node, line, col int) string {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Line == line && k.Column == col || v.Line == line && v.Column == col && v.Kind == yaml.ScalarNode {
				return k.Value
			}
			if sub := nodePath(v, line, col); sub != "" {
				if strings.HasPrefix(sub, "[") {
					return k.Value + sub
				}
				return k.Value + "." + sub
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			if c.Line == line && c.Column == col && c.Kind == yaml.ScalarNode {
				return "[" + strconv.Itoa(i) + "]"
			}
			if sub := nodePath(c, line, col); sub != "" {
				if strings.HasPrefix(sub, "[") {
					return "[" + strconv.Itoa(i) + "]" + sub
				}
				return "[" + strconv.Itoa(i) + "]." + sub
			}
		}
	}
	return ""
}
