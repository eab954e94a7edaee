package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
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

// Notification is one message to one unit at one time. The scheduler
// stores it with each delivery and behind each link token, as JSON
// (MarshalJSON), so its JSON names are part of the store's format.
type Notification struct {
	// ID is a hash of (plan, task, rule, occurrence time, unit): editing a
	// title or a contact keeps it, moving a date changes it.
	ID   string    `json:"id"`
	At   time.Time `json:"at"`
	Plan string    `json:"plan"`
	Task string    `json:"task,omitempty"` // empty for the distribution of the plan
	// Rule is the key of the rule that made the notification, part of
	// ID. It names the rule; what the notification is about is in the
	// typed fields (Kind, DeadlineID, Seq…), not to be read out of it.
	Rule string `json:"rule"`
	Kind Kind   `json:"kind"`
	Unit string `json:"unit"`
	Role Role   `json:"role"`
	// Channels the unit is reached on for this notification.
	Channels []string `json:"channels"`
	// Condition and About make the notification conditional.
	Condition Condition `json:"condition,omitempty"`
	About     []Subject `json:"about,omitempty"`
	// AckID is the id a receipt acknowledgement of this message hangs on:
	// ID itself, except for an SMS moved out of the quiet hours, which
	// shares the id of its email.
	AckID string `json:"ack_id"`
	// DeadlineID names the deadline occurrence (Plan.Occurrence) for
	// deadline, overdue and escalation notifications.
	DeadlineID string `json:"deadline_id,omitempty"`
	// Event is what the notification is about: the task's start or end, the
	// reminder's own time, or the due time of a deadline.
	Event time.Time `json:"event,omitzero"`
	// Seq counts overdue notices and escalation steps, from 1.
	Seq int `json:"seq,omitempty"`
	// Deferred marks the SMS half of a notification that fell inside the
	// quiet hours and waits for their end.
	Deferred bool `json:"deferred,omitempty"`
}

// Conditional reports whether the store decides at send time if the
// notification still goes.
func (n *Notification) Conditional() bool { return n.Condition != Always }

// Repeat reports whether n is a reminder or a distribution sent again
// because its receipt was not confirmed within ack_within: the only
// notifications waiting on a receipt that do not go to the plan's owner.
func (n *Notification) Repeat() bool {
	return n.Condition == NotAcked && n.Kind != KindEscalation
}

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

// PayloadVersion is the version of a Notification's JSON that MarshalJSON
// writes, in its "v" field. Version 1 is the JSON the scheduler stored
// before there were versions: the Go field names, and no "v".
const PayloadVersion = 2

// notificationFields is a Notification without its JSON methods.
type notificationFields Notification

// MarshalJSON encodes n as the scheduler stores it, with each delivery
// and behind each link token: its fields under their json names, and
// "v": PayloadVersion.
func (n Notification) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		V int `json:"v"`
		notificationFields
	}{PayloadVersion, notificationFields(n)})
}

// UnmarshalJSON decodes a notification that MarshalJSON encoded, of this
// version or of version 1, so that the deliveries and links of a store
// written before versions keep working. A version newer than
// PayloadVersion is an error: it was written by a newer nhacviec.
func (n *Notification) UnmarshalJSON(b []byte) error {
	var head struct {
		V int `json:"v"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return fmt.Errorf("decode notification: %w", err)
	}
	switch head.V {
	case 0, 1:
		var old notificationV1
		if err := json.Unmarshal(b, &old); err != nil {
			return fmt.Errorf("decode notification (version 1): %w", err)
		}
		*n = Notification(old)
	case PayloadVersion:
		var f notificationFields
		if err := json.Unmarshal(b, &f); err != nil {
			return fmt.Errorf("decode notification: %w", err)
		}
		*n = Notification(f)
	default:
		return fmt.Errorf("decode notification: version %d is newer than this program's %d", head.V, PayloadVersion)
	}
	return nil
}

// notificationV1 is a notification in the JSON of version 1: the Go names
// of Notification's fields, which encoding/json used for want of tags.
// Do not change it: stores hold it. UnmarshalJSON converts it to a
// Notification, whose fields it must match one for one (a field added to
// Notification stops the conversion from compiling: convert by hand then).
type notificationV1 struct {
	ID         string
	At         time.Time
	Plan       string
	Task       string
	Rule       string
	Kind       Kind
	Unit       string
	Role       Role
	Channels   []string
	Condition  Condition
	About      []Subject
	AckID      string
	DeadlineID string
	Event      time.Time
	Seq        int
	Deferred   bool
}
