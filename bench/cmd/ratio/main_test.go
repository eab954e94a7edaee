package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// output is go test -bench output of two interleaved rounds, with a
// sub-benchmark, a failed line and chatter around it.
const output = `goos: linux
goarch: amd64
pkg: github.com/nhacviec/nhacviec/bench
BenchmarkExpandYear-2         	       1	9000000000 ns/op	   1347000 notifs/op	441533536 B/op	 2794062 allocs/op
BenchmarkBaselineCronNext-2   	       1	6000000000 ns/op	   1347000 occurrences/op	       0 B/op	       0 allocs/op
PASS
BenchmarkExpandYear-2         	       1	12000000000 ns/op	   1347000 notifs/op	441533536 B/op	 2794062 allocs/op
BenchmarkBaselineCronNext-2   	       1	5000000000 ns/op	   1347000 occurrences/op	       0 B/op	       0 allocs/op
BenchmarkExpandYear-2         	       1	10000000000 ns/op	   1347000 notifs/op	441533536 B/op	 2794062 allocs/op
BenchmarkBaselineCronNext-2   	       1	5500000000 ns/op	   1347000 occurrences/op	       0 B/op	       0 allocs/op
BenchmarkExpandHorizon/months=12-2    	       1	20832379707 ns/op	       327.8 B/notif	   8828848 live-heap-B
BenchmarkBroken-2 --- FAIL: something
ok  	github.com/nhacviec/nhacviec/bench	50.1s
`

func TestRead(t *testing.T) {
	res := &Results{Units: map[string][]string{}, Value: map[string]map[string][]float64{}}
	if err := res.read(strings.NewReader(output)); err != nil {
		t.Fatal(err)
	}
	wantNames := []string{"BenchmarkExpandYear", "BenchmarkBaselineCronNext", "BenchmarkExpandHorizon/months=12"}
	if strings.Join(res.Names, " ") != strings.Join(wantNames, " ") {
		t.Errorf("got names %q, want %q", res.Names, wantNames)
	}
	tests := []struct {
		name, unit string
		median     float64
		runs       int
	}{
		{"BenchmarkExpandYear", "ns/op", 10e9, 3},
		{"BenchmarkBaselineCronNext", "ns/op", 5.5e9, 3},
		{"BenchmarkExpandYear", "notifs/op", 1347000, 3},
		{"BenchmarkExpandHorizon/months=12", "B/notif", 327.8, 1},
		{"BenchmarkExpandHorizon/months=12", "live-heap-B", 8828848, 1},
	}
	for _, tt := range tests {
		vs := res.Value[tt.name][tt.unit]
		if len(vs) != tt.runs {
			t.Errorf("%s %s: got %d runs, want %d", tt.name, tt.unit, len(vs), tt.runs)
			continue
		}
		if got := median(vs); got != tt.median {
			t.Errorf("%s %s: got median %v, want %v", tt.name, tt.unit, got, tt.median)
		}
	}
}

func TestMedianEven(t *testing.T) {
	if got := median([]float64{4, 1, 3, 2}); got != 2.5 {
		t.Errorf("got %v, want 2.5", got)
	}
}

func TestRun(t *testing.T) {
	file := filepath.Join(t.TempDir(), "bench.txt")
	if err := os.WriteFile(file, []byte(output), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		status int
		want   []string // lines or parts of lines of the output
	}{
		{"pass", []string{"-num", "BenchmarkExpandYear", "-den", "BenchmarkBaselineCronNext", "-goal-max", "2.0", "-label", "expand/cron-next", file},
			0, []string{"expand/cron-next ratio 1.82 (goal ≤ 2.00): PASS", "median BenchmarkExpandYear 10s / median BenchmarkBaselineCronNext 5.5s; paired runs 1.50–2.40 (n=3)"}},
		{"fail is still status 0", []string{"-num", "BenchmarkExpandYear", "-den", "BenchmarkBaselineCronNext", "-goal-max", "1.5", file},
			0, []string{"ExpandYear/BaselineCronNext ratio 1.82 (goal ≤ 1.50): FAIL"}},
		{"goal-min", []string{"-num", "BenchmarkBaselineCronNext", "-den", "BenchmarkExpandYear", "-goal-min", "0.9", file},
			0, []string{"ratio 0.55 (goal ≥ 0.90): FAIL"}},
		{"no goal", []string{"-num", "BenchmarkExpandYear", "-den", "BenchmarkBaselineCronNext", file},
			0, []string{"ExpandYear/BaselineCronNext ratio 1.82 (no goal)\n"}},
		{"zero baseline", []string{"-num", "BenchmarkExpandYear", "-den", "BenchmarkBaselineCronNext", "-metric", "allocs/op", file},
			2, nil},
		{"other metric", []string{"-num", "BenchmarkExpandYear", "-den", "BenchmarkBaselineCronNext", "-metric", "notifs/op", file},
			2, nil}, // not a metric of the baseline
		{"table", []string{"-match", "Horizon", file},
			0, []string{"BenchmarkExpandHorizon/months=12", "live-heap-B", "8828848"}},
		{"missing benchmark", []string{"-num", "BenchmarkNope", "-den", "BenchmarkBaselineCronNext", file}, 2, nil},
		{"num without den", []string{"-num", "BenchmarkExpandYear", file}, 2, nil},
		{"missing file", []string{filepath.Join(t.TempDir(), "nope.txt")}, 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			status := run(tt.args, strings.NewReader(""), &stdout, &stderr)
			if status != tt.status {
				t.Fatalf("got status %d, want %d; stderr:\n%s", status, tt.status, stderr.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(stdout.String(), w) {
					t.Errorf("got output\n%s\nwant it to contain %q", stdout.String(), w)
				}
			}
		})
	}
}
