package notify

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"io"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"
	"time"
	"unicode/utf8"

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
	languages = []plan.Lang{plan.Vietnamese, plan.English}
	kinds     = []plan.Kind{plan.KindDistribution, plan.KindReminder, plan.KindDeadline, plan.KindOverdue, plan.KindEscalation}
)

// funcs are the functions the templates call. Times reach the templates
// already in the plan's zone.
var funcs = template.FuncMap{
	"date":     formatDate,
	"datetime": formatDateTime,
	"join":     joinNames,
	"short":    shorten,
}

func formatDate(t time.Time) string     { return t.Format("02/01/2006") }
func formatDateTime(t time.Time) string { return t.Format("02/01/2006 15:04") }
func joinNames(list []string) string    { return strings.Join(list, ", ") }

type compiled struct {
	text map[plan.Lang]map[plan.Kind]*template.Template
	html map[plan.Lang]*htmltemplate.Template
	// fastHTML is the layout for the fast executor (see fastexec.go).
	fastHTML map[plan.Lang]*fastSet
}

// layout is the name of the HTML layout's template.
const layout = "layout.html.tmpl"

// load parses the embedded templates once. They are part of the binary, so
// an error is a defect that the tests catch; Render still returns it.
var load = sync.OnceValues(func() (*compiled, error) {
	initFast()
	c := &compiled{text: map[plan.Lang]map[plan.Kind]*template.Template{}, html: map[plan.Lang]*htmltemplate.Template{},
		fastHTML: map[plan.Lang]*fastSet{}}
	for _, lang := range languages {
		dir := "templates/" + string(lang) + "/"
		c.text[lang] = map[plan.Kind]*template.Template{}
		for _, k := range kinds {
			t, err := template.New(string(k)).Funcs(funcs).ParseFS(templateFS,
				dir+"common.txt.tmpl", dir+string(k)+".txt.tmpl", dir+string(k)+".sms.tmpl")
			if err != nil {
				return nil, fmt.Errorf("parse templates: %w", err)
			}
			c.text[lang][k] = t
			// A set the fast executor cannot run is run by text/template,
			// and fails TestFastTemplatesCompile.
			_ = registerFast(t)
		}
		h, err := htmltemplate.New("layout").Funcs(htmltemplate.FuncMap{"paragraphs": htmlParagraphs}).ParseFS(templateFS, dir+layout)
		if err != nil {
			return nil, fmt.Errorf("parse templates: %w", err)
		}
		c.html[lang] = h
		// html/template adds its escaping functions to the tree when the
		// template first runs: the fast executor runs that tree.
		if err := h.ExecuteTemplate(io.Discard, layout, &view{Lang: lang}); err != nil {
			return nil, fmt.Errorf("template layout.html: %w", err)
		}
		if fs, err := compileTrees(map[string]*parse.Tree{layout: h.Lookup(layout).Tree}, htmlFuncs); err == nil {
			c.fastHTML[lang] = fs
		}
	}
	return c, nil
})

// textSet returns the templates of one kind in one language.
func textSet(lang plan.Lang, kind plan.Kind) (*template.Template, error) {
	c, err := load()
	if err != nil {
		return nil, err
	}
	t := c.text[lang][kind]
	if t == nil {
		return nil, fmt.Errorf("no templates for %s notifications", kind)
	}
	return t, nil
}

func execute(t *template.Template, name string, v any) (string, error) {
	b := buffers.Get().(*bytes.Buffer)
	defer putBuffer(b)
	if fs, ok := fastSets.Load(t); ok {
		if fs.(*fastSet).execute(b, name, v) == nil {
			return b.String(), nil
		}
		b.Reset() // text/template says what went wrong, or does better
	}
	if err := t.ExecuteTemplate(b, name, v); err != nil {
		return "", fmt.Errorf("template %s: %w", name, err)
	}
	return b.String(), nil
}

// buffers hold the output of templates while they run: a message's parts
// are rendered into the same few buffers again and again, instead of
// each growing its own from nothing.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func putBuffer(b *bytes.Buffer) {
	if b.Cap() > 64<<10 {
		return // an outsized one is left to the collector
	}
	b.Reset()
	buffers.Put(b)
}

// renderHTML renders the HTML alternative of an email whose text parts
// are rendered already.
func renderHTML(v *view) (string, error) {
	c, err := load()
	if err != nil {
		return "", err
	}
	b := buffers.Get().(*bytes.Buffer)
	defer putBuffer(b)
	if fs := c.fastHTML[v.Lang]; fs != nil {
		if fs.execute(b, layout, v) == nil {
			return b.String(), nil
		}
		b.Reset()
	}
	if err := c.html[v.Lang].ExecuteTemplate(b, layout, v); err != nil {
		return "", fmt.Errorf("template layout.html: %w", err)
	}
	return b.String(), nil
}

// htmlParagraphs writes rendered text as the layout's paragraphs, each
// "\n<p style=STYLE>", its lines escaped and joined with <br>, and "</p>";
// the style is the layout's own. The escaping is html/template's own for text between tags (escapeHTML),
// done here once per paragraph; a template that ranged over the paragraphs
// ran html/template's escaper once per paragraph through reflection, which
// cost more than the rest of the layout.
func htmlParagraphs(s, style string) htmltemplate.HTML {
	var b strings.Builder
	b.Grow(len(s) + (strings.Count(s, "\n")+1)*(len(style)+16))
	for p := range strings.SplitSeq(s, "\n\n") {
		if p = strings.Trim(p, "\n"); p == "" {
			continue
		}
		b.WriteString("\n<p style=\"")
		b.WriteString(style)
		b.WriteString("\">")
		p = escapeHTML(p)
		for {
			line, rest, more := strings.Cut(p, "\n")
			b.WriteString(line)
			if !more {
				break
			}
			b.WriteString("<br>")
			p = rest
		}
		b.WriteString("</p>")
	}
	return htmltemplate.HTML(b.String())
}

// escapeHTML escapes s as html/template escapes a value written between
// tags: the characters of its htmlReplacementTable, and nothing else
// (invalid bytes pass as they are). They are all ASCII, which in UTF-8 is
// never part of another character, so s is read byte by byte. A test
// holds it to html/template's output.
func escapeHTML(s string) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		b.WriteString(repl)
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
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
