package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// calendarCommand prints a year's days off and weekend days worked, each
// with its source: the official calendar's rules, a yearly file of the
// government's decisions, or the configuration.
type calendarCommand struct {
	env *env
}

// Run runs nhacviec calendar [-c FILE] [YEAR].
func (c *calendarCommand) Run(ctx context.Context, args []string) int {
	fs := newFlagSet("calendar", c.env.stderr)
	conf := configFlag(fs)
	// The year may stand before or after the flags.
	var year string
	for {
		if err := fs.Parse(args); err != nil {
			return parseExit(err)
		}
		if fs.NArg() == 0 {
			break
		}
		if year != "" {
			fmt.Fprintf(c.env.stderr, "nhacviec calendar: thừa tham số %q / unexpected argument\n", fs.Arg(0))
			return exitUsage
		}
		year, args = fs.Arg(0), fs.Args()[1:]
	}
	cfg, _ := c.env.load(ctx, c.env.configPath(*conf), c.env.stderr, false)
	if cfg == nil {
		return exitInvalid
	}
	l := cfg.Service.Language
	y := c.env.now().In(cfg.Service.Location).Year()
	if year != "" {
		n, err := strconv.Atoi(year)
		if err != nil || n < 1 || n > 9999 {
			fmt.Fprintf(c.env.stderr, "nhacviec calendar: %s\n%s\n", tr(l, "cal.list.badyear", year), tr(l, "cal.list.usage"))
			return exitUsage
		}
		y = n
	}
	s := cfg.Service
	days := calendar.YearDays(y, s.WorkingDays, s.Holidays, s.WorkingWeekends, s.OfficialCalendar)
	if err := writeYear(c.env.stdout, l, cfg, y, days); err != nil {
		fmt.Fprintf(c.env.stderr, "nhacviec calendar: %v\n", err)
		return exitRuntime
	}
	return exitOK
}

// writeYear prints days, the departures from the week of year y, as a
// table, then the sources it names and the totals.
func writeYear(w io.Writer, l lang.Lang, cfg *plan.Config, y int, days []calendar.Day) error {
	var buf bytes.Buffer
	fmt.Fprintln(&buf, tr(l, "cal.list.title", y))
	switch {
	case !cfg.Service.OfficialCalendar:
		fmt.Fprintln(&buf, tr(l, "cal.list.nofficial"))
	case y < calendar.FirstOfficialYear || y > calendar.LastOfficialYear:
		fmt.Fprintln(&buf, tr(l, "cal.list.outside", calendar.FirstOfficialYear, calendar.LastOfficialYear, y))
	}
	if len(days) == 0 {
		fmt.Fprintln(&buf, tr(l, "cal.list.empty"))
		_, err := w.Write(buf.Bytes())
		return err
	}
	fmt.Fprintln(&buf)
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join([]string{tr(l, "cal.list.date"), tr(l, "cal.list.weekday"), tr(l, "cal.list.state"), tr(l, "cal.list.what"), tr(l, "cal.list.source")}, "\t"))
	var notes []string
	used := map[calendar.Source]bool{}
	off, worked := map[calendar.Date]bool{}, map[calendar.Date]bool{} // a day may have two entries
	offWork := 0
	for _, d := range days {
		state := tr(l, "cal.list.off")
		switch {
		case d.Working():
			state = tr(l, "cal.list.worked")
			worked[d.Date] = true
		case !off[d.Date]:
			off[d.Date] = true
			if slices.Contains(cfg.Service.WorkingDays, d.Date.Weekday()) {
				offWork++
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", d.Date, weekdayName(l, d.Date), state, dayText(l, d), tr(l, "cal.src."+string(d.Source)))
		used[d.Source] = true
		if d.Source == calendar.FromYear && !slices.Contains(notes, d.Note) {
			notes = append(notes, d.Note)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(&buf)
	fmt.Fprintln(&buf, tr(l, "cal.list.sources"))
	if used[calendar.FromRule] {
		fmt.Fprintln(&buf, "  "+tr(l, "cal.list.rule"))
	}
	for _, n := range notes {
		fmt.Fprintln(&buf, "  "+tr(l, "cal.list.year", n))
	}
	if used[calendar.FromConfig] {
		fmt.Fprintln(&buf, "  "+tr(l, "cal.list.config", cfg.File))
	}
	fmt.Fprintln(&buf, tr(l, "cal.list.total", len(off), offWork, len(worked)))
	_, err := w.Write(buf.Bytes())
	return err
}

// weekdayName names the day of the week of d.
func weekdayName(l lang.Lang, d calendar.Date) string {
	return tr(l, "wd."+strconv.Itoa(int(d.Weekday())))
}

// dayText says what day d is: its holiday (with its lunar date for Tết
// and Giỗ Tổ), the holiday it makes up for, the day it is swapped with, or
// the configuration's entry.
func dayText(l lang.Lang, d calendar.Day) string {
	name := tr(l, "hol."+string(d.Occasion))
	switch {
	case d.Source == calendar.FromConfig && d.Working():
		return tr(l, "cal.list.weekend")
	case d.Source == calendar.FromConfig:
		return tr(l, "cal.list.holiday", d.Note)
	case d.Kind == calendar.DayInLieu:
		return tr(l, "cal.list.inlieu", name, weekdayName(l, d.Other), d.Other)
	case d.Kind == calendar.DaySwapped:
		return tr(l, "cal.list.swapped", name, weekdayName(l, d.Other), d.Other)
	case d.Kind == calendar.DayWorked:
		return tr(l, "cal.list.paid", name, weekdayName(l, d.Other), d.Other)
	case d.Occasion == calendar.Tet || d.Occasion == calendar.HungKings:
		return tr(l, "cal.list.lunar", name, calendar.LunarOf(d.Date))
	}
	return name
}
