package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime/debug"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Sentinel errors. Callers branch on them with errors.Is; the error returned
// around them names the file and says what to do.
var (
	// ErrLocked means another process holds the store open.
	ErrLocked = errors.New("store is in use by another nhacviec process")
	// ErrNewerSchema means the file was written by a newer nhacviec.
	ErrNewerSchema = errors.New("store was written by a newer version of nhacviec")
	// ErrCorrupt means the file is damaged, truncated or not a nhacviec store.
	ErrCorrupt = errors.New("store file is damaged or is not a nhacviec store")
	// ErrNotFound means the record asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrReadOnly means a write was asked of a store opened read-only.
	ErrReadOnly = errors.New("store is open read-only")
	// ErrInvalid means a record handed to the store lacks a required field or
	// has a state the operation does not accept.
	ErrInvalid = errors.New("invalid record")
	// ErrSettled means Finish was asked to change a delivery that already has
	// a different final state (sent, failed, missed or skipped).
	ErrSettled = errors.New("delivery already has a final state")
)

// SchemaVersion is the version of the layout this build writes and reads.
const SchemaVersion = 1

// DefaultLockTimeout is how long Open waits for another process to release
// the file when Options.LockTimeout is zero.
const DefaultLockTimeout = time.Second

// batchDelay is how long a batched write (bbolt's Batch) waits for others
// to share its commit: the outcomes of concurrent sends, acknowledgements
// of many units at once. A lone writer pays it on top of its sync; with
// less, many writers at once get a commit each (500 µs or none gave the
// acknowledgement figure a half or a quarter of bbolt's as shipped).
const batchDelay = 2 * time.Millisecond

// Bucket names of schema version 1.
var (
	bucketMeta        = []byte("meta")
	bucketDeliveries  = []byte("deliveries")
	bucketRetries     = []byte("retries")
	bucketCheckpoints = []byte("checkpoints")
	bucketAcks        = []byte("acks")
	bucketEvents      = []byte("events")

	allBuckets = [][]byte{bucketMeta, bucketDeliveries, bucketRetries, bucketCheckpoints, bucketAcks, bucketEvents}

	keySchema  = []byte("schema")
	keyCreated = []byte("created")
)

// migrations[v] upgrades a store of schema version v+1 to v+2, inside the
// opening transaction. Version 1 is the first: there is nothing to migrate
// yet (a bucket added since, as paused tasks and accounts, is made by its
// first write).
var migrations []func(tx *bolt.Tx) error

// Options configure Open.
type Options struct {
	// LockTimeout is how long to wait for another process to release the
	// file before failing with ErrLocked: zero means DefaultLockTimeout, a
	// negative value means try once.
	LockTimeout time.Duration
	// Now is the clock used to stamp records (default time.Now).
	Now func() time.Time
	// ReadOnly opens the store for reading only, sharing it with other
	// readers; writes fail with ErrReadOnly.
	ReadOnly bool
	// MustExist refuses to create the store: a missing or empty file
	// fails with ErrNotFound, as it does when ReadOnly. Only the daemon,
	// which knows whether an installation is new, creates a store.
	MustExist bool
}

// DB is an open store. Its methods are safe for concurrent use.
type DB struct {
	bolt     *bolt.DB
	file     *os.File // bbolt's handle, to release the lock if bbolt wedges
	path     string
	now      func() time.Time
	readOnly bool
	broken   atomic.Bool // a write transaction hit damage; bbolt may hold its writer lock
	closed   atomic.Bool
}

// Open opens the store file at path, creating it with mode 0600 if needed.
// An existing file is checked first, read-only, and never written to if it
// is damaged (ErrCorrupt) or of a newer schema (ErrNewerSchema); an older
// schema is migrated. If another process holds the file, Open fails with
// ErrLocked after opts.LockTimeout. Every error names the file.
func Open(path string, opts Options) (*DB, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	switch {
	case opts.LockTimeout == 0:
		opts.LockTimeout = DefaultLockTimeout
	case opts.LockTimeout < 0:
		opts.LockTimeout = time.Nanosecond // bbolt waits forever on zero
	}

	info, err := os.Stat(path)
	switch {
	case err == nil && info.IsDir():
		return nil, fmt.Errorf("open store %s: %w: it is a directory", path, ErrInvalid)
	case err == nil && info.Size() > 0:
		// Check an existing file without writing to it.
		bdb, file, err := openBolt(path, opts, true)
		if err != nil {
			return nil, err
		}
		if err := verify(bdb, path, opts.ReadOnly); err != nil {
			_ = bdb.Close()
			return nil, err
		}
		if opts.ReadOnly {
			return &DB{bolt: bdb, file: file, path: path, now: opts.Now, readOnly: true}, nil
		}
		if err := bdb.Close(); err != nil {
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
	case err == nil: // an empty file: bbolt initialises it
		if opts.ReadOnly || opts.MustExist {
			return nil, fmt.Errorf("open store %s: %w: the file is empty; start nhacviec run once to create the store", path, ErrNotFound)
		}
	case errors.Is(err, fs.ErrNotExist):
		if opts.ReadOnly || opts.MustExist {
			return nil, fmt.Errorf("open store %s: %w: no store yet; start nhacviec run once to create it", path, err)
		}
	default:
		return nil, openError(path, err)
	}

	bdb, file, err := openBolt(path, opts, false)
	if err != nil {
		return nil, err
	}
	bdb.MaxBatchDelay = batchDelay
	db := &DB{bolt: bdb, file: file, path: path, now: opts.Now}
	if err := db.prepare(); err != nil {
		_ = bdb.Close()
		return nil, err
	}
	// Now that bbolt holds the file's lock, no older nhacviec writes to
	// its journal.
	if err := db.foldJournal(); err != nil {
		_ = bdb.Close()
		return nil, openError(path, err)
	}
	return db, nil
}

// openBolt opens the bbolt file, turning its errors, panics and memory faults
// into the store's errors.
func openBolt(path string, opts Options, readOnly bool) (bdb *bolt.DB, file *os.File, err error) {
	bopts := &bolt.Options{
		Timeout:  opts.LockTimeout,
		ReadOnly: readOnly,
		// As etcd runs bbolt: the list of free pages is not written with
		// each commit (Open rebuilds it, reading the page tree, which
		// verify reads whole anyway), and it is kept in a hash map.
		// Writing it cost every commit pages of its own.
		NoFreelistSync: true,
		FreelistType:   bolt.FreelistMapType,
		OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
			f, err := os.OpenFile(name, flag, perm)
			file = f
			return f, err
		},
	}
	err = guard(func() error {
		var err error
		bdb, err = bolt.Open(path, 0o600, bopts)
		return err
	})
	if err != nil {
		var c *corruption
		if errors.As(err, &c) && c.panicked && file != nil {
			// bbolt did not get to clean up: release the file and its lock.
			release(file)
		}
		return nil, nil, openError(path, err)
	}
	return bdb, file, nil
}

// openError explains why the file could not be opened, and what to do.
func openError(path string, err error) error {
	switch {
	case errors.Is(err, bolt.ErrTimeout):
		return fmt.Errorf("open store %s: %w: stop the other instance (or use another data_dir) and try again", path, ErrLocked)
	case errors.Is(err, fs.ErrPermission):
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("open store %s: %w: the user running nhacviec cannot read or write this file or its directory; fix their owner or mode", path, err)
	case errors.Is(err, ErrCorrupt), errors.Is(err, ErrNotFound), errors.Is(err, ErrReadOnly):
		return fmt.Errorf("open store %s: %w", path, err)
	}
	var pathErr *fs.PathError
	var errno syscall.Errno
	if errors.As(err, &pathErr) || errors.As(err, &errno) {
		// The system refused: not a matter of the file's content.
		return fmt.Errorf("open store %s: %w", path, err)
	}
	// Anything else bbolt says about the file is about its format: no
	// valid meta page (ErrInvalid), a bad checksum, another format version,
	// a file smaller than two pages…
	return fmt.Errorf("open store %s: %w", path, corrupt("%v", err))
}

// corruption is an ErrCorrupt with its cause; its message says what to do.
type corruption struct {
	detail   string
	panicked bool // bbolt panicked or faulted on the mapped file
}

func corrupt(format string, args ...any) error {
	return &corruption{detail: fmt.Sprintf(format, args...)}
}

func (c *corruption) Error() string {
	return fmt.Sprintf("%v (%s): restore the last backup (made with `nhacviec backup`)", ErrCorrupt, c.detail)
}

// Is makes errors.Is(err, ErrCorrupt) true.
func (c *corruption) Is(target error) bool { return target == ErrCorrupt }

// schemaOf returns the schema version recorded in the file: 0 for a bbolt
// file with no buckets at all (created, never initialised), ErrCorrupt for a
// bbolt file that is not a nhacviec store.
func schemaOf(tx *bolt.Tx) (int, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		empty := true
		_ = tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
		if empty {
			return 0, nil
		}
		return 0, corrupt("a bbolt file without nhacviec's meta bucket")
	}
	raw := meta.Get(keySchema)
	v, err := strconv.Atoi(string(raw))
	if err != nil || v < 1 {
		return 0, corrupt("schema version %q", raw)
	}
	return v, nil
}

// prepare initialises a new store or migrates an older one, in one
// transaction, and makes sure every bucket exists.
func (db *DB) prepare() error {
	err := db.update(func(tx *bolt.Tx) error {
		version, err := schemaOf(tx)
		if err != nil {
			return err
		}
		switch {
		case version == SchemaVersion:
			return checkBuckets(tx)
		case version > SchemaVersion:
			// Replaced between the check and now by a newer nhacviec.
			return fmt.Errorf("%w (schema %d; this version reads up to %d): upgrade nhacviec", ErrNewerSchema, version, SchemaVersion)
		case version == 0:
			for _, name := range allBuckets {
				if _, err := tx.CreateBucketIfNotExists(name); err != nil {
					return err
				}
			}
			created, err := db.now().MarshalText()
			if err != nil {
				return err
			}
			if err := tx.Bucket(bucketMeta).Put(keyCreated, created); err != nil {
				return err
			}
			return tx.Bucket(bucketMeta).Put(keySchema, []byte(strconv.Itoa(SchemaVersion)))
		}
		for ; version < SchemaVersion; version++ {
			if err := migrations[version-1](tx); err != nil {
				return fmt.Errorf("migrate schema %d to %d: %w", version, version+1, err)
			}
		}
		if err := checkBuckets(tx); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte(strconv.Itoa(SchemaVersion)))
	})
	if err != nil {
		if errors.Is(err, ErrNewerSchema) {
			return fmt.Errorf("open store %s: %w", db.path, err)
		}
		return openError(db.path, err)
	}
	return nil
}

// checkBuckets makes sure the store has every bucket of its schema.
func checkBuckets(tx *bolt.Tx) error {
	for _, name := range allBuckets {
		if _, err := bucket(tx, name); err != nil {
			return err
		}
	}
	return nil
}

// Close closes the store. Writes already returned are on disk. Closing
// twice is harmless.
func (db *DB) Close() error {
	if db.closed.Swap(true) {
		return nil
	}
	var err error
	if db.broken.Load() {
		// A write interrupted by a damaged page may have left bbolt's writer
		// lock taken: do not wait for it forever.
		done := make(chan error, 1)
		go func() { done <- db.bolt.Close() }()
		select {
		case err = <-done:
		case <-time.After(time.Second):
			release(db.file) // the memory map goes at exit
			err = corrupt("a write was interrupted by a damaged page")
		}
	} else {
		err = db.bolt.Close()
	}
	if err != nil {
		return fmt.Errorf("close store %s: %w", db.path, err)
	}
	return nil
}

// Path returns the path of the store file, as given to Open.
func (db *DB) Path() string { return db.path }

// guard runs fn, turning a panic or a fault on the memory-mapped file (a
// damaged or truncated page) into an error that wraps ErrCorrupt, instead of
// crashing the daemon.
func guard(fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if p := recover(); p != nil {
			err = &corruption{detail: fmt.Sprintf("bbolt: %v", p), panicked: true}
		}
	}()
	return fn()
}

// view runs fn in a read transaction, guarded.
func (db *DB) view(fn func(*bolt.Tx) error) error {
	return guard(func() error { return db.bolt.View(fn) })
}

// update runs fn in a durable write transaction, guarded.
func (db *DB) update(fn func(*bolt.Tx) error) error {
	if err := db.writable(); err != nil {
		return err
	}
	return db.wrote(guard(func() error { return db.bolt.Update(fn) }))
}

// writable says whether a write may be tried.
func (db *DB) writable() error {
	switch {
	case db.readOnly:
		return ErrReadOnly
	case db.broken.Load():
		// bbolt may still hold the writer lock of the interrupted write:
		// trying again would block for ever.
		return corrupt("an earlier write was interrupted by a damaged page; stop nhacviec")
	}
	return nil
}

// wrote notes a write interrupted by a damaged page, and returns err.
func (db *DB) wrote(err error) error {
	var c *corruption
	if errors.As(err, &c) && c.panicked {
		db.broken.Store(true)
	}
	return err
}

// batch runs fn in a write transaction shared with other concurrent callers
// (bbolt Batch): durable when it returns, but fn may run more than once, in
// a fresh transaction each time, so it must not change anything outside the
// transaction except by assigning its results anew on each run.
func (db *DB) batch(fn func(*bolt.Tx) error) error {
	if err := db.writable(); err != nil {
		return err
	}
	// fn runs on bbolt's batch goroutine: guard it there too. (bbolt's own
	// commit or rollback on that goroutine cannot be guarded: a page damaged
	// after Open verified the file could still crash it there.)
	guarded := func(tx *bolt.Tx) error { return guard(func() error { return fn(tx) }) }
	return db.wrote(guard(func() error { return db.bolt.Batch(guarded) }))
}

// bucket returns a bucket that every store of this schema has.
func bucket(tx *bolt.Tx, name []byte) (*bolt.Bucket, error) {
	b := tx.Bucket(name)
	if b == nil {
		return nil, corrupt("bucket %s is missing", name)
	}
	return b, nil
}
