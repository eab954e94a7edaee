package store

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TestOlderStore: a store written by nhacviec before the store wrote its
// records by hand (testdata/v1.db, made at commit 42c86ca, with a mark a
// crash left in its journal) opens and reads as before, and what this
// build writes into it is, byte for byte, what that build wrote
// (testdata/v1.golden): the mark folded in at Open, then a retried
// delivery, with escaped strings, finished as sent.
func TestOlderStore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "nhacviec.db")
	for from, to := range map[string]string{"v1.db": path, "v1.db.sent": path + sentSuffix} {
		raw, err := os.ReadFile(filepath.Join("testdata", from))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to, raw, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	clock := newClock()
	clock.Add(time.Hour + time.Minute + 123*time.Nanosecond) // as when v1.golden was made
	db := openTest(t, path, clock)
	if err := db.Finish("bdg/q1/b/email", Sent, "250 ok", "", time.Time{}); err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	var raw [][2][]byte
	err := db.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDeliveries).ForEach(func(k, v []byte) error {
			fmt.Fprintf(&got, "%s\t%s\n", k, v)
			raw = append(raw, [2][]byte{bytes.Clone(k), bytes.Clone(v)})
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("testdata", "v1.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("the records:\ngot\n%s\nwant\n%s", got.Bytes(), want)
	}

	// Every record reads as encoding/json reads it.
	i := 0
	err = db.Deliveries(func(d Delivery) error {
		if i >= len(raw) {
			return fmt.Errorf("more records than bbolt holds: %s", d.Key)
		}
		slow, _, err := decodeSlow(raw[i][0], raw[i][1])
		if err != nil {
			return err
		}
		if diff := diffDelivery(d, slow); diff != "" {
			t.Errorf("%s: %s", d.Key, diff)
		}
		i++
		return nil
	})
	if err != nil || i != len(raw) || i != 4 {
		t.Errorf("Deliveries: %v after %d records, want the 4 records", err, i)
	}
	if tok, err := db.Token("tok-a"); err != nil || !bytes.Contains(tok, []byte("hội phụ nữ")) {
		t.Errorf("Token: got %q, %v; want a's payload", tok, err)
	}
}
