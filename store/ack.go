package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// AckKind is what a unit acknowledges.
type AckKind string

// The kinds of acknowledgement.
const (
	// Received confirms that a unit got a notification.
	Received AckKind = "received"
	// Done reports that a unit finished the work or sent the report due.
	Done AckKind = "done"
)

// Ack is an acknowledgement by a unit.
type Ack struct {
	Subject string    // for Received: the notification's AckID; for Done: the deadline occurrence id (DeadlineID)
	Unit    string    // the unit acknowledging
	Kind    AckKind   // Received or Done
	By      string    // who (a person's name, a phone number, "cán bộ LĐ-TB&XH")
	Via     string    // "web" | "sms" | "cli" | "dashboard"
	Note    string    // free text left with it
	At      time.Time // when (the store's clock if zero)
	Plan    string    // the plan of the subject, for the dashboard
	Task    string    // the task of the subject, for the dashboard
}

// ackRecord is how an Ack is stored: JSON with stable names. Subject, Unit
// and Kind are the key.
type ackRecord struct {
	By   string    `json:"by,omitempty"`
	Via  string    `json:"via,omitempty"`
	Note string    `json:"note,omitempty"`
	At   time.Time `json:"at"`
	Plan string    `json:"plan,omitempty"`
	Task string    `json:"task,omitempty"`
}

// RecordAck stores an acknowledgement. The first one of (Subject, Unit,
// Kind) wins: a repeat (a second tap, a resent SMS) returns the stored one
// with created=false. It uses a shared batch transaction, so that many
// units answering at once cost few disk syncs; the function it runs only
// reads and writes inside the transaction, so a rerun is harmless.
func (db *DB) RecordAck(a Ack) (stored Ack, created bool, err error) {
	key, err := ackKey(a.Subject, a.Unit, a.Kind)
	if err != nil {
		return Ack{}, false, fmt.Errorf("record ack: %w", err)
	}
	if a.Kind != Received && a.Kind != Done {
		return Ack{}, false, fmt.Errorf("record ack %s of %s: %w: kind %q", a.Subject, a.Unit, ErrInvalid, a.Kind)
	}
	if a.At.IsZero() {
		a.At = db.now()
	}
	v, err := json.Marshal(ackRecord{By: a.By, Via: a.Via, Note: a.Note, At: a.At, Plan: a.Plan, Task: a.Task})
	if err != nil {
		return Ack{}, false, fmt.Errorf("record ack %s of %s: %w", a.Subject, a.Unit, err)
	}
	err = db.batch(func(tx *bolt.Tx) error {
		// Batch may run this more than once: set the results afresh.
		stored, created = Ack{}, false
		b, err := bucket(tx, bucketAcks)
		if err != nil {
			return err
		}
		if old := b.Get(key); old != nil {
			stored, err = decodeAck(key, old)
			return err
		}
		if err := b.Put(key, v); err != nil {
			return err
		}
		stored, created = a, true
		return nil
	})
	if err != nil {
		return Ack{}, false, fmt.Errorf("record ack %s of %s: %w", a.Subject, a.Unit, err)
	}
	return stored, created, nil
}

// Ack returns the acknowledgement of kind by unit for subject, or ErrNotFound.
func (db *DB) Ack(subject, unit string, kind AckKind) (Ack, error) {
	var a Ack
	key, err := ackKey(subject, unit, kind)
	if err == nil {
		err = db.view(func(tx *bolt.Tx) error {
			b, err := bucket(tx, bucketAcks)
			if err != nil {
				return err
			}
			v := b.Get(key)
			if v == nil {
				return ErrNotFound
			}
			a, err = decodeAck(key, v)
			return err
		})
	}
	if err != nil {
		return Ack{}, fmt.Errorf("ack %s of %s: %w", subject, unit, err)
	}
	return a, nil
}

// Acked reports whether unit acknowledged subject in any way: received or done.
func (db *DB) Acked(subject, unit string) (bool, error) {
	ok, err := db.hasAck(subject, unit, Received, Done)
	if err != nil {
		return false, fmt.Errorf("acked %s by %s: %w", subject, unit, err)
	}
	return ok, nil
}

// IsDone reports whether unit reported subject done.
func (db *DB) IsDone(subject, unit string) (bool, error) {
	ok, err := db.hasAck(subject, unit, Done)
	if err != nil {
		return false, fmt.Errorf("done %s by %s: %w", subject, unit, err)
	}
	return ok, nil
}

// Acks calls fn for every acknowledgement, ordered by subject, unit and
// kind, until fn returns an error, which Acks returns as is. fn runs outside
// any transaction, so it may write to the store.
func (db *DB) Acks(fn func(Ack) error) error {
	return db.scan(bucketAcks, func(k, v []byte) error {
		a, err := decodeAck(k, v)
		if err != nil {
			return fmt.Errorf("acks: %w", err)
		}
		return fn(a)
	})
}

func (db *DB) hasAck(subject, unit string, kinds ...AckKind) (bool, error) {
	var found bool
	err := db.view(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketAcks)
		if err != nil {
			return err
		}
		for _, kind := range kinds {
			key, err := ackKey(subject, unit, kind)
			if err != nil {
				return err
			}
			if b.Get(key) != nil {
				found = true
				return nil
			}
		}
		return nil
	})
	return found, err
}

// ackKey is subject NUL unit NUL kind; NUL cannot appear in the parts.
func ackKey(subject, unit string, kind AckKind) ([]byte, error) {
	switch {
	case subject == "" || unit == "":
		return nil, fmt.Errorf("%w: an acknowledgement needs a subject and a unit", ErrInvalid)
	case strings.ContainsRune(subject, 0) || strings.ContainsRune(unit, 0) || strings.ContainsRune(string(kind), 0):
		return nil, fmt.Errorf("%w: NUL in an acknowledgement's subject, unit or kind", ErrInvalid)
	}
	return []byte(subject + "\x00" + unit + "\x00" + string(kind)), nil
}

func decodeAck(k, v []byte) (Ack, error) {
	parts := bytes.Split(k, []byte{0})
	if len(parts) != 3 {
		return Ack{}, corrupt("acknowledgement key %q", k)
	}
	var r ackRecord
	if err := json.Unmarshal(v, &r); err != nil {
		return Ack{}, corrupt("acknowledgement %q: %v", k, err)
	}
	return Ack{
		Subject: string(parts[0]), Unit: string(parts[1]), Kind: AckKind(parts[2]),
		By: r.By, Via: r.Via, Note: r.Note, At: r.At, Plan: r.Plan, Task: r.Task,
	}, nil
}
