package plan

import (
	"time"

	"github.com/nhacviec/nhacviec/calendar"
)

// IdleRule is a rule that never fires: a cron spec that matches no day of
// its task, a recurring deadline that falls outside the plan.
type IdleRule struct {
	Pos Pos
	// First and Last are the days it had to fire in: its task's, or the
	// plan period.
	First, Last calendar.Date
}

// IdleRules lists the rules of c that never fire, once each, in the order
// of the configuration; config.Load warns of them.
func (c *Config) IdleRules() []IdleRule {
	var out []IdleRule
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
		out = append(out, IdleRule{Pos: r.pos, First: first, Last: last})
	}
	return out
}

// PastRule is a rule of a running plan whose every notification is sent
// before a given moment.
type PastRule struct {
	Pos Pos
	// Last is the send time of its last notification.
	Last time.Time
}

// PastRules lists the rules of the plans still running at now (those whose
// End is after it) that have nothing left to send at now, once each, in
// the order of the configuration.
func (c *Config) PastRules(now time.Time) []PastRule {
	last := map[Pos]time.Time{}
	var order []Pos
	for _, r := range c.compile() {
		if !r.plan.End().After(now) {
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
	var out []PastRule
	for _, p := range order {
		if at := last[p]; at.Before(now) {
			out = append(out, PastRule{Pos: p, Last: at})
		}
	}
	return out
}
