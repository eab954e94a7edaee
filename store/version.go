package store

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// bucketVersions keeps every saved version of the files the editor writes
// (a plan file, or the configuration file): one sub-bucket per document,
// keyed by the version's number. Like the token index it is created by its
// first write, so a store made before it existed opens unchanged and an
// older build simply ignores it.
var bucketVersions = []byte("versions")

// DiskAuthor is the Who of a version found on disk: an administrator's edit
// noticed when the daemon reloaded.
const DiskAuthor = "disk"

// Version is one saved version of a document's text.
type Version struct {
	N    int       // 1 for the first version of the document, then 2, 3…
	Who  string    // the account that saved it, or DiskAuthor
	At   time.Time // when it was recorded (the store's clock)
	Hash string    // ContentHash of Text: the document's ETag
	Text []byte    // the whole file
	// Diff is a unified diff from the previous version's text to this
	// one; empty for the first version.
	Diff string
}

type versionRecord struct {
	Who  string    `json:"who"`
	At   time.Time `json:"at"`
	Hash string    `json:"hash"`
	Text string    `json:"text"`
	Diff string    `json:"diff,omitempty"`
}

// ContentHash returns the hash that identifies a text: the hex SHA-256 of
// its bytes. The editor's ETags are this hash in quotes.
func ContentHash(text []byte) string {
	sum := sha256.Sum256(text)
	return hex.EncodeToString(sum[:])
}

// SaveVersion records text as the newest version of doc, saved by who,
// with its diff against the version before. It records a version even
// when the text is the same as the last one (a restore is a new version).
func (db *DB) SaveVersion(doc, who string, text []byte) (Version, error) {
	v, _, err := db.addVersion(doc, who, text, false)
	return v, err
}

// NoteDiskVersion records text as a version by DiskAuthor when its hash
// differs from the newest version of doc (or doc has none yet): a file
// edited on disk since the editor last saved it. It returns the newest
// version and whether it recorded one.
func (db *DB) NoteDiskVersion(doc string, text []byte) (Version, bool, error) {
	return db.addVersion(doc, DiskAuthor, text, true)
}

func (db *DB) addVersion(doc, who string, text []byte, onlyChanged bool) (Version, bool, error) {
	if doc == "" || who == "" {
		return Version{}, false, fmt.Errorf("save version: %w: no document or author", ErrInvalid)
	}
	v := Version{Who: who, At: db.now(), Hash: ContentHash(text), Text: text}
	added := false
	err := db.update(func(tx *bolt.Tx) error {
		top, err := tx.CreateBucketIfNotExists(bucketVersions)
		if err != nil {
			return err
		}
		b, err := top.CreateBucketIfNotExists([]byte(doc))
		if err != nil {
			return err
		}
		var prev []byte
		if k, raw := b.Cursor().Last(); k != nil {
			last, err := decodeVersion(doc, k, raw)
			if err != nil {
				return err
			}
			if onlyChanged && last.Hash == v.Hash {
				v = last
				return nil
			}
			prev = last.Text
			v.Diff = Diff("a/"+doc, "b/"+doc, prev, text)
		}
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		v.N = int(seq)
		raw, err := json.Marshal(versionRecord{Who: v.Who, At: v.At, Hash: v.Hash, Text: string(v.Text), Diff: v.Diff})
		if err != nil {
			return err
		}
		added = true
		return b.Put(binary.BigEndian.AppendUint64(nil, seq), raw)
	})
	if err != nil {
		return Version{}, false, fmt.Errorf("save version of %s: %w", doc, err)
	}
	return v, added, nil
}

// Versions returns every version of doc, newest first; none when doc has
// no history yet.
func (db *DB) Versions(doc string) ([]Version, error) {
	var out []Version
	err := db.view(func(tx *bolt.Tx) error {
		b := versionBucket(tx, doc)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, raw := c.Last(); k != nil; k, raw = c.Prev() {
			v, err := decodeVersion(doc, k, raw)
			if err != nil {
				return err
			}
			out = append(out, v)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("versions of %s: %w", doc, err)
	}
	return out, nil
}

// Version returns version n of doc, or ErrNotFound.
func (db *DB) Version(doc string, n int) (Version, error) {
	var v Version
	err := db.view(func(tx *bolt.Tx) error {
		b := versionBucket(tx, doc)
		if b == nil || n < 1 {
			return ErrNotFound
		}
		k := binary.BigEndian.AppendUint64(nil, uint64(n))
		raw := b.Get(k)
		if raw == nil {
			return ErrNotFound
		}
		var err error
		v, err = decodeVersion(doc, k, raw)
		return err
	})
	if err != nil {
		return Version{}, fmt.Errorf("version %d of %s: %w", n, doc, err)
	}
	return v, nil
}

// LatestVersion returns the newest version of doc, or ErrNotFound.
func (db *DB) LatestVersion(doc string) (Version, error) {
	var v Version
	err := db.view(func(tx *bolt.Tx) error {
		b := versionBucket(tx, doc)
		if b == nil {
			return ErrNotFound
		}
		k, raw := b.Cursor().Last()
		if k == nil {
			return ErrNotFound
		}
		var err error
		v, err = decodeVersion(doc, k, raw)
		return err
	})
	if err != nil {
		return Version{}, fmt.Errorf("latest version of %s: %w", doc, err)
	}
	return v, nil
}

func versionBucket(tx *bolt.Tx, doc string) *bolt.Bucket {
	top := tx.Bucket(bucketVersions)
	if top == nil {
		return nil
	}
	return top.Bucket([]byte(doc))
}

func decodeVersion(doc string, k, raw []byte) (Version, error) {
	var r versionRecord
	if len(k) != 8 {
		return Version{}, corrupt("version key %x of %s", k, doc)
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		return Version{}, corrupt("version %d of %s: %v", binary.BigEndian.Uint64(k), doc, err)
	}
	return Version{N: int(binary.BigEndian.Uint64(k)), Who: r.Who, At: r.At, Hash: r.Hash, Text: []byte(r.Text), Diff: r.Diff}, nil
}
