// Command idle measures the idle figure of SPEC §9: the daemon running the
// example plan with nothing due, at most 60 wake-ups an hour and an RSS of
// at most 30 MB.
//
//	idle [-nhacviec BIN] [-baseline BIN] [-config FILE] [-seconds N]
//	     [-settle D] [-only RE] [-keep] [-v]
//
// It starts the built daemon (nhacviec run, for real: the example plan is
// of 2019, so nothing is due) on a copy of the configuration whose
// data_dir is a fresh folder, lets it settle, then counts its context
// switches over a window, summed over all its threads from
// /proc/PID/task/*/status (voluntary: the thread slept and was woken;
// nonvoluntary: it was preempted), and scales them to an hour. RSS is
// VmRSS at the end of the window, with VmHWM, the peak since the start.
//
// The Go runtime wakes up on its own even in a program that does nothing:
// sysmon sleeps at most a minute when every P is idle (two switches a
// minute, 120 an hour), and once a program has collected garbage, a
// collection is forced every two minutes (some twenty switches each, over
// several threads). So beside the daemon, in the same window, run a
// baseline (bench/cmd/idle/baseline: a Go program that only waits for a
// signal), the baseline with GOGC=off, and the baseline with a timer every
// minute, as the scheduler sleeps at most a minute (SPEC §6); and the
// daemon under GOGC=off (GOMEMLIMIT then bounds the heap) and under
// GOMAXPROCS=1. They tell the runtime's share from the daemon's, and what
// those settings change.
//
// The window starts a little over a minute after the start: at its first
// wake-up, a minute in, the runtime's sysmon polls some fifty times at
// 20 µs before it sleeps long again (seen with strace), a burst of 10 to
// 60 switches that a long-running daemon pays once.
//
// One wake-up of a process sets several of its threads switching: the
// count of switches is the figure, as asked, but the wake-up events are
// reported beside it, counted as bursts of activity (runs of seconds with
// switches), which is what "60 an hour", one a minute, reads as.
//
// Every process prints one line in the format of `go test -bench`, which
// bench/cmd/ratio reads, then lines for people:
//
//	BenchmarkIdleDaemon 1 624 wakeups/h ... 60 events/h 13258752 rss-B ...
//	idle: daemon wakeups/hour 624 (goal ≤ 60): FAIL
//	idle: daemon rss 13.3 MB, peak 13.3 MB (goal ≤ 30): PASS
//	idle: daemon wake-up events/hour 60 (bursts, the goal read as events: ≤ 60): PASS
//
// A goal missed is reported, not turned into an exit status; the status
// is 1 only when the measure could not be made (a process would not start
// or died), 2 for bad flags.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The goals of SPEC §9 for the idle daemon.
const (
	goalWakeupsPerHour = 60
	goalRSSMB          = 30 // MB of 10^6 bytes
)

// variant is one process measured in the window.
type variant struct {
	name   string // benchmark name, without "Benchmark"
	label  string // name in the report
	daemon bool   // nhacviec run; otherwise the baseline program
	env    []string
	args   []string
}

// variants are measured side by side, in the same window. The settings
// tried are the runtime's own knobs that bear on an idle process: GOGC=off
// stops the collection forced every two minutes (a memory limit then
// bounds the heap instead), GOMAXPROCS=1 leaves one P, which could spare
// the second thread that a wake-up rouses to look for work.
var variants = []variant{
	{name: "IdleDaemon", label: "daemon", daemon: true},
	{name: "IdleDaemonGCOff", label: "daemon GOGC=off GOMEMLIMIT=24MiB", daemon: true, env: []string{"GOGC=off", "GOMEMLIMIT=24MiB"}},
	{name: "IdleDaemonOneProc", label: "daemon GOMAXPROCS=1", daemon: true, env: []string{"GOMAXPROCS=1"}},
	{name: "IdleBaseline", label: "baseline"},
	{name: "IdleBaselineGCOff", label: "baseline GOGC=off", env: []string{"GOGC=off"}},
	{name: "IdleBaselineMinute", label: "baseline waking every minute", args: []string{"-tick", "1m"}},
}

// runtimeEnv are the variables a variant sets; inherited values are dropped
// so that every process runs with the settings it is labelled with.
var runtimeEnv = []string{"GOGC", "GOMEMLIMIT", "GOMAXPROCS", "GODEBUG"}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("idle", flag.ContinueOnError)
	fs.SetOutput(stderr)
	defSeconds := 120
	if s := os.Getenv("IDLE_SECONDS"); s != "" {
		if n, err := strconv.Atoi(s); err == nil && n > 0 {
			defSeconds = n
		}
	}
	var (
		nhacviec = fs.String("nhacviec", "bench/out/nhacviec", "the daemon `binary`")
		baseline = fs.String("baseline", "bench/out/idle-baseline", "the baseline `binary` (bench/cmd/idle/baseline)")
		config   = fs.String("config", "config.example.yaml", "the configuration `file`; its data_dir is replaced")
		seconds  = fs.Int("seconds", defSeconds, "length of the measured window (default $IDLE_SECONDS, else 120)")
		settle   = fs.Duration("settle", 65*time.Second, "wait after every process is ready, before the window (see the package comment)")
		only     = fs.String("only", "", "measure only the variants whose name matches this `regexp`")
		keep     = fs.Bool("keep", false, "keep the temporary folder (configurations, data, logs)")
		verbose  = fs.Bool("v", false, "print each process's context switches second by second")
	)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *seconds <= 0 || fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	var chosen []variant
	for _, v := range variants {
		if *only != "" {
			if ok, err := regexp.MatchString(*only, v.name); err != nil {
				fmt.Fprintf(stderr, "idle: -only: %v\n", err)
				return 2
			} else if !ok {
				continue
			}
		}
		chosen = append(chosen, v)
	}
	if len(chosen) == 0 {
		fmt.Fprintln(stderr, "idle: -only matches no variant")
		return 2
	}
	example, err := os.ReadFile(*config)
	if err != nil {
		fmt.Fprintf(stderr, "idle: %v\n", err)
		return 1
	}
	tmp, err := os.MkdirTemp("", "nhacviec-idle-")
	if err != nil {
		fmt.Fprintf(stderr, "idle: %v\n", err)
		return 1
	}
	if *keep {
		fmt.Fprintf(stderr, "idle: keeping %s\n", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	// The processes run in folders of their own.
	for _, bin := range []*string{nhacviec, baseline} {
		if *bin, err = filepath.Abs(*bin); err != nil {
			fmt.Fprintf(stderr, "idle: %v\n", err)
			return 1
		}
	}
	m := &measure{
		nhacviec: *nhacviec, baseline: *baseline, example: example, tmp: tmp,
		window: time.Duration(*seconds) * time.Second, settle: *settle, verbose: *verbose,
		stdout: stdout, stderr: stderr,
	}
	if err := m.run(chosen); err != nil {
		fmt.Fprintf(stderr, "idle: %v\n", err)
		return 1
	}
	return 0
}

// measure is one run of the figure.
type measure struct {
	nhacviec, baseline string
	example            []byte
	tmp                string
	window, settle     time.Duration
	verbose            bool
	stdout, stderr     io.Writer
}

// proc is one process measured.
type proc struct {
	v        variant
	cmd      *exec.Cmd
	log      string
	exited   chan struct{}
	waitErr  error
	start    sample
	end      sample
	seconds  []int64 // the switches of every second of the window
	duration time.Duration
}

func (m *measure) run(chosen []variant) error {
	var procs []*proc
	defer func() {
		for _, p := range procs {
			p.kill()
		}
	}()
	for _, v := range chosen {
		p, err := m.startProc(v)
		if err != nil {
			return err
		}
		procs = append(procs, p)
	}
	for _, p := range procs {
		if err := p.ready(time.Minute); err != nil {
			return err
		}
	}
	fmt.Fprintf(m.stderr, "idle: %d processes ready; settling %s, then measuring %s\n", len(procs), m.settle, m.window)
	time.Sleep(m.settle)

	t0 := time.Now()
	for _, p := range procs {
		if err := p.sample(&p.start); err != nil {
			return err
		}
	}
	last := make([]int64, len(procs))
	for i, p := range procs {
		last[i] = p.start.total()
	}
	for tick := time.Second; tick <= m.window; tick += time.Second {
		time.Sleep(time.Until(t0.Add(tick)))
		for i, p := range procs {
			var s sample
			if err := p.sample(&s); err != nil {
				return err
			}
			p.seconds = append(p.seconds, s.total()-last[i])
			last[i] = s.total()
			if tick == m.window {
				p.end = s
			}
		}
	}
	elapsed := time.Since(t0)
	for _, p := range procs {
		p.duration = elapsed
		if err := p.stop(20 * time.Second); err != nil {
			fmt.Fprintf(m.stderr, "idle: %s: %v\n", p.v.label, err)
		}
	}
	for _, p := range procs {
		m.report(p)
	}
	return nil
}

// startProc starts v with its own folder under m.tmp.
func (m *measure) startProc(v variant) (*proc, error) {
	dir := filepath.Join(m.tmp, v.name)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, err
	}
	var cmd *exec.Cmd
	if v.daemon {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		cfg, err := rewriteConfig(m.example, filepath.Join(dir, "data"), port)
		if err != nil {
			return nil, err
		}
		path := filepath.Join(dir, "nhacviec.yaml")
		if err := os.WriteFile(path, cfg, 0o640); err != nil {
			return nil, err
		}
		cmd = exec.Command(m.nhacviec, "run", "-c", path)
	} else {
		cmd = exec.Command(m.baseline, v.args...)
	}
	cmd.Dir = dir
	cmd.Env = append(cleanEnv(os.Environ()), v.env...)
	p := &proc{v: v, cmd: cmd, log: filepath.Join(dir, "log.txt"), exited: make(chan struct{})}
	log, err := os.Create(p.log)
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		log.Close()
		return nil, fmt.Errorf("start %s: %w", v.label, err)
	}
	go func() {
		p.waitErr = cmd.Wait()
		log.Close()
		close(p.exited)
	}()
	return p, nil
}

// ready waits until a daemon has logged its start; a baseline is ready
// once started.
func (p *proc) ready(timeout time.Duration) error {
	limit := time.Now().Add(timeout)
	for {
		select {
		case <-p.exited:
			return fmt.Errorf("%s exited at start (%v); its output:\n%s", p.v.label, p.waitErr, p.output())
		default:
		}
		if !p.v.daemon || bytes.Contains(p.output(), []byte("nhacviec started")) {
			return nil
		}
		if time.Now().After(limit) {
			return fmt.Errorf("%s did not log its start within %s; its output:\n%s", p.v.label, timeout, p.output())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (p *proc) output() []byte {
	data, _ := os.ReadFile(p.log)
	return data
}

func (p *proc) sample(s *sample) error {
	select {
	case <-p.exited:
		return fmt.Errorf("%s exited during the window (%v); its output:\n%s", p.v.label, p.waitErr, p.output())
	default:
	}
	var err error
	*s, err = readSample("/proc", p.cmd.Process.Pid)
	if err != nil {
		return fmt.Errorf("%s: %w", p.v.label, err)
	}
	return nil
}

// stop sends SIGTERM and waits for the exit, which must be clean: the
// daemon stops with status 0 (SPEC §6).
func (p *proc) stop(timeout time.Duration) error {
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	select {
	case <-p.exited:
		if p.waitErr != nil {
			return fmt.Errorf("stopped with %v; its output:\n%s", p.waitErr, p.output())
		}
		return nil
	case <-time.After(timeout):
		p.kill()
		return fmt.Errorf("did not stop within %s of SIGTERM", timeout)
	}
}

func (p *proc) kill() {
	select {
	case <-p.exited:
	default:
		p.cmd.Process.Kill()
		<-p.exited
	}
}

// report prints p's line for the ratio tool and its lines for people.
func (m *measure) report(p *proc) {
	d := diff(p.start, p.end)
	hours := p.duration.Hours()
	perHour := func(n int64) float64 { return float64(n) / hours }
	wph := perHour(d.switches.total())
	rssMB := float64(p.end.rssKB) * 1024 / 1e6
	hwmMB := float64(p.end.hwmKB) * 1024 / 1e6
	cpuMS := float64(d.cpuTicks) * 1000 / clockTicks
	eph := perHour(int64(events(p.seconds)))
	fmt.Fprintf(m.stdout, "Benchmark%s 1 %.0f wakeups/h %.0f voluntary/h %.0f nonvoluntary/h %.0f events/h %d rss-B %d peak-rss-B %.0f cpu-ms/h %d threads\n",
		p.v.name, wph, perHour(d.switches.voluntary), perHour(d.switches.nonvoluntary), eph,
		p.end.rssKB*1024, p.end.hwmKB*1024, cpuMS/hours, len(p.end.switches))
	verdict := func(ok bool) string {
		if ok {
			return "PASS"
		}
		return "FAIL"
	}
	if p.v.daemon {
		fmt.Fprintf(m.stdout, "idle: %s wakeups/hour %.0f (goal ≤ %d): %s\n", p.v.label, wph, goalWakeupsPerHour, verdict(wph <= goalWakeupsPerHour))
		fmt.Fprintf(m.stdout, "idle: %s rss %.1f MB, peak %.1f MB (goal ≤ %d): %s\n", p.v.label, rssMB, hwmMB, goalRSSMB, verdict(rssMB <= goalRSSMB))
		fmt.Fprintf(m.stdout, "idle: %s wake-up events/hour %.0f (bursts, the goal read as events: ≤ %d): %s\n", p.v.label, eph, goalWakeupsPerHour, verdict(eph <= goalWakeupsPerHour))
	} else {
		fmt.Fprintf(m.stdout, "idle: %s wakeups/hour %.0f, wake-up events/hour %.0f, rss %.1f MB (no goal: the Go runtime alone)\n", p.v.label, wph, eph, rssMB)
	}
	fmt.Fprintf(m.stdout, "  %d switches in %s (%d voluntary, %d nonvoluntary), %d threads",
		d.switches.total(), p.duration.Round(time.Second), d.switches.voluntary, d.switches.nonvoluntary, len(p.end.switches))
	if d.gone > 0 || d.born > 0 {
		fmt.Fprintf(m.stdout, " (%d started, %d ended during the window: the switches of those are partly lost)", d.born, d.gone)
	}
	fmt.Fprintf(m.stdout, "; cpu %.0f ms\n  seconds with switches (+offset:count): %s\n", cpuMS, bursts(p.seconds, m.verbose))
}

// events counts the bursts of activity: runs of seconds with switches,
// each ended by a second without. One wake-up of the process (a timer
// firing, say) sets several threads switching, often across the edge of
// a second; it is one event.
func events(seconds []int64) int {
	n := 0
	for i, c := range seconds {
		if c > 0 && (i == 0 || seconds[i-1] == 0) {
			n++
		}
	}
	return n
}

// bursts lists the seconds of the window that had context switches, at
// most 40 unless all is set.
func bursts(seconds []int64, all bool) string {
	var parts []string
	for i, n := range seconds {
		if n == 0 {
			continue
		}
		if len(parts) == 40 && !all {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, fmt.Sprintf("+%d:%d", i+1, n))
	}
	if parts == nil {
		return "none"
	}
	return strings.Join(parts, " ")
}

// clockTicks is USER_HZ, the unit of utime and stime in /proc: 100 on
// every Linux architecture Go supports.
const clockTicks = 100

// cleanEnv drops the runtime settings from env.
func cleanEnv(env []string) []string {
	var out []string
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		drop := false
		for _, r := range runtimeEnv {
			drop = drop || k == r
		}
		if !drop {
			out = append(out, kv)
		}
	}
	return out
}

var (
	dataDirLine = regexp.MustCompile(`(?m)^([ \t]+data_dir:)[ \t]*[^#\n]*`)
	listenLine  = regexp.MustCompile(`(?m)^([ \t]+listen:)[ \t]*[^#\n]*`)
)

// rewriteConfig points the configuration's data_dir at dataDir and its
// listen address at a free loopback port, so that several daemons run side
// by side, each on its own store. Comments are kept.
func rewriteConfig(data []byte, dataDir string, port int) ([]byte, error) {
	if n := len(dataDirLine.FindAllIndex(data, -1)); n != 1 {
		return nil, fmt.Errorf("rewrite configuration: got %d data_dir lines, want 1", n)
	}
	data = dataDirLine.ReplaceAll(data, []byte("${1} "+strconv.Quote(dataDir)+" "))
	if n := len(listenLine.FindAllIndex(data, -1)); n > 1 {
		return nil, fmt.Errorf("rewrite configuration: got %d listen lines, want at most 1", n)
	}
	return listenLine.ReplaceAll(data, []byte(fmt.Sprintf("${1} 127.0.0.1:%d ", port))), nil
}

// freePort returns a loopback port free at the time of the call.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}
