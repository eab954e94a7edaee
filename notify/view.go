package notify

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// view is what the templates see, the embedded ones and a plan's own: the
// notification with its plan, task and units looked up, names instead of
// ids, times in the plan's zone. Its exported fields are the fields a
// plan's template can use, as TEMPLATES.md documents them for the officer
// who writes one (keep the two in step: a test compares them). A part a
// message does not have is nil: Task for a distribution and for an
// escalation about the receipt of one; Deadline for a distribution, a
// reminder and an escalation about a receipt.
type view struct {
	Lang    lang.Lang // vi or en: the service language
	Kind    plan.Kind // distribution, reminder, deadline, overdue or escalation
	Channel string    // email or sms
	Plan    planView
	Task    *taskView // nil for the distribution of the plan
	Unit    string    // the recipient's name
	// Relation is the recipient's relation to the issuer: noi-bo (own
	// office: is assigned work), doan-the (Front and mass organisations:
	// is asked to coordinate), cap-tren (higher level, Party committee,
	// People's Council: is reported to, confirms nothing) or khac.
	Relation plan.Relation
	// Role is the recipient's part: lead (chủ trì), support (phối hợp),
	// recipient (nơi nhận), reporter (must report), superior (receives
	// an escalation) or owner (follows the plan). {{template "role"
	// .Role}} writes it in words.
	Role plan.Role
	// Form is the reminder's form: before, start, end, every, before_end
	// or on.
	Form string
	// Repeat marks a reminder or distribution sent again because its
	// receipt was not confirmed within ack_within.
	Repeat   bool
	At       time.Time // send time
	Event    time.Time // what the notification is about
	Deadline *deadlineView
	// Seq and Max count overdue notices (Max is overdue_max) and
	// escalation steps (Max is the number of steps).
	Seq, Max int
	// Late names the units an escalation is about; NotAcked tells that
	// they did not confirm receipt, rather than not report.
	Late     []string
	NotAcked bool
	// LateDays is how many whole days past the due time an overdue
	// notice or an escalation goes.
	LateDays int
	// Tasks are, for a distribution, the tasks in which the unit has a
	// part.
	Tasks []*taskView
	// AckURL is the link to the acknowledgement page, AckCode the code
	// of an SMS reply; both empty when the message has none, as for a
	// unit that confirms nothing (cap-tren) unless it must report.
	AckURL, AckCode string
	// DocumentURL is the link that downloads the plan document, when the
	// plan has one (Plan.Document) and the message links.
	DocumentURL string
	// Contact is the person to call about the plan: the owner unit's
	// first contact; nil in a message to the owner itself.
	Contact *contactView
	// CanDone tells that the unit can report the work done (deadline and
	// overdue notices to the reporting unit).
	CanDone bool
	// Body, Ack and Footer are the rendered parts of an email, for the
	// HTML layout: empty while subject, body and sms are rendered.
	Body, Ack, Footer string
}

// planView is .Plan: the plan as its header names it.
type planView struct {
	Title, Issuer, Number string
	Issued                time.Time // the day it was signed; zero when not written
	Signer                string    // who signed it (người ký)
	Document              string    // the plan document's file name, attached to the distribution
	From, To              time.Time // the plan period's first and last days
}

// contactView is .Contact: a person, with a phone written as people
// dial it (0912 345 678).
type contactView struct {
	Name, Role, Phone, Email string
}

// taskView is .Task, and each of .Tasks.
type taskView struct {
	Ref, Title, Description string
	Heading                 string // "II.3. Title"
	Kind                    string // ongoing | day | window
	// Start and End bound the task; StartTimed and EndTimed tell whether
	// their time of day was written or they stand for whole days.
	Start, End           time.Time
	StartTimed, EndTimed bool
	// Tentative tells that the plan document gives no such dates: they
	// are the plan writer's (dự kiến).
	Tentative     bool
	Lead, Support []string // unit names
	// Role and Deadlines are the recipient's part in the task, for a
	// distribution.
	Role      plan.Role
	Deadlines []*deadlineView
}

// deadlineView is .Deadline, and each of a task's Deadlines.
type deadlineView struct {
	Title string
	Due   time.Time // zero for a recurring deadline listed in a distribution
	To    []string  // names of the units that receive the report
	By    []string  // names of the units that must report
	// Tentative tells that the plan document gives no such due time.
	Tentative bool
}

func newView(cfg *plan.Config, n *plan.Notification, channel string, links Links) (*view, error) {
	p := cfg.Plan(n.Plan)
	if p == nil {
		return nil, fmt.Errorf("no plan %q", n.Plan)
	}
	unit := cfg.Units[n.Unit]
	if unit == nil {
		return nil, fmt.Errorf("no unit %q", n.Unit)
	}
	loc := p.Location
	if loc == nil {
		loc = cfg.Service.Location
	}
	v := &view{
		Lang:     cfg.Service.Language,
		Kind:     n.Kind,
		Channel:  channel,
		Plan:     newPlanView(p, loc),
		Unit:     unit.Name,
		Relation: unit.Relation,
		Role:     n.Role,
		At:       inZone(n.At, loc),
		Event:    inZone(n.Event, loc),
		Seq:      n.Seq,
	}
	if v.Lang != lang.English {
		v.Lang = lang.Vietnamese
	}
	sendTime := cfg.Service.SendTime
	names := func(ids []string) []string { return cfg.UnitNames(ids) }
	var task *plan.Task
	if n.Task != "" {
		if task = p.Task(n.Task); task == nil {
			return nil, fmt.Errorf("no task %q in plan %s", n.Task, p.ID)
		}
		v.Task = newTaskView(task, loc, sendTime, names)
	}
	v.Repeat = n.Repeat()
	if r := task.ReminderOf(n); r != nil {
		v.Form = reminderForm(r.Kind)
	}
	if o := p.Occurrence(n.DeadlineID); o != nil {
		d := o.Deadline
		v.Deadline = &deadlineView{Title: d.Title, Due: inZone(o.Due, loc), To: names(o.To), By: names(o.By), Tentative: d.Tentative}
		switch n.Kind {
		case plan.KindOverdue:
			v.Max = d.OverdueMax
		case plan.KindEscalation:
			v.Max = len(d.Escalate)
		}
		if n.Kind == plan.KindOverdue || n.Kind == plan.KindEscalation {
			v.LateDays = int(n.At.Sub(o.Due) / (24 * time.Hour))
		}
	}
	if n.Kind == plan.KindEscalation {
		for _, s := range n.About {
			v.Late = append(v.Late, cfg.UnitName(s.Unit))
		}
		v.NotAcked = n.Condition == plan.NotAcked
	}
	if n.Kind == plan.KindDistribution {
		v.Tasks = unitTasks(p, n.Unit, loc, sendTime, names)
	}
	v.CanDone = n.Role == plan.RoleReporter && (n.Kind == plan.KindDeadline || n.Kind == plan.KindOverdue)
	if links != nil && (unit.Confirms() || v.CanDone) {
		v.AckURL = links.AckURL(n)
		v.AckCode = links.AckCode(n)
	}
	if dl, ok := links.(DocumentLinks); ok && v.Plan.Document != "" {
		v.DocumentURL = dl.DocumentURL(n)
	}
	if n.Unit != p.Owner {
		v.Contact = ownerContact(cfg, p)
	}
	return v, nil
}

// DocumentLinks is Links that can also link the plan document of a
// notification's plan (ack.Links does): Render then gives the view a
// DocumentURL.
type DocumentLinks interface {
	DocumentURL(n *plan.Notification) string
}

func newPlanView(p *plan.Plan, loc *time.Location) planView {
	pv := planView{Title: p.Title, Issuer: p.Issuer, Number: p.Number, Signer: p.Signer,
		From: p.From.At(0, loc), To: p.To.At(0, loc)}
	if !p.Issued.IsZero() {
		pv.Issued = p.Issued.At(0, loc)
	}
	if d := p.Distribute; d != nil && d.Document != "" {
		pv.Document = filepath.Base(d.Document)
	}
	return pv
}

// ownerContact is the first contact of p's owner, or nil.
func ownerContact(cfg *plan.Config, p *plan.Plan) *contactView {
	u := cfg.Units[p.Owner]
	if u == nil || len(u.Contacts) == 0 {
		return nil
	}
	c := u.Contacts[0]
	return &contactView{Name: c.Name, Role: c.Role, Phone: DialPhone(c.Phone), Email: c.Email}
}

// DialPhone writes an E.164 number as people dial it: a Vietnamese mobile
// +84912345678 as 0912 345 678, another Vietnamese number with its trunk
// 0, a foreign number as it is.
func DialPhone(e164 string) string {
	national, ok := strings.CutPrefix(e164, "+84")
	if !ok {
		return e164
	}
	national = "0" + national
	if len(national) == 10 {
		return national[:4] + " " + national[4:7] + " " + national[7:]
	}
	return national
}

func reminderForm(k plan.RemindKind) string {
	switch k {
	case plan.RemindBefore:
		return "before"
	case plan.RemindAtStart:
		return "start"
	case plan.RemindAtEnd:
		return "end"
	case plan.RemindEvery:
		return "every"
	case plan.RemindBeforeEnd:
		return "before_end"
	}
	return "on"
}

func newTaskView(t *plan.Task, loc *time.Location, send calendar.Clock, names func([]string) []string) *taskView {
	tv := &taskView{
		Ref: strings.TrimSuffix(strings.TrimSpace(t.Ref), "."), Title: t.Title,
		Description: strings.TrimSpace(t.Description),
		Lead:        names(t.Lead), Support: names(t.Support),
		Start: t.Start.In(loc), End: t.Last.In(loc), Tentative: t.Tentative,
	}
	tv.Heading = t.Heading()
	// A date written without a time stands for the whole day: the start
	// is then at send_time and the end at the end of the day.
	tv.StartTimed = calendar.ClockOf(tv.Start) != send
	tv.EndTimed = calendar.ClockOf(tv.End) != calendar.EndOfDay
	switch t.Kind {
	case plan.Ongoing:
		tv.Kind = "ongoing"
		tv.StartTimed, tv.EndTimed = false, false
	case plan.OneDay:
		tv.Kind = "day"
		tv.EndTimed = false
	default:
		tv.Kind = "window"
	}
	return tv
}

// unitTasks lists the tasks of p in which unit leads, supports or reports,
// for the distribution of the plan.
func unitTasks(p *plan.Plan, unit string, loc *time.Location, send calendar.Clock, names func([]string) []string) []*taskView {
	var out []*taskView
	for _, t := range p.Tasks {
		tv := newTaskView(t, loc, send, names)
		switch {
		case contains(t.Lead, unit):
			tv.Role = plan.RoleLead
		case contains(t.Support, unit):
			tv.Role = plan.RoleSupport
		}
		for i := range t.Deadlines {
			d := &t.Deadlines[i]
			if !contains(d.By, unit) {
				continue
			}
			dv := &deadlineView{Title: d.Title, To: names(d.To), By: names(d.By), Tentative: d.Tentative}
			if d.DueEvery == nil {
				// A one-off deadline has one occurrence: its due time, moved.
				for _, o := range p.Occurrences() {
					if o.Deadline == d {
						dv.Due = inZone(o.Due, loc)
					}
				}
			}
			tv.Deadlines = append(tv.Deadlines, dv)
		}
		if tv.Role != "" || len(tv.Deadlines) > 0 {
			out = append(out, tv)
		}
	}
	return out
}
