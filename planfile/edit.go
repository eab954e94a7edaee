package planfile

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Errors of an edit, for callers to branch on with errors.Is.
var (
	// ErrNoPath is a Path that leads to no node of the file.
	ErrNoPath = errors.New("no such node in the file")
	// ErrCannotEdit is a node this package cannot rewrite in place: a
	// flow sequence's items, a value that is not a scalar.
	ErrCannotEdit = errors.New("cannot edit this node in place")
)

// Op is what an Edit does.
type Op int

// The kinds of Edit.
const (
	OpSet    Op = iota // set the scalar at Path to Value (or to Item, see Edit), adding its key to its mapping if missing
	OpInsert           // insert Item into the sequence at Path, at index To, adding the sequence's key if missing (an empty list, [] or no value, becomes one item a line)
	OpDelete           // delete the sequence item, or the mapping's key, at Path (a list's last item leaves "key: []")
	OpMove             // move the sequence item at Path to index To
)

// Edit is one change to a YAML file, expressed on its tree.
type Edit struct {
	Op   Op
	Path Path
	// Value is the new text of the scalar (Set).
	Value string
	// Item is the value inserted (Insert): a *yaml.Node keeps its keys in
	// order; anything else is encoded as yaml.v3 encodes it. With Set, a
	// non-nil Item is the value set instead of Value: a list or a mapping,
	// written again where the old one stands, on its line in brackets or
	// one item a line as the old one was (see setItem).
	Item any
	// To is the index the item is inserted at or moved to (Insert, Move);
	// the length of the sequence appends.
	To int
}

// Apply returns src with edits made one after the other, each on the text
// the one before left. Only the bytes of what an edit changes are
// replaced: the rest of the file (comments, key order, blank lines,
// quoting) stays byte for byte. Apply does not check the plan: Doc.Edit
// does.
func Apply(src []byte, edits ...Edit) ([]byte, error) {
	for _, e := range edits {
		var err error
		if src, err = apply(src, e); err != nil {
			return nil, err
		}
	}
	return src, nil
}

func apply(src []byte, e Edit) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("edit: %w", err)
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("edit %s: %w", e.Path, ErrNoPath)
	}
	t := newText(src)
	f, err := find(doc.Content[0], e.Path)
	if err != nil && (e.Op == OpSet || e.Op == OpInsert && e.To == 0) && errors.Is(err, ErrNoPath) {
		// A key its mapping does not have yet: added at its end, with
		// the value set or a sequence of the one item inserted.
		var value any = e.Value
		if n, ok := e.Item.(*yaml.Node); ok && e.Op == OpInsert {
			value = &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{n}} // its styles kept
		} else if e.Op == OpInsert {
			value = []any{e.Item}
		} else if e.Item != nil {
			value = e.Item
		}
		if parent, key, ok := e.Path.cutKey(); ok {
			if m, perr := find(doc.Content[0], parent); perr == nil {
				if err := t.addKey(resolveAlias(m.node), key, value); err != nil {
					return nil, fmt.Errorf("edit %s: %w", e.Path, err)
				}
				out, _ := t.apply()
				return out, reparse(out, e.Path)
			}
		}
	}
	if err != nil {
		return nil, fmt.Errorf("edit: %w", err)
	}
	switch e.Op {
	case OpSet:
		if e.Item != nil {
			err = t.setItem(f, e.Item)
			break
		}
		err = t.set(f, e.Value)
	case OpInsert:
		if emptyValue(f.node) {
			err = t.insertFirst(f, e.To, e.Item)
			break
		}
		err = t.insert(resolveAlias(f.node), e.To, e.Item)
	case OpDelete, OpMove:
		if e.Op == OpDelete && f.key != nil {
			err = t.deleteKey(f)
			break
		}
		if f.index < 0 {
			return nil, fmt.Errorf("edit %s: not an item of a sequence: %w", e.Path, ErrCannotEdit)
		}
		if e.Op == OpDelete {
			err = t.delete(f.parent, f.index)
			if err == nil && len(f.parent.Content) == 1 {
				err = t.keepList(doc.Content[0], e.Path)
			}
		} else {
			err = t.move(f.parent, f.index, e.To)
		}
	default:
		err = fmt.Errorf("unknown operation %d", e.Op)
	}
	if err != nil {
		return nil, fmt.Errorf("edit %s: %w", e.Path, err)
	}
	out, _ := t.apply()
	return out, reparse(out, e.Path)
}

// keepList writes "[]" after the key of the list at p's parent, whose
// last item p was: the key stays a list, and a later insert adds to it.
// A list that is no mapping's value is left with no value.
func (t *text) keepList(root *yaml.Node, p Path) error {
	s := string(p)
	i := strings.LastIndex(s, "[")
	if i <= 0 {
		return nil
	}
	f, err := find(root, Path(s[:i]))
	if err != nil || f.key == nil {
		return nil
	}
	return t.markEmpty(f.key)
}

// reparse makes sure an edit left YAML.
func reparse(out []byte, p Path) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(out, &doc); err != nil {
		return fmt.Errorf("edit %s: the result is not YAML: %w", p, err)
	}
	return nil
}

// set replaces the scalar f with value, written in the same style where
// the value allows it.
func (t *text) set(f found, value string) error {
	n := resolveAlias(f.node)
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("not a single value: %w", ErrCannotEdit)
	}
	style := n.Style &^ (yaml.TaggedStyle | yaml.FlowStyle)
	if strings.Contains(value, "\n") && style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
		style = yaml.LiteralStyle
	}
	whole, _, ok := t.value(n)
	block := style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0
	if !ok || block {
		// A value written on several lines: it runs to the last line
		// indented deeper than its key.
		if f.key == nil {
			return fmt.Errorf("a value on several lines outside a mapping: %w", ErrCannotEdit)
		}
		start, good := t.offset(n.Line, n.Column)
		if !good {
			return fmt.Errorf("no position: %w", ErrCannotEdit)
		}
		whole = [2]int{start, t.lineEnd(t.blockEnd(n.Line, f.key.Column-1) - 1)}
	}
	s, err := render(&yaml.Node{Kind: yaml.ScalarNode, Value: value, Style: style})
	if err != nil {
		return err
	}
	s = strings.TrimSuffix(s, "\n")
	if strings.Contains(s, "\n") {
		if f.key == nil {
			return fmt.Errorf("a value on several lines outside a mapping: %w", ErrCannotEdit)
		}
		s = reindent(s, strings.Repeat(" ", f.key.Column-1+2))
	}
	t.replace(whole[0], whole[1], s)
	return nil
}

// render encodes v as yaml.v3 writes it, indented by two.
func render(v any) (string, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	return b.String(), nil
}

// reindent keeps the first line of s and writes its other lines at
// indent, their own indentation beyond the shallowest kept.
func reindent(s, indent string) string {
	lines := strings.Split(s, "\n")
	least := -1
	for _, l := range lines[1:] {
		if strings.TrimSpace(l) != "" && (least < 0 || indentOf(l) < least) {
			least = indentOf(l)
		}
	}
	for i, l := range lines[1:] {
		if strings.TrimSpace(l) == "" {
			lines[i+1] = ""
			continue
		}
		lines[i+1] = indent + l[least:]
	}
	return strings.Join(lines, "\n")
}

func indentOf(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }

// line returns line n (from 1) without its newline.
func (t *text) line(n int) string {
	start := t.lines[n-1]
	return string(t.src[start:t.lineEnd(start)])
}

// blockEnd returns the offset just after the last line, from line first
// on, that belongs to a node whose key or dash is at column col (from
// 0): the lines indented deeper, and blank lines between them.
func (t *text) blockEnd(first, col int) int {
	last := first
	for n := first + 1; n <= len(t.lines); n++ {
		if n == len(t.lines) && t.lines[n-1] == len(t.src) {
			break // the empty "line" after a final newline
		}
		l := t.line(n)
		if strings.TrimSpace(l) == "" {
			continue
		}
		if indentOf(l) <= col {
			break
		}
		last = n
	}
	if last == len(t.lines) {
		return len(t.src)
	}
	return t.lines[last]
}
