package store

import (
	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// bucketTokens indexes acknowledgement tokens and SMS codes: a token
// cannot be reversed into the notification it was made for, so whoever
// hands one out records here what it stands for. The bucket is not part of
// allBuckets: stores made before it existed get it on the first PutToken,
// and a store without it simply has no tokens yet. Older builds ignore it.
var bucketTokens = []byte("tokens")

// PutToken records what token stands for (the caller's payload, opaque to
// the store), replacing what it stood for before. It is PutTokens with one
// token.
func (db *DB) PutToken(token string, payload []byte) error {
	return db.PutTokens(payload, token)
}

// PutTokens records that every one of tokens stands for payload, in one
// transaction shared with concurrent writers. (The scheduler records a
// message's links in the commit of its intent instead: Delivery.Tokens.)
func (db *DB) PutTokens(payload []byte, tokens ...string) error {
	for _, t := range tokens {
		if t == "" {
			return fmt.Errorf("put token: %w: empty token", ErrInvalid)
		}
	}
	if err := db.batch(func(tx *bolt.Tx) error { return putTokens(tx, payload, tokens) }); err != nil {
		return fmt.Errorf("put token: %w", err)
	}
	return nil
}

// putTokens records inside tx that every one of tokens stands for payload.
func putTokens(tx *bolt.Tx, payload []byte, tokens []string) error {
	b := tx.Bucket(bucketTokens)
	if b == nil {
		var err error
		if b, err = tx.CreateBucketIfNotExists(bucketTokens); err != nil {
			return err
		}
	}
	// The value and the keys in one allocation: bbolt keeps them until
	// the commit. An empty value is not nil: bbolt keeps it, and Token
	// finds it.
	n := len(payload)
	for _, t := range tokens {
		n += len(t)
	}
	buf := append(make([]byte, 0, n), payload...)
	value := buf[:len(payload):len(payload)]
	for _, t := range tokens {
		start := len(buf)
		buf = append(buf, t...)
		if err := b.Put(buf[start:], value); err != nil {
			return err
		}
	}
	return nil
}

// Token returns what token stands for, or ErrNotFound. The error never
// contains the token: tokens are credentials.
func (db *DB) Token(token string) ([]byte, error) {
	var out []byte
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketTokens)
		if b == nil {
			return ErrNotFound
		}
		v := b.Get([]byte(token))
		if v == nil {
			return ErrNotFound
		}
		out = bytes.Clone(v)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("token: %w", err)
	}
	return out, nil
}

// TokensWithPrefix calls fn, in key order, with every token that starts
// with prefix and what it stands for, until fn returns an error, which it
// returns as is. The entries are read first, in one read transaction, so
// fn may write to the store; a prefix should select few entries.
func (db *DB) TokensWithPrefix(prefix string, fn func(token string, payload []byte) error) error {
	var keys, vals [][]byte
	err := db.view(func(tx *bolt.Tx) error {
		keys, vals = nil, nil
		b := tx.Bucket(bucketTokens)
		if b == nil {
			return nil
		}
		p := []byte(prefix)
		c := b.Cursor()
		for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
			keys = append(keys, bytes.Clone(k))
			vals = append(vals, bytes.Clone(v))
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("tokens: %w", err)
	}
	for i := range keys {
		if err := fn(string(keys[i]), vals[i]); err != nil {
			return err
		}
	}
	return nil
}
