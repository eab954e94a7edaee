package store

import (
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// bucketPaused holds the tasks the plan's owner paused from the dashboard:
// key PauseKey(plan, task), value the time of the pause (RFC 3339). Like
// the token index, it is created by its first write, so that a store of
// schema 1 made before it existed opens unchanged.
var bucketPaused = []byte("paused")

// PauseKey is the key of a task in the map PausedTasks returns:
// "PLAN/TASK". Plan and task ids are [a-z0-9-]+, so it is unambiguous.
func PauseKey(plan, task string) string { return plan + "/" + task }

// SetPaused pauses (paused=true) or resumes a task of a plan. While a
// task is paused the scheduler records its notifications as Skipped
// instead of sending them. Pausing a paused task, or resuming one that
// runs, changes nothing.
func (db *DB) SetPaused(plan, task string, paused bool) error {
	key, err := pauseKey(plan, task)
	if err != nil {
		return fmt.Errorf("set paused: %w", err)
	}
	at, err := db.now().MarshalText()
	if err != nil {
		return fmt.Errorf("set paused %s: %w", key, err)
	}
	err = db.update(func(tx *bolt.Tx) error {
		if !paused {
			if b := tx.Bucket(bucketPaused); b != nil {
				return b.Delete(key)
			}
			return nil
		}
		b, err := tx.CreateBucketIfNotExists(bucketPaused)
		if err != nil {
			return err
		}
		if b.Get(key) != nil {
			return nil
		}
		return b.Put(key, at)
	})
	if err != nil {
		return fmt.Errorf("set paused %s to %t: %w", key, paused, err)
	}
	return nil
}

// Paused reports whether a task of a plan is paused.
func (db *DB) Paused(plan, task string) (bool, error) {
	key, err := pauseKey(plan, task)
	if err != nil {
		return false, fmt.Errorf("paused: %w", err)
	}
	var paused bool
	err = db.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketPaused); b != nil {
			paused = b.Get(key) != nil
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("paused %s: %w", key, err)
	}
	return paused, nil
}

// PausedTasks returns every paused task, by PauseKey(plan, task). The map
// is empty, not nil, when none is paused.
func (db *DB) PausedTasks() (map[string]bool, error) {
	out := map[string]bool{}
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPaused)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, _ []byte) error {
			out[string(k)] = true
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("paused tasks: %w", err)
	}
	return out, nil
}

// pauseKey checks a plan and task id and returns their key.
func pauseKey(plan, task string) ([]byte, error) {
	switch {
	case plan == "" || task == "":
		return nil, fmt.Errorf("%w: pausing needs a plan and a task", ErrInvalid)
	case strings.Contains(plan, "/"):
		return nil, fmt.Errorf("%w: plan id %q holds a slash", ErrInvalid, plan)
	}
	return []byte(PauseKey(plan, task)), nil
}
