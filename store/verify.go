package store

import (
	"fmt"
	"hash/crc32"
	"os"

	bolt "go.etcd.io/bbolt"
)

// verify checks an existing file before it is used: it is not truncated,
// every page of every bucket can be read, every record of what was sent and
// acknowledged decodes, and its schema is one this build knows. A record
// that does not decode would otherwise read as never sent, or never
// acknowledged, and be sent again. A file of an older schema passes unless readOnly (it cannot be
// migrated then).
func verify(bdb *bolt.DB, path string, readOnly bool) error {
	var version int
	err := guard(func() error {
		return bdb.View(func(tx *bolt.Tx) error {
			info, err := os.Stat(path)
			if err != nil {
				return err
			}
			if info.Size() < tx.Size() {
				return corrupt("the file is %d bytes but its pages reach %d: truncated", info.Size(), tx.Size())
			}
			if err := readAll(tx); err != nil {
				return err
			}
			if version, err = schemaOf(tx); err != nil || version == 0 {
				return err
			}
			return readRecords(tx)
		})
	})
	if err != nil {
		return openError(path, err)
	}
	switch {
	case version > SchemaVersion:
		return fmt.Errorf("open store %s: %w (schema %d; this version reads up to %d): upgrade nhacviec", path, ErrNewerSchema, version, SchemaVersion)
	case version == 0 && readOnly:
		return fmt.Errorf("open store %s: %w: the store was never initialised; start nhacviec run once to create it", path, ErrNotFound)
	case version < SchemaVersion && readOnly:
		return fmt.Errorf("open store %s: %w: schema %d must be upgraded to %d; start nhacviec run once", path, ErrReadOnly, version, SchemaVersion)
	}
	return nil
}

// readAll reads every key and value of every bucket, so that a damaged page
// shows up now, at open, rather than in the middle of the campaign.
func readAll(tx *bolt.Tx) error {
	h := crc32.NewIEEE() // reads every byte, and cannot be optimised away
	var walk func(b *bolt.Bucket) error
	walk = func(b *bolt.Bucket) error {
		return b.ForEach(func(k, v []byte) error {
			h.Write(k)
			if v == nil {
				if child := b.Bucket(k); child != nil {
					return walk(child)
				}
				return nil
			}
			h.Write(v)
			return nil
		})
	}
	return tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return walk(b) })
}

// readRecords decodes every delivery record (without its payload, which
// is its owner's to read), every acknowledgement and every account.
func readRecords(tx *bolt.Tx) error {
	if b := tx.Bucket(bucketDeliveries); b != nil {
		err := b.ForEach(func(k, v []byte) error {
			_, err := decodeRecord(k, v, withoutPayload)
			return err
		})
		if err != nil {
			return err
		}
	}
	if b := tx.Bucket(bucketAcks); b != nil {
		err := b.ForEach(func(k, v []byte) error {
			_, err := decodeAck(k, v)
			return err
		})
		if err != nil {
			return err
		}
	}
	if b := tx.Bucket(bucketAccounts); b != nil {
		return b.ForEach(func(k, v []byte) error {
			_, err := decodeAccount(k, v)
			return err
		})
	}
	return nil
}
