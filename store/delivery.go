package store

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// State is where a delivery stands.
type State string

// The states of a delivery. Sent, Failed, Missed and Skipped are final.
const (
	// Pending is a delivery known but not attempted yet.
	Pending State = "pending"
	// Sending is a send in progress: the intent is recorded, the outcome
	// not yet. A record left in Sending by a crash is found by InFlight.
	Sending State = "sending"
	// Sent means the server or relay accepted the message.
	Sent State = "sent"
	// Retrying means a temporary failure; the next attempt is at NextAttempt.
	Retrying State = "retrying"
	// Failed means a permanent failure, or temporary ones for too long.
	Failed State = "failed"
	// Missed means the notification was due too long before the daemon ran.
	Missed State = "missed"
	// Skipped means a conditional notification whose condition no longer
	// held (the unit had already acknowledged or reported done), or one
	// removed from the plan before it could be sent.
	Skipped State = "skipped"
)

// Final reports whether s is a final state: a delivery in it is never sent
// again.
func (s State) Final() bool {
	switch s {
	case Sent, Failed, Missed, Skipped:
		return true
	}
	return false
}

// Delivery is the record of one notification on one channel.
type Delivery struct {
	Key                          string // NotificationID + "/" + Channel
	ID                           string // notification id
	Channel                      string // "email" | "sms"
	Plan, Task, Unit, Kind, Rule string
	Due                          time.Time // when it was due to be sent
	State                        State
	Attempts                     int
	LastError                    string
	NextAttempt                  time.Time // for Retrying
	SentAt                       time.Time
	Where                        string    // outbox file, server reply (e.g. "250 OK queued as …")
	Updated                      time.Time // when the record last changed
	Started                      time.Time // when the first attempt began (for retry_for)
	Payload                      []byte    // what the caller needs to send it again (opaque to the store)
	// Tokens, given to Begin or BeginAll, are recorded in the token index
	// as standing for Payload (PutTokens), in the intent's transaction.
	// They are not part of the record: a record read back has none.
	Tokens []string
}

// DeliveryKey returns the key of the delivery of notification id on channel.
func DeliveryKey(id, channel string) string { return id + "/" + channel }

// Begin records the intent to send d, before the send: the record is stored
// in state Sending with Attempts one more than before, and returned as
// stored, with ok=true. If the record is already final (Sent, Skipped,
// Failed or Missed) Begin returns it unchanged with ok=false and the caller
// must not send. A record left in Sending by a crash may be begun again:
// that is the one duplicate a crash can cause.
//
// Fields of d fill the record's empty ones; Key may be left empty. The
// tokens of d, if any, are recorded in the token index as standing for
// d.Payload, in the same transaction: the links of a message work as soon
// as it may be out.
func (db *DB) Begin(d Delivery) (rec Delivery, ok bool, err error) {
	recs, oks, err := db.BeginAll([]Delivery{d})
	if err != nil {
		return Delivery{}, false, err
	}
	return recs[0], oks[0], nil
}

// BeginAll is Begin for each of ds, in one transaction: the intents of a
// batch of messages cost one disk sync. recs[i] and ok[i] are what Begin
// returns for ds[i]. A delivery that is invalid fails the whole call and
// nothing is recorded. A record begun but never sent (the process stopped
// first) is found by InFlight like any other and sent at the next start.
func (db *DB) BeginAll(ds []Delivery) (recs []Delivery, ok []bool, err error) {
	keys := make([]string, len(ds))
	for i, d := range ds {
		if keys[i], err = deliveryKey(d); err != nil {
			return nil, nil, fmt.Errorf("begin delivery: %w", err)
		}
		for _, t := range d.Tokens {
			if t == "" {
				return nil, nil, fmt.Errorf("begin delivery %s: %w: empty token", keys[i], ErrInvalid)
			}
		}
	}
	// Batch: concurrent callers share one commit; the function starts from
	// the stored records each time, so a rerun is harmless.
	err = db.batch(func(tx *bolt.Tx) error {
		recs, ok = make([]Delivery, len(ds)), make([]bool, len(ds))
		b, err := bucket(tx, bucketDeliveries)
		if err != nil {
			return err
		}
		now := db.now()
		for i, d := range ds {
			rec, begun, err := begin(tx, b, keys[i], d, now)
			if err != nil {
				return fmt.Errorf("%s: %w", keys[i], err)
			}
			recs[i], ok[i] = rec, begun
			if begun && len(d.Tokens) > 0 {
				if err := putTokens(tx, d.Payload, d.Tokens); err != nil {
					return fmt.Errorf("%s: tokens: %w", keys[i], err)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("begin delivery: %w", err)
	}
	for i := range recs {
		recs[i].Tokens = nil
	}
	return recs, ok, nil
}

// begin is Begin's work on one delivery inside tx.
func begin(tx *bolt.Tx, b *bolt.Bucket, key string, d Delivery, now time.Time) (Delivery, bool, error) {
	old, err := getDelivery(b, key)
	missing := err == errMissing
	if err != nil && !missing {
		return Delivery{}, false, err
	}
	var rec Delivery
	if missing {
		rec = d
	} else {
		if old.State.Final() {
			return old, false, nil
		}
		rec = merge(old, d)
	}
	rec.Key = key
	rec.State = Sending
	rec.Attempts++
	rec.NextAttempt = time.Time{}
	rec.Updated = now
	if rec.Started.IsZero() {
		rec.Started = now
	}
	if missing {
		return rec, true, putDelivery(tx, nil, &rec)
	}
	return rec, true, putDelivery(tx, &old, &rec)
}

// Finish records the outcome of a send begun with Begin, or a decision
// taken about a delivery waiting in the retry queue:
//   - Sent, with where (the outbox file or the server's reply);
//   - Retrying, with next (the time of the next attempt) and lastErr: the
//     record enters the retry queue, leaving its previous place in it;
//   - Failed, Skipped or Missed, with lastErr saying why: it leaves the queue.
//
// A non-empty where or lastErr replaces the stored one. Finishing a final
// record again with the same state changes nothing; with another state it
// fails with ErrSettled. An unknown key fails with ErrNotFound.
func (db *DB) Finish(key string, state State, where, lastErr string, next time.Time) error {
	return db.FinishAll([]string{key}, state, where, lastErr, next)
}

// FinishAll is Finish for each of keys, in one commit: every record or,
// if one cannot be finished, none.
func (db *DB) FinishAll(keys []string, state State, where, lastErr string, next time.Time) error {
	if err := outcome(state, next); err != nil {
		return fmt.Errorf("finish delivery %s: %w", strings.Join(keys, ", "), err)
	}
	var failed string
	err := db.batch(func(tx *bolt.Tx) error {
		now := db.now()
		for _, key := range keys {
			if err := finish(tx, key, state, where, lastErr, next, now); err != nil {
				failed = key
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("finish delivery %s as %s: %w", failed, state, err)
	}
	return nil
}

// outcome checks that state, with next, can end a delivery (Finish).
func outcome(state State, next time.Time) error {
	switch {
	case !state.Final() && state != Retrying:
		return fmt.Errorf("%w: state %q is not an outcome", ErrInvalid, state)
	case state == Retrying && next.IsZero():
		return fmt.Errorf("%w: retrying without a next attempt time", ErrInvalid)
	}
	return nil
}

// finish is Finish within tx, at now.
func finish(tx *bolt.Tx, key string, state State, where, lastErr string, next, now time.Time) error {
	b, err := bucket(tx, bucketDeliveries)
	if err != nil {
		return err
	}
	old, err := getDelivery(b, key)
	if err == errMissing {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	if old.State.Final() {
		if old.State == state {
			return nil
		}
		return fmt.Errorf("%w: it is %s", ErrSettled, old.State)
	}
	rec := old
	rec.State = state
	rec.Updated = now
	rec.NextAttempt = time.Time{}
	if where != "" {
		rec.Where = where
	}
	if lastErr != "" {
		rec.LastError = lastErr
	}
	switch state {
	case Sent:
		rec.SentAt = now
	case Retrying:
		rec.NextAttempt = next
	}
	return putDelivery(tx, &old, &rec)
}

// Record stores a final record directly, without a send: Missed or Skipped
// (or Failed, for a delivery that could not even be attempted). It is
// idempotent: if a record already exists for the key, whatever its state,
// it is left unchanged.
func (db *DB) Record(d Delivery) error {
	key, err := deliveryKey(d)
	if err != nil {
		return fmt.Errorf("record delivery: %w", err)
	}
	switch d.State {
	case Missed, Skipped, Failed:
	default:
		return fmt.Errorf("record delivery %s: %w: state %q is not missed, skipped or failed", key, ErrInvalid, d.State)
	}
	err = db.update(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketDeliveries)
		if err != nil {
			return err
		}
		if b.Get([]byte(key)) != nil {
			return nil
		}
		rec := d
		rec.Key = key
		rec.NextAttempt = time.Time{}
		rec.Updated = db.now()
		return putDelivery(tx, nil, &rec)
	})
	if err != nil {
		return fmt.Errorf("record delivery %s as %s: %w", key, d.State, err)
	}
	return nil
}

// Delivery returns the record of key, or ErrNotFound.
func (db *DB) Delivery(key string) (Delivery, error) {
	var d Delivery
	err := db.view(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketDeliveries)
		if err != nil {
			return err
		}
		d, err = getDelivery(b, key)
		if err == errMissing {
			return ErrNotFound
		}
		return err
	})
	if err != nil {
		return Delivery{}, fmt.Errorf("delivery %s: %w", key, err)
	}
	return d, nil
}

// Has reports whether notification id has a record on any channel. A
// record that does not decode is an error that wraps ErrCorrupt.
func (db *DB) Has(id string) (bool, error) {
	var found bool
	err := db.view(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketDeliveries)
		if err != nil {
			return err
		}
		prefix := []byte(id + "/")
		c := b.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			// "a/email" belongs to "a", "a/b/email" to "a/b".
			if !bytes.Contains(k[len(prefix):], []byte("/")) {
				// A record damaged since Open is damage, not a record:
				// the caller must stop rather than decide on it.
				if _, err := decodeRecord(k, v, withoutPayload); err != nil {
					return err
				}
				found = true
				return nil
			}
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("has delivery %s: %w", id, err)
	}
	return found, nil
}

// InFlight returns the records left in Sending, in key order. Called at
// start, before anything is sent, they are the sends a crash or a stop
// interrupted: the message may or may not have gone out.
func (db *DB) InFlight() ([]Delivery, error) {
	var out []Delivery
	err := db.scanDeliveries("in-flight deliveries", func(d *Delivery) bool { return d.State == Sending }, func(d Delivery) error {
		if d.State == Sending {
			out = append(out, d)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// errMissing is getDelivery's "no such key", distinct from ErrNotFound so
// that each caller decides what a missing record means.
var errMissing = errors.New("missing")

func getDelivery(b *bolt.Bucket, key string) (Delivery, error) {
	k := []byte(key)
	v := b.Get(k)
	if v == nil {
		return Delivery{}, errMissing
	}
	return decodeRecord(k, v, withPayload)
}

// putDelivery stores rec, keeping the retry queue in step within the same
// transaction: old (nil for a new record) leaves the queue if it was in it,
// rec enters it if it is Retrying.
func putDelivery(tx *bolt.Tx, old *Delivery, rec *Delivery) error {
	b, err := bucket(tx, bucketDeliveries)
	if err != nil {
		return err
	}
	q, err := bucket(tx, bucketRetries)
	if err != nil {
		return err
	}
	if old != nil && old.State == Retrying {
		if err := q.Delete(retryKey(old.NextAttempt, old.Key)); err != nil {
			return err
		}
	}
	if rec.State == Retrying {
		if err := q.Put(retryKey(rec.NextAttempt, rec.Key), nil); err != nil {
			return err
		}
	}
	v, err := encodeRecord(rec)
	if err != nil {
		return err
	}
	return b.Put([]byte(rec.Key), v)
}

// deliveryKey checks d's identity and returns its key.
func deliveryKey(d Delivery) (string, error) {
	switch {
	case d.ID == "":
		return "", fmt.Errorf("%w: no notification id", ErrInvalid)
	case d.Channel == "" || strings.Contains(d.Channel, "/"):
		return "", fmt.Errorf("%w: channel %q", ErrInvalid, d.Channel)
	}
	key := DeliveryKey(d.ID, d.Channel)
	if d.Key != "" && d.Key != key {
		return "", fmt.Errorf("%w: key %q is not %q", ErrInvalid, d.Key, key)
	}
	return key, nil
}

// merge fills the empty descriptive fields of old from d.
func merge(old, d Delivery) Delivery {
	fill := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	fill(&old.Plan, d.Plan)
	fill(&old.Task, d.Task)
	fill(&old.Unit, d.Unit)
	fill(&old.Kind, d.Kind)
	fill(&old.Rule, d.Rule)
	if old.Due.IsZero() {
		old.Due = d.Due
	}
	if len(old.Payload) == 0 {
		old.Payload = d.Payload
	}
	return old
}
