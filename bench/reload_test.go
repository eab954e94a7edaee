package bench

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/notify/outbox"
	"github.com/nhacviec/nhacviec/plan"
)

// The reload figure of SPEC §9: a 10,000-unit plan reloaded as the daemon
// does it (cmd/nhacviec/daemon.go, reload): config.Load of the file on disk,
// Scheduler.Reload, and the scheduler starting its expansion again from
// the plans' checkpoints until it goes to sleep. Goal: at most 1.5× the
// time of config.Parse alone over the same bytes in memory.
var reloadUnits = flag.Int("reload.units", 10000, "units of the reload figure's plan")

// reloadSynth is the reload figure's plan: every unit has its contact and
// three tasks, each with a reminder from EverySpecs.
func reloadSynth() Synth { return Synth{Units: *reloadUnits, TasksPerUnit: 3} }

// The daemon reloaded runs mid-year: it last sent at reloadCheckpoint and
// nothing of EverySpecs falls after it up to reloadNow, so the reload
// finds nothing to send and its time is the plan's alone.
var (
	reloadCheckpoint = time.Date(2019, time.June, 5, 9, 5, 0, 0, hcm)
	reloadNow        = time.Date(2019, time.June, 5, 9, 55, 0, 0, hcm)
)

// parseSynth parses s's YAML as the baseline does.
func parseSynth(tb testing.TB, name string, data []byte) *plan.Config {
	tb.Helper()
	cfg, diags := config.Parse(name, data, os.ReadFile)
	if diags.HasErrors() {
		tb.Fatalf("synthetic configuration:\n%s", diags.Render(lang.English))
	}
	return cfg
}

// BenchmarkBaselineParse is the reload figure's baseline: config.Parse of
// the 10,000-unit plan, already in memory. Its result then serves as the
// running configuration of BenchmarkReload in the same process, which
// saves parsing it twice a round.
func BenchmarkBaselineParse(b *testing.B) {
	s := reloadSynth()
	data := s.YAML()
	var cfg *plan.Config
	var m meter
	for b.Loop() {
		b.StopTimer()
		cfg = nil
		runtime.GC()
		b.StartTimer()
		m.run(func() { cfg = parseSynth(b, "synthetic.yaml", data) })
	}
	m.report(b, s.Units, "unit")
	configs.Lock()
	if configs.m == nil {
		configs.m = map[Synth]*plan.Config{}
	}
	configs.m[s] = cfg
	configs.Unlock()
}

// BenchmarkReload is the reload figure: from the start of config.Load to the
// scheduler's next sleep. The scheduler runs the same plan, on a real
// store, idle at reloadNow; the reload must send nothing, and the
// scheduler must then run the new configuration.
func BenchmarkReload(b *testing.B) {
	s := reloadSynth()
	path := filepath.Join(b.TempDir(), "nhacviec.yaml")
	if err := os.WriteFile(path, s.YAML(), 0o644); err != nil {
		b.Fatal(err)
	}
	running := load(b, s)
	var m meter
	for b.Loop() {
		b.StopTimer()
		sends := &counter{}
		r := newRig(b, b.TempDir(), running, reloadNow, rigOptions{
			Checkpoint: reloadCheckpoint,
			Wrap:       func(box notify.Notifier) notify.Notifier { sends.next = box; return sends },
		})
		r.start()
		r.waitIdle(b, 10*time.Minute)
		runtime.GC()
		b.StartTimer()
		var cfg *plan.Config
		m.run(func() {
			var diags config.Diagnostics
			cfg, diags = config.Load(path)
			if diags.HasErrors() {
				b.Fatalf("reload:\n%s", diags.Render(lang.English))
			}
			r.sched.Reload(cfg)
			r.waitIdle(b, 10*time.Minute)
		})
		b.StopTimer()
		if got := r.sched.Config(); got != cfg {
			b.Fatal("scheduler still runs the configuration from before the reload")
		}
		if n := sends.count(); n != 0 {
			b.Fatalf("got %d messages sent around the reload, want none", n)
		}
		r.stop(b)
		b.StartTimer()
	}
	m.report(b, s.Units, "unit")
}

// BenchmarkReloadExpand is a part of the reload figure, reported to
// explain it: the expansion started again from the checkpoint, up to its
// first notification (compiling the rules, then seeking each to the
// checkpoint).
func BenchmarkReloadExpand(b *testing.B) {
	cfg := load(b, reloadSynth())
	var m meter
	for b.Loop() {
		m.run(func() {
			if _, ok := cfg.Expand(reloadCheckpoint, time.Time{}).Next(); !ok {
				b.Fatal("the plan has nothing after the checkpoint")
			}
		})
	}
	m.report(b, *reloadUnits, "unit")
}

// BenchmarkRules is Config.Rules on the same plan: it compiles every rule
// to count them, and the scheduler and the daemon each call it to log a
// reload, besides the compilation of the expansion itself.
func BenchmarkRules(b *testing.B) {
	cfg := load(b, reloadSynth())
	var m meter
	for b.Loop() {
		m.run(func() {
			if cfg.Rules() == 0 {
				b.Fatal("no rules")
			}
		})
	}
	m.report(b, *reloadUnits, "unit")
}

// counter counts the messages it passes on.
type counter struct {
	next notify.Notifier
	mu   sync.Mutex
	n    int
}

func (c *counter) Notify(ctx context.Context, m *notify.Message) error {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
	return c.next.Notify(ctx, m)
}

func (c *counter) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// gate passes messages on, but holds the one numbered holdAt (from 1)
// until it is released: a test can then act while the scheduler is in the
// middle of a batch of due messages.
type gate struct {
	next    notify.Notifier
	held    chan struct{}
	release chan struct{}

	mu     sync.Mutex
	holdAt int
	calls  int
}

func (g *gate) Notify(ctx context.Context, m *notify.Message) error {
	g.mu.Lock()
	g.calls++
	hold := g.calls == g.holdAt
	g.mu.Unlock()
	if hold {
		g.held <- struct{}{}
		<-g.release
	}
	return g.next.Notify(ctx, m)
}

func (g *gate) count() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.calls
}

func (g *gate) hold(n int) {
	g.mu.Lock()
	g.holdAt = n
	g.mu.Unlock()
}

// reloadTestConfig has four units reminded at 08:00 and 12:00 every day:
// batches of four messages due at the same instant.
const reloadTestConfig = `service:
  timezone: Asia/Ho_Chi_Minh
channels: {}
units:
  a: {name: Đơn vị A, contacts: [{name: Cán bộ A, email: a@example.vn}]}
  b: {name: Đơn vị B, contacts: [{name: Cán bộ B, email: b@example.vn}]}
  c: {name: Đơn vị C, contacts: [{name: Cán bộ C, email: c@example.vn}]}
  d: {name: Đơn vị D, contacts: [{name: Cán bộ D, email: d@example.vn}]}
plans:
  - id: p
    title: Kế hoạch thử tải lại
    year: 2019
    owner: a
    tasks:
      - id: sang
        title: Việc buổi sáng
        lead: [a, b, c, d]
        remind:
          - every: "0 8 * * *"
      - id: chieu
        title: Việc buổi chiều
        lead: [a, b, c, d]
        remind:
          - every: "0 12 * * *"
`

// TestReloadRepeatsNothing is the correctness half of the reload row:
// the same plan is reloaded three times from its file, each time while
// messages are due, and every message is still sent exactly once.
//
// Each round holds the scheduler in the middle of the 08:00 batch (the
// second of its four messages), moves the clock to 12:00 and reloads: the
// scheduler finishes the batch, then takes the reload and starts again from
// the checkpoint (08:00), where the messages already sent must be passed
// over and those of 12:00 sent.
func TestReloadRepeatsNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "nhacviec.yaml")
	if err := os.WriteFile(path, []byte(reloadTestConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	loadFile := func() *plan.Config {
		cfg, diags := config.Load(path)
		if len(diags) > 0 {
			t.Fatalf("test configuration: got diagnostics, want none:\n%s", diags.Render(lang.English))
		}
		return cfg
	}
	const perBatch, rounds = 4, 3
	day := time.Date(2019, time.March, 4, 0, 0, 0, 0, hcm)
	g := &gate{held: make(chan struct{}), release: make(chan struct{})}
	r := newRig(t, t.TempDir(), loadFile(), day.Add(7*time.Hour), rigOptions{
		Checkpoint: day.Add(7 * time.Hour),
		Wrap:       func(box notify.Notifier) notify.Notifier { g.next = box; return g },
	})
	r.start()
	r.waitIdle(t, time.Minute)
	for round := range rounds {
		d := day.AddDate(0, 0, round)
		r.asleep(t)
		g.hold(2*perBatch*round + 2)
		r.clock.Set(d.Add(8 * time.Hour))
		select {
		case <-g.held:
		case <-time.After(10 * time.Second):
			t.Fatalf("round %d: the 08:00 batch did not start", round)
		}
		r.clock.Set(d.Add(12 * time.Hour))
		cfg := loadFile()
		r.sched.Reload(cfg)
		g.release <- struct{}{}
		next := r.waitIdle(t, time.Minute)
		// The next day's reminders at the latest (the owner's digest may
		// come first).
		if want := d.AddDate(0, 0, 1).Add(8 * time.Hour); next.IsZero() || next.After(want) {
			t.Errorf("round %d: got next due %s, want %s at the latest", round, next, want)
		}
		if r.sched.Config() != cfg {
			t.Errorf("round %d: the scheduler still runs the configuration from before the reload", round)
		}
		if got, want := g.count(), 2*perBatch*(round+1); got != want {
			t.Fatalf("round %d: got %d messages sent so far, want %d", round, got, want)
		}
	}
	want := 2 * perBatch * rounds
	checkSent(t, r, want)
	r.stop(t)
	written := journal(t, r.box.Dir())
	if len(written) != want {
		t.Errorf("got %d messages in the outbox, want %d", len(written), want)
	}
	for id, n := range written {
		if n != 1 {
			t.Errorf("message %s written %d times, want once", id, n)
		}
	}
}

// journal counts the writes of each message id in the outbox's journal.
func journal(tb testing.TB, dir string) map[string]int {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(dir, outbox.JournalName))
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 5 {
			tb.Fatalf("journal line %q: got %d fields, want 5", sc.Text(), len(f))
		}
		out[f[3]]++
	}
	return out
}
