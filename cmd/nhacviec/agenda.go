package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/plan"
)

// agendaCommand prints the notifications a plan will send in a range of
// time, without sending anything.
type agendaCommand struct {
	env *env
}

// Run runs nhacviec agenda.
func (c *agendaCommand) Run(ctx context.Context, args []string) int {
	fs := newFlagSet("agenda", c.env.stderr)
	config := configFlag(fs)
	from := fs.String("from", "", "từ thời điểm / from (dd/mm/yyyy [HH:MM], yyyy-mm-dd…); mặc định: bây giờ / default: now")
	to := fs.String("to", "", "đến thời điểm / to; mặc định: 30 ngày sau --from / default: 30 days after --from")
	unit := fs.String("unit", "", "chỉ đơn vị này / only this unit")
	task := fs.String("task", "", "chỉ nhiệm vụ này / only this task")
	format := fs.String("format", "table", "table | json | csv | ics")
	showSMS := fs.Bool("show-sms", false, "với table và json: thêm mỗi tin SMS đúng như điện thoại nhận / with table and json: each SMS as the phone receives it")
	if err := fs.Parse(args); err != nil {
		return parseExit(err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(c.env.stderr, "nhacviec agenda: thừa tham số %q / unexpected argument\n", fs.Arg(0))
		return exitUsage
	}
	w, ok := agendaWriters[*format]
	if !ok {
		fmt.Fprintf(c.env.stderr, "nhacviec agenda: định dạng %q không có: hãy chọn table, json, csv hoặc ics / unknown format\n", *format)
		return exitUsage
	}
	cfg, _ := c.env.load(ctx, c.env.configPath(*config), c.env.stderr, false)
	if cfg == nil {
		return exitInvalid
	}
	lang := cfg.Service.Language
	if *showSMS && !slices.Contains(showSMSFormats, *format) {
		fmt.Fprintf(c.env.stderr, "nhacviec agenda: %s\n", tr(lang, "agenda.showsms", *format))
		return exitUsage
	}
	start, end, err := agendaRange(cfg, *from, *to, c.env.now())
	if err != nil {
		fmt.Fprintf(c.env.stderr, "nhacviec agenda: %s\n", describe(lang, err))
		return exitUsage
	}
	if *unit != "" && cfg.Units[*unit] == nil {
		fmt.Fprintf(c.env.stderr, "nhacviec agenda: %s\n", tr(lang, "agenda.nounit", *unit, suggest(*unit, cfg.UnitOrder)))
		return exitUsage
	}
	if *task != "" && !hasTask(cfg, *task) {
		var ids []string
		for _, p := range cfg.Plans {
			for _, t := range p.Tasks {
				ids = append(ids, t.ID)
			}
		}
		fmt.Fprintf(c.env.stderr, "nhacviec agenda: %s\n", tr(lang, "agenda.notask", *task, suggest(*task, ids)))
		return exitUsage
	}
	var items []plan.Notification
	it := cfg.Expand(start, end)
	for n, ok := it.Next(); ok; n, ok = it.Next() {
		if (*unit == "" || n.Unit == *unit) && (*task == "" || n.Task == *task) {
			items = append(items, n)
		}
	}
	if len(items) == 0 && *format == "table" {
		fmt.Fprintln(c.env.stdout, tr(lang, "agenda.empty", formatTime(start.In(cfg.Service.Location)), formatTime(end.Add(-time.Second).In(cfg.Service.Location)), periods(cfg)))
		return exitOK
	}
	ag := &agenda{cfg: cfg, lang: lang, items: items, now: c.env.now(), showSMS: *showSMS, scope: icsScope{start, end, *unit, *task}}
	if err := w(c.env.stdout, ag); err != nil {
		fmt.Fprintf(c.env.stderr, "nhacviec agenda: %v\n", err)
		return exitRuntime
	}
	return exitOK
}

func hasTask(cfg *plan.Config, id string) bool {
	for _, p := range cfg.Plans {
		if p.Task(id) != nil {
			return true
		}
	}
	return false
}

// periods names each plan's period, for the "nothing in this range" line.
func periods(cfg *plan.Config) string {
	var parts []string
	for _, p := range cfg.Plans {
		parts = append(parts, fmt.Sprintf("%s: %s – %s", p.ID, p.From, p.To))
	}
	return strings.Join(parts, "; ")
}

// agendaRange turns --from and --to into [start, end). A date without a
// time starts at 00:00 for --from and ends after 23:59:59 for --to. A
// dd/mm date takes the plans' year when they share one.
func agendaRange(cfg *plan.Config, from, to string, now time.Time) (time.Time, time.Time, error) {
	loc := cfg.Service.Location
	year := now.In(loc).Year()
	if len(cfg.Plans) > 0 {
		y := cfg.Plans[0].Year
		for _, p := range cfg.Plans {
			if p.Year != y {
				y = 0
			}
		}
		if y != 0 {
			year = y
		}
	}
	start := now
	if from != "" {
		dt, err := calendar.ParseDateTime(strings.TrimSpace(from), year)
		if err != nil {
			return start, start, err
		}
		start = dt.Time(0, loc)
	}
	end := start.AddDate(0, 0, 30)
	if to != "" {
		dt, err := calendar.ParseDateTime(strings.TrimSpace(to), year)
		if err != nil {
			return start, start, err
		}
		end = dt.Time(calendar.EndOfDay, loc).Add(time.Second)
		if dt.HasClock {
			end = dt.Time(0, loc)
		}
	}
	if !end.After(start) {
		return start, end, cliError("agenda.range")
	}
	return start, end, nil
}

// formatTime writes a time the Vietnamese way: 15/11/2019 08:00.
func formatTime(t time.Time) string { return t.Format("02/01/2006 15:04") }

// suggest lists the known ids nearest to id (sharing its start, or all of
// them when few), for an error message.
func suggest(id string, known []string) string {
	var near []string
	for _, k := range known {
		if strings.HasPrefix(k, id[:min(len(id), 3)]) {
			near = append(near, k)
		}
	}
	if len(near) == 0 || len(near) > 8 {
		near = known
	}
	if len(near) > 12 {
		near = append(near[:12:12], "…")
	}
	return strings.Join(near, ", ")
}
