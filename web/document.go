package web

import (
	"errors"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path/filepath"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

// The plan document, /d/TOKEN: the file distribute.document names, of the
// plan of the notification the token stands for, and nothing else. The
// token is the capability, as on the acknowledgement page, whose page
// offers the same link. The file is always a download (Content-Disposition
// attachment, its type from its extension, no sniffing): it is never shown
// as a page of this site.

func (s *Server) handleDocument(w http.ResponseWriter, r *http.Request) {
	n, err := s.lookup(r.PathValue("token"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	path := documentOf(s.config(), n)
	if path == "" {
		s.pageError(w, r, Errorf(ENOTFOUND, "error.nodocument"))
		return
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		s.logInternal(r, err)
		s.pageError(w, r, Errorf(ENOTFOUND, "error.nodocument"))
		return
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		s.pageError(w, r, Errorf(ENOTFOUND, "error.nodocument"))
		return
	}
	h := w.Header()
	h.Set("Content-Type", notify.DocumentType(path))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": filepath.Base(path)}))
	h.Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, "", st.ModTime(), f)
}

// documentOf is the plan document of n's plan in cfg, or "".
func documentOf(cfg *plan.Config, n *plan.Notification) string {
	if cfg == nil {
		return ""
	}
	if p := cfg.Plan(n.Plan); p != nil && p.Distribute != nil {
		return p.Distribute.Document
	}
	return ""
}
