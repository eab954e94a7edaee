package planfile

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// A Path names a node of a YAML file as the API and the checker's
// messages write it: keys joined by dots, a sequence's item by its index
// from 0 or by its id: "tasks[2].deadlines[0].due",
// "plans[id=bdg-2019].tasks[id=thang-hanh-dong].title".
type Path string

// step is one part of a Path: a key, then perhaps items.
type step struct {
	key   string // "" for an item
	index int    // of an item; -1 when id chooses it
	id    string
}

// parse splits p into its steps.
func (p Path) parse() ([]step, error) {
	var steps []step
	if p == "" {
		return nil, nil
	}
	for _, part := range strings.Split(string(p), ".") {
		key, rest, _ := strings.Cut(part, "[")
		if key == "" && (len(steps) > 0 || rest == "") {
			// "remind[0]." or "a..b": an empty key would name the node
			// before it, and an edit of it would change that node.
			return nil, fmt.Errorf("path %q: empty key: %w", p, ErrNoPath)
		}
		if key != "" {
			steps = append(steps, step{key: key})
		}
		if rest == "" {
			continue
		}
		for _, sel := range strings.Split("["+rest, "[")[1:] {
			sel, ok := strings.CutSuffix(sel, "]")
			if !ok || sel == "" {
				return nil, fmt.Errorf("path %q: %q is not [N] or [id=ID]: %w", p, part, ErrNoPath)
			}
			if id, ok := strings.CutPrefix(sel, "id="); ok {
				steps = append(steps, step{index: -1, id: id})
				continue
			}
			i, err := strconv.Atoi(sel)
			if err != nil || i < 0 {
				return nil, fmt.Errorf("path %q: %q is not [N] or [id=ID]: %w", p, part, ErrNoPath)
			}
			steps = append(steps, step{index: i})
		}
	}
	return steps, nil
}

// Join returns p followed by more, a key or an item ("[3]").
func (p Path) Join(more string) Path {
	if p == "" || strings.HasPrefix(more, "[") {
		return p + Path(more)
	}
	return p + "." + Path(more)
}

// cutKey splits p into the path of a mapping and its last key.
func (p Path) cutKey() (Path, string, bool) {
	s := string(p)
	i := strings.LastIndex(s, ".")
	key := s[i+1:]
	if key == "" || strings.ContainsAny(key, "[]") {
		return "", "", false
	}
	return Path(s[:max(i, 0)]), key, true
}

// found is a node a Path leads to, with where it is held: the mapping and
// key node of a value, or the sequence and index of an item.
type found struct {
	node   *yaml.Node
	parent *yaml.Node
	key    *yaml.Node // the key of a mapping's value
	index  int        // the index of a sequence's item
}

// find follows p from root. A step that leads nowhere is an error naming
// the path up to it.
func find(root *yaml.Node, p Path) (found, error) {
	steps, err := p.parse()
	if err != nil {
		return found{}, err
	}
	f := found{node: root, index: -1}
	var walked strings.Builder
	for _, s := range steps {
		n := resolveAlias(f.node)
		if s.key != "" {
			if walked.Len() > 0 {
				walked.WriteByte('.')
			}
			walked.WriteString(s.key)
			if n == nil || n.Kind != yaml.MappingNode {
				return found{}, fmt.Errorf("path %s: %w", walked.String(), ErrNoPath)
			}
			f = found{parent: n, index: -1}
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == s.key {
					f.key, f.node = n.Content[i], n.Content[i+1]
				}
			}
			if f.node == nil {
				return found{}, fmt.Errorf("path %s: %w", walked.String(), ErrNoPath)
			}
			continue
		}
		if s.index >= 0 {
			fmt.Fprintf(&walked, "[%d]", s.index)
		} else {
			fmt.Fprintf(&walked, "[id=%s]", s.id)
		}
		if n == nil || n.Kind != yaml.SequenceNode {
			return found{}, fmt.Errorf("path %s: %w", walked.String(), ErrNoPath)
		}
		i := s.index
		if i < 0 {
			for j, c := range items(n) {
				if v := mappingValue(c, "id"); v != nil && v.Kind == yaml.ScalarNode && v.Value == s.id {
					i = j
				}
			}
		}
		if i < 0 || i >= len(n.Content) {
			return found{}, fmt.Errorf("path %s: %w", walked.String(), ErrNoPath)
		}
		f = found{node: n.Content[i], parent: n, index: i}
	}
	return f, nil
}
