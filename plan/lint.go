package plan

import "time"

// idleRules warns of rules that never fire: a cron spec that matches no
// day of its task, a recurring deadline that falls outside the plan.
func (c *Config) idleRules() Diagnostics {
	var ds Diagnostics
	seen := map[Pos]bool{}
	for _, r := range c.compile() {
		if r.ackOf != nil || seen[r.pos] {
			continue
		}
		if _, _, ok := r.src.first(time.Time{}); ok {
			continue
		}
		seen[r.pos] = true
		first, last := r.plan.From, r.plan.To
		if r.task != nil {
			first, last = r.task.FirstDay, r.task.LastDay
		}
		ds = append(ds, Diagnostic{File: r.pos.File, Line: r.pos.Line, Col: r.pos.Col, Severity: Warning,
			Msg: Message{Key: "rule.nothing", Args: []any{first, last}}})
	}
	return ds
}

// PastWarnings warns of what is already over at now: a whole plan, or the
// rules of a running plan whose every notification is in the past.
func (c *Config) PastWarnings(now time.Time) Diagnostics {
	var ds Diagnostics
	ended := map[*Plan]bool{}
	for _, p := range c.Plans {
		if !p.End().After(now) {
			ended[p] = true
			ds = append(ds, Diagnostic{File: p.Pos.File, Line: p.Pos.Line, Col: p.Pos.Col, Severity: Warning,
				Msg: Message{Key: "plan.past", Args: []any{p.ID, p.To}}})
		}
	}
	last := map[Pos]time.Time{}
	var order []Pos
	for _, r := range c.compile() {
		if ended[r.plan] {
			continue
		}
		ev, cur, ok := r.src.first(time.Time{})
		if !ok {
			continue
		}
		var at time.Time
		for ok {
			at = r.at(ev)
			if !at.Before(now) {
				break
			}
			ev, cur, ok = r.src.next(ev, cur)
		}
		prev, known := last[r.pos]
		if !known {
			order = append(order, r.pos)
		}
		if !known || at.After(prev) {
			last[r.pos] = at
		}
	}
	for _, p := range order {
		if at := last[p]; at.Before(now) {
			ds = append(ds, Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Severity: Warning,
				Msg: Message{Key: "rule.past", Args: []any{at.Format("02/01/2006 15:04")}}})
		}
	}
	return ds
}
