package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestJournalFolded: the marks an earlier build's crash left in its sent
// journal are folded in by the next Open that may write, as Finish with
// Sent at the mark's time, the payload kept; a line cut short by the
// crash, and a mark for a record that is final or gone, change nothing;
// the journal is then removed. A read-only Open leaves the journal alone.
func TestJournalFolded(t *testing.T) {
	clock := newClock()
	path := filepath.Join(t.TempDir(), "nhacviec.db")
	db := openTest(t, path, clock)
	a := begun(t, db, testDelivery("bdg/q1/a", "email", clock.Now()))
	b := begun(t, db, testDelivery("bdg/q1/b", "email", clock.Now()))
	c := begun(t, db, testDelivery("bdg/q1/c", "email", clock.Now()))
	d := testDelivery("bdg/q1/d", "email", clock.Now())
	d.Payload = []byte(`{"about":"??? hội phụ nữ"}`)
	dKey := begun(t, db, d)
	if err := db.Finish(dKey, Retrying, "", "421 later", clock.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := db.Finish(c, Failed, "", "550 no such user", time.Time{}); err != nil {
		t.Fatal(err)
	}
	before := stored(t, db, dKey)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	// What the journal holds after a crash: marks for a, c and d, one for
	// a record that does not exist, and b's cut short.
	lines := `{"key":"` + a + `","where":"250 ok","at":"2019-03-08T07:31:00+07:00"}` + "\n" +
		`{"key":"` + c + `","at":"2019-03-08T07:31:00+07:00"}` + "\n" +
		`{"key":"` + dKey + `","where":"250 queued","at":"2019-03-08T07:32:00.5+07:00"}` + "\n" +
		`{"key":"bdg/q1/zz/email","at":"2019-03-08T07:31:00+07:00"}` + "\n" +
		`{"key":"` + b + `","whe`
	if err := os.WriteFile(path+journalSuffix, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}

	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := stored(t, ro, a); got.State != Sending {
		t.Errorf("read-only: a is %s, want sending (not folded in)", got.State)
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	if raw, _ := os.ReadFile(path + journalSuffix); string(raw) != lines {
		t.Fatal("a read-only store changed the journal")
	}

	db = openTest(t, path, clock)
	at := time.Date(2019, 3, 8, 7, 31, 0, 0, clock.Now().Location())
	if got := stored(t, db, a); got.State != Sent || got.Where != "250 ok" || !got.SentAt.Equal(at) || !got.Updated.Equal(at) {
		t.Errorf("a: got %s %q at %v (updated %v), want sent with the reply at %v", got.State, got.Where, got.SentAt, got.Updated, at)
	}
	if got := stored(t, db, b); got.State != Sending {
		t.Errorf("b, whose mark was cut short: got %s, want sending (sent again)", got.State)
	}
	if got := stored(t, db, c); got.State != Failed || got.LastError != "550 no such user" {
		t.Errorf("c, failed before: got %s %q, want failed", got.State, got.LastError)
	}
	want := before
	want.State, want.Where, want.NextAttempt = Sent, "250 queued", time.Time{}
	want.SentAt = asStored(time.Date(2019, 3, 8, 7, 32, 0, 5e8, clock.Now().Location()))
	want.Updated = want.SentAt
	if diff := diffDelivery(stored(t, db, dKey), want); diff != "" {
		t.Errorf("d, retrying: %s", diff)
	}
	if q := queue(t, db); len(q) != 0 {
		t.Errorf("retry queue %v, want it empty: d was sent", q)
	}
	if _, err := db.Delivery("bdg/q1/zz/email"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a mark created a record: %v", err)
	}
	if _, err := os.Stat(path + journalSuffix); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the journal is still there after Open: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	// An empty journal, as a clean stop left it, is removed too.
	if err := os.WriteFile(path+journalSuffix, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	openTest(t, path, clock)
	if _, err := os.Stat(path + journalSuffix); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("an empty journal is still there after Open: %v", err)
	}
}
