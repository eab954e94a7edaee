package progress

import (
	"encoding/json"
	"io/fs"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// config has a report a and b must make, due Friday 22/11/2019 17:00 with
// a day's grace (late from Saturday 17:00) and escalated two days later
// (Monday 17:00), and one c, reached by SMS alone, must make at 22:00,
// inside the quiet hours: its overdue notice waits until 07:00.
const conf = `
units:
  a: {name: A, contacts: [{email: a@example.vn}]}
  b: {name: B, contacts: [{email: b@example.vn}]}
  c: {name: C, contacts: [{phone: "0912 345 678"}]}
  boss: {name: Boss, contacts: [{email: boss@example.vn}]}
plans:
  - id: p
    title: P
    year: 2019
    owner: boss
    tasks:
      - id: t
        title: T
        lead: [a, b]
        deadlines:
          - {title: R, due: "22/11 17:00", remind: [1d], grace: 1d, escalate: [{after: 2d, to: [boss]}]}
      - id: n
        title: N
        lead: [c]
        deadlines:
          - {title: Night, due: "22/11 22:00"}
`

func parse(t *testing.T, text string) *plan.Config {
	t.Helper()
	cfg, diags := config.Parse("c.yaml", []byte(text), func(string) ([]byte, error) { return nil, fs.ErrNotExist })
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return cfg
}

func at(t *testing.T, cfg *plan.Config, s string) time.Time {
	t.Helper()
	tm, err := time.ParseInLocation("02/01/2006 15:04", s, cfg.Service.Location)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// world is a configuration, its index and a real store to fill.
type world struct {
	t     *testing.T
	cfg   *plan.Config
	idx   *Index
	db    *store.DB
	clock time.Time // the store's clock: when a delivery is sent
	// report and night are the two occurrences; notices every
	// notification of the plan.
	report, night *Occurrence
	notices       []plan.Notification
}

func newWorld(t *testing.T) *world {
	w := &world{t: t, cfg: parse(t, conf)}
	db, err := store.Open(filepath.Join(t.TempDir(), "s.db"), store.Options{Now: func() time.Time { return w.clock }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	w.db, w.idx = db, IndexOf(w.cfg)
	occs := w.idx.Plan("p")
	if len(occs) != 2 {
		t.Fatalf("got %d occurrences, want 2", len(occs))
	}
	w.report, w.night = occs[0], occs[1]
	it := w.cfg.Expand(at(t, w.cfg, "01/01/2019 00:00"), time.Time{})
	for n, ok := it.Next(); ok; n, ok = it.Next() {
		w.notices = append(w.notices, n)
	}
	return w
}

// notice returns the first notification of kind to unit.
func (w *world) notice(kind plan.Kind, unit string) plan.Notification {
	w.t.Helper()
	for _, n := range w.notices {
		if n.Kind == kind && n.Unit == unit {
			return n
		}
	}
	w.t.Fatalf("no %s notice to %s", kind, unit)
	return plan.Notification{}
}

func (w *world) ack(subject, unit string, kind store.AckKind, when string) {
	w.t.Helper()
	a := store.Ack{Subject: subject, Unit: unit, Kind: kind, Via: "cli", At: at(w.t, w.cfg, when), Plan: "p", Task: "t"}
	if _, _, err := w.db.RecordAck(a); err != nil {
		w.t.Fatal(err)
	}
}

// deliver records the delivery of n by email, in state, at when, with
// payload as the payload (n's JSON if nil).
func (w *world) deliver(n plan.Notification, state store.State, when string, payload []byte) {
	w.t.Helper()
	if payload == nil {
		var err error
		if payload, err = json.Marshal(n); err != nil {
			w.t.Fatal(err)
		}
	}
	w.clock = at(w.t, w.cfg, when)
	d := store.Delivery{ID: n.ID, Channel: plan.ChannelEmail, Plan: n.Plan, Task: n.Task, Unit: n.Unit,
		Kind: string(n.Kind), Due: n.At, Payload: payload}
	if state != store.Sent {
		d.State = state
		if err := w.db.Record(d); err != nil {
			w.t.Fatal(err)
		}
		return
	}
	if _, _, err := w.db.Begin(d); err != nil {
		w.t.Fatal(err)
	}
	if err := w.db.Finish(store.DeliveryKey(n.ID, plan.ChannelEmail), store.Sent, "", "", time.Time{}); err != nil {
		w.t.Fatal(err)
	}
}

// earlier is n as an earlier configuration sent it: an id the index does
// not know.
func earlier(n plan.Notification) plan.Notification {
	n.ID = plan.NotificationID(n.Plan, n.Task, n.Rule+"/before-an-edit", n.At, n.Unit)
	return n
}

// v1 is n's JSON in version 1, as a store of an earlier build holds it:
// the Go names of its fields.
func v1(t *testing.T, n plan.Notification) []byte {
	t.Helper()
	b, err := json.Marshal(struct {
		ID, Plan, Task, Rule, Unit, AckID, DeadlineID string
		Kind                                          plan.Kind
		Condition                                     plan.Condition
		About                                         []plan.Subject
	}{n.ID, n.Plan, n.Task, n.Rule, n.Unit, n.AckID, n.DeadlineID, n.Kind, n.Condition, n.About})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// follow records a's reminder of the report, sent: the daemon has
// followed the plan since 21/11/2019 07:30.
func (w *world) follow() {
	w.deliver(w.notice(plan.KindDeadline, "a"), store.Sent, "21/11/2019 07:30", nil)
}

func TestState(t *testing.T) {
	tests := []struct {
		name  string
		setup func(w *world)
		occ   func(w *world) string // the report's by default
		unit  string
		now   string
		want  State
		// unfollowed leaves out the record of a's reminder: the daemon
		// did not follow the plan.
		unfollowed bool
	}{
		{name: "nothing recorded, before the due time", unit: "a", now: "22/11/2019 12:00", want: NotYet},
		{name: "due, within the grace", unit: "a", now: "23/11/2019 16:59", want: NotYet},
		{name: "grace over", unit: "a", now: "23/11/2019 17:00", want: Overdue},
		{name: "overdue whether or not its notice went", unit: "b", now: "30/11/2019 12:00", want: Overdue,
			setup: func(w *world) { w.deliver(w.notice(plan.KindOverdue, "b"), store.Failed, "23/11/2019 17:00", nil) }},
		{name: "receipt of a notice", unit: "a", now: "23/11/2019 12:00", want: Received,
			setup: func(w *world) {
				w.ack(w.notice(plan.KindDeadline, "a").AckID, "a", store.Received, "21/11/2019 08:00")
			}},
		{name: "receipt on the unit's behalf", unit: "a", now: "23/11/2019 12:00", want: Received,
			setup: func(w *world) { w.ack(w.report.ID, "a", store.Received, "21/11/2019 08:00") }},
		{name: "a receipt by another unit does not count", unit: "a", now: "23/11/2019 12:00", want: NotYet,
			setup: func(w *world) {
				w.ack(w.notice(plan.KindDeadline, "a").AckID, "b", store.Received, "21/11/2019 08:00")
			}},
		{name: "received, then late", unit: "a", now: "23/11/2019 17:00", want: Overdue,
			setup: func(w *world) { w.ack(w.report.ID, "a", store.Received, "21/11/2019 08:00") }},
		{name: "done", unit: "a", now: "23/11/2019 12:00", want: Done,
			setup: func(w *world) { w.ack(w.report.ID, "a", store.Done, "22/11/2019 10:00") }},
		{name: "done by the other unit", unit: "b", now: "23/11/2019 17:00", want: Overdue,
			setup: func(w *world) { w.ack(w.report.ID, "a", store.Done, "22/11/2019 10:00") }},
		{name: "escalated", unit: "a", now: "25/11/2019 18:00", want: Escalated,
			setup: func(w *world) { w.deliver(w.notice(plan.KindEscalation, "boss"), store.Sent, "25/11/2019 17:00", nil) }},
		{name: "escalation missed", unit: "a", now: "25/11/2019 18:00", want: Overdue,
			setup: func(w *world) {
				w.deliver(w.notice(plan.KindEscalation, "boss"), store.Missed, "25/11/2019 17:00", nil)
			}},
		{name: "escalated, then done", unit: "a", now: "26/11/2019 18:00", want: Done,
			setup: func(w *world) {
				w.deliver(w.notice(plan.KindEscalation, "boss"), store.Sent, "25/11/2019 17:00", nil)
				w.ack(w.report.ID, "a", store.Done, "26/11/2019 10:00")
			}},
		{name: "escalated under an earlier configuration", unit: "b", now: "25/11/2019 18:00", want: Escalated,
			setup: func(w *world) {
				w.deliver(earlier(w.notice(plan.KindEscalation, "boss")), store.Sent, "25/11/2019 17:00", nil)
			}},
		{name: "escalated under an earlier build (payload version 1)", unit: "b", now: "25/11/2019 18:00", want: Escalated,
			setup: func(w *world) {
				n := earlier(w.notice(plan.KindEscalation, "boss"))
				w.deliver(n, store.Sent, "25/11/2019 17:00", v1(w.t, n))
			}},
		{name: "an escalation about a receipt is not about the report", unit: "b", now: "23/11/2019 12:00", want: NotYet,
			setup: func(w *world) {
				n := earlier(w.notice(plan.KindEscalation, "boss"))
				n.Condition = plan.NotAcked
				w.deliver(n, store.Sent, "23/11/2019 10:00", nil)
			}},
		{name: "SMS alone: due, inside the quiet hours", unit: "c", now: "23/11/2019 06:59", want: NotYet,
			occ: func(w *world) string { return w.night.ID }},
		{name: "SMS alone: late when its notice goes", unit: "c", now: "23/11/2019 07:00", want: Overdue,
			occ: func(w *world) string { return w.night.ID }},
		{name: "a unit that does not report it", unit: "boss", now: "30/11/2019 12:00", want: ""},
		{name: "an occurrence not in the plan", unit: "a", now: "30/11/2019 12:00", want: "",
			occ: func(*world) string { return "0123456789abcdef" }},
		{name: "a plan never followed: due, within the grace", unit: "a", now: "23/11/2019 16:59", want: NotYet, unfollowed: true},
		{name: "a plan never followed: past the grace, not judged", unit: "a", now: "23/11/2019 17:00", want: "", unfollowed: true},
		{name: "a plan first followed after the grace: not judged", unit: "a", now: "25/11/2019 18:00", want: "", unfollowed: true,
			setup: func(w *world) {
				w.deliver(w.notice(plan.KindEscalation, "boss"), store.Missed, "25/11/2019 17:00", nil)
			}},
		{name: "followed from the unit's own overdue notice", unit: "b", now: "23/11/2019 17:00", want: Overdue, unfollowed: true,
			setup: func(w *world) { w.deliver(w.notice(plan.KindOverdue, "b"), store.Sent, "23/11/2019 17:00", nil) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t)
			if !tt.unfollowed {
				w.follow()
			}
			if tt.setup != nil {
				tt.setup(w)
			}
			b, err := Read(w.idx, w.db)
			if err != nil {
				t.Fatal(err)
			}
			occ := w.report.ID
			if tt.occ != nil {
				occ = tt.occ(w)
			}
			if got := b.State(occ, tt.unit, at(t, w.cfg, tt.now)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBoardDetails(t *testing.T) {
	w := newWorld(t)
	w.follow()
	// Two receipts of a: the first counts.
	w.ack(w.notice(plan.KindDeadline, "a").AckID, "a", store.Received, "21/11/2019 09:00")
	w.ack(w.report.ID, "a", store.Received, "21/11/2019 08:00")
	w.ack(w.report.ID, "a", store.Done, "26/11/2019 10:00")
	esc := w.notice(plan.KindEscalation, "boss")
	w.deliver(esc, store.Sent, "25/11/2019 17:02", nil)
	w.deliver(earlier(esc), store.Sent, "25/11/2019 17:01", nil) // the first sent
	b, err := Read(w.idx, w.db)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		got, want time.Time
		ok        bool
	}{
		{"a's first receipt", func() time.Time { a, _ := b.Received(w.report.ID, "a"); return a.At }(), at(t, w.cfg, "21/11/2019 08:00"), true},
		{"a's report", func() time.Time { a, _ := b.Done(w.report.ID, "a"); return a.At }(), at(t, w.cfg, "26/11/2019 10:00"), true},
		{"b's first escalation", func() time.Time { at, _ := b.Escalated(w.report.ID, "b"); return at }(), at(t, w.cfg, "25/11/2019 17:01"), true},
		{"b's receipt", func() time.Time { a, _ := b.Received(w.report.ID, "b"); return a.At }(), time.Time{}, false},
	}
	for _, tt := range tests {
		if !tt.got.Equal(tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	if _, ok := b.Done(w.report.ID, "b"); ok {
		t.Errorf("b's report: found one, want none")
	}
}

func TestLate(t *testing.T) {
	type cell struct{ occ, unit string }
	tests := []struct {
		name  string
		setup func(w *world)
		now   string
		want  func(w *world) []cell
	}{
		{name: "before any grace is over", now: "22/11/2019 23:00", want: func(*world) []cell { return nil }},
		{name: "c's notice went at 07:00", now: "23/11/2019 07:00",
			want: func(w *world) []cell { return []cell{{w.night.ID, "c"}} }},
		{name: "every unit, in due order, then the plan's", now: "23/11/2019 17:00",
			want: func(w *world) []cell { return []cell{{w.report.ID, "a"}, {w.report.ID, "b"}, {w.night.ID, "c"}} }},
		{name: "who reported is not late", now: "25/11/2019 18:00",
			setup: func(w *world) {
				w.deliver(w.notice(plan.KindEscalation, "boss"), store.Sent, "25/11/2019 17:00", nil)
				w.ack(w.report.ID, "b", store.Done, "25/11/2019 17:30")
				w.ack(w.night.ID, "c", store.Received, "23/11/2019 08:00")
			},
			want: func(w *world) []cell { return []cell{{w.report.ID, "a"}, {w.night.ID, "c"}} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t)
			w.follow()
			if tt.setup != nil {
				tt.setup(w)
			}
			b, err := Read(w.idx, w.db)
			if err != nil {
				t.Fatal(err)
			}
			var got []cell
			for o, u := range b.Late(at(t, w.cfg, tt.now)) {
				got = append(got, cell{o.ID, u})
			}
			if want := tt.want(w); !slices.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

func TestIndex(t *testing.T) {
	w := newWorld(t)
	tests := []struct {
		name      string
		occ       *Occurrence
		overdueAt string
		by        []string
	}{
		{"due + grace", w.report, "23/11/2019 17:00", []string{"a", "b"}},
		{"the end of the quiet hours", w.night, "23/11/2019 07:00", []string{"c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if want := at(t, w.cfg, tt.overdueAt); !tt.occ.OverdueAt.Equal(want) {
				t.Errorf("OverdueAt: got %v, want %v", tt.occ.OverdueAt, want)
			}
			if !slices.Equal(tt.occ.By, tt.by) {
				t.Errorf("By: got %v, want %v", tt.occ.By, tt.by)
			}
			if w.idx.Occurrence(tt.occ.ID) != tt.occ {
				t.Errorf("Occurrence(%s): not the one listed", tt.occ.ID)
			}
		})
	}
	// a's notices: the reminder a day before, the overdue notice.
	var got []Notice
	for _, n := range w.notices {
		if n.Unit == "a" && n.DeadlineID == w.report.ID {
			got = append(got, Notice{AckID: n.AckID, At: n.At})
		}
	}
	if len(got) != 2 || !slices.Equal(w.report.Notices("a"), got) {
		t.Errorf("a's notices: got %v, want the 2 notices of the expansion %v", w.report.Notices("a"), got)
	}
	if w.report.Reports("boss") || !w.report.Reports("b") {
		t.Errorf("Reports: boss %v, b %v; want false, true", w.report.Reports("boss"), w.report.Reports("b"))
	}
	if IndexOf(w.cfg) != w.idx {
		t.Errorf("IndexOf: a second index of the same configuration, want the first")
	}
	other := parse(t, conf)
	if IndexOf(other) == w.idx {
		t.Errorf("IndexOf: the index of another configuration, want its own")
	}
}

func TestPlanJudged(t *testing.T) {
	tests := []struct {
		name     string
		followed bool
		now      string
		want     int
	}{
		{"followed: every occurrence", true, "30/11/2019 12:00", 2},
		{"never followed, before any is overdue", false, "22/11/2019 12:00", 2},
		{"never followed, the night's overdue", false, "23/11/2019 07:00", 1},
		{"never followed, both overdue", false, "30/11/2019 12:00", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t)
			if tt.followed {
				w.follow()
			}
			b, err := Read(w.idx, w.db)
			if err != nil {
				t.Fatal(err)
			}
			if got := b.Plan("p", at(t, w.cfg, tt.now)); len(got) != tt.want {
				t.Errorf("got %d occurrences, want %d", len(got), tt.want)
			}
		})
	}
}
