package store

import (
	"errors"
	"fmt"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TestDeliveriesWith: every record is seen once, in key order, over more
// than one page of the walk, as it is stored; only the records asked for have their payload; fn may write; fn's error
// stops the walk; a damaged payload not asked for goes unnoticed, one
// asked for is ErrCorrupt.
func TestDeliveriesWith(t *testing.T) {
	clock := newClock()
	db := openTest(t, "", clock)
	const n = 2*scanPage + 17
	kinds := []string{"reminder", "overdue", "digest"}
	want := map[string]Delivery{}
	var ds []Delivery
	for i := range n {
		d := testDelivery(fmt.Sprintf("n%04d", i), "email", clock.Now())
		d.Kind = kinds[i%len(kinds)]
		ds = append(ds, d)
	}
	recs, _, err := db.BeginAll(ds)
	if err != nil {
		t.Fatal(err)
	}
	for i, rec := range recs {
		if i%2 == 0 {
			if err := db.Finish(rec.Key, Sent, "250 ok", "", time.Time{}); err != nil {
				t.Fatal(err)
			}
			rec.State, rec.Where = Sent, "250 ok"
		}
		want[rec.Key] = rec
	}

	var got []string
	payload := func(d *Delivery) bool {
		if d.Payload != nil {
			t.Errorf("%s: payload asked for with the payload %q", d.Key, d.Payload)
		}
		if w := want[d.Key]; d.State != w.State {
			t.Errorf("%s: payload asked for in state %s, want %s", d.Key, d.State, w.State)
		}
		return d.Kind == "overdue"
	}
	err = db.DeliveriesWith(payload, func(d Delivery) error {
		got = append(got, d.Key)
		w := want[d.Key]
		if d.Kind != "overdue" {
			w.Payload = nil
		}
		if d.State != w.State || d.Where != w.Where || d.Kind != w.Kind || string(d.Payload) != string(w.Payload) || (d.Payload == nil) != (w.Payload == nil) {
			t.Errorf("%s: got %s %q %s payload %q, want %s %q %s payload %q", d.Key, d.State, d.Where, d.Kind, d.Payload, w.State, w.Where, w.Kind, w.Payload)
		}
		// Writing from the callback must not deadlock.
		return db.SetCheckpoint("p", time.Unix(int64(len(got)), 0))
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != n {
		t.Fatalf("visited %d records, want %d", len(got), n)
	}
	for i, k := range got {
		if want := fmt.Sprintf("n%04d/email", i); k != want {
			t.Fatalf("record #%d = %s, want %s", i, k, want)
		}
	}

	stop := errors.New("stop")
	count := 0
	err = db.DeliveriesWith(func(*Delivery) bool { return true }, func(Delivery) error { count++; return stop })
	if err != stop || count != 1 {
		t.Errorf("with a failing callback: %v after %d calls, want stop after 1", err, count)
	}

	damaged := []byte(`{"id":"n0000","channel":"email","kind":"reminder","state":"sent","payload":"not base64!"}`)
	err = db.bolt.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketDeliveries).Put([]byte("n0000/email"), damaged) })
	if err != nil {
		t.Fatal(err)
	}
	count = 0
	err = db.DeliveriesWith(func(d *Delivery) bool { return d.Kind == "overdue" }, func(Delivery) error { count++; return nil })
	if err != nil || count != n {
		t.Errorf("a damaged payload not asked for: got %v after %d records, want all %d", err, count, n)
	}
	if err := db.Deliveries(func(Delivery) error { return nil }); !errors.Is(err, ErrCorrupt) {
		t.Errorf("a damaged payload asked for: got %v, want ErrCorrupt", err)
	}
}
