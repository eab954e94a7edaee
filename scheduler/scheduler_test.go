package scheduler

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

var hcm, _ = time.LoadLocation("Asia/Ho_Chi_Minh")

func at(s string) time.Time {
	t, err := time.ParseInLocation("02/01/2006 15:04", s, hcm)
	if err != nil {
		panic(err)
	}
	return t
}

const baseConfig = `
service:
  catchup: 48h
  retry_for: 2h
units:
  a: {name: Đơn vị A, contacts: [{email: a@example.vn}]}
  b: {name: Đơn vị B, contacts: [{email: b@example.vn}]}
  boss: {name: Lãnh đạo, contacts: [{email: boss@example.vn}]}
plans:
  - id: p
    title: Kế hoạch thử
    year: 2019
    owner: boss
    tasks:
`

func parse(t *testing.T, tasks string) *plan.Config {
	t.Helper()
	return parseWith(t, baseConfig, tasks)
}

// parseWith loads base with tasks appended under its only plan.
func parseWith(t *testing.T, base, tasks string) *plan.Config {
	t.Helper()
	var b strings.Builder
	b.WriteString(base)
	for _, l := range strings.Split(strings.Trim(tasks, "\n"), "\n") {
		b.WriteString("      " + l + "\n")
	}
	cfg, diags := config.Parse("test.yaml", []byte(b.String()), func(string) ([]byte, error) { return nil, fs.ErrNotExist })
	if diags.HasErrors() {
		t.Fatalf("config does not load:\n%s", diags.Render(lang.English))
	}
	return cfg
}

// recorder is a notifier that records what it is given and answers with
// fail, when set.
type recorder struct {
	mu   sync.Mutex
	got  []*notify.Message
	fail func(m *notify.Message) error
}

func (r *recorder) Notify(ctx context.Context, m *notify.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail != nil {
		if err := r.fail(m); err != nil {
			return err
		}
	}
	r.got = append(r.got, m)
	return nil
}

// ids lists the units messages went to, sorted: messages due at the same
// instant go out in parallel, in any order.
func (r *recorder) ids() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, m := range r.got {
		out = append(out, m.Unit)
	}
	sort.Strings(out)
	return out
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.got)
}

// notices returns the messages other than the owner's digests, which the
// tests of digest_test.go check.
func (r *recorder) notices() []*notify.Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []*notify.Message
	for _, m := range r.got {
		if m.Headers["X-Nhacviec-Kind"] != string(notify.KindDigest) {
			out = append(out, m)
		}
	}
	return out
}

// harness runs a scheduler on a fake clock and a real store.
type harness struct {
	t      *testing.T
	clock  *FakeClock
	db     *store.DB
	rec    *recorder
	sched  *Scheduler
	cancel context.CancelFunc
	done   chan error
}

func newHarness(t *testing.T, cfg *plan.Config, start time.Time, dir string) *harness {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	clock := NewFakeClock(start)
	db, err := store.Open(filepath.Join(dir, "nhacviec.db"), store.Options{Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, clock: clock, db: db, rec: &recorder{}, done: make(chan error, 1)}
	h.sched = New(cfg, Options{Clock: clock, Store: db, Notifiers: map[string]notify.Notifier{plan.ChannelEmail: h.rec, plan.ChannelSMS: h.rec}})
	return h
}

func (h *harness) start() {
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	go func() { h.done <- h.sched.Run(ctx) }()
	h.idle()
}

// idle waits until the scheduler goes to sleep.
func (h *harness) idle() {
	h.t.Helper()
	select {
	case <-h.clock.Waits:
	case err := <-h.done:
		h.t.Fatalf("scheduler stopped: %v", err)
	case <-time.After(5 * time.Second):
		h.t.Fatal("scheduler did not go to sleep within 5 s")
	}
}

// set moves the clock and waits for the scheduler to act and sleep again.
func (h *harness) set(t time.Time) {
	h.t.Helper()
	if h.clock.Set(t) > 0 {
		h.idle()
	}
}

func (h *harness) stop() {
	h.t.Helper()
	h.cancel()
	if err := <-h.done; err != nil {
		h.t.Fatalf("scheduler: %v", err)
	}
	h.db.Close()
}

func (h *harness) state(n plan.Notification, ch string) store.State {
	h.t.Helper()
	d, err := h.db.Delivery(store.DeliveryKey(n.ID, ch))
	if errors.Is(err, store.ErrNotFound) {
		return ""
	}
	if err != nil {
		h.t.Fatal(err)
	}
	return d.State
}

func expand(cfg *plan.Config) []plan.Notification {
	var out []plan.Notification
	it := cfg.Expand(time.Date(2019, 1, 1, 0, 0, 0, 0, hcm), time.Date(2020, 1, 1, 0, 0, 0, 0, hcm))
	for n, ok := it.Next(); ok; n, ok = it.Next() {
		out = append(out, n)
	}
	return out
}

func TestSendsOnTimeAndOnce(t *testing.T) {
	cfg := parse(t, `- {id: t, title: T, lead: [a], support: [b], on: "20/11 08:00", remind: [{at: start}, {before: 1d}]}`)
	h := newHarness(t, cfg, at("18/11/2019 12:00"), "")
	h.start()
	if n := h.rec.count(); n != 0 {
		t.Fatalf("got %d messages before anything is due, want 0", n)
	}
	h.set(at("19/11/2019 07:29"))
	if n := h.rec.count(); n != 0 {
		t.Fatalf("got %d messages a minute early, want 0", n)
	}
	h.set(at("19/11/2019 07:31"))
	if got := strings.Join(h.rec.ids(), ","); got != "a,b" {
		t.Fatalf("after the 19/11 07:30 reminder: got %q, want a,b", got)
	}
	h.set(at("20/11/2019 09:00"))
	if got := strings.Join(h.rec.ids(), ","); got != "a,a,b,b" {
		t.Fatalf("after the 20/11 08:00 reminder: got %q, want a,a,b,b", got)
	}
	for _, n := range expand(cfg) {
		if s := h.state(n, plan.ChannelEmail); s != store.Sent {
			t.Errorf("%s %s: got state %q, want sent", n.Rule, n.Unit, s)
		}
	}
	h.stop()

	// A restart sends nothing again.
	dir := filepath.Dir(h.db.Path())
	h2 := newHarness(t, cfg, at("20/11/2019 10:00"), dir)
	h2.start()
	h2.set(at("21/11/2019 10:00"))
	if n := h2.rec.count(); n != 0 {
		t.Errorf("after a restart: got %d messages, want 0", n)
	}
	h2.stop()
}

func TestCatchupAndMissed(t *testing.T) {
	cfg := parse(t, `- {id: t, title: T, lead: [a], remind: [{on: "10/11 08:00"}, {on: "12/11 08:00"}, {on: "13/11 08:00"}]}`)
	dir := t.TempDir()
	h := newHarness(t, cfg, at("09/11/2019 12:00"), dir)
	h.start()
	h.stop()
	// Down from 09/11 to 13/11 12:00: 10/11 is more than 48h late (missed),
	// 12/11 and 13/11 are within catchup (sent once, late).
	h2 := newHarness(t, cfg, at("13/11/2019 12:00"), dir)
	h2.start()
	ns := expand(cfg)
	want := []store.State{store.Missed, store.Sent, store.Sent}
	for i, n := range ns {
		if got := h2.state(n, plan.ChannelEmail); got != want[i] {
			t.Errorf("%s: got %q, want %q", n.Rule, got, want[i])
		}
	}
	if n := len(h2.rec.notices()); n != 2 {
		t.Errorf("got %d messages sent on catch-up, want 2", n)
	}
	h2.stop()
}

func TestRetriesThenSucceeds(t *testing.T) {
	cfg := parse(t, `- {id: t, title: T, lead: [a], remind: [{on: "10/11 08:00"}]}`)
	h := newHarness(t, cfg, at("10/11/2019 07:00"), "")
	fails := 2
	h.rec.fail = func(*notify.Message) error {
		if fails > 0 {
			fails--
			return notify.Temporary(errors.New("451 try again later"))
		}
		return nil
	}
	h.start()
	h.set(at("10/11/2019 08:00"))
	n := expand(cfg)[0]
	if s := h.state(n, plan.ChannelEmail); s != store.Retrying {
		t.Fatalf("after one temporary failure: got %q, want retrying", s)
	}
	h.set(at("10/11/2019 08:02"))
	h.set(at("10/11/2019 08:06"))
	d, err := h.db.Delivery(store.DeliveryKey(n.ID, plan.ChannelEmail))
	if err != nil {
		t.Fatal(err)
	}
	if d.State != store.Sent || d.Attempts != 3 {
		t.Errorf("got %s after %d attempts, want sent after 3", d.State, d.Attempts)
	}
	if c := h.rec.count(); c != 1 {
		t.Errorf("got %d messages delivered, want 1", c)
	}
	h.stop()
}

func TestFailures(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		// clock steps after the due time
		steps []string
	}{
		{"permanent", notify.Permanent(errors.New("550 no such user")), nil},
		{"temporary past retry_for", notify.Temporary(errors.New("connection refused")), []string{"10/11/2019 09:00", "10/11/2019 10:00", "10/11/2019 11:00"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := parse(t, `- {id: t, title: T, lead: [a], remind: [{on: "10/11 08:00"}]}`)
			h := newHarness(t, cfg, at("10/11/2019 07:00"), "")
			h.rec.fail = func(*notify.Message) error { return tc.err }
			h.start()
			h.set(at("10/11/2019 08:00"))
			for _, s := range tc.steps {
				h.set(at(s))
			}
			n := expand(cfg)[0]
			d, err := h.db.Delivery(store.DeliveryKey(n.ID, plan.ChannelEmail))
			if err != nil {
				t.Fatal(err)
			}
			if d.State != store.Failed || !strings.Contains(d.LastError, tc.err.Error()) {
				t.Errorf("got %s (%q), want failed with %q", d.State, d.LastError, tc.err)
			}
			h.stop()
		})
	}
}

func TestConditionalSkippedAfterDone(t *testing.T) {
	cfg := parse(t, `
- id: t
  title: T
  lead: [a, b]
  deadlines:
    - {title: R, due: "20/11 17:00", overdue_every: 1d, overdue_max: 2, escalate: [{after: 1d, to: [boss]}]}`)
	h := newHarness(t, cfg, at("20/11/2019 12:00"), "")
	h.start()
	var did string
	for _, n := range expand(cfg) {
		did = n.DeadlineID
	}
	if _, _, err := h.db.RecordAck(store.Ack{Subject: did, Unit: "a", Kind: store.Done, By: "test", Via: "cli", At: at("20/11/2019 13:00"), Plan: "p", Task: "t"}); err != nil {
		t.Fatal(err)
	}
	h.set(at("20/11/2019 17:01"))
	h.set(at("21/11/2019 17:01"))
	h.set(at("22/11/2019 17:01"))
	var got []string
	for _, m := range h.rec.notices() {
		got = append(got, m.Unit)
	}
	// a reported done: only b gets the two overdue notices (20/11 and
	// 21/11 17:00), and the escalation to boss (21/11 17:00) names b alone.
	// Messages due at the same instant go out in parallel, in any order.
	sort.Strings(got)
	if strings.Join(got, ",") != "b,b,boss" {
		t.Errorf("got messages to %v, want b, b, boss", got)
	}
	for _, m := range h.rec.got {
		if m.Unit == "boss" && (!strings.Contains(m.Text, "Đơn vị B") || strings.Contains(m.Text, "Đơn vị A")) {
			t.Errorf("escalation text names the wrong units:\n%s", m.Text)
		}
	}
	for _, n := range expand(cfg) {
		if n.Unit == "a" && h.state(n, plan.ChannelEmail) != store.Skipped {
			t.Errorf("overdue %d to a: got %q, want skipped", n.Seq, h.state(n, plan.ChannelEmail))
		}
	}
	h.stop()
}

func TestInFlightResentOnce(t *testing.T) {
	cfg := parse(t, `- {id: t, title: T, lead: [a], remind: [{on: "10/11 08:00"}]}`)
	dir := t.TempDir()
	h := newHarness(t, cfg, at("10/11/2019 08:00"), dir)
	n := expand(cfg)[0]
	// A crash between the intent and the outcome leaves the record in
	// flight: the next start sends it again, once.
	if _, ok, err := h.db.Begin(store.Delivery{Key: store.DeliveryKey(n.ID, plan.ChannelEmail), ID: n.ID, Channel: plan.ChannelEmail, Plan: "p", Task: "t", Unit: "a", Kind: "reminder", Due: n.At, Payload: mustJSON(t, n)}); err != nil || !ok {
		t.Fatalf("begin: %v %v", ok, err)
	}
	h.db.Close()
	h2 := newHarness(t, cfg, at("10/11/2019 08:05"), dir)
	h2.start()
	h2.set(at("10/11/2019 08:10"))
	if c := h2.rec.count(); c != 1 {
		t.Errorf("got %d messages after the crash, want 1", c)
	}
	if s := h2.state(n, plan.ChannelEmail); s != store.Sent {
		t.Errorf("got %q, want sent", s)
	}
	h2.stop()
}

func TestReload(t *testing.T) {
	cfg := parse(t, `
- {id: keep, title: K, lead: [a], remind: [{on: "10/11 08:00"}]}
- {id: move, title: M, lead: [a], remind: [{on: "10/11 09:00"}]}
- {id: drop, title: D, lead: [a], remind: [{on: "10/11 10:00"}]}`)
	h := newHarness(t, cfg, at("10/11/2019 07:00"), "")
	h.start()
	h.sched.Reload(parse(t, `
- {id: keep, title: K renamed, lead: [a], remind: [{on: "10/11 08:00"}]}
- {id: move, title: M, lead: [a], remind: [{on: "10/11 11:00"}]}
- {id: add, title: A, lead: [b], remind: [{on: "10/11 08:30"}]}`))
	h.idle()
	h.set(at("10/11/2019 12:00"))
	var got []string
	for _, m := range h.rec.got {
		got = append(got, m.Unit+":"+m.Subject)
	}
	if len(got) != 3 {
		t.Fatalf("got %d messages %v, want 3: keep, add and the moved one", len(got), got)
	}
	h.stop()
}

func TestClockJumpBack(t *testing.T) {
	cfg := parse(t, `- {id: t, title: T, lead: [a], remind: [{on: "10/11 08:00"}]}`)
	h := newHarness(t, cfg, at("10/11/2019 07:00"), "")
	h.start()
	h.set(at("10/11/2019 08:30"))
	h.set(at("10/11/2019 07:30")) // the clock is set back an hour
	h.set(at("10/11/2019 08:31"))
	if c := h.rec.count(); c != 1 {
		t.Errorf("got %d messages across a clock jump back, want 1", c)
	}
	h.stop()
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPausedTaskSkipped(t *testing.T) {
	cfg := parse(t, `
- {id: keep, title: K, lead: [a], remind: [{on: "10/11 08:00"}]}
- {id: hold, title: H, lead: [b], remind: [{on: "10/11 08:00"}]}`)
	h := newHarness(t, cfg, at("10/11/2019 07:00"), "")
	if err := h.db.SetPaused("p", "hold", true); err != nil {
		t.Fatal(err)
	}
	h.start()
	h.set(at("10/11/2019 08:01"))
	if got := strings.Join(h.rec.ids(), ","); got != "a" {
		t.Errorf("got messages to %q, want only a (the task of b is paused)", got)
	}
	for _, n := range expand(cfg) {
		want := store.Sent
		if n.Task == "hold" {
			want = store.Skipped
		}
		if got := h.state(n, plan.ChannelEmail); got != want {
			t.Errorf("%s: got %q, want %q", n.Task, got, want)
		}
	}
	h.stop()
}
