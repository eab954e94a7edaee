package config

import (
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/plan"
	"go.yaml.in/yaml/v3"
)

// deadline reads one entry of a task's deadlines.
func (l *loader) deadline(n *yaml.Node, t *plan.Task, pc *planCtx) (plan.Deadline, bool) {
	d := plan.Deadline{Pos: l.pos(n), OverdueMax: 3}
	var idNode, byNode, toNode, dueNode, everyNode, escNode, overdueMaxNode *yaml.Node
	ok := true
	if !l.mapping(n, "deadlines", fields{
		"id":        func(v *yaml.Node) { idNode = v; d.ID, _ = l.scalar(v, "id") },
		"title":     func(v *yaml.Node) { d.Title = l.text(v, "title") },
		"by":        func(v *yaml.Node) { byNode = v },
		"to":        func(v *yaml.Node) { toNode = v },
		"due":       func(v *yaml.Node) { dueNode = v },
		"due_every": func(v *yaml.Node) { everyNode = v },
		"if_holiday": func(v *yaml.Node) {
			s, good := l.scalar(v, "if_holiday")
			if !good {
				ok = false
				return
			}
			switch strings.TrimSpace(s) {
			case "next_working_day":
				d.IfHoliday = plan.NextWorkingDay
			case "previous_working_day":
				d.IfHoliday = plan.PreviousWorkingDay
			case "keep":
				d.IfHoliday = plan.Keep
			default:
				l.errorAt(v, "deadline.ifholiday", s)
				ok = false
			}
		},
		"remind": func(v *yaml.Node) {
			for _, rn := range l.list(v, "remind") {
				if dur, good := l.duration(rn, "remind"); good {
					d.Remind = append(d.Remind, dur)
				} else {
					ok = false
				}
			}
		},
		"grace": func(v *yaml.Node) {
			var good bool
			if d.Grace, good = l.duration(v, "grace"); !good {
				ok = false
			}
		},
		"overdue_every": func(v *yaml.Node) {
			var good bool
			if d.OverdueEvery, good = l.duration(v, "overdue_every"); !good {
				ok = false
			} else if d.OverdueEvery.IsZero() {
				l.errorAt(v, "deadline.overduezero")
				ok = false
			}
		},
		"overdue_max": func(v *yaml.Node) { overdueMaxNode = v },
		"escalate":    func(v *yaml.Node) { escNode = v },
		"tentative":   func(v *yaml.Node) { d.Tentative, _ = l.boolean(v, "tentative") },
	}) {
		if isNull(n) {
			l.errorAt(n, "deadline.empty", t.ID)
		}
		return d, false
	}
	if idNode != nil && d.ID != "" && !l.checkID(idNode, d.ID, "deadline") {
		ok = false
	}
	if d.Title == "" {
		d.Title = t.Title
	}
	if byNode != nil {
		d.By = l.unitRefs(byNode, "by", pc.cfg)
	} else {
		d.By = t.Lead
	}
	if toNode != nil {
		d.To = l.unitRefs(toNode, "to", pc.cfg)
	}
	if overdueMaxNode != nil {
		if m, good := l.integer(overdueMaxNode, "overdue_max"); good {
			if m < 1 || m > 100 {
				l.errorAt(overdueMaxNode, "deadline.overduemax", m)
				ok = false
			} else {
				d.OverdueMax = m
			}
		} else {
			ok = false
		}
	} else if d.OverdueEvery.IsZero() {
		d.OverdueMax = 1
	}
	if d.OverdueEvery.IsZero() && d.OverdueMax > 1 {
		l.errorAt(overdueMaxNode, "deadline.overduemaxalone")
		ok = false
	}
	switch {
	case dueNode != nil && everyNode != nil:
		l.errorAt(everyNode, "deadline.dueandevery")
		ok = false
	case dueNode != nil:
		dt, good := l.dateTime(dueNode, "due", pc.year)
		if !good {
			ok = false
			break
		}
		d.Due = dt.Time(calendar.EndOfDay, pc.plan.Location)
		if day := calendar.DateOf(d.Due.In(pc.plan.Location)); !pc.inPeriod(day) {
			l.errorAt(dueNode, "deadline.outside", day, pc.plan.From, pc.plan.To)
			ok = false
		}
		d.Key = "due@" + d.Due.UTC().Format(time.RFC3339)
	case everyNode != nil:
		s, good := l.scalar(everyNode, "due_every")
		if !good {
			ok = false
			break
		}
		sched, good := l.cron(everyNode, s)
		if !good {
			ok = false
			break
		}
		d.DueSpec, d.DueEvery = strings.TrimSpace(s), sched
		d.Key = "every@" + d.DueSpec
	default:
		l.errorAt(n, "deadline.nodue", t.ID)
		ok = false
	}
	if d.ID != "" {
		d.Key = "id@" + d.ID
	}
	for _, en := range l.sequence(escNode, "escalate") {
		var e plan.Escalation
		var afterNode, escTo *yaml.Node
		l.mapping(en, "escalate", fields{
			"after": func(v *yaml.Node) { afterNode = v },
			"to":    func(v *yaml.Node) { escTo = v },
		})
		if afterNode == nil {
			l.errorAt(en, "escalate.noafter")
			ok = false
			continue
		}
		var good bool
		if e.After, good = l.duration(afterNode, "after"); !good {
			ok = false
			continue
		}
		if escTo != nil {
			e.To = l.unitRefs(escTo, "to", pc.cfg)
		} else {
			for _, u := range d.By {
				if unit := pc.cfg.Units[u]; unit != nil && len(unit.EscalateTo) == 0 {
					l.errorAt(en, "escalate.noto", u)
					ok = false
				}
			}
		}
		d.Escalate = append(d.Escalate, e)
	}
	return d, ok
}
