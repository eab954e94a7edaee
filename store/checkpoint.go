package store

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Checkpoint returns the scheduler's mark for plan: every notification due
// up to that time has a record. It is the zero time if none was set.
func (db *DB) Checkpoint(plan string) (time.Time, error) {
	var t time.Time
	err := db.view(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketCheckpoints)
		if err != nil {
			return err
		}
		v := b.Get([]byte(plan))
		if v == nil {
			return nil
		}
		if err := t.UnmarshalBinary(v); err != nil {
			return corrupt("checkpoint of plan %q: %v", plan, err)
		}
		return nil
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("checkpoint of plan %s: %w", plan, err)
	}
	return t, nil
}

// SetCheckpoint sets plan's mark to t, durably. It may move backwards (after
// a clock jump, say): going over notifications again is safe, since each one
// that has a record is not sent again.
func (db *DB) SetCheckpoint(plan string, t time.Time) error {
	if plan == "" {
		return fmt.Errorf("set checkpoint: %w: no plan", ErrInvalid)
	}
	v, err := t.MarshalBinary()
	if err != nil {
		return fmt.Errorf("set checkpoint of plan %s: %w", plan, err)
	}
	err = db.update(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketCheckpoints)
		if err != nil {
			return err
		}
		return b.Put([]byte(plan), v)
	})
	if err != nil {
		return fmt.Errorf("set checkpoint of plan %s: %w", plan, err)
	}
	return nil
}
