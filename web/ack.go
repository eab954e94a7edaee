package web

import (
	"errors"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// The acknowledgement page, /a/TOKEN.
//
// GET shows the notification and where it stands, and never changes
// anything: mail scanners and link previews open links. POST records what
// the button says, idempotently.
//
// There is no session and no CSRF token: the token in the URL is the
// capability, and a site that does not know it cannot forge the form. As a
// second fence, a POST whose Origin (or, without one, Referer) names
// another host than the request's or public_url's is refused; a request
// with neither header, or with Origin "null", is let through.

// Form field limits, in characters; longer input is cut.
const (
	maxWho  = 120
	maxNote = 1000
)

func (s *Server) ackRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /a/{token}", s.handleAckPage)
	mux.HandleFunc("POST /a/{token}", s.handleAck)
	mux.HandleFunc("GET /d/{token}", s.handleDocument)
}

func (s *Server) handleAckPage(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	n, err := s.lookup(token)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v, err := s.ackView(n, token)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "ack", v)
}

func (s *Server) handleAck(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	n, err := s.lookup(token)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if !s.sameOrigin(r) {
		s.pageError(w, r, Errorf(EFORBIDDEN, "error.origin"))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if err := r.ParseForm(); err != nil {
		s.pageError(w, r, bodyError(err))
		return
	}
	who := clip(r.PostForm.Get("who"), maxWho)
	if who == "" {
		who = "—"
	}
	a := store.Ack{By: who, Via: "web", Note: clip(r.PostForm.Get("note"), maxNote), At: s.opts.Now()}
	switch a.Kind = store.AckKind(r.PostForm.Get("action")); a.Kind {
	case store.Received:
	case store.Done:
		if !ack.CanDone(n) {
			s.pageError(w, r, Errorf(EINVALID, "error.notdone"))
			return
		}
	default:
		s.pageError(w, r, Errorf(EINVALID, "error.action"))
		return
	}
	stored, created, err := ack.Record(s.opts.Store, n, a)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if created {
		s.opts.Metrics.ObserveAck(string(stored.Kind), "web")
	}
	v, err := s.ackView(n, token)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	at := v.local(stored.At)
	switch {
	case !created:
		v.Result = tr(s.lang(), "result.already", at)
	case stored.Kind == store.Done:
		v.Result = tr(s.lang(), "result.done", v.Unit, at)
	default:
		v.Result = tr(s.lang(), "result.received", v.Unit, at)
	}
	v.Created = created
	s.render(w, r, http.StatusOK, "ack", v)
}

// lookup returns the notification token stands for. An ill-formed,
// unknown or forged token is ENOTFOUND, all alike.
func (s *Server) lookup(token string) (*plan.Notification, error) {
	n, err := ack.Lookup(s.opts.Store, s.opts.Secret, token)
	if errors.Is(err, ack.ErrUnknownNotification) {
		return nil, Errorf(ENOTFOUND, "error.token")
	}
	return n, err
}

// ackView is what the acknowledgement page shows.
type ackView struct {
	Action string // the form's target: /a/TOKEN
	Plan   string
	Issuer string
	Signed string // the plan's number, date and signer
	// Document is the plan document's file name, and DocumentURL the
	// path that downloads it, /d/TOKEN; empty when the plan has none.
	Document, DocumentURL string
	Kind                  string
	Task                  string // "II.3. Title"
	When                  string // a task's dates, for a reminder
	Deadline              string // the report's title
	ReportTo              string
	Due                   string // dd/mm/yyyy HH:MM, for deadline kinds
	Late                  string
	About                 []string // the units an escalation is about
	Unit                  string
	Role                  string
	Contact               string // who to call about the plan: the owner's first contact
	Sent                  string
	Received              *ackStamp
	Done                  *ackStamp
	// CanReceive and CanDone tell which buttons to show: those whose
	// acknowledgement is not recorded yet.
	CanReceive, CanDone bool
	// ForInfo tells that the unit is reported to (cap-tren) and has
	// nothing to confirm: the page shows no button and no state.
	ForInfo bool
	// Result says what a POST did; Created, whether it recorded anything.
	Result  string
	Created bool

	loc *time.Location
}

// ackStamp is a recorded acknowledgement, for display.
type ackStamp struct {
	Text string // "Đã nhận lúc …"
	By   string // "Nguyễn Văn A, qua trang xác nhận"
	Note string
}

func (v *ackView) local(t time.Time) string {
	return t.In(v.loc).Format("02/01/2006 15:04")
}

// ackView builds the page of n from the configuration in force and the
// store. A plan, task or unit since removed from the configuration shows
// by its id: its acknowledgement still counts.
func (s *Server) ackView(n *plan.Notification, token string) (*ackView, error) {
	lng := s.lang()
	cfg := s.config()
	v := &ackView{Action: "/a/" + token, Plan: n.Plan, Unit: n.Unit, Task: n.Task,
		Kind: tr(lng, "kind."+string(n.Kind)), Role: tr(lng, "role."+string(n.Role)), loc: time.Local}
	var p *plan.Plan
	var t *plan.Task
	tentative := false
	if cfg != nil {
		v.loc = cfg.Service.Location
		if p = cfg.Plan(n.Plan); p != nil {
			v.Plan, v.Issuer = p.Title, p.Issuer
			v.Signed = signed(lng, p)
			if d := documentOf(cfg, n); d != "" {
				v.Document, v.DocumentURL = filepath.Base(d), "/d/"+token
			}
			if o := cfg.Units[p.Owner]; o != nil && len(o.Contacts) > 0 && n.Unit != p.Owner {
				c := o.Contacts[0]
				v.Contact = strings.Join(nonEmpty(c.Name, c.Role, notify.DialPhone(c.Phone), c.Email), ", ")
			}
			if p.Location != nil {
				v.loc = p.Location
			}
			t = p.Task(n.Task)
		}
		v.Unit = cfg.UnitName(n.Unit)
		if u := cfg.Units[n.Unit]; u != nil && !u.Confirms() {
			v.ForInfo = true
		}
		for _, sub := range n.About {
			if n.Kind == plan.KindEscalation {
				v.About = append(v.About, cfg.UnitName(sub.Unit))
			}
		}
	}
	if v.loc == nil {
		v.loc = time.Local
	}
	if t != nil {
		v.Task = t.Heading()
		if n.Kind == plan.KindReminder {
			v.When = s.taskWhen(cfg, t, v.loc)
			if t.Tentative && v.When != "" {
				v.When += " (" + tr(lng, "ack.tentative") + ")"
			}
		}
		if o := cfg.Plan(n.Plan).Occurrence(n.DeadlineID); o != nil {
			v.Deadline = o.Deadline.Title
			v.ReportTo = strings.Join(cfg.UnitNames(o.To), ", ")
			tentative = o.Deadline.Tentative
		}
	}
	if n.DeadlineID != "" && !n.Event.IsZero() {
		v.Due = v.local(n.Event)
		if tentative {
			v.Due += " (" + tr(lng, "ack.tentative") + ")"
		}
		if days := int(n.At.Sub(n.Event) / (24 * time.Hour)); days > 0 && n.Kind != plan.KindDeadline {
			v.Late = tr(lng, "ack.late", days)
		}
	}
	if !n.At.IsZero() {
		v.Sent = v.local(n.At)
	}
	var err error
	if v.Received, err = s.stamp(lng, v, ack.Subject(n, store.Received), n.Unit, store.Received, "state.received"); err != nil {
		return nil, err
	}
	if ack.CanDone(n) {
		if v.Done, err = s.stamp(lng, v, ack.Subject(n, store.Done), n.Unit, store.Done, "state.done"); err != nil {
			return nil, err
		}
	}
	v.CanReceive = v.Received == nil && v.Done == nil && !v.ForInfo
	v.CanDone = ack.CanDone(n) && v.Done == nil
	if ack.CanDone(n) {
		v.ForInfo = false // a unit that must report confirms it
	}
	return v, nil
}

// signed says a plan's number, date and signer, those it has.
func signed(lng lang.Lang, p *plan.Plan) string {
	if p.Number == "" && p.Issued.IsZero() && p.Signer == "" {
		return ""
	}
	number, issued, signer := p.Number, "—", p.Signer
	if number == "" {
		number = "—"
	}
	if !p.Issued.IsZero() {
		issued = p.Issued.String()
	}
	if signer == "" {
		signer = "—"
	}
	return tr(lng, "ack.signed", number, issued, signer)
}

// nonEmpty returns the strings that are not empty.
func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// stamp returns the acknowledgement of kind by unit for subject, for
// display, or nil if there is none.
func (s *Server) stamp(lng lang.Lang, v *ackView, subject, unit string, kind store.AckKind, key string) (*ackStamp, error) {
	a, err := s.opts.Store.Ack(subject, unit, kind)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	via := a.Via
	if t := tr(lng, "via."+via); t != "via."+via { // a way the catalogue names
		via = t
	}
	return &ackStamp{Text: tr(lng, key, v.local(a.At)), By: tr(lng, "state.by", a.By, via), Note: a.Note}, nil
}

// taskWhen says when a task with dates takes place: a date alone stands
// for the whole day (a start at send_time, an end at the end of the day).
func (s *Server) taskWhen(cfg *plan.Config, t *plan.Task, loc *time.Location) string {
	lng := s.lang()
	start, last := t.Start.In(loc), t.Last.In(loc)
	startTimed := calendar.ClockOf(start) != cfg.Service.SendTime
	endTimed := calendar.ClockOf(last) != calendar.EndOfDay
	format := func(x time.Time, timed bool) string {
		if timed {
			return x.Format("02/01/2006 15:04")
		}
		return x.Format("02/01/2006")
	}
	switch t.Kind {
	case plan.OneDay:
		return tr(lng, "when.day", format(start, startTimed))
	case plan.Window:
		return tr(lng, "when.window", format(start, startTimed), format(last, endTimed))
	}
	return ""
}

// sameOrigin reports whether a browser request comes from a page of this
// server: its Origin (or, without one, its Referer) names the request's
// host or public_url's. A request with neither, or with Origin "null"
// and no Referer, passes: non-browser clients send none, and the token
// is the capability.
func (s *Server) sameOrigin(r *http.Request) bool {
	src := r.Header.Get("Origin")
	if src == "" || src == "null" {
		src = r.Header.Get("Referer")
		if src == "" {
			return true
		}
	}
	u, err := url.Parse(src)
	if err != nil || u.Host == "" {
		return false
	}
	from := hostPort(u.Host, u.Scheme)
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if from == hostPort(r.Host, scheme) {
		return true
	}
	pub, err := url.Parse(s.publicURL())
	return err == nil && pub.Host != "" && from == hostPort(pub.Host, pub.Scheme)
}

// hostPort returns host with its port, the scheme's default if none, in
// lower case.
func hostPort(host, scheme string) string {
	host = strings.ToLower(host)
	if u := (&url.URL{Host: host}); u.Port() != "" {
		return host
	}
	if scheme == "https" {
		return host + ":443"
	}
	return host + ":80"
}

// clip trims s and cuts it to at most n characters.
func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:n]))
}
