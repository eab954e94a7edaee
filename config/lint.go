package config

import (
	"time"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
	"gopkg.in/yaml.v3"
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
