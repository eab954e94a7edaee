package bench

import (
	"fmt"
	"io/fs"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/internal/cputime"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/robfig/cron/v3"
)

// full is the size of SPEC §9, row 1: 1,000 units × 20 tasks.
var (
	full          = Synth{Units: 1000, TasksPerUnit: 20}
	fullDeadlines = Synth{Units: 1000, TasksPerUnit: 20, Deadlines: true}
)

// The year expanded, in the plan's time zone.
var (
	hcm       = mustLocation("Asia/Ho_Chi_Minh")
	yearStart = time.Date(2019, time.January, 1, 0, 0, 0, 0, hcm)
	yearEnd   = time.Date(2020, time.January, 1, 0, 0, 0, 0, hcm)
)

func mustLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// configs caches parsed synthetic configurations: parsing 20,000 tasks
// takes seconds, and every benchmark of a run uses the same ones.
var configs struct {
	sync.Mutex
	m map[Synth]*plan.Config
}

// load parses s with config.Parse over an in-memory file, and fails on any
// diagnostic: the synthetic plan must be clean, warnings included.
func load(tb testing.TB, s Synth) *plan.Config {
	tb.Helper()
	configs.Lock()
	defer configs.Unlock()
	if cfg := configs.m[s]; cfg != nil {
		return cfg
	}
	const name = "synthetic.yaml"
	data := s.YAML()
	readFile := func(n string) ([]byte, error) {
		if n == name {
			return data, nil
		}
		return nil, fs.ErrNotExist
	}
	cfg, diags := config.Parse(name, nil, readFile)
	if len(diags) > 0 {
		tb.Fatalf("synthetic configuration: got diagnostics, want none:\n%s", diags.Render(lang.English))
	}
	if configs.m == nil {
		configs.m = map[Synth]*plan.Config{}
	}
	configs.m[s] = cfg
	return cfg
}

// schedules parses s's specs the way a bare robfig user would.
func schedules(tb testing.TB, s Synth) []cron.Schedule {
	tb.Helper()
	specs := s.Specs()
	out := make([]cron.Schedule, len(specs))
	for i, spec := range specs {
		sched, err := cron.ParseStandard(spec)
		if err != nil {
			tb.Fatalf("parse %q: %v", spec, err)
		}
		out[i] = sched
	}
	return out
}

// expand drains cfg's notifications in [from, to) and counts them.
func expand(cfg *plan.Config, from, to time.Time) int {
	it := cfg.Expand(from, to)
	n := 0
	for {
		if _, ok := it.Next(); !ok {
			return n
		}
		n++
	}
}

// cronNext is the baseline: each schedule's occurrences in [from, to),
// counted with a bare loop of Next. Next is strictly after its argument,
// so the loop starts a second early to count an occurrence at from, as
// Expand does.
func cronNext(scheds []cron.Schedule, from, to time.Time) int {
	n := 0
	for _, s := range scheds {
		for t := s.Next(from.Add(-time.Second)); !t.IsZero() && t.Before(to); t = s.Next(t) {
			n++
		}
	}
	return n
}

// TestSyntheticComparison checks that the expansion benchmarks and their
// baselines do the same work, on small plans of the same shape (each unit
// has each spec once, so the mix of specs is the full plan's): one
// notification for each occurrence of each every: spec; and, for the
// deadline variant, one deadline occurrence for each occurrence of each
// due_every spec, with at most its six notifications. The deadline plan is
// smaller because its expansion is much slower (see run.sh).
func TestSyntheticComparison(t *testing.T) {
	t.Run("every", func(t *testing.T) {
		small := Synth{Units: 50, TasksPerUnit: 20}
		cfg := load(t, small)
		want := cronNext(schedules(t, small), yearStart, yearEnd)
		if want == 0 {
			t.Fatal("baseline counts no occurrence")
		}
		it := cfg.Expand(yearStart, yearEnd)
		got := 0
		perTask := map[string]int{}
		for {
			n, ok := it.Next()
			if !ok {
				break
			}
			got++
			perTask[n.Task]++
			if n.Kind != plan.KindReminder || n.Deferred || len(n.Channels) != 1 || n.Channels[0] != plan.ChannelEmail {
				t.Fatalf("notification %s of task %s: got kind %s, channels %v, deferred %t; want a reminder by email only",
					n.ID, n.Task, n.Kind, n.Channels, n.Deferred)
			}
		}
		if got != want {
			t.Errorf("got %d notifications, want %d (the baseline's occurrences)", got, want)
		}
		if len(perTask) != small.Tasks() {
			t.Errorf("got notifications of %d tasks, want %d", len(perTask), small.Tasks())
		}
	})
	t.Run("deadlines", func(t *testing.T) {
		s := Synth{Units: 20, TasksPerUnit: 20, Deadlines: true}
		cfg := load(t, s)
		occ := cronNext(schedules(t, s), yearStart, yearEnd)
		it := cfg.Expand(yearStart, yearEnd)
		got := 0
		perDue := map[string]int{}
		for {
			n, ok := it.Next()
			if !ok {
				break
			}
			got++
			if n.DeadlineID == "" {
				t.Fatalf("notification %s (%s) has no deadline id", n.ID, n.Kind)
			}
			perDue[n.DeadlineID]++
		}
		if len(perDue) != occ {
			t.Errorf("got %d deadline occurrences, want %d (the baseline's occurrences)", len(perDue), occ)
		}
		for id, k := range perDue {
			if k > 6 {
				t.Errorf("deadline occurrence %s: got %d notifications, want at most 6", id, k)
			}
		}
		// Near the ends of the year some fall outside it, and two
		// reminders landing on one day are sent once.
		if got > 6*occ || got < 4*occ {
			t.Errorf("got %d notifications for %d due times, want 4 to 6 a due time on average", got, occ)
		}
	})
}

// BenchmarkExpandYear is SPEC §9, row 1: expand a year of the 20,000-task
// plan and drain it. Compiling the rules is part of Expand, so it is timed.
func BenchmarkExpandYear(b *testing.B) { benchExpand(b, full) }

// BenchmarkBaselineCronNext is row 1's baseline: Next over the same 20,000
// specs for the same year.
func BenchmarkBaselineCronNext(b *testing.B) { benchCronNext(b, full) }

// BenchmarkExpandDeadlinesYear is the deadline variant: 20,000 recurring
// deadlines of six rules each. Reported on its own; row 1's goal is not
// about it.
func BenchmarkExpandDeadlinesYear(b *testing.B) { benchExpand(b, fullDeadlines) }

// BenchmarkBaselineDueNext is the deadline variant's baseline: Next over
// the 20,000 due_every specs.
func BenchmarkBaselineDueNext(b *testing.B) { benchCronNext(b, fullDeadlines) }

func benchExpand(b *testing.B, s Synth) {
	cfg := load(b, s)
	n := 0
	timed(b, func() { n = expand(cfg, yearStart, yearEnd) })
	b.ReportMetric(float64(n), "notifs/op")
}

func benchCronNext(b *testing.B, s Synth) {
	scheds := schedules(b, s)
	n := 0
	timed(b, func() { n = cronNext(scheds, yearStart, yearEnd) })
	b.ReportMetric(float64(n), "occurrences/op")
}

// timed runs op in the benchmark loop, after a collection so that the
// garbage of the setup (the parsed YAML) is not charged to the figure or
// its baseline. Besides ns/op it reports cpu-ns/op, the process's CPU time
// (the collector's work included): on a machine shared with other jobs the
// wall clock of a side that allocates suffers more than that of one that
// does not, as the collector waits for a core too.
func timed(b *testing.B, op func()) {
	b.ReportAllocs()
	runtime.GC()
	cpu0, cpuOK := cputime.Process()
	n := 0
	for b.Loop() {
		op()
		n++
	}
	if cpu1, ok := cputime.Process(); cpuOK && ok {
		b.ReportMetric(float64(cpu1-cpu0)/float64(n), "cpu-ns/op")
	}
}

// BenchmarkExpandHorizon shows that an expansion's memory does not grow
// with its horizon: the iterator holds one entry per rule, whatever the
// number of notifications it yields. For 1 and 12 months of the full plan
// it reports, above the heap before Expand (after a collection):
//
//   - peak-heap-B, the highest HeapInuse seen, sampled every 10,000 calls
//     of Next; it includes garbage not yet collected, so it is bounded by
//     the collector's target (GOGC), not only by what the iterator holds;
//   - live-heap-B, the highest HeapAlloc right after a forced collection,
//     at checkpoints after 10,000, 20,000, 40,000… calls: what the
//     iterator really keeps;
//   - B/notif, bytes allocated per notification, all garbage.
//
// The two drains are separate, so the forced collections of the second do
// not lower the peaks of the first.
func BenchmarkExpandHorizon(b *testing.B) {
	for _, months := range []int{1, 12} {
		b.Run(fmt.Sprintf("months=%d", months), func(b *testing.B) {
			cfg := load(b, full)
			to := yearStart.AddDate(0, months, 0)
			var peak, live, perNotif float64
			for b.Loop() {
				peak, perNotif = peakHeap(cfg, yearStart, to)
				live = liveHeap(cfg, yearStart, to)
			}
			b.ReportMetric(peak, "peak-heap-B")
			b.ReportMetric(live, "live-heap-B")
			b.ReportMetric(perNotif, "B/notif")
		})
	}
}

// peakHeap drains [from, to) and returns the highest HeapInuse growth seen
// and the bytes allocated per notification.
func peakHeap(cfg *plan.Config, from, to time.Time) (peak, perNotif float64) {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before, alloc0 := ms.HeapInuse, ms.TotalAlloc
	top := before
	it := cfg.Expand(from, to)
	n := 0
	for {
		if _, ok := it.Next(); !ok {
			break
		}
		n++
		if n%10000 == 0 {
			runtime.ReadMemStats(&ms)
			top = max(top, ms.HeapInuse)
		}
	}
	runtime.ReadMemStats(&ms)
	top = max(top, ms.HeapInuse)
	return float64(top - before), float64(ms.TotalAlloc-alloc0) / float64(max(n, 1))
}

// liveHeap drains [from, to) and returns the highest live heap growth at
// checkpoints that double, each after a forced collection.
func liveHeap(cfg *plan.Config, from, to time.Time) float64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before := int64(ms.HeapAlloc)
	top := int64(0)
	it := cfg.Expand(from, to)
	n, next := 0, 10000
	for {
		if _, ok := it.Next(); !ok {
			break
		}
		n++
		if n == next {
			next *= 2
			runtime.GC()
			runtime.ReadMemStats(&ms)
			top = max(top, int64(ms.HeapAlloc)-before)
		}
	}
	runtime.KeepAlive(it)
	return float64(top)
}
