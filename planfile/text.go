package planfile

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// text is a YAML file's bytes and the edits to make to them. Nodes give
// lines and columns (columns in characters); text turns them into byte
// offsets and replaces only the bytes of the values it changes.
type text struct {
	src   []byte
	lines []int // the byte offset where each line starts
	edits []edit
}

// edit replaces src[start:end] with s.
type edit struct {
	start, end int
	s          string
}

func newText(src []byte) *text {
	t := &text{src: src, lines: []int{0}}
	for i, c := range src {
		if c == '\n' {
			t.lines = append(t.lines, i+1)
		}
	}
	return t
}

// offset returns the byte offset of line:col (both from 1, col counted in
// characters, as yaml.v3 counts them).
func (t *text) offset(line, col int) (int, bool) {
	if line < 1 || line > len(t.lines) || col < 1 {
		return 0, false
	}
	off := t.lines[line-1]
	for range col - 1 {
		if off >= len(t.src) || t.src[off] == '\n' {
			return 0, false
		}
		_, size := utf8.DecodeRune(t.src[off:])
		off += size
	}
	return off, true
}

// lineEnd returns the offset of the end of the line holding off, before
// its "\r\n" or "\n".
func (t *text) lineEnd(off int) int {
	end := len(t.src)
	if i := bytes.IndexByte(t.src[off:], '\n'); i >= 0 {
		end = off + i
	}
	if end > off && t.src[end-1] == '\r' {
		end--
	}
	return end
}

// value finds the bytes of scalar n as written on its line: whole is its
// span with the quotes, inner the text between them (the same for a plain
// scalar). It fails for a scalar that spans lines, a block scalar, and a
// quoted one with escapes: their text is not their value.
func (t *text) value(n *yaml.Node) (whole, inner [2]int, ok bool) {
	start, ok := t.offset(n.Line, n.Column)
	if !ok {
		return whole, inner, false
	}
	end := t.lineEnd(start)
	s := string(t.src[start:end])
	// An anchor (&a) or a tag (!!str) comes before the value.
	for strings.HasPrefix(s, "&") || strings.HasPrefix(s, "!") {
		i := strings.IndexAny(s, " \t")
		if i < 0 {
			return whole, inner, false
		}
		skip := i + len(s[i:]) - len(strings.TrimLeft(s[i:], " \t"))
		start, s = start+skip, s[skip:]
	}
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0:
		i := strings.IndexByte(s[min(1, len(s)):], '"')
		if !strings.HasPrefix(s, `"`) || i < 0 || s[1:1+i] != n.Value || strings.Contains(n.Value, `\`) {
			return whole, inner, false
		}
		return [2]int{start, start + i + 2}, [2]int{start + 1, start + 1 + i}, true
	case n.Style&yaml.SingleQuotedStyle != 0:
		raw := strings.ReplaceAll(n.Value, "'", "''")
		if !strings.HasPrefix(s, "'"+raw+"'") {
			return whole, inner, false
		}
		return [2]int{start, start + len(raw) + 2}, [2]int{start + 1, start + 1 + len(raw)}, true
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return whole, inner, false
	}
	if n.Value == "" || !strings.HasPrefix(s, n.Value) {
		return whole, inner, false
	}
	span := [2]int{start, start + len(n.Value)}
	return span, span, true
}

// replace records that src[start:end] becomes s.
func (t *text) replace(start, end int, s string) {
	t.edits = append(t.edits, edit{start, end, s})
}

// comment adds note as a comment at the end of the line holding off. An
// existing comment on that line is kept after it: "# note; old comment".
func (t *text) comment(off int, note string) {
	end := t.lineEnd(off)
	line := t.src[off:end]
	// A '#' starts a comment after a space, outside quotes; the value
	// itself is before off, so only its line's remainder is searched.
	var quote byte
	for i, c := range line {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && i > 0 && (line[i-1] == ' ' || line[i-1] == '\t'):
			at := off + i + 1
			if at < end && t.src[at] == ' ' {
				at++
			}
			t.replace(off+i, at, "# "+note+"; ")
			return
		}
	}
	t.replace(end, end, "  # "+note)
}

// apply returns the text with every edit made, and a function mapping an
// offset of the old text to the same place in the new one.
func (t *text) apply() ([]byte, func(int) int) {
	edits := slices.Clone(t.edits)
	slices.SortStableFunc(edits, func(a, b edit) int { return a.start - b.start })
	var out bytes.Buffer
	at := 0
	for _, e := range edits {
		out.Write(t.src[at:e.start])
		out.WriteString(e.s)
		at = e.end
	}
	out.Write(t.src[at:])
	moved := func(off int) int {
		shift := 0
		for _, e := range edits {
			if e.end > off {
				break
			}
			shift += len(e.s) - (e.end - e.start)
		}
		return off + shift
	}
	return out.Bytes(), moved
}

// position returns the line and column (in characters) of off in data.
func position(data []byte, off int) (line, col int) {
	line = 1 + bytes.Count(data[:off], []byte{'\n'})
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return line, 1 + utf8.RuneCount(data[start:off])
}
