package web

import (
	"cmp"
	"net/http"
	"slices"
	"time"

	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/progress"
	"github.com/nhacviec/nhacviec/report"
	"github.com/nhacviec/nhacviec/store"
)

// The officer's dashboard (admin only, see auth.go):
//
//   - GET /: the dashboard of the plan, or the list of plans if there are
//     several; GET /plan/{id}: the dashboard of one plan.
//   - POST /plan/{id}/ack: record an acknowledgement on a unit's behalf
//     (Via "dashboard"), idempotently.
//   - POST /plan/{id}/pause: pause or resume a task.
//   - POST /plan/{id}/receipt: record on a unit's behalf that it received
//     the plan or a reminder (receipts.go).
//
// The forms carry a CSRF token (csrf.go). A POST answers with a redirect
// (303) to the dashboard, which says what was done: reloading the page
// never posts again.

// pauseStore is what pausing asks of the store.
type pauseStore interface {
	SetPaused(plan, task string, paused bool) error
	PausedTasks() (map[string]bool, error)
}

// Dashboard limits.
const (
	pastShown     = 2  // past occurrences of a deadline in the matrix, besides those with a unit still late
	aheadShown    = 3  // coming occurrences of a deadline in the matrix
	nextShown     = 12 // coming notifications listed
	problemsShown = 25 // failed and missed deliveries listed
)

func (s *Server) dashboardRoutes(mux *http.ServeMux) {
	mux.Handle("GET /{$}", s.member(http.HandlerFunc(s.handleHome)))
	mux.Handle("GET /plan/{id}", s.member(http.HandlerFunc(s.handleDashboard)))
	mux.Handle("POST /plan/{id}/ack", s.member(http.HandlerFunc(s.handleDashboardAck)))
	mux.Handle("POST /plan/{id}/pause", s.member(http.HandlerFunc(s.handlePause)))
	mux.Handle("POST /plan/{id}/receipt", s.member(http.HandlerFunc(s.handleReceipt)))
}

func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	cfg := s.config()
	switch {
	case cfg == nil || len(cfg.Plans) == 0:
		s.pageError(w, r, Errorf(EUNAVAILABLE, "error.noplan"))
	case len(cfg.Plans) == 1:
		s.dashboard(w, r, cfg, cfg.Plans[0])
	default:
		s.planList(w, r, cfg)
	}
}

func (s *Server) handleDashboard(w http.ResponseWriter, r *http.Request) {
	cfg, p, err := s.planOf(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.dashboard(w, r, cfg, p)
}

// planOf returns the configuration in force and its plan named in the path.
func (s *Server) planOf(r *http.Request) (*plan.Config, *plan.Plan, error) {
	cfg := s.config()
	if cfg == nil {
		return nil, nil, Errorf(EUNAVAILABLE, "error.noplan")
	}
	p := cfg.Plan(r.PathValue("id"))
	if p == nil {
		return nil, nil, Errorf(ENOTFOUND, "error.noplanid")
	}
	return cfg, p, nil
}

// planLoc is the time zone of a plan's dates.
func planLoc(cfg *plan.Config, p *plan.Plan) *time.Location {
	switch {
	case p != nil && p.Location != nil:
		return p.Location
	case cfg.Service.Location != nil:
		return cfg.Service.Location
	}
	return time.Local
}

// snapshot is the store's deliveries and acknowledgements, read once per
// page for the report, the matrix and the list of failures.
type snapshot struct {
	deliveries []store.Delivery
	acks       []store.Ack
}

func readSnapshot(st boardStore) (*snapshot, error) {
	sn := &snapshot{}
	all := func(*store.Delivery) bool { return true }
	if err := st.DeliveriesWith(all, func(d store.Delivery) error { sn.deliveries = append(sn.deliveries, d); return nil }); err != nil {
		return nil, err
	}
	if err := st.Acks(func(a store.Ack) error { sn.acks = append(sn.acks, a); return nil }); err != nil {
		return nil, err
	}
	return sn, nil
}

// DeliveriesWith calls fn with every delivery, each with its payload.
func (sn *snapshot) DeliveriesWith(_ func(*store.Delivery) bool, fn func(store.Delivery) error) error {
	for _, d := range sn.deliveries {
		if err := fn(d); err != nil {
			return err
		}
	}
	return nil
}

// Acks calls fn with every acknowledgement.
func (sn *snapshot) Acks(fn func(store.Ack) error) error {
	for _, a := range sn.acks {
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}

// dashboardView is the dashboard page.
type dashboardView struct {
	Plans         []planLink // every plan, when there are several
	ID            string     // the plan's id: the links to its history
	Title         string
	Issuer        string
	Number        string
	Period        string
	Now           string
	Reload        *reloadView
	Result        string
	Summary       summaryView
	Timeline      timelineView
	LateUnits     []lateUnitView // the late reports by unit, which a phone shows instead of the matrix
	LateFine      int            // the units that report and are late with nothing
	Receipts      receiptsView
	Zalo          []zaloText // today's notifications, as text for a Zalo group
	Matrix        matrixView
	Next          []nextView
	Problems      []problemView
	ProblemsMore  int
	Locks         []lockView // phone numbers locked out of SMS replies
	Feeds         []feedView
	PlanFeed      string
	Form          ackFormView
	CSRF          string
	PauseAction   string
	ReceiptAction string
	Account       string // the account signed in on the login page: a logout button
	EditURL       string // the editor of the plan's tasks, for those who may edit it
}

type planLink struct {
	Title, URL, Period string
	Current            bool
	Overdue            int
}

type reloadView struct {
	Failed bool
	At     string
	Errors []string
}

type summaryView struct {
	Overdue, Done, Sent, Pending, Failed, Missed int
	Outbox                                       int // kept in the outbox, not sent
}

// nextView is one line of the coming notifications: those that go at
// one time, of one kind, for one task.
type nextView struct {
	At, Kind, Task string
	Units          []string
	Conditional    bool // sent only to units that have not reported by then
	Paused         bool
}

type problemView struct {
	At, State, Kind, Task, Unit, Channel, Error string
	Failed                                      bool
}

type feedView struct{ Name, URL string }

type ackFormView struct {
	Action string
	Occs   []option
	Units  []option
	Done   bool // which kind is ticked
}

type option struct {
	Value, Label string
	Selected     bool
}

// dashboard renders the dashboard of p.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request, cfg *plan.Config, p *plan.Plan) {
	v, err := s.dashboardView(r, cfg, p)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v.CSRF = s.csrfToken(w, r)
	if a, ok := s.sessionAccount(r); ok {
		v.Account = a.Name
	}
	s.render(w, r, http.StatusOK, "dashboard", v)
}

func (s *Server) dashboardView(r *http.Request, cfg *plan.Config, p *plan.Plan) (*dashboardView, error) {
	lang := s.lang()
	loc := planLoc(cfg, p)
	now := s.opts.Now()
	local := func(t time.Time) string { return t.In(loc).Format("02/01/2006 15:04") }
	base := "/plan/" + p.ID
	v := &dashboardView{
		ID: p.ID, Title: p.Title, Issuer: p.Issuer, Number: p.Number,
		Period:        p.From.String() + " – " + p.To.String(),
		Now:           local(now),
		PlanFeed:      s.PlanFeedURL(p.ID),
		PauseAction:   base + "/pause",
		ReceiptAction: base + "/receipt",
	}
	if canEdit(accountOf(r), p.ID) {
		v.EditURL = base + "/edit"
	}
	if s.opts.LastReload != nil {
		if at, ok, errs := s.opts.LastReload(); !ok {
			v.Reload = &reloadView{Failed: true, Errors: errs}
			if !at.IsZero() {
				v.Reload.At = local(at)
			}
		}
	}

	sn, err := readSnapshot(s.opts.Store)
	if err != nil {
		return nil, err
	}
	paused, err := s.opts.Store.PausedTasks()
	if err != nil {
		return nil, err
	}
	idx := progress.IndexOf(cfg)
	board, err := progress.Read(idx, sn)
	if err != nil {
		return nil, err
	}
	// The matrix shows the occurrences the board judges; the timeline
	// every due time of the plan.
	occs := board.Plan(p.ID, now)

	// The matrix, and the lateness of each task for the timeline.
	late := map[string]int{}
	for _, o := range occs {
		for _, u := range o.By {
			switch st := board.State(o.ID, u, now); {
			case st.Late():
				late[o.Task.ID]++
				v.Summary.Overdue++
			case st == progress.Done:
				v.Summary.Done++
			}
		}
	}
	v.Matrix = s.matrix(cfg, p, occs, board, now, local)
	v.LateUnits, v.LateFine = s.lateByUnit(cfg, p, occs, board, now, local)
	v.Receipts = s.receipts(cfg, p, sn, now, local)
	if v.Zalo, err = s.zaloTexts(cfg, p, board, sentIDs(sn), now); err != nil {
		return nil, err
	}
	v.Timeline = s.timeline(cfg, p, loc, idx.Plan(p.ID), late, paused, now)

	// What was sent, what failed, what comes.
	rep, err := report.Build(cfg, sn, now, 50*nextShown)
	if err != nil {
		return nil, err
	}
	for _, row := range rep.Rows {
		if row.Plan == p.ID {
			v.Summary.Sent += row.Sent
			v.Summary.Outbox += row.Outbox
			v.Summary.Pending += row.Pending
			v.Summary.Failed += row.Failed
			v.Summary.Missed += row.Missed
		}
	}
	// The notifications that go at once for one thing make one line.
	for _, n := range rep.Next {
		if n.Plan != p.ID {
			continue
		}
		task := p.Task(n.Task)
		title := tr(lang, "dash.distribution")
		if task != nil {
			title = task.Heading()
		}
		at, kind := local(n.At), tr(lang, "kind."+string(n.Kind))
		if last := len(v.Next) - 1; last >= 0 && v.Next[last].At == at && v.Next[last].Kind == kind && v.Next[last].Task == title {
			v.Next[last].Units = append(v.Next[last].Units, cfg.UnitName(n.Unit))
			continue
		}
		if len(v.Next) == nextShown {
			break
		}
		v.Next = append(v.Next, nextView{At: at, Kind: kind, Task: title, Units: []string{cfg.UnitName(n.Unit)},
			Conditional: n.Kind == plan.KindOverdue || n.Kind == plan.KindEscalation,
			Paused:      n.Task != "" && paused[store.PauseKey(p.ID, n.Task)]})
	}
	v.Problems, v.ProblemsMore = s.problems(cfg, p, sn, local)
	v.Locks = s.lockViews(cfg)

	// Calendar feeds of every unit the plan concerns.
	concerned := map[string]bool{}
	if p.Distribute != nil {
		for _, u := range p.Distribute.To {
			concerned[u] = true
		}
	}
	for _, t := range p.Tasks {
		for _, u := range slices.Concat(t.Lead, t.Support) {
			concerned[u] = true
		}
		for _, d := range t.Deadlines {
			for _, u := range slices.Concat(d.By, d.To) {
				concerned[u] = true
			}
		}
	}
	for _, u := range cfg.UnitOrder {
		if concerned[u] {
			v.Feeds = append(v.Feeds, feedView{Name: cfg.UnitName(u), URL: s.UnitFeedURL(u)})
		}
	}

	// The on-behalf form, filled in from the cell clicked, or else with
	// the first late cell.
	q := r.URL.Query()
	selOcc, selUnit := q.Get("o"), q.Get("u")
	if selOcc == "" {
		selOcc, selUnit = v.Matrix.firstLate()
	}
	v.Form = ackFormView{Action: base + "/ack", Done: q.Get("k") != string(store.Received)}
	for _, c := range v.Matrix.Cols {
		v.Form.Occs = append(v.Form.Occs, option{Value: c.ID, Label: c.Due + " — " + c.Title + " (" + c.Ref + ")", Selected: c.ID == selOcc})
	}
	for _, row := range v.Matrix.Rows {
		v.Form.Units = append(v.Form.Units, option{Value: row.Unit, Label: row.Name, Selected: row.Unit == selUnit})
	}
	v.Result = s.resultText(cfg, idx, q, local)

	if len(cfg.Plans) > 1 {
		for _, other := range cfg.Plans {
			v.Plans = append(v.Plans, planLink{Title: other.Title, URL: "/plan/" + other.ID, Current: other == p})
		}
	}
	return v, nil
}

// problems lists the failed and missed deliveries of p, the newest first.
func (s *Server) problems(cfg *plan.Config, p *plan.Plan, sn *snapshot, local func(time.Time) string) ([]problemView, int) {
	lang := s.lang()
	var list []store.Delivery
	for _, d := range sn.deliveries {
		if d.Plan == p.ID && (d.State == store.Failed || d.State == store.Missed) {
			list = append(list, d)
		}
	}
	// Newest first: by the time each was due to be sent, then by when it
	// was recorded.
	slices.SortFunc(list, func(a, b store.Delivery) int {
		if c := b.Due.Compare(a.Due); c != 0 {
			return c
		}
		if c := b.Updated.Compare(a.Updated); c != 0 {
			return c
		}
		return cmp.Compare(a.Key, b.Key)
	})
	more := max(len(list)-problemsShown, 0)
	list = list[:min(len(list), problemsShown)]
	out := make([]problemView, 0, len(list))
	for _, d := range list {
		task := d.Task
		if t := p.Task(d.Task); t != nil {
			task = t.Heading()
		}
		out = append(out, problemView{
			At: local(d.Due), State: tr(lang, "delivery."+string(d.State)), Failed: d.State == store.Failed,
			Kind: tr(lang, "kind."+d.Kind), Task: task, Unit: cfg.UnitName(d.Unit), Channel: d.Channel,
			Error: s.opts.Scrubber.String(d.LastError),
		})
	}
	return out, more
}

// planList renders the list of plans, with their overdue counts.
func (s *Server) planList(w http.ResponseWriter, r *http.Request, cfg *plan.Config) {
	board, err := progress.Read(progress.IndexOf(cfg), s.opts.Store)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	overdue := map[string]int{}
	for o := range board.Late(s.opts.Now()) {
		overdue[o.Plan]++
	}
	var links []planLink
	for _, p := range cfg.Plans {
		links = append(links, planLink{Title: p.Title, URL: "/plan/" + p.ID, Period: p.From.String() + " – " + p.To.String(),
			Overdue: overdue[p.ID]})
	}
	s.render(w, r, http.StatusOK, "plans", links)
}
