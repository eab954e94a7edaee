package store

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/nhacviec/nhacviec/internal/unprivileged"
)

// testClock is an injected clock that moves only when told.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *testClock {
	return &testClock{t: time.Date(2019, 3, 8, 7, 30, 0, 0, time.FixedZone("ICT", 7*3600))}
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// openTest opens a store at path (in a fresh temporary directory if path is
// empty), closed at the end of the test.
func openTest(t *testing.T, path string, clock *testClock) *DB {
	t.Helper()
	if path == "" {
		path = filepath.Join(t.TempDir(), "nhacviec.db")
	}
	opts := Options{}
	if clock != nil {
		opts.Now = clock.Now
	}
	db, err := Open(path, opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// fillStore creates a closed store at path holding n sent deliveries with
// payloads, so that it spans many pages.
func fillStore(t *testing.T, path string, n int) {
	t.Helper()
	db, err := Open(path, Options{Now: newClock().Now})
	if err != nil {
		t.Fatal(err)
	}
	payload := bytes.Repeat([]byte("nhắc việc "), 40)
	ds, keys := make([]Delivery, n), make([]string, n)
	for i := range n {
		ds[i] = Delivery{ID: fmt.Sprintf("bdg/n%05d", i), Channel: "email", Payload: payload}
		keys[i] = DeliveryKey(ds[i].ID, ds[i].Channel)
	}
	if _, _, err := db.BeginAll(ds); err != nil {
		t.Fatal(err)
	}
	if err := db.FinishAll(keys, Sent, "250 OK", "", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestOpenCreates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nhacviec.db")
	clock := newClock()
	db, err := Open(path, Options{Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	if got := db.Path(); got != path {
		t.Errorf("Path() = %q, want %q", got, path)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o600 {
		t.Errorf("mode = %v, want 0600", got)
	}
	var schema, created string
	err = db.view(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if tx.Bucket(name) == nil {
				return fmt.Errorf("bucket %s missing", name)
			}
		}
		schema = string(tx.Bucket(bucketMeta).Get(keySchema))
		created = string(tx.Bucket(bucketMeta).Get(keyCreated))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if schema != "1" {
		t.Errorf("schema = %q, want %q", schema, "1")
	}
	if want := "2019-03-08T07:30:00+07:00"; created != want {
		t.Errorf("created = %q, want %q", created, want)
	}
	if err := db.SetCheckpoint("bdg", clock.Now()); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopening keeps what was written.
	db = openTest(t, path, clock)
	got, err := db.Checkpoint("bdg")
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equal(clock.Now()) {
		t.Errorf("checkpoint after reopen = %v, want %v", got, clock.Now())
	}
}

func TestOpenEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nhacviec.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	db := openTest(t, path, nil)
	if err := db.SetCheckpoint("p", time.Unix(1, 0)); err != nil {
		t.Errorf("SetCheckpoint on a store made from an empty file: %v", err)
	}
}

func TestOpenLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nhacviec.db")
	openTest(t, path, nil)

	for _, tc := range []struct {
		name string
		opts Options
		max  time.Duration
	}{
		{"default timeout", Options{}, 2 * time.Second},
		{"short timeout", Options{LockTimeout: 100 * time.Millisecond}, time.Second},
		{"try once", Options{LockTimeout: -1}, time.Second},
		{"read-only", Options{ReadOnly: true}, 2 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			db, err := Open(path, tc.opts)
			elapsed := time.Since(start)
			if err == nil {
				db.Close()
				t.Fatal("second Open succeeded, want ErrLocked")
			}
			if !errors.Is(err, ErrLocked) {
				t.Errorf("got %v, want ErrLocked", err)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file %s", err, path)
			}
			if elapsed > tc.max {
				t.Errorf("second Open took %v, want less than %v", elapsed, tc.max)
			}
		})
	}
}

func TestOpenNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nhacviec.db")
	fillStore(t, path, 3)
	bdb, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = bdb.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("2"))
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := bdb.Close(); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	for _, ro := range []bool{false, true} {
		var db *DB
		var err error
		// As root (in CI), without the privilege to read any file.
		unprivileged.Run(t, func() { db, err = Open(path, Options{ReadOnly: ro}) })
		if err == nil {
			db.Close()
			t.Fatalf("Open(ReadOnly: %v) of a schema 2 store succeeded, want ErrNewerSchema", ro)
		}
		if !errors.Is(err, ErrNewerSchema) {
			t.Errorf("ReadOnly %v: got %v, want ErrNewerSchema", ro, err)
		}
		for _, want := range []string{path, "upgrade nhacviec"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("ReadOnly %v: error %q does not say %q", ro, err, want)
			}
		}
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("opening a newer store changed the file")
	}
}

func TestOpenCorrupt(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return b
	}
	// real returns a real store of many pages, as bytes.
	real := func(t *testing.T) []byte {
		path := filepath.Join(t.TempDir(), "real.db")
		fillStore(t, path, 400)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) < 64*1024 {
			t.Fatalf("real store is only %d bytes, want many pages", len(b))
		}
		return b
	}
	foreign := func(t *testing.T) []byte {
		path := filepath.Join(t.TempDir(), "other.db")
		bdb, err := bolt.Open(path, 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		err = bdb.Update(func(tx *bolt.Tx) error {
			b, err := tx.CreateBucket([]byte("widgets"))
			if err != nil {
				return err
			}
			return b.Put([]byte("a"), []byte("b"))
		})
		if err != nil {
			t.Fatal(err)
		}
		bdb.Close()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}

	for _, tc := range []struct {
		name    string
		content func(t *testing.T) []byte
	}{
		{"random bytes", func(*testing.T) []byte { return random(64 * 1024) }},
		{"a few random bytes", func(*testing.T) []byte { return random(100) }},
		{"text", func(*testing.T) []byte { return []byte("plans:\n  - id: bdg\n") }},
		{"truncated to half", func(t *testing.T) []byte { b := real(t); return b[:len(b)/2] }},
		{"truncated to three pages", func(t *testing.T) []byte { return real(t)[:3*4096] }},
		{"truncated inside the second meta page", func(t *testing.T) []byte { return real(t)[:5000] }},
		{"pages overwritten", func(t *testing.T) []byte {
			b := real(t)
			copy(b[2*4096:], random(len(b)-2*4096))
			return b
		}},
		{"pages zeroed", func(t *testing.T) []byte {
			b := real(t)
			clear(b[2*4096 : len(b)-4096])
			return b
		}},
		{"meta pages overwritten", func(t *testing.T) []byte {
			b := real(t)
			copy(b, random(2*4096))
			return b
		}},
		{"another program's bbolt file", foreign},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "nhacviec.db")
			content := tc.content(t)
			if err := os.WriteFile(path, content, 0o600); err != nil {
				t.Fatal(err)
			}
			for _, ro := range []bool{false, true} {
				db, err := Open(path, Options{ReadOnly: ro})
				if err == nil {
					db.Close()
					t.Fatalf("Open(ReadOnly: %v) succeeded, want ErrCorrupt", ro)
				}
				if !errors.Is(err, ErrCorrupt) {
					t.Errorf("ReadOnly %v: got %v, want ErrCorrupt", ro, err)
				}
				for _, want := range []string{path, "restore the last backup", "nhacviec backup"} {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("ReadOnly %v: error %q does not say %q", ro, err, want)
					}
				}
			}
			after, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(content, after) {
				t.Error("opening a damaged store changed the file")
			}
			// The failed opens released the file: trying once more finds
			// the damage again, not a lock.
			if db, err := Open(path, Options{LockTimeout: -1}); !errors.Is(err, ErrCorrupt) {
				if err == nil {
					db.Close()
				}
				t.Errorf("third Open: got %v, want ErrCorrupt", err)
			}
		})
	}
}

func TestOpenPermission(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nhacviec.db")
	fillStore(t, path, 1)
	if err := os.Chmod(path, 0); err != nil {
		t.Fatal(err)
	}
	for _, ro := range []bool{false, true} {
		var db *DB
		var err error
		// As root (in CI), without the privilege to read any file.
		unprivileged.Run(t, func() { db, err = Open(path, Options{ReadOnly: ro}) })
		if err == nil {
			db.Close()
			t.Fatalf("Open(ReadOnly: %v) of an unreadable file succeeded", ro)
		}
		if !errors.Is(err, fs.ErrPermission) {
			t.Errorf("got %v, want fs.ErrPermission", err)
		}
		for _, want := range []string{path, "cannot read or write"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not say %q", err, want)
			}
		}
	}
}

func TestOpenErrorPermission(t *testing.T) {
	path := "/var/lib/nhacviec/nhacviec.db"
	for _, errno := range []syscall.Errno{syscall.EACCES, syscall.EPERM} {
		err := openError(path, &fs.PathError{Op: "open", Path: path, Err: errno})
		if !errors.Is(err, fs.ErrPermission) {
			t.Errorf("%v: got %v, want fs.ErrPermission", errno, err)
		}
		for _, want := range []string{path, "cannot read or write"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%v: error %q does not say %q", errno, err, want)
			}
		}
	}
}

func TestOpenReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nhacviec.db")
	fillStore(t, path, 5)

	// Readers share the file.
	db1, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db1.Close()
	db2, err := Open(path, Options{ReadOnly: true, LockTimeout: -1})
	if err != nil {
		t.Fatalf("second read-only Open: %v", err)
	}
	defer db2.Close()

	d, err := db2.Delivery(DeliveryKey("bdg/n00003", "email"))
	if err != nil {
		t.Fatal(err)
	}
	if d.State != Sent {
		t.Errorf("state = %s, want %s", d.State, Sent)
	}
	writes := map[string]func() error{
		"Begin":         func() error { _, _, err := db1.Begin(Delivery{ID: "x", Channel: "sms"}); return err },
		"Finish":        func() error { return db1.Finish(d.Key, Failed, "", "x", time.Time{}) },
		"Record":        func() error { return db1.Record(Delivery{ID: "x", Channel: "sms", State: Missed}) },
		"SetCheckpoint": func() error { return db1.SetCheckpoint("p", time.Now()) },
		"RecordAck": func() error {
			_, _, err := db1.RecordAck(Ack{Subject: "s", Unit: "u", Kind: Done})
			return err
		},
		"Log": func() error { return db1.Log(Event{What: "x"}) },
	}
	for name, write := range writes {
		if err := write(); !errors.Is(err, ErrReadOnly) {
			t.Errorf("%s on a read-only store: got %v, want ErrReadOnly", name, err)
		}
	}
	// A writer cannot take the file while readers hold it.
	if db, err := Open(path, Options{LockTimeout: -1}); !errors.Is(err, ErrLocked) {
		if err == nil {
			db.Close()
		}
		t.Errorf("writable Open while read-only ones are open: got %v, want ErrLocked", err)
	}
}

func TestOpenReadOnlyMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nhacviec.db")
	db, err := Open(path, Options{ReadOnly: true})
	if err == nil {
		db.Close()
		t.Fatal("read-only Open of a missing file succeeded")
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("got %v, want fs.ErrNotExist", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("read-only Open created the file (stat: %v)", err)
	}
}

// TestFaultIsCorrupt damages the file under an open store: reading a page
// past the new end of the file faults on the memory map, which must come
// back as ErrCorrupt, not crash the daemon.
func TestFaultIsCorrupt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nhacviec.db")
	fillStore(t, path, 400)
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, 2*4096); err != nil {
		t.Fatal(err)
	}
	for _, op := range []struct {
		name string
		fn   func() error
	}{
		{"Delivery", func() error { _, err := db.Delivery(DeliveryKey("bdg/n00399", "email")); return err }},
		{"Has", func() error { _, err := db.Has("bdg/n00200"); return err }},
		{"InFlight", func() error { _, err := db.InFlight(); return err }},
		{"Deliveries", func() error { return db.Deliveries(func(Delivery) error { return nil }) }},
		{"Begin", func() error { _, _, err := db.Begin(Delivery{ID: "bdg/n00300", Channel: "email"}); return err }},
		// A write after a write that faulted fails at once instead of
		// waiting for ever for bbolt's writer lock.
		{"Begin again", func() error { _, _, err := db.Begin(Delivery{ID: "bdg/n00301", Channel: "email"}); return err }},
		{"SetCheckpoint", func() error { return db.SetCheckpoint("bdg", time.Now()) }},
	} {
		if err := op.fn(); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s on a truncated file: got %v, want ErrCorrupt", op.name, err)
		} else if !strings.Contains(err.Error(), "nhacviec backup") {
			t.Errorf("%s: error %q does not say to restore a backup", op.name, err)
		}
	}
	start := time.Now()
	// Begin commits in a batch: its fault may be met on bbolt's batch
	// goroutine, which releases the writer lock, so Close may succeed.
	if err := db.Close(); err != nil && !errors.Is(err, ErrCorrupt) {
		t.Errorf("Close after a write hit damage: got %v, want nil or ErrCorrupt", err)
	}
	if elapsed := time.Since(start); elapsed > 3*time.Second {
		t.Errorf("Close took %v, want less than 3s", elapsed)
	}
	// The file is released: the next Open sees the damage, not a lock.
	if db, err := Open(path, Options{LockTimeout: -1}); !errors.Is(err, ErrCorrupt) {
		if err == nil {
			db.Close()
		}
		t.Errorf("Open after Close: got %v, want ErrCorrupt", err)
	}
}

func TestGuard(t *testing.T) {
	for _, tc := range []struct {
		name string
		fn   func() error
		want error
	}{
		{"nil", func() error { return nil }, nil},
		{"error", func() error { return ErrNotFound }, ErrNotFound},
		{"panic", func() error { panic("assertion failed") }, ErrCorrupt},
		{"index out of range", func() error { var b []byte; _ = b[5]; return nil }, ErrCorrupt},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := guard(tc.fn); !errors.Is(err, tc.want) || (tc.want == nil && err != nil) {
				t.Errorf("got %v, want %v", err, tc.want)
			}
		})
	}
}
