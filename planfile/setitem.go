package planfile

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// setItem replaces the value of f, written on one line (a scalar, or a
// list or mapping [in brackets]), with item written in brackets on that
// line: a group's members, a contact's channels. The rest of the line
// (its comment) stays. A list or mapping written one item a line is
// replaced by setBlock.
func (t *text) setItem(f found, item any) error {
	n := f.node
	start, ok := t.offset(n.Line, n.Column)
	if !ok {
		return fmt.Errorf("no position: %w", ErrCannotEdit)
	}
	var end int
	switch {
	case n.Kind == yaml.ScalarNode:
		whole, _, ok := t.value(n)
		if !ok {
			return fmt.Errorf("a value on several lines: %w", ErrCannotEdit)
		}
		end = whole[1]
	case n.Style&yaml.FlowStyle != 0:
		if end, ok = t.flowEnd(start); !ok {
			return fmt.Errorf("a list in brackets not closed on its line: %w", ErrCannotEdit)
		}
	default:
		return t.setBlock(f, item)
	}
	v, ok := item.(*yaml.Node)
	if !ok {
		v = new(yaml.Node)
		if err := v.Encode(item); err != nil {
			return err
		}
	}
	if v.Kind == yaml.SequenceNode || v.Kind == yaml.MappingNode {
		c := *v
		c.Style |= yaml.FlowStyle
		v = &c
	}
	s, err := render(v)
	if err != nil {
		return err
	}
	s = strings.TrimSuffix(s, "\n")
	if strings.Contains(s, "\n") {
		return fmt.Errorf("the value does not fit on one line: %w", ErrCannotEdit)
	}
	t.replace(start, end, s)
	return nil
}

// flowEnd returns the offset just after the bracket that closes the one
// at start, on the same line, skipping quoted text.
func (t *text) flowEnd(start int) (int, bool) {
	end := t.lineEnd(start)
	depth := 0
	for i := start; i < end; i++ {
		switch c := t.src[i]; c {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				return i + 1, true
			}
		case '"', '\'':
			for i++; i < end && t.src[i] != c; i++ {
				if c == '"' && t.src[i] == '\\' {
					i++
				}
			}
		}
	}
	return 0, false
}

// setBlock replaces the value of f, a list or mapping written one item a
// line under its key, with item written the same way, at the same
// indentation and in the same place: the key's line (its comment) and
// the keys around it stay; the comments between the old items go with
// them.
func (t *text) setBlock(f found, item any) error {
	n := resolveAlias(f.node)
	if f.key == nil || len(n.Content) == 0 {
		return fmt.Errorf("a list or mapping on several lines outside a mapping: %w", ErrCannotEdit)
	}
	var start, col int
	if n.Kind == yaml.SequenceNode {
		var err error
		if start, col, err = t.dash(n.Content[0]); err != nil {
			return err
		}
	} else {
		first := n.Content[0]
		if first.Line <= f.key.Line {
			return fmt.Errorf("a mapping that starts on its key's line: %w", ErrCannotEdit)
		}
		start, col = t.lines[first.Line-1], first.Column-1
	}
	if t.lineOf(start) <= f.key.Line {
		return fmt.Errorf("a list that starts on its key's line: %w", ErrCannotEdit)
	}
	end := t.blockEnd(lastLine(n), col)
	v, ok := item.(*yaml.Node)
	if !ok {
		v = new(yaml.Node)
		if err := v.Encode(item); err != nil {
			return err
		}
	}
	if (v.Kind != yaml.SequenceNode && v.Kind != yaml.MappingNode) || len(v.Content) == 0 {
		return fmt.Errorf("not a list or mapping with items: %w", ErrCannotEdit)
	}
	c := *v
	c.Style &^= yaml.FlowStyle
	s, err := render(&c)
	if err != nil {
		return err
	}
	pad := strings.Repeat(" ", col)
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			lines[i] = pad + l
		}
	}
	s = strings.Join(lines, "")
	if end == len(t.src) && !strings.HasSuffix(string(t.src), "\n") {
		s = strings.TrimSuffix(s, "\n")
	}
	t.replace(start, end, s)
	return nil
}
