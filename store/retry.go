package store

import (
	"encoding/binary"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The retry queue: bucketRetries holds a key per Retrying delivery,
// ordered by its next attempt (retryKey), kept in step with the records
// by putDelivery.

// DueRetries returns up to limit (all if limit <= 0) Retrying records whose
// NextAttempt is at or before now, the earliest first.
func (db *DB) DueRetries(now time.Time, limit int) ([]Delivery, error) {
	var out []Delivery
	err := db.view(func(tx *bolt.Tx) error {
		out = nil
		q, err := bucket(tx, bucketRetries)
		if err != nil {
			return err
		}
		b, err := bucket(tx, bucketDeliveries)
		if err != nil {
			return err
		}
		end := retryTime(now)
		c := q.Cursor()
		for k, _ := c.First(); k != nil && (limit <= 0 || len(out) < limit); k, _ = c.Next() {
			if len(k) <= 8 {
				return corrupt("retry queue key %x", k)
			}
			if binary.BigEndian.Uint64(k[:8]) > end {
				break
			}
			d, err := getDelivery(b, string(k[8:]))
			if err == errMissing {
				return corrupt("retry queue names a missing delivery %q", k[8:])
			}
			if err != nil {
				return err
			}
			out = append(out, d)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("due retries: %w", err)
	}
	return out, nil
}

// NextRetry returns the earliest NextAttempt in the retry queue, or the zero
// time if it is empty.
func (db *DB) NextRetry() (time.Time, error) {
	var next time.Time
	err := db.view(func(tx *bolt.Tx) error {
		q, err := bucket(tx, bucketRetries)
		if err != nil {
			return err
		}
		k, _ := q.Cursor().First()
		if k == nil {
			return nil
		}
		if len(k) <= 8 {
			return corrupt("retry queue key %x", k)
		}
		next = time.Unix(0, int64(binary.BigEndian.Uint64(k[:8])))
		return nil
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("next retry: %w", err)
	}
	return next, nil
}

// retryKey orders the retry queue by time, then by delivery key.
func retryKey(t time.Time, key string) []byte {
	k := make([]byte, 8, 8+len(key))
	binary.BigEndian.PutUint64(k, retryTime(t))
	return append(k, key...)
}

// retryTime is t as the queue orders it; times before 1970 come first.
func retryTime(t time.Time) uint64 {
	n := t.UnixNano()
	if n < 0 {
		return 0
	}
	return uint64(n)
}
