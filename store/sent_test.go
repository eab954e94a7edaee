package store

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// stored returns the record of key as bbolt holds it, without the marks
// the journal has pending.
func stored(t *testing.T, db *DB, key string) Delivery {
	t.Helper()
	var d Delivery
	err := db.view(func(tx *bolt.Tx) error {
		var err error
		d, err = getDelivery(tx.Bucket(bucketDeliveries), key)
		return err
	})
	if err != nil {
		t.Fatalf("stored %s: %v", key, err)
	}
	return d
}

func journal(t *testing.T, db *DB) string {
	t.Helper()
	raw, err := os.ReadFile(db.Path() + sentSuffix)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

func begun(t *testing.T, db *DB, d Delivery) string {
	t.Helper()
	if _, ok, err := db.Begin(d); err != nil || !ok {
		t.Fatalf("begin %s: ok=%v %v", d.ID, ok, err)
	}
	return DeliveryKey(d.ID, d.Channel)
}

// TestSentJournal: Sent is seen at once by every read, is in the journal
// until the next write transaction folds it into the record, and the
// journal is empty afterwards.
func TestSentJournal(t *testing.T) {
	clock := newClock()
	db := openTest(t, "", clock)
	key := begun(t, db, testDelivery("bdg/q1/a", "email", clock.Now()))
	other := begun(t, db, testDelivery("bdg/q1/b", "email", clock.Now()))
	clock.Add(time.Minute)
	if err := db.Sent(key, "smtp 127.0.0.1:25 accepted: 250 queued"); err != nil {
		t.Fatal(err)
	}
	if s := stored(t, db, key).State; s != Sending {
		t.Fatalf("bbolt has %s before any commit, want sending", s)
	}
	if j := journal(t, db); !strings.Contains(j, `"key":"`+key+`"`) {
		t.Fatalf("journal %q lacks the mark", j)
	}
	d, err := db.Delivery(key)
	if err != nil {
		t.Fatal(err)
	}
	if d.State != Sent || !d.SentAt.Equal(clock.Now()) || d.Where != "smtp 127.0.0.1:25 accepted: 250 queued" {
		t.Errorf("Delivery: got %s at %v from %q, want sent now with the reply", d.State, d.SentAt, d.Where)
	}
	inflight, err := db.InFlight()
	if err != nil {
		t.Fatal(err)
	}
	if len(inflight) != 1 || inflight[0].Key != other {
		t.Errorf("InFlight: got %v, want %s alone", inflight, other)
	}
	var seen State
	if err := db.Deliveries(func(d Delivery) error {
		if d.Key == key {
			seen = d.State
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if seen != Sent {
		t.Errorf("Deliveries: got %s, want sent", seen)
	}

	// The mark makes the record final for writers too.
	if err := db.Finish(key, Failed, "", "late", time.Time{}); !errors.Is(err, ErrSettled) {
		t.Errorf("Finish(failed) after Sent: got %v, want ErrSettled", err)
	}
	// The next write that commits folds it in.
	if err := db.SetCheckpoint("bdg-2019", clock.Now()); err != nil {
		t.Fatal(err)
	}
	if got := stored(t, db, key); got.State != Sent || got.Where == "" || !got.SentAt.Equal(d.SentAt) {
		t.Errorf("after a write: bbolt has %+v, want the mark folded in", got)
	}
	if j := journal(t, db); j != "" {
		t.Errorf("journal holds %q once folded in, want it empty", j)
	}
}

// TestSentJournalAfterCrash: marks a crash left in the journal are folded
// in by the next Open; a line cut short by the crash, and a mark for a
// record that is final or gone, change nothing; a read-only Open sees the
// marks without writing them.
func TestSentJournalAfterCrash(t *testing.T) {
	clock := newClock()
	path := filepath.Join(t.TempDir(), "nhacviec.db")
	db := openTest(t, path, clock)
	a := begun(t, db, testDelivery("bdg/q1/a", "email", clock.Now()))
	b := begun(t, db, testDelivery("bdg/q1/b", "email", clock.Now()))
	c := begun(t, db, testDelivery("bdg/q1/c", "email", clock.Now()))
	if err := db.Finish(c, Failed, "", "550 no such user", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	// What the journal holds after a crash: marks for a and c, one for a
	// record that does not exist, and b's cut short.
	lines := `{"key":"` + a + `","where":"250 ok","at":"2019-03-08T07:31:00+07:00"}` + "\n" +
		`{"key":"` + c + `","at":"2019-03-08T07:31:00+07:00"}` + "\n" +
		`{"key":"bdg/q1/zz/email","at":"2019-03-08T07:31:00+07:00"}` + "\n" +
		`{"key":"` + b + `","whe`
	if err := os.WriteFile(path+sentSuffix, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}

	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if d, err := ro.Delivery(a); err != nil || d.State != Sent {
		t.Errorf("read-only: got %s, %v, want sent", d.State, err)
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	if raw, _ := os.ReadFile(path + sentSuffix); string(raw) != lines {
		t.Fatal("a read-only store changed the journal")
	}

	db = openTest(t, path, clock)
	if got := stored(t, db, a); got.State != Sent || got.Where != "250 ok" {
		t.Errorf("a: bbolt has %s %q, want sent with the reply", got.State, got.Where)
	}
	if got := stored(t, db, b); got.State != Sending {
		t.Errorf("b, whose mark was cut short: got %s, want sending (sent again)", got.State)
	}
	if got := stored(t, db, c); got.State != Failed {
		t.Errorf("c, failed before: got %s, want failed", got.State)
	}
	if _, err := db.Delivery("bdg/q1/zz/email"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a mark created a record: %v", err)
	}
	if j := journal(t, db); j != "" {
		t.Errorf("journal holds %q after Open, want it empty", j)
	}
}

// TestSentJournalFlushes: with no other write, the marks are folded in
// within about sentFlushDelay; Close folds in what is left; a backup
// has the marks.
func TestSentJournalFlushes(t *testing.T) {
	clock := newClock()
	path := filepath.Join(t.TempDir(), "nhacviec.db")
	db := openTest(t, path, clock)
	key := begun(t, db, testDelivery("bdg/q1/a", "email", clock.Now()))
	if err := db.Sent(key, ""); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * sentFlushDelay)
	for stored(t, db, key).State != Sent {
		if time.Now().After(deadline) {
			t.Fatalf("the mark was not folded in within %s", 10*sentFlushDelay)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if j := journal(t, db); j != "" {
		t.Errorf("journal holds %q, want it empty", j)
	}

	// Backup folds in first.
	key2 := begun(t, db, testDelivery("bdg/q1/b", "email", clock.Now()))
	if err := db.Sent(key2, ""); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := db.Backup(&buf); err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(copyPath, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	cp := openTest(t, copyPath, nil)
	if got := stored(t, cp, key2); got.State != Sent {
		t.Errorf("the backup has %s, want sent", got.State)
	}

	// Close folds in the last marks.
	key3 := begun(t, db, testDelivery("bdg/q1/c", "email", clock.Now()))
	if err := db.Sent(key3, ""); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if got := stored(t, ro, key3); got.State != Sent {
		t.Errorf("after Close: bbolt has %s, want sent", got.State)
	}
	if err := ro.Sent(key3, ""); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Sent on a read-only store: got %v, want ErrReadOnly", err)
	}
}

// TestSentFold: folding a mark in changes the record as Finish(Sent)
// would, and keeps everything else, the payload above all, whether the
// record is as the store writes them, written again byte for byte as
// encoding/json would write it, or written otherwise (by hand, or by
// another encoder), which is read through encoding/json.
func TestSentFold(t *testing.T) {
	clock := newClock()
	db := openTest(t, "", clock)
	payload := []byte(`{"about":"??? hội phụ nữ"}`)
	if enc := base64.StdEncoding.EncodeToString(payload); !strings.Contains(enc, "/") {
		t.Fatalf("the payload's base64 %s has no slash to escape", enc)
	}
	cases := []struct {
		name  string
		write func(v []byte) []byte // the record as another writer left it
	}{
		{"as the store writes it", nil},
		{"escaped payload", func(v []byte) []byte { return bytes.ReplaceAll(v, []byte("/"), []byte(`\/`)) }},
		{"indented", func(v []byte) []byte {
			var out bytes.Buffer
			if err := json.Indent(&out, v, "", "  "); err != nil {
				t.Fatal(err)
			}
			return out.Bytes()
		}},
		{"another field", func(v []byte) []byte { return append([]byte(`{"extra":[1],`), v[1:]...) }},
	}
	before := map[string]Delivery{}
	for i, tc := range cases {
		d := testDelivery(fmt.Sprintf("bdg/q1/%d", i), "email", clock.Now())
		d.Payload = payload
		key := begun(t, db, d)
		if tc.write != nil {
			v, err := json.Marshal(recordOf(ptr(stored(t, db, key))))
			if err != nil {
				t.Fatal(err)
			}
			err = db.bolt.Update(func(tx *bolt.Tx) error {
				return tx.Bucket(bucketDeliveries).Put([]byte(key), tc.write(v))
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		before[tc.name] = stored(t, db, key)
	}
	clock.Add(time.Minute)
	for _, tc := range cases {
		if err := db.Sent(before[tc.name].Key, "250 ok "+tc.name); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SetCheckpoint("bdg-2019", clock.Now()); err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		want := before[tc.name]
		want.State, want.SentAt, want.Updated, want.Where = Sent, clock.Now(), clock.Now(), "250 ok "+tc.name
		wantV, err := json.Marshal(recordOf(&want))
		if err != nil {
			t.Fatal(err)
		}
		if want, _, err = decodeSlow([]byte(want.Key), wantV); err != nil { // the times as stored
			t.Fatal(err)
		}
		var v []byte
		err = db.view(func(tx *bolt.Tx) error {
			v = bytes.Clone(tx.Bucket(bucketDeliveries).Get([]byte(want.Key)))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		got, _, err := decodeSlow([]byte(want.Key), v)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if diff := diffDelivery(got, want); diff != "" {
			t.Errorf("%s: folded in as %s: %s", tc.name, v, diff)
		}
		if !bytes.Equal(got.Payload, payload) {
			t.Errorf("%s: payload %q, want %q", tc.name, got.Payload, payload)
		}
		if tc.write == nil && !bytes.Equal(v, wantV) {
			t.Errorf("%s: got  %s\nwant %s", tc.name, v, wantV)
		}
	}
}

func ptr[T any](v T) *T { return &v }

// TestSentLine: a line of the journal is the mark as encoding/json writes
// it, which openSent reads back.
func TestSentLine(t *testing.T) {
	at := newClock().Now().Add(123 * time.Nanosecond)
	for _, m := range []sentMark{
		{Key: "bdg/q1/a/email", Where: "smtp 127.0.0.1:25 accepted: 250 2.0.0 Ok: queued as 4XyZ", At: at},
		{Key: "bdg/q1/a/sms", At: at.UTC()},
		{Key: `a "key" <with> \ escapes` + "\n", Where: "nơi <nhận> & \u2028 \xff", At: at.Local()},
		{Key: "zero time"},
	} {
		want, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		got, err := m.appendLine([]byte("prefix"))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != "prefix"+string(want)+"\n" {
			t.Errorf("got  %s\nwant prefix%s", got, want)
		}
		var back sentMark
		if err := json.Unmarshal(got[len("prefix"):], &back); err != nil || back.Key != m.Key || !back.At.Equal(m.At) {
			t.Errorf("%s read back as %+v, %v", got, back, err)
		}
	}
	bad := sentMark{Key: "k", At: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}
	if got, err := bad.appendLine([]byte("prefix")); err == nil || string(got) != "prefix" {
		t.Errorf("a time RFC 3339 cannot hold: got %q, %v; want an error", got, err)
	}
}
