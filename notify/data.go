package notify

import (
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// Data is a message's facts one by one, for the channels that carry
// fields rather than a text a person reads whole: a Zalo ZNS template's
// parameters, a webhook's JSON. Render fills it for plan.ChannelZalo and
// plan.ChannelWebhook, from the same view as the email and the SMS. Names
// are in the service language, times in the plan's zone.
type Data struct {
	Lang     lang.Lang
	Kind     string // distribution … escalation, or digest
	Plan     string // plan id
	Task     string
	Deadline string // deadline id
	Unit     string // recipient unit id
	// Due is the deadline's due time, At the send time, Start and End
	// the task's.
	Due   time.Time
	At    time.Time
	Start time.Time
	End   time.Time
	// AckURL is the acknowledgement link, empty when the unit confirms
	// nothing; AckCode its SMS code.
	AckURL  string
	AckCode string

	// Texts, for a template's parameters.
	UnitName, PlanTitle, TaskTitle, Ref, DeadlineTitle string
	Role, Contact, Late                                string
	DaysLate                                           int
	// DueAllDay tells that Due stands for the whole day (a due date
	// written without a time): it is written as a date.
	DueAllDay bool
}

// Field returns the field name of m as text (see plan.MessageFields), and
// whether m has such a field. Dates are dd/mm/yyyy, with hh:mm when the
// time of day was written.
func (m *Message) Field(name string) (string, bool) {
	d := m.Data
	if d == nil {
		d = &Data{}
	}
	switch name {
	case "subject":
		return m.Subject, true
	case "text":
		return m.Text, true
	case "unit":
		return d.UnitName, true
	case "plan":
		return d.PlanTitle, true
	case "task":
		return d.TaskTitle, true
	case "ref":
		return d.Ref, true
	case "deadline":
		return d.DeadlineTitle, true
	case "due":
		if d.DueAllDay {
			return dateOf(d.Due), true
		}
		return dateTimeOf(d.Due), true
	case "start":
		return dateOf(d.Start), true
	case "end":
		return dateOf(d.End), true
	case "at":
		return dateTimeOf(d.At), true
	case "role":
		return d.Role, true
	case "kind":
		if d.Kind == "" {
			return "", true
		}
		return lang.Message{Key: "kind." + d.Kind}.Text(d.Lang), true
	case "late":
		return d.Late, true
	case "days_late":
		if d.DaysLate == 0 {
			return "", true
		}
		return strconv.Itoa(d.DaysLate), true
	case "contact":
		return d.Contact, true
	case "ack_url":
		return d.AckURL, true
	case "ack_code":
		return d.AckCode, true
	}
	return "", false
}

func dateOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatDate(t)
}

func dateTimeOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatDateTime(t)
}

// fieldMessage completes m, a message on a channel of fields (Zalo, the
// webhook), from v and n: its subject as the email's, its text as the
// SMS's first paragraph with diacritics and uncut (the link and code are
// fields of their own), and its Data.
func fieldMessage(m *Message, set *template.Template, v *view, n *plan.Notification) (*Message, error) {
	subject, err := execute(set, "subject", v)
	if err != nil {
		return nil, err
	}
	body, err := execute(set, "sms", v)
	if err != nil {
		return nil, err
	}
	m.Subject = OneLine(subject)
	m.Text = strings.ReplaceAll(OneLine(body), "….", "…")
	d := &Data{
		Lang: v.Lang, Kind: string(n.Kind), Plan: n.Plan, Task: n.Task, Deadline: n.DeadlineID, Unit: n.Unit,
		At: v.At, AckURL: v.AckURL, AckCode: v.AckCode,
		UnitName: v.Unit, PlanTitle: v.Plan.Title, Late: joinNames(v.Late), DaysLate: v.LateDays,
		Role: lang.Message{Key: "role." + string(v.Role)}.Text(v.Lang),
	}
	if t := v.Task; t != nil {
		d.TaskTitle, d.Ref, d.Start, d.End = t.Title, t.Ref, t.Start, t.End
	}
	if dl := v.Deadline; dl != nil {
		d.DeadlineTitle, d.Due = dl.Title, dl.Due
		d.DueAllDay = calendar.ClockOf(dl.Due) == calendar.EndOfDay
	}
	if c := v.Contact; c != nil {
		d.Contact = strings.Trim(c.Name+", "+c.Phone, ", ")
	}
	m.Data = d
	return m, nil
}

// fieldChannel reports whether channel carries fields (Zalo, the
// webhook) rather than a text of its own.
func fieldChannel(channel string) bool {
	return channel == plan.ChannelZalo || channel == plan.ChannelWebhook
}

// digestFields completes m, the digest d on a channel of fields, as
// fieldMessage does a notification's: the dashboard's link stands as the
// link, there being nothing to confirm.
func digestFields(m *Message, set *template.Template, v *digestView, d *Digest, owner *plan.Unit, p *plan.Plan) (*Message, error) {
	subject, err := execute(set, "subject", v)
	if err != nil {
		return nil, err
	}
	body, err := execute(set, "sms", v)
	if err != nil {
		return nil, err
	}
	m.Subject, m.Text = OneLine(subject), OneLine(body)
	m.Data = &Data{Lang: v.Lang, Kind: string(KindDigest), Plan: p.ID, Unit: owner.ID, At: v.Day,
		AckURL: v.Dashboard, UnitName: v.Unit, PlanTitle: v.Plan.Title,
		Role: lang.Message{Key: "role." + string(plan.RoleOwner)}.Text(v.Lang)}
	return m, nil
}

// Payload is a message as the webhook posts it, and as the outbox keeps a
// message for Zalo or the webhook: its ids, times (RFC 3339, the plan's
// offset), subject, text and link. To lists the phones of a Zalo message
// in the outbox; the webhook has none.
type Payload struct {
	ID       string    `json:"id"`
	Plan     string    `json:"plan"`
	Kind     string    `json:"kind"`
	Task     string    `json:"task,omitempty"`
	Deadline string    `json:"deadline,omitempty"`
	Unit     string    `json:"unit"`
	Due      time.Time `json:"due,omitzero"`
	At       time.Time `json:"at"`
	Subject  string    `json:"subject"`
	Text     string    `json:"text"`
	AckURL   string    `json:"ack_url,omitempty"`
	To       []string  `json:"to,omitempty"`
}

// PayloadOf returns the payload of m, a message rendered for Zalo or the
// webhook.
func PayloadOf(m *Message) Payload {
	p := Payload{ID: m.ID, Unit: m.Unit, Subject: m.Subject, Text: m.Text}
	if d := m.Data; d != nil {
		p.Plan, p.Kind, p.Task, p.Deadline, p.Unit = d.Plan, d.Kind, d.Task, d.Deadline, d.Unit
		p.Due, p.At, p.AckURL = d.Due, d.At, d.AckURL
	}
	return p
}
