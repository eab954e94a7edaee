package store

import (
	"bytes"

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
	var after []byte
	for {
		var keys, vals [][]byte
		err := db.view(func(tx *bolt.Tx) error {
			keys, vals = keys[:0], vals[:0]
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
			for ; k != nil && len(keys) < scanPage; k, v = c.Next() {
				keys = append(keys, bytes.Clone(k))
				vals = append(vals, bytes.Clone(v))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for i := range keys {
			if err := fn(keys[i], vals[i]); err != nil {
				return err
			}
		}
		if len(keys) < scanPage {
			return nil
		}
		after = keys[len(keys)-1]
	}
}
