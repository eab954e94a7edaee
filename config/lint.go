package config

import (
	"time"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
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
