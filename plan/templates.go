package plan

import (
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// TemplateKinds are the kinds of message a plan may word its own way, in
// the order they are listed to a person.
var TemplateKinds = []Kind{KindDistribution, KindReminder, KindDeadline, KindOverdue, KindEscalation}

// TemplateNames are the parts of a message a plan may word its own way:
// the email's subject and body, and the SMS text.
var TemplateNames = []string{"subject", "body", "sms"}

// Noun names the kind of message for a person, e.g. "tin nhắc việc
// (reminder)", for diagnostics.
func (k Kind) Noun() Message { return noun("kind." + string(k)) }

// Template is a plan's own wording of one part of a kind of message: a
// text/template that replaces the embedded definition of that name.
type Template struct {
	Text string
	// Pos is where the value starts in the plan file.
	Pos Pos
	// first is where line 1 of Text starts in the file. In a literal
	// block (|) every further line of Text is the next line of the file,
	// starting in the same column; a value on one line has only line 1.
	// Any other way of writing it (folded, quoted over several lines,
	// with escapes) leaves first zero, and only Pos is known.
	first   Pos
	literal bool
}

// At returns the place in the plan file of a position inside Text, given
// as text/template reports it: line from 1, offset in bytes from the start
// of that line. Where the way the value is written hides that place (a
// folded block, a quoted value with escapes), it returns Pos.
func (t Template) At(line, offset int) Pos {
	if t.first.Line == 0 || line < 1 || (line > 1 && !t.literal) {
		return t.Pos
	}
	lines := strings.Split(t.Text, "\n")
	if line > len(lines) {
		return t.Pos
	}
	text := lines[line-1]
	offset = min(max(offset, 0), len(text))
	return Pos{File: t.first.File, Line: t.first.Line + line - 1, Col: t.first.Col + utf8.RuneCountInString(text[:offset])}
}

// templates reads a plan's templates: a mapping of kinds to mappings of
// parts to text.
func (l *loader) templates(n *yaml.Node) map[Kind]map[string]Template {
	n = resolve(n)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		l.errorAt(n, "type.mapping", "templates", kindName(n))
		return nil
	}
	kinds := make([]string, len(TemplateKinds))
	for i, k := range TemplateKinds {
		kinds[i] = string(k)
	}
	out := map[Kind]map[string]Template{}
	l.choices(n, "templates", kinds, "templates.kind", func(k string, v *yaml.Node) {
		kind := Kind(k)
		what := "templates." + k
		v = resolve(v)
		if isNull(v) {
			l.errorAt(v, "templates.nokind", k)
			return
		}
		if v.Kind != yaml.MappingNode {
			l.errorAt(v, "type.mapping", what, kindName(v))
			return
		}
		l.choices(v, what, TemplateNames, "templates.name", func(name string, tv *yaml.Node) {
			tv = resolve(tv)
			if isNull(tv) || (tv.Kind == yaml.ScalarNode && strings.TrimSpace(tv.Value) == "") {
				l.errorAt(tv, "templates.empty", name, Kind(k).Noun())
				return
			}
			text, ok := l.scalar(tv, what+"."+name)
			if !ok {
				return
			}
			if out[kind] == nil {
				out[kind] = map[string]Template{}
			}
			out[kind][name] = l.template(tv, text)
		})
	})
	if len(out) == 0 {
		return nil
	}
	return out
}

// choices walks a mapping whose keys must be among valid, reporting
// duplicates and other keys with the whole list (key is the message of an
// unknown one; key+".near" suggests the nearest).
func (l *loader) choices(n *yaml.Node, what string, valid []string, key string, each func(k string, v *yaml.Node)) {
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case seen[k.Value]:
			l.errorAt(k, "key.duplicate", k.Value, what)
		case !slices.Contains(valid, k.Value):
			if near := nearest(k.Value, valid); near != "" {
				l.errorAt(k, key+".near", k.Value, near, strings.Join(valid, ", "))
			} else {
				l.errorAt(k, key, k.Value, strings.Join(valid, ", "))
			}
		default:
			each(k.Value, v)
		}
		seen[k.Value] = true
	}
}

// template records text with where its lines are in the file.
func (l *loader) template(n *yaml.Node, text string) Template {
	t := Template{Text: text, Pos: l.pos(n)}
	switch {
	case n.Style&yaml.LiteralStyle != 0:
		// The text starts on the line after the "|", at the indentation
		// of its first line that is not blank.
		lines := strings.Split(string(l.src), "\n")
		for ln := n.Line + 1; ln <= len(lines); ln++ {
			src := strings.TrimRight(lines[ln-1], "\r")
			if strings.TrimSpace(src) == "" {
				continue
			}
			indent := len(src) - len(strings.TrimLeft(src, " "))
			t.first, t.literal = Pos{File: l.file, Line: n.Line + 1, Col: indent + 1}, true
			break
		}
	case n.Style&yaml.FoldedStyle == 0 && !strings.Contains(text, "\n"):
		// A value on one line is exact when the file holds it as it is:
		// not when escapes or folding changed it.
		col := n.Column
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			col++
		}
		src := []rune(sourceLine(l.src, n.Line))
		if col-1 <= len(src) && strings.HasPrefix(string(src[col-1:]), text) {
			t.first = Pos{File: l.file, Line: n.Line, Col: col}
		}
	}
	return t
}
