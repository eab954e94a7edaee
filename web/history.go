package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/planfile"
	"github.com/nhacviec/nhacviec/store"
)

// A plan's history (issue 13 part 4): the versions of its file kept by
// planfile, and the restore of one.
//
//   - GET /plan/{id}/history: the saved versions, newest first: number,
//     who, when, a one-line summary.
//   - GET /plan/{id}/history/{n}: version n's unified diff, and a form
//     that restores it.
//   - POST /plan/{id}/history/{n}/restore: with the ETag of the file the
//     page was shown with; a file changed meanwhile is not overwritten.
//
// Anyone signed in sees the history; only who may edit the plan
// (canEdit) restores. A plan written inside the configuration shares
// its file's history, units and groups included.

func (s *Server) historyRoutes(mux *http.ServeMux) {
	mux.Handle("GET /plan/{id}/history", s.member(http.HandlerFunc(s.handleHistory)))
	mux.Handle("GET /plan/{id}/history/{n}", s.member(http.HandlerFunc(s.handleVersion)))
	mux.Handle("POST /plan/{id}/history/{n}/restore", s.member(http.HandlerFunc(s.handleRestore)))
}

// historyView is the list of versions.
type historyView struct {
	PlanID, PlanTitle, File string
	Flash                   string
	CanEdit                 bool
	Versions                []versionRow
}

type versionRow struct {
	N               int
	URL, Who, At    string
	Summary, Sample string
	Current         bool
}

// versionView is one version and its diff.
type versionView struct {
	PlanID, PlanTitle, File string
	N                       int
	Who, At                 string
	Lines                   []diffLine
	Current                 bool
	CanEdit                 bool
	ETag, CSRF, Action      string
	Problem                 string
	Problems                []string
	Reload                  string
}

// diffLine is a line of a unified diff and its kind: add, del, hunk,
// file or ctx.
type diffLine struct{ Kind, Text string }

// planDoc returns the plan of the path, its file's Doc and the history.
func (s *Server) planDoc(r *http.Request) (planHistory, *planfile.Doc, string, error) {
	_, p, err := s.planOf(r)
	if err != nil {
		return nil, nil, "", err
	}
	h, ok := s.opts.Store.(planHistory)
	if !ok || s.config().File == "" {
		return nil, nil, "", Errorf(EUNAVAILABLE, "api.nohistory")
	}
	d, err := planfile.Locate(s.config().File, p.ID)
	if errors.Is(err, planfile.ErrNoPlan) {
		return nil, nil, "", Errorf(ENOTFOUND, "error.noplanid")
	}
	if err != nil {
		return nil, nil, "", err
	}
	return h, d, p.Title, nil
}

// when writes t in the service's time zone.
func (s *Server) when(t time.Time) string {
	if cfg := s.config(); cfg != nil && cfg.Service.Location != nil {
		t = t.In(cfg.Service.Location)
	}
	return t.Format("02/01/2006 15:04")
}

// who names the author of a version for a person.
func (s *Server) who(v store.Version) string {
	if v.Who == store.DiskAuthor {
		return tr(s.lang(), "hist.disk")
	}
	return v.Who
}

func (s *Server) handleHistory(w http.ResponseWriter, r *http.Request) {
	h, d, title, err := s.planDoc(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	// Reading first notes an edit on disk as a version.
	if _, _, err := d.Read(h); err != nil {
		s.pageError(w, r, err)
		return
	}
	vs, err := h.Versions(d.Key)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	id := r.PathValue("id")
	v := historyView{PlanID: id, PlanTitle: title, File: d.Key, CanEdit: canEdit(accountOf(r), id)}
	if q := r.URL.Query(); q.Get("r") == "restored" {
		v.Flash = tr(s.lang(), "hist.restored", q.Get("n"), q.Get("v"))
	}
	for i, ver := range vs {
		row := versionRow{N: ver.N, URL: "/plan/" + id + "/history/" + strconv.Itoa(ver.N),
			Who: s.who(ver), At: s.when(ver.At), Current: i == 0}
		row.Summary, row.Sample = s.diffSummary(ver)
		v.Versions = append(v.Versions, row)
	}
	s.render(w, r, http.StatusOK, "history", v)
}

// diffSummary sums a version's change up on one line: the lines added
// and removed, and a line of it.
func (s *Server) diffSummary(v store.Version) (string, string) {
	if v.Diff == "" {
		if v.N == 1 {
			return tr(s.lang(), "hist.first"), ""
		}
		return tr(s.lang(), "hist.nochange"), ""
	}
	var add, del int
	var added, removed string
	for _, l := range diffLines(v.Diff) {
		text := strings.TrimSpace(l.Text[min(1, len(l.Text)):])
		switch {
		case l.Kind == "add":
			add++
			if added == "" && text != "" {
				added = "+ " + clip(text, 80)
			}
		case l.Kind == "del":
			del++
			if removed == "" && text != "" {
				removed = "− " + clip(text, 80)
			}
		}
	}
	// The first line added says most of what changed; else the first
	// line removed.
	sample := firstNonEmpty(added, removed)
	return tr(s.lang(), "hist.lines", add, del), sample
}

// diffLines splits a unified diff into its lines, each with its kind.
func diffLines(diff string) []diffLine {
	var out []diffLine
	for l := range strings.Lines(diff) {
		l = strings.TrimRight(l, "\r\n")
		kind := "ctx"
		switch {
		case strings.HasPrefix(l, "+++"), strings.HasPrefix(l, "---"):
			kind = "file"
		case strings.HasPrefix(l, "@@"):
			kind = "hunk"
		case strings.HasPrefix(l, "+"):
			kind = "add"
		case strings.HasPrefix(l, "-"):
			kind = "del"
		}
		out = append(out, diffLine{Kind: kind, Text: l})
	}
	return out
}

// version reads version n of the path, or returns ENOTFOUND.
func (s *Server) version(r *http.Request) (planHistory, *planfile.Doc, string, store.Version, error) {
	h, d, title, err := s.planDoc(r)
	if err != nil {
		return nil, nil, "", store.Version{}, err
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 {
		return nil, nil, "", store.Version{}, Errorf(ENOTFOUND, "hist.noversion", r.PathValue("n"))
	}
	v, err := h.Version(d.Key, n)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, "", store.Version{}, Errorf(ENOTFOUND, "hist.noversion", r.PathValue("n"))
	}
	return h, d, title, v, err
}

func (s *Server) handleVersion(w http.ResponseWriter, r *http.Request) {
	h, d, title, ver, err := s.version(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderVersion(w, r, h, d, title, ver, "", nil, http.StatusOK)
}

// renderVersion shows version ver with its diff, the restore form
// carrying the file's ETag, and problem (and problems) when a restore
// failed.
func (s *Server) renderVersion(w http.ResponseWriter, r *http.Request, h planHistory, d *planfile.Doc, title string, ver store.Version, problem string, problems []string, status int) {
	_, etag, err := d.Read(h)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	id := r.PathValue("id")
	v := versionView{PlanID: id, PlanTitle: title, File: d.Key, N: ver.N, Who: s.who(ver), At: s.when(ver.At),
		Lines: diffLines(ver.Diff), Current: etag == planfile.ETag(ver.Text), CanEdit: canEdit(accountOf(r), id),
		ETag: etag, CSRF: s.csrfToken(w, r), Problem: problem, Problems: problems,
		Action: "/plan/" + id + "/history/" + strconv.Itoa(ver.N) + "/restore"}
	if problem != "" {
		v.Reload = "/plan/" + id + "/history/" + strconv.Itoa(ver.N)
	}
	s.render(w, r, status, "history_version", v)
}

func (s *Server) handleRestore(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !canEdit(accountOf(r), id) {
		s.pageError(w, r, Errorf(EFORBIDDEN, "error.role"))
		return
	}
	h, d, title, ver, err := s.version(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	_, err = d.Restore(h, accountOf(r).Name, r.PostForm.Get("etag"), ver.N)
	var check *planfile.CheckError
	switch {
	case errors.Is(err, planfile.ErrStale):
		s.renderVersion(w, r, h, d, title, ver, tr(s.lang(), "hist.stale"), nil, http.StatusConflict)
		return
	case errors.As(err, &check):
		var lines []string
		for _, p := range s.checkProblems(d, check.Diagnostics, nil, nil) {
			lines = append(lines, problemLine(p))
		}
		s.renderVersion(w, r, h, d, title, ver, tr(s.lang(), "hist.invalid", ver.N), lines, http.StatusUnprocessableEntity)
		return
	case err != nil:
		s.pageError(w, r, err)
		return
	}
	if s.opts.Reload != nil {
		if ok, errs := s.opts.Reload(); !ok {
			s.log.Warn("reload after a restore", logPlan, id, "errors", errs)
		}
	}
	latest := ""
	if vs, err := h.Versions(d.Key); err == nil && len(vs) > 0 {
		latest = strconv.Itoa(vs[0].N)
	}
	s.log.Info("version restored", logPlan, id, "version", ver.N, "account", accountOf(r).Name)
	http.Redirect(w, r, "/plan/"+id+"/history?"+url.Values{"r": {"restored"}, "n": {strconv.Itoa(ver.N)}, "v": {latest}}.Encode(), http.StatusSeeOther)
}
