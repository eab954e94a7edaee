package config

import (
	"fmt"
	"math/bits"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/robfig/cron/v3"
	"go.yaml.in/yaml/v3"
)

// Bounds on how often one rule (every: or due_every:) may fire: more would
// flood its units, and its expansion would cost the daemon for nothing.
const (
	// MinCronGap is the shortest time allowed between two firings.
	MinCronGap = 5 * time.Minute
	// MaxCronPerDay is the most firings allowed on one day, each a
	// notification to every unit of the rule.
	MaxCronPerDay = 24
)

var cronParser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// cron parses a cron spec, turning the parser's panics and errors into
// diagnostics, refusing a spec that fires too often and warning of the
// day-of-month / day-of-week trap.
func (l *loader) cron(v *yaml.Node, spec string) (cron.Schedule, bool) {
	sched, err := ParseCron(spec)
	if err != nil {
		l.fail(v, err)
		return nil, false
	}
	if err := checkFrequency(strings.TrimSpace(spec), sched); err != nil {
		l.fail(v, err)
		return nil, false
	}
	f := strings.Fields(spec)
	if len(f) == 6 {
		f = f[1:]
	}
	// robfig treats */1 as *: only a real restriction on both is the trap.
	any := func(field string) bool { return field == "*" || field == "?" || field == "*/1" }
	if len(f) == 5 && !any(f[2]) && !any(f[4]) {
		l.warnAt(v, "cron.domdow", spec, f[2], f[4])
	}
	return sched, true
}

// ParseCron parses a cron spec of five fields (or six, with seconds first)
// or a descriptor such as @daily. The time zone is the plan's: TZ= prefixes
// and @every are refused. A spec that makes the parser panic is an error.
func ParseCron(spec string) (sched cron.Schedule, err error) {
	spec = strings.TrimSpace(spec)
	defer func() {
		if r := recover(); r != nil {
			sched, err = nil, lang.Errorf("cron.invalid", spec)
		}
	}()
	switch {
	case spec == "":
		return nil, lang.Errorf("cron.empty")
	case strings.HasPrefix(spec, "TZ=") || strings.HasPrefix(spec, "CRON_TZ="):
		return nil, lang.Errorf("cron.tz", spec)
	case strings.HasPrefix(spec, "@every"):
		return nil, lang.Errorf("cron.every", spec)
	}
	if !strings.HasPrefix(spec, "@") {
		if n := len(strings.Fields(spec)); n != 5 && n != 6 {
			return nil, lang.Errorf("cron.fields", spec, n)
		}
	}
	sched, err = cronParser.Parse(spec)
	if err != nil {
		return nil, lang.Errorf("cron.invalid", spec)
	}
	return sched, nil
}

// checkFrequency refuses a schedule that fires less than MinCronGap apart
// or more than MaxCronPerDay times on a day. The parsed schedule's bits
// give the times of day it fires at, the same on every day it fires;
// from the last of one day to the first of the next counts too.
func checkFrequency(spec string, sched cron.Schedule) error {
	s, ok := sched.(*cron.SpecSchedule)
	if !ok {
		return nil
	}
	secs, mins, hours := setBits(s.Second, 59), setBits(s.Minute, 59), setBits(s.Hour, 23)
	n := len(secs) * len(mins) * len(hours)
	if n == 0 {
		return nil
	}
	times := make([]int, 0, n)
	for _, h := range hours {
		for _, m := range mins {
			for _, sec := range secs {
				times = append(times, h*3600+m*60+sec)
			}
		}
	}
	gap, at := 86400, 0
	for i := 1; i < n; i++ {
		if d := times[i] - times[i-1]; d < gap {
			gap, at = d, i-1
		}
	}
	if wrap := times[0] + 86400 - times[n-1]; wrap < gap {
		gap, at = wrap, n-1
	}
	if time.Duration(gap)*time.Second < MinCronGap {
		next := times[(at+1)%n]
		return lang.Errorf("cron.often", spec, clockText(times[at]), clockText(next))
	}
	if n > MaxCronPerDay {
		return lang.Errorf("cron.many", spec, n, MaxCronPerDay)
	}
	return nil
}

// setBits returns the values 0..hi whose bit is set in b (robfig's star
// bit, the top one, is not a value).
func setBits(b uint64, hi int) []int {
	b &= 1<<(hi+1) - 1
	out := make([]int, 0, bits.OnesCount64(b))
	for b != 0 {
		v := bits.TrailingZeros64(b)
		out = append(out, v)
		b &^= 1 << v
	}
	return out
}

// clockText writes a second of the day as hh:mm, or hh:mm:ss when it has
// seconds.
func clockText(s int) string {
	if s%60 != 0 {
		return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%02d:%02d", s/3600, s/60%60)
}
