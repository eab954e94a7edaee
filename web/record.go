package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"

	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// Recorder stores acknowledgements.
type Recorder interface {
	RecordAck(store.Ack) (store.Ack, bool, error)
}

// Acknowledge records, for n's unit, the receipt of n or (done) that its
// deadline is reported done, which implies the receipt. a gives who, how,
// when and the note; it returns the record stored first and whether this
// call created it. The pages, SMS replies, the dashboard and the ack
// command all record through it.
func Acknowledge(st Recorder, n *plan.Notification, done bool, a store.Ack) (store.Ack, bool, error) {
	a.Unit, a.Plan, a.Task = n.Unit, n.Plan, n.Task
	if done {
		if !canDone(n) {
			return store.Ack{}, false, ErrNotReportable
		}
		d := a
		d.Subject, d.Kind = n.DeadlineID, store.Done
		stored, created, err := st.RecordAck(d)
		if err != nil {
			return store.Ack{}, false, err
		}
		if _, _, err := Acknowledge(st, n, false, a); err != nil {
			return store.Ack{}, false, err
		}
		return stored, created, nil
	}
	var first store.Ack
	var created bool
	for i, id := range receiptSubjects(n) {
		a.Subject, a.Kind = id, store.Received
		stored, c, err := st.RecordAck(a)
		if err != nil {
			return store.Ack{}, false, err
		}
		if i == 0 {
			first, created = stored, c
		}
	}
	return first, created, nil
}

// ErrNotReportable means a "done" was asked of a notification that is not
// a deadline or overdue notice to the reporting unit.
var ErrNotReportable = errors.New("this notification is not a deadline of its unit: only its receipt can be confirmed")

// Finder finds notifications in the store.
type Finder interface {
	Token(token string) ([]byte, error)
	TokensWithPrefix(prefix string, fn func(token string, payload []byte) error) error
	Deliveries(fn func(store.Delivery) error) error
}

var (
	hexID   = regexp.MustCompile(`^[0-9a-f]{32}$`)
	smsCode = regexp.MustCompile(`^[0-9]{4}$`)
)

// ErrUnknownNotification means no sent notification matches what was given.
var ErrUnknownNotification = errors.New("no sent notification has this id, link token or code")

// FindNotification returns the notification that key names: a link token
// (the end of an /a/ link), a notification id, or a 4-digit SMS code with
// its unit (the most recent notification of that unit with that code).
func FindNotification(st Finder, secret []byte, key, unit string) (*plan.Notification, error) {
	var payload []byte
	switch {
	case hexID.MatchString(key):
		err := st.Deliveries(func(d store.Delivery) error {
			if d.ID == key && len(d.Payload) > 0 {
				payload = d.Payload
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	case smsCode.MatchString(key):
		if unit == "" {
			return nil, fmt.Errorf("an SMS code needs the unit (--unit): codes are only unique within a unit")
		}
		var best plan.Notification
		err := st.TokensWithPrefix("sms:"+unit+":"+key+":", func(_ string, p []byte) error {
			var n plan.Notification
			if json.Unmarshal(p, &n) == nil && (payload == nil || n.At.After(best.At)) {
				best, payload = n, p
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	case wellFormed(key):
		p, err := st.Token(key)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return nil, err
		}
		payload = p
	}
	if payload == nil {
		return nil, ErrUnknownNotification
	}
	var n plan.Notification
	if err := json.Unmarshal(payload, &n); err != nil {
		return nil, err
	}
	if wellFormed(key) && !validMAC(secret, key, n.ID) {
		return nil, ErrUnknownNotification
	}
	return &n, nil
}
