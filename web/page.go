package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/lang"
)

// The page templates. layout.html.tmpl is the frame every page shares;
// every other NAME.html.tmpl is a page that defines "title" and "content"
// and is rendered by render(…, "NAME", data). style.css is served at
// /static/style.css. Texts come from lang's catalogue (text.go) through the
// "t" function, in the service language.
//
//go:embed templates
var templateFS embed.FS

// pages holds every page, parsed with the layout, once per language.
type pages struct {
	byLang map[lang.Lang]map[string]*template.Template
}

// loadPages parses the embedded templates. They are part of the binary:
// an error is a defect the tests catch, so it panics.
func loadPages() *pages {
	files, err := fs.Glob(templateFS, "templates/*.html.tmpl")
	if err != nil {
		panic(err)
	}
	p := &pages{byLang: map[lang.Lang]map[string]*template.Template{}}
	for _, lng := range []lang.Lang{lang.Vietnamese, lang.English} {
		p.byLang[lng] = map[string]*template.Template{}
		for _, f := range files {
			name := strings.TrimSuffix(path.Base(f), ".html.tmpl")
			if name == "layout" {
				continue
			}
			t := template.Must(template.New("layout.html.tmpl").Funcs(pageFuncs(lng)).
				ParseFS(templateFS, "templates/layout.html.tmpl", f))
			p.byLang[lng][name] = t
		}
	}
	return p
}

// pageFuncs are the functions the page templates call.
func pageFuncs(lng lang.Lang) template.FuncMap {
	return template.FuncMap{
		"t":        func(key string, args ...any) string { return tr(lng, key, args...) },
		"lang":     func() string { return string(lng) },
		"datetime": func(t time.Time) string { return t.Format("02/01/2006 15:04") },
		"date":     func(t time.Time) string { return t.Format("02/01/2006") },
	}
}

// render writes page name with data, status and the no-store header:
// pages show a state that changes, and their URL may hold a token. The
// page is rendered before anything is written, so a template error still
// gets a proper 500.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	t := s.pages.byLang[s.lang()][name]
	var b bytes.Buffer
	err := fmt.Errorf("no page %q", name)
	if t != nil {
		err = t.Execute(&b, data)
	}
	if err != nil {
		s.log.Error("render page", logRoute, r.Pattern, "page", name, logErr, err)
		status = http.StatusInternalServerError
		b.Reset()
		b.WriteString("<!DOCTYPE html><title>500</title><p>" + template.HTMLEscapeString(tr(s.lang(), "error.internal")))
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(b.Bytes())
	}
}

// messageView is the data of the message page: a title and a sentence.
type messageView struct {
	Title, Text string
}

// staticRoutes serves the shared style sheet.
func (s *Server) staticRoutes(mux *http.ServeMux) {
	css, err := templateFS.ReadFile("templates/style.css")
	if err != nil {
		panic(err)
	}
	mux.HandleFunc("GET /static/style.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Header().Set("Cache-Control", "public, max-age=86400")
		w.Write(css)
	})
}
