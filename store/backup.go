package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the whole store to w, while the store
// is in use: it is the state of one read transaction, and writers go on
// meanwhile. It returns the number of bytes written.
func (db *DB) Backup(w io.Writer) (int64, error) {
	var n int64
	err := db.view(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("backup %s: %w", db.path, err)
	}
	return n, nil
}

// BackupFile writes a consistent copy of the store to path, atomically: to
// a temporary file in the same directory, synced, then renamed over path,
// with mode 0600. It refuses to write over the store itself.
func (db *DB) BackupFile(path string) (err error) {
	if same, err := sameFile(db.path, path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	} else if same {
		return fmt.Errorf("backup to %s: %w: that is the store itself; choose another file", path, ErrInvalid)
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if _, err := db.Backup(tmp); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	// Make the rename itself durable.
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}

// sameFile reports whether a and b name the same file (b may not exist).
func sameFile(a, b string) (bool, error) {
	bi, err := os.Stat(b)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	ai, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	return os.SameFile(ai, bi), nil
}
