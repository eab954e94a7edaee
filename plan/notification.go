package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Kind is what a notification is for.
type Kind string

// Notification kinds.
const (
	KindDistribution Kind = "distribution" // the plan itself, to "Nơi nhận"
	KindReminder     Kind = "reminder"     // a task is coming, starting, running or ending
	KindDeadline     Kind = "deadline"     // a report is due soon
	KindOverdue      Kind = "overdue"      // a report is late: to the late unit
	KindEscalation   Kind = "escalation"   // a unit is late: to those above it, or to the owner
)

// Role is why a unit receives a notification.
type Role string

// Roles of a recipient.
const (
	RoleLead      Role = "lead"      // chủ trì
	RoleSupport   Role = "support"   // phối hợp
	RoleRecipient Role = "recipient" // named in to: (nơi nhận)
	RoleReporter  Role = "reporter"  // must report a deadline
	RoleSuperior  Role = "superior"  // receives an escalation
	RoleOwner     Role = "owner"     // owns the plan
)

// Condition tells when a conditional notification is still sent.
type Condition string

// Conditions, checked against the store at send time.
const (
	Always   Condition = ""
	NotAcked Condition = "not_acked" // some subject has not confirmed receipt
	NotDone  Condition = "not_done"  // some subject has not reported the deadline done
)

// Subject is a unit whose state a conditional notification depends on, and
// the id that state hangs on: the notification whose receipt is awaited
// (NotAcked), or the deadline occurrence (NotDone).
type Subject struct {
	Unit string `json:"unit"`
	ID   string `json:"id"`
}

// Notification is one message to one unit at one time.
type Notification struct {
	// ID is a hash of (plan, task, rule, occurrence time, unit): editing a
	// title or a contact keeps it, moving a date changes it.
	ID   string
	At   time.Time
	Plan string
	Task string // empty for the distribution of the plan
	Rule string
	Kind Kind
	Unit string
	Role Role
	// Channels the unit is reached on for this notification.
	Channels []string
	// Condition and About make the notification conditional.
	Condition Condition
	About     []Subject
	// AckID is the id a receipt acknowledgement of this message hangs on:
	// ID itself, except for an SMS moved out of the quiet hours, which
	// shares the id of its email.
	AckID string
	// DeadlineID names the deadline occurrence (plan, task, deadline, due)
	// for deadline, overdue and escalation notifications.
	DeadlineID string
	// Event is what the notification is about: the task's start or end, the
	// reminder's own time, or the due time of a deadline.
	Event time.Time
	// Seq counts overdue notices and escalation steps, from 1.
	Seq int
	// Deferred marks the SMS half of a notification that fell inside the
	// quiet hours and waits for their end.
	Deferred bool
}

// Conditional reports whether the store decides at send time if the
// notification still goes.
func (n *Notification) Conditional() bool { return n.Condition != Always }

// NotificationID is the deterministic id of a notification.
func NotificationID(plan, task, rule string, at time.Time, unit string) string {
	var stack [256]byte
	b := stack[:0]
	b = append(b, plan...)
	b = append(b, 0)
	b = append(b, task...)
	b = append(b, 0)
	b = append(b, rule...)
	b = append(b, 0)
	b = at.UTC().AppendFormat(b, "20060102T150405Z")
	b = append(b, 0)
	b = append(b, unit...)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}
