package config

import (
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/plan"
	"go.yaml.in/yaml/v3"
)

// planCtx is what the parts of one plan need while they are read.
type planCtx struct {
	cfg  *plan.Config
	plan *plan.Plan
	year int
}

func (l *loader) dateTime(v *yaml.Node, what string, year int) (calendar.DateTime, bool) {
	s, ok := l.scalar(v, what)
	if !ok {
		return calendar.DateTime{}, false
	}
	dt, err := calendar.ParseDateTime(strings.TrimSpace(s), year)
	if err != nil {
		l.fail(v, err)
		return calendar.DateTime{}, false
	}
	return dt, true
}

func (l *loader) duration(v *yaml.Node, what string) (calendar.Duration, bool) {
	s, ok := l.scalar(v, what)
	if !ok {
		return calendar.Duration{}, false
	}
	d, err := calendar.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		l.fail(v, err)
		return calendar.Duration{}, false
	}
	return d, true
}

func (l *loader) plan(n *yaml.Node, cfg *plan.Config) *plan.Plan {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		l.errorAt(n, "type.mapping", "plans", kindName(n))
		return nil
	}
	p := &plan.Plan{File: l.file, Timezone: cfg.Service.Timezone, Location: cfg.Service.Location, Pos: l.pos(n)}
	pc := &planCtx{cfg: cfg, plan: p}
	ok := true
	// year, timezone and the period are read first: every date needs them.
	if v := lookup(n, "year"); v != nil {
		if y, good := l.integer(v, "year"); good {
			if y < 1970 || y > 2200 {
				l.errorAt(v, "plan.year", y)
				ok = false
			} else {
				p.Year, pc.year = y, y
			}
		} else {
			ok = false
		}
	}
	if v := lookup(n, "timezone"); v != nil {
		if name, good := l.scalar(v, "timezone"); good {
			if loc, good := l.location(v, name); good {
				p.Timezone, p.Location = name, loc
			}
		}
	}
	fromNode, toNode := lookup(n, "from"), lookup(n, "to")
	if fromNode != nil {
		if d, good := l.dateTime(fromNode, "from", pc.year); good {
			p.From = d.Date
		} else {
			ok = false
		}
	} else if p.Year != 0 {
		p.From = calendar.Date{Year: p.Year, Month: time.January, Day: 1}
	}
	if toNode != nil {
		if d, good := l.dateTime(toNode, "to", pc.year); good {
			p.To = d.Date
		} else {
			ok = false
		}
	} else if p.Year != 0 {
		p.To = calendar.Date{Year: p.Year, Month: time.December, Day: 31}
	}
	if ok && (p.From.IsZero() || p.To.IsZero()) {
		l.errorAt(n, "plan.noperiod")
		ok = false
	}
	if ok && p.To.Before(p.From) {
		l.errorAt(toNode, "plan.period", p.To, p.From)
		ok = false
	}
	var idNode, titleNode, ownerNode, distNode, tasksNode, templatesNode *yaml.Node
	l.mapping(n, "plan", fields{
		"id":         func(v *yaml.Node) { idNode = v; p.ID, _ = l.scalar(v, "id") },
		"title":      func(v *yaml.Node) { titleNode = v; p.Title = l.text(v, "title") },
		"issuer":     func(v *yaml.Node) { p.Issuer = l.text(v, "issuer") },
		"number":     func(v *yaml.Node) { p.Number = l.text(v, "number") },
		"issued":     func(v *yaml.Node) { p.Issued = l.date(v, "issued", pc.year) },
		"signer":     func(v *yaml.Node) { p.Signer = l.text(v, "signer") },
		"year":       nil,
		"timezone":   nil,
		"from":       nil,
		"to":         nil,
		"owner":      func(v *yaml.Node) { ownerNode = v },
		"distribute": func(v *yaml.Node) { distNode = v },
		"tasks":      func(v *yaml.Node) { tasksNode = v },
		"templates":  func(v *yaml.Node) { templatesNode = v },
	})
	if p.ID == "" {
		if idNode == nil {
			l.errorAt(n, "plan.noid")
		}
		ok = false
	} else if !l.checkID(idNode, p.ID, "plan") {
		ok = false
	}
	if p.Title == "" && !wrongType(titleNode) {
		l.errorAt(n, "plan.notitle", p.ID)
	}
	if idNode != nil {
		l.idPos[p] = l.pos(idNode)
	}
	if ownerNode == nil {
		l.errorAt(n, "plan.noowner", p.ID)
	} else if owner, good := l.scalar(ownerNode, "owner"); good {
		if cfg.Units[owner] == nil {
			l.unknownRef(ownerNode, owner, cfg, nil)
		} else {
			p.Owner = owner
		}
	}
	if templatesNode != nil {
		p.Templates = l.templates(templatesNode)
	}
	if !ok {
		// Without a period no date can be checked: report the structure only.
		return nil
	}
	if v := lookup(n, "timezone"); v != nil {
		l.zoneChanges(v, p)
	} else {
		l.zoneChanges(n, p)
	}
	if distNode != nil {
		p.Distribute = l.distribute(distNode, pc)
	}
	ids := map[string]bool{}
	tasks := l.sequence(tasksNode, "tasks")
	if len(tasks) == 0 {
		l.errorAt(n, "plan.notasks", p.ID)
	}
	for _, tn := range tasks {
		if l.stopped() {
			break
		}
		if t := l.task(tn, pc, ids); t != nil {
			p.Tasks = append(p.Tasks, t)
		}
	}
	l.archiveRoles(p, cfg)
	l.otherYear(n, p)
	return p
}

func (l *loader) checkPlanIDs(cfg *plan.Config) {
	seen := map[string]bool{}
	for _, p := range cfg.Plans {
		if seen[p.ID] {
			l.report(l.idPos[p], Error, "id.duplicate", noun("plan"), p.ID)
		}
		seen[p.ID] = true
	}
}

// inPeriod reports whether d lies in the plan period.
func (pc *planCtx) inPeriod(d calendar.Date) bool {
	return !d.Before(pc.plan.From) && !d.After(pc.plan.To)
}

func (l *loader) task(n *yaml.Node, pc *planCtx, ids map[string]bool) *plan.Task {
	t := &plan.Task{Pos: l.pos(n)}
	var idNode, titleNode, leadNode, supportNode, onNode, fromNode, toNode, remindNode, deadlinesNode *yaml.Node
	if !l.mapping(n, "task", fields{
		"id":          func(v *yaml.Node) { idNode = v; t.ID, _ = l.scalar(v, "id") },
		"ref":         func(v *yaml.Node) { t.Ref = l.text(v, "ref") },
		"title":       func(v *yaml.Node) { titleNode = v; t.Title = l.text(v, "title") },
		"description": func(v *yaml.Node) { t.Description = l.text(v, "description") },
		"lead":        func(v *yaml.Node) { leadNode = v },
		"support":     func(v *yaml.Node) { supportNode = v },
		"on":          func(v *yaml.Node) { onNode = v },
		"from":        func(v *yaml.Node) { fromNode = v },
		"to":          func(v *yaml.Node) { toNode = v },
		"remind":      func(v *yaml.Node) { remindNode = v },
		"deadlines":   func(v *yaml.Node) { deadlinesNode = v },
		"tentative":   func(v *yaml.Node) { t.Tentative, _ = l.boolean(v, "tentative") },
	}) {
		if isNull(n) {
			l.errorAt(n, "task.empty")
		}
		return nil
	}
	ok := true
	switch {
	case idNode == nil:
		l.errorAt(n, "task.noid")
		ok = false
	case t.ID == "" || !l.checkID(idNode, t.ID, "task"):
		ok = false
	case ids[t.ID]:
		l.errorAt(idNode, "id.duplicate", noun("task"), t.ID)
		ok = false
	default:
		ids[t.ID] = true
	}
	if t.Title == "" && !wrongType(titleNode) {
		l.errorAt(n, "task.notitle", t.ID)
	}
	cfg, p := pc.cfg, pc.plan
	if leadNode == nil {
		l.errorAt(n, "task.nolead", t.ID)
	} else {
		t.Lead = l.unitRefs(leadNode, "lead", cfg)
	}
	if supportNode != nil {
		lead := map[string]bool{}
		for _, u := range t.Lead {
			lead[u] = true
		}
		for _, u := range l.unitRefs(supportNode, "support", cfg) {
			if !lead[u] {
				t.Support = append(t.Support, u)
			}
		}
	}
	send, loc := cfg.Service.SendTime, p.Location
	switch {
	case onNode != nil && (fromNode != nil || toNode != nil):
		l.errorAt(onNode, "task.onandwindow")
		ok = false
	case onNode != nil:
		dt, good := l.dateTime(onNode, "on", pc.year)
		if !good {
			ok = false
			break
		}
		t.Kind = plan.OneDay
		t.Start = dt.Time(send, loc)
		t.End = t.Start
		t.FirstDay, t.LastDay = dt.Date, dt.Date
		t.Last = dt.Date.At(calendar.EndOfDay, loc)
		if dt.Offset != nil {
			t.FirstDay, t.LastDay = calendar.DateOf(t.Start.In(loc)), calendar.DateOf(t.Start.In(loc))
			t.Last = t.FirstDay.At(calendar.EndOfDay, loc)
		}
	case fromNode != nil || toNode != nil:
		if fromNode == nil || toNode == nil {
			l.errorAt(n, "task.halfwindow", t.ID)
			ok = false
			break
		}
		from, good1 := l.dateTime(fromNode, "from", pc.year)
		to, good2 := l.dateTime(toNode, "to", pc.year)
		if !good1 || !good2 {
			ok = false
			break
		}
		t.Kind = plan.Window
		t.Start = from.Time(send, loc)
		t.End = to.Time(send, loc)
		t.Last = to.Time(calendar.EndOfDay, loc)
		t.FirstDay, t.LastDay = calendar.DateOf(t.Start.In(loc)), calendar.DateOf(t.Last.In(loc))
		if t.Last.Before(t.Start) {
			l.errorAt(toNode, "task.tobeforefrom", to, from)
			ok = false
		}
	default:
		t.Kind = plan.Ongoing
		t.Start = p.From.At(send, loc)
		t.End = p.To.At(send, loc)
		t.Last = p.To.At(calendar.EndOfDay, loc)
		t.FirstDay, t.LastDay = p.From, p.To
	}
	if ok && t.Kind != plan.Ongoing && (t.LastDay.Before(p.From) || t.FirstDay.After(p.To)) {
		l.warnAt(n, "task.outside", t.ID, p.From, p.To)
	}
	keys := map[string]bool{}
	for _, rn := range l.sequence(remindNode, "remind") {
		if r, good := l.reminder(rn, t, pc, ok); good {
			if keys[r.Key] {
				l.errorAt(rn, "remind.duplicate", t.ID)
				continue
			}
			keys[r.Key] = true
			t.Reminders = append(t.Reminders, r)
		}
	}
	for _, dn := range l.sequence(deadlinesNode, "deadlines") {
		if d, good := l.deadline(dn, t, pc); good {
			if keys[d.Key] {
				l.errorAt(dn, "deadline.duplicate", t.ID)
				continue
			}
			keys[d.Key] = true
			t.Deadlines = append(t.Deadlines, d)
		}
	}
	if !ok {
		return nil
	}
	return t
}

// reminder reads one remind: entry. timed tells whether the task's own
// times are known, so offsets from them can be checked.
func (l *loader) reminder(n *yaml.Node, t *plan.Task, pc *planCtx, timed bool) (plan.Reminder, bool) {
	r := plan.Reminder{Pos: l.pos(n)}
	var forms []*yaml.Node
	var formNames []string
	form := func(name string) func(v *yaml.Node) {
		return func(v *yaml.Node) { forms = append(forms, v); formNames = append(formNames, name) }
	}
	var toNode, ackNode *yaml.Node
	if !l.mapping(n, "remind", fields{
		"before":     form("before"),
		"at":         form("at"),
		"every":      form("every"),
		"before_end": form("before_end"),
		"on":         form("on"),
		"to":         func(v *yaml.Node) { toNode = v },
		"ack_within": func(v *yaml.Node) { ackNode = v },
	}) {
		if isNull(n) {
			l.errorAt(n, "remind.noform")
		}
		return r, false
	}
	if len(forms) != 1 {
		if len(forms) == 0 {
			l.errorAt(n, "remind.noform")
		} else {
			l.errorAt(forms[1], "remind.twoforms", formNames[0], formNames[1])
		}
		return r, false
	}
	v, name := forms[0], formNames[0]
	ok := true
	switch name {
	case "before", "before_end":
		r.Kind = plan.RemindBefore
		if name == "before_end" {
			r.Kind = plan.RemindBeforeEnd
		}
		d, good := l.duration(v, name)
		if !good {
			return r, false
		}
		r.Offset = d
		r.Key = name + ":" + d.String()
		if name == "before" && timed && t.Kind == plan.Ongoing {
			l.errorAt(v, "remind.beforeongoing", t.ID)
			ok = false
		}
	case "at":
		s, good := l.scalar(v, "at")
		if !good {
			return r, false
		}
		switch strings.TrimSpace(s) {
		case "start":
			r.Kind = plan.RemindAtStart
		case "end":
			r.Kind = plan.RemindAtEnd
		default:
			l.errorAt(v, "remind.at", s)
			return r, false
		}
		r.Key = "at:" + strings.TrimSpace(s)
	case "every":
		s, good := l.scalar(v, "every")
		if !good {
			return r, false
		}
		sched, good := l.cron(v, s)
		if !good {
			return r, false
		}
		r.Kind, r.Spec, r.Schedule = plan.RemindEvery, strings.TrimSpace(s), sched
		r.Key = "every:" + r.Spec
	case "on":
		dt, good := l.dateTime(v, "on", pc.year)
		if !good {
			return r, false
		}
		r.Kind = plan.RemindOn
		r.On = dt.Time(pc.cfg.Service.SendTime, pc.plan.Location)
		r.Key = "on:" + r.On.UTC().Format(time.RFC3339)
	}
	if toNode != nil {
		r.To = l.unitRefs(toNode, "to", pc.cfg)
	}
	if ackNode != nil {
		d, good := l.duration(ackNode, "ack_within")
		if !good {
			ok = false
		} else if d.IsZero() {
			l.errorAt(ackNode, "remind.ackzero")
			ok = false
		}
		r.AckWithin = d
	}
	return r, ok
}

// wrongType reports whether n is present with a value that is not a single
// one (its type error is already reported).
func wrongType(n *yaml.Node) bool {
	n = resolve(n)
	return n != nil && n.Kind != yaml.ScalarNode
}
