package planfile

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The keys of a block mapping as text: a key runs from the comment lines
// just above it to the last line indented deeper than it.

// addKey writes key: value at the end of mapping m, at its keys'
// indentation; value is a string or anything yaml.v3 encodes.
func (t *text) addKey(m *yaml.Node, key string, value any) error {
	if m == nil || m.Kind != yaml.MappingNode || m.Style&yaml.FlowStyle != 0 || len(m.Content) == 0 {
		return fmt.Errorf("not a mapping written one key a line: %w", ErrCannotEdit)
	}
	col := m.Content[0].Column - 1
	v, ok := value.(*yaml.Node)
	if !ok {
		v = new(yaml.Node)
		if err := v.Encode(value); err != nil {
			return err
		}
	}
	s, err := render(&yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: key}, v}})
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
	end := t.blockEnd(lastLine(m), col)
	if end == len(t.src) && len(t.src) > 0 && t.src[end-1] != '\n' {
		s = "\n" + s
	}
	t.replace(end, end, s)
	return nil
}

// deleteKey removes the key of f and its value, with the comment lines
// just above the key.
func (t *text) deleteKey(f found) error {
	if f.parent.Style&yaml.FlowStyle != 0 {
		return fmt.Errorf("a mapping written {in braces}: %w", ErrCannotEdit)
	}
	col := f.key.Column - 1
	first := f.key.Line
	start := t.lines[first-1]
	off, ok := t.offset(f.key.Line, f.key.Column)
	if !ok {
		return fmt.Errorf("no position: %w", ErrCannotEdit)
	}
	if before := strings.TrimSpace(string(t.src[start:off])); before != "" {
		if !strings.HasSuffix(before, "-") {
			return fmt.Errorf("a key after %q on its line: %w", before, ErrCannotEdit)
		}
		return t.deleteFirstKey(f, off)
	}
	for first > 1 {
		l := t.line(first - 1)
		if !strings.HasPrefix(strings.TrimSpace(l), "#") || indentOf(l) != col {
			break
		}
		first--
	}
	t.replace(t.lines[first-1], t.blockEnd(max(f.key.Line, lastLine(f.node)), col), "")
	return nil
}

// deleteFirstKey removes the first key of a sequence's item, written
// after its dash at off: the next key takes its place after the dash, at
// the same column, so its lines keep their indentation; the comment
// lines just above the next key move above the dash. An item left
// without keys would be no mapping: that is refused.
func (t *text) deleteFirstKey(f found, off int) error {
	if len(f.parent.Content) < 4 || f.parent.Content[0] != f.key {
		return fmt.Errorf("the only key of an item: %w", ErrCannotEdit)
	}
	next := f.parent.Content[2]
	end, ok := t.offset(next.Line, next.Column)
	if !ok || next.Column != f.key.Column {
		return fmt.Errorf("no position: %w", ErrCannotEdit)
	}
	first := next.Line
	for first-1 > f.key.Line {
		l := t.line(first - 1)
		if !strings.HasPrefix(strings.TrimSpace(l), "#") || indentOf(l) != next.Column-1 {
			break
		}
		first--
	}
	if first < next.Line {
		dashLine := t.lines[f.key.Line-1]
		dashCol := strings.LastIndex(string(t.src[dashLine:off]), "-")
		var moved strings.Builder
		for n := first; n < next.Line; n++ {
			moved.WriteString(strings.Repeat(" ", dashCol) + strings.TrimSpace(t.line(n)) + "\n")
		}
		t.replace(dashLine, dashLine, moved.String())
	}
	t.replace(off, end, "")
	return nil
}
