package store

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func testDelivery(id, channel string, due time.Time) Delivery {
	return Delivery{
		ID: id, Channel: channel, Plan: "bdg-2019", Task: "bao-cao-quy", Unit: "hoi-phu-nu",
		Kind: "deadline", Rule: "deadline", Due: due, Payload: []byte(`{"id":"` + id + `"}`),
	}
}

// queue returns the retry queue as delivery keys, in queue order, and checks
// that each entry names a Retrying record with the same NextAttempt.
func queue(t *testing.T, db *DB) []string {
	t.Helper()
	var keys []string
	err := db.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketRetries).ForEach(func(k, _ []byte) error {
			key := string(k[8:])
			d, err := getDelivery(tx.Bucket(bucketDeliveries), key)
			if err != nil {
				return fmt.Errorf("queue entry %s: %w", key, err)
			}
			if d.State != Retrying || !reflect.DeepEqual(retryKey(d.NextAttempt, key), k) {
				return fmt.Errorf("queue entry %s (%x) does not match its record: %s at %v", key, k[:8], d.State, d.NextAttempt)
			}
			keys = append(keys, key)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

// stored returns the record of key as bbolt holds it.
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

// begun begins d, which must be begun, and returns its key.
func begun(t *testing.T, db *DB, d Delivery) string {
	t.Helper()
	if _, ok, err := db.Begin(d); err != nil || !ok {
		t.Fatalf("begin %s: ok=%v %v", d.ID, ok, err)
	}
	return DeliveryKey(d.ID, d.Channel)
}

func TestDeliveryKey(t *testing.T) {
	if got, want := DeliveryKey("bdg/t1/2019-03-08/hpn", "sms"), "bdg/t1/2019-03-08/hpn/sms"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestBeginFinishLifecycle(t *testing.T) {
	clock := newClock()
	db := openTest(t, "", clock)
	due := clock.Now()
	d := testDelivery("bdg/q1/hpn", "email", due)
	key := DeliveryKey(d.ID, d.Channel)

	rec, ok, err := db.Begin(d)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.Fatal("Begin of a new delivery: ok = false, want true")
	}
	want := d
	want.Key, want.State, want.Attempts, want.Updated, want.Started = key, Sending, 1, clock.Now(), clock.Now()
	if !reflect.DeepEqual(rec, want) {
		t.Errorf("Begin returned\n%+v\nwant\n%+v", rec, want)
	}
	stored, err := db.Delivery(key)
	if err != nil {
		t.Fatal(err)
	}
	if !stored.Updated.Equal(want.Updated) || !stored.Due.Equal(due) || stored.State != Sending || string(stored.Payload) != string(d.Payload) {
		t.Errorf("stored %+v, want %+v", stored, want)
	}

	// A temporary failure: into the retry queue.
	clock.Add(time.Minute)
	next := clock.Now().Add(2 * time.Minute)
	if err := db.Finish(key, Retrying, "421 try later", "421 try later", next); err != nil {
		t.Fatal(err)
	}
	got, err := db.Delivery(key)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != Retrying || !got.NextAttempt.Equal(next) || got.LastError != "421 try later" || got.Attempts != 1 {
		t.Errorf("after Finish(Retrying): %+v", got)
	}
	if q := queue(t, db); !reflect.DeepEqual(q, []string{key}) {
		t.Errorf("retry queue = %q, want %q", q, []string{key})
	}

	// The retry: out of the queue while it is sent.
	clock.Add(2 * time.Minute)
	rec, ok, err = db.Begin(got)
	if err != nil || !ok {
		t.Fatalf("Begin of a retry: ok=%v err=%v, want ok", ok, err)
	}
	if rec.Attempts != 2 || rec.State != Sending || !rec.NextAttempt.IsZero() || !rec.Started.Equal(want.Started) {
		t.Errorf("Begin of a retry returned %+v, want attempt 2, sending, started %v", rec, want.Started)
	}
	if q := queue(t, db); len(q) != 0 {
		t.Errorf("retry queue while sending = %q, want empty", q)
	}

	// Sent.
	clock.Add(time.Second)
	if err := db.Finish(key, Sent, "250 OK queued as 4821", "", time.Time{}); err != nil {
		t.Fatal(err)
	}
	got, err = db.Delivery(key)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != Sent || got.Where != "250 OK queued as 4821" || !got.SentAt.Equal(clock.Now()) || got.Attempts != 2 {
		t.Errorf("after Finish(Sent): %+v", got)
	}
	// Finishing again the same way is harmless; another way is refused.
	if err := db.Finish(key, Sent, "250 OK", "", time.Time{}); err != nil {
		t.Errorf("Finish(Sent) twice: %v", err)
	}
	if err := db.Finish(key, Failed, "", "x", time.Time{}); !errors.Is(err, ErrSettled) {
		t.Errorf("Finish(Failed) of a sent delivery: got %v, want ErrSettled", err)
	}
}

func TestBeginRefusesFinal(t *testing.T) {
	for _, state := range []State{Sent, Failed, Missed, Skipped} {
		t.Run(string(state), func(t *testing.T) {
			clock := newClock()
			db := openTest(t, "", clock)
			d := testDelivery("bdg/q1/hpn", "sms", clock.Now())
			key := DeliveryKey(d.ID, d.Channel)
			switch state {
			case Missed, Skipped:
				d.State, d.LastError = state, "why"
				if err := db.Record(d); err != nil {
					t.Fatal(err)
				}
			default:
				if _, _, err := db.Begin(d); err != nil {
					t.Fatal(err)
				}
				if err := db.Finish(key, state, "where", "why", time.Time{}); err != nil {
					t.Fatal(err)
				}
			}
			before, err := db.Delivery(key)
			if err != nil {
				t.Fatal(err)
			}
			clock.Add(time.Hour)
			rec, ok, err := db.Begin(d)
			if err != nil {
				t.Fatal(err)
			}
			if ok {
				t.Errorf("Begin of a %s delivery: ok = true, want false", state)
			}
			if !reflect.DeepEqual(rec, before) {
				t.Errorf("Begin returned %+v, want the stored %+v", rec, before)
			}
			after, err := db.Delivery(key)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(after, before) {
				t.Errorf("Begin changed the record: %+v, want %+v", after, before)
			}
		})
	}
}

func TestInFlightAfterCrash(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nhacviec.db")
	clock := newClock()
	db, err := Open(path, Options{Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	sent := testDelivery("bdg/q1/hpn", "email", clock.Now())
	crashed := testDelivery("bdg/q1/mttq", "email", clock.Now())
	for _, d := range []Delivery{sent, crashed} {
		if _, _, err := db.Begin(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Finish(DeliveryKey(sent.ID, sent.Channel), Sent, "outbox/1.eml", "", time.Time{}); err != nil {
		t.Fatal(err)
	}
	// The crash: no Finish for the second one.
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db = openTest(t, path, clock)
	inflight, err := db.InFlight()
	if err != nil {
		t.Fatal(err)
	}
	key := DeliveryKey(crashed.ID, crashed.Channel)
	if len(inflight) != 1 || inflight[0].Key != key || inflight[0].State != Sending || inflight[0].Attempts != 1 {
		t.Fatalf("InFlight() = %+v, want the one record %s in sending", inflight, key)
	}
	// The scheduler puts it back in the queue, due now: the one duplicate.
	if err := db.Finish(key, Retrying, "", "interrupted while sending", clock.Now()); err != nil {
		t.Fatal(err)
	}
	if inflight, err := db.InFlight(); err != nil || len(inflight) != 0 {
		t.Errorf("InFlight() after requeue = %+v, %v; want none", inflight, err)
	}
	due, err := db.DueRetries(clock.Now(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 1 || due[0].Key != key {
		t.Errorf("DueRetries = %+v, want %s", due, key)
	}
	rec, ok, err := db.Begin(due[0])
	if err != nil || !ok || rec.Attempts != 2 {
		t.Errorf("Begin after a crash: %+v ok=%v err=%v, want attempt 2", rec, ok, err)
	}
}

func TestRetryQueue(t *testing.T) {
	clock := newClock()
	db := openTest(t, "", clock)
	t0 := clock.Now()

	next, err := db.NextRetry()
	if err != nil || !next.IsZero() {
		t.Errorf("NextRetry of an empty queue = %v, %v; want zero", next, err)
	}
	// Begun in one order, due in another.
	retries := []struct {
		id  string
		in  time.Duration
		key string
	}{
		{id: "c", in: 30 * time.Minute},
		{id: "a", in: 10 * time.Minute},
		{id: "d", in: 20 * time.Minute},
		{id: "b", in: 20 * time.Minute}, // same time as d: key order
		{id: "e", in: 2 * time.Hour},
	}
	for i := range retries {
		r := &retries[i]
		d := testDelivery(r.id, "email", t0)
		r.key = DeliveryKey(r.id, "email")
		if _, _, err := db.Begin(d); err != nil {
			t.Fatal(err)
		}
		if err := db.Finish(r.key, Retrying, "", "timeout", t0.Add(r.in)); err != nil {
			t.Fatal(err)
		}
	}

	keys := func(ds []Delivery) []string {
		out := []string{}
		for _, d := range ds {
			out = append(out, d.Key)
		}
		return out
	}
	for _, tc := range []struct {
		now   time.Duration
		limit int
		want  []string
	}{
		{0, 0, []string{}},
		{10 * time.Minute, 0, []string{"a/email"}},
		{20 * time.Minute, 0, []string{"a/email", "b/email", "d/email"}},
		{time.Hour, 0, []string{"a/email", "b/email", "d/email", "c/email"}},
		{time.Hour, 2, []string{"a/email", "b/email"}},
		{3 * time.Hour, -1, []string{"a/email", "b/email", "d/email", "c/email", "e/email"}},
	} {
		t.Run(fmt.Sprintf("now+%v limit %d", tc.now, tc.limit), func(t *testing.T) {
			due, err := db.DueRetries(t0.Add(tc.now), tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			if got := keys(due); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	if next, err := db.NextRetry(); err != nil || !next.Equal(t0.Add(10*time.Minute)) {
		t.Errorf("NextRetry = %v, %v; want %v", next, err, t0.Add(10*time.Minute))
	}

	// Finished ones leave the queue; a rescheduled one moves in it.
	steps := []struct {
		name string
		do   func() error
		want []string
		next time.Duration
	}{
		{"a sent", func() error {
			if _, _, err := db.Begin(Delivery{ID: "a", Channel: "email"}); err != nil {
				return err
			}
			return db.Finish("a/email", Sent, "250 OK", "", time.Time{})
		}, []string{"b/email", "d/email", "c/email", "e/email"}, 20 * time.Minute},
		{"b failed", func() error {
			return db.Finish("b/email", Failed, "", "retried for 24h", time.Time{})
		}, []string{"d/email", "c/email", "e/email"}, 20 * time.Minute},
		{"d skipped", func() error {
			return db.Finish("d/email", Skipped, "", "condition met", time.Time{})
		}, []string{"c/email", "e/email"}, 30 * time.Minute},
		{"c rescheduled after e", func() error {
			return db.Finish("c/email", Retrying, "", "timeout again", t0.Add(3*time.Hour))
		}, []string{"e/email", "c/email"}, 2 * time.Hour},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got := queue(t, db); !reflect.DeepEqual(got, s.want) {
			t.Errorf("%s: queue = %q, want %q", s.name, got, s.want)
		}
		if next, err := db.NextRetry(); err != nil || !next.Equal(t0.Add(s.next)) {
			t.Errorf("%s: NextRetry = %v, %v; want %v", s.name, next, err, t0.Add(s.next))
		}
	}
}

func TestRecord(t *testing.T) {
	clock := newClock()
	db := openTest(t, "", clock)
	d := testDelivery("bdg/q1/hpn", "email", clock.Now().Add(-48*time.Hour))
	d.State, d.LastError = Missed, "late by 48h"
	for i := range 2 {
		if err := db.Record(d); err != nil {
			t.Fatalf("Record #%d: %v", i+1, err)
		}
	}
	got, err := db.Delivery(DeliveryKey(d.ID, d.Channel))
	if err != nil {
		t.Fatal(err)
	}
	if got.State != Missed || got.LastError != "late by 48h" || got.Attempts != 0 || !got.Updated.Equal(clock.Now()) {
		t.Errorf("recorded %+v", got)
	}
	// A record already there, whatever its state, is left alone.
	s := testDelivery("bdg/q1/mttq", "email", clock.Now())
	if _, _, err := db.Begin(s); err != nil {
		t.Fatal(err)
	}
	s.State = Skipped
	if err := db.Record(s); err != nil {
		t.Fatal(err)
	}
	if got, err := db.Delivery(DeliveryKey(s.ID, s.Channel)); err != nil || got.State != Sending {
		t.Errorf("Record over a sending record: %+v, %v; want it still sending", got, err)
	}

	for _, bad := range []Delivery{
		{ID: "x", Channel: "email", State: Sending},
		{ID: "x", Channel: "email", State: Sent},
		{ID: "x", Channel: "email"},
		{Channel: "email", State: Missed},
		{ID: "x", State: Missed},
		{ID: "x", Channel: "sms", Key: "x/email", State: Missed},
	} {
		if err := db.Record(bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("Record(%+v): got %v, want ErrInvalid", bad, err)
		}
	}
}

func TestFinishErrors(t *testing.T) {
	db := openTest(t, "", newClock())
	if _, _, err := db.Begin(Delivery{ID: "a", Channel: "sms"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		key   string
		state State
		next  time.Time
		want  error
	}{
		{"nope/sms", Sent, time.Time{}, ErrNotFound},
		{"a/sms", Sending, time.Time{}, ErrInvalid},
		{"a/sms", Pending, time.Time{}, ErrInvalid},
		{"a/sms", Retrying, time.Time{}, ErrInvalid},
		{"a/sms", "bounced", time.Time{}, ErrInvalid},
	} {
		if err := db.Finish(tc.key, tc.state, "", "", tc.next); !errors.Is(err, tc.want) {
			t.Errorf("Finish(%s, %s): got %v, want %v", tc.key, tc.state, err, tc.want)
		}
	}
	if _, err := db.Delivery("nope/sms"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Delivery of a missing key: got %v, want ErrNotFound", err)
	}
	if _, _, err := db.Begin(Delivery{ID: "a"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("Begin without a channel: got %v, want ErrInvalid", err)
	}
}

func TestHas(t *testing.T) {
	db := openTest(t, "", newClock())
	for _, d := range []Delivery{
		{ID: "bdg/t1/hpn", Channel: "sms"},
		{ID: "bdg/t2/hpn/extra", Channel: "email"},
	} {
		if _, _, err := db.Begin(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Record(Delivery{ID: "bdg/t3", Channel: "email", State: Missed}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		id   string
		want bool
	}{
		{"bdg/t1/hpn", true},
		{"bdg/t3", true},
		{"bdg/t2/hpn/extra", true},
		{"bdg/t2/hpn", false}, // only a longer id has records
		{"bdg/t1", false},
		{"bdg/t1/hp", false},
		{"other", false},
	} {
		got, err := db.Has(tc.id)
		if err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("Has(%q) = %v, want %v", tc.id, got, tc.want)
		}
	}
}

func TestDeliveries(t *testing.T) {
	db := openTest(t, "", newClock())
	const n = 2*scanPage + 17 // more than one page of the walk
	for i := n - 1; i >= 0; i-- {
		if err := db.Record(Delivery{ID: fmt.Sprintf("n%04d", i), Channel: "email", State: Missed}); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	err := db.Deliveries(func(d Delivery) error {
		got = append(got, d.Key)
		// Writing from the callback must not deadlock.
		return db.SetCheckpoint("p", time.Unix(int64(len(got)), 0))
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != n {
		t.Fatalf("Deliveries visited %d records, want %d", len(got), n)
	}
	for i, k := range got {
		if want := fmt.Sprintf("n%04d/email", i); k != want {
			t.Fatalf("record #%d = %s, want %s", i, k, want)
		}
	}
	stop := errors.New("stop")
	count := 0
	err = db.Deliveries(func(Delivery) error { count++; return stop })
	if err != stop || count != 1 {
		t.Errorf("Deliveries with a failing callback: %v after %d calls, want stop after 1", err, count)
	}
}

func TestCheckpoint(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nhacviec.db")
	clock := newClock()
	db, err := Open(path, Options{Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	if cp, err := db.Checkpoint("bdg"); err != nil || !cp.IsZero() {
		t.Errorf("Checkpoint before any = %v, %v; want zero", cp, err)
	}
	t1 := clock.Now()
	t2 := t1.Add(-time.Hour) // a clock jump backwards is allowed
	for _, set := range []struct {
		plan string
		at   time.Time
	}{{"bdg", t1}, {"other", t1.Add(time.Minute)}, {"bdg", t2}} {
		if err := db.SetCheckpoint(set.plan, set.at); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SetCheckpoint("", t1); !errors.Is(err, ErrInvalid) {
		t.Errorf("SetCheckpoint without a plan: got %v, want ErrInvalid", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = openTest(t, path, clock)
	for plan, want := range map[string]time.Time{"bdg": t2, "other": t1.Add(time.Minute), "none": {}} {
		got, err := db.Checkpoint(plan)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(want) {
			t.Errorf("Checkpoint(%s) = %v, want %v", plan, got, want)
		}
	}
}

// TestBeginAll: the intents of a batch are recorded together with their
// links; a final record in the batch is left alone; an invalid delivery
// fails the whole batch, which then records nothing.
func TestBeginAll(t *testing.T) {
	clock := newClock()
	db := openTest(t, "", clock)
	sent := testDelivery("bdg/q1/a", "email", clock.Now())
	if _, _, err := db.Begin(sent); err != nil {
		t.Fatal(err)
	}
	if err := db.Finish(DeliveryKey(sent.ID, sent.Channel), Sent, "250 ok", "", time.Time{}); err != nil {
		t.Fatal(err)
	}

	bad := testDelivery("", "email", clock.Now())
	fresh := testDelivery("bdg/q1/b", "email", clock.Now())
	fresh.Tokens = []string{"tok-b", "sms:b:1234:bdg/q1/b"}
	if _, _, err := db.BeginAll([]Delivery{fresh, bad}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("got %v, want ErrInvalid", err)
	}
	if _, err := db.Delivery(DeliveryKey(fresh.ID, fresh.Channel)); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a failed batch recorded an intent: %v", err)
	}
	if _, err := db.Token("tok-b"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a failed batch recorded a token: %v", err)
	}

	again := sent
	again.Tokens = []string{"tok-a"}
	recs, ok, err := db.BeginAll([]Delivery{fresh, again})
	if err != nil {
		t.Fatal(err)
	}
	if !ok[0] || recs[0].State != Sending || recs[0].Attempts != 1 || recs[0].Key != DeliveryKey(fresh.ID, fresh.Channel) {
		t.Errorf("fresh: got ok=%v %+v, want begun", ok[0], recs[0])
	}
	if len(recs[0].Tokens) != 0 {
		t.Errorf("the record returned carries tokens %q", recs[0].Tokens)
	}
	if ok[1] || recs[1].State != Sent {
		t.Errorf("sent: got ok=%v state %s, want it left sent", ok[1], recs[1].State)
	}
	for _, tok := range fresh.Tokens {
		payload, err := db.Token(tok)
		if err != nil {
			t.Fatalf("token %s: %v", tok, err)
		}
		if string(payload) != string(fresh.Payload) {
			t.Errorf("token %s stands for %s, want %s", tok, payload, fresh.Payload)
		}
	}
	// The token of a delivery not begun is not recorded.
	if _, err := db.Token("tok-a"); !errors.Is(err, ErrNotFound) {
		t.Errorf("token of a final delivery: got %v, want ErrNotFound", err)
	}
	inflight, err := db.InFlight()
	if err != nil {
		t.Fatal(err)
	}
	if len(inflight) != 1 || inflight[0].Key != DeliveryKey(fresh.ID, fresh.Channel) {
		t.Errorf("got in flight %+v, want the fresh delivery alone", inflight)
	}
}

// TestFinishAll: the records a stop interrupted are put back in the retry
// queue together, in one commit; if one of the keys cannot be finished,
// none is.
func TestFinishAll(t *testing.T) {
	clock := newClock()
	db := openTest(t, "", clock)
	var keys []string
	for _, id := range []string{"bdg/q1/a", "bdg/q1/b", "bdg/q1/c"} {
		keys = append(keys, begun(t, db, testDelivery(id, "email", clock.Now())))
	}
	err := db.FinishAll(append(keys[1:], "bdg/q1/unknown/email"), Retrying, "", "interrupted by a stop", clock.Now())
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "bdg/q1/unknown/email") {
		t.Fatalf("FinishAll with an unknown key: %v, want ErrNotFound naming it", err)
	}
	for _, k := range keys {
		if d := stored(t, db, k); d.State != Sending {
			t.Errorf("after a failed FinishAll, %s is %s, want sending", k, d.State)
		}
	}
	if err := db.FinishAll(keys, Retrying, "", "interrupted by a stop", clock.Now()); err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		if d := stored(t, db, k); d.State != Retrying || d.LastError != "interrupted by a stop" || !d.NextAttempt.Equal(clock.Now()) {
			t.Errorf("%s: %s %q next %v, want retrying, interrupted, next now", k, d.State, d.LastError, d.NextAttempt)
		}
	}
	if got := queue(t, db); len(got) != len(keys) {
		t.Errorf("retry queue %v, want the %d keys", got, len(keys))
	}
	if err := db.FinishAll(keys, Sending, "", "", time.Time{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("FinishAll as sending: %v, want ErrInvalid", err)
	}
}
