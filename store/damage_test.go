package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// damage writes value under key in bucket of the closed store at path,
// behind the store's back, as a damaged disk or a stray program would.
func damage(t *testing.T, path string, bucket, key, value []byte) {
	t.Helper()
	bdb, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = bdb.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucket)
		if b == nil {
			return errors.New("no bucket " + string(bucket))
		}
		if value == nil {
			return b.Delete(key)
		}
		return b.Put(key, value)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := bdb.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestOpenDamagedRecord: a record of what was sent or acknowledged that
// does not decode fails Open with ErrCorrupt, naming the file and the
// record, instead of reading as never sent (and being sent again).
func TestOpenDamagedRecord(t *testing.T) {
	for _, tc := range []struct {
		name       string
		bucket     []byte
		key, value string
	}{
		{"a delivery that is not JSON", bucketDeliveries, "bdg/n00003/email", "\x00\x00\x00\x00"},
		{"a delivery cut short", bucketDeliveries, "bdg/n00004/email", `{"id":"bdg/n00004","channel":"em`},
		{"a delivery with a field of the wrong type", bucketDeliveries, "bdg/n00005/email", `{"id":"bdg/n00005","channel":"email","attempts":"two"}`},
		{"an acknowledgement that is not JSON", bucketAcks, "occ\x00ldtbxh\x00done", "garbage"},
		{"an acknowledgement with a bad key", bucketAcks, "occ-ldtbxh", `{"at":"2019-11-15T08:00:00Z"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "nhacviec.db")
			fillStore(t, path, 10)
			damage(t, path, tc.bucket, []byte(tc.key), []byte(tc.value))
			for _, ro := range []bool{false, true} {
				db, err := Open(path, Options{ReadOnly: ro})
				if err == nil {
					db.Close()
					t.Fatalf("Open(ReadOnly: %v) succeeded, want ErrCorrupt", ro)
				}
				if !errors.Is(err, ErrCorrupt) {
					t.Errorf("ReadOnly %v: got %v, want ErrCorrupt", ro, err)
				}
				printable := strings.Split(tc.key, "\x00")[0]
				for _, want := range []string{path, printable, "restore the last backup"} {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("ReadOnly %v: error %q does not say %q", ro, err, want)
					}
				}
			}
		})
	}
}

// TestOpenMissingBucket: a store of this schema without one of its buckets
// is damaged, not a store to fill again.
func TestOpenMissingBucket(t *testing.T) {
	for _, name := range allBuckets[1:] {
		t.Run(string(name), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "nhacviec.db")
			fillStore(t, path, 3)
			bdb, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := bdb.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket(name) }); err != nil {
				t.Fatal(err)
			}
			bdb.Close()
			db, err := Open(path, Options{})
			if err == nil {
				db.Close()
				t.Fatal("Open succeeded, want ErrCorrupt")
			}
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), string(name)) {
				t.Errorf("got %v, want ErrCorrupt naming %s and the bucket", err, path)
			}
		})
	}
}

// TestHasDamagedRecord: a record damaged while the store is open is an
// error of Has, not a record that stands for a sent notification.
func TestHasDamagedRecord(t *testing.T) {
	db := openTest(t, filepath.Join(t.TempDir(), "nhacviec.db"), nil)
	if _, _, err := db.Begin(Delivery{ID: "bdg/a", Channel: "email"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.Begin(Delivery{ID: "bdg/b", Channel: "email"}); err != nil {
		t.Fatal(err)
	}
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDeliveries).Put([]byte("bdg/b/email"), []byte("{damaged"))
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		id      string
		want    bool
		wantErr error
	}{
		{"bdg/a", true, nil},
		{"bdg/b", false, ErrCorrupt},
		{"bdg/c", false, nil},
	} {
		got, err := db.Has(tc.id)
		if got != tc.want || !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && err != nil) {
			t.Errorf("Has(%s): got %v, %v; want %v, %v", tc.id, got, err, tc.want, tc.wantErr)
		}
	}
}

// TestOpenMustExist: with MustExist, a missing or empty file is not made
// into a new store, and is left as it was.
func TestOpenMustExist(t *testing.T) {
	for _, tc := range []struct {
		name    string
		create  bool
		wantErr error
	}{
		{"missing", false, fs.ErrNotExist},
		{"empty", true, ErrNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "nhacviec.db")
			if tc.create {
				if err := os.WriteFile(path, nil, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			db, err := Open(path, Options{MustExist: true, LockTimeout: time.Second})
			if err == nil {
				db.Close()
				t.Fatal("Open(MustExist) succeeded")
			}
			if !errors.Is(err, tc.wantErr) || !strings.Contains(err.Error(), path) {
				t.Errorf("got %v, want %v naming the file", err, tc.wantErr)
			}
			info, err := os.Stat(path)
			switch {
			case !tc.create && !errors.Is(err, fs.ErrNotExist):
				t.Errorf("Open(MustExist) created the file (stat: %v)", err)
			case tc.create && (err != nil || info.Size() != 0):
				t.Errorf("Open(MustExist) changed the empty file (stat: %v)", err)
			}
		})
	}
	// An existing store opens as usual.
	path := filepath.Join(t.TempDir(), "nhacviec.db")
	fillStore(t, path, 2)
	db, err := Open(path, Options{MustExist: true})
	if err != nil {
		t.Fatalf("Open(MustExist) of a store: %v", err)
	}
	db.Close()
}
