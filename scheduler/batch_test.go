package scheduler

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"path/filepath"
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

// keyLinks are links recorded under "tok-ID" (LinkKeys), as ack.Links
// are under their tokens.
type keyLinks struct{}

func (keyLinks) AckURL(n *plan.Notification) string { return "http://x.example/a/tok-" + n.ID }
func (keyLinks) AckCode(*plan.Notification) string  { return "1234" }
func (keyLinks) Keys(n *plan.Notification) []string { return []string{"tok-" + n.ID} }

// manyUnits is a plan with one reminder to each of units units, all due
// at 10/11/2019 08:00.
func manyUnits(t *testing.T, units int) *plan.Config {
	t.Helper()
	var b strings.Builder
	b.WriteString("service:\n  catchup: 48h\n  retry_for: 2h\nunits:\n")
	b.WriteString("  boss: {name: Lãnh đạo, contacts: [{email: boss@example.vn}]}\n")
	var lead []string
	for i := range units {
		fmt.Fprintf(&b, "  u%03d: {name: Đơn vị %d, contacts: [{email: u%03d@example.vn}]}\n", i, i, i)
		lead = append(lead, fmt.Sprintf("u%03d", i))
	}
	b.WriteString("plans:\n  - id: p\n    title: Kế hoạch thử\n    year: 2019\n    owner: boss\n    tasks:\n")
	fmt.Fprintf(&b, "      - {id: t, title: T, lead: [%s], remind: [{on: \"10/11 08:00\"}]}\n", strings.Join(lead, ", "))
	cfg, diags := config.Parse("test.yaml", []byte(b.String()), func(string) ([]byte, error) { return nil, fs.ErrNotExist })
	if diags.HasErrors() {
		t.Fatalf("config does not load:\n%s", diags.Render(lang.English))
	}
	return cfg
}

// TestBurstLinksRecordedBeforeSending: a burst larger than a batch is sent
// once per unit, on several workers, and the links of every message are in
// the store before the message is handed to its channel.
func TestBurstLinksRecordedBeforeSending(t *testing.T) {
	const units = 2*batchSize + 7
	cfg := manyUnits(t, units)
	clock := NewFakeClock(at("10/11/2019 07:00"))
	db, err := store.Open(filepath.Join(t.TempDir(), "nhacviec.db"), store.Options{Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rec := &recorder{fail: func(m *notify.Message) error {
		payload, err := db.Token("tok-" + m.ID)
		if err != nil {
			return notify.Permanent(fmt.Errorf("link of %s not recorded before sending: %w", m.ID, err))
		}
		var n plan.Notification
		if json.Unmarshal(payload, &n) != nil || n.ID != m.ID {
			return notify.Permanent(fmt.Errorf("link of %s stands for %s", m.ID, payload))
		}
		if !strings.Contains(m.Text, "http://x.example/a/tok-"+m.ID) {
			return notify.Permanent(fmt.Errorf("message %s has no link:\n%s", m.ID, m.Text))
		}
		return nil
	}}
	s := New(cfg, Options{Clock: clock, Store: db, Links: keyLinks{}, Workers: 3,
		Notifiers: map[string]notify.Notifier{plan.ChannelEmail: rec}})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	<-clock.Waits
	if clock.Set(at("10/11/2019 08:01")) > 0 {
		<-clock.Waits
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, u := range rec.ids() {
		seen[u]++
	}
	if len(seen) != units {
		t.Errorf("got messages to %d units, want %d", len(seen), units)
	}
	for u, c := range seen {
		if c != 1 {
			t.Errorf("unit %s got %d messages, want 1", u, c)
		}
	}
	var failed []string
	err = db.Deliveries(func(d store.Delivery) error {
		if d.State != store.Sent {
			failed = append(failed, d.Key+": "+string(d.State)+" "+d.LastError)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(failed) > 0 {
		t.Errorf("deliveries not sent:\n%s", strings.Join(failed, "\n"))
	}
}

// gate is a notifier that holds every message until released, counting
// what it was given.
type gate struct {
	mu      sync.Mutex
	started chan string
	release chan struct{}
	got     map[string]int
}

func (g *gate) Notify(ctx context.Context, m *notify.Message) error {
	g.started <- m.ID
	<-g.release
	g.mu.Lock()
	defer g.mu.Unlock()
	g.got[m.ID]++
	return nil
}

// TestStopLeavesQueuedIntents: a stop in the middle of a burst lets the
// sends in flight finish and sends nothing more; the messages whose intent
// was recorded but which were still queued are sent at the next start,
// and every message goes out exactly once over the two runs.
func TestStopLeavesQueuedIntents(t *testing.T) {
	const units = batchSize + 10
	cfg := manyUnits(t, units)
	dir := t.TempDir()
	path := filepath.Join(dir, "nhacviec.db")
	clock := NewFakeClock(at("10/11/2019 07:00"))
	db, err := store.Open(path, store.Options{Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	g := &gate{started: make(chan string, units), release: make(chan struct{}), got: map[string]int{}}
	s := New(cfg, Options{Clock: clock, Store: db, Workers: 2, Notifiers: map[string]notify.Notifier{plan.ChannelEmail: g}})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	<-clock.Waits
	clock.Set(at("10/11/2019 08:01"))
	// Both workers are sending; the rest of the first batch is queued.
	<-g.started
	<-g.started
	inflight, err := db.InFlight()
	if err != nil {
		t.Fatal(err)
	}
	if len(inflight) < batchSize {
		t.Fatalf("got %d intents recorded while the first two are sent, want the whole batch (%d)", len(inflight), batchSize)
	}
	cancel()
	close(g.release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if c := len(g.got); c != 2 {
		t.Fatalf("got %d messages sent before the stop, want the 2 in flight", c)
	}
	db.Close()

	// The next start sends the rest, once each.
	db, err = store.Open(path, store.Options{Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s = New(cfg, Options{Clock: clock, Store: db, Workers: 2, Notifiers: map[string]notify.Notifier{plan.ChannelEmail: g}})
	ctx, cancel = context.WithCancel(context.Background())
	go func() { done <- s.Run(ctx) }()
	go func() {
		for range g.started {
		}
	}()
	select {
	case <-clock.Waits:
	case <-time.After(10 * time.Second):
		t.Fatal("the restarted scheduler did not go to sleep")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	close(g.started)
	if len(g.got) != units {
		t.Errorf("got %d messages over the two runs, want %d", len(g.got), units)
	}
	for id, c := range g.got {
		if c != 1 {
			t.Errorf("message %s sent %d times, want once", id, c)
		}
	}
	inflight, err = db.InFlight()
	if err != nil {
		t.Fatal(err)
	}
	if len(inflight) != 0 {
		t.Errorf("got %d deliveries still in flight, want 0", len(inflight))
	}
}

// TestTemplateFallbackSent: a message on which the plan's own wording
// fails goes out in the embedded wording, and the failure is logged in
// the audit trail for the officer.
func TestTemplateFallbackSent(t *testing.T) {
	base := strings.Replace(baseConfig, "    owner: boss\n", `    owner: boss
    templates:
      reminder:
        subject: '{{if eq .Unit "Đơn vị B"}}{{.Deadline.Title}}{{else}}Việc: {{.Task.Title}}{{end}}'
`, 1)
	cfg := parseWith(t, base, `- {id: t, title: T, lead: [a, b], on: "20/11 08:00", remind: [{before: 1d}]}`)
	h := newHarness(t, cfg, at("19/11/2019 07:00"), "")
	h.start()
	h.set(at("19/11/2019 08:00"))
	subjects := map[string]string{}
	for _, m := range h.rec.notices() {
		subjects[m.Unit] = m.Subject
	}
	if got := subjects["a"]; got != "Việc: T" {
		t.Errorf("a: subject %q, want the plan's wording", got)
	}
	if got := subjects["b"]; !strings.HasPrefix(got, "[Nhắc việc]") {
		t.Errorf("b: subject %q, want the embedded wording", got)
	}
	var events []string
	if err := h.db.Events(time.Time{}, func(e store.Event) error {
		events = append(events, e.What+" "+e.Detail)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 || !strings.HasPrefix(events[0], "template ") || !strings.Contains(events[0], "Deadline") {
		t.Errorf("audit events %q, want the template's failure", events)
	}
	h.stop()
}
