package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// bucketSecrets holds what a channel must remember across restarts and
// cannot keep in the configuration: the Zalo refresh token that Zalo
// replaces at each use. Made by the first secret put, so a store
// without one keeps its schema. Key the secret's name, value its text.
var bucketSecrets = []byte("secrets")

// Secret returns the secret kept under name, and "" when there is none.
func (db *DB) Secret(name string) (string, error) {
	var v string
	err := db.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketSecrets); b != nil {
			v = string(b.Get([]byte(name)))
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("read secret %s: %w", name, err)
	}
	return v, nil
}

// SetSecret keeps value under name in a durable commit, replacing what
// was there: once it returns, a restart finds it.
func (db *DB) SetSecret(name, value string) error {
	err := db.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketSecrets)
		if err != nil {
			return err
		}
		return b.Put([]byte(name), []byte(value))
	})
	if err != nil {
		return fmt.Errorf("write secret %s: %w", name, err)
	}
	return nil
}
