package planfile

import (
	"bytes"
	"strings"

	"github.com/nhacviec/nhacviec/lang"
	"go.yaml.in/yaml/v3"
)

// Extract returns the plan written as item, an entry of plans: in the
// configuration file src, as the text of a plan file of its own: its
// lines, comments inside it included, with the entry's indentation taken
// off. A plan written in flow style ({id: …}) is refused.
func Extract(src []byte, item *yaml.Node) ([]byte, error) {
	if item == nil || item.Kind != yaml.MappingNode || item.Style&yaml.FlowStyle != 0 || len(item.Content) == 0 {
		return nil, lang.Errorf("roll.flow")
	}
	lines := strings.SplitAfter(string(src), "\n")
	first, col := item.Line, item.Column
	last := entryEnd(lines, item)
	var out bytes.Buffer
	for i := first - 1; i < last; i++ {
		l := lines[i]
		if i == first-1 {
			// The entry's first line starts with "- ": keep what follows.
			out.WriteString(string([]rune(l)[col-1:]))
			continue
		}
		out.WriteString(l[min(indent(l), col-1):])
	}
	if !bytes.HasSuffix(out.Bytes(), []byte("\n")) {
		out.WriteByte('\n')
	}
	return out.Bytes(), nil
}

// lastLine returns the last line that a node of n's tree starts on.
func lastLine(n *yaml.Node) int {
	last := n.Line
	for _, c := range n.Content {
		last = max(last, lastLine(c))
	}
	return last
}

// indent returns the number of spaces that start l.
func indent(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }

// entryEnd is the line after the last of the entry n (1-based, so that
// lines[n.Line-1:entryEnd] are its lines): the lines after its last node
// still belong to it while they are indented at least as far as its keys
// (the rest of a value written on several lines, comments) or blank;
// blank lines at its end do not.
func entryEnd(lines []string, n *yaml.Node) int {
	last := lastLine(n)
	for last < len(lines) {
		l := lines[last]
		if strings.TrimSpace(l) != "" && indent(l) < n.Column-1 {
			break
		}
		last++
	}
	for last > n.Line && strings.TrimSpace(lines[last-1]) == "" {
		last--
	}
	return last
}
