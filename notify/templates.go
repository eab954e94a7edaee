package notify

import (
	"embed"
	"fmt"
	htmltemplate "html/template"
	"strings"
	"sync"
	"text/template"
	"time"
	"unicode/utf8"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// The templates, one folder per language. For each kind, KIND.txt.tmpl
// defines the email's "subject" and "body", and KIND.sms.tmpl the "sms"
// paragraph; common.txt.tmpl holds what the kinds share (roles, dates,
// the acknowledgement lines, the footer, the calendar event), and
// layout.html.tmpl the HTML alternative around the rendered body.
//
//go:embed templates
var templateFS embed.FS

var (
	languages = []lang.Lang{lang.Vietnamese, lang.English}
	kinds     = []plan.Kind{plan.KindDistribution, plan.KindReminder, plan.KindDeadline, plan.KindOverdue, plan.KindEscalation}
)

// funcs are the functions the templates call. Times reach the templates
// already in the plan's zone.
var funcs = template.FuncMap{
	"date":     formatDate,
	"datetime": formatDateTime,
	"join":     joinNames,
	"short":    shorten,
	"weekday":  func(t time.Time) string { return lang.Weekday(lang.Vietnamese, t.Weekday()) },
}

// langFuncs replace functions of funcs in one language: the name of a
// day is Vietnamese in funcs.
var langFuncs = map[lang.Lang]template.FuncMap{
	lang.English: {"weekday": func(t time.Time) string { return lang.Weekday(lang.English, t.Weekday()) }},
}

func formatDate(t time.Time) string     { return t.Format("02/01/2006") }
func formatDateTime(t time.Time) string { return t.Format("02/01/2006 15:04") }
func joinNames(list []string) string    { return strings.Join(list, ", ") }

type compiled struct {
	text map[lang.Lang]map[plan.Kind]*template.Template
	html map[lang.Lang]*htmltemplate.Template
}

// layout is the name of the HTML layout's template.
const layout = "layout.html.tmpl"

// load parses the embedded templates once. They are part of the binary, so
// an error is a defect that the tests catch; Render still returns it.
var load = sync.OnceValues(func() (*compiled, error) {
	c := &compiled{text: map[lang.Lang]map[plan.Kind]*template.Template{}, html: map[lang.Lang]*htmltemplate.Template{}}
	for _, lng := range languages {
		dir := "templates/" + string(lng) + "/"
		c.text[lng] = map[plan.Kind]*template.Template{}
		for _, k := range kinds {
			t, err := template.New(string(k)).Funcs(funcs).Funcs(langFuncs[lng]).ParseFS(templateFS,
				dir+"common.txt.tmpl", dir+string(k)+".txt.tmpl", dir+string(k)+".sms.tmpl")
			if err != nil {
				return nil, fmt.Errorf("parse templates: %w", err)
			}
			c.text[lng][k] = t
		}
		h, err := htmltemplate.New("layout").Funcs(htmltemplate.FuncMap{"lines": lines}).ParseFS(templateFS, dir+layout)
		if err != nil {
			return nil, fmt.Errorf("parse templates: %w", err)
		}
		c.html[lng] = h
	}
	return c, nil
})

// textSet returns the templates of one kind in one language.
func textSet(lng lang.Lang, kind plan.Kind) (*template.Template, error) {
	c, err := load()
	if err != nil {
		return nil, err
	}
	t := c.text[lng][kind]
	if t == nil {
		return nil, fmt.Errorf("no templates for %s notifications", kind)
	}
	return t, nil
}

// execute runs template name of set t on v.
func execute(t *template.Template, name string, v any) (string, error) {
	var b strings.Builder
	if err := t.ExecuteTemplate(&b, name, v); err != nil {
		return "", fmt.Errorf("template %s: %w", name, err)
	}
	return b.String(), nil
}

// renderHTML renders the HTML alternative of an email whose text parts
// are rendered already.
func renderHTML(v *view) (string, error) {
	c, err := load()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if err := c.html[v.Lang].ExecuteTemplate(&b, layout, v); err != nil {
		return "", fmt.Errorf("template layout.html: %w", err)
	}
	return b.String(), nil
}

// lines splits rendered text into paragraphs of lines, for the HTML
// layout, which escapes each line and joins them with <br>.
func lines(s string) [][]string {
	var out [][]string
	for _, p := range strings.Split(s, "\n\n") {
		if p = strings.Trim(p, "\n"); p != "" {
			out = append(out, strings.Split(p, "\n"))
		}
	}
	return out
}

// shorten cuts s to at most n characters, at a word boundary when one is
// near, and marks the cut with "…".
func shorten(n int, s string) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	// Keep n-2 characters: the cut and " …" make n.
	cut, count := 0, 0
	for i := range s {
		if count == n-2 {
			cut = i
			break
		}
		count++
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > cut/2 {
		cut = sp
	}
	return strings.TrimRight(s[:cut], " ,;:-") + " …"
}
