package notify

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"text/template"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// text/template's errors, which name Go types and say nothing of what a
// template can use: CheckTemplates turns them into a place in the plan
// file and a message of lang's catalogue.
var (
	parseErrRE  = regexp.MustCompile(`^template: ([^:]*):(\d+): (.*)$`)
	execErrRE   = regexp.MustCompile(`^template: ([^:]*):(\d+):(\d+): executing "[^"]*" at <(.*?)>: (.*)$`)
	fieldErrRE  = regexp.MustCompile(`^can't evaluate field (\w+) in type (.+)$`)
	nilErrRE    = regexp.MustCompile(`^nil pointer evaluating (.+)\.(\w+)$`)
	undefErrRE  = regexp.MustCompile(`^template "(.*)" not defined$`)
	funcErrRE   = regexp.MustCompile(`^function "(.*)" not defined$`)
	varErrRE    = regexp.MustCompile(`^undefined variable "(.*)"$`)
	argsErrRE   = regexp.MustCompile(`^wrong number of args for (\w+): want (\d+) got (\d+)$`)
	endActionRE = regexp.MustCompile(`\{\{-?\s*(end|else)\b`)
)

func message(key string, args ...any) lang.Message { return lang.Message{Key: key, Args: args} }

// lineOf returns line n (from 1) of text, or "".
func lineOf(text string, n int) string {
	lines := strings.Split(text, "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return lines[n-1]
}

// near returns the place of the occurrence of needle on line of t closest
// to offset, or of offset itself when needle is not on that line.
func near(t plan.Template, line, offset int, needle string) plan.Pos {
	text := lineOf(t.Text, line)
	best := -1
	for i := 0; needle != ""; {
		j := strings.Index(text[i:], needle)
		if j < 0 {
			break
		}
		if best < 0 || abs(i+j-offset) < abs(best-offset) {
			best = i + j
		}
		i += j + 1
	}
	if best < 0 {
		best = offset
	}
	return t.At(line, best)
}

func abs(n int) int { return max(n, -n) }

// explainParse places and explains the error of parsing the template t
// named name.
func explainParse(err error, t plan.Template, name string, kind plan.Kind) (plan.Pos, lang.Message) {
	switch {
	case errors.Is(err, errDefine):
		return t.Pos, message("template.define")
	case errors.Is(err, errEmptyTree):
		return t.Pos, message("templates.empty", name, kind.Noun())
	}
	m := parseErrRE.FindStringSubmatch(err.Error())
	if m == nil {
		return t.Pos, message("template.syntax", err.Error())
	}
	line, _ := strconv.Atoi(m[2])
	detail := m[3]
	text := lineOf(t.Text, line)
	last := func(needles ...string) plan.Pos {
		for _, s := range needles {
			if i := strings.LastIndex(text, s); i >= 0 {
				return t.At(line, i)
			}
		}
		return t.At(line, 0)
	}
	switch {
	case strings.HasPrefix(detail, "unclosed action"), strings.HasPrefix(detail, "bad character U+007D"):
		return last("{{"), message("template.unclosed")
	case detail == "unclosed comment":
		return last("/*"), message("template.comment")
	case strings.HasPrefix(detail, "unterminated"):
		return last(`"`, "`", "'"), message("template.quote")
	case detail == "unexpected EOF":
		return t.Pos, message("template.noend")
	case strings.HasPrefix(detail, "unexpected {{end}}"), strings.HasPrefix(detail, "unexpected {{else}}"):
		word := "{{end}}"
		if strings.Contains(detail, "else") {
			word = "{{else}}"
		}
		pos := t.At(line, 0)
		if loc := endActionRE.FindStringIndex(text); loc != nil {
			pos = t.At(line, loc[0])
		}
		return pos, message("template.extra", word)
	}
	if f := funcErrRE.FindStringSubmatch(detail); f != nil {
		return near(t, line, 0, f[1]), message("template.func", f[1], funcNames())
	}
	if v := varErrRE.FindStringSubmatch(detail); v != nil {
		return near(t, line, 0, v[1]), message("template.var", v[1])
	}
	return t.At(line, 0), message("template.syntax", detail)
}

// explainExec places and explains the error of rendering the template
// name of a plan's set: own are the plan's templates of kind in set. An
// error raised inside an embedded template the plan's one includes is
// placed at the start of the plan's one.
func explainExec(err error, own map[string]plan.Template, name string, kind plan.Kind, set *template.Template) (plan.Pos, lang.Message) {
	t := own[name]
	m := execErrRE.FindStringSubmatch(err.Error())
	if m == nil {
		return t.Pos, message("template.exec", `{{template "`+name+`"}}`, err.Error())
	}
	where, line, ctx, detail := m[1], m[2], m[4], m[5]
	ln, _ := strconv.Atoi(line)
	off, _ := strconv.Atoi(m[3])
	at := func(needle string) plan.Pos {
		if o, ok := own[where]; ok {
			return near(o, ln, off, needle)
		}
		return t.Pos
	}
	if f := fieldErrRE.FindStringSubmatch(detail); f != nil {
		field, typ := "."+f[1], f[2]
		prefix := ""
		if i := strings.LastIndex(ctx, field); i >= 0 {
			prefix = ctx[:i]
		}
		pos := at(field)
		if list := fieldsOf(typ, prefix, kind); list != nil {
			return pos, message("template.field", prefix+field, strings.Join(list, ", "))
		}
		switch {
		case prefix == "":
			return pos, message("template.field.dot", field)
		case strings.HasPrefix(strings.TrimPrefix(typ, "*"), "[]"):
			return pos, message("template.field.list", prefix, field)
		}
		return pos, message("template.field.value", prefix, field)
	}
	if f := nilErrRE.FindStringSubmatch(detail); f != nil {
		field := "." + f[2]
		missing := ctx
		if i := strings.LastIndex(ctx, field); i > 0 {
			missing = ctx[:i]
		}
		return at(missing), message("template.nil", kind.Noun(), missing)
	}
	if u := undefErrRE.FindStringSubmatch(detail); u != nil {
		return at(`"` + u[1] + `"`), message("template.undefined", u[1], includable(set))
	}
	if a := argsErrRE.FindStringSubmatch(detail); a != nil {
		return at(a[1]), message("template.args", a[1], a[2], a[3])
	}
	return at(ctx), message("template.exec", ctx, detail)
}
