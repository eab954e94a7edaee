package config

import (
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
	"go.yaml.in/yaml/v3"
)

// warning is a Diagnostic of severity Warning at pos.
func warning(pos plan.Pos, key string, args ...any) Diagnostic {
	return Diagnostic{Pos: pos, Severity: Warning, Msg: lang.Message{Key: key, Args: args}}
}

// idleRules warns of rules that never fire: a cron spec that matches no
// day of its task, a recurring deadline that falls outside the plan.
func idleRules(c *plan.Config) Diagnostics {
	var ds Diagnostics
	for _, r := range c.IdleRules() {
		ds = append(ds, warning(r.Pos, "rule.nothing", r.First, r.Last))
	}
	return ds
}

// PastWarnings warns of what is already over at now: a whole plan, or the
// rules of a running plan whose every notification is in the past.
func PastWarnings(c *plan.Config, now time.Time) Diagnostics {
	var ds Diagnostics
	for _, p := range c.Plans {
		if !p.End().After(now) {
			ds = append(ds, warning(p.Pos, "plan.past", p.ID, p.To))
		}
	}
	for _, r := range c.PastRules(now) {
		ds = append(ds, warning(r.Pos, "rule.past", r.Last.Format("02/01/2006 15:04")))
	}
	return ds
}

// maxZoneChanges bounds the warnings of zoneChanges for one plan: a plan
// a year long has two at most.
const maxZoneChanges = 10

// zoneChanges warns at n of each change of the plan's UTC offset inside
// its period (daylight saving time, a country changing its zone): on
// that day some local times do not exist or happen twice, and the
// expansion sends them at the next valid instant or once, at the first.
func (l *loader) zoneChanges(n *yaml.Node, p *plan.Plan) {
	end := p.End()
	for t, count := p.Start(), 0; count < maxZoneChanges; count++ {
		_, change := t.ZoneBounds()
		if change.IsZero() || !change.Before(end) {
			return
		}
		_, before := change.Add(-time.Second).Zone()
		_, after := change.Zone()
		if before != after {
			// The change as the clocks showed it just before.
			at := change.In(time.FixedZone("", before))
			l.warnAt(n, "tz.change", p.Timezone, calendar.DateOf(at), at.Format("15:04"), offsetText(before), offsetText(after), p.ID)
		}
		t = change
	}
}

// offsetText writes an offset from UTC as +hh:mm.
func offsetText(off int) string { return time.Unix(0, 0).In(time.FixedZone("", off)).Format("-07:00") }

// otherYear warns of each date of plan p (read from its mapping n) written
// with a year other than p's year and lying outside the plan's period: a
// date left behind when last year's plan was copied. A plan whose from and
// to do not meet its year is judged against the year alone, so that both
// its period and its dates are shown. Dates written dd/mm take the year
// and are never outside it.
func (l *loader) otherYear(n *yaml.Node, p *plan.Plan) {
	if p.Year == 0 {
		return
	}
	lo, hi := p.From, p.To
	first, last := calendar.Date{Year: p.Year, Month: time.January, Day: 1}, calendar.Date{Year: p.Year, Month: time.December, Day: 31}
	if hi.Before(first) || lo.After(last) {
		lo, hi = first, last
	}
	tasks := map[string]*plan.Task{}
	for _, t := range p.Tasks {
		tasks[t.ID] = t
	}
	for _, f := range PlanDates(n) {
		dt, err := calendar.ParseDateTime(strings.TrimSpace(f.Node.Value), 0)
		if err != nil || dt.Date.Year == p.Year {
			continue // dd/mm, or already reported
		}
		// Said already: a due outside the period is an error, a task
		// wholly outside it a warning.
		if t := tasks[f.Task]; f.Part == TaskTime && t != nil && (t.LastDay.Before(p.From) || t.FirstDay.After(p.To)) {
			continue
		}
		if f.Part == DeadlineDue && (dt.Date.Before(p.From) || dt.Date.After(p.To)) {
			continue
		}
		if dt.Date.Before(lo) || dt.Date.After(hi) {
			l.warnAt(f.Node, "plan.otheryear", strings.TrimSpace(f.Node.Value), p.Year, lo, hi)
		}
	}
}
