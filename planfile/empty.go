package planfile

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// An empty list under a key, written "key: []": what deleting a list's
// last item leaves, and what an insert turns back into a list written one
// item a line. A key with no value ("key:") is taken as an empty list
// too, as the check takes it.

// emptyValue reports whether n is a list with no item or no value at all.
func emptyValue(n *yaml.Node) bool {
	n = resolveAlias(n)
	switch {
	case n == nil:
		return false
	case n.Kind == yaml.SequenceNode:
		return len(n.Content) == 0
	case n.Kind == yaml.ScalarNode:
		return n.Tag == "!!null"
	}
	return false
}

// colon returns the offset just after the colon that ends key's text.
func (t *text) colon(key *yaml.Node) (int, error) {
	whole, _, ok := t.value(key)
	if !ok {
		return 0, fmt.Errorf("a key written on several lines: %w", ErrCannotEdit)
	}
	end := t.lineEnd(whole[1])
	for i := whole[1]; i < end; i++ {
		switch t.src[i] {
		case ' ', '\t':
			continue
		case ':':
			return i + 1, nil
		}
		break
	}
	return 0, fmt.Errorf("no colon after the key: %w", ErrCannotEdit)
}

// markEmpty writes " []" after key, whose list has just lost its last
// item, so that the key stays a list.
func (t *text) markEmpty(key *yaml.Node) error {
	at, err := t.colon(key)
	if err != nil {
		return err
	}
	t.replace(at, at, " []")
	return nil
}

// insertFirst makes item the only item of the empty value of f, written
// as a list one item a line under its key: "key: []  # note" becomes
// "key:  # note" and the item's lines.
func (t *text) insertFirst(f found, at int, item any) error {
	if f.key == nil || f.parent.Style&yaml.FlowStyle != 0 {
		return fmt.Errorf("an empty list outside a mapping written one key a line: %w", ErrCannotEdit)
	}
	if at != 0 {
		return fmt.Errorf("index %d outside 0–0: %w", at, ErrNoPath)
	}
	after, err := t.colon(f.key)
	if err != nil {
		return err
	}
	n := resolveAlias(f.node)
	written := after // the end of the value's text on the key's line
	switch {
	case n.Kind == yaml.SequenceNode:
		start, ok := t.offset(n.Line, n.Column)
		if !ok || n.Line != f.key.Line {
			return fmt.Errorf("an empty list not on its key's line: %w", ErrCannotEdit)
		}
		if written, ok = t.flowEnd(start); !ok {
			return fmt.Errorf("a list in brackets not closed on its line: %w", ErrCannotEdit)
		}
	case n.Value != "":
		whole, _, ok := t.value(n)
		if !ok || n.Line != f.key.Line {
			return fmt.Errorf("a null value not on its key's line: %w", ErrCannotEdit)
		}
		written = whole[1]
	}
	s, err := render([]any{item})
	if err != nil {
		return err
	}
	pad := strings.Repeat(" ", f.key.Column-1+2)
	lines := strings.SplitAfter(strings.TrimSuffix(s, "\n"), "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			lines[i] = pad + l
		}
	}
	s = strings.Join(lines, "")
	t.replace(after, written, "")
	if nl := strings.IndexByte(string(t.src[after:]), '\n'); nl >= 0 {
		t.replace(after+nl+1, after+nl+1, s+"\n")
		return nil
	}
	t.replace(len(t.src), len(t.src), "\n"+s+"\n")
	return nil
}
