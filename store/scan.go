package store

import (
	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// scanPage is how many entries scan reads per read transaction.
const scanPage = 256

// scan calls fn with a copy of every key and value of a bucket, in key
// order, a page at a time: no transaction is open while fn runs, so fn may
// write to the store (a writer that must grow the file waits for readers to
// finish, so calling it under a read transaction could deadlock), and a long
// walk never holds the file's old pages. fn's error stops the walk and is
// returned as is.
func (db *DB) scan(name []byte, fn func(k, v []byte) error) error {
	var keys, vals [][]byte
	err := db.pages(name, func() { keys, vals = keys[:0], vals[:0] }, func(k, v []byte) error {
		keys = append(keys, bytes.Clone(k))
		vals = append(vals, bytes.Clone(v))
		return nil
	}, func() error {
		for i := range keys {
			if err := fn(keys[i], vals[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if e, ok := err.(*errInPage); ok {
		return e.err
	}
	return err
}

// pages walks a bucket in key order, scanPage entries per read
// transaction: for each page it calls start, then read with each entry,
// inside the transaction (the slices are valid only there), then done,
// outside it. read's error, and the bucket's, stop the walk and come back
// as errInPage; done's comes back as is.
func (db *DB) pages(name []byte, start func(), read func(k, v []byte) error, done func() error) error {
	var after []byte
	for {
		n := 0
		err := db.view(func(tx *bolt.Tx) error {
			start()
			b, err := bucket(tx, name)
			if err != nil {
				return err
			}
			c := b.Cursor()
			var k, v []byte
			if after == nil {
				k, v = c.First()
			} else {
				k, v = c.Seek(after)
				if bytes.Equal(k, after) {
					k, v = c.Next()
				}
			}
			for ; k != nil && n < scanPage; k, v = c.Next() {
				if err := read(k, v); err != nil {
					return err
				}
				after = append(after[:0], k...)
				n++
			}
			return nil
		})
		if err != nil {
			return &errInPage{err}
		}
		if err := done(); err != nil {
			return err
		}
		if n < scanPage {
			return nil
		}
	}
}

// errInPage is an error met inside a page's read transaction.
type errInPage struct{ err error }

func (e *errInPage) Error() string { return e.err.Error() }
func (e *errInPage) Unwrap() error { return e.err }

// Deliveries calls fn for every record, in key order, until fn returns an
// error, which Deliveries returns as is. fn runs outside any transaction, so
// it may write to the store; records written meanwhile may or may not be seen.
func (db *DB) Deliveries(fn func(Delivery) error) error {
	return db.scanDeliveries("deliveries", withPayload, fn)
}

// DeliveriesWith is Deliveries, with each record's Payload only if
// payload, called with the record without it, returns true: a walk that
// needs few payloads (the digest's) decodes few. payload runs inside a
// read transaction: it must not use the store. A payload not read is not
// checked for damage.
func (db *DB) DeliveriesWith(payload func(*Delivery) bool, fn func(Delivery) error) error {
	return db.scanDeliveries("deliveries", payload, fn)
}

// scanDeliveries calls fn with every delivery record, in key order, with
// its Payload only if payload, given the record without it, returns true.
// The records are read a page at a time in a read transaction, and fn
// runs outside it, as with scan. A record that cannot be read stops the
// walk with an error that starts with op; fn's error stops it and is
// returned as is.
func (db *DB) scanDeliveries(op string, payload func(*Delivery) bool, fn func(Delivery) error) error {
	var page []Delivery // fn has copies: reused
	err := db.pages(bucketDeliveries, func() { page = page[:0] }, func(k, v []byte) error {
		d, err := decodeRecord(k, v, payload)
		if err != nil {
			return err
		}
		page = append(page, d)
		return nil
	}, func() error {
		for _, d := range page {
			if err := fn(d); err != nil {
				return err
			}
		}
		return nil
	})
	if e, ok := err.(*errInPage); ok {
		return fmt.Errorf("%s: %w", op, e.err)
	}
	return err
}
