package store

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestRecordAckIdempotent(t *testing.T) {
	clock := newClock()
	db := openTest(t, "", clock)
	first := Ack{Subject: "bdg/q1/a7", Unit: "hoi-phu-nu", Kind: Received, By: "Chị Lan", Via: "web", Plan: "bdg-2019", Task: "q1"}

	stored, created, err := db.RecordAck(first)
	if err != nil {
		t.Fatal(err)
	}
	if !created {
		t.Error("first RecordAck: created = false, want true")
	}
	want := first
	want.At = clock.Now()
	if stored != want {
		t.Errorf("first RecordAck stored %+v, want %+v", stored, want)
	}

	clock.Add(time.Hour)
	repeat := first
	repeat.By, repeat.Via = "0912345678", "sms"
	stored, created, err = db.RecordAck(repeat)
	if err != nil {
		t.Fatal(err)
	}
	if created {
		t.Error("repeated RecordAck: created = true, want false")
	}
	if !stored.At.Equal(want.At) || stored.By != "Chị Lan" || stored.Via != "web" {
		t.Errorf("repeated RecordAck returned %+v, want the first one %+v", stored, want)
	}
	got, err := db.Ack(first.Subject, first.Unit, Received)
	if err != nil {
		t.Fatal(err)
	}
	if got.By != "Chị Lan" || !got.At.Equal(want.At) || got.Plan != "bdg-2019" || got.Task != "q1" {
		t.Errorf("Ack() = %+v, want %+v", got, want)
	}
	var all []Ack
	if err := db.Acks(func(a Ack) error { all = append(all, a); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 {
		t.Errorf("Acks holds %d records, want 1: %+v", len(all), all)
	}
	if _, err := db.Ack(first.Subject, first.Unit, Done); !errors.Is(err, ErrNotFound) {
		t.Errorf("Ack of a missing done: got %v, want ErrNotFound", err)
	}
}

func TestAckedIsDone(t *testing.T) {
	db := openTest(t, "", newClock())
	for _, a := range []Ack{
		{Subject: "notif-1", Unit: "hpn", Kind: Received},
		{Subject: "deadline-1", Unit: "hpn", Kind: Done},
		{Subject: "deadline-2", Unit: "mttq", Kind: Received},
	} {
		if _, _, err := db.RecordAck(a); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		subject, unit string
		acked, done   bool
	}{
		{"notif-1", "hpn", true, false},
		{"deadline-1", "hpn", true, true},
		{"deadline-2", "mttq", true, false},
		{"deadline-2", "hpn", false, false},
		{"notif-1", "mttq", false, false},
		{"notif", "hpn", false, false},
	} {
		acked, err := db.Acked(tc.subject, tc.unit)
		if err != nil {
			t.Fatal(err)
		}
		done, err := db.IsDone(tc.subject, tc.unit)
		if err != nil {
			t.Fatal(err)
		}
		if acked != tc.acked || done != tc.done {
			t.Errorf("(%s, %s): Acked %v IsDone %v, want %v %v", tc.subject, tc.unit, acked, done, tc.acked, tc.done)
		}
	}
}

func TestRecordAckInvalid(t *testing.T) {
	db := openTest(t, "", newClock())
	for _, a := range []Ack{
		{Unit: "hpn", Kind: Done},
		{Subject: "s", Kind: Done},
		{Subject: "s", Unit: "hpn"},
		{Subject: "s", Unit: "hpn", Kind: "seen"},
		{Subject: "s\x00t", Unit: "hpn", Kind: Done},
	} {
		if _, _, err := db.RecordAck(a); !errors.Is(err, ErrInvalid) {
			t.Errorf("RecordAck(%+q): got %v, want ErrInvalid", a, err)
		}
	}
}

func TestRecordAckConcurrent(t *testing.T) {
	db := openTest(t, "", newClock())
	const n = 64
	var created atomic.Int32
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	for i := range n {
		wg.Go(func() {
			// Each goroutine's own ack, and the same one for all: a unit
			// tapping the link while its SMS reply arrives.
			own := Ack{Subject: fmt.Sprintf("deadline-%02d", i), Unit: "hpn", Kind: Done, By: fmt.Sprint(i)}
			if _, c, err := db.RecordAck(own); err != nil {
				errs <- err
			} else if !c {
				errs <- fmt.Errorf("ack %s: created = false, want true", own.Subject)
			}
			shared := Ack{Subject: "notif-1", Unit: "hpn", Kind: Received, By: fmt.Sprint(i)}
			_, c, err := db.RecordAck(shared)
			if err != nil {
				errs <- err
			}
			if c {
				created.Add(1)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := created.Load(); got != 1 {
		t.Errorf("the shared ack was created %d times, want 1", got)
	}
	count := map[string]int{}
	if err := db.Acks(func(a Ack) error { count[a.Subject+"|"+a.Unit+"|"+string(a.Kind)]++; return nil }); err != nil {
		t.Fatal(err)
	}
	if len(count) != n+1 {
		t.Errorf("%d acks stored, want %d", len(count), n+1)
	}
	for k, c := range count {
		if c != 1 {
			t.Errorf("ack %s stored %d times, want 1", k, c)
		}
	}
	for i := range n {
		if done, err := db.IsDone(fmt.Sprintf("deadline-%02d", i), "hpn"); err != nil || !done {
			t.Errorf("IsDone(deadline-%02d) = %v, %v; want true", i, done, err)
		}
	}
}
