package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/planfile"
	"go.yaml.in/yaml/v3"
)

const planUsage = "nhacviec plan roll FILE --to YEAR [-c CONFIG] [--plan ID] [--force] [--if-holiday next_working_day|previous_working_day|keep]"

// planCommand gathers the commands on a plan file: roll.
type planCommand struct {
	env *env
}

// Run runs nhacviec plan SUBCOMMAND.
func (c *planCommand) Run(ctx context.Context, args []string) int {
	if len(args) > 0 && args[0] == "roll" {
		return (&rollCommand{env: c.env}).Run(ctx, args[1:])
	}
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
		fmt.Fprintln(c.env.stdout, planUsage)
		return exitOK
	}
	fmt.Fprintln(c.env.stderr, "nhacviec plan: hãy ghi lệnh con roll / the subcommand is roll")
	fmt.Fprintln(c.env.stderr, planUsage)
	return exitUsage
}

// rollCommand writes next year's plan beside last year's.
type rollCommand struct {
	env *env
}

// rollJob is what one run of plan roll works on.
type rollJob struct {
	cfg     *plan.Config
	lang    lang.Lang
	src     []byte // the old plan's text, as a plan file
	from    string // the old plan's file: a plan file, or the configuration holding it
	planDir string // the folder of the old plan file, or of the configuration
	inline  bool   // the old plan is written in the configuration
}

// Run runs nhacviec plan roll FILE --to YEAR.
func (c *rollCommand) Run(ctx context.Context, args []string) int {
	flags := newFlagSet("plan roll", c.env.stderr)
	conf := configFlag(flags)
	year := flags.Int("to", 0, "năm của kế hoạch mới / the new plan's year")
	planID := flags.String("plan", "", "kế hoạch cần chuyển, khi tệp cấu hình có nhiều kế hoạch / which plan of a configuration")
	force := flags.Bool("force", false, "ghi đè tệp kế hoạch mới nếu đã có / overwrite the new plan file")
	ifHoliday := flags.String("if-holiday", "next_working_day", "sự kiện on: rơi vào ngày nghỉ / where an on: event off a working day goes: next_working_day, previous_working_day, keep")
	// FILE may stand before, between or after the flags.
	var file string
	for {
		if err := flags.Parse(args); err != nil {
			return parseExit(err)
		}
		if flags.NArg() == 0 {
			break
		}
		if file != "" {
			fmt.Fprintln(c.env.stderr, planUsage)
			return exitUsage
		}
		file, args = flags.Arg(0), flags.Args()[1:]
	}
	moves := map[string]planfile.Move{"next_working_day": planfile.NextWorkingDay, "previous_working_day": planfile.PreviousWorkingDay, "keep": planfile.Keep}
	move, okMove := moves[*ifHoliday]
	switch {
	case file == "" || *year == 0:
		fmt.Fprintln(c.env.stderr, planUsage)
		return exitUsage
	case *year < 1970 || *year > 2200:
		fmt.Fprintf(c.env.stderr, "nhacviec plan roll: --to %d: hãy ghi năm của kế hoạch mới, ví dụ --to 2020 / write the new plan's year\n", *year)
		return exitUsage
	case !okMove:
		fmt.Fprintf(c.env.stderr, "nhacviec plan roll: --if-holiday %q: hãy ghi next_working_day, previous_working_day hoặc keep / write one of these\n", *ifHoliday)
		return exitUsage
	}
	job, code := c.open(ctx, file, *conf, *planID)
	if job == nil {
		return code
	}
	lng := job.lang
	res, err := planfile.Roll(job.src, planfile.Options{Year: *year, Calendar: job.cfg.Service.Calendar, Move: move, Lang: lng})
	if err != nil {
		fmt.Fprintf(c.env.stderr, "nhacviec plan roll: %s\n", describe(lng, err))
		if m, ok := err.(lang.Message); ok && m.Key == "roll.sameyear" {
			return exitUsage
		}
		return exitInvalid
	}
	out := filepath.Join(job.planDir, res.NewID+".yaml")
	if !job.inline {
		out = rolledName(job.from, res.OldYear, *year)
	}
	_, diags := config.ParsePlan(out, res.Data, job.cfg)
	mode := fs.FileMode(0o644)
	if st, err := os.Stat(job.from); err == nil && !job.inline {
		mode = st.Mode().Perm()
	}
	if err := writePlan(out, res.Data, mode, *force); err != nil {
		if errors.Is(err, fs.ErrExist) {
			fmt.Fprintf(c.env.stderr, "nhacviec plan roll: %s\n", tr(lng, "roll.exists", out))
			return exitUsage
		}
		fmt.Fprintf(c.env.stderr, "nhacviec plan roll: %s\n", tr(lng, "roll.write", out, err))
		return exitRuntime
	}
	c.report(job, res, out, *year, diags)
	if diags.HasErrors() {
		return exitInvalid
	}
	return exitOK
}

// open reads the configuration and the plan to roll: FILE is a plan file
// (the configuration is then -c, $NHACVIEC_CONFIG or ./nhacviec.yaml), or a
// configuration, whose plan (or --plan ID) is rolled. A nil job comes with
// the exit code.
func (c *rollCommand) open(ctx context.Context, file, conf, planID string) (*rollJob, int) {
	data, readErr := os.ReadFile(file)
	var doc yaml.Node
	isConfig := readErr == nil && yaml.Unmarshal(data, &doc) == nil && len(doc.Content) > 0 && mapKey(doc.Content[0], "plans") != nil
	cfgPath := c.env.configPath(conf)
	if isConfig {
		cfgPath = file
	}
	cfg, _ := c.env.load(ctx, cfgPath, c.env.stderr, false)
	if cfg == nil {
		return nil, exitInvalid
	}
	lng := cfg.Service.Language
	if readErr != nil {
		d := config.Diagnostic{Pos: plan.Pos{File: file}, Msg: lang.Message{Key: "file.missing", Args: []any{file}}}
		if !errors.Is(readErr, fs.ErrNotExist) {
			d.Msg = lang.Message{Key: "file.unreadable", Args: []any{file}}
		}
		fmt.Fprintln(c.env.stderr, d.Text(lng))
		return nil, exitInvalid
	}
	job := &rollJob{cfg: cfg, lang: lng, src: data, from: file, planDir: filepath.Dir(file)}
	if isConfig {
		item, ids := pickPlan(doc.Content[0], cfg, filepath.Dir(file), planID)
		if item == nil {
			fmt.Fprintf(c.env.stderr, "nhacviec plan roll: %s\n", tr(lng, "roll.whichplan", file, strings.Join(ids, ", ")))
			return nil, exitUsage
		}
		if item.Kind == yaml.ScalarNode {
			job.from = planPath(filepath.Dir(file), item.Value)
			job.planDir = filepath.Dir(job.from)
			if job.src, readErr = os.ReadFile(job.from); readErr != nil {
				fmt.Fprintf(c.env.stderr, "nhacviec plan roll: %v\n", readErr)
				return nil, exitInvalid
			}
			return job, exitOK
		}
		src, err := planfile.Extract(data, item)
		if err != nil {
			fmt.Fprintf(c.env.stderr, "nhacviec plan roll: %s\n", describe(lng, err))
			return nil, exitInvalid
		}
		job.src, job.inline = src, true
		return job, exitOK
	}
	// A plan file the configuration may not name yet: check it on its own.
	if _, diags := config.ParsePlan(file, data, cfg); diags.HasErrors() {
		for _, d := range diags {
			fmt.Fprintln(c.env.stderr, d.Text(lng))
		}
		return nil, exitInvalid
	}
	return job, exitOK
}

// pickPlan returns the entry of the configuration's plans: to roll: the
// one whose id is id, or the only one. Without it, it returns the ids to
// choose from.
func pickPlan(root *yaml.Node, cfg *plan.Config, dir, id string) (*yaml.Node, []string) {
	plans := mapKey(root, "plans")
	if plans == nil || plans.Kind != yaml.SequenceNode {
		return nil, nil
	}
	var ids []string
	var found *yaml.Node
	for _, item := range plans.Content {
		pid := ""
		if v := mapKey(item, "id"); v != nil {
			pid = v.Value
		} else if item.Kind == yaml.ScalarNode {
			for _, p := range cfg.Plans {
				if p.File == planPath(dir, item.Value) {
					pid = p.ID
				}
			}
		}
		ids = append(ids, pid)
		if pid == id {
			found = item
		}
	}
	if id == "" && len(plans.Content) == 1 {
		return plans.Content[0], ids
	}
	return found, ids
}

// planPath is where the configuration in dir finds the plan file name.
func planPath(dir, name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(dir, name)
}

// mapKey returns the value of key in mapping n, or nil.
func mapKey(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// rolledName is the new plan file's name, beside the old one: the old
// year in the name replaced by the new, or the new year added
// (bdg-2019.yaml → bdg-2020.yaml, bdg.yaml → bdg-2020.yaml).
func rolledName(path string, old, year int) string {
	dir, base := filepath.Split(path)
	ext := filepath.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	re := regexp.MustCompile(`(^|[^0-9])` + strconv.Itoa(old) + `($|[^0-9])`)
	if loc := re.FindAllStringSubmatchIndex(stem, -1); loc != nil {
		last := loc[len(loc)-1]
		at := last[3] // the end of the separator before the year
		stem = stem[:at] + strconv.Itoa(year) + stem[at+4:]
	} else {
		stem += "-" + strconv.Itoa(year)
	}
	return dir + stem + ext
}

// writePlan writes data to path with mode, through a temporary file, so a
// half-written plan never has the final name. Without force, an existing
// path is left alone and the error is fs.ErrExist.
func writePlan(path string, data []byte, mode fs.FileMode, force bool) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".nhacviec-plan-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(mode)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if force {
		return os.Rename(tmp.Name(), path)
	}
	// A link fails if path exists: nothing is overwritten, even in a race.
	return os.Link(tmp.Name(), path)
}

// report tells the officer what changed, the dates that now fall on a day
// off, how to use the new plan, and the year's holidays.
func (c *rollCommand) report(job *rollJob, res *planfile.Result, out string, year int, diags config.Diagnostics) {
	w, lng := c.env.stdout, job.lang
	fmt.Fprintln(w, tr(lng, "roll.done", year, out, res.NewID, job.from, res.OldID))
	var off []planfile.Note
	for _, n := range res.Notes {
		at := fmt.Sprintf("%s:%d:%d: ", out, n.Line, n.Col)
		switch n.Kind {
		case planfile.IDChanged, planfile.TitleChanged:
			fmt.Fprintln(w, at+tr(lng, "roll.changed", n.Key, n.Old, n.New))
		case planfile.TitleByHand:
			fmt.Fprintln(w, at+tr(lng, "roll.titlebyhand", res.OldYear))
		case planfile.Emptied:
			fmt.Fprintln(w, at+tr(lng, "roll.emptied", n.Key, n.Old))
		case planfile.Moved:
			fmt.Fprintln(w, at+tr(lng, "roll.moved", partName(n.Field), n.Same, planfile.DayName(n.Same), n.Date, planfile.DayName(n.Date)))
		case planfile.LeapDay:
			fmt.Fprintln(w, at+tr(lng, "roll.leap", partName(n.Field), n.Date.Year, n.Date))
		case planfile.DayOff:
			off = append(off, n)
		}
	}
	if len(off) == 0 {
		fmt.Fprintln(w, tr(lng, "roll.nodayoff"))
	} else {
		fmt.Fprintln(w, tr(lng, "roll.dayoff", len(off)))
		for _, n := range off {
			fmt.Fprintf(w, "%s:%d:%d: %s\n", out, n.Line, n.Col, tr(lng, "roll.dayoff.one", partName(n.Field), n.Date, planfile.DayName(n.Date)))
		}
	}
	for _, d := range diags {
		fmt.Fprintln(w, d.Text(lng))
	}
	ref, err := filepath.Rel(filepath.Dir(job.cfg.File), out)
	if err != nil {
		ref = out
	}
	fmt.Fprintln(w, tr(lng, "roll.use", job.cfg.File, filepath.ToSlash(ref)))
	printHolidays(w, lng, job.cfg.Service, year)
}

// partName names the part of the plan a date belongs to.
func partName(f config.DateField) lang.Message {
	switch f.Part {
	case config.PlanPeriod:
		return lang.Message{Key: "roll.part.plan", Args: []any{f.Key}}
	case config.Distribution:
		return lang.Message{Key: "roll.part.distribute"}
	case config.ReminderTime:
		return lang.Message{Key: "roll.part.reminder", Args: []any{f.Task}}
	case config.DeadlineDue:
		if f.Deadline == "" {
			return lang.Message{Key: "roll.part.deadline", Args: []any{f.Task}}
		}
		return lang.Message{Key: "roll.part.deadline.id", Args: []any{f.Deadline, f.Task}}
	}
	return lang.Message{Key: "roll.part.task", Args: []any{f.Key, f.Task}}
}

// printHolidays lists the year's days off on working weekdays, runs of
// days over a weekend as one, and the weekend days worked, as the
// service's calendar has them.
func printHolidays(w io.Writer, lng lang.Lang, svc plan.Service, year int) {
	workdays := svc.WorkingDays
	if len(workdays) == 0 {
		workdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	}
	cal := svc.Calendar
	var runs [][2]calendar.Date
	var worked []calendar.Date
	d := calendar.Date{Year: year, Month: time.January, Day: 1}
	for ; d.Year == year; d = d.AddDays(1) {
		weekday := slices.Contains(workdays, d.Weekday())
		switch {
		case weekday && !cal.IsWorkingDay(d):
			// A day off joins the run before it when only days off lie between.
			if n := len(runs); n > 0 && offBetween(cal, runs[n-1][1], d) {
				runs[n-1][1] = d
			} else {
				runs = append(runs, [2]calendar.Date{d, d})
			}
		case !weekday && cal.IsWorkingDay(d):
			worked = append(worked, d)
		}
	}
	if len(runs) == 0 {
		fmt.Fprintln(w, tr(lng, "roll.noholidays", year))
	} else {
		fmt.Fprintln(w, tr(lng, "roll.holidays", year))
		for _, r := range runs {
			if r[0] == r[1] {
				fmt.Fprintf(w, "  %s (%s)\n", r[0], planfile.DayName(r[0]).Text(lng))
				continue
			}
			fmt.Fprintf(w, "  %s – %s (%s – %s)\n", r[0], r[1], planfile.DayName(r[0]).Text(lng), planfile.DayName(r[1]).Text(lng))
		}
	}
	if len(worked) > 0 {
		fmt.Fprintln(w, tr(lng, "roll.worked", year))
		for _, d := range worked {
			fmt.Fprintf(w, "  %s (%s)\n", d, planfile.DayName(d).Text(lng))
		}
	}
}

// offBetween reports whether every day after a and before b is a day off.
func offBetween(cal *calendar.Calendar, a, b calendar.Date) bool {
	for d := a.AddDays(1); d.Before(b); d = d.AddDays(1) {
		if cal.IsWorkingDay(d) {
			return false
		}
	}
	return true
}
