package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// olderStore copies testdata/NAME and the sent journal a crash left
// beside it into a fresh folder, and returns the store's path there.
func olderStore(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "nhacviec.db")
	for from, to := range map[string]string{name: path, name + journalSuffix: path + journalSuffix} {
		raw, err := os.ReadFile(filepath.Join("testdata", from))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to, raw, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// TestOlderStore: a store written by nhacviec at commit 42c86ca
// (testdata/v1.db, with a mark a crash left in its journal) opens, and
// what this build writes into it is, byte for byte, what that build
// wrote (testdata/v1.golden): the mark folded in at Open, then a retried
// delivery, with escaped strings, finished as sent.
func TestOlderStore(t *testing.T) {
	path := olderStore(t, "v1.db")
	clock := newClock()
	clock.Add(time.Hour + time.Minute + 123*time.Nanosecond) // as when v1.golden was made
	db := openTest(t, path, clock)
	if _, err := os.Stat(path + journalSuffix); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the journal is still there after Open: %v", err)
	}
	if err := db.Finish("bdg/q1/b/email", Sent, "250 ok", "", time.Time{}); err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	err := db.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDeliveries).ForEach(func(k, v []byte) error {
			fmt.Fprintf(&got, "%s\t%s\n", k, v)
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
	n := 0
	if err := db.Deliveries(func(d Delivery) error {
		n++
		if d.State != Sent && d.State != Missed || d.Payload == nil && d.State == Sent {
			t.Errorf("%s: %s with payload %q, want sent with a payload or missed", d.Key, d.State, d.Payload)
		}
		return nil
	}); err != nil || n != 4 {
		t.Errorf("Deliveries: %v after %d records, want the 4 records", err, n)
	}
	if tok, err := db.Token("tok-a"); err != nil || !bytes.Contains(tok, []byte("hội phụ nữ")) {
		t.Errorf("Token: got %q, %v; want a's payload", tok, err)
	}
}

// TestOlderStoreHandWritten: a store written at commit 6b9ead2, whose
// records were written by hand, left by a crash with a mark in its
// journal (testdata/v1-6b9ead2.db), opens, and every record reads back as
// that build read it, the mark applied (v1-6b9ead2.golden.json, what its
// Deliveries returned); its links, acknowledgement, audit log, checkpoint,
// paused task, retry queue and message in flight are there, and it keeps
// working.
func TestOlderStoreHandWritten(t *testing.T) {
	path := olderStore(t, "v1-6b9ead2.db")
	raw, err := os.ReadFile(filepath.Join("testdata", "v1-6b9ead2.golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want []Delivery
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	clock := newClock()
	clock.Add(time.Hour)
	db := openTest(t, path, clock)
	i := 0
	err = db.Deliveries(func(d Delivery) error {
		if i < len(want) {
			if diff := diffDelivery(d, want[i]); diff != "" {
				t.Errorf("%s: %s", d.Key, diff)
			}
		}
		i++
		return nil
	})
	if err != nil || i != len(want) || i != 6 {
		t.Fatalf("Deliveries: %v after %d records, want the %d of the golden file, 6", err, i, len(want))
	}
	if e := want[4]; e.Key != "n-e/email" || e.State != Sent || e.Where == "" {
		t.Fatalf("the golden file's n-e is %+v, want the mark applied", e)
	}

	if tok, err := db.Token("4821"); err != nil || !bytes.Contains(tok, []byte("Hội Liên hiệp phụ nữ")) {
		t.Errorf("Token: got %q, %v; want n-a's payload", tok, err)
	}
	if a, err := db.Ack("n-a", "hlhpn", Received); err != nil || a.By != "Chị Lan" || a.Note != "Đã nhận" {
		t.Errorf("Ack: got %+v, %v", a, err)
	}
	var events []Event
	if err := db.Events(time.Time{}, func(e Event) error { events = append(events, e); return nil }); err != nil || len(events) != 1 || events[0].ID != "n-f/sms" {
		t.Errorf("Events: got %+v, %v; want n-f's skip", events, err)
	}
	if cp, err := db.Checkpoint("bdg-2019"); err != nil || cp.IsZero() {
		t.Errorf("Checkpoint: got %v, %v", cp, err)
	}
	if p, err := db.Paused("bdg-2019", "tuyen-truyen"); err != nil || !p {
		t.Errorf("Paused: got %t, %v; want true", p, err)
	}
	next, err := db.NextRetry()
	if err != nil || !next.Equal(want[1].NextAttempt) {
		t.Errorf("NextRetry: got %v, %v; want n-b's %v", next, err, want[1].NextAttempt)
	}
	if due, err := db.DueRetries(next, 0); err != nil || len(due) != 1 || due[0].Key != "n-b/email" {
		t.Errorf("DueRetries: got %v, %v; want n-b", due, err)
	}
	inflight, err := db.InFlight()
	if err != nil || len(inflight) != 1 || inflight[0].Key != "n-d/email" {
		t.Fatalf("InFlight: got %v, %v; want n-d alone", inflight, err)
	}

	// It keeps working: the message in flight goes back in the queue, and
	// is sent; another is begun; all of it reads back after a restart.
	if err := db.FinishAll([]string{"n-d/email"}, Retrying, "", "interrupted by a stop", clock.Now()); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := db.Begin(Delivery{ID: "n-d", Channel: "email"}); err != nil || !ok {
		t.Fatalf("Begin n-d again: %t, %v", ok, err)
	}
	if err := db.Finish("n-d/email", Sent, "250 ok", "", time.Time{}); err != nil {
		t.Fatal(err)
	}
	g := begun(t, db, testDelivery("n-g", "email", clock.Now()))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if d, err := ro.Delivery("n-d/email"); err != nil || d.State != Sent || d.Attempts != 2 || !bytes.Equal(d.Payload, want[3].Payload) {
		t.Errorf("n-d after a restart: got %+v, %v; want sent on its second attempt, its payload kept", d, err)
	}
	if d, err := ro.Delivery(g); err != nil || d.State != Sending {
		t.Errorf("n-g after a restart: got %+v, %v; want sending", d, err)
	}
}
