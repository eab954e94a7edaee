package ack

import (
	"cmp"
	"crypto/hmac"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"

	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// Errors of Lookup, Find and MatchSMS, for the caller to explain.
var (
	// ErrUnknownNotification means no sent notification matches what was
	// given: an unknown, ill-formed or forged token, id or code.
	ErrUnknownNotification = errors.New("no sent notification has this id, link token or code")
	// ErrNeedUnit means an SMS code was given without its unit: codes are
	// only unique within a unit.
	ErrNeedUnit = errors.New("an SMS code needs the unit (--unit): codes are only unique within a unit")
)

// Tokens reads the token index that Links' entries are recorded in.
type Tokens interface {
	Token(token string) ([]byte, error)
	TokensWithPrefix(prefix string, fn func(token string, payload []byte) error) error
}

// Finder finds notifications in the store by token, code or id.
type Finder interface {
	Tokens
	Deliveries(fn func(store.Delivery) error) error
}

// encodeNotification and decodeNotification are the one place that knows
// how a notification is written in the token index and in
// Delivery.Payload.
func encodeNotification(n *plan.Notification) ([]byte, error) { return json.Marshal(n) }

func decodeNotification(payload []byte) (*plan.Notification, error) {
	var n plan.Notification
	if err := json.Unmarshal(payload, &n); err != nil {
		return nil, fmt.Errorf("decode notification: %w", err)
	}
	return &n, nil
}

// Lookup returns the notification a link token stands for (the end of an
// /a/ link). An ill-formed, unknown or forged token is
// ErrUnknownNotification, all alike; only a failing store is another
// error.
func Lookup(st Tokens, secret []byte, token string) (*plan.Notification, error) {
	if !WellFormed(token) {
		return nil, ErrUnknownNotification
	}
	payload, err := st.Token(token)
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrUnknownNotification
	}
	if err != nil {
		return nil, fmt.Errorf("look up token: %w", err)
	}
	n, err := decodeNotification(payload)
	if err != nil || !validMAC(secret, token, n.ID) {
		return nil, ErrUnknownNotification
	}
	return n, nil
}

var (
	hexID   = regexp.MustCompile(`^[0-9a-f]{32}$`)
	smsCode = regexp.MustCompile(`^[0-9]{4}$`)
)

// Find returns the notification that key names: a notification id, a
// link token (the end of an /a/ link), or a 4-digit SMS code with its
// unit (the most recent notification sent to that unit with that code).
// Nothing sent matches: ErrUnknownNotification; a code without unit:
// ErrNeedUnit.
func Find(st Finder, secret []byte, key, unit string) (*plan.Notification, error) {
	switch {
	case hexID.MatchString(key):
		var payload []byte
		err := st.Deliveries(func(d store.Delivery) error {
			if d.ID == key && len(d.Payload) > 0 {
				payload = d.Payload
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("find notification: %w", err)
		}
		if payload == nil {
			return nil, ErrUnknownNotification
		}
		n, err := decodeNotification(payload)
		if err != nil {
			return nil, ErrUnknownNotification
		}
		return n, nil
	case smsCode.MatchString(key):
		if unit == "" {
			return nil, ErrNeedUnit
		}
		cands, err := candidates(st, secret, []Sender{{Unit: unit}}, key)
		if err != nil {
			return nil, err
		}
		if len(cands) == 0 {
			return nil, ErrUnknownNotification
		}
		return &cands[0].n, nil
	}
	return Lookup(st, secret, key)
}

// Sender is a contact whose phone sent an SMS, and its unit.
type Sender struct {
	Unit, Name string
}

// PhoneOwners lists the contacts, in every unit, that have phone (as
// plan.NormalizePhone writes it): the first such contact of each unit.
func PhoneOwners(cfg *plan.Config, phone string) []Sender {
	var out []Sender
	for _, id := range cfg.UnitOrder {
		u := cfg.Units[id]
		if u == nil {
			continue
		}
		for _, c := range u.Contacts {
			if c.Phone == "" {
				continue
			}
			p, err := plan.NormalizePhone(c.Phone)
			if err == nil && p == phone {
				out = append(out, Sender{Unit: id, Name: c.Name})
				break
			}
		}
	}
	return out
}

// smsIndex reads the SMS entries of the token index.
type smsIndex interface {
	TokensWithPrefix(prefix string, fn func(token string, payload []byte) error) error
}

// candidate is a notification an SMS code may stand for.
type candidate struct {
	n      plan.Notification
	sender Sender
}

// candidates returns the notifications sent by SMS to the senders' units
// whose code is code, the most recent first. An index entry whose code
// does not check against the secret (a secret since replaced) is left
// out.
func candidates(st smsIndex, secret []byte, senders []Sender, code string) ([]candidate, error) {
	var out []candidate
	for _, snd := range senders {
		err := st.TokensWithPrefix(smsPrefix(snd.Unit, code), func(_ string, payload []byte) error {
			n, err := decodeNotification(payload)
			if err != nil || n.Unit != snd.Unit {
				return nil
			}
			if !hmac.Equal([]byte(NotificationCode(secret, n.ID)), []byte(code)) {
				return nil
			}
			out = append(out, candidate{n: *n, sender: snd})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("find SMS code: %w", err)
		}
	}
	slices.SortFunc(out, func(a, b candidate) int {
		if c := b.n.At.Compare(a.n.At); c != 0 {
			return c
		}
		return cmp.Compare(a.n.ID, b.n.ID)
	})
	return out, nil
}

// SMSStore is what MatchSMS reads: the token index's SMS entries, and
// the acknowledgements already recorded.
type SMSStore interface {
	TokensWithPrefix(prefix string, fn func(token string, payload []byte) error) error
	Ack(subject, unit string, kind store.AckKind) (store.Ack, error)
}

// SMSMatch is the notification an SMS reply counts for.
type SMSMatch struct {
	// Notification is the one to acknowledge; if Settled, the most recent
	// of those the code may stand for.
	Notification *plan.Notification
	// Sender is the contact whose phone sent the reply.
	Sender Sender
	// Settled, if not nil, is the acknowledgement already recorded for
	// Notification: every notification the code may stand for is settled.
	Settled *store.Ack
}

// MatchSMS finds what a reply with code, of kind (store.Received for
// "OK", store.Done for "XONG"), from the phone of senders (PhoneOwners)
// counts for: a notification sent by SMS to one of their units with that
// code. Four digits collide, so among them the most recent (by send time)
// still open for the reply is taken: for a receipt one whose receipt is
// not recorded, for done a deadline or overdue notice whose deadline is
// not reported done. If every one is settled, the match says so. None
// has the code: ErrUnknownNotification; a done for a code none of whose
// notifications has a report to send: ErrNotReportable.
func MatchSMS(st SMSStore, secret []byte, senders []Sender, code string, kind store.AckKind) (SMSMatch, error) {
	cands, err := candidates(st, secret, senders, code)
	if err != nil {
		return SMSMatch{}, err
	}
	if len(cands) == 0 {
		return SMSMatch{}, ErrUnknownNotification
	}
	if kind == store.Done {
		cands = slices.DeleteFunc(cands, func(c candidate) bool { return !CanDone(&c.n) })
		if len(cands) == 0 {
			return SMSMatch{}, ErrNotReportable
		}
	}
	var previous store.Ack
	for i := range cands {
		c := &cands[i]
		a, err := st.Ack(Subject(&c.n, kind), c.n.Unit, kind)
		if errors.Is(err, store.ErrNotFound) {
			return SMSMatch{Notification: &c.n, Sender: c.sender}, nil
		}
		if err != nil {
			return SMSMatch{}, fmt.Errorf("match SMS: %w", err)
		}
		if i == 0 {
			previous = a
		}
	}
	return SMSMatch{Notification: &cands[0].n, Sender: cands[0].sender, Settled: &previous}, nil
}
