// Command ratio reads `go test -bench` output and reports the medians of
// every benchmark's metrics and the ratio of two benchmarks against a goal,
// the way SPEC §9 states its figures: beside a baseline of the same run.
//
//	ratio [-table] [-match RE] [-num NAME -den NAME [-metric UNIT]
//	      [-goal-max X] [-goal-min X] [-label TEXT]] [FILE...]
//
// The ratio is median(num)/median(den) of one metric (ns/op by default);
// for a rate, report it as a metric of its own (b.ReportMetric(n, "msg/s"))
// and set a -goal-min. Names are written without the -GOMAXPROCS suffix.
// The paired ratios (the i-th run of num over the i-th run of den) show the
// spread when rounds were interleaved.
//
// A goal met or missed is reported, never turned into an exit status: the
// machines are noisy and CI must not fail on timing. The status is 2 only
// when ratio cannot do its job: bad flags, an unreadable file, a benchmark
// or metric missing from the output.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ratio", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		num     = fs.String("num", "", "benchmark `name` of the numerator, e.g. BenchmarkExpandYear")
		den     = fs.String("den", "", "benchmark `name` of the denominator, the baseline")
		metric  = fs.String("metric", "ns/op", "`unit` of the metric compared")
		goalMax = fs.Float64("goal-max", math.NaN(), "the ratio must be at most `X`")
		goalMin = fs.Float64("goal-min", math.NaN(), "the ratio must be at least `X`")
		label   = fs.String("label", "", "name of the figure in the report (default num/den)")
		table   = fs.Bool("table", false, "print the medians of every benchmark")
		match   = fs.String("match", "", "print only the benchmarks whose name matches this `regexp`")
	)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: ratio [flags] [FILE...]   (standard input without FILE)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if (*num == "") != (*den == "") {
		fmt.Fprintln(stderr, "ratio: -num and -den go together")
		return 2
	}
	var re *regexp.Regexp
	if *match != "" {
		var err error
		if re, err = regexp.Compile(*match); err != nil {
			fmt.Fprintf(stderr, "ratio: -match: %v\n", err)
			return 2
		}
	}
	results, err := readAll(fs.Args(), stdin)
	if err != nil {
		fmt.Fprintf(stderr, "ratio: %v\n", err)
		return 2
	}
	if *table || re != nil || *num == "" {
		printTable(stdout, results, re)
	}
	if *num == "" {
		return 0
	}
	g := goal{max: *goalMax, min: *goalMin}
	name := *label
	if name == "" {
		name = strings.TrimPrefix(*num, "Benchmark") + "/" + strings.TrimPrefix(*den, "Benchmark")
	}
	line, err := compare(results, *num, *den, *metric, g, name)
	if err != nil {
		fmt.Fprintf(stderr, "ratio: %v\n", err)
		return 2
	}
	fmt.Fprint(stdout, line)
	return 0
}

// Results holds each benchmark's values by metric unit, in run order, and
// the order in which names and units were first seen.
type Results struct {
	Names []string
	Units map[string][]string
	Value map[string]map[string][]float64
}

func readAll(files []string, stdin io.Reader) (*Results, error) {
	res := &Results{Units: map[string][]string{}, Value: map[string]map[string][]float64{}}
	if len(files) == 0 {
		return res, res.read(stdin)
	}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		err = res.read(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
	}
	return res, nil
}

// procSuffix is the -GOMAXPROCS suffix go test adds to a benchmark's name.
var procSuffix = regexp.MustCompile(`-\d+$`)

// read adds the result lines of r: a name starting with Benchmark, the
// number of iterations, then value-unit pairs. Other lines are skipped.
func (res *Results) read(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || len(f)%2 != 0 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		if _, err := strconv.ParseInt(f[1], 10, 64); err != nil {
			continue
		}
		pairs := make([]float64, 0, len(f)/2-1)
		for i := 2; i < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				pairs = nil
				break
			}
			pairs = append(pairs, v)
		}
		if pairs == nil {
			continue
		}
		name := procSuffix.ReplaceAllString(f[0], "")
		byUnit := res.Value[name]
		if byUnit == nil {
			byUnit = map[string][]float64{}
			res.Value[name] = byUnit
			res.Names = append(res.Names, name)
		}
		for i, v := range pairs {
			unit := f[3+2*i]
			if _, ok := byUnit[unit]; !ok {
				res.Units[name] = append(res.Units[name], unit)
			}
			byUnit[unit] = append(byUnit[unit], v)
		}
	}
	return sc.Err()
}

func median(vs []float64) float64 {
	s := slices.Clone(vs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// format shows a value in its unit: times as durations, others in %.4g
// (which keeps counts such as 1347000 whole).
func format(v float64, unit string) string {
	if strings.HasSuffix(unit, "ns/op") { // ns/op, cpu-ns/op
		d := time.Duration(v)
		switch {
		case d >= time.Second:
			d = d.Round(time.Millisecond)
		case d >= time.Millisecond:
			d = d.Round(time.Microsecond)
		}
		return d.String()
	}
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

func printTable(w io.Writer, res *Results, re *regexp.Regexp) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "benchmark\tmetric\tmedian\tmin\tmax\truns")
	for _, name := range res.Names {
		if re != nil && !re.MatchString(name) {
			continue
		}
		for _, unit := range res.Units[name] {
			vs := res.Value[name][unit]
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\n", name, unit, format(median(vs), unit),
				format(slices.Min(vs), unit), format(slices.Max(vs), unit), len(vs))
		}
	}
	tw.Flush()
}

// goal bounds a ratio; NaN is no bound.
type goal struct{ max, min float64 }

func (g goal) String() string {
	var parts []string
	if !math.IsNaN(g.min) {
		parts = append(parts, fmt.Sprintf("≥ %.2f", g.min))
	}
	if !math.IsNaN(g.max) {
		parts = append(parts, fmt.Sprintf("≤ %.2f", g.max))
	}
	if parts == nil {
		return "no goal"
	}
	return "goal " + strings.Join(parts, " and ")
}

func (g goal) met(r float64) bool {
	return (math.IsNaN(g.max) || r <= g.max) && (math.IsNaN(g.min) || r >= g.min)
}

func (g goal) none() bool { return math.IsNaN(g.max) && math.IsNaN(g.min) }

var errMissing = errors.New("missing from the benchmark output")

// compare reports median(num)/median(den) of one metric, its goal, and
// the spread of the paired ratios.
func compare(res *Results, num, den, unit string, g goal, label string) (string, error) {
	nv, dv := res.Value[num][unit], res.Value[den][unit]
	switch {
	case len(nv) == 0:
		return "", fmt.Errorf("%s %s: %w", num, unit, errMissing)
	case len(dv) == 0:
		return "", fmt.Errorf("%s %s: %w", den, unit, errMissing)
	}
	nm, dm := median(nv), median(dv)
	if dm == 0 {
		return "", fmt.Errorf("%s %s: median is zero", den, unit)
	}
	r := nm / dm
	var b strings.Builder
	fmt.Fprintf(&b, "%s ratio %.2f (%s)", label, r, g)
	if !g.none() {
		if g.met(r) {
			b.WriteString(": PASS")
		} else {
			b.WriteString(": FAIL")
		}
	}
	fmt.Fprintf(&b, "\n  median %s %s / median %s %s", num, format(nm, unit), den, format(dm, unit))
	if n := min(len(nv), len(dv)); n > 1 {
		paired := make([]float64, n)
		for i := range n {
			paired[i] = nv[i] / dv[i]
		}
		fmt.Fprintf(&b, "; paired runs %.2f–%.2f (n=%d)", slices.Min(paired), slices.Max(paired), n)
	}
	b.WriteString("\n")
	return b.String(), nil
}
