package config

import (
	"slices"
	"strings"

	"github.com/nhacviec/nhacviec/plan"
	"go.yaml.in/yaml/v3"
)

// templates reads a plan's templates: a mapping of kinds to mappings of
// parts to text.
func (l *loader) templates(n *yaml.Node) map[plan.Kind]map[string]plan.Template {
	n = resolve(n)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		l.errorAt(n, "type.mapping", "templates", kindName(n))
		return nil
	}
	kinds := make([]string, len(plan.TemplateKinds))
	for i, k := range plan.TemplateKinds {
		kinds[i] = string(k)
	}
	out := map[plan.Kind]map[string]plan.Template{}
	l.choices(n, "templates", kinds, "templates.kind", func(k string, v *yaml.Node) {
		kind := plan.Kind(k)
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
		l.choices(v, what, plan.TemplateNames, "templates.name", func(name string, tv *yaml.Node) {
			tv = resolve(tv)
			if isNull(tv) || (tv.Kind == yaml.ScalarNode && strings.TrimSpace(tv.Value) == "") {
				l.errorAt(tv, "templates.empty", name, plan.Kind(k).Noun())
				return
			}
			text, ok := l.scalar(tv, what+"."+name)
			if !ok {
				return
			}
			if out[kind] == nil {
				out[kind] = map[string]plan.Template{}
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
			if near := l.nearest(k.Value, valid); near != "" {
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
func (l *loader) template(n *yaml.Node, text string) plan.Template {
	t := plan.Template{Text: text, Pos: l.pos(n)}
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
			t.First, t.Literal = plan.Pos{File: l.file, Line: n.Line + 1, Col: indent + 1}, true
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
			t.First = plan.Pos{File: l.file, Line: n.Line, Col: col}
		}
	}
	return t
}
