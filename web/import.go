package web

import (
	"context"
	"crypto/hmac"
	"errors"
	"net/http"
	"strings"

	"github.com/nhacviec/nhacviec/draft"
	"github.com/nhacviec/nhacviec/store"
)

// The import of a plan from its signed document (issue 14, part 4),
// pages that work without JavaScript:
//
//	GET  /plans/import          the form: a .docx or .txt file
//	POST /plans/import          the draft beside the document's paragraphs
//	POST /plans/import/preview  the corrected draft checked, and what it will send
//	POST /plans/import/save     the new plan written, listed, recorded, loaded
//
// Nothing is kept on the server between the steps: the draft (its YAML
// with the provenance comments, and the paragraphs each task came from)
// travels in a hidden field, signed with the service secret so that only
// a draft this server made comes back. The officer's corrections are
// made on that text with planfile's edits, so the comments stay. Only
// the administrator imports: the accounts store cannot give an editor
// the new plan, so an editor could not edit what it imported.

// importMaxBody bounds the body of the import's requests: the document
// (draft.MaxFileSize) and the form around it, or the draft sent back.
const importMaxBody = draft.MaxFileSize + 1<<20

// importMaxMemory is how much of an upload is held in memory; the rest
// goes to a temporary file until the request ends.
const importMaxMemory = 1 << 20

func (s *Server) importRoutes(mux *http.ServeMux) {
	mux.Handle("GET /plans/import", s.member(http.HandlerFunc(s.handleImportForm)))
	mux.Handle("POST /plans/import", s.importGuard(s.handleImportUpload))
	mux.Handle("POST /plans/import/preview", s.importGuard(s.handleImportPreview))
	mux.Handle("POST /plans/import/save", s.importGuard(s.handleImportSave))
	css, err := templateFS.ReadFile("templates/import.css")
	if err != nil {
		panic(err)
	}
	mux.HandleFunc("GET /static/import.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Header().Set("Cache-Control", "public, max-age=86400")
		w.Write(css)
	})
}

// importGuard lets the administrator's requests through to h, checking
// what guard checks of a form (its Origin and CSRF token), but reading
// the body with the import's limit, not a dashboard form's: the upload
// and the draft sent back are larger.
func (s *Server) importGuard(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var a account
		switch {
		case localAdmin(r):
			a = localAccount
		case !s.anyAccount():
			if !loopbackClient(r) {
				s.pageError(w, r, Errorf(EFORBIDDEN, "error.adminlocal"))
				return
			}
			a = localAccount
		default:
			var ok bool
			if a, ok = s.signIn(w, r, s.pageError); !ok {
				return
			}
		}
		if a.Role != store.RoleAdmin {
			s.pageError(w, r, Errorf(EFORBIDDEN, "imp.err.role"))
			return
		}
		if !localAdmin(r) && !s.sameOrigin(r) {
			s.pageError(w, r, Errorf(EFORBIDDEN, "error.origin"))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, importMaxBody)
		var err error
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
			err = r.ParseMultipartForm(importMaxMemory)
		} else {
			err = r.ParseForm()
		}
		if err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				s.pageError(w, r, Errorf(ETOOLARGE, "imp.err.toolarge", draft.MaxFileSize>>20))
				return
			}
			s.pageError(w, r, bodyError(err))
			return
		}
		if r.MultipartForm != nil {
			defer r.MultipartForm.RemoveAll()
		}
		if !localAdmin(r) && !(a.basic && !fromBrowser(r)) && !s.formCSRF(r) {
			s.pageError(w, r, Errorf(EFORBIDDEN, "error.csrf"))
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), accountKey{}, a)))
	})
}

// formCSRF reports whether r's parsed form (or header) carries the
// token of its cookie, as requestCSRF.
func (s *Server) formCSRF(r *http.Request) bool {
	got := r.Header.Get(csrfHeader)
	if got == "" {
		got = r.PostForm.Get(csrfField)
	}
	c, err := r.Cookie(csrfCookie)
	if err != nil || !validCSRFCookie(c.Value) {
		return false
	}
	return got != "" && hmac.Equal([]byte(got), []byte(s.csrfMAC(c.Value)))
}

// importFormView is the upload form.
type importFormView struct {
	CSRF   string
	MaxMB  int
	Units  int
	Error  string
	Accept string
}

func (s *Server) handleImportForm(w http.ResponseWriter, r *http.Request) {
	if accountOf(r).Role != store.RoleAdmin {
		s.pageError(w, r, Errorf(EFORBIDDEN, "imp.err.role"))
		return
	}
	s.importForm(w, r, http.StatusOK, "")
}

// importForm shows the upload form, with an error above it.
func (s *Server) importForm(w http.ResponseWriter, r *http.Request, status int, msg string) {
	v := importFormView{CSRF: s.csrfToken(w, r), MaxMB: draft.MaxFileSize >> 20, Error: msg,
		Accept: ".docx,.txt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain"}
	if cfg := s.config(); cfg != nil {
		v.Units = len(cfg.Units)
	}
	s.render(w, r, status, "import", v)
}

func (s *Server) handleImportUpload(w http.ResponseWriter, r *http.Request) {
	lng := s.lang()
	f, fh, err := r.FormFile("document")
	if err != nil {
		s.importForm(w, r, http.StatusBadRequest, tr(lng, "imp.err.nofile"))
		return
	}
	defer f.Close()
	name := baseName(fh.Filename)
	doc, err := draft.Read(name, f)
	if err != nil {
		var p *draft.Problem
		why := err.Error()
		if errors.As(err, &p) {
			why = p.Text(lng)
		}
		s.log.Info("import: document refused", "file", name, logErr, err)
		s.importForm(w, r, http.StatusUnprocessableEntity, tr(lng, "imp.err.read", name, why))
		return
	}
	cfg := s.config()
	d, _ := doc.Draft(draft.Options{Units: cfg, Year: s.opts.Now().Year()})
	if len(d.Tasks) == 0 {
		s.importForm(w, r, http.StatusUnprocessableEntity, tr(lng, "imp.err.notplan", name))
		return
	}
	text, err := d.YAML(lng, name)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	st := importState{Name: name, YAML: string(text)}
	for _, t := range d.Tasks {
		var paras []importPara
		for _, n := range t.Paras {
			if p, ok := doc.Para(n); ok {
				paras = append(paras, importPara{N: p.N, Text: p.Full()})
			}
		}
		st.Tasks = append(st.Tasks, paras)
	}
	for _, n := range d.NotPlaced {
		st.NotPlaced = append(st.NotPlaced, importNote{N: n.Para, Text: n.Quote, Why: n.Why.Text(lng)})
	}
	st.Unit = doc.Unit.Text(lng)
	for _, u := range d.Units {
		st.Proposed = append(st.Proposed, importUnit{ID: u.ID, Name: u.Name})
	}
	v, err := s.importDraft(w, r, &st, nil)
	if err != nil {
		s.importForm(w, r, http.StatusUnprocessableEntity, tr(lng, "imp.err.notplan", name))
		return
	}
	s.log.Info("import: document drafted", "file", name, "tasks", len(d.Tasks), "not_placed", len(d.NotPlaced))
	s.render(w, r, http.StatusOK, "import_draft", v)
}

// baseName is the last element of an uploaded file's name, whichever
// separator the browser's system uses.
func baseName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if name == "" {
		return "document"
	}
	return name
}
