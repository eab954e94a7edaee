package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// writeProc lays out a fake /proc/<pid> with the given threads.
func writeProc(t *testing.T, root string, pid int, rss, hwm string, utime, stime string, threads map[string][2]string) {
	t.Helper()
	dir := filepath.Join(root, strconv.Itoa(pid))
	mustWrite(t, filepath.Join(dir, "status"), "Name:\tnhacviec\nVmHWM:\t"+hwm+"\nVmRSS:\t"+rss+"\nThreads:\t2\nvoluntary_ctxt_switches:\t1\nnonvoluntary_ctxt_switches:\t0\n")
	mustWrite(t, filepath.Join(dir, "stat"), "42 (nhac viec) S 1 42 42 0 -1 4194560 10 0 0 0 "+utime+" "+stime+" 0 0 20 0 2 0 100 0 0\n")
	for tid, sw := range threads {
		mustWrite(t, filepath.Join(dir, "task", tid, "status"), "Name:\tnhacviec\nvoluntary_ctxt_switches:\t"+sw[0]+"\nnonvoluntary_ctxt_switches:\t"+sw[1]+"\n")
	}
}

func mustWrite(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestSampleAndDiff(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	writeProc(t, a, 42, "14520 kB", "18000 kB", "7", "3", map[string][2]string{"42": {"10", "1"}, "43": {"5", "0"}, "44": {"2", "2"}})
	writeProc(t, b, 42, "14600 kB", "18000 kB", "9", "4", map[string][2]string{"42": {"15", "1"}, "43": {"9", "2"}, "45": {"3", "0"}})
	sa, err := readSample(a, 42)
	if err != nil {
		t.Fatal(err)
	}
	sb, err := readSample(b, 42)
	if err != nil {
		t.Fatal(err)
	}
	if sa.rssKB != 14520 || sa.hwmKB != 18000 || sa.cpuTicks != 10 {
		t.Errorf("got rss %d kB, hwm %d kB, cpu %d ticks; want 14520, 18000, 10", sa.rssKB, sa.hwmKB, sa.cpuTicks)
	}
	if got := sa.total(); got != 20 {
		t.Errorf("got %d switches in the first sample, want 20", got)
	}
	d := diff(sa, sb)
	// Thread 42: +5, thread 43: +4 +2, thread 45 (new): +3; thread 44 ended.
	want := delta{switches: switches{voluntary: 12, nonvoluntary: 2}, gone: 1, born: 1, cpuTicks: 3}
	if d != want {
		t.Errorf("got %+v, want %+v", d, want)
	}
}

func TestSampleErrors(t *testing.T) {
	root := t.TempDir()
	writeProc(t, root, 42, "14520", "18000 kB", "1", "1", nil)
	if _, err := readSample(root, 42); err == nil || !strings.Contains(err.Error(), "VmRSS") {
		t.Errorf("got error %v, want one about VmRSS", err)
	}
	if _, err := readSample(root, 7); err == nil {
		t.Error("got no error for a missing process")
	}
}

func TestRewriteConfig(t *testing.T) {
	in := "service:\n  timezone: Asia/Ho_Chi_Minh\n  data_dir: ./data                    # the store\n  listen: 127.0.0.1:8080   # pages\nplans: []\n"
	out, err := rewriteConfig([]byte(in), "/tmp/x y/data", 40123)
	if err != nil {
		t.Fatal(err)
	}
	want := "service:\n  timezone: Asia/Ho_Chi_Minh\n  data_dir: \"/tmp/x y/data\" # the store\n  listen: 127.0.0.1:40123 # pages\nplans: []\n"
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	if _, err := rewriteConfig([]byte("service:\n  timezone: UTC\n"), "/d", 1); err == nil {
		t.Error("got no error for a configuration without data_dir")
	}
}

func TestCleanEnv(t *testing.T) {
	got := cleanEnv([]string{"HOME=/root", "GOGC=50", "GODEBUG=x=1", "GOGCX=1", "GOMAXPROCS=4"})
	if strings.Join(got, " ") != "HOME=/root GOGCX=1" {
		t.Errorf("got %q, want HOME and GOGCX only", got)
	}
}

func TestEvents(t *testing.T) {
	tests := []struct {
		seconds []int64
		want    int
	}{
		{nil, 0},
		{[]int64{0, 0, 0}, 0},
		{[]int64{5, 0, 3, 4, 0, 0, 1}, 3},
		{[]int64{1, 1, 1}, 1},
	}
	for _, tt := range tests {
		if got := events(tt.seconds); got != tt.want {
			t.Errorf("events(%v): got %d, want %d", tt.seconds, got, tt.want)
		}
	}
}

func TestBursts(t *testing.T) {
	if got := bursts([]int64{0, 3, 0, 0, 7}, false); got != "+2:3 +5:7" {
		t.Errorf("got %q, want %q", got, "+2:3 +5:7")
	}
	if got := bursts([]int64{0, 0}, false); got != "none" {
		t.Errorf("got %q, want none", got)
	}
}

// TestMeasureBaseline runs the tool for two seconds on the baseline
// program, built for the test, and checks what it prints: the /proc
// reading works on a live process. Linux only.
func TestMeasureBaseline(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	bin := filepath.Join(t.TempDir(), "baseline")
	build := exec.Command("go", "build", "-o", bin, "./baseline")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build the baseline: %v\n%s", err, out)
	}
	var stdout, stderr strings.Builder
	start := time.Now()
	status := run([]string{"-baseline", bin, "-config", "../../../config.example.yaml", "-only", "^IdleBaseline(Minute)?$",
		"-seconds", "2", "-settle", "0s"}, &stdout, &stderr)
	if status != 0 {
		t.Fatalf("got status %d, want 0; stderr:\n%s", status, stderr.String())
	}
	if d := time.Since(start); d < 2*time.Second {
		t.Errorf("took %s, want at least the 2s window", d)
	}
	for _, want := range []string{"BenchmarkIdleBaseline 1 ", "BenchmarkIdleBaselineMinute 1 ", " wakeups/h ", " rss-B ",
		"idle: baseline wakeups/hour", "idle: baseline waking every minute wakeups/hour"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("got output\n%s\nwant it to contain %q", stdout.String(), want)
		}
	}
	if strings.Contains(stdout.String(), "IdleDaemon") {
		t.Errorf("got output\n%s\nwant no daemon variant (-only)", stdout.String())
	}
}

func TestFlags(t *testing.T) {
	for _, args := range [][]string{{"-seconds", "0"}, {"-only", "["}, {"-only", "NoSuchVariant"}, {"extra"}} {
		var stdout, stderr strings.Builder
		if status := run(args, &stdout, &stderr); status != 2 {
			t.Errorf("%q: got status %d, want 2", args, status)
		}
	}
}
