package bench

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/internal/cputime"
	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/notify/outbox"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// The dispatch figure: N notifications, one unit each with one email
// contact, all due at the same instant, delivered by the daemon's path
// (scheduler, bbolt store, outbox) until every one is recorded Sent.
//
// SPEC §9 sets its goal (≥ 0.9× a bare go-mail client) for a real SMTP
// server; for the outbox it sets none, so this figure is reported without
// a goal. Its baseline is the transport alone: the same messages, rendered
// beforehand, written by the same outbox.Outbox (the same files, each
// synced and renamed into place, the same journal), with no scheduler and
// no store. The ratio is therefore the price of everything the daemon adds
// per message: expanding the plan, rendering, encoding the notification,
// and the store's writes: the intents of each batch of 64 with their
// acknowledgement links in one synced bbolt commit, and each outcome a
// synced commit shared by the workers that finish together. A second
// baseline renders inside its timer, with the same links but no store to
// record them in, to tell the rendering from the bookkeeping.
var dispatchN = flag.Int("dispatch.n", 2000, "notifications of the dispatch figure")

// dispatchDue is when every notification of the dispatch figure is due: a
// Tuesday that is no holiday.
var dispatchDue = time.Date(2019, time.March, 5, 8, 0, 0, 0, hcm)

// dispatchSynth is a plan of n units with one task each, reminded daily at
// 08:00 by email: n notifications at dispatchDue.
func dispatchSynth(n int) Synth { return Synth{Units: n, TasksPerUnit: 1, Every: "0 8 * * *"} }

// dispatchRig is a rig whose clock stands at dispatchDue, with every plan
// checkpointed there: the N notifications due at that instant, and nothing
// before it, are what the scheduler has to send.
func dispatchRig(tb testing.TB, dir string, cfg *plan.Config) *rig {
	return newRig(tb, dir, cfg, dispatchDue, rigOptions{Checkpoint: dispatchDue})
}

// dispatchNotifications returns the notifications due at dispatchDue.
func dispatchNotifications(tb testing.TB, cfg *plan.Config) []plan.Notification {
	tb.Helper()
	it := cfg.Expand(dispatchDue, dispatchDue.Add(time.Second))
	var out []plan.Notification
	for {
		n, ok := it.Next()
		if !ok {
			return out
		}
		out = append(out, n)
	}
}

// render renders every notification for its one channel, as the
// scheduler does, with the same links but without recording their tokens:
// the messages are the scheduler's, byte for byte.
func render(tb testing.TB, cfg *plan.Config, ns []plan.Notification) []*notify.Message {
	tb.Helper()
	links := ack.NewLinks(publicURL, linkSecret)
	out := make([]*notify.Message, len(ns))
	for i := range ns {
		if len(ns[i].Channels) != 1 {
			tb.Fatalf("notification %s: got channels %v, want one", ns[i].ID, ns[i].Channels)
		}
		m, err := notify.Render(cfg, &ns[i], ns[i].Channels[0], links)
		if err != nil {
			tb.Fatal(err)
		}
		out[i] = m
	}
	return out
}

// writeOutbox is the baseline's transport: each message into a new outbox
// under dir, dated dispatchDue as the daemon's outbox is by its clock.
func writeOutbox(tb testing.TB, dir string, msgs []*notify.Message) {
	tb.Helper()
	box := outbox.New(dir)
	box.Now = func() time.Time { return dispatchDue }
	ctx := context.Background()
	for _, m := range msgs {
		if err := box.Notify(ctx, m); err != nil {
			tb.Fatal(err)
		}
	}
}

// checkSent fails unless the store holds exactly n deliveries, all Sent.
func checkSent(tb testing.TB, r *rig, n int) {
	tb.Helper()
	states := r.states(tb)
	if states[store.Sent] != n || len(states) != 1 {
		tb.Fatalf("got deliveries by state %v, want %d sent and nothing else", states, n)
	}
}

// TestDispatchComparison checks that the dispatch figure and its baselines
// do the same work on a small plan: the scheduler sends one message per
// unit and records each Sent, and the two outboxes, the figure's and the
// baseline's, are the same files byte for byte, journal included, but
// for the MIME boundaries go-mail draws at random.
func TestDispatchComparison(t *testing.T) {
	const n = 25
	cfg := load(t, dispatchSynth(n))
	ns := dispatchNotifications(t, cfg)
	if len(ns) != n {
		t.Fatalf("got %d notifications due at %s, want %d", len(ns), dispatchDue, n)
	}

	r := dispatchRig(t, t.TempDir(), cfg)
	r.start()
	// The next wake-up is the next day's reminders at the latest (the
	// owner's digest may come first).
	if next, tomorrow := r.waitIdle(t, time.Minute), dispatchDue.AddDate(0, 0, 1); next.IsZero() || next.After(tomorrow) {
		t.Errorf("got next due %s, want at most the next day's reminders %s", next, tomorrow)
	}
	checkSent(t, r, n)
	r.stop(t)

	base := filepath.Join(t.TempDir(), "outbox")
	writeOutbox(t, base, render(t, cfg, ns))
	got, want := tree(t, r.box.Dir()), tree(t, base)
	// Notifications due at the same instant come in no set order.
	got[outbox.JournalName] = sortLines(got[outbox.JournalName])
	want[outbox.JournalName] = sortLines(want[outbox.JournalName])
	if len(got) != n+1 { // the messages and the journal
		t.Errorf("got %d files in the figure's outbox, want %d", len(got), n+1)
	}
	for name, data := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("figure's outbox lacks %s", name)
		} else if !bytes.Equal(normalize(g), normalize(data)) { // go-mail draws MIME boundaries at random
			t.Errorf("%s: figure's file differs from the baseline's:\n%s\nwant:\n%s", name, g, data)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("figure's outbox has %s, the baseline's does not", name)
		}
	}
}

func sortLines(data []byte) []byte {
	lines := bytes.SplitAfter(data, []byte("\n"))
	slices.SortFunc(lines, bytes.Compare)
	return bytes.Join(lines, nil)
}

// tree returns the regular files under dir by relative path.
func tree(tb testing.TB, dir string) map[string][]byte {
	tb.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		out[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// BenchmarkDispatch is the dispatch figure: from the scheduler's start to
// its first sleep, with all N messages in the outbox and recorded Sent.
// Opening the store and the checks after are not timed.
func BenchmarkDispatch(b *testing.B) {
	n := *dispatchN
	cfg := load(b, dispatchSynth(n))
	var m meter
	for b.Loop() {
		var r *rig
		m.round(b, func() { r = dispatchRig(b, b.TempDir(), cfg) },
			func() {
				r.start()
				r.waitIdle(b, 30*time.Minute)
			},
			func() {
				checkSent(b, r, n)
				r.stop(b)
			})
	}
	m.report(b, n, "msg")
}

// BenchmarkBaselineOutbox is the dispatch figure's baseline: the same N
// messages, rendered beforehand, written by an outbox, nothing else.
func BenchmarkBaselineOutbox(b *testing.B) {
	n := *dispatchN
	cfg := load(b, dispatchSynth(n))
	msgs := render(b, cfg, dispatchNotifications(b, cfg))
	if len(msgs) != n {
		b.Fatalf("got %d messages, want %d", len(msgs), n)
	}
	var m meter
	for b.Loop() {
		var dir string
		m.round(b, func() { dir = filepath.Join(b.TempDir(), "outbox") }, func() { writeOutbox(b, dir, msgs) }, nil)
	}
	m.report(b, n, "msg")
}

// BenchmarkBaselineRenderOutbox renders the N messages inside the timer,
// then writes them: the figure over it is the scheduler's and the store's
// share alone.
func BenchmarkBaselineRenderOutbox(b *testing.B) {
	n := *dispatchN
	cfg := load(b, dispatchSynth(n))
	ns := dispatchNotifications(b, cfg)
	var m meter
	for b.Loop() {
		var dir string
		m.round(b, func() { dir = filepath.Join(b.TempDir(), "outbox") }, func() { writeOutbox(b, dir, render(b, cfg, ns)) }, nil)
	}
	m.report(b, n, "msg")
}

// meter adds up the wall and CPU time of the timed parts of a benchmark
// whose loop also does untimed work (ns/op covers only the timed parts
// too, but a rate needs its own sum).
type meter struct {
	wall, cpu time.Duration
	cpuOK     bool
	runs      int
}

// round is one turn of a benchmark's loop: setup and a collection,
// untimed; op, timed and metered; after, untimed. setup and after may be
// nil.
func (m *meter) round(b *testing.B, setup, op, after func()) {
	b.StopTimer()
	if setup != nil {
		setup()
	}
	runtime.GC()
	b.StartTimer()
	m.run(op)
	b.StopTimer()
	if after != nil {
		after()
	}
	b.StartTimer()
}

func (m *meter) run(op func()) {
	cpu0, ok0 := cputime.Process()
	t0 := time.Now()
	op()
	m.wall += time.Since(t0)
	cpu1, ok1 := cputime.Process()
	m.cpu += cpu1 - cpu0
	m.cpuOK = (m.runs == 0 || m.cpuOK) && ok0 && ok1
	m.runs++
}

// report adds, for n items of unit per run: the rate (unit/s), and the
// process's CPU time per item (cpu-ns/unit), which holds still on a
// machine shared with other jobs. The CPU time is the whole process's:
// the collector's and bbolt's too.
func (m *meter) report(b *testing.B, n int, unit string) {
	if m.runs == 0 || m.wall <= 0 {
		return
	}
	items := float64(n * m.runs)
	b.ReportMetric(items/m.wall.Seconds(), unit+"/s")
	if m.cpuOK {
		b.ReportMetric(float64(m.cpu)/items, "cpu-ns/"+unit)
	}
}
