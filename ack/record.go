package ack

import (
	"errors"
	"fmt"
	"time"

	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// ErrNotReportable means a "done" was asked of a notification that is not
// a deadline or overdue notice to the reporting unit.
var ErrNotReportable = errors.New("this notification is not a deadline of its unit: only its receipt can be confirmed")

// Recorder stores acknowledgements: *store.DB.
type Recorder interface {
	RecordAck(store.Ack) (stored store.Ack, created bool, err error)
}

// CanDone tells whether n lets its unit report the work done: a deadline
// or overdue notice to the reporting unit (as the messages say).
func CanDone(n *plan.Notification) bool {
	return n.Role == plan.RoleReporter && n.DeadlineID != "" &&
		(n.Kind == plan.KindDeadline || n.Kind == plan.KindOverdue)
}

// Subject is the id an acknowledgement of kind of n hangs on: its
// deadline's id for done, else its AckID (shared by a deferred SMS and
// its email).
func Subject(n *plan.Notification, kind store.AckKind) string {
	if kind == store.Done {
		return n.DeadlineID
	}
	return receiptSubjects(n)[0]
}

// receiptSubjects are the ids a receipt of n confirms: its AckID (shared
// by a deferred SMS and its email) and, for the repeat of a reminder not
// confirmed in time, the original message, which the repeat stands for.
func receiptSubjects(n *plan.Notification) []string {
	ids := []string{n.AckID}
	if n.AckID == "" {
		ids[0] = n.ID
	}
	if n.Condition == plan.NotAcked && n.Role != plan.RoleOwner {
		for _, sub := range n.About {
			if sub.Unit == n.Unit && sub.ID != "" && sub.ID != ids[0] {
				ids = append(ids, sub.ID)
			}
		}
	}
	return ids
}

// Record records, for n's unit, what a.Kind says: store.Received, the
// receipt of n; store.Done, that its deadline is reported done, which
// implies the receipt (ErrNotReportable unless CanDone(n)). a gives who,
// how, when and the note; n gives the unit, plan, task and subjects. It
// returns the record stored first and whether this call created it. The
// pages, SMS replies and the ack command all record through it.
func Record(st Recorder, n *plan.Notification, a store.Ack) (store.Ack, bool, error) {
	a.Unit, a.Plan, a.Task = n.Unit, n.Plan, n.Task
	switch a.Kind {
	case store.Done:
		if !CanDone(n) {
			return store.Ack{}, false, ErrNotReportable
		}
		a.Subject = n.DeadlineID
		stored, created, err := st.RecordAck(a)
		if err != nil {
			return store.Ack{}, false, fmt.Errorf("record done: %w", err)
		}
		a.Kind = store.Received
		if _, _, err := Record(st, n, a); err != nil {
			return store.Ack{}, false, err
		}
		return stored, created, nil
	case store.Received:
		var first store.Ack
		var created bool
		for i, id := range receiptSubjects(n) {
			a.Subject = id
			stored, c, err := st.RecordAck(a)
			if err != nil {
				return store.Ack{}, false, fmt.Errorf("record receipt: %w", err)
			}
			if i == 0 {
				first, created = stored, c
			}
		}
		return first, created, nil
	}
	return store.Ack{}, false, fmt.Errorf("record acknowledgement: unknown kind %q", a.Kind)
}

// Request asks, by key, to acknowledge a notification on its unit's
// behalf: the ack command's question, asked of the store or, as JSON, of
// the running daemon.
type Request struct {
	// Key is a notification id, a link token, or an SMS code with Unit.
	Key  string `json:"key"`
	Unit string `json:"unit,omitempty"`
	// Done reports the deadline done, instead of confirming receipt.
	Done bool   `json:"done"`
	By   string `json:"by"`
	Note string `json:"note,omitempty"`
}

// Result is what a Request recorded, or why it recorded nothing.
type Result struct {
	Unit    string    `json:"unit"`
	Task    string    `json:"task"`
	Kind    string    `json:"kind"` // the notification's kind
	At      time.Time `json:"at"`   // when the acknowledgement was first recorded
	Created bool      `json:"created"`
	// Error is empty on success, else one of the Refused codes or the
	// text of an internal error.
	Error string `json:"error,omitempty"`
}

// Refused codes of Result.Error.
const (
	RefusedUnknown       = "ack.unknown"     // ErrUnknownNotification
	RefusedNeedUnit      = "ack.needunit"    // ErrNeedUnit
	RefusedNotReportable = "ack.notdeadline" // ErrNotReportable
)

// Apply finds the notification req names and records, at at, the
// acknowledgement it asks for, by req.By through via.
func Apply(find Finder, rec Recorder, secret []byte, req Request, via string, at time.Time) Result {
	n, err := Find(find, secret, req.Key, req.Unit)
	if err == nil {
		kind := store.Received
		if req.Done {
			kind = store.Done
		}
		var a store.Ack
		var created bool
		a, created, err = Record(rec, n, store.Ack{Kind: kind, By: req.By, Via: via, Note: req.Note, At: at})
		if err == nil {
			return Result{Unit: n.Unit, Task: n.Task, Kind: string(n.Kind), At: a.At, Created: created}
		}
	}
	switch {
	case errors.Is(err, ErrUnknownNotification):
		return Result{Error: RefusedUnknown}
	case errors.Is(err, ErrNeedUnit):
		return Result{Error: RefusedNeedUnit}
	case errors.Is(err, ErrNotReportable):
		return Result{Error: RefusedNotReportable}
	}
	return Result{Error: err.Error()}
}
