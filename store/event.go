package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Event is an entry of the audit log: what happened and why.
type Event struct {
	At     time.Time // when (the store's clock if zero)
	What   string    // "sent", "retrying", "failed", "missed", "skipped", "acked", "reloaded"…
	ID     string    // what it is about: a notification id or delivery key, if any
	Detail string    // why, in words
}

type eventRecord struct {
	At     time.Time `json:"at"`
	What   string    `json:"what"`
	ID     string    `json:"id,omitempty"`
	Detail string    `json:"detail,omitempty"`
}

// Log appends e to the audit log. It uses a shared batch transaction: the
// function it runs appends under a sequence number drawn inside the
// transaction, so a rerun after a rolled-back batch appends once.
func (db *DB) Log(e Event) error {
	if e.What == "" {
		return fmt.Errorf("log event: %w: no what", ErrInvalid)
	}
	if e.At.IsZero() {
		e.At = db.now()
	}
	v, err := json.Marshal(eventRecord(e))
	if err != nil {
		return fmt.Errorf("log event %s %s: %w", e.What, e.ID, err)
	}
	err = db.batch(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketEvents)
		if err != nil {
			return err
		}
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		return b.Put(binary.BigEndian.AppendUint64(nil, seq), v)
	})
	if err != nil {
		return fmt.Errorf("log event %s %s: %w", e.What, e.ID, err)
	}
	return nil
}

// Events calls fn, in the order they were logged, for every event at or
// after since (all if since is zero), until fn returns an error, which
// Events returns as is. The log is ordered by arrival, not by At (the clock
// may jump), so the whole log is read.
func (db *DB) Events(since time.Time, fn func(Event) error) error {
	return db.scan(bucketEvents, func(k, v []byte) error {
		var r eventRecord
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("events: %w", corrupt("event %x: %v", k, err))
		}
		if r.At.Before(since) {
			return nil
		}
		return fn(Event(r))
	})
}
