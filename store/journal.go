package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The sent journal of earlier builds.
//
// Earlier builds marked a message its server accepted with a line in a
// journal beside the store (the store's path and journalSuffix), folded
// into the records by a later commit. A store such a build left behind
// after a crash may hold marks not folded in yet: Open folds them in, in
// one commit, and removes the journal. A read-only Open leaves it to the
// next Open that may write.

// journalSuffix names the journal: the store's path and this.
const journalSuffix = ".sent"

// JournalPath returns the path of the sent journal an earlier nhacviec
// kept beside the store at path: a sign, like the store, that the
// installation has run.
func JournalPath(path string) string { return path + journalSuffix }

// journalMark is one line of the journal: delivery Key was accepted At,
// with the server's reply Where.
type journalMark struct {
	Key   string    `json:"key"`
	Where string    `json:"where"`
	At    time.Time `json:"at"`
}

// foldJournal folds a leftover journal into the records, as Finish with
// Sent at each mark's time would have, then removes it. A line cut short
// by the crash, or unreadable, is skipped: its message is sent again,
// like any whose mark was not written. A mark whose record is gone or
// already final changes nothing, so folding twice is harmless.
func (db *DB) foldJournal() error {
	path := JournalPath(db.path)
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read the sent journal %s: %w", path, err)
	}
	marks := map[string]journalMark{} // the last mark of a key wins
	for line := range bytes.Lines(raw) {
		var m journalMark
		if json.Unmarshal(line, &m) == nil && m.Key != "" {
			marks[m.Key] = m
		}
	}
	if len(marks) > 0 {
		err := db.update(func(tx *bolt.Tx) error {
			b, err := bucket(tx, bucketDeliveries)
			if err != nil {
				return err
			}
			for key, m := range marks {
				old, err := getDelivery(b, key)
				if err == errMissing {
					continue
				}
				if err != nil {
					return err
				}
				if old.State.Final() {
					continue
				}
				rec := old
				rec.State, rec.SentAt, rec.Updated, rec.NextAttempt = Sent, m.At, m.At, time.Time{}
				if m.Where != "" {
					rec.Where = m.Where
				}
				if err := putDelivery(tx, &old, &rec); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("fold the sent journal %s in: %w", path, err)
		}
	}
	if err := os.Remove(path); err != nil {
		return fmt.Errorf("remove the sent journal %s: %w", path, err)
	}
	return nil
}
