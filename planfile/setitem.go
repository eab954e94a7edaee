package planfile

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// setItem replaces the value of f, written on one line (a scalar, or a
// list or mapping [in brackets]), with item written in brackets on that
// line: a group's members, a contact's channels. The rest of the line
// (its comment) stays. A value written on several lines cannot be
// replaced whole: its items are edited one by one instead.
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
		return fmt.Errorf("a list or mapping on several lines: %w", ErrCannotEdit)
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
